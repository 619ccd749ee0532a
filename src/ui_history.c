/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_history.c: the history of one routine, from the picker: per session
 * and per point, discomfort and time to release as sparklines. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "history.h"
#include "text.h"
#include "ui_int.h"
#include "util.h"

/* A line of wide characters being put together. */
struct ui_history_line {
	wchar_t	*v;
	size_t	 n, cap;
	int	 cols;
	bool	 utf8;
};

/* Append one character of cw columns. */
static void
ui_history_char(struct ui_history_line *l, wchar_t wc, int cw)
{
	if (l->n + 2 > l->cap) {
		l->cap = l->cap * 2 + 64;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	l->v[l->n++] = wc;
	l->cols += cw;
}

/* Append untrusted text in a field of width columns (0: as is): padded,
 * or cut with an ellipsis and a space before the next field. */
static void
ui_history_put(struct ui_history_line *l, const char *s, int width)
{
	wchar_t	*w, *p;
	int	 start = l->cols, cut, cw;

	w = ui_wide(s);
	cut = width > 0 && ui_wswidth(w) > width;
	for (p = w; *p != L'\0' && *p != L'\n'; p++) {
		cw = wcwidth(*p) < 0 ? 1 : wcwidth(*p);
		if (cut && l->cols - start + cw > width - 2)
			break;
		ui_history_char(l, *p, cw);
	}
	free(w);
	if (cut)
		ui_history_char(l, l->utf8 ? 0x2026 : L'~', 1);
	while (l->cols - start < width)
		ui_history_char(l, L' ', 1);
}

/* Move a finished line to the list and start again. */
static void
ui_history_flush(struct ui_history_line *l, attr_t attr,
    struct ui_lines *out)
{
	ui_lines_add(out, l->v != NULL ? l->v : L"", l->n, attr);
	l->n = 0;
	l->cols = 0;
}

/* A sparkline of the last width values, low to high over lo..hi; missing
 * values (< 0) are a dot. */
static void
ui_history_spark(struct ui_history_line *l, const double *v, size_t n,
    double lo, double hi, int width, bool utf8)
{
	static const char *const blocks[] = {
		"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
		"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"
	};
	static const char *const ascii[] = {
		"_", ".", "-", "~", "=", "+", "*", "#"
	};
	size_t	i, first = n > (size_t)width ? n - (size_t)width : 0;
	int	level, start = l->cols;

	for (i = first; i < n; i++) {
		if (v[i] < 0) {
			ui_history_put(l, utf8 ? "\xc2\xb7" : " ", 0);
			continue;
		}
		level = hi > lo ? (int)((v[i] - lo) / (hi - lo) * 7 + 0.5) : 0;
		if (level < 0)
			level = 0;
		if (level > 7)
			level = 7;
		ui_history_put(l, utf8 ? blocks[level] : ascii[level], 0);
	}
	while (l->cols < start + width)
		ui_history_put(l, " ", 0);
}

/* The last value that is not missing, as text. */
static void
ui_history_latest(char *buf, size_t size, const double *v, size_t n,
    bool seconds)
{
	size_t	i;

	snprintf(buf, size, "-");
	for (i = n; i > 0; i--)
		if (v[i - 1] >= 0) {
			if (seconds)
				snprintf(buf, size, "%.0f s", v[i - 1] / 1000);
			else
				snprintf(buf, size, "%.0f", v[i - 1]);
			return;
		}
}

/* The largest value, or 0. */
static double
ui_history_max(const double *v, size_t n)
{
	double	m = 0;
	size_t	i;

	for (i = 0; i < n; i++)
		if (v[i] > m)
			m = v[i];
	return m;
}

/* One labelled sparkline row: "Label  ▂▃▅▇  latest". */
static void
ui_history_row(const char *label, int lw, const double *v, size_t n,
    double hi, bool seconds, int sw, bool utf8, struct ui_lines *out)
{
	struct ui_history_line	l = { .utf8 = utf8 };
	char			latest[32];

	ui_history_put(&l, label, lw);
	ui_history_put(&l, " ", 0);
	ui_history_spark(&l, v, n, 0, hi, sw, utf8);
	ui_history_latest(latest, sizeof latest, v, n, seconds);
	ui_history_put(&l, " ", 0);
	ui_history_put(&l, latest, 0);
	ui_history_flush(&l, A_NORMAL, out);
	free(l.v);
}

/* A date as YYYY-MM-DD in local time, "?" if it is not on the calendar. */
static void
ui_history_date(char *buf, size_t size, time_t t)
{
	calendar_format(buf, size, "%Y-%m-%d", t, false);
}

/* The sessions part: counts, then per session peak, before, after. */
static void
ui_history_sessions(struct hist_session *s, size_t n, int width, bool utf8,
    attr_t title, struct ui_lines *out)
{
	double	*peak, *pre, *post;
	char	 first[32], last[32], *line;
	size_t	 i, done = 0;
	int	 sw = width >= 70 ? 30 : width - 22;

	for (i = 0; i < n; i++)
		if (s[i].outcome != NULL && strcmp(s[i].outcome,
		    "completed") == 0)
			done++;
	ui_history_date(first, sizeof first, s[n - 1].start);
	ui_history_date(last, sizeof last, s[0].start);
	xasprintf(&line, "%zu session%s, %zu completed; first %s, last %s",
	    n, n == 1 ? "" : "s", done, first, last);
	ui_wrap(line, width, "", "  ", A_NORMAL, out);
	free(line);
	ui_wrap("", width, "", "", A_NORMAL, out);
	ui_wrap("Discomfort per session (0-10), oldest to newest", width,
	    "", "", title, out);
	peak = xcalloc(n, sizeof *peak);
	pre = xcalloc(n, sizeof *pre);
	post = xcalloc(n, sizeof *post);
	for (i = 0; i < n; i++) {
		peak[i] = s[n - 1 - i].peak;
		pre[i] = s[n - 1 - i].pre_pain;
		post[i] = s[n - 1 - i].post_pain;
	}
	ui_history_row("Peak", 12, peak, n, 10, false, sw, utf8, out);
	ui_history_row("Before", 12, pre, n, 10, false, sw, utf8, out);
	ui_history_row("After", 12, post, n, 10, false, sw, utf8, out);
	free(post);
	free(pre);
	free(peak);
}

/* A point's name, "title (side)", in a field of width columns: when it
 * does not fit, the title is shortened and the side kept, so that the
 * rows of the two sides of a point never look the same. */
static void
ui_history_name(struct ui_history_line *l, const char *title,
    const char *side, int width)
{
	char	*name, *sfx;
	int	 sw;

	if (side == NULL || *side == '\0') {
		ui_history_put(l, title, width);
		return;
	}
	xasprintf(&name, "%s (%s)", title, side);
	xasprintf(&sfx, "(%s)", side);
	sw = text_width(sfx);
	if (text_width(name) <= width - 1 || width - sw - 1 < 4)
		ui_history_put(l, name, width);
	else {
		ui_history_put(l, title, width - sw - 1);
		ui_history_put(l, sfx, sw + 1);
	}
	free(sfx);
	free(name);
}

/* The points part: peak discomfort and time to release per session. */
static void
ui_history_points(struct hist_point *p, size_t n, int width, bool utf8,
    attr_t title, struct ui_lines *out)
{
	struct ui_history_line	 l = { .utf8 = utf8 };
	double			*peak, *rel;
	char			*name, latest[32];
	size_t			 i, k;
	int			 sw = width >= 70 ? 16 : 10, nw;
	bool			 two;

	ui_wrap("", width, "", "", A_NORMAL, out);
	ui_wrap("Points: peak discomfort, and time until it let go", width,
	    "", "", title, out);
	nw = width - 2 * (sw + 8);
	two = nw < 16;
	if (!two) {
		ui_history_put(&l, "", nw);
		ui_history_put(&l, "peak", sw + 7);
		ui_history_put(&l, "let go after", 0);
		ui_history_flush(&l, A_DIM, out);
	}
	for (i = 0; i < n; i++) {
		peak = xcalloc(p[i].n + 1, sizeof *peak);
		rel = xcalloc(p[i].n + 1, sizeof *rel);
		for (k = 0; k < p[i].n; k++) {
			peak[k] = p[i].v[k].peak;
			rel[k] = (double)p[i].v[k].release_ms;
		}
		xasprintf(&name, "%s%s%s%s", p[i].title != NULL ? p[i].title :
		    "", p[i].side != NULL && *p[i].side != '\0' ? " (" : "",
		    p[i].side != NULL ? p[i].side : "", p[i].side != NULL &&
		    *p[i].side != '\0' ? ")" : "");
		if (two) {
			ui_wrap(name, width, "", "  ", A_BOLD, out);
			ui_history_row("  pain", 10, peak, p[i].n, 10, false,
			    width - 16, utf8, out);
			ui_history_row("  let go", 10, rel, p[i].n,
			    ui_history_max(rel, p[i].n), true, width - 16,
			    utf8, out);
		} else {
			ui_history_name(&l, p[i].title != NULL ? p[i].title :
			    "", p[i].side, nw);
			ui_history_spark(&l, peak, p[i].n, 0, 10, sw, utf8);
			ui_history_latest(latest, sizeof latest, peak, p[i].n,
			    false);
			ui_history_put(&l, " ", 0);
			ui_history_put(&l, latest, 6);
			ui_history_spark(&l, rel, p[i].n, 0,
			    ui_history_max(rel, p[i].n), sw, utf8);
			ui_history_latest(latest, sizeof latest, rel, p[i].n,
			    true);
			ui_history_put(&l, " ", 0);
			ui_history_put(&l, latest, 0);
			ui_history_flush(&l, A_NORMAL, out);
		}
		free(name);
		free(rel);
		free(peak);
	}
	free(l.v);
}

/* Build the text of the history screen for one routine. */
static void
ui_history_body(const char *id, int width, bool utf8, attr_t title,
    struct ui_lines *out)
{
	struct history		*h;
	struct hist_filter	 f;
	struct hist_session	*s = NULL;
	struct hist_point	*p = NULL;
	size_t			 ns = 0, np = 0;
	char			*cause = NULL;

	if ((h = history_open_read(NULL, &cause)) == NULL) {
		ui_wrap(cause, width, "The history cannot be read: ", "  ",
		    A_NORMAL, out);
		free(cause);
		return;
	}
	memset(&f, 0, sizeof f);
	f.routine_id = id;
	if (history_sessions(h, &f, &s, &ns, &cause) != 0) {
		ui_wrap(cause, width, "The history cannot be read: ", "  ",
		    A_NORMAL, out);
		free(cause);
	} else if (ns == 0)
		ui_wrap("No sessions of this routine yet.", width, "", "",
		    A_NORMAL, out);
	else {
		ui_history_sessions(s, ns, width, utf8, title, out);
		if (history_points(h, &f, &p, &np, &cause) != 0) {
			ui_wrap(cause, width, "Points: ", "  ", A_NORMAL,
			    out);
			free(cause);
		} else if (np > 0)
			ui_history_points(p, np, width, utf8, title, out);
		history_points_free(p, np);
	}
	history_sessions_free(s, ns);
	history_close(h);
}

/* Show the history of a routine until the person leaves it. */
void
ui_history_show(bool color, bool utf8, const char *id, const char *title)
{
	static const struct ui_key keys[] = {
		{ "\xe2\x86\x91\xe2\x86\x93 scroll", 1 }, { "q back", 0 }
	};
	static const struct ui_key keys_ascii[] = {
		{ "arrows scroll", 1 }, { "q back", 0 }
	};
	struct ui_lines	 body = { 0 };
	wint_t		 key;
	int		 rows, cols, scroll = 0, max = 0, width = -1, rc;

	while (!ui_interrupted()) {
		getmaxyx(stdscr, rows, cols);
		if (cols - 2 != width) {
			ui_lines_free(&body);
			width = cols - 2;
			ui_history_body(id, width, utf8,
			    ui_role_attr(color, UR_TITLE), &body);
		}
		werase(stdscr);
		if (rows < UI_MIN_ROWS || cols < UI_MIN_COLS)
			ui_too_small(stdscr, rows, cols);
		else {
			ui_printf(stdscr, 0, 1, cols - 2,
			    ui_role_attr(color, UR_TITLE), "History: %s",
			    title != NULL ? title : id);
			max = ui_body_draw(stdscr, 2, rows - 4, cols, &body,
			    &scroll, utf8, ui_role_attr(color, UR_DIM));
			ui_keyline(stdscr, rows - 1, cols,
			    ui_role_attr(color, UR_DIM), utf8 ? keys :
			    keys_ascii, 2);
		}
		wnoutrefresh(stdscr);
		doupdate();
		errno = 0;
		rc = wget_wch(stdscr, &key);
		if (rc == ERR) {
			if (errno != EINTR || ui_interrupted())
				break;
			continue;
		}
		if (rc == KEY_CODE_YES) {
			if (key == KEY_UP || key == KEY_PPAGE)
				scroll -= key == KEY_UP ? 1 : rows - 5;
			else if (key == KEY_DOWN || key == KEY_NPAGE)
				scroll += key == KEY_DOWN ? 1 : rows - 5;
			if (scroll > max)
				scroll = max;
			if (scroll < 0)
				scroll = 0;
			continue;
		}
		if (key == 3)	/* ^C read as a key: as the signal */
			raise(SIGINT);
		if (key == L'q' || key == L'h' || key == L'\t' || key == 27 ||
		    key == L'\r' || key == L'\n' || key == 3)
			break;
		if (key == L'j' || key == L'k')
			scroll += key == L'j' ? (scroll < max) : -(scroll > 0);
	}
	ui_lines_free(&body);
}
