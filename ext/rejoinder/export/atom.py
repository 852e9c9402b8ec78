"""An Atom feed (RFC 4287) of the debates, most recently updated first.

What the dates mean, since a transcript has no date of its own and the feed must not depend on
git or on when the site happened to be built:

- an entry's ``updated`` is the latest moment the transcript records: the last time a post was
  posted or edited, or, later still, the last day a source or a post's metrics were captured
  (at the start of that day, UTC). A debate whose transcript records no time at all has no
  honest date and is left out of the feed;
- its ``published`` is the first post's time, when known;
- the feed's ``updated`` is its newest entry's.

So a debate enters the feed when it is published and comes back to the top when a re-import
records newer posts or a newer capture. The newest ``limit`` debates are listed.

Links are relative to the feed's own address (it is published in the debates folder), unless
the site's address is known, which makes them absolute and gives entries stable ids.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from rejoinder.graph import Graph
from rejoinder.model import Transcript

FEED_FILE = "feed.atom"
MEDIA_TYPE = "application/atom+xml"
LIMIT = 50
# Characters XML 1.0 cannot hold at all, even escaped; contributor text never breaks the feed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NAMESPACE = uuid.UUID("5d2b7c1e-3f0a-4c59-9a43-8f6f1f0e2a11")  # ids when no address is known


@dataclass(frozen=True, slots=True)
class Entry:
    debate: str
    title: str
    summary: str
    updated: dt.datetime
    published: dt.datetime | None


def last_recorded(transcript: Transcript) -> dt.datetime | None:
    """The latest moment the transcript records (see the module's notes), or None."""
    moments = list(_moments(transcript))
    return max(moments) if moments else None


def _moments(transcript: Transcript) -> Iterator[dt.datetime]:
    for post in transcript.posts:
        for moment in (post.posted, post.edited_at):
            if moment is not None:
                yield moment.astimezone(dt.UTC)
        if post.metrics is not None and post.metrics.captured is not None:
            yield _day(post.metrics.captured)
    for source in transcript.sources:
        if source.captured is not None:
            yield _day(source.captured)


def _day(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def entries(graph: Graph, limit: int = LIMIT) -> list[Entry]:
    found = []
    for debate, transcript in graph.transcripts.items():
        updated = last_recorded(transcript)
        if updated is None:
            continue
        first = transcript.posts[0].posted
        published = first.astimezone(dt.UTC) if first is not None else None
        if published is not None and published > updated:  # pragma: no cover - max covers it
            published = updated
        summary = _NOT_XML.sub("", " ".join(transcript.summary.split()))
        title = _NOT_XML.sub("", transcript.title)
        found.append(Entry(debate, title, summary, updated, published))
    found.sort(key=lambda entry: (entry.updated, entry.debate), reverse=True)
    return found[:limit]


def feed(
    graph: Graph,
    *,
    title: str,
    page_address: Callable[[str], str],
    feed_address: str | None = None,
    author: str | None = None,
    limit: int = LIMIT,
) -> str:
    """The feed's XML. ``page_address(debate)`` is a debate page's address, relative to the
    feed's or absolute; ``feed_address`` is the feed's own absolute address, when known;
    ``author`` the site's name (the feed's publisher; default: the title)."""
    listed = entries(graph, limit)
    title = _NOT_XML.sub("", title)
    feed_id = feed_address or _urn(f"feed:{title}")
    newest = listed[0].updated if listed else dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <id>{escape(feed_id)}</id>",
        f"  <title>{escape(title)}</title>",
        f"  <updated>{_time(newest)}</updated>",
        f"  <author><name>{escape(_NOT_XML.sub('', author or title))}</name></author>",
        "  <generator>Rejoinder</generator>",
    ]
    if feed_address:
        lines.append(f'  <link rel="self" type="{MEDIA_TYPE}" href={quoteattr(feed_address)}/>')
    for entry in listed:
        address = page_address(entry.debate)
        entry_id = address if feed_address else _urn(f"debate:{title}:{entry.debate}")
        lines += [
            "  <entry>",
            f"    <id>{escape(entry_id)}</id>",
            f"    <title>{escape(entry.title)}</title>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(address)}/>',
            f"    <updated>{_time(entry.updated)}</updated>",
        ]
        if entry.published is not None:
            lines.append(f"    <published>{_time(entry.published)}</published>")
        lines += [
            f"    <summary>{escape(entry.summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _urn(name: str) -> str:
    return uuid.uuid5(_NAMESPACE, name).urn


def _time(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
