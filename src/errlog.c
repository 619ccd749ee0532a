/* SPDX-License-Identifier: GPL-3.0-or-later */
/* errlog.c: stderr captured while a session runs. PortAudio and ALSA print
 * from their stream thread (a device that vanishes, say); on a curses
 * screen that text would land in the middle of the picture, and in plain
 * mode among its lines. It is kept in a temporary file instead and, once
 * the session is over, appended to a log, with unknot's own messages
 * replayed to stderr. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "errlog.h"
#include "util.h"

#define ERRLOG_MAX	(1024 * 1024)	/* bytes kept of one session's */

/* The innermost capture, for the exit handler: atexit handlers take no
 * argument, so this one thing has to be kept here. */
static struct errlog	*errlog_active;
static bool		 errlog_registered;

/* The log file's path. */
char *
errlog_path(void)
{
	char	*dir, *path;

	dir = util_state_dir();
	xasprintf(&path, "%s/messages.log", dir);
	free(dir);
	return path;
}

/* An unlinked temporary file to write to, else /dev/null; -1 if neither
 * can be opened. */
static int
errlog_tmpfile(void)
{
	const char	*tmp = getenv("TMPDIR");
	char		*tpl;
	int		 fd;

	xasprintf(&tpl, "%s/unknot-stderr.XXXXXX",
	    tmp != NULL && tmp[0] == '/' ? tmp : "/tmp");
	if ((fd = mkostemp(tpl, O_CLOEXEC)) != -1)
		unlink(tpl);
	else
		fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	free(tpl);
	return fd;
}

/* At exit (fatal(), say), give back every capture still open, keeping
 * what it holds. */
static void
errlog_atexit(void)
{
	while (errlog_active != NULL)
		errlog_release(errlog_active);
}

/* Point fd 2 at a temporary file. */
void
errlog_capture(struct errlog *e)
{
	e->saved = e->fd = -1;
	e->prev = NULL;
	if (getenv("UNKNOT_AUDIO_DEBUG") != NULL)
		return;
	if ((e->fd = errlog_tmpfile()) == -1)
		return;
	fflush(stderr);
	if ((e->saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3)) == -1 ||
	    dup2(e->fd, STDERR_FILENO) == -1) {
		if (e->saved != -1)
			close(e->saved);
		close(e->fd);
		e->saved = e->fd = -1;
		return;
	}
	if (!errlog_registered)
		atexit(errlog_atexit);
	errlog_registered = true;
	e->prev = errlog_active;
	errlog_active = e;
}

/* Point fd 2 back where it was before e. */
static void
errlog_restore(struct errlog *e)
{
	fflush(stderr);
	dup2(e->saved, STDERR_FILENO);
	close(e->saved);
	e->saved = -1;
	if (errlog_active == e)
		errlog_active = e->prev;
}

/* Give fd 2 back; what was said is dropped. */
void
errlog_discard(struct errlog *e)
{
	if (e->saved == -1)
		return;
	errlog_restore(e);
	close(e->fd);
	e->fd = -1;
}

/* Read back what was captured, its last ERRLOG_MAX bytes at most (where a
 * fatal error's message is); NULL if none. */
static char *
errlog_read(int fd, size_t *len)
{
	char	*buf;
	off_t	 end, from;
	ssize_t	 n;
	size_t	 got = 0, want;

	*len = 0;
	if ((end = lseek(fd, 0, SEEK_END)) <= 0)
		return NULL;
	from = end > ERRLOG_MAX ? end - ERRLOG_MAX : 0;
	if (lseek(fd, from, SEEK_SET) != from)
		return NULL;
	want = (size_t)(end - from);
	buf = xmalloc(want + 1);
	while (got < want && (n = read(fd, buf + got, want - got)) > 0)
		got += (size_t)n;
	if (got == 0) {
		free(buf);
		return NULL;
	}
	buf[got] = '\0';
	*len = got;
	return buf;
}

/* Append the captured text to the log file under a dated heading; false
 * if it could not be written. */
static bool
errlog_append(const char *buf, size_t len)
{
	char		*path, *dir, *cause = NULL, stamp[32];
	struct tm	 tm;
	time_t		 t = time(NULL);
	FILE		*f;
	bool		 done;

	dir = util_state_dir();
	if (util_mkdirs(dir, &cause) != 0) {
		free(cause);
		free(dir);
		return false;
	}
	free(dir);
	path = errlog_path();
	f = fopen(path, "a");
	free(path);
	if (f == NULL)
		return false;
	gmtime_r(&t, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(f, "== %s: a session printed this\n", stamp);
	fwrite(buf, 1, len, f);
	if (buf[len - 1] != '\n')
		fputc('\n', f);
	done = ferror(f) == 0;
	if (fclose(f) != 0)
		done = false;
	return done;
}

/* Replay unknot's own lines to stderr; the number of other lines. */
static unsigned
errlog_replay(const char *buf, size_t len)
{
	const char	*line, *nl, *end = buf + len;
	unsigned	 others = 0;
	size_t		 n;

	for (line = buf; line < end; line = nl) {
		nl = memchr(line, '\n', (size_t)(end - line));
		n = nl != NULL ? (size_t)(nl - line) : (size_t)(end - line);
		nl = line + n + 1;
		if (n == 0)
			continue;
		if (n >= 8 && memcmp(line, "unknot: ", 8) == 0)
			fprintf(stderr, "%.*s\n", (int)n, line);
		else
			others++;
	}
	return others;
}

/* Give fd 2 back, keep what was said. */
void
errlog_release(struct errlog *e)
{
	char		*buf, *path;
	size_t		 len;
	unsigned	 others;

	if (e->saved == -1)
		return;
	errlog_restore(e);
	buf = errlog_read(e->fd, &len);
	close(e->fd);
	e->fd = -1;
	if (buf == NULL)
		return;
	others = errlog_replay(buf, len);
	if (others > 0) {
		path = errlog_path();
		fprintf(stderr, "unknot: %u line%s of library messages from "
		    "the session %s %s\n", others, others == 1 ? "" : "s",
		    errlog_append(buf, len) ? "went to" :
		    "could not be written to", path);
		free(path);
	}
	free(buf);
}
