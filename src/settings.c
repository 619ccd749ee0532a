/* SPDX-License-Identifier: GPL-3.0-or-later */
/* settings.c: the config file, loaded with libcyaml and checked with the
 * same positioned diagnostics as routines. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cyaml/cyaml.h>

#include "settings.h"
#include "schema.h"
#include "util.h"
#include "yamltree.h"

struct settings_discomfort {
	unsigned	 target[2];
	unsigned	*ease_off_at;
};

/* As loaded: pointers are NULL for keys not given. */
struct settings_file {
	unsigned		*volume;
	bool			*sound;
	char			*device;
	struct settings_discomfort *discomfort;
	bool			*color;
	bool			*animation;
	char			*time_format;
	bool			*voice;
	char			*voice_countdown;
};

/* The values of voice_countdown and what each says. */
static const struct {
	const char	*name;
	unsigned	 count;
} settings_countdowns[] = {
	{ "full", SETTINGS_COUNT_TEN | SETTINGS_COUNT_LAST },
	{ "ten", SETTINGS_COUNT_TEN },
	{ "three", SETTINGS_COUNT_LAST },
	{ "off", 0 },
};

static const cyaml_schema_value_t settings_uint_schema = {
	CYAML_VALUE_UINT(CYAML_FLAG_DEFAULT, unsigned)
};

static const cyaml_schema_field_t settings_discomfort_fields[] = {
	CYAML_FIELD_SEQUENCE_FIXED("target", CYAML_FLAG_DEFAULT,
	    struct settings_discomfort, target, &settings_uint_schema, 2),
	CYAML_FIELD_UINT_PTR("ease_off_at", CYAML_FLAG_POINTER |
	    CYAML_FLAG_OPTIONAL, struct settings_discomfort, ease_off_at),
	CYAML_FIELD_END
};

static const cyaml_schema_field_t settings_fields[] = {
	CYAML_FIELD_UINT_PTR("volume", CYAML_FLAG_POINTER |
	    CYAML_FLAG_OPTIONAL, struct settings_file, volume),
	CYAML_FIELD_BOOL_PTR("sound", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
	    struct settings_file, sound),
	CYAML_FIELD_STRING_PTR("device", CYAML_FLAG_POINTER |
	    CYAML_FLAG_OPTIONAL, struct settings_file, device, 1, 255),
	{
		.key = "discomfort",
		.data_offset = offsetof(struct settings_file, discomfort),
		.value = { CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER |
		    CYAML_FLAG_OPTIONAL, struct settings_discomfort,
		    settings_discomfort_fields) },
	},
	CYAML_FIELD_BOOL_PTR("color", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
	    struct settings_file, color),
	CYAML_FIELD_BOOL_PTR("animation", CYAML_FLAG_POINTER |
	    CYAML_FLAG_OPTIONAL, struct settings_file, animation),
	CYAML_FIELD_STRING_PTR("time_format", CYAML_FLAG_POINTER |
	    CYAML_FLAG_OPTIONAL, struct settings_file, time_format, 1, 8),
	CYAML_FIELD_BOOL_PTR("voice", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
	    struct settings_file, voice),
	CYAML_FIELD_STRING_PTR("voice_countdown", CYAML_FLAG_POINTER |
	    CYAML_FLAG_OPTIONAL, struct settings_file, voice_countdown, 1, 8),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t settings_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct settings_file,
	    settings_fields)
};

/* The default config file's name; NULL if there is none (no HOME). */
char *
settings_path(void)
{
	char	*dir, *path;

	if ((dir = util_config_dir()) == NULL)
		return NULL;
	xasprintf(&path, "%s/config.yaml", dir);
	free(dir);
	return path;
}

/* Report a bad value at its node. */
static void
settings_error(const char *file, const struct yt_node *n, struct diags *d,
    const char *msg)
{
	diags_add(d, DIAG_ERROR, file, n ? n->line : 1, n ? n->col : 1, "%s",
	    msg);
}

/* The countdown a voice_countdown value names; -1 for none. */
static int
settings_countdown(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof settings_countdowns /
	    sizeof settings_countdowns[0]; i++) {
		if (strcmp(name, settings_countdowns[i].name) == 0)
			return (int)settings_countdowns[i].count;
	}
	return -1;
}

/* Check ranges the schema cannot express. */
static int
settings_check(const char *file, const struct yt_node *root,
    const struct settings_file *cf, struct diags *d)
{
	const struct yt_node	*disc = yamltree_get(root, "discomfort");
	unsigned		 before = d->errors;

	if (cf->volume != NULL && *cf->volume > 100)
		settings_error(file, yamltree_get(root, "volume"), d,
		    "'volume' must be from 0 to 100");
	if (cf->time_format != NULL && strcmp(cf->time_format, "24h") != 0 &&
	    strcmp(cf->time_format, "12h") != 0)
		settings_error(file, yamltree_get(root, "time_format"), d,
		    "'time_format' must be 24h or 12h");
	if (cf->voice_countdown != NULL &&
	    settings_countdown(cf->voice_countdown) == -1)
		settings_error(file, yamltree_get(root, "voice_countdown"), d,
		    "'voice_countdown' must be full (10 seconds left, then 3, "
		    "2, 1), ten, three or off");
	if (cf->discomfort != NULL) {
		if (cf->discomfort->target[0] > cf->discomfort->target[1] ||
		    cf->discomfort->target[1] > 10)
			settings_error(file, yamltree_get(disc, "target"), d,
			    "the target range must go from low to high inside "
			    "0 to 10");
		if (cf->discomfort->ease_off_at != NULL &&
		    (*cf->discomfort->ease_off_at > 10 ||
		    *cf->discomfort->ease_off_at <= cf->discomfort->target[1]))
			settings_error(file, yamltree_get(disc, "ease_off_at"), d,
			    "'ease_off_at' must be above the target range and "
			    "at most 10");
	}
	return d->errors == before ? 0 : -1;
}

/* Copy what the file gave over the defaults. */
static void
settings_apply(struct settings *c, const struct settings_file *cf)
{
	if (cf->volume != NULL)
		c->volume = (int)*cf->volume;
	if (cf->sound != NULL)
		c->sound = *cf->sound;
	if (cf->device != NULL)
		c->device = xstrdup(cf->device);
	if (cf->discomfort != NULL) {
		c->discomfort = true;
		c->target_lo = cf->discomfort->target[0];
		c->target_hi = cf->discomfort->target[1];
		c->ease_off_at = cf->discomfort->ease_off_at != NULL ?
		    *cf->discomfort->ease_off_at : (c->target_hi < 8 ? 8 :
		    c->target_hi + 1);
	}
	if (cf->color != NULL)
		c->color = *cf->color;
	if (cf->animation != NULL)
		c->animation = *cf->animation;
	if (cf->time_format != NULL)
		c->clock24 = strcmp(cf->time_format, "24h") == 0;
	if (cf->voice != NULL)
		c->voice = *cf->voice;
	if (cf->voice_countdown != NULL)
		c->voice_countdown =
		    (unsigned)settings_countdown(cf->voice_countdown);
}

/* Fill the built-in defaults. */
static void
settings_defaults(struct settings *c)
{
	memset(c, 0, sizeof *c);
	c->volume = 70;
	c->sound = c->color = c->animation = c->clock24 = c->voice = true;
	c->voice_countdown = SETTINGS_COUNT_TEN | SETTINGS_COUNT_LAST;
}

/* True if the len bytes at buf are all blank (spaces, tabs, newlines). */
static int
settings_blank(const char *buf, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++) {
		if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r' &&
		    buf[i] != '\n')
			return 0;
	}
	return 1;
}

/* Parse a config held in memory over the defaults. */
int
settings_parse(const char *file, const char *buf, size_t len,
    struct settings *c, struct diags *d)
{
	struct yt_node		*root;
	struct settings_file	*cf;
	void			*data;
	unsigned		 before = d->errors;
	int			 rv = -1;

	settings_defaults(c);
	if (settings_blank(buf, len))
		return 0;
	/* No document, or an empty one (comments, "---", "~"): the
	 * defaults, as for no file at all. */
	root = yamltree_parse(file, buf, len, NULL, d);
	if (root == NULL)
		return d->errors != before ? -1 : 0;
	if (schema_is_null(root)) {
		yamltree_free(root);
		return 0;
	}
	if (schema_check_doc(file, root, &settings_schema, &schema_config_doc,
	    d) != 0 ||
	    schema_load(file, buf, len, root, &settings_schema, &data, d) != 0)
		goto out;
	cf = data;
	if (settings_check(file, root, cf, d) == 0) {
		settings_apply(c, cf);
		rv = 0;
	}
	schema_free(&settings_schema, cf);
out:
	yamltree_free(root);
	return rv;
}

/* Read the config file over the defaults. */
int
settings_load(const char *path, struct settings *c, struct diags *d)
{
	struct stat	 sb;
	char		*def = NULL, *buf = NULL, *cause;
	size_t		 len;
	int		 rv = -1;

	settings_defaults(c);
	if (path == NULL) {
		path = def = settings_path();
		if (path == NULL || (stat(path, &sb) == -1 &&
		    errno == ENOENT)) {
			free(def);
			return 0;
		}
	}
	if (util_read_file(path, SETTINGS_MAX_BYTES, &buf, &len, &cause) != 0) {
		diags_add(d, DIAG_ERROR, path, 1, 1, "%s", strncmp(cause, path,
		    strlen(path)) == 0 && cause[strlen(path)] == ':' ?
		    cause + strlen(path) + 2 : cause);
		free(cause);
		goto out;
	}
	rv = settings_parse(path, buf, len, c, d);
out:
	free(buf);
	free(def);
	return rv;
}

/* Free what settings_load() allocated. */
void
settings_free(struct settings *c)
{
	free(c->device);
	c->device = NULL;
}

/* Print the config's keys. */
void
settings_print_keys(FILE *f)
{
	schema_print_keys(&settings_schema, f);
}
