/* SPDX-License-Identifier: GPL-3.0-or-later */
/* limiter.c: look-ahead peak limiting, with a delay line and the largest
 * magnitude of the samples still in it. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdlib.h>

#include "limiter.h"
#include "util.h"

struct limiter {
	float	 ceiling;	/* linear */
	size_t	 len;		/* delay, samples */
	float	*ring;		/* the delay line */
	size_t	 at;		/* next slot written (the oldest sample) */
	/* Indices (counted from the first sample) of the samples in the line
	 * whose magnitude no later sample reaches: the first is the largest
	 * of the line. */
	size_t	*deque;
	size_t	 head, n_deque;
	size_t	 count;		/* samples taken so far */
	float	 gain;
	float	 attack;	/* per-sample smoothing towards less gain */
	float	 release;	/* ... and back towards more */
};

/* A limiter with an empty delay line. */
struct limiter *
limiter_new(unsigned rate, double ceiling_db)
{
	struct limiter	*l;

	l = xcalloc(1, sizeof *l);
	l->ceiling = (float)pow(10.0, ceiling_db / 20.0);
	l->len = (size_t)rate * LIMITER_AHEAD_MS / 1000;
	if (l->len < 1)
		l->len = 1;
	l->ring = xcalloc(l->len, sizeof *l->ring);
	l->deque = xcalloc(l->len + 1, sizeof *l->deque);
	l->gain = 1.0f;
	/* Within the look-ahead, the gain is 98 % of the way down (e^-4). */
	l->attack = 1.0f - expf(-4.0f / (float)l->len);
	l->release = 1.0f - expf(-1000.0f / ((float)rate *
	    LIMITER_RELEASE_MS));
	return l;
}

/* Free it. */
void
limiter_free(struct limiter *l)
{
	if (l == NULL)
		return;
	free(l->ring);
	free(l->deque);
	free(l);
}

/* The delay, in samples. */
size_t
limiter_delay(const struct limiter *l)
{
	return l->len;
}

/* The magnitude of the sample with index i, still in the line. */
static float
limiter_mag(const struct limiter *l, size_t i)
{
	return fabsf(l->ring[i % l->len]);
}

/* Take one sample in, give the delayed one out, limited. */
static float
limiter_one(struct limiter *l, float x)
{
	size_t	cap = l->len + 1, i;
	float	out, peak, want;

	out = l->ring[l->at];
	l->ring[l->at] = x;
	l->at = (l->at + 1) % l->len;
	i = l->count++;
	/* The sample leaving the line leaves the deque too. */
	if (l->n_deque > 0 && l->deque[l->head] + l->len <= i) {
		l->head = (l->head + 1) % cap;
		l->n_deque--;
	}
	while (l->n_deque > 0 && limiter_mag(l, l->deque[(l->head +
	    l->n_deque - 1) % cap]) <= fabsf(x))
		l->n_deque--;
	l->deque[(l->head + l->n_deque++) % cap] = i;
	peak = limiter_mag(l, l->deque[l->head]);
	if (fabsf(out) > peak)
		peak = fabsf(out);
	want = peak > l->ceiling ? l->ceiling / peak : 1.0f;
	l->gain += (want - l->gain) * (want < l->gain ? l->attack :
	    l->release);
	out *= l->gain;
	/* What the smoothing let through is clipped: rare and slight. */
	if (out > l->ceiling)
		out = l->ceiling;
	else if (out < -l->ceiling)
		out = -l->ceiling;
	return out;
}

/* Limit a block in place. */
void
limiter_run(struct limiter *l, float *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		v[i] = limiter_one(l, v[i]);
}
