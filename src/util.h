/* SPDX-License-Identifier: GPL-3.0-or-later */
/* util.h: allocation wrappers, strings, fatal errors. */
#ifndef UNKNOT_UTIL_H
#define UNKNOT_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define nitems(a) (sizeof (a) / sizeof (a)[0])

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 xvasprintf(char **, const char *, va_list);
/* Print "unknot: message" to stderr and exit 1. */
void	 fatalx(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
/* Same with ": strerror(errno)" appended. */
void	 fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
/* Open a regular file of at most max bytes to read, its size in *size
 * unless size is NULL; -1 with *cause. */
int	 util_open_file(const char *path, size_t max, int *fd, size_t *size,
	    char **cause);
/* Read a whole file, refusing more than max bytes; -1 with *cause. */
int	 util_read_file(const char *path, size_t max, char **buf,
	    size_t *len, char **cause);
/* True for a plain decimal number: digits, an optional fraction, no sign,
 * blanks, leading zero, hex or exponent. */
bool	 util_is_decimal(const char *);
/* Directory for user data: $XDG_DATA_HOME or ~/.local/share, + "/unknot";
 * exits with a message if neither variable is set. */
char	*util_data_dir(void);
/* The same, or NULL if neither variable is set. */
char	*util_data_dir_if_any(void);
/* Directory for config: $XDG_CONFIG_HOME or ~/.config, + "/unknot"; NULL
 * if neither variable is set. */
char	*util_config_dir(void);
/* Directory for state: $XDG_STATE_HOME or ~/.local/state, + "/unknot";
 * else the data directory. */
char	*util_state_dir(void);
/* The user's cache directory for unknot; NULL if there is none. */
char	*util_cache_dir(void);
/* mkdir -p; -1 with *cause. */
int	 util_mkdirs(const char *path, char **cause);
/* SHA-256 of buf as 64 hex digits and a NUL. */
void	 util_sha256_hex(const void *buf, size_t len, char out[65]);

#endif
