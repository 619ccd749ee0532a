/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_preselect.c: the routine the picker starts on: the homework that is
 * due (a routine in the data directory, the one due longest ago first),
 * else the routine run last. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "history.h"
#include "homework.h"
#include "remind.h"
#include "ui_int.h"
#include "util.h"

/* True if file lies directly in dir. */
static bool
ui_preselect_in(const char *file, const char *dir)
{
	size_t	n = strlen(dir);

	return strncmp(file, dir, n) == 0 && file[n] == '/' &&
	    strchr(file + n + 1, '/') == NULL;
}

/* The history of the routine id, or NULL if it has none. */
static const struct hist_routine *
ui_preselect_find(const struct hist_routine *v, size_t n, const char *id)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].id, id) == 0)
			return &v[i];
	return NULL;
}

/* The index of the entry id in lib, lib->n if it is not there. */
static size_t
ui_preselect_index(const struct library *lib, const char *id)
{
	size_t	i;

	for (i = 0; i < lib->n; i++)
		if (strcmp(lib->v[i].id, id) == 0)
			return i;
	return lib->n;
}

/* When homework e is due, 0 if it is not: the next session its
 * prescription asks for, or, never run, since its start date or since
 * the file was put there. */
static time_t
ui_preselect_due(const struct lib_entry *e, const struct hist_routine *v,
    size_t n, time_t now)
{
	const struct hist_routine	*r;
	time_t				 due;

	if ((r = ui_preselect_find(v, n, e->id)) == NULL) {
		due = homework_due_from(e->file, now);
		if (due > now)
			return 0;
		return due > 0 ? due : 1;
	}
	due = remind_next(r, now);
	return due != 0 && due <= now ? due : 0;
}

/* The index in lib of the entry to start on, lib->n if none. */
size_t
ui_preselect(const struct library *lib)
{
	struct history		*h;
	struct hist_routine	*v = NULL;
	struct hist_filter	 f;
	char			*cause = NULL, *data, *dir;
	size_t			 n = 0, i, best = lib->n;
	time_t			 now = calendar_now(), due, best_due = 0;

	/* Sessions a wrong clock recorded do not make homework due. */
	remind_filter(&f, NULL, now);
	if ((h = history_open_read(NULL, &cause)) == NULL ||
	    history_routines(h, &f, &v, &n, &cause) != 0) {
		free(cause);
		cause = NULL;
		v = NULL;
		n = 0;
	}
	history_close(h);
	/* No data directory (no HOME): no homework there to be due. */
	if ((data = util_data_dir_if_any()) != NULL)
		xasprintf(&dir, "%s/routines", data);
	else
		dir = xstrdup("");
	free(data);
	for (i = 0; *dir != '\0' && i < lib->n; i++) {
		if (!ui_preselect_in(lib->v[i].file, dir))
			continue;
		due = ui_preselect_due(&lib->v[i], v, n, now);
		if (due != 0 && (best == lib->n || due < best_due)) {
			best = i;
			best_due = due;
		}
	}
	free(dir);
	/* Nothing due: the routine run last (v is most recent first). */
	for (i = 0; best == lib->n && i < n; i++)
		best = ui_preselect_index(lib, v[i].id);
	history_routines_free(v, n);
	return best;
}
