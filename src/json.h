/* SPDX-License-Identifier: GPL-3.0-or-later */
/* json.h: writing JSON: strings, and a small emitter of objects and arrays
 * that puts the commas and the layout in and writes numbers in the C
 * locale, so that every JSON writer is valid whatever it writes. */
#ifndef UNKNOT_JSON_H
#define UNKNOT_JSON_H

#include <stdbool.h>
#include <stdio.h>

#define JSON_DEPTH	16	/* containers open at once */

struct json {
	FILE		*f;
	unsigned	 depth;		/* containers open */
	unsigned	 lines;		/* deeper than this: on one line */
	bool		 any[JSON_DEPTH + 1];	/* has it had a member yet? */
	char		 open[JSON_DEPTH + 1];	/* '{' or '[' */
	bool		 key;		/* a key was written, its value next */
};

/* Write s as a JSON string with quotes (NULL as null). */
void	json_string(FILE *, const char *);

/* Start writing to f: the members of containers down to depth lines each
 * go on a line of their own (0: all on one line). */
void	json_init(struct json *, FILE *f, unsigned lines);
/* Change the depth of lines from now on (a container written on one line
 * amid others that are not); the depth it was. */
unsigned json_lines(struct json *, unsigned lines);
void	json_object(struct json *);
void	json_array(struct json *);
/* Close the innermost container; at depth 0, end the line. */
void	json_end(struct json *);
/* The key of the next member of an object. */
void	json_key(struct json *, const char *);
void	json_str(struct json *, const char *);	/* NULL: null */
void	json_int(struct json *, long long);
/* A real with that many decimals, in the C locale; NaN and infinities
 * as null. */
void	json_real(struct json *, double, int decimals);
void	json_bool(struct json *, bool);
void	json_null(struct json *);
/* -1 if writing failed (the stream's error flag), else 0. */
int	json_error(const struct json *);

#endif
