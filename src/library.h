/* SPDX-License-Identifier: GPL-3.0-or-later */
/* library.h: the routine search path. */
#ifndef UNKNOT_LIBRARY_H
#define UNKNOT_LIBRARY_H

#include <stddef.h>

#include "diag.h"
#include "routine.h"

/* One routine found on the search path. */
struct lib_entry {
	char	*id;
	char	*title;
	char	*summary;
	char	*targets;	/* joined with ", " */
	char	*file;
	double	 seconds;	/* nominal length */
};

struct library {
	struct lib_entry *v;
	size_t		  n;
};

/* The search path: $UNKNOT_PATH (colon-separated), then
 * $XDG_DATA_HOME/unknot/routines, then PKGDATADIR/routines. NULL-ended,
 * free with library_free_path(). */
char	**library_path(void);
void	  library_free_path(char **);
/* Scan the path; duplicate ids (first one wins) and invalid files are
 * reported as warnings in diags. Sorted by title. */
int	  library_scan(struct library *, struct diags *);
void	  library_free(struct library *);
/* Resolve ROUTINE: a path if it has a '/' or ends in ".yaml", else the
 * routine with that id in the first directory of the path that has one,
 * as library_scan() finds it (a file's name does not matter). Warnings
 * about files that concern it (a duplicate ignored, a ROUTINE.yaml that is
 * invalid or has another id) go to diags. Returns the file name, NULL
 * with *cause. */
char	 *library_resolve(const char *, struct diags *, char **cause);
/* Resolve and load; NULL with diagnostics in diags (or *cause if not
 * found). */
struct routine *library_load(const char *, struct diags *, char **cause);

#endif
