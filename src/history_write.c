/* SPDX-License-Identifier: GPL-3.0-or-later */
/* history_write.c: the history's writes: a session begun and each of its
 * events queued and committed as it comes, so that a kill -9 loses
 * nothing; what a full disk, a lock or a read-only file keeps from being
 * written waits in memory, with the reason, and is tried again. */
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

/* Free a session kept by the handle. */
void
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
history_write_count_holds(const struct routine *rt, bool seconds)
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
		if (!seconds)
			n += sides;
		else if (st->sides == RT_SIDE_NONE)
			n += st->seconds;
		else	/* each side its own, when given per side */
			n += (st->sides & RT_SIDE_LEFT ? routine_side_seconds(
			    st, RT_SIDE_LEFT) : 0) + (st->sides & RT_SIDE_RIGHT ?
			    routine_side_seconds(st, RT_SIDE_RIGHT) : 0);
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
	s->points = history_write_count_holds(rt, false);
	s->hold_seconds = history_write_count_holds(rt, true);
	s->week = rt->progress_week;
	s->week_note = xstrdup(rt->progress_note != NULL ?
	    rt->progress_note : "");
	secs = routine_seconds(rt);
	s->seconds = secs > 0 && secs < 1e7 ? (unsigned)(secs + 0.5) : 0;
	s->n_steps = rt->n_steps;
	s->steps = xcalloc(rt->n_steps, sizeof *s->steps);
	for (i = 0; i < rt->n_steps; i++) {
		s->steps[i].kind =
		    xstrdup(routine_kind_name(rt->steps[i].kind));
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
history_write_find(struct history *h, int64_t sid)
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
	if ((s = history_write_find(h, sid)) == NULL)
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
void
history_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

/* Step once and reset; -1 with *cause. */
static int
history_write_step_done(sqlite3 *db, sqlite3_stmt *st, char **cause)
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
history_write_session(struct history *h, struct hist_sess *s, char **cause)
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
	r = history_write_step_done(h->db, st, cause);
	sqlite3_finalize(st);
	if (r == 0)
		s->new_id = sqlite3_last_insert_rowid(h->db);
	return r;
}

/* What an event changes in its session's row: the ratings, the end. */
static int
history_write_effect(struct history *h, const struct hist_pend *p,
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
	r = history_write_step_done(h->db, st, cause);
	sqlite3_finalize(st);
	return r;
}

/* Insert one event inside the current transaction. */
static int
history_write_event(struct history *h, sqlite3_stmt *st,
    const struct hist_pend *p, char **cause)
{
	const struct hist_sess	*s = p->s;
	int64_t			 sid = s->id != -1 ? s->id : s->new_id;
	const struct hist_step	*hs = NULL;

	/* A rehearsal marks the session's row; it is no event. */
	if (p->kind == SA_REHEARSAL)
		return history_write_effect(h, p, sid, cause);
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
	if (history_write_step_done(h->db, st, cause) != 0)
		return -1;
	return history_write_effect(h, p, sid, cause);
}

/* Write every session and event kept in memory in one transaction. */
static int
history_write_queued(struct history *h, char **cause)
{
	sqlite3_stmt	*st;
	size_t		 i;

	for (i = 0; i < h->n_sessions; i++) {
		if (h->sessions[i]->id == -1 &&
		    history_write_session(h, h->sessions[i], cause) != 0)
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
		if (history_write_event(h, st, &h->pend[i], cause) != 0) {
			sqlite3_finalize(st);
			return -1;
		}
	}
	sqlite3_finalize(st);
	return 0;
}

/* True if something is waiting to be written. */
static bool
history_write_dirty(const struct history *h)
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
	if (history_write_queued(h, cause) != 0 ||
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
history_write_pending(struct history *h, char **cause)
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
void
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

	if (h == NULL || !history_write_dirty(h))
		return 0;
	if (history_write_pending(h, &cause) == 0) {
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

	if (h == NULL || !history_write_dirty(h))
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

