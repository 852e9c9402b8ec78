"""Reddit: a saved ``…/comments/<id>.json`` listing as a transcript.

The response is an array of two Listings: the first holds the submission (a ``t3`` thing), the
second the comment forest (``t1`` things, each with its replies in a nested ``replies``
Listing, and ``more`` stubs standing for comments the response did not load). The same shape
comes from a comment's permalink (``…/comments/<id>/_/<comment>.json?context=N``), rooted at
that comment and its parents. docs/import/reddit.md gives the mapping field by field.

``body_html`` and ``selftext_html`` are turned into plain text by
:mod:`rejoinder.importers.html_text`. Without ``raw_json=1`` Reddit escapes ``&``, ``<`` and
``>`` in every string once more (``&lt;div class=&quot;md&quot;&gt;``): such a response is
unescaped once before anything else is read from it.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import urllib.parse
from typing import Any

from rejoinder.importers.addresses import References, web_address
from rejoinder.importers.base import Get, Imported, ImportOptions, UnreadableInput, iso_utc, slug
from rejoinder.importers.base import unique as unique_key
from rejoinder.importers.html_text import clean_line, clean_text, describe_removed, html_to_text

SITE = "https://www.reddit.com"
API = "Reddit /comments/<id>.json"
DELETED = "[deleted]"
REMOVED = "[removed]"
_ID36 = re.compile(r"^[a-z0-9]+$")
_COMMENTS_PATH = re.compile(
    r"^/(?:r/[A-Za-z0-9_]+/)?comments/([a-z0-9]+)(?:/[^/]*(?:/[a-z0-9]+)?)?/?$"
)
# Parameters of a comments address that choose what the listing holds (a comment permalink's
# ``context``, the sort, the number and depth of comments): kept when fetching.
_KEPT_PARAMETERS = frozenset({"context", "sort", "limit", "depth"})
_MEDIA_HINTS = {"image": "image", "hosted:video": "video", "rich:video": "video"}


def _listing_children(listing: Any) -> list[Any] | None:
    if not isinstance(listing, dict) or listing.get("kind") != "Listing":
        return None
    data = listing.get("data")
    children = data.get("children") if isinstance(data, dict) else None
    return children if isinstance(children, list) else None


def _read(data: Any) -> tuple[dict[str, Any], list[Any]]:
    """The submission's data and the comment forest's children, or UnreadableInput."""
    if not isinstance(data, list) or len(data) != 2:
        raise UnreadableInput(
            "not a Reddit comments listing: expected a JSON array of two Listings (the "
            "submission, then its comments), as https://www.reddit.com/comments/<id>.json gives"
        )
    first, comments = _listing_children(data[0]), _listing_children(data[1])
    if first is None or comments is None:
        raise UnreadableInput("not a Reddit comments listing: both array entries must be Listings")
    things = [thing for thing in first if isinstance(thing, dict) and thing.get("kind") == "t3"]
    if not things or not isinstance(things[0].get("data"), dict):
        raise UnreadableInput("the first Listing holds no submission (a 't3' thing)")
    submission: dict[str, Any] = things[0]["data"]
    if not isinstance(submission.get("id"), str) or not _ID36.match(submission["id"]):
        raise UnreadableInput("the submission has no valid 'id'")
    return submission, comments


def _escaped(submission: dict[str, Any], comments: list[Any]) -> bool:
    """Whether the response was fetched without ``raw_json=1`` (every string escaped once)."""
    selftext = submission.get("selftext_html")
    if isinstance(selftext, str):
        return selftext.lstrip().startswith("&lt;")
    stack = list(comments)
    while stack:
        thing = stack.pop()
        data = thing.get("data") if isinstance(thing, dict) else None
        if not isinstance(data, dict):
            continue
        body = data.get("body_html")
        if isinstance(body, str):
            return body.lstrip().startswith("&lt;")
        replies = _listing_children(data.get("replies"))
        if replies:
            stack.extend(replies)
    return False


class _Builder:
    def __init__(self, options: ImportOptions, submission: dict[str, Any], escaped: bool) -> None:
        self.options = options
        self.captured = options.captured.isoformat()
        self.escaped = escaped
        self.submission = submission
        self.thread_url = _permalink(self.string(submission, "permalink")) or (
            f"{SITE}/comments/{submission['id']}/"
        )
        self.participants: dict[str, dict[str, str]] = {}
        self.keys_by_user: dict[str, str] = {}
        self.taken: set[str] = set()
        self.notes: list[str] = []
        self.links = References(self.notes)
        self.references = self.links.entries
        self.more_stubs = 0
        self.more_count = 0
        self.continue_stubs = 0
        self.skipped: dict[str, int] = {}
        self.ids: set[str] = set()

    def string(self, data: dict[str, Any], key: str) -> str | None:
        value = data.get(key)
        if not isinstance(value, str):
            return None
        return html.unescape(value) if self.escaped else value

    def participant(self, user: str) -> str:
        key = self.keys_by_user.get(user)
        if key is None:
            key = unique_key(slug(user, prefix="u-"), self.taken)
            self.keys_by_user[user] = key
            name = clean_line(user) or user
            self.participants[key] = {
                "handle": f"u/{name}",
                "profile_url": f"{SITE}/user/{urllib.parse.quote(user, safe='')}",
                "account_id": name,
            }
        return key

    def reference(self, given: str, title: str) -> str | None:
        return self.links.key(given, title)

    def post(self, data: dict[str, Any], post_id: str, parent: str | None) -> dict[str, Any]:
        submission = data is self.submission
        post: dict[str, Any] = {"id": post_id}
        author = self.string(data, "author")
        body = self.string(data, "selftext" if submission else "body")
        html_body = self.string(data, "selftext_html" if submission else "body_html")
        deleted = body == DELETED
        removed = body == REMOVED
        known_author = author is not None and author not in (DELETED, REMOVED, "")
        post["author"] = self.participant(author) if author and known_author else "unknown"
        posted = _moment(data.get("created_utc"))
        if posted:
            post["posted"] = posted
        permalink = _permalink(self.string(data, "permalink"))
        if permalink:
            post["url"] = permalink
        elif submission:
            post["url"] = self.thread_url
        elif isinstance(data.get("id"), str):
            post["url"] = f"{self.thread_url.rstrip('/')}/{data['id']}/"
        score = data.get("score")
        hidden = data.get("score_hidden" if not submission else "hide_score") is True
        if isinstance(score, int) and not isinstance(score, bool) and not hidden:
            post["metrics"] = {"score": str(score), "captured": self.captured}
        if parent is not None:
            post["replies_to"] = parent
        elif not submission:
            parent_id = self.string(data, "parent_id") or "?"
            post["thread_note"] = f"Replies to {parent_id}, which this copy does not hold."
        name = self.string(data, "name")
        post["platform_id"] = name or (("t3_" if submission else "t1_") + str(data.get("id")))
        _status(post, author, deleted=deleted, removed=removed)
        if submission:
            title = self.string(data, "title")
            if title and clean_line(title):
                post["title"] = clean_line(title)
        _edited(post, data.get("edited"))
        links: list[str | None] = []
        media: list[dict[str, str]] = []
        if submission:
            links, media = self.link(data, post.get("title"))
        if not (deleted or removed):
            text, text_links = self.text(html_body, body, post_id)
            if text is not None:
                post["text"] = text
            links.extend(self.reference(address, title) for title, address in text_links)
        if media:
            post["media"] = media
        kept = [key for key in dict.fromkeys(links) if key is not None]
        if kept:
            post["links"] = kept
        return post

    def link(
        self, data: dict[str, Any], title: str | None
    ) -> tuple[list[str | None], list[dict[str, str]]]:
        """A link submission's address (→ links) and, where Reddit embeds it, its media."""
        url = self.string(data, "url")
        if data.get("is_self") is True or not url:
            return [], []
        url = url.strip()
        parts = urllib.parse.urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            return [], []
        key = self.reference(url, title or url)
        kind = _MEDIA_HINTS.get(str(data.get("post_hint")))
        address = web_address(url)
        media = [{"kind": kind, "url": address}] if kind and address else []
        return [key], media

    def text(
        self, html_body: str | None, body: str | None, post_id: str
    ) -> tuple[str | None, list[tuple[str, str]]]:
        if html_body is not None:
            converted = html_to_text(html_body, base=SITE + "/")
            raw, text_links = (
                converted.text,
                [(clean_line(shown) or address, address) for shown, address in converted.links],
            )
            if not raw.strip() and body and body.strip():
                # The HTML shows nothing a reader could see (a subreddit's emote is an empty
                # link its stylesheet draws, ``[](/derpwizard "Who doesn't?")``): the Markdown
                # the author typed is the only text there is.
                raw, text_links = body, []
                self.notes.append(
                    f"{post_id}: Reddit's HTML shows no text (an empty link, as a subreddit's "
                    "emote is): its Markdown source is kept as the text"
                )
        elif body is not None:  # no HTML given: the Markdown source is all there is
            raw, text_links = body, []
        else:
            return None, []
        text, removed = clean_text(raw)
        if removed:
            self.notes.append(
                f"{post_id}: removed characters the format refuses in text "
                f"({describe_removed(removed)})"
            )
        return (text if text.strip() else None), text_links

    def walk(self, comments: list[Any], root_id: str, posts: list[dict[str, Any]]) -> None:
        """The comment forest in pre-order (as Reddit shows it), without recursion."""
        stack: list[tuple[Any, str | None]] = [(thing, root_id) for thing in reversed(comments)]
        while stack:
            thing, parent = stack.pop()
            if not isinstance(thing, dict):
                self.skipped["not an object"] = self.skipped.get("not an object", 0) + 1
                continue
            kind, data = thing.get("kind"), thing.get("data")
            if kind == "more" and isinstance(data, dict):
                self.more(data)
                continue
            if kind != "t1" or not isinstance(data, dict) or not isinstance(data.get("id"), str):
                label = str(kind) if isinstance(kind, str) else "without a kind"
                self.skipped[label] = self.skipped.get(label, 0) + 1
                continue
            post_id = unique_key(f"r-{slug(data['id'])}", self.ids)
            parent_name = self.string(data, "parent_id")
            if parent == root_id and parent_name and parent_name.startswith("t1_"):
                # A focused listing (a comment's permalink) may start below the submission:
                # its first comment then answers a comment the response does not hold.
                parent = None
            posts.append(self.post(data, post_id, parent))
            replies = _listing_children(data.get("replies"))
            if replies:
                stack.extend((child, post_id) for child in reversed(replies))

    def more(self, data: dict[str, Any]) -> None:
        count = data.get("count")
        number = count if isinstance(count, int) and not isinstance(count, bool) else 0
        if number == 0 and data.get("id") == "_":
            self.continue_stubs += 1
            return
        self.more_stubs += 1
        self.more_count += max(number, 0)


def _status(post: dict[str, Any], author: str | None, *, deleted: bool, removed: bool) -> None:
    if deleted:
        post["status"] = "deleted"
        post["status_note"] = (
            "Reddit shows [deleted]: the author deleted this or their account; the response "
            "gives neither the author nor the text."
        )
    elif removed:
        post["status"] = "removed"
        post["status_note"] = (
            "Reddit shows [removed]: removed by the community's moderators or by Reddit; "
            "the response gives no text."
        )
    elif author == DELETED:
        post["status_note"] = (
            "Reddit shows the author as [deleted] (the account was deleted); the text survives."
        )


def _edited(post: dict[str, Any], edited: Any) -> None:
    if isinstance(edited, (int, float)) and not isinstance(edited, bool):
        moment = _moment(edited)
        if moment:
            post["edited_at"] = moment
    elif edited is True:
        post["edited_as_shown"] = "edited"


def _permalink(path: str | None) -> str | None:
    """The web address of a ``permalink`` path, when the format can hold it."""
    if not path or not path.startswith("/") or path.startswith("//"):
        return None
    return web_address(SITE + path)


def _moment(seconds: Any) -> str | None:
    if not isinstance(seconds, (int, float)) or isinstance(seconds, bool):
        return None
    try:
        return iso_utc(dt.datetime.fromtimestamp(seconds, dt.UTC))
    except (OverflowError, OSError, ValueError):
        return None


def convert(data: Any, options: ImportOptions) -> Imported:
    """A saved Reddit comments listing as a transcript mapping."""
    submission, comments = _read(data)
    builder = _Builder(options, submission, _escaped(submission, comments))
    root_id = unique_key(f"r-{submission['id']}", builder.ids)
    posts = [builder.post(submission, root_id, None)]
    builder.walk(comments, root_id, posts)
    transcript: dict[str, Any] = {
        "id": options.debate_id or f"reddit-{submission['id']}",
        "title": posts[0].get("title") or f"Reddit submission {submission['id']}",
        "summary": (
            f"A thread of {len(posts)} post{'s' if len(posts) != 1 else ''} on Reddit, imported "
            f"from a saved {API} response; no editorial summary yet."
        ),
        "sources": [_source(builder, submission)],
    }
    if builder.participants:
        transcript["participants"] = builder.participants
    if builder.references:
        transcript["references"] = builder.references
    transcript["posts"] = posts
    transcript["coverage"] = _coverage(builder, submission, len(posts))
    notes = builder.notes
    if builder.escaped:
        notes.append("the response was fetched without raw_json=1: its strings were unescaped once")
    for kind, number in builder.skipped.items():
        notes.append(f"skipped {number} thing(s) of kind {kind} in the comment listing")
    return Imported(transcript, notes)


def _source(builder: _Builder, submission: dict[str, Any]) -> dict[str, str]:
    subreddit = builder.string(submission, "subreddit_name_prefixed") or (
        f"r/{builder.string(submission, 'subreddit')}"
        if builder.string(submission, "subreddit")
        else None
    )
    title = (
        clean_line(builder.string(submission, "title") or "") or f"Submission {submission['id']}"
    )
    return {
        "title": f"{title} : {clean_line(subreddit)}" if subreddit else f"{title} · Reddit",
        "url": builder.thread_url,
        "publisher": "Reddit",
        "captured": builder.options.captured.isoformat(),
        "platform": "reddit",
        "thread": _thread(builder),
        "api": API,
    }


def _thread(builder: _Builder) -> str:
    """What ``--update`` reads again: the address the contributor fetched when it is a
    comments address (a comment's permalink reads that part of the thread again), else the
    submission's."""
    given = builder.options.source_url
    if given and _comments_address(given) is not None:
        return given
    return builder.thread_url


def _stubs(number: int, kind: str) -> str:
    return f"{number} '{kind}' stub{'s stand' if number != 1 else ' stands'} for"


def _coverage(builder: _Builder, submission: dict[str, Any], count: int) -> dict[str, str]:
    claimed = submission.get("num_comments")
    claimed = claimed if isinstance(claimed, int) and not isinstance(claimed, bool) else None
    short = builder.more_stubs or builder.continue_stubs or (claimed or 0) > count - 1
    coverage = {"state": "partial" if short else "complete"}
    if claimed is not None:
        coverage["replies_claimed"] = str(claimed)
    comments = count - 1
    parts = [
        f"The submission and the {comments} comment{'s' if comments != 1 else ''} "
        "of the saved listing"
    ]
    if builder.more_stubs:
        parts.append(
            f"{_stubs(builder.more_stubs, 'load more comments')} "
            f"{builder.more_count} comments not loaded (Reddit's count)"
        )
    if builder.continue_stubs:
        parts.append(
            f"{_stubs(builder.continue_stubs, 'continue this thread')} deeper replies not loaded"
        )
    coverage["selection"] = "; ".join(parts) + ". Stubs are not expanded."
    return coverage


def thread_address(data: Any) -> str | None:
    """The submission's web address."""
    try:
        submission, _ = _read(data)
    except UnreadableInput:
        return None
    permalink = submission.get("permalink")
    found = _permalink(html.unescape(permalink)) if isinstance(permalink, str) else None
    return found or f"{SITE}/comments/{submission['id']}/"


def fetch(address: str, get: Get) -> Any:
    """A reddit.com comments address → its listing: the address + ``.json?raw_json=1``.

    One request: ``more`` stubs are not expanded (that takes a request per stub, and an
    authenticated client for ``/api/morechildren``).
    """
    path = _comments_address(address)
    if path is None:
        raise UnreadableInput(
            f"'{address}' is not a Reddit comments address; give one like "
            "https://www.reddit.com/r/IAmA/comments/57dw9a/"
        )
    kept = [
        (name, value)
        for name, value in urllib.parse.parse_qsl(urllib.parse.urlsplit(address.strip()).query)
        if name in _KEPT_PARAMETERS and re.fullmatch(r"[a-z0-9]{1,12}", value)
    ]
    query = urllib.parse.urlencode([*kept, ("raw_json", "1")])
    return get(f"{SITE}{path}.json?{query}")


def _comments_address(address: str) -> str | None:
    """The path of a reddit.com comments address (without ``.json`` and a final ``/``)."""
    parts = urllib.parse.urlsplit(address.strip())
    host = (parts.hostname or "").lower()
    path = parts.path.removesuffix(".json")
    if (
        parts.scheme.lower() not in ("http", "https")
        or not (host == "reddit.com" or host.endswith(".reddit.com"))
        or not _COMMENTS_PATH.match(path)
    ):
        return None
    return path.rstrip("/")
