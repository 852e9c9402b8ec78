"""Listings that run over several pages, in the browser: the pager leads through every page,
and pager pages pass axe and the Nu checker like every other page."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import (
    DESKTOP,
    FIXTURE_SOURCES,
    SAMPLE_DEBATES,
    SAMPLE_PERSON,
    OpenPage,
)
from rejoinder.render import DEBATES_PER_LIST_PAGE
from test_accessibility import report, violations
from test_html_validity import describe, run_nu

pytestmark = pytest.mark.browser

PAGER_PAGES = {
    "debates-first": "debates/index.html",
    "debates-second": "debates/index/2.html",
    "claims-second": "debates/claims/2.html",
    "person-second": f"debates/people/{SAMPLE_PERSON}/2.html",
}


def test_next_page_links_lead_through_every_debate(open_paged_page: OpenPage) -> None:
    page = open_paged_page("debates/index.html")
    titles: list[str] = []
    headings = []
    while True:
        headings.append(page.locator("h1").inner_text().strip())
        titles += page.locator(".rj-debate-entry strong a").all_inner_texts()
        following = page.get_by_role("link", name="Next page →")
        if following.count() == 0:
            break
        following.click()
        page.wait_for_load_state("load")
    # The paged site holds the tests' own transcripts and the samples, nothing of sources/.
    debates = len(list(FIXTURE_SOURCES.glob("*.yaml"))) + SAMPLE_DEBATES
    pages = -(-debates // DEBATES_PER_LIST_PAGE)
    assert pages >= 2
    assert page.url.endswith(f"debates/index/{pages}.html")
    assert headings == ["Debates"] + [f"Debates, page {n}" for n in range(2, pages + 1)]
    assert len(titles) == debates == len(set(titles))
    for number in range(pages - 1, 0, -1):
        page.get_by_role("link", name="← Previous page").click()
        page.wait_for_load_state("load")
        expected = "debates/index.html" if number == 1 else f"debates/index/{number}.html"
        assert page.url.endswith(expected)


def test_a_person_s_pages_are_linked_from_the_first(open_paged_page: OpenPage) -> None:
    page = open_paged_page(f"debates/people/{SAMPLE_PERSON}.html")
    pager = page.locator(".rj-pager")
    assert pager.get_by_role("link").all_inner_texts() == [
        "Next page →",
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
    ]
    pager.get_by_role("link", name="6", exact=True).click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text().strip() == "Sam Sample, page 6"
    assert page.locator(".rj-pager .rj-page-number").inner_text() == "Page 6"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGER_PAGES))
def test_pager_pages_pass_axe(open_paged_page: OpenPage, kind: str, scheme: str) -> None:
    page = open_paged_page(PAGER_PAGES[kind], color_scheme=scheme, viewport=DESKTOP)
    found = violations(page)
    assert not found, f"{kind} page, {scheme} theme:\n{report(found)}"


def test_pager_pages_are_valid_html(paged_site: Path) -> None:
    files = [paged_site / path for path in PAGER_PAGES.values()]
    errors = [
        message
        for message in run_nu(files)
        if message.get("type") in ("error", "non-document-error")
    ]
    assert not errors, "\n".join(describe(message, paged_site) for message in errors)
