"""``rejoinder import reddit``: the real saved listings in tests/platforms/reddit/ (r/funny
``3hahrw`` with ``more`` stubs, the 146-post r/IAmA ``57dw9a`` comment permalink, and the
486-post r/announcements ``n49rw`` listing with a reply that is only an emote; see their
provenance files) import to transcripts whose posts, reply tree and texts match the source, and
that check clean; synthetic listings cover escaped (non-``raw_json``) responses, removed and
hidden-score comments, 5,000-level chains, 5,000-comment threads, missing fields, unknown kinds
and hostile text.
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
from rejoinder.importers import reddit
from rejoinder.importers.base import ImportOptions, UnreadableInput
from rejoinder.importers.emit import emit
from rejoinder.importers.html_text import clean_line, clean_text
from support import REPO, RunCli

FIXTURES = REPO / "tests" / "platforms" / "reddit"
PLATFORM = "reddit"
FUNNY = "comments-funny-3hahrw-limit10.json"
IAMA = "comments-IAmA-57dw9a-d8r4im1-context100.json"
ANNOUNCEMENTS = "comments-announcements-n49rw-limit2048.json"
OPTIONS = ImportOptions(captured=dt.date(2017, 3, 16))


def _load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def _convert(data: Any, **options: Any) -> dict[str, Any]:
    return reddit.convert(data, ImportOptions(captured=OPTIONS.captured, **options)).transcript


def _posts(transcript: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {post["id"]: post for post in transcript["posts"]}


def _comments(data: Any) -> list[tuple[dict[str, Any], str]]:
    """The source's ``t1`` things in pre-order with their parent's fullname, read directly."""
    found: list[tuple[dict[str, Any], str]] = []
    stack = list(reversed(data[1]["data"]["children"]))
    while stack:
        thing = stack.pop()
        if thing["kind"] != "t1":
            continue
        found.append((thing["data"], thing["data"]["parent_id"]))
        replies = thing["data"]["replies"]
        if replies:
            stack.extend(reversed(replies["data"]["children"]))
    return found


def _assert_tree(data: Any, transcript: dict[str, Any]) -> None:
    submission = data[0]["data"]["children"][0]["data"]
    comments = _comments(data)
    assert [post["id"] for post in transcript["posts"]] == [f"r-{submission['id']}"] + [
        f"r-{comment['id']}" for comment, _ in comments
    ]
    for post, (_, parent) in zip(transcript["posts"][1:], comments, strict=True):
        assert post["replies_to"] == f"r-{parent[3:]}"
    assert [post["platform_id"] for post in transcript["posts"]] == [submission["name"]] + [
        comment["name"] for comment, _ in comments
    ]


# -- r/funny 3hahrw: a link post, ten comments, eleven more stubs ---------------------------


def test_funny_posts_tree_and_texts() -> None:
    data = _load(FUNNY)
    transcript = _convert(data)
    _assert_tree(data, transcript)
    assert {post["id"]: post.get("text") for post in transcript["posts"]} == {
        "r-3hahrw": None,  # a link post: its title and link, no text
        "r-cu5pebp": "Man I am glad there isn't someone on a drum set every time I fall over.",
        "r-cu5sye5": "Better than being a fat guy and getting followed around with a Tuba all day.",
        # ">I have a glandular problem! ": a quote box on Reddit, marked "> " here.
        "r-cu5tgzu": "> I have a glandular problem!",
        # One line break inside a Markdown paragraph is a space on Reddit.
        "r-cu5oif1": "His emotionless face...oh god, I nearly pissed myself laughing! Thanks "
        "for brightening my monday!",
        "r-cu5t516": "He didn't miss a beat",
        "r-cu5s3hd": "/r/noisygifs",
        "r-cu5uluu": "/r/childrenfallingover",
        "r-cu5q4m5": "After watching 25+ times, I'm not yet convinced that the earth didn't "
        "open and swallow him whole.",
        "r-cu5p1hh": "That kid is going places.",
        "r-cu5th6m": "With that kind of comedic timing he'll be posting awful puns on Reddit "
        "for years to come.",
    }


def test_funny_submission_and_deleted_author() -> None:
    transcript = _convert(_load(FUNNY))
    posts = _posts(transcript)
    assert posts["r-3hahrw"] == {
        "id": "r-3hahrw",
        "author": "u-your-local-librarian",
        "posted": "2015-08-17T07:44:40+00:00",
        "url": "https://www.reddit.com/r/funny/comments/3hahrw/ba_dum_tsss/",
        "metrics": {"score": "29790", "captured": "2017-03-16"},
        "platform_id": "t3_3hahrw",
        "title": "Ba Dum Tsss",
        "media": [{"kind": "video", "url": "http://i.imgur.com/eoF76hj.gifv"}],
        "links": ["link-1"],
    }
    assert transcript["references"]["link-1"] == {
        "title": "Ba Dum Tsss",
        "kind": "page",
        "url": "http://i.imgur.com/eoF76hj.gifv",
    }
    # The subreddit links in the text are references too.
    assert posts["r-cu5s3hd"]["links"] == ["link-2"]
    assert transcript["references"]["link-2"]["url"] == "https://www.reddit.com/r/noisygifs"
    # [deleted] author, surviving text: author unknown, text kept, a note saying so.
    deleted_author = posts["r-cu5th6m"]
    assert deleted_author["author"] == "unknown"
    assert "status" not in deleted_author
    assert "[deleted]" in deleted_author["status_note"]
    assert transcript["participants"]["u-lommo97"] == {
        "handle": "u/Lommo97",
        "profile_url": "https://www.reddit.com/user/Lommo97",
        "account_id": "Lommo97",
    }
    assert transcript["title"] == "Ba Dum Tsss"
    assert transcript["sources"][0]["title"] == "Ba Dum Tsss : r/funny"


def test_funny_coverage_counts_the_more_stubs() -> None:
    data = _load(FUNNY)
    stubs, stack = [], list(data[1]["data"]["children"])
    while stack:
        thing = stack.pop()
        if thing["kind"] == "more":
            stubs.append(thing["data"]["count"])
        elif thing["data"]["replies"]:
            stack.extend(thing["data"]["replies"]["data"]["children"])
    assert len(stubs) == 11
    assert _convert(data)["coverage"] == {
        "state": "partial",
        "replies_claimed": "537",
        "selection": "The submission and the 10 comments of the saved listing; 11 'load more "
        f"comments' stubs stand for {sum(stubs)} comments not loaded (Reddit's count). Stubs "
        "are not expanded.",
    }


# -- r/IAmA 57dw9a: 146 posts, ten levels ---------------------------------------------------

# Bodies with Markdown syntax (links, emphasis, quotes, /u/ and /r/ names): their text as the
# rules give it, checked one by one against Reddit's rendering in body_html.
IAMA_MARKDOWN_TEXTS = {
    "r-d8r9nay": "Paging /u/ChrisHardwick",
    "r-d8rbm69": "No, he's the best special guest star on Critical Role.",
    "r-d8rvp1a": "> PS - Team Mystic\n\n:-|",
    "r-d8rqjac": "I'm Ken Bone...Enjoy your burrito",
    "r-d8rlbkg": "> Team Mystic\n\nAlright, I finally found the thing I don't like about Ken",
    "r-d8rjr1z": "Uhh obviously Mr Bone is #teamvalor give me a break... Team Mistake :O",
    "r-d8rewc9": "Gold team rules!",
    "r-d8re9lw": "I love seeing /u/chrishardwick in the comments here. Nerdist should bring "
    "Kenneth Bone on for an interview.\n\nhttps://67.media.tumblr.com/2c590e295f653e82b976b4773"
    "ff02b24/tumblr_n1v43eU82O1qjsnlqo1_250.gif",
    "r-d8rds90": "no, he bones",
    "r-d8rjjng": "Lydia Hearst... Heiress to William Randolph Hearst's publishing fortune.\n\n"
    "That fucker married up.",
    "r-d8rzxi2": "Here you go\n\nIm on mobile right now, so let me know if that formatting was "
    "messed up",
    "r-d8rt43a": "Her mom's history is wild. Kidnapped my a left-wing revolutionary "
    "organization, had some terrible things happen to her, robbed a bank with them (under "
    "apparent duress), was held for 19 months until she was arrested for the bank robbery, "
    "spent a bit of time in prison, sentence communed by Carter, pardoned fully by Clinton. "
    "Married a policeman that was part of her protection detail after she got out, and has done "
    "a ton of charitable work since then. Wow.",
}
_MARKDOWN = re.compile(r"[*_\[\]>`#|~^&<\\]|https?:|/u/|/r/|^\s*\d+\.|^\s*[-+] |^ {4}", re.M)


def _plain_text(body: str) -> str:
    """A body without Markdown syntax as Reddit shows it: paragraphs split at empty lines,
    white space inside a paragraph one space (Markdown and HTML both lay it out so)."""
    return "\n\n".join(" ".join(part.split()) for part in re.split(r"\n\s*\n", body.strip()))


def test_iama_posts_tree_and_every_text() -> None:
    data = _load(IAMA)
    transcript = _convert(data)
    _assert_tree(data, transcript)
    assert len(transcript["posts"]) == 146
    texts = {post["id"]: post.get("text") for post in transcript["posts"]}
    plain = deleted = 0
    for comment, _ in _comments(data):
        post_id = f"r-{comment['id']}"
        if comment["body"] == "[deleted]":
            assert texts[post_id] is None
            deleted += 1
        elif _MARKDOWN.search(comment["body"]):
            assert texts[post_id] == IAMA_MARKDOWN_TEXTS[post_id]
        else:
            assert texts[post_id] == _plain_text(comment["body"])
            plain += 1
    assert (plain, deleted, len(IAMA_MARKDOWN_TEXTS)) == (128, 5, 12)
    assert texts["r-57dw9a"] == (
        "Hello Reddit,\n\n"
        "I’m just a normal guy, who spends his free time with his hot wife and cat in St. Louis. "
        "I didn’t see any of this coming, it’s been a crazy week. I want to make something good "
        "come out of this moment, so I’m donating a portion of the proceeds from my Represent "
        "T-Shirt campaign to the St. Patrick Center raising money to fight homelessness in St. "
        "Louis.\n\n"
        "I’m an open book doing this AMA at my desk at work and excited to answer America’s "
        "question.\n\n"
        "Please support the campaign and the fight on homelessness! Represent.com/bonezone\n\n"
        "Proof: http://i.imgur.com/GdMsMZ9.jpg\n\n"
        "Edit: signing off now, just like my whole experience so far this has been "
        "overwhelmingly positive! Special thanks to my Reddit brethren for sticking up for me "
        "when the few negative people attack. Let's just show that we're better than that by "
        "not answering hate with hate. Maybe do this again in a few weeks when the ride is over "
        "if you have questions about returning to normal.\n\n"
        "My client will be answering no further questions."
    )


def test_iama_deleted_edited_and_scores() -> None:
    data = _load(IAMA)
    transcript = _convert(data)
    posts = _posts(transcript)
    comments = {comment["id"]: comment for comment, _ in _comments(data)}
    placeholders = [post for post in transcript["posts"] if post.get("status") == "deleted"]
    assert [post["id"] for post in placeholders] == [
        f"r-{id36}" for id36, comment in comments.items() if comment["body"] == "[deleted]"
    ]
    for post in placeholders:
        assert post["author"] == "unknown"
        assert "text" not in post
        assert post["metrics"]["score"] == str(comments[post["id"][2:]]["score"])
    assert [post["id"] for post in transcript["posts"] if "edited_at" in post] == [
        "r-57dw9a",
        *(f"r-{id36}" for id36, comment in comments.items() if comment["edited"]),
    ]
    assert posts["r-d8ra666"]["edited_at"] == "2016-10-15T03:47:17+00:00"
    assert posts["r-d8r9gyy"]["metrics"]["score"] == "-23"
    assert posts["r-57dw9a"]["edited_at"] == "2016-11-08T03:07:08+00:00"
    assert posts["r-57dw9a"]["links"] == ["link-1"]  # Represent.com/bonezone, shown otherwise
    assert transcript["references"]["link-1"] == {
        "title": "Represent.com/bonezone",
        "kind": "page",
        "url": "https://represent.com/bonezone/",
    }
    assert transcript["coverage"] == {
        "state": "partial",
        "replies_claimed": "16697",
        "selection": "The submission and the 145 comments of the saved listing; 1 'continue "
        "this thread' stub stands for deeper replies not loaded. Stubs are not expanded.",
    }
    assert len(transcript["participants"]) == 131 - 1  # [deleted] is no participant
    assert reddit.thread_address(data) == (
        "https://www.reddit.com/r/IAmA/comments/57dw9a/im_american_citizen_undecided_voter_loving/"
    )


# -- r/announcements n49rw: 485 comments, 177 more stubs, emotes --------------------------


def test_announcements_posts_tree_and_an_emote_alone() -> None:
    data = _load(ANNOUNCEMENTS)
    imported = reddit.convert(data, OPTIONS)
    transcript = imported.transcript
    _assert_tree(data, transcript)
    assert len(transcript["posts"]) == 486
    posts = _posts(transcript)
    # A reply that is only a subreddit emote: Reddit's HTML is an empty link
    # (<a href="/derpwizard" title="Who doesn't?"></a>), so the Markdown typed is the text.
    assert posts["r-c366q4z"]["text"] == '[](/derpwizard "Who doesn\'t?")'
    assert "links" not in posts["r-c366q4z"]
    assert [note for note in imported.notes if "Markdown source" in note] == [
        "r-c366q4z: Reddit's HTML shows no text (an empty link, as a subreddit's emote is): "
        "its Markdown source is kept as the text"
    ]
    # An emote beside words leaves the words as they are shown.
    assert posts["r-c364x5l"]["text"] == "Pony?"
    assert posts["r-n49rw"]["text"].startswith("Hey folks,\n\nAs you may have noticed,")
    assert posts["r-n49rw"]["edited_as_shown"] == "edited"
    assert transcript["coverage"]["selection"] == (
        "The submission and the 485 comments of the saved listing; 176 'load more comments' "
        "stubs stand for 1060 comments not loaded (Reddit's count); 1 'continue this thread' "
        "stub stands for deeper replies not loaded. Stubs are not expanded."
    )


def test_markdown_is_kept_only_when_the_html_shows_nothing() -> None:
    emote = '[](/derpwizard "Who doesn\'t?")'
    empty_link = '<div class="md"><p><a href="/derpwizard" title="Who doesn&#39;t?"></a></p></div>'
    data = [
        _listing([_submission()]),
        _listing([
            _comment("e1", "t3_abc", emote, body_html=empty_link),
            _comment("e2", "t3_abc", "   ", body_html='<div class="md"></div>'),
            _comment("e3", "t3_abc", "Words"),
        ]),
    ]  # fmt: skip
    posts = _posts(_convert(data))
    assert posts["r-e1"]["text"] == emote
    assert "text" not in posts["r-e2"]  # nothing written, nothing shown: no text to keep
    assert posts["r-e3"]["text"] == "Words"


@pytest.mark.parametrize("name", [FUNNY, IAMA, ANNOUNCEMENTS])
def test_the_real_listings_import_through_the_cli(
    run_cli: RunCli, tmp_path: Path, name: str
) -> None:
    # Checked clean, re-imported unchanged, and the file holds exactly what convert gives.
    debate_id = "reddit-" + name.split("-")[2].lower()
    written = import_through_the_cli(
        run_cli,
        PLATFORM,
        tmp_path / "sources",
        FIXTURES / name,
        debate_id,
        OPTIONS.captured.isoformat(),
    )
    assert written == _convert(_load(name), debate_id=debate_id)


# -- synthetic listings ---------------------------------------------------------------------


def _listing(children: list[Any]) -> dict[str, Any]:
    return {"kind": "Listing", "data": {"children": children, "after": None, "before": None}}


def _submission(**fields: Any) -> dict[str, Any]:
    data = {"id": "abc", "name": "t3_abc", "author": "op", "title": "A question",
            "selftext": "Why?", "selftext_html": '<div class="md"><p>Why?</p></div>',
            "is_self": True, "created_utc": 1700000000.0, "score": 10, "num_comments": 1,
            "permalink": "/r/test/comments/abc/a_question/", "subreddit_name_prefixed": "r/test",
            "edited": False}  # fmt: skip
    data.update(fields)
    return {"kind": "t3", "data": data}


def _comment(id36: str, parent: str, body: str, **fields: Any) -> dict[str, Any]:
    data = {"id": id36, "name": f"t1_{id36}", "parent_id": parent, "author": "someone",
            "body": body, "body_html": f'<div class="md"><p>{body}</p></div>',
            "created_utc": 1700000100.0, "score": 1, "edited": False, "replies": ""}  # fmt: skip
    data.update(fields)
    return {"kind": "t1", "data": data}


def test_escaped_response_is_unescaped_once() -> None:
    # Without raw_json=1 Reddit escapes &, < and > in every string once more.
    data = [
        _listing([_submission(title="Q &amp; A &lt;3", selftext_html=(
            "&lt;div class=&quot;md&quot;&gt;&lt;p&gt;Fish &amp;amp; chips &amp;lt;b&amp;gt;"
            "&lt;/p&gt;&lt;/div&gt;"))]),
        _listing([_comment("c1", "t3_abc", "x", body_html=(
            "&lt;div class=&quot;md&quot;&gt;&lt;p&gt;&lt;a href=&quot;https://e.org/?a=1&amp;amp;"
            "b=2&quot;&gt;here&lt;/a&gt;&lt;/p&gt;&lt;/div&gt;"))]),
    ]  # fmt: skip
    imported = reddit.convert(data, OPTIONS)
    posts = _posts(imported.transcript)
    assert posts["r-abc"]["title"] == "Q & A <3"
    assert posts["r-abc"]["text"] == "Fish & chips <b>"
    assert posts["r-c1"]["text"] == "here"
    assert imported.transcript["references"]["link-1"]["url"] == "https://e.org/?a=1&b=2"
    assert "raw_json" in imported.notes[0]


def test_removed_hidden_score_edited_true_and_focused_listing() -> None:
    data = [
        _listing([_submission(num_comments=3)]),
        _listing([
            _comment("c1", "t1_zzz", "[removed]", author="[deleted]"),
            _comment("c2", "t1_zzz", "shown", score_hidden=True, edited=True),
            {"kind": "more", "data": {"count": 5, "id": "c9", "children": ["c9"]}},
        ]),
    ]  # fmt: skip
    transcript = _convert(data)
    posts = _posts(transcript)
    assert posts["r-c1"]["status"] == "removed"
    assert posts["r-c1"]["author"] == "unknown"
    assert "text" not in posts["r-c1"]
    # A focused listing starts below the submission: t1_zzz is not in the copy.
    assert "replies_to" not in posts["r-c1"]
    assert posts["r-c1"]["thread_note"] == "Replies to t1_zzz, which this copy does not hold."
    assert "metrics" not in posts["r-c2"]  # Reddit shows [score hidden]
    assert posts["r-c2"]["edited_as_shown"] == "edited"
    assert posts["r-c2"]["url"] == "https://www.reddit.com/r/test/comments/abc/a_question/c2/"
    assert transcript["coverage"]["state"] == "partial"
    assert "5 comments not loaded" in transcript["coverage"]["selection"]


def test_chain_of_5000_levels(run_cli: RunCli, tmp_path: Path) -> None:
    top = _comment("c1", "t3_abc", "level 1")
    node = top
    for level in range(2, 5001):  # built iteratively: 5,000 comments, each replying to the last
        child = _comment(f"c{level}", f"t1_c{level - 1}", f"level {level}",
                         author=f"user{level % 5}")  # fmt: skip
        node["data"]["replies"] = _listing([child])
        node = child
    transcript = _convert([_listing([_submission(num_comments=5000)]), _listing([top])])
    posts = transcript["posts"]
    assert len(posts) == 5001
    assert all(posts[n]["replies_to"] == f"r-c{n - 1}" for n in range(2, 5001))
    assert posts[-1]["text"] == "level 5000"
    assert transcript["coverage"]["state"] == "complete"
    checks_clean(run_cli, tmp_path / "sources", transcript)


def test_thread_of_5000_comments() -> None:
    comments = [_comment(f"c{n}", "t3_abc", f"reply {n}") for n in range(5000, 0, -1)]
    transcript = _convert([_listing([_submission(num_comments=5000)]), _listing(comments)])
    assert [post["id"] for post in transcript["posts"][1:]] == [
        f"r-c{n}" for n in range(5000, 0, -1)
    ]
    assert {post.get("replies_to") for post in transcript["posts"][1:]} == {"r-abc"}


def test_missing_fields_and_unknown_kinds() -> None:
    data = [
        _listing([{"kind": "t3", "data": {"id": "abc"}}]),
        _listing([
            {"kind": "t1", "data": {"id": "c1", "body": "bare"}},
            {"kind": "t5", "data": {"id": "sub"}},
            {"kind": "t1", "data": {"no": "id"}},
            "junk",
        ]),
    ]  # fmt: skip
    imported = reddit.convert(data, OPTIONS)
    posts = _posts(imported.transcript)
    assert posts["r-abc"]["author"] == "unknown"
    assert posts["r-abc"]["url"] == "https://www.reddit.com/comments/abc/"
    assert "text" not in posts["r-abc"]
    assert posts["r-c1"] == {
        "id": "r-c1",
        "author": "unknown",
        "url": "https://www.reddit.com/comments/abc/c1/",
        "replies_to": "r-abc",
        "platform_id": "t1_c1",
        "text": "bare",  # no body_html: the Markdown source is all there is
    }
    assert imported.transcript["title"] == "Reddit submission abc"
    assert sorted(imported.notes) == [
        "skipped 1 thing(s) of kind not an object in the comment listing",
        "skipped 1 thing(s) of kind t1 in the comment listing",
        "skipped 1 thing(s) of kind t5 in the comment listing",
    ]


def test_hostile_text(run_cli: RunCli, tmp_path: Path) -> None:
    body_html = (
        '<div class="md"><p>evil\u202egnp.exe \x07bell</p>'
        "<script>alert(1)</script>"
        '<p><a href="javascript:alert(1)">click me</a> {raw}`x` % not a comment</p>'
        "<pre><code>  code\n    kept</code></pre></div>"
    )
    data = [
        _listing([_submission(title="Title\u202e with\nbreak")]),
        _listing([_comment("c1", "t3_abc", "x", body_html=body_html, author="m\u202eallory")]),
    ]
    imported = reddit.convert(data, OPTIONS)
    posts = _posts(imported.transcript)
    assert posts["r-abc"]["title"] == "Title with break"
    assert posts["r-c1"]["text"] == (
        "evilgnp.exe bell\n\nclick me {raw}`x` % not a comment\n\n  code\n    kept"
    )
    assert imported.notes == [
        "r-c1: removed characters the format refuses in text (U+202E, U+0007)"
    ]
    assert "references" not in imported.transcript  # javascript: is no link
    checks_clean(run_cli, tmp_path / "sources", imported.transcript)


@pytest.mark.parametrize(
    "data",
    [{}, [], [1, 2], [_listing([]), _listing([])], [_listing([{"kind": "t1", "data": {}}]),
     _listing([])], [_listing([_submission(id="NOT VALID")]), _listing([])], "text"],
)  # fmt: skip
def test_other_shapes_are_refused(data: Any) -> None:
    with pytest.raises(UnreadableInput):
        reddit.convert(data, OPTIONS)


@pytest.mark.parametrize(
    ("address", "asked"),
    [
        ("https://www.reddit.com/r/IAmA/comments/57dw9a/im_american/",
         "https://www.reddit.com/r/IAmA/comments/57dw9a/im_american.json?raw_json=1"),
        ("https://old.reddit.com/r/funny/comments/3hahrw/ba_dum_tsss/cu5pebp/?context=3#x",
         "https://www.reddit.com/r/funny/comments/3hahrw/ba_dum_tsss/cu5pebp.json?context=3&"
         "raw_json=1"),
        ("https://www.reddit.com/r/IAmA/comments/57dw9a/x/?sort=top&limit=500&utm_source=share"
         "&depth=a%26b",
         "https://www.reddit.com/r/IAmA/comments/57dw9a/x.json?sort=top&limit=500&raw_json=1"),
        ("https://reddit.com/comments/3hahrw",
         "https://www.reddit.com/comments/3hahrw.json?raw_json=1"),
    ],
)  # fmt: skip
def test_fetch_reads_the_listing(address: str, asked: str) -> None:
    requested: list[str] = []

    def get(url: str) -> Any:
        requested.append(url)
        return []

    reddit.fetch(address, get)
    assert requested == [asked]


@pytest.mark.parametrize(
    "address",
    ["https://www.reddit.com/r/IAmA/", "https://evilreddit.com/r/x/comments/abc/",
     "https://www.reddit.com.evil.org/r/x/comments/abc/", "javascript:alert(1)"],
)  # fmt: skip
def test_fetch_refuses_other_addresses(address: str) -> None:
    def get(url: str) -> Any:
        raise AssertionError(f"fetched {url}")

    with pytest.raises(UnreadableInput, match="not a Reddit comments address"):
        reddit.fetch(address, get)


def test_the_thread_to_read_again_is_the_address_fetched() -> None:
    data = _load(IAMA)
    permalink = "https://www.reddit.com/r/IAmA/comments/57dw9a/x/d8r4im1/?context=100"
    fetched = _convert(data, source_url=permalink)
    assert fetched["sources"][0]["thread"] == permalink  # --update reads the same part again
    submission = (
        "https://www.reddit.com/r/IAmA/comments/57dw9a/im_american_citizen_undecided_voter_loving/"
    )
    assert fetched["sources"][0]["url"] == submission
    assert _convert(data)["sources"][0]["thread"] == submission
    assert _convert(data, source_url="https://example.org/")["sources"][0]["thread"] == submission


ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
_ASCII_SPACE = re.compile("[ \t\n\r\f]+")


@settings(max_examples=60, deadline=None)
@given(body=ANY_TEXT, title=ANY_TEXT)
def test_any_text_is_kept_by_the_rules_and_checks(body: str, title: str) -> None:
    # Reddit renders a paragraph as <p> with &, < and > escaped: the transcript holds the words
    # with ASCII white space runs as one space (as shown), less the characters the format
    # refuses.
    expected, _ = clean_text(" ".join(word for word in _ASCII_SPACE.split(body) if word))
    assume(expected.strip() and clean_line(title))
    comment = _comment(
        "c1", "t3_abc", body, body_html=f'<div class="md"><p>{escape(body)}</p></div>'
    )
    transcript = _convert([_listing([_submission(title=title)]), _listing([comment])])
    assert _posts(transcript)["r-c1"]["text"] == expected
    problems, errors, warnings = check_text(emit(transcript), None, None)
    assert (errors, warnings) == (0, 0), problems


def test_addresses_the_format_refuses_as_they_are(run_cli: RunCli, tmp_path: Path) -> None:
    body_html = '<div class="md"><p><a href="https://e.example/a b|c">this</a></p></div>'
    data = [
        _listing([_submission(is_self=False, url="https://img.example/a b.png",
                              post_hint="image")]),
        _listing([_comment("c1", "t3_abc", "x", body_html=body_html)]),
    ]  # fmt: skip
    transcript = _convert(data)
    posts = _posts(transcript)
    assert posts["r-abc"]["media"] == [{"kind": "image", "url": "https://img.example/a%20b.png"}]
    assert transcript["references"]["link-1"]["url"] == "https://img.example/a%20b.png"
    assert transcript["references"]["link-2"]["url"] == "https://e.example/a%20b%7Cc"
    assert posts["r-c1"]["links"] == ["link-2"]
    checks_clean(run_cli, tmp_path / "sources", transcript)


def test_permalinks_become_addresses_the_format_holds() -> None:
    odd = _convert([_listing([_submission(permalink="/r/x/comments/abc/a b|c/")]), _listing([])])
    assert odd["posts"][0]["url"] == "https://www.reddit.com/r/x/comments/abc/a%20b%7Cc/"
    assert odd["sources"][0]["thread"] == odd["posts"][0]["url"]
    # A path that would name another host ("//evil.example") is no permalink.
    other = _convert([_listing([_submission(permalink="//evil.example/x")]), _listing([])])
    assert other["posts"][0]["url"] == "https://www.reddit.com/comments/abc/"
