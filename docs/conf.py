"""Sphinx configuration of the Rejoinder site."""

from __future__ import annotations

project = "Rejoinder"
author = "Rejoinder contributors"
copyright = "2026, Rejoinder contributors"  # noqa: A001

extensions = ["myst_parser", "sphinx_design"]

# Contributor text is data, never markup: no raw HTML, no file inclusion, no smart quotes.
myst_disable_syntax = ["html_block", "html_inline"]
myst_enable_extensions: list[str] = []
smartquotes = False
docutils_settings = {"raw_enabled": False, "file_insertion_enabled": False}
myst_heading_anchors = 0

source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = "Rejoinder"
html_static_path = ["_static"]
