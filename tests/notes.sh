#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# notes.sh: the client's own words in the history and the report: unknot
# note and unknot checkin, the soreness question a session start asks 20
# to 72 hours after the last pressure session, the schema upgrade that
# keeps them, the check-in events of remind --ics, and what the reports
# say of them (soreness 24 h and 48 h after, the flag of 7 or more, the
# notes escaped for each format). What each must say is computed from the
# database with Python's own sqlite3 module.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

PY=$(command -v python3) || skip_all "python3 is needed"
command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is needed"

DB="$XDG_DATA_HOME/unknot/history.db"
HOUR=3600
mkdir -p "$XDG_DATA_HOME/unknot" "$T/routines"
"$top_builddir/tests/test_report" --make-history "$DB" \
	"$T/routines/test-points.yaml" >/dev/null
ok $? "history made by the engine"
export UNKNOT_PATH="$T/routines:$UNKNOT_PATH"

# q SQL: one value from the database.
q() { sqlite3 "$DB" "$1"; }

# The last session with a pressure hold begun, rehearsals left out, and
# when it ended: computed here, not asked of unknot.
LAST=$(q "SELECT s.id FROM sessions s WHERE s.rehearsal = 0 AND EXISTS
    (SELECT 1 FROM events e WHERE e.session_id = s.id AND
    e.step_kind = 'hold' AND e.kind = 'step_start')
    ORDER BY s.started DESC, s.id DESC LIMIT 1")
END=$(q "SELECT coalesce(ended, started) FROM sessions WHERE id = $LAST")
check "there is a last pressure session" test -n "$LAST" -a -n "$END"

# --- An old history (version 4, no notes table) is upgraded in place.
q "DROP TABLE IF EXISTS notes; PRAGMA user_version = 4"
nses=$(q "SELECT count(*) FROM sessions")
is "$(q "PRAGMA user_version")" 4 "the history is version 4"

# --- The start of a session asks once, 20 to 72 h after the last one.
NOW=$((END + 30 * HOUR))
printf '6\nquit\n' | UNKNOT_NOW=$NOW "$UNKNOT" --plain --no-sound run \
	test-points > "$T/start.out" 2>&1
grep -q "How sore is that area today, 0-10?" "$T/start.out"
ok $? "30 h after: the start asks how sore the area is"
a=$(grep -n -m1 "How sore is that area today" "$T/start.out" | cut -d: -f1)
b=$(grep -n -m1 "Remember:" "$T/start.out" | cut -d: -f1)
[ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]
ok $? "before the routine, and its safety notes still follow"
is "$(q "PRAGMA user_version")" 5 "the history was upgraded to version 5"
is "$(q "SELECT count(*) FROM sessions WHERE id <= $LAST")" \
    "$(echo "$nses" | tr -d ' ')" "no session lost in the upgrade"
is "$(q "SELECT session_id || ' ' || kind || ' ' || value || ' ' || wall
    FROM notes")" "$LAST checkin 6 $NOW" \
    "the answer is recorded against the last pressure session"
printf '5\nquit\n' | UNKNOT_NOW=$((NOW + HOUR)) "$UNKNOT" --plain \
	--no-sound run test-points > "$T/again.out" 2>&1
! grep -q "How sore" "$T/again.out"
ok $? "asked once: not again after an answer"
is "$(q "SELECT count(*) FROM notes")" 1 "nothing more recorded"
q "DELETE FROM notes"
for h in 10 19 73; do
	printf '5\nquit\n' | UNKNOT_NOW=$((END + h * HOUR)) "$UNKNOT" \
		--plain --no-sound run test-points > "$T/out$h" 2>&1
	! grep -q "How sore" "$T/out$h"
	ok $? "$h h after the last session: not asked"
done
printf '\nquit\n' | UNKNOT_NOW=$((END + 25 * HOUR)) "$UNKNOT" --plain \
	--no-sound run test-points > "$T/skip.out" 2>&1
grep -q "How sore" "$T/skip.out" && grep -q "Remember:" "$T/skip.out"
ok $? "Enter skips the question and the session goes on"
is "$(q "SELECT count(*) FROM notes")" 0 "a skipped question records nothing"

# --- unknot checkin, at any time.
UNKNOT_NOW=$((END + 24 * HOUR)) "$UNKNOT" checkin 8 > "$T/c1" 2>&1
ok $? "checkin 8"
is "$(q "SELECT session_id || ' ' || value FROM notes WHERE kind = 'checkin'
    ORDER BY id DESC LIMIT 1")" "$LAST 8" "recorded against the session"
printf '11\nsore\n3\n' | UNKNOT_NOW=$((END + 47 * HOUR)) \
	"$UNKNOT" checkin > "$T/c2" 2>&1
ok $? "checkin asks when no number is given"
is "$(grep -c "A number from 0" "$T/c2")" 2 "11 and a word are asked again"
is "$(q "SELECT value || ' ' || wall FROM notes WHERE kind = 'checkin'
    ORDER BY id DESC LIMIT 1")" "3 $((END + 47 * HOUR))" "then 3 recorded"
"$UNKNOT" checkin 12 > "$T/c3" 2>&1
is $? 2 "checkin 12 is bad usage"
printf '\n' | "$UNKNOT" checkin > "$T/c4" 2>&1
is "$(q "SELECT count(*) FROM notes")" 2 "Enter records nothing"

# --- unknot note: untrusted text, cleaned and bounded.
esc=$(printf '\033[2J\033]0;x\007')
long=$(printf 'w%.0s' $(seq 1 400))
UNKNOT_NOW=$((END + 26 * HOUR)) "$UNKNOT" note "Felt it in my" \
	"jaw${esc}  |*x*| <b>" > "$T/n1" 2>&1
ok $? "note TEXT"
printf 'typed \302\233 line\n' | UNKNOT_NOW=$((END + 27 * HOUR)) \
	"$UNKNOT" note > "$T/n2" 2>&1
ok $? "note reads a typed line"
UNKNOT_NOW=$((END + 28 * HOUR)) "$UNKNOT" note --routine test-points \
	"$long" > "$T/n3" 2>&1
ok $? "note --routine"
printf '\n' | "$UNKNOT" note > "$T/n4" 2>&1
is "$(q "SELECT count(*) FROM notes WHERE kind = 'note'")" 3 \
    "an empty note records nothing"
# A routine that is neither on the search path nor in the history: the
# note would never be read, so it is refused and nothing recorded.
"$UNKNOT" note --routine no-such-routine "for nobody" > "$T/n5" 2>&1
is "$?" 1 "note --routine with an unknown id: an error"
check "  it says there is no such routine" \
    grep -q "no routine 'no-such-routine'" "$T/n5"
is "$(q "SELECT count(*) FROM notes WHERE text = 'for nobody'")" 0 \
    "  and records nothing"
"$PY" - "$DB" "$esc" "$long" <<'PYEOF'
import re, sqlite3, sys
db, esc, long = sys.argv[1], sys.argv[2], sys.argv[3]
# The last session: the latest begun, not a rehearsal, not abandoned (the
# sessions quit above at their first question were).
last = sqlite3.connect(db).execute("SELECT id FROM sessions WHERE"
    " rehearsal = 0 AND coalesce(outcome, '') <> 'abandoned'"
    " ORDER BY started DESC, id DESC LIMIT 1").fetchone()[0]
def clean(s):
    s = re.sub(r"[\x00-\x1f\x7f\x80-\x9f]", " ", s)
    s = re.sub(" +", " ", s).strip()
    return s.encode()[:280].decode("utf-8", "ignore")
want = [(last, clean("Felt it in my jaw" + esc + "  |*x*| <b>")),
        (last, clean("typed \u009b line")),
        (None, clean(long))]
got = sqlite3.connect(db).execute("SELECT session_id, text FROM notes"
    " WHERE kind = 'note' ORDER BY id").fetchall()
sys.exit(0 if got == want else print(got, want) or 1)
PYEOF
ok $? "notes stored cleaned, to the session or the routine, 280 bytes at most"
is "$(q "SELECT count(*) FROM notes WHERE instr(text, char(27)) > 0")" 0 \
    "no escape reaches the file"

# --- The reports.
NOW=$((END + 60 * HOUR))
for fmt in text markdown json csv; do
	UNKNOT_NOW=$NOW "$UNKNOT" report --format $fmt > "$T/r.$fmt"
	ok $? "report --format $fmt"
	! grep -q "$(printf '\033')" "$T/r.$fmt"
	ok $? "$fmt: no escape byte from a note"
done
"$PY" - "$DB" "$T/r" <<'PYEOF'
import json, sqlite3, sys, time
db, base = sys.argv[1], sys.argv[2]
c = sqlite3.connect(db)
minute = lambda t: time.strftime("%Y-%m-%d %H:%M", time.gmtime(t))
txt = open(base + ".text").read()
md = open(base + ".markdown").read()
js = json.load(open(base + ".json"))
fails = []
def want(cond, what):
    if not cond:
        fails.append(what)
# Soreness 24 h (under 36 h after the end) and 48 h (36 to 72 h), the
# latest of each.
sore = {}
for sid, start, end, wall, v in c.execute("SELECT s.id, s.started,"
        " coalesce(s.ended, s.started), n.wall, n.value FROM notes n"
        " JOIN sessions s ON s.id = n.session_id WHERE n.kind = 'checkin'"
        " ORDER BY n.wall, n.id"):
    col = 0 if wall - end < 36 * 3600 else 1 if wall - end < 72 * 3600 \
        else None
    if col is not None:
        sore.setdefault(sid, [start, None, None])[1 + col] = v
want(sore, "some check-in")
for sid, (start, a, b) in sore.items():
    fa = "-" if a is None else str(a)
    fb = "-" if b is None else str(b)
    want(("  %-16s  %-10s  %s\n" % (minute(start), fa, fb)) in txt,
         "text soreness row %s" % sid)
    want(("| %s | %s | %s |\n" % (minute(start), fa, fb)) in md,
         "markdown soreness row %s" % sid)
rt = js["routines"][0]
want([(x["session"], x["after_24h"], x["after_48h"]) for x in
      rt["soreness"]] == [(k, v[1], v[2]) for k, v in sorted(sore.items())],
     "json soreness")
# The flag: every check-in of 7 or more, first in every format.
high = c.execute("SELECT s.started, n.value FROM notes n JOIN sessions s"
    " ON s.id = n.session_id WHERE n.kind = 'checkin' AND n.value >= 7"
    ).fetchall()
want(len(high) == 1, "one high check-in")
head = txt.split("\nTest points (test-points)")[0]
want("SORENESS CHECK-IN OF 7 OR MORE:\n" in head, "text flag heading")
for start, v in high:
    want("  %s  Test points (soreness check-in of %d)\n" % (minute(start), v)
         in head, "text flag line")
    want("- %s: Test points (soreness check-in of %d)\n" % (minute(start), v)
         in md, "markdown flag line")
fl = [f for f in js["flags"] if f["kind"] == "soreness_7_or_more"]
want([f["soreness"] for f in fl] == [v for _, v in high], "json flag")
# The notes, in order, escaped for each format.
notes = c.execute("SELECT text FROM notes WHERE kind = 'note'"
    " ORDER BY wall, id").fetchall()
for (t,) in notes:
    want(t in txt, "text note " + t[:20])
    mdt = "".join("\\" + ch if ch in "|\\*_`<>[]#&!~" else ch for ch in t)
    want(mdt in md, "markdown note " + t[:20])
want([x["text"] for x in rt["notes"] if x["kind"] == "note"] ==
     [t for (t,) in notes], "json notes")
want("Notes from the client (%d):" % len(notes) in txt, "text notes count")
if fails:
    print("\n".join(fails))
sys.exit(1 if fails else 0)
PYEOF
ok $? "reports: soreness 24 h and 48 h, the flag of 7 or more, the notes"
if "$PY" -c 'import jsonschema' 2>/dev/null; then
	"$PY" - "$top_srcdir/routines/unknot-report.schema.json" "$T/r.json" <<'PYEOF'
import json, sys, jsonschema
v = jsonschema.Draft7Validator(json.load(open(sys.argv[1])))
r = json.load(open(sys.argv[2]))
assert r["routines"][0]["notes"] and r["routines"][0]["soreness"]
errs = list(v.iter_errors(r))
for e in errs:
    print(e.message)
sys.exit(1 if errs else 0)
PYEOF
	ok $? "json: notes, soreness and the flag follow the report's schema"
else
	ok 0 "# SKIP python3 jsonschema is needed for the schema check"
fi

# --- A report with no check-in has no soreness flag or table.
q "DELETE FROM notes"
UNKNOT_NOW=$NOW "$UNKNOT" report > "$T/none.txt"
! grep -q "SORENESS\|Soreness after\|Notes from" "$T/none.txt"
ok $? "nothing when there is nothing"

# --- remind --ics: the soreness check-ins tell the client the command.
UNKNOT_NOW=$((END + HOUR)) "$UNKNOT" remind --ics "$T/c.ics" >/dev/null
"$PY" - "$T/c.ics" <<'PYEOF'
import sys
ics = open(sys.argv[1], newline="").read().replace("\r\n ", "")
ev = [e for e in ics.split("BEGIN:VEVENT")[1:] if "Soreness check" in e]
ok = len(ev) == 2 and all("Run 'unknot checkin' to tell your therapist"
                          in e for e in ev)
sys.exit(0 if ok else 1)
PYEOF
ok $? "remind --ics: both soreness check-ins say to run unknot checkin"

# --- After the aftercare: where it spread, and a note; a real session
# (not time scaled: a rehearsal is never asked) of a hold with a referral.
mkdir -p "$T/w"
cat > "$T/w/w.yaml" <<'EOY'
unknot: 1
id: w
title: Words test
safety: ["Stop on numbness or tingling."]
discomfort: {target: [3, 6], ease_off_at: 8}
steps:
  - warmup: {title: Warm, text: Broad strokes., seconds: 1}
  - hold: {title: Trap, point: Top of the shoulder., referral: To the temple.,
           setup: 0, seconds: 5}
  - release: {text: Soft strokes., seconds: 1}
aftercare: ["Shoulder rolls tonight."]
EOY
export UNKNOT_PATH="$T/w:$UNKNOT_PATH"
cat > "$T/w.script" <<'EOS'
How much does it hurt now => 3
Noted: 3 => 
How (intense|strong) => 4
How do you feel now => 2
Noted: 2 => 
did you feel it spread\? 1 To the temple, or type where => 1
Anything to tell your therapist\? => Jaw ached <b>|x|
EOS
DRIVE_TIMEOUT=60 "$PY" "$top_srcdir/tests/drive.py" --tty=in "$T/w.script" \
	-- "$UNKNOT" --plain --no-sound run w > "$T/w.out" 2>&1
grep -q "^exit: 0" "$T/w.out"
ok $? "plain: a session that asks after the aftercare ends"
a=$(grep -n -m1 "^Aftercare: Shoulder rolls" "$T/w.out" | cut -d: -f1)
b=$(grep -n -m1 "did you feel it spread" "$T/w.out" | cut -d: -f1)
[ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]
ok $? "plain: asked after the aftercare, not before"
WS=$(q "SELECT max(id) FROM sessions WHERE routine_id = 'w'")
is "$(q "SELECT kind || '|' || text FROM notes WHERE session_id = $WS
    ORDER BY id")" "spread|Trap: To the temple.
note|Jaw ached <b>|x|" "plain: the referral chosen and the note, on the session"
UNKNOT_TIME_SCALE=20 DRIVE_TIMEOUT=60 "$PY" "$top_srcdir/tests/drive.py" \
	--tty=in "$T/w.script" -- "$UNKNOT" --plain --no-sound run w \
	> "$T/w2.out" 2>&1
! grep -q "spread\|Anything to tell" "$T/w2.out"
ok $? "plain: a rehearsal (time scaled) is not asked"
# A hold that was skipped was never felt: where it spread is not asked
# of it, the note still is.
cat > "$T/w3.script" <<'EOS'
How much does it hurt now => 3
Noted: 3 => 
Trap => s
How do you feel now => 2
Noted: 2 => 
Anything to tell your therapist\? => 
EOS
DRIVE_TIMEOUT=60 "$PY" "$top_srcdir/tests/drive.py" --tty=in "$T/w3.script" \
	-- "$UNKNOT" --plain --no-sound run w > "$T/w3.out" 2>&1
grep -q "^exit: 0" "$T/w3.out"
ok $? "plain: a session whose hold is skipped ends"
WS=$(q "SELECT max(id) FROM sessions WHERE routine_id = 'w'")
is "$(q "SELECT status FROM events WHERE session_id = $WS AND step = 1
    AND kind = 'step_end'")" "skipped" "  its hold is recorded skipped"
! grep -q "spread" "$T/w3.out"
ok $? "  where it spread is not asked of the skipped hold"
grep -q "Anything to tell your therapist" "$T/w3.out"
ok $? "  the note is still asked"

if pane_start "env XDG_DATA_HOME=$XDG_DATA_HOME UNKNOT_PATH=$UNKNOT_PATH \
    $UNKNOT --no-sound run w; echo \$? > $T/tui.done; sleep 60"; then
	pane_wait "How much does it hurt now"
	pane 3 Enter
	pane_wait "intense"
	pane 4
	pane_until -s 20 pane_shows "How does it feel now"
	pane 2
	pane Enter
	pane_until -s 10 pane_shows "did you feel it spread"
	ok $? "tui: after the screen, where it spread is asked"
	pane "my neck" Enter
	pane_wait "Anything to tell your therapist"
	pane Enter
	pane_until -s 10 test -s "$T/tui.done"
	is "$(cat "$T/tui.done")" 0 "tui: the session ends"
	WS=$(q "SELECT max(id) FROM sessions WHERE routine_id = 'w'")
	is "$(q "SELECT kind || '|' || text FROM notes WHERE session_id = $WS
	    ORDER BY id")" "spread|Trap: my neck" \
	    "tui: the place typed recorded, Enter skipped the note"
	pane_stop
else
	ok 0 "# SKIP tmux or the screen terminfo entry is missing"
fi

done_testing
