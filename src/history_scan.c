/* SPDX-License-Identifier: GPL-3.0-or-later */
/* history_scan.c: the sessions of a filter in one pass over the sessions
 * and one over their events (in storage order, or through the routine's
 * index when the filter names one), aggregated here rather than by a
 * subquery per session and a query per routine. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "history.h"
#include "history_int.h"
#include "history_scan.h"
#include "session.h"
#include "strtab.h"
#include "util.h"

/* The statuses that count a point as done, and those that say it was
 * not (in the order of their bits). */
static const char *history_scan_good[] = { "done", "let_go", "extended",
    "eased" };
static const char *history_scan_bad[] = { "skipped", "stopped",
    "not_reached" };

/* A step and side of one session: its latest status. */
struct hist_scan_key {
	int		 step;
	const char	*side;
	int64_t		 seq;		/* of the latest status */
	const char	*status;	/* that status, its event's title */
	const char	*title;
	const char	*step_kind;
	unsigned	 good;		/* bits of good statuses a hold's
					 * step end had */
};

/* A symptom reported in a session. */
struct hist_scan_sym {
	int64_t		 seq;
	const char	*title;
	const char	*side;
};

/* A point held in a session; avg holds the sum of its ratings until
 * the points are made. */
struct hist_scan_smp {
	const char		*title;
	const char		*point;
	const char		*side;
	int			 step;
	const struct hist_session *s;
	struct hist_sample	 x;
};

/* An event kept for a report (not its times, which a report does not
 * read of them). */
struct hist_scan_ev {
	uint32_t	 seq;
	char		*kind;
	char		*step_kind;
	char		*title;
	char		*point;
	char		*side;
	int		 step;
	int		 value;
	int64_t		 arg;
};

/* What the events of one session add up to. */
struct hist_scan_acc {
	bool			 any;
	int64_t			 last_wall;
	bool			 rated;
	int			 peak;
	int64_t			 active_ms;
	unsigned		 n_events;
	int64_t			 hold_ms;
	struct hist_scan_key	*key;
	size_t			 nkey;
	struct hist_scan_sym	*sym;
	size_t			 nsym;
	struct hist_scan_smp	*smp;
	size_t			 nsmp;
	struct hist_scan_ev	*ev;
	size_t			 nev, cev;
};

struct hist_scan {
	int			 what;
	struct hist_session	*s;		/* newest first */
	size_t			 ns;
	struct hist_scan_acc	*acc;		/* by session */
	size_t			*by_id;		/* sessions in order of id */
	size_t			*map;		/* id - min_id -> index + 1 */
	int64_t			 min_id;
	size_t			 nmap;
	char			**str;		/* every string, once */
	size_t			 nstr, used;
	char			*last[16];	/* by column: the latest */
	uint64_t		 row;		/* rows read */
	uint64_t		 at[16];	/* by column: the row of last */
	char			**rid;		/* each session's routine id,
						 * interned */
	/* Interned names compared by address. */
	char			*k_rating, *k_step_end, *k_symptom,
				*k_ease_off, *k_bracing, *k_skip, *k_release,
				*k_status, *k_hold, *k_note, *k_set,
				*k_difficulty, *empty;
};

/* The scan's one copy of s ("" for NULL). */
static char *
history_scan_str(struct hist_scan *sc, const unsigned char *s)
{
	return strtab_intern(&sc->str, &sc->nstr, &sc->used,
	    s != NULL ? (const char *)s : "");
}

/* A text column, interned, once a row; rows in a row often repeat a
 * column. */
static char *
history_scan_col(struct hist_scan *sc, sqlite3_stmt *st, int i)
{
	const unsigned char	*s;

	if (sc->at[i] == sc->row && sc->last[i] != NULL)
		return sc->last[i];
	sc->at[i] = sc->row;
	s = sqlite3_column_text(st, i);
	if (sc->last[i] != NULL && s != NULL &&
	    strcmp((const char *)s, sc->last[i]) == 0)
		return sc->last[i];
	return sc->last[i] = history_scan_str(sc, s);
}

/* The index of name in v (n of them), or -1. */
static int
history_scan_index(const char **v, size_t n, const char *name)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcmp(v[i], name) == 0)
			return (int)i;
	}
	return -1;
}

/* Intern the names the events are compared with. */
static void
history_scan_names(struct hist_scan *sc)
{
#define N(s) history_scan_str(sc, (const unsigned char *)(s))
	sc->k_rating = N(session_act_name(SA_RATING));
	sc->k_step_end = N(session_act_name(SA_STEP_END));
	sc->k_symptom = N(session_act_name(SA_SYMPTOM));
	sc->k_ease_off = N(session_act_name(SA_EASE_OFF));
	sc->k_bracing = N(session_act_name(SA_BRACING));
	sc->k_skip = N(session_act_name(SA_SKIP));
	sc->k_release = N(session_act_name(SA_RELEASE));
	sc->k_status = N(session_act_name(SA_STATUS));
	sc->k_set = N(session_act_name(SA_SET));
	sc->k_difficulty = N(session_act_name(SA_DIFFICULTY));
	sc->k_hold = N("hold");
	sc->k_note = N("note");
	sc->empty = N("");
#undef N
}

/* A session's id and index, for the order of ids. */
struct hist_scan_id {
	int64_t	id;
	size_t	i;
};

/* qsort: sessions by id. */
static int
history_scan_id_cmp(const void *a, const void *b)
{
	const struct hist_scan_id	*x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* Index the sessions by id: a table when the ids are dense, else the
 * sorted order for a binary search. */
static void
history_scan_index_ids(struct hist_scan *sc)
{
	struct hist_scan_id	*v;
	int64_t			 max;
	size_t			 i;

	v = xcalloc(sc->ns + 1, sizeof *v);
	for (i = 0; i < sc->ns; i++) {
		v[i].id = sc->s[i].id;
		v[i].i = i;
	}
	if (sc->ns > 1)
		qsort(v, sc->ns, sizeof *v, history_scan_id_cmp);
	sc->by_id = xcalloc(sc->ns + 1, sizeof *sc->by_id);
	sc->rid = xcalloc(sc->ns + 1, sizeof *sc->rid);
	for (i = 0; i < sc->ns; i++) {
		sc->by_id[i] = v[i].i;
		sc->rid[i] = history_scan_str(sc,
		    (const unsigned char *)sc->s[i].routine_id);
	}
	free(v);
	if (sc->ns == 0)
		return;
	sc->min_id = sc->s[sc->by_id[0]].id;
	max = sc->s[sc->by_id[sc->ns - 1]].id;
	if (max - sc->min_id >= (int64_t)sc->ns * 4 + 64)
		return;
	sc->nmap = (size_t)(max - sc->min_id) + 1;
	sc->map = xcalloc(sc->nmap, sizeof *sc->map);
	for (i = 0; i < sc->ns; i++)
		sc->map[sc->s[i].id - sc->min_id] = i + 1;
}

/* The session with this id, or NULL. */
static struct hist_scan_acc *
history_scan_find(struct hist_scan *sc, int64_t id, size_t *idx)
{
	size_t	lo = 0, hi = sc->ns, mid;

	if (sc->map != NULL) {
		if (id < sc->min_id || id - sc->min_id >= (int64_t)sc->nmap ||
		    sc->map[id - sc->min_id] == 0)
			return NULL;
		*idx = sc->map[id - sc->min_id] - 1;
		return &sc->acc[*idx];
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (sc->s[sc->by_id[mid]].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == sc->ns || sc->s[sc->by_id[lo]].id != id)
		return NULL;
	*idx = sc->by_id[lo];
	return &sc->acc[*idx];
}

/* The key of a step and side in a session, added if new. */
static struct hist_scan_key *
history_scan_key(struct hist_scan_acc *a, int step, const char *side)
{
	struct hist_scan_key	*k;
	size_t			 i;

	for (i = 0; i < a->nkey; i++) {
		if (a->key[i].step == step && a->key[i].side == side)
			return &a->key[i];
	}
	a->key = xreallocarray(a->key, a->nkey + 1, sizeof *a->key);
	k = &a->key[a->nkey++];
	memset(k, 0, sizeof *k);
	k->step = step;
	k->side = side;
	k->seq = INT64_MIN;
	return k;
}

/* The sample of a point in a session, added if new. */
static struct hist_scan_smp *
history_scan_sample(struct hist_scan_acc *a, const struct hist_session *s,
    const char *title, const char *point, const char *side)
{
	struct hist_scan_smp	*p;
	size_t			 i;

	for (i = 0; i < a->nsmp; i++) {
		p = &a->smp[i];
		if (p->title == title && p->point == point && p->side == side)
			return p;
	}
	a->smp = xreallocarray(a->smp, a->nsmp + 1, sizeof *a->smp);
	p = &a->smp[a->nsmp++];
	memset(p, 0, sizeof *p);
	p->title = title;
	p->point = point;
	p->side = side;
	p->step = INT32_MAX;
	p->s = s;
	p->x.session_id = s->id;
	p->x.start = s->start;
	p->x.peak = -1;
	p->x.release_ms = -1;
	return p;
}

/* The columns of the events query. */
enum {
	HSC_SID, HSC_SEQ, HSC_KIND, HSC_STEP, HSC_STEP_KIND, HSC_TITLE,
	HSC_SIDE, HSC_POINT, HSC_VALUE, HSC_ARG, HSC_AT, HSC_WALL, HSC_STATUS
};

/* What a step event adds to its point in a session (as history_points()
 * counts: hold steps, no status events, no rehearsals). */
static void
history_scan_point(struct hist_scan *sc, struct hist_scan_acc *a,
    const struct hist_session *s, sqlite3_stmt *st, const char *kind)
{
	struct hist_scan_smp	*p;
	int			 step, v;
	int64_t			 arg;

	p = history_scan_sample(a, s, history_scan_col(sc, st, HSC_TITLE),
	    history_scan_col(sc, st, HSC_POINT),
	    history_scan_col(sc, st, HSC_SIDE));
	step = sqlite3_column_int(st, HSC_STEP);
	if (step < p->step)
		p->step = step;
	arg = sqlite3_column_int64(st, HSC_ARG);
	if (kind == sc->k_rating) {
		v = sqlite3_column_int(st, HSC_VALUE);
		if (p->x.ratings == 0 || v > p->x.peak)
			p->x.peak = v;
		p->x.avg += v;
		p->x.ratings++;
	} else if (kind == sc->k_ease_off)
		p->x.ease_offs++;
	else if (kind == sc->k_bracing)
		p->x.bracing++;
	else if (kind == sc->k_skip)
		p->x.skips++;
	else if (kind == sc->k_release) {
		if (p->x.release_ms < 0 || arg < p->x.release_ms)
			p->x.release_ms = arg;
	} else if (kind == sc->k_step_end)
		p->x.hold_ms += arg;
}

/* Keep an event for a report. */
static void
history_scan_keep(struct hist_scan *sc, struct hist_scan_acc *a,
    sqlite3_stmt *st, char *kind, char *step_kind)
{
	struct hist_scan_ev	*e;

	if (a->nev == a->cev) {
		a->cev = a->cev == 0 ? 16 : a->cev * 2;
		a->ev = xreallocarray(a->ev, a->cev, sizeof *a->ev);
	}
	e = &a->ev[a->nev++];
	e->seq = (uint32_t)sqlite3_column_int64(st, HSC_SEQ);
	e->kind = kind;
	e->step_kind = step_kind;
	e->title = history_scan_col(sc, st, HSC_TITLE);
	e->point = history_scan_col(sc, st, HSC_POINT);
	e->side = history_scan_col(sc, st, HSC_SIDE);
	e->step = sqlite3_column_int(st, HSC_STEP);
	e->value = sqlite3_column_int(st, HSC_VALUE);
	e->arg = sqlite3_column_int64(st, HSC_ARG);
}

/* The step status named s (STS_NONE for a name not known). */
static enum step_status
history_scan_status_of(const char *s)
{
	int	i;

	for (i = 1; i < STS_COUNT; i++) {
		if (strcmp(session_status_name((enum step_status)i), s) == 0)
			return (enum step_status)i;
	}
	return STS_NONE;
}

/* A status event: the latest of its step and side, unless the one
 * before stands against it (session_status_stands()), and whether a
 * hold's step end was done. */
static void
history_scan_status(struct hist_scan *sc, struct hist_scan_acc *a,
    sqlite3_stmt *st, const char *kind, const char *step_kind)
{
	struct hist_scan_key	*k;
	const char		*status;
	int64_t			 seq = sqlite3_column_int64(st, HSC_SEQ);
	int			 g;

	status = history_scan_col(sc, st, HSC_STATUS);
	k = history_scan_key(a, sqlite3_column_int(st, HSC_STEP),
	    history_scan_col(sc, st, HSC_SIDE));
	if (seq > k->seq && (k->status == NULL ||
	    !session_status_stands(history_scan_status_of(k->status),
	    history_scan_status_of(status)))) {
		k->seq = seq;
		k->status = status;
		k->title = history_scan_col(sc, st, HSC_TITLE);
		k->step_kind = step_kind;
	}
	if (kind == sc->k_step_end && step_kind == sc->k_hold &&
	    (g = history_scan_index(history_scan_good,
	    nitems(history_scan_good), status)) >= 0)
		k->good |= 1U << g;
}

/* Add one event row to its session. */
static void
history_scan_row(struct hist_scan *sc, sqlite3_stmt *st)
{
	struct hist_scan_acc		*a;
	const struct hist_session	*s;
	const unsigned char		*status;
	char				*kind, *step_kind;
	int64_t				 wall, at;
	size_t				 idx;

	if ((a = history_scan_find(sc, sqlite3_column_int64(st, HSC_SID),
	    &idx)) == NULL)
		return;
	sc->row++;
	s = &sc->s[idx];
	kind = history_scan_col(sc, st, HSC_KIND);
	step_kind = history_scan_col(sc, st, HSC_STEP_KIND);
	wall = sqlite3_column_int64(st, HSC_WALL);
	at = sqlite3_column_int64(st, HSC_AT);
	if (!a->any || wall > a->last_wall)
		a->last_wall = wall;
	if (!a->any || at > a->active_ms)
		a->active_ms = at;
	a->any = true;
	a->n_events++;
	if (kind == sc->k_rating && (!a->rated ||
	    sqlite3_column_int(st, HSC_VALUE) > a->peak)) {
		a->peak = sqlite3_column_int(st, HSC_VALUE);
		a->rated = true;
	}
	if (kind == sc->k_step_end && step_kind == sc->k_hold)
		a->hold_ms += sqlite3_column_int64(st, HSC_ARG);
	status = sqlite3_column_text(st, HSC_STATUS);
	if (status != NULL && *status != '\0')
		history_scan_status(sc, a, st, kind, step_kind);
	if (kind == sc->k_symptom && sqlite3_column_int(st, HSC_VALUE) == 1) {
		a->sym = xreallocarray(a->sym, a->nsym + 1, sizeof *a->sym);
		a->sym[a->nsym].seq = sqlite3_column_int64(st, HSC_SEQ);
		a->sym[a->nsym].title = history_scan_col(sc, st, HSC_TITLE);
		a->sym[a->nsym++].side = history_scan_col(sc, st, HSC_SIDE);
	}
	if ((sc->what & HIST_SCAN_POINTS) && step_kind == sc->k_hold &&
	    s->rehearsal == 0 && kind != sc->k_status)
		history_scan_point(sc, a, s, st, kind);
	if ((sc->what & HIST_SCAN_EVENTS) && (kind == sc->k_rating ||
	    kind == sc->k_symptom || kind == sc->k_step_end ||
	    kind == sc->k_status || kind == sc->k_set ||
	    kind == sc->k_difficulty))
		history_scan_keep(sc, a, st, kind, step_kind);
}

/* Append "title[, side]" to a "; " list. */
static void
history_scan_cat(char **list, const char *title, const char *side,
    const char *more)
{
	char	*t;

	xasprintf(&t, "%s%s%s%s%s%s", *list, **list != '\0' ? "; " : "",
	    title, *side != '\0' ? ", " : "", side, more);
	free(*list);
	*list = t;
}

/* qsort: keys by step, then side. */
static int
history_scan_key_cmp(const void *a, const void *b)
{
	const struct hist_scan_key	*x = a, *y = b;

	if (x->step != y->step)
		return x->step < y->step ? -1 : 1;
	return strcmp(x->side, y->side);
}

/* qsort: symptoms in order. */
static int
history_scan_sym_cmp(const void *a, const void *b)
{
	const struct hist_scan_sym	*x = a, *y = b;

	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* The steps and sides not done, "Trap, right: skipped; ...", and the
 * number of point holds done. */
static char *
history_scan_not_done(struct hist_scan_acc *a, unsigned *done)
{
	struct hist_scan_key	*k;
	char			*s = xstrdup(""), *more, *t;
	size_t			 i;
	int			 g;

	*done = 0;
	if (a->nkey > 1)
		qsort(a->key, a->nkey, sizeof *a->key, history_scan_key_cmp);
	for (i = 0; i < a->nkey; i++) {
		k = &a->key[i];
		g = history_scan_index(history_scan_good,
		    nitems(history_scan_good), k->status);
		if (g >= 0 && (k->good & (1U << g)))
			(*done)++;
		if (history_scan_index(history_scan_bad,
		    nitems(history_scan_bad), k->status) < 0 ||
		    strcmp(k->step_kind, "note") == 0)
			continue;
		xasprintf(&more, ": %s", k->status);
		for (t = more; *t != '\0'; t++) {
			if (*t == '_')
				*t = ' ';
		}
		history_scan_cat(&s, k->title, k->side, more);
		free(more);
	}
	return s;
}

/* Fill in session s from what its events added up to. */
static void
history_scan_finish(struct hist_session *s, struct hist_scan_acc *a)
{
	size_t	i;

	if (s->end == HISTORY_END_UNKNOWN)
		s->end = a->any ? (time_t)a->last_wall : s->start;
	s->peak = a->rated ? a->peak : -1;
	s->active_ms = a->any ? a->active_ms : 0;
	s->n_events = a->n_events;
	s->hold_done_ms = a->hold_ms;
	free(s->not_done);
	s->not_done = history_scan_not_done(a, &s->points_done);
	free(s->symptoms);
	s->symptoms = xstrdup("");
	if (a->nsym > 1)
		qsort(a->sym, a->nsym, sizeof *a->sym, history_scan_sym_cmp);
	for (i = 0; i < a->nsym; i++)
		history_scan_cat(&s->symptoms, a->sym[i].title, a->sym[i].side,
		    "");
	s->counts = history_counts(s);
	/* What only the session's figures needed. */
	free(a->key);
	free(a->sym);
	a->key = NULL;
	a->sym = NULL;
	a->nkey = a->nsym = 0;
}

/* Read the events of the sessions: through the routine's index when the
 * filter names one, else every event in the order it is stored. */
static int
history_scan_events_read(struct history *h, struct hist_scan *sc,
    const struct hist_filter *f, char **cause)
{
	sqlite3_stmt	*st;
	char		*sql;
	int		 r;
	bool		 one = f != NULL && f->routine_id != NULL;

	xasprintf(&sql, "SELECT e.session_id, e.seq, e.kind, e.step,"
	    " e.step_kind, e.title, e.side, e.point, e.value, e.arg, e.at_ms,"
	    " e.wall, e.status FROM %s", one ? "sessions s CROSS JOIN events e"
	    " ON e.session_id = s.id WHERE s.routine_id = ?1" : "events e");
	st = history_query_prepare(h, sql, cause);
	free(sql);
	if (st == NULL)
		return -1;
	if (one)
		history_bind_text(st, 1, f->routine_id);
	while ((r = history_query_next(h, st, cause)) == 1)
		history_scan_row(sc, st);
	sqlite3_finalize(st);
	return r;
}

/* Read the sessions and their events. */
int
history_scan(struct history *h, const struct hist_filter *f, int what,
    struct hist_scan **out, char **cause)
{
	struct hist_scan	*sc;
	size_t			 i;
	int			 r;

	*out = NULL;
	sc = xcalloc(1, sizeof *sc);
	sc->what = what;
	r = history_query_sessions(h, f, NULL, &sc->s, &sc->ns, cause);
	if (r == 0 && sc->ns != 0) {
		history_scan_names(sc);
		history_scan_index_ids(sc);
		sc->acc = xcalloc(sc->ns, sizeof *sc->acc);
		r = history_scan_events_read(h, sc, f, cause);
		if (r == -1 && (r = history_query_failed(h, cause)) == 0) {
			/* Damaged and moved aside: no sessions. */
			history_scan_free(sc);
			sc = xcalloc(1, sizeof *sc);
		}
		for (i = 0; r == 0 && i < sc->ns; i++)
			history_scan_finish(&sc->s[i], &sc->acc[i]);
	}
	if (r != 0) {
		history_scan_free(sc);
		return -1;
	}
	*out = sc;
	return 0;
}

/* A copy of a string of a session. */
static char *
history_scan_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* The indices of the sessions of routine_id (NULL: all), newest first,
 * and how many kept events (or samples, points) they have. */
static size_t
history_scan_pick(const struct hist_scan *sc, const char *routine_id,
    bool points, size_t **idx, size_t *items)
{
	const char	*rid = NULL;
	size_t		 i, n = 0;

	*idx = xcalloc(sc->ns + 1, sizeof **idx);
	*items = 0;
	/* The scan's copy of the id, compared by address. */
	for (i = 0; routine_id != NULL && rid == NULL && i < sc->ns; i++) {
		if (strcmp(sc->rid[i], routine_id) == 0)
			rid = sc->rid[i];
	}
	if (routine_id != NULL && rid == NULL)
		return 0;
	for (i = 0; i < sc->ns; i++) {
		if (rid != NULL && sc->rid[i] != rid)
			continue;
		(*idx)[n++] = i;
		*items += points ? sc->acc[i].nsmp : sc->acc[i].nev;
	}
	return n;
}

/* Copies of the sessions of a routine, newest first. */
void
history_scan_sessions(const struct hist_scan *sc, const char *routine_id,
    struct hist_session **out, size_t *n)
{
	struct hist_session	*d;
	size_t			*idx, i, k, items;

	*out = NULL;
	*n = 0;
	if (sc == NULL)
		return;
	k = history_scan_pick(sc, routine_id, false, &idx, &items);
	*out = xcalloc(k + 1, sizeof **out);
	for (i = 0; i < k; i++) {
		d = &(*out)[(*n)++];
		*d = sc->s[idx[i]];
		d->routine_id = history_scan_dup(d->routine_id);
		d->title = history_scan_dup(d->title);
		d->sha256 = history_scan_dup(d->sha256);
		d->outcome = history_scan_dup(d->outcome);
		d->not_done = history_scan_dup(d->not_done);
		d->symptoms = history_scan_dup(d->symptoms);
		d->week_note = history_scan_dup(d->week_note);
	}
	free(idx);
}

/* strcmp() of two interned strings: one pointer when they are equal. */
static int
history_scan_strcmp(const char *a, const char *b)
{
	return a == b ? 0 : strcmp(a, b);
}

/* qsort: samples by point (title, point, side), then session start. */
static int
history_scan_smp_cmp(const void *a, const void *b)
{
	const struct hist_scan_smp	*x = *(const struct hist_scan_smp *const *)a;
	const struct hist_scan_smp	*y = *(const struct hist_scan_smp *const *)b;
	int				 c;

	if ((c = history_scan_strcmp(x->title, y->title)) != 0 ||
	    (c = history_scan_strcmp(x->point, y->point)) != 0 ||
	    (c = history_scan_strcmp(x->side, y->side)) != 0)
		return c;
	if (x->x.start != y->x.start)
		return x->x.start < y->x.start ? -1 : 1;
	return (x->x.session_id > y->x.session_id) -
	    (x->x.session_id < y->x.session_id);
}

/* The points of a routine, as history_points() makes them. */
void
history_scan_points(const struct hist_scan *sc, const char *routine_id,
    struct hist_point **out, size_t *n)
{
	const struct hist_scan_smp	**v;
	struct history_point_rows	  pr;
	size_t				 *idx, i, j, k, nv = 0;

	*out = NULL;
	*n = 0;
	if (sc == NULL)
		return;
	k = history_scan_pick(sc, routine_id, true, &idx, &nv);
	v = xcalloc(nv + 1, sizeof *v);
	for (i = 0, nv = 0; i < k; i++) {
		for (j = 0; j < sc->acc[idx[i]].nsmp; j++)
			v[nv++] = &sc->acc[idx[i]].smp[j];
	}
	if (nv > 1)
		qsort(v, nv, sizeof *v, history_scan_smp_cmp);
	history_query_points_begin(&pr, out, n);
	for (i = 0; i < nv; i++) {
		struct hist_sample x = v[i]->x;

		/* avg held the sum: the mean as SQLite's avg() gives it. */
		x.avg = x.ratings != 0 ? x.avg / x.ratings : -1;
		history_query_points_add(&pr, v[i]->title, v[i]->point,
		    v[i]->side, v[i]->step, &x);
	}
	history_query_points_end(&pr);
	free(v);
	/* Given away too. */
	for (i = 0; i < k; i++) {
		free(sc->acc[idx[i]].smp);
		sc->acc[idx[i]].smp = NULL;
		sc->acc[idx[i]].nsmp = 0;
	}
	free(idx);
}

/* qsort: kept events of a session in order. */
static int
history_scan_ev_cmp(const void *a, const void *b)
{
	const struct hist_scan_ev	*x = a, *y = b;

	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* The kept events of a routine, oldest session first (the sessions are
 * newest first: started, then id, descending), each in order. */
void
history_scan_events(const struct hist_scan *sc, const char *routine_id,
    struct hist_event **out, size_t *n)
{
	const struct hist_scan_ev	*e;
	const struct hist_session	*s;
	struct hist_scan_acc		*a;
	struct hist_event		*d;
	size_t				*idx, i, j, k, items;

	*out = NULL;
	*n = 0;
	if (sc == NULL)
		return;
	k = history_scan_pick(sc, routine_id, false, &idx, &items);
	*out = xreallocarray(NULL, items + 1, sizeof **out);
	for (i = k; i > 0; i--) {
		s = &sc->s[idx[i - 1]];
		a = &sc->acc[idx[i - 1]];
		for (j = 1; j < a->nev && a->ev[j - 1].seq < a->ev[j].seq; j++)
			;
		if (j < a->nev)
			qsort(a->ev, a->nev, sizeof *a->ev, history_scan_ev_cmp);
		for (j = 0; j < a->nev; j++) {
			e = &a->ev[j];
			d = &(*out)[(*n)++];
			d->session_id = s->id;
			d->session_start = s->start;
			d->routine_id = s->routine_id;
			d->sha256 = s->sha256;
			d->seq = e->seq;
			d->at_ms = 0;
			d->wall = 0;
			d->kind = e->kind;
			d->step = e->step;
			d->step_kind = e->step_kind;
			d->title = e->title;
			d->point = e->point;
			d->side = e->side;
			d->value = e->value;
			d->arg = e->arg;
		}
		/* Given away: a report reads a routine's events once. */
		free(a->ev);
		a->ev = NULL;
		a->nev = a->cev = 0;
	}
	free(idx);
}

/* The routines of the sessions, with their totals. */
void
history_scan_routines(struct history *h, const struct hist_scan *sc,
    const struct hist_filter *f, struct hist_routine **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (sc != NULL)
		history_query_routines_of(h, f, sc->s, sc->ns, out, n);
}

/* Free the scan. */
void
history_scan_free(struct hist_scan *sc)
{
	size_t	i;

	if (sc == NULL)
		return;
	for (i = 0; sc->acc != NULL && i < sc->ns; i++) {
		free(sc->acc[i].key);
		free(sc->acc[i].sym);
		free(sc->acc[i].smp);
		free(sc->acc[i].ev);
	}
	free(sc->acc);
	history_sessions_free(sc->s, sc->ns);
	free(sc->by_id);
	free(sc->rid);
	free(sc->map);
	for (i = 0; i < sc->nstr; i++)
		free(sc->str[i]);
	free(sc->str);
	free(sc);
}
