/* SPDX-License-Identifier: GPL-3.0-or-later */
/* limiter.h: a look-ahead peak limiter for the export, so that a track
 * brought up to its loudness keeps its peaks under a ceiling. */
#ifndef UNKNOT_LIMITER_H
#define UNKNOT_LIMITER_H

#include <stddef.h>

#define LIMITER_AHEAD_MS	5	/* how far ahead a peak is seen */
#define LIMITER_RELEASE_MS	80	/* how fast the gain comes back */

struct limiter;

/* A limiter at rate with its ceiling in dBFS. */
struct limiter	*limiter_new(unsigned rate, double ceiling_db);
void		 limiter_free(struct limiter *);
/* Limit n samples in place; what comes out lags what goes in by
 * limiter_delay() samples (zeros at first). */
void		 limiter_run(struct limiter *, float *, size_t n);
size_t		 limiter_delay(const struct limiter *);

#endif
