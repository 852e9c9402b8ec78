"""Contributor text on the page: links marked as user content, line breaks shown as written,
and a warning when the site's settings let text become markup.

* Every absolute http(s) link of a generated page came from a contributor (a URL in a post's
  text, a source, post, reference or profile address): it gets ``rel="ugc nofollow"`` (beside
  any ``noopener``/``noreferrer`` it has), so search engines do not take it as the site's own
  recommendation. The renderer's own links are relative and stay as they are.
* The stylesheet shows contributor text with ``white-space: pre-wrap`` (runs of spaces are
  part of what was written). A MyST hard break is written as ``<br />`` and a newline, which
  pre-wrap would show as a second line break: the newline is dropped.
* The generated pages are safe only with the MyST and docutils settings that docs/extension.md
  recommends; each setting that undoes that is a located warning ``rejoinder.unsafe-config``.
  (docutils settings come from ``docutils.conf``: Sphinx has no conf.py value for them.)
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)
CONTRIBUTOR_REL = ("ugc", "nofollow")
HARD_BREAK = "<br />\n"


def unsafe_settings(config: Any, docutils: dict[str, Any]) -> list[tuple[str, str]]:
    """(setting, what is wrong) for each setting that lets contributor text become markup;
    ``docutils`` holds the effective docutils settings."""
    found = []
    disabled = set(getattr(config, "myst_disable_syntax", None) or ())
    missing = [name for name in ("html_block", "html_inline") if name not in disabled]
    if missing:
        names = ", ".join(repr(name) for name in missing)
        found.append(("myst_disable_syntax", f"raw HTML is on: add {names} to myst_disable_syntax"))
    if "substitution" in set(getattr(config, "myst_enable_extensions", None) or ()):
        found.append(
            (
                "myst_enable_extensions",
                "the MyST 'substitution' extension is on ({{ ... }} runs Jinja): remove it "
                "from myst_enable_extensions",
            )
        )
    if getattr(config, "smartquotes", False):
        found.append(("smartquotes", "smartquotes is on (it changes quotes): set it to False"))
    for name in ("raw_enabled", "file_insertion_enabled"):
        if docutils.get(name, True):  # docutils turns both on by default
            found.append(
                (
                    "docutils.conf",
                    f"docutils {name} is on: set it to false under [general] in a "
                    "docutils.conf beside conf.py",
                )
            )
    return found


def effective_docutils_settings(app: Sphinx) -> dict[str, Any]:
    """The docutils settings pages are read with: Sphinx's defaults, then any docutils.conf
    (the one beside conf.py included), as Sphinx itself computes them."""
    from docutils.frontend import OptionParser
    from docutils.parsers.rst import Parser
    from sphinx.util.docutils import using_user_docutils_conf

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # OptionParser's, as in Sphinx
        with using_user_docutils_conf(app.confdir):
            parser = OptionParser(
                components=(Parser,), defaults=app.env.settings, read_config_files=True
            )
            return vars(parser.get_default_values())


def warn_about_unsafe_settings(app: Sphinx) -> None:
    """A warning per unsafe setting, located at the line of conf.py (or docutils.conf) that
    sets it, else at the file's first line."""
    problems = unsafe_settings(app.config, effective_docutils_settings(app))
    for setting, message in problems:
        if setting == "docutils.conf":
            path = Path(app.confdir) / "docutils.conf"
            line = _line_of(path, ("raw_enabled", "file_insertion_enabled"))
            if not path.is_file():
                path = Path(app.confdir) / "conf.py"
        else:
            path = Path(app.confdir) / "conf.py"
            line = _line_of(path, (setting,))
        logger.warning(
            "rejoinder: unsafe setting for contributor text: %s",
            message,
            location=f"{path}:{line}",
            type="rejoinder",
            subtype="unsafe-config",
        )


def _line_of(path: Path, settings: tuple[str, ...]) -> int:
    """The line that sets one of ``settings`` in ``path`` (1 if none does, or no such file)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    pattern = re.compile(rf"^\s*({'|'.join(map(re.escape, settings))})\s*[=:]")
    # The last assignment is the one that holds.
    found = [number for number, text in enumerate(lines, 1) if pattern.match(text)]
    return found[-1] if found else 1
