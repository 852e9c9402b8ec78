"""Properties that must hold for any input: the loader and the checker never raise, and text
survives a round trip exactly."""

from __future__ import annotations

import re
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rejoinder.corpus import check_corpus
from rejoinder.loader import LoadedDocument, load_text
from rejoinder.problems import Problem
from rejoinder.validate import check_document
from support import GOOD

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- strategies --------------------------------------------------------------------------------

FRAGMENTS = [
    ":",
    ": ",
    "- ",
    "-",
    "[",
    "]",
    "{",
    "}",
    ",",
    "? ",
    "&a ",
    "*a",
    "&b",
    "*b",
    "!!",
    "!!str ",
    "!!python/object/apply:os.system ",
    "!x ",
    "|",
    "|-",
    ">",
    ">+",
    '"',
    "'",
    "#",
    "\n",
    "\n  ",
    "\n    ",
    "\n- ",
    "\t",
    " ",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2024:\n",
    "\\",
    "\\u202e",
    "\u202e",
    "\x07",
    "\x85",
    "\u2028",
    "\ufeff",
    "é",
    "🙂",
    "id",
    "title",
    "posts",
    "text",
    "no",
    "~",
    "null",
    "12:43",
    "0755",
    "1.10",
    "2024-01-05",
    "<<",
    "=",
]

yamlish = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=40).map(
    "".join
)


def _check_problems(problems: list[Problem], text: str) -> None:
    lines = (
        text.count("\n")
        + text.count("\r")
        + text.count("\x85")
        + text.count("\u2028")
        + text.count("\u2029")
        + 2
    )
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.line >= 0
        assert problem.column >= 0
        assert problem.line <= lines
        assert problem.message
        assert problem.format()
        assert problem.format_github()


def _load_and_check(text: str) -> None:
    doc, problems = load_text(text, "fuzz.yaml")
    _check_problems(problems, text)
    if doc is None:
        assert problems  # a rejected file always says why
        return
    assert isinstance(doc, LoadedDocument)
    checked = check_document(doc)
    _check_problems(checked.problems, text)
    assert all(problem.line >= 1 for problem in checked.problems)
    corpus = check_corpus([checked])
    _check_problems(corpus.problems, text)


# --- (a) the loader never raises, on any text ---------------------------------------------------


@SETTINGS
@given(st.text())
def test_loader_never_raises_on_any_text(text: str) -> None:
    doc, problems = load_text(text, "fuzz.yaml")
    _check_problems(problems, text)
    assert doc is not None or problems


@SETTINGS
@given(yamlish)
def test_loader_never_raises_on_yamlish_text(text: str) -> None:
    doc, problems = load_text(text, "fuzz.yaml")
    _check_problems(problems, text)
    assert doc is not None or problems


# --- (b) the checker never raises, on anything the loader accepts -------------------------------


@SETTINGS
@given(yamlish)
def test_checker_never_raises_on_yamlish_text(text: str) -> None:
    _load_and_check(text)


def _good_data() -> Any:
    doc, problems = load_text((GOOD / "energy-debate.yaml").read_text(encoding="utf-8"), "g")
    assert doc is not None
    assert not problems
    return doc.data


GOOD_DATA = _good_data()
FIELD_NAMES = sorted(
    {
        "id",
        "title",
        "summary",
        "tags",
        "sources",
        "participants",
        "references",
        "posts",
        "url",
        "publisher",
        "captured",
        "note",
        "name",
        "display_name",
        "handle",
        "profile_url",
        "kind",
        "author",
        "attribution",
        "attribution_note",
        "posted",
        "posted_as_shown",
        "posted_note",
        "metrics",
        "views",
        "likes",
        "replies_to",
        "quotes",
        "thread_note",
        "text",
        "claims",
        "statement",
        "quote",
        "arguments",
        "annotations",
        "by",
        "span",
        "rebuts",
        "supports",
        "concedes",
        "qualifies",
        "questions",
        "ada",
        "bob_2",
        "council-report",
        "unknown",
    }
)
INTERESTING = [
    "",
    " ",
    "x",
    "no",
    "null",
    "unknown",
    "ada",
    "bob_2",
    "inferred",
    "stated",
    "paper",
    "ada-opening",
    "bob-reply",
    "ada-opening#payback",
    "ada-opening#grazing",
    "payback",
    "energy-debate:bob-reply",
    "other:ada-opening",
    "council-report",
    "Bad_Id",
    "a--b",
    "2026-05-20T21:54:00+00:00",
    "2026-05-20T21:54:00",
    "2026-02-30",
    "2026-05-21",
    "12:43",
    "https://example.org/x",
    "javascript:alert(1)",
    "/relative",
    "a\nb",
    "tab\there",
    "\u202e",
    "\x07",
    "twelve years",
    "é" * 50,
]


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


GOOD_PATHS = _paths(GOOD_DATA)[1:]

values = st.recursive(
    st.one_of(st.none(), st.sampled_from(INTERESTING), st.text(max_size=8)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(FIELD_NAMES), inner, max_size=4),
    ),
    max_leaves=8,
)


def _replace(data: Any, path: tuple[Any, ...], value: Any, *, delete: bool) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict) and head in data:
        copy = dict(data)
        if delete and not rest:
            del copy[head]
        else:
            copy[head] = _replace(copy[head], rest, value, delete=delete)
        return copy
    if isinstance(data, list) and isinstance(head, int) and head < len(data):
        copy_list = list(data)
        if delete and not rest:
            del copy_list[head]
        else:
            copy_list[head] = _replace(copy_list[head], rest, value, delete=delete)
        return copy_list
    return data


@st.composite
def mutated_transcripts(draw: st.DrawFn) -> str:
    data = GOOD_DATA
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(GOOD_PATHS))
        data = _replace(data, path, draw(values), delete=draw(st.booleans()))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


@SETTINGS
@given(mutated_transcripts())
def test_checker_never_raises_on_mutated_transcripts(text: str) -> None:
    _load_and_check(text)


@SETTINGS
@given(mutated_transcripts())
def test_no_problem_is_reported_twice(text: str) -> None:
    """Checking what is valid of invalid posts (their quotes, ids and references) repeats
    nothing the schema already said."""
    doc, problems = load_text(text, "m.yaml")
    if doc is None:
        return
    problems += check_corpus([check_document(doc)]).problems
    seen = [(problem.line, problem.column, problem.message) for problem in problems]
    assert len(seen) == len(set(seen)), [problem.format() for problem in problems]


# --- (c) any post text without forbidden characters validates and is kept exactly ---------------

# C0 controls other than tab, line feed and carriage return; DEL and C1; bidi controls.
FORBIDDEN_IN_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
# What YAML lets a file hold literally; everything else is written as an escape.
_YAML_PRINTABLE = re.compile("[\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

post_texts = st.text(
    st.characters(exclude_categories=("Cs",)),
    min_size=1,
    max_size=80,
).filter(lambda text: bool(text.strip()) and not FORBIDDEN_IN_TEXT.search(text))


def _double_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back exactly."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char in "\u2028\u2029\ufeff" or not _YAML_PRINTABLE.fullmatch(char):
            # Literal line separators would be folded; a literal BOM may be dropped.
            code = ord(char)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        elif char == "\t":
            out.append("\\t")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


TEMPLATE = """\
id: text-roundtrip
title: Text round trip
summary: One post whose text is arbitrary.
sources:
  - title: Generated
posts:
  - id: only
    author: unknown
    text: {text}
"""


@SETTINGS
@given(post_texts)
def test_any_post_text_is_kept_exactly(text: str) -> None:
    source = TEMPLATE.format(text=_double_quoted(text))
    doc, problems = load_text(source, "t.yaml")
    assert problems == []
    assert doc is not None
    assert doc.data["posts"][0]["text"] == text
    checked = check_document(doc)
    assert checked.problems == []
    assert checked.transcript is not None
    assert checked.transcript.posts[0].text == text


def _fits_a_literal_block(text: str) -> bool:
    return (
        text.strip() == text
        and not FORBIDDEN_IN_TEXT.search(text)
        and not any(char in text for char in "\r\x85\u2028\u2029\ufeff")
        and all(_YAML_PRINTABLE.fullmatch(char) for char in text if char != "\n")
    )


@SETTINGS
@given(
    st.text(
        st.characters(exclude_categories=("Cs", "Cc"), include_characters="\n"),
        min_size=1,
        max_size=60,
    ).filter(_fits_a_literal_block)
)
def test_any_post_text_in_a_literal_block_is_kept(text: str) -> None:
    # A literal block keeps everything when each line is indented; '|-' drops the last newline.
    block = "|-\n" + "".join(f"      {line}\n" if line else "\n" for line in text.split("\n"))
    doc, problems = load_text(TEMPLATE.format(text=block), "t.yaml")
    assert problems == []
    assert doc is not None
    checked = check_document(doc)
    assert checked.problems == []
    assert checked.transcript is not None
    assert checked.transcript.posts[0].text == text


# --- (d) problems about a key point at that key -------------------------------------------------


@SETTINGS
@given(mutated_transcripts())
def test_problems_point_at_what_they_name(text: str) -> None:
    doc, _ = load_text(text, "m.yaml")
    if doc is None:
        return
    lines = text.split("\n")
    for problem in check_corpus([check_document(doc)]).problems:
        at = lines[problem.line - 1][problem.column - 1 :]
        unknown = re.match(r"unknown key '(.*)' in", problem.message)
        if unknown:
            key = unknown.group(1)
            assert at.startswith((key, f"'{key}", f'"{key}')), (problem.format(), at)
        if re.match(r"author '.*' is not a participant key", problem.message):
            assert lines[problem.line - 1].lstrip(" -").startswith("author:"), problem.format()
