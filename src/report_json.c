/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report_json.c: the JSON report (its shape is in report.h), written with
 * the JSON emitter: every string escaped, numbers in the C locale. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "history.h"
#include "json.h"
#include "report_model.h"
#include "util.h"

/* Depth down to which members go on lines of their own: the report, the
 * routines, a routine, its sessions and points. */
#define REPORT_JSON_LINES	4

/* A time member, ISO 8601 UTC, null if it is not on the calendar. */
static void
report_json_time(struct json *j, const char *key, time_t t)
{
	char	buf[32];

	json_key(j, key);
	if (report_iso(buf, sizeof buf, t))
		json_str(j, buf);
	else
		json_null(j);
}

/* An integer member, null when negative. */
static void
report_json_int(struct json *j, const char *key, int64_t v)
{
	json_key(j, key);
	if (v < 0)
		json_null(j);
	else
		json_int(j, (long long)v);
}

/* A string member. */
static void
report_json_str(struct json *j, const char *key, const char *v)
{
	json_key(j, key);
	json_str(j, v);
}

/* Open an object written on one line; the depth of lines to give back to
 * report_json_end(). */
static unsigned
report_json_object(struct json *j)
{
	unsigned	old = json_lines(j, j->depth);

	json_object(j);
	return old;
}

/* Close what report_json_object() opened. */
static void
report_json_end(struct json *j, unsigned old)
{
	json_end(j);
	json_lines(j, old);
}

/* The adherence object. */
static void
report_json_adherence(struct json *j, const struct report_rt *rr)
{
	const struct report_adherence	*a = &rr->adh;
	unsigned			 w, old;

	old = report_json_object(j);
	report_json_time(j, "from", a->from);
	report_json_time(j, "to", a->to);
	report_json_int(j, "weeks", a->weeks_in);
	report_json_int(j, "done", a->done);
	report_json_int(j, "expected", a->expected);
	report_json_int(j, "other", a->other);
	report_json_int(j, "after", a->after);
	report_json_int(j, "clock_wrong", a->wrong);
	json_key(j, "by_week");
	json_array(j);
	for (w = 0; w < a->weeks_in; w++) {
		json_object(j);
		report_json_time(j, "from", a->week[w].start);
		report_json_int(j, "done", a->week[w].done);
		report_json_int(j, "expected", a->per_week);
		report_json_int(j, "sessions", a->week[w].sessions);
		json_end(j);
	}
	json_end(j);
	report_json_end(j, old);
}

/* The progression of a routine: the week now, and each session's. */
static void
report_json_progression(struct json *j, const struct report_rt *rr)
{
	size_t		i;
	unsigned	old;

	json_key(j, "progression");
	if (rr->week == NULL) {
		json_null(j);
		return;
	}
	old = report_json_object(j);
	report_json_int(j, "week", rr->prog.week);
	report_json_int(j, "weeks", rr->prog_weeks);
	json_key(j, "sessions");
	json_array(j);
	for (i = 0; i < rr->ns; i++) {
		if (rr->week[i] == 0)
			continue;
		json_object(j);
		report_json_int(j, "id", rr->s[i].id);
		report_json_int(j, "week", rr->week[i]);
		json_end(j);
	}
	json_end(j);
	report_json_end(j, old);
}

/* One session as a JSON object (shared with `unknot history --json`). */
void
report_json_session(struct json *j, const struct hist_session *s,
    bool routine, time_t now)
{
	unsigned	old = report_json_object(j);

	report_json_int(j, "id", s->id);
	report_json_time(j, "start", s->start);
	report_json_time(j, "end", s->end);
	if (routine) {
		report_json_str(j, "routine_id", s->routine_id);
		report_json_str(j, "title", s->title);
	}
	report_json_int(j, "duration_s", report_span(s, now));
	report_json_int(j, "active_s", s->active_ms / 1000);
	report_json_str(j, "outcome", s->outcome);
	json_key(j, "rehearsal");
	json_bool(j, s->rehearsal != 0);
	json_key(j, "counts");
	json_bool(j, s->counts);
	report_json_int(j, "hold_s", s->hold_seconds);
	report_json_int(j, "hold_done_s", s->hold_done_ms / 1000);
	report_json_str(j, "not_done", s->not_done);
	report_json_str(j, "symptoms", s->symptoms);
	json_key(j, "signal");
	json_int(j, s->signal);
	report_json_int(j, "pre_pain", s->pre_pain);
	report_json_int(j, "post_pain", s->post_pain);
	report_json_int(j, "points_done", s->points_done);
	report_json_int(j, "points_total", s->points_total);
	report_json_int(j, "peak", s->peak);
	report_json_str(j, "sha256", s->sha256);
	json_key(j, "clock_wrong");
	json_bool(j, report_clock_wrong(s, now));
	report_json_end(j, old);
}

/* An average with one decimal, null when negative. */
static void
report_json_avg(struct json *j, const char *key, double v)
{
	json_key(j, key);
	if (v < 0)
		json_null(j);
	else
		json_real(j, v, 1);
}

/* One sample of a point as a JSON object. */
static void
report_json_sample(struct json *j, const struct hist_sample *x)
{
	json_object(j);
	report_json_int(j, "session", x->session_id);
	report_json_time(j, "start", x->start);
	report_json_int(j, "peak", x->peak);
	report_json_avg(j, "avg", x->avg);
	report_json_int(j, "ratings", x->ratings);
	report_json_int(j, "ease_offs", x->ease_offs);
	report_json_int(j, "bracing", x->bracing);
	report_json_int(j, "skips", x->skips);
	report_json_int(j, "release_ms", x->release_ms);
	report_json_int(j, "hold_ms", x->hold_ms);
	json_end(j);
}

/* One step and side as a JSON object. */
static void
report_json_step(struct json *j, const struct report_step *st)
{
	unsigned	old = report_json_object(j);

	report_json_int(j, "step", st->index + 1);
	report_json_str(j, "title", st->title);
	report_json_str(j, "kind", st->kind);
	report_json_str(j, "side", st->side);
	report_json_int(j, "sessions", st->sessions);
	report_json_int(j, "done", st->done);
	report_json_int(j, "skipped", st->skipped);
	report_json_int(j, "stopped", st->stopped);
	report_json_int(j, "not_reached", st->not_reached);
	report_json_int(j, "seconds", st->ms / 1000);
	if (report_steps_exercise(st)) {
		json_key(j, "exercise");
		json_object(j);
		report_json_int(j, "sets_done", st->sets);
		report_json_int(j, "sets_prescribed", st->sets_rx);
		report_json_int(j, "reps_done", st->reps);
		report_json_int(j, "reps_prescribed", st->reps_rx);
		report_json_int(j, "easy", st->how[0]);
		report_json_int(j, "ok", st->how[1]);
		report_json_int(j, "hard", st->how[2]);
		json_end(j);
	}
	report_json_end(j, old);
}

/* One point as a JSON object; its trend a sample a line. */
static void
report_json_point(struct json *j, const struct hist_point *p, double median)
{
	size_t		i;
	unsigned	old = report_json_object(j);

	report_json_str(j, "title", p->title);
	report_json_str(j, "side", p->side);
	report_json_str(j, "point", p->point);
	report_json_int(j, "sessions", (int64_t)p->n);
	report_json_int(j, "ratings", p->ratings);
	report_json_avg(j, "avg", p->avg);
	report_json_int(j, "peak", p->peak);
	report_json_int(j, "ease_offs", p->ease_offs);
	report_json_int(j, "bracing", p->bracing);
	report_json_int(j, "skips", p->skips);
	report_json_int(j, "releases", p->releases);
	report_json_str(j, "release_trend", report_trend(p));
	report_json_avg(j, "median", median);
	json_key(j, "trend");
	json_lines(j, j->depth + 1);
	json_array(j);
	for (i = 0; i < p->n; i++)
		report_json_sample(j, &p->v[i]);
	json_end(j);
	json_lines(j, j->depth - 1);
	report_json_end(j, old);
}

/* Who and what: client, therapist, period, what was done. */
static void
report_json_who(struct json *j, const struct report_rt *rr)
{
	unsigned	old;

	report_json_str(j, "client", rr->client);
	report_json_str(j, "therapist", rr->therapist);
	json_key(j, "period");
	old = report_json_object(j);
	report_json_time(j, "from", rr->from);
	report_json_time(j, "to", rr->to);
	report_json_end(j, old);
	json_key(j, "done");
	old = report_json_object(j);
	report_json_int(j, "completed", rr->completed);
	report_json_int(j, "partial", rr->partial);
	report_json_int(j, "other", rr->other);
	if (rr->has_adh)
		report_json_int(j, "missed_weeks", rr->missed);
	else {
		json_key(j, "missed_weeks");
		json_null(j);
	}
	report_json_end(j, old);
}

/* The prescribed frequency, null if none is known. */
static void
report_json_frequency(struct json *j, const struct report_rt *rr)
{
	unsigned	old;

	json_key(j, "frequency");
	if (rr->source == NULL) {
		json_null(j);
		return;
	}
	old = report_json_object(j);
	report_json_int(j, "per_week", rr->per_week);
	report_json_int(j, "weeks", rr->weeks);
	report_json_str(j, "source", rr->source);
	report_json_end(j, old);
}

/* The notes and check-ins of a routine, and each session's soreness. */
static void
report_json_notes(struct json *j, const struct report_rt *rr)
{
	const struct hist_note	*x;
	unsigned		 old;
	size_t			 i;

	json_key(j, "notes");
	json_array(j);
	for (i = 0; i < rr->nnote; i++) {
		x = &rr->note[i];
		old = report_json_object(j);
		report_json_int(j, "session", x->session_id > 0 ?
		    x->session_id : -1);
		report_json_time(j, "when", x->wall);
		report_json_str(j, "kind", x->kind);
		report_json_int(j, "value", x->value);
		report_json_str(j, "text", x->text);
		report_json_end(j, old);
	}
	json_end(j);
	json_key(j, "soreness");
	json_array(j);
	for (i = 0; i < rr->ns; i++) {
		if (rr->sore24[i] < 0 && rr->sore48[i] < 0)
			continue;
		old = report_json_object(j);
		report_json_int(j, "session", rr->s[i].id);
		report_json_int(j, "after_24h", rr->sore24[i]);
		report_json_int(j, "after_48h", rr->sore48[i]);
		report_json_end(j, old);
	}
	json_end(j);
}

/* One routine as a JSON object. */
static void
report_json_rt(struct json *j, const struct report_rt *rr)
{
	size_t		i;
	unsigned	old;

	json_object(j);
	report_json_str(j, "id", rr->r->id);
	report_json_str(j, "title", rr->r->title);
	report_json_who(j, rr);
	json_key(j, "sha256");
	old = json_lines(j, j->depth);
	json_array(j);
	for (i = 0; i < rr->nh; i++)
		json_str(j, rr->hash[i]);
	json_end(j);
	json_lines(j, old);
	report_json_str(j, "signature", rr->signature);
	report_json_progression(j, rr);
	report_json_frequency(j, rr);
	json_key(j, "adherence");
	if (rr->has_adh)
		report_json_adherence(j, rr);
	else
		json_null(j);
	json_key(j, "sessions");
	json_array(j);
	for (i = 0; i < rr->ns; i++)
		report_json_session(j, &rr->s[i], false, rr->now);
	json_end(j);
	json_key(j, "points");
	json_array(j);
	for (i = 0; i < rr->np; i++)
		report_json_point(j, &rr->p[i], rr->median[i]);
	json_end(j);
	json_key(j, "steps");
	json_array(j);
	for (i = 0; i < rr->nstep; i++)
		report_json_step(j, &rr->step[i]);
	json_end(j);
	report_json_notes(j, rr);
	json_end(j);
}

/* One flag as a JSON object. */
static void
report_json_flag(struct json *j, const struct report_rt *rr,
    const struct report_flag *fl)
{
	unsigned	old = report_json_object(j);
	char		*text = report_flag_text(fl);

	report_json_str(j, "kind", report_flag_name(fl->kind));
	report_json_str(j, "routine_id", rr->r->id);
	json_key(j, "session");
	if (fl->session != 0)
		json_int(j, fl->session);
	else
		json_null(j);
	report_json_time(j, "when", fl->when);
	report_json_str(j, "title", fl->title);
	report_json_str(j, "side", fl->side);
	report_json_int(j, "ease_off_at",
	    fl->kind == REPORT_FLAG_EASE_OFF ? fl->value : -1);
	report_json_int(j, "soreness",
	    fl->kind == REPORT_FLAG_SORE ? fl->value : -1);
	json_key(j, "rehearsal");
	json_bool(j, fl->rehearsal);
	report_json_str(j, "text", text);
	free(text);
	report_json_end(j, old);
}

/* The JSON report. */
int
report_json(struct report_ctx *c, char **cause)
{
	struct json	j;
	size_t		i, k;

	json_init(&j, c->f, REPORT_JSON_LINES);
	json_object(&j);
	report_json_int(&j, "unknot_report", 1);
	report_json_time(&j, "generated", c->o->now);
	report_json_str(&j, "since", c->o->since_arg);
	json_key(&j, "flags");
	json_array(&j);
	for (i = 0; i < c->n; i++) {
		for (k = 0; k < c->v[i].nflag; k++)
			report_json_flag(&j, &c->v[i], &c->v[i].flag[k]);
	}
	json_end(&j);
	json_key(&j, "routines");
	json_array(&j);
	for (i = 0; i < c->n; i++)
		report_json_rt(&j, &c->v[i]);
	json_end(&j);
	json_end(&j);
	if (json_error(&j) != 0) {
		*cause = xstrdup("the report could not be written");
		return -1;
	}
	return 0;
}
