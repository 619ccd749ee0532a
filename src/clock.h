/* SPDX-License-Identifier: GPL-3.0-or-later */
/* clock.h: the monotonic clock the session runs on; replaceable in tests. */
#ifndef UNKNOT_CLOCK_H
#define UNKNOT_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

/* Real ms a wake-up may come later than its wait before the time between
 * counts as time the process did not run. */
#define CLOCK_STALL_MS	5000

struct clock {
	double	  scale;		/* UNKNOT_TIME_SCALE, 1 by default */
	int64_t	  origin;		/* raw ms at clock_init */
	int64_t	(*raw)(void *);		/* NULL: CLOCK_MONOTONIC */
	void	 *arg;
};

/* Set up from the environment (UNKNOT_TIME_SCALE); -1 with *cause on a bad
 * value. raw may be NULL for the real monotonic clock. */
int	clock_init(struct clock *, int64_t (*raw)(void *), void *arg,
	    char **cause);
/* Unscaled CLOCK_MONOTONIC in ns, for the audio backends' own pacing. */
int64_t	clock_mono_ns(void);
/* Scaled ms since clock_init. */
int64_t	clock_now(const struct clock *);
/* Real ms from now until the scaled time t (>= 0). */
int64_t	clock_wait_ms(const struct clock *, int64_t t);
/* Did a wait of wait_ms real ms (< 0: no limit) begun at scaled ms since
 * end at scaled ms now more than CLOCK_STALL_MS of real time late? Then
 * the process was stopped, or the machine slept with the clock running. */
bool	clock_stalled(const struct clock *, int64_t since, int64_t wait_ms,
	    int64_t now);

#endif
