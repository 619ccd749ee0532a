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
void	diags_add(struct diags *, enum diag_level, const char *file,
	    unsigned line, unsigned col, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));
void	diags_vadd(struct diags *, enum diag_level, const char *file,
	    unsigned line, unsigned col, const char *fmt, va_list)
	    __attribute__((format(printf, 6, 0)));
/* Sort by position and print, one per line. */
void	diags_print(struct diags *, FILE *);

#endif
