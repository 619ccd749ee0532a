/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_schema_fill.c: a struct filled from the parsed tree is the one
 * libcyaml loads from the text: both are written back out by libcyaml's
 * own saver and compared, for a schema of every type and flag the
 * routines use, and for every bundled and sample routine. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "routine.h"
#include "schema.h"
#include "tap.h"
#include "util.h"
#include "yamltree.h"

enum colour { RED = 1, GREEN = 2, BLUE = 4 };

struct inner {
	unsigned	 a;
	bool		*flag;
};

struct doc {
	char		*name;
	int		 i;
	unsigned short	 u;
	bool		 b;
	int		 colour;
	unsigned	 mix;
	float		 f;
	double		 d;
	struct inner	*in;
	struct inner	 here;
	char		**list;
	unsigned	 n_list;
	unsigned	 pair[2];
	unsigned	*count;
	char		*names[3];	/* a sequence in place */
	unsigned	 n_names;
};

static const cyaml_strval_t colours[] = {
	{ "red", RED }, { "green", GREEN }, { "blue", BLUE },
};
static const cyaml_schema_field_t inner_fields[] = {
	CYAML_FIELD_UINT("a", CYAML_FLAG_OPTIONAL, struct inner, a),
	CYAML_FIELD_BOOL_PTR("flag", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
	    struct inner, flag),
	CYAML_FIELD_END
};
static const cyaml_schema_value_t entry = {
	CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 0, 1000)
};
static const cyaml_schema_value_t pair_entry = {
	CYAML_VALUE_UINT(CYAML_FLAG_DEFAULT, unsigned)
};
static const cyaml_schema_field_t doc_fields[] = {
	CYAML_FIELD_STRING_PTR("name", CYAML_FLAG_POINTER, struct doc, name,
	    1, 40),
	CYAML_FIELD_INT("i", CYAML_FLAG_OPTIONAL, struct doc, i),
	CYAML_FIELD_UINT("u", CYAML_FLAG_OPTIONAL, struct doc, u),
	CYAML_FIELD_BOOL("b", CYAML_FLAG_OPTIONAL, struct doc, b),
	CYAML_FIELD_ENUM("colour", CYAML_FLAG_OPTIONAL, struct doc, colour,
	    colours, 3),
	CYAML_FIELD_FLAGS("mix", CYAML_FLAG_OPTIONAL, struct doc, mix,
	    colours, 3),
	CYAML_FIELD_FLOAT("f", CYAML_FLAG_OPTIONAL, struct doc, f),
	CYAML_FIELD_FLOAT("d", CYAML_FLAG_OPTIONAL, struct doc, d),
	CYAML_FIELD_MAPPING_PTR("in", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
	    struct doc, in, inner_fields),
	CYAML_FIELD_MAPPING("here", CYAML_FLAG_OPTIONAL, struct doc, here,
	    inner_fields),
	CYAML_FIELD_SEQUENCE_COUNT("list", CYAML_FLAG_POINTER |
	    CYAML_FLAG_OPTIONAL, struct doc, list, n_list, &entry, 0, 4),
	CYAML_FIELD_SEQUENCE_FIXED("pair", CYAML_FLAG_OPTIONAL, struct doc,
	    pair, &pair_entry, 2),
	CYAML_FIELD_UINT_PTR("count", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
	    struct doc, count),
	CYAML_FIELD_SEQUENCE_COUNT("names", CYAML_FLAG_OPTIONAL, struct doc,
	    names, n_names, &entry, 0, 3),
	CYAML_FIELD_IGNORE("note", CYAML_FLAG_OPTIONAL),
	CYAML_FIELD_END
};
static const cyaml_schema_value_t doc_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct doc, doc_fields)
};

/* libcyaml's configuration for loading, saving and freeing. */
static void
config(cyaml_config_t *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->mem_fn = cyaml_mem;
	cfg->log_level = CYAML_LOG_ERROR + 1;	/* quiet */
	cfg->log_fn = cyaml_log;
	cfg->flags = CYAML_CFG_NO_ALIAS;
}

/* data written out by libcyaml, NULL if it cannot. */
static char *
saved(const cyaml_schema_value_t *s, void *data)
{
	cyaml_config_t	 cfg;
	char		*out = NULL, *z;
	size_t		 len = 0;

	config(&cfg);
	if (data == NULL || cyaml_save_data(&out, &len, &cfg, s, data, 0) !=
	    CYAML_OK)
		return NULL;
	z = xmalloc(len + 1);
	memcpy(z, out, len);
	z[len] = '\0';
	free(out);
	return z;
}

/* Load text as schema_load() does (from the tree where the fill can,
 * else by libcyaml) and as libcyaml alone does: 1 if both loaded and save
 * alike, 0 if both refuse it, -1 otherwise. *filled is whether the fill
 * took it. */
static int
both(const cyaml_schema_value_t *s, const char *text, bool *filled)
{
	struct diags	 d;
	struct yt_node	*root;
	cyaml_config_t	 cfg;
	void		*a = NULL, *b = NULL, *f = NULL;
	char		*sa, *sb;
	int		 rv;

	diags_init(&d);
	/* A tree of its own for each fill: a fill lends the tree's strings
	 * to its struct. */
	root = yamltree_parse("t.yaml", text, strlen(text), NULL, &d);
	*filled = root != NULL && schema_fill(root, s, &f) == 0;
	yamltree_free(root);
	schema_free(s, f);
	root = yamltree_parse("t.yaml", text, strlen(text), NULL, &d);
	if (root == NULL || schema_load("t.yaml", text, strlen(text), root, s,
	    &a, &d) != 0)
		a = NULL;
	config(&cfg);
	if (cyaml_load_data((const uint8_t *)text, strlen(text), &cfg, s, &b,
	    NULL) != CYAML_OK)
		b = NULL;
	sa = saved(s, a);
	sb = saved(s, b);
	if (a == NULL && b == NULL)
		rv = 0;
	else
		rv = sa != NULL && sb != NULL && strcmp(sa, sb) == 0 ? 1 : -1;
	if (rv < 0)
		printf("# filled:\n%s# libcyaml:\n%s", sa ? sa : "(none)\n",
		    sb ? sb : "(none)\n");
	free(sa);
	free(sb);
	schema_free(s, a);
	schema_free(s, b);
	yamltree_free(root);
	diags_free(&d);
	return rv;
}

/* Every type and flag, and the numbers libcyaml reads its own way. */
static void
test_types(void)
{
	static const struct {
		const char	*text, *what;
	} same[] = {
		{ "name: x\n", "the least document" },
		{ "name: Ünïcode — text\ni: -42\nu: 65535\nb: yes\n"
		  "colour: blue\nmix: [red, blue]\nf: 0.1\nd: 1e-3\n"
		  "in: {a: 3, flag: off}\nhere: {a: 0x10}\n"
		  "list: [one, '', \"three\"]\npair: [7, 010]\ncount: 5\n"
		  "note: {anything: [at, all]}\n", "every field" },
		{ "name: n\nb: FALSE\nin: {flag: Disable}\n", "false words" },
		{ "name: n\nb: 'no'\nhere: {flag: 1}\n", "quoted no, a 1" },
		{ "name: n\nd: 1e400\nf: -1e50\n", "floats out of range" },
		{ "name: n\ni: +7\nu: 0\n", "a signed seven" },
		{ "name: n\ni: 1.5\n", "an integer with a fraction: 1" },
		{ "name: n\nlist: []\nmix: []\n", "empty sequences" },
		{ "name: n\nin: {}\n", "an empty mapping" },
		{ "name: n\nnames: [a, b, c]\n", "a full sequence in place" },
	};
	static const struct {
		const char	*text, *what;
	} refused[] = {
		{ "name: n\nu: 65536\n", "a short too large" },
		{ "name: n\ncolour: purple\n", "an unknown name" },
		{ "name: n\nlist: [a, b, c, d, e]\n", "a list too long" },
		{ "name: n\nnames: [a, b, c, d]\n",
		  "a sequence in place, one too many" },
		{ "name: n\npair: [1]\n", "a fixed list too short" },
		{ "i: 3\n", "a required field missing" },
		{ "name: n\nname: m\n", "a key twice" },
		{ "name: n\nwhat: 1\n", "an unknown key" },
		{ "name: ''\n", "a string too short" },
		{ "name: [n]\n", "a list for a string" },
	};
	char	name[160];
	bool	filled;
	size_t	i;

	for (i = 0; i < nitems(same); i++) {
		snprintf(name, sizeof name, "%s: the fill saves as libcyaml's "
		    "load", same[i].what);
		is_int(both(&doc_schema, same[i].text, &filled), 1, name);
		snprintf(name, sizeof name, "%s: filled without libcyaml",
		    same[i].what);
		ok(filled, name);
	}
	for (i = 0; i < nitems(refused); i++) {
		snprintf(name, sizeof name, "%s: refused by both",
		    refused[i].what);
		is_int(both(&doc_schema, refused[i].text, &filled), 0, name);
	}
	/* Names matched by case are libcyaml's to read (it may fold). */
	is_int(both(&doc_schema, "name: n\nb: Ⓝo\n", &filled), 1,
	    "a bool outside ASCII: the same value");
	ok(!filled, "... read by libcyaml");
}

/* Strings long and short (a tree keeps the long ones apart and lends
 * them; it copies the short ones): the same as libcyaml's, and a failed
 * fill after a long one lent gives it back. */
static void
test_long(void)
{
	char	long1[400], long2[300], *text;
	bool	filled;
	size_t	i;

	for (i = 0; i < sizeof long1 - 1; i++)
		long1[i] = (char)('a' + i % 26);
	long1[sizeof long1 - 1] = '\0';
	memset(long2, 'z', sizeof long2 - 1);
	long2[sizeof long2 - 1] = '\0';
	xasprintf(&text, "name: n\nlist: [%s, b, %s]\nin: {a: 3}\n"
	    "note: [%s]\n", long1, long2, long1);
	is_int(both(&doc_schema, text, &filled), 1,
	    "long strings: the fill saves as libcyaml's load");
	ok(filled, "... filled without libcyaml");
	free(text);
	xasprintf(&text, "name: n\nlist: [%s, %s]\nwhat: 1\n", long1, long2);
	is_int(both(&doc_schema, text, &filled), 0,
	    "long strings, then an unknown key: refused by both");
	free(text);
}

/* Every routine in dir (a *.yaml name): loaded alike both ways, and
 * filled. */
static void
test_dir(const char *dir)
{
	const cyaml_schema_value_t	*s = routine_cyaml_schema();
	struct dirent			*de;
	DIR				*d;
	char				*path, *text, *cause, name[512];
	size_t				 len, n = 0, same = 0, filled = 0;
	bool				 f;

	snprintf(name, sizeof name, "%s: opened", dir);
	if ((d = opendir(dir)) == NULL) {
		ok(0, name);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < 6 || strcmp(de->d_name + len - 5, ".yaml") != 0)
			continue;
		xasprintf(&path, "%s/%s", dir, de->d_name);
		if (util_read_file(path, ROUTINE_MAX_BYTES, &text, &len,
		    &cause) != 0) {
			free(cause);
			free(path);
			continue;
		}
		n++;
		if (both(s, text, &f) == 1)
			same++;
		else
			printf("# %s: not alike\n", path);
		filled += f;
		free(text);
		free(path);
	}
	closedir(d);
	snprintf(name, sizeof name, "%s: routines found (%zu)", dir, n);
	ok(n > 0, name);
	snprintf(name, sizeof name, "%s: every routine loads alike", dir);
	is_int((int)same, (int)n, name);
	snprintf(name, sizeof name, "%s: every routine filled, one parse",
	    dir);
	is_int((int)filled, (int)n, name);
}

int
main(void)
{
	const char	*top = getenv("top_srcdir");
	char		*dir;

	test_types();
	test_long();
	if (top == NULL)
		top = ".";
	xasprintf(&dir, "%s/routines", top);
	test_dir(dir);
	free(dir);
	xasprintf(&dir, "%s/tests/good", top);
	test_dir(dir);
	free(dir);
	return done_testing();
}
