"""The search page in Chromium, on a site built with a debate of our own (GAMMA): a word found in
one post's text, or in one of its claims, gives a result that opens the debate page at that
post's card; titles and excerpts are the text as written (no character references, no markup,
none of the map's labels); every result links to an anchor that exists; axe finds nothing on
the page, in either theme.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import DESKTOP, build_site, copy_repo, served

pytestmark = pytest.mark.browser

# A debate of our own, shared with the other search tests.
GAMMA = (Path(__file__).resolve().parents[1] / "search" / "gamma.yaml").read_text(encoding="utf-8")
DEBATE = "debates/gamma.html"
# What the index must not show: character references, markup, the argument map's labels.
NOT_SHOWN = ("&quot;", "&#x27;", "&#39;", "&amp;", "&lt;", "Argument map:", "Claim:", "¶")


@pytest.fixture(scope="module")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("search-site")
    site = build_site(copy_repo(base / "repo", {"gamma.yaml": GAMMA}), base / "html")
    with served(site) as url:
        yield url


@pytest.fixture
def open_search(browser: Any, search_site: str) -> Iterator[Any]:
    """``open_search(query, **context_options)``: the search page with ?q=query, its results
    shown; any script error or failed request of the site fails the test."""
    contexts: list[Any] = []
    problems: list[str] = []

    def open_(query: str, **options: Any) -> Any:
        context = browser.new_context(
            **{"viewport": DESKTOP, "color_scheme": "light", "locale": "en-US", **options}
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        page.on(
            "response",
            lambda response: (
                problems.append(f"HTTP {response.status}: {response.url}")
                if response.status >= 400 and response.url.startswith(search_site)
                else None
            ),
        )
        page.on(
            "console",
            lambda message: (
                problems.append(f"console: {message.text}") if message.type == "error" else None
            ),
        )
        page.goto(f"{search_site}search.html?q={query}")
        page.locator(".rj-search-status", has_text="found").wait_for()
        return page

    yield open_
    for context in contexts:
        context.close()
    assert not problems, "\n".join(problems)


def result_links(page: Any) -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        ".rj-search-results a",
        "links => links.map(a => ({href: a.href, text: a.textContent}))",
    )


def card_link(page: Any, anchor: str) -> Any:
    links = page.locator(f".rj-search-results a[href$='{DEBATE}#{anchor}']")
    assert links.count() == 1, json.dumps(result_links(page), indent=1)
    return links.first


def in_viewport(page: Any, element_id: str) -> bool:
    return bool(
        page.evaluate(
            """id => {
                const box = document.getElementById(id).getBoundingClientRect();
                return box.top >= 0 && box.top < window.innerHeight;
            }""",
            element_id,
        )
    )


def test_a_word_of_a_post_opens_its_card(open_search: Any) -> None:
    page = open_search("zanzibarine")
    link = card_link(page, "g-first")
    assert "Dee Example" in link.inner_text()
    excerpt = link.locator("xpath=following-sibling::p[1]")
    assert "zanzibarine" in excerpt.locator("mark").inner_text()
    # The text as written: quotes, apostrophe and what looks like markup are characters.
    assert 'We\'re told the zanzibarine "answer" is <b>bold</b> & done.' in excerpt.inner_text()
    link.click()
    page.wait_for_url(re.compile(rf"{re.escape(DEBATE)}#g-first$"))
    page.wait_for_load_state("load")
    assert in_viewport(page, "g-first")
    card = page.locator(".rejoinder-card .rj-text", has_text="zanzibarine")
    box = card.bounding_box()
    assert box is not None and 0 <= box["y"] < DESKTOP["height"], box


def test_the_words_of_a_claim_find_its_post(open_search: Any) -> None:
    page = open_search("quokkafold")
    card_link(page, "g-first")
    assert not page.locator(f".rj-search-results a[href$='{DEBATE}#g-second']").count()


def test_a_word_of_another_post_finds_that_post(open_search: Any) -> None:
    page = open_search("xylocarpous")
    card_link(page, "g-second")
    assert not page.locator(f".rj-search-results a[href$='{DEBATE}#g-first']").count()


@pytest.mark.parametrize("query", ["zanzibarine", "quoted", "Dee", "Karpathy", "good guys"])
def test_titles_and_excerpts_are_clean_text(open_search: Any, query: str) -> None:
    page = open_search(query)
    shown = page.inner_text(".rj-search-results")
    assert shown.strip(), query
    for code in NOT_SHOWN:
        assert code not in shown, (query, code)
    assert not page.locator(".rj-search-results :not(a, p, li, ul, mark)").count()
    if query == "quoted":
        titles = [link["text"] for link in result_links(page)]
        assert 'Gamma\'s "quoted" debate' in titles


@pytest.mark.parametrize("query", ["Dee", "Eve", "Soares", "Scott", "Karpathy", "chips"])
def test_every_result_links_to_an_anchor_that_exists(
    open_search: Any, browser: Any, query: str
) -> None:
    page = open_search(query)
    links = [link["href"] for link in result_links(page)]
    assert links, query
    for href in links:
        address, _, anchor = href.partition("#")
        assert page.request.get(address).ok, href
        if anchor:
            target = page.context.new_page()
            target.goto(href)
            assert target.locator(f"[id='{anchor}']").count() == 1, href
            target.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_the_search_page(open_search: Any, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = open_search("zanzibarine", color_scheme=scheme)
    assert page.locator(".rj-search-results li").count()
    found = Axe().run(page, options={"resultTypes": ["violations"]}).response["violations"]
    assert not found, json.dumps(
        [(v["id"], [n["target"] for n in v["nodes"]]) for v in found], indent=1
    )


def test_the_theme_search_box_lands_here(open_search: Any, search_site: str) -> None:
    """The sidebar's search box sends ?q= to the search page, which searches at once."""
    page = open_search("zanzibarine")
    page.goto(search_site + DEBATE)
    box = page.locator(".sidebar-search").first
    box.fill("quokkafold")
    box.press("Enter")
    page.locator(".rj-search-status", has_text="found").wait_for()
    assert page.locator("#rj-search-query").input_value() == "quokkafold"
    assert page.locator(".rj-search-results li").count()


def test_nothing_found_says_so(open_search: Any, search_site: str) -> None:
    page = open_search("ӝӝӝ")  # no word of the site starts with this letter
    assert "Nothing found" in page.inner_text(".rj-search-status")
    assert not page.locator(".rj-search-results li").count()


def test_index_files_are_not_pages(search_site: str) -> None:
    """The index is beside _static, not a page of the site; Sphinx's index is gone."""
    import urllib.request

    with urllib.request.urlopen(search_site + "_pagefind/pagefind.js") as response:
        assert response.status == 200
    with pytest.raises(Exception, match="404"):
        urllib.request.urlopen(search_site + "searchindex.js")
