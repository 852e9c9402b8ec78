"""A debate as Argdown text (https://argdown.org): statements with their relations.

* each claim (and each post argued as a whole) is a statement ``[post/claim]: statement``
  (``[post]: text`` for a post), in the order of the posts; its data (``{post, speaker,
  posted}``, YAML in braces, which Argdown keeps with the statement) says where it was made;
* ``supports`` is an outgoing support ``+> [target]``, ``rebuts`` an outgoing attack
  ``-> [target]``; Argdown has no locutions and no transitions, so replies and quotes are not
  exported;
* no headings: Argdown makes each heading a group of the map, which readers of its JSON
  (arguebuf among them) do not descend into;
* a statement is one paragraph: line breaks in the text become spaces, and Argdown's markup
  characters are escaped with a backslash.
"""

from __future__ import annotations

import json
import re

from rejoinder.export.argument_graph import ArgumentMap, Proposition, argument_map
from rejoinder.graph import CardKey, Graph

RELATION_ARROW = {"inference": "+>", "conflict": "->"}
# Argdown's markup: tags (#), links and titles ([ ] < >), emphasis (* _), data ({ }), mentions
# (@), escapes (\) and comments (/). Each is escaped, so the text is read as written.
_MARKUP = re.compile(r"([\\\[\]<>#*_{}@/])")
_WHITESPACE = re.compile(r"\s+")
# A title holds no brackets; the transcript's ids are letters, digits and hyphens anyway.
_NOT_IN_TITLE = re.compile(r"[\[\]]")


def escape(text: str) -> str:
    return _MARKUP.sub(r"\\\1", _WHITESPACE.sub(" ", text).strip())


def statement_title(debate: str, card: CardKey) -> str:
    title = f"{card.post}/{card.claim}" if card.claim else card.post
    if card.debate != debate:
        title = f"{card.debate}:{title}"
    return _NOT_IN_TITLE.sub("", title)


def argdown_of(mapped: ArgumentMap) -> str:
    by_id: dict[str, Proposition] = {item.id: item for item in mapped.propositions}
    outgoing: dict[str, list[str]] = {}
    for relation in mapped.relations:
        target = statement_title(mapped.debate, by_id[relation.target].card)
        arrow = RELATION_ARROW[relation.kind]
        outgoing.setdefault(relation.source, []).append(f"    {arrow} [{target}]")
    lines = ["===", f"title: {json.dumps(mapped.title, ensure_ascii=False)}", "==="]
    speakers = {locution.id: locution for locution in mapped.locutions}
    by_locution: dict[str | None, list[Proposition]] = {}
    for proposition in mapped.propositions:
        by_locution.setdefault(proposition.locution, []).append(proposition)

    def statement(proposition: Proposition) -> None:
        title = statement_title(mapped.debate, proposition.card)
        data: dict[str, str] = {"post": proposition.card.post}
        locution = speakers.get(proposition.locution or "")
        if locution is not None and locution.speaker:
            data["speaker"] = locution.speaker
        if locution is not None and locution.posted:
            data["posted"] = locution.posted.isoformat()
        if proposition.card.debate != mapped.debate:
            data["debate"] = proposition.card.debate
        fields = ", ".join(
            f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in data.items()
        )
        text = escape(proposition.text)
        # A post without words (media only) is named, not defined: Argdown needs text after
        # "[title]:", and none is made up.
        head = f"[{title}]: {text}" if text else f"[{title}]"
        lines.extend(["", f"{head} {{{fields}}}", *outgoing.get(proposition.id, ())])

    for locution in mapped.locutions:
        stated = by_locution.get(locution.id)
        if not stated:
            continue
        for proposition in stated:
            statement(proposition)
    others = by_locution.get(None)
    if others:
        for proposition in others:
            statement(proposition)
    return "\n".join(lines) + "\n"


def debate(graph: Graph, debate_id: str) -> str:
    """The export framework's entry point: the debate's Argdown text."""
    return argdown_of(argument_map(graph, debate_id))
