/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report_markdown.c: the Markdown report, a file a client can attach to a
 * message; every text from the routine or the history escaped. */
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

/* Text as a code span, at most max bytes of it: sanitised, a pipe
 * escaped for tables; escaped text instead if it has a backquote. */
static void
report_md_code(FILE *f, const char *s, size_t max)
{
	char	*safe = text_sanitize_line(s), *p;

	if (strchr(safe, '`') != NULL || *safe == '\0')
		report_puts(f, safe, true);
	else {
		fputc('`', f);
		for (p = safe; *p != '\0' && (size_t)(p - safe) < max; p++) {
			if (*p == '|')
				fputc('\\', f);
			fputc(*p, f);
		}
		fputc('`', f);
	}
	free(safe);
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
		fprintf(f, "| %s%s | %s | ", day,
		    report_clock_wrong(s, rr->now) ? " (" REPORT_CLOCK_WRONG ")" :
		    "", dur);
		report_puts(f, s->outcome, true);
		fputs(" | ", f);
		report_int(f, s->pre_pain, "-");
		fputs(" | ", f);
		report_int(f, s->post_pain, "-");
		fprintf(f, " | %u/%u | ", s->points_done, s->points_total);
		report_int(f, s->peak, "-");
		fputs(" | ", f);
		report_md_code(f, s->sha256, 12);
		fputs(" |\n", f);
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
	    " Peak per session | Time to release | Trend | Median | Peaks |\n"
	    "|---|---:|---:|---:|---:|---:|---:|---|---|---|---:|---|\n");
	for (i = 0; i < rr->np; i++) {
		p = &rr->p[i];
		fputs("| ", f);
		report_point_name(f, p->title, p->side, true);
		fprintf(f, " | %zu | ", p->n);
		report_num(f, p->avg, "-");
		fputs(" | ", f);
		report_int(f, p->peak, "-");
		fprintf(f, " | %u | %u | %u | ", p->ease_offs, p->bracing,
		    p->skips);
		report_peaks(f, p);
		fputs(" | ", f);
		report_releases(f, p);
		fprintf(f, " | %s | ", report_trend(p) != NULL ?
		    report_trend(p) : "-");
		report_num(f, rr->median[i], "-");
		fputs(" | ", f);
		report_steps_spark(f, p);
		fputs(" |\n", f);
	}
}

/* The exercises table: sets and reps done against prescribed, and the
 * difficulty answers; nothing without an exercise. */
static void
report_md_exercises(FILE *f, const struct report_rt *rr)
{
	const struct report_step	*st;
	size_t				 i;
	bool				 any = false;

	for (i = 0; i < rr->nstep; i++) {
		st = &rr->step[i];
		if (!report_steps_exercise(st))
			continue;
		if (!any)
			fputs("\n### Exercises\n\n"
			    "| Exercise | Sets done | Sets prescribed |"
			    " Reps done | Reps prescribed | Easy | OK | Hard |\n"
			    "|---|---:|---:|---:|---:|---:|---:|---:|\n", f);
		any = true;
		fputs("| ", f);
		report_step_name(f, st, true);
		fprintf(f, " | %u | %u | %u | %u | %u | %u | %u |\n", st->sets,
		    st->sets_rx, st->reps, st->reps_rx, st->how[0], st->how[1],
		    st->how[2]);
	}
}

/* The steps table: what became of every step and side. */
static void
report_md_steps(FILE *f, const struct report_rt *rr)
{
	const struct report_step	*st;
	char				 dur[32];
	size_t				 i;

	fprintf(f, "\n### Steps\n\n"
	    "| Step | Sessions | Done | Skipped | Stopped | Not reached |"
	    " Time in it |\n"
	    "|---|---:|---:|---:|---:|---:|---:|\n");
	for (i = 0; i < rr->nstep; i++) {
		st = &rr->step[i];
		report_dur(dur, sizeof dur, st->ms / 1000);
		fputs("| ", f);
		report_step_name(f, st, true);
		fprintf(f, " | %u | %u | %u | %u | %u | %s |\n", st->sessions,
		    st->done, st->skipped, st->stopped, st->not_reached, dur);
	}
	report_md_exercises(f, rr);
}

/* The adherence, week by week. */
static void
report_md_adherence(FILE *f, const struct report_rt *rr)
{
	char		*s, day[32];
	unsigned	 w;

	s = report_adherence_text(&rr->adh);
	report_local(day, sizeof day, "%Y-%m-%d", rr->adh.from);
	fprintf(f, "- **Adherence: %s**, since %s\n", s, day);
	free(s);
	for (w = 0; w < rr->adh.weeks_in; w++) {
		report_local(day, sizeof day, "%Y-%m-%d",
		    rr->adh.week[w].start);
		fprintf(f, "  - week %u (from %s): %u of %u\n", w + 1, day,
		    rr->adh.week[w].done, rr->per_week);
	}
}

/* The routine's heading, who and what. */
static void
report_md_head(FILE *f, const struct report_rt *rr)
{
	fputs("\n## ", f);
	report_puts(f, rr->r->title, true);
	fputs(" (", f);
	report_md_code(f, rr->r->id, SIZE_MAX);
	fputs(")\n\n", f);
	report_who(f, rr, true);
	if (rr->has_adh)
		report_md_adherence(f, rr);
}

/* The Markdown report. */
int
report_markdown(struct report_ctx *c, char **cause)
{
	FILE	*f = c->f;
	char	 now[32];
	size_t	 i;

	(void)cause;
	report_local(now, sizeof now, "%Y-%m-%d %H:%M", c->o->now);
	fprintf(f, "# unknot report\n\nGenerated %s", now);
	if (c->o->since_arg != NULL) {
		fputs(", sessions since ", f);
		report_puts(f, c->o->since_arg, true);
	}
	fputs(".\n", f);
	if (c->n == 0)
		fputs("\nNo sessions recorded.\n", f);
	report_flags(f, c->v, c->n, true);
	for (i = 0; i < c->n; i++) {
		report_md_head(f, &c->v[i]);
		report_md_sessions(f, &c->v[i]);
		report_md_points(f, &c->v[i]);
		report_md_steps(f, &c->v[i]);
		report_notes_write(f, &c->v[i], true);
	}
	return 0;
}
