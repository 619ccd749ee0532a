#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# corpus.sh: make the seed corpora for the fuzz targets from the sources,
# so they never go stale: routines from tests/bad, tests/good and the
# bundled routines; configs from tests/config and written out for every
# key and a few broken ones, plus the routines (YAML all the same); plain
# input from the words in src/plain.c, as lines and as what stdin brings.
# usage: fuzz/corpus.sh SRCDIR OUTDIR [MAX_BYTES]
set -eu
src=${1:?usage: corpus.sh SRCDIR OUTDIR [MAX_BYTES]}
out=${2:?usage: corpus.sh SRCDIR OUTDIR [MAX_BYTES]}
max=${3:-65536}
mkdir -p "$out/routine" "$out/settings" "$out/plain" "$out/stdin"

# seed DIR NAME FILE: copy FILE in unless it is larger than max.
seed() {
	[ "$(wc -c <"$3")" -le "$max" ] || return 0
	cp "$3" "$1/$2"
}

n=0
for f in "$src"/tests/bad/*.yaml "$src"/tests/good/*.yaml \
    "$src"/routines/*.yaml; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	d=$(basename "$(dirname "$f")")
	seed "$out/routine" "$d-$(basename "$f")" "$f"
	seed "$out/settings" "$d-$(basename "$f")" "$f"
done
[ "$n" -gt 0 ] || { echo "corpus.sh: no routines under $src" >&2; exit 1; }

# Configs: the fixtures of tests/settings.sh, every key with a good value,
# one key at a time, and more broken ones.
s=$out/settings
for f in "$src"/tests/config/*.yaml; do
	[ -f "$f" ] || { echo "corpus.sh: no configs under $src" >&2; exit 1; }
	seed "$s" "config-$(basename "$f")" "$f"
done
printf 'volume: 40\nsound: false\ndevice: "hw:1,0"\ndiscomfort:\n  target: [3, 6]\n  ease_off_at: 7\ncolor: false\nanimation: true\ntime_format: 12h\n' >"$s/all"
printf 'volume: 100\n' >"$s/volume"
printf 'sound: true\n' >"$s/sound"
printf 'device: pulse\n' >"$s/device"
printf 'discomfort: {target: [4, 10]}\n' >"$s/discomfort-flow"
printf 'color: true\n' >"$s/color"
printf 'animation: false\n' >"$s/animation"
printf 'time_format: 24h\n' >"$s/time-format"
printf 'voice_countdown: three\n' >"$s/voice-countdown"
printf '# nothing\n' >"$s/comment"
printf 'discomfort: {target: [7, 3], ease_off_at: 2}\n' >"$s/broken-range"
printf 'device: "\\e[2J"\n' >"$s/broken-escape"
printf -- '- volume\n' >"$s/broken-list"

# Plain input: every word the parser knows, its ratings, and noise.
p=$out/plain
words=$(sed -n 's/^[[:space:]]*{ "\([^"]*\)", FE_.*/\1/p' "$src/src/plain.c")
[ -n "$words" ] || { echo "corpus.sh: no words in $src/src/plain.c" >&2; exit 1; }
for w in $words; do
	printf '%s' "$w" >"$p/word-$(printf '%s' "$w" | od -An -tx1 | tr -d ' \n')"
	printf '  %s\r' "$w" | tr 'a-z' 'A-Z' >"$p/upper-$(printf '%s' "$w" | od -An -tx1 | tr -d ' \n')"
done
for i in 0 1 2 3 4 5 6 7 8 9 10 11 010 -1; do
	printf '%s' "$i" >"$p/rating-$i"
done
printf '' >"$p/empty"
printf 'what now' >"$p/noise"
printf 'b\000junk' >"$p/nul"

# stdin: the first byte says how the rest arrives (see stdin-fuzzer.c: the
# read sizes, reads that find nothing, an error at the end), the rest is
# what a person or a script types: every word a line, a session, CR LF,
# a partial last line, lines just short of and over the limit, NULs, more
# lines than one read's worth of inputs, nothing at all.
i=$out/stdin
# runs N C: N bytes of C.
runs() { head -c "$1" /dev/zero | tr '\0' "$2"; }
for h in 000 001 011 031 041; do
	{ printf "\\$h"; printf '%s\n' $words; } >"$i/words-$h"
done
printf '\001next\n7\nbracing\n5\nrelease\nskip\nprev\npause\nresume\n' >"$i/session"
printf 'extend\nlouder\nsofter\nmute\nquit\n' >>"$i/session"
printf '\001 7 \r\nNEXT\t\r\n\r\n' >"$i/crlf"
printf '\000next\n7' >"$i/partial"
printf '\041quit' >"$i/partial-error"
{ printf '\001'; runs 255 a; printf '\nnext\n'; } >"$i/longest"
{ printf '\001'; runs 256 a; printf '\nnext\n'; } >"$i/too-long"
{ printf '\002'; runs 600 x; printf '\n7\n'; } >"$i/too-long-twice"
{ printf '\000'; runs 300 y; } >"$i/too-long-at-end"
printf '\001b\000junk\n\000\n7\000\n7\n' >"$i/nul"
{ printf '\001'; runs 100 '\n'; } >"$i/enters"
{ printf '\001'; yes 7 | head -n 100; } >"$i/ratings"
printf '\000' >"$i/empty"
echo "corpus.sh: $(ls "$out/routine" | wc -l) routine, $(ls "$s" | wc -l) settings, $(ls "$p" | wc -l) plain, $(ls "$i" | wc -l) stdin seeds in $out"
