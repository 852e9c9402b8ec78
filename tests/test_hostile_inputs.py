"""Transcripts written to attack the checker or the runner it runs on (issue 10).

Each test feeds real files to the real command: text that would colour or reorder the
terminal, links to files outside the sources, files that are not regular files, and files
with thousands of problems.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest
from rejoinder.problems import visible
from support import BAD, RunCli

# The "unknown-key-typo" case without its description line: one problem, a misspelt key.
BASE = (BAD / "unknown-key-typo.yaml").read_text(encoding="utf-8").split("\n", 1)[1]

_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def _unsafe(text: str) -> list[str]:
    """Every character a terminal, log or annotation must not receive raw (newlines aside)."""
    return [
        f"U+{ord(ch):04X}"
        for ch in text
        if ch != "\n" and unicodedata.category(ch) in _UNSAFE_CATEGORIES
    ]


# --- control and bidi characters in messages ---------------------------------------------------

# A key written with YAML's "\e" escape (ESC: a terminal colour sequence), a value with a bidi
# override and an OSC 8 hyperlink sequence, and a raw right-to-left override in the title.
HOSTILE = BASE.replace(
    "    replys_to: ada-opening\n",
    '    "\\e[31mreplys_to\\e[0m": ada-opening\n'
    '    attribution: "shown\\u202e\\e]8;;http://x\\a"\n',
).replace("title: Is the field idle?", "title: Is the field \u202eidle?")


def test_control_and_bidi_characters_are_shown_as_escapes(tmp_path: Path, run_cli: RunCli) -> None:
    (tmp_path / "hostile.yaml").write_text(HOSTILE, encoding="utf-8")
    result = run_cli(["check", "hostile.yaml"], cwd=tmp_path)
    assert _unsafe(result.out) == []
    assert result.out == (
        "hostile.yaml:2:8: error: title: single-line field holds the invisible character "
        "U+202E at character 14 [text]\n"
        "  hint: remove invisible control and direction-override characters\n"
        "     2 | title: Is the field \\u202eidle?\n"
        "       |        ^\n"
        "hostile.yaml:25:5: error: unknown key '\\x1b[31mreplys_to\\x1b[0m' in posts[1] "
        "[unknown-key]\n"
        "  hint: allowed keys: id, author, attribution, attribution_note, posted, "
        "posted_as_shown, posted_note, url, metrics, replies_to, quotes, thread_note, text, "
        "claims, arguments, annotations\n"
        '    25 |     "\\e[31mreplys_to\\e[0m": ada-opening\n'
        "       |     ^\n"
        "hostile.yaml:26:18: error: posts[1].attribution is 'shown\\u202e\\x1b]8;;http://x\\x07', "
        "expected 'stated' or 'inferred' [schema]\n"
        '    26 |     attribution: "shown\\u202e\\e]8;;http://x\\a"\n'
        "       |                  ^\n"
        "checked 1 transcript: 3 errors, 0 warnings\n"
    )


def test_github_annotations_carry_no_control_characters(tmp_path: Path, run_cli: RunCli) -> None:
    (tmp_path / "hostile.yaml").write_text(HOSTILE, encoding="utf-8")
    result = run_cli(["check", "--format", "github", "hostile.yaml"], cwd=tmp_path)
    assert _unsafe(result.out) == []
    assert "unknown key '\\x1b[31mreplys_to\\x1b[0m' in posts[1]" in result.out
    assert "posts[1].attribution is 'shown\\u202e\\x1b]8;;http://x\\x07'" in result.out


@pytest.mark.skipif(sys.platform == "win32", reason="Windows forbids control characters in names")
def test_a_file_name_with_an_escape_sequence_is_shown_escaped(
    tmp_path: Path, run_cli: RunCli
) -> None:
    (tmp_path / "a\x1b[2Jb\u202e.yaml").write_text(
        BASE.replace("replys_to", "replies_to").replace("author: bob", "author: bobb"),
        encoding="utf-8",
    )
    for form in ([], ["--format", "github"]):
        result = run_cli(["check", *form, "."], cwd=tmp_path)
        assert _unsafe(result.out + result.err) == []
        assert "a\\x1b[2Jb\\u202e.yaml" in result.out


def test_the_caret_stands_under_the_column_after_escapes(tmp_path: Path, run_cli: RunCli) -> None:
    # A raw override comes before the faulty value on the line; the caret must still point at
    # that value as shown, after the escape.
    text = BASE.replace("replys_to", "replies_to").replace(
        "summary:", "tags: [a\u202eb, Not A Slug]\nsummary:"
    )
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    result = run_cli(["check", "t.yaml"], cwd=tmp_path)
    lines = result.out.splitlines()
    [at] = [n for n, line in enumerate(lines) if line.startswith("t.yaml:3:13: ")]
    source, caret = lines[at + 2], lines[at + 3]
    assert source == "     3 | tags: [a\\u202eb, Not A Slug]"
    assert caret.index("^") == source.index("Not A Slug")


def test_every_control_and_format_character_is_escaped() -> None:
    # The pattern in problems.py lists ranges; this holds it complete for the running Python.
    unsafe = "".join(
        chr(code)
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in _UNSAFE_CATEGORIES
    )
    shown = visible(unsafe)
    assert _unsafe(shown) == []
    assert shown.count("\\") == len(unsafe)
    assert visible("plain text, é, ☀️, עברית") == "plain text, é, ☀️, עברית"
    assert visible("\x1b\u202e\U000e0041") == "\\x1b\\u202e\\U000e0041"
