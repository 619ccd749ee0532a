/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report_steps.c: every kind of step in a report: what became of each
 * step and side over the sessions (done, skipped, stopped, the time spent
 * in it), the median rating of each point, and the sparkline of its
 * peaks. Rehearsals are left out. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "report_model.h"
#include "session.h"
#include "util.h"

/* Whether e is of step st. */
static bool
report_steps_is(const struct report_step *st, const struct report_ev *e)
{
	return report_model_same(st->title, e->title) &&
	    report_model_same(st->kind, e->step_kind) &&
	    report_model_same(st->side, e->side);
}

/* Whether e ends a run of its step: its end or a status. */
static bool
report_steps_ends(const struct report_ev *e)
{
	return strcmp(e->kind, "step_end") == 0 ||
	    strcmp(e->kind, "status") == 0;
}

/* The step of e, added if it is new. */
static struct report_step *
report_steps_find(struct report_rt *rr, const struct report_ev *e)
{
	struct report_step	*st;
	size_t			 i;

	for (i = 0; i < rr->nstep; i++) {
		if (report_steps_is(&rr->step[i], e))
			return &rr->step[i];
	}
	rr->step = xreallocarray(rr->step, rr->nstep + 1, sizeof *rr->step);
	st = &rr->step[rr->nstep++];
	memset(st, 0, sizeof *st);
	st->title = e->title;
	st->kind = e->step_kind;
	st->side = e->side;
	st->index = e->step;
	return st;
}

/* Count what became of a step in one session: its latest status. */
static void
report_steps_status(struct report_step *st, int status)
{
	switch ((enum step_status)status) {
	case STS_DONE:
	case STS_LET_GO:
	case STS_EXTENDED:
	case STS_EASED:
		st->done++;
		break;
	case STS_STOPPED:
		st->stopped++;
		break;
	case STS_SKIPPED:
		st->skipped++;
		break;
	case STS_NOT_REACHED:
		st->not_reached++;
		break;
	case STS_NONE:
	case STS_COUNT:
		break;
	}
}

/* The sets of the run of step st that ends at event j (its step end):
 * the set events since the step's previous end in the session from i. */
static void
report_steps_sets(struct report_rt *rr, struct report_step *st, size_t i,
    size_t j)
{
	const struct report_ev	*e;
	size_t			 k;

	for (k = j; k-- > i; ) {
		e = &rr->e[k];
		if (!report_steps_is(st, e))
			continue;
		if (report_steps_ends(e))
			break;
		if (strcmp(e->kind, "set") != 0 || e->arg < 0)
			continue;
		st->sets_rx++;
		st->reps_rx += (unsigned)e->arg;
		st->reps += e->value > 0 ? (unsigned)e->value : 0;
		if (e->value >= e->arg)
			st->sets++;
	}
}

/* One session's events from i on: the time in each step, and each step's
 * latest status (unless an earlier one stands against it); the index
 * after the session. */
static size_t
report_steps_session(struct report_rt *rr, size_t i)
{
	const struct report_ev	*e;
	struct report_step	*st;
	size_t			 j, t, nt = 0, *touched = NULL;
	int64_t			 sid = rr->e[i].session_id;

	/* Each step's last end or status in the session, the steps in the
	 * order they first ended. An end or status without a step (step < 0,
	 * which only an edited history has) is no step's. */
	for (j = i; j < rr->ne && rr->e[j].session_id == sid; j++) {
		e = &rr->e[j];
		if (e->step < 0 || !report_steps_ends(e))
			continue;
		st = report_steps_find(rr, e);
		if (strcmp(e->kind, "step_end") == 0)
			st->ms += e->arg;
		if (!st->seen) {
			st->seen = true;
			touched = xreallocarray(touched, nt + 1,
			    sizeof *touched);
			touched[nt++] = (size_t)(st - rr->step);
		} else if (rr->e[st->latest].step == e->step &&
		    session_status_stands(
		    (enum step_status)rr->e[st->latest].value,
		    (enum step_status)e->value))
			/* The same step (two of one title are one row). */
			continue;
		st->latest = j;
	}
	/* Only the latest status of each step in this session counts. */
	for (t = 0; t < nt; t++) {
		st = &rr->step[touched[t]];
		e = &rr->e[st->latest];
		st->seen = false;
		st->sessions++;
		report_steps_status(st, e->value);
		if (strcmp(e->kind, "step_end") == 0)
			report_steps_sets(rr, st, i, st->latest);
	}
	free(touched);
	return j;
}

/* Sort steps by their index in the routine, sides in the order met. */
static int
report_steps_cmp(const void *a, const void *b)
{
	const struct report_step	*x = a, *y = b;

	if (x->index != y->index)
		return x->index < y->index ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Compare two ratings, for qsort. */
static int
report_steps_int_cmp(const void *a, const void *b)
{
	int	x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* The median of n ratings v, sorted here; -1 if none. */
static double
report_steps_median(int *v, size_t n)
{
	if (n == 0)
		return -1;
	qsort(v, n, sizeof *v, report_steps_int_cmp);
	return n % 2 != 0 ? v[n / 2] :
	    ((double)v[n / 2 - 1] + v[n / 2]) / 2.0;
}

/* The median rating of each point in real sessions, -1 where none: one
 * pass over the events. */
static void
report_steps_medians(struct report_rt *rr)
{
	const struct report_ev	*e;
	int			**v;
	size_t			 *n, i, k;

	rr->median = xcalloc(rr->np + 1, sizeof *rr->median);
	v = xcalloc(rr->np + 1, sizeof *v);
	n = xcalloc(rr->np + 1, sizeof *n);
	for (i = 0; i < rr->ne; i++) {
		e = &rr->e[i];
		if (strcmp(e->kind, "rating") != 0 ||
		    strcmp(e->step_kind, "hold") != 0 ||
		    !report_model_real(rr, i))
			continue;
		for (k = 0; k < rr->np; k++) {
			if (!report_model_at(e, rr->p[k].title, rr->p[k].point,
			    rr->p[k].side))
				continue;
			/* Grown at each power of two. */
			if ((n[k] & (n[k] - 1)) == 0)
				v[k] = xreallocarray(v[k], n[k] == 0 ? 1 :
				    2 * n[k], sizeof *v[k]);
			v[k][n[k]++] = e->value;
		}
	}
	for (k = 0; k < rr->np; k++) {
		rr->median[k] = report_steps_median(v[k], n[k]);
		free(v[k]);
	}
	free(v);
	free(n);
}

/* Count a difficulty answer on the first side of its step. */
static void
report_steps_how(struct report_rt *rr, const struct report_ev *e)
{
	struct report_step	*st;
	size_t			 i;

	if (e->value < 1 || e->value > 3)
		return;
	for (i = 0; i < rr->nstep; i++) {
		st = &rr->step[i];
		if (st->index == e->step && strcmp(st->title, e->title) == 0 &&
		    strcmp(st->kind, e->step_kind) == 0) {
			st->how[e->value - 1]++;
			return;
		}
	}
}

/* Whether st is an exercise. */
bool
report_steps_exercise(const struct report_step *st)
{
	return strcmp(st->kind, "exercise") == 0;
}

/* What an exercise's sets, reps and difficulty answers came to. */
char *
report_steps_exercise_text(const struct report_step *st)
{
	char	*s;

	xasprintf(&s, "%u of %u sets, %u of %u reps; easy %u, ok %u, hard %u",
	    st->sets, st->sets_rx, st->reps, st->reps_rx, st->how[0],
	    st->how[1], st->how[2]);
	return s;
}

/* Gather the steps and the medians of the points of rr. */
void
report_steps_gather(struct report_rt *rr)
{
	size_t	i, n;

	for (i = 0; i < rr->ne; ) {
		if (!report_model_real(rr, i)) {
			i++;
			continue;
		}
		n = rr->nstep;
		i = report_steps_session(rr, i);
		while (n < rr->nstep) {
			rr->step[n].order = n;
			n++;
		}
	}
	if (rr->nstep > 1)
		qsort(rr->step, rr->nstep, sizeof *rr->step, report_steps_cmp);
	for (i = 0; i < rr->ne; i++) {
		if (strcmp(rr->e[i].kind, "difficulty") == 0 &&
		    report_model_real(rr, i))
			report_steps_how(rr, &rr->e[i]);
	}
	report_steps_medians(rr);
}

/* The peaks of a point as a sparkline, a block a session (higher is more
 * discomfort, 0-10), a middle dot where it was not rated. */
void
report_steps_spark(FILE *f, const struct hist_point *p)
{
	static const char	*blocks[] = { "\u2581", "\u2582", "\u2583",
	    "\u2584", "\u2585", "\u2586", "\u2587", "\u2588" };
	size_t			 i;
	int			 v;

	for (i = 0; i < p->n; i++) {
		v = p->v[i].peak;
		if (v < 0)
			fputs("\u00b7", f);
		else
			fputs(blocks[(v > 10 ? 10 : v) * 7 / 10], f);
	}
}
