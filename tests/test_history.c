/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_history.c: the history database: writes, every query, the migration
 * from version 1, buffering when it cannot be written, a corrupt file
 * moved aside. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "history.h"
#include "routine.h"
#include "session.h"
#include "util.h"
#include "tap.h"
#include "testlib.h"

#define T0	1735725600	/* 2025-01-01 10:00:00 UTC, a Wednesday */

static const char test_yaml[] = TESTLIB_POINTS_YAML("Base of the skull");

/* A routine from YAML text, with another id if id is set; aborts the test
 * if it does not parse. */
static struct routine *
load(const char *yaml, const char *id)
{
	struct routine	*r;
	char		*buf, *p;

	xasprintf(&buf, "%s", yaml);
	if (id != NULL) {
		p = strstr(buf, "id: test-points");
		*p = '\0';
		xasprintf(&p, "%sid: %s%s", buf, id,
		    strstr(yaml, "id: test-points") + strlen("id: test-points"));
		free(buf);
		buf = p;
	}
	r = testlib_routine("test.yaml", buf);
	free(buf);
	return r;
}

/* Record one action. */
static void
act(struct history *h, int64_t sid, enum sess_act_kind kind, int step,
    unsigned side, int value, int64_t arg, int64_t at, time_t wall)
{
	struct sess_action a;

	memset(&a, 0, sizeof a);
	a.kind = kind;
	a.step = step;
	a.side = side;
	a.value = value;
	a.arg = arg;
	a.at = at;
	history_record(h, sid, &a, wall);
}

/* One scripted session: the left side rated 5 and 7 with an ease-off,
 * the right released after release_ms, the last hold skipped if skip. */
static void
script(struct history *h, int64_t sid, time_t w, int pre, int peak,
    int64_t release_ms, int skip, int outcome)
{
	act(h, sid, SA_STATE, -1, 0, SS_PRE, 0, 0, w);	/* not stored */
	act(h, sid, SA_PRE_PAIN, -1, 0, pre, 0, 0, w);
	act(h, sid, SA_STEP_START, 0, RT_SIDE_LEFT, 0, 0, 0, w);
	act(h, sid, SA_CUE, 0, RT_SIDE_LEFT, CUE_BELL, 0, 0, w); /* not */
	act(h, sid, SA_RATING, 0, RT_SIDE_LEFT, 5, 10000, 10000, w + 10);
	act(h, sid, SA_RATING, 0, RT_SIDE_LEFT, peak, 25000, 25000, w + 25);
	act(h, sid, SA_EASE_OFF, 0, RT_SIDE_LEFT, 0, 25000, 25000, w + 25);
	act(h, sid, SA_STEP_END, 0, RT_SIDE_LEFT, STS_EASED, 30000, 30000,
	    w + 30);
	act(h, sid, SA_STEP_START, 0, RT_SIDE_RIGHT, 0, 0, 30000, w + 30);
	act(h, sid, SA_RATING, 0, RT_SIDE_RIGHT, 4, 8000, 38000, w + 38);
	act(h, sid, SA_STEP_END, 0, RT_SIDE_RIGHT, STS_LET_GO, release_ms,
	    30000 + release_ms, w + 30 + release_ms / 1000);
	act(h, sid, SA_RELEASE, 0, RT_SIDE_RIGHT, 0, release_ms,
	    30000 + release_ms, w + 30 + release_ms / 1000);
	act(h, sid, SA_STEP_START, 1, 0, 0, 0, 60000, w + 60);
	act(h, sid, SA_STEP_END, 1, 0, STS_DONE, 20000, 80000, w + 80);
	act(h, sid, SA_STEP_START, 2, 0, 0, 0, 80000, w + 80);
	if (skip) {
		act(h, sid, SA_STEP_END, 2, 0, STS_SKIPPED, 3000, 83000,
		    w + 83);
		act(h, sid, SA_SKIP, 2, 0, 0, 3000, 83000, w + 83);
	} else {
		act(h, sid, SA_RATING, 2, 0, 3, 15000, 95000, w + 95);
		act(h, sid, SA_STEP_END, 2, 0, STS_DONE, 30000, 110000,
		    w + 110);
	}
	if (outcome < 0)
		return;
	act(h, sid, SA_POST_PAIN, -1, 0, pre - 3, 0, 120000, w + 120);
	act(h, sid, SA_FINISH, -1, 0, outcome, 0, 120000, w + 121);
}

/* One integer from SQL on a separate connection to path; -1 on error. */
static long long
sql_int(const char *path, const char *sql)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	long long	 v = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(db);
		return -1;
	}
	sqlite3_busy_timeout(db, 2000);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	} else
		printf("# %s: %s\n", sql, sqlite3_errmsg(db));
	sqlite3_close(db);
	return v;
}

/* One text value from SQL on a separate connection; "" on error. */
static char *
sql_text(const char *path, const char *sql)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	char		*v = NULL;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK && sqlite3_prepare_v2(db, sql, -1, &st, NULL) ==
	    SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_text(st, 0) != NULL)
			v = xstrdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return v != NULL ? v : xstrdup("");
}

/* Run SQL on a separate connection; 0 or -1. */
static int
sql_exec(const char *path, const char *sql)
{
	sqlite3	*db;
	char	*err = NULL;
	int	 r = 0;

	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		printf("# sql_exec: %s\n", err != NULL ? err :
		    sqlite3_errmsg(db));
		r = -1;
	}
	sqlite3_free(err);
	sqlite3_close(db);
	return r;
}

/* True if the notice is there and says what. */
static int
notice_has(struct history *h, const char *what)
{
	const char	*n = history_take_notice(h);

	if (n == NULL) {
		printf("# no notice\n");
		return 0;
	}
	printf("# notice: %s\n", n);
	return strstr(n, what) != NULL;
}

/* The kinds of a session's events in order, joined by spaces. */
static char *
kinds_of(const char *path, int64_t sid)
{
	char	*sql, *v;

	xasprintf(&sql, "SELECT group_concat(kind, ' ') FROM (SELECT kind "
	    "FROM events WHERE session_id = %lld ORDER BY seq)",
	    (long long)sid);
	v = sql_text(path, sql);
	free(sql);
	return v;
}

/* A fresh history is made where XDG_DATA_HOME says, in WAL, version 2. */
static void
test_create(void)
{
	struct history	*h;
	char		*cause = NULL, *data, *db;
	struct stat	 sb;

	data = testlib_path("xdg");
	setenv("XDG_DATA_HOME", data, 1);
	h = history_open(NULL, &cause);
	ok(h != NULL, "history_open with the default path");
	db = testlib_path("xdg/unknot/history.db");
	is_str(history_path(h), db, "default path under XDG_DATA_HOME");
	ok(stat(db, &sb) == 0, "database file created on first use");
	is_str(history_take_notice(h), NULL, "no notice for a new history");
	history_close(h);
	is_int(sql_int(db, "PRAGMA user_version"), HISTORY_VERSION,
	    "user_version is the current version");
	{
		char *m = sql_text(db, "PRAGMA journal_mode");
		is_str(m, "wal", "journal_mode is WAL");
		free(m);
	}
	free(data);
	free(db);
}

/* Sessions are written as they happen and read back by every query. */
static void
test_queries(void)
{
	struct history		*h, *r;
	struct routine		*rt, *other;
	struct hist_session	*s;
	struct hist_event	*e;
	struct hist_point	*p;
	struct hist_routine	*ro;
	struct hist_filter	 f;
	size_t			 n;
	int64_t			 s1, s2, s3, s4;
	char			*cause = NULL, *db, *k;

	db = testlib_path("q.db");
	rt = load(test_yaml, NULL);
	other = load(test_yaml, "other-routine");
	h = history_open(db, &cause);
	ok(h != NULL, "open a history at a given path");

	s1 = history_begin(h, rt, T0);
	ok(s1 > 0, "history_begin gives an id");
	is_int(sql_int(db, "SELECT count(*) FROM sessions"), 1,
	    "the session row is written at once");
	script(h, s1, T0, 6, 7, 20000, 1, OUT_COMPLETED);
	is_int(sql_int(db, "SELECT count(*) FROM events"), 17,
	    "every stored event is in the database, display actions not");
	k = kinds_of(db, s1);
	is_str(k, "pre_pain step_start rating rating ease_off step_end "
	    "step_start rating step_end release step_start step_end "
	    "step_start step_end skip post_pain finish",
	    "events in order with their names");
	free(k);
	is_int(sql_int(db, "SELECT max(seq) - min(seq) + 1 FROM events"),
	    17, "seq counts from 1 without gaps");
	is_int(sql_int(db, "SELECT count(*) FROM events WHERE kind = 'rating'"
	    " AND title = 'Top of the shoulder' AND side = 'left' AND"
	    " point = 'Halfway along the top of the shoulder.' AND"
	    " step_kind = 'hold' AND value = 7 AND arg = 25000 AND"
	    " at_ms = 25000 AND wall = 1735725625"), 1,
	    "an event keeps step title, point, side, value, arg, at, wall");

	s2 = history_begin(h, rt, T0 + 2 * 86400);
	script(h, s2, T0 + 2 * 86400, 5, 6, 12000, 0, OUT_STOPPED);
	s3 = history_begin(h, other, T0 + 3 * 86400);
	script(h, s3, T0 + 3 * 86400, 4, 9, 5000, 0, -1);	/* killed */
	s4 = history_begin(h, rt, T0 + 4 * 86400);
	script(h, s4, T0 + 4 * 86400, 4, 5, 8000, 0, OUT_COMPLETED);
	history_close(h);

	r = history_open_read(db, &cause);
	ok(r != NULL, "history_open_read");
	ok(history_sessions(r, NULL, &s, &n, &cause) == 0, "history_sessions");
	is_int(n, 4, "four sessions");
	if (n == 4) {
		is_int(s[0].id, s4, "newest first");
		is_int(s[3].id, s1, "oldest last");
		is_str(s[3].outcome, "completed", "outcome completed");
		is_str(s[2].outcome, "stopped", "outcome stopped");
		is_str(s[1].outcome, "unfinished", "a killed session is "
		    "unfinished");
		is_int(s[1].finished, 0, "and not finished");
		is_int(s[1].end, T0 + 3 * 86400 + 110, "its end is its last "
		    "event");
		is_int(s[3].end, T0 + 121, "end time from the finish event");
		is_int(s[3].start, T0, "start time");
		is_int(s[3].pre_pain, 6, "pre pain");
		is_int(s[3].post_pain, 3, "post pain");
		is_int(s[1].post_pain, -1, "no post pain: -1");
		is_int(s[3].peak, 7, "peak discomfort");
		is_int(s[1].peak, 9, "peak of another session");
		is_int(s[3].points_total, 3, "points: 2 sides + 1");
		is_int(s[3].points_done, 2, "a skipped point is not done");
		is_int(s[0].points_done, 3, "all points done");
		is_int(s[3].per_week, 3, "frequency stored with the session");
		is_int(s[3].weeks, 2, "weeks stored with the session");
		is_int(s[3].active_ms, 120000, "session time");
		is_int(s[3].n_events, 17, "events counted");
		is_int(s[2].hold_seconds, 90, "prescribed hold: 30 s x 2 + 30");
		is_int(s[2].hold_done_ms, 30000 + 12000 + 30000,
		    "held: eased 30 s, let go at 12 s, done 30 s");
		ok(s[2].counts, "a stopped session with half its hold time "
		    "done counts");
		ok(!s[1].counts, "an unfinished one does not");
		is_str(s[3].not_done, "Base of the skull: skipped",
		    "the skipped point named");
		is_str(s[3].title, "Test points", "routine title");
		is_str(s[1].routine_id, "other-routine", "routine id");
		is_str(s[3].sha256, rt->sha256, "routine hash");
		ok(s[3].seconds > 100, "nominal length stored");
	}
	history_sessions_free(s, n);

	memset(&f, 0, sizeof f);
	f.routine_id = "test-points";
	f.since = T0 + 86400;
	history_sessions(r, &f, &s, &n, &cause);
	is_int(n, 2, "filter by routine and since");
	history_sessions_free(s, n);
	f.until = T0 + 3 * 86400;
	history_sessions(r, &f, &s, &n, &cause);
	is_int(n, 1, "filter until");
	if (n == 1)
		is_int(s[0].id, s2, "the one in range");
	history_sessions_free(s, n);

	memset(&f, 0, sizeof f);
	f.routine_id = "test-points";
	ok(history_events(r, &f, &e, &n, &cause) == 0, "history_events");
	is_int(n, 17 + 17 + 17, "events of one routine");
	if (n == 51) {
		is_int(e[0].session_id, s1, "oldest session first");
		is_int(e[0].seq, 1, "seq 1 first");
		is_str(e[0].kind, "pre_pain", "first kind");
		is_str(e[50].kind, "finish", "last kind");
		is_int(e[50].session_id, s4, "last session last");
		is_str(e[4].side, "left", "side");
		is_str(e[4].title, "Top of the shoulder", "step title");
		is_int(e[4].arg, 25000, "arg");
		is_int(e[4].at_ms, 25000, "at");
		is_int(e[4].wall, T0 + 25, "wall");
		is_int(e[0].session_start, T0, "session start");
		is_str(e[0].sha256, rt->sha256, "hash on every event");
	}
	history_events_free(e, n);

	ok(history_points(r, &f, &p, &n, &cause) == 0, "history_points");
	is_int(n, 3, "three points");
	if (n == 3) {
		is_str(p[0].title, "Top of the shoulder", "routine order");
		is_str(p[0].side, "left", "left first");
		is_str(p[1].side, "right", "then right");
		is_str(p[2].title, "Base of the skull", "then the next hold");
		is_int(p[0].n, 3, "left: three sessions");
		is_int(p[0].peak, 7, "left: peak");
		is_int(p[0].v[0].peak, 7, "left: peak per session");
		is_int(p[0].v[1].peak, 6, "left: peak session 2");
		is_int(p[0].v[2].peak, 5, "left: peak session 3");
		ok(p[0].avg > 5.49 && p[0].avg < 5.51, "left: average of six "
		    "ratings (5+7+5+6+5+5)/6");
		is_int(p[0].ratings, 6, "left: ratings");
		is_int(p[0].ease_offs, 3, "left: ease-offs");
		is_int(p[0].v[0].hold_ms, 30000, "left: hold time");
		is_int(p[0].v[0].release_ms, -1, "left: no release");
		is_int(p[1].releases, 3, "right: released every time");
		is_int(p[1].v[0].release_ms, 20000, "right: release 1");
		is_int(p[1].v[1].release_ms, 12000, "right: release 2");
		is_int(p[1].v[2].release_ms, 8000, "right: release 3");
		is_int(p[1].v[0].session_id, s1, "samples oldest first");
		is_int(p[1].v[2].start, T0 + 4 * 86400, "sample start");
		is_int(p[2].skips, 1, "skipped once");
		is_int(p[2].v[0].skips, 1, "in the first session");
		is_int(p[2].v[0].peak, -1, "no rating there");
		ok(p[2].v[0].avg < 0, "no average there");
		is_str(p[2].point, "Just below the bony ridge.", "point text");
	}
	history_points_free(p, n);
	ok(history_points(r, NULL, &p, &n, &cause) == -1,
	    "history_points needs a routine");
	free(cause);
	cause = NULL;

	ok(history_routines(r, NULL, &ro, &n, &cause) == 0,
	    "history_routines");
	is_int(n, 2, "two routines");
	if (n == 2) {
		is_str(ro[0].id, "test-points", "most recently used first");
		is_int(ro[0].sessions, 3, "sessions");
		is_int(ro[0].completed, 3, "counted: two completed, and the "
		    "stopped one that held 72 of its 90 s");
		is_int(ro[0].first, T0, "first");
		is_int(ro[0].last, T0 + 4 * 86400, "last");
		is_int(ro[0].last_end, T0 + 4 * 86400 + 121, "last end");
		is_int(ro[0].last_done, T0 + 4 * 86400, "last completed");
		is_int(ro[0].program_start, T0, "program start");
		is_int(ro[0].program_done, 3, "program done");
		is_int(ro[0].per_week, 3, "per week");
		is_int(ro[0].weeks, 2, "weeks");
		is_str(ro[1].id, "other-routine", "the other one");
		is_int(ro[1].last_done, 0, "never completed");
	}
	history_routines_free(ro, n);
	history_close(r);
	routine_free(rt);
	routine_free(other);
	free(db);
}

/* Sessions written out of the order of their starts (the clock was set
 * back between them) still count by start: a routine's latest session
 * is the one that started last, its first the one that started first,
 * whatever their places in the file; routines written in turn stay
 * apart. */
static void
test_out_of_order(void)
{
	struct history		*h;
	struct routine		*rt, *other;
	struct hist_routine	*ro;
	size_t			 n;
	char			*cause = NULL, *db;
	/* Starts in the order written: a, b, a, b, a (days after T0). */
	static const int	 day[] = { 2, 0, 5, 6, 1 };
	int64_t			 sid;
	unsigned		 i;

	db = testlib_path("order.db");
	rt = load(test_yaml, NULL);
	other = load(test_yaml, "other-routine");
	h = history_open(db, &cause);
	for (i = 0; i < nitems(day); i++) {
		sid = history_begin(h, i % 2 == 0 ? rt : other,
		    T0 + day[i] * 86400);
		script(h, sid, T0 + day[i] * 86400, 5, 5, 1000, 0,
		    OUT_COMPLETED);
	}
	ok(history_routines(h, NULL, &ro, &n, &cause) == 0,
	    "out of order: history_routines");
	is_int(n, 2, "out of order: two routines");
	if (n == 2) {
		is_str(ro[0].id, "other-routine", "out of order: the one "
		    "that started last first");
		is_int(ro[0].last, T0 + 6 * 86400, "out of order: its "
		    "latest start");
		is_int(ro[0].first, T0, "out of order: its first start");
		is_int(ro[0].sessions, 2, "out of order: its sessions");
		is_str(ro[1].id, "test-points", "out of order: then the "
		    "other");
		is_int(ro[1].last, T0 + 5 * 86400, "out of order: the latest "
		    "start, not the last written");
		is_int(ro[1].first, T0 + 86400, "out of order: the first "
		    "start, written last");
		is_int(ro[1].sessions, 3, "out of order: all three");
		is_int(ro[1].last_done, T0 + 5 * 86400, "out of order: the "
		    "latest completed");
	}
	history_routines_free(ro, n);
	history_close(h);
	routine_free(rt);
	routine_free(other);
	free(db);
}

/* A new version of the routine file starts a new prescription. */
static void
test_program(void)
{
	struct history		*h;
	struct routine		*rt;
	struct hist_routine	*ro;
	size_t			 n;
	char			*cause = NULL, *db;
	int64_t			 sid;
	int			 i;

	db = testlib_path("prog.db");
	rt = load(test_yaml, NULL);
	h = history_open(db, &cause);
	for (i = 0; i < 4; i++) {
		if (i == 2)
			memset(rt->sha256, 'b', 64);
		sid = history_begin(h, rt, T0 + i * 86400);
		script(h, sid, T0 + i * 86400, 5, 5, 1000, 0, OUT_COMPLETED);
	}
	history_routines(h, NULL, &ro, &n, &cause);
	is_int(n, 1, "one routine");
	if (n == 1) {
		is_int(ro[0].program_start, T0 + 2 * 86400, "prescription "
		    "starts with the new file");
		is_int(ro[0].program_done, 2, "its sessions");
		is_int(ro[0].completed, 4, "all sessions");
	}
	history_routines_free(ro, n);
	history_close(h);
	routine_free(rt);
	free(db);
}

/* The first schema, as version 1 of unknot wrote it. */
static const char v1_schema[] =
	"CREATE TABLE sessions (id INTEGER PRIMARY KEY, routine_id TEXT NOT "
	"NULL, title TEXT NOT NULL, sha256 TEXT NOT NULL, started INTEGER NOT "
	"NULL, ended INTEGER, outcome TEXT, signal INTEGER NOT NULL DEFAULT 0,"
	" pre_pain INTEGER, post_pain INTEGER);"
	"CREATE TABLE events (session_id INTEGER NOT NULL REFERENCES "
	"sessions(id), seq INTEGER NOT NULL, kind TEXT NOT NULL, step INTEGER "
	"NOT NULL, title TEXT NOT NULL DEFAULT '', side TEXT NOT NULL DEFAULT "
	"'', value INTEGER NOT NULL DEFAULT 0, arg INTEGER NOT NULL DEFAULT 0,"
	" at_ms INTEGER NOT NULL, wall INTEGER NOT NULL, PRIMARY KEY "
	"(session_id, seq));"
	"INSERT INTO sessions VALUES (1, 'old', 'Old routine', 'abc', "
	"1700000000, 1700000600, 'completed', 0, 5, 2);"
	"INSERT INTO events VALUES (1, 1, 'pre_pain', -1, '', '', 5, 0, 0, "
	"1700000001);"
	"INSERT INTO events VALUES (1, 2, 'step_start', 0, 'Warm up', '', 0, 0,"
	" 0, 1700000002);"
	"INSERT INTO events VALUES (1, 3, 'step_end', 0, 'Warm up', '', 0, "
	"60000, 60000, 1700000062);"
	"INSERT INTO events VALUES (1, 4, 'step_start', 1, 'Point', 'left', 0,"
	" 0, 60000, 1700000062);"
	"INSERT INTO events VALUES (1, 5, 'rating', 1, 'Point', 'left', 6, "
	"5000, 65000, 1700000067);"
	"INSERT INTO events VALUES (1, 6, 'step_end', 1, 'Point', 'left', 0, "
	"30000, 90000, 1700000092);"
	"INSERT INTO events VALUES (1, 7, 'step_start', 1, 'Point', 'right', 0,"
	" 0, 90000, 1700000092);"
	"INSERT INTO events VALUES (1, 8, 'step_end', 1, 'Point', 'right', 0, "
	"9000, 99000, 1700000101);"
	"INSERT INTO events VALUES (1, 9, 'release', 1, 'Point', 'right', 0, "
	"9000, 99000, 1700000101);"
	"INSERT INTO events VALUES (1, 10, 'finish', -1, '', '', 0, 0, 120000,"
	" 1700000600);"
	"PRAGMA user_version = 1;";

/* Two more old sessions: a completed one with a skipped hold, one
 * stopped at the safety screen. */
static const char v1_more[] =
	"INSERT INTO sessions VALUES (2, 'old', 'Old', 'abc', 1700100000, "
	"1700100300, 'completed', 0, NULL, NULL);"
	"INSERT INTO events VALUES (2, 1, 'step_start', 0, 'Point', 'left', 0,"
	" 0, 0, 1700100001);"
	"INSERT INTO events VALUES (2, 2, 'rating', 0, 'Point', 'left', 4, "
	"5000, 5000, 1700100006);"
	"INSERT INTO events VALUES (2, 3, 'step_end', 0, 'Point', 'left', 0, "
	"6000, 6000, 1700100007);"
	"INSERT INTO events VALUES (2, 4, 'skip', 0, 'Point', 'left', 0, "
	"6000, 6000, 1700100007);"
	"INSERT INTO events VALUES (2, 5, 'finish', -1, '', '', 0, 0, 9000,"
	" 1700100010);"
	"INSERT INTO sessions VALUES (3, 'old', 'Old', 'abc', 1700200000, "
	"1700200010, 'stopped', 0, NULL, NULL);"
	"INSERT INTO events VALUES (3, 1, 'finish', -1, '', '', 1, 0, 9000,"
	" 1700200010);";

/* Version 3 upgrades old outcomes in place: a skipped hold makes a
 * completed session partial, a quit before any step abandoned. */
static void
test_migration_v3(void)
{
	struct history	*h;
	char		*cause = NULL, *db, *k;

	db = testlib_path("v1more.db");
	ok(sql_exec(db, v1_schema) == 0 && sql_exec(db, v1_more) == 0,
	    "a version 1 database with three sessions");
	h = history_open_read(db, &cause);
	ok(h != NULL, "it opens");
	history_close(h);
	k = sql_text(db, "SELECT group_concat(outcome, ' ') FROM (SELECT"
	    " outcome FROM sessions ORDER BY id)");
	is_str(k, "completed partial abandoned", "completed, partial (a skipped "
	    "hold), abandoned (stopped before any step)");
	free(k);
	is_str((k = sql_text(db, "SELECT status FROM events WHERE session_id"
	    " = 2 AND kind = 'step_end'")), "skipped",
	    "the step end before the skip: skipped");
	free(k);
	free(db);
}

/* A version 1 database opens and is upgraded to version 2 with its data. */
static void
test_migration(void)
{
	struct history		*h;
	struct hist_session	*s;
	struct hist_point	*p;
	struct hist_filter	 f = { "old", 0, 0, false };
	struct routine		*rt;
	size_t			 n;
	char			*cause = NULL, *db, *k, *want;
	int64_t			 sid;

	db = testlib_path("v1.db");
	ok(sql_exec(db, v1_schema) == 0, "a version 1 database by hand");
	is_int(sql_int(db, "PRAGMA user_version"), 1, "it is version 1");
	h = history_open_read(db, &cause);
	ok(h != NULL, "it opens");
	is_int(sql_int(db, "PRAGMA user_version"), HISTORY_VERSION,
	    "upgraded to the current version");
	is_int(sql_int(db, "SELECT count(*) FROM events WHERE kind ="
	    " 'step_end' AND status = 'done'"), 2,
	    "version 3: old step ends that ran their time are done");
	is_int(sql_int(db, "SELECT count(*) FROM events WHERE kind ="
	    " 'step_end' AND status = 'let_go' AND side = 'right'"), 1,
	    "version 3: the one followed by a release let go");
	is_int(sql_int(db, "SELECT rehearsal FROM sessions WHERE id = 1"), 0,
	    "version 3: an old session is no rehearsal");
	is_int(sql_int(db, "SELECT count(*) FROM events WHERE step_kind ="
	    " 'hold'"), 6, "rated or released steps became holds");
	is_int(sql_int(db, "SELECT count(*) FROM events WHERE step_kind ="
	    " ''"), 4, "the others did not");
	is_int(sql_int(db, "SELECT points FROM sessions WHERE id = 1"), 2,
	    "points counted from the holds");
	is_int(sql_int(db, "SELECT count(*) FROM sqlite_master WHERE name ="
	    " 'sessions_routine'"), 1, "the new index exists");
	history_sessions(h, NULL, &s, &n, &cause);
	is_int(n, 1, "the old session is there");
	if (n == 1) {
		is_str(s[0].outcome, "completed", "with its outcome");
		is_int(s[0].pre_pain, 5, "and its ratings");
		is_int(s[0].per_week, 0, "no frequency was known");
		is_int(s[0].points_done, 2, "points done");
		is_int(s[0].peak, 6, "peak");
	}
	history_sessions_free(s, n);
	history_points(h, &f, &p, &n, &cause);
	is_int(n, 2, "its points");
	if (n == 2) {
		is_str(p[0].side, "left", "left");
		is_int(p[1].v[0].release_ms, 9000, "release time kept");
	}
	history_points_free(p, n);
	history_close(h);

	/* Writing after the upgrade works. */
	h = history_open(db, &cause);
	rt = load(test_yaml, NULL);
	sid = history_begin(h, rt, T0);
	script(h, sid, T0, 5, 5, 1000, 0, OUT_COMPLETED);
	is_int(sid, 2, "a new session after the old one");
	history_close(h);
	is_int(sql_int(db, "SELECT count(*) FROM sessions"), 2, "both kept");
	k = sql_text(db, "PRAGMA integrity_check");
	is_str(k, "ok", "still sound");
	free(k);
	routine_free(rt);

	/* A history from a newer unknot is not written. */
	sql_exec(db, "PRAGMA user_version = 99");
	h = history_open(db, &cause);
	ok(h != NULL && notice_has(h, "newer version"),
	    "a newer version is not written, and the session is told");
	rt = load(test_yaml, NULL);
	sid = history_begin(h, rt, T0);
	script(h, sid, T0, 5, 5, 1000, 0, OUT_COMPLETED);
	ok(history_flush(h) > 0, "its events stay in memory");
	k = history_unsaved(h);
	xasprintf(&want, "Nothing of this session was saved: it was written "
	    "by a newer version of unknot (%s)", db);
	is_str(k, want, "said at the end");
	free(want);
	free(k);
	history_close(h);
	routine_free(rt);
	h = history_open_read(db, &cause);
	ok(h != NULL, "but read");
	history_sessions(h, NULL, &s, &n, &cause);
	is_int(n, 2, "its sessions");
	history_sessions_free(s, n);
	history_close(h);
	is_int(sql_int(db, "PRAGMA user_version"), 99, "and left at 99");
	free(db);
}

/* The week of the progression a session ran at, and what was told of
 * it, are recorded with it and read back; a session without one has 0. */
static void
test_week(void)
{
	struct history		*h;
	struct hist_session	*s;
	struct routine		*rt;
	size_t			 n;
	char			*cause = NULL, *db;

	db = testlib_path("week.db");
	rt = load(test_yaml, NULL);
	h = history_open(db, &cause);
	history_begin(h, rt, T0);
	rt->progress_week = 2;
	rt->progress_note = xstrdup("This week (2 of 3): 30 s holds");
	history_begin(h, rt, T0 + 60);
	history_close(h);
	is_int(sql_int(db, "SELECT week FROM sessions WHERE id = 2"), 2,
	    "the week is in the session's row");
	h = history_open_read(db, &cause);
	history_sessions(h, NULL, &s, &n, &cause);
	ok(n == 2 && s[0].week == 2 && s[1].week == 0,
	    "read back: week 2, and 0 for a session without a progression");
	is_str(n == 2 ? s[0].week_note : NULL,
	    "This week (2 of 3): 30 s holds", "and what was told");
	is_str(n == 2 ? s[1].week_note : NULL, "", "none without");
	history_sessions_free(s, n);
	history_close(h);
	routine_free(rt);
	free(db);
}

/* A read-only database: the session goes on in memory, is told once,
 * and is written when it can be. */
static void
test_readonly(void)
{
	struct history	*h;
	struct routine	*rt;
	char		*cause = NULL, *db, *k;
	int64_t		 sid;
	time_t		 w = T0;

	db = testlib_path("ro.db");
	rt = load(test_yaml, NULL);
	h = history_open(db, &cause);
	sid = history_begin(h, rt, w);
	act(h, sid, SA_PRE_PAIN, -1, 0, 4, 0, 0, w);
	act(h, sid, SA_STEP_START, 0, RT_SIDE_LEFT, 0, 0, 0, w);
	is_int(sql_int(db, "SELECT count(*) FROM events"), 2, "two events");
	ok(history_test_exec(h, "PRAGMA query_only = 1", &cause) == 0,
	    "make the connection read-only");
	act(h, sid, SA_RATING, 0, RT_SIDE_LEFT, 5, 1000, 1000, w + 1);
	ok(notice_has(h, "kept in memory"), "told that it cannot save and "
	    "keeps the session in memory");
	act(h, sid, SA_RATING, 0, RT_SIDE_LEFT, 6, 2000, 2000, w + 2);
	act(h, sid, SA_STEP_END, 0, RT_SIDE_LEFT, 0, 3000, 3000, w + 3);
	is_str(history_take_notice(h), NULL, "told only once");
	is_int(history_flush(h), 3, "three events wait");
	is_int(sql_int(db, "SELECT count(*) FROM events"), 2,
	    "nothing more reached the file");
	history_test_exec(h, "PRAGMA query_only = 0", &cause);
	act(h, sid, SA_STEP_START, 0, RT_SIDE_RIGHT, 0, 0, 3000, w + 3);
	ok(notice_has(h, "again"), "told that it saves again");
	k = kinds_of(db, sid);
	is_str(k, "pre_pain step_start rating rating step_end step_start",
	    "all events written in order at the next event");
	free(k);
	history_close(h);
	routine_free(rt);
	free(db);
}

/* A full disk (the database may not grow): the same. */
static void
test_full(void)
{
	struct history	*h;
	struct routine	*rt;
	char		*cause = NULL, *db, *sql, *k, *want;
	int64_t		 sid;
	int		 i, failed = -1;

	db = testlib_path("full.db");
	rt = load(test_yaml, NULL);
	h = history_open(db, &cause);
	sid = history_begin(h, rt, T0);
	xasprintf(&sql, "PRAGMA max_page_count = %lld",
	    sql_int(db, "PRAGMA page_count"));
	history_test_exec(h, sql, &cause);
	free(sql);
	for (i = 0; i < 2000 && failed < 0; i++) {
		act(h, sid, SA_RATING, 0, RT_SIDE_LEFT, i % 11, i, i, T0 + i);
		if (history_flush(h) != 0)
			failed = i;
	}
	ok(failed >= 0, "the disk fills up");
	ok(notice_has(h, "full"), "told that the disk is full");
	is_int(sql_int(db, "SELECT count(*) FROM events"), failed,
	    "events before it are saved");
	k = history_unsaved(h);
	xasprintf(&want, "Some of this session could not be saved: the disk "
	    "is full (%s)", db);
	is_str(k, want, "what is lost is \"some\" when some was saved");
	free(want);
	free(k);
	act(h, sid, SA_RATING, 0, RT_SIDE_LEFT, 1, 1, 1, T0);
	history_test_exec(h, "PRAGMA max_page_count = 1000000", &cause);
	act(h, sid, SA_FINISH, -1, 0, OUT_COMPLETED, 0, 5, T0 + 5000);
	is_int(sql_int(db, "SELECT count(*) FROM events"), failed + 3,
	    "all saved once there is room");
	is_int(sql_int(db, "SELECT count(DISTINCT seq) FROM events"),
	    failed + 3, "with distinct seq");
	sql = sql_text(db, "SELECT outcome FROM sessions");
	is_str(sql, "completed", "the outcome too");
	free(sql);
	k = history_unsaved(h);
	is_str(k, NULL, "and nothing is said to be lost");
	free(k);
	history_close(h);
	routine_free(rt);
	free(db);
}

/* A directory that cannot be made: the whole session waits in memory. */
static void
test_nodir(void)
{
	struct history		*h;
	struct routine		*rt;
	char			*cause = NULL, *blocker, *db, *k;
	int64_t			 sid;
	int			 fd;

	blocker = testlib_path("notadir");
	fd = open(blocker, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	close(fd);
	xasprintf(&db, "%s/unknot/history.db", blocker);
	rt = load(test_yaml, NULL);
	h = history_open(db, &cause);
	ok(h != NULL, "a history that cannot be created is still returned");
	ok(notice_has(h, "cannot open"), "and says so");
	sid = history_begin(h, rt, T0);
	is_int(sid, -1, "history_begin gives -1");
	script(h, sid, T0, 6, 7, 20000, 1, -1);
	ok(history_flush(h) > 0, "events wait in memory");
	is_str(history_take_notice(h), NULL, "told once");
	unlink(blocker);
	mkdir(blocker, 0755);
	act(h, sid, SA_POST_PAIN, -1, 0, 2, 0, 120000, T0 + 120);
	act(h, sid, SA_FINISH, -1, 0, OUT_COMPLETED, 0, 120000, T0 + 121);
	is_int(sql_int(db, "SELECT count(*) FROM sessions"), 1,
	    "the session is written once it can be");
	k = kinds_of(db, 1);
	is_str(k, "pre_pain step_start rating rating ease_off step_end "
	    "step_start rating step_end release step_start step_end "
	    "step_start step_end skip post_pain finish",
	    "with every event in order");
	free(k);
	is_int(sql_int(db, "SELECT pre_pain * 100 + post_pain FROM sessions"),
	    602, "and its ratings");
	history_close(h);

	/* Closing writes what is left. */
	unlink(db);
	rmdir(blocker);
	fd = open(blocker, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	close(fd);
	h = history_open(db, &cause);
	sid = history_begin(h, rt, T0);
	act(h, sid, SA_PRE_PAIN, -1, 0, 3, 0, 0, T0);
	unlink(blocker);
	mkdir(blocker, 0755);
	history_close(h);
	is_int(sql_int(db, "SELECT count(*) FROM events"), 1,
	    "history_close writes what waited");
	routine_free(rt);
	free(blocker);
	free(db);
}

/* Another unknot holding the database: wait, else keep and retry. */
static void
test_busy(void)
{
	struct history	*a, *b;
	struct routine	*rt;
	char		*cause = NULL, *db;
	int64_t		 sa, sb;

	db = testlib_path("busy.db");
	rt = load(test_yaml, NULL);
	a = history_open(db, &cause);
	b = history_open(db, &cause);
	sa = history_begin(a, rt, T0);
	sb = history_begin(b, rt, T0 + 1);
	ok(sa > 0 && sb > 0 && sa != sb, "two at the same time");
	script(a, sa, T0, 5, 6, 1000, 0, -1);
	script(b, sb, T0 + 1, 5, 6, 1000, 0, -1);
	script(a, sa, T0, 5, 6, 1000, 0, OUT_COMPLETED);
	is_int(sql_int(db, "SELECT count(*) FROM events"), 15 + 15 + 17,
	    "both write");
	history_test_exec(a, "PRAGMA busy_timeout = 50", &cause);
	ok(history_test_exec(b, "BEGIN IMMEDIATE", &cause) == 0,
	    "the other takes the write lock");
	act(a, sa, SA_POST_PAIN, -1, 0, 1, 0, 1, T0 + 200);
	ok(notice_has(a, "locked"), "told it is locked");
	history_test_exec(b, "COMMIT", &cause);
	act(a, sa, SA_POST_PAIN, -1, 0, 2, 0, 1, T0 + 201);
	is_int(sql_int(db, "SELECT count(*) FROM events WHERE kind = "
	    "'post_pain'"), 3, "written after the lock is gone");
	history_close(a);
	history_close(b);
	routine_free(rt);
	free(db);
}

/* Lock db in another process as the sqlite3 shell does with
 * locking_mode exclusive and BEGIN EXCLUSIVE (readers are kept out too);
 * returns once it is locked, with the pipe that ends it in *release. */
static pid_t
lock_elsewhere(const char *db, int *release)
{
	int	ready[2], go[2];
	char	c = 0;
	pid_t	pid;
	sqlite3	*other;

	if (pipe(ready) != 0 || pipe(go) != 0)
		fatal("pipe");
	if ((pid = fork()) == -1)
		fatal("fork");
	if (pid == 0) {
		close(ready[0]);
		close(go[1]);
		if (sqlite3_open(db, &other) != SQLITE_OK ||
		    sqlite3_exec(other, "PRAGMA locking_mode = EXCLUSIVE;"
		    " BEGIN EXCLUSIVE; SELECT count(*) FROM sessions", NULL,
		    NULL, NULL) != SQLITE_OK)
			printf("# lock: %s\n", sqlite3_errmsg(other));
		fflush(stdout);
		if (write(ready[1], &c, 1) != 1 || read(go[0], &c, 1) < 0)
			_exit(1);
		sqlite3_exec(other, "COMMIT", NULL, NULL, NULL);
		sqlite3_close(other);
		_exit(0);
	}
	close(ready[1]);
	close(go[0]);
	if (read(ready[0], &c, 1) != 1)
		printf("# the locking process failed\n");
	close(ready[0]);
	*release = go[1];
	return pid;
}

/* End what lock_elsewhere() started, and wait for it. */
static void
unlock_elsewhere(pid_t pid, int release)
{
	close(release);
	waitpid(pid, NULL, 0);
}

/* Milliseconds on the monotonic clock. */
static int64_t
mono_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Another program holding the file locked even for readers (sqlite3 in
 * locking_mode exclusive): the session spends the short wait once, keeps
 * its events in memory and writes them, with the times they happened,
 * when the lock goes. */
static void
test_locked(void)
{
	struct history	*h;
	struct routine	*rt;
	char		*cause = NULL, *db;
	int64_t		 sid, t0, spent;
	int		 i, release;
	pid_t		 locker;

	db = testlib_path("locked.db");
	rt = load(test_yaml, NULL);
	h = history_open(db, &cause);
	history_close(h);
	locker = lock_elsewhere(db, &release);
	t0 = mono_ms();
	h = history_open(db, &cause);
	sid = history_begin(h, rt, T0);
	act(h, sid, SA_PRE_PAIN, -1, 0, 4, 0, 0, T0);
	for (i = 0; i < 10; i++)
		act(h, sid, SA_RATING, 0, RT_SIDE_LEFT, i, i * 1000,
		    i * 1000, T0 + 10 + i);
	is_int(history_flush(h), 11, "the events wait while it is locked");
	spent = mono_ms() - t0;
	printf("# opening, eleven events and a flush while locked: %lld ms\n",
	    (long long)spent);
	ok(spent < 1000, "and cost the session the short wait once, not a "
	    "wait per event");
	ok(notice_has(h, "is locked by another program"), "told it is locked");
	unlock_elsewhere(locker, release);
	act(h, sid, SA_STEP_END, 0, RT_SIDE_LEFT, 0, 30000, 30000, T0 + 30);
	is_int(history_flush(h), 0, "written when the lock goes");
	ok(notice_has(h, "again"), "and told so");
	is_int(sql_int(db, "SELECT count(*) FROM events WHERE kind = "
	    "'rating'"), 10, "every rating is in the file");
	/* T0 + 10 .. T0 + 19: 10 * T0 + 145. */
	is_int(sql_int(db, "SELECT sum(wall - 1700000000) FROM events WHERE "
	    "kind = 'rating'"), 10 * (T0 - 1700000000) + 145,
	    "at the times they happened");
	history_close(h);
	routine_free(rt);
	free(db);
}

/* A history restored with sqlite3's .dump has lost user_version: its
 * tables tell the version, and user_version is repaired. */
static void
test_dumped(void)
{
	struct history		*h;
	struct hist_session	*s;
	struct routine		*rt;
	size_t			 n = 0;
	char			*cause = NULL, *db, *v1;
	int64_t			 sid;

	db = testlib_path("dumped.db");
	rt = load(test_yaml, NULL);
	h = history_open(db, &cause);
	sid = history_begin(h, rt, T0);
	script(h, sid, T0, 5, 6, 1000, 0, OUT_COMPLETED);
	history_close(h);
	sql_exec(db, "PRAGMA user_version = 0");
	h = history_open_read(db, &cause);
	ok(h != NULL, "a current history without user_version opens");
	if (h != NULL && history_sessions(h, NULL, &s, &n, &cause) != 0) {
		printf("# %s\n", cause);
		free(cause);
		cause = NULL;
	}
	is_int(n, 1, "and reads");
	if (h != NULL)
		history_sessions_free(s, n);
	history_close(h);
	h = history_open(db, &cause);
	ok(notice_has(h, "damaged") == 0, "no trouble recording");
	sid = history_begin(h, rt, T0 + 100);
	script(h, sid, T0 + 100, 5, 6, 1000, 0, OUT_COMPLETED);
	is_int(history_flush(h), 0, "a new session is written");
	history_close(h);
	is_int(sql_int(db, "SELECT count(*) FROM sessions"), 2, "both there");
	is_int(sql_int(db, "PRAGMA user_version"), HISTORY_VERSION,
	    "user_version repaired");

	/* Version 1 tables, user_version lost: upgraded from 1. */
	v1 = testlib_path("dumped1.db");
	sql_exec(v1, v1_schema);
	sql_exec(v1, "PRAGMA user_version = 0");
	h = history_open(v1, &cause);
	sid = history_begin(h, rt, T0);
	ok(sid > 0, "version 1 tables without user_version: a session begins");
	is_int(history_flush(h), 0, "version 1 tables without user_version: "
	    "written");
	history_close(h);
	is_int(sql_int(v1, "SELECT count(*) FROM sessions"), 2,
	    "after the old session");
	is_int(sql_int(v1, "SELECT count(*) FROM pragma_table_info('events')"
	    " WHERE name = 'point'"), 1, "in the upgraded tables");
	is_int(sql_int(v1, "PRAGMA user_version"), HISTORY_VERSION,
	    "now the current version");
	routine_free(rt);
	free(v1);
	free(db);
}

/* The corrupt files next to path; their number. */
static size_t
corrupt_files(const char *path, glob_t *g)
{
	char	*pat;

	xasprintf(&pat, "%s.corrupt-*[0-9]", path);
	if (glob(pat, 0, NULL, g) != 0)
		g->gl_pathc = 0;
	free(pat);
	return g->gl_pathc;
}

/* True if file holds exactly text. */
static int
file_is(const char *file, const char *text)
{
	char	*buf = NULL, *cause = NULL;
	size_t	 len;
	int	 r;

	if (util_read_file(file, 1 << 20, &buf, &len, &cause) != 0) {
		free(cause);
		return 0;
	}
	r = len == strlen(text) && memcmp(buf, text, len) == 0;
	free(buf);
	return r;
}

/* Damage the middle of a database with many rows. */
static void
damage(const char *db)
{
	char	buf[4096];
	int	fd;
	off_t	size;

	memset(buf, 0x5a, sizeof buf);
	fd = open(db, O_RDWR);
	size = lseek(fd, 0, SEEK_END);
	if (pwrite(fd, buf, 4096, (size / 4096 / 2) * 4096 + 100) != 4096)
		printf("# pwrite: %s\n", strerror(errno));
	close(fd);
}

/* A file that is not a database, or fails its integrity check, is moved
 * aside, never overwritten. */
static void
test_corrupt(void)
{
	struct history		*h;
	struct routine		*rt;
	struct hist_session	*s;
	glob_t			 g;
	char			*cause = NULL, *db;
	const char		*junk = "This is not a database, but it is "
	    "someone's file and must not be lost. 0123456789abcdef";
	size_t			 n;
	int64_t			 sid;
	int			 fd, i;

	db = testlib_path("corrupt.db");
	fd = open(db, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (write(fd, junk, strlen(junk)) != (ssize_t)strlen(junk))
		printf("# write: %s\n", strerror(errno));
	close(fd);
	rt = load(test_yaml, NULL);
	h = history_open(db, &cause);
	ok(h != NULL, "a file that is not a database: opened anyway");
	ok(notice_has(h, "moved aside"), "with a notice");
	is_int(corrupt_files(db, &g), 1, "moved aside");
	if (g.gl_pathc == 1) {
		ok(file_is(g.gl_pathv[0], junk), "with its bytes intact");
		ok(strlen(g.gl_pathv[0]) == strlen(db) +
		    strlen(".corrupt-YYYYmmddTHHMMSS"), "named "
		    "history.db.corrupt-YYYYmmddTHHMMSS");
	}
	globfree(&g);
	sid = history_begin(h, rt, T0);
	ok(sid > 0, "a new history is started");
	history_close(h);

	/* Many rows, then damage in the middle of the file. */
	h = history_open(db, &cause);
	for (i = 0; i < 40; i++) {
		sid = history_begin(h, rt, T0 + i);
		script(h, sid, T0 + i, 5, 6, 1000, 0, OUT_COMPLETED);
	}
	history_close(h);
	sql_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
	damage(db);
	{
		char *ic = sql_text(db, "PRAGMA integrity_check");
		ok(strcmp(ic, "ok") != 0, "the damage is real");
		ic[strcspn(ic, "\n")] = '\0';
		printf("# integrity_check: %.60s\n", ic);
		free(ic);
	}
	h = history_open_read(db, &cause);
	ok(h != NULL, "a damaged history opens for reading");
	is_str(history_take_notice(h), NULL, "without a check at opening");
	ok(history_sessions(h, NULL, &s, &n, &cause) == 0,
	    "the query that finds the damage does not fail");
	is_int(n, 0, "and reads as empty");
	history_sessions_free(s, n);
	ok(notice_has(h, "damaged"), "with a notice");
	is_int(corrupt_files(db, &g), 2, "moved aside, the first one kept");
	globfree(&g);
	history_close(h);
	ok(access(db, F_OK) != 0, "reading does not create a new file");
	routine_free(rt);
	free(db);
}

/* Reading a history that does not exist creates nothing. */
static void
test_absent(void)
{
	struct history		*h;
	struct hist_session	*s;
	struct hist_routine	*r;
	struct hist_event	*e;
	size_t			 n = 9;
	char			*cause = NULL, *db;

	db = testlib_path("absent/history.db");
	h = history_open_read(db, &cause);
	ok(h != NULL, "open_read of a missing file");
	ok(history_sessions(h, NULL, &s, &n, &cause) == 0 && n == 0,
	    "no sessions");
	history_sessions_free(s, n);
	ok(history_routines(h, NULL, &r, &n, &cause) == 0 && n == 0,
	    "no routines");
	history_routines_free(r, n);
	ok(history_events(h, NULL, &e, &n, &cause) == 0 && n == 0,
	    "no events");
	history_events_free(e, n);
	history_close(h);
	ok(access(db, F_OK) != 0, "nothing created");
	history_record(NULL, 1, NULL, 0);
	is_int(history_begin(NULL, NULL, 0), -1, "NULL history: begin");
	is_str(history_take_notice(NULL), NULL, "NULL history: notice");
	history_close(NULL);
	free(db);
}

/* Run the tests. */
int
main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	testlib_tmpdir("history");
	test_create();
	test_queries();
	test_program();
	test_out_of_order();
	test_migration();
	test_migration_v3();
	test_week();
	test_readonly();
	test_full();
	test_nodir();
	test_busy();
	test_locked();
	test_dumped();
	test_corrupt();
	test_absent();
	testlib_cleanup();
	return done_testing();
}
