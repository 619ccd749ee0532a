/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lint.h: clinical warnings about a routine that is well formed but may not
 * be what a therapist would prescribe. Each has a name; a routine silences
 * one with 'allow: [NAME]'. */
#ifndef UNKNOT_LINT_H
#define UNKNOT_LINT_H

#include <cyaml/cyaml.h>

#include "diag.h"
#include "yamltree.h"

/* X(ENUM, name, what it warns about): every warning, in enum order. */
#define LINT_LIST(X)							\
	X(LINT_HOLD_LENGTH, "hold-length",				\
	    "a hold shorter than 10 or longer than 60 seconds")		\
	X(LINT_NO_RELEASE, "no-release",				\
	    "a pressure hold with no release step after it")		\
	X(LINT_NO_WARMUP, "no-warmup",					\
	    "no warm-up before the first hold")				\
	X(LINT_NO_TARGET, "no-target",					\
	    "holds without a discomfort target range")			\
	X(LINT_DAILY_PRESSURE, "daily-pressure",			\
	    "pressure holds prescribed every day")			\
	X(LINT_NO_SAFETY, "no-safety",					\
	    "holds without safety notes")				\
	X(LINT_SAME_POINT, "same-point",				\
	    "the same point held more than three times")

#define LINT_ENUM(e, name, what) e,
enum lint_kind {
	LINT_LIST(LINT_ENUM)
	LINT_COUNT
};
#undef LINT_ENUM

/* The names, for the 'allow' key of the routine schema. */
extern const cyaml_strval_t lint_names[LINT_COUNT];

/* Add the warnings for a routine's tree that its 'allow' list does not
 * silence; the tree may have errors elsewhere. */
void	lint_routine(const char *file, const struct yt_node *root,
	    struct diags *);

#endif
