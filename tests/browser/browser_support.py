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
