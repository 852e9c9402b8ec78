"""How a debate page reads, measured in Chromium: the figures issue 13 asks for (where the opening
post's text starts, page height per post, the argument map's height, tab stops before the first
card, page weight), taken the same way by the browser tests (test_reading_first.py) and by
bench/reading_figures.py.

The pages measured are the browser suite's seed debate (tests/browser/sources) and a real
486-post Reddit thread (tests/platforms/reddit, see its provenance file), imported into the
built copy's sources/ with ``rejoinder import`` as a contributor would.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from browser_support import DEBATE, REPO, SCREENSHOTS

REAL_THREAD = (
    REPO / "tests" / "platforms" / "reddit" / "comments-announcements-n49rw-limit2048.json"
)
REAL_THREAD_ID = "reddit-announcements-n49rw"
REAL_THREAD_CAPTURED = "2016-03-22"  # the response's Date header (its provenance file)
REAL_THREAD_POSTS = 486

# Short names (used in test ids and screenshot names) -> page.
PAGES = {"seed": DEBATE, "real-thread": f"debates/{REAL_THREAD_ID}.html"}
VIEWPORTS = {"1366x900": (1366, 900), "390x844": (390, 844)}
SCHEMES = ("light", "dark")
# Tab presses tried before giving up on reaching the first card (pressed in bursts).
MAX_TABS = 2000
TAB_BURST = 50
# A full-page PNG is cut at this many pixels (about 120 MB of RGBA while it is taken): the real
# thread's page is far taller than that, and the top of it is what is looked at.
MAX_SCREENSHOT_PIXELS = 30_000_000


def import_real_thread(sources: Path) -> Path:
    """The real thread, imported with the CLI into ``sources`` (a built copy's sources/)."""
    target = sources / f"{REAL_THREAD_ID}.yaml"
    done = subprocess.run(
        [
            *(sys.executable, "-m", "rejoinder.cli", "import", "reddit", str(REAL_THREAD)),
            *("--id", REAL_THREAD_ID, "--captured", REAL_THREAD_CAPTURED, "-o", str(target)),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"rejoinder import failed:\n{done.stderr}")
    return target


# The layout as loaded: the map's height as shown (0 while it is folded away: Chromium still
# lays out what a closed <details> hides, so the box's own height would not say so), and the
# height of the closed fold holding it; then the map's height with those folds opened, after
# which they are closed again.
MEASURE = """async () => {
  const card = document.querySelector('.rejoinder-card');
  const text = card ? card.querySelector('.rj-text') : null;
  const map = document.querySelector('.rj-map');
  const top = (node) => node ? Math.round(node.getBoundingClientRect().top + window.scrollY) : null;
  const height = (node) => node ? Math.round(node.getBoundingClientRect().height) : 0;
  const shown = (node) => node && node.checkVisibility() ? height(node) : 0;
  const folds = [];
  for (let node = map; node; node = node.parentElement) {
    if (node.tagName === 'DETAILS' && !node.open) { folds.push(node); }
  }
  const figures = {
    first_card: top(card),
    first_text: top(text),
    page_height: document.documentElement.scrollHeight,
    cards: document.querySelectorAll('.rejoinder-card').length,
    map_height: shown(map),
    map_fold_height: folds.length ? shown(folds[folds.length - 1]) : null,
  };
  folds.forEach((fold) => { fold.open = true; });
  if (folds.length) {
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  }
  figures.map_height_opened = shown(map);
  folds.forEach((fold) => { fold.open = false; });
  return figures;
}"""

# Counts Tab key presses (on window, capturing, before any handler of the page) until the focus
# first lands inside the first card.
WATCH_TABS = """() => {
  const card = document.querySelector('.rejoinder-card');
  const state = { presses: 0, reached: null };
  window.rejoinderTabWatch = state;
  window.addEventListener('keydown', (event) => {
    if (event.key === 'Tab' && state.reached === null) { state.presses += 1; }
  }, true);
  window.addEventListener('focusin', (event) => {
    if (state.reached === null && card && card.contains(event.target)) {
      state.reached = state.presses;
    }
  }, true);
  if (document.activeElement) { document.activeElement.blur(); }
}"""
TABS_REACHED = "() => window.rejoinderTabWatch.reached"


def tab_stops(page: Any) -> int | None:
    """Tab presses from the top of the page until the focus is inside the first card (None:
    not within MAX_TABS)."""
    page.evaluate(WATCH_TABS)
    for _ in range(0, MAX_TABS, TAB_BURST):
        for _ in range(TAB_BURST):
            page.keyboard.press("Tab")
        reached: int | None = page.evaluate(TABS_REACHED)
        if reached is not None:
            return reached
    return None


@dataclass
class PageWeight:
    """Every response's body while the page loads, in bytes, and the page's HTML alone."""

    url: str
    total: int = 0
    html: int = 0

    def count(self, response: Any) -> None:
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            return
        self.total += len(body)
        if response.url == self.url:
            self.html += len(body)


def open_reading_page(
    browser: Any,
    url: str,
    viewport: tuple[int, int],
    scheme: str,
    errors: list[str] | None = None,
) -> tuple[Any, PageWeight]:
    """A fresh context at ``viewport`` in ``scheme``, the page loaded (network idle), and the
    weight of what it loaded; script errors are added to ``errors``. Close it with
    ``page.context.close()``."""
    width, height = viewport
    context = browser.new_context(
        viewport={"width": width, "height": height}, color_scheme=scheme, locale="en-US"
    )
    context.set_default_timeout(60_000)
    page = context.new_page()
    weight = PageWeight(url)
    page.on("response", weight.count)
    if errors is not None:
        page.on("pageerror", lambda error: errors.append(f"script error: {error}"))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, weight


def read_figures(page: Any, weight: PageWeight) -> dict[str, Any]:
    """The figures of the page as loaded. Presses Tab: take screenshots before."""
    figures: dict[str, Any] = page.evaluate(MEASURE)
    figures["viewport_height"] = page.viewport_size["height"]
    first_text = figures["first_text"]
    figures["text_on_first_screen"] = (
        first_text is not None and first_text < figures["viewport_height"]
    )
    figures["height_per_post"] = round(figures["page_height"] / (figures["cards"] or 1))
    figures["page_weight_bytes"] = weight.total
    figures["html_bytes"] = weight.html
    figures["tab_stops_before_first_card"] = tab_stops(page)
    return figures


def save_screenshots(page: Any, name: str, folder: Path = SCREENSHOTS) -> list[Path]:
    """``<name>.png`` (the first screen) and ``<name>-full.png`` (the whole page, cut at
    MAX_SCREENSHOT_PIXELS), in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    first = folder / f"{name}.png"
    page.screenshot(path=str(first))
    width = page.viewport_size["width"]
    height = page.evaluate("() => document.documentElement.scrollHeight")
    full = folder / f"{name}-full.png"
    clip = {"x": 0, "y": 0, "width": width, "height": min(height, MAX_SCREENSHOT_PIXELS // width)}
    page.screenshot(path=str(full), full_page=True, clip=clip)
    return [first, full]


def screenshot_name(debate: str, viewport: str, scheme: str) -> str:
    return f"reading-{debate}-{viewport}-{scheme}"


COLUMNS = [
    ("first_card", "first card (px)"),
    ("first_text", "its text (px)"),
    ("page_height", "page (px)"),
    ("height_per_post", "per post (px)"),
    ("map_height", "map (px)"),
    ("map_fold_height", "map's fold (px)"),
    ("map_height_opened", "map opened (px)"),
    ("tab_stops_before_first_card", "tabs to card"),
    ("page_weight_bytes", "weight (B)"),
    ("html_bytes", "HTML (B)"),
]


def figures_table(rows: list[dict[str, Any]]) -> str:
    """A Markdown table of rows of figures, each with its ``page``, ``viewport`` and ``scheme``."""
    lines = [
        "| page | viewport | scheme | " + " | ".join(title for _, title in COLUMNS) + " |",
        "|" + " --- |" * (3 + len(COLUMNS)),
    ]
    for row in rows:
        cells = [str(row.get(key)) for key, _ in COLUMNS]
        lines.append(
            f"| {row['page']} | {row['viewport']} | {row['scheme']} | " + " | ".join(cells) + " |"
        )
    return "\n".join(lines)
