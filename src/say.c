/* SPDX-License-Identifier: GPL-3.0-or-later */
/* say.c: the utterances of a session, planned from its actions and views. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "aftercare.h"
#include "coach.h"
#include "say.h"
#include "util.h"
#include "words.h"

struct say {
	const struct routine	 *r;
	const struct words	 *w;		/* its language's words */
	unsigned		  count;	/* SAY_COUNT_* */
	char			 *notice;	/* why the words are English */
	bool			  ready;	/* the last state was SS_READY */
	char			**pool;		/* every text, owned */
	unsigned		  n_pool;
	unsigned		  cap;
	const char		**title;	/* [step * 3 + side] */
	/* The timed step the last view showed. */
	int			  v_step;
	unsigned		  v_side, v_set;
	int64_t			  v_total;
	bool			  v_said;	/* "10 seconds left" said */
	int64_t			  v_end;	/* session ms it ends at */
};

/* The text in the pool equal to s, added if it is not there yet. */
static const char *
say_intern(struct say *y, const char *s)
{
	unsigned	i;

	if (s == NULL)
		return NULL;
	for (i = 0; i < y->n_pool; i++) {
		if (strcmp(y->pool[i], s) == 0)
			return y->pool[i];
	}
	if (y->n_pool == y->cap) {
		y->cap = y->cap ? y->cap * 2 : 64;
		y->pool = xreallocarray(y->pool, y->cap, sizeof *y->pool);
	}
	y->pool[y->n_pool] = xstrdup(s);
	return y->pool[y->n_pool++];
}

/* Format a text and intern it. */
static const char *
say_internf(struct say *y, const char *fmt, ...)
{
	va_list		 ap;
	char		*s;
	const char	*t;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	t = say_intern(y, s);
	free(s);
	return t;
}

/* The side as words. */
const char *
say_side(unsigned side)
{
	return side == RT_SIDE_LEFT ? "left side" :
	    side == RT_SIDE_RIGHT ? "right side" : "";
}

/* The side in the routine's language, "" for none. */
static const char *
say_side_words(const struct say *y, unsigned side)
{
	return side == RT_SIDE_LEFT ? words_key(y->w, WORDS_LEFT) :
	    side == RT_SIDE_RIGHT ? words_key(y->w, WORDS_RIGHT) : "";
}

/* What a step with time to get ready asks for first, "" for none. */
static const char *
say_setup_words(const struct say *y, const struct rt_step *st)
{
	if (st->setup == 0)
		return "";
	if (st->kind == RT_HOLD)
		return words_key(y->w, WORDS_FIND_POINT);
	if (st->kind == RT_EXERCISE)
		return words_key(y->w, WORDS_POSITION);
	return "";
}

/* What is said as a step (or one side of it) starts: its title, the
 * side, and what to do while getting ready. */
static const char *
say_title(struct say *y, unsigned i, unsigned side)
{
	const struct rt_step	*st = &y->r->steps[i];
	const char		*title = routine_step_title(st);
	const char		*setup = say_setup_words(y, st);

	if (*say_side(side) == '\0')
		return say_internf(y, "%s.%s%s", title, *setup ? " " : "",
		    setup);
	return say_internf(y, "%s, %s.%s%s", title, say_side_words(y, side),
	    *setup ? " " : "", setup);
}

/* "set 2 of 3" in the routine's language. */
static const char *
say_set(struct say *y, unsigned set, unsigned sets)
{
	return say_internf(y, "%s %u %s %u", words_key(y->w, WORDS_SET), set,
	    words_key(y->w, WORDS_OF), sets);
}

/* Intern an engine text in the routine's language. */
static const char *
say_engine(struct say *y, const char *en)
{
	return say_intern(y, words_say(y->w, en));
}

/* Intern every advice text the engine can give for this routine: in a
 * stretch's words too when it has a stretch. */
static void
say_advice_texts(struct say *y)
{
	struct coach_rules	rules;
	struct coach_hold	h;
	struct coach_advice	adv;
	unsigned		e;
	int			rating, stretch, words;

	coach_rules(y->r, &rules);
	memset(&h, 0, sizeof h);
	h.ms_in = COACH_LEAN_IN_MS;
	h.peak = h.last = -1;
	/* A point's words, and a stretch's when the routine has one. */
	words = routine_has_step(y->r, RT_STRETCH) ? 2 : 1;
	for (stretch = 0; stretch < words; stretch++) {
		h.stretch = stretch != 0;
		for (e = 0; e <= COACH_EASE_OFFS; e++) {
			h.ease_offs = e;
			for (rating = 0; rating <= 10; rating++) {
				adv = coach_advise(&rules, &h, rating);
				if (adv.kind == ADV_EASE_OFF ||
				    adv.kind == ADV_OFFER_SKIP)
					say_engine(y, adv.text);
			}
			say_engine(y, coach_bracing_for(e, h.stretch).text);
		}
		say_engine(y, coach_text_for(ADV_LET_GO, h.stretch));
		say_engine(y, coach_text_for(ADV_LIGHTER, h.stretch));
		say_engine(y, coach_text_for(ADV_STOP, h.stretch));
	}
	say_engine(y, coach_check_text());
}

/* Intern the counts and set numbers a step can say. */
static void
say_count_texts(struct say *y, const struct rt_step *st)
{
	unsigned	i;

	for (i = 1; i <= st->reps; i++)
		say_internf(y, "%u", i);
	for (i = 2; i <= st->sets; i++)
		say_set(y, i, st->sets);
}

/* Intern every text of the routine. */
static void
say_prepare(struct say *y)
{
	const struct routine	*r = y->r;
	const char		**lines;
	enum aftercare_kind	 kind;
	unsigned		 i, side;

	y->title = xcalloc((size_t)r->n_steps * 3, sizeof *y->title);
	for (i = 0; i < r->n_steps; i++) {
		for (side = 0; side < 3; side++) {
			if (side == 0 ? r->steps[i].sides == 0 :
			    (r->steps[i].sides & side) != 0)
				y->title[i * 3 + side] =
				    say_title(y, i, side);
		}
		say_count_texts(y, &r->steps[i]);
	}
	if (y->count & SAY_COUNT_TEN)
		say_intern(y, words_key(y->w, WORDS_TEN));
	if (y->count & SAY_COUNT_LAST)
		for (i = 1; i <= 3; i++)
			say_internf(y, "%u", i);
	say_intern(y, words_key(y->w, WORDS_SWITCH));
	say_intern(y, words_key(y->w, WORDS_REST));
	say_intern(y, words_key(y->w, WORDS_PRESSURE_ON));
	say_engine(y, coach_prompt_text());
	say_advice_texts(y);
	for (kind = AC_PRESSURE; kind <= AC_BREATHING; kind++) {
		lines = aftercare_list(r, kind);
		for (i = 0; lines[i] != NULL; i++)
			say_engine(y, lines[i]);
		free(lines);
	}
}

/* A planner with every text ready. */
struct say *
say_new(const struct routine *r, unsigned count)
{
	struct say	*y;

	y = xcalloc(1, sizeof *y);
	y->r = r;
	y->count = count;
	y->w = words_for(r->language);
	if (y->w == NULL) {
		y->w = words_for("en");
		xasprintf(&y->notice, "the voice has no words of its own "
		    "for '%s' (it has %s): the fixed words are said in "
		    "English", r->language, words_languages());
	}
	y->v_step = -1;
	say_prepare(y);
	return y;
}

/* Why the fixed words are English, or NULL. */
const char *
say_notice(const struct say *y)
{
	return y->notice;
}

/* Free the planner and its texts. */
void
say_free(struct say *y)
{
	unsigned	i;

	if (y == NULL)
		return;
	for (i = 0; i < y->n_pool; i++)
		free(y->pool[i]);
	free(y->pool);
	free(y->title);
	free(y->notice);
	free(y);
}

/* Every text, to render ahead. */
const char *const *
say_texts(const struct say *y, unsigned *n)
{
	*n = y->n_pool;
	return (const char *const *)y->pool;
}

/* Append one utterance. */
static unsigned
say_put(struct say_utt *out, unsigned n, int64_t at, int step,
    const char *text, bool droppable)
{
	if (n >= SAY_MAX || text == NULL || *text == '\0')
		return n;
	out[n].at = at;
	out[n].step = step;
	out[n].text = text;
	out[n].clip = NULL;
	out[n].droppable = droppable;
	return n + 1;
}

/* The aftercare, line by line. */
static unsigned
say_aftercare(struct say *y, int64_t at, enum aftercare_kind kind,
    struct say_utt *out)
{
	const char	**lines = aftercare_list(y->r, kind);
	unsigned	  i, n = 0;

	for (i = 0; lines[i] != NULL; i++)
		n = say_put(out, n, at, -1, say_engine(y, lines[i]), false);
	free(lines);
	return n;
}

/* A rep on its beat, and the set as a later set starts. */
static unsigned
say_rep(struct say *y, const struct sess_action *a, struct say_utt *out)
{
	const struct rt_step	*st;
	unsigned		 n = 0;

	if (a->step < 0 || (unsigned)a->step >= y->r->n_steps)
		return 0;
	st = &y->r->steps[a->step];
	if (a->value == 1 && a->arg > 1)
		n = say_put(out, n, a->at, a->step, say_set(y,
		    (unsigned)a->arg, st->sets), false);
	return say_put(out, n, a->at, a->step, say_internf(y, "%d", a->value),
	    true);
}

/* A tick before the end of a hold: its count, if the end is known. */
static unsigned
say_tick(struct say *y, const struct sess_action *a, struct say_utt *out)
{
	int64_t	left;

	if (a->step != y->v_step || !(y->count & SAY_COUNT_LAST))
		return 0;
	left = (y->v_end - a->at + 500) / 1000;
	if (left < 1 || left > 3)
		return 0;
	return say_put(out, 0, a->at, a->step,
	    say_internf(y, "%lld", (long long)left), true);
}

/* The end of getting ready: a hold begins ("Pressure on"); a set begins
 * with its first count instead. */
static unsigned
say_ready_end(struct say *y, const struct sess_action *a,
    struct say_utt *out)
{
	if (a->step < 0 || (unsigned)a->step >= y->r->n_steps ||
	    y->r->steps[a->step].kind != RT_HOLD)
		return 0;
	return say_put(out, 0, a->at, a->step,
	    words_key(y->w, WORDS_PRESSURE_ON), false);
}

/* A change of state: a hold begins after getting ready, a switch of
 * sides, a rest, the aftercare. */
static unsigned
say_state(struct say *y, const struct sess_action *a, struct say_utt *out)
{
	bool	ready = y->ready;

	y->ready = a->value == SS_READY;
	if (a->value == SS_STEP && ready)
		return say_ready_end(y, a, out);
	if (a->value == SS_SWITCH)
		return say_put(out, 0, a->at, a->step,
		    words_key(y->w, WORDS_SWITCH), false);
	if (a->value == SS_SET_REST)
		return say_put(out, 0, a->at, a->step,
		    words_key(y->w, WORDS_REST), false);
	if (a->value == SS_AFTERCARE)
		return say_aftercare(y, a->at, (enum aftercare_kind)a->arg,
		    out);
	return 0;
}

/* What to say for one action. */
unsigned
say_action(struct say *y, const struct sess_action *a, struct say_utt *out)
{
	unsigned	side;

	switch (a->kind) {
	case SA_STEP_START:
		if (a->step < 0 || (unsigned)a->step >= y->r->n_steps)
			return 0;
		side = a->side < 3 ? a->side : 0;
		if (y->title[a->step * 3 + side] == NULL)
			y->title[a->step * 3 + side] =
			    say_title(y, a->step, side);
		if (say_put(out, 0, a->at, a->step,
		    y->title[a->step * 3 + side], false) == 0)
			return 0;
		out[0].clip = y->r->steps[a->step].voice;
		return 1;
	case SA_STATE:
		return say_state(y, a, out);
	case SA_PROMPT:
		return say_put(out, 0, a->at, a->step, say_engine(y, a->text),
		    false);
	case SA_CHECK:
		return say_put(out, 0, a->at, a->step, say_engine(y, a->text),
		    false);
	case SA_ADVICE:
		/* What keeps the person safe, not the chatter of a hold in
		 * range. */
		if (a->value == ADV_NONE || a->value == ADV_LEAN_IN ||
		    a->value == ADV_ENCOURAGE)
			return 0;
		return say_put(out, 0, a->at, a->step, say_engine(y, a->text),
		    false);
	case SA_REP:
		return say_rep(y, a, out);
	case SA_CUE:
		if (a->value == CUE_TICK)
			return say_tick(y, a, out);
		return 0;
	default:
		return 0;
	}
}

/* What to say as time passes: "10 seconds left" in a timed step. */
unsigned
say_view(struct say *y, const struct sess_view *v, int64_t now,
    struct say_utt *out)
{
	int64_t	left;

	if (v->state != SS_STEP || v->st == NULL || v->reps > 0 ||
	    v->step_total <= 0)
		return 0;
	left = v->step_total - v->step_elapsed;
	if (v->step != y->v_step || v->side != y->v_side ||
	    v->set != y->v_set || v->step_total != y->v_total) {
		y->v_step = v->step;
		y->v_side = v->side;
		y->v_set = v->set;
		y->v_total = v->step_total;
		y->v_said = left <= SAY_TEN_MS;
	}
	if (!v->paused)
		y->v_end = now + left;
	if (y->v_said || left > SAY_TEN_MS || v->paused ||
	    v->step_total < SAY_TEN_MIN_MS || !(y->count & SAY_COUNT_TEN))
		return 0;
	y->v_said = true;
	/* Said when it became true, even if this view came a little late;
	 * not when it came so late that it is no longer true. */
	if (left <= SAY_TEN_MS - 1000)
		return 0;
	return say_put(out, 0, now - (SAY_TEN_MS - left), v->step,
	    words_key(y->w, WORDS_TEN), false);
}
