#!/usr/bin/env python3
"""What reading Git history costs a build: a generated corpus in a Git repository with many commits,
built side by side with the same files outside Git.

    python3 Benchmarks/git_history.py [--sopbook BIN] [--files 10000] [--commits 10000] [--runs 3] [--work DIR]

The repository is made with `git fast-import` (one commit adding every file, then COMMITS commits by
eight authors over two years, each changing one SOP, one in fifty renaming one), so it is made in seconds.
The builds alternate (in Git, outside Git) and the medians and peak memory are printed as a Markdown
table for Benchmarks/results.md.
"""
import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
AUTHORS = ["Alice Martin", "Bob Stone", "Chloé Durand", "Dev Patel", "Eve Nakamura", "Farid Haddad", "Grace Okafor", "Hugo Lemaire"]


def fast_import_stream(content: Path, commits: int, seed: int) -> bytes:
    rng = random.Random(seed)
    files = sorted(p.relative_to(content).as_posix() for p in content.rglob("*.md"))
    out = bytearray()
    stamp = 1_700_000_000

    def commit(message: str, author: str, changes: bytes):
        nonlocal stamp
        stamp += 3600
        email = author.lower().replace(" ", ".").encode("ascii", "ignore") + b"@example.com"
        line = author.encode() + b" <" + email + b"> " + str(stamp).encode() + b" +0000\n"
        msg = message.encode()
        out.extend(b"commit refs/heads/main\nauthor " + line + b"committer " + line)
        out.extend(b"data %d\n" % len(msg) + msg + b"\n" + changes + b"\n")

    initial = bytearray()
    for rel in files:
        data = (content / rel).read_bytes()
        initial.extend(b"M 100644 inline Content/" + rel.encode() + b"\ndata %d\n" % len(data) + data + b"\n")
    commit("Import the handbook", AUTHORS[0], bytes(initial))
    current = list(files)
    for n in range(commits):
        i = rng.randrange(len(current))
        path = current[i]
        if n % 50 == 49:
            new = path[:-3] + f"-r{n}.md"
            (content / new).parent.mkdir(parents=True, exist_ok=True)
            os.replace(content / path, content / new)
            current[i] = new
            commit(f"Rename {path}", rng.choice(AUTHORS), b"R Content/" + path.encode() + b" Content/" + new.encode() + b"\n")
            continue
        with (content / path).open("a", encoding="utf-8") as f:
            f.write(f"\nRevised in change {n}.\n")
        data = (content / path).read_bytes()
        commit(f"Revise {path} ({n})", rng.choice(AUTHORS),
               b"M 100644 inline Content/" + path.encode() + b"\ndata %d\n" % len(data) + data + b"\n")
    return bytes(out)


def timed(args, cwd):
    start = time.monotonic()
    result = subprocess.run(["/usr/bin/time", "-f", "%M"] + args, cwd=cwd, capture_output=True, text=True)
    elapsed = time.monotonic() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"failed: {args}: {result.stderr[-500:]}")
    return elapsed, int(result.stderr.strip().splitlines()[-1]) / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sopbook", default=str(HERE.parent / ".build" / "release" / "sopbook"))
    parser.add_argument("--files", type=int, default=10000)
    parser.add_argument("--commits", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", default=None)
    args = parser.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="sopbook-git-bench-"))
    repo, plain = work / "repo", work / "plain"
    if not (repo / ".git").exists():
        shutil.rmtree(work, ignore_errors=True)
        (repo / "Content").mkdir(parents=True)
        subprocess.run([sys.executable, str(HERE / "generate_corpus.py"), str(repo / "Content"), str(args.files), "--seed", "1"], check=True)
        subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True)
        t = time.monotonic()
        stream = fast_import_stream(repo / "Content", args.commits, 1)
        subprocess.run(["git", "fast-import", "--quiet"], cwd=repo, input=stream, check=True)
        subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=repo, check=True)
        print(f"repository: {args.files} files, {args.commits + 1} commits, made in {time.monotonic() - t:.1f} s", file=sys.stderr)
        shutil.copytree(repo / "Content", plain / "Content")
    rows = {"in Git": [], "outside Git": []}
    for _ in range(args.runs):
        for label, folder in (("in Git", repo), ("outside Git", plain)):
            out = work / f"out-{label.replace(' ', '-')}"
            shutil.rmtree(out, ignore_errors=True)
            rows[label].append(timed([args.sopbook, "build", "--content", "Content", "--output", str(out), "--quiet",
                                      "--fail-on", "never", "--no-baseline", "--today", "2026-11-01"], folder))
    print(f"| {args.files} SOPs, {args.commits + 1} commits | build (median of {args.runs}) | peak memory |")
    print("|---|---|---|")
    for label, runs in rows.items():
        print(f"| {label} | {statistics.median(r[0] for r in runs):.2f} s | {max(r[1] for r in runs):.0f} MB |")
    delta = statistics.median(r[0] for r in rows["in Git"]) - statistics.median(r[0] for r in rows["outside Git"])
    print(f"\nReading the history adds {delta:+.2f} s.")


if __name__ == "__main__":
    main()
