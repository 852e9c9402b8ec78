"""A transcript mapping as YAML text that :mod:`rejoinder.loader` reads back exactly.

The loader keeps every scalar as text, so the emitter's one duty is that the *text* of every
value survives: trailing spaces, tabs, CR, leading spaces and empty lines, ``#``, ``: ``, YAML
words, any unicode. It writes, for each string:

* a plain scalar when the text is one safe line (``posted: 2026-05-20T23:54:00+00:00``,
  ``likes: 12``: the loader reads ``no`` or ``12`` as the text written);
* a literal block (``|-``, ``|``, ``|+``, with an indentation indicator when the first line
  starts with a space or the text with an empty line) for multi-line text whose every character
  a block holds exactly;
* a single-quoted scalar for other text on one line that needs no escape (``'@jhey.dev'``,
  ``'a: b'``), as the contributors write them;
* a double-quoted scalar otherwise, with escapes for what YAML cannot hold as it is.

PyYAML's own emitter is not used: it refuses literal blocks with trailing spaces and folds long
quoted lines, both of which cost readability or exactness. Nesting is walked with an explicit
stack (imported threads are flat lists, but nothing here should depend on that).
"""

from __future__ import annotations

import functools
import re
from typing import Any

SCHEMA_LINE = "# yaml-language-server: $schema=../docs/_static/transcript.schema.json"
INDENT = 2

# Characters YAML reads as it writes them (its "printable" set) minus the ones a reader treats
# as line breaks (NEL U+0085, LS U+2028, PS U+2029) or strips (BOM U+FEFF), and CR (which the
# reader turns into LF): anything else needs a double-quoted escape. One regular expression
# per question, since the emitter asks it of every character of a 5,000-post thread.
_WRITTEN_AS_IS = "\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff"
_NOT_IN_A_LINE = re.compile(f"[^{_WRITTEN_AS_IS}]")  # a plain scalar's characters
_NOT_IN_A_BLOCK = re.compile(f"[^\t\n{_WRITTEN_AS_IS}]")  # a literal block's
_NEEDS_ESCAPE = re.compile(f'[^{_WRITTEN_AS_IS}]|["\\\\]')  # a double-quoted scalar's


# A plain scalar may not start with these (they begin other YAML constructs).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")


def _plain_ok(text: str) -> bool:
    """Whether ``text`` can be written as a plain scalar in block context, read back as is."""
    if not text or text[0] in _INDICATORS or text[0] in " \t" or text[-1] in " \t:":
        return False
    if ": " in text or " #" in text or ":\t" in text or "\t#" in text:
        return False
    if text.startswith(("---", "...")):
        return False
    return _NOT_IN_A_LINE.search(text) is None


def _literal_ok(text: str) -> bool:
    """Whether a literal block holds ``text`` exactly: several lines, each of printable
    characters, and at least one line with something other than spaces (a block of only empty
    lines has no content, and its chomping would lose them)."""
    if "\n" not in text or _NOT_IN_A_BLOCK.search(text) is not None:
        return False
    return any(line.strip(" ") for line in text.split("\n"))


_ESCAPES = {
    "\0": "\\0",
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    '"': '\\"',
    "\\": "\\\\",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


def single_quoted(text: str) -> str:
    """``text`` (one line of characters written as they are) as a single-quoted scalar."""
    return "'" + text.replace("'", "''") + "'"


def double_quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar on one line."""
    return f'"{_NEEDS_ESCAPE.sub(_escape, text)}"'


def _escape(found: re.Match[str]) -> str:
    char = found.group()
    escape = _ESCAPES.get(char)
    if escape is not None:
        return escape
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _literal(text: str, indent: int) -> list[str]:
    """The header and the lines of a literal block for ``text``, content indented by
    ``indent`` spaces."""
    if not text.endswith("\n"):
        chomp, body = "-", text  # strip: no final line break
    elif text.endswith("\n\n"):
        chomp, body = "+", text[:-1]  # keep: every trailing line break
    else:
        chomp, body = "", text[:-1]  # clip: one final line break
    # The reader guesses the indentation from the first line that is not empty; when that line
    # starts with a space or a tab, or empty lines come first, it is given explicitly.
    indicator = str(INDENT) if text[0] in " \t\n" else ""
    pad = " " * indent
    return [f"|{indicator}{chomp}", *(pad + line if line else "" for line in body.split("\n"))]


def scalar_lines(text: str | None, indent: int) -> tuple[str, list[str]]:
    """The scalar as written after ``key:`` — its first part (on the key's line) and any
    following lines (for a literal block, indented by ``indent``)."""
    if text is None:
        return "", []
    if _plain_ok(text):
        return text, []
    if _literal_ok(text):
        header, *lines = _literal(text, indent)
        return header, lines
    if _NOT_IN_A_LINE.search(text) is None:  # one line that needs no escape
        return single_quoted(text), []
    return double_quoted(text), []


@functools.lru_cache(maxsize=1024)  # a thread repeats the same few keys thousands of times
def _key(key: str) -> str:
    return key if _plain_ok(key) and "," not in key and "[" not in key else double_quoted(key)


def emit(data: dict[str, Any], *, schema_line: str | None = SCHEMA_LINE) -> str:
    """``data`` (dicts, lists, strings and ``None``) as YAML text, the schema comment first."""
    lines: list[str] = [schema_line] if schema_line else []
    _block(data, 0, lines)
    return "\n".join(lines) + "\n"


def _inline_empty(value: Any) -> str | None:
    if isinstance(value, dict) and not value:
        return "{}"
    if isinstance(value, list) and not value:
        return "[]"
    return None


def _block(root: Any, indent: int, lines: list[str]) -> None:
    """Write a mapping or list in block style. The work list holds (prefix, value, indent):
    ``prefix`` is what starts the value's first line (``key:``, ``- `` or ``- key:`` …)."""
    # Each entry: a value to write, its first line's prefix, and its own indentation.
    work: list[tuple[str, Any, int]] = [("", root, indent)]
    while work:
        prefix, value, level = work.pop()
        if isinstance(value, dict) and value:
            items = list(value.items())
            children = []
            for number, (key, child) in enumerate(items):
                lead = prefix if number == 0 else " " * level
                children.append((f"{lead}{_key(str(key))}:", child, level))
            work.extend(reversed([_entry(p, c, lv) for p, c, lv in children]))
        elif isinstance(value, list) and value:
            children = []
            for number, child in enumerate(value):
                lead = prefix if number == 0 else " " * level
                children.append((f"{lead}-", child, level))
            work.extend(reversed([_item(p, c, lv) for p, c, lv in children]))
        elif prefix.endswith(("-", ":")):
            _scalar(prefix, value, level, lines)
        elif prefix == "" and isinstance(value, (dict, list)):
            lines.append(_inline_empty(value) or "")
        else:  # a prefix already holding a nested block's marker
            _scalar(prefix, value, level, lines)


def _entry(prefix: str, child: Any, level: int) -> tuple[str, Any, int]:
    """A mapping entry: nested blocks go on the following lines, indented."""
    if isinstance(child, (dict, list)) and child:
        return (f"{prefix}\n" + " " * (level + INDENT), child, level + INDENT)
    return (prefix, child, level)


def _item(prefix: str, child: Any, level: int) -> tuple[str, Any, int]:
    """A list item: a nested block starts on the dash's line (``- key: value``)."""
    if isinstance(child, (dict, list)) and child:
        return (f"{prefix} ", child, level + INDENT)
    return (prefix, child, level)


def _scalar(prefix: str, value: Any, level: int, lines: list[str]) -> None:
    empty = _inline_empty(value)
    if empty is not None:
        _append(lines, f"{prefix} {empty}")
        return
    if value is not None and not isinstance(value, str):
        raise TypeError(f"cannot write {type(value).__name__} {value!r}: transcripts hold text")
    first, rest = scalar_lines(value, level + INDENT)
    _append(lines, f"{prefix} {first}" if first else prefix)
    lines.extend(rest)


def _append(lines: list[str], text: str) -> None:
    # A prefix may carry the line breaks of the blocks it opens ("key:\n    - …").
    lines.extend(text.split("\n"))
