/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_notice.c: the notice of the status line, wrapped over the lines
 * above it when the window is narrower than it, so that it is never cut:
 * it may say that the session is not being saved. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>

#include "ui_int.h"

/* The rows the notice takes at this width, at most max (0 if none). */
int
ui_notice_rows(const struct ui *ui, int width, int max)
{
	struct ui_lines	l = { 0 };
	int		n;

	if (ui->notice == NULL || width <= 0 || max <= 0)
		return 0;
	ui_wrap(ui->notice, width, "", "", A_NORMAL, &l);
	n = l.n < max ? l.n : max;
	ui_lines_free(&l);
	return n;
}

/* Draw the notice in rows y - rows + 1 .. y from column x, width columns
 * wide; the rows above y are cleared first, over clear columns. Ends with
 * an ellipsis if it needs more rows. */
void
ui_notice_draw(struct ui *ui, int y, int rows, int x, int width, int clear)
{
	struct ui_lines	l = { 0 };
	attr_t		attr = ui_attr(ui, UR_STATUS);
	int		i, top;

	if (ui->notice == NULL || width <= 0 || rows <= 0)
		return;
	ui_wrap(ui->notice, width, "", "", attr, &l);
	if (l.n > rows)
		ui_lines_ellipsize(&l, rows - 1, width, ui->utf8);
	if (l.n < rows)
		rows = l.n;
	top = y - rows + 1;
	for (i = 0; i < rows; i++) {
		if (top + i < y)
			mvwhline(stdscr, top + i, x, ' ', clear);
		ui_addw(stdscr, top + i, x, width, l.v[i], l.a[i]);
	}
	ui_lines_free(&l);
}
