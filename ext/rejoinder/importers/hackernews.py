"""Hacker News: the Algolia ``items`` tree, or items of the official Firebase API, as a transcript.

Two response shapes are read (docs/import/hackernews.md gives the mapping field by field):

- **Algolia** ``GET https://hn.algolia.com/api/v1/items/<id>``: one item with its whole reply
  tree nested in ``children`` (``author``, ``created_at_i``, ``text``, ``points``, ``title``,
  ``url``). This is what :func:`fetch` asks for: one request for the whole thread.
- **Firebase** ``GET https://hacker-news.firebaseio.com/v0/item/<id>.json``: one item per
  request (``by``, ``time``, ``text``, ``score``, ``kids``, ``descendants``, ``deleted``,
  ``dead``). Saved either as that single item, or as a thread: a JSON list of such items as
  fetched, the root first (or an object mapping ids to items). The tree is read from each
  item's ``kids``, whose order is the order Hacker News shows.

Comment text is HTML, turned into plain text by :mod:`rejoinder.importers.html_text`.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from typing import Any

from rejoinder.importers.addresses import References
from rejoinder.importers.base import Get, Imported, ImportOptions, UnreadableInput, iso_utc, slug
from rejoinder.importers.base import unique as unique_key
from rejoinder.importers.html_text import clean_line, clean_text, describe_removed, html_to_text

SITE = "https://news.ycombinator.com"
ALGOLIA_API = "Hacker News Algolia /api/v1/items"
FIREBASE_API = "Hacker News Firebase /v0/item"
_KNOWN_TYPES = frozenset({"story", "comment", "job", "poll", "pollopt"})


def item_address(item_id: object) -> str:
    return f"{SITE}/item?id={item_id}"


def user_address(user: str) -> str:
    return f"{SITE}/user?id={urllib.parse.quote(user, safe='')}"


# -- the two shapes, read into one form ---------------------------------------------------------


class _Item:
    """One item, whatever the response shape: what the transcript needs of it."""

    __slots__ = (
        "author",
        "dead",
        "deleted",
        "descendants",
        "html",
        "id",
        "kids",
        "parent",
        "points",
        "posted",
        "title",
        "type",
        "url",
    )

    def __init__(self, raw: dict[str, Any], *, algolia: bool) -> None:
        self.id = _item_id(raw)
        self.type = raw.get("type") if isinstance(raw.get("type"), str) else None
        author = raw.get("author" if algolia else "by")
        self.author = author if isinstance(author, str) and author else None
        text = raw.get("text")
        self.html = text if isinstance(text, str) and text else None
        title = raw.get("title")
        self.title = title if isinstance(title, str) and title.strip() else None
        url = raw.get("url")
        self.url = url if isinstance(url, str) and url.strip() else None
        points = raw.get("points" if algolia else "score")
        self.points = points if isinstance(points, int) and not isinstance(points, bool) else None
        descendants = raw.get("descendants")
        self.descendants = descendants if isinstance(descendants, int) else None
        parent = raw.get("parent_id" if algolia else "parent")
        self.parent = parent if isinstance(parent, int) and not isinstance(parent, bool) else None
        self.posted = _posted(raw, algolia=algolia)
        self.deleted = raw.get("deleted") is True
        self.dead = raw.get("dead") is True
        kids = raw.get("kids")
        self.kids = [kid for kid in kids if isinstance(kid, int)] if isinstance(kids, list) else []


def _item_id(raw: Any) -> int:
    if not isinstance(raw, dict):
        raise UnreadableInput(f"a Hacker News item is a JSON object, not {type(raw).__name__}")
    item_id = raw.get("id")
    if isinstance(item_id, bool) or not isinstance(item_id, int) or item_id < 0:
        raise UnreadableInput(f"a Hacker News item needs a numeric 'id'; got {item_id!r}")
    return item_id


def _posted(raw: dict[str, Any], *, algolia: bool) -> str | None:
    seconds = raw.get("created_at_i" if algolia else "time")
    if isinstance(seconds, (int, float)) and not isinstance(seconds, bool):
        try:
            return iso_utc(dt.datetime.fromtimestamp(seconds, dt.UTC))
        except (OverflowError, OSError, ValueError):
            return None
    text = raw.get("created_at")
    if algolia and isinstance(text, str):
        try:
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
        return iso_utc(moment) if moment.tzinfo else None
    return None


class _Tree:
    """Items in the order Hacker News shows them, each with its parent in the tree (or None)."""

    def __init__(self) -> None:
        self.order: list[tuple[_Item, int | None]] = []
        self.missing_kids = 0  # replies listed in ``kids`` but not in the response
        self.orphans: list[_Item] = []  # items whose parent is not in the response
        self.pollopts = 0
        self.unreadable = 0  # entries that are no item (no object, no numeric id)


def _algolia_tree(root: dict[str, Any]) -> _Tree:
    tree = _Tree()
    stack: list[tuple[Any, int | None]] = [(root, None)]
    seen: set[int] = set()
    while stack:
        raw, parent = stack.pop()
        try:
            item = _Item(raw, algolia=True)
        except UnreadableInput:
            if parent is None:
                raise
            tree.unreadable += 1  # a child that is no item: skipped, and counted
            continue
        if item.id in seen:
            continue
        seen.add(item.id)
        tree.order.append((item, parent))
        options = raw.get("options")
        if isinstance(options, list):
            tree.pollopts += len(options)
        children = raw.get("children")
        if isinstance(children, list):
            stack.extend((child, item.id) for child in reversed(children))
    return tree


def _firebase_items(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        items = data
    elif isinstance(data, dict) and "id" in data:
        items = [data]
    elif isinstance(data, dict) and data and all(isinstance(v, dict) for v in data.values()):
        items = list(data.values())
    else:
        raise UnreadableInput(
            "not a Hacker News response: expected an Algolia item (with 'children'), a Firebase "
            "item (with 'by', 'time' or 'kids'), or a list of Firebase items, the root first"
        )
    if not items:
        raise UnreadableInput("the list of Hacker News items is empty")
    return items


def _firebase_tree(data: Any) -> _Tree:
    raws = _firebase_items(data)
    items: dict[int, _Item] = {}
    listed: list[_Item] = []
    pollopts = 0
    unreadable = 0
    for number, raw in enumerate(raws):
        try:
            item = _Item(raw, algolia=False)
        except UnreadableInput:
            if number == 0:
                raise
            unreadable += 1  # an entry that is no item: skipped, and counted
            continue
        parts = raw.get("parts")
        if isinstance(parts, list):
            pollopts += len(parts)  # a poll's options: the format has no polls
        if item.type == "pollopt" and listed:
            continue
        if item.id not in items:
            items[item.id] = item
            listed.append(item)
    # A reply the parent's ``kids`` does not list still belongs under it, after the listed ones.
    unlisted: dict[int, list[int]] = {}
    for item in listed[1:]:
        parent = items.get(item.parent) if item.parent is not None else None
        if parent is not None and item.id not in parent.kids:
            unlisted.setdefault(parent.id, []).append(item.id)
    tree = _Tree()
    tree.pollopts = pollopts
    tree.unreadable = unreadable
    placed: set[int] = set()
    for start in listed:
        if start.id in placed:
            continue
        if start is not listed[0]:
            if start.parent in items:
                continue  # placed under its parent (or part of a cycle, taken up below)
            tree.orphans.append(start)
        _walk_firebase(start, items, unlisted, placed, tree)
    for item in listed:  # items in a cycle of parents: none of them is reachable from a root
        if item.id not in placed:
            tree.orphans.append(item)
            _walk_firebase(item, items, unlisted, placed, tree)
    return tree


def _walk_firebase(
    start: _Item,
    items: dict[int, _Item],
    unlisted: dict[int, list[int]],
    placed: set[int],
    tree: _Tree,
) -> None:
    stack: list[tuple[_Item, int | None]] = [(start, None)]
    while stack:
        item, parent = stack.pop()
        if item.id in placed:
            continue
        placed.add(item.id)
        tree.order.append((item, parent))
        children: list[_Item] = []
        for kid in [*item.kids, *unlisted.get(item.id, [])]:
            child = items.get(kid)
            if child is None:
                tree.missing_kids += 1
            elif child.id not in placed:
                children.append(child)
        stack.extend((child, item.id) for child in reversed(children))


def _is_algolia(data: Any) -> bool:
    return isinstance(data, dict) and any(
        key in data for key in ("children", "created_at_i", "author", "story_id")
    )


# -- the transcript ---------------------------------------------------------------------------


class _Builder:
    def __init__(self, options: ImportOptions) -> None:
        self.options = options
        self.captured = options.captured.isoformat()
        self.participants: dict[str, dict[str, str]] = {}
        self.keys_by_user: dict[str, str] = {}
        self.taken: set[str] = set()
        self.notes: list[str] = []
        self.links = References(self.notes)
        self.references = self.links.entries

    def participant(self, user: str) -> str:
        key = self.keys_by_user.get(user)
        if key is None:
            key = unique_key(slug(user, prefix="hn-"), self.taken)
            self.keys_by_user[user] = key
            handle = clean_line(user) or user
            self.participants[key] = {
                "handle": handle,
                "profile_url": user_address(user),
                "account_id": handle,
            }
        return key

    def reference(self, given: str, title: str, kind: str) -> str | None:
        return self.links.key(given, title, kind)

    def post(self, item: _Item, parent: int | None, in_thread: set[int]) -> dict[str, Any]:
        post: dict[str, Any] = {"id": f"hn-{item.id}"}
        deleted = item.deleted or (item.author is None and item.html is None and not item.title)
        post["author"] = self.participant(item.author) if item.author else "unknown"
        if item.posted:
            post["posted"] = item.posted
        post["url"] = item_address(item.id)
        if item.points is not None and not deleted:
            post["metrics"] = {"points": str(item.points), "captured": self.captured}
        if parent is not None:
            post["replies_to"] = f"hn-{parent}"
        elif item.parent is not None and item.parent not in in_thread:
            post["thread_note"] = (
                f"Replies to item {item.parent} ({item_address(item.parent)}), "
                "which this copy does not hold."
            )
        post["platform_id"] = str(item.id)
        if deleted:
            post["status"] = "deleted"
            post["status_note"] = (
                "Hacker News shows this item as [deleted]; the response gives no author and no "
                "text."
            )
        elif item.dead:
            post["status"] = "removed"
            post["status_note"] = (
                "Hacker News marks this item dead (killed by its moderators, by flags or by its "
                "spam filter): it is shown only to readers who turn on 'showdead'. The response "
                "still gives its text, kept here as captured."
            )
        elif item.type is not None and item.type not in _KNOWN_TYPES:
            post["status_note"] = (
                f"An item of type '{item.type}', which this importer does not know; imported "
                "as a comment."
            )
        if item.title:
            post["title"] = clean_line(item.title)
        text, links = self.text(item)
        if text is not None:
            post["text"] = text
        link_keys: list[str | None] = []
        if item.url and _web(item.url):
            link_keys.append(self.reference(item.url, post.get("title") or item.url, "page"))
        for shown, address in links:
            link_keys.append(self.reference(address, clean_line(shown) or address, "page"))
        kept = [key for key in dict.fromkeys(link_keys) if key is not None]
        if kept:
            post["links"] = kept
        return post

    def text(self, item: _Item) -> tuple[str | None, list[tuple[str, str]]]:
        if item.html is None:
            return None, []
        converted = html_to_text(item.html, base=SITE + "/")
        text, removed = clean_text(converted.text)
        if removed:
            self.notes.append(
                f"hn-{item.id}: removed characters the format refuses in text "
                f"({describe_removed(removed)})"
            )
        return (text if text.strip() else None), converted.links


def _web(url: str) -> str | None:
    url = url.strip()
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url
    return None


def convert(data: Any, options: ImportOptions) -> Imported:
    """A saved Algolia item tree, or Firebase item(s), as a transcript mapping."""
    algolia = _is_algolia(data)
    tree = _algolia_tree(data) if algolia else _firebase_tree(data)
    builder = _Builder(options)
    in_thread = {item.id for item, _ in tree.order}
    posts = [builder.post(item, parent, in_thread) for item, parent in tree.order]
    root, _ = tree.order[0]
    api = ALGOLIA_API if algolia else FIREBASE_API
    count = len(posts)
    transcript: dict[str, Any] = {
        "id": options.debate_id or f"hn-{root.id}",
        "title": _title(root, posts[0]),
        "summary": (
            f"A thread of {count} post{'s' if count != 1 else ''} on Hacker News, imported "
            f"from a saved {api} response; no editorial summary yet."
        ),
        "sources": [_source(root, posts[0], options, api, tree)],
    }
    if builder.participants:
        transcript["participants"] = builder.participants
    if builder.references:
        transcript["references"] = builder.references
    transcript["posts"] = posts
    transcript["coverage"] = _coverage(root, tree, algolia, count)
    notes = builder.notes
    if tree.unreadable:
        notes.append(
            "skipped 1 entry that is not a Hacker News item"
            if tree.unreadable == 1
            else f"skipped {tree.unreadable} entries that are not Hacker News items"
        )
    if tree.pollopts:
        notes.append(f"{tree.pollopts} poll options were not imported (the format has no polls)")
    return Imported(transcript, notes)


def _title(root: _Item, post: dict[str, Any]) -> str:
    if "title" in post:
        return str(post["title"])
    who = root.author or "Someone"
    text = clean_line(" ".join(str(post.get("text", "")).split()))
    if not text:
        return f"{who} on Hacker News: item {root.id}"
    excerpt = text if len(text) <= 60 else text[:60].rstrip() + "…"
    return clean_line(f"{who} on Hacker News: {excerpt}")


def _source(
    root: _Item, post: dict[str, Any], options: ImportOptions, api: str, tree: _Tree
) -> dict[str, str]:
    source = {
        "title": f"{post.get('title') or f'Item {root.id}'} · Hacker News",
        "url": item_address(root.id),
        "publisher": "Hacker News",
        "captured": options.captured.isoformat(),
        "platform": "hackernews",
        "thread": item_address(root.id),
        "api": api,
    }
    if tree.orphans:
        listed = ", ".join(str(item.id) for item in tree.orphans[:10])
        more = "…" if len(tree.orphans) > 10 else ""
        source["note"] = (
            f"The response holds items whose parent it does not hold ({listed}{more}); they "
            "follow the thread, each without the post it replies to."
        )
    return source


def _coverage(root: _Item, tree: _Tree, algolia: bool, count: int) -> dict[str, str]:
    replies = count - 1
    coverage: dict[str, str] = {}
    if algolia:
        coverage["state"] = "complete"
        selection = (
            f"Item {root.id} and every reply under it, as the Algolia items endpoint gives "
            "the whole tree in one response."
        )
        if root.type == "comment" or root.parent is not None:
            selection += " The story and the comments above this item are not included."
    else:
        short = tree.missing_kids > 0 or (root.descendants or 0) > replies
        coverage["state"] = "partial" if short else "complete"
        selection = f"{count} item{'s' if count != 1 else ''} of the official API, as fetched"
        if tree.missing_kids:
            selection += (
                f"; {tree.missing_kids} repl{'ies' if tree.missing_kids != 1 else 'y'} "
                "listed in their parents' kids are not in the response"
            )
        selection += "."
    if root.descendants is not None:
        coverage["replies_claimed"] = str(root.descendants)
    coverage["selection"] = selection
    return coverage


def thread_address(data: Any) -> str | None:
    """The web address of the thread's root item."""
    try:
        if _is_algolia(data):
            return item_address(_item_id(data))
        return item_address(_item_id(_firebase_items(data)[0]))
    except UnreadableInput:
        return None


def fetch(address: str, get: Get) -> Any:
    """``https://news.ycombinator.com/item?id=N`` (or N) → the Algolia item tree of N."""
    item = _item_number(address)
    return get(f"https://hn.algolia.com/api/v1/items/{item}")


def _item_number(address: str) -> int:
    address = address.strip()
    if address.isdigit():
        return int(address)
    parts = urllib.parse.urlsplit(address)
    host = (parts.hostname or "").lower()
    if parts.scheme.lower() in ("http", "https") and host in (
        "news.ycombinator.com",
        "www.news.ycombinator.com",
    ):
        ids = urllib.parse.parse_qs(parts.query).get("id", [])
        if parts.path == "/item" and len(ids) == 1 and ids[0].isdigit():
            return int(ids[0])
    raise UnreadableInput(
        f"'{address}' is not a Hacker News item address; "
        "give one like https://news.ycombinator.com/item?id=8863"
    )
