/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lint.c: clinical warnings, from the routine's tree so that they are found
 * in the same pass as every error. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint.h"
#include "schema.h"
#include "util.h"

#define LINT_NAME(e, name, what) [e] = { name, 1 << e },
const cyaml_strval_t lint_names[LINT_COUNT] = {
	LINT_LIST(LINT_NAME)
};
#undef LINT_NAME
_Static_assert(LINT_COUNT <= 32, "lint names must fit the allow flags");

/* Most holds of one point before it is too many. */
#define LINT_MAX_SAME_POINT	3

struct lint_ctx {
	const char		*file;
	struct diags		*diags;
	const struct yt_node	*root;
	unsigned		 allow;	/* 1 << enum lint_kind */
};

/* Warn at a node unless the routine allows it. */
static void __attribute__((format(printf, 4, 5)))
lint_warn(struct lint_ctx *c, enum lint_kind k, const struct yt_node *n,
    const char *fmt, ...)
{
	va_list		 ap;
	char		*msg;
	struct diag	*dg;

	if (c->allow & (1U << k))
		return;
	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	dg = diags_add(c->diags, DIAG_WARNING, c->file, n->line, n->col,
	    "%s", msg);
	dg->code = xstrdup(lint_names[k].str);
	dg->end_line = n->end_line;
	dg->end_col = n->end_col;
	free(msg);
}

/* The warnings the routine's 'allow' list names. */
static unsigned
lint_allowed(const struct yt_node *root)
{
	const struct yt_node	*a = yamltree_get(root, "allow");
	unsigned		 bits = 0;
	size_t			 i, k;

	for (i = 0; a != NULL && a->type == YT_SEQ && i < a->n; i++) {
		for (k = 0; k < LINT_COUNT; k++) {
			if (a->kids[i]->type == YT_SCALAR &&
			    strcmp(a->kids[i]->value, lint_names[k].str) == 0)
				bits |= 1U << k;
		}
	}
	return bits;
}

/* A whole number under key, if it is a good one. */
static int
lint_uint(const struct yt_node *map, const char *key,
    const struct yt_node **n, unsigned long long *v)
{
	*n = yamltree_get(map, key);
	if (*n == NULL || (*n)->type != YT_SCALAR)
		return -1;
	return schema_parse_uint((*n)->value, UINT32_MAX, v);
}

/* The kind key of step i (a one-key mapping), or NULL. */
static const struct yt_node *
lint_kind(const struct yt_node *steps, size_t i)
{
	const struct yt_node	*item = steps->kids[i];

	if (item->type != YT_MAP || item->n < 2 ||
	    item->kids[0]->type != YT_SCALAR)
		return NULL;
	return item->kids[0];
}

/* True if step i is of the kind named. */
static int
lint_is(const struct yt_node *steps, size_t i, const char *kind)
{
	const struct yt_node	*k = lint_kind(steps, i);

	return k != NULL && strcmp(k->value, kind) == 0;
}

/* Warn about a hold's length outside the usual range. */
static void
lint_hold_length(struct lint_ctx *c, const struct yt_node *body)
{
	const struct yt_node	*n, *map = yamltree_get(body, "seconds");
	static const char	*keys[] = { "left", "right" };
	unsigned long long	 secs;
	size_t			 i;

	/* A number, or one per side. */
	for (i = 0; i < nitems(keys); i++) {
		if (map != NULL && map->type == YT_MAP ?
		    lint_uint(map, keys[i], &n, &secs) != 0 :
		    (i > 0 || lint_uint(body, "seconds", &n, &secs) != 0))
			continue;
		/* Outside 5 to 300 is an error, reported elsewhere. */
		if (secs >= 5 && secs <= 300 && (secs < 10 || secs > 60))
			lint_warn(c, LINT_HOLD_LENGTH, n, "a hold of %llu "
			    "seconds is outside the usual 10 to 60 seconds",
			    secs);
	}
}

/* Warn about a hold with no release step before the next hold or the
 * end. */
static void
lint_release(struct lint_ctx *c, const struct yt_node *steps, size_t i)
{
	size_t	j;

	for (j = i + 1; j < steps->n && !lint_is(steps, j, "hold"); j++) {
		if (lint_is(steps, j, "release"))
			return;
	}
	lint_warn(c, LINT_NO_RELEASE, lint_kind(steps, i), "this pressure "
	    "hold has no release step after it; add '- release:' with gentle "
	    "strokes before the next hold or the end");
}

/* Warn about the fourth and later holds of one point. */
static void
lint_same_point(struct lint_ctx *c, const struct yt_node *steps, size_t i)
{
	const struct yt_node	*p, *q;
	size_t			 j, count = 1;

	p = yamltree_get(steps->kids[i]->kids[1], "point");
	if (p == NULL || p->type != YT_SCALAR)
		return;
	for (j = 0; j < i; j++) {
		if (!lint_is(steps, j, "hold"))
			continue;
		q = yamltree_get(steps->kids[j]->kids[1], "point");
		if (q != NULL && q->type == YT_SCALAR &&
		    strcasecmp(q->value, p->value) == 0)
			count++;
	}
	if (count > LINT_MAX_SAME_POINT)
		lint_warn(c, LINT_SAME_POINT, p, "this point is held %zu times "
		    "in the routine; more than %d holds of one point can leave "
		    "it bruised and sore", count, LINT_MAX_SAME_POINT);
}

/* The routine-wide warnings, given the first hold. */
static void
lint_first_hold(struct lint_ctx *c, const struct yt_node *first,
    int warmed)
{
	const struct yt_node	*d, *n, *safety;
	unsigned long long	 per_week;

	if (!warmed)
		lint_warn(c, LINT_NO_WARMUP, first, "no warm-up before the "
		    "first hold; add '- warmup:' so the tissue is ready for "
		    "pressure");
	d = yamltree_get(c->root, "discomfort");
	if (yamltree_get(d, "target") == NULL)
		lint_warn(c, LINT_NO_TARGET, first, "the routine has holds "
		    "but no discomfort target range; add 'discomfort: "
		    "{target: [4, 7]}' so the client knows how firmly to "
		    "press");
	safety = yamltree_get(c->root, "safety");
	if (safety == NULL || safety->type != YT_SEQ || safety->n == 0)
		lint_warn(c, LINT_NO_SAFETY, first, "the routine has holds but "
		    "no safety notes; add 'safety:' with when to stop and "
		    "where not to press");
	if (lint_uint(yamltree_get(c->root, "frequency"), "per_week", &n,
	    &per_week) == 0 && per_week >= 7)
		lint_warn(c, LINT_DAILY_PRESSURE, n, "pressure holds every day "
		    "leave no time for the 24 to 48 hours of soreness to "
		    "pass; prescribe them every other day (at most 4 times a "
		    "week) or take the holds out of a daily routine");
}

/* Add the warnings of a routine. */
void
lint_routine(const char *file, const struct yt_node *root,
    struct diags *diags)
{
	struct lint_ctx		 c = { file, diags, root, 0 };
	const struct yt_node	*steps;
	size_t			 i;
	int			 warmed = 0, held = 0;

	if (root == NULL || root->type != YT_MAP)
		return;
	c.allow = lint_allowed(root);
	steps = yamltree_get(root, "steps");
	for (i = 0; steps != NULL && steps->type == YT_SEQ && i < steps->n;
	    i++) {
		if (lint_is(steps, i, "warmup"))
			warmed = 1;
		if (!lint_is(steps, i, "hold") ||
		    steps->kids[i]->kids[1]->type != YT_MAP)
			continue;
		if (!held)
			lint_first_hold(&c, lint_kind(steps, i), warmed);
		held = 1;
		lint_hold_length(&c, steps->kids[i]->kids[1]);
		lint_release(&c, steps, i);
		lint_same_point(&c, steps, i);
	}
}
