# SPDX-License-Identifier: GPL-3.0-or-later
"""onsets.py: where the cues start in a recording, checked against the
times a session should have played them. Prints TAP-like lines for the
shell test to turn into checks: PASS/FAIL NAME [# detail], INFO text.

    onsets.py FILE wav|raw TOLERANCE_MS LABEL KIND@MS...

FILE is a WAV file or raw mono S16_LE at 48 kHz. The first KIND@MS is
the cue an input started (it can only be late, by up to the stream's
latency); the others are scheduled ahead and must be spaced as given.
KIND inhale must rise in pitch and exhale fall."""

import array
import sys
import wave

RATE = 48000


def samples(path, kind):
    """The first channel's samples and the file's rate."""
    if kind == "wav":
        w = wave.open(path, "rb")
        ch, width, rate = w.getnchannels(), w.getsampwidth(), w.getframerate()
        raw = w.readframes(w.getnframes())
        if width != 2:
            raise SystemExit("%s: %d-byte samples, not 16-bit" % (path, width))
    else:
        ch, rate, raw = 1, RATE, open(path, "rb").read()
    a = array.array("h")
    a.frombytes(raw[:len(raw) // 2 * 2])
    return a[0::ch], rate


def onsets(v, rate, thr=8, quiet_ms=200):
    """Starts of sound after at least quiet_ms of silence."""
    quiet = rate * quiet_ms // 1000
    out, last = [], None
    for i, x in enumerate(v):
        if x > thr or x < -thr:
            if last is None or i - last > quiet:
                out.append(i)
            last = i
    return out


def zcr(v, rate, a, b):
    """Zero crossings a second in v[a:b], about twice the pitch."""
    z = sum(1 for i in range(a + 1, b) if (v[i - 1] < 0) != (v[i] < 0))
    return z * rate / 2.0 / (b - a)


def direction(v, rate, s):
    """1 if the sound starting at s rises in pitch, -1 if it falls."""
    a, b, w = s + rate // 50, s + rate * 60 // 100, rate * 15 // 100
    if b + w > len(v):
        return 0
    early, late = zcr(v, rate, a, a + w), zcr(v, rate, b, b + w)
    return 1 if late > early * 1.15 else -1 if early > late * 1.15 else 0


def check(name, good, detail=""):
    print("%s %s%s" % ("PASS" if good else "FAIL", name,
                       (" # " + detail) if detail else ""))


def main():
    path, kind, tol, label = sys.argv[1], sys.argv[2], float(sys.argv[3]), \
        sys.argv[4]
    cues = [c.split("@") for c in sys.argv[5:]]
    kinds, want = [k for k, _ in cues], [float(t) for _, t in cues]
    v, rate = samples(path, kind)
    on = onsets(v, rate)
    print("INFO %s onsets (ms): %s" % (label, [round(o * 1000.0 / rate, 1)
                                               for o in on]))
    # Align the scheduled cues (all but the first) on the onset that
    # matches most of them: a click from a dropout on a starved machine
    # must not shift the whole comparison.
    best = None
    for ref in on:
        match = []
        for w in want[1:]:
            t = ref + (w - want[1]) * rate / 1000.0
            near = min(on, key=lambda o: abs(o - t))
            match.append((near, abs(near - t) * 1000.0 / rate))
        score = (sum(1 for _, e in match if e <= tol),
                 -sum(e for _, e in match))
        if best is None or score > best[0]:
            best = (score, ref, match)
    n = len(want) - 1
    check("%s: an onset for each of the %d scheduled cues" % (label, n),
          best is not None and best[0][0] == n, "found %d onsets" % len(on))
    if best is None:
        return
    ref, match = best[1], best[2]
    errs = [e for _, e in match]
    check("%s: cue onsets spaced as the pattern says, within %g ms"
          % (label, tol), max(errs) <= tol,
          "errors (ms): %s" % [round(e, 2) for e in errs])
    dirs = [direction(v, rate, o) for o, _ in match]
    expect = [{"inhale": 1, "exhale": -1}.get(k) for k in kinds[1:]]
    check("%s: inhale rises and exhale falls" % label,
          all(w is None or d == w for d, w in zip(dirs, expect)),
          "directions %s" % dirs)
    t0 = ref - (want[1] - want[0]) * rate / 1000.0
    before = [o for o in on if o < ref - rate // 5]
    lag = (min(before, key=lambda o: abs(o - t0)) - t0) * 1000.0 / rate \
        if before else None
    check("%s: the cue started by input sounds within 150 ms" % label,
          lag is not None and -tol <= lag <= 150,
          "late by %s ms" % (None if lag is None else round(lag, 1)))


if __name__ == "__main__":
    main()
