"""Cards built from data (issue 12): the generated pages carry each card as a tree, the
extension writes it straight to HTML, and that HTML is what docutils' own writer gives for the
same tree as nodes. A hand-written page embeds a card; other builders get the cards as text;
the search index has their words; a bad tree is a located warning, never markup."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

from bs4 import Tag
from docutils import nodes
from rejoinder.sphinx import cards
from rj_helpers import Build, CopyRoot, page, text, warnings_of
from sphinx.testing.util import SphinxTestApp
from sphinx.util.docutils import register_node

REPO = Path(__file__).resolve().parents[2]


def crowded_thread(replies: int, people: int) -> str:
    """An opening post answered by ``replies`` posts, in reverse order of their ids, by
    ``people`` participants."""
    participants = "".join(f"  person-{n:02d}:\n    name: Person {n:02d}\n" for n in range(people))
    posts = "".join(
        f"  - id: reply-{n:02d}\n    author: person-{n % people:02d}\n"
        f"    posted: 2026-02-01T{10 + (replies - n) % 12:02d}:{n:02d}:00Z\n"
        f"    replies_to: opening\n    text: Reply number {n}.\n"
        for n in range(replies)
    )
    return (
        "id: crowded\ntitle: A crowded thread\nsummary: Many replies.\n"
        "sources:\n  - title: A forum\nparticipants:\n" + participants + "posts:\n"
        "  - id: opening\n    author: person-00\n    posted: 2026-02-01T09:00:00Z\n"
        "    text: The opening post.\n" + posts
    )


def trees_of_pages(out_dir: Path) -> list[Any]:
    """Every tree the generated pages carry (rj-card and rj-block bodies)."""
    found = []
    for path in sorted(out_dir.rglob("*.md")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if line.startswith("```{rj-card} "):
                found.append(json.loads(lines[number + 1])["tree"])
            elif line == "```{rj-block}":
                found += json.loads(lines[number + 1])
    return found


def translator(app: SphinxTestApp, content: list[nodes.Node]) -> Any:
    """Sphinx's HTML translator, as the builder sets it up, for a document of ``content``."""
    document = app.env.get_doctree("index")
    document.children = []
    document.extend(content)
    document.settings = app.builder.docsettings  # type: ignore[attr-defined]
    return app.builder.create_translator(document, app.builder)


def docutils_html(app: SphinxTestApp, tree: Any) -> str:
    """The HTML Sphinx's own translator writes for the nodes of ``tree``."""
    visitor = translator(app, [cards.to_nodes(tree, cards.links_of(app.config, ""))])
    # The build registered the extension's nodes with docutils and its clean-up took them
    # back; docutils' own visitors (the simple-list check) must know them while writing.
    # (sphinx.testing takes them back again when the test ends.)
    for node in (cards.DetailsNode, cards.LineBreak, cards.TimeNode):
        register_node(node)
    visitor.document.walkabout(visitor)
    return "".join(visitor.body)


def direct_html(app: SphinxTestApp, tree: Any) -> str:
    out: list[str] = []
    cards._write(tree, out, translator(app, []).encode, cards.links_of(app.config, ""))
    return "".join(out)


def test_direct_html_is_what_docutils_writes_for_the_same_nodes(
    copy_root: CopyRoot, build: Build
) -> None:
    srcdir = copy_root("basic")
    # the seed debate, the test transcripts, and a real imported thread
    for folder in (REPO / "tests" / "browser" / "sources", REPO / "tests" / "good"):
        for path in folder.glob("*.yaml"):
            shutil.copy(path, srcdir / "sources" / path.name)
    (srcdir / "sources" / "crowded.yaml").write_text(crowded_thread(9, 14), encoding="utf-8")
    app = build(srcdir)
    assert warnings_of(app) == []
    trees = trees_of_pages(srcdir / "debates")
    assert len(trees) > 50
    for tree in trees:
        assert direct_html(app, tree) == docutils_html(app, tree), tree


def test_a_card_is_one_node_with_its_words_for_the_search_index(
    copy_root: CopyRoot, build: Build
) -> None:
    srcdir = copy_root("basic")
    app = build(srcdir)
    doctree = app.env.get_doctree("debates/alpha")
    held = list(doctree.findall(cards.TreeNode))
    posts = 4
    # one node per card, and one per run of other blocks (the lede, the state of the debate,
    # the folded blocks, the order switch, the references); each holds only its words
    assert len(held) == posts + 5
    assert all(len(node.children) == 1 for node in held)
    assert all(isinstance(node[0], nodes.Text) for node in held)
    # what a search index reads of the page: the card's words ("Fair point about fish.")
    assert any("Fair point about fish." in node.astext() for node in held)


def test_a_hand_written_page_embeds_a_card(copy_root: CopyRoot, build: Build) -> None:
    srcdir = copy_root("basic")
    essay = srcdir / "essay.md"
    essay.write_text(
        essay.read_text(encoding="utf-8")
        + "\n```{rj-card} alpha:a-reply\n:class: featured\n```\n"
        + "\n```{rj-card} alpha:no-such-post\n```\n",
        encoding="utf-8",
    )
    app = build(srcdir)
    warnings = warnings_of(app)
    assert len(warnings) == 1
    assert "essay.md:" in warnings[0]
    assert "rj-card: card alpha:no-such-post not shown (no such post)" in warnings[0]
    assert warnings[0].endswith("[rejoinder.card]")
    html = page(app, "essay.html")
    (card,) = html.select("div.rejoinder-card.featured")
    assert card.get("id") is None  # the debate page holds that id already
    assert "Fair point about fish." in text(card)
    hrefs = {link["href"] for link in card.select("a[href]")}
    # links lead to the debate's page, from the essay's folder
    assert "debates/alpha.html#a-reply" in hrefs  # the permalink
    assert "debates/people/ben.html" in hrefs
    assert "debates/alpha.html#a-open" in hrefs  # replies to

    # The card follows its debate: editing the post re-reads the essay.
    alpha = srcdir / "sources" / "alpha.yaml"
    alpha.write_text(
        alpha.read_text(encoding="utf-8").replace(
            "text: Fair point about fish.", "text: A fairer point about fish."
        ),
        encoding="utf-8",
    )
    read: list[str] = []
    again = build(srcdir, freshenv=False, read=read)
    assert "essay" in read
    (card,) = page(again, "essay.html").select("div.rejoinder-card.featured")
    assert "A fairer point about fish." in text(card)


def test_a_bad_tree_is_a_located_warning_and_shows_nothing(
    copy_root: CopyRoot, build: Build
) -> None:
    srcdir = copy_root("basic")
    essay = srcdir / "essay.md"
    bad = [
        '[["a",{"href":"javascript:alert(1)"},["click"]]]',
        '[["script",{},["alert(1)"]]]',
        '[["div",{"class":"x\\" onclick=\\"alert(1)"},["quoted"]]]',
        '[["div",{"id":"Not An Id"},["spaced"]]]',
        "not json at all",
        '["div",{},' * 100 + '"deep"' + "]" * 100,  # a tree too deep to walk
        "[" * 100_000 + "]" * 100_000,  # JSON too deep to read
    ]
    essay.write_text(
        essay.read_text(encoding="utf-8")
        + "".join(f"\n```{{rj-block}}\n{body}\n```\n" for body in bad),
        encoding="utf-8",
    )
    app = build(srcdir)
    warnings = warnings_of(app)
    assert len(warnings) == len(bad)
    assert all("essay.md:" in line and line.endswith("[rejoinder.card]") for line in warnings)
    body = str(page(app, "essay.html").select_one("div.body"))
    assert "The opening post is" in body
    for word in ("javascript:", "<script", "onclick", "click", "quoted", "spaced", "deep"):
        assert word not in body


def test_other_builders_get_the_cards_as_text(copy_root: CopyRoot, make_app: Any) -> None:
    srcdir = copy_root("basic")
    app = make_app("text", srcdir=srcdir, freshenv=True, warningiserror=False)
    app.build()
    alpha = (Path(app.outdir) / "debates" / "alpha.txt").read_text(encoding="utf-8")
    # the text builder fills paragraphs: a line break of the text becomes a space (the words
    # do not run together); the folded provenance is shown with its title; times in UTC
    assert "Cats are better than dogs. Fish are fine too." in alpha
    assert "How this was transcribed" in alpha
    assert "The copy cuts off the name; the avatar matches Ben." in alpha
    assert "2026-01-10 16:00 UTC" in alpha


def when(line: str) -> str:
    """The UTC time a link's label gives."""
    found = re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", line)
    assert found is not None, line
    return found.group()


def test_long_lists_are_folded_and_backlinks_come_in_time_order(
    copy_root: CopyRoot, build: Build
) -> None:
    srcdir = copy_root("basic")
    (srcdir / "sources" / "crowded.yaml").write_text(crowded_thread(9, 14), encoding="utf-8")
    app = build(srcdir)
    assert warnings_of(app) == []
    html = page(app, "debates/crowded.html")
    links = html.select_one("[id='opening'] .rj-links")
    assert links is not None
    shown = [text(line) for line in links.select(":scope > ul > li > p > .rj-back-replies-to")]
    times = [when(line) for line in shown]
    assert len(shown) == 5 and times == sorted(times)  # the first five replies, oldest first
    (more,) = links.select("details.rj-more")
    assert text(more.select_one("summary")) == "and 4 more replies"
    folded = [when(text(line)) for line in more.select(".rj-back-replies-to")]
    assert len(folded) == 4 and folded == sorted(folded) and folded[0] > times[-1]
    facts = html.select_one(".rj-facts")
    assert facts is not None
    (people,) = facts.select("details.rj-more")
    assert text(people.select_one("summary")) == "and 2 more participants"
    assert len(people.select("a")) == 2


def test_the_page_explains_the_badges_it_shows(copy_root: CopyRoot, build: Build) -> None:
    srcdir = copy_root("basic")
    app = build(srcdir)
    alpha = page(app, "debates/alpha.html")

    def kinds(badges: list[Tag]) -> list[str]:
        return [
            name
            for badge in badges
            for name in badge["class"]
            if name.startswith("rj-status-") or name == "rj-conceded"
        ]

    on_cards = set(kinds(alpha.select(".rj-post-section .rj-badge")))
    legend = alpha.select_one(".rj-legend")
    assert legend is not None
    explained = kinds(legend.select(".rj-badge"))
    assert sorted(explained) == sorted(on_cards)  # each badge shown, once, and no other
    assert {"rj-status-challenged", "rj-conceded"} <= on_cards
    rows = {text(row) for row in legend.select("li")}
    assert any(row.startswith("challenged (n) n posts rebut it and stand") for row in rows)
    assert any(row.startswith("conceded by X X, who posted the concession") for row in rows)
    # ... and says how a status is reached.
    assert "each “Rebutted by” line says whether that rebuttal stands" in text(legend)


def test_reference_keys_in_notes_link_to_the_references_list(
    copy_root: CopyRoot, build: Build
) -> None:
    srcdir = copy_root("basic")
    alpha = srcdir / "sources" / "alpha.yaml"
    alpha.write_text(
        alpha.read_text(encoding="utf-8")
        .replace(
            "  pet-report:\n",
            "  report:\n    title: A plain-word key\n    kind: other\n  pet-report:\n",
        )
        .replace(
            "    text: See the report.\n",
            "    text: See the report.\n"
            "    annotations:\n"
            "      - by: Editors\n"
            "        note: >-\n"
            "          See the reference pet-report (not pet-reports, nor the report), and the\n"
            "          reference report.\n",
        ),
        encoding="utf-8",
    )
    app = build(srcdir)
    assert warnings_of(app) == []
    html = page(app, "debates/alpha.html")
    note = html.select_one("[id='a-cites'] .rj-annotation")
    assert note is not None
    assert [(text(a), a["href"]) for a in note.select("a")] == [
        ("pet-report", "#pet-report"),
        ("report", "#report"),  # a plain word links only right after "reference"
    ]
    # The words are exactly as written; the entries the links name are on the page.
    assert (
        "See the reference pet-report (not pet-reports, nor the report), and the reference "
        "report." in text(note)
    )
    assert html.select_one("[id='References'] div.rj-reference#pet-report") is not None
    assert html.select_one("[id='References'] div.rj-reference#report") is not None
