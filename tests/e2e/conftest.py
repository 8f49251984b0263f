"""Headless-Chromium fixtures: a live ODOP Atlas server and a page that refuses the internet."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from dashboard.app import create_app
from dashboard.data import load_atlas
from dashboard.devtools.browser import CHROMIUM, CHROMIUM_ARGS, LiveServer

LOCAL_PREFIXES = ("http://127.0.0.1", "http://localhost", "data:", "blob:")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium not found: install the Debian packages chromium and chromium-driver "
                    "(bash scripts/install.sh does this)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def small_server(small_data_dir):
    with LiveServer(create_app(load_atlas(small_data_dir))) as server:
        yield server


@pytest.fixture(scope="session")
def real_server():
    with LiveServer(create_app()) as server:
        yield server


def local_page(browser, **context_options) -> Page:
    """A page whose requests off this machine are aborted and recorded in ``page.external``."""
    context = browser.new_context(accept_downloads=True, **context_options)
    page = context.new_page()
    page.external = []
    page.requested = []
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))

    def local_only(route):
        page.requested.append(route.request.url)
        if route.request.url.startswith(LOCAL_PREFIXES):
            route.continue_()
        else:
            page.external.append(route.request.url)
            route.abort()

    page.route("**/*", local_only)
    return page


@pytest.fixture
def page(browser) -> Page:
    """A 1280x720 desktop page that refuses the internet."""
    page = local_page(browser, viewport={"width": 1280, "height": 720})
    yield page
    page.context.close()


@pytest.fixture
def phone(browser) -> Page:
    """A 390x844 touch phone page that refuses the internet."""
    page = local_page(browser, viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                      has_touch=True)
    yield page
    page.context.close()


@pytest.fixture
def page_at(browser):
    """A factory of pages that refuse the internet at a given size (``page_at(1440, 900)``), closed afterwards;
    sizes up to 500 px wide are touch phones."""
    opened = []

    def make(width: int, height: int) -> Page:
        phone = width <= 500
        page = local_page(browser, viewport={"width": width, "height": height}, has_touch=phone, is_mobile=phone)
        opened.append(page)
        return page
    yield make
    for page in opened:
        page.context.close()
