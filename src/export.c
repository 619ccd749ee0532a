/* export.c: unknot export, a routine's guided track rendered to a file. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audio.h"
#include "export.h"
#include "outfile.h"
#include "session.h"
#include "util.h"

#define EXPORT_MAX_TURNS 10000000	/* a session that never ends */
#define EXPORT_BAR	30

/* What an export is writing, and how far it got. */
struct export {
	struct audio	*audio;
	struct outfile	*audio_out;
	struct outfile	*cues_out;
	FILE		*cues;
	unsigned	 n_cues;
	bool		 tty;
	int		 shown;		/* percent on the bar, -1: none yet */
	int64_t		 total;		/* nominal ms, for the bar */
};

/* Draw the progress bar on stderr when it moved. */
static void
export_progress(struct export *e, int64_t now, bool last)
{
	int	pct, fill, i;

	if (!e->tty)
		return;
	pct = e->total > 0 ? (int)(now * 100 / e->total) : 100;
	if (last)
		pct = 100;
	if (pct > 100)
		pct = 100;
	if (pct == e->shown && !last)
		return;
	e->shown = pct;
	fill = pct * EXPORT_BAR / 100;
	fputs("\rrendering [", stderr);
	for (i = 0; i < EXPORT_BAR; i++)
		fputc(i < fill ? '#' : ' ', stderr);
	fprintf(stderr, "] %3d%%%s", pct, last ? "\n" : "");
	fflush(stderr);
}

/* Render one cue and add it to the cue sheet; -1 with *cause. */
static int
export_cue(struct export *e, const struct sess_action *a, char **cause)
{
	if (audio_file_cue(e->audio, a->at, a->value, cause) != 0)
		return -1;
	e->n_cues++;
	if (e->cues == NULL)
		return 0;
	fprintf(e->cues, "%" PRId64 ".%03" PRId64 " %s ", a->at / 1000,
	    a->at % 1000, cue_name(a->value));
	if (a->step >= 0)
		fprintf(e->cues, "%d\n", a->step + 1);
	else
		fprintf(e->cues, "-\n");
	return 0;
}

/* Take the session's actions; note when aftercare is reached. */
static int
export_drain(struct export *e, struct session *s, bool *aftercare,
    char **cause)
{
	struct sess_action	a;

	while (session_poll(s, &a)) {
		if (a.kind == SA_CUE && export_cue(e, &a, cause) != 0)
			return -1;
		if (a.kind == SA_STATE && a.value == SS_AFTERCARE)
			*aftercare = true;
	}
	return 0;
}

/* Run the session from deadline to deadline, as if nothing were pressed
 * but Enter where it waits. */
static int
export_run(struct export *e, const struct routine *r, char **cause)
{
	struct session	*s;
	int64_t		 now = 0, next;
	unsigned long	 turns;
	bool		 aftercare = false;
	int		 rc = -1;

	s = session_new(r, 0);
	session_input(s, 0, SI_NEXT, 0);
	for (turns = 0; turns < EXPORT_MAX_TURNS; turns++) {
		if (export_drain(e, s, &aftercare, cause) != 0)
			goto out;
		if (session_done(s)) {
			rc = 0;
			goto out;
		}
		if (aftercare) {
			aftercare = false;
			session_input(s, now, SI_NEXT, 0);
			continue;
		}
		next = session_next_deadline(s, now);
		if (next == INT64_MAX) {
			/* Waiting for input: Enter is all an export can give. */
			if (session_input(s, now, SI_NEXT, 0) != 0) {
				xasprintf(cause, "the session stopped at "
				    "%" PRId64 " ms, waiting for input", now);
				goto out;
			}
			continue;
		}
		now = next > now ? next : now + 1;
		session_tick(s, now);
		export_progress(e, now, false);
	}
	*cause = xstrdup("the session did not come to an end");
out:
	session_free(s);
	return rc;
}

/* Open the audio file and the cue sheet (if asked for), which must not
 * be the same file; -1 with *cause. */
static int
export_open(struct export *e, const char *out, const char *cues, bool force,
    char **cause)
{
	int	flags = force ? 0 : OUTFILE_NEW;

	if ((e->audio_out = outfile_open(out, flags, cause)) == NULL)
		return -1;
	if (cues == NULL)
		return 0;
	if ((e->cues_out = outfile_open(cues, flags, cause)) == NULL)
		return -1;
	if (outfile_same(e->audio_out, e->cues_out)) {
		xasprintf(cause, "%s and --cues %s are the same file", out,
		    cues);
		return -1;
	}
	e->cues = outfile_stream(e->cues_out);
	return 0;
}

/* Put both files in place if all went well (rc 0), else drop what was
 * written; -1 with *cause if that failed. */
static int
export_close(struct export *e, int rc, char **cause)
{
	if (rc == 0 && outfile_commit(e->audio_out, cause) != 0)
		rc = -1;
	else if (rc != 0)
		outfile_abort(e->audio_out);
	e->audio_out = NULL;
	if (e->cues_out == NULL)
		return rc;
	if (rc == 0 && outfile_commit(e->cues_out, cause) != 0)
		rc = -1;
	else if (rc != 0)
		outfile_abort(e->cues_out);
	e->cues_out = NULL;
	e->cues = NULL;
	return rc;
}

/* Render the routine into the file and the cue sheet; nothing is replaced
 * unless all of it could be written. */
int
export_write(const struct routine *r, const char *out, const char *format,
    const char *cues, bool force, int volume, char **cause)
{
	struct export	 e;
	char		*notice = NULL, *why = NULL;
	int		 rc;

	memset(&e, 0, sizeof e);
	e.tty = isatty(STDERR_FILENO);
	e.shown = -1;
	e.total = (int64_t)(routine_seconds(r) * 1000);
	if (export_open(&e, out, cues, force, cause) != 0) {
		export_close(&e, -1, NULL);
		return -1;
	}
	if ((e.audio = audio_open_file(outfile_name(e.audio_out),
	    outfile_fd(e.audio_out), format, volume, r, &notice,
	    cause)) == NULL) {
		export_close(&e, -1, NULL);
		return -1;
	}
	if (notice != NULL)
		fprintf(stderr, "unknot: warning: %s\n", notice);
	free(notice);
	rc = export_run(&e, r, cause);
	if (audio_file_finish(e.audio, rc == 0 ? cause : &why) != 0)
		rc = -1;
	free(why);
	rc = export_close(&e, rc, cause);
	if (rc == 0)
		export_progress(&e, e.total, true);
	else if (e.shown >= 0)
		fputc('\n', stderr);
	return rc;
}
