"""The ``test-basic`` root built once: cards, links, statuses, people, claims, roles, inventory.

``alpha`` and ``beta`` (tests/roots/test-basic/sources) give, by construction:

* alpha: ``a-open`` (ann, 08:30 at UTC-7, claims ``a-cats`` and ``a-fish``), ``a-reply`` (ben,
  inferred attribution; replies to a-open, concedes a-open#a-fish), ``a-anon`` (unknown author,
  quotes a-reply), ``a-cites`` (ann, quotes the external reference ``pet-report``);
* beta: ``b-rebut`` (cy, 09:00 at UTC+2, claim ``b-loyal``; rebuts alpha:a-open#a-cats),
  ``b-follow`` (cy, replies to b-rebut).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from rj_helpers import BASIC_GENERATED, ROOTS, inventory, one, page, text, warnings_of
from sphinx.testing.util import SphinxTestApp

pytestmark = pytest.mark.sphinx


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    """test-basic, built once for the whole module (every test here only reads the output)."""
    srcdir = tmp_path_factory.mktemp("basic") / "src"
    shutil.copytree(ROOTS / "test-basic", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


@pytest.fixture(scope="module")
def alpha(site: SphinxTestApp) -> BeautifulSoup:
    return page(site, "debates/alpha.html")


@pytest.fixture(scope="module")
def beta(site: SphinxTestApp) -> BeautifulSoup:
    return page(site, "debates/beta.html")


def card(html: BeautifulSoup, post: str) -> Tag:
    return one(html, f"section#{post} > div.rejoinder-card")


def heading(html: BeautifulSoup, post: str) -> Tag:
    """The heading of a post's section: its card's header (author, time, status)."""
    return one(html, f"section#{post} > h3")


def edges(node: Tag, kind: str) -> list[tuple[str, str]]:
    """(text, href) of every ``rj-edge`` span of class ``kind`` under ``node``."""
    return [(text(span), one(span, "a")["href"]) for span in node.select(f"span.rj-edge.{kind}")]


def test_build_has_no_warnings_and_writes_every_page(site: SphinxTestApp) -> None:
    assert warnings_of(site) == []
    out = Path(site.srcdir) / "debates"
    generated = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert generated == BASIC_GENERATED
    maps = ["maps/alpha.svg", "maps/beta.svg"]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.svg")) == maps
    manifest = (out / ".rejoinder-pages").read_text(encoding="utf-8").splitlines()
    assert manifest == sorted(BASIC_GENERATED + maps)
    for name in ("debates/alpha.html", "debates/people/index.html", "essay.html", "index.html"):
        assert (Path(site.outdir) / name).is_file(), name


def test_debates_index_toctree_and_counts(site: SphinxTestApp) -> None:
    assert site.env.toctree_includes["index"] == ["essay", "debates/index"]
    # Debate and person pages are orphans, linked from their index pages, so the sidebar does
    # not grow with the corpus.
    assert site.env.toctree_includes["debates/index"] == [
        "debates/claims",
        "debates/people/index",
    ]
    assert "debates/people/index" not in site.env.toctree_includes
    for docname in ("debates/alpha", "debates/beta", "debates/people/ann"):
        assert "orphan" in site.env.metadata[docname]
    html = page(site, "debates/index.html")
    entries = html.select("div.rj-debate-entry")
    assert [one(entry, "strong a")["href"] for entry in entries] == ["alpha.html", "beta.html"]
    assert [text(one(entry, "span.rj-counts")) for entry in entries] == [
        "4 posts · 2 claims · 1 rebuttal received",
        "2 posts · 1 claim · 0 rebuttals received",
    ]


def test_cards_have_permalinks(alpha: BeautifulSoup, beta: BeautifulSoup) -> None:
    assert [div["id"] for div in alpha.select("section.rj-post-section")] == [
        "a-open",
        "a-reply",
        "a-anon",
        "a-cites",
    ]
    assert [div["id"] for div in beta.select("section.rj-post-section")] == ["b-rebut", "b-follow"]
    # Claims are anchors inside the card of their post.
    assert [div["id"] for div in card(alpha, "a-open").select("div.rj-claim")] == [
        "a-cats",
        "a-fish",
    ]
    assert [div["id"] for div in card(beta, "b-rebut").select("div.rj-claim")] == ["b-loyal"]
    for html, post in [(alpha, "a-open"), (alpha, "a-cites"), (beta, "b-follow")]:
        footer = one(card(html, post), "div.sd-card-footer")
        links = [(text(a), a["href"]) for a in footer.select("a")]
        assert links == [("permalink", f"#{post}")]


def test_reply_and_quote_links_point_at_the_right_card(
    alpha: BeautifulSoup, beta: BeautifulSoup
) -> None:
    assert edges(card(alpha, "a-reply"), "rj-edge-replies-to") == [
        (
            "Replies to → Ann Example, 2026-01-10 15:30 UTC: "
            "“Cats are better than dogs. Fish are fine too.”",
            "#a-open",
        ),
    ]
    assert edges(card(alpha, "a-open"), "rj-back-replies-to") == [
        ("Replied to by ← Ben B., 2026-01-10 16:00 UTC: “Fair point about fish.”", "#a-reply"),
    ]
    assert edges(card(alpha, "a-anon"), "rj-edge-quotes") == [
        ("Quotes → Ben B., 2026-01-10 16:00 UTC: “Fair point about fish.”", "#a-reply"),
    ]
    assert edges(card(alpha, "a-reply"), "rj-back-quotes") == [
        ("Quoted by ← unknown author, 2026-01-10 17:00 UTC: “Nobody asked about fish.”", "#a-anon"),
    ]
    # A quote of an external reference links to the reference, listed on the same page.
    assert edges(card(alpha, "a-cites"), "rj-edge-quotes") == [
        ("Quotes → The pet report", "#pet-report"),
    ]
    reference = one(alpha, "div.rj-reference#pet-report")
    assert [(text(a), a["href"]) for a in reference.select("a")] == [
        ("The pet report", "https://example.org/pet-report"),
    ]
    assert edges(card(beta, "b-follow"), "rj-edge-replies-to") == [
        ("Replies to → Cy Doe, 2026-01-11 07:00 UTC: “Dogs are loyal, cats are not.”", "#b-rebut"),
    ]
    # The concession targets the claim's own anchor.
    assert edges(card(alpha, "a-reply"), "rj-edge-concedes") == [
        ("Concedes → “Fish are fine pets.”", "#a-fish"),
    ]
    assert edges(one(alpha, "div.rj-claim#a-fish"), "rj-back-concedes") == [
        ("Conceded by ← Ben B., 2026-01-10 16:00 UTC: “Fair point about fish.”", "#a-reply"),
    ]


def test_cross_transcript_rebuttal_links_both_ways(
    alpha: BeautifulSoup, beta: BeautifulSoup
) -> None:
    claim = one(alpha, "div.rj-claim#a-cats")
    assert edges(claim, "rj-back-rebuts") == [
        (
            "Rebutted by ← Cy Doe, 2026-01-11 07:00 UTC: “Dogs are loyal, cats are not.” in Beta "
            "debate (stands: nothing rebuts it, or each rebuttal of it is answered)",
            "beta.html#b-rebut",
        ),
    ]
    # Only that claim shows it: not its sibling, not the post's own link list.
    assert alpha.select("span.rj-back-rebuts") == claim.select("span.rj-back-rebuts")
    assert edges(card(beta, "b-rebut"), "rj-edge-rebuts") == [
        ("Rebuts → “Cats are better than dogs.” in Alpha debate", "alpha.html#a-cats"),
    ]


def badge(node: Tag) -> tuple[str, list[str]]:
    found = node.select_one("span.rj-badge")
    assert found is not None
    return text(found), found["class"]


@pytest.mark.parametrize(
    ("debate", "anchor", "label", "status"),
    [
        ("alpha", "a-open", "answered", "answered"),  # its claim a-cats is challenged, not it
        ("alpha", "a-cats", "challenged (1)", "challenged"),  # b-rebut stands
        ("alpha", "a-fish", "answered", "answered"),  # conceded: a badge of its own
        ("alpha", "a-reply", "answered", "answered"),  # quoted by a-anon
        ("alpha", "a-anon", "unanswered", "unanswered"),
        ("alpha", "a-cites", "unanswered", "unanswered"),  # quoting is not being answered
        ("beta", "b-rebut", "answered", "answered"),  # replied to by b-follow
        ("beta", "b-loyal", "unanswered", "unanswered"),
        ("beta", "b-follow", "unanswered", "unanswered"),
    ],
)
def test_status_badges(
    site: SphinxTestApp, debate: str, anchor: str, label: str, status: str
) -> None:
    html = page(site, f"debates/{debate}.html")
    node = one(html, f"#{anchor}")
    if "rj-post-section" in node["class"]:
        where = one(node, ":scope > h3")  # a card's header is its section's heading
        node = one(node, "div.rejoinder-card")
    else:
        assert "rj-claim" in node["class"]
        where = one(node, ":scope > p")  # the claim line, not the list of links below it
    assert badge(where) == (label, ["rj-badge", f"rj-status-{status}"])
    assert f"rj-status-{status}" in node["class"]


def test_a_concession_names_who_conceded(alpha: BeautifulSoup) -> None:
    claim_line = one(one(alpha, "div.rj-claim#a-fish"), ":scope > p")
    assert text(one(claim_line, "span.rj-conceded")) == "conceded by Ben B."
    # Nobody conceded anything else: the other badges are the legend's and the state's.
    on_cards = alpha.select(".rejoinder-card span.rj-conceded")
    assert [text(badge) for badge in on_cards] == ["conceded by Ben B."]


def test_a_rebuttal_says_whether_it_stands(alpha: BeautifulSoup) -> None:
    line = one(one(alpha, "div.rj-claim#a-cats"), "span.rj-back-rebuts")
    assert text(one(line, "span.rj-challenge")).startswith("(stands:")


def test_times_are_utc(alpha: BeautifulSoup, beta: BeautifulSoup) -> None:
    # a-open was posted at 08:30 -07:00 and b-rebut at 09:00 +02:00.
    for html, post, stamp, shown in [
        (alpha, "a-open", "2026-01-10T15:30Z", "2026-01-10 15:30 UTC"),
        (alpha, "a-reply", "2026-01-10T16:00Z", "2026-01-10 16:00 UTC"),
        (beta, "b-rebut", "2026-01-11T07:00Z", "2026-01-11 07:00 UTC"),
    ]:
        time = one(heading(html, post), "time")
        assert (time["datetime"], time.get_text(), time["class"]) == (stamp, shown, ["rj-time"])
    facts = text(one(alpha, "div.rj-facts"))
    assert "Posted: 2026-01-10 15:30 UTC – 2026-01-10 18:00 UTC" in facts


def test_author_unknown_and_inferred(alpha: BeautifulSoup) -> None:
    anon = heading(alpha, "a-anon")
    author = one(anon, "span.rj-author")
    assert (text(author), author["class"], author.select("a")) == (
        "unknown author",
        ["rj-author", "rj-unknown"],
        [],
    )
    reply = heading(alpha, "a-reply")
    assert [(text(a), a["href"]) for a in reply.select("span.rj-author a")] == [
        ("Ben B.", "people/ben.html"),
    ]
    assert text(one(reply, "span.rj-inferred")) == "attributed (inferred)"
    provenance = one(card(alpha, "a-reply"), "details.rj-provenance")
    assert text(one(provenance, "div.sd-summary-content")) == (
        "Attribution: The copy cuts off the name; the avatar matches Ben."
    )
    opening = heading(alpha, "a-open")
    assert text(one(opening, "span.rj-handle")) == "@ann"
    assert opening.select("span.rj-inferred") == []


def person_rows(html: BeautifulSoup) -> list[tuple[str, str, str]]:
    """(badge, link text, href) of every row of the person's post list."""
    listing = one(html, "section section").find("ul")
    assert isinstance(listing, Tag)
    rows = []
    for item in listing.select("li"):
        own = item.find("p", recursive=False)
        if own is None:
            continue
        link = one(own, "a")
        rows.append((text(own.select("span.rj-badge")[0]), text(link), link["href"]))
    return rows


def rebuttal_list(html: BeautifulSoup, heading: str) -> list[list[tuple[str, str]]] | None:
    """The rows after the paragraph ``heading``, each as its links (text, href)."""
    for para in html.select("p"):
        if text(para) == heading:
            listing = para.find_next_sibling("ul")
            assert listing is not None
            return [[(text(a), a["href"]) for a in li.select("a")] for li in listing.select("li")]
    return None


def test_person_pages_list_posts_claims_and_rebuttals(site: SphinxTestApp) -> None:
    ann = page(site, "debates/people/ann.html")
    assert text(one(ann, "h1")) == "Ann Example¶"
    assert [(text(a), a["href"]) for a in ann.select("h2 a.external")] == [
        ("Alpha debate", "../alpha.html"),
    ]
    assert person_rows(ann) == [
        (
            "answered",
            "Ann Example, 2026-01-10 15:30 UTC: “Cats are better than dogs. Fish are fine too.”",
            "../alpha.html#a-open",
        ),
        ("challenged (1)", "Cats are better than dogs.", "../alpha.html#a-cats"),
        ("answered", "Fish are fine pets.", "../alpha.html#a-fish"),
        (
            "unanswered",
            "Ann Example, 2026-01-10 18:00 UTC: “See the report.”",
            "../alpha.html#a-cites",
        ),
    ]
    assert rebuttal_list(ann, "Rebuttals received:") == [
        [
            ("“Cats are better than dogs.” in Alpha debate", "../alpha.html#a-cats"),
            (
                "Cy Doe, 2026-01-11 07:00 UTC: “Dogs are loyal, cats are not.” in Beta debate",
                "../beta.html#b-rebut",
            ),
        ]
    ]
    assert rebuttal_list(ann, "Rebuttals made:") is None

    cy = page(site, "debates/people/cy.html")
    assert person_rows(cy) == [
        (
            "answered",
            "Cy Doe, 2026-01-11 07:00 UTC: “Dogs are loyal, cats are not.”",
            "../beta.html#b-rebut",
        ),
        ("unanswered", "Dogs are more loyal than cats.", "../beta.html#b-loyal"),
        ("unanswered", "Cy Doe, 2026-01-11 10:00 UTC: “And they fetch.”", "../beta.html#b-follow"),
    ]
    assert rebuttal_list(cy, "Rebuttals made:") == [
        [
            (
                "Cy Doe, 2026-01-11 07:00 UTC: “Dogs are loyal, cats are not.” in Beta debate",
                "../beta.html#b-rebut",
            ),
            ("“Cats are better than dogs.” in Alpha debate", "../alpha.html#a-cats"),
        ]
    ]
    assert rebuttal_list(cy, "Rebuttals received:") is None

    ben = page(site, "debates/people/ben.html")
    assert person_rows(ben) == [
        (
            "answered",
            "Ben B., 2026-01-10 16:00 UTC: “Fair point about fish.”",
            "../alpha.html#a-reply",
        ),
    ]
    assert rebuttal_list(ben, "Rebuttals made:") is None
    assert rebuttal_list(ben, "Rebuttals received:") is None

    index = page(site, "debates/people/index.html")
    assert [(text(a), a["href"]) for a in index.select("div.body li a")] == [
        ("Ann Example", "ann.html"),
        ("Ben B.", "ben.html"),
        ("Cy Doe", "cy.html"),
    ]


def test_person_page_nests_claims_under_their_post(site: SphinxTestApp) -> None:
    ann = page(site, "debates/people/ann.html")
    outer = one(ann, "section section").find("ul")  # the first list: posts and claims
    assert isinstance(outer, Tag)
    items = outer.find_all("li", recursive=False)
    assert len(items) == 2  # the two posts of ann
    nested = items[0].find("ul")
    assert nested is not None
    assert [a["href"] for a in nested.select("a")] == [
        "../alpha.html#a-cats",
        "../alpha.html#a-fish",
    ]


def test_claims_index_lists_every_claim_with_its_status(site: SphinxTestApp) -> None:
    html = page(site, "debates/claims.html")
    sections = html.select("section section")
    assert [text(one(section, "h2")) for section in sections] == ["Alpha debate¶", "Beta debate¶"]
    rows = []
    for section in sections:
        for item in section.select("li"):
            link = one(item, "a")
            badges = item.select("span.rj-badge")
            rows.append((text(badges[0]), text(link), link["href"], text(item)))
    assert rows == [
        (
            "challenged (1)",
            "Cats are better than dogs.",
            "alpha.html#a-cats",
            "challenged (1) Cats are better than dogs. — Ann Example",
        ),
        (
            "answered",
            "Fish are fine pets.",
            "alpha.html#a-fish",
            "answered conceded by Ben B. Fish are fine pets. — Ann Example",
        ),
        (
            "unanswered",
            "Dogs are more loyal than cats.",
            "beta.html#b-loyal",
            "unanswered Dogs are more loyal than cats. — Cy Doe",
        ),
    ]


def test_essay_roles_resolve_to_cards(site: SphinxTestApp) -> None:
    html = page(site, "essay.html")
    links = [(text(a), a["href"], a.get("title")) for a in html.select("a.rj-xref")]
    assert links == [
        (
            "Ann Example, 2026-01-10 15:30 UTC",
            "debates/alpha.html#a-open",
            "Ann Example, 2026-01-10 15:30 UTC",
        ),
        ("Cats are better than dogs.", "debates/alpha.html#a-cats", "Cats are better than dogs."),
        ("Alpha debate", "debates/alpha.html", "Alpha debate"),
        (
            "Cy Doe, 2026-01-11 07:00 UTC",
            "debates/beta.html#b-rebut",
            "Cy Doe, 2026-01-11 07:00 UTC",
        ),
        ("Cy Doe", "debates/people/cy.html", "Cy Doe"),
        ("the anonymous post", "debates/alpha.html#a-anon", "unknown author, 2026-01-10 17:00 UTC"),
    ]


def test_objects_inventory(site: SphinxTestApp) -> None:
    assert inventory(site) == {
        "rj:debate": {
            "alpha": ("debates/alpha.html", "Alpha debate"),
            "beta": ("debates/beta.html", "Beta debate"),
        },
        "rj:post": {
            "alpha:a-open": ("debates/alpha.html#a-open", "Ann Example, 2026-01-10 15:30 UTC"),
            "alpha:a-reply": ("debates/alpha.html#a-reply", "Ben B., 2026-01-10 16:00 UTC"),
            "alpha:a-anon": ("debates/alpha.html#a-anon", "unknown author, 2026-01-10 17:00 UTC"),
            "alpha:a-cites": ("debates/alpha.html#a-cites", "Ann Example, 2026-01-10 18:00 UTC"),
            "beta:b-rebut": ("debates/beta.html#b-rebut", "Cy Doe, 2026-01-11 07:00 UTC"),
            "beta:b-follow": ("debates/beta.html#b-follow", "Cy Doe, 2026-01-11 10:00 UTC"),
        },
        "rj:claim": {
            "alpha:a-open#a-cats": ("debates/alpha.html#a-cats", "Cats are better than dogs."),
            "alpha:a-open#a-fish": ("debates/alpha.html#a-fish", "Fish are fine pets."),
            "beta:b-rebut#b-loyal": ("debates/beta.html#b-loyal", "Dogs are more loyal than cats."),
        },
        "rj:person": {
            "ann": ("debates/people/ann.html", "Ann Example"),
            "ben": ("debates/people/ben.html", "Ben B."),
            "cy": ("debates/people/cy.html", "Cy Doe"),
        },
    }
