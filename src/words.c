/* SPDX-License-Identifier: GPL-3.0-or-later */
/* words.c: the voice's fixed words per language. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "words.h"

/* The languages, in the order of the columns below. */
enum words_lang { WL_EN, WL_DE, WL_FR, WL_ES, WL_N };

static const char *const words_tags[WL_N] = { "en", "de", "fr", "es" };

struct words {
	enum words_lang	 lang;
};

static const struct words words_tables[WL_N] = {
	{ WL_EN }, { WL_DE }, { WL_FR }, { WL_ES }
};

/* The short words, by key. */
static const char *const words_keys[WORDS_NKEYS][WL_N] = {
	[WORDS_LEFT] = { "left side", "linke Seite", "côté gauche",
	    "lado izquierdo" },
	[WORDS_RIGHT] = { "right side", "rechte Seite", "côté droit",
	    "lado derecho" },
	[WORDS_TEN] = { WORDS_EN_TEN, "noch 10 Sekunden",
	    "encore 10 secondes", "quedan 10 segundos" },
	[WORDS_SWITCH] = { WORDS_EN_SWITCH, "Seite wechseln",
	    "changez de côté", "cambie de lado" },
	[WORDS_REST] = { WORDS_EN_REST,
	    "Pause vor dem nächsten Satz", "repos avant la série suivante",
	    "descanse antes de la siguiente serie" },
	[WORDS_PRESSURE_ON] = { "Pressure on.", "Jetzt Druck geben.",
	    "Appuyez maintenant.", "Ahora presione." },
	[WORDS_FIND_POINT] = { "Find the point.", "Suchen Sie den Punkt.",
	    "Trouvez le point.", "Busque el punto." },
	[WORDS_POSITION] = { "Get into position.", "Gehen Sie in Position.",
	    "Mettez-vous en position.", "Colóquese en posición." },
	[WORDS_SET] = { "set", "Satz", "série", "serie" },
	[WORDS_OF] = { "of", "von", "sur", "de" },
};
_Static_assert(sizeof words_keys / sizeof words_keys[0] == WORDS_NKEYS,
    "a word for every key");

/* The engine's texts: the prompt, the question, the advice and the
 * standard aftercare (coach.c, aftercare.c, routine.c), English first.
 * tests/test_words.c checks that every one of them is here. */
static const char *const words_texts[][WL_N] = {
	{ "How strong is it now, 0 to 10?",
	  "Wie stark ist es jetzt, von 0 bis 10?",
	  "Quelle intensité maintenant, de 0 à 10 ?",
	  "¿Qué intensidad tiene ahora, de 0 a 10?" },
	{ "Any numbness, tingling, or shooting, burning pain?",
	  "Taubheit, Kribbeln oder einschießender, brennender Schmerz?",
	  "Engourdissement, picotements, ou douleur fulgurante ou "
	  "brûlante ?",
	  "¿Entumecimiento, hormigueo o dolor punzante o ardiente?" },
	{ "Ease off the pressure until you can breathe freely. Breathe out "
	  "slowly now and let the muscle relax. This is not a "
	  "no-pain-no-gain situation.",
	  "Lassen Sie mit dem Druck nach, bis Sie frei atmen können. Atmen "
	  "Sie jetzt langsam aus und lassen Sie den Muskel locker. Hier gilt "
	  "nicht: ohne Schmerz kein Erfolg.",
	  "Relâchez la pression jusqu'à respirer librement. Expirez "
	  "lentement maintenant et laissez le muscle se détendre. Il ne "
	  "s'agit pas de souffrir pour progresser.",
	  "Reduzca la presión hasta que pueda respirar con libertad. Espire "
	  "despacio ahora y deje que el músculo se relaje. Aquí no se trata "
	  "de sufrir para avanzar." },
	{ "Ease off now: bracing keeps the muscle from letting go. Breathe "
	  "out slowly now; lighter pressure releases better.",
	  "Lassen Sie jetzt nach: Anspannen hindert den Muskel am "
	  "Loslassen. Atmen Sie jetzt langsam aus; leichterer Druck löst "
	  "besser.",
	  "Relâchez maintenant : se crisper empêche le muscle de se "
	  "relâcher. Expirez lentement maintenant ; une pression plus "
	  "légère libère mieux.",
	  "Afloje ahora: tensarse impide que el músculo se suelte. Espire "
	  "despacio ahora; una presión más ligera libera mejor." },
	{ "If it let go, press r. If not, stay at this pressure and keep "
	  "breathing out slowly.",
	  "Wenn er losgelassen hat, drücken Sie r. Wenn nicht, bleiben Sie "
	  "bei diesem Druck und atmen Sie weiter langsam aus.",
	  "S'il s'est relâché, appuyez sur r. Sinon, gardez cette pression "
	  "et continuez à expirer lentement.",
	  "Si se ha soltado, pulse r. Si no, mantenga esta presión y siga "
	  "espirando despacio." },
	{ "Go on lighter: ease well off the point and breathe out slowly "
	  "now. Stop if anything tingles, goes numb or shoots.",
	  "Machen Sie leichter weiter: Nehmen Sie deutlich Druck vom Punkt "
	  "und atmen Sie jetzt langsam aus. Hören Sie auf, wenn etwas "
	  "kribbelt, taub wird oder einschießt.",
	  "Continuez plus légèrement : relâchez bien le point et expirez "
	  "lentement maintenant. Arrêtez si quelque chose picote, "
	  "s'engourdit ou élance.",
	  "Siga con menos presión: afloje bien el punto y espire despacio "
	  "ahora. Pare si algo hormiguea, se entumece o da punzadas." },
	{ "Stop this point for today: let go of the pressure.",
	  "Hören Sie für heute mit diesem Punkt auf: Lassen Sie den Druck "
	  "los.",
	  "Arrêtez ce point pour aujourd'hui : relâchez la pression.",
	  "Deje este punto por hoy: suelte la presión." },
	{ "Still too intense. Ease right off, or skip this point for today; "
	  "that is fine.",
	  "Immer noch zu stark. Lassen Sie ganz nach, oder lassen Sie "
	  "diesen Punkt heute aus; das ist in Ordnung.",
	  "Encore trop intense. Relâchez complètement, ou passez ce point "
	  "pour aujourd'hui ; ce n'est pas grave.",
	  "Todavía demasiado intenso. Afloje del todo o sáltese este punto "
	  "por hoy; no pasa nada." },
	{ "Not much happening yet? Lean in a little, or adjust the position "
	  "until you feel something is happening.",
	  "Noch nicht viel zu spüren? Lehnen Sie sich etwas mehr hinein, "
	  "oder ändern Sie die Position, bis Sie etwas spüren.",
	  "Pas grand-chose pour l'instant ? Appuyez un peu plus, ou ajustez "
	  "la position jusqu'à sentir quelque chose.",
	  "¿Todavía no nota mucho? Apóyese un poco más, o ajuste la "
	  "posición hasta notar algo." },
	{ "Good. Keep breathing deeply and let the muscle relax.",
	  "Gut. Atmen Sie weiter tief und lassen Sie den Muskel locker.",
	  "Bien. Continuez à respirer profondément et laissez le muscle se "
	  "détendre.",
	  "Bien. Siga respirando hondo y deje que el músculo se relaje." },
	{ "That is strong enough; press no harder. Keep breathing deeply "
	  "and let the muscle relax.",
	  "Das ist stark genug; drücken Sie nicht fester. Atmen Sie weiter "
	  "tief und lassen Sie den Muskel locker.",
	  "C'est assez fort ; n'appuyez pas plus. Continuez à respirer "
	  "profondément et laissez le muscle se détendre.",
	  "Es suficiente; no apriete más. Siga respirando hondo y deje que "
	  "el músculo se relaje." },
	/* The same advice in a stretch. */
	{ "Ease off the stretch until you can breathe freely. Breathe out "
	  "slowly now and let the muscle relax. This is not a "
	  "no-pain-no-gain situation.",
	  "Lassen Sie in der Dehnung nach, bis Sie frei atmen können. Atmen "
	  "Sie jetzt langsam aus und lassen Sie den Muskel locker. Hier gilt "
	  "nicht: ohne Schmerz kein Erfolg.",
	  "Relâchez l'étirement jusqu'à respirer librement. Expirez "
	  "lentement maintenant et laissez le muscle se détendre. Il ne "
	  "s'agit pas de souffrir pour progresser.",
	  "Afloje el estiramiento hasta que pueda respirar con libertad. "
	  "Espire despacio ahora y deje que el músculo se relaje. Aquí no se "
	  "trata de sufrir para avanzar." },
	{ "Ease off now: bracing keeps the muscle from letting go. Breathe "
	  "out slowly now; a gentler stretch releases better.",
	  "Lassen Sie jetzt nach: Anspannen hindert den Muskel am "
	  "Loslassen. Atmen Sie jetzt langsam aus; eine sanftere Dehnung "
	  "löst besser.",
	  "Relâchez maintenant : se crisper empêche le muscle de se "
	  "relâcher. Expirez lentement maintenant ; un étirement plus doux "
	  "libère mieux.",
	  "Afloje ahora: tensarse impide que el músculo se suelte. Espire "
	  "despacio ahora; un estiramiento más suave libera mejor." },
	{ "Go on gentler: ease well back from the stretch and breathe out "
	  "slowly now. Stop if anything tingles, goes numb or shoots.",
	  "Machen Sie sanfter weiter: Gehen Sie deutlich aus der Dehnung "
	  "zurück und atmen Sie jetzt langsam aus. Hören Sie auf, wenn etwas "
	  "kribbelt, taub wird oder einschießt.",
	  "Continuez plus doucement : revenez bien en arrière dans "
	  "l'étirement et expirez lentement maintenant. Arrêtez si quelque "
	  "chose picote, s'engourdit ou élance.",
	  "Siga con más suavidad: retroceda bien en el estiramiento y espire "
	  "despacio ahora. Pare si algo hormiguea, se entumece o da "
	  "punzadas." },
	{ "Stop this stretch for today: come out of it slowly.",
	  "Hören Sie für heute mit dieser Dehnung auf: Lösen Sie sie "
	  "langsam.",
	  "Arrêtez cet étirement pour aujourd'hui : sortez-en lentement.",
	  "Deje este estiramiento por hoy: salga de él despacio." },
	{ "Still too intense. Ease right out of the stretch, or skip it for "
	  "today; that is fine.",
	  "Immer noch zu stark. Gehen Sie ganz aus der Dehnung, oder lassen "
	  "Sie sie heute aus; das ist in Ordnung.",
	  "Encore trop intense. Sortez complètement de l'étirement, ou "
	  "passez-le pour aujourd'hui ; ce n'est pas grave.",
	  "Todavía demasiado intenso. Salga del todo del estiramiento o "
	  "sálteselo por hoy; no pasa nada." },
	{ "Not much happening yet? Ease a little further into the stretch, "
	  "or adjust the position until you feel a gentle pull.",
	  "Noch nicht viel zu spüren? Gehen Sie etwas weiter in die Dehnung, "
	  "oder ändern Sie die Position, bis Sie einen sanften Zug spüren.",
	  "Pas grand-chose pour l'instant ? Allez un peu plus loin dans "
	  "l'étirement, ou ajustez la position jusqu'à sentir une légère "
	  "tension.",
	  "¿Todavía no nota mucho? Entre un poco más en el estiramiento, o "
	  "ajuste la posición hasta notar un tirón suave." },
	{ "That is strong enough; stretch no further. Keep breathing deeply "
	  "and let the muscle relax.",
	  "Das ist stark genug; dehnen Sie nicht weiter. Atmen Sie weiter "
	  "tief und lassen Sie den Muskel locker.",
	  "C'est assez fort ; n'étirez pas plus loin. Continuez à respirer "
	  "profondément et laissez le muscle se détendre.",
	  "Es suficiente; no estire más. Siga respirando hondo y deje que el "
	  "músculo se relaje." },
	{ "Drink some water: it supports the tissue's recovery.",
	  "Trinken Sie etwas Wasser: Das unterstützt die Erholung des "
	  "Gewebes.",
	  "Buvez un peu d'eau : cela aide les tissus à récupérer.",
	  "Beba un poco de agua: ayuda a la recuperación del tejido." },
	{ "Soreness like after a workout is normal and usually fades within "
	  "24 to 48 hours.",
	  "Ein Muskelkater wie nach dem Training ist normal und vergeht "
	  "meist innerhalb von 24 bis 48 Stunden.",
	  "Une sensibilité comme après un entraînement est normale et "
	  "disparaît en général en 24 à 48 heures.",
	  "Las molestias como después de entrenar son normales y suelen "
	  "desaparecer en 24 a 48 horas." },
	{ "Avoid intense exercise for the next 24 hours to let your body "
	  "integrate the work.",
	  "Vermeiden Sie in den nächsten 24 Stunden intensives Training, "
	  "damit Ihr Körper die Arbeit verarbeiten kann.",
	  "Évitez l'exercice intense pendant les 24 prochaines heures pour "
	  "laisser votre corps intégrer le travail.",
	  "Evite el ejercicio intenso durante las próximas 24 horas para que "
	  "su cuerpo asimile el trabajo." },
	{ "Gentle movement and stretching help reduce soreness.",
	  "Sanfte Bewegung und Dehnen helfen gegen den Muskelkater.",
	  "Des mouvements doux et des étirements aident à réduire la "
	  "sensibilité.",
	  "El movimiento suave y los estiramientos ayudan a reducir las "
	  "molestias." },
	{ "If pain persists or gets worse, see a professional.",
	  "Wenn der Schmerz anhält oder schlimmer wird, suchen Sie eine "
	  "Fachperson auf.",
	  "Si la douleur persiste ou s'aggrave, consultez un professionnel.",
	  "Si el dolor persiste o empeora, consulte a un profesional." },
	{ "Mild muscle soreness after exercise can be normal and fades "
	  "within a day or two.",
	  "Leichter Muskelkater nach dem Training kann normal sein und "
	  "vergeht in ein bis zwei Tagen.",
	  "Une légère courbature après l'exercice peut être normale et "
	  "disparaît en un jour ou deux.",
	  "Unas ligeras agujetas después del ejercicio pueden ser normales y "
	  "desaparecen en uno o dos días." },
	{ "Stop and get advice if a joint hurts, or if pain lasts or gets "
	  "worse.",
	  "Hören Sie auf und holen Sie Rat ein, wenn ein Gelenk schmerzt "
	  "oder der Schmerz anhält oder schlimmer wird.",
	  "Arrêtez et demandez conseil si une articulation fait mal, ou si "
	  "la douleur dure ou s'aggrave.",
	  "Pare y pida consejo si le duele una articulación, o si el dolor "
	  "dura o empeora." },
	{ "Take a moment to feel how you are now; come back to this "
	  "breathing whenever you need it.",
	  "Nehmen Sie sich einen Moment, um zu spüren, wie es Ihnen jetzt "
	  "geht; kehren Sie zu dieser Atmung zurück, wann immer Sie sie "
	  "brauchen.",
	  "Prenez un moment pour sentir comment vous allez maintenant ; "
	  "revenez à cette respiration chaque fois que vous en avez besoin.",
	  "Tómese un momento para notar cómo está ahora; vuelva a esta "
	  "respiración siempre que la necesite." },
};

/* The column of a language tag: its primary subtag, any case; WL_N if
 * there is none. */
static enum words_lang
words_lang(const char *language)
{
	size_t		 len;
	unsigned	 i;

	if (language == NULL)
		return WL_EN;
	len = strcspn(language, "-_");
	for (i = 0; i < WL_N; i++) {
		if (len == strlen(words_tags[i]) &&
		    strncasecmp(language, words_tags[i], len) == 0)
			return (enum words_lang)i;
	}
	return WL_N;
}

/* The table for a language. */
const struct words *
words_for(const char *language)
{
	enum words_lang	l = words_lang(language);

	return l == WL_N ? NULL : &words_tables[l];
}

/* Is there a table for this language? */
bool
words_known(const char *language)
{
	return words_lang(language) != WL_N;
}

/* A short word. */
const char *
words_key(const struct words *w, enum words_key k)
{
	return words_keys[k][w != NULL ? w->lang : WL_EN];
}

/* The translation of an English text, or the text. */
const char *
words_say(const struct words *w, const char *en)
{
	size_t	i;

	if (w == NULL || w->lang == WL_EN || en == NULL)
		return en;
	for (i = 0; i < sizeof words_texts / sizeof words_texts[0]; i++) {
		if (strcmp(words_texts[i][WL_EN], en) == 0)
			return words_texts[i][w->lang];
	}
	return en;
}

/* The languages with a table. */
const char *
words_languages(void)
{
	static char	names[WL_N * 4];
	size_t		i, len = 0;

	if (names[0] == '\0') {
		for (i = 0; i < WL_N; i++)
			len += (size_t)snprintf(names + len, sizeof names - len,
			    "%s%s", i > 0 ? " " : "", words_tags[i]);
	}
	return names;
}
