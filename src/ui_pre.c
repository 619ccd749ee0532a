/* ui_pre.c: before the first step: the routine, its safety notes, how the
 * coaching works, and an optional "how much does it hurt now". */
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
	unsigned	 i;

	if (n == 0)
		return;
	line = xstrdup("");
	for (i = 0; i < n; i++) {
		xasprintf(&tmp, "%s%s%s", line, i > 0 ? ", " : "", v[i]);
		free(line);
		line = tmp;
	}
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

/* The text of the page: what the routine is, then safety. */
static void
ui_pre_body(struct ui *ui, const struct sess_view *v, int width,
    struct ui_lines *l)
{
	const struct routine	*rt = ui->rt;
	const char		*bullet = ui->utf8 ? "\xe2\x80\xa2 " : "* ";
	char			 len[32], *s;
	unsigned		 i, ease = RT_DEFAULT_EASE_OFF;

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

	ui_wrap("", width, "", "", A_NORMAL, l);
	ui_wrap("Before you start", width, "", "", ui_attr(ui, UR_TITLE), l);
	for (i = 0; i < rt->n_safety; i++)
		ui_wrap(rt->safety[i], width, bullet, "  ", A_NORMAL, l);
	ui_wrap("Press until you feel something is happening, but never so "
	    "hard that you brace or hold your breath.", width, bullet, "  ",
	    A_NORMAL, l);
	ui_wrap("Breathe slowly and deeply during each hold, and let the "
	    "muscle soften.", width, bullet, "  ", A_NORMAL, l);
	if (rt->ease_off_at > 0)
		ease = rt->ease_off_at;
	xasprintf(&s, "Rate the discomfort from 0 to 10 when asked; at %u or "
	    "more, ease off.", ease);
	ui_wrap(s, width, bullet, "  ", A_NORMAL, l);
	free(s);
	ui_wrap("If it becomes too much, ease off at once: this is not \"no "
	    "pain, no gain\".", width, bullet, "  ", A_NORMAL, l);
}

/* Draw the screen before the first step. */
void
ui_pre_draw(struct ui *ui, const struct sess_view *v, int rows, int cols)
{
	static const struct ui_key keys[] = {
		{ "Enter start", 0 }, { "0-9 t rate", 2 }, { "? keys", 1 },
		{ "q quit", 0 }
	};
	struct ui_lines	 body = { 0 };
	struct ui_page	 pg;
	char		 right[32];

	if (ui->rt == NULL)
		return;
	ui_pre_body(ui, v, cols - 2, &body);
	ui_duration(right, sizeof right, v->routine_total);
	memset(&pg, 0, sizeof pg);
	pg.title = ui->rt->title != NULL ? ui->rt->title : "";
	pg.right = right;
	pg.body = &body;
	pg.prompt = "How much does it hurt now? 0-9, t for 10, Enter to start:";
	if (cols < 70)
		pg.prompt = "Hurts now? 0-9, t = 10:";
	pg.rating = v->pre_pain;
	pg.keys = keys;
	pg.n_keys = (int)nitems(keys);
	ui_page_draw(ui, &pg, rows, cols);
	ui_lines_free(&body);
}
