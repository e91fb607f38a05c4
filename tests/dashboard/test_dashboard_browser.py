"""The dashboard in a real headless Chromium: every page renders, screenshots to look at.

Started the way a user starts it (`supportbench dashboard --db ... --port ...`). Each page is
waited for until its content is on screen (no sleeping), checked not to be an error page,
and saved as a PNG under .screenshots/ (see them after a run).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from supportbench.dashboard.views import vendor_column_width
from supportbench.store.database import Store
from supportbench.waiting import wait_for
from tests.browser import Browser, served

SCREENSHOTS = Path(__file__).resolve().parents[2] / ".screenshots"
READY = {
    "leaderboard": '[data-testid="stDataFrame"] canvas',
    "standards": '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg',
    "curves": '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg',
    "vendor": '[data-testid="stExpander"]',
    "methodology": '[data-testid="stMarkdown"] h2',
}


@pytest.fixture(scope="module")
def dashboard_url(demo_db: Path) -> Iterator[str]:
    with served("dashboard", "--db", str(demo_db)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    opened = Browser()
    yield opened
    opened.close()


@pytest.mark.parametrize("page", list(READY))
def test_page_renders_in_chromium(page: str, dashboard_url: str, browser: Browser, demo_db: Path) -> None:
    browser.open(f"{dashboard_url}?page={page}")
    ready = READY[page]
    wait_for(
        lambda: browser.run(
            f"return document.querySelector('[data-testid=\"stException\"]') !== null"
            f" || document.querySelector('{ready}') !== null"
        ),
        timeout=90,
        what=f"the {page} page to render",
    )
    text = browser.run("return document.body.innerText")
    assert not browser.run("return document.querySelector('[data-testid=\"stException\"]') !== null"), text[:2000]
    SCREENSHOTS.mkdir(exist_ok=True)
    png = browser.screenshot(SCREENSHOTS / f"{page}.png")
    assert png.startswith(b"\x89PNG") and len(png) > 20_000  # a page with content, not a blank one
    if page == "leaderboard":
        with Store.open_readonly(demo_db) as store:
            names = {data["name"] for data in store.catalog("vendor").values()}
        # The page re-runs once its URL state is written, and the strip of figures is drawn again:
        # wait for the whole page rather than read the first frame.
        wait_for(lambda: "Best" in browser.run("return document.body.innerText"), timeout=60, what="the best vendor")
        text = browser.run("return document.body.innerText")
        assert "Best" in text and any(name in text for name in names), text[:2000]


def test_addresses_and_urls_in_mail_are_not_live_links(dashboard_url: str, browser: Browser, demo_db: Path) -> None:
    # A desk that answers signs with its address, which the renderer would otherwise turn into a mailto link.
    with Store.open_readonly(demo_db) as store:
        replies = [
            (f["vendor_id"], m["from"]) for f in store.probe_facts() for m in f["messages"] if m["kind"] == "human"
        ]
    vendor_id, address = sorted(replies)[0]
    browser.open(f"{dashboard_url}?page=vendor&vendor={vendor_id}")
    summaries = "document.querySelectorAll('[data-testid=\"stExpander\"] summary')"
    wait_for(lambda: browser.run(f"return {summaries}.length > 1"), timeout=90, what="the vendor's probes")
    browser.run(f"{summaries}.forEach(summary => summary.click()); return true")
    details = '[data-testid="stExpanderDetails"] [data-testid="stMarkdown"]'
    wait_for(lambda: browser.run(f"return document.querySelectorAll('{details}').length > 4"), timeout=60,
             what="the replies' text")  # fmt: skip
    texts = browser.run(f"return Array.from(document.querySelectorAll('{details}')).map(m => m.innerText).join(' ')")
    assert address in texts.replace("\u2060", "")
    assert browser.run(f"return document.querySelectorAll('{details} a').length") == 0


@pytest.mark.parametrize("width", [1280, 1920])
def test_the_leaderboard_fits_the_screen_without_cut_columns_or_names(
    width: int, dashboard_url: str, browser: Browser, demo_db: Path
) -> None:
    browser.resize(width, 1000)
    try:
        browser.open(f"{dashboard_url}?page=leaderboard")
        grid = '[data-testid="stDataFrame"] .dvn-scroller'
        wait_for(lambda: browser.run(f"return document.querySelector('{grid}') !== null"), timeout=90,
                 what="the leaderboard table")  # fmt: skip
        wait_for(lambda: "Best" in browser.run("return document.body.innerText"), timeout=60, what="the cards")
        overflow = browser.run(f"const g = document.querySelector('{grid}'); return g.scrollWidth - g.clientWidth")
        assert overflow <= 1, f"the table scrolls sideways by {overflow} px at {width} px: columns are cut"
        with Store.open_readonly(demo_db) as store:
            names = [data["name"] + (" (you)" if data.get("own") else "") for data in store.catalog("vendor").values()]
        # Each name, in the table's own font, fits the width the Vendor column is given.
        widest = browser.run(
            "const c = document.createElement('canvas').getContext('2d');"
            "c.font = getComputedStyle(document.querySelector('[data-testid=\"stDataFrame\"]')).font"
            " || '14px sans-serif';"
            f"return Math.max(...{json.dumps(names)}.map(n => c.measureText(n).width));"
        )
        assert widest + 16 <= vendor_column_width(names)
        SCREENSHOTS.mkdir(exist_ok=True)
        browser.screenshot(SCREENSHOTS / f"leaderboard-{width}.png")
    finally:
        browser.resize(1500, 1100)


@pytest.mark.parametrize("width", [1280, 1920])
def test_no_page_runs_off_the_screen(width: int, dashboard_url: str, browser: Browser) -> None:
    browser.resize(width, 1000)
    try:
        for page, ready in READY.items():
            browser.open(f"{dashboard_url}?page={page}")
            wait_for(lambda ready=ready: browser.run(f"return document.querySelector('{ready}') !== null"),
                     timeout=90, what=f"the {page} page")  # fmt: skip
            overflow = browser.run(
                "const main = document.querySelector('[data-testid=\"stMain\"]') || document.scrollingElement;"
                "const grids = Array.from(document.querySelectorAll('[data-testid=\"stDataFrame\"] .dvn-scroller'));"
                "return Math.max(main.scrollWidth - main.clientWidth, ...grids.map(g => g.scrollWidth - g.clientWidth))"
            )
            assert overflow <= 1, f"{page} runs {overflow} px off a {width} px screen"
    finally:
        browser.resize(1500, 1100)
