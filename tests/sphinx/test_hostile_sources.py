"""Hostile sources in a Sphinx build: links are refused unread, warnings carry no raw control
or bidi characters (issue 10, items 8 and 9)."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest
from rj_helpers import Build, CopyRoot, warnings_of

pytestmark = pytest.mark.sphinx

SECRET = "SECRET-TOKEN-4711"


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_links_and_escape_sequences_in_sources(
    copy_root: CopyRoot, build: Build, tmp_path: Path
) -> None:
    srcdir = copy_root("basic")
    sources = srcdir / "sources"
    secret = tmp_path / "secret.yaml"
    secret.write_text(f"id: x\ntitle: {SECRET}: [\n", encoding="utf-8")
    (sources / "leak.yaml").symlink_to(secret)
    beta = sources / "beta.yaml"
    beta.write_text(
        beta.read_text(encoding="utf-8").replace(
            "    replies_to: b-rebut\n",
            '    replies_to: b-rebut\n    "\\e[2J\\u202ecolour": x\n',
        ),
        encoding="utf-8",
    )
    app = build(srcdir)
    warnings = warnings_of(app)  # without Sphinx's own colour codes
    text = "\n".join(warnings)
    assert SECRET not in app.warning.getvalue()
    assert [ch for ch in text if unicodedata.category(ch) in ("Cc", "Cf") and ch != "\n"] == []
    leak = Path(app.srcdir) / "sources" / "leak.yaml"
    assert (
        f"{leak}:1: WARNING: error: is a symbolic link; transcripts must be regular files "
        "(hint: put the files themselves in the sources folder, not a link to them: links are "
        "never followed, since a link can point at any file on the machine that checks the "
        "pull request) [rejoinder.file]"
    ) in warnings
    [unknown] = [line for line in warnings if "unknown key" in line]
    assert "unknown key '\\x1b[2J\\u202ecolour' in posts[1]" in unknown
    assert not (srcdir / "debates").exists()  # nothing generated from sources with errors
