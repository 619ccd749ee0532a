/* SPDX-License-Identifier: GPL-3.0-or-later */
/* history.h: the session history, a local SQLite database.
 *
 * One file, $XDG_DATA_HOME/unknot/history.db by default, created on first
 * use, in WAL mode, its schema versioned with PRAGMA user_version and
 * migrated forward one version at a time.
 *
 * Writing (the run loop):
 *
 *	h = history_open(NULL, &cause);		   never NULL
 *	sid = history_begin(h, rt, time(NULL));
 *	for each action the engine emits:
 *		history_record(h, sid, &act, time(NULL));
 *		if ((msg = history_take_notice(h)) != NULL) show msg;
 *	history_close(h);
 *
 * Every event is committed before history_record() returns, so a kill -9
 * loses at most the event in flight and never corrupts the file. When it
 * cannot be written (a read-only or full disk, the database locked by
 * another program, a directory that cannot be created), the events are kept in memory, in order, and written at the
 * next history_record(), history_flush() or history_close(); the person is
 * told once through history_take_notice(), in words that name the file
 * at fault (the database, its -wal or -shm file, its directory). Another
 * program holding the file locked costs the session HISTORY_RETRY_MS once,
 * not at every event. At the end, history_unsaved() says what was lost.
 * A file that fails PRAGMA integrity_check where a session starts, or
 * that any statement finds damaged (SQLITE_CORRUPT, SQLITE_NOTADB), is
 * moved aside to history.db.corrupt-YYYYmmddTHHMMSS (UTC), never
 * overwritten, and a notice says so.
 *
 * Reading (unknot history, report, remind, the history screen): open with
 * history_open_read(), which never creates anything and runs no check,
 * then the query functions below. A history this user cannot write (a
 * read-only directory or file system) is read as it is (immutable=1),
 * with a notice. A file whose user_version was lost (sqlite3's .dump) gets
 * it from its tables and has it repaired.
 *
 * Every time is UTC seconds since the epoch; every
 * discomfort rating is 0-10 and -1 means "none". Strings in results are
 * owned by the result and freed with its _free function.
 *
 * What is stored (schema version 4):
 *   sessions: id, routine_id, title, sha256 (of the routine file), started,
 *	ended (NULL until finished), outcome (session_outcome_name(): completed,
 *	partial, stopped, interrupted, abandoned; NULL if the process died
 *	first), signal, pre_pain, post_pain, per_week, weeks (the routine's
 *	frequency at the time), points (point holds in the routine: hold steps
 *	times sides), seconds (nominal length), rehearsal (0; 1 time scaled,
 *	2 unattended: never counted), hold_seconds (prescribed hold time: hold
 *	seconds times sides), week (the week of the routine's progression the
 *	session ran at, 1-based; 0: no progression, or recorded before
 *	version 4), week_note (what was told of it at the start, or "").
 *   events: session_id, seq (1-based), kind (session_act_name()), step
 *	(index, -1 outside steps), step_kind (routine_kind_name()), title (the
 *	step's display title), point (where the point is), side ("left",
 *	"right" or ""), value, arg (ms), at_ms (session ms), wall (UTC s),
 *	status (session_status_name() of a step_end or status event, else
 *	""; the latest of a step and side is what became of it).
 * Version 3 upgrades older files in place: step_end events get the status
 * their next event shows (release: let_go; skip or prev: skipped; the
 * finish of a stopped session: not_reached; else done), completed sessions
 * with a skipped hold or exercise become partial, and stopped ones that
 * never began a step abandoned. Version 4 adds the week; older sessions
 * get 0. A history of version 3 that cannot be written is read as it is,
 * every week 0.
 *
 * A session counts towards adherence (hist_session.counts) when it is not
 * a rehearsal and is completed, or spent at least half its prescribed hold
 * time in holds before it ended partial, stopped or interrupted.
 */
#ifndef UNKNOT_HISTORY_H
#define UNKNOT_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "routine.h"
#include "session.h"

#define HISTORY_VERSION		4	/* PRAGMA user_version written */
#define HISTORY_READS_FROM	3	/* an older file read as it is (read
					 * only) is read from this version */
#define HISTORY_BUSY_MS		5000	/* a reader waits this long for a lock */
#define HISTORY_RETRY_MS	100	/* a session, once per lock */

struct history;

/* Open (creating it and its directory if needed) the history at path, NULL
 * for the default, and check it (integrity_check). Never NULL, and cause
 * is not set: a history that cannot be opened now keeps events in memory
 * and retries; one that belongs to a newer unknot is left alone and its
 * events are never written. A notice says so. */
struct history	*history_open(const char *path, char **cause);
/* Open an existing history for the queries without creating anything. A
 * missing file gives a history with no sessions. NULL with *cause if the
 * file cannot be read; a corrupt one is moved aside (see the notice). */
struct history	*history_open_read(const char *path, char **cause);
/* Start recording a session of rt at start_utc. Returns its id in the
 * database, or -1 if it could not be written yet: it is then kept in memory
 * and -1 may be passed to history_record() for the latest session. */
int64_t		 history_begin(struct history *, const struct routine *,
		     time_t start_utc);
/* Record one engine action of session sid (-1: the latest begun) that
 * happened at wall. Stores SA_PRE_PAIN .. SA_FINISH and ignores the display
 * actions; SA_PRE_PAIN/SA_POST_PAIN also set the session's ratings and
 * SA_FINISH its outcome and end time. */
void		 history_record(struct history *, int64_t sid,
		     const struct sess_action *, time_t wall);
/* Write what is kept in memory now; returns the number of events still not
 * written (0: all saved), with a notice if that is not 0. */
size_t		 history_flush(struct history *);
/* The next message for the person (history not writable, written again,
 * corrupt file moved aside), each told once; NULL if none. Valid until the
 * next call or history_close(). */
const char	*history_take_notice(struct history *);
/* What of the latest session is not saved, as a sentence for the person
 * ("Nothing of this session was saved: the disk is full (FILE)"), or
 * NULL if everything is; call after history_flush(). Free it. */
char		*history_unsaved(const struct history *);
/* Flush and close; NULL is allowed. */
void		 history_close(struct history *);
/* The database file's name. */
const char	*history_path(const struct history *);
/* The default database file's name, to be freed. */
char		*history_default_path(void);
/* For tests only: run SQL on the connection (e.g. PRAGMA query_only = 1,
 * PRAGMA max_page_count, BEGIN IMMEDIATE), -1 with *cause on an error. */
int		 history_test_exec(struct history *, const char *sql,
		     char **cause);

/* Which sessions a query covers. */
struct hist_filter {
	const char	*routine_id;	/* NULL: all routines */
	time_t		 since;		/* started at or after, 0: all */
	time_t		 until;		/* started before, 0: no limit */
	bool		 rehearsals;	/* history_routines(): also routines
					 * with nothing but rehearsals */
};

/* One session, as `unknot history` shows it. */
struct hist_session {
	int64_t		 id;
	char		*routine_id;
	char		*title;		/* the routine's title */
	char		*sha256;	/* of the routine file */
	time_t		 start;
	time_t		 end;		/* ended, or the last event if it never
					 * finished; start if no event */
	int		 finished;	/* 1 if SA_FINISH was recorded */
	char		*outcome;	/* completed, stopped, interrupted, or
					 * "unfinished" (the process died) */
	int		 signal;	/* for "interrupted", else 0 */
	int		 pre_pain;	/* -1: not given */
	int		 post_pain;
	unsigned	 per_week;	/* frequency stored with the session */
	unsigned	 weeks;
	unsigned	 points_total;	/* point holds in the routine */
	unsigned	 points_done;	/* point holds ended and not skipped */
	int		 peak;		/* highest discomfort rating, -1 none */
	unsigned	 seconds;	/* nominal length of the routine */
	int64_t		 active_ms;	/* session time (pauses excluded) */
	unsigned	 n_events;
	int		 rehearsal;	/* 0, 1 time scaled, 2 unattended */
	unsigned	 hold_seconds;	/* prescribed hold time */
	int64_t		 hold_done_ms;	/* time spent in holds */
	bool		 counts;	/* towards adherence (see above) */
	char		*not_done;	/* "Trap, right: skipped; ..." or "" */
	char		*symptoms;	/* where symptoms were reported: "Trap,
					 * left; ..." or "" */
	unsigned	 week;		/* of the progression, 0: none known */
	char		*week_note;	/* told at the start, or "" */
};
/* Whether a finished session counts towards adherence. */
bool	history_counts(const struct hist_session *);

/* Sessions matching f (NULL: all), newest first. 0, or -1 with *cause. */
int	history_sessions(struct history *, const struct hist_filter *,
	    struct hist_session **, size_t *, char **cause);
void	history_sessions_free(struct hist_session *, size_t);

/* One recorded event, for CSV export. */
struct hist_event {
	int64_t		 session_id;
	time_t		 session_start;
	char		*routine_id;
	char		*sha256;
	unsigned	 seq;
	char		*kind;		/* session_act_name() */
	int		 step;		/* -1 outside steps */
	char		*step_kind;	/* routine_kind_name(), "" outside */
	char		*title;		/* the step's title, "" outside */
	char		*point;
	char		*side;		/* "left", "right" or "" */
	int		 value;
	int64_t		 arg;		/* ms */
	int64_t		 at_ms;		/* session time */
	time_t		 wall;
};

/* Events of the sessions matching f (NULL: all), oldest session first, in
 * order within each. 0, or -1 with *cause. */
int	history_events(struct history *, const struct hist_filter *,
	    struct hist_event **, size_t *, char **cause);
void	history_events_free(struct hist_event *, size_t);

/* One point of one session: what happened while holding it. */
struct hist_sample {
	int64_t		 session_id;
	time_t		 start;		/* of the session */
	int		 peak;		/* highest rating, -1 if none */
	double		 avg;		/* mean rating, -1 if none */
	unsigned	 ratings;	/* number of ratings */
	unsigned	 ease_offs;
	unsigned	 bracing;
	unsigned	 skips;
	int64_t		 release_ms;	/* time to release, -1 if none */
	int64_t		 hold_ms;	/* time spent holding (step ends) */
};

/* A point (a hold step, by title, point text and side) over sessions. */
struct hist_point {
	char			*title;
	char			*point;
	char			*side;		/* "left", "right" or "" */
	int			 step;		/* lowest step index seen */
	struct hist_sample	*v;		/* oldest session first */
	size_t			 n;
	/* Over all samples: */
	int			 peak;		/* -1 if no rating */
	double			 avg;		/* mean of all ratings, -1 */
	unsigned		 ratings;
	unsigned		 ease_offs;
	unsigned		 bracing;
	unsigned		 skips;
	unsigned		 releases;	/* samples with a release */
};

/* The points of f->routine_id (required) over the sessions matching f, in
 * routine order (step, then left before right). For sparklines: v[i].peak,
 * v[i].avg and v[i].release_ms per session. 0, or -1 with *cause. */
int	history_points(struct history *, const struct hist_filter *,
	    struct hist_point **, size_t *, char **cause);
void	history_points_free(struct hist_point *, size_t);

/* One routine that has sessions. */
struct hist_routine {
	char		*id;
	char		*title;		/* from its latest session */
	char		*sha256;	/* of its latest session */
	unsigned	 per_week;	/* of its latest session */
	unsigned	 weeks;
	unsigned	 seconds;
	size_t		 sessions;	/* all sessions */
	size_t		 completed;	/* outcome "completed" */
	time_t		 first;		/* start of the first session */
	time_t		 last;		/* start of the latest session */
	time_t		 last_end;	/* end of the latest session */
	/* The current prescription: sessions with the latest sha256. */
	time_t		 program_start;	/* first of them */
	size_t		 program_done;	/* completed among them */
	time_t		 last_done;	/* start of the latest completed one, or
					 * 0 if none was ever completed */
	bool		 holds;		/* the routine has pressure holds */
	bool		 last_held;	/* the latest session spent time in
					 * them: its aftercare is for
					 * trigger-point work */
	/* Not from the history: the routine file's own check-ins, set by
	 * the caller for remind (none by default). */
	const struct rt_checkin *checkins;
	unsigned	 n_checkins;
	bool		 no_standard_checkins; /* standard_checkins: false */
};

/* Routines with sessions matching f (NULL: all; f->routine_id picks one),
 * most recently used first. 0, or -1 with *cause. */
int	history_routines(struct history *, const struct hist_filter *,
	    struct hist_routine **, size_t *, char **cause);
void	history_routines_free(struct hist_routine *, size_t);

#endif
