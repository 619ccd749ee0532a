/* SPDX-License-Identifier: GPL-3.0-or-later */
/* library.c: finding routines on the search path. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "library.h"
#include "library_int.h"
#include "text.h"
#include "util.h"

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/local/share/unknot"
#endif

/* Append a copy of dir to a NULL-ended list. */
static void
library_push(char ***v, size_t *n, const char *dir, size_t len)
{
	*v = xreallocarray(*v, *n + 2, sizeof **v);
	(*v)[(*n)++] = xstrndup(dir, len);
	(*v)[*n] = NULL;
}

/* The directories searched for routines, in order. */
char **
library_path(void)
{
	char		**v = NULL, *data, *dir;
	const char	*env, *p, *colon;
	size_t		  n = 0;

	v = xcalloc(1, sizeof *v);
	if ((env = getenv("UNKNOT_PATH")) != NULL) {
		for (p = env; ; p = colon + 1) {
			colon = strchr(p, ':');
			if (colon == NULL)
				colon = p + strlen(p);
			if (colon > p)
				library_push(&v, &n, p, colon - p);
			if (*colon == '\0')
				break;
		}
	}
	if ((data = util_data_dir_if_any()) != NULL) {
		dir = data;
		xasprintf(&data, "%s/routines", dir);
		free(dir);
		library_push(&v, &n, data, strlen(data));
		free(data);
	}
	library_push(&v, &n, PKGDATADIR "/routines",
	    strlen(PKGDATADIR "/routines"));
	return v;
}

/* Free a list from library_path(). */
void
library_free_path(char **v)
{
	size_t	i;

	for (i = 0; v != NULL && v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

/* True if name ends in ".yaml". */
static int
library_is_yaml(const char *name)
{
	size_t	len = strlen(name);

	return len > 5 && strcmp(name + len - 5, ".yaml") == 0 &&
	    name[0] != '.';
}

/* Compare directory entries by name, for a stable order. */
static int
library_namecmp(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Join a list of strings with ", ". */
static char *
library_join(char **v, unsigned n)
{
	char		*s = xstrdup(""), *t;
	unsigned	 i;

	for (i = 0; i < n; i++) {
		xasprintf(&t, "%s%s%s", s, i ? ", " : "", v[i]);
		free(s);
		s = t;
	}
	return s;
}

/* True if id is already in the library. */
static struct lib_entry *
library_find(struct library *lib, const char *id)
{
	size_t	i;

	for (i = 0; i < lib->n; i++) {
		if (strcmp(lib->v[i].id, id) == 0)
			return &lib->v[i];
	}
	return NULL;
}

/* The entry of a loaded routine (its strings copied). */
static void
library_entry(struct lib_entry *e, const struct routine *r)
{
	e->id = xstrdup(r->id);
	e->title = xstrdup(r->title);
	e->summary = xstrdup(r->summary ? r->summary : "");
	e->targets = library_join(r->targets, r->n_targets);
	e->file = xstrdup(r->file);
	e->seconds = routine_seconds(r);
}

/* Free an entry's strings. */
static void
library_entry_free(struct lib_entry *e)
{
	free(e->id);
	free(e->title);
	free(e->summary);
	free(e->targets);
	free(e->file);
}

/* What a scan is for: every warning goes to all; those about the routine
 * looked up (want: its duplicates, a file named WANT.yaml that is not it)
 * also go to mine. */
struct library_scan {
	struct library		*lib;
	struct diags		*all;
	const char		*want;
	struct diags		*mine;
	struct library_index	 ids;	/* id -> position in lib */
	struct library_cache	*cache;	/* NULL: every file is read */
};

/* Add an entry (its strings taken) unless its id is already there; the
 * entry that was there first (then e is freed), or NULL. */
static struct lib_entry *
library_add(struct library_scan *sc, struct lib_entry *e)
{
	struct library	*lib = sc->lib;
	size_t		 i;

	if ((i = library_index_get(&sc->ids, e->id)) != LIBRARY_NONE) {
		library_entry_free(e);
		return &lib->v[i];
	}
	lib->v = xreallocarray(lib->v, lib->n + 1, sizeof *lib->v);
	lib->v[lib->n] = *e;
	library_index_put(&sc->ids, lib->v[lib->n].id, lib->n);
	lib->n++;
	return NULL;
}

/* A warning at line 1 of file, to all and, if it concerns the routine
 * looked up, to mine. */
static void __attribute__((format(printf, 4, 5)))
library_warn(struct library_scan *sc, bool mine, const char *file,
    const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	diags_vadd(sc->all, DIAG_WARNING, file, 1, 1, fmt, ap);
	va_end(ap);
	if (mine && sc->mine != NULL)
		diags_add(sc->mine, DIAG_WARNING, file, 1, 1, "%s",
		    sc->all->v[sc->all->n - 1].msg);
}

/* True if name is WANT.yaml. */
static bool
library_named(const struct library_scan *sc, const char *name)
{
	size_t	n;

	if (sc->want == NULL)
		return false;
	n = strlen(sc->want);
	return strncmp(name, sc->want, n) == 0 && strcmp(name + n, ".yaml") == 0;
}

/* The entry of the file at path (sb as it was before reading): 1 for a
 * routine, 0 for an invalid file; from the cache where it can be trusted,
 * else read and then recorded there. */
static int
library_read(struct library_scan *sc, const char *path,
    const struct stat *sb, struct lib_entry *e)
{
	struct diags	 d;
	struct routine	*r;
	char		*why = NULL;
	int		 got;

	if (sc->cache != NULL &&
	    (got = library_cache_get(sc->cache, path, sb, e)) != -1)
		return got;
	diags_init(&d);
	if ((r = routine_load_flags(path, ROUTINE_NO_HASH, &d)) != NULL)
		library_entry(e, r);
	else if (d.n > 0) {
		diags_sort(&d);
		xasprintf(&why, "%u:%u: %s", d.v[0].line, d.v[0].col,
		    d.v[0].msg);
	}
	diags_free(&d);
	if (sc->cache != NULL)
		library_cache_put(sc->cache, path, sb, r ? e : NULL, why);
	free(why);
	routine_free(r);
	return r != NULL;
}

/* Load one file of a directory into the library. */
static void
library_scan_file(struct library_scan *sc, const char *path,
    const char *name)
{
	struct lib_entry	*e, new;
	struct stat		 sb;
	bool			 named = library_named(sc, name);
	char			*id;

	/* A FIFO or a device is never opened: reading it could block. */
	if (stat(path, &sb) != 0)
		memset(&sb, 0, sizeof sb);
	else if (!S_ISREG(sb.st_mode)) {
		library_warn(sc, named, path, "not a regular file; ignored");
		return;
	}
	if (library_read(sc, path, &sb, &new) == 0) {
		library_warn(sc, named, path, "not a valid routine (run "
		    "'unknot check %s')", path);
		return;
	}
	id = xstrdup(new.id);
	if ((e = library_add(sc, &new)) != NULL)
		library_warn(sc, sc->want != NULL && strcmp(id,
		    sc->want) == 0, path, "id '%s' is also used by %s, which "
		    "comes first on the search path; this file is ignored",
		    id, e->file);
	else if (named && strcmp(id, sc->want) != 0)
		library_warn(sc, true, path, "this file's id is '%s', not "
		    "'%s'; routines are found by their id", id, sc->want);
	free(id);
}

/* Scan one directory for routines. */
static void
library_scan_dir(struct library_scan *sc, const char *dir)
{
	struct dirent	**names;
	char		 *path;
	int		  n, i;

	if ((n = scandir(dir, &names, NULL, library_namecmp)) < 0)
		return;
	for (i = 0; i < n; i++) {
		if (library_is_yaml(names[i]->d_name)) {
			xasprintf(&path, "%s/%s", dir, names[i]->d_name);
			library_scan_file(sc, path, names[i]->d_name);
			free(path);
		}
		free(names[i]);
	}
	free(names);
}

/* True if dir is the same directory as one of the n before it on the
 * path (named twice, or through a link): it is scanned once. */
static bool
library_seen_dir(char **path, size_t n)
{
	struct stat	sb, other;
	size_t		i;

	if (stat(path[n], &sb) != 0)
		return false;
	for (i = 0; i < n; i++) {
		if (stat(path[i], &other) == 0 && other.st_dev == sb.st_dev &&
		    other.st_ino == sb.st_ino)
			return true;
	}
	return false;
}

/* Scan the search path in order; with a routine to look up, stop after
 * the directory that has it: the first directory wins. */
static void
library_scan_path(struct library_scan *sc)
{
	char	**path;
	size_t	  i;

	memset(sc->lib, 0, sizeof *sc->lib);
	path = library_path();
	for (i = 0; path[i] != NULL; i++) {
		if (library_seen_dir(path, i))
			continue;
		library_scan_dir(sc, path[i]);
		if (sc->want != NULL && library_find(sc->lib, sc->want) != NULL)
			break;
	}
	library_free_path(path);
	library_index_free(&sc->ids);
}

/* Order entries by title, then id. */
static int
library_titlecmp(const void *a, const void *b)
{
	const struct lib_entry	*x = a, *y = b;
	int			 c;

	if ((c = strcasecmp(x->title, y->title)) != 0)
		return c;
	return strcmp(x->id, y->id);
}

/* Find every routine on the search path. */
int
library_scan(struct library *lib, struct diags *diags)
{
	struct library_scan	sc = { lib, diags, NULL, NULL, { NULL, 0, 0 },
				    NULL };

	sc.cache = library_cache_open();
	library_scan_path(&sc);
	library_cache_close(sc.cache);
	if (lib->n > 1)
		qsort(lib->v, lib->n, sizeof *lib->v, library_titlecmp);
	return 0;
}

/* Free a library. */
void
library_free(struct library *lib)
{
	size_t	i;

	for (i = 0; i < lib->n; i++)
		library_entry_free(&lib->v[i]);
	free(lib->v);
	memset(lib, 0, sizeof *lib);
}

/* True if arg names a file rather than an id. */
static int
library_is_file(const char *arg)
{
	return strchr(arg, '/') != NULL || library_is_yaml(arg) ||
	    (strlen(arg) > 5 && strcmp(arg + strlen(arg) - 5, ".yaml") == 0);
}

/* The file for ROUTINE: a path, or the routine whose id is ROUTINE in
 * the first directory of the search path that has one (the rule 'list'
 * shows). */
char *
library_resolve(const char *arg, struct diags *diags, char **cause)
{
	struct library		 lib;
	struct diags		 all;
	struct library_scan	 sc = { &lib, &all, arg, diags, { NULL, 0, 0 },
				    NULL };
	struct lib_entry	*e;
	char			*file = NULL, *safe;

	if (library_is_file(arg))
		return xstrdup(arg);
	diags_init(&all);
	library_scan_path(&sc);
	diags_free(&all);
	if ((e = library_find(&lib, arg)) != NULL)
		file = xstrdup(e->file);
	library_free(&lib);
	if (file == NULL) {
		safe = text_sanitize_line(arg);
		xasprintf(cause, "no routine '%s' on the search path (see "
		    "'unknot list')", safe);
		free(safe);
	}
	return file;
}

/* Resolve and load a routine. */
struct routine *
library_load(const char *arg, struct diags *diags, char **cause)
{
	struct routine	*r;
	char		*file;

	if ((file = library_resolve(arg, diags, cause)) == NULL)
		return NULL;
	r = routine_load(file, diags);
	free(file);
	return r;
}
