/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report_text.c: the text report, and what it shares with the Markdown
 * one: untrusted text made safe, numbers, points, flags. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "history.h"
#include "report_model.h"
#include "text.h"
#include "util.h"

/* The heading of each kind of flag: in the text report, in Markdown. */
static const char *report_text_heads[][2] = {
	[REPORT_FLAG_SYMPTOM] = { "SYMPTOMS REPORTED (numbness, tingling, "
	    "shooting or burning pain; the point was stopped)",
	    "Symptoms reported (numbness, tingling, shooting or burning pain; "
	    "the point was stopped)" },
	[REPORT_FLAG_RATING_10] = { "RATED 10", "Rated 10" },
	[REPORT_FLAG_EASE_OFF] = { "EVERY RATING AT OR ABOVE EASE-OFF",
	    "Every rating at or above ease-off" },
	[REPORT_FLAG_NO_SESSION] = { "WEEKS WITH NO SESSION",
	    "Weeks with no session" },
	[REPORT_FLAG_SORE] = { "SORENESS CHECK-IN OF 7 OR MORE",
	    "Soreness check-in of 7 or more" },
};
_Static_assert(sizeof report_text_heads / sizeof report_text_heads[0] ==
    REPORT_FLAG_N, "a heading for every flag");

/* An average with one decimal, so that averages side by side read alike,
 * or none when negative. */
void
report_num(FILE *f, double v, const char *none)
{
	if (v < 0)
		fputs(none, f);
	else
		fprintf(f, "%.1f", v);
}

/* An integer, or none when negative. */
void
report_int(FILE *f, int64_t v, const char *none)
{
	if (v < 0)
		fputs(none, f);
	else
		fprintf(f, "%lld", (long long)v);
}

/* Print untrusted text for a terminal or a Markdown file: unsafe
 * characters replaced, newlines as spaces, and in Markdown what would be
 * markup escaped. */
void
report_puts(FILE *f, const char *s, bool md)
{
	char	*safe = text_sanitize_line(s != NULL ? s : ""), *p;

	for (p = safe; *p != '\0'; p++) {
		if (md && strchr("|\\*_`<>[]#&!~", *p) != NULL)
			fprintf(f, "\\%c", *p);
		else
			fputc(*p, f);
	}
	free(safe);
}

/* A point's name: its title and side. */
void
report_point_name(FILE *f, const char *title, const char *side, bool md)
{
	report_puts(f, title, md);
	if (side != NULL && *side != '\0') {
		fputs(" (", f);
		report_puts(f, side, md);
		fputc(')', f);
	}
}

/* The release times of a point, oldest first: "45 s, -, 30 s". */
void
report_releases(FILE *f, const struct hist_point *p)
{
	size_t	i;

	for (i = 0; i < p->n; i++) {
		if (i != 0)
			fputs(", ", f);
		if (p->v[i].release_ms < 0)
			fputs("-", f);
		else
			fprintf(f, "%lld s",
			    (long long)(p->v[i].release_ms + 500) / 1000);
	}
}

/* The peak ratings of a point, oldest first. */
void
report_peaks(FILE *f, const struct hist_point *p)
{
	size_t	i;

	for (i = 0; i < p->n; i++) {
		if (i != 0)
			fputc(' ', f);
		report_int(f, p->v[i].peak, "-");
	}
}

/* Before and after pain as "6 -> 3", "-" where not given. */
void
report_pain(char *buf, size_t len, const struct hist_session *s)
{
	char	pre[16] = "-", post[16] = "-";

	if (s->pre_pain >= 0)
		snprintf(pre, sizeof pre, "%d", s->pre_pain);
	if (s->post_pain >= 0)
		snprintf(post, sizeof post, "%d", s->post_pain);
	snprintf(buf, len, "%s -> %s", pre, post);
}

/* Points done of the total as "2/3", and the peak or "-". */
void
report_points(char *pts, size_t plen, char *peak, size_t klen,
    const struct hist_session *s)
{
	snprintf(pts, plen, "%u/%u", s->points_done, s->points_total);
	if (s->peak >= 0)
		snprintf(peak, klen, "%d", s->peak);
	else
		snprintf(peak, klen, "-");
}

/* A flag as one line: "  2025-01-05 10:00  Routine: Trap, left". */
void
report_flag_line(FILE *f, const struct report_rt *rr,
    const struct report_flag *fl, bool md)
{
	char	 day[32], *what;

	fputs(md ? "- " : "  ", f);
	if (fl->kind == REPORT_FLAG_NO_SESSION) {
		report_local(day, sizeof day, "%Y-%m-%d", fl->when);
		fprintf(f, "week from %s%s", day, md ? ": " : "  ");
	} else if (fl->session != 0) {
		report_local(day, sizeof day, "%Y-%m-%d %H:%M", fl->when);
		fprintf(f, "%s%s", day, md ? ": " : "  ");
	}
	report_puts(f, rr->r->title, md);
	if (fl->title != NULL) {
		fputs(": ", f);
		report_puts(f, fl->title, md);
		if (fl->side != NULL && *fl->side != '\0') {
			fputs(", ", f);
			report_puts(f, fl->side, md);
		}
	}
	if (fl->kind == REPORT_FLAG_EASE_OFF || fl->kind == REPORT_FLAG_SORE) {
		what = report_flag_text(fl);
		fprintf(f, " (%s)", what);
		free(what);
	}
	if (fl->rehearsal)
		fputs(" (rehearsal)", f);
	fputc('\n', f);
}

/* The heading of a kind of flag, the first time. */
static void
report_flag_head(FILE *f, enum report_flag_kind k, bool md, bool first)
{
	if (md)
		fprintf(f, "%s\n### %s\n\n", first ? "\n## Flags\n" : "",
		    report_text_heads[k][1]);
	else
		fprintf(f, "%s%s:\n", first ? "\n" : "", report_text_heads[k][0]);
}

/* The flags at the top, each kind under its heading; nothing when there
 * is nothing. */
void
report_flags(FILE *f, const struct report_rt *v, size_t n, bool md)
{
	enum report_flag_kind	k;
	size_t			i, j;
	bool			any, first = true;

	for (k = 0; k < REPORT_FLAG_N; k++) {
		any = false;
		for (i = 0; i < n; i++) {
			for (j = 0; j < v[i].nflag; j++) {
				if (v[i].flag[j].kind != k)
					continue;
				if (!any)
					report_flag_head(f, k, md, first);
				any = true;
				first = false;
				report_flag_line(f, &v[i], &v[i].flag[j], md);
			}
		}
	}
}

/* The adherence lines of the text report. */
static void
report_text_adherence(FILE *f, const struct report_rt *rr)
{
	char		*s, day[32];
	unsigned	 w;

	s = report_adherence_text(&rr->adh);
	report_local(day, sizeof day, "%Y-%m-%d", rr->adh.from);
	fprintf(f, "Adherence: %s, since %s\n", s, day);
	free(s);
	for (w = 0; w < rr->adh.weeks_in; w++) {
		report_local(day, sizeof day, "%Y-%m-%d", rr->adh.week[w].start);
		fprintf(f, "  week %u (from %s): %u of %u\n", w + 1, day,
		    rr->adh.week[w].done, rr->per_week);
	}
}

/* Under a session's row: what of it was not done, and why. */
static void
report_text_not_done(FILE *f, const struct hist_session *s)
{
	if (s->not_done == NULL || *s->not_done == '\0')
		return;
	fputs("    not done: ", f);
	report_puts(f, s->not_done, false);
	fputc('\n', f);
}

/* "Label: value" (a list item in Markdown), the value untrusted, "not
 * named" if NULL. */
static void
report_field(FILE *f, const char *label, const char *v, bool md)
{
	fprintf(f, "%s%s: ", md ? "- " : "", label);
	report_puts(f, v != NULL ? v : "not named in the routine file", md);
	fputc('\n', f);
}

/* A line of what the model words, as a field. */
static void
report_field_free(FILE *f, const char *label, char *v, bool md)
{
	report_field(f, label, v, md);
	free(v);
}

/* Who and what, under the routine's title: client, therapist, versions,
 * signature, period, prescription and what was done. */
void
report_who(FILE *f, const struct report_rt *rr, bool md)
{
	char	*s, from[32], to[32];
	size_t	 i;

	report_field(f, "Client", rr->client, md);
	report_field(f, "Therapist", rr->therapist, md);
	for (i = 0; i < rr->nh; i++) {
		fputs(md ? "- Routine file SHA-256: " : "Routine file SHA-256: ",
		    f);
		report_puts(f, rr->hash[i], md);
		fprintf(f, " (%u session%s)\n", rr->hash_n[i],
		    rr->hash_n[i] == 1 ? "" : "s");
	}
	if (rr->signature != NULL)
		report_field(f, "Signature", rr->signature, md);
	report_local(from, sizeof from, "%Y-%m-%d", rr->from);
	report_local(to, sizeof to, "%Y-%m-%d", rr->to);
	xasprintf(&s, "%s to %s", from, to);
	report_field_free(f, "Period", s, md);
	if (rr->week != NULL)
		report_field_free(f, "Progression", report_progression_text(rr),
		    md);
	if (rr->source != NULL)
		report_field_free(f, "Frequency", report_frequency_text(rr), md);
	report_field_free(f, "Done", report_done_text(rr), md);
}

/* The title line and who and what. */
static void
report_text_head(FILE *f, const struct report_rt *rr)
{
	report_puts(f, rr->r->title, false);
	fputs(" (", f);
	report_puts(f, rr->r->id, false);
	fputs(")\n", f);
	report_who(f, rr, false);
	if (rr->has_adh)
		report_text_adherence(f, rr);
}

/* The sessions of one routine in the text report. */
static void
report_text_sessions(FILE *f, const struct report_rt *rr)
{
	const struct hist_session	*s;
	char				 day[32], dur[32], pain[40];
	char				 pts[32], peak[16];
	size_t				 i;

	fprintf(f, "\nSessions (%zu):\n", rr->ns);
	fprintf(f, "  %-16s  %8s  %-11s  %-8s  %-6s  %s\n", "DATE",
	    "DURATION", "OUTCOME", "PAIN", "POINTS", "PEAK");
	for (i = 0; i < rr->ns; i++) {
		s = &rr->s[i];
		report_local(day, sizeof day, "%Y-%m-%d %H:%M", s->start);
		report_dur(dur, sizeof dur, report_span(s, rr->now));
		report_pain(pain, sizeof pain, s);
		report_points(pts, sizeof pts, peak, sizeof peak, s);
		fprintf(f, "  %-16s  %8s  ", day, dur);
		text_cell(f, s->outcome, 11);
		fprintf(f, "  %-8s  %-6s  %s%s\n", pain, pts, peak,
		    report_marks(s, rr->now));
		report_text_not_done(f, s);
	}
}

/* A step's name, numbered from 1 as the screen numbers it: "2. Ear to
 * shoulder (stretch)", "1. Trap, left (hold)". */
void
report_step_name(FILE *f, const struct report_step *st, bool md)
{
	fprintf(f, "%d. ", st->index + 1);
	report_puts(f, st->title, md);
	if (*st->side != '\0') {
		fputs(", ", f);
		report_puts(f, st->side, md);
	}
	fputs(" (", f);
	report_puts(f, st->kind, md);
	fputc(')', f);
}

/* Every step and side: what became of it over the sessions. */
static void
report_text_steps(FILE *f, const struct report_rt *rr)
{
	const struct report_step	*st;
	char				 dur[32], *ex;
	size_t				 i;

	fprintf(f, "\nSteps (%zu):\n", rr->nstep);
	for (i = 0; i < rr->nstep; i++) {
		st = &rr->step[i];
		report_dur(dur, sizeof dur, st->ms / 1000);
		fputs("  ", f);
		report_step_name(f, st, false);
		fprintf(f, "\n    sessions %u: done %u, skipped %u, stopped %u, "
		    "not reached %u; time in it %s\n", st->sessions, st->done,
		    st->skipped, st->stopped, st->not_reached, dur);
		if (report_steps_exercise(st)) {
			ex = report_steps_exercise_text(st);
			fprintf(f, "    done %s\n", ex);
			free(ex);
		}
	}
}

/* One routine in the text report. */
static void
report_text_rt(FILE *f, const struct report_rt *rr)
{
	const struct hist_point	*p;
	size_t			 i;

	report_text_head(f, rr);
	report_text_sessions(f, rr);
	fprintf(f, "\nPoints (%zu):\n", rr->np);
	for (i = 0; i < rr->np; i++) {
		p = &rr->p[i];
		fputs("  ", f);
		report_point_name(f, p->title, p->side, false);
		fprintf(f, "\n    sessions %zu, discomfort avg ", p->n);
		report_num(f, p->avg, "-");
		fputs(", peak ", f);
		report_int(f, p->peak, "-");
		fprintf(f, ", ease-offs %u, bracing %u, skips %u\n",
		    p->ease_offs, p->bracing, p->skips);
		fputs("    peak per session: ", f);
		report_peaks(f, p);
		fputs("\n    time to release: ", f);
		report_releases(f, p);
		if (report_trend(p) != NULL)
			fprintf(f, " (%s)", report_trend(p));
		fputs("\n    median discomfort ", f);
		report_num(f, rr->median[i], "-");
		fputs(", peaks ", f);
		report_steps_spark(f, p);
		fputc('\n', f);
	}
	report_text_steps(f, rr);
	report_notes_write(f, rr, false);
}

/* The text report. */
int
report_text(struct report_ctx *c, char **cause)
{
	FILE	*f = c->f;
	char	 now[32];
	size_t	 i;

	(void)cause;
	report_local(now, sizeof now, "%Y-%m-%d %H:%M", c->o->now);
	fprintf(f, "unknot report, %s", now);
	if (c->o->since_arg != NULL) {
		fputs(", sessions since ", f);
		report_puts(f, c->o->since_arg, false);
	}
	fputs("\n", f);
	if (c->n == 0)
		fputs("\nNo sessions recorded.\n", f);
	report_flags(f, c->v, c->n, false);
	for (i = 0; i < c->n; i++) {
		fputc('\n', f);
		report_text_rt(f, &c->v[i]);
	}
	return 0;
}
