"""The HTML report in a real browser: headless Chromium (Debian package ``chromium``;
``scripts/install-chromium.sh`` installs it, ``.ci/run`` calls that), driven over the
DevTools protocol, loads the report with the network blocked, at desktop width (1280 px)
and as a phone (375 px), and checks that the page logs no console error or warning and no
failed load, has no horizontal overflow and the expected headings; that on a phone every
table row is stacked, each cell labelled with its column's header, so that no table cell
lies beyond the screen's right edge and nothing scrolls sideways, while at desktop width
and in print the tables stay tables; then takes a full-page screenshot and prints an A4
PDF. Without Chromium the tests skip and say why."""

from __future__ import annotations

import base64
import fcntl
import importlib.util
import json
import os
import re
import select
import shutil
import struct
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import lomaturity as lm

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _chromium() -> str | None:
    for name in CANDIDATES:
        path = shutil.which(name)
        if path is not None:
            return path
    return None


CHROMIUM = _chromium()
CHARTS = importlib.util.find_spec("matplotlib") is not None
"""Whether the reports hold charts (the plot extra, in the test extra)."""

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium found (looked for " + ", ".join(CANDIDATES) + "); install the Debian "
    "package chromium (scripts/install-chromium.sh) to run the browser tests",
)


class Browser:
    """Headless Chromium driven over the DevTools protocol on a pipe
    (``--remote-debugging-pipe``: commands on fd 3, replies and events on fd 4, each a JSON
    text ended by NUL), one page, network blocked."""

    def __init__(self, profile: Path) -> None:
        assert CHROMIUM is not None
        to_browser, self._write = os.pipe()
        self._read, from_browser = os.pipe()

        def child() -> None:  # the browser reads fd 3 and writes fd 4
            a = fcntl.fcntl(to_browser, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_browser, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.process = subprocess.Popen(  # preexec_fn: fds 3 and 4 for the pipe
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--hide-scrollbars",
                "--host-resolver-rules=MAP * ~NOTFOUND",  # no network: a fetch would fail
                "--remote-debugging-pipe",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            preexec_fn=child,
            close_fds=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "HOME": str(profile)},
        )
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})
        self.session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable", session=True)

    def _message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._read], [], [], max(left, 0))
            if not ready:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                raise EOFError("Chromium closed the pipe")
            self._buffer += chunk
        text, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(text)
        return message

    def call(
        self, method: str, params: dict[str, Any] | None = None, *, session: bool = False
    ) -> dict[str, Any]:
        """Send a command and return its result (events that arrive meanwhile are kept)."""
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self._message(deadline)
            if reply.get("id") == self._id:
                assert "error" not in reply, (method, reply["error"])
                result: dict[str, Any] = reply["result"]
                return result
            self.events.append(reply)

    def wait(self, method: str) -> None:
        """Wait for an event of ``method``."""
        deadline = time.monotonic() + TIMEOUT
        while not any(e.get("method") == method for e in self.events):
            self.events.append(self._message(deadline))

    def open(self, url: str, width: int, *, mobile: bool) -> None:
        """Load ``url`` in a viewport ``width`` px wide (``mobile``: a phone, whose
        viewport follows the page's viewport meta tag) and wait for it to load."""
        metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": mobile}
        self.call("Emulation.setDeviceMetricsOverride", metrics, session=True)
        self.events.clear()
        self.call("Page.navigate", {"url": url}, session=True)
        self.wait("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        done = self.call(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=True
        )
        return done["result"]["value"]

    def errors(self) -> list[str]:
        """Console errors and warnings, uncaught exceptions and logged errors (failed
        loads, blocked requests) since the page was opened."""
        out = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "warning"):
                out.append(" ".join(str(a.get("value")) for a in params["args"]))
            elif method == "Runtime.exceptionThrown":
                out.append(params["exceptionDetails"]["text"])
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                out.append(params["entry"]["text"])
        return out

    def close(self) -> None:
        try:
            self.call("Browser.close")
        finally:
            try:
                self.process.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            os.close(self._read)
            os.close(self._write)


TIMEOUT = 60.0
"""Seconds a browser command may take (the machine may be busy)."""

LAYOUT = """JSON.stringify({
  width: document.documentElement.clientWidth,
  overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  wide: Array.from(document.querySelectorAll("body *")).filter(function (el) {
    return el.getBoundingClientRect().right > document.documentElement.clientWidth + 1
      && !el.closest(".table-wrap");
  }).map(function (el) { return el.tagName; }).slice(0, 10),
  headings: Array.from(document.querySelectorAll("h2")).map(function (h) {
    return h.textContent;
  }),
  title: document.title,
  lang: document.documentElement.lang,
  scripts: document.scripts.length,
  charts: Array.from(document.querySelectorAll("figure.chart svg")).map(function (svg) {
    var box = svg.getBoundingClientRect();
    return [Math.round(box.width), Math.round(box.height)];
  })
})"""
"""Measured in the loaded page: the width, horizontal overflow of the page (wide tables
scroll inside their own ``.table-wrap`` box, which is allowed), the h2 headings."""


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    started = Browser(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield started
    finally:
        started.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example organization's full report (comparison, norms, groups, gap, next
    steps) in English and Finnish."""
    folder = tmp_path_factory.mktemp("reports")
    out = {}
    for language in ("en", "fi"):
        rubric = lm.load_rubric("learning-organization", language=language)
        responses = lm.example_responses(rubric)
        reports = lm.score_organizations(
            rubric, responses, details=True, agreement=True, n_resamples=200, seed=11
        )
        now = reports["harbor-city-agency"]
        comparison = lm.compare(reports["nordwind-manufacturing"], now, labels=("2025", "2026"))
        norms = lm.benchmark(now, lm.example_norms(rubric))
        assert isinstance(norms, lm.results.Benchmark)
        path = folder / f"report-{language}.html"
        lm.write_report(rubric, now, path, baseline=comparison, norms=norms, date="2026-12-01")
        out[language] = path
    return out


EXPECTED = {
    "en": [
        "Summary",
        "The four dimensions",
        "Indicators",
        "Change since the previous survey",
        "Against the norm",
        "Groups",
        "Agreement and reliability",
        "Warnings and data quality",
        "Next steps",
        "How the ranges were made",
    ],
    "fi": [
        "Yhteenveto",
        "Neljä ulottuvuutta",
        "Väittämät",
        "Muutos edellisestä kyselystä",
        "Vertailu normiin",
        "Ryhmät",
        "Yksimielisyys ja luotettavuus",
        "Varoitukset ja aineiston laatu",
        "Seuraavat askeleet",
        "Miten vaihteluvälit laskettiin",
    ],
}


@pytest.mark.parametrize(("language", "width"), [("en", 1280), ("en", 375), ("fi", 375)])
def test_no_errors_no_overflow_expected_headings(
    pages: dict[str, Path], browser: Browser, language: str, width: int
) -> None:
    browser.open(pages[language].as_uri(), width, mobile=width < 600)
    layout = json.loads(browser.evaluate(LAYOUT))
    assert browser.errors() == []
    assert layout["width"] == width
    assert layout["overflow"] == 0, layout["wide"]
    assert layout["wide"] == []
    assert layout["headings"] == EXPECTED[language]
    assert layout["lang"] == language
    assert layout["scripts"] == 0
    if CHARTS:  # each chart drawn, within the page's width
        assert len(layout["charts"]) == 6
        for chart_width, chart_height in layout["charts"]:
            assert 100 < chart_width <= width
            assert chart_height > 100
    assert str(layout["title"]).startswith("harbor-city-agency: ")


CELLS = """JSON.stringify({
  width: window.innerWidth,
  cells: document.querySelectorAll("td").length,
  outside: Array.from(document.querySelectorAll("td")).filter(function (td) {
    var box = td.getBoundingClientRect();
    return box.right > window.innerWidth + 1 || box.left < -1;
  }).map(function (td) { return td.textContent; }).slice(0, 10),
  scrolling: Array.from(document.querySelectorAll("*")).filter(function (el) {
    var x = getComputedStyle(el).overflowX;
    return (x === "auto" || x === "scroll") && el.scrollWidth > el.clientWidth + 1;
  }).map(function (el) { return el.tagName + "." + el.className; }).slice(0, 10),
  unlabelled: Array.from(document.querySelectorAll("td[data-label]")).filter(function (td) {
    var shown = getComputedStyle(td, "::before").content;
    return shown !== JSON.stringify(td.dataset.label);
  }).map(function (td) { return td.dataset.label; }).slice(0, 10),
  labels: Array.from(document.querySelectorAll("td[data-label]")).length,
  tables: Array.from(document.querySelectorAll("table")).map(function (table) {
    return getComputedStyle(table).display;
  }),
  headers: Array.from(document.querySelectorAll("thead")).filter(function (head) {
    return head.getBoundingClientRect().height > 1;
  }).length
})"""
"""Measured in the loaded page: table cells beyond the viewport's edges, elements that
scroll sideways, labelled cells whose label is not shown before them (``::before``), how
each table is laid out and how many header rows are visible (more than 1 px high)."""


@pytest.mark.parametrize(("language", "width"), [("en", 375), ("fi", 375), ("fi", 320)])
def test_phone_tables_are_stacked_and_fit(
    pages: dict[str, Path], browser: Browser, language: str, width: int
) -> None:
    browser.open(pages[language].as_uri(), width, mobile=True)
    found = json.loads(browser.evaluate(CELLS))
    assert browser.errors() == []
    assert found["width"] == width
    assert found["cells"] > 100  # the full report: dimensions, indicators, groups, gap, ...
    assert found["outside"] == []
    assert found["scrolling"] == []
    assert found["labels"] > 100
    assert found["unlabelled"] == []  # each labelled cell shows its column's header
    assert set(found["tables"]) == {"flex"}  # rows stacked (the caption last)
    assert found["headers"] == 0  # the header rows are for screen readers only


@pytest.mark.parametrize(("width", "media"), [(1280, ""), (375, "print"), (1280, "print")])
def test_desktop_and_print_tables_stay_tables(
    pages: dict[str, Path], browser: Browser, width: int, media: str
) -> None:
    browser.open(pages["en"].as_uri(), width, mobile=width < 600)
    browser.call("Emulation.setEmulatedMedia", {"media": media}, session=True)
    try:
        found = json.loads(browser.evaluate(CELLS))
    finally:
        browser.call("Emulation.setEmulatedMedia", {"media": ""}, session=True)
    assert set(found["tables"]) == {"table"}
    assert found["headers"] == len(found["tables"])  # every table's header row is shown
    assert found["labels"] > 100
    assert len(found["unlabelled"]) == min(found["labels"], 10)  # no label drawn in the cell


def test_screenshot_and_a4_pdf(pages: dict[str, Path], browser: Browser, tmp_path: Path) -> None:
    browser.open(pages["en"].as_uri(), 1280, mobile=False)
    shot = base64.b64decode(
        browser.call(
            "Page.captureScreenshot",
            {"format": "png", "captureBeyondViewport": True},
            session=True,
        )["data"]
    )
    assert shot[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", shot[16:24])
    assert width == 1280
    assert height > 3000  # the whole page, not a blank viewport
    (tmp_path / "report-1280.png").write_bytes(shot)
    pdf = base64.b64decode(
        browser.call("Page.printToPDF", {"preferCSSPageSize": True}, session=True)["data"]
    )
    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 3
    boxes = {m.group(1) for m in re.finditer(rb"/MediaBox\s*\[\s*0 0 ([\d.]+ [\d.]+)\s*\]", pdf)}
    assert boxes
    for box in boxes:
        w, h = (float(v) for v in box.split())
        assert abs(w - 595.3) < 2  # A4 (210 mm x 297 mm) in points: the print CSS's @page
        assert abs(h - 841.9) < 2
    (tmp_path / "report.pdf").write_bytes(pdf)
