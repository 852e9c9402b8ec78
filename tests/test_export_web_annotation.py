"""The W3C Web Annotation export, read back by a JSON-LD processor that is not ours (pyld).

Each export is expanded offline (the bundled contexts only; the network is cut), and every
editorial annotation of the transcript, as an independent YAML parser (ruamel.yaml) reads the
file, is found in the expanded graph with its creator, its note exactly as written, its targets
and its quote selector.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld
from rejoinder.export import FORMATS, web_annotation
from rejoinder.export.jsonld import document_loader
from rejoinder.generate import load_corpus
from rejoinder.graph import Graph, build_graph
from ruamel.yaml import YAML
from support import GOOD, TESTS, RunCli

SEED = TESTS / "browser" / "sources" / "soares-anthropic-race.yaml"
OA = "http://www.w3.org/ns/oa#"
AS = "http://www.w3.org/ns/activitystreams#"
RDF_VALUE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value"
RDFS_COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"
FOAF_NAME = "http://xmlns.com/foaf/0.1/name"
DC_FORMAT = "http://purl.org/dc/elements/1.1/format"
CREATOR = "http://purl.org/dc/terms/creator"
SITE = "https://debates.example.org/debates/"
HOSTILE_NOTE = "She wrote \"</script><script>alert(1)</script>\" and <b>bold</b> &amp; 'quotes'."


# Expansion must use the bundled contexts: any connection attempt fails (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("no_network")


def corpus_of(tmp_path: Path, *files: Path) -> Graph:
    sources = tmp_path / "sources"
    sources.mkdir()
    for file in files:
        shutil.copy(file, sources)
    transcripts, corpus = load_corpus(sources)
    assert not [problem for problem in corpus.problems if problem.is_error]
    return build_graph(transcripts)


def expand(text: str, debate: str) -> list[dict[str, Any]]:
    base = f"{SITE}{debate}.annotations.jsonld"
    expanded: list[dict[str, Any]] = jsonld.expand(
        json.loads(text), {"documentLoader": document_loader, "base": base}
    )
    return expanded


def read_yaml(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe", pure=True).load(path.read_text("utf-8"))
    return data


def expected_annotations(transcript: dict[str, Any]) -> list[dict[str, Any]]:
    """Every annotation of the transcript as the YAML says, with its post's text and address."""
    found = []
    for post in transcript["posts"]:
        for index, note in enumerate(post.get("annotations") or (), start=1):
            found.append(
                {
                    "id": f"{SITE}{transcript['id']}.annotations.jsonld#{post['id']}"
                    f"-annotation-{index}",
                    "by": note["by"],
                    "note": note["note"],
                    "span": note.get("span"),
                    "text": post.get("text"),
                    "sources": {
                        *([post["url"]] if post.get("url") else []),
                        f"{SITE}{transcript['id']}.html#{post['id']}",
                    },
                }
            )
    return found


def only(values: list[dict[str, Any]]) -> dict[str, Any]:
    assert len(values) == 1, values
    return values[0]


def literal(node: dict[str, Any], key: str) -> str:
    value: str = only(node[key])["@value"]
    return value


def annotations_in(expanded: list[dict[str, Any]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The collection node and its annotations, in order, from the expanded document."""
    collection = only(expanded)
    assert collection["@type"] == [f"{AS}OrderedCollection"]  # AnnotationCollection
    first = collection.get(f"{AS}first")
    if first is None:
        return collection, []
    page = only(first)
    assert page["@type"] == [f"{AS}OrderedCollectionPage"]  # AnnotationPage
    items: list[dict[str, Any]] = only(page[f"{AS}items"])["@list"]
    return collection, items


def check_against_transcript(text: str, path: Path) -> int:
    transcript = read_yaml(path)
    collection, items = annotations_in(expand(text, transcript["id"]))
    expected = expected_annotations(transcript)
    assert only(collection[f"{AS}totalItems"])["@value"] == len(expected)
    assert [item["@id"] for item in items] == [note["id"] for note in expected]
    for item, note in zip(items, expected, strict=True):
        assert item["@type"] == [f"{OA}Annotation"]
        assert item[f"{OA}motivatedBy"] == [{"@id": f"{OA}commenting"}]
        creator = only(item[CREATOR])
        assert literal(creator, FOAF_NAME) == note["by"]
        assert "@type" not in creator  # the transcript does not say person or group
        body = only(item[f"{OA}hasBody"])
        assert body["@type"] == [f"{OA}TextualBody"]
        assert literal(body, RDF_VALUE) == note["note"]
        assert literal(body, DC_FORMAT) == "text/plain"
        assert body[f"{OA}hasPurpose"] == [{"@id": f"{OA}commenting"}]
        targets = item[f"{OA}hasTarget"]
        assert {only(target[f"{OA}hasSource"])["@id"] for target in targets} == note["sources"]
        for target in targets:
            assert target["@type"] == [f"{OA}SpecificResource"]
            if note["span"] is None:
                assert f"{OA}hasSelector" not in target
                continue
            selector = only(target[f"{OA}hasSelector"])
            assert selector["@type"] == [f"{OA}TextQuoteSelector"]
            assert literal(selector, f"{OA}exact") == note["span"]
            start = note["text"].index(note["span"])
            end = start + len(note["span"])
            prefix = note["text"][max(0, start - 32) : start]
            suffix = note["text"][end : end + 32]
            assert selector.get(f"{OA}prefix", [{"@value": ""}])[0]["@value"] == prefix
            assert selector.get(f"{OA}suffix", [{"@value": ""}])[0]["@value"] == suffix
    return len(expected)


def test_seed_copy_every_annotation_expands_as_in_the_transcript(tmp_path: Path) -> None:
    graph = corpus_of(tmp_path, SEED)
    text = web_annotation.debate(graph, read_yaml(SEED)["id"])
    assert check_against_transcript(text, SEED) == 11
    assert text.count('"TextQuoteSelector"') == 9  # nine of the seed's notes name a span


@pytest.mark.parametrize("path", sorted(GOOD.glob("*.yaml")), ids=lambda path: path.stem)
def test_good_transcripts_expand_as_written(tmp_path: Path, path: Path) -> None:
    graph = corpus_of(tmp_path, *sorted(GOOD.glob("*.yaml")))
    text = web_annotation.debate(graph, read_yaml(path)["id"])
    check_against_transcript(text, path)


def test_a_post_with_an_address_is_targeted_there_and_on_its_card(tmp_path: Path) -> None:
    graph = corpus_of(tmp_path, *sorted(GOOD.glob("*.yaml")))
    document = json.loads(web_annotation.debate(graph, "energy-debate"))
    note = document["first"]["items"][0]
    assert [target["source"] for target in note["target"]] == [
        "https://forum.example.org/t/solar-farm/1",
        "energy-debate.html#ada-opening",
    ]
    assert {json.dumps(target["selector"]) for target in note["target"]} == {
        json.dumps(
            {
                "type": "TextQuoteSelector",
                "exact": "twelve years",
                "prefix": "e solar farm pays for itself in ",  # 32 characters either side
                "suffix": ".\nThe land is not used for anyth",
            }
        )
    }


HOSTILE = f"""\
id: hostile-notes
title: Notes that look like markup
summary: A note and a span that hold quotes and tags.
sources:
  - title: A forum
    url: https://forum.example.org/t/1
participants:
  ada:
    name: Ada
posts:
  - id: ada-post
    author: ada
    url: https://forum.example.org/t/1
    text: 'Start <b>bold</b> "quoted" </script> end.'
    annotations:
      - by: '<b>Editor</b> "X"'
        span: '<b>bold</b> "quoted" </script>'
        note: {json.dumps(HOSTILE_NOTE)}
      - by: Editor
        note: No span, so no selector.
"""


def test_hostile_notes_stay_text(tmp_path: Path) -> None:
    source = tmp_path / "hostile-notes.yaml"
    source.write_text(HOSTILE, encoding="utf-8")
    graph = corpus_of(tmp_path, source)
    text = web_annotation.debate(graph, "hostile-notes")
    assert check_against_transcript(text, source) == 2
    note = json.loads(text)["first"]["items"][0]
    assert note["body"]["value"] == HOSTILE_NOTE
    assert note["creator"] == {"name": '<b>Editor</b> "X"'}
    assert note["target"][0]["selector"] == {
        "type": "TextQuoteSelector",
        "exact": '<b>bold</b> "quoted" </script>',
        "prefix": "Start ",
        "suffix": " end.",
    }


def test_output_is_stable_and_says_its_page_addresses_are_relative(tmp_path: Path) -> None:
    graph = corpus_of(tmp_path, SEED)
    debate = read_yaml(SEED)["id"]
    text = web_annotation.debate(graph, debate)
    assert web_annotation.debate(graph, debate) == text
    collection, _ = annotations_in(expand(text, debate))
    assert "no absolute address is stated" in literal(collection, RDFS_COMMENT)
    # No invented host: a target is the card, relative to the page's folder (the seed's copy
    # gives no post addresses).
    for note in json.loads(text)["first"]["items"]:
        for target in note["target"]:
            assert target["source"].startswith(f"{debate}.html#")


def test_a_known_page_address_makes_card_addresses_absolute(tmp_path: Path) -> None:
    graph = corpus_of(tmp_path, *sorted(GOOD.glob("*.yaml")))
    page = "https://debates.example.org/debates/energy-debate.html"
    document = json.loads(web_annotation.debate(graph, "energy-debate", page_url=page))
    assert "rdfs:comment" not in document
    sources = [target["source"] for target in document["first"]["items"][0]["target"]]
    assert sources[-1] == f"{page}#ada-opening"
    with pytest.raises(ValueError, match="http or https"):
        web_annotation.debate(graph, "energy-debate", page_url="javascript:alert(1)")
    # Another builder's relative page address (dirhtml): used, and still said to be relative.
    document = json.loads(web_annotation.debate(graph, "energy-debate", page_url="energy-debate/"))
    assert "no absolute address is stated" in document["rdfs:comment"]
    assert document["first"]["items"][0]["target"][-1]["source"] == "energy-debate/#ada-opening"


def test_a_debate_without_annotations_is_an_empty_collection(tmp_path: Path) -> None:
    graph = corpus_of(tmp_path, *sorted(GOOD.glob("*.yaml")))
    text = web_annotation.debate(graph, "energy-rejoinder")
    collection, items = annotations_in(expand(text, "energy-rejoinder"))
    assert items == []
    assert only(collection[f"{AS}totalItems"])["@value"] == 0


def test_rejoinder_export_web_annotation_prints_the_collection(run_cli: RunCli) -> None:
    registered = FORMATS["web-annotation"]
    assert (
        registered.media_type == 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
    )
    result = run_cli(["export", "web-annotation", str(GOOD / "energy-debate.yaml")])
    assert result.code == 0, result.err
    assert check_against_transcript(result.out, GOOD / "energy-debate.yaml") == 1


def test_the_documented_example_is_what_the_export_gives(tmp_path: Path) -> None:
    page = (TESTS.parent / "docs" / "export.md").read_text(encoding="utf-8")
    section = page.split("## Editorial notes: W3C Web Annotation", 1)[1].split("\n## ", 1)[0]
    transcript = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    shown = re.search(r"```json\n(.*?)```", section, re.DOTALL)
    assert transcript is not None and shown is not None
    source = tmp_path / "example.yaml"
    source.write_text(transcript.group(1), encoding="utf-8")
    graph = corpus_of(tmp_path, source)
    (debate,) = graph.transcripts
    assert json.loads(shown.group(1)) == json.loads(web_annotation.debate(graph, debate))
