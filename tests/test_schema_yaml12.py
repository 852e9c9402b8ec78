"""The published schema accepts every file the checker accepts, read as editors read it.

The checker's loader keeps every scalar as text. Editors (the VS Code YAML extension, for one)
parse YAML 1.2's core schema, where ``views: 524`` is a number, ``handle: true`` a boolean and
``note: ~`` nothing; they validate that against the published schema. Here ruamel.yaml, an
independent YAML 1.2 parser, reads the files and jsonschema, an independent validator, checks
them: the real ones (tests/good, whatever sources/ holds) and files generated from a complete
transcript with plain scalars that YAML 1.2 types written in every place a value or key can be.
The converse holds too: values that are wrong whichever way they are read are still refused.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from rejoinder import model
from rejoinder.loader import load_file, load_text
from rejoinder.validate import check_document
from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.nodes import ScalarNode
from support import GOOD, REPO

SCHEMA = json.loads((REPO / "docs" / "_static" / "transcript.schema.json").read_text("utf-8"))
# The formats as the YAML language server checks them (vscode-json-languageservice's patterns,
# case-insensitive); jsonschema checks date-time only with an optional package.
EDITOR_FORMATS = jsonschema.FormatChecker()
_EDITOR_PATTERNS = {
    "date-time": r"^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):"
    r"([0-5][0-9]):([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)([01][0-9]|2[0-3]):([0-5][0-9]))$",
    "date": r"^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
}
for _format, _pattern in _EDITOR_PATTERNS.items():
    EDITOR_FORMATS.checks(_format)(
        lambda value, pattern=_pattern: (
            not isinstance(value, str) or re.match(pattern, value, re.IGNORECASE) is not None
        )
    )
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=EDITOR_FORMATS)


class _CoreConstructor(SafeConstructor):
    """YAML 1.2's core schema has no timestamps (ruamel resolves them as an extension; the
    VS Code extension does not): a date stays the text written."""

    def construct_yaml_timestamp(self, node: ScalarNode, values: Any = None) -> Any:
        return self.construct_scalar(node)


_CoreConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", _CoreConstructor.construct_yaml_timestamp
)


def as_an_editor_reads(text: str) -> Any:
    """``text`` parsed as YAML 1.2, as the JSON value a schema validator sees."""
    parser = YAML(typ="safe", pure=True)
    parser.Constructor = _CoreConstructor
    return _as_json(parser.load(io.StringIO(text)))


def _as_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {_property_name(key): _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    assert value is None or isinstance(value, str | int | float), value
    return value


def _property_name(key: Any) -> str:
    """A typed key as the YAML language server names the property: JavaScript's ``String()``."""
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    if isinstance(key, float):
        if key.is_integer() and abs(key) < 1e21:
            return str(int(key))
        return re.sub(r"e([+-])0*(\d)", r"e\1\2", repr(key))
    return str(key)


def _checker_accepts(text: str) -> bool:
    doc, problems = load_text(text, "t.yaml")
    return doc is not None and not problems and not check_document(doc).problems


def _real_files() -> list[Path]:
    return sorted([*GOOD.glob("*.yaml"), *(REPO / "sources").rglob("*.yaml")])


@pytest.mark.parametrize("path", _real_files(), ids=lambda path: path.name)
def test_real_transcripts_are_valid_as_editors_read_them(path: Path) -> None:
    doc, problems = load_file(path)
    assert doc is not None and not problems
    assert not check_document(doc).problems
    VALIDATOR.validate(as_an_editor_reads(path.read_text(encoding="utf-8-sig")))


def test_the_format_pages_example_is_valid_as_editors_read_it() -> None:
    page = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", page.split("## A complete example", 1)[1], re.S)
    assert example is not None
    assert _checker_accepts(example.group(1))
    VALIDATOR.validate(as_an_editor_reads(example.group(1)))


def test_the_good_corpus_holds_values_yaml_12_types() -> None:
    """The test above is not vacuous: editors read some of the good corpus as non-text."""
    data = as_an_editor_reads((GOOD / "energy-debate.yaml").read_text(encoding="utf-8"))
    metrics = data["posts"][0]["metrics"]
    assert (metrics["likes"], metrics["reposts"], metrics["bookmarks"]) == (755, 1.1, None)


# Plain scalars that YAML 1.2 (or ruamel's reading of it) types as something other than text.
TYPED = [
    "524",
    "0755",
    "2024",
    "-7",
    "+3",
    "1.10",
    ".5",
    "12.",
    "1e3",
    "1e-3",
    "15e-1",
    "1E3",
    "0x1F",
    "0x1f",
    "0o17",
    "0b101",
    "1_000",
    ".inf",
    "-.inf",
    ".NaN",
    "true",
    "false",
    "True",
    "FALSE",
    "null",
    "Null",
    "~",
    "2026-05-21",
    "2026-11-26",
    "2026-05-20T21:54:00+00:00",
    # Forms pydantic reads as times but editors do not: the checker refuses them too.
    "2026-05-20 21:54:00Z",
    "2026-05-20T21:54Z",
    "2026-05-20T21:54:00+0000",
    "2026-05-21T00:00:00Z",
]
_MARK = "xyzzymarkxyzzy"


def _complete_data(name: str) -> Any:
    doc, problems = load_text((GOOD / name).read_text(encoding="utf-8"), "g")
    assert doc is not None and not problems
    return doc.data


def _places(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every text value of ``data`` and every key of its keyed mappings, with its text."""
    if isinstance(data, dict):
        for key, value in data.items():
            if path in (("participants",), ("references",)):
                yield (*path, key, None), key
            yield from _places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _places(value, (*path, index))
    elif isinstance(data, str):
        yield path, data


def _marked(data: Any, old: str) -> Any:
    """``data`` with every key and text value equal to ``old`` replaced by the mark, so that
    an id and the references to it change together."""
    if isinstance(data, dict):
        return {(_MARK if key == old else key): _marked(value, old) for key, value in data.items()}
    if isinstance(data, list):
        return [_marked(value, old) for value in data]
    return _MARK if data == old else data


# Between them, every field of the format: the hand-made transcript and an imported thread's.
COMPLETES = [_complete_data("energy-debate.yaml"), _complete_data("imported-thread.yaml")]
PLACES = sorted(
    {text for complete in COMPLETES for _path, text in _places(complete) if "\n" not in text}
)


def test_the_generated_files_cover_every_field() -> None:
    covered = {
        str(part) for complete in COMPLETES for path, _ in _places(complete) for part in path
    }
    for record in (model.Transcript, model.Source, model.Participant, model.Reference):
        assert set(record.model_fields) - {"participants", "references", "sources"} <= covered
    for record in (model.Post, model.Metrics, model.Claim, model.Annotation, model.Coverage):
        assert set(record.model_fields) - {"claims", "arguments", "annotations"} <= covered
    assert set(model.Media.model_fields) <= covered


def _accepted_and_valid(old: str) -> list[str]:
    """The typed scalars the checker accepts in place of ``old``; each is asserted valid by the
    schema as an editor reads it."""
    accepted = []
    for complete in COMPLETES:
        if old not in {text for _path, text in _places(complete)}:
            continue
        template = yaml.safe_dump(
            _marked(complete, old), allow_unicode=True, sort_keys=False, width=10_000
        )
        assert _MARK in template
        for typed in TYPED:
            text = template.replace(_MARK, typed)
            if not _checker_accepts(text):
                continue
            accepted.append(typed)
            errors = [error.message for error in VALIDATOR.iter_errors(as_an_editor_reads(text))]
            assert not errors, (old, typed, errors)
    return accepted


@pytest.mark.parametrize("old", PLACES)
def test_typed_plain_scalars_the_checker_accepts_are_valid_as_editors_read_them(
    old: str,
) -> None:
    _accepted_and_valid(old)


@pytest.mark.parametrize(
    ("old", "expected"),
    [
        ("Should the town build a solar farm?", set(TYPED)),  # one line of text: anything
        ("25.8K", set(TYPED)),
        ("Long-time resident.", set(TYPED)),
        ("energy", {"524", "0755", "2024", "1e3", "1e-3", "15e-1", "0x1f", "0o17", "0b101"}),
        ("bob_2", {"524", "0755", "1e3", "1e-3", "15e-1", "0x1f", "1_000", "true", "null"}),
        ("ada-opening", {"true", "false", "null"}),  # an anchor: letter first
        ("council-report", {"true", "false", "null"}),
    ],
)
def test_the_checker_takes_typed_scalars_in_each_kind_of_field(
    old: str, expected: set[str]
) -> None:
    """The test above is not vacuous: each kind of text field takes scalars YAML 1.2 types."""
    assert expected <= set(_accepted_and_valid(old))


def test_editors_type_what_the_generated_files_hold() -> None:
    """The generated values really are typed by the YAML 1.2 reading (the test is not vacuous)."""
    read = as_an_editor_reads("\n".join(f"v{i}: {typed}" for i, typed in enumerate(TYPED)))
    kinds = {type(value) for value in read.values()}
    assert {int, float, bool, type(None), str} <= kinds
    assert read["v1"] == 755 and read["v12"] == 31 and read["v27"] == "2026-05-21"


# --- the converse: what is wrong however it is read is still refused ---------------------------

_SMALL = """\
id: field-debate
title: Is the field idle?
summary: Two residents disagree.
sources:
  - title: Town forum thread
    captured: 2026-05-21
participants:
  ada:
    name: Ada
posts:
  - id: opening
    author: ada
    posted: 2026-05-20T21:54:00+00:00
    url: https://forum.example.org/t/1
    text: The field is idle.
    metrics:
      views: 25.8K
  - id: reply
    author: ada
    replies_to: opening
    text: It is not.
"""


def test_the_small_transcript_is_valid_both_ways() -> None:
    assert _checker_accepts(_SMALL)
    VALIDATOR.validate(as_an_editor_reads(_SMALL))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  - id: opening", "  - id: 0755"),  # an anchor starts with a letter
        ("  - id: opening", "  - id: 1e3"),
        ("    replies_to: opening", "    replies_to: 0755"),
        ("id: field-debate", "id: -1"),  # no slug is negative
        ("    author: ada\n    posted", "    author: -3\n    posted"),
        ("    posted: 2026-05-20T21:54:00+00:00", "    posted: 2026"),  # a number is no time
        ("    captured: 2026-05-21", "    captured: 20260521"),
        ("    captured: 2026-05-21", "    captured: 2026-5-21"),
        ("    posted: 2026-05-20T21:54:00+00:00", "    posted: 2026-05-20T21:54:00"),
        ("    url: https://forum.example.org/t/1", "    url: 1234"),
        ("    url: https://forum.example.org/t/1", "    url: https://a.example@b.example/t"),
        ("    text: The field is idle.", "    text: [The field]"),
        ("      views: 25.8K", "      views: {count: 3}"),
        ("title: Is the field idle?", "title: [draft]"),
        ("  ada:\n    name: Ada", "  ada:\n    name: Ada\n    age: 3"),
        ("  ada:\n    name: Ada", "  Ada:\n    name: Ada"),
    ],
)
def test_values_wrong_either_way_are_refused_either_way(old: str, new: str) -> None:
    assert _SMALL.count(old) == 1, old
    text = _SMALL.replace(old, new)
    assert not _checker_accepts(text)
    assert list(VALIDATOR.iter_errors(as_an_editor_reads(text))), new


def test_date_and_time_keep_their_format() -> None:
    assert isinstance(as_an_editor_reads("d: 2026-05-21")["d"], str)
    assert not isinstance(as_an_editor_reads("d: 2026-05-21")["d"], dt.date)


def test_an_empty_required_value_is_the_one_shape_editors_cannot_tell() -> None:
    """`title:` and `title: null` are one value to YAML 1.2; the checker takes the second as the
    text "null", so the schema must accept null and leaves the empty one to the checker."""
    empty = _SMALL.replace("title: Is the field idle?", "title:")
    null = _SMALL.replace("title: Is the field idle?", "title: null")
    assert not _checker_accepts(empty)
    assert _checker_accepts(null)
    assert as_an_editor_reads(empty) == as_an_editor_reads(null)
    VALIDATOR.validate(as_an_editor_reads(null))
