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
#include "session.h"
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

/* A question on the lines: the question, its hint, then the line. */
static char *
ask_lines_line(struct ask_io *io, const char *question, const char *hint)
{
	char	*line;

	fprintf(io->out, "%s%s%s\n", question, hint != NULL ? " " : "",
	    hint != NULL ? hint : "");
	if ((line = ask_line(io->in, io->out)) == NULL)
		io->gone = true;
	return line;
}

/* Something wrong, on its own line. */
static void
ask_lines_say(struct ask_io *io, const char *msg)
{
	fprintf(io->out, "%s\n", msg);
}

/* See ask.h. */
void
ask_io_lines(struct ask_io *io, FILE *in, FILE *out)
{
	memset(io, 0, sizeof *io);
	io->line = ask_lines_line;
	io->say = ask_lines_say;
	io->in = in;
	io->out = out;
}

/* Record text as a note of kind on sid; say so if it cannot be. */
static void
ask_record(struct history *h, int64_t sid, const struct routine *r,
    const char *kind, const char *text, struct ask_io *io)
{
	char	*cause = NULL, *msg;

	if (history_note_add(h, sid, r->id, calendar_now(), kind, -1, text,
	    &cause) != 0) {
		xasprintf(&msg, "unknot: your note was not saved: %s", cause);
		io->say(io, msg);
		free(msg);
		free(cause);
	}
}

/* Ask where the pain of hold st spread: 1 for the routine's referral, or
 * the place typed; Enter or "n" for nowhere. */
static void
ask_spread(struct history *h, int64_t sid, const struct routine *r,
    const struct rt_step *st, struct ask_io *io)
{
	char	*title, *ref, *line, *text, *q, *hint;
	size_t	 n;

	title = text_sanitize_line(st->title != NULL ? st->title : "Hold");
	ref = text_sanitize_line(st->referral);
	xasprintf(&q, "%s: did you feel it spread?", title);
	/* "1 To the temple, or ...": the referral's own full stop would
	 * end the sentence in its middle. */
	n = strlen(ref);
	xasprintf(&hint, "1 %.*s, or type where (Enter: no)",
	    (int)(n > 0 && ref[n - 1] == '.' ? n - 1 : n), ref);
	line = io->line(io, q, hint);
	free(hint);
	free(q);
	if (line != NULL &&
	    line[strspn(line, " ")] != '\0' && strcmp(line, "n") != 0 &&
	    strcmp(line, "no") != 0) {
		xasprintf(&text, "%s: %s", title,
		    strcmp(line, "1") == 0 ? ref : line);
		ask_record(h, sid, r, "spread", text, io);
		free(text);
	}
	free(line);
	free(ref);
	free(title);
}

/* Whether a side of hold i was held in session s: ran, let go, was
 * extended or eased, or was stopped for a symptom while held; not when
 * every side was skipped or never reached. */
static bool
ask_held(const struct session *s, unsigned i)
{
	static const unsigned	sides[] = { RT_SIDE_LEFT, RT_SIDE_RIGHT };
	enum step_status	st;
	size_t			k;

	for (k = 0; k < sizeof sides / sizeof sides[0]; k++) {
		st = session_status(s, i, sides[k]);
		if (st != STS_NONE && st != STS_SKIPPED &&
		    st != STS_NOT_REACHED)
			return true;
	}
	return false;
}

/* See words.h. */
void
ask_after(struct history *h, int64_t sid, const struct routine *r,
    const struct session *s, struct ask_io *io)
{
	char		*line;
	unsigned	 i;

	if (h == NULL || sid <= 0)
		return;
	for (i = 0; i < r->n_steps && !io->gone; i++) {
		if (r->steps[i].kind == RT_HOLD &&
		    r->steps[i].referral != NULL &&
		    *r->steps[i].referral != '\0' && ask_held(s, i))
			ask_spread(h, sid, r, &r->steps[i], io);
	}
	if (io->gone)
		return;
	line = io->line(io, "Anything to tell your therapist?",
	    "(Enter skips)");
	if (line != NULL && line[strspn(line, " ")] != '\0')
		ask_record(h, sid, r, "note", line, io);
	free(line);
}
