#!/usr/bin/env python3
"""Attacks dutygrid's input in a pseudo-terminal and reports freezes, swallowed
keys, lost resizes and panics.

    cargo build && python3 scripts/key-fuzz.py [path/to/dutygrid] [--rounds N] [--seed S]

1. Each incomplete sequence (ESC [, ESC [1;5, ESC O, a lone 0xC3, Latin-1
   0xE9, ESC[200~ with no end, ESC[<0;10) is sent alone; in a fresh app; the script reports
   the longest silence of the screen in the next 3 s (the header clock
   redraws every second, so anything well over 1 s is a freeze) and how many
   '?' presses, 0.3 s apart, it takes to open the help.
2. Random rounds of keys, escape-sequence fragments, random bytes and
   resizes (never q, Ctrl-C or Ctrl-Z); after each round the app must still
   be running, still drawing, and open the help on '?'.

Everything runs with HOME and the records folder in a temporary folder.
Exit status 1 if anything froze, panicked or swallowed keys for more than
one second.
"""
import fcntl
import os
import pty
import random
import re
import select
import signal
import struct
import sys
import tempfile
import termios
import time

INCOMPLETE = [b"\x1b[", b"\x1b[1;5", b"\x1bO", b"\xc3", b"\xe9", b"\x1b[200~", b"\x1b[<0;10"]
FRAGMENTS = [b"\x1b", b"\x1b[", b"\x1b[1;", b"\x1bO", b"\x1b[<", b"\x1b[200~", b"\x1b[201~", b"\x1b[M",
             b"\x1b[A", b"\x1b[B", b"\x1b[C", b"\x1b[D", b"\x1b[5~", b"\x1b[<0;0;0M", b"\x1b[<0;5;5M",
             b"\xc3", b"\xe9", b"\xc3\xa9", b"\xf0\x9f", b"\t", b"\x1b[Z", b" ", b"j", b"k", b"l", b"h", b"/",
             b"o", b"d", b"v", b"i", b"?", b"abc", b"\r", b"\x7f", b"E", b"n", b"\x1b"]
SIZES = [(80, 24), (100, 30), (60, 20), (200, 60), (81, 25), (40, 12)]
HELP = b"close help"


class App:
    def __init__(self, binary, home):
        env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=home, XDG_DATA_HOME=home, TERM="xterm-256color",
                   DUTYGRID_PACKS=home, DUTYGRID_RECORDS=os.path.join(home, "records"),
                   DUTYGRID_CONFIG=os.path.join(home, "none.ron"))
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execvpe(binary, [binary, "run", "--at", "2026-11-27 10:00"], env)
        self.resize(100, 30)
        self.out = b""
        if not self.read_until(b"Ring", 10):
            sys.exit("dutygrid did not start")

    def resize(self, cols, rows):
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def send(self, data):
        os.write(self.fd, data)

    def read(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return b""
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:
            return b""
        self.out += chunk
        return chunk

    def read_until(self, marker, timeout):
        start = len(self.out)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.read(0.02)
            if marker in self.out[start:]:
                return True
        return False

    def longest_silence(self, seconds):
        deadline = time.monotonic() + seconds
        last = time.monotonic()
        longest = 0.0
        while time.monotonic() < deadline:
            if self.read(0.02):
                now = time.monotonic()
                longest = max(longest, now - last)
                last = now
        return max(longest, time.monotonic() - last)

    def alive(self):
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid == 0:
            return True, None
        return False, status

    def keys_until_help(self, most=8):
        for n in range(1, most + 1):
            self.send(b"?")
            if self.read_until(HELP, 0.3):
                return n
        return None

    def back_to_grid(self):
        # Esc closes every screen; apart by more than the paste wait, so a
        # broken paste start cannot take them in. Then acknowledge any alert
        # (its banner would cover the help).
        for _ in range(5):
            self.send(b"\x1b")
            self.read_until(b"\x00", 0.3)
        self.send(b"a")
        self.read_until(b"\x00", 0.3)

    def stop(self):
        try:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        except OSError:
            pass


def main():
    args = sys.argv[1:]
    binary = "target/debug/dutygrid"
    rounds, seed = 40, 1
    while args:
        arg = args.pop(0)
        if arg == "--rounds":
            rounds = int(args.pop(0))
        elif arg == "--seed":
            seed = int(args.pop(0))
        else:
            binary = arg
    bad = 0
    with tempfile.TemporaryDirectory() as home:
        print("incomplete sequence      longest silence   '?' presses to open help")
        for junk in INCOMPLETE:
            # A fresh app for each, so one sequence's leftovers cannot spoil the next.
            app = App(binary, home)
            app.send(junk)
            silence = app.longest_silence(3.0)
            presses = app.keys_until_help()
            froze = silence > 1.5
            swallowed = presses is None or presses > 3
            bad += froze or swallowed
            print(f"{junk!r:24} {silence:6.2f} s{' FROZE' if froze else '      '}    "
                  f"{presses if presses else 'never (8 tried)'}")
            app.stop()

        rng = random.Random(seed)
        app = App(binary, home)
        keys = resizes = freezes = panics = deaf = 0
        for round_no in range(rounds):
            for _ in range(rng.randint(1, 12)):
                if rng.random() < 0.15:
                    cols, rows = rng.choice(SIZES)
                    app.resize(cols, rows)
                    resizes += 1
                data = rng.choice(FRAGMENTS) if rng.random() < 0.8 else bytes(rng.randrange(256) for _ in range(3))
                data = data.replace(b"q", b"").replace(b"\x03", b"").replace(b"\x1a", b"").replace(b"y", b"")
                app.send(data)
                keys += 1
            live, status = app.alive()
            if not live:
                panics += 1
                print(f"round {round_no}: exited ({status}); last output: {app.out[-300:]!r}")
                app = App(binary, home)
                continue
            # At 100x30 the header's clock shows seconds (narrower screens
            # and presentation mode show minutes, and are rightly silent
            # for up to a minute): a second with nothing drawn is a freeze.
            app.resize(100, 30)
            if app.longest_silence(1.6) > 1.5:
                freezes += 1
            app.back_to_grid()
            if app.keys_until_help(4) is None:
                deaf += 1
                text = re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b" ", app.out[-1500:])
                print(f"round {round_no}: '?' did not open the help; last text: {text[-400:]!r}")
            app.back_to_grid()
        app.stop()
        print(f"\nfuzz: {rounds} rounds, {keys} key groups, {resizes} resizes: "
              f"{panics} exits/panics, {freezes} freezes, {deaf} rounds where '?' did not open the help")
        bad += panics + freezes + deaf
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
