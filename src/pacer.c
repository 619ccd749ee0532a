/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacer.c: a breathing pattern as a function of time.
 *
 * Phase boundaries are the cumulative sums of the pattern's decimal seconds,
 * converted to milliseconds and rounded once: boundary k of cycle c is
 * round((c * cycle + inhale + ... + phase k-1) * 1000).  Rounding each
 * boundary from the exact sum (rather than adding rounded lengths) keeps the
 * pacer exact after any number of cycles.  Phases whose rounded length is 0
 * are never reported. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdint.h>

#include "pacer.h"

/* Exact, unrounded boundaries of one cycle in ms (start of each phase). */
struct pacer_sums {
	double	cum[4];		/* ms from the cycle start to each phase */
	double	cycle;		/* ms of one cycle */
};

/* Length of one phase in seconds, negatives and NaN as 0. */
static double
pacer_len(double s)
{
	return (s > 0) ? s : 0;
}

/* Fill the cumulative sums of a pattern. */
static void
pacer_sums(const struct rt_pattern *p, struct pacer_sums *ps)
{
	double	len[4];
	double	sum = 0;
	int	i;

	len[0] = pacer_len(p->inhale);
	len[1] = pacer_len(p->hold_in);
	len[2] = pacer_len(p->exhale);
	len[3] = pacer_len(p->hold_out);
	for (i = 0; i < 4; i++) {
		ps->cum[i] = sum * 1000.0;
		sum += len[i];
	}
	ps->cycle = sum * 1000.0;
}

/* The rounded ms of boundary k (0-4) of cycle c; 4 is the next cycle's 0. */
static int64_t
pacer_boundary(const struct pacer_sums *ps, int64_t c, int k)
{
	if (k == 4) {
		c++;
		k = 0;
	}
	return llround((double)c * ps->cycle + ps->cum[k]);
}

/* Length of one cycle in ms. */
int64_t
pacer_cycle_ms(const struct rt_pattern *p)
{
	struct pacer_sums ps;

	if (p == NULL)
		return 0;
	pacer_sums(p, &ps);
	if (!(ps.cycle < 1e15))
		return 0;
	return llround(ps.cycle);
}

/* Ms from the start to the end of n whole cycles. */
int64_t
pacer_cycles_ms(const struct rt_pattern *p, unsigned n)
{
	struct pacer_sums ps;

	if (pacer_cycle_ms(p) <= 0)
		return 0;
	pacer_sums(p, &ps);
	return pacer_boundary(&ps, n, 0);
}

/* The phase, its progress and the next boundary at t ms. */
int
pacer_at(const struct rt_pattern *p, int64_t t, struct pacer_at *at)
{
	struct pacer_sums ps;
	int64_t		  c, start, next;
	int		  k;

	if (pacer_cycle_ms(p) <= 0)
		return -1;
	pacer_sums(p, &ps);
	if (t < 0)
		t = 0;

	/* Estimate the cycle, then correct it against the rounded starts. */
	c = (int64_t)floor((double)t / ps.cycle);
	if (c < 0)
		c = 0;
	while (c > 0 && pacer_boundary(&ps, c, 0) > t)
		c--;
	while (pacer_boundary(&ps, c + 1, 0) <= t)
		c++;

	/* The last phase starting at or before t; empty phases never are. */
	for (k = 3; k > 0; k--) {
		start = pacer_boundary(&ps, c, k);
		if (start <= t && pacer_boundary(&ps, c, k + 1) > start)
			break;
	}
	start = pacer_boundary(&ps, c, k);
	next = pacer_boundary(&ps, c, k + 1);

	at->phase = (enum breath_phase)k;
	at->phase_start = start;
	at->next = next;
	at->cycle = (unsigned)c;
	at->progress = (double)(t - start) / (double)(next - start);
	return 0;
}

/* Stable lower-case name of a phase. */
const char *
pacer_phase_name(enum breath_phase phase)
{
	switch (phase) {
	case BR_INHALE:
		return "inhale";
	case BR_HOLD_IN:
		return "hold_in";
	case BR_EXHALE:
		return "exhale";
	case BR_HOLD_OUT:
		return "hold_out";
	}
	return "unknown";
}
