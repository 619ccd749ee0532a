/* SPDX-License-Identifier: GPL-3.0-or-later */
/* coach.c: the rules that turn a discomfort rating into advice. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stddef.h>
#include <stdint.h>

#include "coach.h"

/* The advice, by kind: [0] for a point under pressure, [1] for a
 * stretch, whose words are of the stretch and not of pressing. */
static const char *const coach_texts[2][ADV_STOP + 1] = { {
	[ADV_EASE_OFF] = "Ease off the pressure until you can breathe "
	    "freely. Breathe out slowly now and let the muscle relax. This is "
	    "not a no-pain-no-gain situation.",
	[ADV_OFFER_SKIP] = "Still too intense. Ease right off, or skip this "
	    "point for today; that is fine.",
	[ADV_LEAN_IN] = "Not much happening yet? Lean in a little, or adjust "
	    "the position until you feel something is happening.",
	[ADV_ENCOURAGE] = "Good. Keep breathing deeply and let the muscle "
	    "relax.",
	[ADV_LET_GO] = "If it let go, press r. If not, stay at this pressure "
	    "and keep breathing out slowly.",
	[ADV_LIGHTER] = "Go on lighter: ease well off the point and breathe "
	    "out slowly now. Stop if anything tingles, goes numb or shoots.",
	[ADV_STOP] = "Stop this point for today: let go of the pressure.",
}, {
	[ADV_EASE_OFF] = "Ease off the stretch until you can breathe freely. "
	    "Breathe out slowly now and let the muscle relax. This is not a "
	    "no-pain-no-gain situation.",
	[ADV_OFFER_SKIP] = "Still too intense. Ease right out of the stretch, "
	    "or skip it for today; that is fine.",
	[ADV_LEAN_IN] = "Not much happening yet? Ease a little further into "
	    "the stretch, or adjust the position until you feel a gentle "
	    "pull.",
	[ADV_ENCOURAGE] = "Good. Keep breathing deeply and let the muscle "
	    "relax.",
	[ADV_LET_GO] = "If it let go, press r. If not, stay at this pressure "
	    "and keep breathing out slowly.",
	[ADV_LIGHTER] = "Go on gentler: ease well back from the stretch and "
	    "breathe out slowly now. Stop if anything tingles, goes numb or "
	    "shoots.",
	[ADV_STOP] = "Stop this stretch for today: come out of it slowly.",
} };
/* Bracing, and a rating between the range and ease_off_at, the same. */
static const char *const coach_bracing_texts[2] = {
	"Ease off now: bracing keeps the muscle from letting go. Breathe out "
	"slowly now; lighter pressure releases better.",
	"Ease off now: bracing keeps the muscle from letting go. Breathe out "
	"slowly now; a gentler stretch releases better."
};
static const char *const coach_strong_texts[2] = {
	"That is strong enough; press no harder. Keep breathing deeply and "
	"let the muscle relax.",
	"That is strong enough; stretch no further. Keep breathing deeply and "
	"let the muscle relax."
};
static const char coach_check_question[] =
    "Any numbness, tingling, or shooting, burning pain?";

/* Make a coach_advice from a kind and its text. */
static struct coach_advice
coach_make(enum advice_kind kind, const char *text)
{
	struct coach_advice a;

	a.kind = kind;
	a.text = text;
	return a;
}

/* The advice of a kind in its standard words, for a stretch or not. */
static struct coach_advice
coach_say(enum advice_kind kind, bool stretch)
{
	return coach_make(kind, coach_text_for(kind, stretch));
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
coach_too_much(unsigned ease_offs, bool stretch, const char *ease_text)
{
	if (ease_offs >= COACH_EASE_OFFS)
		return coach_say(ADV_OFFER_SKIP, stretch);
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
		return coach_too_much(h->ease_offs, h->stretch,
		    coach_text_for(ADV_EASE_OFF, h->stretch));
	/* Lower than before under the same pressure: it may have let go. */
	if (h->last >= 0 && rating < h->last) {
		if (h->can_release)
			return coach_say(ADV_LET_GO, h->stretch);
		return coach_say(ADV_ENCOURAGE, h->stretch);
	}
	if ((unsigned)rating < cr->target_lo) {
		if (coach_may_lean_in(cr, h))
			return coach_say(ADV_LEAN_IN, h->stretch);
		return coach_make(ADV_NONE, NULL);
	}
	if ((unsigned)rating <= cr->target_hi)
		return coach_say(ADV_ENCOURAGE, h->stretch);
	return coach_make(ADV_ENCOURAGE, coach_strong_texts[h->stretch]);
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
	h.stretch = false;
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
	return coach_bracing_for(ease_offs, false);
}

/* The same, for a stretch or not. */
struct coach_advice
coach_bracing_for(unsigned ease_offs, bool stretch)
{
	return coach_too_much(ease_offs, stretch,
	    coach_bracing_texts[stretch]);
}

/* The standard text of an advice kind. */
const char *
coach_text(enum advice_kind kind)
{
	return coach_text_for(kind, false);
}

/* The standard text of an advice kind, for a stretch or not. */
const char *
coach_text_for(enum advice_kind kind, bool stretch)
{
	if ((unsigned)kind > ADV_STOP)
		return NULL;
	return coach_texts[stretch][kind];
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
