/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_pre.c: before the first step: the routine, its safety notes, how the
 * coaching works, and an optional "how much does it hurt now". */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "routine.h"
#include "sign.h"
#include "text.h"
#include "ui_int.h"
#include "util.h"

/* Add a list of strings as one line: "Label: a, b, c". */
static void
ui_pre_list(const char *label, char **v, unsigned n, int width,
    struct ui_lines *l)
{
	char		*line, *tmp;

	if (n == 0)
		return;
	line = text_join(v, n, ", ");
	xasprintf(&tmp, "%s: ", label);
	ui_wrap(line, width, tmp, "  ", A_NORMAL, l);
	free(tmp);
	free(line);
}

/* Add text from outside the routine (sanitised) as a dim paragraph. */
static void
ui_pre_safe(const char *text, int width, const char *first,
    struct ui_lines *l)
{
	char	*s;

	s = text_sanitize(text);
	ui_wrap(s, width, first, "  ", A_DIM, l);
	free(s);
}

/* The safety notes and the coaching rules, under "Before you start". */
static void
ui_pre_safety(struct ui *ui, int width, struct ui_lines *l)
{
	const struct routine	*rt = ui->rt;
	const char		*bullet = ui->utf8 ? "\xe2\x80\xa2 " : "* ";
	char			*s;
	size_t			 i;

	ui_wrap("Before you start", width, "", "", ui_attr(ui, UR_TITLE), l);
	for (i = 0; i < rt->n_safety; i++)
		ui_wrap(rt->safety[i], width, bullet, "  ", A_NORMAL, l);
	for (i = 0; (s = routine_coaching_rule(rt, i)) != NULL; i++) {
		ui_wrap(s, width, bullet, "  ", A_NORMAL, l);
		free(s);
	}
}

/* The text of the page: safety first, then what the routine is. Returns
 * the number of lines the safety notes and coaching rules take, which
 * must all have been on screen before Enter starts. */
static int
ui_pre_body(struct ui *ui, const struct sess_view *v, int width,
    struct ui_lines *l)
{
	const struct routine	*rt = ui->rt;
	char			 len[32], *s;
	int			 must;

	ui_pre_safety(ui, width, l);
	must = l->n;
	ui_wrap("", width, "", "", A_NORMAL, l);
	if (rt->summary != NULL) {
		ui_wrap(rt->summary, width, "", "", A_NORMAL, l);
		ui_wrap("", width, "", "", A_NORMAL, l);
	}
	ui_pre_list("Works on", rt->targets, rt->n_targets, width, l);
	ui_pre_list("Eases", rt->relieves, rt->n_relieves, width, l);
	ui_pre_list("You need", rt->tools, rt->n_tools, width, l);
	ui_duration(len, sizeof len, v->routine_total);
	xasprintf(&s, "Length: about %s", len);
	ui_wrap(s, width, "", "", A_NORMAL, l);
	free(s);
	if (rt->progress_note != NULL)
		ui_wrap(rt->progress_note, width, "", "  ", A_NORMAL, l);
	if (rt->author != NULL)
		ui_wrap(rt->author, width, "By: ", "  ", A_DIM, l);
	if (rt->assigned_to != NULL)
		ui_wrap(rt->assigned_to, width, "For: ", "  ", A_DIM, l);
	s = sign_summary(rt->file, calendar_now());
	ui_pre_safe(s, width, "Signature: ", l);
	free(s);
	if (rt->notes != NULL)
		ui_wrap(rt->notes, width, "Notes: ", "  ", A_NORMAL, l);
	return must;
}

/* The 0-10 question, saying what Enter does now. */
static void
ui_pre_prompt(struct ui *ui, int cols, struct ui_page *pg)
{
	if (cols < 70)
		pg->prompt = "Hurts now? 0-9, t = 10:";
	else
		pg->prompt = ui->pre_seen ? "How much does it hurt now? 0-9, "
		    "t for 10, Enter to start:" : "How much does it hurt now? "
		    "0-9, t for 10; Enter reads on:";
}

/* Enter on the screen before the first step: while some safety note or
 * coaching rule has not been on screen, show the next page instead of
 * starting. True if Enter was taken for that. */
bool
ui_pre_enter(struct ui *ui)
{
	if (ui->last_state != SS_PRE || ui->pre_seen || ui->body_shown <= 0)
		return false;
	if (ui->pre_paged)	/* typed ahead: the last page was not drawn */
		return true;
	ui->pre_paged = true;
	ui->scroll += ui->body_shown;
	if (ui->scroll > ui->scroll_max)
		ui->scroll = ui->scroll_max;
	return true;
}

/* Draw the screen before the first step. */
void
ui_pre_draw(struct ui *ui, const struct sess_view *v, int rows, int cols)
{
	static const struct ui_key keys[] = {
		{ "Enter start", 0 }, { "0-9 t rate", 2 }, { "? keys", 1 },
		{ "q quit", 0 }
	};
	static const struct ui_key more[] = {
		{ "Enter read on", 0 }, { "0-9 t rate", 2 }, { "? keys", 1 },
		{ "q quit", 0 }
	};
	struct ui_lines	 body = { 0 };
	struct ui_page	 pg;
	char		 right[32];
	int		 must;

	if (ui->rt == NULL)
		return;
	must = ui_pre_body(ui, v, cols - 2, &body);
	ui->pre_paged = false;
	ui_duration(right, sizeof right, v->routine_total);
	memset(&pg, 0, sizeof pg);
	pg.title = ui->rt->title != NULL ? ui->rt->title : "";
	pg.right = right;
	pg.body = &body;
	pg.rating = v->pre_pain;
	pg.keys = keys;
	pg.n_keys = (int)nitems(keys);
	/* Drawn once to learn what is on screen, again if that was all. */
	pg.prompt = "";
	if (!ui->pre_seen) {
		pg.keys = more;
		pg.n_keys = (int)nitems(more);
	}
	ui_pre_prompt(ui, cols, &pg);
	ui_page_draw(ui, &pg, rows, cols);
	if (!ui->pre_seen && ui->scroll + ui->body_shown >= must) {
		ui->pre_seen = true;
		pg.keys = keys;
		pg.n_keys = (int)nitems(keys);
		ui_pre_prompt(ui, cols, &pg);
		werase(stdscr);
		ui_page_draw(ui, &pg, rows, cols);
	}
	ui_lines_free(&body);
}
