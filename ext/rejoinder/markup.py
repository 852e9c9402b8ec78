"""MyST for the renderer's own structure: titles and headings, the only contributor text left in
the generated pages' MyST (everything else is data: :mod:`rejoinder.tree`).

:func:`inline` escapes every ASCII punctuation character (CommonMark allows a backslash before
any of them) and encodes the whitespace Markdown would swallow at the ends of a line as
character references, so a title reaches the page as the characters it was written with:
nothing in it can open a directive, role, HTML tag, link or heading.
"""

from __future__ import annotations

import string

__all__ = ["escaped", "inline", "link", "protect_edges"]

_ESCAPE = str.maketrans({char: "\\" + char for char in string.punctuation})


def inline(text: str) -> str:
    """One line of contributor text as MyST inline markup that renders as exactly ``text``.
    Titles are single lines (the schema's ``Line``); a line break here is a bug."""
    if "\n" in text or "\r" in text:
        raise ValueError(f"not one line: {text!r}")
    return protect_edges(escaped(text))


def escaped(text: str) -> str:
    """``text`` with every ASCII punctuation character escaped (edges not protected)."""
    return text.translate(_ESCAPE)


def protect_edges(line: str) -> str:
    """Leading and trailing whitespace as character references.

    Four leading spaces would make a code block, two trailing spaces a hard break, and
    markdown-it strips every kind of Unicode whitespace from the ends of a paragraph's lines.
    """
    stripped = line.strip()
    if stripped == line:
        return line
    if not stripped:
        return _references(line)
    lead = line[: len(line) - len(line.lstrip())]
    trail = line[len(line.rstrip()) :]
    return _references(lead) + stripped + _references(trail)


def _references(text: str) -> str:
    return "".join(f"&#{ord(char)};" for char in text)


def link(label_markup: str, href: str) -> str:
    """A link to a page of the site. ``label_markup`` must already be markup (escaped text);
    ``href`` a relative URL the renderer built. Marked ``.external`` so MyST passes it through
    as a plain href: the renderer already knows where every page is."""
    destination = href.replace("\\", "\\\\").replace("<", "\\<").replace(">", "\\>")
    return f"[{label_markup}](<{destination}>){{.external}}"
