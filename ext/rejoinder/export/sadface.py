"""A debate as SADFace (JSON, version 0.2 as in the SADFace repository's examples).

* each claim (and each post argued as a whole) is an ``atom``; its ``sources`` point at its post
  (with the claim's quoted words, their ``offset`` and ``length`` in the post, where it has a
  quote);
* each post is a ``resource`` of type ``text`` (its words), its address in ``metadata.core.url``
  where known, the speaker and time in ``metadata.rejoinder`` (SADFace has no speakers or
  locutions of its own);
* ``supports`` is a ``scheme`` named ``support``, ``rebuts`` one named ``attack``
  (atom → scheme → atom); SADFace has no transitions, so replies and quotes are not exported.

``created`` and ``edited`` are the earliest and latest post times (empty when no post has one),
so the file is the same on every build.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from rejoinder.export.argument_graph import ArgumentMap, argument_map
from rejoinder.graph import Graph

VERSION = "0.2"
DATE_FORMAT = "%Y-%m-%dT%H:%M:%S"
SCHEME_NAME = {"inference": "support", "conflict": "attack"}


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime(DATE_FORMAT)


def sadface_document(graph: Graph, debate: str) -> dict[str, Any]:
    return sadface_of(argument_map(graph, debate))


def sadface_of(mapped: ArgumentMap) -> dict[str, Any]:
    times = sorted(locution.posted for locution in mapped.locutions if locution.posted)
    resources = []
    for locution in mapped.locutions:
        about: dict[str, str] = {"post": locution.post.post}
        if locution.speaker:
            about["speaker"] = locution.speaker
        if locution.posted:
            about["posted"] = locution.posted.isoformat()
        metadata: dict[str, Any] = {"core": {"url": locution.url}} if locution.url else {}
        metadata["rejoinder"] = about
        resources.append(
            {"id": locution.id, "content": locution.text, "type": "text", "metadata": metadata}
        )
    content = {locution.id: locution.text for locution in mapped.locutions}
    nodes: list[dict[str, Any]] = []
    for proposition in mapped.propositions:
        sources: list[dict[str, Any]] = []
        if proposition.locution is not None:
            source: dict[str, Any] = {"resource_id": proposition.locution}
            offset = content[proposition.locution].find(proposition.quote or "\0")
            if proposition.quote and offset >= 0:  # where the claim's words are in the post
                source.update(text=proposition.quote, offset=offset, length=len(proposition.quote))
            sources.append(source)
        nodes.append(
            {
                "id": proposition.id,
                "metadata": {},
                "sources": sources,
                "text": proposition.text,
                "type": "atom",
            }
        )
    edges = []
    for relation in mapped.relations:
        name = SCHEME_NAME[relation.kind]
        nodes.append({"id": relation.id, "metadata": {}, "name": name, "type": "scheme"})
        edges.append(
            {"id": f"{relation.id}/in", "source_id": relation.source, "target_id": relation.id}
        )
        edges.append(
            {"id": f"{relation.id}/out", "source_id": relation.id, "target_id": relation.target}
        )
    core = {
        "analyst_email": "",
        "analyst_name": "",
        "created": _utc(times[0]) if times else "",
        "description": mapped.summary,
        "edited": _utc(times[-1]) if times else "",
        "id": mapped.debate,
        "notes": "Exported by Rejoinder from the transcript of this debate.",
        "title": mapped.title,
        "version": VERSION,
    }
    return {"edges": edges, "metadata": {"core": core}, "nodes": nodes, "resources": resources}


# Compact: the standard encoder is several times slower indented, and tools read the file.
COMPACT = (",", ":")


def debate(graph: Graph, debate_id: str) -> str:
    """The export framework's entry point: the debate's SADFace JSON text."""
    return (
        json.dumps(sadface_document(graph, debate_id), ensure_ascii=False, separators=COMPACT)
        + "\n"
    )
