/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_progress.c: the progression block of a routine: its defaults, the
 * rules replayed over sessions (expected weeks worked out by hand from
 * the rules in unknot-routine(5)), and a week applied to the steps. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "progress.h"
#include "routine.h"
#include "tap.h"

/* Holds of 20, 30, 45 s; exercise 2 x 8, then 3 x 10 from week 2. */
static const char *yaml =
    "unknot: 1\nid: p\ntitle: P\n"
    "steps:\n"
    "  - hold: {point: here, seconds: 25, max_seconds: 40}\n"
    "  - exercise: {title: Rows, reps: 6, sets: 1}\n"
    "progression:\n"
    "  weeks:\n"
    "    - {hold: 20, sets: 2, reps: 8}\n"
    "    - {hold: 30, sets: 3, reps: 10}\n"
    "    - {hold: 45}\n"
    "  advance: {sessions: 3, median_at_most: 4}\n";

/* Sessions from a list of peaks; 100 + peak: stopped early. */
static size_t
sessions(struct progress_session *v, const int *peaks, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		v[i].peak = peaks[i] >= 100 ? peaks[i] - 100 : peaks[i];
		v[i].stopped = peaks[i] >= 100;
	}
	return n;
}

/* Replay peaks and check the week and the kind of the last decision. */
static void
replay(const struct routine *r, const int *peaks, size_t n, unsigned week,
    enum progress_kind kind, const char *name)
{
	struct progress_session	v[32];
	struct progress		pr;
	char			buf[128];

	progress_replay(r, v, sessions(v, peaks, n), &pr);
	snprintf(buf, sizeof buf, "%s: week", name);
	is_int(pr.week, week, buf);
	snprintf(buf, sizeof buf, "%s: decision", name);
	is_int(pr.kind, kind, buf);
}

int
main(void)
{
	struct diags		 d;
	struct routine		*r;
	struct progress		 pr;
	struct progress_session	 v[4];
	char			*s;

	diags_init(&d);
	r = routine_parse("p.yaml", yaml, strlen(yaml), &d);
	ok(r != NULL && r->progression != NULL, "a progression loads");
	if (r == NULL || r->progression == NULL)
		return done_testing();
	is_int(r->progression->n_weeks, 3, "three weeks");
	is_int(r->progression->step_back.rating_at_least, 8,
	    "steps back at the ease-off rating by default");
	is_int(r->progression->max_week, 3, "up to the last week by default");

	replay(r, NULL, 0, 1, PROGRESS_START, "no session");
	replay(r, (int []){ 3, 4 }, 2, 1, PROGRESS_SAME, "two sessions");
	/* Median of 3, 4, 5 is 4: at most 4. */
	replay(r, (int []){ 3, 4, 5 }, 3, 2, PROGRESS_ADVANCE,
	    "median 4 of three");
	/* Median of 3, 6, 5 is 5. */
	replay(r, (int []){ 3, 6, 5 }, 3, 1, PROGRESS_SAME, "median 5");
	/* The window slides: 6, 5, 2 has median 5; then 5, 2, 3 has 3. */
	replay(r, (int []){ 6, 5, 2, 3 }, 4, 2, PROGRESS_ADVANCE,
	    "the last three count");
	/* One change at a time: after an advance, three more are needed. */
	replay(r, (int []){ 1, 1, 1, 1, 1 }, 5, 2, PROGRESS_SAME,
	    "one change at a time");
	replay(r, (int []){ 1, 1, 1, 1, 1, 1 }, 6, 3, PROGRESS_ADVANCE,
	    "three more advance again");
	replay(r, (int []){ 1, 1, 1, 1, 1, 1, 1, 1, 1 }, 9, 3, PROGRESS_MAX,
	    "never past the maximum");
	/* A rating at or above 8 steps back, at once. */
	replay(r, (int []){ 1, 1, 1, 8 }, 4, 1, PROGRESS_BACK,
	    "a rating of 8 steps back");
	replay(r, (int []){ 1, 1, 1, 7 }, 4, 2, PROGRESS_SAME,
	    "a rating of 7 does not");
	replay(r, (int []){ 1, 1, 1, 102 }, 4, 1, PROGRESS_BACK,
	    "a session stopped early steps back");
	replay(r, (int []){ 9 }, 1, 1, PROGRESS_SAME,
	    "never below week 1");
	replay(r, (int []){ -1, -1, -1 }, 3, 1, PROGRESS_SAME,
	    "sessions without a rating do not advance");

	/* Week 2 applied: holds of 30 s, 3 x 10; week 3 keeps 3 x 10. */
	progress_apply(r, 2);
	is_int(r->steps[0].seconds, 30, "week 2: 30 s holds");
	is_int(r->steps[1].sets * 100 + r->steps[1].reps, 310,
	    "week 2: 3 x 10");
	progress_apply(r, 3);
	is_int(r->steps[0].seconds, 45, "week 3: 45 s holds");
	is_int(r->steps[0].max_seconds, 45, "the longest hold grows with it");
	is_int(r->steps[1].sets * 100 + r->steps[1].reps, 310,
	    "week 3: what it leaves out is week 2's");

	progress_replay(r, v, sessions(v, (int []){ 3, 4, 2 }, 3), &pr);
	s = progress_describe(r, &pr);
	is_str(s, "This week (2 of 3): 30 s holds, 3 x 10 reps (was 20 s "
	    "holds, 2 x 8 reps); the median discomfort of the last 3 "
	    "sessions was 3 (at most 4)", "the change is told");
	free(s);
	routine_free(r);
	diags_free(&d);
	return done_testing();
}
