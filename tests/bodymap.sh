#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bodymap.sh: every hold of every bundled routine has a place on the body
# map, and its figure at 20x16 and 10x8 has the marker inside the outline
# on the side of the body that runs (tests/bodymap.py computes the outline
# itself from the table in src/bodymap.c).
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

py=${PYTHON3:-python3}
[ "$py" = : ] && py=python3
"$py" -c 'import yaml' 2>/dev/null || skip_all "python3 with yaml is not available"

dump="$top_builddir/tests/bodymap_dump"
set -- "$top_srcdir"/routines/*.yaml
"$dump" "$@" > "$T/dump"
ok $? "bodymap_dump loads every bundled routine"
n=$(grep -c '^FIGURE' "$T/dump")
check "figures drawn ($n)" test "$n" -ge 100

"$py" "$top_srcdir/tests/bodymap.py" "$top_srcdir/src/bodymap.c" "$T/dump" \
	"$@" > "$T/result" 2>&1 || { ok 1 "bodymap.py ran"; diag "$(tail -n 5 "$T/result")"; }
pass_fail "$T/result"

# The checker can fail: the right side's figure passed off as the left
# side's, and a marker moved off the body, are both caught.
rt="$top_srcdir/routines/upper-trapezius.yaml"
awk '/^FIGURE/ { f = index($0, "upper-trapezius.yaml 3 2 back 20 16") > 0 } f' \
	"$T/dump" > "$T/right"
sed '1s/ 3 2 back / 3 1 back /' "$T/right" > "$T/swapped"
"$py" "$top_srcdir/tests/bodymap.py" "$top_srcdir/src/bodymap.c" \
	"$T/swapped" "$rt" > "$T/bad" 2>&1
check "the right side's figure checked as the left fails" \
	grep -q '^FAIL .*wrong side' "$T/bad"
sed '2,$s/\xe2\x97\x8f/ /; 12s/^ /\xe2\x97\x8f/' "$T/right" > "$T/moved"
"$py" "$top_srcdir/tests/bodymap.py" "$top_srcdir/src/bodymap.c" \
	"$T/moved" "$rt" > "$T/bad" 2>&1
check "a marker off the body fails" grep -q '^FAIL .*outside the outline' "$T/bad"

# Plain mode says the region in words for the side that runs: from the
# back the left shoulder is on the left of the figure (x < 0.5), from the
# front the left of the chest is on the right (x > 0.5).
mkdir -p "$T/r"
cat > "$T/r/w.yaml" <<'EOY'
unknot: 1
id: w
title: W
steps:
  - hold:
      title: Shoulder
      point: Top of the shoulder.
      where: {view: back, x: 0.37, y: 0.205}
      seconds: 10
      sides: [left, right]
  - hold:
      title: Chest
      point: Below the front of the shoulder.
      where: {view: front, x: 0.64, y: 0.26}
      seconds: 10
      sides: [left, right]
EOY
printf '' | UNKNOT_PATH="$T/r" UNKNOT_TIME_SCALE=20 \
	ALSA_CONFIG_PATH="$T/asound-none.conf" \
	"$UNKNOT" run --plain=events --no-sound w > "$T/plain" 2>&1
got=$(sed -n 's/^\[[0-9:]*\] where: //p' "$T/plain")
is "$got" "top of the shoulder, left side (back view)
top of the shoulder, right side (back view)
chest, left side (front view)
chest, right side (front view)" "plain mode says where, side by side"
# In words (the default), the line says what it is, as the point does.
printf '' | UNKNOT_PATH="$T/r" UNKNOT_TIME_SCALE=20 \
	ALSA_CONFIG_PATH="$T/asound-none.conf" \
	"$UNKNOT" run --plain --no-sound w > "$T/words" 2>&1
is "$(grep -c '^Where: top of the shoulder, left side (back view)$' \
    "$T/words")" 1 "in words: 'Where:' and the place"

"$UNKNOT" show upper-trapezius > "$T/show"
ok $? "show upper-trapezius"
is "$(grep -c '^      L       back       R$' "$T/show")" 2 \
	"show prints a back-view figure for each of the two points"
check "show says where in words" grep -q \
	'^      Where: top of the shoulder, right side (back view)$' "$T/show"
done_testing
