/* SPDX-License-Identifier: GPL-3.0-or-later */
/* progress.c: the progression rules of a routine, replayed over the
 * history. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "progress.h"
#include "util.h"

/* The median of n peaks (the lower middle one of an even count). */
static int
progress_median(const int *v, size_t n)
{
	int	s[16] = { 0 }, t;
	size_t	i, j;

	for (i = 0; i < n; i++) {
		s[i] = v[i];
		for (j = i; j > 0 && s[j - 1] > s[j]; j--) {
			t = s[j];
			s[j] = s[j - 1];
			s[j - 1] = t;
		}
	}
	return s[(n - 1) / 2];
}

/* The highest week the client may reach. */
static unsigned
progress_max(const struct rt_progression *p)
{
	if (p->max_week >= 1 && p->max_week <= p->n_weeks)
		return p->max_week;
	return p->n_weeks;
}

/* Whether a session calls for a step back. */
static bool
progress_too_much(const struct rt_progression *p,
    const struct progress_session *s)
{
	if (s->peak >= 0 && (unsigned)s->peak >= p->step_back.rating_at_least)
		return true;
	return s->stopped && (p->step_back.stopped == NULL ||
	    *p->step_back.stopped);
}

/* Decide after one more session at the current week. */
static void
progress_step(const struct rt_progression *p, const struct progress_session
    *s, int *window, struct progress *pr)
{
	unsigned	need = p->advance.sessions;

	pr->from = pr->week;
	pr->median = -1;
	if (progress_too_much(p, s)) {
		pr->kind = pr->week > 1 ? PROGRESS_BACK : PROGRESS_SAME;
		if (pr->week > 1)
			pr->week--;
		pr->at_week = 0;
		return;
	}
	/* Sessions without a rating do not count towards an advance. */
	if (s->peak >= 0 && need <= 16) {
		memmove(window + 1, window, (need - 1) * sizeof *window);
		window[0] = s->peak;
		pr->at_week++;
	}
	pr->kind = PROGRESS_SAME;
	if (pr->at_week < need)
		return;
	pr->median = progress_median(window, need);
	if ((unsigned)pr->median > p->advance.median_at_most)
		return;
	if (pr->week >= progress_max(p)) {
		pr->kind = PROGRESS_MAX;
		return;
	}
	pr->week++;
	pr->kind = PROGRESS_ADVANCE;
	pr->at_week = 0;
}

/* Replay the rules over the sessions, noting the week each ran at. */
void
progress_replay_weeks(const struct routine *r,
    const struct progress_session *v, size_t n, struct progress *pr,
    unsigned *weeks)
{
	int	window[16] = { 0 };
	size_t	i;

	memset(pr, 0, sizeof *pr);
	pr->week = pr->from = 1;
	pr->kind = PROGRESS_START;
	pr->median = -1;
	for (i = 0; i < n; i++) {
		if (weeks != NULL)
			weeks[i] = pr->week;
		if (r->progression != NULL)
			progress_step(r->progression, &v[i], window, pr);
	}
}

/* Replay the rules over the sessions. */
void
progress_replay(const struct routine *r, const struct progress_session *v,
    size_t n, struct progress *pr)
{
	progress_replay_weeks(r, v, n, pr, NULL);
}

/* What week w prescribes: a value a week leaves out is the one of the
 * week before it (or the step's own, 0, before any week gives one). */
static int
progress_week(const struct routine *r, unsigned w, struct rt_prog_week *out)
{
	const struct rt_prog_week	*pw;
	unsigned			 i;

	memset(out, 0, sizeof *out);
	if (r->progression == NULL || w < 1 || w > r->progression->n_weeks)
		return -1;
	for (i = 0; i < w; i++) {
		pw = &r->progression->weeks[i];
		if (pw->hold != 0)
			out->hold = pw->hold;
		if (pw->sets != 0)
			out->sets = pw->sets;
		if (pw->reps != 0)
			out->reps = pw->reps;
	}
	return 0;
}

/* Set every hold, and the sets and reps of every exercise, to week w. */
void
progress_apply(struct routine *r, unsigned w)
{
	struct rt_prog_week	 week, *pw = &week;
	struct rt_step		*st;
	unsigned		 i;

	if (progress_week(r, w, &week) != 0)
		return;
	for (i = 0; i < r->n_steps; i++) {
		st = &r->steps[i];
		if (st->kind == RT_HOLD && pw->hold != 0) {
			st->seconds = pw->hold;
			/* The week's hold, on every side alike. */
			st->side_seconds[0] = st->side_seconds[1] = 0;
			if (st->max_seconds < st->seconds)
				st->max_seconds = st->seconds;
		}
		if (st->kind == RT_EXERCISE && pw->sets != 0)
			st->sets = pw->sets;
		if (st->kind == RT_EXERCISE && pw->reps != 0)
			st->reps = pw->reps;
	}
}

/* Append ", " and text to *s. */
static void
progress_add(char **s, const char *text)
{
	char	*t;

	xasprintf(&t, "%s%s%s", *s, **s != '\0' ? ", " : "", text);
	free(*s);
	*s = t;
}

/* What week w prescribes. */
char *
progress_week_text(const struct routine *r, unsigned w)
{
	struct rt_prog_week	 week, *pw = &week;
	char			*s, *t;

	s = xstrdup("");
	if (progress_week(r, w, &week) != 0)
		return s;
	if (pw->hold != 0) {
		xasprintf(&t, "%u s holds", pw->hold);
		progress_add(&s, t);
		free(t);
	}
	if (pw->sets != 0 && pw->reps != 0)
		xasprintf(&t, "%u x %u reps", pw->sets, pw->reps);
	else if (pw->sets != 0)
		xasprintf(&t, "%u sets", pw->sets);
	else if (pw->reps != 0)
		xasprintf(&t, "%u reps", pw->reps);
	else
		t = NULL;
	if (t != NULL)
		progress_add(&s, t);
	free(t);
	return s;
}

/* Why the week changed, or did not. */
static char *
progress_why(const struct routine *r, const struct progress *pr)
{
	const struct rt_progression	*p = r->progression;
	char				*s;

	switch (pr->kind) {
	case PROGRESS_ADVANCE:
		xasprintf(&s, "; the median discomfort of the last %u "
		    "sessions was %d (at most %u)", p->advance.sessions,
		    pr->median, p->advance.median_at_most);
		break;
	case PROGRESS_BACK:
		xasprintf(&s, "; the last session was too much (a rating of "
		    "%u or more, or stopped early)",
		    p->step_back.rating_at_least);
		break;
	case PROGRESS_MAX:
		s = xstrdup("; this is the most the therapist prescribed");
		break;
	default:
		s = xstrdup("");
		break;
	}
	return s;
}

/* The line told at the start of a session. */
char *
progress_describe(const struct routine *r, const struct progress *pr)
{
	char	*now, *was, *why, *s;

	if (r->progression == NULL)
		return NULL;
	now = progress_week_text(r, pr->week);
	why = progress_why(r, pr);
	if (pr->from != pr->week) {
		was = progress_week_text(r, pr->from);
		xasprintf(&s, "This week (%u of %u): %s (was %s)%s", pr->week,
		    r->progression->n_weeks, now, was, why);
		free(was);
	} else
		xasprintf(&s, "This week (%u of %u): %s%s", pr->week,
		    r->progression->n_weeks, now, why);
	free(why);
	free(now);
	return s;
}
