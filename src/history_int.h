/* SPDX-License-Identifier: GPL-3.0-or-later */
/* history_int.h: what history.c, history_write.c and history_query.c
 * share inside: the handle, the sessions and events waiting to be
 * written, and the SQLite helpers. */
#ifndef UNKNOT_HISTORY_INT_H
#define UNKNOT_HISTORY_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <sqlite3.h>

#include "session.h"

/* A step of the routine, as stored with its events. */
struct hist_step {
	char		*kind;
	char		*title;
	char		*point;
};

/* A session begun through this handle. */
struct hist_sess {
	int64_t		 id;		/* in the database, -1 until written */
	int64_t		 new_id;	/* id inside an uncommitted write */
	char		*routine_id;
	char		*title;
	char		*sha256;
	time_t		 start;
	unsigned	 per_week, weeks, points, seconds, hold_seconds;
	unsigned	 week;		/* of the progression, 0: none */
	char		*week_note;	/* told at the start, or "" */
	struct hist_step *steps;
	unsigned	 n_steps;
	unsigned	 seq;		/* last sequence number given */
};

/* An event waiting to be written. */
struct hist_pend {
	struct hist_sess	*s;
	unsigned		 seq;
	enum sess_act_kind	 kind;
	int			 step;
	unsigned		 side;
	int			 value;
	int64_t			 arg;
	int64_t			 at;
	time_t			 wall;
};

struct history {
	char		 *path;
	bool		  create;	/* history_open(): may create the file */
	bool		  absent;	/* read mode: there is no file */
	bool		  newer;	/* from a newer unknot: never written */
	sqlite3		 *db;
	bool		  ready;	/* schema is current */
	struct hist_sess **sessions;
	size_t		  n_sessions;
	struct hist_pend *pend;
	size_t		  n_pend;
	bool		  failing;	/* the last write failed */
	bool		  told_fail;
	bool		  told_back;
	bool		  ro;		/* read mode: opened read-only, as is */
	bool		  peek;		/* a damaged file is not moved aside */
	int		  busy_left;	/* ms the busy handler may still wait */
	char		 *err_why;	/* why the last write failed, in words */
	char		 *err_file;	/* and the file it is about */
	int		  open_rc;	/* why the last connect failed */
	int		  open_errno;
	int		  query_rc;	/* why the last query failed */
	bool		  err_busy;	/* the last write found it locked */
	char		**notices;
	size_t		  n_notices;
	char		 *notice_out;	/* the one handed out last */
};

/* history.c: messages, SQLite helpers, the connection. */
void		 history_notice(struct history *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
void		 history_dberr(sqlite3 *, const char *what, char **cause);
int		 history_exec(sqlite3 *, const char *sql, char **cause);
sqlite3_stmt	*history_prepare(sqlite3 *, const char *sql, char **cause);
char		*history_col(sqlite3_stmt *, int i);
int64_t		 history_coli(sqlite3_stmt *, int i, int64_t dflt);
const char	*history_side(unsigned side);
bool		 history_stored(enum sess_act_kind);
void		 history_errcode(const struct history *, int *rc, int *err);
void		 history_blame(struct history *, int rc, int err,
		    const char *what);
int		 history_check_rc(struct history *, int rc, char **cause);
int		 history_ready(struct history *, char **cause);
int64_t		 history_has_week(sqlite3 *, int *rc);
int64_t		 history_has_notes(sqlite3 *, int *rc);

/* history_query.c: the query helpers history_scan.c shares. A session
 * whose end the sessions query did not read has this end. */
#define HISTORY_END_UNKNOWN	((time_t)INT64_MIN)
struct hist_filter;
struct hist_session;
struct hist_point;
struct hist_sample;
int		 history_query_ready(struct history *, char **cause);
sqlite3_stmt	*history_query_prepare(struct history *, const char *sql,
		    char **cause);
int		 history_query_next(struct history *, sqlite3_stmt *,
		    char **cause);
int		 history_query_failed(struct history *, char **cause);
/* The strings of lean sessions, one copy each (strtab.h): theirs. */
struct history_lean {
	char	**str;
	size_t	  nstr, used;
};
int		 history_query_sessions(struct history *,
		    const struct hist_filter *, struct history_lean *,
		    struct hist_session **, size_t *, char **cause);
struct hist_routine;
void		 history_query_routines_of(struct history *,
		    const struct hist_filter *, struct hist_session *,
		    size_t, struct hist_routine **, size_t *);
/* Points gathered from samples in order of title, point and side. */
struct history_point_rows {
	struct hist_point	**out;
	size_t			 *n;
	struct hist_point	 *p;	/* the one being gathered */
	double			  sum;	/* of its ratings */
};
void		 history_query_points_begin(struct history_point_rows *,
		    struct hist_point **, size_t *);
void		 history_query_points_add(struct history_point_rows *,
		    const char *title, const char *point, const char *side,
		    int step, const struct hist_sample *);
void		 history_query_points_end(struct history_point_rows *);

/* history_write.c: the sessions kept by the handle, failed writes. */
void		 history_sess_free(struct hist_sess *);
void		 history_tell_fail(struct history *, const char *verb);
void		 history_bind_text(sqlite3_stmt *, int i, const char *);

#endif
