/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_ui.c: the curses screens drawn into a terminal written to a file,
 * read back cell by cell; keys fed through a pipe. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bodymap.h"
#include "history.h"
#include "tap.h"
#include "testlib.h"
#include "ui_int.h"
#include "util.h"

/* The screen as UTF-8 text, one line per row. */
static char *
screen_text(void)
{
	wchar_t	 row[512];
	char	*all, line[2048];
	size_t	 len = 0;
	int	 y, rows, cols;

	getmaxyx(stdscr, rows, cols);
	all = xcalloc(1, (size_t)rows * sizeof line + 1);
	for (y = 0; y < rows; y++) {
		memset(row, 0, sizeof row);
		mvwinnwstr(stdscr, y, 0, row, cols < 511 ? cols : 511);
		if (wcstombs(line, row, sizeof line - 1) == (size_t)-1)
			snprintf(line, sizeof line, "<undecodable>");
		len += (size_t)sprintf(all + len, "%s\n", line);
	}
	return all;
}

/* True if the screen contains s. */
static int
has(const char *s)
{
	char	*t = screen_text();
	int	 found = strstr(t, s) != NULL;

	if (!found && getenv("TEST_UI_DUMP") != NULL)
		printf("# looking for \"%s\" in:\n%s", s, t);
	free(t);
	return found;
}

/* True if each of the NULL-ended lines is on the screen whole, read as
 * one flow of words (wrapping and indents are only spaces). */
static int
flows(const char *const *lines)
{
	char	*t = screen_text(), *p, *q;
	int	 all = 1;

	for (p = q = t; *p != '\0'; p++) {
		if (*p == '\n' || *p == ' ') {
			if (q > t && q[-1] != ' ')
				*q++ = ' ';
		} else
			*q++ = *p;
	}
	*q = '\0';
	for (; *lines != NULL; lines++) {
		if (strstr(t, *lines) == NULL) {
			printf("# not on the screen whole: %s\n", *lines);
			all = 0;
		}
	}
	free(t);
	return all;
}

/* Full-block cells on the row that starts with word (the breathing bar's
 * row starts with the phase word); -1 if no row does. */
static int
bar_cells(const char *word)
{
	wchar_t	 row[512], want[32];
	int	 y, x, rows, cols, n;

	getmaxyx(stdscr, rows, cols);
	mbstowcs(want, word, 31);
	want[31] = L'\0';
	for (y = 0; y < rows; y++) {
		memset(row, 0, sizeof row);
		mvwinnwstr(stdscr, y, 0, row, cols < 511 ? cols : 511);
		if (wcsncmp(row + 1, want, wcslen(want)) != 0)
			continue;
		for (x = n = 0; row[x] != L'\0'; x++)
			n += row[x] == 0x2588;
		return n;
	}
	return -1;
}

/* True if no cell holds a control or bidi character. */
static int
cells_clean(void)
{
	cchar_t	 c;
	wchar_t	 wc[CCHARW_MAX + 1];
	attr_t	 a;
	short	 pair;
	int	 y, x, rows, cols, i;

	getmaxyx(stdscr, rows, cols);
	for (y = 0; y < rows; y++)
		for (x = 0; x < cols; x++) {
			if (mvwin_wch(stdscr, y, x, &c) == ERR)
				continue;
			getcchar(&c, wc, &a, &pair, NULL);
			for (i = 0; wc[i] != L'\0'; i++)
				if (wc[i] < 0x20 || wc[i] == 0x7f ||
				    (wc[i] >= 0x80 && wc[i] < 0xa0) ||
				    (wc[i] >= 0x202a && wc[i] <= 0x202e) ||
				    (wc[i] >= 0x2066 && wc[i] <= 0x2069))
					return 0;
		}
	return 1;
}

/* Bytes written to the terminal file so far. */
static long
out_size(FILE *out)
{
	struct stat	sb;

	fflush(out);
	if (fstat(fileno(out), &sb) != 0)
		return -1;
	return (long)sb.st_size;
}

/* Feed keys and read the first input they give. */
static struct fe_input
press(struct frontend *fe, int wfd, const char *keys)
{
	struct fe_input	in = { FE_NONE, SI_NEXT, 0 };
	size_t		i;

	if (write(wfd, keys, strlen(keys)) != (ssize_t)strlen(keys))
		return in;
	for (i = 0; i < strlen(keys); i++) {
		in = fe->ops->read(fe);
		if (in.kind != FE_NONE)
			break;
	}
	return in;
}

/* One key and the input it should give. */
static void
check_key(struct frontend *fe, int wfd, const char *key,
    enum fe_input_kind kind, enum sess_input input, int value)
{
	struct fe_input	in = press(fe, wfd, key);
	char		name[64];

	snprintf(name, sizeof name, "key '%s'", key[0] == '\r' ? "Enter" :
	    key);
	if (!ok(in.kind == kind && (kind != FE_SESSION ||
	    (in.input == input && in.value == value)), name))
		printf("#   got kind %d input %d value %d\n", (int)in.kind,
		    (int)in.input, in.value);
}

static char	*safety[] = {
	"Skip any point over a bruise.",
	"Evil \x1b[2J\x1b]0;pwned\x07 and \xe2\x80\xae reversed",
};
static char	*aftercare[] = { "Walk for five minutes." };
static char	*targets[] = { "upper trapezius", "levator scapulae" };

/* A routine built in memory, so the test needs no loader. */
static void
make_routine(struct routine *rt, struct rt_step *steps)
{
	memset(rt, 0, sizeof *rt);
	memset(steps, 0, 3 * sizeof *steps);
	rt->title = "Neck and shoulders";
	rt->summary = "Desk-work knots in the upper back.";
	rt->targets = targets;
	rt->n_targets = 2;
	rt->safety = safety;
	rt->n_safety = 2;
	rt->aftercare = aftercare;
	rt->n_aftercare = 1;
	rt->target_lo = 4;
	rt->target_hi = 7;
	rt->ease_off_at = 8;
	rt->steps = steps;
	rt->n_steps = 3;
	steps[0].kind = RT_HOLD;
	steps[0].title = "Upper trapezius";
	steps[0].text = "Lean into the wall with the ball on top of the "
	    "shoulder, halfway between neck and shoulder tip.";
	steps[0].point = "The ropy band at the top of the shoulder.";
	steps[0].referral = "Up the side of the neck to the temple.";
	steps[0].seconds = 45;
	steps[0].sides = RT_SIDE_LEFT | RT_SIDE_RIGHT;
	steps[1].kind = RT_EXERCISE;
	steps[1].title = "Chin tucks";
	steps[1].text = "Slide the chin straight back.";
	steps[1].reps = 10;
	steps[1].sets = 2;
	steps[2].kind = RT_HOLD;
	steps[2].title = "Evil \x1b[31m\xe2\x80\xae title";
	steps[2].text = "Text with \x1b]0;pwned\x07 inside\x9b and a\ttab.";
	steps[2].seconds = 30;
}

/* A view in the middle of the first hold. */
static void
make_view(struct sess_view *v, const struct routine *rt)
{
	memset(v, 0, sizeof *v);
	v->state = SS_STEP;
	v->step = 0;
	v->n_steps = rt->n_steps;
	v->st = &rt->steps[0];
	v->side = RT_SIDE_LEFT;
	v->step_elapsed = 15000;
	v->step_total = 45000;
	/* 15 s of the session went on the safety notes: the routine's
	 * bar shows where the routine is (1:00), not the session's time. */
	v->routine_elapsed = 75000;
	v->routine_pos = 60000;
	v->routine_total = 600000;
	v->breathing = true;
	v->phase = BR_INHALE;
	v->phase_progress = 0.5;
	v->phase_len = 4000;
	v->advice = ADV_NONE;
	v->last_rating = -1;
	v->pre_pain = v->post_pain = -1;
}

/* Size the screen and draw v. */
static void
draw_at(struct frontend *fe, const struct sess_view *v, int rows, int cols)
{
	resizeterm(rows, cols);
	fe->ops->resize(fe);
	fe->ops->draw(fe, v);
}

/* Wrapping keeps lines within the width and words whole. */
static void
test_wrap(void)
{
	struct ui_lines	l = { 0 };
	int		i, fits = 1;

	ui_wrap("Press until you feel something is happening, but never so "
	    "hard that you brace.", 20, "- ", "  ", A_NORMAL, &l);
	for (i = 0; i < l.n; i++)
		if (ui_wswidth(l.v[i]) > 20)
			fits = 0;
	ok(fits, "wrapped lines fit the width");
	ok(l.n == 5, "wrapped into five lines");
	ok(l.n > 1 && wcscmp(l.v[0], L"- Press until you") == 0,
	    "first line has the bullet");
	ok(l.n > 1 && wcsncmp(l.v[1], L"  feel", 6) == 0,
	    "next lines are indented");
	ui_lines_free(&l);
	ui_wrap("abcdefghijklmnopqrstuvwxyz", 10, "", "", A_NORMAL, &l);
	is_int(l.n, 3, "a long word is cut");
	ui_lines_free(&l);
	ui_wrap("one\n\ntwo", 10, "", "", A_NORMAL, &l);
	is_int(l.n, 3, "newlines make paragraphs");
	ui_lines_free(&l);
	ui_wrap("block\n\n", 10, "", "", A_NORMAL, &l);
	is_int(l.n, 1, "final newlines make no empty lines");
	ui_lines_free(&l);
	ui_wrap("", 10, "", "", A_NORMAL, &l);
	is_int(l.n, 1, "an empty text is one empty line");
	ui_lines_free(&l);
}

/* Wide characters take two columns and are never split. */
static void
test_wide(void)
{
	struct ui_lines	 l = { 0 };
	wchar_t		*w;
	int		 i, fits = 1;

	w = ui_wide("\xe8\x82\xa9\xe3\x81\x93\xe3\x82\x8a");
	is_int(ui_wswidth(w), 6, "three wide characters, six columns");
	free(w);
	ui_wrap("\xe8\x82\xa9\xe3\x81\x93\xe3\x82\x8a \xe8\x82\xa9"
	    "\xe3\x81\x93\xe3\x82\x8a\xe3\x81\xae\xe7\x97\x9b\xe3"
	    "\x81\xbf", 7, "", "", A_NORMAL, &l);
	for (i = 0; i < l.n; i++)
		if (ui_wswidth(l.v[i]) > 7)
			fits = 0;
	ok(fits && l.n == 3, "wide text wrapped within the width");
	ui_lines_free(&l);
	w = ui_wide("e\xcc\x81t\xc3\xa9");
	is_int(ui_wswidth(w), 3, "a combining accent takes no column");
	free(w);
	w = ui_wide("\xff\xfe ok");
	ok(wcscmp(w, L"\xfffd\xfffd ok") == 0, "invalid UTF-8 replaced");
	free(w);
}

/* The countdown font. */
static void
test_digits(void)
{
	is_int(ui_digits_width("1:30", 2), 26, "digits width at scale 2");
	is_int(ui_digits_width("7", 1), 3, "one digit");
	is_int(ui_digits_height(), 5, "digits height");
}

/* The step screen at 80x24, 40x12 and below. */
static void
test_step(struct frontend *fe, const struct routine *rt, FILE *out)
{
	struct sess_view	v, keep;
	long			before;
	int			small;

	make_view(&v, rt);
	draw_at(fe, &v, 24, 80);
	ok(has("Neck and shoulders"), "routine title");
	ok(has("Step 1 of 3"), "step number");
	ok(has("Upper trapezius \xe2\x80\x94 left side"), "step and side");
	ok(has("Point: The ropy band"), "point");
	ok(has("Refers to: Up the side"), "referral");
	ok(has("\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88"
	    "\xe2\x96\x88  \xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88"
	    "\xe2\x96\x88\xe2\x96\x88"), "large digits for 30");
	ok(has("0:30 left"), "seconds left by the bar");
	ok(has("1:00 / 10:00"), "routine progress: where the routine is");
	ok(has("Breathe in"), "breathing phase word");
	ok(has("q quit") && has("space pause"), "key help");
	ok(has("vol 80%"), "volume");
	fe->silent = true;
	fe->ops->draw(fe, &v);
	ok(has("no sound") && !has("vol 80%"), "no sound output: said so");
	fe->silent = false;
	fe->ops->draw(fe, &v);
	/* 80 columns: a bar of 64 cells, half full (32); the 33rd shows
	 * from 32.5 / 64 of the 4 s phase, 4031.25 ms: the first whole ms
	 * 32 ms on. */
	is_int(fe->ops->frame_ms(fe, &v), 32,
	    "a frame when the breath gains its next cell");
	keep = v;
	v.phase_progress = 0.995;
	/* 64 cells from 63.5 / 64: already full; none until the phase
	 * ends, 0.005 x 4000 ms on. */
	is_int(fe->ops->frame_ms(fe, &v), 20,
	    "a full bar: no frame before the phase ends");
	v.phase_len = 0;
	is_int(fe->ops->frame_ms(fe, &v), UI_FRAME_MS,
	    "a phase of unknown length: frames at the frame rate");
	v = keep;

	before = out_size(out);
	fe->ops->draw(fe, &v);
	is_int(out_size(out) - before, 0, "same view: nothing written");
	v.phase_progress = 0.502;
	fe->ops->draw(fe, &v);
	is_int(out_size(out) - before, 0,
	    "breath moved less than a cell: nothing written");
	v.step_elapsed = 16000;
	fe->ops->draw(fe, &v);
	ok(out_size(out) - before > 0, "a second later: something written");
	ok(out_size(out) - before < 400, "a second later: only a little");
	ok(has("0:29 left"), "countdown moved");

	v.phase = BR_HOLD_IN;
	is_int(fe->ops->frame_ms(fe, &v), 0, "no frames in a breath hold");
	v.phase = BR_EXHALE;
	v.paused = true;
	is_int(fe->ops->frame_ms(fe, &v), 0, "no frames while paused");
	fe->ops->draw(fe, &v);
	ok(has("PAUSED") && has("space to go on"), "paused is shown");
	v.paused = false;
	fe->animate = false;
	is_int(fe->ops->frame_ms(fe, &v), 0, "no frames without animation");
	fe->animate = true;
	v.breathing = false;
	is_int(fe->ops->frame_ms(fe, &v), 0, "no frames without breathing");
	v.breathing = true;

	v.advice = ADV_EASE_OFF;
	v.prompt = true;
	v.last_rating = 9;
	fe->ops->draw(fe, &v);
	ok(has("Ease off"), "ease-off advice");
	ok(has("How strong is it now?") && has("last 9"), "rating prompt");
	v.advice = ADV_ENCOURAGE;
	v.advice_text = "Good, keep breathing.";
	fe->ops->draw(fe, &v);
	ok(has("Good, keep breathing.") && !has("Ease off"),
	    "advice text from the engine");

	fe->ops->notice(fe, "No sound device:\x1b[5m visual cues only");
	fe->ops->draw(fe, &v);
	ok(has("No sound device:\xef\xbf\xbd[5m visual"),
	    "notice on the status line, sanitized");

	draw_at(fe, &v, 12, 40);
	ok(has("Neck and shoulders") && has("Step 1 of 3"), "40x12: header");
	ok(has("Upper trapezius"), "40x12: step title");
	ok(has("Point: The ropy band"), "40x12: the point kept");
	ok(has("Upper trapezius") && has("left side"),
	    "40x12: the title with its side");
	ok(!has("\xe2\x96\x88\xe2\x96\x88  \xe2\x96\x88"),
	    "40x12: no large digits");
	ok(has("0:29 left"), "40x12: countdown by the bar");
	ok(has("Breathe out"), "40x12: breathing");
	ok(has("q quit"), "40x12: key help");
	ok(has("Good, keep breathing."), "40x12: advice");
	/* 24 cells breathing out at 0.502: 0.498 x 24 rounds to 12; 11
	 * from a fullness under 11.5 / 24, progress 0.5208333, 75.33 ms
	 * on: the first whole ms with 11 is 76. */
	is_int(fe->ops->frame_ms(fe, &v), 76,
	    "40x12: a frame when the breath loses its next cell");

	draw_at(fe, &v, 16, 60);
	ok(has("0:29 left") && has("Breathe out"), "60x16: laid out");

	draw_at(fe, &v, 11, 40);
	ok(has("Window too small"), "40x11: too small");
	is_int(fe->ops->frame_ms(fe, &v), 0, "too small: no frames");
	draw_at(fe, &v, 24, 39);
	ok(has("Window too small"), "39x24: too small");

	keep = v;
	v.phase = BR_INHALE;
	v.phase_progress = 0.2;
	draw_at(fe, &v, 24, 80);
	small = bar_cells("Breathe in");
	v.phase_progress = 0.8;
	fe->ops->draw(fe, &v);
	ok(small > 0 && bar_cells("Breathe in") > small,
	    "the bar grows as the inhale goes on");
	v.phase = BR_EXHALE;
	v.phase_progress = 0.2;
	fe->ops->draw(fe, &v);
	small = bar_cells("Breathe out");
	v.phase_progress = 0.8;
	fe->ops->draw(fe, &v);
	ok(small > 0 && bar_cells("Breathe out") < small,
	    "and shrinks as the exhale goes on");
	v.breath = 2;
	v.breaths = 4;
	fe->ops->draw(fe, &v);
	ok(has("Breath 2 of 4"), "a breathe step counts its breaths");
	v = keep;

	draw_at(fe, &v, 30, 100);
	ok(has("\xe2\x96\x88\xe2\x96\x88  \xe2\x96\x88"), "100x30: digits");
	ok(!has("Window too small"), "100x30: no notice");

	v.step = 1;
	v.st = &rt->steps[1];
	v.side = RT_SIDE_NONE;
	v.breathing = false;
	v.advice = ADV_NONE;
	v.advice_text = NULL;
	v.prompt = false;
	v.set = 2;
	v.sets = 2;
	v.rep = 4;
	v.reps = 10;
	draw_at(fe, &v, 24, 80);
	ok(has("Set 2 of 2") && has("Rep 4 of 10"), "exercise counts");
	ok(!has("Breathe"), "no breathing bar on an exercise");

	v.state = SS_SWITCH;
	v.st = &rt->steps[0];
	fe->ops->draw(fe, &v);
	ok(has("Switch sides"), "switch sides");
}

/* Text from the routine reaches the screen only as printable characters. */
static void
test_untrusted(struct frontend *fe, const struct routine *rt, FILE *out)
{
	struct sess_view	 v;
	char			*bytes;
	long			 n;

	make_view(&v, rt);
	v.step = 2;
	v.st = &rt->steps[2];
	v.side = RT_SIDE_NONE;
	draw_at(fe, &v, 24, 80);
	ok(has("Evil \xef\xbf\xbd[31m\xef\xbf\xbd title"),
	    "title with escapes shown sanitized");
	ok(has("Text with \xef\xbf\xbd]0;pwned\xef\xbf\xbd inside"),
	    "text with escapes shown sanitized");
	ok(has("and a tab."), "tab shown as a space");
	ok(cells_clean(), "no control or bidi character in any cell");
	v.state = SS_PRE;
	v.step = -1;
	v.st = NULL;
	fe->ops->draw(fe, &v);
	ok(cells_clean(), "PRE: no control or bidi character in any cell");

	n = out_size(out);
	bytes = xcalloc(1, (size_t)n + 1);
	rewind(out);
	n = (long)fread(bytes, 1, (size_t)n, out);
	ok(memmem(bytes, (size_t)n, "\x1b]0;pwned", 9) == NULL &&
	    memmem(bytes, (size_t)n, "\x1b[2J\x1b]", 6) == NULL &&
	    memmem(bytes, (size_t)n, "\xe2\x80\xae", 3) == NULL &&
	    memmem(bytes, (size_t)n, "\x07 inside", 8) == NULL,
	    "no escape sequence from the routine in the output");
	free(bytes);
	fseek(out, 0, SEEK_END);
}

/* The screens before the first step and after the last. */
static void
test_pre_after(struct frontend *fe, const struct routine *rt)
{
	struct sess_view	v;

	make_view(&v, rt);
	v.state = SS_PRE;
	v.step = -1;
	v.st = NULL;
	v.breathing = false;
	v.routine_elapsed = 0;
	draw_at(fe, &v, 24, 80);
	ok(has("Neck and shoulders") && has("10 min"), "PRE: title, length");
	ok(has("Skip any point over a bruise."), "PRE: safety notes");
	ok(has("Works on: upper trapezius, levator scapulae"),
	    "PRE: targets");
	ok(has("brace or hold your breath"), "PRE: how hard");
	ok(has("How much does it hurt now? 0-9, t for 10, Enter to start"),
	    "PRE: the rating question");
	ok(has(" _ "), "PRE: no rating yet");
	is_int(fe->ops->frame_ms(fe, &v), 0, "PRE: no frames");
	v.pre_pain = 6;
	fe->ops->draw(fe, &v);
	ok(has(" 6 "), "PRE: the rating given");
	draw_at(fe, &v, 12, 40);
	ok(has("more") && has("Hurts now?"), "PRE 40x12: scrolls");

	v.state = SS_AFTERCARE;
	v.post_pain = -1;
	draw_at(fe, &v, 24, 80);
	ok(has("Drink some water"), "aftercare: water");
	ok(has("Soreness like after a workout"), "aftercare: soreness");
	ok(has("intense exercise for the next 24 hours"),
	    "aftercare: no intense exercise");
	ok(has("Gentle movement and stretching"), "aftercare: movement");
	ok(flows(routine_standard_aftercare),
	    "aftercare: the same standard lines as plain mode, whole");
	ok(has("Walk for five minutes."), "aftercare: the routine's own");
	ok(!has("toxin"), "aftercare: no toxins");
	ok(has("Before the session you rated it 6"), "aftercare: pre rating");
	ok(has("How does it feel now?"), "aftercare: closing rating");
}

/* A step that asks for no rating, at 40x12: the rows of the prompt and
 * the advice go to its text rather than stay empty while it is cut. */
static void
test_compact(struct frontend *fe, struct routine *shown)
{
	static char		 long_title[] =
	    "Base of the skull release (suboccipitals)";
	char			*title = shown->title;
	struct routine		rt;
	struct rt_step		st;
	struct sess_view	v;

	memset(&rt, 0, sizeof rt);
	memset(&st, 0, sizeof st);
	rt.title = "Box breathing";
	rt.steps = &st;
	rt.n_steps = 1;
	st.kind = RT_NOTE;
	st.title = "Get comfortable";
	st.text = "Sit upright with your feet flat and your hands resting on "
	    "your thighs. Breathe through the nose. Picture tracing the "
	    "sides of a square: up, across, down, across.";
	st.seconds = 20;
	memset(&v, 0, sizeof v);
	v.state = SS_STEP;
	v.n_steps = 1;
	v.st = &st;
	v.step_total = 20000;
	v.routine_total = 300000;
	v.last_rating = v.pre_pain = v.post_pain = -1;
	draw_at(fe, &v, 12, 40);
	ok(has("across, down, across.") && !has("more"),
	    "40x12, nothing asked: the whole text, no scrolling");
	/* The header's title is the session's routine's. */
	shown->title = long_title;
	draw_at(fe, &v, 12, 40);
	ok(has("Base of the skull") && has("\xe2\x80\xa6") &&
	    !has("(suboccipitals)"), "40x12: a long title cut with an ellipsis");
	shown->title = title;
	draw_at(fe, &v, 24, 80);
}

/* Whether the screen's line that starts with prefix has a cell of the
 * body map (a braille character, U+2800-U+28FF: E2 A0-A3 xx). */
static int
line_has_figure(const char *prefix)
{
	char	*t = screen_text(), *line, *end;
	int	 found = 0;

	for (line = t; line != NULL && *line != '\0'; line = end) {
		if ((end = strchr(line, '\n')) != NULL)
			*end++ = '\0';
		if (strncmp(line, prefix, strlen(prefix)) != 0)
			continue;
		found = strstr(line, "\xe2\xa0") != NULL ||
		    strstr(line, "\xe2\xa1") != NULL ||
		    strstr(line, "\xe2\xa2") != NULL ||
		    strstr(line, "\xe2\xa3") != NULL;
		break;
	}
	free(t);
	return found;
}

/* The body map beside a switch of sides, whose text is one line: the
 * figure is drawn whole and ends above the bar. */
static void
test_figure(struct frontend *fe, struct routine *rt)
{
	struct bodymap_where	 where = { BODYMAP_BACK, 0.4, 0.2, NULL, 0 };
	struct sess_view	 v;

	rt->steps[0].where = &where;
	make_view(&v, rt);
	v.state = SS_SWITCH;
	v.side = RT_SIDE_RIGHT;
	v.step_elapsed = 0;
	v.step_total = 5000;
	draw_at(fe, &v, 24, 80);
	/* Its feet (U+2830 U+281D) are its last row. */
	ok(has("\xe2\xa0\xb0\xe2\xa0\x9d"),
	    "switch, 80x24: the body map is drawn whole");
	ok(!line_has_figure(" Switch   ") && !line_has_figure(" Routine  "),
	    "switch, 80x24: no cell of it on the bars");
	rt->steps[0].where = NULL;
}

/* A notice stays while its step is on, and for 10 s (UI_NOTICE_MS) at
 * least; then a new step, side or state takes it away. */
static void
test_notice_life(struct frontend *fe, const struct routine *rt)
{
	static const char	msg[] = "This hold is at its longest already";
	struct sess_view	v;

	make_view(&v, rt);
	draw_at(fe, &v, 24, 80);
	fe->ops->notice(fe, msg);
	fe->ops->draw(fe, &v);
	ok(has(msg), "notice: shown");
	v.routine_elapsed += 30000;
	v.step_elapsed += 30000;
	fe->ops->draw(fe, &v);
	ok(has(msg), "notice: 30 s on, the same step: still there");
	fe->ops->notice(fe, msg);
	fe->ops->draw(fe, &v);
	v.side = RT_SIDE_RIGHT;
	v.routine_elapsed += 4000;
	fe->ops->draw(fe, &v);
	ok(has(msg), "notice: the next side 4 s after it: still there");
	v.routine_elapsed += 7000;
	fe->ops->draw(fe, &v);
	ok(!has(msg), "notice: the next side, 11 s after it: gone");
	v.side = RT_SIDE_LEFT;
	fe->ops->notice(fe, msg);
	fe->ops->draw(fe, &v);
	v.state = SS_SWITCH;
	v.routine_elapsed += 2000;
	fe->ops->draw(fe, &v);
	ok(has(msg), "notice: another state 2 s after it: still there");
	v.state = SS_STEP;
	v.routine_elapsed += 20000;
	fe->ops->draw(fe, &v);
}

/* Keys, the quit question and the help overlay. */
static void
test_keys(struct frontend *fe, const struct routine *rt, int wfd)
{
	struct sess_view	v;
	struct fe_input		in;

	make_view(&v, rt);
	draw_at(fe, &v, 24, 80);
	check_key(fe, wfd, "0", FE_SESSION, SI_RATING, 0);
	check_key(fe, wfd, "9", FE_SESSION, SI_RATING, 9);
	check_key(fe, wfd, "t", FE_SESSION, SI_RATING, 10);
	check_key(fe, wfd, " ", FE_SESSION, SI_PAUSE, 0);
	/* A timed step goes on by itself: Enter is not offered, and
	 * pressed it says why it does nothing. */
	ok(!has("Enter"), "a hold's keys: no Enter");
	check_key(fe, wfd, "\r", FE_NONE, SI_NEXT, 0);
	fe->ops->draw(fe, &v);
	ok(has("This step goes on by itself when its time is up; s skips"),
	    "Enter in a hold: says why it does nothing");
	/* Between sides Enter moves on, and says so; the answer to the
	 * Enter before is of the hold, and goes with it at once. */
	v.state = SS_SWITCH;
	draw_at(fe, &v, 24, 80);
	ok(has("Enter next"), "the switch of sides: Enter next offered");
	ok(!has("goes on by itself"), "... and the answer to the Enter in "
	    "the hold has gone at once");
	check_key(fe, wfd, "\r", FE_SESSION, SI_NEXT, 0);
	/* Getting ready, space starts the timer as Enter does: the keys
	 * say so, and offer no pause. */
	v.state = SS_READY;
	draw_at(fe, &v, 24, 80);
	ok(has("Enter or space start") && !has("space pause"),
	    "getting ready: Enter or space starts, no pause offered");
	/* The symptom question: its answers, not the step's keys. */
	v.state = SS_CHECK;
	v.question = "Numbness or tingling?";
	draw_at(fe, &v, 24, 80);
	ok(has("y yes") && has("n no") && !has("space pause") &&
	    !has("Enter next"), "the question: y and n offered, no pause");
	v.question = NULL;
	/* The point stopped, with a red-flag text that fills the screen:
	 * what to do next is still there, and its key. */
	v.advice = ADV_STOP;
	v.routine_elapsed += 20000;	/* the Enter notice has gone */
	v.advice_text = "Stop this point for today: let go of the pressure. "
	    "Stay off the bony point at the outer elbow and off the inside "
	    "of the elbow, where the funny bone nerve runs. A nerve runs deep "
	    "just below the outer elbow; if pressing there sends a zing or "
	    "tingling into the back of the hand or the thumb, move off the "
	    "spot. Do not press over varicose veins, bruises, broken skin, "
	    "swelling or a recent injury. Stop at once if you feel numbness, "
	    "tingling, sharp, shooting or burning pain, or dizziness. Ask "
	    "your clinician first if you take blood thinners or have a "
	    "bleeding disorder, have osteoporosis, are pregnant, or are being "
	    "treated for cancer. Do not press where feeling is reduced. Not "
	    "while you have a fever or an infection, and never on an area "
	    "that is inflamed. If the pain persists, see a professional.";
	draw_at(fe, &v, 24, 80);
	ok(has("Press Enter to go on to the next step.") &&
	    has("Enter next") && has("Stop this point for today"),
	    "stopped, 80x24: the advice, then how to go on and its key");
	draw_at(fe, &v, 12, 40);
	ok(has("Press Enter to go on to the next step.") &&
	    has("Enter next") && has("Stop this point"),
	    "stopped, 40x12: the same");
	ok(v.st != NULL && v.st->kind != RT_STRETCH &&
	    has("This point stops for today"), "stopped: the point stops");
	{
		struct rt_step	 stretch = *v.st;
		const struct rt_step *was = v.st;

		stretch.kind = RT_STRETCH;
		v.st = &stretch;
		draw_at(fe, &v, 24, 80);
		ok(has("This stretch stops for today") &&
		    !has("This point stops"), "a stretch stopped: the "
		    "stretch stops, not a point");
		v.st = was;
	}
	v.advice = ADV_NONE;
	v.advice_text = NULL;
	v.state = SS_STEP;
	draw_at(fe, &v, 24, 80);
	check_key(fe, wfd, "b", FE_SESSION, SI_BRACING, 0);
	check_key(fe, wfd, "r", FE_SESSION, SI_RELEASE, 0);
	check_key(fe, wfd, "+", FE_SESSION, SI_EXTEND, 0);
	check_key(fe, wfd, "s", FE_SESSION, SI_SKIP, 0);
	check_key(fe, wfd, "p", FE_SESSION, SI_PREV, 0);
	check_key(fe, wfd, "[", FE_VOLUME_DOWN, SI_NEXT, 0);
	check_key(fe, wfd, "]", FE_VOLUME_UP, SI_NEXT, 0);
	check_key(fe, wfd, "m", FE_MUTE, SI_NEXT, 0);
	check_key(fe, wfd, "x", FE_NONE, SI_NEXT, 0);

	/* Over a running step the question stops the timer (a pause),
	 * and any answer but yes lets it go on (the same input again). */
	in = press(fe, wfd, "q");
	ok(in.kind == FE_SESSION && in.input == SI_PAUSE,
	    "q asks first, the timer stopped");
	fe->ops->draw(fe, &v);
	ok(has("Stop the session now? y = yes, n = no"), "the question");
	in = press(fe, wfd, "n");
	ok(in.kind == FE_SESSION && in.input == SI_PAUSE,
	    "n keeps going: the timer goes on");
	fe->ops->draw(fe, &v);
	ok(!has("Stop the session now?"), "the question is gone");
	in = press(fe, wfd, "q");
	ok(in.kind == FE_SESSION && in.input == SI_PAUSE, "q asks again");
	in = press(fe, wfd, "y");
	is_int(in.kind, FE_QUIT, "q then y quits");

	in = press(fe, wfd, "?");
	ok(in.kind == FE_SESSION && in.input == SI_PAUSE,
	    "? over a running step opens the help and pauses the timer");
	fe->ops->draw(fe, &v);
	ok(has("Keys") && has("holding my breath") &&
	    has("stop the session (asks first)"), "help at 80x24");
	draw_at(fe, &v, 12, 40);
	ok(has("Keys") && has("bracing") && has("quit"), "help at 40x12");
	is_int(fe->ops->frame_ms(fe, &v), 0, "no frames under the help");
	in = press(fe, wfd, "?");
	ok(in.kind == FE_SESSION && in.input == SI_PAUSE,
	    "? under the help closes it and lets the timer go on");
	fe->ops->draw(fe, &v);
	ok(!has("Any key closes this."), "? closes the help");
	in = press(fe, wfd, "?");
	ok(in.kind == FE_SESSION && in.input == SI_PAUSE,
	    "? opens the help again");
	in = press(fe, wfd, "7");
	ok(in.kind == FE_SESSION && in.input == SI_PAUSE,
	    "7 under the help only closes it: the timer goes on, no rating");
	in = press(fe, wfd, "s");
	ok(in.kind == FE_SESSION && in.input == SI_SKIP, "then s skips");
	check_key(fe, wfd, "7", FE_SESSION, SI_RATING, 7);
}

/* A stream that reads keys and then ends, or NULL. */
static FILE *
keys_in(const char *keys)
{
	FILE	*in;
	int	 p[2];

	if (pipe(p) != 0)
		return NULL;
	if (write(p[1], keys, strlen(keys)) != (ssize_t)strlen(keys) ||
	    (in = fdopen(p[0], "r")) == NULL) {
		close(p[0]);
		close(p[1]);
		return NULL;
	}
	close(p[1]);
	return in;
}

/* Run the picker over keys from a pipe that then closes; the chosen file
 * (or NULL), what was written to the terminal and whether it was left with
 * Ctrl-C. */
static char *
pick_intr(const struct library *lib, const char *keys, char **screen,
    bool *interrupted)
{
	FILE	*out, *in;
	char	*chosen = NULL, *cause = NULL;
	long	 n;

	*screen = xstrdup("");
	*interrupted = false;
	if ((in = keys_in(keys)) == NULL)
		return NULL;
	if ((out = tmpfile()) == NULL) {
		fclose(in);
		return NULL;
	}
	if (ui_pick_term(lib, false, "screen", out, in, &chosen,
	    interrupted, &cause) != 0) {
		printf("# %s\n", cause);
		free(cause);
	}
	if ((n = out_size(out)) > 0) {
		free(*screen);
		*screen = xcalloc(1, (size_t)n + 1);
		rewind(out);
		if (fread(*screen, 1, (size_t)n, out) != (size_t)n)
			**screen = '\0';
	}
	fclose(out);
	fclose(in);
	return chosen;
}

/* Run the picker over keys: the chosen file and what was drawn. */
static char *
pick(const struct library *lib, const char *keys, char **screen)
{
	bool	interrupted;

	return pick_intr(lib, keys, screen, &interrupted);
}

/* Keys to the picker choose want (NULL: nothing). */
static void
check_pick(const struct library *lib, const char *keys, const char *want,
    const char *name)
{
	char	*f, *scr;

	f = pick(lib, keys, &scr);
	is_str(f, want, name);
	free(f);
	free(scr);
}

/* The picker: every printable key filters; control and function keys
 * move, start and leave. */
static void
test_picker(void)
{
	struct lib_entry	e[] = {
		{ "box", "Box breathing", "Square breaths for when you need "
		  "calm.", "breathing", "/r/box.yaml", 300 },
		{ "neck", "Desk worker's neck", "Neck held awkwardly at the "
		  "desk.", "upper trapezius", "/r/neck.yaml", 660 },
		{ "low-back", "Low back release", "For the low back.",
		  "quadratus lumborum", "/r/low.yaml", 600 },
		{ "jaw", "Jaw and temples", "Clenching.", "masseter",
		  "/r/jaw.yaml", 420 },
		{ "knee", "Above the knee", "Front of the thigh.",
		  "vastus medialis", "/r/knee.yaml", 480 },
		{ "hip", "Hip flexors", "After sitting.", "iliopsoas",
		  "/r/hip.yaml", 540 },
	};
	static const struct {
		const char	*keys, *want, *name;
	} keys[] = {
		{ "neck\r", "/r/neck.yaml", "picker: typing filters" },
		{ "quadratus\r", "/r/low.yaml",
		  "picker: a filter beginning with q filters, not quits" },
		{ "jaw\r", "/r/jaw.yaml",
		  "picker: a filter beginning with j filters, not moves" },
		{ "knee\r", "/r/knee.yaml",
		  "picker: a filter beginning with k filters, not moves" },
		{ "hip\r", "/r/hip.yaml",
		  "picker: a filter beginning with h filters, not history" },
		{ " \x1b\r", "/r/box.yaml",
		  "picker: a space is typed: Esc clears, not leaves" },
		{ "BOX\r", "/r/box.yaml", "picker: case does not matter" },
		{ "\x0e\x0e\r", "/r/low.yaml", "picker: ^N moves down" },
		{ "\x0e\x0e\x0e\x0e\x0e\x0e\x0e\x10\r", "/r/knee.yaml",
		  "picker: ^P moves up, within the list" },
		{ "\033OB\033OB\033OA\r", "/r/neck.yaml",
		  "picker: Down and Up move" },
		{ "\033[4~\r", "/r/hip.yaml", "picker: End, the last" },
		{ "\033[4~\033[1~\r", "/r/box.yaml",
		  "picker: Home, the first" },
		{ "\033[6~\r", "/r/hip.yaml",
		  "picker: Page Down, within the list" },
		{ "\033[6~\033[5~\r", "/r/box.yaml",
		  "picker: Page Up, within the list" },
		{ "nez\177ck\r", "/r/neck.yaml",
		  "picker: Backspace takes a character off" },
		{ "zzz\x15jaw\r", "/r/jaw.yaml",
		  "picker: ^U empties the filter" },
	};
	static const struct {
		const char	*keys;
		bool		 intr;
		const char	*name;
	} leave[] = {
		{ "\x1b\r", false, "picker: Esc leaves" },
		{ "\x04\r", false, "picker: ^D leaves" },
		{ "\x03\r", true, "picker: ^C leaves, as interrupted" },
	};
	struct library		lib = { e, nitems(e) };
	char			*f, *scr;
	size_t			 i;
	bool			 intr;

	f = pick(&lib, "\r", &scr);
	is_str(f, "/r/box.yaml", "picker: Enter starts the first");
	ok(strstr(scr, "Choose a routine") != NULL &&
	    strstr(scr, "Desk worker's neck") != NULL &&
	    strstr(scr, "11 min") != NULL, "picker: the list is drawn");
	ok(strstr(scr, "Tab history") != NULL &&
	    strstr(scr, "Esc quit") != NULL, "picker: the keys are told");
	free(f);
	free(scr);
	for (i = 0; i < nitems(keys); i++)
		check_pick(&lib, keys[i].keys, keys[i].want, keys[i].name);
	for (i = 0; i < nitems(leave); i++) {
		f = pick_intr(&lib, leave[i].keys, &scr, &intr);
		ok(f == NULL && intr == leave[i].intr, leave[i].name);
		free(f);
		free(scr);
	}
	f = pick(&lib, "zzz\r\x1b\x1b", &scr);
	ok(f == NULL && strstr(scr, "No routine matches") != NULL,
	    "picker: no match, Enter does nothing, Esc clears then leaves");
	free(f);
	free(scr);
}

/* The history screen from the picker, over a history written here. */
static void
test_history(struct routine *rt)
{
	struct sess_action	 a[] = {
		{ SA_PRE_PAIN, 0, -1, 0, 6, 0, NULL },
		{ SA_STEP_START, 0, 0, RT_SIDE_LEFT, 0, 0, NULL },
		{ SA_RATING, 5000, 0, RT_SIDE_LEFT, 8, 5000, NULL },
		{ SA_RATING, 9000, 0, RT_SIDE_LEFT, 5, 9000, NULL },
		{ SA_RELEASE, 21000, 0, RT_SIDE_LEFT, 0, 21000, NULL },
		{ SA_STEP_END, 21000, 0, RT_SIDE_LEFT, 0, 21000, NULL },
		{ SA_POST_PAIN, 22000, -1, 0, 2, 0, NULL },
		{ SA_FINISH, 22000, -1, 0, OUT_COMPLETED, 0, NULL },
	};
	struct lib_entry	 e = { "neck", "Neck and shoulders", NULL,
				     "upper trapezius", "/r/neck.yaml", 600 };
	struct library		 lib = { &e, 1 };
	struct history		*h;
	char			*f, *scr, *cause;
	size_t			 i;

	if (setenv("XDG_DATA_HOME", testlib_tmpdir("ui"), 1) != 0) {
		ok(0, "history: a temporary directory");
		return;
	}
	f = pick(&lib, "\tq\x1b", &scr);
	ok(f == NULL && strstr(scr, "No sessions of this routine yet.") !=
	    NULL, "history: none yet, nothing chosen");
	free(f);
	free(scr);
	rt->id = "neck";
	if ((h = history_open(NULL, &cause)) == NULL) {
		ok(0, cause);
		free(cause);
		return;
	}
	history_begin(h, rt, 1700000000);
	for (i = 0; i < nitems(a); i++)
		history_record(h, -1, &a[i], 1700000000 + (time_t)i);
	history_close(h);
	f = pick(&lib, "\tq\x1b", &scr);
	ok(f == NULL, "history: Tab opens it, q back, Esc leaves");
	ok(strstr(scr, "History: Neck and shoulders") != NULL,
	    "history: the routine's title");
	ok(strstr(scr, "1 session, 1 completed; first 2023-11-14") != NULL,
	    "history: sessions counted");
	ok(strstr(scr, "Upper trapezius (left)") != NULL,
	    "history: the point");
	ok(strstr(scr, "21 s") != NULL, "history: time to let go");
	free(scr);
	f = pick(&lib, "\t\x1b\r", &scr);
	is_str(f, "/r/neck.yaml", "history: Esc back, then Enter starts");
	free(f);
	free(scr);
	f = pick(&lib, "nec\t\t\r", &scr);
	ok(strstr(scr, "History: Neck and shoulders") != NULL,
	    "history: Tab opens it with a filter typed");
	is_str(f, "/r/neck.yaml", "history: Tab back, then Enter starts");
	free(f);
	free(scr);
	rt->id = NULL;
	testlib_cleanup();
}

/* Run every check of the screens. */
int
main(void)
{
	struct routine	 rt;
	struct rt_step	 steps[3];
	struct frontend	 fe;
	FILE		*out, *in;
	char		*cause = NULL;
	int		 p[2];

	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		printf("1..0 # SKIP no C.UTF-8 locale\n");
		return 0;
	}
	test_wrap();
	test_wide();
	test_digits();
	test_picker();

	make_routine(&rt, steps);
	memset(&fe, 0, sizeof fe);
	fe.ops = &frontend_curses;
	fe.color = true;
	fe.animate = true;
	fe.volume = 80;
	if (pipe(p) != 0 || (out = tmpfile()) == NULL ||
	    (in = fdopen(p[0], "r")) == NULL) {
		printf("1..0 # SKIP no pipe or temporary file\n");
		return 0;
	}
	if (ui_session_open_term(&fe, &rt, "screen", out, in, &cause) != 0) {
		printf("1..0 # SKIP %s\n", cause);
		return 0;
	}
	ok(fe.ops->fd(&fe) == p[0], "input fd");
	test_step(&fe, &rt, out);
	test_untrusted(&fe, &rt, out);
	test_pre_after(&fe, &rt);
	test_notice_life(&fe, &rt);
	test_compact(&fe, &rt);
	test_figure(&fe, &rt);
	test_keys(&fe, &rt, p[1]);
	fe.ops->close(&fe);
	ok(fe.data == NULL, "closed");
	fe.ops->close(&fe);
	ok(1, "closing twice is safe");

	fe.color = false;
	if (ui_session_open_term(&fe, &rt, "vt100", out, in, &cause) != 0) {
		printf("# %s\n", cause);
		free(cause);
	} else {
		test_step(&fe, &rt, out);
		fe.ops->close(&fe);
	}
	fclose(in);
	close(p[1]);
	fclose(out);
	test_history(&rt);
	return done_testing();
}
