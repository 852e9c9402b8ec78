"""Incremental builds: pages are rewritten only when their bytes change, so Sphinx re-reads
exactly the pages a transcript edit affects."""

from __future__ import annotations

from pathlib import Path

import pytest
from rj_helpers import Build, CopyRoot, one, page, text, warnings_of

pytestmark = pytest.mark.sphinx


def edit(path: Path, old: str, new: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert content.count(old) == 1, old
    path.write_text(content.replace(old, new), encoding="utf-8")


def test_rebuilds_read_only_what_changed(copy_root: CopyRoot, build: Build) -> None:
    srcdir = copy_root("basic")
    assert warnings_of(build(srcdir)) == []

    # Nothing changed: nothing is re-read.
    read: list[str] = []
    app = build(srcdir, freshenv=False, read=read)
    assert warnings_of(app) == []
    assert read == []

    # A post's text appears only on its own card.
    edit(
        srcdir / "sources" / "alpha.yaml",
        "text: Nobody asked about fish.",
        "text: Nobody asked about goldfish.",
    )
    read = []
    app = build(srcdir, freshenv=False, read=read)
    assert warnings_of(app) == []
    assert read == ["debates/alpha"]
    card = one(page(app, "debates/alpha.html"), "section#a-anon > div.rejoinder-card")
    assert text(one(card, "div.rj-text")) == "Nobody asked about goldfish."

    # A new cross-transcript rebuttal: b-follow (beta, by cy) rebuts alpha:a-open#a-fish (ann).
    edit(
        srcdir / "sources" / "beta.yaml",
        "    text: And they fetch.\n",
        "    text: And they fetch.\n    arguments:\n      - rebuts: alpha:a-open#a-fish\n",
    )
    read = []
    app = build(srcdir, freshenv=False, read=read)
    assert warnings_of(app) == []
    # Exactly the pages whose content shows the new edge or what follows from it:
    # - debates/alpha: the backlink on a-fish, whose badge becomes "rebutted (1)", and the
    #   badge of its post a-open, "rebutted (1)" -> "rebutted (2)";
    # - debates/beta: the outgoing "rebuts →" on b-follow;
    # - debates/claims: the badge of a-fish;
    # - debates/index: alpha's "1 rebuttals received" -> "2 rebuttals received";
    # - debates/people/ann: badges of a-open and a-fish, and a second "Rebuttals received" row;
    # - debates/people/cy: a second "Rebuttals made" row.
    # Not ben's page (nothing of his changes), not people/index, not the hand-written pages.
    assert sorted(read) == [
        "debates/alpha",
        "debates/beta",
        "debates/claims",
        "debates/index",
        "debates/people/ann",
        "debates/people/cy",
    ]
    fish = one(page(app, "debates/alpha.html"), "div.rj-claim#a-fish")
    assert [text(a) for a in fish.select("span.rj-back-rebuts a")] == [
        "Cy Doe, 2026-01-11 10:00 UTC: “And they fetch.” in Beta debate",
    ]


def test_pages_citing_a_changed_card_are_updated(copy_root: CopyRoot, build: Build) -> None:
    srcdir = copy_root("basic")
    assert warnings_of(build(srcdir)) == []
    alpha = srcdir / "sources" / "alpha.yaml"
    # a-open moves to 08:00 -07:00 (15:00 UTC); a-anon, cited by the essay, is renamed.
    edit(alpha, "posted: 2026-01-10T08:30:00-07:00", "posted: 2026-01-10T08:00:00-07:00")
    edit(alpha, "- id: a-anon\n", "- id: a-anon-renamed\n")
    app = build(srcdir, freshenv=False)
    essay = page(app, "essay.html")
    cited = one(essay, 'a.rj-xref[href="debates/alpha.html#a-open"]')
    assert text(cited) == "Ann Example, 2026-01-10 15:00 UTC"
    # What a fresh build reports for the same sources:
    assert warnings_of(app) == [
        f"{srcdir / 'essay.md'}:11: WARNING: rj:post reference target not found: alpha:a-anon "
        "(write debate-id:post-id) [ref.post]",
    ]


GAMMA = """\
id: gamma
title: Gamma debate
summary: A third debate that questions the first.
sources:
  - title: Gamma thread
participants:
  dee:
    name: Dee Ray
posts:
  - id: g-one
    author: dee
    posted: 2026-01-12T10:00:00Z
    text: Fish need more care than people think.
    arguments:
      - questions: alpha:a-open#a-fish
"""


def test_adding_and_removing_a_transcript_touches_only_indexes_and_neighbours(
    copy_root: CopyRoot, build: Build
) -> None:
    srcdir = copy_root("basic")
    assert warnings_of(build(srcdir)) == []
    gamma = srcdir / "sources" / "gamma.yaml"

    gamma.write_text(GAMMA, encoding="utf-8")
    read: list[str] = []
    written: list[str] = []
    app = build(srcdir, freshenv=False, read=read, written=written)
    assert warnings_of(app) == []
    # The new page and its participant's page; the indexes that list them; and alpha, the
    # neighbour, whose a-fish claim gains a "Questioned by" backlink. Its statuses do not
    # change (a-fish stays "conceded"), so ann's page, the claims index (gamma makes no
    # claim), beta and the hand-written pages are neither read nor written.
    touched = [
        "debates/alpha",
        "debates/gamma",
        "debates/index",
        "debates/people/dee",
        "debates/people/index",
    ]
    assert sorted(read) == touched
    # Sphinx also rewrites the page whose toctree holds a re-read page (here the root index,
    # which lists debates/index), in case that page's title changed.
    assert sorted(written) == [*touched, "index"]
    fish = one(page(app, "debates/alpha.html"), "div.rj-claim#a-fish")
    assert [text(a) for a in fish.select("span.rj-back-questions a")] == [
        "Dee Ray, 2026-01-12 10:00 UTC: “Fish need more care than people think.” in Gamma debate",
    ]

    gamma.unlink()
    read, written = [], []
    app = build(srcdir, freshenv=False, read=read, written=written)
    assert warnings_of(app) == []
    assert sorted(read) == ["debates/alpha", "debates/index", "debates/people/index"]
    assert sorted(written) == ["debates/alpha", "debates/index", "debates/people/index", "index"]
    # Its generated pages are gone, and so is their HTML: no stale page stays published.
    outdir = Path(app.outdir)
    for docname in ("debates/gamma", "debates/people/dee"):
        assert not (srcdir / f"{docname}.md").exists()
        assert not (outdir / f"{docname}.html").exists()
    assert "gamma" not in page(app, "debates/index.html").get_text()


def test_nothing_changed_writes_nothing(copy_root: CopyRoot, build: Build) -> None:
    srcdir = copy_root("basic")
    assert warnings_of(build(srcdir)) == []
    read: list[str] = []
    written: list[str] = []
    app = build(srcdir, freshenv=False, read=read, written=written)
    assert warnings_of(app) == []
    assert (read, written) == ([], [])
