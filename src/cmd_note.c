/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_note.c: unknot note and unknot checkin, the person's own words
 * between sessions, and the soreness question a session start asks. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ask.h"
#include "calendar.h"
#include "cmd.h"
#include "cmd_note.h"
#include "diag.h"
#include "history.h"
#include "library.h"
#include "util.h"
#include "text.h"

/* A soreness answer: 0-10, or -1 for anything else. */
static int
cmd_note_sore(const char *s)
{
	char	*end;
	long	 v;

	while (*s == ' ')
		s++;
	if (*s < '0' || *s > '9')
		return -1;
	v = strtol(s, &end, 10);
	while (*end == ' ')
		end++;
	return *end == '\0' && v >= 0 && v <= 10 ? (int)v : -1;
}

/* See cmd_note.h. */
int
cmd_note_ask_sore(FILE *in, FILE *out)
{
	char	*line;
	int	 v;

	for (;;) {
		fprintf(out, "How sore is that area today, 0-10? "
		    "(Enter skips) ");
		fflush(out);
		if ((line = ask_line(in, out)) == NULL)
			return -1;
		if (line[strspn(line, " ")] == '\0') {
			free(line);
			return -1;
		}
		v = cmd_note_sore(line);
		free(line);
		if (v >= 0)
			return v;
		fprintf(out, "A number from 0 (not sore) to 10.\n");
	}
}

/* Record a check-in of value against l; 0, or -1 with *cause. */
static int
cmd_note_record_sore(struct history *h, const struct hist_last *l,
    int value, time_t now, char **cause)
{
	return history_note_add(h, l->id, l->routine_id, now, "checkin",
	    value, "", cause);
}

/* See cmd_note.h. */
void
cmd_note_start_checkin(FILE *in, FILE *out, time_t now)
{
	struct history	*h;
	struct hist_last l;
	char		*cause = NULL;
	int		 v;

	/* Never holding up the session: a locked history is not asked. */
	h = history_open_peek(NULL, &cause);
	if (h == NULL) {
		free(cause);
		return;
	}
	if (history_last_pressure(h, &l, &cause) == 1 && l.checkins == 0 &&
	    now - l.end >= CMD_NOTE_SORE_FROM &&
	    now - l.end <= CMD_NOTE_SORE_UNTIL) {
		fprintf(out, "Your last session of %s was %lld hours ago.\n",
		    l.title, (long long)((now - l.end) / 3600));
		if ((v = cmd_note_ask_sore(in, out)) >= 0) {
			history_close(h);
			h = history_open(NULL, &cause);
			if (cmd_note_record_sore(h, &l, v, now, &cause) != 0)
				fprintf(out, "unknot: %s\n", cause);
		}
	}
	free(cause);
	history_last_free(&l);
	history_close(h);
}

/* unknot checkin [N]: how sore the area of the last pressure session is. */
int
cmd_checkin(const struct cmd_args *a, struct opts *o)
{
	struct history	*h;
	struct hist_last l;
	char		*cause = NULL;
	time_t		 now = calendar_now();
	int		 v = -1, r;

	(void)o;
	if (a->argc > 0 && (v = cmd_note_sore(a->argv[0])) < 0) {
		xasprintf(&cause, "soreness must be a number from 0 to 10, "
		    "not '%s'", a->argv[0]);
		return cmd_fail(cause, 2);
	}
	h = history_open(NULL, &cause);
	free(cause);
	cause = NULL;
	if ((r = history_last_pressure(h, &l, &cause)) != 1) {
		history_close(h);
		if (r == 0)
			xasprintf(&cause, "no session with pressure holds to "
			    "check in on yet");
		return cmd_fail(cause, 1);
	}
	if (a->argc == 0) {
		printf("After your session of %s:\n", l.title);
		if ((v = cmd_note_ask_sore(stdin, stdout)) < 0) {
			printf("Nothing recorded.\n");
			history_last_free(&l);
			history_close(h);
			return 0;
		}
	}
	r = cmd_note_record_sore(h, &l, v, now, &cause);
	if (r == 0)
		printf("Recorded: soreness %d after the session of %s.\n", v,
		    l.title);
	history_last_free(&l);
	history_close(h);
	return r == 0 ? 0 : cmd_fail(cause, 1);
}

/* The words of the note: the arguments joined, or a line typed. */
static char *
cmd_note_text(const struct cmd_args *a)
{
	char	*s, *t;
	int	 i;

	if (a->argc == 0) {
		printf("Anything to tell your therapist? (Enter skips) ");
		fflush(stdout);
		return ask_line(stdin, stdout);
	}
	s = xstrdup(a->argv[0]);
	for (i = 1; i < a->argc; i++) {
		xasprintf(&t, "%s %s", s, a->argv[i]);
		free(s);
		s = t;
	}
	return s;
}

/* unknot note [--routine ID] [TEXT]: a dated note to the last session or
 * to a routine. */
/* Say where the note went: a routine id or title from a file, as text
 * a terminal shows and does not act on. */
static void
cmd_note_said(const char *where, const char *name)
{
	char	*safe = text_sanitize_line(name);

	printf("Note added to %s %s.\n", where, safe);
	free(safe);
}

/* Whether rid names a routine: one on the search path, or one the
 * history has sessions of (a routine since removed); -1 with *cause if
 * not, since a note to no routine would never be read. */
static int
cmd_note_routine(struct history *h, const char *rid, char **cause)
{
	struct hist_filter	 flt = { rid, 0, 0, true };
	struct hist_routine	*v;
	struct diags		 d;
	size_t			 n = 0;
	char			*file = NULL, *why = NULL, *safe;

	if (strchr(rid, '/') == NULL) {
		diags_init(&d);
		file = library_resolve(rid, &d, &why);
		diags_free(&d);
		free(why);
		why = NULL;
	}
	if (file != NULL) {
		free(file);
		return 0;
	}
	if (history_routines(h, &flt, &v, &n, &why) == 0)
		history_routines_free(v, n);
	free(why);
	if (n > 0)
		return 0;
	safe = text_sanitize_line(rid);
	xasprintf(cause, "no routine '%s' on the search path or in the "
	    "history (see 'unknot list')", safe);
	free(safe);
	return -1;
}

int
cmd_note(const struct cmd_args *a, struct opts *o)
{
	struct history	*h;
	struct hist_last l;
	const char	*rid = cmd_arg(a, "routine");
	char		*cause = NULL, *text, *clean;
	int		 r = 1;

	(void)o;
	text = cmd_note_text(a);
	clean = history_note_clean(text != NULL ? text : "");
	free(text);
	if (*clean == '\0') {
		free(clean);
		printf("Nothing recorded.\n");
		return 0;
	}
	h = history_open(NULL, &cause);
	free(cause);
	cause = NULL;
	memset(&l, 0, sizeof l);
	if (rid == NULL && (r = history_last_session(h, &l, &cause)) == 0)
		xasprintf(&cause, "no session to add a note to yet (--routine "
		    "ID adds it to a routine)");
	if (rid != NULL && cmd_note_routine(h, rid, &cause) != 0)
		r = -1;
	else if (rid != NULL || r == 1)
		r = history_note_add(h, rid != NULL ? 0 : l.id,
		    rid != NULL ? rid : l.routine_id, calendar_now(), "note",
		    -1, clean, &cause) == 0 ? 2 : -1;
	if (r == 2) {
		if (rid != NULL)
			cmd_note_said("the routine", rid);
		else
			cmd_note_said("the session of", l.title);
	}
	free(clean);
	history_last_free(&l);
	history_close(h);
	return r == 2 ? 0 : cmd_fail(cause, 1);
}
