#!/usr/bin/env python3
"""Measures, in a pseudo-terminal, how long a program takes to draw its first
complete screen and to redraw after a keystroke, for dutygrid beside `less`
and `vim -u NONE` on the same machine.

    cargo build --release && python3 scripts/pty-latency.py

Startup: from spawn to the first moment the screen holds the program's
marker text. Keystroke: from writing the key to the last byte of the redraw
(the output then stays quiet for QUIET seconds, which is not counted).
"""
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time

COLS, ROWS = 200, 60
QUIET = 0.05
RUNS = 20
KEYS = 40


def spawn(argv, env):
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    return pid, fd


def read_until(fd, marker, deadline):
    seen = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.01)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if marker in seen:
                return True
    return False


def drain(fd):
    """Reads until the output has been quiet for QUIET seconds; returns the
    time of the last byte (or None if nothing came)."""
    last = None
    while True:
        ready, _, _ = select.select([fd], [], [], QUIET)
        if not ready:
            return last
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return last
        if not chunk:
            return last
        last = time.monotonic()


def stop(pid, fd):
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)


def measure(name, argv, marker, key, env):
    startups, keys = [], []
    for _ in range(RUNS):
        start = time.monotonic()
        pid, fd = spawn(argv, env)
        if not read_until(fd, marker, start + 10):
            stop(pid, fd)
            sys.exit(f"{name}: marker {marker!r} never appeared")
        startups.append(time.monotonic() - start)
        drain(fd)
        stop(pid, fd)
    pid, fd = spawn(argv, env)
    read_until(fd, marker, time.monotonic() + 10)
    drain(fd)
    for _ in range(KEYS):
        sent = time.monotonic()
        os.write(fd, key)
        last = drain(fd)
        if last is not None:
            keys.append(last - sent)
    stop(pid, fd)
    return startups, keys


def summary(samples):
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return f"median {statistics.median(ms):6.2f} ms   p95 {p95:6.2f} ms   (n={len(ms)})"


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    binary = os.path.join(root, "target", "release", "dutygrid")
    text = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False)
    for n in range(5000):
        text.write(f"line {n:05} of a plain text file for scrolling\n")
    text.close()
    packs = tempfile.mkdtemp()
    env = dict(os.environ, TERM="xterm-256color", DUTYGRID_PACKS=packs, LESSHISTFILE="-")
    programs = [
        ("dutygrid", [binary, "run", "--at", "2026-11-27 10:00"], b"quit", b"j"),
        ("less", ["less", text.name], b"line 00050", b"j"),
        ("vim -u NONE", ["vim", "-u", "NONE", "-n", text.name], b"line 00050", b"\x05"),
    ]
    print(f"pseudo-terminal {COLS}x{ROWS}, {RUNS} starts, {KEYS} keystrokes each")
    for name, argv, marker, key in programs:
        startups, keys = measure(name, argv, marker, key, env)
        print(f"{name:12} startup   {summary(startups)}")
        print(f"{name:12} keystroke {summary(keys)}")
    os.unlink(text.name)


if __name__ == "__main__":
    main()
