"""``rejoinder import x``: the real saved X API v2 lookups in tests/platforms/x/ (an edited
conversation root, and a reply that both replies to it and quotes its earlier version; see
their provenance files) import to transcripts whose posts, reply tree and texts match the
source, and that check clean; synthetic responses cover conversation searches, 5,000-level
chains, 5,000-post threads, media, placeholders for posts X does not give, missing fields,
unknown reference types and hostile text.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from importing_support import checks_clean, import_through_the_cli
from rejoinder.cli.importing import check_text
from rejoinder.importers import PlatformUnavailable, platform, x
from rejoinder.importers.base import ImportOptions, UnreadableInput
from rejoinder.importers.emit import emit
from rejoinder.importers.html_text import clean_text
from support import REPO, RunCli

FIXTURES = REPO / "tests" / "platforms" / "x"
PLATFORM = "x"
EDITED = "tweets-lookup-edited-1576994789110992896.json"
REPLY = "tweets-lookup-reply-quoting-edited-1576995594388000768.json"
OPTIONS = ImportOptions(captured=dt.date(2022, 10, 3))


def _load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def _convert(data: Any, **options: Any) -> dict[str, Any]:
    return x.convert(data, ImportOptions(captured=OPTIONS.captured, **options)).transcript


def _posts(transcript: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {post["id"]: post for post in transcript["posts"]}


def _expanded(tweet: dict[str, Any]) -> str:
    """The source's text with each t.co link replaced by its full address, read directly."""
    text = tweet["text"]
    for entity in tweet.get("entities", {}).get("urls", []):
        text = text.replace(entity["url"], entity["expanded_url"])
    return text


# -- the real responses ---------------------------------------------------------------------


def test_edited_root() -> None:
    data = _load(EDITED)
    transcript = _convert(data)
    (post,) = transcript["posts"]  # the earlier version is folded into the latest
    (tweet,) = data["data"]
    assert post["text"] == _expanded(tweet)
    assert post["text"] == "hey :) https://twitter.com/i/web/status/1576994789110992896"
    assert post == {
        "id": "x-1576994789110992896",
        "author": "x-wongmjane",
        "posted": "2022-10-03T17:57:01+00:00",  # the first version's time
        "posted_note": "X keeps each version of an edited post as its own post: this is the "
        "time of the first version (1576994746135764992); the text is the latest version's "
        "(1576994789110992896, one of 2).",
        "edited_at": "2022-10-03T17:57:11+00:00",  # the latest version's time
        "url": "https://x.com/wongmjane/status/1576994789110992896",
        "metrics": {
            "likes": "27",
            "reposts": "2",
            "replies": "12",
            "quotes": "2",
            "captured": "2022-10-03",
        },
        "platform_id": "1576994789110992896",
        "text": "hey :) https://twitter.com/i/web/status/1576994789110992896",
        "links": ["link-1"],
        # lang "qst" (very short text) is no language
    }
    assert transcript["participants"] == {
        "x-wongmjane": {
            "handle": "@wongmjane",
            "display_name": "Jane Manchun Wong",
            "profile_url": "https://x.com/wongmjane",
            "account_id": "337119125",
        }
    }
    assert transcript["references"]["link-1"] == {
        "title": "twitter.com/i/web/status/1…",
        "kind": "post",
        "url": "https://twitter.com/i/web/status/1576994789110992896",
    }
    assert transcript["sources"][0]["note"] == "Retrieved with twarc at 2022-10-03T18:00:12+00:00."
    assert transcript["coverage"]["state"] == "partial"
    assert transcript["coverage"]["replies_claimed"] == "12"


def test_reply_that_quotes_the_earlier_version() -> None:
    data = _load(REPLY)
    transcript = _convert(data)
    posts = transcript["posts"]
    # The conversation root (from includes) first, then the reply (from data).
    assert [post["id"] for post in posts] == ["x-1576994789110992896", "x-1576995594388000768"]
    root, reply = posts
    tweets = {tweet["id"]: tweet for tweet in data["includes"]["tweets"]}
    assert root["text"] == _expanded(tweets["1576994789110992896"])
    assert reply["text"] == _expanded(data["data"][0])
    assert reply["text"] == (
        "@wongmjane Test \nhttps://twitter.com/wongmjane/status/1576994746135764992"
    )
    assert reply["replies_to"] == "x-1576994789110992896"
    # It quotes 1576994746135764992, the root's first version: the quote is the root post,
    # and the note keeps the text quoted then (its own links in full; the photo link dropped).
    assert reply["quotes"] == "x-1576994789110992896"
    assert reply["thread_note"] == (
        "Quotes post 1576994746135764992, an earlier version of x-1576994789110992896, which "
        "its author edited since. Its text then was: i miss y’all so much haha,,, "
        "https://twitter.com/i/web/status/1576994746135764992"
    )
    assert reply["languages"] == ["en"]
    assert "languages" not in root
    assert reply["links"] == ["link-2"]
    assert transcript["references"]["link-2"]["kind"] == "post"
    # The same root, captured two minutes later, shows other counts.
    assert root["metrics"]["likes"] == "39"
    assert transcript["participants"]["x-dappdavid99"]["account_id"] == "1494167419413094401"
    assert x.thread_address(data) == "https://x.com/wongmjane/status/1576994789110992896"


@pytest.mark.parametrize("name", [EDITED, REPLY])
def test_the_real_responses_import_through_the_cli(
    run_cli: RunCli, tmp_path: Path, name: str
) -> None:
    # Checked clean, re-imported unchanged, and the file holds exactly what convert gives.
    debate_id = "x-" + name.rsplit("-", maxsplit=1)[-1].removesuffix(".json")
    written = import_through_the_cli(
        run_cli,
        PLATFORM,
        tmp_path / "sources",
        FIXTURES / name,
        debate_id,
        OPTIONS.captured.isoformat(),
    )
    assert written == _convert(_load(name), debate_id=debate_id)


def test_x_from_a_web_address_asks_for_a_saved_response(run_cli: RunCli, tmp_path: Path) -> None:
    output = tmp_path / "x.yaml"
    result = run_cli(["import", "x", "https://x.com/wongmjane/status/1", "-o", str(output)])
    assert result.code == 1
    assert "X has no public read API" in result.err
    assert "save the thread's API response as a JSON file" in result.err
    assert not output.exists()


def test_x_has_no_fetch() -> None:
    assert not hasattr(x, "fetch")
    importer = platform("x")
    assert not importer.can_fetch
    with pytest.raises(PlatformUnavailable, match="save the response as a JSON file"):
        importer.fetch("https://x.com/wongmjane/status/1576994789110992896", lambda url: None)


# -- synthetic responses --------------------------------------------------------------------


def _tweet(
    number: int, text: str, *, replied_to: int | None = None, **fields: Any
) -> dict[str, Any]:
    tweet: dict[str, Any] = {
        "id": str(number),
        "text": text,
        "author_id": str(fields.pop("author", 1)),
        "conversation_id": "1",
        "created_at": (dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=number))
        .isoformat()
        .replace("+00:00", ".000Z"),
        "edit_history_tweet_ids": [str(number)],
    }
    if replied_to is not None:
        tweet["referenced_tweets"] = [{"type": "replied_to", "id": str(replied_to)}]
    tweet.update(fields)
    return tweet


USERS = [{"id": str(n), "username": f"user{n}", "name": f"User {n}"} for n in range(1, 6)]


def test_search_chain_of_5000_levels(run_cli: RunCli, tmp_path: Path) -> None:
    tweets = [_tweet(1, "root", public_metrics={"reply_count": 1})]
    for level in range(2, 5002):  # built iteratively: each replies to the one before
        tweets.append(_tweet(level, f"level {level}", replied_to=level - 1, author=level % 5 + 1))
    data = {
        "data": list(reversed(tweets[1:])),  # a search gives newest first, without the root
        "includes": {"users": USERS, "tweets": tweets[:1]},
        "meta": {"result_count": 5000, "newest_id": "5001"},
    }
    transcript = _convert(data)
    posts = transcript["posts"]
    assert len(posts) == 5001
    assert [post["id"] for post in posts] == [f"x-{n}" for n in range(1, 5002)]
    assert all(posts[n]["replies_to"] == f"x-{n}" for n in range(1, 5001))
    assert transcript["coverage"]["state"] == "complete"
    assert transcript["sources"][0]["api"] == "X API v2 search (conversation_id:1)"
    checks_clean(run_cli, tmp_path / "sources", transcript)


def test_thread_of_5000_posts_in_time_order_with_pages() -> None:
    replies = [_tweet(n, f"reply {n}", replied_to=1) for n in range(5001, 1, -1)]
    pages = [
        {"data": replies[:2500], "includes": {"users": USERS}, "meta": {"next_token": "b"}},
        {"data": replies[2500:], "includes": {"users": USERS, "tweets": [_tweet(1, "root")]},
         "meta": {"result_count": 2500, "next_token": "c"}},
    ]  # fmt: skip
    transcript = _convert(pages)
    assert [post["id"] for post in transcript["posts"]] == [f"x-{n}" for n in range(1, 5002)]
    assert transcript["coverage"]["state"] == "partial"  # the last page has a next_token
    assert "further pages" in transcript["coverage"]["selection"]


def test_media_alt_text_and_media_links() -> None:
    tweet = _tweet(1, "look https://t.co/pic", attachments={"media_keys": ["3_1", "7_2", "16_3"]},
                   entities={"urls": [{"url": "https://t.co/pic", "media_key": "3_1",
                   "expanded_url": "https://x.com/user1/status/1/photo/1",
                   "display_url": "pic.x.com/pic"}]})  # fmt: skip
    only_media = _tweet(2, "https://t.co/vid", replied_to=1, entities={"urls": [
        {"url": "https://t.co/vid", "expanded_url": "https://x.com/user1/status/2/video/1",
         "display_url": "pic.x.com/vid"}]})  # fmt: skip
    media = [
        {"media_key": "3_1", "type": "photo", "url": "https://pbs.twimg.com/media/a.jpg",
         "alt_text": "A cat on a \u202emat"},
        {"media_key": "7_2", "type": "video", "preview_image_url": "https://pbs.twimg.com/v.jpg"},
        {"media_key": "16_3", "type": "animated_gif", "alt_text": "  "},
    ]  # fmt: skip
    data = {"data": [tweet, only_media], "includes": {"users": USERS, "media": media}}
    posts = _posts(_convert(data))
    assert posts["x-1"]["text"] == "look"
    assert posts["x-1"]["media"] == [
        {"kind": "image", "alt": "A cat on a mat", "url": "https://pbs.twimg.com/media/a.jpg"},
        {"kind": "video", "url": "https://pbs.twimg.com/v.jpg"},
        {"kind": "gif"},  # blank alt text is no alt text
    ]
    # Only a link to its own video, no media object: text none, media from the link.
    assert "text" not in posts["x-2"]
    assert posts["x-2"]["media"] == [
        {
            "kind": "video",
            "url": "https://x.com/user1/status/2/video/1",
            "note": "The response does not include the media object; kind and address are "
            "read from the post's link to its media.",
        }
    ]


def test_escapes_links_and_languages() -> None:
    tweet = _tweet(1, "a &amp; b &lt;3 &amp;lt; https://t.co/a https://t.co/ab", lang="pt",
                   entities={"urls": [
                       {"url": "https://t.co/a", "expanded_url": "https://e.org/?a=1&b=2",
                        "display_url": "e.org/?a=1&b=2"},
                       {"url": "https://t.co/ab", "expanded_url": "https://t.co/a",
                        "display_url": "t.co/a"}]})  # fmt: skip
    languages = [_tweet(n, "x", replied_to=1, lang=code) for n, code in
                 enumerate(["qme", "und", "zxx", "art", "qst", "en"], start=2)]  # fmt: skip
    data = {"data": [tweet, *languages], "includes": {"users": USERS}}
    transcript = _convert(data)
    posts = _posts(transcript)
    # One pass: an address or an escape written in is never read again.
    assert posts["x-1"]["text"] == "a & b <3 &lt; https://e.org/?a=1&b=2 https://t.co/a"
    assert posts["x-1"]["languages"] == ["pt"]
    assert [post.get("languages") for post in transcript["posts"][1:]] == [None] * 5 + [["en"]]
    assert transcript["references"]["link-1"] == {
        "title": "e.org/?a=1&b=2",
        "kind": "page",
        "url": "https://e.org/?a=1&b=2",
    }


def test_quote_outside_the_thread_and_placeholders(run_cli: RunCli, tmp_path: Path) -> None:
    data = {
        "data": [
            _tweet(3, "reply to a gone root", replied_to=1,
                   referenced_tweets=[{"type": "replied_to", "id": "1"},
                                      {"type": "quoted", "id": "900"}]),
            _tweet(4, "quotes a protected post", replied_to=3,
                   referenced_tweets=[{"type": "replied_to", "id": "3"},
                                      {"type": "quoted", "id": "901"},
                                      {"type": "weird", "id": "902"}]),
        ],
        "includes": {"users": USERS, "tweets": [
            {"id": "900", "text": "elsewhere &amp; then", "author_id": "2",
             "conversation_id": "900"}]},
        "errors": [
            {"resource_id": "1", "resource_type": "tweet", "title": "Not Found Error",
             "detail": "Could not find tweet with referenced_tweets.id: [1].",
             "type": "https://api.twitter.com/2/problems/resource-not-found"},
            {"resource_id": "901", "resource_type": "tweet", "title": "Authorization Error",
             "detail": "Sorry, you are not authorized to see the Tweet with id: [901].",
             "type": "https://api.twitter.com/2/problems/not-authorized-for-resource"},
        ],
    }  # fmt: skip
    transcript = _convert(data)
    posts = transcript["posts"]
    assert [post["id"] for post in posts] == ["x-1", "x-3", "x-4"]
    assert posts[0] == {
        "id": "x-1",
        "author": "unknown",
        "url": "https://x.com/i/status/1",
        "platform_id": "1",
        "status": "not-found",
        "status_note": "Posts of this thread point at it, but the X API did not give it: Not "
        "Found Error Could not find tweet with referenced_tweets.id: [1].",
    }
    assert posts[1]["replies_to"] == "x-1"
    assert transcript["references"]["link-1"] == {
        "title": "@user2 on X: elsewhere & then",
        "kind": "post",
        "url": "https://x.com/user2/status/900",
        "note": "The quoted post's text as the response gives it: elsewhere & then",
    }
    assert posts[1]["quotes"] == "link-1"
    assert posts[2]["quotes"] == "link-2"
    assert transcript["references"]["link-2"]["note"].startswith(
        "The X API did not give the quoted post: Authorization Error"
    )
    checks_clean(run_cli, tmp_path / "sources", transcript)


def test_missing_fields_and_hostile_text(run_cli: RunCli, tmp_path: Path) -> None:
    data = {
        "data": [
            {"id": "1", "text": "no author, no time", "conversation_id": "1"},
            _tweet(2, "bad\u202e\x1b text https://t.co/j", replied_to=1, author=9,
                   entities={"urls": [{"url": "https://t.co/j",
                                       "expanded_url": "javascript:alert(1)"}]}),
            "junk",
        ],
        "includes": {"users": [{"id": "9", "username": "mal", "name": "Mal\nlory\u202e"}]},
    }  # fmt: skip
    imported = x.convert(data, OPTIONS)
    posts = _posts(imported.transcript)
    assert posts["x-1"]["author"] == "unknown"
    assert "posted" not in posts["x-1"]
    assert posts["x-1"]["url"] == "https://x.com/i/status/1"
    assert posts["x-2"]["text"] == "bad text https://t.co/j"  # javascript: is never written
    assert imported.transcript["participants"]["x-mal"]["display_name"] == "Mal lory"
    assert imported.notes == [
        "x-1: the response does not include its author (None); imported with author unknown",
        "x-2: removed characters the format refuses in text (U+202E, U+001B)",
    ]
    checks_clean(run_cli, tmp_path / "sources", imported.transcript)


@pytest.mark.parametrize(
    "data",
    [[], "text", {"foo": 1}, {"data": []}, {"meta": {"result_count": 0}},
     {"data": [{"id": "not digits", "text": "x"}]}, [{"data": []}, 3]],
)  # fmt: skip
def test_other_shapes_are_refused(data: Any) -> None:
    with pytest.raises(UnreadableInput):
        x.convert(data, OPTIONS)


# Any text a tweet may carry: every code point JSON can hold in a file.
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(text=ANY_TEXT, name=ANY_TEXT)
def test_any_text_is_kept_exactly_and_checks(text: str, name: str) -> None:
    # X escapes &, < and > in the text it gives; the transcript holds the text as typed, less
    # the invisible characters the format refuses (which the import names).
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    expected, _ = clean_text(text)
    assume(expected.strip())
    data = {"data": [_tweet(1, escaped, author=1)],
            "includes": {"users": [{"id": "1", "username": "u_1", "name": name}]}}  # fmt: skip
    transcript = _convert(data)
    assert transcript["posts"][0]["text"] == expected
    problems, errors, warnings = check_text(emit(transcript), None, None)
    assert (errors, warnings) == (0, 0), problems


def test_addresses_the_format_refuses_as_they_are(run_cli: RunCli, tmp_path: Path) -> None:
    tweet = _tweet(1, "see https://t.co/a and https://t.co/b", entities={"urls": [
        {"url": "https://t.co/a", "expanded_url": "https://e.example/?q=a|b",
         "display_url": "e.example/?q=a|b"},
        {"url": "https://t.co/b", "expanded_url": "https://me@evil.example/",
         "display_url": "evil.example"}]})  # fmt: skip
    imported = x.convert({"data": [tweet], "includes": {"users": USERS}}, OPTIONS)
    post = imported.transcript["posts"][0]
    # The text shows the address as X's link leads to it; the reference holds it encoded. An
    # address the format refuses (a user name before the host) keeps its t.co link, unlinked.
    assert post["text"] == "see https://e.example/?q=a|b and https://t.co/b"
    assert imported.transcript["references"] == {
        "link-1": {"title": "e.example/?q=a|b", "kind": "page", "url": "https://e.example/?q=a%7Cb"}
    }
    assert post["links"] == ["link-1"]
    assert imported.notes == []
    checks_clean(run_cli, tmp_path / "sources", imported.transcript)


def test_long_posts_and_reposts() -> None:
    long_text = "word " * 70 + "https://t.co/long"
    tweet = _tweet(1, "word word… https://t.co/cut", note_tweet={"text": long_text, "entities": {
        "urls": [{"url": "https://t.co/long", "expanded_url": "https://e.example/long",
                  "display_url": "e.example/long"}]}})  # fmt: skip
    repost = _tweet(2, "RT @user1: word word", replied_to=None,
                    referenced_tweets=[{"type": "retweeted", "id": "1"}])  # fmt: skip
    posts = _posts(_convert({"data": [tweet, repost], "includes": {"users": USERS}}))
    # A post over 280 characters: note_tweet holds the whole text, text only its start.
    assert posts["x-1"]["text"] == "word " * 70 + "https://e.example/long"
    assert posts["x-2"]["thread_note"] == "A repost of post 1."
    assert posts["x-2"]["text"] == "RT @user1: word word"
