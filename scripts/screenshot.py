"""Regenerate docs/screenshot.png: the running app at 1280x720 with Varanasi selected.

Usage: python scripts/screenshot.py [--district LGD_CODE] [--out docs/screenshot.png]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from playwright.sync_api import sync_playwright  # noqa: E402

from browser import CHROMIUM, CHROMIUM_ARGS, LiveServer, click_district, wait_for_map  # noqa: E402
from dashboard.app import create_app  # noqa: E402

VARANASI = "197"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--district", default=VARANASI, help="LGD code of the district to select")
    parser.add_argument("--state", default="Uttar Pradesh", help="state to zoom to first ('' for all India)")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshot.png")
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with LiveServer(create_app()) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        query = f"?state={args.state.replace(' ', '+')}" if args.state else ""
        page.goto(server.url + query)
        wait_for_map(page)
        page.wait_for_timeout(800)
        click_district(page, args.district)
        page.wait_for_selector("#panel-district-name")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        page.mouse.move(5, 5)
        page.screenshot(path=str(args.out))
        browser.close()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
