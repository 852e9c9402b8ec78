"""The Mastodon importer on real saved responses (tests/platforms/mastodon) and made-up cases."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from importing_support import file_checks_clean
from rejoinder.corpus import check_paths
from rejoinder.importers import mastodon
from rejoinder.importers.base import ImportOptions, UnreadableInput
from rejoinder.importers.emit import emit

FOLDER = Path(__file__).parent / "platforms" / "mastodon"
THREAD = FOLDER / "thread-social.tchncs.de-109303266941599451.json"
STATUS = FOLDER / "status-mastodon.social-109294719267373593.json"
CONTEXT = FOLDER / "context-social.tchncs.de-109303266941599451.json"
OPTIONS = ImportOptions(captured=dt.date(2022, 11, 8))


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_combined_fixture_is_made_of_the_real_responses() -> None:
    thread = _load(THREAD)
    reply_context = _load(FOLDER / "context-social.tchncs.de-109303309876585639.json")
    assert thread == {"status": reply_context["ancestors"][0], "context": _load(CONTEXT)}


def test_real_thread_posts_tree_and_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _load(THREAD)
    transcript = mastodon.convert(data, OPTIONS).transcript
    statuses = [data["status"], *data["context"]["descendants"]]
    posts = transcript["posts"]
    # Every status once, in the order the instance lists them; the tree from in_reply_to_id.
    assert [post["id"] for post in posts] == [f"toot-{status['id']}" for status in statuses]
    for status, post in zip(statuses, posts, strict=True):
        parent = status["in_reply_to_id"]
        assert post.get("replies_to") == (f"toot-{parent}" if parent else None)
        assert post["platform_id"] == status["uri"]
        assert post["url"] == status["url"]
    # Independently of html_text: the same characters as BeautifulSoup reads from the HTML (with
    # Mastodon's hidden link parts, so full addresses), white space aside.
    for status, post in zip(statuses, posts, strict=True):
        visible = BeautifulSoup(status["content"], "html.parser").get_text()
        assert re.sub(r"\s", "", post["text"]) == re.sub(r"\s", "", visible)
    # The text, literally as the HTML shows it.
    texts = {post["id"]: post["text"] for post in posts}
    assert texts == {
        "toot-109303266941599451": (
            "You probably don't know how much work it took to get this far."
        ),
        "toot-109303349968097604": "Not so bad for a two days old R package.",
        "toot-109303309876585639": "@chainsawriot Great job 👍 Where are you heading with this?",
        "toot-109303330123967399": "@0xba https://github.com/schochastics/rtoot",
        "toot-109308115318736992": (
            "@chainsawriot R is language is alien to me :mastoshrug:\nWith a friend I just "
            "started to implement a microblog application. Goals: It should run at small scale "
            "and resources, easy to deploy and compatible to ActivityPub federation and also "
            "mastodon api. So after reading docs on activitypub and mastodonapi, I know what you "
            "have already achieved 👍"
        ),
        "toot-109308119383536793": (
            '@chainsawriot The title is "Title: Collecting and Analyzing Mastodon Data" Do you '
            "plan to query public timelines of any/all instances available?"
        ),
        "toot-109303516507953704": (
            "@chainsawriot there\u2019s a streaming API?\n\n"
            "https://docs.joinmastodon.org/methods/timelines/streaming/"
        ),
    }
    root = posts[0]
    assert root["media"] == [  # description: null -> no alt
        {
            "kind": "image",
            "url": "https://f2.tchncs.de/media_attachments/files/109/303/264/416/313/246/"
            "original/e3d15af8e5b990c9.png",
        }
    ]
    assert root["metrics"] == {
        "likes": "4",
        "reposts": "1",
        "replies": "2",
        "captured": "2022-11-08",
    }
    assert root["posted"] == "2022-11-07T15:38:14.103000+00:00"
    assert root["languages"] == ["en"]
    participants = transcript["participants"]
    assert participants["0xba-social-tchncs-de"] == {
        "display_name": "acile :archlinux:",  # custom emoji as its shortcode, as the text shows
        "handle": "@0xba@social.tchncs.de",  # a local account gets its instance
        "profile_url": "https://social.tchncs.de/@0xba",
        "account_id": "https://social.tchncs.de/@0xba",
    }
    assert participants["bastos-scholar-social"]["handle"] == "@bastos@scholar.social"
    remote = posts[-1]
    assert remote["author"] == "bastos-scholar-social"
    assert remote["url"] == "https://scholar.social/@bastos/109303516228937871"
    assert transcript["references"][remote["links"][0]]["title"] == (
        "streaming - Mastodon documentation"
    )
    assert transcript["coverage"] == {
        "state": "complete",
        "replies_claimed": "6",
        "selection": transcript["coverage"]["selection"],
    }
    assert transcript["sources"][0]["thread"] == data["status"]["url"]
    file_checks_clean(transcript, tmp_path, capsys)


def test_real_standalone_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = _load(STATUS)
    transcript = mastodon.convert(status, OPTIONS).transcript
    (post,) = transcript["posts"]
    assert post["text"].splitlines()[:3] == [
        "Mastodon will update to 4.0 soon! Here are the most exciting new features (in "
        "addition to fixes & changes):",
        "",
        "- ability to follow hashtags",
    ]
    assert post["text"].endswith(
        "See all changes here: https://github.com/mastodon/mastodon/releases/tag/v4.0.0rc1\n\n"
        "Thanks, @Gargron and @Mastodon Team. #Mastodon4"
    )
    card = transcript["references"][post["links"][0]]
    assert card["url"] == status["card"]["url"] and card["author"] == "GitHub"
    assert card["note"] == f"The link card's description: {status['card']['description']}"
    assert transcript["coverage"]["state"] == "partial"
    assert transcript["coverage"]["replies_claimed"] == "106"
    file_checks_clean(transcript, tmp_path, capsys)


def test_a_context_alone_is_refused_with_the_reason() -> None:
    with pytest.raises(UnreadableInput, match="never holds the status"):
        mastodon.convert(_load(CONTEXT), OPTIONS)
    shapes: list[Any] = [[], {"status": {}}, {"status": _load(STATUS), "context": []}, "x"]
    for shape in shapes:
        with pytest.raises(UnreadableInput):
            mastodon.convert(shape, OPTIONS)
    # Another platform's item with a "descendants" count is not taken for a context.
    story = json.loads((FOLDER.parent / "hackernews" / "firebase-item-8863-story.json").read_text())
    with pytest.raises(UnreadableInput, match="not a Mastodon thread"):
        mastodon.convert(story, OPTIONS)


# -- made-up edges ----------------------------------------------------------------------------


def _status(number: int, parent: int | None = None, **extra: Any) -> dict[str, Any]:
    status: dict[str, Any] = {
        "id": str(number),
        "created_at": "2025-01-01T00:00:00.000Z",
        "in_reply_to_id": str(parent) if parent is not None else None,
        "uri": f"https://x.social/users/ada/statuses/{number}",
        "url": f"https://x.social/@ada/{number}",
        "content": f"<p>post {number}</p>",
        "spoiler_text": "",
        "account": {"acct": "ada", "display_name": "Ada", "url": "https://x.social/@ada"},
        "media_attachments": [],
    }
    status.update(extra)
    return status


def _thread(status: dict[str, Any], *descendants: dict[str, Any]) -> dict[str, Any]:
    return {"status": status, "context": {"ancestors": [], "descendants": list(descendants)}}


def test_content_warning_media_edits_and_quotes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _status(
        1,
        spoiler_text="  spoilers   for\nthe film ",
        content="<p>It ends well.</p>",
        edited_at="2025-01-02T10:00:00.000Z",
        media_attachments=[
            {"type": "image", "url": "https://x.social/a.png", "description": "A cat"},
            {"type": "gifv", "url": "https://x.social/b.mp4", "description": ""},
            {"type": "audio", "url": None, "remote_url": "https://y.social/c.mp3"},
            {"type": "unknown", "url": "https://x.social/d"},
            {"type": "image", "url": "ftp://x.social/e.png", "description": "E"},
        ],
    )
    quoting = _status(
        2, 1, quote={"state": "accepted", "quoted_status": _status(1)}, content="<p>this</p>"
    )
    outside = _status(
        3,
        1,
        content="<p>see <a href='https://e.org/a'>the report</a></p>",
        quote={
            "state": "accepted",
            "quoted_status": _status(
                99, account={"acct": "bob@y.social", "url": "https://y.social/@bob"}
            ),
        },
    )
    revoked = _status(4, 1, quote={"state": "revoked", "quoted_status": None}, content="<p>x</p>")
    shallow = _status(
        5, 1, quote={"state": "accepted", "quoted_status_id": "2"}, content="<p>y</p>"
    )
    imported = mastodon.convert(_thread(root, quoting, outside, revoked, shallow), OPTIONS)
    transcript = imported.transcript
    posts = transcript["posts"]
    assert posts[0]["text"] == "spoilers for the film\n\nIt ends well."
    assert any("content warning" in note for note in imported.notes)
    assert posts[0]["edited_at"] == "2025-01-02T10:00:00+00:00"
    assert posts[0]["media"] == [
        {"kind": "image", "alt": "A cat", "url": "https://x.social/a.png"},
        {"kind": "gif", "url": "https://x.social/b.mp4"},
        {"kind": "audio", "url": "https://y.social/c.mp3"},
        {"kind": "other", "url": "https://x.social/d"},
        {"kind": "image", "alt": "E"},
    ]
    assert any("'ftp://x.social/e.png'" in note for note in imported.notes)
    assert posts[1]["quotes"] == "toot-1"
    references = transcript["references"]
    assert posts[2]["text"] == "see the report"
    assert references[posts[2]["links"][0]] == {
        "title": "https://e.org/a",
        "kind": "page",
        "url": "https://e.org/a",
        "note": "Linked from the words: the report",
    }
    assert references[posts[2]["quotes"]] == {
        "title": "Mastodon post by @bob@y.social",
        "kind": "post",
        "url": "https://x.social/@ada/99",
    }
    assert references[posts[3]["quotes"]]["title"] == (
        "A quoted Mastodon post the response does not show (quote state: revoked)"
    )
    assert posts[4]["quotes"] == "toot-2"
    file_checks_clean(transcript, tmp_path, capsys)


def test_hostile_textfile_checks_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _status(
        1,
        content=(
            "<p>{raw} html</p><script>alert(1)</script><p>&lt;script&gt;x&lt;/script&gt;</p>"
            "<p>\x1b[31m red \u202e</p><p>% comment<br>[a]: http://x</p>"
            "<p><a href='javascript:alert(1)'>click</a></p>"
        ),
        account={"acct": "eve", "display_name": "Eve\n\u202e\x07", "url": "https://x.social/@eve"},
    )
    imported = mastodon.convert(_thread(root), OPTIONS)
    post = imported.transcript["posts"][0]
    assert post["text"] == (
        "{raw} html\n\n<script>x</script>\n\n[31m red \n\n% comment\n[a]: http://x\n\nclick"
    )
    assert "links" not in post
    assert imported.transcript["participants"]["eve-x-social"]["display_name"] == "Eve"
    assert any("U+001B, U+202E" in note for note in imported.notes)
    file_checks_clean(imported.transcript, tmp_path, capsys)


def test_missing_fields_do_not_crash() -> None:
    bare = {"id": "7", "content": ""}
    imported = mastodon.convert(bare, OPTIONS)
    post = imported.transcript["posts"][0]
    assert post["id"] == "toot-7" and "text" not in post and "posted" not in post
    assert any("shows nothing" in note for note in imported.notes)
    blank = _status(8, uri="\u202e", account={"acct": "\x07", "display_name": "Zed"})
    blank["id"] = " "
    entry = mastodon.convert(blank, OPTIONS).transcript
    assert "platform_id" not in entry["posts"][0]
    assert entry["participants"] == {"someone": {"display_name": "Zed"}}
    odd = _status(1, content=None, media_attachments=None, card=5, quote="x", language=3)
    odd_thread = {"status": odd, "context": {"ancestors": 5, "descendants": [5, {"id": 3}]}}
    posts = mastodon.convert(odd_thread, OPTIONS).transcript["posts"]
    assert [post["id"] for post in posts] == ["toot-1"]


def test_a_chain_5000_deep_and_a_5000_post_thread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chain = [_status(number, number - 1 if number else None) for number in range(5_000)]
    posts = mastodon.convert(_thread(chain[0], *chain[1:]), OPTIONS).transcript["posts"]
    assert len(posts) == 5_000 and posts[-1]["replies_to"] == "toot-4998"
    wide = [
        _status(
            number,
            (number - 1) // 3,
            account={
                "acct": f"u{number % 500}@y.social",
                "url": f"https://y.social/@u{number % 500}",
            },
        )
        for number in range(1, 5_000)
    ]
    transcript = mastodon.convert(_thread(_status(0), *wide), OPTIONS).transcript
    assert len(transcript["posts"]) == 5_000
    assert len(transcript["participants"]) == 501
    file_checks_clean(transcript, tmp_path, capsys)


def test_fetch_reads_the_status_and_its_context() -> None:
    asked: list[str] = []
    thread = _load(THREAD)

    def get(url: str) -> Any:
        asked.append(url)
        return copy.deepcopy(thread["context"] if url.endswith("/context") else thread["status"])

    data = mastodon.fetch("https://social.tchncs.de/@chainsawriot/109303266941599451", get)
    assert data == thread
    assert asked == [
        "https://social.tchncs.de/api/v1/statuses/109303266941599451",
        "https://social.tchncs.de/api/v1/statuses/109303266941599451/context",
    ]
    for bad in ("https://social.tchncs.de/@chainsawriot", "ftp://x.social/@a/1", "x"):
        with pytest.raises(UnreadableInput):
            mastodon.fetch(bad, get)
    assert (
        mastodon.thread_address(thread)
        == "https://social.tchncs.de/@chainsawriot/109303266941599451"
    )


def test_odd_trees_never_point_forward_or_at_themselves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _status(1, 2, quote={"state": "accepted", "quoted_status_id": "1"})  # forward, self
    second = _status(2, 1)
    twin = _status(3, 1, uri=first["uri"])  # another id for the same status
    imported = mastodon.convert(_thread(first, second, twin), OPTIONS)
    posts = imported.transcript["posts"]
    assert [(post["id"], post.get("replies_to"), post.get("quotes")) for post in posts] == [
        ("toot-1", None, None),
        ("toot-2", "toot-1", None),
    ]
    assert any("quotes itself" in note for note in imported.notes)
    assert any("lists after it" in note for note in imported.notes)
    assert any("appears twice" in note for note in imported.notes)
    file_checks_clean(imported.transcript, tmp_path, capsys)


_ODD = st.one_of(
    st.none(),
    st.integers(-1, 3),
    st.sampled_from(
        [
            *("", " ", "x", "1", "2", "https://x.social/@a/1", "javascript:x"),
            *("2025-01-01T00:00:00Z", "a\nb\u202e", "\x00", "\ud800", "unknown"),
            "<p>a <a href='https://e.org'>b</a></p>",
        ]
    ),
)


def _some(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=fields)


_ACCOUNT = _some(acct=_ODD, url=_ODD, display_name=_ODD, username=_ODD)
_STATUS = st.fixed_dictionaries(
    {"id": st.sampled_from(["1", "2", "3", " "]), "content": _ODD},
    optional={
        "account": _ACCOUNT,
        "url": _ODD,
        "uri": _ODD,
        "in_reply_to_id": _ODD,
        "created_at": _ODD,
        "edited_at": _ODD,
        "spoiler_text": _ODD,
        "language": _ODD,
        "replies_count": _ODD,
        "media_attachments": st.lists(_some(type=_ODD, url=_ODD, description=_ODD), max_size=2),
        "card": _some(url=_ODD, title=_ODD, description=_ODD),
        "quote": _some(
            state=_ODD,
            quoted_status_id=_ODD,
            quoted_status=_some(id=_ODD, url=_ODD, account=_ACCOUNT),
        ),
    },
)
_THREAD = st.fixed_dictionaries(
    {
        "status": _STATUS,
        "context": st.fixed_dictionaries(
            {
                "ancestors": st.lists(_STATUS, max_size=2),
                "descendants": st.lists(_STATUS, max_size=3),
            }
        ),
    }
)


@settings(max_examples=60, deadline=None)
@given(st.one_of(_STATUS, _THREAD))
def test_any_odd_response_imports_and_checks_clean_or_says_why(data: Any) -> None:
    imported = mastodon.convert(data, OPTIONS)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "odd.yaml"
        path.write_text(emit(imported.transcript), encoding="utf-8")
        problems = [problem.format() for problem in check_paths([path]).problems]
    # The one problem an import may leave is a post that shows nothing, and it says so.
    assert all("shows nothing" in problem for problem in problems), (problems, imported.notes)
    if problems:
        assert any("shows nothing" in note for note in imported.notes)


def test_addresses_the_format_refuses_as_written_are_percent_encoded() -> None:
    status = _status(
        1,
        content='<p><a href="https://e.org/a b">the page</a></p>',
        card={"url": "https://fonts.example/css?family=A|B", "title": "Fonts"},
    )
    transcript = mastodon.convert(status, OPTIONS).transcript
    assert transcript["posts"][0]["text"] == "the page"
    assert [reference["url"] for reference in transcript["references"].values()] == [
        "https://e.org/a%20b",
        "https://fonts.example/css?family=A%7CB",
    ]


def test_followers_only_direct_and_noindex_posts_are_withheld_unless_chosen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _status(1, account={"acct": "ann", "url": "https://x.social/@ann", "noindex": True})
    private = _status(2, 1, visibility="private", content="<p>for followers</p>")
    direct = _status(3, 1, visibility="direct", content="<p>@ann psst</p>")
    public = _status(
        4,
        2,
        content="<p>reply</p>",
        quote={"state": "accepted", "quoted_status": _status(9, visibility="private")},
    )
    data = _thread(root, private, direct, public)
    imported = mastodon.convert(data, OPTIONS)
    transcript = imported.transcript
    posts = transcript["posts"]
    assert [(post["id"], post.get("status"), post["author"]) for post in posts] == [
        ("toot-1", "withheld", "unknown"),
        ("toot-2", "withheld", "unknown"),
        ("toot-3", "withheld", "unknown"),
        ("toot-4", None, "ada-x-social"),
    ]
    assert "noindex" in posts[0]["status_note"]
    assert "followers only" in posts[1]["status_note"]
    assert "mentions" in posts[2]["status_note"]
    assert [post.get("replies_to") for post in posts] == [None, "toot-1", "toot-1", "toot-2"]
    written = emit(transcript)
    assert "ann" not in written and "for followers" not in written and "psst" not in written
    assert "x.social/@ada/9" not in written  # the quoted followers-only post has no address
    assert transcript["title"] == "A thread on Mastodon"
    assert transcript["sources"][0]["thread"] == "https://x.social/@ada/4"
    assert any("--include-opted-out" in note for note in imported.notes)
    file_checks_clean(transcript, tmp_path, capsys)
    chosen = mastodon.convert(
        data, ImportOptions(captured=OPTIONS.captured, include_opted_out=True)
    )
    assert [post.get("status") for post in chosen.transcript["posts"]] == [None] * 4
    assert chosen.transcript["posts"][1]["text"] == "for followers"
