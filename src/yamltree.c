/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yamltree.c: parse YAML with libyaml's event API into a positioned tree. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

#include "util.h"
#include "yamltree.h"

/* A block of the memory a tree's nodes and child lists take, all freed
 * with the tree rather than one by one. */
struct yt_block {
	struct yt_block	*next;
	size_t		 used, size;
	max_align_t	 data[];
};

#define YT_BLOCK	16384	/* bytes of the first block; then doubled */
#define YT_SHORT	256	/* a scalar shorter than this is copied into
				 * the blocks; a longer one kept apart */

/* A tree: its root node, the blocks of the rest, and whether any value
 * is kept apart. */
struct yt_tree {
	struct yt_node	 root;
	struct yt_block	*blocks;
	bool		 heap;
};

struct yt_parse {
	yaml_parser_t	 parser;
	struct yt_block	*blocks;	/* of the tree being built */
	bool		 heap;		/* a value of it is kept apart */
	const char	*buf;		/* NULL when read in chunks */
	size_t		 len;
	int		 fd;		/* read in chunks from here, */
	size_t		 left;		/* at most this much more */
	const char	*file;
	struct diags	*diags;
	size_t		 nodes;
};

/* size bytes of zeroed memory from the blocks of the tree being built. */
static void *
yamltree_alloc(struct yt_parse *p, size_t size)
{
	struct yt_block	*b = p->blocks;
	size_t		 want;
	void		*v;

	size = (size + _Alignof (max_align_t) - 1) &
	    ~(_Alignof (max_align_t) - 1);
	if (b == NULL || b->size - b->used < size) {
		want = b != NULL ? b->size * 2 : YT_BLOCK;
		while (want < size)
			want *= 2;
		b = xmalloc(offsetof(struct yt_block, data) + want);
		b->next = p->blocks;
		b->used = 0;
		b->size = want;
		p->blocks = b;
	}
	v = (char *)b->data + b->used;
	b->used += size;
	memset(v, 0, size);
	return v;
}

/* Free a list of blocks. */
static void
yamltree_blocks_free(struct yt_block *b)
{
	struct yt_block	*next;

	for (; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
}

/* A new node at the event's start mark: the root in a struct yt_tree of
 * its own, the others from the blocks. */
static struct yt_node *
yamltree_node(struct yt_parse *p, enum yt_type type, const yaml_event_t *ev,
    unsigned depth)
{
	struct yt_tree	*t;
	struct yt_node	*n;

	if (depth == 0) {
		t = xcalloc(1, sizeof *t);
		n = &t->root;
		n->root = true;
	} else
		n = yamltree_alloc(p, sizeof *n);
	n->type = type;
	n->line = ev->start_mark.line + 1;
	n->col = ev->start_mark.column + 1;
	n->end_line = ev->end_mark.line + 1;
	n->end_col = ev->end_mark.column + 1;
	return n;
}

/* Append a child to a mapping or sequence. */
static void
yamltree_append(struct yt_parse *p, struct yt_node *parent,
    struct yt_node *kid)
{
	struct yt_node	**kids;

	/* Room for two, then doubled at each power of two, so a long list
	 * is not copied over and over again; the old list stays in its
	 * block. At most YT_MAX_NODES: no overflow. */
	if (parent->n == 0 ||
	    (parent->n >= 2 && (parent->n & (parent->n - 1)) == 0)) {
		kids = yamltree_alloc(p, (parent->n ? parent->n * 2 : 2) *
		    sizeof *kids);
		if (parent->n != 0)
			memcpy(kids, parent->kids, parent->n * sizeof *kids);
		parent->kids = kids;
	}
	parent->kids[parent->n++] = kid;
}

/* Line and column (in characters, as libyaml counts them) of a byte offset;
 * the reader reports bad bytes by offset only. */
static void
yamltree_offset(const struct yt_parse *p, size_t off, unsigned *line,
    unsigned *col)
{
	size_t	i;

	*line = *col = 1;
	for (i = 0; i < off && i < p->len; i++) {
		if (p->buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)p->buf[i] & 0xc0) != 0x80)
			(*col)++;
	}
}

/* Start of line (1-based) in the buffer, or NULL past the end. */
static const char *
yamltree_line(const struct yt_parse *p, unsigned line)
{
	const char	*s = p->buf, *end = p->buf + p->len, *nl;

	while (--line > 0) {
		if ((nl = memchr(s, '\n', end - s)) == NULL)
			return NULL;
		s = nl + 1;
	}
	return s < end ? s : NULL;
}

/* Spaces before the first other character of a line; -1 if it is blank or
 * a comment. */
static int
yamltree_indent(const struct yt_parse *p, const char *s)
{
	const char	*end = p->buf + p->len;
	int		 n = 0;

	while (s < end && *s == ' ') {
		s++;
		n++;
	}
	if (s == end || *s == '\n' || *s == '\r' || *s == '#')
		return -1;
	return n;
}

/* The key a line starts with ("- " skipped), copied into buf; NULL if the
 * line has none. */
static const char *
yamltree_line_key(const struct yt_parse *p, const char *s, char *buf,
    size_t size)
{
	const char	*end = p->buf + p->len, *k;
	size_t		 n;

	while (s < end && (*s == ' ' || *s == '-'))
		s++;
	for (k = s; k < end && ((*k >= 'a' && *k <= 'z') ||
	    (*k >= 'A' && *k <= 'Z') || (*k >= '0' && *k <= '9') ||
	    *k == '_' || *k == '-'); k++)
		continue;
	if (k == s || k == end || *k != ':' || (size_t)(k - s) >= size)
		return NULL;
	n = k - s;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

/* Start of the line before the one starting at s, or NULL at the first. */
static const char *
yamltree_prev_line(const struct yt_parse *p, const char *s)
{
	if (s == p->buf)
		return NULL;
	for (s--; s > p->buf && s[-1] != '\n'; s--)
		continue;
	return s;
}

/* A tab in the indentation of a line up to last: its line and column. One
 * pass over the buffer, however long. */
static int
yamltree_find_tab(const struct yt_parse *p, unsigned last, unsigned *line,
    unsigned *col)
{
	const char	*s = p->buf, *end = p->buf + p->len, *nl;
	unsigned	 l, c;

	for (l = 1; l <= last && s < end; l++) {
		for (c = 1; s < end && (*s == ' ' || *s == '-' || *s == '\t');
		    s++, c++) {
			if (*s == '\t') {
				*line = l;
				*col = c;
				return 0;
			}
		}
		if ((nl = memchr(s, '\n', end - s)) == NULL)
			break;
		s = nl + 1;
	}
	return -1;
}

/* Explain a key indented wrongly at line, from the lines above it: which
 * step it seems to belong to, and how far its neighbours are indented. */
static int
yamltree_explain_indent(struct yt_parse *p, unsigned line)
{
	const char	*s, *t;
	char		 key[64], prev[64], kind[64];
	int		 ind, pind = -1, sind, bind = -1;
	unsigned	 l, pline = 0;

	if ((s = yamltree_line(p, line)) == NULL ||
	    (ind = yamltree_indent(p, s)) < 0 ||
	    yamltree_line_key(p, s, key, sizeof key) == NULL)
		return -1;
	/* The nearest key above, and the nearest step ('- kind:') above. */
	for (l = line - 1, t = yamltree_prev_line(p, s); l > 0 && t != NULL;
	    l--, t = yamltree_prev_line(p, t)) {
		if ((sind = yamltree_indent(p, t)) < 0)
			continue;
		if (pline == 0 && yamltree_line_key(p, t, prev,
		    sizeof prev) != NULL) {
			pline = l;
			pind = sind + (t[sind] == '-' ? 2 : 0);
		}
		if (sind < ind && t[sind] == '-' &&
		    yamltree_line_key(p, t, kind, sizeof kind) != NULL) {
			if (bind < 0)
				bind = pline > l ? pind : sind + 2;
			diags_add(p->diags, DIAG_ERROR, p->file, line, ind + 1,
			    "'%s' seems to belong to the '%s' step on line %u, "
			    "but it is indented %d spaces where that step's "
			    "keys have %d; line it up with them (spaces only, 2 "
			    "per level)", key, kind, l, ind, bind);
			return 0;
		}
		if (sind < ind && t[sind] != '-')
			break;
	}
	if (pline == 0 || pind == ind)
		return -1;
	diags_add(p->diags, DIAG_ERROR, p->file, line, ind + 1, "'%s' is "
	    "indented %d space%s, but '%s' above it on line %u has %d; line "
	    "it up with '%s' (spaces only, 2 per level)", key, ind,
	    ind == 1 ? "" : "s", prev, pline, pind, prev);
	return 0;
}

/* Say what libyaml's complaint means for a routine author, if we can: a tab
 * in the indentation, or a key indented wrongly. */
static int
yamltree_explain(struct yt_parse *p, unsigned line)
{
	const char	*problem = p->parser.problem;
	unsigned	 tl, tc;

	if (yamltree_find_tab(p, line, &tl, &tc) == 0) {
		diags_add(p->diags, DIAG_ERROR, p->file, tl, tc, "tabs cannot "
		    "indent YAML; use spaces (2 per level)");
		return 0;
	}
	if (strcmp(problem, "did not find expected key") == 0 ||
	    strcmp(problem, "mapping values are not allowed in this "
	    "context") == 0 ||
	    strcmp(problem, "did not find expected '-' indicator") == 0)
		return yamltree_explain_indent(p, line);
	return -1;
}

/* Report libyaml's syntax error at its problem mark. */
static void
yamltree_syntax_error(struct yt_parse *p)
{
	yaml_parser_t	*y = &p->parser;
	yaml_mark_t	 m = y->problem_mark;
	unsigned	 line, col;

	/* Read in chunks, the text is not at hand to explain the error:
	 * the caller reads the file whole and parses it again. */
	if (p->buf == NULL)
		return;
	if (y->error == YAML_MEMORY_ERROR) {
		diags_add(p->diags, DIAG_ERROR, p->file, 1, 1, "out of memory");
		return;
	}
	if (y->problem == NULL) {
		diags_add(p->diags, DIAG_ERROR, p->file, 1, 1,
		    "YAML syntax error");
		return;
	}
	if (y->error == YAML_READER_ERROR) {
		yamltree_offset(p, y->problem_offset, &line, &col);
		diags_add(p->diags, DIAG_ERROR, p->file, line, col,
		    "%s (at byte %zu)", y->problem, y->problem_offset);
		return;
	}
	if (yamltree_explain(p, m.line + 1) == 0)
		return;
	diags_add(p->diags, DIAG_ERROR, p->file, m.line + 1, m.column + 1,
	    "%s%s%s", y->problem, y->context ? " " : "",
	    y->context ? y->context : "");
}

/* Read the next event; -1 after reporting a syntax error. */
static int
yamltree_event(struct yt_parse *p, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&p->parser, ev)) {
		yamltree_syntax_error(p);
		return -1;
	}
	return 0;
}

/* Build the node that starts with ev (consumed), recursing into children. */
static struct yt_node *
yamltree_build(struct yt_parse *p, yaml_event_t *ev, unsigned depth)
{
	struct yt_node	*n, *kid;
	yaml_event_t	 next;
	yaml_event_type_t end;

	if (++p->nodes > YT_MAX_NODES) {
		diags_add(p->diags, DIAG_ERROR, p->file,
		    ev->start_mark.line + 1, ev->start_mark.column + 1,
		    "too many YAML nodes (at most %d)", YT_MAX_NODES);
		yaml_event_delete(ev);
		return NULL;
	}
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		diags_add(p->diags, DIAG_ERROR, p->file,
		    ev->start_mark.line + 1, ev->start_mark.column + 1,
		    "YAML aliases are not allowed in routine files");
		yaml_event_delete(ev);
		return NULL;
	case YAML_SCALAR_EVENT:
		if (memchr(ev->data.scalar.value, '\0',
		    ev->data.scalar.length) != NULL) {
			/* C strings would end there and hide the rest. */
			diags_add(p->diags, DIAG_ERROR, p->file,
			    ev->start_mark.line + 1, ev->start_mark.column + 1,
			    "a NUL character (\\0) is not allowed");
			yaml_event_delete(ev);
			return NULL;
		}
		n = yamltree_node(p, YT_SCALAR, ev, depth);
		n->len = ev->data.scalar.length;
		if (n->len < YT_SHORT) {
			/* Copied into the tree's blocks, so that libyaml's
			 * own, freed at once, is used again for the next. */
			n->value = yamltree_alloc(p, n->len + 1);
			memcpy(n->value, ev->data.scalar.value, n->len);
		} else {
			/* libyaml's copy, NUL-ended and from malloc(), is
			 * kept rather than copied once more (and can be
			 * lent to a struct). */
			n->value = (char *)ev->data.scalar.value;
			ev->data.scalar.value = NULL;
			n->heap = true;
			p->heap = true;
		}
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		yaml_event_delete(ev);
		return n;
	case YAML_MAPPING_START_EVENT:
	case YAML_SEQUENCE_START_EVENT:
		break;
	default:
		diags_add(p->diags, DIAG_ERROR, p->file,
		    ev->start_mark.line + 1, ev->start_mark.column + 1,
		    "unexpected YAML event");
		yaml_event_delete(ev);
		return NULL;
	}
	if (ev->type == YAML_MAPPING_START_EVENT) {
		n = yamltree_node(p, YT_MAP, ev, depth);
		end = YAML_MAPPING_END_EVENT;
	} else {
		n = yamltree_node(p, YT_SEQ, ev, depth);
		end = YAML_SEQUENCE_END_EVENT;
	}
	if (depth >= YT_MAX_DEPTH) {
		diags_add(p->diags, DIAG_ERROR, p->file, n->line, n->col,
		    "nesting is too deep (at most %d levels)", YT_MAX_DEPTH);
		yaml_event_delete(ev);
		yamltree_free(n);
		return NULL;
	}
	yaml_event_delete(ev);
	for (;;) {
		if (yamltree_event(p, &next) != 0)
			goto fail;
		if (next.type == end) {
			n->end_line = next.end_mark.line + 1;
			n->end_col = next.end_mark.column + 1;
			yaml_event_delete(&next);
			return n;
		}
		if ((kid = yamltree_build(p, &next, depth + 1)) == NULL)
			goto fail;
		yamltree_append(p, n, kid);
	}
fail:
	yamltree_free(n);
	return NULL;
}

/* Skip events up to the first document's root node and build it. */
static struct yt_node *
yamltree_document(struct yt_parse *p, const char *empty_msg)
{
	yaml_event_t	 ev;
	struct yt_node	*root = NULL;

	for (;;) {
		if (yamltree_event(p, &ev) != 0)
			return NULL;
		switch (ev.type) {
		case YAML_STREAM_START_EVENT:
		case YAML_DOCUMENT_START_EVENT:
			yaml_event_delete(&ev);
			continue;
		case YAML_STREAM_END_EVENT:
			if (empty_msg != NULL)
				diags_add(p->diags, DIAG_ERROR, p->file, 1, 1,
				    "%s", empty_msg);
			yaml_event_delete(&ev);
			return NULL;
		default:
			break;
		}
		break;
	}
	if ((root = yamltree_build(p, &ev, 0)) == NULL)
		return NULL;
	/* Document end, then either stream end or a second document. */
	if (yamltree_event(p, &ev) != 0)
		goto fail;
	yaml_event_delete(&ev);
	if (yamltree_event(p, &ev) != 0)
		goto fail;
	if (ev.type != YAML_STREAM_END_EVENT) {
		diags_add(p->diags, DIAG_ERROR, p->file,
		    ev.start_mark.line + 1, ev.start_mark.column + 1,
		    "only one YAML document is allowed in a file");
		yaml_event_delete(&ev);
		goto fail;
	}
	yaml_event_delete(&ev);
	/* The blocks go with the tree. */
	((struct yt_tree *)(void *)root)->blocks = p->blocks;
	((struct yt_tree *)(void *)root)->heap = p->heap;
	p->blocks = NULL;
	return root;
fail:
	yamltree_free(root);
	return NULL;
}

/* Set up a parse of file, its diagnostics into diags; its input is set
 * by the caller. */
static void
yamltree_begin(struct yt_parse *p, const char *file, struct diags *diags)
{
	memset(p, 0, sizeof *p);
	p->file = file;
	p->diags = diags;
	if (!yaml_parser_initialize(&p->parser))
		fatalx("yaml_parser_initialize failed");
}

/* Build the tree of a parse set up by yamltree_begin, and end it. */
static struct yt_node *
yamltree_end(struct yt_parse *p, const char *empty_msg)
{
	struct yt_node	*root;

	root = yamltree_document(p, empty_msg);
	yaml_parser_delete(&p->parser);
	/* A tree that was not made leaves its blocks here. */
	yamltree_blocks_free(p->blocks);
	p->blocks = NULL;
	return root;
}

/* Parse a buffer into a tree. */
struct yt_node *
yamltree_parse(const char *file, const char *buf, size_t len,
    const char *empty_msg, struct diags *diags)
{
	struct yt_parse	 p;

	yamltree_begin(&p, file, diags);
	p.buf = buf != NULL ? buf : "";
	p.len = len;
	yaml_parser_set_input_string(&p.parser, (const unsigned char *)p.buf,
	    len);
	return yamltree_end(&p, empty_msg);
}

/* libyaml's read handler: the next bytes of the file; an error (0) if it
 * cannot be read or holds more than the limit. */
static int
yamltree_read_fd(void *data, unsigned char *buf, size_t size, size_t *got)
{
	struct yt_parse	*p = data;
	ssize_t		 n;

	while ((n = read(p->fd, buf, size)) == -1 && errno == EINTR)
		continue;
	if (n < 0 || (size_t)n > p->left)
		return 0;
	p->left -= n;
	*got = n;
	return 1;
}

/* Parse an open file read in chunks, so that its text is never held whole
 * beside the tree. */
struct yt_node *
yamltree_read(const char *file, int fd, size_t max)
{
	struct yt_parse	 p;
	struct yt_node	*root;
	struct diags	 d;

	diags_init(&d);
	yamltree_begin(&p, file, &d);
	p.fd = fd;
	p.left = max;
	yaml_parser_set_input(&p.parser, yamltree_read_fd, &p);
	root = yamltree_end(&p, NULL);
	diags_free(&d);
	return root;
}

/* Free the values kept apart of a node and of the nodes under it. */
static void
yamltree_free_heap(struct yt_node *n)
{
	size_t	i;

	for (i = 0; i < n->n; i++)
		yamltree_free_heap(n->kids[i]);
	if (n->heap && !n->lent)
		free(n->value);
	n->heap = false;
}

/* Free a tree. A node under the root (a subtree given up while the tree
 * is built) gives up only the values kept apart, its memory going with
 * the tree's blocks. */
void
yamltree_free(struct yt_node *n)
{
	struct yt_tree	*t;

	if (n == NULL)
		return;
	if (!n->root) {
		yamltree_free_heap(n);
		return;
	}
	t = (struct yt_tree *)(void *)n;
	/* A tree still being built (t->heap not yet set) may have some. */
	if (t->heap || t->blocks == NULL)
		yamltree_free_heap(n);
	yamltree_blocks_free(t->blocks);
	free(t);
}

/* Index of key's key node in a mapping, or -1. */
static long
yamltree_find(const struct yt_node *map, const char *key)
{
	size_t	i;

	if (map == NULL || map->type != YT_MAP)
		return -1;
	for (i = 0; i + 1 < map->n; i += 2) {
		/* The first byte tells most keys apart without a call. */
		if (map->kids[i]->type == YT_SCALAR &&
		    map->kids[i]->value[0] == key[0] &&
		    strcmp(map->kids[i]->value, key) == 0)
			return (long)i;
	}
	return -1;
}

/* The value node for key. */
struct yt_node *
yamltree_get(const struct yt_node *map, const char *key)
{
	long	i = yamltree_find(map, key);

	return i < 0 ? NULL : map->kids[i + 1];
}

/* The key node for key. */
struct yt_node *
yamltree_key(const struct yt_node *map, const char *key)
{
	long	i = yamltree_find(map, key);

	return i < 0 ? NULL : map->kids[i];
}
