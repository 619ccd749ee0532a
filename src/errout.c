/* SPDX-License-Identifier: GPL-3.0-or-later */
/* errout.c: standard error through a filter, so that what a message
 * repeats of its input (a file name, an option's value, a routine id from
 * someone else) cannot move the cursor, retitle the window or send the
 * terminal any other control: such characters and bytes that are not
 * UTF-8 are written as U+FFFD, as the screens and reports write them. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errout.h"
#include "text.h"

static const char errout_bad[] = "\xef\xbf\xbd";

/* The start of a character that a write split (at most 3 bytes), kept
 * for the next write. */
struct errout {
	int		fd;
	unsigned char	tail[4];
	size_t		ntail;
};

static struct errout	 errout_state = { STDERR_FILENO, { 0 }, 0 };
static bool		 errout_on;	/* stderr is filtered */

/* Write all of p (n bytes) to fd; false on an error. */
static bool
errout_put(int fd, const void *p, size_t n)
{
	const char	*c = p;
	ssize_t		 w;

	while (n > 0) {
		if ((w = write(fd, c, n)) == -1) {
			if (errno == EINTR)
				continue;
			return false;
		}
		c += w;
		n -= (size_t)w;
	}
	return true;
}

/* Whether p (n bytes, n < 4) is the start of a UTF-8 character whose
 * rest has not come yet. */
static bool
errout_partial(const unsigned char *p, size_t n)
{
	size_t	need, i;

	if (n == 0 || n > 3)
		return false;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		need = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		need = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		need = 4;
	else
		return false;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return false;
	}
	return n < need;
}

/* Filter p (n bytes) into out (room for 3n), keeping an unfinished
 * character at the end in the tail unless flush; returns the length. */
static size_t
errout_filter(struct errout *e, const unsigned char *p, size_t n, char *out,
    bool flush)
{
	size_t		i = 0, o = 0, k;
	uint32_t	c;

	while (i < n) {
		k = text_next((const char *)p + i, n - i, &c);
		if (k == 0 && !flush && errout_partial(p + i, n - i)) {
			memcpy(e->tail, p + i, n - i);
			e->ntail = n - i;
			break;
		}
		if (k == 0 || (c != '\n' && c != '\t' &&
		    text_is_control(c))) {
			memcpy(out + o, errout_bad, 3);
			o += 3;
			i += k != 0 ? k : 1;
			continue;
		}
		memcpy(out + o, p + i, k);
		o += k;
		i += k;
	}
	return o;
}

/* Write a piece through the filter, a tail kept before it first. */
static ssize_t
errout_write(void *cookie, const char *buf, size_t size)
{
	struct errout	*e = cookie;
	unsigned char	 in[512 + 4];
	char		 out[3 * sizeof in];
	size_t		 done = 0, take, n, o;

	while (done < size) {
		n = e->ntail;
		memcpy(in, e->tail, n);
		e->ntail = 0;
		take = size - done < 512 ? size - done : 512;
		memcpy(in + n, buf + done, take);
		o = errout_filter(e, in, n + take, out, false);
		if (!errout_put(e->fd, out, o))
			return done > 0 ? (ssize_t)done : -1;
		done += take;
	}
	return (ssize_t)size;
}

/* At close: a character left unfinished is written as U+FFFD. */
static int
errout_close(void *cookie)
{
	struct errout	*e = cookie;
	char		 out[3 * sizeof e->tail];
	size_t		 o;
	bool		 ok;

	o = errout_filter(e, e->tail, e->ntail, out, true);
	e->ntail = 0;
	ok = errout_put(e->fd, out, o);
	if (e != &errout_state)
		free(e);
	return ok ? 0 : EOF;
}

/* Write to fd through the filter: for the tests, which read back what it
 * made of their bytes. */
FILE *
errout_open(int fd)
{
	static const cookie_io_functions_t io = { NULL, errout_write, NULL,
	    errout_close };
	struct errout	*e;
	FILE		*f;

	if (fd == STDERR_FILENO)
		e = &errout_state;
	else if ((e = calloc(1, sizeof *e)) == NULL)
		return NULL;
	e->fd = fd;
	e->ntail = 0;
	if ((f = fopencookie(e, "w", io)) == NULL) {
		if (e != &errout_state)
			free(e);
		return NULL;
	}
	setvbuf(f, NULL, _IONBF, 0);
	return f;
}

/* Put stderr through the filter; it stays as it was if that cannot be
 * done. */
void
errout_init(void)
{
	FILE	*f;

	if (errout_on || (f = errout_open(STDERR_FILENO)) == NULL)
		return;
	fflush(stderr);
	errout_on = true;
	stderr = f;
}
