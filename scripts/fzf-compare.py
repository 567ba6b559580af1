#!/usr/bin/env python3
"""dutygrid's search beside fzf on the corpus of caller phrasings.

Runs every phrasing of tests/fixtures/caller-phrasings.tsv through
`fzf --filter` over the texts dutygrid's search reads (one line per
indicator or immediate-referral item: id, tab, text; fzf matches the text
only), and prints precision at 1 and at 5, rank-1 and top-3 shares for fzf,
then dutygrid's own table (`cargo run --release --example search_corpus`).

fzf is only a yardstick here, not a dependency: without it on PATH the
script says so and exits 0. Debian: apt-get install fzf.

    python3 scripts/fzf-compare.py
"""
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "tests", "fixtures", "caller-phrasings.tsv")


def corpus():
    with open(CORPUS, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            pack, said, ids = line.rstrip("\n").split("\t")
            yield pack, said, set(i.strip() for i in ids.split(",") if i.strip())


def fzf(lines, query):
    # Exit 1 is "no match", not a failure.
    out = subprocess.run(
        ["fzf", "--filter", query, "--delimiter", "\t", "--nth", "2.."],
        input=lines, capture_output=True, text=True, check=False,
    )
    if out.returncode not in (0, 1):
        sys.exit(f"fzf failed on {query!r}: {out.stderr.strip()}")
    return [l.split("\t", 1)[0] for l in out.stdout.splitlines()]


def main():
    if shutil.which("fzf") is None:
        print("fzf is not installed (apt-get install fzf): skipping the comparison.")
        return 0
    version = subprocess.run(["fzf", "--version"], capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as texts:
        cargo = ["cargo", "run", "-q", "--release", "--example", "search_corpus", "--"]
        subprocess.run(cargo + ["--dump-texts", texts], cwd=ROOT, check=True)
        lines = {}
        for name in os.listdir(texts):
            with open(os.path.join(texts, name), encoding="utf-8") as f:
                lines[name[: -len(".txt")]] = f.read()
        n = p1 = p5 = at1 = top3 = 0
        for pack, said, ok in corpus():
            ranked = fzf(lines[pack], said)
            n += 1
            p1 += sum(1 for i in ranked[:1] if i in ok)
            p5 += sum(1 for i in ranked[:5] if i in ok) / 5
            first = next((k for k, i in enumerate(ranked) if i in ok), None)
            at1 += first == 0
            top3 += first is not None and first < 3
        print(f"fzf {version} --filter on {n} phrasings: rank 1 {100 * at1 / n:.0f}%, top 3 {100 * top3 / n:.0f}%, "
              f"P@1 {p1 / n:.2f}, P@5 {p5 / n:.2f}")
    print("\ndutygrid on the same phrasings:")
    subprocess.run(cargo, cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
