/* SPDX-License-Identifier: GPL-3.0-or-later */
/* plain.h: the line-based front end, for screen readers, logs and scripts. */
#ifndef UNKNOT_PLAIN_H
#define UNKNOT_PLAIN_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "frontend.h"

#define PLAIN_MAX_LINE	256	/* longer input lines are refused */

/* The modes of --plain=MODE[,MODE...]. */
struct plain_modes {
	bool	events;		/* one machine-readable line per event */
	bool	breath;		/* the breathing phases too */
	bool	timestamps;	/* session times before spoken lines */
	bool	voice;		/* what the voice says, with its time */
};

/* plain_say.c: the words of plain mode. */
int		plain_say_modes(const char *, struct plain_modes *,
		    char **cause);
void		plain_say_breath(char *, size_t, int phase, int64_t ms);
bool		plain_say_action(char *, size_t, const struct sess_action *);
const char	*plain_say_label(const char *label);

/* plain_pick.c: a numbered list of the routines and a number or an id
 * read from in; the chosen file, or NULL (*status: 0 quit, 1 nothing
 * read, 2 none to choose). */
struct library;
char		*plain_pick(const struct library *, FILE *in, FILE *out,
		    int *status);

/* Parse one input line (without its newline) into an input; FE_NONE with
 * *error set to a message for a line that means nothing. Pure. */
struct fe_input	plain_parse(const char *line, size_t len, const char **error);

/* A read(2) of plain mode's input into buf, at most n bytes: 0 at the end,
 * -1 with errno (EAGAIN or EINTR: nothing yet, try again later). */
typedef ssize_t	(*plain_read_fn)(void *arg, void *buf, size_t n);

/* Open fe as the plain front end with no routine, its input read by rd
 * rather than from stdin and its notices written to out, so that what
 * becomes of the bytes read can be tested; only its read, notice and
 * close apply. */
void		plain_open_reader(struct frontend *fe, FILE *out,
		    plain_read_fn rd, void *rd_arg);

#endif
