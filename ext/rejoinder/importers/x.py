"""X (Twitter): saved API v2 responses as a transcript.

Read: a conversation search (``GET /2/tweets/search/recent`` or ``/all`` with
``query=conversation_id:<id>``: ``{data: [...], includes: {users, tweets, media}, meta}``), a
tweet lookup (``GET /2/tweets?ids=…`` or ``/2/tweets/:id``: ``data`` a list or one object), or a
JSON list of such responses (the pages of one search). The expansions ``author_id``,
``referenced_tweets.id``, ``attachments.media_keys`` and ``edit_history_tweet_ids`` give the
authors, the posts replied to and quoted, the media and the versions of edited posts.

There is no :func:`fetch`: X's API needs a token, so a thread is imported from a saved response.
docs/import/x.md gives the mapping field by field.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from typing import Any

from rejoinder.importers.addresses import References, web_address
from rejoinder.importers.base import Imported, ImportOptions, UnreadableInput, iso_utc, slug
from rejoinder.importers.base import unique as unique_key
from rejoinder.importers.html_text import clean_line, clean_text, describe_removed

SITE = "https://x.com"
# X marks text that is no language with these codes: ``und`` (undetermined), ``zxx`` (media or
# a card only), ``art`` (emoji or symbols) and the ``q…`` codes ISO 639 leaves for local use
# (``qst`` very short text, ``qme`` media links, ``qam`` mentions, ``qht`` hashtags, ``qct``
# cashtags).
_NOT_LANGUAGES = frozenset({"und", "zxx", "art"})
_LOCAL_CODE = re.compile(r"^q[a-t][a-z]$")
_METRICS = (
    ("impression_count", "views"),
    ("like_count", "likes"),
    ("retweet_count", "reposts"),
    ("reply_count", "replies"),
    ("quote_count", "quotes"),
    ("bookmark_count", "bookmarks"),
)
_MEDIA_KINDS = {"photo": "image", "video": "video", "animated_gif": "gif"}
_ENTITY = re.compile("&(amp|lt|gt);")
_UNESCAPE = {"amp": "&", "lt": "<", "gt": ">"}
# X's short links, as its ``entities.urls[].url`` gives them.
_SHORT_LINK = re.compile(r"https?://t\.co/[A-Za-z0-9]+")
_SHORT_LINK_OR_ENTITY = re.compile(r"https?://t\.co/[A-Za-z0-9]+|&(amp|lt|gt);")
_STATUS_HOSTS = frozenset({"x.com", "twitter.com", "www.x.com", "www.twitter.com"})


def status_address(tweet_id: str, username: str | None = None) -> str:
    user = urllib.parse.quote(username, safe="") if username else "i"
    return f"{SITE}/{user}/status/{tweet_id}"


class _Response:
    """Every tweet, user and media object of the saved response (or pages), by id."""

    def __init__(self, data: Any) -> None:
        pages = data if isinstance(data, list) else [data]
        if not pages or not all(isinstance(page, dict) for page in pages):
            raise UnreadableInput(
                "not an X API v2 response: expected a JSON object with 'data' and 'includes' "
                "(a tweet lookup or a conversation search), or a list of such objects"
            )
        self.tweets: dict[str, dict[str, Any]] = {}
        self.primary: list[str] = []  # ids in ``data``, in order
        self.users: dict[str, dict[str, Any]] = {}
        self.media: dict[str, dict[str, Any]] = {}
        self.errors: list[dict[str, Any]] = []
        self.search = False
        self.next_token: str | None = None
        self.retrieved: list[str] = []
        for page in pages:
            self._read_page(page)
        if not self.primary:
            raise UnreadableInput(
                "the X response holds no posts in 'data' (an empty search, or another shape)"
            )

    def _read_page(self, page: dict[str, Any]) -> None:
        if not any(key in page for key in ("data", "includes", "meta")):
            raise UnreadableInput(
                "not an X API v2 response: an object needs 'data', 'includes' or 'meta'"
            )
        data = page.get("data")
        items = data if isinstance(data, list) else [data] if isinstance(data, dict) else []
        for tweet in items:
            if _tweet_id(tweet) and tweet["id"] not in self.tweets:
                self.tweets[tweet["id"]] = tweet
                self.primary.append(tweet["id"])
        found = page.get("includes")
        includes: dict[str, Any] = found if isinstance(found, dict) else {}
        for tweet in _objects(includes.get("tweets")):
            if _tweet_id(tweet) and tweet["id"] not in self.tweets:
                self.tweets[tweet["id"]] = tweet
        for user in _objects(includes.get("users")):
            if isinstance(user.get("id"), str):
                self.users.setdefault(user["id"], user)
        for media in _objects(includes.get("media")):
            if isinstance(media.get("media_key"), str):
                self.media.setdefault(media["media_key"], media)
        self.errors.extend(_objects(page.get("errors")))
        meta = page.get("meta")
        if isinstance(meta, dict) and any(
            key in meta for key in ("result_count", "newest_id", "next_token")
        ):
            self.search = True
            token = meta.get("next_token")
            self.next_token = token if isinstance(token, str) and token else None
        twarc = page.get("__twarc")
        if isinstance(twarc, dict) and isinstance(twarc.get("retrieved_at"), str):
            self.retrieved.append(twarc["retrieved_at"])


def _objects(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _tweet_id(tweet: Any) -> bool:
    return isinstance(tweet, dict) and isinstance(tweet.get("id"), str) and tweet["id"].isdigit()


def _moment(text: Any) -> str | None:
    if not isinstance(text, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return iso_utc(moment) if moment.tzinfo else None


def _time_key(tweet: dict[str, Any]) -> tuple[str, int]:
    moment = _moment(tweet.get("created_at")) or ""
    return moment, int(tweet["id"]) if str(tweet.get("id", "")).isdigit() else 0


def _references(tweet: dict[str, Any], kind: str) -> list[str]:
    return [
        ref["id"]
        for ref in _objects(tweet.get("referenced_tweets"))
        if ref.get("type") == kind and isinstance(ref.get("id"), str)
    ]


class _Thread:
    """Which tweets are posts (edited ones folded into their latest version), and their tree."""

    def __init__(self, response: _Response) -> None:
        tweets = response.tweets
        self.latest: dict[str, str] = {}  # any version's id -> the latest version's id
        self.versions: dict[str, list[str]] = {}  # latest id -> every version's id, in order
        for tweet_id, tweet in tweets.items():
            history = tweet.get("edit_history_tweet_ids")
            if isinstance(history, list) and len(history) > 1 and history[-1] in tweets:
                chain = [str(version) for version in history]
                for version in chain:
                    self.latest.setdefault(version, chain[-1])
                self.versions.setdefault(chain[-1], chain)
            self.latest.setdefault(tweet_id, tweet_id)
        primary = [self.resolve(tweet_id) for tweet_id in response.primary]
        conversations: list[str] = [
            tweets[tweet_id]["conversation_id"]
            for tweet_id in primary
            if isinstance(tweets[tweet_id].get("conversation_id"), str)
        ]
        # The conversation most posts share (the first of them in ``data`` on a tie).
        most = max(conversations, key=conversations.count) if conversations else primary[0]
        self.conversation = self.resolve(most)
        ids: dict[str, None] = dict.fromkeys(primary)
        for tweet_id, tweet in tweets.items():
            latest = self.resolve(tweet_id)
            if latest == tweet_id and (
                tweet.get("conversation_id") == self.conversation or tweet_id == self.conversation
            ):
                ids.setdefault(tweet_id)
        self.placeholders = self._placeholders(response, ids)
        ids.update(dict.fromkeys(self.placeholders))
        self.ids = set(ids)
        self.parent: dict[str, str] = {}
        self.missing_parent: dict[str, str] = {}
        for tweet_id in ids:
            for replied in _references(tweets.get(tweet_id, {}), "replied_to")[:1]:
                target = self.resolve(replied)
                if target in self.ids and target != tweet_id:
                    self.parent[tweet_id] = target
                else:
                    self.missing_parent[tweet_id] = replied
        self.order = self._order(tweets)

    def resolve(self, tweet_id: str) -> str:
        return self.latest.get(tweet_id, tweet_id)

    def _placeholders(self, response: _Response, ids: dict[str, None]) -> dict[str, dict[str, Any]]:
        """Posts the thread points at (the root, a post replied to or quoted) that X says it
        cannot give (``errors``: not found, or not authorized): they stay as placeholders."""
        wanted = {self.conversation}
        for tweet_id in ids:
            wanted.update(_references(response.tweets[tweet_id], "replied_to"))
        found: dict[str, dict[str, Any]] = {}
        for error in response.errors:
            target = error.get("resource_id") or error.get("value")
            if (
                isinstance(target, str)
                and target.isdigit()
                and target in wanted
                and target not in response.tweets
                and error.get("resource_type", "tweet") == "tweet"
            ):
                found.setdefault(target, error)
        return found

    def _order(self, tweets: dict[str, dict[str, Any]]) -> list[str]:
        """Reply-tree order: the conversation's root first, siblings by time (X's API gives
        no display order)."""
        children: dict[str | None, list[str]] = {}
        for tweet_id in self.ids:
            parent = self.parent.get(tweet_id)
            children.setdefault(parent, []).append(tweet_id)
        for siblings in children.values():
            siblings.sort(key=lambda tweet_id: _time_key(tweets.get(tweet_id, {})))
        roots = children.get(None, [])
        if self.conversation in roots:
            roots.remove(self.conversation)
            roots.insert(0, self.conversation)
        order: list[str] = []
        seen: set[str] = set()
        stack = list(reversed(roots))
        while stack:
            tweet_id = stack.pop()
            if tweet_id in seen:
                continue
            seen.add(tweet_id)
            order.append(tweet_id)
            stack.extend(reversed(children.get(tweet_id, [])))
        # Posts on a cycle of replies (no root above them): after the others, by time.
        rest = sorted(self.ids - seen, key=lambda tweet_id: _time_key(tweets.get(tweet_id, {})))
        for tweet_id in rest:
            self.parent.pop(tweet_id, None)
        return order + rest


class _Builder:
    def __init__(self, response: _Response, thread: _Thread, options: ImportOptions) -> None:
        self.response = response
        self.thread = thread
        self.captured = options.captured.isoformat()
        self.participants: dict[str, dict[str, str]] = {}
        self.keys_by_user: dict[str, str] = {}
        self.taken: set[str] = set()
        self.notes: list[str] = []
        self.links = References(self.notes)
        self.references = self.links.entries

    def username(self, tweet: dict[str, Any]) -> str | None:
        user = self.response.users.get(str(tweet.get("author_id")))
        name = user.get("username") if user else None
        return name if isinstance(name, str) and name else None

    def participant(self, tweet: dict[str, Any]) -> str:
        author_id = tweet.get("author_id")
        user = self.response.users.get(str(author_id))
        username = self.username(tweet)
        if user is None or username is None:
            self.notes.append(
                f"x-{tweet['id']}: the response does not include its author ({author_id}); "
                "imported with author unknown"
            )
            return "unknown"
        key = self.keys_by_user.get(user["id"])
        if key is None:
            key = unique_key(slug(username, prefix="x-"), self.taken)
            self.keys_by_user[user["id"]] = key
            entry = {"handle": "@" + clean_line(username)}
            display = clean_line(user["name"]) if isinstance(user.get("name"), str) else ""
            if display:
                entry["display_name"] = display
            entry["profile_url"] = f"{SITE}/{urllib.parse.quote(username, safe='')}"
            entry["account_id"] = user["id"]
            self.participants[key] = entry
        return key

    def reference(self, given: str, title: str, kind: str, note: str | None = None) -> str | None:
        return self.links.key(given, title, kind, note)

    def placeholder(self, tweet_id: str) -> dict[str, Any]:
        error = self.thread.placeholders[tweet_id]
        kind = str(error.get("type", ""))
        blocked = kind.endswith("not-authorized-for-resource")
        said = " ".join(
            clean_line(str(error[key])) for key in ("title", "detail") if error.get(key)
        )
        post: dict[str, Any] = {
            "id": f"x-{tweet_id}",
            "author": "unknown",
            "url": status_address(tweet_id),
        }
        if tweet_id in self.thread.parent:
            post["replies_to"] = f"x-{self.thread.parent[tweet_id]}"
        post["platform_id"] = tweet_id
        post["status"] = "blocked" if blocked else "not-found"
        post["status_note"] = (
            f"Posts of this thread point at it, but the X API did not give it: {said}"
            if said
            else "Posts of this thread point at it, but the X API did not give it."
        )
        return post

    def post(self, tweet_id: str) -> dict[str, Any]:
        if tweet_id in self.thread.placeholders:
            return self.placeholder(tweet_id)
        tweet = self.response.tweets[tweet_id]
        post: dict[str, Any] = {"id": f"x-{tweet_id}", "author": self.participant(tweet)}
        self.times(post, tweet)
        post["url"] = status_address(tweet_id, self.username(tweet))
        metrics = tweet.get("public_metrics")
        if isinstance(metrics, dict):
            shown = {
                name: str(metrics[field])
                for field, name in _METRICS
                if isinstance(metrics.get(field), int) and not isinstance(metrics[field], bool)
            }
            if shown:
                post["metrics"] = {**shown, "captured": self.captured}
        notes: list[str] = []
        if tweet_id in self.thread.parent:
            post["replies_to"] = f"x-{self.thread.parent[tweet_id]}"
        elif tweet_id in self.thread.missing_parent:
            notes.append(
                f"Replies to post {self.thread.missing_parent[tweet_id]}, which this copy does "
                "not hold."
            )
        quoted = _references(tweet, "quoted")
        if quoted:
            post["quotes"] = self.quote(quoted[0], notes)
        for reposted in _references(tweet, "retweeted")[:1]:
            notes.append(f"A repost of post {reposted}.")
        if notes:
            post["thread_note"] = " ".join(notes)
        post["platform_id"] = tweet_id
        text, links, media = self.text(tweet)
        if text is not None:
            post["text"] = text
        media.extend(self.attached_media(tweet, already=len(media)))
        if media:
            post["media"] = media
        if links:
            post["links"] = list(dict.fromkeys(links))
        languages = _languages(tweet.get("lang"))
        if languages:
            post["languages"] = languages
        return post

    def times(self, post: dict[str, Any], tweet: dict[str, Any]) -> None:
        versions = self.thread.versions.get(tweet["id"])
        posted = _moment(tweet.get("created_at"))
        if not versions:
            if posted:
                post["posted"] = posted
            return
        first = self.response.tweets.get(versions[0])
        first_posted = _moment(first.get("created_at")) if first else None
        if first_posted:
            post["posted"] = first_posted
            post["posted_note"] = (
                f"X keeps each version of an edited post as its own post: this is the time of "
                f"the first version ({versions[0]}); the text is the latest version's "
                f"({tweet['id']}, one of {len(versions)})."
            )
        elif posted:
            post["posted"] = posted
            post["posted_note"] = (
                f"The time of the latest version ({tweet['id']}) of an edited post; the first "
                f"version ({versions[0]}) is not in the response."
            )
        if posted:
            post["edited_at"] = posted

    def quote(self, quoted: str, notes: list[str]) -> str:
        target = self.thread.resolve(quoted)
        tweets = self.response.tweets
        if target in self.thread.ids:
            if target != quoted:
                earlier = tweets.get(quoted)
                text = tweet_text(earlier, self.response.media)[0] if earlier else None
                then = f" Its text then was: {text}" if text else ""
                notes.append(
                    f"Quotes post {quoted}, an earlier version of x-{target}, which its author "
                    f"edited since.{then}"
                )
            return f"x-{target}"
        tweet = tweets.get(quoted)
        username = self.username(tweet) if tweet else None
        url = status_address(quoted, username)
        title = f"@{username} on X" if username else f"Post {quoted} on X"
        note = _error_note(self.response, quoted)
        text = tweet_text(tweet, self.response.media)[0] if tweet else None
        if text:
            excerpt = clean_line(" ".join(text.split()))
            if excerpt:
                title += ": " + (excerpt if len(excerpt) <= 80 else excerpt[:80].rstrip() + "…")
                note = f"The quoted post's text as the response gives it: {text}"
        key = self.reference(url, clean_line(title), "post", note)
        if key is None:  # never: the address is made of digits and a percent-encoded name
            raise UnreadableInput(f"cannot write the address of the quoted post {quoted}")
        return key

    def text(self, tweet: dict[str, Any]) -> tuple[str | None, list[str], list[dict[str, str]]]:
        """The post's text (see :func:`tweet_text`), its links as reference keys, and media
        known only from links."""
        text, links, media, removed = tweet_text(tweet, self.response.media)
        if removed:
            self.notes.append(
                f"x-{tweet['id']}: removed characters the format refuses in text "
                f"({describe_removed(removed)})"
            )
        keys = [self.reference(url, shown, _link_kind(url)) for url, shown in links]
        return text, [key for key in keys if key is not None], media

    def attached_media(self, tweet: dict[str, Any], already: int) -> list[dict[str, str]]:
        attachments = tweet.get("attachments")
        keys = attachments.get("media_keys") if isinstance(attachments, dict) else None
        found: list[dict[str, str]] = []
        missing = 0
        for key in keys if isinstance(keys, list) else []:
            media = self.response.media.get(str(key))
            if media is None:
                missing += 1
                continue
            entry = {"kind": _MEDIA_KINDS.get(str(media.get("type")), "other")}
            alt = media.get("alt_text")
            if isinstance(alt, str) and alt.strip():
                entry["alt"] = clean_text(alt)[0]
            url = media.get("url") or media.get("preview_image_url")
            address = web_address(url) if isinstance(url, str) else None
            if address:
                entry["url"] = address
            if entry["kind"] == "other":
                entry["note"] = f"X gives the media type '{media.get('type')}'."
            found.append(entry)
        if missing > already:
            found.extend(
                {"kind": "other", "note": "The response does not include this media object."}
                for _ in range(missing - already)
            )
        return found


def tweet_text(
    tweet: dict[str, Any], known_media: dict[str, Any]
) -> tuple[str | None, list[tuple[str, str]], list[dict[str, str]], list[str]]:
    """A tweet's text as the transcript keeps it: each t.co link written as its full address
    (links to the post's own media dropped: X shows the media there), X's escapes undone.

    Returns the text (None when empty), its links as (address, text X shows), media known only
    from a link (when ``includes.media`` lacks it), and the refused characters removed.
    """
    note_tweet = tweet.get("note_tweet")
    source = note_tweet if isinstance(note_tweet, dict) and "text" in note_tweet else tweet
    raw = source.get("text")
    if not isinstance(raw, str):
        return None, [], [], []
    found = source.get("entities")
    entities: dict[str, Any] = found if isinstance(found, dict) else {}
    replacements: dict[str, str] = {}
    links: list[tuple[str, str]] = []
    media: list[dict[str, str]] = []
    dropped_media = False
    for entity in _objects(entities.get("urls")):
        short, expanded = entity.get("url"), entity.get("expanded_url")
        if not isinstance(short, str) or not short or short in replacements:
            continue
        if not isinstance(expanded, str) or web_address(expanded) is None:
            continue  # an address the format refuses: the t.co link stays, as X gives it
        if isinstance(entity.get("media_key"), str) or _is_own_media(expanded, str(tweet["id"])):
            replacements[short] = ""
            dropped_media = True
            if entity.get("media_key") not in known_media:
                media.append(_media_from_link(expanded))
            continue
        replacements[short] = expanded
        shown = entity.get("display_url")
        title = clean_line(shown) if isinstance(shown, str) else ""
        links.append((expanded, title or expanded))
    text = _replace(raw, replacements)
    if dropped_media:
        text = text.rstrip(" ")
    text, removed = clean_text(text)
    return (text if text.strip() else None), links, media, removed


def _error_note(response: _Response, tweet_id: str) -> str | None:
    for error in response.errors:
        if tweet_id in (error.get("resource_id"), error.get("value")):
            said = " ".join(
                clean_line(str(error[key])) for key in ("title", "detail") if error.get(key)
            )
            return f"The X API did not give the quoted post: {said}" if said else None
    return None


def _replace(text: str, replacements: dict[str, str]) -> str:
    """t.co links replaced and X's escapes (``&amp;``, ``&lt;``, ``&gt;``) undone, in one pass."""
    if not replacements:
        return _unescape(text)
    if all(_SHORT_LINK.fullmatch(short) for short in replacements):
        pattern = _SHORT_LINK_OR_ENTITY  # the usual case: one pattern for every post
    else:
        links = "|".join(re.escape(short) for short in sorted(replacements, key=len, reverse=True))
        pattern = re.compile(f"(?:{links})(?![A-Za-z0-9])|&(amp|lt|gt);")

    def substitute(match: re.Match[str]) -> str:
        if match.group(1):
            return _UNESCAPE[match.group(1)]
        return replacements.get(match.group(0), match.group(0))

    return pattern.sub(substitute, text)


def _unescape(text: str) -> str:
    return _ENTITY.sub(lambda match: _UNESCAPE[match.group(1)], text)


def _is_own_media(url: str, tweet_id: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    return (parts.hostname or "").lower() in _STATUS_HOSTS and bool(
        re.search(rf"/status/{tweet_id}/(?:photo|video)/\d+$", parts.path)
    )


def _media_from_link(url: str) -> dict[str, str]:
    path = urllib.parse.urlsplit(url).path
    kind = "image" if "/photo/" in path else "video" if "/video/" in path else "other"
    media = {"kind": kind}
    address = web_address(url)
    if address:
        media["url"] = address
    media["note"] = (
        "The response does not include the media object; kind and address are read from the "
        "post's link to its media."
    )
    return media


def _link_kind(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    status = (parts.hostname or "").lower() in _STATUS_HOSTS and "/status/" in parts.path
    return "post" if status else "page"


def _languages(lang: Any) -> list[str]:
    if not isinstance(lang, str) or not clean_line(lang):
        return []
    if lang in _NOT_LANGUAGES or _LOCAL_CODE.match(lang):
        return []
    return [clean_line(lang)]


def convert(data: Any, options: ImportOptions) -> Imported:
    """A saved X API v2 lookup or conversation search as a transcript mapping."""
    response = _Response(data)
    thread = _Thread(response)
    builder = _Builder(response, thread, options)
    posts = [builder.post(tweet_id) for tweet_id in thread.order]
    root_id = thread.order[0]
    root = response.tweets.get(root_id, {"id": root_id})
    username = builder.username(root)
    count = len(posts)
    transcript: dict[str, Any] = {
        "id": options.debate_id or slug(f"x-{thread.conversation}"),
        "title": _title(root, posts[0], response),
        "summary": (
            f"A thread of {count} post{'s' if count != 1 else ''} on X, imported from a saved "
            f"X API v2 {'search' if response.search else 'tweet lookup'} response; no "
            "editorial summary yet."
        ),
        "sources": [_source(response, thread, root_id, username, options)],
    }
    if builder.participants:
        transcript["participants"] = builder.participants
    if builder.references:
        transcript["references"] = builder.references
    transcript["posts"] = posts
    transcript["coverage"] = _coverage(response, thread, root, count)
    return Imported(transcript, builder.notes)


def _title(root: dict[str, Any], post: dict[str, Any], response: _Response) -> str:
    user = response.users.get(str(root.get("author_id"))) or {}
    who = clean_line(str(user.get("name") or user.get("username") or "")) or "Someone"
    text = clean_line(" ".join(str(post.get("text", "")).split()))
    if not text:
        return f"{who} on X: post {root['id']}"
    excerpt = text if len(text) <= 60 else text[:60].rstrip() + "…"
    return clean_line(f"{who} on X: {excerpt}")


def _source(
    response: _Response,
    thread: _Thread,
    root_id: str,
    username: str | None,
    options: ImportOptions,
) -> dict[str, str]:
    address = status_address(root_id, username)
    api = (
        f"X API v2 search (conversation_id:{thread.conversation})"
        if response.search
        else "X API v2 tweet lookup"
    )
    source = {
        "title": f"Post by @{username} on X" if username else f"Post {root_id} on X",
        "url": address,
        "publisher": "X",
        "captured": options.captured.isoformat(),
        "platform": "x",
        "thread": address,
        "api": api,
    }
    if response.retrieved:
        source["note"] = f"Retrieved with twarc at {', '.join(response.retrieved)}."
    return source


def _coverage(
    response: _Response, thread: _Thread, root: dict[str, Any], count: int
) -> dict[str, str]:
    metrics = root.get("public_metrics")
    claimed = metrics.get("reply_count") if isinstance(metrics, dict) else None
    direct = sum(1 for parent in thread.parent.values() if parent == root["id"])
    coverage: dict[str, str] = {}
    if response.search:
        short = response.next_token is not None or (isinstance(claimed, int) and claimed > direct)
        coverage["state"] = "partial" if short else "complete"
        selection = "The posts of a conversation search, with the posts they reference"
        if response.next_token:
            selection += "; the search has further pages, not fetched"
    else:
        coverage["state"] = "partial"
        selection = (
            f"A lookup of {len(response.primary)} post{'s' if len(response.primary) != 1 else ''}"
            " by id, with the posts they reference; not a conversation search, so other posts "
            "of the conversation are not in the copy"
        )
    if isinstance(claimed, int) and not isinstance(claimed, bool) and claimed >= 0:
        coverage["replies_claimed"] = str(claimed)
    coverage["selection"] = selection + "."
    return coverage


def thread_address(data: Any) -> str | None:
    """The web address of the conversation's root post."""
    try:
        response = _Response(data)
    except UnreadableInput:
        return None
    thread = _Thread(response)
    root = response.tweets.get(thread.order[0], {"id": thread.order[0]})
    user = response.users.get(str(root.get("author_id")))
    username = user.get("username") if user else None
    return status_address(root["id"], username if isinstance(username, str) else None)
