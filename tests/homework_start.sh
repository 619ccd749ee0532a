#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# homework_start.sh: homework with a start date (`frequency: {start:
# YYYY-MM-DD}`) is due from that day, not from the day the file was put in
# the data directory: in `remind`, `remind --ics` and the routine picker;
# a date that is not one is an error with its position.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
export UNKNOT_PATH="$T/none"
D="$XDG_DATA_HOME/unknot/routines"
mkdir -p "$D"
# hw YAML-FREQUENCY: the homework routine with that frequency.
hw() {
	cat > "$D/hw.yaml" <<EOY
unknot: 1
id: hw
title: Homework
frequency: $1
steps:
  - hold: {title: Spot, point: The spot., seconds: 20}
EOY
	touch -d '2026-12-05 09:30:00 UTC' "$D/hw.yaml"
}
# The clock of the tests: Sunday 6 December 2026, noon (UTC).
now=$(date -u -d '2026-12-06 12:00:00' +%s)
export UNKNOT_NOW=$now

# A start ahead: not due yet; remind says when it will be.
hw '{per_week: 2, weeks: 3, start: 2026-12-10}'
day=$(date -u -d 2026-12-10 '+%a %-d %b')
is "$("$UNKNOT" remind)" "Homework: first session due $day (2 per week, session 1 of 6). Start it then with 'unknot run hw'." \
    "remind: a start ahead is when the first session is due ($day)"
"$UNKNOT" remind --ics "$T/a.ics"
is "$?" 0 "remind --ics with a start ahead: exit 0"
# Six sessions, 2 a week from the start day, at the time of day the file
# was put there (09:30): days 0, 4, 7, 11, 14, 18 after the start.
want=$(for d in 0 4 7 11 14 18; do
	date -u -d "2026-12-10 09:30 UTC + $d days" '+DTSTART:%Y%m%dT%H%M%SZ'
done)
got=$(tr -d '\r' < "$T/a.ics" | awk '/^BEGIN:VEVENT/ { e = 1 }
    e && /^DTSTART:/ { print; e = 0 }')
is "$got" "$want" "remind --ics: the six sessions start on the start day"

# A start behind: overdue since then, not since the file's day.
hw '{per_week: 2, weeks: 3, start: 2026-12-01}'
day=$(date -u -d 2026-12-01 '+%a %-d %b')
is "$("$UNKNOT" remind)" "Homework: next session overdue since $day (5 days; 2 per week, session 1 of 6). Start it with 'unknot run hw'." \
    "remind: overdue since the start date ($day)"

# The picker starts on the homework due longest ago: hx, put there on
# 3 December, comes after hw, due since 1 December (its file is of the 5th).
sed 's/^id: hw/id: hx/; s/^title: Homework/title: Another/;
    s/, start: [0-9-]*//' "$D/hw.yaml" > "$D/hx.yaml"
touch -d '2026-12-03 09:00:00 UTC' "$D/hx.yaml"
out=$(echo q | "$UNKNOT" --no-sound run --plain 2>&1)
check "picker: the homework due since its start date is the default" sh -c \
    'printf "%s\n" "$1" | grep -q "Enter alone for [0-9]* (Homework)"' - "$out"
# ... and one whose start is ahead is not due: the other one is.
hw '{per_week: 2, weeks: 3, start: 2026-12-10}'
out=$(echo q | "$UNKNOT" --no-sound run --plain 2>&1)
check "picker: homework starting later is not the default" sh -c \
    'printf "%s\n" "$1" | grep -q "Enter alone for [0-9]* (Another)"' - "$out"

# Dates that are not days of the calendar: an error at the value, line 4
# (frequency:), the column after the text before it.
col=$(( $(printf '%s' 'frequency: {per_week: 2, start: ' | wc -c) + 1 ))
for bad in 2026-02-29 2026-13-01 2026-12-7 tomorrow 1999-12-31; do
	hw "{per_week: 2, start: $bad}"
	out=$("$UNKNOT" check "$D/hw.yaml" 2>&1)
	is "$?:$out" "2:$D/hw.yaml:4:$col: error: 'start' must be the first day of the prescription as YYYY-MM-DD, like 2026-12-07, not '$bad'" \
	    "check: start: $bad is refused at its line and column"
done
hw '{per_week: 2, start: 2028-02-29}'
"$UNKNOT" check "$D/hw.yaml" > "$T/leap" 2>&1
is "$?:$(grep -c error "$T/leap")" "0:0" \
    "check: 29 February of a leap year is a date"
done_testing
