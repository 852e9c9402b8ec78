"""Constants and types shared by the browser tests (a module of its own: every test folder
has a ``conftest``, so tests import from here rather than from ``conftest``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
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
DEBATE = "debates/soares-anthropic-race.html"
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
