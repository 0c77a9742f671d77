#!/usr/bin/env python3
"""Measures how Sopbook reads a handbook written for another generator, as a new user would meet it:
copy the repository, run `sopbook adopt`, then `sopbook check` and `sopbook build`, and compare the link
errors with the handbook's ground truth (the links its own generator cannot resolve).

    Scripts/adoption-check.py [--bin .build/debug/sopbook] [--json] HANDBOOK...

A HANDBOOK folder holds `repo/` (the repository as the team has it) and `fixture.json` or `truth.json`:
{"content": "docs", "broken": [{"file", "line", "destination", "kind"}], "pagesWithOwner": N, ...}.
Prints, per handbook: link errors reported, true ones (precision), truly broken links found (recall),
pages whose owner was read, and the links of the built site that lead nowhere beyond the truly broken.
"""
import argparse
import collections
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINK_RULES = {"broken-link", "broken-anchor", "link-outside-content"}


def run(args, cwd):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True)


def truth_of(folder: Path) -> dict:
    for name in ("fixture.json", "truth.json"):
        if (folder / name).exists():
            return json.loads((folder / name).read_text(encoding="utf-8"))
    raise SystemExit(f"{folder}: no fixture.json or truth.json")


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name) is not None:
                self.urls.append(attrs[name])


def dangling(output: Path):
    """Relative links of the built site whose file or #fragment does not exist, as (page, url)."""
    parsed = {}

    def parse(page):
        if page not in parsed:
            collector = Links()
            collector.feed(page.read_text(encoding="utf-8"))
            parsed[page] = collector
        return parsed[page]

    out, count = [], 0
    for page in sorted(output.rglob("*.html")):
        for url in parse(page).urls:
            split = urllib.parse.urlsplit(url)
            if split.scheme or url.startswith("//") or url == "":
                continue
            count += 1
            target = page if not split.path else (page.parent / urllib.parse.unquote(split.path)).resolve()
            fragment = urllib.parse.unquote(split.fragment)
            if url.startswith("/") or not target.is_file():
                out.append((str(page.relative_to(output)), url))
            elif fragment and target.suffix == ".html" and fragment not in parse(target).ids:
                out.append((str(page.relative_to(output)), url))
    return out, count


def measure(folder: Path, binary: Path, today: str) -> dict:
    truth = truth_of(folder)
    with tempfile.TemporaryDirectory(prefix="sopbook-adopt-") as tmp:
        repo = Path(tmp) / "repo"
        shutil.copytree(folder / "repo", repo, symlinks=True)
        content = truth.get("content", ".")
        adopt = run([str(binary), "adopt", "--content", content], repo)
        if adopt.returncode != 0:
            raise SystemExit(f"{folder.name}: sopbook adopt failed ({adopt.returncode}): {adopt.stderr.strip()}")
        check = run([str(binary), "check", "--content", content, "--format", "json", "--fail-on", "never",
                     "--no-baseline", "--today", today], repo)
        if check.returncode != 0:
            raise SystemExit(f"{folder.name}: sopbook check failed ({check.returncode}): {check.stderr.strip()}")
        report = json.loads(check.stdout)
        output = Path(tmp) / "site"
        build = run([str(binary), "build", "--content", content, "--output", str(output), "--fail-on", "never",
                     "--no-baseline", "--today", today, "--quiet"], repo)
        if build.returncode != 0:
            raise SystemExit(f"{folder.name}: sopbook build failed ({build.returncode}): {build.stderr.strip()}")
        site_dangling, site_links = dangling(output)
        text = run([str(binary), "check", "--content", content, "--fail-on", "never", "--no-baseline", "--today", today], repo).stdout
        config = (repo / "sopbook.yml").read_text(encoding="utf-8")
    reported = [f for f in report["findings"] if f["rule"] in LINK_RULES]
    expected = collections.Counter((b["file"], b["line"]) for b in truth.get("broken", []))
    found = collections.Counter((f["file"], f["line"]) for f in reported)
    true_positive = sum(min(n, expected[k]) for k, n in found.items())
    false_alarms = [f for f in reported if found[(f["file"], f["line"])] > expected[(f["file"], f["line"])]]
    missed = [b for b in truth.get("broken", []) if found[(b["file"], b["line"])] < expected[(b["file"], b["line"])]]
    owned = report["summary"]["owned"]
    return {
        "handbook": folder.name, "generator": truth.get("generator", "?"), "processes": report["summary"]["processes"],
        "reported": len(reported), "true": true_positive, "broken": sum(expected.values()),
        "precision": true_positive / len(reported) if reported else 1.0,
        "recall": true_positive / sum(expected.values()) if expected else 1.0,
        "owned": owned, "pagesWithOwner": truth.get("pagesWithOwner"),
        "unknownFields": sum(1 for f in report["findings"] if f["rule"] == "unknown-field"),
        "uncheckable": sum(1 for f in report["findings"] if f["rule"] == "uncheckable-link"),
        "falseAlarms": [f"{f['file']}:{f['line']}: {f['message']}" for f in false_alarms],
        "missed": [f"{b['file']}:{b['line']}: {b['destination']}" for b in missed],
        "siteDangling": site_dangling, "siteLinks": site_links,
        "adopt": adopt.stdout, "config": config, "text": text,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default=os.environ.get("SOPBOOK_BIN", str(ROOT / ".build" / "debug" / "sopbook")))
    parser.add_argument("--today", default="2026-11-23")
    parser.add_argument("--json", action="store_true", help="print the measures as JSON")
    parser.add_argument("--verbose", action="store_true", help="list false alarms and misses")
    parser.add_argument("handbooks", nargs="+", type=Path)
    args = parser.parse_args()
    results = [measure(h, Path(args.bin), args.today) for h in args.handbooks]
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{'handbook':<14}{'generator':<12}{'SOPs':>6}{'errors':>8}{'true':>6}{'broken':>8}{'precision':>11}{'recall':>8}"
          f"{'owned':>7}{'unknown':>9}{'unchk':>7}{'dangling':>10}")
    for r in results:
        print(f"{r['handbook']:<14}{r['generator']:<12}{r['processes']:>6}{r['reported']:>8}{r['true']:>6}{r['broken']:>8}"
              f"{r['precision']:>11.0%}{r['recall']:>8.0%}{r['owned']:>7}{r['unknownFields']:>9}{r['uncheckable']:>7}{len(r['siteDangling']):>10}")
        if args.verbose:
            for line in r["falseAlarms"]:
                print("   false alarm:", line)
            for line in r["missed"]:
                print("   missed:     ", line)
    totals = [sum(r[k] for r in results) for k in ("reported", "true", "broken")]
    print(f"all: precision {totals[1] / max(1, totals[0]):.1%}, recall {totals[1] / max(1, totals[2]):.1%}")


if __name__ == "__main__":
    sys.exit(main())
