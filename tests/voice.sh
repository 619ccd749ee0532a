#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# voice.sh: what the voice says and when (--plain=voice), against the
# routine's own timeline worked out here from its numbers; the exported
# guided track with the voice in it, found by its energy between the cues
# and measured for loudness by ffmpeg's ebur128 meter.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
export UNKNOT_PATH="$T/r" UNKNOT_TIME_SCALE=20 ALSA_CONFIG_PATH="$T/asound-none.conf"
mkdir -p "$T/r"
# What is said can be printed by any build; only one with a voice speaks.
voice=yes
"$UNKNOT" --version | grep -q '^  voice: ' || voice=
W=20 H=20 SW=5		# warm-up, hold per side, the switch of sides (s)
SU=8			# getting ready on the point before each side (s)
cat > "$T/r/v.yaml" <<EOY
unknot: 1
id: v
title: Voice test
steps:
  - warmup: {title: Warm up, seconds: $W}
  - hold: {title: Top of the shoulder, point: Top of the trapezius.,
           seconds: $H, sides: [left, right],
           rate_every: 60}
aftercare: ["Shoulder rolls tonight."]
EOY

# The timeline, from the numbers above: each step or side starts with its
# title (a hold's with "Find the point."), says "Pressure on." when the
# getting ready ends, "10 seconds left" 10 s before its end, a hold counts 3, 2, 1
# in its last seconds and asks for a rating min(5 s, a third of it) in
# (the engine's documented rule; rate_every is longer than the hold), the switch of sides is announced, the aftercare is
# read at the end.
r=$((W + SU + H))		# the right side starts after the switch
r=$((r + SW))
end=$((r + SU + H))
{
	echo "0.000 Warm up."
	echo "$((W - 10)).000 10 seconds left"
	echo "$W.000 Top of the shoulder, left side. Find the point."
	echo "$((W + SU)).000 Pressure on."
	echo "$((W + SU + 5)).000 How strong is it now, 0 to 10?"
	echo "$((W + SU + H - 10)).000 10 seconds left"
	for k in 3 2 1; do echo "$((W + SU + H - k)).000 $k"; done
	echo "$((W + SU + H)).000 switch sides"
	echo "$r.000 Top of the shoulder, right side. Find the point."
	echo "$((r + SU)).000 Pressure on."
	echo "$((r + SU + 5)).000 How strong is it now, 0 to 10?"
	echo "$((end - 10)).000 10 seconds left"
	for k in 3 2 1; do echo "$((end - k)).000 $k"; done
	echo "$end.000 Drink some water: it supports the tissue's recovery."
} > "$T/want1"

# said FILE: the utterances of a plain run, their times counted from the
# first one (the session's clock starts on the screen before the steps,
# and the Enter that leaves it may be read a tick after the start).
said() {
	sed -n 's/^\[[0-9:]*\] say: //p' "$1" | awk '
	{ ms = int($1 * 1000 + 0.5) }
	NR == 1 { t0 = ms }
	{ ms -= t0; $1 = sprintf("%d.%03d", int(ms / 1000), ms % 1000)
	  print }'
}

# said_as WANT OUT NAME: the first utterances of the plain run in OUT are
# the lines of WANT, at their times.
said_as() {
	said "$2" | head -n "$(wc -l < "$1")" > "$1.got"
	cmp -s "$1" "$1.got"
	ok $? "$3" || diff "$1" "$1.got" | sed 's/^/# /'
}

printf '\n\n' | "$UNKNOT" --plain=events,voice --no-sound run v > "$T/o1" 2>&1
said "$T/o1" > "$T/said1"
said_as "$T/want1" "$T/o1" "--plain=voice says each line at its time"
grep -q "^$end.000 Shoulder rolls tonight.\$" "$T/said1"
ok $? "the routine's own aftercare is read too"

# The config's voice_countdown: ten leaves out "3, 2, 1", three leaves out
# "10 seconds left", off leaves out both; the rest is said as before.
mkdir -p "$XDG_CONFIG_HOME/unknot"
for count in ten three off; do
	case $count in
	ten)	drop='^[0-9.]* [123]$' ;;
	three)	drop=' 10 seconds left$' ;;
	off)	drop='^[0-9.]* [123]$| 10 seconds left$' ;;
	esac
	grep -Ev "$drop" "$T/want1" > "$T/want-$count"
	printf 'voice_countdown: %s\n' "$count" > "$XDG_CONFIG_HOME/unknot/config.yaml"
	printf '\n\n' | "$UNKNOT" --plain=events,voice --no-sound run v > "$T/o-$count" 2>&1
	said_as "$T/want-$count" "$T/o-$count" \
	    "voice_countdown: $count says what it names, at its time"
done
printf 'voice_countdown: loud\n' > "$XDG_CONFIG_HOME/unknot/config.yaml"
"$UNKNOT" run --plain v < /dev/null > /dev/null 2> "$T/o-bad"
is "$?" 2 "voice_countdown: a value it does not know is an error"
is "$(cat "$T/o-bad")" "$XDG_CONFIG_HOME/unknot/config.yaml:1:18: error: 'voice_countdown' must be full (10 seconds left, then 3, 2, 1), ten, three or off" \
    "... at its position, naming the values"
rm -f "$XDG_CONFIG_HOME/unknot/config.yaml"

# A routine in German, French or Spanish hears the fixed words in its
# language (the screens stay English): the same timeline, the words
# written here. Numbers stay digits, which the voice reads in its
# language.
for lang in de fr es; do
	case $lang in
	de)	left="linke Seite" right="rechte Seite" find="Suchen Sie den Punkt."
		on="Jetzt Druck geben." rate="Wie stark ist es jetzt, von 0 bis 10?"
		ten="noch 10 Sekunden" switch="Seite wechseln"
		water="Trinken Sie etwas Wasser: Das unterstützt die Erholung des Gewebes." ;;
	fr)	left="côté gauche" right="côté droit" find="Trouvez le point."
		on="Appuyez maintenant." rate="Quelle intensité maintenant, de 0 à 10 ?"
		ten="encore 10 secondes" switch="changez de côté"
		water="Buvez un peu d'eau : cela aide les tissus à récupérer." ;;
	es)	left="lado izquierdo" right="lado derecho" find="Busque el punto."
		on="Ahora presione." rate="¿Qué intensidad tiene ahora, de 0 a 10?"
		ten="quedan 10 segundos" switch="cambie de lado"
		water="Beba un poco de agua: ayuda a la recuperación del tejido." ;;
	esac
	sed "s/^title: Voice test/&\nlanguage: $lang/; s/^id: v/id: v$lang/" \
	    "$T/r/v.yaml" > "$T/r/v$lang.yaml"
	sed -e "s/left side\. Find the point\./$left. $find/" \
	    -e "s/right side\. Find the point\./$right. $find/" \
	    -e "s/Pressure on\./$on/" \
	    -e "s/How strong is it now, 0 to 10?/$rate/" \
	    -e "s/10 seconds left/$ten/" -e "s/switch sides/$switch/" \
	    -e "s/Drink some water: .*/$water/" "$T/want1" > "$T/want-$lang"
	printf '\n\n' | "$UNKNOT" --plain=events,voice --no-sound run "v$lang" \
	    > "$T/o-$lang" 2>&1
	said_as "$T/want-$lang" "$T/o-$lang" \
	    "language: $lang: the voice says its fixed words in $lang"
	check "... while the screen's lines stay English" \
		grep -q "switch: switch sides" "$T/o-$lang"
done
sed 's/^aftercare:.*//' "$T/r/vde.yaml" > "$T/r/vde2.yaml"
sed -i 's/^id: vde/id: vde2/' "$T/r/vde2.yaml"
printf '\n\n' | "$UNKNOT" --plain=events,voice --no-sound run vde2 > "$T/o-de2" 2>&1
said "$T/o-de2" > "$T/said-de2"
for line in "Ein Muskelkater wie nach dem Training ist normal und vergeht meist innerhalb von 24 bis 48 Stunden." \
    "Vermeiden Sie in den nächsten 24 Stunden intensives Training, damit Ihr Körper die Arbeit verarbeiten kann." \
    "Sanfte Bewegung und Dehnen helfen gegen den Muskelkater." \
    "Wenn der Schmerz anhält oder schlimmer wird, suchen Sie eine Fachperson auf."; do
	check "German aftercare: $line" grep -qxF "$end.000 $line" "$T/said-de2"
done
check "... and no English aftercare is said" sh -c '! grep -q "Drink some water" "$1"' - "$T/said-de2"

# An exercise counts its reps on their beat and names each later set; a
# rating at the ease-off level is answered aloud with the advice the
# screen shows.
REPS=3 SETS=2 RS=3 REST=10
cat > "$T/r/x.yaml" <<EOY
unknot: 1
id: x
title: Exercise test
steps:
  - exercise: {title: Chin tucks, reps: $REPS, sets: $SETS,
               rep_seconds: $RS, rest_seconds: $REST, setup: 0}
  - hold: {title: Trap, point: Top of the shoulder., seconds: 30,
           rate_every: 60, setup: 0}
EOY
{
	echo "0.000 Chin tucks."
	s=1
	while [ $s -le $SETS ]; do
		base=$(( (s - 1) * (REPS * RS + REST) ))
		[ $s -gt 1 ] && echo "$base.000 set $s of $SETS"
		k=1
		while [ $k -le $REPS ]; do
			echo "$((base + (k - 1) * RS)).000 $k"
			k=$((k + 1))
		done
		[ $s -lt $SETS ] && echo "$((base + REPS * RS)).000 rest before the next set"
		s=$((s + 1))
	done
} > "$T/want4"
cat > "$T/s4" <<'EOS'
prompt: How much does it hurt now => next
step_start: step 2 of 2, hold: Trap => 9
prompt: How do you feel now => next
EOS
"${PYTHON3:-python3}" "$top_srcdir/tests/drive.py" "$T/s4" -- \
    "$UNKNOT" --plain=events,voice --no-sound run x > "$T/o4" 2>&1
said_as "$T/want4" "$T/o4" "reps on their beat, each later set named"
advice=$(sed -n 's/^\[[0-9:]*\] advice: //p' "$T/o4" | head -n 1)
check "a rating of 9 is answered with the ease-off advice aloud" \
	test -n "$advice" -a "$(grep -c "say: [0-9.]* $advice\$" "$T/o4")" -ge 1

# The same in German: the sets and the rest in its words, and the
# ease-off advice said in German while the screen shows it in English.
sed 's/^title: Exercise test/&\nlanguage: de/; s/^id: x/id: xde/' \
    "$T/r/x.yaml" > "$T/r/xde.yaml"
sed -e "s/set \([0-9]\) of \([0-9]\)/Satz \1 von \2/" \
    -e "s/rest before the next set/Pause vor dem nächsten Satz/" \
    "$T/want4" > "$T/want4de"
"${PYTHON3:-python3}" "$top_srcdir/tests/drive.py" "$T/s4" -- \
    "$UNKNOT" --plain=events,voice --no-sound run xde > "$T/o4de" 2>&1
said_as "$T/want4de" "$T/o4de" \
    "German: each later set named, the rest announced, in German"
check "German: the ease-off advice is said in German" grep -q \
    "say: [0-9.]* Lassen Sie mit dem Druck nach, bis Sie frei atmen können\. Atmen Sie jetzt langsam aus und lassen Sie den Muskel locker\. Hier gilt nicht: ohne Schmerz kein Erfolg\.\$" \
    "$T/o4de"
check "... while the screen shows it in English" grep -q \
    "advice: Ease off the pressure" "$T/o4de"

# The symptom question after a 10 is said, in the engine's words, and so
# is the lighter advice after a "no".
cat > "$T/r/q.yaml" <<'EOY'
unknot: 1
id: q
title: Question test
steps:
  - hold: {title: Trap, point: Top of the shoulder., seconds: 20,
           rate_every: 60, setup: 0}
EOY
printf '\n10\nno\n\n' | "$UNKNOT" --plain=events,voice --no-sound run q \
    > "$T/oq" 2>&1
check "the symptom question is said aloud" \
	grep -q "say: [0-9.]* Any numbness, tingling, or shooting, burning pain?\$" "$T/oq"
lighter=$(sed -n 's/^\[[0-9:]*\] advice: //p' "$T/oq" | head -n 1)
check "... and the advice after the answer" \
	test -n "$lighter" -a "$(grep -c "say: [0-9.]* $lighter\$" "$T/oq")" -ge 1

# An exercise session hears the aftercare that fits it, no soreness talk.
cat > "$T/r/e.yaml" <<'EOY'
unknot: 1
id: e
title: Exercise only
steps:
  - exercise: {title: Chin tucks, reps: 2, sets: 1, rep_seconds: 2, setup: 0}
EOY
printf '\n\n' | "$UNKNOT" --plain=events,voice --no-sound run e > "$T/oe" 2>&1
sed -n 's/^\[[0-9:]*\] aftercare: //p' "$T/oe" > "$T/ae.want"
sed -n 's/^\[[0-9:]*\] say: [0-9.]* //p' "$T/oe" | grep -Fx -f "$T/ae.want" > "$T/ae.got"
check "an exercise session: the aftercare lines shown are said" \
	sh -c 'test -s "$1" && cmp -s "$1" "$2"' - "$T/ae.want" "$T/ae.got"
check "... and no soreness talk for pressure" \
	sh -c '! grep -q "say: .*Drink some water" "$1"' - "$T/oe"

# Without =voice, plain mode prints no utterance.
printf '\n\n' | "$UNKNOT" --plain=events --no-sound run v > "$T/o2" 2>&1
check "plain mode without =voice prints no utterance" \
	sh -c "! grep -q ' say: ' '$T/o2'"

# --voice takes on or off, nothing else.
"$UNKNOT" --voice maybe list > "$T/o3" 2>&1
is "$?" 2 "--voice maybe is a usage error"
grep -q "on' or 'off" "$T/o3"
ok $? "... that names what it takes"

# loudness FILE WHAT: by an independent meter, ffmpeg's ebur128 filter,
# the integrated loudness is -16 LUFS within 1 LU and the true peak at
# most -1 dBTP.
loudness() {
	if ! command -v ffmpeg >/dev/null 2>&1; then
		ok 0 "# SKIP ffmpeg is needed to measure loudness"
		return
	fi
	ffmpeg -hide_banner -nostats -i "$1" -af ebur128=peak=true \
	    -f null - > "$T/meter" 2>&1
	lufs=$(awk '/^ *I:/ { v = $2 } END { print v }' "$T/meter")
	peak=$(awk '/^ *Peak:/ { v = $2 } END { print v }' "$T/meter")
	check "$2: integrated loudness -16 LUFS within 1 LU ($lufs)" \
		awk "BEGIN { exit !(${lufs:-0} >= -17 && ${lufs:-0} <= -15) }"
	check "$2: true peak at most -1 dBTP ($peak)" \
		awk "BEGIN { exit !(${peak:-0} <= -1.0) }"
}

# The exported track speaks: the cue sheet lists "10 seconds left" 10 s
# before the warm-up ends, where no cue sounds (the warm-up's only cue is
# its start), and there the speech band carries energy, while a stretch
# of the warm-up with nothing to say stays silent.
if ! command -v sox >/dev/null 2>&1; then
	ok 0 "# SKIP sox is needed to look into the export"
elif [ -z "$voice" ]; then
	ok 0 "# SKIP built without a voice"
elif ! "$UNKNOT" export -o "$T/v.wav" --cues "$T/v.cues" v 2> "$T/e1"; then
	ok 1 "export with the voice"; sed 's/^/# /' "$T/e1"
else
	grep -q "^$((W - 10)).000 voice 1 10 seconds left\$" "$T/v.cues"
	ok $? "the cue sheet lists the utterance at its time"
	cues=$(awk '$2 != "voice" && $1 > 0 && $1 < '"$W"' { n++ } END { print n + 0 }' \
	    "$T/v.cues")
	is "$cues" 0 "no cue sounds inside the warm-up"
	band() {	# band START LENGTH: RMS dB of 300-3400 Hz there
		sox "$T/v.wav" -n trim "$1" "$2" sinc 300-3400 stats 2>&1 |
		    awk '/RMS lev dB/ { print ($4 == "-inf") ? -999 : int($4) }'
	}
	said=$(band "$((W - 10)).1" 0.5)
	quiet=$(band 5.0 0.5)
	check "speech energy where the cue sheet says ($said dB)" \
		test "$said" -gt -40
	check "silence where nothing is said ($quiet dB)" test "$quiet" -lt -70
	loudness "$T/v.wav" "with the voice"
fi

# --voice off: the export has no utterance; the cues alone, whose peaks
# stand far above their loudness, are limited to reach it all the same.
"$UNKNOT" --voice off export -o "$T/n.wav" --cues "$T/n.cues" v 2>/dev/null
check "--voice off exports no utterance" sh -c "test -s '$T/n.cues' && ! grep -q ' voice ' '$T/n.cues'"
loudness "$T/n.wav" "cues alone"

# A step's recorded clip replaces its title: a 500 Hz tone here, against
# speech, whose energy lies mostly above 1 kHz. A clip that is not there
# is reported by check at its position, and the export says the words
# instead, with a warning. (A clip outside the routine's directory and
# the sounds directories is refused by the loader: bad/voice-dotdot.yaml.)
mkdir -p "$T/r/clips"
if command -v sox >/dev/null 2>&1 && [ -n "$voice" ]; then
	sox -n -r 16000 -c 1 "$T/r/clips/warm.flac" synth 1.0 sine 500 gain -6
	cat > "$T/r/c.yaml" <<EOY
unknot: 1
id: c
title: Clip test
steps:
  - warmup: {title: Warm up, seconds: 20, voice: clips/warm.flac}
  - rest: {title: Rest, seconds: 15, voice: clips/missing.flac}
EOY
	want=$(grep -n "missing" "$T/r/c.yaml" | cut -d: -f1)
	"$UNKNOT" check "$T/r/c.yaml" > "$T/k" 2>&1
	is "$?" 2 "check reports a clip that is not there"
	check "... at its line" grep -q "c.yaml:$want:[0-9]*: error: step 2: voice: " "$T/k"
	"$UNKNOT" export -o "$T/c.wav" --cues "$T/c.cues" c 2> "$T/e2"
	check "the export warns of the clip it cannot use" \
		grep -q "saying step 2 instead" "$T/e2"
	printf '\n\n' | "$UNKNOT" --plain=events,voice --no-sound run c > "$T/o5" 2>&1
	check "--plain=voice names the clip said in the title's stead" \
		grep -q "say: [0-9.]* (clip clips/warm.flac) Warm up.\$" "$T/o5"
	check "the cue sheet names the clip" \
		grep -q "^0.000 voice 1 (clip clips/warm.flac) Warm up.\$" "$T/c.cues"
	bandc() {	# bandc START BAND: RMS dB of the band there
		sox "$T/c.wav" -n trim "$1" 0.5 sinc "$2" stats 2>&1 |
		    awk '/RMS lev dB/ { print ($4 == "-inf") ? -999 : int($4) }'
	}
	tone=$(bandc 0.1 450-550) high=$(bandc 0.1 1000-3400)
	check "the clip plays where the title would be ($tone dB at 500 Hz, $high dB above 1 kHz)" \
		test "$tone" -gt $((high + 6))
	high=$(bandc 20.1 1000-3400)
	check "the step whose clip was refused speaks ($high dB above 1 kHz)" \
		test "$high" -gt -45
fi

# The curses screen: the status line shows the voice while it speaks, v
# turns it off (and says so) and on again. In real time, with a warm-up
# long enough that the screen stays on it however slowly the program runs.
sed -e 's/^id: v$/id: vt/' -e "s/seconds: $W}/seconds: 600}/" "$T/r/v.yaml" > "$T/r/vt.yaml"
if [ -n "$voice" ] && pane_start "sh -c 'UNKNOT_TIME_SCALE=1 \"$UNKNOT\" --device file:$T/tui.wav run vt; echo done > $T/tui.status; sleep 60'"; then
	pane_wait "Enter" && pane Enter
	pane_wait "Warm up"
	pane_until sh -c "tmux -S '$PANE_SOCK' capture-pane -p -t t | tail -n 3 | grep -q 'vol [0-9]*% voice'"
	check "the status line shows the voice" sh -c "tmux -S '$PANE_SOCK' capture-pane -p -t t | tail -n 3 | grep -q 'vol [0-9]*% voice'"
	pane v
	pane_wait "voice off"
	check "v turns the voice off, and says so" sh -c "tmux -S '$PANE_SOCK' capture-pane -p -t t | grep -q 'voice off'"
	check "... and the status line no longer shows it" sh -c "! tmux -S '$PANE_SOCK' capture-pane -p -t t | grep -q '% voice'"
	pane v
	pane_wait "voice on"
	check "v again turns it on" sh -c "tmux -S '$PANE_SOCK' capture-pane -p -t t | grep -q 'voice on'"
	pane q
	pane y
	pane_stop
fi

# A routine in another language is spoken by espeak-ng (flite speaks only
# English): its title is heard; a language no backend speaks leaves the
# export in tones, with a warning that names the language.
if [ -n "$voice" ] && command -v sox >/dev/null 2>&1 &&
    "$UNKNOT" --version | grep -q '^  voice: .*espeak-ng'; then
	cat > "$T/r/de.yaml" <<EOY
unknot: 1
id: de
title: Deutsch
language: de
steps:
  - warmup: {title: Aufwärmen, seconds: 20}
EOY
	"$UNKNOT" export -o "$T/de.wav" --cues "$T/de.cues" de 2> "$T/e3"
	check "a German routine is spoken" grep -q "^0.000 voice 1 Aufwärmen.\$" "$T/de.cues"
	de=$(sox "$T/de.wav" -n trim 0.1 0.5 sinc 300-3400 stats 2>&1 |
	    awk '/RMS lev dB/ { print ($4 == "-inf") ? -999 : int($4) }')
	check "... and heard ($de dB)" test "$de" -gt -40
	sed 's/language: de/language: tlh/; s/id: de/id: tlh/' "$T/r/de.yaml" > "$T/r/tlh.yaml"
	"$UNKNOT" export -o "$T/tlh.wav" --cues "$T/tlh.cues" tlh 2> "$T/e4"
	check "a language no voice speaks: a warning names it" grep -q "voice off: .*'tlh'" "$T/e4"
	check "... and the track has no utterance" sh -c "! grep -q ' voice ' '$T/tlh.cues'"
	# Italian: espeak-ng speaks it, but there are no fixed words for it.
	sed 's/language: de/language: it/; s/id: de/id: it/' "$T/r/de.yaml" > "$T/r/it.yaml"
	"$UNKNOT" export -o "$T/it.wav" --cues "$T/it.cues" it 2> "$T/e5"
	check "a language without fixed words: a warning says they are English" \
		grep -q "warning: the voice has no words of its own for 'it' (it has en de fr es)" "$T/e5"
fi

# The config key: voice: false silences it, --voice on overrides that.
mkdir -p "$XDG_CONFIG_HOME/unknot"
printf 'voice: false\n' > "$XDG_CONFIG_HOME/unknot/config.yaml"
"$UNKNOT" export -o "$T/cfg.wav" --cues "$T/cfg.cues" v 2>/dev/null
check "voice: false in the config: no utterance" \
	sh -c "test -s '$T/cfg.cues' && ! grep -q ' voice ' '$T/cfg.cues'"
if [ -n "$voice" ]; then
	"$UNKNOT" --voice on export -o "$T/d.wav" --cues "$T/d.cues" v 2>/dev/null
	check "--voice on wins over the config" \
		grep -q " voice 1 Warm up.\$" "$T/d.cues"
fi
rm -f "$XDG_CONFIG_HOME/unknot/config.yaml"

done_testing
