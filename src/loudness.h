/* SPDX-License-Identifier: GPL-3.0-or-later */
/* loudness.h: integrated loudness (ITU-R BS.1770-4: K-weighting, 400 ms
 * blocks overlapping by 75 %, absolute and relative gates) and true peak
 * (4x oversampling) of a mono signal, to normalise the export. */
#ifndef UNKNOT_LOUDNESS_H
#define UNKNOT_LOUDNESS_H

#include <stddef.h>

#define LOUDNESS_TARGET		-16.0	/* LUFS, integrated */
#define LOUDNESS_PEAK		-1.0	/* dBTP, at most */
#define LOUDNESS_SILENCE	-70.0	/* the absolute gate; below: silent */

struct loudness;

struct loudness	*loudness_new(unsigned rate);
void		 loudness_free(struct loudness *);
/* Measure n more samples. */
void		 loudness_add(struct loudness *, const float *, size_t n);
/* Integrated loudness in LUFS; LOUDNESS_SILENCE or less if silent. */
double		 loudness_integrated(const struct loudness *);
/* True peak in dBTP (-INFINITY for silence). */
double		 loudness_true_peak(const struct loudness *);

#endif
