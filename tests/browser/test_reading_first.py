"""Reading first (issue 13, item 8), measured in Chromium on the seed debate and on a real
486-post Reddit thread (imported with ``rejoinder import`` into the built copy's sources/), each
at 1366x900 and 390x844, in light and dark:

- the opening post's text starts within the first screen;
- axe finds no violation (every fold open), and the Nu checker no error (the built pages and
  the pages as the browser holds them after the scripts ran);
- the first screen and the whole page are saved as screenshots for a person to look at
  (test-artifacts/screenshots/reading-<debate>-<width>x<height>-<scheme>[-full].png);
- the figures (page height per post, the map's height folded and opened, tab stops before the
  first card, page weight) are written to test-artifacts/reading-figures.json and printed
  (``pytest -s``). tests/browser/reading.py measures them, as bench/reading_figures.py does.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import REPO, build_site, copy_repo, served
from reading import (
    PAGES,
    REAL_THREAD_POSTS,
    SCHEMES,
    VIEWPORTS,
    figures_table,
    import_real_thread,
    open_reading_page,
    read_figures,
    save_screenshots,
    screenshot_name,
)
from test_accessibility import report, violations
from test_html_validity import describe, is_upstream, run_nu

pytestmark = pytest.mark.browser

FIGURES = REPO / "test-artifacts" / "reading-figures.json"
POSTS = {"seed": 8, "real-thread": REAL_THREAD_POSTS}
CASES = [
    pytest.param(debate, viewport, scheme, id=f"{debate}-{viewport}-{scheme}")
    for debate in PAGES
    for viewport in VIEWPORTS
    for scheme in SCHEMES
]


@pytest.fixture(scope="module")
def reading_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("reading-site")
    work = copy_repo(base / "repo")
    import_real_thread(work / "sources")
    return build_site(work, base / "html")


@pytest.fixture(scope="module")
def reading_url(reading_site: Path) -> Iterator[str]:
    with served(reading_site) as url:
        yield url


@pytest.fixture(scope="module")
def readings(
    browser: Any, reading_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[tuple[str, str, str], dict[str, Any]]]:
    """What each case's visit found, visited once (on first use) for all the tests below:
    ``figures``, ``screenshots``, ``axe`` violations, script ``errors`` and the ``live`` DOM
    saved as a file. The figures are written to FIGURES and printed at the end."""
    live = tmp_path_factory.mktemp("reading-live")

    class Visits(dict[tuple[str, str, str], dict[str, Any]]):
        def __missing__(self, case: tuple[str, str, str]) -> dict[str, Any]:
            self[case] = visit(browser, reading_url, case, live)
            return self[case]

    visits = Visits()
    yield visits
    if visits:
        rows = [
            {"page": debate, "viewport": viewport, "scheme": scheme, **seen["figures"]}
            for (debate, viewport, scheme), seen in visits.items()
        ]
        FIGURES.parent.mkdir(parents=True, exist_ok=True)
        FIGURES.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
        print(f"\n{figures_table(rows)}\n(written to {FIGURES})")


def visit(browser: Any, base_url: str, case: tuple[str, str, str], live: Path) -> dict[str, Any]:
    debate, viewport, scheme = case
    errors: list[str] = []
    url = base_url + PAGES[debate]
    page, weight = open_reading_page(browser, url, VIEWPORTS[viewport], scheme, errors)
    try:
        screenshots = save_screenshots(page, screenshot_name(debate, viewport, scheme))
        dom = live / f"{'-'.join(case)}.html"
        dom.write_text("<!DOCTYPE html>\n" + page.evaluate("document.documentElement.outerHTML"))
        figures = read_figures(page, weight)
        # Every fold open (the map, backlinks, how each post was transcribed), so axe sees it all.
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        axe = violations(page)
    finally:
        page.context.close()
    return {
        "figures": figures,
        "screenshots": screenshots,
        "axe": axe,
        "errors": errors,
        "live": dom,
    }


@pytest.mark.parametrize(("debate", "viewport", "scheme"), CASES)
def test_opening_post_text_starts_on_the_first_screen(
    readings: dict[tuple[str, str, str], dict[str, Any]], debate: str, viewport: str, scheme: str
) -> None:
    figures = readings[debate, viewport, scheme]["figures"]
    assert figures["cards"] == POSTS[debate], figures
    assert figures["first_text"] is not None, "the first card shows no .rj-text"
    assert figures["first_text"] < figures["viewport_height"], (
        f"the opening post's text starts at {figures['first_text']} px, below the first screen "
        f"({figures['viewport_height']} px); first card at {figures['first_card']} px"
    )


@pytest.mark.parametrize(("debate", "viewport", "scheme"), CASES)
def test_axe_finds_no_violations(
    readings: dict[tuple[str, str, str], dict[str, Any]], debate: str, viewport: str, scheme: str
) -> None:
    seen = readings[debate, viewport, scheme]
    assert not seen["axe"], report(seen["axe"])
    assert not seen["errors"], "\n".join(seen["errors"])


def test_both_pages_are_valid_html(
    reading_site: Path, readings: dict[tuple[str, str, str], dict[str, Any]]
) -> None:
    # The built files, and each page as the browser holds it once its scripts ran.
    built = [reading_site / path for path in PAGES.values()]
    after_scripts = [readings[debate, "390x844", "light"]["live"] for debate in PAGES]
    messages = run_nu([*built, *after_scripts])
    errors = [
        m
        for m in messages
        if m.get("type") in ("error", "non-document-error") and not is_upstream(m)
    ]
    assert not errors, "\n".join(describe(m, reading_site) for m in errors)


@pytest.mark.parametrize(("debate", "viewport", "scheme"), CASES)
def test_screenshots_are_saved(
    readings: dict[tuple[str, str, str], dict[str, Any]], debate: str, viewport: str, scheme: str
) -> None:
    first, full = readings[debate, viewport, scheme]["screenshots"]
    assert first.name == f"reading-{debate}-{viewport}-{scheme}.png"
    for picture in (first, full):
        assert picture.read_bytes().startswith(b"\x89PNG\r\n\x1a\n"), picture
