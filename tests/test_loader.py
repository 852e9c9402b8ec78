"""Unit tests of the strict YAML loader: no implicit typing, 1-based positions, rejections."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rejoinder.loader import (
    ALIAS,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_SYNTAX_ERRORS,
    LoadedDocument,
    load_file,
    load_text,
)
from rejoinder.problems import Code, Problem, Severity
from support import GOOD


def load_ok(text: str) -> LoadedDocument:
    doc, problems = load_text(text, "t.yaml")
    assert problems == []
    assert doc is not None
    return doc


def rejections(text: str) -> list[tuple[int, int, Code, str]]:
    _, problems = load_text(text, "t.yaml")
    assert all(isinstance(p, Problem) and p.path == "t.yaml" for p in problems)
    assert all(p.severity is Severity.ERROR for p in problems)
    return [(p.line, p.column, p.code, p.message) for p in problems]


# --- no implicit typing ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "plain",
    [
        "no",
        "No",
        "NO",
        "yes",
        "on",
        "off",
        "y",
        "n",
        "true",
        "False",
        "null",
        "Null",
        "NULL",
        "~",
        "12:43",
        "1:02:03",
        "1.10",
        "1.0",
        "0755",
        "0o17",
        "0x1F",
        "1_000",
        "1e3",
        "-1",
        "+2",
        ".inf",
        "-.Inf",
        ".nan",
        "2024-01-05",
        "2024-01-05T10:00:00Z",
        "2001-12-14 21:59:43.10 -5",
        "=",
        "<<",
    ],
)
def test_plain_scalars_stay_text(plain: str) -> None:
    doc = load_ok(f"value: {plain}\nlist: [{plain}]\n{plain}: key\n")
    assert doc.data == {"value": plain, "list": [plain], plain: "key"}
    assert all(type(value) is str for value in (doc.data["value"], doc.data["list"][0]))


def test_merge_key_is_an_ordinary_key() -> None:
    assert load_ok("<<: {a: b}\nc: d\n").data == {"<<": {"a": "b"}, "c": "d"}


def test_empty_values() -> None:
    doc = load_ok("a:\nb: ''\nc: \"\"\nd: ~\ne: null\nf: []\ng: {}\nh:\n  -\n  - ''\n")
    assert doc.data == {
        "a": None,
        "b": "",
        "c": "",
        "d": "~",
        "e": "null",
        "f": [],
        "g": {},
        "h": [None, ""],
    }


def test_empty_flow_entries() -> None:
    assert load_ok("a: {b: , c: ''}\n").data == {"a": {"b": None, "c": ""}}


def test_block_scalars() -> None:
    doc = load_ok("a: |\n  one\n  two\nb: >\n  one\n  two\nc: |-\n  x\n\nd: |+\n  y\n\ne: x\n")
    assert doc.data == {"a": "one\ntwo\n", "b": "one two\n", "c": "x", "d": "y\n\n", "e": "x"}


def test_quoted_scalars_and_escapes() -> None:
    doc = load_ok("a: 'it''s'\nb: \"tab\\there \\u00e9 \\x41\"\nc: \"line\\nbreak\"\n")
    assert doc.data == {"a": "it's", "b": "tab\there é A", "c": "line\nbreak"}


def test_keys_are_text_and_order_is_kept() -> None:
    doc = load_ok("z: 1\n1: a\nfalse: b\n2024-01-05: c\n")
    assert list(doc.data) == ["z", "1", "false", "2024-01-05"]


def test_bom_is_not_part_of_the_first_key() -> None:
    doc = load_ok("\ufeffid: x\n")
    assert doc.data == {"id": "x"}
    assert doc.position(("id",)) == (1, 5)


def test_crlf_line_endings() -> None:
    doc = load_ok("a: |\r\n  one\r\n  two\r\nb: x\r\n")
    assert doc.data == {"a": "one\ntwo\n", "b": "x"}
    assert doc.position(("b",)) == (4, 4)


# --- positions ---------------------------------------------------------------------------------

NESTED = """\
# a comment
id: x
posts:
  - id: first
    text: |
      hello
    claims:
      - {id: c1, statement: s}
  -   id: second
      tags: [a, "b"]
"""


def test_positions_are_one_based() -> None:
    doc = load_ok(NESTED)
    assert doc.position(()) == (2, 1)
    assert doc.position(("id",)) == (2, 5)
    assert doc.position(("id",), key=True) == (2, 1)
    assert doc.position(("posts",)) == (4, 3)
    assert doc.position(("posts",), key=True) == (3, 1)
    assert doc.position(("posts", 0)) == (4, 5)
    assert doc.position(("posts", 0, "id")) == (4, 9)
    assert doc.position(("posts", 0, "id"), key=True) == (4, 5)
    assert doc.position(("posts", 0, "text")) == (5, 11)
    assert doc.position(("posts", 0, "claims", 0)) == (8, 9)
    assert doc.position(("posts", 0, "claims", 0, "statement")) == (8, 29)
    assert doc.position(("posts", 0, "claims", 0, "statement"), key=True) == (8, 18)
    assert doc.position(("posts", 1)) == (9, 7)
    assert doc.position(("posts", 1, "id")) == (9, 11)
    assert doc.position(("posts", 1, "tags", 0)) == (10, 14)
    assert doc.position(("posts", 1, "tags", 1)) == (10, 17)


def test_position_falls_back_to_the_nearest_ancestor() -> None:
    doc = load_ok(NESTED)
    assert doc.position(("posts", 0, "missing")) == (4, 5)
    assert doc.position(("posts", 0, "missing"), key=True) == (4, 5)
    assert doc.position(("posts", 7, "id")) == (4, 3)
    assert doc.position(("nothing", "here")) == (2, 1)
    assert doc.position(("posts", 0, "text", 3)) == (5, 11)  # below a scalar


def test_position_of_empty_values() -> None:
    doc = load_ok("a:\nb:\n  -\n")
    assert doc.position(("a",)) == (1, 3)
    assert doc.position(("b", 0)) == (3, 4)


def test_positions_count_characters_not_bytes() -> None:
    doc = load_ok("é: ü\nkey: [ä, ö]\n")
    assert doc.position(("é",)) == (1, 4)
    assert doc.position(("key", 1)) == (2, 10)


def test_path_is_kept() -> None:
    doc, _ = load_text("a: b\n", "sources/x.yaml")
    assert doc is not None
    assert doc.path == "sources/x.yaml"


# --- rejections, each at its line:column -------------------------------------------------------


def test_duplicate_key() -> None:
    assert rejections("a: 1\nb: 2\na: 3\n") == [
        (3, 1, Code.DUPLICATE_KEY, "duplicate key 'a' (first given on line 1)")
    ]


def test_duplicate_key_keeps_the_first_value() -> None:
    doc, _ = load_text("a: 1\nb: 2\na: 3\n", "t.yaml")
    assert doc is not None
    assert doc.data == {"a": "1", "b": "2"}


def test_duplicate_key_nested_and_in_flow() -> None:
    assert rejections("p:\n  - x: 1\n    y: 2\n    x: 3\nq: {a: 1, a: 2}\n") == [
        (4, 5, Code.DUPLICATE_KEY, "duplicate key 'x' (first given on line 2)"),
        (5, 11, Code.DUPLICATE_KEY, "duplicate key 'a' (first given on line 5)"),
    ]


def test_same_key_in_different_mappings_is_fine() -> None:
    assert load_ok("a: {x: 1}\nb: {x: 2}\n").data == {"a": {"x": "1"}, "b": {"x": "2"}}


def test_keys_differing_only_by_quoting_are_duplicates() -> None:
    assert rejections("a: 1\n'a': 2\n") == [
        (2, 1, Code.DUPLICATE_KEY, "duplicate key 'a' (first given on line 1)")
    ]


def test_anchor() -> None:
    assert rejections("a: &x 1\n") == [
        (1, 4, Code.YAML_FEATURE, "anchors (&x) are not allowed in transcripts")
    ]


def test_anchor_on_a_mapping() -> None:
    assert rejections("a: &m\n  b: 1\n") == [
        (1, 4, Code.YAML_FEATURE, "anchors (&m) are not allowed in transcripts")
    ]


def test_alias_is_rejected_and_becomes_empty() -> None:
    doc, problems = load_text("a: &x 1\nb: *x\nc: [*x]\n", "t.yaml")
    assert [(p.line, p.column, p.message) for p in problems] == [
        (1, 4, "anchors (&x) are not allowed in transcripts"),
        (2, 4, "aliases (*x) are not allowed in transcripts"),
        (3, 5, "aliases (*x) are not allowed in transcripts"),
    ]
    assert doc is not None
    assert doc.data == {"a": "1", "b": ALIAS, "c": [ALIAS]}  # reported; validation skips it


def test_recursive_alias() -> None:
    doc, problems = load_text("a: &a [*a]\n", "t.yaml")
    assert [(p.line, p.column, p.code) for p in problems] == [
        (1, 4, Code.YAML_FEATURE),
        (1, 8, Code.YAML_FEATURE),
    ]
    assert doc is not None
    assert doc.data == {"a": [ALIAS]}


def test_alias_of_an_undefined_anchor() -> None:
    assert rejections("a: *nowhere\n") == [
        (1, 4, Code.YAML_FEATURE, "aliases (*nowhere) are not allowed in transcripts")
    ]


@pytest.mark.parametrize(
    ("text", "column", "tag"),
    [
        ("a: !!python/object/apply:os.system ['ls']\n", 4, "!!python/object/apply:os.system"),
        ("a: !!python/name:os.system ''\n", 4, "!!python/name:os.system"),
        ("a: !!binary aGVsbG8=\n", 4, "!!binary"),
        ("a: !!str x\n", 4, "!!str"),
        ("a: !!int 3\n", 4, "!!int"),
        ("a: !!set {x}\n", 4, "!!set"),
        ("a: !local x\n", 4, "!local"),
        ("a: !<tag:example.org,2024:x> x\n", 4, "tag:example.org,2024:x"),
        ("- !!map {}\n", 3, "!!map"),
    ],
)
def test_tags(text: str, column: int, tag: str) -> None:
    assert rejections(text) == [
        (1, column, Code.YAML_FEATURE, f"tags ({tag}) are not allowed in transcripts")
    ]


def test_tag_on_the_document() -> None:
    assert rejections("--- !!map\na: b\n") == [
        (1, 5, Code.YAML_FEATURE, "tags (!!map) are not allowed in transcripts")
    ]


def test_two_documents() -> None:
    doc, problems = load_text("a: 1\n---\nb: 2\n", "t.yaml")
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 1, Code.YAML_FEATURE)]
    assert problems[0].message == "a transcript file holds one YAML document; this is another one"
    assert doc is not None
    assert doc.data == {"a": "1"}


def test_explicit_single_document_is_fine() -> None:
    assert load_ok("---\na: 1\n...\n").data == {"a": "1"}


def test_document_end_then_another_document() -> None:
    assert [(line, column) for line, column, *_ in rejections("a: 1\n...\n---\nb: 2\n")] == [(3, 1)]


def _nested(levels: int) -> str:
    return "[" * levels + "x" + "]" * levels + "\n"


def test_nesting_at_the_limit_is_accepted() -> None:
    doc = load_ok(_nested(MAX_DEPTH))
    node = doc.data
    for _ in range(MAX_DEPTH - 1):
        node = node[0]
    assert node == ["x"]


def test_nesting_over_the_limit() -> None:
    assert rejections(_nested(MAX_DEPTH + 1)) == [
        (1, MAX_DEPTH + 1, Code.YAML_LIMIT, "values are nested more than 32 levels deep")
    ]


def test_block_nesting_over_the_limit() -> None:
    text = "".join("  " * level + f"k{level}:\n" for level in range(40))
    assert rejections(text) == [
        (
            MAX_DEPTH + 1,
            2 * MAX_DEPTH + 1,
            Code.YAML_LIMIT,
            "values are nested more than 32 levels deep",
        )
    ]


def test_huge_nesting_does_not_recurse() -> None:
    problems = rejections("[" * 200_000)
    assert len(problems) == 1
    assert problems[0][2] in (Code.YAML_LIMIT, Code.YAML_SYNTAX)


def test_complex_key() -> None:
    doc, problems = load_text("? [a, b]\n: c\nd: e\n", "t.yaml")
    assert [(p.line, p.column, p.code, p.message) for p in problems] == [
        (1, 3, Code.SCHEMA, "a mapping key must be plain text")
    ]
    assert doc is not None
    assert doc.data == {"d": "e"}


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a: [1\n", 2, 1),  # unclosed flow sequence: found the end of the file
        ("a: 'x\n", 2, 1),
        ("a: b: c\n", 1, 5),
        ("a: 1\n b: 2\n", 2, 3),
        ("a:\n\t- b\n", 2, 1),  # a tab used as indentation
        ("- a\nb: c\n", 2, 1),
        ("{a: 1\n", 2, 1),
        ("a: @x\n", 1, 4),  # '@' is reserved
    ],
)
def test_syntax_errors(text: str, line: int, column: int) -> None:
    problems = rejections(text)
    assert [(p[0], p[1], p[2]) for p in problems] == [(line, column, Code.YAML_SYNTAX)]
    assert problems[0][3]


def test_syntax_error_message() -> None:
    assert rejections("a: b: c\n") == [
        (1, 5, Code.YAML_SYNTAX, "mapping values are not allowed in this context")
    ]


@pytest.mark.parametrize(
    ("text", "line", "column", "codepoint"),
    [
        ("a: x\x07y\n", 1, 5, "0007"),
        ("a: b\nc: \x00\n", 2, 4, "0000"),
        ("a: b\n\x1b[31m: c\n", 2, 1, "001B"),
        ("a: '\x7f'\n", 1, 5, "007F"),
        ("a: \ufffe\n", 1, 4, "FFFE"),
        ("a: x\x9b\n", 1, 5, "009B"),
    ],
)
def test_characters_yaml_forbids(text: str, line: int, column: int, codepoint: str) -> None:
    assert rejections(text) == [
        (line, column, Code.YAML_SYNTAX, f"control characters are not allowed: U+{codepoint}")
    ]


def test_forbidden_character_after_multibyte_text() -> None:
    assert rejections("a: éé\x07\n") == [
        (1, 6, Code.YAML_SYNTAX, "control characters are not allowed: U+0007")
    ]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "\ufeff"])
def test_empty_file(text: str) -> None:
    doc, problems = load_text(text, "t.yaml")
    assert doc is None
    assert [(p.line, p.column, p.code, p.message) for p in problems] == [
        (1, 1, Code.SCHEMA, "the file is empty")
    ]


def test_empty_document_is_loaded_as_nothing() -> None:
    doc = load_ok("---\n")
    assert doc.data is None


@pytest.mark.parametrize("text", ["x\n", "- a\n", "'just text'\n"])
def test_top_level_need_not_be_a_mapping_for_the_loader(text: str) -> None:
    assert load_ok(text).data in ("x", ["a"], "just text")


def test_problems_of_several_kinds_are_all_reported() -> None:
    assert [(p[0], p[1], p[2]) for p in rejections("a: &x 1\nb: !!str 2\na: 3\n")] == [
        (1, 4, Code.YAML_FEATURE),
        (2, 4, Code.YAML_FEATURE),
        (3, 1, Code.DUPLICATE_KEY),
    ]


# --- files -------------------------------------------------------------------------------------


def test_load_file(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: no\n", encoding="utf-8")
    doc, problems = load_file(path, "shown.yaml")
    assert problems == []
    assert doc is not None
    assert (doc.path, doc.data) == ("shown.yaml", {"a": "no"})


def test_load_file_without_display_name_uses_the_path(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: b\n", encoding="utf-8")
    doc, _ = load_file(path)
    assert doc is not None
    assert doc.path == str(path)


def test_missing_file(tmp_path: Path) -> None:
    doc, problems = load_file(tmp_path / "gone.yaml", "gone.yaml")
    assert doc is None
    assert [(p.line, p.column, p.code, p.message) for p in problems] == [
        (0, 0, Code.FILE, "cannot read file: No such file or directory")
    ]
    assert problems[0].location() == "gone.yaml"


def test_folder_instead_of_file(tmp_path: Path) -> None:
    doc, problems = load_file(tmp_path, "dir")
    assert doc is None
    assert [(p.code, p.message) for p in problems] == [
        (Code.FILE, "cannot read file: Is a directory")
    ]


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: b\ntitle: caf\xe9\n")
    doc, problems = load_file(path, "x.yaml")
    assert doc is None
    assert [(p.line, p.column, p.code, p.message, p.hint) for p in problems] == [
        (2, 11, Code.FILE, "file is not valid UTF-8 text", "save the file with UTF-8 encoding")
    ]


def test_not_utf8_after_multibyte_text(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes("a: ééé\ntitle: café ".encode() + b"\xe9\n")
    _, problems = load_file(path, "x.yaml")
    assert [(p.line, p.column) for p in problems] == [(2, 13)]


def test_utf16_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes("a: b\n".encode("utf-16"))
    _, problems = load_file(path, "x.yaml")
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 1, Code.FILE)]


def test_file_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: b\n#" + b"x" * (MAX_FILE_BYTES - 7) + b"\n")
    assert path.stat().st_size == MAX_FILE_BYTES
    doc, problems = load_file(path, "big.yaml")
    assert problems == []
    assert doc is not None
    path.write_bytes(path.read_bytes() + b"\n")
    doc, problems = load_file(path, "big.yaml")
    assert doc is None
    assert [(p.line, p.column, p.code, p.message) for p in problems] == [
        (
            1,
            1,
            Code.YAML_LIMIT,
            f"file is {MAX_FILE_BYTES + 1:,} bytes; transcripts may be at most {MAX_FILE_BYTES:,}",
        )
    ]


# --- syntax errors after the first -------------------------------------------------------------


def syntax_errors(text: str) -> list[tuple[int, int, Code, str]]:
    doc, _ = load_text(text, "t.yaml")
    assert doc is None
    return rejections(text)


def test_every_separate_syntax_error_is_reported() -> None:
    text = (
        "id: x\n"
        "title: [oops\n"  # 1: an unclosed flow sequence
        "summary: s\n"
        "posts:\n"
        "  - id: p\n"
        "    text: a: b\n"  # 2: an unquoted colon
        "  - id: q\n"
        '    text: "never closed\n'  # 3: an unclosed quote, to the end of the file
        "    author: c\n"
    )
    assert syntax_errors(text) == [
        (
            3,
            8,
            Code.YAML_SYNTAX,
            "did not find expected ',' or ']' (while parsing a flow sequence, which starts on "
            "line 2)",
        ),
        (6, 12, Code.YAML_SYNTAX, "mapping values are not allowed in this context"),
        (
            10,
            1,
            Code.YAML_SYNTAX,
            "found unexpected end of stream (while scanning a quoted scalar, which starts on "
            "line 8)",
        ),
    ]


def test_a_key_swallowed_by_an_open_collection_is_read_again() -> None:
    # The open '[' reads "posts" as one of its entries and fails at the colon: reading on
    # resumes at that line, so the posts are checked too.
    text = "id: x\ntitle: [oops\nposts:\n  - id: p\n    author: a\n    author: b\n"
    assert syntax_errors(text) == [
        (
            3,
            6,
            Code.YAML_SYNTAX,
            "did not find expected ',' or ']' (while parsing a flow sequence, which starts on "
            "line 2)",
        ),
        (6, 5, Code.DUPLICATE_KEY, "duplicate key 'author' (first given on line 5)"),
    ]


def test_the_text_of_a_cut_block_scalar_is_never_read_as_structure() -> None:
    # The misindented line opens a block whose text holds "Report: https://…"; that text is
    # not YAML structure, so it must not be reported as a second syntax error.
    text = (
        "posts:\n  - id: a\n    links:\n      - link-1\n\t  text: |\n"
        "      First line, with words.\n      Report: https://x.example\n    claims: []\n"
    )
    assert [line for line, *_ in syntax_errors(text)] == [5]
    # Cut on a line of its own (an unquoted colon before the block's header), reading resumes
    # past the block's text and still finds the real error after it.
    text = (
        "posts:\n  - id: a\n    note: a: b\n    text: |\n      Report: x\n      Key: y\n"
        "  - id: b\n    title: [oops\n"
    )
    assert [line for line, *_ in syntax_errors(text)] == [3, 9]


def test_loader_problems_past_a_syntax_error_are_reported_once() -> None:
    text = (
        "id: &a x\n"  # before the error: reported by the first pass only
        "title: a: b\n"
        "posts:\n"
        "  - id: p\n"
        "    text: *a\n"
        "    url: !!str u\n"
    )
    assert [(line, code) for line, _, code, _ in syntax_errors(text)] == [
        (1, Code.YAML_FEATURE),
        (2, Code.YAML_SYNTAX),
        (5, Code.YAML_FEATURE),
        (6, Code.YAML_FEATURE),
    ]


def test_a_misindented_line_is_one_error_not_one_per_sibling() -> None:
    text = "posts:\n  - id: p\n    author: a\n   text: t\n    url: u\n    tags: [a]\nrefs: r\n"
    assert len(syntax_errors(text)) == 1


def test_syntax_errors_stop_being_listed_after_the_limit() -> None:
    text = "".join(f"k{number}: a: b\n" for number in range(MAX_SYNTAX_ERRORS + 5))
    problems = syntax_errors(text)
    assert len(problems) == MAX_SYNTAX_ERRORS + 1
    assert problems[-1] == (
        MAX_SYNTAX_ERRORS + 1,
        1,
        Code.YAML_SYNTAX,
        "not checked from here on: the file has 10 syntax errors before this line",
    )


def _faults(line: str) -> list[str]:
    """Ways to break one line of a transcript: each is a syntax error of its own."""
    entry = re.match(r"^(\s*(?:- )?)([\w-]+):( +)(\S.*)$", line)
    broken = []
    if entry:
        lead, key, space, value = entry.groups()
        broken += [f"{lead}{key}:{space}[{value}", f"{lead}{key}:{space}{{{value}", line + ": x"]
        broken.append(f'{lead}{key}:{space}"{value}')
    if line.startswith("  "):
        broken += ["\t" + line[2:], " " + line, line[1:]]
    return broken


def _fault_sites() -> list[tuple[str, list[str], int]]:
    sites = []
    for path in sorted(GOOD.glob("*.yaml")):
        lines = path.read_text(encoding="utf-8").split("\n")
        for number, line in enumerate(lines):
            if line.strip() and not line.lstrip().startswith("#") and _faults(line):
                sites.append((path.name, lines, number))
    return sites


def test_one_syntax_error_anywhere_is_reported_alone() -> None:
    # Reading on after a syntax error must not invent errors that the cut made: break each
    # line of the good transcripts in each way, one at a time, and expect one problem.
    checked = 0
    for name, lines, number in _fault_sites():
        for fault in _faults(lines[number]):
            text = "\n".join([*lines[:number], fault, *lines[number + 1 :]])
            _, problems = load_text(text, name)
            if any(problem.code is Code.YAML_SYNTAX for problem in problems):
                assert len(problems) == 1, (name, number + 1, fault, problems)
                checked += 1
    assert checked > 500


def test_two_separate_syntax_errors_are_both_found_or_the_second_is_left_out() -> None:
    # Two faults ten lines apart: the first is reported as alone; the second, where reported,
    # where it is reported alone; nothing else is reported.
    found = 0
    sites = _fault_sites()
    for (name, lines, first), (other, _, second) in zip(sites, sites[10:], strict=False):
        if other != name:
            continue
        one, two = _faults(lines[first])[0], _faults(lines[second])[-1]
        both = [*lines[:first], one, *lines[first + 1 : second], two, *lines[second + 1 :]]
        alone_one = load_text("\n".join([*lines[:first], one, *lines[first + 1 :]]), name)[1]
        alone_two = load_text("\n".join([*lines[:second], two, *lines[second + 1 :]]), name)[1]
        if alone_one[0].line > second + 1:
            continue  # the first fault shows only after the second: not separate
        problems = load_text("\n".join(both), name)[1]
        assert problems[0] == alone_one[0]
        assert all(
            (problem.line, problem.column) == (alone_two[0].line, alone_two[0].column)
            for problem in problems[1:]
        ), (name, first + 1, one, second + 1, two, problems)
        found += len(problems) == 2
    assert found > 50


def test_every_forbidden_character_is_reported_with_the_errors_after_it() -> None:
    text = "posts:\n  - text: a\x07\n    url: u\n  - text: b\x00c\n  - text: [d\nrest: e: f\n"
    assert syntax_errors(text) == [
        (2, 12, Code.YAML_SYNTAX, "control characters are not allowed: U+0007"),
        (4, 12, Code.YAML_SYNTAX, "control characters are not allowed: U+0000"),
        (
            6,
            5,
            Code.YAML_SYNTAX,
            "did not find expected ',' or ']' (while parsing a flow sequence, which starts on "
            "line 5)",
        ),
        (6, 8, Code.YAML_SYNTAX, "mapping values are not allowed in this context"),
    ]
