/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_json.c: the JSON emitter puts commas, layout and escapes where
 * they belong, and writes reals in the C locale whatever the locale. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "tap.h"

/* What f holds, as a new string; f is closed. */
static char *
slurp(FILE *f)
{
	long	 n;
	char	*s;

	fflush(f);
	n = ftell(f);
	rewind(f);
	s = calloc(1, (size_t)n + 1);
	if (s == NULL || fread(s, 1, (size_t)n, f) != (size_t)n)
		abort();
	fclose(f);
	return s;
}

/* Nested containers, one line a member down to the given depth. */
static void
test_layout(void)
{
	struct json	 j;
	FILE		*f = tmpfile();
	char		*s;

	json_init(&j, f, 1);
	json_object(&j);
	json_key(&j, "a");
	json_int(&j, -3);
	json_key(&j, "b");
	json_array(&j);
	json_str(&j, "x\"y");
	json_null(&j);
	json_bool(&j, true);
	json_end(&j);
	json_key(&j, "c");
	json_object(&j);
	json_end(&j);
	json_key(&j, "d");
	json_array(&j);
	json_end(&j);
	json_end(&j);
	ok(json_error(&j) == 0, "no write error");
	s = slurp(f);
	is_str(s, "{\n  \"a\": -3,\n  \"b\": [\"x\\\"y\", null, true],\n"
	    "  \"c\": {},\n  \"d\": []\n}\n", "layout, commas and escapes");
	free(s);

	f = tmpfile();
	json_init(&j, f, 0);
	json_array(&j);
	json_int(&j, 1);
	json_object(&j);
	json_key(&j, "k");
	json_str(&j, NULL);
	json_end(&j);
	json_end(&j);
	s = slurp(f);
	is_str(s, "[1, {\"k\": null}]\n", "all on one line");
	free(s);
}

/* Use de_DE.UTF-8, generated into a temporary LOCPATH if the machine has
 * none; false if neither works. */
static char	dir[] = "/tmp/unknot-json.XXXXXX";

static bool
de_locale(void)
{
	char	cmd[256];

	if (setlocale(LC_ALL, "de_DE.UTF-8") != NULL)
		return true;
	if (mkdtemp(dir) == NULL)
		return false;
	snprintf(cmd, sizeof cmd, "localedef -i de_DE -f UTF-8 "
	    "%s/de_DE.UTF-8 >/dev/null 2>&1", dir);
	if (system(cmd) == 0) {
		setenv("LOCPATH", dir, 1);
		if (setlocale(LC_ALL, "de_DE.UTF-8") != NULL &&
		    strcmp(localeconv()->decimal_point, ",") == 0)
			return true;
	}
	return false;
}

/* Five reals, as the emitter writes them. */
static char *
reals(void)
{
	struct json	 j;
	FILE		*f = tmpfile();

	json_init(&j, f, 0);
	json_array(&j);
	json_real(&j, 2.5, 2);
	json_real(&j, 0.4, 0);
	json_real(&j, -0.125, 1);
	json_real(&j, NAN, 2);
	json_real(&j, INFINITY, 2);
	json_end(&j);
	return slurp(f);
}

/* Reals: decimals as asked, a point in every locale, no NaN. */
static void
test_reals(void)
{
	char		*s, cmd[64];
	const char	*want = "[2.50, 0, -0.1, null, null]\n";

	s = reals();
	is_str(s, want, "reals in the C locale");
	free(s);

	/* A decimal-comma locale: generated here when localedef can. */
	if (!de_locale()) {
		printf("ok %d # SKIP no de_DE locale and no localedef\n",
		    ++tap_n);
		return;
	}
	s = reals();
	is_str(s, want, "reals with a point under de_DE");
	free(s);
	setlocale(LC_ALL, "C");
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
}

int
main(void)
{
	test_layout();
	test_reals();
	done_testing();
}
