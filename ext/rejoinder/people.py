"""Who a participant key names across debates, and where two transcripts disagree about it.

The site gives each participant key one person page, whichever debates it appears in: the key
identifies the person. So transcripts that use the same key must agree on who it is. A
person's handle and stated name identify them; display names change over time (people add
and drop emoji, titles, slogans) and profile addresses come in several forms, so those may
differ freely. A handle is compared without regard to case (platforms treat ``@Ada`` and
``@ada`` as one account), a name without regard to case or runs of spaces. A platform's account
id (``account_id``: a Bluesky DID, a Hacker News user name) is compared exactly, since some
platforms tell ids apart by case alone. A transcript that leaves a field out never conflicts on
it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from rejoinder.loader import LoadedDocument
from rejoinder.model import Transcript
from rejoinder.problems import Code, Problem, Severity

Position = tuple[int, int]


class Identity(NamedTuple):
    """What a transcript says of one participant key, with where it says it."""

    handle: str | None
    name: str | None
    handle_at: Position
    name_at: Position
    account_id: str | None = None
    account_id_at: Position = (0, 0)


_FIELDS = (
    # (field, how the message shows a value, what the hint asks to make agree)
    ("handle", "{}", "handles"),
    ("name", "named '{}'", "names"),
    ("account_id", "the account '{}'", "account ids"),
)


def identities(transcript: Transcript, doc: LoadedDocument) -> dict[str, Identity]:
    """Each participant key of ``transcript`` that gives a handle, a name or an account id,
    and where."""
    found: dict[str, Identity] = {}
    for key, person in transcript.participants.items():
        if person.handle is None and person.name is None and person.account_id is None:
            continue
        found[key] = Identity(
            person.handle,
            person.name,
            doc.position(("participants", key, "handle")),
            doc.position(("participants", key, "name")),
            person.account_id,
            doc.position(("participants", key, "account_id")),
        )
    return found


def _same(field: str, one: str, other: str) -> bool:
    if field == "handle":
        return one.casefold() == other.casefold()
    if field == "account_id":
        return one == other
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()


def conflicts(people: Iterable[tuple[str, dict[str, Identity]]]) -> list[Problem]:
    """Problems for every transcript (path, identities) that disagrees with the first one, in
    the order given, to state the same field of the same key. Each is located at the value
    that disagrees."""
    first: dict[tuple[str, str], tuple[str, str]] = {}  # (key, field) -> (value, path)
    problems: list[Problem] = []
    for path, found in people:
        for key, identity in found.items():
            for field, shown, plural in _FIELDS:
                value = getattr(identity, field)
                if value is None:
                    continue
                earlier = first.setdefault((key, field), (value, path))
                if earlier[1] == path or _same(field, value, earlier[0]):
                    continue
                here, there = shown.format(value), shown.format(earlier[0])
                line, column = getattr(identity, f"{field}_at")
                problems.append(
                    Problem(
                        path,
                        line,
                        column,
                        Severity.ERROR,
                        Code.INCONSISTENT,
                        f"participant '{key}' is {here} here but {there} in {earlier[1]}: "
                        "a participant key names one person on the whole site",
                        f"use a different key for a different person, or make the {plural} agree",
                    )
                )
    return problems
