/* SPDX-License-Identifier: GPL-3.0-or-later */
/* diag.h: GNU-style diagnostics, FILE:LINE:COL: error: message. */
#ifndef UNKNOT_DIAG_H
#define UNKNOT_DIAG_H

#include <stdarg.h>
#include <stdio.h>

enum diag_level { DIAG_WARNING, DIAG_ERROR };

struct diag {
	enum diag_level	 level;
	char		*file;
	unsigned	 line;	/* 1-based, 0 if unknown */
	unsigned	 col;	/* 1-based, 0 if unknown */
	char		*msg;
	char		*code;	/* a warning's name, NULL if none */
	char		*fix;	/* a suggested replacement, NULL if none */
	unsigned	 end_line; /* just after what it is about, 0 if */
	unsigned	 end_col;  /* unknown */
};

struct diags {
	struct diag	*v;
	size_t		 n;
	size_t		 cap;
	unsigned	 errors;
	unsigned	 warnings;
};

void	diags_init(struct diags *);
void	diags_free(struct diags *);
/* Add one; returns it, so that a code or a fix can be set (allocated). */
struct diag *diags_add(struct diags *, enum diag_level, const char *file,
	    unsigned line, unsigned col, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));
struct diag *diags_vadd(struct diags *, enum diag_level, const char *file,
	    unsigned line, unsigned col, const char *fmt, va_list)
	    __attribute__((format(printf, 6, 0)));
/* Move every diagnostic of the second list to the end of the first. */
void	diags_move(struct diags *, struct diags *);
/* True if an error is already reported at file:line:col. */
int	diags_has_error(const struct diags *, const char *file,
	    unsigned line, unsigned col);
/* Make every warning an error (--strict). */
void	diags_promote(struct diags *);
/* Sort by position and drop repeats of one message at one place. */
void	diags_sort(struct diags *);
/* Sort by position and print, one per line. */
void	diags_print(struct diags *, FILE *);

#endif
