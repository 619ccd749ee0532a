/* SPDX-License-Identifier: GPL-3.0-or-later */
/* session.h: the guided session as a pure state machine.
 *
 * Time enters as "now" in milliseconds of a monotonic clock (already scaled
 * by UNKNOT_TIME_SCALE by the caller); input enters as sess_input events;
 * out come sess_action records, read with session_poll().  No curses, audio,
 * files or wall clock in here.  All times inside actions are "session time":
 * milliseconds the person was actually in the session (pauses excluded). */
#ifndef UNKNOT_SESSION_H
#define UNKNOT_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "aftercare.h"
#include "coach.h"
#include "cue.h"
#include "pacer.h"
#include "routine.h"

enum sess_state {
	SS_PRE,		/* safety notes, optional "how much does it hurt" */
	SS_STEP,	/* running a step (side, set, rep inside) */
	SS_SWITCH,	/* "switch sides" pause between left and right */
	SS_SET_REST,	/* rest between sets of an exercise */
	SS_AFTERCARE,	/* aftercare lines, closing 0-10 rating */
	SS_DONE,
	SS_CHECK,	/* a hold paused on a 10 or bracing twice: "any
			 * numbness, tingling, shooting or burning pain?" */
	SS_READY	/* getting into position before a hold side or an
			 * exercise's first set: `setup` s, or until Enter
			 * or space */
};

enum sess_input {
	SI_NEXT,	/* Enter: start / continue / finish */
	SI_RATING,	/* value 0-10 */
	SI_BRACING,	/* "I'm bracing / holding my breath" */
	SI_RELEASE,	/* "I felt it let go": ends the hold early */
	SI_SKIP,
	SI_PREV,
	SI_PAUSE,	/* toggles */
	SI_EXTEND,	/* +10 s on a hold, up to max_seconds */
	SI_QUIT,	/* stop early; value: 0 quit, else the signal number */
	SI_SKIP_POINT,	/* skip the whole step, every side left of it */
	SI_ANSWER,	/* SS_CHECK: value 1 yes (symptoms), 0 no */
	SI_DIFFICULTY	/* after an exercise (SA_HOW): value 1 easy, 2 ok,
			 * 3 hard; 0 leaves the question unanswered */
};

/* How a session ended (session_outcome_name() is what is stored):
 * completed: every hold and exercise was done, let go or eased;
 * partial: aftercare reached with something skipped or stopped;
 * stopped / interrupted: quit (or a signal) after the first step began;
 * abandoned: quit (or a signal) before the first step.
 * X(ENUM, name), in the order of enum outcome. */
#define SESS_OUTCOME_LIST(X)				\
	X(OUT_COMPLETED, "completed")			\
	X(OUT_STOPPED, "stopped")			\
	X(OUT_INTERRUPTED, "interrupted")		\
	X(OUT_PARTIAL, "partial")			\
	X(OUT_ABANDONED, "abandoned")

#define SESS_ENUM(e, name) e,
enum outcome {
	SESS_OUTCOME_LIST(SESS_ENUM)
	OUT_COUNT
};

/* What became of one side of one step (the side of a step without sides):
 * the value of SA_STEP_END and SA_STATUS, stored as session_status_name()
 * (events.status). X(ENUM, name), in the order of enum step_status. */
#define SESS_STATUS_LIST(X)						\
	X(STS_NONE, "")			/* not decided yet */		\
	X(STS_DONE, "done")		/* ran its time */		\
	X(STS_LET_GO, "let_go")		/* a hold let go early		\
					 * (SI_RELEASE) */		\
	X(STS_EXTENDED, "extended")	/* a hold extended (SI_EXTEND)	\
					 * and run to its end */	\
	X(STS_EASED, "eased")		/* rated at or above		\
					 * ease_off_at (or bracing) and	\
					 * finished lighter */		\
	X(STS_STOPPED, "stopped")	/* stopped for a symptom	\
					 * (SS_CHECK answered yes) */	\
	X(STS_SKIPPED, "skipped")	/* skipped (SI_SKIP,		\
					 * SI_SKIP_POINT, left by	\
					 * SI_PREV) */			\
	X(STS_NOT_REACHED, "not_reached") /* the session ended before	\
					 * it (or during it) */

enum step_status {
	SESS_STATUS_LIST(SESS_ENUM)
	STS_COUNT
};

/* X(ENUM, name): every action, in the order of enum sess_act_kind; the
 * names are the event kinds stored in the history (events.kind) and the
 * words of --plain=events. */
#define SESS_ACT_LIST(X)						\
	/* Things to show or play. */					\
	X(SA_STATE, "state")	/* state changed: value = enum		\
				 * sess_state; arg: for SS_AFTERCARE	\
				 * the enum aftercare_kind */		\
	X(SA_PHASE, "phase")	/* breathing phase: value = enum	\
				 * breath_phase, arg = ms */		\
	X(SA_CUE, "cue")	/* play a cue: value = enum cue_kind,	\
				 * at = exact time */			\
	X(SA_PROMPT, "prompt")	/* ask for a 0-10 rating */		\
	X(SA_ADVICE, "advice")	/* value = enum advice_kind, text =	\
				 * what to say */			\
	X(SA_REP, "rep")	/* exercise: value = rep (1-based),	\
				 * arg = set (1-based) */		\
	X(SA_HOW, "how")	/* an exercise ran its time: how was	\
				 * it? (SI_DIFFICULTY); step = the	\
				 * exercise, text = the question */	\
	/* Events to record (history); also shown in plain mode. */	\
	X(SA_PRE_PAIN, "pre_pain")	/* value = 0-10 */		\
	X(SA_STEP_START, "step_start")					\
	X(SA_STEP_END, "step_end")	/* arg = actual ms spent in the	\
					 * step/side */			\
	X(SA_RATING, "rating")		/* value = 0-10, arg = ms into	\
					 * the hold */			\
	X(SA_EASE_OFF, "ease_off")	/* arg = ms into the hold */	\
	X(SA_BRACING, "bracing")	/* arg = ms into the hold */	\
	X(SA_RELEASE, "release")	/* arg = ms to release */	\
	X(SA_SKIP, "skip")		/* arg = ms into the step */	\
	X(SA_PAUSE, "pause")						\
	X(SA_RESUME, "resume")		/* arg = ms paused (wall,	\
					 * unscaled by the engine) */	\
	X(SA_EXTEND, "extend")		/* arg = new length of the hold	\
					 * in ms */			\
	X(SA_PREV, "prev")						\
	X(SA_POST_PAIN, "post_pain")	/* value = 0-10 */		\
	X(SA_FINISH, "finish")		/* value = enum outcome, arg =	\
					 * signal number or 0 */	\
	X(SA_STATUS, "status")		/* value = enum step_status of	\
					 * a side that never ran	\
					 * (skipped with its point,	\
					 * stopped, not reached) */	\
	X(SA_CHECK, "check")		/* the symptom question; value	\
					 * = the rating that asked it,	\
					 * -1 for bracing; arg = ms	\
					 * into the hold */		\
	X(SA_SYMPTOM, "symptom")	/* its answer: value 1 yes, 0	\
					 * no */			\
	X(SA_SET, "set")		/* an exercise set is over, or	\
					 * its side closed before it:	\
					 * value = reps done, arg =	\
					 * reps prescribed; one for	\
					 * every set prescribed */	\
	X(SA_DIFFICULTY, "difficulty")	/* the answer to SA_HOW: value	\
					 * 1 easy, 2 ok, 3 hard */	\
	X(SA_REHEARSAL, "rehearsal")	/* never emitted by the engine:	\
					 * the loop records it for a	\
					 * session that is a rehearsal	\
					 * (value: 1 time scaled, 2	\
					 * unattended) */

enum sess_act_kind {
	SESS_ACT_LIST(SESS_ENUM)
	SA_COUNT
};
#undef SESS_ENUM

struct sess_action {
	enum sess_act_kind	 kind;
	int64_t			 at;	/* session ms when it happens */
	int			 step;	/* index, -1 outside steps */
	unsigned		 side;	/* RT_SIDE_* */
	int			 value;
	int64_t			 arg;
	const char		*text;	/* static or owned by the session */
};

/* What the screen needs to draw, at a given now. */
struct sess_view {
	enum sess_state		 state;
	bool			 paused;
	int			 step;		/* -1 in SS_PRE */
	unsigned		 n_steps;
	const struct rt_step	*st;		/* NULL outside steps */
	unsigned		 side;		/* RT_SIDE_* */
	int64_t			 step_elapsed;	/* ms in this step/side */
	int64_t			 step_total;	/* ms, this step/side */
	int64_t			 routine_elapsed; /* session ms */
	int64_t			 routine_total;	 /* nominal ms */
	unsigned		 set, sets, rep, reps;	/* exercise, 1-based */
	unsigned		 breath, breaths; /* breathe step of so many
						 * cycles: 1-based, else 0 */
	bool			 breathing;	/* a pacer runs now */
	enum breath_phase	 phase;
	double			 phase_progress; /* 0..1 */
	int64_t			 phase_len;	/* ms of this phase */
	enum advice_kind	 advice;
	const char		*advice_text;	/* NULL if none */
	bool			 prompt;	/* a rating is being asked for */
	const char		*question;	/* SS_CHECK: what is asked */
	enum aftercare_kind	 aftercare;	/* what the session did */
	int			 last_rating;	/* -1 if none in this hold */
	int			 pre_pain, post_pain;	/* -1 if not given */
	int64_t			 routine_pos;	/* nominal ms of the routine
						 * behind us: for progress bars */
	bool			 how;		/* SA_HOW's question is open */
};

struct session;

/* A new session over a routine (borrowed, must outlive it), at now. */
struct session	*session_new(const struct routine *, int64_t now);
void		 session_free(struct session *);
/* Advance to now: emit whatever became due. */
void		 session_tick(struct session *, int64_t now);
/* Feed an input at now (ticks first). Returns -1 if it does not apply. */
int		 session_input(struct session *, int64_t now,
		    enum sess_input, int value);
/* The process did not run from monotonic from to to (it was stopped, or
 * the machine slept): that time is a pause, SA_PAUSE at from and SA_RESUME
 * at to, unless the session was paused already or is done. True if it
 * paused. */
bool		 session_gap(struct session *, int64_t from, int64_t to);
/* Take the next pending action; 0 when there is none. */
int		 session_poll(struct session *, struct sess_action *);
void		 session_view(const struct session *, int64_t now,
		    struct sess_view *);
/* Monotonic ms at which something next changes (a second of the
 * countdown, a phase boundary, a prompt, the end of the step), or
 * INT64_MAX when nothing will change without input (paused, PRE). */
int64_t		 session_next_deadline(const struct session *, int64_t now);
/* Cues due in session time [from, to), without changing state, as they
 * would be played if nothing is pressed: for scheduling audio ahead. */
unsigned	 session_upcoming_cues(const struct session *, int64_t from,
		    int64_t to, struct sess_action *out, unsigned max);
bool		 session_done(const struct session *);
/* Session ms at monotonic now (frozen while paused and once done). */
int64_t		 session_time(const struct session *, int64_t now);
/* Monotonic ms at which session ms t falls if no pause intervenes. */
int64_t		 session_mono(const struct session *, int64_t t);
const char	*session_state_name(enum sess_state);
const char	*session_act_name(enum sess_act_kind);
const char	*session_outcome_name(enum outcome);
/* "easy", "ok", "hard" for SA_DIFFICULTY's value 1-3; NULL else. */
const char	*session_difficulty_name(int);
/* "done", "let_go", "extended", "eased", "stopped", "skipped",
 * "not_reached"; "" for STS_NONE. */
const char	*session_status_name(enum step_status);
/* Whether a side's status stands against a later one: a side held in
 * full stays so when it is gone back to and skipped or left. */
bool		 session_status_stands(enum step_status, enum step_status);
/* The aftercare that fits what the session did so far. */
enum aftercare_kind session_aftercare(const struct session *);
/* The status of side (RT_SIDE_*) of step i so far. */
enum step_status session_status(const struct session *, unsigned i,
		    unsigned side);

#endif
