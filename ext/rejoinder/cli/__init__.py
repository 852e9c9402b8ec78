"""The ``rejoinder`` command line: a thin layer that prints what the core returns."""

from __future__ import annotations

from rejoinder.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
