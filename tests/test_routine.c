/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_routine.c: the routine loader, its defaults and durations, and the
 * small pieces under it (text safety, strict numbers, SHA-256, paths). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "library.h"
#include "routine.h"
#include "schema.h"
#include "tap.h"
#include "text.h"
#include "util.h"

/* Load a routine from a string; NULL on error. */
static struct routine *
load(const char *yaml, struct diags *d)
{
	diags_init(d);
	return routine_parse("t.yaml", yaml, strlen(yaml), d);
}

/* Defaults filled for every kind, and the flattening of steps. */
static void
test_defaults(void)
{
	struct diags	 d;
	struct routine	*r;

	r = load("unknot: 1\nid: d\ntitle: D\n"
	    "allow: [no-release, no-target, no-safety]\nsteps:\n"
	    "  - warmup: {}\n"
	    "  - hold: {point: here}\n"
	    "  - hold: {point: here, seconds: 90}\n"
	    "  - breathe: {pattern: box}\n"
	    "  - exercise: {title: e, reps: 4}\n"
	    "  - exercise: {title: e, reps: 4, sets: 3, rest_seconds: 0}\n"
	    "  - note: {text: n}\n", &d);
	ok(r != NULL, "a routine with only required keys loads");
	if (r == NULL)
		return;
	is_int(d.errors, 0, "no errors");
	is_int(d.warnings, 1, "one warning: a 90 s hold");
	is_int(r->n_steps, 7, "seven steps");
	is_int(r->steps[0].kind, RT_WARMUP, "step 1 is a warm-up");
	is_int(r->steps[0].seconds, 60, "warm-up defaults to 60 s");
	is_int(r->steps[1].seconds, 30, "hold defaults to 30 s");
	is_int(r->steps[1].max_seconds, 60, "max_seconds defaults to twice");
	is_int(r->steps[1].rate_every, 15, "rate_every defaults to 15 s");
	is_int(r->steps[2].max_seconds, 120, "max_seconds is capped at 120");
	is_int(r->steps[3].cycles, 6, "breathe defaults to 6 cycles");
	is_int(r->steps[4].sets, 1, "exercise defaults to 1 set");
	is_int(r->steps[4].rep_seconds, 3, "rep_seconds defaults to 3");
	is_int(r->steps[4].rest_seconds, 20, "rest_seconds defaults to 20");
	is_int(r->steps[5].rest_seconds, 0, "rest_seconds 0 is kept");
	is_int(r->steps[6].seconds, 10, "note defaults to 10 s");
	is_int(r->steps[1].setup, 8, "hold: 8 s to get ready by default");
	is_int(r->steps[4].setup, 8, "exercise: 8 s to get ready by default");
	is_int(r->steps[0].setup, 0, "a warm-up has no get-ready phase");
	is_int(r->target_lo, 4, "target range defaults to 4...");
	is_int(r->target_hi, 7, "...to 7");
	is_int(r->ease_off_at, 8, "ease_off_at defaults to 8");
	is_str(routine_step_title(&r->steps[0]), "Warm up", "default title");
	/* 60 + (8 + 30) + (8 + 90) + 6*16 + (8 + 4*3) + (8 + 3*4*3 + 2*0)
	 * + 10: each hold and exercise gets ready for 8 s */
	ok(routine_seconds(r) == 60 + 38 + 98 + 96 + 20 + 44 + 10,
	    "the nominal length adds up");
	routine_free(r);
	diags_free(&d);
}

/* Sides, switches, sets and patterns in durations. */
static void
test_durations(void)
{
	struct diags	 d;
	struct routine	*r;

	r = load("unknot: 1\nid: d\ntitle: D\n"
	    "patterns: [{name: p, inhale: 5.5, exhale: 5.5}]\n"
	    "discomfort: {target: [2, 8]}\nsteps:\n"
	    "  - hold: {point: x, seconds: 20, sides: [left, right]}\n"
	    "  - exercise: {title: e, reps: 5, sets: 2, rep_seconds: 2, "
	    "rest_seconds: 10, sides: [right]}\n"
	    "  - breathe: {pattern: p, cycles: 3}\n", &d);
	ok(r != NULL, "loads");
	if (r == NULL)
		return;
	ok(routine_step_seconds(r, &r->steps[0]) == (8 + 20) * 2 +
	    RT_SWITCH_SECONDS, "two sides, each 8 s to get ready, with a "
	    "switch pause");
	ok(routine_step_seconds(r, &r->steps[1]) == 8 + 2 * 5 * 2 + 10,
	    "8 s to get ready, sets, reps and a rest between sets");
	ok(routine_step_seconds(r, &r->steps[2]) == 33,
	    "decimal patterns");
	is_int(r->steps[0].sides, RT_SIDE_LEFT | RT_SIDE_RIGHT, "both sides");
	is_int(r->ease_off_at, 9, "ease_off_at defaults above a high target");
	ok(routine_pattern(r, "p") == &r->patterns[0], "own pattern found");
	ok(routine_pattern(r, "resonance") != NULL &&
	    routine_pattern(r, "resonance")->inhale == 5.5,
	    "built-in resonance pattern");
	ok(routine_pattern(r, "nope") == NULL, "unknown pattern");
	is_int(strlen(r->sha256), 64, "a SHA-256 of the bytes");
	routine_free(r);
	diags_free(&d);
}

/* Whether d has an error at line:col. */
static bool
has_diag(const struct diags *d, unsigned line, unsigned col)
{
	size_t	i;

	for (i = 0; i < d->n; i++) {
		if (d->v[i].line == line && d->v[i].col == col &&
		    d->v[i].level == DIAG_ERROR)
			return true;
	}
	return false;
}

/* seconds per side: loaded, the step's seconds the longer side's; the
 * forms that are wrong, each at its place. */
static void
test_side_seconds(void)
{
	struct diags	 d;
	struct routine	*r;

	r = load("unknot: 1\nid: s\ntitle: S\nsteps:\n"
	    "  - hold: {point: x, seconds: {left: 45, right: 30}, "
	    "sides: [left, right], setup: 0}\n"
	    "  - stretch: {seconds: {right: 12}, sides: [right]}\n", &d);
	ok(r != NULL, "per-side seconds load");
	if (r == NULL)
		return;
	is_int(routine_side_seconds(&r->steps[0], RT_SIDE_LEFT), 45,
	    "left 45 s");
	is_int(routine_side_seconds(&r->steps[0], RT_SIDE_RIGHT), 30,
	    "right 30 s");
	is_int(r->steps[0].seconds, 45, "the step's seconds: the longer side");
	is_int(r->steps[0].max_seconds, 90, "max_seconds: twice the longer");
	is_int(routine_side_seconds(&r->steps[1], RT_SIDE_RIGHT), 12,
	    "a stretch on one side, per side");
	/* 45 + 5 (switch) + 30, and 12. */
	ok(routine_seconds(r) == 92, "the total adds the sides up");
	routine_free(r);
	diags_free(&d);

	r = load("unknot: 1\nid: s\ntitle: S\nsteps:\n"
	    "  - hold: {point: x, seconds: {left: 3, rigth: 30}, "
	    "sides: [left, right]}\n"
	    "  - stretch: {seconds: {left: 10}}\n", &d);
	ok(r == NULL, "bad per-side seconds do not load");
	/* By hand: line 5 "  - hold: {point: x, seconds: {" puts left's
	 * value at column 38, rigth at 41, the mapping at 31; line 6 the
	 * stretch's left value at 31. */
	ok(d.n == 4 && has_diag(&d, 5, 31) && has_diag(&d, 5, 38) &&
	    has_diag(&d, 5, 41) && has_diag(&d, 6, 31),
	    "the missing right side, the short left, the unknown key, the "
	    "side the stretch does not run on: each at its place");
	diags_free(&d);
}

/* Errors carry positions and all semantic errors are reported. */
static void
test_errors(void)
{
	struct diags	 d;
	struct routine	*r;

	r = load("unknot: 1\nid: e\ntitle: E\nsteps:\n"
	    "  - hold: {point: x, seconds: 2}\n"
	    "  - breathe: {pattern: nope}\n", &d);
	ok(r == NULL, "a routine with errors does not load");
	is_int(d.errors, 2, "both errors are reported");
	ok(d.n == 2 && d.v[0].line == 5 && d.v[0].col == 31,
	    "the first at the hold's seconds");
	ok(d.n == 2 && d.v[1].line == 6 && d.v[1].col == 24,
	    "the second at the pattern name");
	diags_free(&d);
	r = load("   \n\n", &d);
	ok(r == NULL && d.errors == 1, "blank file is an error, not NULL "
	    "without a message");
	diags_free(&d);
}

/* Text safety and sanitising. */
/* Every single byte at every place of a 19-byte run of 'a' (so both in
 * a word tested at once and in the tail): unsafe exactly when the byte is
 * a control (newline aside in text), DEL, or any byte from 0x80 (alone,
 * not UTF-8), and found at its place. */
static void
test_text_bytes(void)
{
	char	buf[19];
	size_t	bad, k;
	int	b, nl, wrong = 0;
	bool	want, got;

	for (nl = 0; nl < 2; nl++)
	for (b = 1; b < 256; b++)
	for (k = 0; k < sizeof buf; k++) {
		memset(buf, 'a', sizeof buf);
		buf[k] = (char)b;
		want = b < 0x20 ? !(nl && b == '\n') : b >= 0x7f;
		bad = (size_t)-1;
		got = text_is_unsafe(buf, sizeof buf, nl != 0, &bad);
		if (got != want || (got && bad != k))
			wrong++;
	}
	is_int(wrong, 0, "each byte at each place: unsafe as it should be");
}

static void
test_text(void)
{
	size_t	 bad;
	char	*s;

	ok(!text_is_unsafe("Hallo, Schulter — ok", 22, false, &bad),
	    "plain UTF-8 is safe");
	ok(text_is_unsafe("a\x1b[2J", 5, false, &bad) && bad == 1,
	    "ESC is unsafe, at its offset");
	ok(text_is_unsafe("a\xc2\x9b" "31m", 6, false, &bad), "C1 CSI is unsafe");
	ok(text_is_unsafe("x\xe2\x80\xae", 4, false, &bad), "RLO is unsafe");
	ok(text_is_unsafe("\xff", 1, false, &bad), "invalid UTF-8 is unsafe");
	ok(text_is_unsafe("a\nb", 3, false, &bad), "newline in a name");
	ok(!text_is_unsafe("a\nb", 3, true, &bad), "newline in text");
	test_text_bytes();
	s = text_sanitize("a\x1b]0;x\x07z");
	ok(strchr(s, 0x1b) == NULL && strchr(s, 0x07) == NULL,
	    "sanitize removes ESC and BEL");
	is_str(s, "a\xef\xbf\xbd]0;x\xef\xbf\xbdz", "replaced by U+FFFD");
	free(s);
	is_int(text_width("ab\xe2\x80\x94"), 3, "width of an em dash is 1");
}

/* Strict whole numbers. */
static void
test_numbers(void)
{
	unsigned long long	v;

	ok(schema_parse_uint("42", 100, &v) == 0 && v == 42, "42");
	ok(schema_parse_uint("0", 100, &v) == 0 && v == 0, "0");
	ok(schema_parse_uint("010", 100, &v) != 0, "no leading zeros");
	ok(schema_parse_uint("101", 100, &v) != 0, "above max");
	ok(schema_parse_uint("+1", 100, &v) != 0, "no sign");
	ok(schema_parse_uint("", 100, &v) != 0, "not empty");
	ok(schema_parse_uint("99999999999999999999999", ~0ULL, &v) != 0,
	    "overflow");
}

/* SHA-256 test vectors (FIPS 180-2). */
static void
test_sha256(void)
{
	char	hex[65];

	util_sha256_hex("abc", 3, hex);
	is_str(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	    "sha256(abc)");
	util_sha256_hex("", 0, hex);
	is_str(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	    "sha256 of nothing");
	util_sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	    56, hex);
	is_str(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
	    "sha256 of 56 bytes (two blocks of padding)");
}

/* The search path order. */
static void
test_path(void)
{
	char	**p;

	setenv("UNKNOT_PATH", "/a::/b", 1);
	setenv("XDG_DATA_HOME", "/xdg", 1);
	p = library_path();
	is_str(p[0], "/a", "UNKNOT_PATH first");
	is_str(p[1], "/b", "empty entries skipped");
	is_str(p[2], "/xdg/unknot/routines", "then XDG_DATA_HOME");
	ok(p[3] != NULL && strstr(p[3], "/routines") != NULL && p[4] == NULL,
	    "then the installed routines");
	library_free_path(p);
	unsetenv("XDG_DATA_HOME");
	setenv("HOME", "/home/x", 1);
	p = library_path();
	is_str(p[2], "/home/x/.local/share/unknot/routines",
	    "XDG default under HOME");
	library_free_path(p);
}

/* The warnings for a routine of a safe base with a few lines changed, as
 * "LINE:COL:NAME " for each; "error" if it does not load. */
static char *
lint_of(const char *top, const char *steps)
{
	struct diags	 d;
	struct routine	*r;
	char		*yaml, *out = xstrdup(""), *t;
	size_t		 i;

	xasprintf(&yaml, "unknot: 1\nid: d\ntitle: D\n%ssteps:\n%s", top,
	    steps);
	r = load(yaml, &d);
	free(yaml);
	if (r == NULL) {
		free(out);
		out = xstrdup("error");
	}
	diags_sort(&d);
	for (i = 0; r != NULL && i < d.n; i++) {
		xasprintf(&t, "%s%u:%u:%s ", out, d.v[i].line, d.v[i].col,
		    d.v[i].code ? d.v[i].code : "?");
		free(out);
		out = t;
	}
	routine_free(r);
	diags_free(&d);
	return out;
}

/* Check the warnings of one variant of the base routine. */
static void
lint_is(const char *top, const char *steps, const char *want,
    const char *name)
{
	char	*got = lint_of(top, steps);

	is_str(got, want, name);
	free(got);
}

/* The clinical warnings, each where it belongs, and silenced by name. */
static void
test_lint(void)
{
	const char	*safe = "safety: [Stop if it tingles.]\n"
	    "discomfort: {target: [4, 7]}\n";
	const char	*steps = "  - warmup: {}\n  - hold: {point: here}\n"
	    "  - release: {}\n";

	/* Lines: 1-3 fixed, 4 safety, 5 discomfort, 6 steps, 7 on. */
	lint_is(safe, steps, "", "a safe routine has no warnings");
	lint_is(safe, "  - hold: {point: here}\n  - release: {}\n",
	    "7:5:no-warmup ", "no warm-up before the first hold");
	lint_is(safe, "  - warmup: {}\n  - hold: {point: here}\n"
	    "  - rest: {}\n  - hold: {point: there}\n  - release: {}\n",
	    "8:5:no-release ", "a hold followed by another hold, no release");
	lint_is("safety: [Stop if it tingles.]\n", steps, "7:5:no-target ",
	    "holds without a target range");
	lint_is("discomfort: {target: [4, 7]}\n", steps, "7:5:no-safety ",
	    "holds without safety notes");
	lint_is("safety: [s]\ndiscomfort: {target: [4, 7]}\n"
	    "frequency: {per_week: 7}\n", steps, "6:23:daily-pressure ",
	    "pressure every day");
	lint_is("safety: [s]\ndiscomfort: {target: [4, 7]}\n"
	    "frequency: {per_week: 6}\n", steps, "",
	    "six days a week is not daily");
	lint_is(safe, "  - warmup: {}\n"
	    "  - hold: {point: here}\n  - release: {}\n"
	    "  - hold: {point: Here}\n  - release: {}\n"
	    "  - hold: {point: here}\n  - release: {}\n"
	    "  - hold: {point: here}\n  - release: {}\n",
	    "14:19:same-point ", "a fourth hold of one point");
	lint_is(safe, "  - warmup: {}\n  - hold: {point: here, seconds: 61}\n"
	    "  - release: {}\n", "8:34:hold-length ", "a 61 s hold");
	lint_is(safe, "  - warmup: {}\n  - hold: {point: here, seconds: 60}\n"
	    "  - release: {}\n", "", "a 60 s hold");
	lint_is(safe, "  - warmup: {}\n  - hold: {point: here, seconds: 9}\n"
	    "  - release: {}\n", "8:34:hold-length ", "a 9 s hold");
	lint_is(safe, "  - warmup: {}\n  - hold: {point: here, seconds: 10}\n"
	    "  - release: {}\n", "", "a 10 s hold");
	lint_is("allow: [no-warmup, no-target, no-safety, no-release]\n",
	    "  - hold: {point: here}\n", "", "allow silences by name");
	lint_is("allow: [no-warmup]\n", "  - hold: {point: here}\n",
	    "6:5:no-target 6:5:no-safety 6:5:no-release ",
	    "allow silences only what it names");
	lint_is("allow: [no-warmups]\n", steps, "error",
	    "an unknown name in allow is an error");
	lint_is(safe, "  - breathe: {pattern: box}\n", "",
	    "no holds, no pressure warnings");
}

/* Every step kind read by its key, named and titled as the routine format
 * and the history have it (the keys of man/unknot-routine.5). */
static void
test_kinds(void)
{
	static const char *const names[] = { "warmup", "hold", "breathe",
	    "release", "stretch", "exercise", "rest", "note" };
	/* an exercise needs a title of its own */
	static const char *const titles[] = { "Warm up", "Hold", "Breathe",
	    "Release", "Stretch", "Squats", "Rest", "Note" };
	struct diags	 d;
	struct routine	*r;
	unsigned	 i;

	r = load("unknot: 1\nid: k\ntitle: K\n"
	    "allow: [no-release, no-target, no-safety]\nsteps:\n"
	    "  - warmup: {}\n  - hold: {point: here}\n"
	    "  - breathe: {pattern: box}\n  - release: {}\n"
	    "  - stretch: {}\n  - exercise: {title: Squats, reps: 4}\n"
	    "  - rest: {}\n"
	    "  - note: {text: n}\n", &d);
	ok(r != NULL, "a step of every kind loads");
	if (r == NULL)
		return;
	is_int(r->n_steps, nitems(names), "one step of each kind");
	is_int(RT_KIND_COUNT, nitems(names), "as many kinds as keys");
	for (i = 0; i < r->n_steps && i < nitems(names); i++) {
		is_int(r->steps[i].kind, i, names[i]);
		is_str(routine_kind_name(r->steps[i].kind), names[i],
		    "its name");
		is_str(routine_step_title(&r->steps[i]), titles[i],
		    titles[i]);
	}
	is_str(routine_kind_name(RT_KIND_COUNT), "?", "no name past the end");
	routine_free(r);
	diags_free(&d);
}

/* The same diagnostics, in the same order, in both. */
static int
same_diags(const struct diags *a, const struct diags *b)
{
	size_t	i;

	if (a->n != b->n || a->errors != b->errors)
		return 0;
	for (i = 0; i < a->n; i++)
		if (a->v[i].level != b->v[i].level ||
		    a->v[i].line != b->v[i].line ||
		    a->v[i].col != b->v[i].col ||
		    strcmp(a->v[i].msg, b->v[i].msg) != 0)
			return 0;
	return 1;
}

/* A file loaded without its hash (read in chunks, the text never whole)
 * gives what the same text parsed in memory gives: the routine, or every
 * diagnostic, for good files and for each way of being wrong. */
static void
test_read_chunks(void)
{
	static const struct {
		const char	*name;
		const char	*text;
	} c[] = {
		{ "a good file with advice", "unknot: 1\nid: g\ntitle: G\n"
		    "steps:\n  - hold: {point: here, seconds: 40}\n"
		    "  - breathe: {pattern: box, seconds: 32}\n" },
		{ "a tab in the indentation", "unknot: 1\nid: t\ntitle: T\n"
		    "steps:\n\t- warmup: {}\n" },
		{ "a key indented wrongly", "unknot: 1\nid: i\ntitle: I\n"
		    "steps:\n  - hold:\n      point: here\n     seconds: 40\n" },
		{ "a blank file", "  \n\n" },
		{ "comments only", "# nothing yet\n" },
		{ "an empty file", "" },
		{ "an alias", "unknot: 1\nid: &a x\ntitle: *a\nsteps: []\n" },
		{ "two documents", "unknot: 1\nid: d\ntitle: D\nsteps: []\n"
		    "---\nid: e\n" },
		{ "a list for the title", "unknot: 1\nid: l\ntitle: [a, b]\n"
		    "steps:\n  - warmup: {}\n" },
		{ "bytes that are not UTF-8", "unknot: 1\nid: u\n"
		    "title: caf\xe9\nsteps:\n  - warmup: {}\n" },
	};
	char		 dir[] = "/tmp/unknot-read-XXXXXX", *path;
	struct diags	 a, b;
	struct routine	*ra, *rb;
	FILE		*f;
	size_t		 i;

	if (mkdtemp(dir) == NULL)
		fatal("mkdtemp");
	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		xasprintf(&path, "%s/r.yaml", dir);
		if ((f = fopen(path, "w")) == NULL)
			fatal("%s", path);
		fputs(c[i].text, f);
		fclose(f);
		diags_init(&a);
		diags_init(&b);
		ra = routine_load_flags(path, ROUTINE_NO_HASH, &a);
		rb = routine_parse(path, c[i].text, strlen(c[i].text), &b);
		ok((ra == NULL) == (rb == NULL) && same_diags(&a, &b) &&
		    (ra == NULL || (ra->n_steps == rb->n_steps &&
		    strcmp(ra->title, rb->title) == 0 &&
		    ra->sha256[0] == '\0' && rb->sha256[0] != '\0')),
		    c[i].name);
		routine_free(ra);
		routine_free(rb);
		diags_free(&a);
		diags_free(&b);
		unlink(path);
		free(path);
	}
	rmdir(dir);
}

/* The coaching rules: those of pressure only where there is a hold. */
static void
test_rules(void)
{
	struct diags	 d;
	struct routine	*r;
	char		*s;

	r = load("unknot: 1\nid: b\ntitle: B\nsteps:\n"
	    "  - breathe: {pattern: box, cycles: 2}\n", &d);
	ok(r != NULL, "rules: a breathing routine loads");
	s = r != NULL ? routine_coaching_rule(r, 0) : NULL;
	ok(s != NULL && strncmp(s, "Rate the discomfort", 19) == 0,
	    "rules: no hold, no pressure rule: the first is the rating");
	free(s);
	s = r != NULL ? routine_coaching_rule(r, 2) : NULL;
	ok(s == NULL, "rules: no hold: two rules");
	free(s);
	routine_free(r);
	diags_free(&d);
	r = load("unknot: 1\nid: h\ntitle: H\nsteps:\n"
	    "  - hold: {point: p, seconds: 30}\n", &d);
	s = r != NULL ? routine_coaching_rule(r, 0) : NULL;
	ok(s != NULL && strncmp(s, "Press until you feel", 20) == 0,
	    "rules: a hold: the pressure rule first");
	free(s);
	s = r != NULL ? routine_coaching_rule(r, 3) : NULL;
	ok(s != NULL && strstr(s, "no pain, no gain") != NULL,
	    "rules: a hold: four rules, ease off at once the last");
	free(s);
	routine_free(r);
	diags_free(&d);
}

int
main(void)
{
	test_defaults();
	test_kinds();
	test_lint();
	test_durations();
	test_errors();
	test_side_seconds();
	test_text();
	test_numbers();
	test_sha256();
	test_path();
	test_read_chunks();
	test_rules();
	return done_testing();
}
