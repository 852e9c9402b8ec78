"""Scratch copies of the project for tests that build the real site or run its commands."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from support import REPO

BIN = Path(sys.executable).parent


def copy_site(into: Path, sources: Path | None = None) -> Path:
    """Copy what the site is built from into ``into``: docs/ (without build output or
    generated pages), the transcripts and CONTRIBUTING.md (the site shows it).

    The transcripts are the test's own ``sources`` folder when given: a test that reads or
    edits what a debate says must not rely on what the contributors' sources/ holds."""
    shutil.copytree(
        REPO / "docs", into / "docs", ignore=shutil.ignore_patterns("_build", "debates")
    )
    shutil.copytree(sources or REPO / "sources", into / "sources")
    shutil.copy(REPO / "CONTRIBUTING.md", into / "CONTRIBUTING.md")
    return into


def sphinx_build(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m sphinx build ARGS`` in ``cwd``, as sphinx-build and sphinx-autobuild run it."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "build", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def make_dry_run(target: str) -> str:
    """What ``make -n -B TARGET`` would run in the repository (nothing is run)."""
    done = subprocess.run(
        ["make", "--no-print-directory", "-n", "-B", target],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.replace("\\\n", " ")
