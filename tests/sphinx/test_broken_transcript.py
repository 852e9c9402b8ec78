"""A transcript with an error: a located warning, and the last good pages left untouched."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rj_helpers import BASIC_GENERATED, Build, CopyRoot, one, page, snapshot, warnings_of

pytestmark = pytest.mark.sphinx

LOCATED = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<column>\d+): WARNING: (?P<message>.*)$")


def test_dangling_reply_warns_and_keeps_previous_pages(copy_root: CopyRoot, build: Build) -> None:
    srcdir = copy_root("basic")
    first = build(srcdir)
    assert warnings_of(first) == []
    generated = srcdir / "debates"
    before = snapshot(generated)
    assert sorted(name for name in before if name.endswith(".md")) == BASIC_GENERATED

    transcript = srcdir / "sources" / "alpha.yaml"
    lines = transcript.read_text(encoding="utf-8").splitlines(keepends=True)
    [number] = [n for n, line in enumerate(lines) if line == "    replies_to: a-open\n"]
    lines[number] = "    replies_to: a-opne\n"
    transcript.write_text("".join(lines), encoding="utf-8")

    read: list[str] = []
    second = build(srcdir, freshenv=False, read=read)
    first_warning, *rest = warnings_of(second)
    located = LOCATED.match(first_warning)
    assert located is not None, first_warning
    assert Path(located["path"]).resolve() == transcript.resolve()
    # 1-based line of the value, and its column: "    replies_to: " is 16 characters.
    assert (int(located["line"]), int(located["column"])) == (number + 1, 17)
    assert located["message"] == (
        "error: replies_to: no post 'a-opne' in this transcript "
        "(hint: did you mean 'a-open'?) [rejoinder.reference]"
    )
    # ... located at the first error, like every other rejoinder warning.
    first_location = first_warning.split(": WARNING: ", 1)[0]
    assert rest == [
        f"{first_location}: WARNING: rejoinder: transcripts have errors; generated pages "
        "left as they were [rejoinder.not-generated]",
    ]
    # Same bytes, same modification times (so Sphinx re-reads nothing), manifest included.
    assert snapshot(generated) == before
    assert read == []
    # The site still shows the last good version.
    reply = one(page(second, "debates/alpha.html"), "section#a-reply > div.rejoinder-card")
    assert one(reply, "span.rj-edge-replies-to a")["href"] == "#a-open"


def test_missing_sources_folder_is_a_located_warning(copy_root: CopyRoot, build: Build) -> None:
    srcdir = copy_root("basic")
    app = build(srcdir, confoverrides={"rejoinder_sources": "no-such-folder"})
    missing = srcdir / "no-such-folder"
    assert warnings_of(app)[:2] == [
        f"{missing}:1: WARNING: error: no such file or folder [rejoinder.file]",
        f"{missing}:1: WARNING: rejoinder: transcripts have errors; generated pages left as "
        "they were [rejoinder.not-generated]",
    ]
    assert not (srcdir / "debates").exists()
