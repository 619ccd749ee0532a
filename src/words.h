/* SPDX-License-Identifier: GPL-3.0-or-later */
/* words.h: the fixed words the voice says, in the languages whose voices
 * say them well. The screens and plain mode stay in English; what is
 * spoken for a routine in German is German. A text is looked up by its
 * English words, so the engine's texts (the prompt, the advice, the
 * standard aftercare) need no key of their own. */
#ifndef UNKNOT_WORDS_H
#define UNKNOT_WORDS_H

#include <stdbool.h>

/* The English of the words plain mode shares (say.h). */
#define WORDS_EN_SWITCH	"switch sides"
#define WORDS_EN_REST	"rest before the next set"
#define WORDS_EN_TEN	"10 seconds left"

/* Short words, by key; the longer texts are found by their English. */
enum words_key {
	WORDS_LEFT,		/* "left side" */
	WORDS_RIGHT,		/* "right side" */
	WORDS_TEN,		/* "10 seconds left" */
	WORDS_SWITCH,		/* "switch sides" */
	WORDS_REST,		/* "rest before the next set" */
	WORDS_PRESSURE_ON,	/* "Pressure on." */
	WORDS_FIND_POINT,	/* "Find the point." */
	WORDS_POSITION,		/* "Get into position." */
	WORDS_SET,		/* "set" (as in "set 2 of 3") */
	WORDS_OF,		/* "of" (as in "set 2 of 3") */
	WORDS_NKEYS
};

struct words;

/* The words for a language tag ("de", "de-AT", "fr-CH"); NULL for one
 * without a table. English (and no language) is a table of its own. */
const struct words	*words_for(const char *language);
/* Is there a table for this language? */
bool			 words_known(const char *language);
/* A short word in the table's language (English for NULL). */
const char		*words_key(const struct words *, enum words_key);
/* The words for an English text: its translation, or the text itself
 * when there is none (for NULL, always the text itself). */
const char		*words_say(const struct words *, const char *en);
/* The languages with a table, as "en de fr es". */
const char		*words_languages(void);

#endif
