/* SPDX-License-Identifier: GPL-3.0-or-later */
/* run.h: the loop that drives a guided session. */
#ifndef UNKNOT_RUN_H
#define UNKNOT_RUN_H

#include <stdbool.h>

#include "clock.h"
#include "frontend.h"
#include "routine.h"

struct history;

/* What a session runs with, worked out by the command layer. */
struct run_params {
	const char	*device;	/* sound output, NULL: the default */
	bool		 no_sound;	/* stay silent, without a notice */
	int		 volume;	/* 0-100 */
	bool		 color;		/* the screen may use colour */
	bool		 animate;	/* the breathing animation */
	bool		 events;	/* plain: machine lines */
	bool		 timestamps;	/* plain: session times */
	bool		 voice;		/* speak, if a voice can be had */
	bool		 voice_given;	/* asked for in so many words: its
					 * absence is worth a notice */
	bool		 voice_lines;	/* plain: print the utterances */
	unsigned	 voice_countdown; /* what of the countdown is said,
					 * SAY_COUNT_* */
	/* What follows a session that ended without a signal (when the
	 * next one is due), given the history the session went to (NULL
	 * if there is none) and how it ended; an allocated text the loop
	 * shows and frees, or NULL. NULL: nothing follows. */
	char		*(*after)(struct history *, const struct routine *,
			    enum outcome, void *);
	void		*after_arg;
};

/* Run a loaded routine through a front end until it ends; returns the exit
 * status: 0 completed or quit, 128+signal after a signal. */
int	run_session(const struct routine *, const struct frontend_ops *,
	    const struct run_params *, struct clock *);

#endif
