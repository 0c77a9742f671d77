"""Tests of the built site in a real browser (Debian's headless Chromium driven by Selenium), plus a
check that every internal link of the built example site resolves.

Run: python3 -m unittest discover -s Tests/browser -v   (after `swift build`; SOPBOOK_BIN overrides the binary)
"""
import html.parser
import os
import shutil
import subprocess
import tempfile
import unittest
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("SOPBOOK_BIN", ROOT / ".build" / "debug" / "sopbook"))


def build(content: Path, config: Path, output: Path):
    result = subprocess.run(
        [str(BIN), "build", "--content", str(content), "--config", str(config), "--output", str(output),
         "--today", "2026-11-23", "--fail-on", "never"],
        cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"sopbook build failed ({result.returncode}): {result.stderr}{result.stdout}")
    return result


class LinkCollector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if name in attrs and attrs[name] is not None:
                self.links.append((tag, attrs[name]))


def parse(path: Path) -> LinkCollector:
    collector = LinkCollector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


class InternalLinksTest(unittest.TestCase):
    """Every relative link of the built example site names a file that exists, and its #fragment an id."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="sopbook-links-"))
        cls.output = cls.tmp / "Output"
        build(ROOT / "Content", ROOT / "sopbook.yml", cls.output)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_every_internal_link_resolves(self):
        pages = sorted(self.output.rglob("*.html"))
        self.assertGreater(len(pages), 30)
        parsed = {p: parse(p) for p in pages}
        checked = 0
        problems = []
        for page, collector in parsed.items():
            for tag, url in collector.links:
                split = urllib.parse.urlsplit(url)
                if split.scheme or url.startswith("//"):
                    continue
                self.assertFalse(url.startswith("/"), f"{page}: absolute URL {url}")
                target = page if not split.path else (page.parent / urllib.parse.unquote(split.path)).resolve()
                checked += 1
                if not target.exists():
                    problems.append(f"{page.relative_to(self.output)}: {url} -> missing file")
                    continue
                fragment = urllib.parse.unquote(split.fragment)
                if fragment and target.suffix == ".html":
                    ids = parsed.get(target) or parse(target)
                    if fragment not in ids.ids:
                        problems.append(f"{page.relative_to(self.output)}: {url} -> no id {fragment!r}")
        self.assertGreater(checked, 500)
        self.assertEqual(problems, [])


def chrome():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--allow-file-access-from-files"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(service=service, options=options)


class BrowserTest(unittest.TestCase):
    """Opens the built site from file:// in headless Chromium and uses it as a reader would."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="sopbook-browser-"))
        cls.example = cls.tmp / "example"
        build(ROOT / "Content", ROOT / "sopbook.yml", cls.example)
        cls.french = cls.tmp / "french"
        build(ROOT / "Tests" / "Fixtures" / "site" / "content", ROOT / "Tests" / "Fixtures" / "site" / "sopbook.yml", cls.french)
        cls.driver = chrome()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def open(self, path: Path):
        self.driver.get(path.as_uri())
        self.driver.get_log("browser")  # drop what came before this page

    def severe_console_messages(self):
        return [e for e in self.driver.get_log("browser") if e.get("level") == "SEVERE"]

    def search(self, text):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait
        box = self.driver.find_element(By.ID, "search-input")
        box.clear()
        box.send_keys(text)
        WebDriverWait(self.driver, 10).until(
            lambda d: d.find_element(By.ID, "search-results").is_displayed()
            and d.find_elements(By.CSS_SELECTOR, "#search-results a"))
        return self.driver.find_elements(By.CSS_SELECTOR, "#search-results a")

    def test_search_finds_a_process_and_follows_it(self):
        from selenium.webdriver.common.by import By
        self.open(self.example / "index.html")
        results = self.search("overdue invoice")
        titles = [r.find_element(By.CLASS_NAME, "result-title").text for r in results]
        self.assertEqual(titles[0], "Chase an overdue invoice", titles)
        results[0].click()
        self.assertTrue(self.driver.current_url.endswith("finance/chase-overdue-invoice.html"), self.driver.current_url)
        self.assertEqual(self.driver.find_element(By.TAG_NAME, "h1").text.split("\n")[0].strip()[:23], "Chase an overdue invoic")
        self.assertEqual(self.severe_console_messages(), [])

    def test_search_from_a_nested_page_matches_steps_owners_and_ranks_titles_first(self):
        from selenium.webdriver.common.by import By
        self.open(self.example / "operations" / "prepare-order.html")
        # An owner (a role) finds their processes.
        titles = [r.find_element(By.CLASS_NAME, "result-title").text for r in self.search("warehouse lead")]
        self.assertIn("Warehouse Lead", " ".join(titles) + " ".join(r.text for r in self.driver.find_elements(By.CSS_SELECTOR, "#search-results a")))
        # Step text: a result links to the step's anchor, and following it lands on the step.
        results = self.search("pallet returns")
        hrefs = [r.get_attribute("href") for r in results]
        step_links = [h for h in hrefs if "#step-" in h]
        self.assertTrue(step_links, hrefs)
        self.driver.get(step_links[0])
        fragment = step_links[0].split("#", 1)[1]
        self.assertTrue(self.driver.find_elements(By.ID, fragment))
        self.assertEqual(self.severe_console_messages(), [])

    def test_search_ignores_case_and_accents(self):
        from selenium.webdriver.common.by import By
        self.open(self.french / "index.html")
        titles = [r.find_element(By.CLASS_NAME, "result-title").text for r in self.search("etablir DEVIS")]
        self.assertEqual(titles[0], "Établir un devis")
        titles = [r.find_element(By.CLASS_NAME, "result-title").text for r in self.search("photographier")]
        self.assertTrue(any("Étape 2" in t for t in titles), titles)
        self.assertEqual(self.severe_console_messages(), [])

    def test_theme_toggle_and_matrix_filter(self):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import Select
        self.open(self.example / "raci.html")
        html_el = self.driver.find_element(By.TAG_NAME, "html")
        before = html_el.get_attribute("data-theme")
        self.driver.find_element(By.CLASS_NAME, "theme-toggle").click()
        after = html_el.get_attribute("data-theme")
        self.assertIn(after, ("dark", "light"))
        self.assertNotEqual(before, after)
        rows = self.driver.find_elements(By.CSS_SELECTOR, "#raci-matrix tbody tr")
        self.assertEqual(len(rows), 19)
        # Every row has a cell under every column, empty ones included (they carry no class), and the
        # empty cells are as tall as the filled ones, so the grid lines up.
        headers = self.driver.find_elements(By.CSS_SELECTOR, "#raci-matrix thead th")
        for row in rows:
            self.assertEqual(len(row.find_elements(By.CSS_SELECTOR, "th, td")), len(headers))
        empty = self.driver.find_elements(By.CSS_SELECTOR, "#raci-matrix tbody td:empty")
        filled = self.driver.find_elements(By.CSS_SELECTOR, "#raci-matrix tbody td.cell")
        self.assertTrue(empty and filled)
        self.assertEqual(empty[0].size["height"], filled[0].size["height"])
        Select(self.driver.find_element(By.ID, "area-filter")).select_by_visible_text("Finance")
        visible = [r for r in rows if r.is_displayed()]
        self.assertEqual(len(visible), 5)
        self.assertEqual(self.severe_console_messages(), [])

    def test_every_page_loads_without_console_errors(self):
        for page in ["index.html", "gaps.html", "roles.html", "raci.html", "register.html", "404.html", "roles/finance-lead.html",
                     "finance/issue-invoice.html"]:
            self.open(self.example / page)
            self.assertEqual(self.severe_console_messages(), [], page)


class SplitIndexTest(unittest.TestCase):
    """A knowledge base large enough that the search index has several text shards: a title is found from
    the core alone, a word that is only in one step once its shard has loaded, and "No results" waits for
    every shard."""

    COUNT = 1300

    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="sopbook-split-"))
        content = cls.tmp / "Content"
        for n in range(cls.COUNT):
            folder = content / f"area{n % 7}"
            folder.mkdir(parents=True, exist_ok=True)
            step = "Calibrate the zyxwvut gauge." if n == 977 else f"Do the work of process {n}."
            (folder / f"p{n}.md").write_text(
                f"---\ntitle: Process number {n}\nowner: Ops\n---\n\n## Steps\n1. Open the file.\n2. {step}\n",
                encoding="utf-8")
        (cls.tmp / "sopbook.yml").write_text("title: Split\n", encoding="utf-8")
        build(content, cls.tmp / "sopbook.yml", cls.tmp / "Output")
        cls.output = cls.tmp / "Output"
        cls.driver = chrome()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def type(self, text):
        from selenium.webdriver.common.by import By
        self.driver.get((self.output / "area3" / "p3.html").as_uri())
        self.driver.find_element(By.ID, "search-input").send_keys(text)

    def test_the_index_is_split(self):
        shards = sorted(p.name for p in (self.output / "_sopbook" / "search").glob("text-*.js"))
        self.assertGreaterEqual(len(shards), 3, shards)
        self.assertFalse((self.output / "_sopbook" / "search-index.js").exists())

    def test_a_title_word_and_a_step_only_word_are_found(self):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait
        self.type("number 1234")
        WebDriverWait(self.driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results a"))
        first = self.driver.find_elements(By.CSS_SELECTOR, "#search-results a")[0]
        self.assertTrue(first.get_attribute("href").endswith("area2/p1234.html"), first.get_attribute("href"))
        # A word only in one step of one process: found when its text shard arrives, linking to the step.
        self.type("zyxwvut")
        WebDriverWait(self.driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results a"))
        hrefs = [a.get_attribute("href") for a in self.driver.find_elements(By.CSS_SELECTOR, "#search-results a")]
        self.assertEqual(len(hrefs), 1, hrefs)
        self.assertTrue(hrefs[0].endswith("area4/p977.html#step-2"), hrefs)
        self.assertIn("zyxwvut gauge", self.driver.find_element(By.ID, "search-results").text)

    def test_no_results_shows_once_every_shard_has_loaded(self):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait
        self.type("qqqjjj")
        WebDriverWait(self.driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results .search-empty"))
        shards = len(list((self.output / "_sopbook" / "search").glob("text-*.js")))
        # Script elements, not resource timing: file:// loads leave no timing entries.
        loaded = self.driver.execute_script("return document.querySelectorAll('script[src*=\"search/text-\"]').length")
        self.assertEqual(loaded, shards)


if __name__ == "__main__":
    unittest.main()


PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'


def write_injection_kb(root: Path):
    """A knowledge base with a script payload in every field, role, tag, heading, link text and file name."""
    content = root / "Content"
    (content / "area").mkdir(parents=True)
    (root / "sopbook.yml").write_text(
        f"title: '{PAYLOAD}'\nroles:\n  - '{PAYLOAD}'\n  - Ops\nedit_url: 'https://example.com/edit/\"><script>window.__pwned=1</script>'\n", encoding="utf-8")
    front = (
        f"---\nid: 'id{PAYLOAD}'\ntitle: '{PAYLOAD}'\nowner: '{PAYLOAD}'\nsummary: '{PAYLOAD}'\n"
        f"tags: ['{PAYLOAD}']\nraci:\n  responsible: ['{PAYLOAD}']\n  accountable: Ops\n  informed: ['\"><svg onload=window.__pwned=1>']\n"
        f"quality:\n  - standard: '{PAYLOAD}'\n    metric: '{PAYLOAD}'\n    target: '{PAYLOAD}'\n"
        f"review: {{last: 2020-01-01, every: 1 year}}\n---\n")
    body = (
        f"# {PAYLOAD}\n\n## Steps\n1. {PAYLOAD} TODO\n2. [{PAYLOAD}](javascript:window.__pwned=1)\n"
        f"3. [data](data:text/html,<script>window.__pwned=1</script>) [[{PAYLOAD}]] [[area/x|{PAYLOAD}]]\n\n"
        f"## <img src=x onerror=window.__pwned=1>\n\n<script>window.__pwned=1</script>\n\n"
        f"<a href=\"javascript:window.__pwned=1\">raw</a>\n\n[broken]({PAYLOAD}.md)\n")
    (content / "area" / "x.md").write_text(front + body, encoding="utf-8")
    name = '<img src=x onerror=window.__pwned=1>.md'
    (content / "area" / name).write_text(front.replace("id: 'id", "id: 'other") + "[x](x.md)\n", encoding="utf-8")


class InjectionTest(unittest.TestCase):
    """No payload from content or configuration executes anywhere in the built site."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="sopbook-injection-"))
        write_injection_kb(cls.tmp)
        result = subprocess.run([str(BIN), "build", "--today", "2026-11-23", "--fail-on", "never"], cwd=cls.tmp,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr + result.stdout
        cls.output = cls.tmp / "Output"
        cls.driver = chrome()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_no_payload_executes_on_any_page(self):
        from selenium.webdriver.common.by import By
        pages = sorted(self.output.rglob("*.html"))
        self.assertGreater(len(pages), 8)
        for page in pages:
            self.driver.get(page.as_uri())
            self.assertIsNone(self.driver.execute_script("return window.__pwned"), page.name)
            hrefs = [a.get_attribute("href") or "" for a in self.driver.find_elements(By.TAG_NAME, "a")]
            live = [h for h in hrefs if h.lower().startswith(("javascript:", "data:", "vbscript:"))]
            self.assertEqual(live, [], f"{page.name}: live script URLs {live}")
            self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "main script, main svg[onload], main img[onerror]"), [],
                             page.name)
            # Clicking every link must not run anything either.
            for a in self.driver.find_elements(By.CSS_SELECTOR, "main a[href]")[:40]:
                try:
                    self.driver.execute_script("arguments[0].click()", a)
                except Exception:
                    pass
                self.assertIsNone(self.driver.execute_script("return window.__pwned"), f"{page.name}: a click ran a payload")
                if self.driver.current_url != page.as_uri():
                    self.driver.get(page.as_uri())

    def test_payload_typed_into_search_stays_text(self):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait
        self.driver.get((self.output / "index.html").as_uri())
        box = self.driver.find_element(By.ID, "search-input")
        box.send_keys("script")
        WebDriverWait(self.driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li"))
        results = self.driver.find_element(By.ID, "search-results")
        self.assertIn("<script>", results.text)
        self.assertEqual(results.find_elements(By.TAG_NAME, "script"), [])
        self.assertIsNone(self.driver.execute_script("return window.__pwned"))
