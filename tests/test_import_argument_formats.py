"""``rejoinder import aif|sadface|argdown|kialo FILE``: real argument graphs from public corpora
(tests/argument_formats/, each with its provenance) become transcripts that check clean and keep
every proposition and relation arguebuf reads in them; and export → import through AIF, SADFace
and Argdown keeps every claim and every ``supports``/``rebuts`` of the seed copy and tests/good.

What the formats cannot hold (``concedes``, ``qualifies``, ``questions``; replies outside AIF)
is documented in docs/export.md and not asked of the round trip.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import arguebuf
import pytest
from argument_formats.argdown_support import ARGDOWN_MISSING, argdown_json
from rejoinder.corpus import check_files
from rejoinder.export import FORMATS
from rejoinder.generate import load_corpus
from rejoinder.graph import Graph, build_graph
from support import TESTS, RunCli
from test_argument_formats import (
    Triple,
    expected_claims,
    expected_relations,
    one_line,
    relations_of,
    seed_and_good,
)

DATA = TESTS / "argument_formats"
REAL = {
    "aif": DATA / "aifdb-6064.json",
    "sadface": DATA / "sadface-hangback.json",
    "argdown": DATA / "legalisation-softdrugs.argdown.json",
    "kialo": DATA / "kialo-should-hate-speech-be-illegal-6148.txt",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    return seed_and_good(tmp_path_factory)


def parsed_by_arguebuf(name: str, path: Path) -> Any:
    if name == "kialo":
        return arguebuf.load.kialo(io.StringIO(path.read_text(encoding="utf-8")))
    document = json.loads(path.read_text(encoding="utf-8"))
    if name == "aif":
        return arguebuf.load.aif(document)
    if name == "sadface":
        return arguebuf.load.sadface(document)
    return arguebuf.load.argdown(document)


def imported(run_cli: RunCli, name: str, path: Path, out: Path) -> Any:
    result = run_cli(["import", name, str(path), "-o", str(out), "--captured", "2026-12-03"])
    assert result.code == 0, result.err
    assert "0 errors, 0 warnings" in result.err
    assert run_cli(["check", str(out)]).code == 0
    checked = check_files([out], jobs=1)
    return checked.checked[0].transcript


def transcript_relations(transcript: Any) -> Counter[Triple]:
    statements = {
        (post.id, claim.id): claim.statement for post in transcript.posts for claim in post.claims
    }
    found: Counter[Triple] = Counter()
    for post in transcript.posts:
        for claim in post.claims:
            for edge in claim.arguments:
                target_post, target_claim = edge.target.split("#")
                found[
                    one_line(claim.statement),
                    edge.kind,
                    one_line(statements[target_post, target_claim]),
                ] += 1
    return found


def loaded(transcript: Any) -> Any:
    assert transcript is not None
    return transcript


@pytest.mark.parametrize("name", sorted(REAL))
def test_a_real_graph_becomes_a_transcript_that_keeps_its_argument(
    run_cli: RunCli, tmp_path: Path, name: str
) -> None:
    transcript = loaded(imported(run_cli, name, REAL[name], tmp_path / f"{name}.yaml"))
    parsed = parsed_by_arguebuf(name, REAL[name])
    statements = Counter(
        one_line(claim.statement) for post in transcript.posts for claim in post.claims
    )
    atoms = Counter(one_line(atom.plain_text) for atom in parsed.atom_nodes.values())
    assert statements == atoms
    # Each relation once (Kialo's "-> See" lines repeat one in several places).
    expected = argdown_relations(REAL[name]) if name == "argdown" else relations_of_known(parsed)
    assert set(transcript_relations(transcript)) == set(expected)


def argdown_relations(path: Path) -> Counter[Triple]:
    """Support and attack as the Argdown parser's map gives them (arguebuf 2.7 reads its
    undercuts as support); undercuts have no equivalent and are left out."""
    document = json.loads(path.read_text(encoding="utf-8"))
    text = {node["id"]: one_line(node["labelText"]) for node in document["map"]["nodes"]}
    role = {"support": "supports", "attack": "rebuts"}
    found: Counter[Triple] = Counter()
    for edge in document["map"]["edges"]:
        if edge["relationType"] in role:
            found[text[edge["from"]], role[edge["relationType"]], text[edge["to"]]] += 1
    return found


def test_argdown_undercuts_are_left_out_and_counted(run_cli: RunCli, tmp_path: Path) -> None:
    transcript = loaded(imported(run_cli, "argdown", REAL["argdown"], tmp_path / "a.yaml"))
    assert "2 undercut relation(s) of the file have no equivalent" in (
        transcript.sources[0].note or ""
    )


def relations_of_known(parsed: Any) -> Counter[Triple]:
    """The support and attack relations; the others (rephrase…) have no equivalent."""
    for scheme in list(parsed.scheme_nodes.values()):
        if not isinstance(scheme.scheme, (arguebuf.Support, arguebuf.Attack)):
            parsed.remove_node(scheme)
    return relations_of(parsed)


def test_aif_locutions_become_posts_with_their_speakers_and_transitions(
    run_cli: RunCli, tmp_path: Path
) -> None:
    transcript = loaded(imported(run_cli, "aif", REAL["aif"], tmp_path / "aif.yaml"))
    document = json.loads(REAL["aif"].read_text(encoding="utf-8"))
    kinds = Counter(node["type"] for node in document["nodes"])
    assert len(transcript.posts) == kinds["L"]
    speakers = {participant.label for participant in transcript.participants.values()}
    assert speakers == {"CL", "NL"}
    first = next(post for post in transcript.posts if post.id == "post-29069")
    assert first.text.startswith("But my point is they got to a point")  # "CL : " read off
    assert first.posted is None  # AIF times have no zone: kept as shown, not guessed
    assert first.posted_as_shown == "2014-04-28 15:51:39"
    assert sum(1 for post in transcript.posts if post.replies_to) > 0
    assert all(post.thread_note for post in transcript.posts if post.replies_to)


def test_propositions_without_locutions_get_posts_marked_as_inferred(
    run_cli: RunCli, tmp_path: Path
) -> None:
    transcript = loaded(imported(run_cli, "kialo", REAL["kialo"], tmp_path / "kialo.yaml"))
    assert transcript.title == "Should hate speech be illegal?"
    assert all(post.author == "unknown" for post in transcript.posts)
    assert all("not in the Kialo file" in post.annotations[0].note for post in transcript.posts)
    assert "inferred, not in the source" in (transcript.sources[0].note or "")


def test_an_argdown_text_file_is_refused_with_the_way_to_convert_it(
    run_cli: RunCli, tmp_path: Path
) -> None:
    source = DATA / "legalisation-softdrugs.argdown"
    result = run_cli(["import", "argdown", str(source), "-o", str(tmp_path / "x.yaml")])
    assert result.code == 1
    assert "export its JSON with the map first" in result.err
    assert not (tmp_path / "x.yaml").exists()


def test_a_file_format_is_not_fetched_from_a_web_address(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli(["import", "aif", "https://example.org/map.json"])
    assert result.code == 1
    assert "from a file" in result.err


def round_trip(run_cli: RunCli, tmp_path: Path, name: str, text: str, debate: str) -> Any:
    if name == "argdown":
        text = json.dumps(argdown_json(text))
    path = tmp_path / f"{debate}.{name}"
    path.write_text(text, encoding="utf-8")
    return loaded(imported(run_cli, name, path, tmp_path / f"{debate}-{name}.yaml"))


def check_round_trip(run_cli: RunCli, tmp_path: Path, corpus_graph: Graph, name: str) -> None:
    for debate in sorted(corpus_graph.transcripts):
        back = round_trip(
            run_cli, tmp_path, name, FORMATS[name].debate(corpus_graph, debate), debate
        )
        statements = {one_line(claim.statement) for post in back.posts for claim in post.claims}
        assert expected_claims(corpus_graph, debate) <= statements, (name, debate)
        assert transcript_relations(back) == expected_relations(corpus_graph, debate), (
            name,
            debate,
        )


@pytest.mark.parametrize("name", ["aif", "sadface"])
def test_export_then_import_keeps_every_claim_and_relation(
    run_cli: RunCli,
    tmp_path: Path,
    corpus: Graph,
    name: str,
) -> None:
    check_round_trip(run_cli, tmp_path, corpus, name)


@pytest.mark.skipif(ARGDOWN_MISSING is not None, reason=str(ARGDOWN_MISSING))
def test_export_then_import_through_argdown_keeps_every_claim_and_relation(
    run_cli: RunCli,
    tmp_path: Path,
    corpus: Graph,
) -> None:
    check_round_trip(run_cli, tmp_path, corpus, "argdown")


def test_aif_round_trip_keeps_speakers_and_replies(
    run_cli: RunCli,
    tmp_path: Path,
    corpus: Graph,
) -> None:
    debate = "soares-anthropic-race"
    back = round_trip(run_cli, tmp_path, "aif", FORMATS["aif"].debate(corpus, debate), debate)
    original = corpus.transcripts[debate]
    assert len(back.posts) == len(original.posts)
    labels = Counter(
        back.participants[post.author].label if post.author != "unknown" else None
        for post in back.posts
    )
    expected = Counter(
        original.participants[post.author].label if post.author != "unknown" else None
        for post in original.posts
    )
    assert labels == expected
    threaded = sum(1 for post in original.posts if post.replies_to or post.quotes)
    assert sum(1 for post in back.posts if post.replies_to) == threaded
    # AIF times have no zone: the exported UTC times come back as shown, not as moments.
    assert all(post.posted is None and post.posted_as_shown for post in back.posts)


def test_wordless_propositions_and_locutions_are_left_out_and_counted(
    run_cli: RunCli, tmp_path: Path
) -> None:
    aif = {
        "nodes": [
            {"nodeID": "1", "text": "", "type": "L"},
            {"nodeID": "2", "text": "", "type": "I"},
            {"nodeID": "3", "text": "Bea : The field is not idle.", "type": "L"},
            {"nodeID": "4", "text": "The field is not idle.", "type": "I"},
            {"nodeID": "5", "text": "Asserting", "type": "YA"},
            {"nodeID": "6", "text": "Default Conflict", "type": "CA"},
        ],
        "edges": [
            {"edgeID": "a", "fromID": "1", "toID": "2"},
            {"edgeID": "b", "fromID": "3", "toID": "5"},
            {"edgeID": "c", "fromID": "5", "toID": "4"},
            {"edgeID": "d", "fromID": "4", "toID": "6"},
            {"edgeID": "e", "fromID": "6", "toID": "2"},
        ],
        "locutions": [],
    }
    path = tmp_path / "wordless.json"
    path.write_text(json.dumps(aif), encoding="utf-8")
    transcript = loaded(imported(run_cli, "aif", path, tmp_path / "wordless.yaml"))
    assert [post.text for post in transcript.posts] == ["The field is not idle."]
    assert not transcript.posts[0].claims[0].arguments  # the conflict with nothing said
    note = transcript.sources[0].note or ""
    assert "1 propositions of the file have no words" in note
    assert "1 locutions of the file have no words" in note


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("aif", '{"nodes": [1, 2]}', "not an AIF file this importer can read"),
        ("aif", "[]", "not AIF JSON: it has no list of nodes"),
        ("sadface", '{"nodes": [{}]}', "not a SADFace file this importer can read"),
        ("argdown", '{"map": {"nodes": [{"id": 1}]}}', "not an Argdown JSON file"),
        ("kialo", "hello\n", "not a Kialo discussion export"),
        ("aif", "not json", "not AIF JSON"),
    ],
)
def test_a_malformed_file_is_refused_in_one_line(
    run_cli: RunCli, tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / "input"
    path.write_text(content, encoding="utf-8")
    result = run_cli(["import", name, str(path)])
    assert result.code == 1
    assert message in result.err
    assert "bug" not in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_aif_round_trip_reads_an_unknown_authors_words_whole(
    run_cli: RunCli, tmp_path: Path
) -> None:
    source = tmp_path / "sources"
    source.mkdir()
    (source / "colons.yaml").write_text(
        """\
id: colons
title: Colons
summary: A post whose words look like a speaker's name.
sources:
  - title: A test
participants:
  ada:
    display_name: Ada
posts:
  - id: first
    author: ada
    text: "Note : the land is idle."
  - id: second
    author: unknown
    replies_to: first
    text: "Sheep : they graze there."
""",
        encoding="utf-8",
    )
    transcripts, _ = load_corpus(source)
    back = round_trip(
        run_cli,
        tmp_path,
        "aif",
        FORMATS["aif"].debate(build_graph(transcripts), "colons"),
        "colons",
    )
    assert [post.text for post in back.posts] == [
        "Note : the land is idle.",
        "Sheep : they graze there.",
    ]
    assert [post.author for post in back.posts][1] == "unknown"
    assert back.participants[back.posts[0].author].label == "Ada"
