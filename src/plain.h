/* plain.h: the line-based front end, for screen readers, logs and scripts. */
#ifndef UNKNOT_PLAIN_H
#define UNKNOT_PLAIN_H

#include <stddef.h>

#include "frontend.h"

#define PLAIN_MAX_LINE	256	/* longer input lines are refused */

/* Parse one input line (without its newline) into an input; FE_NONE with
 * *error set to a message for a line that means nothing. Pure. */
struct fe_input	plain_parse(const char *line, size_t len, const char **error);

#endif
