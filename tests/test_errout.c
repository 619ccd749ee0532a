/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_errout.c: stderr's filter. Bytes go in through the filter onto a
 * pipe and are read back; what should come out is written here by hand
 * (U+FFFD is EF BF BD), not taken from the filter. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "errout.h"
#include "tap.h"

#define FFFD	"\xef\xbf\xbd"

/* What the filter makes of the pieces (each written with fwrite, in
 * turn, then the stream closed). */
static const char *
through(const char *const *piece, size_t n, size_t one)
{
	static char	 out[512];
	FILE		*f;
	size_t		 i, k, len;
	ssize_t		 r;
	int		 fd[2];

	out[0] = '\0';
	if (pipe(fd) != 0 || (f = errout_open(fd[1])) == NULL)
		return "(no pipe)";
	for (i = 0; i < n; i++) {
		len = strlen(piece[i]);
		/* one != 0: a byte at a time, as fputc() writes. */
		for (k = 0; k < len; k += one != 0 ? one : len)
			fwrite(piece[i] + k, 1, one != 0 && one < len - k ?
			    one : len - k, f);
	}
	fclose(f);
	close(fd[1]);
	len = 0;
	while ((r = read(fd[0], out + len, sizeof out - 1 - len)) > 0)
		len += (size_t)r;
	out[len] = '\0';
	close(fd[0]);
	return out;
}

/* One piece through the filter. */
static const char *
one(const char *s)
{
	return through(&s, 1, 0);
}

int
main(void)
{
	const char	*split[] = { "caf\xc3", "\xa9 ok\n" };
	const char	*cut[] = { "end \xe2\x82" };
	const char	*lone[] = { "a\xe2\x82", "b" };

	is_str(one("unknot: no such file 'x.yaml'\n"),
	    "unknot: no such file 'x.yaml'\n", "plain text passes");
	is_str(one("tab\there\nnext\n"), "tab\there\nnext\n",
	    "tabs and newlines pass");
	is_str(one("not '\x1b[31mred'\n"), "not '" FFFD "[31mred'\n",
	    "an escape is replaced");
	is_str(one("t \x1b]0;pwned\x07."), "t " FFFD "]0;pwned" FFFD ".",
	    "a title change: escape and bell replaced");
	is_str(one("a\rb\x7f" "c"), "a" FFFD "b" FFFD "c",
	    "carriage return and DEL replaced");
	is_str(one("c1 \xc2\x9b" "2J"), "c1 " FFFD "2J",
	    "a C1 CSI (U+009B) replaced");
	is_str(one("bidi \xe2\x80\xae" "cba"), "bidi " FFFD "cba",
	    "a right-to-left override replaced");
	is_str(one("bad \xff\xfe!"), "bad " FFFD FFFD "!",
	    "bytes that are not UTF-8 replaced, each");
	is_str(one("Gr\xc3\xbc\xc3\x9f" "e \xe2\x80\x94 \xe6\x97\xa5"),
	    "Gr\xc3\xbc\xc3\x9f" "e \xe2\x80\x94 \xe6\x97\xa5",
	    "letters, a dash and CJK pass whole");
	is_str(through(split, 2, 0), "caf\xc3\xa9 ok\n",
	    "a character split between two writes is whole");
	is_str(through(split, 2, 1), "caf\xc3\xa9 ok\n",
	    "the same written a byte at a time");
	/* As text_sanitize() does: a U+FFFD for each byte. */
	is_str(through(cut, 1, 0), "end " FFFD FFFD,
	    "a character cut off at the close: each byte replaced");
	is_str(through(lone, 2, 0), "a" FFFD FFFD "b",
	    "a character that never ends: each byte replaced, the next kept");
	return done_testing();
}
