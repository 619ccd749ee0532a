/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_bodymap.c: the body map figure beside a hold's instructions: the
 * point of the side that runs (or comes next) marked, its referral area
 * shaded. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>

#include "bodymap.h"
#include "routine.h"
#include "ui_int.h"
#include "util.h"

/* Columns kept for the text beside the figure, at the least. */
#define UI_BODYMAP_TEXT_MIN	40

/* Whether this view has a figure to show. */
static bool
ui_bodymap_wanted(const struct ui *ui, const struct sess_view *v)
{
	return ui->utf8 && v->st != NULL && v->st->kind == RT_HOLD &&
	    v->st->where != NULL &&
	    (v->state == SS_STEP || v->state == SS_SWITCH);
}

/* The figure's size for a region of rows next to text in cols columns:
 * the large form, else the small one, else false. */
bool
ui_bodymap_fit(const struct ui *ui, const struct sess_view *v, int rows,
    int cols, int *frows, int *fcols)
{
	if (!ui_bodymap_wanted(ui, v))
		return false;
	if (rows >= BODYMAP_ROWS &&
	    cols - BODYMAP_COLS - 2 >= UI_BODYMAP_TEXT_MIN + 16) {
		*frows = BODYMAP_ROWS;
		*fcols = BODYMAP_COLS;
		return true;
	}
	if (rows >= BODYMAP_SMALL_ROWS &&
	    cols - BODYMAP_SMALL_COLS - 2 >= UI_BODYMAP_TEXT_MIN) {
		*frows = BODYMAP_SMALL_ROWS;
		*fcols = BODYMAP_SMALL_COLS;
		return true;
	}
	return false;
}

/* The attribute of a cell of the figure. */
static attr_t
ui_bodymap_attr(const struct ui *ui, enum bodymap_role role)
{
	switch (role) {
	case BODYMAP_MARK:
		return ui_attr(ui, UR_WARN) | A_BOLD;
	case BODYMAP_SHADE:
		return ui_attr(ui, UR_CALM);
	case BODYMAP_LABEL:
		return ui_attr(ui, UR_DIM);
	default:
		return ui_attr(ui, UR_NORMAL);
	}
}

/* Draw the figure at y, x in frows x fcols cells. */
void
ui_bodymap_draw(struct ui *ui, const struct sess_view *v, int y, int x,
    int frows, int fcols)
{
	struct bodymap_cell	*cells;
	int			 r, c, side;

	side = v->state == SS_SWITCH ? RT_SIDE_RIGHT : (int)v->side;
	cells = xcalloc((size_t)frows * fcols, sizeof *cells);
	bodymap_render(v->st->where, side, fcols, frows, cells);
	for (r = 0; r < frows; r++) {
		for (c = 0; c < fcols; c++)
			ui_puts(stdscr, y + r, x + c, 1,
			    ui_bodymap_attr(ui, cells[r * fcols + c].role),
			    cells[r * fcols + c].ch);
	}
	free(cells);
}
