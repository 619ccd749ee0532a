/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report_notes.c: the person's own words in a report: notes, the
 * soreness check-ins after each session and their flags. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_model.h"
#include "text.h"
#include "util.h"

/* The session of rr with id sid, or -1. */
static ssize_t
report_notes_session(const struct report_rt *rr, int64_t sid)
{
	size_t	i;

	for (i = 0; i < rr->ns; i++) {
		if (rr->s[i].id == sid)
			return (ssize_t)i;
	}
	return -1;
}

/* Put check-in x in the 24 h or 48 h column of its session (the latest
 * given wins), and flag it when it is HISTORY_SORE_FLAG or more. */
static void
report_notes_checkin(struct report_rt *rr, const struct hist_note *x)
{
	struct report_flag	*fl;
	ssize_t			 i;
	time_t			 after;

	if ((i = report_notes_session(rr, x->session_id)) < 0 ||
	    rr->s[i].rehearsal != 0 || x->value < 0)
		return;
	after = x->wall - rr->s[i].end;
	if (after < REPORT_SORE_SPLIT)
		rr->sore24[i] = x->value;
	else if (after < REPORT_SORE_UNTIL)
		rr->sore48[i] = x->value;
	if (x->value < HISTORY_SORE_FLAG)
		return;
	rr->flag = xreallocarray(rr->flag, rr->nflag + 1, sizeof *rr->flag);
	fl = &rr->flag[rr->nflag++];
	memset(fl, 0, sizeof *fl);
	fl->kind = REPORT_FLAG_SORE;
	fl->session = x->session_id;
	fl->when = rr->s[i].start;
	fl->value = x->value;
}

/* See report_model.h. */
int
report_notes_gather(struct history *h, const struct hist_filter *f,
    struct report_rt *rr, char **cause)
{
	size_t	i;

	if (history_notes(h, f, &rr->note, &rr->nnote, cause) != 0)
		return -1;
	rr->sore24 = xreallocarray(NULL, rr->ns + 1, sizeof *rr->sore24);
	rr->sore48 = xreallocarray(NULL, rr->ns + 1, sizeof *rr->sore48);
	for (i = 0; i < rr->ns; i++)
		rr->sore24[i] = rr->sore48[i] = -1;
	for (i = 0; i < rr->nnote; i++) {
		if (strcmp(rr->note[i].kind, "checkin") == 0)
			report_notes_checkin(rr, &rr->note[i]);
		else
			rr->nwords++;
	}
	return 0;
}

/* Free what report_notes_gather() made. */
void
report_notes_free(struct report_rt *rr)
{
	history_notes_free(rr->note, rr->nnote);
	free(rr->sore24);
	free(rr->sore48);
}

/* Whether any session has a check-in. */
static bool
report_notes_any_sore(const struct report_rt *rr)
{
	size_t	i;

	for (i = 0; i < rr->ns; i++) {
		if (rr->sore24[i] >= 0 || rr->sore48[i] >= 0)
			return true;
	}
	return false;
}

/* The soreness table: each session with a check-in. */
static void
report_notes_sore(FILE *f, const struct report_rt *rr, bool md)
{
	char	day[32], v24[16];
	size_t	i;

	if (md)
		fputs("\n### Soreness after sessions\n\n"
		    "| Session | 24 h after | 48 h after |\n|---|---:|---:|\n",
		    f);
	else
		fprintf(f, "\nSoreness after sessions:\n  %-16s  %-10s  %s\n",
		    "SESSION", "24 H AFTER", "48 H AFTER");
	for (i = 0; i < rr->ns; i++) {
		if (rr->sore24[i] < 0 && rr->sore48[i] < 0)
			continue;
		report_local(day, sizeof day, "%Y-%m-%d %H:%M", rr->s[i].start);
		fprintf(f, md ? "| %s | " : "  %-16s  ", day);
		if (md) {
			report_int(f, rr->sore24[i], "-");
			fputs(" | ", f);
			report_int(f, rr->sore48[i], "-");
			fputs(" |\n", f);
			continue;
		}
		if (rr->sore24[i] < 0)
			snprintf(v24, sizeof v24, "-");
		else
			snprintf(v24, sizeof v24, "%d", rr->sore24[i]);
		fprintf(f, "%-10s  ", v24);
		report_int(f, rr->sore48[i], "-");
		fputc('\n', f);
	}
}

/* What a note is about, into buf: "on the session of 2025-01-05 10:00: ",
 * "felt spreading in the session of ...: " or "to the routine: ". */
static void
report_notes_where(char *buf, size_t len, const struct hist_note *x)
{
	char	at[32];

	if (x->session_id == 0) {
		snprintf(buf, len, "to the routine: ");
		return;
	}
	report_local(at, sizeof at, "%Y-%m-%d %H:%M", x->session_start);
	snprintf(buf, len, "%s the session of %s: ",
	    strcmp(x->kind, "spread") == 0 ? "felt spreading in" : "on", at);
}

/* The words: "2025-01-06 18:00  after the session of 2025-01-05 10:00:
 * TEXT", or "... to the routine: TEXT". */
static void
report_notes_words(FILE *f, const struct report_rt *rr, bool md)
{
	const struct hist_note	*x;
	char			 day[32], where[96];
	size_t			 i;

	fprintf(f, md ? "\n### Notes from the client\n\n" :
	    "\nNotes from the client (%zu):\n", rr->nwords);
	for (i = 0; i < rr->nnote; i++) {
		x = &rr->note[i];
		if (strcmp(x->kind, "checkin") == 0)
			continue;
		report_local(day, sizeof day, "%Y-%m-%d %H:%M", x->wall);
		report_notes_where(where, sizeof where, x);
		fprintf(f, md ? "- %s, %s" : "  %s  %s", day, where);
		report_puts(f, x->text, md);
		fputc('\n', f);
	}
}

/* A soreness cell of the HTML table. */
static void
report_notes_html_cell(FILE *f, int v)
{
	if (v < 0)
		fputs("<td class=\"n\">-</td>", f);
	else
		fprintf(f, "<td class=\"n\">%d</td>", v);
}

/* The soreness table in HTML. */
static void
report_notes_html_sore(FILE *f, const struct report_rt *rr)
{
	char	day[32];
	size_t	i;

	fputs("<h3>Soreness after sessions</h3>\n<table><thead><tr>"
	    "<th>Session</th><th>24 h after</th><th>48 h after</th></tr>"
	    "</thead><tbody>\n", f);
	for (i = 0; i < rr->ns; i++) {
		if (rr->sore24[i] < 0 && rr->sore48[i] < 0)
			continue;
		report_local(day, sizeof day, "%Y-%m-%d %H:%M", rr->s[i].start);
		fprintf(f, "<tr><td>%s</td>", day);
		report_notes_html_cell(f, rr->sore24[i]);
		report_notes_html_cell(f, rr->sore48[i]);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
}

/* The client's words in HTML: one line each, sanitised and escaped. */
static void
report_notes_html_words(FILE *f, const struct report_rt *rr)
{
	const struct hist_note	*x;
	char			 day[32], where[96], *safe;
	size_t			 i;

	fputs("<h3>Notes from the client</h3>\n<ul class=\"notes\">\n", f);
	for (i = 0; i < rr->nnote; i++) {
		x = &rr->note[i];
		if (strcmp(x->kind, "checkin") == 0)
			continue;
		report_local(day, sizeof day, "%Y-%m-%d %H:%M", x->wall);
		report_notes_where(where, sizeof where, x);
		fprintf(f, "<li>%s, %s", day, where);
		safe = text_sanitize_line(x->text != NULL ? x->text : "");
		text_html(f, safe);
		free(safe);
		fputs("</li>\n", f);
	}
	fputs("</ul>\n", f);
}

/* See report_model.h. */
void
report_notes_html(FILE *f, const struct report_rt *rr)
{
	if (report_notes_any_sore(rr))
		report_notes_html_sore(f, rr);
	if (rr->nwords > 0)
		report_notes_html_words(f, rr);
}

/* See report_model.h. */
void
report_notes_write(FILE *f, const struct report_rt *rr, bool md)
{
	if (report_notes_any_sore(rr))
		report_notes_sore(f, rr, md);
	if (rr->nwords > 0)
		report_notes_words(f, rr, md);
}
