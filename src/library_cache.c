/* SPDX-License-Identifier: GPL-3.0-or-later */
/* library_cache.c: what 'list' and the picker show of each routine file,
 * kept between runs so that an unchanged file is not parsed again.
 *
 * The file, $XDG_CACHE_HOME/unknot/library, is text: a header naming the
 * program and its version, the number of records, then each record as a
 * line "R VALID DEV INO SIZE MTIME_NS CTIME_NS SECONDS_BITS" followed by
 * its strings (path, id, title, summary, targets; or path and the first
 * diagnostic of an invalid file), each as its length on a line and then
 * its bytes and a newline, and "end". Anything else, short or long, and
 * the whole file is ignored and written again. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "library.h"
#include "library_int.h"
#include "util.h"

#define LIBRARY_CACHE_MAGIC	"unknot library cache 1 " PACKAGE_VERSION
#define LIBRARY_CACHE_MAX	(64 * 1024 * 1024)
#define LIBRARY_CACHE_STRINGS	5

struct library_slot {
	const char	*key;
	size_t		 val;
};

/* One file as it was when it was read. */
struct library_rec {
	bool		 valid;
	uint64_t	 dev, ino, size;
	int64_t		 mtime, ctime;	/* ns */
	uint64_t	 seconds;	/* the double's bits */
	char		*s[LIBRARY_CACHE_STRINGS]; /* path, id, title, summary,
					 * targets; or path, why */
};

struct library_cache {
	char			*file;
	int64_t			 written;	/* the cache file's mtime, ns */
	struct library_rec	*old;		/* as read */
	size_t			 n_old;
	struct library_index	 index;		/* path -> old */
	struct library_rec	*now;		/* as this scan found them */
	size_t			 n_now;
	bool			 changed;
};

/* FNV-1a of a string. */
static size_t
library_cache_hash(const char *s)
{
	uint64_t	h = 14695981039346656037ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

/* The slot of key, or the empty one where it would go. */
static struct library_slot *
library_cache_slot(const struct library_index *ix, const char *key)
{
	size_t	i = library_cache_hash(key) & (ix->cap - 1);

	while (ix->slot[i].key != NULL && strcmp(ix->slot[i].key, key) != 0)
		i = (i + 1) & (ix->cap - 1);
	return &ix->slot[i];
}

/* The position recorded for key, or LIBRARY_NONE. */
size_t
library_index_get(const struct library_index *ix, const char *key)
{
	struct library_slot	*sl;

	if (ix->cap == 0)
		return LIBRARY_NONE;
	sl = library_cache_slot(ix, key);
	return sl->key == NULL ? LIBRARY_NONE : sl->val;
}

/* Record key at position val (a key put twice keeps its first). */
void
library_index_put(struct library_index *ix, const char *key, size_t val)
{
	struct library_index	 big;
	struct library_slot	*sl;
	size_t			 i;

	if (2 * (ix->n + 1) > ix->cap) {
		big.cap = ix->cap ? 2 * ix->cap : 64;
		big.n = 0;
		big.slot = xcalloc(big.cap, sizeof *big.slot);
		for (i = 0; i < ix->cap; i++) {
			if (ix->slot[i].key != NULL)
				library_index_put(&big, ix->slot[i].key,
				    ix->slot[i].val);
		}
		free(ix->slot);
		*ix = big;
	}
	sl = library_cache_slot(ix, key);
	if (sl->key == NULL) {
		sl->key = key;
		sl->val = val;
		ix->n++;
	}
}

/* Free an index (not its keys). */
void
library_index_free(struct library_index *ix)
{
	free(ix->slot);
	memset(ix, 0, sizeof *ix);
}

/* Nanoseconds of a timespec. */
static int64_t
library_cache_ns(const struct timespec *ts)
{
	return (int64_t)ts->tv_sec * 1000000000 + ts->tv_nsec;
}

/* A record's key from a stat. */
static void
library_cache_key(struct library_rec *r, const struct stat *sb)
{
	r->dev = (uint64_t)sb->st_dev;
	r->ino = (uint64_t)sb->st_ino;
	r->size = (uint64_t)sb->st_size;
	r->mtime = library_cache_ns(&sb->st_mtim);
	r->ctime = library_cache_ns(&sb->st_ctim);
}

/* Free a record's strings. */
static void
library_cache_rec_free(struct library_rec *r)
{
	size_t	i;

	for (i = 0; i < LIBRARY_CACHE_STRINGS; i++)
		free(r->s[i]);
}

/* Free a list of records. */
static void
library_cache_recs_free(struct library_rec *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		library_cache_rec_free(&v[i]);
	free(v);
}

/* The next line at *p (before end), NUL-ended in place; NULL if none. */
static char *
library_cache_line(char **p, char *end)
{
	char	*line = *p, *nl;

	if (line >= end || (nl = memchr(line, '\n', end - line)) == NULL)
		return NULL;
	*nl = '\0';
	*p = nl + 1;
	return line;
}

/* A number of the file: decimal digits, optionally after a '-' when
 * negative is allowed; -1 for anything else. */
static int
library_cache_num(const char *s, bool negative, int64_t *v)
{
	bool		neg = false;
	uint64_t	u = 0;

	if (negative && *s == '-') {
		neg = true;
		s++;
	}
	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (u > (UINT64_MAX - 9) / 10)
			return -1;
		u = u * 10 + (uint64_t)(*s - '0');
	}
	if (*s != '\0' || (negative && u > INT64_MAX))
		return -1;
	*v = neg ? -(int64_t)u : (int64_t)u;
	return 0;
}

/* A string of the file: its length on a line, its bytes, a newline. */
static char *
library_cache_string(char **p, char *end)
{
	char	*line, *s;
	int64_t	 len;

	if ((line = library_cache_line(p, end)) == NULL ||
	    library_cache_num(line, false, &len) != 0 ||
	    len >= end - *p || (*p)[len] != '\n' ||
	    memchr(*p, '\0', (size_t)len) != NULL)
		return NULL;
	s = xstrndup(*p, (size_t)len);
	*p += len + 1;
	return s;
}

/* The fields of a record's line, split at spaces: -1 unless there are
 * exactly n. */
static int
library_cache_fields(char *line, char **f, size_t n)
{
	size_t	i = 0;
	char	*sp;

	for (;;) {
		if (i == n)
			return -1;
		f[i++] = line;
		if ((sp = strchr(line, ' ')) == NULL)
			break;
		*sp = '\0';
		line = sp + 1;
	}
	return i == n ? 0 : -1;
}

/* One record at *p; -1 if it is not one. */
static int
library_cache_rec(char **p, char *end, struct library_rec *r)
{
	char	*line, *f[8];
	int64_t	 v[7];
	size_t	 i, n;

	memset(r, 0, sizeof *r);
	if ((line = library_cache_line(p, end)) == NULL ||
	    library_cache_fields(line, f, 8) != 0 || strcmp(f[0], "R") != 0)
		return -1;
	for (i = 0; i < 7; i++) {
		if (library_cache_num(f[i + 1], i == 4 || i == 5, &v[i]) != 0)
			return -1;
	}
	if (v[0] > 1)
		return -1;
	r->valid = v[0] == 1;
	r->dev = (uint64_t)v[1];
	r->ino = (uint64_t)v[2];
	r->size = (uint64_t)v[3];
	r->mtime = v[4];
	r->ctime = v[5];
	r->seconds = (uint64_t)v[6];
	n = r->valid ? LIBRARY_CACHE_STRINGS : 2;
	for (i = 0; i < n; i++) {
		if ((r->s[i] = library_cache_string(p, end)) == NULL) {
			library_cache_rec_free(r);
			return -1;
		}
	}
	return 0;
}

/* Read the records of buf (len bytes) into c; -1 (nothing kept) if the
 * file is not one this program wrote whole. */
static int
library_cache_parse(struct library_cache *c, char *buf, size_t len)
{
	char	*p = buf, *end = buf + len, *line;
	int64_t	 n;
	size_t	 i;

	if ((line = library_cache_line(&p, end)) == NULL ||
	    strcmp(line, LIBRARY_CACHE_MAGIC) != 0 ||
	    (line = library_cache_line(&p, end)) == NULL ||
	    library_cache_num(line, false, &n) != 0 ||
	    (uint64_t)n > len / 16)
		return -1;
	c->old = xcalloc((size_t)n + 1, sizeof *c->old);
	for (i = 0; i < (size_t)n; i++) {
		if (library_cache_rec(&p, end, &c->old[i]) != 0)
			break;
		c->n_old++;
	}
	if (i != (size_t)n || (line = library_cache_line(&p, end)) == NULL ||
	    strcmp(line, "end") != 0 || p != end) {
		library_cache_recs_free(c->old, c->n_old);
		c->old = NULL;
		c->n_old = 0;
		return -1;
	}
	for (i = 0; i < c->n_old; i++)
		library_index_put(&c->index, c->old[i].s[0], i);
	return 0;
}

/* The cache as it is on disk; an empty one if it is missing, broken or
 * foreign. */
struct library_cache *
library_cache_open(void)
{
	struct library_cache	*c;
	struct stat		 sb;
	char			*dir, *buf, *cause;
	size_t			 len;

	c = xcalloc(1, sizeof *c);
	if ((dir = util_cache_dir()) == NULL)
		return c;
	xasprintf(&c->file, "%s/library", dir);
	free(dir);
	/* The time before the read: a cache replaced meanwhile is newer,
	 * which only makes more files look too new to trust. */
	if (stat(c->file, &sb) != 0 || !S_ISREG(sb.st_mode))
		return c;
	c->written = library_cache_ns(&sb.st_mtim);
	if (util_read_file(c->file, LIBRARY_CACHE_MAX, &buf, &len,
	    &cause) != 0) {
		free(cause);
		return c;
	}
	(void)library_cache_parse(c, buf, len);
	free(buf);
	return c;
}

/* Add a record to what this scan found (its strings taken). */
static void
library_cache_push(struct library_cache *c, const struct library_rec *r)
{
	c->now = xreallocarray(c->now, c->n_now + 1, sizeof *c->now);
	c->now[c->n_now++] = *r;
}

/* Add a copy of a record to what this scan found. */
static void
library_cache_now(struct library_cache *c, const struct library_rec *r)
{
	struct library_rec	copy = *r;
	size_t			i;

	for (i = 0; i < LIBRARY_CACHE_STRINGS; i++)
		copy.s[i] = r->s[i] ? xstrdup(r->s[i]) : NULL;
	library_cache_push(c, &copy);
}

/* What was recorded for path as sb says it is now. */
int
library_cache_get(struct library_cache *c, const char *path,
    const struct stat *sb, struct lib_entry *e)
{
	struct library_rec	 key, *r;
	size_t			 i;
	double			 seconds;

	if ((i = library_index_get(&c->index, path)) == LIBRARY_NONE)
		return -1;
	r = &c->old[i];
	library_cache_key(&key, sb);
	if (key.dev != r->dev || key.ino != r->ino || key.size != r->size ||
	    key.mtime != r->mtime || key.ctime != r->ctime ||
	    key.mtime >= c->written)
		return -1;
	library_cache_now(c, r);
	if (!r->valid)
		return 0;
	memset(e, 0, sizeof *e);
	e->file = xstrdup(r->s[0]);
	e->id = xstrdup(r->s[1]);
	e->title = xstrdup(r->s[2]);
	e->summary = xstrdup(r->s[3]);
	e->targets = xstrdup(r->s[4]);
	memcpy(&seconds, &r->seconds, sizeof seconds);
	e->seconds = seconds;
	return 1;
}

/* Record a valid file, or an invalid one with why. */
void
library_cache_put(struct library_cache *c, const char *path,
    const struct stat *sb, const struct lib_entry *e, const char *why)
{
	struct library_rec	r;

	memset(&r, 0, sizeof r);
	library_cache_key(&r, sb);
	r.valid = e != NULL;
	r.s[0] = xstrdup(path);
	if (e != NULL) {
		r.s[1] = xstrdup(e->id);
		r.s[2] = xstrdup(e->title);
		r.s[3] = xstrdup(e->summary);
		r.s[4] = xstrdup(e->targets);
		memcpy(&r.seconds, &e->seconds, sizeof r.seconds);
	} else
		r.s[1] = xstrdup(why != NULL ? why : "");
	library_cache_push(c, &r);
	c->changed = true;
}

/* Write one string: its length, its bytes. */
static void
library_cache_put_string(FILE *f, const char *s)
{
	fprintf(f, "%zu\n%s\n", strlen(s), s);
}

/* Write the records of this scan to f. */
static void
library_cache_write(struct library_cache *c, FILE *f)
{
	struct library_rec	*r;
	size_t			 i, j;

	fprintf(f, "%s\n%zu\n", LIBRARY_CACHE_MAGIC, c->n_now);
	for (i = 0; i < c->n_now; i++) {
		r = &c->now[i];
		fprintf(f, "R %d %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRId64
		    " %" PRId64 " %" PRIu64 "\n", r->valid ? 1 : 0, r->dev,
		    r->ino, r->size, r->mtime, r->ctime, r->seconds);
		for (j = 0; j < (r->valid ? LIBRARY_CACHE_STRINGS : 2); j++)
			library_cache_put_string(f, r->s[j]);
	}
	fputs("end\n", f);
}

/* Write the cache through a temporary file in its directory, synced and
 * renamed over it: a reader sees the old file or the new one, whole. */
static void
library_cache_save(struct library_cache *c)
{
	char	*dir, *tmp, *cause = NULL;
	FILE	*f;
	int	 fd, bad;

	dir = xstrndup(c->file, strrchr(c->file, '/') - c->file);
	if (util_mkdirs(dir, &cause) != 0) {
		free(cause);
		free(dir);
		return;
	}
	xasprintf(&tmp, "%s/.library.XXXXXX", dir);
	free(dir);
	if ((fd = mkstemp(tmp)) == -1 || (f = fdopen(fd, "w")) == NULL) {
		if (fd != -1) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return;
	}
	library_cache_write(c, f);
	bad = fflush(f) != 0 || ferror(f) || fsync(fd) != 0;
	if (fclose(f) != 0 || bad || rename(tmp, c->file) != 0)
		unlink(tmp);
	free(tmp);
}

/* Write the cache if this scan found anything other than it held, and
 * free it. */
void
library_cache_close(struct library_cache *c)
{
	if (c == NULL)
		return;
	if (c->file != NULL && (c->changed || c->n_now != c->n_old))
		library_cache_save(c);
	library_cache_recs_free(c->old, c->n_old);
	library_cache_recs_free(c->now, c->n_now);
	library_index_free(&c->index);
	free(c->file);
	free(c);
}
