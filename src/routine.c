/* SPDX-License-Identifier: GPL-3.0-or-later */
/* routine.c: the routine format (version 1): its libcyaml schema, strict
 * checks with positions, semantic checks, defaults and durations. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cyaml/cyaml.h>

#include "lint.h"
#include "routine.h"
#include "schema.h"
#include "util.h"
#include "yamltree.h"

#define SHORT	SCHEMA_SHORT_STRING	/* names and titles, one line */
#define LONG	2000			/* text, may have newlines */

/* What one entry of 'steps' loads into: exactly one kind is set. */
struct rt_step_item {
	struct rt_step	*kind[RT_KIND_COUNT];
};

struct rt_frequency {
	unsigned	per_week;
	unsigned	weeks;
	char		*start;
};

struct rt_discomfort {
	unsigned	target[2];
	unsigned	ease_off_at;
};

_Static_assert(offsetof(struct routine, weeks) ==
    offsetof(struct routine, per_week) + sizeof(unsigned),
    "frequency fields must be adjacent");
_Static_assert(offsetof(struct routine, start) - offsetof(struct routine,
    per_week) == offsetof(struct rt_frequency, start),
    "frequency fields must be laid out as struct rt_frequency");
_Static_assert(offsetof(struct routine, ease_off_at) ==
    offsetof(struct routine, target_lo) + 2 * sizeof(unsigned),
    "discomfort fields must be adjacent");

#define RT_KIND_NAME(e, name, title) [e] = #name,
static const char *const routine_kind_names[] = {
	RT_KIND_LIST(RT_KIND_NAME)
};
#undef RT_KIND_NAME
#define RT_KIND_TITLE(e, name, title) [e] = title,
static const char *const routine_kind_titles[] = {
	RT_KIND_LIST(RT_KIND_TITLE)
};
#undef RT_KIND_TITLE
_Static_assert(nitems(routine_kind_names) == RT_KIND_COUNT,
    "a name for every step kind");
_Static_assert(nitems(routine_kind_titles) == RT_KIND_COUNT,
    "a title for every step kind");

const char *const routine_standard_aftercare[] = {
	"Drink some water: it supports the tissue's recovery.",
	"Soreness like after a workout is normal and usually fades within "
	    "24 to 48 hours.",
	"Avoid intense exercise for the next 24 hours to let your body "
	    "integrate the work.",
	"Gentle movement and stretching help reduce soreness.",
	"If pain persists or gets worse, see a professional.",
	NULL
};

/* Whether r has a step of kind. */
bool
routine_has_step(const struct routine *r, enum rt_kind kind)
{
	unsigned	i;

	for (i = 0; i < r->n_steps; i++) {
		if (r->steps[i].kind == kind)
			return true;
	}
	return false;
}

/* The coaching rules said before every session, the curses screen and
 * plain mode alike: rule i for routine r as a new string, NULL after the
 * last. The first two are of pressure holds, and said only by a routine
 * that has one (a breathing or stretching routine presses on nothing). */
char *
routine_coaching_rule(const struct routine *r, size_t i)
{
	char	*s;

	if (!routine_has_step(r, RT_HOLD))
		i += 2;
	switch (i) {
	case 0:
		return xstrdup("Press until you feel something is happening, "
		    "but never so hard that you brace or hold your breath.");
	case 1:
		return xstrdup("Breathe slowly and deeply during each hold, and "
		    "let the muscle soften.");
	case 2:
		xasprintf(&s, "Rate the discomfort from 0 to 10 when asked; at "
		    "%u or more, ease off.", r->ease_off_at > 0 ?
		    r->ease_off_at : RT_DEFAULT_EASE_OFF);
		return s;
	case 3:
		return xstrdup("If it becomes too much, ease off at once: this "
		    "is not \"no pain, no gain\".");
	}
	return NULL;
}

/* The built-in patterns' names: arrays, so that no string literal stands
 * where struct rt_pattern (filled by libcyaml) has a char *. */
static char routine_box[] = "box", routine_resonance[] = "resonance";
static char routine_478[] = "4-7-8", routine_long[] = "long-exhale";
static char routine_slow[] = "slow";

static const struct rt_pattern routine_builtin[] = {
	{ routine_box,		4,   4, 4,   4 },
	{ routine_resonance,	5.5, 0, 5.5, 0 },
	{ routine_478,		4,   7, 8,   0 },
	{ routine_long,		4,   0, 8,   0 },
	{ routine_slow,		4,   0, 6,   0 },
};

static const cyaml_strval_t routine_side_strings[] = {
	{ "left", RT_SIDE_LEFT },
	{ "right", RT_SIDE_RIGHT },
};

static const cyaml_strval_t routine_after_strings[] = {
	{ "both sides", RT_AFTER_BOTH },
	{ "each side", RT_AFTER_EACH },
};

static const cyaml_strval_t routine_view_strings[] = {
	{ "front", BODYMAP_FRONT },
	{ "back", BODYMAP_BACK },
};

#define F_COORD(key, type, member) \
	CYAML_FIELD_FLOAT(key, CYAML_FLAG_DEFAULT, type, member)
static const cyaml_schema_field_t routine_area_fields[] = {
	F_COORD("x", struct bodymap_area, x),
	F_COORD("y", struct bodymap_area, y),
	F_COORD("r", struct bodymap_area, r),
	CYAML_FIELD_END
};
static const cyaml_schema_value_t routine_area_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct bodymap_area,
	    routine_area_fields)
};
static const cyaml_schema_field_t routine_where_fields[] = {
	CYAML_FIELD_ENUM("view", CYAML_FLAG_DEFAULT, struct bodymap_where,
	    view, routine_view_strings, 2),
	F_COORD("x", struct bodymap_where, x),
	F_COORD("y", struct bodymap_where, y),
	CYAML_FIELD_SEQUENCE_COUNT("area", CYAML_FLAG_POINTER |
	    CYAML_FLAG_OPTIONAL, struct bodymap_where, area, n_area,
	    &routine_area_schema, 1, ROUTINE_MAX_AREA),
	CYAML_FIELD_END
};

/* Schema pieces shared by the step kinds. */
#define F_STR(key, flags, member, max) \
	CYAML_FIELD_STRING_PTR(key, CYAML_FLAG_POINTER | (flags), \
	    struct rt_step, member, 1, max)
#define F_UINT(key, member) \
	CYAML_FIELD_UINT(key, CYAML_FLAG_OPTIONAL, struct rt_step, member)
#define F_OPT		CYAML_FLAG_OPTIONAL
#define F_TITLE		F_STR("title", F_OPT, title, SHORT)
#define F_TEXT		F_STR("text", F_OPT, text, LONG)
#define F_SECONDS	F_UINT("seconds", seconds)
#define F_SIDED		SCHEMA_FIELD_SIDED("seconds")	/* routine_sided() */
#define F_BREATHING	F_STR("breathing", F_OPT, breathing, SHORT)
#define F_SIDES		CYAML_FIELD_FLAGS("sides", CYAML_FLAG_OPTIONAL, \
	    struct rt_step, sides, routine_side_strings, 2)
#define F_VOICE		F_STR("voice", F_OPT, voice, 255)

static const cyaml_schema_field_t routine_warmup_fields[] = {
	F_TITLE, F_TEXT, F_SECONDS, F_BREATHING, F_VOICE,
	CYAML_FIELD_END
};
static const cyaml_schema_field_t routine_hold_fields[] = {
	F_TITLE, F_STR("point", 0, point, LONG), F_TEXT,
	F_STR("referral", F_OPT, referral, LONG),
	CYAML_FIELD_MAPPING_PTR("where", CYAML_FLAG_POINTER |
	    CYAML_FLAG_OPTIONAL, struct rt_step, where, routine_where_fields),
	F_SIDED,
	F_UINT("max_seconds", max_seconds), F_SIDES, F_BREATHING,
	F_UINT("rate_every", rate_every), F_UINT("setup", setup), F_VOICE,
	CYAML_FIELD_END
};
static const cyaml_schema_field_t routine_breathe_fields[] = {
	F_TITLE, F_TEXT, F_STR("pattern", 0, pattern, SHORT),
	F_UINT("cycles", cycles), F_VOICE,
	CYAML_FIELD_END
};
static const cyaml_schema_field_t routine_release_fields[] = {
	F_TITLE, F_TEXT, F_SECONDS, F_SIDES, F_VOICE,
	CYAML_FIELD_ENUM("after", CYAML_FLAG_OPTIONAL, struct rt_step, after,
	    routine_after_strings, 2),
	CYAML_FIELD_END
};
static const cyaml_schema_field_t routine_stretch_fields[] = {
	F_TITLE, F_TEXT, F_SIDED, F_SIDES, F_BREATHING, F_VOICE,
	CYAML_FIELD_END
};
static const cyaml_schema_field_t routine_exercise_fields[] = {
	F_STR("title", 0, title, SHORT), F_TEXT,
	CYAML_FIELD_UINT("reps", CYAML_FLAG_DEFAULT, struct rt_step, reps),
	F_UINT("sets", sets), F_UINT("rep_seconds", rep_seconds),
	F_UINT("rest_seconds", rest_seconds), F_SIDES, F_VOICE,
	F_UINT("setup", setup), CYAML_FIELD_END
};
static const cyaml_schema_field_t routine_rest_fields[] = {
	F_TITLE, F_TEXT, F_SECONDS, F_VOICE,
	CYAML_FIELD_END
};
static const cyaml_schema_field_t routine_note_fields[] = {
	F_TITLE, F_STR("text", 0, text, LONG), F_SECONDS, F_VOICE,
	CYAML_FIELD_END
};

#define F_KIND(k, name, fields) {					\
	.key = name,							\
	.data_offset = offsetof(struct rt_step_item, kind) +		\
	    (k) * sizeof(struct rt_step *),				\
	.value = { CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER |		\
	    CYAML_FLAG_OPTIONAL, struct rt_step, fields) },		\
}
static const cyaml_schema_field_t routine_item_fields[] = {
#define RT_KIND_FIELD(e, name, title)				\
	F_KIND(e, #name, routine_##name##_fields),
	RT_KIND_LIST(RT_KIND_FIELD)
#undef RT_KIND_FIELD
	CYAML_FIELD_END
};
static const cyaml_schema_value_t routine_item_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct rt_step_item,
	    routine_item_fields)
};

static const cyaml_schema_field_t routine_pattern_fields[] = {
	CYAML_FIELD_STRING_PTR("name", CYAML_FLAG_POINTER, struct rt_pattern,
	    name, 1, SHORT),
	CYAML_FIELD_FLOAT("inhale", CYAML_FLAG_DEFAULT, struct rt_pattern,
	    inhale),
	CYAML_FIELD_FLOAT("hold_in", CYAML_FLAG_OPTIONAL, struct rt_pattern,
	    hold_in),
	CYAML_FIELD_FLOAT("exhale", CYAML_FLAG_DEFAULT, struct rt_pattern,
	    exhale),
	CYAML_FIELD_FLOAT("hold_out", CYAML_FLAG_OPTIONAL, struct rt_pattern,
	    hold_out),
	CYAML_FIELD_END
};
static const cyaml_schema_value_t routine_pattern_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct rt_pattern,
	    routine_pattern_fields)
};

static const cyaml_schema_field_t routine_frequency_fields[] = {
	CYAML_FIELD_UINT("per_week", CYAML_FLAG_DEFAULT, struct rt_frequency,
	    per_week),
	CYAML_FIELD_UINT("weeks", CYAML_FLAG_OPTIONAL, struct rt_frequency,
	    weeks),
	CYAML_FIELD_STRING_PTR("start", CYAML_FLAG_POINTER |
	    CYAML_FLAG_OPTIONAL, struct rt_frequency, start, 1, SHORT),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t routine_uint_schema = {
	CYAML_VALUE_UINT(CYAML_FLAG_DEFAULT, unsigned)
};
static const cyaml_schema_field_t routine_discomfort_fields[] = {
	CYAML_FIELD_SEQUENCE_FIXED("target", CYAML_FLAG_OPTIONAL,
	    struct rt_discomfort, target, &routine_uint_schema, 2),
	CYAML_FIELD_UINT("ease_off_at", CYAML_FLAG_OPTIONAL,
	    struct rt_discomfort, ease_off_at),
	CYAML_FIELD_END
};

#define F_SOUND(name) CYAML_FIELD_STRING_PTR(#name, CYAML_FLAG_POINTER | \
	CYAML_FLAG_OPTIONAL, struct rt_sounds, name, 1, 255)
static const cyaml_schema_field_t routine_sounds_fields[] = {
	F_SOUND(inhale), F_SOUND(exhale), F_SOUND(hold), F_SOUND(step),
	F_SOUND(bell), F_SOUND(side), F_SOUND(end), F_SOUND(tick),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t routine_short_entry = {
	CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 1, SHORT)
};
static const cyaml_schema_value_t routine_long_entry = {
	CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 1, LONG)
};

/* An optional whole number of the progression. */
#define F_PUINT(key, type, member) \
	CYAML_FIELD_UINT(key, CYAML_FLAG_OPTIONAL, type, member)
static const cyaml_schema_field_t routine_pweek_fields[] = {
	F_PUINT("hold", struct rt_prog_week, hold),
	F_PUINT("sets", struct rt_prog_week, sets),
	F_PUINT("reps", struct rt_prog_week, reps),
	CYAML_FIELD_END
};
static const cyaml_schema_value_t routine_pweek_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct rt_prog_week,
	    routine_pweek_fields)
};
static const cyaml_schema_field_t routine_advance_fields[] = {
	F_PUINT("sessions", struct rt_progression, advance.sessions),
	F_PUINT("median_at_most", struct rt_progression,
	    advance.median_at_most),
	CYAML_FIELD_END
};
static const cyaml_schema_field_t routine_back_fields[] = {
	F_PUINT("rating_at_least", struct rt_progression,
	    step_back.rating_at_least),
	CYAML_FIELD_BOOL_PTR("stopped", CYAML_FLAG_POINTER |
	    CYAML_FLAG_OPTIONAL, struct rt_progression, step_back.stopped),
	CYAML_FIELD_END
};
/* advance: and step_back: are maps whose fields live in rt_progression. */
#define F_PROG_MAP(k, fields) {						\
	.key = k,							\
	.data_offset = 0,						\
	.value = { CYAML_VALUE_MAPPING(CYAML_FLAG_OPTIONAL,		\
	    struct rt_progression, fields) },				\
}
static const cyaml_schema_field_t routine_progression_fields[] = {
	CYAML_FIELD_SEQUENCE_COUNT("weeks", CYAML_FLAG_POINTER,
	    struct rt_progression, weeks, n_weeks, &routine_pweek_schema, 1,
	    52),
	F_PROG_MAP("advance", routine_advance_fields),
	F_PROG_MAP("step_back", routine_back_fields),
	F_PUINT("max_week", struct rt_progression, max_week),
	CYAML_FIELD_END
};

/* A list of aftercare lines replacing a kind's standard ones. */
#define F_AFTER(key) CYAML_FIELD_SEQUENCE_COUNT(#key, CYAML_FLAG_POINTER | \
	CYAML_FLAG_OPTIONAL, struct rt_aftercare, key, n_##key, \
	&routine_long_entry, 1, ROUTINE_MAX_LIST)
static const cyaml_schema_field_t routine_aftercare_fields[] = {
	F_AFTER(pressure), F_AFTER(exercise), F_AFTER(breathing),
	CYAML_FIELD_END
};

static const cyaml_schema_field_t routine_checkin_fields[] = {
	CYAML_FIELD_UINT("hours", CYAML_FLAG_DEFAULT, struct rt_checkin,
	    hours),
	CYAML_FIELD_STRING_PTR("text", CYAML_FLAG_POINTER, struct rt_checkin,
	    text, 1, LONG),
	CYAML_FIELD_END
};
static const cyaml_schema_value_t routine_checkin_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct rt_checkin,
	    routine_checkin_fields)
};

#define F_TOP_STR(key, flags, member, max) \
	CYAML_FIELD_STRING_PTR(key, CYAML_FLAG_POINTER | (flags), \
	    struct routine, member, 1, max)
#define F_LIST(key, member, count, entry) \
	CYAML_FIELD_SEQUENCE_COUNT(key, CYAML_FLAG_POINTER | \
	    CYAML_FLAG_OPTIONAL, struct routine, member, count, entry, 0, \
	    ROUTINE_MAX_LIST)
#define F_SUBMAP(k, member, type, fields) {				\
	.key = k,							\
	.data_offset = offsetof(struct routine, member),		\
	.value = { CYAML_VALUE_MAPPING(CYAML_FLAG_OPTIONAL, type,	\
	    fields) },							\
}

static const cyaml_schema_field_t routine_fields[] = {
	CYAML_FIELD_UINT("unknot", CYAML_FLAG_DEFAULT, struct routine,
	    version),
	F_TOP_STR("id", 0, id, 64),
	F_TOP_STR("title", 0, title, SHORT),
	F_TOP_STR("summary", F_OPT, summary, LONG),
	F_LIST("targets", targets, n_targets, &routine_short_entry),
	F_LIST("relieves", relieves, n_relieves, &routine_short_entry),
	F_LIST("tools", tools, n_tools, &routine_short_entry),
	F_LIST("safety", safety, n_safety, &routine_long_entry),
	F_TOP_STR("author", F_OPT, author, SHORT),
	F_TOP_STR("assigned_to", F_OPT, assigned_to, SHORT),
	F_TOP_STR("contact", F_OPT, contact, SHORT),
	F_TOP_STR("language", F_OPT, language, SHORT),
	F_SUBMAP("frequency", per_week, struct rt_frequency,
	    routine_frequency_fields),
	F_TOP_STR("notes", F_OPT, notes, LONG),
	F_SUBMAP("discomfort", target_lo, struct rt_discomfort,
	    routine_discomfort_fields),
	CYAML_FIELD_SEQUENCE_COUNT("patterns", CYAML_FLAG_POINTER |
	    CYAML_FLAG_OPTIONAL, struct routine, patterns, n_patterns,
	    &routine_pattern_schema, 0, ROUTINE_MAX_PATTERNS),
	CYAML_FIELD_SEQUENCE_COUNT("steps", CYAML_FLAG_POINTER,
	    struct routine, items, n_items, &routine_item_schema, 1,
	    ROUTINE_MAX_STEPS),
	F_LIST("aftercare", aftercare, n_aftercare, &routine_long_entry),
	F_SUBMAP("replace_aftercare", replace_aftercare, struct rt_aftercare,
	    routine_aftercare_fields),
	CYAML_FIELD_SEQUENCE_COUNT("checkins", CYAML_FLAG_POINTER |
	    CYAML_FLAG_OPTIONAL, struct routine, checkins, n_checkins,
	    &routine_checkin_schema, 1, ROUTINE_MAX_CHECKINS),
	CYAML_FIELD_BOOL_PTR("standard_checkins", CYAML_FLAG_POINTER |
	    CYAML_FLAG_OPTIONAL, struct routine, standard_checkins),
	F_SUBMAP("sounds", sounds, struct rt_sounds, routine_sounds_fields),
	CYAML_FIELD_UINT("switch_seconds", CYAML_FLAG_OPTIONAL, struct routine,
	    switch_seconds),
	CYAML_FIELD_MAPPING_PTR("progression", CYAML_FLAG_POINTER |
	    CYAML_FLAG_OPTIONAL, struct routine, progression,
	    routine_progression_fields),
	CYAML_FIELD_FLAGS("allow", CYAML_FLAG_OPTIONAL, struct routine, allow,
	    lint_names, LINT_COUNT),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t routine_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct routine, routine_fields)
};

/* Semantic checks walk the tree for positions. They look only at values of
 * the right form, so that they run even when other parts of the file are
 * broken, and never at a value already reported. */
struct routine_ctx {
	const char		*file;
	struct diags		*diags;
	const struct yt_node	*root;
	unsigned		 errors;
};

/* Report a semantic problem at a node; returns it, for a suggested fix. */
static struct diag * __attribute__((format(printf, 4, 5)))
routine_diag(struct routine_ctx *c, enum diag_level level,
    const struct yt_node *n, const char *fmt, ...)
{
	va_list		 ap;
	char		*msg;
	struct diag	*dg;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	dg = diags_add(c->diags, level, c->file, n ? n->line : 1,
	    n ? n->col : 1, "%s", msg);
	if (n != NULL) {
		dg->end_line = n->end_line;
		dg->end_col = n->end_col;
	}
	free(msg);
	if (level == DIAG_ERROR)
		c->errors++;
	return dg;
}

/* The name of a step kind. */
const char *
routine_kind_name(enum rt_kind k)
{
	return (unsigned)k < RT_KIND_COUNT ? routine_kind_names[k] : "?";
}

/* A step's title, or its kind's default title. */
const char *
routine_step_title(const struct rt_step *st)
{
	if (st->title != NULL)
		return st->title;
	return (unsigned)st->kind < RT_KIND_COUNT ?
	    routine_kind_titles[st->kind] : "Step";
}

/* A pattern by name: the routine's own first, then the built-ins. */
const struct rt_pattern *
routine_pattern(const struct routine *r, const char *name)
{
	size_t	i;

	if (name == NULL)
		return NULL;
	for (i = 0; r != NULL && i < r->n_patterns; i++) {
		if (strcmp(r->patterns[i].name, name) == 0)
			return &r->patterns[i];
	}
	for (i = 0; i < nitems(routine_builtin); i++) {
		if (strcmp(routine_builtin[i].name, name) == 0)
			return &routine_builtin[i];
	}
	return NULL;
}

/* A scalar under key, if it is one and has not been reported. */
static const struct yt_node *
routine_scalar(struct routine_ctx *c, const struct yt_node *map,
    const char *key)
{
	const struct yt_node	*n = yamltree_get(map, key);

	if (n == NULL || n->type != YT_SCALAR ||
	    diags_has_error(c->diags, c->file, n->line, n->col))
		return NULL;
	return n;
}

/* A whole number under key in map, if it is a good one. */
static int
routine_number(struct routine_ctx *c, const struct yt_node *map,
    const char *key, const struct yt_node **node, unsigned long long *v)
{
	if ((*node = routine_scalar(c, map, key)) == NULL)
		return -1;
	return schema_parse_uint((*node)->value, UINT32_MAX, v);
}

/* A number of seconds under key in map; 0 if absent or not a number. */
static double
routine_seconds_at(const struct yt_node *map, const char *key)
{
	const struct yt_node	*n = yamltree_get(map, key);
	char			*end;
	double			 v;

	if (n == NULL || n->type != YT_SCALAR || !n->plain)
		return 0;
	v = strtod(n->value, &end);
	return *end == '\0' && v >= 0 && v < 1e6 ? v : 0;
}

/* Check that an optional whole number under key is within lo..hi. */
static void
routine_range(struct routine_ctx *c, const struct yt_node *map,
    const char *key, unsigned long long lo, unsigned long long hi)
{
	const struct yt_node	*n;
	unsigned long long	 v;

	if (routine_number(c, map, key, &n, &v) != 0)
		return;
	if (v < lo || v > hi)
		routine_diag(c, DIAG_ERROR, n, "'%s' must be from %llu to "
		    "%llu, not %llu", key, lo, hi, v);
}

/* The pattern called name, from the file's 'patterns' or built in: its
 * mapping in the file (NULL if built in) and its phases; -1 if unknown. */
static int
routine_tree_pattern(const struct yt_node *root, const char *name,
    const struct yt_node **node, struct rt_pattern *out)
{
	const struct yt_node	*list, *p, *n;
	size_t			 i;

	list = yamltree_get(root, "patterns");
	for (i = 0; list != NULL && list->type == YT_SEQ && i < list->n; i++) {
		p = list->kids[i];
		n = yamltree_get(p, "name");
		if (n == NULL || n->type != YT_SCALAR ||
		    strcmp(n->value, name) != 0)
			continue;
		*node = p;
		out->name = n->value;
		out->inhale = routine_seconds_at(p, "inhale");
		out->hold_in = routine_seconds_at(p, "hold_in");
		out->exhale = routine_seconds_at(p, "exhale");
		out->hold_out = routine_seconds_at(p, "hold_out");
		return 0;
	}
	for (i = 0; i < nitems(routine_builtin); i++) {
		if (strcmp(routine_builtin[i].name, name) == 0) {
			*node = NULL;
			*out = routine_builtin[i];
			return 0;
		}
	}
	return -1;
}

/* The pattern names the file defines and the built-in ones, for
 * suggestions; returns how many. */
static size_t
routine_pattern_names(const struct yt_node *root, const char **v,
    size_t max)
{
	const struct yt_node	*list, *n;
	size_t			 i, k = 0;

	for (i = 0; i < nitems(routine_builtin) && k < max; i++)
		v[k++] = routine_builtin[i].name;
	list = yamltree_get(root, "patterns");
	for (i = 0; list != NULL && list->type == YT_SEQ && i < list->n &&
	    k < max; i++) {
		n = yamltree_get(list->kids[i], "name");
		if (n != NULL && n->type == YT_SCALAR)
			v[k++] = n->value;
	}
	return k;
}

/* Check a pattern name used by a step refers to a known pattern; a hold
 * must not hold the breath. */
static void
routine_check_pattern_ref(struct routine_ctx *c, const struct yt_node *body,
    const char *key, enum rt_kind kind)
{
	const struct yt_node	*n = routine_scalar(c, body, key), *def;
	const char		*v[ROUTINE_MAX_PATTERNS + 8], *near;
	struct rt_pattern	 p;
	struct diag		*dg;

	if (n == NULL)
		return;
	if (routine_tree_pattern(c->root, n->value, &def, &p) != 0) {
		near = schema_suggest(n->value, v,
		    routine_pattern_names(c->root, v, nitems(v)));
		dg = routine_diag(c, DIAG_ERROR, n, "breathing pattern '%s' is "
		    "not defined in 'patterns' and is not built in (box, "
		    "resonance, 4-7-8, long-exhale, slow)%s%s%s", n->value,
		    near ? "; did you mean '" : "", near ? near : "",
		    near ? "'?" : "");
		if (near != NULL)
			dg->fix = xstrdup(near);
		return;
	}
	if (kind == RT_HOLD && (p.hold_in > 0 || p.hold_out > 0)) {
		routine_diag(c, DIAG_ERROR, n, "never hold your breath under "
		    "pressure: pattern '%s' holds it%s; pick one without "
		    "holds, like slow, long-exhale or resonance", n->value,
		    def != NULL ? " (see 'patterns')" : "");
		if (def != NULL)
			routine_diag(c, DIAG_ERROR, def, "pattern '%s' holds "
			    "the breath and is used by a pressure hold (line "
			    "%u); give the hold a pattern without holds",
			    n->value, n->line);
	}
}

/* A coordinate under key in map, checked to be within lo..hi; -1 if it
 * is missing or out of range (then said). */
static int
routine_coord(struct routine_ctx *c, const struct yt_node *map,
    const char *key, double lo, double hi, double *v)
{
	const struct yt_node	*n = yamltree_get(map, key);

	if (n == NULL || n->type != YT_SCALAR)
		return -1;
	*v = strtod(n->value, NULL);
	if (*v >= lo && *v <= hi)
		return 0;
	routine_diag(c, DIAG_ERROR, n, "'%s' must be from %g to %g, not %s",
	    key, lo, hi, n->value);
	return -1;
}

/* Check the circles of a referral area: on the body, of a sane size. */
static void
routine_check_area(struct routine_ctx *c, const struct yt_node *where)
{
	const struct yt_node	*list = yamltree_get(where, "area");
	double			 x, y, r;
	size_t			 i;
	int			 bad;

	for (i = 0; list != NULL && list->type == YT_SEQ && i < list->n;
	    i++) {
		bad = routine_coord(c, list->kids[i], "x", 0, 1, &x) |
		    routine_coord(c, list->kids[i], "y", 0, 1, &y) |
		    routine_coord(c, list->kids[i], "r", 0.01, 0.3, &r);
		if (bad == 0 && !bodymap_inside(x, y))
			routine_diag(c, DIAG_ERROR, list->kids[i], "the centre "
			    "of this referral area (%g, %g) is outside the "
			    "body outline", x, y);
	}
}

/* Check a point's place on the body map: in range, inside the outline,
 * and off the midline when the step runs on both sides. */
static void
routine_check_where(struct routine_ctx *c, const struct yt_node *body)
{
	const struct yt_node	*w = yamltree_get(body, "where"), *n;
	double			 x, y;
	int			 bad;

	if (w == NULL || w->type != YT_MAP)
		return;
	bad = routine_coord(c, w, "x", 0, 1, &x) |
	    routine_coord(c, w, "y", 0, 1, &y);
	routine_check_area(c, w);
	if (bad != 0)
		return;
	n = yamltree_get(w, "x");
	if (!bodymap_inside(x, y))
		routine_diag(c, DIAG_ERROR, n, "the point (%g, %g) is outside "
		    "the body outline: x runs from 0 at the figure's left "
		    "edge to 1 at its right, y from 0 at the top of the "
		    "head to 1 at the soles", x, y);
	else if ((n = yamltree_get(body, "sides")) != NULL && n->n > 0 &&
	    fabs(x - 0.5) < 0.01)
		routine_diag(c, DIAG_ERROR, yamltree_get(w, "x"), "a point on "
		    "the midline cannot be mirrored for the sides; place it "
		    "on one side (x away from 0.5)");
}

/* Whether the step body runs on side ("left" or "right"). */
static bool
routine_has_side(const struct yt_node *body, const char *side)
{
	const struct yt_node	*s = yamltree_get(body, "sides");
	size_t			 i;

	for (i = 0; s != NULL && s->type == YT_SEQ && i < s->n; i++) {
		if (s->kids[i]->type == YT_SCALAR &&
		    strcmp(s->kids[i]->value, side) == 0)
			return true;
	}
	return false;
}

/* Check one number of 'seconds' (n, good or not yet checked) within
 * lo..hi, with what for the message ("a hold"); its value in *v. */
static int
routine_sided_one(struct routine_ctx *c, const struct yt_node *n,
    const char *what, unsigned long long lo, unsigned long long hi,
    unsigned long long *v)
{
	if (n->type != YT_SCALAR || diags_has_error(c->diags, c->file,
	    n->line, n->col) || schema_parse_uint(n->value, UINT32_MAX, v) != 0)
		return -1;
	if (*v >= lo && *v <= hi)
		return 0;
	routine_diag(c, DIAG_ERROR, n, "%s must last from %llu to %llu "
	    "seconds, not %llu", what, lo, hi, *v);
	return -1;
}

/* Check 'seconds' of a hold or stretch: a number within lo..hi, or one
 * for each side the step runs, and only those; the longest in *max.
 * -1 if a value is bad or missing. */
static int
routine_check_sided(struct routine_ctx *c, const struct yt_node *body,
    const char *what, unsigned long long lo, unsigned long long hi,
    unsigned long long *max)
{
	const struct yt_node	*n = yamltree_get(body, "seconds"), *k;
	static const char	*side[] = { "left", "right" };
	unsigned long long	 v;
	size_t			 i;
	int			 bad = 0;

	if (n == NULL)
		return 0;
	if (n->type == YT_SCALAR) {
		if (routine_sided_one(c, n, what, lo, hi, &v) != 0)
			return -1;
		*max = v;
		return 0;
	}
	if (n->type != YT_MAP)
		return -1;
	*max = 0;
	for (i = 0; i < nitems(side); i++) {
		k = yamltree_get(n, side[i]);
		if (k == NULL && routine_has_side(body, side[i])) {
			routine_diag(c, DIAG_ERROR, n, "the step runs on the "
			    "%s side too: give its seconds, '%s: ...'",
			    side[i], side[i]);
			bad = -1;
		} else if (k != NULL && !routine_has_side(body, side[i])) {
			routine_diag(c, DIAG_ERROR, k, "seconds for the %s "
			    "side, but the step does not run on it; add it "
			    "to 'sides' or remove this", side[i]);
			bad = -1;
		} else if (k != NULL) {
			if (routine_sided_one(c, k, what, lo, hi, &v) != 0)
				bad = -1;
			else if (v > *max)
				*max = v;
		}
	}
	return bad;
}

/* Check the hold-specific ranges. */
static void
routine_check_hold(struct routine_ctx *c, const struct yt_node *body)
{
	const struct yt_node	*m;
	unsigned long long	 secs = 30, max;

	if (routine_check_sided(c, body, "a hold", 5, 300, &secs) != 0)
		return;
	if (routine_number(c, body, "max_seconds", &m, &max) == 0) {
		if (max < secs)
			routine_diag(c, DIAG_ERROR, m, "'max_seconds' (%llu) "
			    "must be at least 'seconds' (%llu)", max, secs);
		else if (max > 300)
			routine_diag(c, DIAG_ERROR, m, "'max_seconds' must be "
			    "at most 300, not %llu", max);
	}
	routine_range(c, body, "rate_every", 5, 120);
	routine_range(c, body, "setup", 0, 60);
	routine_check_where(c, body);
}

/* Does a file name start with '/' or have a '..' component? */
static bool
routine_path_escapes(const struct yt_node *n)
{
	return n->value[0] == '/' || strcmp(n->value, "..") == 0 ||
	    strncmp(n->value, "../", 3) == 0 ||
	    strstr(n->value, "/../") != NULL ||
	    (n->len >= 3 && strcmp(n->value + n->len - 3, "/..") == 0);
}

/* A step's recorded clip stays inside the routine's directory and the
 * sounds directories; unknot check also looks for the file. */
static void
routine_check_voice(struct routine_ctx *c, const struct yt_node *body)
{
	const struct yt_node	*n;

	if ((n = yamltree_get(body, "voice")) != NULL &&
	    n->type == YT_SCALAR && routine_path_escapes(n))
		routine_diag(c, DIAG_ERROR, n, "voice clip '%s' must be a "
		    "file name inside the routine's directory or the sounds "
		    "directory, without '..' or a leading '/'", n->value);
}

/* Check one step's body against the rules of its kind. */
static void
routine_check_step(struct routine_ctx *c, enum rt_kind kind,
    const struct yt_node *body)
{
	unsigned long long	max;

	if (body->type != YT_MAP)
		return;
	switch (kind) {
	case RT_HOLD:
		routine_check_hold(c, body);
		break;
	case RT_BREATHE:
		routine_range(c, body, "cycles", 1, 100);
		break;
	case RT_EXERCISE:
		routine_range(c, body, "reps", 1, 100);
		routine_range(c, body, "sets", 1, 20);
		routine_range(c, body, "rep_seconds", 1, 60);
		routine_range(c, body, "rest_seconds", 0, 600);
		routine_range(c, body, "setup", 0, 60);
		break;
	case RT_STRETCH:
		(void)routine_check_sided(c, body, "a stretch", 1, 3600, &max);
		break;
	default:
		routine_range(c, body, "seconds", 1, 3600);
		break;
	}
	routine_check_pattern_ref(c, body, "breathing", kind);
	routine_check_pattern_ref(c, body, "pattern", kind);
	routine_check_voice(c, body);
}

/* The words of a step's sides, as written ("left, right"); "" if none. */
static void
routine_sides_words(const struct yt_node *body, char *buf, size_t len)
{
	const struct yt_node	*s = yamltree_get(body, "sides");
	size_t			 i;

	buf[0] = '\0';
	for (i = 0; s != NULL && s->type == YT_SEQ && i < s->n; i++) {
		if (s->kids[i]->type == YT_SCALAR)
			snprintf(buf + strlen(buf), len - strlen(buf), "%s%s",
			    i ? ", " : "", s->kids[i]->value);
	}
}

/* A release after each side (the i-th step, body rel): straight after a
 * hold on both sides, and on the hold's sides. */
static void
routine_check_after(struct routine_ctx *c, const struct yt_node *steps,
    size_t i, const struct yt_node *rel)
{
	const struct yt_node	*n = routine_scalar(c, rel, "after"), *prev;
	const struct yt_node	*hold = NULL;
	char			 hs[64], rs[64];

	if (n == NULL || strcmp(n->value, "each side") != 0)
		return;
	prev = i > 0 ? steps->kids[i - 1] : NULL;
	if (prev != NULL && prev->type == YT_MAP && prev->n >= 2 &&
	    prev->kids[0]->type == YT_SCALAR &&
	    strcmp(prev->kids[0]->value, "hold") == 0)
		hold = prev->kids[1];
	if (hold == NULL) {
		routine_diag(c, DIAG_ERROR, n, "'after: each side' releases "
		    "each side of the hold just before it; put this release "
		    "straight after a hold");
		return;
	}
	routine_sides_words(hold, hs, sizeof hs);
	if (!routine_has_side(hold, "left") ||
	    !routine_has_side(hold, "right")) {
		routine_diag(c, DIAG_ERROR, n, "'after: each side' needs a hold "
		    "on both sides before it, and this one runs %s%s; leave "
		    "'after' out", *hs ? "on " : "once", hs);
		return;
	}
	routine_sides_words(rel, rs, sizeof rs);
	if (yamltree_get(rel, "sides") != NULL && strcmp(hs, rs) != 0)
		routine_diag(c, DIAG_ERROR, yamltree_get(rel, "sides"), "a "
		    "release after each side runs on the sides of its hold "
		    "(%s); leave 'sides' out", hs);
}

/* The kind called name, or RT_KIND_COUNT. */
static enum rt_kind
routine_kind(const char *name)
{
	unsigned	k;

	for (k = 0; k < RT_KIND_COUNT; k++) {
		if (strcmp(name, routine_kind_names[k]) == 0)
			break;
	}
	return k;
}

/* Check that every step has exactly one kind, then check its body. */
static void
routine_check_steps(struct routine_ctx *c)
{
	const struct yt_node	*steps, *item;
	size_t			 i;
	enum rt_kind		 k;

	/* Beyond the most steps, the count is the error (and time would be
	 * spent for nothing). */
	steps = yamltree_get(c->root, "steps");
	for (i = 0; steps != NULL && steps->type == YT_SEQ && i < steps->n &&
	    i < ROUTINE_MAX_STEPS; i++) {
		item = steps->kids[i];
		if (item->type != YT_MAP)
			continue;
		if (item->n == 0) {
			routine_diag(c, DIAG_ERROR, item, "a step needs a kind: "
			    "warmup, hold, breathe, release, stretch, "
			    "exercise, rest or note");
			continue;
		}
		if (item->n > 2 && item->kids[2]->type == YT_SCALAR &&
		    routine_kind(item->kids[2]->value) < RT_KIND_COUNT) {
			routine_diag(c, DIAG_ERROR, item->kids[2], "a step has "
			    "one kind, but this one also has '%s'; start a "
			    "new step with '- %s:'", item->kids[2]->value,
			    item->kids[2]->value);
			continue;
		}
		k = item->kids[0]->type == YT_SCALAR ?
		    routine_kind(item->kids[0]->value) : RT_KIND_COUNT;
		if (k < RT_KIND_COUNT)
			routine_check_step(c, k, item->kids[1]);
		if (k == RT_RELEASE && item->kids[1]->type == YT_MAP)
			routine_check_after(c, steps, i, item->kids[1]);
	}
}

/* Check one phase of a pattern: at most 30 seconds, and, unless it is
 * left out with 0, at least half a second (a phase of a few ms cannot be
 * followed, and its cues would come one on another). */
static void
routine_check_phase(struct routine_ctx *c, const struct yt_node *n,
    const char *key)
{
	double	v;

	if (n == NULL)
		return;
	v = strtod(n->value, NULL);
	if (v > 30)
		routine_diag(c, DIAG_ERROR, n, "'%s' must be at most 30 "
		    "seconds", key);
	else if (v > 0 && v < RT_PHASE_MIN)
		routine_diag(c, DIAG_ERROR, n, "'%s' must be %sat least %g "
		    "seconds, not %s", key, strncmp(key, "hold", 4) == 0 ?
		    "0 or " : "", RT_PHASE_MIN, n->value);
}

/* Check one named breathing pattern, the i-th in list. */
static void
routine_check_pattern(struct routine_ctx *c, const struct yt_node *list,
    size_t i)
{
	const struct yt_node	*p = list->kids[i], *n, *o;
	size_t			 j;
	static const char	*keys[] = { "inhale", "hold_in", "exhale",
	    "hold_out" };

	if (p->type != YT_MAP)
		return;
	if ((n = routine_scalar(c, p, "name")) != NULL) {
		for (j = 0; j < nitems(routine_builtin); j++) {
			if (strcmp(routine_builtin[j].name, n->value) == 0)
				routine_diag(c, DIAG_ERROR, n, "pattern '%s' is "
				    "built in; give yours another name",
				    n->value);
		}
		for (j = 0; j < i; j++) {
			o = yamltree_get(list->kids[j], "name");
			if (o != NULL && o->type == YT_SCALAR &&
			    strcmp(o->value, n->value) == 0)
				routine_diag(c, DIAG_ERROR, n, "pattern '%s' is "
				    "defined twice", n->value);
		}
	}
	for (j = 0; j < nitems(keys); j++)
		routine_check_phase(c, routine_scalar(c, p, keys[j]), keys[j]);
	if (n != NULL && routine_scalar(c, p, "inhale") != NULL &&
	    routine_scalar(c, p, "exhale") != NULL &&
	    (routine_seconds_at(p, "inhale") <= 0 ||
	    routine_seconds_at(p, "exhale") <= 0))
		routine_diag(c, DIAG_ERROR, p, "pattern '%s' needs an inhale "
		    "and an exhale longer than 0 seconds", n->value);
}

/* Check the named breathing patterns. */
static void
routine_check_patterns(struct routine_ctx *c)
{
	const struct yt_node	*list;
	size_t			 i;

	list = yamltree_get(c->root, "patterns");
	for (i = 0; list != NULL && list->type == YT_SEQ && i < list->n &&
	    i < ROUTINE_MAX_PATTERNS; i++)
		routine_check_pattern(c, list, i);
}

/* The target range in the file, if it is two good numbers. */
static int
routine_target(struct routine_ctx *c, const struct yt_node *t,
    unsigned long long *lo, unsigned long long *hi)
{
	if (t == NULL || t->type != YT_SEQ || t->n != 2 ||
	    diags_has_error(c->diags, c->file, t->line, t->col) ||
	    t->kids[0]->type != YT_SCALAR || t->kids[1]->type != YT_SCALAR)
		return -1;
	if (schema_parse_uint(t->kids[0]->value, UINT32_MAX, lo) != 0 ||
	    schema_parse_uint(t->kids[1]->value, UINT32_MAX, hi) != 0)
		return -1;
	return 0;
}

/* Check the discomfort range and the ease-off threshold. */
static void
routine_check_discomfort(struct routine_ctx *c)
{
	const struct yt_node	*d, *t, *e;
	unsigned long long	 lo = RT_DEFAULT_TARGET_LO;
	unsigned long long	 hi = RT_DEFAULT_TARGET_HI, ease;
	int			 good = 1;

	if ((d = yamltree_get(c->root, "discomfort")) == NULL ||
	    d->type != YT_MAP)
		return;
	t = yamltree_get(d, "target");
	if (t != NULL) {
		if (routine_target(c, t, &lo, &hi) != 0)
			good = 0;
		else if (lo > 10 || hi > 10) {
			routine_diag(c, DIAG_ERROR, t, "the target range must "
			    "be inside 0 to 10");
			good = 0;
		} else if (lo > hi)
			routine_diag(c, DIAG_ERROR, t, "the target range must "
			    "go from low to high, not %llu to %llu", lo, hi);
	}
	if (routine_number(c, d, "ease_off_at", &e, &ease) != 0)
		return;
	if (ease < 1 || ease > 10)
		routine_diag(c, DIAG_ERROR, e, "'ease_off_at' must be from 1 to "
		    "10, not %llu", ease);
	else if (good && ease <= hi)
		routine_diag(c, DIAG_ERROR, e, "'ease_off_at' (%llu) must be "
		    "above the target range (up to %llu)", ease, hi);
}

/* The language is a BCP 47 tag: letters, then parts of letters and
 * digits after '-' ("en", "de-AT", "pt-BR"). */
static void
routine_check_language(struct routine_ctx *c)
{
	const struct yt_node	*l = yamltree_get(c->root, "language");
	const char		*p;
	size_t			 n, part = 0;

	if (l == NULL || l->type != YT_SCALAR)
		return;
	p = l->value;
	for (;; p++, part++) {
		n = strspn(p, part == 0 ? "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ" : "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
		if (n < 2 || n > (part == 0 ? 3 : 8))
			break;
		p += n;
		if (*p == '\0')
			return;
		if (*p != '-')
			break;
	}
	routine_diag(c, DIAG_ERROR, l,
	    "'language' must be a language tag such as 'en', 'de' or "
	    "'pt-BR'");
}

/* Check that a sound name stays inside the sounds directories. */
static void
routine_check_sounds(struct routine_ctx *c)
{
	const struct yt_node	*s, *n;
	size_t			 i;

	if ((s = yamltree_get(c->root, "sounds")) == NULL ||
	    s->type != YT_MAP)
		return;
	for (i = 1; i < s->n; i += 2) {
		n = s->kids[i];
		if (n->type != YT_SCALAR)
			continue;
		if (routine_path_escapes(n))
			routine_diag(c, DIAG_ERROR, n, "sound '%s' must be a "
			    "file name inside the sounds directory, without "
			    "'..' or a leading '/'", n->value);
	}
}

/* Whether s is a day of the calendar written YYYY-MM-DD, 2000 to 2999. */
static bool
routine_is_date(const char *s)
{
	static const int	 mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31,
	    30, 31, 30, 31 };
	int			 y, m, d;
	size_t			 i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++) {
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	}
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 2000 || y > 2999 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1])
		return false;
	return m != 2 || d != 29 || (y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0));
}

/* The first day of the prescription is a real date. */
static void
routine_check_start(struct routine_ctx *c, const struct yt_node *freq)
{
	const struct yt_node	*n = routine_scalar(c, freq, "start");

	if (n != NULL && !routine_is_date(n->value))
		routine_diag(c, DIAG_ERROR, n, "'start' must be the first day "
		    "of the prescription as YYYY-MM-DD, like 2026-12-07, not "
		    "'%s'", n->value);
}

/* Check the top-level values that the schema cannot. */
static void
routine_check_top(struct routine_ctx *c)
{
	const struct yt_node	*n;
	const char		*p;
	unsigned long long	 v;

	if (routine_number(c, c->root, "unknot", &n, &v) == 0 && v != 1)
		routine_diag(c, DIAG_ERROR, n, "unsupported format version "
		    "%llu (this unknot reads version 1)", v);
	if ((n = routine_scalar(c, c->root, "id")) != NULL) {
		for (p = n->value; *p != '\0'; p++) {
			if ((*p >= 'a' && *p <= 'z') ||
			    (*p >= '0' && *p <= '9') ||
			    (*p == '-' && p != n->value))
				continue;
			routine_diag(c, DIAG_ERROR, n, "'id' may only have "
			    "lower-case letters, digits and '-' (not at the "
			    "start), like 'upper-trapezius'");
			break;
		}
	}
	if ((n = yamltree_get(c->root, "frequency")) != NULL) {
		routine_range(c, n, "per_week", 1, 14);
		routine_range(c, n, "weeks", 1, 52);
		routine_check_start(c, n);
	}
	routine_range(c, c->root, "switch_seconds", 1, 60);
	routine_check_language(c);
}

/* Whether the routine has a step of this kind (for what a week sets). */
static bool
routine_has_kind(const struct yt_node *root, const char *kind)
{
	const struct yt_node	*steps = yamltree_get(root, "steps");
	size_t			 i;

	for (i = 0; steps != NULL && i < steps->n; i++) {
		if (yamltree_get(steps->kids[i], kind) != NULL)
			return true;
	}
	return false;
}

/* Check one week of the progression schedule. */
static void
routine_check_week(struct routine_ctx *c, const struct yt_node *w,
    bool holds, bool exercises)
{
	const struct yt_node	*n;
	unsigned long long	 v;

	if (yamltree_get(w, "hold") == NULL && yamltree_get(w, "sets") ==
	    NULL && yamltree_get(w, "reps") == NULL)
		routine_diag(c, DIAG_ERROR, w, "a week needs 'hold', 'sets' "
		    "or 'reps'");
	if (routine_number(c, w, "hold", &n, &v) == 0) {
		if (v < 5 || v > 300)
			routine_diag(c, DIAG_ERROR, n, "a hold must last from "
			    "5 to 300 seconds, not %llu", v);
		else if (!holds)
			routine_diag(c, DIAG_ERROR, n, "'hold' is for hold "
			    "steps, and this routine has none");
	}
	routine_range(c, w, "sets", 1, 20);
	routine_range(c, w, "reps", 1, 100);
	if (!exercises && (n = yamltree_get(w, "sets")) != NULL)
		routine_diag(c, DIAG_ERROR, n, "'sets' is for exercise steps, "
		    "and this routine has none");
	if (!exercises && (n = yamltree_get(w, "reps")) != NULL)
		routine_diag(c, DIAG_ERROR, n, "'reps' is for exercise steps, "
		    "and this routine has none");
}

/* The rating that steps back: step_back's, else the ease-off rating. */
static unsigned long long
routine_step_back_at(struct routine_ctx *c, const struct yt_node *b)
{
	const struct yt_node	*n;
	unsigned long long	 v;

	if (routine_number(c, b, "rating_at_least", &n, &v) == 0 && v != 0)
		return v;
	if (routine_number(c, yamltree_get(c->root, "discomfort"),
	    "ease_off_at", &n, &v) == 0 && v != 0)
		return v;
	return RT_DEFAULT_EASE_OFF;
}

/* replace_aftercare: only for a kind of session the routine can end with
 * (pressure needs a hold, exercise an exercise; breathing is what a
 * session where neither was done ends with). */
static void
routine_check_aftercare(struct routine_ctx *c)
{
	const struct yt_node	*a, *n;
	static const char	*step[] = { "hold", "exercise" };
	static const char	*key[] = { "pressure", "exercise" };
	size_t			 i;

	if ((a = yamltree_get(c->root, "checkins")) != NULL &&
	    a->type == YT_SEQ)
		for (i = 0; i < a->n; i++)
			routine_range(c, a->kids[i], "hours", 1, 168);
	if ((a = yamltree_get(c->root, "replace_aftercare")) == NULL ||
	    a->type != YT_MAP)
		return;
	for (i = 0; i < nitems(key); i++) {
		if ((n = yamltree_get(a, key[i])) != NULL &&
		    !routine_has_kind(c->root, step[i]))
			routine_diag(c, DIAG_ERROR, n, "'%s' replaces the "
			    "aftercare of a session with %s steps done, and "
			    "this routine has no %s step", key[i], step[i],
			    step[i]);
	}
}

/* Check the progression: its weeks, its rules and the maximum. Done on
 * the tree, with the other checks, so that every error is told in one
 * pass before any advice. */
static void
routine_check_progression(struct routine_ctx *c)
{
	const struct yt_node	*p, *weeks, *n, *a, *b;
	unsigned long long	 at_most, at_least, max;
	bool			 holds, exercises;
	size_t			 i, n_weeks = 0;

	if ((p = yamltree_get(c->root, "progression")) == NULL ||
	    p->type != YT_MAP)
		return;
	holds = routine_has_kind(c->root, "hold");
	exercises = routine_has_kind(c->root, "exercise");
	if ((weeks = yamltree_get(p, "weeks")) != NULL &&
	    weeks->type == YT_SEQ) {
		n_weeks = weeks->n;
		for (i = 0; i < weeks->n; i++) {
			if (weeks->kids[i]->type == YT_MAP)
				routine_check_week(c, weeks->kids[i], holds,
				    exercises);
		}
	}
	if (routine_number(c, p, "max_week", &n, &max) == 0 && n_weeks > 0 &&
	    (max < 1 || max > n_weeks))
		routine_diag(c, DIAG_ERROR, n, "'max_week' must be from 1 to "
		    "%zu (the weeks given), not %llu", n_weeks, max);
	a = yamltree_get(p, "advance");
	b = yamltree_get(p, "step_back");
	routine_range(c, a, "sessions", 1, 10);
	routine_range(c, a, "median_at_most", 0, 10);
	routine_range(c, b, "rating_at_least", 1, 10);
	if (routine_number(c, a, "median_at_most", &n, &at_most) == 0 &&
	    at_most <= 10) {
		at_least = routine_step_back_at(c, b);
		if (at_most >= at_least)
			routine_diag(c, DIAG_ERROR, n, "'median_at_most' (%llu) "
			    "must be below the rating that steps back (%llu)",
			    at_most, at_least);
	}
}

/* Fill the progression's defaults: 3 sessions, a median at most the low
 * end of the target, back at the ease-off rating, up to the last week. */
static void
routine_progression_defaults(struct routine *r, const struct yt_node *root)
{
	struct rt_progression	*p = r->progression;
	const struct yt_node	*a;

	if (p == NULL)
		return;
	a = yamltree_get(yamltree_get(root, "progression"), "advance");
	if (p->advance.sessions == 0)
		p->advance.sessions = 3;
	if (yamltree_get(a, "median_at_most") == NULL)
		p->advance.median_at_most = r->target_lo;
	if (p->step_back.rating_at_least == 0)
		p->step_back.rating_at_least = r->ease_off_at;
	if (p->max_week == 0)
		p->max_week = p->n_weeks;
}

/* Read 'seconds' of a hold or stretch from its body in the tree (libcyaml
 * leaves it): a number, or one for each side, the step's seconds then
 * the longer side's. */
static void
routine_sided_load(struct rt_step *st, const struct yt_node *body)
{
	static const char	*side[] = { "left", "right" };
	const struct yt_node	*n = yamltree_get(body, "seconds"), *k;
	unsigned long long	 v;
	size_t			 i;

	if (n != NULL && n->type == YT_SCALAR &&
	    schema_parse_uint(n->value, UINT32_MAX, &v) == 0)
		st->seconds = (unsigned)v;
	for (i = 0; n != NULL && n->type == YT_MAP && i < nitems(side); i++) {
		k = yamltree_get(n, side[i]);
		if (k == NULL || k->type != YT_SCALAR ||
		    schema_parse_uint(k->value, UINT32_MAX, &v) != 0)
			continue;
		st->side_seconds[i] = (unsigned)v;
		if (v > st->seconds)
			st->seconds = (unsigned)v;
	}
}

/* Fill the defaults the format promises, and flatten the steps. */
static void
routine_defaults(struct routine *r, const struct yt_node *root)
{
	const struct yt_node	*d;
	struct rt_step		*st;
	size_t			 i, k;

	d = yamltree_get(root, "discomfort");
	r->discomfort_given = d != NULL;
	if (yamltree_get(d, "target") == NULL) {
		r->target_lo = RT_DEFAULT_TARGET_LO;
		r->target_hi = RT_DEFAULT_TARGET_HI;
	}
	if (yamltree_get(d, "ease_off_at") == NULL)
		r->ease_off_at = r->target_hi >= RT_DEFAULT_EASE_OFF ?
		    r->target_hi + 1 : RT_DEFAULT_EASE_OFF;
	r->steps = xcalloc(r->n_items, sizeof *r->steps);
	r->n_steps = r->n_items;
	for (i = 0; i < r->n_items; i++) {
		st = &r->steps[i];
		for (k = 0; k < RT_KIND_COUNT; k++) {
			if (r->items[i].kind[k] != NULL) {
				*st = *r->items[i].kind[k];
				st->kind = k;
			}
		}
		if (st->kind == RT_HOLD || st->kind == RT_STRETCH)
			routine_sided_load(st, yamltree_get(root,
			    "steps")->kids[i]->kids[1]);
		if (st->seconds == 0 && st->kind != RT_BREATHE &&
		    st->kind != RT_EXERCISE)
			st->seconds = st->kind == RT_WARMUP ? 60 :
			    (st->kind == RT_NOTE ? 10 : 30);
		if (st->kind == RT_HOLD) {
			if (st->max_seconds == 0)
				st->max_seconds = st->seconds * 2 > 120 ?
				    (st->seconds > 120 ? st->seconds : 120) :
				    st->seconds * 2;
			if (st->rate_every == 0)
				st->rate_every = RT_DEFAULT_RATE_EVERY;
		}
		if (st->kind == RT_BREATHE && st->cycles == 0)
			st->cycles = 6;
		if (st->kind == RT_EXERCISE) {
			if (st->sets == 0)
				st->sets = 1;
			if (st->rep_seconds == 0)
				st->rep_seconds = 3;
			if (yamltree_get(yamltree_get(yamltree_get(root,
			    "steps")->kids[i], "exercise"), "rest_seconds") ==
			    NULL)
				st->rest_seconds = 20;
		}
	}
}

/* The side order a therapist wrote ([right, left] runs right first), and
 * the default get-ready time of holds and exercises. */
static void
routine_side_order(struct routine *r, const struct yt_node *root)
{
	const struct yt_node	*steps, *item, *sides;
	size_t			 i;

	steps = yamltree_get(root, "steps");
	for (i = 0; steps != NULL && i < steps->n && i < r->n_steps; i++) {
		item = steps->kids[i];
		if (item->n < 2)
			continue;
		if ((r->steps[i].kind == RT_HOLD ||
		    r->steps[i].kind == RT_EXERCISE) &&
		    yamltree_get(item->kids[1], "setup") == NULL)
			r->steps[i].setup = RT_DEFAULT_SETUP;
		sides = yamltree_get(item->kids[1], "sides");
		if (sides != NULL && sides->type == YT_SEQ &&
		    sides->n == 2 && sides->kids[0]->type == YT_SCALAR &&
		    strcmp(sides->kids[0]->value, "right") == 0)
			r->steps[i].right_first = 1;
		/* A release after each side runs on its hold's sides. */
		if (routine_each_side(r, i)) {
			r->steps[i].sides = r->steps[i - 1].sides;
			r->steps[i].right_first = r->steps[i - 1].right_first;
		}
	}
}

/* True if the len bytes at buf are all blank; buf need not be NUL-ended. */
static int
routine_blank(const char *buf, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++) {
		if (strchr(" \t\r\n", buf[i]) == NULL || buf[i] == '\0')
			return 0;
	}
	return 1;
}

/* Fill the struct from the checked tree, or have libcyaml load the text
 * and say why not; -1 with *whole set if that is wanted and there is no
 * text (buf NULL: read in chunks; whole is only used then). */
static int
routine_fill(const char *file, struct yt_node *root, const char *buf,
    size_t len, void **data, struct diags *diags, bool *whole)
{
	if (buf != NULL)
		return schema_load(file, buf, len, root, &routine_schema, data,
		    diags);
	if (schema_fill(root, &routine_schema, data) == 0)
		return 0;
	if (whole != NULL)
		*whole = true;
	return -1;
}

/* Check and load a routine from its tree (freed here); buf is its text,
 * or NULL if it was read in chunks: then *whole is set if libcyaml has to
 * load the text to say what is wrong (whole is not used with a text). */
static struct routine *
routine_from_tree(const char *file, struct yt_node *root, const char *buf,
    size_t len, int flags, struct diags *diags, bool *whole)
{
	struct routine_ctx	 c;
	struct routine		*r = NULL;
	void			*data;
	unsigned		 errors;

	errors = schema_check_kinds(file, root, &routine_schema,
	    routine_item_fields, diags);
	if (root->type == YT_MAP) {
		memset(&c, 0, sizeof c);
		c.file = file;
		c.diags = diags;
		c.root = root;
		routine_check_top(&c);
		routine_check_discomfort(&c);
		routine_check_patterns(&c);
		routine_check_steps(&c);
		routine_check_sounds(&c);
		routine_check_progression(&c);
		routine_check_aftercare(&c);
		errors += c.errors;
	}
	if (errors != 0)
		goto out;
	/* Clinical advice once the file is right, not mixed into its
	 * errors. */
	lint_routine(file, root, diags);
	if (routine_fill(file, root, buf, len, &data, diags, whole) != 0)
		goto out;
	r = data;
	routine_defaults(r, root);
	routine_side_order(r, root);
	routine_progression_defaults(r, root);
	r->file = xstrdup(file);
	if (~flags & ROUTINE_NO_HASH)
		util_sha256_hex(buf, len, r->sha256);
out:
	yamltree_free(root);
	return r;
}

/* Parse, check and load a routine from memory; ROUTINE_NO_HASH leaves
 * sha256 empty. */
static struct routine *
routine_parse_flags(const char *file, const char *buf, size_t len,
    int flags, struct diags *diags)
{
	struct yt_node	*root;

	if (routine_blank(buf, len)) {
		diags_add(diags, DIAG_ERROR, file, 1, 1, "the file is empty; "
		    "'unknot new' writes a template to start from");
		return NULL;
	}
	if (len > ROUTINE_MAX_BYTES) {
		diags_add(diags, DIAG_ERROR, file, 1, 1, "the file is too "
		    "large (%zu bytes, at most %d)", len, ROUTINE_MAX_BYTES);
		return NULL;
	}
	root = yamltree_parse(file, buf, len, "the file has no routine in it; "
	    "'unknot new' writes a template to start from", diags);
	if (root == NULL)
		return NULL;
	return routine_from_tree(file, root, buf, len, flags, diags, NULL);
}

/* Parse, check and load a routine from memory. */
struct routine *
routine_parse(const char *file, const char *buf, size_t len,
    struct diags *diags)
{
	return routine_parse_flags(file, buf, len, 0, diags);
}

/* Load a routine that is only looked at (no hash) from its file read in
 * chunks; NULL with *whole set if it has to be read whole: to say what is
 * wrong with it, or to be sure it is empty. Its diagnostics are kept
 * aside until then, so that none is given twice. */
static struct routine *
routine_read(const char *path, int flags, struct diags *diags, bool *whole)
{
	struct yt_node	*root;
	struct routine	*r;
	struct diags	 d;
	char		*cause;
	int		 fd;

	*whole = true;
	if (util_open_file(path, ROUTINE_MAX_BYTES, &fd, NULL, &cause) != 0) {
		free(cause);
		return NULL;
	}
	root = yamltree_read(path, fd, ROUTINE_MAX_BYTES);
	close(fd);
	if (root == NULL)
		return NULL;
	*whole = false;
	diags_init(&d);
	r = routine_from_tree(path, root, NULL, 0, flags, &d, whole);
	if (!*whole)
		diags_move(diags, &d);
	diags_free(&d);
	return r;
}

/* Read and load a routine file, with flags. */
struct routine *
routine_load_flags(const char *path, int flags, struct diags *diags)
{
	struct routine	*r;
	char		*buf, *cause;
	size_t		 len;
	bool		 whole;

	if (flags & ROUTINE_NO_HASH) {
		r = routine_read(path, flags, diags, &whole);
		if (!whole)
			return r;
	}
	if (util_read_file(path, ROUTINE_MAX_BYTES, &buf, &len, &cause) != 0) {
		diags_add(diags, DIAG_ERROR, path, 1, 1, "%s",
		    strncmp(cause, path, strlen(path)) == 0 &&
		    cause[strlen(path)] == ':' ? cause + strlen(path) + 2 :
		    cause);
		free(cause);
		return NULL;
	}
	r = routine_parse_flags(path, buf, len, flags, diags);
	free(buf);
	return r;
}

/* Read and load a routine file. */
struct routine *
routine_load(const char *path, struct diags *diags)
{
	return routine_load_flags(path, 0, diags);
}

/* Free a routine. */
void
routine_free(struct routine *r)
{
	if (r == NULL)
		return;
	free(r->steps);
	free(r->file);
	free(r->progress_note);
	r->steps = NULL;
	r->file = NULL;
	r->progress_note = NULL;
	schema_free(&routine_schema, r);
}

/* Number of sides a step runs. */
static unsigned
routine_nsides(const struct rt_step *st)
{
	return (st->sides & RT_SIDE_LEFT ? 1 : 0) +
	    (st->sides & RT_SIDE_RIGHT ? 1 : 0);
}

/* Seconds of every side of a hold or stretch, added up. */
static double
routine_sides_total(const struct rt_step *st)
{
	double	t = 0;

	if (st->sides & RT_SIDE_LEFT)
		t += routine_side_seconds(st, RT_SIDE_LEFT);
	if (st->sides & RT_SIDE_RIGHT)
		t += routine_side_seconds(st, RT_SIDE_RIGHT);
	return st->sides == RT_SIDE_NONE ? st->seconds : t;
}

/* Nominal seconds of one step. */
double
routine_step_seconds(const struct routine *r, const struct rt_step *st)
{
	const struct rt_pattern	*p;
	unsigned		 sides = routine_nsides(st);
	double			 one;

	if (sides == 0)
		sides = 1;
	switch (st->kind) {
	case RT_BREATHE:
		p = routine_pattern(r, st->pattern);
		if (p == NULL)
			return 0;
		return st->cycles * (p->inhale + p->hold_in + p->exhale +
		    p->hold_out);
	case RT_EXERCISE:
		one = (double)st->sets * st->reps * st->rep_seconds +
		    (double)(st->sets ? st->sets - 1 : 0) * st->rest_seconds +
		    st->setup;
		break;
	case RT_HOLD:
		return routine_sides_total(st) + (double)st->setup * sides +
		    (double)(sides - 1) * routine_switch_seconds(r);
	case RT_STRETCH:
		return routine_sides_total(st) +
		    (double)(sides - 1) * routine_switch_seconds(r);
	case RT_RELEASE:
		/* After each side: the hold's switch is the only one. */
		if (st->after == RT_AFTER_EACH)
			return (double)st->seconds * sides;
		one = st->seconds;
		break;
	default:
		one = st->seconds;
		break;
	}
	return one * sides + (double)(sides - 1) * routine_switch_seconds(r);
}

/* Seconds of one side of a step. */
unsigned
routine_side_seconds(const struct rt_step *st, unsigned side)
{
	unsigned	v = 0;

	if (side == RT_SIDE_LEFT)
		v = st->side_seconds[0];
	else if (side == RT_SIDE_RIGHT)
		v = st->side_seconds[1];
	return v != 0 ? v : st->seconds;
}

/* Whether step i is a release after each side of the hold before it. */
bool
routine_each_side(const struct routine *r, unsigned i)
{
	return i > 0 && i < r->n_steps && r->steps[i].kind == RT_RELEASE &&
	    r->steps[i].after == RT_AFTER_EACH &&
	    r->steps[i - 1].kind == RT_HOLD;
}

/* Whether a step's seconds are given per side. */
bool
routine_per_side(const struct rt_step *st)
{
	return st->side_seconds[0] != 0 || st->side_seconds[1] != 0;
}

/* The side a step of two sides runs first. */
unsigned
routine_first_side(const struct rt_step *st)
{
	return st->right_first ? RT_SIDE_RIGHT : RT_SIDE_LEFT;
}

/* Seconds of the pause to switch sides. */
unsigned
routine_switch_seconds(const struct routine *r)
{
	return r != NULL && r->switch_seconds != 0 ? r->switch_seconds :
	    RT_SWITCH_SECONDS;
}

/* Nominal seconds of the whole routine. */
double
routine_seconds(const struct routine *r)
{
	double		total = 0;
	unsigned	i;

	for (i = 0; i < r->n_steps; i++)
		total += routine_step_seconds(r, &r->steps[i]);
	return total;
}

/* The format's libcyaml schema. */
const cyaml_schema_value_t *
routine_cyaml_schema(void)
{
	return &routine_schema;
}

/* Print the key paths of the format. */
void
routine_print_keys(FILE *f)
{
	schema_print_keys(&routine_schema, f);
}
