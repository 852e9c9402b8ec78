"""Rejoinder JSON: a debate (or the whole corpus) with everything its transcript says and what
the corpus graph resolves of it, in a documented, versioned form (``docs/export.md``).

Every field of the transcript appears under its own name, with null where the transcript says
nothing (nothing is guessed). Times are ISO 8601 in UTC (``2026-05-20T21:54:00Z``); days are
``YYYY-MM-DD``; metrics stay text exactly as shown (``"25.8K"``). Added by the graph, on every
post and claim: ``key`` (``debate:post#claim``), the edges it makes (``edges``) and receives
(``backlinks``) with absolute keys, its ``exchange_status`` (what the exchange did with it;
a post's ``status`` stays the transcript's: shown, deleted...) and its
``grounded`` label (in, out or undecided).

The layout is described by the JSON Schema ``debate.schema.json`` beside this module (draft
2020-12); each file names it in ``$schema`` and gives ``version``, which changes whenever the layout
does (the schema allows no other keys, so a consumer can rely on it).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from rejoinder.graph import CardKey, Edge, Graph
from rejoinder.model import UNKNOWN_AUTHOR, ArgumentEdge, Claim, Post, Transcript

VERSION = 1
SCHEMA_FILE = "debate.schema.json"  # published beside the exports, so relative works
SCHEMA_PATH = Path(__file__).with_name(SCHEMA_FILE)
_SCHEMA_REFERENCE = SCHEMA_FILE


def debate(graph: Graph, debate: str) -> str:
    """One debate as Rejoinder JSON."""
    head = _head("rejoinder-debate")
    return f'{head},"debate":{_debate_json(graph, debate)}}}\n'


def corpus(graph: Graph) -> str:
    """Every debate of the corpus, in the order of their ids, as Rejoinder JSON."""
    head = _head("rejoinder-corpus")
    debates = ",".join(_debate_json(graph, debate) for debate in sorted(graph.transcripts))
    _MADE.clear()  # the corpus is made last (after each debate's file): the texts can go
    _MADE_FOR.clear()
    return f'{head},"debates":[{debates}]}}\n'


def _head(kind: str) -> str:
    opening = _dumps({"$schema": _SCHEMA_REFERENCE, "format": kind, "version": VERSION})
    return opening.rstrip().removesuffix("}")


# The text of each debate made for this graph, for the corpus file to reuse: the publisher
# and the command line make every debate's file, then the corpus's, and making a debate's
# data is most of the time (at 2,000 debates, it halves the JSON export). One graph at a time.
_MADE: dict[str, str] = {}
_MADE_FOR: list[Graph] = []


def _debate_json(graph: Graph, debate: str) -> str:
    if not _MADE_FOR or _MADE_FOR[0] is not graph:
        _MADE.clear()
        _MADE_FOR[:] = [graph]
    text = _MADE.get(debate)
    if text is None:
        text = _MADE[debate] = _dumps(debate_data(graph, debate)).rstrip("\n")
    return text


def schema_text() -> str:
    return SCHEMA_PATH.read_text(encoding="utf-8")


def companion_files() -> dict[str, str]:
    """The schema, published beside the exports that name it."""
    return {SCHEMA_FILE: schema_text()}


def _dumps(document: dict[str, Any]) -> str:
    # Not ASCII-escaped: the text is the contributors' words; JSON is UTF-8 by definition.
    # Compact: the standard encoder is several times slower with indentation.
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def debate_data(graph: Graph, debate: str) -> dict[str, Any]:
    transcript: Transcript = graph.transcripts[debate]
    labels = graph.labels()
    data = transcript.model_dump(mode="json", exclude={"posts"})
    data["posts"] = [_post(graph, labels, debate, post) for post in transcript.posts]
    return data


def _post(graph: Graph, labels: Any, debate: str, post: Post) -> dict[str, Any]:
    data = post.model_dump(mode="json", exclude={"claims", "arguments"})
    data["posted"] = _utc(post.posted)
    data["edited_at"] = _utc(post.edited_at)
    key = CardKey(debate, post.id)
    data["author_label"] = None if post.author == UNKNOWN_AUTHOR else graph.author_label(key)
    data["arguments"] = [_argument(edge) for edge in post.arguments]
    data["claims"] = [
        _claim(graph, labels, CardKey(debate, post.id, claim.id), claim) for claim in post.claims
    ]
    data.update(_resolved(graph, labels, key))
    return data


def _claim(graph: Graph, labels: Any, key: CardKey, claim: Claim) -> dict[str, Any]:
    data = claim.model_dump(mode="json", exclude={"arguments"})
    data["arguments"] = [_argument(edge) for edge in claim.arguments]
    data.update(_resolved(graph, labels, key))
    return data


def _argument(edge: ArgumentEdge) -> dict[str, Any]:
    # The transcript writes `rebuts: target`; one shape for every kind reads more easily.
    return {"kind": edge.kind, "target": edge.target, "note": edge.note}


def _resolved(graph: Graph, labels: Any, key: CardKey) -> dict[str, Any]:
    status = graph.status(key)
    return {
        "key": str(key),
        "edges": [_edge(edge, edge.target) for edge in graph.outgoing.get(key, ())],
        "backlinks": [_edge(edge, edge.source) for edge in graph.incoming.get(key, ())],
        "exchange_status": {
            "name": status.name,
            "label": status.label,
            "challenges": status.challenges,
            "standing": status.standing,
            "replies": status.replies,
            "conceded_by": list(status.conceded_by),
        },
        "grounded": labels.get(key, "undecided"),
    }


def _edge(edge: Edge, other: CardKey) -> dict[str, Any]:
    return {"role": edge.role, "card": str(other), "note": edge.note}


def _utc(moment: dt.datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
