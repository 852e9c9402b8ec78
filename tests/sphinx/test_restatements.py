"""Claims that restate others (``same_as``): which claim is the original, and what lists each.

Pure: transcripts are validated models, the graph is built and the renderer's functions are
asked directly (no Sphinx build; tests/sphinx/test_real_thread_fields.py has the built pages).
"""

from __future__ import annotations

from typing import Any

from rejoinder.graph import CardKey, Graph, build_graph
from rejoinder.listings import render_claims_index
from rejoinder.model import Transcript
from rejoinder.restatements import original_claim, restated_claim, restatements


def transcript(debate: str, claims: list[tuple[str, str | None]]) -> dict[str, Any]:
    """One post per claim: (claim id, the claim it restates or None)."""
    return {
        "id": debate,
        "title": debate.title(),
        "summary": "Claims.",
        "sources": [{"title": "Synthetic"}],
        "posts": [
            {
                "id": f"post-{claim}",
                "author": "unknown",
                "text": f"Words of {claim}.",
                "claims": [
                    {"id": claim, "statement": f"Claim {claim}."}
                    | ({"same_as": same_as} if same_as else {})
                ],
            }
            for claim, same_as in claims
        ],
    }


def graph(*transcripts: dict[str, Any]) -> Graph:
    return build_graph(Transcript.model_validate(data) for data in transcripts)


def key(debate: str, claim: str) -> CardKey:
    return CardKey(debate, f"post-{claim}", claim)


def test_a_chain_leads_back_to_its_first_claim() -> None:
    corpus = graph(
        transcript("one", [("a", None), ("b", "post-a#a"), ("c", "post-b#b")]),
        transcript("two", [("d", "one:post-c#c")]),
    )
    assert restated_claim(corpus, key("one", "c")) == key("one", "b")
    assert original_claim(corpus, key("two", "d")) == key("one", "a")
    assert restatements(corpus) == {
        key("one", "a"): [key("one", "b"), key("one", "c"), key("two", "d")]
    }


def test_a_circle_has_no_original_and_lists_every_claim() -> None:
    corpus = graph(transcript("one", [("a", "post-b#b"), ("b", "post-a#a"), ("c", None)]))
    assert original_claim(corpus, key("one", "a")) == key("one", "a")
    assert original_claim(corpus, key("one", "b")) == key("one", "b")
    assert restatements(corpus) == {}
    (page,) = render_claims_index(corpus)
    for claim in ("a", "b", "c"):
        assert f'"Claim {claim}."' in page.text  # each listed, as text


def test_a_claim_naming_no_claim_restates_nothing() -> None:
    # The checker reports such a reference; the renderer must not fail on it either.
    corpus = graph(transcript("one", [("a", "post-gone#gone"), ("b", "post-a")]))
    assert restated_claim(corpus, key("one", "a")) is None
    assert restated_claim(corpus, key("one", "b")) is None
    assert restatements(corpus) == {}


def test_a_long_chain_and_a_tail_into_a_circle() -> None:
    # 2,000 claims each restating the one before: all lead back to the first. A tail that runs
    # into a circle has no original, like the circle itself.
    chain = [("c0", None)] + [(f"c{n}", f"post-c{n - 1}#c{n - 1}") for n in range(1, 2000)]
    circle = [("x", "post-y#y"), ("y", "post-x#x"), ("t", "post-x#x")]
    corpus = graph(transcript("long", chain + circle))
    found = restatements(corpus)
    assert found == {key("long", "c0"): [key("long", f"c{n}") for n in range(1, 2000)]}
    assert original_claim(corpus, key("long", "c1999")) == key("long", "c0")
    assert original_claim(corpus, key("long", "t")) == key("long", "t")
