#!/usr/bin/env python3
"""What `sopbook impact` costs next to a plain `check`: a generated corpus in a Git repository with many
commits (the repository of git_history.py), one SOP edited in the working tree, then `check` and
`impact --base HEAD` alternating.

    python3 Benchmarks/impact.py [--sopbook BIN] [--files 10000] [--commits 10000] [--runs 5] [--work DIR]

The target of issue #13: impact under 3 times a plain check at 10,000 SOPs. Prints a Markdown table for
Benchmarks/results.md.
"""
import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from git_history import timed  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sopbook", default=str(HERE.parent / ".build" / "release" / "sopbook"))
    parser.add_argument("--files", type=int, default=10000)
    parser.add_argument("--commits", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", default=None)
    args = parser.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="sopbook-impact-bench-"))
    repo = work / "repo"
    if not (repo / ".git").exists():
        # git_history.py makes the repository (and builds it, which we do not time here).
        subprocess.run([sys.executable, str(HERE / "git_history.py"), "--sopbook", args.sopbook, "--files", str(args.files),
                        "--commits", str(args.commits), "--runs", "1", "--work", str(work)], check=True, capture_output=True)
    subprocess.run(["git", "checkout", "-q", "--", "."], cwd=repo, check=True)
    edited = sorted((repo / "Content").rglob("*.md"))[len(list((repo / "Content").rglob("*.md"))) // 2]
    with edited.open("a", encoding="utf-8") as f:
        f.write("\nA paragraph added by the benchmark.\n")
    common = ["--content", "Content", "--today", "2026-11-01"]
    rows = {"check": [], "impact --base HEAD": []}
    try:
        for _ in range(args.runs):
            rows["check"].append(timed([args.sopbook, "check", "--quiet", "--fail-on", "never", "--no-baseline"] + common, repo))
            rows["impact --base HEAD"].append(timed([args.sopbook, "impact", "--base", "HEAD", "--fail-on", "never",
                                                     "--format", "json", "--report", "/dev/null"] + common, repo))
    finally:
        subprocess.run(["git", "checkout", "-q", "--", "."], cwd=repo, check=True)
    print(f"| {args.files} SOPs, {args.commits + 1} commits, one SOP edited | median of {args.runs} | peak memory |")
    print("|---|---|---|")
    for label, runs in rows.items():
        print(f"| `{label}` | {statistics.median(r[0] for r in runs):.2f} s | {max(r[1] for r in runs):.0f} MB |")
    ratio = statistics.median(r[0] for r in rows["impact --base HEAD"]) / statistics.median(r[0] for r in rows["check"])
    print(f"\n`impact` takes {ratio:.2f}× a plain `check` (target: under 3×).")


if __name__ == "__main__":
    main()
