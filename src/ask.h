/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ask.h: the client's own words, asked on the terminal's lines: a
 * line read without taking more input than it, and the questions after a
 * session (a note for the therapist, where a hold's pain spread). */
#ifndef UNKNOT_ASK_H
#define UNKNOT_ASK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct history;
struct routine;

#define ASK_LINE_MAX	4096	/* bytes of a typed line kept */

/* Where the questions after a session are asked: lines on a terminal's
 * lines (ask_io_lines()), or a screen of the front end's. */
struct ask_io {
	/* Ask question (hint: what a key gives, or NULL) and give the line
	 * typed, NULL when none; set gone when no more input will come. */
	char	*(*line)(struct ask_io *, const char *question,
		    const char *hint);
	/* Say that something went wrong. */
	void	 (*say)(struct ask_io *, const char *);
	bool	 gone;
	void	*arg;
	FILE	*in, *out;
};

/* Read one line from in, its newline (and a carriage return) removed;
 * NULL at the end. Byte by byte from the descriptor, so that what follows
 * is left for whoever reads next; at most ASK_LINE_MAX bytes are kept.
 * When in is not a terminal a newline is written to out, as the answer
 * was not echoed. */
char	*ask_line(FILE *in, FILE *out);
/* Questions on in's lines, answers read from out. */
void	 ask_io_lines(struct ask_io *, FILE *in, FILE *out);
/* After session s (sid in the history) of r: "Anything to tell your
 * therapist?" and, for each hold whose referral r describes and that s
 * held (a side of it not skipped nor left unreached), "Did you feel it
 * spread?", each answer recorded as a note of sid; Enter skips. */
struct session;
void	 ask_after(struct history *, int64_t sid, const struct routine *r,
	     const struct session *s, struct ask_io *);

#endif
