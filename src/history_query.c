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
#include "util.h"

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
static int
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
static sqlite3_stmt *
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
history_query_session_row(sqlite3_stmt *st, struct hist_session *s)
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
static const char history_query_sessions_sql[] =
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
	    " ORDER BY s.started DESC, s.id DESC", history_query_sessions_sql,
	    week, HISTORY_WHERE);
	st = history_query_prepare(h, sql, cause);
	free(sql);
	if (st == NULL)
		return history_query_failed(h, cause);
	history_bind_text(st, 1, session_act_name(SA_RATING));
	history_bind_text(st, 2, session_act_name(SA_STEP_END));
	history_bind_text(st, 4, session_act_name(SA_SYMPTOM));
	history_query_bind_filter(st, f);
	while ((r = history_query_next(h, st, cause)) == 1) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		history_query_session_row(st, &(*out)[(*n)++]);
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

/* One row of the points query as a sample. */
static void
history_query_sample_row(sqlite3_stmt *st, struct hist_sample *x)
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
history_query_same_point(sqlite3_stmt *st, const struct hist_point *p)
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
history_query_points_rows(struct history *h, sqlite3_stmt *st,
    struct hist_point **out, size_t *n, char **cause)
{
	struct hist_point	*p = NULL;
	double			 sum = 0;
	int			 r;
	int			 step;

	while ((r = history_query_next(h, st, cause)) == 1) {
		if (p == NULL || !history_query_same_point(st, p)) {
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
		history_query_sample_row(st, &p->v[p->n]);
		history_query_point_add(p, &p->v[p->n], &sum);
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
	st = history_query_prepare(h, "SELECT e.title, e.point, e.side,"
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
	history_query_bind_filter(st, f);
	r = history_query_points_rows(h, st, out, n, cause);
	sqlite3_finalize(st);
	if (r == -1) {
		history_points_free(*out, *n);
		*out = NULL;
		*n = 0;
		return history_query_failed(h, cause);
	}
	if (*n > 1)
		qsort(*out, *n, sizeof **out, history_query_point_cmp);
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
history_query_drop_rehearsals(struct hist_session *v, size_t n)
{
	size_t	i, k = 0;

	for (i = 0; i < n; i++) {
		if (v[i].rehearsal != 0) {
			history_query_session_free(&v[i]);
			continue;
		}
		v[k++] = v[i];
	}
	return k;
}

/* Fill in one routine from its sessions, newest first. */
static int
history_query_routine_fill(struct history *h, const struct hist_filter *f,
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
	n = history_query_drop_rehearsals(v, n);
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
	st = history_query_prepare(h, "SELECT s.routine_id FROM sessions s"
	    " WHERE (?23 OR s.rehearsal = 0) AND" HISTORY_WHERE
	    " GROUP BY s.routine_id"
	    " ORDER BY max(s.started) DESC, s.routine_id", cause);
	if (st == NULL)
		return history_query_failed(h, cause);
	history_query_bind_filter(st, f);
	sqlite3_bind_int(st, 23, f != NULL && f->rehearsals);
	while ((r = history_query_next(h, st, cause)) == 1) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		memset(&(*out)[*n], 0, sizeof **out);
		(*out)[(*n)++].id = history_col(st, 0);
	}
	sqlite3_finalize(st);
	for (i = 0; r == 0 && i < *n; i++) {
		if (history_query_routine_fill(h, f, &(*out)[i], cause) != 0)
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
