/* SPDX-License-Identifier: GPL-3.0-or-later */
/* clock.c: scaled monotonic milliseconds for the session. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "clock.h"
#include "util.h"

/* CLOCK_MONOTONIC in ns: stops while the machine sleeps, unlike BOOTTIME. */
int64_t
clock_mono_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* CLOCK_MONOTONIC in ms, the session's raw clock. */
static int64_t
clock_monotonic(void *arg)
{
	(void)arg;
	return clock_mono_ns() / 1000000;
}

/* Read UNKNOT_TIME_SCALE and note the origin. */
int
clock_init(struct clock *c, int64_t (*raw)(void *), void *arg, char **cause)
{
	const char	*s;
	char		*end;
	double		 scale = 1;

	s = getenv("UNKNOT_TIME_SCALE");
	if (s != NULL && *s != '\0') {
		errno = 0;
		scale = strtod(s, &end);
		if (!util_is_decimal(s) || errno != 0 || *end != '\0' ||
		    !(scale >= 0.01 && scale <= 10000)) {
			xasprintf(cause, "UNKNOT_TIME_SCALE must be a number "
			    "from 0.01 to 10000, not '%s'", s);
			return -1;
		}
	}
	c->scale = scale;
	c->raw = raw ? raw : clock_monotonic;
	c->arg = arg;
	c->origin = c->raw(c->arg);
	return 0;
}

/* Scaled ms since clock_init. */
int64_t
clock_now(const struct clock *c)
{
	return (int64_t)((double)(c->raw(c->arg) - c->origin) * c->scale);
}

/* Real ms to wait until scaled time t, rounded up so we never wake early. */
int64_t
clock_wait_ms(const struct clock *c, int64_t t)
{
	int64_t	 now = clock_now(c);
	double	 ms;

	if (t <= now)
		return 0;
	ms = (double)(t - now) / c->scale;
	return (int64_t)ms + ((double)(int64_t)ms < ms);
}

/* Real ms late beyond the wait, against the threshold: scaled ms are
 * turned back into real ones, so that UNKNOT_TIME_SCALE moves neither. */
bool
clock_stalled(const struct clock *c, int64_t since, int64_t wait_ms,
    int64_t now)
{
	double	real;

	if (wait_ms < 0)
		return false;
	real = (double)(now - since) / c->scale;
	return real - (double)wait_ms > CLOCK_STALL_MS;
}
