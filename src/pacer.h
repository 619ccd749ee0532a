/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacer.h: a breathing pattern as a function of time. */
#ifndef UNKNOT_PACER_H
#define UNKNOT_PACER_H

#include <stdint.h>

#include "routine.h"

enum breath_phase { BR_INHALE, BR_HOLD_IN, BR_EXHALE, BR_HOLD_OUT };

struct pacer_at {
	enum breath_phase phase;
	double		  progress;	/* 0..1 within the phase */
	int64_t		  phase_start;	/* ms, relative to the pacer's start */
	int64_t		  next;		/* ms of the next boundary */
	unsigned	  cycle;	/* 0-based breath number */
};

/* The phase at t ms after the pattern started. Phases of length 0 are
 * skipped. Returns -1 for a pattern whose cycle is 0 ms. */
int		 pacer_at(const struct rt_pattern *, int64_t t,
		    struct pacer_at *);
/* Length of one cycle in ms (rounded to the ms). */
int64_t		 pacer_cycle_ms(const struct rt_pattern *);
/* Ms from the start to the end of n whole cycles (exact, rounded once). */
int64_t		 pacer_cycles_ms(const struct rt_pattern *, unsigned n);
const char	*pacer_phase_name(enum breath_phase);

#endif
