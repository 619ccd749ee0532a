/* SPDX-License-Identifier: GPL-3.0-or-later */
/* outfile.c: output files replaced whole, through a temporary file beside
 * them and a rename, so that a failure or a signal never costs what was
 * there. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "history.h"
#include "outfile.h"
#include "util.h"

#define OUTFILE_SLOTS	8	/* temporary files that may exist at once */
#define OUTFILE_HOPS	40	/* symlinks followed, as the kernel does */

enum outfile_kind {
	OUTFILE_STREAM,		/* stdout or stderr, as it is */
	OUTFILE_DIRECT,		/* a character device or FIFO */
	OUTFILE_TEMP		/* a temporary file renamed over target */
};

struct outfile {
	enum outfile_kind	 kind;
	int			 flags;
	char			*name;		/* as given, for messages */
	char			*target;	/* TEMP: the name replaced */
	const char		*base;		/* TEMP: its last component */
	char			*tmp;		/* TEMP: the temporary file */
	int			 slot;		/* TEMP: in outfile_tmps */
	int			 fd;
	FILE			*f;
	bool			 have_id;	/* the file written or replaced */
	dev_t			 dev;
	ino_t			 ino;
	dev_t			 dir_dev;	/* TEMP: target's directory */
	ino_t			 dir_ino;
};

/* The temporary files, for the signal handler. */
static char *volatile outfile_tmps[OUTFILE_SLOTS];
static int outfile_live;

static const int outfile_sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
static struct sigaction outfile_saved[nitems(outfile_sigs)];
static bool outfile_caught[nitems(outfile_sigs)];

/* A signal while temporary files exist: remove them, then die of it. */
static void
outfile_signal(int sig)
{
	size_t	i;

	for (i = 0; i < OUTFILE_SLOTS; i++) {
		if (outfile_tmps[i] != NULL)
			unlink(outfile_tmps[i]);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Block the signals the handler takes; the mask before in old. */
static void
outfile_block(sigset_t *old)
{
	sigset_t	set;
	size_t		i;

	sigemptyset(&set);
	for (i = 0; i < nitems(outfile_sigs); i++)
		sigaddset(&set, outfile_sigs[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

/* Take the signals whose action is the default one (not those ignored or
 * handled by someone else). */
static void
outfile_catch(void)
{
	struct sigaction	sa, old;
	size_t			i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = outfile_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < nitems(outfile_sigs); i++)
		sigaddset(&sa.sa_mask, outfile_sigs[i]);
	for (i = 0; i < nitems(outfile_sigs); i++) {
		outfile_caught[i] = false;
		if (sigaction(outfile_sigs[i], NULL, &old) != 0 ||
		    (old.sa_flags & SA_SIGINFO) || old.sa_handler != SIG_DFL)
			continue;
		outfile_caught[i] = sigaction(outfile_sigs[i], &sa,
		    &outfile_saved[i]) == 0;
	}
}

/* Give the signals taken their actions back. */
static void
outfile_uncatch(void)
{
	size_t	i;

	for (i = 0; i < nitems(outfile_sigs); i++) {
		if (outfile_caught[i])
			sigaction(outfile_sigs[i], &outfile_saved[i], NULL);
		outfile_caught[i] = false;
	}
}

/* Note tmp for the handler (signals blocked); its slot, -1 if full. */
static int
outfile_register(char *tmp)
{
	int	i;

	for (i = 0; i < OUTFILE_SLOTS; i++) {
		if (outfile_tmps[i] != NULL)
			continue;
		if (outfile_live++ == 0)
			outfile_catch();
		outfile_tmps[i] = tmp;
		return i;
	}
	return -1;
}

/* Forget a slot (signals blocked). */
static void
outfile_unregister(int slot)
{
	outfile_tmps[slot] = NULL;
	if (--outfile_live == 0)
		outfile_uncatch();
}

/* The directory part of path: "." if it has none. */
static char *
outfile_dir(const char *path)
{
	const char	*slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, slash - path);
}

/* Follow the symlinks at path to the name that will be replaced; NULL
 * with *cause. */
static char *
outfile_follow(const char *path, char **cause)
{
	struct stat	 sb;
	char		*p, *next, *link;
	const char	*slash;
	ssize_t		 n;
	int		 hops;

	p = xstrdup(path);
	for (hops = 0; hops < OUTFILE_HOPS; hops++) {
		if (lstat(p, &sb) != 0 || !S_ISLNK(sb.st_mode))
			return p;
		link = xmalloc(PATH_MAX);
		if ((n = readlink(p, link, PATH_MAX - 1)) < 0) {
			xasprintf(cause, "%s: %s", path, strerror(errno));
			free(link);
			free(p);
			return NULL;
		}
		link[n] = '\0';
		if (link[0] == '/' || (slash = strrchr(p, '/')) == NULL)
			next = xstrdup(link);
		else
			xasprintf(&next, "%.*s/%s", (int)(slash - p), p, link);
		free(link);
		free(p);
		p = next;
	}
	xasprintf(cause, "%s: %s", path, strerror(ELOOP));
	free(p);
	return NULL;
}

/* Is the file o would replace the history or one of its journals? By
 * device and inode if it exists, by directory and name if not yet. */
static bool
outfile_guarded(const struct outfile *o)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	struct stat	 sb;
	char		*db, *dir, *p;
	const char	*base;
	bool		 hit = false, same_dir;
	size_t		 i;

	db = history_default_path();
	dir = outfile_dir(db);
	base = strrchr(db, '/') != NULL ? strrchr(db, '/') + 1 : db;
	same_dir = stat(dir, &sb) == 0 && sb.st_dev == o->dir_dev &&
	    sb.st_ino == o->dir_ino;
	for (i = 0; i < nitems(sfx) && !hit; i++) {
		xasprintf(&p, "%s%s", db, sfx[i]);
		hit = o->have_id && stat(p, &sb) == 0 && sb.st_dev == o->dev &&
		    sb.st_ino == o->ino;
		free(p);
		xasprintf(&p, "%s%s", base, sfx[i]);
		hit = hit || (same_dir && strcmp(p, o->base) == 0);
		free(p);
	}
	free(dir);
	free(db);
	return hit;
}

/* Make the temporary file beside o->target with the mode (and owner) of
 * old, or those of a new file; -1 with *cause. */
static int
outfile_mktemp(struct outfile *o, const struct stat *old, char **cause)
{
	sigset_t	 mask;
	char		*dir;
	mode_t		 um;
	int		 err = 0;

	dir = outfile_dir(o->target);
	xasprintf(&o->tmp, "%s/.%.200s.XXXXXX", dir, o->base);
	free(dir);
	outfile_block(&mask);
	if ((o->fd = mkostemp(o->tmp, O_CLOEXEC)) == -1)
		err = errno;
	else if ((o->slot = outfile_register(o->tmp)) == -1) {
		unlink(o->tmp);
		close(o->fd);
		o->fd = -1;
		err = EMFILE;
	}
	sigprocmask(SIG_SETMASK, &mask, NULL);
	if (err != 0) {
		xasprintf(cause, "%s: %s", o->name, strerror(err));
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	if (old != NULL) {
		/* Only root may give a file away: others make it their own. */
		if ((old->st_uid != geteuid() || old->st_gid != getegid()) &&
		    fchown(o->fd, old->st_uid, old->st_gid) != 0) {
			/* The mode is still kept. */
		}
		um = old->st_mode & 07777;
	} else {
		um = umask(0);
		umask(um);
		um = 0666 & ~um;
	}
	if (fchmod(o->fd, um) != 0) {
		xasprintf(cause, "%s: %s", o->name, strerror(errno));
		return -1;
	}
	return 0;
}

/* Set o up to write a temporary file and rename it over path (symlinks
 * followed); -1 with *cause. */
static int
outfile_temp(struct outfile *o, char **cause)
{
	struct stat	 sb, dsb;
	const char	*slash;
	char		*dir;
	bool		 exists;

	o->kind = OUTFILE_TEMP;
	if ((o->target = outfile_follow(o->name, cause)) == NULL)
		return -1;
	slash = strrchr(o->target, '/');
	o->base = slash != NULL ? slash + 1 : o->target;
	dir = outfile_dir(o->target);
	if (*o->base == '\0' || stat(dir, &dsb) != 0) {
		xasprintf(cause, "%s: %s", o->name, strerror(*o->base == '\0' ?
		    EISDIR : errno));
		free(dir);
		return -1;
	}
	free(dir);
	o->dir_dev = dsb.st_dev;
	o->dir_ino = dsb.st_ino;
	exists = stat(o->target, &sb) == 0;
	if (exists) {
		o->have_id = true;
		o->dev = sb.st_dev;
		o->ino = sb.st_ino;
	}
	if (outfile_guarded(o)) {
		xasprintf(cause, "%s: that is the session history; write to "
		    "another file", o->name);
		return -1;
	}
	if (exists && (o->flags & OUTFILE_NEW)) {
		xasprintf(cause, "%s: %s (use -f to overwrite)", o->name,
		    strerror(EEXIST));
		return -1;
	}
	return outfile_mktemp(o, exists ? &sb : NULL, cause);
}

/* Set o up to write to standard output or error, as it is. */
static int
outfile_std(struct outfile *o, int fd)
{
	struct stat	sb;

	o->kind = OUTFILE_STREAM;
	o->fd = fd;
	o->f = fd == STDOUT_FILENO ? stdout : stderr;
	if (fstat(fd, &sb) == 0) {
		o->have_id = true;
		o->dev = sb.st_dev;
		o->ino = sb.st_ino;
	}
	return 0;
}

/* Set o up for a path that exists, sb from stat(2); -1 with *cause. */
static int
outfile_existing(struct outfile *o, const struct stat *sb, char **cause)
{
	struct stat	fsb;
	int		fd;

	for (fd = STDOUT_FILENO; fd <= STDERR_FILENO; fd++) {
		if (fstat(fd, &fsb) == 0 && fsb.st_dev == sb->st_dev &&
		    fsb.st_ino == sb->st_ino)
			return outfile_std(o, fd);
	}
	if (S_ISREG(sb->st_mode))
		return outfile_temp(o, cause);
	if (S_ISDIR(sb->st_mode)) {
		xasprintf(cause, "%s: %s", o->name, strerror(EISDIR));
		return -1;
	}
	if (!S_ISCHR(sb->st_mode) && !S_ISFIFO(sb->st_mode)) {
		xasprintf(cause, "%s: not a regular file, character device or "
		    "FIFO", o->name);
		return -1;
	}
	o->kind = OUTFILE_DIRECT;
	if ((o->fd = open(o->name, O_WRONLY | O_NOCTTY | O_CLOEXEC)) == -1) {
		xasprintf(cause, "%s: %s", o->name, strerror(errno));
		return -1;
	}
	o->have_id = true;
	o->dev = sb->st_dev;
	o->ino = sb->st_ino;
	return 0;
}

/* Close what o holds, remove its temporary file if there still is one,
 * and free it. */
static void
outfile_free(struct outfile *o)
{
	sigset_t	mask;

	if (o->kind != OUTFILE_STREAM) {
		if (o->f != NULL)
			fclose(o->f);
		else if (o->fd != -1)
			close(o->fd);
	}
	if (o->tmp != NULL) {
		outfile_block(&mask);
		unlink(o->tmp);
		outfile_unregister(o->slot);
		sigprocmask(SIG_SETMASK, &mask, NULL);
		free(o->tmp);
	}
	free(o->target);
	free(o->name);
	free(o);
}

/* Open path for output. */
struct outfile *
outfile_open(const char *path, int flags, char **cause)
{
	struct outfile	*o;
	struct stat	 sb;
	int		 r;

	o = xcalloc(1, sizeof *o);
	o->flags = flags;
	o->fd = -1;
	o->slot = -1;
	if (strcmp(path, "-") == 0) {
		o->name = xstrdup("stdout");
		r = outfile_std(o, STDOUT_FILENO);
	} else {
		o->name = xstrdup(path);
		if (*path == '\0') {
			xasprintf(cause, "no file name given");
			r = -1;
		} else if (stat(path, &sb) == 0)
			r = outfile_existing(o, &sb, cause);
		else if (errno == ENOENT)
			r = outfile_temp(o, cause);
		else {
			xasprintf(cause, "%s: %s", path, strerror(errno));
			r = -1;
		}
	}
	if (r != 0) {
		outfile_free(o);
		return NULL;
	}
	return o;
}

/* The stream to write to. */
FILE *
outfile_stream(struct outfile *o)
{
	if (o->f == NULL && (o->f = fdopen(o->fd, "w")) == NULL)
		fatal("%s", o->name);
	return o->f;
}

/* The descriptor to write to. */
int
outfile_fd(const struct outfile *o)
{
	return o->fd;
}

/* The name as given. */
const char *
outfile_name(const struct outfile *o)
{
	return o->name;
}

/* Would a and b write to the same file? */
bool
outfile_same(const struct outfile *a, const struct outfile *b)
{
	if (a->have_id && b->have_id && a->dev == b->dev && a->ino == b->ino)
		return true;
	return a->kind == OUTFILE_TEMP && b->kind == OUTFILE_TEMP &&
	    a->dir_dev == b->dir_dev && a->dir_ino == b->dir_ino &&
	    strcmp(a->base, b->base) == 0;
}

/* Flush what was written and close it (not stdout or stderr); a temporary
 * file is synced. -1 with *cause. */
static int
outfile_close(struct outfile *o, char **cause)
{
	int	err = 0;

	if (o->f != NULL) {
		errno = 0;
		if (fflush(o->f) != 0 || ferror(o->f))
			err = errno != 0 ? errno : EIO;
		if (o->kind == OUTFILE_STREAM)
			clearerr(o->f);		/* said here, not again */
	}
	if (err == 0 && o->kind == OUTFILE_TEMP && fsync(o->fd) != 0)
		err = errno;
	if (o->kind != OUTFILE_STREAM) {
		if ((o->f != NULL ? fclose(o->f) : close(o->fd)) != 0 &&
		    err == 0)
			err = errno;
		o->f = NULL;
		o->fd = -1;
	}
	if (err != 0) {
		xasprintf(cause, "%s: %s", o->name, strerror(err));
		return -1;
	}
	return 0;
}

/* Sync the directory of target so that the rename lasts; best effort. */
static void
outfile_sync_dir(const struct outfile *o)
{
	char	*dir;
	int	 fd;

	dir = outfile_dir(o->target);
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Put the temporary file in place: a rename, or with OUTFILE_NEW a link
 * that fails if the name was taken meanwhile. -1 with *cause. */
static int
outfile_rename(struct outfile *o, char **cause)
{
	sigset_t	mask;
	bool		linked = false;
	int		r, err;

	outfile_block(&mask);
	if (o->flags & OUTFILE_NEW) {
		/* Where there are no hard links, a rename will do. */
		if ((r = link(o->tmp, o->target)) == 0)
			linked = true;
		else if (errno != EEXIST)
			r = rename(o->tmp, o->target);
	} else
		r = rename(o->tmp, o->target);
	err = errno;
	if (r == 0) {
		if (linked)
			unlink(o->tmp);
		outfile_unregister(o->slot);
		free(o->tmp);
		o->tmp = NULL;
	}
	sigprocmask(SIG_SETMASK, &mask, NULL);
	if (r != 0) {
		xasprintf(cause, "%s: %s%s", o->name, strerror(err),
		    err == EEXIST ? " (use -f to overwrite)" : "");
		return -1;
	}
	outfile_sync_dir(o);
	return 0;
}

/* Flush and put the file in place, then free o. */
int
outfile_commit(struct outfile *o, char **cause)
{
	int	r;

	r = outfile_close(o, cause);
	if (r == 0 && o->kind == OUTFILE_TEMP)
		r = outfile_rename(o, cause);
	outfile_free(o);
	return r;
}

/* Drop o and its temporary file. */
void
outfile_abort(struct outfile *o)
{
	if (o != NULL)
		outfile_free(o);
}

/* Write path whole with fill. */
int
outfile_write(const char *path, int flags,
    int (*fill)(FILE *, void *, char **), void *arg, char **cause)
{
	struct outfile	*o;

	if ((o = outfile_open(path, flags, cause)) == NULL)
		return -1;
	if (fill(outfile_stream(o), arg, cause) < 0) {
		outfile_abort(o);
		return -1;
	}
	return outfile_commit(o, cause);
}

/* Flush stdout; say what went wrong with it, once. */
int
outfile_flush_stdout(void)
{
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	fprintf(stderr, "unknot: stdout: %s\n", strerror(errno != 0 ? errno :
	    EIO));
	clearerr(stdout);
	return -1;
}
