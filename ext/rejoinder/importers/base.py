"""What every platform importer shares: its options, its result, and the rules for keys and ids.

An importer turns a platform's saved API response (parsed JSON) into a *transcript mapping*:
plain dicts, lists and strings in the shape of the transcript format (see docs/format.md), which
:mod:`rejoinder.importers.emit` writes as YAML. Importers are pure: no I/O, no network (fetching
is done by :mod:`rejoinder.importers.fetch`, which hands each platform's ``fetch`` a ``get``
function), no Sphinx. They never recurse over the thread (threads can be 5,000 levels deep).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# ``get(url)`` returns the parsed JSON at ``url`` (raising FetchError on failure).
Get = Callable[[str], Any]


class UnreadableInput(Exception):
    """The input is not a response this importer understands; the message says why."""


@dataclass(frozen=True, slots=True)
class ImportOptions:
    captured: dt.date  # the date the response was captured (today, for a fetch)
    debate_id: str | None = None  # the transcript's id; derived from the thread when None
    source_url: str | None = None  # the web address the contributor gave, if any
    # Bluesky's !no-unauthenticated and similar opt-outs: by default such posts are imported
    # without their text and author. True only by the contributor's deliberate choice.
    include_opted_out: bool = False


@dataclass(slots=True)
class Imported:
    transcript: dict[str, Any]  # the transcript mapping, ready for emit
    notes: list[str] = field(default_factory=list)  # what the contributor should know


_NOT_KEY = re.compile(r"[^a-z0-9]+")


def slug(text: str, *, prefix: str = "") -> str:
    """Lower-case letters, digits and single hyphens (a valid id or key), with ``prefix``."""
    body = _NOT_KEY.sub("-", text.lower()).strip("-") or "x"
    return f"{prefix}{body}" if prefix else body


def unique(candidate: str, taken: set[str]) -> str:
    """``candidate``, or ``candidate-2``, ``-3``… if already taken; the result is added."""
    name, number = candidate, 1
    while name in taken:
        number += 1
        name = f"{candidate}-{number}"
    taken.add(name)
    return name


def iso_utc(moment: dt.datetime) -> str:
    """A moment as the transcript writes it: ISO 8601 with its offset, in UTC."""
    return moment.astimezone(dt.UTC).isoformat()
