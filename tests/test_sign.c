/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_sign.c: the routine hash (util_sha256_hex, libsodium's SHA-256 or
 * the hand-written one without it) against coreutils' sha256sum, at every
 * length around the padding boundaries, so that the hashes stored in the
 * history never change with the implementation. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "util.h"

/* sha256sum of buf, run on a temporary file; 0 on success. */
static int
sha256sum(const unsigned char *buf, size_t len, char out[65])
{
	char	 path[] = "/tmp/unknot-sha.XXXXXX", cmd[64];
	FILE	*f;
	int	 fd, r = -1;

	if ((fd = mkstemp(path)) == -1)
		return -1;
	if (write(fd, buf, len) == (ssize_t)len) {
		snprintf(cmd, sizeof cmd, "sha256sum %s", path);
		if ((f = popen(cmd, "r")) != NULL) {
			if (fscanf(f, "%64s", out) == 1 && strlen(out) == 64)
				r = 0;
			pclose(f);
		}
	}
	close(fd);
	unlink(path);
	return r;
}

int
main(void)
{
	static const size_t	 lens[] = { 0, 1, 3, 55, 56, 57, 63, 64, 65,
	    111, 112, 119, 120, 127, 128, 129, 1000, 65536, 1048576 };
	unsigned char		*buf;
	char			 got[65], want[65], name[64];
	size_t			 i, n;

	if (system("sha256sum </dev/null >/dev/null 2>&1") != 0) {
		printf("1..0 # SKIP sha256sum (coreutils) not found\n");
		return 0;
	}
	buf = xmalloc(1048576);
	for (i = 0; i < 1048576; i++)
		buf[i] = (unsigned char)(i * 131 + (i >> 8));
	for (n = 0; n < nitems(lens); n++) {
		util_sha256_hex(buf, lens[n], got);
		if (sha256sum(buf, lens[n], want) != 0)
			strcpy(want, "sha256sum failed");
		snprintf(name, sizeof name, "SHA-256 of %zu bytes", lens[n]);
		is_str(got, want, name);
	}
	free(buf);
	return done_testing();
}
