"""What a reader does on a debate page, in a real browser: the argument map, the two orders of
the cards, previews of linked cards (mouse, keyboard, touch), local times and editors' notes.
Each behaviour is also checked without JavaScript where the page must still work."""

from __future__ import annotations

import re
from typing import Any

import pytest
from browser_support import DEBATE, DESKTOP, PHONE, OpenPage

pytestmark = pytest.mark.browser

# A post's id is on its card's section (or on the card, where it has none).
CARD_IDS = """() => [...document.querySelectorAll('.rejoinder-card.rj-post')]
                .map(c => (c.closest('.rj-post-section') || c).id)"""
PREVIEW = ".rj-preview"


def card_ids(page: Any) -> list[str]:
    ids: list[str] = page.evaluate(CARD_IDS)
    return ids


def thread_facts(page: Any) -> list[dict[str, Any]]:
    """Per card in page order: id, time, depth (set by the script) and its parent on this page
    (the card it replies to, else the card it quotes), read from the edge links."""
    facts: list[dict[str, Any]] = page.evaluate(
        """() => [...document.querySelectorAll('.rejoinder-card.rj-post')].map(card => {
            const unitOf = el => el.closest('.rj-post-section') || el.closest('.rejoinder-card');
            const unit = unitOf(card);
            const parentOf = sel => {
                for (const a of card.querySelectorAll(sel)) {
                    const href = a.getAttribute('href');
                    if (!href.startsWith('#')) continue;
                    const el = document.getElementById(decodeURIComponent(href.slice(1)));
                    const up = el && unitOf(el);
                    if (up && up !== unit) return up.id;
                }
                return null;
            };
            const time = unit.querySelector(':scope > h3 time.rj-time');
            return {
                id: unit.id,
                time: time ? time.getAttribute('datetime') : null,
                depth: Number(unit.dataset.rjDepth || 0),
                parent: parentOf('.rj-links .rj-edge-replies-to a') ||
                        parentOf('.rj-links .rj-edge-quotes a'),
            };
        })"""
    )
    return facts


IN_VIEW = """sel => { const r = document.querySelector(sel).getBoundingClientRect();
                     return r.top >= -1 && r.top < innerHeight * 0.5; }"""


def in_viewport(page: Any, selector: str) -> bool:
    """Whether the element's top is in the upper half of the viewport, once scrolling ends."""
    try:
        page.wait_for_function(IN_VIEW, arg=selector, timeout=3000)
    except Exception:
        return False
    return True


def preview_text(page: Any) -> str:
    text: str = page.locator(PREVIEW).inner_text()
    return " ".join(text.split())


def card_text(page: Any, card_id: str) -> str:
    text: str = page.locator(f"[id='{card_id}'] .rj-text").first.inner_text()
    return " ".join(text.split())


# ---------------------------------------------------------------- the argument map ------


def open_map(page: Any) -> None:
    """Unfold the argument map (folded on a debate page, one click away)."""
    page.locator("details.rj-map-fold > summary").click()
    page.locator(".rj-map svg").wait_for(state="visible")


def test_map_nodes_lead_to_their_cards(open_page: OpenPage) -> None:
    page = open_page(DEBATE, reduced_motion="reduce")
    open_map(page)
    nodes = page.locator(".rj-map a.rj-map-node")
    hrefs = [nodes.nth(i).get_attribute("href") for i in range(nodes.count())]
    assert len(hrefs) >= 10, "the seed debate's map should have a node per post and claim"
    posts = set(card_ids(page))
    assert {h[1:] for h in hrefs} >= posts, "every post appears on the map"
    for index, href in enumerate(hrefs):
        assert href and href.startswith("#")
        nodes.nth(index).click()
        page.wait_for_function("h => location.hash === h", arg=href)
        target_id = page.evaluate("() => document.querySelector(':target')?.id")
        assert target_id == href[1:]
        assert in_viewport(page, f"[id='{href[1:]}']"), f"{href} not scrolled into view"
    page.locator(PREVIEW).wait_for(state="hidden")


def test_map_is_keyboard_reachable(open_page: OpenPage) -> None:
    page = open_page(DEBATE)
    open_map(page)
    first = page.locator(".rj-map a.rj-map-node").first
    first.focus()
    assert page.evaluate("() => document.activeElement.classList.contains('rj-map-node')")
    href = first.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_function("h => location.hash === h", arg=href)
    assert page.evaluate("() => document.querySelector(':target')?.id") == href[1:]


# ---------------------------------------------------------------- two orders ------------


def assert_timeline(facts: list[dict[str, Any]]) -> None:
    times = [f["time"] for f in facts if f["time"]]
    assert times == sorted(times), "timeline is not in time order"


def assert_tree(facts: list[dict[str, Any]]) -> None:
    position = {f["id"]: i for i, f in enumerate(facts)}
    depth = {f["id"]: f["depth"] for f in facts}
    for i, fact in enumerate(facts):
        parent = fact["parent"]
        if parent is None:
            assert fact["depth"] == 0
            continue
        if depth[parent] + 1 != fact["depth"]:
            continue  # a cycle broken by the script: this card starts its own thread
        assert position[parent] < i, f"{fact['id']} shown before the post it answers"
        between = facts[position[parent] + 1 : i]
        assert all(f["depth"] > depth[parent] for f in between), (
            f"{fact['id']} is not in the thread of {parent}"
        )


def test_switching_views_reorders_in_place(open_page: OpenPage) -> None:
    page = open_page(DEBATE)
    timeline = card_ids(page)
    assert_timeline(thread_facts(page))
    conversation = page.locator(".rj-views a", has_text="Conversation")
    time_link = page.locator(".rj-views a", has_text="Timeline")
    assert time_link.get_attribute("aria-current") == "true"
    assert conversation.get_attribute("aria-current") is None
    page.evaluate("window.rjMarker = 'same document'")

    conversation.click()
    tree = card_ids(page)
    assert sorted(tree) == sorted(timeline)
    assert tree != timeline, "the seed debate's reply tree differs from its timeline"
    facts = thread_facts(page)
    assert_tree(facts)
    assert max(f["depth"] for f in facts) >= 2
    assert re.search(r"[?&]view=tree(&|#|$)", page.url)
    assert page.evaluate("window.rjMarker") == "same document", "the page was reloaded"
    assert conversation.get_attribute("aria-current") == "true"
    assert time_link.get_attribute("aria-current") is None
    indent = page.evaluate(
        """() => { const sections = [...document.querySelectorAll('.rj-post-section')];
                   const at = depth => sections.find(s => s.dataset.rjDepth === depth);
                   return at('1').getBoundingClientRect().left -
                          at('0').getBoundingClientRect().left; }"""
    )
    assert indent > 5, "replies are not indented"
    status = page.locator(".rj-views [role=status]")
    assert "conversation" in status.inner_text().lower()

    page.reload()
    assert card_ids(page) == tree, "the URL does not keep the conversation view"
    assert page.locator(".rj-views a", has_text="Conversation").get_attribute("aria-current")

    page.evaluate("window.rjMarker = 'after reload'")
    page.locator(".rj-views a", has_text="Timeline").focus()
    page.keyboard.press("Enter")  # keyboard works as well as a click
    assert card_ids(page) == timeline
    assert "view=time" in page.url
    assert page.evaluate("window.rjMarker") == "after reload"


def test_tree_view_keeps_the_linked_card_in_view(open_page: OpenPage) -> None:
    page = open_page(f"{DEBATE}?view=tree#missing-mood")
    # The script scrolls the linked card back into view once the cards are reordered (a
    # smooth scroll, when the reader allows motion, takes a moment on a busy machine).
    page.wait_for_function(IN_VIEW, arg="[id='missing-mood']", timeout=5000)
    page.wait_for_timeout(300)
    assert in_viewport(page, "[id='missing-mood']")


def test_views_without_javascript(open_page: OpenPage) -> None:
    page = open_page(DEBATE, java_script_enabled=False)
    assert_timeline(thread_facts(page))
    # Only the script can reorder the cards: without it the switch is not offered at all.
    assert page.locator(".rj-views").count() == 1
    assert not page.locator(".rj-views").is_visible()
    assert page.locator(".rj-local-time").count() == 0
    assert page.locator(".rj-post-section > h3 .rj-time").first.inner_text().endswith("UTC")


def test_printing(open_page: OpenPage) -> None:
    page = open_page(DEBATE)
    page.emulate_media(media="print")
    for hidden in (".rj-views", ".skip-to-content"):
        assert not page.locator(hidden).first.is_visible(), hidden
    link = page.locator(".rejoinder-card a[href^='http']").first
    href = link.get_attribute("href")
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert href and href in after, "a contributor's link is printed with its address"
    own = page.locator(".rejoinder-card a[href^='#']").first
    assert own.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")
    folded = page.locator("details:not([open])").count()
    assert folded > 0
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details:not([open])").count() == 0, "folded blocks print open"
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("details:not([open])").count() == folded


# ---------------------------------------------------------------- live references -------


def test_hovering_a_reference_previews_the_card(open_page: OpenPage) -> None:
    page = open_page(DEBATE)
    link = page.locator("[id='nathan-frontier'] .rj-links .rj-edge-replies-to a").first
    target = link.get_attribute("href")
    assert target and target.startswith("#")
    link.hover()
    preview = page.locator(PREVIEW)
    preview.wait_for(state="visible")
    assert preview.get_attribute("role") == "tooltip"
    assert link.get_attribute("aria-describedby") == preview.get_attribute("id")
    assert card_text(page, target[1:]) in preview_text(page)
    assert preview.locator("[id]").count() == 0, "ids copied into the preview"
    assert preview.locator("a, button, [tabindex]").count() == 0, "a tooltip holds no controls"
    page.mouse.move(5, 5)
    preview.wait_for(state="hidden")
    assert link.get_attribute("aria-describedby") is None


def test_preview_of_a_long_post_fits_the_window(open_page: OpenPage) -> None:
    page = open_page(DEBATE, reduced_motion="reduce")
    open_map(page)
    node = page.locator(".rj-map a.rj-map-node[href='#scott-chips']")
    node.hover()  # map nodes preview their card too
    preview = page.locator(PREVIEW)
    preview.wait_for(state="visible")
    assert "Do you disagree" in preview_text(page)
    box = preview.bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= DESKTOP["height"]
    assert preview.evaluate("p => p.scrollHeight <= p.clientHeight"), "preview scrolls"
    assert preview.locator(".rj-preview-clipped").count() == 1, "long text not marked as cut"


def test_focusing_a_reference_previews_it_and_escape_closes(open_page: OpenPage) -> None:
    page = open_page(DEBATE)
    link = page.locator("[id='scott-chips'] .rj-links .rj-edge-quotes a").first
    target = link.get_attribute("href")
    link.focus()
    preview = page.locator(PREVIEW)
    preview.wait_for(state="visible")
    assert card_text(page, target[1:]) in preview_text(page)
    page.keyboard.press("Escape")
    preview.wait_for(state="hidden")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == target
    # Tab on to the next reference: its own preview.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    preview.wait_for(state="visible")


def test_claim_reference_previews_the_claim(open_page: OpenPage) -> None:
    page = open_page(DEBATE)
    link = page.locator("a.reference.external[href='#soares-no-coordination']").first
    link.focus()
    page.locator(PREVIEW).wait_for(state="visible")
    statement = page.locator("[id='soares-no-coordination'] .rj-statement").inner_text()
    assert " ".join(statement.split()) in preview_text(page)


def test_reference_to_another_page_is_fetched_once(open_page: OpenPage) -> None:
    page = open_page("debates/claims.html")
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if DEBATE in r.url else None)
    links = page.locator(f"a.reference.external[href*='{DEBATE.split('/')[1]}#']")
    assert links.count() >= 2
    first, second = links.nth(0), links.nth(1)
    preview = page.locator(PREVIEW)
    for link in (first, second, first):
        target = link.get_attribute("href").split("#")[1]
        link.hover()
        preview.wait_for(state="visible")
        page.wait_for_function(
            "t => document.querySelector('.rj-preview').textContent.length > 20", arg=target
        )
        text = preview_text(page)
        other = open_page(f"{DEBATE}#{target}", java_script_enabled=False)
        expected = other.locator(f"[id='{target}']").first
        if "rj-claim" in (expected.get_attribute("class") or ""):
            wanted = expected.locator(".rj-statement").inner_text()
        else:
            wanted = expected.locator(".rj-text").inner_text()
        other.close()
        assert " ".join(wanted.split()) in text
        page.mouse.move(5, 5)
        preview.wait_for(state="hidden")
    assert len(fetched) == 1, f"the debate page was fetched {len(fetched)} times"


def test_touch_first_tap_previews_second_tap_follows(open_page: OpenPage) -> None:
    page = open_page(DEBATE, viewport=PHONE, has_touch=True, is_mobile=True)
    link = page.locator("[id='nathan-frontier'] .rj-links .rj-edge-replies-to a").first
    target = link.get_attribute("href")
    link.tap()
    preview = page.locator(PREVIEW)
    preview.wait_for(state="visible")
    assert preview.get_attribute("role") == "dialog"
    assert link.get_attribute("aria-expanded") == "true"
    assert page.evaluate("location.hash") == "", "the first tap navigated"
    assert card_text(page, target[1:]) in preview_text(page)
    box = preview.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    open_link = preview.get_by_role("link", name="Open")
    assert open_link.get_attribute("href").endswith(target)
    preview.get_by_role("button", name="Close").tap()
    preview.wait_for(state="hidden")
    assert link.get_attribute("aria-expanded") == "false"
    link.tap()
    preview.wait_for(state="visible")
    link.tap()
    page.wait_for_function("h => location.hash === h", arg=target)
    preview.wait_for(state="hidden")


def test_touch_open_link_follows(open_page: OpenPage) -> None:
    page = open_page(DEBATE, viewport=PHONE, has_touch=True, is_mobile=True)
    link = page.locator("[id='scott-chips'] .rj-links .rj-edge-quotes a").first
    target = link.get_attribute("href")
    link.tap()
    page.locator(PREVIEW).get_by_role("link", name="Open").tap()
    page.wait_for_function("h => location.hash === h", arg=target)
    assert page.evaluate("() => document.querySelector(':target')?.id") == target[1:]


def test_no_preview_for_own_permalink_or_outside_links(open_page: OpenPage) -> None:
    page = open_page(DEBATE)
    page.locator("[id='soares-original'] .sd-card-footer a[href='#soares-original']").focus()
    page.wait_for_timeout(150)
    assert page.locator(PREVIEW).count() == 0 or not page.locator(PREVIEW).is_visible()


# ---------------------------------------------------------------- times -----------------


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("America/Los_Angeles", "(4:54 PM PDT, your time)"),
        ("Asia/Tokyo", "(May 21, 8:54 AM GMT+9, your time)"),
    ],
)
def test_local_time_beside_utc(open_page: OpenPage, zone: str, expected: str) -> None:
    page = open_page(DEBATE, timezone_id=zone)
    time = page.locator("[id='soares-original'] > h3 time.rj-time")
    assert time.inner_text() == "2026-05-20 23:54 UTC"
    local = page.locator("[id='soares-original'] > h3 .rj-local-time")
    assert " ".join(local.inner_text().split()) == expected
    assert page.locator("time.rj-time").count() == page.locator(".rj-local-time").count()


def test_no_local_time_for_a_reader_in_utc(open_page: OpenPage) -> None:
    page = open_page(DEBATE, timezone_id="UTC")
    assert page.locator("time.rj-time").count() > 0
    assert page.locator(".rj-local-time").count() == 0


# ---------------------------------------------------------------- editors' notes --------

PAIR = """() => {
    for (const span of document.querySelectorAll('.rj-text .rj-annotated')) {
        if (span.querySelector('a')) continue;
        const n = [...span.classList].find(c => /^rj-ann-\\d+$/.test(c));
        const card = span.closest('.rj-post-section') || span.closest('.rejoinder-card');
        return {card: card.id, n};
    }
    return null;
}"""


def annotated_pair(page: Any) -> tuple[Any, Any]:
    pair = page.evaluate(PAIR)
    assert pair, "the seed debate has a note about words without a link"
    card = f"[id='{pair['card']}']"
    return (
        page.locator(f"{card} .rj-text .rj-annotated.{pair['n']}").first,
        page.locator(f"{card} .rj-annotation.{pair['n']}").first,
    )


def is_active(locator: Any) -> bool:
    active: bool = locator.evaluate("n => n.classList.contains('rj-ann-active')")
    return active


def test_note_and_words_highlight_each_other(open_page: OpenPage) -> None:
    page = open_page(DEBATE)
    words, note = annotated_pair(page)
    background = words.evaluate("n => getComputedStyle(n).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "annotated words not marked"
    note.hover()
    assert is_active(words) and is_active(note)
    page.mouse.move(5, 5)
    assert not is_active(words)
    words.hover()
    assert is_active(note)
    page.mouse.move(5, 5)
    words.focus()
    assert is_active(note)
    assert words.get_attribute("aria-describedby") == note.get_attribute("id")
    page.keyboard.press("Enter")
    assert note.evaluate("n => n === document.activeElement")
    assert is_active(words)


def test_notes_beside_text_on_wide_screens_inline_on_phones(open_page: OpenPage) -> None:
    wide = open_page(DEBATE, viewport=DESKTOP)
    words, note = annotated_pair(wide)
    text = words.locator("xpath=ancestor::div[contains(@class,'rj-text')]")
    t, n = text.bounding_box(), note.bounding_box()
    assert n["x"] >= t["x"] + t["width"] - 1, "note not beside the text on a wide screen"
    assert n["y"] < t["y"] + t["height"], "note not level with the text"
    phone = open_page(DEBATE, viewport=PHONE)
    words, note = annotated_pair(phone)
    text = words.locator("xpath=ancestor::div[contains(@class,'rj-text')]")
    t, n = text.bounding_box(), note.bounding_box()
    assert n["y"] >= t["y"] + t["height"], "note not below the text on a phone"
    assert n["x"] + n["width"] <= PHONE["width"], "note wider than the phone"
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_essay_role_link_previews_the_card(open_page: OpenPage) -> None:
    """Essay pages cite cards with roles, written as ``a.reference.internal.rj-xref``; no page
    of the seed site uses one yet, so one is added to the front page as Sphinx writes it."""
    page = open_page("index.html")
    page.evaluate(
        """() => {
            const a = document.createElement('a');
            a.className = 'reference internal rj-xref';
            a.href = 'debates/soares-anthropic-race.html#nathan-frontier';
            const span = document.createElement('span');
            span.className = 'rj-ref';
            span.textContent = 'Nathan, 2026-05-21 00:10 UTC';
            a.append(span);
            document.querySelector('article p').append(' ', a);
        }"""
    )
    link = page.locator("a.rj-xref")
    link.focus()
    preview = page.locator(PREVIEW)
    preview.wait_for(state="visible")
    page.wait_for_function(
        "() => /pushes forward/.test(document.querySelector('.rj-preview').textContent)"
    )
    assert "I think i’d say" in preview_text(page)
    assert link.get_attribute("aria-describedby") == preview.get_attribute("id")
    page.keyboard.press("Escape")
    preview.wait_for(state="hidden")


# ---------------------------------------------------------------- where you are ---------


def test_outline_lists_the_posts_and_sidebar_marks_the_debates(open_page: OpenPage) -> None:
    page = open_page(DEBATE)
    # The theme's "on this page" list: the state of the debate, the posts, one per card.
    outline = page.locator(".toc-tree a.reference")
    hrefs = [outline.nth(i).get_attribute("href") for i in range(outline.count())]
    assert "#State" in hrefs and "#Posts" in hrefs
    assert page.locator(".toc-tree a a").count() == 0, "an outline entry holds a link"
    assert [f"#{post}" for post in card_ids(page)] == [
        href for href in hrefs if href not in ("#", "#State", "#Posts", "#References")
    ]
    # The page is outside the table of contents; the sidebar still shows where it belongs.
    current = page.locator(".sidebar-tree a[aria-current='location']")
    assert current.count() == 1
    assert (current.get_attribute("href") or "").endswith("index.html")
    assert "current" in (current.locator("xpath=..").get_attribute("class") or "")
