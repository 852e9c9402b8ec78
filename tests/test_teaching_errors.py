"""Errors that teach: the issue's three examples, and values YAML would have read as something
else, each checked on a real file through `rejoinder check` with the excerpt and caret."""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Annotated, Any

import pytest
import yaml
from pydantic import TypeAdapter, ValidationError
from rejoinder import model
from rejoinder.loader import load_text
from support import RunCli

BASE = """\
id: field-debate
title: Is the field idle?
summary: Two residents disagree about a field.
sources:
  - title: Town forum thread
    captured: 2026-05-21
participants:
  so8res:
    handle: "@So8res"
  bob:
    name: Bob
posts:
  - id: opening
    author: so8res
    posted: 2026-05-20T21:54:00+00:00
    text: The field is idle all year, and nobody has used it since 1990.
    claims:
      - id: idle
        statement: The field is idle.
        quote: The field is idle all year
  - id: reply
    author: bob
    replies_to: opening
    attribution: stated
    text: Sheep graze there every summer.
    arguments:
      - rebuts: opening#idle
"""


def _check(run_cli: RunCli, tmp_path: Path, text: str) -> tuple[int, str]:
    (tmp_path / "debate.yaml").write_text(text, encoding="utf-8")
    result = run_cli(["check", "debate.yaml"], cwd=tmp_path)
    assert result.err == ""
    return result.code, result.out


def _edit(old: str, new: str) -> str:
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def test_the_base_transcript_is_valid(run_cli: RunCli, tmp_path: Path) -> None:
    assert _check(run_cli, tmp_path, BASE) == (0, "checked 1 transcript: 0 errors, 0 warnings\n")


def test_misspelt_author_suggests_the_participant(run_cli: RunCli, tmp_path: Path) -> None:
    code, out = _check(run_cli, tmp_path, _edit("author: so8res", "author: so8rse"))
    assert code == 1
    assert out == (
        "debate.yaml:14:13: error: author 'so8rse' is not a participant key [reference]\n"
        "  hint: did you mean 'so8res'?\n"
        "    14 |     author: so8rse\n"
        "       |             ^\n"
        "checked 1 transcript: 1 error, 0 warnings\n"
    )


def test_quote_not_in_text_shows_the_closest_match(run_cli: RunCli, tmp_path: Path) -> None:
    text = _edit("quote: The field is idle all year", "quote: the field is idle all-year")
    code, out = _check(run_cli, tmp_path, text)
    assert code == 1
    assert out == (
        "debate.yaml:20:16: error: this claim quote does not occur in the post text [quote]\n"
        "  hint: closest match in the text: 'The field is idle all year' "
        "(copy the words exactly, punctuation included)\n"
        "    20 |         quote: the field is idle all-year\n"
        "       |                ^\n"
        "checked 1 transcript: 1 error, 0 warnings\n"
    )


def test_handle_starting_with_at_says_quote_this_value(run_cli: RunCli, tmp_path: Path) -> None:
    code, out = _check(run_cli, tmp_path, _edit('handle: "@So8res"', "handle: @So8res"))
    assert code == 1
    assert out == (
        "debate.yaml:9:13: error: found character that cannot start any token [yaml-syntax]\n"
        "  hint: a value cannot start with '@': quote this value, e.g. handle: \"@So8res\"\n"
        "     9 |     handle: @So8res\n"
        "       |             ^\n"
        "checked 1 transcript: 1 error, 0 warnings\n"
    )


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        (
            "title: Re: the field",
            "a colon followed by a space inside a value starts a new key: "
            'quote this value, e.g. title: "Re: the field"',
        ),
        (
            "title: [draft] Is the field idle?",
            "a value starting with '[' is read as a list: "
            'quote this value, e.g. title: "[draft] Is the field idle?"',
        ),
        (
            "title: {draft} Is the field idle?",
            "a value starting with '{' is read as a mapping: "
            'quote this value, e.g. title: "{draft} Is the field idle?"',
        ),
        (
            "title: `idle` field",
            "a value cannot start with '`': quote this value, e.g. title: \"`idle` field\"",
        ),
        (
            "title: - the field",
            "a value starting with '- ' is read as a list entry: quote this "
            'value, e.g. title: "- the field"',
        ),
        (
            'title: "Idle" field',
            "a value starting with a quote ends at the closing quote: quote "
            'this value, e.g. title: "\\"Idle\\" field"',
        ),
        (
            "title: Re: the field  # a comment",
            "a colon followed by a space inside a value starts "
            'a new key: quote this value, e.g. title: "Re: the field"',
        ),
    ],
)
def test_syntax_errors_that_quoting_fixes_say_so(
    line: str, hint: str, run_cli: RunCli, tmp_path: Path
) -> None:
    code, out = _check(run_cli, tmp_path, _edit("title: Is the field idle?", line))
    assert code == 1
    assert f"\n  hint: {hint}\n" in out
    assert out.startswith("debate.yaml:2:")
    # The suggested line, written back, is valid: the hint is right.
    suggested = hint.split("e.g. ", 1)[1]
    fixed = _edit("title: Is the field idle?", suggested)
    assert _check(run_cli, tmp_path, fixed)[0] == 0


def test_bad_indentation_is_not_told_to_quote(run_cli: RunCli, tmp_path: Path) -> None:
    text = _edit("  bob:\n    name: Bob", "  bob:\n    name: Bob\n   x: y")
    code, out = _check(run_cli, tmp_path, text)
    assert code == 1
    assert "error: " in out
    assert "quote this value" not in out


@pytest.mark.parametrize(
    ("old", "new", "message", "hint"),
    [
        (
            "posted: 2026-05-20T21:54:00+00:00",
            "posted: 2026",
            "debate.yaml:15:13: error: posts[0].posted '2026' is a number, not a time [time]",
            "write an ISO 8601 time with its UTC offset, e.g. 2026-05-20T23:54:00+00:00 (Z for "
            "UTC); a number is not read as seconds since 1970",
        ),
        (
            "posted: 2026-05-20T21:54:00+00:00",
            "posted: 1716240000",
            "debate.yaml:15:13: error: posts[0].posted '1716240000' is a number, not a time [time]",
            None,
        ),
        (
            "captured: 2026-05-21",
            "captured: 1716163200",
            "debate.yaml:6:15: error: sources[0].captured '1716163200' is a number, not a date "
            "(YYYY-MM-DD) [time]",
            "write the date as YYYY-MM-DD, e.g. 2026-05-21",
        ),
        (
            "captured: 2026-05-21",
            "captured: 0",
            "debate.yaml:6:15: error: sources[0].captured '0' is a number, not a date "
            "(YYYY-MM-DD) [time]",
            None,
        ),
        (
            "    text: Sheep graze there every summer.",
            "    text: Sheep graze there every summer.\n    metrics:\n      captured: 20260521",
            "debate.yaml:27:17: error: posts[1].metrics.captured '20260521' is a number, not a "
            "date (YYYY-MM-DD) [time]",
            None,
        ),
        (
            "    arguments:\n      - rebuts: opening#idle",
            "    arguments: no",
            "debate.yaml:26:16: error: posts[1].arguments should be a list, not the text 'no' "
            "[schema]",
            "'no' is read as text here, not as true, false or nothing: to give none, leave the "
            "key out; otherwise write each entry on its own line starting with '- '",
        ),
        (
            "participants:\n",
            "tags: false\nparticipants:\n",
            "debate.yaml:7:7: error: tags should be a list, not the text 'false' [schema]",
            None,
        ),
        (
            "    attribution: stated",
            "    attribution: yes",
            "debate.yaml:24:18: error: posts[1].attribution is 'yes', expected 'stated' or "
            "'inferred' [schema]",
            "'yes' is read as text here, not as true or false: write 'stated' or 'inferred'",
        ),
    ],
)
def test_values_yaml_would_misread_get_a_clear_message(
    old: str, new: str, message: str, hint: str | None, run_cli: RunCli, tmp_path: Path
) -> None:
    code, out = _check(run_cli, tmp_path, _edit(old, new))
    assert code == 1
    assert out.startswith(message + "\n"), out
    if hint is not None:
        assert out.splitlines()[1] == f"  hint: {hint}"
    assert out.endswith("checked 1 transcript: 1 error, 0 warnings\n")


def test_yaml_words_are_text_where_text_is_wanted(run_cli: RunCli, tmp_path: Path) -> None:
    """The other side of the promise: where a field wants text, 'no' and '1.10' are kept."""
    text = _edit("title: Is the field idle?", "title: no").replace(
        "summary: Two residents disagree about a field.", "summary: '1.10'"
    )
    assert _check(run_cli, tmp_path, text)[0] == 0


@pytest.mark.parametrize("number", ["0", "-1", "+5", "12.", ".5", "1716163200.0", "2026"])
@pytest.mark.parametrize(
    ("old", "field", "kind"),
    [
        ("posted: 2026-05-20T21:54:00+00:00", "posts[0].posted", "a time"),
        ("captured: 2026-05-21", "sources[0].captured", "a date (YYYY-MM-DD)"),
    ],
)
def test_every_number_pydantic_would_read_as_a_time_is_refused(
    number: str, old: str, field: str, kind: str, run_cli: RunCli, tmp_path: Path
) -> None:
    key = old.split(":", maxsplit=1)[0]
    code, out = _check(run_cli, tmp_path, _edit(old, f"{key}: {number}"))
    assert code == 1
    assert f"error: {field} '{number}' is a number, not {kind} [time]" in out
    assert out.endswith("checked 1 transcript: 1 error, 0 warnings\n")


# --- the refusal is bound to the time and date types, wherever they are used --------------------


def _time_fields() -> list[tuple[str, Any, str]]:
    """Every field of the format that holds a time or a date, found through the model."""
    found = []
    for name in dir(model):
        record = getattr(model, name)
        if not (isinstance(record, type) and issubclass(record, model.Record)):
            continue
        properties = record.model_json_schema()["properties"]
        for field, info in record.model_fields.items():
            schema = properties[field]
            formats = {schema.get("format")} | {c.get("format") for c in schema.get("anyOf", [])}
            if formats & {"date", "date-time"}:
                annotation: Any = info.annotation
                if info.metadata:
                    annotation = Annotated[annotation, *info.metadata]
                found.append((f"{name}.{field}", annotation, "date-time" in formats))
    return found


TIME_FIELDS = _time_fields()


def test_the_time_fields_are_found() -> None:
    names = {name for name, _, _ in TIME_FIELDS}
    assert {"Source.captured", "Post.posted", "Metrics.captured"} <= names


@pytest.mark.parametrize("number", ["2026", "0", "-1", "12.", ".5", "1716163200.0"])
@pytest.mark.parametrize(
    ("label", "annotation", "is_time"), TIME_FIELDS, ids=[name for name, _, _ in TIME_FIELDS]
)
def test_the_model_itself_refuses_a_number_as_a_time(
    label: str, annotation: Any, is_time: bool, number: str
) -> None:
    """Not a pass over known paths: any record using the types refuses numbers."""
    adapter: TypeAdapter[Any] = TypeAdapter(annotation)
    with pytest.raises(ValidationError) as raised:
        adapter.validate_python(number)
    (error,) = raised.value.errors()
    kind = "a time" if is_time else "a date (YYYY-MM-DD)"
    assert (error["type"], error["msg"]) == (
        "rejoinder_time_number",
        f"'{number}' is a number, not {kind}",
    )
    valid = "2026-05-20T21:54:00+00:00" if is_time else "2026-05-21"
    assert adapter.validate_python(valid) is not None


def test_metrics_show_every_count_of_the_model() -> None:
    """The counts shown are the fields of Metrics (but its date), each written as given."""
    counts = [name for name in model.Metrics.model_fields if name != "captured"]
    assert len(counts) >= 6
    metrics = model.Metrics.model_validate({name: f"{i}K" for i, name in enumerate(counts)})
    assert metrics.shown() == [(name, f"{i}K") for i, name in enumerate(counts)]


@pytest.mark.parametrize(
    "name",
    [name for name, info in model.Transcript.model_fields.items() if name not in ("id", "posts")],
)
def test_a_broken_top_level_value_hides_nothing_else(
    name: str, run_cli: RunCli, tmp_path: Path
) -> None:
    """Whatever top-level value is broken (required or not), the posts are still checked."""
    doc, _ = load_text(_edit("quote: The field is idle all year", "quote: The field is idle!"), "")
    assert doc is not None
    data = doc.data  # every value as the text written
    # The wrong shape, whatever the field: a mapping for a list, a list for anything else.
    is_list = typing.get_origin(model.Transcript.model_fields[name].annotation) is tuple
    data[name] = {"broken": 1} if is_list else ["broken"]
    code, out = _check(run_cli, tmp_path, yaml.safe_dump(data, sort_keys=False))
    assert code == 1
    assert f"error: {name} should be" in out
    assert "this claim quote does not occur in the post text" in out
    assert out.endswith("checked 1 transcript: 2 errors, 0 warnings\n"), out


def _url_fields() -> list[tuple[str, Any]]:
    """Every field of the format that holds an address, found through the model."""
    found = []
    for name in dir(model):
        record = getattr(model, name)
        if not (isinstance(record, type) and issubclass(record, model.Record)):
            continue
        properties = record.model_json_schema()["properties"]
        for field, info in record.model_fields.items():
            schema = properties[field]
            if schema.get("format") == "uri" or any(
                choice.get("format") == "uri" for choice in schema.get("anyOf", [])
            ):
                annotation: Any = info.annotation
                if info.metadata:
                    annotation = Annotated[annotation, *info.metadata]
                found.append((f"{name}.{field}", annotation))
    return found


URL_FIELDS = _url_fields()


def test_the_url_fields_are_found() -> None:
    names = {name for name, _ in URL_FIELDS}
    assert {"Source.url", "Participant.profile_url", "Reference.url", "Post.url"} <= names


@pytest.mark.parametrize(
    "url",
    [
        "https://good.example@evil.example/",
        "https://user:secret@forum.example.org/t/1",
        "HTTP://@forum.example.org",
        "https://a@b@c.example/",
    ],
)
@pytest.mark.parametrize(("label", "annotation"), URL_FIELDS, ids=[name for name, _ in URL_FIELDS])
def test_every_url_field_refuses_user_info(label: str, annotation: Any, url: str) -> None:
    adapter: TypeAdapter[Any] = TypeAdapter(annotation)
    with pytest.raises(ValidationError):
        adapter.validate_python(url)
    # An '@' after the host is part of the path, and fine.
    assert adapter.validate_python("https://social.example/@ada") is not None
