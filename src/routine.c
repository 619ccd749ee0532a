/* routine.c: the routine format (version 1): its libcyaml schema, strict
 * checks with positions, semantic checks, defaults and durations. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cyaml/cyaml.h>

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
};

struct rt_discomfort {
	unsigned	target[2];
	unsigned	ease_off_at;
};

_Static_assert(offsetof(struct routine, weeks) ==
    offsetof(struct routine, per_week) + sizeof(unsigned),
    "frequency fields must be adjacent");
_Static_assert(offsetof(struct routine, ease_off_at) ==
    offsetof(struct routine, target_lo) + 2 * sizeof(unsigned),
    "discomfort fields must be adjacent");

static const char *routine_kind_names[RT_KIND_COUNT] = {
	"warmup", "hold", "breathe", "release", "stretch", "exercise", "rest",
	"note"
};

static const char *routine_kind_titles[RT_KIND_COUNT] = {
	"Warm up", "Hold", "Breathe", "Release", "Stretch", "Exercise", "Rest",
	"Note"
};

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

static const struct rt_pattern routine_builtin[] = {
	{ "box",	 4,   4, 4,   4 },
	{ "resonance",	 5.5, 0, 5.5, 0 },
	{ "4-7-8",	 4,   7, 8,   0 },
	{ "long-exhale", 4,   0, 8,   0 },
	{ "slow",	 4,   0, 6,   0 },
};

static const cyaml_strval_t routine_side_strings[] = {
	{ "left", RT_SIDE_LEFT },
	{ "right", RT_SIDE_RIGHT },
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
#define F_BREATHING	F_STR("breathing", F_OPT, breathing, SHORT)
#define F_SIDES		CYAML_FIELD_FLAGS("sides", CYAML_FLAG_OPTIONAL, \
	    struct rt_step, sides, routine_side_strings, 2)

static const cyaml_schema_field_t routine_warmup_fields[] = {
	F_TITLE, F_TEXT, F_SECONDS, F_BREATHING, CYAML_FIELD_END
};
static const cyaml_schema_field_t routine_hold_fields[] = {
	F_TITLE, F_STR("point", 0, point, LONG), F_TEXT,
	F_STR("referral", F_OPT, referral, LONG), F_SECONDS,
	F_UINT("max_seconds", max_seconds), F_SIDES, F_BREATHING,
	F_UINT("rate_every", rate_every), F_UINT("setup", setup),
	CYAML_FIELD_END
};
static const cyaml_schema_field_t routine_breathe_fields[] = {
	F_TITLE, F_TEXT, F_STR("pattern", 0, pattern, SHORT),
	F_UINT("cycles", cycles), CYAML_FIELD_END
};
static const cyaml_schema_field_t routine_release_fields[] = {
	F_TITLE, F_TEXT, F_SECONDS, F_SIDES, CYAML_FIELD_END
};
static const cyaml_schema_field_t routine_stretch_fields[] = {
	F_TITLE, F_TEXT, F_SECONDS, F_SIDES, F_BREATHING, CYAML_FIELD_END
};
static const cyaml_schema_field_t routine_exercise_fields[] = {
	F_STR("title", 0, title, SHORT), F_TEXT,
	CYAML_FIELD_UINT("reps", CYAML_FLAG_DEFAULT, struct rt_step, reps),
	F_UINT("sets", sets), F_UINT("rep_seconds", rep_seconds),
	F_UINT("rest_seconds", rest_seconds), F_SIDES,
	F_UINT("setup", setup), CYAML_FIELD_END
};
static const cyaml_schema_field_t routine_rest_fields[] = {
	F_TITLE, F_TEXT, F_SECONDS, CYAML_FIELD_END
};
static const cyaml_schema_field_t routine_note_fields[] = {
	F_TITLE, F_STR("text", 0, text, LONG), F_SECONDS, CYAML_FIELD_END
};

#define F_KIND(k, name, fields) {					\
	.key = name,							\
	.data_offset = offsetof(struct rt_step_item, kind) +		\
	    (k) * sizeof(struct rt_step *),				\
	.value = { CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER |		\
	    CYAML_FLAG_OPTIONAL, struct rt_step, fields) },		\
}
static const cyaml_schema_field_t routine_item_fields[] = {
	F_KIND(RT_WARMUP, "warmup", routine_warmup_fields),
	F_KIND(RT_HOLD, "hold", routine_hold_fields),
	F_KIND(RT_BREATHE, "breathe", routine_breathe_fields),
	F_KIND(RT_RELEASE, "release", routine_release_fields),
	F_KIND(RT_STRETCH, "stretch", routine_stretch_fields),
	F_KIND(RT_EXERCISE, "exercise", routine_exercise_fields),
	F_KIND(RT_REST, "rest", routine_rest_fields),
	F_KIND(RT_NOTE, "note", routine_note_fields),
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
	F_SUBMAP("sounds", sounds, struct rt_sounds, routine_sounds_fields),
	CYAML_FIELD_UINT("switch_seconds", CYAML_FLAG_OPTIONAL, struct routine,
	    switch_seconds),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t routine_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct routine, routine_fields)
};

/* Semantic checks walk the tree for positions. */
struct routine_ctx {
	const char		*file;
	struct diags		*diags;
	const struct yt_node	*root;
	unsigned		 errors;
};

/* Report a semantic problem at a node. */
static void __attribute__((format(printf, 4, 5)))
routine_diag(struct routine_ctx *c, enum diag_level level,
    const struct yt_node *n, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	diags_add(c->diags, level, c->file, n ? n->line : 1, n ? n->col : 1,
	    "%s", msg);
	free(msg);
	if (level == DIAG_ERROR)
		c->errors++;
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

/* A number under key in map (already known to be a plain decimal). */
static int
routine_number(const struct yt_node *map, const char *key,
    const struct yt_node **node, unsigned long long *v)
{
	*node = yamltree_get(map, key);
	if (*node == NULL || (*node)->type != YT_SCALAR)
		return -1;
	return schema_parse_uint((*node)->value, UINT32_MAX, v);
}

/* Check that an optional whole number under key is within lo..hi. */
static void
routine_range(struct routine_ctx *c, const struct yt_node *map,
    const char *key, unsigned long long lo, unsigned long long hi)
{
	const struct yt_node	*n;
	unsigned long long	 v;

	if (routine_number(map, key, &n, &v) != 0)
		return;
	if (v < lo || v > hi)
		routine_diag(c, DIAG_ERROR, n, "'%s' must be from %llu to "
		    "%llu, not %llu", key, lo, hi, v);
}

/* Check a pattern name used by a step refers to a known pattern. */
static void
routine_check_pattern_ref(struct routine_ctx *c, const struct routine *r,
    const struct yt_node *body, const char *key)
{
	const struct yt_node	*n = yamltree_get(body, key);

	if (n == NULL || n->type != YT_SCALAR)
		return;
	if (routine_pattern(r, n->value) == NULL)
		routine_diag(c, DIAG_ERROR, n, "breathing pattern '%s' is not "
		    "defined in 'patterns' and is not built in (box, "
		    "resonance, 4-7-8, long-exhale, slow)", n->value);
}

/* Check the hold-specific ranges. */
static void
routine_check_hold(struct routine_ctx *c, const struct yt_node *body)
{
	const struct yt_node	*n, *m;
	unsigned long long	 secs = 30, max;

	if (routine_number(body, "seconds", &n, &secs) == 0) {
		if (secs < 5 || secs > 300)
			routine_diag(c, DIAG_ERROR, n, "a hold must last from "
			    "5 to 300 seconds, not %llu", secs);
		else if (secs < 10 || secs > 60)
			routine_diag(c, DIAG_WARNING, n, "a hold of %llu "
			    "seconds is outside the usual 10 to 60 seconds",
			    secs);
	}
	if (routine_number(body, "max_seconds", &m, &max) == 0) {
		if (max < secs)
			routine_diag(c, DIAG_ERROR, m, "'max_seconds' (%llu) "
			    "must be at least 'seconds' (%llu)", max, secs);
		else if (max > 300)
			routine_diag(c, DIAG_ERROR, m, "'max_seconds' must be "
			    "at most 300, not %llu", max);
	}
	routine_range(c, body, "rate_every", 5, 120);
	routine_range(c, body, "setup", 0, 60);
}

/* The position of the pattern named name in 'patterns', "built in" for
 * one of ours; into buf. */
static const char *
routine_pattern_where(const struct routine_ctx *c, const char *name,
    char *buf, size_t size)
{
	const struct yt_node	*list, *n;
	size_t			 i;

	list = yamltree_get(c->root, "patterns");
	for (i = 0; list != NULL && i < list->n; i++) {
		n = yamltree_get(list->kids[i], "name");
		if (n != NULL && n->type == YT_SCALAR &&
		    strcmp(n->value, name) == 0) {
			snprintf(buf, size, "defined at %u:%u", list->kids[i]->line,
			    list->kids[i]->col);
			return buf;
		}
	}
	return "built in";
}

/* A hold breathes without breath holds: under pressure a held breath is
 * bracing. */
static void
routine_check_hold_breath(struct routine_ctx *c, const struct routine *r,
    const struct yt_node *body)
{
	const struct yt_node	*n = yamltree_get(body, "breathing");
	const struct rt_pattern	*p;
	char			 where[64];

	if (n == NULL || n->type != YT_SCALAR ||
	    (p = routine_pattern(r, n->value)) == NULL)
		return;
	if (p->hold_in <= 0 && p->hold_out <= 0)
		return;
	routine_diag(c, DIAG_ERROR, n, "a hold cannot breathe '%s' (%s): it "
	    "has %s; never hold your breath under pressure", n->value,
	    routine_pattern_where(c, n->value, where, sizeof where),
	    p->hold_in > 0 ? "hold_in" : "hold_out");
}

/* Check one step's body against the rules of its kind. */
static void
routine_check_step(struct routine_ctx *c, const struct routine *r,
    enum rt_kind kind, const struct yt_node *body)
{
	switch (kind) {
	case RT_HOLD:
		routine_check_hold(c, body);
		routine_check_hold_breath(c, r, body);
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
	default:
		routine_range(c, body, "seconds", 1, 3600);
		break;
	}
	routine_check_pattern_ref(c, r, body, "breathing");
	routine_check_pattern_ref(c, r, body, "pattern");
}

/* Check that every step has exactly one kind, then check its body. */
static void
routine_check_steps(struct routine_ctx *c, const struct routine *r)
{
	const struct yt_node	*steps, *item;
	size_t			 i, k;

	steps = yamltree_get(c->root, "steps");
	for (i = 0; steps != NULL && i < steps->n; i++) {
		item = steps->kids[i];
		if (item->n == 0) {
			routine_diag(c, DIAG_ERROR, item, "a step needs a kind: "
			    "warmup, hold, breathe, release, stretch, "
			    "exercise, rest or note");
			continue;
		}
		if (item->n > 2) {
			routine_diag(c, DIAG_ERROR, item->kids[2], "a step has "
			    "one kind, but this one also has '%s'; start a "
			    "new step with '- %s:'", item->kids[2]->value,
			    item->kids[2]->value);
			continue;
		}
		for (k = 0; k < RT_KIND_COUNT; k++) {
			if (strcmp(item->kids[0]->value,
			    routine_kind_names[k]) == 0)
				routine_check_step(c, r, k, item->kids[1]);
		}
	}
}

/* Check the named breathing patterns. */
static void
routine_check_patterns(struct routine_ctx *c, const struct routine *r)
{
	const struct yt_node		*list, *p, *n;
	const struct rt_pattern		*pt;
	size_t				 i, j, b;
	static const char		*keys[] = { "inhale", "hold_in",
	    "exhale", "hold_out" };

	list = yamltree_get(c->root, "patterns");
	for (i = 0; list != NULL && i < r->n_patterns; i++) {
		p = list->kids[i];
		pt = &r->patterns[i];
		n = yamltree_get(p, "name");
		for (b = 0; b < nitems(routine_builtin); b++) {
			if (strcmp(routine_builtin[b].name, pt->name) == 0)
				routine_diag(c, DIAG_ERROR, n, "pattern '%s' is "
				    "built in; give yours another name",
				    pt->name);
		}
		for (j = 0; j < i; j++) {
			if (strcmp(r->patterns[j].name, pt->name) == 0)
				routine_diag(c, DIAG_ERROR, n, "pattern '%s' is "
				    "defined twice", pt->name);
		}
		for (j = 0; j < nitems(keys); j++) {
			n = yamltree_get(p, keys[j]);
			if (n != NULL && strtod(n->value, NULL) > 30)
				routine_diag(c, DIAG_ERROR, n, "'%s' must be at "
				    "most 30 seconds", keys[j]);
		}
		if (pt->inhale <= 0 || pt->exhale <= 0)
			routine_diag(c, DIAG_ERROR, p, "pattern '%s' needs an "
			    "inhale and an exhale longer than 0 seconds",
			    pt->name);
	}
}

/* Check the discomfort range and the ease-off threshold. */
static void
routine_check_discomfort(struct routine_ctx *c, const struct routine *r)
{
	const struct yt_node	*d, *t, *e;

	if ((d = yamltree_get(c->root, "discomfort")) == NULL)
		return;
	t = yamltree_get(d, "target");
	e = yamltree_get(d, "ease_off_at");
	if (t != NULL) {
		if (r->target_lo > 10 || r->target_hi > 10)
			routine_diag(c, DIAG_ERROR, t, "the target range must "
			    "be inside 0 to 10");
		else if (r->target_lo > r->target_hi)
			routine_diag(c, DIAG_ERROR, t, "the target range must "
			    "go from low to high, not %u to %u", r->target_lo,
			    r->target_hi);
	}
	if (e != NULL) {
		if (r->ease_off_at < 1 || r->ease_off_at > 10)
			routine_diag(c, DIAG_ERROR, e, "'ease_off_at' must be "
			    "from 1 to 10, not %u", r->ease_off_at);
		else if (r->ease_off_at <= r->target_hi && r->target_hi <= 10)
			routine_diag(c, DIAG_ERROR, e, "'ease_off_at' (%u) must "
			    "be above the target range (up to %u)",
			    r->ease_off_at, r->target_hi);
	}
}

/* Check that a sound name stays inside the sounds directories. */
static void
routine_check_sounds(struct routine_ctx *c)
{
	const struct yt_node	*s, *n;
	size_t			 i;

	if ((s = yamltree_get(c->root, "sounds")) == NULL)
		return;
	for (i = 1; i < s->n; i += 2) {
		n = s->kids[i];
		if (n->type != YT_SCALAR)
			continue;
		if (n->value[0] == '/' || strcmp(n->value, "..") == 0 ||
		    strncmp(n->value, "../", 3) == 0 ||
		    strstr(n->value, "/../") != NULL ||
		    (n->len >= 3 && strcmp(n->value + n->len - 3, "/..") == 0))
			routine_diag(c, DIAG_ERROR, n, "sound '%s' must be a "
			    "file name inside the sounds directory, without "
			    "'..' or a leading '/'", n->value);
	}
}

/* Check the top-level values that the schema cannot. */
static void
routine_check_top(struct routine_ctx *c, const struct routine *r)
{
	const struct yt_node	*n;
	const char		*p;

	if (r->version != 1)
		routine_diag(c, DIAG_ERROR, yamltree_get(c->root, "unknot"),
		    "unsupported format version %u (this unknot reads "
		    "version 1)", r->version);
	n = yamltree_get(c->root, "id");
	for (p = r->id; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    (*p == '-' && p != r->id))
			continue;
		routine_diag(c, DIAG_ERROR, n, "'id' may only have lower-case "
		    "letters, digits and '-' (not at the start), like "
		    "'upper-trapezius'");
		break;
	}
	if ((n = yamltree_get(c->root, "frequency")) != NULL) {
		routine_range(c, n, "per_week", 1, 14);
		routine_range(c, n, "weeks", 1, 52);
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

/* Parse, check and load a routine from memory. */
struct routine *
routine_parse(const char *file, const char *buf, size_t len,
    struct diags *diags)
{
	struct routine_ctx	 c;
	struct yt_node		*root;
	struct routine		*r = NULL;
	void			*data;

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
	if (schema_check(file, root, &routine_schema, diags) != 0)
		goto out;
	if (schema_load(file, buf, len, &routine_schema, &data, diags) != 0)
		goto out;
	r = data;
	memset(&c, 0, sizeof c);
	c.file = file;
	c.diags = diags;
	c.root = root;
	routine_check_top(&c, r);
	routine_range(&c, root, "switch_seconds", 1, 60);
	routine_check_discomfort(&c, r);
	routine_check_patterns(&c, r);
	routine_check_steps(&c, r);
	routine_check_sounds(&c);
	if (c.errors != 0) {
		schema_free(&routine_schema, r);
		r = NULL;
		goto out;
	}
	routine_defaults(r, root);
	routine_side_order(r, root);
	r->file = xstrdup(file);
	util_sha256_hex(buf, len, r->sha256);
out:
	yamltree_free(root);
	return r;
}

/* Read and load a routine file. */
struct routine *
routine_load(const char *path, struct diags *diags)
{
	struct routine	*r;
	char		*buf, *cause;
	size_t		 len;

	if (util_read_file(path, ROUTINE_MAX_BYTES, &buf, &len, &cause) != 0) {
		diags_add(diags, DIAG_ERROR, path, 1, 1, "%s",
		    strncmp(cause, path, strlen(path)) == 0 &&
		    cause[strlen(path)] == ':' ? cause + strlen(path) + 2 :
		    cause);
		free(cause);
		return NULL;
	}
	r = routine_parse(path, buf, len, diags);
	free(buf);
	return r;
}

/* Free a routine. */
void
routine_free(struct routine *r)
{
	if (r == NULL)
		return;
	free(r->steps);
	free(r->file);
	r->steps = NULL;
	r->file = NULL;
	schema_free(&routine_schema, r);
}

/* Number of sides a step runs. */
static unsigned
routine_nsides(const struct rt_step *st)
{
	return (st->sides & RT_SIDE_LEFT ? 1 : 0) +
	    (st->sides & RT_SIDE_RIGHT ? 1 : 0);
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
		one = (double)st->seconds + st->setup;
		break;
	default:
		one = st->seconds;
		break;
	}
	return one * sides + (double)(sides - 1) * routine_switch_seconds(r);
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

/* Print the key paths of the format. */
void
routine_print_keys(FILE *f)
{
	schema_print_keys(&routine_schema, f);
}
