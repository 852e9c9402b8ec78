"""How a debate page reads, measured in Chromium: the figures issue 13 asks for, before and after.

Builds the real site (docs/) from the browser suite's copy of the seed debate plus a real
146-post thread (the saved r/IAmA response in tests/platforms/reddit, imported with
``rejoinder import``), serves it on 127.0.0.1, and opens each debate page in Debian's Chromium at
1366x900 and 390x844, in light and dark. For each it reports:

- the offset of the first card (how far down the opening post starts) and of its text;
- the page height, and the height per post;
- the argument map's height;
- the tab stops before the keyboard reaches the first card;
- the page weight (every response's body, in bytes) and the HTML alone.

Usage (needs chromium, as the browser tests do)::

    .venv/bin/python bench/reading_figures.py [--json bench/_work/reading.json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))

from browser_support import (  # noqa: E402 - the browser suite's own helpers
    CHROMIUM,
    CHROMIUM_ARGS,
    build_site,
    copy_repo,
    served,
)

REAL_THREAD = (
    REPO / "tests" / "platforms" / "reddit" / "comments-IAmA-57dw9a-d8r4im1-context100.json"
)
PAGES = {
    "seed debate (8 posts)": "debates/soares-anthropic-race.html",
    "real thread (146 posts)": "debates/iama-ken-bone.html",
}
VIEWPORTS = {"desktop 1366x900": (1366, 900), "phone 390x844": (390, 844)}
MAX_TABS = 400

MEASURE = """() => {
  const card = document.querySelector('.rejoinder-card');
  const text = card ? card.querySelector('.rj-text') : null;
  const map = document.querySelector('.rj-map');
  const top = (node) => node ? Math.round(node.getBoundingClientRect().top + window.scrollY) : null;
  return {
    first_card: top(card),
    first_text: top(text),
    page_height: document.documentElement.scrollHeight,
    map_height: map ? Math.round(map.getBoundingClientRect().height) : 0,
    cards: document.querySelectorAll('.rejoinder-card').length,
  };
}"""
IN_FIRST_CARD = """() => {
  const card = document.querySelector('.rejoinder-card');
  return !!(card && document.activeElement && card.contains(document.activeElement));
}"""


def import_real_thread(sources: Path) -> None:
    done = subprocess.run(
        [
            *(sys.executable, "-m", "rejoinder.cli", "import", "reddit", str(REAL_THREAD)),
            *("--id", "iama-ken-bone", "-o", str(sources / "iama-ken-bone.yaml")),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"the import failed:\n{done.stderr}")


def tab_stops(page: Any) -> int | None:
    """Tab presses until the focus is inside the first card (None: not within MAX_TABS)."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); }")
    for count in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if page.evaluate(IN_FIRST_CARD):
            return count
    return None


def measure(browser: Any, url: str, viewport: tuple[int, int], scheme: str) -> dict[str, Any]:
    width, height = viewport
    context = browser.new_context(
        viewport={"width": width, "height": height}, color_scheme=scheme, locale="en-US"
    )
    page = context.new_page()
    sizes: list[int] = []
    html: list[int] = []

    def count(response: Any) -> None:
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            return
        sizes.append(len(body))
        if response.url == url:
            html.append(len(body))

    page.on("response", count)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    figures: dict[str, Any] = page.evaluate(MEASURE)
    figures["tab_stops_before_first_card"] = tab_stops(page)
    figures["page_weight_bytes"] = sum(sizes)
    figures["html_bytes"] = sum(html)
    cards = figures["cards"] or 1
    figures["height_per_post"] = round(figures["page_height"] / cards)
    context.close()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="reading-") as scratch:
        work = copy_repo(Path(scratch) / "repo")
        import_real_thread(work / "sources")
        site = build_site(work, Path(scratch) / "html")
        with served(site) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for label, path in PAGES.items():
                for viewport_label, viewport in VIEWPORTS.items():
                    for scheme in ("light", "dark"):
                        figures = measure(browser, base + path, viewport, scheme)
                        results.append(
                            {"page": label, "viewport": viewport_label, "scheme": scheme, **figures}
                        )
            browser.close()
    columns = [
        ("first_card", "first card (px)"),
        ("first_text", "its text (px)"),
        ("page_height", "page (px)"),
        ("height_per_post", "per post (px)"),
        ("map_height", "map (px)"),
        ("tab_stops_before_first_card", "tabs to card"),
        ("page_weight_bytes", "weight (B)"),
        ("html_bytes", "HTML (B)"),
    ]
    print("| page | viewport | scheme | " + " | ".join(title for _, title in columns) + " |")
    print("|" + " --- |" * (3 + len(columns)))
    for row in results:
        cells = [str(row[key]) for key, _ in columns]
        print(
            f"| {row['page']} | {row['viewport']} | {row['scheme']} | " + " | ".join(cells) + " |"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
