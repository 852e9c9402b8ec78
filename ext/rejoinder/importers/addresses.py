"""Web addresses from platform responses, in the form the transcript format takes.

Platforms hand over addresses as their authors wrote them: with spaces, ``|``, braces, quotes
or non-breaking spaces in them (``https://fonts.example/css?family=A|B``). The format refuses
such characters unescaped (RFC 3986 never allows them, and an address holding them could break
out of the page it is written in), so they are percent-encoded, as a browser does before it
sends the request: the same address, written safely. An address the format still refuses (not
http or https, a user name before the host) is None, and the importer leaves it out.
"""

from __future__ import annotations

import re
from typing import Any

from rejoinder import model
from rejoinder.importers.base import unique
from rejoinder.importers.html_text import clean_line

# Unicode white space, C0 and C1 controls, the characters RFC 3986 never allows
# unescaped, and the direction marks and overrides the format refuses.
_NOT_AS_IS = re.compile(
    '[\\s\\x00-\\x20\\x7f-\\x9f"<>\\\\^`{|}\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]'
)
_ADDRESS = re.compile(model.URL_PATTERN)


def _percent(found: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in found.group().encode("utf-8", "surrogatepass"))


def web_address(url: str) -> str | None:
    """``url`` with the characters addresses may not hold percent-encoded, or None."""
    url = _NOT_AS_IS.sub(_percent, url.strip())
    return url if _ADDRESS.match(url) else None


class References:
    """The references an importer collects from a thread: one per address, keyed ``link-1``,
    ``link-2``… in order of first sight. An address the format cannot hold is left out, and
    ``notes`` is told so."""

    def __init__(self, notes: list[str]) -> None:
        self.entries: dict[str, dict[str, str]] = {}
        self._keys: dict[str, str] = {}
        self._notes = notes

    def key(
        self, given: str, title: str, kind: str = "page", note: str | None = None
    ) -> str | None:
        """The key of the reference to ``given``, made on first sight; None if left out."""
        url = web_address(given)
        if url is None:
            self._notes.append(f"left out a link the format cannot hold: {given[:200]!r}")
            return None
        key = self._keys.get(url)
        if key is None:
            key = f"link-{len(self.entries) + 1}"
            self._keys[url] = key
            entry = {"title": title, "kind": kind, "url": url}
            if note:
                entry["note"] = note
            self.entries[key] = entry
        return key


class IdentifiedReferences:
    """References keyed by what identifies them (an address, an ``at://`` uri, a quoted
    status), ``link-1``, ``link-2``… in order of first sight, never taking a key already in
    ``anchors`` (post ids and reference keys share one id space). A card's title replaces the
    bare address a reference was first given as its title."""

    def __init__(self, anchors: set[str], notes: list[str]) -> None:
        self.entries: dict[str, dict[str, Any]] = {}
        self._keys: dict[str, str] = {}
        self._anchors = anchors
        self._notes = notes

    def key(self, identity: str, entry: dict[str, Any]) -> str:
        key = self._keys.get(identity)
        if key is None:
            key = unique(f"link-{len(self._keys) + 1}", self._anchors)
            self._keys[identity] = key
            self.entries[key] = entry
        elif self.entries[key].get("title") == entry.get("url") and entry.get("title"):
            self.entries[key]["title"] = entry["title"]
        return key

    def text_link(self, shown: str | None, raw: str) -> str | None:
        """A link the text carries under other words than its address (None: refused)."""
        address = web_address(raw)
        if address is None:
            self._notes.append(f"a link to {raw!r} is left out: the format refuses the address")
            return None
        reference: dict[str, Any] = {"title": address, "kind": "page", "url": address}
        words = clean_line(shown or "")
        if words:
            reference["note"] = f"Linked from the words: {words}"
        return self.key(address, reference)
