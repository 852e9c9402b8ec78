"""The Bluesky importer on the real saved responses (tests/platforms/bluesky) and made-up edges."""

from __future__ import annotations

import copy
import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from importing_support import file_checks_clean
from rejoinder.corpus import check_paths
from rejoinder.importers import bluesky
from rejoinder.importers.base import ImportOptions, UnreadableInput
from rejoinder.importers.emit import emit

FOLDER = Path(__file__).parent / "platforms" / "bluesky"
V1 = FOLDER / "getPostThread-jensroemer-3ljphoefymc2l.json"
V2 = FOLDER / "getPostThreadV2-blowdart-3ms2foehqt22h.json"
CAPTURED = dt.date(2025, 4, 8)
OPTIONS = ImportOptions(captured=CAPTURED)


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _v1_nodes(data: Any) -> list[dict[str, Any]]:
    """Every threadViewPost of a v1 response, walked independently of the importer."""
    nodes, stack = [], [data["thread"]]
    while stack:
        node = stack.pop()
        nodes.append(node)
        stack.extend(reversed(node.get("replies", [])))
    return nodes


def _as_recorded(text: str, record: dict[str, Any]) -> str:
    """The imported text with each full link address put back as the record's shortened words.

    Undoing the one documented substitution independently of the importer: what is left must be
    ``record.text`` exactly.
    """
    encoded = record["text"].encode()
    for facet in record.get("facets", []):
        for feature in facet["features"]:
            if feature["$type"] == "app.bsky.richtext.facet#link":
                index = facet["index"]
                shown = encoded[index["byteStart"] : index["byteEnd"]].decode()
                text = text.replace(feature["uri"], shown, 1)
    return text


# -- the real v1 response ---------------------------------------------------------------------


def test_v1_thread_posts_tree_and_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _load(V1)
    transcript = bluesky.convert(data, OPTIONS).transcript
    posts = transcript["posts"]
    nodes = _v1_nodes(data)
    assert [post["platform_id"] for post in posts] == [node["post"]["uri"] for node in nodes]
    by_uri = {post["platform_id"]: post for post in posts}
    for node in nodes:
        record = node["post"]["record"]
        post = by_uri[node["post"]["uri"]]
        parent = record.get("reply", {}).get("parent", {}).get("uri")
        assert post.get("replies_to") == (by_uri[parent]["id"] if parent else None)
        assert _as_recorded(post["text"], record) == record["text"]  # exactly, every space
    root = posts[0]
    # Two link facets whose text is a shortened URI get the full URI; the mention stays.
    assert root["text"] == (
        "So I was looking at some of CSS rock star \n@jhey.dev\n's work, when I had a \"Hal "
        'fixing a light bulb" moment (reference '
        "https://www.youtube.com/watch?v=AbSehcT19u0&ab_channel=VinnieFarsheds), and it "
        "inspired me to write a post about his exploded/3D layer effect used in some of his "
        "demos.\n\nhttps://jensroemer.com/posts/jheys-exploding-layers/"
    )
    assert root["id"] == "bsky-3ljphoefymc2l"
    assert root["url"] == "https://bsky.app/profile/jensroemer.bsky.social/post/3ljphoefymc2l"
    assert root["posted"] == "2025-03-06T12:11:41.885000+00:00"
    assert "posted_note" not in root  # indexedAt is 0.4 s later: not worth a note
    assert root["metrics"] == {
        "likes": "4",
        "reposts": "0",
        "replies": "2",
        "quotes": "0",
        "captured": "2025-04-08",
    }
    assert root["languages"] == ["en"]
    assert transcript["references"] == {
        "link-1": {
            "title": "Jhey's exploding layers",
            "kind": "page",
            "url": "https://jensroemer.com/posts/jheys-exploding-layers/",
        }
    }
    assert root["links"] == ["link-1"]
    assert transcript["participants"]["jhey-dev"] == {
        "display_name": "Jhey ʕ·ᴥ·　ʔ",
        "handle": "@jhey.dev",
        "profile_url": "https://bsky.app/profile/jhey.dev",
        "account_id": "did:plc:mqptcphqrjhr5nziy33f3kco",
    }
    assert transcript["coverage"]["state"] == "complete"
    assert transcript["coverage"]["replies_claimed"] == "3"
    assert transcript["sources"][0]["api"] == "app.bsky.feed.getPostThread"
    assert transcript["sources"][0]["thread"] == root["url"]
    file_checks_clean(transcript, tmp_path, capsys)


# -- the real V2 response ---------------------------------------------------------------------


def test_v2_thread_posts_tree_and_opt_outs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _load(V2)
    imported = bluesky.convert(data, OPTIONS)
    transcript = imported.transcript
    posts = transcript["posts"]
    items = data["thread"]
    assert len(posts) == len(items) == 6
    assert [post["id"] for post in posts] == [
        "bsky-" + item["uri"].rsplit("/", 1)[1] for item in items
    ]
    ids = {item["uri"]: post["id"] for item, post in zip(items, posts, strict=True)}
    for item, post in zip(items, posts, strict=True):
        record = item["value"]["post"]["record"]
        parent = record.get("reply", {}).get("parent", {}).get("uri")
        assert post.get("replies_to") == (ids[parent] if parent else None)
        labelled = any(
            label["val"] == "!no-unauthenticated"
            for label in item["value"]["post"]["author"]["labels"]
        )
        if labelled:  # withheld by default: no text, no author, no DID or handle anywhere
            assert post["status"] == "withheld" and post["author"] == "unknown"
            assert "text" not in post and "url" not in post and "did:" not in post["platform_id"]
            assert "!no-unauthenticated" in post["status_note"]
        else:
            assert _as_recorded(post["text"], record) == record["text"]
    assert sum(post.get("status") == "withheld" for post in posts) == 2
    assert "pagnificent" not in emit(transcript)
    assert any("--include-opted-out" in note for note in imported.notes)
    root = posts[0]
    assert root["text"] == (
        "Looks like the ability to mute reposts and quote from people is coming\n\n"
        "https://github.com/bluesky-social/atproto/commit/ee4a0cf0ebb3e078a014bef882720f46aca5cb89"
        "#diff-9c7981b0c48bc6877c508c5537b4dd0655f5c487d85df2935a7976809a295298R202-R208"
    )
    assert root["metrics"]["bookmarks"] == "1"
    card = transcript["references"][root["links"][0]]
    assert card["title"] == (
        "Add repost and quotepost-only mutes (#5118) · bluesky-social/atproto@ee4a0cf"
    )
    assert card["note"] == (
        "The link card's description: Co-authored-by: Claude Fable 5 <noreply@anthropic.com>"
    )
    # indexedAt is 4 s *before* createdAt on the root: still within the gap, no note.
    assert "posted_note" not in root
    assert transcript["sources"][0]["api"] == "app.bsky.unspecced.getPostThreadV2"
    assert transcript["coverage"]["replies_claimed"] == str(
        sum(item["value"]["post"]["replyCount"] for item in items)
    )
    file_checks_clean(transcript, tmp_path, capsys)


def test_v2_with_include_opted_out_imports_in_full(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _load(V2)
    options = ImportOptions(captured=CAPTURED, include_opted_out=True)
    transcript = bluesky.convert(data, options).transcript
    posts = transcript["posts"]
    assert not any(post.get("status") for post in posts)
    for item, post in zip(_load(V2)["thread"], posts, strict=True):
        record = item["value"]["post"]["record"]
        assert _as_recorded(post["text"], record) == record["text"]
    assert posts[1]["text"] == "BLESSED BE MY LORD AND SAVIOR @esb.lol"  # mention as shown
    assert posts[1]["author"] == "pagnificent-myatproto-social"
    assert transcript["participants"]["pagnificent-myatproto-social"]["handle"] == (
        "@pagnificent.myatproto.social"
    )
    file_checks_clean(transcript, tmp_path, capsys)


# -- facets, embeds, placeholders --------------------------------------------------------------


def _post(rkey: str, text: str = "hello", **extra: Any) -> dict[str, Any]:
    did = "did:plc:abc"
    post: dict[str, Any] = {
        "uri": f"at://{did}/app.bsky.feed.post/{rkey}",
        "author": {"did": did, "handle": "ada.example", "displayName": "Ada", "labels": []},
        "record": {"text": text, "createdAt": "2025-01-01T00:00:00.000Z"},
        "indexedAt": "2025-01-01T00:00:00.500Z",
        "labels": [],
    }
    for key, value in extra.items():
        if key in ("facets", "embed_record", "langs"):
            post["record"]["embed" if key == "embed_record" else key] = value
        else:
            post[key] = value
    return post


def _v1(post: dict[str, Any], replies: list[Any] | None = None) -> dict[str, Any]:
    node: dict[str, Any] = {"$type": "app.bsky.feed.defs#threadViewPost", "post": post}
    if replies is not None:
        node["replies"] = replies
    return node


def test_facets_count_utf8_bytes() -> None:
    text = "é 👋 see example.com/a… and this"
    start = len("é 👋 see ".encode())
    end = start + len("example.com/a…".encode())
    other = len(text.encode()) - len(b"this")
    facets = [
        {
            "index": {"byteStart": other, "byteEnd": len(text.encode())},
            "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://other.org/"}],
        },
        {
            "index": {"byteStart": start, "byteEnd": end},
            "features": [
                {"$type": "app.bsky.richtext.facet#link", "uri": "https://example.com/abc"}
            ],
        },
        {  # splits the emoji: left alone
            "index": {"byteStart": 3, "byteEnd": 5},
            "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://x.org/"}],
        },
        {  # out of range: left alone
            "index": {"byteStart": 5, "byteEnd": 999},
            "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://y.org/"}],
        },
    ]
    text_out, links = bluesky.text_with_links({"text": text, "facets": facets})
    assert text_out == "é 👋 see https://example.com/abc and this"
    assert links == [("this", "https://other.org/")]
    data = {"thread": _v1(_post("r1", text, facets=facets))}
    transcript = bluesky.convert(data, OPTIONS).transcript
    assert transcript["references"]["link-1"] == {
        "title": "https://other.org/",
        "kind": "page",
        "url": "https://other.org/",
        "note": "Linked from the words: this",
    }


def test_embeds_quotes_media_and_cards(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    quoted_uri = "at://did:plc:zzz/app.bsky.feed.post/q1"
    images = {
        "$type": "app.bsky.embed.images#view",
        "images": [
            {"alt": "A chart", "fullsize": "https://cdn.bsky.app/img/full/a.jpg"},
            {"alt": "", "fullsize": "https://cdn.bsky.app/img/full/b.jpg"},
            {"alt": "C", "fullsize": "data:image/png;base64,AAAA"},
        ],
    }
    with_media = {
        "$type": "app.bsky.embed.recordWithMedia#view",
        "record": {
            "record": {
                "$type": "app.bsky.embed.record#viewRecord",
                "uri": quoted_uri,
                "author": {"did": "did:plc:zzz", "handle": "bob.example", "displayName": "Bob"},
                "value": {"text": "quoted"},
            }
        },
        "media": images,
    }
    in_thread = {
        "$type": "app.bsky.embed.record#view",
        "record": {
            "$type": "app.bsky.embed.record#viewRecord",
            "uri": "at://did:plc:abc/app.bsky.feed.post/r1",
        },
    }
    video = {
        "$type": "app.bsky.embed.video#view",
        "playlist": "https://video.bsky.app/watch/x/playlist.m3u8",
        "alt": "A clip",
    }
    not_found = {
        "$type": "app.bsky.embed.record#view",
        "record": {
            "$type": "app.bsky.embed.record#viewNotFound",
            "uri": "at://did:plc:q/app.bsky.feed.post/gone",
            "notFound": True,
        },
    }
    card = {
        "$type": "app.bsky.embed.external#view",
        "external": {"uri": "https://example.org/page", "title": "A page", "description": ""},
    }
    data = {
        "thread": _v1(
            _post("r1", embed=with_media),
            [
                _v1(_post("r2", "", embed=in_thread), []),
                _v1(_post("r3", "", embed=video), []),
                _v1(_post("r4", "see", embed=not_found), []),
                _v1(_post("r5", "odd", embed={"$type": "app.bsky.embed.future#view"}), []),
                _v1(_post("r6", "", embed=card), []),
            ],
        )
    }
    imported = bluesky.convert(data, OPTIONS)
    posts = imported.transcript["posts"]
    references = imported.transcript["references"]
    assert posts[0]["media"] == [
        {"kind": "image", "alt": "A chart", "url": "https://cdn.bsky.app/img/full/a.jpg"},
        {"kind": "image", "url": "https://cdn.bsky.app/img/full/b.jpg"},
        {"kind": "image", "alt": "C"},
    ]
    assert any("data:image/png" in note for note in imported.notes)
    assert references[posts[0]["quotes"]] == {
        "kind": "post",
        "title": "Bluesky post by @bob.example",
        "author": "Bob",
        "url": "https://bsky.app/profile/bob.example/post/q1",
    }
    assert posts[1]["quotes"] == "bsky-r1"  # a quote of a post in the thread is its id
    assert posts[2]["media"] == [
        {"kind": "video", "alt": "A clip", "url": "https://video.bsky.app/watch/x/playlist.m3u8"}
    ]
    assert references[posts[3]["quotes"]]["title"] == "A Bluesky post that was not found"
    assert "text" not in posts[1]
    assert not any("shows nothing" in note for note in imported.notes)  # a quote shows
    assert references[posts[5]["links"][0]]["title"] == "A page"  # a bare card shows too
    assert "text" not in posts[5]
    assert any("app.bsky.embed.future" in note for note in imported.notes)
    file_checks_clean(imported.transcript, tmp_path, capsys)
    empty = bluesky.convert({"thread": _v1(_post("e1", " \n"), [])}, OPTIONS)
    assert "text" not in empty.transcript["posts"][0]
    assert any("bsky-e1 shows nothing" in note for note in empty.notes)


def test_placeholders_for_not_found_blocked_unknown_and_no_unauthenticated() -> None:
    root = _post("root")
    v1 = {
        "thread": _v1(
            root,
            [
                {
                    "$type": "app.bsky.feed.defs#notFoundPost",
                    "uri": "at://did:plc:x/app.bsky.feed.post/nf",
                    "notFound": True,
                },
                {
                    "$type": "app.bsky.feed.defs#blockedPost",
                    "uri": "at://did:plc:y/app.bsky.feed.post/bl",
                    "blocked": True,
                    "author": {"did": "did:plc:y"},
                },
                {
                    "$type": "app.bsky.feed.defs#somethingNew",
                    "uri": "at://did:plc:z/app.bsky.feed.post/new",
                },
            ],
        )
    }
    posts = bluesky.convert(v1, OPTIONS).transcript["posts"]
    assert [(post["id"], post.get("status"), post["author"]) for post in posts] == [
        ("bsky-root", None, "ada-example"),
        ("bsky-nf", "not-found", "unknown"),
        ("bsky-bl", "blocked", "unknown"),
        ("bsky-new", "withheld", "unknown"),
    ]
    assert "somethingNew" in posts[3]["status_note"]
    assert all(post.get("replies_to") == "bsky-root" for post in posts[1:])
    v2 = {
        "hasOtherReplies": True,
        "thread": [
            {
                "uri": root["uri"],
                "depth": 0,
                "value": {
                    "$type": "app.bsky.unspecced.defs#threadItemPost",
                    "post": root,
                    "moreReplies": 0,
                },
            },
            {
                "uri": "at://did:plc:x/app.bsky.feed.post/nu",
                "depth": 1,
                "value": {"$type": "app.bsky.unspecced.defs#threadItemNoUnauthenticated"},
            },
            {
                "uri": "at://did:plc:x/app.bsky.feed.post/nf",
                "depth": 2,
                "value": {"$type": "app.bsky.unspecced.defs#threadItemNotFound"},
            },
            {
                "uri": "at://did:plc:y/app.bsky.feed.post/bl",
                "depth": 1,
                "value": {
                    "$type": "app.bsky.unspecced.defs#threadItemBlocked",
                    "author": {"did": "did:plc:y"},
                },
            },
        ],
    }
    transcript = bluesky.convert(v2, OPTIONS).transcript
    posts = transcript["posts"]
    assert [(post.get("status"), post.get("replies_to")) for post in posts] == [
        (None, None),
        ("withheld", "bsky-root"),
        ("not-found", "bsky-nu"),
        ("blocked", "bsky-root"),
    ]
    assert posts[1]["platform_id"] == "nu"  # no DID of an opted-out author
    assert transcript["coverage"]["state"] == "partial"  # hasOtherReplies


def test_posts_moderation_hides_are_removed_placeholders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hidden = _post("h2", "spam spam", labels=[{"src": "did:plc:mod", "val": "!hide"}])
    quoting = _post(
        "q3",
        "look",
        embed={
            "$type": "app.bsky.embed.record#view",
            "record": {
                "$type": "app.bsky.embed.record#viewRecord",
                "uri": "at://did:plc:zz/app.bsky.feed.post/gone",
                "author": {
                    "did": "did:plc:zz",
                    "handle": "zz.example",
                    "labels": [{"val": "!takedown"}],
                },
            },
        },
    )
    transcript = bluesky.convert(
        {"thread": _v1(_post("root"), [_v1(hidden, []), _v1(quoting, [])])}, OPTIONS
    ).transcript
    posts = transcript["posts"]
    assert (posts[1]["status"], posts[1]["author"], "text" in posts[1]) == (
        "removed",
        "unknown",
        False,
    )
    assert "!hide (set by did:plc:mod)" in posts[1]["status_note"]
    assert transcript["references"][posts[2]["quotes"]] == {
        "kind": "post",
        "title": "A Bluesky post hidden by moderation",
    }
    file_checks_clean(transcript, tmp_path, capsys)


def test_partial_coverage_from_reply_counts_and_a_missing_root() -> None:
    root = _post("root", replyCount=922)
    reply = _post("r2", replyCount=0)
    reply["record"]["reply"] = {"parent": {"uri": root["uri"]}, "root": {"uri": root["uri"]}}
    transcript = bluesky.convert({"thread": _v1(root, [_v1(reply, [])])}, OPTIONS).transcript
    assert transcript["coverage"]["state"] == "partial"
    assert transcript["coverage"]["replies_claimed"] == "922"
    alone = bluesky.convert({"thread": _v1(reply, [])}, OPTIONS).transcript
    assert alone["coverage"]["state"] == "partial"
    assert "starts at a reply" in alone["coverage"]["selection"]


def test_backdated_post_says_when_it_was_indexed() -> None:
    post = _post("old", indexedAt="2025-06-01T10:00:00.000Z")
    entry = bluesky.convert({"thread": _v1(post, [])}, OPTIONS).transcript["posts"][0]
    assert entry["posted"] == "2025-01-01T00:00:00+00:00"
    assert "2025-06-01T10:00:00+00:00" in entry["posted_note"]


def test_hostile_textfile_checks_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "{raw} html\n<script>alert(1)</script>\n\x1b[31mred\u202e\n% comment\n[a]: http://x"
    post = _post("h1", text)
    post["author"]["displayName"] = "Eve\n\u202eevil\x07"
    imported = bluesky.convert({"thread": _v1(post, [])}, OPTIONS)
    entry = imported.transcript["posts"][0]
    assert (
        entry["text"] == "{raw} html\n<script>alert(1)</script>\n[31mred\n% comment\n[a]: http://x"
    )
    assert imported.transcript["participants"]["ada-example"]["display_name"] == "Eve evil"
    assert any("U+001B, U+202E" in note for note in imported.notes)
    file_checks_clean(imported.transcript, tmp_path, capsys)


def test_missing_fields_do_not_crash() -> None:
    bare = {"thread": {"post": {"uri": "at://did:plc:a/app.bsky.feed.post/b"}}}
    posts = bluesky.convert(bare, OPTIONS).transcript["posts"]
    assert posts[0]["id"] == "bsky-b" and "text" not in posts[0] and "posted" not in posts[0]
    blank = _post("b2", replyCount=-1)
    blank["uri"] = " \u202e"
    blank["author"]["did"] = "\x07"
    imported = bluesky.convert({"thread": _v1(blank, [])}, OPTIONS)
    assert "platform_id" not in imported.transcript["posts"][0]
    assert "account_id" not in imported.transcript["participants"]["ada-example"]
    assert imported.transcript["coverage"]["state"] == "complete"
    assert "replies_claimed" not in imported.transcript["coverage"]  # -1 is no count
    # A V2 item whose post names another uri, embedding the item's own uri: no self-quote.
    post = _post(
        "inner",
        embed={
            "$type": "app.bsky.embed.record#view",
            "record": {"uri": "at://did:plc:abc/app.bsky.feed.post/outer"},
        },
    )
    item = {
        "uri": "at://did:plc:abc/app.bsky.feed.post/outer",
        "depth": 0,
        "value": {"$type": "app.bsky.unspecced.defs#threadItemPost", "post": post},
    }
    imported = bluesky.convert({"thread": [item]}, OPTIONS)
    assert "quotes" not in imported.transcript["posts"][0]
    assert any("embeds itself" in note for note in imported.notes)
    odd = {"thread": [{"depth": "x", "value": None}, 5, {"uri": 3}]}
    assert len(bluesky.convert(odd, OPTIONS).transcript["posts"]) == 2
    shapes: list[Any] = [[], {"posts": []}, {"thread": 5}, {"thread": []}]
    for shape in shapes:
        with pytest.raises(UnreadableInput):
            bluesky.convert(shape, OPTIONS)


# -- size -------------------------------------------------------------------------------------


def test_a_chain_5000_deep_both_ways() -> None:
    depth = 5_000
    node = _v1(_post("p0"), [])
    top = node
    for level in range(1, depth):  # replies nested 5,000 deep
        child = _v1(_post(f"p{level}"), [])
        node["replies"] = [child]
        node = child
    posts = bluesky.convert({"thread": top}, OPTIONS).transcript["posts"]
    assert len(posts) == depth
    assert posts[-1]["replies_to"] == f"bsky-p{depth - 2}"
    anchor = _v1(_post("anchor"), [])
    node = anchor
    for level in range(depth):  # and a parent chain 5,000 high
        node["parent"] = _v1(_post(f"up{level}"))
        node = node["parent"]
    posts = bluesky.convert({"thread": anchor}, OPTIONS).transcript["posts"]
    assert posts[0]["id"] == f"bsky-up{depth - 1}" and "replies_to" not in posts[0]
    assert posts[-1]["id"] == "bsky-anchor" and posts[-1]["replies_to"] == "bsky-up0"


def test_a_5000_post_v2_thread(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _post("root")
    thread = [
        {
            "uri": root["uri"],
            "depth": 0,
            "value": {"$type": "app.bsky.unspecced.defs#threadItemPost", "post": root},
        }
    ]
    for number in range(1, 5_000):
        post = _post(f"r{number}", f"reply {number}")
        post["author"] = {"did": f"did:plc:u{number % 700}", "handle": f"u{number % 700}.example"}
        depth = 1 + number % 3
        thread.append(
            {
                "uri": post["uri"],
                "depth": depth,
                "value": {"$type": "app.bsky.unspecced.defs#threadItemPost", "post": post},
            }
        )
    transcript = bluesky.convert({"thread": thread}, OPTIONS).transcript
    assert len(transcript["posts"]) == 5_000
    assert len(transcript["participants"]) == 701
    file_checks_clean(transcript, tmp_path, capsys)


# -- fetch ------------------------------------------------------------------------------------


def test_fetch_resolves_the_handle_then_reads_the_thread() -> None:
    asked: list[str] = []
    answer = _load(V1)

    def get(url: str) -> Any:
        asked.append(url)
        if "resolveHandle" in url:
            return {"did": "did:plc:laqygfbyvnkyuhsuaxmp6ez3"}
        return copy.deepcopy(answer)

    data = bluesky.fetch("https://bsky.app/profile/jensroemer.bsky.social/post/3ljphoefymc2l", get)
    assert data == answer
    assert asked == [
        "https://public.api.bsky.app/xrpc/com.atproto.identity.resolveHandle"
        "?handle=jensroemer.bsky.social",
        "https://public.api.bsky.app/xrpc/app.bsky.feed.getPostThread?uri=at%3A%2F%2Fdid%3Aplc"
        "%3Alaqygfbyvnkyuhsuaxmp6ez3%2Fapp.bsky.feed.post%2F3ljphoefymc2l&depth=1000"
        "&parentHeight=1000",
    ]
    asked.clear()
    bluesky.fetch("https://bsky.app/profile/did:plc:abc/post/xyz", get)
    assert len(asked) == 1 and "did%3Aplc%3Aabc" in asked[0]
    with pytest.raises(UnreadableInput):
        bluesky.fetch("https://example.org/profile/a/post/b", get)
    assert bluesky.thread_address(answer) == (
        "https://bsky.app/profile/jensroemer.bsky.social/post/3ljphoefymc2l"
    )


@given(
    st.text(alphabet=st.characters(exclude_characters="."), max_size=40),
    st.lists(st.tuples(st.integers(-2, 80), st.integers(-2, 80)), max_size=4),
)
def test_facets_that_are_not_addresses_never_change_the_text(
    text: str, ranges: list[tuple[int, int]]
) -> None:
    # Without a dot the words of a facet cannot be a form of the address: the text stays as it
    # is, whatever the (valid, invalid, overlapping, character-splitting) ranges.
    facets = [
        {
            "index": {"byteStart": start, "byteEnd": end},
            "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://example.org/x"}],
        }
        for start, end in ranges
    ]
    shown, links = bluesky.text_with_links({"text": text, "facets": facets})
    assert shown == text
    assert all(words in text and address == "https://example.org/x" for words, address in links)
    assert len(links) <= len(ranges)


# -- any response of the right shape, however odd its values ------------------------------------

_ODD = st.one_of(
    st.none(),
    st.integers(-1, 3),
    st.sampled_from(
        [
            "",
            " ",
            "x",
            "at://did:plc:a/app.bsky.feed.post/b",
            "at://did:plc:a/app.bsky.feed.post/c",
            "https://x.social/a",
            "javascript:x",
            "!no-unauthenticated",
            "2025-01-01T00:00:00Z",
            "handle.invalid",
            "a\nb\u202e",
            "\x00",
            "\ud800",
            "unknown",
            "link-1",
        ]
    ),
)


def _some(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=fields)


_AUTHOR = _some(
    did=_ODD, handle=_ODD, displayName=_ODD, labels=st.lists(_some(val=_ODD), max_size=2)
)
_FACET = _some(
    index=_some(byteStart=_ODD, byteEnd=_ODD),
    features=st.lists(_some(**{"$type": st.just("app.bsky.richtext.facet#link")}, uri=_ODD)),
)
_EMBEDDED = _some(
    **{
        "$type": st.sampled_from(
            ["app.bsky.embed.record#viewRecord", "app.bsky.embed.record#viewNotFound"]
        )
    },
    uri=_ODD,
    author=_AUTHOR,
)
_EMBED = _some(
    **{
        "$type": st.sampled_from(
            [
                f"app.bsky.embed.{kind}#view"
                for kind in ("images", "external", "record", "recordWithMedia", "video", "x")
            ]
        )
    },
    images=st.lists(_some(alt=_ODD, fullsize=_ODD), max_size=2),
    external=_some(uri=_ODD, title=_ODD, description=_ODD),
    record=st.one_of(_EMBEDDED, _some(record=_EMBEDDED)),
    playlist=_ODD,
)
_POST = _some(
    uri=_ODD,
    author=_AUTHOR,
    record=_some(
        text=st.one_of(_ODD, st.text(max_size=8)),
        createdAt=_ODD,
        langs=st.lists(_ODD, max_size=2),
        facets=st.lists(_FACET, max_size=2),
    ),
    embed=_EMBED,
    labels=st.lists(_some(val=_ODD), max_size=1),
    indexedAt=_ODD,
    likeCount=_ODD,
    replyCount=_ODD,
)
_V1 = st.fixed_dictionaries(
    {
        "thread": st.recursive(
            st.fixed_dictionaries({"post": _POST}),
            lambda nodes: st.fixed_dictionaries(
                {"post": _POST}, optional={"replies": st.lists(nodes, max_size=3), "parent": nodes}
            ),
            max_leaves=6,
        )
    }
)
_V2 = st.fixed_dictionaries(
    {
        "thread": st.lists(
            _some(
                uri=_ODD,
                depth=_ODD,
                value=_some(
                    **{
                        "$type": st.sampled_from(
                            [
                                f"app.bsky.unspecced.defs#threadItem{kind}"
                                for kind in (
                                    "Post",
                                    "Blocked",
                                    "NotFound",
                                    "NoUnauthenticated",
                                    "Future",
                                )
                            ]
                        )
                    },
                    post=_POST,
                    moreReplies=_ODD,
                ),
            ),
            min_size=1,
            max_size=5,
        )
    }
)


@settings(max_examples=60, deadline=None)
@given(st.one_of(_V1, _V2), st.booleans())
def test_any_odd_response_imports_and_checks_clean_or_says_why(
    data: Any, include_opted_out: bool
) -> None:
    options = ImportOptions(captured=CAPTURED, include_opted_out=include_opted_out)
    imported = bluesky.convert(data, options)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "odd.yaml"
        path.write_text(emit(imported.transcript), encoding="utf-8")
        problems = [problem.format() for problem in check_paths([path]).problems]
    # The one problem an import may leave is a post that shows nothing, and it says so.
    assert all("shows nothing" in problem for problem in problems), (problems, imported.notes)
    if problems:
        assert any("shows nothing" in note for note in imported.notes)


def test_addresses_the_format_refuses_as_written_are_percent_encoded() -> None:
    card = {
        "$type": "app.bsky.embed.external#view",
        "external": {"uri": "https://fonts.example/css?family=A|B", "title": "Fonts"},
    }
    text = "see the fonts"
    facets = [
        {
            "index": {"byteStart": 4, "byteEnd": 13},
            "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://e.org/a b"}],
        }
    ]
    transcript = bluesky.convert(
        {"thread": _v1(_post("u1", text, facets=facets, embed=card), [])}, OPTIONS
    ).transcript
    assert transcript["posts"][0]["text"] == text
    assert [reference["url"] for reference in transcript["references"].values()] == [
        "https://e.org/a%20b",
        "https://fonts.example/css?family=A%7CB",
    ]
