/* SPDX-License-Identifier: GPL-3.0-or-later */
/* history_query.c: what is read back from the history: sessions, events,
 * the points and their trend, each routine's adherence. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "history.h"
#include "history_int.h"
#include "history_scan.h"
#include "strtab.h"
#include "util.h"

/* Ready for a query: 1 if there is a database, 0 if there is none (no
 * rows), -1 with *cause. */
int
history_query_ready(struct history *h, char **cause)
{
	if (!h->absent && (h->db == NULL || !h->ready) &&
	    history_ready(h, cause) != 0)
		return -1;
	return h->db != NULL;
}

/* Bind a filter as ?20 (routine), ?21 (since), ?22 (until). */
static void
history_query_bind_filter(sqlite3_stmt *st, const struct hist_filter *f)
{
	if (f != NULL && f->routine_id != NULL)
		history_bind_text(st, 20, f->routine_id);
	else
		sqlite3_bind_null(st, 20);
	sqlite3_bind_int64(st, 21, f != NULL ? (int64_t)f->since : 0);
	sqlite3_bind_int64(st, 22, f != NULL ? (int64_t)f->until : 0);
}

/* The WHERE clause over sessions s that history_query_bind_filter() fills. */
#define HISTORY_WHERE							\
	" (?20 IS NULL OR s.routine_id = ?20)"				\
	" AND (?21 = 0 OR s.started >= ?21)"				\
	" AND (?22 = 0 OR s.started < ?22) "

/* Step a query; 1 for a row, 0 at the end, -1 with *cause. */
int
history_query_next(struct history *h, sqlite3_stmt *st, char **cause)
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
sqlite3_stmt *
history_query_prepare(struct history *h, const char *sql, char **cause)
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
int
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

/* The session's string s: the table's one copy of it, lean; else a new
 * copy. */
static char *
history_query_keep(const char *s, struct history_lean *lean)
{
	if (lean == NULL)
		return xstrdup(s);
	return strtab_intern(&lean->str, &lean->nstr, &lean->used, s);
}

/* A text column kept as history_query_keep() keeps it ("" for NULL). */
static char *
history_query_text(sqlite3_stmt *st, int i, struct history_lean *lean)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	return history_query_keep(s != NULL ? (const char *)s : "", lean);
}

/* One row of the sessions query; the end stays HISTORY_END_UNKNOWN
 * when the session never ended and the query did not read its last
 * event, and the event figures are left for history_scan.c. Lean, its
 * strings are the table's and its title NULL. */
static void
history_query_session_row(sqlite3_stmt *st, struct hist_session *s,
    struct history_lean *lean)
{
	s->id = sqlite3_column_int64(st, 0);
	s->routine_id = history_query_text(st, 1, lean);
	s->sha256 = history_query_text(st, 3, lean);
	s->start = (time_t)sqlite3_column_int64(st, 4);
	s->finished = sqlite3_column_type(st, 6) != SQLITE_NULL;
	/* Lean, a session that never ended nor wrote an event ended as it
	 * began; else history_scan.c reads its last event. */
	s->end = (time_t)history_coli(st, 5, history_coli(st, 18,
	    lean != NULL ? (int64_t)s->start : HISTORY_END_UNKNOWN));
	s->outcome = s->finished ? history_query_text(st, 6, lean) :
	    history_query_keep("unfinished", lean);
	/* A NULL reads as 0, the default of the columns read as they are. */
	s->points_total = (unsigned)sqlite3_column_int64(st, 12);
	s->rehearsal = (int)sqlite3_column_int64(st, 14);
	s->hold_seconds = (unsigned)sqlite3_column_int64(st, 15);
	s->hold_done_ms = history_coli(st, 19, -1);
	s->peak = -1;
	s->counts = history_counts(s);
	if (lean != NULL) {
		/* The lean query reads none of these. */
		s->pre_pain = s->post_pain = -1;
		return;
	}
	s->title = history_col(st, 2);
	s->signal = (int)sqlite3_column_int64(st, 7);
	s->pre_pain = (int)history_coli(st, 8, -1);
	s->post_pain = (int)history_coli(st, 9, -1);
	s->per_week = (unsigned)sqlite3_column_int64(st, 10);
	s->weeks = (unsigned)sqlite3_column_int64(st, 11);
	s->seconds = (unsigned)sqlite3_column_int64(st, 13);
	s->week = (unsigned)sqlite3_column_int64(st, 16);
	s->week_note = history_col(st, 17);
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

/* The sessions query: the columns of the sessions table, then (lean)
 * the last event's time of a session that never ended and the hold time
 * of one whose count depends on it, the two figures of its events that
 * history_routines() needs. */
static const char history_query_sessions_sql[] =
	"SELECT s.id, s.routine_id, %s,"
	" s.sha256, s.started, s.ended, s.outcome, %s, s.points, %s,"
	" s.rehearsal, s.hold_seconds, %s, %s FROM sessions s WHERE 1%s%s%s%s";

/* The lean figures of the events: ?4 the step end's name. */
static const char history_query_lean_sql[] =
	"CASE WHEN s.ended IS NULL THEN (SELECT max(e.wall) FROM events e"
	"  WHERE e.session_id = s.id) END,"
	" CASE WHEN s.rehearsal = 0 AND s.hold_seconds <> 0"
	"  AND s.outcome NOT IN ('completed', 'abandoned') THEN"
	"  (SELECT coalesce(sum(e.arg), 0) FROM events e"
	"  WHERE e.session_id = s.id AND e.kind = ?4"
	"  AND e.step_kind = 'hold') END";

/* Free sessions the sessions query read: lean, their strings are the
 * table's (its own to free), and only a title is theirs. */
static void
history_query_sessions_free(struct hist_session *v, size_t n,
    const struct history_lean *lean)
{
	size_t	i;

	if (lean == NULL) {
		history_sessions_free(v, n);
		return;
	}
	for (i = 0; i < n; i++)
		free(v[i].title);
	free(v);
}

/* The sessions matching a filter, newest first, with the columns of the
 * table only (and, lean, what history_routines() needs of their
 * events): the filter's parts that are set go into the WHERE clause,
 * so that the index of a routine's sessions is used. */
int
history_query_sessions(struct history *h, const struct hist_filter *f,
    struct history_lean *lean, struct hist_session **out, size_t *n,
    char **cause)
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
	/* Lean, only what every session adds to its routine's totals:
	 * history_query_routine_fill() reads the rest of the latest. */
	xasprintf(&sql, history_query_sessions_sql, lean != NULL ? "NULL" : "s.title",
	    lean != NULL ? "NULL, NULL, NULL, NULL, NULL" : "s.signal, s.pre_pain,"
	    " s.post_pain, s.per_week, s.weeks", lean != NULL ? "NULL" : "s.seconds",
	    lean != NULL ? "NULL, NULL" : week,
	    lean != NULL ? history_query_lean_sql : "NULL, NULL",
	    f != NULL && f->routine_id != NULL ? " AND s.routine_id = ?1" : "",
	    f != NULL && f->since != 0 ? " AND s.started >= ?2" : "",
	    f != NULL && f->until != 0 ? " AND s.started < ?3" : "",
	    lean != NULL ? "" : " ORDER BY s.started DESC, s.id DESC");
	st = history_query_prepare(h, sql, cause);
	free(sql);
	if (st == NULL)
		return history_query_failed(h, cause);
	if (f != NULL && f->routine_id != NULL)
		history_bind_text(st, 1, f->routine_id);
	sqlite3_bind_int64(st, 2, f != NULL ? (int64_t)f->since : 0);
	sqlite3_bind_int64(st, 3, f != NULL ? (int64_t)f->until : 0);
	if (lean != NULL)
		history_bind_text(st, 4, session_act_name(SA_STEP_END));
	while ((r = history_query_next(h, st, cause)) == 1) {
		if (*n % 256 == 0)
			*out = xreallocarray(*out, *n + 256, sizeof **out);
		memset(&(*out)[*n], 0, sizeof **out);
		history_query_session_row(st, &(*out)[(*n)++], lean);
	}
	sqlite3_finalize(st);
	if (r == -1) {
		history_query_sessions_free(*out, *n, lean);
		*out = NULL;
		*n = 0;
		return history_query_failed(h, cause);
	}
	return 0;
}

/* The sessions matching a filter, newest first: one pass over them and
 * one over their events (history_scan.c). */
int
history_sessions(struct history *h, const struct hist_filter *f,
    struct hist_session **out, size_t *n, char **cause)
{
	struct hist_scan	*sc;

	*out = NULL;
	*n = 0;
	if (history_scan(h, f, 0, &sc, cause) != 0)
		return -1;
	history_scan_sessions(sc, NULL, out, n);
	history_scan_free(sc);
	return 0;
}

/* Free the strings of one session. */
static void
history_query_session_free(struct hist_session *s)
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
		history_query_session_free(&v[i]);
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
	st = history_query_prepare(h, "SELECT e.session_id, s.started,"
	    " s.routine_id, s.sha256, e.seq, e.kind, e.step, e.step_kind,"
	    " e.title, e.point, e.side, e.value, e.arg, e.at_ms, e.wall"
	    /* Sessions first: their filter picks the events through the
	     * events' key, rather than every event being read. */
	    " FROM sessions s CROSS JOIN events e ON s.id = e.session_id"
	    " WHERE" HISTORY_WHERE
	    " ORDER BY s.started, s.id, e.seq", cause);
	if (st == NULL)
		return history_query_failed(h, cause);
	history_query_bind_filter(st, f);
	while ((r = history_query_next(h, st, cause)) == 1) {
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
history_query_side_rank(const char *side)
{
	if (strcmp(side, "left") == 0)
		return 0;
	if (strcmp(side, "right") == 0)
		return 1;
	return 2;
}

/* qsort: points in routine order. */
static int
history_query_point_cmp(const void *a, const void *b)
{
	const struct hist_point	*pa = a, *pb = b;

	if (pa->step != pb->step)
		return pa->step < pb->step ? -1 : 1;
	return history_query_side_rank(pa->side) -
	    history_query_side_rank(pb->side);
}

/* Add one sample to its point's totals. */
static void
history_query_point_add(struct hist_point *p, const struct hist_sample *x,
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

/* Start gathering samples, in order of their point, into points. */
void
history_query_points_begin(struct history_point_rows *pr,
    struct hist_point **out, size_t *n)
{
	memset(pr, 0, sizeof *pr);
	pr->out = out;
	pr->n = n;
}

/* The mean rating of the point being gathered. */
static void
history_query_points_mean(struct history_point_rows *pr)
{
	if (pr->p != NULL && pr->p->ratings != 0)
		pr->p->avg = pr->sum / pr->p->ratings;
}

/* Add the sample x of a point (its lowest step in that session): to the
 * point gathered last, or to a new one. */
void
history_query_points_add(struct history_point_rows *pr, const char *title,
    const char *point, const char *side, int step,
    const struct hist_sample *x)
{
	struct hist_point	*p = pr->p;

	if (p == NULL || strcmp(title, p->title) != 0 ||
	    strcmp(point, p->point) != 0 || strcmp(side, p->side) != 0) {
		history_query_points_mean(pr);
		*pr->out = xreallocarray(*pr->out, *pr->n + 1,
		    sizeof **pr->out);
		p = pr->p = &(*pr->out)[(*pr->n)++];
		memset(p, 0, sizeof *p);
		p->title = xstrdup(title);
		p->point = xstrdup(point);
		p->side = xstrdup(side);
		p->step = INT32_MAX;
		p->peak = -1;
		p->avg = -1;
		pr->sum = 0;
	}
	if (step < p->step)
		p->step = step;
	p->v = xreallocarray(p->v, p->n + 1, sizeof *p->v);
	p->v[p->n] = *x;
	history_query_point_add(p, &p->v[p->n], &pr->sum);
	p->n++;
}

/* The points gathered, in routine order (step, then left before right). */
void
history_query_points_end(struct history_point_rows *pr)
{
	history_query_points_mean(pr);
	if (*pr->n > 1)
		qsort(*pr->out, *pr->n, sizeof **pr->out,
		    history_query_point_cmp);
}

/* A routine's points with one sample per session. */
int
history_points(struct history *h, const struct hist_filter *f,
    struct hist_point **out, size_t *n, char **cause)
{
	struct hist_scan	*sc;

	*out = NULL;
	*n = 0;
	if (f == NULL || f->routine_id == NULL) {
		xasprintf(cause, "history_points: no routine");
		return -1;
	}
	if (history_scan(h, f, HIST_SCAN_POINTS, &sc, cause) != 0)
		return -1;
	history_scan_points(sc, f->routine_id, out, n);
	history_scan_free(sc);
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

/* The hold time of session id (when the lean query did not read it). */
static int64_t
history_query_hold_ms(struct history *h, int64_t id)
{
	sqlite3_stmt	*st;
	int64_t		 v = 0;
	char		*cause = NULL;

	st = history_query_prepare(h, "SELECT coalesce(sum(arg), 0) FROM events"
	    " WHERE session_id = ?1 AND kind = ?2 AND step_kind = 'hold'",
	    &cause);
	if (st == NULL) {
		free(cause);
		return 0;
	}
	sqlite3_bind_int64(st, 1, id);
	history_bind_text(st, 2, session_act_name(SA_STEP_END));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Read the columns the lean query left out of session s. */
static void
history_query_latest_row(struct history *h, struct hist_session *s)
{
	sqlite3_stmt	*st;
	char		*cause = NULL;

	st = history_query_prepare(h, "SELECT title, per_week, weeks, seconds"
	    " FROM sessions WHERE id = ?1", &cause);
	if (st == NULL) {
		free(cause);
		return;
	}
	sqlite3_bind_int64(st, 1, s->id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		s->title = history_col(st, 0);
		s->per_week = (unsigned)history_coli(st, 1, 0);
		s->weeks = (unsigned)history_coli(st, 2, 0);
		s->seconds = (unsigned)history_coli(st, 3, 0);
	}
	sqlite3_finalize(st);
}

/* Fill in one routine from its sessions v (n of them, newest first). */
static void
history_query_routine_fill(struct history *h, struct hist_routine *rt,
    struct hist_session *const *v, size_t n)
{
	struct hist_session	*last = NULL;
	size_t			 i;
	bool			 program = true, done;

	if (v[0]->title == NULL)
		history_query_latest_row(h, v[0]);
	rt->title = xstrdup(v[0]->title != NULL ? v[0]->title : "");
	rt->sha256 = xstrdup(v[0]->sha256);
	rt->per_week = v[0]->per_week;
	rt->weeks = v[0]->weeks;
	rt->seconds = v[0]->seconds;
	rt->holds = v[0]->points_total > 0;
	/* The counts and times are of the sessions that count. */
	for (i = 0; i < n; i++) {
		if (v[i]->rehearsal != 0)
			continue;
		if (last == NULL) {
			last = v[i];
			rt->last = last->start;
			if (last->hold_done_ms < 0)
				last->hold_done_ms = history_query_hold_ms(h,
				    last->id);
			/* A session recorded before hold times were
			 * (hold_seconds 0) is taken to have held when its
			 * routine had holds. */
			rt->last_held = last->hold_done_ms > 0 ||
			    (last->hold_seconds == 0 &&
			    last->points_total > 0);
			rt->last_end = last->end;
		}
		rt->sessions++;
		done = v[i]->counts;
		rt->first = v[i]->start;
		if (done) {
			rt->completed++;
			if (rt->last_done == 0)
				rt->last_done = v[i]->start;
		}
		if (program && strcmp(v[i]->sha256, rt->sha256) != 0)
			program = false;
		if (program) {
			rt->program_start = v[i]->start;
			rt->program_done += done;
		}
	}
}

/* A session and a number for its routine, for history_query_group(). */
struct history_query_key {
	size_t			 rix;
	struct hist_session	*s;
};

/* qsort: sessions by routine, newest first within each (started, then
 * id, as the sessions query orders them). */
static int
history_query_by_routine(const void *a, const void *b)
{
	const struct history_query_key	*x = a, *y = b;

	if (x->rix != y->rix)
		return x->rix < y->rix ? -1 : 1;
	if (x->s->start != y->s->start)
		return x->s->start > y->s->start ? -1 : 1;
	return (x->s->id < y->s->id) - (x->s->id > y->s->id);
}

/* Whether v is oldest first, by start and then id: the order in which
 * the sessions query reads a history whose clock never went back. */
static bool
history_query_in_order(const struct hist_session *v, size_t nv)
{
	size_t	i;

	for (i = 1; i < nv; i++) {
		if (v[i].start < v[i - 1].start || (v[i].start ==
		    v[i - 1].start && v[i].id < v[i - 1].id))
			return false;
	}
	return true;
}

/* The number of each session's routine in k, 0 up in the order they are
 * first seen; returns how many routines. Equal ids are found by their
 * one copy in a table, and that copy among the few routines by address. */
static size_t
history_query_number(struct hist_session *v, size_t nv,
    struct history_query_key *k)
{
	char	**str = NULL, *last = NULL, **ids = NULL;
	size_t	  nstr = 0, used = 0, nid = 0, r = 0, i;

	for (i = 0; i < nv; i++) {
		if (last == NULL || strcmp(last, v[i].routine_id) != 0) {
			last = strtab_intern(&str, &nstr, &used,
			    v[i].routine_id);
			for (r = 0; r < nid && ids[r] != last; r++)
				;
			if (r == nid) {
				ids = xreallocarray(ids, nid + 1, sizeof *ids);
				ids[nid++] = last;
			}
		}
		k[i].s = &v[i];
		k[i].rix = r;
	}
	for (i = 0; i < nstr; i++)
		free(str[i]);
	free(str);
	free(ids);
	return nid;
}

/* The sessions v (nv) grouped by routine, newest first within each. Read
 * oldest first, they are dealt out to their routines from the newest
 * (a counting sort); in any other order, sorted. */
static struct hist_session **
history_query_group(struct hist_session *v, size_t nv)
{
	struct history_query_key	*k;
	struct hist_session		**by;
	size_t				 *at, nid, i, sum, c;

	k = xcalloc(nv + 1, sizeof *k);
	nid = history_query_number(v, nv, k);
	by = xcalloc(nv + 1, sizeof *by);
	if (!history_query_in_order(v, nv)) {
		if (nv > 1)
			qsort(k, nv, sizeof *k, history_query_by_routine);
		for (i = 0; i < nv; i++)
			by[i] = k[i].s;
		free(k);
		return by;
	}
	at = xcalloc(nid + 1, sizeof *at);
	for (i = 0; i < nv; i++)
		at[k[i].rix]++;
	for (i = 0, sum = 0; i < nid; i++) {
		c = at[i];
		at[i] = sum;
		sum += c;
	}
	for (i = nv; i-- > 0; )
		by[at[k[i].rix]++] = k[i].s;
	free(at);
	free(k);
	return by;
}

/* A routine and the start of its latest session, for the order. */
struct history_query_rt {
	time_t			latest;
	struct hist_routine	r;
};

/* qsort: routines by their latest session, newest first, then id. */
static int
history_query_routine_cmp(const void *a, const void *b)
{
	const struct history_query_rt	*x = a, *y = b;

	if (x->latest != y->latest)
		return x->latest > y->latest ? -1 : 1;
	return strcmp(x->r.id, y->r.id);
}

/* The start of the latest session of by (n, one routine's, newest
 * first) that the filter lists the routine for; 0 and false if none. */
static bool
history_query_latest(const struct hist_filter *f,
    struct hist_session *const *by, size_t n, time_t *latest)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if ((f != NULL && f->rehearsals) || by[i]->rehearsal == 0) {
			*latest = by[i]->start;
			return true;
		}
	}
	return false;
}

/* The routines of sessions v (nv, newest first) that f lists, with
 * their totals, most recently used first. */
void
history_query_routines_of(struct history *h, const struct hist_filter *f,
    struct hist_session *v, size_t nv, struct hist_routine **out, size_t *n)
{
	struct hist_session	 **by;
	struct history_query_rt	 *rt;
	size_t			  nrt = 0, i, j;

	by = history_query_group(v, nv);
	rt = xcalloc(nv + 1, sizeof *rt);
	for (i = 0; i < nv; i = j) {
		for (j = i; j < nv && strcmp(by[j]->routine_id,
		    by[i]->routine_id) == 0; j++)
			;
		if (!history_query_latest(f, by + i, j - i, &rt[nrt].latest))
			continue;
		rt[nrt].r.id = xstrdup(by[i]->routine_id);
		history_query_routine_fill(h, &rt[nrt++].r, by + i, j - i);
	}
	if (nrt > 1)
		qsort(rt, nrt, sizeof *rt, history_query_routine_cmp);
	*out = xcalloc(nrt + 1, sizeof **out);
	for (i = 0; i < nrt; i++)
		(*out)[i] = rt[i].r;
	*n = nrt;
	free(rt);
	free(by);
}

/* The routines that have sessions, with their totals: one pass over
 * the sessions, and over only the events their counts need. */
int
history_routines(struct history *h, const struct hist_filter *f,
    struct hist_routine **out, size_t *n, char **cause)
{
	struct history_lean	 lean = { NULL, 0, 0 };
	struct hist_session	*v;
	size_t			 nv, i;
	int			 rv;

	*out = NULL;
	*n = 0;
	rv = history_query_sessions(h, f, &lean, &v, &nv, cause);
	if (rv == 0) {
		history_query_routines_of(h, f, v, nv, out, n);
		history_query_sessions_free(v, nv, &lean);
	}
	for (i = 0; i < lean.nstr; i++)
		free(lean.str[i]);
	free(lean.str);
	return rv;
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
