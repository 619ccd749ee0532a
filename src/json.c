/* json.c: writing JSON values. */
#include <string.h>

#include "json.h"
#include "text.h"

/* Write a JSON string: quotes, backslashes and controls escaped (C1 and
 * bidirectional controls too, so that the output is safe on a terminal),
 * bytes that are not UTF-8 (file names) as U+FFFD. */
void
json_string(FILE *f, const char *s)
{
	size_t		 len, i, n;
	uint32_t	 c;

	if (s == NULL) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	len = strlen(s);
	for (i = 0; i < len; i += n) {
		if ((n = text_next(s + i, len - i, &c)) == 0) {
			fputs("\\ufffd", f);
			n = 1;
			continue;
		}
		switch (c) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (text_is_control(c))
				fprintf(f, "\\u%04x", (unsigned)c);
			else
				fwrite(s + i, 1, n, f);
			break;
		}
	}
	fputc('"', f);
}
