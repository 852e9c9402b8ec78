"""Browser tests: the real site (docs/ and sources/) built once per session into a temporary
folder, served on 127.0.0.1 and driven by Debian's Chromium through Playwright.

Outside CI the tests are skipped when /usr/bin/chromium is missing; in CI (``CI`` set) they
always run, so a missing browser fails loudly. ``playwright install`` is never used: the
browser is the system one.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    REPO,
    SAMPLE_DEBATES,
    SCREENSHOTS,
    OpenPage,
    sample_transcript,
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


# Left out of the copy of the working tree that is built: caches, build output, generated pages.
NOT_COPIED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "_build",
    "_site",
    "_work",
    "test-artifacts",
    "__pycache__",
    "*.egg-info",
    ".mypy_cache",
    ".ruff_cache",
    ".hypothesis",
    ".pytest_cache",
    "node_modules",
)


def _build_site(work: Path) -> Path:
    """Build the copy at ``work`` as ``make site`` does (strict) and return the HTML folder."""
    shutil.rmtree(work / "docs" / "debates", ignore_errors=True)
    out = work.parent / "html"
    env = {key: value for key, value in os.environ.items() if key != "REJOINDER_BASE_URL"}
    command = [sys.executable, "-m", "sphinx", "-W", "-n", "-q", "-b", "html"]
    done = subprocess.run(
        [*command, str(work / "docs"), str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        check=False,
    )
    assert done.returncode == 0, f"sphinx-build failed:\n{done.stdout}\n{done.stderr}"
    return out


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built, strict as in ``make site``, from a copy of the working tree (the pages
    include files from outside docs/, and the extension writes its generated pages into the
    source folder, so the working tree itself is never built in place)."""
    work = tmp_path_factory.mktemp("site") / "repo"
    shutil.copytree(REPO, work, ignore=NOT_COPIED)
    return _build_site(work)


@pytest.fixture(scope="session")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same site with SAMPLE_DEBATES more (tiny, synthetic) debates, all with one shared
    participant, so that the debates index, the claims index and that person's page run over
    several pages and show their pager."""
    work = tmp_path_factory.mktemp("paged-site") / "repo"
    shutil.copytree(REPO, work, ignore=NOT_COPIED)
    for number in range(1, SAMPLE_DEBATES + 1):
        (work / "sources" / f"sample-{number:02d}.yaml").write_text(
            sample_transcript(number), encoding="utf-8"
        )
    return _build_site(work)


@contextlib.contextmanager
def _served(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    with _served(site) as url:
        yield url


@pytest.fixture(scope="session")
def paged_base_url(paged_site: Path) -> Iterator[str]:
    with _served(paged_site) as url:
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


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
