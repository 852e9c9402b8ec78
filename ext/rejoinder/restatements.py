"""Restated claims: a claim may say it restates another (``same_as``), in the same debate or
another; chains of restatements lead back to an original.

Pure: graph lookups only, each chain walked once for the whole corpus.
"""

from __future__ import annotations

from collections import defaultdict

from rejoinder.graph import CardKey, Graph
from rejoinder.model import Ref

Restatements = dict[CardKey, list[CardKey]]  # original claim -> the claims restating it


def restated_claim(graph: Graph, key: CardKey) -> CardKey | None:
    """The claim that the claim ``key`` says it restates (``same_as``), if it names one."""
    claim = graph.claim(key)
    if claim is None or claim.same_as is None:
        return None
    ref = Ref.parse(claim.same_as).absolute(key.debate)
    assert ref.debate is not None
    target = CardKey(ref.debate, ref.post, ref.claim)
    return target if target.claim and target in graph.claims and target != key else None


def original_claim(graph: Graph, key: CardKey) -> CardKey:
    """The claim a chain of restatements leads back to: ``key`` itself when it restates none,
    or when the chain runs in a circle (then no claim of it is the original)."""
    return _originals(graph, [key])[key] or key


def _originals(graph: Graph, keys: list[CardKey]) -> dict[CardKey, CardKey | None]:
    """For each claim reached from ``keys``: the end of its chain of restatements, or None when
    the chain runs into a circle. Each claim is walked once (the answers of a walk are kept for
    every claim on it), so a long chain costs its length, not its length squared."""
    ends: dict[CardKey, CardKey | None] = {}
    for start in keys:
        path: list[CardKey] = []
        on_path: set[CardKey] = set()
        current: CardKey | None = start
        end: CardKey | None
        while True:
            assert current is not None
            if current in ends:
                end = ends[current]
                break
            if current in on_path:
                end = None  # a circle
                break
            path.append(current)
            on_path.add(current)
            target = restated_claim(graph, current)
            if target is None:
                end = current
                break
            current = target
        for claim in path:
            ends[claim] = end
    return ends


def restatements(graph: Graph) -> Restatements:
    """Every original claim -> the claims restating it (directly or through a chain), in the
    order of the debates (by id) and of their posts."""
    restating = [
        key
        for debate in sorted(graph.transcripts)
        for key in graph.cards(debate)
        if key.claim is not None and restated_claim(graph, key) is not None
    ]
    ends = _originals(graph, restating)
    found: Restatements = defaultdict(list)
    for key in restating:
        original = ends[key]
        if original is not None and original != key:
            found[original].append(key)
    return dict(found)
