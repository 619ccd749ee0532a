#!/bin/sh
# corpus.sh: make the seed corpora for the fuzz targets from the sources,
# so they never go stale: routines from tests/bad, tests/good and the
# bundled routines; configs written out for every key and a few broken
# ones, plus the routines (YAML all the same); plain input from the words
# in src/plain.c.
# usage: fuzz/corpus.sh SRCDIR OUTDIR [MAX_BYTES]
set -eu
src=${1:?usage: corpus.sh SRCDIR OUTDIR [MAX_BYTES]}
out=${2:?usage: corpus.sh SRCDIR OUTDIR [MAX_BYTES]}
max=${3:-65536}
mkdir -p "$out/routine" "$out/settings" "$out/plain"

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

# Configs: every key with a good value, one key at a time, and broken ones.
s=$out/settings
printf 'volume: 40\nsound: false\ndevice: "hw:1,0"\ndiscomfort:\n  target: [3, 6]\n  ease_off_at: 7\ncolor: false\nanimation: true\ntime_format: 12h\n' >"$s/all"
printf 'volume: 100\n' >"$s/volume"
printf 'sound: true\n' >"$s/sound"
printf 'device: pulse\n' >"$s/device"
printf 'discomfort: {target: [4, 10]}\n' >"$s/discomfort-flow"
printf 'color: true\n' >"$s/color"
printf 'animation: false\n' >"$s/animation"
printf 'time_format: 24h\n' >"$s/time-format"
printf '# nothing\n' >"$s/comment"
printf 'volume: 150\nsound: yes\ncolour: true\n' >"$s/broken-keys"
printf 'discomfort: {target: [7, 3], ease_off_at: 2}\n' >"$s/broken-range"
printf 'device: "\\e[2J"\n' >"$s/broken-escape"
printf -- '- volume\n' >"$s/broken-list"

# Plain input: every word the parser knows, its ratings, and noise.
p=$out/plain
sed -n 's/^[[:space:]]*{ "\([^"]*\)", FE_.*/\1/p' "$src/src/plain.c" |
while read -r w; do
	printf '%s' "$w" >"$p/word-$(printf '%s' "$w" | od -An -tx1 | tr -d ' \n')"
	printf '  %s\r' "$w" | tr 'a-z' 'A-Z' >"$p/upper-$(printf '%s' "$w" | od -An -tx1 | tr -d ' \n')"
done
for i in 0 1 2 3 4 5 6 7 8 9 10 11 010 -1; do
	printf '%s' "$i" >"$p/rating-$i"
done
printf '' >"$p/empty"
printf 'what now' >"$p/noise"
echo "corpus.sh: $(ls "$out/routine" | wc -l) routine, $(ls "$s" | wc -l) settings, $(ls "$p" | wc -l) plain seeds in $out"
