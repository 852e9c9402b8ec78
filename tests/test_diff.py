"""`rejoinder diff BASE` on real git histories made in tmp_path: what a change does to the
debates, as the Markdown of a pull-request comment."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pydantic import BaseModel
from rejoinder.cli.diff import (
    CLAIM_DETAILS,
    CLAIM_NOT_DETAILS,
    CLAIM_TEXTS,
    DEBATE_FIELDS,
    DEBATE_NOT_FIELDS,
    EDGE_FIELDS,
    MAX_DIFF_LINES,
    POST_DETAILS,
    POST_NOT_DETAILS,
    POST_TEXTS,
    Comparison,
    Side,
    code,
    compare,
    render_markdown,
)
from rejoinder.corpus import check_paths
from rejoinder.graph import CardKey
from rejoinder.model import Claim, Post, Transcript
from support import GOOD, RunCli

DEBATE = (GOOD / "energy-debate.yaml").read_text(encoding="utf-8")
REJOINDER = (GOOD / "energy-rejoinder.yaml").read_text(encoding="utf-8")
HEADING = "## Rejoinder: what this change does to the debates\n\n"


@pytest.fixture(autouse=True)
def _plain_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """No user or system git configuration (signing, hooks, templates) in these tests."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose first commit holds the two good transcripts in sources/."""
    root = tmp_path / "repo"
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "energy-debate.yaml").write_text(DEBATE, encoding="utf-8")
    (root / "sources" / "energy-rejoinder.yaml").write_text(REJOINDER, encoding="utf-8")
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", ".")
    git(root, "commit", "--quiet", "-m", "two debates")
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def short(repo: Path, revision: str = "HEAD") -> str:
    return git(repo, "rev-parse", revision)[:12]


def _diff(run_cli: RunCli, repo: Path, *args: str) -> str:
    result = run_cli(["diff", *args], cwd=repo)
    assert (result.code, result.err) == (0, ""), result.err
    return result.out


def _rejoinder_edit(repo: Path) -> None:
    """Carol's text changes, her 'supports' becomes a rebuttal, and she adds a post."""
    path = repo / "sources" / "energy-rejoinder.yaml"
    edit(
        path,
        "The payback period assumes prices that have already fallen.",
        "The payback period assumes prices that have since fallen.",
    )
    edit(
        path,
        "    arguments:\n      - supports: energy-debate:bob-reply\n",
        "    arguments:\n      - rebuts: energy-debate:bob-reply#grazing\n"
        "  - id: carol-second\n"
        "    author: carol\n"
        "    text: Also, the sheep could graze under the panels.\n"
        "    claims:\n"
        "      - id: sheep-fit\n"
        "        statement: Sheep can graze under panels.\n"
        "        arguments:\n"
        "          - concedes: energy-debate:anonymous-quote\n",
    )


EDIT_REPORT = """\
1 debate edited, 2 cards added, 1 text changed, 2 edges added, 1 edge removed, 4 cards answered \
differently.

### Debates (1)

- edited `energy-rejoinder` (posts changed)

### Cards added (2)

- `energy-rejoinder:carol-second`: post by `carol`
- `energy-rejoinder:carol-second#sheep-fit`: claim

### Texts changed (1)

<details>
<summary><code>energy-rejoinder:carol-answer</code>: post text</summary>

```diff
@@ -1 +1 @@
-The payback period assumes prices that have already fallen.
+The payback period assumes prices that have since fallen.
```

</details>

### Edges added (2)

- `energy-rejoinder:carol-answer` rebuts `energy-debate:bob-reply#grazing`
- `energy-rejoinder:carol-second#sheep-fit` concedes `energy-debate:anonymous-quote`

### Edges removed (1)

- `energy-rejoinder:carol-answer` supports `energy-debate:bob-reply`

### Backlinks and statuses affected (4)

| card | status | backlinks |
| --- | --- | --- |
| `energy-debate:ada-opening#idle-land` (elsewhere) | challenged (1) → challenge answered | \
a rebuttal of it now stands or falls |
| `energy-debate:bob-reply` (elsewhere) | answered | − supported by \
`energy-rejoinder:carol-answer` |
| `energy-debate:bob-reply#grazing` (elsewhere) | answered → challenged (1) | + rebutted by \
`energy-rejoinder:carol-answer` |
| `energy-debate:anonymous-quote` (elsewhere) | unanswered → answered, conceded by Carol | \
+ conceded by `energy-rejoinder:carol-second#sheep-fit` |

*Elsewhere*: in a debate this change does not edit.
"""


def test_working_tree_against_the_last_commit(run_cli: RunCli, repo: Path) -> None:
    _rejoinder_edit(repo)
    out = _diff(run_cli, repo, "HEAD")
    assert out == f"{HEADING}Compared with `HEAD` (`{short(repo)}`): {EDIT_REPORT}"
    # The working tree is read, never written.
    assert git(repo, "status", "--porcelain") == "M sources/energy-rejoinder.yaml"


def test_two_commits(run_cli: RunCli, repo: Path) -> None:
    _rejoinder_edit(repo)
    git(repo, "commit", "--quiet", "-am", "carol answers again")
    base = short(repo, "HEAD~1")
    out = _diff(run_cli, repo, "HEAD~1")
    assert out == f"{HEADING}Compared with `HEAD~1` (`{base}`): {EDIT_REPORT}"
    # Against its own commit the clean tree shows nothing.
    assert _diff(run_cli, repo, "HEAD") == (
        f"{HEADING}Compared with `HEAD` (`{short(repo)}`): no change to the debates.\n"
    )
    # A branch name works as well as a revision expression.
    git(repo, "branch", "before", "HEAD~1")
    assert EDIT_REPORT in _diff(run_cli, repo, "before")


def test_a_debate_added(run_cli: RunCli, repo: Path) -> None:
    answer = REJOINDER.replace("id: energy-rejoinder", "id: second-rejoinder").replace(
        "rebuts: energy-debate:ada-opening#payback", "rebuts: energy-debate:ada-opening#idle-land"
    )
    (repo / "sources" / "second-rejoinder.yaml").write_text(answer, encoding="utf-8")
    out = _diff(run_cli, repo, "main")
    assert out.startswith(
        f"{HEADING}Compared with `main` (`{short(repo)}`): 1 debate added, 2 cards added, "
        "2 edges added, 2 cards answered differently.\n"
    )
    assert "- added `second-rejoinder`: `A rejoinder on the solar farm`\n" in out
    assert "- `second-rejoinder:carol-answer`: post by `carol`\n" in out
    assert (
        "| `energy-debate:ada-opening#idle-land` (elsewhere) | challenged (1) → challenged (2) "
        "| + rebutted by `second-rejoinder:carol-answer#prices-fell` |\n"
    ) in out
    # Its post is not: a rebuttal of a claim counts against the claim.
    assert "| `energy-debate:ada-opening` (elsewhere)" not in out
    assert "| `energy-debate:bob-reply` (elsewhere) | answered | + supported by" in out


def test_a_debate_removed(run_cli: RunCli, repo: Path) -> None:
    (repo / "sources" / "energy-rejoinder.yaml").unlink()
    out = _diff(run_cli, repo, "HEAD")
    assert "1 debate removed, 2 cards removed, 2 edges removed" in out
    assert "- removed `energy-rejoinder`: `A rejoinder on the solar farm`\n" in out
    assert "- `energy-rejoinder:carol-answer#prices-fell`: claim\n" in out
    assert (
        "| `energy-debate:ada-opening#payback` (elsewhere) | challenged (1), conceded by unknown "
        "author → answered, conceded by unknown author "
        "| − rebutted by `energy-rejoinder:carol-answer#prices-fell` |\n"
    ) in out


def test_a_card_removed_in_the_same_debate_is_not_elsewhere(run_cli: RunCli, repo: Path) -> None:
    edit(
        repo / "sources" / "energy-debate.yaml",
        "      - qualifies: bob-reply#grazing\n",
        "",
    )
    out = _diff(run_cli, repo, "HEAD")
    assert "- edited `energy-debate` (posts changed)\n" in out
    assert "- `energy-debate:anonymous-quote` qualifies `energy-debate:bob-reply#grazing`\n" in out
    assert (
        "| `energy-debate:bob-reply#grazing` | answered → unanswered "
        "| − qualified by `energy-debate:anonymous-quote` |\n"
    ) in out


def test_details_claims_and_notes(run_cli: RunCli, repo: Path) -> None:
    path = repo / "sources" / "energy-debate.yaml"
    edit(path, "title: Should the town build a solar farm?", "title: Build a solar farm?")
    edit(path, "statement: The land is idle.", "statement: The land lies idle.")
    edit(path, "quote: Sheep graze there\n", "quote: Sheep graze there every summer\n")
    edit(path, "posted: 2026-05-21T08:00:00Z", "posted: 2026-05-21T08:05:00Z")
    edit(path, "note: Direct contradiction.", "note: A direct contradiction.")
    out = _diff(run_cli, repo, "HEAD")
    assert "- edited `energy-debate` (title, posts changed)\n" in out
    assert "<summary><code>energy-debate:ada-opening#idle-land</code>: claim statement" in out
    assert "-The land is idle.\n+The land lies idle.\n" in out
    assert "<summary><code>energy-debate:bob-reply#grazing</code>: claim quote" in out
    assert "### Other details changed (1)\n\n- `energy-debate:anonymous-quote`: posted\n" in out
    assert (
        "### Edge notes changed (1)\n\n"
        "- `energy-debate:bob-reply#grazing` rebuts `energy-debate:ada-opening#idle-land`\n"
    ) in out
    assert "answered differently" not in out


def test_a_transcript_with_errors_is_left_out_on_both_sides(run_cli: RunCli, repo: Path) -> None:
    # Broken beyond having an id: it is matched to its debate by its path.
    (repo / "sources" / "energy-rejoinder.yaml").write_text(
        REJOINDER + "  - id: [\n", encoding="utf-8"
    )
    out = _diff(run_cli, repo, "HEAD")
    assert out == (
        f"{HEADING}> [!WARNING]\n"
        "> These transcripts have errors and are left out of the comparison; "
        "`rejoinder check` lists the errors:\n"
        "> - `sources/energy-rejoinder.yaml`\n\n"
        f"Compared with `HEAD` (`{short(repo)}`): no change to the debates.\n"
    )
    # An error that keeps the id: the debate is still left out, not shown as changed.
    (repo / "sources" / "energy-rejoinder.yaml").write_text(
        REJOINDER.replace("author: carol", "author: carl"), encoding="utf-8"
    )
    assert "no change to the debates" in _diff(run_cli, repo, "HEAD")


def test_a_file_name_cannot_colour_or_reorder_the_comment(run_cli: RunCli, repo: Path) -> None:
    (repo / "sources" / "x\x1b[31m\u202e.yaml").write_text("id: [\n", encoding="utf-8")
    out = _diff(run_cli, repo, "HEAD")
    assert "> - `sources/x\\x1b[31m\\u202e.yaml`\n" in out
    assert "\x1b" not in out
    assert "\u202e" not in out


def test_a_base_revision_with_errors(run_cli: RunCli, repo: Path) -> None:
    edit(repo / "sources" / "energy-rejoinder.yaml", "author: carol", "author: carl")
    git(repo, "commit", "--quiet", "-am", "broken")
    edit(repo / "sources" / "energy-rejoinder.yaml", "author: carl", "author: carol")
    out = _diff(run_cli, repo, "HEAD")
    assert "> - `sources/energy-rejoinder.yaml (at the base revision)`\n" in out
    assert "no change to the debates" in out


def test_only_transcripts_in_the_sources_folder_count(run_cli: RunCli, repo: Path) -> None:
    (repo / "docs").mkdir()
    (repo / "docs" / "other.yaml").write_text(REJOINDER.replace("energy-rejoinder", "x"), "utf-8")
    (repo / "sources" / "notes.txt").write_text("not a transcript", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "other files")
    # Moving a transcript into a subfolder, as .yml, changes no debate.
    (repo / "sources" / "2026").mkdir()
    git(repo, "mv", "sources/energy-debate.yaml", "sources/2026/energy-debate.yml")
    (repo / "sources" / ".hidden.yaml").write_text("id: [", encoding="utf-8")
    assert _diff(run_cli, repo, "HEAD").endswith("no change to the debates.\n")


def test_sources_in_another_folder_and_a_base_without_it(run_cli: RunCli, repo: Path) -> None:
    content = repo / "content" / "debates"
    content.mkdir(parents=True)
    shutil.copy(repo / "sources" / "energy-debate.yaml", content)
    out = _diff(run_cli, repo, "HEAD", "--sources", "content/debates")
    assert "1 debate added, 6 cards added, 6 edges added." in out
    # Run from a subfolder of the repository, naming the folder from there.
    out_inside = _diff(run_cli, content, "HEAD", "--sources", ".")
    assert out_inside == out


def test_contributor_text_cannot_format_the_comment(run_cli: RunCli, repo: Path) -> None:
    path = repo / "sources" / "energy-rejoinder.yaml"
    edit(
        path,
        "    text: The payback period assumes prices that have already fallen.\n",
        "    text: |\n"
        "      The payback period assumes prices that have already fallen.\n"
        "      ```\n"
        "      </details> @ada see #1 and ````\n",
    )
    edit(path, "title: A rejoinder on the solar farm", "title: A `rejoinder` | @ada")
    out = _diff(run_cli, repo, "HEAD")
    assert "\n`````diff\n" in out  # a fence longer than any run of backticks in the text
    assert out.count("</details>") == 2  # the text's own is inside the fence
    # Outside fences and code spans there is no mention and no raw markup of the text's own.
    outside = re.sub(r"`````diff\n.*?\n`````", "", out, flags=re.DOTALL)
    outside = re.sub(r"(`+).*?\1", "", outside)
    assert "@" not in outside
    assert "- edited `energy-rejoinder` (title, posts changed)\n" in out


def test_long_texts_are_cut_short(run_cli: RunCli, repo: Path) -> None:
    lines = "".join(f"      line {number}\n" for number in range(100))
    edit(
        repo / "sources" / "energy-rejoinder.yaml",
        "    text: The payback period assumes prices that have already fallen.\n",
        "    text: |\n      The payback period assumes prices that have already fallen.\n" + lines,
    )
    out = _diff(run_cli, repo, "HEAD")
    body = out.split("```diff\n", 1)[1].split("\n```", 1)[0].splitlines()
    # The hunk header, the unchanged first line and 100 added lines, cut after MAX_DIFF_LINES.
    assert len(body) == MAX_DIFF_LINES + 1
    assert body[:2] == [
        "@@ -1 +1,101 @@",
        " The payback period assumes prices that have already fallen.",
    ]
    assert body[-1] == f"… {102 - MAX_DIFF_LINES} more lines"


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("plain", "`plain`"),
        ("a `b` c", "``a `b` c``"),
        ("`start", "`` `start ``"),
        ("two\nlines", "`two lines`"),
        ("```", "```` ``` ````"),
    ],
)
def test_code_spans(text: str, span: str) -> None:
    assert code(text) == span


def test_an_unknown_revision_is_a_usage_error(run_cli: RunCli, repo: Path) -> None:
    result = run_cli(["diff", "no-such-branch"], cwd=repo)
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "rejoinder diff: error: 'no-such-branch' is not a commit of this repository\n"
    )


def test_outside_a_repository_is_a_usage_error(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "sources").mkdir()
    result = run_cli(["diff", "HEAD"], cwd=tmp_path)
    assert (result.code, result.out) == (2, "")
    assert result.err == "rejoinder diff: error: sources is not inside a git repository\n"


def test_a_missing_sources_folder_is_a_usage_error(run_cli: RunCli, repo: Path) -> None:
    result = run_cli(["diff", "HEAD", "--sources", "nowhere"], cwd=repo)
    assert (result.code, result.err) == (2, "rejoinder diff: error: nowhere: no such folder\n")


def test_diff_needs_a_base(run_cli: RunCli, repo: Path) -> None:
    result = run_cli(["diff"], cwd=repo)
    assert result.code == 2
    assert "usage: rejoinder diff" in result.err


# --- every field of the model is compared, each as what it is -----------------------------------


def _good_transcripts() -> dict[str, Transcript]:
    corpus = check_paths([GOOD], jobs=1)
    assert corpus.problems == []
    return {item.transcript.id: item.transcript for item in corpus.checked if item.transcript}


GOOD_TRANSCRIPTS = _good_transcripts()


@pytest.mark.parametrize(
    ("record", "compared", "excluded"),
    [
        (Transcript, DEBATE_FIELDS, DEBATE_NOT_FIELDS),
        (Post, (*POST_DETAILS, *POST_TEXTS), POST_NOT_DETAILS - set(POST_TEXTS)),
        (Claim, (*CLAIM_DETAILS, *CLAIM_TEXTS), CLAIM_NOT_DETAILS - set(CLAIM_TEXTS)),
    ],
)
def test_every_field_is_compared_or_left_to_another_comparison(
    record: type[BaseModel], compared: tuple[str, ...], excluded: frozenset[str]
) -> None:
    """No stale names, no field forgotten: each is compared here or named as compared another
    way (a key, cards of their own, edges)."""
    fields = set(record.model_fields)
    assert excluded <= fields
    assert set(compared) | excluded == fields
    assert not set(compared) & excluded


def _changed(
    transcript: Transcript, post_index: int, claim_index: int | None, name: str
) -> tuple[Transcript, CardKey]:
    """``transcript`` with one field of one post (or claim) set to another value the good
    corpus holds for that field."""
    post = transcript.posts[post_index]
    record: Post | Claim = post if claim_index is None else post.claims[claim_index]
    others = [
        getattr(other, name)
        for debate in GOOD_TRANSCRIPTS.values()
        for some_post in debate.posts
        for other in ([some_post] if claim_index is None else some_post.claims)
    ]
    value = next(value for value in others if value != getattr(record, name))
    changed = record.model_copy(update={name: value})
    if claim_index is not None:
        claims = list(post.claims)
        claims[claim_index] = changed
        changed = post.model_copy(update={"claims": tuple(claims)})
        card = CardKey(transcript.id, post.id, post.claims[claim_index].id)
    else:
        card = CardKey(transcript.id, post.id)
    posts = list(transcript.posts)
    posts[post_index] = changed
    return transcript.model_copy(update={"posts": tuple(posts)}), card


def _compare_with(transcript: Transcript) -> Comparison:
    after = {**GOOD_TRANSCRIPTS, transcript.id: transcript}
    return compare(Side(dict(GOOD_TRANSCRIPTS)), Side(after))


def _reported(result: Comparison, card: CardKey, name: str, kind: str) -> bool:
    if name in EDGE_FIELDS:
        return bool(result.edges_added or result.edges_removed) or (
            (card, ["quotes"]) in result.details_changed
        )
    if name in ("id", "claims"):
        return bool(result.cards_added or result.cards_removed)
    if name in (POST_TEXTS if kind == "post" else CLAIM_TEXTS):
        return [change.what for change in result.texts_changed] == [f"{kind} {name}"]
    return result.details_changed == [(card, [name])]


@pytest.mark.parametrize("name", list(Post.model_fields))
def test_a_change_to_any_field_of_a_post_is_reported(name: str) -> None:
    debate = GOOD_TRANSCRIPTS["energy-debate"]
    index = next(i for i, post in enumerate(debate.posts) if post.id == "anonymous-quote")
    changed, card = _changed(debate, index, None, name)
    assert _reported(_compare_with(changed), card, name, "post")


@pytest.mark.parametrize("name", list(Claim.model_fields))
def test_a_change_to_any_field_of_a_claim_is_reported(name: str) -> None:
    debate = GOOD_TRANSCRIPTS["energy-debate"]
    index = next(i for i, post in enumerate(debate.posts) if post.id == "bob-reply")
    changed, card = _changed(debate, index, 0, name)
    assert _reported(_compare_with(changed), card, name, "claim")


def test_a_post_quoting_another_reference_is_reported() -> None:
    """A quoted reference is no card, so no edge: the change is a detail."""
    debate = GOOD_TRANSCRIPTS["energy-debate"]
    other = debate.references["council-report"].model_copy(update={"title": "Other report"})
    debate = debate.model_copy(update={"references": {**debate.references, "other-report": other}})
    before = {**GOOD_TRANSCRIPTS, debate.id: debate}
    index = next(i for i, post in enumerate(debate.posts) if post.quotes == "council-report")
    posts = list(debate.posts)
    posts[index] = posts[index].model_copy(update={"quotes": "other-report"})
    after = {**before, debate.id: debate.model_copy(update={"posts": tuple(posts)})}
    result = compare(Side(before), Side(after))
    assert result.details_changed == [(CardKey(debate.id, posts[index].id), ["quotes"])]


@pytest.mark.parametrize("name", DEBATE_FIELDS)
def test_a_change_to_any_field_of_a_debate_is_reported(name: str) -> None:
    debate = GOOD_TRANSCRIPTS["energy-debate"]
    value = next(
        getattr(other, name)
        for other in GOOD_TRANSCRIPTS.values()
        if getattr(other, name) != getattr(debate, name)
    )
    result = _compare_with(debate.model_copy(update={name: value}))
    assert result.debates_edited == [(debate.id, [name])]


def test_a_post_losing_its_text_is_a_text_change_and_its_status_a_detail() -> None:
    """A re-import marks a post deleted and drops its text: the diff says both, and the
    comment shows the text removed."""
    debate = GOOD_TRANSCRIPTS["energy-debate"]
    index = next(i for i, post in enumerate(debate.posts) if post.id == "anonymous-quote")
    posts = list(debate.posts)
    posts[index] = posts[index].model_copy(update={"text": None, "status": "deleted"})
    result = _compare_with(debate.model_copy(update={"posts": tuple(posts)}))
    card = CardKey(debate.id, "anonymous-quote")
    assert [(c.card, c.what, c.after) for c in result.texts_changed] == [(card, "post text", "")]
    assert result.details_changed == [(card, ["status"])]
    comment = render_markdown(result, "main", "0" * 40)
    assert "-Both can be true: panels on stilts leave room for sheep." in comment
    assert "`energy-debate:anonymous-quote`: status" in comment
