# SPDX-License-Identifier: GPL-3.0-or-later
"""benchlib.py: what the benchmark scripts share.

Each script in bench/ measures one figure and prints its rows on stdout as
tab-separated fields: key, figure, unknot's value, the reference value (or
empty). bench/run lays them out as a table. A figure that cannot be measured
here prints "n/a (reason)" instead of failing. Progress and diagnostics go
to stderr.

Where things are, from the environment (the `make bench` target sets them):
  UNKNOT          the binary (default: ./src/unknot)
  top_srcdir      the source tree (default: the parent of this directory)
  top_builddir    the build tree, for bench/yamlparse and bench/histbench
                  (default: the directory of UNKNOT's parent)
  BENCH_TMPDIR    where the scratch files go (default: the build tree)
"""

import contextlib
import glob
import json
import os
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))


class NA(Exception):
    """A figure that cannot be measured here, with the reason."""


def log(*args):
    """Progress for the person running the benchmark (stderr)."""
    print("bench:", *args, file=sys.stderr, flush=True)


def srcdir():
    """The source tree."""
    return os.path.abspath(os.environ.get("top_srcdir") or
                           os.path.join(HERE, ".."))


def unknot():
    """The binary under test; NA if it is not built."""
    path = os.environ.get("UNKNOT") or os.path.join("src", "unknot")
    path = os.path.abspath(path)
    if not os.access(path, os.X_OK):
        raise NA("no unknot binary at %s: build it or set UNKNOT" % path)
    return path


def builddir():
    """The build tree."""
    env = os.environ.get("top_builddir")
    if env:
        return os.path.abspath(env)
    return os.path.dirname(os.path.dirname(unknot()))


def helper(name):
    """A C helper built by `make bench` (bench/NAME); NA if missing."""
    path = os.path.join(builddir(), "bench", name)
    if not os.access(path, os.X_OK):
        raise NA("bench/%s not built: run `make bench`" % name)
    return path


def which(prog):
    """The path of prog on PATH, or None."""
    return shutil.which(prog)


def need(prog, package=None):
    """The path of prog; NA naming the Debian package if missing."""
    path = which(prog)
    if path is None:
        raise NA("%s not installed, Debian package %s" %
                 (prog, package or prog))
    return path


class Work:
    """A scratch directory with a private HOME and XDG dirs, removed at the
    end unless BENCH_KEEP is set."""

    def __init__(self, name):
        """Make the directory, named after the figure."""
        base = os.environ.get("BENCH_TMPDIR")
        if not base:
            try:
                base = builddir()
            except NA:
                base = None
        self.dir = tempfile.mkdtemp(prefix="bench-%s." % name, dir=base)
        self.env = self.make_env("home")

    def path(self, *parts):
        """A path inside the scratch directory."""
        return os.path.join(self.dir, *parts)

    def make_env(self, name, config=None):
        """An environment with its own HOME and XDG dirs under NAME; config
        (text) is written as its unknot config.yaml."""
        root = self.path(name)
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("UNKNOT_", "XDG_", "PULSE_", "ALSA_"))
               and k not in ("NO_COLOR", "TMUX", "TMUX_PANE")}
        env.update({
            "HOME": root,
            "XDG_CONFIG_HOME": os.path.join(root, "config"),
            "XDG_DATA_HOME": os.path.join(root, "data"),
            "XDG_STATE_HOME": os.path.join(root, "state"),
            "XDG_CACHE_HOME": os.path.join(root, "cache"),
            "XDG_RUNTIME_DIR": os.path.join(root, "run"),
            "UNKNOT_PATH": os.path.join(srcdir(), "routines"),
            "UNKNOT_SOUNDS": os.path.join(srcdir(), "sounds"),
            "TZ": "UTC",
            "LC_ALL": "C.UTF-8",
        })
        for k in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME",
                  "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"):
            os.makedirs(env[k], exist_ok=True)
        os.chmod(env["XDG_RUNTIME_DIR"], 0o700)
        if config is not None:
            os.makedirs(os.path.join(env["XDG_CONFIG_HOME"], "unknot"),
                        exist_ok=True)
            with open(os.path.join(env["XDG_CONFIG_HOME"], "unknot",
                                   "config.yaml"), "w") as f:
                f.write(config)
        return env

    def write(self, name, text):
        """Write a file in the scratch directory; its path."""
        p = self.path(name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            f.write(text)
        return p

    def close(self):
        """Remove the scratch directory."""
        if os.environ.get("BENCH_KEEP"):
            log("kept", self.dir)
        else:
            shutil.rmtree(self.dir, ignore_errors=True)


class Table:
    """The rows of one figure: set them as they are measured; the rest are
    n/a with the reason when the figure stops early."""

    def __init__(self, rows):
        """The rows as (key, figure)."""
        self.rows = list(rows)           # (key, figure)
        self.values = {}

    def set(self, key, value, ref=""):
        """The value of a row, and the reference beside it."""
        self.values[key] = (value, ref)

    def emit(self, reason="not measured"):
        """Print every row, n/a (reason) for those not set."""
        for key, figure in self.rows:
            value, ref = self.values.get(key, ("n/a (%s)" % reason, ""))
            print("%s\t%s\t%s\t%s" % (key, figure, value, ref), flush=True)


def main(rows, body):
    """Run body(table) and print the table; an NA or an error turns the rows
    not set into n/a."""
    t = Table(rows)
    reason = "not measured"
    try:
        body(t)
    except NA as e:
        reason = str(e)
        log("n/a:", reason)
    except Exception as e:     # a failing figure must not stop the table
        traceback.print_exc()
        reason = "error: %s" % (str(e).splitlines() or [type(e).__name__])[0]
    t.emit(reason)


def fmt(value, unit, digits=2):
    """A number with its unit."""
    if value is None:
        return "n/a"
    if isinstance(value, int):
        s = "%d" % value
    elif abs(value) >= 1000:
        s = "%.0f" % value
    else:
        s = "%.*f" % (digits, value)
    return "%s %s" % (s, unit) if unit else s


def ref(value, what):
    """A reference value with what it is."""
    return "%s (%s)" % (value, what)


def first_line(err):
    """The first line of an error output (bytes or str), shortened."""
    if isinstance(err, bytes):
        err = err.decode(errors="replace")
    lines = err.strip().splitlines()
    return lines[0][:200] if lines else "no message"


def run(argv, env=None, stdin=subprocess.DEVNULL, timeout=600, check=True):
    """Run a command, its output captured; raises if it fails."""
    p = subprocess.run(argv, env=env, stdin=stdin, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=timeout)
    if check and p.returncode != 0:
        raise RuntimeError("%s exited %d: %s" % (
            os.path.basename(argv[0]), p.returncode,
            first_line(p.stderr)))
    return p


def timed(argv, env=None):
    """Wall seconds of one run of argv (output discarded)."""
    t0 = time.monotonic()
    p = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    t = time.monotonic() - t0
    if p.returncode != 0:
        raise RuntimeError("%s exited %d: %s" % (
            os.path.basename(argv[0]), p.returncode,
            first_line(p.stderr)))
    return t


def medians(commands, env=None, runs=10, warmup=2, work=None):
    """Median wall seconds of each (name, argv), with hyperfine if it is
    installed (and BENCH_NO_HYPERFINE is not set), else by running each
    warmup + runs times. Returns ({name: seconds}, method)."""
    for name, argv in commands:
        timed(argv, env)        # fail early, with the command's message
    hf = None if os.environ.get("BENCH_NO_HYPERFINE") else which("hyperfine")
    if hf:
        out = tempfile.mktemp(suffix=".json",
                              dir=work.dir if work else None)
        cmd = [hf, "-N", "--style", "none", "--warmup", str(warmup),
               "--runs", str(runs), "--export-json", out]
        for name, argv in commands:
            cmd += ["--command-name", name,
                    " ".join(shlex.quote(a) for a in argv)]
        run(cmd, env=env, timeout=3600)
        with open(out) as f:
            res = json.load(f)["results"]
        os.unlink(out)
        return ({r["command"]: r["median"] for r in res},
                "hyperfine, median of %d" % runs)
    got = {}
    for name, argv in commands:
        for _ in range(warmup):
            timed(argv, env)
        got[name] = statistics.median(timed(argv, env) for _ in range(runs))
    return got, "median of %d runs" % runs


def maxrss(argv, env=None, stdin=subprocess.DEVNULL, timeout=600):
    """Peak resident set of a command in KiB, through bench/peakrss (see
    there why not from here)."""
    p = subprocess.run([helper("peakrss"), "-"] + argv, env=env, stdin=stdin,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=timeout)
    if p.returncode != 0:
        raise RuntimeError("%s exited %d: %s" % (
            os.path.basename(argv[0]), p.returncode, first_line(p.stderr)))
    # The command's own output comes first; the figure is the last line.
    return int(p.stdout.decode(errors="replace").split()[-2])


def proc_stats(pid):
    """CPU ns, timeslices and context switches of each thread of a process:
    {tid: {cpu_ns, slices, vol, invol}}."""
    s = {}
    for tid in os.listdir("/proc/%d/task" % pid):
        base = "/proc/%d/task/%s/" % (pid, tid)
        try:
            with open(base + "schedstat") as f:
                cpu, _wait, slices = f.read().split()[:3]
            with open(base + "status") as f:
                status = f.read()
        except (FileNotFoundError, ProcessLookupError):
            continue        # a thread that ended meanwhile
        s[tid] = {
            "cpu_ns": int(cpu), "slices": int(slices),
            "vol": int(re.search(r"^voluntary_ctxt_switches:\s*(\d+)",
                                 status, re.M).group(1)),
            "invol": int(re.search(r"^nonvoluntary_ctxt_switches:\s*(\d+)",
                                   status, re.M).group(1))}
    return s


def proc_delta(a, b):
    """What a process's threads did between two proc_stats() samples,
    summed: {cpu_ns, slices, vol, invol}. A thread started in between
    counts from zero; one that ended in between is left out, as what it
    did is gone with it (summing the samples would count it as less than
    nothing)."""
    d = {"cpu_ns": 0, "slices": 0, "vol": 0, "invol": 0}
    for tid, v in b.items():
        for k in d:
            d[k] += v[k] - a.get(tid, {}).get(k, 0)
    return d


def alive(pid):
    """Whether pid is still running (and not a zombie)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):     # gone, or going as we read
        return False


class Tmux:
    """A tmux server on a private socket with no config file."""

    def __init__(self, env):
        """A server for this process, run with env."""
        self.tmux = need("tmux")
        self.sock = "bench-%d" % os.getpid()
        self.env = env
        self.pids = []
        self.path = None     # the socket, known once a session runs

    def cmd(self, *args, check=True):
        """Run a tmux command; its stdout."""
        p = subprocess.run([self.tmux, "-L", self.sock, "-f", "/dev/null"] +
                           list(args), env=self.env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if check and p.returncode != 0:
            raise RuntimeError("tmux %s: %s" % (
                args[0], p.stderr.decode(errors="replace").strip()))
        return p.stdout.decode(errors="replace")

    def start(self, name, argv, env=None, cols=80, rows=24):
        """A detached session NAME running argv (exec'd, so the pane's pid
        is the program's) at cols x rows; env: variables to set. The pid."""
        args = ["new-session", "-d", "-s", name, "-x", str(cols),
                "-y", str(rows)]
        for k, v in (env or {}).items():
            args += ["-e", "%s=%s" % (k, v)]
        args.append("exec " + " ".join(shlex.quote(a) for a in argv))
        self.cmd(*args)
        pid, self.path = self.cmd("display-message", "-p", "-t", name,
                                  "#{pane_pid} #{socket_path}").split(" ", 1)
        pid = int(pid)
        self.path = self.path.strip()
        self.pids.append(pid)
        return pid

    def screen(self, name):
        """The text on the pane now."""
        return self.cmd("capture-pane", "-p", "-t", name, check=False)

    def keys(self, name, *keys):
        """Send keys to the pane."""
        self.cmd("send-keys", "-t", name, *keys)

    def wait_for(self, name, pattern, timeout=10.0):
        """Wait until the pane shows pattern (a regex); False on timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if re.search(pattern, self.screen(name)):
                return True
            time.sleep(0.05)
        return False

    def kill(self):
        """End the programs while their terminals are still there (SIGTERM,
        then SIGKILL after 3 s), then stop the server."""
        for pid in self.pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 3
        while any(alive(p) for p in self.pids) and \
                time.monotonic() < deadline:
            time.sleep(0.05)
        for pid in self.pids:
            if alive(pid):
                log("pid %d did not end on SIGTERM; killed" % pid)
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        self.cmd("kill-server", check=False)
        if self.path:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)


@contextlib.contextmanager
def tmux(env):
    """A private tmux server for the duration of a with block."""
    t = Tmux(env)
    try:
        yield t
    finally:
        try:
            t.kill()
        except Exception as e:     # cleaning up must not lose a figure
            log("stopping tmux: %s" % e)


class Pulse:
    """A PulseAudio server of our own with a null sink named "bench" at
    48 kHz, reached through its socket in the scratch directory; ALSA's
    default device is pointed at it (pulse plugin, libasound2-plugins)."""

    def __init__(self, work, env):
        """Start the server in work's directory; NA if it cannot start."""
        need("pulseaudio")
        need("pactl", "pulseaudio-utils")
        self.dir = work.path("pulse")
        os.makedirs(self.dir, exist_ok=True)
        os.chmod(self.dir, 0o700)
        self.sock = os.path.join(self.dir, "native")
        self.env = dict(env)
        self.env.update({
            "PULSE_SERVER": "unix:" + self.sock,
            "PULSE_RUNTIME_PATH": self.dir,
            "PULSE_STATE_PATH": os.path.join(self.dir, "state"),
            "PULSE_COOKIE": os.path.join(self.dir, "cookie"),
        })
        so = "alsa-lib/libasound_module_pcm_pulse.so"
        plugin = glob.glob("/usr/lib*/*/" + so) + glob.glob("/usr/lib*/" + so)
        if not plugin:
            raise NA("ALSA pulse plugin not installed, "
                     "Debian package libasound2-plugins")
        with open(os.path.join(env["HOME"], ".asoundrc"), "w") as f:
            f.write("pcm.!default { type pulse }\n"
                    "ctl.!default { type pulse }\n")
        self.log = open(os.path.join(self.dir, "pulseaudio.log"), "w")
        self.p = subprocess.Popen(
            ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1",
             "--use-pid-file=no", "--log-target=stderr", "--log-level=error",
             "-L", "module-native-protocol-unix socket=%s auth-anonymous=1"
             % self.sock,
             "-L", "module-null-sink sink_name=bench rate=48000 channels=2"],
            env=self.env, stdin=subprocess.DEVNULL,
            stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.p.poll() is not None:
                break
            p = subprocess.run(["pactl", "info"], env=self.env,
                               stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
            if p.returncode == 0 and b"Default Sink: bench" in p.stdout:
                return
            time.sleep(0.1)
        self.close()
        with open(os.path.join(self.dir, "pulseaudio.log")) as f:
            why = f.read().strip().splitlines()
        raise NA("PulseAudio did not start%s" %
                 (": " + why[-1][:80] if why else ""))

    def close(self):
        """Stop the server."""
        if self.p.poll() is None:
            self.p.send_signal(signal.SIGTERM)
            try:
                self.p.wait(5)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()
        self.log.close()


def routine(rid, title, steps, patterns=None):
    """The text of a routine file with these steps (YAML text, indented as
    list items) and optional patterns."""
    text = ("unknot: 1\nid: %s\ntitle: %s\nsummary: Generated for a "
            "benchmark.\ntargets: [benchmark]\nsafety:\n"
            "  - Generated file; not for use.\n" % (rid, title))
    if patterns:
        text += "patterns:\n" + "".join("  - %s\n" % p for p in patterns)
    return text + "steps:\n" + "".join(steps)


def hold(title, seconds, breathing=None, extra=""):
    """A hold step, as routine() wants it."""
    s = ("  - hold:\n      title: %s\n      point: Where the knot is.\n"
         "      text: Lean into the ball and breathe.\n"
         "      seconds: %d\n" % (title, seconds))
    if breathing:
        s += "      breathing: %s\n" % breathing
    return s + extra


def check_routine(path, env):
    """Fail unless `unknot check` accepts the file."""
    run([unknot(), "check", path], env=env)


# The columns a bench history fills: those of the first schema. Later
# versions only add columns with defaults, so the rows fit any of them; the
# tables themselves are made by the binary (history_schema_check()), so a
# new schema needs nothing here.
SESSION_COLUMNS = ("id, routine_id, title, sha256, started, ended, outcome,"
                   " signal, pre_pain, post_pain, per_week, weeks, points,"
                   " seconds")
EVENT_COLUMNS = ("session_id, seq, kind, step, title, side, value, arg,"
                 " at_ms, wall, step_kind, point")
# An empty history as the binary writes it, made by history_schema_check().
HISTORY_TEMPLATE = []


# One pass over every event: the floor for reading a history.
HISTORY_FLOOR = ("SELECT s.routine_id, count(DISTINCT s.id), count(*),"
                 " max(e.value) FROM sessions s JOIN events e"
                 " ON e.session_id = s.id GROUP BY s.routine_id")


def table_shape(db):
    """The columns (name, type, not null, default, pk) of both tables and
    the user_version of an SQLite file."""
    import sqlite3
    con = sqlite3.connect(db)
    try:
        shape = {t: [tuple(r[1:]) for r in
                     con.execute("PRAGMA table_info(%s)" % t)]
                 for t in ("sessions", "events")}
        shape["user_version"] = con.execute(
            "PRAGMA user_version").fetchone()[0]
    finally:
        con.close()
    return shape


def history_schema_check(work):
    """Record one short session at a high time scale and keep its history,
    emptied, as the template of the histories make_history() writes; fail
    unless it has the columns those rows fill."""
    import shutil
    import sqlite3
    env = work.make_env("schema")
    env["UNKNOT_TIME_SCALE"] = "100"
    path = work.write("schema.yaml", routine(
        "bench-schema", "Schema check", [hold("A hold", 5)]))
    run([unknot(), "run", "--plain=events", "--no-sound", path], env=env)
    written = os.path.join(env["XDG_DATA_HOME"], "unknot", "history.db")
    if not os.path.exists(written):
        raise RuntimeError("a session wrote no history at %s" % written)
    ours = work.path("template.db")
    con = sqlite3.connect(written)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    shutil.copyfile(written, ours)
    con = sqlite3.connect(ours)
    try:
        con.execute("PRAGMA journal_mode = DELETE")
        for (t,) in con.execute("SELECT name FROM sqlite_master WHERE "
                                "type = 'table' AND name NOT LIKE "
                                "'sqlite_%'").fetchall():
            con.execute("DELETE FROM %s" % t)
        con.commit()
        # The rows' columns must all be there.
        con.execute("SELECT %s FROM sessions" % SESSION_COLUMNS)
        con.execute("SELECT %s FROM events" % EVENT_COLUMNS)
    finally:
        con.close()
    HISTORY_TEMPLATE[:] = [ours]


def make_history(path, sessions, env, now=None):
    """Write a history of that many sessions of the bundled routines, one
    every 4 hours up to now, each with its steps, ratings and aftercare as
    a session of it records them; returns the number of events."""
    import hashlib
    import random
    import shutil
    import sqlite3
    rng = random.Random(7)
    now = int(now or time.time())
    lib = json.loads(run([unknot(), "list", "--json"], env=env).stdout)
    if not lib:
        raise NA("no bundled routines to make a history of")
    routines = []
    for r in lib:
        with open(r["file"], "rb") as f:
            data = f.read()
        freq = re.search(rb"per_week: *(\d+), *weeks: *(\d+)", data)
        routines.append((r["id"], r["title"],
                         hashlib.sha256(data).hexdigest(),
                         int(freq.group(1)) if freq else 0,
                         int(freq.group(2)) if freq else 0,
                         int(r["seconds"])))
    if not HISTORY_TEMPLATE:
        raise RuntimeError("make_history() before history_schema_check()")
    if os.path.exists(path):
        os.unlink(path)
    shutil.copyfile(HISTORY_TEMPLATE[0], path)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = WAL")
    srows, erows = [], []
    start = now - sessions * 4 * 3600
    for sid in range(1, sessions + 1):
        rid, title, sha, per_week, weeks, seconds = routines[
            rng.randrange(len(routines))]
        started = start + (sid - 1) * 4 * 3600 + rng.randrange(3600)
        events = []
        at = 0

        def ev(kind, step=-1, st_kind="", st_title="", point="", side="",
               value=0, arg=0):
            """Add one event of this session at the current time."""
            events.append((sid, len(events) + 1, kind, step, st_title, side,
                           value, arg, at, started + at // 1000, st_kind,
                           point))
        pre = rng.randrange(2, 8)
        ev("pre_pain", value=pre)
        nsteps = 6
        stopped = rng.random() < 0.07
        for step in range(nsteps):
            is_hold = step in (1, 3)
            sides = ["left", "right"] if is_hold else [""]
            kind = "hold" if is_hold else "release"
            st_title = "Step %d of %s" % (step + 1, rid)
            point = "Point %d" % (step + 1) if is_hold else ""
            for side in sides:
                length = 30000 if is_hold else 20000
                ev("step_start", step, kind, st_title, point, side)
                t0 = at
                if is_hold:
                    for k in (10000, 25000):
                        r = rng.randrange(3, 9)
                        at = t0 + k
                        ev("rating", step, kind, st_title, point, side,
                           value=r, arg=k)
                        if r >= 8:
                            ev("ease_off", step, kind, st_title, point,
                               side, arg=k)
                at = t0 + length
                ev("step_end", step, kind, st_title, point, side,
                   arg=length)
            if stopped and step == 3:
                break
        post = None if stopped else max(0, pre - rng.randrange(0, 4))
        outcome = "stopped" if stopped else "completed"
        if rng.random() < 0.03:
            outcome, ended, post = None, None, None
        else:
            if not stopped:
                ev("post_pain", value=post)
            ev("finish", value=1 if stopped else 0)
            ended = started + at // 1000
        srows.append((sid, rid, title, sha, started, ended, outcome, 0, pre,
                      post, per_week, weeks, 4, seconds))
        erows += events
    con.executemany("INSERT INTO sessions (%s) VALUES (%s)" %
                    (SESSION_COLUMNS, ",".join("?" * 14)), srows)
    con.executemany("INSERT INTO events (%s) VALUES (%s)" %
                    (EVENT_COLUMNS, ",".join("?" * 12)), erows)
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return len(erows)

