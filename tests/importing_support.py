"""Checks the importer tests share: a real response through ``rejoinder import`` and
``--update``, and imported transcripts through ``rejoinder check``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rejoinder.cli import main
from rejoinder.importers.emit import emit
from rejoinder.loader import load_file
from support import RunCli


def import_through_the_cli(
    run_cli: RunCli, platform: str, folder: Path, fixture: Path, debate_id: str, captured: str
) -> dict[str, Any]:
    """``rejoinder import PLATFORM FILE -o …`` writes the transcript, checked clean; an
    ``--update`` from the same response changes no byte. Returns the file's data as the
    checker's loader reads it."""
    folder.mkdir(parents=True, exist_ok=True)
    output = folder / f"{debate_id}.yaml"
    result = run_cli(["import", platform, str(fixture), "-o", str(output), "--captured", captured])
    assert result.code == 0, result.err
    assert result.err.rstrip().endswith("checked: 0 errors, 0 warnings"), result.err
    written = output.read_bytes()
    update = run_cli(["import", "--update", str(output), str(fixture), "--captured", captured])
    assert update.code == 0, update.err
    assert "no changes, not rewritten; checked: 0 errors, 0 warnings" in update.err
    assert output.read_bytes() == written
    document, problems = load_file(output)
    assert problems == []
    assert document is not None
    data: dict[str, Any] = document.data
    return data


def checks_clean(run_cli: RunCli, folder: Path, *transcripts: dict[str, Any]) -> None:
    """The transcripts, written as YAML into ``folder``, pass ``rejoinder check`` together."""
    folder.mkdir(parents=True, exist_ok=True)
    for transcript in transcripts:
        (folder / f"{transcript['id']}.yaml").write_text(emit(transcript), encoding="utf-8")
    result = run_cli(["check", str(folder)])
    count = len(transcripts)
    assert result.out.splitlines()[-1] == (
        f"checked {count} transcript{'s' if count != 1 else ''}: 0 errors, 0 warnings"
    ), result.out
    assert result.code == 0


def file_checks_clean(
    transcript: dict[str, Any], folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The transcript, written as YAML, passes ``rejoinder check`` with no problem at all."""
    path = folder / f"{transcript['id']}.yaml"
    path.write_text(emit(transcript), encoding="utf-8")
    status = main(["check", str(path)])
    out = capsys.readouterr()
    assert status == 0, out.out + out.err
    assert out.out.strip() == "checked 1 transcript: 0 errors, 0 warnings", out.out
