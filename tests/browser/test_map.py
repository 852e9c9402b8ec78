"""The argument map in a real browser: focusing or hovering a box traces its neighbourhood,
the map is one tab stop (arrow keys move inside it), a phone shows every argument arc without
sideways scrolling and with legible text, dark mode colours the boxes, and without JavaScript
the map is whole and every box is a link of its own."""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import DEBATE, PHONE, OpenPage

pytestmark = pytest.mark.browser

MAP = ".rj-map svg.rj-map-svg"
NODES = f"{MAP} a.rj-map-node"
TRACED = "#soares-not-good-guys"  # a claim rebutted, supported and conceded around


def show_map(page: Any) -> None:
    """Open the fold the map may sit in (closed by default), and bring it into view."""
    page.evaluate(
        """() => { const map = document.querySelector('.rj-map');
                   const fold = map.closest('details'); if (fold) fold.open = true;
                   map.scrollIntoView(); }"""
    )


def neighbourhood(page: Any, href: str) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(
        """([sel, href]) => {
            const svg = document.querySelector(sel);
            const arcs = [...svg.querySelectorAll('[data-from]')];
            // A post is traced with its claims, a claim with its post.
            const box = svg.querySelector(`a.rj-map-node[href="${href}"]`);
            const own = new Set([href, ...[...svg.querySelectorAll(
                `a.rj-map-node[data-post="${href}"]`)].map(c => c.getAttribute('href'))]);
            const mine = arcs.filter(a => own.has(a.dataset.from) || own.has(a.dataset.to));
            const ends = new Set([...own, box.dataset.post,
                                  ...mine.flatMap(a => [a.dataset.from, a.dataset.to])]);
            const opacity = el => Number(getComputedStyle(el).opacity);
            const nodes = [...svg.querySelectorAll('a.rj-map-node')];
            return {
                tracing: svg.classList.contains('rj-map-tracing'),
                arcs: mine.length,
                litArcs: arcs.filter(a => a.classList.contains('rj-map-lit')).length,
                mineOpaque: mine.every(a => opacity(a) === 1),
                othersFaint: arcs.filter(a => !mine.includes(a)).every(a => opacity(a) < 0.5),
                litNodes: nodes.filter(n => n.classList.contains('rj-map-lit'))
                               .map(n => n.getAttribute('href')).sort(),
                ends: [...ends].filter(Boolean).sort(),
                faintNodes: nodes.filter(n => !ends.has(n.getAttribute('href')))
                                 .every(n => opacity(n) < 0.5),
            };
        }""",
        [MAP, href],
    )
    return result


def test_focusing_a_box_traces_its_neighbourhood(open_page: OpenPage) -> None:
    page = open_page(DEBATE, reduced_motion="reduce")
    show_map(page)
    page.locator(f"{NODES}[href='{TRACED}']").focus()
    traced = neighbourhood(page, TRACED)
    assert traced["tracing"] and traced["arcs"] >= 4
    assert traced["litArcs"] == traced["arcs"], "exactly the box's own arcs are lit"
    assert traced["litNodes"] == traced["ends"], "and the boxes at their other ends"
    assert traced["mineOpaque"] and traced["othersFaint"] and traced["faintNodes"]
    # Hovering another box traces that one instead; leaving the map returns to the focus.
    other = page.locator(f"{NODES}").first
    other.hover()
    first = neighbourhood(page, other.get_attribute("href"))
    assert first["litNodes"] == first["ends"] and first["litArcs"] == first["arcs"]
    page.mouse.move(2, 2)
    assert neighbourhood(page, TRACED)["litNodes"] == traced["ends"]
    page.keyboard.press("Tab")  # leaving the map ends the tracing
    assert not neighbourhood(page, TRACED)["tracing"]
    # A post is traced with its claims: Scott's post lights the arcs of the claims it makes.
    page.locator(f"{NODES}[href='#scott-chips']").focus()
    post = neighbourhood(page, "#scott-chips")
    assert post["litArcs"] == post["arcs"] >= 5 and post["litNodes"] == post["ends"]
    assert "#soares-no-coordination" in post["litNodes"]


def test_the_map_is_one_tab_stop_with_arrow_keys_inside(open_page: OpenPage) -> None:
    page = open_page(DEBATE)
    show_map(page)
    hrefs = page.locator(NODES).evaluate_all("ns => ns.map(n => n.getAttribute('href'))")
    stops = page.locator(NODES).evaluate_all(
        "ns => ns.filter(n => n.getAttribute('tabindex') !== '-1').length"
    )
    assert len(hrefs) > 20 and stops == 1
    active = "() => document.activeElement.getAttribute('href')"
    # Tab from the control before the map lands on its first box, and one more Tab leaves it.
    page.locator(NODES).first.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate(active) == hrefs[0]
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.evaluate(active) == hrefs[2]
    page.keyboard.press("ArrowUp")
    assert page.evaluate(active) == hrefs[1]
    page.keyboard.press("End")
    assert page.evaluate(active) == hrefs[-1]
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")
    assert page.evaluate(active) == hrefs[1]
    page.keyboard.press("Tab")
    assert not page.evaluate("() => !!document.activeElement.closest('.rj-map')")
    page.keyboard.press("Shift+Tab")  # back in: on the box last used, not the first
    assert page.evaluate(active) == hrefs[1]
    page.keyboard.press("Enter")
    page.wait_for_function("h => location.hash === h", arg=hrefs[1])
    assert page.evaluate("() => document.querySelector(':target')?.id") == hrefs[1][1:]


def test_without_javascript_the_map_is_whole(open_page: OpenPage) -> None:
    page = open_page(DEBATE, java_script_enabled=False)
    assert page.locator(NODES).count() > 20
    assert page.locator(f"{NODES}[tabindex]").count() == 0, "every box keeps its own tab stop"
    assert page.locator(f"{MAP} path.rj-map-edge.rj-map-rebuts[data-from]").count() >= 5
    assert page.locator(f"{MAP} .rj-map-key").count() == 1


def test_phone_shows_the_argument_arcs_without_sideways_scrolling(open_page: OpenPage) -> None:
    page = open_page(DEBATE, viewport=PHONE)
    show_map(page)
    facts = page.evaluate(
        """sel => {
            const svg = document.querySelector(sel);
            const box = svg.getBoundingClientRect();
            const column = svg.parentElement.getBoundingClientRect();
            const arcs = [...svg.querySelectorAll('path.rj-map-edge')].map(
                p => p.getBoundingClientRect());
            const texts = [...svg.querySelectorAll('a.rj-map-node text, .rj-map-legend')];
            return {
                overflow: document.documentElement.scrollWidth - innerWidth,
                svgRight: box.right, columnRight: column.right, width: innerWidth,
                arcsRight: Math.max(...arcs.map(r => r.right)),
                arcsLeft: Math.min(...arcs.map(r => r.left)),
                smallestText: Math.min(...texts.map(
                    t => parseFloat(getComputedStyle(t).fontSize) * box.width /
                         svg.viewBox.baseVal.width)),
                scrolls: svg.parentElement.scrollWidth > svg.parentElement.clientWidth,
            };
        }""",
        MAP,
    )
    assert facts["overflow"] <= 0, facts
    assert not facts["scrolls"], "the map's own box scrolls sideways"
    assert facts["svgRight"] <= facts["columnRight"] + 0.5 <= facts["width"]
    assert facts["arcsLeft"] >= 0 and facts["arcsRight"] <= facts["width"], facts
    assert facts["smallestText"] >= 10, f"text shrinks to {facts['smallestText']:.1f}px"


LUMINANCE = """([fill, text]) => {
    const rgb = value => value.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
    const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const [a, b] = [lum(fill), lum(text)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
}"""


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_box_colours_follow_the_theme_and_keep_text_legible(
    open_page: OpenPage, theme: str
) -> None:
    page = open_page(DEBATE, color_scheme=theme)
    show_map(page)
    assert page.evaluate("document.body.dataset.theme") in ("auto", theme)
    seen = page.evaluate(
        """sel => [...document.querySelectorAll(sel + ' a.rj-map-node')].map(a => ({
            classes: a.getAttribute('class'),
            fill: getComputedStyle(a.querySelector('rect')).fill,
            text: getComputedStyle(a.querySelector('text')).fill,
        }))""",
        MAP,
    )
    by_status: dict[str, set[str]] = {}
    for box in seen:
        status = next(c for c in box["classes"].split() if c.startswith("rj-status-"))
        by_status.setdefault(status, set()).add(box["fill"])
        ratio = page.evaluate(LUMINANCE, [box["fill"], box["text"]])
        assert ratio >= 4.5, f"{ratio:.2f}: {box}"
    assert {"rj-status-challenged", "rj-status-answered", "rj-status-unanswered"} <= set(by_status)
    fills = [next(iter(f)) for f in by_status.values()]
    assert len(set(fills)) == len(fills), f"two statuses share a colour: {by_status}"
    dark = page.evaluate(LUMINANCE, [fills[0], "rgb(0, 0, 0)"]) < 3
    assert dark == (theme == "dark"), f"box colour {fills[0]} in the {theme} theme"
