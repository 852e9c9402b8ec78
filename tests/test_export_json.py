"""Rejoinder JSON: real transcripts exported, validated against the published schema by
``jsonschema`` (not our code), and checked for what the graph resolves and what stays unknown."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from rejoinder.export import FORMATS
from rejoinder.export.json_format import SCHEMA_PATH
from rejoinder.generate import load_corpus
from rejoinder.graph import Graph, build_graph
from rejoinder.model import Claim, Post, Transcript
from support import GOOD, TESTS

SEED = TESTS / "browser" / "sources" / "soares-anthropic-race.yaml"
SPHINX_SOURCES = TESTS / "roots" / "test-basic" / "sources"


def _graph(folder: Path) -> Graph:
    transcripts, corpus = load_corpus(folder)
    assert corpus.error_count == 0
    return build_graph(transcripts)


def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _export(graph: Graph, debate: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(FORMATS["json"].debate(graph, debate))
    return document


def _card(document: dict[str, Any], post: str, claim: str | None = None) -> dict[str, Any]:
    found = next(item for item in document["debate"]["posts"] if item["id"] == post)
    if claim is None:
        return found
    result: dict[str, Any] = next(item for item in found["claims"] if item["id"] == claim)
    return result


@pytest.mark.parametrize("folder", [GOOD, SEED.parent, SPHINX_SOURCES], ids=lambda p: p.name)
def test_every_debate_and_the_corpus_validate(folder: Path) -> None:
    graph = _graph(folder)
    validator = _validator()
    for debate in graph.transcripts:
        document = json.loads(FORMATS["json"].debate(graph, debate))
        validator.validate(document)
        assert document["version"] == 1
        assert document["$schema"] == "debate.schema.json"
    corpus_text = FORMATS["json"].corpus(graph)
    assert corpus_text is not None
    corpus = json.loads(corpus_text)
    validator.validate(corpus)
    assert sorted(item["id"] for item in corpus["debates"]) == sorted(graph.transcripts)


def test_the_schema_refuses_what_it_does_not_describe() -> None:
    document = _export(_graph(GOOD), "energy-debate")
    document["debate"]["posts"][0]["invented"] = "no"
    with pytest.raises(jsonschema.ValidationError):
        _validator().validate(document)


def test_times_are_utc_and_unknowns_are_null() -> None:
    graph = _graph(GOOD)
    rejoinder = _export(graph, "energy-rejoinder")
    # Written 2026-05-22T09:30:00-04:00 in the transcript.
    assert rejoinder["debate"]["posts"][0]["posted"] == "2026-05-22T13:30:00Z"
    debate = _export(graph, "energy-debate")
    anonymous = _card(debate, "anonymous-quote")
    assert anonymous["author"] == "unknown"
    assert anonymous["author_label"] is None
    assert _card(debate, "bob-reply")["url"] is None
    assert debate["debate"]["participants"]["bob_2"]["name"] is None
    # Metrics exactly as shown, as text.
    assert _card(debate, "ada-opening")["metrics"]["views"] == "25.8K"


def test_backlinks_statuses_and_labels_are_resolved_across_debates() -> None:
    graph = _graph(GOOD)
    debate = _export(graph, "energy-debate")
    payback = _card(debate, "ada-opening", "payback")
    assert payback["key"] == "energy-debate:ada-opening#payback"
    rebuttals = [link for link in payback["backlinks"] if link["role"] == "rebuts"]
    assert [link["card"].split(":")[0] for link in rebuttals] == ["energy-rejoinder"]
    assert payback["exchange_status"]["challenges"] == 1
    assert payback["exchange_status"]["name"] in {"challenged", "challenge-answered", "undecided"}
    assert payback["grounded"] in {"in", "out", "undecided"}
    idle = _card(debate, "ada-opening", "idle-land")
    assert {
        "role": "rebuts",
        "card": "energy-debate:bob-reply#grazing",
        "note": "Direct contradiction.",
    } in idle["backlinks"]
    grazing = _card(debate, "bob-reply", "grazing")
    assert grazing["arguments"] == [
        {"kind": "rebuts", "target": "ada-opening#idle-land", "note": "Direct contradiction."}
    ]
    assert grazing["edges"][0]["card"] == "energy-debate:ada-opening#idle-land"
    # Consistent with the graph the site shows.
    key = next(key for key in graph.claims if str(key) == payback["key"])
    assert payback["grounded"] == graph.labels()[key]
    assert payback["exchange_status"]["label"] == graph.status(key).label


def test_contributor_text_is_kept_exactly() -> None:
    graph = _graph(GOOD)
    document = _export(graph, "energy-debate")
    transcript = graph.transcripts["energy-debate"]
    assert document["debate"]["summary"] == transcript.summary
    assert _card(document, "ada-opening")["text"] == transcript.posts[0].text
    assert document["debate"]["participants"]["ada"]["display_name"] == "Ada L. ☀️"


def test_the_schema_names_every_field_of_the_transcript_format() -> None:
    """A field added to the transcript format appears in the export: the schema must say so."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))["$defs"]
    for model, name in ((Transcript, "debate"), (Post, "post"), (Claim, "claim")):
        assert set(model.model_fields) <= set(schema[name]["properties"]), name


def test_a_posts_own_status_is_not_overwritten_by_what_the_graph_adds() -> None:
    document = _export(_graph(GOOD), "energy-debate")
    assert {post["status"] for post in document["debate"]["posts"]} == {"shown"}
    assert _card(document, "ada-opening")["exchange_status"]["name"] == "answered"


def test_the_documented_example_is_what_the_export_gives(tmp_path: Path) -> None:
    page = (TESTS.parent / "docs" / "export.md").read_text(encoding="utf-8")
    section = page.split("## Rejoinder JSON", 1)[1]
    transcript = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    shown = re.search(r"```json\n(.*?)```", section, re.DOTALL)
    assert transcript is not None and shown is not None
    (tmp_path / "example.yaml").write_text(transcript.group(1), encoding="utf-8")
    graph = _graph(tmp_path)
    (debate,) = graph.transcripts
    assert json.loads(shown.group(1)) == _export(graph, debate)
    _validator().validate(json.loads(shown.group(1)))
