"""HTML post bodies (Mastodon ``content``, HN ``text``, Reddit ``body_html``) as plain text.

One set of stated rules, shared by every importer, so that "the text as the platform shows it"
means the same thing everywhere. Built on the standard library's :mod:`html.parser` (a
tokenizer that never recurses and never raises on malformed markup); no regular expression ever
looks at markup, only at text already taken out of it.

The rules (docs/import/*.md repeat them for each platform):

- Character references (``&amp;``, ``&#39;``, ``&quot;``…) are decoded.
- Outside ``<pre>``, every run of ASCII white space (space, tab, line feed, carriage return,
  form feed) becomes one space, and spaces at the start and end of a line are dropped, as a
  browser lays text out (``white-space: normal``). Other white space, such as the no-break space
  U+00A0, is kept as it is.
- ``<br>`` is a line break; two ``<br>`` in a row leave an empty line.
- ``<p>``, ``<blockquote>``, ``<ul>``, ``<ol>``, ``<pre>``, ``<table>``, ``<h1>`` to ``<h6>``,
  ``<hr>``, ``<dl>`` and ``<figure>`` are paragraphs: one empty line separates them from what
  comes before and after. ``<div>``, ``<li>``, ``<tr>``, ``<dt>``, ``<dd>``, ``<section>``,
  ``<article>``, ``<header>``, ``<footer>``, ``<figcaption>``, ``<summary>`` and ``<details>``
  start a new line.
- A list item starts a line with ``- `` in a ``<ul>`` and with its number (``1. ``) in an
  ``<ol>``, indented by two spaces for each list it is nested in; the paragraph or list that
  opens an item continues the marker's line, and a list inside a list starts a line, not a
  paragraph.
- Each line inside a ``<blockquote>`` starts with ``> `` (``> > `` in a quote within a quote),
  so a reply that quotes someone still shows which words are quoted; its empty lines stay empty.
- Inside ``<pre>`` the text is kept exactly, white space and line breaks included, except the
  one line break that HTML drops right after ``<pre>`` and one line break at the very end.
  (``<code>`` outside ``<pre>`` is inline text and is laid out like any other.)
- ``<script>``, ``<style>`` and ``<template>`` are dropped with their content. Every other
  element, known or not, keeps its text.
- An anchor ``<a href>`` whose text is its address, or a shortened form of it, is written as the
  full address. "Its text" includes the parts Mastodon hides with ``class="invisible"`` (the
  scheme and the tail it cuts off). A shortened form is the address with or without its scheme
  (``http://``, ``https://``), with or without ``www.`` and a trailing ``/``, or a prefix of that
  followed by an ellipsis (``…`` or ``...``).
- A mention or hashtag anchor (class ``mention``/``hashtag``, ``rel="tag"``, or text starting
  with ``@`` or ``#``) keeps its text as shown; its address is not a link.
- Any other anchor keeps its text as shown, and its address is returned in
  :attr:`HtmlText.links` as ``(text, address)``.
- Only ``http``/``https`` addresses count; others (``mailto:``, ``javascript:``, fragments) leave
  the anchor's text as shown and are not returned. A relative address is resolved against
  ``base`` when one is given, and otherwise ignored.
- Line breaks before the first and after the last text are dropped.

Characters the transcript format refuses in text (C0/C1 controls other than tab and line break,
bidi overrides) are not this module's business in :func:`html_to_text`; :func:`clean_text` and
:func:`clean_line` remove them, and say which ones they removed.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser

from rejoinder import model

_ASCII_SPACE = re.compile(r"[ \t\n\r\f]+")
_PARAGRAPHS = frozenset(
    {
        "p",
        "blockquote",
        "ul",
        "ol",
        "pre",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "dl",
        "figure",
    }
)
_LINES = frozenset(
    {
        "div",
        "li",
        "tr",
        "dt",
        "dd",
        "section",
        "article",
        "header",
        "footer",
        "figcaption",
        "summary",
        "details",
        "main",
        "nav",
        "aside",
        "address",
    }
)
_DROPPED = frozenset({"script", "style", "template"})
_ELLIPSES = ("…", "...")


@dataclass(frozen=True, slots=True)
class HtmlText:
    text: str  # the plain text, by the rules above
    links: list[tuple[str, str]] = field(default_factory=list)  # (text shown, full address)


def _web_address(href: str | None, base: str | None) -> str | None:
    """``href`` as an absolute http(s) address, or None."""
    if not href:
        return None
    href = href.strip()
    try:
        parts = urllib.parse.urlsplit(href)
        if not parts.scheme and base:
            href = urllib.parse.urljoin(base, href)
            parts = urllib.parse.urlsplit(href)
    except ValueError:  # not an address at all (an unbalanced "[" in the host)
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return href


def _bare(address: str) -> str:
    """An address without its scheme, ``www.`` and trailing slash, for comparing."""
    lowered = address
    for scheme in ("https://", "http://"):
        if lowered.lower().startswith(scheme):
            lowered = lowered[len(scheme) :]
            break
    if lowered.lower().startswith("www."):
        lowered = lowered[4:]
    return lowered.rstrip("/")


def is_shortened_address(shown: str, address: str) -> bool:
    """Is ``shown`` the address itself or a shortened form of it (see the module's rules)?"""
    shown = shown.strip()
    truncated = False
    for ellipsis in _ELLIPSES:
        if shown.endswith(ellipsis):
            shown, truncated = shown[: -len(ellipsis)], True
            break
    core = _bare(shown)
    if not core:
        return False
    full = _bare(address)
    if truncated:
        if "." not in core:  # "more..." is not an address, even if one starts with "more"
            return False
        # The shown part of a truncated address keeps its slashes: compare before rstrip.
        return _bare_keep_slash(address).startswith(_bare_keep_slash(shown))
    return core == full


def _bare_keep_slash(address: str) -> str:
    bare = _bare(address)
    return bare + "/" if address.endswith("/") and bare else bare


class _Converter(HTMLParser):
    def __init__(self, base: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.base = base
        self.parts: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.written = False  # any text written yet
        self.line_start = True  # at the start of a line: spaces are dropped
        self.pending_space = False
        self.pending_breaks = 0  # line breaks owed before the next text
        self.dropped_depth = 0  # inside <script>/<style>/<template>
        self.pre_depth = 0
        self.pre_fresh = False  # just after <pre>: one leading line break is dropped
        self.pre_buffer: list[str] = []
        self.lists: list[list[int]] = []  # per open list: [is_ordered, next number]
        self.after_marker = False  # just after a list item's marker
        self.quote_depth = 0  # open <blockquote> elements: each line is marked "> " per level
        # The open anchor: (address or None, is a mention, pieces of its text).
        self.anchor: tuple[str | None, bool, list[str]] | None = None

    # -- writing ---------------------------------------------------------------------------

    def _break(self, lines: int) -> None:
        if self.after_marker:  # a list item's first paragraph (or list) continues its line
            return
        self.pending_breaks = max(self.pending_breaks, lines)
        self.pending_space = False

    def _flush_breaks(self) -> None:
        if self.pending_breaks and self.written:
            self.parts.append("\n" * self.pending_breaks)
            self.line_start = True
        self.pending_breaks = 0

    def _write_word(self, word: str) -> None:
        self.after_marker = False
        self._flush_breaks()
        if self.pending_space and not self.line_start:
            self.parts.append(" ")
        self.pending_space = False
        if self.line_start and self.quote_depth:
            self.parts.append("> " * self.quote_depth)
        self.parts.append(word)
        self.written = True
        self.line_start = False

    def _write_flowing(self, data: str) -> None:
        words = _ASCII_SPACE.split(data)
        for index, word in enumerate(words):
            if index:
                self.pending_space = True
            if word:
                self._write_word(word)

    def _write_exact(self, data: str) -> None:
        """Text inside <pre>: kept as is (its breaks count as written text)."""
        if not data:
            return
        self.after_marker = False
        self._flush_breaks()
        if self.pending_space and not self.line_start:
            self.parts.append(" ")
        self.pending_space = False
        if self.quote_depth:
            marker = "> " * self.quote_depth
            ends_line = data.endswith("\n")
            data = data[:-1] if ends_line else data
            data = data.replace("\n", "\n" + marker) + ("\n" if ends_line else "")
            if self.line_start:
                data = marker + data
        self.parts.append(data)
        self.written = True
        self.line_start = data.endswith("\n")

    # -- anchors ---------------------------------------------------------------------------

    def _open_anchor(self, attrs: list[tuple[str, str | None]]) -> None:
        self._close_anchor()  # anchors do not nest: a new one ends the open one
        values = {name: value or "" for name, value in attrs}
        classes = values.get("class", "").split()
        mention = (
            "mention" in classes or "hashtag" in classes or "tag" in values.get("rel", "").split()
        )
        self.anchor = (_web_address(values.get("href"), self.base), mention, [])

    def _close_anchor(self) -> None:
        if self.anchor is None:
            return
        address, mention, pieces = self.anchor
        self.anchor = None
        raw = "".join(pieces)
        shown = " ".join(word for word in _ASCII_SPACE.split(raw) if word)
        mention = mention or shown.startswith(("@", "#"))
        if address is not None and not mention and shown and is_shortened_address(shown, address):
            # Keep the white space around the anchor's text, write the address for its text.
            if raw[:1].isspace():
                self.pending_space = True
            self._write_word(address)
            if raw != raw.rstrip(" \t\n\r\f"):
                self.pending_space = True
            return
        self._write_flowing(raw)
        if address is not None and not mention and shown:
            self.links.append((shown, address))

    # -- parser callbacks ------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self.dropped_depth += 1
            return
        if self.dropped_depth:
            return
        if tag == "a":
            self._open_anchor(attrs)
            return
        if tag == "br":
            self._line_break()
            return
        if tag == "li":
            self.after_marker = False  # an empty item still ends its line
        if tag in _PARAGRAPHS or tag in _LINES:
            self._close_anchor()
            self._break(self._lines_around(tag))
        if tag == "blockquote":
            self.quote_depth += 1
        if tag in ("ul", "ol"):
            self.lists.append([tag == "ol", 1])
        elif tag == "li":
            self._list_marker()
        elif tag == "pre":
            self.pre_depth += 1
            self.pre_fresh = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "hr", "img", "wbr", "input", "meta", "link"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self.dropped_depth = max(0, self.dropped_depth - 1)
            return
        if self.dropped_depth:
            return
        if tag == "a":
            self._close_anchor()
            return
        if tag == "br":  # browsers read </br> as <br>
            self._line_break()
            return
        if tag == "pre" and self.pre_depth:
            self.pre_depth -= 1
            if not self.pre_depth:
                self._end_pre()
        if tag == "blockquote" and self.quote_depth:
            self.quote_depth -= 1
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag == "li":
            self.after_marker = False
        if tag in _PARAGRAPHS or tag in _LINES:
            self._close_anchor()
            self._break(self._lines_around(tag))

    def _lines_around(self, tag: str) -> int:
        """Line breaks before and after an element: a list inside a list starts a line only."""
        if tag in ("ul", "ol") and self.lists:
            return 1
        return 2 if tag in _PARAGRAPHS else 1

    def handle_data(self, data: str) -> None:
        if self.dropped_depth:
            return
        if self.pre_depth:
            if self.pre_fresh and data.startswith("\n"):
                data = data[1:]
            self.pre_fresh = False
            self.pre_buffer.append(data)
        elif self.anchor is not None:
            self.anchor[2].append(data)
        else:
            self._write_flowing(data)

    def _line_break(self) -> None:
        if self.pre_depth:
            self.pre_fresh = False
            self.pre_buffer.append("\n")
            return
        self._close_anchor()
        if not self.written:
            return
        self.pending_breaks += 1
        self.pending_space = False

    def _list_marker(self) -> None:
        indent = "  " * (len(self.lists) - 1) if self.lists else ""
        if self.lists and self.lists[-1][0]:
            number = self.lists[-1][1]
            self.lists[-1][1] += 1
            self._write_word(f"{indent}{number}.")
        else:
            self._write_word(f"{indent}-")
        self.pending_space = True
        self.after_marker = True

    def _end_pre(self) -> None:
        text = "".join(self.pre_buffer)
        self.pre_buffer = []
        if text.endswith("\n"):
            text = text[:-1]
        self._write_exact(text)

    def result(self) -> HtmlText:
        self.close()
        self._close_anchor()
        if self.pre_depth:
            self._end_pre()
        return HtmlText("".join(self.parts), self.links)


def html_to_text(html: str, *, base: str | None = None) -> HtmlText:
    """The plain text of an HTML post body by the module's rules, and its other links."""
    converter = _Converter(base)
    converter.feed(html)
    return converter.result()


# Lone surrogates (JSON allows the escape \ud800 alone) are no characters: no file holds them.
_SURROGATES = "\\ud800-\\udfff"
_FORBIDDEN_IN_TEXT = re.compile(f"[{model.BAD_TEXT_CHARS}{_SURROGATES}]")
_LINE_BREAKS = re.compile("[\t\n\r\u2028\u2029]+")
_FORBIDDEN_IN_LINE = re.compile(f"[{model.BAD_LINE_CHARS}{_SURROGATES}]")


def clean_text(text: str) -> tuple[str, list[str]]:
    """``text`` without the characters the format refuses in text, and those removed.

    They are invisible (controls, direction overrides, lone surrogates), so the text shown does
    not change; the importer says which ones it removed.
    """
    removed = _FORBIDDEN_IN_TEXT.findall(text)
    return (_FORBIDDEN_IN_TEXT.sub("", text) if removed else text), removed


def clean_line(text: str) -> str:
    """One-line text (names): line breaks and tabs become a space, invisible controls go."""
    return _FORBIDDEN_IN_LINE.sub("", _LINE_BREAKS.sub(" ", text)).strip()


def describe_removed(removed: list[str]) -> str:
    """``U+202E, U+001B`` — the removed characters, each once, for a note."""
    seen = dict.fromkeys(f"U+{ord(char):04X}" for char in removed)
    return ", ".join(seen)
