"""Bluesky threads: ``app.bsky.feed.getPostThread`` (v1) and ``getPostThreadV2`` responses.

The mapping, field by field, is documented in docs/import/bluesky.md; this module follows it.
Both shapes are first flattened into thread items in the order the response gives them
(ancestors from the top, then the anchor's replies depth-first, pre-order), with explicit stacks:
a thread can be thousands of levels deep. (The module is long because it keeps one platform's two
response shapes and its whole mapping in one place, in the order docs/import/bluesky.md gives.)
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from rejoinder import model
from rejoinder.importers.addresses import IdentifiedReferences, web_address
from rejoinder.importers.base import (
    Get,
    Imported,
    ImportOptions,
    UnreadableInput,
    iso_utc,
    slug,
    unique,
)
from rejoinder.importers.html_text import (
    clean_line,
    clean_text,
    describe_removed,
    is_shortened_address,
)

API_V1 = "app.bsky.feed.getPostThread"
API_V2 = "app.bsky.unspecced.getPostThreadV2"
APPVIEW = "https://public.api.bsky.app/xrpc"
WEB = "https://bsky.app"
OPT_OUT_LABEL = "!no-unauthenticated"
# Labels with which moderation (Bluesky's, or a labeler's) makes the app hide a post or account.
MODERATION_LABELS = frozenset({"!hide", "!takedown"})
POST_COLLECTION = "app.bsky.feed.post"
# createdAt is set by the posting app; indexedAt by Bluesky. They differ by well under a second
# for ordinary posts; a larger gap (a backdated or imported post) is worth telling the reader.
INDEXED_GAP = dt.timedelta(minutes=5)

_URL = re.compile(model.URL_PATTERN)
_WEB_POST = re.compile(r"^https?://(?:www\.)?bsky\.app/profile/([^/?#]+)/post/([^/?#]+)/?$")

_V1 = "app.bsky.feed.defs#"
_V2 = "app.bsky.unspecced.defs#"


@dataclass(slots=True)
class _Item:
    """One thread item, whatever the response shape."""

    uri: str
    kind: str  # post | not-found | blocked | no-unauthenticated | unknown
    parent: str | None  # the in-thread parent's uri
    post: dict[str, Any] | None = None
    type_name: str = ""  # the response's $type, for notes
    more_replies: int = 0  # V2: replies the response left out below this item
    replies_missing: bool = False  # v1: replyCount > 0 but no "replies" key (depth cut-off)


@dataclass(slots=True)
class _Thread:
    items: list[_Item]
    api: str
    other_replies: bool = False  # V2 hasOtherReplies
    notes: list[str] = field(default_factory=list)


# -- reading the two response shapes ---------------------------------------------------------


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _v1_item(node: dict[str, Any], parent: str | None) -> _Item:
    type_name = _str(node.get("$type")) or ""
    post = node.get("post")
    if isinstance(post, dict) and type_name in ("", _V1 + "threadViewPost"):
        uri = _str(post.get("uri")) or ""
        replies_missing = "replies" not in node and (_int(post.get("replyCount")) or 0) > 0
        return _Item(uri, "post", parent, post, type_name, replies_missing=replies_missing)
    uri = _str(node.get("uri")) or ""
    if type_name == _V1 + "notFoundPost" or (not type_name and node.get("notFound") is True):
        return _Item(uri, "not-found", parent, type_name=type_name or _V1 + "notFoundPost")
    if type_name == _V1 + "blockedPost" or (not type_name and node.get("blocked") is True):
        return _Item(uri, "blocked", parent, type_name=type_name or _V1 + "blockedPost")
    return _Item(uri, "unknown", parent, type_name=type_name or "(no $type)")


def _read_v1(thread: dict[str, Any]) -> _Thread:
    chain: list[dict[str, Any]] = []
    node: Any = thread.get("parent")
    while isinstance(node, dict):
        chain.append(node)
        node = node.get("parent")
    chain.reverse()
    items: list[_Item] = []
    parent: str | None = None
    for ancestor in chain:
        items.append(_v1_item(ancestor, parent))
        parent = items[-1].uri
    stack: list[tuple[dict[str, Any], str | None]] = [(thread, parent)]
    while stack:
        node, parent = stack.pop()
        item = _v1_item(node, parent)
        items.append(item)
        if item.kind == "post":
            replies = [reply for reply in _list(node.get("replies")) if isinstance(reply, dict)]
            stack.extend((reply, item.uri) for reply in reversed(replies))
    return _Thread(items, API_V1)


_V2_KINDS = {
    _V2 + "threadItemPost": "post",
    _V2 + "threadItemNotFound": "not-found",
    _V2 + "threadItemBlocked": "blocked",
    _V2 + "threadItemNoUnauthenticated": "no-unauthenticated",
}


def _read_v2(data: dict[str, Any]) -> _Thread:
    items: list[_Item] = []
    open_items: list[tuple[int, str]] = []  # (depth, uri) of the current branch
    notes: list[str] = []
    for entry in data["thread"]:
        if not isinstance(entry, dict):
            notes.append(f"skipped a thread entry that is not an object: {entry!r:.60}")
            continue
        value = _dict(entry.get("value"))
        type_name = _str(value.get("$type")) or ""
        depth = _int(entry.get("depth"))
        if depth is None:
            depth = open_items[-1][0] + 1 if open_items else 0
        while open_items and open_items[-1][0] >= depth:
            open_items.pop()
        parent = open_items[-1][1] if open_items and open_items[-1][0] == depth - 1 else None
        kind = _V2_KINDS.get(type_name, "unknown")
        post = value.get("post")
        if kind == "post" and not isinstance(post, dict):
            kind = "unknown"
        uri = _str(entry.get("uri")) or (_str(post.get("uri")) if isinstance(post, dict) else "")
        item = _Item(uri or "", kind, parent, type_name=type_name or "(no $type)")
        if kind == "post" and isinstance(post, dict):
            item.post = post
            item.more_replies = _int(value.get("moreReplies")) or 0
        items.append(item)
        open_items.append((depth, item.uri))
    return _Thread(items, API_V2, other_replies=data.get("hasOtherReplies") is True, notes=notes)


def _read(data: Any) -> _Thread:
    if not isinstance(data, dict) or "thread" not in data:
        raise UnreadableInput(
            f"not a Bluesky thread: expected an {API_V1} or {API_V2} response, an object "
            "with a 'thread' key"
        )
    thread = data["thread"]
    if isinstance(thread, dict):
        return _read_v1(thread)
    if isinstance(thread, list):
        return _read_v2(data)
    raise UnreadableInput(
        f"not a Bluesky thread: 'thread' is neither an object ({API_V1}) nor a list ({API_V2})"
    )


# -- small readers -------------------------------------------------------------------------


def _at_parts(uri: str) -> tuple[str, str, str] | None:
    """``at://<authority>/<collection>/<rkey>`` -> its three parts."""
    if not uri.startswith("at://"):
        return None
    parts = uri[len("at://") :].split("/")
    if len(parts) != 3 or not all(parts):
        return None
    return parts[0], parts[1], parts[2]


def _rkey(uri: str) -> str:
    parts = _at_parts(uri)
    return parts[2] if parts else uri.rsplit("/", 1)[-1]


def _web_url(address: str) -> str | None:
    """``address`` if the format accepts it as a web address (and it holds only characters)."""
    return address if _URL.match(address) and clean_line(address) == address else None


def _path_part(text: str) -> str:
    """``text`` escaped for one segment of a bsky.app address (a handle, a DID, a record key)."""
    return urllib.parse.quote(text, safe=":.", errors="surrogatepass")


def _actor(author: dict[str, Any], uri: str) -> str:
    """What bsky.app shows in a profile address: the handle, or the DID when it is invalid."""
    handle = _str(author.get("handle"))
    if handle and handle != "handle.invalid":
        return handle
    parts = _at_parts(uri)
    return _str(author.get("did")) or (parts[0] if parts else "")


def _post_web_address(author: dict[str, Any], uri: str) -> str | None:
    parts = _at_parts(uri)
    if parts is None or parts[1] != POST_COLLECTION:
        return None
    actor = _path_part(_actor(author, uri))
    return _web_url(f"{WEB}/profile/{actor}/post/{_path_part(parts[2])}")


def _moment(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.utcoffset() is not None else None


def _moderated(post: dict[str, Any]) -> str | None:
    """The moderation label (``!hide``, ``!takedown``) that makes the app hide the post, if any."""
    labels = _list(post.get("labels")) + _list(_dict(post.get("author")).get("labels"))
    for label in labels:
        value = _dict(label).get("val")
        if value in MODERATION_LABELS:
            source = _str(_dict(label).get("src"))
            return f"{value} (set by {clean_line(source)})" if source else str(value)
    return None


def _opted_out(post: dict[str, Any]) -> bool:
    labels = _list(post.get("labels")) + _list(_dict(post.get("author")).get("labels"))
    return any(_dict(label).get("val") == OPT_OUT_LABEL for label in labels)


def _raw_http(address: Any) -> str | None:
    """``address`` as given, if it is an http(s) address (for the text, which keeps it as is)."""
    if not isinstance(address, str):
        return None
    try:
        scheme = urllib.parse.urlsplit(address).scheme.lower()
    except ValueError:  # an unbalanced [ in the host
        return None
    return address if scheme in ("http", "https") else None


def _http(address: Any) -> str | None:
    """``address`` as the format takes it (characters addresses may not hold percent-encoded)."""
    raw = _raw_http(address)
    return web_address(raw) if raw is not None else None


def text_with_links(record: dict[str, Any]) -> tuple[str, list[tuple[str, str]]]:
    """``record.text`` with each link facet whose text shortens its URI written as the URI.

    Returns the text and the other link facets as (text shown, URI). Facet offsets count UTF-8
    bytes; a facet whose range is out of bounds, splits a character or overlaps an earlier one is
    left alone.
    """
    text = _str(record.get("text")) or ""
    encoded = text.encode("utf-8", "surrogatepass")  # JSON may hold lone surrogates
    spans: list[tuple[int, int, str]] = []
    for facet in _list(record.get("facets")):
        index = _dict(_dict(facet).get("index"))
        start, end = _int(index.get("byteStart")), _int(index.get("byteEnd"))
        if start is None or end is None or not 0 <= start < end <= len(encoded):
            continue
        for listed in _list(_dict(facet).get("features")):
            feature = _dict(listed)
            if feature.get("$type") == "app.bsky.richtext.facet#link":
                uri = _str(feature.get("uri"))
                if uri is not None:
                    spans.append((start, end, uri))
                break
    if not spans:
        return text, []
    pieces: list[str] = []
    links: list[tuple[str, str]] = []
    cursor = 0
    for start, end, uri in sorted(spans, key=lambda span: span[:2]):
        if start < cursor or not (_char_boundary(encoded, start) and _char_boundary(encoded, end)):
            continue
        shown = encoded[start:end].decode("utf-8", "surrogatepass")
        address = _raw_http(uri)
        pieces.append(encoded[cursor:start].decode("utf-8", "surrogatepass"))
        if address is not None and is_shortened_address(shown, address):
            pieces.append(address)
        else:
            pieces.append(shown)
            if address is not None:
                links.append((shown, address))
        cursor = end
    pieces.append(encoded[cursor:].decode("utf-8", "surrogatepass"))
    return "".join(pieces), links


def _char_boundary(encoded: bytes, offset: int) -> bool:
    return offset == len(encoded) or not 0x80 <= encoded[offset] <= 0xBF


# -- building the transcript ---------------------------------------------------------------


class _Builder:
    def __init__(self, thread: _Thread, options: ImportOptions) -> None:
        self.thread = thread
        self.options = options
        self.notes = list(thread.notes)
        self.anchors: set[str] = set()  # post ids and reference keys share one id space
        self.post_ids: dict[str, str] = {}  # at:// uri -> post id
        self.participant_keys: set[str] = {model.UNKNOWN_AUTHOR}
        self.participants: dict[str, dict[str, Any]] = {}
        self.keys_by_did: dict[str, str] = {}
        self.links = IdentifiedReferences(self.anchors, self.notes)  # by url or at:// uri
        self.references = self.links.entries
        self.removed: dict[str, list[str]] = {}
        self.withheld_by_policy = 0
        self.emitted: set[str] = set()  # uris of the posts written so far
        self.current = ""  # the uri of the post being read
        self.captured = options.captured.isoformat()

    # participants and references

    def participant(self, author: dict[str, Any], uri: str) -> str:
        did = _str(author.get("did")) or (_at_parts(uri) or ("",))[0]
        if did in self.keys_by_did:
            return self.keys_by_did[did]
        handle = _str(author.get("handle"))
        key = unique(
            slug(handle if handle and handle != "handle.invalid" else did or "someone"),
            self.participant_keys,
        )
        entry: dict[str, Any] = {}
        display = clean_line(_str(author.get("displayName")) or "")
        if display:
            entry["display_name"] = display
        if handle:
            entry["handle"] = clean_line(f"@{handle}")
        actor = _actor(author, uri)
        if actor:
            profile = _web_url(f"{WEB}/profile/{_path_part(actor)}")
            if profile:
                entry["profile_url"] = profile
        if clean_line(did):
            entry["account_id"] = clean_line(did)
        if not entry.get("handle") and not entry.get("display_name"):
            entry["handle"] = clean_line(f"@{actor or did or key}")
        self.participants[key] = entry
        self.keys_by_did[did] = key
        return key

    def reference(self, identity: str, entry: dict[str, Any]) -> str:
        """The key of the reference for ``identity`` (its URL), made on first sight."""
        return self.links.key(identity, entry)

    def address(self, value: Any, what: str) -> str | None:
        """``value`` as an address the format takes; a note when one is given but refused."""
        address = _http(value)
        if address is None and isinstance(value, str) and value.strip():
            self.notes.append(f"the address of {what} is left out: {value!r:.80}")
        return address

    def link(self, shown: str | None, raw: str) -> str | None:
        """A link the text carries under other words than its address."""
        return self.links.text_link(shown, raw)

    # posts

    def assign_ids(self) -> None:
        for item in self.thread.items:
            if item.uri in self.post_ids or not item.uri:
                continue
            self.post_ids[item.uri] = unique(slug(_rkey(item.uri), prefix="bsky-"), self.anchors)

    def build(self) -> list[dict[str, Any]]:
        self.assign_ids()
        posts: list[dict[str, Any]] = []
        for number, item in enumerate(self.thread.items):
            if not item.uri:
                item.uri = f"(item {number + 1} without a uri)"
                self.post_ids[item.uri] = unique(f"bsky-item-{number + 1}", self.anchors)
            if item.uri in self.emitted:
                self.notes.append(f"{item.uri} appears twice in the response; imported once")
                continue
            posts.append(self.post(item))
            self.emitted.add(item.uri)
        return posts

    def post(self, item: _Item) -> dict[str, Any]:
        entry: dict[str, Any] = {"id": self.post_ids[item.uri]}
        moderated = _moderated(item.post) if item.post is not None else None
        if item.kind == "post" and moderated:
            entry |= {
                "author": model.UNKNOWN_AUTHOR,
                "status": "removed",
                "status_note": f"Moderation labels the post or its author {moderated}: the "
                "Bluesky app hides it. Imported without its text and author.",
            }
            if clean_line(item.uri):
                entry["platform_id"] = clean_line(item.uri)
        elif item.kind == "post" and item.post is not None:
            if _opted_out(item.post) and not self.options.include_opted_out:
                self.withheld_by_policy += 1
                entry |= {
                    "author": model.UNKNOWN_AUTHOR,
                    "status": "withheld",
                    "status_note": (
                        f"The author or the post carries Bluesky's {OPT_OUT_LABEL} label: they "
                        "ask not to be shown to logged-out viewers. Imported without its text "
                        "and author by Rejoinder's policy (rejoinder import "
                        "--include-opted-out imports it in full)."
                    ),
                }
                if clean_line(_rkey(item.uri)):
                    entry["platform_id"] = clean_line(_rkey(item.uri))
            else:
                entry |= self.shown_post(item, item.post)
        else:
            entry |= self.placeholder(item)
        if item.parent is not None and item.parent in self.emitted:  # never forward, no cycle
            entry["replies_to"] = self.post_ids[item.parent]
        return entry

    def placeholder(self, item: _Item) -> dict[str, Any]:
        notes = {
            "not-found": (
                "not-found",
                f"The API returned {item.type_name}: the post was deleted, or never existed.",
            ),
            "blocked": (
                "blocked",
                f"The API returned {item.type_name}: a block between its "
                "author and the account that read the thread hides it.",
            ),
            "no-unauthenticated": (
                "withheld",
                f"The API returned {item.type_name}: its author "
                "asks not to be shown to logged-out viewers, and the thread "
                "was read logged out.",
            ),
        }
        status, note = notes.get(
            item.kind,
            (
                "withheld",
                f"The response gives a thread item of type {item.type_name}, which "
                "Rejoinder does not know; nothing of it is imported.",
            ),
        )
        entry: dict[str, Any] = {
            "author": model.UNKNOWN_AUTHOR,
            "status": status,
            "status_note": note,
        }
        platform_id = clean_line(_rkey(item.uri) if item.kind == "no-unauthenticated" else item.uri)
        if platform_id and (item.kind == "no-unauthenticated" or item.uri.startswith("at://")):
            entry["platform_id"] = platform_id
        return entry

    def shown_post(self, item: _Item, post: dict[str, Any]) -> dict[str, Any]:
        author = _dict(post.get("author"))
        record = _dict(post.get("record"))
        entry: dict[str, Any] = {"author": self.participant(author, item.uri)}
        created = _moment(record.get("createdAt"))
        indexed = _moment(post.get("indexedAt"))
        if created is not None:
            entry["posted"] = iso_utc(created)
            if indexed is not None and abs(indexed - created) > INDEXED_GAP:
                entry["posted_note"] = (
                    f"posted is the post's createdAt, set by the app that posted it; Bluesky "
                    f"indexed the post at {iso_utc(indexed)}."
                )
        elif indexed is not None:
            entry["posted"] = iso_utc(indexed)
            entry["posted_note"] = (
                "The record gives no usable createdAt; posted is when Bluesky indexed the post."
            )
        address = _post_web_address(author, item.uri)
        if address:
            entry["url"] = address
        metrics = self.metrics(post)
        if metrics:
            entry["metrics"] = metrics
        if clean_line(item.uri):
            entry["platform_id"] = clean_line(item.uri)
        text, text_links = text_with_links(record)
        text, removed = clean_text(text)
        if removed:
            self.removed[self.post_ids[item.uri]] = removed
        if text.strip():
            entry["text"] = text
        self.current = item.uri
        # Keys in order of first appearance: the text's links, then the embed's.
        text_keys = [self.link(shown, address) for shown, address in text_links]
        media, quote, links = self.embed(post, record)
        links = [key for key in text_keys if key is not None] + links
        if quote is not None:
            entry["quotes"] = quote
        if media:
            entry["media"] = media
        if links:
            entry["links"] = list(dict.fromkeys(links))
        languages = [clean_line(lang) for lang in _list(record.get("langs")) if _str(lang)]
        if any(languages):
            entry["languages"] = [lang for lang in languages if lang]
        if not ("text" in entry or media or links or quote):
            self.notes.append(
                f"{self.post_ids[item.uri]} shows nothing: no text, media, link card or quote; "
                "the checker asks for one of them"
            )
        return entry

    def metrics(self, post: dict[str, Any]) -> dict[str, str]:
        names = {
            "likes": "likeCount",
            "reposts": "repostCount",
            "replies": "replyCount",
            "quotes": "quoteCount",
            "bookmarks": "bookmarkCount",
        }
        metrics = {
            name: str(post[key]) for name, key in names.items() if _int(post.get(key)) is not None
        }
        if metrics:
            metrics["captured"] = self.captured
        return metrics

    # embeds

    def embed(
        self, post: dict[str, Any], record: dict[str, Any]
    ) -> tuple[list[dict[str, Any]], str | None, list[str]]:
        """Media, the quoted post (id or reference key) and link keys of the post's embed."""
        view = post.get("embed")
        embed = _dict(view) if isinstance(view, dict) else _dict(record.get("embed"))
        media: list[dict[str, Any]] = []
        links: list[str] = []
        quote: str | None = None
        kind = (_str(embed.get("$type")) or "").removesuffix("#view")
        parts: list[tuple[str, dict[str, Any]]] = []
        if kind == "app.bsky.embed.recordWithMedia":
            inner = _dict(embed.get("record"))
            parts.append(("app.bsky.embed.record", inner))
            medium = _dict(embed.get("media"))
            parts.append(((_str(medium.get("$type")) or "").removesuffix("#view"), medium))
        elif embed:
            parts.append((kind, embed))
        for part_kind, part in parts:
            if part_kind == "app.bsky.embed.images":
                media.extend(self.image(image) for image in _list(part.get("images")))
            elif part_kind == "app.bsky.embed.video":
                media.append(self.video(part))
            elif part_kind == "app.bsky.embed.external":
                key = self.card(_dict(part.get("external")))
                if key:
                    links.append(key)
            elif part_kind == "app.bsky.embed.record":
                target = _dict(part.get("record"))
                quoted, is_post = self.quoted(target)
                if quoted and is_post and quote is None:
                    quote = quoted
                elif quoted:
                    links.append(quoted)
            else:
                self.notes.append(
                    f"{post.get('uri')}: an embed of type {part_kind or '(none)'} was not imported"
                )
        return media, quote, links

    def image(self, image: Any) -> dict[str, Any]:
        image = _dict(image)
        entry: dict[str, Any] = {"kind": "image"}
        alt, _ = clean_text(_str(image.get("alt")) or "")
        if alt.strip():
            entry["alt"] = alt
        url = self.address(image.get("fullsize"), "an image")
        if url:
            entry["url"] = url
        return entry

    def video(self, video: dict[str, Any]) -> dict[str, Any]:
        entry: dict[str, Any] = {"kind": "video"}
        alt, _ = clean_text(_str(video.get("alt")) or "")
        if alt.strip():
            entry["alt"] = alt
        url = self.address(video.get("playlist"), "a video")
        if url:
            entry["url"] = url
        return entry

    def card(self, external: dict[str, Any]) -> str | None:
        address = self.address(external.get("uri"), "a link card")
        if address is None:
            return None
        title = clean_line(_str(external.get("title")) or "") or address
        reference: dict[str, Any] = {"title": title, "kind": "page", "url": address}
        description, _ = clean_text(_str(external.get("description")) or "")
        if description.strip():
            reference["note"] = f"The link card's description: {description}"
        return self.reference(address, reference)

    def quoted(self, target: dict[str, Any]) -> tuple[str | None, bool]:
        """The id or reference key of an embedded record, and whether it is a post."""
        uri = _str(target.get("uri")) or ""
        parts = _at_parts(uri)
        type_name = _str(target.get("$type")) or ""
        if parts is None:
            return None, False
        if parts[1] != POST_COLLECTION:
            name = clean_line(_str(target.get("displayName")) or _str(target.get("name")) or "")
            return self.reference(uri, {"title": name or uri, "kind": "other"}), False
        if uri == self.current or self.post_ids.get(uri) == self.post_ids.get(self.current):
            self.notes.append(f"{uri} embeds itself; the embed is left out")
            return None, False
        if uri in self.post_ids:
            return self.post_ids[uri], True
        author = _dict(target.get("author"))
        reference: dict[str, Any] = {"kind": "post"}
        if type_name.endswith("#viewNotFound") or target.get("notFound") is True:
            reference["title"] = "A Bluesky post that was not found"
        elif type_name.endswith("#viewBlocked") or target.get("blocked") is True:
            reference["title"] = "A Bluesky post hidden by a block"
        elif type_name.endswith("#viewDetached") or target.get("detached") is True:
            reference["title"] = "A Bluesky post whose author detached this quote"
        elif _moderated(target):
            reference["title"] = "A Bluesky post hidden by moderation"
            return self.reference(uri, reference), True
        elif _opted_out(target) and not self.options.include_opted_out:
            reference["title"] = "A Bluesky post whose author asks not to be shown logged out"
            return self.reference(uri, reference), True
        else:
            handle = _str(author.get("handle"))
            reference["title"] = clean_line(
                f"Bluesky post by @{handle}" if handle else "Bluesky post"
            )
            display = clean_line(_str(author.get("displayName")) or "")
            if display:
                reference["author"] = display
        address = _post_web_address(author, uri)
        if address:
            reference["url"] = address
        return self.reference(address or uri, reference), True


def _first_line(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0] or line[:limit]
    return cut + "…"


def _coverage(thread: _Thread, posts: list[dict[str, Any]]) -> dict[str, Any]:
    claimed = 0
    counted = False
    replies_present: dict[str, int] = {}
    for item in thread.items:
        if item.parent:
            replies_present[item.parent] = replies_present.get(item.parent, 0) + 1
    short = False
    for item in thread.items:
        count = _int(_dict(item.post).get("replyCount")) if item.post else None
        if count is not None and count >= 0:
            claimed += count
            counted = True
            short = short or count > replies_present.get(item.uri, 0)
        short = short or item.more_replies > 0 or item.replies_missing
    top = thread.items[0] if thread.items else None
    top_is_reply = bool(top and top.post and _dict(_dict(top.post).get("record")).get("reply"))
    selection = (
        f"Read from an {API_V1} response. The response does not record the request's depth "
        "and parentHeight (the API's defaults are 6 levels of replies and 80 of parents; "
        "rejoinder import asks for 1000 of each)."
        if thread.api == API_V1
        else f"Read from an {API_V2} response. The response does not record the request's "
        "parameters (this unspecced endpoint limits the levels below the anchor and the "
        "replies per post, with defaults that have changed over time)."
    )
    selection += (
        " replies_claimed adds up the replyCount of the posts present (Bluesky counts "
        "the direct replies of each post)."
        if counted
        else ""
    )
    if top_is_reply:
        selection += " The thread's first posts are not in the response: it starts at a reply."
    if thread.other_replies:
        selection += " The response says the thread has other replies (hasOtherReplies)."
    coverage: dict[str, Any] = {
        "state": "partial" if short or top_is_reply or thread.other_replies else "complete"
    }
    if counted:
        coverage["replies_claimed"] = str(claimed)
    coverage["selection"] = selection
    return coverage


def convert(data: Any, options: ImportOptions) -> Imported:
    """A transcript of the thread in a getPostThread (v1) or getPostThreadV2 response."""
    thread = _read(data)
    if not thread.items:
        raise UnreadableInput("the Bluesky response holds no thread items")
    builder = _Builder(thread, options)
    posts = builder.build()
    root = posts[0]
    root_item = thread.items[0]
    author = builder.participants.get(root.get("author", ""), {})
    who = author.get("display_name") or author.get("handle")
    if who and root.get("text"):
        title = f"{who} on Bluesky: {_first_line(root['text'])}"
    elif who:
        title = f"{who} on Bluesky"
    else:
        title = "A thread on Bluesky"
    address = thread_address(data)
    source: dict[str, Any] = {
        "title": clean_line(title),
        "publisher": "Bluesky",
        "captured": options.captured.isoformat(),
        "platform": "bluesky",
        "api": thread.api,
    }
    url = options.source_url if options.source_url and _URL.match(options.source_url) else address
    if url:
        source["url"] = url
    if address:
        source["thread"] = address
    rkey = _rkey(root_item.uri) if root_item.uri else "thread"
    transcript: dict[str, Any] = {
        "id": options.debate_id or slug(f"bluesky-{rkey}"),
        "title": clean_line(title),
        "summary": (
            f"A thread of {len(posts)} posts on Bluesky, imported from an {thread.api} "
            "response; no editorial summary yet."
        ),
        "sources": [source],
        "participants": builder.participants,
    }
    if builder.references:
        transcript["references"] = builder.references
    transcript["posts"] = posts
    transcript["coverage"] = _coverage(thread, posts)
    notes = builder.notes
    for post_id, removed in builder.removed.items():
        notes.append(
            f"{post_id}: removed invisible characters the format refuses in text "
            f"({describe_removed(removed)})"
        )
    if builder.withheld_by_policy:
        notes.append(
            f"{builder.withheld_by_policy} post(s) imported as withheld, without text or author: "
            f"their author or the post carries {OPT_OUT_LABEL}. --include-opted-out imports "
            "them in full, by your deliberate choice (see CONTRIBUTING.md)."
        )
    return Imported(transcript, notes)


def thread_address(data: Any) -> str | None:
    """The web address of the first post shown in full (the root when the response has it)."""
    thread = _read(data)
    for item in thread.items:
        if (
            item.kind == "post"
            and item.post is not None
            and not _opted_out(item.post)
            and not _moderated(item.post)
        ):
            address = _post_web_address(_dict(item.post.get("author")), item.uri)
            if address:
                return address
    return None


def fetch(address: str, get: Get) -> Any:
    """The getPostThread response for a bsky.app post address (or an at:// post URI).

    Two requests to Bluesky's public AppView: resolveHandle (skipped when the address names a
    DID), then getPostThread with depth and parentHeight 1000, the API's maxima.
    """
    address = address.strip()
    parts = _at_parts(address)
    if parts is not None and parts[1] == POST_COLLECTION:
        actor, rkey = parts[0], parts[2]
    else:
        found = _WEB_POST.match(address)
        if found is None:
            raise UnreadableInput(
                f"not a Bluesky post address: {address!r}; expected "
                "https://bsky.app/profile/<handle>/post/<id>"
            )
        actor, rkey = (urllib.parse.unquote(part) for part in found.groups())
    if actor.startswith("did:"):
        did = actor
    else:
        query = urllib.parse.urlencode({"handle": actor})
        answer = get(f"{APPVIEW}/com.atproto.identity.resolveHandle?{query}")
        did = _str(_dict(answer).get("did")) or ""
        if not did.startswith("did:"):
            raise UnreadableInput(f"Bluesky did not resolve the handle {actor!r} to a DID")
    query = urllib.parse.urlencode(
        {"uri": f"at://{did}/{POST_COLLECTION}/{rkey}", "depth": 1000, "parentHeight": 1000}
    )
    return get(f"{APPVIEW}/{API_V1}?{query}")
