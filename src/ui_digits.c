/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_digits.c: large digits for the countdown, readable from a metre away. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "ui_int.h"
#include "util.h"

#define UI_DIGITS_ROWS	5

/* A 3x5 font for 0-9 and ':'; '#' is a filled pixel. */
static const char *const ui_digits_font[11][UI_DIGITS_ROWS] = {
	{ "###", "# #", "# #", "# #", "###" },
	{ " # ", "## ", " # ", " # ", "###" },
	{ "###", "  #", "###", "#  ", "###" },
	{ "###", "  #", "###", "  #", "###" },
	{ "# #", "# #", "###", "  #", "  #" },
	{ "###", "#  ", "###", "  #", "###" },
	{ "###", "#  ", "###", "# #", "###" },
	{ "###", "  #", "  #", "  #", "  #" },
	{ "###", "# #", "###", "# #", "###" },
	{ "###", "# #", "###", "  #", "###" },
	{ " ", "#", " ", "#", " " },
};

/* The glyph for a character, NULL if the font has none. */
static const char *const *
ui_digits_glyph(char c)
{
	if (c >= '0' && c <= '9')
		return ui_digits_font[c - '0'];
	if (c == ':')
		return ui_digits_font[10];
	return NULL;
}

/* Rows the large digits take. */
int
ui_digits_height(void)
{
	return UI_DIGITS_ROWS;
}

/* Columns s takes in large digits, each pixel scale columns wide, with a
 * one-pixel gap between glyphs. */
int
ui_digits_width(const char *s, int scale)
{
	const char *const	*g;
	int			 w = 0, n = 0;

	for (; *s != '\0'; s++) {
		if ((g = ui_digits_glyph(*s)) == NULL)
			continue;
		w += (int)strlen(g[0]) * scale;
		n++;
	}
	return n > 0 ? w + (n - 1) * scale : 0;
}

/* Draw s in large digits with its top left corner at y,x. */
void
ui_digits_draw(WINDOW *win, int y, int x, const char *s, int scale,
    bool utf8, attr_t attr)
{
	const char *const	*g;
	const char		*p;
	wchar_t			*row;
	int			 r, cx, k, n, width;

	width = ui_digits_width(s, scale);
	row = xreallocarray(NULL, (size_t)width + 1, sizeof *row);
	for (r = 0; r < UI_DIGITS_ROWS; r++) {
		n = 0;
		for (p = s; *p != '\0'; p++) {
			if ((g = ui_digits_glyph(*p)) == NULL)
				continue;
			if (n > 0)
				for (k = 0; k < scale; k++)
					row[n++] = L' ';
			for (cx = 0; g[r][cx] != '\0'; cx++)
				for (k = 0; k < scale; k++)
					row[n++] = g[r][cx] == ' ' ? L' ' :
					    utf8 ? 0x2588 : L'#';
		}
		row[n] = L'\0';
		ui_addw(win, y + r, x, n, row, attr);
	}
	free(row);
}
