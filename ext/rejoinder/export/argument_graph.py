"""One debate as an argument graph: the mapping shared by the AIF, SADFace and Argdown writers.

What maps to what (docs/export.md, "Argument-graph formats", has the full table):

* each post is a *locution*: its text, its speaker (the participant's label; none when the
  author is unknown) and its time (when the transcript gives one);
* each claim is a *proposition* (its statement), asserted in its post's locution; a post that
  argues, or is argued with, as a whole is a proposition too (its own text);
* ``supports`` is an *inference* (premise → conclusion), ``rebuts`` a *conflict*
  (attacker → attacked); ``concedes``, ``qualifies`` and ``questions`` have no equivalent in
  these formats' argument layer and are listed in :attr:`ArgumentMap.left_out`;
* ``replies_to`` and ``quotes`` (of a post) are *transitions* from the earlier locution to the
  later one, where the format has transitions (AIF's TA nodes).

Edges to cards of other debates keep their target as a proposition of its own, without a
locution (the target's post is not part of this debate). Pure: no I/O, no Sphinx.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from rejoinder.graph import CardKey, Edge, Graph
from rejoinder.model import UNKNOWN_AUTHOR, Post

RelationKind = Literal["inference", "conflict"]
RELATION_OF: dict[str, RelationKind] = {"supports": "inference", "rebuts": "conflict"}
TRANSITION_ROLES = ("replies_to", "quotes")


@dataclass(frozen=True, slots=True)
class Locution:
    id: str
    post: CardKey
    speaker: str | None  # the participant's label; None when the author is unknown
    posted: dt.datetime | None
    text: str
    url: str | None = None  # the original post's address, where the transcript gives it


@dataclass(frozen=True, slots=True)
class Proposition:
    id: str
    card: CardKey
    text: str
    locution: str | None  # the locution that asserts it (None: a card of another debate)
    quote: str | None = None  # a claim's exact words in its post's text


@dataclass(frozen=True, slots=True)
class Relation:
    id: str
    kind: RelationKind
    source: str  # proposition ids
    target: str
    edge: Edge


@dataclass(frozen=True, slots=True)
class Transition:
    id: str
    earlier: str  # locution ids: the post replied to or quoted, then the reply or quote
    later: str
    edge: Edge


@dataclass(slots=True)
class ArgumentMap:
    debate: str
    title: str
    summary: str
    locutions: list[Locution] = field(default_factory=list)
    propositions: list[Proposition] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    transitions: list[Transition] = field(default_factory=list)
    left_out: list[Edge] = field(default_factory=list)  # edges no argument format here holds


def locution_id(card: CardKey) -> str:
    return f"{card.debate}:{card.post}"


def proposition_id(card: CardKey) -> str:
    """``debate:post#claim`` for a claim, ``debate:post#`` for a post argued as a whole."""
    return f"{card.debate}:{card.post}#{card.claim or ''}"


def post_text(post: Post) -> str:
    """The post's words: its text, else its title; empty when it shows only media."""
    return post.text or post.title or ""


# The three formats of one debate share its map: kept for the graph last asked about (a
# build or an export makes a new graph; the writers only read the map).
_MAPS: dict[str, ArgumentMap] = {}
_MAPPED: list[Graph] = []


def argument_map(graph: Graph, debate: str) -> ArgumentMap:
    """The debate's argument map (computed once per graph and debate)."""
    if not _MAPPED or _MAPPED[0] is not graph:
        _MAPS.clear()
        _MAPPED[:] = [graph]
    found = _MAPS.get(debate)
    if found is None:
        found = _MAPS[debate] = _map(graph, debate)
    return found


def _map(graph: Graph, debate: str) -> ArgumentMap:
    transcript = graph.transcripts[debate]
    result = ArgumentMap(debate, transcript.title, transcript.summary)
    propositions: dict[CardKey, Proposition] = {}

    def proposition(card: CardKey) -> str:
        known = propositions.get(card)
        if known is None:
            post = graph.post(card)
            claim = graph.claim(card) if card.claim else None
            text = claim.statement if claim is not None else post_text(post)
            asserted = locution_id(card) if card.debate == debate else None
            quote = claim.quote if claim is not None and asserted else None
            known = propositions[card] = Proposition(
                proposition_id(card), card, text, asserted, quote
            )
            result.propositions.append(known)
        return known.id

    for post in transcript.posts:
        card = CardKey(debate, post.id)
        speaker = None if post.author == UNKNOWN_AUTHOR else graph.author_label(card)
        result.locutions.append(
            Locution(
                locution_id(card), card, speaker or None, post.posted, post_text(post), post.url
            )
        )
        for claim in post.claims:
            proposition(CardKey(debate, post.id, claim.id))
    for card in graph.cards(debate):
        for edge in graph.outgoing.get(card, ()):
            if edge.role in RELATION_OF:
                source, target = proposition(edge.source), proposition(edge.target)
                number = len(result.relations) + 1
                result.relations.append(
                    Relation(
                        f"{debate}:relation-{number}", RELATION_OF[edge.role], source, target, edge
                    )
                )
            elif edge.role in TRANSITION_ROLES and edge.target.debate == debate:
                number = len(result.transitions) + 1
                result.transitions.append(
                    Transition(
                        f"{debate}:transition-{number}",
                        locution_id(edge.target),
                        locution_id(edge.source),
                        edge,
                    )
                )
            else:
                result.left_out.append(edge)
    return result
