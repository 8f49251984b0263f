"""Helpers for headless-Chromium use (tests and scripts/screenshot.py): a live server, screenshots, clicks."""

from __future__ import annotations

import csv
import io
import re
import shutil
import threading
from pathlib import Path

from playwright.sync_api import Page
from werkzeug.serving import make_server

from dashboard.settings import ARTIFACTS_DIR

SCREENSHOTS = ARTIFACTS_DIR / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]


class LiveServer:
    """Serves a Dash app on a free loopback port in a background thread."""

    def __init__(self, app):
        self._server = make_server("127.0.0.1", 0, app.server, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()


def screenshot(page: Page, name: str) -> Path:
    """Save a screenshot under artifacts/screenshots/ (looked at by people, kept out of git)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


CLICK_POINT_JS = """
(location) => {
  const path = Array.from(document.querySelectorAll('#map path.choroplethlocation'))
    .find(p => p.__data__ && p.__data__.loc === location);
  if (!path) return null;
  const box = path.getBBox();
  const matrix = path.getScreenCTM();
  const point = path.ownerSVGElement.createSVGPoint();
  // Scan a grid from the centre outwards: a multi-part district (Puducherry's enclaves) has an empty middle.
  const steps = 41;
  const offsets = Array.from({length: steps}, (_, i) => (i % 2 ? 1 : -1) * Math.ceil(i / 2) / (steps - 1));
  for (const dy of offsets) {
    for (const dx of offsets) {
      point.x = box.x + box.width * (0.5 + dx);
      point.y = box.y + box.height * (0.5 + dy);
      if (path.isPointInFill(point)) {
        const screen = point.matrixTransform(matrix);
        return [screen.x, screen.y];
      }
    }
  }
  return null;
}
"""


DRAWN_AREAS_JS = """
(name) => Array.from(document.querySelectorAll('#map g.trace.choropleth'))
  .filter(g => g.__data__ && g.__data__[0] && g.__data__[0].trace.name === name)
  .reduce((n, g) => n + g.querySelectorAll('path.choroplethlocation').length, 0)
"""


def drawn_areas(page: Page, trace: str = "districts") -> int:
    """How many areas the named choropleth trace has drawn on the map."""
    return page.evaluate(DRAWN_AREAS_JS, trace)


def wait_for_map(page: Page) -> None:
    """Wait until the choropleth paths are drawn and Dash has settled."""
    page.wait_for_selector("#map path.choroplethlocation", state="attached", timeout=30_000)
    page.wait_for_load_state("networkidle")


def scroll_to_table(page: Page) -> None:
    """Scroll the products table into view, as a reader does: AG Grid loads when a grid nears the viewport."""
    page.locator("#table").scroll_into_view_if_needed()
    page.wait_for_selector("#table .ag-root-wrapper", state="attached", timeout=30_000)


def click_district(page: Page, district_id: str) -> None:
    """Click inside a district's polygon on the map, like a planner would."""
    point = page.evaluate(CLICK_POINT_JS, district_id)
    assert point is not None, f"district {district_id} is not drawn on the map"
    page.mouse.move(*point)  # as a hand does: Plotly's click reports the point its hover found
    page.mouse.click(*point)


def read_export(path) -> tuple[list[str], list[dict]]:
    """A downloaded CSV: its ``#`` metadata lines, and its rows."""
    lines = open(path, encoding="utf-8-sig").read().splitlines()
    header = [line for line in lines if line.startswith("#")]
    return header, list(csv.DictReader(io.StringIO("\n".join(line for line in lines if not line.startswith("#")))))


def choose(page, dropdown_id: str, text: str, attempts: int = 3) -> None:
    """Pick an option in a dcc.Dropdown by typing into its search box (the open menu sometimes focuses the
    selected option instead, so click the box as a person would), then wait for the option to show; if the
    page re-rendered the dropdown under the pointer, the menu closed: open it again."""
    option = page.get_by_role("option", name=re.compile(re.escape(text), re.IGNORECASE)).first
    for attempt in range(attempts):
        page.click(f"#{dropdown_id}")
        page.locator("input.dash-dropdown-search").click()
        page.keyboard.type(text)
        try:
            option.wait_for(timeout=5_000)
            break
        except Exception:  # the menu did not open or closed again
            page.keyboard.press("Escape")
            if attempt == attempts - 1:
                raise
    page.keyboard.press("Enter")
    if page.locator(f"#{dropdown_id}").get_attribute("aria-expanded") == "true":  # a multi-select stays open
        page.keyboard.press("Escape")
