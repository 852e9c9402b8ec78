"""``rejoinder import``: every real saved response in tests/platforms/ becomes a transcript that
checks clean, round-trips through ``--update`` unchanged and builds strictly; and the command's
behaviour at its edges (stdin, standard output, web addresses through an injected ``get``,
refusals, errors as one line, exit codes).

The imported transcripts are written to the test's own folders and built in a scratch site,
never added to sources/.
"""

from __future__ import annotations

import importlib.util
import json
import os
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest
from rejoinder.cli.importing import run_import
from rejoinder.cli.main import build_parser, main
from rejoinder.importers import PLATFORMS
from rejoinder.importers.emit import emit
from rejoinder.importers.fetch import FetchError
from rejoinder.loader import load_file
from scratch import BIN, copy_site, sphinx_build
from support import REPO, TESTS
from test_schema_yaml12 import VALIDATOR, as_an_editor_reads

PLATFORM_FIXTURES = TESTS / "platforms"
CAPTURED = "2026-12-01"
FIXTURES = sorted(PLATFORM_FIXTURES.glob("*/*.json"))
# Saved responses that are only part of what an import needs, refused with a message: a
# Mastodon /context response never holds the status it was asked about (the `thread-…` file
# combines one with its status).
PARTIAL = {
    "mastodon/context-social.tchncs.de-109303266941599451.json",
    "mastodon/context-social.tchncs.de-109303309876585639.json",
}
BLUESKY_V1 = PLATFORM_FIXTURES / "bluesky" / "getPostThread-jensroemer-3ljphoefymc2l.json"
BLUESKY_V2 = PLATFORM_FIXTURES / "bluesky" / "getPostThreadV2-blowdart-3ms2foehqt22h.json"


def fixture_id(path: Path) -> str:
    return path.relative_to(PLATFORM_FIXTURES).as_posix()


def transcript_name(path: Path) -> str:
    """A debate id from a fixture's file name: lower-case letters, digits, single hyphens."""
    cleaned = "".join(c if c.isalnum() else "-" for c in path.stem.lower())
    return "-".join(part for part in cleaned.split("-") if part)[:60].strip("-")


def require(platform: str) -> None:
    module = PLATFORMS[platform][0]
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not written yet")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["import", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_every_saved_response_is_in_the_table() -> None:
    # The parametrised tests below cover the folder as it is: at least one per platform.
    assert {path.parent.name for path in FIXTURES} == set(PLATFORMS)


@pytest.mark.parametrize("fixture", FIXTURES, ids=fixture_id)
def test_a_saved_response_imports_checks_clean_and_updates_to_the_same_bytes(
    fixture: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    platform = fixture.parent.name
    require(platform)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sources").mkdir()
    target = Path("sources") / f"{transcript_name(fixture)}.yaml"
    code, out, err = run(capsys, platform, str(fixture), "-o", str(target), "--captured", CAPTURED)
    if fixture_id(fixture) in PARTIAL:
        assert code == 1
        assert err.startswith("rejoinder import: error: ")
        assert "Traceback" not in err
        assert not target.exists()
        return
    assert code == 0, err
    assert out == ""
    assert err.endswith("; checked: 0 errors, 0 warnings\n"), err
    notes = err.splitlines()[:-1]  # what the importer says the contributor should know
    assert all(line.startswith("note: ") for line in notes), err
    document, problems = load_file(target)
    assert problems == []
    assert document is not None
    data = document.data
    assert data["id"] == transcript_name(fixture)
    assert data["sources"][0]["platform"] == platform
    assert data["sources"][0]["captured"] == CAPTURED
    assert data["posts"], "a thread has posts"
    assert all(post.get("platform_id") for post in data["posts"])
    before = target.read_bytes()
    code, out, err = run(capsys, "--update", str(target), str(fixture), "--captured", CAPTURED)
    assert (code, out) == (0, "")
    assert err.splitlines()[:-1] == notes
    assert err.splitlines()[-1] == (
        f"{target}: no changes, not rewritten; checked: 0 errors, 0 warnings"
    )
    assert target.read_bytes() == before


def import_all(folder: Path, capsys: Any) -> list[str]:
    """Every importable fixture into ``folder``; the ids written."""
    written = []
    for fixture in FIXTURES:
        platform = fixture.parent.name
        if (
            fixture_id(fixture) in PARTIAL
            or importlib.util.find_spec(PLATFORMS[platform][0]) is None
        ):
            continue
        name = transcript_name(fixture)
        code, _, err = run(
            capsys,
            platform,
            str(fixture),
            "-o",
            str(folder / f"{name}.yaml"),
            "--captured",
            CAPTURED,
        )
        assert code == 0, err
        written.append(name)
    return written


def test_all_imported_fixtures_build_together_strictly(tmp_path: Path, capsys: Any) -> None:
    sources = tmp_path / "imported"
    sources.mkdir()
    written = import_all(sources, capsys)
    assert written, "no platform importer is written yet"
    assert main(["check", str(sources)]) == 0
    assert capsys.readouterr().out.endswith(
        f"checked {len(written)} transcripts: 0 errors, 0 warnings\n"
    )
    # As editors read them (YAML 1.2 and the published schema) and as yamllint does.
    for path in sorted(sources.glob("*.yaml")):
        VALIDATOR.validate(as_an_editor_reads(path.read_text(encoding="utf-8")))
    lint = subprocess.run(
        [str(BIN / "yamllint"), "--strict", "-c", str(REPO / ".yamllint.yaml"), str(sources)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert lint.returncode == 0, lint.stdout
    site = copy_site(tmp_path / "site", sources)
    done = sphinx_build(site, "-W", "-n", "-q", "-b", "html", "docs", "docs/_build/html")
    assert done.returncode == 0, done.stderr
    built = site / "docs" / "_build" / "html" / "debates"
    assert {path.stem for path in built.glob("*.html")} >= set(written)


def test_without_output_the_transcript_goes_to_standard_output(capsys: Any) -> None:
    require("bluesky")
    code, out, err = run(capsys, "bluesky", str(BLUESKY_V1), "--captured", CAPTURED)
    assert code == 0, err
    assert out.startswith("# yaml-language-server: $schema=")
    assert "\nposts:\n  - id: bsky-3ljphoefymc2l\n" in out
    assert err.endswith("imported 4 posts into standard output; checked: 0 errors, 0 warnings\n")


def test_standard_input_is_read_with_a_dash(
    capsys: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    require("bluesky")
    with BLUESKY_V1.open("rb") as stream:
        monkeypatch.setattr("sys.stdin", type("In", (), {"buffer": stream})())
        code, out, err = run(capsys, "bluesky", "-", "--captured", CAPTURED, "--id", "from-stdin")
    assert code == 0, err
    assert "\nid: from-stdin\n" in out


def test_the_output_file_name_is_the_default_id_and_id_overrides_it(
    tmp_path: Path, capsys: Any
) -> None:
    require("bluesky")
    first = tmp_path / "my-thread.yaml"
    assert run(capsys, "bluesky", str(BLUESKY_V1), "-o", str(first))[0] == 0
    assert "\nid: my-thread\n" in first.read_text("utf-8")
    second = tmp_path / "other.yaml"
    assert run(capsys, "bluesky", str(BLUESKY_V1), "-o", str(second), "--id", "chosen")[0] == 0
    assert "\nid: chosen\n" in second.read_text("utf-8")


def test_an_existing_file_is_never_overwritten(tmp_path: Path, capsys: Any) -> None:
    require("bluesky")
    target = tmp_path / "taken.yaml"
    target.write_text("hand-written\n", encoding="utf-8")
    code, out, err = run(capsys, "bluesky", str(BLUESKY_V1), "-o", str(target))
    assert (code, out) == (1, "")
    assert err == (
        f"rejoinder import: error: {target} already exists; nothing was written\n"
        f"  hint: to bring it up to date, run: rejoinder import --update {target}\n"
    )
    assert target.read_text("utf-8") == "hand-written\n"


def test_the_result_is_checked_with_the_transcripts_beside_it(tmp_path: Path, capsys: Any) -> None:
    require("bluesky")
    assert (
        run(capsys, "bluesky", str(BLUESKY_V1), "-o", str(tmp_path / "a.yaml"), "--id", "same")[0]
        == 0
    )
    code, _, err = run(
        capsys, "bluesky", str(BLUESKY_V1), "-o", str(tmp_path / "b.yaml"), "--id", "same"
    )
    assert code == 1
    assert f"{tmp_path / 'b.yaml'}:2:5: error: debate id 'same' is already used by" in err
    assert err.endswith("checked: 1 error, 0 warnings\n")
    assert (tmp_path / "b.yaml").is_file()  # written, so that it can be fixed
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["nowhere", "x.json"], 2, "unknown platform 'nowhere'; known platforms: bluesky, "),
        (["bluesky"], 2, "give the platform and the input"),
        (["bluesky", "missing.json"], 2, "missing.json: no such file"),
        (["bluesky", "{fixture}", "--captured", "5 March"], 2, "--captured '5 March' is not"),
        (["bluesky", "{fixture}", "--id", "Not An Id"], 2, "--id: "),
        (["bluesky", "{fixture}", "-o", "x.txt"], 2, "x.txt: a transcript file's name ends"),
        (["bluesky", "{notjson}"], 1, "notjson.json:1:1: not JSON: Expecting value"),
        (["bluesky", "{other}"], 1, ""),  # another platform's response: the importer says why
        (["--update", "absent.yaml"], 2, "absent.yaml: no such file"),
        (["x", "https://x.com/a/status/1"], 1, "X has no public read API that rejoinder can"),
        (["--update", "a.yaml", "--id", "b"], 2, "--update keeps the transcript's id; --id is"),
        (["--update", "a.yaml", "bluesky", "{fixture}"], 2, "with --update give at most the"),
    ],
)
def test_errors_are_one_clear_line_with_the_exit_code_of_check(
    argv: list[str],
    code: int,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
) -> None:
    require("bluesky")
    monkeypatch.chdir(tmp_path)
    Path("notjson.json").write_text("<html>a web page</html>", encoding="utf-8")
    other = PLATFORM_FIXTURES / "hackernews" / "algolia-items-17.json"
    argv = [word.format(fixture=BLUESKY_V1, notjson="notjson.json", other=other) for word in argv]
    got, out, err = run(capsys, *argv)
    assert (got, out) == (code, "")
    assert err.startswith(f"rejoinder import: error: {message}"), err
    assert "Traceback" not in err
    assert len([line for line in err.splitlines() if not line.startswith("  hint:")]) == 1


def test_an_error_quoting_the_input_shows_control_characters_as_escapes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    # The address a contributor pasted (or a platform's answer) is quoted in the message: an
    # escape sequence or a direction override in it must not reach the terminal.
    monkeypatch.chdir(tmp_path)
    got, _out, err = run(capsys, "bluesky", "https://\x1b[31mexample.org/\u202epost")
    assert got != 0
    assert "\x1b" not in err and "\u202e" not in err
    assert "\\x1b[31m" in err


def fake_get(responses: dict[str, Any]) -> Any:
    asked: list[str] = []

    def get(url: str) -> Any:
        asked.append(url)
        if url not in responses:
            raise FetchError(f"{url}: the server answered 404 Not Found")
        return responses[url]

    get.asked = asked  # type: ignore[attr-defined]
    return get


def test_a_web_address_is_fetched_through_the_platform_and_get(tmp_path: Path, capsys: Any) -> None:
    require("bluesky")
    address = "https://bsky.app/profile/jensroemer.bsky.social/post/3ljphoefymc2l"
    data = json.loads(BLUESKY_V1.read_text("utf-8"))
    recorded: dict[str, Any] = {}

    def get(url: str) -> Any:
        recorded[url] = True
        if "resolveHandle" in url:
            return {"did": "did:plc:laqygfbyvnkyuhsuaxmp6ez3"}
        return data

    target = tmp_path / "fetched.yaml"
    args = build_parser().parse_args(["import", "bluesky", address, "-o", str(target)])
    assert run_import(args, get=get) == 0, capsys.readouterr().err
    assert recorded, "the platform fetched through the given get"
    assert all(url.startswith("https://") for url in recorded)
    document, _ = load_file(target)
    assert document is not None
    assert document.data["sources"][0]["thread"].startswith("https://bsky.app/")


def test_a_failed_fetch_is_one_line(tmp_path: Path, capsys: Any) -> None:
    require("bluesky")
    args = build_parser().parse_args(
        ["import", "bluesky", "https://bsky.app/profile/a.example/post/3abc"]
    )
    assert run_import(args, get=fake_get({})) == 1
    err = capsys.readouterr().err
    assert err.startswith("rejoinder import: error: https://")
    assert "404 Not Found" in err
    assert len(err.splitlines()) == 1


def test_opted_out_posts_are_withheld_unless_the_contributor_chooses(capsys: Any) -> None:
    require("bluesky")
    _, withheld, _ = run(capsys, "bluesky", str(BLUESKY_V2), "--captured", CAPTURED)
    _, included, _ = run(
        capsys, "bluesky", str(BLUESKY_V2), "--captured", CAPTURED, "--include-opted-out"
    )
    assert "status: withheld" in withheld
    assert "status: withheld" not in included


def deep_chain(levels: int) -> str:
    """A Bluesky getPostThread v1 response: a chain of ``levels`` replies, each answering the
    one before, written as JSON text without recursion (two JSON levels per reply)."""
    opening, closing = [], []
    parent = None
    for number in range(levels + 1):
        uri = f"at://did:plc:chain/app.bsky.feed.post/3chain{number:07d}"
        record: dict[str, Any] = {
            "$type": "app.bsky.feed.post",
            "text": f"Reply {number}",
            "createdAt": f"2026-05-20T12:{number // 60 % 60:02d}:{number % 60:02d}.000Z",
        }
        if parent is not None:
            root = {"uri": "at://did:plc:chain/app.bsky.feed.post/3chain0000000", "cid": "c0"}
            record["reply"] = {"parent": {"uri": parent, "cid": "c"}, "root": root}
        post = {
            "uri": uri,
            "cid": f"c{number}",
            "author": {"did": "did:plc:chain", "handle": "chain.example"},
            "record": record,
            "indexedAt": record["createdAt"],
        }
        head = json.dumps({"$type": "app.bsky.feed.defs#threadViewPost", "post": post})
        opening.append(head[:-1] + ', "replies": [')
        closing.append("]}")
        parent = uri
    return '{"thread": ' + "".join(opening) + "".join(closing) + "}"


def test_a_thread_nested_deeper_than_the_json_parser_recurses_is_read(
    tmp_path: Path, capsys: Any
) -> None:
    # 1,000 replies deep (Bluesky's own limit) is 2,000 JSON levels: twice Python's default
    # recursion limit.
    require("bluesky")
    saved = tmp_path / "deep.json"
    saved.write_text(deep_chain(1000), encoding="utf-8")
    code, out, err = run(capsys, "bluesky", str(saved), "--captured", CAPTURED)
    assert code == 0, err
    assert out.count("\n  - id: ") == 1001
    assert err.endswith("imported 1001 posts into standard output; checked: 0 errors, 0 warnings\n")


def test_json_nested_past_any_thread_is_refused_in_one_line(tmp_path: Path, capsys: Any) -> None:
    require("bluesky")
    saved = tmp_path / "bomb.json"
    saved.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    code, _, err = run(capsys, "bluesky", str(saved))
    assert code == 1
    assert err == (
        f"rejoinder import: error: {saved}: the JSON is nested more than 100,000 levels deep\n"
    )


def test_a_missing_or_broken_importer_fails_alone_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    (tmp_path / "broken_importer.py").write_text("raise RuntimeError('half written')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(PLATFORMS, "bluesky", ("rejoinder.importers.absent", "Bluesky"))
    monkeypatch.setitem(PLATFORMS, "reddit", ("broken_importer", "Reddit"))
    assert run(capsys, "bluesky", "x.json")[::2] == (
        2,
        "rejoinder import: error: the Bluesky importer (rejoinder.importers.absent) is not "
        "installed in this copy of rejoinder\n",
    )
    assert run(capsys, "reddit", "x.json")[::2] == (
        2,
        "rejoinder import: error: the Reddit importer (broken_importer) cannot be loaded: "
        "RuntimeError: half written\n",
    )
    # The other platforms and commands still work.
    assert main(["schema"]) == 0


@pytest.mark.parametrize(
    "fixture", [f for f in FIXTURES if fixture_id(f) not in PARTIAL], ids=fixture_id
)
def test_an_update_puts_a_missing_post_back_where_the_platform_shows_it(
    fixture: Path, tmp_path: Path, capsys: Any
) -> None:
    """Importing a thread, then taking out one post nothing else points at (as if it had been
    written after the first import), then updating from the same response gives back the first
    import byte for byte: the post returns to its place, and nothing else changes."""
    platform = fixture.parent.name
    require(platform)
    target = tmp_path / "thread.yaml"
    assert run(capsys, platform, str(fixture), "-o", str(target), "--captured", CAPTURED)[0] == 0
    imported = target.read_text("utf-8")
    document, _ = load_file(target)
    assert document is not None
    posts = document.data["posts"]
    pointed_at = {post.get(key) for post in posts for key in ("replies_to", "quotes")}
    free = [post for post in posts[1:] if post["id"] not in pointed_at]
    if not free:
        pytest.skip("no post but the first can be taken out: one post, or all answered")
    taken = free[len(free) // 2]  # one from the middle, where order matters
    document.data["posts"] = [post for post in posts if post is not taken]
    target.write_text(imported.split("\n", 1)[0] + "\n" + emit(document.data, schema_line=None))
    code, _, err = run(capsys, "--update", str(target), str(fixture), "--captured", CAPTURED)
    assert code == 0, err
    assert f"added 1 post: {taken['id']}\n" in err
    assert target.read_text("utf-8") == imported


def test_the_written_file_has_an_ordinary_mode_and_an_update_keeps_it(
    tmp_path: Path, capsys: Any
) -> None:
    require("bluesky")
    target = tmp_path / "thread.yaml"
    old_mask = os.umask(0o022)
    try:
        assert run(capsys, "bluesky", str(BLUESKY_V1), "-o", str(target))[0] == 0
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    target.chmod(0o664)
    code, _, err = run(capsys, "--update", str(target), str(BLUESKY_V1), "--captured", "2099-01-01")
    assert code == 0, err
    assert "capture date" in err
    assert stat.S_IMODE(target.stat().st_mode) == 0o664
