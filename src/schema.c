/* schema.c: strict, positioned checks of a YAML tree against a libcyaml
 * schema, so that libcyaml only ever sees input it will load exactly. */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "text.h"
#include "util.h"

struct schema_ctx {
	const char		*file;
	struct diags		*diags;
	unsigned		 errors;
	const struct schema_doc	*doc;
};

/* Routine files: the default kind of document. */
static const struct schema_doc schema_routine_doc = {
	"the file", "'the file'", "id: my-routine"
};

/* The config file. */
const struct schema_doc schema_config_doc = {
	"the config", "the config file", "volume: 70"
};

static void	schema_value(struct schema_ctx *, const struct yt_node *,
		    const cyaml_schema_value_t *, const char *);

/* Report an error at a node. */
static void __attribute__((format(printf, 3, 4)))
schema_error(struct schema_ctx *c, const struct yt_node *n,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	diags_add(c->diags, DIAG_ERROR, c->file, n->line, n->col, "%s", msg);
	free(msg);
	c->errors++;
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

/* The known key nearest to key, if it is near enough to be a typo. */
static const char *
schema_nearest(const cyaml_schema_field_t *fields, const char *key)
{
	const char	*best = NULL;
	unsigned	 d, bestd = 9, limit;

	limit = strlen(key) <= 4 ? 1 : (strlen(key) <= 8 ? 2 : 3);
	for (; fields->key != NULL; fields++) {
		d = schema_distance(key, fields->key);
		if (d < bestd) {
			bestd = d;
			best = fields->key;
		}
	}
	return bestd <= limit ? best : NULL;
}

/* What a schema type is called in messages. */
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
		return "a string";
	case CYAML_ENUM:
		return "one word";
	case CYAML_MAPPING:
		return "a mapping";
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
		return "a mapping";
	if (n->type == YT_SEQ)
		return "a list";
	if (n->plain && (n->len == 0 || strcmp(n->value, "~") == 0 ||
	    strcmp(n->value, "null") == 0))
		return "nothing";
	return "a scalar";
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
		schema_error(c, n, "'%s' is not a valid value for '%s'",
		    n->value, key);
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

/* Where a key is, for messages: 'key', or the document itself. */
static char *
schema_where(const struct schema_ctx *c, const char *key)
{
	char	*s;

	if (strcmp(key, c->doc->name) == 0)
		return xstrdup(c->doc->where);
	xasprintf(&s, "'%s'", key);
	return s;
}

/* Check a mapping: known keys, no duplicates, required keys present. */
static void
schema_mapping(struct schema_ctx *c, const struct yt_node *n,
    const cyaml_schema_field_t *fields, const char *key)
{
	const cyaml_schema_field_t	*f;
	const struct yt_node		*k;
	const char			*near;
	char				*where;
	size_t				 i, nf;
	bool				*seen;

	/* One flag per known key: linear in the size of the mapping, so a
	 * mapping of many thousands of keys cannot stall the check. */
	for (nf = 0; fields[nf].key != NULL; nf++)
		continue;
	seen = xcalloc(nf + 1, sizeof *seen);
	for (i = 0; i + 1 < n->n; i += 2) {
		k = n->kids[i];
		if (k->type != YT_SCALAR) {
			schema_error(c, k, "keys must be plain words");
			continue;
		}
		for (f = fields; f->key != NULL; f++) {
			if (strcmp(f->key, k->value) == 0)
				break;
		}
		if (f->key != NULL && seen[f - fields]) {
			schema_error(c, k, "duplicate key '%s'", k->value);
			continue;
		}
		if (f->key == NULL) {
			near = schema_nearest(fields, k->value);
			where = schema_where(c, key);
			if (near != NULL)
				schema_error(c, k, "unknown key '%s' in %s; "
				    "did you mean '%s'?", k->value, where, near);
			else
				schema_error(c, k, "unknown key '%s' in %s",
				    k->value, where);
			free(where);
			continue;
		}
		seen[f - fields] = true;
		schema_value(c, n->kids[i + 1], &f->value, f->key);
	}
	for (f = fields; f->key != NULL; f++) {
		if ((f->value.flags & CYAML_FLAG_OPTIONAL) == 0 &&
		    yamltree_key(n, f->key) == NULL) {
			where = schema_where(c, key);
			schema_error(c, n, "missing required key '%s' in %s",
			    f->key, where);
			free(where);
		}
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
			schema_error(c, n->kids[i], "'%s' is not a valid value "
			    "for '%s'", n->kids[i]->value, key);
			continue;
		}
		if (seen[k])
			schema_error(c, n->kids[i], "'%s' is given twice "
			    "in '%s'", n->kids[i]->value, key);
		seen[k] = true;
	}
	free(seen);
}

/* Check any node against any schema value. */
static void
schema_value(struct schema_ctx *c, const struct yt_node *n,
    const cyaml_schema_value_t *s, const char *key)
{
	enum yt_type	 want;

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
		schema_error(c, n, "'%s' must be %s, not %s", key,
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

/* Check a whole tree of the kind doc says. */
unsigned
schema_check_doc(const char *file, const struct yt_node *root,
    const cyaml_schema_value_t *schema, const struct schema_doc *doc,
    struct diags *diags)
{
	struct schema_ctx	 c = { file, diags, 0, doc };

	if (root->type != YT_MAP) {
		schema_error(&c, root, "%s must be a mapping of keys (like "
		    "'%s'), not %s", doc->name, doc->example,
		    schema_node_name(root));
		return c.errors;
	}
	schema_value(&c, root, schema, doc->name);
	return c.errors;
}

/* Check a whole routine tree. */
unsigned
schema_check(const char *file, const struct yt_node *root,
    const cyaml_schema_value_t *schema, struct diags *diags)
{
	return schema_check_doc(file, root, schema, &schema_routine_doc,
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
    const cyaml_schema_value_t *s, void **out, struct diags *diags)
{
	struct schema_log	log;
	cyaml_config_t		cfg;
	cyaml_err_t		err;

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
