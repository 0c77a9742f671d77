"""The document register and retired SOPs in a real browser (headless Chromium, Selenium), from file://:
sorting the register by a column header, filtering it by area, owner and status, and a retired SOP
ranked after the current ones in search even when its title matches better.

Run: python3 -m unittest Tests/browser/test_register.py   (after `swift build`)
"""
import shutil
import tempfile
import unittest
from pathlib import Path

from test_site import build, chrome


def sop(title, owner, extra="", steps="1. Do it.\n"):
    return f"""---
title: {title}
owner: {owner}
raci:
  responsible: Clerk
  accountable: {owner}
quality:
  - Done within 2 days
review:
  last: 2026-09-01
  every: 1 year
{extra}---

# {title}

## Steps
{steps}"""


class RegisterBrowserTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="sopbook-register-"))
        content = cls.tmp / "content"
        files = {
            # Its title starts with the query, so without the retired rule it would rank first.
            "finance/invoice-old.md": sop("Invoice approval (2023)", "Finance Lead",
                                          "status: retired\nsuperseded_by: finance/approve\n"),
            "finance/approve.md": sop("Approve an invoice", "Finance Lead", steps="1. See [[finance/pay]].\n"),
            "finance/pay.md": sop("Pay a supplier", "Accountant", steps="1. See [[finance/approve]].\n"),
            "hr/leave.md": sop("Book leave", "HR Lead", "status: draft\n", steps="1. See [[hr/hire]].\n"),
            "hr/hire.md": sop("Hire someone", "HR Lead", steps="1. See [[hr/leave]] and [[finance/pay]].\n"),
        }
        for path, text in files.items():
            (content / path).parent.mkdir(parents=True, exist_ok=True)
            (content / path).write_text(text, encoding="utf-8")
        config = cls.tmp / "sopbook.yml"
        config.write_text("title: Register test\n", encoding="utf-8")
        cls.output = cls.tmp / "site"
        build(content, config, cls.output)
        cls.driver = chrome()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def ids(self, visible_only=False):
        from selenium.webdriver.common.by import By
        rows = self.driver.find_elements(By.CSS_SELECTOR, "#register tbody tr")
        return [r.find_element(By.TAG_NAME, "code").text for r in rows if r.is_displayed() or not visible_only]

    def header(self, n):
        from selenium.webdriver.common.by import By
        return self.driver.find_elements(By.CSS_SELECTOR, "#register thead th")[n]

    def test_sorting_by_a_column_header(self):
        from selenium.webdriver.common.by import By
        self.driver.get((self.output / "register.html").as_uri())
        self.assertEqual(self.ids(), ["finance/approve", "finance/invoice-old", "finance/pay", "hr/hire", "hr/leave"])
        # Title (column 1): ascending, then descending on a second click.
        self.header(1).find_element(By.TAG_NAME, "button").click()
        self.assertEqual(self.ids(), ["finance/approve", "hr/leave", "hr/hire", "finance/invoice-old", "finance/pay"])
        self.assertEqual(self.header(1).get_attribute("aria-sort"), "ascending")
        self.header(1).find_element(By.TAG_NAME, "button").click()
        self.assertEqual(self.ids(), ["finance/pay", "finance/invoice-old", "hr/hire", "hr/leave", "finance/approve"])
        self.assertEqual(self.header(1).get_attribute("aria-sort"), "descending")
        # Owner (column 3): the previous column loses its mark.
        self.header(3).find_element(By.TAG_NAME, "button").click()
        self.assertEqual(self.ids()[0], "finance/pay")
        self.assertIsNone(self.header(1).get_attribute("aria-sort"))
        self.assertEqual([e for e in self.driver.get_log("browser") if e.get("level") == "SEVERE"], [])

    def test_filtering_by_area_owner_and_status(self):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import Select
        self.driver.get((self.output / "register.html").as_uri())
        select = {s.get_attribute("data-key"): Select(s) for s in self.driver.find_elements(By.CSS_SELECTOR, "select.register-filter")}
        self.assertEqual(set(select), {"area", "owner", "status"})
        select["area"].select_by_value("Finance")
        self.assertEqual(self.ids(True), ["finance/approve", "finance/invoice-old", "finance/pay"])
        select["owner"].select_by_value("Finance Lead")
        self.assertEqual(self.ids(True), ["finance/approve", "finance/invoice-old"])
        select["status"].select_by_value("retired")
        self.assertEqual(self.ids(True), ["finance/invoice-old"])
        select["area"].select_by_value("")
        select["owner"].select_by_value("")
        select["status"].select_by_value("draft")
        self.assertEqual(self.ids(True), ["hr/leave"])
        select["status"].select_by_value("")
        self.assertEqual(len(self.ids(True)), 5)

    def test_a_retired_sop_ranks_last_in_search_and_its_page_links_to_the_successor(self):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait
        self.driver.get((self.output / "index.html").as_uri())
        box = self.driver.find_element(By.ID, "search-input")
        box.send_keys("invoice")
        WebDriverWait(self.driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results a"))
        titles = [r.text for r in self.driver.find_elements(By.CSS_SELECTOR, "#search-results .result-title")]
        self.assertEqual(titles[0], "Approve an invoice", titles)
        self.assertEqual(titles[-1], "Invoice approval (2023)", titles)
        self.driver.get((self.output / "finance" / "invoice-old.html").as_uri())
        link = self.driver.find_element(By.CSS_SELECTOR, ".retired-banner a.superseded-by")
        self.assertEqual(link.text, "Approve an invoice")
        link.click()
        self.assertTrue(self.driver.current_url.endswith("finance/approve.html"), self.driver.current_url)


if __name__ == "__main__":
    unittest.main()
