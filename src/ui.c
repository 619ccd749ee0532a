/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui.c: what every curses screen (ui_*.c) shares: a terminal set up as
 * they want it, colours, and the text and drawing helpers. The session's
 * front end is ui_session.c. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <langinfo.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "text.h"
#include "ui_int.h"
#include "util.h"

/* Colour pairs, one per role that has a colour. */
static const struct {
	short	fg, bg;
} ui_pairs[UR_COUNT] = {
	[UR_CALM] = { COLOR_CYAN, -1 },
	[UR_WARN] = { COLOR_WHITE, COLOR_RED },
	[UR_BREATH] = { COLOR_CYAN, -1 },
	[UR_BAR] = { COLOR_GREEN, -1 },
	[UR_PROMPT] = { COLOR_YELLOW, -1 },
	[UR_STATUS] = { COLOR_YELLOW, -1 },
};

/* Set up colour pairs if the terminal has colours; *color says if it did. */
static void
ui_colors_init(bool *color)
{
	int	i, bg_default;

	if (!*color || !has_colors() || start_color() == ERR) {
		*color = false;
		return;
	}
	bg_default = use_default_colors() == OK;
	for (i = 0; i < UR_COUNT; i++) {
		if (ui_pairs[i].fg == 0 && ui_pairs[i].bg == 0)
			continue;
		init_pair((short)i, ui_pairs[i].fg, ui_pairs[i].bg == -1 &&
		    !bg_default ? COLOR_BLACK : ui_pairs[i].bg);
	}
	*color = true;
}

/* The attribute for a role, in colour or monochrome. */
attr_t
ui_role_attr(bool color, enum ui_role role)
{
	switch (role) {
	case UR_TITLE:
		return A_BOLD;
	case UR_DIM:
		return A_DIM;
	case UR_CALM:
		return color ? COLOR_PAIR(UR_CALM) : A_NORMAL;
	case UR_WARN:
		return color ? COLOR_PAIR(UR_WARN) | A_BOLD :
		    A_REVERSE | A_BOLD;
	case UR_BREATH:
		return color ? COLOR_PAIR(UR_BREATH) | A_BOLD : A_BOLD;
	case UR_BAR:
		return color ? COLOR_PAIR(UR_BAR) : A_NORMAL;
	case UR_PROMPT:
		return color ? COLOR_PAIR(UR_PROMPT) | A_BOLD :
		    A_BOLD | A_UNDERLINE;
	case UR_STATUS:
		return color ? COLOR_PAIR(UR_STATUS) : A_BOLD;
	case UR_DIGITS:
		return A_BOLD;
	case UR_SELECT:
		return A_REVERSE;
	default:
		return A_NORMAL;
	}
}

/* The attribute for a role on this screen. */
attr_t
ui_attr(const struct ui *ui, enum ui_role role)
{
	return ui_role_attr(ui->color, role);
}

/* True for the characters that reorder text on a terminal. */
static bool
ui_bidi(wchar_t wc)
{
	return (wc >= 0x202a && wc <= 0x202e) || (wc >= 0x2066 &&
	    wc <= 0x2069) || wc == 0x200e || wc == 0x200f || wc == 0x061c;
}

/* A wide copy of untrusted UTF-8 text that is safe to put on the screen:
 * tabs made spaces, then sanitized, and anything unprintable (or
 * undecodable in this locale) made a replacement character; newlines are
 * kept. */
wchar_t *
ui_wide(const char *s)
{
	char		*clean, *tabs, *t;
	const char	*p, *end;
	wchar_t		*w, wc;
	mbstate_t	 mbs;
	size_t		 len, n = 0, k;
	bool		 utf8;

	tabs = xstrdup(s != NULL ? s : "");
	for (t = tabs; (t = strchr(t, '\t')) != NULL; t++)
		*t = ' ';
	clean = text_sanitize(tabs);
	free(tabs);
	len = strlen(clean);
	utf8 = MB_CUR_MAX > 1;
	w = xreallocarray(NULL, len + 1, sizeof *w);
	memset(&mbs, 0, sizeof mbs);
	for (p = clean, end = clean + len; p < end; p += k) {
		k = mbrtowc(&wc, p, (size_t)(end - p), &mbs);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&mbs, 0, sizeof mbs);
			wc = L'?';
			k = 1;
		}
		if (wc != L'\n' && (ui_bidi(wc) || wcwidth(wc) < 0 ||
		    (wc < 0x100 && !iswprint((wint_t)wc))))
			wc = utf8 ? 0xfffd : L'?';
		w[n++] = wc;
	}
	w[n] = L'\0';
	free(clean);
	return w;
}

/* Columns of one character from ui_wide(). */
static int
ui_wcwidth(wchar_t wc)
{
	int	w = wcwidth(wc);

	return w < 0 ? 1 : w;
}

/* Columns of a wide string from ui_wide(), up to a newline. */
int
ui_wswidth(const wchar_t *s)
{
	int	w = 0;

	for (; *s != L'\0' && *s != L'\n'; s++)
		w += ui_wcwidth(*s);
	return w;
}

/* Put a wide string at y,x, at most maxcols columns and up to a newline;
 * returns the columns used. */
int
ui_addw(WINDOW *win, int y, int x, int maxcols, const wchar_t *s,
    attr_t attr)
{
	wchar_t	*buf;
	int	 used = 0, cw, n = 0;
	size_t	 len;

	if (maxcols <= 0 || y < 0 || x < 0)
		return 0;
	len = wcslen(s);
	buf = xreallocarray(NULL, len + 1, sizeof *buf);
	for (; *s != L'\0' && *s != L'\n'; s++) {
		cw = ui_wcwidth(*s);
		if (cw == 0 && n == 0)
			continue;
		if (used + cw > maxcols)
			break;
		buf[n++] = *s;
		used += cw;
	}
	buf[n] = L'\0';
	if (n > 0) {
		wattr_on(win, attr, NULL);
		mvwaddnwstr(win, y, x, buf, n);
		wattr_off(win, attr, NULL);
	}
	free(buf);
	return used;
}

/* Put untrusted UTF-8 text at y,x in at most maxcols columns. */
int
ui_puts(WINDOW *win, int y, int x, int maxcols, attr_t attr, const char *s)
{
	wchar_t	*w;
	int	 used;

	w = ui_wide(s);
	used = ui_addw(win, y, x, maxcols, w, attr);
	free(w);
	return used;
}

/* Put untrusted text at y,x in maxcols columns, ending in an ellipsis if
 * it does not all fit. */
int
ui_puts_cut(WINDOW *win, int y, int x, int maxcols, attr_t attr,
    const char *s, bool utf8)
{
	struct ui_lines	 l = { 0 };
	wchar_t		*w;
	int		 used;

	w = ui_wide(s);
	ui_lines_add(&l, w, wcscspn(w, L"\n"), attr);
	if (w[wcscspn(w, L"\n")] != L'\0' || ui_wswidth(w) > maxcols)
		ui_lines_ellipsize(&l, 0, maxcols, utf8);
	used = ui_addw(win, y, x, maxcols, l.v[0], attr);
	ui_lines_free(&l);
	free(w);
	return used;
}

/* Format and put text at y,x in at most maxcols columns. */
int
ui_printf(WINDOW *win, int y, int x, int maxcols, attr_t attr,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 used;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	used = ui_puts(win, y, x, maxcols, attr, s);
	free(s);
	return used;
}

/* Put text centred on row y of a window cols wide. */
void
ui_center(WINDOW *win, int y, int cols, attr_t attr, const char *s)
{
	wchar_t	*w;
	int	 width, x;

	w = ui_wide(s);
	width = ui_wswidth(w);
	x = width >= cols ? 0 : (cols - width) / 2;
	ui_addw(win, y, x, cols, w, attr);
	free(w);
}

/* Add a copy of one line to a list, with its attribute. */
void
ui_lines_add(struct ui_lines *l, const wchar_t *s, size_t len, attr_t attr)
{
	wchar_t	*copy;

	copy = xreallocarray(NULL, len + 1, sizeof *copy);
	memcpy(copy, s, len * sizeof *copy);
	copy[len] = L'\0';
	l->v = xreallocarray(l->v, (size_t)l->n + 1, sizeof *l->v);
	l->a = xreallocarray(l->a, (size_t)l->n + 1, sizeof *l->a);
	l->v[l->n] = copy;
	l->a[l->n] = attr;
	l->n++;
}

/* Free a list of lines and leave it empty. */
void
ui_lines_free(struct ui_lines *l)
{
	int	i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	free(l->a);
	memset(l, 0, sizeof *l);
}

/* Make line i end in an ellipsis within width columns: there is more. */
void
ui_lines_ellipsize(struct ui_lines *l, int i, int width, bool utf8)
{
	wchar_t	*s, *p;
	size_t	 len;
	int	 used = 0;

	if (i < 0 || i >= l->n)
		return;
	s = l->v[i];
	len = wcslen(s);
	s = l->v[i] = xreallocarray(s, len + 4, sizeof *s);
	for (p = s; *p != L'\0'; p++) {
		if (used + ui_wcwidth(*p) > width - (utf8 ? 1 : 3))
			break;
		used += ui_wcwidth(*p);
	}
	if (utf8)
		wcscpy(p, L"\x2026");
	else
		wcscpy(p, L"...");
}

/* Wrap one paragraph p[0..n) into lines of at most width columns, the first
 * behind first, the others behind indent (both wide strings). */
static void
ui_wrap_para(const wchar_t *p, size_t n, int width, const wchar_t *first,
    const wchar_t *indent, attr_t attr, struct ui_lines *out)
{
	const wchar_t	*prefix = first;
	wchar_t		*line;
	size_t		 pos = 0, i, end, next, plen;
	long		 lastsp;
	int		 avail, col, cw;

	line = xreallocarray(NULL, n + wcslen(first) + wcslen(indent) + 1,
	    sizeof *line);
	do {
		plen = wcslen(prefix);
		avail = width - ui_wswidth(prefix);
		if (avail < 1)
			avail = 1;
		if (prefix != first)
			while (pos < n && p[pos] == L' ')
				pos++;
		col = 0;
		lastsp = -1;
		for (i = pos; i < n; i++) {
			cw = ui_wcwidth(p[i]);
			if (col + cw > avail)
				break;
			if (p[i] == L' ')
				lastsp = (long)i;
			col += cw;
		}
		if (i < n && lastsp > (long)pos) {
			end = (size_t)lastsp;
			next = end + 1;
		} else if (i < n) {
			end = i > pos ? i : pos + 1;
			next = end;
		} else
			end = next = n;
		while (end > pos && p[end - 1] == L' ')
			end--;
		memcpy(line, prefix, plen * sizeof *line);
		memcpy(line + plen, p + pos, (end - pos) * sizeof *line);
		ui_lines_add(out, line, plen + end - pos, attr);
		pos = next;
		prefix = indent;
	} while (pos < n);
	free(line);
}

/* Wrap untrusted UTF-8 text to width columns and add the lines to out:
 * first goes before the first line of each paragraph, indent before the
 * others (e.g. "• " and "  "). */
void
ui_wrap(const char *s, int width, const char *first, const char *indent,
    attr_t attr, struct ui_lines *out)
{
	wchar_t	*w, *wf, *wi, *p, *nl;
	size_t	 n;

	w = ui_wide(s);
	wf = ui_wide(first);
	wi = ui_wide(indent);
	/* A block scalar's final newline is not an empty paragraph. */
	for (n = wcslen(w); n > 0 && w[n - 1] == L'\n'; n--)
		w[n - 1] = L'\0';
	for (p = w;; p = nl + 1) {
		nl = wcschr(p, L'\n');
		ui_wrap_para(p, nl != NULL ? (size_t)(nl - p) : wcslen(p),
		    width, wf, wi, attr, out);
		if (nl == NULL)
			break;
	}
	free(wi);
	free(wf);
	free(w);
}

/* A bar width columns wide filled to frac (0..1), with eighth blocks in
 * UTF-8 and '#' otherwise. */
void
ui_bar(WINDOW *win, int y, int x, int width, double frac, bool utf8,
    attr_t attr)
{
	static const wchar_t	 part[] = L" \x258f\x258e\x258d\x258c\x258b"
				     L"\x258a\x2589";
	wchar_t			*fill, *rest;
	long			 units;
	int			 full, i, n = 0;

	if (width <= 0)
		return;
	if (!(frac > 0))
		frac = 0;
	if (frac > 1)
		frac = 1;
	units = (long)(frac * width * (utf8 ? 8 : 1));
	full = (int)(utf8 ? units / 8 : units);
	fill = xreallocarray(NULL, (size_t)width + 1, sizeof *fill);
	rest = xreallocarray(NULL, (size_t)width + 1, sizeof *rest);
	for (i = 0; i < full; i++)
		fill[i] = utf8 ? 0x2588 : L'#';
	fill[full] = L'\0';
	if (utf8 && full < width && units % 8 != 0)
		rest[n++] = part[units % 8];
	while (full + n < width) {
		rest[n] = utf8 ? 0x2591 : L'-';
		n++;
	}
	rest[n] = L'\0';
	if (full > 0)
		ui_addw(win, y, x, full, fill, attr);
	if (n > 0) {
		if (utf8 && units % 8 != 0 && full < width) {
			ui_addw(win, y, x + full, 1, rest, attr);
			ui_addw(win, y, x + full + 1, n - 1, rest + 1, A_DIM);
		} else
			ui_addw(win, y, x + full, n, rest, A_DIM);
	}
	free(rest);
	free(fill);
}

/* A rough length for a list: "45 s", "12 min", "1 h 05 min". */
void
ui_duration(char *buf, size_t size, int64_t ms)
{
	long	s = (long)((ms + 500) / 1000), m;

	if (s < 60)
		snprintf(buf, size, "%ld s", s);
	else if ((m = (s + 30) / 60) < 60)
		snprintf(buf, size, "%ld min", m);
	else
		snprintf(buf, size, "%ld h %02ld min", m / 60, m % 60);
}

/* A clock reading: "0:45", "12:00", "1:05:00". */
void
ui_clock(char *buf, size_t size, long s)
{
	if (s < 0)
		s = 0;
	if (s >= 3600)
		snprintf(buf, size, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60,
		    s % 60);
	else
		snprintf(buf, size, "%ld:%02ld", s / 60, s % 60);
}

/* The notice for a window below the smallest size. */
void
ui_too_small(WINDOW *win, int rows, int cols)
{
	char	buf[64];

	snprintf(buf, sizeof buf, "need %dx%d", UI_MIN_COLS, UI_MIN_ROWS);
	ui_center(win, rows > 1 ? rows / 2 - 1 : 0, cols, A_BOLD,
	    "Window too small");
	if (rows > 1)
		ui_center(win, rows / 2, cols, A_NORMAL, buf);
}

/* On a window below the smallest size, show its notice on stdscr (shown
 * at once) and return true; else false, nothing drawn. */
bool
ui_too_small_shown(int rows, int cols)
{
	if (rows >= UI_MIN_ROWS && cols >= UI_MIN_COLS)
		return false;
	ui_too_small(stdscr, rows, cols);
	wnoutrefresh(stdscr);
	doupdate();
	return true;
}

/* Draw lines from *scroll into rows rows at y, with a "more" marker when
 * they do not all fit; clamps *scroll and returns the largest scroll. */
int
ui_body_draw(WINDOW *win, int y, int rows, int cols,
    const struct ui_lines *l, int *scroll, bool utf8, attr_t dim)
{
	int	i, shown, max;

	if (rows <= 0)
		return 0;
	if (l->n <= rows) {
		*scroll = 0;
		shown = l->n;
		max = 0;
	} else {
		shown = rows > 1 ? rows - 1 : 1;
		max = l->n - shown;
	}
	if (*scroll > max)
		*scroll = max;
	if (*scroll < 0)
		*scroll = 0;
	for (i = 0; i < shown; i++)
		ui_addw(win, y + i, 1, cols - 2, l->v[*scroll + i],
		    l->a[*scroll + i]);
	if (max > 0 && shown < rows) {
		ui_printf(win, y + shown, 1, cols - 2, dim, "%s %s",
		    *scroll < max ? (utf8 ? "\xe2\x96\xbc more" : "v more") :
		    (utf8 ? "\xe2\x96\xb2 top" : "^ top"),
		    utf8 ? "(\xe2\x86\x91\xe2\x86\x93 scroll)" :
		    "(arrows scroll)");
	}
	return max;
}

/* A line of key help: the items that fit, in their order, leaving out the
 * least important (highest prio, the last of equals) first. */
void
ui_keyline(WINDOW *win, int y, int cols, attr_t attr,
    const struct ui_key *items, int n)
{
	bool	 keep[32];
	char	*line, *tmp;
	int	 i, width, kept, drop;

	if (n > (int)nitems(keep))
		n = (int)nitems(keep);
	for (i = 0; i < n; i++)
		keep[i] = true;
	for (kept = n; kept > 1; kept--) {
		width = -2;
		for (i = 0; i < n; i++)
			if (keep[i])
				width += text_width(items[i].label) + 2;
		if (width <= cols - 2)
			break;
		drop = -1;
		for (i = 0; i < n; i++)
			if (keep[i] && (drop < 0 ||
			    items[i].prio >= items[drop].prio))
				drop = i;
		if (drop < 0)
			break;
		keep[drop] = false;
	}
	line = xstrdup("");
	for (i = 0; i < n; i++) {
		if (!keep[i])
			continue;
		xasprintf(&tmp, "%s%s%s", line, *line != '\0' ? "  " : "",
		    items[i].label);
		free(line);
		line = tmp;
	}
	ui_puts(win, y, 1, cols - 2, attr, line);
	free(line);
}

/* Set when Ctrl-C is pressed while a screen of the picker waits for a key. */
static volatile sig_atomic_t ui_intr;

/* Note Ctrl-C for the screen waiting for a key. */
static void
ui_intr_note(int sig)
{
	(void)sig;
	ui_intr = 1;
}

/* Catch Ctrl-C until ui_intr_release(): wget_wch() then fails with EINTR
 * and ui_interrupted() is true, so the screen can leave as it would for a
 * key. Called before newterm(), which would otherwise put a handler of its
 * own in place of the default one, ending the program with status 1. */
void
ui_intr_catch(struct sigaction *old)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_intr_note;
	sigemptyset(&sa.sa_mask);
	ui_intr = 0;
	sigaction(SIGINT, &sa, old);
}

/* Put back what Ctrl-C did before ui_intr_catch(). */
void
ui_intr_release(const struct sigaction *old)
{
	sigaction(SIGINT, old, NULL);
}

/* True once Ctrl-C was pressed since ui_intr_catch(). */
bool
ui_interrupted(void)
{
	return ui_intr != 0;
}

/* A page with a header, scrolling text, a 0-10 question, key help and the
 * status line: the frame of the PRE and AFTERCARE screens. */
void
ui_page_draw(struct ui *ui, const struct ui_page *pg, int rows, int cols)
{
	char	rating[16];
	int	rw, n, x, nr;

	rw = text_width(pg->right);
	ui_puts(stdscr, 0, cols - 1 - rw, rw, ui_attr(ui, UR_DIM), pg->right);
	ui_puts_cut(stdscr, 0, 1, cols - rw - 4, ui_attr(ui, UR_TITLE),
	    pg->title, ui->utf8);
	n = rows - 5 - (rows >= 16 ? 1 : 0);
	/* A notice wider than the window takes rows from the text. */
	nr = ui_notice_rows(ui, cols - 2, n);
	if (nr > 1) {
		n -= nr - 1;
		rows -= nr - 1;
	}
	ui->scroll_max = ui_body_draw(stdscr, 2, n, cols, pg->body,
	    &ui->scroll, ui->utf8, ui_attr(ui, UR_DIM));
	ui->body_shown = pg->body->n <= n ? pg->body->n : n > 1 ? n - 1 : 1;
	x = 1 + ui_puts(stdscr, rows - 3, 1, cols - 6,
	    ui_attr(ui, UR_PROMPT), pg->prompt);
	if (pg->rating >= 0)
		snprintf(rating, sizeof rating, " %d ", pg->rating);
	else
		snprintf(rating, sizeof rating, " _ ");
	ui_puts(stdscr, rows - 3, x + 1, cols - x - 2,
	    ui_attr(ui, UR_SELECT), rating);
	ui_keyline(stdscr, rows - 2, cols, ui_attr(ui, UR_DIM), pg->keys,
	    pg->n_keys);
	if (nr > 0)
		ui_notice_draw(ui, rows - 1 + (nr - 1), nr, 1, cols - 2,
		    cols - 2);
}

/* Set up a curses screen on a terminal (term NULL: $TERM) as every screen
 * here wants it: keys one at a time, no echo, no cursor; colours if *color
 * and the terminal has them. NULL with *cause. */
SCREEN *
ui_newterm(const char *term, FILE *out, FILE *in, bool *color, bool *utf8,
    char **cause)
{
	SCREEN		*screen;
	const char	*name;

	if ((screen = newterm(term, out, in)) == NULL) {
		name = term != NULL ? term : getenv("TERM");
		xasprintf(cause, "cannot use terminal type \"%s\"",
		    name != NULL ? name : "");
		return NULL;
	}
	set_term(screen);
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	leaveok(stdscr, TRUE);
	curs_set(0);
	ui_colors_init(color);
	*utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	return screen;
}
