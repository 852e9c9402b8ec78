"""Strict YAML loading: plain data plus the source position of every key and value.

Transcripts arrive by pull request, so the loader trusts nothing. It walks PyYAML's event stream
(C parser when available) instead of constructing objects, which lets it

* keep every scalar as text: YAML 1.1's implicit typing (``no`` -> False, ``12:43`` -> 763,
  ``1.10`` -> 1.1) never happens; the schema converts text where a field wants a number or time,
  so contributors need not quote times or counts;
* reject anchors, aliases, tags and extra documents where they occur (no alias bombs, no
  ``!!python/...``), duplicate keys (PyYAML silently keeps the last) and absurd nesting;
* never recurse, so no input can raise ``RecursionError``.

The result is a :class:`LoadedDocument`: the data as dicts, lists and strings (``None`` for an
empty value) and a map from each value's path to its position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from rejoinder.problems import Code, Problem, Severity

try:  # The C parser is ~10x faster and reports the same marks.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 32

Key = str | int
PathKey = tuple[Key, ...]
Position = tuple[int, int]  # 1-based line and column


@dataclass(slots=True)
class LoadedDocument:
    """One YAML file as plain data, with where each piece of it stands in the file."""

    path: str
    data: Any
    value_positions: dict[PathKey, Position] = field(default_factory=dict)
    key_positions: dict[PathKey, Position] = field(default_factory=dict)

    def position(self, path: PathKey, *, key: bool = False) -> Position:
        """The position of ``path`` (of its key when ``key``), else of its nearest ancestor."""
        table = self.key_positions if key else self.value_positions
        probe = path
        while probe:
            found = table.get(probe) or self.value_positions.get(probe)
            if found:
                return found
            probe = probe[:-1]
        return self.value_positions.get((), (1, 1))


def load_file(path: Path, display: str | None = None) -> tuple[LoadedDocument | None, list[Problem]]:
    """Read and load one file; I/O and encoding failures become problems too."""
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [_problem(name, 0, 0, Code.FILE, f"cannot read file: {error.strerror}")]
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            _problem(
                name, 1, 1, Code.YAML_LIMIT,
                f"file is {len(raw):,} bytes; transcripts may be at most {MAX_FILE_BYTES:,}",
                hint="split the debate into several transcripts that refer to each other",
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _line_column(raw[: error.start].decode("utf-8", "replace"), error.start)
        return None, [
            _problem(name, line, column, Code.FILE, "file is not valid UTF-8 text",
                     hint="save the file with UTF-8 encoding")
        ]
    return load_text(text, name)


def load_text(text: str, path: str) -> tuple[LoadedDocument | None, list[Problem]]:
    """Load YAML text. Returns the document (``None`` if unusable) and every problem found."""
    builder = _Builder(path)
    try:
        builder.run(text)
    except _TooDeepError as error:
        builder.problems.append(_problem(
            path, *error.position, Code.YAML_LIMIT,
            f"values are nested more than {MAX_DEPTH} levels deep",
            hint="transcripts need only a few levels; check the indentation",
        ))
        return None, builder.problems
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message = " ".join(part for part in (error.context, error.problem) if part)
        builder.problems.append(_problem(path, line, column, Code.YAML_SYNTAX, message or str(error)))
        return None, builder.problems
    except yaml.YAMLError as error:
        # ReaderError (a character YAML forbids) knows its offset but no line.
        position = getattr(error, "position", None)
        line, column = _line_column(text, position) if isinstance(position, int) else (0, 0)
        reason = getattr(error, "reason", None) or str(error)
        character = getattr(error, "character", None)
        if isinstance(character, str):
            reason = f"{reason}: U+{ord(character):04X}"
        elif isinstance(character, int):
            reason = f"{reason}: U+{character:04X}"
        builder.problems.append(_problem(path, line, column, Code.YAML_SYNTAX, reason,
                                         hint="remove the control character"))
        return None, builder.problems
    if not builder.has_document:
        builder.problems.append(_problem(path, 1, 1, Code.SCHEMA, "the file is empty"))
        return None, builder.problems
    return builder.document, builder.problems


def _line_column(text: str, offset: int) -> Position:
    before = text[:offset]
    line = before.count("\n") + 1
    return line, offset - (before.rfind("\n") + 1) + 1


def _problem(path: str, line: int, column: int, code: Code, message: str,
             hint: str | None = None) -> Problem:
    return Problem(path, line, column, Severity.ERROR, code, message, hint)


class _Frame:
    """A mapping or sequence being built; mappings alternate between awaiting a key and a value."""

    __slots__ = ("container", "path", "pending_key", "seen_keys")

    def __init__(self, container: dict[str, Any] | list[Any], path: PathKey) -> None:
        self.container = container
        self.path = path
        self.pending_key: str | None = None
        self.seen_keys: set[str] | None = set() if isinstance(container, dict) else None


_KEY_SKIP = "\0skip"  # a key that could not be used (not text, or a duplicate)


class _TooDeepError(Exception):
    def __init__(self, position: Position) -> None:
        super().__init__(position)
        self.position = position


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.document = LoadedDocument(path, None)
        self.has_document = False

    def run(self, text: str) -> None:
        stack: list[_Frame] = []
        documents = 0
        values = self.document.value_positions
        keys = self.document.key_positions
        for event in yaml.parse(text, Loader=_Loader):
            kind = type(event)
            if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent or kind is yaml.AliasEvent:  # noqa: E501
                mark = event.start_mark
                position = (mark.line + 1, mark.column + 1)
                self._check_node_features(event, position)
                frame = stack[-1] if stack else None
                # A scalar in key position of a mapping is a key, not a value.
                if frame is not None and frame.seen_keys is not None and frame.pending_key is None:
                    frame.pending_key = self._accept_key(event, frame, position, keys)
                    if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                        # A complex key: build it into a throwaway frame so nesting stays sane.
                        stack.append(_Frame({} if kind is yaml.MappingStartEvent else [],
                                            (_KEY_SKIP,)))
                    continue
                if frame is None:
                    path: PathKey = ()
                elif frame.seen_keys is not None:
                    path = (*frame.path, frame.pending_key)
                else:
                    path = (*frame.path, len(frame.container))
                values[path] = position
                if kind is yaml.ScalarEvent:
                    value: Any = self._scalar_value(event)
                elif kind is yaml.AliasEvent:
                    value = None
                else:
                    if len(stack) >= MAX_DEPTH:
                        raise _TooDeepError(position)
                    value = {} if kind is yaml.MappingStartEvent else []
                self._store(frame, value)
                if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                    stack.append(_Frame(value, path))
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    self.problems.append(_problem(
                        self.path, mark.line + 1, mark.column + 1, Code.YAML_FEATURE,
                        "a transcript file holds one YAML document; this is another one",
                        hint="put each debate in its own file",
                    ))
                    return
                self.has_document = True

    def _store(self, frame: _Frame | None, value: Any) -> None:
        if frame is None:
            self.document.data = value
        elif frame.seen_keys is not None:
            if frame.pending_key is not None and frame.pending_key is not _KEY_SKIP:
                frame.container[frame.pending_key] = value  # type: ignore[index]
            frame.pending_key = None
        else:
            frame.container.append(value)  # type: ignore[union-attr]

    def _accept_key(self, event: yaml.Event, frame: _Frame, position: Position,
                    keys: dict[PathKey, Position]) -> str:
        if type(event) is not yaml.ScalarEvent:
            self.problems.append(_problem(self.path, *position, Code.SCHEMA,
                                          "a mapping key must be plain text"))
            return _KEY_SKIP
        key = event.value  # type: ignore[attr-defined]
        assert frame.seen_keys is not None
        if key in frame.seen_keys:
            first = keys.get((*frame.path, key), position)
            self.problems.append(_problem(
                self.path, *position, Code.DUPLICATE_KEY,
                f"duplicate key '{key}' (first given on line {first[0]})",
                hint="YAML would silently keep only the last one; merge the two entries",
            ))
            return _KEY_SKIP
        frame.seen_keys.add(key)
        keys[(*frame.path, key)] = position
        return str(key)

    def _scalar_value(self, event: Any) -> str | None:
        # Only an empty plain scalar means "no value"; `null`, `no`, `1.10` stay text.
        if event.value == "" and not event.style:  # C parser: "", Python parser: None
            return None
        return str(event.value)

    def _check_node_features(self, event: Any, position: Position) -> None:
        if type(event) is yaml.AliasEvent:
            self.problems.append(_problem(
                self.path, *position, Code.YAML_FEATURE,
                f"aliases (*{event.anchor}) are not allowed in transcripts",
                hint="write the value out in full",
            ))
            return
        if event.anchor is not None:
            self.problems.append(_problem(
                self.path, *position, Code.YAML_FEATURE,
                f"anchors (&{event.anchor}) are not allowed in transcripts",
                hint="remove the anchor and write repeated values out in full",
            ))
        if event.tag is not None and event.tag != "!":
            self.problems.append(_problem(
                self.path, *position, Code.YAML_FEATURE,
                f"tags ({event.tag}) are not allowed in transcripts",
                hint="remove the tag; every value is read as text and checked by the schema",
            ))
