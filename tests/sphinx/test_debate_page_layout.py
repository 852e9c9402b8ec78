"""A debate page reads first (issue 13): title, lede, the state of the debate, then the posts,
each a section headed by its card's header; statuses follow the grounded labelling of the
whole graph, and say how they were reached."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from rj_helpers import Build, CopyRoot, page, text, warnings_of

pytestmark = pytest.mark.sphinx

# A chain and a circle of rebuttals: c1 is rebutted by p2, which p3 rebuts (nothing rebuts
# p3), so p2 falls and c1's challenge is answered; p4 and p5 rebut each other, so neither the
# exchange nor the labelling settles them; p6 concedes c2.
ARGUED = """\
id: argued
title: An argued debate
summary: >-
  The first sentence of this summary says what the debate is about, in plain words. The second
  one adds detail that only the full summary needs to hold, such as who joined the thread
  late, which posts the source copy repeats, and which times it gives in another zone, none
  of which a reader needs before the posts themselves.
sources:
  - title: A forum thread
participants:
  ana:
    name: Ana
  bo:
    name: Bo
  cyd:
    name: Cyd
posts:
  - id: p1
    author: ana
    posted: 2026-02-01T10:00:00Z
    text: Cats sleep all day. Dogs do not.
    claims:
      - id: c1
        statement: Cats sleep all day.
      - id: c2
        statement: Dogs do not sleep all day.
  - id: p2
    author: bo
    posted: 2026-02-01T11:00:00Z
    replies_to: p1
    text: Not all cats.
    arguments:
      - rebuts: p1#c1
  - id: p3
    author: cyd
    posted: 2026-02-01T12:00:00Z
    replies_to: p2
    text: Bo's cat is the exception.
    arguments:
      - rebuts: p2
  - id: p4
    author: bo
    posted: 2026-02-02T10:00:00Z
    text: Red is better.
    arguments:
      - rebuts: p5
  - id: p5
    author: cyd
    posted: 2026-02-02T11:00:00Z
    text: Blue is better.
    arguments:
      - rebuts: p4
  - id: p6
    author: bo
    posted: 2026-02-03T10:00:00Z
    replies_to: p1
    text: Fair enough about dogs.
    arguments:
      - concedes: p1#c2
"""


def build_argued(copy_root: CopyRoot, build: Build) -> BeautifulSoup:
    srcdir = copy_root("basic")
    (srcdir / "sources" / "argued.yaml").write_text(ARGUED, encoding="utf-8")
    app = build(srcdir)
    assert warnings_of(app) == []
    return page(app, "debates/argued.html")


def badge(node: Tag) -> str:
    found = node.select_one(".rj-badge")
    assert found is not None
    return text(found)


def test_the_page_reads_first(copy_root: CopyRoot, build: Build) -> None:
    html = build_argued(copy_root, build)
    top = html.select_one("h1")
    assert top is not None and top.parent is not None
    order = [
        child.get("id") or (child.get("class") or [child.name])[0]
        for child in top.parent.find_all(recursive=False)
        if isinstance(child, Tag)
    ]
    # Title, lede, state of the debate, the folded blocks, the posts.
    assert order[:2] == ["h1", "rj-lede"]
    assert order[2] == "State"
    folds = [text(summary) for summary in html.select("details.rj-fold > summary")]
    assert folds == ["About", "Badges", "Map"]
    assert order[-1] == "Posts"
    # The lede is the summary's first sentence; the whole summary is one click away.
    lede = html.select_one(".rj-lede")
    assert lede is not None
    assert text(lede).startswith(
        "The first sentence of this summary says what the debate is about, in plain words. 6 posts"
    )
    assert "6 posts by 3 participants · 2026-02-01 – 2026-02-03" in text(lede)
    summary = html.select_one("details.rj-about .rj-summary")
    assert summary is not None and "The second one adds detail" in text(summary)
    # Each post is a section with the post's id, headed by who and when; the outline holds them.
    sections = html.select("section#Posts > section.rj-post-section")
    assert [section["id"] for section in sections] == ["p1", "p2", "p3", "p4", "p5", "p6"]
    heading = sections[1].select_one(":scope > h3")
    assert heading is not None
    assert text(heading).startswith("Bo · 2026-02-01 11:00 UTC")


def test_statuses_follow_the_grounded_labelling(copy_root: CopyRoot, build: Build) -> None:
    html = build_argued(copy_root, build)

    def claim(anchor: str) -> Tag:
        found = html.select_one(f"div.rj-claim#{anchor} > p")
        assert found is not None
        return found

    def post(anchor: str) -> Tag:
        found = html.select_one(f"section#{anchor} > h3")
        assert found is not None
        return found

    # c1's only rebuttal (p2) is itself rebutted by p3, which stands.
    assert badge(claim("c1")) == "challenge answered"
    assert badge(post("p2")) == "challenged (1)"
    assert badge(post("p3")) == "unanswered"  # nothing rebuts it, or answers it
    # A circle: neither side is settled.
    assert badge(post("p4")) == "undecided"
    assert badge(post("p5")) == "undecided"
    # A concession names who conceded, and is no status of its own.
    line = claim("c2")
    assert badge(line) == "answered"
    conceded = line.select_one(".rj-conceded")
    assert conceded is not None and text(conceded) == "conceded by Bo"
    # How a status was reached: each rebuttal says whether it stands.
    rebutted = html.select_one("div.rj-claim#c1 span.rj-back-rebuts")
    assert rebutted is not None
    assert "(answered: a rebuttal of it stands)" in text(rebutted)


def test_the_state_of_the_debate_names_who_challenged_what(
    copy_root: CopyRoot, build: Build
) -> None:
    html = build_argued(copy_root, build)
    state = html.select_one("section#State .rj-state")
    assert state is not None
    assert text(state).startswith("5 cards in dispute or conceded: 1 with a rebuttal that stands")
    rows = [text(row) for row in state.select("li")]
    assert rows[0] == ("challenge answered “Cats sleep all day.” (Ana) — rebutted by Bo (answered)")
    assert rows[1] == "answered conceded by Bo “Dogs do not sleep all day.” (Ana)"
    # Two shown, the rest folded.
    more = state.select_one("details.rj-more")
    assert more is not None and text(more.select_one("summary")) == "and 3 more"
    links = [a["href"] for a in state.select("li a")]
    assert links[:2] == ["#c1", "#p2"]


def test_people_are_listed_by_the_name_shown(copy_root: CopyRoot, build: Build) -> None:
    srcdir = copy_root("basic")
    (srcdir / "sources" / "argued.yaml").write_text(
        ARGUED.replace("  ana:\n    name: Ana\n", "  zz-ana:\n    name: Ana\n").replace(
            "author: ana\n", "author: zz-ana\n"
        ),
        encoding="utf-8",
    )
    app = build(srcdir)
    assert warnings_of(app) == []
    people = page(app, "debates/people/index.html")
    names = [text(a) for a in people.select("li > p > a")]
    # zz-ana's key sorts last, her name first; "Ben B." before "Bo".
    assert names == ["Ana", "Ann Example", "Ben B.", "Bo", "Cy Doe", "Cyd"]


def test_the_page_links_the_debate_as_data(copy_root: CopyRoot, build: Build) -> None:
    srcdir = copy_root("basic")
    app = build(srcdir)
    assert warnings_of(app) == []
    html = page(app, "debates/alpha.html")
    about = html.select_one("details.rj-about")
    assert about is not None
    hrefs = [a["href"] for a in about.select("a") if not str(a["href"]).startswith("people/")]
    data = [href for href in hrefs if href.startswith("alpha.")]
    assert "alpha.json" in data and "alpha.aif.json" in data and "feed.atom" in hrefs
    # Every file the page links is published beside it.
    folder = Path(app.outdir) / "debates"
    for href in [*data, "feed.atom"]:
        assert (folder / str(href)).is_file(), href
