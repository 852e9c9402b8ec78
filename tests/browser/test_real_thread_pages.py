"""Pages of a real thread in the browser: a real Reddit chain with synthetic posts for every field
it lacks (placeholders of deleted, removed, withheld, blocked and not-found posts, media with
alt text, link-post titles, links beside a quote, languages, edits, coverage) and a claim
restated across debates (tests/sphinx/real_thread.py), built strictly into the real site.

axe finds no violation on them in either colour scheme, with every fold open; and the pages
load nothing from elsewhere: media are links, never embedded, so a reader's visit is not told to
the hosts of the images.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from browser_support import DESKTOP, build_site, copy_repo, served
from test_accessibility import report, violations
from test_html_validity import describe, is_upstream, run_nu

pytestmark = pytest.mark.browser

REAL_THREAD = Path(__file__).resolve().parents[1] / "sphinx" / "real_thread.py"
PAGES = [
    "debates/bone-zone.html",
    "debates/elsewhere.html",
    "debates/claims.html",
    "debates/index.html",
    "debates/people/u-stangibson18.html",
]


def real_thread() -> ModuleType:
    """tests/sphinx/real_thread.py, loaded by its path (it imports nothing from its folder)."""
    spec = importlib.util.spec_from_file_location("real_thread_transcripts", REAL_THREAD)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    module = real_thread()
    transcripts = {
        f"{transcript['id']}.yaml": yaml.safe_dump(transcript, allow_unicode=True, sort_keys=False)
        for transcript in (module.bone_zone(), module.elsewhere())
    }
    base = tmp_path_factory.mktemp("real-thread-site")
    return build_site(copy_repo(base / "repo", transcripts), base / "html")


@pytest.fixture(scope="module")
def real_base_url(real_site: Path) -> Iterator[str]:
    with served(real_site) as url:
        yield url


def test_real_thread_pages_are_valid_html(real_site: Path) -> None:
    messages = run_nu([real_site / path for path in PAGES])
    errors = [m for m in messages if m.get("type") == "error" and not is_upstream(m)]
    assert not errors, "\n".join(describe(m, real_site) for m in errors)


@pytest.fixture
def chromium(browser: Any) -> Any:
    """The session's browser (conftest.py): one Playwright instance per test run, since a
    second one cannot start while the first's event loop runs."""
    return browser


def open_page(
    chromium: Any, base_url: str, path: str, scheme: str, requests: list[str], errors: list[str]
) -> Any:
    context = chromium.new_context(
        viewport=DESKTOP, color_scheme=scheme, timezone_id="America/Los_Angeles", locale="en-US"
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(f"{path}: script error: {error}"))
    page.goto(base_url + path)
    page.wait_for_load_state("load")
    return page


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_real_thread_pages(
    chromium: Any, real_base_url: str, scheme: str
) -> None:
    failures = []
    requests: list[str] = []
    errors: list[str] = []
    for path in PAGES:
        page = open_page(chromium, real_base_url, path, scheme, requests, errors)
        # Every fold open (restatements, how each post was transcribed), so axe sees it all.
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        found = violations(page)
        if found:
            failures.append(f"{path}, {scheme} scheme:\n{report(found)}")
        page.context.close()
    assert not failures, "\n".join(failures)
    assert not errors, "\n".join(errors)
    elsewhere = [url for url in requests if not url.startswith(real_base_url)]
    assert elsewhere == []


def test_placeholder_and_media_are_shown(chromium: Any, real_base_url: str) -> None:
    requests: list[str] = []
    errors: list[str] = []
    page = open_page(chromium, real_base_url, PAGES[0], "light", requests, errors)
    withheld = page.locator("[id='s-withheld'] .rj-placeholder")
    assert withheld.is_visible()
    assert withheld.inner_text().startswith("Withheld: ")
    alt = page.locator("[id='s-image'] .rj-alt")
    assert alt.is_visible()
    assert alt.inner_text().startswith("A chart <img src=x onerror=alert(1)>")
    assert page.locator("[id='s-image'] img").count() == 0
    # The preview of a link to a post not shown says so; of a post of media alone, its media.
    replies = page.locator("[id='r-d8rbpal'] .rj-links")
    for target, says in (("s-withheld", "Withheld: "), ("s-image", "alt text: A chart")):
        replies.locator(f"a[href='#{target}']").focus()
        preview = page.locator(".rj-preview")
        preview.wait_for(state="visible")
        assert says in preview.inner_text(), target
        page.keyboard.press("Escape")
        preview.wait_for(state="hidden")
    page.context.close()
    assert not errors, "\n".join(errors)
