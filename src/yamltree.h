/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yamltree.h: a YAML document as a tree of nodes with their positions. */
#ifndef UNKNOT_YAMLTREE_H
#define UNKNOT_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

#define YT_MAX_DEPTH	32
#define YT_MAX_NODES	200000

enum yt_type { YT_SCALAR, YT_MAP, YT_SEQ };

/* In this order, 56 bytes: a file of the largest size has thousands. */
struct yt_node {
	enum yt_type	  type;
	bool		  plain;	/* an unquoted scalar */
	bool		  heap;		/* value is from malloc() (a long
					 * one), not in the tree's blocks */
	bool		  lent;		/* value is a filled struct's now
					 * (schema_fill()), not freed here */
	bool		  root;		/* the tree's root (struct yt_tree) */
	unsigned	  line, col;	/* 1-based start of the node */
	unsigned	  end_line, end_col; /* just after its end */
	char		 *value;	/* scalar text, NUL-ended */
	size_t		  len;		/* scalar length in bytes */
	struct yt_node	**kids;		/* map: key, value, key, value... */
	size_t		  n;
};

/* Parse buf; NULL with the syntax error (or alias, depth, emptiness) in
 * diags. An empty document is reported as "empty_msg", or, if that is
 * NULL, is NULL without a diagnostic. */
struct yt_node	*yamltree_parse(const char *file, const char *buf, size_t len,
		    const char *empty_msg, struct diags *);
/* Parse an open file of at most max bytes, read in chunks; NULL, and no
 * diagnostic, for anything but one well-formed document (a syntax error,
 * none, an alias, too deep, too large, unreadable): the caller reads the
 * file whole and parses it with yamltree_parse(), which says what is wrong. */
struct yt_node	*yamltree_read(const char *file, int fd, size_t max);
void		 yamltree_free(struct yt_node *);
/* The value for key in a mapping, NULL if absent or not a mapping. */
struct yt_node	*yamltree_get(const struct yt_node *, const char *key);
/* The key node for key in a mapping, NULL if absent. */
struct yt_node	*yamltree_key(const struct yt_node *, const char *key);

#endif
