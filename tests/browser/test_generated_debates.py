"""rejoinder.js on generated debates, in Chromium: a reply chain thousands of posts deep (the
script walks it without recursion), every feature isolated from a failure of another, and
contributor text shown as written (runs of spaces, leading spaces, tabs, line breaks once)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import (
    DEBATE,
    DEEP_CHAIN,
    DEEP_DEBATE,
    DESKTOP,
    SPACED_NOTE,
    SPACED_TEXTS,
    SPACING_DEBATE,
    OpenPage,
)

pytestmark = pytest.mark.browser

PREVIEW = ".rj-preview"


def test_deep_reply_chain_orders_and_previews(open_generated_page: OpenPage) -> None:
    page = open_generated_page(DEEP_DEBATE)
    page.set_default_timeout(60_000)
    assert page.evaluate("document.documentElement.classList.contains('rj-js')")
    cards = page.locator(".rejoinder-card.rj-post")
    assert cards.count() == DEEP_CHAIN
    conversation = page.locator(".rj-views a", has_text="Conversation")
    conversation.click()
    assert conversation.get_attribute("aria-current") == "true"
    depths = page.evaluate(
        """() => [...document.querySelectorAll('.rj-post-section')]
                 .map(section => [section.id, Number(section.dataset.rjDepth)])"""
    )
    assert depths == [[f"p{n}", n] for n in range(DEEP_CHAIN)]
    page.locator(".rj-views a", has_text="Timeline").click()
    assert page.locator(".rj-view-time").count() == 1
    # Previews still work, deep in the chain.
    link = page.locator(f"[id='p{DEEP_CHAIN - 1}'] .rj-links .rj-edge-replies-to a").first
    link.hover()
    page.locator(PREVIEW).wait_for(state="visible")
    assert f"Post number {DEEP_CHAIN - 2}." in page.locator(PREVIEW).inner_text()
    # ... and so do local times (the open_page fixture fails the test on any script error).
    assert page.locator(".rj-local-time").count() == page.locator("time.rj-time").count()


@pytest.fixture
def sabotaged_page(browser: Any, base_url: str) -> Iterator[tuple[Any, list[str]]]:
    """The debate page with the two orders broken from outside (the view switch cannot be
    found: looking for it throws), and the console errors it gives."""
    context = browser.new_context(
        viewport=DESKTOP, timezone_id="America/Los_Angeles", locale="en-US"
    )
    context.add_init_script(
        """(() => {
            const find = Document.prototype.querySelector;
            Document.prototype.querySelector = function (selector) {
                if (selector === '.rj-views') throw new Error('sabotaged');
                return find.call(this, selector);
            };
        })();"""
    )
    errors: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    page.goto(base_url + DEBATE)
    page.wait_for_load_state("load")
    yield page, errors
    context.close()


def test_a_failing_feature_stops_no_other(sabotaged_page: tuple[Any, list[str]]) -> None:
    page, errors = sabotaged_page
    page.wait_for_function("document.documentElement.classList.contains('rj-js')")
    assert len(errors) == 1 and errors[0].startswith("rejoinder.js: two orders stopped:")
    assert "sabotaged" in errors[0]
    # The broken feature did nothing ...
    assert page.locator(".rj-views a[aria-current]").count() == 0
    # ... and every other one ran: local times, editors' notes, previews.
    assert page.locator(".rj-local-time").count() == page.locator("time.rj-time").count() > 0
    assert page.locator(".rj-text .rj-annotated[tabindex]").count() > 0
    link = page.locator("[id='nathan-frontier'] .rj-links .rj-edge-replies-to a").first
    link.focus()
    page.locator(PREVIEW).wait_for(state="visible")


def shown(page: Any, selector: str) -> str:
    text: str = page.locator(selector).first.inner_text()
    return text


@pytest.mark.parametrize("post", list(SPACED_TEXTS))
def test_text_is_shown_as_written(open_generated_page: OpenPage, post: str) -> None:
    page = open_generated_page(SPACING_DEBATE)
    assert shown(page, f"[id='{post}'] .rj-text") == SPACED_TEXTS[post]
    # The preview of the card shows the same text.
    page.evaluate(
        """post => {
            const a = document.createElement('a');
            a.className = 'reference external';
            a.href = '#' + post;
            a.textContent = 'a link to the card';
            document.querySelector('.rj-lede').append(a);
        }""",
        post,
    )
    page.locator(".rj-lede a").focus()
    page.locator(PREVIEW).wait_for(state="visible")
    assert shown(page, f"{PREVIEW} .rj-preview-text .rj-text") == SPACED_TEXTS[post]


def test_participant_note_is_shown_as_written(open_generated_page: OpenPage) -> None:
    page = open_generated_page("debates/people/ann.html")
    notes = page.locator(".rj-note")
    texts = [notes.nth(n).inner_text() for n in range(notes.count())]
    assert SPACED_NOTE in texts
