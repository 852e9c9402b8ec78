"""``rejoinder.sphinx.reference_docs``: documentation helpers for sites that describe Rejoinder.

A separate, small Sphinx extension (the ``rejoinder`` extension does not need it). Its
directive writes the reference tables straight from the structures the extension uses, so the
documented settings and warning types cannot drift from the real ones::

    ```{rejoinder-reference} config
    ```

    ```{rejoinder-reference} warnings
    ```

``config`` lists :data:`rejoinder.sphinx.extension.CONFIG_VALUES`; ``warnings`` lists
:data:`rejoinder.problems.CODE_DESCRIPTIONS`, as the ``suppress_warnings`` entries that silence
each. No contributor text is involved: every cell is text from the code, never parsed as markup.

It also shows Markdown files kept outside the source folder as pages of the site:
``rejoinder_copied_pages = {"contributing": "../CONTRIBUTING.md"}`` makes the document
``contributing`` (a stub file that must exist) read the text of ``../CONTRIBUTING.md``, with
its relative links rewritten to work from the page's place. The repository's own files are
linked from where GitHub shows them; links that lead outside the source folder become plain
text with the path in code.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from rejoinder import __version__
from rejoinder.problems import CODE_DESCRIPTIONS, Code
from rejoinder.sphinx.extension import CONFIG_VALUES

WARNING_TYPE = "rejoinder"

Cell = str | nodes.Node
Table = tuple[Sequence[str], Sequence[int], Callable[[], list[list[Cell]]]]
_REBUILDS = {
    "env": "re-reads every page",
    "html": "rewrites every HTML page",
    "": "nothing",
}


def config_rows() -> list[list[Cell]]:
    """Setting, default, what changing it rebuilds, description: one row per config value."""
    return [
        [
            nodes.literal(text=name),
            nodes.literal(text=repr(default)),
            _REBUILDS.get(rebuild, rebuild),
            description,
        ]
        for name, default, rebuild, description in CONFIG_VALUES
    ]


def warning_rows() -> list[list[Cell]]:
    """The ``suppress_warnings`` entry and what is reported: one row per problem code."""
    rows: list[list[Cell]] = [
        [nodes.literal(text=f"{WARNING_TYPE}.{code.value}"), CODE_DESCRIPTIONS[code]]
        for code in Code
    ]
    return rows


class ReferenceTable(SphinxDirective):
    """``rejoinder-reference config`` or ``rejoinder-reference warnings``."""

    required_arguments = 1
    optional_arguments = 0
    has_content = False
    tables: ClassVar[dict[str, Table]] = {
        "config": (
            ("Setting", "Default", "Changing it", "Description"),
            (24, 14, 16, 46),
            config_rows,
        ),
        "warnings": (
            ("suppress_warnings entry", "Reported when"),
            (30, 70),
            warning_rows,
        ),
    }

    def run(self) -> list[nodes.Node]:
        which = self.arguments[0]
        if which not in self.tables:
            known = ", ".join(sorted(self.tables))
            raise self.error(f"rejoinder-reference: unknown table {which!r}; use one of {known}")
        header, widths, rows = self.tables[which]
        table = build_table(header, widths, rows())
        table["classes"] += ["rejoinder-reference", f"rejoinder-reference-{which}"]
        self.set_source_info(table)
        return [table]


def build_table(
    header: Sequence[str], widths: Sequence[int], rows: Sequence[Sequence[Cell]]
) -> nodes.table:
    table = nodes.table()
    group = nodes.tgroup(cols=len(header))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += _row(header)
    group += head
    body = nodes.tbody()
    for row in rows:
        body += _row(row)
    group += body
    return table


def _row(cells: Sequence[Cell]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        paragraph = nodes.paragraph()
        paragraph += nodes.Text(cell) if isinstance(cell, str) else cell
        entry += paragraph
        row += entry
    return row


# [text](target): inline Markdown links whose target is a relative path.
_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]\n]*)\]\((?P<target>[^()\s]+)\)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def copy_page(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: a copied page reads its original, links rewritten for its place."""
    original_name = app.config.rejoinder_copied_pages.get(docname)
    if original_name is None:
        return
    original = (Path(app.confdir) / original_name).resolve()
    text = original.read_text(encoding="utf-8")
    app.env.note_dependency(str(original))
    page_dir = (Path(app.srcdir) / docname).parent
    source[0] = rewrite_links(text, original.parent, page_dir, Path(app.srcdir))


def rewrite_links(text: str, original_dir: Path, page_dir: Path, srcdir: Path) -> str:
    """Relative links of a file in ``original_dir``, made to work from ``page_dir``."""

    def rewrite(match: re.Match[str]) -> str:
        target = match.group("target")
        if target.startswith(("#", "/")) or _SCHEME.match(target):
            return match.group()
        path, hash_, anchor = target.partition("#")
        resolved = (original_dir / path).resolve()
        if resolved != srcdir.resolve() and srcdir.resolve() not in resolved.parents:
            shown = Path(os.path.relpath(resolved, original_dir.resolve())).as_posix()
            return f"{match.group('text')} (`{shown}`)"
        relative = Path(os.path.relpath(resolved, page_dir)).as_posix()
        return f"[{match.group('text')}]({relative}{hash_}{anchor})"

    return _LINK.sub(rewrite, text)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("rejoinder-reference", ReferenceTable)
    app.add_config_value("rejoinder_copied_pages", {}, "env", types=frozenset({dict}))
    app.connect("source-read", copy_page)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
