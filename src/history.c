/* SPDX-License-Identifier: GPL-3.0-or-later */
/* history.c: the session history in SQLite: schema, migrations, writes
 * that survive a kill -9 or a full disk, and the queries. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "history.h"
#include "routine.h"
#include "session.h"
#include "util.h"

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

/* Version 0 -> 1: the first schema. */
static const char history_v1[] =
	"CREATE TABLE sessions ("
	" id INTEGER PRIMARY KEY,"
	" routine_id TEXT NOT NULL,"
	" title TEXT NOT NULL,"
	" sha256 TEXT NOT NULL,"
	" started INTEGER NOT NULL,"
	" ended INTEGER,"
	" outcome TEXT,"
	" signal INTEGER NOT NULL DEFAULT 0,"
	" pre_pain INTEGER,"
	" post_pain INTEGER);"
	"CREATE TABLE events ("
	" session_id INTEGER NOT NULL REFERENCES sessions(id),"
	" seq INTEGER NOT NULL,"
	" kind TEXT NOT NULL,"
	" step INTEGER NOT NULL,"
	" title TEXT NOT NULL DEFAULT '',"
	" side TEXT NOT NULL DEFAULT '',"
	" value INTEGER NOT NULL DEFAULT 0,"
	" arg INTEGER NOT NULL DEFAULT 0,"
	" at_ms INTEGER NOT NULL,"
	" wall INTEGER NOT NULL,"
	" PRIMARY KEY (session_id, seq));";

/* Version 1 -> 2: the frequency and size of the routine with each session,
 * the kind and point text of each step; steps of version 1 that were rated
 * or released are taken to be holds. ?1..?4: rating, ease-off, bracing and
 * release names. */
static const char history_v2[] =
	"ALTER TABLE sessions ADD COLUMN per_week INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE sessions ADD COLUMN weeks INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE sessions ADD COLUMN points INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE sessions ADD COLUMN seconds INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE events ADD COLUMN step_kind TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE events ADD COLUMN point TEXT NOT NULL DEFAULT '';"
	"UPDATE events SET step_kind = 'hold' WHERE step >= 0 AND EXISTS"
	" (SELECT 1 FROM events r WHERE r.session_id = events.session_id"
	"  AND r.step = events.step AND r.kind IN (%Q, %Q, %Q, %Q));"
	"UPDATE sessions SET points = (SELECT count(*) FROM"
	" (SELECT DISTINCT e.step, e.side FROM events e"
	"  WHERE e.session_id = sessions.id AND e.step_kind = 'hold'));"
	"CREATE INDEX sessions_routine ON sessions (routine_id, started);";

/* Version 2 -> 3: what became of every side, rehearsals, the prescribed
 * hold time; old step ends get the status their next event shows, and
 * old outcomes follow the rules of version 3 (see history.h). */
static const char history_v3[] =
	"ALTER TABLE sessions ADD COLUMN rehearsal INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE sessions ADD COLUMN hold_seconds INTEGER NOT NULL"
	" DEFAULT 0;"
	"ALTER TABLE events ADD COLUMN status TEXT NOT NULL DEFAULT '';"
	"UPDATE events SET status = coalesce((SELECT CASE"
	"  WHEN n.kind = 'release' THEN 'let_go'"
	"  WHEN n.kind IN ('skip', 'prev') THEN 'skipped'"
	"  WHEN n.kind = 'finish' AND n.value IN (1, 2) THEN 'not_reached'"
	"  ELSE 'done' END FROM events n WHERE n.session_id = events.session_id"
	"  AND n.seq = events.seq + 1), 'not_reached')"
	" WHERE kind = 'step_end';"
	"UPDATE sessions SET outcome = 'partial' WHERE outcome = 'completed'"
	" AND EXISTS (SELECT 1 FROM events e WHERE e.session_id = sessions.id"
	"  AND e.kind = 'step_end' AND e.status = 'skipped'"
	"  AND e.step_kind IN ('hold', 'exercise'));"
	"UPDATE sessions SET outcome = 'abandoned'"
	" WHERE outcome IN ('stopped', 'interrupted') AND NOT EXISTS"
	" (SELECT 1 FROM events e WHERE e.session_id = sessions.id"
	"  AND e.kind = 'step_start');";

/* Version 3 -> 4: the week of the progression each session ran at, and
 * what was told of it; older sessions have none recorded (0). */
static const char history_v4[] =
	"ALTER TABLE sessions ADD COLUMN week INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE sessions ADD COLUMN week_note TEXT NOT NULL DEFAULT '';";

static void	history_notice(struct history *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static int	history_ready(struct history *, char **);
static void	history_blame(struct history *, int, int, const char *);
static void	history_tell_fail(struct history *, const char *);

/* Queue a message for the person. */
static void
history_notice(struct history *h, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	h->notices = xreallocarray(h->notices, h->n_notices + 1,
	    sizeof *h->notices);
	h->notices[h->n_notices++] = msg;
}

/* Set *cause from the connection's last error, after what if not NULL. */
static void
history_dberr(sqlite3 *db, const char *what, char **cause)
{
	const char	*msg = db != NULL ? sqlite3_errmsg(db) : "out of memory";

	if (cause == NULL)
		return;
	if (what != NULL)
		xasprintf(cause, "%s: %s", what, msg);
	else
		*cause = xstrdup(msg);
}

/* Run SQL without results; -1 with *cause. */
static int
history_exec(sqlite3 *db, const char *sql, char **cause)
{
	char	*err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		if (cause != NULL)
			*cause = xstrdup(err != NULL ? err :
			    sqlite3_errmsg(db));
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

/* Prepare a statement; NULL with *cause. */
static sqlite3_stmt *
history_prepare(sqlite3 *db, const char *sql, char **cause)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		history_dberr(db, NULL, cause);
		return NULL;
	}
	return st;
}

/* The integer result of a one-row statement such as a PRAGMA; -1 with
 * *rc set to the SQLite error. */
static int64_t
history_int(sqlite3 *db, const char *sql, int *rc)
{
	sqlite3_stmt	*st;
	int64_t		 v = -1;

	*rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (*rc != SQLITE_OK)
		return -1;
	*rc = sqlite3_step(st);
	if (*rc == SQLITE_ROW) {
		v = sqlite3_column_int64(st, 0);
		*rc = SQLITE_OK;
	} else if (*rc == SQLITE_DONE)
		*rc = SQLITE_OK;
	sqlite3_finalize(st);
	return v;
}

/* 1 if the sessions table has the week (version 4), 0 if not; -1 with
 * *rc on an error. */
static int64_t
history_has_week(sqlite3 *db, int *rc)
{
	int64_t	v;

	v = history_int(db, "SELECT count(*) FROM pragma_table_info"
	    "('sessions') WHERE name = 'week'", rc);
	return *rc != SQLITE_OK ? -1 : v > 0;
}

/* A column as a new string, "" for NULL. */
static char *
history_col(sqlite3_stmt *st, int i)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	return xstrdup(s != NULL ? (const char *)s : "");
}

/* An integer column, dflt for NULL. */
static int64_t
history_coli(sqlite3_stmt *st, int i, int64_t dflt)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return dflt;
	return sqlite3_column_int64(st, i);
}

/* The name stored for a side. */
static const char *
history_side(unsigned side)
{
	if (side == RT_SIDE_LEFT)
		return "left";
	if (side == RT_SIDE_RIGHT)
		return "right";
	return "";
}

/* True for the actions the history stores. */
static bool
history_stored(enum sess_act_kind kind)
{
	return kind >= SA_PRE_PAIN && kind <= SA_REHEARSAL;
}

/* What kind of trouble an SQLite error is, for the person. */
static bool
history_is_corrupt(int rc)
{
	rc &= 0xff;
	return rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT;
}

/* Rename from to to unless to exists; -1 with errno. */
static int
history_rename_new(const char *from, const char *to)
{
	struct stat	sb;

	if (link(from, to) == 0)
		return unlink(from);
	if (errno == EEXIST)
		return -1;
	/* No hard links here: check, then rename. */
	if (lstat(to, &sb) == 0) {
		errno = EEXIST;
		return -1;
	}
	return rename(from, to);
}

/* Move a corrupt database (and its WAL) aside; the new name, or NULL with
 * *cause. */
static char *
history_move_aside(const char *path, char **cause)
{
	char		 stamp[32], *to, *from_wal, *to_wal;
	struct tm	 tm;
	time_t		 now = time(NULL);
	unsigned	 i;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm);
	for (i = 0; ; i++) {
		if (i == 0)
			xasprintf(&to, "%s.corrupt-%s", path, stamp);
		else
			xasprintf(&to, "%s.corrupt-%s.%u", path, stamp, i);
		if (history_rename_new(path, to) == 0)
			break;
		if (errno != EEXIST || i == 99) {
			xasprintf(cause, "cannot move %s aside: %s", path,
			    strerror(errno));
			free(to);
			return NULL;
		}
		free(to);
	}
	/* The WAL belongs to the old file; the shared memory index is
	 * rebuilt from it. */
	xasprintf(&from_wal, "%s-wal", path);
	xasprintf(&to_wal, "%s-wal", to);
	if (access(from_wal, F_OK) == 0)
		history_rename_new(from_wal, to_wal);
	free(from_wal);
	free(to_wal);
	xasprintf(&from_wal, "%s-shm", path);
	unlink(from_wal);
	free(from_wal);
	return to;
}

/* The first problem integrity_check reports, on one line. */
static char *
history_first_problem(const char *s)
{
	const char	*nl;
	size_t		 len;

	if (s == NULL)
		return xstrdup("integrity check failed");
	/* Skip "*** in database main ***". */
	if (strncmp(s, "***", 3) == 0 && (nl = strchr(s, '\n')) != NULL)
		s = nl + 1;
	len = strcspn(s, "\n");
	return xstrndup(s, len < 100 ? len : 100);
}

/* Check the file is a sound database: 0 ok, 1 corrupt (*why says how), -1
 * could not tell now (*cause). */
static int
history_check(sqlite3 *db, char **why, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc, r;
	const char	*s;

	rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check(1)", -1, &st,
	    NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		s = (const char *)sqlite3_column_text(st, 0);
		if (s != NULL && strcmp(s, "ok") == 0)
			r = 0;
		else {
			*why = history_first_problem(s);
			r = 1;
		}
	} else if (history_is_corrupt(rc)) {
		*why = xstrdup(sqlite3_errstr(rc));
		r = 1;
	} else {
		history_dberr(db, NULL, cause);
		r = -1;
	}
	sqlite3_finalize(st);
	return r;
}

/* The directory of the history, as a new string. */
static char *
history_dir(const char *path)
{
	const char	*slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* The files of the history that cannot be written (the database, its
 * -wal and -shm files, or else its directory), joined by ", ", and *why
 * in words; NULL if they all can. */
static char *
history_unwritable(const struct history *h, const char **why)
{
	static const char	*sfx[] = { "", "-wal", "-shm" };
	char			*f, *list = NULL, *t;
	size_t			 i, n = 0;

	for (i = 0; i < nitems(sfx); i++) {
		xasprintf(&f, "%s%s", h->path, sfx[i]);
		if (access(f, F_OK) == 0 && access(f, W_OK) != 0) {
			*why = errno == EROFS ? "the file system is read-only" :
			    "read-only";
			if (list == NULL)
				list = f;
			else {
				xasprintf(&t, "%s, %s", list, f);
				free(list);
				free(f);
				list = t;
			}
			n++;
		} else
			free(f);
	}
	if (n != 0) {
		if (strcmp(*why, "read-only") == 0)
			*why = n > 1 ? "the files are read-only" :
			    "the file is read-only";
		return list;
	}
	f = history_dir(h->path);
	if (access(f, W_OK) != 0) {
		*why = errno == EROFS ? "the file system is read-only" :
		    "its directory is read-only";
		return f;
	}
	free(f);
	return NULL;
}

/* The SQLite code and errno of the last failure: the connection's, or
 * the failed connect's when there is none. */
static void
history_errcode(const struct history *h, int *rc, int *err)
{
	if (h->db != NULL) {
		*rc = sqlite3_extended_errcode(h->db);
		*err = sqlite3_system_errno(h->db);
	} else {
		*rc = h->open_rc;
		*err = h->open_errno;
	}
}

/* Keep, in words a person understands, why the history could not be
 * written (SQLite's extended code rc and the system's errno err, or 0 and
 * what) and which file is the trouble. */
static void
history_blame(struct history *h, int rc, int err, const char *what)
{
	const char	*why = NULL;
	char		*file = NULL;

	if (h->newer)
		why = "it was written by a newer version of unknot";
	else if ((rc & 0xff) == SQLITE_FULL || err == ENOSPC)
		why = "the disk is full";
	else if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		why = "another program has it locked";

	else if (err == EROFS)
		why = "the file system is read-only";
	else if (rc == SQLITE_READONLY_DBMOVED)
		why = "it was moved or deleted";
	else if ((rc & 0xff) == SQLITE_READONLY ||
	    (rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_PERM ||
	    (rc & 0xff) == SQLITE_IOERR || err == EACCES || err == EPERM)
		file = history_unwritable(h, &why);
	h->err_busy = !h->newer && ((rc & 0xff) == SQLITE_BUSY ||
	    (rc & 0xff) == SQLITE_LOCKED);
	if (why == NULL)
		why = what != NULL ? what : rc != 0 ? sqlite3_errstr(rc) :
		    "unknown error";
	free(h->err_why);
	h->err_why = xstrdup(why);
	free(h->err_file);
	h->err_file = file != NULL ? file : xstrdup(h->path);
}

/* The busy handler: wait for another connection's lock while the
 * handle's budget lasts. A session spends it once per lock (it is given
 * back by the next write that works), so a history another program keeps
 * locked costs the session at most HISTORY_RETRY_MS. */
static int
history_busy(void *arg, int count)
{
	struct history	*h = arg;
	int		 ms = count < 4 ? 1 << count : 10;

	if (h->busy_left <= 0)
		return 0;
	if (ms > h->busy_left)
		ms = h->busy_left;
	sqlite3_sleep(ms);
	h->busy_left -= ms;
	return 1;
}

/* The URI that opens path read-only without locks or a -shm file
 * (immutable=1), for a history on read-only media. */
static char *
history_uri(const char *path)
{
	char		*uri, *p;
	const char	*s;

	uri = xmalloc(strlen(path) * 3 + 32);
	p = uri + sprintf(uri, "file:");
	for (s = path; *s != '\0'; s++) {
		if (*s == '%' || *s == '?' || *s == '#')
			p += sprintf(p, "%%%02X", (unsigned char)*s);
		else
			*p++ = *s;
	}
	strcpy(p, "?immutable=1");
	return uri;
}

/* True if the history (the file or its directory) cannot be written by
 * us, so that a reader must not try to make a -shm file or lock it. */
static bool
history_read_only(const struct history *h)
{
	char	*dir = history_dir(h->path);
	bool	 ro;

	ro = access(h->path, W_OK) != 0 || access(dir, W_OK) != 0;
	free(dir);
	return ro;
}

/* Open the connection; -1 with *cause (try again later). Read mode opens
 * a history it cannot write read-only, as it is, and says so. */
static int
history_connect(struct history *h, char **cause)
{
	char		*dir, *uri = NULL, *wal;
	int		 flags;
	struct stat	 sb;

	h->open_rc = h->open_errno = 0;
	if (h->create) {
		dir = history_dir(h->path);
		if (util_mkdirs(dir, cause) != 0) {
			free(dir);
			return -1;
		}
		free(dir);
		flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	} else {
		if (stat(h->path, &sb) == -1 && errno == ENOENT) {
			h->absent = true;
			return 0;
		}
		flags = SQLITE_OPEN_READWRITE;
		if (history_read_only(h)) {
			uri = history_uri(h->path);
			flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
			xasprintf(&wal, "%s-wal", h->path);
			history_notice(h, "history: %s is read-only; it is "
			    "read as it is%s", h->path, stat(wal, &sb) == 0 &&
			    sb.st_size > 0 ? " (without its -wal file)" : "");
			free(wal);
			h->ro = true;
		}
	}
	if (sqlite3_open_v2(uri != NULL ? uri : h->path, &h->db, flags,
	    NULL) != SQLITE_OK) {
		history_dberr(h->db, h->path, cause);
		h->open_rc = sqlite3_extended_errcode(h->db);
		h->open_errno = sqlite3_system_errno(h->db);
		sqlite3_close(h->db);
		h->db = NULL;
		free(uri);
		return -1;
	}
	free(uri);
	sqlite3_busy_handler(h->db, history_busy, h);
	sqlite3_extended_result_codes(h->db, 1);
	if (h->create) {
		/* Both may fail on a read-only file; writes will say so. */
		sqlite3_exec(h->db, "PRAGMA journal_mode = WAL", NULL, NULL,
		    NULL);
		sqlite3_exec(h->db, "PRAGMA synchronous = NORMAL", NULL, NULL,
		    NULL);
	}
	sqlite3_exec(h->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	return 0;
}

/* The file is damaged (why): close it, move it aside, say so, and start
 * again: a new file for recording, none for reading. The sessions of
 * this handle are written again, with what is still in memory. -1 with
 * *cause if it could not be moved. */
static int
history_damaged(struct history *h, const char *why, char **cause)
{
	char	*moved;
	size_t	 i;

	sqlite3_close(h->db);
	h->db = NULL;
	h->ready = false;
	if ((moved = history_move_aside(h->path, cause)) == NULL)
		return -1;
	history_notice(h, "history: %s is damaged (%s); it was moved aside "
	    "to %s%s", h->path, why, moved, h->create ?
	    " and a new history started" : "");
	free(moved);
	for (i = 0; i < h->n_sessions; i++)
		h->sessions[i]->id = h->sessions[i]->new_id = -1;
	if (!h->create)
		h->absent = true;
	return 0;
}

/* If rc says the file is damaged, move it aside and return 1 (0 if rc
 * says something else, -1 with *cause if it could not be moved). */
static int
history_check_rc(struct history *h, int rc, char **cause)
{
	if (!history_is_corrupt(rc) || h->ro)
		return 0;
	if (history_damaged(h, sqlite3_errstr(rc), cause) != 0)
		return -1;
	return 1;
}

/* The full check where a session starts recording: a damaged file is
 * moved aside and a new one started. -1 with *cause. */
static int
history_check_full(struct history *h, char **cause)
{
	char	*why = NULL, *err = NULL;
	int	 r;

	if (h->db == NULL)
		return 0;
	r = history_check(h->db, &why, &err);
	/* Locked, say: the writes will tell. */
	free(err);
	if (r != 1)
		return 0;
	r = history_damaged(h, why, cause);
	free(why);
	if (r != 0)
		return -1;
	return history_connect(h, cause);
}

/* Run the migration from version v to v + 1. */
static int
history_migrate_one(sqlite3 *db, int v, char **cause)
{
	char	*sql;
	int	 r;

	switch (v) {
	case 0:
		return history_exec(db, history_v1, cause);
	case 1:
		sql = sqlite3_mprintf(history_v2, session_act_name(SA_RATING),
		    session_act_name(SA_EASE_OFF),
		    session_act_name(SA_BRACING),
		    session_act_name(SA_RELEASE));
		if (sql == NULL)
			fatalx("sqlite3_mprintf: out of memory");
		r = history_exec(db, sql, cause);
		sqlite3_free(sql);
		return r;
	case 2:
		return history_exec(db, history_v3, cause);
	case 3:
		return history_exec(db, history_v4, cause);
	}
	xasprintf(cause, "no migration from version %d", v);
	return -1;
}

/* The schema version the tables show, for a file whose user_version was
 * lost (sqlite3's .dump does not keep it): 4 if sessions has week, 3 if
 * it has rehearsal, 2 if it has per_week, 1 if there is a sessions table,
 * else 0; -1 with *rc on an error. */
static int64_t
history_detect(sqlite3 *db, int *rc)
{
	int64_t	v;

	v = history_int(db, "SELECT count(*) FROM sqlite_master"
	    " WHERE type = 'table' AND name = 'sessions'", rc);
	if (*rc != SQLITE_OK || v <= 0)
		return v;
	if ((v = history_has_week(db, rc)) != 0)
		return v < 0 ? -1 : 4;
	v = history_int(db, "SELECT count(*) FROM pragma_table_info"
	    "('sessions') WHERE name = 'rehearsal'", rc);
	if (*rc != SQLITE_OK)
		return -1;
	if (v > 0)
		return 3;
	v = history_int(db, "SELECT count(*) FROM pragma_table_info"
	    "('sessions') WHERE name = 'per_week'", rc);
	if (*rc != SQLITE_OK)
		return -1;
	return v > 0 ? 2 : 1;
}

/* The version of the schema: user_version, or what the tables show when
 * it is behind them. -1 with *rc. */
static int64_t
history_version(sqlite3 *db, int *rc)
{
	int64_t	v, t;

	v = history_int(db, "PRAGMA user_version", rc);
	if (*rc != SQLITE_OK || v >= HISTORY_VERSION)
		return v;
	t = history_detect(db, rc);
	return t > v ? t : v;
}

/* Bring the schema up to HISTORY_VERSION, one version at a time, in one
 * transaction, and repair user_version; -1 with *cause. */
static int
history_migrate(struct history *h, char **cause)
{
	int64_t	 v, uv;
	int	 rc;
	char	*err = NULL, *sql;

	v = history_version(h->db, &rc);
	if (rc != SQLITE_OK) {
		if ((rc = history_check_rc(h, rc, cause)) != 0)
			return rc == 1 ? history_ready(h, cause) : -1;
		history_dberr(h->db, h->path, cause);
		return -1;
	}
	if (v > HISTORY_VERSION) {
		h->newer = true;
		xasprintf(cause, "%s is version %lld, written by a newer unknot "
		    "(this one knows %d)", h->path, (long long)v,
		    HISTORY_VERSION);
		return -1;
	}
	uv = history_int(h->db, "PRAGMA user_version", &rc);
	if (v == HISTORY_VERSION && (uv == v || h->ro)) {
		h->ready = true;
		return 0;
	}
	if (history_exec(h->db, "BEGIN IMMEDIATE", cause) != 0)
		goto unrepaired;
	/* Another unknot may have migrated it meanwhile. */
	v = history_version(h->db, &rc);
	if (rc != SQLITE_OK) {
		history_dberr(h->db, h->path, cause);
		goto fail;
	}
	for (; v < HISTORY_VERSION; v++) {
		if (history_migrate_one(h->db, (int)v, &err) != 0) {
			xasprintf(cause, "%s: upgrading from version %lld: %s",
			    h->path, (long long)v, err);
			free(err);
			goto fail;
		}
	}
	xasprintf(&sql, "PRAGMA user_version = %lld", (long long)v);
	if (history_exec(h->db, sql, cause) != 0) {
		free(sql);
		goto fail;
	}
	free(sql);
	if (history_exec(h->db, "COMMIT", cause) != 0)
		goto fail;
	h->ready = true;
	return 0;
fail:
	sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
unrepaired:
	/* Only user_version was behind, or a file that cannot be upgraded
	 * is recent enough to be read as it is. */
	if (!h->create && ((v = history_version(h->db, &rc)) ==
	    HISTORY_VERSION || (h->ro && v >= HISTORY_READS_FROM))) {
		free(*cause);
		*cause = NULL;
		h->ready = true;
		return 0;
	}
	return -1;
}

/* Make the handle: path NULL means the default file. */
static struct history *
history_new(const char *path, bool create)
{
	struct history	*h;

	h = xcalloc(1, sizeof *h);
	h->path = path != NULL ? xstrdup(path) : history_default_path();
	h->create = create;
	h->busy_left = create ? HISTORY_RETRY_MS : HISTORY_BUSY_MS;
	return h;
}

/* Connect and bring the schema up to date; -1 with *cause. */
static int
history_ready(struct history *h, char **cause)
{
	if (h->db == NULL && !h->absent && history_connect(h, cause) != 0)
		return -1;
	if (h->db != NULL && !h->ready && history_migrate(h, cause) != 0)
		return -1;
	return 0;
}

/* Open the history for recording; see history.h. */
struct history *
history_open(const char *path, char **cause)
{
	struct history	*h;
	char		*err = NULL;
	int		 rc, errnum;

	(void)cause;
	h = history_new(path, true);
	if (history_connect(h, &err) != 0 ||
	    history_check_full(h, &err) != 0 || history_ready(h, &err) != 0) {
		history_errcode(h, &rc, &errnum);
		history_blame(h, rc, errnum, err);
		history_tell_fail(h, "open");
		h->failing = true;
		free(err);
	}
	return h;
}

/* Open an existing history for the queries only. */
struct history *
history_open_read(const char *path, char **cause)
{
	struct history	*h;

	h = history_new(path, false);
	if (history_ready(h, cause) != 0) {
		if (h->newer && h->db != NULL) {
			/* Newer versions only add: read what we know. */
			free(*cause);
			*cause = NULL;
			h->ready = true;
			return h;
		}
		history_close(h);
		return NULL;
	}
	return h;
}

/* The default history: history.db in the data directory. */
char *
history_default_path(void)
{
	char	*dir, *path;

	dir = util_data_dir();
	xasprintf(&path, "%s/history.db", dir);
	free(dir);
	return path;
}

/* The database file's name. */
const char *
history_path(const struct history *h)
{
	return h->path;
}

/* Free a session kept by the handle. */
static void
history_sess_free(struct hist_sess *s)
{
	unsigned	i;

	for (i = 0; i < s->n_steps; i++) {
		free(s->steps[i].kind);
		free(s->steps[i].title);
		free(s->steps[i].point);
	}
	free(s->steps);
	free(s->routine_id);
	free(s->title);
	free(s->sha256);
	free(s->week_note);
	free(s);
}

/* Point holds in a routine (hold steps times their sides), and with
 * seconds set, the seconds of them: the prescribed hold time. */
static unsigned
history_count_holds(const struct routine *rt, bool seconds)
{
	const struct rt_step	*st;
	unsigned		 i, n = 0, sides;

	for (i = 0; i < rt->n_steps; i++) {
		st = &rt->steps[i];
		if (st->kind != RT_HOLD)
			continue;
		sides = ((st->sides & RT_SIDE_LEFT) != 0) +
		    ((st->sides & RT_SIDE_RIGHT) != 0) +
		    (st->sides == RT_SIDE_NONE);
		n += seconds ? sides * st->seconds : sides;
	}
	return n;
}

/* Start recording a session: its row is written at once if possible. */
int64_t
history_begin(struct history *h, const struct routine *rt, time_t start)
{
	struct hist_sess	*s;
	unsigned		 i;
	double			 secs;

	if (h == NULL)
		return -1;
	s = xcalloc(1, sizeof *s);
	s->id = s->new_id = -1;
	s->routine_id = xstrdup(rt->id != NULL ? rt->id : "");
	s->title = xstrdup(rt->title != NULL ? rt->title : s->routine_id);
	s->sha256 = xstrdup(rt->sha256);
	s->start = start;
	s->per_week = rt->per_week;
	s->weeks = rt->weeks;
	s->points = history_count_holds(rt, false);
	s->hold_seconds = history_count_holds(rt, true);
	s->week = rt->progress_week;
	s->week_note = xstrdup(rt->progress_note != NULL ?
	    rt->progress_note : "");
	secs = routine_seconds(rt);
	s->seconds = secs > 0 && secs < 1e7 ? (unsigned)(secs + 0.5) : 0;
	s->n_steps = rt->n_steps;
	s->steps = xcalloc(rt->n_steps, sizeof *s->steps);
	for (i = 0; i < rt->n_steps; i++) {
		s->steps[i].kind = xstrdup(routine_kind_name(rt->steps[i].kind));
		s->steps[i].title = xstrdup(routine_step_title(&rt->steps[i]));
		s->steps[i].point = xstrdup(rt->steps[i].point != NULL ?
		    rt->steps[i].point : "");
	}
	h->sessions = xreallocarray(h->sessions, h->n_sessions + 1,
	    sizeof *h->sessions);
	h->sessions[h->n_sessions++] = s;
	history_flush(h);
	return s->id;
}

/* The session an id names: -1 is the latest begun. */
static struct hist_sess *
history_find(struct history *h, int64_t sid)
{
	size_t	i;

	if (h->n_sessions == 0)
		return NULL;
	if (sid < 0)
		return h->sessions[h->n_sessions - 1];
	for (i = h->n_sessions; i > 0; i--) {
		if (h->sessions[i - 1]->id == sid)
			return h->sessions[i - 1];
	}
	return NULL;
}

/* Queue one stored action and write what is queued. */
void
history_record(struct history *h, int64_t sid, const struct sess_action *a,
    time_t wall)
{
	struct hist_sess	*s;
	struct hist_pend	*p;

	if (h == NULL || !history_stored(a->kind))
		return;
	if ((s = history_find(h, sid)) == NULL)
		return;
	h->pend = xreallocarray(h->pend, h->n_pend + 1, sizeof *h->pend);
	p = &h->pend[h->n_pend++];
	p->s = s;
	p->seq = a->kind == SA_REHEARSAL ? 0 : ++s->seq;
	p->kind = a->kind;
	p->step = a->step;
	p->side = a->side;
	p->value = a->value;
	p->arg = a->arg;
	p->at = a->at;
	p->wall = wall;
	history_flush(h);
}

/* Bind a text parameter (copied). */
static void
history_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

/* Step once and reset; -1 with *cause. */
static int
history_step_done(sqlite3 *db, sqlite3_stmt *st, char **cause)
{
	int	rc;

	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE) {
		history_dberr(db, NULL, cause);
		return -1;
	}
	return 0;
}

/* Insert the session's row inside the current transaction. */
static int
history_put_session(struct history *h, struct hist_sess *s, char **cause)
{
	sqlite3_stmt	*st;
	int		 r;

	st = history_prepare(h->db, "INSERT INTO sessions (routine_id, title,"
	    " sha256, started, per_week, weeks, points, seconds, hold_seconds,"
	    " week, week_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    cause);
	if (st == NULL)
		return -1;
	history_bind_text(st, 1, s->routine_id);
	history_bind_text(st, 2, s->title);
	history_bind_text(st, 3, s->sha256);
	sqlite3_bind_int64(st, 4, (int64_t)s->start);
	sqlite3_bind_int64(st, 5, s->per_week);
	sqlite3_bind_int64(st, 6, s->weeks);
	sqlite3_bind_int64(st, 7, s->points);
	sqlite3_bind_int64(st, 8, s->seconds);
	sqlite3_bind_int64(st, 9, s->hold_seconds);
	sqlite3_bind_int64(st, 10, s->week);
	history_bind_text(st, 11, s->week_note);
	r = history_step_done(h->db, st, cause);
	sqlite3_finalize(st);
	if (r == 0)
		s->new_id = sqlite3_last_insert_rowid(h->db);
	return r;
}

/* What an event changes in its session's row: the ratings, the end. */
static int
history_put_effect(struct history *h, const struct hist_pend *p,
    int64_t sid, char **cause)
{
	sqlite3_stmt	*st;
	const char	*sql;
	int		 r;

	switch (p->kind) {
	case SA_PRE_PAIN:
		sql = "UPDATE sessions SET pre_pain = ?2 WHERE id = ?1";
		break;
	case SA_POST_PAIN:
		sql = "UPDATE sessions SET post_pain = ?2 WHERE id = ?1";
		break;
	case SA_FINISH:
		sql = "UPDATE sessions SET outcome = ?3, signal = ?4,"
		    " ended = ?5 WHERE id = ?1";
		break;
	case SA_REHEARSAL:
		sql = "UPDATE sessions SET rehearsal = ?2 WHERE id = ?1";
		break;
	default:
		return 0;
	}
	if ((st = history_prepare(h->db, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, sid);
	if (p->kind == SA_FINISH) {
		history_bind_text(st, 3,
		    session_outcome_name((enum outcome)p->value));
		sqlite3_bind_int64(st, 4, p->arg);
		sqlite3_bind_int64(st, 5, (int64_t)p->wall);
	} else
		sqlite3_bind_int(st, 2, p->value);
	r = history_step_done(h->db, st, cause);
	sqlite3_finalize(st);
	return r;
}

/* Insert one event inside the current transaction. */
static int
history_put_event(struct history *h, sqlite3_stmt *st,
    const struct hist_pend *p, char **cause)
{
	const struct hist_sess	*s = p->s;
	int64_t			 sid = s->id != -1 ? s->id : s->new_id;
	const struct hist_step	*hs = NULL;

	/* A rehearsal marks the session's row; it is no event. */
	if (p->kind == SA_REHEARSAL)
		return history_put_effect(h, p, sid, cause);
	if (p->step >= 0 && (unsigned)p->step < s->n_steps)
		hs = &s->steps[p->step];
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_int64(st, 2, p->seq);
	history_bind_text(st, 3, session_act_name(p->kind));
	sqlite3_bind_int(st, 4, p->step);
	history_bind_text(st, 5, hs != NULL ? hs->kind : "");
	history_bind_text(st, 6, hs != NULL ? hs->title : "");
	history_bind_text(st, 7, hs != NULL ? hs->point : "");
	history_bind_text(st, 8, history_side(p->side));
	sqlite3_bind_int(st, 9, p->value);
	sqlite3_bind_int64(st, 10, p->arg);
	sqlite3_bind_int64(st, 11, p->at);
	sqlite3_bind_int64(st, 12, (int64_t)p->wall);
	history_bind_text(st, 13, p->kind == SA_STEP_END ||
	    p->kind == SA_STATUS ? session_status_name(p->value) : "");
	if (history_step_done(h->db, st, cause) != 0)
		return -1;
	return history_put_effect(h, p, sid, cause);
}

/* Write every session and event kept in memory in one transaction. */
static int
history_put_all(struct history *h, char **cause)
{
	sqlite3_stmt	*st;
	size_t		 i;

	for (i = 0; i < h->n_sessions; i++) {
		if (h->sessions[i]->id == -1 &&
		    history_put_session(h, h->sessions[i], cause) != 0)
			return -1;
	}
	if (h->n_pend == 0)
		return 0;
	st = history_prepare(h->db, "INSERT INTO events (session_id, seq,"
	    " kind, step, step_kind, title, point, side, value, arg, at_ms,"
	    " wall, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    cause);
	if (st == NULL)
		return -1;
	for (i = 0; i < h->n_pend; i++) {
		if (history_put_event(h, st, &h->pend[i], cause) != 0) {
			sqlite3_finalize(st);
			return -1;
		}
	}
	sqlite3_finalize(st);
	return 0;
}

/* True if something is waiting to be written. */
static bool
history_dirty(const struct history *h)
{
	size_t	i;

	if (h->n_pend != 0)
		return true;
	for (i = 0; i < h->n_sessions; i++) {
		if (h->sessions[i]->id == -1)
			return true;
	}
	return false;
}

/* One try at writing what is pending, in one transaction; -1 with *cause
 * and the SQLite code in *rc, and everything stays pending. */
static int
history_write_once(struct history *h, int *rc, int *err, char **cause)
{
	size_t	i;

	*rc = *err = 0;
	if (h->newer) {
		xasprintf(cause, "%s belongs to a newer unknot", h->path);
		return -1;
	}
	if (history_ready(h, cause) != 0) {
		history_errcode(h, rc, err);
		return -1;
	}
	if (h->db == NULL) {
		xasprintf(cause, "%s: no database", h->path);
		return -1;
	}
	if (history_exec(h->db, "BEGIN IMMEDIATE", cause) != 0) {
		history_errcode(h, rc, err);
		return -1;
	}
	if (history_put_all(h, cause) != 0 ||
	    history_exec(h->db, "COMMIT", cause) != 0) {
		history_errcode(h, rc, err);
		sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
		for (i = 0; i < h->n_sessions; i++)
			h->sessions[i]->new_id = -1;
		return -1;
	}
	for (i = 0; i < h->n_sessions; i++) {
		if (h->sessions[i]->id == -1)
			h->sessions[i]->id = h->sessions[i]->new_id;
	}
	h->n_pend = 0;
	return 0;
}

/* Write what is pending; a damaged file is moved aside and the write
 * tried again on a new one. -1 with *cause, why kept for the person. */
static int
history_write(struct history *h, char **cause)
{
	int	 rc, err;
	char	*moving = NULL;

	if (history_write_once(h, &rc, &err, cause) == 0)
		return 0;
	if (history_check_rc(h, rc, &moving) == 1) {
		free(*cause);
		*cause = NULL;
		if (history_write_once(h, &rc, &err, cause) == 0)
			return 0;
	}
	free(moving);
	history_blame(h, rc, err, *cause);
	return -1;
}

/* Tell the person once that the history cannot be written (verb: "open",
 * "save to"), and why. */
static void
history_tell_fail(struct history *h, const char *verb)
{
	if (h->told_fail)
		return;
	h->told_fail = true;
	if (h->newer)
		history_notice(h, "history: %s was written by a newer version "
		    "of unknot; this session cannot be saved", h->path);
	else if (h->err_busy)
		history_notice(h, "history: %s is locked by another program; "
		    "this session is kept in memory and saved when it is "
		    "free", h->err_file);
	else
		history_notice(h, "history: cannot %s %s: %s; this session "
		    "is kept in memory and saved when possible", verb,
		    h->err_file, h->err_why);
}

/* Write what waits in memory; the number of records still waiting. */
size_t
history_flush(struct history *h)
{
	char	*cause = NULL;

	if (h == NULL || !history_dirty(h))
		return 0;
	if (history_write(h, &cause) == 0) {
		/* A new lock may cost the session its short wait again. */
		h->busy_left = HISTORY_RETRY_MS;
		if (h->failing && !h->told_back) {
			history_notice(h, "history: saved to %s again",
			    h->path);
			h->told_back = true;
		}
		h->failing = false;
		return 0;
	}
	history_tell_fail(h, "save to");
	h->failing = true;
	free(cause);
	return h->n_pend != 0 ? h->n_pend : 1;
}

/* What of the latest session could not be saved, for the person. */
char *
history_unsaved(const struct history *h)
{
	const struct hist_sess	*s;
	char			*msg;

	if (h == NULL || !history_dirty(h))
		return NULL;
	s = h->n_sessions != 0 ? h->sessions[h->n_sessions - 1] : NULL;
	xasprintf(&msg, "%s: %s (%s)", s != NULL && s->id != -1 ?
	    "Some of this session could not be saved" :
	    "Nothing of this session was saved",
	    h->err_why != NULL ? h->err_why : "it could not be written",
	    h->err_file != NULL ? h->err_file : h->path);
	return msg;
}

/* Hand out the next notice for the person, once. */
const char *
history_take_notice(struct history *h)
{
	if (h == NULL)
		return NULL;
	free(h->notice_out);
	h->notice_out = NULL;
	if (h->n_notices == 0)
		return NULL;
	h->notice_out = h->notices[0];
	memmove(h->notices, h->notices + 1,
	    (h->n_notices - 1) * sizeof *h->notices);
	h->n_notices--;
	return h->notice_out;
}

/* Write what is left and free the handle. */
void
history_close(struct history *h)
{
	size_t	i;

	if (h == NULL)
		return;
	if (h->create)
		history_flush(h);
	if (h->db != NULL)
		sqlite3_close(h->db);
	for (i = 0; i < h->n_sessions; i++)
		history_sess_free(h->sessions[i]);
	free(h->sessions);
	free(h->pend);
	for (i = 0; i < h->n_notices; i++)
		free(h->notices[i]);
	free(h->notices);
	free(h->notice_out);
	free(h->err_why);
	free(h->err_file);
	free(h->path);
	free(h);
}

/* Run SQL on the connection, for tests. */
int
history_test_exec(struct history *h, const char *sql, char **cause)
{
	if (h->db == NULL) {
		xasprintf(cause, "%s: not open", h->path);
		return -1;
	}
	return history_exec(h->db, sql, cause);
}

/* Ready for a query: 1 if there is a database, 0 if there is none (no
 * rows), -1 with *cause. */
static int
history_query_ready(struct history *h, char **cause)
{
	if (!h->absent && (h->db == NULL || !h->ready) &&
	    history_ready(h, cause) != 0)
		return -1;
	return h->db != NULL;
}

/* Bind a filter as ?20 (routine), ?21 (since), ?22 (until). */
static void
history_bind_filter(sqlite3_stmt *st, const struct hist_filter *f)
{
	if (f != NULL && f->routine_id != NULL)
		history_bind_text(st, 20, f->routine_id);
	else
		sqlite3_bind_null(st, 20);
	sqlite3_bind_int64(st, 21, f != NULL ? (int64_t)f->since : 0);
	sqlite3_bind_int64(st, 22, f != NULL ? (int64_t)f->until : 0);
}

/* The WHERE clause over sessions s that history_bind_filter() fills. */
#define HISTORY_WHERE							\
	" (?20 IS NULL OR s.routine_id = ?20)"				\
	" AND (?21 = 0 OR s.started >= ?21)"				\
	" AND (?22 = 0 OR s.started < ?22) "

/* Step a query; 1 for a row, 0 at the end, -1 with *cause. */
static int
history_next(struct history *h, sqlite3_stmt *st, char **cause)
{
	int	rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	h->query_rc = sqlite3_extended_errcode(h->db);
	history_dberr(h->db, h->path, cause);
	return -1;
}

/* Prepare a query; NULL with *cause. */
static sqlite3_stmt *
history_query(struct history *h, const char *sql, char **cause)
{
	sqlite3_stmt	*st;

	h->query_rc = 0;
	if ((st = history_prepare(h->db, sql, cause)) == NULL)
		h->query_rc = sqlite3_extended_errcode(h->db);
	return st;
}

/* A query failed (its statement finalized): if the file is damaged, it
 * is moved aside and the query has no rows (0); else -1 with *cause (why
 * it could not be moved, if it is damaged). */
static int
history_query_failed(struct history *h, char **cause)
{
	char	*err = NULL;

	switch (history_check_rc(h, h->query_rc, &err)) {
	case 1:
		free(*cause);
		*cause = NULL;
		return 0;
	case -1:
		free(*cause);
		*cause = err;
		break;
	}
	return -1;
}

/* One row of the sessions query. */
static void
history_session_row(sqlite3_stmt *st, struct hist_session *s)
{
	int64_t	last;

	s->id = sqlite3_column_int64(st, 0);
	s->routine_id = history_col(st, 1);
	s->title = history_col(st, 2);
	s->sha256 = history_col(st, 3);
	s->start = (time_t)sqlite3_column_int64(st, 4);
	last = history_coli(st, 14, (int64_t)s->start);
	s->finished = sqlite3_column_type(st, 6) != SQLITE_NULL;
	s->end = (time_t)history_coli(st, 5, last);
	s->outcome = s->finished ? history_col(st, 6) : xstrdup("unfinished");
	s->signal = (int)history_coli(st, 7, 0);
	s->pre_pain = (int)history_coli(st, 8, -1);
	s->post_pain = (int)history_coli(st, 9, -1);
	s->per_week = (unsigned)history_coli(st, 10, 0);
	s->weeks = (unsigned)history_coli(st, 11, 0);
	s->points_total = (unsigned)history_coli(st, 12, 0);
	s->seconds = (unsigned)history_coli(st, 13, 0);
	s->peak = (int)history_coli(st, 15, -1);
	s->points_done = (unsigned)history_coli(st, 16, 0);
	s->active_ms = history_coli(st, 17, 0);
	s->n_events = (unsigned)history_coli(st, 18, 0);
	s->rehearsal = (int)history_coli(st, 19, 0);
	s->hold_seconds = (unsigned)history_coli(st, 23, 0);
	s->hold_done_ms = history_coli(st, 24, 0);
	s->not_done = history_col(st, 25);
	s->symptoms = history_col(st, 26);
	s->week = (unsigned)history_coli(st, 27, 0);
	s->week_note = history_col(st, 28);
	s->counts = history_counts(s);
}

/* Whether a session counts towards adherence: not a rehearsal, and
 * completed, or half its hold time done before it ended otherwise. */
bool
history_counts(const struct hist_session *s)
{
	if (s->rehearsal != 0 || !s->finished)
		return false;
	if (strcmp(s->outcome, session_outcome_name(OUT_COMPLETED)) == 0)
		return true;
	if (strcmp(s->outcome, session_outcome_name(OUT_ABANDONED)) == 0 ||
	    s->hold_seconds == 0)
		return false;
	return s->hold_done_ms * 2 >= (int64_t)s->hold_seconds * 1000;
}

/* The sessions query but for the week and what follows it (FROM,
 * WHERE, ORDER BY): ?1 rating, ?2 step end, ?4 symptom names. */
static const char history_sessions_sql[] =
	"SELECT s.id, s.routine_id, s.title,"
	" s.sha256, s.started, s.ended, s.outcome, s.signal, s.pre_pain,"
	" s.post_pain, s.per_week, s.weeks, s.points, s.seconds,"
	" (SELECT max(e.wall) FROM events e WHERE e.session_id = s.id),"
	" (SELECT max(e.value) FROM events e WHERE e.session_id = s.id"
	"  AND e.kind = ?1),"
	" (SELECT count(*) FROM (SELECT DISTINCT e.step, e.side"
	"  FROM events e WHERE e.session_id = s.id AND e.kind = ?2"
	"  AND e.step_kind = 'hold' AND e.status IN ('done', 'let_go',"
	"  'extended', 'eased') AND e.status = (SELECT k.status"
	"  FROM events k WHERE k.session_id = s.id AND k.step = e.step"
	"  AND k.side = e.side AND k.status <> '' ORDER BY k.seq DESC"
	"  LIMIT 1))),"
	" (SELECT max(e.at_ms) FROM events e WHERE e.session_id = s.id),"
	" (SELECT count(*) FROM events e WHERE e.session_id = s.id),"
	" s.rehearsal, NULL, NULL, NULL, s.hold_seconds,"
	" (SELECT sum(e.arg) FROM events e WHERE e.session_id = s.id"
	"  AND e.kind = ?2 AND e.step_kind = 'hold'),"
	" coalesce((SELECT group_concat(x.t, '; ') FROM (SELECT e.title ||"
	"  CASE WHEN e.side <> '' THEN ', ' || e.side ELSE '' END || ': '"
	"  || replace(e.status, '_', ' ') AS t FROM events e"
	"  WHERE e.session_id = s.id AND e.status IN ('skipped', 'stopped',"
	"  'not_reached') AND e.step_kind <> 'note'"
	"  AND e.seq = (SELECT max(k.seq) FROM events k"
	"  WHERE k.session_id = s.id AND k.step = e.step"
	"  AND k.side = e.side AND k.status <> '')"
	"  ORDER BY e.step, e.side) x), ''),"
	" coalesce((SELECT group_concat(e.title || CASE WHEN e.side <> ''"
	"  THEN ', ' || e.side ELSE '' END, '; ') FROM events e"
	"  WHERE e.session_id = s.id AND e.kind = ?4 AND e.value = 1), '')";

/* The sessions matching a filter, newest first. */
int
history_sessions(struct history *h, const struct hist_filter *f,
    struct hist_session **out, size_t *n, char **cause)
{
	sqlite3_stmt	*st;
	const char	*week;
	char		*sql;
	int		 r, rc;

	*out = NULL;
	*n = 0;
	if ((r = history_query_ready(h, cause)) <= 0)
		return r;
	week = history_has_week(h->db, &rc) == 1 ? "s.week, s.week_note" :
	    "0, ''";
	xasprintf(&sql, "%s, %s FROM sessions s WHERE%s"
	    " ORDER BY s.started DESC, s.id DESC", history_sessions_sql, week,
	    HISTORY_WHERE);
	st = history_query(h, sql, cause);
	free(sql);
	if (st == NULL)
		return history_query_failed(h, cause);
	history_bind_text(st, 1, session_act_name(SA_RATING));
	history_bind_text(st, 2, session_act_name(SA_STEP_END));
	history_bind_text(st, 4, session_act_name(SA_SYMPTOM));
	history_bind_filter(st, f);
	while ((r = history_next(h, st, cause)) == 1) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		history_session_row(st, &(*out)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (r == -1) {
		history_sessions_free(*out, *n);
		*out = NULL;
		*n = 0;
		return history_query_failed(h, cause);
	}
	return 0;
}

/* Free the strings of one session. */
static void
history_sessions_free_one(struct hist_session *s)
{
	free(s->routine_id);
	free(s->title);
	free(s->sha256);
	free(s->outcome);
	free(s->not_done);
	free(s->symptoms);
	free(s->week_note);
}

/* Free what history_sessions() returned. */
void
history_sessions_free(struct hist_session *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		history_sessions_free_one(&v[i]);
	free(v);
}

/* The events of the sessions matching a filter, in order. */
int
history_events(struct history *h, const struct hist_filter *f,
    struct hist_event **out, size_t *n, char **cause)
{
	sqlite3_stmt		*st;
	struct hist_event	*e;
	int			 r;

	*out = NULL;
	*n = 0;
	if ((r = history_query_ready(h, cause)) <= 0)
		return r;
	st = history_query(h, "SELECT e.session_id, s.started,"
	    " s.routine_id, s.sha256, e.seq, e.kind, e.step, e.step_kind,"
	    " e.title, e.point, e.side, e.value, e.arg, e.at_ms, e.wall"
	    " FROM events e JOIN sessions s ON s.id = e.session_id"
	    " WHERE" HISTORY_WHERE
	    " ORDER BY s.started, s.id, e.seq", cause);
	if (st == NULL)
		return history_query_failed(h, cause);
	history_bind_filter(st, f);
	while ((r = history_next(h, st, cause)) == 1) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		e = &(*out)[(*n)++];
		e->session_id = sqlite3_column_int64(st, 0);
		e->session_start = (time_t)sqlite3_column_int64(st, 1);
		e->routine_id = history_col(st, 2);
		e->sha256 = history_col(st, 3);
		e->seq = (unsigned)sqlite3_column_int64(st, 4);
		e->kind = history_col(st, 5);
		e->step = sqlite3_column_int(st, 6);
		e->step_kind = history_col(st, 7);
		e->title = history_col(st, 8);
		e->point = history_col(st, 9);
		e->side = history_col(st, 10);
		e->value = sqlite3_column_int(st, 11);
		e->arg = sqlite3_column_int64(st, 12);
		e->at_ms = sqlite3_column_int64(st, 13);
		e->wall = (time_t)sqlite3_column_int64(st, 14);
	}
	sqlite3_finalize(st);
	if (r == -1) {
		history_events_free(*out, *n);
		*out = NULL;
		*n = 0;
		return history_query_failed(h, cause);
	}
	return 0;
}

/* Free what history_events() returned. */
void
history_events_free(struct hist_event *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].routine_id);
		free(v[i].sha256);
		free(v[i].kind);
		free(v[i].step_kind);
		free(v[i].title);
		free(v[i].point);
		free(v[i].side);
	}
	free(v);
}

/* Order of sides within a step: left, right, none. */
static int
history_side_rank(const char *side)
{
	if (strcmp(side, "left") == 0)
		return 0;
	if (strcmp(side, "right") == 0)
		return 1;
	return 2;
}

/* qsort: points in routine order. */
static int
history_point_cmp(const void *a, const void *b)
{
	const struct hist_point	*pa = a, *pb = b;

	if (pa->step != pb->step)
		return pa->step < pb->step ? -1 : 1;
	return history_side_rank(pa->side) - history_side_rank(pb->side);
}

/* Add one sample to its point's totals. */
static void
history_point_add(struct hist_point *p, const struct hist_sample *x,
    double *sum)
{
	if (x->peak > p->peak)
		p->peak = x->peak;
	p->ratings += x->ratings;
	*sum += x->avg * x->ratings;
	p->ease_offs += x->ease_offs;
	p->bracing += x->bracing;
	p->skips += x->skips;
	if (x->release_ms >= 0)
		p->releases++;
}

/* One row of the points query as a sample. */
static void
history_sample_row(sqlite3_stmt *st, struct hist_sample *x)
{
	x->session_id = sqlite3_column_int64(st, 4);
	x->start = (time_t)sqlite3_column_int64(st, 5);
	x->peak = (int)history_coli(st, 6, -1);
	x->avg = sqlite3_column_type(st, 7) == SQLITE_NULL ? -1 :
	    sqlite3_column_double(st, 7);
	x->ratings = (unsigned)history_coli(st, 8, 0);
	x->ease_offs = (unsigned)history_coli(st, 9, 0);
	x->bracing = (unsigned)history_coli(st, 10, 0);
	x->skips = (unsigned)history_coli(st, 11, 0);
	x->release_ms = history_coli(st, 12, -1);
	x->hold_ms = history_coli(st, 13, 0);
}

/* True if the row belongs to point p. */
static bool
history_same_point(sqlite3_stmt *st, const struct hist_point *p)
{
	const char	*t = (const char *)sqlite3_column_text(st, 0);
	const char	*pt = (const char *)sqlite3_column_text(st, 1);
	const char	*sd = (const char *)sqlite3_column_text(st, 2);

	return strcmp(t != NULL ? t : "", p->title) == 0 &&
	    strcmp(pt != NULL ? pt : "", p->point) == 0 &&
	    strcmp(sd != NULL ? sd : "", p->side) == 0;
}

/* Gather the rows of the points query into points. */
static int
history_points_rows(struct history *h, sqlite3_stmt *st,
    struct hist_point **out, size_t *n, char **cause)
{
	struct hist_point	*p = NULL;
	double			 sum = 0;
	int			 r;
	int			 step;

	while ((r = history_next(h, st, cause)) == 1) {
		if (p == NULL || !history_same_point(st, p)) {
			if (p != NULL && p->ratings != 0)
				p->avg = sum / p->ratings;
			*out = xreallocarray(*out, *n + 1, sizeof **out);
			p = &(*out)[(*n)++];
			memset(p, 0, sizeof *p);
			p->title = history_col(st, 0);
			p->point = history_col(st, 1);
			p->side = history_col(st, 2);
			p->step = INT32_MAX;
			p->peak = -1;
			p->avg = -1;
			sum = 0;
		}
		step = sqlite3_column_int(st, 3);
		if (step < p->step)
			p->step = step;
		p->v = xreallocarray(p->v, p->n + 1, sizeof *p->v);
		history_sample_row(st, &p->v[p->n]);
		history_point_add(p, &p->v[p->n], &sum);
		p->n++;
	}
	if (p != NULL && p->ratings != 0)
		p->avg = sum / p->ratings;
	return r;
}

/* A routine's points with one sample per session. */
int
history_points(struct history *h, const struct hist_filter *f,
    struct hist_point **out, size_t *n, char **cause)
{
	sqlite3_stmt	*st;
	int		 r;

	*out = NULL;
	*n = 0;
	if (f == NULL || f->routine_id == NULL) {
		xasprintf(cause, "history_points: no routine");
		return -1;
	}
	if ((r = history_query_ready(h, cause)) <= 0)
		return r;
	st = history_query(h, "SELECT e.title, e.point, e.side,"
	    " min(e.step), e.session_id, s.started,"
	    " max(CASE WHEN e.kind = ?1 THEN e.value END),"
	    " avg(CASE WHEN e.kind = ?1 THEN e.value END),"
	    " sum(e.kind = ?1), sum(e.kind = ?2), sum(e.kind = ?3),"
	    " sum(e.kind = ?4),"
	    " min(CASE WHEN e.kind = ?5 THEN e.arg END),"
	    " sum(CASE WHEN e.kind = ?6 THEN e.arg ELSE 0 END)"
	    " FROM events e JOIN sessions s ON s.id = e.session_id"
	    " WHERE e.step_kind = 'hold' AND s.rehearsal = 0 AND e.kind <> ?7"
	    " AND"
	    HISTORY_WHERE
	    " GROUP BY e.title, e.point, e.side, e.session_id"
	    " ORDER BY e.title, e.point, e.side, s.started, e.session_id",
	    cause);
	if (st == NULL)
		return history_query_failed(h, cause);
	history_bind_text(st, 1, session_act_name(SA_RATING));
	history_bind_text(st, 2, session_act_name(SA_EASE_OFF));
	history_bind_text(st, 3, session_act_name(SA_BRACING));
	history_bind_text(st, 4, session_act_name(SA_SKIP));
	history_bind_text(st, 5, session_act_name(SA_RELEASE));
	history_bind_text(st, 6, session_act_name(SA_STEP_END));
	history_bind_text(st, 7, session_act_name(SA_STATUS));
	history_bind_filter(st, f);
	r = history_points_rows(h, st, out, n, cause);
	sqlite3_finalize(st);
	if (r == -1) {
		history_points_free(*out, *n);
		*out = NULL;
		*n = 0;
		return history_query_failed(h, cause);
	}
	if (*n > 1)
		qsort(*out, *n, sizeof **out, history_point_cmp);
	return 0;
}

/* Free what history_points() returned. */
void
history_points_free(struct hist_point *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].title);
		free(v[i].point);
		free(v[i].side);
		free(v[i].v);
	}
	free(v);
}

/* Leave the rehearsals out of v (freeing them); the number left. */
static size_t
history_drop_rehearsals(struct hist_session *v, size_t n)
{
	size_t	i, k = 0;

	for (i = 0; i < n; i++) {
		if (v[i].rehearsal != 0) {
			history_sessions_free_one(&v[i]);
			continue;
		}
		v[k++] = v[i];
	}
	return k;
}

/* Fill in one routine from its sessions, newest first. */
static int
history_routine_fill(struct history *h, const struct hist_filter *f,
    struct hist_routine *rt, char **cause)
{
	struct hist_filter	 g;
	struct hist_session	*v;
	size_t			 n, i;
	bool			 program = true;

	g = f != NULL ? *f : (struct hist_filter){ 0 };
	g.routine_id = rt->id;
	if (history_sessions(h, &g, &v, &n, cause) != 0)
		return -1;
	if (n == 0) {
		history_sessions_free(v, n);
		return 0;
	}
	rt->title = xstrdup(v[0].title);
	rt->sha256 = xstrdup(v[0].sha256);
	rt->per_week = v[0].per_week;
	rt->weeks = v[0].weeks;
	rt->seconds = v[0].seconds;
	rt->holds = v[0].points_total > 0;
	/* The counts and times are of the sessions that count. */
	n = history_drop_rehearsals(v, n);
	if (n == 0) {
		history_sessions_free(v, n);
		return 0;
	}
	rt->last = v[0].start;
	/* A session recorded before hold times were (hold_seconds 0) is
	 * taken to have held when its routine had holds. */
	rt->last_held = v[0].hold_done_ms > 0 ||
	    (v[0].hold_seconds == 0 && v[0].points_total > 0);
	rt->last_end = v[0].end;
	rt->sessions = n;
	for (i = 0; i < n; i++) {
		bool done = v[i].counts;

		rt->first = v[i].start;
		if (done) {
			rt->completed++;
			if (rt->last_done == 0)
				rt->last_done = v[i].start;
		}
		if (program && strcmp(v[i].sha256, rt->sha256) != 0)
			program = false;
		if (program) {
			rt->program_start = v[i].start;
			rt->program_done += done;
		}
	}
	history_sessions_free(v, n);
	return 0;
}

/* The routines that have sessions, with their totals. */
int
history_routines(struct history *h, const struct hist_filter *f,
    struct hist_routine **out, size_t *n, char **cause)
{
	sqlite3_stmt	*st;
	int		 r;
	size_t		 i;

	*out = NULL;
	*n = 0;
	if ((r = history_query_ready(h, cause)) <= 0)
		return r;
	st = history_query(h, "SELECT s.routine_id FROM sessions s"
	    " WHERE (?23 OR s.rehearsal = 0) AND" HISTORY_WHERE
	    " GROUP BY s.routine_id"
	    " ORDER BY max(s.started) DESC, s.routine_id", cause);
	if (st == NULL)
		return history_query_failed(h, cause);
	history_bind_filter(st, f);
	sqlite3_bind_int(st, 23, f != NULL && f->rehearsals);
	while ((r = history_next(h, st, cause)) == 1) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		memset(&(*out)[*n], 0, sizeof **out);
		(*out)[(*n)++].id = history_col(st, 0);
	}
	sqlite3_finalize(st);
	for (i = 0; r == 0 && i < *n; i++) {
		if (history_routine_fill(h, f, &(*out)[i], cause) != 0)
			r = -1;
	}
	if (r == -1) {
		history_routines_free(*out, *n);
		*out = NULL;
		*n = 0;
		return history_query_failed(h, cause);
	}
	return 0;
}

/* Free what history_routines() returned. */
void
history_routines_free(struct hist_routine *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].title);
		free(v[i].sha256);
	}
	free(v);
}
