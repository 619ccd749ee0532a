/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ask.c: the client's own words on the terminal's lines: reading a
 * line, and the questions after a session. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "calendar.h"
#include "history.h"
#include "routine.h"
#include "text.h"
#include "util.h"
#include "ask.h"

/* See words.h. */
char *
ask_line(FILE *in, FILE *out)
{
	char	*line, c;
	size_t	 n = 0;
	ssize_t	 r;

	fflush(out);
	line = xmalloc(ASK_LINE_MAX + 1);
	while ((r = read(fileno(in), &c, 1)) == 1 && c != '\n') {
		if (n < ASK_LINE_MAX)
			line[n++] = c;
	}
	if (!isatty(fileno(in)))
		fputc('\n', out);
	if (r != 1 && n == 0) {
		free(line);
		return NULL;
	}
	while (n > 0 && line[n - 1] == '\r')
		n--;
	line[n] = '\0';
	return line;
}

/* Record text as a note of kind on sid; say on out if it cannot be. */
static void
ask_record(struct history *h, int64_t sid, const struct routine *r,
    const char *kind, const char *text, FILE *out)
{
	char	*cause = NULL;

	if (history_note_add(h, sid, r->id, calendar_now(), kind, -1, text,
	    &cause) != 0) {
		fprintf(out, "unknot: your note was not saved: %s\n", cause);
		free(cause);
	}
}

/* Ask where the pain of hold st spread: 1 for the routine's referral, or
 * the place typed; Enter or "n" for nowhere. */
static void
ask_spread(struct history *h, int64_t sid, const struct routine *r,
    const struct rt_step *st, FILE *in, FILE *out)
{
	char	*title, *ref, *line, *text;

	title = text_sanitize_line(st->title != NULL ? st->title : "Hold");
	ref = text_sanitize_line(st->referral);
	fprintf(out, "%s: did you feel it spread? 1 %s, or type where "
	    "(Enter: no)\n", title, ref);
	if ((line = ask_line(in, out)) != NULL &&
	    line[strspn(line, " ")] != '\0' && strcmp(line, "n") != 0 &&
	    strcmp(line, "no") != 0) {
		xasprintf(&text, "%s: %s", title,
		    strcmp(line, "1") == 0 ? ref : line);
		ask_record(h, sid, r, "spread", text, out);
		free(text);
	}
	free(line);
	free(ref);
	free(title);
}

/* See words.h. */
void
ask_after(struct history *h, int64_t sid, const struct routine *r,
    FILE *in, FILE *out)
{
	char		*line;
	unsigned	 i;

	if (h == NULL || sid <= 0)
		return;
	for (i = 0; i < r->n_steps; i++) {
		if (r->steps[i].kind == RT_HOLD &&
		    r->steps[i].referral != NULL &&
		    *r->steps[i].referral != '\0')
			ask_spread(h, sid, r, &r->steps[i], in, out);
	}
	fputs("Anything to tell your therapist? (Enter skips)\n", out);
	if ((line = ask_line(in, out)) != NULL &&
	    line[strspn(line, " ")] != '\0')
		ask_record(h, sid, r, "note", line, out);
	free(line);
}
