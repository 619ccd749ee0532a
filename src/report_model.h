/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report_model.h: what a report says, apart from how a format writes it.
 *
 * report_model_gather() reads one routine's sessions, points and events
 * from the history (and its file from the search path, when asked) into a
 * struct report_rt: who and what (client, therapist, versions, period, the
 * prescription against what was done) and the flags a therapist must not
 * miss. The writers (report_text.c, report_markdown.c, report_csv.c,
 * report_json.c, report_html.c, report_fhir.c) only print it; report.c's table picks one. The options,
 * adherence and trend are here too, below report.h, which includes this
 * header for them.
 */
#ifndef UNKNOT_REPORT_MODEL_H
#define UNKNOT_REPORT_MODEL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "history.h"
#include "progress.h"

enum report_format {
	REPORT_TEXT, REPORT_MARKDOWN, REPORT_CSV, REPORT_JSON, REPORT_HTML,
	REPORT_FHIR,
	REPORT_NFORMATS
};

/* What the reports say of a session a wrong clock recorded. */
#define REPORT_CLOCK_WRONG	"clock was wrong"

struct report_opts {
	const char		*routine;	/* an id, NULL: every routine */
	time_t			 since;		/* 0: everything */
	const char		*since_arg;	/* as given, for the JSON */
	enum report_format	 format;
	time_t			 now;
	bool			 library;	/* frequency from routine files */
};

/* One week of a prescription. */
struct report_week {
	time_t		start;
	unsigned	done;		/* sessions that count */
	unsigned	sessions;	/* every session but rehearsals */
};

/* How the sessions compare with the prescribed frequency. */
struct report_adherence {
	unsigned		 per_week, weeks;	/* weeks 0: open */
	time_t			 from;		/* start of the window */
	time_t			 to;		/* min(now, end of window) */
	time_t			 end;		/* end of the weeks begun */
	unsigned		 weeks_in;	/* weeks begun, <= weeks */
	unsigned		 done;		/* completed in the window */
	unsigned		 expected;	/* per_week * weeks_in */
	unsigned		 other;		/* not completed, in the window */
	unsigned		 after;		/* completed after the window */
	unsigned		 wrong;		/* left out: clock was wrong */
	struct report_week	*week;		/* weeks_in of them */
};

/* Count sessions (any order) against per_week for calendar weeks from
 * from (a local midnight) up to now; sessions a wrong clock recorded
 * (started or ended out of calendar_window()) are only counted as such. */
void	 report_adherence(unsigned per_week, unsigned weeks, time_t from,
	     time_t now, const struct hist_session *, size_t,
	     struct report_adherence *);
void	 report_adherence_free(struct report_adherence *);
/* "5 of 6 sessions in 2 weeks" and what qualifies it. */
char	*report_adherence_text(const struct report_adherence *);
/* Whether time to release gets shorter over the samples: "faster",
 * "slower", "steady", or NULL with fewer than two releases. */
const char *report_trend(const struct hist_point *);

/* The flags, in the order a report shows them: their JSON and CSV names. */
#define REPORT_FLAG_LIST						\
	X(SYMPTOM, "symptom")						\
	X(RATING_10, "rating_10")					\
	X(EASE_OFF, "always_ease_off")					\
	X(NO_SESSION, "week_without_session")				\
	X(SORE, "soreness_7_or_more")

enum report_flag_kind {
#define X(e, name) REPORT_FLAG_##e,
	REPORT_FLAG_LIST
#undef X
	REPORT_FLAG_N
};

/* One thing a therapist must not miss. */
struct report_flag {
	enum report_flag_kind	 kind;
	int64_t			 session;	/* 0: none (a week) */
	time_t			 when;		/* the session's start, or the
						 * week's */
	const char		*title;		/* of the point, NULL: none */
	const char		*side;
	int			 value;		/* ease-off level, or -1 */
	bool			 rehearsal;	/* in a rehearsal */
};

/* One event as a report keeps it while it gathers: the kinds it reads
 * (ratings, symptoms, step ends and statuses), every string shared
 * through the model's table. */
struct report_ev {
	const struct hist_session *s;		/* NULL: not the routine's */
	int64_t			 session_id;
	const char		*kind;
	const char		*step_kind;
	const char		*title;
	const char		*point;
	const char		*side;
	int			 step;
	int			 value;
	int64_t			 arg;
};

/* One step and side over the sessions (rehearsals left out). */
struct report_step {
	const char	*title;		/* owned by the events */
	const char	*kind;		/* routine_kind_name() */
	const char	*side;
	int		 index;		/* in the routine, first seen */
	size_t		 order;		/* first seen, among the steps */
	unsigned	 sessions;	/* with a status for it */
	unsigned	 done;		/* done, let go, extended, eased */
	unsigned	 skipped;
	unsigned	 stopped;	/* for a symptom */
	unsigned	 not_reached;
	int64_t		 ms;		/* time spent in it, in all */
	/* Exercises, over the last run of the side in each session (its
	 * SA_SET events): sets and reps done and prescribed, and the
	 * difficulty answers of the step (on its first side). */
	unsigned	 sets, sets_rx;
	unsigned	 reps, reps_rx;
	unsigned	 how[3];	/* easy, ok, hard */
	/* While one session is gathered: its last end or status. */
	bool		 seen;
	size_t		 latest;
};

/* Everything a report says about one routine. */
struct report_rt {
	struct hist_routine	*r;
	struct hist_session	*s;		/* oldest first */
	size_t			 ns;
	struct hist_point	*p;
	size_t			 np;
	struct report_ev	*e;		/* oldest session first; only
						 * while gathering */
	size_t			 ne;
	size_t			 ecap;		/* allocated */
	char			**str;		/* the strings of e, hashed */
	size_t			 nstr;		/* slots, a power of two */
	size_t			 used;
	unsigned		 per_week, weeks;
	const char		*source;	/* "file", "history", NULL */
	bool			 has_adh;
	struct report_adherence	 adh;
	char			**hash;		/* newest first */
	unsigned		*hash_n;
	size_t			 nh;
	time_t			 now;		/* of the report */
	char			*signature;	/* of the file, NULL: none */
	char			*client;	/* assigned_to, NULL: unknown */
	char			*therapist;	/* author, NULL: unknown */
	unsigned		 ease_off_at;	/* of the file, or the default */
	time_t			 from, to;	/* the period reported */
	unsigned		 completed;	/* outcomes, rehearsals left out */
	unsigned		 partial;
	unsigned		 other;
	unsigned		 missed;	/* weeks over with no session */
	struct report_flag	*flag;
	size_t			 nflag;
	struct report_step	*step;		/* routine order */
	size_t			 nstep;
	double			*median;	/* of each point's ratings, -1 */
	unsigned		*week;		/* per session of the current
						 * file, else 0; NULL: none */
	unsigned		 prog_weeks;	/* of the progression, 0: none */
	struct progress		 prog;		/* where the client is now */
	struct hist_note	*note;		/* notes and check-ins */
	size_t			 nnote;
	size_t			 nwords;	/* of them notes */
	int			*sore24;	/* per session: soreness 24 h */
	int			*sore48;	/* and 48 h after, -1: none */
};

/* What a writer is given. */
struct report_ctx {
	FILE			*f;
	struct history		*h;
	const struct report_opts *o;
	struct report_rt	*v;
	size_t			 n;
};

/* A report format: its name and its writer (-1 with *cause). */
struct report_writer {
	const char	*name;
	int		(*write)(struct report_ctx *, char **cause);
};

int	 report_text(struct report_ctx *, char **);
int	 report_markdown(struct report_ctx *, char **);
int	 report_csv(struct report_ctx *, char **);
int	 report_json(struct report_ctx *, char **);
int	 report_html(struct report_ctx *, char **);
int	 report_fhir(struct report_ctx *, char **);

/* report_model.c */
int	 report_model_gather(struct history *, const struct report_opts *,
	     struct hist_routine *, struct report_rt *, char **cause);
/* The same for every routine the options ask for, in one pass over the
 * history: the routines (*n, history_routines_free()) and their reports
 * (*done gathered, report_model_free() each, then free()). */
int	 report_model_gather_all(struct history *, const struct report_opts *,
	     struct hist_routine **, size_t *n, struct report_rt **,
	     size_t *done, char **cause);
void	 report_model_free(struct report_rt *);
const char *report_flag_name(enum report_flag_kind);
/* Whether event i of rr is of a session that is no rehearsal. */
bool	 report_model_real(const struct report_rt *, size_t);
/* A flag in words, without its date and place: "rated 10". */
char	*report_flag_text(const struct report_flag *);
bool	 report_clock_wrong(const struct hist_session *, time_t now);
/* Whether two of the history's strings are the same (interned: most
 * often the same pointer). */
bool	 report_model_same(const char *, const char *);
/* Whether an event is at the point (title, point, side). */
bool	 report_model_at(const struct report_ev *, const char *title,
	    const char *point, const char *side);
int64_t	 report_span(const struct hist_session *, time_t now);
bool	 report_iso(char *, size_t, time_t);
void	 report_local(char *, size_t, const char *fmt, time_t);
void	 report_dur(char *, size_t, int64_t);
const char *report_marks(const struct hist_session *, time_t now);
char	*report_progression_text(const struct report_rt *);
/* "3 per week for 2 weeks (from the routine file)". */
char	*report_frequency_text(const struct report_rt *);
/* "4 completed, 1 partial, 1 other; 1 week missed". */
char	*report_done_text(const struct report_rt *);

/* report_notes.c: a check-in less than REPORT_SORE_SPLIT after a
 * session's end is its soreness 24 h after, one less than
 * REPORT_SORE_UNTIL after it its soreness 48 h after. */
#define REPORT_SORE_SPLIT	(36 * 3600)
#define REPORT_SORE_UNTIL	(72 * 3600)
int	 report_notes_gather(struct history *, const struct hist_filter *,
	     struct report_rt *, char **cause);
void	 report_notes_free(struct report_rt *);
/* The soreness table and the notes, for the text or Markdown report;
 * nothing when there are none. */
void	 report_notes_write(FILE *, const struct report_rt *, bool md);
/* The same as HTML, every text sanitised and escaped. */
void	 report_notes_html(FILE *, const struct report_rt *);

/* report_steps.c */
void	 report_steps_gather(struct report_rt *);
/* Whether st is an exercise (sets, reps and difficulty to show). */
bool	 report_steps_exercise(const struct report_step *);
/* "8 of 9 sets, 26 of 30 reps; easy 1, ok 2, hard 0". */
char	*report_steps_exercise_text(const struct report_step *);
/* A point's peaks as a sparkline of block characters. */
void	 report_steps_spark(FILE *, const struct hist_point *);

/* report_text.c, shared with report_markdown.c */
void	 report_puts(FILE *, const char *, bool md);
void	 report_num(FILE *, double, const char *none);
void	 report_int(FILE *, int64_t, const char *none);
void	 report_point_name(FILE *, const char *title, const char *side,
	     bool md);
void	 report_releases(FILE *, const struct hist_point *);
void	 report_peaks(FILE *, const struct hist_point *);
void	 report_points(char *, size_t, char *, size_t,
	     const struct hist_session *);
void	 report_pain(char *, size_t, const struct hist_session *);
/* A step's name: its number from 1, title, side and kind. */
void	 report_step_name(FILE *, const struct report_step *, bool md);
/* A flag as one line: date, routine, point and what happened. */
void	 report_flag_line(FILE *, const struct report_rt *,
	     const struct report_flag *, bool md);
/* The flags, each kind under its heading; nothing if there is none. */
void	 report_flags(FILE *, const struct report_rt *, size_t, bool md);
/* Who and what: client, therapist, versions, signature, period, the
 * prescription and what was done. */
void	 report_who(FILE *, const struct report_rt *, bool md);

/* report_json.c, shared with report_history.c */
struct json;
void	 report_json_session(struct json *, const struct hist_session *,
	     bool routine, time_t now);

#endif
