/* json.h: writing JSON values. */
#ifndef UNKNOT_JSON_H
#define UNKNOT_JSON_H

#include <stdio.h>

/* Write s as a JSON string with quotes (NULL as null). */
void	json_string(FILE *, const char *);

#endif
