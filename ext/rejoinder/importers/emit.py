"""A transcript mapping as YAML text that :mod:`rejoinder.loader` reads back exactly.

The loader keeps every scalar as text, so the emitter's one duty is that the *text* of every
value survives: trailing spaces, tabs, CR, leading spaces and empty lines, ``#``, ``: ``, YAML
words, any unicode. It writes, for each string:

* a plain scalar when the text is one safe line (``posted: 2026-05-20T23:54:00+00:00``,
  ``likes: 12``: the loader reads ``no`` or ``12`` as the text written);
* a literal block (``|-``, ``|``, ``|+``, with an indentation indicator when the first line
  starts with a space or the text with an empty line) for multi-line text whose every character
  a block holds exactly;
* a double-quoted scalar otherwise, with escapes for what YAML cannot hold as it is.

PyYAML's own emitter is not used: it refuses literal blocks with trailing spaces and folds long
quoted lines, both of which cost readability or exactness. Nesting is walked with an explicit
stack (imported threads are flat lists, but nothing here should depend on that).
"""

from __future__ import annotations

from typing import Any

SCHEMA_LINE = "# yaml-language-server: $schema=../docs/_static/transcript.schema.json"
INDENT = 2

# Characters YAML reads as it writes them (its "printable" set) minus the ones a reader treats
# as line breaks (NEL, LS, PS) or strips (BOM): anything else needs a double-quoted escape.
_BREAKS = "\x85\u2028\u2029"


def _printable(char: str) -> bool:
    code = ord(char)
    if code < 0x20:
        return char in "\t\n"  # CR is normalised to LF by the reader, so it is escaped too
    if code < 0x7F:
        return True
    if code < 0xA0:
        return False  # DEL and the C1 controls (NEL among them)
    if 0xD800 <= code <= 0xDFFF or code in (0xFEFF, 0xFFFE, 0xFFFF):
        return False
    return char not in _BREAKS


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
    return all(char not in "\t\n" and _printable(char) for char in text)


def _literal_ok(text: str) -> bool:
    """Whether a literal block holds ``text`` exactly: several lines, each of printable
    characters, and at least one line with something other than spaces (a block of only empty
    lines has no content, and its chomping would lose them)."""
    if "\n" not in text or not all(_printable(char) for char in text):
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


def double_quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar on one line."""
    out = ['"']
    for char in text:
        escape = _ESCAPES.get(char)
        if escape is not None:
            out.append(escape)
        elif _printable(char):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    out.append('"')
    return "".join(out)


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
    return double_quoted(text), []


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
