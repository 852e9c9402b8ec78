"""The argument map: an inline SVG on each debate page whose boxes link to the cards, in time
order, with short labels, status classes, the legend first, one traceable arc per edge, and
the chatter of a long thread folded so that the map grows with the argument, not the thread.

The Sphinx builds check the map as the page holds it; the rest write real transcripts, run the
generator (as a build does) and read the SVG files it writes."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

import pytest
from bs4 import Tag
from rejoinder.argument_map import COMPACT_HEIGHT, GAP
from rejoinder.cli.main import main
from rejoinder.corpus import check_file
from rejoinder.generate import generate
from rejoinder.render import MAP_FOLDER
from rj_helpers import Build, CopyRoot, one, page, warnings_of

pytestmark = pytest.mark.sphinx

SVG = "{http://www.w3.org/2000/svg}"
REDDIT = (
    Path(__file__).resolve().parents[1]
    / "platforms"
    / "reddit"
    / "comments-IAmA-57dw9a-d8r4im1-context100.json"
)


# -- in the built page -------------------------------------------------------------------------


def test_map_is_inline_svg_linking_every_card(copy_root: CopyRoot, build: Build) -> None:
    app = build(copy_root("basic"))
    assert warnings_of(app) == []
    alpha = page(app, "debates/alpha.html")
    holder = one(alpha, "div.rj-map")
    svg = one(holder, "svg")
    # One box per post and per claim (alpha's posts are in time order), each linking to its
    # anchor; the two last posts only reply and quote, and are compact rows.
    hrefs = [a["href"] for a in svg.select("a.rj-map-node")]
    assert hrefs == ["#a-open", "#a-cats", "#a-fish", "#a-reply", "#a-anon", "#a-cites"]
    ids = [element["id"] for element in alpha.select("[id]")]
    assert [href for href in hrefs if href[1:] in ids] == hrefs, "each box leads to its card"
    assert [a["href"] for a in svg.select("a.rj-map-reply")] == ["#a-anon", "#a-cites"]
    # Edges by kind: a-reply replies to a-open and concedes a-fish; beta's rebuttal of a-cats
    # is drawn on beta's map, as a stub naming alpha.
    kinds = {cls for path in svg.select("path.rj-map-edge[data-from]") for cls in path["class"]}
    assert {"rj-map-replies-to", "rj-map-concedes"} <= kinds
    beta_svg = one(one(page(app, "debates/beta.html"), "div.rj-map"), "svg")
    stubs = [text.get_text() for text in beta_svg.select("text.rj-map-stub")]
    assert stubs == ["→ alpha"]
    # No image fallback was left behind, and no script can be in it.
    assert alpha.select("div.rj-map img") == []
    assert svg.select("script") == []
    # The page loads the map's script, deferred.
    assert alpha.select('script[src*="_static/rejoinder-map.js"][defer]')


def test_contributor_text_is_escaped_in_the_map(copy_root: CopyRoot, build: Build) -> None:
    srcdir = copy_root("basic")
    alpha = srcdir / "sources" / "alpha.yaml"
    content = alpha.read_text(encoding="utf-8")
    alpha.write_text(
        content.replace(
            "statement: Cats are better than dogs.",
            'statement: "<script>alert(1)</script> & <b>bold</b>"\n'
            '        short: "<img src=x onerror=alert(1)> & co"',
        ),
        encoding="utf-8",
    )
    app = build(srcdir)
    assert warnings_of(app) == []
    svg = one(one(page(app, "debates/alpha.html"), "div.rj-map"), "svg")
    assert svg.select("script") == [] and svg.select("b") == [] and svg.select("img") == []
    node = one(svg, 'a.rj-map-node[href="#a-cats"]')
    assert label(node.select("tspan")) == "<img src=x onerror=alert(1)> & co"
    assert one(node, "title").get_text() == "Claim: <script>alert(1)</script> & <b>bold</b>"


# -- the SVG the generator writes --------------------------------------------------------------


def label(spans: Iterable[Tag]) -> str:
    return " ".join(span.get_text() for span in spans)


def transcript(posts: str, debate: str = "d", people: tuple[str, ...] = ("ann", "ben")) -> str:
    participants = "".join(f"  {key}:\n    name: {key.title()}\n" for key in people)
    return (
        f"id: {debate}\ntitle: A debate\nsummary: For the map.\n"
        "sources:\n  - title: Written for the tests\n"
        f"participants:\n{participants}posts:\n{posts}"
    )


def post(
    id_: str, author: str, posted: str | None, text: str, *extra: str, claims: str = ""
) -> str:
    lines = [f"  - id: {id_}", f"    author: {author}"]
    if posted:
        lines.append(f"    posted: {posted}")
    lines.append(f"    text: {text}")
    lines += [f"    {line}" for line in extra]
    return "\n".join(lines) + "\n" + claims


def map_svg(tmp_path: Path, *texts: str, debate: str = "d") -> str:
    sources = tmp_path / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    for number, text in enumerate(texts):
        (sources / f"t{number}.yaml").write_text(text, encoding="utf-8")
    result = generate(sources, tmp_path / "out")
    assert result.ok, [str(problem) for problem in result.problems]
    return (tmp_path / "out" / MAP_FOLDER / f"{debate}.svg").read_text(encoding="utf-8")


def boxes(svg: str) -> list[ET.Element]:
    return list(ET.fromstring(svg).iter(f"{SVG}a"))


def box(svg: str, href: str) -> ET.Element:
    (found,) = [a for a in boxes(svg) if a.get("href") == href]
    return found


def box_label(element: ET.Element) -> str:
    return " ".join(span.text or "" for span in element.iter(f"{SVG}tspan"))


def height(svg: str) -> int:
    return int(ET.fromstring(svg).get("height") or 0)


def test_posts_in_time_order_and_the_title_says_so(tmp_path: Path) -> None:
    def claim(id_: str) -> str:  # posts that argue are never folded
        return f"    claims:\n      - id: {id_}-c\n        statement: Claim of {id_}.\n"

    posts = (
        post("late", "ann", "2026-01-01T12:00:00Z", "Late.", claims=claim("late"))
        + post("unknown", "ben", None, "No time, after late.", claims=claim("unknown"))
        + post("early", "ben", "2026-01-01T09:00:00+01:00", "08:00 UTC.", claims=claim("early"))
        + post("middle", "ann", "2026-01-01T10:00:00Z", "Middle.", claims=claim("middle"))
        + post("same", "ann", "2026-01-01T10:00:00Z", "Same time.", claims=claim("same"))
    )
    svg = map_svg(tmp_path, transcript(posts))
    order = ["early", "middle", "same", "late", "unknown"]
    assert [a.get("href") for a in boxes(svg)] == [f"#{p}{c}" for p in order for c in ("", "-c")]
    title = ET.fromstring(svg).find(f"{SVG}title")
    assert title is not None and title.text
    assert "in the order they were posted, earliest first" in title.text
    assert "a post whose time is unknown follows the post before it in the transcript" in (
        title.text
    )


LONG = (
    "Anthropic encourages an AI race without acknowledging that global coordination is "
    "possible, and says so in public."
)


def test_labels_are_short_titles_or_cut_statements_and_first_words(tmp_path: Path) -> None:
    claims = (
        "    claims:\n"
        "      - id: with-short\n"
        f"        statement: {LONG}\n"
        "        short: Anthropic fuels the race\n"
        "      - id: without-short\n"
        f"        statement: {LONG}\n"
        "      - id: brief\n"
        "        statement: Short enough.\n"
    )
    posts = post(
        "opening",
        "unknown",
        "2026-01-01T10:00:00Z",
        "We’re going to argue about a race now.",
        claims=claims,
    )
    svg = map_svg(tmp_path, transcript(posts))
    assert box_label(box(svg, "#with-short")) == "Anthropic fuels the race"
    cut = box_label(box(svg, "#without-short"))
    assert cut.endswith("…") and len(cut) < len(LONG)
    assert LONG.startswith(cut.removesuffix("…")), "cut at a word boundary, not mid-word"
    assert LONG[len(cut.removesuffix("…"))] == " "
    assert box_label(box(svg, "#brief")) == "Short enough."
    for anchor in ("#with-short", "#without-short"):  # the full statement stays the tooltip
        assert box(svg, anchor).findtext(f"{SVG}title") == f"Claim: {LONG}"
    opening = box_label(box(svg, "#opening"))
    assert opening.startswith("unknown author: “We’re going to")
    assert "2026" not in opening


def test_a_short_title_is_one_line_of_at_most_80_characters(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    claims = (
        "    claims:\n      - id: c\n        statement: A claim.\n"
        f"        short: {'x' * 81}\n"
        "      - id: e\n        statement: Another.\n"
        "        short: |\n          two\n          lines\n"
    )
    path.write_text(transcript(post("p", "ann", None, "Text.", claims=claims)), encoding="utf-8")
    problems = [problem.format() for problem in check_file(path).problems]
    assert any(
        ":18:16:" in text and "posts[0].claims[0].short is 81 characters long, over 80" in text
        for text in problems
    ), problems
    assert any(
        ":21:16:" in text and "claims[1].short: single-line field holds a line break" in text
        for text in problems
    ), problems


def test_boxes_carry_their_status_and_the_legend_comes_first(tmp_path: Path) -> None:
    def claim(id_: str, statement: str, *edges: str) -> str:
        lines = [f"      - id: {id_}", f"        statement: {statement}"]
        if edges:
            lines.append("        arguments:")
            lines += [f"          - {edge}" for edge in edges]
        return "\n".join(lines) + "\n"

    posts = (
        post(
            "p1",
            "ann",
            "2026-01-01T10:00:00Z",
            "One.",
            claims="    claims:\n"
            + claim("lone", "Nobody answers this.")
            + claim("hit", "This is rebutted, and the rebuttal stands.")
            + claim("saved", "This is rebutted, but the rebuttal is rebutted."),
        )
        + post(
            "p2",
            "ben",
            "2026-01-01T11:00:00Z",
            "Two.",
            claims="    claims:\n"
            + claim("stands", "A rebuttal nobody answers.", "rebuts: p1#hit")
            + claim("falls", "A rebuttal that is itself rebutted.", "rebuts: p1#saved")
            + claim("loop-a", "In a circle.", "rebuts: p2#loop-b")
            + claim("loop-b", "In a circle too.", "rebuts: p2#loop-a"),
        )
        + post(
            "p3",
            "ann",
            "2026-01-01T12:00:00Z",
            "Three.",
            "replies_to: p2",
            "arguments:",
            "  - rebuts: p2#falls",
            "  - concedes: p2#stands",
        )
    )
    svg = map_svg(tmp_path, transcript(posts))

    def classes(href: str) -> set[str]:
        return set((box(svg, href).get("class") or "").split())

    assert "rj-status-unanswered" in classes("#lone")
    assert "rj-status-challenged" in classes("#hit")
    assert "rj-status-challenge-answered" in classes("#saved")
    assert "rj-status-undecided" in classes("#loop-a") & classes("#loop-b")
    assert "rj-status-answered" in classes("#p2")
    # Conceded by someone else: a class and a second border, not colour alone.
    assert "rj-map-conceded" in classes("#stands")
    assert box(svg, "#stands").find(f"{SVG}rect[@class='rj-map-conceded-mark']") is not None
    assert "rj-map-conceded" not in classes("#falls")
    # The legend comes before any box or arc and names every colour and every kind of arc.
    root = ET.fromstring(svg)
    drawn = [child for child in root if child.tag not in (f"{SVG}title", f"{SVG}defs")]
    assert drawn[0].get("class") == "rj-map-key"
    key = " ".join(text for text in drawn[0].itertext())
    for name in (
        "unanswered",
        "answered",
        "challenged",
        "challenges all answered",
        "undecided",
        "conceded",
        "rebuts",
        "supports",
        "concedes",
        "qualifies",
        "questions",
        "replies to",
        "quotes",
    ):
        assert name in key
    swatches = {c for g in drawn[0].iter(f"{SVG}g") for c in (g.get("class") or "").split()}
    assert {
        "rj-status-unanswered",
        "rj-status-answered",
        "rj-status-challenged",
        "rj-status-challenge-answered",
        "rj-status-undecided",
    } <= swatches


def arcs(svg: str) -> list[ET.Element]:
    return [path for path in ET.fromstring(svg).iter(f"{SVG}path") if path.get("data-from")]


def test_each_edge_is_its_own_traceable_arc(tmp_path: Path) -> None:
    """Two rebuttals and a support of one claim: three arcs, each with its kind, its ends
    named for tracing, its own lane (the vertical stretch) and its own port on the box."""
    claims = "    claims:\n      - id: target\n        statement: The claim.\n"
    posts = (
        post("p1", "ann", "2026-01-01T10:00:00Z", "One.", claims=claims)
        + post(
            "p2",
            "ben",
            "2026-01-01T11:00:00Z",
            "Two.",
            "replies_to: p1",
            "arguments:",
            "  - rebuts: p1#target",
        )
        + post(
            "p3",
            "ann",
            "2026-01-01T12:00:00Z",
            "Three.",
            "replies_to: p2",
            "arguments:",
            "  - supports: p1#target",
        )
        + post(
            "p4",
            "ben",
            "2026-01-01T13:00:00Z",
            "Four.",
            "quotes: p1",
            "arguments:",
            "  - rebuts: p1#target",
        )
    )
    svg = map_svg(tmp_path, transcript(posts))
    found = arcs(svg)
    ends = sorted((path.get("class"), path.get("data-from"), path.get("data-to")) for path in found)
    assert ends == [
        ("rj-map-edge rj-map-quotes", "#p4", "#p1"),
        ("rj-map-edge rj-map-rebuts", "#p2", "#target"),
        ("rj-map-edge rj-map-rebuts", "#p4", "#target"),
        ("rj-map-edge rj-map-replies-to", "#p2", "#p1"),
        ("rj-map-edge rj-map-replies-to", "#p3", "#p2"),
        ("rj-map-edge rj-map-supports", "#p3", "#target"),
    ]
    into_target = [path for path in found if path.get("data-to") == "#target"]
    lanes = {re.search(r"H([\d.]+) V", path.get("d") or "").group(1) for path in into_target}  # type: ignore[union-attr]
    ports = {(path.get("d") or "").split("V")[1].split()[0] for path in into_target}
    assert len(lanes) == 3 and len(ports) == 3
    assert {path.get("marker-end") for path in into_target} == {
        "url(#rj_end_rebuts)",
        "url(#rj_end_supports)",
    }


def test_chatter_is_folded_into_runs(tmp_path: Path) -> None:
    """Posts with no claim and no argument edge: alone they are compact rows, three or more
    in a row become one "N replies" row linking to the first; arcs from the folded posts
    become one arc from the row."""
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

    def at(minutes: int) -> str:
        return (start + dt.timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")

    claims = "    claims:\n      - id: c\n        statement: A claim.\n"
    posts = post("open", "ann", at(0), "Opening.", claims=claims)
    posts += "".join(
        post(f"r{n}", "ben" if n % 2 else "ann", at(n), f"Reply {n}.", "replies_to: open")
        for n in range(1, 6)
    )
    posts += f"  - id: gone\n    author: unknown\n    posted: {at(6)}\n    status: deleted\n"
    posts += "    replies_to: open\n"
    posts += post(
        "arg", "ben", at(10), "An argument.", "replies_to: r3", "arguments:", "  - rebuts: open#c"
    )
    posts += post("lone", "ann", at(11), "One reply.", "replies_to: arg")
    posts += f"  - id: gone2\n    author: unknown\n    posted: {at(12)}\n    status: removed\n"
    posts += "    replies_to: arg\n"
    svg = map_svg(tmp_path, transcript(posts))
    assert [a.get("href") for a in boxes(svg)] == [
        "#open",
        "#c",
        "#r1",
        "#arg",
        "#lone",
        "#gone2",
    ]
    run = box(svg, "#r1")
    assert "rj-map-replies" in (run.get("class") or "")
    assert box_label(run) == "6 replies: Ben, Ann, unknown author"
    assert (run.findtext(f"{SVG}title") or "").splitlines()[1:] == [
        *(f"{'Ben' if n % 2 else 'Ann'}: “Reply {n}.”" for n in range(1, 6)),
        "Deleted by its author: unknown author",
    ]
    assert "rj-map-reply" in (box(svg, "#lone").get("class") or "").split()
    assert box_label(box(svg, "#lone")) == "Ann: “One reply.”"
    gone = box(svg, "#gone2")  # a run of two stays as compact rows; a placeholder says so
    assert {"rj-map-reply", "rj-map-placeholder"} <= set((gone.get("class") or "").split())
    assert box_label(gone) == "Removed: unknown author"
    assert (gone.findtext(f"{SVG}title") or "").startswith(
        "Removed by moderators or the platform: unknown author"
    )
    replies = [
        (p.get("data-from"), p.get("data-to"))
        for p in arcs(svg)
        if "replies-to" in (p.get("class") or "")
    ]
    assert sorted(replies) == [
        ("#arg", "#r1"),
        ("#gone2", "#arg"),
        ("#lone", "#arg"),
        ("#r1", "#open"),
    ]
    (folded,) = [p for p in arcs(svg) if p.get("data-from") == "#r1"]
    assert "(6 edges)" in (folded.findtext(f"{SVG}title") or "")


def thousand_posts(argument_every: int = 40, total: int = 1000) -> str:
    """A generated thread: every ``argument_every``-th post makes a claim rebutting the last
    one; the rest reply, some with no time."""
    start = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    parts = []
    last_claim = None
    for n in range(total):
        posted = (
            None
            if n % 97 == 5
            else (start + dt.timedelta(minutes=n)).strftime("%Y-%m-%dT%H:%M:%SZ")
        )
        if n % argument_every == 0:
            edge = (
                f"\n        arguments:\n          - rebuts: p{last_claim}#c{last_claim}"
                if (last_claim is not None)
                else ""
            )
            claims = f"    claims:\n      - id: c{n}\n        statement: Claim {n} is made.{edge}\n"
            parts.append(
                post(
                    f"p{n}",
                    ("ann", "ben", "cy")[n % 3],
                    posted,
                    f"Post {n}.",
                    *(["replies_to: p0"] if n else []),
                    claims=claims,
                )
            )
            last_claim = n
        else:
            parts.append(
                post(
                    f"p{n}",
                    ("ann", "ben", "cy")[n % 3],
                    posted,
                    f"Post {n}.",
                    f"replies_to: p{n - 1}",
                )
            )
    return transcript("".join(parts), debate="d", people=("ann", "ben", "cy"))


def test_height_grows_with_the_argument_not_the_thread(tmp_path: Path) -> None:
    """Measured: 3 posts, the real 146-post Reddit thread (imported), 1,000 generated posts.
    The 1,000-post map is as tall as its 25 arguing posts and their claims plus one row per
    run of chatter between them."""
    small = map_svg(
        tmp_path / "small",
        transcript(
            post(
                "a",
                "ann",
                "2026-01-01T10:00:00Z",
                "One.",
                claims="    claims:\n      - id: c\n        statement: A claim.\n",
            )
            + post(
                "b",
                "ben",
                "2026-01-01T11:00:00Z",
                "Two.",
                "replies_to: a",
                "arguments:",
                "  - rebuts: a#c",
            )
            + post("x", "ann", "2026-01-01T12:00:00Z", "Three.", "replies_to: b")
        ),
    )
    (tmp_path / "reddit").mkdir()
    imported = tmp_path / "reddit" / "x.yaml"
    assert main(["import", "reddit", str(REDDIT), "--id", "x", "-o", str(imported)]) == 0
    reddit = map_svg(tmp_path / "reddit", imported.read_text(encoding="utf-8"), debate="x")
    big = map_svg(tmp_path / "big", thousand_posts())
    only_arguments = map_svg(tmp_path / "argue", thousand_posts(argument_every=1, total=25))
    measured = {3: height(small), 146: height(reddit), 1000: height(big)}
    print("map heights by posts:", measured)  # shown with -s; see the report
    assert len(boxes(reddit)) == 2, "the opening post and one run of 145 replies"
    assert len(boxes(big)) == 25 * 2 + 25  # arguing posts, their claims, the runs between
    runs = 25
    assert height(big) == height(only_arguments) + runs * (COMPACT_HEIGHT + GAP)
    assert measured[1000] < 4000 and measured[146] < 400 and measured[3] < 400


def test_same_input_same_bytes(tmp_path: Path) -> None:
    text = thousand_posts(total=200)
    assert map_svg(tmp_path / "one", text) == map_svg(tmp_path / "two", text)


def test_the_map_is_well_formed_with_hostile_text(tmp_path: Path) -> None:
    hostile = '"<svg onload=alert(1)>&amp; ]]> <!-- x'
    claims = (
        "    claims:\n      - id: c\n"
        f"        statement: '{hostile}'\n        short: '{hostile} short'\n"
    )
    posts = post("p", "ann", None, f"'{hostile}'", claims=claims)
    svg = map_svg(tmp_path, transcript(posts))
    root = ET.fromstring(svg)  # well-formed: nothing broke out
    assert not [e for e in root.iter() if e.tag.endswith(("script", "svg")) and e is not root]
    assert box_label(box(svg, "#c")).startswith(hostile)
    assert all(not name.startswith("on") for e in root.iter() for name in e.attrib)
