/* SPDX-License-Identifier: GPL-3.0-or-later */
/* text.c: keep untrusted text from reaching the terminal as anything but
 * printable characters. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "text.h"
#include "util.h"

/* Decode one UTF-8 character at s (len bytes left); returns its length, or
 * 0 if the bytes are not valid UTF-8. */
static size_t
text_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t		n, i;
	uint32_t	c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 ||
	    c > 0x10ffff)) || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* True for a character that must not be sent to a terminal. */
static int
text_bad_char(uint32_t c, int allow_newline)
{
	if (c == '\n')
		return !allow_newline;
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f))
		return 1;
	if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	    c == 0x200e || c == 0x200f || c == 0x061c)
		return 1;
	return 0;
}

/* Whether the 8 bytes at p are all printable ASCII (0x20-0x7e): none
 * below 0x20 and none above 0x7e, tested a word at a time. */
static bool
text_printable8(const unsigned char *p)
{
	const uint64_t	ones = 0x0101010101010101ULL;
	const uint64_t	highs = 0x8080808080808080ULL;
	uint64_t	x, below, above;

	memcpy(&x, p, sizeof x);
	/* A byte below 0x20; one above 0x7e (0x80 and up included). */
	below = (x - ones * 0x20) & ~x & highs;
	above = ((x + ones * (127 - 0x7e)) | x) & highs;
	return (below | above) == 0;
}

/* Find the first unsafe character in s. */
bool
text_is_unsafe(const char *s, size_t len, bool allow_newline, size_t *bad)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, n;
	uint32_t		 c;

	while (i < len) {
		/* Printable ASCII, the most of any text, needs no decoding:
		 * eight bytes at a time where it can. */
		if (len - i >= 8 && text_printable8(p + i)) {
			i += 8;
			continue;
		}
		if (p[i] >= 0x20 && p[i] < 0x7f) {
			i++;
			continue;
		}
		n = text_decode(p + i, len - i, &c);
		if (n == 0 || text_bad_char(c, allow_newline)) {
			*bad = i;
			return true;
		}
		i += n;
	}
	return false;
}

/* Copy s with unsafe characters replaced by U+FFFD (newlines kept). */
char *
text_sanitize(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len = strlen(s), i = 0, o = 0, n;
	char			*out;
	uint32_t		 c;

	out = xmalloc(len * 3 + 1);
	while (i < len) {
		n = text_decode(p + i, len - i, &c);
		if (n == 0 || text_bad_char(c, 1)) {
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
			i += n ? n : 1;
			continue;
		}
		memcpy(out + o, p + i, n);
		o += n;
		i += n;
	}
	out[o] = '\0';
	return out;
}

/* One line for a terminal: text_sanitize(), and newlines and tabs as
 * spaces (file names, keys, messages). */
char *
text_sanitize_line(const char *s)
{
	char	*safe, *p;

	safe = text_sanitize(s);
	for (p = safe; *p != '\0'; p++) {
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	}
	return safe;
}

/* The character at s (len bytes left) in *cp and its length; 0 for bytes
 * that are not valid UTF-8. */
size_t
text_next(const char *s, size_t len, uint32_t *cp)
{
	return text_decode((const unsigned char *)s, len, cp);
}

/* True for a character a terminal would act on (see text_is_unsafe()),
 * newlines included. */
bool
text_is_control(uint32_t c)
{
	return text_bad_char(c, 0);
}

/* Terminal columns of s. */
int
text_width(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len = strlen(s), i = 0, n;
	uint32_t		 c;
	int			 w = 0, cw;

	while (i < len) {
		n = text_decode(p + i, len - i, &c);
		if (n == 0) {
			w++;
			i++;
			continue;
		}
		cw = wcwidth((wchar_t)c);
		w += cw < 0 ? 1 : cw;
		i += n;
	}
	return w;
}

/* The n strings of v joined with sep between them, as a new string. */
char *
text_join(char **v, unsigned n, const char *sep)
{
	char		*line, *tmp;
	unsigned	 i;

	line = xstrdup("");
	for (i = 0; i < n; i++) {
		xasprintf(&tmp, "%s%s%s", line, i > 0 ? sep : "", v[i]);
		free(line);
		line = tmp;
	}
	return line;
}

/* Write s, sanitised, cut or padded to width columns ('~' marks a cut). */
void
text_cell(FILE *f, const char *s, int width)
{
	char		*safe = text_sanitize(s), one[8];
	const char	*p = safe;
	int		 w = text_width(safe), cols = 0;
	size_t		 len;

	if (w <= width) {
		fprintf(f, "%s%*s", safe, width - w, "");
		free(safe);
		return;
	}
	while (*p != '\0') {
		for (len = 1; len < 4 && (p[len] & 0xc0) == 0x80; len++)
			;
		memcpy(one, p, len);
		one[len] = '\0';
		if (cols + text_width(one) > width - 1)
			break;
		cols += text_width(one);
		fwrite(p, 1, len, f);
		p += len;
	}
	fprintf(f, "~%*s", width - 1 - cols, "");
	free(safe);
}

/* Write s as HTML text or an attribute's value: the characters HTML gives
 * a meaning escaped, C0 controls but newline left out. */
void
text_html(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\n')
				fputc(*s, f);
			break;
		}
	}
}
