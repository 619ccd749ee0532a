/* SPDX-License-Identifier: GPL-3.0-or-later */
/* testlib.h: what the C unit tests share besides TAP: a temporary
 * directory and files in it, and fixture routines. Include it after tap.h;
 * every function is static inline, so a test pays only for what it uses. */
#ifndef UNKNOT_TESTLIB_H
#define UNKNOT_TESTLIB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "routine.h"
#include "util.h"

/* The YAML of the routine "test-points": a hold on both sides, a stretch,
 * a hold titled last; three sessions a week for two weeks. */
#define TESTLIB_POINTS_YAML(last)					\
	"unknot: 1\n"							\
	"id: test-points\n"						\
	"title: Test points\n"						\
	"frequency: {per_week: 3, weeks: 2}\n"				\
	"steps:\n"							\
	"  - hold:\n"							\
	"      title: Top of the shoulder\n"				\
	"      point: Halfway along the top of the shoulder.\n"		\
	"      seconds: 30\n"						\
	"      setup: 0\n"						\
	"      sides: [left, right]\n"					\
	"  - stretch:\n"						\
	"      title: Ear to shoulder\n"				\
	"      seconds: 20\n"						\
	"  - hold:\n"							\
	"      title: " last "\n"					\
	"      point: Just below the bony ridge.\n"			\
	"      seconds: 30\n"						\
	"      setup: 0\n"

static char	*testlib_dir;	/* the temporary directory, or NULL */

/* Make a new temporary directory, unknot-NAME.XXXXXX in $TMPDIR or /tmp,
 * for testlib_path() and the others; aborts the test if it cannot. */
static inline const char *
testlib_tmpdir(const char *name)
{
	const char	*base = getenv("TMPDIR");
	char		*tmpl;

	xasprintf(&tmpl, "%s/unknot-%s.XXXXXX",
	    base != NULL && *base != '\0' ? base : "/tmp", name);
	if (mkdtemp(tmpl) == NULL)
		fatal("mkdtemp %s", tmpl);
	free(testlib_dir);
	testlib_dir = tmpl;
	return testlib_dir;
}

/* Remove the temporary directory and all in it. */
static inline void
testlib_cleanup(void)
{
	char	*cmd;

	if (testlib_dir == NULL)
		return;
	xasprintf(&cmd, "rm -rf '%s'", testlib_dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", testlib_dir);
	free(cmd);
	free(testlib_dir);
	testlib_dir = NULL;
}

/* A path under the temporary directory, allocated. */
static inline char *
testlib_path(const char *rel)
{
	char	*p;

	if (testlib_dir == NULL)
		fatalx("testlib_path before testlib_tmpdir");
	xasprintf(&p, "%s/%s", testlib_dir, rel);
	return p;
}

/* Write text to the file at path, or abort the test. */
static inline void
testlib_put(const char *path, const char *text)
{
	FILE	*f;

	if ((f = fopen(path, "w")) == NULL)
		fatal("%s", path);
	fputs(text, f);
	if (fclose(f) != 0)
		fatal("%s", path);
}

/* Write text to a file under the temporary directory. */
static inline void
testlib_write(const char *rel, const char *text)
{
	char	*p = testlib_path(rel);

	testlib_put(p, text);
	free(p);
}

/* mkdir -p under the temporary directory, or abort the test. */
static inline void
testlib_mkdirs(const char *rel)
{
	char	*p = testlib_path(rel), *cause;

	if (util_mkdirs(p, &cause) != 0)
		fatalx("%s", cause);
	free(p);
}

/* A routine parsed from YAML text named file, with the SHA-256 of the
 * text as a loaded file has it; aborts the test if it does not parse. */
static inline struct routine *
testlib_routine(const char *file, const char *yaml)
{
	struct diags	 d;
	struct routine	*r;

	diags_init(&d);
	r = routine_parse(file, yaml, strlen(yaml), &d);
	if (r == NULL) {
		diags_print(&d, stdout);
		fatalx("test routine %s does not parse", file);
	}
	util_sha256_hex(yaml, strlen(yaml), r->sha256);
	diags_free(&d);
	return r;
}

#endif
