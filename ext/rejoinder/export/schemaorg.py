"""schema.org structured data of a debate page (JSON-LD), for search engines and link previews.

The debate is a ``DiscussionForumPosting``: its first post is the posting, the others are its
``comment``s (``Comment``), each post's claims its ``hasPart`` (``Claim``). Only what the
transcript states is given, nothing guessed: an unknown author is left out (never "unknown"),
a post without a time has no ``datePublished``, and ``interactionStatistic`` holds only the
metrics shown as an exact count (``"37"``, ``"1,204"``; never ``"25.8K"``, which is not one).

``url`` of the posting is the debate page; of a comment, the original post's address when the
transcript gives one (the posting's original is its ``sameAs``). Every post and claim has an
``@id``: its anchor on the debate page.

:func:`script_element` makes the ``<script type="application/ld+json">`` element: ``<``, ``>``
and ``&`` are written as JSON escapes, so no text (a post saying ``</script>``) can end the
element or open another.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from rejoinder.graph import CardKey, Graph
from rejoinder.model import UNKNOWN_AUTHOR, Metrics, Post

# Metrics that are counts of one kind of interaction -> the schema.org action counted. Views,
# points and score have no such action, and quote posts are not shares: they are left out.
INTERACTIONS: tuple[tuple[str, str], ...] = (
    ("likes", "LikeAction"),
    ("upvotes", "LikeAction"),
    ("downvotes", "DislikeAction"),
    ("reposts", "ShareAction"),
    ("replies", "CommentAction"),
    ("bookmarks", "BookmarkAction"),
)
_EXACT_COUNT = re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})+$|^[0-9]+$")


def discussion(graph: Graph, debate: str, page_url: str) -> dict[str, Any]:
    """The JSON-LD of ``debate``'s page, whose address (absolute or relative) is ``page_url``."""
    transcript = graph.transcripts[debate]
    first, *others = transcript.posts
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "DiscussionForumPosting",
        "@id": f"{page_url}#{first.id}",
        "headline": transcript.title,
        "url": page_url,
    }
    if first.url:
        data["sameAs"] = first.url
    data.update(_post(graph, debate, first, page_url))
    if others:
        data["comment"] = [_comment(graph, debate, post, page_url) for post in others]
    return data


def script_element(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    safe = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{safe}</script>\n'


def _comment(graph: Graph, debate: str, post: Post, page_url: str) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Comment", "@id": f"{page_url}#{post.id}"}
    if post.url:
        data["url"] = post.url
    data.update(_post(graph, debate, post, page_url))
    return data


def _post(graph: Graph, debate: str, post: Post, page_url: str) -> dict[str, Any]:
    data: dict[str, Any] = {}
    author = _author(graph, debate, post)
    if author:
        data["author"] = author
    if post.posted is not None:
        data["datePublished"] = _utc(post.posted)
    if post.edited_at is not None:
        data["dateModified"] = _utc(post.edited_at)
    if post.title:
        data["name"] = post.title
    if post.text:
        data["text"] = post.text
    if post.languages:
        data["inLanguage"] = list(post.languages)
    if post.replies_to:
        key = CardKey(debate, post.replies_to.split("#")[0])
        if ":" not in post.replies_to and key in graph.posts:
            data["parentItem"] = {"@id": f"{page_url}#{post.replies_to.split('#')[0]}"}
    statistics = _statistics(post.metrics)
    if statistics:
        data["interactionStatistic"] = statistics
    if post.claims:
        data["hasPart"] = [
            {
                "@type": "Claim",
                "@id": f"{page_url}#{claim.id}",
                "text": claim.statement,
                **({"alternateName": claim.short} if claim.short else {}),
            }
            for claim in post.claims
        ]
    return data


def _author(graph: Graph, debate: str, post: Post) -> dict[str, Any] | None:
    if post.author == UNKNOWN_AUTHOR:
        return None
    participant = graph.transcripts[debate].participants.get(post.author)
    if participant is None:
        return None
    person: dict[str, Any] = {"@type": "Person", "name": participant.label}
    if participant.handle and participant.handle != participant.label:
        person["alternateName"] = participant.handle
    if participant.profile_url:
        person["url"] = participant.profile_url
    return person


def _statistics(metrics: Metrics | None) -> list[dict[str, Any]]:
    if metrics is None:
        return []
    counters = []
    for field, action in INTERACTIONS:
        shown = getattr(metrics, field)
        if shown is None or not _EXACT_COUNT.match(shown.strip()):
            continue
        counters.append(
            {
                "@type": "InteractionCounter",
                "interactionType": {"@type": action},
                "userInteractionCount": int(shown.strip().replace(",", "")),
            }
        )
    return counters


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
