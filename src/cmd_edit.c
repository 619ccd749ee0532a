/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_edit.c: unknot edit, in the manner of crontab -e and visudo: a copy
 * of the routine is edited, checked when the editor exits, and replaces the
 * routine, atomically, only when it checks clean or the author keeps it on
 * purpose. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd.h"
#include "diag.h"
#include "library.h"
#include "outfile.h"
#include "routine.h"
#include "util.h"

struct edit {
	char	*target;	/* the routine file */
	char	*copy;		/* the temporary copy being edited */
	char	*before;	/* what the copy held before editing */
	size_t	 before_len;
	mode_t	 mode;		/* of the routine file */
};

/* What edit_save() writes. */
struct edit_bytes {
	const char	*buf;
	size_t		 len;
	mode_t		 mode;
};

/* Read the routine, or start from the template when it does not exist. */
static int
edit_start(struct edit *e, const char *file, char **cause)
{
	struct stat	 sb;
	char		 real[PATH_MAX];
	mode_t		 mask;

	if (stat(file, &sb) != 0 && errno == ENOENT) {
		e->target = xstrdup(file);
		e->before = xstrdup(cmd_template);
		e->before_len = strlen(cmd_template);
		mask = umask(0);
		umask(mask);
		e->mode = 0666 & ~mask;
		return 0;
	}
	/* A link is followed, so that the file it names is replaced. */
	if (realpath(file, real) == NULL) {
		xasprintf(cause, "%s: %s", file, strerror(errno));
		return -1;
	}
	e->target = xstrdup(real);
	e->mode = sb.st_mode & 07777;
	return util_read_file(e->target, ROUTINE_MAX_BYTES, &e->before,
	    &e->before_len, cause);
}

/* Write len bytes of buf to f. */
static int
edit_write_all(FILE *f, const char *buf, size_t len)
{
	return len == 0 || fwrite(buf, 1, len, f) == len ? 0 : -1;
}

/* Make the temporary copy the editor opens, ending in .yaml for the
 * editor's sake. */
static int
edit_copy(struct edit *e, char **cause)
{
	const char	*dir = getenv("TMPDIR");
	FILE		*f;
	int		 fd;

	if (dir == NULL || *dir != '/')
		dir = "/tmp";
	xasprintf(&e->copy, "%s/unknot-edit-XXXXXX.yaml", dir);
	if ((fd = mkstemps(e->copy, 5)) == -1) {
		xasprintf(cause, "%s: %s", e->copy, strerror(errno));
		free(e->copy);
		e->copy = NULL;
		return -1;
	}
	if ((f = fdopen(fd, "w")) == NULL ||
	    edit_write_all(f, e->before, e->before_len) != 0 ||
	    fclose(f) != 0) {
		xasprintf(cause, "%s: %s", e->copy, strerror(errno));
		if (f == NULL)
			close(fd);
		return -1;
	}
	return 0;
}

/* Run $VISUAL, else $EDITOR, else vi on the copy; its exit status, or -1
 * if it could not run or was killed. */
static int
edit_run_editor(const char *copy)
{
	const char	*editor;
	char		*sh;
	pid_t		 pid;
	int		 status;

	if ((editor = getenv("VISUAL")) == NULL || *editor == '\0')
		editor = getenv("EDITOR");
	if (editor == NULL || *editor == '\0')
		editor = "vi";
	/* Through the shell, so that EDITOR may carry options. */
	xasprintf(&sh, "%s \"$@\"", editor);
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) == -1) {
		free(sh);
		return -1;
	}
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", sh, editor, copy, (char *)NULL);
		_exit(127);
	}
	free(sh);
	while (waitpid(pid, &status, 0) == -1) {
		if (errno != EINTR)
			return -1;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Ask what to do with a copy that has errors: 'e', 'k' or 'q', or 0 at the
 * end of input. */
static int
edit_ask(void)
{
	char	line[64];

	for (;;) {
		fputs("(e)dit again, (k)eep the broken copy, (q)uit without "
		    "saving? ", stderr);
		fflush(stderr);
		if (fgets(line, sizeof line, stdin) == NULL) {
			fputc('\n', stderr);
			return 0;
		}
		if (strchr("ekq", line[0]) != NULL && line[0] != '\0' &&
		    (line[1] == '\n' || line[1] == '\0'))
			return line[0];
	}
}

/* Fill the file outfile_write() renames over the routine. */
static int
edit_fill(FILE *f, void *arg, char **cause)
{
	struct edit_bytes	*b = arg;

	if (fchmod(fileno(f), b->mode) != 0 ||
	    edit_write_all(f, b->buf, b->len) != 0) {
		xasprintf(cause, "%s", strerror(errno));
		return -1;
	}
	return 0;
}

/* Replace the routine with buf, whole or not at all. */
static int
edit_save(struct edit *e, const char *buf, size_t len)
{
	struct edit_bytes	 b = { buf, len, e->mode };
	char			*cause;

	if (outfile_write(e->target, 0, edit_fill, &b, &cause) != 0) {
		fprintf(stderr, "unknot: %s; your copy is kept in %s\n", cause,
		    e->copy);
		free(cause);
		return 1;
	}
	unlink(e->copy);
	return 0;
}

/* Check the copy with the routine's name in the messages; the number of
 * errors, or -1 if it cannot be read. buf holds what it read. */
static int
edit_check(struct edit *e, char **buf, size_t *len)
{
	struct diags	 d;
	struct routine	*r;
	char		*cause;
	int		 errors;

	if (util_read_file(e->copy, ROUTINE_MAX_BYTES, buf, len,
	    &cause) != 0) {
		fprintf(stderr, "unknot: %s\n", cause);
		free(cause);
		return -1;
	}
	diags_init(&d);
	r = routine_parse(e->target, *buf, *len, &d);
	diags_print(&d, stderr);
	errors = r == NULL ? (d.errors ? (int)d.errors : 1) : (int)d.errors;
	routine_free(r);
	diags_free(&d);
	return errors;
}

/* Edit, check and ask until the copy is saved or given up; the exit
 * status. */
static int
edit_loop(struct edit *e)
{
	char	*buf;
	size_t	 len;
	int	 status, errors, answer;

	for (;;) {
		if ((status = edit_run_editor(e->copy)) != 0) {
			fprintf(stderr, "unknot: the editor failed (%s %d); "
			    "nothing saved, your copy is kept in %s\n",
			    status < 0 ? "killed or not run," : "exit status",
			    status, e->copy);
			return 1;
		}
		if ((errors = edit_check(e, &buf, &len)) < 0)
			return 1;
		if (len == e->before_len && memcmp(buf, e->before, len) == 0 &&
		    errors == 0) {
			fprintf(stderr, "unknot: no changes to %s\n",
			    e->target);
			unlink(e->copy);
			free(buf);
			return 0;
		}
		answer = errors == 0 ? 'k' : edit_ask();
		if (answer == 'k') {
			status = edit_save(e, buf, len);
			if (status == 0)
				fprintf(stderr, "unknot: %s saved%s\n",
				    e->target, errors ? ", with its errors" :
				    "");
			free(buf);
			return status;
		}
		free(buf);
		if (answer == 'q') {
			fprintf(stderr, "unknot: %s not changed\n", e->target);
			unlink(e->copy);
			return 1;
		}
		if (answer == 0) {
			fprintf(stderr, "unknot: %s not changed; your copy is "
			    "kept in %s\n", e->target, e->copy);
			return 1;
		}
	}
}

/* unknot edit ROUTINE: edit a routine safely. */
int
cmd_edit(const struct cmd_args *a, struct opts *o)
{
	struct edit	 e;
	struct diags	 d;
	char		*file, *cause = NULL;
	int		 r;

	(void)o;
	diags_init(&d);
	file = library_resolve(a->argv[0], &d, &cause);
	diags_print(&d, stderr);
	diags_free(&d);
	if (file == NULL) {
		fprintf(stderr, "unknot: %s; to start a new routine, give a "
		    "file name, like 'unknot edit %s.yaml'\n", cause,
		    a->argv[0]);
		free(cause);
		return 2;
	}
	memset(&e, 0, sizeof e);
	if (edit_start(&e, file, &cause) != 0 || edit_copy(&e, &cause) != 0) {
		fprintf(stderr, "unknot: %s\n", cause);
		free(cause);
		r = 1;
	} else
		r = edit_loop(&e);
	free(file);
	free(e.target);
	free(e.copy);
	free(e.before);
	return r;
}
