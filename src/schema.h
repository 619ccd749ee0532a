/* SPDX-License-Identifier: GPL-3.0-or-later */
/* schema.h: check a YAML tree against a libcyaml schema, strictly and with
 * positions, before libcyaml loads it. */
#ifndef UNKNOT_SCHEMA_H
#define UNKNOT_SCHEMA_H

#include <stdio.h>
#include <cyaml/cyaml.h>

#include "diag.h"
#include "yamltree.h"

/* A field that is a whole number, or one for each side ({left: 45,
 * right: 30}): checked here, left alone by libcyaml, read from the tree by
 * the loader. The only use of CYAML_IGNORE in a schema. */
#define SCHEMA_FIELD_SIDED(key) CYAML_FIELD_IGNORE(key, CYAML_FLAG_OPTIONAL)

/* The longest names and titles. */
#define SCHEMA_SHORT_STRING	80
/* Strings that may be longer than this are text and may hold newlines;
 * shorter ones (names, titles, device names, file names) are one line. */
#define SCHEMA_NAME_MAX		255

/* How a kind of document is named in messages: "the file", its name
 * where a key is missing or unknown, an example of a key. */
struct schema_doc {
	const char	*name;
	const char	*where;
	const char	*example;
};
extern const struct schema_doc schema_config_doc;

/* Report every mismatch between the tree and the schema: unknown keys (with
 * the nearest known one), missing keys, wrong types, numbers that are not
 * plain decimals, sizes, unsafe characters. Returns the number of errors. */
unsigned	 schema_check(const char *file, const struct yt_node *,
		    const cyaml_schema_value_t *, struct diags *);
/* The same for a document that is not a routine. */
unsigned	 schema_check_doc(const char *file, const struct yt_node *,
		    const cyaml_schema_value_t *, const struct schema_doc *,
		    struct diags *);
/* True if the node is YAML's null (empty, '~' or 'null', unquoted). */
int		 schema_is_null(const struct yt_node *);
/* The same, where a mapping with the fields kinds is a step: its one key
 * names its kind, and messages say so. */
unsigned	 schema_check_kinds(const char *file, const struct yt_node *,
		    const cyaml_schema_value_t *,
		    const cyaml_schema_field_t *kinds, struct diags *);
/* The word of words nearest to word if it is near enough to be a typo,
 * else NULL. */
const char	*schema_suggest(const char *word, const char *const *words,
		    size_t n);
/* Print every key path the schema accepts, one per line, sorted, as
 * "steps[].hold.seconds". */
void		 schema_print_keys(const cyaml_schema_value_t *, FILE *);
/* Load a checked document: filled from its tree (schema_fill(), one
 * parse) if root is not NULL and that can, else its text read again by
 * libcyaml; -1 with a positioned diagnostic. */
int		 schema_load(const char *file, const char *buf, size_t len,
		    struct yt_node *root, const cyaml_schema_value_t *,
		    void **out, struct diags *);
/* Fill the struct of a checked document from its tree, as libcyaml
 * would load its text; -1 (nothing kept) where this cannot, for
 * libcyaml to load it. Its strings are the tree's, lent: the tree is not
 * read once the struct is freed (yamltree_free() leaves them). */
int		 schema_fill(struct yt_node *,
		    const cyaml_schema_value_t *, void **out);
/* Free what schema_load() loaded. */
void		 schema_free(const cyaml_schema_value_t *, void *);
/* Parse a strict unsigned decimal ("0", "42"; not "042", "+1", "1e3");
 * -1 if it is not one or exceeds max. */
int		 schema_parse_uint(const char *, unsigned long long max,
		    unsigned long long *);

#endif
