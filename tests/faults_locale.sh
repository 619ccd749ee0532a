#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# faults_locale.sh: a decimal-comma locale changes nothing that is a number.
# A de_DE.UTF-8 locale is generated into the test directory (localedef), and
# a routine with fractional breathing phases is checked, shown and run, and
# every report format written, under it and under C.UTF-8: files, JSON, CSV
# and the calendar must be byte-identical, the JSON must load, and the
# fractions must be the ones written in the file.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

command -v localedef >/dev/null 2>&1 || skip_all "localedef is missing"
[ -r /usr/share/i18n/locales/de_DE ] ||
	skip_all "no de_DE locale source (the locales package)"
PY=${PYTHON3:-python3}
[ "$PY" != ":" ] && command -v "$PY" >/dev/null 2>&1 ||
	skip_all "python3 is needed"
mkdir -p "$T/locale"
localedef -i de_DE -f UTF-8 "$T/locale/de_DE.UTF-8" >"$T/localedef.out" 2>&1
# The generated locale really writes 3,5: else nothing here could fail.
point=$(LOCPATH="$T/locale" LC_ALL=de_DE.UTF-8 "$PY" -c 'import locale
locale.setlocale(locale.LC_ALL, "")
print(locale.localeconv()["decimal_point"])' 2>/dev/null)
[ "$point" = "," ] ||
	skip_all "de_DE.UTF-8 could not be generated: $(head -n 1 "$T/localedef.out")"

export ALSA_CONFIG_PATH="$T/asound-none.conf"

# de CMD...: run CMD under the generated de_DE.UTF-8.
de() {
	env LOCPATH="$T/locale" LC_ALL=de_DE.UTF-8 "$@"
}

# both NAME CMD...: run CMD under C.UTF-8 into $T/NAME.c and under
# de_DE.UTF-8 into $T/NAME.de (stdout; stderr to .err), each exit status in
# $T/NAME.st.
both() {
	name=$1; shift
	LC_ALL=C.UTF-8 "$@" >"$T/$name.c" 2>"$T/$name.c.err"
	c=$?
	de "$@" >"$T/$name.de" 2>"$T/$name.de.err"
	echo "$c $?" > "$T/$name.st"
}

# same NAME WHAT: the two outputs of NAME are byte-identical and both exit 0.
same() {
	is "$(cat "$T/$1.st")" "0 0" "$2: exits 0 in both locales"
	if cmp -s "$T/$1.c" "$T/$1.de"; then
		ok 0 "$2: de_DE.UTF-8 writes what C.UTF-8 writes"
	else
		ok 1 "$2: de_DE.UTF-8 writes what C.UTF-8 writes"
		diff "$T/$1.c" "$T/$1.de" | head -n 6 | sed 's/^/# /'
	fi
}

# A routine whose phases are fractions: 1.5 + 3.5 + 2.5 = 7.5 s a cycle.
cat > "$T/frac.yaml" <<'EOY'
unknot: 1
id: frac
title: Fractions
patterns:
  - {name: frac, inhale: 1.5, hold_in: 3.5, exhale: 2.5}
steps:
  - breathe: {title: Breathe, pattern: frac, cycles: 2}
EOY

both check "$UNKNOT" check "$T/frac.yaml"
same check "check of a routine with 3.5"
is "$(cat "$T/check.de" "$T/check.de.err")" "" "check under de_DE: clean"

both show "$UNKNOT" show "$T/frac.yaml"
same show "show of a routine with 3.5"
# Two cycles of 7.5 s: 15 s, "0:15".
check "show under de_DE: two cycles of 7.5 s are 0:15" \
	grep -q "0:15 long" "$T/show.de"

# A session in plain mode with the breathing phases printed, and a
# fractional time scale. The lines that do not depend on when the loop
# woke up are compared. Its history goes elsewhere.
both run env XDG_DATA_HOME="$T/rundata" UNKNOT_TIME_SCALE=40.5 \
	"$UNKNOT" --no-sound run --plain=events,breath "$T/frac.yaml" </dev/null
for l in c de; do
	sed -n 's/^\[[0-9:]*\] \(breath\|step_end\|finish\|routine\): //p' \
		"$T/run.$l" > "$T/run.$l.lines"
done
is "$(cat "$T/run.st")" "0 0" \
	"run --plain=breath, UNKNOT_TIME_SCALE=40.5: exits 0 in both locales"
is "$(cat "$T/run.de.err")" "" "run under de_DE: the time scale is accepted"
is "$(cat "$T/run.de.lines")" "Fractions (frac), 15 seconds
inhale for 1.5 s
hold_in for 3.5 s
exhale for 2.5 s
inhale for 1.5 s
hold_in for 3.5 s
exhale for 2.5 s
step 1 after 15.0 s: done
completed" "run under de_DE: phases of 1.5, 3.5 and 2.5 s"
is "$(cat "$T/run.de.lines")" "$(cat "$T/run.c.lines")" \
	"run: the same lines in both locales"

# Every report format over a history with fractional averages (5.7).
DB="$XDG_DATA_HOME/unknot/history.db"
mkdir -p "$XDG_DATA_HOME/unknot" "$T/routines"
"$top_builddir/tests/test_report" --make-history "$DB" \
	"$T/routines/test-points.yaml" ||
	{ echo "Bail out! no history could be made"; exit 1; }
export UNKNOT_PATH="$T/routines" UNKNOT_NOW=$((1735725600 + 12 * 86400))
for fmt in text markdown csv json; do
	both "report-$fmt" "$UNKNOT" report --format "$fmt"
	same "report-$fmt" "report --format $fmt"
done
check "report text under de_DE: the average as 5.7" \
	grep -q "discomfort avg 5.7," "$T/report-text.de"
"$PY" -c 'import json, sys
r = json.load(open(sys.argv[1]))
t = [x for x in r["routines"] if x["id"] == "test-points"]
p = t[0]["points"][0]
assert p["avg"] == 5.7, p["avg"]' "$T/report-json.de"
ok $? "report json under de_DE: valid JSON, avg 5.7"
LC_ALL=C.UTF-8 "$UNKNOT" report --format json -o "$T/report-file.c"
c=$?
de "$UNKNOT" report --format json -o "$T/report-file.de"
echo "$c $?" > "$T/report-file.st"
same report-file "report --format json -o FILE"
both history "$UNKNOT" history
same history "history"
both history-json "$UNKNOT" history --json
same history-json "history --json"
"$PY" -c 'import json, sys; json.load(open(sys.argv[1]))' \
	"$T/history-json.de"
ok $? "history --json under de_DE: valid JSON"
both ics env UNKNOT_NOW=$((1735725600 + 9 * 86400 + 3600)) \
	"$UNKNOT" remind --ics -
same ics "remind --ics"

done_testing
