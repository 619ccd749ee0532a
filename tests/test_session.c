/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_session.c: the session state machine against a fake clock, to the ms.
 *
 * Routines are built in memory; "now" is an integer of ms passed in. T0 is
 * the monotonic ms at which every session here starts, and M(ms) the
 * monotonic time of session ms ms when nothing was paused. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "coach.h"
#include "routine.h"
#include "session.h"
#include "tap.h"
#include "util.h"

#define T0	1000000
#define M(ms)	((int64_t)T0 + (ms))
#define ANY	(-1)

/* Every action taken from a session, in order. */
struct rec {
	struct sess_action	*a;
	size_t			 n, cap;
};

/* Take all pending actions into r. */
static void
drain(struct session *s, struct rec *r)
{
	struct sess_action a;

	while (session_poll(s, &a)) {
		if (r->n == r->cap) {
			r->cap = r->cap ? r->cap * 2 : 256;
			r->a = realloc(r->a, r->cap * sizeof *r->a);
			if (r->a == NULL)
				abort();
		}
		r->a[r->n++] = a;
	}
}

/* Forget the recorded actions. */
static void
rec_clear(struct rec *r)
{
	r->n = 0;
}

/* Free a record. */
static void
rec_free(struct rec *r)
{
	free(r->a);
	r->a = NULL;
	r->n = r->cap = 0;
}

/* Recorded action i; past the end, or for find()'s -1, an action that
 * matches nothing a test asks for, so a missing action fails the check
 * instead of reading what is not there (or what rec_clear() left). */
static const struct sess_action *
act(const struct rec *r, long i)
{
	static const struct sess_action none = { (enum sess_act_kind)-1,
	    INT64_MIN, INT_MIN, UINT_MAX, INT_MIN, INT64_MIN, "" };

	if (i < 0 || (size_t)i >= r->n)
		return &none;
	return &r->a[i];
}

/* Whether an action is of kind (and value, unless ANY). */
static int
match(const struct sess_action *a, enum sess_act_kind kind, int value)
{
	return a->kind == kind && (value == ANY || a->value == value);
}

/* The index of the nth (0-based) matching action, -1 if none. */
static long
find(const struct rec *r, enum sess_act_kind kind, int value, unsigned nth)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		if (match(&r->a[i], kind, value) && nth-- == 0)
			return (long)i;
	}
	return -1;
}

/* How many actions match. */
static unsigned
count(const struct rec *r, enum sess_act_kind kind, int value)
{
	unsigned n = 0;
	size_t	 i;

	for (i = 0; i < r->n; i++)
		n += match(&r->a[i], kind, value);
	return n;
}

/* The at of the nth match, -1 if none. */
static int64_t
at_of(const struct rec *r, enum sess_act_kind kind, int value, unsigned nth)
{
	long i = find(r, kind, value, nth);

	return i < 0 ? -1 : r->a[i].at;
}

/* The arg of the nth match, -1 if none. */
static int64_t
arg_of(const struct rec *r, enum sess_act_kind kind, int value,
    unsigned nth)
{
	long i = find(r, kind, value, nth);

	return i < 0 ? -1 : r->a[i].arg;
}

/* Print a record, for failures. */
static void
dump(const struct rec *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		printf("#   %6lld %-10s step %d side %u value %d arg %lld\n",
		    (long long)r->a[i].at, session_act_name(r->a[i].kind),
		    r->a[i].step, r->a[i].side, r->a[i].value,
		    (long long)r->a[i].arg);
}

/* A step of a kind with the loader's defaults for a given length. */
static struct rt_step
mk(enum rt_kind kind, unsigned seconds)
{
	struct rt_step st;

	memset(&st, 0, sizeof st);
	st.kind = kind;
	st.seconds = seconds;
	if (kind == RT_HOLD) {
		st.max_seconds = seconds * 2 > 120 ? 120 : seconds * 2;
		if (st.max_seconds < seconds)
			st.max_seconds = seconds;
		st.rate_every = RT_DEFAULT_RATE_EVERY;
	}
	return st;
}

/* An exercise step. */
static struct rt_step
mk_exercise(unsigned reps, unsigned sets, unsigned rep_seconds,
    unsigned rest_seconds)
{
	struct rt_step st = mk(RT_EXERCISE, 0);

	st.reps = reps;
	st.sets = sets;
	st.rep_seconds = rep_seconds;
	st.rest_seconds = rest_seconds;
	return st;
}

/* A breathe step. */
static struct rt_step
mk_breathe(const char *pattern, unsigned cycles)
{
	struct rt_step st = mk(RT_BREATHE, 0);

	st.pattern = (char *)pattern;
	st.cycles = cycles;
	return st;
}

/* A routine over steps with the default thresholds. */
static void
rt_init(struct routine *r, struct rt_step *steps, unsigned n)
{
	memset(r, 0, sizeof *r);
	r->version = 1;
	r->id = (char *)"test";
	r->title = (char *)"Test";
	r->target_lo = RT_DEFAULT_TARGET_LO;
	r->target_hi = RT_DEFAULT_TARGET_HI;
	r->ease_off_at = RT_DEFAULT_EASE_OFF;
	r->steps = steps;
	r->n_steps = n;
}

/* A session at T0, past SS_PRE at once, its first actions in rec. */
static struct session *
begin(const struct routine *r, struct rec *rec)
{
	struct session *s = session_new(r, T0);

	session_input(s, T0, SI_NEXT, 0);
	drain(s, rec);
	return s;
}

/* Tick to now and record what came. */
static void
tick(struct session *s, int64_t now, struct rec *rec)
{
	session_tick(s, now);
	drain(s, rec);
}

/* Feed an input at now and record what came; returns its result. */
static int
input(struct session *s, int64_t now, enum sess_input in, int value,
    struct rec *rec)
{
	int rc = session_input(s, now, in, value);

	drain(s, rec);
	return rc;
}

/* Before the first step, and the way out through aftercare. */
static void
test_pre_and_aftercare(void)
{
	struct rt_step	 steps[1] = { mk(RT_HOLD, 30) };
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct session	*s;
	struct sess_view v;
	long		 i, j;

	rt_init(&r, steps, 1);
	s = session_new(&r, T0);
	drain(s, &rec);
	ok(rec.n == 1 && match(act(&rec, 0), SA_STATE, SS_PRE) &&
	    act(&rec, 0)->at == 0 && act(&rec, 0)->step == -1,
	    "starts in SS_PRE at 0");
	is_int(session_next_deadline(s, T0), INT64_MAX, "PRE: no deadline");
	tick(s, M(1000), &rec);
	is_int(rec.n, 1, "PRE: nothing happens by itself");
	is_int(input(s, M(1000), SI_RATING, 5, &rec), 0, "rating in PRE");
	is_int(input(s, M(2000), SI_RATING, 3, &rec), 0, "another rating");
	is_int(count(&rec, SA_PRE_PAIN, ANY), 2, "one SA_PRE_PAIN each");
	is_int(at_of(&rec, SA_PRE_PAIN, 3, 0), 2000, "the last at 2000");
	session_view(s, M(2500), &v);
	ok(v.state == SS_PRE && v.step == -1 && v.st == NULL &&
	    v.pre_pain == 3 && v.post_pain == -1, "PRE view: last one wins");
	is_int(input(s, M(2000), SI_RATING, 11, &rec), -1, "11 is refused");
	is_int(input(s, M(2000), SI_RATING, -1, &rec), -1, "-1 is refused");
	is_int(input(s, M(2000), SI_BRACING, 0, &rec), -1, "no bracing");
	is_int(input(s, M(2000), SI_SKIP, 0, &rec), -1, "no skip in PRE");
	is_int(input(s, M(2000), SI_PREV, 0, &rec), -1, "no prev in PRE");
	is_int(input(s, M(2000), SI_EXTEND, 0, &rec), -1, "no extend");
	is_int(input(s, M(2000), SI_RELEASE, 0, &rec), -1, "no release");
	is_int(input(s, M(3000), SI_NEXT, 0, &rec), 0, "NEXT starts");
	i = find(&rec, SA_STATE, SS_STEP, 0);
	ok(i >= 0 && act(&rec, i)->at == 3000 && act(&rec, i)->step == 0 &&
	    match(act(&rec, i + 1), SA_STEP_START, ANY) &&
	    act(&rec, i + 1)->at == 3000 &&
	    strcmp(act(&rec, i + 1)->text, "Hold") == 0 &&
	    match(act(&rec, i + 2), SA_CUE, CUE_STEP) &&
	    act(&rec, i + 2)->at == 3000,
	    "SA_STATE, SA_STEP_START (title), CUE_STEP at 3000");
	tick(s, M(32999), &rec);
	is_int(count(&rec, SA_STEP_END, ANY), 0, "not over at 29999 ms");
	tick(s, M(33000), &rec);
	i = find(&rec, SA_CUE, CUE_BELL, 0);
	ok(i >= 0 && act(&rec, i)->at == 33000 &&
	    match(act(&rec, i + 1), SA_STEP_END, ANY) &&
	    act(&rec, i + 1)->arg == 30000 && act(&rec, i + 1)->at == 33000 &&
	    match(act(&rec, i + 2), SA_CUE, CUE_END) &&
	    act(&rec, i + 2)->at == 33000 &&
	    match(act(&rec, i + 3), SA_STATE, SS_AFTERCARE) &&
	    act(&rec, i + 3)->step == -1,
	    "bell, SA_STEP_END 30000, CUE_END, SS_AFTERCARE at 33000");
	is_int(session_next_deadline(s, M(33000)), INT64_MAX,
	    "AFTERCARE: no deadline");
	is_int(input(s, M(40000), SI_RATING, 2, &rec), 0, "closing rating");
	is_int(at_of(&rec, SA_POST_PAIN, 2, 0), 40000, "SA_POST_PAIN");
	session_view(s, M(40000), &v);
	ok(v.state == SS_AFTERCARE && v.post_pain == 2 && v.pre_pain == 3 &&
	    v.routine_elapsed == 40000 && v.routine_pos == 30000 &&
	    v.routine_total == 30000, "AFTERCARE view");
	ok(!session_done(s), "not done in aftercare");
	is_int(input(s, M(41000), SI_NEXT, 0, &rec), 0, "NEXT finishes");
	i = find(&rec, SA_STATE, SS_DONE, 0);
	j = find(&rec, SA_FINISH, OUT_COMPLETED, 0);
	ok(i >= 0 && j == i + 1 && act(&rec, j)->at == 41000 &&
	    act(&rec, j)->arg == 0, "SS_DONE, then SA_FINISH completed");
	ok(session_done(s), "done");
	is_int(input(s, M(42000), SI_NEXT, 0, &rec), -1, "nothing after");
	is_int(input(s, M(42000), SI_QUIT, 0, &rec), -1, "no quit after");
	is_int(session_next_deadline(s, M(42000)), INT64_MAX, "no deadline");
	session_free(s);
	rec_free(&rec);
}

/* Holds last exactly their seconds. */
static void
test_hold_exact(void)
{
	struct rt_step	 steps[2] = { mk(RT_HOLD, 45), mk(RT_HOLD, 7) };
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct session	*s;

	rt_init(&r, steps, 2);
	s = begin(&r, &rec);
	tick(s, M(44999), &rec);
	is_int(count(&rec, SA_STEP_END, ANY), 0, "45 s hold: on at 44999");
	tick(s, M(45000), &rec);
	is_int(arg_of(&rec, SA_STEP_END, ANY, 0), 45000, "ends at 45000");
	is_int(at_of(&rec, SA_STEP_START, ANY, 1), 45000, "next at 45000");
	tick(s, M(51999), &rec);
	is_int(count(&rec, SA_STEP_END, ANY), 1, "7 s hold: on at 6999");
	tick(s, M(52000), &rec);
	is_int(at_of(&rec, SA_STEP_END, ANY, 1), 52000, "ends at 7000");
	is_int(at_of(&rec, SA_STATE, SS_AFTERCARE, 0), 52000, "aftercare");
	session_free(s);
	rec_free(&rec);
}

/* Paused time does not count. */
static void
test_pause(void)
{
	struct rt_step	 steps[1] = { mk(RT_HOLD, 30) };
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct session	*s;
	struct sess_view v;

	rt_init(&r, steps, 1);
	s = begin(&r, &rec);
	tick(s, M(10000), &rec);
	is_int(input(s, M(10000), SI_PAUSE, 0, &rec), 0, "pause");
	is_int(at_of(&rec, SA_PAUSE, ANY, 0), 10000, "SA_PAUSE at 10000");
	is_int(session_next_deadline(s, M(10000)), INT64_MAX,
	    "no deadline while paused");
	rec_clear(&rec);
	tick(s, M(60000), &rec);
	is_int(rec.n, 0, "nothing happens while paused");
	session_view(s, M(60000), &v);
	ok(v.paused && v.step_elapsed == 10000 && v.routine_elapsed == 10000,
	    "the view stands still");
	is_int(session_time(s, M(60000)), 10000, "session time stands still");
	is_int(input(s, M(17777), SI_PAUSE, 0, &rec), 0, "resume");
	ok(count(&rec, SA_RESUME, ANY) == 1 &&
	    arg_of(&rec, SA_RESUME, ANY, 0) == 7777 &&
	    at_of(&rec, SA_RESUME, ANY, 0) == 10000,
	    "SA_RESUME at 10000 after 7777 ms");
	is_int(session_time(s, M(17777)), 10000, "session time resumes");
	tick(s, M(37776), &rec);
	is_int(count(&rec, SA_STEP_END, ANY), 0, "not over 1 ms before");
	is_int(session_next_deadline(s, M(37776)), M(37777),
	    "deadline: the end, paused time added");
	tick(s, M(37777), &rec);
	ok(at_of(&rec, SA_STEP_END, ANY, 0) == 30000 &&
	    arg_of(&rec, SA_STEP_END, ANY, 0) == 30000,
	    "a full 30000 ms hold, pause excluded");
	session_free(s);

	/* Pauses before the first step count out too. */
	s = session_new(&r, T0);
	session_input(s, M(1000), SI_PAUSE, 0);
	session_input(s, M(4000), SI_PAUSE, 0);
	is_int(session_time(s, M(5000)), 2000, "paused in PRE: excluded");
	session_input(s, M(5000), SI_PAUSE, 0);
	is_int(session_input(s, M(6000), SI_NEXT, 0), 0,
	    "NEXT while paused");
	rec_clear(&rec);
	drain(s, &rec);
	is_int(at_of(&rec, SA_STEP_START, ANY, 0), 2000, "starts at 2000");
	tick(s, M(99000), &rec);
	is_int(count(&rec, SA_STEP_END, ANY), 0, "and stays paused");
	session_input(s, M(100000), SI_PAUSE, 0);
	tick(s, M(100000 + 30000), &rec);
	is_int(at_of(&rec, SA_STEP_END, ANY, 0), 32000, "runs 30 s after");
	session_free(s);
	rec_free(&rec);
}

/* The raw clock of test_stall(), in real ms. */
static int64_t
fake_raw(void *arg)
{
	return *(int64_t *)arg;
}

/* The loop's rule for a wake-up that came too late: more than
 * CLOCK_STALL_MS real ms beyond the wait, whatever UNKNOT_TIME_SCALE is. */
static void
test_stall(void)
{
	struct clock	 c;
	int64_t		 raw = 500000, since;
	char		*cause = NULL;

	unsetenv("UNKNOT_TIME_SCALE");
	ok(clock_init(&c, fake_raw, &raw, &cause) == 0, "clock at scale 1");
	since = clock_now(&c);
	raw += 1000 + 5000;
	ok(!clock_stalled(&c, since, 1000, clock_now(&c)),
	    "scale 1: 5000 ms beyond a 1000 ms wait is not a stall");
	raw += 1;
	ok(clock_stalled(&c, since, 1000, clock_now(&c)),
	    "scale 1: 5001 ms beyond it is");
	ok(!clock_stalled(&c, since, 6001, clock_now(&c)),
	    "scale 1: a wait that long allowed it");
	raw += 3600000;
	ok(!clock_stalled(&c, since, -1, clock_now(&c)),
	    "no limit on the wait: never a stall");

	setenv("UNKNOT_TIME_SCALE", "20", 1);
	ok(clock_init(&c, fake_raw, &raw, &cause) == 0, "clock at scale 20");
	since = clock_now(&c);
	raw += 1000 + 4999;
	is_int(clock_now(&c) - since, 20 * 5999, "scale 20: 5999 real ms are "
	    "119980 scaled");
	ok(!clock_stalled(&c, since, 1000, clock_now(&c)),
	    "scale 20: 4999 real ms beyond a 1000 ms wait is not a stall");
	raw += 2;
	ok(clock_stalled(&c, since, 1000, clock_now(&c)),
	    "scale 20: 5001 real ms beyond it is");
	unsetenv("UNKNOT_TIME_SCALE");
}

/* Time the process did not run is a pause: the hold neither ends in it
 * nor loses the time it had left. */
static void
test_gap(void)
{
	struct rt_step	 steps[1] = { mk(RT_HOLD, 30) };
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct session	*s;
	struct sess_view v;

	rt_init(&r, steps, 1);
	s = begin(&r, &rec);
	tick(s, M(10000), &rec);
	rec_clear(&rec);
	ok(session_gap(s, M(10000), M(70000)), "a 60 s gap at 10 s pauses");
	drain(s, &rec);
	ok(at_of(&rec, SA_PAUSE, ANY, 0) == 10000 &&
	    at_of(&rec, SA_RESUME, ANY, 0) == 10000 &&
	    arg_of(&rec, SA_RESUME, ANY, 0) == 60000 && rec.n == 2,
	    "SA_PAUSE and SA_RESUME at 10000, 60000 ms paused");
	tick(s, M(71000), &rec);
	is_int(count(&rec, SA_STEP_END, ANY), 0, "the hold did not end in it");
	session_view(s, M(71000), &v);
	ok(!v.paused && v.step_elapsed == 11000,
	    "running again, 11000 ms in at 71000");
	tick(s, M(89999), &rec);
	is_int(count(&rec, SA_STEP_END, ANY), 0, "on 1 ms before 30 s of it");
	tick(s, M(90000), &rec);
	ok(at_of(&rec, SA_STEP_END, ANY, 0) == 30000 &&
	    arg_of(&rec, SA_STEP_END, ANY, 0) == 30000,
	    "the whole 30000 ms hold, gap excluded");
	session_free(s);

	/* Paused by the person: the gap changes nothing. */
	rec_clear(&rec);
	s = begin(&r, &rec);
	input(s, M(5000), SI_PAUSE, 0, &rec);
	rec_clear(&rec);
	ok(!session_gap(s, M(6000), M(60000)), "paused already: no gap");
	drain(s, &rec);
	is_int(rec.n, 0, "and no action");
	session_view(s, M(60000), &v);
	ok(v.paused && v.step_elapsed == 5000, "still paused at 5000");
	ok(!session_gap(s, M(60000), M(60000)), "an empty gap is none");
	session_free(s);
	rec_free(&rec);
}

/* Left, switch sides, right. */
static void
test_sides(void)
{
	struct rt_step	 steps[2] = { mk(RT_HOLD, 20), mk(RT_STRETCH, 10) };
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct session	*s;
	struct sess_view v;
	long		 i;

	steps[0].sides = RT_SIDE_LEFT | RT_SIDE_RIGHT;
	steps[1].sides = RT_SIDE_RIGHT;
	rt_init(&r, steps, 2);
	s = begin(&r, &rec);
	i = find(&rec, SA_STEP_START, ANY, 0);
	ok(i >= 0 && act(&rec, i)->side == RT_SIDE_LEFT &&
	    act(&rec, i)->at == 0, "left side first");
	tick(s, M(20000), &rec);
	i = find(&rec, SA_STEP_END, ANY, 0);
	ok(i >= 0 && act(&rec, i)->side == RT_SIDE_LEFT &&
	    act(&rec, i)->arg == 20000 && act(&rec, i)->at == 20000,
	    "left ends");
	i = find(&rec, SA_STATE, SS_SWITCH, 0);
	ok(i >= 0 && act(&rec, i)->at == 20000 &&
	    act(&rec, i)->side == RT_SIDE_RIGHT,
	    "SS_SWITCH towards the right");
	i = find(&rec, SA_CUE, CUE_SIDE, 0);
	ok(i >= 0 && act(&rec, i)->at == 20000 &&
	    act(&rec, i)->side == RT_SIDE_RIGHT, "CUE_SIDE at 20000");
	session_view(s, M(22000), &v);
	ok(v.state == SS_SWITCH && v.side == RT_SIDE_RIGHT &&
	    v.step_elapsed == 2000 &&
	    v.step_total == RT_SWITCH_SECONDS * 1000 && !v.breathing,
	    "switch view: 2 of 5 s");
	is_int(session_next_deadline(s, M(22000)), M(23000),
	    "countdown second in the switch");
	tick(s, M(24999), &rec);
	is_int(count(&rec, SA_STEP_START, ANY), 1, "right not yet at 24999");
	tick(s, M(25000), &rec);
	i = find(&rec, SA_STEP_START, ANY, 1);
	ok(i >= 0 && act(&rec, i)->side == RT_SIDE_RIGHT &&
	    act(&rec, i)->at == 25000 &&
	    match(act(&rec, i + 1), SA_CUE, CUE_STEP), "right at 25000");
	tick(s, M(45000), &rec);
	i = find(&rec, SA_STEP_END, ANY, 1);
	ok(i >= 0 && act(&rec, i)->side == RT_SIDE_RIGHT &&
	    act(&rec, i)->arg == 20000 &&
	    act(&rec, i)->at == 45000, "right ends after 20000");
	i = find(&rec, SA_STEP_START, ANY, 2);
	ok(i >= 0 && act(&rec, i)->step == 1 &&
	    act(&rec, i)->side == RT_SIDE_RIGHT &&
	    act(&rec, i)->at == 45000, "a right-only stretch: no switch");
	tick(s, M(55000), &rec);
	is_int(count(&rec, SA_STATE, SS_SWITCH), 1, "one switch in all");
	is_int(at_of(&rec, SA_STATE, SS_AFTERCARE, 0), 55000, "then done");
	session_free(s);

	/* Enter ends the switch pause early. */
	rec_clear(&rec);
	s = begin(&r, &rec);
	tick(s, M(21000), &rec);
	is_int(input(s, M(21000), SI_NEXT, 0, &rec), 0, "NEXT in switch");
	is_int(at_of(&rec, SA_STEP_START, ANY, 1), 21000, "right at once");
	is_int(input(s, M(22000), SI_NEXT, 0, &rec), -1, "NEXT in a hold");
	session_free(s);
	rec_free(&rec);
}

/* Check the SA_REP list against want[][3] = { rep, set, at }. */
static void
check_reps(const struct rec *rec, const int64_t want[][3], unsigned n,
    const char *name)
{
	unsigned i;
	long	 k;
	int	 good = count(rec, SA_REP, ANY) == n;

	for (i = 0; good && i < n; i++) {
		k = find(rec, SA_REP, ANY, i);
		good = act(rec, k)->value == want[i][0] &&
		    act(rec, k)->arg == want[i][1] &&
		    act(rec, k)->at == want[i][2];
	}
	if (!ok(good, name))
		dump(rec);
}

/* Sets of reps with rest between them. */
static void
test_exercise(void)
{
	static const int64_t want[][3] = {
		{ 1, 1, 0 }, { 2, 1, 2000 }, { 3, 1, 4000 },
		{ 1, 2, 11000 }, { 2, 2, 13000 }, { 3, 2, 15000 }
	};
	static const int64_t want0[][3] = {
		{ 1, 1, 0 }, { 2, 1, 2000 }, { 3, 1, 4000 },
		{ 1, 2, 6000 }, { 2, 2, 8000 }, { 3, 2, 10000 }
	};
	struct rt_step	 steps[1] = { mk_exercise(3, 2, 2, 5) };
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct session	*s;
	struct sess_view v;

	rt_init(&r, steps, 1);
	s = begin(&r, &rec);
	session_view(s, M(0), &v);
	is_int(v.routine_total, 17000, "3 x 2 s, 2 sets, 5 s rest: 17 s");
	tick(s, M(7000), &rec);
	is_int(at_of(&rec, SA_STATE, SS_SET_REST, 0), 6000, "rest at 6000");
	session_view(s, M(7000), &v);
	ok(v.state == SS_SET_REST && v.set == 1 && v.sets == 2 &&
	    v.rep == 3 && v.reps == 3 && v.step_elapsed == 1000 &&
	    v.step_total == 5000, "rest view");
	tick(s, M(13500), &rec);
	is_int(at_of(&rec, SA_CUE, CUE_STEP, 1), 11000, "CUE_STEP for set 2");
	session_view(s, M(13500), &v);
	ok(v.state == SS_STEP && v.set == 2 && v.rep == 2 &&
	    v.step_elapsed == 2500 && v.step_total == 6000, "set 2 view");
	tick(s, M(17000), &rec);
	check_reps(&rec, want, 6, "reps and sets to the ms");
	ok(count(&rec, SA_STEP_END, ANY) == 1 &&
	    arg_of(&rec, SA_STEP_END, ANY, 0) == 17000 &&
	    at_of(&rec, SA_STEP_END, ANY, 0) == 17000,
	    "one SA_STEP_END after 17000 ms");
	session_free(s);

	/* No rest: sets follow each other; NEXT ends a rest early. */
	steps[0].rest_seconds = 0;
	rec_clear(&rec);
	s = begin(&r, &rec);
	tick(s, M(20000), &rec);
	check_reps(&rec, want0, 6, "no rest between sets");
	is_int(count(&rec, SA_STATE, SS_SET_REST), 0, "no SS_SET_REST");
	is_int(at_of(&rec, SA_STEP_END, ANY, 0), 12000, "ends at 12000");
	session_free(s);
	steps[0].rest_seconds = 5;
	rec_clear(&rec);
	s = begin(&r, &rec);
	tick(s, M(7000), &rec);
	is_int(input(s, M(7000), SI_NEXT, 0, &rec), 0, "NEXT in rest");
	is_int(at_of(&rec, SA_REP, 1, 1), 7000, "set 2 at once");
	session_free(s);

	/* Both sides. */
	steps[0].sides = RT_SIDE_LEFT | RT_SIDE_RIGHT;
	rec_clear(&rec);
	s = begin(&r, &rec);
	session_view(s, M(0), &v);
	is_int(v.routine_total, 39000, "two sides and a switch: 39 s");
	tick(s, M(39000), &rec);
	ok(count(&rec, SA_REP, ANY) == 12 &&
	    at_of(&rec, SA_STEP_START, ANY, 1) == 22000 &&
	    at_of(&rec, SA_REP, 1, 2) == 22000 &&
	    at_of(&rec, SA_STEP_END, ANY, 1) == 39000,
	    "right side sets after the switch");
	session_free(s);
	rec_free(&rec);
}

/* The sets an exercise tells (reps done of reps prescribed), and the
 * difficulty question after it: open 20 s, answered once, closed by
 * another input or by its time. */
static void
test_exercise_how(void)
{
	struct rt_step	 steps[1] = { mk_exercise(3, 2, 2, 5) };
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct session	*s;
	struct sess_view v;

	rt_init(&r, steps, 1);
	/* Done: two sets of 3 of 3, then the question. */
	s = begin(&r, &rec);
	tick(s, M(17000), &rec);
	ok(count(&rec, SA_SET, ANY) == 2 && count(&rec, SA_SET, 3) == 2 &&
	    arg_of(&rec, SA_SET, 3, 0) == 3 && at_of(&rec, SA_SET, 3, 0) ==
	    6000 && at_of(&rec, SA_SET, 3, 1) == 17000,
	    "a set that ran its time: 3 of 3 reps, at its end");
	is_int(at_of(&rec, SA_HOW, ANY, 0), 17000, "the question after it");
	ok(find(&rec, SA_HOW, ANY, 0) > find(&rec, SA_STEP_END, ANY, 0) &&
	    rec.a[find(&rec, SA_HOW, ANY, 0)].step == 0 &&
	    strcmp(rec.a[find(&rec, SA_HOW, ANY, 0)].text,
	    "How was that? e easy, o ok, h hard") == 0,
	    "after the step's end, of that step, in those words");
	session_view(s, M(36999), &v);
	ok(v.how, "open 20 s");
	is_int(session_next_deadline(s, M(17000)), M(37000),
	    "the screen hears when it closes");
	is_int(input(s, M(20000), SI_DIFFICULTY, 3, &rec), 0, "answered");
	ok(count(&rec, SA_DIFFICULTY, 3) == 1 &&
	    rec.a[find(&rec, SA_DIFFICULTY, 3, 0)].step == 0,
	    "hard, of the exercise");
	is_int(input(s, M(21000), SI_DIFFICULTY, 1, &rec), -1, "once only");
	session_view(s, M(21000), &v);
	ok(!v.how, "closed by its answer");
	session_free(s);

	/* Left to close by itself. */
	rec_clear(&rec);
	s = begin(&r, &rec);
	tick(s, M(37000), &rec);
	session_view(s, M(37000), &v);
	ok(!v.how, "closed after 20 s");
	is_int(input(s, M(37000), SI_DIFFICULTY, 2, &rec), -1,
	    "no answer after it closed");
	session_free(s);

	/* Closed by another input, which applies. */
	rec_clear(&rec);
	s = begin(&r, &rec);
	tick(s, M(17000), &rec);
	is_int(input(s, M(18000), SI_RATING, 4, &rec), 0, "a rating");
	ok(count(&rec, SA_POST_PAIN, 4) == 1, "which is recorded");
	is_int(input(s, M(18500), SI_DIFFICULTY, 2, &rec), -1,
	    "and closes the question");
	is_int(count(&rec, SA_DIFFICULTY, ANY), 0, "no answer recorded");
	session_free(s);

	/* Skipped 2.5 s into set 2: 3 of 3, 1 of 3; no question. */
	rec_clear(&rec);
	s = begin(&r, &rec);
	tick(s, M(13500), &rec);
	is_int(input(s, M(13500), SI_SKIP, 0, &rec), 0, "skip in set 2");
	ok(count(&rec, SA_SET, ANY) == 2 && count(&rec, SA_SET, 3) == 1 &&
	    count(&rec, SA_SET, 1) == 1 && arg_of(&rec, SA_SET, 1, 0) == 3 &&
	    at_of(&rec, SA_SET, 1, 0) == 13500,
	    "the set cut short tells the reps whose time was up");
	is_int(count(&rec, SA_HOW, ANY), 0, "no question after a skip");
	is_int(input(s, M(14000), SI_DIFFICULTY, 1, &rec), -1,
	    "nothing to answer");
	session_free(s);

	/* Quit in the rest after set 1: the set not begun tells 0. */
	rec_clear(&rec);
	s = begin(&r, &rec);
	tick(s, M(8000), &rec);
	input(s, M(8000), SI_QUIT, 0, &rec);
	ok(count(&rec, SA_SET, ANY) == 2 && count(&rec, SA_SET, 0) == 1 &&
	    at_of(&rec, SA_SET, 0, 0) == 8000, "one set of 0 not begun");
	session_free(s);
	rec_free(&rec);
}

/* Check every SA_PHASE of a step against a pattern's exact boundaries. */
static void
check_phases(const struct rec *rec, const int64_t *bounds,
    const enum breath_phase *phases, unsigned nb, int64_t cycle,
    int64_t from, unsigned want, const char *name)
{
	unsigned i;
	long	 k;
	int64_t	 at, len;
	int	 good = count(rec, SA_PHASE, ANY) == want;

	for (i = 0; good && i < want; i++) {
		k = find(rec, SA_PHASE, ANY, i);
		at = from + (int64_t)(i / nb) * cycle + bounds[i % nb];
		len = (i % nb + 1 < nb ? bounds[i % nb + 1] : cycle) -
		    bounds[i % nb];
		good = act(rec, k)->at == at &&
		    act(rec, k)->value == (int)phases[i % nb] &&
		    act(rec, k)->arg == len &&
		    match(act(rec, k + 1), SA_CUE, phases[i % nb] ==
		    BR_INHALE ? CUE_INHALE : phases[i % nb] == BR_EXHALE ?
		    CUE_EXHALE : CUE_HOLD) && act(rec, k + 1)->at == at;
		if (!good)
			printf("#   phase %u: at %lld value %d arg %lld, want "
			    "%lld %d %lld\n", i, (long long)act(rec, k)->at,
			    act(rec, k)->value, (long long)act(rec, k)->arg,
			    (long long)at, phases[i % nb], (long long)len);
	}
	if (!good)
		printf("#   %u phases, want %u\n", count(rec, SA_PHASE, ANY),
		    want);
	ok(good, name);
}

/* Breathe steps: pattern x cycles, boundaries exact over 100 cycles. */
static void
test_breathe(void)
{
	static const int64_t		rb[] = { 0, 5500 };
	static const enum breath_phase	rp[] = { BR_INHALE, BR_EXHALE };
	static const int64_t		fb[] = { 0, 4000, 11000 };
	static const enum breath_phase	fp[] = { BR_INHALE, BR_HOLD_IN,
					    BR_EXHALE };
	static const int64_t		ob[] = { 0, 4300, 5000 };
	struct rt_pattern		 odd = { (char *)"odd", 4.3, 0.7, 5.1,
					    0 };
	struct rt_step			 steps[1];
	struct routine			 r;
	struct rec			 rec = { 0 };
	struct session			*s;
	struct sess_view		 v;

	steps[0] = mk_breathe("resonance", 100);
	rt_init(&r, steps, 1);
	s = begin(&r, &rec);
	session_view(s, M(0), &v);
	is_int(v.routine_total, 1100000, "100 x 11 s");
	ok(fabs(routine_step_seconds(&r, &steps[0]) * 1000 - 1100000) < 0.5,
	    "the same as routine_step_seconds()");
	session_view(s, M(1094500 + 2750), &v);
	ok(v.breathing && v.phase == BR_EXHALE &&
	    fabs(v.phase_progress - 0.5) < 1e-9,
	    "view: halfway through the 100th exhale");
	ok(v.breath == 100 && v.breaths == 100, "view: breath 100 of 100");
	session_view(s, M(0), &v);
	ok(v.breath == 1 && v.breaths == 100, "view: breath 1 of 100 at 0");
	session_view(s, M(10999), &v);
	is_int(v.breath, 1, "view: still breath 1 at 10999");
	session_view(s, M(11000), &v);
	is_int(v.breath, 2, "view: breath 2 at 11000");
	tick(s, M(1099999), &rec);
	is_int(count(&rec, SA_STEP_END, ANY), 0, "on at 1099999");
	tick(s, M(1100000), &rec);
	is_int(at_of(&rec, SA_STEP_END, ANY, 0), 1100000, "ends at 1100000");
	check_phases(&rec, rb, rp, 2, 11000, 0, 200,
	    "resonance: 200 phases at k * 5500 ms");
	is_int(count(&rec, SA_CUE, CUE_INHALE), 100, "100 inhale cues");
	is_int(count(&rec, SA_CUE, CUE_EXHALE), 100, "100 exhale cues");
	session_free(s);

	steps[0] = mk_breathe("4-7-8", 100);
	rec_clear(&rec);
	s = begin(&r, &rec);
	tick(s, M(1900000), &rec);
	is_int(at_of(&rec, SA_STEP_END, ANY, 0), 1900000, "4-7-8: 1900000");
	check_phases(&rec, fb, fp, 3, 19000, 0, 300,
	    "4-7-8: boundaries at 0, 4000, 11000 of every 19000");
	is_int(count(&rec, SA_CUE, CUE_HOLD), 100, "100 hold cues");
	session_free(s);

	/* A routine's own decimal pattern, started 1234 ms in. */
	steps[0] = mk_breathe("odd", 100);
	r.patterns = &odd;
	r.n_patterns = 1;
	rec_clear(&rec);
	s = session_new(&r, T0);
	session_input(s, M(1234), SI_NEXT, 0);
	tick(s, M(1234 + 1010000), &rec);
	is_int(at_of(&rec, SA_STEP_END, ANY, 0), 1234 + 1010000,
	    "4.3/0.7/5.1: 100 cycles of 10100 ms");
	check_phases(&rec, ob, fp, 3, 10100, 1234, 300,
	    "4.3/0.7/5.1: exact boundaries");
	session_free(s);
	rec_free(&rec);
}

/* The pacer during other steps, the countdown ticks and the bell. */
static void
test_hold_pacer(void)
{
	static const int64_t		sb[] = { 0, 4000 };
	static const enum breath_phase	sp[] = { BR_INHALE, BR_EXHALE };
	static const int64_t		bb[] = { 0, 4000, 8000, 12000 };
	static const enum breath_phase	bp[] = { BR_INHALE, BR_HOLD_IN,
					    BR_EXHALE, BR_HOLD_OUT };
	static const int64_t		rb[] = { 0, 5500 };
	struct rt_step			 steps[1];
	struct routine			 r;
	struct rec			 rec = { 0 };
	struct session			*s;

	steps[0] = mk(RT_HOLD, 30);
	rt_init(&r, steps, 1);
	s = begin(&r, &rec);
	tick(s, M(30000), &rec);
	check_phases(&rec, sb, sp, 2, 10000, 0, 6,
	    "a hold without breathing runs 'slow' 4/0/6/0");
	ok(count(&rec, SA_CUE, CUE_TICK) == 3 &&
	    at_of(&rec, SA_CUE, CUE_TICK, 0) == 27000 &&
	    at_of(&rec, SA_CUE, CUE_TICK, 1) == 28000 &&
	    at_of(&rec, SA_CUE, CUE_TICK, 2) == 29000,
	    "ticks at 27000, 28000, 29000");
	ok(count(&rec, SA_CUE, CUE_BELL) == 1 &&
	    at_of(&rec, SA_CUE, CUE_BELL, 0) == 30000, "the bell at 30000");
	session_free(s);

	steps[0].breathing = (char *)"box";
	rec_clear(&rec);
	s = begin(&r, &rec);
	tick(s, M(30000), &rec);
	check_phases(&rec, bb, bp, 4, 16000, 0, 8, "a hold breathing 'box'");
	session_free(s);

	steps[0] = mk(RT_WARMUP, 60);
	rec_clear(&rec);
	s = begin(&r, &rec);
	tick(s, M(60000), &rec);
	ok(count(&rec, SA_PHASE, ANY) == 0 && count(&rec, SA_CUE, CUE_TICK) ==
	    0 && count(&rec, SA_CUE, CUE_BELL) == 0 &&
	    count(&rec, SA_PROMPT, ANY) == 0,
	    "a warmup without breathing: no pacer, ticks, bell or prompts");
	session_free(s);

	steps[0].breathing = (char *)"resonance";
	rec_clear(&rec);
	s = begin(&r, &rec);
	tick(s, M(60000), &rec);
	check_phases(&rec, rb, sp, 2, 11000, 0, 11,
	    "a warmup breathing 'resonance': 11 phases in 60 s");
	session_free(s);
	rec_free(&rec);
}

/* Check the SA_PROMPT times. */
static void
check_prompts(const struct rec *rec, const int64_t *want, unsigned n,
    const char *name)
{
	unsigned i;
	int	 good = count(rec, SA_PROMPT, ANY) == n;

	for (i = 0; good && i < n; i++)
		good = at_of(rec, SA_PROMPT, ANY, i) == want[i];
	if (!ok(good, name))
		dump(rec);
}

/* Rating prompts during holds. */
static void
test_prompts(void)
{
	static const int64_t	p60[] = { 5000, 20000, 35000, 50000 };
	static const int64_t	p9[] = { 3000 };
	static const int64_t	p20[] = { 5000, 25000, 45000 };
	static const int64_t	pr[] = { 5000, 27000, 42000 };
	struct rt_step		steps[1];
	struct routine		r;
	struct rec		rec = { 0 };
	struct session		*s;
	struct sess_view	v;

	steps[0] = mk(RT_HOLD, 60);
	rt_init(&r, steps, 1);
	s = begin(&r, &rec);
	tick(s, M(5000), &rec);
	session_view(s, M(5000), &v);
	ok(v.prompt && strcmp(act(&rec, find(&rec, SA_PROMPT, ANY, 0))->text,
	    coach_prompt_text()) == 0, "prompt 5 s in, with the question");
	tick(s, M(60000), &rec);
	check_prompts(&rec, p60, 4,
	    "60 s hold: 5 s, then every 15 s, none in the last 3 s");
	session_free(s);

	steps[0] = mk(RT_HOLD, 9);
	rec_clear(&rec);
	s = begin(&r, &rec);
	tick(s, M(9000), &rec);
	check_prompts(&rec, p9, 1, "9 s hold: a third in");
	session_free(s);

	steps[0] = mk(RT_HOLD, 60);
	steps[0].rate_every = 20;
	rec_clear(&rec);
	s = begin(&r, &rec);
	tick(s, M(60000), &rec);
	check_prompts(&rec, p20, 3, "rate_every 20 from the routine");
	session_free(s);

	steps[0].rate_every = 15;
	rec_clear(&rec);
	s = begin(&r, &rec);
	tick(s, M(12000), &rec);
	input(s, M(12000), SI_RATING, 5, &rec);
	session_view(s, M(12000), &v);
	ok(!v.prompt && v.last_rating == 5, "a rating answers the prompt");
	tick(s, M(60000), &rec);
	check_prompts(&rec, pr, 3, "a rating moves the next prompt");
	session_free(s);
	rec_free(&rec);
}

/* Whether the record has SA_ADVICE of kind at t (with a text). */
static int
advised(const struct rec *rec, enum advice_kind kind, int64_t t)
{
	size_t i;

	for (i = 0; i < rec->n; i++) {
		if (match(&rec->a[i], SA_ADVICE, kind) && rec->a[i].at == t &&
		    rec->a[i].text != NULL)
			return 1;
	}
	return 0;
}

/* Rate a session through a fixed sequence; return the advice kinds seen. */
static void
rate_sequence(struct routine *r, struct rec *rec)
{
	struct session *s;

	rec_clear(rec);
	s = begin(r, rec);
	input(s, M(3000), SI_RATING, 6, rec);
	input(s, M(4000), SI_RATING, 5, rec);
	input(s, M(5000), SI_RATING, 3, rec);
	input(s, M(9999), SI_RATING, 1, rec);
	input(s, M(10000), SI_RATING, 1, rec);
	session_free(s);
}

/* Ratings, bracing and the advice they bring. */
static void
test_coaching(void)
{
	struct rt_step	 steps[3] = { mk(RT_HOLD, 60), mk(RT_WARMUP, 10),
			    mk(RT_STRETCH, 20) };
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct session	*s;
	struct sess_view v;

	rt_init(&r, steps, 3);
	s = begin(&r, &rec);
	session_view(s, M(0), &v);
	ok(v.last_rating == -1 && v.advice == ADV_NONE && !v.prompt,
	    "a hold starts without rating or advice");
	tick(s, M(6000), &rec);
	rec_clear(&rec);
	is_int(input(s, M(6000), SI_RATING, 9, &rec), 0, "9 at 6000");
	ok(match(act(&rec, 0), SA_RATING, 9) && act(&rec, 0)->arg == 6000 &&
	    match(act(&rec, 1), SA_EASE_OFF, ANY) &&
	    act(&rec, 1)->arg == 6000 &&
	    match(act(&rec, 2), SA_PHASE, BR_EXHALE) &&
	    act(&rec, 2)->arg == 8000 &&
	    match(act(&rec, 3), SA_CUE, CUE_EXHALE) &&
	    act(&rec, 3)->at == 6000 &&
	    match(act(&rec, 4), SA_ADVICE, ADV_EASE_OFF) &&
	    strcmp(act(&rec, 4)->text, coach_text(ADV_EASE_OFF)) == 0,
	    "SA_RATING, SA_EASE_OFF, long-exhale breathing out at once, "
	    "SA_ADVICE");
	tick(s, M(11000), &rec);
	ok(count(&rec, SA_PHASE, ANY) == 1 &&
	    at_of(&rec, SA_PHASE, BR_INHALE, 0) == -1,
	    "long-exhale: still breathing out 5 s later (8 s exhale)");
	is_int(at_of(&rec, SA_PROMPT, ANY, 0), 11000, "re-prompt 5 s later");
	session_view(s, M(11000), &v);
	ok(v.advice == ADV_EASE_OFF && v.last_rating == 9 && v.prompt,
	    "view: ease-off advice, last rating 9, prompting");
	input(s, M(12000), SI_RATING, 8, &rec);
	ok(count(&rec, SA_EASE_OFF, ANY) == 2 &&
	    count(&rec, SA_PHASE, BR_EXHALE) == 1 &&
	    advised(&rec, ADV_EASE_OFF, 12000),
	    "8 again while breathing out: eases off, the exhale runs on");
	input(s, M(13000), SI_RATING, 9, &rec);
	ok(count(&rec, SA_EASE_OFF, ANY) == 2 &&
	    advised(&rec, ADV_OFFER_SKIP, 13000),
	    "still 9 after easing off twice: offer to skip");
	tick(s, M(18000), &rec);
	is_int(at_of(&rec, SA_PROMPT, ANY, 1), 18000, "asks again 5 s later");
	ok(at_of(&rec, SA_PHASE, BR_INHALE, 0) == 14000 &&
	    arg_of(&rec, SA_PHASE, BR_INHALE, 0) == 4000,
	    "the long exhale's inhale at 6000 + 8000, for 4 s");
	rec_clear(&rec);
	is_int(input(s, M(14000), SI_SKIP, 0, &rec), 0, "skip it");
	ok(match(act(&rec, 0), SA_STEP_END, ANY) &&
	    act(&rec, 0)->arg == 18000 &&
	    match(act(&rec, 1), SA_SKIP, ANY) && act(&rec, 1)->arg == 18000,
	    "skipped after 18000 ms");

	/* Warmup: ratings recorded, no advice, no bracing. */
	rec_clear(&rec);
	is_int(input(s, M(20000), SI_RATING, 9, &rec), 0, "9 in a warmup");
	ok(rec.n == 1 && match(act(&rec, 0), SA_RATING, 9) &&
	    act(&rec, 0)->arg == 2000, "recorded, no advice");
	is_int(input(s, M(20000), SI_BRACING, 0, &rec), -1,
	    "no bracing in a warmup");
	tick(s, M(28000), &rec);

	/* Stretch: coached, bracing eases off twice, then offers a skip. */
	rec_clear(&rec);
	is_int(input(s, M(35000), SI_BRACING, 0, &rec), 0, "bracing");
	ok(match(act(&rec, 0), SA_BRACING, ANY) && act(&rec, 0)->arg == 7000 &&
	    match(act(&rec, 1), SA_EASE_OFF, ANY) &&
	    act(&rec, 1)->arg == 7000 && advised(&rec, ADV_EASE_OFF, 35000),
	    "SA_BRACING, SA_EASE_OFF and advice in a stretch");
	ok(find(&rec, SA_ADVICE, ADV_EASE_OFF, 0) >= 0 && strcmp(act(&rec,
	    find(&rec, SA_ADVICE, ADV_EASE_OFF, 0))->text,
	    coach_bracing_for(0, true).text) == 0 &&
	    strstr(coach_bracing_for(0, true).text, "stretch") != NULL,
	    "... in a stretch's words, not of pressure");
	ok(count(&rec, SA_PHASE, BR_EXHALE) == 1 &&
	    at_of(&rec, SA_PHASE, BR_EXHALE, 0) == 35000,
	    "a stretch eases off onto long-exhale too, breathing out");
	rec_clear(&rec);
	input(s, M(36000), SI_BRACING, 0, &rec);
	ok(match(act(&rec, 0), SA_BRACING, ANY) &&
	    match(act(&rec, 1), SA_STATE, SS_CHECK) &&
	    match(act(&rec, 2), SA_CHECK, -1) && act(&rec, 2)->arg == 8000 &&
	    count(&rec, SA_ADVICE, ANY) == 0,
	    "bracing a second time: paused, the symptom question");
	ok(count(&rec, SA_PROMPT, ANY) == 0, "no prompts in a stretch");
	rec_clear(&rec);
	input(s, M(37000), SI_ANSWER, 1, &rec);
	session_view(s, M(37000), &v);
	ok(v.advice_text != NULL && strncmp(v.advice_text,
	    coach_text_for(ADV_STOP, true),
	    strlen(coach_text_for(ADV_STOP, true))) == 0,
	    "a symptom in a stretch: it stops, in a stretch's words");
	session_free(s);

	/* The same ratings under two sets of thresholds. */
	steps[0] = mk(RT_HOLD, 60);
	rate_sequence(&r, &rec);
	ok(count(&rec, SA_EASE_OFF, ANY) == 0 &&
	    advised(&rec, ADV_ENCOURAGE, 3000) &&
	    advised(&rec, ADV_LET_GO, 4000) &&
	    advised(&rec, ADV_LET_GO, 5000) &&
	    advised(&rec, ADV_LET_GO, 9999) &&
	    count(&rec, SA_ADVICE, ANY) == 4,
	    "range 4-7, ease at 8: 6 encourages, each drop asks whether it "
	    "let go, and after a 6 a 1 never leans in");
	r.target_lo = 2;
	r.target_hi = 4;
	r.ease_off_at = 6;
	rate_sequence(&r, &rec);
	ok(advised(&rec, ADV_EASE_OFF, 3000) &&
	    count(&rec, SA_EASE_OFF, ANY) == 1 &&
	    advised(&rec, ADV_LET_GO, 4000) &&
	    advised(&rec, ADV_LET_GO, 5000) &&
	    advised(&rec, ADV_LET_GO, 9999) &&
	    count(&rec, SA_ADVICE, ANY) == 4 &&
	    count(&rec, SA_ADVICE, ADV_LEAN_IN) == 0,
	    "range 2-4, ease at 6: 6 eases off, the drops after it ask "
	    "whether it let go, never lean in");
	session_free(NULL);
	rec_free(&rec);
}

/* Ease-offs count per side; the next side starts on its own pacer. */
static void
test_coaching_sides(void)
{
	struct rt_step	 steps[1] = { mk(RT_HOLD, 30) };
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct session	*s;
	struct sess_view v;
	long		 i;

	steps[0].sides = RT_SIDE_LEFT | RT_SIDE_RIGHT;
	rt_init(&r, steps, 1);
	s = begin(&r, &rec);
	input(s, M(6000), SI_RATING, 9, &rec);
	input(s, M(7000), SI_RATING, 9, &rec);
	tick(s, M(35000), &rec);
	session_view(s, M(35000), &v);
	ok(v.last_rating == -1 && v.advice == ADV_NONE,
	    "the right side starts afresh");
	i = find(&rec, SA_STEP_START, ANY, 1);
	ok(i >= 0 && match(act(&rec, i + 2), SA_PHASE, BR_INHALE) &&
	    act(&rec, i + 2)->arg == 4000 && act(&rec, i + 2)->at == 35000,
	    "with the 'slow' pacer again");
	tick(s, M(39000), &rec);
	is_int(at_of(&rec, SA_PHASE, BR_EXHALE, 3), 39000,
	    "slow exhale at 4 s into the right side");
	rec_clear(&rec);
	input(s, M(40000), SI_RATING, 9, &rec);
	i = find(&rec, SA_EASE_OFF, ANY, 0);
	ok(advised(&rec, ADV_EASE_OFF, 40000) && i >= 0 &&
	    act(&rec, i)->side == RT_SIDE_RIGHT && act(&rec, i)->arg == 5000,
	    "9 on the right: ease off, not skip");
	session_free(s);
	rec_free(&rec);
}

/* +10 s up to max_seconds. */
static void
test_extend(void)
{
	struct rt_step	 steps[2] = { mk(RT_HOLD, 30), mk(RT_WARMUP, 10) };
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct session	*s;
	struct sess_view v;

	steps[0].max_seconds = 45;
	rt_init(&r, steps, 2);
	s = begin(&r, &rec);
	is_int(input(s, M(10000), SI_EXTEND, 0, &rec), 0, "extend");
	is_int(arg_of(&rec, SA_EXTEND, ANY, 0), 40000, "to 40000");
	is_int(input(s, M(11000), SI_EXTEND, 0, &rec), 0, "extend again");
	is_int(arg_of(&rec, SA_EXTEND, ANY, 1), 45000, "capped at 45000");
	is_int(input(s, M(12000), SI_EXTEND, 0, &rec), -1, "at max: -1");
	is_int(count(&rec, SA_EXTEND, ANY), 2, "no third SA_EXTEND");
	session_view(s, M(12000), &v);
	is_int(v.step_total, 45000, "the view shows 45 s");
	tick(s, M(45000), &rec);
	ok(count(&rec, SA_CUE, CUE_TICK) == 3 &&
	    at_of(&rec, SA_CUE, CUE_TICK, 0) == 42000 &&
	    at_of(&rec, SA_CUE, CUE_TICK, 2) == 44000 &&
	    at_of(&rec, SA_CUE, CUE_BELL, 0) == 45000 &&
	    arg_of(&rec, SA_STEP_END, ANY, 0) == 45000,
	    "ticks, bell and end move to 45000");
	is_int(input(s, M(46000), SI_EXTEND, 0, &rec), -1, "not a hold: -1");
	session_free(s);

	/* Extending during the final ticks. */
	steps[0].max_seconds = 60;
	rec_clear(&rec);
	s = begin(&r, &rec);
	tick(s, M(29500), &rec);
	input(s, M(29500), SI_EXTEND, 0, &rec);
	tick(s, M(40000), &rec);
	ok(count(&rec, SA_CUE, CUE_TICK) == 6 &&
	    at_of(&rec, SA_CUE, CUE_TICK, 3) == 37000 &&
	    count(&rec, SA_CUE, CUE_BELL) == 1 &&
	    at_of(&rec, SA_CUE, CUE_BELL, 0) == 40000,
	    "late extend: three more ticks, one bell at the new end");
	session_free(s);
	rec_free(&rec);
}

/* "I felt it let go". */
static void
test_release(void)
{
	struct rt_step	 steps[2] = { mk(RT_HOLD, 30), mk(RT_WARMUP, 10) };
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct session	*s;

	steps[0].sides = RT_SIDE_LEFT | RT_SIDE_RIGHT;
	rt_init(&r, steps, 2);
	s = begin(&r, &rec);
	tick(s, M(12345), &rec);
	rec_clear(&rec);
	is_int(input(s, M(12345), SI_RELEASE, 0, &rec), 0, "release");
	ok(match(act(&rec, 0), SA_STEP_END, ANY) &&
	    act(&rec, 0)->arg == 12345 && act(&rec, 0)->side == RT_SIDE_LEFT &&
	    match(act(&rec, 1), SA_RELEASE, ANY) &&
	    act(&rec, 1)->arg == 12345 &&
	    act(&rec, 1)->side == RT_SIDE_LEFT && act(&rec, 1)->at == 12345 &&
	    match(act(&rec, 2), SA_STATE, SS_SWITCH),
	    "SA_STEP_END and SA_RELEASE after 12345 ms, then switch sides");
	is_int(count(&rec, SA_CUE, CUE_BELL), 0, "no bell on release");
	is_int(input(s, M(13000), SI_RELEASE, 0, &rec), -1,
	    "no release in the switch");
	tick(s, M(17345 + 30000), &rec);
	ok(at_of(&rec, SA_STEP_START, ANY, 0) == 17345 &&
	    at_of(&rec, SA_STEP_END, ANY, 1) == 47345,
	    "the right side runs in full");
	is_int(input(s, M(48000), SI_RELEASE, 0, &rec), -1,
	    "no release in a warmup");
	session_free(s);
	rec_free(&rec);
}

/* Skipping ends the whole step. */
static void
test_skip(void)
{
	struct rt_step	 steps[3] = { mk(RT_HOLD, 20), mk(RT_WARMUP, 10),
			    mk(RT_HOLD, 10) };
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct session	*s;
	struct sess_view v;
	long		 i;

	steps[0].sides = RT_SIDE_LEFT | RT_SIDE_RIGHT;
	rt_init(&r, steps, 3);
	s = begin(&r, &rec);
	tick(s, M(7000), &rec);
	rec_clear(&rec);
	is_int(input(s, M(7000), SI_SKIP_POINT, 0, &rec), 0,
	    "skip the point at 7000");
	ok(match(act(&rec, 0), SA_STEP_END, STS_SKIPPED) &&
	    act(&rec, 0)->arg == 7000 && act(&rec, 0)->side == RT_SIDE_LEFT &&
	    match(act(&rec, 1), SA_STATUS, STS_SKIPPED) &&
	    act(&rec, 1)->side == RT_SIDE_RIGHT && act(&rec, 1)->step == 0 &&
	    match(act(&rec, 2), SA_SKIP, 1) &&
	    act(&rec, 2)->arg == 7000 && act(&rec, 2)->step == 0 &&
	    match(act(&rec, 3), SA_STATE, SS_STEP) &&
	    act(&rec, 3)->step == 1 &&
	    match(act(&rec, 4), SA_STEP_START, ANY) &&
	    act(&rec, 4)->at == 7000 && act(&rec, 4)->side == RT_SIDE_NONE,
	    "SA_STEP_END skipped, the right side skipped too, SA_SKIP, next "
	    "step at 7000");
	session_view(s, M(9000), &v);
	ok(v.routine_pos == 45000 + 2000 && v.routine_elapsed == 9000,
	    "routine position moves on past the skipped step");
	tick(s, M(17000), &rec);
	is_int(at_of(&rec, SA_STEP_START, ANY, 1), 17000, "then on time");
	is_int(input(s, M(18000), SI_SKIP, 0, &rec), 0, "skip the last");
	is_int(session_status(s, 0, RT_SIDE_RIGHT), STS_SKIPPED,
	    "the skipped point's right side: skipped");
	is_int(session_status(s, 1, RT_SIDE_NONE), STS_DONE,
	    "the warmup that ran: done");
	is_int(at_of(&rec, SA_STATE, SS_AFTERCARE, 0), 18000, "aftercare");
	is_int(input(s, M(18000), SI_SKIP, 0, &rec), -1, "none there");
	session_free(s);

	/* Skipping in the switch pause: no side to end. */
	rec_clear(&rec);
	s = begin(&r, &rec);
	tick(s, M(22000), &rec);
	is_int(input(s, M(22000), SI_SKIP, 0, &rec), 0, "skip in switch");
	ok(count(&rec, SA_STEP_END, ANY) == 1 &&
	    count(&rec, SA_STATUS, STS_SKIPPED) == 1 &&
	    arg_of(&rec, SA_SKIP, ANY, 0) == 22000 &&
	    at_of(&rec, SA_STEP_START, ANY, 1) == 22000,
	    "one SA_STEP_END only, the right side skipped; SA_SKIP 22000 ms "
	    "into the step");
	ok(session_status(s, 0, RT_SIDE_LEFT) == STS_DONE &&
	    session_status(s, 0, RT_SIDE_RIGHT) == STS_SKIPPED,
	    "left done, right skipped");
	session_free(s);

	/* s on the left side skips that side only: the right still runs. */
	rec_clear(&rec);
	s = begin(&r, &rec);
	tick(s, M(7000), &rec);
	rec_clear(&rec);
	is_int(input(s, M(7000), SI_SKIP, 0, &rec), 0, "skip the left side");
	ok(match(act(&rec, 0), SA_STEP_END, STS_SKIPPED) &&
	    act(&rec, 0)->side == RT_SIDE_LEFT &&
	    match(act(&rec, 1), SA_SKIP, 0) &&
	    match(act(&rec, 2), SA_STATE, SS_SWITCH) &&
	    act(&rec, 2)->side == RT_SIDE_RIGHT,
	    "SA_STEP_END skipped, SA_SKIP, then the switch to the right");
	tick(s, M(7000 + 5000 + 20000), &rec);
	i = find(&rec, SA_STEP_END, ANY, 1);
	ok(i >= 0 && act(&rec, i)->side == RT_SIDE_RIGHT &&
	    act(&rec, i)->value == STS_DONE && act(&rec, i)->arg == 20000,
	    "the right side runs its 20 s: done");
	tick(s, M(7000 + 5000 + 20000 + 10000 + 10000), &rec);
	input(s, M(60000), SI_NEXT, 0, &rec);
	ok(count(&rec, SA_FINISH, OUT_PARTIAL) == 1,
	    "a side skipped: the session is partial");
	session_free(s);
	rec_free(&rec);
}

/* After a high rating or bracing the coach never asks for more pressure;
 * "lean in" only when every rating was below the target from the start,
 * and never in a gentle range. */
static void
test_safe_coach(void)
{
	struct rt_step	 steps[1] = { mk(RT_HOLD, 60) };
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct session	*s;

	rt_init(&r, steps, 1);
	/* Every rating below 4 from the start: lean in after 10 s. */
	s = begin(&r, &rec);
	input(s, M(3000), SI_RATING, 2, &rec);
	input(s, M(12000), SI_RATING, 3, &rec);
	ok(count(&rec, SA_ADVICE, ANY) == 1 && advised(&rec, ADV_LEAN_IN,
	    12000), "2 then 3 (below 4-7 throughout): lean in at 12 s");
	session_free(s);

	/* A 9, then a drop: "if it let go, press r", never lean in. */
	rec_clear(&rec);
	s = begin(&r, &rec);
	input(s, M(6000), SI_RATING, 9, &rec);
	input(s, M(16000), SI_RATING, 3, &rec);
	input(s, M(30000), SI_RATING, 3, &rec);
	input(s, M(45000), SI_RATING, 2, &rec);
	ok(advised(&rec, ADV_EASE_OFF, 6000) && advised(&rec, ADV_LET_GO,
	    16000) && advised(&rec, ADV_LET_GO, 45000) &&
	    count(&rec, SA_ADVICE, ADV_LEAN_IN) == 0 &&
	    count(&rec, SA_ADVICE, ANY) == 3,
	    "9, then 3, 3, 2: ease off, let go?, nothing, let go?; no lean in");
	ok(strstr(coach_text(ADV_LET_GO), "press r") != NULL,
	    "the drop advice says to press r");
	tick(s, M(61000), &rec);
	is_int(session_status(s, 0, RT_SIDE_NONE), STS_EASED,
	    "a hold that reached 9 and ran its time: eased");
	session_free(s);

	/* Bracing, then low ratings: no lean in. */
	rec_clear(&rec);
	s = begin(&r, &rec);
	input(s, M(4000), SI_BRACING, 0, &rec);
	input(s, M(20000), SI_RATING, 2, &rec);
	input(s, M(35000), SI_RATING, 2, &rec);
	ok(advised(&rec, ADV_EASE_OFF, 4000) &&
	    count(&rec, SA_ADVICE, ADV_LEAN_IN) == 0,
	    "bracing, then 2 and 2: never lean in");
	session_free(s);

	/* A range that starts at 5: a 5 then a 3 is a drop, not lean in. */
	rec_clear(&rec);
	r.target_lo = 5;
	r.target_hi = 7;
	s = begin(&r, &rec);
	input(s, M(3000), SI_RATING, 5, &rec);
	input(s, M(20000), SI_RATING, 5, &rec);
	input(s, M(25000), SI_RATING, 6, &rec);
	input(s, M(30000), SI_RATING, 4, &rec);
	ok(count(&rec, SA_ADVICE, ADV_LEAN_IN) == 0 &&
	    advised(&rec, ADV_LET_GO, 30000),
	    "in range, then below it: let go?, not lean in");
	session_free(s);

	/* A gentle range (3-6, as for the suboccipitals): never lean in. */
	rec_clear(&rec);
	r.target_lo = 3;
	r.target_hi = 6;
	r.ease_off_at = 7;
	s = begin(&r, &rec);
	input(s, M(3000), SI_RATING, 1, &rec);
	input(s, M(20000), SI_RATING, 1, &rec);
	input(s, M(40000), SI_RATING, 2, &rec);
	ok(count(&rec, SA_ADVICE, ADV_LEAN_IN) == 0,
	    "gentle range 3-6: 1, 1, 2 never lean in");
	session_free(s);

	/* Extended and run out: extended. */
	rt_init(&r, steps, 1);
	rec_clear(&rec);
	s = begin(&r, &rec);
	input(s, M(50000), SI_EXTEND, 0, &rec);
	tick(s, M(70000), &rec);
	ok(session_status(s, 0, RT_SIDE_NONE) == STS_EXTENDED &&
	    count(&rec, SA_STEP_END, STS_EXTENDED) == 1,
	    "a hold extended to its end: extended");
	session_free(s);
	rec_free(&rec);
}

/* A 10 or a second bracing pauses the hold and asks about symptoms. */
static void
test_check(void)
{
	struct rt_step	 steps[2] = { mk(RT_HOLD, 30), mk(RT_WARMUP, 10) };
	char		*safety[1] = { (char *)"Stop on numbness or tingling." };
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct session	*s;
	struct sess_view v;
	long		 i;

	rt_init(&r, steps, 2);
	r.safety = safety;
	r.n_safety = 1;
	s = begin(&r, &rec);
	tick(s, M(6000), &rec);
	rec_clear(&rec);
	is_int(input(s, M(6000), SI_RATING, 10, &rec), 0, "10 at 6000");
	ok(match(act(&rec, 0), SA_RATING, 10) &&
	    match(act(&rec, 1), SA_STATE, SS_CHECK) &&
	    match(act(&rec, 2), SA_CHECK, 10) && act(&rec, 2)->arg == 6000 &&
	    strcmp(act(&rec, 2)->text, "Any numbness, tingling, or shooting, "
	    "burning pain?") == 0 && rec.n == 3,
	    "SA_RATING, SS_CHECK, SA_CHECK with the question; no advice");
	session_view(s, M(7000), &v);
	ok(v.state == SS_CHECK && v.question != NULL && !v.breathing,
	    "view: the question, no pacer");
	is_int(session_next_deadline(s, M(7000)), INT64_MAX,
	    "nothing runs while asking");
	tick(s, M(50000), &rec);
	is_int(rec.n, 3, "the hold does not run out meanwhile");
	is_int(input(s, M(50000), SI_RATING, 3, &rec), -1,
	    "a rating is not an answer");
	rec_clear(&rec);
	is_int(input(s, M(50000), SI_ANSWER, 0, &rec), 0, "no at 50000");
	ok(match(act(&rec, 0), SA_SYMPTOM, 0) &&
	    match(act(&rec, 1), SA_STATE, SS_STEP) &&
	    match(act(&rec, 2), SA_EASE_OFF, ANY) &&
	    act(&rec, 2)->arg == 6000 &&
	    match(act(&rec, 3), SA_PHASE, BR_EXHALE) &&
	    act(&rec, 3)->at == 50000 &&
	    match(act(&rec, 5), SA_ADVICE, ADV_LIGHTER),
	    "no: resumes breathing out, lighter, 6 s into the hold");
	tick(s, M(73999), &rec);
	is_int(count(&rec, SA_STEP_END, ANY), 0, "the hold's 24 s left run on");
	tick(s, M(74000), &rec);
	ok(arg_of(&rec, SA_STEP_END, ANY, 0) == 30000 &&
	    at_of(&rec, SA_STEP_END, ANY, 0) == 74000 &&
	    count(&rec, SA_STEP_END, STS_EASED) == 1,
	    "ends at 74000 after 30 s of holding: eased");
	session_free(s);

	/* Yes: the point stops, both sides, with the routine's red flags. */
	steps[0].sides = RT_SIDE_LEFT | RT_SIDE_RIGHT;
	rec_clear(&rec);
	s = begin(&r, &rec);
	input(s, M(4000), SI_BRACING, 0, &rec);
	rec_clear(&rec);
	input(s, M(5000), SI_BRACING, 0, &rec);
	ok(match(act(&rec, 2), SA_CHECK, -1), "a second bracing asks");
	rec_clear(&rec);
	is_int(input(s, M(8000), SI_ANSWER, 1, &rec), 0, "yes");
	i = find(&rec, SA_ADVICE, ADV_STOP, 0);
	ok(match(act(&rec, 0), SA_SYMPTOM, 1) &&
	    match(act(&rec, 1), SA_STEP_END, STS_STOPPED) &&
	    act(&rec, 1)->side == RT_SIDE_LEFT &&
	    match(act(&rec, 2), SA_STATUS, STS_STOPPED) &&
	    act(&rec, 2)->side == RT_SIDE_RIGHT && i == 3 &&
	    strstr(act(&rec, i)->text, "Stop on numbness or tingling.") !=
	    NULL, "yes: SA_SYMPTOM, left stopped, right stopped, the "
	    "routine's red flags");
	session_view(s, M(9000), &v);
	ok(v.state == SS_CHECK && v.question == NULL && v.advice == ADV_STOP,
	    "the stop is shown until Enter");
	is_int(input(s, M(9000), SI_ANSWER, 0, &rec), -1, "answered once");
	rec_clear(&rec);
	is_int(input(s, M(12000), SI_NEXT, 0, &rec), 0, "Enter goes on");
	ok(match(act(&rec, 1), SA_STEP_START, ANY) &&
	    act(&rec, 1)->step == 1 && act(&rec, 1)->at == 12000,
	    "to the next step");
	tick(s, M(22000), &rec);
	input(s, M(23000), SI_NEXT, 0, &rec);
	ok(count(&rec, SA_FINISH, OUT_PARTIAL) == 1,
	    "a point stopped: partial");
	session_free(s);
	rec_free(&rec);
}

/* The outcome from the statuses: completed, partial, stopped with the
 * rest not reached. */
static void
test_outcome(void)
{
	struct rt_step	 steps[3] = { mk(RT_WARMUP, 10), mk(RT_HOLD, 20),
			    mk(RT_HOLD, 20) };
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct session	*s;
	int		 k;

	steps[1].sides = RT_SIDE_LEFT | RT_SIDE_RIGHT;
	rt_init(&r, steps, 3);
	/* s all the way through: partial, never completed. */
	s = begin(&r, &rec);
	for (k = 0; k < 12; k++)
		input(s, M(1000 + k), SI_SKIP, 0, &rec);
	input(s, M(2000), SI_NEXT, 0, &rec);
	ok(count(&rec, SA_FINISH, OUT_PARTIAL) == 1 &&
	    count(&rec, SA_SKIP, ANY) == 4,
	    "s pressed twelve times: four skips, partial");
	session_free(s);

	/* One let go, the rest run: completed. */
	rec_clear(&rec);
	s = begin(&r, &rec);
	input(s, M(15000), SI_RELEASE, 0, &rec);
	tick(s, M(100000), &rec);
	input(s, M(100000), SI_NEXT, 0, &rec);
	ok(count(&rec, SA_STEP_END, STS_LET_GO) == 1 &&
	    count(&rec, SA_STEP_END, STS_DONE) == 3 &&
	    count(&rec, SA_FINISH, OUT_COMPLETED) == 1,
	    "let go early on one side, the rest done: completed");
	session_free(s);

	/* A skipped warmup does not count. */
	rec_clear(&rec);
	s = begin(&r, &rec);
	input(s, M(1000), SI_SKIP, 0, &rec);
	tick(s, M(100000), &rec);
	input(s, M(100000), SI_NEXT, 0, &rec);
	ok(count(&rec, SA_FINISH, OUT_COMPLETED) == 1,
	    "only the warmup skipped: completed");
	session_free(s);

	/* Quit in the left side: it and the rest are not reached. */
	rec_clear(&rec);
	s = begin(&r, &rec);
	input(s, M(15000), SI_QUIT, 0, &rec);
	ok(count(&rec, SA_STEP_END, STS_NOT_REACHED) == 1 &&
	    count(&rec, SA_STATUS, STS_NOT_REACHED) == 2 &&
	    count(&rec, SA_FINISH, OUT_STOPPED) == 1 &&
	    session_status(s, 2, RT_SIDE_NONE) == STS_NOT_REACHED,
	    "quit in a hold: stopped, it and the two after not reached");
	ok(find(&rec, SA_STATUS, ANY, 0) < find(&rec, SA_FINISH, ANY, 0),
	    "the statuses come before SA_FINISH");
	session_free(s);
	rec_free(&rec);
}

/* Getting ready: the point first, the hold's timer once the person is
 * on it (Enter) or when the setup seconds are up. */
static void
test_ready(void)
{
	struct rt_step	 steps[1] = { mk(RT_HOLD, 30) };
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct session	*s;
	struct sess_view v;

	steps[0].setup = 8;
	steps[0].sides = RT_SIDE_LEFT | RT_SIDE_RIGHT;
	rt_init(&r, steps, 1);
	s = begin(&r, &rec);
	ok(match(act(&rec, 1), SA_STEP_START, ANY) && act(&rec, 1)->at == 0 &&
	    match(act(&rec, 2), SA_CUE, CUE_STEP) &&
	    match(act(&rec, 3), SA_STATE, SS_READY) && rec.n == 4,
	    "the point first, a cue, SS_READY; no pacer, no prompt yet");
	session_view(s, M(2000), &v);
	ok(v.state == SS_READY && v.step_total == 8000 &&
	    v.step_elapsed == 2000 && !v.breathing && !v.prompt,
	    "ready view: 8 s to get into position");
	is_int(input(s, M(3000), SI_RATING, 5, &rec), 0,
	    "a rating while getting ready is recorded");
	ok(count(&rec, SA_ADVICE, ANY) == 0, "... with no advice");
	rec_clear(&rec);
	is_int(input(s, M(3000), SI_NEXT, 0, &rec), 0, "Enter: on the point");
	ok(match(act(&rec, 0), SA_STATE, SS_STEP) && act(&rec, 0)->at == 3000 &&
	    match(act(&rec, 1), SA_PHASE, BR_INHALE),
	    "the hold starts at 3000 with its pacer");
	tick(s, M(3000 + 30000), &rec);
	ok(at_of(&rec, SA_PROMPT, ANY, 0) == 3000 + 5000 &&
	    at_of(&rec, SA_STEP_END, ANY, 0) == 33000 &&
	    arg_of(&rec, SA_STEP_END, ANY, 0) == 30000,
	    "first prompt 5 s after the pressure is on; 30 s held");
	tick(s, M(33000 + 5000 + 8000), &rec);
	ok(at_of(&rec, SA_STATE, SS_READY, 0) == 38000 &&
	    at_of(&rec, SA_STATE, SS_STEP, 1) == 46000,
	    "the right side: ready after the switch, the hold by itself 8 s "
	    "later");
	session_free(s);
	rec_free(&rec);
}

/* The routine's own pause to switch sides. */
static void
test_switch_seconds(void)
{
	struct rt_step	 steps[1] = { mk(RT_HOLD, 20) };
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct session	*s;

	steps[0].sides = RT_SIDE_LEFT | RT_SIDE_RIGHT;
	rt_init(&r, steps, 1);
	r.switch_seconds = 12;
	s = begin(&r, &rec);
	tick(s, M(60000), &rec);
	ok(at_of(&rec, SA_STEP_START, ANY, 1) == 20000 + 12000,
	    "switch_seconds 12: the right side 12 s after the left");
	ok(routine_step_seconds(&r, &steps[0]) == 20 + 12 + 20,
	    "and the step's length counts it");
	session_free(s);
	rec_free(&rec);
}

/* sides: [right, left] runs right first. */
static void
test_right_first(void)
{
	struct rt_step	 steps[1] = { mk(RT_HOLD, 20) };
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct session	*s;

	steps[0].sides = RT_SIDE_LEFT | RT_SIDE_RIGHT;
	steps[0].right_first = 1;
	rt_init(&r, steps, 1);
	s = begin(&r, &rec);
	tick(s, M(50000), &rec);
	ok(act(&rec, find(&rec, SA_STEP_START, ANY, 0))->side ==
	    RT_SIDE_RIGHT && act(&rec, find(&rec, SA_STATE, SS_SWITCH,
	    0))->side == RT_SIDE_LEFT && act(&rec, find(&rec, SA_STEP_START,
	    ANY, 1))->side == RT_SIDE_LEFT && at_of(&rec, SA_STEP_START, ANY,
	    1) == 25000, "right first, then the switch to the left at 25 s");
	session_free(s);
	rec_free(&rec);
}

/* Whether the nth SA_STEP_END is of side, after ms in it, at session ms
 * at. */
static bool
side_end(const struct rec *rec, unsigned nth, unsigned side, int64_t ms,
    int64_t at)
{
	long	i = find(rec, SA_STEP_END, ANY, nth);

	return i >= 0 && act(rec, i)->side == side && act(rec, i)->arg == ms &&
	    act(rec, i)->at == at;
}

/* seconds: {left: 45, right: 30}: each side runs its own length, right
 * first here; the totals add the sides up. */
static void
test_side_seconds(void)
{
	struct rt_step	 steps[2] = { mk(RT_HOLD, 45), mk(RT_STRETCH, 20) };
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct sess_view v;
	struct session	*s;

	steps[0].sides = RT_SIDE_LEFT | RT_SIDE_RIGHT;
	steps[0].right_first = 1;
	steps[0].side_seconds[0] = 45;	/* left */
	steps[0].side_seconds[1] = 30;	/* right */
	steps[1].sides = RT_SIDE_LEFT | RT_SIDE_RIGHT;
	steps[1].side_seconds[0] = 20;
	steps[1].side_seconds[1] = 10;
	rt_init(&r, steps, 2);
	/* By hand: hold 30 + 5 + 45 = 80 s, stretch 20 + 5 + 10 = 35 s. */
	is_int((long)routine_step_seconds(&r, &steps[0]), 80,
	    "per-side hold: 30 s + the 5 s switch + 45 s");
	is_int((long)routine_seconds(&r), 115, "routine: 80 s + 35 s");
	s = begin(&r, &rec);
	session_view(s, T0, &v);
	is_int((long)v.routine_total, 115000, "the view's total adds the sides");
	tick(s, M(200000), &rec);
	ok(side_end(&rec, 0, RT_SIDE_RIGHT, 30000, 30000),
	    "the right side ends after its 30 s");
	ok(side_end(&rec, 1, RT_SIDE_LEFT, 45000, 80000),
	    "the left side, after the switch, runs its 45 s");
	ok(side_end(&rec, 2, RT_SIDE_LEFT, 20000, 100000),
	    "the stretch: left 20 s");
	ok(side_end(&rec, 3, RT_SIDE_RIGHT, 10000, 115000),
	    "... then right 10 s");
	session_free(s);
	rec_free(&rec);
}

/* A release after each side: hold left, release left, the switch, hold
 * right, release right; skipping the point in a release skips the
 * hold's side still to come. */
static void
test_release_each_side(void)
{
	struct rt_step	 steps[3] = { mk(RT_HOLD, 20), mk(RT_RELEASE, 10),
			    mk(RT_NOTE, 5) };
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct sess_view v;
	struct session	*s;
	long		 i;

	steps[0].sides = steps[1].sides = RT_SIDE_LEFT | RT_SIDE_RIGHT;
	steps[1].after = RT_AFTER_EACH;
	rt_init(&r, steps, 3);
	ok(routine_each_side(&r, 1) && !routine_each_side(&r, 0) &&
	    !routine_each_side(&r, 2), "the release follows each side");
	/* By hand: 20 + 10 + 5 (one switch) + 20 + 10, then the note 5. */
	is_int((long)routine_seconds(&r), 70, "one switch pause, not two");
	s = begin(&r, &rec);
	session_view(s, T0, &v);
	is_int((long)v.routine_total, 70000, "the view's total agrees");
	tick(s, M(100000), &rec);
	ok(side_end(&rec, 0, RT_SIDE_LEFT, 20000, 20000) &&
	    act(&rec, find(&rec, SA_STEP_END, ANY, 0))->step == 0,
	    "hold left: 0-20 s");
	ok(side_end(&rec, 1, RT_SIDE_LEFT, 10000, 30000) &&
	    act(&rec, find(&rec, SA_STEP_END, ANY, 1))->step == 1,
	    "release left straight after: 20-30 s");
	i = find(&rec, SA_STATE, SS_SWITCH, 0);
	ok(i >= 0 && act(&rec, i)->at == 30000 && act(&rec, i)->step == 0 &&
	    act(&rec, i)->side == RT_SIDE_RIGHT, "the switch to the right "
	    "side's hold at 30 s");
	ok(side_end(&rec, 2, RT_SIDE_RIGHT, 20000, 55000) &&
	    act(&rec, find(&rec, SA_STEP_END, ANY, 2))->step == 0,
	    "hold right: 35-55 s");
	ok(side_end(&rec, 3, RT_SIDE_RIGHT, 10000, 65000) &&
	    act(&rec, find(&rec, SA_STEP_END, ANY, 3))->step == 1,
	    "release right: 55-65 s");
	ok(at_of(&rec, SA_STATE, SS_AFTERCARE, 0) == 70000 &&
	    session_status(s, 0, RT_SIDE_RIGHT) == STS_DONE &&
	    session_status(s, 1, RT_SIDE_RIGHT) == STS_DONE,
	    "then the note, and every side done");
	session_free(s);

	rec_clear(&rec);
	s = begin(&r, &rec);
	tick(s, M(25000), &rec);
	input(s, M(25000), SI_SKIP_POINT, 0, &rec);
	tick(s, M(100000), &rec);
	ok(session_status(s, 0, RT_SIDE_LEFT) == STS_DONE &&
	    session_status(s, 1, RT_SIDE_LEFT) == STS_SKIPPED &&
	    session_status(s, 0, RT_SIDE_RIGHT) == STS_SKIPPED &&
	    session_status(s, 1, RT_SIDE_RIGHT) == STS_SKIPPED,
	    "the point skipped in its first release: the right side's hold "
	    "and release go with it");
	i = find(&rec, SA_STEP_START, ANY, 2);
	ok(i >= 0 && act(&rec, i)->step == 2 && act(&rec, i)->at == 25000,
	    "... and the note comes next");
	ok(session_aftercare(s) == AC_PRESSURE, "the left side was held: the "
	    "pressure aftercare");
	session_free(s);
	rec_free(&rec);
}

/* The aftercare fits what was done: pressure, exercise or breathing. */
static void
test_aftercare(void)
{
	struct rt_step	 steps[3] = { mk_breathe("slow", 1), mk(RT_HOLD, 10),
			    mk_exercise(2, 1, 2, 0) };
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct session	*s;
	long		 i;

	rt_init(&r, steps, 1);
	s = begin(&r, &rec);
	tick(s, M(20000), &rec);
	i = find(&rec, SA_STATE, SS_AFTERCARE, 0);
	ok(i >= 0 && act(&rec, i)->arg == AC_BREATHING &&
	    session_aftercare(s) == AC_BREATHING,
	    "breathing only: the breathing close");
	session_free(s);

	rt_init(&r, steps, 3);
	rec_clear(&rec);
	s = begin(&r, &rec);
	tick(s, M(10000), &rec);
	input(s, M(10000), SI_SKIP, 0, &rec);
	tick(s, M(14000), &rec);
	i = find(&rec, SA_STATE, SS_AFTERCARE, 0);
	ok(i >= 0 && act(&rec, i)->arg == AC_EXERCISE,
	    "the hold skipped, the exercise done: exercise aftercare");
	session_free(s);

	rec_clear(&rec);
	s = begin(&r, &rec);
	tick(s, M(10000 + 3000), &rec);
	input(s, M(13000), SI_RELEASE, 0, &rec);
	input(s, M(13000), SI_SKIP, 0, &rec);
	i = find(&rec, SA_STATE, SS_AFTERCARE, 0);
	ok(i >= 0 && act(&rec, i)->arg == AC_PRESSURE,
	    "a hold let go: trigger-point aftercare");
	ok(strstr(aftercare_lines(AC_PRESSURE)[2], "intense exercise") !=
	    NULL && strstr(aftercare_lines(AC_BREATHING)[0], "intense") ==
	    NULL && strstr(aftercare_lines(AC_EXERCISE)[1], "joint") != NULL,
	    "the texts: no intense exercise only after pressure; joints "
	    "after exercise");
	session_free(s);
	rec_free(&rec);
}

/* Back to the previous step. */
static void
test_prev(void)
{
	struct rt_step	 steps[3] = { mk(RT_WARMUP, 10), mk(RT_HOLD, 20),
			    mk(RT_WARMUP, 10) };
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct session	*s;
	long		 i;

	rt_init(&r, steps, 3);
	s = begin(&r, &rec);
	tick(s, M(13000), &rec);
	rec_clear(&rec);
	is_int(input(s, M(13000), SI_PREV, 0, &rec), 0, "prev at 13000");
	ok(match(act(&rec, 0), SA_STEP_END, ANY) && act(&rec, 0)->step == 1 &&
	    act(&rec, 0)->arg == 3000 && match(act(&rec, 1), SA_PREV, ANY) &&
	    match(act(&rec, 2), SA_STATE, SS_STEP) &&
	    act(&rec, 2)->step == 0 &&
	    match(act(&rec, 3), SA_STEP_START, ANY) &&
	    act(&rec, 3)->at == 13000,
	    "SA_STEP_END 3000, SA_PREV, step 0 again at 13000");
	rec_clear(&rec);
	is_int(input(s, M(15000), SI_PREV, 0, &rec), 0, "prev in step 0");
	i = find(&rec, SA_STEP_START, ANY, 0);
	ok(i >= 0 && act(&rec, i)->step == 0 && act(&rec, i)->at == 15000,
	    "restarts the first step");
	tick(s, M(15000 + 10000 + 20000 + 10000), &rec);
	is_int(at_of(&rec, SA_STATE, SS_AFTERCARE, 0), 55000, "aftercare");
	rec_clear(&rec);
	is_int(input(s, M(56000), SI_PREV, 0, &rec), 0, "prev in aftercare");
	i = find(&rec, SA_STEP_START, ANY, 0);
	ok(i >= 0 && act(&rec, i)->step == 2 && act(&rec, i)->at == 56000,
	    "back to the last step");
	session_free(s);
	rec_free(&rec);
}

/* A hold done, gone back to and skipped: it stays done, and the
 * session is complete; a side never held is skipped as before. */
static void
test_prev_done(void)
{
	struct rt_step	 steps[2] = { mk(RT_HOLD, 20), mk(RT_WARMUP, 10) };
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct session	*s;

	rt_init(&r, steps, 2);
	s = begin(&r, &rec);
	tick(s, M(25000), &rec);
	is_int(session_status(s, 0, RT_SIDE_NONE), STS_DONE, "held in full");
	is_int(input(s, M(25000), SI_PREV, 0, &rec), 0, "back to the hold");
	is_int(session_status(s, 1, RT_SIDE_NONE), STS_SKIPPED,
	    "the step left half way is skipped");
	rec_clear(&rec);
	is_int(input(s, M(26000), SI_SKIP_POINT, 0, &rec), 0,
	    "the hold skipped the second time");
	ok(find(&rec, SA_STEP_END, STS_SKIPPED, 0) >= 0,
	    "the skip is in the record");
	is_int(session_status(s, 0, RT_SIDE_NONE), STS_DONE,
	    "the hold held in full stays done");
	tick(s, M(26000 + 10000), &rec);
	is_int(session_status(s, 1, RT_SIDE_NONE), STS_DONE, "then done");
	input(s, M(37000), SI_NEXT, 0, &rec);
	is_int(count(&rec, SA_FINISH, OUT_COMPLETED), 1,
	    "the session is complete");
	session_free(s);
	rec_free(&rec);
	ok(!session_status_stands(STS_SKIPPED, STS_DONE) &&
	    !session_status_stands(STS_DONE, STS_STOPPED) &&
	    session_status_stands(STS_EASED, STS_NOT_REACHED) &&
	    session_status_stands(STS_LET_GO, STS_SKIPPED) &&
	    !session_status_stands(STS_NONE, STS_SKIPPED),
	    "only a side held stands, and only against a skip or an end");
}

/* Quitting and signals. */
static void
test_quit(void)
{
	struct rt_step	 steps[1] = { mk(RT_HOLD, 30) };
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct session	*s;
	struct sess_view v;

	rt_init(&r, steps, 1);
	s = begin(&r, &rec);
	tick(s, M(12000), &rec);
	rec_clear(&rec);
	is_int(input(s, M(12000), SI_QUIT, 0, &rec), 0, "quit at 12000");
	ok(rec.n == 3 && match(act(&rec, 0), SA_STEP_END, ANY) &&
	    act(&rec, 0)->arg == 12000 &&
	    match(act(&rec, 1), SA_STATE, SS_DONE) &&
	    match(act(&rec, 2), SA_FINISH, OUT_STOPPED) &&
	    act(&rec, 2)->arg == 0 &&
	    act(&rec, 2)->at == 12000 && act(&rec, 2)->step == 0,
	    "SA_STEP_END 12000, SS_DONE, SA_FINISH stopped");
	ok(session_done(s), "done");
	session_view(s, M(13000), &v);
	ok(v.state == SS_DONE && v.step == -1 && v.st == NULL &&
	    v.routine_pos == 12000 && v.routine_elapsed == 12000,
	    "done view");
	rec_clear(&rec);
	tick(s, M(99000), &rec);
	is_int(rec.n, 0, "nothing after done");
	session_free(s);

	rec_clear(&rec);
	s = begin(&r, &rec);
	input(s, M(5000), SI_PAUSE, 0, &rec);
	input(s, M(9000), SI_QUIT, 15, &rec);
	ok(match(act(&rec, rec.n - 1), SA_FINISH, OUT_INTERRUPTED) &&
	    act(&rec, rec.n - 1)->arg == 15 &&
	    act(&rec, rec.n - 1)->at == 5000 &&
	    arg_of(&rec, SA_STEP_END, ANY, 0) == 5000,
	    "SIGTERM while paused: interrupted, arg 15, at 5000");
	session_free(s);

	rec_clear(&rec);
	s = session_new(&r, T0);
	input(s, M(1000), SI_QUIT, 0, &rec);
	ok(count(&rec, SA_STEP_END, ANY) == 0 &&
	    count(&rec, SA_STATUS, ANY) == 0 &&
	    count(&rec, SA_FINISH, OUT_ABANDONED) == 1,
	    "quit in PRE: abandoned, nothing marked");
	session_free(s);

	rec_clear(&rec);
	s = session_new(&r, T0);
	input(s, M(1000), SI_QUIT, 2, &rec);
	ok(count(&rec, SA_FINISH, OUT_ABANDONED) == 1 &&
	    arg_of(&rec, SA_FINISH, ANY, 0) == 2,
	    "a signal in PRE: abandoned, with the signal");
	session_free(s);

	rec_clear(&rec);
	s = begin(&r, &rec);
	tick(s, M(30000), &rec);
	input(s, M(31000), SI_QUIT, 1, &rec);
	ok(count(&rec, SA_FINISH, OUT_COMPLETED) == 1 &&
	    arg_of(&rec, SA_FINISH, ANY, 0) == 1,
	    "a signal in aftercare: every step ran, completed");
	session_free(s);
	rec_free(&rec);
}

/* A note: NEXT goes on early. */
static void
test_note(void)
{
	struct rt_step	 steps[2] = { mk(RT_NOTE, 10), mk(RT_REST, 5) };
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct session	*s;

	rt_init(&r, steps, 2);
	s = begin(&r, &rec);
	is_int(input(s, M(3000), SI_NEXT, 0, &rec), 0, "NEXT in a note");
	ok(arg_of(&rec, SA_STEP_END, ANY, 0) == 3000 &&
	    at_of(&rec, SA_STEP_START, ANY, 1) == 3000 &&
	    count(&rec, SA_SKIP, ANY) == 0, "ends the note, no skip");
	is_int(input(s, M(4000), SI_NEXT, 0, &rec), -1, "not in a rest");
	session_free(s);

	/* No steps at all. */
	r.n_steps = 0;
	rec_clear(&rec);
	s = begin(&r, &rec);
	ok(at_of(&rec, SA_CUE, CUE_END, 0) == 0 &&
	    count(&rec, SA_STATE, SS_AFTERCARE) == 1, "no steps: aftercare");
	is_int(input(s, M(1000), SI_PREV, 0, &rec), -1, "nothing before");
	session_free(s);
	rec_free(&rec);
}

/* A routine with every kind of step, sides, sets and patterns. */
static void
mixed(struct routine *r, struct rt_step *steps)
{
	steps[0] = mk(RT_WARMUP, 20);
	steps[0].breathing = (char *)"resonance";
	steps[1] = mk(RT_HOLD, 20);
	steps[1].sides = RT_SIDE_LEFT | RT_SIDE_RIGHT;
	steps[1].breathing = (char *)"box";
	steps[2] = mk_breathe("4-7-8", 3);
	steps[3] = mk_exercise(2, 2, 3, 4);
	steps[3].sides = RT_SIDE_LEFT | RT_SIDE_RIGHT;
	steps[4] = mk(RT_STRETCH, 15);
	steps[4].sides = RT_SIDE_LEFT;
	steps[4].breathing = (char *)"long-exhale";
	steps[5] = mk(RT_NOTE, 10);
	steps[6] = mk(RT_RELEASE, 12);
	steps[6].sides = RT_SIDE_LEFT | RT_SIDE_RIGHT;
	steps[7] = mk(RT_REST, 10);
	steps[8] = mk(RT_HOLD, 17);
	steps[8].breathing = (char *)"resonance";
	rt_init(r, steps, 9);
}

/* Whether two actions are the same. */
static int
same(const struct sess_action *a, const struct sess_action *b)
{
	return a->kind == b->kind && a->at == b->at && a->step == b->step &&
	    a->side == b->side && a->value == b->value && a->arg == b->arg;
}

/* Whether the cues of rec from index `from` on with at in [lo, hi) are
 * exactly up[0..n). */
static int
same_cues(const struct rec *rec, size_t from, int64_t lo, int64_t hi,
    const struct sess_action *up, unsigned n)
{
	unsigned k = 0;
	size_t	 i;

	for (i = from; i < rec->n; i++) {
		if (rec->a[i].kind != SA_CUE || rec->a[i].at < lo ||
		    rec->a[i].at >= hi)
			continue;
		if (k >= n || !same(&rec->a[i], &up[k])) {
			printf("#   cue %u differs: %s at %lld\n", k,
			    cue_name(rec->a[i].value),
			    (long long)rec->a[i].at);
			return 0;
		}
		k++;
	}
	if (k != n)
		printf("#   %u cues emitted, %u foreseen\n", k, n);
	return k == n;
}

/* The cues foreseen are the cues emitted. */
static void
test_upcoming(void)
{
	struct rt_step		 steps[9];
	struct routine		 r;
	struct rec		 rec = { 0 };
	struct session		*s;
	struct sess_action	*up, a;
	struct sess_view	 v1, v2;
	unsigned		 n, n2, i, k;
	int64_t			 now;
	size_t			 mark;
	int			 good;

	up = calloc(4096, sizeof *up);
	mixed(&r, steps);
	s = session_new(&r, T0);
	is_int(session_upcoming_cues(s, 0, INT64_MAX, up, 4096), 0,
	    "PRE: no cues foreseen");
	session_input(s, T0, SI_NEXT, 0);
	drain(s, &rec);
	mark = rec.n;
	session_view(s, M(0), &v1);
	n = session_upcoming_cues(s, 0, INT64_MAX, up, 4096);
	session_view(s, M(0), &v2);
	ok(!session_poll(s, &a) && memcmp(&v1, &v2, sizeof v1) == 0,
	    "looking ahead changes nothing");
	if (!ok(n > 40 && up[n - 1].value == CUE_END, "foresees to CUE_END"))
		printf("#   %u cues, the last %s\n", n,
		    n ? cue_name(up[n - 1].value) : "-");
	n2 = session_upcoming_cues(s, 0, INT64_MAX, up + 2048, 5);
	good = n2 == 5;
	for (i = 0; good && i < 5; i++)
		good = same(&up[i], &up[2048 + i]);
	ok(good, "a short buffer gets the first cues");
	n2 = session_upcoming_cues(s, 28001, 60000, up + 2048, 2048);
	for (i = k = 0; i < n; i++) {
		if (up[i].at < 28001 || up[i].at >= 60000)
			continue;
		if (k >= n2 || !same(&up[i], &up[2048 + k]))
			break;
		k++;
	}
	ok(i == n && k == n2 && n2 > 0, "a later window: only its own cues");
	for (now = T0;;) {
		session_view(s, now, &v1);
		if (v1.state == SS_AFTERCARE)
			break;
		now = session_next_deadline(s, now);
		tick(s, now, &rec);
	}
	ok(same_cues(&rec, mark, 0, INT64_MAX, up, n),
	    "the whole routine: foreseen cues == emitted cues");
	session_free(s);

	/* Windows along the way, also while paused. */
	rec_clear(&rec);
	s = begin(&r, &rec);
	good = 1;
	for (k = 0; k < 40 && good; k++) {
		int64_t t = (int64_t)k * 7919;

		tick(s, M(t), &rec);
		mark = rec.n;
		if (k == 13)
			session_input(s, M(t), SI_PAUSE, 0);
		n = session_upcoming_cues(s, t, t + 7919, up, 4096);
		if (k == 13) {
			session_input(s, M(t + 5000), SI_PAUSE, 0);
			drain(s, &rec);
			mark = rec.n;
			tick(s, M(t + 5000 + 7919 - 1), &rec);
			good = same_cues(&rec, mark, t, t + 7919, up, n);
			session_input(s, M(t + 5000 + 7919), SI_PAUSE, 0);
			break;
		}
		tick(s, M(t + 7919 - 1), &rec);
		good = same_cues(&rec, mark, t, t + 7919, up, n);
	}
	ok(good && k == 13, "7919 ms windows, and one across a pause");
	session_free(s);
	free(up);
	rec_free(&rec);
}

/* Drive a session to aftercare: every 1 ms, at deadlines, or late. */
static void
drive(const struct routine *r, int how, struct rec *rec, int *bad_deadline,
    int *late, int *missed)
{
	struct session	 *s = session_new(r, T0);
	struct sess_view  v0, v1;
	int64_t		  now = T0, d;
	size_t		  before;

	*bad_deadline = *late = *missed = 0;
	session_input(s, T0, SI_NEXT, 0);
	drain(s, rec);
	for (;;) {
		session_view(s, now, &v0);
		if (v0.state == SS_AFTERCARE)
			break;
		d = session_next_deadline(s, now);
		if (d <= now || d == INT64_MAX)
			(*bad_deadline)++;
		if (how == 0)
			d = now + 1;
		else if (how == 2)
			d += 250;
		if (how == 1 && d > now + 1) {
			/* Nothing shown changes before the deadline. */
			session_view(s, d - 1, &v1);
			if (v1.state != v0.state || v1.step != v0.step ||
			    v1.side != v0.side ||
			    (v1.step_total - v1.step_elapsed + 999) / 1000 !=
			    (v0.step_total - v0.step_elapsed + 999) / 1000)
				(*missed)++;
		}
		now = d;
		before = rec->n;
		tick(s, now, rec);
		while (how == 1 && before < rec->n) {
			if (rec->a[before].at != now - T0)
				(*late)++;
			before++;
		}
		if (*bad_deadline > 10 || *missed > 10 || *late > 10)
			break;
	}
	session_free(s);
}

/* Ticking only at deadlines misses nothing and is never late. */
static void
test_deadlines(void)
{
	struct rt_step	steps[9];
	struct routine	r;
	struct rec	ref = { 0 }, dl = { 0 }, lt = { 0 };
	int		bad, late, missed, good;
	size_t		i;

	mixed(&r, steps);
	drive(&r, 0, &ref, &bad, &late, &missed);
	ok(bad == 0, "every 1 ms: each deadline ahead of now");
	drive(&r, 1, &dl, &bad, &late, &missed);
	ok(bad == 0, "at deadlines: each one ahead of now");
	ok(late == 0, "at deadlines: every action at its own time");
	ok(missed == 0, "at deadlines: the screen never changes between");
	good = ref.n == dl.n;
	for (i = 0; good && i < ref.n; i++)
		good = same(&ref.a[i], &dl.a[i]);
	if (!ok(good, "at deadlines: the same actions as every 1 ms"))
		printf("#   %zu vs %zu actions, first difference at %zu\n",
		    ref.n, dl.n, i);
	drive(&r, 2, &lt, &bad, &late, &missed);
	ok(bad == 0, "250 ms late ticks: each deadline ahead of now");
	good = ref.n == lt.n;
	for (i = 0; good && i < ref.n; i++)
		good = same(&ref.a[i], &lt.a[i]);
	ok(good, "250 ms late ticks: every action keeps its exact time");
	is_int(at_of(&ref, SA_STATE, SS_AFTERCARE, 0),
	    llround(routine_seconds(&r) * 1000),
	    "the routine runs as long as routine_seconds() says");
	rec_free(&ref);
	rec_free(&dl);
	rec_free(&lt);
}

/* What the screen gets. */
static void
test_view(void)
{
	struct rt_step	 steps[2] = { mk(RT_HOLD, 30), mk(RT_WARMUP, 20) };
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct session	*s;
	struct sess_view v;

	steps[0].sides = RT_SIDE_LEFT | RT_SIDE_RIGHT;
	rt_init(&r, steps, 2);
	s = begin(&r, &rec);
	tick(s, M(12000), &rec);
	session_view(s, M(12000), &v);
	ok(v.state == SS_STEP && !v.paused && v.step == 0 && v.n_steps == 2 &&
	    v.st == &steps[0] && v.side == RT_SIDE_LEFT &&
	    v.step_elapsed == 12000 && v.step_total == 30000 &&
	    v.routine_elapsed == 12000 && v.routine_pos == 12000 &&
	    v.routine_total == 85000, "hold view: step, side, times");
	ok(v.breathing && v.phase == BR_INHALE &&
	    fabs(v.phase_progress - 0.5) < 1e-9 && v.set == 0 && v.reps == 0,
	    "slow pacer: halfway through the second inhale");
	is_int(session_next_deadline(s, M(12000)), M(13000),
	    "next deadline: the next second");
	is_int(session_next_deadline(s, M(13600)), M(14000),
	    "next deadline: the next second and phase boundary");
	tick(s, M(40000), &rec);
	session_view(s, M(40000), &v);
	ok(v.side == RT_SIDE_RIGHT && v.step_elapsed == 5000 &&
	    v.routine_pos == 40000, "right side view");
	tick(s, M(70000), &rec);
	session_view(s, M(70000), &v);
	ok(v.step == 1 && v.st == &steps[1] && !v.breathing &&
	    v.routine_pos == 70000 && v.step_total == 20000,
	    "warmup view");
	session_free(s);
	rec_free(&rec);
}

/* Nothing is dropped when nobody polls for a long time. */
static void
test_queue(void)
{
	struct rt_step	 steps[1];
	struct routine	 r;
	struct rec	 rec = { 0 };
	struct session	*s;
	size_t		 i;
	int		 good = 1;

	steps[0] = mk_breathe("resonance", 500);
	rt_init(&r, steps, 1);
	s = session_new(&r, T0);
	session_input(s, T0, SI_NEXT, 0);
	session_tick(s, M(5500000));
	drain(s, &rec);
	is_int(rec.n, 1 + 3 + 2 * 1000 + 3, "all 2007 actions kept");
	for (i = 1; i < rec.n; i++)
		good = good && rec.a[i].at >= rec.a[i - 1].at;
	ok(good, "in time order");
	session_free(s);
	rec_free(&rec);
}

/* Every stored name of an action, an outcome and a status, in the order
 * of the enums (history.h's list, typed out here), and nothing past the
 * end. */
static void
test_names_all(void)
{
	static const char *const acts[] = { "state", "phase", "cue",
	    "prompt", "advice", "rep", "how", "pre_pain", "step_start",
	    "step_end", "rating", "ease_off", "bracing", "release", "skip",
	    "pause", "resume", "extend", "prev", "post_pain", "finish",
	    "status", "check", "symptom", "set", "difficulty", "rehearsal" };
	static const char *const outcomes[] = { "completed", "stopped",
	    "interrupted", "partial", "abandoned" };
	static const char *const statuses[] = { "", "done", "let_go",
	    "extended", "eased", "stopped", "skipped", "not_reached" };
	char	got[512] = "", want[512] = "";
	size_t	i;

	for (i = 0; i < nitems(acts); i++) {
		strcat(want, acts[i]);
		strcat(want, " ");
	}
	for (i = 0; i <= nitems(acts); i++) {
		strcat(got, session_act_name((enum sess_act_kind)i));
		strcat(got, " ");
	}
	strcat(want, "unknown ");
	is_str(got, want, "every action's name, in order, then unknown");
	is_int(SA_COUNT, nitems(acts), "as many actions as names");
	for (i = 0; i < nitems(outcomes); i++)
		is_str(session_outcome_name((enum outcome)i), outcomes[i],
		    outcomes[i]);
	is_str(session_outcome_name(OUT_COUNT), "unknown", "OUT_COUNT");
	for (i = 0; i < nitems(statuses); i++)
		is_str(session_status_name((enum step_status)i), statuses[i],
		    *statuses[i] ? statuses[i] : "no status: empty");
	is_str(session_status_name(STS_COUNT), "unknown", "STS_COUNT");
}

/* The stable names. */
static void
test_names(void)
{
	is_str(session_act_name(SA_RATING), "rating", "rating");
	is_str(session_act_name(SA_EASE_OFF), "ease_off", "ease_off");
	is_str(session_act_name(SA_STEP_START), "step_start", "step_start");
	is_str(session_act_name(SA_STEP_END), "step_end", "step_end");
	is_str(session_act_name(SA_PRE_PAIN), "pre_pain", "pre_pain");
	is_str(session_act_name(SA_POST_PAIN), "post_pain", "post_pain");
	is_str(session_act_name(SA_FINISH), "finish", "finish");
	is_str(session_act_name(SA_RESUME), "resume", "resume");
	is_str(session_act_name(SA_REP), "rep", "rep");
	is_str(session_act_name((enum sess_act_kind)99), "unknown", "bad");
	is_str(cue_name(CUE_INHALE), "inhale", "inhale");
	is_str(cue_name(CUE_EXHALE), "exhale", "exhale");
	is_str(cue_name(CUE_HOLD), "hold", "hold");
	is_str(cue_name(CUE_BELL), "bell", "bell");
	is_str(cue_name(CUE_TICK), "tick", "tick");
	is_str(cue_name(CUE_COUNT), "unknown", "CUE_COUNT");
	is_str(session_outcome_name(OUT_COMPLETED), "completed", "completed");
	is_str(session_outcome_name(OUT_STOPPED), "stopped", "stopped");
	is_str(session_outcome_name(OUT_INTERRUPTED), "interrupted",
	    "interrupted");
	is_str(session_state_name(SS_SET_REST), "set_rest", "set_rest");
	is_str(session_state_name(SS_AFTERCARE), "aftercare", "aftercare");
	test_names_all();
}

int
main(void)
{
	test_pre_and_aftercare();
	test_hold_exact();
	test_pause();
	test_stall();
	test_gap();
	test_sides();
	test_exercise();
	test_exercise_how();
	test_breathe();
	test_hold_pacer();
	test_prompts();
	test_coaching();
	test_coaching_sides();
	test_extend();
	test_release();
	test_skip();
	test_prev();
	test_prev_done();
	test_quit();
	test_safe_coach();
	test_check();
	test_outcome();
	test_aftercare();
	test_right_first();
	test_side_seconds();
	test_release_each_side();
	test_switch_seconds();
	test_ready();
	test_note();
	test_upcoming();
	test_deadlines();
	test_view();
	test_queue();
	test_names();
	return done_testing();
}
