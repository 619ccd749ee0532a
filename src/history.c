/* SPDX-License-Identifier: GPL-3.0-or-later */
/* history.c: the session history in SQLite: opening the file (and what
 * to do when it is locked, read-only, damaged or from a newer unknot),
 * the schema and its migrations, closing. The writes are in
 * history_write.c, the queries in history_query.c; history_int.h is what
 * they share. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "history.h"
#include "history_int.h"
#include "util.h"

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

/* Version 4 -> 5: the person's own words between and after sessions:
 * notes (to a session, or to a routine when session_id is NULL) and
 * soreness check-ins (value 0-10) against the session they follow. */
static const char history_v5[] =
	"CREATE TABLE notes ("
	" id INTEGER PRIMARY KEY,"
	" session_id INTEGER REFERENCES sessions(id),"
	" routine_id TEXT NOT NULL,"
	" wall INTEGER NOT NULL,"
	" kind TEXT NOT NULL,"
	" value INTEGER NOT NULL DEFAULT -1,"
	" text TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX notes_session ON notes (session_id);";

/* Queue a message for the person. */
void
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
void
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
int
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
sqlite3_stmt *
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

/* A column as a new string, "" for NULL. */
char *
history_col(sqlite3_stmt *st, int i)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	return xstrdup(s != NULL ? (const char *)s : "");
}

/* An integer column, dflt for NULL. */
int64_t
history_coli(sqlite3_stmt *st, int i, int64_t dflt)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return dflt;
	return sqlite3_column_int64(st, i);
}

/* The name stored for a side. */
const char *
history_side(unsigned side)
{
	if (side == RT_SIDE_LEFT)
		return "left";
	if (side == RT_SIDE_RIGHT)
		return "right";
	return "";
}

/* True for the actions the history stores. */
bool
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
void
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
void
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
		/* A reader's connection is its thread's alone: no mutex on
		 * every column read. */
		flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
		if (history_read_only(h)) {
			uri = history_uri(h->path);
			flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
			    SQLITE_OPEN_NOMUTEX;
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
int
history_check_rc(struct history *h, int rc, char **cause)
{
	if (!history_is_corrupt(rc) || h->ro || h->peek)
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
	case 4:
		return history_exec(db, history_v5, cause);
	}
	xasprintf(cause, "no migration from version %d", v);
	return -1;
}

/* 1 if the sessions table has the week (version 4), 0 if not; -1 with
 * *rc on an error. */
int64_t
history_has_week(sqlite3 *db, int *rc)
{
	int64_t	v;

	v = history_int(db, "SELECT count(*) FROM pragma_table_info"
	    "('sessions') WHERE name = 'week'", rc);
	return *rc != SQLITE_OK ? -1 : v > 0;
}

/* 1 if there is a notes table (version 5), 0 if not; -1 with *rc on an
 * error. */
int64_t
history_has_notes(sqlite3 *db, int *rc)
{
	int64_t	v;

	v = history_int(db, "SELECT count(*) FROM sqlite_master"
	    " WHERE type = 'table' AND name = 'notes'", rc);
	return *rc != SQLITE_OK ? -1 : v > 0;
}

/* The schema version the tables show, for a file whose user_version was
 * lost (sqlite3's .dump does not keep it): 5 if there is a notes table,
 * 4 if sessions has week, 3 if it has rehearsal, 2 if it has per_week, 1
 * if there is a sessions table, else 0; -1 with *rc on an error. */
static int64_t
history_detect(sqlite3 *db, int *rc)
{
	int64_t	v;

	v = history_int(db, "SELECT count(*) FROM sqlite_master"
	    " WHERE type = 'table' AND name = 'sessions'", rc);
	if (*rc != SQLITE_OK || v <= 0)
		return v;
	if ((v = history_has_notes(db, rc)) != 0)
		return v < 0 ? -1 : 5;
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
int
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

/* Open an existing history for the queries only, waiting at most wait_ms
 * for a lock; a peek leaves a damaged file where it is. */
static struct history *
history_open_waiting(const char *path, int wait_ms, bool peek, char **cause)
{
	struct history	*h;

	h = history_new(path, false);
	h->busy_left = wait_ms;
	h->peek = peek;
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

/* Open an existing history for the queries only. */
struct history *
history_open_read(const char *path, char **cause)
{
	return history_open_waiting(path, HISTORY_BUSY_MS, false, cause);
}

/* Open an existing history for a quick look that must not hold up what
 * follows: a lock is waited for HISTORY_RETRY_MS at most, and a damaged
 * file is left for the session to find and tell. */
struct history *
history_open_peek(const char *path, char **cause)
{
	return history_open_waiting(path, HISTORY_RETRY_MS, true, cause);
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
