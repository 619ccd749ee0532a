#!/usr/bin/env python3
"""drive.py: run unknot in plain mode and answer its output like a person.

usage: drive.py SCRIPT -- COMMAND...
SCRIPT is a file of rules, one per line: `REGEX => INPUT` sends INPUT (a
line; `<signal>NAME` sends a signal instead, `<close>` closes stdin) the
first time an output line matches REGEX, rules used in order. Prints the
program's output, then `exit: N` (negative: killed by signal -N).
"""
import os, re, signal, subprocess, sys, threading

def main():
    sep = sys.argv.index("--")
    rules = []
    with open(sys.argv[1]) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            rx, _, inp = line.partition(" => ")
            rules.append((re.compile(rx), inp))
    p = subprocess.Popen(sys.argv[sep + 1:], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, text=True, bufsize=1)
    timer = threading.Timer(float(os.environ.get("DRIVE_TIMEOUT", "60")),
                            p.kill)
    timer.start()
    for line in p.stdout:
        sys.stdout.write(line)
        sys.stdout.flush()
        if rules and rules[0][0].search(line):
            _, inp = rules.pop(0)
            if inp.startswith("<signal>"):
                p.send_signal(getattr(signal, inp[8:]))
            elif inp == "<close>":
                p.stdin.close()
            elif not p.stdin.closed:
                p.stdin.write(inp + "\n")
                p.stdin.flush()
    rc = p.wait()
    timer.cancel()
    print("exit: %d" % rc)
    return 0

sys.exit(main())
