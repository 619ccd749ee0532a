/* plain-fuzzer.c: libFuzzer target for the plain front end's input line
 * parser. Aborts unless every line is either understood or refused with a
 * message, and ratings stay within 0 to 10. */
#include <stdint.h>
#include <stdlib.h>

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
	return 0;
}
