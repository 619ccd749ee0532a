/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_aftercare.c: after the last step: aftercare and the closing rating. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "aftercare.h"
#include "routine.h"
#include "ui_int.h"
#include "util.h"

/* The text of the page: standard aftercare, then the routine's own. */
static void
ui_aftercare_body(struct ui *ui, const struct sess_view *v, int width,
    struct ui_lines *l)
{
	const char		*bullet = ui->utf8 ? "\xe2\x80\xa2 " : "* ";
	const char		**lines;
	char			*s;
	size_t			 i;

	ui_wrap("Well done. Take care of yourself now:", width, "", "",
	    ui_attr(ui, UR_TITLE), l);
	lines = aftercare_list(ui->rt, v->aftercare);
	for (i = 0; lines[i] != NULL; i++)
		ui_wrap(lines[i], width, bullet, "  ", A_NORMAL, l);
	free(lines);
	if (v->pre_pain >= 0) {
		ui_wrap("", width, "", "", A_NORMAL, l);
		xasprintf(&s, "Before the session you rated it %d of 10.",
		    v->pre_pain);
		ui_wrap(s, width, "", "", A_DIM, l);
		free(s);
	}
}

/* Draw the aftercare screen. */
void
ui_aftercare_draw(struct ui *ui, const struct sess_view *v, int rows,
    int cols)
{
	static const struct ui_key keys[] = {
		{ "Enter finish", 0 }, { "0-9 t rate", 2 }, { "? keys", 1 },
		{ "q quit", 0 }
	};
	struct ui_lines	 body = { 0 };
	struct ui_page	 pg;

	ui_aftercare_body(ui, v, cols - 2, &body);
	memset(&pg, 0, sizeof pg);
	pg.title = ui->rt != NULL && ui->rt->title != NULL ? ui->rt->title :
	    "";
	pg.right = "Aftercare";
	pg.body = &body;
	pg.prompt = "How does it feel now? 0-9, t for 10, Enter to finish:";
	if (cols < 70)
		pg.prompt = "Now? 0-9, t = 10:";
	pg.rating = v->post_pain;
	pg.keys = keys;
	pg.n_keys = (int)nitems(keys);
	ui_page_draw(ui, &pg, rows, cols);
	ui_lines_free(&body);
}
