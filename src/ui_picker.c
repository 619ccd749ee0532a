/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_picker.c: choose a routine: a list with title, length and targets.
 * Every printable key goes to the filter; arrows, ^N/^P, PgUp/PgDn and
 * Home/End move, Enter starts, Tab shows the history, Esc clears the filter
 * or leaves. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wctype.h>

#include "calendar.h"
#include "sign.h"
#include "text.h"
#include "ui.h"
#include "ui_int.h"
#include "util.h"

#define UI_PICKER_FILTER	64	/* longest filter, in characters */

/* The picker's state. */
struct ui_picker {
	const struct library	 *lib;
	wchar_t			**hay;		/* per entry, lower case */
	wchar_t			**name;		/* title and id, lower case */
	size_t			 *match;	/* entries shown, in order */
	size_t			  n_match;
	size_t			  sel;		/* index into match */
	size_t			  top;		/* first row shown */
	wchar_t			  filter[UI_PICKER_FILTER + 1];
	size_t			  flen;
	bool			  color;
	bool			  utf8;
	char			 *notice;
	size_t			  sig_for;	/* entry + 1 of sig, 0: none */
	char			 *sig;		/* its signature, sanitised */
};

/* Lower-case a wide string in place. */
static void
ui_picker_lower(wchar_t *s)
{
	for (; *s != L'\0'; s++)
		*s = (wchar_t)towlower((wint_t)*s);
}

/* What the filter is matched against for one entry: with all (false),
 * its title and id only. */
static wchar_t *
ui_picker_hay(const struct lib_entry *e, bool all)
{
	wchar_t	*w;
	char	*s;

	xasprintf(&s, "%s %s %s %s", e->title != NULL ? e->title : "",
	    e->id != NULL ? e->id : "", all && e->targets != NULL ?
	    e->targets : "", all && e->summary != NULL ? e->summary : "");
	w = ui_wide(s);
	free(s);
	ui_picker_lower(w);
	return w;
}

/* True if every word of the filter is in hay. */
static bool
ui_picker_matches(const struct ui_picker *pk, const wchar_t *hay)
{
	wchar_t	 f[UI_PICKER_FILTER + 1], *word, *save = NULL;

	memcpy(f, pk->filter, sizeof f);
	ui_picker_lower(f);
	for (word = wcstok(f, L" ", &save); word != NULL;
	    word = wcstok(NULL, L" ", &save))
		if (wcsstr(hay, word) == NULL)
			return false;
	return true;
}

/* Recompute the matching entries: those whose title or id match first,
 * then those that match in their targets or summary. A filter selects the
 * first of them; with none, the selection stays where it was. */
static void
ui_picker_refilter(struct ui_picker *pk)
{
	size_t	i, old = SIZE_MAX;
	int	pass;
	bool	in_name;

	if (pk->n_match > 0)
		old = pk->match[pk->sel];
	pk->n_match = 0;
	pk->sel = 0;
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < pk->lib->n; i++) {
			if (!ui_picker_matches(pk, pk->hay[i]))
				continue;
			in_name = ui_picker_matches(pk, pk->name[i]);
			if (in_name != (pass == 0))
				continue;
			if (i == old && pk->flen == 0)
				pk->sel = pk->n_match;
			pk->match[pk->n_match++] = i;
		}
	pk->top = 0;
}

/* Move the selection by n rows, within the list. */
static void
ui_picker_move(struct ui_picker *pk, long n)
{
	long	sel = (long)pk->sel + n;

	if (pk->n_match == 0)
		return;
	if (sel < 0)
		sel = 0;
	if (sel >= (long)pk->n_match)
		sel = (long)pk->n_match - 1;
	pk->sel = (size_t)sel;
}

/* Columns for the titles: as wide as the widest, within reason. */
static int
ui_picker_title_width(const struct ui_picker *pk, int cols)
{
	const struct lib_entry	*e;
	size_t			 i;
	int			 w = 10, tw;

	for (i = 0; i < pk->n_match; i++) {
		e = &pk->lib->v[pk->match[i]];
		tw = text_width(e->title != NULL ? e->title : e->id);
		if (tw > w)
			w = tw;
	}
	if (cols < 60)
		return cols - 2 - 10;
	return w + 1 < (cols - 2) * 55 / 100 ? w + 1 : (cols - 2) * 55 / 100;
}

/* One row of the list: title, length, targets. */
static void
ui_picker_row(struct ui_picker *pk, const struct lib_entry *e, int y,
    int cols, int tw, bool selected)
{
	char	len[32];
	attr_t	a = selected ? ui_role_attr(pk->color, UR_SELECT) : A_NORMAL;
	int	lx;

	if (selected)
		mvwhline(stdscr, y, 0, (chtype)' ' | a, cols);
	ui_duration(len, sizeof len, (int64_t)(e->seconds * 1000));
	ui_puts(stdscr, y, 0, 2, a, selected ? (pk->utf8 ?
	    "\xe2\x96\xb8 " : "> ") : "  ");
	ui_puts_cut(stdscr, y, 2, tw - 1, a | (selected ? A_BOLD : 0),
	    e->title != NULL ? e->title : e->id, pk->utf8);
	lx = 2 + tw + 7 - (int)strlen(len);
	ui_puts(stdscr, y, lx, (int)strlen(len), a, len);
	if (cols >= 60 && e->targets != NULL)
		ui_puts_cut(stdscr, y, 2 + tw + 9, cols - (2 + tw + 9) - 1,
		    selected ? a : ui_role_attr(pk->color, UR_DIM),
		    e->targets, pk->utf8);
}

/* The signature line of entry k, checked once while it stays selected. */
static const char *
ui_picker_sig(struct ui_picker *pk, size_t k)
{
	char	*s;

	if (pk->sig_for != k + 1) {
		free(pk->sig);
		s = sign_summary(pk->lib->v[k].file, calendar_now());
		pk->sig = text_sanitize(s);
		free(s);
		pk->sig_for = k + 1;
	}
	return pk->sig;
}

/* Draw the picker. */
static void
ui_picker_draw(struct ui_picker *pk)
{
	struct ui_key	 keys[] = {
		{ pk->utf8 ? "\xe2\x86\x91\xe2\x86\x93 move" :
		    "arrows move", 1 },
		{ "type to filter", 3 }, { "Enter start", 0 },
		{ "Tab history", 2 }, { "Esc quit", 0 }
	};
	struct ui_key	 typing[] = {
		{ keys[0].label, 1 }, { "Enter start", 0 },
		{ "Tab history", 2 }, { "Backspace", 3 }, { "Esc clear", 0 }
	};
	struct ui_lines	 sum = { 0 };
	const struct lib_entry *e;
	char		 count[64], *f;
	int		 rows, cols, list, i, fw, tw;
	size_t		 k, wlen;

	getmaxyx(stdscr, rows, cols);
	werase(stdscr);
	if (ui_too_small_shown(rows, cols))
		return;
	snprintf(count, sizeof count, "%zu of %zu", pk->n_match, pk->lib->n);
	ui_puts(stdscr, 0, cols - 1 - (int)strlen(count), (int)strlen(count),
	    ui_role_attr(pk->color, UR_DIM), count);
	ui_puts(stdscr, 0, 1, cols - (int)strlen(count) - 4,
	    ui_role_attr(pk->color, UR_TITLE), "Choose a routine");

	wlen = wcstombs(NULL, pk->filter, 0);
	f = xmalloc(wlen == (size_t)-1 ? 1 : wlen + 1);
	if (wlen == (size_t)-1 || wcstombs(f, pk->filter, wlen + 1) ==
	    (size_t)-1)
		*f = '\0';
	fw = ui_puts(stdscr, 1, 1, 8, A_NORMAL, "Filter: ");
	if (pk->flen > 0)
		ui_printf(stdscr, 1, 1 + fw, cols - fw - 2,
		    ui_role_attr(pk->color, UR_PROMPT), "%s_", f);
	else
		ui_puts(stdscr, 1, 1 + fw, cols - fw - 2,
		    ui_role_attr(pk->color, UR_DIM),
		    "type a word to filter");
	free(f);

	list = rows - 3 - 3 - 1;
	if (pk->sel < pk->top)
		pk->top = pk->sel;
	if (pk->sel >= pk->top + (size_t)list)
		pk->top = pk->sel - (size_t)list + 1;
	tw = ui_picker_title_width(pk, cols);
	for (i = 0; i < list && pk->top + (size_t)i < pk->n_match; i++) {
		k = pk->match[pk->top + (size_t)i];
		ui_picker_row(pk, &pk->lib->v[k], 3 + i, cols, tw,
		    pk->top + (size_t)i == pk->sel);
	}
	if (pk->n_match == 0)
		ui_puts(stdscr, 3, 2, cols - 3, ui_role_attr(pk->color, UR_DIM),
		    "No routine matches the filter.");
	else {
		e = &pk->lib->v[pk->match[pk->sel]];
		if (e->summary != NULL)
			ui_wrap(e->summary, cols - 2, "", "", A_NORMAL, &sum);
		if (sum.n > 1)
			ui_lines_ellipsize(&sum, 0, cols - 2, pk->utf8);
		if (sum.n > 0)
			ui_addw(stdscr, rows - 4, 1, cols - 2, sum.v[0],
			    sum.a[0]);
		ui_lines_free(&sum);
		ui_puts(stdscr, rows - 3, 1, cols - 2,
		    ui_role_attr(pk->color, UR_DIM),
		    ui_picker_sig(pk, pk->match[pk->sel]));
	}
	if (pk->flen > 0)
		ui_keyline(stdscr, rows - 2, cols,
		    ui_role_attr(pk->color, UR_DIM), typing,
		    (int)nitems(typing));
	else
		ui_keyline(stdscr, rows - 2, cols,
		    ui_role_attr(pk->color, UR_DIM), keys, (int)nitems(keys));
	if (pk->notice != NULL)
		ui_puts(stdscr, rows - 1, 1, cols - 2,
		    ui_role_attr(pk->color, UR_STATUS), pk->notice);
	wnoutrefresh(stdscr);
	doupdate();
}

/* Add a character to the filter, or take the last one off (key 0). */
static void
ui_picker_type(struct ui_picker *pk, wint_t key)
{
	if (key == 0) {
		if (pk->flen > 0)
			pk->flen--;
	} else if (pk->flen < UI_PICKER_FILTER)
		pk->filter[pk->flen++] = (wchar_t)key;
	pk->filter[pk->flen] = L'\0';
	ui_picker_refilter(pk);
}

/* Empty the filter. */
static void
ui_picker_clear(struct ui_picker *pk)
{
	pk->flen = 0;
	pk->filter[0] = L'\0';
	ui_picker_refilter(pk);
}

/* Show the history of the selected routine over the picker. */
static void
ui_picker_history(struct ui_picker *pk)
{
	const struct lib_entry	*e;

	if (pk->n_match == 0)
		return;
	e = &pk->lib->v[pk->match[pk->sel]];
	ui_history_show(pk->color, pk->utf8, e->id, e->title);
	clearok(curscr, TRUE);
}

/* Act on a function key: 1 to start the selected routine, else 0. */
static int
ui_picker_code(struct ui_picker *pk, wint_t key)
{
	long	page = getmaxy(stdscr) - 7;

	switch (key) {
	case KEY_UP:
		ui_picker_move(pk, -1);
		break;
	case KEY_DOWN:
		ui_picker_move(pk, 1);
		break;
	case KEY_PPAGE:
		ui_picker_move(pk, -page);
		break;
	case KEY_NPAGE:
		ui_picker_move(pk, page);
		break;
	case KEY_HOME:
		ui_picker_move(pk, -(long)pk->n_match);
		break;
	case KEY_END:
		ui_picker_move(pk, (long)pk->n_match);
		break;
	case KEY_BACKSPACE:
		ui_picker_type(pk, 0);
		break;
	case KEY_ENTER:
		return pk->n_match > 0 ? 1 : 0;
	}
	return 0;
}

/* Act on one key: 1 to start the selected routine, -1 to leave, else 0.
 * Every printable character is typed into the filter, so the commands are
 * all control and function keys. */
static int
ui_picker_key(struct ui_picker *pk, wint_t key, bool code)
{
	free(pk->notice);
	pk->notice = NULL;
	if (code)
		return ui_picker_code(pk, key);
	switch (key) {
	case L'\r':
	case L'\n':
		return pk->n_match > 0 ? 1 : 0;
	case 27:	/* Esc */
		if (pk->flen == 0)
			return -1;
		ui_picker_clear(pk);
		return 0;
	case 3:		/* ^C read as a key: as the signal */
		raise(SIGINT);
		return -1;
	case 4:		/* ^D */
		return -1;
	case L'\t':
		ui_picker_history(pk);
		return 0;
	case 127:
	case 8:
		ui_picker_type(pk, 0);
		return 0;
	case 21:	/* ^U */
		ui_picker_clear(pk);
		return 0;
	case 14:	/* ^N */
		ui_picker_move(pk, 1);
		return 0;
	case 16:	/* ^P */
		ui_picker_move(pk, -1);
		return 0;
	}
	if (iswprint(key))
		ui_picker_type(pk, key);
	return 0;
}

/* Run the picker on a terminal: term NULL is $TERM. */
int
ui_pick_term(const struct library *lib, bool color, const char *term,
    FILE *out, FILE *in, char **chosen_file, bool *interrupted, char **cause)
{
	struct ui_picker	 pk;
	struct sigaction	 old;
	SCREEN			*screen;
	wint_t			 key;
	size_t			 i;
	int			 rc, done = 0;

	*chosen_file = NULL;
	*interrupted = false;
	memset(&pk, 0, sizeof pk);
	pk.lib = lib;
	pk.color = color;
	ui_intr_catch(&old);
	if ((screen = ui_newterm(term, out, in, &pk.color, &pk.utf8,
	    cause)) == NULL) {
		ui_intr_release(&old);
		return -1;
	}
	pk.hay = xcalloc(lib->n + 1, sizeof *pk.hay);
	pk.name = xcalloc(lib->n + 1, sizeof *pk.name);
	pk.match = xcalloc(lib->n + 1, sizeof *pk.match);
	for (i = 0; i < lib->n; i++) {
		pk.hay[i] = ui_picker_hay(&lib->v[i], true);
		pk.name[i] = ui_picker_hay(&lib->v[i], false);
	}
	ui_picker_refilter(&pk);
	if ((i = ui_preselect(lib)) < lib->n)
		pk.sel = i;
	while (done == 0 && !ui_interrupted()) {
		ui_picker_draw(&pk);
		errno = 0;
		rc = wget_wch(stdscr, &key);
		if (rc == ERR) {
			/* Interrupted, or the terminal went away. */
			if (errno != EINTR)
				done = -1;
			continue;
		}
		done = ui_picker_key(&pk, key, rc == KEY_CODE_YES);
	}
	if (done == 1 && !ui_interrupted())
		*chosen_file = xstrdup(lib->v[pk.match[pk.sel]].file);
	endwin();
	delscreen(screen);
	*interrupted = ui_interrupted();
	ui_intr_release(&old);
	for (i = 0; i < lib->n; i++) {
		free(pk.hay[i]);
		free(pk.name[i]);
	}
	free(pk.hay);
	free(pk.name);
	free(pk.match);
	free(pk.notice);
	free(pk.sig);
	return 0;
}

/* Run the picker on the controlling terminal. */
int
ui_pick(const struct library *lib, bool color, char **chosen_file,
    bool *interrupted, char **cause)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*chosen_file = NULL;
		*interrupted = false;
		*cause = xstrdup("not a terminal: name a routine to run");
		return -1;
	}
	return ui_pick_term(lib, color, NULL, stdout, stdin, chosen_file,
	    interrupted, cause);
}
