"""``rejoinder import hackernews``: the real saved responses in tests/platforms/hackernews/ (an
Algolia item tree and three Firebase items, see their provenance files) import to transcripts
whose posts, reply tree and texts match the source, and that check clean; synthetic threads
cover Firebase thread lists, deleted and dead items, 5,000-level chains, 5,000-post threads,
missing fields, unknown types and hostile text.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html import escape
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from importing_support import checks_clean, import_through_the_cli
from rejoinder.cli.importing import check_text
from rejoinder.importers import hackernews
from rejoinder.importers.base import ImportOptions, UnreadableInput
from rejoinder.importers.emit import emit
from rejoinder.importers.html_text import clean_line, clean_text
from support import REPO, RunCli

FIXTURES = REPO / "tests" / "platforms" / "hackernews"
PLATFORM = "hackernews"
CAPTURED = dt.date(2014, 5, 30)  # the Algolia fixture's last possible capture date
OPTIONS = ImportOptions(captured=CAPTURED)


def _load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def _convert(data: Any, **options: Any) -> dict[str, Any]:
    return hackernews.convert(data, ImportOptions(captured=CAPTURED, **options)).transcript


def _posts(transcript: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {post["id"]: post for post in transcript["posts"]}


def test_algolia_tree_posts_tree_and_texts() -> None:
    data = _load("algolia-items-17.json")
    transcript = _convert(data)
    # The source's tree, read independently: every node of ``children``, pre-order.
    expected_order, expected_parent, stack = [], {}, [(data, None)]
    while stack:
        node, parent = stack.pop()
        expected_order.append(f"hn-{node['id']}")
        if parent is not None:
            expected_parent[f"hn-{node['id']}"] = f"hn-{parent}"
        stack.extend((child, node["id"]) for child in reversed(node["children"]))
    assert [post["id"] for post in transcript["posts"]] == expected_order
    assert len(expected_order) == 3
    assert {
        post["id"]: post["replies_to"] for post in transcript["posts"] if "replies_to" in post
    } == expected_parent
    assert [post["text"] for post in transcript["posts"]] == [
        "Is there anywhere to eat on Sandhill Road?",
        "sure",
        "This is why we can't have nice things.",
    ]
    root = transcript["posts"][0]
    assert root == {
        "id": "hn-17",
        "author": "hn-pg",
        "posted": "2006-10-09T19:52:45+00:00",
        "url": "https://news.ycombinator.com/item?id=17",
        "metrics": {"points": "5", "captured": "2014-05-30"},
        "thread_note": "Replies to item 15 (https://news.ycombinator.com/item?id=15), which "
        "this copy does not hold.",
        "platform_id": "17",
        "text": "Is there anywhere to eat on Sandhill Road?",
    }
    assert transcript["participants"]["hn-arrington"] == {
        "handle": "Arrington",
        "profile_url": "https://news.ycombinator.com/user?id=Arrington",
        "account_id": "Arrington",
    }
    assert transcript["coverage"]["state"] == "complete"
    assert transcript["sources"][0]["api"] == "Hacker News Algolia /api/v1/items"
    assert transcript["sources"][0]["thread"] == "https://news.ycombinator.com/item?id=17"


def test_firebase_ask_story_text_and_title() -> None:
    transcript = _convert(_load("firebase-item-121003-ask.json"))
    (post,) = transcript["posts"]
    assert post["title"] == "Ask HN: The Arc Effect"
    assert transcript["title"] == "Ask HN: The Arc Effect"
    # <i> is inline; each <p> starts a paragraph; the double space after "ostentatious" is
    # one space, as a browser shows it; the empty "url" is no link.
    assert post["text"] == (
        "or HN: the Next Iteration\n\n"
        "I get the impression that with Arc being released a lot of people who never had time "
        "for HN before are suddenly dropping in more often. (PG: what are the numbers on this? "
        "I'm envisioning a spike.)\n\n"
        "Not to say that isn't great, but I'm wary of Diggification. Between links comparing "
        "programming to sex and a flurry of gratuitous, ostentatious adjectives in the headlines "
        "it's a bit concerning.\n\n"
        "80% of the stuff that makes the front page is still pretty awesome, but what's in place "
        "to keep the signal/noise ratio high? Does the HN model still work as the community "
        "scales? What's in store for (++ HN)?"
    )
    assert "links" not in post and "references" not in transcript
    assert post["metrics"] == {"points": "25", "captured": "2014-05-30"}
    assert post["posted"] == "2008-02-22T02:33:40+00:00"
    # Three kids, none in the response: a part of the 16 replies the story counts.
    assert transcript["coverage"] == {
        "state": "partial",
        "replies_claimed": "16",
        "selection": "1 item of the official API, as fetched; 3 replies listed in their "
        "parents' kids are not in the response.",
    }


def test_firebase_comment() -> None:
    transcript = _convert(_load("firebase-item-2921983-comment.json"))
    (post,) = transcript["posts"]
    assert post["text"] == (
        "Aw shucks, guys ... you make me blush with your compliments.\n\n"
        "Tell you what, Ill make a deal: I'll keep writing if you keep reading. K?"
    )
    assert "replies_to" not in post
    assert "2921506" in post["thread_note"]
    assert "metrics" not in post  # the Firebase comment has no score
    assert transcript["title"].startswith("norvig on Hacker News: Aw shucks, guys")
    assert transcript["coverage"]["state"] == "partial"
    assert "replies_claimed" not in transcript["coverage"]


def test_firebase_link_story() -> None:
    transcript = _convert(_load("firebase-item-8863-story.json"))
    (post,) = transcript["posts"]
    assert post["title"] == "My YC app: Dropbox - Throw away your USB drive"
    assert "text" not in post  # a link story has no text
    assert post["links"] == ["link-1"]
    assert transcript["references"] == {
        "link-1": {
            "title": "My YC app: Dropbox - Throw away your USB drive",
            "kind": "page",
            "url": "http://www.getdropbox.com/u/2/screencast.html",
        }
    }
    assert post["metrics"]["points"] == "111"
    assert transcript["coverage"]["replies_claimed"] == "71"


@pytest.mark.parametrize("name", sorted(path.name for path in FIXTURES.glob("*.json")))
def test_the_real_responses_import_through_the_cli(
    run_cli: RunCli, tmp_path: Path, name: str
) -> None:
    # Checked clean, re-imported unchanged, and the file holds exactly what convert gives.
    debate_id = "hn-" + "".join(char for char in name if char.isdigit())
    written = import_through_the_cli(
        run_cli, PLATFORM, tmp_path / "sources", FIXTURES / name, debate_id, CAPTURED.isoformat()
    )
    assert written == _convert(_load(name), debate_id=debate_id)


# -- synthetic threads ----------------------------------------------------------------------


def _firebase_thread() -> list[dict[str, Any]]:
    return [
        {"id": 1, "type": "story", "by": "ada", "time": 1700000000, "title": "A story",
         "url": "https://example.org/a", "score": 12, "descendants": 5, "kids": [3, 2, 6]},
        {"id": 2, "type": "comment", "by": "bob", "time": 1700000100, "parent": 1,
         "text": "First<p>Second", "kids": [4]},
        {"id": 3, "type": "comment", "deleted": True, "time": 1700000050, "parent": 1},
        {"id": 4, "type": "comment", "by": "cy", "time": 1700000200, "parent": 2,
         "text": "spam", "dead": True},
        {"id": 5, "type": "comment", "by": "dee", "time": 1700000300, "parent": 99,
         "text": "elsewhere"},
    ]  # fmt: skip


def test_firebase_thread_follows_kids_order_with_placeholders(
    run_cli: RunCli, tmp_path: Path
) -> None:
    transcript = _convert(_firebase_thread())
    posts = transcript["posts"]
    # kids order (3 before 2), pre-order; the orphan (parent 99 not held) comes last.
    assert [post["id"] for post in posts] == ["hn-1", "hn-3", "hn-2", "hn-4", "hn-5"]
    by_id = _posts(transcript)
    assert by_id["hn-3"]["status"] == "deleted"
    assert by_id["hn-3"]["author"] == "unknown"
    assert "text" not in by_id["hn-3"]
    assert by_id["hn-4"]["status"] == "removed"
    assert by_id["hn-4"]["text"] == "spam"  # kept as captured; HN shows it with showdead
    assert by_id["hn-4"]["replies_to"] == "hn-2"
    assert by_id["hn-2"]["text"] == "First\n\nSecond"
    assert "replies_to" not in by_id["hn-5"]
    assert "item 99" in by_id["hn-5"]["thread_note"]
    assert "5" in transcript["sources"][0]["note"]
    # Kid 6 is missing and 4 replies of 5 claimed are present.
    assert transcript["coverage"]["state"] == "partial"
    assert "1 reply listed" in transcript["coverage"]["selection"]
    checks_clean(run_cli, tmp_path / "sources", transcript)


def test_firebase_object_of_items_and_cycles_do_not_hang() -> None:
    items = {
        "1": {"id": 1, "by": "ada", "time": 1, "text": "root", "kids": [2]},
        "2": {"id": 2, "by": "bob", "time": 2, "text": "a", "parent": 3, "kids": [3]},
        "3": {"id": 3, "by": "cy", "time": 3, "text": "b", "parent": 2, "kids": [2]},
    }
    transcript = _convert(items)
    assert [post["id"] for post in transcript["posts"]] == ["hn-1", "hn-2", "hn-3"]
    assert _posts(transcript)["hn-3"]["replies_to"] == "hn-2"


def test_algolia_chain_of_5000_levels(run_cli: RunCli, tmp_path: Path) -> None:
    root: dict[str, Any] = {"id": 1, "author": "u0", "created_at_i": 1700000000,
                            "text": "<p>level 0</p>", "children": []}  # fmt: skip
    node = root
    for level in range(1, 5001):  # built iteratively: the thread is 5,000 replies deep
        child = {"id": level + 1, "author": f"u{level % 7}", "created_at_i": 1700000000 + level,
                 "text": f"level {level}", "parent_id": level, "children": []}  # fmt: skip
        node["children"].append(child)
        node = child
    transcript = _convert(root)
    posts = transcript["posts"]
    assert len(posts) == 5001
    assert all(posts[n]["replies_to"] == f"hn-{n}" for n in range(1, 5001))
    assert posts[-1]["text"] == "level 5000"
    assert len(transcript["participants"]) == 7
    checks_clean(run_cli, tmp_path / "sources", transcript)


def test_firebase_thread_of_5000_posts() -> None:
    kids = list(range(5001, 1, -1))  # shown newest first: the order of kids, not of ids
    items = [{"id": 1, "by": "op", "time": 1700000000, "title": "Wide", "kids": kids,
              "descendants": 5000}]  # fmt: skip
    items += [
        {"id": n, "by": f"u{n}", "time": 1700000000 + n, "parent": 1, "text": f"reply {n}"}
        for n in range(2, 5002)
    ]
    transcript = _convert(items)
    assert [post["id"] for post in transcript["posts"][1:]] == [f"hn-{n}" for n in kids]
    assert transcript["coverage"] == {
        "state": "complete",
        "replies_claimed": "5000",
        "selection": "5001 items of the official API, as fetched.",
    }
    assert len(transcript["participants"]) == 5001


def test_missing_fields_and_unknown_types() -> None:
    transcript = _convert(
        {"id": 7, "children": [{"id": 8}, {"id": 9, "type": "weird", "author": "x",
                                           "text": "odd", "children": "not a list"}]}
    )  # fmt: skip
    by_id = _posts(transcript)
    assert by_id["hn-7"]["status"] == "deleted"  # nothing but an id: HN shows [deleted]
    assert "posted" not in by_id["hn-7"]
    assert by_id["hn-8"]["status"] == "deleted"
    assert "weird" in by_id["hn-9"]["status_note"]
    assert by_id["hn-9"]["text"] == "odd"
    assert transcript["title"] == "Someone on Hacker News: item 7"


def test_entries_that_are_no_items_are_skipped_with_a_note() -> None:
    algolia = {"id": 1, "author": "a", "text": "root", "children": ["junk", {"id": "2"}]}
    imported = hackernews.convert(algolia, OPTIONS)
    assert [post["id"] for post in imported.transcript["posts"]] == ["hn-1"]
    assert imported.notes == ["skipped 2 entries that are not Hacker News items"]
    firebase = [{"id": 1, "by": "a", "text": "root", "kids": [2]}, None, {"id": 2, "by": "b",
                "parent": 1, "text": "reply"}]  # fmt: skip
    imported = hackernews.convert(firebase, OPTIONS)
    assert [post["id"] for post in imported.transcript["posts"]] == ["hn-1", "hn-2"]
    assert imported.notes == ["skipped 1 entry that is not a Hacker News item"]


def test_hostile_text(run_cli: RunCli, tmp_path: Path) -> None:
    html = (
        "<p>safe\u202e txt.exe\x1b[31m</p>"
        "<script>alert(1)</script>"
        '<p><a href="javascript:alert(1)">click</a> {raw}`html` % comment '
        '<a href="https://example.com/a/very/long/path/that/hn/truncates" rel="nofollow">'
        "https:&#x2F;&#x2F;example.com&#x2F;a&#x2F;very&#x2F;long&#x2F;path&#x2F;that...</a> "
        '<a href="https://example.org/paper">the paper</a></p>'
        "<pre><code>  indented\n    code</code></pre>"
    )
    imported = hackernews.convert(
        {"id": 5, "author": "mallory\u202e", "created_at_i": 1, "text": html, "children": []},
        OPTIONS,
    )
    post = imported.transcript["posts"][0]
    assert post["text"] == (
        "safe txt.exe[31m\n\n"
        "click {raw}`html` % comment https://example.com/a/very/long/path/that/hn/truncates "
        "the paper\n\n"
        "  indented\n    code"
    )
    assert imported.notes == [
        "hn-5: removed characters the format refuses in text (U+202E, U+001B)"
    ]
    assert imported.transcript["references"] == {
        "link-1": {"title": "the paper", "kind": "page", "url": "https://example.org/paper"}
    }
    assert post["links"] == ["link-1"]
    assert imported.transcript["participants"]["hn-mallory"]["handle"] == "mallory"
    checks_clean(run_cli, tmp_path / "sources", imported.transcript)


@pytest.mark.parametrize(
    "data",
    [[], "text", 17, {"foo": 1}, [{"id": "17"}], {"id": True, "children": []}, [{"by": "x"}]],
)
def test_other_shapes_are_refused(data: Any) -> None:
    with pytest.raises(UnreadableInput):
        hackernews.convert(data, OPTIONS)


def test_id_and_thread_address() -> None:
    data = _load("firebase-item-8863-story.json")
    assert _convert(data, debate_id="dropbox")["id"] == "dropbox"
    assert hackernews.thread_address(data) == "https://news.ycombinator.com/item?id=8863"
    assert hackernews.thread_address("nonsense") is None


@pytest.mark.parametrize(
    "address",
    ["https://news.ycombinator.com/item?id=8863", "http://news.ycombinator.com/item?id=8863",
     "8863"],
)  # fmt: skip
def test_fetch_asks_algolia_for_the_whole_tree(address: str) -> None:
    asked: list[str] = []

    def get(url: str) -> Any:
        asked.append(url)
        return {"id": 8863, "children": []}

    assert hackernews.fetch(address, get) == {"id": 8863, "children": []}
    assert asked == ["https://hn.algolia.com/api/v1/items/8863"]


@pytest.mark.parametrize(
    "address",
    ["https://example.com/item?id=1", "https://news.ycombinator.com/user?id=pg",
     "https://news.ycombinator.com/item?id=1&id=2", "ftp://news.ycombinator.com/item?id=1"],
)  # fmt: skip
def test_fetch_refuses_other_addresses(address: str) -> None:
    def get(url: str) -> Any:
        raise AssertionError(f"fetched {url}")

    with pytest.raises(UnreadableInput, match="not a Hacker News item address"):
        hackernews.fetch(address, get)


def test_poll_options_are_left_out_with_a_note() -> None:
    items = [
        {"id": 1, "type": "poll", "by": "ada", "time": 1, "title": "Tabs?", "parts": [2, 3],
         "kids": [4], "score": 3},
        {"id": 2, "type": "pollopt", "by": "ada", "poll": 1, "time": 1, "text": "yes"},
        {"id": 3, "type": "pollopt", "by": "ada", "poll": 1, "time": 1, "text": "no"},
        {"id": 4, "type": "comment", "by": "bob", "parent": 1, "time": 2, "text": "spaces"},
    ]  # fmt: skip
    imported = hackernews.convert(items, OPTIONS)
    assert [post["id"] for post in imported.transcript["posts"]] == ["hn-1", "hn-4"]
    assert imported.notes == ["2 poll options were not imported (the format has no polls)"]
    algolia = {"id": 1, "type": "poll", "author": "ada", "title": "Tabs?", "children": [],
               "options": [{"id": 2}, {"id": 3}]}  # fmt: skip
    assert hackernews.convert(algolia, OPTIONS).notes == imported.notes


ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
_ASCII_SPACE = re.compile("[ \t\n\r\f]+")


@settings(max_examples=60, deadline=None)
@given(text=ANY_TEXT, user=ANY_TEXT)
def test_any_text_is_kept_by_the_rules_and_checks(text: str, user: str) -> None:
    # Hacker News escapes the comment's characters in its HTML: the transcript holds the words
    # with ASCII white space runs as one space (as shown), less the characters the format
    # refuses.
    expected, _ = clean_text(" ".join(word for word in _ASCII_SPACE.split(text) if word))
    assume(expected.strip() and clean_line(user))
    item = {"id": 1, "author": user, "created_at_i": 1, "text": escape(text), "children": []}
    transcript = _convert(item)
    assert transcript["posts"][0]["text"] == expected
    problems, errors, warnings = check_text(emit(transcript), None, None)
    assert (errors, warnings) == (0, 0), problems


def test_addresses_the_format_refuses_as_they_are(run_cli: RunCli, tmp_path: Path) -> None:
    # A story's address with a pipe and a space is percent-encoded, as a browser sends it; an
    # address with a user name before its host is left out, with a note.
    html = (
        '<a href="https://fonts.example/css?family=A|B C">fonts</a> '
        '<a href="https://good.example@evil.example/">bank</a>'
    )
    imported = hackernews.convert(
        {"id": 1, "author": "a", "title": "T", "url": "https://x.example/{a}\u00a0b",
         "text": html, "children": []},
        OPTIONS,
    )  # fmt: skip
    references = imported.transcript["references"]
    assert [entry["url"] for entry in references.values()] == [
        "https://x.example/%7Ba%7D%C2%A0b",
        "https://fonts.example/css?family=A%7CB%20C",
    ]
    assert imported.transcript["posts"][0]["links"] == ["link-1", "link-2"]
    assert imported.transcript["posts"][0]["text"] == "fonts bank"
    assert imported.notes == [
        "left out a link the format cannot hold: 'https://good.example@evil.example/'"
    ]
    checks_clean(run_cli, tmp_path / "sources", imported.transcript)
