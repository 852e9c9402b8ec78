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
    edit(srcdir / "sources" / "alpha.yaml", "text: Nobody asked about fish.",
         "text: Nobody asked about goldfish.")
    read = []
    app = build(srcdir, freshenv=False, read=read)
    assert warnings_of(app) == []
    assert read == ["debates/alpha"]
    card = one(page(app, "debates/alpha.html"), "div.rejoinder-card#a-anon")
    assert text(one(card, "div.rj-text")) == "Nobody asked about goldfish."

    # A new cross-transcript rebuttal: b-follow (beta, by cy) rebuts alpha:a-open#a-fish (ann).
    edit(srcdir / "sources" / "beta.yaml", "    text: And they fetch.\n",
         "    text: And they fetch.\n    arguments:\n      - rebuts: alpha:a-open#a-fish\n")
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
        "debates/alpha", "debates/beta", "debates/claims", "debates/index",
        "debates/people/ann", "debates/people/cy",
    ]
    fish = one(page(app, "debates/alpha.html"), "div.rj-claim#a-fish")
    assert [text(a) for a in fish.select("span.rj-back-rebuts a")] == [
        "Cy Doe, 2026-01-11 10:00 UTC in Beta debate",
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
