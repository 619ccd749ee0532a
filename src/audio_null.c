/* SPDX-License-Identifier: GPL-3.0-or-later */
/* audio_null.c: the silent backend; keeps real time, plays nothing. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <time.h>

#include "audio.h"
#include "clock.h"
#include "util.h"

struct audio_null {
	unsigned	rate;
	int64_t		origin;		/* ns of CLOCK_MONOTONIC at open */
};

/* Open: nothing to open, remember when. */
static int
audio_null_open(void **out, struct audio_req *req, char **cause)
{
	struct audio_null	*n;

	n = xcalloc(1, sizeof *n);
	if (req->rate == 0)
		req->rate = AUDIO_RATE;
	n->rate = req->rate;
	n->origin = clock_mono_ns();
	*out = n;
	return 0;
}

/* Close: free the state. */
static void
audio_null_close(void *p)
{
	free(p);
}

/* Start: nothing to start. */
static int
audio_null_start(void *p, char **cause)
{
	return 0;
}

/* The sample that would be heard now, on the monotonic clock. */
static int64_t
audio_null_now(void *p)
{
	struct audio_null	*n = p;

	return (clock_mono_ns() - n->origin) * (int64_t)n->rate /
	    1000000000;
}

/* Never fails. */
static int
audio_null_check(void *p, char **cause)
{
	return 0;
}

const struct audio_ops audio_null_ops = {
	.name = "null",
	.match = "null",
	.open = audio_null_open,
	.close = audio_null_close,
	.start = audio_null_start,
	.write = NULL,
	.now = audio_null_now,
	.check = audio_null_check,
	.mixes = false,
};
