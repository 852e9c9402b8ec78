"""Page names the extension reserves for its own index pages cannot be taken by a transcript."""

from __future__ import annotations

from pathlib import Path

import pytest
from rj_helpers import Build, CopyRoot, warnings_of

pytestmark = pytest.mark.sphinx


def rename_cy(srcdir: Path, key: str) -> int:
    """Give participant ``cy`` of beta the key ``key``; returns the 1-based line of the key."""
    beta = srcdir / "sources" / "beta.yaml"
    content = beta.read_text(encoding="utf-8")
    content = content.replace("  cy:\n", f"  {key}:\n").replace("author: cy\n", f"author: {key}\n")
    beta.write_text(content, encoding="utf-8")
    essay = srcdir / "essay.md"
    essay.write_text(
        essay.read_text(encoding="utf-8").replace("`cy`", f"`{key}`"), encoding="utf-8"
    )
    return content.splitlines().index(f"  {key}:") + 1


def test_reserved_debate_id_is_an_error(copy_root: CopyRoot, build: Build) -> None:
    srcdir = copy_root("basic")
    beta = srcdir / "sources" / "beta.yaml"
    beta.write_text(
        beta.read_text(encoding="utf-8").replace("id: beta\n", "id: claims\n"), encoding="utf-8"
    )
    app = build(srcdir)
    assert warnings_of(app)[0] == (
        f"{beta}:1:5: WARNING: error: debate id 'claims' is reserved for an index page "
        "(hint: choose another id, e.g. 'claims-debate') [rejoinder.duplicate-id]"
    )
    assert not (srcdir / "debates").exists()


def test_participant_key_index_is_rejected(copy_root: CopyRoot, build: Build) -> None:
    # people/index.md is the people index: a participant keyed 'index' would overwrite it.
    srcdir = copy_root("basic")
    line = rename_cy(srcdir, "index")
    app = build(srcdir)
    rejected = [warning for warning in warnings_of(app) if "[rejoinder." in warning]
    beta = srcdir / "sources" / "beta.yaml"
    assert rejected[0] == (
        f"{beta}:{line}:3: WARNING: error: participant key 'index' is reserved for the people "
        "index page (hint: choose another key, e.g. 'index-person') [rejoinder.duplicate-id]"
    )
