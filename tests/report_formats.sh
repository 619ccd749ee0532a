#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# report_formats.sh: the report formats other programs read. CSV: one
# header row, RFC 4180 as Python's csv module reads it strictly, steps
# numbered from 1, a value only where the event has one. JSON: what
# routines/unknot-report.schema.json says, and that schema rejects what it
# must. HTML: one page that html5lib's strict parser accepts, with nothing
# to run or fetch, a sparkline per point, every text escaped. What each
# must say is computed from the database with Python's sqlite3.
#
# The HTML was also looked at in a browser, by hand, as a client would:
#   unknot report --format html -o r.html
#   chromium --headless --no-sandbox --screenshot=r.png r.html
# and once printed to PDF (--print-to-pdf=r.pdf): tables whole, black on
# white, the flags boxed, one routine per page.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

PY=${PYTHON3:-python3}
[ "$PY" = : ] && PY=python3
"$PY" -c 'import jsonschema, html5lib' 2>/dev/null ||
	skip_all "python3 with jsonschema and html5lib is needed"

T0=1735725600			# Wed 2025-01-01 10:00:00 UTC
DAY=86400
NOW=$((T0 + 16 * DAY))
export UNKNOT_NOW=$NOW
SCHEMA="$top_srcdir/routines/unknot-report.schema.json"
report_history

# Text that needs quoting in CSV and escaping in HTML, a symptom answered
# no and one answered yes.
"$PY" - "$DB" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE events SET title = 'Base, \"the\" <b>skull</b> & ''co''\n"
    "next' WHERE title LIKE 'Base%'")
for sid, val in ((2, 0), (4, 1)):
    c.execute("INSERT INTO events (session_id, seq, kind, step, step_kind,"
        " title, point, side, value, arg, at_ms, wall, status) SELECT"
        " session_id, 1000, 'symptom', step, step_kind, title, point, side,"
        " ?, 0, at_ms, wall, '' FROM events WHERE session_id = ? AND"
        " kind = 'rating' ORDER BY seq LIMIT 1", (val, sid))
c.commit()
EOF
ok $? "quotes, commas, a line end, markup and symptoms put in the history"

"$UNKNOT" report --format csv > "$T/r.csv" &&
"$UNKNOT" report --format json > "$T/r.json" &&
"$UNKNOT" report --format html > "$T/r.html"
ok $? "report as csv, json and html"

# CSV.
"$PY" - "$DB" "$T/r.csv" <<'EOF'
import csv, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
raw = open(sys.argv[2], "rb").read()
assert raw.endswith(b"\r\n"), raw[-20:]
rows = list(csv.reader(open(sys.argv[2], newline=""), strict=True))
head = rows[0]
assert head[:3] == ["session_id", "session_start", "session_outcome"], head
assert all(r != head for r in rows[1:]), "one header row"
assert all(len(r) == len(head) for r in rows), "every row has every column"
# Every line that is not inside a quoted field ends in CRLF.
assert raw.count(b"\r\n") == len(rows) + sum(
    v.count("\r\n") for r in rows for v in r), "CRLF"
d = [dict(zip(head, r)) for r in rows[1:]]
ev = c.execute("SELECT e.kind, e.step, e.value, e.title FROM events e JOIN"
    " sessions s ON s.id = e.session_id ORDER BY s.started, s.id, e.seq"
    ).fetchall()
assert len(d) == len(ev), (len(d), len(ev))
valued = ("rating", "pre_pain", "post_pain", "symptom")
for r, (kind, step, value, title) in zip(d, ev):
    assert r["kind"] == kind, (r, kind)
    assert r["step"] == ("" if step < 0 else str(step + 1)), (r, step)
    assert r["value"] == (str(value) if kind in valued else ""), (r, value)
    assert r["step_title"] == title, (r["step_title"], title)
assert {r["value"] for r in d if r["kind"] == "symptom"} == {"0", "1"}
assert any(r["kind"] == "step_start" and r["step"] == "1" for r in d)
EOF
ok $? "csv: one header row, strict RFC 4180, steps from 1, values only of ratings and answers"

# JSON, and a schema that can fail.
"$PY" - "$SCHEMA" "$T/r.json" "$DB" <<'EOF'
import copy, json, sqlite3, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator.check_schema(schema)
v = jsonschema.Draft7Validator(schema)
j = json.load(open(sys.argv[2]))
errs = [e.message for e in v.iter_errors(j)]
assert not errs, errs
assert j["unknot_report"] == 1
c = sqlite3.connect(sys.argv[3])
n = c.execute("SELECT count(*) FROM sessions").fetchone()[0]
assert len(j["routines"][0]["sessions"]) == n
def broken(f):
    b = copy.deepcopy(j)
    f(b)
    return not v.is_valid(b)
r = lambda b: b["routines"][0]
assert broken(lambda b: b.pop("unknot_report"))
assert broken(lambda b: b.update(unknot_report=2))
assert broken(lambda b: r(b)["sessions"][0].update(start="yesterday"))
assert broken(lambda b: r(b)["sessions"][0].update(pre_pain=11))
assert broken(lambda b: r(b)["steps"][0].update(step=0))
assert broken(lambda b: r(b)["points"][0].pop("trend"))
assert broken(lambda b: b["flags"].append({"kind": "rating_11"}))
assert broken(lambda b: r(b).update(sha256=["ABC"]))
EOF
ok $? "json: follows its schema, which rejects a broken report"

# HTML: a strict parser, nothing to run or fetch, text escaped.
"$PY" - "$T/r.html" "$DB" <<'EOF'
import re, sqlite3, sys, html5lib
raw = open(sys.argv[1], encoding="utf-8").read()
def valid(s):
    try:
        html5lib.HTMLParser(strict=True).parse(s)
        return True
    except html5lib.html5parser.ParseError:
        return False
assert valid(raw)
assert not valid(raw.replace("<!DOCTYPE html>", ""))
assert not valid(raw.replace("</td>", "</th>", 1))
doc = html5lib.parse(raw, namespaceHTMLElements=False)
tags = [e.tag for e in doc.iter() if isinstance(e.tag, str)]
for bad in ("script", "link", "iframe", "img", "object", "embed", "base"):
    assert bad not in tags, bad
for e in doc.iter():
    for k in e.attrib:
        name = k.split("}")[-1].lower()
        assert not name.startswith("on") and name not in ("src", "href"), k
assert not re.search(r"url\(|@import|https?://(?!www\.w3\.org/2000/svg)",
    raw), "nothing fetched"
assert "@media print" in raw
c = sqlite3.connect(sys.argv[2])
npoints = c.execute("SELECT count(*) FROM (SELECT DISTINCT title, point,"
    " side FROM events WHERE kind = 'step_start' AND step_kind = 'hold')"
    ).fetchone()[0]
svgs = [e for e in doc.iter() if e.tag == "{http://www.w3.org/2000/svg}svg"
    or e.tag == "svg"]
assert len(svgs) == npoints, (len(svgs), npoints)
text = "".join(doc.itertext())
assert "<b>skull</b> & 'co'" in text, "the title as text"
assert "<b>" not in raw.replace("&lt;b&gt;", "")
EOF
ok $? "html: strict parse, no script, nothing fetched, a sparkline per point, text escaped"

# -o writes the same page through a temporary file.
"$UNKNOT" report --format html -o "$T/o.html"
ok $? "report --format html -o"
check "-o writes what standard output gets" cmp -s "$T/r.html" "$T/o.html"

# Text a terminal would obey (an escape, a C1 control, a bidirectional
# override) reaches neither the page nor the FHIR Bundle as it is.
"$PY" - "$DB" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE events SET title = 'Top' || char(27) || ']0;x' ||"
    " char(7) || char(155) || char(8238) || 'end' WHERE title LIKE 'Top%'")
c.commit()
EOF
"$UNKNOT" report --format html > "$T/bad.html" &&
	"$UNKNOT" report --format fhir > "$T/bad.fhir"
ok $? "html and fhir, hostile text in the history"
"$PY" - "$T/bad.html" "$T/bad.fhir" <<'EOF'
import json, sys
for f in sys.argv[1:]:
    raw = open(f, "rb").read()
    for bad in (b"\x1b", b"\x07", b"\xc2\x9b", "\u202e".encode()):
        assert bad not in raw, (f, bad)
    assert b"\\u001b" not in raw and b"\\u202e" not in raw, f
    assert "Top\ufffd]0;x".encode() in raw, (f, raw[:0])
json.load(open(sys.argv[2]))
EOF
ok $? "no escape, control or override in the html or the fhir"

done_testing
