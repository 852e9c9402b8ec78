"""The corpus graph: every card, every edge between cards, and what follows from them.

Built from scratch from validated transcripts on every run (derived data is never patched), so
backlinks and statuses cannot go stale. Pure functions and records only: no Sphinx, no I/O.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from rejoinder.model import EDGE_KINDS, UNKNOWN_AUTHOR, Claim, Post, Ref, Reference, Transcript

EdgeRole = Literal[
    "replies_to", "quotes", "rebuts", "supports", "concedes", "qualifies", "questions"
]
StatusName = Literal["unanswered", "answered", "challenged", "challenge-answered", "undecided"]
# What grounded semantics makes of a card (see Graph.labels): it stands, falls or stays open.
Label = Literal["in", "out", "undecided"]


class CardKey(NamedTuple):
    """A post (``claim`` None) or a claim of a post, anywhere in the corpus."""

    debate: str
    post: str
    claim: str | None = None

    @property
    def anchor(self) -> str:
        return self.claim or self.post

    @property
    def post_key(self) -> CardKey:
        return CardKey(self.debate, self.post)

    def __str__(self) -> str:
        text = f"{self.debate}:{self.post}"
        return f"{text}#{self.claim}" if self.claim else text


class Edge(NamedTuple):
    """A directed edge: ``source`` replies to / quotes / argues with ``target``."""

    role: EdgeRole
    source: CardKey
    target: CardKey
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Status:
    """What the exchange did with a card, as facts, never as a verdict on who is right.

    ``challenges`` counts the posts and claims that argue against the card (``rebuts``);
    ``standing`` how many of those stand in the whole graph's grounded labelling (see
    :meth:`Graph.labels`); ``conceded_by`` the authors of the posts that concede it."""

    name: StatusName
    challenges: int = 0
    standing: int = 0
    replies: int = 0
    conceded_by: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        if self.name == "challenged":
            if self.standing == self.challenges:
                return f"challenged ({self.challenges})"
            return f"challenged ({self.standing} of {self.challenges} standing)"
        if self.name == "challenge-answered":
            return "challenge answered" if self.challenges == 1 else "challenges answered"
        return self.name

    @property
    def summary(self) -> str:
        """The label, and who conceded the card if anyone did."""
        if self.conceded_by:
            return f"{self.label}, conceded by {', '.join(self.conceded_by)}"
        return self.label


@dataclass(slots=True)
class Graph:
    transcripts: dict[str, Transcript]
    edges: list[Edge] = field(default_factory=list)
    # A post that quotes a reference (something outside the corpus) -> that reference's key.
    quoted_references: dict[CardKey, str] = field(default_factory=dict)
    outgoing: dict[CardKey, list[Edge]] = field(default_factory=lambda: defaultdict(list))
    incoming: dict[CardKey, list[Edge]] = field(default_factory=lambda: defaultdict(list))
    posts: dict[CardKey, Post] = field(default_factory=dict)
    claims: dict[CardKey, Claim] = field(default_factory=dict)
    # Rebuttals by (debate, author key) of the rebutting / rebutted post, for people pages.
    rebuttals_made: dict[tuple[str, str], list[Edge]] = field(
        default_factory=lambda: defaultdict(list)
    )
    rebuttals_received: dict[tuple[str, str], list[Edge]] = field(
        default_factory=lambda: defaultdict(list)
    )
    # Debate -> rebuttals its posts received, counted on first use (see rebuttals_into).
    _rebuttals_by_debate: dict[str, int] | None = None
    _labels: dict[CardKey, Label] | None = None

    def post(self, key: CardKey) -> Post:
        return self.posts[key.post_key]

    def claim(self, key: CardKey) -> Claim | None:
        return self.claims.get(key) if key.claim else None

    def reference(self, debate: str, key: str) -> Reference:
        return self.transcripts[debate].references[key]

    def status(self, key: CardKey) -> Status:
        """A card's status from the edges into it and the labelling of the whole graph."""
        edges = self.incoming.get(key, ())
        challengers = [edge.source for edge in edges if edge.role == "rebuts"]
        replies = sum(1 for edge in edges if edge.role == "replies_to")
        conceded_by = tuple(
            dict.fromkeys(
                self.author_label(edge.source) for edge in edges if edge.role == "concedes"
            )
        )
        if challengers:
            labels = self.labels()
            standing = sum(1 for source in challengers if labels[source] == "in")
            label = labels[key]
            name: StatusName = (
                "challenged"
                if label == "out"
                else "challenge-answered"
                if label == "in"
                else "undecided"
            )
            return Status(name, len(challengers), standing, replies, conceded_by)
        return Status("answered" if edges else "unanswered", 0, 0, replies, conceded_by)

    def labels(self) -> dict[CardKey, Label]:
        """The grounded labelling of every card, with each rebuttal as an attack on the card
        it names (Dung 1995; the labelling of Caminada 2006): a card is *in* when every card
        that rebuts it is *out* (so a card nothing rebuts is in), *out* when a card that
        rebuts it is in, and *undecided* when neither follows (rebuttals in a circle). It is
        the most cautious labelling: it never picks a side the exchange itself leaves open.
        Computed once for the whole corpus, since rebuttals cross debates."""
        if self._labels is None:
            self._labels = grounded_labels(self.cards_everywhere(), self.edges)
        return self._labels

    def cards_everywhere(self) -> Iterator[CardKey]:
        yield from self.posts
        yield from self.claims

    def author_label(self, key: CardKey) -> str:
        post = self.post(key)
        if post.author == UNKNOWN_AUTHOR:
            return "unknown author"
        return self.transcripts[key.debate].participants[post.author].label

    def cards(self, debate: str) -> Iterator[CardKey]:
        for post in self.transcripts[debate].posts:
            yield CardKey(debate, post.id)
            for claim in post.claims:
                yield CardKey(debate, post.id, claim.id)

    def rebuttals_into(self, debate: str) -> int:
        """Rebuttals the posts of ``debate`` received. Counted for every debate at once: the
        debates index asks for each, and a scan per debate grew with the square of the site."""
        if self._rebuttals_by_debate is None:
            counts: dict[str, int] = defaultdict(int)
            for (target_debate, _), edges in self.rebuttals_received.items():
                counts[target_debate] += len(edges)
            self._rebuttals_by_debate = dict(counts)
        return self._rebuttals_by_debate.get(debate, 0)


def grounded_labels(cards: Iterable[CardKey], edges: Iterable[Edge]) -> dict[CardKey, Label]:
    """Grounded labelling by the usual fixpoint, in time linear in cards and rebuttals: start
    from the unattacked cards (in); whatever they rebut is out; a card whose attackers are all
    out is in; repeat. What is never reached is undecided."""
    attackers: dict[CardKey, list[CardKey]] = defaultdict(list)
    attacked: dict[CardKey, list[CardKey]] = defaultdict(list)
    for edge in edges:
        if edge.role == "rebuts" and edge.source != edge.target:
            attackers[edge.target].append(edge.source)
            attacked[edge.source].append(edge.target)
        elif edge.role == "rebuts":  # a card rebutting itself can never be in
            attackers[edge.target].append(edge.source)
    labels: dict[CardKey, Label] = {}
    waiting = {card: len(attackers.get(card, ())) for card in cards}
    ready = [card for card, count in waiting.items() if count == 0]
    while ready:
        card = ready.pop()
        if card in labels:
            continue
        labels[card] = "in"
        for target in attacked.get(card, ()):
            if target in labels:
                continue
            labels[target] = "out"
            # Each card the out card attacks has one attacker fewer left to defeat.
            for next_target in attacked.get(target, ()):
                if next_target not in labels:
                    waiting[next_target] -= 1
                    if waiting[next_target] == 0:
                        ready.append(next_target)
    for card in waiting:
        labels.setdefault(card, "undecided")
    return labels


def build_graph(transcripts: Iterable[Transcript]) -> Graph:
    """Index every card and edge. References are assumed resolved (the checker ran first);
    an edge whose target is missing is skipped rather than raised on.
    """
    graph = Graph({transcript.id: transcript for transcript in transcripts})
    for debate, transcript in graph.transcripts.items():
        for post in transcript.posts:
            key = CardKey(debate, post.id)
            graph.posts[key] = post
            for claim in post.claims:
                graph.claims[CardKey(debate, post.id, claim.id)] = claim
    for debate, transcript in graph.transcripts.items():
        for post in transcript.posts:
            source = CardKey(debate, post.id)
            if post.replies_to:
                _add(graph, "replies_to", source, post.replies_to, None)
            if post.quotes:
                ref = Ref.parse(post.quotes)
                if ref.debate is None and post.quotes in transcript.references:
                    graph.quoted_references[source] = post.quotes
                else:
                    _add(graph, "quotes", source, post.quotes, None)
            for edge in post.arguments:
                _add(graph, edge.kind, source, edge.target, edge.note)
            for claim in post.claims:
                claim_key = CardKey(debate, post.id, claim.id)
                for edge in claim.arguments:
                    _add(graph, edge.kind, claim_key, edge.target, edge.note)
    return graph


def _add(graph: Graph, role: EdgeRole, source: CardKey, target_text: str, note: str | None) -> None:
    ref = Ref.parse(target_text).absolute(source.debate)
    assert ref.debate is not None
    target = CardKey(ref.debate, ref.post, ref.claim)
    if target.post_key not in graph.posts or (target.claim and target not in graph.claims):
        return
    edge = Edge(role, source, target, note)
    graph.edges.append(edge)
    graph.outgoing[source].append(edge)
    graph.incoming[target].append(edge)
    if role == "rebuts":
        graph.rebuttals_made[source.debate, graph.post(source).author].append(edge)
        graph.rebuttals_received[target.debate, graph.post(target).author].append(edge)


ARGUMENT_ROLES: tuple[EdgeRole, ...] = EDGE_KINDS
