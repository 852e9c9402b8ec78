"""Sphinx configuration of the Rejoinder site."""

from __future__ import annotations

import os

project = "Rejoinder"
author = "Rejoinder contributors"
copyright = "2026, Rejoinder contributors"

extensions = ["myst_parser", "sphinx_design", "rejoinder", "rejoinder.sphinx.reference_docs"]

# The extension reads ../sources and writes the generated pages into debates/ (git-ignored).
rejoinder_sources = "../sources"
rejoinder_output_dir = "debates"
# The contributor's guide is kept where GitHub shows it; the site shows the same text.
rejoinder_copied_pages = {"contributing": "../CONTRIBUTING.md"}

# Contributor text is data, never markup: no raw HTML, no file inclusion, no smart quotes.
# The generated pages use colon fences with block and inline attributes for cards and links.
myst_enable_extensions = ["colon_fence", "attrs_block", "attrs_inline"]
myst_disable_syntax = ["html_block", "html_inline"]
smartquotes = False
# raw_enabled and file_insertion_enabled are off in docutils.conf, beside this file.

source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = "Rejoinder"
html_static_path = ["_static"]
# search.html: furo's search page with a level-one heading.
templates_path = ["_templates"]
# The "view source" link would point readers at generated MyST, not at the transcript.
html_show_sourcelink = False
# The published address, for the sitemap and OpenGraph URLs (set by the deploy workflow;
# Read the Docs gives its own).
html_baseurl = os.environ.get("REJOINDER_BASE_URL") or os.environ.get(
    "READTHEDOCS_CANONICAL_URL", ""
)
# As `make site` runs it (-n): a build without that switch (Read the Docs) is as strict.
nitpicky = True
html_favicon = "_static/favicon.svg"


def _plain_navigation_checkboxes(app, pagename, templatename, context, doctree):
    # furo marks its sidebar expanders role="switch" without the aria-checked a switch needs
    # (the Nu HTML Checker rejects that); a plain checkbox is announced correctly.
    tree = context.get("furo_navigation_tree")
    if isinstance(tree, str):
        context["furo_navigation_tree"] = tree.replace(' role="switch"', "")


def setup(app):
    app.connect("html-page-context", _plain_navigation_checkboxes, priority=900)
