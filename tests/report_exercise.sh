#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# report_exercise.sh: exercises in the history and in every report format:
# the sets and reps done against those prescribed, and the difficulty
# answers after each exercise; stretches and breathing with the time spent
# in them. The history is the two weeks tests/test_report scripts through
# the session engine, with four sessions of a routine of exercises. What
# the reports must say is worked out by hand from that script (below) and
# checked against the database with Python's own sqlite3 module.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

PY=${PYTHON3:-python3}
[ "$PY" = : ] && PY=python3
command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is needed"
"$PY" -c 'import jsonschema, html5lib' 2>/dev/null ||
	skip_all "python3 with jsonschema and html5lib is needed"

DB="$XDG_DATA_HOME/unknot/history.db"
mkdir -p "$XDG_DATA_HOME/unknot" "$T/routines"
"$top_builddir/tests/test_report" --make-history "$DB" \
	"$T/routines/test-points.yaml" "$T/routines/test-exercise.yaml" \
	>/dev/null
ok $? "history made by the engine"
export UNKNOT_PATH="$T/routines:$UNKNOT_PATH"

# The script (tests/test_report.c, ex_plans): Wall squat, 3 sets of 5
# reps of 2 s with 5 s rests; Side raise, 2 sets of 4 reps of 3 s on each
# side; a stretch of 30 s; three slow breaths of 10 s.
#   day 1: all done; squat easy, side raise ok.
#   day 3: the squat skipped 17 s in: set 1 (5 reps), set 2 after 2 s
#          (1 rep), set 3 not begun; no question after a skipped
#          exercise; side raise hard.
#   day 8: all done; the squat's question left unanswered; side raise
#          hard.
#   day 10: squat done, ok; quit 7 s into the left side raise (2 reps of
#          set 1, set 2 not begun); nothing after it.
# So, per step and side, over the four sessions:
#   Wall squat: sets 3+1+3+3 = 10 of 12, reps 15+6+15+15 = 51 of 60;
#     easy 1, ok 1, hard 0.
#   Side raise, left: sets 2+2+2+0 = 6 of 8, reps 8+8+8+2 = 26 of 32;
#     easy 0, ok 1, hard 2 (answers count on the first side).
#   Side raise, right (day 10 never began it): 6 of 6 sets, 24 of 24
#     reps; no answers.
#   Calf stretch and Slow breaths: 3 sessions of 30 s: 1:30.
WANT='Wall squat||10|12|51|60|1|1|0
Side raise|left|6|8|26|32|0|1|2
Side raise|right|6|6|24|24|0|0|0'

# The database agrees with the script: each set is one event, reps done
# in value, reps prescribed in arg, and the answers 1 easy, 2 ok, 3 hard.
"$PY" - "$DB" "$WANT" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("""SELECT e.session_id, e.kind, e.title, e.side, e.value,
    e.arg FROM events e JOIN sessions s ON s.id = e.session_id
    WHERE s.routine_id = 'test-exercise' ORDER BY e.session_id, e.seq""")
tot, run = {}, {}
for sid, kind, title, side, value, arg in rows:
    key = (title, side)
    if kind == 'set':
        run.setdefault((sid, key), []).append((value, arg))
    elif kind == 'step_end' and (sid, key) in run:
        sets = run.pop((sid, key))
        t = tot.setdefault(key, [0, 0, 0, 0, 0, 0, 0])
        t[0] += sum(1 for v, a in sets if v >= a)
        t[1] += len(sets)
        t[2] += sum(v for v, a in sets)
        t[3] += sum(a for v, a in sets)
    elif kind == 'difficulty':
        first = [k for k in tot if k[0] == title][0]
        tot[first][3 + value] += 1
got = "\n".join("|".join([k[0], k[1]] + [str(x) for x in v])
    for k, v in tot.items())
assert got == sys.argv[2], got
EOF
ok $? "the history holds the sets and answers the script gave"

U() { "$UNKNOT" report --routine test-exercise "$@"; }
U > "$T/r.txt" && U --format markdown > "$T/r.md" &&
	U --format csv > "$T/r.csv" && U --format json > "$T/r.json" &&
	U --format html > "$T/r.html" && U --format fhir > "$T/r.fhir"
ok $? "every format written"

# Text: a line under each exercise.
"$PY" - "$T/r.txt" "$WANT" <<'EOF'
import re, sys
t = open(sys.argv[1]).read()
for line in sys.argv[2].split("\n"):
    title, side, *n = line.split("|")
    name = title + (", " + side if side else "") + " (exercise)"
    m = re.search(re.escape(name) + r"\n.*\n    done (.*)\n", t)
    assert m, name
    want = ("%s of %s sets, %s of %s reps; easy %s, ok %s, hard %s" %
        tuple(n))
    assert m.group(1) == want, (m.group(1), want)
for name in ("Calf stretch (stretch)", "Slow breaths (breathe)"):
    assert re.search(re.escape(name) + r"\n.*time in it 1:30\n", t), name
EOF
ok $? "text: sets, reps and answers of each exercise; the stretch's and breaths' time"

# Markdown: the exercises table.
"$PY" - "$T/r.md" "$WANT" <<'EOF'
import sys
t = open(sys.argv[1]).read().split("\n### Exercises\n", 1)[1]
rows = [l for l in t.split("\n###")[0].split("\n") if "(exercise) |" in l]
got = []
for l in rows:
    c = [x.strip() for x in l.strip().strip("|").split("|")]
    name = c[0].split(". ", 1)[1].rsplit(" (", 1)[0]
    title, _, side = name.partition(", ")
    got.append("|".join([title, side] + c[1:]))
assert "\n".join(got) == sys.argv[2], got
EOF
ok $? "markdown: the exercises table"

# CSV: a row for each set and answer, with its value.
"$PY" - "$T/r.csv" "$DB" <<'EOF'
import csv, sqlite3, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
db = sqlite3.connect(sys.argv[2])
want = db.execute("""SELECT e.kind, e.title, e.side, e.value, e.arg FROM events e
    JOIN sessions s ON s.id = e.session_id WHERE s.routine_id =
    'test-exercise' AND e.kind IN ('set', 'difficulty')
    ORDER BY e.session_id, e.seq""").fetchall()
got = [(r["kind"], r["step_title"], r["side"], int(r["value"]),
    int(r["arg_ms"])) for r in rows if r["kind"] in ("set", "difficulty")]
assert got == want, (got[:3], want[:3])
assert len([r for r in got if r[0] == "set"]) == 12 + 8 + 6, len(got)
EOF
ok $? "csv: every set and every answer a row, with its value"

# JSON: the exercise of each step, as the schema says.
"$PY" - "$T/r.json" "$WANT" "$top_srcdir/routines/unknot-report.schema.json" <<'EOF'
import json, sys, jsonschema
d = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator(json.load(open(sys.argv[3]))).validate(d)
steps = d["routines"][0]["steps"]
got = []
for s in steps:
    if s["kind"] != "exercise":
        assert "exercise" not in s, s
        continue
    x = s["exercise"]
    got.append("|".join([s["title"], s["side"]] + [str(x[k]) for k in
        ("sets_done", "sets_prescribed", "reps_done", "reps_prescribed",
        "easy", "ok", "hard")]))
assert "\n".join(got) == sys.argv[2], got
secs = {s["title"]: s["seconds"] for s in steps}
assert secs["Calf stretch"] == 90 and secs["Slow breaths"] == 90, secs
bad = json.loads(json.dumps(d))
[s for s in bad["routines"][0]["steps"] if "exercise" in s][0]["exercise"]["easy"] = -1
try:
    jsonschema.Draft7Validator(json.load(open(sys.argv[3]))).validate(bad)
    sys.exit("a negative count passed the schema")
except jsonschema.ValidationError:
    pass
EOF
ok $? "json: sets, reps and answers of each exercise, as its schema says"

# HTML: the exercises table, read by html5lib's strict parser.
"$PY" - "$T/r.html" "$WANT" <<'EOF'
import sys, html5lib
raw = open(sys.argv[1], "rb").read()
html5lib.HTMLParser(strict=True).parse(raw)
doc = html5lib.parse(raw, namespaceHTMLElements=False)
h = [x for x in doc.iter("h3") if x.text == "Exercises"]
assert h, "no Exercises heading"
tables = list(doc.iter("table"))
t = [t for t in tables if [th.text for th in t.iter("th")][:2] ==
    ["Exercise", "Sets done"]][0]
got = []
for tr in t.find("tbody").iter("tr"):
    c = ["".join(td.itertext()) for td in tr.iter("td")]
    name = c[0].split(". ", 1)[1]
    title, _, side = name.partition(", ")
    got.append("|".join([title, side] + c[1:]))
assert "\n".join(got) == sys.argv[2], got
EOF
ok $? "html: the exercises table"

# FHIR: each session's Procedure notes its exercises.
"$PY" - "$T/r.fhir" <<'EOF'
import json, sys
b = json.load(open(sys.argv[1]))
procs = [e["resource"] for e in b["entry"]
    if e["resource"]["resourceType"] == "Procedure"]
procs.sort(key=lambda p: p["performedPeriod"]["start"])
notes = [[n["text"] for n in p.get("note", []) if n["text"].startswith("Exercise")]
    for p in procs]
want = [
    ["Exercise 1. Wall squat: 3 of 3 sets, 15 of 15 reps",
     "Exercise 1. Wall squat: felt easy",
     "Exercise 2. Side raise, left: 2 of 2 sets, 8 of 8 reps",
     "Exercise 2. Side raise, right: 2 of 2 sets, 8 of 8 reps",
     "Exercise 2. Side raise: felt ok"],
    ["Exercise 1. Wall squat: 1 of 3 sets, 6 of 15 reps",
     "Exercise 2. Side raise, left: 2 of 2 sets, 8 of 8 reps",
     "Exercise 2. Side raise, right: 2 of 2 sets, 8 of 8 reps",
     "Exercise 2. Side raise: felt hard"],
    ["Exercise 1. Wall squat: 3 of 3 sets, 15 of 15 reps",
     "Exercise 2. Side raise, left: 2 of 2 sets, 8 of 8 reps",
     "Exercise 2. Side raise, right: 2 of 2 sets, 8 of 8 reps",
     "Exercise 2. Side raise: felt hard"],
    ["Exercise 1. Wall squat: 3 of 3 sets, 15 of 15 reps",
     "Exercise 1. Wall squat: felt ok",
     "Exercise 2. Side raise, left: 0 of 2 sets, 2 of 8 reps"],
]
assert notes == want, notes
for p in procs:
    for n in p.get("note", []):
        assert list(n) == ["text"] and isinstance(n["text"], str), n
EOF
ok $? "fhir: each Procedure notes its exercises' sets, reps and answers"

done_testing
