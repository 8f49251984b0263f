"""Take the README's screenshots from the running app in headless Chromium (shipped data, offline).

Usage: python scripts/screenshot.py [--only NAME ...]   (writes docs/<name>.png)
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

from dashboard.app import create_app
from dashboard.devtools.browser import CHROMIUM, CHROMIUM_ARGS, LiveServer, click_district, wait_for_map
from dashboard.settings import REPO_DIR


@dataclass(frozen=True)
class Shot:
    """One screenshot: the page address, the district to click (LGD code) and the viewport."""

    query: str
    district: str | None
    width: int = 1280
    height: int = 720
    is_map: bool = True  # False: a plain page (the fact sheet), no map to wait for


SHOTS: dict[str, Shot] = {
    "screenshot": Shot("?state=Uttar+Pradesh", "197"),                                    # planner: Varanasi
    "investor": Shot("?state=Tamil+Nadu&sector=Textile&mode=exports&points=0", "633"),    # investor: Tiruppur
    "phone": Shot("", None, 390, 844),                                                    # a phone, map first
    "factsheet": Shot("factsheet/197", None, 900, 1270, is_map=False),                    # Varanasi's fact sheet
}


def take(page, base_url: str, shot: Shot, out: Path) -> None:
    """Load the view, click the district like a user, wait for the panel, save the PNG."""
    page.set_viewport_size({"width": shot.width, "height": shot.height})
    page.goto(base_url + shot.query)
    if not shot.is_map:
        page.screenshot(path=str(out))
        return
    wait_for_map(page)
    page.wait_for_timeout(800)
    if shot.district:
        click_district(page, shot.district)
        page.wait_for_selector("#panel-district-name")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    page.mouse.move(5, 5)
    page.screenshot(path=str(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", choices=sorted(SHOTS), help="take only these screenshots")
    parser.add_argument("--out-dir", type=Path, default=REPO_DIR / "docs")
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with LiveServer(create_app()) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for name in args.only or SHOTS:
            out = args.out_dir / f"{name}.png"
            take(page, server.url, SHOTS[name], out)
            print(f"wrote {out}")
        browser.close()


if __name__ == "__main__":
    main()
