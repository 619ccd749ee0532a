#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# report_flags.sh: what every report format (text, markdown, csv, json)
# says first: who and what (client, therapist, period, completed,
# partial, missed weeks), the signature, and the flags a therapist must not
# miss; and that text from the history reaches no format as it is. The
# history is made by the session engine (tests/test_report), changed with
# sqlite3, and what each report must say is computed from the database
# with Python's own sqlite3 module.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

PY=$(command -v python3) || skip_all "python3 is needed"
command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is needed"

T0=1735725600			# Wed 2025-01-01 10:00:00 UTC
DAY=86400
report_history

# The routine file names the client and the therapist, for three weeks.
sed 's/^title: Test points$/&\nauthor: Jane Doe LMT\nassigned_to: Sam Roe/
    s/weeks: 2}/weeks: 3}/' "$T/routines/test-points.yaml" > "$T/tp" &&
	mv "$T/tp" "$T/routines/test-points.yaml"

# Every format, into $T/NAME.{txt,md,csv,json}.
reports() {
	"$UNKNOT" report > "$T/$1.txt" &&
	"$UNKNOT" report --format markdown > "$T/$1.md" &&
	"$UNKNOT" report --format csv > "$T/$1.csv" &&
	"$UNKNOT" report --format json > "$T/$1.json"
}

# Check the reports $1 against the database at now $2; prints the number
# of flags.
expect() {
	"$PY" - "$DB" "$T/$1" "$2" <<'EOF'
import csv, json, sqlite3, sys, time
db, base, now = sys.argv[1], sys.argv[2], int(sys.argv[3])
c = sqlite3.connect(db)
day = lambda t: time.strftime("%Y-%m-%d", time.gmtime(t))
minute = lambda t: time.strftime("%Y-%m-%d %H:%M", time.gmtime(t))
weeks = 3
ses = c.execute("SELECT id, started, outcome FROM sessions"
    " WHERE rehearsal = 0 ORDER BY started").fetchall()
completed = sum(1 for s in ses if s[2] == "completed")
partial = sum(1 for s in ses if s[2] == "partial")
other = len(ses) - completed - partial
first = ses[0][1] - ses[0][1] % 86400
W = 7 * 86400
missed = [first + w * W for w in range(weeks)
    if first + (w + 1) * W <= now and
    not any(first + w * W <= s[1] < first + (w + 1) * W for s in ses)]
ev = lambda kind, cond: c.execute("SELECT s.started, e.title, e.side"
    " FROM events e JOIN sessions s ON s.id = e.session_id"
    " WHERE e.kind = ? AND " + cond + " ORDER BY s.started, e.seq",
    (kind,)).fetchall()
tens = ev("rating", "e.value = 10")
symptoms = ev("symptom", "e.value = 1")
always = c.execute("SELECT e.title, e.side FROM events e JOIN sessions s"
    " ON s.id = e.session_id WHERE e.kind = 'rating' AND s.rehearsal = 0"
    " AND e.step_kind = 'hold' GROUP BY e.title, e.point, e.side"
    " HAVING min(e.value) >= 8").fetchall()
pl = lambda n: "" if n == 1 else "s"
done = "%d completed, %d partial, %d not finished; %d week%s missed" % (
    completed, partial, other, len(missed), pl(len(missed)))
period = "%s to %s" % (day(first), day(now))
nflags = len(tens) + len(symptoms) + len(always) + len(missed)

# Text: the flags before the routine, who and what under its title.
t = open(base + ".txt").read()
head, _, body = t.partition("\nTest points (test-points)\n")
assert body, t
for line in ("Client: Sam Roe", "Therapist: Jane Doe LMT",
    "Done: " + done, "Period: " + period):
    assert line + "\n" in body, (line, body)
sig = [l for l in body.split("\n") if l.startswith("Signature: ")]
assert len(sig) == 1 and sig[0].startswith("Signature: unsigned"), sig
for s, title, side in tens + symptoms:
    assert "\n  %s  Test points: %s, %s\n" % (minute(s), title, side) in \
        head, (title, head)
for title, side in always:
    assert "\n  Test points: %s%s (every rating at or above ease-off at 8)\n" \
        % (title, ", " + side if side else "") in head, (title, head)
for w in missed:
    assert "\n  week from %s  Test points\n" % day(w) in head, head
assert head.count("\n  ") == nflags, head
assert ("RATED 10:" in head) == bool(tens), head
assert ("SYMPTOMS REPORTED" in head) == bool(symptoms), head
assert ("WEEKS WITH NO SESSION:" in head) == bool(missed), head

# Markdown: the same, as list items.
m = open(base + ".md").read()
head, _, body = m.partition("\n## Test points (`test-points`)\n")
assert body, m
for line in ("- Client: Sam Roe", "- Therapist: Jane Doe LMT",
    "- Done: " + done, "- Period: " + period, "- Signature: unsigned"):
    assert "\n" + line in body, (line, body)
assert ("## Flags" in head) == (nflags > 0), head
assert head.count("\n- ") == nflags, head
for s, title, side in tens + symptoms:
    assert "\n- %s: Test points: %s, %s\n" % (minute(s), title, side) in \
        head, (title, head)

# CSV: every row names the client, the therapist and the signature; the
# rows that raise a flag say which.
rows = list(csv.DictReader(open(base + ".csv", newline="")))
assert rows and all(r["client"] == "Sam Roe" and
    r["therapist"] == "Jane Doe LMT" and
    r["routine_signature"].startswith("unsigned") for r in rows)
fl = lambda name: [r for r in rows if name in r["flags"].split(";")]
assert len(fl("rating_10")) == len(tens), fl("rating_10")
assert all(r["kind"] == "rating" and r["value"] == "10"
    for r in fl("rating_10"))
assert len(fl("symptom")) == len(symptoms)
nalways = sum(1 for r in rows if r["kind"] == "rating" and
    (r["step_title"], r["side"]) in always)
assert len(fl("always_ease_off")) == nalways, (nalways, always)
assert sum(1 for r in rows if r["flags"]) == len(tens) + len(symptoms) + \
    nalways - len([r for r in fl("rating_10") if r in fl("always_ease_off")])

# JSON: the flags first, then who and what.
j = json.load(open(base + ".json"))
assert list(j)[:4] == ["unknot_report", "generated", "since", "flags"]
kinds = sorted(f["kind"] for f in j["flags"])
assert kinds == sorted(["rating_10"] * len(tens) + ["symptom"] *
    len(symptoms) + ["always_ease_off"] * len(always) +
    ["week_without_session"] * len(missed)), kinds
iso = lambda t: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
for k, want in (("rating_10", tens), ("symptom", symptoms)):
    assert sorted((f["when"], f["title"], f["side"]) for f in j["flags"]
        if f["kind"] == k) == sorted((iso(s), t, d) for s, t, d in want)
assert sorted(f["when"] for f in j["flags"] if f["kind"] ==
    "week_without_session") == sorted(iso(w) for w in missed)
r = j["routines"][0]
assert r["client"] == "Sam Roe" and r["therapist"] == "Jane Doe LMT"
assert r["done"] == {"completed": completed, "partial": partial,
    "other": other, "missed_weeks": len(missed)}, r["done"]
assert r["period"]["from"] == day(first) + "T00:00:00Z", r["period"]
assert r["signature"].startswith("unsigned"), r["signature"]
print(nflags)
EOF
}

# As the engine made it, within its first two weeks: nothing to flag.
NOW=$((T0 + 12 * DAY))
UNKNOT_NOW=$NOW reports quiet
ok $? "every format, a quiet history"
"$PY" -c 'import csv, sys
r = list(csv.DictReader(open(sys.argv[1], newline="")))
assert r and all(x["routine_signature"].startswith("unsigned") for x in r)' \
	"$T/quiet.csv"
ok $? "csv: every row says the signature, as the other formats do"
is "$(expect quiet $NOW 2>&1)" 0 \
	"who and what in every format; the signature; no flags when there are none"

# A rating of 10, a symptom, a point rated at ease-off (8) every
# time, and a third week with no session.
sqlite3 "$DB" "
UPDATE events SET value = 10 WHERE rowid = (SELECT rowid FROM events
    WHERE kind = 'rating' ORDER BY session_id, seq LIMIT 1);
UPDATE events SET value = 8 WHERE kind = 'rating' AND title LIKE 'Base%';
INSERT INTO events (session_id, seq, kind, step, step_kind, title, point,
    side, value, arg, at_ms, wall, status)
  SELECT session_id, 1000, 'symptom', step, step_kind, title, point, side,
    1, 0, at_ms, wall, '' FROM events WHERE session_id = 4
    AND kind = 'rating' ORDER BY seq LIMIT 1;"
NOW=$((T0 + 22 * DAY))
UNKNOT_NOW=$NOW reports flagged
ok $? "every format, a history with flags"
is "$(expect flagged $NOW 2>&1)" 4 \
	"the flags first in every format: a 10, a symptom, always at ease-off, a missed week"
check "text: the symptom heading on the third line" sh -c \
	'sed -n 3p "$1" | grep -q "^SYMPTOMS REPORTED"' - "$T/flagged.txt"

# Every step and side: what became of it (the latest status of each
# session), the time in it; each point's median rating and its peaks as a
# sparkline; from the database.
"$PY" - "$DB" "$T/flagged" <<'EOF'
import json, sqlite3, statistics, sys
c = sqlite3.connect(sys.argv[1])
base = sys.argv[2]
real = [r[0] for r in c.execute("SELECT id FROM sessions"
    " WHERE rehearsal = 0 ORDER BY started")]
steps = {}
for sid in real:
    last = {}
    for step, title, kind, side, ev, status, arg in c.execute(
        "SELECT step, title, step_kind, side, kind, status, arg FROM events"
        " WHERE session_id = ? AND step >= 0 AND kind IN"
        " ('step_end', 'status') ORDER BY seq", (sid,)):
        st = steps.setdefault((title, kind, side), {"step": step + 1,
            "sessions": 0, "done": 0, "skipped": 0, "stopped": 0,
            "not_reached": 0, "ms": 0})
        if ev == "step_end":
            st["ms"] += arg
        last[(title, kind, side)] = status
    for k, status in last.items():
        st = steps[k]
        st["sessions"] += 1
        if status in ("done", "let_go", "extended", "eased"):
            st["done"] += 1
        elif status in st:
            st[status] += 1
j = json.load(open(base + ".json"))["routines"][0]
got = {(s["title"], s["kind"], s["side"]): s for s in j["steps"]}
assert set(got) == set(steps), (got, steps)
t = open(base + ".txt").read()
m = open(base + ".md").read()
for k, want in steps.items():
    g = got[k]
    for f in ("step", "sessions", "done", "skipped", "stopped",
        "not_reached"):
        assert g[f] == want[f], (k, f, g, want)
    assert g["seconds"] == want["ms"] // 1000, (k, g, want)
    sec = want["ms"] // 1000
    dur = "%d:%02d" % (sec // 60, sec % 60)
    name = "%d. %s%s (%s)" % (want["step"], k[0], ", " + k[2] if k[2]
        else "", k[1])
    line = ("  %s\n    sessions %d: done %d, skipped %d, stopped %d, "
        "not reached %d; time in it %s\n") % (name, want["sessions"],
        want["done"], want["skipped"], want["stopped"],
        want["not_reached"], dur)
    assert line in t, (line, t)
    row = "| %s | %d | %d | %d | %d | %d | %s |" % (name, want["sessions"],
        want["done"], want["skipped"], want["stopped"], want["not_reached"],
        dur)
    assert row in m, (row, m)
blocks = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"
for p in j["points"]:
    r = [v for (v,) in c.execute("SELECT e.value FROM events e JOIN sessions"
        " s ON s.id = e.session_id WHERE s.rehearsal = 0 AND e.kind ="
        " 'rating' AND e.step_kind = 'hold' AND e.title = ? AND e.point = ?"
        " AND e.side = ?", (p["title"], p["point"], p["side"]))]
    med = statistics.median(r) if r else None
    assert p["median"] == (round(med, 1) if r else None), (p, med)
    spark = ""
    for (sid,) in c.execute("SELECT DISTINCT s.id FROM events e JOIN"
        " sessions s ON s.id = e.session_id WHERE s.rehearsal = 0 AND"
        " e.kind = 'step_start' AND e.title = ? AND e.point = ? AND"
        " e.side = ? ORDER BY s.started", (p["title"], p["point"],
        p["side"])):
        pk = c.execute("SELECT max(value) FROM events WHERE session_id = ?"
            " AND kind = 'rating' AND title = ? AND point = ? AND side = ?",
            (sid, p["title"], p["point"], p["side"])).fetchone()[0]
        spark += "\u00b7" if pk is None else blocks[min(pk, 10) * 7 // 10]
    want = "    median discomfort %s, peaks %s\n" % ("%.1f" % med if r
        else "-", spark)
    assert want in t, (want, t)
    assert "| %s | %s |" % ("%.1f" % med if r else "-", spark) in m, spark
EOF
ok $? "every step and side: sessions, done, skipped, stopped, time; medians and sparklines"

# Text from the history that a terminal, a spreadsheet or Markdown would
# obey: each format keeps it inert.
BAD="char(27) || ']0;owned' || char(7) || '=HYPERLINK(1)|<b>*x*</b>\`' || char(155) || '31m' || char(13) || char(10) || 'end'"
sqlite3 "$DB" "
UPDATE sessions SET title = $BAD, outcome = $BAD;
UPDATE events SET title = $BAD, point = $BAD WHERE title LIKE 'Base%';
UPDATE events SET side = '=1+' || char(27) || '[2J' WHERE side = 'right';"
UNKNOT_NOW=$NOW reports bad
ok $? "every format, hostile text in the history"
UNKNOT_NOW=$NOW "$UNKNOT" history > "$T/bad.hist" &&
	UNKNOT_NOW=$NOW "$UNKNOT" history --json > "$T/bad.hist.json"
ok $? "history, hostile text in it"
"$PY" - "$T/bad" <<'EOF'
import csv, json, re, sys
base = sys.argv[1]
for ext in ("txt", "md", "csv", "json", "hist", "hist.json"):
    raw = open(base + "." + ext, "rb").read()
    for bad in (b"\x1b", b"\x07", b"\xc2\x9b"):
        assert bad not in raw, (ext, bad)
    if ext != "csv":
        assert b"\r" not in raw, ext
# CSV: no cell a spreadsheet would take for a formula.
rows = list(csv.DictReader(open(base + ".csv", newline="")))
cells = [v for r in rows for v in r.values()]
bad = [v for v in cells if v[:1] in ("=", "+", "-", "@", "\t", "\r")
    and not re.fullmatch(r"-?\d+", v)]
assert not bad, bad
assert any(r["side"].startswith("'=1+") for r in rows), cells
# Markdown: the table rows keep their columns; no tag, no emphasis.
m = open(base + ".md").read()
for line in m.split("\n"):
    if line.startswith("| "):
        assert len(re.findall(r"(?<!\\)\|", line)) in (8, 9, 13), line
assert "<b>" not in m and "\\<b\\>" in m and "\\*x\\*" in m
# JSON: the text is kept, escaped.
j = json.load(open(base + ".json"))
t = j["routines"][0]["sessions"][0]["outcome"]
assert t.startswith("\x1b]0;owned\x07=HYPERLINK(1)|<b>"), t
j = json.load(open(base + ".hist.json"))
assert j["sessions"][0]["title"].startswith("\x1b]0;owned"), j
EOF
ok $? "no format lets a terminal escape, a formula or markup through"

done_testing
