/* SPDX-License-Identifier: GPL-3.0-or-later */
/* library_many.c: many routines by id from one scan of the search path.
 * The scan keeps the first of each id as library_resolve() finds it; an
 * id it does not have (a file name, an invalid file) goes to
 * library_load(), which says why. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "library_many.h"

/* Load the routine id resolves to. */
struct routine *
library_many_load(struct library_many *m, const char *id, struct diags *d,
    char **cause)
{
	struct diags	all;
	size_t		i;

	if (!m->scanned) {
		diags_init(&all);
		library_scan(&m->lib, &all);
		diags_free(&all);
		m->scanned = true;
	}
	for (i = 0; strchr(id, '/') == NULL && i < m->lib.n; i++) {
		if (strcmp(m->lib.v[i].id, id) == 0)
			return routine_load(m->lib.v[i].file, d);
	}
	return library_load(id, d, cause);
}

/* Free the scan. */
void
library_many_free(struct library_many *m)
{
	if (m->scanned)
		library_free(&m->lib);
	m->scanned = false;
}
