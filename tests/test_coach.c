/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_coach.c: the discomfort rules and their thresholds. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "coach.h"
#include "routine.h"
#include "tap.h"

/* Check the kind (and the standard text where there is one) of advice. */
static void
check_rating(const struct coach_rules *cr, int rating, int64_t ms,
    unsigned ease_offs, enum advice_kind want, const char *name)
{
	struct coach_advice a = coach_rating(cr, rating, ms, ease_offs);

	if (!ok(a.kind == want && (want == ADV_NONE) == (a.text == NULL),
	    name))
		printf("#   got %s, want %s\n", coach_advice_name(a.kind),
		    coach_advice_name(want));
}

/* Thresholds come from the routine, with defaults for unset ones. */
static void
test_rules(void)
{
	struct routine		r;
	struct coach_rules	cr;

	memset(&r, 0, sizeof r);
	coach_rules(&r, &cr);
	is_int(cr.target_lo, RT_DEFAULT_TARGET_LO, "default target_lo");
	is_int(cr.target_hi, RT_DEFAULT_TARGET_HI, "default target_hi");
	is_int(cr.ease_off_at, RT_DEFAULT_EASE_OFF, "default ease_off_at");
	r.target_lo = 2;
	r.target_hi = 5;
	r.ease_off_at = 6;
	coach_rules(&r, &cr);
	is_int(cr.target_lo, 2, "routine target_lo");
	is_int(cr.target_hi, 5, "routine target_hi");
	is_int(cr.ease_off_at, 6, "routine ease_off_at");
	r.target_lo = 0;
	coach_rules(&r, &cr);
	is_int(cr.target_lo, 0, "a target from 0 is kept");
	coach_rules(NULL, &cr);
	is_int(cr.ease_off_at, RT_DEFAULT_EASE_OFF, "no routine: defaults");
}

/* The default 4-7 range, easing off at 8. */
static void
test_default_thresholds(void)
{
	struct coach_rules cr = { 4, 7, 8, false };

	check_rating(&cr, 8, 5000, 0, ADV_EASE_OFF, "8 eases off");
	check_rating(&cr, 10, 5000, 1, ADV_EASE_OFF, "10 after one: again");
	check_rating(&cr, 8, 5000, 2, ADV_OFFER_SKIP,
	    "8 after easing off twice offers a skip");
	check_rating(&cr, 9, 40000, 5, ADV_OFFER_SKIP, "and stays so");
	check_rating(&cr, 7, 5000, 0, ADV_ENCOURAGE, "7 is in range");
	check_rating(&cr, 4, 5000, 0, ADV_ENCOURAGE, "4 is in range");
	check_rating(&cr, 7, 5000, 2, ADV_ENCOURAGE,
	    "in range after easing off: encourage");
	check_rating(&cr, 3, 9999, 0, ADV_NONE, "3 before 10 s: no advice");
	check_rating(&cr, 3, 10000, 0, ADV_LEAN_IN, "3 at 10 s: lean in");
	check_rating(&cr, 0, 60000, 0, ADV_LEAN_IN, "0 late: lean in");
	check_rating(&cr, -1, 60000, 0, ADV_NONE, "no rating: nothing");
	is_str(coach_rating(&cr, 5, 0, 0).text, coach_text(ADV_ENCOURAGE),
	    "in range: the standard encouragement");
}

/* Other thresholds move every rule with them. */
static void
test_moved_thresholds(void)
{
	struct coach_rules	cr = { 2, 4, 7, false };
	struct coach_advice	a;

	check_rating(&cr, 7, 1000, 0, ADV_EASE_OFF, "7 eases off at 7");
	check_rating(&cr, 6, 1000, 0, ADV_ENCOURAGE, "6 does not");
	check_rating(&cr, 2, 30000, 0, ADV_ENCOURAGE, "2 is in 2-4");
	check_rating(&cr, 1, 10000, 0, ADV_LEAN_IN, "1 is below 2-4");
	check_rating(&cr, 7, 1000, 2, ADV_OFFER_SKIP, "7 twice: skip");
	a = coach_rating(&cr, 5, 20000, 0);
	ok(a.kind == ADV_ENCOURAGE && a.text != NULL &&
	    strcmp(a.text, coach_text(ADV_ENCOURAGE)) != 0 &&
	    strstr(a.text, "no harder") != NULL,
	    "between the range and ease_off_at: press no harder");
	cr.ease_off_at = 10;
	check_rating(&cr, 9, 1000, 0, ADV_ENCOURAGE, "9 below ease_off_at 10");
	check_rating(&cr, 10, 1000, 0, ADV_EASE_OFF, "10 at ease_off_at 10");
}

/* Bracing always eases off, then offers a skip. */
static void
test_bracing(void)
{
	struct coach_advice a;

	a = coach_bracing(0);
	is_int(a.kind, ADV_EASE_OFF, "bracing eases off");
	ok(a.text != NULL && strstr(a.text, "bracing") != NULL,
	    "and says why");
	is_int(coach_bracing(1).kind, ADV_EASE_OFF, "bracing again");
	is_int(coach_bracing(2).kind, ADV_OFFER_SKIP,
	    "bracing after easing off twice offers a skip");
}

/* The texts carry the therapist's words. */
static void
test_texts(void)
{
	struct routine	 rt;
	struct rt_step	 hold;
	char		*rule;

	ok(strstr(coach_text(ADV_EASE_OFF), "no-pain-no-gain") != NULL,
	    "ease off: not a no-pain-no-gain situation");
	ok(strstr(coach_text(ADV_ENCOURAGE), "breathing") != NULL &&
	    strstr(coach_text(ADV_ENCOURAGE), "relax") != NULL,
	    "encourage: breathe, let the muscle relax");
	ok(strstr(coach_text(ADV_LEAN_IN), "lean in") != NULL ||
	    strstr(coach_text(ADV_LEAN_IN), "Lean in") != NULL,
	    "lean in says so");
	ok(strstr(coach_text(ADV_OFFER_SKIP), "skip") != NULL,
	    "offer skip says so");
	ok(coach_text(ADV_NONE) == NULL, "no text for no advice");
	/* A routine of one hold: the pressure rule comes first. */
	memset(&rt, 0, sizeof rt);
	memset(&hold, 0, sizeof hold);
	hold.kind = RT_HOLD;
	rt.steps = &hold;
	rt.n_steps = 1;
	rule = routine_coaching_rule(&rt, 0);
	ok(strstr(rule, "feel something is happening") != NULL &&
	    strstr(rule, "brace or hold your breath") != NULL,
	    "the first coaching rule is the therapist's");
	free(rule);
	ok(strstr(coach_prompt_text(), "0 to 10") != NULL, "prompt: 0 to 10");
	is_str(coach_advice_name(ADV_NONE), "none", "name none");
	is_str(coach_advice_name(ADV_EASE_OFF), "ease_off", "name ease_off");
	is_str(coach_advice_name(ADV_OFFER_SKIP), "offer_skip",
	    "name offer_skip");
	is_str(coach_advice_name(ADV_LEAN_IN), "lean_in", "name lean_in");
	is_str(coach_advice_name(ADV_ENCOURAGE), "encourage",
	    "name encourage");
}

/* A hold's history before a rating. */
static struct coach_hold
hold_of(int64_t ms, int peak, int last, bool strained, bool can_release)
{
	struct coach_hold h;

	h.ms_in = ms;
	h.ease_offs = 0;
	h.peak = peak;
	h.last = last;
	h.strained = strained;
	h.can_release = can_release;
	h.stretch = false;
	return h;
}

/* Never more pressure after a high rating or bracing; a drop asks whether
 * it let go; lean in only below the target throughout, never when gentle. */
static void
test_safety(void)
{
	struct routine		r;
	struct coach_rules	cr;
	struct coach_hold	h;

	memset(&r, 0, sizeof r);
	coach_rules(&r, &cr);
	h = hold_of(20000, 2, 2, false, true);
	is_int(coach_advise(&cr, &h, 3).kind, ADV_LEAN_IN,
	    "3 after a 2, nothing strained, 20 s in: lean in");
	h = hold_of(20000, 9, 9, true, true);
	is_int(coach_advise(&cr, &h, 3).kind, ADV_LET_GO,
	    "3 after a 9: if it let go, press r");
	h = hold_of(20000, 9, 3, true, true);
	is_int(coach_advise(&cr, &h, 3).kind, ADV_NONE,
	    "3 again after a 9: nothing, not lean in");
	h = hold_of(20000, -1, -1, true, true);
	is_int(coach_advise(&cr, &h, 1).kind, ADV_NONE,
	    "1 after bracing: nothing, not lean in");
	h = hold_of(20000, 5, 5, false, true);
	is_int(coach_advise(&cr, &h, 3).kind, ADV_LET_GO,
	    "3 after a 5 in range: a drop, not lean in");
	h = hold_of(20000, 6, 5, false, true);
	is_int(coach_advise(&cr, &h, 5).kind, ADV_ENCOURAGE,
	    "5 again after a 6: no drop, in range");
	h = hold_of(20000, 9, 9, true, false);
	is_int(coach_advise(&cr, &h, 5).kind, ADV_ENCOURAGE,
	    "a drop in a stretch (no r): encourage");
	h = hold_of(20000, 9, 9, true, true);
	is_int(coach_advise(&cr, &h, 8).kind, ADV_EASE_OFF,
	    "8 after 9: still ease off");
	r.target_lo = 3;
	r.target_hi = 6;
	r.ease_off_at = 7;
	coach_rules(&r, &cr);
	ok(cr.gentle, "a 3-6 range is gentle");
	h = hold_of(60000, 1, 1, false, true);
	is_int(coach_advise(&cr, &h, 1).kind, ADV_NONE,
	    "gentle: 1 late in the hold is not told to lean in");
	r.target_lo = 4;
	coach_rules(&r, &cr);
	ok(!cr.gentle, "a 4-6 range is not gentle");
	ok(coach_check_rating(10) && !coach_check_rating(9),
	    "a 10 asks about symptoms, a 9 does not");
	ok(coach_check_bracing(2) && !coach_check_bracing(1),
	    "the second bracing asks, the first does not");
	ok(strstr(coach_text(ADV_EASE_OFF), "Breathe out slowly now") !=
	    NULL, "ease off: breathe out now, as the pacer does");
}

/* Whether text speaks of pressing or of a point. */
static bool
of_pressure(const char *text)
{
	return text != NULL && (strstr(text, "press") != NULL ||
	    strstr(text, "Press") != NULL || strstr(text, "point") != NULL ||
	    strstr(text, "Lean in") != NULL);
}

/* In a stretch the advice speaks of the stretch, whatever came before,
 * and is the gentler one all the same: the kind is a point's. */
static void
test_stretch(void)
{
	struct routine		r;
	struct coach_rules	cr;
	struct coach_hold	h, p;
	struct coach_advice	a, b;
	int			rating, last, k, bad = 0, same = 0, n = 0;
	unsigned		e;

	memset(&r, 0, sizeof r);
	coach_rules(&r, &cr);
	for (e = 0; e <= COACH_EASE_OFFS; e++)
	for (k = 0; k < 2; k++)
	for (last = -1; last <= 10; last++)
	for (rating = 0; rating <= 10; rating++) {
		h = hold_of(20000, last, last, k != 0, false);
		h.ease_offs = e;
		p = h;
		h.stretch = true;
		a = coach_advise(&cr, &h, rating);
		b = coach_advise(&cr, &p, rating);
		n++;
		bad += of_pressure(a.text);
		same += a.kind == b.kind;
	}
	is_int(bad, 0, "a stretch's advice never speaks of pressing or of "
	    "a point");
	is_int(same, n, "... and gives the same kind of advice as a point");
	for (e = 0; e <= COACH_EASE_OFFS; e++) {
		ok(!of_pressure(coach_bracing_for(e, true).text) &&
		    coach_bracing_for(e, true).kind ==
		    coach_bracing(e).kind, "bracing in a stretch");
	}
	ok(!of_pressure(coach_text_for(ADV_LIGHTER, true)) &&
	    !of_pressure(coach_text_for(ADV_STOP, true)) &&
	    strstr(coach_text_for(ADV_LIGHTER, true), "tingles") != NULL,
	    "going on lighter and stopping a stretch; the red flags named");
	ok(of_pressure(coach_text(ADV_STOP)) &&
	    of_pressure(coach_text(ADV_LEAN_IN)),
	    "a point's words are still of pressure");
}

int
main(void)
{
	test_rules();
	test_default_thresholds();
	test_moved_thresholds();
	test_bracing();
	test_texts();
	test_safety();
	test_stretch();
	return done_testing();
}
