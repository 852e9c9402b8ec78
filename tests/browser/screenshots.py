"""``make screenshots``: pictures of the pages for a person to look at (not a test: nothing here
can fail on what it shows). Builds the site with the browser tests' transcripts and enough
sample debates for a pager, and writes PNGs to test-artifacts/screenshots/: each kind of page
at phone and desktop widths in both colour schemes, and a pager."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from browser_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DEBATE,
    DESKTOP,
    PHONE,
    SCREENSHOTS,
    build_site,
    copy_repo,
    sample_sources,
    served,
)

PAGES = {"debate": DEBATE, "debates-index": "debates/index.html", "format": "format.html"}
WIDTHS = {"phone": PHONE, "desktop": DESKTOP}


def main() -> int:
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rejoinder-screenshots-") as folder:
        work = Path(folder)
        site = build_site(copy_repo(work / "repo", sample_sources()), work / "html")
        with served(site) as base_url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                for kind, path in PAGES.items():
                    for width, viewport in WIDTHS.items():
                        for scheme in ("light", "dark"):
                            context = browser.new_context(
                                viewport=viewport, color_scheme=scheme, locale="en-US"
                            )
                            page = context.new_page()
                            page.goto(base_url + path)
                            page.wait_for_load_state("load")
                            target = SCREENSHOTS / f"{kind}-{width}-{scheme}.png"
                            page.screenshot(path=str(target), full_page=True)
                            context.close()
                            print(
                                target.relative_to(Path.cwd())
                                if target.is_relative_to(Path.cwd())
                                else target
                            )
                for width, viewport in WIDTHS.items():
                    context = browser.new_context(viewport=viewport, locale="en-US")
                    page = context.new_page()
                    page.goto(base_url + "debates/index/2.html")
                    page.wait_for_load_state("load")
                    page.locator(".rj-pager").scroll_into_view_if_needed()
                    target = SCREENSHOTS / f"pager-{width}-light.png"
                    page.screenshot(path=str(target))
                    context.close()
                    print(target)
            finally:
                browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
