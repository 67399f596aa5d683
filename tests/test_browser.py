"""The report in a real browser: headless Chromium through selenium.

Skipped, with the reason, when selenium, Chromium or chromedriver is missing
(``apt-get install chromium chromium-driver`` on Debian).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_html import SECTIONS, fake_scores

from framecmp.present.report import report
from framecmp.present.teach import worksheet

pytestmark = pytest.mark.browser

CHROME_ARGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1280,2000",
)


def _find(env: str, names: tuple[str, ...]) -> str | None:
    if os.environ.get(env):
        return os.environ[env]
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if importlib.util.find_spec("selenium") is None:
        pytest.skip("selenium is not installed (pip install 'framecmp[browser]')")
    chrome = _find("FRAMECMP_CHROMIUM", ("chromium", "chromium-browser", "google-chrome"))
    chromedriver = _find("FRAMECMP_CHROMEDRIVER", ("chromedriver",))
    if chrome is None or chromedriver is None:
        pytest.skip(
            "no Chromium/chromedriver found (install the Debian packages chromium and "
            "chromium-driver, or set FRAMECMP_CHROMIUM and FRAMECMP_CHROMEDRIVER)"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chrome
    for arg in CHROME_ARGS:
        options.add_argument(arg)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        drv = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    except Exception as exc:  # a broken local install is a skip, not a failure
        pytest.skip(f"Chromium could not be started: {exc}")
    yield drv
    drv.quit()


@pytest.fixture
def report_file(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    if importlib.util.find_spec("framecmp.stats.compare") is None or \
            importlib.util.find_spec("framecmp.present.plot") is None:
        request.getfixturevalue("fake_modules")
    path = tmp_path / "report.html"
    report(fake_scores(), path, compare_kwargs={"n_boot": 50, "n_perm": 50})
    return path


def test_report_renders_in_chromium(driver: Any, report_file: Path) -> None:
    from selenium.webdriver.common.by import By

    driver.get(report_file.as_uri())
    assert driver.title == "framecmp report"
    # the checks (cleaning log, limits, ...) are folded: hidden until their summary is clicked
    folded = driver.find_element(By.CSS_SELECTOR, "#checks details")
    assert folded.get_attribute("open") is None
    assert not driver.find_element(By.ID, "cleaning").is_displayed()
    driver.find_element(By.CSS_SELECTOR, "#checks summary").click()
    for ident in (*SECTIONS, "caveat"):
        element = driver.find_element(By.ID, ident)
        assert element.is_displayed(), f"section #{ident} is not visible"
    images = driver.execute_script(
        "return Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.alt])")
    assert images, "the report has no plots"
    for complete, width, alt in images:
        assert complete and width > 0, f"image {alt!r} did not load"
    # article text containing <script> is shown as text, never run
    assert driver.execute_script("return document.scripts.length") == 0
    assert "<script>alert(1)</script>" in driver.find_element(By.ID, "articles").text
    # tooltips: every evidence span has a title and a CSS tooltip
    spans = driver.find_elements(By.CSS_SELECTOR, "#articles .fc-ev")
    assert spans and all(s.get_attribute("title") and s.get_attribute("data-tip") for s in spans)
    spans[0].click()
    tip = driver.execute_script(
        "return getComputedStyle(document.activeElement, '::after').display")
    assert tip == "block"
    driver.save_screenshot(str(report_file.with_suffix(".png")))
    errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    assert not errors, errors


def test_worksheet_prints(driver: Any, tmp_path: Path) -> None:
    path = tmp_path / "sheet.html"
    worksheet(fake_scores(), mode="blank").save(path)
    driver.get(path.as_uri())
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69,
                                                     "preferCSSPageSize": True})
    assert len(pdf["data"]) > 1000
    errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    assert not errors, errors
