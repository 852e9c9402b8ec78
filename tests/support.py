"""Paths and types shared by the test modules (imported as ``support``; conftest holds fixtures)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TESTS = REPO / "tests"
GOOD = TESTS / "good"
BAD = TESTS / "bad"


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str


RunCli = Callable[..., CliResult]
