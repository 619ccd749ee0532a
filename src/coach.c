/* coach.c: the rules that turn a discomfort rating into advice. */
#include <stddef.h>
#include <stdint.h>

#include "coach.h"

static const char coach_ease_off_text[] =
    "Ease off the pressure until you can breathe freely. Breathe out slowly "
    "and let the muscle relax. This is not a no-pain-no-gain situation.";
static const char coach_bracing_text[] =
    "Ease off now: bracing keeps the muscle from letting go. Breathe out "
    "slowly; lighter pressure releases better.";
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
	if (r == NULL)
		return;
	if (r->target_hi != 0) {
		cr->target_lo = r->target_lo;
		cr->target_hi = r->target_hi;
	}
	if (r->ease_off_at != 0)
		cr->ease_off_at = r->ease_off_at;
}

/* Ease off, or offer to skip once easing off has not helped enough. */
static struct coach_advice
coach_too_much(unsigned ease_offs, const char *ease_text)
{
	if (ease_offs >= COACH_EASE_OFFS)
		return coach_make(ADV_OFFER_SKIP, coach_offer_skip_text);
	return coach_make(ADV_EASE_OFF, ease_text);
}

/* Advice for one rating. */
struct coach_advice
coach_rating(const struct coach_rules *cr, int rating, int64_t ms_in,
    unsigned ease_offs)
{
	if (rating < 0)
		return coach_make(ADV_NONE, NULL);
	if ((unsigned)rating >= cr->ease_off_at)
		return coach_too_much(ease_offs, coach_ease_off_text);
	if ((unsigned)rating < cr->target_lo) {
		if (ms_in >= COACH_LEAN_IN_MS)
			return coach_make(ADV_LEAN_IN, coach_lean_in_text);
		return coach_make(ADV_NONE, NULL);
	}
	if ((unsigned)rating <= cr->target_hi)
		return coach_make(ADV_ENCOURAGE, coach_encourage_text);
	return coach_make(ADV_ENCOURAGE, coach_strong_text);
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
	}
	return "unknown";
}

/* The rating question. */
const char *
coach_prompt_text(void)
{
	return "How strong is it now, 0 to 10?";
}

/* The therapist's rule for the pressure. */
const char *
coach_rule_text(void)
{
	return "Aim for discomfort significant enough that you feel something "
	    "is happening, but never so intense that you're bracing or "
	    "holding your breath.";
}
