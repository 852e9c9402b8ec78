"""A role naming a card that does not exist: one warning, located at the page and line."""

from __future__ import annotations

import pytest
from rj_helpers import Build, CopyRoot, one, page, text, warnings_of

pytestmark = pytest.mark.sphinx

DANGLING = """\
# Dangling

A card that is not there: {rj:post}`nonexistent:post`.
"""


def test_dangling_post_role_warns_once_with_location(copy_root: CopyRoot, build: Build) -> None:
    srcdir = copy_root("basic")
    (srcdir / "dangling.md").write_text(DANGLING, encoding="utf-8")
    index = srcdir / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("essay\n", "essay\ndangling\n"), encoding="utf-8"
    )
    app = build(srcdir)
    assert warnings_of(app) == [
        f"{srcdir / 'dangling.md'}:3: WARNING: rj:post reference target not found: "
        "nonexistent:post (write debate-id:post-id) [ref.post]",
    ]
    # The role's text is still shown, unlinked.
    para = one(page(app, "dangling.html"), "div.body p")
    assert text(para) == "A card that is not there: nonexistent:post."
    assert para.select("a") == []
