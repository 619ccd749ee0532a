/* SPDX-License-Identifier: GPL-3.0-or-later */
/* run.h: the loop that drives a guided session. */
#ifndef UNKNOT_RUN_H
#define UNKNOT_RUN_H

#include "clock.h"
#include "cmd.h"
#include "frontend.h"
#include "routine.h"

/* Run a loaded routine through a front end until it ends; returns the exit
 * status: 0 completed or quit, 128+signal after a signal. */
int	run_session(const struct routine *, const struct frontend_ops *,
	    struct opts *, struct clock *);

/* May colour be used (NO_COLOR is unset or empty)? */
int	run_color_allowed(void);

#endif
