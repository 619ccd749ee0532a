#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""drive.py: run unknot in plain mode and answer its output like a person.

usage: drive.py [--tty=in|all] SCRIPT -- COMMAND...
SCRIPT is a file of rules, one per line: `REGEX => INPUT` does INPUT the
first time an output line matches REGEX, rules used in order. INPUT is one
or more actions separated by ` ; `: a line to send; `<signal>NAME` sends a
signal; `<close>` closes stdin; `<sleep>SECONDS` waits; `<stopped>` waits
until the program is stopped and prints `stopped: yes` (or `no` after 10 s).
--tty=in puts the program's stdin on a new pseudo-terminal, --tty=all its
stdout and stderr too; `<close>` then sends the terminal's end of file.
The program runs in a process group of its own, so that a stop signal it
raises does stop it. Prints the program's output, then `exit: N`
(negative: killed by signal -N).
"""
import os, pty, re, signal, subprocess, sys, termios, threading, time

def is_stopped(pid):
    """True once pid is stopped, waiting for it up to 10 s."""
    for _ in range(100):
        with open("/proc/%d/stat" % pid) as f:
            if f.read().rsplit(")", 1)[1].split()[0] in ("T", "t"):
                return True
        time.sleep(0.1)
    return False

def tty_lines(fd):
    """The lines read from a pseudo-terminal's master, without \\r."""
    buf = b""
    while True:
        try:
            data = os.read(fd, 4096)
        except OSError:  # EIO: every slave side is closed
            data = b""
        if not data:
            break
        buf += data
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            yield line.replace(b"\r", b"").decode() + "\n"
    if buf:
        yield buf.replace(b"\r", b"").decode()

class Program:
    """The program, its output lines and a way to write its stdin."""

    def __init__(self, argv, tty):
        self.closed = False
        if tty is None:
            self.p = subprocess.Popen(argv, stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, text=True,
                                      bufsize=1, preexec_fn=os.setpgrp)
            self.lines = self.p.stdout
            return
        self.master, slave = pty.openpty()
        if tty == "in":
            mode = termios.tcgetattr(slave)
            mode[3] &= ~termios.ECHO
            termios.tcsetattr(slave, termios.TCSANOW, mode)
            out = subprocess.PIPE
        else:
            out = slave
        self.p = subprocess.Popen(argv, stdin=slave, stdout=out, stderr=out,
                                  text=True, bufsize=1,
                                  preexec_fn=os.setpgrp)
        os.close(slave)
        self.lines = self.p.stdout if tty == "in" else tty_lines(self.master)

    def send(self, line):
        if self.closed:
            return
        if self.p.stdin is not None:
            self.p.stdin.write(line + "\n")
            self.p.stdin.flush()
        else:
            os.write(self.master, (line + "\n").encode())

    def close(self):
        if self.closed:
            return
        self.closed = True
        if self.p.stdin is not None:
            self.p.stdin.close()
        else:
            os.write(self.master, bytes([termios.tcgetattr(self.master)
                                         [6][termios.VEOF][0]]))

    def act(self, inp):
        for a in inp.split(" ; "):
            if a.startswith("<signal>"):
                self.p.send_signal(getattr(signal, a[8:]))
            elif a.startswith("<sleep>"):
                time.sleep(float(a[7:]))
            elif a == "<stopped>":
                print("stopped: %s" % ("yes" if is_stopped(self.p.pid)
                                       else "no"))
            elif a == "<close>":
                self.close()
            else:
                self.send(a)

def main():
    tty = None
    if sys.argv[1].startswith("--tty="):
        tty = sys.argv.pop(1)[6:]
    sep = sys.argv.index("--")
    rules = []
    with open(sys.argv[1]) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            rx, _, inp = line.partition(" => ")
            rules.append((re.compile(rx), inp))
    prog = Program(sys.argv[sep + 1:], tty)
    timer = threading.Timer(float(os.environ.get("DRIVE_TIMEOUT", "60")),
                            prog.p.kill)
    timer.start()
    for line in prog.lines:
        sys.stdout.write(line)
        sys.stdout.flush()
        if rules and rules[0][0].search(line):
            _, inp = rules.pop(0)
            prog.act(inp)
    rc = prog.p.wait()
    timer.cancel()
    print("exit: %d" % rc)
    return 0

sys.exit(main())
