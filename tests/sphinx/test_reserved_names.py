"""Page names the extension reserves for its own index pages cannot be taken by a transcript."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rj_helpers import Build, CopyRoot, inventory, one, page, text, warnings_of

pytestmark = pytest.mark.sphinx


def rename_cy(srcdir: Path, key: str) -> int:
    """Give participant ``cy`` of beta the key ``key``; returns the 1-based line of the key."""
    beta = srcdir / "sources" / "beta.yaml"
    content = beta.read_text(encoding="utf-8")
    content = content.replace("  cy:\n", f"  {key}:\n").replace("author: cy\n", f"author: {key}\n")
    beta.write_text(content, encoding="utf-8")
    essay = srcdir / "essay.md"
    essay.write_text(essay.read_text(encoding="utf-8").replace("`cy`", f"`{key}`"),
                     encoding="utf-8")
    return content.splitlines().index(f"  {key}:") + 1


def test_reserved_debate_id_is_an_error(copy_root: CopyRoot, build: Build) -> None:
    srcdir = copy_root("basic")
    beta = srcdir / "sources" / "beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("id: beta\n", "id: claims\n"),
                    encoding="utf-8")
    app = build(srcdir)
    assert warnings_of(app)[0] == (
        f"{beta}:1:5: WARNING: error: debate id 'claims' is reserved for an index page "
        "(hint: choose another id, e.g. 'claims-debate') [rejoinder.duplicate-id]"
    )
    assert not (srcdir / "debates").exists()


@pytest.mark.xfail(
    strict=True,
    reason="participant key 'index' is accepted, and its page people/index.md overwrites the "
    "people index: the other people pages fall out of every toctree, the person is not "
    "registered as rj:person, and the file is rewritten twice on every build",
)
def test_participant_key_index_does_not_replace_the_people_index(
    copy_root: CopyRoot, build: Build
) -> None:
    srcdir = copy_root("basic")
    line = rename_cy(srcdir, "index")
    app = build(srcdir)
    warnings = warnings_of(app)
    rejected = [warning for warning in warnings if "[rejoinder." in warning]
    if rejected:
        # Fixed by rejecting the key, as reserved debate ids are: a located error.
        assert re.match(rf"^{re.escape(str(srcdir / 'sources' / 'beta.yaml'))}:{line}:\d+: ",
                        rejected[0]), rejected
        return
    # Fixed by giving the person another page: the people index is intact.
    assert warnings == []
    people = page(app, "debates/people/index.html")
    assert text(one(people, "h1")) == "People¶"
    assert [text(a) for a in people.select("div.body li a")] == ["Ann Example", "Ben B.", "Cy Doe"]
    assert set(inventory(app)["rj:person"]) == {"ann", "ben", "index"}
