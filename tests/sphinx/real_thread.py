"""A real Reddit thread, and synthetic posts for what it lacks, as transcript mappings.

Shared by tests/sphinx/test_real_thread_fields.py and the browser tests (which load this file by
its path): ``bone_zone()`` is the chain of comments from ``d8r4im1`` down to ``d8rbpal`` and
``d8ra666`` of the saved r/IAmA response in tests/platforms/reddit (texts turned into plain text
from ``body_html`` by the importers' shared HTML rules; deleted authors and ``[deleted]`` bodies
as the format's placeholders), with synthetic posts (ids ``s-…``) using every field that thread
lacks; ``elsewhere()`` is a synthetic debate whose claims restate one of ``bone-zone``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from rejoinder.importers.html_text import html_to_text

REDDIT = (
    Path(__file__).resolve().parents[1]
    / "platforms"
    / "reddit"
    / "comments-IAmA-57dw9a-d8r4im1-context100.json"
)
CAPTURED = "2016-12-19"  # the response's Date header (see its provenance file)
# The comments taken from the saved response, parents first (each replies to the one it names).
CHAIN = [
    "t1_d8r4im1",
    "t1_d8r79x6",
    "t1_d8r7sex",
    "t1_d8r8zew",
    "t1_d8r941k",
    "t1_d8r9gyy",
    "t1_d8ra666",
    "t1_d8r9iip",
    "t1_d8rbpal",
]
DELETED_NOTE = "Reddit shows “[deleted]” in place of the text and the author."
# Alt text exactly as a platform might give it: markup, entities, a second line, spacing.
ALT = (
    "A chart <img src=x onerror=alert(1)> & [a link](javascript:alert(1))\n"
    "    {raw}`<b>x</b>`  % not a comment  "
)
WITHHELD_NOTE = "The author asks not to be shown to logged-out viewers (!no-unauthenticated)."
HOSTILE_NOTE = "<script>alert(1)</script> {{ 7*7 }}"
LINK_TITLE = "Represent.com/bonezone <b>shop</b>"
BAD_LANGUAGE = 'en" onmouseover="alert(1)'


def iso(seconds: float) -> str:
    return dt.datetime.fromtimestamp(seconds, dt.UTC).isoformat().replace("+00:00", "Z")


def reddit() -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The saved response's link (the self post) and its comments by fullname."""
    data = json.loads(REDDIT.read_text(encoding="utf-8"))
    link = data[0]["data"]["children"][0]["data"]
    comments: dict[str, dict[str, Any]] = {}
    stack = list(data[1]["data"]["children"])
    while stack:
        thing = stack.pop()
        if thing["kind"] != "t1":
            continue
        comments[thing["data"]["name"]] = thing["data"]
        if thing["data"].get("replies"):
            stack.extend(thing["data"]["replies"]["data"]["children"])
    return link, comments


def plain(body_html: str) -> str:
    return html_to_text(body_html, base="https://www.reddit.com").text


def post_id(fullname: str) -> str:
    return "r-" + fullname.split("_", 1)[1]


def participant(author: str) -> str:
    return "u-" + author.lower().replace("_", "-")


def real_posts() -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any]]:
    """(participants, posts, the link's facts) of the real part of ``bone-zone``."""
    link, comments = reddit()
    people: dict[str, Any] = {}

    def author(name: str) -> str:
        if name == "[deleted]":
            return "unknown"
        people.setdefault(participant(name), {"handle": f"u/{name}", "account_id": name})
        return participant(name)

    root = {
        "id": "r-57dw9a",
        "author": author(link["author"]),
        "platform_id": link["name"],
        "posted": iso(link["created_utc"]),
        "url": "https://www.reddit.com" + link["permalink"],
        "title": link["title"],
        "text": plain(link["selftext_html"]),
        "links": ["represent"],
        "edited_at": iso(link["edited"]),
        "metrics": {"score": str(link["score"]), "upvotes": str(link["ups"])},
        "languages": ["en"],
    }
    posts = [root]
    for fullname in CHAIN:
        comment = comments[fullname]
        post: dict[str, Any] = {
            "id": post_id(fullname),
            "author": author(comment["author"]),
            "platform_id": fullname,
            "posted": iso(comment["created_utc"]),
            "replies_to": "r-57dw9a"
            if comment["parent_id"].startswith("t3_")
            else post_id(comment["parent_id"]),
        }
        if comment["body"] == "[deleted]":
            post.update(status="deleted", status_note=DELETED_NOTE)
        else:
            post["text"] = plain(comment["body_html"])
        if comment["edited"]:
            post["edited_at"] = iso(comment["edited"])
        post["metrics"] = {"score": str(comment["score"])}
        posts.append(post)
    return people, posts, link


def bone_zone() -> dict[str, Any]:
    people, posts, link = real_posts()
    by_id = {post["id"]: post for post in posts}
    by_id["r-d8r7sex"]["claims"] = [
        {
            "id": "comcast-host",
            "statement": "The host of @midnight works for Comcast.",
            "quote": "hosted by that Comcast salesman",
        }
    ]
    by_id["r-d8r941k"]["claims"] = [
        {
            "id": "comcast-spokesperson",
            "statement": "Chris Hardwick is a Comcast spokesperson.",
            "quote": "he's a Comcast spokesperson now",
            "same_as": "r-d8r7sex#comcast-host",
        }
    ]
    people["synthetic"] = {"display_name": "Synthetic poster", "account_id": "t2_synthetic"}
    synthetic = [
        {
            "id": "s-image",
            "author": "synthetic",
            "posted": "2016-10-14T05:00:00Z",
            "replies_to": "r-d8rbpal",
            "languages": ["en"],
            "media": [
                {
                    "kind": "image",
                    "alt": ALT,
                    "url": "https://i.example.org/chart.png",
                    "note": "A chart of\nsearch interest.",
                },
                {"kind": "video"},
            ],
            "metrics": {"points": "412", "downvotes": "3"},
        },
        {
            "id": "s-withheld",
            "author": "unknown",
            "posted": "2016-10-14T05:01:00Z",
            "replies_to": "r-d8rbpal",
            "status": "withheld",
            "status_note": WITHHELD_NOTE,
            "platform_id": "t1_synthetic1",
        },
        {
            "id": "s-removed",
            "author": "synthetic",
            "posted": "2016-10-14T05:02:00Z",
            "replies_to": "r-d8rbpal",
            "status": "removed",
            "status_note": "Removed by the subreddit's moderators.",
            "disappeared": "2016-12-19",
            "text": "Words as last captured.",
        },
        {"id": "s-blocked", "author": "unknown", "status": "blocked"},
        {
            "id": "s-not-found",
            "author": "unknown",
            "status": "not-found",
            "status_note": HOSTILE_NOTE,
        },
        {
            "id": "s-quote-links",
            "author": "synthetic",
            "posted": "2016-10-14T05:03:00Z",
            "quotes": "r-d8r79x6",
            "links": ["represent", "imgur"],
            "languages": ["pt-BR"],
            "edited_as_shown": "edited",
            "title": LINK_TITLE,
            "text": "Veja https://represent.com/bonezone/ e a prova.",
            "claims": [
                {
                    "id": "comcast-again",
                    "statement": "Hardwick works for Comcast.",
                    "same_as": "r-d8r941k#comcast-spokesperson",
                }
            ],
        },
        {
            "id": "s-two-languages",
            "author": "synthetic",
            "languages": ["en", "de"],
            "text": "Hello / Hallo",
        },
        {"id": "s-bad-language", "author": "synthetic", "languages": [BAD_LANGUAGE], "text": "x"},
        {"id": "s-bare-quote", "author": "synthetic", "quotes": "r-d8r79x6"},
        {"id": "s-bare-card", "author": "synthetic", "links": ["imgur"]},
        {
            "id": "s-gone",
            "author": "synthetic",
            "disappeared": "2016-12-19",
            "edited_at": "2016-10-14T06:00:00Z",
            "edited_as_shown": "(edited)",
            "text": "Still shown as last captured.",
        },
    ]
    return {
        "id": "bone-zone",
        "title": "Ken Bone's AMA: the Comcast question",
        "summary": "A chain of replies from a real Reddit thread, with synthetic posts added.",
        "sources": [
            {
                "title": link["title"],
                "url": "https://www.reddit.com" + link["permalink"],
                "publisher": "Reddit",
                "captured": CAPTURED,
                "platform": "reddit",
                "thread": "t3_57dw9a",
                "api": "Reddit /comments/<id>.json",
            }
        ],
        "participants": people,
        "references": {
            "represent": {
                "title": "Represent.com/bonezone",
                "kind": "page",
                "url": "https://represent.com/bonezone/",
            },
            "imgur": {
                "title": "http://i.imgur.com/GdMsMZ9.jpg",
                "url": "http://i.imgur.com/GdMsMZ9.jpg",
            },
        },
        "coverage": {
            "state": "partial",
            "replies_claimed": str(link["num_comments"]),
            "selection": "One chain of replies\n  from the comment permalink of d8r4im1.",
            # Synthetic: two posts taken out on purpose (the thread's own ids, t1_...).
            "left_out": ["t1_left1", "t1_left2"],
        },
        "posts": posts + synthetic,
    }


def elsewhere() -> dict[str, Any]:
    return {
        "id": "elsewhere",
        "title": "Elsewhere",
        "summary": "Synthetic: the same claim made again in another debate.",
        "sources": [{"title": "Synthetic", "platform": "other"}],
        "coverage": {"state": "complete"},
        "participants": {"echo": {"handle": "@echo", "account_id": "did:plc:echo"}},
        "posts": [
            {
                "id": "e-one",
                "author": "echo",
                "posted": "2016-10-15T10:00:00Z",
                "text": "Hardwick? Comcast's man.",
                "claims": [
                    {
                        "id": "again",
                        "statement": "Hardwick works for Comcast.",
                        "quote": "Comcast's man",
                        "same_as": "bone-zone:r-d8r7sex#comcast-host",
                    }
                ],
            },
            {
                "id": "e-two",
                "author": "echo",
                "posted": "2016-10-15T11:00:00Z",
                "replies_to": "e-one",
                "text": "As I said.",
                "claims": [
                    {
                        "id": "said",
                        "statement": "Hardwick works for Comcast.",
                        "same_as": "e-one#again",
                    }
                ],
            },
        ],
    }
