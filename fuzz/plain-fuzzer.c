/* SPDX-License-Identifier: GPL-3.0-or-later */
/* plain-fuzzer.c: libFuzzer target for the plain front end's input line
 * parser. Aborts unless every line is either understood or refused with a
 * message, ratings stay within 0 to 10, and a line with a NUL in it is
 * refused (no word has one). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plain.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Parse one line. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fe_input	 in;
	const char	*error = "unset";

	in = plain_parse((const char *)data, size, &error);
	if ((in.kind == FE_NONE) != (error != NULL))
		abort();
	if (error != NULL && error[0] == '\0')
		abort();
	if (in.kind == FE_SESSION && in.input == SI_RATING &&
	    (in.value < 0 || in.value > 10))
		abort();
	if (in.kind == FE_EOF)
		abort();
	if (memchr(data, '\0', size) != NULL && error == NULL)
		abort();
	return 0;
}
