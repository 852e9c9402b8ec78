"""Test root: two small debates and a hand-written essay citing their cards."""

project = "Rejoinder tests"

extensions = ["myst_parser", "sphinx_design", "rejoinder"]

rejoinder_sources = "sources"
rejoinder_output_dir = "debates"

# The MyST settings of docs/conf.py: contributor text is data, never markup.
myst_enable_extensions = ["colon_fence", "attrs_block", "attrs_inline"]
myst_disable_syntax = ["html_block", "html_inline"]
smartquotes = False
# raw_enabled and file_insertion_enabled are off in docutils.conf, beside this file.

source_suffix = {".md": "markdown"}
exclude_patterns = ["sources", "_build"]
html_theme = "alabaster"
