#!/usr/bin/env python3
"""Screenshots of the example site with headless Chromium: eight pages, light and dark, desktop and phone,
and the second page of the printed manual (print/index.html printed to PDF, then to PNG with pdftoppm).

Usage: Scripts/screenshots.py [OUT_DIR]   (default /tmp/sopbook-screenshots; builds Content/ first)
"""
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/sopbook-screenshots")
PAGES = {"home": "index.html", "process": "finance/issue-invoice.html", "role": "roles/finance-lead.html",
         "raci": "raci.html", "gaps": "gaps.html", "register": "register.html",
         "retired": "finance/paper-expense-claim.html", "training": "training.html"}
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}

site = Path(tempfile.mkdtemp(prefix="sopbook-shots-")) / "Output"
subprocess.run([str(ROOT / ".build/debug/sopbook"), "build", "--output", str(site), "--quiet", "--fail-on", "never"],
               cwd=ROOT, check=True)
OUT.mkdir(parents=True, exist_ok=True)
options = webdriver.ChromeOptions()
options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1"):
    options.add_argument(arg)
driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
try:
    for scheme in ("light", "dark"):
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
        for size_name, (w, h) in SIZES.items():
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": w, "height": h, "deviceScaleFactor": 1, "mobile": size_name == "phone"})
            for name, page in PAGES.items():
                driver.get((site / page).as_uri())
                path = OUT / f"{name}-{scheme}-{size_name}.png"
                driver.save_screenshot(str(path))
                print(path)
    pdf = site.parent / "manual.pdf"
    subprocess.run([options.binary_location, "--headless", "--disable-gpu", "--no-sandbox", f"--print-to-pdf={pdf}",
                    (site / "print" / "index.html").as_uri()], check=True, capture_output=True, timeout=120)
    subprocess.run(["pdftoppm", "-png", "-f", "3", "-l", "3", "-r", "70", "-singlefile", str(pdf), str(OUT / "printed-page")], check=True)
    print(OUT / "printed-page.png")
finally:
    driver.quit()
    shutil.rmtree(site.parent, ignore_errors=True)
