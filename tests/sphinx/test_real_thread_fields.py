"""What real threads hold, on the page: posts the platform no longer shows, media with their
alt text, link-post titles, links beside quotes, scores, languages, edits, platform ids,
coverage, the source's platform and API, account ids, and claims restated in many posts.

The site is built strictly (warnings are errors, nitpicky) from the two transcripts of
:mod:`real_thread` (a real Reddit chain with synthetic posts added, and a debate restating one
of its claims), written into a temporary copy of the ``test-fidelity`` root.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from real_thread import (
    ALT,
    BAD_LANGUAGE,
    CAPTURED,
    DELETED_NOTE,
    HOSTILE_NOTE,
    LINK_TITLE,
    WITHHELD_NOTE,
    bone_zone,
    elsewhere,
    real_posts,
)
from rj_helpers import ROOTS, exact_soup, one, text, warnings_of
from sphinx.testing.util import SphinxTestApp
from test_text_fidelity import ACTIVE_TAGS, NASTY, allowed, expected, shown_text, texts

pytestmark = pytest.mark.sphinx


def write_site(base: Path, transcripts: list[dict[str, Any]]) -> Path:
    srcdir = base / "src"
    shutil.copytree(ROOTS / "test-fidelity", srcdir)
    (srcdir / "sources").mkdir()
    for transcript in transcripts:
        (srcdir / "sources" / f"{transcript['id']}.yaml").write_text(
            yaml.safe_dump(transcript, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return srcdir


def strict_build(srcdir: Path) -> SphinxTestApp:
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True, confoverrides={"nitpicky": True})
    try:
        app.build()
    finally:
        app.cleanup()
    return app


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return strict_build(write_site(tmp_path_factory.mktemp("real"), [bone_zone(), elsewhere()]))


@pytest.fixture(scope="module")
def debate(site: SphinxTestApp) -> BeautifulSoup:
    return exact_soup(Path(site.outdir) / "debates" / "bone-zone.html")


def card(html: BeautifulSoup, post: str) -> Tag:
    return one(html, f"section#{post} > div.rejoinder-card")


def card_text(html: BeautifulSoup, post: str) -> str:
    return shown_text(one(one(card(html, post), "div.rj-text"), "p"))


# -- the whole site ----------------------------------------------------------------------------


def test_strict_build_has_no_warnings(site: SphinxTestApp) -> None:
    assert warnings_of(site) == []


def test_real_texts_are_shown_exactly(debate: BeautifulSoup) -> None:
    _, posts, _ = real_posts()
    for post in posts:
        if "text" in post:
            assert card_text(debate, post["id"]) == post["text"].rstrip("\n"), post["id"]
    # Reddit's page shows the body's HTML, where a browser shows two spaces as one.
    assert card_text(debate, "r-d8r79x6") == (
        "Too many weird, wild things to count. The most surreal was hearing back from "
        "@midnight which I love."
    )


def test_nothing_active_and_every_external_link_is_user_content(debate: BeautifulSoup) -> None:
    for node in debate.select("section.rj-post-section"):
        assert node.find_all(ACTIVE_TAGS) == [], node["id"]  # no image embedded, no script
        for element in node.find_all(True):
            assert not [name for name in element.attrs if name.lower().startswith("on")]
        for anchor in node.select("a[href]"):
            href = str(anchor["href"])
            assert not href.lower().startswith(("javascript:", "data:", "vbscript:"))
            if href.startswith(("http://", "https://")):
                assert {"ugc", "nofollow"} <= set(anchor.get_attribute_list("rel")), anchor


# -- posts not shown ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("post", "state", "says"),
    [
        ("r-d8r9gyy", "deleted", f"Deleted by its author: {DELETED_NOTE}\nNo text was captured."),
        ("r-d8ra666", "deleted", f"Deleted by its author: {DELETED_NOTE}\nNo text was captured."),
        ("s-withheld", "withheld", f"Withheld: {WITHHELD_NOTE}\nNo text was captured."),
        (
            "s-removed",
            "removed",
            "Removed by moderators or the platform: Removed by the subreddit's moderators.\n"
            "Its text below is as last captured.",
        ),
        ("s-blocked", "blocked", "Blocked on the platform\nNo text was captured."),
        (
            "s-not-found",
            "not-found",
            f"Not found on the platform: {HOSTILE_NOTE}\nNo text was captured.",
        ),
    ],
)
def test_posts_not_shown_have_a_placeholder(
    debate: BeautifulSoup, post: str, state: str, says: str
) -> None:
    node = card(debate, post)
    assert f"rj-state-{state}" in node["class"]
    assert shown_text(one(node, "div.rj-placeholder p")) == says
    if post == "s-removed":
        assert card_text(debate, post) == "Words as last captured."
    else:
        assert node.select("div.rj-text") == []


def test_what_is_known_of_a_deleted_post_stays(debate: BeautifulSoup) -> None:
    """Time, edit, score and platform id of a deleted comment; its author is unknown."""
    header = text(one(debate, "section#r-d8ra666 > h3"))
    assert header.startswith("unknown author · 2016-10-14 03:28 UTC · edited 2016-10-15 03:47 UTC")
    footer = text(one(card(debate, "r-d8ra666"), "div.sd-card-footer"))
    assert footer.startswith(f"score 30 (as shown; captured {CAPTURED})")
    assert "Platform id: t1_d8ra666" in text(one(card(debate, "r-d8ra666"), ".rj-provenance"))


def test_shown_posts_have_no_placeholder_and_disappeared_ones_say_so(debate: BeautifulSoup) -> None:
    assert card(debate, "r-d8rbpal").select("div.rj-placeholder, div.rj-disappeared") == []
    for post in ("s-removed", "s-gone"):
        notice = text(one(card(debate, post), "div.rj-disappeared"))
        assert notice == "No longer in the thread as of 2016-12-19; shown as last captured."
    assert card_text(debate, "s-gone") == "Still shown as last captured."


# -- media, titles, links, metrics, languages, edits -------------------------------------------


def test_media_are_listed_with_alt_text_exactly_and_never_embedded(debate: BeautifulSoup) -> None:
    node = card(debate, "s-image")
    media = one(node, "div.rj-media")
    items = media.select("li")
    assert len(items) == 2
    assert shown_text(one(items[0], "span.rj-alt")) == ALT
    assert shown_text(one(items[0], "span.rj-media-note")) == "A chart of\nsearch interest."
    image_link = one(items[0], "a")
    assert image_link["href"] == "https://i.example.org/chart.png"
    assert image_link.get_text() == "open the image"
    assert text(items[1]) == "Video · no alt text given · no address shown"
    assert node.select("img, video, audio, iframe, object, embed, source") == []
    assert node.select("div.rj-text") == []  # a post of media alone
    assert node.select("div.rj-placeholder") == []


def test_link_post_title_heads_the_card(debate: BeautifulSoup) -> None:
    root = card(debate, "r-57dw9a")
    _, _, link = real_posts()
    assert one(root, "span.rj-post-title").get_text() == link["title"]
    assert one(card(debate, "s-quote-links"), "span.rj-post-title").get_text() == LINK_TITLE
    # The title comes before the text.
    body = str(root)
    assert body.index("rj-post-title") < body.index("rj-text")


def test_quote_and_links_together(debate: BeautifulSoup) -> None:
    node = card(debate, "s-quote-links")
    quotes = one(node, "span.rj-edge-quotes")
    assert one(quotes, "a")["href"] == "#r-d8r79x6"
    links = one(node, "span.rj-edge-links")
    assert text(links) == (
        "Links: Represent.com/bonezone (represent.com), "
        "http://i.imgur.com/GdMsMZ9.jpg (i.imgur.com)"
    )
    assert [a["href"] for a in links.select("a")] == [
        "#represent",
        "https://represent.com/bonezone/",
        "#imgur",
        "http://i.imgur.com/GdMsMZ9.jpg",
    ]
    assert {"ugc", "nofollow"} <= set(links.select("a")[1].get_attribute_list("rel"))
    # The references section holds the entries the links point to.
    for key in ("represent", "imgur"):
        assert one(debate, f"div.rj-reference#{key}")


def test_new_counts_are_in_the_footer(debate: BeautifulSoup) -> None:
    _, _, link = real_posts()
    root = text(one(card(debate, "r-57dw9a"), "div.sd-card-footer"))
    assert root.startswith(
        f"score {link['score']}, {link['ups']} upvotes (as shown; captured {CAPTURED})"
    )
    image = text(one(card(debate, "s-image"), "div.sd-card-footer"))
    assert image.startswith(f"412 points, 3 downvotes (as shown; captured {CAPTURED})")


def test_one_safe_language_becomes_lang_others_stay_text(debate: BeautifulSoup) -> None:
    def lang(post: str) -> str | None:
        value = one(card(debate, post), "div.rj-text").get("lang")
        return value if isinstance(value, str) else None

    assert lang("r-57dw9a") == "en"
    assert lang("s-quote-links") == "pt-br"
    assert lang("s-two-languages") is None
    assert lang("s-bad-language") is None
    provenance = one(card(debate, "s-bad-language"), ".rj-provenance")
    assert f"Languages as given: {BAD_LANGUAGE}" in provenance.get_text()
    assert "Languages as given: en, de" in text(
        one(card(debate, "s-two-languages"), ".rj-provenance")
    )


def test_edits_are_shown(debate: BeautifulSoup) -> None:
    edited = one(debate, "section#r-d8rbpal > h3 span.rj-edited")
    assert text(edited) == "edited 2016-10-14 04:16 UTC"
    assert one(edited, "time")["datetime"] == "2016-10-14T04:16Z"
    assert text(one(debate, "section#s-quote-links > h3 span.rj-edited")) == "edited"
    gone = card(debate, "s-gone")
    assert text(one(debate, "section#s-gone > h3 span.rj-edited")) == "edited 2016-10-14 06:00 UTC"
    assert "Edit marker as shown: (edited)" in text(one(gone, ".rj-provenance"))
    assert debate.select("section#r-d8r9iip span.rj-edited") == []


# -- the debate's facts and the indexes ----------------------------------------------------------


def test_coverage_and_source_facts(debate: BeautifulSoup) -> None:
    facts = one(debate, "div.rj-facts")
    coverage = one(facts, "span.rj-coverage")
    posts = len(bone_zone()["posts"])
    assert shown_text(coverage) == (
        f"Coverage: Partial: {posts} posts of 16697 replies the platform counts; selection: "
        "One chain of replies\n  from the comment permalink of d8r4im1.; "
        "2 posts left out on purpose"
    )
    source = [item for item in facts.select("li") if text(item).startswith("Source:")]
    assert len(source) == 1
    assert text(source[0]).endswith(
        f"(Reddit), captured {CAPTURED}; platform: Reddit; read from Reddit /comments/<id>.json; "
        "thread: t3_57dw9a"
    )


def test_complete_coverage(site: SphinxTestApp) -> None:
    other = exact_soup(Path(site.outdir) / "debates" / "elsewhere.html")
    assert text(one(other, "span.rj-coverage")) == "Coverage: Complete thread"


def test_debates_index_says_a_copy_is_partial(site: SphinxTestApp) -> None:
    index = exact_soup(Path(site.outdir) / "debates" / "index.html")
    entries = {text(one(entry, "strong")): entry for entry in index.select("div.rj-debate-entry")}
    posts = len(bone_zone()["posts"])
    partial = one(entries["Ken Bone's AMA: the Comcast question"], "span.rj-coverage")
    assert text(partial) == f"Partial: {posts} posts of 16697 replies the platform counts"
    assert entries["Elsewhere"].select("span.rj-coverage") == []


def test_person_page_shows_the_account_id(site: SphinxTestApp) -> None:
    person = exact_soup(Path(site.outdir) / "debates" / "people" / "u-stangibson18.html")
    assert "Account id: StanGibson18" in [text(item) for item in person.select("li")]


# -- restated claims -----------------------------------------------------------------------------


def test_restating_claim_links_its_original(debate: BeautifulSoup) -> None:
    restates = one(one(debate, "div.rj-claim#comcast-spokesperson"), "span.rj-restates")
    assert text(restates) == (
        "Restates → “The host of @midnight works for Comcast.” (u/bathroomstalin)"
    )
    assert one(restates, "a")["href"] == "#comcast-host"
    # A chain: the claim names the claim it restates, not the chain's first.
    again = one(one(debate, "div.rj-claim#comcast-again"), "span.rj-restates")
    assert one(again, "a")["href"] == "#comcast-spokesperson"


def test_original_claim_lists_its_restatements_folded(debate: BeautifulSoup) -> None:
    original = one(debate, "div.rj-claim#comcast-host")
    folded = one(original, "details.rj-restated")
    assert text(one(folded, "summary")) == "Restated in 4 posts"
    assert [a["href"] for a in folded.select("a")] == [
        "#comcast-spokesperson",
        "#comcast-again",
        "elsewhere.html#again",
        "elsewhere.html#said",
    ]
    assert (
        text(folded.select("a")[2])
        == "@echo, 2016-10-15 10:00 UTC: “Hardwick? Comcast's man.” in Elsewhere"
    )
    # Only originals say so.
    assert debate.select("div.rj-claim#comcast-spokesperson details.rj-restated") == []


def test_claims_index_lists_a_claim_once_with_its_restatements(site: SphinxTestApp) -> None:
    claims = exact_soup(Path(site.outdir) / "debates" / "claims.html")
    top = [row for row in claims.select("div.body li") if row.find_parent("li") is None]
    statements = [text(row.select("a")[0]) for row in top]
    assert statements == ["The host of @midnight works for Comcast."]
    nested = [a["href"] for item in top[0].find_all("li") for a in item.find_all("a")]
    assert nested == [
        "bone-zone.html#comcast-spokesperson",
        "bone-zone.html#comcast-again",
        "elsewhere.html#again",
        "elsewhere.html#said",
    ]
    assert "(also made in 4 posts)" in text(top[0])
    # A debate whose claims all restate others has no section of its own.
    headings = [text(h).rstrip("¶") for h in claims.select("h2")]
    assert headings == ["Ken Bone's AMA: the Comcast question"]


# -- the argument map ----------------------------------------------------------------------------


def test_map_marks_placeholders_and_never_says_none(debate: BeautifulSoup) -> None:
    svg = one(one(debate, "div.rj-map"), "svg")
    # The placeholders carry no claim: they are folded into a run of replies, whose tooltip
    # names each post as its card does.
    run = one(svg, 'a.rj-map-folded[href="#r-d8r9gyy"]')
    listed = one(run, "title").get_text().splitlines()[1:]
    assert [line for line in listed if not line.startswith(("u/", "Synthetic poster: “"))] == [
        "Deleted by its author: unknown author",
        "Deleted by its author: unknown author",
        "Synthetic poster: media only (image, video)",
        "Withheld: unknown author",
        "Removed by moderators or the platform: Synthetic poster",
        "Blocked on the platform: unknown author",
        "Not found on the platform: unknown author",
    ]
    titles = [one(a, "title").get_text() for a in svg.select("a.rj-map-node")]
    assert "None" not in " ".join(titles)


def test_references_say_which_posts_link_them(debate: BeautifulSoup) -> None:
    represent = one(debate, "div.rj-reference#represent")
    linked = one(represent, "span.rj-linked-from")
    assert [a["href"] for a in linked.select("a")] == ["#r-57dw9a", "#s-quote-links"]
    imgur = one(debate, "div.rj-reference#imgur")
    linked = [a["href"] for a in one(imgur, "span.rj-linked-from").select("a")]
    assert linked == ["#s-quote-links", "#s-bare-card"]


def test_links_to_a_post_not_shown_say_so(debate: BeautifulSoup) -> None:
    replies = one(card(debate, "r-d8rbpal"), "div.rj-links")
    # in time order
    assert [text(a) for a in replies.select("span.rj-back-replies-to a")] == [
        "Synthetic poster, 2016-10-14 05:00 UTC",  # a post shown is named as before
        "unknown author, 2016-10-14 05:01 UTC (withheld)",
        "Synthetic poster, 2016-10-14 05:02 UTC (removed): “Words as last captured.”",
    ]


# -- text fidelity of the new text fields ------------------------------------------------------

# What a one-line field may not hold (model.LINE_PATTERN): line breaks, tabs, controls, bidi.
NOT_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def as_line(value: str) -> str:
    """``value`` as a valid one-line field (a title): forbidden characters become spaces."""
    line = NOT_IN_LINE.sub(" ", value)
    return line if line.strip() else "x"


def fields_transcript(values: list[str]) -> dict[str, Any]:
    """One post per value: withheld with the value as its note, carrying an image with the
    value as its alt text and a title made of it."""
    return {
        "id": "fields",
        "title": "Fields",
        "summary": "Generated alt texts, status notes and titles.",
        "sources": [{"title": "Generated"}],
        "posts": [
            {
                "id": f"p{number}",
                "author": "unknown",
                "status": "withheld",
                "status_note": value,
                "title": as_line(value),
                "media": [{"kind": "image", "alt": value, "url": "https://example.org/i.png"}],
            }
            for number, value in enumerate(values)
        ],
    }


@settings(
    max_examples=3,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
)
@given(values=st.lists(texts, min_size=10, max_size=30))
@example(values=NASTY)
def test_alt_texts_notes_and_titles_are_shown_exactly_and_safely(
    tmp_path_factory: pytest.TempPathFactory, values: list[str]
) -> None:
    assert all(allowed(value) for value in values)
    app = strict_build(write_site(tmp_path_factory.mktemp("fields"), [fields_transcript(values)]))
    assert warnings_of(app) == []
    html = exact_soup(Path(app.outdir) / "debates" / "fields.html")
    cards = html.select("section.rj-post-section")
    assert [node["id"] for node in cards] == [f"p{number}" for number in range(len(values))]
    for node, value in zip(cards, values, strict=True):
        assert shown_text(one(node, "span.rj-placeholder-note")) == expected(value), node["id"]
        assert shown_text(one(node, "span.rj-alt")) == expected(value), node["id"]
        assert one(node, "span.rj-post-title").get_text() == as_line(value), node["id"]
        assert node.find_all(ACTIVE_TAGS) == []
        for element in node.find_all(True):
            assert not [name for name in element.attrs if name.lower().startswith("on")]
            href = element.get("href")
            if isinstance(href, str):
                assert href.startswith(("#", "https://example.org/", "http", "../", "people/"))
                assert not href.strip().lower().startswith("javascript:")


def test_a_bare_quote_or_link_card_shows_what_it_points_at(debate: BeautifulSoup) -> None:
    quote = card(debate, "s-bare-quote")
    assert one(quote, "span.rj-edge-quotes a")["href"] == "#r-d8r79x6"
    link_card = card(debate, "s-bare-card")
    assert [a["href"] for a in link_card.select("span.rj-edge-links a")] == [
        "#imgur",
        "http://i.imgur.com/GdMsMZ9.jpg",
    ]
    for node in (quote, link_card):
        assert node.select("div.rj-text, div.rj-placeholder, div.rj-media") == [], node["id"]
    svg = one(one(debate, "div.rj-map"), "svg")
    listed = one(svg, 'a.rj-map-folded[href="#s-two-languages"] title').get_text().splitlines()
    assert "Synthetic poster: quotes a post" in listed
    assert "Synthetic poster: a link card" in listed
