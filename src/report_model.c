/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report_model.c: what a report says of one routine, read from the
 * history and the routine file: who and what, the prescription against
 * what was done, and the flags a therapist must not miss. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "history.h"
#include "history_scan.h"
#include "library_many.h"
#include "progress_history.h"
#include "report_model.h"
#include "sign.h"
#include "strtab.h"
#include "util.h"

static const char *report_flag_names[] = {
#define X(e, name) [REPORT_FLAG_##e] = name,
	REPORT_FLAG_LIST
#undef X
};
_Static_assert(sizeof report_flag_names / sizeof report_flag_names[0] ==
    REPORT_FLAG_N, "a name for every flag");

/* Count sessions against the prescribed frequency, in calendar weeks
 * from from: seven local days each, whatever daylight saving does. */
void
report_adherence(unsigned per_week, unsigned weeks, time_t from, time_t now,
    const struct hist_session *v, size_t n, struct report_adherence *a)
{
	struct report_week	*wk;
	size_t		i;
	unsigned	w;
	long		days;

	memset(a, 0, sizeof *a);
	a->per_week = per_week;
	a->weeks = weeks;
	a->from = from;
	days = now > from ? calendar_days(from, now) : 0;
	a->weeks_in = (unsigned)(days / 7) + 1;
	if (weeks != 0 && a->weeks_in > weeks)
		a->weeks_in = weeks;
	a->end = calendar_add_days(from, 7L * a->weeks_in);
	a->to = now < a->end ? now : a->end;
	a->expected = per_week * a->weeks_in;
	a->week = xcalloc(a->weeks_in, sizeof *a->week);
	for (w = 0; w < a->weeks_in; w++)
		a->week[w].start = calendar_add_days(from, 7L * w);
	for (i = 0; i < n; i++) {
		if (v[i].rehearsal != 0)
			continue;
		if (report_clock_wrong(&v[i], now)) {
			a->wrong++;
			continue;
		}
		if (v[i].start < from)
			continue;
		if (v[i].start >= a->end) {
			a->after += history_counts(&v[i]);
			continue;
		}
		wk = &a->week[calendar_days(from, v[i].start) / 7];
		wk->sessions++;
		if (!history_counts(&v[i])) {
			a->other++;
			continue;
		}
		a->done++;
		wk->done++;
	}
}

/* Free what report_adherence() allocated. */
void
report_adherence_free(struct report_adherence *a)
{
	free(a->week);
	a->week = NULL;
}

/* Adherence in words: "5 of 6 sessions in 2 weeks". */
char *
report_adherence_text(const struct report_adherence *a)
{
	char	*s, *more, *t;

	xasprintf(&s, "%u of %u session%s in %u week%s", a->done, a->expected,
	    a->expected == 1 ? "" : "s", a->weeks_in,
	    a->weeks_in == 1 ? "" : "s");
	if (a->weeks != 0 && a->to < a->end) {
		xasprintf(&more, "%s (week %u of %u still running)", s,
		    a->weeks_in, a->weeks);
		free(s);
		s = more;
	} else if (a->weeks == 0 && a->to < a->end) {
		xasprintf(&more, "%s (this week still running)", s);
		free(s);
		s = more;
	}
	if (a->after != 0) {
		xasprintf(&more, "%s, and %u after the prescribed %u week%s",
		    s, a->after, a->weeks, a->weeks == 1 ? "" : "s");
		free(s);
		s = more;
	}
	if (a->other != 0) {
		xasprintf(&t, "%s; %u not finished", s, a->other);
		free(s);
		s = t;
	}
	if (a->wrong != 0) {
		xasprintf(&t, "%s; %u left out (clock was wrong)", s, a->wrong);
		free(s);
		s = t;
	}
	return s;
}

/* Whether time to release gets shorter: the slope of a least-squares line. */
const char *
report_trend(const struct hist_point *p)
{
	double	sx = 0, sy = 0, sxx = 0, sxy = 0, slope, mean, n = 0;
	size_t	i;

	for (i = 0; i < p->n; i++) {
		if (p->v[i].release_ms < 0)
			continue;
		sx += n;
		sy += (double)p->v[i].release_ms;
		sxx += n * n;
		sxy += n * (double)p->v[i].release_ms;
		n++;
	}
	/* Two releases are a difference, not a trend. */
	if (n < 3)
		return NULL;
	mean = sy / n;
	slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
	/* Change over the whole run, relative to the mean. */
	if (mean <= 0 || fabs(slope * (n - 1)) < 0.1 * mean)
		return "steady";
	return slope < 0 ? "faster" : "slower";
}

/* The JSON and CSV name of a flag. */
const char *
report_flag_name(enum report_flag_kind k)
{
	return report_flag_names[k];
}

/* A flag in words. */
char *
report_flag_text(const struct report_flag *fl)
{
	char	*s;

	switch (fl->kind) {
	case REPORT_FLAG_SYMPTOM:
		return xstrdup("symptom reported, the point was stopped");
	case REPORT_FLAG_RATING_10:
		return xstrdup("rated 10");
	case REPORT_FLAG_EASE_OFF:
		xasprintf(&s, "every rating at or above ease-off at %d",
		    fl->value);
		return s;
	case REPORT_FLAG_SORE:
		xasprintf(&s, "soreness check-in of %d", fl->value);
		return s;
	case REPORT_FLAG_NO_SESSION:
	case REPORT_FLAG_N:
		break;
	}
	return xstrdup("no session that week");
}

/* A session a wrong clock recorded: started or ended out of the window
 * of now. */
bool
report_clock_wrong(const struct hist_session *s, time_t now)
{
	return !calendar_plausible(s->start, now) ||
	    !calendar_plausible(s->end, now);
}

/* What follows a session's row: a rehearsal is marked as one, and a
 * session a wrong clock recorded as such. */
const char *
report_marks(const struct hist_session *s, time_t now)
{
	bool wrong = report_clock_wrong(s, now);

	if (s->rehearsal != 0)
		return wrong ? "  (rehearsal)  " REPORT_CLOCK_WRONG :
		    "  (rehearsal)";
	return wrong ? "  " REPORT_CLOCK_WRONG : "";
}

/* UTC time as ISO 8601; empty (false) if it is not on the calendar. */
bool
report_iso(char *buf, size_t len, time_t t)
{
	if (calendar_format(buf, len, "%Y-%m-%dT%H:%M:%SZ", t, true) != 0)
		return true;
	*buf = '\0';
	return false;
}

/* Local time with a strftime format, "?" if it is not on the calendar. */
void
report_local(char *buf, size_t len, const char *fmt, time_t t)
{
	calendar_format(buf, len, fmt, t, false);
}

/* How long a session took by the wall clock, s: 0 if the clock went back
 * a little, -1 (not known) if a wrong clock recorded it. */
int64_t
report_span(const struct hist_session *s, time_t now)
{
	if (report_clock_wrong(s, now))
		return -1;
	return s->end > s->start ? (int64_t)(s->end - s->start) : 0;
}

/* A duration as m:ss or h:mm:ss, "-" if it is not known. */
void
report_dur(char *buf, size_t len, int64_t s)
{
	if (s < 0)
		snprintf(buf, len, "-");
	else if (s >= 3600)
		snprintf(buf, len, "%lld:%02lld:%02lld", (long long)s / 3600,
		    (long long)(s / 60) % 60, (long long)s % 60);
	else
		snprintf(buf, len, "%lld:%02lld", (long long)s / 60,
		    (long long)s % 60);
}

/* The routine file with this id on the search path, quietly; or NULL. */
static struct routine *
report_model_load(struct library_many *lm, const char *id)
{
	struct routine	*rt;
	struct diags	 d;
	char		*cause = NULL;

	if (*id == '\0' || strchr(id, '/') != NULL)
		return NULL;
	diags_init(&d);
	rt = library_many_load(lm, id, &d, &cause);
	diags_free(&d);
	free(cause);
	return rt;
}

/* What the signature of the routine file says; with a note if the file is
 * not the one the newest session used. */
static char *
report_model_signature(const struct routine *rt, const char *hash,
    time_t now)
{
	char	*s, *t;

	s = sign_summary(rt->file, now);
	if (hash != NULL && strcmp(hash, rt->sha256) != 0) {
		xasprintf(&t, "%s (of the file as it is now, not as the last "
		    "session used it)", s);
		free(s);
		s = t;
	}
	return s;
}

/* The week of the routine file's progression each session of that file
 * ran at, replayed as the session itself does. */
static void
report_model_progression(struct report_rt *rr, const struct routine *rt)
{
	struct progress_session	*v;
	unsigned		*w;
	size_t			 i, n = 0;

	if (rt->progression == NULL)
		return;
	v = xcalloc(rr->ns + 1, sizeof *v);
	w = xcalloc(rr->ns + 1, sizeof *w);
	for (i = 0; i < rr->ns; i++) {
		if (strcmp(rr->s[i].sha256, rt->sha256) == 0)
			progress_history_one(&rr->s[i], &v[n++]);
	}
	progress_replay_weeks(rt, v, n, &rr->prog, w);
	rr->week = xcalloc(rr->ns + 1, sizeof *rr->week);
	for (i = 0, n = 0; i < rr->ns; i++) {
		if (strcmp(rr->s[i].sha256, rt->sha256) == 0)
			rr->week[i] = w[n++];
	}
	rr->prog_weeks = rt->progression->n_weeks;
	free(w);
	free(v);
}

/* The progression's timeline: "week 2 of 3 now; week 1 from 2025-01-01,
 * week 2 from 2025-01-08". */
char *
report_progression_text(const struct report_rt *rr)
{
	char		*s, *t, day[32];
	unsigned	 last = 0;
	size_t		 i;

	xasprintf(&s, "week %u of %u now", rr->prog.week, rr->prog_weeks);
	for (i = 0; i < rr->ns; i++) {
		if (rr->week[i] == 0 || rr->week[i] == last)
			continue;
		report_local(day, sizeof day, "%Y-%m-%d", rr->s[i].start);
		xasprintf(&t, "%s%s week %u from %s", s, last == 0 ? ";" : ",",
		    rr->week[i], day);
		free(s);
		s = t;
		last = rr->week[i];
	}
	return s;
}

/* "3 per week for 2 weeks (from the routine file)"; "none prescribed". */
char *
report_frequency_text(const struct report_rt *rr)
{
	char	*s, weeks[64] = "";

	if (rr->per_week == 0)
		return xstrdup("none prescribed");
	if (rr->weeks != 0)
		snprintf(weeks, sizeof weeks, " for %u week%s", rr->weeks,
		    rr->weeks == 1 ? "" : "s");
	xasprintf(&s, "%u per week%s (%s)", rr->per_week, weeks,
	    strcmp(rr->source, "file") == 0 ? "from the routine file" :
	    "as recorded");
	return s;
}

/* "4 completed, 1 partial, 1 not finished; 1 week missed". */
char *
report_done_text(const struct report_rt *rr)
{
	char	*s, *t;

	xasprintf(&s, "%u completed, %u partial, %u not finished",
	    rr->completed, rr->partial, rr->other);
	if (rr->has_adh) {
		xasprintf(&t, "%s; %u week%s missed", s, rr->missed,
		    rr->missed == 1 ? "" : "s");
		free(s);
		s = t;
	}
	return s;
}

/* The distinct routine hashes of the sessions, newest first. */
static void
report_model_hashes(struct report_rt *rr)
{
	size_t	i, j;

	for (i = rr->ns; i > 0; i--) {
		const char *h = rr->s[i - 1].sha256;

		for (j = 0; j < rr->nh; j++) {
			if (strcmp(rr->hash[j], h) == 0)
				break;
		}
		if (j == rr->nh) {
			rr->hash = xreallocarray(rr->hash, rr->nh + 1,
			    sizeof *rr->hash);
			rr->hash_n = xreallocarray(rr->hash_n, rr->nh + 1,
			    sizeof *rr->hash_n);
			rr->hash[rr->nh] = rr->s[i - 1].sha256;
			rr->hash_n[rr->nh++] = 0;
		}
		rr->hash_n[j]++;
	}
}

/* Reverse the sessions to oldest first. */
static void
report_model_reverse(struct hist_session *v, size_t n)
{
	struct hist_session	tmp;
	size_t			i;

	for (i = 0; i < n / 2; i++) {
		tmp = v[i];
		v[i] = v[n - 1 - i];
		v[n - 1 - i] = tmp;
	}
}

/* What the routine file says: who, the signature, the frequency, the
 * ease-off level, the progression. */
static void
report_model_file(struct report_rt *rr, const struct report_opts *o,
    struct library_many *lm)
{
	struct routine	*rt;

	rr->ease_off_at = RT_DEFAULT_EASE_OFF;
	if (!o->library || (rt = report_model_load(lm, rr->r->id)) == NULL)
		return;
	rr->signature = report_model_signature(rt,
	    rr->nh > 0 ? rr->hash[0] : NULL, o->now);
	report_model_progression(rr, rt);
	if (rt->assigned_to != NULL && *rt->assigned_to != '\0')
		rr->client = xstrdup(rt->assigned_to);
	if (rt->author != NULL && *rt->author != '\0')
		rr->therapist = xstrdup(rt->author);
	if (rt->ease_off_at != 0)
		rr->ease_off_at = rt->ease_off_at;
	rr->per_week = rt->per_week;
	rr->weeks = rt->weeks;
	rr->source = "file";
	routine_free(rt);
}

/* Compare sessions by id, for qsort() and bsearch(). */
static int
report_model_id_cmp(const void *a, const void *b)
{
	const struct hist_session	*x = *(const struct hist_session *const *)a;
	const struct hist_session	*y = *(const struct hist_session *const *)b;

	return (x->id > y->id) - (x->id < y->id);
}

/* The model's one copy of s; events share their titles and points. */
static const char *
report_model_intern(struct report_rt *rr, const char *s)
{
	return strtab_intern(&rr->str, &rr->nstr, &rr->used, s);
}

/* The model's copy of s; the previous event's when it is the same
 * string (*in, its copy *out), as the events of a scan share theirs. */
static const char *
report_model_intern_as(struct report_rt *rr, const char *s, const char **in,
    const char **out)
{
	if (*in != s) {
		*in = s;
		*out = report_model_intern(rr, s);
	}
	return *out;
}

/* Keep the events of a batch that a report reads, each with its
 * session. */
static void
report_model_keep(struct report_rt *rr, const struct hist_session **by,
    const struct hist_event *v, size_t n)
{
	static const char	*kinds[] = { "rating", "symptom", "step_end",
	    "status", "set", "difficulty" };
	const struct hist_session **hit = NULL, *kp;
	struct hist_session	 key;
	struct report_ev	*ev;
	const char		*in[4] = { NULL }, *out[4] = { NULL };
	size_t			 i, k;

	memset(&key, 0, sizeof key);
	kp = &key;
	for (i = 0; i < n; i++) {
		for (k = 0; k < nitems(kinds); k++) {
			if (strcmp(v[i].kind, kinds[k]) == 0)
				break;
		}
		if (k == nitems(kinds))
			continue;
		if (rr->ne == rr->ecap) {
			rr->ecap = rr->ecap == 0 ? 256 : rr->ecap * 2;
			rr->e = xreallocarray(rr->e, rr->ecap, sizeof *rr->e);
		}
		ev = &rr->e[rr->ne++];
		if (hit == NULL || key.id != v[i].session_id) {
			key.id = v[i].session_id;
			hit = bsearch(&kp, by, rr->ns, sizeof *by,
			    report_model_id_cmp);
		}
		ev->s = hit != NULL ? *hit : NULL;
		ev->session_id = v[i].session_id;
		ev->kind = kinds[k];
		ev->step_kind = report_model_intern_as(rr, v[i].step_kind,
		    &in[0], &out[0]);
		ev->title = report_model_intern_as(rr, v[i].title, &in[1],
		    &out[1]);
		ev->point = report_model_intern_as(rr, v[i].point, &in[2],
		    &out[2]);
		ev->side = report_model_intern_as(rr, v[i].side, &in[3],
		    &out[3]);
		ev->step = v[i].step;
		ev->value = v[i].value;
		ev->arg = v[i].arg;
	}
}

/* Keep the events of the routine's sessions that the scan read. */
static void
report_model_events(const struct hist_scan *sc, struct report_rt *rr)
{
	const struct hist_session **by;
	struct hist_event	 *v;
	size_t			  i, n;

	by = xcalloc(rr->ns + 1, sizeof *by);
	for (i = 0; i < rr->ns; i++)
		by[i] = &rr->s[i];
	qsort(by, rr->ns, sizeof *by, report_model_id_cmp);
	history_scan_events(sc, rr->r->id, &v, &n);
	report_model_keep(rr, by, v, n);
	free(v);
	free(by);
}

/* Whether event i is of a session that is no rehearsal. */
bool
report_model_real(const struct report_rt *rr, size_t i)
{
	return rr->e[i].s != NULL && rr->e[i].s->rehearsal == 0;
}

/* Add a flag. */
static struct report_flag *
report_model_flag(struct report_rt *rr, enum report_flag_kind k,
    int64_t session, time_t when)
{
	struct report_flag	*fl;

	rr->flag = xreallocarray(rr->flag, rr->nflag + 1, sizeof *rr->flag);
	fl = &rr->flag[rr->nflag++];
	memset(fl, 0, sizeof *fl);
	fl->kind = k;
	fl->session = session;
	fl->when = when;
	fl->value = -1;
	return fl;
}

/* Flags of events: a rating of 10, a symptom reported (which stops the
 * point), in rehearsals too. */
static void
report_model_event_flags(struct report_rt *rr, enum report_flag_kind k)
{
	const struct report_ev		*e;
	const struct hist_session	*s;
	struct report_flag		*fl;
	size_t				 i;

	for (i = 0; i < rr->ne; i++) {
		e = &rr->e[i];
		/* A rehearsal's symptom or 10 is flagged all the same. */
		if ((s = e->s) == NULL)
			continue;
		if (k == REPORT_FLAG_RATING_10 &&
		    (strcmp(e->kind, "rating") != 0 || e->value < 10))
			continue;
		if (k == REPORT_FLAG_SYMPTOM &&
		    (strcmp(e->kind, "symptom") != 0 || e->value != 1))
			continue;
		fl = report_model_flag(rr, k, s->id, s->start);
		fl->rehearsal = s->rehearsal != 0;
		fl->title = e->title;
		fl->side = e->side;
	}
}

/* Whether two strings are the same; the history's are interned, so the
 * same string is most often the same pointer. */
bool
report_model_same(const char *a, const char *b)
{
	return a == b || strcmp(a, b) == 0;
}

/* Whether e is at the point (title, point, side). */
bool
report_model_at(const struct report_ev *e, const char *title,
    const char *point, const char *side)
{
	return report_model_same(e->title, title) &&
	    report_model_same(e->point, point) &&
	    report_model_same(e->side, side);
}

/* The real ratings of one point (title, point, side): the first, and the
 * least. */
struct report_model_rated {
	const struct report_ev	*e;	/* the first */
	int			 least;
};

/* Flags of points every rating of which (one at least) was at or above
 * the ease-off level: once per point, at its first real rating, if that is
 * a hold's. One pass gathers each point's ratings, in the order of their
 * first. */
static void
report_model_ease_off_flags(struct report_rt *rr)
{
	struct report_model_rated	*v = NULL;
	const struct report_ev		*e;
	struct report_flag		*fl;
	size_t				 i, k, n = 0;

	for (i = 0; i < rr->ne; i++) {
		e = &rr->e[i];
		if (strcmp(e->kind, "rating") != 0 || !report_model_real(rr, i))
			continue;
		for (k = 0; k < n; k++) {
			if (report_model_at(e, v[k].e->title, v[k].e->point,
			    v[k].e->side))
				break;
		}
		if (k == n) {
			v = xreallocarray(v, n + 1, sizeof *v);
			v[n].e = e;
			v[n++].least = e->value;
		} else if (e->value < v[k].least)
			v[k].least = e->value;
	}
	for (k = 0; k < n; k++) {
		e = v[k].e;
		if (strcmp(e->step_kind, "hold") != 0 ||
		    v[k].least < (int)rr->ease_off_at)
			continue;
		fl = report_model_flag(rr, REPORT_FLAG_EASE_OFF, 0,
		    e->s->start);
		fl->title = e->title;
		fl->side = e->side;
		fl->value = (int)rr->ease_off_at;
	}
	free(v);
}

/* Flags of prescribed weeks that are over with no session at all. */
static void
report_model_week_flags(struct report_rt *rr)
{
	const struct report_adherence	*a = &rr->adh;
	unsigned			 w;

	if (!rr->has_adh)
		return;
	for (w = 0; w < a->weeks_in; w++) {
		if (a->week[w].sessions != 0 ||
		    calendar_add_days(a->week[w].start, 7) > rr->now)
			continue;
		report_model_flag(rr, REPORT_FLAG_NO_SESSION, 0,
		    a->week[w].start);
		rr->missed++;
	}
}

/* The outcomes of the sessions, rehearsals left out. */
static void
report_model_outcomes(struct report_rt *rr)
{
	size_t	i;

	for (i = 0; i < rr->ns; i++) {
		if (rr->s[i].rehearsal != 0)
			continue;
		if (strcmp(rr->s[i].outcome, "completed") == 0)
			rr->completed++;
		else if (strcmp(rr->s[i].outcome, "partial") == 0)
			rr->partial++;
		else
			rr->other++;
	}
}

/* The adherence, counted from --since or the day of the first session a
 * right clock recorded; and the period the report covers. */
static void
report_model_adherence(struct report_rt *rr, const struct report_opts *o)
{
	size_t	i;

	for (i = 0; i < rr->ns; i++) {
		if (!report_clock_wrong(&rr->s[i], o->now))
			break;
	}
	rr->from = o->since;
	if (rr->from == 0 && i < rr->ns)
		rr->from = calendar_midnight(rr->s[i].start);
	rr->to = o->now;
	if (rr->per_week != 0 && i < rr->ns) {
		report_adherence(rr->per_week, rr->weeks, rr->from, o->now,
		    rr->s, rr->ns, &rr->adh);
		rr->has_adh = true;
	}
}

/* Make one routine's report from the scan: its sessions, points and
 * events, then the adherence and flags. */
static int
report_model_build(struct history *h, const struct report_opts *o,
    struct hist_routine *r, const struct hist_scan *sc,
    struct library_many *lm, struct report_rt *rr, char **cause)
{
	struct hist_filter	f = { r->id, o->since, 0, false };
	enum report_flag_kind	k;

	memset(rr, 0, sizeof *rr);
	rr->r = r;
	rr->now = o->now;
	history_scan_sessions(sc, r->id, &rr->s, &rr->ns);
	report_model_reverse(rr->s, rr->ns);
	history_scan_points(sc, r->id, &rr->p, &rr->np);
	report_model_events(sc, rr);
	report_model_hashes(rr);
	report_model_file(rr, o, lm);
	if (rr->source == NULL && r->per_week != 0) {
		rr->per_week = r->per_week;
		rr->weeks = r->weeks;
		rr->source = "history";
	}
	report_model_adherence(rr, o);
	report_model_outcomes(rr);
	report_steps_gather(rr);
	for (k = 0; k < REPORT_FLAG_N; k++) {
		if (k == REPORT_FLAG_EASE_OFF)
			report_model_ease_off_flags(rr);
		else if (k == REPORT_FLAG_NO_SESSION)
			report_model_week_flags(rr);
		else if (k == REPORT_FLAG_SORE) {
			if (report_notes_gather(h, &f, rr, cause) != 0)
				return -1;
		} else
			report_model_event_flags(rr, k);
	}
	/* What the writers need is gathered; the strings stay. */
	free(rr->e);
	rr->e = NULL;
	rr->ne = rr->ecap = 0;
	return 0;
}

/* Gather one routine's sessions, points, events, adherence and flags. */
int
report_model_gather(struct history *h, const struct report_opts *o,
    struct hist_routine *r, struct report_rt *rr, char **cause)
{
	struct hist_filter	 f = { r->id, o->since, 0, false };
	struct hist_scan	*sc;
	struct library_many	 lm = { { NULL, 0 }, false };
	int			 rv;

	memset(rr, 0, sizeof *rr);
	if (history_scan(h, &f, HIST_SCAN_POINTS | HIST_SCAN_EVENTS, &sc,
	    cause) != 0)
		return -1;
	rv = report_model_build(h, o, r, sc, &lm, rr, cause);
	history_scan_free(sc);
	library_many_free(&lm);
	return rv;
}

/* Gather every routine the options ask for in one pass over the
 * history: *r and *v, *n of them (*done gathered, to be freed with
 * report_model_free(), even when it fails). */
int
report_model_gather_all(struct history *h, const struct report_opts *o,
    struct hist_routine **r, size_t *n, struct report_rt **v, size_t *done,
    char **cause)
{
	struct hist_filter	 f = { o->routine, o->since, 0, true };
	struct hist_scan	*sc;
	struct library_many	 lm = { { NULL, 0 }, false };
	int			 rv = 0;

	*r = NULL;
	*v = NULL;
	*n = *done = 0;
	if (history_scan(h, &f, HIST_SCAN_POINTS | HIST_SCAN_EVENTS, &sc,
	    cause) != 0)
		return -1;
	history_scan_routines(h, sc, &f, r, n);
	*v = xcalloc(*n + 1, sizeof **v);
	for (; *done < *n && rv == 0; (*done)++)
		rv = report_model_build(h, o, &(*r)[*done], sc, &lm,
		    &(*v)[*done], cause);
	history_scan_free(sc);
	library_many_free(&lm);
	return rv;
}

/* Free what report_model_gather() made. */
void
report_model_free(struct report_rt *rr)
{
	size_t	i;

	history_sessions_free(rr->s, rr->ns);
	history_points_free(rr->p, rr->np);
	free(rr->e);
	for (i = 0; i < rr->nstr; i++)
		free(rr->str[i]);
	free(rr->str);
	if (rr->has_adh)
		report_adherence_free(&rr->adh);
	free(rr->hash);
	free(rr->hash_n);
	free(rr->signature);
	free(rr->client);
	free(rr->therapist);
	free(rr->flag);
	free(rr->step);
	free(rr->median);
	free(rr->week);
	report_notes_free(rr);
}
