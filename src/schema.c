/* SPDX-License-Identifier: GPL-3.0-or-later */
/* schema.c: strict, positioned checks of a YAML tree against a libcyaml
 * schema, so that libcyaml only ever sees input it will load exactly. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "text.h"
#include "util.h"

struct schema_ctx {
	const char			*file;
	struct diags			*diags;
	unsigned			 errors;
	const struct schema_doc		*doc;
	const cyaml_schema_field_t	*kinds;	/* a step's kinds, or NULL */
	const cyaml_schema_field_t	*root;	/* the top level's fields */
};

/* Routine files: the default kind of document. */
static const struct schema_doc schema_routine_doc = {
	"the file", NULL, "id: my-routine"
};

/* The config file. */
const struct schema_doc schema_config_doc = {
	"the config", "the config file", "volume: 70"
};

static void	schema_value(struct schema_ctx *, const struct yt_node *,
		    const cyaml_schema_value_t *, const char *);

/* Report an error at a node; returns it, for a suggested fix. */
static struct diag * __attribute__((format(printf, 3, 4)))
schema_error(struct schema_ctx *c, const struct yt_node *n,
    const char *fmt, ...)
{
	va_list		 ap;
	char		*msg;
	struct diag	*dg;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	dg = diags_add(c->diags, DIAG_ERROR, c->file, n->line, n->col, "%s",
	    msg);
	dg->end_line = n->end_line;
	dg->end_col = n->end_col;
	free(msg);
	c->errors++;
	return dg;
}

/* Edit distance of two short strings, counting a swap of neighbours as
 * one edit (optimal string alignment), capped at 9. */
static unsigned
schema_distance(const char *a, const char *b)
{
	size_t		la = strlen(a), lb = strlen(b), i, j;
	unsigned	d[65][65], best;

	if (la > 64 || lb > 64)
		return 9;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb] > 9 ? 9 : d[la][lb];
}

/* The word of n nearest to word, if it is near enough to be a typo. */
const char *
schema_suggest(const char *word, const char *const *words, size_t n)
{
	const char	*best = NULL;
	unsigned	 d, bestd = 9, limit;
	size_t		 i;

	limit = strlen(word) <= 4 ? 1 : (strlen(word) <= 8 ? 2 : 3);
	for (i = 0; i < n; i++) {
		d = schema_distance(word, words[i]);
		if (d < bestd) {
			bestd = d;
			best = words[i];
		}
	}
	return bestd <= limit ? best : NULL;
}

/* The known key nearest to key, if it is near enough to be a typo. */
static const char *
schema_nearest(const cyaml_schema_field_t *fields, const char *key)
{
	const char	*v[64];
	size_t		 n;

	for (n = 0; n < nitems(v) && fields[n].key != NULL; n++)
		v[n] = fields[n].key;
	return schema_suggest(key, v, n);
}

/* Append sep and word to an allocated string. */
static void
schema_append(char **s, const char *sep, const char *word)
{
	char	*t;

	xasprintf(&t, "%s%s%s", *s, sep, word);
	free(*s);
	*s = t;
}

/* The allowed words of an enumeration, joined with ", " (allocated). */
static char *
schema_words(const cyaml_strval_t *v, uint32_t n, const char **out,
    size_t max)
{
	char		*s = xstrdup("");
	uint32_t	 i;

	for (i = 0; i < n; i++) {
		if (i < max)
			out[i] = v[i].str;
		schema_append(&s, i ? ", " : "", v[i].str);
	}
	return s;
}

/* Report a word that is not one of an enumeration's, with the nearest. */
static void
schema_bad_word(struct schema_ctx *c, const struct yt_node *n,
    const cyaml_schema_value_t *s, const char *key)
{
	const char	*v[32], *near;
	char		*all;
	uint32_t	 count = s->enumeration.count;
	struct diag	*dg;

	all = schema_words(s->enumeration.strings, count, v, nitems(v));
	near = schema_suggest(n->value, v, count < nitems(v) ? count :
	    nitems(v));
	if (near != NULL) {
		dg = schema_error(c, n, "'%s' is not a valid value for '%s'; "
		    "did you mean '%s'? ('%s' takes %s)", n->value, key, near,
		    key, all);
		dg->fix = xstrdup(near);
	} else
		schema_error(c, n, "'%s' is not a valid value for '%s' "
		    "('%s' takes %s)", n->value, key, key, all);
	free(all);
}

/* What a schema type is called in messages, in the author's words. */
static const char *
schema_type_name(const cyaml_schema_value_t *s)
{
	switch (s->type) {
	case CYAML_INT:
	case CYAML_UINT:
		return "a whole number";
	case CYAML_FLOAT:
		return "a number of seconds";
	case CYAML_BOOL:
		return "true or false";
	case CYAML_STRING:
	case CYAML_ENUM:
		return "a single value";
	case CYAML_MAPPING:
		return "keys with values (like 'seconds: 30')";
	case CYAML_FLAGS:
	case CYAML_SEQUENCE:
	case CYAML_SEQUENCE_FIXED:
		return "a list";
	default:
		return "a value";
	}
}

/* How a node looks, for "expected X, found Y". */
static const char *
schema_node_name(const struct yt_node *n)
{
	if (n->type == YT_MAP)
		return "keys with values";
	if (n->type == YT_SEQ)
		return "a list";
	if (n->plain && (n->len == 0 || strcmp(n->value, "~") == 0 ||
	    strcmp(n->value, "null") == 0))
		return "nothing";
	return "a single value";
}

/* Parse a strict unsigned decimal. */
int
schema_parse_uint(const char *s, unsigned long long max,
    unsigned long long *out)
{
	unsigned long long	 v = 0;
	const char		*p;

	if (s[0] == '\0' || (s[0] == '0' && s[1] != '\0'))
		return -1;
	for (p = s; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		if (v > (max - (unsigned)(*p - '0')) / 10)
			return -1;
		v = v * 10 + (unsigned)(*p - '0');
	}
	*out = v;
	return 0;
}

/* True if s is a whole number in plain digits, of any size. */
static int
schema_is_digits(const char *s)
{
	return s[0] != '\0' && strspn(s, "0123456789") == strlen(s) &&
	    (s[0] != '0' || s[1] == '\0');
}

/* True if s is a plain decimal number with an optional fraction, short
 * enough to be exact. */
static int
schema_is_decimal(const char *s)
{
	return util_is_decimal(s) && strlen(s) <= 12;
}

/* Check a scalar against a scalar schema. */
static void
schema_scalar(struct schema_ctx *c, const struct yt_node *n,
    const cyaml_schema_value_t *s, const char *key)
{
	unsigned long long	 v, max;
	size_t			 bad;
	uint32_t		 i;

	switch (s->type) {
	case CYAML_UINT:
	case CYAML_INT:
		max = s->data_size >= 8 ? ULLONG_MAX :
		    (1ULL << (8 * s->data_size - (s->type == CYAML_INT))) - 1;
		if (!n->plain)
			schema_error(c, n, "'%s' must be a whole number "
			    "without quotes", key);
		else if (!schema_is_digits(n->value))
			schema_error(c, n, "'%s' must be a whole number "
			    "written in plain digits, not '%s'", key, n->value);
		else if (schema_parse_uint(n->value, max, &v) != 0)
			schema_error(c, n, "'%s' is too large: %s (at most "
			    "%llu)", key, n->value, max);
		break;
	case CYAML_FLOAT:
		if (!n->plain)
			schema_error(c, n, "'%s' must be a number of seconds "
			    "without quotes", key);
		else if (!schema_is_decimal(n->value))
			schema_error(c, n, "'%s' must be a number of seconds "
			    "like 4 or 5.5, not '%s'", key, n->value);
		break;
	case CYAML_BOOL:
		if (!n->plain || (strcmp(n->value, "true") != 0 &&
		    strcmp(n->value, "false") != 0))
			schema_error(c, n, "'%s' must be true or false", key);
		break;
	case CYAML_ENUM:
		for (i = 0; i < s->enumeration.count; i++) {
			if (strcmp(s->enumeration.strings[i].str,
			    n->value) == 0)
				return;
		}
		schema_bad_word(c, n, s, key);
		break;
	case CYAML_STRING:
		if (text_is_unsafe(n->value, n->len,
		    s->string.max > SCHEMA_NAME_MAX, &bad)) {
			schema_error(c, n, "'%s' contains a control character, "
			    "escape sequence or invalid UTF-8 (byte %zu)", key,
			    bad + 1);
			break;
		}
		if (n->len < s->string.min)
			schema_error(c, n, "'%s' must not be empty", key);
		else if (n->len > s->string.max)
			schema_error(c, n, "'%s' is too long (%zu bytes, at "
			    "most %u)", key, n->len, s->string.max);
		break;
	default:
		break;
	}
}

/* All the keys of fields, joined with ", " or, before the last (allocated). */
static char *
schema_keys(const cyaml_schema_field_t *fields)
{
	char	*s = xstrdup("");
	size_t	 i;

	for (i = 0; fields[i].key != NULL; i++)
		schema_append(&s, i == 0 ? "" : fields[i + 1].key == NULL ?
		    " or " : ", ", fields[i].key);
	return s;
}

/* Report a key the mapping does not know, with the nearest known one; a
 * step's unknown key is an unknown step kind. */
static void
schema_unknown_key(struct schema_ctx *c, const struct yt_node *k,
    const cyaml_schema_field_t *fields, const char *key)
{
	const char	*near = schema_nearest(fields, k->value);
	char		*all, *where;
	struct diag	*dg;

	if (fields == c->kinds) {
		all = schema_keys(fields);
		if (near != NULL)
			dg = schema_error(c, k, "unknown step kind '%s'; did "
			    "you mean '%s'? A step is one of %s", k->value,
			    near, all);
		else
			dg = schema_error(c, k, "unknown step kind '%s'; a "
			    "step is one of %s", k->value, all);
		free(all);
	} else {
		if (fields != c->root)
			xasprintf(&where, " in '%s'", key);
		else if (c->doc->where != NULL)
			xasprintf(&where, " in %s", c->doc->where);
		else
			where = xstrdup("");
		if (near != NULL)
			dg = schema_error(c, k, "unknown key '%s'%s; did you "
			    "mean '%s'?", k->value, where, near);
		else
			dg = schema_error(c, k, "unknown key '%s'%s",
			    k->value, where);
		free(where);
	}
	if (near != NULL)
		dg->fix = xstrdup(near);
}

/* The field called key, or NULL. */
static const cyaml_schema_field_t *
schema_field(const cyaml_schema_field_t *fields, const char *key)
{
	for (; fields != NULL && fields->key != NULL; fields++) {
		if (fields->key[0] == key[0] && strcmp(fields->key, key) == 0)
			return fields;
	}
	return NULL;
}

/* True if the i-th key of step n is not a kind but a key of the step's own
 * kind, put beside the kind instead of indented under it. */
static bool
schema_is_stray(struct schema_ctx *c, const struct yt_node *n, size_t i)
{
	const cyaml_schema_field_t	*kind;

	if (i < 2 || n->kids[0]->type != YT_SCALAR ||
	    n->kids[i]->type != YT_SCALAR ||
	    schema_field(c->kinds, n->kids[i]->value) != NULL ||
	    (kind = schema_field(c->kinds, n->kids[0]->value)) == NULL)
		return false;
	return schema_field(kind->value.mapping.fields,
	    n->kids[i]->value) != NULL;
}

/* Report, once for the step, keys that belong under its kind but are
 * indented like the kind; returns how many there are. */
static size_t
schema_step_strays(struct schema_ctx *c, const struct yt_node *n)
{
	const struct yt_node	*kind, *first = NULL;
	size_t			 i, count = 0;

	if (n->n < 2)
		return 0;
	kind = n->kids[0];
	for (i = 2; i + 1 < n->n; i += 2) {
		if (schema_is_stray(c, n, i)) {
			if (first == NULL)
				first = n->kids[i];
			count++;
		}
	}
	if (count == 1)
		schema_error(c, first, "'%s' belongs to the '%s' step on line "
		    "%u: indent it %u spaces, 2 more than '%s'", first->value,
		    kind->value, kind->line, kind->col + 1, kind->value);
	else if (count > 1)
		schema_error(c, first, "'%s' and the %s after it belong to the "
		    "'%s' step on line %u: indent them %u spaces, 2 more than "
		    "'%s'", first->value, count == 2 ? "key" : "other keys",
		    kind->value, kind->line, kind->col + 1, kind->value);
	return count;
}

/* True if a key of n is unknown and nearest to key: a missing key that is
 * only misspelt has been reported once already. */
static bool
schema_misspelt(const struct yt_node *n, const cyaml_schema_field_t *fields,
    const char *key)
{
	const char	*near;
	size_t		 i;

	for (i = 0; i + 1 < n->n; i += 2) {
		if (n->kids[i]->type != YT_SCALAR ||
		    schema_field(fields, n->kids[i]->value) != NULL)
			continue;
		near = schema_nearest(fields, n->kids[i]->value);
		if (near != NULL && strcmp(near, key) == 0)
			return true;
	}
	return false;
}

/* Check a mapping: known keys, no duplicates, required keys present. */
static void
schema_mapping(struct schema_ctx *c, const struct yt_node *n,
    const cyaml_schema_field_t *fields, const char *key)
{
	const cyaml_schema_field_t	*f;
	const struct yt_node		*k;
	size_t				 i, nf, strays;
	bool				*seen;

	/* One flag per known key: linear in the size of the mapping, so a
	 * mapping of many thousands of keys cannot stall the check. */
	for (nf = 0; fields[nf].key != NULL; nf++)
		continue;
	seen = xcalloc(nf + 1, sizeof *seen);
	strays = fields == c->kinds ? schema_step_strays(c, n) : 0;
	for (i = 0; i + 1 < n->n; i += 2) {
		k = n->kids[i];
		if (strays > 0 && (schema_is_stray(c, n, i) || (i == 0 &&
		    n->kids[1]->type == YT_SCALAR && n->kids[1]->len == 0)))
			continue;
		if (k->type != YT_SCALAR) {
			schema_error(c, k, "keys must be plain words");
			continue;
		}
		for (f = fields; f->key != NULL; f++) {
			if (f->key[0] == k->value[0] &&
			    strcmp(f->key, k->value) == 0)
				break;
		}
		if (f->key != NULL && seen[f - fields]) {
			schema_error(c, k, "duplicate key '%s'", k->value);
			continue;
		}
		if (f->key == NULL) {
			schema_unknown_key(c, k, fields, key);
			continue;
		}
		seen[f - fields] = true;
		schema_value(c, n->kids[i + 1], &f->value, f->key);
	}
	for (f = fields; f->key != NULL; f++) {
		if ((f->value.flags & CYAML_FLAG_OPTIONAL) != 0 ||
		    yamltree_key(n, f->key) != NULL ||
		    schema_misspelt(n, fields, f->key))
			continue;
		if (fields == c->root)
			schema_error(c, n, "%s needs '%s'; add a line "
			    "'%s: ...'", c->kinds != NULL ? "every routine" :
			    c->doc->name, f->key, f->key);
		else
			schema_error(c, n, "'%s' needs '%s'; add '%s: ...' "
			    "to it", key, f->key, f->key);
	}
	free(seen);
}

/* Check a sequence's length and each of its entries. */
static void
schema_sequence(struct schema_ctx *c, const struct yt_node *n,
    const cyaml_schema_value_t *s, const char *key)
{
	size_t	 i;

	if (s->type == CYAML_SEQUENCE_FIXED && n->n != s->sequence.min) {
		schema_error(c, n, "'%s' must have exactly %u entries, not %zu",
		    key, s->sequence.min, n->n);
		return;
	}
	if (n->n < s->sequence.min) {
		schema_error(c, n, "'%s' needs at least %u %s", key,
		    s->sequence.min, s->sequence.min == 1 ? "entry" :
		    "entries");
		return;
	}
	if (n->n > s->sequence.max) {
		schema_error(c, n, "'%s' has too many entries (%zu, at most %u)",
		    key, n->n, s->sequence.max);
		return;
	}
	for (i = 0; i < n->n; i++)
		schema_value(c, n->kids[i], s->sequence.entry, key);
}

/* Check flags: a list of known words without repeats. */
static void
schema_flags(struct schema_ctx *c, const struct yt_node *n,
    const cyaml_schema_value_t *s, const char *key)
{
	size_t		 i;
	uint32_t	 k;
	bool		*seen;

	seen = xcalloc(s->enumeration.count, sizeof *seen);
	if (n->n == 0)
		schema_error(c, n, "'%s' must not be empty", key);
	for (i = 0; i < n->n; i++) {
		if (n->kids[i]->type != YT_SCALAR) {
			schema_error(c, n->kids[i], "'%s' entries must be words",
			    key);
			continue;
		}
		for (k = 0; k < s->enumeration.count; k++) {
			if (strcmp(s->enumeration.strings[k].str,
			    n->kids[i]->value) == 0)
				break;
		}
		if (k == s->enumeration.count) {
			schema_bad_word(c, n->kids[i], s, key);
			continue;
		}
		if (seen[k])
			schema_error(c, n->kids[i], "'%s' is given twice "
			    "in '%s'", n->kids[i]->value, key);
		seen[k] = true;
	}
	free(seen);
}

/* Report a step that is not a kind with its keys. */
static void
schema_not_step(struct schema_ctx *c, const struct yt_node *n)
{
	const cyaml_schema_field_t	*f;
	char				*all;

	for (f = c->kinds; n->type == YT_SCALAR && f->key != NULL; f++) {
		if (strcmp(f->key, n->value) == 0) {
			schema_error(c, n, "a step is its kind with a colon, "
			    "then its keys indented below it: '- %s:'",
			    n->value);
			return;
		}
	}
	all = schema_keys(c->kinds);
	schema_error(c, n, "a step is its kind with a colon (like '- hold:'), "
	    "then its keys indented below it; found %s. A step is one of %s",
	    schema_node_name(n), all);
	free(all);
}

/* The value of a per-side field: a whole number, or one for each side. */
static const cyaml_schema_value_t schema_side_uint = {
	CYAML_VALUE_UINT(CYAML_FLAG_DEFAULT, unsigned)
};
static const cyaml_schema_field_t schema_side_fields[] = {
	{ .key = "left", .value = { CYAML_VALUE_UINT(CYAML_FLAG_OPTIONAL,
	    unsigned) } },
	{ .key = "right", .value = { CYAML_VALUE_UINT(CYAML_FLAG_OPTIONAL,
	    unsigned) } },
	CYAML_FIELD_END
};

/* Check a per-side field (SCHEMA_FIELD_SIDED): a whole number, or a
 * mapping of left and right to whole numbers. */
static void
schema_sided(struct schema_ctx *c, const struct yt_node *n, const char *key)
{
	if (n->type == YT_SCALAR)
		schema_scalar(c, n, &schema_side_uint, key);
	else if (n->type == YT_MAP)
		schema_mapping(c, n, schema_side_fields, key);
	else
		schema_error(c, n, "'%s' must be a whole number, or one for "
		    "each side like {left: 45, right: 30}, found %s", key,
		    schema_node_name(n));
}

/* Check any node against any schema value. */
static void
schema_value(struct schema_ctx *c, const struct yt_node *n,
    const cyaml_schema_value_t *s, const char *key)
{
	enum yt_type	 want;

	if (s->type == CYAML_IGNORE) {
		schema_sided(c, n, key);
		return;
	}
	switch (s->type) {
	case CYAML_MAPPING:
		want = YT_MAP;
		break;
	case CYAML_SEQUENCE:
	case CYAML_SEQUENCE_FIXED:
	case CYAML_FLAGS:
		want = YT_SEQ;
		break;
	default:
		want = YT_SCALAR;
		break;
	}
	if (n->type != want) {
		if (s->type == CYAML_MAPPING && s->mapping.fields == c->kinds)
			schema_not_step(c, n);
		else
			schema_error(c, n, "'%s' must be %s, found %s", key,
			    schema_type_name(s), schema_node_name(n));
		return;
	}
	switch (s->type) {
	case CYAML_MAPPING:
		schema_mapping(c, n, s->mapping.fields, key);
		break;
	case CYAML_SEQUENCE:
	case CYAML_SEQUENCE_FIXED:
		schema_sequence(c, n, s, key);
		break;
	case CYAML_FLAGS:
		schema_flags(c, n, s, key);
		break;
	default:
		schema_scalar(c, n, s, key);
		break;
	}
}

/* Check a whole tree of the kind doc says, whose steps (if any) have the
 * kinds given. */
static unsigned
schema_check_all(const char *file, const struct yt_node *root,
    const cyaml_schema_value_t *schema, const struct schema_doc *doc,
    const cyaml_schema_field_t *kinds, struct diags *diags)
{
	struct schema_ctx	 c = { file, diags, 0, doc, kinds, NULL };

	if (root->type != YT_MAP) {
		schema_error(&c, root, "%s must be keys with values (like "
		    "'%s'), found %s", doc->name, doc->example,
		    schema_node_name(root));
		return c.errors;
	}
	c.root = schema->mapping.fields;
	schema_value(&c, root, schema, doc->name);
	return c.errors;
}

/* Check a whole tree of the kind doc says. */
unsigned
schema_check_doc(const char *file, const struct yt_node *root,
    const cyaml_schema_value_t *schema, const struct schema_doc *doc,
    struct diags *diags)
{
	return schema_check_all(file, root, schema, doc, NULL, diags);
}

/* Check a whole routine tree whose steps have the kinds given. */
unsigned
schema_check_kinds(const char *file, const struct yt_node *root,
    const cyaml_schema_value_t *schema, const cyaml_schema_field_t *kinds,
    struct diags *diags)
{
	return schema_check_all(file, root, schema, &schema_routine_doc, kinds,
	    diags);
}

/* Check a whole routine tree. */
unsigned
schema_check(const char *file, const struct yt_node *root,
    const cyaml_schema_value_t *schema, struct diags *diags)
{
	return schema_check_all(file, root, schema, &schema_routine_doc, NULL,
	    diags);
}

/* True if a node is YAML's null: nothing, '~' or 'null', unquoted. */
int
schema_is_null(const struct yt_node *n)
{
	return n->type == YT_SCALAR && strcmp(schema_node_name(n),
	    "nothing") == 0;
}

/* Collect key paths under a schema value into a growable list. */
static void
schema_collect(const cyaml_schema_value_t *s, const char *prefix,
    char ***v, size_t *n)
{
	const cyaml_schema_field_t	*f;
	char				*path, *sub;

	if (s->type == CYAML_SEQUENCE && s->sequence.entry->type ==
	    CYAML_MAPPING) {
		xasprintf(&sub, "%s[]", prefix);
		schema_collect(s->sequence.entry, sub, v, n);
		free(sub);
		return;
	}
	if (s->type != CYAML_MAPPING)
		return;
	for (f = s->mapping.fields; f->key != NULL; f++) {
		if (*prefix == '\0')
			path = xstrdup(f->key);
		else
			xasprintf(&path, "%s.%s", prefix, f->key);
		*v = xreallocarray(*v, *n + 1, sizeof **v);
		(*v)[(*n)++] = path;
		schema_collect(&f->value, path, v, n);
	}
}

/* Compare two strings for qsort. */
static int
schema_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Print every key path, sorted. */
void
schema_print_keys(const cyaml_schema_value_t *s, FILE *f)
{
	char	**v = NULL;
	size_t	  n = 0, i;

	schema_collect(s, "", &v, &n);
	if (n > 0)
		qsort(v, n, sizeof *v, schema_strcmp);
	for (i = 0; i < n; i++) {
		if (i == 0 || strcmp(v[i], v[i - 1]) != 0)
			fprintf(f, "%s\n", v[i]);
	}
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

struct schema_log {
	char	msg[256];
	unsigned line, col;
};

/* Keep libcyaml's first error and the first position it logs. */
static void
schema_log_fn(cyaml_log_t level, void *ctx, const char *fmt, va_list ap)
{
	struct schema_log	*l = ctx;
	char			 buf[256], *p;
	unsigned		 line, col;

	if (level < CYAML_LOG_ERROR)
		return;
	vsnprintf(buf, sizeof buf, fmt, ap);
	buf[strcspn(buf, "\n")] = '\0';
	if (l->line == 0 && (p = strstr(buf, "line: ")) != NULL &&
	    sscanf(p, "line: %u, column: %u", &line, &col) == 2) {
		l->line = line;
		l->col = col;
	}
	if (l->msg[0] == '\0' && strncmp(buf, "Load: ", 6) == 0 &&
	    strstr(buf, "Backtrace") == NULL)
		snprintf(l->msg, sizeof l->msg, "%s", buf + 6);
}

/* Load a buffer that schema_check() passed. */
int
schema_load(const char *file, const char *buf, size_t len,
    struct yt_node *root, const cyaml_schema_value_t *s, void **out,
    struct diags *diags)
{
	struct schema_log	log;
	cyaml_config_t		cfg;
	cyaml_err_t		err;

	if (root != NULL && schema_fill(root, s, out) == 0)
		return 0;
	memset(&log, 0, sizeof log);
	memset(&cfg, 0, sizeof cfg);
	cfg.log_fn = schema_log_fn;
	cfg.log_ctx = &log;
	cfg.mem_fn = cyaml_mem;
	cfg.log_level = CYAML_LOG_ERROR;
	cfg.flags = CYAML_CFG_NO_ALIAS;
	err = cyaml_load_data((const uint8_t *)buf, len, &cfg, s, out, NULL);
	if (err == CYAML_OK)
		return 0;
	diags_add(diags, DIAG_ERROR, file, log.line ? log.line : 1,
	    log.col ? log.col : 1, "%s", log.msg[0] ? log.msg :
	    cyaml_strerror(err));
	*out = NULL;
	return -1;
}

/* Free a loaded document. */
void
schema_free(const cyaml_schema_value_t *s, void *data)
{
	cyaml_config_t	cfg;

	if (data == NULL)
		return;
	memset(&cfg, 0, sizeof cfg);
	cfg.mem_fn = cyaml_mem;
	cfg.log_level = CYAML_LOG_ERROR;
	cfg.log_fn = NULL;
	cyaml_free(&cfg, s, data, 0);
}
