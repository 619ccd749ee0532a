/* clock.h: the monotonic clock the session runs on; replaceable in tests. */
#ifndef UNKNOT_CLOCK_H
#define UNKNOT_CLOCK_H

#include <stdint.h>

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

#endif
