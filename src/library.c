/* library.c: finding routines on the search path. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "library.h"
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
	char		**v = NULL, *data;
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
	data = util_data_dir();
	xasprintf(&data, "%s/routines", (p = data));
	free((char *)p);
	library_push(&v, &n, data, strlen(data));
	free(data);
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

/* Add a loaded routine to the library unless its id is already there. */
static void
library_add(struct library *lib, struct routine *r, struct diags *diags)
{
	struct lib_entry	*e;

	if ((e = library_find(lib, r->id)) != NULL) {
		diags_add(diags, DIAG_WARNING, r->file, 1, 1, "id '%s' is "
		    "also used by %s, which comes first on the search path; "
		    "this file is ignored", r->id, e->file);
		return;
	}
	lib->v = xreallocarray(lib->v, lib->n + 1, sizeof *lib->v);
	e = &lib->v[lib->n++];
	e->id = xstrdup(r->id);
	e->title = xstrdup(r->title);
	e->summary = xstrdup(r->summary ? r->summary : "");
	e->targets = library_join(r->targets, r->n_targets);
	e->file = xstrdup(r->file);
	e->seconds = routine_seconds(r);
}

/* Scan one directory for routines. */
static void
library_scan_dir(struct library *lib, const char *dir, struct diags *diags)
{
	struct dirent	**names;
	struct diags	  d;
	struct routine	 *r;
	char		 *path;
	int		  n, i;

	if ((n = scandir(dir, &names, NULL, library_namecmp)) < 0)
		return;
	for (i = 0; i < n; i++) {
		if (library_is_yaml(names[i]->d_name)) {
			xasprintf(&path, "%s/%s", dir, names[i]->d_name);
			diags_init(&d);
			if ((r = routine_load(path, &d)) != NULL) {
				library_add(lib, r, diags);
				routine_free(r);
			} else
				diags_add(diags, DIAG_WARNING, path, 1, 1,
				    "not a valid routine (run 'unknot check "
				    "%s')", path);
			diags_free(&d);
			free(path);
		}
		free(names[i]);
	}
	free(names);
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
	char	**path;
	size_t	  i;

	memset(lib, 0, sizeof *lib);
	path = library_path();
	for (i = 0; path[i] != NULL; i++)
		library_scan_dir(lib, path[i], diags);
	library_free_path(path);
	if (lib->n > 1)
		qsort(lib->v, lib->n, sizeof *lib->v, library_titlecmp);
	return 0;
}

/* Free a library. */
void
library_free(struct library *lib)
{
	size_t	i;

	for (i = 0; i < lib->n; i++) {
		free(lib->v[i].id);
		free(lib->v[i].title);
		free(lib->v[i].summary);
		free(lib->v[i].targets);
		free(lib->v[i].file);
	}
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

/* The file for ROUTINE: a path, or the first "ID.yaml" or file whose id
 * is ID on the search path. */
char *
library_resolve(const char *arg, char **cause)
{
	struct library	 lib;
	struct diags	 d;
	struct stat	 sb;
	struct lib_entry *e;
	char		**path, *file;
	size_t		  i;

	if (library_is_file(arg))
		return xstrdup(arg);
	path = library_path();
	for (i = 0; path[i] != NULL; i++) {
		xasprintf(&file, "%s/%s.yaml", path[i], arg);
		if (stat(file, &sb) == 0 && S_ISREG(sb.st_mode)) {
			library_free_path(path);
			return file;
		}
		free(file);
	}
	library_free_path(path);
	diags_init(&d);
	library_scan(&lib, &d);
	diags_free(&d);
	file = NULL;
	if ((e = library_find(&lib, arg)) != NULL)
		file = xstrdup(e->file);
	library_free(&lib);
	if (file == NULL)
		xasprintf(cause, "no routine '%s' on the search path (see "
		    "'unknot list')", arg);
	return file;
}

/* Resolve and load a routine. */
struct routine *
library_load(const char *arg, struct diags *diags, char **cause)
{
	struct routine	*r;
	char		*file;

	if ((file = library_resolve(arg, cause)) == NULL)
		return NULL;
	r = routine_load(file, diags);
	free(file);
	return r;
}
