"""The documentation's promises: the format page's example is valid, the schema copy is current."""

from __future__ import annotations

import re
from pathlib import Path

from rejoinder.cli import main
from rejoinder.schema import schema_json
from scratch import copy_site, sphinx_build

REPO = Path(__file__).resolve().parent.parent


def test_format_page_example_passes_the_checker(tmp_path: Path, capsys) -> None:
    page = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    section = page.split("## A complete example", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert example is not None
    (tmp_path / "example.yaml").write_text(example.group(1), encoding="utf-8")
    code = main(["check", "--no-source", str(tmp_path)])
    out = capsys.readouterr().out
    assert out.strip().endswith("checked 1 transcript: 0 errors, 0 warnings"), out
    assert code == 0


def test_published_schema_is_current() -> None:
    published = (REPO / "docs" / "_static" / "transcript.schema.json").read_text(encoding="utf-8")
    assert published == schema_json(), "run `make schema` to refresh docs/_static/"


def test_the_contributors_transcripts_pass_the_checker(capsys) -> None:
    code = main(["check", "--no-source", str(REPO / "sources")])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "0 errors, 0 warnings" in out


def test_the_site_builds_strictly_whatever_debates_the_sources_hold(tmp_path: Path) -> None:
    """The documentation pages name no debate, post or person of sources/: with other
    transcripts in sources/ (here only the test's own), the strict build still passes."""
    site = copy_site(tmp_path, REPO / "tests" / "good")
    done = sphinx_build(site, "-W", "-n", "-q", "-b", "html", "docs", "docs/_build/html")
    assert done.returncode == 0, done.stderr
    built = site / "docs" / "_build" / "html" / "debates"
    assert sorted(path.name for path in built.glob("*.html")) == [
        "claims.html",
        "energy-debate.html",
        "energy-rejoinder.html",
        "imported-thread.html",
        "index.html",
    ]
