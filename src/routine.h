/* SPDX-License-Identifier: GPL-3.0-or-later */
/* routine.h: the routine format (version 1), loading and validation. */
#ifndef UNKNOT_ROUTINE_H
#define UNKNOT_ROUTINE_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>

#include "bodymap.h"
#include "diag.h"

#define ROUTINE_MAX_BYTES	(1024 * 1024)	/* larger files are refused */
#define ROUTINE_MAX_STEPS	500
#define ROUTINE_MAX_STRING	4096
#define ROUTINE_MAX_LIST	32
#define ROUTINE_MAX_PATTERNS	32
#define ROUTINE_MAX_AREA	8	/* circles of a referral area */
#define ROUTINE_MAX_CHECKINS	8	/* checkins */

/* X(ENUM, name, title): every step kind, in the order of enum rt_kind. The
 * name is the key in a routine file (its fields are routine_NAME_fields in
 * routine.c) and what the history stores (events.step_kind); the title is
 * a step's when it has none of its own. */
#define RT_KIND_LIST(X)					\
	X(RT_WARMUP, warmup, "Warm up")			\
	X(RT_HOLD, hold, "Hold")			\
	X(RT_BREATHE, breathe, "Breathe")		\
	X(RT_RELEASE, release, "Release")		\
	X(RT_STRETCH, stretch, "Stretch")		\
	X(RT_EXERCISE, exercise, "Exercise")		\
	X(RT_REST, rest, "Rest")			\
	X(RT_NOTE, note, "Note")

#define RT_KIND_ENUM(e, name, title) e,
enum rt_kind {
	RT_KIND_LIST(RT_KIND_ENUM)
	RT_KIND_COUNT
};
#undef RT_KIND_ENUM

/* Bits of rt_step.sides; a step without sides runs once. */
enum rt_side { RT_SIDE_NONE = 0, RT_SIDE_LEFT = 1, RT_SIDE_RIGHT = 2 };

/* When a release runs (rt_step.after): once the hold before it is done
 * on both sides, or straight after each side of it (hold left, release
 * left, hold right, release right). */
enum rt_after { RT_AFTER_BOTH = 0, RT_AFTER_EACH = 1 };

/* A breathing pattern; seconds, decimals allowed, hold_in/hold_out may be 0. */
struct rt_pattern {
	char	*name;
	double	 inhale;
	double	 hold_in;
	double	 exhale;
	double	 hold_out;
};

/* One step. Which fields apply depends on kind; unset numbers are 0. */
struct rt_step {
	enum rt_kind	 kind;
	char		*title;
	char		*text;
	char		*point;		/* hold: where the point is, how to find it */
	char		*referral;	/* hold: where it usually refers pain */
	struct bodymap_where *where;	/* hold: the point on the body map */
	unsigned	 seconds;	/* per side (the longer side's when they
					 * differ) */
	unsigned	 side_seconds[2]; /* hold, stretch: the left and right
					 * side's when given per side, else 0
					 * (routine_side_seconds()) */
	unsigned	 max_seconds;	/* hold: upper bound for +10 s extends */
	unsigned	 sides;		/* rt_side bits, left runs first ... */
	int		 right_first;	/* ... unless the list put right first */
	unsigned	 after;		/* release: RT_AFTER_* */
	char		*breathing;	/* pattern name, NULL: default */
	unsigned	 rate_every;	/* hold: seconds between rating prompts */
	char		*pattern;	/* breathe: pattern name */
	unsigned	 cycles;	/* breathe: number of breaths */
	unsigned	 reps;		/* exercise */
	unsigned	 sets;
	unsigned	 rep_seconds;
	unsigned	 rest_seconds;
	unsigned	 setup;		/* hold, exercise: seconds to get into
					 * position before the timer starts
					 * (Enter starts it sooner); default
					 * RT_DEFAULT_SETUP */
	char		*voice;		/* a recorded clip instead of the
					 * synthesised title, or NULL */
};

struct rt_step_item;

/* progression: one week of the schedule; 0 leaves the step's own value. */
struct rt_prog_week {
	unsigned	 hold;		/* seconds of every hold step */
	unsigned	 sets;		/* of every exercise step */
	unsigned	 reps;
};

/* progression: the history decides the week: one on when the median peak
 * discomfort of the last sessions at this week is low enough, one back
 * when the last session was too much; one change at a time. */
struct rt_progression {
	struct rt_prog_week	*weeks;		unsigned n_weeks;
	struct {
		unsigned	 sessions;	/* default 3 */
		unsigned	 median_at_most; /* default: below the target */
	}			 advance;
	struct {
		unsigned	 rating_at_least; /* default: ease_off_at */
		bool		*stopped;	/* a session stopped early;
						 * default true */
	}			 step_back;
	unsigned		 max_week;	/* default: the last week */
};

/* replace_aftercare: the routine's own lines instead of the standard
 * aftercare of a kind of session (aftercare.h); NULL: the standard. */
struct rt_aftercare {
	char	**pressure;	unsigned n_pressure;
	char	**exercise;	unsigned n_exercise;
	char	**breathing;	unsigned n_breathing;
};

/* checkins: a reminder of the routine's own, hours after a session
 * (remind, remind --ics). */
struct rt_checkin {
	unsigned	 hours;		/* 1-168 */
	char		*text;
};

struct rt_sounds {
	char	*inhale, *exhale, *hold, *step, *bell, *side, *end, *tick;
};

struct routine {
	char		*file;		/* as given */
	unsigned	 version;
	char		*id;
	char		*title;
	char		*summary;
	char		**targets;	unsigned n_targets;
	char		**relieves;	unsigned n_relieves;
	char		**tools;	unsigned n_tools;
	char		**safety;	unsigned n_safety;
	char		*author;
	char		*assigned_to;
	char		*contact;	/* how to reach the therapist, or NULL */
	char		*language;	/* BCP 47 tag for the voice, NULL: en */
	unsigned	 per_week;	/* frequency, 0 if none */
	unsigned	 weeks;
	char		*start;		/* frequency: first day, YYYY-MM-DD,
					 * or NULL (homework_start()) */
	char		*notes;
	unsigned	 target_lo;	/* discomfort target range, default 4-7 */
	unsigned	 target_hi;
	unsigned	 ease_off_at;	/* default 8 */
	int		 discomfort_given; /* the file set the range */
	struct rt_pattern *patterns;	unsigned n_patterns;
	struct rt_step	*steps;		unsigned n_steps;
	struct rt_step_item *items;	unsigned n_items; /* as loaded */
	char		**aftercare;	unsigned n_aftercare; /* added */
	struct rt_aftercare replace_aftercare;
	struct rt_checkin *checkins;	unsigned n_checkins;
	bool		*standard_checkins; /* false: only its own; NULL:
					 * true */
	struct rt_sounds sounds;
	unsigned	 switch_seconds; /* pause to switch sides, 1-60; 0:
					 * RT_SWITCH_SECONDS */
	struct rt_progression *progression;	/* NULL if none */
	char		*progress_note;	/* the week told at the start, or NULL
					 * (progress_history_apply()) */
	unsigned	 progress_week;	/* the week applied, 1-based; 0: no
					 * progression applied */
	unsigned	 allow;		/* warnings silenced, 1 << lint_kind */
	char		 sha256[65];	/* of the file's bytes, hex */
};

/* Built-in defaults used by the session engine. */
#define RT_DEFAULT_TARGET_LO	4
#define RT_DEFAULT_TARGET_HI	7
#define RT_DEFAULT_EASE_OFF	8
#define RT_DEFAULT_RATE_EVERY	15
#define RT_SWITCH_SECONDS	5	/* pause to switch sides, default */
#define RT_DEFAULT_SETUP	8	/* get-ready seconds of a hold side or
					 * an exercise's first set */
#define RT_PHASE_MIN		0.5	/* shortest breathing phase but 0, s */

const char	*routine_kind_name(enum rt_kind);
/* Whether the routine has a step of this kind (RT_HOLD: pressure). */
bool		 routine_has_step(const struct routine *, enum rt_kind);
/* Parse and check a routine held in memory; NULL on error (see diags). */
struct routine	*routine_parse(const char *file, const char *buf, size_t len,
		    struct diags *);
/* Read, parse and check a routine file; NULL on error (see diags). */
struct routine	*routine_load(const char *path, struct diags *);
/* The same with flags: ROUTINE_NO_HASH leaves sha256 empty, for what
 * never shows or records it (the list of routines, check), and so reads
 * the file in chunks, never holding its text whole beside the tree (but
 * for a file that has to be explained: that one is read again whole). */
#define ROUTINE_NO_HASH	0x1
struct routine	*routine_load_flags(const char *path, int flags,
		    struct diags *);
void		 routine_free(struct routine *);
/* The named pattern, from the routine or built in (box, resonance, 4-7-8,
 * long-exhale, slow); NULL if unknown. */
const struct rt_pattern *routine_pattern(const struct routine *,
		    const char *name);
/* Length of one step (all sides, sets and switch pauses) in seconds. */
double		 routine_step_seconds(const struct routine *,
		    const struct rt_step *);
/* Total nominal length in seconds. */
double		 routine_seconds(const struct routine *);
/* The standard aftercare shown after every session, NULL-ended; the
 * routine's own aftercare lines follow it. */
extern const char *const routine_standard_aftercare[];
/* Coaching rule i said before a session, a new string; NULL after the
 * last (the pressure rules only where the routine has a hold). */
char		*routine_coaching_rule(const struct routine *, size_t);
/* Print every key path the loader accepts (for the schema test). */
void		 routine_print_keys(FILE *);
/* The format's libcyaml schema (for tests that load with both ways). */
struct cyaml_schema_value;
const struct cyaml_schema_value *routine_cyaml_schema(void);
/* Seconds of side (RT_SIDE_*) of a step: its own if the step gives them
 * per side, else the step's seconds. */
unsigned	 routine_side_seconds(const struct rt_step *, unsigned side);
/* Whether step i is a release that follows each side of the hold before
 * it (after: each side). */
bool		 routine_each_side(const struct routine *, unsigned i);
/* Whether a step gives its seconds per side ({left: 45, right: 30}). */
bool		 routine_per_side(const struct rt_step *);
/* The side a step of two sides runs first (RT_SIDE_LEFT or _RIGHT). */
unsigned	 routine_first_side(const struct rt_step *);
/* Seconds of the pause to switch sides in r. */
unsigned	 routine_switch_seconds(const struct routine *);
/* Display title of a step: its title, else a default for its kind. */
const char	*routine_step_title(const struct rt_step *);

#endif
