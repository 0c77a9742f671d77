"""Handbooks written for other generators (Tests/Fixtures/handbooks/<style>/: GitBook, MkDocs, Docusaurus,
plain GitHub, Hugo, Jekyll, Eleventy, Middleman), read as a new user would: `sopbook adopt`, then
`sopbook check` and `sopbook build` with no hand edits. Each fixture's `fixture.json` lists the links its
own generator cannot resolve (written from the generator's rules, see its NOTES.md).

- The link errors are the truly broken links: at least 95% of the errors are true and at least 90% of the
  truly broken links are found, over the fixtures of the issue's kinds; each fixture's report and adopted
  sopbook.yml match their golden files (re-bless with SOPBOOK_BLESS=1).
- Every link the build rewrote lands on an existing page and anchor; only links left as written (broken,
  template syntax, other parts of the site) may lead nowhere in the built site.

Run: python3 -m unittest Tests/browser/test_adoption.py -v   (after `swift build`)
"""
import importlib.util
import os
import posixpath
import re
import subprocess
import urllib.parse
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("SOPBOOK_BIN", ROOT / ".build" / "debug" / "sopbook"))
FIXTURES = ROOT / "Tests" / "Fixtures" / "handbooks"
# The kinds the issue names; Docusaurus and Hugo are measured and golden-tested too, but their static/
# folders and generated pages (outside the content folder) are not in reach of any checker of it.
REQUIRED = ["gitbook", "mkdocs", "github", "jekyll", "eleventy", "middleman"]

spec = importlib.util.spec_from_file_location("adoption", ROOT / "Scripts" / "adoption-check.py")
adoption = importlib.util.module_from_spec(spec)
spec.loader.exec_module(adoption)


def written_destinations(repo: Path) -> set:
    """Every destination written in the Markdown sources, decoded: what a link left as written shows."""
    out = set()
    for path in repo.rglob("*.md"):
        for match in re.finditer(r"\]\((?:<([^>\n]+)>|([^)\s]+))", path.read_text(encoding="utf-8")):
            out.add(urllib.parse.unquote(match.group(1) or match.group(2)))
    return out


def landing(page: str, url: str) -> str:
    """Where a relative link of a built page lands, from the root of the site."""
    path, _, fragment = urllib.parse.unquote(url).partition("#")
    if path.startswith("/"):
        return url
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) + "#" + fragment


class AdoptionTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.results = {f.name: adoption.measure(f, BIN, "2026-11-23") for f in sorted(FIXTURES.iterdir()) if f.is_dir()}

    def test_link_errors_are_true_and_broken_links_found(self):
        chosen = [self.results[name] for name in REQUIRED]
        reported = sum(r["reported"] for r in chosen)
        true = sum(r["true"] for r in chosen)
        broken = sum(r["broken"] for r in chosen)
        details = "\n".join(f"{r['handbook']}: {r['true']}/{r['reported']} true, {r['true']}/{r['broken']} found; "
                            f"false alarms {r['falseAlarms']}; missed {r['missed']}" for r in chosen)
        self.assertGreater(broken, 30)
        self.assertGreaterEqual(true / reported, 0.95, details)
        self.assertGreaterEqual(true / broken, 0.90, details)

    def test_ownership_fields_are_read(self):
        for name, r in self.results.items():
            expected = r["pagesWithOwner"]
            if expected is not None:
                self.assertGreaterEqual(r["owned"], expected, f"{name}: owners read on {r['owned']} pages, {expected} have one")

    def test_reports_and_adopted_configurations_match_golden_files(self):
        bless = os.environ.get("SOPBOOK_BLESS") == "1"
        for name, r in self.results.items():
            for golden, actual in (("expected-sopbook.yml", r["config"]), ("expected.txt", r["text"])):
                path = FIXTURES / name / golden
                if bless:
                    path.write_text(actual, encoding="utf-8")
                self.assertEqual(path.read_text(encoding="utf-8"), actual, f"{name}/{golden} differs; re-bless if intended")

    def test_every_rewritten_link_lands_in_the_built_site(self):
        for name, r in self.results.items():
            left_as_written = written_destinations(FIXTURES / name / "repo")
            # A broken anchor still lands on its page: the page exists, the anchor does not.
            broken_anchors = {urllib.parse.unquote(b["destination"]).partition("#")[2]
                              for b in adoption.truth_of(FIXTURES / name)["broken"]} - {""}
            # A print pack holds the pages' bodies, their links rebased on it: each of its dangling links
            # must land where one of the pages' own does.
            pages = [(page, url) for page, url in r["siteDangling"] if not page.startswith("print/")]
            landings = {landing(page, url) for page, url in pages}
            printed = [(page, url) for page, url in r["siteDangling"] if page.startswith("print/")]
            self.assertEqual([(p, u) for p, u in printed if landing(p, u) not in landings], [], name)
            rewritten_dangling = [(page, url) for page, url in pages
                                  if urllib.parse.unquote(url) not in left_as_written
                                  and urllib.parse.unquote(url).partition("#")[2] not in broken_anchors]
            self.assertEqual(rewritten_dangling, [], name)
            self.assertGreater(r["siteLinks"], 50, name)


class BaselineOnAdoptedHandbooksTest(unittest.TestCase):
    """adopt, then baseline: check passes until a new broken link or a new unowned SOP, and then fails
    naming only those."""

    def test_the_baseline_keeps_ci_green_until_something_new_breaks(self):
        import json
        import shutil
        import tempfile
        for folder in sorted(f for f in FIXTURES.iterdir() if f.is_dir()):
            content = adoption.truth_of(folder).get("content", ".")
            with tempfile.TemporaryDirectory(prefix="sopbook-ratchet-") as tmp:
                repo = Path(tmp) / "repo"
                shutil.copytree(folder / "repo", repo)
                sopbook = lambda *args: subprocess.run([str(BIN), *args], cwd=repo, capture_output=True, text=True)
                self.assertEqual(sopbook("adopt", "--content", content).returncode, 0, folder.name)
                self.assertEqual(sopbook("baseline", "--content", content, "--today", "2026-11-23").returncode, 0, folder.name)
                green = sopbook("check", "--content", content, "--today", "2026-11-23")
                self.assertEqual(green.returncode, 0, f"{folder.name}: {green.stdout[-2000:]}")
                pages = sorted(p for p in (repo / content).rglob("*.md") if "/_" not in str(p) and "/." not in str(p))
                first = next(p for p in pages if p.name not in ("SUMMARY.md",))
                with first.open("a", encoding="utf-8") as f:
                    f.write("\nSee the [new policy](no-such-policy-page.md).\n")
                (repo / content / "unowned-process.md").write_text("---\ntitle: Nobody owns this\n---\n\n## Steps\n\n1. Do it.\n")
                red = sopbook("check", "--content", content, "--today", "2026-11-23", "--format", "json")
                self.assertEqual(red.returncode, 1, folder.name)
                new = [f for f in json.loads(red.stdout)["findings"] if f.get("baseline") == "new" and f["severity"] == "error"]
                self.assertEqual(sorted((f["rule"], f["file"]) for f in new),
                                 sorted([("broken-link", str(first.relative_to(repo / content))),
                                         ("missing-owner", "unowned-process.md")]), folder.name)


if __name__ == "__main__":
    unittest.main()
