#!/usr/bin/env python3
"""How long the first search result takes to show after the first keystroke, in headless Chromium.

    python3 Benchmarks/search_latency.py [--site DIR | --corpus DIR] [--size 10000] [--runs 5]
                                          [--bin .build/release/sopbook] [--query WORD ...]

Without `--site`, builds the site of a generated corpus (`generate_corpus.py DIR SIZE --seed 1`, made when
DIR does not exist) with `sopbook build --today 2026-11-01 --fail-on never --quiet`. Then, for each query,
from `file://` and over HTTP (`python3 -m http.server` on a free port), `--runs` times with a fresh page
load each (so no index is in memory): opens a process page, injects a MutationObserver that notes
`performance.now()` when the first `#search-results a` appears, notes the time of the search box's first
`keydown`, types the query, and waits. Prints a Markdown table: median and max milliseconds from the
keydown to the first result, and the bytes of the search scripts the page had asked for when the first result
showed (their files' sizes: `file://` loads leave no resource timing entries). Then the largest files of the site.

The site is only read, never changed: the instrumentation is injected with `execute_script`.
"""
import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# A word of many titles (869 at 10,000), a word of a few (64), and two words the generated corpus has only in
# step texts (in some 5,500 processes each), whose step results need the full text.
DEFAULT_QUERIES = ["quarterly", "invoice", "surprises", "retention"]
DEFAULT_STEP_QUERIES = ["surprises", "retention"]

INSTRUMENT = """
window.__focus = null; window.__firstKey = null; window.__firstResult = null; window.__scriptsAtResult = null; window.__firstStep = null;
var box = document.getElementById('search-input');
// The script starts loading the index on focus, which Selenium gives the box just before its first key.
box.addEventListener('focus', function () { if (window.__focus === null) window.__focus = performance.now(); }, true);
box.addEventListener('keydown', function () { if (window.__firstKey === null) window.__firstKey = performance.now(); }, true);
var list = document.getElementById('search-results');
new MutationObserver(function (records, observer) {
  if (window.__firstResult === null && list.querySelector('a')) {
    window.__firstResult = performance.now();
    // The script elements the page had asked for (file:// loads leave no resource timing entries).
    window.__scriptsAtResult = Array.prototype.map.call(document.querySelectorAll('script[src]'), function (e) { return e.src; })
      .filter(function (src) { return /_sopbook\\/search/.test(src); });
  }
  if (window.__firstStep === null && list.querySelector('a[href*="#step-"]')) {
    window.__firstStep = performance.now();
    observer.disconnect();
  }
}).observe(list, { childList: true, subtree: true });
"""


def chrome():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--allow-file-access-from-files"):
        options.add_argument(arg)
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(service=service, options=options)


def build_site(args) -> Path:
    corpus = Path(args.corpus or tempfile.mkdtemp(prefix="sopbook-search-corpus-"))
    if not corpus.exists() or not any(corpus.iterdir()):
        subprocess.run([sys.executable, str(ROOT / "Benchmarks" / "generate_corpus.py"), str(corpus), str(args.size),
                        "--seed", "1"], check=True, stdout=subprocess.DEVNULL)
    out = Path(tempfile.mkdtemp(prefix="sopbook-search-site-")) / "site"
    work = tempfile.mkdtemp(prefix="sopbook-search-cwd-")  # no sopbook.yml or Templates/ picked up
    started = time.monotonic()
    subprocess.run([str(Path(args.bin).resolve()), "build", "--content", str(corpus.resolve()), "--output", str(out),
                    "--today", "2026-11-01", "--fail-on", "never", "--quiet"], cwd=work, check=True)
    print(f"built {out} in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return out


def a_process_page(site: Path) -> Path:
    # The first process page in name order, some folders deep: its links to the index are relative.
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site)
        if len(rel.parts) >= 2 and rel.parts[0] not in ("roles", "print", "_sopbook", "areas"):
            return rel
    raise SystemExit("no process page found in " + str(site))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(driver, url: str, query: str, site: Path, base: str, step: bool):
    """Milliseconds from the first keydown to the first result (and to the first step result when `step`),
    the bytes and number of search scripts asked for when the first result showed, and the milliseconds from
the box's focus to the first result."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    driver.get("about:blank")  # a fresh page each run: no index left in memory
    driver.get(url)
    driver.execute_script(INSTRUMENT)
    box = driver.find_element(By.ID, "search-input")
    box.send_keys(query)
    done = "window.__firstStep !== null" if step else "window.__firstResult !== null"
    WebDriverWait(driver, 120, poll_frequency=0.02).until(lambda d: d.execute_script("return " + done))
    focus, first_key, first_result, first_step, scripts = driver.execute_script(
        "return [window.__focus, window.__firstKey, window.__firstResult, window.__firstStep, window.__scriptsAtResult]")
    # Unique files: the script before the split added a script element for each key typed before it loaded.
    scripts = sorted(set(scripts))
    size = 0
    for name in scripts:
        path = urllib.parse.unquote(urllib.parse.urlparse(name).path)
        rel = path[len(base):] if path.startswith(base) else path
        file = site / rel.lstrip("/")
        if file.exists():
            size += file.stat().st_size
    return (first_result - first_key, (first_step - first_key) if step else None, size, len(scripts),
            first_result - (focus if focus is not None else first_key))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", help="a built site to measure (else one is built)")
    parser.add_argument("--corpus", help="the corpus folder (generated when missing)")
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bin", default=os.environ.get("SOPBOOK_BIN", str(ROOT / ".build" / "release" / "sopbook")))
    parser.add_argument("--query", action="append", help="a query to type (repeatable)")
    parser.add_argument("--step-query", action="append",
                        help="a query whose first step result is timed too (repeatable; default: the step-only words)")
    args = parser.parse_args()
    site = Path(args.site).resolve() if args.site else build_site(args)
    queries = args.query or DEFAULT_QUERIES
    step_queries = set(args.step_query or (DEFAULT_STEP_QUERIES if not args.query else []))
    queries += [q for q in sorted(step_queries) if q not in queries]
    page = a_process_page(site)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    driver = chrome()
    try:
        time.sleep(0.5)
        places = [("file://", (site / page).as_uri(), urllib.parse.urlparse(site.as_uri()).path),
                  ("HTTP", f"http://127.0.0.1:{port}/" + urllib.parse.quote(page.as_posix()), "")]
        print(f"Site: `{site}`, page `{page}`, {args.runs} runs a query, a fresh page load each.\n")
        print("| from | query | first result: median ms | max ms | first step result: median ms | max ms "
              "| from focus to first result: median ms | search bytes requested by the first result | search scripts |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
        for label, url, base in places:
            every = []
            for query in queries:
                runs = [measure(driver, url, query, site, base, query in step_queries) for _ in range(args.runs)]
                times = [r[0] for r in runs]
                steps = [r[1] for r in runs if r[1] is not None]
                every += times
                step_cells = f"{statistics.median(steps):.0f} | {max(steps):.0f}" if steps else "– | –"
                focus = statistics.median(r[4] for r in runs)
                print(f"| {label} | `{query}` | {statistics.median(times):.0f} | {max(times):.0f} | {step_cells} | {focus:.0f} | "
                      f"{max(r[2] for r in runs):,} | {max(r[3] for r in runs)} |", flush=True)
            print(f"| {label} | **every query** | **{statistics.median(every):.0f}** | **{max(every):.0f}** | | | | | |", flush=True)
    finally:
        driver.quit()
        server.terminate()
        server.wait()
    files = sorted((f.stat().st_size, f) for f in site.rglob("*") if f.is_file())
    print("\nLargest files of the site:\n")
    print("| bytes | file |\n|---:|---|")
    for size, f in files[-6:][::-1]:
        print(f"| {size:,} | `{f.relative_to(site)}` |")
    search = [s for s, f in files if "_sopbook/search" in f.as_posix() or f.name == "search-index.js"]
    print(f"\nSearch index: {len(search)} files, {sum(search):,} bytes in all, the largest {max(search, default=0):,}.")


if __name__ == "__main__":
    main()
