/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_outfile.c: the output file writer. What the shell cannot time: a
 * file that appears between open and commit (no clobbering without -f), a
 * failed fill, and the checks by name and by inode, each seen through
 * stat(2) and the file's bytes, not through the writer. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "outfile.h"
#include "util.h"
#include "tap.h"
#include "testlib.h"

/* The whole of path (a small file), or "" if it cannot be read. */
static const char *
get(const char *path)
{
	static char	 buf[256];
	FILE		*f;
	size_t		 n = 0;

	if ((f = fopen(path, "r")) != NULL) {
		n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return buf;
}

/* How many entries dir holds besides . and .. */
static int
entries(const char *dir)
{
	DIR		*d;
	struct dirent	*e;
	int		 n = 0;

	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	}
	closedir(d);
	return n;
}

/* A fill that writes "new\n". */
static int
fill_new(FILE *f, void *arg, char **cause)
{
	(void)arg;
	(void)cause;
	fputs("new\n", f);
	return 0;
}

/* A fill that writes half and fails. */
static int
fill_fail(FILE *f, void *arg, char **cause)
{
	(void)arg;
	fputs("half", f);
	*cause = xstrdup("failed on purpose");
	return -1;
}

/* OUTFILE_NEW: a file that appears while we write is not replaced. */
static void
test_no_clobber(void)
{
	struct outfile	*o;
	const char	*p = "race.txt";
	char		*cause = NULL;

	o = outfile_open(p, OUTFILE_NEW, &cause);
	ok(o != NULL, "a new name opens with OUTFILE_NEW");
	if (o == NULL) {
		free(cause);
		return;
	}
	fputs("ours\n", outfile_stream(o));
	testlib_put(p, "theirs\n");
	is_int(outfile_commit(o, &cause), -1,
	    "commit fails when the name was taken meanwhile");
	ok(cause != NULL && strstr(cause, "use -f") != NULL,
	    "and says to use -f");
	free(cause);
	is_str(get(p), "theirs\n", "the other file is left alone");
	is_int(entries("."), 1, "and no temporary file is left");
	unlink(p);
}

/* A failed fill leaves the old file and no temporary file. */
static void
test_failed_fill(void)
{
	const char	*p = "keep.txt";
	char		*cause = NULL;
	struct stat	 sb;

	testlib_put(p, "old\n");
	chmod(p, 0604);
	is_int(outfile_write(p, 0, fill_fail, NULL, &cause), -1,
	    "a failed fill fails");
	is_str(cause, "failed on purpose", "with the fill's cause");
	free(cause);
	is_str(get(p), "old\n", "the file is as it was");
	is_int(entries("."), 1, "and no temporary file is left");
	is_int(outfile_write(p, 0, fill_new, NULL, &cause), 0,
	    "a good fill replaces it");
	is_str(get(p), "new\n", "with the new text");
	ok(stat(p, &sb) == 0 && (sb.st_mode & 07777) == 0604,
	    "keeping its mode");
	unlink(p);
}

/* The history and its journals, by name and by inode. */
static void
test_history(void)
{
	struct outfile	*o;
	char		*dir, *db, *p, *cause = NULL;
	static const char *const names[] = { "history.db", "history.db-wal",
	    "history.db-shm", "history.db-journal" };
	size_t		 i;

	dir = testlib_path("data/unknot");
	xasprintf(&db, "%s/history.db", dir);
	p = testlib_path("data");
	setenv("XDG_DATA_HOME", p, 1);
	free(p);
	if (util_mkdirs(dir, &cause) != 0) {
		ok(0, cause);
		free(cause);
		return;
	}
	for (i = 0; i < nitems(names); i++) {
		xasprintf(&p, "%s/%s", dir, names[i]);
		o = outfile_open(p, 0, &cause);
		free(p);
		xasprintf(&p, "%s in the data directory is refused", names[i]);
		ok(o == NULL, p);
		outfile_abort(o);
		free(cause);
		cause = NULL;
		free(p);
		xasprintf(&p, "%s/%s", dir, names[i]);
		ok(access(p, F_OK) != 0, "and it is not made");
		free(p);
	}
	testlib_put(db, "db\n");
	if (link(db, "alias") != 0)
		fatal("link");
	o = outfile_open("alias", 0, &cause);
	ok(o == NULL, "a hard link to the history is refused");
	outfile_abort(o);
	free(cause);
	is_str(get(db), "db\n", "and the history is as it was");
	unlink("alias");
	o = outfile_open("history.db", 0, &cause);
	ok(o != NULL, "history.db elsewhere is just a name");
	outfile_abort(o);
	unlink(db);
	rmdir(dir);
	rmdir("data");
	free(db);
	free(dir);
}

/* Two names for one file are the same; two files are not. */
static void
test_same(void)
{
	struct outfile	*a, *b, *c;
	char		*pb, *cause = NULL;

	pb = testlib_path("./x.wav");
	a = outfile_open("x.wav", 0, &cause);
	b = outfile_open(pb, 0, &cause);
	c = outfile_open("y.wav", 0, &cause);
	ok(a != NULL && b != NULL && c != NULL, "three opens");
	if (a != NULL && b != NULL && c != NULL) {
		ok(outfile_same(a, b), "x.wav and DIR/./x.wav are the same");
		ok(!outfile_same(a, c), "x.wav and y.wav are not");
	}
	outfile_abort(a);
	outfile_abort(b);
	outfile_abort(c);
	is_int(entries("."), 0, "aborted: nothing is left");
	free(pb);
}

int
main(void)
{
	if (chdir(testlib_tmpdir("outfile")) != 0)
		fatal("chdir");
	umask(022);
	test_no_clobber();
	test_failed_fill();
	test_history();
	test_same();
	if (chdir("/") != 0)
		fatal("chdir");
	testlib_cleanup();
	return done_testing();
}
