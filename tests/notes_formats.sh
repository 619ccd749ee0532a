#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# notes_formats.sh: the client's notes and soreness check-ins in the CSV
# and HTML reports (text, Markdown and JSON: notes.sh; FHIR:
# report_fhir.sh): a row each in the CSV, with the soreness in value, its
# flag and the words in text; in the HTML the soreness table and the
# notes, escaped. The notes are hostile text put straight into the
# history (report_history_notes in lib.sh); what each format must say is
# computed from the database with Python's own sqlite3.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

PY=${PYTHON3:-python3}
[ "$PY" = : ] && PY=python3
"$PY" -c 'import html5lib' 2>/dev/null ||
	skip_all "python3 with html5lib is needed"
command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is needed"

report_history
report_history_notes

NOW=$(sqlite3 "$DB" "SELECT max(wall) + 3600 FROM notes")
UNKNOT_NOW=$NOW "$UNKNOT" report --format csv > "$T/r.csv" &&
	UNKNOT_NOW=$NOW "$UNKNOT" report --format html > "$T/r.html"
ok $? "csv and html written"
! grep -q "$(printf '\033')" "$T/r.csv" "$T/r.html"
ok $? "no escape byte reaches either"

# CSV: one row per note and check-in, after the events.
"$PY" - "$DB" "$T/r.csv" <<'EOF'
import csv, re, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1])
iso = lambda t: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
rows = list(csv.reader(open(sys.argv[2], newline=""), strict=True))
head, rows = rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]
assert head[-1] == "text", head
assert all(len(r) == len(head) for r in rows)
def cell(t):
    t = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "\ufffd", t)
    return "'" + t if t[:1] in ("=", "+", "-", "@", "\t", "\r") else t
want = []
for sid, start, wall, kind, value, text in c.execute(
        "SELECT n.session_id, s.started, n.wall, n.kind, n.value, n.text"
        " FROM notes n LEFT JOIN sessions s ON s.id = n.session_id"
        " ORDER BY n.wall, n.id"):
    want.append((str(sid or ""), iso(start) if sid else "", iso(wall), kind,
        str(value) if kind == "checkin" else "",
        "soreness_7_or_more" if kind == "checkin" and value >= 7 else "",
        cell(text)))
got = [(r["session_id"], r["session_start"], r["wall"], r["kind"],
    r["value"], r["flags"], r["text"]) for r in rows
    if r["kind"] in ("note", "spread", "checkin")]
assert got == want, (got, want)
kinds = [r["kind"] for r in rows]
assert kinds.index("note") > max(i for i, k in enumerate(kinds)
    if k not in ("note", "spread", "checkin")), "after the events"
assert all(r["text"] == "" for r in rows if r["kind"] not in
    ("note", "spread")), "text only for the words"
EOF
ok $? "csv: a row per note and check-in, soreness, flag and words as they are"

# HTML: the soreness table and the notes, parsed by html5lib's strict
# parser; the notes' markup is text, not elements.
"$PY" - "$DB" "$T/r.html" <<'EOF'
import re, sqlite3, sys, time
import html5lib
c = sqlite3.connect(sys.argv[1])
raw = open(sys.argv[2], "rb").read()
html5lib.HTMLParser(strict=True).parse(raw)
doc = html5lib.parse(raw, namespaceHTMLElements=False)
assert not list(doc.iter("script")) and not list(doc.iter("b")), "markup"
minute = lambda t: time.strftime("%Y-%m-%d %H:%M", time.gmtime(t))
h3 = {h.text: h for h in doc.iter("h3")}
assert "Soreness after sessions" in h3 and "Notes from the client" in h3
tables = [t for t in doc.iter("table")
    if [th.text for th in t.iter("th")] == ["Session", "24 h after",
    "48 h after"]]
assert len(tables) == 1, len(tables)
got = [tuple("".join(td.itertext()) for td in tr.iter("td"))
    for tr in tables[0].find("tbody").iter("tr")]
sore = {}
for sid, start, end, wall, v in c.execute("SELECT s.id, s.started,"
        " coalesce(s.ended, s.started), n.wall, n.value FROM notes n"
        " JOIN sessions s ON s.id = n.session_id WHERE n.kind = 'checkin'"
        " ORDER BY n.wall, n.id"):
    col = 0 if wall - end < 36 * 3600 else 1
    sore.setdefault((start, sid), ["-", "-"])[col] = str(v)
want = [(minute(k[0]), a, b) for k, (a, b) in sorted(sore.items())]
assert got == want, (got, want)
ul, = [u for u in doc.iter("ul") if u.get("class") == "notes"]
items = ["".join(li.itertext()) for li in ul.iter("li")]
want = []
for sid, start, wall, kind, text in c.execute("SELECT n.session_id,"
        " s.started, n.wall, n.kind, n.text FROM notes n LEFT JOIN"
        " sessions s ON s.id = n.session_id WHERE n.kind <> 'checkin'"
        " ORDER BY n.wall, n.id"):
    t = re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "\ufffd", text)
    t = t.replace("\n", " ")
    where = ("%s the session of %s: " % ("felt spreading in" if kind ==
        "spread" else "on", minute(start))) if sid else "to the routine: "
    want.append("%s, %s%s" % (minute(wall), where, t))
assert items == want, (items, want)
EOF
ok $? "html: the soreness table and the notes, escaped"

done_testing
