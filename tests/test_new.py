"""`rejoinder new`: the skeleton it writes, what the checker says of it unfilled, part filled
and filled, and the files and ids it refuses to overwrite."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from filling import FILLED, fill, placeholders
from rejoinder.loader import load_text
from scratch import sphinx_build
from support import REPO, TESTS, RunCli

# A key whose value is a block scalar (literal or folded), perhaps followed by a comment.
BLOCK_START = re.compile(r":[ \t]+[|>][-+]?[ \t]*(?:#.*)?$")
SCHEMA_LINE = "# yaml-language-server: $schema=../docs/_static/transcript.schema.json"
LOCATED = re.compile(
    r"^(sources/my-debate\.yaml):(\d+):(\d+): (error|warning): (.*) \[([a-z-]+)\]$"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch checkout: an empty sources/ beside docs/ with the schema copy."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "docs" / "_static").mkdir(parents=True)
    shutil.copy(REPO / "docs" / "_static" / "transcript.schema.json", tmp_path / "docs" / "_static")
    return tmp_path


def _new(run_cli: RunCli, project: Path, *args: str) -> str:
    result = run_cli(["new", "my-debate", *args], cwd=project)
    assert (result.code, result.err) == (0, ""), result.err
    return result.out


def _errors(out: str) -> list[tuple[int, int, str, str]]:
    """(line, column, message, code) of every problem printed."""
    found = []
    for line in out.splitlines():
        match = LOCATED.match(line)
        if match:
            found.append((int(match[2]), int(match[3]), match[5], match[6]))
    return found


def test_new_writes_a_commented_skeleton(run_cli: RunCli, project: Path) -> None:
    out = _new(run_cli, project)
    assert out == (
        "wrote sources/my-debate.yaml\n"
        "next: replace each <TODO ...> placeholder with what the source shows, then run\n"
        "  rejoinder check sources/my-debate.yaml\n"
    )
    text = (project / "sources" / "my-debate.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_LINE
    assert "\nid: my-debate  #" in text
    assert ".venv/bin/rejoinder check sources/my-debate.yaml" in text
    # Every placeholder the tests fill is in the skeleton, and no other.
    assert placeholders(text) == set(FILLED)


def test_schema_line_names_the_schema_copy_from_the_sources_folder() -> None:
    reference = SCHEMA_LINE.split("$schema=", 1)[1]
    schema = (REPO / "sources" / reference).resolve()
    assert schema == REPO / "docs" / "_static" / "transcript.schema.json"
    assert schema.is_file()


def test_unfilled_skeleton_fails_naming_every_placeholder(run_cli: RunCli, project: Path) -> None:
    _new(run_cli, project)
    text = (project / "sources" / "my-debate.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    result = run_cli(["check", "--no-source"], cwd=project)
    assert result.code == 1
    errors = _errors(result.out)
    assert errors, result.out
    # Only placeholder errors: nothing cascades from a value not yet written.
    assert {code for *_, code in errors} == {"placeholder"}, result.out
    named: set[str] = set()
    for line, column, message, _code in errors:
        in_message = set(re.findall(r"<TODO[^<>]*>", message.split(": placeholder", 1)[1]))
        assert in_message, message
        # Located at the value (or key) holding the placeholder: a block of text is located
        # at its '|' or '>', the placeholder on the line below.
        shown = lines[line - 1]
        assert shown[column - 1] in '<"|>', (line, column, shown)
        holder = lines[line] if shown[column - 1] in "|>" else shown
        assert all(name in holder for name in in_message), (line, message)
        named |= in_message
    assert named == placeholders(text)
    # One error per line holding a placeholder outside comments.
    holding = [
        number
        for number, line in enumerate(lines, 1)
        if "<TODO" in line and not line.lstrip().startswith("#")
    ]
    blocks = {number - 1 for number in holding if BLOCK_START.search(lines[number - 2])}
    assert sorted(line for line, *_ in errors) == sorted(
        (set(holding) - {b + 1 for b in blocks}) | blocks
    )
    assert result.out.endswith(f"checked 1 transcript: {len(errors)} errors, 0 warnings\n")


def test_unfilled_skeleton_excerpt_shows_the_placeholder(run_cli: RunCli, project: Path) -> None:
    _new(run_cli, project)
    result = run_cli(["check", "sources/my-debate.yaml"], cwd=project)
    assert (
        "sources/my-debate.yaml:15:8: error: title: placeholder "
        "<TODO the debate's title, on one line> is not filled in [placeholder]\n"
        "  hint: write what the source shows, or delete the line if the key is optional\n"
        "    15 | title: <TODO the debate's title, on one line>\n"
        "       |        ^\n"
    ) in result.out


def test_filled_skeleton_passes_the_checker(run_cli: RunCli, project: Path) -> None:
    _new(run_cli, project)
    path = project / "sources" / "my-debate.yaml"
    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = run_cli(["check"], cwd=project)
    assert (result.code, result.out) == (0, "checked 1 transcript: 0 errors, 0 warnings\n")
    # The render step works on it too: the page has the debate's title.
    rendered = run_cli(["render", "sources/my-debate.yaml"], cwd=project)
    assert rendered.code == 0, rendered.err
    assert "# Should the library open on Sundays\\?" in rendered.out


SUMMARY = "<TODO two or three neutral sentences: who argues what, and where>"
# The summary as an editor wraps it, at the skeleton's indentation.
WRAPPED = ["Two residents disagree, on the town forum,", "about opening the library on Sundays."]


def _format_page_example() -> str:
    page = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", page.split("## A complete example", 1)[1], re.S)
    assert example is not None
    return example.group(1)


def _build_fixture_site(project: Path) -> Path:
    """Build ``project`` (its sources/ beside the basic test root's settings); the HTML folder."""
    root = TESTS / "roots" / "test-basic"
    for name in ("conf.py", "docutils.conf"):
        shutil.copy(root / name, project / name)
    (project / "index.md").write_text(
        "# Debates\n\n```{toctree}\ndebates/index\n```\n", encoding="utf-8"
    )
    built = sphinx_build(project, "-W", "-n", "-q", "-b", "html", ".", "_build")
    assert built.returncode == 0, built.stderr
    return project / "_build"


def test_a_wrapped_summary_is_one_paragraph_on_the_page(run_cli: RunCli, project: Path) -> None:
    """The skeleton's summary, wrapped over lines as editors do, and the format page's example:
    each page shows its summary as one paragraph, the lines joined by spaces, no line break."""
    _new(run_cli, project)
    path = project / "sources" / "my-debate.yaml"
    skeleton = path.read_text(encoding="utf-8")
    assert f"\n  {SUMMARY}\n" in skeleton
    path.write_text(fill(skeleton.replace(SUMMARY, "\n  ".join(WRAPPED))), encoding="utf-8")
    example = _format_page_example()
    (project / "sources" / "solar-farm.yaml").write_text(example, encoding="utf-8")
    example_lines = re.search(r"^summary: .*\n((?:  .*\n)+)", example, re.MULTILINE)
    assert example_lines is not None
    assert len(example_lines[1].splitlines()) > 1, "the example's summary is wrapped"
    html = _build_fixture_site(project)
    for debate, lines in (
        ("my-debate", WRAPPED),
        ("solar-farm", [line.strip() for line in example_lines[1].splitlines()]),
    ):
        page = BeautifulSoup(
            (html / "debates" / f"{debate}.html").read_text("utf-8"), "html.parser"
        )
        summary = page.select_one(".rj-summary")
        assert summary is not None, debate
        assert summary.find("br") is None, (debate, str(summary))
        paragraphs = summary.find_all("p")
        assert [p.get_text() for p in paragraphs] == [" ".join(lines)], str(summary)
        # The YAML says the same: the folded summary is one line.
        assert yaml.safe_load((project / "sources" / f"{debate}.yaml").read_text("utf-8"))[
            "summary"
        ] == " ".join(lines)


def test_filled_skeleton_is_valid_against_the_json_schema(run_cli: RunCli, project: Path) -> None:
    """What editors check against (the schema) agrees with the checker on the skeleton."""
    _new(run_cli, project)
    filled = fill((project / "sources" / "my-debate.yaml").read_text(encoding="utf-8"))
    doc, problems = load_text(filled, "x.yaml")
    assert doc is not None and not problems
    schema = json.loads((REPO / "docs" / "_static" / "transcript.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(doc.data)


@pytest.mark.parametrize("left", sorted(FILLED))
def test_each_placeholder_left_is_reported_alone(left: str, run_cli: RunCli, project: Path) -> None:
    """Filling all but one placeholder leaves errors naming that one only, wherever it is."""
    _new(run_cli, project)
    path = project / "sources" / "my-debate.yaml"
    text = path.read_text(encoding="utf-8")
    kept = text.replace(left, "\0")
    path.write_text(fill(kept).replace("\0", left), encoding="utf-8")
    result = run_cli(["check", "--no-source"], cwd=project)
    errors = _errors(result.out)
    assert result.code == 1
    assert errors
    for _line, _column, message, code in errors:
        assert code == "placeholder", result.out
        assert left in message, result.out
    occurrences = sum(
        1 for line in text.splitlines() if left in line and not line.lstrip().startswith("#")
    )
    assert len(errors) == occurrences, result.out


def test_new_never_overwrites(run_cli: RunCli, project: Path) -> None:
    path = project / "sources" / "my-debate.yaml"
    path.write_text("id: my-debate\n# my work\n", encoding="utf-8")
    result = run_cli(["new", "my-debate"], cwd=project)
    assert result.code == 1
    assert result.out == ""
    assert result.err == (
        "rejoinder new: error: sources/my-debate.yaml already exists; nothing was written\n"
        "  hint: edit that file, or choose another id\n"
    )
    assert path.read_text(encoding="utf-8") == "id: my-debate\n# my work\n"


def test_new_refuses_a_yml_file_of_the_same_name(run_cli: RunCli, project: Path) -> None:
    (project / "sources" / "my-debate.yml").write_text("id: my-debate\n", encoding="utf-8")
    result = run_cli(["new", "my-debate"], cwd=project)
    assert result.code == 1
    assert "sources/my-debate.yml already exists" in result.err
    assert not (project / "sources" / "my-debate.yaml").exists()


def test_new_refuses_an_id_another_file_uses(run_cli: RunCli, project: Path) -> None:
    (project / "sources" / "older.yaml").write_text(
        "# an older transcript\nid: 'my-debate'  # same id\ntitle: x\n", encoding="utf-8"
    )
    result = run_cli(["new", "my-debate"], cwd=project)
    assert result.code == 1
    assert result.err == (
        "rejoinder new: error: debate id 'my-debate' is already used by sources/older.yaml; "
        "nothing was written\n"
        "  hint: each transcript needs its own id: choose another\n"
    )
    assert not (project / "sources" / "my-debate.yaml").exists()


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        (
            "My-Debate",
            "'My-Debate' is not a valid id: use lower-case letters, digits and single "
            "hyphens\n  hint: for example 'my-debate'",
        ),
        ("my--debate", "'my--debate' is not a valid id"),
        ("-debate", "'-debate' is not a valid id"),
        ("debate-", "'debate-' is not a valid id"),
        ("my_debate", "'my_debate' is not a valid id"),
        ("my debate", "'my debate' is not a valid id"),
        ("../escape", "'../escape' is not a valid id"),
        (
            "index",
            "debate id 'index' is reserved for an index page\n"
            "  hint: choose another id, e.g. 'index-debate'",
        ),
        ("claims", "debate id 'claims' is reserved for an index page"),
        ("people", "debate id 'people' is reserved for an index page"),
    ],
)
def test_new_validates_the_slug_like_a_debate_id(
    slug: str, message: str, run_cli: RunCli, project: Path
) -> None:
    result = run_cli(["new", "--", slug], cwd=project)
    assert result.code == 2
    assert result.err.startswith(f"rejoinder new: error: {message}")
    assert list((project / "sources").iterdir()) == []
    assert not (project / "escape.yaml").exists()


def test_new_into_another_folder(run_cli: RunCli, project: Path) -> None:
    nested = project / "sources" / "2026"
    nested.mkdir()
    result = run_cli(["new", "my-debate", "--sources", "sources/2026"], cwd=project)
    assert result.code == 0
    assert result.out.startswith("wrote sources/2026/my-debate.yaml\n")
    text = (nested / "my-debate.yaml").read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../docs/_static/transcript.schema.json"
    assert (nested / first.split("$schema=")[1]).resolve().is_file()
    assert ".venv/bin/rejoinder check sources/2026/my-debate.yaml" in text


def test_new_without_a_schema_copy_names_the_usual_place(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "transcripts").mkdir()
    result = run_cli(["new", "my-debate", "--sources", "transcripts"], cwd=tmp_path)
    assert result.code == 0
    text = (tmp_path / "transcripts" / "my-debate.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_LINE


def test_new_needs_an_existing_folder(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli(["new", "my-debate"], cwd=tmp_path)
    assert result.code == 2
    assert result.err == (
        "rejoinder new: error: sources: no such folder\n"
        "  hint: run from the repository root, or name the folder with --sources DIR\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_new_usage_errors(run_cli: RunCli, project: Path) -> None:
    result = run_cli(["new"], cwd=project)
    assert result.code == 2
    assert "usage: rejoinder new" in result.err


def test_the_loader_notes_whether_placeholders_may_be_left() -> None:
    """Finished transcripts are not walked for placeholders; unfinished ones are."""
    done, _ = load_text("id: x\ntitle: A <b> title\n", "x.yaml")
    assert done is not None and done.may_hold_placeholders is False
    left, _ = load_text("id: x\ntitle: <TODO the title>\n", "x.yaml")
    assert left is not None and left.may_hold_placeholders is True
