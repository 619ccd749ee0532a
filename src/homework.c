/* SPDX-License-Identifier: GPL-3.0-or-later */
/* homework.c: prescribed routines not begun yet. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <sys/stat.h>

#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "homework.h"
#include "routine.h"
#include "util.h"


#define HOMEWORK_SKEW	2	/* s a file time may be ahead of now */
/* Whether a directory entry names a routine file. */
static bool
homework_is_yaml(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && ((n > 5 &&
	    strcmp(d->d_name + n - 5, ".yaml") == 0) || (n > 4 &&
	    strcmp(d->d_name + n - 4, ".yml") == 0));
}

/* Whether v has a routine of this id. */
static bool
homework_known(const struct hist_routine *v, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(v[i].id, id) == 0)
			return true;
	}
	return false;
}

/* When homework r, installed at mtime, is due from: its frequency's start
 * date at midnight, else the day it was put there; 0 if neither can be
 * told at now (a file time ahead of the clock). A file written in the
 * last instant can carry the next second (file times are finer than
 * time()'s): HOMEWORK_SKEW seconds ahead is now. */
static time_t
homework_from(const struct routine *r, time_t mtime, time_t now)
{
	time_t	t;

	if (r->start != NULL)
		return calendar_parse_date(r->start, &t) == 0 ? t : 0;
	if (mtime > now && mtime - now <= HOMEWORK_SKEW)
		return now;
	return mtime <= now ? mtime : 0;
}

/* The day of from at the time of day of mtime. */
static time_t
homework_clock(time_t from, time_t mtime)
{
	int	hour, min;

	if (from == mtime)
		return from;
	calendar_clock(mtime, &hour, &min);
	return calendar_at(from, 0, hour, min);
}

/* Add one routine file, if it is prescribed homework not begun. */
static void
homework_file(struct hist_routine **v, size_t *n, const char *path,
    time_t now)
{
	struct hist_routine	*h;
	struct routine		*r;
	struct diags		 d;
	struct stat		 sb;
	time_t			 from;

	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return;
	diags_init(&d);
	r = routine_load(path, &d);
	diags_free(&d);
	if (r == NULL)
		return;
	from = homework_from(r, sb.st_mtime, now);
	if (r->per_week != 0 && from != 0 &&
	    !homework_known(*v, *n, r->id)) {
		*v = xreallocarray(*v, *n + 1, sizeof **v);
		h = &(*v)[(*n)++];
		memset(h, 0, sizeof *h);
		h->id = xstrdup(r->id);
		h->title = xstrdup(r->title);
		h->sha256 = xstrdup(r->sha256);
		h->per_week = r->per_week;
		h->weeks = r->weeks;
		h->seconds = (unsigned)(routine_seconds(r) + 0.5);
		h->holds = routine_has_step(r, RT_HOLD);
		/* Due from the start of its day; the sessions in a calendar
		 * at the time of day it was put there. */
		h->program_start = from;
		h->first = h->last = homework_clock(from, sb.st_mtime);
	}
	routine_free(r);
}

/* When the routine file path, never run, is due from (see
 * homework_from()); 0 if it cannot be read or told. */
time_t
homework_due_from(const char *path, time_t now)
{
	struct routine	*r;
	struct diags	 d;
	struct stat	 sb;
	time_t		 from;

	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return 0;
	diags_init(&d);
	r = routine_load(path, &d);
	diags_free(&d);
	if (r == NULL)
		return 0;
	from = homework_from(r, sb.st_mtime, now);
	routine_free(r);
	return from;
}

/* Add the data directory's prescribed routines not begun yet. */
void
homework_add(struct hist_routine **v, size_t *n, time_t now)
{
	struct dirent	*d;
	DIR		*dir;
	char		*data, *path, *file;

	data = util_data_dir();
	xasprintf(&path, "%s/routines", data);
	free(data);
	if ((dir = opendir(path)) == NULL) {
		free(path);
		return;
	}
	while ((d = readdir(dir)) != NULL) {
		if (!homework_is_yaml(d))
			continue;
		xasprintf(&file, "%s/%s", path, d->d_name);
		homework_file(v, n, file, now);
		free(file);
	}
	closedir(dir);
	free(path);
}
