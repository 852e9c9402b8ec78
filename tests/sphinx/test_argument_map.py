"""The argument map: an inline SVG on each debate page whose nodes link to the cards and whose
edges are styled by kind, drawn from the same graph as the cards."""

from __future__ import annotations

import pytest
from rj_helpers import Build, CopyRoot, one, page, warnings_of

pytestmark = pytest.mark.sphinx


def test_map_is_inline_svg_linking_every_card(copy_root: CopyRoot, build: Build) -> None:
    app = build(copy_root("basic"))
    assert warnings_of(app) == []
    alpha = page(app, "debates/alpha.html")
    holder = one(alpha, "div.rj-map")
    svg = one(holder, "svg")
    # One node per post and per claim, in card order, each linking to its anchor.
    cards = [div["id"] for div in alpha.select("div.rejoinder-card, div.rj-claim")]
    assert [a["href"] for a in svg.select("a.rj-map-node")] == [f"#{card}" for card in cards]
    # Edges by kind: a-reply replies to a-open and concedes a-fish; beta's rebuttal of a-cats
    # is drawn on beta's map, as a stub naming alpha.
    kinds = sorted(
        {cls for path in svg.select("path.rj-map-edge") for cls in path["class"]} - {"rj-map-edge"}
    )
    assert {"rj-map-replies-to", "rj-map-concedes"} <= set(kinds)
    beta_svg = one(one(page(app, "debates/beta.html"), "div.rj-map"), "svg")
    stubs = [text.get_text() for text in beta_svg.select("text.rj-map-stub")]
    assert stubs == ["→ alpha"]
    # No image fallback was left behind, and no script can be in it.
    assert alpha.select("div.rj-map img") == []
    assert svg.select("script") == []


def test_contributor_text_is_escaped_in_the_map(copy_root: CopyRoot, build: Build) -> None:
    srcdir = copy_root("basic")
    alpha = srcdir / "sources" / "alpha.yaml"
    content = alpha.read_text(encoding="utf-8")
    alpha.write_text(
        content.replace(
            "statement: Cats are better than dogs.",
            'statement: "<script>alert(1)</script> & <b>bold</b>"',
        ),
        encoding="utf-8",
    )
    app = build(srcdir)
    assert warnings_of(app) == []
    svg = one(one(page(app, "debates/alpha.html"), "div.rj-map"), "svg")
    assert svg.select("script") == [] and svg.select("b") == []
    node = one(svg, 'a.rj-map-node[href="#a-cats"]')
    assert node.select_one("text").get_text() == "<script>alert(1)</script> & <b>bold</b>"
