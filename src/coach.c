/* SPDX-License-Identifier: GPL-3.0-or-later */
/* coach.c: the rules that turn a discomfort rating into advice. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stddef.h>
#include <stdint.h>

#include "coach.h"

static const char coach_ease_off_text[] =
    "Ease off the pressure until you can breathe freely. Breathe out slowly "
    "now and let the muscle relax. This is not a no-pain-no-gain situation.";
static const char coach_bracing_text[] =
    "Ease off now: bracing keeps the muscle from letting go. Breathe out "
    "slowly now; lighter pressure releases better.";
static const char coach_let_go_text[] =
    "If it let go, press r. If not, stay at this pressure and keep "
    "breathing out slowly.";
static const char coach_lighter_text[] =
    "Go on lighter: ease well off the point and breathe out slowly now. "
    "Stop if anything tingles, goes numb or shoots.";
static const char coach_stop_text[] =
    "Stop this point for today: let go of the pressure.";
static const char coach_check_question[] =
    "Any numbness, tingling, or shooting, burning pain?";
static const char coach_offer_skip_text[] =
    "Still too intense. Ease right off, or skip this point for today; "
    "that is fine.";
static const char coach_lean_in_text[] =
    "Not much happening yet? Lean in a little, or adjust the position "
    "until you feel something is happening.";
static const char coach_encourage_text[] =
    "Good. Keep breathing deeply and let the muscle relax.";
static const char coach_strong_text[] =
    "That is strong enough; press no harder. Keep breathing deeply and "
    "let the muscle relax.";

/* Make a coach_advice from a kind and its text. */
static struct coach_advice
coach_make(enum advice_kind kind, const char *text)
{
	struct coach_advice a;

	a.kind = kind;
	a.text = text;
	return a;
}

/* The routine's thresholds, defaults for unset ones. */
void
coach_rules(const struct routine *r, struct coach_rules *cr)
{
	cr->target_lo = RT_DEFAULT_TARGET_LO;
	cr->target_hi = RT_DEFAULT_TARGET_HI;
	cr->ease_off_at = RT_DEFAULT_EASE_OFF;
	if (r != NULL && r->target_hi != 0) {
		cr->target_lo = r->target_lo;
		cr->target_hi = r->target_hi;
	}
	if (r != NULL && r->ease_off_at != 0)
		cr->ease_off_at = r->ease_off_at;
	cr->gentle = cr->target_lo < RT_DEFAULT_TARGET_LO;
}

/* Ease off, or offer to skip once easing off has not helped enough. */
static struct coach_advice
coach_too_much(unsigned ease_offs, const char *ease_text)
{
	if (ease_offs >= COACH_EASE_OFFS)
		return coach_make(ADV_OFFER_SKIP, coach_offer_skip_text);
	return coach_make(ADV_EASE_OFF, ease_text);
}

/* Whether "lean in" may be said: every rating of the hold below the
 * target, nothing strained, a range that is not gentle, time enough. */
static bool
coach_may_lean_in(const struct coach_rules *cr, const struct coach_hold *h)
{
	if (cr->gentle || h->strained || h->ms_in < COACH_LEAN_IN_MS)
		return false;
	return h->peak < 0 || (unsigned)h->peak < cr->target_lo;
}

/* Advice for one rating in a hold that went as h says. */
struct coach_advice
coach_advise(const struct coach_rules *cr, const struct coach_hold *h,
    int rating)
{
	if (rating < 0)
		return coach_make(ADV_NONE, NULL);
	if ((unsigned)rating >= cr->ease_off_at)
		return coach_too_much(h->ease_offs, coach_ease_off_text);
	/* Lower than before under the same pressure: it may have let go. */
	if (h->last >= 0 && rating < h->last) {
		if (h->can_release)
			return coach_make(ADV_LET_GO, coach_let_go_text);
		return coach_make(ADV_ENCOURAGE, coach_encourage_text);
	}
	if ((unsigned)rating < cr->target_lo) {
		if (coach_may_lean_in(cr, h))
			return coach_make(ADV_LEAN_IN, coach_lean_in_text);
		return coach_make(ADV_NONE, NULL);
	}
	if ((unsigned)rating <= cr->target_hi)
		return coach_make(ADV_ENCOURAGE, coach_encourage_text);
	return coach_make(ADV_ENCOURAGE, coach_strong_text);
}

/* Advice for one rating, the first of a fresh hold. */
struct coach_advice
coach_rating(const struct coach_rules *cr, int rating, int64_t ms_in,
    unsigned ease_offs)
{
	struct coach_hold h;

	h.ms_in = ms_in;
	h.ease_offs = ease_offs;
	h.peak = h.last = -1;
	h.strained = false;
	h.can_release = true;
	return coach_advise(cr, &h, rating);
}

/* Whether a rating asks the symptom question. */
bool
coach_check_rating(int rating)
{
	return rating >= COACH_CHECK_RATING;
}

/* Whether so many bracing reports in one hold ask the symptom question. */
bool
coach_check_bracing(unsigned bracing)
{
	return bracing >= COACH_CHECK_BRACING;
}

/* The symptom question. */
const char *
coach_check_text(void)
{
	return coach_check_question;
}

/* Advice when the person is bracing or holding their breath. */
struct coach_advice
coach_bracing(unsigned ease_offs)
{
	return coach_too_much(ease_offs, coach_bracing_text);
}

/* The standard text of an advice kind. */
const char *
coach_text(enum advice_kind kind)
{
	switch (kind) {
	case ADV_NONE:
		return NULL;
	case ADV_EASE_OFF:
		return coach_ease_off_text;
	case ADV_OFFER_SKIP:
		return coach_offer_skip_text;
	case ADV_LEAN_IN:
		return coach_lean_in_text;
	case ADV_ENCOURAGE:
		return coach_encourage_text;
	case ADV_LET_GO:
		return coach_let_go_text;
	case ADV_LIGHTER:
		return coach_lighter_text;
	case ADV_STOP:
		return coach_stop_text;
	}
	return NULL;
}

/* Stable lower-case name of an advice kind. */
const char *
coach_advice_name(enum advice_kind kind)
{
	switch (kind) {
	case ADV_NONE:
		return "none";
	case ADV_EASE_OFF:
		return "ease_off";
	case ADV_OFFER_SKIP:
		return "offer_skip";
	case ADV_LEAN_IN:
		return "lean_in";
	case ADV_ENCOURAGE:
		return "encourage";
	case ADV_LET_GO:
		return "let_go";
	case ADV_LIGHTER:
		return "lighter";
	case ADV_STOP:
		return "stop";
	}
	return "unknown";
}

/* The rating question. */
const char *
coach_prompt_text(void)
{
	return "How strong is it now, 0 to 10?";
}
