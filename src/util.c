/* SPDX-License-Identifier: GPL-3.0-or-later */
/* util.c: allocation wrappers, strings, files, fatal errors. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef HAVE_SODIUM
#include <sodium.h>
#endif

#include "util.h"

/* malloc that never returns NULL. */
void *
xmalloc(size_t size)
{
	void	*p;

	if (size == 0)
		size = 1;
	if ((p = malloc(size)) == NULL)
		fatal("malloc %zu bytes", size);
	return p;
}

/* calloc that never returns NULL. */
void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = calloc(n, size)) == NULL)
		fatal("calloc %zu x %zu bytes", n, size);
	return p;
}

/* reallocarray that never returns NULL and checks for overflow. */
void *
xreallocarray(void *old, size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if (SIZE_MAX / n < size)
		fatalx("reallocarray: %zu x %zu overflows", n, size);
	if ((p = realloc(old, n * size)) == NULL)
		fatal("realloc %zu x %zu bytes", n, size);
	return p;
}

/* strdup that never returns NULL. */
char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

/* strndup that never returns NULL. */
char *
xstrndup(const char *s, size_t n)
{
	char	*p;
	size_t	 len;

	len = strnlen(s, n);
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* vasprintf that never fails. */
int
xvasprintf(char **ret, const char *fmt, va_list ap)
{
	int	 n;

	if ((n = vasprintf(ret, fmt, ap)) < 0)
		fatal("vasprintf");
	return n;
}

/* asprintf that never fails. */
int
xasprintf(char **ret, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = xvasprintf(ret, fmt, ap);
	va_end(ap);
	return n;
}

/* Print an error and exit 1. */
void
fatalx(const char *fmt, ...)
{
	va_list	 ap;

	fputs("unknot: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* Print an error with errno's text and exit 1. */
void
fatal(const char *fmt, ...)
{
	va_list	 ap;
	int	 saved = errno;

	fputs("unknot: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s\n", strerror(saved));
	exit(1);
}

/* Open a regular file of at most max bytes for reading; its size in *size
 * (size may be NULL). -1 with *cause if it cannot be opened, is not a
 * regular file or is too large. */
int
util_open_file(const char *path, size_t max, int *fdp, size_t *size,
    char **cause)
{
	struct stat	 sb;
	int		 fd;

	/* O_NONBLOCK: opening a FIFO must not wait for a writer; the type
	 * is checked before anything is read. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY |
	    O_NONBLOCK)) == -1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		xasprintf(cause, "%s: not a regular file", path);
		close(fd);
		return -1;
	}
	(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	if ((size_t)sb.st_size > max) {
		xasprintf(cause, "%s: file is too large (%lld bytes, at most "
		    "%zu)", path, (long long)sb.st_size, max);
		close(fd);
		return -1;
	}
	*fdp = fd;
	if (size != NULL)
		*size = (size_t)sb.st_size;
	return 0;
}

/* Read a whole regular file of at most max bytes into a NUL-ended buffer. */
int
util_read_file(const char *path, size_t max, char **buf, size_t *len,
    char **cause)
{
	char		*p;
	size_t		 have = 0, cap, size;
	ssize_t		 n;
	int		 fd;

	if (util_open_file(path, max, &fd, &size, cause) != 0)
		return -1;
	/* Room for what fstat() says and one byte more, to see a file that
	 * grew; grown as needed up to max + 1. */
	cap = size + 2;
	p = xmalloc(cap);
	while (have <= max && (n = read(fd, p + have, cap - 1 - have)) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			xasprintf(cause, "%s: %s", path, strerror(errno));
			free(p);
			close(fd);
			return -1;
		}
		have += n;
		if (have == cap - 1 && have <= max) {
			cap = cap - 1 > max / 2 ? max + 2 : 2 * (cap - 1) + 1;
			p = xreallocarray(p, cap, 1);
		}
	}
	close(fd);
	if (have > max) {
		xasprintf(cause, "%s: file is too large (more than %zu bytes)",
		    path, max);
		free(p);
		return -1;
	}
	p[have] = '\0';
	*buf = p;
	*len = have;
	return 0;
}

/* $VAR/unknot if VAR is set to an absolute path, else ~/fallback/unknot;
 * NULL if neither VAR nor HOME says where. */
static char *
util_xdg_dir(const char *var, const char *fallback)
{
	const char	*v, *home;
	char		*dir;

	v = getenv(var);
	if (v != NULL && v[0] == '/') {
		xasprintf(&dir, "%s/unknot", v);
		return dir;
	}
	home = getenv("HOME");
	if (home == NULL || home[0] != '/')
		return NULL;
	xasprintf(&dir, "%s/%s/unknot", home, fallback);
	return dir;
}

/* The user's data directory for unknot (the history); exits with a
 * message if there is none, rather than writing under "/". */
char *
util_data_dir(void)
{
	char	*dir;

	if ((dir = util_xdg_dir("XDG_DATA_HOME", ".local/share")) == NULL)
		fatalx("neither XDG_DATA_HOME nor HOME is set to a directory, "
		    "so there is nowhere to keep the history; set HOME");
	return dir;
}

/* The user's data directory, or NULL if there is none (for the search
 * paths, which can do without it). */
char *
util_data_dir_if_any(void)
{
	return util_xdg_dir("XDG_DATA_HOME", ".local/share");
}

/* The user's config directory for unknot; NULL if there is none (then
 * there is no config file). */
char *
util_config_dir(void)
{
	return util_xdg_dir("XDG_CONFIG_HOME", ".config");
}

/* The user's state directory for unknot (logs); the data directory if
 * neither XDG_STATE_HOME nor HOME is set. */
char *
util_state_dir(void)
{
	char	*dir;

	if ((dir = util_xdg_dir("XDG_STATE_HOME", ".local/state")) == NULL)
		dir = util_data_dir();
	return dir;
}

/* The user's cache directory for unknot; NULL if neither XDG_CACHE_HOME
 * nor HOME says where (then nothing is cached). */
char *
util_cache_dir(void)
{
	return util_xdg_dir("XDG_CACHE_HOME", ".cache");
}

/* True if s is a number in plain decimal digits with an optional
 * fraction ("5", "0.5"; not "05", " 5", "+5", "0x10", "1e3", ".5", "5."). */
bool
util_is_decimal(const char *s)
{
	const char	*p = s;

	if (*p < '0' || *p > '9' || (*p == '0' && p[1] >= '0' && p[1] <= '9'))
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

/* Create a directory and its parents. */
int
util_mkdirs(const char *path, char **cause)
{
	char	*copy, *p;

	copy = xstrdup(path);
	for (p = copy + (copy[0] != '\0'); ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		if (mkdir(copy, 0700) == -1 && errno != EEXIST) {
			xasprintf(cause, "%s: %s", copy, strerror(errno));
			free(copy);
			return -1;
		}
		*p = saved;
		if (saved == '\0')
			break;
	}
	free(copy);
	return 0;
}

#ifdef HAVE_SODIUM
/* SHA-256 of a buffer, as lower-case hex, by libsodium. */
void
util_sha256_hex(const void *buf, size_t len, char out[65])
{
	unsigned char	h[crypto_hash_sha256_BYTES];

	if (sodium_init() < 0)
		fatalx("libsodium cannot be initialised");
	crypto_hash_sha256(h, buf, len);
	sodium_bin2hex(out, 65, h, sizeof h);
}
#else
/* Without libsodium (configure --enable-signing=no), the same by hand. */

/* SHA-256 round constants. */
static const uint32_t sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

/* Mix one 64-byte block into the SHA-256 state. */
static void
util_sha256_block(uint32_t h[8], const unsigned char *p)
{
	uint32_t	w[64], a, b, c, d, e, f, g, hh, t1, t2;
	int		i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (i = 16; i < 64; i++)
		w[i] = (ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10)) +
		    w[i - 7] + (ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^
		    (w[i - 15] >> 3)) + w[i - 16];
	a = h[0]; b = h[1]; c = h[2]; d = h[3];
	e = h[4]; f = h[5]; g = h[6]; hh = h[7];
	for (i = 0; i < 64; i++) {
		t1 = hh + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) +
		    ((e & f) ^ (~e & g)) + sha256_k[i] + w[i];
		t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) +
		    ((a & b) ^ (a & c) ^ (b & c));
		hh = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d;
	h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

/* SHA-256 of a buffer, as lower-case hex. */
void
util_sha256_hex(const void *buf, size_t len, char out[65])
{
	uint32_t		 h[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372,
	    0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
	const unsigned char	*p = buf;
	unsigned char		 tail[128];
	size_t			 left, n, i;
	uint64_t		 bits = (uint64_t)len * 8;

	for (left = len; left >= 64; left -= 64, p += 64)
		util_sha256_block(h, p);
	memset(tail, 0, sizeof tail);
	memcpy(tail, p, left);
	tail[left] = 0x80;
	n = left + 1 + 8 <= 64 ? 64 : 128;
	for (i = 0; i < 8; i++)
		tail[n - 1 - i] = (unsigned char)(bits >> (8 * i));
	util_sha256_block(h, tail);
	if (n == 128)
		util_sha256_block(h, tail + 64);
	for (i = 0; i < 8; i++)
		snprintf(out + 8 * i, 9, "%08x", h[i]);
}
#endif
