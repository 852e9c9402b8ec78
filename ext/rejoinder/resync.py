"""Where to resume reading YAML after a syntax error, so that one run reports every error.

A YAML parser stops at the first syntax error; a contributor who fixes it and runs the check
again would meet the next one, round after round. So after an error the loader skips the
broken construct and parses on from a line where block structure is certain again: the next
line indented no deeper than the line the broken construct starts on (the next sibling key,
the next ``- `` entry of the same list, or a key further out). Everything before that line is
blanked except the lines that open its enclosing blocks, which keeps line numbers and gives
the resumed part the structure it had in the file.

Only what the loader itself knows is reported past a cut: further syntax errors, duplicate
keys, anchors, aliases and tags. The schema is never checked on a cut file (a cut leaves keys
out), and an error whose construct starts before the cut (a flow collection, a quoted value
or a key that the cut may have left open) ends the search rather than being reported.
"""

from __future__ import annotations

import re
from typing import Any

# Contexts of block structure: they name the enclosing block (often the whole document), not
# the construct that broke, so the error's own line is where that construct starts.
_BLOCK_CONTEXT = "while parsing a block"
_COMMENT = re.compile(r"(?:^|\s)#.*$")
_ENTRY = re.compile(r"^ *(?:- +)+")
# A line that opens a block scalar: ``key: |``, ``- >-``, ``key: |2+`` and the like.
_BLOCK_SCALAR = re.compile(r"(?:^|:|-)\s*[|>][-+0-9]*$")
# A line that starts a block mapping's key (``key:`` then a space or the end) or a list entry.
_STARTS_ENTRY = re.compile(r"^ *(?:- |-\r?$|[^\s#'\"\[\]{}:,-][^:#]*:(?: |\r?$))")


def _indentation(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


class Resync:
    """The lines of one file, cut after each syntax error in turn."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")  # a "\r" stays at the end of its line: columns hold
        self.resume = 0  # 0-based line the last cut resumed at

    def is_consequence(self, error: Any, previous: Any) -> bool:
        """Whether ``error``, met after ``previous``, may be the last cut's doing or
        ``previous``'s: it, or the construct it broke, starts before the line the parse resumed
        at, or it is ``previous`` again, or the same error in the same block (a misindented
        line breaks each of its siblings in turn)."""
        if error.problem_mark is None or self._start(error) < self.resume:
            return True
        here, there = error.problem_mark, previous.problem_mark
        same_place = (here.line, here.column) == (there.line, there.column)
        context, before = error.context_mark, previous.context_mark
        same_block = (
            context is not None
            and before is not None
            and context.line == before.line
            and error.problem == previous.problem
        )
        return same_place or same_block

    def cut(self, error: Any) -> str | None:
        """Blank the construct ``error`` broke and return the text to parse next, or ``None``
        when no line past it can be checked."""
        mark = error.problem_mark
        if mark is None or self._start(error) < self.resume:
            return None
        lines = self.lines
        start, problem = self._start(error), mark.line
        if problem >= len(lines):
            return None
        indent = _indentation(lines[start])
        # An error found on a later line than the construct left open, on a line that starts
        # a key or an entry where the construct's own line did, is resumed at that line
        # itself: the open construct swallowed its start, the line may be perfectly good.
        first = problem + 1
        if (
            problem > start
            and _indentation(lines[problem]) <= indent
            and _STARTS_ENTRY.match(lines[problem])
        ):
            first = problem
        # A block scalar (``text: |``) opened on a line that is cut has its text on the lines
        # after it: those are never structure, so the parse resumes past all of them.
        for number in range(start, first):
            if _BLOCK_SCALAR.search(_COMMENT.sub("", lines[number]).rstrip()):
                if "\t" in lines[number][: len(lines[number]) - len(lines[number].lstrip())]:
                    return None  # a tab in its indentation: where its text ends is unknown
                indent = min(indent, _indentation(lines[number]))
        resume = next(
            (
                number
                for number in range(first, len(lines))
                if _is_content(lines[number]) and _indentation(lines[number]) <= indent
            ),
            None,
        )
        if resume is None:
            return None
        openers = self._openers(start, resume)
        if openers is None:
            return None
        for number in range(start, resume):
            lines[number] = ""
        self.resume = resume
        return "\n".join(openers + lines[resume:])

    def _start(self, error: Any) -> int:
        mark, context = error.problem_mark, error.context_mark
        line: int = mark.line if mark is not None else 0
        if context is not None and error.context and not error.context.startswith(_BLOCK_CONTEXT):
            line = min(line, context.line)
        return line

    def _openers(self, start: int, resume: int) -> list[str] | None:
        """Lines ``0 .. resume - 1``, blank but for those that open the blocks enclosing line
        ``resume``: going back from the cut, each line indented less than the last kept.
        ``None`` when one of them does not open a block there (a misindented line then reads
        as the continuation of a value, and would break each line resumed after it)."""
        kept = [""] * resume
        wanted = _indentation(self.lines[resume])
        for number in range(start - 1, -1, -1):
            if wanted == 0:
                break
            line = self.lines[number]
            if _is_content(line) and _indentation(line) < wanted:
                if not _opens(line, wanted):
                    return None
                kept[number] = line
                wanted = _indentation(line)
        return kept


def _opens(line: str, child: int) -> bool:
    """Whether ``line`` opens a block whose lines are indented by ``child``: a key without a
    value on its line (``posts:``), a bare ``-``, or a list entry whose mapping's keys stand
    at that column (``  - id: x`` for ``    author: y``)."""
    content = _COMMENT.sub("", line).rstrip()
    if content.endswith(":") or content.strip() == "-":
        return True
    entry = _ENTRY.match(content)
    return entry is not None and len(entry.group()) == child
