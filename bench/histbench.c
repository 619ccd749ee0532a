/* SPDX-License-Identifier: GPL-3.0-or-later */
/* histbench.c: events per second written to the history, each committed
 * before history_record() returns, beside the floor for the same storage:
 * one INSERT per transaction through SQLite directly, with the history's
 * settings (WAL, synchronous = NORMAL) into a table of the same shape.
 *
 *	histbench DIR ROUTINE N
 *
 * writes DIR/history.db and DIR/raw.db and prints two lines,
 * "history EVENTS_PER_SECOND" and "sqlite EVENTS_PER_SECOND". */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "diag.h"
#include "history.h"
#include "routine.h"
#include "session.h"
#include "util.h"

/* Seconds on the monotonic clock. */
static double
histbench_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Events per second through history_record(); -1 on a failure. */
static double
histbench_history(const char *path, const struct routine *r, long n)
{
	struct history		*h;
	struct sess_action	 a;
	const char		*msg;
	char			*cause = NULL;
	int64_t			 sid;
	double			 t0, t;
	long			 i;

	if ((h = history_open(path, &cause)) == NULL) {
		fprintf(stderr, "histbench: %s\n", cause);
		free(cause);
		return -1;
	}
	sid = history_begin(h, r, time(NULL));
	memset(&a, 0, sizeof a);
	a.kind = SA_RATING;
	a.step = 0;
	t0 = histbench_now();
	for (i = 0; i < n; i++) {
		a.at = i * 1000;
		a.arg = i * 1000;
		a.value = (int)(i % 11);
		history_record(h, sid, &a, time(NULL));
	}
	t = histbench_now() - t0;
	while ((msg = history_take_notice(h)) != NULL)
		fprintf(stderr, "histbench: %s\n", msg);
	if (history_flush(h) != 0) {
		fprintf(stderr, "histbench: events were not written\n");
		history_close(h);
		return -1;
	}
	history_close(h);
	return n / t;
}

/* Run one statement; -1 on an error, printed. */
static int
histbench_exec(sqlite3 *db, const char *sql)
{
	char	*err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "histbench: %s: %s\n", sql, err);
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

/* Events per second as single INSERTs, each its own transaction. */
static double
histbench_sqlite(const char *path, long n)
{
	sqlite3		*db;
	sqlite3_stmt	*st = NULL;
	double		 t0, t = -1;
	long		 i;

	if (sqlite3_open(path, &db) != SQLITE_OK) {
		fprintf(stderr, "histbench: %s: %s\n", path,
		    sqlite3_errmsg(db));
		sqlite3_close(db);
		return -1;
	}
	if (histbench_exec(db, "PRAGMA journal_mode = WAL") != 0 ||
	    histbench_exec(db, "PRAGMA synchronous = NORMAL") != 0 ||
	    histbench_exec(db, "CREATE TABLE events (session_id INTEGER NOT"
	    " NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, step INTEGER NOT"
	    " NULL, title TEXT NOT NULL DEFAULT '', side TEXT NOT NULL DEFAULT"
	    " '', value INTEGER NOT NULL DEFAULT 0, arg INTEGER NOT NULL"
	    " DEFAULT 0, at_ms INTEGER NOT NULL, wall INTEGER NOT NULL,"
	    " step_kind TEXT NOT NULL DEFAULT '', point TEXT NOT NULL DEFAULT"
	    " '', PRIMARY KEY (session_id, seq))") != 0)
		goto out;
	if (sqlite3_prepare_v2(db, "INSERT INTO events (session_id, seq, kind,"
	    " step, title, side, value, arg, at_ms, wall, step_kind, point)"
	    " VALUES (1, ?, 'rating', 0, 'A hold', '', ?, ?, ?, ?, 'hold',"
	    " 'Where the knot is.')", -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "histbench: %s\n", sqlite3_errmsg(db));
		goto out;
	}
	t0 = histbench_now();
	for (i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, i + 1);
		sqlite3_bind_int(st, 2, (int)(i % 11));
		sqlite3_bind_int64(st, 3, i * 1000);
		sqlite3_bind_int64(st, 4, i * 1000);
		sqlite3_bind_int64(st, 5, (sqlite3_int64)time(NULL));
		if (sqlite3_step(st) != SQLITE_DONE) {
			fprintf(stderr, "histbench: %s\n", sqlite3_errmsg(db));
			goto out;
		}
		sqlite3_reset(st);
	}
	t = n / (histbench_now() - t0);
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return t;
}

/* Load the routine, then time both. */
int
main(int argc, char **argv)
{
	struct routine	*r;
	struct diags	 d;
	char		*hist, *raw;
	double		 a, b;
	long		 n;

	if (argc != 4 || (n = strtol(argv[3], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: histbench DIR ROUTINE N\n");
		return 2;
	}
	diags_init(&d);
	r = routine_load(argv[2], &d);
	diags_print(&d, stderr);
	diags_free(&d);
	if (r == NULL)
		return 1;
	xasprintf(&hist, "%s/history.db", argv[1]);
	xasprintf(&raw, "%s/raw.db", argv[1]);
	a = histbench_history(hist, r, n);
	b = histbench_sqlite(raw, n);
	free(hist);
	free(raw);
	routine_free(r);
	if (a < 0 || b < 0)
		return 1;
	printf("history %.1f\nsqlite %.1f\n", a, b);
	return 0;
}
