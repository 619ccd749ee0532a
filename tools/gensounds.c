/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gensounds.c: write the default cue set (sounds/NAME.flac) from the same
 * synthesis the program falls back to, so the files are reproducible and
 * free of anyone else's licence. Usage: gensounds DIR [RATE] */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sndfile.h>

#include "sounds.h"
#include "util.h"

#define GENSOUNDS_RATE	24000	/* ample for tones below 6 kHz, small files */

/* Write one cue as 16-bit mono FLAC; -1 on error. */
static int
gensounds_write(const char *dir, enum cue_kind k, unsigned rate)
{
	struct sound	 s;
	SF_INFO		 info;
	SNDFILE		*sf;
	char		*path;
	int		 rc = 0;

	sounds_synth(k, rate, &s);
	xasprintf(&path, "%s/%s.flac", dir, cue_name(k));
	memset(&info, 0, sizeof info);
	info.samplerate = (int)rate;
	info.channels = 1;
	info.format = SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
	if ((sf = sf_open(path, SFM_WRITE, &info)) == NULL) {
		fprintf(stderr, "gensounds: %s: %s\n", path, sf_strerror(NULL));
		rc = -1;
	} else {
		if (sf_writef_float(sf, s.v, (sf_count_t)s.n) !=
		    (sf_count_t)s.n) {
			fprintf(stderr, "gensounds: %s: %s\n", path,
			    sf_strerror(sf));
			rc = -1;
		}
		sf_close(sf);
	}
	free(path);
	sound_free(&s);
	return rc;
}

/* Write every cue into the directory named on the command line. */
int
main(int argc, char **argv)
{
	unsigned	rate = GENSOUNDS_RATE, k;
	int		rc = 0;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: gensounds DIR [RATE]\n");
		return 2;
	}
	if (argc == 3)
		rate = (unsigned)strtoul(argv[2], NULL, 10);
	if (rate < 8000 || rate > 192000) {
		fprintf(stderr, "gensounds: bad rate '%s'\n", argv[2]);
		return 2;
	}
	for (k = 0; k < CUE_COUNT; k++) {
		if (gensounds_write(argv[1], k, rate) != 0)
			rc = 1;
	}
	return rc;
}
