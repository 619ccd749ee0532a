/* SPDX-License-Identifier: GPL-3.0-or-later */
/* outfile.h: files the user names for output, written whole or not at all.
 *
 * Where output goes, by what the name is:
 * - "-", or a name for standard output or error (/dev/stdout, /dev/fd/2):
 *   that stream, as it is (appending if the shell opened it so);
 * - a character device or a FIFO: written directly;
 * - a regular file, or a name not taken yet: a temporary file in the same
 *   directory (that of a symlink's target: the target is replaced, not the
 *   link), synced and renamed over it by outfile_commit(). An existing
 *   file's mode (and, where allowed, owner) is kept; a new one gets
 *   0666 less the umask.
 * Refused: directories, other kinds of file, the history database and its
 * -wal, -shm and -journal files (by device and inode, and by name in the
 * data directory), and with OUTFILE_NEW an existing file.
 *
 * While a temporary file exists, SIGINT, SIGTERM, SIGHUP and SIGPIPE (when
 * their action is the default one) remove it before they end the program;
 * nothing else is removed, ever.
 */
#ifndef UNKNOT_OUTFILE_H
#define UNKNOT_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>

#define OUTFILE_NEW	0x1	/* an existing file is not replaced */

struct outfile;

/* Open path for output; NULL with *cause. */
struct outfile	*outfile_open(const char *path, int flags, char **cause);
/* The stream to write to (made on first use). */
FILE		*outfile_stream(struct outfile *);
/* The descriptor to write to, for libraries that take one. */
int		 outfile_fd(const struct outfile *);
/* The name as given, for messages ("stdout" for "-"). */
const char	*outfile_name(const struct outfile *);
/* Would the two write to the same file? */
bool		 outfile_same(const struct outfile *, const struct outfile *);
/* Flush and put the file in place; frees o. -1 with *cause (the
 * temporary file is then removed and what was there is untouched). */
int		 outfile_commit(struct outfile *o, char **cause);
/* Drop what was written (the temporary file); frees o. NULL is allowed. */
void		 outfile_abort(struct outfile *o);
/* Open path, fill(f, arg, cause) it, commit: -1 with *cause. */
int		 outfile_write(const char *path, int flags,
		     int (*fill)(FILE *, void *, char **), void *arg,
		     char **cause);
/* Flush stdout: -1 on a write error, said on stderr and then cleared, so
 * that it is said once. */
int		 outfile_flush_stdout(void);

#endif
