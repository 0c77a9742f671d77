"""Controlled documents and training records end to end, in a real Git repository: several commits by
different authors, a rename, an approval followed by a content change, a retirement with superseded_by,
two people with acknowledgements, one of them outdated by a later commit. Checks the findings, a process
page's revision history, register.csv, training.csv, and the printed manual's PDF text.

Run: python3 -m unittest Tests/browser/test_controlled.py -v   (after `swift build`)
"""
import csv
import io
import json
import os
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("SOPBOOK_BIN", ROOT / ".build" / "debug" / "sopbook"))

SOP = """---
title: {title}
owner: Accountant
raci:
  responsible: Accountant
  accountable: Finance Lead
{extra}---

# {title}

## Steps

1. {step}
2. Record it in the ledger.
"""


class ControlledDocumentsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="sopbook-controlled-"))
        cls.repo = cls.tmp / "repo"
        (cls.repo / "Content" / "finance").mkdir(parents=True)
        cls.git("init", "-q", "-b", "main")
        (cls.repo / "sopbook.yml").write_text(
            "people:\n  Alice Martin: {roles: [Accountant]}\n  Bob Stone: {roles: [Accountant]}\n", encoding="utf-8")
        cls.write("finance/invoice.md", SOP.format(title="Issue an invoice", extra="", step="Raise the invoice."))
        cls.write("finance/petty-cash.md", SOP.format(title="Count petty cash", extra="", step="Count the box."))
        cls.commit("Write the finance SOPs", "Alice Martin", "2026-01-10")
        cls.git("mv", "Content/finance/invoice.md", "Content/finance/issue-invoice.md")
        cls.commit("Rename the invoice SOP", "Bob Stone", "2026-02-11")
        cls.write("finance/issue-invoice.md", SOP.format(
            title="Issue an invoice", extra="approval:\n  by: Finance Lead\n  on: 2026-03-01\n", step="Raise the invoice."))
        cls.write("finance/paper-claims.md", SOP.format(
            title="Claim expenses on paper", extra="status: retired\nsuperseded_by: finance/petty-cash\n", step="Fill the form."))
        cls.write("finance/month-end.md", SOP.format(
            title="Close the month", extra="", step="See [the paper claims](paper-claims.md) and [invoices](issue-invoice.md)."))
        cls.commit("Approve invoicing; retire paper claims", "Chloé Durand", "2026-03-01")
        for person, sop in (("Alice Martin", "finance/issue-invoice"), ("Bob Stone", "finance/petty-cash")):
            cls.sopbook("ack", sop, "--as", person, "--today", "2026-03-02")
        cls.commit("Acknowledgements", "Alice Martin", "2026-03-02")
        cls.write("finance/issue-invoice.md", SOP.format(
            title="Issue an invoice", extra="approval:\n  by: Finance Lead\n  on: 2026-03-01\n", step="Raise the invoice in Xero."))
        cls.commit("Invoices are raised in Xero", "Bob Stone", "2026-04-05")
        cls.output = cls.tmp / "Output"
        build = cls.sopbook("build", "--output", str(cls.output), "--today", "2026-05-01", "--fail-on", "never")
        assert build.returncode == 0, build.stderr
        report = cls.sopbook("check", "--format", "json", "--today", "2026-05-01", "--fail-on", "never")
        cls.report = json.loads(report.stdout)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def git(cls, *args, env=None):
        subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=cls.repo, check=True, capture_output=True,
                       env={**os.environ, **(env or {})})

    @classmethod
    def write(cls, path, text):
        (cls.repo / "Content" / path).write_text(text, encoding="utf-8")

    @classmethod
    def commit(cls, message, author, date):
        stamp = f"{date}T12:00:00+0000"
        cls.git("add", "-A")
        cls.git("commit", "-q", "-m", message, env={
            "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "a@example.com", "GIT_COMMITTER_NAME": author,
            "GIT_COMMITTER_EMAIL": "a@example.com", "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp})

    @classmethod
    def sopbook(cls, *args):
        return subprocess.run([str(BIN), *args], cwd=cls.repo, capture_output=True, text=True)

    def test_findings(self):
        found = sorted((f["rule"], f["file"]) for f in self.report["findings"]
                       if f["rule"] in ("approval-outdated", "acknowledgement-outdated", "link-to-retired"))
        self.assertEqual(found, [("acknowledgement-outdated", "finance/issue-invoice.md"),
                                 ("approval-outdated", "finance/issue-invoice.md"),
                                 ("link-to-retired", "finance/month-end.md")])
        summary = self.report["summary"]
        self.assertEqual((summary["approved"], summary["approvalOutdated"], summary["retired"]), (0, 1, 1))
        self.assertEqual((summary["history"], summary["revised"]), ("complete", 4))

    def test_revision_history_follows_the_rename(self):
        page = (self.output / "finance" / "issue-invoice.html").read_text(encoding="utf-8")
        for author, subject in (("Bob Stone", "Invoices are raised in Xero"), ("Chloé Durand", "Approve invoicing; retire paper claims"),
                                ("Bob Stone", "Rename the invoice SOP"), ("Alice Martin", "Write the finance SOPs")):
            self.assertIn(subject, page)
            self.assertIn(author, page)
        self.assertIn("Superseded by", (self.output / "finance" / "paper-claims.html").read_text(encoding="utf-8"))

    def test_register_and_training_csv(self):
        rows = {r["id"]: r for r in csv.DictReader(io.StringIO((self.output / "register.csv").read_text(encoding="utf-8")))}
        invoice = rows["finance/issue-invoice"]
        self.assertEqual((invoice["status"], invoice["revision"], invoice["last_changed"]), ("active", "4", "2026-04-05"))
        self.assertEqual((invoice["approved_by"], invoice["approved_on"], invoice["acknowledged"]), ("Finance Lead", "2026-03-01", "0/2"))
        self.assertEqual(rows["finance/paper-claims"]["status"], "retired")
        self.assertEqual(rows["finance/petty-cash"]["acknowledged"], "1/2")
        training = list(csv.DictReader(io.StringIO((self.output / "training.csv").read_text(encoding="utf-8"))))
        status = {(r["person"], r["sop"]): r["status"] for r in training}
        self.assertEqual(status[("Alice Martin", "finance/issue-invoice")], "outdated")
        self.assertEqual(status[("Bob Stone", "finance/petty-cash")], "current")
        self.assertEqual(status[("Bob Stone", "finance/issue-invoice")], "not-yet")
        self.assertNotIn(("Alice Martin", "finance/paper-claims"), status)

    def test_the_printed_manual(self):
        chromium, pdftotext = shutil.which("chromium"), shutil.which("pdftotext")
        if not chromium or not pdftotext:
            self.skipTest("chromium or pdftotext (poppler-utils) is not installed")
        pdf = self.tmp / "manual.pdf"
        subprocess.run([chromium, "--headless", "--disable-gpu", "--no-sandbox", f"--print-to-pdf={pdf}",
                        (self.output / "print" / "index.html").as_uri()], check=True, capture_output=True, timeout=120)
        text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        for title in ("Issue an invoice", "Count petty cash", "Close the month"):
            self.assertIn(title, text)
        self.assertNotIn("Claim expenses on paper", text.split("Contents")[-1])
        self.assertIn("rev. 4", text)
        self.assertIn("Uncontrolled when printed", text)
        self.assertIn("Raise the invoice in Xero", text)


if __name__ == "__main__":
    unittest.main()
