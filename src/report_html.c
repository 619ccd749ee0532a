/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report_html.c: the HTML report, one self-contained page a client can
 * attach to a message or print: its own CSS, no script, nothing fetched,
 * the peaks of each point as an inline SVG sparkline; every text from the
 * routine or the history sanitised and escaped. */
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

/* The page's style: plain on screen, black on white in print, tables
 * kept whole across pages. */
static const char report_html_css[] =
	"body{font-family:sans-serif;max-width:60em;margin:1em auto;"
	"padding:0 1em;color:#111;background:#fff}"
	"table{border-collapse:collapse;margin:.5em 0 1em}"
	"th,td{border:1px solid #999;padding:.2em .5em;text-align:left}"
	"td.n{text-align:right}"
	".flags{border:2px solid #a00;padding:0 1em}"
	"svg.spark{vertical-align:middle}"
	"@media print{body{max-width:none;margin:0;font-size:10pt}"
	"h2,h3{break-after:avoid}tr{break-inside:avoid}"
	".flags{border-color:#000}}";

/* Text as HTML: characters a terminal would obey replaced, then & < > "
 * and ' escaped. */
static void
report_html_puts(FILE *f, const char *s)
{
	char	*safe = text_sanitize_line(s != NULL ? s : "");

	text_html(f, safe);
	free(safe);
}

/* A point's name: title and side. */
static void
report_html_point(FILE *f, const char *title, const char *side)
{
	report_html_puts(f, title);
	if (side != NULL && *side != '\0') {
		fputs(", ", f);
		report_html_puts(f, side);
	}
}

/* A cell with a number, "-" if there is none (< 0). */
static void
report_html_num(FILE *f, double v, int decimals)
{
	if (v < 0)
		fputs("<td class=\"n\">-</td>", f);
	else
		fprintf(f, "<td class=\"n\">%.*f</td>", decimals, v);
}

/* The x of session i's mark in a sparkline. */
static size_t
report_html_x(size_t i)
{
	return i * 12 + 7;
}

/* The y of a peak in a sparkline: 0 at the bottom, 10 at the top. */
static int
report_html_y(int peak)
{
	return 2 + 24 - (peak > 10 ? 10 : peak) * 24 / 10;
}

/* The peaks of a point, one a session, as a line through dots on a 0-10
 * scale; a session without a rating is a gap with a grey dot below. */
static void
report_html_spark(FILE *f, const struct hist_point *p)
{
	const int	h = 24;
	const size_t	w = 12;
	size_t		i;
	bool		open = false;

	fprintf(f, "<svg class=\"spark\" xmlns=\"http://www.w3.org/2000/svg\""
	    " width=\"%zu\" height=\"%d\" viewBox=\"0 0 %zu %d\""
	    " role=\"img\" aria-label=\"peak discomfort per session\">",
	    p->n * w + 2, h + 4, p->n * w + 2, h + 4);
	for (i = 0; i < p->n; i++) {
		if (p->v[i].peak < 0) {
			if (open)
				fputs("\"/>", f);
			open = false;
			continue;
		}
		if (!open)
			fputs("<polyline fill=\"none\" stroke=\"#000\""
			    " stroke-width=\"1.5\" points=\"", f);
		fprintf(f, "%s%zu,%d", open ? " " : "", report_html_x(i),
		    report_html_y(p->v[i].peak));
		open = true;
	}
	if (open)
		fputs("\"/>", f);
	for (i = 0; i < p->n; i++) {
		fprintf(f, "<circle cx=\"%zu\" cy=\"%d\" r=\"2\""
		    " fill=\"%s\"><title>", report_html_x(i),
		    p->v[i].peak < 0 ? h + 2 : report_html_y(p->v[i].peak),
		    p->v[i].peak < 0 ? "#aaa" : "#000");
		if (p->v[i].peak < 0)
			fputs("no rating", f);
		else
			fprintf(f, "peak %d", p->v[i].peak);
		fputs("</title></circle>", f);
	}
	fputs("</svg>", f);
}

/* The flags first, in one box; nothing when there is nothing. */
static void
report_html_flags(FILE *f, const struct report_rt *v, size_t n)
{
	const struct report_flag	*fl;
	char				 day[32], *what;
	size_t				 i, j, total = 0;

	for (i = 0; i < n; i++)
		total += v[i].nflag;
	if (total == 0)
		return;
	fputs("<section class=\"flags\"><h2>Flags</h2><ul>\n", f);
	for (i = 0; i < n; i++) {
		for (j = 0; j < v[i].nflag; j++) {
			fl = &v[i].flag[j];
			fputs("<li>", f);
			if (fl->kind == REPORT_FLAG_NO_SESSION)
				report_local(day, sizeof day,
				    "week from %Y-%m-%d", fl->when);
			else
				report_local(day, sizeof day,
				    "%Y-%m-%d %H:%M", fl->when);
			fprintf(f, "%s: ", day);
			report_html_puts(f, v[i].r->title);
			if (fl->title != NULL) {
				fputs(": ", f);
				report_html_point(f, fl->title, fl->side);
			}
			what = report_flag_text(fl);
			fputs(" &mdash; ", f);
			report_html_puts(f, what);
			free(what);
			if (fl->rehearsal)
				fputs(" (rehearsal)", f);
			fputs("</li>\n", f);
		}
	}
	fputs("</ul></section>\n", f);
}

/* One "label: value" line of who and what, the value untrusted. */
static void
report_html_field(FILE *f, const char *label, const char *v)
{
	fprintf(f, "<li>%s: ", label);
	report_html_puts(f, v != NULL ? v : "not named in the routine file");
	fputs("</li>\n", f);
}

/* The same with a value the model words, freed. */
static void
report_html_field_free(FILE *f, const char *label, char *v)
{
	report_html_field(f, label, v);
	free(v);
}

/* The routine's heading, who and what. */
static void
report_html_head(FILE *f, const struct report_rt *rr)
{
	char	*s, from[32], to[32];

	fputs("<h2>", f);
	report_html_puts(f, rr->r->title);
	fputs(" (<code>", f);
	report_html_puts(f, rr->r->id);
	fputs("</code>)</h2>\n<ul>\n", f);
	report_html_field(f, "Client", rr->client);
	report_html_field(f, "Therapist", rr->therapist);
	if (rr->nh > 0)
		report_html_field(f, "Routine file SHA-256", rr->hash[0]);
	if (rr->signature != NULL)
		report_html_field(f, "Signature", rr->signature);
	report_local(from, sizeof from, "%Y-%m-%d", rr->from);
	report_local(to, sizeof to, "%Y-%m-%d", rr->to);
	xasprintf(&s, "%s to %s", from, to);
	report_html_field_free(f, "Period", s);
	if (rr->source != NULL)
		report_html_field_free(f, "Frequency",
		    report_frequency_text(rr));
	report_html_field_free(f, "Done", report_done_text(rr));
	if (rr->has_adh)
		report_html_field_free(f, "Adherence",
		    report_adherence_text(&rr->adh));
	fputs("</ul>\n", f);
}

/* The sessions table. */
static void
report_html_sessions(FILE *f, const struct report_rt *rr)
{
	const struct hist_session	*s;
	char				 day[32], dur[32];
	size_t				 i;

	fputs("<h3>Sessions</h3>\n<table><thead><tr><th>Date</th>"
	    "<th>Duration</th><th>Outcome</th><th>Pain before</th>"
	    "<th>Pain after</th><th>Points</th><th>Peak</th></tr></thead>"
	    "<tbody>\n", f);
	for (i = 0; i < rr->ns; i++) {
		s = &rr->s[i];
		report_local(day, sizeof day, "%Y-%m-%d %H:%M", s->start);
		report_dur(dur, sizeof dur, report_span(s, rr->now));
		fprintf(f, "<tr><td>%s%s</td><td class=\"n\">%s</td><td>", day,
		    report_clock_wrong(s, rr->now) ? " (" REPORT_CLOCK_WRONG
		    ")" : "", dur);
		report_html_puts(f, s->outcome);
		fputs("</td>", f);
		report_html_num(f, s->pre_pain, 0);
		report_html_num(f, s->post_pain, 0);
		fprintf(f, "<td class=\"n\">%u/%u</td>", s->points_done,
		    s->points_total);
		report_html_num(f, s->peak, 0);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
}

/* The points table, with the peaks as sparklines. */
static void
report_html_points(FILE *f, const struct report_rt *rr)
{
	const struct hist_point	*p;
	const char		*trend;
	size_t			 i;

	fputs("<h3>Points</h3>\n<table><thead><tr><th>Point</th>"
	    "<th>Sessions</th><th>Avg</th><th>Peak</th><th>Median</th>"
	    "<th>Ease-offs</th><th>Bracing</th><th>Skips</th>"
	    "<th>Time to release</th><th>Peaks</th></tr></thead><tbody>\n", f);
	for (i = 0; i < rr->np; i++) {
		p = &rr->p[i];
		fputs("<tr><td>", f);
		report_html_point(f, p->title, p->side);
		fprintf(f, "</td><td class=\"n\">%zu</td>", p->n);
		report_html_num(f, p->avg, 1);
		report_html_num(f, p->peak, 0);
		report_html_num(f, rr->median[i], 1);
		trend = report_trend(p);
		fprintf(f, "<td class=\"n\">%u</td><td class=\"n\">%u</td>"
		    "<td class=\"n\">%u</td><td>%s</td><td>", p->ease_offs,
		    p->bracing, p->skips, trend != NULL ? trend : "-");
		report_html_spark(f, p);
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
}

/* The exercises table: sets and reps done against prescribed, and the
 * difficulty answers; nothing without an exercise. */
static void
report_html_exercises(FILE *f, const struct report_rt *rr)
{
	const struct report_step	*st;
	size_t				 i;
	bool				 any = false;

	for (i = 0; i < rr->nstep; i++) {
		st = &rr->step[i];
		if (!report_steps_exercise(st))
			continue;
		if (!any)
			fputs("<h3>Exercises</h3>\n<table><thead><tr>"
			    "<th>Exercise</th><th>Sets done</th>"
			    "<th>Sets prescribed</th><th>Reps done</th>"
			    "<th>Reps prescribed</th><th>Easy</th><th>OK</th>"
			    "<th>Hard</th></tr></thead><tbody>\n", f);
		any = true;
		fprintf(f, "<tr><td>%d. ", st->index + 1);
		report_html_point(f, st->title, st->side);
		fprintf(f, "</td><td class=\"n\">%u</td><td class=\"n\">%u</td>"
		    "<td class=\"n\">%u</td><td class=\"n\">%u</td>"
		    "<td class=\"n\">%u</td><td class=\"n\">%u</td>"
		    "<td class=\"n\">%u</td></tr>\n", st->sets, st->sets_rx,
		    st->reps, st->reps_rx, st->how[0], st->how[1], st->how[2]);
	}
	if (any)
		fputs("</tbody></table>\n", f);
}

/* The steps table: what became of every step and side. */
static void
report_html_steps(FILE *f, const struct report_rt *rr)
{
	const struct report_step	*st;
	char				 dur[32];
	size_t				 i;

	fputs("<h3>Steps</h3>\n<table><thead><tr><th>Step</th>"
	    "<th>Sessions</th><th>Done</th><th>Skipped</th><th>Stopped</th>"
	    "<th>Not reached</th><th>Time in it</th></tr></thead><tbody>\n", f);
	for (i = 0; i < rr->nstep; i++) {
		st = &rr->step[i];
		report_dur(dur, sizeof dur, st->ms / 1000);
		fprintf(f, "<tr><td>%d. ", st->index + 1);
		report_html_point(f, st->title, st->side);
		fprintf(f, " (%s)</td><td class=\"n\">%u</td>"
		    "<td class=\"n\">%u</td><td class=\"n\">%u</td>"
		    "<td class=\"n\">%u</td><td class=\"n\">%u</td>"
		    "<td class=\"n\">%s</td></tr>\n", st->kind, st->sessions,
		    st->done, st->skipped, st->stopped, st->not_reached, dur);
	}
	fputs("</tbody></table>\n", f);
	report_html_exercises(f, rr);
}

/* The HTML report. */
int
report_html(struct report_ctx *c, char **cause)
{
	FILE	*f = c->f;
	char	 now[32];
	size_t	 i;

	(void)cause;
	report_local(now, sizeof now, "%Y-%m-%d %H:%M", c->o->now);
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\""
	    " content=\"width=device-width, initial-scale=1\">\n"
	    "<title>unknot report</title>\n<style>%s</style>\n</head><body>\n"
	    "<h1>unknot report</h1>\n<p>Generated %s", report_html_css, now);
	if (c->o->since_arg != NULL) {
		fputs(", sessions since ", f);
		report_html_puts(f, c->o->since_arg);
	}
	fputs(".</p>\n", f);
	if (c->n == 0)
		fputs("<p>No sessions recorded.</p>\n", f);
	report_html_flags(f, c->v, c->n);
	for (i = 0; i < c->n; i++) {
		report_html_head(f, &c->v[i]);
		report_html_sessions(f, &c->v[i]);
		report_html_points(f, &c->v[i]);
		report_html_steps(f, &c->v[i]);
		report_notes_html(f, &c->v[i]);
	}
	fputs("</body></html>\n", f);
	return 0;
}
