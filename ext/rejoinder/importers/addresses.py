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
