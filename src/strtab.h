/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strtab.h: a table of strings, one copy of each (open addressing). The
 * table is the caller's: str (nstr slots, a power of two, used of them
 * taken), all zero when empty; free each slot and str itself. */
#ifndef UNKNOT_STRTAB_H
#define UNKNOT_STRTAB_H

#include <stddef.h>

/* The table's one copy of s, added if it is new. */
char	*strtab_intern(char ***str, size_t *nstr, size_t *used,
	    const char *s);

#endif
