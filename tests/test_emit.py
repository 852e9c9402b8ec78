"""The emitter writes YAML that the checker's loader reads back to exactly the same data.

The loader keeps every scalar as text, so the property is strict equality of the data, for
any text a JSON response can carry (every code point UTF-8 can hold) and any nesting. The
examples pin down the readable forms: plain where safe, literal blocks for multi-line text,
double quotes otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rejoinder.importers.emit import SCHEMA_LINE, emit, scalar_lines
from rejoinder.loader import load_file, load_text

# Everything UTF-8 can encode: lone surrogates (category Cs) cannot be written to a file.
ANY_CHARACTER = st.characters(blacklist_categories=("Cs",))
# Characters that matter to YAML, drawn often so that they meet each other.
TRICKY = st.sampled_from(
    [" ", "  ", "\t", "\n", "\r", "\r\n", "#", ": ", ":", "- ", "-", "'", '"', "\\", "|", ">",
     "%", "@", "`", "&", "*", "!", "?", "[", "]", "{", "}", ",", "~", "\x85", "\u2028",
     "\u2029", "\ufeff", "\x00", "\x1b", "\x7f", "\xa0", "é", "🦋", "---", "...", "a", "b"]
)  # fmt: skip
WORDS = st.sampled_from(
    ["no", "yes", "null", "~", "true", "False", "on", "off", "12", "012", "1.10", "0x1F",
     "1e3", "12:43", "2024-01-05", "2026-05-20T23:54:00+00:00", "-5", ".inf", ".nan", "=",
     "<<", ""]
)  # fmt: skip
TEXT = st.one_of(
    st.text(ANY_CHARACTER),
    st.lists(TRICKY, max_size=12).map("".join),
    WORDS,
    st.lists(st.one_of(TRICKY, WORDS, st.text(ANY_CHARACTER, max_size=5)), max_size=8).map("".join),
)
KEY = st.one_of(st.from_regex(r"[a-z][a-z_]{0,12}", fullmatch=True), TEXT)
VALUE = st.recursive(
    st.one_of(TEXT, st.none()),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(KEY, children, max_size=4)
    ),
    max_leaves=25,
)


def reload(text: str) -> Any:
    document, problems = load_text(text, "emitted.yaml")
    assert problems == [], text
    assert document is not None
    return document.data


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(KEY, VALUE, min_size=1, max_size=6))
@example({"text": "hello  \n  world\t\n\n"})
@example({"text": " leading space\nsecond"})
@example({"text": "\n\nafter empty lines\n\n\n"})
@example({"text": "a\r\nb"})
@example({"a": "\t\n", "b": "\ttab first\nline"})
@example({"list": [[["deep"]], {}, [], None, ""]})
def test_any_data_reads_back_exactly(data: dict[str, Any]) -> None:
    assert reload(emit(data)) == data


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_any_text_reads_back_exactly_from_a_file(tmp_path_factory: Any, text: str) -> None:
    # Through the bytes on disk, as `rejoinder check` reads them.
    path = Path(tmp_path_factory.mktemp("emit")) / "t.yaml"
    data = {"posts": [{"id": "p", "text": text, "metrics": {"likes": text}}]}
    path.write_bytes(emit(data).encode("utf-8"))
    document, problems = load_file(path)
    assert problems == []
    assert document is not None
    assert document.data == data


def test_the_schema_comment_comes_first() -> None:
    assert emit({"id": "x"}).splitlines() == [SCHEMA_LINE, "id: x"]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("2026-05-20T23:54:00+00:00", "v: 2026-05-20T23:54:00+00:00"),
        ("12", "v: 12"),
        ("no", "v: no"),  # the loader keeps it as text
        ("a: b", "v: 'a: b'"),
        ("#tag", "v: '#tag'"),
        ("trailing ", "v: 'trailing '"),
        ("", "v: ''"),
        ("it's", "v: it's"),
        ("'quoted' first", "v: '''quoted'' first'"),
        ('"Team Mystic"', "v: '\"Team Mystic\"'"),
        ("tab\there", 'v: "tab\\there"'),
        ("nel\x85", 'v: "nel\\N"'),
    ],
)
def test_one_line_text_is_plain_where_safe_and_quoted_otherwise(text: str, written: str) -> None:
    assert emit({"v": text}, schema_line=None) == written + "\n"


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("one\ntwo", "v: |-\n  one\n  two\n"),
        ("one\ntwo\n", "v: |\n  one\n  two\n"),
        ("one\n\n", "v: |+\n  one\n\n"),
        ("  indented\nnext", "v: |2-\n    indented\n  next\n"),
        ("\nafter", "v: |2-\n\n  after\n"),
        ("spaces at the end  \nkept", "v: |-\n  spaces at the end  \n  kept\n"),
        ("crlf\r\nquoted", 'v: "crlf\\r\\nquoted"\n'),
        ("\n\n", 'v: "\\n\\n"\n'),
    ],
)
def test_multi_line_text_is_a_literal_block_where_exact(text: str, written: str) -> None:
    assert emit({"v": text}, schema_line=None) == written
    assert reload(written) == {"v": text}


def test_nested_blocks_are_indented_as_the_sources_are() -> None:
    data = {
        "posts": [{"id": "a", "metrics": {"likes": "3"}, "tags": ["x"]}],
        "empty": [],
        "none": None,
    }
    assert emit(data, schema_line=None) == (
        "posts:\n  - id: a\n    metrics:\n      likes: 3\n    tags:\n      - x\nempty: []\nnone:\n"
    )


def test_what_is_not_text_is_refused() -> None:
    with pytest.raises(TypeError, match="transcripts hold text"):
        emit({"likes": 3})


def test_pyyaml_reads_the_same_strings_where_it_does_not_retype_them() -> None:
    # An independent reader of the text forms (PyYAML's constructor, not our event walker).
    data = {"a": "x: y", "b": "line\n  two  \n", "c": " lead\n", "d": "\ttab", "e": "é\u2028"}
    assert yaml.safe_load(emit(data)) == data


def test_every_code_point_is_written_as_is_exactly_when_yaml_reads_it_as_is() -> None:
    # PyYAML's own list of what a YAML stream may hold, minus what its reader turns into
    # something else (CR and NEL, LS, PS as line breaks; the BOM): those are escaped.
    from yaml.reader import Reader

    changed = "\r\x85\u2028\u2029\ufeff"
    for code in range(0x110000):
        char = chr(code)
        if char == "\n":
            continue  # the line break itself
        as_is = Reader.NON_PRINTABLE.match(char) is None and char not in changed
        assert (scalar_lines(f"a{char}b\nc", 2) == ("|-", [f"  a{char}b", "  c"])) is as_is, hex(
            code
        )
