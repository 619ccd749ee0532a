/* SPDX-License-Identifier: GPL-3.0-or-later */
/* diag_json.h: diagnostics as JSON objects, for editors and CI; the
 * output follows routines/unknot-diagnostics.schema.json. */
#ifndef UNKNOT_DIAG_JSON_H
#define UNKNOT_DIAG_JSON_H

#include <stdio.h>

#include "diag.h"

/* Sort d and write each diagnostic as a JSON object, an element of an array
 * the caller opens and closes; *n counts the elements written so far, for
 * the commas. */
void	diag_json_print(FILE *, struct diags *d, size_t *n);

#endif
