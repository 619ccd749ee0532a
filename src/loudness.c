/* SPDX-License-Identifier: GPL-3.0-or-later */
/* loudness.c: BS.1770 integrated loudness and true peak. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "loudness.h"
#include "util.h"

#define LOUDNESS_TAPS	12	/* per phase of the 4x interpolator */
#define LOUDNESS_OVER	4

/* A biquad section (direct form I). */
struct biquad {
	double	b0, b1, b2, a1, a2;
	double	x1, x2, y1, y2;
};

struct loudness {
	unsigned	 rate;
	struct biquad	 shelf, hpf;
	size_t		 sub;		/* samples in a 100 ms sub-block */
	size_t		 in_sub;	/* samples in the current one */
	double		 acc;		/* their squares, summed */
	double		 last[3];	/* the three sub-blocks before */
	unsigned	 n_last;
	double		*block;		/* mean squares of 400 ms blocks */
	size_t		 n_block, cap;
	float		 hist[LOUDNESS_TAPS];	/* last samples, newest last */
	double		 fir[LOUDNESS_OVER][LOUDNESS_TAPS];
	double		 peak;		/* linear, oversampled */
};

/* Run one sample through a biquad. */
static double
loudness_biquad(struct biquad *q, double x)
{
	double	y;

	y = q->b0 * x + q->b1 * q->x1 + q->b2 * q->x2 - q->a1 * q->y1 -
	    q->a2 * q->y2;
	/* In silence the state decays into denormals, which are slow to
	 * compute with and far below anything heard. */
	if (fabs(y) < 1e-30)
		y = 0.0;
	q->x2 = q->x1;
	q->x1 = x;
	q->y2 = q->y1;
	q->y1 = y;
	return y;
}

/* The K-weighting filters of BS.1770 for any rate (the 48 kHz
 * coefficients of the standard, derived from their analogue design). */
static void
loudness_filters(struct loudness *l)
{
	double	f0, g, q, k, vh, vb, a0;

	f0 = 1681.974450955533;
	g = 3.999843853973347;
	q = 0.7071752369554196;
	k = tan(M_PI * f0 / l->rate);
	vh = pow(10.0, g / 20.0);
	vb = pow(vh, 0.4996667741545416);
	a0 = 1.0 + k / q + k * k;
	l->shelf.b0 = (vh + vb * k / q + k * k) / a0;
	l->shelf.b1 = 2.0 * (k * k - vh) / a0;
	l->shelf.b2 = (vh - vb * k / q + k * k) / a0;
	l->shelf.a1 = 2.0 * (k * k - 1.0) / a0;
	l->shelf.a2 = (1.0 - k / q + k * k) / a0;
	f0 = 38.13547087602444;
	q = 0.5003270373238773;
	k = tan(M_PI * f0 / l->rate);
	a0 = 1.0 + k / q + k * k;
	l->hpf.b0 = 1.0;
	l->hpf.b1 = -2.0;
	l->hpf.b2 = 1.0;
	l->hpf.a1 = 2.0 * (k * k - 1.0) / a0;
	l->hpf.a2 = (1.0 - k / q + k * k) / a0;
}

/* The 4x interpolator: a Hann-windowed sinc split into its phases. */
static void
loudness_interp(struct loudness *l)
{
	int	p, t;
	double	x, w, n = LOUDNESS_TAPS * LOUDNESS_OVER;

	for (p = 0; p < LOUDNESS_OVER; p++) {
		for (t = 0; t < LOUDNESS_TAPS; t++) {
			/* Tap t of phase p sits at this many input samples
			 * from the point interpolated. */
			x = (double)(t - LOUDNESS_TAPS / 2) +
			    (double)(LOUDNESS_OVER - p) / LOUDNESS_OVER;
			w = 0.5 + 0.5 * cos(2.0 * M_PI * x * LOUDNESS_OVER /
			    n);
			l->fir[p][t] = (x == 0.0 ? 1.0 :
			    sin(M_PI * x) / (M_PI * x)) * w;
		}
	}
}

/* A meter at rate. */
struct loudness *
loudness_new(unsigned rate)
{
	struct loudness	*l;

	l = xcalloc(1, sizeof *l);
	l->rate = rate;
	l->sub = rate / 10;
	loudness_filters(l);
	loudness_interp(l);
	return l;
}

/* Free a meter. */
void
loudness_free(struct loudness *l)
{
	if (l == NULL)
		return;
	free(l->block);
	free(l);
}

/* A 100 ms sub-block is complete: a 400 ms block ends with it. */
static void
loudness_subblock(struct loudness *l)
{
	double	ms = l->acc / (double)l->sub;

	if (l->n_last == 3) {
		if (l->n_block == l->cap) {
			l->cap = l->cap ? l->cap * 2 : 1024;
			l->block = xreallocarray(l->block, l->cap,
			    sizeof *l->block);
		}
		l->block[l->n_block++] = (l->last[0] + l->last[1] +
		    l->last[2] + ms) / 4.0;
		l->last[0] = l->last[1];
		l->last[1] = l->last[2];
		l->last[2] = ms;
	} else
		l->last[l->n_last++] = ms;
	l->acc = 0.0;
	l->in_sub = 0;
}

/* The peak between the last samples, oversampled: only worth computing
 * where a sample comes near the peak so far. */
static void
loudness_peak(struct loudness *l, float x)
{
	double	y, a = fabs((double)x);
	int	p, t;

	memmove(l->hist, l->hist + 1, (LOUDNESS_TAPS - 1) * sizeof *l->hist);
	l->hist[LOUDNESS_TAPS - 1] = x;
	if (a > l->peak)
		l->peak = a;
	if (fabs((double)l->hist[LOUDNESS_TAPS / 2]) < l->peak * 0.5 &&
	    fabs((double)l->hist[LOUDNESS_TAPS / 2 - 1]) < l->peak * 0.5)
		return;
	for (p = 1; p < LOUDNESS_OVER; p++) {
		y = 0.0;
		for (t = 0; t < LOUDNESS_TAPS; t++)
			y += l->fir[p][t] * l->hist[t];
		if (fabs(y) > l->peak)
			l->peak = fabs(y);
	}
}

/* Measure more samples. */
void
loudness_add(struct loudness *l, const float *v, size_t n)
{
	size_t	i;
	double	y;

	for (i = 0; i < n; i++) {
		y = loudness_biquad(&l->hpf,
		    loudness_biquad(&l->shelf, (double)v[i]));
		l->acc += y * y;
		if (++l->in_sub == l->sub)
			loudness_subblock(l);
		loudness_peak(l, v[i]);
	}
}

/* The loudness of a mean square. */
static double
loudness_lufs(double ms)
{
	return ms > 0.0 ? -0.691 + 10.0 * log10(ms) : -INFINITY;
}

/* The mean square of the blocks louder than gate; 0 if none. */
static double
loudness_gated(const struct loudness *l, double gate)
{
	double	sum = 0.0;
	size_t	i, n = 0;

	for (i = 0; i < l->n_block; i++) {
		if (loudness_lufs(l->block[i]) > gate) {
			sum += l->block[i];
			n++;
		}
	}
	return n > 0 ? sum / (double)n : 0.0;
}

/* Integrated loudness: gated at -70 LUFS, then 10 LU under the rest. */
double
loudness_integrated(const struct loudness *l)
{
	double	ms;

	ms = loudness_gated(l, LOUDNESS_SILENCE);
	if (ms <= 0.0)
		return -INFINITY;
	return loudness_lufs(loudness_gated(l, loudness_lufs(ms) - 10.0));
}

/* True peak in dBTP. */
double
loudness_true_peak(const struct loudness *l)
{
	return l->peak > 0.0 ? 20.0 * log10(l->peak) : -INFINITY;
}
