"""Mastodon threads: a status and its ``/api/v1/statuses/:id/context``, as one JSON object.

The input is ``{"status": <Status>, "context": {"ancestors": [...], "descendants": [...]}}``
(what :func:`fetch` returns), or a standalone ``Status`` (a thread of one post, marked partial).
A context response alone is refused: it never holds the status it was asked about.
The mapping, field by field, is documented in docs/import/mastodon.md.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
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
from rejoinder.importers.html_text import clean_line, clean_text, describe_removed, html_to_text

API = "Mastodon /api/v1/statuses/:id and /api/v1/statuses/:id/context"
API_STATUS = "Mastodon /api/v1/statuses/:id"
_URL = re.compile(model.URL_PATTERN)
_WEB_STATUS = re.compile(r"^(https?)://([^/?#@]+)/(?:@[^/?#]+|users/[^/?#]+/statuses)/([0-9]+)/?$")
_MEDIA_KINDS = {"image": "image", "gifv": "gif", "video": "video", "audio": "audio"}
# Logged-out context requests are cut at these (Mastodon 4's StatusesController).
LOGGED_OUT_LIMITS = "40 ancestors, 60 descendants and 20 levels"


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _count(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return str(value)
    return None


def _http(address: Any) -> str | None:
    """``address`` as the format takes it (characters addresses may not hold percent-encoded)."""
    return web_address(address) if isinstance(address, str) else None


def _host(address: Any) -> str | None:
    if not isinstance(address, str):
        return None
    try:
        host = urllib.parse.urlsplit(address).hostname
    except ValueError:  # an unbalanced "[" in the host
        return None
    return host or None


def _moment(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return iso_utc(moment) if moment.utcoffset() is not None else None


def _is_status(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("id"), str) and "content" in value


def _read(data: Any) -> tuple[list[dict[str, Any]], bool]:
    """The statuses in the order shown, and whether a context was given."""
    if _is_status(data):
        return [data], False
    if not isinstance(data, dict):
        raise UnreadableInput("not a Mastodon thread: expected a JSON object")
    # Lists, not counts: a Hacker News item has a "descendants" count too.
    if "status" not in data and any(
        isinstance(data.get(name), list) for name in ("ancestors", "descendants")
    ):
        raise UnreadableInput(
            "this is a Mastodon context response alone, which never holds the status it was "
            'asked about: give {"status": <the /api/v1/statuses/:id response>, "context": '
            "<this response>} (rejoinder import fetches both from the status's web address)"
        )
    status, context = data.get("status"), data.get("context")
    if not _is_status(status) or not isinstance(context, dict):
        raise UnreadableInput(
            'not a Mastodon thread: expected {"status": {...}, "context": {"ancestors": [...], '
            '"descendants": [...]}} or a single status'
        )
    ancestors = [entry for entry in _list(context.get("ancestors")) if _is_status(entry)]
    descendants = [entry for entry in _list(context.get("descendants")) if _is_status(entry)]
    return [*ancestors, status, *descendants], True


class _Builder:
    def __init__(self, statuses: list[dict[str, Any]], options: ImportOptions) -> None:
        self.statuses = statuses
        self.options = options
        self.notes: list[str] = []
        self.anchors: set[str] = set()
        self.ids: dict[str, str] = {}  # status id -> post id
        self.participant_keys: set[str] = {model.UNKNOWN_AUTHOR}
        self.participants: dict[str, dict[str, Any]] = {}
        self.keys_by_account: dict[str, str] = {}
        self.links = IdentifiedReferences(self.anchors, self.notes)
        self.references = self.links.entries
        self.captured = options.captured.isoformat()
        self.withheld_by_policy = 0
        self.emitted: set[str] = set()
        for status in statuses:
            if status["id"] not in self.ids:
                self.ids[status["id"]] = unique(slug(status["id"], prefix="toot-"), self.anchors)

    def reference(self, identity: str, entry: dict[str, Any]) -> str:
        return self.links.key(identity, entry)

    def participant(self, account: dict[str, Any], status: dict[str, Any]) -> str:
        profile = _http(account.get("url"))
        acct = clean_line(_str(account.get("acct")) or _str(account.get("username")) or "")
        if acct and "@" not in acct:
            host = (
                _host(account.get("url"))
                or _host(status.get("url"))
                or _host(self.options.source_url)
            )
            if host:
                acct = f"{acct}@{host}"
        identity = profile or acct or _str(account.get("id")) or ""
        if identity in self.keys_by_account:
            return self.keys_by_account[identity]
        key = unique(slug(acct or identity or "someone"), self.participant_keys)
        entry: dict[str, Any] = {}
        display = clean_line(_str(account.get("display_name")) or "")
        if display:
            entry["display_name"] = display
        handle = f"@{acct}" if acct else ""
        if handle:
            entry["handle"] = handle
        if profile:
            entry["profile_url"] = profile
            entry["account_id"] = profile
        elif acct:
            entry["account_id"] = acct
        if not display and not handle:
            entry["handle"] = f"@{key}"
        self.participants[key] = entry
        self.keys_by_account[identity] = key
        return key

    def posts(self) -> list[dict[str, Any]]:
        posts: list[dict[str, Any]] = []
        self.emitted = set()  # status ids written so far: replies point back only
        platform_ids: set[str] = set()
        for status in self.statuses:
            if status["id"] in self.emitted:
                continue
            entry = self.post(status)
            if entry.get("platform_id") in platform_ids:
                self.notes.append(
                    f"{entry['platform_id']} appears twice in the response (under two ids); "
                    "imported once"
                )
                continue
            platform_ids.add(entry.get("platform_id", ""))
            self.emitted.add(status["id"])
            posts.append(entry)
        return posts

    def post(self, status: dict[str, Any]) -> dict[str, Any]:
        post_id = self.ids[status["id"]]
        entry: dict[str, Any] = {"id": post_id}
        reason = withheld_reason(status)
        if reason and not self.options.include_opted_out:
            self.withheld_by_policy += 1
            entry |= {
                "author": model.UNKNOWN_AUTHOR,
                "status": "withheld",
                "status_note": f"{reason} Imported without its text and author by Rejoinder's "
                "policy (rejoinder import --include-opted-out imports it in full).",
            }
            if clean_line(status["id"]):
                entry["platform_id"] = clean_line(status["id"])  # the uri would name the author
            self.reply(entry, status)
            return entry
        if isinstance(status.get("reblog"), dict):
            self.notes.append(f"{post_id} is a boost; imported as the boost, not the boosted post")
        entry["author"] = self.participant(_dict(status.get("account")), status)
        posted = _moment(status.get("created_at"))
        if posted:
            entry["posted"] = posted
        url = _http(status.get("url")) or _http(status.get("uri"))
        if url:
            entry["url"] = url
        metrics = {
            name: value
            for name, key in (
                ("likes", "favourites_count"),
                ("reposts", "reblogs_count"),
                ("replies", "replies_count"),
                ("quotes", "quotes_count"),
            )
            if (value := _count(status.get(key))) is not None
        }
        if metrics:
            entry["metrics"] = metrics | {"captured": self.captured}
        self.reply(entry, status)
        quoted = self.quote(status)
        if quoted:
            entry["quotes"] = quoted
        platform_id = clean_line(_str(status.get("uri")) or "") or clean_line(status["id"])
        if platform_id:
            entry["platform_id"] = platform_id
        text, links = self.text(status, post_id)
        if text:
            entry["text"] = text
        media = [self.medium(_dict(item)) for item in _list(status.get("media_attachments"))]
        if media:
            entry["media"] = media
        # Keys in order of first appearance: the text's links, then the card under it.
        keys = [key for shown, address in links if (key := self.link(shown, address))]
        card = self.card(_dict(status.get("card")))
        if card:
            keys.append(card)
        if keys:
            entry["links"] = list(dict.fromkeys(keys))
        language = clean_line(_str(status.get("language")) or "")
        if language:
            entry["languages"] = [language]
        edited = _moment(status.get("edited_at"))
        if edited:
            entry["edited_at"] = edited
        if isinstance(status.get("poll"), dict):
            self.notes.append(f"{post_id} has a poll; the format has no place for its options")
        if not (text or media or keys or quoted):
            self.notes.append(
                f"{post_id} shows nothing: no text, media, link card or quote; the checker asks "
                "for one of them"
            )
        return entry

    def reply(self, entry: dict[str, Any], status: dict[str, Any]) -> None:
        """``replies_to`` from ``in_reply_to_id``: only to a status written before this one."""
        parent = _str(status.get("in_reply_to_id"))
        if parent is not None and parent in self.emitted:
            entry["replies_to"] = self.ids[parent]
        elif parent is not None and parent in self.ids:
            self.notes.append(
                f"{entry['id']} replies to toot-{parent}, which the response lists after it (or "
                "is itself); replies_to is left out"
            )

    def text(self, status: dict[str, Any], post_id: str) -> tuple[str, list[tuple[str, str]]]:
        base = _str(status.get("url")) or _str(status.get("uri"))
        body = html_to_text(_str(status.get("content")) or "", base=base)
        warning = " ".join((_str(status.get("spoiler_text")) or "").split())
        text = f"{warning}\n\n{body.text}" if warning and body.text else warning or body.text
        text, removed = clean_text(text)
        if removed:
            self.notes.append(
                f"{post_id}: removed invisible characters the format refuses in text "
                f"({describe_removed(removed)})"
            )
        if warning:
            self.notes.append(
                f"{post_id} has a content warning; it is the first paragraph of its text"
            )
        return (text if text.strip() else ""), body.links

    def address(self, value: Any, what: str) -> str | None:
        """``value`` as an address the format takes; a note when one is given but refused."""
        address = _http(value)
        if address is None and isinstance(value, str) and value.strip():
            self.notes.append(f"the address of {what} is left out: {value!r:.80}")
        return address

    def link(self, shown: str, raw: str) -> str | None:
        return self.links.text_link(shown, raw)

    def medium(self, item: dict[str, Any]) -> dict[str, Any]:
        entry: dict[str, Any] = {"kind": _MEDIA_KINDS.get(_str(item.get("type")) or "", "other")}
        alt, _ = clean_text(_str(item.get("description")) or "")
        if alt.strip():
            entry["alt"] = alt
        url = _http(item.get("url")) or _http(item.get("remote_url"))
        if url is None:
            given = _str(item.get("url")) or _str(item.get("remote_url")) or ""
            url = self.address(given, "a media file")
        if url:
            entry["url"] = url
        return entry

    def card(self, card: dict[str, Any]) -> str | None:
        address = self.address(card.get("url"), "a link card")
        if address is None:
            return None
        title = clean_line(_str(card.get("title")) or "") or address
        reference: dict[str, Any] = {
            "title": title,
            "kind": "video" if card.get("type") == "video" else "page",
            "url": address,
        }
        author = clean_line(_str(card.get("author_name")) or _str(card.get("provider_name")) or "")
        if author:
            reference["author"] = author
        description, _ = clean_text(_str(card.get("description")) or "")
        if description.strip():
            reference["note"] = f"The link card's description: {description}"
        return self.reference(address, reference)

    def quote(self, status: dict[str, Any]) -> str | None:
        """Mastodon 4.4+ quote posts: ``quote`` holds the state and the quoted status (or id)."""
        quote = status.get("quote")
        if not isinstance(quote, dict):
            return None
        quoted = _dict(quote.get("quoted_status"))
        quoted_id = _str(quoted.get("id")) or _str(quote.get("quoted_status_id"))
        if quoted_id == status["id"]:
            self.notes.append(f"toot-{status['id']} quotes itself; the quote is left out")
            return None
        if quoted_id and quoted_id in self.ids:
            return self.ids[quoted_id]
        state = clean_line(_str(quote.get("state")) or "")
        address = _http(quoted.get("url")) or _http(quoted.get("uri"))
        reference: dict[str, Any]
        if address and withheld_reason(quoted) and not self.options.include_opted_out:
            reference = {
                "title": "A Mastodon post its author keeps from search engines or "
                "shared only with some",
                "kind": "post",
            }
            return self.reference(f"quote:{status['id']}", reference)
        if address:
            acct = _str(_dict(quoted.get("account")).get("acct"))
            reference = {
                "title": clean_line(f"Mastodon post by @{acct}") if acct else "Mastodon post",
                "kind": "post",
                "url": address,
            }
            display = clean_line(_str(_dict(quoted.get("account")).get("display_name")) or "")
            if display:
                reference["author"] = display
            return self.reference(address, reference)
        title = "A quoted Mastodon post the response does not show"
        reference = {"title": f"{title} (quote state: {state})" if state else title, "kind": "post"}
        return self.reference(f"quote:{status['id']}", reference)


def withheld_reason(status: dict[str, Any]) -> str | None:
    """Why Rejoinder does not publish ``status`` by default, or None.

    A followers-only or direct status was not shared with the public; an account with ``noindex``
    asks search engines not to index its posts, and a Rejoinder site is a public, indexed site.
    """
    visibility = status.get("visibility")
    if visibility == "private":
        return "Its author shared it with their followers only (visibility: private)."
    if visibility == "direct":
        return "Its author sent it only to the accounts it mentions (visibility: direct)."
    if _dict(status.get("account")).get("noindex") is True:
        return (
            "Its author's account asks search engines not to index their posts (noindex), and a "
            "Rejoinder site is public."
        )
    return None


def _first_line(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    return (line[:limit].rsplit(" ", 1)[0] or line[:limit]) + "…"


def _coverage(statuses: list[dict[str, Any]], with_context: bool) -> dict[str, Any]:
    present: dict[str, int] = {}
    for status in statuses:
        parent = _str(status.get("in_reply_to_id"))
        if parent:
            present[parent] = present.get(parent, 0) + 1
    claimed, counted, short = 0, False, False
    for status in statuses:
        count = status.get("replies_count")
        if isinstance(count, int) and not isinstance(count, bool) and count >= 0:
            claimed += count
            counted = True
            short = short or count > present.get(status["id"], 0)
    starts_at_reply = bool(statuses and statuses[0].get("in_reply_to_id"))
    if with_context:
        selection = (
            "Read from a status and its /context response. A context holds every ancestor and "
            "descendant the instance knows, up to 4,096 each for a logged-in request and "
            f"{LOGGED_OUT_LIMITS} for a logged-out one; the response does not say which it was."
        )
    else:
        selection = "Read from a single status response, without its context: only that post."
    if counted:
        selection += (
            " replies_claimed adds up the replies_count of the posts present (the instance's "
            "count of each post's direct replies)."
        )
    if starts_at_reply:
        selection += " The thread's first posts are not in the response: it starts at a reply."
    coverage: dict[str, Any] = {
        "state": "partial" if short or starts_at_reply or not with_context else "complete"
    }
    if counted:
        coverage["replies_claimed"] = str(claimed)
    coverage["selection"] = selection
    return coverage


def convert(data: Any, options: ImportOptions) -> Imported:
    """A transcript of a Mastodon thread (status + context), or of a single status."""
    statuses, with_context = _read(data)
    builder = _Builder(statuses, options)
    posts = builder.posts()
    root = posts[0]
    who = builder.participants.get(root["author"], {})
    name = who.get("display_name") or who.get("handle")
    if name and root.get("text"):
        title = f"{name} on Mastodon: {_first_line(root['text'])}"
    else:
        title = f"{name} on Mastodon" if name else "A thread on Mastodon"
    api = API if with_context else API_STATUS
    source: dict[str, Any] = {
        "title": clean_line(title),
        "publisher": "Mastodon",
        "captured": options.captured.isoformat(),
        "platform": "mastodon",
        "api": api,
    }
    address = thread_address(data)
    url = options.source_url if options.source_url and _URL.match(options.source_url) else address
    if url:
        source["url"] = url
    if address:
        source["thread"] = address
    transcript: dict[str, Any] = {
        "id": options.debate_id or slug(f"mastodon-{statuses[0]['id']}"),
        "title": clean_line(title),
        "summary": (
            f"A thread of {len(posts)} posts on Mastodon, imported from a {api} "
            "response; no editorial summary yet."
            if len(posts) != 1
            else f"A single Mastodon post, imported from a {api} response; no editorial summary "
            "yet."
        ),
        "sources": [source],
        "participants": builder.participants,
    }
    if builder.references:
        transcript["references"] = builder.references
    transcript["posts"] = posts
    transcript["coverage"] = _coverage(statuses, with_context)
    if builder.withheld_by_policy:
        builder.notes.append(
            f"{builder.withheld_by_policy} post(s) imported as withheld, without text or author: "
            "followers-only or direct posts, or authors who ask search engines not to index "
            "them (noindex). --include-opted-out imports them in full, by your deliberate choice "
            "(see CONTRIBUTING.md)."
        )
    return Imported(transcript, builder.notes)


def thread_address(data: Any) -> str | None:
    """The web address of the first status Rejoinder publishes (the root, when it can)."""
    statuses, _ = _read(data)
    for status in statuses:
        if withheld_reason(status) is None:
            address = _http(status.get("url")) or _http(status.get("uri"))
            if address:
                return address
    return None


def fetch(address: str, get: Get) -> Any:
    """``{"status", "context"}`` for a status's web address, from the instance's public API.

    ``https://<instance>/@<user>/<id>`` (or ``/users/<user>/statuses/<id>``) ->
    ``GET https://<instance>/api/v1/statuses/<id>`` and ``…/<id>/context``.
    """
    found = _WEB_STATUS.match(address.strip())
    if found is None:
        raise UnreadableInput(
            f"not a Mastodon status address: {address!r}; expected https://<instance>/@<user>/<id>"
        )
    scheme, host, status_id = found.groups()
    api = f"{scheme}://{host}/api/v1/statuses/{status_id}"
    return {"status": get(api), "context": get(f"{api}/context")}
