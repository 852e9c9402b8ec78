"""The format holds what real threads contain (issue 11): media without text, posts no longer
shown, titles and scores, links beside quotes, languages, edits, coverage, restated claims and
platform ids. Each new field is read as written, documented, and checked where it can be wrong;
the located errors of each failure mode are in tests/bad/v2-*.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rejoinder import model
from rejoinder.corpus import check_paths
from rejoinder.loader import load_text
from rejoinder.problems import MAX_HINTED_PER_FILE, Code, Problem
from rejoinder.validate import check_document
from support import BAD, GOOD, REPO, RunCli
from test_schema_yaml12 import VALIDATOR, as_an_editor_reads

SMALL = """\
id: field-thread
title: Is the field idle?
summary: Two residents disagree about a field.
sources:
  - title: Ada's thread · Bluesky
    platform: bluesky
participants:
  ada:
    name: Ada
references:
  link-1:
    title: Council report on land use
    url: https://council.example.org/land-use
posts:
  - id: opening
    author: ada
    platform_id: "101"
    text: The field is idle all year.
    claims:
      - id: idle
        statement: The field is idle.
        quote: The field is idle
  - id: reply
    author: ada
    platform_id: "102"
    replies_to: opening
{reply}"""


def _problems(text: str) -> list[Problem]:
    doc, problems = load_text(text, "t.yaml")
    assert doc is not None, problems
    return problems + check_document(doc).problems


def _checked(reply: str) -> list[Problem]:
    return _problems(SMALL.format(reply=reply))


def _post(reply: str, index: int = 1) -> model.Post:
    doc, problems = load_text(SMALL.format(reply=reply), "t.yaml")
    assert doc is not None and not problems
    checked = check_document(doc)
    assert checked.problems == [] and checked.transcript is not None, checked.problems
    return checked.transcript.posts[index]


# --- what is read -----------------------------------------------------------------------------


def test_the_imported_thread_fixture_reads_as_written() -> None:
    corpus = check_paths([GOOD], jobs=1)
    assert corpus.problems == []
    thread = next(
        item.transcript
        for item in corpus.checked
        if item.transcript and item.transcript.id == "imported-thread"
    )
    assert thread.coverage == model.Coverage(
        state="partial",
        replies_claimed=922,
        selection="The API's default depth of 6 and the first 100 replies per post.",
        left_out=("at://did:plc:dana/app.bsky.feed.post/3kleftout",),
    )
    source = thread.sources[0]
    assert (source.platform, source.api) == ("bluesky", "app.bsky.feed.getPostThread")
    assert thread.participants["dana"].account_id == "did:plc:dana0000000000000000000"
    posts = {post.id: post for post in thread.posts}
    image_only = posts["bsky-3kabd"]
    assert image_only.text is None and image_only.status == "shown"
    assert [(m.kind, m.alt) for m in image_only.media] == [
        ("image", "A field of solar panels under a grey sky."),
        ("gif", None),  # no alt text given: none is invented
    ]
    first = posts["bsky-3kabc"]
    assert first.quotes == "energy-debate:ada-opening" and first.links == ("link-1",)
    assert first.languages == ("en", "de")
    assert (
        first.edited_at is not None and first.edited_at.isoformat() == "2026-05-21T09:30:00+00:00"
    )
    assert first.metrics is not None
    assert (first.metrics.points, first.metrics.score) == ("412", "1.5k")
    assert [name for name, _ in first.metrics.shown()] == [
        "likes",
        "points",
        "score",
        "upvotes",
        "downvotes",
    ]
    assert first.claims[0].same_as == "energy-debate:ada-opening#payback"
    assert posts["hn-101"].platform_id == "101"  # quoted in YAML: text either way
    assert posts["hn-101"].edited_as_shown == "edited"
    withheld = posts["bsky-3kabe"]
    assert (withheld.status, withheld.text, withheld.author) == ("withheld", None, "unknown")
    deleted = posts["bsky-3kabf"]
    assert deleted.status == "deleted" and deleted.text == "Never mind, wrong picture."
    assert str(deleted.disappeared) == "2026-06-02"


@pytest.mark.parametrize("status", ["deleted", "removed", "withheld", "blocked", "not-found"])
def test_a_post_not_shown_needs_no_text(status: str) -> None:
    post = _post(f"    status: {status}\n    status_note: Shown as a placeholder.\n")
    assert (post.status, post.text) == (status, None)


def test_a_post_not_shown_may_keep_its_last_text() -> None:
    post = _post("    status: deleted\n    disappeared: 2026-06-02\n    text: As last captured.\n")
    assert post.text == "As last captured."


def test_an_image_only_post_needs_no_text() -> None:
    post = _post("    media:\n      - kind: video\n        url: https://cdn.example.org/v.mp4\n")
    assert post.text is None and post.media[0].kind == "video"


def test_a_link_post_with_only_its_title_needs_no_text() -> None:
    post = _post("    title: Council publishes its report\n    links: [link-1]\n")
    assert (post.title, post.text, post.links) == (
        "Council publishes its report",
        None,
        ("link-1",),
    )


def test_a_bare_link_card_or_quote_needs_no_text() -> None:
    assert _post("    links: [link-1]\n").text is None
    assert _post("    quotes: opening\n").text is None


def test_quotes_on_a_post_of_a_bare_link_card_say_it_has_no_text() -> None:
    reply = (
        "    links: [link-1]\n    annotations:\n      - by: Ed\n        note: N.\n        span: x\n"
    )
    (problem,) = _checked(reply)
    assert problem.message == (
        "this annotation span must occur in the post's text, but this post has no text"
    )


def test_a_post_may_quote_a_post_and_link_a_page() -> None:
    post = _post("    quotes: opening\n    links: [link-1]\n    text: See this.\n")
    assert (post.quotes, post.links) == ("opening", ("link-1",))


# --- what is refused ----------------------------------------------------------------------------


def test_a_shown_post_with_nothing_to_show_is_one_problem_that_does_not_contradict_itself() -> None:
    """The issue: the hint looped between "must not be empty" and "missing required key"."""
    (left_out,) = _checked("    claims:\n      - id: c\n        statement: S.\n        quote: S\n")
    assert left_out.code is Code.INCONSISTENT
    assert left_out.message == (
        "posts[1]: this post shows nothing: it has no text, media, title, links or quoted post"
    )
    assert left_out.hint is not None
    for word in ("text:", "media:", "title:", "links:", "quotes:", "status:"):
        assert word in left_out.hint
    (empty,) = _checked('    text: ""\n')
    assert empty.message == "posts[1].text: must not be empty"
    assert empty.hint is not None and "required" not in empty.hint
    for word in ("media:", "title:", "links:", "quotes:", "status:"):
        assert word in empty.hint
    (said,) = _checked("    status: shown\n    media: []\n")
    assert said.message.endswith("and its status is 'shown'")


def test_quotes_on_a_post_without_text_say_so() -> None:
    reply = (
        "    status: removed\n"
        "    claims:\n      - id: c\n        statement: S.\n        quote: gone words\n"
    )
    (problem,) = _checked(reply)
    assert problem.code is Code.QUOTE
    assert "this post has no text" in problem.message
    assert (problem.line, problem.column) == (31, 16)


@pytest.mark.parametrize(
    ("written", "count"), [("0", 0), ("922", 922), ("'922'", 922), ("0922", 922)]
)
def test_replies_claimed_is_a_count_written_in_digits(written: str, count: int) -> None:
    text = SMALL.format(reply="    text: No.\n") + (
        f"coverage:\n  state: complete\n  replies_claimed: {written}\n"
    )
    doc, problems = load_text(text, "t.yaml")
    assert doc is not None and not problems
    checked = check_document(doc)
    assert checked.problems == [] and checked.transcript is not None
    assert checked.transcript.coverage is not None
    assert checked.transcript.coverage.replies_claimed == count
    VALIDATOR.validate(as_an_editor_reads(text))


@pytest.mark.parametrize("written", ["-1", "+5", "many", "1e3", "0x10", "1_000", "9.5", "null"])
def test_replies_claimed_refuses_what_is_not_a_count(written: str) -> None:
    text = SMALL.format(reply="    text: No.\n") + (
        f"coverage:\n  state: partial\n  replies_claimed: {written}\n"
    )
    (problem,) = _problems(text)
    assert problem.message == (
        f"coverage.replies_claimed: '{written}' is not a count: a whole number of 0 or more, "
        "in digits"
    )
    assert (problem.line, problem.column) == (30, 20)


# Not "null": editors read it as they read an empty value, which the checker takes as no count.
@pytest.mark.parametrize("written", ["-1", "many", "9.5"])
def test_editors_refuse_those_counts_too(written: str) -> None:
    text = SMALL.format(reply="    text: No.\n") + (
        f"coverage:\n  state: partial\n  replies_claimed: {written}\n"
    )
    assert list(VALIDATOR.iter_errors(as_an_editor_reads(text)))


def test_platform_ids_are_unique_in_a_transcript_not_across_transcripts(
    tmp_path: Path, run_cli: RunCli
) -> None:
    text = SMALL.format(reply="    text: No.\n")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(text.replace("id: field-thread", "id: other"), "utf-8")
    result = run_cli(["check", "."], cwd=tmp_path)
    assert (result.code, result.out) == (0, "checked 2 transcripts: 0 errors, 0 warnings\n")
    (twice,) = _problems(text.replace('platform_id: "102"', 'platform_id: "101"'))
    assert twice.code is Code.DUPLICATE_ID
    assert twice.message == "platform_id '101' is already given to post 'opening' on line 17"


def _two_debates(folder: Path, same_as: str) -> str:
    """This transcript and another (id ``other``) whose reply restates ``same_as``."""
    (folder / "a.yaml").write_text(SMALL.format(reply="    text: No.\n"), encoding="utf-8")
    other = SMALL.replace("id: field-thread", "id: other").format(
        reply=(
            "    text: Idle, yes.\n    claims:\n      - id: again\n"
            f"        statement: The field is idle.\n        same_as: {same_as}\n"
        )
    )
    (folder / "b.yaml").write_text(other, encoding="utf-8")
    return other


def test_same_as_may_name_a_claim_of_another_transcript(tmp_path: Path, run_cli: RunCli) -> None:
    _two_debates(tmp_path, "field-thread:opening#idle")
    result = run_cli(["check", "."], cwd=tmp_path)
    assert (result.code, result.out) == (0, "checked 2 transcripts: 0 errors, 0 warnings\n")


@pytest.mark.parametrize(
    ("same_as", "message"),
    [
        (
            "field-thread:opening",
            "same_as names a post, not a claim ('opening')",
        ),
        ("field-thread:opening#idel", "same_as: post 'opening' has no claim 'idel'"),
        ("field-thread:closing#idle", "same_as: no post 'closing' in transcript 'field-thread'"),
        ("reply#again", "same_as: a claim cannot restate itself"),
        ("reply", "same_as names a post, not a claim ('reply')"),
    ],
)
def test_same_as_must_name_another_existing_claim(
    same_as: str, message: str, tmp_path: Path, run_cli: RunCli
) -> None:
    other = _two_debates(tmp_path, same_as)
    result = run_cli(["check", "--no-source", "."], cwd=tmp_path)
    line = other.splitlines().index(f"        same_as: {same_as}") + 1
    assert result.out.startswith(f"b.yaml:{line}:18: error: {message} [reference]\n"), result.out
    assert result.out.endswith("checked 2 transcripts: 1 error, 0 warnings\n")


# --- documented and published -------------------------------------------------------------------

NEW_RECORDS = (model.Media, model.Coverage)
NEW_FIELDS = {
    model.Post: (
        "platform_id",
        "status",
        "status_note",
        "disappeared",
        "title",
        "media",
        "links",
        "languages",
        "edited_at",
        "edited_as_shown",
    ),
    model.Metrics: ("points", "score", "upvotes", "downvotes"),
    model.Participant: ("account_id",),
    model.Claim: ("same_as",),
    model.Transcript: ("coverage",),
    model.Source: ("platform", "thread", "api"),
}
FORMAT_PAGE = (REPO / "docs" / "format.md").read_text(encoding="utf-8")


def test_every_field_of_the_format_is_on_the_format_page() -> None:
    records = [model.Transcript, model.Source, model.Participant, model.Reference, model.Post]
    records += [model.Metrics, model.Claim, model.Annotation, model.ArgumentEdge, *NEW_RECORDS]
    for record in records:
        for name in record.model_fields:
            assert f"`{name}`" in FORMAT_PAGE, f"{record.__name__}.{name}"
    for record, names in NEW_FIELDS.items():
        assert set(names) <= set(record.model_fields), record
    for status in model.POST_STATUSES:
        assert f"| `{status}` |" in FORMAT_PAGE


def test_the_format_pages_thread_example_is_valid_both_ways() -> None:
    section = FORMAT_PAGE.split("## Threads from platforms", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert example is not None
    text = "id: dana-thread\ntitle: Dana on the farm\nsummary: A thread.\n" + example.group(1)
    assert _problems(text) == []
    VALIDATOR.validate(as_an_editor_reads(text))


def test_each_v2_failure_mode_has_a_bad_fixture() -> None:
    names = {path.stem for path in BAD.glob("v2-*.yaml")}
    for needed in (
        "v2-link-unknown",
        "v2-same-as-post",
        "v2-same-as-self",
        "v2-platform-id-duplicate",
        "v2-replies-claimed-negative",
        "v2-replies-claimed-word",
        "v2-media-kind-typo",
        "v2-edited-at-number",
        "v2-quote-without-text",
        "v2-text-missing-media-empty",
    ):
        assert needed in names


@pytest.mark.parametrize(
    "name",
    [
        "v2-replies-claimed-negative",
        "v2-replies-claimed-word",
        "v2-coverage-state-typo",
        "v2-coverage-no-state",
        "v2-media-kind-typo",
        "v2-media-no-kind",
        "v2-media-url-bad",
        "v2-status-typo",
        "v2-platform-typo",
        "v2-edited-at-number",
        "v2-edited-at-no-offset",
        "v2-text-missing-media-empty",
    ],
)
def test_editors_refuse_the_shapes_the_checker_refuses(name: str) -> None:
    text = (BAD / f"{name}.yaml").read_text(encoding="utf-8")
    assert _problems(text)
    assert list(VALIDATOR.iter_errors(as_an_editor_reads(text))), name


def test_links_are_hinted_like_other_references_only_for_a_files_first_problems() -> None:
    """Many unknown links cost no search each: past the first problems, the plain advice."""
    links = "".join(f"      - link-{number}x\n" for number in range(MAX_HINTED_PER_FILE + 5))
    text = SMALL.format(reply="    text: No.\n").replace(
        '    platform_id: "101"\n', f'    platform_id: "101"\n    links:\n{links}'
    )
    problems = _problems(text)
    assert len(problems) == MAX_HINTED_PER_FILE + 5
    assert [p.hint for p in problems[:2]] == ["did you mean 'link-1'?"] * 2
    assert problems[-1].hint == (
        f"add 'link-{MAX_HINTED_PER_FILE + 4}x' under references (with its title and url), "
        "or remove the entry"
    )
