/* SPDX-License-Identifier: GPL-3.0-or-later */
/* library_int.h: what library.c and library_cache.c share (it knows
 * nothing of library.h: an entry is only named here). */
#ifndef UNKNOT_LIBRARY_INT_H
#define UNKNOT_LIBRARY_INT_H

#include <stddef.h>
#include <sys/stat.h>

struct lib_entry;

/* Strings to positions, by hashing (the strings are not copied and must
 * outlive the index). */
struct library_index {
	struct library_slot	*slot;
	size_t			 cap;
	size_t			 n;
};
#define LIBRARY_NONE	((size_t)-1)
size_t	library_index_get(const struct library_index *, const char *);
void	library_index_put(struct library_index *, const char *, size_t);
void	library_index_free(struct library_index *);

/* What 'list' and the picker show of each file, kept between runs in
 * $XDG_CACHE_HOME/unknot/library and trusted only for a file whose
 * device, inode, size, mtime and ctime are those recorded and whose mtime
 * is older than the cache file. */
struct library_cache;
/* The cache as it is on disk; an empty one if it is missing, broken or
 * foreign. */
struct library_cache *library_cache_open(void);
/* What was recorded for path as sb says it is now: 1 with *e filled (the
 * caller owns its strings), 0 for an invalid file, -1 if nothing can be
 * trusted. */
int	library_cache_get(struct library_cache *, const char *path,
	    const struct stat *, struct lib_entry *e);
/* Record a valid file (e), or an invalid one (e NULL, why its first
 * diagnostic). */
void	library_cache_put(struct library_cache *, const char *path,
	    const struct stat *, const struct lib_entry *e, const char *why);
/* Write the cache if what it holds changed (atomically; a failure is
 * ignored: the cache is only a cache), and free it. */
void	library_cache_close(struct library_cache *);

#endif
