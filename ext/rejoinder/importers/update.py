"""``rejoinder import --update``: merge a fresh import of a thread into its existing transcript.

The platform owns what it shows (a post's text, status, times, metrics, media, links, its place
in the reply tree); contributors own everything else (the debate's id, title, summary, tags,
claims, arguments, annotations, notes of every kind, participants' names and notes, the
references they added, the ids and keys they renamed). The merge matches posts by
``platform_id``, participants by ``account_id`` and references by address, never by the ids
the importer would give them, so renaming an id is safe.

* A post found again gets the platform's fields refreshed; a changed text is reported.
* A new post is added in the order the platform shows it (right after the post it follows
  there, so after its parent), with an id that does not clash.
* A post no longer found is kept, marked ``disappeared: <date>``.
* A post a contributor left out on purpose (its platform id in ``coverage.left_out``) is never
  added back, nor are the replies under it: publishing someone's post is a contributor's
  choice, and taking one out must hold.

:func:`merge` is pure (mappings in, mapping and a list of changes out); the command line
(:mod:`rejoinder.cli.importing`) reads and writes the file, and refuses to rewrite a file the
emitter would not write back byte for byte (hand layout and comments would be lost).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from rejoinder.importers.base import unique

# Post fields the platform owns: refreshed from the new import (and dropped when it no longer
# gives them). ``status_note`` goes with ``status``: refreshed only when the status changes.
PLATFORM_POST_FIELDS = (
    "platform_id",
    "author",
    "posted",
    "url",
    "metrics",
    "replies_to",
    "quotes",
    "status",
    "title",
    "text",
    "media",
    "links",
    "languages",
    "edited_at",
    "edited_as_shown",
)
# What the importer writes in sources[0] about the copy itself.
PLATFORM_SOURCE_FIELDS = ("captured", "platform", "thread", "api")
MAX_LISTED = 10


@dataclass(slots=True)
class Merged:
    transcript: dict[str, Any]
    changes: list[str] = field(default_factory=list)  # one line each, for the contributor


def merge(old: dict[str, Any], new: dict[str, Any], captured: str) -> Merged:
    """``old`` (the transcript as the loader read it) brought up to date with ``new`` (a fresh
    import of the same thread), capture date ``captured`` (YYYY-MM-DD)."""
    result = copy.deepcopy(old)
    changes: list[str] = []
    participant_keys = _merge_participants(result, new, changes)
    reference_keys = _merge_references(result, new, changes)
    _merge_posts(result, new, captured, participant_keys, reference_keys, changes)
    _merge_source(result, new, changes)
    _merge_coverage(result, new, changes)
    return Merged(result, changes)


def _merge_participants(
    result: dict[str, Any], new: dict[str, Any], changes: list[str]
) -> dict[str, str]:
    """Add the new import's participants not yet present; return new key -> key in use."""
    people: dict[str, Any] = result.get("participants") or {}
    result["participants"] = people
    by_account = {
        person.get("account_id"): key
        for key, person in people.items()
        if isinstance(person, dict) and person.get("account_id")
    }
    taken = set(people)
    mapping: dict[str, str] = {}
    added = []
    for key, person in (new.get("participants") or {}).items():
        account = person.get("account_id") if isinstance(person, dict) else None
        if account and account in by_account:
            mapping[key] = by_account[account]
        elif not account and key in people:
            mapping[key] = key
        else:
            target = unique(key, taken)
            people[target] = copy.deepcopy(person)
            mapping[key] = target
            added.append(target)
    if added:
        changes.append(f"added {_count(len(added), 'participant')}: {_listed(added)}")
    return mapping


def _merge_references(
    result: dict[str, Any], new: dict[str, Any], changes: list[str]
) -> dict[str, str]:
    """Add the new import's references whose address is not yet referenced; return new key ->
    key in use."""
    references: dict[str, Any] = result.get("references") or {}
    by_url = {
        entry["url"]: key
        for key, entry in references.items()
        if isinstance(entry, dict) and entry.get("url")
    }
    taken = set(references)
    mapping: dict[str, str] = {}
    added = []
    for key, entry in (new.get("references") or {}).items():
        found = by_url.get(entry.get("url")) if entry.get("url") else None
        if found is None and not entry.get("url") and key in references:
            found = key
        if found is not None:
            mapping[key] = found
            continue
        target = unique(key, taken)
        references[target] = copy.deepcopy(entry)
        mapping[key] = target
        added.append(target)
    if references:
        result["references"] = references
    if added:
        changes.append(f"added {_count(len(added), 'reference')}: {_listed(added)}")
    return mapping


class _Posts:
    """The merge of the post lists, with the id maps it needs and the changes it finds."""

    def __init__(
        self,
        old_posts: list[dict[str, Any]],
        new_posts: list[dict[str, Any]],
        people: dict[str, str],
        references: dict[str, str],
        left_out: frozenset[str] = frozenset(),
    ) -> None:
        self.old = old_posts
        self.new = new_posts
        self.people = people
        self.references = references
        old_by_platform = {
            post["platform_id"]: post
            for post in old_posts
            if isinstance(post, dict) and post.get("platform_id")
        }
        taken = {post.get("id") for post in old_posts if isinstance(post, dict)}
        self.left_out: list[str] = []  # platform ids of the posts not added back, in order
        # the new import's post id -> the id in the merged transcript
        self.ids: dict[str, str] = {}
        self.added: list[dict[str, Any]] = []
        self.matched: list[tuple[dict[str, Any], dict[str, Any]]] = []  # (old, new)
        skipped: set[str] = set()
        for post in new_posts:
            previous = old_by_platform.get(post.get("platform_id"))
            if previous is None and (
                post.get("platform_id") in left_out or post.get("replies_to") in skipped
            ):
                skipped.add(post["id"])
                self.left_out.append(str(post.get("platform_id")))
                continue
            if previous is not None:
                self.ids[post["id"]] = previous["id"]
                self.matched.append((previous, post))
            else:
                self.ids[post["id"]] = unique(post["id"], taken)  # type: ignore[arg-type]
                self.added.append(post)
        self.skipped = skipped
        self.new = [post for post in new_posts if post["id"] not in skipped]
        self.texts: list[str] = []
        self.statuses: list[str] = []
        self.metrics: list[str] = []
        self.reappeared: list[str] = []

    def remap(self, post: dict[str, Any]) -> dict[str, Any]:
        """The new post's platform fields, with ids and keys as the merged transcript has them."""
        fields = {name: copy.deepcopy(post[name]) for name in PLATFORM_POST_FIELDS if name in post}
        if "author" in fields:
            fields["author"] = self.people.get(fields["author"], fields["author"])
        if fields.get("replies_to") in self.skipped:
            del fields["replies_to"]  # it answers a post left out: see _refresh_matched
        elif "replies_to" in fields:
            fields["replies_to"] = self.ids.get(fields["replies_to"], fields["replies_to"])
        if "quotes" in fields:
            quoted = fields["quotes"]
            fields["quotes"] = self.ids.get(quoted) or self.references.get(quoted) or quoted
        if "links" in fields:
            fields["links"] = [self.references.get(key, key) for key in fields["links"]]
        return fields


def _merge_posts(
    result: dict[str, Any],
    new: dict[str, Any],
    captured: str,
    people: dict[str, str],
    references: dict[str, str],
    changes: list[str],
) -> None:
    old_posts: list[dict[str, Any]] = list(result.get("posts") or [])
    new_posts: list[dict[str, Any]] = list(new.get("posts") or [])
    coverage = result.get("coverage")
    left_out = coverage.get("left_out") if isinstance(coverage, dict) else None
    posts = _Posts(old_posts, new_posts, people, references, frozenset(left_out or ()))
    found = _refresh_matched(posts)
    disappeared = []
    for post in old_posts:
        gone = isinstance(post, dict) and post.get("platform_id") and id(post) not in found
        if gone and "disappeared" not in post:
            post["disappeared"] = captured
            disappeared.append(post["id"])
    result["posts"] = _ordered(posts)
    added = [posts.ids[post["id"]] for post in posts.added]
    for label, items in (
        ("added", added),
        ("text changed on", posts.texts),
        ("status changed on", posts.statuses),
        ("metrics changed on", posts.metrics),
        ("disappeared (kept, marked disappeared)", disappeared),
        ("found again", posts.reappeared),
        ("left out again (coverage.left_out)", posts.left_out),
    ):
        if items:
            changes.append(f"{label} {_count(len(items), 'post')}: {_listed(items)}")


def _refresh_matched(posts: _Posts) -> set[int]:
    """Refresh the platform's fields of the posts found again; the ``id()`` of each."""
    for previous, post in posts.matched:
        fields = posts.remap(post)
        if fields.get("text") != previous.get("text"):
            posts.texts.append(previous["id"])
        was, now = previous.get("status", "shown"), fields.get("status", "shown")
        if was != now:
            posts.statuses.append(f"{previous['id']} ({was} → {now})")
            if "status_note" in post:
                previous["status_note"] = post["status_note"]
            else:
                previous.pop("status_note", None)
        if _figures(fields.get("metrics")) != _figures(previous.get("metrics")):
            posts.metrics.append(previous["id"])
        if previous.get("attribution") == "inferred" and now != "withheld":
            fields["author"] = previous["author"]  # a contributor's inference, kept
        if post.get("replies_to") in posts.skipped and "replies_to" in previous:
            # It answers a post left out on purpose: how the contributor threaded it stays.
            fields["replies_to"] = previous["replies_to"]
        for name in PLATFORM_POST_FIELDS:
            if name in fields:
                previous[name] = fields[name]
            else:
                previous.pop(name, None)
        if previous.pop("disappeared", None) is not None:
            posts.reappeared.append(previous["id"])
    return {id(previous) for previous, _ in posts.matched}


def _ordered(posts: _Posts) -> list[dict[str, Any]]:
    """The old posts in their order, each new post right after the post before it in the
    platform's order: its parent, or the last reply under an earlier sibling."""
    followers: dict[str | None, list[dict[str, Any]]] = {}
    before: str | None = None
    is_added = {id(post) for post in posts.added}
    for post in posts.new:
        merged_id = posts.ids[post["id"]]
        if id(post) in is_added:
            entry = {**post, **posts.remap(post), "id": merged_id}
            followers.setdefault(before, []).append(entry)
        before = merged_id
    merged: list[dict[str, Any]] = []
    _place(followers, None, merged)
    for post in posts.old:
        merged.append(post)
        if isinstance(post, dict):
            _place(followers, post.get("id"), merged)
    return merged


def _place(
    followers: dict[str | None, list[dict[str, Any]]], anchor: str | None, out: list[dict[str, Any]]
) -> None:
    """Append the posts that follow ``anchor`` (and those that follow them), in order."""
    stack = list(reversed(followers.pop(anchor, [])))
    while stack:
        post = stack.pop()
        out.append(post)
        stack.extend(reversed(followers.pop(post["id"], [])))


def _figures(metrics: Any) -> Any:
    """The counts of a metrics mapping, without its capture date."""
    if not isinstance(metrics, dict):
        return metrics
    return {name: value for name, value in metrics.items() if name != "captured"}


def _merge_source(result: dict[str, Any], new: dict[str, Any], changes: list[str]) -> None:
    sources = result.get("sources")
    fresh = (new.get("sources") or [None])[0]
    if not isinstance(sources, list) or not sources or not isinstance(fresh, dict):
        return
    first = sources[0]
    if not isinstance(first, dict):
        return
    if fresh.get("captured") and fresh.get("captured") != first.get("captured"):
        changes.append(f"capture date {first.get('captured')} → {fresh['captured']}")
    for name in PLATFORM_SOURCE_FIELDS:
        if name in fresh:
            first[name] = fresh[name]


def _merge_coverage(result: dict[str, Any], new: dict[str, Any], changes: list[str]) -> None:
    fresh = new.get("coverage")
    if not isinstance(fresh, dict):
        return
    before = result.get("coverage")
    merged = {**fresh}
    for owned in ("selection", "left_out"):  # the contributor's, not the platform's
        if isinstance(before, dict) and owned in before and owned not in fresh:
            merged[owned] = before[owned]
    if merged != before:
        result["coverage"] = merged
        changes.append(f"coverage: {_coverage_text(before)} → {_coverage_text(merged)}")


def _coverage_text(coverage: Any) -> str:
    if not isinstance(coverage, dict):
        return "not given"
    text = str(coverage.get("state", "?"))
    if coverage.get("replies_claimed"):
        text += f", {coverage['replies_claimed']} replies claimed"
    return text


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' * (number != 1)}"


def _listed(items: list[str]) -> str:
    shown = ", ".join(items[:MAX_LISTED])
    return shown + (f" and {len(items) - MAX_LISTED} more" if len(items) > MAX_LISTED else "")
