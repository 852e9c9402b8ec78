"""How the pages look: text contrast in furo's light and dark themes (switched with furo's own
toggle), and no page wider than a phone or a desktop window. (Screenshots for a person to look
at are not tests: ``make screenshots`` writes them to test-artifacts/screenshots/.)"""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import DEBATE, DESKTOP, PHONE, OpenPage

pytestmark = pytest.mark.browser

# Contrast of an element's text with what is behind it: its colour (or an SVG text's fill)
# against the first opaque background up the tree, translucent layers blended in.
CONTRAST = """selector => {
    const parse = value => {
        const m = value.match(/rgba?\\(([^)]+)\\)/);
        if (!m) return null;
        const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
        return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    };
    const over = (top, under) => top.slice(0, 3).map(
        (c, i) => c * top[3] + under[i] * (1 - top[3])).concat([1]);
    const luminance = rgb => {
        const [r, g, b] = rgb.slice(0, 3).map(v => {
            v /= 255;
            return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const results = [];
    for (const el of document.querySelectorAll(selector)) {
        if (!el.getClientRects().length) continue;
        const style = getComputedStyle(el);
        let fg = parse(el instanceof SVGElement ? style.fill : style.color);
        const layers = [];
        for (let node = el; node; node = node.parentElement) {
            const bg = parse(getComputedStyle(node).backgroundColor);
            if (bg && bg[3] > 0) layers.push(bg);
            if (bg && bg[3] >= 1) break;
        }
        let back = [255, 255, 255, 1];
        for (const layer of layers.reverse()) back = over(layer, back);
        if (fg[3] < 1) fg = over(fg, back);
        const [a, b] = [luminance(fg), luminance(back)].sort((x, y) => y - x);
        results.push({
            selector, text: (el.textContent || '').trim().slice(0, 40),
            ratio: (a + 0.05) / (b + 0.05),
            fg: style.color, fill: style.fill, back: back.map(Math.round).join(','),
        });
    }
    return results;
}"""

CHECKED = [
    ".rj-text p",
    ".rj-author a",
    ".rj-handle",
    "time.rj-time",
    ".rj-local-time",
    ".rj-badge",
    ".rj-unknown",
    ".rj-statement",
    ".rj-annotation p",
    ".rj-annotated",
    ".rj-edge-note",
    ".rj-metrics",
    ".rj-views a",
    ".rj-map-node text",
    ".rj-map-legend",
]


def switch_theme(page: Any, wanted: str) -> None:
    """Click furo's theme button (the visible one) until the body says ``wanted``."""
    toggle = page.locator(".theme-toggle:visible").first
    for _ in range(3):
        if page.evaluate("document.body.dataset.theme") == wanted:
            return
        toggle.click()
    assert page.evaluate("document.body.dataset.theme") == wanted


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_text_contrast_in_both_themes(open_page: OpenPage, theme: str) -> None:
    page = open_page(f"{DEBATE}?view=tree")
    switch_theme(page, theme)
    assert page.evaluate("localStorage.getItem('theme')") == theme
    page.locator("[id='nathan-frontier'] .rj-links .rj-edge-replies-to a").first.focus()
    page.locator(".rj-preview").wait_for(state="visible")
    page.locator(".rj-views a", has_text="Conversation").hover()
    checked = [*CHECKED, ".rj-preview p", ".rj-preview .rj-time"]
    results = [r for selector in checked for r in page.evaluate(CONTRAST, selector)]
    found = {r["selector"] for r in results}
    assert {".rj-text p", ".rj-annotated", ".rj-preview p", ".rj-map-node text"} <= found
    low = [r for r in results if r["ratio"] < 4.5]
    assert not low, "\n".join(
        f"{r['ratio']:.2f} {r['selector']} {r['text']!r} fg={r['fg']} fill={r['fill']} "
        f"on {r['back']}"
        for r in low
    )
    card = page.evaluate(
        """() => [getComputedStyle(document.querySelector('.rj-text p')).color,
                  document.body.dataset.theme]"""
    )
    assert card[1] == theme


PAGES = {"debate": DEBATE, "debates-index": "debates/index.html", "format": "format.html"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_page_scrolls_sideways(open_page: OpenPage, kind: str, width: str, scheme: str) -> None:
    viewport = PHONE if width == "phone" else DESKTOP
    page = open_page(PAGES[kind], viewport=viewport, color_scheme=scheme)
    assert page.evaluate("document.body.dataset.theme") in ("auto", scheme)
    overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0, f"{kind} scrolls sideways by {overflow}px at {viewport['width']}px"
