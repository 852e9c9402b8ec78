"""Shared paths and a helper that runs the ``rejoinder`` command in-process."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from rejoinder.cli import main
from support import REPO, CliResult, RunCli


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> RunCli:
    """Run ``rejoinder ARGS`` with the given working directory (the repository root by default).

    Paths in the output are shown relative to the working directory, so expected outputs
    written as ``tests/bad/x.yaml:...`` need the repository root as cwd.
    """

    def run(args: Sequence[str], cwd: Path = REPO) -> CliResult:
        monkeypatch.chdir(cwd)
        capsys.readouterr()  # drop anything printed before
        code = main(list(args))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
