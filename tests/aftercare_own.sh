#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# aftercare_own.sh: a routine's replace_aftercare says its own lines
# instead of the standard aftercare of the kind of session that was done,
# end to end in plain mode, with its `aftercare` lines after them; the
# record is that of any session; the sheet and the handout show it; a
# replacement for a kind the routine cannot end with is an error.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/plain_lib.sh"
cat > "$T/r/own.yaml" <<'EOY'
unknot: 1
id: own
title: Own aftercare
safety: ["Stop on numbness or tingling."]
discomfort: {target: [4, 7]}
steps:
  - warmup: {text: Broad strokes., seconds: 10}
  - hold: {title: Spot, point: The spot., seconds: 10, setup: 0}
  - release: {text: Soft strokes., seconds: 10}
  - breathe: {pattern: slow, cycles: 1}
replace_aftercare:
  pressure:
    - Ice the area tonight; no stretching today.
    - Call me if it still hurts on Friday.
  breathing:
    - Breathe like this at bedtime.
aftercare:
  - See you Thursday.
EOY
# aftercare FILE: the aftercare lines a session printed, one a line.
aftercare() {
	sed -n 's/^\[[0-9:]*\] aftercare: //p' "$1"
}

printf 'next\n' | "$UNKNOT" run --plain=events --no-sound own > "$T/o1"
is "$(aftercare "$T/o1")" "Ice the area tonight; no stretching today.
Call me if it still hurts on Friday.
See you Thursday." "the hold done: the routine's pressure lines, then its own added line"
check "... and none of the standard ones" sh -c \
    '! grep -q "Drink some water\|Avoid intense exercise" "$1"' - "$T/o1"

# The warm-up and the hold skipped: the session did breathing only, and gets the
# routine's breathing lines, not its pressure ones.
printf 'next\ns\ns\n' | "$UNKNOT" run --plain=events --no-sound own > "$T/o2"
is "$(aftercare "$T/o2")" "Breathe like this at bedtime.
See you Thursday." "the hold skipped: the routine's breathing lines instead"

# A kind it does not replace keeps the standard lines: a routine with
# only its breathing close replaced still gets the pressure aftercare.
sed '/^  pressure:/,/^    - Call me/d' "$T/r/own.yaml" > "$T/r/own2.yaml"
sed -i 's/^id: own$/id: own2/' "$T/r/own2.yaml"
printf 'next\n' | "$UNKNOT" run --plain=events --no-sound own2 > "$T/o3"
is "$(aftercare "$T/o3" | head -n 1)" "Drink some water: it supports the tissue's recovery." \
    "pressure not replaced: the standard lines first"
is "$(aftercare "$T/o3" | tail -n 1)" "See you Thursday." "... then the added one"

# The record: the session is recorded as any other, completed.
is "$("$UNKNOT" history --json | "$PY" -c '
import json, sys
s = json.load(sys.stdin)["sessions"]
print(" ".join("%s:%s" % (x["routine_id"], x["outcome"]) for x in
    sorted(s, key=lambda x: x["id"])))')" "own:completed own:partial own2:completed" \
    "the record: outcomes as for any session"

# The handout and the sheet show the routine's pressure lines.
"$UNKNOT" show --format markdown own > "$T/own.md"
is "$(sed -n '/^## Afterwards/,$p' "$T/own.md" | sed -n 's/^- //p')" \
    "Ice the area tonight; no stretching today.
Call me if it still hurts on Friday.
See you Thursday." "handout: the routine's own aftercare"
"$UNKNOT" sheet own -o "$T/own.html" 2>/dev/null
check "sheet: the routine's own aftercare, not the standard" sh -c \
    'grep -q "Ice the area tonight" "$1" && ! grep -q "Drink some water" "$1"' \
    - "$T/own.html"

# Check-ins of the routine's own, replacing the standard ones: a session
# at the real pace (a rehearsal would not count), then the calendar.
cat > "$T/r/ck.yaml" <<'EOY'
unknot: 1
id: ck
title: Own checks
steps:
  - hold: {title: Spot, point: The spot., seconds: 5, setup: 0}
checkins:
  - {hours: 6, text: "Ice the area now, ten minutes."}
  - {hours: 72, text: "How is it three days on?"}
standard_checkins: false
EOY
printf 'next\n\n' | UNKNOT_TIME_SCALE=1 "$UNKNOT" run --plain=events --no-sound ck > "$T/o4"
# The end of the session, as the history has it, and the times the
# check-ins must have: computed here, 6 h and 72 h on.
end=$("$UNKNOT" history --json | "$PY" -c '
import json, sys, calendar, time
s = [x for x in json.load(sys.stdin)["sessions"] if x["routine_id"] == "ck"][-1]
print(calendar.timegm(time.strptime(s["end"], "%Y-%m-%dT%H:%M:%SZ")))')
want=$(for h in 6 72; do date -u -d "@$((end + h * 3600))" '+DTSTART:%Y%m%dT%H%M%SZ'; done)
"$UNKNOT" remind --ics - > "$T/ck.ics"
is "$(tr -d '\r' < "$T/ck.ics" | grep -A3 '^BEGIN:VEVENT' | grep '^DTSTART' | tail -n 2)" "$want" \
    "remind --ics: the routine's own check-ins, 6 h and 72 h after the session"
check "... named as check-ins, saying the routine's words" sh -c \
    'tr -d "\r" < "$1" | grep -q "^SUMMARY:Check-in: Own checks" &&
     tr -d "\r" < "$1" | grep -q "^DESCRIPTION:How is it three days on?"' - "$T/ck.ics"
check "... instead of the standard water and soreness check-ins" sh -c \
    '! grep -q "Soreness check\|Drink a glass" "$1"' - "$T/ck.ics"
is "$(UNKNOT_NOW=$((end + 7 * 3600)) "$UNKNOT" remind | grep -c "Own checks): Ice the area now, ten minutes.")" 1 \
    "remind, 7 h on: the 6 h check-in"
check "... and no soreness line" sh -c \
    '! UNKNOT_NOW=$1 "$2" remind | grep -q "drink plenty of water"' - $((end + 7 * 3600)) "$UNKNOT"
# Without standard_checkins: false, the standard ones come too.
sed -i '/^standard_checkins/d' "$T/r/ck.yaml"
"$UNKNOT" remind --ics - > "$T/ck2.ics"
check "checkins alone add to the standard check-ins" sh -c \
    'grep -q "Soreness check (24 h)" "$1" && grep -q "Check-in: Own checks" "$1"' - "$T/ck2.ics"

# A replacement for a kind the routine cannot end with.
cat > "$T/bad.yaml" <<'EOY'
unknot: 1
id: bad
title: Bad
steps:
  - breathe: {pattern: slow, cycles: 2}
replace_aftercare:
  exercise: [Stretch your calves.]
EOY
out=$("$UNKNOT" check "$T/bad.yaml" 2>&1)
is "$?:$out" "2:$T/bad.yaml:7:13: error: 'exercise' replaces the aftercare of a session with exercise steps done, and this routine has no exercise step" \
    "check: replace_aftercare for exercises without one is an error at its place"
done_testing
