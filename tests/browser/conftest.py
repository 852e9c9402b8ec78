"""Browser tests: the real site (docs/, with the tests' own transcripts in place of sources/)
built once per session into a temporary folder, served on 127.0.0.1 and driven by Debian's
Chromium through Playwright.

Outside CI the tests are skipped when /usr/bin/chromium is missing; in CI (``CI`` set) they
always run, so a missing browser fails loudly. ``playwright install`` is never used: the
browser is the system one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    OpenPage,
    build_site,
    copy_repo,
    deep_chain_transcript,
    sample_sources,
    served,
    spacing_transcript,
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives Chromium (Playwright) against the built site"
    )


def skip_reason() -> str | None:
    if os.environ.get("CI"):
        return None
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing: apt-get install chromium (in CI these tests always run)"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = skip_reason()
    if reason is None:
        return
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built, strict as in ``make site``, from a copy of the working tree with the
    tests' own transcripts (the pages include files from outside docs/, and the extension
    writes its generated pages into the source folder, so the working tree itself is never
    built in place)."""
    base = tmp_path_factory.mktemp("site")
    return build_site(copy_repo(base / "repo"), base / "html")


@pytest.fixture(scope="session")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same site with SAMPLE_DEBATES more (tiny, synthetic) debates, all with one shared
    participant, so that the debates index, the claims index and that person's page run over
    several pages and show their pager."""
    base = tmp_path_factory.mktemp("paged-site")
    return build_site(copy_repo(base / "repo", sample_sources()), base / "html")


@pytest.fixture(scope="session")
def generated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site with two generated debates: a reply chain DEEP_CHAIN posts deep, and posts
    whose spacing matters (see browser_support)."""
    base = tmp_path_factory.mktemp("generated-site")
    transcripts = {
        "deep-chain.yaml": deep_chain_transcript(),
        "spacing.yaml": spacing_transcript(),
    }
    return build_site(copy_repo(base / "repo", transcripts), base / "html")


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    with served(site) as url:
        yield url


@pytest.fixture(scope="session")
def paged_base_url(paged_site: Path) -> Iterator[str]:
    with served(paged_site) as url:
        yield url


@pytest.fixture(scope="session")
def generated_base_url(generated_site: Path) -> Iterator[str]:
    with served(generated_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def open_page(browser: Any, base_url: str) -> Iterator[OpenPage]:
    """``open_page(path, **context_options)``: a fresh browser context (own storage), the page
    loaded, and a watch on it: any script error or failed request of the site fails the test."""
    yield from _opener(browser, base_url)


@pytest.fixture
def open_paged_page(browser: Any, paged_base_url: str) -> Iterator[OpenPage]:
    """``open_page`` for the site whose listings run over several pages."""
    yield from _opener(browser, paged_base_url)


@pytest.fixture
def open_generated_page(browser: Any, generated_base_url: str) -> Iterator[OpenPage]:
    """``open_page`` for the site with the generated debates."""
    yield from _opener(browser, generated_base_url)


def _opener(browser: Any, base_url: str) -> Iterator[OpenPage]:
    contexts: list[Any] = []
    problems: list[str] = []

    def open_(path: str, *, wait: bool = True, **options: Any) -> Any:
        settings: dict[str, Any] = {
            "viewport": DESKTOP,
            "timezone_id": "America/Los_Angeles",
            "locale": "en-US",
            "color_scheme": "light",
        }
        settings.update(options)
        context = browser.new_context(**settings)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        page.on(
            "response",
            lambda response: (
                problems.append(f"HTTP {response.status}: {response.url}")
                if response.status >= 400 and response.url.startswith(base_url)
                else None
            ),
        )
        page.on("console", lambda message: _console(message, problems))
        page.goto(base_url + path)
        if wait:
            page.wait_for_load_state("load")
        return page

    open_.base_url = base_url  # type: ignore[attr-defined]
    yield open_
    for context in contexts:
        context.close()
    assert not problems, "\n".join(problems)


def _console(message: Any, problems: list[str]) -> None:
    if message.type != "error":
        return
    problems.append(f"console {message.type}: {message.text} ({message.location.get('url')})")
