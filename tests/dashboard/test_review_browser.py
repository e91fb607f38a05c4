"""The review page in a real headless Chromium, saved from the keyboard as a reviewer would:
ten messages reviewed (three verdicts overturned, saved by Enter in the note; the rest confirmed
by Ctrl+Enter) change the store's reviews and the scores of the probes overturned, nothing else."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from supportbench.store.database import Store
from supportbench.waiting import wait_for
from tests.browser import CONTROL, ENTER, Browser, served
from tests.dashboard.test_dashboard_browser import SCREENSHOTS

# The form is on screen and the run that drew it has ended (while a run is going, the elements of
# the last one stay on screen, marked stale: a key pressed then would reach a form about to go).
SETTLED = """
return document.body.innerText.includes('Save and next')
  && document.querySelector('[data-stale="true"]') === null
  && document.querySelector('[data-testid^="stStatusWidgetRunning"]') === null;
"""
SAVED = re.compile(r"Saved \d+ decisions on message (\d+)")
# Click the choice not taken in the form's first "Answers ..." question, then go to the note; say whether
# there was one.
FLIP_FIRST_QUESTION = """
const group = [...document.querySelectorAll('[data-testid="stForm"] [data-testid="stButtonGroup"]')]
  .find(found => found.innerText.startsWith('Answers'));
if (!group) return false;
const choice = group.querySelector('button[aria-checked="false"]');
choice.click();
document.querySelector('[data-testid="stForm"] [data-testid="stTextInput"] input').focus();
return true;
"""


@pytest.fixture
def review_url(demo_copy: Path) -> Iterator[str]:
    with served("review", "serve", "-c", str(demo_copy), "--reviewer", "ann@example.com") as url:
        yield url


def test_ten_messages_reviewed_from_the_keyboard(review_url: str, demo_copy: Path) -> None:
    db = demo_copy.with_suffix("").with_suffix(".db")
    with Store.open_readonly(db) as store:
        before = {row["outbox_id"]: row["score"] for row in store.outcomes("seed-etiquette")}
    browser = Browser()
    try:
        browser.open(review_url)

        def text() -> str:
            return str(browser.run("return document.body.innerText"))

        wait_for(lambda: browser.run(SETTLED), timeout=90, what="the review form")
        saved: list[int] = []
        flips = 0
        for _ in range(10):
            if flips < 3 and browser.run(FLIP_FIRST_QUESTION):
                flips += 1
                browser.press(ENTER)  # in the note
            else:
                browser.press(CONTROL, ENTER)
            wait_for(lambda: (found := SAVED.search(text())) is not None and int(found.group(1)) not in saved,
                     timeout=60, what="the save to be confirmed")  # fmt: skip
            saved.append(int(SAVED.search(text()).group(1)))  # type: ignore[union-attr]
            wait_for(lambda: browser.run(SETTLED), timeout=60, what="the next message")
        SCREENSHOTS.mkdir(exist_ok=True)
        assert browser.screenshot(SCREENSHOTS / "review.png").startswith(b"\x89PNG")
    finally:
        browser.close()
    with Store.open_readonly(db) as store:
        reviews = store.reviews()
        after = {row["outbox_id"]: row["score"] for row in store.outcomes("seed-etiquette")}
    assert sorted({r.message_pk for r in reviews}) == sorted(saved) and len(set(saved)) == 10
    overturned = {r.outbox_id for r in reviews if r.overturned}
    assert len([r for r in reviews if r.overturned]) == flips == 3
    assert {k for k in after if after[k] != before[k]} == overturned
