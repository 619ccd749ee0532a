#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check_corpus.sh: every broken routine under tests/bad gets exactly the
# diagnostic in its .expect file (line 2 on) and exit status 2; every good
# fixture and every bundled routine checks clean and silent; and the bundled
# routines that press on points (any hold step) follow the clinical rules
# below, read from what `unknot show` prints of them.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

cd "$top_srcdir/tests" || exit 1
for f in bad/*.yaml; do
	name=${f%.yaml}
	out=$("$UNKNOT" check "$f" 2>&1)
	rc=$?
	want=$(sed 1d "$name.expect")
	is "$rc" 2 "$name: exit status 2"
	is "$out" "$want" "$name: diagnostic"
done
n=$(ls bad/*.yaml | wc -l)
check "at least 30 broken fixtures ($n)" test "$n" -ge 30

for f in good/*.yaml "$top_srcdir"/routines/*.yaml; do
	[ -f "$f" ] || continue
	out=$("$UNKNOT" check "$f" 2>&1)
	rc=$?
	is "$rc:$out" "0:" "clean: $(basename "$f")"
done

# section TITLE: the lines of one list in `unknot show` output ("Safety:",
# "Aftercare:"), joined, in lower case.
section() {
	printf '%s\n' "$shown" | sed -n "/^$1:\$/,/^\$/p" | tr '\n' ' ' |
	    tr 'A-Z' 'a-z'
}

# Rule 9: what a pressure routine's safety notes must name, as extended
# regular expressions: blood thinners or a bleeding disorder, reduced
# feeling where a rating cannot protect, fever, infection or acute
# inflammation, cancer under treatment, pregnancy, osteoporosis, and who to
# ask first.
rule9='blood thinner
bleeding disorder
(reduced|less|lost) feeling|feeling is reduced
neuropathy
fever
infection
inflam
cancer
pregnan
osteoporosis
ask your (clinician|doctor)'

pressure=0
for f in "$top_srcdir"/routines/*.yaml; do
	id=$(basename "$f" .yaml)
	shown=$("$UNKNOT" show "$f" 2>&1) || { ok 1 "show $id"; continue; }
	printf '%s\n' "$shown" | grep -Eq '^ *[0-9]+\. hold ' || continue
	pressure=$((pressure + 1))
	safety=$(section Safety)
	missing=$(printf '%s\n' "$rule9" | while IFS= read -r re; do
		printf '%s\n' "$safety" | grep -Eq "$re" || printf '[%s] ' "$re"
	done)
	is "$missing" "" "rule 9: $id: the safety notes name every precaution"
	# Rule 10: pressure at most every other day. remind.c spaces sessions
	# a week / per_week apart (3 a week: days 0, 2, 5; 4 a week already
	# puts two on consecutive days, inside the 24-48 h of soreness).
	n=$(printf '%s\n' "$shown" | sed -n 's/^Frequency: \([0-9]*\) times a week.*/\1/p')
	check "rule 10: $id: pressure at most every other day (${n:-no} times a week)" \
	    test "${n:-0}" -le 3
	# Rule 17: leave a point alone while it is still sore.
	check "rule 17: $id: says not to rework a point still sore" sh -c \
	    'printf "%s\n" "$1" | grep -Eq "still (sore|tender)"' - \
	    "$(section Safety) $(section Aftercare)"
done
check "the rules saw the pressure routines ($pressure)" test "$pressure" -ge 12
done_testing
