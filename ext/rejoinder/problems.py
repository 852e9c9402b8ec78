"""Problems found in transcripts, as data: one record, its codes, and how it is printed.

The core never prints or logs; it returns :class:`Problem` values. The CLI formats them for a
terminal or for GitHub Actions, the Sphinx layer turns them into located warnings.
"""

from __future__ import annotations

import difflib
import enum
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Code(enum.StrEnum):
    """Every kind of problem the checker reports; the value is the Sphinx warning subtype.

    Each member's docstring-like description lives in :data:`CODE_DESCRIPTIONS` so the
    documentation of suppressible warnings is generated from this one place.
    """

    YAML_SYNTAX = "yaml-syntax"
    YAML_FEATURE = "yaml-feature"
    YAML_LIMIT = "yaml-limit"
    DUPLICATE_KEY = "duplicate-key"
    FILE = "file"
    SCHEMA = "schema"
    UNKNOWN_KEY = "unknown-key"
    TEXT = "text"
    URL = "url"
    TIME = "time"
    DUPLICATE_ID = "duplicate-id"
    REFERENCE = "reference"
    QUOTE = "quote"
    CHRONOLOGY = "chronology"
    INCONSISTENT = "inconsistent"
    PLACEHOLDER = "placeholder"


CODE_DESCRIPTIONS: dict[Code, str] = {
    Code.YAML_SYNTAX: "The file is not well-formed YAML.",
    Code.YAML_FEATURE: "A YAML feature transcripts do not allow: anchors, aliases, tags, "
    "several documents.",
    Code.YAML_LIMIT: "The file is too large or nested too deeply, or has more problems than "
    "are listed.",
    Code.DUPLICATE_KEY: "A mapping names the same key twice (YAML would silently keep the last).",
    Code.FILE: "The file cannot be read, or is not UTF-8 text.",
    Code.SCHEMA: "A value has the wrong type or shape, or a required key is missing.",
    Code.UNKNOWN_KEY: "A key the transcript format does not define.",
    Code.TEXT: "A single-line field holds a newline, control or bidi-override character.",
    Code.URL: "A URL that is not an absolute http or https address.",
    Code.TIME: "A time or date that does not parse, has no UTC offset, or is a plain number.",
    Code.DUPLICATE_ID: "Two transcripts, posts, claims or references share an id.",
    Code.REFERENCE: "A reference (reply, quote, argument edge, annotation, author) that does "
    "not resolve.",
    Code.QUOTE: "A claim's quote or an annotation's span does not occur in the post text.",
    Code.CHRONOLOGY: "A reply is dated before the post it answers.",
    Code.INCONSISTENT: "Fields that contradict each other (e.g. an inferred attribution "
    "without a reason).",
    Code.PLACEHOLDER: "A <TODO …> placeholder of the skeleton written by rejoinder new is "
    "still in the file.",
}


# A hostile file within the size limit can hold ~12,000 posts, each with several problems.
# Listing them all buries the first ones; searching every id for a "did you mean" for each makes
# checking quadratic in the file (11 minutes for 2,000 posts). So each file lists at most
# MAX_PROBLEMS_PER_FILE problems (then one line counts the rest), only the first
# MAX_HINTED_PER_FILE problems found in a file get a close-match search, and a search weighs at
# most MAX_HINT_CANDIDATES candidates, in the order the file gives them.
MAX_PROBLEMS_PER_FILE = 200
MAX_HINTED_PER_FILE = 50
MAX_HINT_CANDIDATES = 1000


def close_match(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate most like ``word`` (``difflib.get_close_matches(word, candidates, n=1)``),
    weighing at most :data:`MAX_HINT_CANDIDATES` candidates.

    The same answer as difflib's over those candidates, for less: lengths too different to
    reach ``cutoff`` are skipped, and the full ratio is computed only while a candidate's cheap
    upper bound (``quick_ratio``) can still beat the best found.
    """
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    size = len(word)
    bounded: list[tuple[float, str]] = []
    for candidate in itertools.islice(candidates, MAX_HINT_CANDIDATES):
        if 2 * min(size, len(candidate)) < cutoff * (size + len(candidate)):
            continue  # real_quick_ratio, without a call
        matcher.set_seq1(candidate)
        quick = matcher.quick_ratio()
        if quick >= cutoff:
            bounded.append((quick, candidate))
    bounded.sort(reverse=True)
    best: tuple[float, str] | None = None
    for quick, candidate in bounded:
        if best is not None and quick < best[0]:
            break
        matcher.set_seq1(candidate)
        scored = (matcher.ratio(), candidate)
        if scored[0] >= cutoff and (best is None or scored > best):
            best = scored  # ties go to the greater string, as in difflib
    return best[1] if best else None


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One located problem. ``line`` and ``column`` are 1-based; 0 means unknown."""

    path: str
    line: int
    column: int
    severity: Severity
    code: Code
    message: str
    hint: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        """``path:line:column`` (or the path alone), safe to print: see :func:`visible`."""
        if self.line <= 0:
            return visible(self.path)
        return f"{visible(self.path)}:{self.line}:{max(self.column, 1)}"

    def format(self) -> str:
        """The compiler-style form: ``path:line:column: error: message`` and a hint line."""
        message = visible(self.message)
        text = f"{self.location()}: {self.severity.value}: {message} [{self.code.value}]"
        if self.hint:
            text += f"\n  hint: {visible(self.hint)}"
        return text

    def format_github(self) -> str:
        """A GitHub Actions workflow command, so the problem annotates the changed line."""
        kind = "error" if self.is_error else "warning"
        props = [f"file={_gh_property(visible(self.path))}"]
        if self.line > 0:
            props += [f"line={self.line}", f"col={max(self.column, 1)}"]
        props.append(f"title={_gh_property('rejoinder ' + self.code.value)}")
        message = visible(self.message) + (f"\nhint: {visible(self.hint)}" if self.hint else "")
        return f"::{kind} {','.join(props)}::{_gh_data(message)}"


# Characters that must never reach a terminal, log or annotation as they are: every control
# character (C0, DEL, C1: ESC starts terminal escape sequences), every invisible formatting
# character (Unicode category Cf: bidi overrides and isolates, zero-width characters, tag
# characters), line and paragraph separators, and lone surrogates (which cannot be encoded).
# Contributor text reaches messages quoted (an unknown key, a bad value), so every formatter
# passes its text through :func:`visible`. tests/test_problems.py holds this list complete
# against the categories of the running Python's Unicode database.
_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff"
    "\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def visible(text: str) -> str:
    """``text`` with every control and invisible formatting character written as an escape
    (``\\x1b``, ``\\u202e``), so that quoted contributor text cannot colour, move or reorder
    what a terminal, a log or a GitHub annotation shows."""
    return _INVISIBLE.sub(_escape, text)


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when inside it.

    Only the folder is resolved: a symbolic link is shown by its own name, never its target's.
    """
    try:
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
