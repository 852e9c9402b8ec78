"""Deterministic synthetic corpus: N transcripts x M posts, all valid.

Each transcript has participants, references, replies, quotes, claims with quotes, annotations
with spans, and argument edges within the transcript and to earlier transcripts.

    python bench/generate_corpus.py OUT_DIR --transcripts 500 --posts 25 [--seed 1]
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

WORDS = [
    "argument",
    "evidence",
    "coordination",
    "frontier",
    "compute",
    "policy",
    "risk",
    "safety",
    "race",
    "chips",
    "export",
    "negotiation",
    "treaty",
    "model",
    "scaling",
    "alignment",
    "governance",
    "incentive",
    "lab",
    "company",
    "world",
    "responsibility",
    "shutdown",
    "slowdown",
    "proliferation",
    "regulation",
    "strategy",
    "mood",
    "alternative",
]
KINDS = ("rebuts", "supports", "concedes", "qualifies", "questions")


def _sentence(rng: random.Random, words: int) -> str:
    body = " ".join(rng.choice(WORDS) for _ in range(words))
    return body[0].upper() + body[1:] + "."


def _indent(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line else line for line in text.splitlines())


def transcript_yaml(index: int, posts: int, rng: random.Random, total: int) -> str:
    debate = f"debate-{index:05d}"
    start = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=index)
    # The pool of participants grows with the corpus (97 per 100 transcripts), so that every
    # size has the same shape: each person takes part in about three debates. A fixed pool
    # would pile ever more debates onto the same people as the corpus grows, and a per-page
    # figure would then measure that change of shape rather than the software.
    pool = max(3, total * 97 // 100)
    people = [f"person-{(index + k) % pool}" for k in range(3)]
    lines = [
        f"id: {debate}",
        f"title: Synthetic debate {index}",
        "summary: |",
        _indent(_sentence(rng, 20), 2),
        "tags: [synthetic, benchmark]",
        "sources:",
        f"  - title: Synthetic source {index}",
        f"    url: https://example.org/source/{index}",
        "    captured: 2026-02-01",
        "participants:",
    ]
    for person in people:
        lines += [
            f"  {person}:",
            f"    display_name: Person {person[7:]}",
            f"    handle: '@{person}'",
        ]
    lines += [
        "references:",
        f"  paper-{index}:",
        f"    title: Paper {index}",
        "    kind: paper",
        f"    url: https://example.org/paper/{index}",
        "posts:",
    ]
    for number in range(posts):
        post_id = f"p{number}"
        first, second = _sentence(rng, 12), _sentence(rng, 30)
        text = f"{first} *Emphasis* & <tags> stay text.\n\n{second}"
        posted = start + timedelta(minutes=5 * number)
        lines += [
            f"  - id: {post_id}",
            f"    author: {people[number % 3] if number % 7 else 'unknown'}",
            f"    posted: {posted.isoformat()}",
            f"    url: https://example.org/{debate}/{post_id}",
            "    metrics:",
            f"      views: {rng.randint(1, 999)}.{rng.randint(0, 9)}K",
        ]
        if number:
            lines.append(f"    replies_to: p{rng.randrange(number)}")
        if number % 5 == 1:
            lines.append(f"    quotes: paper-{index}")
        lines += ["    text: |", _indent(text, 6), "    claims:"]
        lines += [
            f"      - id: c{number}",
            f"        statement: {_sentence(rng, 8)}",
            f"        quote: {first.split()[0]} {first.split()[1]}",
        ]
        if number:
            target = rng.randrange(number)
            lines += ["        arguments:", f"          - {rng.choice(KINDS)}: p{target}#c{target}"]
        edges = []
        if index and number == posts - 1:
            other = rng.randrange(index)
            target = rng.randrange(posts)
            edges.append(f"debate-{other:05d}:p{target}#c{target}")
        if edges:
            lines.append("    arguments:")
            lines += [f"      - rebuts: {edge}" for edge in edges]
            lines.append("        note: Cross-transcript rebuttal.")
        lines += [
            "    annotations:",
            "      - by: Bench editor",
            f"        span: {first.split()[0]}",
            f"        note: {_sentence(rng, 10)}",
        ]
    return "\n".join(lines) + "\n"


def generate(out: Path, transcripts: int, posts: int, seed: int = 1) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for index in range(transcripts):
        path = out / f"debate-{index:05d}.yaml"
        path.write_text(transcript_yaml(index, posts, rng, transcripts), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--transcripts", type=int, default=100)
    parser.add_argument("--posts", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.transcripts, args.posts, args.seed)


if __name__ == "__main__":
    main()
