/* SPDX-License-Identifier: GPL-3.0-or-later */
/* coach.h: the rules that turn a discomfort rating into advice.
 *
 * The therapist's rule: discomfort "significant enough that you feel
 * something is happening, but never so intense that you're bracing or
 * holding your breath".  Pure functions over a rating, the routine's
 * thresholds and how the hold went so far; the texts are static. */
#ifndef UNKNOT_COACH_H
#define UNKNOT_COACH_H

#include <stdbool.h>
#include <stdint.h>

#include "routine.h"

#define COACH_LEAN_IN_MS	10000	/* below range only counts after this */
#define COACH_EASE_OFFS		2	/* ease-offs before offering a skip */
#define COACH_REPROMPT_MS	5000	/* ask again this long after easing off */
#define COACH_CHECK_RATING	10	/* this rating asks about symptoms */
#define COACH_CHECK_BRACING	2	/* and so does the second bracing */

/* What the coach says to do (SA_ADVICE's value). */
enum advice_kind {
	ADV_NONE, ADV_EASE_OFF, ADV_OFFER_SKIP, ADV_LEAN_IN, ADV_ENCOURAGE,
	ADV_LET_GO,	/* the rating dropped: "if it let go, press r" */
	ADV_LIGHTER,	/* no symptoms: the hold resumes, lighter */
	ADV_STOP	/* symptoms: the point stops, red-flag text */
};

/* The thresholds of a routine (0-10 scale). */
struct coach_rules {
	unsigned	target_lo;	/* aim at or above this ... */
	unsigned	target_hi;	/* ... and at or below this */
	unsigned	ease_off_at;	/* ease off at or above this */
	bool		gentle;		/* the target starts below the default
					 * (3 or less): never "lean in" */
};

/* How the hold went before a rating. */
struct coach_hold {
	int64_t		ms_in;		/* ms into the hold */
	unsigned	ease_offs;	/* ease-offs so far */
	int		peak;		/* highest rating so far, -1 if none */
	int		last;		/* the rating before, -1 if none */
	bool		strained;	/* a rating at or above ease_off_at, or
					 * bracing, came earlier */
	bool		can_release;	/* r lets it go (a hold) */
	bool		stretch;	/* a stretch: its words are of the
					 * stretch, not of pressure */
};

struct coach_advice {
	enum advice_kind  kind;
	const char	 *text;		/* static; NULL for ADV_NONE */
};

/* The routine's thresholds; unset ones (0) get the built-in defaults. */
void		 coach_rules(const struct routine *, struct coach_rules *);
/* Advice for a rating given ms_in into a hold, after ease_offs ease-offs
 * in this hold: ADV_EASE_OFF or ADV_OFFER_SKIP at or above ease_off_at,
 * ADV_LEAN_IN below target_lo once COACH_LEAN_IN_MS have passed,
 * ADV_ENCOURAGE inside the range (and between the range and ease_off_at,
 * with a "no harder" text), else ADV_NONE. */
struct coach_advice coach_rating(const struct coach_rules *, int rating,
		    int64_t ms_in, unsigned ease_offs);
/* Advice for a rating in a hold that went as h says. Never more pressure
 * once the hold was strained: at or above ease_off_at ADV_EASE_OFF (then
 * ADV_OFFER_SKIP); a rating lower than the one before it ADV_LET_GO in
 * a hold ("if it let go, press r"), ADV_ENCOURAGE elsewhere; ADV_LEAN_IN
 * only when this and every earlier rating were below target_lo, nothing
 * strained, the range is not gentle and COACH_LEAN_IN_MS have passed;
 * inside the range (or above it, "no harder") ADV_ENCOURAGE; else
 * ADV_NONE. */
struct coach_advice coach_advise(const struct coach_rules *,
		    const struct coach_hold *, int rating);
/* Whether a rating, or the bracing reports so far in a hold, call for
 * the symptom question (a 10; a second bracing). */
bool		 coach_check_rating(int rating);
bool		 coach_check_bracing(unsigned bracing);
/* The symptom question, and the advice after each answer. */
const char	*coach_check_text(void);
/* Advice when the person says they are bracing or holding their breath. */
struct coach_advice coach_bracing(unsigned ease_offs);
/* The same, in a stretch's words when stretch. */
struct coach_advice coach_bracing_for(unsigned ease_offs, bool stretch);
/* The standard text of an advice kind; NULL for ADV_NONE. */
const char	*coach_text(enum advice_kind);
/* The same, in a stretch's words when stretch. */
const char	*coach_text_for(enum advice_kind, bool stretch);
/* Stable lower-case name: "none", "ease_off", "offer_skip", ... */
const char	*coach_advice_name(enum advice_kind);
/* The question asked by a rating prompt. */
const char	*coach_prompt_text(void);

#endif
