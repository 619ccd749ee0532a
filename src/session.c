/* SPDX-License-Identifier: GPL-3.0-or-later */
/* session.c: the guided session as a pure state machine.
 *
 * Time.  Session time is now - start - total paused, in ms; it starts at
 * session_new (so it includes the time spent reading the safety notes) and
 * stands still while paused.  Every action carries the session ms at which
 * it happened; a cue carries the exact time it was scheduled for (a phase
 * boundary, the end of a hold), even when the tick that emits it comes late.
 * Whatever falls due between two ticks is emitted in time order.
 *
 * Shape of a session.  SS_PRE until SI_NEXT, then the steps in order, then
 * SS_AFTERCARE until SI_NEXT, then SS_DONE.  A step runs once, or once per
 * side (left first, or right first for [right, left]) when it has sides,
 * with an RT_SWITCH_SECONDS SS_SWITCH
 * pause between the sides.  The timed part of a side is one segment, except
 * for exercises: sets of reps * rep_seconds, with rest_seconds of
 * SS_SET_REST between sets (none when 0).  Breathe steps last `cycles`
 * cycles of their pattern (or `seconds` without one).  Steps end by
 * themselves when their time is up.  A side of a hold or stretch lasts
 * its own seconds when the routine gives them per side.  A hold followed
 * by a release `after: each side` runs with it side by side: hold side 1,
 * release side 1, the switch pause, hold side 2, release side 2 (one
 * block of time for the progress position); skipping the point in the
 * release skips the hold's sides still to come.
 *
 * Actions, in order, at:
 * - session start: SA_STATE(SS_PRE).
 * - a side start (each step, each side): SA_STATE(SS_STEP), SA_STEP_START
 *   (text: the step's title), CUE_STEP, then the first breathing phase and
 *   the first rep when they apply.
 * - a later set: SA_STATE(SS_STEP), CUE_STEP, phase, SA_REP(1, set).
 * - a rep: SA_REP (value rep, arg set), at set start + (rep-1)*rep_seconds.
 * - a pacer boundary: SA_PHASE (value phase, arg its length) and its cue
 *   (CUE_INHALE, CUE_HOLD for both holds, CUE_EXHALE).  Pacers run during
 *   the timed part of a side (restarting at inhale at every side and set),
 *   never in switch or rest pauses: breathe steps run `pattern`; holds run
 *   `breathing` or "slow"; other steps run `breathing` if set.  A boundary
 *   that coincides with the end of the segment is not emitted.
 * - a hold: CUE_TICK at 3, 2 and 1 s before its end, SA_PROMPT at
 *   min(5 s, a third of the hold) and then every rate_every s (a rating
 *   moves the next prompt to rate_every s after it; no prompt starts in the
 *   last 3 s), CUE_BELL when its time runs out (not on release or skip).
 * - the end of a side: SA_STEP_END (arg: ms in the side, set rests
 *   included); then SA_STATE(SS_SWITCH) and CUE_SIDE (side: the side to
 *   switch to), or the next step.
 * - the end of an exercise set: SA_STATE(SS_SET_REST) when there is rest.
 * - after the last step: CUE_END, SA_STATE(SS_AFTERCARE) (step -1).
 * - finishing: SA_STATE(SS_DONE), SA_FINISH (step: where it stopped).
 *
 * Inputs (each ticks to now first; -1 if it does not apply, no action):
 * - SI_NEXT: in PRE starts the first step; in AFTERCARE finishes
 *   (OUT_COMPLETED); in a switch or set rest ends the pause now; in a note
 *   step ends the note now (as if its time were up).  Else -1.
 * - SI_RATING (0-10): in PRE SA_PRE_PAIN, in AFTERCARE SA_POST_PAIN (one per
 *   rating; the last one counts).  In a step SA_RATING (arg: ms into the
 *   side, or into the pause), then coaching (below).
 * - SI_BRACING: SA_BRACING, then coaching; only in the timed part of a
 *   hold, release or stretch.
 * - SI_RELEASE: holds only: SA_STEP_END, SA_RELEASE (arg: ms to release),
 *   then the next side or step.
 * - SI_SKIP: in a step: SA_STEP_END if a side is running, SA_SKIP (arg: ms
 *   since the step began, all sides), then the next step.
 * - SI_PREV: in a step: SA_STEP_END if a side is running, SA_PREV, then the
 *   previous step from its start (the first step restarts); in AFTERCARE
 *   back to the last step.
 * - SI_PAUSE toggles SA_PAUSE / SA_RESUME (arg: ms paused, in the units of
 *   now).  Other inputs still apply while paused and keep the pause.
 *   session_gap(from, to), for time the process did not run, is SI_PAUSE
 *   at from and again at to, when the session is running.
 * - SI_EXTEND: holds only: +10 s, capped at max_seconds; SA_EXTEND (arg: new
 *   length ms); -1 at the cap.  Ticks and the bell move with the end.
 * - SI_QUIT: SA_STEP_END if a side is running, then finish: OUT_STOPPED
 *   (value 0) or OUT_INTERRUPTED (arg: the signal).  In AFTERCARE every step
 *   has run, so it finishes OUT_COMPLETED (arg: the signal or 0).
 *
 * Coaching (coach.c has the rules and texts) applies to ratings and bracing
 * in the timed part of hold, release and stretch steps, with the routine's
 * target_lo, target_hi and ease_off_at.  SA_ADVICE (value kind, text) is
 * emitted for every advice but ADV_NONE.  ADV_EASE_OFF also emits SA_EASE_OFF
 * (arg: ms into the side), counts an ease-off and switches the pacer to
 * "long-exhale" starting at inhale now (once per side); after ADV_EASE_OFF
 * or ADV_OFFER_SKIP a hold prompts again COACH_REPROMPT_MS later.  The
 * ease-off count, last rating and advice start afresh with every side.
 *
 * Views: step_elapsed/step_total are those of the current segment (the
 * side; the set of an exercise; the switch or rest pause), so the countdown
 * is step_total - step_elapsed.  routine_elapsed is the session ms (what
 * session_upcoming_cues() and action times count in).  routine_pos is the
 * position in the routine for progress bars: the nominal ms of the steps
 * before this one plus the session ms into this step (at most its nominal
 * length), so skipping moves it on; routine_total in aftercare.
 *
 * session_upcoming_cues() runs a copy of the session forward without input
 * and collects its cues; they are the cues not yet emitted, so they equal
 * what ticking would emit.  session_next_deadline() is the earliest of the
 * next event and the next whole second of the countdown.
 *
 * Exercises.  Every set prescribed ends with SA_SET (value: reps done,
 * arg: reps prescribed): when its time is up, and when its side closes
 * early (skip, quit, a symptom) for the set running (the reps whose time
 * was up) and each set not begun (0).  The last side of an exercise that
 * ran its time is followed by SA_HOW, the difficulty question: open for
 * SESSION_HOW_MS of session time, closed by its answer (SI_DIFFICULTY:
 * SA_DIFFICULTY, step the exercise) and by any other input, which applies
 * as usual. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "coach.h"
#include "pacer.h"
#include "routine.h"
#include "session.h"
#include "util.h"

#define SESSION_EXTEND_MS	10000	/* one SI_EXTEND */
#define SESSION_PROMPT_MS	5000	/* first prompt in a hold, at most */
#define SESSION_TICKS		3	/* countdown ticks before a hold ends */
#define SESSION_QUIET_MS	(SESSION_TICKS * 1000)	/* no prompts then */
#define SESSION_RATING_MAX	10
#define SESSION_HOW_MS		20000	/* the difficulty question is open */
#define SESSION_HOW_TEXT	"How was that? e easy, o ok, h hard"

/* The segment of a step that is running. */
enum session_seg { SEG_NONE, SEG_ACTIVE, SEG_SWITCH, SEG_REST, SEG_SETUP };

/* Where session_upcoming_cues() collects cues instead of the queue. */
struct session_collect {
	int64_t			 from, to;
	struct sess_action	*out;
	unsigned		 max, n;
};

struct session {
	const struct routine	*r;
	struct coach_rules	 rules;
	int64_t			*step_ms;	/* nominal ms of each step */
	int64_t			*step_pos;	/* nominal ms before each */
	int64_t			 total_ms;

	int64_t			 start;		/* monotonic ms at new */
	int64_t			 paused_total;
	int64_t			 pause_at;	/* monotonic ms */
	bool			 paused;

	int64_t			 t;		/* session ms done so far */
	enum sess_state		 state;
	int			 step;
	const struct rt_step	*st;
	unsigned		 sides[2];
	unsigned		 n_sides, side_i;
	unsigned		 side;
	bool			 in_side;	/* a side is running */
	int64_t			 step_start, side_start;
	enum session_seg	 seg;
	int64_t			 seg_start, seg_len;
	unsigned		 set, next_rep;
	unsigned		 sets_told;	/* SA_SET this side */
	int			 how_step;	/* the exercise asked of, -1 */
	int64_t			 how_until;	/* session ms */
	int64_t			 done_pos;

	const struct rt_pattern	*pat;		/* pacer, NULL if none */
	int64_t			 pat_start, pat_next;

	int64_t			 next_prompt;	/* holds */
	int64_t			 tick_floor;	/* ticks only after this */
	bool			 prompt;
	int			 last_rating;
	int			 peak;		/* highest rating this side */
	bool			 strained;	/* ease_off_at reached, or
						 * bracing, this side */
	bool			 extended;	/* SI_EXTEND this side */
	unsigned		 bracings;	/* this side */
	unsigned		 ease_offs;
	enum advice_kind	 advice;
	const char		*advice_text;

	int64_t			 check_from;	/* SS_CHECK since */
	bool			 check_done;	/* answered yes: stopped */
	char			*stop_text[2];	/* ADV_STOP and red flags, for
						 * a point and a stretch */
	unsigned char		*status;	/* enum step_status, two a
						 * step: left (or none), right */
	bool			 entered;	/* a step has begun */

	int			 pre_pain, post_pain;

	struct sess_action	*q;
	size_t			 q_head, q_len, q_cap;
	struct session_collect	*collect;
};

/* Queue an action about step and side (or collect it, for a look
 * ahead). */
static void
session_emit_for(struct session *s, enum sess_act_kind kind, int64_t at,
    int step, unsigned side, int value, int64_t arg, const char *text)
{
	struct sess_action	*a;
	struct session_collect	*c = s->collect;

	if (c != NULL) {
		if (kind == SA_CUE && at >= c->from && at < c->to &&
		    c->n < c->max) {
			a = &c->out[c->n++];
			a->kind = kind;
			a->at = at;
			a->step = step;
			a->side = side;
			a->value = value;
			a->arg = arg;
			a->text = text;
		}
		return;
	}
	if (s->q_head + s->q_len == s->q_cap) {
		if (s->q_head > 0) {
			memmove(s->q, s->q + s->q_head,
			    s->q_len * sizeof *s->q);
			s->q_head = 0;
		} else {
			s->q_cap = s->q_cap ? s->q_cap * 2 : 64;
			s->q = xreallocarray(s->q, s->q_cap, sizeof *s->q);
		}
	}
	a = &s->q[s->q_head + s->q_len++];
	a->kind = kind;
	a->at = at;
	a->step = step;
	a->side = side;
	a->value = value;
	a->arg = arg;
	a->text = text;
}

/* Queue an action about the current step and side. */
static void
session_emit(struct session *s, enum sess_act_kind kind, int64_t at,
    int value, int64_t arg, const char *text)
{
	session_emit_for(s, kind, at, s->step, s->side, value, arg, text);
}

/* Where the status of side of step i is kept. */
static unsigned char *
session_status_slot(const struct session *s, unsigned i, unsigned side)
{
	return &s->status[i * 2 + (side == RT_SIDE_RIGHT)];
}

/* Whether a side with status st was held in full: run, let go, extended
 * or eased. */
static bool
session_status_held(enum step_status st)
{
	return st == STS_DONE || st == STS_LET_GO || st == STS_EXTENDED ||
	    st == STS_EASED;
}

/* Whether a side's status old stands against a later one, new: a side
 * held in full stays so when it is gone back to and then skipped or
 * left. */
bool
session_status_stands(enum step_status old, enum step_status new)
{
	return session_status_held(old) &&
	    (new == STS_SKIPPED || new == STS_NOT_REACHED);
}

/* Give side of step i the status st, unless the one it has stands. */
static void
session_status_set(struct session *s, unsigned i, unsigned side,
    enum step_status st)
{
	unsigned char	*slot = session_status_slot(s, i, side);

	if (!session_status_stands((enum step_status)*slot, st))
		*slot = st;
}

/* Give the sides of the current step from index from on a status they
 * reach without running (skipped with their point, stopped). */
static void
session_status_rest(struct session *s, unsigned from, enum step_status st,
    int64_t t)
{
	unsigned i;

	for (i = from; i < s->n_sides; i++) {
		session_status_set(s, (unsigned)s->step, s->sides[i], st);
		session_emit_for(s, SA_STATUS, t, s->step, s->sides[i], st, 0,
		    NULL);
	}
}

/* Queue a cue at its exact time. */
static void
session_cue(struct session *s, enum cue_kind cue, int64_t at)
{
	session_emit(s, SA_CUE, at, cue, 0, NULL);
}

/* Change state and say so. */
static void
session_set_state(struct session *s, enum sess_state state, int64_t t)
{
	s->state = state;
	session_emit(s, SA_STATE, t, state, 0, NULL);
}

/* The sides a step runs, left first unless the routine put right first;
 * one RT_SIDE_NONE run without. */
static unsigned
session_sides(const struct rt_step *st, unsigned sides[2])
{
	unsigned n = 0;

	if (st->sides & RT_SIDE_LEFT)
		sides[n++] = RT_SIDE_LEFT;
	if (st->sides & RT_SIDE_RIGHT)
		sides[n++] = RT_SIDE_RIGHT;
	if (n == 2 && st->right_first) {
		sides[0] = RT_SIDE_RIGHT;
		sides[1] = RT_SIDE_LEFT;
	}
	if (n == 0)
		sides[n++] = RT_SIDE_NONE;
	return n;
}

/* A named pattern that can pace (a cycle longer than 0 ms), or NULL. */
static const struct rt_pattern *
session_pattern(const struct routine *r, const char *name)
{
	const struct rt_pattern *p;

	if (name == NULL)
		return NULL;
	p = routine_pattern(r, name);
	if (p == NULL || pacer_cycle_ms(p) <= 0)
		return NULL;
	return p;
}

/* The pacer a step's timed part runs, or NULL for none. */
static const struct rt_pattern *
session_step_pattern(const struct routine *r, const struct rt_step *st)
{
	const struct rt_pattern *p;

	switch (st->kind) {
	case RT_BREATHE:
		p = session_pattern(r, st->pattern);
		if (p == NULL)
			p = session_pattern(r, st->breathing);
		if (p == NULL)
			p = session_pattern(r, "slow");
		return p;
	case RT_HOLD:
		p = session_pattern(r, st->breathing);
		if (p == NULL)
			p = session_pattern(r, "slow");
		return p;
	default:
		return session_pattern(r, st->breathing);
	}
}

/* At least 1: counts that the loader fills but hand-made steps may not. */
static unsigned
session_count(unsigned n)
{
	return n > 0 ? n : 1;
}

/* Ms of one exercise set. */
static int64_t
session_set_ms(const struct rt_step *st)
{
	return (int64_t)session_count(st->reps) *
	    session_count(st->rep_seconds) * 1000;
}

/* Ms to get into position before a side of a step (holds, exercises). */
static int64_t
session_setup_ms(const struct rt_step *st)
{
	if (st->kind != RT_HOLD && st->kind != RT_EXERCISE)
		return 0;
	return (int64_t)st->setup * 1000;
}

/* Ms of the timed part of side (RT_SIDE_*) of a step (sets and rests
 * included). */
static int64_t
session_side_ms(const struct routine *r, const struct rt_step *st,
    unsigned side)
{
	const struct rt_pattern	*p;
	unsigned		 sets;

	switch (st->kind) {
	case RT_EXERCISE:
		sets = session_count(st->sets);
		return sets * session_set_ms(st) +
		    (int64_t)(sets - 1) * st->rest_seconds * 1000;
	case RT_BREATHE:
		p = session_step_pattern(r, st);
		if (p != NULL && st->cycles > 0)
			return pacer_cycles_ms(p, st->cycles);
		return (int64_t)st->seconds * 1000;
	default:
		return (int64_t)routine_side_seconds(st, side) * 1000;
	}
}

/* Nominal ms of a whole step: all sides and switch pauses. */
static int64_t
session_step_nominal(const struct routine *r, const struct rt_step *st)
{
	unsigned	sides[2], n, i;
	int64_t		ms = 0;

	n = session_sides(st, sides);
	for (i = 0; i < n; i++)
		ms += session_setup_ms(st) + session_side_ms(r, st, sides[i]);
	/* A release after each side: the hold's switch is the only one. */
	if (st->kind == RT_RELEASE && st->after == RT_AFTER_EACH)
		return ms;
	return ms + (int64_t)(n - 1) * routine_switch_seconds(r) * 1000;
}

/* Whether the current step is one whose ratings get advice. */
static bool
session_coachable_step(const struct session *s)
{
	return s->st != NULL && (s->st->kind == RT_HOLD ||
	    s->st->kind == RT_RELEASE || s->st->kind == RT_STRETCH);
}

/* Whether ratings in the running segment get advice. */
static bool
session_coachable(const struct session *s)
{
	if (s->state != SS_STEP || s->seg != SEG_ACTIVE)
		return false;
	return session_coachable_step(s);
}

/* Whether the timed part of a hold is running. */
static bool
session_in_hold(const struct session *s)
{
	return s->state == SS_STEP && s->seg == SEG_ACTIVE &&
	    s->st != NULL && s->st->kind == RT_HOLD;
}

/* Whether the session is in a step (timed, with deadlines). */
static bool
session_timed(const struct session *s)
{
	return s->state == SS_STEP || s->state == SS_SWITCH ||
	    s->state == SS_SET_REST || s->state == SS_READY;
}

/* Ms between rating prompts in this hold. */
static int64_t
session_rate_ms(const struct session *s)
{
	unsigned every = s->st->rate_every;

	return (int64_t)(every > 0 ? every : RT_DEFAULT_RATE_EVERY) * 1000;
}

/* Forget the coaching of the last side. */
static void
session_reset_coach(struct session *s)
{
	s->prompt = false;
	s->last_rating = -1;
	s->peak = -1;
	s->strained = false;
	s->extended = false;
	s->bracings = 0;
	s->ease_offs = 0;
	s->advice = ADV_NONE;
	s->advice_text = NULL;
}

/* Emit the breathing phase that starts at t (a boundary) and aim at the next. */
static void
session_phase(struct session *s, int64_t t)
{
	struct pacer_at	pa;
	enum cue_kind	cue;

	if (pacer_at(s->pat, t - s->pat_start, &pa) != 0) {
		s->pat = NULL;
		return;
	}
	session_emit(s, SA_PHASE, t, pa.phase, pa.next - pa.phase_start,
	    NULL);
	switch (pa.phase) {
	case BR_INHALE:
		cue = CUE_INHALE;
		break;
	case BR_EXHALE:
		cue = CUE_EXHALE;
		break;
	default:
		cue = CUE_HOLD;
		break;
	}
	session_cue(s, cue, t);
	s->pat_next = s->pat_start + pa.next;
}

/* Start a pacer at inhale at t. */
static void
session_start_pacer(struct session *s, const struct rt_pattern *p,
    int64_t t)
{
	s->pat = p;
	if (p == NULL)
		return;
	s->pat_start = t;
	session_phase(s, t);
}

/* Start the timed part of a side or the next set at t. */
static void
session_begin_active(struct session *s, int64_t t)
{
	const struct rt_step *st = s->st;

	s->seg = SEG_ACTIVE;
	s->seg_start = t;
	if (st->kind == RT_EXERCISE)
		s->seg_len = session_set_ms(st);
	else
		s->seg_len = session_side_ms(s->r, st, s->side);
	session_start_pacer(s, session_step_pattern(s->r, st), t);
	if (st->kind == RT_EXERCISE) {
		session_emit(s, SA_REP, t, 1, s->set, NULL);
		s->next_rep = 2;
	}
	if (st->kind == RT_HOLD) {
		s->tick_floor = t;
		s->next_prompt = t + (s->seg_len / 3 < SESSION_PROMPT_MS ?
		    s->seg_len / 3 : SESSION_PROMPT_MS);
	}
}

/* Start the side side_i of the current step at t. */
static void
session_begin_side(struct session *s, int64_t t)
{
	s->side = s->sides[s->side_i];
	s->in_side = true;
	s->side_start = t;
	s->set = 1;
	s->sets_told = 0;
	s->entered = true;
	session_reset_coach(s);
	if (session_setup_ms(s->st) > 0) {
		/* The point first; the timer starts once the person is on
		 * it. */
		s->seg = SEG_SETUP;
		s->seg_start = t;
		s->seg_len = session_setup_ms(s->st);
		session_emit(s, SA_STEP_START, t, 0, 0,
		    routine_step_title(s->st));
		session_cue(s, CUE_STEP, t);
		session_set_state(s, SS_READY, t);
		return;
	}
	session_set_state(s, SS_STEP, t);
	session_emit(s, SA_STEP_START, t, 0, 0, routine_step_title(s->st));
	session_cue(s, CUE_STEP, t);
	session_begin_active(s, t);
}

/* All steps done: aftercare at t. */
static void
session_enter_aftercare(struct session *s, int64_t t)
{
	s->step = -1;
	s->st = NULL;
	s->side = RT_SIDE_NONE;
	s->seg = SEG_NONE;
	s->pat = NULL;
	session_reset_coach(s);
	session_cue(s, CUE_END, t);
	s->state = SS_AFTERCARE;
	session_emit(s, SA_STATE, t, SS_AFTERCARE, session_aftercare(s),
	    NULL);
}

/* Start step i at t, or aftercare past the last. */
static void
session_enter_step(struct session *s, int i, int64_t t)
{
	if (i < 0)
		i = 0;
	if ((unsigned)i >= s->r->n_steps) {
		session_enter_aftercare(s, t);
		return;
	}
	s->step = i;
	s->st = &s->r->steps[i];
	s->step_start = t;
	s->n_sides = session_sides(s->st, s->sides);
	s->side_i = 0;
	session_begin_side(s, t);
}

/* What a side that ran its time became. */
static enum step_status
session_ran_status(const struct session *s)
{
	if (s->strained)
		return STS_EASED;
	if (s->extended)
		return STS_EXTENDED;
	return STS_DONE;
}

/* SA_SET for every set of the running exercise side not told yet: the
 * running one with the reps whose time was up, the others with none. */
static void
session_tell_sets(struct session *s, int64_t t)
{
	const struct rt_step	*st = s->st;
	unsigned		 reps = session_count(st->reps), done;
	int64_t			 rep_ms;

	rep_ms = (int64_t)session_count(st->rep_seconds) * 1000;
	while (s->sets_told < session_count(st->sets)) {
		done = 0;
		if (s->sets_told + 1 == s->set && s->seg == SEG_ACTIVE &&
		    t > s->seg_start)
			done = (unsigned)((t - s->seg_start) / rep_ms);
		if (done > reps)
			done = reps;
		session_emit(s, SA_SET, t, (int)done, reps, NULL);
		s->sets_told++;
	}
}

/* Close the running side at t with its SA_STEP_END and status. */
static void
session_close_side(struct session *s, int64_t t, enum step_status st)
{
	if (!s->in_side)
		return;
	if (s->st->kind == RT_EXERCISE)
		session_tell_sets(s, t);
	session_status_set(s, (unsigned)s->step, s->side, st);
	session_emit(s, SA_STEP_END, t, st, t - s->side_start, NULL);
	s->in_side = false;
	s->pat = NULL;
	s->seg = SEG_NONE;
}

/* Make step i current at side index k, the step's start kept (a hold and
 * its release after each side are one block in time). */
static void
session_goto(struct session *s, int i, unsigned k)
{
	s->step = i;
	s->st = &s->r->steps[i];
	s->n_sides = session_sides(s->st, s->sides);
	s->side_i = k;
	s->side = s->sides[k];
}

/* The pause to switch to the side s->side_i at t. */
static void
session_switch(struct session *s, int64_t t)
{
	s->side = s->sides[s->side_i];
	session_reset_coach(s);
	s->seg = SEG_SWITCH;
	s->seg_start = t;
	s->seg_len = (int64_t)routine_switch_seconds(s->r) * 1000;
	session_set_state(s, SS_SWITCH, t);
	session_cue(s, CUE_SIDE, t);
}

/* After a side of a hold whose release follows each side, or of that
 * release: 0 if it moved on (to the release of the same side, or back
 * to the hold for the next side), -1 if the next step comes. */
static int
session_after_pair(struct session *s, int64_t t)
{
	unsigned	 k = s->side_i;
	unsigned char	*hold;

	if (routine_each_side(s->r, (unsigned)s->step + 1)) {
		session_goto(s, s->step + 1, k);
		session_begin_side(s, t);
		return 0;
	}
	if (!routine_each_side(s->r, (unsigned)s->step))
		return -1;
	while (++k < s->n_sides) {
		hold = session_status_slot(s, (unsigned)s->step - 1,
		    s->sides[k]);
		if (*hold == STS_NONE) {
			session_goto(s, s->step - 1, k);
			session_switch(s, t);
			return 0;
		}
		/* That side of the hold was skipped or stopped with its
		 * point: its release goes with it. */
		session_status_set(s, (unsigned)s->step, s->sides[k],
		    (enum step_status)*hold);
		session_emit_for(s, SA_STATUS, t, s->step, s->sides[k], *hold,
		    0, NULL);
	}
	return -1;
}

/* After a side: the switch pause before the next side, or the next step. */
static void
session_after_side(struct session *s, int64_t t)
{
	if (session_after_pair(s, t) == 0)
		return;
	if (routine_each_side(s->r, (unsigned)s->step)) {
		session_enter_step(s, s->step + 1, t);
		return;
	}
	if (s->side_i + 1 < s->n_sides) {
		s->side_i++;
		session_switch(s, t);
		return;
	}
	session_enter_step(s, s->step + 1, t);
}

/* The next exercise set at t. */
static void
session_begin_set(struct session *s, int64_t t)
{
	s->set++;
	session_set_state(s, SS_STEP, t);
	session_cue(s, CUE_STEP, t);
	session_begin_active(s, t);
}

/* Ask how the exercise that ran its time at t was. */
static void
session_how(struct session *s, int64_t t)
{
	s->how_step = s->step;
	s->how_until = t + SESSION_HOW_MS;
	session_emit_for(s, SA_HOW, t, s->step, RT_SIDE_NONE, 0, 0,
	    SESSION_HOW_TEXT);
}

/* Whether the difficulty question is open at session ms t. */
static bool
session_how_open(const struct session *s, int64_t t)
{
	return s->how_step >= 0 && t < s->how_until;
}

/* SI_DIFFICULTY at t: 1 easy, 2 ok, 3 hard, 0 no answer. */
static int
session_difficulty(struct session *s, int64_t t, int value)
{
	int	step = s->how_step;

	if (!session_how_open(s, t) || value < 0 || value > 3)
		return -1;
	s->how_step = -1;
	if (value > 0)
		session_emit_for(s, SA_DIFFICULTY, t, step, RT_SIDE_NONE,
		    value, 0, NULL);
	return 0;
}

/* The running segment is over at t (its time ran out, or SI_NEXT). */
static void
session_end_segment(struct session *s, int64_t t)
{
	const struct rt_step *st = s->st;

	switch (s->seg) {
	case SEG_SETUP:
		/* In position: the hold's time counts from now. */
		s->side_start = t;
		session_set_state(s, SS_STEP, t);
		session_begin_active(s, t);
		return;
	case SEG_SWITCH:
		session_begin_side(s, t);
		return;
	case SEG_REST:
		session_begin_set(s, t);
		return;
	case SEG_ACTIVE:
		break;
	case SEG_NONE:
		return;
	}
	if (st->kind == RT_HOLD && t == s->seg_start + s->seg_len)
		session_cue(s, CUE_BELL, t);
	if (st->kind == RT_EXERCISE) {
		session_emit(s, SA_SET, t, (int)session_count(st->reps),
		    session_count(st->reps), NULL);
		s->sets_told = s->set;
	}
	if (st->kind == RT_EXERCISE && s->set < session_count(st->sets)) {
		s->pat = NULL;
		if (st->rest_seconds == 0) {
			session_begin_set(s, t);
			return;
		}
		s->seg = SEG_REST;
		s->seg_start = t;
		s->seg_len = (int64_t)st->rest_seconds * 1000;
		session_set_state(s, SS_SET_REST, t);
		return;
	}
	session_close_side(s, t, session_ran_status(s));
	if (st->kind == RT_EXERCISE && s->side_i + 1 >= s->n_sides)
		session_how(s, t);
	session_after_side(s, t);
}

/* The next countdown tick of a hold, INT64_MAX if none. */
static int64_t
session_next_tick(const struct session *s)
{
	int64_t	end, x;
	int	k;

	if (!session_in_hold(s))
		return INT64_MAX;
	end = s->seg_start + s->seg_len;
	for (k = SESSION_TICKS; k > 0; k--) {
		x = end - (int64_t)k * 1000;
		if (x > s->tick_floor)
			return x;
	}
	return INT64_MAX;
}

/* The next rating prompt of a hold, INT64_MAX if none. */
static int64_t
session_next_prompt(const struct session *s)
{
	if (!session_in_hold(s))
		return INT64_MAX;
	if (s->next_prompt >= s->seg_start + s->seg_len - SESSION_QUIET_MS)
		return INT64_MAX;
	return s->next_prompt;
}

/* The next pacer boundary inside the segment, INT64_MAX if none. */
static int64_t
session_next_phase(const struct session *s)
{
	if (s->seg != SEG_ACTIVE || s->pat == NULL)
		return INT64_MAX;
	if (s->pat_next >= s->seg_start + s->seg_len)
		return INT64_MAX;
	return s->pat_next;
}

/* The start of the next rep of an exercise set, INT64_MAX if none. */
static int64_t
session_next_rep(const struct session *s)
{
	const struct rt_step *st = s->st;

	if (s->seg != SEG_ACTIVE || st == NULL || st->kind != RT_EXERCISE ||
	    s->next_rep > session_count(st->reps))
		return INT64_MAX;
	return s->seg_start + (int64_t)(s->next_rep - 1) *
	    session_count(st->rep_seconds) * 1000;
}

/* Session ms of the next thing that happens without input. */
static int64_t
session_next_event(const struct session *s)
{
	int64_t e, x;

	if (!session_timed(s))
		return INT64_MAX;
	e = s->seg_start + s->seg_len;
	if ((x = session_next_tick(s)) < e)
		e = x;
	if ((x = session_next_phase(s)) < e)
		e = x;
	if ((x = session_next_rep(s)) < e)
		e = x;
	if ((x = session_next_prompt(s)) < e)
		e = x;
	return e;
}

/* Do one thing due at e, in a fixed order for things due together. */
static void
session_fire(struct session *s, int64_t e)
{
	if (session_next_tick(s) == e) {
		session_cue(s, CUE_TICK, e);
		s->tick_floor = e;
	} else if (session_next_phase(s) == e) {
		session_phase(s, e);
	} else if (session_next_rep(s) == e) {
		session_emit(s, SA_REP, e, s->next_rep, s->set, NULL);
		s->next_rep++;
	} else if (session_next_prompt(s) == e) {
		s->prompt = true;
		s->next_prompt = e + session_rate_ms(s);
		session_emit(s, SA_PROMPT, e, 0, 0, coach_prompt_text());
	} else
		session_end_segment(s, e);
}

/* Whether a look ahead has collected all it can hold. */
static bool
session_collect_full(const struct session *s)
{
	return s->collect != NULL && s->collect->n >= s->collect->max;
}

/* Emit everything due up to session ms t, in time order. */
static void
session_advance(struct session *s, int64_t t)
{
	int64_t e;

	while (!session_collect_full(s)) {
		e = session_next_event(s);
		if (e > t)
			break;
		if (e > s->t)
			s->t = e;
		session_fire(s, e);
	}
	if (t > s->t)
		s->t = t;
}

/* Position in the routine (nominal ms) at session ms t. */
static int64_t
session_position(const struct session *s, int64_t t)
{
	int64_t	in, len;
	int	i;

	switch (s->state) {
	case SS_PRE:
		return 0;
	case SS_AFTERCARE:
		return s->total_ms;
	case SS_DONE:
		return s->done_pos;
	default:
		break;
	}
	/* A hold and its release after each side are one block. */
	i = routine_each_side(s->r, (unsigned)s->step) ? s->step - 1 : s->step;
	len = s->step_ms[i];
	if (routine_each_side(s->r, (unsigned)i + 1))
		len += s->step_ms[i + 1];
	in = t - s->step_start;
	if (in < 0)
		in = 0;
	if (in > len)
		in = len;
	return s->step_pos[i] + in;
}

/* Whether a step's sides count for the outcome: holds and exercises, or
 * every timed step of a routine that has neither. */
static bool
session_counts(const struct session *s, const struct rt_step *st)
{
	unsigned i;

	if (st->kind == RT_HOLD || st->kind == RT_EXERCISE)
		return true;
	if (st->kind == RT_NOTE || st->kind == RT_REST)
		return false;
	for (i = 0; i < s->r->n_steps; i++) {
		if (s->r->steps[i].kind == RT_HOLD ||
		    s->r->steps[i].kind == RT_EXERCISE)
			return false;
	}
	return true;
}

/* Completed when every side that counts was done, let go, extended or
 * eased; else partial. */
static enum outcome
session_outcome(const struct session *s)
{
	unsigned	i, k, n, sides[2];
	unsigned char	st;

	for (i = 0; i < s->r->n_steps; i++) {
		if (!session_counts(s, &s->r->steps[i]))
			continue;
		n = session_sides(&s->r->steps[i], sides);
		for (k = 0; k < n; k++) {
			st = *session_status_slot(s, i, sides[k]);
			if (!session_status_held((enum step_status)st))
				return OUT_PARTIAL;
		}
	}
	return OUT_COMPLETED;
}

/* Every side without a status was not reached: say so, at t. */
static void
session_not_reached(struct session *s, int64_t t)
{
	unsigned	i, k, n, sides[2];
	unsigned char	*st;

	for (i = 0; i < s->r->n_steps; i++) {
		n = session_sides(&s->r->steps[i], sides);
		for (k = 0; k < n; k++) {
			st = session_status_slot(s, i, sides[k]);
			if (*st != STS_NONE)
				continue;
			*st = STS_NOT_REACHED;
			session_emit_for(s, SA_STATUS, t, (int)i, sides[k],
			    STS_NOT_REACHED, 0, NULL);
		}
	}
}

/* Finish the session at t. */
static void
session_finish(struct session *s, int64_t t, enum outcome outcome,
    int64_t arg)
{
	s->done_pos = session_position(s, t);
	session_close_side(s, t, STS_NOT_REACHED);
	if (outcome == OUT_COMPLETED)
		outcome = session_outcome(s);
	else if (!s->entered)
		outcome = OUT_ABANDONED;
	if (s->entered)
		session_not_reached(s, t);
	session_set_state(s, SS_DONE, t);
	session_emit(s, SA_FINISH, t, outcome, arg, NULL);
	s->step = -1;
	s->st = NULL;
	s->side = RT_SIDE_NONE;
	s->seg = SEG_NONE;
	s->paused = false;
	session_reset_coach(s);
}

/* Ms from the start of a pattern to its first exhale. */
static int64_t
session_exhale_ms(const struct rt_pattern *p)
{
	struct pacer_at	pa;
	int64_t		x = 0;
	int		i;

	for (i = 0; i < 4; i++) {
		if (pacer_at(p, x, &pa) != 0 || pa.phase == BR_EXHALE)
			break;
		x = pa.next;
	}
	return x;
}

/* Switch the pacer to the long exhale, breathing out from t, so that the
 * words ("breathe out slowly now"), the bar and the cue agree; a long
 * exhale already breathing out goes on. */
static void
session_long_exhale(struct session *s, int64_t t)
{
	const struct rt_pattern	*p;
	struct pacer_at		 pa;

	p = session_pattern(s->r, "long-exhale");
	if (p == NULL)
		return;
	if (p == s->pat && pacer_at(p, t - s->pat_start, &pa) == 0 &&
	    pa.phase == BR_EXHALE)
		return;
	s->pat = p;
	s->pat_start = t - session_exhale_ms(p);
	session_phase(s, t);
}

/* Act on advice given at t, ms_in into the side. */
static void
session_advise(struct session *s, int64_t t, int64_t ms_in,
    struct coach_advice adv)
{
	bool hold = session_in_hold(s);

	switch (adv.kind) {
	case ADV_EASE_OFF:
		session_emit(s, SA_EASE_OFF, t, 0, ms_in, NULL);
		s->ease_offs++;
		session_long_exhale(s, t);
		/* FALLTHROUGH */
	case ADV_OFFER_SKIP:
		if (hold)
			s->next_prompt = t + COACH_REPROMPT_MS;
		break;
	default:
		if (hold)
			s->next_prompt = t + session_rate_ms(s);
		break;
	}
	if (adv.kind == ADV_NONE)
		return;
	s->advice = adv.kind;
	s->advice_text = adv.text;
	session_emit(s, SA_ADVICE, t, adv.kind, 0, adv.text);
}

/* Whether the coach speaks of a stretch rather than of pressure. */
static bool
session_stretch(const struct session *s)
{
	return s->st != NULL && s->st->kind == RT_STRETCH;
}

/* How the side went so far, for the coach. */
static struct coach_advice
session_coach(const struct session *s, int v, int64_t ms_in)
{
	struct coach_hold h;

	h.ms_in = ms_in;
	h.ease_offs = s->ease_offs;
	h.peak = s->peak;
	h.last = s->last_rating;
	h.strained = s->strained;
	h.can_release = session_in_hold(s);
	h.stretch = session_stretch(s);
	return coach_advise(&s->rules, &h, v);
}

/* Remember a rating of this side. */
static void
session_rated(struct session *s, int v)
{
	s->last_rating = v;
	if (v > s->peak)
		s->peak = v;
	if ((unsigned)v >= s->rules.ease_off_at && session_coachable_step(s))
		s->strained = true;
}

/* Pause the side at t and ask about symptoms (value: the rating that
 * asked, -1 for bracing). */
static void
session_ask(struct session *s, int64_t t, int value, int64_t ms_in)
{
	s->strained = true;
	s->check_from = t;
	s->check_done = false;
	s->prompt = false;
	s->pat = NULL;
	session_set_state(s, SS_CHECK, t);
	session_emit(s, SA_CHECK, t, value, ms_in, coach_check_text());
}

/* The text shown when a point stops: the coach's words, then the
 * routine's safety notes (its red flags). */
static const char *
session_stop_text(struct session *s)
{
	char		*text, *more;
	unsigned	 i;
	bool		 stretch = session_stretch(s);

	if (s->stop_text[stretch] != NULL)
		return s->stop_text[stretch];
	text = xstrdup(coach_text_for(ADV_STOP, stretch));
	for (i = 0; i < s->r->n_safety; i++) {
		xasprintf(&more, "%s %s", text, s->r->safety[i]);
		free(text);
		text = more;
	}
	s->stop_text[stretch] = text;
	return text;
}

/* No symptoms: the side goes on at t from where it stopped, lighter. */
static void
session_resume_lighter(struct session *s, int64_t t)
{
	int64_t d = t - s->check_from;

	s->seg_start += d;
	s->side_start += d;
	s->tick_floor += d;
	session_set_state(s, SS_STEP, t);
	session_emit(s, SA_EASE_OFF, t, 0, t - s->side_start, NULL);
	s->ease_offs++;
	session_long_exhale(s, t);
	s->next_prompt = t + COACH_REPROMPT_MS;
	s->advice = ADV_LIGHTER;
	s->advice_text = coach_text_for(ADV_LIGHTER, session_stretch(s));
	session_emit(s, SA_ADVICE, t, ADV_LIGHTER, 0, s->advice_text);
}

/* SI_ANSWER at t: 1 yes, 0 no. */
static int
session_answer(struct session *s, int64_t t, int yes)
{
	if (s->state != SS_CHECK || s->check_done)
		return -1;
	session_emit(s, SA_SYMPTOM, t, yes != 0, 0, NULL);
	if (yes == 0) {
		session_resume_lighter(s, t);
		return 0;
	}
	session_close_side(s, t, STS_STOPPED);
	session_status_rest(s, s->side_i + 1, STS_STOPPED, t);
	s->check_done = true;
	s->advice = ADV_STOP;
	s->advice_text = session_stop_text(s);
	session_emit(s, SA_ADVICE, t, ADV_STOP, 0, s->advice_text);
	return 0;
}

/* SI_RATING at t. */
static int
session_rate(struct session *s, int64_t t, int v)
{
	int64_t ms_in;

	if (v < 0 || v > SESSION_RATING_MAX)
		return -1;
	switch (s->state) {
	case SS_PRE:
		s->pre_pain = v;
		session_emit(s, SA_PRE_PAIN, t, v, 0, NULL);
		return 0;
	case SS_AFTERCARE:
		s->post_pain = v;
		session_emit(s, SA_POST_PAIN, t, v, 0, NULL);
		return 0;
	case SS_DONE:
		return -1;
	default:
		break;
	}
	if (s->state == SS_CHECK)
		return -1;
	ms_in = t - (s->in_side && s->seg == SEG_ACTIVE ? s->side_start :
	    s->seg_start);
	s->prompt = false;
	session_emit(s, SA_RATING, t, v, ms_in, NULL);
	if (session_coachable(s)) {
		if (coach_check_rating(v))
			session_ask(s, t, v, ms_in);
		else
			session_advise(s, t, ms_in, session_coach(s, v, ms_in));
	}
	session_rated(s, v);
	return 0;
}

/* SI_BRACING at t. */
static int
session_bracing(struct session *s, int64_t t)
{
	int64_t ms_in;

	if (!session_coachable(s))
		return -1;
	ms_in = t - s->side_start;
	s->prompt = false;
	s->bracings++;
	s->strained = true;
	session_emit(s, SA_BRACING, t, 0, ms_in, NULL);
	if (coach_check_bracing(s->bracings))
		session_ask(s, t, -1, ms_in);
	else
		session_advise(s, t, ms_in, coach_bracing_for(s->ease_offs,
		    session_stretch(s)));
	return 0;
}

/* SI_NEXT at t. */
static int
session_next(struct session *s, int64_t t)
{
	switch (s->state) {
	case SS_PRE:
		session_enter_step(s, 0, t);
		return 0;
	case SS_AFTERCARE:
		session_finish(s, t, OUT_COMPLETED, 0);
		return 0;
	case SS_SWITCH:
	case SS_SET_REST:
	case SS_READY:
		session_end_segment(s, t);
		return 0;
	case SS_CHECK:
		if (!s->check_done)
			return -1;
		session_enter_step(s, s->step + 1, t);
		return 0;
	case SS_STEP:
		if (s->st->kind != RT_NOTE)
			return -1;
		session_end_segment(s, t);
		return 0;
	default:
		return -1;
	}
}

/* SI_EXTEND at t. */
static int
session_extend(struct session *s, int64_t t)
{
	int64_t max, len;

	if (!session_in_hold(s))
		return -1;
	max = (int64_t)s->st->max_seconds * 1000;
	if (max < (int64_t)s->st->seconds * 1000)
		max = (int64_t)s->st->seconds * 1000;
	if (s->seg_len >= max)
		return -1;
	len = s->seg_len + SESSION_EXTEND_MS;
	if (len > max)
		len = max;
	s->seg_len = len;
	s->extended = true;
	if (s->tick_floor < t)
		s->tick_floor = t;
	if (s->next_prompt < t)
		s->next_prompt = t;
	session_emit(s, SA_EXTEND, t, 0, len, NULL);
	return 0;
}

/* SI_RELEASE at t. */
static int
session_release(struct session *s, int64_t t)
{
	int64_t ms_in;

	if (!session_in_hold(s))
		return -1;
	ms_in = t - s->side_start;
	session_close_side(s, t, STS_LET_GO);
	session_emit(s, SA_RELEASE, t, 0, ms_in, NULL);
	session_after_side(s, t);
	return 0;
}

/* SI_SKIP at t: this side only (in a switch pause, the side to come);
 * the next side still runs. */
static int
session_skip(struct session *s, int64_t t)
{
	if (!session_timed(s))
		return -1;
	if (s->in_side)
		session_close_side(s, t, STS_SKIPPED);
	else {
		session_status_set(s, (unsigned)s->step, s->side,
		    STS_SKIPPED);
		session_emit(s, SA_STATUS, t, STS_SKIPPED, 0, NULL);
	}
	session_emit(s, SA_SKIP, t, 0, t - s->step_start, NULL);
	session_after_side(s, t);
	return 0;
}

/* The sides of the hold before the current release still to come,
 * skipped at t. */
static void
session_skip_hold_rest(struct session *s, int64_t t)
{
	unsigned	 k;
	unsigned char	*slot;

	for (k = s->side_i + 1; k < s->n_sides; k++) {
		slot = session_status_slot(s, (unsigned)s->step - 1,
		    s->sides[k]);
		if (*slot != STS_NONE)
			continue;
		*slot = STS_SKIPPED;
		session_emit_for(s, SA_STATUS, t, s->step - 1, s->sides[k],
		    STS_SKIPPED, 0, NULL);
	}
}

/* SI_SKIP_POINT at t: the whole step, every side left of it. */
static int
session_skip_point(struct session *s, int64_t t)
{
	unsigned from = s->side_i;

	if (!session_timed(s) && !(s->state == SS_CHECK && !s->check_done))
		return -1;
	if (s->in_side) {
		session_close_side(s, t, STS_SKIPPED);
		from++;
	}
	session_status_rest(s, from, STS_SKIPPED, t);
	/* In a release after each side, the hold's sides still to come go
	 * with the point. */
	if (routine_each_side(s->r, (unsigned)s->step))
		session_skip_hold_rest(s, t);
	session_emit(s, SA_SKIP, t, 1, t - s->step_start, NULL);
	session_enter_step(s, s->step + 1, t);
	return 0;
}

/* SI_PREV at t. */
static int
session_prev(struct session *s, int64_t t)
{
	if (s->state == SS_AFTERCARE) {
		if (s->r->n_steps == 0)
			return -1;
		session_emit(s, SA_PREV, t, 0, 0, NULL);
		session_enter_step(s, (int)s->r->n_steps - 1, t);
		return 0;
	}
	if (!session_timed(s))
		return -1;
	session_close_side(s, t, STS_SKIPPED);
	session_emit(s, SA_PREV, t, 0, 0, NULL);
	session_enter_step(s, s->step - 1, t);
	return 0;
}

/* SI_PAUSE at monotonic now, session ms t. */
static int
session_pause(struct session *s, int64_t now, int64_t t)
{
	int64_t d;

	if (!s->paused) {
		s->paused = true;
		s->pause_at = now;
		session_emit(s, SA_PAUSE, t, 0, 0, NULL);
		return 0;
	}
	d = now - s->pause_at;
	if (d < 0)
		d = 0;
	s->paused_total += d;
	s->paused = false;
	session_emit(s, SA_RESUME, t, 0, d, NULL);
	return 0;
}

/* SI_QUIT at t: value 0 to stop, else the signal that stopped us. */
static int
session_quit(struct session *s, int64_t t, int value)
{
	if (s->state == SS_AFTERCARE)
		session_finish(s, t, OUT_COMPLETED, value);
	else if (value == 0)
		session_finish(s, t, OUT_STOPPED, 0);
	else
		session_finish(s, t, OUT_INTERRUPTED, value);
	return 0;
}

/* A new session over a routine, in SS_PRE at now. */
struct session *
session_new(const struct routine *r, int64_t now)
{
	struct session	*s;
	unsigned	 i;

	s = xcalloc(1, sizeof *s);
	s->r = r;
	coach_rules(r, &s->rules);
	s->step_ms = xcalloc(r->n_steps + 1, sizeof *s->step_ms);
	s->step_pos = xcalloc(r->n_steps + 1, sizeof *s->step_pos);
	s->status = xcalloc(r->n_steps + 1, 2);
	for (i = 0; i < r->n_steps; i++) {
		s->step_ms[i] = session_step_nominal(r, &r->steps[i]);
		s->step_pos[i] = s->total_ms;
		s->total_ms += s->step_ms[i];
	}
	s->step_pos[r->n_steps] = s->total_ms;
	s->start = now;
	s->step = -1;
	s->how_step = -1;
	s->pre_pain = s->post_pain = -1;
	session_reset_coach(s);
	session_set_state(s, SS_PRE, 0);
	return s;
}

/* Free a session and its queue. */
void
session_free(struct session *s)
{
	if (s == NULL)
		return;
	free(s->q);
	free(s->step_ms);
	free(s->step_pos);
	free(s->status);
	free(s->stop_text[0]);
	free(s->stop_text[1]);
	free(s);
}

/* Session ms at monotonic now; it stops when the session is done. */
int64_t
session_time(const struct session *s, int64_t now)
{
	int64_t t;

	if (s->state == SS_DONE)
		return s->t;
	t = (s->paused ? s->pause_at : now) - s->start - s->paused_total;
	return t > s->t ? t : s->t;
}

/* Monotonic ms of session ms t, if nothing is paused until then. */
int64_t
session_mono(const struct session *s, int64_t t)
{
	return s->start + s->paused_total + t;
}

/* Emit whatever became due by now. */
void
session_tick(struct session *s, int64_t now)
{
	if (s->state == SS_DONE || s->paused)
		return;
	session_advance(s, session_time(s, now));
}

/* Feed one input at now. */
int
session_input(struct session *s, int64_t now, enum sess_input in, int value)
{
	int64_t t;

	session_tick(s, now);
	if (s->state == SS_DONE)
		return -1;
	t = s->t;
	if (in == SI_DIFFICULTY)
		return session_difficulty(s, t, value);
	/* Any other input leaves the question unanswered. */
	s->how_step = -1;
	switch (in) {
	case SI_NEXT:
		return session_next(s, t);
	case SI_RATING:
		return session_rate(s, t, value);
	case SI_BRACING:
		return session_bracing(s, t);
	case SI_RELEASE:
		return session_release(s, t);
	case SI_SKIP:
		return session_skip(s, t);
	case SI_PREV:
		return session_prev(s, t);
	case SI_PAUSE:
		return session_pause(s, now, t);
	case SI_EXTEND:
		return session_extend(s, t);
	case SI_QUIT:
		return session_quit(s, t, value);
	case SI_SKIP_POINT:
		return session_skip_point(s, t);
	case SI_ANSWER:
		return session_answer(s, t, value);
	case SI_DIFFICULTY:
		break;
	}
	return -1;
}

/* Time the process did not run counts as a pause from from to to. */
bool
session_gap(struct session *s, int64_t from, int64_t to)
{
	if (s->state == SS_DONE || s->paused || to <= from)
		return false;
	session_input(s, from, SI_PAUSE, 0);
	session_input(s, to, SI_PAUSE, 0);
	return true;
}

/* Take the oldest pending action. */
int
session_poll(struct session *s, struct sess_action *a)
{
	if (s->q_len == 0)
		return 0;
	*a = s->q[s->q_head];
	s->q_head++;
	s->q_len--;
	if (s->q_len == 0)
		s->q_head = 0;
	return 1;
}

/* Fill the exercise counters of a view. */
static void
session_view_reps(const struct session *s, int64_t in, struct sess_view *v)
{
	const struct rt_step *st = s->st;

	v->sets = session_count(st->sets);
	v->reps = session_count(st->reps);
	v->set = s->set;
	if (s->seg == SEG_ACTIVE) {
		v->rep = (unsigned)(in / (session_count(st->rep_seconds) *
		    1000)) + 1;
		if (v->rep > v->reps)
			v->rep = v->reps;
	} else if (s->seg == SEG_REST)
		v->rep = v->reps;
}

/* What the screen shows at now. */
void
session_view(const struct session *s, int64_t now, struct sess_view *v)
{
	struct pacer_at	pa;
	int64_t		t, in;

	memset(v, 0, sizeof *v);
	t = session_time(s, now);
	v->state = s->state;
	v->paused = s->paused;
	v->step = s->step;
	v->n_steps = s->r->n_steps;
	v->st = s->st;
	v->side = s->side;
	v->routine_total = s->total_ms;
	v->routine_elapsed = t;
	v->routine_pos = session_position(s, t);
	v->advice = s->advice;
	v->advice_text = s->advice_text;
	v->prompt = s->prompt;
	v->last_rating = s->last_rating;
	v->pre_pain = s->pre_pain;
	v->post_pain = s->post_pain;
	v->phase = BR_INHALE;
	if (s->state == SS_CHECK && !s->check_done)
		v->question = coach_check_text();
	v->aftercare = session_aftercare(s);
	v->how = session_how_open(s, t);
	if (!session_timed(s))
		return;
	in = t - s->seg_start;
	if (in < 0)
		in = 0;
	if (in > s->seg_len)
		in = s->seg_len;
	v->step_elapsed = in;
	v->step_total = s->seg_len;
	if (s->st->kind == RT_EXERCISE)
		session_view_reps(s, in, v);
	if (s->seg == SEG_ACTIVE && s->pat != NULL &&
	    pacer_at(s->pat, s->seg_start + in - s->pat_start, &pa) == 0) {
		v->breathing = true;
		v->phase = pa.phase;
		v->phase_progress = pa.progress;
		v->phase_len = pa.next - pa.phase_start;
		if (s->st->kind == RT_BREATHE && s->st->cycles > 0) {
			v->breaths = s->st->cycles;
			v->breath = pa.cycle < v->breaths ? pa.cycle + 1 :
			    v->breaths;
		}
	}
}

/* Monotonic ms of the next change, INT64_MAX if none without input. */
int64_t
session_next_deadline(const struct session *s, int64_t now)
{
	int64_t t, e, r, d;

	if (s->paused)
		return INT64_MAX;
	t = session_time(s, now);
	if (!session_timed(s)) {
		/* Only the difficulty question closes by itself. */
		if (!session_how_open(s, t))
			return INT64_MAX;
		e = session_mono(s, s->how_until);
		return e > now ? e : now;
	}
	e = session_next_event(s);
	if (session_how_open(s, t) && s->how_until < e)
		e = s->how_until;
	r = s->seg_start + s->seg_len - t;
	if (r > 0) {
		d = t + (r % 1000 != 0 ? r % 1000 : 1000);
		if (d < e)
			e = d;
	}
	e = session_mono(s, e);
	return e > now ? e : now;
}

/* The cues that fall due in session ms [from, to) if nothing is pressed. */
unsigned
session_upcoming_cues(const struct session *s, int64_t from, int64_t to,
    struct sess_action *out, unsigned max)
{
	struct session		sim;
	struct session_collect	c;

	if (to <= from || max == 0 || s->state == SS_DONE)
		return 0;
	c.from = from;
	c.to = to;
	c.out = out;
	c.max = max;
	c.n = 0;
	sim = *s;
	sim.collect = &c;
	/* The look ahead closes sides too: not in the real statuses. */
	sim.status = xmalloc(((size_t)s->r->n_steps + 1) * 2);
	memcpy(sim.status, s->status, ((size_t)s->r->n_steps + 1) * 2);
	session_advance(&sim, to - 1);
	free(sim.status);
	return c.n;
}

/* Whether the session has finished. */
bool
session_done(const struct session *s)
{
	return s->state == SS_DONE;
}

/* Stable lower-case name of a state. */
const char *
session_state_name(enum sess_state state)
{
	static const char *const names[] = {
		"pre", "step", "switch", "set_rest", "aftercare", "done",
		"check", "ready"
	};

	if ((unsigned)state >= nitems(names))
		return "unknown";
	return names[state];
}

#define SESS_NAME(e, name) [e] = name,
static const char *const session_act_names[] = { SESS_ACT_LIST(SESS_NAME) };
static const char *const session_outcome_names[] = {
	SESS_OUTCOME_LIST(SESS_NAME)
};
static const char *const session_status_names[] = {
	SESS_STATUS_LIST(SESS_NAME)
};
#undef SESS_NAME
_Static_assert(nitems(session_act_names) == SA_COUNT,
    "a name for every action");
_Static_assert(nitems(session_outcome_names) == OUT_COUNT,
    "a name for every outcome");
_Static_assert(nitems(session_status_names) == STS_COUNT,
    "a name for every status");

/* Stable lower-case name of an action. */
const char *
session_act_name(enum sess_act_kind kind)
{
	if ((unsigned)kind >= SA_COUNT)
		return "unknown";
	return session_act_names[kind];
}

/* "easy", "ok", "hard" for a difficulty 1-3, NULL for another. */
const char *
session_difficulty_name(int value)
{
	static const char *names[] = { "easy", "ok", "hard" };

	if (value < 1 || value > 3)
		return NULL;
	return names[value - 1];
}

/* Stable lower-case name of an outcome. */
const char *
session_outcome_name(enum outcome outcome)
{
	if ((unsigned)outcome >= OUT_COUNT)
		return "unknown";
	return session_outcome_names[outcome];
}

/* Stable lower-case name of a step status. */
const char *
session_status_name(enum step_status st)
{
	if ((unsigned)st >= STS_COUNT)
		return "unknown";
	return session_status_names[st];
}

/* Whether any side of a step of kind was done (run, let go, eased or
 * stopped, not only skipped or never reached). */
static bool
session_did(const struct session *s, enum rt_kind kind)
{
	unsigned	i, k, n, sides[2];
	unsigned char	st;

	for (i = 0; i < s->r->n_steps; i++) {
		if (s->r->steps[i].kind != kind)
			continue;
		n = session_sides(&s->r->steps[i], sides);
		for (k = 0; k < n; k++) {
			st = *session_status_slot(s, i, sides[k]);
			if (st != STS_NONE && st != STS_SKIPPED &&
			    st != STS_NOT_REACHED)
				return true;
		}
	}
	return false;
}

/* The aftercare that fits what the session did. */
enum aftercare_kind
session_aftercare(const struct session *s)
{
	if (session_did(s, RT_HOLD))
		return AC_PRESSURE;
	if (session_did(s, RT_EXERCISE))
		return AC_EXERCISE;
	return AC_BREATHING;
}

/* The status of a side of step i so far. */
enum step_status
session_status(const struct session *s, unsigned i, unsigned side)
{
	if (i >= s->r->n_steps)
		return STS_NONE;
	return (enum step_status)*session_status_slot(s, i, side);
}
