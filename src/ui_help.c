/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_help.c: the "?" overlay with every key of the session screens. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "ui_int.h"
#include "util.h"

/* Each key with a long and a short description. */
static const struct {
	const char	*key;
	const char	*what;
	const char	*brief;
} ui_help_keys[] = {
	{ "space", "pause or go on", "pause" },
	{ "Enter", "next: start, continue, finish", "next" },
	{ "0-9", "how strong it is now (0 none)", "rate" },
	{ "t", "rate 10, the worst", "rate 10" },
	{ "b", "I am bracing or holding my breath", "bracing" },
	{ "r", "it let go: end the hold", "let go" },
	{ "+", "10 more seconds on this hold", "+10 s" },
	{ "s", "skip this side (or step)", "skip" },
	{ "S", "skip the whole point, both sides", "skip pt" },
	{ "y n", "answer yes or no", "yes/no" },
	{ "p", "back to the previous step", "back" },
	{ "[ ]", "volume down, up", "volume" },
	{ "m", "sound off or on", "mute" },
	{ "v", "voice off or on", "voice" },
	{ "?", "this help", "help" },
	{ "q", "stop the session (asks first)", "quit" },
};

/* A box from y,x of h rows and w columns, cleared inside. */
static void
ui_help_box(WINDOW *win, int y, int x, int h, int w)
{
	int	i;

	for (i = 0; i < h; i++)
		mvwhline(win, y + i, x, ' ', w);
	mvwhline(win, y, x + 1, ACS_HLINE, w - 2);
	mvwhline(win, y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvwvline(win, y + 1, x, ACS_VLINE, h - 2);
	mvwvline(win, y + 1, x + w - 1, ACS_VLINE, h - 2);
	mvwaddch(win, y, x, ACS_ULCORNER);
	mvwaddch(win, y, x + w - 1, ACS_URCORNER);
	mvwaddch(win, y + h - 1, x, ACS_LLCORNER);
	mvwaddch(win, y + h - 1, x + w - 1, ACS_LRCORNER);
}

/* Draw the key list over whatever is on the screen: one key a line when
 * there is room, else two a line with short words. */
void
ui_help_draw(WINDOW *win, int rows, int cols, attr_t title, attr_t normal)
{
	int	n = (int)nitems(ui_help_keys), lines, h, w, y, x, i, half;
	bool	two;

	two = rows < n + 4;
	lines = two ? (n + 1) / 2 : n;
	h = lines + 4;
	if (h > rows)
		h = rows;
	w = two ? 40 : 50;
	if (w > cols)
		w = cols;
	y = (rows - h) / 2;
	x = (cols - w) / 2;
	ui_help_box(win, y, x, h, w);
	ui_puts(win, y + 1, x + 2, w - 4, title, "Keys");
	half = (w - 4) / 2;
	for (i = 0; i < n && (two ? i / 2 : i) < h - 4; i++) {
		if (two)
			ui_printf(win, y + 2 + i / 2, x + 2 + (i % 2) * half,
			    half - 1, normal, "%-5s %s", ui_help_keys[i].key,
			    ui_help_keys[i].brief);
		else
			ui_printf(win, y + 2 + i, x + 2, w - 4, normal,
			    "%-7s %s", ui_help_keys[i].key,
			    ui_help_keys[i].what);
	}
	ui_puts(win, y + h - 2, x + 2, w - 4, A_DIM,
	    "Any key closes this.");
}
