/* SPDX-License-Identifier: GPL-3.0-or-later */
/* text.h: safe text for the screen. */
#ifndef UNKNOT_TEXT_H
#define UNKNOT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* True if s holds a character that must never reach a terminal: C0
 * controls (but newline and, if allow_tab, tab), DEL, C1 controls, and the
 * bidirectional overrides/isolates (U+202A-U+202E, U+2066-U+2069); also
 * false for invalid UTF-8. *bad is set to the byte offset of the first. */
bool	 text_is_unsafe(const char *s, size_t len, bool allow_newline,
	    size_t *bad);
/* A copy with every unsafe character replaced by U+FFFD. */
char	*text_sanitize(const char *);
/* The same on one line: newlines and tabs become spaces. */
char	*text_sanitize_line(const char *);
/* Decode the UTF-8 character at s (len bytes left) into *cp; its length,
 * 0 if the bytes are not valid UTF-8. */
size_t	 text_next(const char *s, size_t len, uint32_t *cp);
/* True for a character that must not reach a terminal as it is: C0 and
 * C1 controls, newline included, DEL, bidirectional controls. */
bool	 text_is_control(uint32_t);
/* Columns s takes on a terminal (wcwidth), invalid bytes count 1. */
int	 text_width(const char *);
/* Write s, sanitised, cut or padded to width columns; a cut is marked with
 * '~' in the last column. */
void	 text_cell(FILE *, const char *s, int width);
char	*text_join(char **, unsigned, const char *sep);
/* Write s as HTML text or an attribute's value: & < > " ' escaped, C0
 * controls but newline left out. */
void	 text_html(FILE *, const char *);

#endif
