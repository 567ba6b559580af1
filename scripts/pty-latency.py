#!/usr/bin/env python3
"""Measures, in a pseudo-terminal, how long a program takes to draw its first
complete screen and to redraw after a keystroke, for dutygrid beside `less`
and `vim -u NONE` on the same machine.

    cargo build --release && python3 scripts/pty-latency.py

Startup: from spawn to the first moment the screen holds the program's
marker text; the spawn floor (the same pseudo-terminal spawn of `true`, to
its end) is reported beside it. Keystroke: from writing the key to the last
byte of the redraw (the output then stays quiet for QUIET seconds, which is
not counted); every program gets `j` and `k` in turn (a cursor move in
dutygrid and vim, a scroll in less), and a second dutygrid gets space (a
tick, then an untick: a journal entry each), timed both to its first byte
(the frame that draws the tick) and to its last (settled: the footer's
"saved ✓" once the journal's sync has returned); a third dutygrid has "brui"
typed in its search box and gets `s` and backspace in turn (a search letter
and its undoing, each redrawing the results). Each program's peak resident memory
(VmHWM) is read once its keys are done. Sizes are arguments (`80x24 120x40
200x60`; 200x60 if none). The window size is set in the child before it starts, the
programs run interleaved (one start or key of each in turn), samples into
which dutygrid's once-a-second clock redraw may have fallen are discarded,
and everything runs in a temporary home: the real one is never touched.
"""
import fcntl
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time

SIZE = [200, 60]
QUIET = 0.05
RUNS = 20
KEYS = 40


# A key whose redraw ends within this of a clock second may include it.
CLOCK_MARGIN = 0.03


def spawn(argv, env):
    pid, fd = pty.fork()
    if pid == 0:
        # The size is the terminal's before the program reads it.
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
        os.execvpe(argv[0], argv, env)
    return pid, fd


def spawn_floor(env):
    """Spawn of `true` in a pseudo-terminal to its end of output."""
    start = time.monotonic()
    pid, fd = spawn(["true"], env)
    while True:
        try:
            if not os.read(fd, 65536):
                break
        except OSError:
            break
    elapsed = time.monotonic() - start
    os.waitpid(pid, 0)
    os.close(fd)
    return elapsed


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
    return drain_both(fd)[1]


def drain_both(fd):
    """Like drain, and also the time the first byte came: for a tick, the
    frame that shows it (the footer's "saved ✓" follows once the journal's
    sync has returned, in a frame of its own)."""
    first = last = None
    while True:
        ready, _, _ = select.select([fd], [], [], QUIET)
        if not ready:
            return first, last
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return first, last
        if not chunk:
            return first, last
        last = time.monotonic()
        if first is None:
            first = last


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


def start_once(name, argv, marker, env):
    start = time.monotonic()
    pid, fd = spawn(argv, env)
    if not read_until(fd, marker, start + 10):
        stop(pid, fd)
        sys.exit(f"{name}: marker {marker!r} never appeared")
    return time.monotonic() - start, start, pid, fd


def near_a_clock_second(started, sent, last):
    """Whether [sent, last] comes within CLOCK_MARGIN of a second since
    `started` (dutygrid's simulated clock runs on from its start)."""
    lo, hi = sent - started - CLOCK_MARGIN, last - started + CLOCK_MARGIN
    return int(hi) != int(lo)


def measure(programs, env):
    """Interleaved: one start of each program in turn, then one key to each
    open program in turn."""
    startups = {name: [] for name, *_ in programs}
    floor = []
    for _ in range(RUNS):
        floor.append(spawn_floor(env))
        for name, argv, marker, _key, _clock, _setup in programs:
            # The tick and search runs are the same start as dutygrid's.
            if name.startswith("dutygrid "):
                continue
            elapsed, _, pid, fd = start_once(name, argv, marker, env)
            startups[name].append(elapsed)
            drain(fd)
            stop(pid, fd)
    open_ = []
    for name, argv, marker, key, clock, setup in programs:
        _, started, pid, fd = start_once(name, argv, marker, env)
        drain(fd)
        if setup:
            os.write(fd, setup)
            drain(fd)
        open_.append((name, key, clock, started, pid, fd))
    keys = {name: [] for name, *_ in programs}
    firsts = {name: [] for name, *_ in programs}
    discarded = {name: 0 for name, *_ in programs}
    for n in range(KEYS):
        for name, key, clock, started, _pid, fd in open_:
            sent = time.monotonic()
            # Down then up: every key moves (none stops at an edge).
            os.write(fd, key[n % len(key)])
            first, last = drain_both(fd)
            if last is None:
                continue
            if clock and near_a_clock_second(started, sent, last):
                discarded[name] += 1
                continue
            keys[name].append(last - sent)
            firsts[name].append(first - sent)
    peaks = {name: peak_memory(pid) for name, _, _, _, pid, _ in open_}
    for _, _, _, _, pid, fd in open_:
        stop(pid, fd)
    return floor, startups, keys, firsts, discarded, peaks


def peak_memory(pid):
    """The process's peak resident memory so far (VmHWM), in kB, after its
    start and every key; `None` where /proc does not say."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def summary(samples):
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return f"median {statistics.median(ms):6.2f} ms   p95 {p95:6.2f} ms   (n={len(ms)})"


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    # DUTYGRID_BIN: another build to measure (a before beside an after).
    binary = os.environ.get("DUTYGRID_BIN") or os.path.join(root, "target", "release", "dutygrid")
    text = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False)
    for n in range(5000):
        text.write(f"line {n:05} of a plain text file for scrolling\n")
    text.close()
    home = tempfile.mkdtemp()
    env = dict(
        os.environ,
        TERM="xterm-256color",
        HOME=home,
        XDG_CONFIG_HOME=os.path.join(home, ".config"),
        XDG_DATA_HOME=os.path.join(home, ".local", "share"),
        XDG_STATE_HOME=os.path.join(home, ".local", "state"),
        XDG_CACHE_HOME=os.path.join(home, ".cache"),
        DUTYGRID_PACKS=os.path.join(home, "packs"),
        DUTYGRID_RECORDS=os.path.join(home, "records"),
        DUTYGRID_CONFIG=os.path.join(home, "no-config.ron"),
        LESSHISTFILE="-",
    )
    programs = [
        ("dutygrid", [binary, "run", "--at", "2026-11-27 10:00"], b"quit", (b"j", b"k"), True, None),
        # Space ticks and unticks the item: a journal entry, written and
        # synced, every time.
        ("dutygrid tick", [binary, "run", "--at", "2026-11-27 10:00"], b"quit", (b" ",), True, None),
        # A search letter: "s" typed after "brui", then taken back with
        # backspace, in turn (each redraws the results).
        ("dutygrid search", [binary, "run", "--at", "2026-11-27 10:00"], b"quit", (b"s", b"\x7f"), True, b"/brui"),
        ("less", ["less", text.name], b"line 00020", (b"j", b"k"), False, None),
        ("vim -u NONE", ["vim", "-u", "NONE", "-n", "-i", "NONE", text.name], b"line 00020", (b"j", b"k"), False, None),
    ]
    for size in sys.argv[1:] or ["200x60"]:
        SIZE[:] = [int(n) for n in size.split("x")]
        # A fresh records folder per size: the tick run's call, ended by
        # SIGTERM, is offered for restore at the next start (whose footer
        # then has no "quit").
        shutil.rmtree(env["DUTYGRID_RECORDS"], ignore_errors=True)
        floor, startups, keys, firsts, discarded, peaks = measure(programs, env)
        print(f"pseudo-terminal {size}, {RUNS} starts, {KEYS} keystrokes each, interleaved")
        print(f"{'spawn floor':13} startup   {summary(floor)}")
        for name, *_ in programs:
            if startups[name]:
                print(f"{name:13} startup   {summary(startups[name])}")
            note = f"   ({discarded[name]} discarded near a clock second)" if discarded[name] else ""
            print(f"{name:13} keystroke {summary(keys[name])}{note}")
        print(f"{'dutygrid tick':13} to frame {summary(firsts['dutygrid tick'])}   (first byte: the tick drawn)")
        for name, kb in peaks.items():
            if kb is not None:
                print(f"{name:13} peak memory (VmHWM, after its start and {KEYS} keys) {kb / 1024:.1f} MB")
        vim = statistics.median(keys["vim -u NONE"])
        ratio = statistics.median(keys["dutygrid"]) / vim
        print(f"dutygrid / vim j, median keystroke: {ratio:.1f}x")
        tick_frame = statistics.median(firsts["dutygrid tick"]) / vim
        tick_settled = statistics.median(keys["dutygrid tick"]) / vim
        print(f"dutygrid tick / vim j, median: to the tick's frame {tick_frame:.1f}x, settled (saved ✓) {tick_settled:.1f}x")
        search = statistics.median(keys["dutygrid search"]) / vim
        print(f"dutygrid search letter / vim j, median: {search:.1f}x")
    shutil.rmtree(home, ignore_errors=True)
    os.unlink(text.name)


if __name__ == "__main__":
    main()
