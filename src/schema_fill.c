/* SPDX-License-Identifier: GPL-3.0-or-later */
/* schema_fill.c: fill a document's struct from its checked tree, driven
 * by the same libcyaml schema, so that a file is parsed once. It does
 * what libcyaml's loader does for the types and flags our schemas use,
 * and gives up (-1, nothing kept) on anything else, for the caller to
 * load the text with libcyaml instead. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "schema.h"
#include "util.h"

/* Flags that change how a value is read and that this file does not
 * follow: libcyaml reads those. */
#define SCHEMA_FILL_FOREIGN	(CYAML_FLAG_POINTER_NULL_STR & \
	~CYAML_FLAG_POINTER) | CYAML_FLAG_STRICT | CYAML_FLAG_CASE_INSENSITIVE

/* The values libcyaml reads as false (any other is true). */
static const char *const schema_fill_false[] = {
	"false", "no", "off", "disable", "0",
};

static int	schema_fill_value(struct yt_node *,
		    const cyaml_schema_value_t *, uint8_t *);

/* Write v as an unsigned integer of size bytes at p; -1 for a size that
 * is no integer's. */
static int
schema_fill_write(uint64_t v, uint32_t size, uint8_t *p)
{
	uint8_t		u8 = (uint8_t)v;
	uint16_t	u16 = (uint16_t)v;
	uint32_t	u32 = (uint32_t)v;

	switch (size) {
	case 1:
		memcpy(p, &u8, 1);
		return 0;
	case 2:
		memcpy(p, &u16, 2);
		return 0;
	case 4:
		memcpy(p, &u32, 4);
		return 0;
	case 8:
		memcpy(p, &v, 8);
		return 0;
	}
	return -1;
}

/* A signed integer as libcyaml reads it (strtoll, base 0, in range). */
static int
schema_fill_int(const cyaml_schema_value_t *s, const char *text,
    uint8_t *p)
{
	long long	 v;
	int64_t		 max, min;
	char		*end;

	if (s->data_size == 0 || s->data_size > 8)
		return -1;
	max = (int64_t)((UINT64_MAX >> ((8 - s->data_size) * 8)) / 2);
	min = -max - 1;
	errno = 0;
	v = strtoll(text, &end, 0);
	if (end == text || errno == ERANGE || v < min || v > max)
		return -1;
	return schema_fill_write((uint64_t)v, s->data_size, p);
}

/* An unsigned integer as libcyaml reads it (strtoull, base 0). */
static int
schema_fill_uint(const cyaml_schema_value_t *s, const char *text,
    uint8_t *p)
{
	unsigned long long	 v;
	char			*end;

	if (s->data_size == 0 || s->data_size > 8)
		return -1;
	errno = 0;
	v = strtoull(text, &end, 0);
	if (end == text || errno == ERANGE ||
	    v > (UINT64_MAX >> ((8 - s->data_size) * 8)))
		return -1;
	return schema_fill_write(v, s->data_size, p);
}

/* A boolean: false for libcyaml's false words in any case, else true.
 * Text outside ASCII is left to libcyaml (its case folding is
 * Unicode's). */
static int
schema_fill_bool(const cyaml_schema_value_t *s, const char *text,
    uint8_t *p)
{
	const char	*c;
	size_t		 i;
	bool		 v = true;

	for (c = text; *c != '\0'; c++) {
		if ((unsigned char)*c >= 0x80)
			return -1;
	}
	for (i = 0; i < nitems(schema_fill_false); i++) {
		if (strcasecmp(text, schema_fill_false[i]) == 0)
			v = false;
	}
	return schema_fill_write(v, s->data_size, p);
}

/* An enumeration's value for its name; -1 if none (libcyaml would try
 * a number). */
static int
schema_fill_name(const cyaml_schema_value_t *s, const char *text,
    int64_t *v)
{
	uint32_t	i;

	for (i = 0; i < s->enumeration.count; i++) {
		if (strcmp(text, s->enumeration.strings[i].str) == 0) {
			*v = s->enumeration.strings[i].val;
			return 0;
		}
	}
	return -1;
}

/* A float or double as libcyaml reads it (strtof or strtod; out of
 * range is kept as the conversion left it). */
static int
schema_fill_float(const cyaml_schema_value_t *s, const char *text,
    uint8_t *p)
{
	char	*end;
	float	 f;
	double	 d;

	if (s->data_size == sizeof f) {
		f = strtof(text, &end);
		memcpy(p, &f, sizeof f);
	} else if (s->data_size == sizeof d) {
		d = strtod(text, &end);
		memcpy(p, &d, sizeof d);
	} else
		return -1;
	return end == text ? -1 : 0;
}

/* Whether a scalar's length is within its string's bounds. */
static bool
schema_fill_fits(const struct yt_node *n, const cyaml_schema_value_t *s)
{
	return n->len >= s->string.min && n->len <= s->string.max;
}

/* A scalar into p (which a pointer's allocation already replaced). */
static int
schema_fill_scalar(const struct yt_node *n, const cyaml_schema_value_t *s,
    uint8_t *p)
{
	int64_t	v;

	if (n->type != YT_SCALAR || strlen(n->value) != n->len)
		return -1;
	switch (s->type) {
	case CYAML_INT:
		return schema_fill_int(s, n->value, p);
	case CYAML_UINT:
		return schema_fill_uint(s, n->value, p);
	case CYAML_BOOL:
		return schema_fill_bool(s, n->value, p);
	case CYAML_ENUM:
		if (schema_fill_name(s, n->value, &v) != 0)
			return -1;
		/* libcyaml writes an enumeration's value as 32 bits. */
		return schema_fill_write((uint32_t)v, s->data_size, p);
	case CYAML_FLOAT:
		return schema_fill_float(s, n->value, p);
	case CYAML_STRING:
		if (!schema_fill_fits(n, s))
			return -1;
		memcpy(p, n->value, n->len + 1);
		return 0;
	default:
		return -1;
	}
}

/* A sequence of names OR'ed together. */
static int
schema_fill_flags(const struct yt_node *n, const cyaml_schema_value_t *s,
    uint8_t *p)
{
	uint64_t	all = 0;
	int64_t		v;
	size_t		i;

	if (n->type != YT_SEQ)
		return -1;
	for (i = 0; i < n->n; i++) {
		if (n->kids[i]->type != YT_SCALAR ||
		    schema_fill_name(s, n->kids[i]->value, &v) != 0)
			return -1;
		all |= (uint64_t)v;
	}
	return schema_fill_write(all, s->data_size, p);
}

/* The field of a mapping for key, NULL if none. */
static const cyaml_schema_field_t *
schema_fill_field(const cyaml_schema_field_t *f, const char *key)
{
	for (; f->key != NULL; f++) {
		if (f->key[0] == key[0] && strcmp(f->key, key) == 0)
			return f;
	}
	return NULL;
}

/* True if the mapping has every field that is not optional. */
static bool
schema_fill_complete(const struct yt_node *n, const cyaml_schema_field_t *f)
{
	for (; f->key != NULL; f++) {
		if ((~f->value.flags & CYAML_FLAG_OPTIONAL) &&
		    yamltree_key(n, f->key) == NULL)
			return false;
	}
	return true;
}

/* A mapping's fields into the struct at p; a sequence's count goes
 * beside it, written before its entries so a partial fill frees. */
static int
schema_fill_mapping(struct yt_node *n, const cyaml_schema_value_t *s,
    uint8_t *p)
{
	const cyaml_schema_field_t	*f;
	size_t				 i;

	if (n->type != YT_MAP || !schema_fill_complete(n, s->mapping.fields))
		return -1;
	for (i = 0; i + 1 < n->n; i += 2) {
		if (n->kids[i]->type != YT_SCALAR ||
		    yamltree_key(n, n->kids[i]->value) != n->kids[i] ||
		    (f = schema_fill_field(s->mapping.fields,
		    n->kids[i]->value)) == NULL)
			return -1;
		if (f->value.type == CYAML_IGNORE)
			continue;
		/* The count first, so that a fill that stops half-way
		 * frees every entry; never more than the entries room. */
		if ((f->value.type == CYAML_SEQUENCE) &&
		    (n->kids[i + 1]->type != YT_SEQ ||
		    n->kids[i + 1]->n > f->value.sequence.max ||
		    schema_fill_write(n->kids[i + 1]->n, f->count_size,
		    p + f->count_offset) != 0))
			return -1;
		if (schema_fill_value(n->kids[i + 1], &f->value,
		    p + f->data_offset) != 0)
			return -1;
	}
	return 0;
}

/* A sequence's entries at p, one data_size apart. */
static int
schema_fill_sequence(struct yt_node *n, const cyaml_schema_value_t *s,
    uint8_t *p)
{
	size_t	i;

	/* A sequence of sequences (whose count would have nowhere to go)
	 * and a fixed one of a range are libcyaml's to refuse. */
	if (n->type != YT_SEQ || n->n < s->sequence.min ||
	    n->n > s->sequence.max ||
	    s->sequence.entry->type == CYAML_SEQUENCE ||
	    s->sequence.entry->type == CYAML_SEQUENCE_FIXED ||
	    (s->type == CYAML_SEQUENCE_FIXED &&
	    (n->n != s->sequence.max || s->sequence.min != s->sequence.max)))
		return -1;
	for (i = 0; i < n->n; i++) {
		if (schema_fill_value(n->kids[i], s->sequence.entry,
		    p + i * s->data_size) != 0)
			return -1;
	}
	return 0;
}

/* The bytes a pointer value needs, 0 for none (an empty sequence). */
static size_t
schema_fill_size(const struct yt_node *n, const cyaml_schema_value_t *s)
{
	switch (s->type) {
	case CYAML_STRING:
		return n->type == YT_SCALAR ? n->len + 1 : 1;
	case CYAML_SEQUENCE:
		return n->type == YT_SEQ ? n->n * s->data_size : 0;
	case CYAML_SEQUENCE_FIXED:
		return (size_t)s->sequence.max * s->data_size;
	default:
		return s->data_size;
	}
}

/* A string the struct points to: a long scalar's own copy in the tree,
 * lent (it outlives the tree; yamltree_free() leaves it), not a second
 * one; a short one's, which is in the tree's blocks, copied. */
static int
schema_fill_lend(struct yt_node *n, const cyaml_schema_value_t *s,
    uint8_t *slot)
{
	char	*v = n->value;

	if (!schema_fill_fits(n, s))
		return -1;
	if (n->heap)
		n->lent = true;
	else {
		v = xmalloc(n->len + 1);
		memcpy(v, n->value, n->len + 1);
	}
	memcpy(slot, &v, sizeof v);
	return 0;
}

/* Take back every string of the tree lent to a struct about to be freed:
 * a copy of each, for the tree to read on. */
static void
schema_fill_unlend(struct yt_node *n)
{
	size_t	i;

	if (n->lent) {
		n->value = xstrdup(n->value);
		n->lent = false;
	}
	for (i = 0; i < n->n; i++)
		schema_fill_unlend(n->kids[i]);
}

/* One value into its place at slot: for a pointer, its allocation,
 * whose address goes at slot first. */
static int
schema_fill_value(struct yt_node *n, const cyaml_schema_value_t *s,
    uint8_t *slot)
{
	uint8_t	*p = slot;
	size_t	 size;

	if (s->flags & (SCHEMA_FILL_FOREIGN))
		return -1;
	if (s->type == CYAML_STRING && (s->flags & CYAML_FLAG_POINTER) &&
	    n->type == YT_SCALAR && !n->lent)
		return schema_fill_lend(n, s, slot);
	if ((s->flags & CYAML_FLAG_POINTER) &&
	    (size = schema_fill_size(n, s)) > 0) {
		p = xcalloc(1, size);
		memcpy(slot, &p, sizeof p);
	}
	switch (s->type) {
	case CYAML_MAPPING:
		return schema_fill_mapping(n, s, p);
	case CYAML_SEQUENCE:
	case CYAML_SEQUENCE_FIXED:
		return schema_fill_sequence(n, s, p);
	case CYAML_FLAGS:
		return schema_fill_flags(n, s, p);
	default:
		return schema_fill_scalar(n, s, p);
	}
}

/* See schema.h. */
int
schema_fill(struct yt_node *root, const cyaml_schema_value_t *s,
    void **out)
{
	*out = NULL;
	if (root == NULL || (~s->flags & CYAML_FLAG_POINTER) ||
	    s->type != CYAML_MAPPING)
		return -1;
	if (schema_fill_value(root, s, (uint8_t *)out) != 0) {
		schema_fill_unlend(root);
		schema_free(s, *out);
		*out = NULL;
		return -1;
	}
	return 0;
}
