"""The schema explains itself in editors: every property has a description and examples, every
example is valid (by the JSON Schema and by the checker's own model), and VS Code maps the
transcripts to the published copy."""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import jsonschema
import pytest
from pydantic import BaseModel, TypeAdapter
from rejoinder import model
from rejoinder.schema import schema_json
from support import REPO

SCHEMA_FILE = REPO / "docs" / "_static" / "transcript.schema.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def _properties(node: Any, path: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property schema anywhere in ``node``, with a JSON-pointer-like path.

    An object's own conditions (a post has text, media or a status other than shown) restate
    constraints of properties it defines, and are not walked."""
    if isinstance(node, dict):
        for name, value in node.get("properties", {}).items():
            yield f"{path}/properties/{name}", value
        for key, value in node.items():
            if key == "anyOf" and "properties" in node:
                continue
            yield from _properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _properties(value, f"{path}/{index}")


PROPERTIES = dict(_properties(SCHEMA))


def test_the_published_copy_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_json(), (
        "run `.venv/bin/rejoinder schema > docs/_static/transcript.schema.json`"
    )


def test_the_walk_finds_every_model_field() -> None:
    """The walk is not vacuous: it sees each field of each record of the format."""
    records = [
        model.Transcript,
        model.Source,
        model.Participant,
        model.Reference,
        model.Metrics,
        model.ArgumentEdge,
        model.Claim,
        model.Annotation,
        model.Post,
        model.Media,
        model.Coverage,
    ]
    expected = sum(len(record.model_fields) for record in records)
    assert len(PROPERTIES) == expected
    assert expected > 50


@pytest.mark.parametrize("path", sorted(PROPERTIES))
def test_every_property_has_a_description_and_examples(path: str) -> None:
    prop = PROPERTIES[path]
    assert isinstance(prop.get("description"), str), f"{path} has no description"
    assert prop["description"].strip(), f"{path} has an empty description"
    assert prop["description"].rstrip().endswith("."), f"{path}: end the description with '.'"
    assert isinstance(prop.get("examples"), list), f"{path} has no examples"
    assert prop["examples"], f"{path} has an empty list of examples"


@pytest.mark.parametrize("path", sorted(PROPERTIES))
def test_every_example_is_valid_by_the_schema(path: str) -> None:
    prop = PROPERTIES[path]
    schema = {key: value for key, value in prop.items() if key != "examples"}
    schema["$defs"] = SCHEMA["$defs"]
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    for example in prop.get("examples", []):
        validator.validate(example)


def _fields() -> Iterator[tuple[str, type[BaseModel], str]]:
    for name in dir(model):
        record = getattr(model, name)
        if (
            isinstance(record, type)
            and issubclass(record, model.Record)
            and record not in (model.Record, model.TranscriptHead)
        ):
            for field in record.model_fields:
                yield f"{name}.{field}", record, field


@pytest.mark.parametrize(
    ("label", "record", "field"), [pytest.param(*f, id=f[0]) for f in _fields()]
)
def test_every_example_passes_the_checker_model(
    label: str, record: type[BaseModel], field: str
) -> None:
    """Examples are written as a contributor writes values (text), and the model takes them."""
    info = record.model_fields[field]
    assert info.examples, f"{label} has no examples"
    annotation = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    adapter: TypeAdapter[Any] = TypeAdapter(annotation)
    for example in info.examples:
        adapter.validate_python(example)


def test_vscode_maps_the_transcripts_to_the_schema_copy() -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert list(mapping) == ["./docs/_static/transcript.schema.json"]
    assert (REPO / next(iter(mapping))).resolve() == SCHEMA_FILE
    globs = mapping["./docs/_static/transcript.schema.json"]
    assert "sources/*.yaml" in globs
    for transcript in (REPO / "sources").rglob("*.yaml"):
        relative = transcript.relative_to(REPO).as_posix()
        assert any(fnmatch.fnmatch(relative, glob) for glob in globs), relative
    assert not any(fnmatch.fnmatch("docs/conf.yaml", glob) for glob in globs)
    recommended = json.loads((REPO / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in recommended["recommendations"]


def test_the_seed_transcript_is_valid_by_the_schema() -> None:
    """What an editor checks a transcript against agrees with the checker on the seed."""
    from rejoinder.loader import load_file

    for path in sorted(Path(REPO / "sources").glob("*.yaml")):
        doc, problems = load_file(path)
        assert doc is not None and not problems
        jsonschema.Draft202012Validator(SCHEMA).validate(doc.data)
