#!/usr/bin/env python3
"""Attacks dutygrid the way editors and databases are tested, and counts what
was lost. Every run uses a temporary HOME, XDG_* folders, packs folder and
records folder: the real home is never read or written.

    cargo build --release && python3 scripts/attack.py [--quick] [kills|disk|files ...]

kills  SIGKILL at a random moment while ticking and typing notes, then
       compare what the screen showed with `dutygrid record export --format
       json`: every tick and character drawn must be in the record (the app
       writes each change before it draws the next frame, and syncs it on a
       thread of its own: "saved ✓" once the sync has returned). Trials
       killed with "saved ✓" on screen are counted apart: what the screen
       called saved must be there too.
disk   faults on the records folder while a call is on screen: a full
       tmpfs (mounted here, size=64k; skipped with the reason if mount is
       refused), the folder deleted, the journal truncated or given garbage
       (then the call is restored in a new instance), a read-only remount.
       After every key the screen is read; whenever its footer says
       "saved ✓ ID", ID is exported and must hold what the screen shows.
       After the fault is cleared, the final record must hold everything.
files  a corpus of malformed packs and keymaps made on the fly, each run
       through `pack check` / `keymap check` with a timeout, sorted into
       clear errors, panics, hangs and other.

The key fuzz (incomplete escape sequences, resizes) is scripts/key-fuzz.py.
The screen is read with a small VT emulator below (cursor moves, erase,
text, and the reverse attribute that marks the notes cursor), enough for
ratatui's output.
"""
import argparse
import fcntl
import json
import os
import pty
import random
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.environ.get("DUTYGRID_BIN") or os.path.join(ROOT, "target", "release", "dutygrid")
ROWS, COLS = 60, 200
AT = "2026-11-27 10:00"
CHECK_TIMEOUT = 10.0
# Sections add a line here for everything that was lost, falsely shown as
# saved, panicked or hung; any makes the exit status 1.
FAILURES = []
WORDS = (
    "the mother said he has bruises on his arm and the school saw it twice "
    "teacher worried about food café naïve dad left at night Saturday baby "
    "cries no heating police called before neighbour heard shouting"
).split()


# --- the screen ------------------------------------------------------------


class Screen:
    """A terminal screen fed with the program's output."""

    def __init__(self, rows=ROWS, cols=COLS):
        self.rows, self.cols = rows, cols
        self.chars = [[" "] * cols for _ in range(rows)]
        self.rev = [[False] * cols for _ in range(rows)]
        self.row = self.col = 0
        self.reverse = False
        self.pending = b""

    def feed(self, data):
        data = self.pending + data
        i, n = 0, len(data)
        while i < n:
            b = data[i]
            if b == 0x1B:
                end = self._escape(data, i)
                if end is None:
                    break
                i = end
            elif b < 0x20:
                if b == 0x0D:
                    self.col = 0
                elif b == 0x0A:
                    self.row = min(self.rows - 1, self.row + 1)
                elif b == 0x08:
                    self.col = max(0, self.col - 1)
                i += 1
            else:
                size = 1 if b < 0x80 else 2 if b >> 5 == 6 else 3 if b >> 4 == 14 else 4 if b >> 3 == 30 else 1
                if i + size > n:
                    break
                self._put(data[i : i + size].decode("utf-8", "replace"))
                i += size
        self.pending = data[i:]

    def _put(self, ch):
        if self.row < self.rows and self.col < self.cols:
            self.chars[self.row][self.col] = ch
            self.rev[self.row][self.col] = self.reverse
        # A wide character takes two cells, as in a real terminal.
        width = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        self.col = min(self.cols, self.col + width)

    def _escape(self, data, i):
        """Handles the escape sequence at i; returns its end, or None if it
        is not complete yet."""
        if i + 1 >= len(data):
            return None
        kind = data[i + 1]
        if kind == ord("["):
            j = i + 2
            while j < len(data) and not 0x40 <= data[j] <= 0x7E:
                j += 1
            if j >= len(data):
                return None
            self._csi(data[i + 2 : j].decode("latin-1"), chr(data[j]))
            return j + 1
        if kind == ord("]"):
            for j in range(i + 2, len(data)):
                if data[j] == 0x07:
                    return j + 1
                if data[j] == 0x1B and j + 1 < len(data) and data[j + 1] == ord("\\"):
                    return j + 2
            return None
        if kind in b"()":
            return i + 3 if i + 2 < len(data) else None
        return i + 2

    def _csi(self, params, final):
        private = params.startswith("?")
        nums = [int(p) if p.isdigit() else 0 for p in params.lstrip("?").split(";")] if params else []
        if private:
            return
        if final in "Hf":
            row = nums[0] if nums and nums[0] else 1
            col = nums[1] if len(nums) > 1 and nums[1] else 1
            self.row, self.col = min(self.rows, row) - 1, min(self.cols, col) - 1
        elif final == "C":
            # The backend moves right rather than re-sending cells it kept.
            self.col = min(self.cols - 1, self.col + (nums[0] if nums and nums[0] else 1))
        elif final == "D":
            self.col = max(0, self.col - (nums[0] if nums and nums[0] else 1))
        elif final == "G":
            self.col = min(self.cols, nums[0] if nums and nums[0] else 1) - 1
        elif final == "J":
            if (nums[0] if nums else 0) == 2:
                for r in range(self.rows):
                    self.chars[r] = [" "] * self.cols
                    self.rev[r] = [False] * self.cols
        elif final == "K":
            for c in range(self.col, self.cols):
                self.chars[self.row][c] = " "
                self.rev[self.row][c] = False
        elif final == "m":
            k = 0
            nums = nums or [0]
            while k < len(nums):
                p = nums[k]
                if p in (38, 48, 58):
                    k += 3 if k + 1 < len(nums) and nums[k + 1] == 5 else 5
                    continue
                if p == 0 or p == 27:
                    self.reverse = False
                elif p == 7:
                    self.reverse = True
                k += 1

    def line(self, r):
        return "".join(self.chars[r])

    def text(self):
        return "\n".join(self.line(r) for r in range(self.rows))

    def footer(self):
        """('saved', id), ('not saved', None) or (None, None)."""
        last = self.line(self.rows - 1)
        if "NOT SAVED" in last:
            return "not saved", None
        m = re.search(r"saved ✓ (\S+)", last)
        return ("saved", m.group(1)) if m else (None, None)

    def ticks(self):
        return self.text().count("[x]")

    def notes_origin(self):
        """Where the notes text begins: the cursor cell just inside the
        notes popup's left border, on an empty note."""
        for rb in range(self.rows - 1):
            if "saved as you type" in self.line(rb):
                cl = self.line(rb).find("└")
                break
        else:
            return None
        found, r = None, rb - 1
        while r > 0 and self.chars[r][cl] == "│":
            if self.rev[r][cl + 1]:
                found = (r, cl + 1)
            r -= 1
        return found

    def notes_to_cursor(self, origin):
        """The notes text from the origin up to the cursor (the reversed
        cell), or None if no cursor is in the text area."""
        r0, c0 = origin
        c1 = self.line(r0).find("│", c0)
        c1 = self.cols if c1 < 0 else c1
        lines = []
        for r in range(r0, self.rows - 1):
            if self.chars[r][c0 - 1] != "│":
                break
            for c in range(c0, c1):
                if self.rev[r][c]:
                    lines.append("".join(self.chars[r][c0:c]))
                    return "\n".join(lines)
            lines.append("".join(self.chars[r][c0:c1]).rstrip())
        return None


# --- the program -----------------------------------------------------------


def make_env(records=None):
    """A temporary home with its own XDG folders, packs and records."""
    home = tempfile.mkdtemp(prefix="dutygrid-attack-")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "HOME": home,
        "XDG_CONFIG_HOME": os.path.join(home, "config"),
        "XDG_DATA_HOME": os.path.join(home, "data"),
        "XDG_STATE_HOME": os.path.join(home, "state"),
        "XDG_CACHE_HOME": os.path.join(home, "cache"),
        "XDG_RUNTIME_DIR": os.path.join(home, "run"),
        "DUTYGRID_PACKS": os.path.join(home, "packs"),
        "DUTYGRID_RECORDS": records or os.path.join(home, "records"),
    }
    os.makedirs(env["DUTYGRID_PACKS"])
    return env, home


def dutygrid(env, *args, timeout=CHECK_TIMEOUT):
    return subprocess.run([BINARY, *args], env=env, capture_output=True, timeout=timeout)


class App:
    """dutygrid run in a pseudo-terminal, with the screen it draws."""

    def __init__(self, env, args=("run", "--at", AT)):
        self.screen = Screen()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(BINARY, [BINARY, *args], env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.alive = True

    def read(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:
            return None
        if not chunk:
            return None
        self.screen.feed(chunk)
        return True

    def settle(self, quiet=0.02, limit=2.0):
        """Reads until the output has been quiet for `quiet` seconds."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if not self.read(quiet):
                return

    def wait_for(self, predicate, limit=5.0):
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if predicate(self.screen):
                return True
            if self.read(0.02) is None:
                break
        return predicate(self.screen)

    def send(self, keys):
        os.write(self.fd, keys.encode() if isinstance(keys, str) else keys)

    def kill(self, sig=signal.SIGKILL):
        if self.alive:
            try:
                os.kill(self.pid, sig)
            except ProcessLookupError:
                pass

    def close(self, limit=5.0):
        """Reads what is left, then reaps the process (killing it after
        `limit` seconds)."""
        deadline = time.monotonic() + limit
        while self.alive:
            self.read(0.02)
            done, _ = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.alive = False
            elif time.monotonic() > deadline:
                self.kill()
                os.waitpid(self.pid, 0)
                self.alive = False
        while self.read(0.01):
            pass
        os.close(self.fd)


def records_in(folder):
    try:
        return sorted(f[:-6] for f in os.listdir(folder) if f.endswith(".jsonl"))
    except OSError:
        return []


def export(env, record_id):
    """The record as `record export --format json` gives it, or None."""
    out = dutygrid(env, "record", "export", record_id, "--format", "json")
    if out.returncode != 0:
        return None
    try:
        return json.loads(out.stdout)
    except ValueError:
        return None


def exported_notes(record):
    return "".join(n["text"] for n in record.get("notes", []))


def common_prefix(a, b):
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def note_text(rng, lines):
    out = []
    for _ in range(lines):
        words, length = [], 0
        limit = rng.randint(20, 56)
        while True:
            w = rng.choice(WORDS)
            if length + len(w) + 1 > limit:
                break
            words.append(w)
            length += len(w) + 1
        out.append(" ".join(words))
    return "\n".join(out)


def open_notes(app):
    app.send("o")
    if not app.wait_for(lambda s: s.notes_origin() is not None):
        return None
    return app.screen.notes_origin()


# --- kills -----------------------------------------------------------------


def kill_trial(rng):
    env, home = make_env()
    training = os.path.join(env["DUTYGRID_RECORDS"], "training")
    app = App(env)
    try:
        if not app.wait_for(lambda s: "quit" in s.text()):
            return {"error": "the first screen never appeared"}
        app.settle()
        n_ticks = rng.randint(1, 6)
        text = note_text(rng, rng.randint(4, 30))
        tick_keys = []
        for t in range(n_ticks):
            tick_keys += [" ", "j"] if t < n_ticks - 1 else [" "]
        # Mostly mid-typing; now and then among the ticks.
        during_ticks = rng.random() < 0.15
        kill_tick = rng.randrange(len(tick_keys)) if during_ticks else None
        kill_char = None if during_ticks else rng.randrange(len(text))
        ticks_seen, typed = 0, 0
        for k, key in enumerate(tick_keys):
            app.send(key)
            if k == kill_tick:
                time.sleep(rng.uniform(0, 0.004))
                app.kill()
                break
            app.settle(quiet=rng.choice([0.0005, 0.002, 0.01]), limit=0.5)
        origin = None
        if kill_tick is None:
            app.settle(quiet=0.03)
            ticks_seen = app.screen.ticks()
            origin = open_notes(app)
            if origin is None:
                return {"error": "the notes never opened"}
            i = 0
            while i < len(text):
                chunk = text[i : i + rng.choice([1, 1, 1, 2, 3])]
                app.send(chunk.replace("\n", "\r"))
                i += len(chunk)
                if kill_char is not None and i > kill_char:
                    time.sleep(rng.uniform(0, 0.004))
                    app.kill()
                    break
                app.settle(quiet=rng.choice([0.0005, 0.002, 0.01]), limit=0.5)
            typed = i
        app.kill()
        app.close()
        if origin is None:
            ticks_seen = app.screen.ticks()
            echoed = ""
        else:
            echoed = app.screen.notes_to_cursor(origin)
            if echoed is None or not text.startswith(echoed):
                return {"error": f"the screen's notes could not be read: {echoed!r}"}
        ids = records_in(training)
        record = export(env, ids[0]) if len(ids) == 1 else None
        got_ticks = len(record["ticked"]) if record else 0
        got_text = exported_notes(record) if record else ""
        lost_chars = len(echoed) - common_prefix(echoed, got_text)
        lost_ticks = max(0, ticks_seen - got_ticks)
        result = {
            "acknowledged": app.screen.footer()[0] == "saved",
            "ticks": ticks_seen,
            "chars": len(echoed),
            "typed": typed,
            "lost_ticks": lost_ticks,
            "lost_chars": lost_chars,
            "records": len(ids),
        }
        if (ticks_seen or echoed) and record is None:
            result["error"] = f"no readable record ({len(ids)} journal(s))"
        return result
    finally:
        shutil.rmtree(home, ignore_errors=True)


def kills(args, rng):
    n = args.kills
    print(f"== kills: {n} trials of SIGKILL while ticking and typing ({COLS}x{ROWS})")
    totals = {"ticks": 0, "chars": 0, "lost_ticks": 0, "lost_chars": 0, "survived": 0, "errors": 0}
    acknowledged = {"trials": 0, "lost": 0}
    for t in range(n):
        r = kill_trial(rng)
        if "error" in r and "ticks" not in r:
            totals["errors"] += 1
            print(f"  trial {t + 1}: {r['error']}")
            continue
        for k in ("ticks", "chars", "lost_ticks", "lost_chars"):
            totals[k] += r[k]
        ok = r["lost_ticks"] == 0 and r["lost_chars"] == 0 and "error" not in r
        totals["survived"] += ok
        if r.get("acknowledged"):
            acknowledged["trials"] += 1
            acknowledged["lost"] += not ok
        if not ok:
            print(f"  trial {t + 1}: LOST {r}")
    if totals["survived"] < n:
        FAILURES.append(f"kills: {n - totals['survived']} trial(s) lost something or could not be read")
    print(
        f"  survived {totals['survived']}/{n}; ticks lost {totals['lost_ticks']} of {totals['ticks']} shown; "
        f"characters lost {totals['lost_chars']} of {totals['chars']} echoed"
        + (f"; {totals['errors']} trial(s) could not be read" if totals["errors"] else "")
    )
    print(
        f"  killed with 'saved ✓' on screen: {acknowledged['trials']} trial(s), "
        f"{acknowledged['lost']} of them lost something"
    )
    return [
        ("SIGKILL mid-typing", f"{totals['survived']}/{n} survived"),
        ("  ticks lost", f"{totals['lost_ticks']} of {totals['ticks']} shown"),
        ("  characters lost", f"{totals['lost_chars']} of {totals['chars']} echoed"),
        ("  killed with 'saved ✓' shown", f"{acknowledged['trials']}, {acknowledged['lost']} lost something"),
    ]


# --- disk faults -----------------------------------------------------------


class Tmpfs:
    def __init__(self, size="64k"):
        self.path = tempfile.mkdtemp(prefix="dutygrid-tmpfs-")
        out = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", self.path], capture_output=True
        )
        self.mounted = out.returncode == 0
        self.reason = out.stderr.decode(errors="replace").strip() or f"mount exited {out.returncode}"

    def remount(self, mode):
        """None on success, else why it was refused."""
        out = subprocess.run(["mount", "-o", f"remount,{mode}", self.path], capture_output=True)
        return None if out.returncode == 0 else out.stderr.decode(errors="replace").strip()

    def fill(self):
        """Fills the file system; returns the filler's path."""
        filler = os.path.join(self.path, f"filler-{time.monotonic_ns()}")
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            for size in (4096, 512, 1):
                while True:
                    try:
                        os.write(fd, b"\0" * size)
                    except OSError:
                        break
        finally:
            os.close(fd)
        return filler

    def close(self):
        if self.mounted:
            subprocess.run(["umount", "-l", self.path], capture_output=True)
        shutil.rmtree(self.path, ignore_errors=True)


class FaultRun:
    """One call on screen, read after every key: each time the footer says
    "saved ✓ ID", ID's export must hold the ticks and notes shown."""

    def __init__(self, env):
        self.env = env
        self.false_saved = []
        self.warned = False
        self.ticks = 0
        self.notes = ""
        self.last_id = None
        self.app = None
        self.origin = None
        self.said_rewritten = False
        # What the screen showed before a restart: the restored call must
        # still hold it.
        self.before_restart = None

    def start(self):
        self.app = App(self.env)
        return self.app.wait_for(lambda s: "SIMULATED" in s.text() or "estore" in s.text())

    def check(self, what, settled=False):
        s = self.app.screen
        state, record_id = s.footer()
        if state == "not saved":
            self.warned = True
        last = s.line(s.rows - 1)
        if "written again" in last or "deleted" in last:
            self.said_rewritten = True
        if self.origin is not None:
            text = s.notes_to_cursor(self.origin)
            if text is not None:
                self.notes = text
        else:
            self.ticks = s.ticks()
        if state != "saved":
            return
        self.last_id = record_id
        record = export(self.env, record_id)
        ok = (
            record is not None
            and len(record["ticked"]) >= self.ticks
            and exported_notes(record).startswith(self.notes)
        )
        if not ok and not settled:
            # The app applies keys that arrive together in one batch (up to
            # 100 ms) before it draws, so a 10 ms lull can show the frame
            # from before the last keys: read until it has truly settled,
            # then judge what the screen claims.
            self.app.settle(quiet=0.3)
            return self.check(what, settled=True)
        if not ok:
            held = "no readable record" if record is None else f"{len(record['ticked'])} ticks, {len(exported_notes(record))} chars"
            self.false_saved.append(f"{what}: screen 'saved ✓' with {self.ticks} ticks, {len(self.notes)} chars; disk: {held}")

    def key(self, key, what):
        self.app.send(key)
        self.app.settle(quiet=0.01)
        self.check(what)

    def tick(self, what):
        self.key(" ", what)
        self.key("j", what)

    def type(self, text, what):
        for ch in text:
            self.key("\r" if ch == "\n" else ch, what)

    def open_notes(self):
        # The popup's place depends only on the terminal's size: the origin
        # found on the empty note stays right when the note is reopened.
        origin = open_notes(self.app)
        self.origin = self.first_origin = getattr(self, "first_origin", None) or origin
        self.check("notes opened")

    def close_notes(self):
        self.key("\x1b", "notes closed")
        self.origin = None

    def quit(self, confirm=True):
        self.app.send("\x1b")
        self.app.settle()
        self.app.send("q")
        self.app.settle()
        if confirm:
            self.app.send("y")
        self.app.close()


def final_loss(run, env, records):
    """Ticks and characters shown (before a restart, and at the end) that
    no record in the folder holds; and what went wrong, if anything."""
    ids = set(records_in(records))
    if run.last_id:
        ids.add(run.last_id)
    exported = [r for r in (export(env, i) for i in sorted(ids)) if r]
    shown = [run.before_restart] if run.before_restart else []
    shown.append((run.ticks, run.notes))
    lost_ticks = lost_chars = 0
    for ticks, notes in shown:
        held = max((common_prefix(notes, exported_notes(r)) for r in exported), default=0)
        lost_chars = max(lost_chars, len(notes) - held)
        lost_ticks = max(lost_ticks, ticks - max((len(r["ticked"]) for r in exported), default=0))
    unreadable = len(ids) - len(exported)
    problem = f"{unreadable} journal(s) in the folder cannot be exported" if unreadable else None
    return max(0, lost_ticks), lost_chars, problem


def journal_path(records):
    ids = records_in(records)
    return os.path.join(records, ids[0] + ".jsonl") if len(ids) == 1 else None


def disk_fault(name, records_base, inject, clear, rng, restore=False, before_start=None):
    """Ticks and types, injects a fault, types on, clears it, types more
    (after restoring the call in a new instance if `restore`), quits."""
    env, home = make_env(records=records_base)
    records = os.path.join(records_base, "training")
    run = FaultRun(env)
    outcome = {"name": name}
    try:
        if before_start:
            before_start()
        if not run.start():
            return {**outcome, "error": "the first screen never appeared"}
        run.app.settle()
        run.check("start")
        run.tick("tick before")
        run.tick("tick before")
        run.open_notes()
        run.type(note_text(rng, 2) + "\n", "typing before")
        inject(records)
        run.type(note_text(rng, 2) + "\n", "typing during")
        run.close_notes()
        run.tick("tick during")
        run.open_notes()
        run.type("during again ", "typing during")
        clear(records)
        run.type("after " + note_text(rng, 1) + "\n", "typing after")
        run.close_notes()
        run.tick("tick after")
        if restore:
            run.before_restart = (run.ticks, run.notes)
            run.app.kill()
            run.app.close()
            run.start()
            run.app.settle()
            if "estore" not in run.app.screen.text():
                outcome["restore"] = "no restore offered"
            run.app.send("r")
            run.app.settle()
            run.check("restored")
            run.open_notes()
            run.type("restored typing", "typing after restore")
            run.close_notes()
        else:
            run.open_notes()
            run.type("last words", "typing after")
        run.quit()
        lost_ticks, lost_chars, problem = final_loss(run, env, records)
        return {
            **outcome,
            "false_saved": run.false_saved,
            "warned": run.warned,
            "lost_ticks": lost_ticks,
            "lost_chars": lost_chars,
            "ticks": run.ticks,
            "chars": len(run.notes),
            "shown_before_restart": len(run.before_restart[1]) if run.before_restart else None,
            "said_rewritten": run.said_rewritten,
            "problem": problem,
        }
    finally:
        if run.app and run.app.alive:
            run.app.kill()
            run.app.close()
        shutil.rmtree(home, ignore_errors=True)


def disk(args, rng):
    print("== disk faults: the screen read after every key, each 'saved ✓' checked against the export")
    results, skipped = [], []
    fs = Tmpfs()
    nothing = lambda records: None  # noqa: E731
    if not fs.mounted:
        skipped.append(f"tmpfs faults skipped: mount -t tmpfs refused ({fs.reason})")
    try:
        if fs.mounted:
            fillers = []

            def fill(records):
                fillers.append(fs.fill())

            def free(records):
                for f in fillers:
                    os.unlink(f)
                fillers.clear()

            base = os.path.join(fs.path, "r1")
            results.append(disk_fault("disk full mid-call, then freed", base, fill, free, rng))
            shutil.rmtree(base, ignore_errors=True)
            base = os.path.join(fs.path, "r2")
            results.append(
                disk_fault("disk full before the call starts, then freed", base, nothing, free, rng,
                           before_start=lambda: fill(None))
            )
            shutil.rmtree(base, ignore_errors=True)
            free(None)
            def read_only(records):
                refused = fs.remount("ro")
                if refused:
                    skipped.append(f"read-only remount mid-call refused by the kernel ({refused}); "
                                   "not counted")

            base = os.path.join(fs.path, "r3")
            before = len(skipped)
            result = disk_fault("read-only remount mid-call, then rw", base, read_only,
                                lambda r: fs.remount("rw"), rng)
            if len(skipped) == before:
                results.append(result)
            shutil.rmtree(base, ignore_errors=True)
            base = os.path.join(fs.path, "r3b")
            os.makedirs(os.path.join(base, "training"), mode=0o700)
            results.append(disk_fault("read-only before the call starts, then rw", base, nothing,
                                      lambda r: fs.remount("rw"), rng, before_start=lambda: read_only(None)))
            fs.remount("rw")
            shutil.rmtree(base, ignore_errors=True)
            base = os.path.join(fs.path, "r4")
            results.append(disk_fault("disk full mid-call, then restore in a new instance", base, fill,
                                      free, rng, restore=True))
            shutil.rmtree(base, ignore_errors=True)
        scratch = tempfile.mkdtemp(prefix="dutygrid-faults-")

        def rm_rf(records):
            shutil.rmtree(os.path.dirname(records), ignore_errors=True)

        def file_in_the_way(records):
            shutil.rmtree(os.path.dirname(records), ignore_errors=True)
            with open(os.path.dirname(records), "w") as f:
                f.write("not a folder\n")

        def move_file_away(records):
            os.unlink(os.path.dirname(records))

        def remove_journal(records):
            path = journal_path(records)
            if path:
                os.unlink(path)

        def damage(how):
            def inject(records):
                path = journal_path(records)
                if not path:
                    return
                size = os.path.getsize(path)
                with open(path, "r+b") as f:
                    if how == "half":
                        f.truncate(size // 2)
                    elif how == "zero":
                        f.truncate(0)
                    elif how == "garbage":
                        f.seek(0, 2)
                        f.write(b'{"kind":"tick","id":"health-u1","tic\xff\xfe garbage')
                    elif how == "nul":
                        f.seek(0, 2)
                        f.write(b"\0" * 300)

            return inject

        def file_at_start():
            os.makedirs(os.path.dirname(scratch_base[0]), exist_ok=True)
            with open(scratch_base[0], "w") as f:
                f.write("not a folder\n")

        base = os.path.join(scratch, "at-start")
        scratch_base = [base]
        results.append(disk_fault("records folder path is a file at start, then removed", base, nothing,
                                  lambda r: os.unlink(base), rng, before_start=file_at_start))
        cases = [
            ("records folder deleted mid-call (rm -rf)", rm_rf, nothing, False),
            ("records folder replaced by a file, then the file removed", file_in_the_way, move_file_away, False),
            ("journal file deleted mid-call", remove_journal, nothing, False),
            ("journal truncated to half while running, then restored", damage("half"), nothing, True),
            ("journal truncated to 0 bytes while running, then restored", damage("zero"), nothing, True),
            ("garbage appended to the journal while running, then restored", damage("garbage"), nothing, True),
            ("300 NUL bytes appended while running, then restored", damage("nul"), nothing, True),
        ]
        for k, (name, inject, clear, restore) in enumerate(cases):
            base = os.path.join(scratch, f"r{k}")
            results.append(disk_fault(name, base, inject, clear, rng, restore=restore))
        shutil.rmtree(scratch, ignore_errors=True)
    finally:
        fs.close()
    survived = 0
    for r in results:
        bad = r.get("error") or r.get("false_saved") or r.get("lost_ticks") or r.get("lost_chars") or r.get("problem")
        survived += not bad
        verdict = "ok" if not bad else "FAILED"
        warned = "warned NOT SAVED" if r.get("warned") else "no NOT SAVED shown"
        if r.get("said_rewritten"):
            warned += ", said the record was written again"
        chars = r.get("chars", "?")
        if r.get("shown_before_restart") is not None:
            chars = f"{r['shown_before_restart']} before the restart, {chars} at the end"
        print(f"  {verdict:6} {r['name']}: {warned}; lost {r.get('lost_ticks', '?')} tick(s), "
              f"{r.get('lost_chars', '?')} char(s) (shown: {chars})"
              + (f"; {r['problem']}" if r.get("problem") else "")
              + (f"; {r['restore']}" if r.get("restore") else "")
              + (f"; {r['error']}" if r.get("error") else ""))
        for line in (r.get("false_saved") or [])[:3]:
            print(f"         false 'saved ✓': {line}")
        if len(r.get("false_saved") or []) > 3:
            print(f"         … {len(r['false_saved'])} keys in all showed 'saved ✓' with the change not on disk")
    for s in skipped:
        print(f"  skipped: {s}")
    if survived < len(results):
        FAILURES.append(f"disk: {len(results) - survived} fault(s) not survived")
    false_saved = sum(1 for r in results if r.get("false_saved"))
    lost = sum(1 for r in results if r.get("lost_ticks") or r.get("lost_chars") or r.get("problem"))
    return [
        ("disk faults", f"{survived}/{len(results)} survived" + (" (tmpfs cases skipped)" if not fs.mounted else "")),
        ("  'saved ✓' while not on disk", f"{false_saved} of {len(results)} faults"),
        ("  something lost", f"{lost} of {len(results)} faults"),
    ]


# --- files -----------------------------------------------------------------


def classify(path, out, timed_out):
    if timed_out:
        return "hang"
    err = out.stderr.decode("utf-8", "replace")
    if out.returncode == 101 or "panicked" in err:
        return "panic"
    if out.returncode < 0:
        return f"killed by signal {-out.returncode}"
    if out.returncode == 0:
        return "accepted"
    # Messages clean control characters out of file names.
    shown = "".join(c for c in os.path.basename(path) if c.isprintable())
    located = any(re.search(re.escape(shown) + r"(:\d+:\d+)?:", line) for line in err.splitlines())
    if out.returncode == 1 and located:
        return "clear error"
    return f"other (exit {out.returncode})"


def check_file(env, kind, path):
    start = time.monotonic()
    try:
        out = dutygrid(env, kind, "check", path, timeout=CHECK_TIMEOUT)
        timed_out = False
    except subprocess.TimeoutExpired:
        out, timed_out = None, True
    elapsed = time.monotonic() - start
    return classify(path, out, timed_out), elapsed


def corpus(folder, rng, quick):
    """(kind, name, path, must_fail) for every generated file."""
    pack = open(os.path.join(ROOT, "packs", "nottingham-city.ron"), "rb").read()
    keymap = open(os.path.join(ROOT, "keymaps", "default.ron"), "rb").read()
    files = []

    def put(kind, name, data, must_fail=True):
        # An edit that no longer matches the shipped file would try that
        # file under a hostile name and count it as "accepted" (a random
        # byte flip may land on the same byte: that file is still valid).
        if must_fail and data in (pack, keymap):
            sys.exit(f"attack.py: the edit for {name} no longer changes the shipped file")
        path = os.path.join(folder, name)
        with open(path, "wb") as f:
            f.write(data)
        files.append((kind, name, path, must_fail))

    step = len(pack) // (30 if quick else 300)
    for cut in range(1, len(pack), step):
        put("pack", f"pack-cut-{cut}.ron", pack[:cut])
    for cut in range(1, len(keymap), max(1, len(keymap) // (20 if quick else 100))):
        put("keymap", f"keymap-cut-{cut}.ron", keymap[:cut])
    for k in range(20 if quick else 150):
        data = bytearray(pack)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        put("pack", f"pack-flip-{k}.ron", bytes(data), must_fail=False)
    for k in range(10 if quick else 60):
        data = bytearray(keymap)
        data[rng.randrange(len(data))] = rng.randrange(256)
        put("keymap", f"keymap-flip-{k}.ron", bytes(data), must_fail=False)
    put("pack", "pack-nul-in-string.ron", pack.replace(b"Physically healthy", b"Physically\0healthy", 1))
    put("pack", "pack-bom.ron", b"\xef\xbb\xbf" + pack, must_fail=False)
    put("pack", "pack-latin1.ron", pack.replace(b"Physically healthy", b"Physically h\xe9althy", 1))
    put("pack", "pack-nesting-100k.ron", b"(" * 100000 + b")" * 100000)
    put("pack", "pack-nesting-list-100k.ron", pack.replace(b"notes: [", b"notes: " + b"[" * 100000, 1))
    put("pack", "pack-empty.ron", b"")
    put("pack", "pack-unterminated-string.ron", pack.replace(b'"Physically healthy"', b'"Physically healthy', 1))
    put("pack", "pack-unterminated-comment.ron", pack.replace(b"(id: \"health-u1\"", b"/* (id: \"health-u1\"", 1))
    put("pack", "pack-escape-in-name-\x1b]0;x\x07.ron", pack[:500])
    dup = b'                            (id: "health-u1", text: "Physically healthy"),\n' * 25000
    marker = b'(id: "health-u1", text: "Physically healthy"),  // L200c1\n'
    put("pack", "pack-25000-duplicate-ids.ron", pack.replace(marker, marker + dup, 1))
    put("pack", "pack-huge-string.ron", pack.replace(b"Physically healthy", b"x" * 20_000_000, 1))
    put("keymap", "keymap-no-quit.ron", re.sub(rb'\s*\("(q|ctrl-c)", quit\),', b"", keymap))
    put("keymap", "keymap-letter-in-notes.ron", re.sub(rb'(notes: \[[^\]]*?)\("esc", close\),', rb'\1("e", close),\n        ("esc", close),', keymap, count=1))
    put("keymap", "keymap-no-way-out-of-notes.ron", re.sub(rb'(notes: \[[^\]]*?)\("esc", close\),', rb"\1", keymap, count=1))
    put("keymap", "keymap-shift-tab.ron", keymap.replace(b'("backtab", prev_row)', b'("shift-tab", prev_row)', 1))
    put("keymap", "keymap-bom.ron", b"\xef\xbb\xbf" + keymap, must_fail=False)
    put("keymap", "keymap-nul.ron", keymap.replace(b'"j"', b'"\0"', 1))
    put("keymap", "keymap-nesting.ron", b"(grid: " + b"[" * 100000)
    for kind in ("pack", "keymap"):
        fifo = os.path.join(folder, f"{kind}-fifo.ron")
        os.mkfifo(fifo)
        files.append((kind, f"{kind}-fifo.ron", fifo, True))
        zero = os.path.join(folder, f"{kind}-dev-zero.ron")
        os.symlink("/dev/zero", zero)
        files.append((kind, f"{kind}-dev-zero.ron", zero, True))
        d = os.path.join(folder, f"{kind}-directory.ron")
        os.mkdir(d)
        files.append((kind, f"{kind}-directory.ron", d, True))
        loop = os.path.join(folder, f"{kind}-loop.ron")
        os.symlink(loop, loop)
        files.append((kind, f"{kind}-loop.ron", loop, True))
        dangling = os.path.join(folder, f"{kind}-dangling.ron")
        os.symlink(os.path.join(folder, "nowhere"), dangling)
        files.append((kind, f"{kind}-dangling.ron", dangling, True))
    return files


def packs_folder_listing(env, corpus_folder):
    """`pack list` with the FIFO, the /dev/zero link, the directory, the
    links and the 25,000 duplicate ids in the packs folder."""
    packs = env["DUTYGRID_PACKS"]
    for name in os.listdir(corpus_folder):
        if re.search(r"(fifo|dev-zero|directory|loop|dangling|25000|escape-in-name)", name) and name.startswith("pack"):
            os.rename(os.path.join(corpus_folder, name), os.path.join(packs, name))
    start = time.monotonic()
    try:
        out = dutygrid(env, "pack", "list")
    except subprocess.TimeoutExpired:
        return f"hang (over {CHECK_TIMEOUT:.0f} s)"
    elapsed = time.monotonic() - start
    err = out.stderr.decode("utf-8", "replace")
    raw_escape = "\x1b" in err or "\x1b" in out.stdout.decode("utf-8", "replace")
    messages = len(err.splitlines())
    return (f"exit {out.returncode}, {messages} message line(s), {elapsed:.2f} s"
            + (", RAW ESCAPE in output" if raw_escape else ""))


def files(args, rng):
    print("== files: malformed packs and keymaps through pack check / keymap check")
    env, home = make_env()
    folder = os.path.join(home, "corpus")
    os.makedirs(folder)
    counts, worst, bad = {}, (0.0, ""), []
    try:
        corpus_files = corpus(folder, rng, args.quick)
        for kind, name, path, must_fail in corpus_files:
            verdict, elapsed = check_file(env, kind, path)
            if elapsed > worst[0]:
                worst = (elapsed, name)
            if verdict == "accepted" and not must_fail:
                verdict = "accepted (still valid)"
            counts[verdict] = counts.get(verdict, 0) + 1
            if verdict not in ("clear error", "accepted (still valid)"):
                bad.append((verdict, kind, name))
        listing = packs_folder_listing(env, folder)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    total = sum(counts.values())
    for verdict, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"  {verdict:24} {n}")
    for verdict, kind, name in bad[:30]:
        print(f"  {verdict}: {kind} check {name!r}")
    print(f"  worst time {worst[0]:.2f} s ({worst[1]!r}); timeout {CHECK_TIMEOUT:.0f} s")
    print(f"  pack list over a packs folder holding the hostile files: {listing}")
    n = lambda k: counts.get(k, 0)  # noqa: E731
    if n("panic") or n("hang"):
        FAILURES.append(f"files: {n('panic')} panic(s), {n('hang')} hang(s)")
    others = total - n("clear error") - n("accepted (still valid)") - n("panic") - n("hang")
    if others:
        # A file that must be refused was accepted, or refused without saying where.
        FAILURES.append(f"files: {others} file(s) neither refused with a located error nor still valid")
    return [
        ("malformed packs and keymaps", f"{total} tried"),
        ("  clear error (path:line:col: or path:)", str(n("clear error"))),
        ("  still valid after a byte flip (exit 0)", str(n("accepted (still valid)"))),
        ("  panics / hangs", f"{n('panic')} / {n('hang')}"),
        ("  other", str(others)),
        ("  worst time", f"{worst[0]:.2f} s"),
        ("pack list, hostile packs folder", listing),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sections", nargs="*", metavar="kills|disk|files", help="which parts to run (default: all)")
    parser.add_argument("--quick", action="store_true", help="fewer trials (10 kills, a smaller corpus)")
    parser.add_argument("--kills", type=int, default=None, help="SIGKILL trials (default 60, 10 with --quick)")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    for section in args.sections:
        if section not in ("kills", "disk", "files"):
            parser.error(f"unknown section {section!r}: kills, disk or files")
    if args.kills is None:
        args.kills = 10 if args.quick else 60
    if not os.access(BINARY, os.X_OK):
        sys.exit(f"{BINARY} not found: run cargo build --release first")
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    print(f"dutygrid attack, seed {seed} (rerun with --seed {seed})")
    rows = []
    for section in args.sections or ["kills", "disk", "files"]:
        rows += {"kills": kills, "disk": disk, "files": files}[section](args, rng)
    rows.append(("key fuzz", "see scripts/key-fuzz.py"))
    print("\n== summary")
    width = max(len(r[0]) for r in rows)
    for name, value in rows:
        print(f"  {name:{width}}  {value}")
    for failure in FAILURES:
        print(f"FAILED: {failure}")
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    main()
