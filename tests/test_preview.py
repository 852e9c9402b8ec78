"""`make preview`: the command it runs, and the behaviour it relies on, a transcript with
errors printed in the terminal while the last good page stays served."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import pytest
from scratch import copy_site, make_dry_run, sphinx_build
from support import REPO

autobuild = pytest.importorskip("sphinx_autobuild.__main__")
PAGE = Path("docs") / "_build" / "preview" / "debates" / "soares-anthropic-race.html"
GENERATED = Path("docs") / "debates" / "soares-anthropic-race.md"
TRANSCRIPT = Path("sources") / "soares-anthropic-race.yaml"
# The test edits a debate: its own copy of one, never the contributors' sources/.
FIXTURE_SOURCES = REPO / "tests" / "browser" / "sources"


def _preview_command() -> list[str]:
    lines = [line for line in make_dry_run("preview").splitlines() if "sphinx-autobuild" in line]
    assert len(lines) == 1, lines
    argv = shlex.split(lines[0])
    assert argv[0] == ".venv/bin/sphinx-autobuild"
    return argv[1:]


def test_preview_installs_the_preview_extra() -> None:
    dry_run = make_dry_run("preview")
    assert "pip install --quiet -e '.[test,preview]'" in dry_run
    extras = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    assert any(requirement.startswith("sphinx-autobuild") for requirement in extras["preview"])
    # The install comes before the server starts.
    assert dry_run.index("[test,preview]") < dry_run.index("sphinx-autobuild")


def test_preview_watches_sources_and_ext_but_not_the_generated_pages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(REPO)
    args, build_args = autobuild._parse_args(_preview_command())
    assert args.additional_watched_dirs == ["sources", "ext"]
    assert args.sourcedir == REPO / "docs"
    assert args.ignore == ["docs/debates"]
    assert (args.host, args.port) == ("127.0.0.1", 8000)
    # Sphinx is run nitpicky but not strict: a warning must not stop the server.
    assert "-n" in build_args
    assert "-W" not in build_args
    assert build_args[-2:] == ["docs", "docs/_build/preview"]
    ignored = [re.compile(pattern) for pattern in args.re_ignore]

    def is_ignored(path: str) -> bool:
        return any(pattern.search(path) for pattern in ignored)

    assert is_ignored(f"{REPO}/ext/rejoinder/__pycache__/cli.cpython-311.pyc")
    assert is_ignored(f"{REPO}/ext/rejoinder.egg-info/PKG-INFO")
    assert is_ignored(f"{REPO}/sources/.x.yaml.swp")
    assert is_ignored(f"{REPO}/sources/x.yaml~")
    assert is_ignored(f"{REPO}/sources/.#x.yaml")
    assert not is_ignored(f"{REPO}/sources/x.yaml")
    assert not is_ignored(f"{REPO}/ext/rejoinder/render.py")
    assert not is_ignored(f"{REPO}/docs/format.md")


def test_a_broken_transcript_keeps_the_last_good_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rebuild step `make preview` runs on every save, on a scratch copy of the site."""
    site = copy_site(tmp_path, FIXTURE_SOURCES)
    monkeypatch.chdir(site)
    _args, build_args = autobuild._parse_args(_preview_command())

    first = sphinx_build(site, *build_args)
    assert first.returncode == 0, first.stderr
    page = (site / PAGE).read_text(encoding="utf-8")
    assert "carries a responsibility" in page
    generated = (site / GENERATED).stat().st_mtime_ns

    transcript = site / TRANSCRIPT
    good = transcript.read_text(encoding="utf-8")
    assert good.count("    author: so8res\n") >= 1
    broken = good.replace("carries a responsibility", "carries a grave responsibility").replace(
        "    author: so8res\n", "    author: so8rse\n", 1
    )
    transcript.write_text(broken, encoding="utf-8")
    line = broken.splitlines().index("    author: so8rse") + 1
    second = sphinx_build(site, *build_args)
    # The server keeps serving: the build does not fail, it warns, with the located error.
    assert second.returncode == 0, second.stderr
    assert (
        f"sources/soares-anthropic-race.yaml:{line}:13: WARNING: error: author 'so8rse' is not "
        "a participant key (hint: did you mean 'so8res'?) [rejoinder.reference]"
    ) in second.stderr
    assert "transcripts have errors; generated pages left as they were" in second.stderr
    assert (site / PAGE).read_text(encoding="utf-8") == page
    assert (site / GENERATED).stat().st_mtime_ns == generated

    transcript.write_text(broken.replace("author: so8rse", "author: so8res"), encoding="utf-8")
    third = sphinx_build(site, *build_args)
    assert third.returncode == 0, third.stderr
    assert "WARNING" not in third.stderr
    assert "carries a grave responsibility" in (site / PAGE).read_text(encoding="utf-8")
