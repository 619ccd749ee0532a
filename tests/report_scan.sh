#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# report_scan.sh: a report over a long history, read in one pass over
# the sessions and one over the events: every session's figures (end,
# time, hold time, peak, points done, what was not done, symptoms,
# whether it counts), every point's totals and trend, and the outcomes,
# checked against the same figures computed by sqlite3 queries over the
# file (Python's sqlite3 module), for the whole history, one routine,
# and `unknot history`; with the events of sessions stored interleaved,
# ids dense and sparse. And the file is read about once: the bytes the
# report reads from it stay under twice its size (strace), where a query
# per routine reads it again for each. Last, what remind makes of a
# session that has nothing but its start.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

PY=$(command -v python3) || skip_all "python3 is needed"
command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is needed"

report_history
export UNKNOT_NOW=1767225600		# 2026-01-01 00:00:00 UTC
cp "$DB" "$T/engine.db"

# Fill the history with SESSIONS copies of the engine's five sessions
# over three routines, ids every STEP, statuses, symptoms, rehearsals and
# unfinished sessions varied, the events of neighbouring sessions
# stored interleaved.
grow() {
	"$PY" - "$T/engine.db" "$DB" "$1" "$2" <<'EOF'
import random, shutil, sqlite3, sys
src, db, sessions, step = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
shutil.copyfile(src, db)
rng = random.Random(15)
c = sqlite3.connect(db)
scols = [r[1] for r in c.execute("PRAGMA table_info(sessions)")]
ecols = [r[1] for r in c.execute("PRAGMA table_info(events)")]
tpl = [(dict(zip(scols, s)), [dict(zip(ecols, e)) for e in c.execute(
    "SELECT * FROM events WHERE session_id = ? ORDER BY seq", (s[0],))])
    for s in c.execute("SELECT * FROM sessions ORDER BY id").fetchall()]
c.execute("DELETE FROM events")
c.execute("DELETE FROM sessions")
statuses = ["done", "let_go", "extended", "eased", "skipped", "stopped",
    "not_reached"]
t0 = 1735725600
rows, evs = [], []
for k in range(sessions):
    s, ev = tpl[k % len(tpl)]
    s = dict(s)
    sid = 1000 + k * step
    shift = k * 9000 - s["started"] + t0
    s["id"] = sid
    s["routine_id"] = ["test-points", "other-one", "third"][k % 3]
    s["started"] += shift
    s["rehearsal"] = 1 if rng.random() < 0.05 else 0
    unfinished = rng.random() < 0.04
    if s["ended"] is not None:
        s["ended"] += shift
    if unfinished:
        s["ended"] = s["outcome"] = None
    out = []
    for e in ev:
        e = dict(e)
        e["session_id"] = sid
        e["wall"] += shift
        if e["status"] and rng.random() < 0.3:
            e["status"] = rng.choice(statuses)
        out.append(e)
        if e["kind"] == "rating" and rng.random() < 0.1:
            out.append(dict(e, kind="symptom", value=1, arg=0))
        if e["kind"] == "rating" and rng.random() < 0.05:
            out.append(dict(e, kind="symptom", value=0, arg=0))
    if unfinished:
        out = out[:rng.randrange(1, len(out) + 1)]
    for i, e in enumerate(out):
        e["seq"] = i + 1
    rows.append(s)
    evs.append(out)
ins = lambda t, cols, r: c.execute("INSERT INTO %s (%s) VALUES (%s)" % (
    t, ",".join(cols), ",".join("?" * len(cols))), [r[x] for x in cols])
for s in rows:
    ins("sessions", scols, s)
# Two sessions at a time, their events taken in turn.
for a in range(0, len(evs), 2):
    pair = evs[a:a + 2]
    for i in range(max(len(p) for p in pair)):
        for p in pair:
            if i < len(p):
                ins("events", ecols, p[i])
c.commit()
c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
c.close()
EOF
}

# Check $1 (report JSON, or history JSON with $2 = history) against the
# database; prints what differs, nothing when all agree.
expect() {
	"$PY" - "$DB" "$1" "${2:-report}" <<'EOF'
import json, sqlite3, sys, time
db, path, what = sys.argv[1], sys.argv[2], sys.argv[3]
c = sqlite3.connect(db)
iso = lambda t: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
one = lambda sql, *a: c.execute(sql, a).fetchone()[0]
bad = []
def same(where, got, want):
    if got != want and not (isinstance(want, float) and
                            isinstance(got, (int, float)) and
                            abs(got - want) < 0.01):
        bad.append("%s: %r, want %r" % (where, got, want))
def session(s):
    i = s["id"]
    st, ended, outcome, reh, hold_s = c.execute(
        "SELECT started, ended, outcome, rehearsal, hold_seconds"
        " FROM sessions WHERE id = ?", (i,)).fetchone()
    last = one("SELECT max(wall) FROM events WHERE session_id = ?", i)
    end = ended if ended is not None else last if last is not None else st
    same((i, "end"), s["end"], iso(end))
    same((i, "active_s"), s["active_s"], (one("SELECT coalesce(max(at_ms),"
        " 0) FROM events WHERE session_id = ?", i)) // 1000)
    held = one("SELECT coalesce(sum(arg), 0) FROM events WHERE"
        " session_id = ? AND kind = 'step_end' AND step_kind = 'hold'", i)
    same((i, "hold_done_s"), s["hold_done_s"], held // 1000)
    same((i, "peak"), s["peak"], one("SELECT max(value) FROM events"
        " WHERE session_id = ? AND kind = 'rating'", i))
    # Each step and side: its latest status, and the event that set it.
    latest = c.execute("SELECT e.step, e.side, e.status, e.title,"
        " e.step_kind FROM events e WHERE e.session_id = ?1"
        " AND e.status <> '' AND e.seq = (SELECT max(k.seq) FROM events k"
        " WHERE k.session_id = ?1 AND k.step = e.step AND k.side = e.side"
        " AND k.status <> '') ORDER BY e.step, e.side", (i,)).fetchall()
    done = sum(1 for (stp, side, status, _, _) in latest
        if status in ("done", "let_go", "extended", "eased") and one(
        "SELECT count(*) FROM events WHERE session_id = ? AND step = ?"
        " AND side = ? AND kind = 'step_end' AND step_kind = 'hold'"
        " AND status = ?", i, stp, side, status))
    same((i, "points_done"), s["points_done"], done)
    nd = "; ".join("%s%s: %s" % (t, ", " + side if side else "",
        status.replace("_", " ")) for (_, side, status, t, kind) in latest
        if status in ("skipped", "stopped", "not_reached") and kind != "note")
    same((i, "not_done"), s["not_done"], nd)
    sym = "; ".join(t + (", " + side if side else "") for (t, side) in
        c.execute("SELECT title, side FROM events WHERE session_id = ?"
        " AND kind = 'symptom' AND value = 1 ORDER BY seq", (i,)))
    same((i, "symptoms"), s["symptoms"], sym)
    counts = reh == 0 and outcome is not None and (outcome == "completed"
        or (outcome != "abandoned" and hold_s != 0 and
            held * 2 >= hold_s * 1000))
    same((i, "counts"), s["counts"], counts)
d = json.load(open(path))
if what == "history":
    n = one("SELECT count(*) FROM sessions")
    same("sessions", len(d["sessions"]), n)
    for s in d["sessions"]:
        session(s)
else:
    for r in d["routines"]:
        rid = r["id"]
        ids = [x[0] for x in c.execute("SELECT id FROM sessions WHERE"
            " routine_id = ? ORDER BY started, id", (rid,))]
        same((rid, "sessions"), [s["id"] for s in r["sessions"]], ids)
        for s in r["sessions"]:
            session(s)
        o = dict(c.execute("SELECT outcome, count(*) FROM sessions"
            " WHERE routine_id = ? AND rehearsal = 0 GROUP BY outcome",
            (rid,)).fetchall())
        same((rid, "completed"), r["done"]["completed"],
            o.get("completed", 0))
        same((rid, "partial"), r["done"]["partial"], o.get("partial", 0))
        same((rid, "other"), r["done"]["other"],
            sum(o.values()) - o.get("completed", 0) - o.get("partial", 0))
        pts = {(p["title"], p["side"]): p for p in r["points"]}
        want = c.execute("SELECT e.title, e.side, count(DISTINCT"
            " e.session_id), sum(e.kind = 'rating'), avg(CASE WHEN e.kind ="
            " 'rating' THEN e.value END), max(CASE WHEN e.kind = 'rating'"
            " THEN e.value END), sum(e.kind = 'ease_off'),"
            " sum(e.kind = 'bracing'), sum(e.kind = 'skip')"
            " FROM events e JOIN sessions s ON s.id = e.session_id"
            " WHERE s.routine_id = ? AND s.rehearsal = 0"
            " AND e.step_kind = 'hold' AND e.kind <> 'status'"
            " GROUP BY e.title, e.point, e.side", (rid,)).fetchall()
        same((rid, "points"), sorted(pts), sorted((w[0], w[1]) for w in want))
        for (t, side, ns, nr, avg, peak, eo, br, sk) in want:
            p = pts.get((t, side))
            if p is None:
                continue
            for k, v in (("sessions", ns), ("ratings", nr), ("avg", avg),
                         ("peak", peak), ("ease_offs", eo), ("bracing", br),
                         ("skips", sk)):
                same((rid, t, side, k), p[k], v)
            trend = c.execute("SELECT e.session_id, max(CASE WHEN e.kind ="
                " 'rating' THEN e.value END), sum(e.kind = 'rating'),"
                " min(CASE WHEN e.kind = 'release' THEN e.arg END),"
                " sum(CASE WHEN e.kind = 'step_end' THEN e.arg ELSE 0 END)"
                " FROM events e JOIN sessions s ON s.id = e.session_id"
                " WHERE s.routine_id = ? AND s.rehearsal = 0"
                " AND e.step_kind = 'hold' AND e.kind <> 'status'"
                " AND e.title = ? AND e.side = ? GROUP BY e.session_id"
                " ORDER BY s.started, e.session_id", (rid, t, side)).fetchall()
            same((rid, t, side, "trend"), [(x["session"], x["peak"],
                x["ratings"], x["release_ms"], x["hold_ms"])
                for x in p["trend"]], [tuple(x) for x in trend])
for b in bad[:10]:
    print(b)
if len(bad) > 10:
    print("... and %d more" % (len(bad) - 10))
EOF
}

for ids in 1 7; do
	grow 2000 $ids
	ok $? "a history of 2,000 sessions, ids every $ids"
	"$UNKNOT" report --format json > "$T/r.json" 2>"$T/err"
	ok $? "report over it"
	is "$(expect "$T/r.json")" "" \
	    "every session, point and outcome as sqlite3 counts them (ids every $ids)"
	"$UNKNOT" report --format json --routine other-one > "$T/one.json"
	is "$(expect "$T/one.json")" "" \
	    "the same for one routine (ids every $ids)"
	"$UNKNOT" history --json > "$T/h.json"
	is "$(expect "$T/h.json" history)" "" \
	    "history: every session the same (ids every $ids)"
done

# How much of the file a report reads: SQLite's own reads of history.db
# (pread64 on its descriptor), beside the file's size.
# (LeakSanitizer cannot run under ptrace: an ASan build checks no leaks
# here)
if command -v strace >/dev/null 2>&1; then
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	    strace -f -e trace=openat,pread64,read -e signal=none \
	    -o "$T/trace" "$UNKNOT" report > /dev/null 2>&1
	size=$(wc -c < "$DB")
	read=$(awk '
		/openat\(.*history\.db", / && $NF !~ /^-/ { fd[$NF] = 1 }
		/^[0-9]+ +(pread64|read)\(/ {
			f = $2; sub(/^(pread64|read)\(/, "", f); sub(/,.*/, "", f)
			if (f in fd && $NF ~ /^[0-9]+$/) n += $NF
		}
		END { print n + 0 }' "$T/trace")
	echo "# history.db: $size bytes; the report read $read"
	[ "$read" -gt 0 ] && [ "$read" -lt $((size * 2)) ]
	ok $? "the report reads the history once, not once a routine"
else
	skip "the report reads the history once" "strace is needed"
fi

# remind reads only the sessions table and what its totals need of the
# events: a session that died before its first event (no end, no event)
# ended as it began, 11:00, so its aftercare runs to 11:00 tomorrow.
noon=$((UNKNOT_NOW + 12 * 3600))
sqlite3 "$DB" "DELETE FROM events; DELETE FROM sessions;
    INSERT INTO sessions (id, routine_id, title, sha256, started, points)
    VALUES (1, 'test-points', 'Test points', 'x', $((noon - 3600)), 3)"
UNKNOT_NOW=$noon "$UNKNOT" remind > "$T/remind" 2>&1
grep -q "^Today's session (Test points): drink plenty of water.* until 11:00 tomorrow;" "$T/remind"
ok $? "remind: a session with no end and no event ended as it began"

done_testing
