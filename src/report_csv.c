/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report_csv.c: the CSV report, one row per event (RFC 4180), every text
 * made safe for a terminal and for a spreadsheet. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "report_model.h"
#include "text.h"
#include "util.h"

/* True if a spreadsheet would read a cell starting with s as a formula
 * (=, +, -, @, or a tab or carriage return before one; OWASP's list). */
static bool
report_csv_formula(const char *s)
{
	return *s != '\0' && strchr("=+-@\t\r", *s) != NULL;
}

/* A copy of s with every character a terminal would obey as U+FFFD, but
 * tabs and line ends, which a quoted field keeps (RFC 4180). */
static char *
report_csv_safe(const char *s)
{
	size_t		 len = strlen(s), i, n, o = 0;
	char		*out = xmalloc(len * 3 + 1);
	uint32_t	 c;

	for (i = 0; i < len; i += n) {
		n = text_next(s + i, len - i, &c);
		if (n == 0 || (text_is_control(c) && c != '\t' && c != '\r' &&
		    c != '\n')) {
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
			n = n == 0 ? 1 : n;
			continue;
		}
		memcpy(out + o, s + i, n);
		o += n;
	}
	out[o] = '\0';
	return out;
}

/* One CSV field, quoted when it has to be (RFC 4180): characters a
 * terminal would obey replaced; text a spreadsheet would run as a formula
 * gets a leading "'" and quotes, so that it is shown as the text it is. */
static void
report_csv_field(FILE *f, const char *s, bool last)
{
	char	*safe = report_csv_safe(s != NULL ? s : ""), *p;
	bool	 formula = report_csv_formula(safe);

	if (!formula && strpbrk(safe, ",\"\r\n") == NULL)
		fputs(safe, f);
	else {
		fputc('"', f);
		if (formula)
			fputc('\'', f);
		for (p = safe; *p != '\0'; p++) {
			if (*p == '"')
				fputc('"', f);
			fputc(*p, f);
		}
		fputc('"', f);
	}
	fputs(last ? "\r\n" : ",", f);
	free(safe);
}

/* One CSV integer field. */
static void
report_csv_int(FILE *f, int64_t v)
{
	fprintf(f, "%lld,", (long long)v);
}

/* One CSV integer field, or an empty one when there is none. */
static void
report_csv_opt(FILE *f, bool has, int64_t v)
{
	if (has)
		report_csv_int(f, v);
	else
		fputc(',', f);
}

/* Whether an event of kind has a value worth a cell: a rating (discomfort
 * during a hold, pain before and after) or a symptom's answer (1 yes, 0
 * no). Other events' values are codes of the engine, or nothing. */
static bool
report_csv_valued(const char *kind)
{
	static const char *const kinds[] = { "rating", "pre_pain",
	    "post_pain", "symptom", "set", "difficulty" };
	size_t	i;

	for (i = 0; i < nitems(kinds); i++) {
		if (strcmp(kind, kinds[i]) == 0)
			return true;
	}
	return false;
}

/* The gathered routine of id, NULL if none. */
static const struct report_rt *
report_csv_rt(const struct report_ctx *c, const char *id)
{
	size_t	i;

	for (i = 0; i < c->n; i++) {
		if (strcmp(c->v[i].r->id, id) == 0)
			return &c->v[i];
	}
	return NULL;
}

/* The outcome of session id in rr. */
static const char *
report_csv_outcome(const struct report_rt *rr, int64_t id)
{
	size_t	i;

	for (i = 0; rr != NULL && i < rr->ns; i++) {
		if (rr->s[i].id == id)
			return rr->s[i].outcome;
	}
	return "";
}

/* Whether flag fl is about event e: the same session (or any, for a
 * point's flag), kind of event and point. */
static bool
report_csv_flagged(const struct report_flag *fl, const struct hist_event *e)
{
	if (fl->title == NULL || strcmp(fl->title, e->title) != 0 ||
	    strcmp(fl->side, e->side) != 0)
		return false;
	switch (fl->kind) {
	case REPORT_FLAG_SYMPTOM:
		return fl->session == e->session_id &&
		    strcmp(e->kind, "symptom") == 0 && e->value == 1;
	case REPORT_FLAG_RATING_10:
		return fl->session == e->session_id &&
		    strcmp(e->kind, "rating") == 0 && e->value >= 10;
	case REPORT_FLAG_EASE_OFF:
		return strcmp(e->kind, "rating") == 0;
	case REPORT_FLAG_SORE:
	case REPORT_FLAG_NO_SESSION:
	case REPORT_FLAG_N:
		break;
	}
	return false;
}

/* The names of the flags an event raises, ";" between them. */
static char *
report_csv_flags(const struct report_rt *rr, const struct hist_event *e)
{
	char	*s = xstrdup(""), *t;
	size_t	 i;

	for (i = 0; rr != NULL && i < rr->nflag; i++) {
		if (!report_csv_flagged(&rr->flag[i], e))
			continue;
		xasprintf(&t, "%s%s%s", s, *s != '\0' ? ";" : "",
		    report_flag_name(rr->flag[i].kind));
		free(s);
		s = t;
	}
	return s;
}

/* One event's row, with the outcome of its session. */
static void
report_csv_row(FILE *f, const struct report_rt *rr, const struct hist_event *e,
    const char *outcome)
{
	char	t[32], *flags;

	report_csv_int(f, e->session_id);
	report_iso(t, sizeof t, e->session_start);
	report_csv_field(f, t, false);
	report_csv_field(f, outcome, false);
	report_csv_field(f, e->routine_id, false);
	report_csv_field(f, e->sha256, false);
	report_csv_int(f, e->seq);
	report_iso(t, sizeof t, e->wall);
	report_csv_field(f, t, false);
	report_csv_int(f, e->at_ms);
	report_csv_field(f, e->kind, false);
	report_csv_opt(f, e->step >= 0, (int64_t)e->step + 1);
	report_csv_field(f, e->step_kind, false);
	report_csv_field(f, e->title, false);
	report_csv_field(f, e->point, false);
	report_csv_field(f, e->side, false);
	report_csv_opt(f, report_csv_valued(e->kind), e->value);
	report_csv_int(f, e->arg);
	report_csv_field(f, rr != NULL ? rr->signature : NULL, false);
	report_csv_field(f, rr != NULL ? rr->client : NULL, false);
	report_csv_field(f, rr != NULL ? rr->therapist : NULL, false);
	flags = report_csv_flags(rr, e);
	report_csv_field(f, flags, false);
	free(flags);
	report_csv_field(f, NULL, true);
}

/* Whether check-in x raised the flag of a check-in of 7 or more. */
static bool
report_csv_sore(const struct report_rt *rr, const struct hist_note *x)
{
	size_t	i;

	for (i = 0; i < rr->nflag; i++) {
		if (rr->flag[i].kind == REPORT_FLAG_SORE &&
		    rr->flag[i].session == x->session_id &&
		    rr->flag[i].value == x->value)
			return true;
	}
	return false;
}

/* One note or check-in's row: its session (none for a note to the
 * routine), when it was given, its kind, a check-in's soreness in value
 * and its flag, and the client's words in text. */
static void
report_csv_note(FILE *f, const struct report_rt *rr, const struct hist_note *x)
{
	char	t[32];
	bool	checkin = strcmp(x->kind, "checkin") == 0;

	report_csv_opt(f, x->session_id > 0, x->session_id);
	t[0] = '\0';
	if (x->session_id > 0)
		report_iso(t, sizeof t, x->session_start);
	report_csv_field(f, t, false);
	report_csv_field(f, x->session_id > 0 ?
	    report_csv_outcome(rr, x->session_id) : "", false);
	report_csv_field(f, rr->r->id, false);
	fputs(",,", f);			/* routine_sha256, seq */
	report_iso(t, sizeof t, x->wall);
	report_csv_field(f, t, false);
	fputc(',', f);			/* at_ms */
	report_csv_field(f, x->kind, false);
	fputs(",,,,,", f);		/* step, step_kind, title, point, side */
	report_csv_opt(f, checkin && x->value >= 0, x->value);
	fputc(',', f);			/* arg_ms */
	report_csv_field(f, rr->signature, false);
	report_csv_field(f, rr->client, false);
	report_csv_field(f, rr->therapist, false);
	report_csv_field(f, checkin && report_csv_sore(rr, x) ?
	    report_flag_name(REPORT_FLAG_SORE) : "", false);
	report_csv_field(f, checkin ? "" : x->text, true);
}

/* The CSV report: one row per event. */
int
report_csv(struct report_ctx *c, char **cause)
{
	struct hist_filter	 flt = { c->o->routine, c->o->since, 0, false };
	struct hist_event	*e;
	const struct report_rt	*rr = NULL;
	const char		*outcome = "";
	size_t			 ne, i, k;

	if (history_events(c->h, &flt, &e, &ne, cause) != 0)
		return -1;
	fputs("session_id,session_start,session_outcome,routine_id,"
	    "routine_sha256,seq,wall,at_ms,kind,step,step_kind,step_title,"
	    "point,side,value,arg_ms,routine_signature,client,therapist,"
	    "flags,text\r\n", c->f);
	for (i = 0; i < ne; i++) {
		/* The events come a session at a time. */
		if (i == 0 || e[i].session_id != e[i - 1].session_id) {
			rr = report_csv_rt(c, e[i].routine_id);
			outcome = report_csv_outcome(rr, e[i].session_id);
		}
		report_csv_row(c->f, rr, &e[i], outcome);
	}
	history_events_free(e, ne);
	/* Then the client's words and check-ins, routine by routine. */
	for (i = 0; i < c->n; i++) {
		for (k = 0; k < c->v[i].nnote; k++)
			report_csv_note(c->f, &c->v[i], &c->v[i].note[k]);
	}
	return 0;
}
