"""How a debate page reads, measured in Chromium: the figures issue 13 asks for, before and after.

Builds the real site (docs/) from the browser suite's copy of the seed debate plus a real
486-post thread (the saved r/announcements response in tests/platforms/reddit, imported with
``rejoinder import``), serves it on 127.0.0.1, and opens each debate page in Debian's Chromium at
1366x900 and 390x844, in light and dark. For each it reports:

- the offset of the first card (how far down the opening post starts) and of its text;
- the page height, and the height per post;
- the argument map's height as shown (0 while folded), its closed fold's, and opened;
- the tab stops before the keyboard reaches the first card;
- the page weight (every response's body, in bytes) and the HTML alone.

The measuring is tests/browser/reading.py's, which the browser tests
(tests/browser/test_reading_first.py) use too.

Usage (needs chromium, as the browser tests do)::

    .venv/bin/python bench/reading_figures.py [--json bench/_work/reading.json]
"""

from __future__ import annotations

import argparse
import json
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
from reading import (  # noqa: E402
    PAGES,
    REAL_THREAD_POSTS,
    SCHEMES,
    VIEWPORTS,
    figures_table,
    import_real_thread,
    open_reading_page,
    read_figures,
)

LABELS = {
    "seed": "seed debate (8 posts)",
    "real-thread": f"real thread ({REAL_THREAD_POSTS} posts)",
}


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
            for debate, path in PAGES.items():
                for viewport_label, viewport in VIEWPORTS.items():
                    for scheme in SCHEMES:
                        page, weight = open_reading_page(browser, base + path, viewport, scheme)
                        figures = read_figures(page, weight)
                        page.context.close()
                        row = {"page": LABELS[debate], "viewport": viewport_label}
                        results.append({**row, "scheme": scheme, **figures})
            browser.close()
    print(figures_table(results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
