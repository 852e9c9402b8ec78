"""The skeleton transcript ``rejoinder new`` writes, and the placeholder convention it uses.

A placeholder is written ``<TODO what goes here>``: plain YAML (no quotes needed), easy to
search for, and recognised by the checker wherever it is left, in a value or a key, so an
unfilled skeleton fails with one located error per placeholder. A placeholder written twice
wants the same value twice (a participant key and the posts' authors, say).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from rejoinder.loader import PLACEHOLDER_MARK, read_source
from rejoinder.model import RESERVED_DEBATE_IDS, SLUG_PATTERN, explain_pattern_failure

PLACEHOLDER = re.compile(re.escape(PLACEHOLDER_MARK) + r"(?:[ \t][^<>\n]*)?>")
SCHEMA_FILE = Path("docs") / "_static" / "transcript.schema.json"
# What the skeleton's first line names when no schema copy is found above the sources folder:
# right for the usual layout, a sources/ folder beside docs/.
DEFAULT_SCHEMA_REFERENCE = "../docs/_static/transcript.schema.json"
_SLUG = re.compile(SLUG_PATTERN)
_TOP_LEVEL_ID = re.compile(r"""^id:[ \t]*(['"]?)([^'"#\s]+)\1[ \t]*(?:#.*)?$""", re.MULTILINE)


def find_placeholder(text: str) -> str | None:
    """The first ``<TODO …>`` placeholder in ``text``, if any."""
    found = PLACEHOLDER.search(text)
    return found.group() if found else None


def slug_problem(slug: str) -> tuple[str, str] | None:
    """Why ``slug`` cannot be a debate id (message, hint), or None when it can."""
    if not _SLUG.match(slug):
        _kind, message, hint = explain_pattern_failure(SLUG_PATTERN, slug)
        return message, hint or ""
    if slug in RESERVED_DEBATE_IDS:
        return (
            f"debate id '{slug}' is reserved for an index page",
            f"choose another id, e.g. '{slug}-debate'",
        )
    return None


def schema_reference(sources: Path) -> str:
    """The schema copy's path relative to ``sources``, for the ``yaml-language-server`` line.

    The nearest ``docs/_static/transcript.schema.json`` above the folder is named; without one
    the usual ``../docs/…`` is, which is right for a ``sources/`` folder beside ``docs/``.
    """
    folder = sources.resolve()
    for parent in (folder, *folder.parents):
        candidate = parent / SCHEMA_FILE
        if candidate.is_file():
            return Path(os.path.relpath(candidate, folder)).as_posix()
    return DEFAULT_SCHEMA_REFERENCE


def ids_in_use(files: Iterable[Path]) -> dict[str, Path]:
    """Debate ids already written at the top level of ``files`` (a quick look, not a check)."""
    found: dict[str, Path] = {}
    for file in files:
        # Read as the checker reads a transcript: never through a link, never a pipe, never
        # more than the size limit (the folder is a pull request's, not ours).
        raw = read_source(file, str(file))
        if not isinstance(raw, bytes):
            continue
        text = raw.decode("utf-8-sig", errors="replace")
        match = _TOP_LEVEL_ID.search(text)
        if match:
            found.setdefault(match.group(2), file)
    return found


def skeleton(slug: str, schema: str = DEFAULT_SCHEMA_REFERENCE, file: str | None = None) -> str:
    """The commented skeleton of the transcript ``slug``; ``file`` is its path as shown."""
    shown = file or f"sources/{slug}.yaml"
    return _SKELETON.format(slug=slug, schema=schema, file=shown)


_SKELETON = """\
# yaml-language-server: $schema={schema}
#
# A Rejoinder transcript: one debate, written down exactly as its source shows it.
#
# 1. Replace every <TODO ...> placeholder with what the source shows. A placeholder written
#    twice wants the same value twice. The checker lists every placeholder left:
#      .venv/bin/rejoinder check {file}
# 2. Delete the optional keys the source does not show. Never invent an address, an author,
#    a name or a time: a key left out is shown on the site as not shown.
# 3. Give every post of the source, in the order it shows them: copy a "- id:" block.
#
# The format is described in docs/format.md; CONTRIBUTING.md walks through a contribution.

id: {slug}  # the debate's id and page name: keep it equal to the file name
title: <TODO the debate's title, on one line>
summary: >-  # folded: wrap the lines as you like, the page shows one paragraph
  <TODO two or three neutral sentences: who argues what, and where>
tags:  # optional: topic slugs (lower-case letters, digits and single hyphens)
  - <TODO topic-slug>

sources:  # where your copy of the debate came from
  - title: <TODO the title of the page you copied>
    url: <TODO its address, https://...>  # optional
    publisher: <TODO the site, as it names itself>  # optional
    captured: <TODO the date you copied it, YYYY-MM-DD>  # optional

participants:  # everyone who posts, under a key you choose (lower-case); posts name it as author
  <TODO participant-key>:
    name: <TODO the person's name>  # optional: only where a source states it
    handle: "<TODO the handle exactly as shown, with its @>"  # optional: keep the quotes
    # Give at least one of name, display_name (exactly as shown) and handle.

posts:  # every post, in the order the source shows them
  - id: <TODO post-id>  # a slug for this post, unique in the file: its permalink anchor
    author: <TODO participant-key>  # or unknown, when the source shows no author
    posted: <TODO the time with its UTC offset, e.g. 2026-05-20T23:54:00+00:00>  # optional
    text: |
      <TODO the post's exact text>
    claims:  # optional: what the post claims
      - id: <TODO claim-id>
        statement: <TODO the claim in one neutral sentence, in your words>
        quote: <TODO the exact words of the post that make the claim>

  - id: <TODO reply-id>
    author: <TODO participant-key>
    replies_to: <TODO post-id>  # the post this one answers
    text: |
      <TODO the reply's exact text>
    arguments:  # optional: rebuts, supports, concedes, qualifies or questions a post or claim
      - rebuts: <TODO post-id>#<TODO claim-id>
        note: <TODO how you read the source, where it is not explicit>  # optional
"""
