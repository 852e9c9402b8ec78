"""Filling in a skeleton from ``rejoinder new`` as a contributor would: every placeholder
replaced by what a (made-up) source shows. Shared by the tests of ``new`` and CONTRIBUTING.md.
"""

from __future__ import annotations

import re

# Each placeholder the skeleton writes, and what a contributor copying a forum thread writes.
FILLED: dict[str, str] = {
    "<TODO the debate's title, on one line>": "Should the library open on Sundays?",
    "<TODO two or three neutral sentences: who argues what, and where>": (
        "Two residents disagree, on the town forum, about opening the library on Sundays."
    ),
    "<TODO topic-slug>": "libraries",
    "<TODO the title of the page you copied>": "Sunday opening · Town forum",
    "<TODO its address, https://...>": "https://forum.example.org/t/sunday-opening",
    "<TODO the site, as it names itself>": "Town forum",
    "<TODO the date you copied it, YYYY-MM-DD>": "2026-05-21",
    "<TODO participant-key>": "dana",
    "<TODO the person's name>": "Dana Reyes",
    "<TODO the handle exactly as shown, with its @>": "@dana",
    "<TODO post-id>": "dana-opening",
    "<TODO the time with its UTC offset, e.g. 2026-05-20T23:54:00+00:00>": (
        "2026-05-20T18:00:00+02:00"
    ),
    "<TODO the post's exact text>": "Nobody uses the library on Sundays.",
    "<TODO claim-id>": "nobody-on-sundays",
    "<TODO the claim in one neutral sentence, in your words>": (
        "The library has no visitors on Sundays."
    ),
    "<TODO the exact words of the post that make the claim>": "Nobody uses the library",
    "<TODO reply-id>": "dana-second-thoughts",
    "<TODO the reply's exact text>": "On reflection, students would come on Sundays.",
    "<TODO how you read the source, where it is not explicit>": (
        "The author answers her own opening post."
    ),
}

PLACEHOLDER = re.compile(r"<TODO[^<>\n]*>")


def placeholders(text: str) -> set[str]:
    """Every placeholder in ``text`` outside comments."""
    found: set[str] = set()
    for line in text.splitlines():
        if not line.lstrip().startswith("#"):
            found.update(PLACEHOLDER.findall(line))
    return found


def fill(text: str) -> str:
    """``text`` with every placeholder replaced; fails on a placeholder it does not know."""
    unknown = placeholders(text) - set(FILLED)
    assert not unknown, f"the skeleton has placeholders the tests do not know: {unknown}"

    def replace(line: str) -> str:
        if line.lstrip().startswith("#"):
            return line
        return PLACEHOLDER.sub(lambda match: FILLED[match.group()], line)

    return "".join(replace(line) for line in text.splitlines(keepends=True))
