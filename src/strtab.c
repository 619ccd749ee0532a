/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strtab.c: a table of strings kept once each, so that what many rows
 * share (a step's title, a side) is stored and compared once. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strtab.h"
#include "util.h"

/* FNV-1a of a string. */
static size_t
strtab_hash(const char *s)
{
	uint64_t	h = 14695981039346656037ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

/* The slot of s: where it is, or the free one where it goes. */
static char **
strtab_slot(char **str, size_t nstr, const char *s)
{
	size_t	i = strtab_hash(s) & (nstr - 1);

	while (str[i] != NULL && strcmp(str[i], s) != 0)
		i = (i + 1) & (nstr - 1);
	return &str[i];
}

/* The table's one copy of s; it grows at half full. */
char *
strtab_intern(char ***str, size_t *nstr, size_t *used, const char *s)
{
	char	**old = *str, **slot;
	size_t	  i, n = *nstr;

	if (*used * 2 >= *nstr) {
		*nstr = n == 0 ? 64 : n * 2;
		*str = xcalloc(*nstr, sizeof **str);
		for (i = 0; i < n; i++) {
			if (old[i] != NULL)
				*strtab_slot(*str, *nstr, old[i]) = old[i];
		}
		free(old);
	}
	slot = strtab_slot(*str, *nstr, s);
	if (*slot == NULL) {
		*slot = xstrdup(s);
		(*used)++;
	}
	return *slot;
}
