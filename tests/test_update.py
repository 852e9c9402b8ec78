"""``rejoinder import --update``: a fresh copy of a thread merged into its transcript, keeping
everything contributors wrote.

The thread is a real saved Bluesky response (tests/platforms/bluesky, 4 posts); the "later"
responses are that file with one reply added, one removed and one count changed, as a platform
would show the thread some days on. Contributors' work is simulated by editing the imported
transcript as a contributor would: a new title, summary and tags, renamed post ids and
participant keys, claims, an argument edge, an annotation, notes and a reference of their own.
:func:`merge` itself is tested on small mappings for what the real thread cannot show.
"""

from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
from rejoinder.cli.main import main
from rejoinder.importers.emit import emit
from rejoinder.importers.update import merge
from rejoinder.loader import load_file
from support import TESTS

THREAD = TESTS / "platforms" / "bluesky" / "getPostThread-jensroemer-3ljphoefymc2l.json"
ROOT = "bsky-3ljphoefymc2l"
JHEY_REPLY = "bsky-3ljpijlmzjc2v"
JACK_REPLY = "bsky-3ljq35zdtzk2p"
NEW_RKEY = "3ljzzzzzzzzz2"

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("rejoinder.importers.bluesky") is None,
    reason="rejoinder.importers.bluesky is not written yet",
)


def run(capsys: Any, *argv: str) -> tuple[int, str]:
    code = main(["import", *argv])
    return code, capsys.readouterr().err


def load(path: Path) -> dict[str, Any]:
    document, problems = load_file(path)
    assert problems == []
    assert document is not None
    return document.data  # type: ignore[no-any-return]


def save(path: Path, data: dict[str, Any]) -> None:
    path.write_text(emit(data), encoding="utf-8")


def later_thread(tmp_path: Path) -> Path:
    """The thread a few days on: the reply under Jhey's reply is gone, Jack's reply has a reply
    from someone new, and the opening post has 9 likes instead of 4."""
    data = json.loads(THREAD.read_text("utf-8"))
    root = data["thread"]
    root["post"]["likeCount"] = 9
    jhey, jack = root["replies"]
    assert len(jhey["replies"]) == 1
    jhey["replies"] = []
    answer = copy.deepcopy(jack)
    post = answer["post"]
    did = "did:plc:zzzzzzzzzzzzzzzzzzzzzzzz"
    post["uri"] = f"at://{did}/app.bsky.feed.post/{NEW_RKEY}"
    post["author"] = {**post["author"], "did": did, "handle": "newcomer.example"}
    post["author"]["displayName"] = "A Newcomer"
    post["record"] = {
        **post["record"],
        "text": "A later answer.",
        "facets": [],
        "createdAt": "2025-03-08T10:00:00.000Z",
        "reply": {
            "root": jack["post"]["record"]["reply"]["root"],
            "parent": {"uri": jack["post"]["uri"], "cid": jack["post"]["cid"]},
        },
    }
    post.pop("embed", None)
    post["record"].pop("embed", None)
    post["indexedAt"] = "2025-03-08T10:00:00.000Z"
    answer["replies"] = []
    jack["replies"] = [answer]
    path = tmp_path / "later.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def imported(tmp_path: Path, capsys: Any) -> Path:
    target = tmp_path / "sources" / "jens.yaml"
    target.parent.mkdir()
    code, err = run(capsys, "bluesky", str(THREAD), "-o", str(target), "--captured", "2025-03-07")
    assert code == 0, err
    return target


def edit_as_a_contributor(data: dict[str, Any]) -> dict[str, Any]:
    """What contributors write into an imported transcript (ids and keys renamed too)."""
    data = copy.deepcopy(data)
    data["title"] = "Jhey's exploding layers, and a reply"
    data["summary"] = "Jens Rømer writes up a CSS effect; two people answer."
    data["tags"] = ["css"]
    data["sources"][0]["note"] = "Saved by a contributor."
    old_key = data["posts"][0]["author"]
    people = data["participants"]
    data["participants"] = {("jens" if key == old_key else key): v for key, v in people.items()}
    data["participants"]["jens"]["name"] = "Jens Rømer"
    data["participants"]["jens"]["note"] = "Writes about CSS."
    data["references"]["css-spec"] = {
        "title": "CSS Transforms Module Level 2",
        "kind": "page",
        "url": "https://www.w3.org/TR/css-transforms-2/",
    }
    for post in data["posts"]:
        if post["author"] == old_key:
            post["author"] = "jens"
        if post.get("replies_to") == ROOT:
            post["replies_to"] = "opening"
    opening = data["posts"][0]
    assert opening["id"] == ROOT
    opening["id"] = "opening"
    opening["claims"] = [{"id": "inspired", "statement": "Jhey's work inspired a post."}]
    opening["posted_note"] = "Checked against the web page."
    jhey = next(post for post in data["posts"] if post["id"] == JHEY_REPLY)
    jhey["annotations"] = [{"by": "Editor", "note": "A friendly reply."}]
    jhey["arguments"] = [{"supports": "opening#inspired"}]
    return data


def test_the_same_response_changes_nothing(tmp_path: Path, capsys: Any) -> None:
    target = imported(tmp_path, capsys)
    save(target, edit_as_a_contributor(load(target)))
    before = target.read_bytes()
    code, err = run(capsys, "--update", str(target), str(THREAD), "--captured", "2025-03-07")
    assert code == 0, err
    assert err == f"{target}: no changes, not rewritten; checked: 0 errors, 0 warnings\n"
    assert target.read_bytes() == before


def test_a_later_response_adds_marks_and_refreshes_and_keeps_every_edit(
    tmp_path: Path, capsys: Any
) -> None:
    target = imported(tmp_path, capsys)
    edited = edit_as_a_contributor(load(target))
    save(target, edited)
    gone = next(post["id"] for post in edited["posts"] if post.get("replies_to") == JHEY_REPLY)
    code, err = run(
        capsys, "--update", str(target), str(later_thread(tmp_path)), "--captured", "2025-03-09"
    )
    assert code == 0, err
    assert err.splitlines() == [
        "added 1 participant: newcomer-example",
        f"added 1 post: bsky-{NEW_RKEY}",
        "metrics changed on 1 post: opening",
        f"disappeared (kept, marked disappeared) 1 post: {gone}",
        "capture date 2025-03-07 → 2025-03-09",
        # Jhey's reply still counts a reply that the thread no longer holds.
        "coverage: complete, 3 replies claimed → partial, 3 replies claimed",
        f"updated {target} (6 changes); checked: 0 errors, 0 warnings",
    ]
    after = load(target)
    # The platform's changes, and only those.
    posts = {post["id"]: post for post in after["posts"]}
    assert [post["id"] for post in after["posts"]] == [
        "opening",
        JHEY_REPLY,
        gone,
        JACK_REPLY,
        f"bsky-{NEW_RKEY}",
    ]
    new = posts[f"bsky-{NEW_RKEY}"]
    assert (new["author"], new["replies_to"], new["text"]) == (
        "newcomer-example",
        JACK_REPLY,
        "A later answer.",
    )
    assert posts["opening"]["metrics"]["likes"] == "9"
    assert posts[gone]["disappeared"] == "2025-03-09"
    assert after["participants"]["newcomer-example"]["display_name"] == "A Newcomer"
    # Everything else is the contributor's version, captured dates aside.
    expected = copy.deepcopy(edited)
    expected["sources"][0]["captured"] = "2025-03-09"
    expected["participants"]["newcomer-example"] = after["participants"]["newcomer-example"]
    expected["posts"][0]["metrics"]["likes"] = "9"
    for post in expected["posts"]:
        if "metrics" in post:
            post["metrics"]["captured"] = "2025-03-09"
        if post["id"] == gone:
            post["disappeared"] = "2025-03-09"
            post["metrics"]["captured"] = "2025-03-07"  # as last captured
    expected["posts"].append(new)
    expected["coverage"] = after["coverage"]
    assert after["coverage"]["state"] == "partial"
    assert after == expected


def test_updating_twice_with_the_same_later_response_changes_nothing_more(
    tmp_path: Path, capsys: Any
) -> None:
    target = imported(tmp_path, capsys)
    later = str(later_thread(tmp_path))
    assert run(capsys, "--update", str(target), later, "--captured", "2025-03-09")[0] == 0
    before = target.read_bytes()
    code, err = run(capsys, "--update", str(target), later, "--captured", "2025-03-09")
    assert (code, target.read_bytes()) == (0, before)
    assert "no changes" in err


def test_a_file_with_hand_layout_is_never_rewritten(tmp_path: Path, capsys: Any) -> None:
    target = imported(tmp_path, capsys)
    text = target.read_text("utf-8").replace("\nposts:\n", "\n# the thread\nposts:\n")
    target.write_text(text, encoding="utf-8")
    later = str(later_thread(tmp_path))
    code, err = run(capsys, "--update", str(target), later, "--captured", "2025-03-09")
    assert code == 1
    assert err.startswith(
        f"rejoinder import: error: {target} cannot be rewritten without changing its layout"
    )
    assert "-o NEW" in err
    assert target.read_text("utf-8") == text
    (tmp_path / "review").mkdir()
    elsewhere = tmp_path / "review" / "jens.yaml"
    code, err = run(
        capsys, "--update", str(target), later, "-o", str(elsewhere), "--captured", "2025-03-09"
    )
    assert code == 0, err
    assert f"bsky-{NEW_RKEY}" in elsewhere.read_text("utf-8")
    assert target.read_text("utf-8") == text


def test_without_input_the_thread_address_is_fetched_again(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = imported(tmp_path, capsys)
    asked: list[str] = []

    def get(url: str) -> Any:
        asked.append(url)
        if "resolveHandle" in url:
            return {"did": "did:plc:laqygfbyvnkyuhsuaxmp6ez3"}
        return json.loads(THREAD.read_text("utf-8"))

    monkeypatch.setattr("rejoinder.importers.fetch.get", get)
    code, err = run(capsys, "--update", str(target), "--captured", "2025-03-07")
    assert code == 0, err
    assert asked, "the thread was fetched"
    assert "no changes" in err


# The merge on its own, on mappings smaller than any real thread.


def post(id_: str, platform_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": id_, "author": "ann", "platform_id": platform_id, "text": id_, **fields}


def transcript(*posts: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {
        "id": "t",
        "title": "T",
        "summary": "S",
        "sources": [{"title": "x", "captured": "2026-01-01", "platform": "bluesky"}],
        "participants": {"ann": {"display_name": "Ann", "account_id": "did:ann"}},
        "posts": list(posts),
        **fields,
    }


def test_new_posts_follow_the_post_before_them_and_never_take_an_id_in_use() -> None:
    old = transcript(post("a", "A"), post("b", "B", replies_to="a"), post("c", "C"))
    # A contributor named a post the way the importer would name a new one.
    old["posts"][2]["id"] = "n"
    new = transcript(
        post("a", "A"),
        post("n", "N", replies_to="a"),
        post("m", "M", replies_to="n"),
        post("b", "B", replies_to="a"),
        post("c", "C"),
    )
    merged = merge(old, new, "2026-02-01")
    assert [(p["id"], p.get("replies_to")) for p in merged.transcript["posts"]] == [
        ("a", None),
        ("n-2", "a"),
        ("m", "n-2"),
        ("b", "a"),
        ("n", None),
    ]
    assert merged.changes == ["added 2 posts: n-2, m"]


def test_participants_match_by_account_and_references_by_address() -> None:
    old = transcript(
        post("a", "A", author="renamed", links=["mine"]),
        references={"mine": {"title": "Page", "kind": "page", "url": "https://e.org/"}},
    )
    old["participants"] = {"renamed": {"name": "Ann A.", "account_id": "did:ann"}}
    new = transcript(
        post("a", "A", links=["link-1"]),
        references={"link-1": {"title": "Page", "kind": "page", "url": "https://e.org/"}},
    )
    merged = merge(old, new, "2026-02-01")
    assert merged.transcript == old
    assert merged.changes == []


def test_changed_text_and_status_are_reported_and_a_post_found_again_is_unmarked() -> None:
    old = transcript(post("a", "A"), post("b", "B", disappeared="2026-01-15"))
    new = transcript(
        post("a", "A", text="edited"),
        post("b", "B", status="deleted", status_note="Deleted by its author."),
    )
    merged = merge(old, new, "2026-02-01")
    assert merged.changes == [
        "text changed on 1 post: a",
        "status changed on 1 post: b (shown → deleted)",
        "found again 1 post: b",
    ]
    b = merged.transcript["posts"][1]
    assert (b["status"], b["status_note"], "disappeared" in b) == (
        "deleted",
        "Deleted by its author.",
        False,
    )


def test_an_inferred_author_is_kept_unless_the_post_is_now_withheld() -> None:
    inferred = {"author": "ann", "attribution": "inferred", "attribution_note": "Same style."}
    old = transcript(post("a", "A", **inferred), post("b", "B", **inferred))
    new = transcript(
        post("a", "A", author="unknown"),
        post("b", "B", author="unknown", status="withheld", status_note="Opted out."),
    )
    del new["posts"][1]["text"]
    merged = merge(old, new, "2026-02-01").transcript["posts"]
    assert merged[0]["author"] == "ann"
    # The author's opt-out wins over the contributor's inference, and the text goes too.
    assert (merged[1]["author"], merged[1]["status"], "text" in merged[1]) == (
        "unknown",
        "withheld",
        False,
    )


def test_posts_left_out_on_purpose_are_never_added_back() -> None:
    # The contributor took post B out (and listed it in coverage.left_out) and threaded its
    # reply C under A instead. A later response still holds B, C, and a new reply E to B.
    old = transcript(
        post("a", "A"),
        post("c", "C", replies_to="a"),
        coverage={"state": "partial", "left_out": ["B"]},
    )
    new = transcript(
        post("a", "A"),
        post("b", "B", replies_to="a"),
        post("c", "C", replies_to="b"),
        post("e", "E", replies_to="b"),
        post("d", "D", replies_to="a"),
        coverage={"state": "partial"},
    )
    merged = merge(old, new, "2026-02-01")
    assert [(p["id"], p.get("replies_to")) for p in merged.transcript["posts"]] == [
        ("a", None),
        ("c", "a"),
        ("d", "a"),
    ]
    assert merged.transcript["coverage"] == {"state": "partial", "left_out": ["B"]}
    assert merged.changes == [
        "added 1 post: d",
        "left out again (coverage.left_out) 2 posts: B, E",
    ]
    # Without the list, B and the replies under it come back, and C answers B again.
    del old["coverage"]["left_out"]
    posts = merge(old, new, "2026-02-01").transcript["posts"]
    assert [(p["id"], p.get("replies_to")) for p in posts] == [
        ("a", None),
        ("b", "a"),
        ("c", "b"),
        ("e", "b"),
        ("d", "a"),
    ]


def test_a_transcript_with_errors_is_not_updated(tmp_path: Path, capsys: Any) -> None:
    target = imported(tmp_path, capsys)
    data = load(target)
    data["posts"][1]["replies_to"] = "nowhere"
    save(target, data)
    before = target.read_bytes()
    code, err = run(capsys, "--update", str(target), str(THREAD), "--captured", "2025-03-07")
    assert code == 1
    assert err.startswith(
        f"rejoinder import: error: {target} has 1 error to fix before it can be updated; "
        f"the first: {target}:"
    )
    assert err.endswith(f"  hint: rejoinder check {target} lists them\n")
    assert target.read_bytes() == before
