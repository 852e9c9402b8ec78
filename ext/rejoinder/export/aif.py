"""A debate as AIF, in the JSON that AIFdb and OVA exchange (``nodes``, ``edges``, ``locutions``,
``participants``).

* each post is an L-node (``"Speaker : text"`` as AIFdb writes locutions, the text alone when the
  author is unknown) with its ``locutions`` entry (``personID``, ``timestamp``);
* each claim (and each post argued as a whole) is an I-node, anchored in its post's L-node by a
  YA node ``Asserting``;
* ``supports`` is an RA node ``Default Inference`` (premise → RA → conclusion), ``rebuts`` a CA
  node ``Default Conflict`` (attacker → CA → attacked);
* ``replies_to`` and ``quotes`` are TA nodes ``Default Transition`` (earlier L → TA → later L).

Timestamps are the post's time in UTC (``YYYY-MM-DD HH:MM:SS``); a node whose post has no time
has no timestamp (AIF readers then use their own default), so the file is the same on every
build. Node ids are the transcript's own (``debate:post``, ``debate:post#claim``).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from rejoinder.export.argument_graph import ArgumentMap, argument_map
from rejoinder.graph import Graph

DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
SCHEME_OF = {"inference": ("RA", "Default Inference"), "conflict": ("CA", "Default Conflict")}


def timestamp(moment: dt.datetime | None) -> dict[str, str]:
    if moment is None:
        return {}
    return {"timestamp": moment.astimezone(dt.UTC).strftime(DATE_FORMAT)}


def aif_document(graph: Graph, debate: str) -> dict[str, Any]:
    return aif_of(argument_map(graph, debate))


def aif_of(mapped: ArgumentMap) -> dict[str, Any]:
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    locutions: list[dict[str, Any]] = []
    participants: dict[str, int] = {}
    # Each post's time written once: the same stamp goes on its L, I and YA nodes.
    stamps = {locution.id: timestamp(locution.posted) for locution in mapped.locutions}

    def edge(source: str, target: str) -> None:
        edges.append({"edgeID": f"e{len(edges) + 1}", "fromID": source, "toID": target})

    for locution in mapped.locutions:
        said = f"{locution.speaker} : {locution.text}" if locution.speaker else locution.text
        nodes.append({"nodeID": locution.id, "text": said, "type": "L", **stamps[locution.id]})
        entry: dict[str, Any] = {"nodeID": locution.id, **stamps[locution.id]}
        if locution.speaker:
            entry["personID"] = str(
                participants.setdefault(locution.speaker, len(participants) + 1)
            )
        locutions.append(entry)
    for proposition in mapped.propositions:
        when = stamps.get(proposition.locution or "", {})
        nodes.append({"nodeID": proposition.id, "text": proposition.text, "type": "I", **when})
        if proposition.locution is not None:
            anchor = f"{proposition.id}/asserting"
            nodes.append(
                {"nodeID": anchor, "text": "Asserting", "type": "YA", "scheme": "Asserting", **when}
            )
            edge(proposition.locution, anchor)
            edge(anchor, proposition.id)
    for relation in mapped.relations:
        kind, scheme = SCHEME_OF[relation.kind]
        node = {"nodeID": relation.id, "text": scheme, "type": kind, "scheme": scheme}
        nodes.append(node)
        edge(relation.source, relation.id)
        edge(relation.id, relation.target)
    for transition in mapped.transitions:
        scheme = "Default Transition"
        nodes.append({"nodeID": transition.id, "text": scheme, "type": "TA", "scheme": scheme})
        edge(transition.earlier, transition.id)
        edge(transition.id, transition.later)
    people = [
        {"participantID": str(number), "firstname": label, "surname": ""}
        for label, number in participants.items()
    ]
    return {"nodes": nodes, "edges": edges, "locutions": locutions, "participants": people}


# Compact: the standard encoder is several times slower indented, and tools read the file.
COMPACT = (",", ":")


def debate(graph: Graph, debate_id: str) -> str:
    """The export framework's entry point: the debate's AIF JSON text."""
    return json.dumps(aif_document(graph, debate_id), ensure_ascii=False, separators=COMPACT) + "\n"
