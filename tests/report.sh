#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# report.sh: `unknot history`, `report`, `remind` and `remind --ics` from
# the command line, over a history made by the session engine (five
# sessions in two weeks, by tests/test_report) and by scripted plain-mode
# sessions; the CSV and JSON are read back with Python, the calendar with
# the icalendar package.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

# An interpreter that has the modules named.
python_with() {
	for p in "${PYTHON3:-}" python3 /usr/bin/python3; do
		[ -n "$p" ] && [ "$p" != ":" ] || continue
		command -v "$p" >/dev/null 2>&1 || continue
		"$p" -c "import $1" 2>/dev/null && { echo "$p"; return 0; }
	done
	return 1
}
PY=$(python_with "csv, json") || skip_all "python3 is needed"
PYICAL=$(python_with icalendar) || PYICAL=""

T0=1735725600			# Wed 2025-01-01 10:00:00 UTC
DAY=86400
DB="$XDG_DATA_HOME/unknot/history.db"
export UNKNOT_NOW=$((T0 + 12 * DAY))

# Nothing recorded yet.
out=$("$UNKNOT" history); st=$?
is "$st" 0 "history with no history exits 0"
is "$out" "No sessions recorded yet. Start one with 'unknot run ROUTINE'." \
	"history with no history says so"
out=$("$UNKNOT" history --json | "$PY" -c \
	'import json,sys; print(len(json.load(sys.stdin)["sessions"]))')
is "$out" 0 "history --json with no history: an empty list"
out=$("$UNKNOT" remind); st=$?
is "$st:$out" "0:" "remind with no history: silent, exit 0"
check "reading creates no database" test ! -e "$DB"

# Five sessions of test-points through the engine.
mkdir -p "$XDG_DATA_HOME/unknot" "$T/routines"
"$top_builddir/tests/test_report" --make-history "$DB" \
	"$T/routines/test-points.yaml"
ok $? "history made by the engine"

out=$("$UNKNOT" history | sed -n '2p;6p' | cut -c1-56)
is "$out" "2025-01-10 10:00  Test points                       1:28
2025-01-01 10:00  Test points                       1:40" \
	"history: newest first, with durations"
out=$("$UNKNOT" history | awk 'NR > 1 { print $6, $7, $8 }' | tr '\n' ' ')
is "$out" "completed 3/3 5 completed 3/3 6 stopped 2/3 6 partial 2/3 8 \
completed 3/3 7 " "history: outcome, points done, peak discomfort"
"$UNKNOT" history --json > "$T/h.json"
"$PY" - "$T/h.json" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))["sessions"]
assert [x["start"][:10] for x in s] == ["2025-01-10", "2025-01-08",
    "2025-01-05", "2025-01-03", "2025-01-01"], s
assert s[2]["outcome"] == "stopped" and s[2]["post_pain"] is None
assert s[4]["duration_s"] == 100 and s[4]["pre_pain"] == 6
assert all(x["routine_id"] == "test-points" for x in s)
EOF
ok $? "history --json: newest first, with its fields"

# The JSON report: adherence and per-point figures.
"$UNKNOT" report --format json -o "$T/r.json"
ok $? "report --format json -o FILE"
sha=$(sha256sum "$T/routines/test-points.yaml" | cut -d' ' -f1)
"$PY" - "$T/r.json" "$sha" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["unknot_report"] == 1 and r["since"] is None
assert r["generated"] == "2025-01-13T10:00:00Z", r["generated"]
t = r["routines"][0]
assert t["id"] == "test-points" and t["sha256"] == [sys.argv[2]], t["sha256"]
assert t["frequency"] == {"per_week": 3, "weeks": 2, "source": "history"}
a = t["adherence"]
assert (a["done"], a["expected"], a["weeks"], a["other"], a["after"]) == \
    (4, 6, 2, 1, 0), a
assert [w["done"] for w in a["by_week"]] == [2, 2], a
assert [s["outcome"] for s in t["sessions"]] == ["completed", "partial",
    "stopped", "completed", "completed"], [s["outcome"] for s in t["sessions"]]
assert t["sessions"][1]["not_done"] == \
    'Base of the skull, "sub"occipital: skipped', t["sessions"][1]
assert t["sessions"][1]["counts"] and not t["sessions"][2]["counts"]
assert [(s["pre_pain"], s["post_pain"]) for s in t["sessions"]] == \
    [(6, 3), (5, 3), (5, None), (4, 2), (4, 1)]
assert all(s["sha256"] == sys.argv[2] for s in t["sessions"])
p = t["points"]
assert [(x["title"], x["side"]) for x in p] == [
    ("Top of the shoulder", "left"), ("Top of the shoulder", "right"),
    ('Base of the skull, "sub"occipital', "")], p
l, rt, last = p
assert (l["sessions"], l["ratings"], l["avg"], l["peak"], l["ease_offs"],
    l["skips"]) == (5, 10, 5.7, 8, 1, 0), l
assert [x["peak"] for x in l["trend"]] == [7, 8, 6, 6, 5]
assert [x["release_ms"] for x in rt["trend"]] == \
    [20000, 15000, 12000, 10000, 8000]
assert rt["release_trend"] == "faster" and rt["avg"] is None
assert (last["sessions"], last["skips"], last["peak"]) == (4, 1, 3), last
EOF
ok $? "report json: adherence 4 of 6 in 2 weeks, per-point figures, hash"

# The CSV report: one row per event.
"$UNKNOT" report --format csv > "$T/r.csv"
ok $? "report --format csv"
events=$(sqlite3 "$DB" 'SELECT count(*) FROM events' 2>/dev/null ||
	"$PY" -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM events').fetchone()[0])" "$DB")
"$PY" - "$T/r.csv" "$events" <<'EOF'
import csv, sys
raw = open(sys.argv[1], "rb").read()
assert raw.count(b"\r\n") == raw.count(b"\n"), "lines end in CRLF"
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert len(rows) == int(sys.argv[2]), (len(rows), sys.argv[2])
assert list(rows[0].keys()) == ["session_id", "session_start",
    "session_outcome", "routine_id", "routine_sha256", "seq", "wall",
    "at_ms", "kind", "step", "step_kind", "step_title", "point", "side",
    "value", "arg_ms", "routine_signature", "client", "therapist", "flags",
    "text"]
r = [x for x in rows if x["kind"] == "rating"]
assert len(r) == 13 and sum(int(x["value"]) for x in r) == 57 + 9, r
rel = [int(x["arg_ms"]) for x in rows if x["kind"] == "release"]
assert rel == [20000, 15000, 12000, 10000, 8000], rel
assert any(x["step_title"] == 'Base of the skull, "sub"occipital'
    for x in rows)
assert {x["session_outcome"] for x in rows} == {"completed", "partial",
    "stopped"}
assert rows[0]["seq"] == "1" and rows[0]["kind"] == "pre_pain"
EOF
ok $? "report csv: loads with csv, a row per event, quoting round-trips"

# Text and Markdown.
"$UNKNOT" report > "$T/r.txt"
check "report text: adherence" grep -q \
	"^Adherence: 4 of 6 sessions in 2 weeks (week 2 of 2 still running); 1 not finished, since 2025-01-01$" \
	"$T/r.txt"
check "report text: release trend" grep -q \
	"time to release: 20 s, 15 s, 12 s, 10 s, 8 s (faster)" "$T/r.txt"
check "report text: hash" grep -q "SHA-256: $sha (5 sessions)" "$T/r.txt"
"$UNKNOT" report --routine test-points --format markdown -o "$T/r.md"
# A routine the history never saw: said so, status 1, nothing written.
out=$("$UNKNOT" report --routine nope -o "$T/nope.md" 2>&1); rc=$?
is "$rc:$out" "1:unknot: no routine 'nope' in the history" \
	"report --routine with an id not in the history"
check "report --routine nope writes no file" test ! -e "$T/nope.md"
check "report markdown: adherence" grep -q \
	"^- \*\*Adherence: 4 of 6 sessions in 2 weeks" "$T/r.md"
check "report markdown: points table" grep -q \
	"^| Top of the shoulder (left) | 5 | 5.7 | 8 | 1 | 0 | 0 | 7 8 6 6 5 |" \
	"$T/r.md"

# --since, and the frequency from the routine file when it is found.
out=$("$UNKNOT" report --since 2025-01-06 --format json | "$PY" -c '
import json, sys
t = json.load(sys.stdin)["routines"][0]
a = t["adherence"]
print(len(t["sessions"]), a["from"], a["done"], a["expected"])')
is "$out" "2 2025-01-06T00:00:00Z 2 6" "report --since: from that day"
sed 's/per_week: 3, weeks: 2/per_week: 2, weeks: 2/' \
	"$T/routines/test-points.yaml" > "$T/routines/tp.yaml"
rm "$T/routines/test-points.yaml"
out=$(UNKNOT_PATH="$T/routines:$UNKNOT_PATH" "$UNKNOT" report \
	--format json | "$PY" -c '
import json, sys
t = json.load(sys.stdin)["routines"][0]
print(t["frequency"]["source"], t["adherence"]["done"], t["adherence"]["expected"])')
is "$out" "file 4 4" "report: the frequency of the routine file wins"

# Bad usage.
"$UNKNOT" report --format xml >/dev/null 2>&1
is $? 2 "report --format xml: exit 2"
"$UNKNOT" report --since 2025-02-30 >/dev/null 2>"$T/err"
is $? 2 "report --since with a bad date: exit 2"
check "and says why" grep -q "YYYY-MM-DD" "$T/err"
"$UNKNOT" report extra >/dev/null 2>&1
is $? 2 "report with an argument: exit 2"
"$UNKNOT" history --bogus >/dev/null 2>&1
is $? 2 "history --bogus: exit 2"
"$UNKNOT" remind --ics >/dev/null 2>&1
is $? 2 "remind --ics without FILE: exit 2"
"$UNKNOT" report -o "$T/no/such/dir/r.txt" >/dev/null 2>&1
is $? 1 "report to a directory that does not exist: exit 1"

# Reminders.
out=$(UNKNOT_NOW=$((T0 + 9 * DAY + 3600)) "$UNKNOT" remind)
is "$out" "Today's session (Test points): drink plenty of water, keep moving gently, and leave intense exercise until 10:01 tomorrow; some soreness for a day or two is normal." \
	"remind an hour after a session"
out=$(UNKNOT_NOW=$((T0 + 10 * DAY + 12 * 3600)) "$UNKNOT" remind)
is "$out" "Yesterday's session (Test points): soreness should be fading by now; intense exercise is fine again after 24 h." \
	"remind the day after"
out=$("$UNKNOT" remind)
is "$out" "Test points: next session overdue since Sun 12 Jan (1 day; 3 per week, session 5 of 6). Start it with 'unknot run test-points'." \
	"remind: overdue"
out=$(UNKNOT_NOW=$((T0 + 30 * DAY)) "$UNKNOT" remind); st=$?
is "$st:$out" "0:" "remind: nothing due after the prescription, silent"

# The calendar.
UNKNOT_NOW=$((T0 + 9 * DAY + 3600)) "$UNKNOT" remind --ics "$T/u.ics"
ok $? "remind --ics FILE"
"$PY" - "$T/u.ics" <<'EOF'
import sys
raw = open(sys.argv[1], "rb").read()
lines = raw.split(b"\r\n")
assert lines[-1] == b"" and b"\n" not in b"".join(lines), "CRLF only"
assert max(len(l) for l in lines) <= 75, "folded at 75 octets"
assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2] == b"END:VCALENDAR"
EOF
ok $? "ics: CRLF lines of at most 75 octets"
if [ -n "$PYICAL" ]; then
	"$PYICAL" - "$T/u.ics" <<'EOF'
import sys
from datetime import datetime, timezone
import icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
assert cal["VERSION"] == "2.0" and "PRODID" in cal
ev = cal.walk("VEVENT")
assert len(ev) == 5, len(ev)
uids = [str(e["UID"]) for e in ev]
assert len(set(uids)) == 5, uids
for e in ev:
    for k in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
        assert k in e, k
    al = e.walk("VALARM")
    assert len(al) == 1 and al[0]["ACTION"] == "DISPLAY"
    assert "TRIGGER" in al[0] and "DESCRIPTION" in al[0]
    assert e["DTEND"].dt > e["DTSTART"].dt
starts = sorted(e["DTSTART"].dt for e in ev)
utc = timezone.utc
want = [datetime(2025, 1, 10, 11, 1, 28, tzinfo=utc),
    datetime(2025, 1, 11, 10, 1, 28, tzinfo=utc),
    datetime(2025, 1, 12, 10, 0, tzinfo=utc),
    datetime(2025, 1, 12, 10, 1, 28, tzinfo=utc),
    datetime(2025, 1, 14, 10, 0, tzinfo=utc)]
assert starts == want, starts
s = [e for e in ev if str(e["SUMMARY"]).startswith("Trigger point")]
assert len(s) == 2 and "unknot run test-points" in str(s[0]["DESCRIPTION"])
EOF
	ok $? "ics: valid for icalendar, two sessions and three check-ins with alarms"
else
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - ics: icalendar # SKIP python3-icalendar not installed"
fi
UNKNOT_NOW=$((T0 + 60 * DAY)) "$UNKNOT" remind --ics "$T/none.ics" \
	2>"$T/err"
is $? 1 "remind --ics with nothing to schedule: exit 1"
check "and no file" test ! -e "$T/none.ics"

# Scripted plain-mode sessions of a bundled routine, at the real pace (a
# scaled clock makes a rehearsal, left out of the report): every step is
# left by an input (a hold side starts with Enter once the point is
# found).
unset UNKNOT_NOW
export UNKNOT_TIME_SCALE=1 ALSA_CONFIG_PATH="$T/asound-none.conf"
printf '6\nnext\nskip\nskip\nnext\n5\n9\nbracing\nrelease\nnext\nnext\n4\nrelease\nskip point\nskip point\nskip point\nskip point\nskip\n2\nnext\n' |
	"$UNKNOT" --plain=events --no-sound run upper-trapezius > "$T/p1.out" 2>&1
ok $? "a plain-mode session"
printf '5\nnext\nquit\n' |
	"$UNKNOT" --plain=events --no-sound run upper-trapezius > "$T/p2.out" 2>&1
"$UNKNOT" report --routine upper-trapezius --format json > "$T/u.json"
"$PY" - "$T/u.json" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))["routines"]
assert len(t) == 1 and t[0]["id"] == "upper-trapezius", t
t = t[0]
assert t["frequency"] == {"per_week": 3, "weeks": 3, "source": "file"}
a = t["adherence"]
assert (a["done"], a["expected"], a["weeks"], a["other"]) == (0, 3, 1, 2), a
s = t["sessions"]
assert [x["outcome"] for x in s] == ["partial", "stopped"], s
assert [x["rehearsal"] for x in s] == [False, False], s
assert (s[0]["pre_pain"], s[0]["post_pain"], s[0]["peak"]) == (6, 2, 9)
assert (s[0]["points_done"], s[0]["points_total"]) == (2, 4), s[0]
p = {(x["title"], x["side"]): x for x in t["points"]}
l = p[("Top of the shoulder", "left")]
assert (l["ratings"], l["peak"], l["avg"], l["bracing"], l["releases"]) == \
    (2, 9, 7, 1, 1), l
assert l["ease_offs"] == 2, l
r = p[("Top of the shoulder", "right")]
assert (r["ratings"], r["peak"], r["releases"]) == (1, 4, 1), r
n = p[("Where the neck meets the shoulder", "left")]
assert (n["skips"], n["ratings"]) == (1, 0), n
EOF
ok $? "plain-mode sessions: partial (points skipped, under half the hold time), adherence 0 of 3, ratings, bracing, skips"
out=$("$UNKNOT" history | sed -n 2p | awk '{ print $(NF-2), $(NF-1), $NF }')
is "$out" "stopped 0/4 -" "history: the stopped session first"
"$UNKNOT" report --format csv | "$PY" -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
kinds = [r["kind"] for r in rows if r["routine_id"] == "upper-trapezius"]
assert kinds.count("finish") == 2 and kinds.count("bracing") == 1, kinds
'
ok $? "report csv: the plain-mode events"

# A routine that prescribes no frequency says so, not "0 per week".
mkdir -p "$T/nofreq"
cat > "$T/nofreq/nofreq.yaml" <<'EOY'
unknot: 1
id: nofreq
title: No frequency
steps:
  - note: {title: Read, text: Read this., seconds: 1}
EOY
printf '\n\n\n' | UNKNOT_PATH="$T/nofreq" "$UNKNOT" --no-sound run \
    --plain nofreq >/dev/null 2>&1
out=$(UNKNOT_PATH="$T/nofreq" "$UNKNOT" report --routine nofreq |
    grep '^Frequency:')
is "$out" "Frequency: none prescribed" \
    "report: a routine without a frequency has none prescribed"

done_testing
