"""Listing pages (debates, claims, people, a person's posts) are split into bounded pages.

The page sizes are lowered for these tests so that a corpus of a few debates spans several
pages; the production sizes are the same constants, read at rendering time.
"""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from rejoinder import render
from rj_helpers import ROOTS, Build, inventory, page, text, warnings_of

pytestmark = pytest.mark.sphinx

# Seven debates; the ids run against the calendar so that date order is visible.
DEBATES = ["topic-g", "topic-f", "topic-e", "topic-d", "topic-c", "topic-b", "topic-a"]
WITHOUT_CLAIMS = "topic-d"


def transcript(debate: str, day: int) -> str:
    own = f"p{day}"
    claims = (
        ""
        if debate == WITHOUT_CLAIMS
        else f"""    claims:
      - id: c{day}
        statement: Claim number {day}.
"""
    )
    return f"""id: {debate}
title: Debate {debate}
summary: Debate number {day}.
sources:
  - title: A page
participants:
  sam:
    name: Sam Shared
  {own}:
    name: Person {day}
posts:
  - id: open-{day}
    author: sam
    posted: 2026-02-{day:02d}T10:00:00Z
    text: Opening {day}.
{claims}  - id: reply-{day}
    author: {own}
    posted: 2026-02-{day:02d}T11:00:00Z
    replies_to: open-{day}
    text: Reply {day}.
"""


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "DEBATES_PER_LIST_PAGE", 3)
    monkeypatch.setattr(render, "DEBATES_PER_CLAIMS_PAGE", 2)
    monkeypatch.setattr(render, "DEBATES_PER_PERSON_PAGE", 2)
    monkeypatch.setattr(render, "PEOPLE_PER_LIST_PAGE", 4)


def make_site(tmp_path: Path, debates: list[str]) -> Path:
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    for name in ("conf.py", "docutils.conf", "index.md", "essay.md"):
        shutil.copy(ROOTS / "test-basic" / name, srcdir / name)
    (srcdir / "essay.md").write_text("# Essay\n\nNo citations here.\n", encoding="utf-8")
    sources = srcdir / "sources"
    sources.mkdir()
    for day, debate in enumerate(debates, start=1):
        (sources / f"{debate}.yaml").write_text(transcript(debate, day), encoding="utf-8")
    return srcdir


def follow(outdir: Path, start: str) -> list[tuple[str, BeautifulSoup]]:
    """The pages of a listing, from its first page along the "Next page" links."""
    pages = []
    name: str | None = start
    while name is not None:
        html = BeautifulSoup((outdir / name).read_text(encoding="utf-8"), "html.parser")
        pages.append((name, html))
        next_links = [a for a in html.select("div.rj-pager a") if text(a) == "Next page →"]
        assert len(next_links) <= 1
        name = resolve(outdir, name, next_links[0]["href"]) if next_links else None
    return pages


def resolve(outdir: Path, name: str, href: str) -> str:
    """The output path ``href`` points at from page ``name``, checked to exist (and its
    anchor, if any, to be an element id there)."""
    path, _, anchor = href.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(name), path))
    assert (outdir / target).is_file(), f"{name}: {href} -> {target} does not exist"
    if anchor:
        html = BeautifulSoup((outdir / target).read_text(encoding="utf-8"), "html.parser")
        assert html.find(id=anchor) is not None, f"{name}: {href}: no #{anchor}"
    return target


def body_links(html: BeautifulSoup, selector: str) -> list[str]:
    return [str(a["href"]) for a in html.select(selector)]


@pytest.mark.usefixtures("small_pages")
def test_listings_continue_on_numbered_pages(tmp_path: Path, build: Build) -> None:
    srcdir = make_site(tmp_path, DEBATES)
    app = build(srcdir)
    assert warnings_of(app) == []
    outdir = Path(app.outdir)
    by_date = DEBATES  # written in date order

    # Debates: 3 + 3 + 1, in date order, every entry linking its page.
    pages = follow(outdir, "debates/index.html")
    assert [name for name, _ in pages] == [
        "debates/index.html",
        "debates/index/2.html",
        "debates/index/3.html",
    ]
    assert [text(html.select_one("h1")).rstrip("¶") for _, html in pages] == [
        "Debates",
        "Debates, page 2",
        "Debates, page 3",
    ]
    listed = []
    for name, html in pages:
        for href in body_links(html, "div.rj-debate-entry a"):
            listed.append(resolve(outdir, name, href))
    assert listed == [f"debates/{debate}.html" for debate in by_date]
    # The first page links every page; each page links back to the one before it.
    first = pages[0][1]
    assert [text(a) for a in first.select("div.rj-pager a")] == ["Next page →", "1", "2", "3"]
    for number, (name, html) in enumerate(pages[1:], start=1):
        previous = [a for a in html.select("div.rj-pager a") if text(a) == "← Previous page"]
        assert resolve(outdir, name, str(previous[0]["href"])) == pages[number - 1][0]
        assert text(html.select_one("div.rj-pager .rj-page-number")) == f"Page {number + 1}"

    # Claims: the six debates with claims, two per page; every claim link reaches its card.
    pages = follow(outdir, "debates/claims.html")
    assert len(pages) == 3
    claims = []
    for name, html in pages:
        for href in body_links(html, "div.body li a"):
            claims.append(resolve(outdir, name, href))
    assert claims == [f"debates/{debate}.html" for debate in by_date if debate != WITHOUT_CLAIMS]
    assert [text(h2).rstrip("¶") for h2 in pages[1][1].select("h2")] == [
        "Debate topic-e",
        "Debate topic-c",
    ]

    # A person in all seven debates: two debates per page, each post linked once.
    pages = follow(outdir, "debates/people/sam.html")
    assert [name for name, _ in pages] == [
        "debates/people/sam.html",
        "debates/people/sam/2.html",
        "debates/people/sam/3.html",
        "debates/people/sam/4.html",
    ]
    assert text(pages[3][1].select_one("h1")).rstrip("¶") == "Sam Shared, page 4"
    posts = []
    for name, html in pages:
        for href in body_links(html, "div.body li a"):
            target = resolve(outdir, name, href)
            if "#open-" in href:
                posts.append(target + "#" + href.partition("#")[2])
    assert posts == [
        f"debates/{debate}.html#open-{day}" for day, debate in enumerate(by_date, start=1)
    ]
    # Only the first page carries the person's facts.
    assert "Sam Shared" in text(pages[0][1].select_one("div.body ul"))
    assert "Name:" not in text(pages[1][1].select_one("div.body"))

    # People: eight, four per page, sorted by key.
    pages = follow(outdir, "debates/people/index.html")
    people = []
    for name, html in pages:
        people += [resolve(outdir, name, href) for href in body_links(html, "div.body li a")]
    assert people == [f"debates/people/p{day}.html" for day in range(1, 8)] + [
        "debates/people/sam.html"
    ]

    # Continuation pages are reached through the pager, not the table of contents; the
    # person objects are the people, not their continuation pages.
    included = {doc for docs in app.env.toctree_includes.values() for doc in docs}
    assert "debates/claims" in included
    assert not {"debates/claims/2", "debates/index/2", "debates/people/index/2"} & included
    assert sorted(inventory(app)["rj:person"]) == [f"p{day}" for day in range(1, 8)] + ["sam"]


@pytest.mark.usefixtures("small_pages")
def test_a_debate_added_at_the_end_changes_only_the_last_pages(
    tmp_path: Path, build: Build
) -> None:
    srcdir = make_site(tmp_path, DEBATES)
    assert warnings_of(build(srcdir)) == []

    (srcdir / "sources" / "topic-h.yaml").write_text(transcript("topic-h", 8), encoding="utf-8")
    read: list[str] = []
    written: list[str] = []
    app = build(srcdir, freshenv=False, read=read, written=written)
    assert warnings_of(app) == []
    assert sorted(read) == [
        # The count of debates and the list of pages on each first page; the last page of
        # the debates list; claims gain a fourth page, linked from the third.
        "debates/claims",
        "debates/claims/3",
        "debates/claims/4",
        "debates/index",
        "debates/index/3",
        # Sam's fourth page gains the debate; p8 is new, and sorts before sam in the people
        # index, which moves sam to a new third page (and "8 debates" next to sam).
        "debates/people/index",
        "debates/people/index/2",
        "debates/people/index/3",
        "debates/people/p8",
        "debates/people/sam/4",
        "debates/topic-h",
    ]
    # Not the earlier debates, nor the full pages before the last of each listing. Sphinx
    # also rewrites the root index, whose toctree holds the re-read debates/index.
    assert sorted(written) == sorted([*read, "index"])
    last = page(app, "debates/people/sam/4.html")
    assert [text(h2).rstrip("¶") for h2 in last.select("h2")] == [
        "Debate topic-a",
        "Debate topic-h",
    ]


@pytest.mark.usefixtures("small_pages")
def test_a_shrinking_listing_loses_its_pages_and_their_html(tmp_path: Path, build: Build) -> None:
    srcdir = make_site(tmp_path, DEBATES)
    assert warnings_of(build(srcdir)) == []

    for debate in DEBATES[3:]:
        (srcdir / "sources" / f"{debate}.yaml").unlink()
    app = build(srcdir, freshenv=False)
    assert warnings_of(app) == []
    outdir = Path(app.outdir)
    assert [name for name, _ in follow(outdir, "debates/index.html")] == ["debates/index.html"]
    for gone in ("index/2", "index/3", "claims/3", "people/sam/3", "people/sam/4"):
        assert not (srcdir / "debates" / f"{gone}.md").exists()
    assert not (outdir / "debates" / "index" / "2.html").exists()
    assert not (outdir / "debates" / "people" / "sam" / "3.html").exists()
    # The folders of removed continuation pages go too (sam keeps page 2: two debates).
    assert not (srcdir / "debates" / "index").exists()
    assert (srcdir / "debates" / "people" / "sam" / "2.md").exists()
