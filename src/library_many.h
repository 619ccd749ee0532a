/* SPDX-License-Identifier: GPL-3.0-or-later */
/* library_many.h: the routine files of many ids, for the commands that
 * read one a routine of the history (report, remind): the search path is
 * scanned once (through the list cache) rather than once an id. */
#ifndef UNKNOT_LIBRARY_MANY_H
#define UNKNOT_LIBRARY_MANY_H

#include <stdbool.h>

#include "diag.h"
#include "library.h"
#include "routine.h"

struct library_many {
	struct library	lib;
	bool		scanned;
};

/* What library_load() gives for id; m starts zeroed. */
struct routine	*library_many_load(struct library_many *m, const char *id,
		    struct diags *, char **cause);
void		 library_many_free(struct library_many *m);

#endif
