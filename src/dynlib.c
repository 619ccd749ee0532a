/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dynlib.c: what the libraries loaded on demand (dynlib.h) share. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>

#include "dynlib.h"

/* Load a library; -1 with the reason kept if it cannot be. */
int
dynlib_open(struct dynlib *l)
{
	const char	*err;

	if ((l->handle = dlopen(l->file, RTLD_NOW | RTLD_LOCAL)) != NULL)
		return 0;
	err = dlerror();
	snprintf(l->error, sizeof l->error, "%s", err != NULL ? err : l->file);
	return -1;
}

/* Give up a library that lacks a function. */
void
dynlib_missing(struct dynlib *l, const char *name)
{
	snprintf(l->error, sizeof l->error, "%s has no %s", l->file, name);
	dlclose(l->handle);
	l->handle = NULL;
}
