/* SPDX-License-Identifier: GPL-3.0-or-later */
/* plain_say.c: plain mode in words a screen reader can say: the modes of
 * --plain (events, breath, timestamps), and the spoken line for each
 * engine action; plain.c prints them. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pacer.h"
#include "plain.h"
#include "routine.h"
#include "util.h"

/* Read the modes of --plain=MODE[,MODE...]: events (one machine-readable
 * line per event, the format of old), breath (the breathing phases too),
 * timestamps (session times before spoken lines). 0, or -1 with *cause. */
int
plain_say_modes(const char *arg, struct plain_modes *m, char **cause)
{
	char	*copy, *word, *save = NULL;
	int	 rc = 0;

	if (arg == NULL)
		return 0;
	copy = xstrdup(arg);
	for (word = strtok_r(copy, ",", &save); word != NULL;
	    word = strtok_r(NULL, ",", &save)) {
		if (strcmp(word, "events") == 0)
			m->events = true;
		else if (strcmp(word, "breath") == 0)
			m->breath = true;
		else if (strcmp(word, "timestamps") == 0)
			m->timestamps = true;
		else if (strcmp(word, "voice") == 0)
			m->voice = true;
		else {
			xasprintf(cause, "--plain takes events, breath, "
			    "timestamps or voice (comma-separated), not '%s'",
			    word);
			rc = -1;
			break;
		}
	}
	free(copy);
	return rc;
}

/* Seconds in words: "4 seconds", "1.5 seconds", "1 second". */
static void
plain_say_seconds(char *buf, size_t len, int64_t ms)
{
	if (ms % 1000 == 0)
		snprintf(buf, len, "%lld second%s", (long long)(ms / 1000),
		    ms == 1000 ? "" : "s");
	else
		snprintf(buf, len, "%.1f seconds", ms / 1000.0);
}

/* The words for a breathing phase of ms: "Breathe in for 4 seconds". */
void
plain_say_breath(char *buf, size_t len, int phase, int64_t ms)
{
	static const char *const words[] = {
		[BR_INHALE] = "Breathe in", [BR_HOLD_IN] = "Hold your breath",
		[BR_EXHALE] = "Breathe out", [BR_HOLD_OUT] = "Rest, lungs empty",
	};
	char	secs[32];

	plain_say_seconds(secs, sizeof secs, ms);
	snprintf(buf, len, "%s for %s",
	    phase >= 0 && (size_t)phase < nitems(words) && words[phase] != NULL ?
	    words[phase] : "Breathe", secs);
}

/* The spoken line for an action that is said the same way whatever the
 * routine, or NULL for one the caller words itself or leaves out. */
static const char *
plain_say_fixed(int kind)
{
	switch ((enum sess_act_kind)kind) {
	case SA_EASE_OFF:
	case SA_BRACING:
		return NULL;	/* the advice that follows says it */
	case SA_SKIP:
		return "Skipped.";
	case SA_PAUSE:
		return "Paused. Type pause or resume to go on.";
	case SA_RESUME:
		return "Going on.";
	case SA_PREV:
		return "Back one step.";
	default:
		return NULL;
	}
}

/* What a spoken line starts with for a plain-mode label ("point":
 * "Point: "); "" for lines said as they are. */
const char *
plain_say_label(const char *label)
{
	static const struct {
		const char	*label, *say;
	} t[] = {
		{ "point", "Point: " }, { "referral", "Refers to: " },
		{ "where", "Where: " },
		{ "safety", "Safety: " }, { "rule", "Remember: " },
		{ "tools", "You need: " }, { "author", "By: " },
		{ "for", "For: " }, { "notes", "Therapist's notes: " },
		{ "aftercare", "Aftercare: " },
	};
	size_t	i;

	for (i = 0; i < nitems(t); i++)
		if (strcmp(label, t[i].label) == 0)
			return t[i].say;
	return "";
}

/* The line for an action, in words, into buf; false if nothing is said.
 * Step starts, states and the opening are worded by plain.c. */
bool
plain_say_action(char *buf, size_t len, const struct sess_action *a)
{
	const char	*fixed;
	char		 secs[32];

	switch (a->kind) {
	case SA_REP:
		snprintf(buf, len, "Set %lld, repetition %d.",
		    (long long)a->arg, a->value);
		return true;
	case SA_PRE_PAIN:
	case SA_POST_PAIN:
	case SA_RATING:
		snprintf(buf, len, "Noted: %d.", a->value);
		return true;
	case SA_SYMPTOM:
		snprintf(buf, len, "Noted: %s.", a->value ? "yes" : "no");
		return true;
	case SA_DIFFICULTY:
		snprintf(buf, len, "Noted: %s.",
		    session_difficulty_name(a->value));
		return true;
	case SA_SET:
		return false;
	case SA_RELEASE:
		snprintf(buf, len, "Noted: it let go after %lld seconds.",
		    (long long)((a->arg + 500) / 1000));
		return true;
	case SA_EXTEND:
		plain_say_seconds(secs, sizeof secs, a->arg);
		snprintf(buf, len, "This hold is now %s.", secs);
		return true;
	case SA_FINISH:
		snprintf(buf, len, "Session %s.", session_outcome_name(a->value));
		return true;
	default:
		break;
	}
	if ((fixed = plain_say_fixed(a->kind)) == NULL)
		return false;
	snprintf(buf, len, "%s", fixed);
	return true;
}
