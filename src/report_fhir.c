/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report_fhir.c: the report as a FHIR R4 Bundle of type collection, for a
 * clinic's systems: a Patient (only the name the routine file gives), a
 * Practitioner (its author), a CarePlan per routine (the prescription as
 * Timing.repeat), a Procedure per session and an Observation per pain
 * rating (LOINC 72514-3), each with an id derived from what it is, so that
 * the same history gives the same ids on every run. Rehearsals are left
 * out. unknot(1) documents the mapping. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "history.h"
#include "json.h"
#include "report_model.h"
#include "text.h"
#include "util.h"

#define REPORT_FHIR_LINES	3	/* Bundle, entry, each entry */
#define REPORT_FHIR_LOINC	"72514-3"
#define REPORT_FHIR_LOINC_TEXT						\
	"Pain severity - 0-10 verbal numeric rating [Score] - Reported"

/* A resource's id: a UUID made of the SHA-256 of what it is (the layout of
 * RFC 9562's version 8, for names hashed by the application). */
struct report_fhir_id {
	char	s[37];
};

/* What the writer carries along: the emitter and the ids written. */
struct report_fhir {
	struct json		 j;
	const struct report_ctx	*c;
	char			**seen;		/* ids of entries written */
	size_t			 nseen;
};

/* The id of the thing named by the fields of key (fields end in '\n'). */
static void
report_fhir_id(struct report_fhir_id *id, const char *key)
{
	static const char	 digits[] = "0123456789abcdef";
	char			 hex[65];
	size_t			 i, o = 0;

	util_sha256_hex(key, strlen(key), hex);
	hex[12] = '8';			/* version 8 */
	hex[16] = digits[8 + ((strchr(digits, hex[16]) - digits) & 3)];
	for (i = 0; i < 32; i++) {
		if (i == 8 || i == 12 || i == 16 || i == 20)
			id->s[o++] = '-';
		id->s[o++] = hex[i];
	}
	id->s[o] = '\0';
}

/* Whether the entry of id was written already; remember it if not. */
static bool
report_fhir_seen(struct report_fhir *x, const struct report_fhir_id *id)
{
	size_t	i;

	for (i = 0; i < x->nseen; i++) {
		if (strcmp(x->seen[i], id->s) == 0)
			return true;
	}
	x->seen = xreallocarray(x->seen, x->nseen + 1, sizeof *x->seen);
	x->seen[x->nseen++] = xstrdup(id->s);
	return false;
}

/* A string member from the routine or the history: sanitised, left out
 * when empty (FHIR has no empty strings). */
static void
report_fhir_str(struct json *j, const char *key, const char *v)
{
	char	*safe;

	if (v == NULL || *v == '\0')
		return;
	safe = text_sanitize(v);
	json_key(j, key);
	json_str(j, safe);
	free(safe);
}

/* A dateTime member, left out for a time not on the calendar. */
static void
report_fhir_time(struct json *j, const char *key, time_t t)
{
	char	buf[32];

	if (!report_iso(buf, sizeof buf, t))
		return;
	json_key(j, key);
	json_str(j, buf);
}

/* { "text": v } as member key; nothing if v is empty. */
static void
report_fhir_text(struct json *j, const char *key, const char *v)
{
	if (v == NULL || *v == '\0')
		return;
	json_key(j, key);
	json_object(j);
	report_fhir_str(j, "text", v);
	json_end(j);
}

/* An Annotation of the client's words (FHIR's text is Markdown: every
 * character Markdown would read escaped), with when they were given. */
static void
report_fhir_words(struct json *j, const char *prefix, const char *text,
    time_t when)
{
	char	*buf = NULL, *s;
	size_t	 len = 0;
	FILE	*f;

	if ((f = open_memstream(&buf, &len)) == NULL)
		fatal("open_memstream");
	report_puts(f, text, true);
	if (fclose(f) != 0)
		fatal("open_memstream");
	xasprintf(&s, "%s%s", prefix, buf);
	json_object(j);
	report_fhir_time(j, "time", when);
	report_fhir_str(j, "text", s);
	json_end(j);
	free(s);
	free(buf);
}

/* The client's notes on session sid (0: to the routine) as Annotations,
 * "note" opened first if *open is false. */
static void
report_fhir_note_words(struct json *j, const struct report_rt *rr,
    int64_t sid, bool *open)
{
	const struct hist_note	*x;
	size_t			 i;

	for (i = 0; i < rr->nnote; i++) {
		x = &rr->note[i];
		if (x->session_id != sid || strcmp(x->kind, "checkin") == 0 ||
		    x->text == NULL || *x->text == '\0')
			continue;
		if (!*open) {
			json_key(j, "note");
			json_array(j);
			*open = true;
		}
		report_fhir_words(j, strcmp(x->kind, "spread") == 0 ?
		    "The client felt it spread: " : "The client's note: ",
		    x->text, x->wall);
	}
}

/* A Reference member to the entry of id. */
static void
report_fhir_ref(struct json *j, const char *key,
    const struct report_fhir_id *id, bool array)
{
	char	buf[64];

	json_key(j, key);
	if (array)
		json_array(j);
	json_object(j);
	snprintf(buf, sizeof buf, "urn:uuid:%s", id->s);
	json_key(j, "reference");
	json_str(j, buf);
	json_end(j);
	if (array)
		json_end(j);
}

/* Open an entry of the Bundle: its fullUrl, then its resource's type and
 * id; closed by report_fhir_close(). */
static void
report_fhir_open(struct report_fhir *x, const char *type,
    const struct report_fhir_id *id)
{
	char	buf[64];

	json_object(&x->j);
	snprintf(buf, sizeof buf, "urn:uuid:%s", id->s);
	json_key(&x->j, "fullUrl");
	json_str(&x->j, buf);
	json_key(&x->j, "resource");
	json_object(&x->j);
	json_key(&x->j, "resourceType");
	json_str(&x->j, type);
	json_key(&x->j, "id");
	json_str(&x->j, id->s);
}

/* Close an entry. */
static void
report_fhir_close(struct report_fhir *x)
{
	json_end(&x->j);
	json_end(&x->j);
}

/* The key of a person: kind, and the name. */
static void
report_fhir_person_id(struct report_fhir_id *id, const char *kind,
    const char *name)
{
	char	*key;

	xasprintf(&key, "%s\n%s\n", kind, name != NULL ? name : "");
	report_fhir_id(id, key);
	free(key);
}

/* The Patient (only the name, if the routine file gives one) or the
 * Practitioner, once each. */
static void
report_fhir_person(struct report_fhir *x, const char *type, const char *name,
    const struct report_fhir_id *id)
{
	struct json	*j = &x->j;

	if (report_fhir_seen(x, id))
		return;
	report_fhir_open(x, type, id);
	if (name != NULL && *name != '\0') {
		json_key(j, "name");
		json_array(j);
		json_object(j);
		report_fhir_str(j, "text", name);
		json_end(j);
		json_end(j);
	}
	report_fhir_close(x);
}

/* The Timing.repeat of the prescription: per_week a week, for weeks. */
static void
report_fhir_timing(struct json *j, const struct report_rt *rr)
{
	json_key(j, "scheduledTiming");
	json_object(j);
	json_key(j, "repeat");
	json_object(j);
	if (rr->weeks != 0) {
		json_key(j, "boundsDuration");
		json_object(j);
		json_key(j, "value");
		json_int(j, rr->weeks);
		json_key(j, "unit");
		json_str(j, "week");
		json_key(j, "system");
		json_str(j, "http://unitsofmeasure.org");
		json_key(j, "code");
		json_str(j, "wk");
		json_end(j);
	}
	json_key(j, "frequency");
	json_int(j, rr->per_week);
	json_key(j, "period");
	json_int(j, 1);
	json_key(j, "periodUnit");
	json_str(j, "wk");
	json_end(j);
	json_end(j);
}

/* The CarePlan of a routine: the routine, its file, the prescription. */
static void
report_fhir_careplan(struct report_fhir *x, const struct report_rt *rr,
    const struct report_fhir_id *id, const struct report_fhir_id *patient,
    const struct report_fhir_id *author)
{
	struct json	*j = &x->j;
	char		*s;
	bool		 open = false;

	report_fhir_open(x, "CarePlan", id);
	json_key(j, "status");
	json_str(j, "active");
	json_key(j, "intent");
	json_str(j, "plan");
	report_fhir_str(j, "title", rr->r->title);
	xasprintf(&s, "unknot routine %s%s%s", rr->r->id, rr->nh > 0 ?
	    ", file SHA-256 " : "", rr->nh > 0 ? rr->hash[0] : "");
	report_fhir_str(j, "description", s);
	free(s);
	report_fhir_ref(j, "subject", patient, false);
	json_key(j, "period");
	json_object(j);
	report_fhir_time(j, "start", rr->from);
	json_end(j);
	if (author != NULL)
		report_fhir_ref(j, "author", author, false);
	if (rr->source != NULL && rr->per_week > 0) {
		json_key(j, "activity");
		json_array(j);
		json_object(j);
		json_key(j, "detail");
		json_object(j);
		report_fhir_text(j, "code", rr->r->title);
		json_key(j, "status");
		json_str(j, "in-progress");
		report_fhir_timing(j, rr);
		json_end(j);
		json_end(j);
		json_end(j);
	}
	report_fhir_note_words(j, rr, 0, &open);
	if (open)
		json_end(j);
	report_fhir_close(x);
}

/* The key of a session's Procedure. */
static char *
report_fhir_session_key(const struct report_rt *rr,
    const struct hist_session *s)
{
	char	*key;

	xasprintf(&key, "procedure\n%s\n%lld\n%lld\n", rr->r->id,
	    (long long)s->id, (long long)s->start);
	return key;
}

/* FHIR's Procedure.status for an outcome. */
static const char *
report_fhir_status(const char *outcome)
{
	return strcmp(outcome, "completed") == 0 ? "completed" : "stopped";
}

/* A point as text: "title, side". */
static char *
report_fhir_site(const struct hist_event *e)
{
	char	*s;

	xasprintf(&s, "%s%s%s", e->title, *e->side != '\0' ? ", " : "",
	    e->side);
	return s;
}

/* Whether event e is the first of e[0..i] for its hold point. */
static bool
report_fhir_first_site(const struct hist_event *e, size_t i)
{
	size_t	k;

	for (k = 0; k < i; k++) {
		if (strcmp(e[k].kind, "step_start") == 0 &&
		    strcmp(e[k].step_kind, "hold") == 0 &&
		    strcmp(e[k].title, e[i].title) == 0 &&
		    strcmp(e[k].side, e[i].side) == 0)
			return false;
	}
	return true;
}

/* Whether events a and b are of the same step and side. */
static bool
report_fhir_same_step(const struct hist_event *a, const struct hist_event *b)
{
	return a->step == b->step && strcmp(a->title, b->title) == 0 &&
	    strcmp(a->side, b->side) == 0;
}

/* The note of an exercise side whose run ends at its step end e[i]:
 * sets and reps done against prescribed, from the set events since
 * the side's previous end; NULL if the side had none. */
static char *
report_fhir_sets(const struct hist_event *e, size_t i)
{
	unsigned	sets = 0, sets_rx = 0, reps = 0, reps_rx = 0;
	char		*s, *site;
	size_t		 k;

	for (k = i; k-- > 0; ) {
		if (!report_fhir_same_step(&e[k], &e[i]))
			continue;
		if (strcmp(e[k].kind, "step_end") == 0 ||
		    strcmp(e[k].kind, "status") == 0)
			break;
		if (strcmp(e[k].kind, "set") != 0 || e[k].arg < 0)
			continue;
		sets_rx++;
		reps_rx += (unsigned)e[k].arg;
		reps += e[k].value > 0 ? (unsigned)e[k].value : 0;
		if (e[k].value >= e[k].arg)
			sets++;
	}
	if (sets_rx == 0)
		return NULL;
	site = report_fhir_site(&e[i]);
	xasprintf(&s, "Exercise %d. %s: %u of %u sets, %u of %u reps",
	    e[i].step + 1, site, sets, sets_rx, reps, reps_rx);
	free(site);
	return s;
}

/* The notes of a session's exercises: each side's sets and reps, each
 * difficulty answer; *n of them. */
static char **
report_fhir_exercise_notes(const struct hist_event *e, size_t ne, size_t *n)
{
	char	**v = NULL, *s;
	size_t	  i;

	*n = 0;
	for (i = 0; i < ne; i++) {
		if (strcmp(e[i].step_kind, "exercise") != 0)
			continue;
		s = NULL;
		if (strcmp(e[i].kind, "step_end") == 0)
			s = report_fhir_sets(e, i);
		else if (strcmp(e[i].kind, "difficulty") == 0 &&
		    session_difficulty_name(e[i].value) != NULL)
			xasprintf(&s, "Exercise %d. %s: felt %s", e[i].step + 1,
			    e[i].title, session_difficulty_name(e[i].value));
		if (s == NULL)
			continue;
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = s;
	}
	return v;
}

/* The Procedure's notes: what was not done, symptoms, the exercises, the
 * client's own words. */
static void
report_fhir_notes(struct json *j, const struct report_rt *rr,
    const struct hist_session *s, const struct hist_event *e, size_t ne)
{
	char	**ex, *t;
	size_t	  nex, i;
	bool	  open = false;

	ex = report_fhir_exercise_notes(e, ne, &nex);
	if (*s->not_done == '\0' && *s->symptoms == '\0' && nex == 0) {
		free(ex);
		report_fhir_note_words(j, rr, s->id, &open);
		if (open)
			json_end(j);
		return;
	}
	json_key(j, "note");
	json_array(j);
	if (*s->not_done != '\0') {
		json_object(j);
		xasprintf(&t, "Not done: %s", s->not_done);
		report_fhir_str(j, "text", t);
		free(t);
		json_end(j);
	}
	if (*s->symptoms != '\0') {
		json_object(j);
		xasprintf(&t, "Symptoms reported: %s", s->symptoms);
		report_fhir_str(j, "text", t);
		free(t);
		json_end(j);
	}
	for (i = 0; i < nex; i++) {
		json_object(j);
		report_fhir_str(j, "text", ex[i]);
		free(ex[i]);
		json_end(j);
	}
	free(ex);
	open = true;
	report_fhir_note_words(j, rr, s->id, &open);
	json_end(j);
}

/* The Procedure of a session: its status, times, the points held, and
 * what was not done or reported, as notes. */
static void
report_fhir_procedure(struct report_fhir *x, const struct report_rt *rr,
    const struct hist_session *s, const struct hist_event *e, size_t ne,
    const struct report_fhir_id *id, const struct report_fhir_id *ids)
{
	struct json	*j = &x->j;
	char		*site;
	size_t		 i;
	bool		 any = false;

	report_fhir_open(x, "Procedure", id);
	report_fhir_ref(j, "basedOn", &ids[2], true);
	json_key(j, "status");
	json_str(j, report_fhir_status(s->outcome));
	if (strcmp(s->outcome, "completed") != 0)
		report_fhir_text(j, "statusReason", s->outcome);
	report_fhir_text(j, "code", rr->r->title);
	report_fhir_ref(j, "subject", &ids[0], false);
	json_key(j, "performedPeriod");
	json_object(j);
	report_fhir_time(j, "start", s->start);
	report_fhir_time(j, "end", s->end);
	json_end(j);
	for (i = 0; i < ne; i++) {
		if (strcmp(e[i].kind, "step_start") != 0 ||
		    strcmp(e[i].step_kind, "hold") != 0 ||
		    !report_fhir_first_site(e, i))
			continue;
		if (!any) {
			json_key(j, "bodySite");
			json_array(j);
		}
		any = true;
		json_object(j);
		site = report_fhir_site(&e[i]);
		report_fhir_str(j, "text", site);
		free(site);
		json_end(j);
	}
	if (any)
		json_end(j);
	report_fhir_notes(j, rr, s, e, ne);
	report_fhir_close(x);
}

/* The code of a pain rating: LOINC 72514-3, and what it rated in words. */
static void
report_fhir_pain_code(struct json *j, const char *what)
{
	json_key(j, "code");
	json_object(j);
	json_key(j, "coding");
	json_array(j);
	json_object(j);
	json_key(j, "system");
	json_str(j, "http://loinc.org");
	json_key(j, "code");
	json_str(j, REPORT_FHIR_LOINC);
	json_key(j, "display");
	json_str(j, REPORT_FHIR_LOINC_TEXT);
	json_end(j);
	json_end(j);
	json_key(j, "text");
	json_str(j, what);
	json_end(j);
}

/* An Observation's first members: part of the session's Procedure,
 * final, a survey, coded as a 0-10 pain rating of what. */
static void
report_fhir_obs_head(struct report_fhir *x, const struct report_fhir_id *id,
    const struct report_fhir_id *proc, const char *what)
{
	struct json	*j = &x->j;

	report_fhir_open(x, "Observation", id);
	report_fhir_ref(j, "partOf", proc, true);
	json_key(j, "status");
	json_str(j, "final");
	json_key(j, "category");
	json_array(j);
	json_object(j);
	json_key(j, "coding");
	json_array(j);
	json_object(j);
	json_key(j, "system");
	json_str(j, "http://terminology.hl7.org/CodeSystem/observation-category");
	json_key(j, "code");
	json_str(j, "survey");
	json_end(j);
	json_end(j);
	json_end(j);
	json_end(j);
	report_fhir_pain_code(j, what);
}

/* The Observations of the soreness check-ins of session s: each a 0-10
 * rating given later, part of the session's Procedure; pkey is its key. */
static void
report_fhir_checkins(struct report_fhir *x, const struct report_rt *rr,
    const struct hist_session *s, const char *pkey,
    const struct report_fhir_id *ids, const struct report_fhir_id *proc)
{
	const struct hist_note	*n;
	struct report_fhir_id	 id;
	char			*key;
	size_t			 i, k, same;

	for (i = 0; i < rr->nnote; i++) {
		n = &rr->note[i];
		if (n->session_id != s->id || strcmp(n->kind, "checkin") != 0 ||
		    n->value < 0)
			continue;
		/* Two check-ins given in the same second stay apart. */
		for (k = same = 0; k < i; k++)
			same += rr->note[k].session_id == s->id &&
			    rr->note[k].wall == n->wall &&
			    strcmp(rr->note[k].kind, "checkin") == 0;
		xasprintf(&key, "%scheckin\n%lld\n%zu\n", pkey,
		    (long long)n->wall, same);
		report_fhir_id(&id, key);
		free(key);
		report_fhir_obs_head(x, &id, proc,
		    "Soreness of the area worked, asked after the session");
		report_fhir_ref(&x->j, "subject", &ids[0], false);
		report_fhir_time(&x->j, "effectiveDateTime", n->wall);
		json_key(&x->j, "valueInteger");
		json_int(&x->j, n->value);
		report_fhir_close(x);
	}
}

/* The Observation of one rating: discomfort during a hold, or pain before
 * or after the session; part of the session's Procedure. */
static void
report_fhir_observation(struct report_fhir *x, const char *pkey,
    const struct hist_event *e, const struct report_fhir_id *ids,
    const struct report_fhir_id *proc)
{
	struct json		*j = &x->j;
	struct report_fhir_id	 id;
	char			*key, *site;
	bool			 hold = strcmp(e->kind, "rating") == 0;

	xasprintf(&key, "%sobservation\n%u\n", pkey, e->seq);
	report_fhir_id(&id, key);
	free(key);
	report_fhir_obs_head(x, &id, proc, hold ?
	    "Discomfort while holding the point" :
	    strcmp(e->kind, "pre_pain") == 0 ? "Pain before the session" :
	    "Pain after the session");
	report_fhir_ref(j, "subject", &ids[0], false);
	report_fhir_time(j, "effectiveDateTime", e->wall);
	json_key(j, "valueInteger");
	json_int(j, e->value);
	if (hold) {
		site = report_fhir_site(e);
		report_fhir_text(j, "bodySite", site);
		free(site);
	}
	report_fhir_close(x);
}

/* Whether an event is a pain rating that becomes an Observation. */
static bool
report_fhir_rating(const struct hist_event *e)
{
	return strcmp(e->kind, "rating") == 0 ||
	    strcmp(e->kind, "pre_pain") == 0 ||
	    strcmp(e->kind, "post_pain") == 0;
}

/* The session of id among rr's, NULL if none. */
static const struct hist_session *
report_fhir_find(const struct report_rt *rr, int64_t id)
{
	size_t	i;

	for (i = 0; i < rr->ns; i++) {
		if (rr->s[i].id == id)
			return &rr->s[i];
	}
	return NULL;
}

/* A session's Procedure and the Observations of its ratings; e holds its
 * ne events. */
static void
report_fhir_session(struct report_fhir *x, const struct report_rt *rr,
    const struct hist_session *s, const struct hist_event *e, size_t ne,
    const struct report_fhir_id *ids)
{
	struct report_fhir_id	 proc;
	char			*key = report_fhir_session_key(rr, s);
	size_t			 i;

	report_fhir_id(&proc, key);
	report_fhir_procedure(x, rr, s, e, ne, &proc, ids);
	for (i = 0; i < ne; i++) {
		if (report_fhir_rating(&e[i]))
			report_fhir_observation(x, key, &e[i], ids, &proc);
	}
	report_fhir_checkins(x, rr, s, key, ids, &proc);
	free(key);
}

/* A routine's entries: the people, its CarePlan, its sessions. */
static int
report_fhir_routine(struct report_fhir *x, const struct report_rt *rr,
    char **cause)
{
	struct hist_filter		 flt = { rr->r->id, x->c->o->since, 0,
					     false };
	struct hist_event		*e;
	const struct hist_session	*s;
	struct report_fhir_id		 ids[3];	/* patient, author, plan */
	char				*key;
	size_t				 ne, a, b;

	if (history_events(x->c->h, &flt, &e, &ne, cause) != 0)
		return -1;
	report_fhir_person_id(&ids[0], "patient", rr->client);
	report_fhir_person(x, "Patient", rr->client, &ids[0]);
	if (rr->therapist != NULL) {
		report_fhir_person_id(&ids[1], "practitioner", rr->therapist);
		report_fhir_person(x, "Practitioner", rr->therapist, &ids[1]);
	}
	xasprintf(&key, "careplan\n%s\n", rr->r->id);
	report_fhir_id(&ids[2], key);
	free(key);
	report_fhir_careplan(x, rr, &ids[2], &ids[0],
	    rr->therapist != NULL ? &ids[1] : NULL);
	/* The events come a session at a time. */
	for (a = 0; a < ne; a = b) {
		for (b = a + 1; b < ne && e[b].session_id == e[a].session_id;
		    b++)
			;
		s = report_fhir_find(rr, e[a].session_id);
		if (s != NULL && s->rehearsal == 0)
			report_fhir_session(x, rr, s, e + a, b - a, ids);
	}
	history_events_free(e, ne);
	return 0;
}

/* The FHIR report: one Bundle. */
int
report_fhir(struct report_ctx *c, char **cause)
{
	struct report_fhir	x;
	struct report_fhir_id	id;
	char			now[32], *key;
	size_t			i;
	int			rv = 0;

	memset(&x, 0, sizeof x);
	x.c = c;
	json_init(&x.j, c->f, REPORT_FHIR_LINES);
	json_object(&x.j);
	json_key(&x.j, "resourceType");
	json_str(&x.j, "Bundle");
	/* The Bundle's id: of what it holds, not of when it was written. */
	xasprintf(&key, "bundle\n%s\n%lld\n", c->o->routine != NULL ?
	    c->o->routine : "", (long long)c->o->since);
	report_fhir_id(&id, key);
	free(key);
	json_key(&x.j, "id");
	json_str(&x.j, id.s);
	json_key(&x.j, "type");
	json_str(&x.j, "collection");
	if (report_iso(now, sizeof now, c->o->now)) {
		json_key(&x.j, "timestamp");
		json_str(&x.j, now);
	}
	/* FHIR has no empty arrays: no entry without a routine. */
	if (c->n > 0) {
		json_key(&x.j, "entry");
		json_array(&x.j);
		for (i = 0; i < c->n && rv == 0; i++)
			rv = report_fhir_routine(&x, &c->v[i], cause);
		json_end(&x.j);
	}
	json_end(&x.j);
	for (i = 0; i < x.nseen; i++)
		free(x.seen[i]);
	free(x.seen);
	if (rv == 0 && json_error(&x.j) != 0) {
		*cause = xstrdup("the report could not be written");
		rv = -1;
	}
	return rv;
}
