/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_words.c: the voice's words per language: every text the engine
 * can have the voice say (the prompt, the question, every advice, the
 * standard aftercare of every kind) has its German, French and Spanish;
 * a tag finds its table by its primary subtag; a language without a
 * table has none, and English is the text itself. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <string.h>

#include "aftercare.h"
#include "coach.h"
#include "tap.h"
#include "words.h"

/* One text translated in every language with a table. */
static void
translated(const char *en)
{
	static const char *const langs[] = { "de", "fr", "es" };
	size_t			 i;
	const char		*t;
	char			 name[80];

	if (en == NULL) {
		ok(0, "an engine text is there to translate");
		return;
	}
	for (i = 0; i < sizeof langs / sizeof langs[0]; i++) {
		t = words_say(words_for(langs[i]), en);
		snprintf(name, sizeof name, "%s: %.50s...", langs[i], en);
		ok(t != NULL && strcmp(t, en) != 0, name);
	}
}

/* Every engine text the voice can say. */
static void
test_engine_texts(void)
{
	struct coach_rules	rules;
	const char *const	*l;
	enum aftercare_kind	 kind;
	int			 adv;

	struct coach_hold	 h;
	int			 stretch, rating;

	translated(coach_prompt_text());
	translated(coach_check_text());
	/* Those of a rating: lean in, in range, "no harder" between the
	 * range and the ease-off point; for a point and for a stretch. */
	coach_rules(NULL, &rules);
	rules.target_lo = 3;
	rules.target_hi = 5;
	rules.ease_off_at = 8;
	memset(&h, 0, sizeof h);
	h.ms_in = COACH_LEAN_IN_MS;
	h.peak = h.last = -1;
	for (stretch = 0; stretch <= 1; stretch++) {
		for (adv = ADV_EASE_OFF; adv <= ADV_STOP; adv++)
			translated(coach_text_for((enum advice_kind)adv,
			    stretch != 0));
		translated(coach_bracing_for(0, stretch != 0).text);
		h.stretch = stretch != 0;
		for (rating = 0; rating <= 10; rating++) {
			h.ease_offs = 0;
			if (coach_advise(&rules, &h, rating).text != NULL)
				translated(coach_advise(&rules, &h,
				    rating).text);
			h.ease_offs = COACH_EASE_OFFS;
			if (coach_advise(&rules, &h, rating).text != NULL)
				translated(coach_advise(&rules, &h,
				    rating).text);
		}
	}
	for (kind = AC_PRESSURE; kind <= AC_BREATHING; kind++)
		for (l = aftercare_lines(kind); *l != NULL; l++)
			translated(*l);
}

/* Tags, and what has no table. */
static void
test_tags(void)
{
	is_str(words_key(words_for("de-AT"), WORDS_LEFT), "linke Seite",
	    "de-AT: the German table");
	is_str(words_key(words_for("FR"), WORDS_SWITCH), "changez de côté",
	    "FR: the French table, any case");
	is_str(words_key(words_for("es_MX"), WORDS_TEN), "quedan 10 segundos",
	    "es_MX: the Spanish table");
	ok(words_for("it") == NULL && !words_known("it"), "it: no table");
	ok(words_for("d") == NULL && words_for("deu") == NULL,
	    "a prefix of a tag is not the tag");
	is_str(words_key(words_for(NULL), WORDS_TEN), "10 seconds left",
	    "no language: English");
	is_str(words_say(words_for("en-GB"), coach_prompt_text()),
	    coach_prompt_text(), "English: the text itself");
	is_str(words_say(words_for("de"), "Shoulder rolls tonight."),
	    "Shoulder rolls tonight.", "a text not in the table is itself");
	is_str(words_languages(), "en de fr es", "the languages listed");
}

int
main(void)
{
	test_engine_texts();
	test_tags();
	done_testing();
}
