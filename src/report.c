/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report.c: `unknot report`: the table of formats, adherence to the
 * prescribed frequency and the trend of time to release. What a report
 * says is report_model.c's; each format is written by its own module. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "history.h"
#include "report.h"
#include "report_model.h"
#include "util.h"

/* The formats, by enum report_format. */
static const struct report_writer report_writers[] = {
	[REPORT_TEXT] = { "text", report_text },
	[REPORT_MARKDOWN] = { "markdown", report_markdown },
	[REPORT_CSV] = { "csv", report_csv },
	[REPORT_JSON] = { "json", report_json },
};
_Static_assert(sizeof report_writers / sizeof report_writers[0] ==
    REPORT_NFORMATS, "a writer for every format");

/* Parse a report format name. */
int
report_parse_format(const char *s, enum report_format *f)
{
	size_t	i;

	for (i = 0; i < nitems(report_writers); i++) {
		if (strcmp(s, report_writers[i].name) == 0) {
			*f = (enum report_format)i;
			return 0;
		}
	}
	return -1;
}

/* The format names: "text, markdown, csv or json". */
char *
report_format_names(void)
{
	char	*s, *t;
	size_t	 i;

	s = xstrdup(report_writers[0].name);
	for (i = 1; i < nitems(report_writers); i++) {
		xasprintf(&t, "%s%s%s", s, i + 1 == nitems(report_writers) ?
		    " or " : ", ", report_writers[i].name);
		free(s);
		s = t;
	}
	return s;
}

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

/* Write the report in the format asked for. */
int
report_write(FILE *f, struct history *h, const struct report_opts *o,
    char **cause)
{
	struct hist_filter	 flt = { o->routine, o->since, 0, true };
	struct hist_routine	*r;
	struct report_ctx	 c;
	size_t			 n, i;
	int			 rv = 0;

	if ((unsigned)o->format >= REPORT_NFORMATS)
		fatalx("report format %d", (int)o->format);
	if (history_routines(h, &flt, &r, &n, cause) != 0)
		return -1;
	memset(&c, 0, sizeof c);
	c.f = f;
	c.h = h;
	c.o = o;
	c.v = xcalloc(n + 1, sizeof *c.v);
	for (i = 0; i < n && rv == 0; i++) {
		rv = report_model_gather(h, o, &r[i], &c.v[i], cause);
		c.n = i + 1;
	}
	if (rv == 0)
		rv = report_writers[o->format].write(&c, cause);
	for (i = 0; i < c.n; i++)
		report_model_free(&c.v[i]);
	free(c.v);
	history_routines_free(r, n);
	return rv;
}
