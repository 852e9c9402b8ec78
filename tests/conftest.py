"""Shared paths and a helper that runs the ``rejoinder`` command in-process."""

from __future__ import annotations

import socket
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import settings
from rejoinder.cli import main
from support import REPO, CliResult, RunCli

# Property tests check behaviour, never speed (that is bench/'s business): no deadline, so a
# slow or busy CI machine cannot fail them on timing.
settings.register_profile("rejoinder", deadline=None)
settings.load_profile("rejoinder")


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


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection attempt fails the test (JSON-LD must expand with the bundled contexts)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
