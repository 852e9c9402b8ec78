"""How fast ``rejoinder import`` turns a 5,000-post thread into a checked transcript.

A synthetic ``app.bsky.feed.getPostThread`` (v1) response is generated and written to
``bench/_work/``: a root post whose replies mix a deep chain (each reply answering the one
before) with wide fans of sibling replies, written by a pool of authors, with a link facet on
some posts and multi-line text on others. Then, in one process, median of ``--repeat`` runs:

* ``json``: reading the file and parsing it (``rejoinder.importers.parse_json``) alone, the floor;
* ``import``: the same plus the Bluesky importer's ``convert`` and the YAML emitter;
* ``import + check``: the same plus loading and checking the written transcript as
  ``rejoinder check`` does.

Each is printed with its ratio to the JSON parse, and the peak memory each step allocates
(``tracemalloc``, measured in a separate run so it does not slow the timings). Nothing is
asserted: speed is measured here, never in tests. Usage::

    .venv/bin/python bench/import_speed.py [--posts 5000] [--chain 2000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "ext"))

from rejoinder import loader  # noqa: E402
from rejoinder.corpus import check_files  # noqa: E402
from rejoinder.importers import parse_json, platform  # noqa: E402
from rejoinder.importers.base import ImportOptions  # noqa: E402
from rejoinder.importers.emit import emit  # noqa: E402

WORK = HERE / "_work" / "import"
PLATFORM = "bluesky"
AUTHORS = 97
BASE = dt.datetime(2026, 5, 20, 12, 0, tzinfo=dt.UTC)


def _rkey(number: int) -> str:
    # Bluesky record keys are TIDs: 13 base32-sortable characters.
    alphabet = "234567abcdefghijklmnopqrstuvwxyz"
    digits = []
    value = number + 1_000_000
    for _ in range(13):
        value, digit = divmod(value, 32)
        digits.append(alphabet[digit])
    return "3" + "".join(reversed(digits))[1:]


def _author(number: int) -> dict[str, Any]:
    return {
        "did": f"did:plc:author{number:020d}",
        "handle": f"person{number}.example.social",
        "displayName": f"Person {number} ✨" if number % 3 else f"Person {number}",
        "avatar": f"https://cdn.bsky.app/img/avatar/plain/did:plc:author{number:020d}/x@jpeg",
        "labels": [],
        "createdAt": "2024-11-13T21:32:37.173Z",
    }


def _post(number: int, parent: dict[str, Any] | None, root: dict[str, Any] | None) -> dict:
    author = _author(number % AUTHORS)
    uri = f"at://{author['did']}/app.bsky.feed.post/{_rkey(number)}"
    created = (BASE + dt.timedelta(seconds=7 * number)).isoformat().replace("+00:00", "Z")
    text = f"Reply {number}: I think the argument about point {number % 17} does not hold."
    record: dict[str, Any] = {
        "$type": "app.bsky.feed.post",
        "createdAt": created,
        "langs": ["en"],
        "text": text,
    }
    if number % 5 == 0:
        link = f"https://example.org/articles/{number}/a-long-title-for-the-article"
        shown = "example.org/articles/..."
        record["text"] = f"{text} See {shown}"
        start = len(f"{text} See ".encode())
        record["facets"] = [
            {
                "$type": "app.bsky.richtext.facet",
                "index": {"byteStart": start, "byteEnd": start + len(shown.encode())},
                "features": [{"$type": "app.bsky.richtext.facet#link", "uri": link}],
            }
        ]
    if number % 7 == 0:
        record["text"] += "\n\nSecond paragraph, with “quotes” and a trailing space "
    if parent is not None and root is not None:
        record["reply"] = {
            "parent": {"uri": parent["uri"], "cid": parent["cid"]},
            "root": {"uri": root["uri"], "cid": root["cid"]},
        }
    return {
        "uri": uri,
        "cid": f"bafyrei{number:052d}",
        "author": author,
        "record": record,
        "replyCount": 0,
        "repostCount": number % 4,
        "likeCount": number % 23,
        "quoteCount": 0,
        "indexedAt": created,
        "labels": [],
    }


def thread_response(posts: int, chain: int) -> dict[str, Any]:
    """A getPostThread v1 response of ``posts`` posts: a chain ``chain`` replies deep under the
    root, and the rest as fans of ten sibling replies under posts of the chain."""
    root_post = _post(0, None, None)
    root = {"$type": "app.bsky.feed.defs#threadViewPost", "post": root_post, "replies": []}
    chain_nodes = [root]
    number = 1
    while number < posts and number <= chain:
        parent = chain_nodes[-1]
        node = {
            "$type": "app.bsky.feed.defs#threadViewPost",
            "post": _post(number, parent["post"], root_post),
            "replies": [],
        }
        parent["replies"].append(node)
        chain_nodes.append(node)
        number += 1
    anchor = 0
    while number < posts:
        parent = chain_nodes[anchor % len(chain_nodes)]
        for _ in range(min(10, posts - number)):
            node = {
                "$type": "app.bsky.feed.defs#threadViewPost",
                "post": _post(number, parent["post"], root_post),
                "replies": [],
            }
            parent["replies"].append(node)
            number += 1
        anchor += 37
    for node in _walk(root):
        node["post"]["replyCount"] = len(node["replies"])
    return {"thread": root}


def dump(response: dict[str, Any]) -> str:
    """The response as JSON, written without recursion (json.dumps recurses once per level)."""
    parts = ['{"thread": ']
    stack: list[tuple[bool, Any]] = [(False, "}"), (True, response["thread"])]
    while stack:
        is_node, item = stack.pop()
        if not is_node:
            parts.append(item)
            continue
        head = json.dumps({key: value for key, value in item.items() if key != "replies"})
        parts.append(head[:-1] + ', "replies": [')
        stack.append((False, "]}"))
        for number in reversed(range(len(item["replies"]))):
            stack.append((True, item["replies"][number]))
            if number:
                stack.append((False, ", "))
    return "".join(parts)


def _walk(root: dict[str, Any]) -> list[dict[str, Any]]:
    found, stack = [], [root]
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(node["replies"])
    return found


def _median(step: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _peak(step: Callable[[], Any]) -> int:
    tracemalloc.start()
    try:
        step()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--chain", type=int, default=2000, help="depth of the reply chain")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    WORK.mkdir(parents=True, exist_ok=True)
    source = WORK / f"getPostThread-{args.posts}.json"
    source.write_text(dump(thread_response(args.posts, args.chain)), encoding="utf-8")
    target = WORK / "thread.yaml"
    importer = platform(PLATFORM)
    options = ImportOptions(captured=dt.date(2026, 5, 21), debate_id="bench-thread")

    def parse() -> Any:
        return parse_json(source.read_bytes())

    def convert_and_emit() -> str:
        text = emit(importer.convert(parse(), options).transcript)
        target.write_text(text, encoding="utf-8")
        return text

    def import_and_check() -> Any:
        convert_and_emit()
        corpus = check_files([target], jobs=1)
        if corpus.error_count:
            raise SystemExit(f"the imported thread has errors: {corpus.problems[:3]}")
        return corpus

    written = len(convert_and_emit().encode())
    if written > loader.MAX_FILE_BYTES:
        # The checker refuses transcripts over its size limit; measure the check anyway.
        print(
            f"note: the transcript is {written:,} bytes, over the checker's limit of "
            f"{loader.MAX_FILE_BYTES:,}; the limit is lifted for this run only"
        )
        loader.MAX_FILE_BYTES = written + 1
    import_and_check()  # warm up, and make sure the result is clean
    posts = sum(1 for line in target.read_text("utf-8").splitlines() if line.startswith("  - id:"))
    rows = []
    for name, step in (
        ("json", parse),
        ("import", convert_and_emit),
        ("import + check", import_and_check),
    ):
        rows.append((name, _median(step, args.repeat), _peak(step)))
    floor = rows[0][1]
    print(
        f"{PLATFORM} getPostThread v1: {args.posts} posts ({posts} written), chain of "
        f"{args.chain}; input {source.stat().st_size / 1e6:.1f} MB, transcript "
        f"{target.stat().st_size / 1e6:.1f} MB; median of {args.repeat}"
    )
    print(f"{'step':<16}{'time':>10}{'ratio to json':>16}{'peak memory':>14}")
    for name, seconds, peak in rows:
        print(f"{name:<16}{seconds:>9.3f}s{seconds / floor:>16.1f}{peak / 2**20:>11.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
