/* SPDX-License-Identifier: GPL-3.0-or-later */
/* history_note.c: the person's own words in the history: notes to a
 * session or a routine, and soreness check-ins after a session. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "history.h"
#include "history_int.h"
#include "util.h"

/* Bytes of a UTF-8 sequence led by c, 0 if c cannot lead one. */
static size_t
history_note_seqlen(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	if (c >= 0xe0 && c <= 0xef)
		return 3;
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	return 0;
}

/* Whether the n bytes at s are a valid, printable UTF-8 sequence: no
 * continuation missing, no C1 control (U+0080..U+009F). */
static int
history_note_printable(const unsigned char *s, size_t n)
{
	size_t	i;

	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if (n == 1)
		return s[0] >= 0x20 && s[0] != 0x7f;
	if (n == 2 && s[0] == 0xc2 && s[1] < 0xa0)
		return 0;
	return 1;
}

/* See history.h. */
char *
history_note_clean(const char *text)
{
	const unsigned char	*s = (const unsigned char *)text;
	char			*out;
	size_t			 o = 0, n;
	int			 space = 0;

	out = xmalloc(HISTORY_NOTE_MAX + 1);
	while (*s != '\0') {
		n = history_note_seqlen(*s);
		if (n == 0 || strnlen((const char *)s, n) < n ||
		    !history_note_printable(s, n)) {
			/* Controls, tabs, newlines, escapes: one space. */
			space = o > 0;
			s += n == 0 || strnlen((const char *)s, n) < n ? 1 : n;
			continue;
		}
		if (*s == ' ') {
			space = o > 0;
			s++;
			continue;
		}
		if (o + space + n > HISTORY_NOTE_MAX)
			break;
		if (space)
			out[o++] = ' ';
		space = 0;
		memcpy(out + o, s, n);
		o += n;
		s += n;
	}
	out[o] = '\0';
	return out;
}

/* See history.h. */
int
history_note_add(struct history *h, int64_t sid, const char *routine_id,
    time_t wall, const char *kind, int value, const char *text, char **cause)
{
	sqlite3_stmt	*st;
	char		*clean;
	int		 rc;

	if (history_ready(h, cause) != 0)
		return -1;
	if (h->db == NULL || h->newer) {
		xasprintf(cause, "%s cannot be written", h->path);
		return -1;
	}
	st = history_prepare(h->db, "INSERT INTO notes (session_id,"
	    " routine_id, wall, kind, value, text) VALUES (?1, ?2, ?3, ?4,"
	    " ?5, ?6)", cause);
	if (st == NULL)
		return -1;
	if (sid > 0)
		sqlite3_bind_int64(st, 1, sid);
	else
		sqlite3_bind_null(st, 1);
	clean = history_note_clean(text != NULL ? text : "");
	history_bind_text(st, 2, routine_id);
	sqlite3_bind_int64(st, 3, (int64_t)wall);
	history_bind_text(st, 4, kind);
	sqlite3_bind_int(st, 5, value);
	history_bind_text(st, 6, clean);
	free(clean);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		history_dberr(h->db, h->path, cause);
		return -1;
	}
	return 0;
}

/* Whether the history has the notes table: not an older file read as it
 * is (read-only, never upgraded). */
static bool
history_note_table(struct history *h)
{
	int	rc;

	return history_has_notes(h->db, &rc) == 1;
}

/* The one session the query sql finds (id, routine, title, end,
 * check-ins): 1 and *out filled, 0 if none, -1 with *cause. */
static int
history_note_last(struct history *h, const char *sql, struct hist_last *out,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(out, 0, sizeof *out);
	if (!h->absent && history_ready(h, cause) != 0)
		return -1;
	if (h->db == NULL || !history_note_table(h))
		return 0;
	if ((st = history_prepare(h->db, sql, cause)) == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->routine_id = history_col(st, 1);
		out->title = history_col(st, 2);
		out->end = (time_t)sqlite3_column_int64(st, 3);
		out->checkins = (unsigned)sqlite3_column_int(st, 4);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		history_dberr(h->db, h->path, cause);
		return -1;
	}
	return rc == SQLITE_ROW;
}

/* See history.h. */
int
history_last_pressure(struct history *h, struct hist_last *out,
    char **cause)
{
	return history_note_last(h, "SELECT s.id, s.routine_id, s.title,"
	    " coalesce(s.ended, s.started), (SELECT count(*) FROM notes n"
	    "  WHERE n.session_id = s.id AND n.kind = 'checkin')"
	    " FROM sessions s WHERE s.rehearsal = 0 AND EXISTS (SELECT 1"
	    " FROM events e WHERE e.session_id = s.id"
	    " AND e.step_kind = 'hold' AND e.kind = 'step_start')"
	    " ORDER BY s.started DESC, s.id DESC LIMIT 1", out, cause);
}

/* See history.h. */
int
history_last_session(struct history *h, struct hist_last *out,
    char **cause)
{
	return history_note_last(h, "SELECT s.id, s.routine_id, s.title,"
	    " coalesce(s.ended, s.started), 0 FROM sessions s"
	    " WHERE s.rehearsal = 0 AND coalesce(s.outcome, '') <> 'abandoned'"
	    " ORDER BY s.started DESC, s.id DESC LIMIT 1", out, cause);
}

/* Free what history_last_*() filled. */
void
history_last_free(struct hist_last *l)
{
	free(l->routine_id);
	free(l->title);
	memset(l, 0, sizeof *l);
}

/* See history.h. */
int
history_notes(struct history *h, const struct hist_filter *f,
    struct hist_note **out, size_t *n, char **cause)
{
	sqlite3_stmt	*st;
	struct hist_note *x;
	int		 rc;

	*out = NULL;
	*n = 0;
	if (!h->absent && history_ready(h, cause) != 0)
		return -1;
	if (h->db == NULL || !history_note_table(h))
		return 0;
	st = history_prepare(h->db, "SELECT n.session_id, n.routine_id,"
	    " n.wall, n.kind, n.value, n.text, s.started FROM notes n"
	    " LEFT JOIN sessions s ON s.id = n.session_id"
	    " WHERE (?1 IS NULL OR n.routine_id = ?1)"
	    " AND (?2 = 0 OR coalesce(s.started, n.wall) >= ?2)"
	    " AND (?3 = 0 OR coalesce(s.started, n.wall) < ?3)"
	    " AND coalesce(s.rehearsal, 0) = 0"
	    " ORDER BY n.wall, n.id", cause);
	if (st == NULL)
		return -1;
	if (f != NULL && f->routine_id != NULL)
		history_bind_text(st, 1, f->routine_id);
	else
		sqlite3_bind_null(st, 1);
	sqlite3_bind_int64(st, 2, f != NULL ? (int64_t)f->since : 0);
	sqlite3_bind_int64(st, 3, f != NULL ? (int64_t)f->until : 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		x = &(*out)[(*n)++];
		x->session_id = history_coli(st, 0, 0);
		x->routine_id = history_col(st, 1);
		x->wall = (time_t)sqlite3_column_int64(st, 2);
		x->kind = history_col(st, 3);
		x->value = (int)sqlite3_column_int(st, 4);
		x->text = history_col(st, 5);
		x->session_start = (time_t)history_coli(st, 6, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		history_notes_free(*out, *n);
		*out = NULL;
		*n = 0;
		history_dberr(h->db, h->path, cause);
		return -1;
	}
	return 0;
}

/* Free what history_notes() returned. */
void
history_notes_free(struct hist_note *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].routine_id);
		free(v[i].kind);
		free(v[i].text);
	}
	free(v);
}
