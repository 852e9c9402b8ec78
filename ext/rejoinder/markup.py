"""MyST building blocks: the one place where contributor text becomes markup.

Contributor text is data. :func:`inline` and :func:`block_text` escape every ASCII punctuation
character (CommonMark allows a backslash before any of them), encode the spaces and tabs that
Markdown would swallow or reinterpret (leading, trailing) as character references, and turn
every line break into a hard break. Nothing a contributor writes can therefore open a
directive, role, HTML tag, comment, link definition, substitution or list: it reaches the page
as the same characters it was written with.

Everything else here writes only markup the renderer chose (ids that the schema restricted to
slugs, fixed class names, URLs that passed the http/https check).
"""

from __future__ import annotations

import itertools
import re
import string
from collections.abc import Iterable, Sequence

from rejoinder.names import utc_text

__all__ = ["block_text", "bullet_list", "directive", "div", "inline", "link", "span", "utc_text"]

_ESCAPE = str.maketrans({char: "\\" + char for char in string.punctuation})

# URLs in post text become links; trailing punctuation is left out, as linkifiers do.
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'`{}|\\^\[\]]+", re.IGNORECASE)
_URL_TRAILING = ".,;:!?)'\""
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_CLASS = re.compile(r"^[a-z][a-z0-9-]*$")


def inline(text: str) -> str:
    """One line of contributor text as MyST inline markup that renders as exactly ``text``."""
    if "\n" in text or "\r" in text:
        return block_text(text)
    escaped = text.translate(_ESCAPE)
    return _protect_edges(escaped)


Highlight = tuple[str, Sequence[str]]  # exact words of the text, and the classes to mark them


def block_text(text: str, *, link_urls: bool = False, highlights: Sequence[Highlight] = ()) -> str:
    """Multi-line contributor text as one MyST paragraph, line breaks kept as hard breaks.

    Trailing line breaks are not significant (YAML block scalars add one) and are dropped; an
    empty line inside the text stays an empty line. With ``link_urls``, http(s) URLs in the
    text become links whose visible text is the URL exactly as written. Each highlight marks
    the first occurrence of its words with a span of fixed classes (an annotation's span).
    """
    normalized = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")
    ranges = []
    for words, classes in highlights:
        start = normalized.find(words) if words else -1
        if start >= 0:
            ranges.append((start, start + len(words), tuple(classes)))
    rendered = []
    offset = 0
    for line in normalized.split("\n"):
        rendered.append(_line(line, offset, link_urls, ranges))
        offset += len(line) + 1
    # A backslash before a line break is a hard break; an empty line would end the paragraph,
    # so it is written as the hard break alone.
    return "\\\n".join(rendered)


def _line(
    line: str, offset: int, link_urls: bool, ranges: list[tuple[int, int, tuple[str, ...]]]
) -> str:
    """One line: cut where highlights start or end, each piece escaped (URLs linked when a
    whole URL falls inside one piece) and wrapped in the span of the highlights covering it."""
    cuts = {0, len(line)}
    for start, end, _ in ranges:
        cuts.update(point - offset for point in (start, end) if 0 < point - offset < len(line))
    urls = []
    if link_urls:
        for match in _URL_IN_TEXT.finditer(line):
            url = match.group().rstrip(_URL_TRAILING)
            urls.append((match.start(), match.start() + len(url)))
    points = sorted(cuts)
    parts = []
    for piece_start, piece_end in itertools.pairwise(points):
        classes = sorted(
            {
                name
                for start, end, names in ranges
                if start - offset <= piece_start and piece_end <= end - offset
                for name in names
            }
        )
        inside = [(s, e) for s, e in urls if piece_start <= s and e <= piece_end]
        piece = _escaped_with_links(line, piece_start, piece_end, inside)
        parts.append(span(piece, *classes) if classes else piece)
    return _protect_edges("".join(parts))


def _escaped_with_links(line: str, start: int, end: int, urls: list[tuple[int, int]]) -> str:
    parts = []
    position = start
    for url_start, url_end in urls:
        url = line[url_start:url_end]
        parts.append(line[position:url_start].translate(_ESCAPE))
        parts.append(link(url.translate(_ESCAPE), url, external=True))
        position = url_end
    parts.append(line[position:end].translate(_ESCAPE))
    return "".join(parts)


def _protect_edges(line: str) -> str:
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


def link(label_markup: str, href: str, *, external: bool = False) -> str:
    """A link. ``label_markup`` must already be markup (escaped text); ``href`` is a URL the
    checker accepted, or a relative URL the renderer built.

    Internal links are marked ``.external`` so MyST passes them through as plain hrefs: the
    renderer already knows where every card is, and resolving thousands of links through
    Sphinx would cost more than writing them.
    """
    destination = href.replace("\\", "\\\\").replace("<", "\\<").replace(">", "\\>")
    if external:
        # MyST recognises only lower-case schemes as URLs; the checker accepts any case.
        scheme, separator, rest = destination.partition("://")
        if separator and scheme.lower() in ("http", "https"):
            destination = f"{scheme.lower()}://{rest}"
        return f"[{label_markup}](<{destination}>)"
    return f"[{label_markup}](<{destination}>){{.external}}"


def span(markup: str, *classes: str) -> str:
    """Inline markup wrapped in a span with fixed classes."""
    return f"[{markup}]{{{_classes(classes)}}}"


def div(body: str, *classes: str, anchor: str | None = None, depth: int = 3) -> str:
    """A block container (a colon fence) with fixed classes and an optional slug id.

    ``depth`` is the number of colons: an enclosing fence must use more than any inside it.
    """
    fence = ":" * depth
    attributes = _classes(classes)
    if anchor is not None:
        if not _ID.match(anchor):
            raise ValueError(f"not a safe id: {anchor!r}")
        attributes = f"#{anchor} {attributes}".strip()
    head = f"{{{attributes}}}\n" if attributes else ""
    return f"{head}{fence}\n{body}\n{fence}"


def directive(
    name: str,
    body: str,
    *,
    options: dict[str, str] | None = None,
    depth: int = 3,
    argument: str = "",
) -> str:
    """A directive with renderer-chosen name, argument and options (never contributor text)."""
    fence = ":" * depth
    option_lines = "".join(f":{key}: {value}\n" for key, value in (options or {}).items())
    head = f"{fence}{{{name}}} {argument}".rstrip()
    return f"{head}\n{option_lines}\n{body}\n{fence}"


def bullet_list(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _classes(classes: Iterable[str]) -> str:
    names = [name for name in classes if name]
    for name in names:
        if not _CLASS.match(name):
            raise ValueError(f"not a safe class name: {name!r}")
    return " ".join(f".{name}" for name in names)
