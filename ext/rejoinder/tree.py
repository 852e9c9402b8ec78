"""A small document tree: what a card or a block of a page says, as data.

The renderer builds each card (and each other block of a generated page) as a tree of
:class:`Element` and ``str``. A ``str`` is contributor or renderer text *as text*: the Sphinx
layer makes it a docutils ``Text`` node, which every writer escapes, so nothing written in a
transcript is ever parsed as markup. Elements are a fixed vocabulary (:data:`TAGS`) whose
attributes the renderer chose: class names and ids checked here, links that are relative or
http(s).

A tree travels inside the generated page as JSON (an element is ``[tag, attributes,
children]``, a text is a JSON string), so a page carries everything its cards show: it changes
exactly when they do, and it can be read again without the transcripts (the last good pages,
while a transcript has errors). ``ensure_ascii`` keeps the JSON on one line of ASCII whatever
the text holds (line separators, bidi controls), so no reader can split or reorder it.

No Sphinx or docutils here: this is the core.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple, TypeAlias
from urllib.parse import urlsplit

from rejoinder import names

# tag -> what it becomes: div a block, p a paragraph, span an inline, strong strong text, a a
# link, time a moment (<time datetime>), br a line break inside a paragraph, ul/li a list,
# details a folded block whose "summary" attribute is its title.
TAGS = frozenset({"div", "p", "span", "strong", "a", "time", "br", "ul", "li", "details"})
ATTRIBUTES = frozenset({"class", "id", "href", "datetime", "summary"})
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# The renderer's trees are about ten levels deep; a deeper one is a hand-written or damaged
# page, refused before anything walks it.
MAX_DEPTH = 64
_CLASS = re.compile(r"^[a-z][a-z0-9-]*$")
# A language tag of the safe form (BCP 47 as written: en, pt-br, zh-hant-tw).
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$")


class Element(NamedTuple):
    tag: str
    attributes: dict[str, str]
    children: list[Child]


Child: TypeAlias = Element | str


class TreeError(ValueError):
    """A tree that breaks the rules above (a bug in the renderer, or a hand-edited page)."""


def element(
    tag: str,
    children: Iterable[Child] = (),
    *,
    classes: Sequence[str] = (),
    anchor: str | None = None,
    **attributes: str,
) -> Element:
    """An element of the renderer's. Only its tag is checked here: every element is checked
    in full where it crosses into the page (:func:`check_element`, as the extension reads
    it), which a renderer bug cannot skip; checking each twice cost a fifth of generating."""
    if tag not in TAGS:
        raise TreeError(f"unknown element {tag!r}")
    attrs = _attributes(classes, anchor)
    if attributes:
        attrs.update(attributes)
    return Element(tag, attrs, _kept(children))


# The renderer makes about seventy elements per card, a million for a site of 500 debates:
# the common ones are made directly, without element()'s keyword handling.


def div(*children: Child, classes: Sequence[str] = (), anchor: str | None = None) -> Element:
    return Element("div", _attributes(classes, anchor), _kept(children))


def para(*children: Child, classes: Sequence[str] = ()) -> Element:
    return Element("p", _attributes(classes, None), _kept(children))


def span(*children: Child, classes: Sequence[str] = ()) -> Element:
    return Element("span", _attributes(classes, None), _kept(children))


def _attributes(classes: Sequence[str], anchor: str | None) -> dict[str, str]:
    joined_classes = " ".join(filter(None, classes)) if classes else ""
    attrs = {"class": joined_classes} if joined_classes else {}
    if anchor is not None:
        attrs["id"] = anchor
    return attrs


def _kept(children: Iterable[Child]) -> list[Child]:
    """The children but empty texts (a line may be empty; it adds nothing to a tree)."""
    kept = list(children)
    return kept if "" not in kept else [child for child in kept if child != ""]


def link(*children: Child, href: str, classes: Sequence[str] = ()) -> Element:
    """A link: ``href`` is relative (built by the renderer) or an http(s) URL the checker
    accepted (shown to readers as a contributor's link), its scheme written in lower case."""
    scheme, separator, rest = href.partition("://")
    if separator and scheme.lower() in ("http", "https"):
        href = f"{scheme.lower()}://{rest}"
    if not _is_safe_href_cached(href):  # the one attribute that could run code: refused now
        raise TreeError(f"not a safe link: {href!r}")
    attrs = _attributes(classes, None)
    attrs["href"] = href
    return Element("a", attrs, _kept(children))


def moment(when: dt.datetime) -> Element:
    """A time in UTC, shown as :func:`rejoinder.names.utc_text`."""
    return element(
        "time", [names.utc_text(when)], classes=[names.TIME], datetime=names.utc_machine(when)
    )


def bullets(items: Iterable[Child | list[Child]], classes: Sequence[str] = ()) -> Element:
    """A list; each item is a paragraph of its children, or an ``li`` element made whole."""
    rows: list[Child] = [
        item
        if isinstance(item, Element) and item.tag == "li"
        else Element("li", {}, [para(*(item if isinstance(item, list) else [item]))])
        for item in items
    ]
    return Element("ul", _attributes(classes, None), rows)


def folded(title: str, *children: Child, classes: Sequence[str] = ()) -> Element:
    """A block shown folded under ``title`` (renderer text)."""
    return element("details", children, classes=classes, summary=title)


def joined(parts: Iterable[Child | list[Child]], separator: Child) -> list[Child]:
    """Children of each part with ``separator`` between parts (a part may be a list)."""
    result: list[Child] = []
    for number, part in enumerate(parts):
        if number:
            result.append(separator)
        result.extend(part if isinstance(part, list) else [part])
    return result


def break_lines(parts: Iterable[Child | list[Child]]) -> list[Child]:
    """Parts on lines of their own, as in one paragraph with line breaks."""
    return joined(parts, element("br"))


Highlight = tuple[str, Sequence[str]]  # exact words of the text, and the classes to mark them
# URLs in post text become links; trailing punctuation is left out, as linkifiers do.
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'`{}|\\^\[\]]+", re.IGNORECASE)
_URL_TRAILING = ".,;:!?)'\""


def text_lines(
    text: str,
    *,
    link_urls: bool = False,
    highlights: Sequence[Highlight] = (),
    terms: Mapping[str, str] | None = None,
) -> list[Child]:
    """Multi-line contributor text as the children of one paragraph: each line exactly as
    written, line breaks as ``br``. Trailing line breaks are not significant (YAML block
    scalars add one) and are dropped; an empty line inside the text stays an empty line.

    With ``link_urls``, http(s) URLs in the text become links whose text is the URL as
    written. ``terms`` maps words to the address they link to (a reference's key to its
    entry on the page), each occurrence as a whole word linked, its text as written. Each
    highlight marks the first occurrence of its words with a span of its classes (an
    annotation's words)."""
    normalized = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")
    ranges = []
    for words, classes in highlights:
        start = normalized.find(words) if words else -1
        if start >= 0:
            ranges.append((start, start + len(words), tuple(classes)))
    pattern = _terms_pattern(tuple(sorted(terms, key=len, reverse=True))) if terms else None
    lines: list[list[Child]] = []
    offset = 0
    for line in normalized.split("\n"):
        links = _links_in(line, link_urls, pattern, terms or {})
        lines.append(_line(line, offset, links, ranges))
        offset += len(line) + 1
    return break_lines(lines)


@functools.lru_cache(maxsize=256)
def _terms_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """Whole-word occurrences of any of ``terms`` (words are letters, digits, ``_`` and
    ``-``, as keys are). A term that could be an ordinary word (letters only: a key such as
    ``report``) counts only right after "reference" or "references"."""
    alternatives = "|".join(
        re.escape(term)
        if not term.isalpha()
        else rf"(?:(?<=reference )|(?<=references )){re.escape(term)}"
        for term in terms
    )
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


Link = tuple[int, int, str]  # start and end in the line, and the address


def _links_in(
    line: str, link_urls: bool, pattern: re.Pattern[str] | None, terms: Mapping[str, str]
) -> list[Link]:
    """The links of one line: its URLs, then the terms outside them, in order."""
    links: list[Link] = []
    if link_urls:
        for match in _URL_IN_TEXT.finditer(line):
            url = match.group().rstrip(_URL_TRAILING)
            links.append((match.start(), match.start() + len(url), url))
    if pattern is not None:
        for match in pattern.finditer(line):
            start, end = match.span()
            if not any(s < end and start < e for s, e, _ in links):
                links.append((start, end, terms[match.group()]))
    return sorted(links)


def _line(
    line: str, offset: int, links: list[Link], ranges: list[tuple[int, int, tuple[str, ...]]]
) -> list[Child]:
    """One line, cut where highlights start or end; each piece wrapped in the span of the
    highlights covering it, its links made when a whole link falls inside the piece."""
    if not ranges and not links:
        return [line]
    cuts = {0, len(line)}
    for start, end, _ in ranges:
        cuts.update(point - offset for point in (start, end) if 0 < point - offset < len(line))
    parts: list[Child] = []
    for piece_start, piece_end in itertools.pairwise(sorted(cuts)):
        classes = sorted(
            {
                name
                for start, end, names_ in ranges
                if start - offset <= piece_start and piece_end <= end - offset
                for name in names_
            }
        )
        inside = [item for item in links if piece_start <= item[0] and item[1] <= piece_end]
        piece = _with_links(line, piece_start, piece_end, inside)
        parts += [span(*piece, classes=classes)] if classes else piece
    return parts


def _with_links(line: str, start: int, end: int, links: list[Link]) -> list[Child]:
    parts: list[Child] = []
    position = start
    for link_start, link_end, href in links:
        parts += [line[position:link_start], link(line[link_start:link_end], href=href)]
        position = link_end
    parts.append(line[position:end])
    return [part for part in parts if part != ""]


def language_class(tag: str) -> str | None:
    """The ``language-`` class docutils writes as an HTML ``lang`` attribute, for a tag of
    the safe form; None for any other value (then shown as text only)."""
    lowered = tag.lower()
    return "language-" + lowered if _LANGUAGE.match(lowered) else None


def plain_text(child: Child | list[Any]) -> str:
    """The text of a tree, built or read from JSON, line breaks as newlines."""
    if isinstance(child, str):
        return child
    if child[0] == "br":
        return "\n"
    return "".join(plain_text(grandchild) for grandchild in child[2])


def find_class(child: Child | list[Any], name: str) -> Child | list[Any] | None:
    """The first element of a tree (built or read from JSON) with the class ``name``."""
    if isinstance(child, str):
        return None
    if name in child[1].get("class", "").split():
        return child
    for grandchild in child[2]:
        found = find_class(grandchild, name)
        if found is not None:
            return found
    return None


# -- JSON --------------------------------------------------------------------------------------


def dumps(data: Any) -> str:
    """One line of ASCII JSON (see the module's docstring)."""
    return json.dumps(data, ensure_ascii=True, separators=(",", ":"))


def check_element(tag: str, attributes: dict[str, str]) -> None:
    """Raise :class:`TreeError` unless ``tag`` and ``attributes`` follow the rules above."""
    if tag not in TAGS:
        raise TreeError(f"unknown element {tag!r}")
    for name, value in attributes.items():
        if name == "class":
            _check_classes(value)
        elif name == "id":
            if not _ID.match(value):
                raise TreeError(f"not a safe id: {value!r}")
        elif name not in ATTRIBUTES:
            raise TreeError(f"unknown attribute of {tag!r}: {name!r}")
    if tag == "a" and not is_safe_href(attributes.get("href", "")):
        raise TreeError(f"not a safe link: {attributes.get('href')!r}")


@functools.lru_cache(maxsize=4096)
def _check_classes(value: str) -> None:
    # A page repeats a few dozen class lists thousands of times: each is checked once.
    for name in value.split():
        if not _CLASS.match(name):
            raise TreeError(f"not a safe class name: {name!r}")


@functools.lru_cache(maxsize=65536)
def _is_safe_href_cached(href: str) -> bool:
    # Most links of a site repeat (people pages, cards linked from many places).
    return is_safe_href(href)


def is_safe_href(href: str) -> bool:
    """An http(s) URL with a host, or a relative URL (a page, an anchor, a query)."""
    if not href:
        return False
    try:
        parts = urlsplit(href)
    except ValueError:
        return False
    if parts.scheme:
        return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
    # A relative URL: no scheme, and not protocol-relative (//host would leave the site).
    return not href.startswith("//")


def is_external(href: str) -> bool:
    """A contributor's link (absolute http(s)); the renderer's own links are relative."""
    return urlsplit(href).scheme.lower() in ("http", "https")
