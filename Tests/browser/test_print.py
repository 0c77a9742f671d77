"""The print packs (print/index.html, print/areas/*.html, print/roles/*.html) printed for real: a small
knowledge base in a real Git repository is built, each pack is printed to PDF by headless Chromium, and the
PDF's text (poppler's pdftotext) must hold every SOP's title and revision, the "Uncontrolled when printed"
footer on every page, and each SOP's last step (nothing cut off).

Run: python3 -m unittest Tests/browser/test_print.py   (after `swift build`; SOPBOOK_BIN overrides the binary)
Needs chromium and poppler-utils (pdftotext, pdfinfo): the test is skipped, saying so, without them.
"""
import html
import os
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("SOPBOOK_BIN", ROOT / ".build" / "debug" / "sopbook"))
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
MISSING = [name for name, path in (("chromium", CHROMIUM), ("pdftotext", shutil.which("pdftotext")),
                                   ("pdfinfo", shutil.which("pdfinfo"))) if not path]
FOOTER = "Uncontrolled when printed"
FOOTER_FR = "Copie non maîtrisée une fois imprimée"

# The long procedure runs over several printed pages: its last step proves nothing was cut off.
LONG_STEPS = "\n".join(f"{n}. Check pallet {n} against the delivery note and write the count on the sheet." for n in range(1, 60))


def sop(title, owner, steps, extra=""):
    return (f"---\ntitle: {title}\nowner: {owner}\nraci:\n  responsible: Accountant\n  accountable: {owner}\n"
            f"{extra}---\n# {title}\n\n## Steps\n{steps}\n")


# path → (title, last step text). The retired SOP is written separately: it must stay out of every pack.
SOPS = {
    "finance/issue-invoice.md": ("Issue an invoice", "Archive the signed invoice in the finance drive."),
    "finance/month-end.md": ("Close the month", "Send the closing pack to the Founder."),
    "operations/receive-stock.md": ("Receive stock", "Check pallet 59 against the delivery note and write the count on the sheet."),
    "hr/onboarding.md": ("Onboard a new hire", "Book the thirty-day check-in with the Hiring Manager."),
    "welcome.md": ("Welcome to the manual", "Read the onboarding path of your role."),
}
RETIRED_TITLE = "Old invoicing by fax"


def run(args, cwd=None, env=None, check=True):
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"{args[0]} failed ({result.returncode}): {result.stderr}{result.stdout}")
    return result


def commit(repo: Path, message: str, author: str, date: str):
    env = dict(os.environ, GIT_AUTHOR_NAME=author, GIT_AUTHOR_EMAIL=f"{author.split()[0].lower()}@example.com",
               GIT_COMMITTER_NAME=author, GIT_COMMITTER_EMAIL="ci@example.com",
               GIT_AUTHOR_DATE=f"{date}T12:00:00+0000", GIT_COMMITTER_DATE=f"{date}T12:00:00+0000")
    run(["git", "add", "-A"], cwd=repo)
    run(["git", "-c", "commit.gpgsign=false", "commit", "-q", "-m", message], cwd=repo, env=env)


def write(path: Path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def make_repository(repo: Path):
    """Several commits by different authors, a rename, an approval, a retirement: revisions 1 to 3."""
    run(["git", "init", "-q", "-b", "main"], cwd=repo)
    content = repo / "content"
    write(content / "finance/issue-invoice.md", sop("Issue an invoice", "Finance Lead",
          "1. Create the invoice in Xero.\n2. TODO\n"))
    write(content / "finance/month-end.md", sop("Close the month", "Finance Lead",
          "1. Reconcile the bank accounts.\n2. Send the closing pack to the Founder.\n",
          "approval:\n  by: Founder\n  on: 2026-10-01\neffective: 2026-10-15\n"))
    write(content / "operations/stock.md", sop("Receive stock", "Warehouse Lead", LONG_STEPS))
    write(content / "hr/onboard.md", sop("Onboard a new hire", "HR Lead",
          "1. Send the welcome email.\n2. Book the thirty-day check-in with the Hiring Manager.\n"))
    write(content / "welcome.md", sop("Welcome to the manual", "Founder", "1. Read the onboarding path of your role.\n"))
    write(content / "finance/fax-invoicing.md", sop(RETIRED_TITLE, "Finance Lead", "1. Fax the invoice.\n",
          "status: retired\n"))
    commit(repo, "First version of the manual", "Alice Martin", "2026-09-01")
    # Rev. 2 of the invoice: its last step is written down.
    write(content / "finance/issue-invoice.md", sop("Issue an invoice", "Finance Lead",
          "1. Create the invoice in Xero.\n2. Archive the signed invoice in the finance drive.\n"))
    run(["git", "mv", "content/hr/onboard.md", "content/hr/onboarding.md"], cwd=repo)
    run(["git", "mv", "content/operations/stock.md", "content/operations/receive-stock.md"], cwd=repo)
    commit(repo, "Invoice: archive step; rename onboarding", "Bob Chen", "2026-10-20")
    write(content / "hr/onboarding.md", sop("Onboard a new hire", "HR Lead",
          "1. Send the welcome email.\n2. Order the laptop.\n3. Book the thirty-day check-in with the Hiring Manager.\n"))
    commit(repo, "Onboarding: laptop step", "Chloé Dubois", "2026-11-02")


REVISIONS = {"finance/issue-invoice": 2, "finance/month-end": 1, "operations/receive-stock": 2,
             "hr/onboarding": 3, "welcome": 1}


def build(content: Path, output: Path, language: str = "en"):
    config = content.parent / f"sopbook-{language}.yml"
    config.write_text(f"title: Print test manual\nlanguage: {language}\n", encoding="utf-8")
    run([str(BIN), "build", "--content", str(content), "--config", str(config), "--output", str(output),
         "--today", "2026-11-23", "--fail-on", "never"], cwd=ROOT)


def flat(text: str) -> str:
    return " ".join(text.split())


@unittest.skipIf(MISSING, f"print packs not printed: {', '.join(MISSING)} missing (apt-get install chromium poppler-utils)")
class PrintPackTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="sopbook-print-"))
        cls.repo = cls.tmp / "repo"
        cls.repo.mkdir()
        make_repository(cls.repo)
        cls.head = run(["git", "rev-parse", "HEAD"], cwd=cls.repo).stdout.strip()[:7]
        cls.output = cls.tmp / "Output"
        build(cls.repo / "content", cls.output)
        cls.pdfs = {}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def printed(self, page: str, output: Path = None):
        """The pack printed to PDF: (page count, the text of each page)."""
        output = output or self.output
        key = (str(output), page)
        if key not in self.pdfs:
            pdf = self.tmp / (re.sub(r"[^a-z0-9]+", "-", str(output.name) + page) + ".pdf")
            profile = tempfile.mkdtemp(prefix="chromium-", dir=self.tmp)
            run([CHROMIUM, "--headless", "--disable-gpu", "--no-sandbox", f"--user-data-dir={profile}",
                 "--no-pdf-header-footer", "--print-to-pdf-no-header", f"--print-to-pdf={pdf}",
                 (output / page).as_uri()])
            self.assertTrue(pdf.exists(), f"Chromium printed no PDF for {page}")
            info = run(["pdfinfo", str(pdf)]).stdout
            count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
            pages = [run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"]).stdout
                     for n in range(1, count + 1)]
            self.pdfs[key] = (count, pages)
        return self.pdfs[key]

    def assert_pack(self, page: str, ids: list, footer: str = FOOTER, output: Path = None):
        count, pages = self.printed(page, output)
        text = flat("\n".join(pages))
        # A cover, a table of contents and at least a page per SOP.
        self.assertGreaterEqual(count, 2 + len(ids), page)
        for n, page_text in enumerate(pages, 1):
            # The footer line, not the cover's warning: "Uncontrolled when printed · <pack> · <date> · <commit>".
            self.assertIn(footer + " · ", flat(page_text), f"{page}: page {n} of {count} has no footer")
        for sop_id in ids:
            title, last_step = SOPS[sop_id + ".md"]
            self.assertIn(title, text, f"{page}: {title} missing")
            self.assertIn(f"{sop_id} · rev. {REVISIONS[sop_id]}", text, f"{page}: revision of {sop_id}")
            self.assertIn(last_step, text, f"{page}: the last step of {sop_id} is cut off")
        self.assertNotIn(RETIRED_TITLE, text, f"{page}: a retired SOP was printed")
        return text

    def test_manual_holds_every_active_sop(self):
        text = self.assert_pack("print/index.html", [p[:-3] for p in SOPS])
        self.assertIn(self.head, text, "the cover names the content's commit")
        self.assertIn("Built on 2026-11-23", text)
        self.assertIn("Approved Founder on 2026-10-01", text)
        self.assertIn("Effective 2026-10-15", text)
        count, pages = self.printed("print/index.html")
        # The long procedure spans pages, and each SOP starts on its own page.
        self.assertGreater(sum("Check pallet" in p for p in pages), 1)
        starts = [n for n, p in enumerate(pages) if re.search(r"^\s*\d+ · ", p, re.M)]
        self.assertEqual(len(starts), len(SOPS), "each SOP starts on a new page")

    def test_area_packs(self):
        self.assert_pack("print/areas/finance.html", ["finance/issue-invoice", "finance/month-end"])
        self.assert_pack("print/areas/operations.html", ["operations/receive-stock"])
        self.assert_pack("print/areas/general.html", ["welcome"])

    def test_role_pack_follows_the_onboarding_path(self):
        role = (self.output / "roles/accountant.html").read_text(encoding="utf-8")
        path = re.search(r'<ol class="reading-path">(.*?)</ol>', role, re.S).group(1)
        titles = [html.unescape(t) for t in re.findall(r'<a href="[^"]*">([^<]*)</a>', path)]
        titles = [t for t in titles if t != RETIRED_TITLE]
        self.assertIn('href="../print/roles/accountant.html"', role, "the role page links to its pack")
        ids = [sop_id[:-3] for sop_id, (title, _) in SOPS.items() if title in titles]
        text = self.assert_pack("print/roles/accountant.html", ids)
        contents = text[text.index("Contents"):]
        positions = [contents.index(t) for t in titles]
        self.assertEqual(positions, sorted(positions), "the pack follows the role's reading order")

    def test_site_links_to_the_packs(self):
        home = (self.output / "index.html").read_text(encoding="utf-8")
        for href in ("print/index.html", "print/areas/finance.html", "print/areas/hr.html"):
            self.assertIn(f'href="{href}"', home)
        process = (self.output / "finance/issue-invoice.html").read_text(encoding="utf-8")
        self.assertIn('href="../print/index.html"', process, "the navigation links to the manual's pack")
        pack = (self.output / "print/areas/finance.html").read_text(encoding="utf-8")
        self.assertIn('href="../../finance/issue-invoice.html"', pack)
        self.assertIn('href="../../index.html#area-finance"', pack)

    def test_french_footer(self):
        output = self.tmp / "Output-fr"
        build(self.repo / "content", output, language="fr")
        count, pages = self.printed("print/areas/hr.html", output)
        for n, page_text in enumerate(pages, 1):
            self.assertIn(FOOTER_FR + " · ", flat(page_text), f"page {n} of {count} has no French footer")
        self.assertIn("rév. 3", flat("\n".join(pages)))

    def test_outside_git_the_cover_says_so(self):
        content = self.tmp / "plain" / "content"
        shutil.copytree(self.repo / "content", content)
        output = self.tmp / "Output-plain"
        build(content, output)
        pack = (output / "print/index.html").read_text(encoding="utf-8")
        self.assertIn("not in Git", pack)
        self.assertNotIn("rev. ", pack)


if __name__ == "__main__":
    unittest.main()
