"""A parallel build (-j 2) gives the same pages and inventory as a serial one."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rj_helpers import Build, CopyRoot, inventory, inventory_body, warnings_of
from sphinx.util.console import strip_colors

pytestmark = pytest.mark.sphinx


def pages(outdir: Path) -> dict[str, bytes]:
    """essay.html and every page under debates/, by path relative to the output folder."""
    found = {"essay.html": (outdir / "essay.html").read_bytes()}
    found |= {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted((outdir / "debates").rglob("*.html"))
    }
    return found


def test_parallel_build_matches_serial_build(copy_root: CopyRoot, build: Build) -> None:
    serial = build(copy_root("basic", "serial"))
    parallel = build(copy_root("basic", "parallel"), parallel=2)
    assert warnings_of(serial) == []
    assert warnings_of(parallel) == []
    # No extension made Sphinx fall back to a serial read or write.
    log = strip_colors(parallel.status.getvalue() + parallel.warning.getvalue())
    assert "serial" not in log
    # Sphinx reports a parallel read by chunks: "reading sources... [ 50%] first .. last".
    # (Without a terminal, e.g. in CI, the progress lines are not separated by line breaks.)
    assert re.search(r"reading sources\.\.\. \[ *\d+%\] [\w/-]+ \.\. [\w/-]+", log), log
    assert parallel.parallel == 2
    assert parallel.builder.parallel_ok  # the write phase ran in parallel

    serial_pages, parallel_pages = pages(Path(serial.outdir)), pages(Path(parallel.outdir))
    assert sorted(parallel_pages) == [
        "debates/alpha.html",
        "debates/beta.html",
        "debates/claims.html",
        "debates/index.html",
        "debates/people/ann.html",
        "debates/people/ben.html",
        "debates/people/cy.html",
        "debates/people/index.html",
        "essay.html",
    ]
    for name, data in serial_pages.items():
        assert parallel_pages[name] == data, name
    assert inventory_body(Path(parallel.outdir) / "objects.inv") == inventory_body(
        Path(serial.outdir) / "objects.inv"
    )
    # Both environments know the same rj objects, registered from the same documents.
    assert parallel.env.domains["rj"].data["objects"] == serial.env.domains["rj"].data["objects"]
    assert parallel.env.domains["rj"].data["by_page"] == serial.env.domains["rj"].data["by_page"]


def test_sphinx_build_j_auto_reads_in_parallel(copy_root: CopyRoot, tmp_path: Path) -> None:
    srcdir = copy_root("basic")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-j",
            "auto",
            "-W",
            "-n",
            "-b",
            "html",
            str(srcdir),
            str(tmp_path / "html"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    log = strip_colors(result.stdout + result.stderr)
    assert result.returncode == 0, log
    assert "serial" not in log
    if (os.cpu_count() or 1) > 1:
        assert re.search(r"reading sources\.\.\. \[ *\d+%\] [\w/-]+ \.\. [\w/-]+", log), log
    assert (tmp_path / "html" / "debates" / "alpha.html").is_file()


# A third debate reusing alpha's post and claim ids, and reference key: ids are unique only
# within a debate.
TWIN = """\
id: twin
title: Twin debate
summary: Reuses the ids of alpha.
sources:
  - title: Twin thread
participants:
  ann:
    name: Ann Example
references:
  pet-report:
    title: Another pet report
posts:
  - id: a-open
    author: ann
    posted: 2026-01-13T08:00:00Z
    text: Cats again.
    claims:
      - id: a-cats
        statement: Cats again.
"""


def test_ids_repeated_across_debates_give_the_same_inventory_serial_and_parallel(
    copy_root: CopyRoot, build: Build
) -> None:
    apps = []
    for name, jobs in (("serial", 1), ("parallel", 2)):
        srcdir = copy_root("basic", name)
        (srcdir / "sources" / "twin.yaml").write_text(TWIN, encoding="utf-8")
        apps.append(build(srcdir, parallel=jobs))
    serial, parallel = apps
    assert warnings_of(serial) == warnings_of(parallel) == []
    body = inventory_body(Path(serial.outdir) / "objects.inv")
    assert body == inventory_body(Path(parallel.outdir) / "objects.inv")
    # Card anchors are no site-wide std:label (one would point at either debate's a-open);
    # the rj domain names each card by its debate.
    labels = [line for line in body.splitlines() if b" std:label " in line]
    assert not [line for line in labels if line.split()[0] in (b"a-open", b"a-cats", b"pet-report")]
    cards = inventory(serial)["rj:post"]
    assert cards["alpha:a-open"][0] == "debates/alpha.html#a-open"
    assert cards["twin:a-open"][0] == "debates/twin.html#a-open"
    # The anchors themselves are still there.
    html = (Path(serial.outdir) / "debates" / "twin.html").read_text(encoding="utf-8")
    assert 'id="a-open"' in html and 'id="a-cats"' in html
