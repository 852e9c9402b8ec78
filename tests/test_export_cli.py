"""`rejoinder export FORMAT [PATH ...] [-o OUT]`: checked first, one file per debate, the corpus
file, standard output for one debate, and one broken format never breaking the others."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rejoinder.export import FORMATS, ExportFormat, FormatUnavailable, export_format
from support import GOOD, RunCli

BROKEN_REFERENCE = """\
id: broken
title: Broken
summary: A reply to nothing.
sources:
  - title: Nowhere
posts:
  - id: first
    author: unknown
    replies_to: missing-post
    text: Hello.
"""


def test_one_transcript_prints_its_debate(run_cli: RunCli) -> None:
    result = run_cli(["export", "json", str(GOOD / "energy-debate.yaml")])
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert document["format"] == "rejoinder-debate"
    assert document["debate"]["id"] == "energy-debate"


def test_a_folder_goes_to_one_file_per_debate_and_the_corpus(
    run_cli: RunCli, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run_cli(["export", "json", str(GOOD), "-o", str(out)])
    assert result.code == 0, result.err
    written = sorted(path.name for path in out.iterdir())
    assert written == [
        "debate.schema.json",
        "energy-debate.json",
        "energy-rejoinder.json",
        "imported-thread.json",
        "index.json",
    ]
    corpus = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert [item["id"] for item in corpus["debates"]] == [
        "energy-debate",
        "energy-rejoinder",
        "imported-thread",
    ]


def test_errors_are_reported_and_nothing_is_written(run_cli: RunCli, tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(GOOD / "energy-debate.yaml", sources)
    (sources / "broken.yaml").write_text(BROKEN_REFERENCE, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(["export", "json", "sources", "-o", "out"], cwd=tmp_path)
    assert result.code == 1
    assert "sources/broken.yaml:9:" in result.err
    assert ": error: " in result.err
    assert "nothing written" in result.err
    assert not out.exists()
    assert result.out == ""


def test_several_debates_without_a_folder_is_a_usage_error(run_cli: RunCli) -> None:
    result = run_cli(["export", "json", str(GOOD)])
    assert result.code == 2
    assert "-o OUT" in result.err
    assert result.out == ""


def test_an_unknown_format_names_the_known_ones(run_cli: RunCli) -> None:
    result = run_cli(["export", "nope", str(GOOD / "energy-debate.yaml")])
    assert result.code == 2
    assert "unknown format 'nope'" in result.err
    assert "json" in result.err


def test_a_broken_format_module_fails_alone(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = ExportFormat("broken", "Broken", ".broken", "text/plain", "rejoinder.export.nowhere")
    monkeypatch.setitem(FORMATS, "broken", broken)
    with pytest.raises(FormatUnavailable, match="not installed"):
        export_format("broken")
    result = run_cli(["export", "broken", str(GOOD / "energy-debate.yaml")])
    assert result.code == 1
    assert "Broken export" in result.err
    assert run_cli(["export", "json", str(GOOD / "energy-debate.yaml")]).code == 0


def test_every_format_has_a_suffix_of_its_own() -> None:
    suffixes = [found.suffix for found in FORMATS.values()]
    assert len(suffixes) == len(set(suffixes))
    assert all(suffix.startswith(".") for suffix in suffixes)


def test_a_large_corpus_is_exported_whole(run_cli: RunCli, tmp_path: Path) -> None:
    """Enough transcripts for the checker's worker processes (which keep no models)."""
    sources = tmp_path / "sources"
    sources.mkdir()
    count = 80
    for number in range(count):
        (sources / f"d{number}.yaml").write_text(
            BROKEN_REFERENCE.replace("id: broken", f"id: d{number}").replace(
                "    replies_to: missing-post\n", ""
            ),
            encoding="utf-8",
        )
    result = run_cli(["export", "json", "sources", "-o", "out"], cwd=tmp_path)
    assert result.code == 0, result.err
    corpus = json.loads((tmp_path / "out" / "index.json").read_text(encoding="utf-8"))
    assert len(corpus["debates"]) == count
    assert len(list((tmp_path / "out").glob("d[0-9]*.json"))) == count
