"""A parallel build (-j 2) gives the same pages and inventory as a serial one."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rj_helpers import Build, CopyRoot, inventory_body, warnings_of
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
        "debates/alpha.html", "debates/beta.html", "debates/claims.html", "debates/index.html",
        "debates/people/ann.html", "debates/people/ben.html", "debates/people/cy.html",
        "debates/people/index.html", "essay.html",
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
        [sys.executable, "-m", "sphinx", "-j", "auto", "-W", "-n", "-b", "html",
         str(srcdir), str(tmp_path / "html")],
        capture_output=True, text=True, check=False,
    )
    log = strip_colors(result.stdout + result.stderr)
    assert result.returncode == 0, log
    assert "serial" not in log
    if (os.cpu_count() or 1) > 1:
        assert re.search(r"reading sources\.\.\. \[ *\d+%\] [\w/-]+ \.\. [\w/-]+", log), log
    assert (tmp_path / "html" / "debates" / "alpha.html").is_file()
