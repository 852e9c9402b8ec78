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

import contextlib
import errno
import gc
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

from rejoinder.problems import Code, Problem, Severity
from rejoinder.resync import Resync

# The C parser is ~10x faster and reports the same marks; PyYAML may be built without it.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# A real thread of 5,000 posts imports to about 2.7 MB; 8 MiB leaves room for the largest
# threads while keeping every check linear and bounded (bench/hostile_check.py).
MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 32
MAX_FEATURE_PROBLEMS = 10
# How the placeholders of `rejoinder new`'s skeleton start. The loader notes whether the text
# holds one, so that checking a finished transcript does not walk it looking for them.
PLACEHOLDER_MARK = "<TODO"


class _AliasValue:
    """Stands where an alias was: already reported, so validation says nothing more of it."""

    def __repr__(self) -> str:
        return "ALIAS"


ALIAS: Any = _AliasValue()

Key = str | int
PathKey = tuple[Key, ...]
Position = tuple[int, int]  # 1-based line and column


class LoadedDocument:
    """One YAML file as plain data, with where each piece of it stands in the file.

    Positions are kept as PyYAML's own mark objects, per container, keyed by ``id()`` of the
    container: the hot loop then stores references it already has instead of building a path
    tuple per value. Paths are resolved by walking the data only when a problem needs one.
    """

    __slots__ = ("_marks", "_root_mark", "data", "may_hold_placeholders", "path")

    def __init__(self, path: str) -> None:
        self.path = path
        self.data: Any = None
        self.may_hold_placeholders = True  # unless the loader found no PLACEHOLDER_MARK
        self._root_mark: Any = None
        # id(container) -> (marks of its values, marks of its keys)
        self._marks: dict[int, tuple[dict[Key, Any], dict[Key, Any]]] = {}

    def position(self, path: PathKey, *, key: bool = False) -> Position:
        """The position of ``path`` (of its key when ``key``), else of its nearest ancestor."""
        mark = self._root_mark
        node = self.data
        for depth, part in enumerate(path):
            marks = self._marks.get(id(node))
            if marks is None or part not in marks[0]:
                break
            last = depth == len(path) - 1
            mark = marks[1].get(part, marks[0][part]) if key and last else marks[0][part]
            node = node[part]
        if mark is None:
            return (1, 1)
        return (mark.line + 1, mark.column + 1)


LINK_MESSAGE = "is a symbolic link; transcripts must be regular files"
LINK_HINT = (
    "put the files themselves in the sources folder, not a link to them: links are never "
    "followed, since a link can point at any file on the machine that checks the pull request"
)


def read_source(path: Path, name: str) -> bytes | Problem:
    """The bytes of a transcript file, or the problem that prevents reading them.

    Only a regular file is read, never through a symbolic link (``O_NOFOLLOW`` refuses one
    even if it replaced the file after the folder was listed), never a FIFO or a device
    (opened without blocking, then refused by its type), and never more than
    ``MAX_FILE_BYTES + 1`` bytes, so a file that grows after its size was checked cannot get
    past the limit.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except OSError as error:
        if path.is_symlink():
            return _problem(name, 0, 0, Code.FILE, LINK_MESSAGE, LINK_HINT)
        return _problem(name, 0, 0, Code.FILE, f"cannot read file: {error.strerror}")
    try:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            reason = os.strerror(errno.EISDIR)
            return _problem(name, 0, 0, Code.FILE, f"cannot read file: {reason}")
        if not stat.S_ISREG(info.st_mode):
            return _problem(
                name,
                0,
                0,
                Code.FILE,
                "is not a regular file (a pipe, socket or device); transcripts must be "
                "regular files",
            )
        if info.st_size > MAX_FILE_BYTES:
            return _too_large(name, f"{info.st_size:,} bytes")
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(handle, MAX_FILE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        return _problem(name, 0, 0, Code.FILE, f"cannot read file: {error.strerror}")
    finally:
        os.close(handle)
    if size > MAX_FILE_BYTES:  # it grew after fstat
        return _too_large(name, f"more than {MAX_FILE_BYTES:,} bytes")
    return b"".join(chunks)


def _too_large(name: str, size: str) -> Problem:
    return _problem(
        name,
        1,
        1,
        Code.YAML_LIMIT,
        f"file is {size}; transcripts may be at most {MAX_FILE_BYTES:,}",
        hint="split the debate into several transcripts that refer to each other",
    )


def load_file(
    path: Path, display: str | None = None
) -> tuple[LoadedDocument | None, list[Problem]]:
    """Read and load one file; I/O and encoding failures become problems too."""
    name = display or str(path)
    raw = read_source(path, name)
    if isinstance(raw, Problem):
        return None, [raw]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # The error's offset counts bytes; columns count characters.
        before = raw[: error.start].decode("utf-8-sig")
        line, column = _line_column(before, len(before))
        return None, [
            _problem(
                name,
                line,
                column,
                Code.FILE,
                "file is not valid UTF-8 text",
                hint="save the file with UTF-8 encoding",
            )
        ]
    return load_text(text, name)


def load_text(text: str, path: str) -> tuple[LoadedDocument | None, list[Problem]]:
    """Load YAML text. Returns the document (``None`` if unusable) and every problem found."""
    builder = _Builder(path)
    try:
        with gc_paused():
            builder.run(text)
    except _TooDeepError as error:
        builder.problems.append(
            _problem(
                path,
                *error.position,
                Code.YAML_LIMIT,
                f"values are nested more than {MAX_DEPTH} levels deep",
                hint="transcripts need only a few levels; check the indentation",
            )
        )
        return None, builder.problems
    except yaml.MarkedYAMLError as error:
        builder.problems.append(_syntax_problem(path, text, error))
        builder.problems += _problems_past(path, text, error)
        return None, builder.problems
    except yaml.YAMLError as error:
        problem = _reader_problem(path, text, error)
        builder.problems.append(problem)
        builder.problems += _problems_past(path, text, _marked(problem))
        return None, builder.problems
    if not builder.has_document:
        builder.problems.append(_problem(path, 1, 1, Code.SCHEMA, "the file is empty"))
        return None, builder.problems
    builder.document.may_hold_placeholders = PLACEHOLDER_MARK in text
    return builder.document, builder.problems


MAX_SYNTAX_ERRORS = 10


def _syntax_problem(
    path: str, text: str, error: yaml.MarkedYAMLError, resumed_at: int = 0
) -> Problem:
    """The problem of a syntax error; past a cut (``resumed_at``, a 0-based line), the
    construct the error names is left out when it starts before the cut, where the parser
    saw only part of the file."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    message = error.problem or error.context or str(error)
    context_mark = error.context_mark
    if (
        error.problem
        and error.context
        and context_mark is not None
        and mark is not None
        and context_mark.line != mark.line
        and context_mark.line >= resumed_at
    ):
        started = context_mark.line + 1
        message = f"{error.problem} ({error.context}, which starts on line {started})"
    hint = None
    if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
        hint = "YAML does not allow tabs for indentation; indent with spaces"
    elif mark is not None and error.problem:
        hint = _quoting_hint(text, error.problem, mark.line, mark.column)
    return _problem(path, line, column, Code.YAML_SYNTAX, message, hint)


def _reader_problem(path: str, text: str, error: yaml.YAMLError) -> Problem:
    """The problem of a character YAML forbids (a ReaderError, which knows its offset in
    UTF-8 bytes but not its line)."""
    position = getattr(error, "position", None)
    line, column = (0, 0)
    if isinstance(position, int):
        before = text.encode("utf-8")[:position].decode("utf-8", "ignore")
        line, column = _line_column(before, len(before))
    reason = getattr(error, "reason", None) or str(error)
    character = getattr(error, "character", None)
    if isinstance(character, str):
        reason = f"{reason}: U+{ord(character):04X}"
    elif isinstance(character, int):
        reason = f"{reason}: U+{character:04X}"
    return _problem(
        path, line, column, Code.YAML_SYNTAX, reason, hint="remove the control character"
    )


def _marked(problem: Problem) -> yaml.MarkedYAMLError | None:
    """A located problem as a parser error at its place, to read on after it."""
    if problem.line <= 0:
        return None
    mark = yaml.Mark(problem.path, 0, problem.line - 1, problem.column - 1, None, 0)
    return yaml.MarkedYAMLError(problem=problem.message, problem_mark=mark)


def _problems_past(path: str, text: str, error: yaml.MarkedYAMLError | None) -> list[Problem]:
    """What the loader can still know past a syntax error: further syntax errors, duplicate
    keys, anchors, aliases and tags, found by parsing on after each error (see
    :mod:`rejoinder.resync`), up to MAX_SYNTAX_ERRORS syntax errors in all.

    Each pass parses only from where it resumed, so the passes together read the file about
    once."""
    if error is None:
        return []
    resync = Resync(text)
    found: list[Problem] = []
    last: yaml.MarkedYAMLError | None = error
    previous = error
    for errors in range(1, MAX_SYNTAX_ERRORS + 1):
        part = resync.cut(last) if last is not None else None
        if part is None:
            break
        if errors == MAX_SYNTAX_ERRORS:
            found.append(
                _problem(
                    path,
                    resync.resume + 1,
                    1,
                    Code.YAML_SYNTAX,
                    f"not checked from here on: the file has {MAX_SYNTAX_ERRORS} syntax errors "
                    "before this line",
                    "fix those and check again",
                )
            )
            break
        builder = _Builder(path)
        last, forbidden = None, None
        try:
            with gc_paused():
                builder.run(part)
        except yaml.MarkedYAMLError as later:
            last = later
        except _TooDeepError:
            pass  # reported only where nothing was cut: see load_text
        except yaml.YAMLError as later:
            forbidden = _reader_problem(path, part, later)
            last = _marked(forbidden)
        # What the pass found before the resumption point was reported by an earlier one.
        found += [problem for problem in builder.problems if problem.line > resync.resume]
        if last is None or resync.is_consequence(last, previous):
            break
        found.append(forbidden or _syntax_problem(path, part, last, resync.resume))
        previous = last
    return found


# Characters that YAML reserves at the start of a plain value, and what it makes of them.
_VALUE_STARTS = {
    "@": "a value cannot start with '@'",
    "`": "a value cannot start with '`'",
    "%": "a value cannot start with '%'",
    "[": "a value starting with '[' is read as a list",
    "{": "a value starting with '{' is read as a mapping",
    "-": "a value starting with '- ' is read as a list entry",
    ">": "a value starting with '>' is read as a block of text",
    "|": "a value starting with '|' is read as a block of text",
    '"': "a value starting with a quote ends at the closing quote",
    "'": "a value starting with a quote ends at the closing quote",
}
_MAX_SUGGESTED = 60


def _quoting_hint(text: str, problem: str, line: int, column: int) -> str | None:
    """For the syntax errors that quoting a value fixes, say so, with the quoted value.

    The line is read as ``key: value`` (or ``- key: value``); only errors inside the value
    get the hint, so a misplaced key (bad indentation) is not told to quote anything.
    """
    lines = text.split("\n", line + 1)
    if line >= len(lines):
        return None
    source = lines[line].rstrip("\r")
    entry = re.match(r"^(\s*(?:- )?)([^\s#'\"][^:#]*?|'[^']*'|\"[^\"]*\"):[ \t]+(\S.*)$", source)
    if entry is None:
        return None
    # Past a space, '#' starts a comment: it is not part of the value to quote.
    key, value = entry.group(2), re.split(r"\s#", entry.group(3), maxsplit=1)[0].rstrip()
    value_column = len(source) - len(entry.group(3))
    if column < value_column:
        return None  # the error is in the key or the indentation, not in the value
    if "cannot start any token" in problem or "not allowed in this context" in problem:
        reason = _VALUE_STARTS.get(value[0])
        if reason is None and "mapping values" in problem:
            reason = "a colon followed by a space inside a value starts a new key"
    elif "did not find expected" in problem or "expected <block end>" in problem:
        reason = _VALUE_STARTS.get(value[0])
    else:
        reason = None
    if reason is None:
        return None
    if len(value) > _MAX_SUGGESTED or "\\" in value:
        return f"{reason}: quote this value (put it in double quotes)"
    quoted = value.replace('"', '\\"')
    return f'{reason}: quote this value, e.g. {key}: "{quoted}"'


def _char_at(text: str, line: int, column: int) -> str:
    """The character at a 0-based line and column, or '' past the end."""
    lines = text.split("\n", line + 1)
    return lines[line][column : column + 1] if line < len(lines) else ""


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building acyclic data.

    Loading keeps a million small objects alive (values and marks); each gen-0 collection would
    walk them again, which more than doubles the loading time. Nothing built here forms cycles.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _line_column(text: str, offset: int) -> Position:
    before = text[:offset]
    line = before.count("\n") + 1
    return line, offset - (before.rfind("\n") + 1) + 1


def _problem(
    path: str, line: int, column: int, code: Code, message: str, hint: str | None = None
) -> Problem:
    return Problem(path, line, column, Severity.ERROR, code, message, hint)


class _Frame:
    """A mapping or sequence being built; mappings alternate between awaiting a key and a value."""

    __slots__ = ("container", "is_mapping", "key_marks", "pending_key", "value_marks")

    def __init__(self, container: Any, marks: tuple[dict[Key, Any], dict[Key, Any]]) -> None:
        self.container: Any = container  # a dict or a list
        self.is_mapping = isinstance(container, dict)
        self.value_marks, self.key_marks = marks
        self.pending_key: Any = None  # str, or None while awaiting a key


_KEY_SKIP = "\0skip"  # a key that could not be used (not text, or a duplicate)


class _TooDeepError(Exception):
    def __init__(self, position: Position) -> None:
        super().__init__(position)
        self.position = position


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.document = LoadedDocument(path)
        self.has_document = False
        self.features_seen = 0

    def run(self, text: str) -> None:  # noqa: PLR0915 - one flat loop is the fast form
        # The hot loop of `rejoinder check`: one pass over ~50 events per post, so it avoids
        # method calls and allocations on the common path (plain scalars in mappings).
        all_marks = self.document._marks
        stack: list[_Frame] = []
        frame: _Frame | None = None
        documents = 0
        loader = _Loader(text)
        next_event: Callable[[], Any] = loader.get_event
        scalar = yaml.ScalarEvent
        mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        try:
            while True:
                event: Any = next_event()
                kind = event.__class__
                if kind is scalar or kind is mapping_start or kind is sequence_start:
                    mark = event.start_mark
                    if event.anchor is not None or event.tag is not None:
                        self._check_node_features(event, mark)
                    if frame is not None and frame.is_mapping and frame.pending_key is None:
                        if kind is scalar and event.value not in frame.key_marks:
                            frame.key_marks[event.value] = mark
                            frame.pending_key = event.value
                            continue
                        frame.pending_key = self._reject_key(event, frame, mark)
                        if kind is not scalar:
                            if len(stack) >= MAX_DEPTH:
                                raise _TooDeepError((mark.line + 1, mark.column + 1))
                            # A complex key: build it into a throwaway frame so nesting stays sane.
                            frame = _Frame({} if kind is mapping_start else [], ({}, {}))
                            stack.append(frame)
                        continue
                    if kind is scalar:
                        value: Any = event.value if (event.value or event.style) else None
                    elif len(stack) >= MAX_DEPTH:
                        raise _TooDeepError((mark.line + 1, mark.column + 1))
                    else:
                        value = {} if kind is mapping_start else []
                    if frame is None:
                        self.document.data = value
                        self.document._root_mark = mark
                    elif frame.is_mapping:
                        key: Any = frame.pending_key
                        if key is not _KEY_SKIP:
                            frame.container[key] = value
                            frame.value_marks[key] = mark
                        frame.pending_key = None
                    else:
                        frame.value_marks[len(frame.container)] = mark
                        frame.container.append(value)
                    if kind is not scalar:
                        marks: tuple[dict[Key, Any], dict[Key, Any]] = ({}, {})
                        all_marks[id(value)] = marks
                        frame = _Frame(value, marks)
                        stack.append(frame)
                elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                    stack.pop()
                    frame = stack[-1] if stack else None
                elif kind is yaml.AliasEvent:
                    self._check_node_features(event, event.start_mark)
                    if frame is not None and frame.is_mapping:
                        # An alias as a key makes that entry unusable; as a value, it stands
                        # as ALIAS, which validation skips (the alias itself was reported).
                        if frame.pending_key is None:
                            frame.pending_key = _KEY_SKIP
                        else:
                            if frame.pending_key is not _KEY_SKIP:
                                frame.container[frame.pending_key] = ALIAS
                                frame.value_marks[frame.pending_key] = event.start_mark
                            frame.pending_key = None
                    elif frame is not None:
                        frame.value_marks[len(frame.container)] = event.start_mark
                        frame.container.append(ALIAS)
                elif kind is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        mark = event.start_mark
                        self.problems.append(
                            _problem(
                                self.path,
                                mark.line + 1,
                                mark.column + 1,
                                Code.YAML_FEATURE,
                                "a transcript file holds one YAML document; this is another one",
                                hint="put each debate in its own file",
                            )
                        )
                        return
                    self.has_document = True
                elif kind is yaml.StreamEndEvent:
                    return
        finally:
            loader.dispose()

    def _reject_key(self, event: Any, frame: _Frame, mark: Any) -> str:
        """Report a key that cannot be used (not text, or a duplicate); its value is skipped."""
        position = (mark.line + 1, mark.column + 1)
        if type(event) is not yaml.ScalarEvent:
            self.problems.append(
                _problem(self.path, *position, Code.SCHEMA, "a mapping key must be plain text")
            )
            return _KEY_SKIP
        key = event.value
        first = frame.key_marks[key]
        self.problems.append(
            _problem(
                self.path,
                *position,
                Code.DUPLICATE_KEY,
                f"duplicate key '{key}' (first given on line {first.line + 1})",
                hint="YAML would silently keep only the last one; merge the two entries",
            )
        )
        return _KEY_SKIP

    def _check_node_features(self, event: Any, mark: Any) -> None:
        position = (mark.line + 1, mark.column + 1)
        if type(event) is yaml.AliasEvent:
            self._feature(
                position,
                f"aliases (*{event.anchor}) are not allowed in transcripts",
                "write the value out in full",
            )
            return
        if event.anchor is not None:
            self._feature(
                position,
                f"anchors (&{event.anchor}) are not allowed in transcripts",
                "remove the anchor and write repeated values out in full",
            )
        if event.tag is not None and event.tag != "!":
            tag = event.tag.replace("tag:yaml.org,2002:", "!!", 1)
            self._feature(
                position,
                f"tags ({tag}) are not allowed in transcripts",
                "remove the tag; every value is read as text and checked by the schema",
            )

    def _feature(self, position: Position, message: str, hint: str) -> None:
        # An alias bomb holds hundreds of aliases: report the first few, then count the rest.
        self.features_seen += 1
        if self.features_seen <= MAX_FEATURE_PROBLEMS:
            self.problems.append(_problem(self.path, *position, Code.YAML_FEATURE, message, hint))
        elif self.features_seen == MAX_FEATURE_PROBLEMS + 1:
            self.problems.append(
                _problem(
                    self.path,
                    *position,
                    Code.YAML_FEATURE,
                    f"more anchors, aliases or tags from here on; only the first "
                    f"{MAX_FEATURE_PROBLEMS} are listed",
                    "write every value out in full, without anchors, aliases or tags",
                )
            )
