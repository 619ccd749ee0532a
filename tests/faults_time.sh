#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# faults_time.sh: calendar weeks across daylight saving, and sessions a
# wrong clock recorded. Histories are written with sqlite3; the expected
# weeks are computed by Python's datetime and zoneinfo, apart from unknot.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

PY=${PYTHON3:-python3}
[ "$PY" != ":" ] && "$PY" -c 'import json, zoneinfo' 2>/dev/null ||
	skip_all "python3 with zoneinfo is needed"
command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is needed"
[ -r /usr/share/zoneinfo/Europe/Berlin ] &&
	[ -r /usr/share/zoneinfo/America/New_York ] ||
	skip_all "no time zone data (the tzdata package)"

DB="$XDG_DATA_HOME/unknot/history.db"
mkdir -p "$XDG_DATA_HOME/unknot" "$T/routines"
export UNKNOT_PATH="$T/routines"
# An empty history with unknot's schema.
"$top_builddir/tests/test_report" --make-history "$DB" "$T/tp.yaml" ||
	{ echo "Bail out! no history could be made"; exit 1; }

# history_reset: no sessions.
history_reset() {
	sqlite3 "$DB" 'DELETE FROM events; DELETE FROM sessions;'
}

# session ROUTINE START END OUTCOME [PER_WEEK WEEKS]: add a session.
session() {
	sqlite3 "$DB" "INSERT INTO sessions (routine_id, title, sha256,
	    started, ended, outcome, per_week, weeks, points, seconds)
	    VALUES ('$1', 'Routine $1', 'aa', $2, $3, '$4', ${5:-3},
	    ${6:-0}, 1, 600);"
}

# One week on either side of each change of 2025: a session at 10:00 on
# the Monday before, then each Sunday 23:30 and Monday 00:30 around the
# change, and Wednesday 10:00 of the week after. Python says, in the zone,
# which calendar week (7 local days from the first Monday) each is in.
for c in "Europe/Berlin 2025-03-24" "Europe/Berlin 2025-10-20" \
	"America/New_York 2025-03-03" "America/New_York 2025-10-27"; do
	set -- $c
	export TZ=$1
	history_reset
	"$PY" - "$1" "$2" > "$T/dst" <<'EOF'
import sys
from datetime import datetime, date, timedelta, timezone
from zoneinfo import ZoneInfo
z = ZoneInfo(sys.argv[1])
mon = date.fromisoformat(sys.argv[2])
walls = [(0, 10, 0), (6, 23, 30), (7, 0, 30), (9, 10, 0)]
weeks = [0, 0]
for d, h, m in walls:
    day = mon + timedelta(days=d)
    t = datetime(day.year, day.month, day.day, h, m, tzinfo=z)
    print("S", int(t.timestamp()))
    weeks[(day - mon).days // 7] += 1
now = datetime.combine(mon + timedelta(days=10), datetime.min.time(),
    tzinfo=z) + timedelta(hours=12)
print("N", int(now.timestamp()))
starts = [datetime.combine(mon + timedelta(days=7 * w), datetime.min.time(),
    tzinfo=z).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    for w in (0, 1)]
print("W", " ".join("%s=%d" % (s, n) for s, n in zip(starts, weeks)))
print("D", (mon + timedelta(days=7)).isoformat())
EOF
	for s in $(sed -n 's/^S //p' "$T/dst"); do
		session dst "$s" $((s + 600)) completed
	done
	want=$(sed -n 's/^W //p' "$T/dst")
	got=$(UNKNOT_NOW=$(sed -n 's/^N //p' "$T/dst") "$UNKNOT" report \
		--format json | "$PY" -c 'import json, sys
a = json.load(sys.stdin)["routines"][0]["adherence"]
print(" ".join("%s=%d" % (w["from"], w["done"]) for w in a["by_week"]))')
	is "$got" "$want" "TZ=$1, week from $2: sessions in their calendar weeks"
	day=$(sed -n 's/^D //p' "$T/dst")
	UNKNOT_NOW=$(sed -n 's/^N //p' "$T/dst") "$UNKNOT" report > "$T/r.txt"
	check "TZ=$1: the text report's week 2 starts on $day" \
		grep -q "^  week 2 (from $day): 2 of 3$" "$T/r.txt"
done

# Sessions a wrong clock recorded, around now = Sun 15 Jun 2025 12:00 UTC.
export TZ=UTC
NOW=1749988800
DAY=86400
export UNKNOT_NOW=$NOW
history_reset
session daily $((NOW - 5 * DAY - 7200)) $((NOW - 5 * DAY - 6600)) completed
session daily $((NOW - 3 * DAY - 7200)) $((NOW - 3 * DAY - 6600)) completed
# A year ahead, 1970, a second before 1970, and the extremes.
session daily $((NOW + 365 * DAY)) $((NOW + 365 * DAY + 600)) completed
session daily 0 600 completed
session daily -1 599 completed
session daily 9223372036854775807 9223372036854775807 completed
session daily -9223372036854775808 9223372036854775807 completed
# Started right, ended by a clock that jumped.
session daily $((NOW - 4 * DAY)) 9223372036854775807 stopped

# Remind: the last right session was Thu 12 Jun 10:00, 3 per week: due
# 7/3 days later, Sat 14 Jun 18:00, overdue by one day.
out=$("$UNKNOT" remind 2>&1); st=$?
is "$st:$out" "0:Routine daily: next session overdue since Sat 14 Jun (1 day; 3 per week). Start it with 'unknot run daily'." \
	"remind: a session a year ahead does not silence it"

"$UNKNOT" history > "$T/h.txt"; st=$?
is "$st" 0 "history with wrong clocks: exit 0"
is "$(grep -c '  clock was wrong$' "$T/h.txt")" 6 \
	"history: six sessions marked 'clock was wrong'"
check "history: the session a second before 1970 is shown" \
	grep -q "^1969-12-31 23:59  Routine daily .*clock was wrong$" "$T/h.txt"
check "history: a date past year 9999 as ?" \
	grep -q "^?                 Routine daily .*clock was wrong$" "$T/h.txt"
is "$(awk '/clock was wrong$/ { print $(NF-6) }' "$T/h.txt" | sort -u)" "-" \
	"history: no duration for a wrong clock"
check "history: no impossible dates" \
	sh -c "! grep -q -- '-00 \|^[0-9]\{5\}' '$T/h.txt'"
"$UNKNOT" history --json > "$T/h.json"
"$PY" - "$T/h.json" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))["sessions"]
assert len(s) == 8, len(s)
assert sum(x["clock_wrong"] for x in s) == 6, s
assert all(x["duration_s"] is None for x in s if x["clock_wrong"]), s
assert all(x["duration_s"] == 600 for x in s if not x["clock_wrong"]), s
assert {x["start"] for x in s if x["start"] is not None} >= \
    {"1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z"}, s
assert sum(x["start"] is None for x in s) == 2, s
EOF
ok $? "history --json: valid, 6 wrong clocks, times null past 9999"

for fmt in text markdown csv json; do
	"$UNKNOT" report --format "$fmt" > "$T/r.$fmt" 2>"$T/r.err"
	is "$?:$(cat "$T/r.err")" "0:" "report --format $fmt with wrong clocks"
done
"$PY" - "$T/r.json" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))["routines"][0]
a = t["adherence"]
assert (a["done"], a["clock_wrong"], a["other"], a["after"]) == \
    (2, 6, 0, 0), a
assert a["from"] == "2025-06-10T00:00:00Z", a["from"]
assert [w["done"] for w in a["by_week"]] == [2], a
assert sum(s["clock_wrong"] for s in t["sessions"]) == 6
EOF
ok $? "report json: 2 done from 10 Jun, 6 left out as wrong clocks"
check "report text: the adherence says why sessions are left out" grep -q \
	"^Adherence: 2 of 3 sessions in 1 week (this week still running); 6 left out (clock was wrong), since 2025-06-10$" \
	"$T/r.text"
check "report markdown: the date of a wrong clock marked" \
	grep -q "^| 1970-01-01 00:00 (clock was wrong) |" "$T/r.markdown"
"$PY" -c 'import csv, sys; list(csv.reader(open(sys.argv[1])))' "$T/r.csv"
ok $? "report csv: still CSV"

# The aftercare of a right session is not hidden by a wrong end.
history_reset
session daily $((NOW - 7200)) $((NOW - 3600)) completed
session other $((NOW - 4000)) 9223372036854775807 completed
out=$("$UNKNOT" remind | grep -c "drink plenty of water")
is "$out" 1 "remind: aftercare of the session that ended an hour ago"

done_testing
