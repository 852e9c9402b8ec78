"""Constants, types and site builders shared by the browser tests and ``make screenshots`` (a
module of its own: every test folder has a ``conftest``, so tests import from here rather than
from ``conftest``).

The sites are built from the working tree's docs/ with the tests' own transcripts
(tests/browser/sources/, plus generated ones), never from sources/: that folder is the
contributors' data, and no test may depend on how many debates it holds or what they say.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
FIXTURE_SOURCES = Path(__file__).resolve().parent / "sources"
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEBATE = "debates/soares-anthropic-race.html"  # from FIXTURE_SOURCES
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# open_page(path, **browser_context_options) -> playwright Page
OpenPage = Callable[..., Any]

# The paged site: this many sample debates (more than one page of the debates index, and of
# the claims index), each with one post by the same participant.
SAMPLE_DEBATES = 60
SAMPLE_PERSON = "sample-person"


def sample_transcript(number: int) -> str:
    return f"""id: sample-{number:02d}
title: Sample debate {number}
summary: A synthetic debate that fills the listings.
sources:
  - title: A sample page
participants:
  {SAMPLE_PERSON}:
    name: Sam Sample
posts:
  - id: post
    author: {SAMPLE_PERSON}
    posted: 2025-03-{1 + number % 28:02d}T{number % 24:02d}:00:00Z
    text: Sample post number {number}.
    claims:
      - id: claim
        statement: Sample claim number {number}.
"""


# -- building and serving sites --------------------------------------------------------------

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


def copy_repo(work: Path, transcripts: dict[str, str] | None = None) -> Path:
    """A copy of the working tree at ``work`` whose sources/ holds FIXTURE_SOURCES and the
    given extra transcripts (file name -> YAML), nothing of the real sources/."""
    shutil.copytree(REPO, work, ignore=NOT_COPIED)
    shutil.rmtree(work / "sources", ignore_errors=True)
    shutil.copytree(FIXTURE_SOURCES, work / "sources")
    for name, text in (transcripts or {}).items():
        (work / "sources" / name).write_text(text, encoding="utf-8")
    return work


def build_site(work: Path, out: Path) -> Path:
    """Build docs/ of the copy at ``work`` as ``make site`` does (strict) into ``out``."""
    shutil.rmtree(work / "docs" / "debates", ignore_errors=True)
    env = {key: value for key, value in os.environ.items() if key != "REJOINDER_BASE_URL"}
    command = [sys.executable, "-m", "sphinx", "-W", "-n", "-q", "-b", "html"]
    done = subprocess.run(
        [*command, str(work / "docs"), str(out)],
        capture_output=True,
        text=True,
        timeout=1200,
        env=env,
        check=False,
    )
    assert done.returncode == 0, f"sphinx-build failed:\n{done.stdout}\n{done.stderr}"
    return out


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` served on 127.0.0.1 (a free port) while the block runs; yields its URL."""
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


def sample_sources() -> dict[str, str]:
    return {
        f"sample-{number:02d}.yaml": sample_transcript(number)
        for number in range(1, SAMPLE_DEBATES + 1)
    }


# -- generated debates: a deep reply chain, and texts whose spacing matters -------------------

# Each post of the chain replies to the one before. 5,000 levels overflowed the call stack of
# the recursive walk rejoinder.js used to order the conversation (Chromium, default stack); the
# site builds in about 30 s.
DEEP_CHAIN = 5000
DEEP_DEBATE = "debates/deep-chain.html"


def deep_chain_transcript(depth: int = DEEP_CHAIN) -> str:
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    lines = [
        "id: deep-chain",
        "title: A chain of replies",
        "summary: Every post answers the one before it.",
        "sources:",
        "  - title: Generated for the browser tests",
        "participants:",
        "  ann:",
        "    name: Ann",
        "  ben:",
        "    name: Ben",
        "posts:",
    ]
    for number in range(depth):
        posted = (start + dt.timedelta(minutes=number)).strftime("%Y-%m-%dT%H:%M:%SZ")
        lines += [
            f"  - id: p{number}",
            f"    author: {'ann' if number % 2 == 0 else 'ben'}",
            f"    posted: {posted}",
        ]
        if number:
            lines.append(f"    replies_to: p{number - 1}")
        lines.append(f"    text: Post number {number}.")
    return "\n".join(lines) + "\n"


SPACING_DEBATE = "debates/spacing.html"
# Texts as written, with what HTML would collapse: runs of spaces, leading spaces, a tab, an
# empty line, and a line break right after a link.
SPACED_TEXTS = {
    "spaced": "Runs   of    spaces stay.\n  Two leading spaces.\n\n\tA tab, after an empty line.",
    "linked": "See https://example.org/a\nthen   this line.",
}
SPACED_NOTE = "A note  with\n   its own spacing."


def spacing_transcript() -> str:
    def block(text: str, indent: str) -> str:
        return "".join(f"{indent}{line}\n" if line else "\n" for line in text.split("\n"))

    posts = "".join(
        f"  - id: {key}\n    author: ann\n    posted: 2026-02-0{number}T10:00:00Z\n"
        f"    text: |2-\n{block(text, '      ')}"
        for number, (key, text) in enumerate(SPACED_TEXTS.items(), start=1)
    )
    return (
        "id: spacing\n"
        "title: Spacing as written\n"
        "summary: Post texts whose spaces and line breaks matter.\n"
        "sources:\n  - title: Generated for the browser tests\n"
        "participants:\n  ann:\n    name: Ann\n"
        f"    note: |2-\n{block(SPACED_NOTE, '      ')}"
        "posts:\n" + posts
    )
