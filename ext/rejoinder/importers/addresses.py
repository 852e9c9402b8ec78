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

from rejoinder import model

_ALWAYS_ENCODED = frozenset('"<>\\^`{|}\u061c\u200e\u200f')
_ADDRESS = re.compile(model.URL_PATTERN)


def _needs_encoding(char: str) -> bool:
    code = ord(char)
    return (
        code <= 0x20
        or 0x7F <= code <= 0x9F
        or char.isspace()
        or char in _ALWAYS_ENCODED
        or 0x2028 <= code <= 0x202E
        or 0x2066 <= code <= 0x2069
    )


def web_address(url: str) -> str | None:
    """``url`` with the characters addresses may not hold percent-encoded, or None."""
    url = url.strip()
    if any(_needs_encoding(char) for char in url):
        url = "".join(
            "".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))
            if _needs_encoding(char)
            else char
            for char in url
        )
    return url if _ADDRESS.match(url) else None
