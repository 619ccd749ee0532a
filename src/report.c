/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report.c: `unknot history` and `unknot report`: adherence to the
 * prescribed frequency, per-point discomfort and release, as text,
 * Markdown, CSV or JSON. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "calendar.h"
#include "history.h"
#include "json.h"
#include "library.h"
#include "progress_history.h"
#include "report.h"
#include "session.h"
#include "sign.h"
#include "text.h"
#include "util.h"

/* Everything a report says about one routine. */
struct report_rt {
	struct hist_routine	*r;
	struct hist_session	*s;		/* oldest first */
	size_t			 ns;
	struct hist_point	*p;
	size_t			 np;
	unsigned		 per_week, weeks;
	const char		*source;	/* "file", "history", NULL */
	bool			 has_adh;
	struct report_adherence	 adh;
	char			**hash;		/* newest first */
	unsigned		*hash_n;
	size_t			 nh;
	time_t			 now;		/* of the report */
	char			*signature;	/* of the file, NULL: none */
	unsigned		*week;		/* per session of the current
						 * file, else 0; NULL: none */
	unsigned		 prog_weeks;	/* of the progression, 0: none */
	struct progress		 prog;		/* where the client is now */
};

/* Parse a report format name. */
int
report_parse_format(const char *s, enum report_format *f)
{
	static const char *names[] = { "text", "markdown", "csv", "json" };
	size_t	i;

	for (i = 0; i < nitems(names); i++) {
		if (strcmp(s, names[i]) == 0) {
			*f = (enum report_format)i;
			return 0;
		}
	}
	return -1;
}

/* True for a session that counts towards adherence: completed, or
 * partial with half its hold time done; never a rehearsal. */
static bool
report_completed(const struct hist_session *s)
{
	return history_counts(s);
}

/* A session a wrong clock recorded: started or ended out of the window
 * of now. */
static bool
report_clock_wrong(const struct hist_session *s, time_t now)
{
	return !calendar_plausible(s->start, now) ||
	    !calendar_plausible(s->end, now);
}

/* What follows a session's row: a rehearsal is marked as one, and a
 * session a wrong clock recorded as such. */
static const char *
report_marks(const struct hist_session *s, time_t now)
{
	bool wrong = report_clock_wrong(s, now);

	if (s->rehearsal != 0)
		return wrong ? "  (rehearsal)  " REPORT_CLOCK_WRONG :
		    "  (rehearsal)";
	return wrong ? "  " REPORT_CLOCK_WRONG : "";
}

/* Count sessions against the prescribed frequency, in calendar weeks
 * from from: seven local days each, whatever daylight saving does. */
void
report_adherence(unsigned per_week, unsigned weeks, time_t from, time_t now,
    const struct hist_session *v, size_t n, struct report_adherence *a)
{
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
			a->after += report_completed(&v[i]);
			continue;
		}
		if (!report_completed(&v[i])) {
			a->other++;
			continue;
		}
		a->done++;
		a->week[calendar_days(from, v[i].start) / 7].done++;
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

/* UTC time as ISO 8601; empty (false) if it is not on the calendar. */
static bool
report_iso(char *buf, size_t len, time_t t)
{
	if (calendar_format(buf, len, "%Y-%m-%dT%H:%M:%SZ", t, true) != 0)
		return true;
	*buf = '\0';
	return false;
}

/* Local time with a strftime format, "?" if it is not on the calendar. */
static void
report_local(char *buf, size_t len, const char *fmt, time_t t)
{
	calendar_format(buf, len, fmt, t, false);
}

/* How long a session took by the wall clock, s: 0 if the clock went back
 * a little, -1 (not known) if a wrong clock recorded it. */
static int64_t
report_span(const struct hist_session *s, time_t now)
{
	if (report_clock_wrong(s, now))
		return -1;
	return s->end > s->start ? (int64_t)(s->end - s->start) : 0;
}

/* A duration as m:ss or h:mm:ss, "-" if it is not known. */
static void
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

/* An average with one decimal, so that averages side by side read alike,
 * or null/dash when negative. */
static void
report_num(FILE *f, double v, const char *none)
{
	if (v < 0)
		fputs(none, f);
	else
		fprintf(f, "%.1f", v);
}

/* An integer, or none when negative. */
static void
report_int(FILE *f, int64_t v, const char *none)
{
	if (v < 0)
		fputs(none, f);
	else
		fprintf(f, "%lld", (long long)v);
}

/* Print untrusted text for a terminal or a Markdown file: unsafe
 * characters replaced, newlines as spaces, and in Markdown tables the
 * pipe escaped. */
static void
report_puts(FILE *f, const char *s, bool md)
{
	char	*safe = text_sanitize(s), *p;

	for (p = safe; *p != '\0'; p++) {
		if (*p == '\n' || *p == '\t')
			fputc(' ', f);
		else if (md && strchr("|\\*_`<>[]", *p) != NULL)
			fprintf(f, "\\%c", *p);
		else
			fputc(*p, f);
	}
	free(safe);
}

/* A JSON string member with its key. */
static void
report_jstr(FILE *f, const char *key, const char *v)
{
	fprintf(f, "\"%s\": ", key);
	json_string(f, v);
}

/* A JSON time member, ISO 8601 UTC, null if it is not on the calendar. */
static void
report_jtime(FILE *f, const char *key, time_t t)
{
	char	buf[32];

	if (report_iso(buf, sizeof buf, t))
		fprintf(f, "\"%s\": \"%s\"", key, buf);
	else
		fprintf(f, "\"%s\": null", key);
}

/* The routine file with this id on the search path, quietly; or NULL. */
static struct routine *
report_library_load(const char *id)
{
	struct routine	*rt;
	struct diags	 d;
	char		*cause = NULL;

	if (*id == '\0' || strchr(id, '/') != NULL)
		return NULL;
	diags_init(&d);
	rt = library_load(id, &d, &cause);
	diags_free(&d);
	free(cause);
	return rt;
}

/* Read the prescribed frequency from the routine file, if it is found. */
static bool
report_file_frequency(const char *id, unsigned *per_week, unsigned *weeks)
{
	struct routine	*rt;

	if ((rt = report_library_load(id)) == NULL)
		return false;
	*per_week = rt->per_week;
	*weeks = rt->weeks;
	routine_free(rt);
	return true;
}

/* What the signature of the routine file on the path says; with a note if
 * the file is not the one the newest session used. */
static char *
report_signature(const char *id, const char *hash, time_t now)
{
	struct routine	*rt;
	char		*s, *t;

	if ((rt = report_library_load(id)) == NULL)
		return NULL;
	s = sign_summary(rt->file, now);
	if (hash != NULL && strcmp(hash, rt->sha256) != 0) {
		xasprintf(&t, "%s (of the file as it is now, not as the last "
		    "session used it)", s);
		free(s);
		s = t;
	}
	routine_free(rt);
	return s;
}

/* The week of the routine file's progression each session of that file
 * ran at, replayed as the session itself does. */
static void
report_progression(struct report_rt *rr, const char *id)
{
	struct routine		*rt;
	struct progress_session	*v;
	unsigned		*w;
	size_t			 i, n = 0;

	if ((rt = report_library_load(id)) == NULL)
		return;
	if (rt->progression != NULL) {
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
	routine_free(rt);
}

/* The progression's timeline: "week 2 of 3 now; week 1 from 2025-01-01,
 * week 2 from 2025-01-08". */
static char *
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

/* The progression's line in the text and markdown reports, if any. */
static void
report_progression_line(FILE *f, const struct report_rt *rr,
    const char *prefix)
{
	char	*s;

	if (rr->week == NULL)
		return;
	s = report_progression_text(rr);
	fprintf(f, "%sProgression: %s\n", prefix, s);
	free(s);
}

/* The distinct routine hashes of the sessions, newest first. */
static void
report_hashes(struct report_rt *rr)
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
report_reverse(struct hist_session *v, size_t n)
{
	struct hist_session	tmp;
	size_t			i;

	for (i = 0; i < n / 2; i++) {
		tmp = v[i];
		v[i] = v[n - 1 - i];
		v[n - 1 - i] = tmp;
	}
}

/* Gather one routine's sessions, points and adherence. */
static int
report_gather(struct history *h, const struct report_opts *o,
    struct hist_routine *r, struct report_rt *rr, char **cause)
{
	struct hist_filter	f = { r->id, o->since, 0, false };
	size_t			i;

	memset(rr, 0, sizeof *rr);
	rr->r = r;
	rr->now = o->now;
	if (history_sessions(h, &f, &rr->s, &rr->ns, cause) != 0)
		return -1;
	report_reverse(rr->s, rr->ns);
	if (history_points(h, &f, &rr->p, &rr->np, cause) != 0)
		return -1;
	report_hashes(rr);
	if (o->library) {
		rr->signature = report_signature(r->id,
		    rr->nh > 0 ? rr->hash[0] : NULL, o->now);
		report_progression(rr, r->id);
	}
	if (o->library && report_file_frequency(r->id, &rr->per_week,
	    &rr->weeks))
		rr->source = "file";
	else if (r->per_week != 0) {
		rr->per_week = r->per_week;
		rr->weeks = r->weeks;
		rr->source = "history";
	}
	/* Counted from --since or the day of the first session a right
	 * clock recorded. */
	for (i = 0; i < rr->ns; i++) {
		if (!report_clock_wrong(&rr->s[i], o->now))
			break;
	}
	if (rr->per_week != 0 && i < rr->ns) {
		report_adherence(rr->per_week, rr->weeks, o->since != 0 ?
		    o->since : calendar_midnight(rr->s[i].start), o->now,
		    rr->s, rr->ns, &rr->adh);
		rr->has_adh = true;
	}
	return 0;
}

/* Free what report_gather() made. */
static void
report_rt_free(struct report_rt *rr)
{
	history_sessions_free(rr->s, rr->ns);
	history_points_free(rr->p, rr->np);
	if (rr->has_adh)
		report_adherence_free(&rr->adh);
	free(rr->hash);
	free(rr->hash_n);
	free(rr->signature);
	free(rr->week);
}

/* "3 per week for 2 weeks". */
static void
report_frequency(FILE *f, const struct report_rt *rr)
{
	fprintf(f, "%u per week", rr->per_week);
	if (rr->weeks != 0)
		fprintf(f, " for %u week%s", rr->weeks,
		    rr->weeks == 1 ? "" : "s");
	fprintf(f, " (%s)", strcmp(rr->source, "file") == 0 ?
	    "from the routine file" : "as recorded");
}

/* A point's name: its title and side. */
static void
report_point_name(FILE *f, const struct hist_point *p, bool md)
{
	report_puts(f, p->title, md);
	if (*p->side != '\0')
		fprintf(f, " (%s)", p->side);
}

/* The release times of a point, oldest first: "45 s, -, 30 s". */
static void
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
static void
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
static void
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
static void
report_points(char *pts, size_t plen, char *peak, size_t klen,
    const struct hist_session *s)
{
	snprintf(pts, plen, "%u/%u", s->points_done, s->points_total);
	if (s->peak >= 0)
		snprintf(peak, klen, "%d", s->peak);
	else
		snprintf(peak, klen, "-");
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

/* At the top of the report: every symptom reported (numbness, tingling,
 * shooting or burning pain), where and when. */
static void
report_text_symptoms(FILE *f, const struct report_rt *v, size_t n)
{
	const struct hist_session	*s;
	char				 day[32];
	size_t				 i, j;
	bool				 any = false;

	for (i = 0; i < n; i++) {
		for (j = 0; j < v[i].ns; j++) {
			s = &v[i].s[j];
			if (s->symptoms == NULL || *s->symptoms == '\0')
				continue;
			if (!any)
				fputs("\nSYMPTOMS REPORTED (numbness, tingling, "
				    "shooting or burning pain; the point was "
				    "stopped):\n", f);
			any = true;
			report_local(day, sizeof day, "%Y-%m-%d %H:%M",
			    s->start);
			fprintf(f, "  %s  ", day);
			report_puts(f, v[i].r->title, false);
			fputs(": ", f);
			report_puts(f, s->symptoms, false);
			fputc('\n', f);
		}
	}
}

/* One routine in the text report. */
static void
report_text_rt(FILE *f, const struct report_rt *rr)
{
	const struct hist_point		*p;
	const struct hist_session	*s;
	char				 day[32], dur[32], pain[40];
	char				 pts[32], peak[16];
	size_t				 i;

	report_puts(f, rr->r->title, false);
	fprintf(f, " (%s)\n", rr->r->id);
	for (i = 0; i < rr->nh; i++)
		fprintf(f, "Routine file SHA-256: %s (%u session%s)\n",
		    rr->hash[i], rr->hash_n[i], rr->hash_n[i] == 1 ? "" : "s");
	if (rr->signature != NULL) {
		fputs("Signature: ", f);
		report_puts(f, rr->signature, false);
		fputc('\n', f);
	}
	report_progression_line(f, rr, "");
	if (rr->source != NULL) {
		fputs("Frequency: ", f);
		report_frequency(f, rr);
		fputc('\n', f);
	}
	if (rr->has_adh)
		report_text_adherence(f, rr);
	fprintf(f, "\nSessions (%zu):\n", rr->ns);
	fprintf(f, "  %-16s  %8s  %-11s  %-8s  %-6s  %s\n", "DATE",
	    "DURATION", "OUTCOME", "PAIN", "POINTS", "PEAK");
	for (i = 0; i < rr->ns; i++) {
		s = &rr->s[i];
		report_local(day, sizeof day, "%Y-%m-%d %H:%M", s->start);
		report_dur(dur, sizeof dur, report_span(s, rr->now));
		report_pain(pain, sizeof pain, s);
		report_points(pts, sizeof pts, peak, sizeof peak, s);
		fprintf(f, "  %-16s  %8s  %-11s  %-8s  %-6s  %s%s\n", day, dur,
		    s->outcome, pain, pts, peak, report_marks(s, rr->now));
		report_text_not_done(f, s);
	}
	fprintf(f, "\nPoints (%zu):\n", rr->np);
	for (i = 0; i < rr->np; i++) {
		p = &rr->p[i];
		fputs("  ", f);
		report_point_name(f, p, false);
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
		fputc('\n', f);
	}
}

/* The text report. */
static void
report_text(FILE *f, struct report_rt *v, size_t n,
    const struct report_opts *o)
{
	char	now[32];
	size_t	i;

	report_local(now, sizeof now, "%Y-%m-%d %H:%M", o->now);
	fprintf(f, "unknot report, %s", now);
	if (o->since_arg != NULL)
		fprintf(f, ", sessions since %s", o->since_arg);
	fputs("\n", f);
	if (n == 0)
		fputs("\nNo sessions recorded.\n", f);
	report_text_symptoms(f, v, n);
	for (i = 0; i < n; i++) {
		fputc('\n', f);
		report_text_rt(f, &v[i]);
	}
}

/* The sessions table of the Markdown report. */
static void
report_md_sessions(FILE *f, const struct report_rt *rr)
{
	const struct hist_session	*s;
	char				 day[32], dur[32];
	size_t				 i;

	fprintf(f, "\n### Sessions\n\n"
	    "| Date | Duration | Outcome | Pain before | Pain after |"
	    " Points | Peak | Routine SHA-256 |\n"
	    "|---|---:|---|---:|---:|---:|---:|---|\n");
	for (i = 0; i < rr->ns; i++) {
		s = &rr->s[i];
		report_local(day, sizeof day, "%Y-%m-%d %H:%M", s->start);
		report_dur(dur, sizeof dur, report_span(s, rr->now));
		fprintf(f, "| %s%s | %s | %s | ", day,
		    report_clock_wrong(s, rr->now) ? " (" REPORT_CLOCK_WRONG ")" :
		    "", dur, s->outcome);
		report_int(f, s->pre_pain, "-");
		fputs(" | ", f);
		report_int(f, s->post_pain, "-");
		fprintf(f, " | %u/%u | ", s->points_done, s->points_total);
		report_int(f, s->peak, "-");
		fprintf(f, " | `%.12s` |\n", s->sha256);
	}
}

/* The points table of the Markdown report. */
static void
report_md_points(FILE *f, const struct report_rt *rr)
{
	const struct hist_point	*p;
	size_t			 i;

	fprintf(f, "\n### Points\n\n"
	    "| Point | Sessions | Avg | Peak | Ease-offs | Bracing | Skips |"
	    " Peak per session | Time to release | Trend |\n"
	    "|---|---:|---:|---:|---:|---:|---:|---|---|---|\n");
	for (i = 0; i < rr->np; i++) {
		p = &rr->p[i];
		fputs("| ", f);
		report_point_name(f, p, true);
		fprintf(f, " | %zu | ", p->n);
		report_num(f, p->avg, "-");
		fputs(" | ", f);
		report_int(f, p->peak, "-");
		fprintf(f, " | %u | %u | %u | ", p->ease_offs, p->bracing,
		    p->skips);
		report_peaks(f, p);
		fputs(" | ", f);
		report_releases(f, p);
		fprintf(f, " | %s |\n", report_trend(p) != NULL ?
		    report_trend(p) : "-");
	}
}

/* One routine in the Markdown report. */
static void
report_md_rt(FILE *f, const struct report_rt *rr)
{
	char		*s, day[32];
	size_t		 i;
	unsigned	 w;

	fputs("\n## ", f);
	report_puts(f, rr->r->title, true);
	fprintf(f, " (`%s`)\n\n", rr->r->id);
	for (i = 0; i < rr->nh; i++)
		fprintf(f, "- Routine file SHA-256: `%s` (%u session%s)\n",
		    rr->hash[i], rr->hash_n[i], rr->hash_n[i] == 1 ? "" : "s");
	if (rr->signature != NULL) {
		fputs("- Signature: ", f);
		report_puts(f, rr->signature, true);
		fputc('\n', f);
	}
	report_progression_line(f, rr, "- ");
	if (rr->source != NULL) {
		fputs("- Frequency: ", f);
		report_frequency(f, rr);
		fputc('\n', f);
	}
	if (rr->has_adh) {
		s = report_adherence_text(&rr->adh);
		report_local(day, sizeof day, "%Y-%m-%d", rr->adh.from);
		fprintf(f, "- **Adherence: %s**, since %s\n", s, day);
		free(s);
		for (w = 0; w < rr->adh.weeks_in; w++) {
			report_local(day, sizeof day, "%Y-%m-%d",
			    rr->adh.week[w].start);
			fprintf(f, "  - week %u (from %s): %u of %u\n", w + 1,
			    day, rr->adh.week[w].done, rr->per_week);
		}
	}
	report_md_sessions(f, rr);
	report_md_points(f, rr);
}

/* The Markdown report. */
static void
report_markdown(FILE *f, struct report_rt *v, size_t n,
    const struct report_opts *o)
{
	char	now[32];
	size_t	i;

	report_local(now, sizeof now, "%Y-%m-%d %H:%M", o->now);
	fprintf(f, "# unknot report\n\nGenerated %s", now);
	if (o->since_arg != NULL)
		fprintf(f, ", sessions since %s", o->since_arg);
	fputs(".\n", f);
	if (n == 0)
		fputs("\nNo sessions recorded.\n", f);
	for (i = 0; i < n; i++)
		report_md_rt(f, &v[i]);
}

/* True if a spreadsheet would read a cell starting with s as a formula
 * (=, +, -, @, or a tab or carriage return before one; OWASP's list). */
static bool
report_csv_formula(const char *s)
{
	return *s != '\0' && strchr("=+-@\t\r", *s) != NULL;
}

/* One CSV field, quoted when it has to be (RFC 4180); text a spreadsheet
 * would run as a formula gets a leading "'" and quotes, so that it is
 * shown as the text it is. */
static void
report_csv_field(FILE *f, const char *s, bool last)
{
	const char	*p;
	bool		 formula = report_csv_formula(s);

	if (!formula && strpbrk(s, ",\"\r\n") == NULL)
		fputs(s, f);
	else {
		fputc('"', f);
		if (formula)
			fputc('\'', f);
		for (p = s; *p != '\0'; p++) {
			if (*p == '"')
				fputc('"', f);
			fputc(*p, f);
		}
		fputc('"', f);
	}
	fputs(last ? "\r\n" : ",", f);
}

/* One CSV integer field. */
static void
report_csv_int(FILE *f, int64_t v)
{
	fprintf(f, "%lld,", (long long)v);
}

/* The outcome of session id among the gathered routines. */
static const char *
report_outcome_of(const struct report_rt *v, size_t n, int64_t id)
{
	size_t	i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < v[i].ns; j++) {
			if (v[i].s[j].id == id)
				return v[i].s[j].outcome;
		}
	}
	return "";
}

/* The CSV report: one row per event. */
static int
report_csv(FILE *f, struct history *h, const struct report_rt *v, size_t n,
    const struct report_opts *o, char **cause)
{
	struct hist_filter	 flt = { o->routine, o->since, 0, false };
	struct hist_event	*e;
	size_t			 ne, i;
	char			 t[32];

	if (history_events(h, &flt, &e, &ne, cause) != 0)
		return -1;
	fputs("session_id,session_start,session_outcome,routine_id,"
	    "routine_sha256,seq,wall,at_ms,kind,step,step_kind,step_title,"
	    "point,side,value,arg_ms\r\n", f);
	for (i = 0; i < ne; i++) {
		report_csv_int(f, e[i].session_id);
		report_iso(t, sizeof t, e[i].session_start);
		report_csv_field(f, t, false);
		report_csv_field(f, report_outcome_of(v, n, e[i].session_id),
		    false);
		report_csv_field(f, e[i].routine_id, false);
		report_csv_field(f, e[i].sha256, false);
		report_csv_int(f, e[i].seq);
		report_iso(t, sizeof t, e[i].wall);
		report_csv_field(f, t, false);
		report_csv_int(f, e[i].at_ms);
		report_csv_field(f, e[i].kind, false);
		report_csv_int(f, e[i].step);
		report_csv_field(f, e[i].step_kind, false);
		report_csv_field(f, e[i].title, false);
		report_csv_field(f, e[i].point, false);
		report_csv_field(f, e[i].side, false);
		report_csv_int(f, e[i].value);
		fprintf(f, "%lld\r\n", (long long)e[i].arg);
	}
	history_events_free(e, ne);
	return 0;
}

/* The JSON adherence object. */
static void
report_json_adherence(FILE *f, const struct report_rt *rr)
{
	const struct report_adherence	*a = &rr->adh;
	unsigned			 w;

	fputs("{", f);
	report_jtime(f, "from", a->from);
	fputs(", ", f);
	report_jtime(f, "to", a->to);
	fprintf(f, ", \"weeks\": %u, \"done\": %u, \"expected\": %u, "
	    "\"other\": %u, \"after\": %u, \"clock_wrong\": %u, "
	    "\"by_week\": [", a->weeks_in, a->done, a->expected, a->other,
	    a->after, a->wrong);
	for (w = 0; w < a->weeks_in; w++) {
		fputs(w != 0 ? ", {" : "{", f);
		report_jtime(f, "from", a->week[w].start);
		fprintf(f, ", \"done\": %u, \"expected\": %u}",
		    a->week[w].done, a->per_week);
	}
	fputs("]}", f);
}

/* The progression of a routine: the week now, and each session's. */
static void
report_json_progression(FILE *f, const struct report_rt *rr)
{
	size_t	i;
	int	first = 1;

	if (rr->week == NULL) {
		fputs("null", f);
		return;
	}
	fprintf(f, "{\"week\": %u, \"weeks\": %u, \"sessions\": [",
	    rr->prog.week, rr->prog_weeks);
	for (i = 0; i < rr->ns; i++) {
		if (rr->week[i] == 0)
			continue;
		fprintf(f, "%s{\"id\": %lld, \"week\": %u}", first ? "" : ", ",
		    (long long)rr->s[i].id, rr->week[i]);
		first = 0;
	}
	fputs("]}", f);
}

/* One session as a JSON object (shared with `unknot history --json`). */
static void
report_json_session(FILE *f, const struct hist_session *s, bool routine,
    time_t now)
{
	fprintf(f, "{\"id\": %lld, ", (long long)s->id);
	report_jtime(f, "start", s->start);
	fputs(", ", f);
	report_jtime(f, "end", s->end);
	if (routine) {
		fputs(", ", f);
		report_jstr(f, "routine_id", s->routine_id);
		fputs(", ", f);
		report_jstr(f, "title", s->title);
	}
	fputs(", \"duration_s\": ", f);
	report_int(f, report_span(s, now), "null");
	fprintf(f, ", \"active_s\": %lld, ", (long long)(s->active_ms / 1000));
	report_jstr(f, "outcome", s->outcome);
	fprintf(f, ", \"rehearsal\": %s, \"counts\": %s, \"hold_s\": %u, "
	    "\"hold_done_s\": %lld, ", s->rehearsal != 0 ? "true" : "false",
	    s->counts ? "true" : "false", s->hold_seconds,
	    (long long)(s->hold_done_ms / 1000));
	report_jstr(f, "not_done", s->not_done);
	fputs(", ", f);
	report_jstr(f, "symptoms", s->symptoms);
	fprintf(f, ", \"signal\": %d, \"pre_pain\": ", s->signal);
	report_int(f, s->pre_pain, "null");
	fputs(", \"post_pain\": ", f);
	report_int(f, s->post_pain, "null");
	fprintf(f, ", \"points_done\": %u, \"points_total\": %u, \"peak\": ",
	    s->points_done, s->points_total);
	report_int(f, s->peak, "null");
	fputs(", ", f);
	report_jstr(f, "sha256", s->sha256);
	fprintf(f, ", \"clock_wrong\": %s}", report_clock_wrong(s, now) ?
	    "true" : "false");
}

/* One sample of a point as a JSON object. */
static void
report_json_sample(FILE *f, const struct hist_sample *x)
{
	fprintf(f, "{\"session\": %lld, ", (long long)x->session_id);
	report_jtime(f, "start", x->start);
	fputs(", \"peak\": ", f);
	report_int(f, x->peak, "null");
	fputs(", \"avg\": ", f);
	report_num(f, x->avg, "null");
	fprintf(f, ", \"ratings\": %u, \"ease_offs\": %u, \"bracing\": %u, "
	    "\"skips\": %u, \"release_ms\": ", x->ratings, x->ease_offs,
	    x->bracing, x->skips);
	report_int(f, x->release_ms, "null");
	fprintf(f, ", \"hold_ms\": %lld}", (long long)x->hold_ms);
}

/* One point as a JSON object. */
static void
report_json_point(FILE *f, const struct hist_point *p)
{
	size_t	i;

	fputs("{", f);
	report_jstr(f, "title", p->title);
	fputs(", ", f);
	report_jstr(f, "side", p->side);
	fputs(", ", f);
	report_jstr(f, "point", p->point);
	fprintf(f, ", \"sessions\": %zu, \"ratings\": %u, \"avg\": ", p->n,
	    p->ratings);
	report_num(f, p->avg, "null");
	fputs(", \"peak\": ", f);
	report_int(f, p->peak, "null");
	fprintf(f, ", \"ease_offs\": %u, \"bracing\": %u, \"skips\": %u, "
	    "\"releases\": %u, \"release_trend\": ", p->ease_offs, p->bracing,
	    p->skips, p->releases);
	json_string(f, report_trend(p));
	fputs(", \"trend\": [", f);
	for (i = 0; i < p->n; i++) {
		fputs(i != 0 ? ",\n          " : "\n          ", f);
		report_json_sample(f, &p->v[i]);
	}
	fputs("]}", f);
}

/* One routine as a JSON object. */
static void
report_json_rt(FILE *f, const struct report_rt *rr)
{
	size_t	i;

	fputs("{", f);
	report_jstr(f, "id", rr->r->id);
	fputs(", ", f);
	report_jstr(f, "title", rr->r->title);
	fputs(",\n      \"sha256\": [", f);
	for (i = 0; i < rr->nh; i++) {
		fputs(i != 0 ? ", " : "", f);
		json_string(f, rr->hash[i]);
	}
	fputs("],\n      \"signature\": ", f);
	if (rr->signature != NULL)
		json_string(f, rr->signature);
	else
		fputs("null", f);
	fputs(",\n      \"progression\": ", f);
	report_json_progression(f, rr);
	fputs(",\n      \"frequency\": ", f);
	if (rr->source == NULL)
		fputs("null", f);
	else {
		fprintf(f, "{\"per_week\": %u, \"weeks\": %u, ", rr->per_week,
		    rr->weeks);
		report_jstr(f, "source", rr->source);
		fputs("}", f);
	}
	fputs(",\n      \"adherence\": ", f);
	if (rr->has_adh)
		report_json_adherence(f, rr);
	else
		fputs("null", f);
	fputs(",\n      \"sessions\": [", f);
	for (i = 0; i < rr->ns; i++) {
		fputs(i != 0 ? ",\n        " : "\n        ", f);
		report_json_session(f, &rr->s[i], false, rr->now);
	}
	fputs("],\n      \"points\": [", f);
	for (i = 0; i < rr->np; i++) {
		fputs(i != 0 ? ",\n        " : "\n        ", f);
		report_json_point(f, &rr->p[i]);
	}
	fputs("]}", f);
}

/* The JSON report. */
static void
report_json(FILE *f, struct report_rt *v, size_t n,
    const struct report_opts *o)
{
	size_t	i;

	fputs("{\"unknot_report\": 1, ", f);
	report_jtime(f, "generated", o->now);
	fputs(", \"since\": ", f);
	json_string(f, o->since_arg);
	fputs(",\n  \"routines\": [", f);
	for (i = 0; i < n; i++) {
		fputs(i != 0 ? ",\n    " : "\n    ", f);
		report_json_rt(f, &v[i]);
	}
	fputs("]}\n", f);
}

/* Write the report in the format asked for. */
int
report_write(FILE *f, struct history *h, const struct report_opts *o,
    char **cause)
{
	struct hist_filter	 flt = { o->routine, o->since, 0, true };
	struct hist_routine	*r;
	struct report_rt	*v;
	size_t			 n, i;
	int			 rv = 0;

	if (history_routines(h, &flt, &r, &n, cause) != 0)
		return -1;
	v = xcalloc(n, sizeof *v);
	for (i = 0; i < n && rv == 0; i++)
		rv = report_gather(h, o, &r[i], &v[i], cause);
	if (rv == 0) {
		switch (o->format) {
		case REPORT_TEXT:
			report_text(f, v, n, o);
			break;
		case REPORT_MARKDOWN:
			report_markdown(f, v, n, o);
			break;
		case REPORT_CSV:
			rv = report_csv(f, h, v, n, o, cause);
			break;
		case REPORT_JSON:
			report_json(f, v, n, o);
			break;
		}
	}
	for (i = 0; i < n; i++)
		report_rt_free(&v[i]);
	free(v);
	history_routines_free(r, n);
	return rv;
}

/* A routine title cut or padded to width columns. */
static void
report_cell(FILE *f, const char *s, int width)
{
	text_cell(f, s, width);
}

/* Write the session list of `unknot history`. */
int
report_history(FILE *f, struct history *h, bool json, time_t now,
    char **cause)
{
	struct hist_session	*v;
	size_t			 n, i;
	char			 day[32], dur[32], pts[32], peak[16];

	if (history_sessions(h, NULL, &v, &n, cause) != 0)
		return -1;
	if (json) {
		fputs("{\"sessions\": [", f);
		for (i = 0; i < n; i++) {
			fputs(i != 0 ? ",\n  " : "\n  ", f);
			report_json_session(f, &v[i], true, now);
		}
		fputs("]}\n", f);
	} else if (n == 0)
		fputs("No sessions recorded yet. Start one with "
		    "'unknot run ROUTINE'.\n", f);
	else {
		fprintf(f, "%-16s  %-28s  %8s  %-11s  %-6s  %s\n", "DATE",
		    "ROUTINE", "DURATION", "OUTCOME", "POINTS", "PEAK");
		for (i = 0; i < n; i++) {
			report_local(day, sizeof day, "%Y-%m-%d %H:%M",
			    v[i].start);
			report_dur(dur, sizeof dur, report_span(&v[i], now));
			fprintf(f, "%-16s  ", day);
			report_cell(f, v[i].title, 28);
			report_points(pts, sizeof pts, peak, sizeof peak,
			    &v[i]);
			fprintf(f, "  %8s  %-11s  %-6s  %s%s\n", dur,
			    v[i].outcome, pts, peak, report_marks(&v[i], now));
		}
	}
	history_sessions_free(v, n);
	return 0;
}
