/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_step.c: the step screen: step title and side, instructions, the
 * countdown, progress bars, the breathing bar, advice, the rating prompt,
 * key help and notices. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "routine.h"
#include "text.h"
#include "ui_int.h"
#include "util.h"

/* Where each part of the step screen goes; -1 when it is left out. */
struct ui_step_layout {
	int	instr_y, instr_n;
	int	digits_y, digits_x, scale;
	int	breath_y, reps_y, step_y, routine_y;
	int	advice_y, advice_n, prompt_y, keys_y, status_y;
	int	avail;		/* rows for the instructions and digits */
};

/* The instructions of a step: where to press and where it refers first
 * (n_where lines), then what to do. */
struct ui_step_body {
	struct ui_lines	l;
	int		n_where;
};

/* Whole seconds left in this step or side, rounded up; -1 if untimed. */
long
ui_step_remaining(const struct sess_view *v)
{
	int64_t	ms;

	if (v->step_total <= 0 || v->state == SS_DONE)
		return -1;
	ms = v->step_total - v->step_elapsed;
	if (ms < 0)
		ms = 0;
	return (long)((ms + 999) / 1000);
}

/* True if the layout has a row for the breathing bar in this window. */
bool
ui_step_breath_visible(int rows, int cols, const struct sess_view *v)
{
	return rows >= UI_MIN_ROWS && cols >= UI_MIN_COLS &&
	    v->state == SS_STEP && v->breathing;
}

/* The word for a kind of step, for the step bar. */
static const char *
ui_step_kind_label(const struct sess_view *v)
{
	static const char *const labels[RT_KIND_COUNT] = {
		[RT_WARMUP] = "Warm-up", [RT_HOLD] = "Hold",
		[RT_BREATHE] = "Breathe", [RT_RELEASE] = "Release",
		[RT_STRETCH] = "Stretch", [RT_EXERCISE] = "Exercise",
		[RT_REST] = "Rest", [RT_NOTE] = "Note",
	};

	if (v->state == SS_SWITCH)
		return "Switch";
	if (v->state == SS_SET_REST)
		return "Rest";
	if (v->st == NULL || (unsigned)v->st->kind >= RT_KIND_COUNT)
		return "Step";
	return labels[v->st->kind];
}

/* What the screen says in place of an advice text the engine left out. */
static const char *
ui_step_advice(const struct sess_view *v)
{
	if (v->advice_text != NULL)
		return v->advice_text;
	switch (v->advice) {
	case ADV_EASE_OFF:
		return "Ease off: lighten the pressure and breathe out slowly.";
	case ADV_OFFER_SKIP:
		return "Still too strong? Press s to skip this point.";
	case ADV_LEAN_IN:
		return "Lean in a little, or adjust the position.";
	case ADV_ENCOURAGE:
		return "Good. Keep breathing slowly and let it soften.";
	default:
		return NULL;
	}
}

/* The step title and its side on the title row: the title is shortened
 * (with an ellipsis) so that the side always shows whole. */
static void
ui_step_title_side(struct ui *ui, const char *title, const char *side,
    const char *dash, int cols, attr_t a)
{
	char	*suffix;
	int	 sw, x;

	if (side == NULL) {
		ui_puts_cut(stdscr, 1, 1, cols - 2, a, title, ui->utf8);
		return;
	}
	xasprintf(&suffix, "%s%s", dash, side);
	sw = text_width(suffix);
	x = 1 + ui_puts_cut(stdscr, 1, 1, cols - 2 - sw, a, title, ui->utf8);
	ui_puts(stdscr, 1, x, cols - 1 - x, a, suffix);
	free(suffix);
}

/* The title row: step title and side, or what happens between steps. */
static void
ui_step_title(struct ui *ui, const struct sess_view *v, int cols)
{
	const char	*side = NULL, *dash = ui->utf8 ? " \xe2\x80\x94 " : " - ";
	attr_t		 a = ui_attr(ui, UR_TITLE);

	if (v->side == RT_SIDE_LEFT)
		side = "left side";
	else if (v->side == RT_SIDE_RIGHT)
		side = "right side";
	switch (v->state) {
	case SS_SWITCH:
		ui_printf(stdscr, 1, 1, cols - 2, a,
		    "Switch sides: the %s side is next",
		    v->side == RT_SIDE_LEFT ? "left" : "right");
		return;
	case SS_SET_REST:
		ui_puts(stdscr, 1, 1, cols - 2, a, "Rest between sets");
		return;
	case SS_CHECK:
		ui_puts(stdscr, 1, 1, cols - 2, a, v->question != NULL ?
		    "Paused: one question" : v->st != NULL &&
		    v->st->kind == RT_STRETCH ? "This stretch stops for today" :
		    "This point stops for today");
		return;
	case SS_READY:
		if (v->st != NULL) {
			char	*t;

			xasprintf(&t, "Get ready: %s", routine_step_title(v->st));
			ui_step_title_side(ui, t, side, dash, cols, a);
			free(t);
		}
		return;
	case SS_DONE:
		ui_puts(stdscr, 1, 1, cols - 2, a, "Session complete");
		return;
	default:
		break;
	}
	if (v->st == NULL)
		return;
	ui_step_title_side(ui, routine_step_title(v->st), side, dash, cols, a);
}

/* The header: routine title on the left, step number or PAUSED right. */
static void
ui_step_header(struct ui *ui, const struct sess_view *v, int cols)
{
	char	right[64];
	int	rw;

	if (v->state == SS_DONE)
		snprintf(right, sizeof right, "Done");
	else
		snprintf(right, sizeof right, "Step %d of %u", v->step + 1,
		    v->n_steps);
	rw = (int)strlen(right);
	if (v->paused) {
		ui_puts(stdscr, 0, cols - 9, 8, ui_attr(ui, UR_WARN),
		    " PAUSED ");
		rw = 8;
	} else
		ui_puts(stdscr, 0, cols - 1 - rw, rw, ui_attr(ui, UR_DIM),
		    right);
	if (ui->rt != NULL && ui->rt->title != NULL)
		ui_puts_cut(stdscr, 0, 1, cols - rw - 4, ui_attr(ui, UR_TITLE),
		    ui->rt->title, ui->utf8);
}

/* The instructions for this step, wrapped to width: the point and its
 * referral first, so that what gives way in a short window is the text. */
static void
ui_step_text(const struct sess_view *v, int width, struct ui_step_body *b)
{
	const struct rt_step	*st = v->st;
	struct ui_lines		*l = &b->l;

	switch (v->state) {
	case SS_SWITCH:
		ui_wrap(st != NULL && st->kind == RT_HOLD ? (v->side ==
		    RT_SIDE_LEFT ? "Let go, then find the same point on the "
		    "left side." : "Let go, then find the same point on the "
		    "right side.") : (v->side == RT_SIDE_LEFT ? "Change over "
		    "to the left side." : "Change over to the right side."),
		    width, "", "", A_NORMAL, l);
		return;
	case SS_SET_REST:
		ui_wrap("Rest and breathe.", width, "", "", A_NORMAL, l);
		return;
	case SS_READY:
		if (st != NULL && st->point != NULL)
			ui_wrap(st->point, width, "Find the point: ", "",
			    A_BOLD, l);
		ui_wrap("The timer starts when you press Enter or space, or "
		    "when the countdown ends.", width, "", "", A_NORMAL, l);
		return;
	case SS_CHECK:
		if (v->question != NULL) {
			ui_wrap(v->question, width, "", "", A_BOLD, l);
			ui_wrap("Press y for yes, n for no.", width, "", "",
			    A_NORMAL, l);
		} else
			ui_wrap("Press Enter to go on to the next step.", width,
			    "", "", A_NORMAL, l);
		return;
	case SS_DONE:
		return;
	default:
		break;
	}
	if (st == NULL)
		return;
	if (st->point != NULL)
		ui_wrap(st->point, width, "Point: ", "       ", A_NORMAL, l);
	if (st->referral != NULL)
		ui_wrap(st->referral, width, "Refers to: ", "           ",
		    A_NORMAL, l);
	b->n_where = l->n;
	if (st->text != NULL)
		ui_wrap(st->text, width, "", "", A_NORMAL, l);
	if (v->step_total <= 0)
		ui_wrap("Press Enter to go on.", width, "", "", A_DIM, l);
}

/* The countdown text: seconds under a minute, else minutes:seconds. */
static void
ui_step_count(char *buf, size_t size, long s)
{
	if (s < 60)
		snprintf(buf, size, "%ld", s);
	else
		ui_clock(buf, size, s);
}

/* Work out where everything goes for this view in rows x cols, the
 * bottom extra rows left to the notice. From the bottom: status, keys,
 * the rating prompt, the advice (every line of it, as long as a line of
 * text stays above), the step bar with the time left, the routine bar,
 * repetitions, the breathing bar; the text goes on top. When the text
 * about where to press (n_where lines: the point and its referral) does
 * not fit, the large digits give way first (the time left stays on the
 * step bar), then the routine bar; within the text, the instructions go
 * before the referral, and the point is cut last. Compact, the prompt
 * row and the empty advice row above it are not kept (nothing is asked
 * or advised). */
static void
ui_step_layout_rows(const struct sess_view *v, int rows, int extra, int cols,
    int n_where, int n_instr, int n_advice, const char *count, bool compact,
    struct ui_step_layout *L)
{
	int	y, avail, digit_rows = 0, spare, h = ui_digits_height();
	int	region, need, max_adv, reps, breath;

	memset(L, 0, sizeof *L);
	L->status_y = rows - 1 - extra;
	L->keys_y = L->status_y - 1;
	L->prompt_y = compact ? L->keys_y : L->status_y - 2;
	reps = v->state == SS_SET_REST || (v->state == SS_STEP &&
	    v->sets > 0 && v->st != NULL && v->st->kind == RT_EXERCISE) ||
	    v->breaths > 0;
	breath = ui_step_breath_visible(rows, cols, v);
	/* Title rows, one line of text, the step bar and what is below. */
	max_adv = L->prompt_y - 2 - 1 - 1 - reps - breath;
	L->advice_n = n_advice < 1 ? !compact : n_advice;
	if (L->advice_n > max_adv)
		L->advice_n = max_adv > 1 ? max_adv : 1;
	L->advice_y = L->prompt_y - L->advice_n;
	need = n_where > 0 ? n_where : n_instr < 3 ? n_instr : 3;
	/* Rows 2 .. advice_y - 1 less the step bar, repetitions, breath. */
	avail = L->advice_y - 2 - 1 - reps - breath;
	y = L->advice_y - 1;
	L->routine_y = -1;
	/* The routine bar gives way to where to press, and to the one line
	 * of text that would be left otherwise (what to do next). */
	if ((n_where == 0 && (n_instr == 0 || avail >= 2)) ||
	    avail - 1 >= need) {
		L->routine_y = y--;
		avail--;
	}
	L->step_y = y--;
	L->reps_y = L->breath_y = -1;
	if (reps)
		L->reps_y = y--;
	if (breath)
		L->breath_y = y--;
	L->avail = avail;
	L->digits_y = -1;
	L->scale = ui_digits_width(count, 2) <= cols - 4 ? 2 :
	    ui_digits_width(count, 1) <= cols - 4 ? 1 : 0;
	if (*count != '\0' && L->scale > 0 && avail - need >= h + 1)
		digit_rows = h + 1;
	L->instr_n = n_instr < avail - digit_rows ? n_instr :
	    avail - digit_rows;
	if (L->instr_n < 0)
		L->instr_n = 0;
	spare = avail - digit_rows - L->instr_n;
	L->instr_y = 2;
	if (spare > 0) {
		L->instr_y++;
		spare--;
	}
	if (digit_rows > 0) {
		region = digit_rows + spare;
		L->digits_y = L->instr_y + L->instr_n +
		    ((region - h) / 2 > 1 ? (region - h) / 2 : 1);
		L->digits_x = (cols - ui_digits_width(count, L->scale)) / 2;
	}
}

/* Whether the view has a rating prompt row: a hold, or a prompt (what
 * ui_step_prompt() draws there). */
static bool
ui_step_asks(const struct sess_view *v)
{
	return v->prompt || (v->state == SS_STEP && v->st != NULL &&
	    v->st->kind == RT_HOLD);
}

/* Work out the layout (see ui_step_layout_rows()); where no rating is
 * asked and no advice shown, the empty prompt and advice rows go to the
 * text when it would be cut otherwise. */
static void
ui_step_layout(const struct sess_view *v, int rows, int extra, int cols,
    int n_where, int n_instr, int n_advice, const char *count,
    struct ui_step_layout *L)
{
	ui_step_layout_rows(v, rows, extra, cols, n_where, n_instr, n_advice,
	    count, false, L);
	if (L->instr_n < n_instr && n_advice == 0 && !ui_step_asks(v))
		ui_step_layout_rows(v, rows, extra, cols, n_where, n_instr,
		    n_advice, count, true, L);
}

/* One progress bar row: label, bar, and a text on the right. */
static void
ui_step_bar(struct ui *ui, int y, int cols, const char *label, double frac,
    const char *right, int rw, attr_t rattr)
{
	int	width = cols - 2 - 9 - rw - 1;

	ui_puts(stdscr, y, 1, 9, A_NORMAL, label);
	ui_bar(stdscr, y, 10, width, frac, ui->utf8, ui_attr(ui, UR_BAR));
	ui_puts(stdscr, y, cols - 1 - rw, rw, rattr, right);
}

/* The step and routine progress bars. */
static void
ui_step_bars(struct ui *ui, const struct sess_view *v, int cols,
    const struct ui_step_layout *L, long remain)
{
	char	sr[32], rr[64], a[24], b[24];
	int	rw;
	double	sf = 0, rf = 0;

	if (remain >= 0) {
		ui_clock(a, sizeof a, remain);
		snprintf(sr, sizeof sr, "%s left", a);
	} else
		snprintf(sr, sizeof sr, "%s", v->state == SS_DONE ? "" :
		    "no timer");
	/* Where the routine is, not the session's time: the safety notes,
	 * pauses and skipped sides do not move the routine on. */
	ui_clock(a, sizeof a, (long)(v->routine_pos / 1000));
	ui_clock(b, sizeof b, (long)((v->routine_total + 999) / 1000));
	snprintf(rr, sizeof rr, "%s / %s", a, b);
	rw = (int)strlen(sr) > (int)strlen(rr) ? (int)strlen(sr) :
	    (int)strlen(rr);
	if (v->step_total > 0)
		sf = (double)v->step_elapsed / (double)v->step_total;
	if (v->state == SS_DONE)
		sf = 1;
	if (v->routine_total > 0)
		rf = (double)v->routine_pos / (double)v->routine_total;
	ui_step_bar(ui, L->step_y, cols, ui_step_kind_label(v), sf, sr, rw,
	    L->digits_y < 0 ? ui_attr(ui, UR_TITLE) : A_NORMAL);
	if (L->routine_y >= 0)
		ui_step_bar(ui, L->routine_y, cols, "Routine", rf, rr, rw,
		    A_DIM);
}

/* Cells of the breathing bar for this view in a window cols wide: the
 * fuller the lungs, the longer. */
int
ui_step_breath_cells(const struct sess_view *v, int cols)
{
	double	f;

	f = v->phase == BR_INHALE ? v->phase_progress :
	    v->phase == BR_HOLD_IN ? 1 : v->phase == BR_EXHALE ?
	    1 - v->phase_progress : 0;
	if (!(f > 0))
		f = 0;
	if (f > 1)
		f = 1;
	return (int)(f * (cols - 16) + 0.5);
}

/* Session ms from this view until the breathing bar gains or loses a
 * cell; to the end of the phase if it will not; 0 if it is not moving or
 * the phase's length is not known. */
int64_t
ui_step_breath_next(const struct sess_view *v, int cols)
{
	struct sess_view	at = *v;
	double			f, edge, ms;
	int			w = ui_step_breath_cells(v, cols), i;
	int64_t			t;

	if ((v->phase != BR_INHALE && v->phase != BR_EXHALE) ||
	    v->phase_len <= 0 || cols - 16 < 1)
		return 0;
	/* The fullness at which the rounding in cells moves on. */
	edge = v->phase == BR_INHALE ? (w + 0.5) / (cols - 16) :
	    (w - 0.5) / (cols - 16);
	f = v->phase == BR_INHALE ? edge : 1 - edge;
	if (w == (v->phase == BR_INHALE ? cols - 16 : 0) || f > 1)
		f = 1;
	ms = (f - v->phase_progress) * (double)v->phase_len;
	/* A whole ms, less a hair of floating-point error; where that falls
	 * short of the edge, the loop below goes on to it. */
	t = ms < 1 ? 1 : (int64_t)ceil(ms - 1e-6);
	for (i = 0; i < 2 && f < 1; i++) {
		at.phase_progress = v->phase_progress +
		    (double)t / (double)v->phase_len;
		if (ui_step_breath_cells(&at, cols) != w)
			break;
		t++;
	}
	return t;
}

/* The breathing bar: grows while breathing in, shrinks breathing out. */
static void
ui_step_breath(struct ui *ui, const struct sess_view *v, int y, int cols)
{
	static const char *const words[] = {
		[BR_INHALE] = "Breathe in", [BR_HOLD_IN] = "Hold",
		[BR_EXHALE] = "Breathe out", [BR_HOLD_OUT] = "Hold",
	};
	wchar_t		*bar;
	attr_t		 a = ui_attr(ui, UR_BREATH);
	int		 width = cols - 16, w, i;

	if ((unsigned)v->phase > BR_HOLD_OUT)
		return;
	ui_puts(stdscr, y, 1, 12, a, words[v->phase]);
	if (!ui->fe->animate || width < 4)
		return;
	w = ui_step_breath_cells(v, cols);
	if (w == 0) {
		ui_puts(stdscr, y, 14 + width / 2, 1, a,
		    ui->utf8 ? "\xc2\xb7" : ".");
		return;
	}
	bar = xreallocarray(NULL, (size_t)w + 1, sizeof *bar);
	for (i = 0; i < w; i++)
		bar[i] = ui->utf8 ? 0x2588 : L'=';
	bar[w] = L'\0';
	ui_addw(stdscr, y, 14 + (width - w) / 2, w, bar, a);
	free(bar);
}

/* Set and repetition counts for an exercise, the breath count for a
 * breathe step of so many breaths. */
static void
ui_step_reps(struct ui *ui, const struct sess_view *v, int y, int cols)
{
	const char	*dot = ui->utf8 ? "  \xc2\xb7  " : "  -  ";

	if (v->breaths > 0)
		ui_printf(stdscr, y, 1, cols - 2, ui_attr(ui, UR_TITLE),
		    "Breath %u of %u", v->breath, v->breaths);
	else if (v->state == SS_SET_REST)
		ui_printf(stdscr, y, 1, cols - 2, ui_attr(ui, UR_TITLE),
		    "Set %u of %u done", v->set, v->sets);
	else if (v->reps > 0)
		ui_printf(stdscr, y, 1, cols - 2, ui_attr(ui, UR_TITLE),
		    "Set %u of %u%sRep %u of %u", v->set, v->sets, dot,
		    v->rep, v->reps);
	else
		ui_printf(stdscr, y, 1, cols - 2, ui_attr(ui, UR_TITLE),
		    "Set %u of %u", v->set, v->sets);
}

/* The rating prompt, or the last rating and the range to aim for; shorter
 * in a narrow window. */
static void
ui_step_prompt(struct ui *ui, const struct sess_view *v, int y, int cols)
{
	const struct routine	*rt = ui->rt;
	unsigned		 lo = RT_DEFAULT_TARGET_LO;
	unsigned		 hi = RT_DEFAULT_TARGET_HI;
	const char		*ask;
	char			 last[32] = "";
	attr_t			 a;

	if (!ui_step_asks(v))
		return;
	if (v->prompt) {
		ask = "How strong is it now?";
		a = ui_attr(ui, UR_PROMPT);
	} else {
		ask = "Rate any time:";
		a = ui_attr(ui, UR_DIM);
	}
	if (rt != NULL && rt->target_hi > 0) {
		lo = rt->target_lo;
		hi = rt->target_hi;
	}
	if (v->last_rating >= 0)
		snprintf(last, sizeof last, "last %d, ", v->last_rating);
	if (cols >= 60)
		ui_printf(stdscr, y, 1, cols - 2, a,
		    "%s 0-9, t = 10  (%saim %u-%u)", ask, last, lo, hi);
	else if (v->last_rating >= 0)
		ui_printf(stdscr, y, 1, cols - 2, a, "%s 0-9, t = 10 (last %d)",
		    v->prompt ? "How strong?" : "Rate:", v->last_rating);
	else
		ui_printf(stdscr, y, 1, cols - 2, a, "%s 0-9, t = 10",
		    v->prompt ? "How strong now?" : "Rate any time:");
}

/* The key help line for this view: only keys that do something there
 * (Enter moves on from a note, a switch, a rest or an answered question,
 * never from a timed step, which goes on by itself). */
static void
ui_step_keys(struct ui *ui, const struct sess_view *v, int y, int cols)
{
	const char	*pause = v->paused ? "space resume" : "space pause";
	struct ui_key	 hold[] = {
		{ pause, 3 }, { "0-9 t rate", 1 },
		{ "b bracing", 2 }, { "r let go", 2 }, { "+ 10 s", 5 },
		{ "s skip", 1 }, { "S skip point", 6 }, { "p back", 6 },
		{ "? keys", 0 }, { "q quit", 0 }
	};
	/* Paused, how to go on comes first; else how to move on. */
	struct ui_key	 other[] = {
		{ pause, v->paused ? 0 : 1 }, { "Enter next", v->paused },
		{ "s skip", 2 },
		{ "p back", 3 }, { "? keys", 0 }, { "q quit", 0 }
	};
	struct ui_key	 timed[] = {
		{ pause, 1 }, { "s skip", 2 },
		{ "p back", 3 }, { "? keys", 0 }, { "q quit", 0 }
	};
	/* The symptom question waits for its answer. */
	struct ui_key	 ask[] = {
		{ "y yes", 0 }, { "n no", 0 }, { "? keys", 1 }, { "q quit", 0 }
	};
	/* Getting ready: how to start the timer matters most; space starts
	 * it too, unless the timer was paused. */
	struct ui_key	 ready[] = {
		{ v->paused ? "Enter start" : "Enter or space start", 0 },
		{ "space resume", 0 }, { "s skip", 2 },
		{ "p back", 3 }, { "? keys", 1 }, { "q quit", 0 }
	};
	attr_t		 a = ui_attr(ui, UR_DIM);

	if (v->state == SS_READY) {
		if (!v->paused) {
			/* No resume to offer: its slot goes. */
			ready[1] = ready[0];
			ui_keyline(stdscr, y, cols, a, ready + 1,
			    (int)nitems(ready) - 1);
		} else
			ui_keyline(stdscr, y, cols, a, ready,
			    (int)nitems(ready));
	} else if (v->question != NULL)
		ui_keyline(stdscr, y, cols, a, ask, (int)nitems(ask));
	else if (v->state == SS_STEP && v->st != NULL &&
	    v->st->kind == RT_HOLD)
		ui_keyline(stdscr, y, cols, a, hold, (int)nitems(hold));
	else if (v->state == SS_STEP && v->st != NULL &&
	    v->st->kind != RT_NOTE)
		ui_keyline(stdscr, y, cols, a, timed, (int)nitems(timed));
	else
		ui_keyline(stdscr, y, cols, a, other, (int)nitems(other));
}

/* What the status line says of the sound, in vol; its width. */
static int
ui_step_volume(const struct ui *ui, char *vol, size_t size)
{
	if (ui->fe->silent)
		snprintf(vol, size, "no sound");
	else if (ui->fe->muted)
		snprintf(vol, size, "muted");
	else
		snprintf(vol, size, "vol %d%%%s", ui->fe->volume,
		    ui->fe->voice ? " voice" : "");
	return (int)strlen(vol);
}

/* The status line: pause, the last notice (on extra more rows below it
 * when it is wider than its place; for its first UI_NOTICE_MS over the
 * rows above too, if it needs them to be read whole), and the volume. */
static void
ui_step_status(struct ui *ui, const struct sess_view *v, int y, int extra,
    int cols)
{
	char	vol[24];
	int	vw, rows = extra + 1, need;

	vw = ui_step_volume(ui, vol, sizeof vol);
	if (v->paused)
		ui_puts(stdscr, y, 1, cols - vw - 3, ui_attr(ui, UR_STATUS),
		    "Paused: press space to go on");
	else if (ui->notice != NULL) {
		if (ui->notice_since < 0)
			ui->notice_since = v->routine_elapsed;
		need = ui_notice_rows(ui, cols - vw - 3, y + extra - 1);
		if (v->routine_elapsed - ui->notice_since < UI_NOTICE_MS &&
		    need > rows)
			rows = need;
		ui_notice_draw(ui, y + extra, rows, 1, cols - vw - 3,
		    cols - 2);
	}
	ui_puts(stdscr, y, cols - 1 - vw, vw, ui_attr(ui, UR_DIM), vol);
}

/* The rows below the status line a notice needs to be read whole, taken
 * from the instructions (one of them is kept). */
static int
ui_step_notice_extra(const struct ui *ui, const struct sess_view *v,
    const struct ui_step_layout *L, int cols)
{
	char	vol[24];
	int	extra;

	if (v->paused || ui->notice == NULL)
		return 0;
	extra = ui_notice_rows(ui, cols - ui_step_volume(ui, vol,
	    sizeof vol) - 3, L->avail) - 1;
	return extra < L->avail - 1 ? extra : L->avail - 1;
}

/* The first row of the bars under the text (step, repetitions, breath):
 * what is beside the text ends above it. */
static int
ui_step_bars_top(const struct ui_step_layout *L)
{
	int	top = L->step_y;

	if (L->reps_y >= 0 && L->reps_y < top)
		top = L->reps_y;
	if (L->breath_y >= 0 && L->breath_y < top)
		top = L->breath_y;
	return top;
}

/* Where the body map goes beside the instructions, if the window has
 * room for it with every line of the text still shown (the figure gives
 * way first): rewraps instr and redoes the layout; 0 if it does not fit,
 * else the columns it takes. */
static int
ui_step_figure(struct ui *ui, const struct sess_view *v, int rows, int extra,
    int cols, int n_advice, const char *count, struct ui_step_body *instr,
    struct ui_step_layout *L, int *fy, int *frows)
{
	struct ui_step_body	narrow = { { 0 }, 0 };
	struct ui_step_layout	N;
	int			bottom = ui_step_bars_top(L), fcols;

	if (!ui_bodymap_fit(ui, v, bottom - 2, cols - 2, frows, &fcols))
		return 0;
	ui_step_text(v, cols - 4 - fcols, &narrow);
	ui_step_layout(v, rows, extra, cols, narrow.n_where, narrow.l.n,
	    n_advice, count, &N);
	/* The figure ends above the bars of the new layout too. */
	bottom = ui_step_bars_top(&N);
	if (N.instr_n < narrow.l.n || bottom - *frows < 2) {
		ui_lines_free(&narrow.l);
		return 0;
	}
	ui_lines_free(&instr->l);
	*instr = narrow;
	*L = N;
	if (L->digits_y >= 0)
		L->digits_x = (cols - fcols - 2 -
		    ui_digits_width(count, L->scale)) / 2;
	*fy = L->instr_y + *frows <= bottom ? L->instr_y : bottom - *frows;
	return fcols;
}

/* Draw the step screen for this view (the window is big enough). */
void
ui_step_draw(struct ui *ui, const struct sess_view *v, int rows, int cols)
{
	struct ui_step_body	instr = { { 0 }, 0 };
	struct ui_lines		adv = { 0 };
	struct ui_step_layout	L;
	const char		*advice = ui_step_advice(v);
	char			 count[32] = "";
	long			 remain = ui_step_remaining(v);
	attr_t			 aa;
	int			 i, extra, fcols, fy = 0, frows = 0;

	if (remain >= 0)
		ui_step_count(count, sizeof count, remain);
	ui_step_text(v, cols - 2, &instr);
	/* Easing off is drawn calmly; red is for stopping. */
	aa = ui_attr(ui, v->advice == ADV_STOP ? UR_WARN : UR_CALM);
	if (advice != NULL && (v->state == SS_STEP || v->state == SS_CHECK))
		ui_wrap(advice, cols - 4, "", "", aa, &adv);
	ui_step_layout(v, rows, 0, cols, instr.n_where, instr.l.n, adv.n,
	    count, &L);
	if ((extra = ui_step_notice_extra(ui, v, &L, cols)) > 0)
		ui_step_layout(v, rows, extra, cols, instr.n_where, instr.l.n,
		    adv.n, count, &L);
	fcols = ui_step_figure(ui, v, rows, extra, cols, adv.n, count, &instr,
	    &L, &fy, &frows);

	ui_step_header(ui, v, cols);
	ui_step_title(ui, v, cols);
	ui->scroll_max = ui_body_draw(stdscr, L.instr_y, L.instr_n,
	    cols - (fcols > 0 ? fcols + 2 : 0), &instr.l, &ui->scroll,
	    ui->utf8, ui_attr(ui, UR_DIM));
	if (fcols > 0)
		ui_bodymap_draw(ui, v, fy, cols - 1 - fcols, frows, fcols);
	if (L.digits_y >= 0)
		ui_digits_draw(stdscr, L.digits_y, L.digits_x, count, L.scale,
		    ui->utf8, ui_attr(ui, UR_DIGITS));
	if (L.breath_y >= 0)
		ui_step_breath(ui, v, L.breath_y, cols);
	if (L.reps_y >= 0)
		ui_step_reps(ui, v, L.reps_y, cols);
	ui_step_bars(ui, v, cols, &L, remain);
	if (adv.n > L.advice_n)
		ui_lines_ellipsize(&adv, L.advice_n - 1, cols - 4, ui->utf8);
	for (i = 0; i < adv.n && i < L.advice_n; i++) {
		if (v->advice == ADV_STOP)
			mvwhline(stdscr, L.advice_y + i, 1, (chtype)' ' | aa,
			    cols - 2);
		ui_addw(stdscr, L.advice_y + i, 2, cols - 4, adv.v[i], aa);
	}
	ui_step_prompt(ui, v, L.prompt_y, cols);
	ui_step_keys(ui, v, L.keys_y, cols);
	ui_step_status(ui, v, L.status_y, extra, cols);
	ui_lines_free(&adv);
	ui_lines_free(&instr.l);
}

/* Keep what ui_step_idle_key() needs to know of the step on screen. */
void
ui_step_note(struct ui *ui, const struct sess_view *v)
{
	struct ui_step_now	*n = &ui->now;

	n->state = (int)v->state;
	n->hold = v->state == SS_STEP && v->st != NULL &&
	    v->st->kind == RT_HOLD;
	n->timed = v->state == SS_STEP && v->st != NULL &&
	    v->st->kind != RT_NOTE;
	n->step_total = v->step_total;
	n->max_seconds = 0;
	if (n->hold)
		n->max_seconds = v->st->max_seconds > v->st->seconds ?
		    v->st->max_seconds : v->st->seconds;
}

/* What to say for a key that will do nothing on the step on screen:
 * Enter in a timed step, + at the longest hold or outside a hold, r
 * outside a hold, the sound keys without sound. NULL if the key does
 * something. */
const char *
ui_step_idle_key(struct ui *ui, wint_t key)
{
	static char		 buf[96];
	const struct ui_step_now *n = &ui->now;

	switch (key) {
	case L'\r':
	case L'\n':
		if (n->timed)
			return "This step goes on by itself when its time is "
			    "up; s skips it";
		return NULL;
	case L'+':
	case L'=':
		if (!n->hold)
			return "+ lengthens a hold; there is none now";
		if (n->step_total >= (int64_t)n->max_seconds * 1000) {
			snprintf(buf, sizeof buf, "This hold is at its longest "
			    "already (%u s)", n->max_seconds);
			return buf;
		}
		return NULL;
	case L'r':
		if (!n->hold)
			return "r is for a hold, when the muscle lets go";
		return NULL;
	case L'[':
	case L']':
	case L'm':
		if (ui->fe->silent)
			return "No sound in this session: [ ] and m do nothing";
		return NULL;
	}
	return NULL;
}

/* Say what a key did where the screen would not show it otherwise: the
 * release noted, the hold made longer. */
void
ui_step_action(struct ui *ui, const struct sess_action *act)
{
	char	buf[64];

	switch (act->kind) {
	case SA_RELEASE:
		snprintf(buf, sizeof buf, "Noted: it let go after %lld s",
		    (long long)((act->arg + 500) / 1000));
		break;
	case SA_EXTEND:
		snprintf(buf, sizeof buf, "Longer: this hold is now %lld s",
		    (long long)((act->arg + 500) / 1000));
		break;
	case SA_HOW:
		ui->fe->ops->notice(ui->fe, act->text);
		ui->how_notice = true;
		return;
	case SA_DIFFICULTY:
		snprintf(buf, sizeof buf, "Noted: %s",
		    session_difficulty_name(act->value));
		break;
	default:
		return;
	}
	ui->fe->ops->notice(ui->fe, buf);
}
