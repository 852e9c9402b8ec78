"""Transcripts written to attack the checker or the runner it runs on (issue 10).

Each test feeds real files to the real command: text that would colour or reorder the
terminal, links to files outside the sources, files that are not regular files, and files
with thousands of problems.
"""

from __future__ import annotations

import difflib
import os
import sys
import unicodedata
from pathlib import Path

import pytest
from rejoinder.loader import MAX_FILE_BYTES, load_file
from rejoinder.problems import (
    MAX_HINT_CANDIDATES,
    MAX_HINTED_PER_FILE,
    MAX_PROBLEMS_PER_FILE,
    close_match,
    visible,
)
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
        "posted_as_shown, posted_note, url, metrics, replies_to, quotes, thread_note, "
        "platform_id, status, status_note, disappeared, title, text, media, links, languages, "
        "edited_at, edited_as_shown, claims, arguments, annotations\n"
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


# --- links and special files -------------------------------------------------------------------

SECRET = "SECRET-TOKEN-4711"
LINK_ERROR = "error: is a symbolic link; transcripts must be regular files [file]"
LINK_HINT = (
    "  hint: put the files themselves in the sources folder, not a link to them: links are "
    "never followed, since a link can point at any file on the machine that checks the pull "
    "request"
)
VALID = BASE.replace("replys_to", "replies_to")


def _site_with_links(root: Path) -> None:
    """A sources folder whose links point at a secret outside it; the secret is itself YAML
    with an error on the line that holds it, so reading it would quote that line."""
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(f"id: x\ntitle: {SECRET}: [\n", encoding="utf-8")
    (outside / "more.yaml").write_text(f"id: {SECRET}\n", encoding="utf-8")
    sources = root / "sources"
    (sources / "sub").mkdir(parents=True)
    (sources / "good.yaml").write_text(VALID, encoding="utf-8")
    (sources / "a.yaml").symlink_to(outside / "secret.yaml")
    (sources / "sub" / "b.yml").symlink_to(outside / "secret.yaml")
    (sources / "linked").symlink_to(outside, target_is_directory=True)
    (sources / "dangling.yaml").symlink_to(root / "nowhere.yaml")
    (sources / "notes.txt").symlink_to(outside / "secret.yaml")  # never read: not a transcript
    (sources / ".hidden").mkdir()  # hidden folders are not searched, links in them not reported
    (sources / ".hidden" / "lib64").symlink_to(outside, target_is_directory=True)
    (sources / ".hidden" / "c.yaml").symlink_to(outside / "secret.yaml")


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_links_in_the_sources_folder_are_refused_unread(tmp_path: Path, run_cli: RunCli) -> None:
    _site_with_links(tmp_path)
    for form in ([], ["--format", "github"]):
        result = run_cli(["check", *form], cwd=tmp_path)
        assert SECRET not in result.out + result.err
        assert "outside" not in result.out + result.err  # not even the target's path
        assert result.code == 1
    result = run_cli(["check"], cwd=tmp_path)
    assert result.out == (
        f"sources/a.yaml: {LINK_ERROR}\n{LINK_HINT}\n"
        f"sources/dangling.yaml: {LINK_ERROR}\n{LINK_HINT}\n"
        f"sources/linked: {LINK_ERROR}\n{LINK_HINT}\n"
        f"sources/sub/b.yml: {LINK_ERROR}\n{LINK_HINT}\n"
        "checked 1 transcript: 4 errors, 0 warnings\n"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_links_named_on_the_command_line_are_refused_unread(
    tmp_path: Path, run_cli: RunCli
) -> None:
    _site_with_links(tmp_path)
    (tmp_path / "src").symlink_to(tmp_path / "sources", target_is_directory=True)
    result = run_cli(
        ["check", "sources/a.yaml", "sources/linked/more.yaml", "src", "src/good.yaml"],
        cwd=tmp_path,
    )
    assert SECRET not in result.out
    assert result.out == (
        f"sources/a.yaml: {LINK_ERROR}\n{LINK_HINT}\n"
        f"sources/linked: {LINK_ERROR}\n{LINK_HINT}\n"
        f"src: {LINK_ERROR}\n{LINK_HINT}\n"
        "checked 0 transcripts: 3 errors, 0 warnings\n"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_refused_without_blocking(tmp_path: Path, run_cli: RunCli) -> None:
    # Opening a FIFO for reading would wait for a writer forever: the check must not hang.
    (tmp_path / "sources").mkdir()
    os.mkfifo(tmp_path / "sources" / "pipe.yaml")
    expected = (
        "sources/pipe.yaml: error: is not a regular file (a pipe, socket or device); "
        "transcripts must be regular files [file]\n"
    )
    assert run_cli(["check"], cwd=tmp_path).out == (
        expected + "checked 0 transcripts: 1 error, 0 warnings\n"
    )
    assert run_cli(["check", "sources/pipe.yaml"], cwd=tmp_path).out == (
        expected + "checked 1 transcript: 1 error, 0 warnings\n"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_the_loader_never_reads_through_a_link(tmp_path: Path) -> None:
    # Even a link that replaced the file after the folder was listed is not followed.
    (tmp_path / "secret.yaml").write_text(f"id: {SECRET}\n", encoding="utf-8")
    (tmp_path / "x.yaml").symlink_to(tmp_path / "secret.yaml")
    doc, problems = load_file(tmp_path / "x.yaml", "x.yaml")
    assert doc is None
    assert [(p.path, p.line, p.message) for p in problems] == [
        ("x.yaml", 0, "is a symbolic link; transcripts must be regular files")
    ]


def test_a_file_that_grows_past_the_limit_while_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The size is checked with fstat, then at most MAX_FILE_BYTES + 1 bytes are read: a file
    # that stat saw small but that holds more by the time it is read is still refused.
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: b\n#" + b"x" * MAX_FILE_BYTES + b"\n")
    real_fstat = os.fstat

    def small_fstat(fd: int) -> os.stat_result:
        info = list(real_fstat(fd))
        info[6] = 10  # st_size
        return os.stat_result(info)

    monkeypatch.setattr(os, "fstat", small_fstat)
    doc, problems = load_file(path, "x.yaml")
    assert doc is None
    assert [(p.line, p.message) for p in problems] == [
        (
            1,
            f"file is more than {MAX_FILE_BYTES:,} bytes; "
            f"transcripts may be at most {MAX_FILE_BYTES:,}",
        )
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_the_source_excerpt_is_never_read_through_a_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file replaced by a link between checking and printing: its excerpt is left out.
    from rejoinder.cli.main import _SourceLines
    from rejoinder.problems import Code, Problem, Severity

    (tmp_path / "secret.yaml").write_text(f"id: {SECRET}\n", encoding="utf-8")
    (tmp_path / "x.yaml").symlink_to(tmp_path / "secret.yaml")
    monkeypatch.chdir(tmp_path)
    problem = Problem("x.yaml", 1, 5, Severity.ERROR, Code.SCHEMA, "bad id")
    assert _SourceLines().excerpt(problem) is None
    regular = Problem("secret.yaml", 1, 5, Severity.ERROR, Code.SCHEMA, "bad id")
    assert _SourceLines().excerpt(regular) == f"     1 | id: {SECRET}\n       |     ^"


# --- many problems in one file -----------------------------------------------------------------


def _with_posts(count: int, post: str) -> str:
    """VALID with ``count`` more posts, each ``post`` formatted with its number."""
    return VALID + "".join(post.format(n=n) for n in range(count))


DANGLING = """\
  - id: extra-{n:04d}
    author: ada
    replies_to: extra-{n:04d}-missing
    text: A reply to nothing.
"""


def test_a_thousand_problems_list_the_cap_and_count_the_rest(
    tmp_path: Path, run_cli: RunCli
) -> None:
    (tmp_path / "many.yaml").write_text(_with_posts(1000, DANGLING), encoding="utf-8")
    result = run_cli(["check", "--no-source", "many.yaml"], cwd=tmp_path)
    problems = [line for line in result.out.splitlines() if line.startswith("many.yaml:")]
    assert len(problems) == MAX_PROBLEMS_PER_FILE + 1
    first_unlisted = 31 + 4 * MAX_PROBLEMS_PER_FILE  # the 201st replies_to (the first: 31)
    assert result.out.endswith(
        f"many.yaml:{first_unlisted}:17: error: 800 more problems from here on are not listed "
        "(800 errors, 0 warnings); a file lists its first 200 [yaml-limit]\n"
        "  hint: fix the problems listed and check again\n"
        "checked 1 transcript: 1000 errors, 0 warnings\n"
    )
    assert result.code == 1
    # Only the first problems of a file get a "did you mean" search.
    hints = [line for line in result.out.splitlines() if "did you mean" in line]
    assert len(hints) == MAX_HINTED_PER_FILE
    github = run_cli(["check", "--format", "github", "many.yaml"], cwd=tmp_path)
    assert len(github.out.splitlines()) == MAX_PROBLEMS_PER_FILE + 1
    assert github.err == "checked 1 transcript: 1000 errors, 0 warnings\n"


EARLY_REPLY = """\
  - id: early-{n:04d}
    author: bob
    posted: 2026-05-20T21:10:00+00:00
    replies_to: ada-opening
    text: A reply dated before the post it answers.
"""


def test_errors_past_the_cap_still_fail_the_check(tmp_path: Path, run_cli: RunCli) -> None:
    # The first 200 problems are warnings; the one error comes after them. The line that
    # stands for it is an error, so neither check nor render can miss it.
    text = _with_posts(MAX_PROBLEMS_PER_FILE, EARLY_REPLY) + DANGLING.format(n=0)
    (tmp_path / "late.yaml").write_text(text, encoding="utf-8")
    result = run_cli(["check", "--no-source", "late.yaml"], cwd=tmp_path)
    assert result.code == 1
    assert result.out.count(": warning: ") == MAX_PROBLEMS_PER_FILE
    assert result.out.endswith(
        "error: 1 more problem from here on is not listed (1 error, 0 warnings); "
        "a file lists its first 200 [yaml-limit]\n"
        "  hint: fix the problems listed and check again\n"
        "checked 1 transcript: 1 error, 200 warnings\n"
    )
    render = run_cli(["render", "late.yaml"], cwd=tmp_path)
    assert (render.code, render.out) == (1, "")
    assert render.err.endswith("rejoinder render: 1 error; nothing rendered\n")


@pytest.mark.parametrize(
    ("word", "candidates"),
    [
        ("bobb", ["ada", "bob", "carol"]),
        ("ada-openin", ["ada-opening", "bob-reply", "ada-closing"]),
        ("xyz", ["ada", "bob"]),
        ("abcd", ["abce", "abdc", "bacd", "abcde"]),  # ties go to the greater string
        ("", ["", "a"]),
        ("post-00310x", [f"post-{n:05d}" for n in range(400)]),
    ],
)
def test_close_match_answers_as_difflib_does(word: str, candidates: list[str]) -> None:
    expected = difflib.get_close_matches(word, candidates, n=1)
    assert close_match(word, candidates) == (expected[0] if expected else None)


def test_close_match_weighs_a_bounded_number_of_candidates() -> None:
    candidates = [f"post-{n:05d}" for n in range(MAX_HINT_CANDIDATES + 10)]
    assert close_match(candidates[-1] + "x", candidates) != candidates[-1]
    assert close_match(candidates[5] + "x", candidates) == candidates[5]
