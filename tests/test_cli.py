"""The `rejoinder` command: exit codes, output formats, paths, worker processes, the schema."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rejoinder import __version__, names, tree
from rejoinder.loader import load_file
from rejoinder.schema import schema_json, transcript_schema
from support import BAD, GOOD, REPO, RunCli

SCHEMA_FILE = REPO / "docs" / "_static" / "transcript.schema.json"
VALID = (GOOD / "energy-rejoinder.yaml").read_text(encoding="utf-8")
# The same transcript without its references into energy-debate: valid on its own.
ALONE = VALID.replace(
    """        arguments:
          - rebuts: energy-debate:ada-opening#payback
    arguments:
      - supports: energy-debate:bob-reply
""",
    "",
)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- exit codes --------------------------------------------------------------------------------


def test_exit_0_without_errors(run_cli: RunCli) -> None:
    result = run_cli(["check", "tests/good"])
    assert (result.code, result.out, result.err) == (
        0,
        "checked 3 transcripts: 0 errors, 0 warnings\n",
        "",
    )


def test_exit_0_with_warnings_only(run_cli: RunCli) -> None:
    assert run_cli(["check", "tests/bad/reply-before-parent.yaml"]).code == 0


def test_exit_1_with_errors(run_cli: RunCli) -> None:
    # Its own error, and a participant 'ada' named otherwise than in tests/good.
    result = run_cli(["check", "tests/good", "tests/bad/unknown-author.yaml"])
    assert result.code == 1
    assert result.out.endswith("checked 4 transcripts: 2 errors, 0 warnings\n")


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["frobnicate"],
        ["check", "--format", "xml"],
        ["check", "--jobs", "many"],
        ["check", "--no-such-option"],
        ["schema", "extra"],
    ],
)
def test_exit_2_on_bad_usage(args: list[str], run_cli: RunCli) -> None:
    result = run_cli(args)
    assert result.code == 2
    assert result.out == ""
    assert "usage: rejoinder" in result.err


@pytest.mark.parametrize("jobs", ["0", "-1"])
def test_jobs_must_be_positive(jobs: str, run_cli: RunCli) -> None:
    result = run_cli(["check", "--jobs", jobs, "tests/good"])
    assert (result.code, result.out) == (2, "")
    assert result.err == "rejoinder check: error: --jobs must be at least 1\n"


def test_version_and_help(run_cli: RunCli) -> None:
    result = run_cli(["--version"])
    assert (result.code, result.out) == (0, f"rejoinder {__version__}\n")
    result = run_cli(["check", "--help"])
    assert result.code == 0
    assert "--no-source" in result.out


def test_as_a_module_in_a_subprocess() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "rejoinder.cli", "check", "tests/bad/unknown-author.yaml"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == (
        "tests/bad/unknown-author.yaml:24:13: error: author 'bobb' is not a participant key "
        "[reference]\n"
        "  hint: did you mean 'bob'?\n"
        "    24 |     author: bobb\n"
        "       |             ^\n"
        "checked 1 transcript: 1 error, 0 warnings\n"
    )


# --- output ------------------------------------------------------------------------------------


def test_text_output_quotes_the_line(run_cli: RunCli) -> None:
    result = run_cli(
        [
            "check",
            "tests/bad/unknown-author.yaml",
            "tests/bad/bidi-override-in-title.yaml",
            "tests/bad/not-utf8.yaml",
        ]
    )
    assert result.out == (
        "tests/bad/unknown-author.yaml:24:13: error: author 'bobb' is not a participant key "
        "[reference]\n"
        "  hint: did you mean 'bob'?\n"
        "    24 |     author: bobb\n"
        "       |             ^\n"
        # Both files use the id sheep-debate; the second is told so even though its title is
        # broken too (a broken title does not hide the rest of the file).
        "tests/bad/bidi-override-in-title.yaml:2:5: error: debate id 'sheep-debate' is already "
        "used by tests/bad/unknown-author.yaml [duplicate-id]\n"
        "  hint: each transcript needs its own id\n"
        "     2 | id: sheep-debate\n"
        "       |     ^\n"
        "tests/bad/bidi-override-in-title.yaml:3:8: error: title: single-line field holds the "
        "invisible character U+202E at character 14 [text]\n"
        "  hint: remove invisible control and direction-override characters\n"
        "     3 | title: Is the field \\u202eidle?\n"  # the override is shown escaped
        "       |        ^\n"
        "tests/bad/not-utf8.yaml:3:18: error: file is not valid UTF-8 text [file]\n"
        "  hint: save the file with UTF-8 encoding\n"
        "     3 | title: Is the caf\ufffd field idle?\n"
        "       |                  ^\n"
        "checked 3 transcripts: 4 errors, 0 warnings\n"
    )


def test_long_lines_are_not_quoted(tmp_path: Path, run_cli: RunCli) -> None:
    _write(
        tmp_path,
        "long.yaml",
        ALONE.replace("title: A rejoinder on the solar farm", "title: " + "x" * 200 + "\u202e"),
    )
    result = run_cli(["check", "long.yaml"], cwd=tmp_path)
    assert result.out.splitlines()[2:] == ["checked 1 transcript: 1 error, 0 warnings"]


def test_github_format(run_cli: RunCli) -> None:
    result = run_cli(["check", "--format", "github", "tests/bad/unknown-author.yaml"])
    assert result.code == 1
    assert result.out == (
        "::error file=tests/bad/unknown-author.yaml,line=24,col=13,title=rejoinder reference::"
        "author 'bobb' is not a participant key%0Ahint: did you mean 'bob'?\n"
    )
    assert result.err == "checked 1 transcript: 1 error, 0 warnings\n"


def test_github_format_warning_and_problems_without_a_line(run_cli: RunCli) -> None:
    result = run_cli(
        [
            "check",
            "--format",
            "github",
            "tests/bad/reply-before-parent.yaml",
            "tests/bad/nowhere.yaml",
        ]
    )
    assert result.out == (
        "::error file=tests/bad/nowhere.yaml,title=rejoinder file::no such file or folder\n"
        "::warning file=tests/bad/reply-before-parent.yaml,line=26,col=17,"
        "title=rejoinder chronology::post 'bob-reply' (2026-05-20 21:10 UTC) is dated before "
        "the post it replies to (2026-05-20 21:54 UTC)%0Ahint: check the UTC offsets: the source "
        "may show times in different zones\n"
    )
    assert result.err == "checked 1 transcript: 1 error, 1 warning\n"


def test_github_format_escapes_properties_and_data(tmp_path: Path, run_cli: RunCli) -> None:
    text = ALONE.replace(
        "text: The payback period assumes prices that have already fallen.",
        "text: Prices fell 100%, so the payback period is wrong.\n"
        "    annotations:\n"
        "      - by: Editor\n"
        "        note: Not quite.\n"
        "        span: prices fell 100%",
    )
    _write(tmp_path, "odd,name:1.yaml", text)
    result = run_cli(["check", "--format", "github", "odd,name:1.yaml"], cwd=tmp_path)
    assert result.out == (
        "::error file=odd%2Cname%3A1.yaml,line=15,col=15,title=rejoinder quote::"
        "this annotation span does not occur in the post text%0Ahint: closest match in the text: "
        "'Prices fell 100%25' (copy the words exactly, punctuation included)\n"
    )


# --- which files -------------------------------------------------------------------------------


def test_default_path_is_sources(tmp_path: Path, run_cli: RunCli) -> None:
    _write(tmp_path, "sources/one.yaml", ALONE)
    two = ALONE.replace("author: carol", "author: carl").replace("id: energy-rejoinder", "id: two")
    _write(tmp_path, "sources/nested/two.yml", two)
    _write(tmp_path, "sources/.hidden.yaml", "not: [valid")
    _write(tmp_path, "sources/notes.txt", "not: [valid")
    _write(tmp_path, "elsewhere.yaml", "not: [valid")
    result = run_cli(["check", "--no-source"], cwd=tmp_path)
    assert result.out == (
        "sources/nested/two.yml:9:13: error: author 'carl' is not a participant key [reference]\n"
        "  hint: did you mean 'carol'?\n"
        "checked 2 transcripts: 1 error, 0 warnings\n"
    )


def test_default_path_missing(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli(["check"], cwd=tmp_path)
    assert (result.code, result.out) == (
        1,
        "sources: error: no such file or folder [file]\n"
        "checked 0 transcripts: 1 error, 0 warnings\n",
    )


def test_nonexistent_path(run_cli: RunCli) -> None:
    result = run_cli(["check", "tests/good", "no/such.yaml"])
    assert result.code == 1
    assert result.out == (
        "no/such.yaml: error: no such file or folder [file]\n"
        "checked 3 transcripts: 1 error, 0 warnings\n"
    )


def test_empty_folder(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli(["check", "."], cwd=tmp_path)
    assert (result.code, result.out) == (0, "checked 0 transcripts: 0 errors, 0 warnings\n")


def test_paths_outside_the_working_directory_are_shown_in_full(
    tmp_path: Path, run_cli: RunCli
) -> None:
    path = _write(tmp_path, "x.yaml", ALONE.replace("author: carol", "author: carl"))
    result = run_cli(["check", "--no-source", str(path)])
    assert result.out == (
        f"{path}:9:13: error: author 'carl' is not a participant key [reference]\n"
        "  hint: did you mean 'carol'?\n"
        "checked 1 transcript: 1 error, 0 warnings\n"
    )


def test_a_file_named_explicitly_need_not_end_in_yaml(tmp_path: Path, run_cli: RunCli) -> None:
    _write(tmp_path, "debate.txt", ALONE.replace("author: carol", "author: unknown"))
    result = run_cli(["check", "--no-source", "debate.txt"], cwd=tmp_path)
    assert (result.code, result.out) == (0, "checked 1 transcript: 0 errors, 0 warnings\n")


def test_duplicate_debate_ids(tmp_path: Path, run_cli: RunCli) -> None:
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        shutil.copy(GOOD / "energy-rejoinder.yaml", tmp_path / name)
    shutil.copy(GOOD / "energy-debate.yaml", tmp_path / "d.yaml")
    result = run_cli(["check", "--no-source", "."], cwd=tmp_path)
    assert result.out == (
        "b.yaml:2:5: error: debate id 'energy-rejoinder' is already used by a.yaml "
        "[duplicate-id]\n"
        "  hint: each transcript needs its own id\n"
        "c.yaml:2:5: error: debate id 'energy-rejoinder' is already used by a.yaml "
        "[duplicate-id]\n"
        "  hint: each transcript needs its own id\n"
        "checked 4 transcripts: 2 errors, 0 warnings\n"
    )


def test_duplicate_debate_id_points_at_the_value(tmp_path: Path, run_cli: RunCli) -> None:
    _write(tmp_path, "a.yaml", VALID)
    _write(tmp_path, "b.yaml", VALID.replace("id: energy-rejoinder", "id:     energy-rejoinder"))
    result = run_cli(["check", "--no-source", "a.yaml", "b.yaml"], cwd=tmp_path)
    assert "b.yaml:2:9: error: debate id 'energy-rejoinder' is already used" in result.out


def test_a_file_named_twice_is_checked_once(run_cli: RunCli) -> None:
    result = run_cli(["check", "tests/good", "tests/good/energy-debate.yaml"])
    assert (result.code, result.out) == (0, "checked 3 transcripts: 0 errors, 0 warnings\n")


# --- worker processes --------------------------------------------------------------------------


def _many_transcripts(folder: Path, count: int) -> None:
    """``count`` transcripts referring to each other, some with errors and warnings."""
    for number in range(count):
        text = VALID.replace("id: energy-rejoinder", f"id: debate-{number:03d}")
        previous = f"debate-{(number - 1) % count:03d}"
        text = text.replace("energy-debate:ada-opening#payback", f"{previous}:carol-answer")
        text = text.replace("energy-debate:bob-reply", f"{previous}:carol-answer#prices-fell")
        if number % 7 == 3:
            text = text.replace("author: carol", "author: carl")
        if number % 11 == 5:
            text = text.replace(
                f"{previous}:carol-answer#prices-fell", f"{previous}:carol-answer#prices"
            )
        if number % 13 == 0:
            text = text.replace(
                "    text: The payback",
                f"    replies_to: {previous}:carol-answer\n    text: The payback",
            )
            text = text.replace("2026-05-22T09:30:00-04:00", f"2026-05-22T09:{number % 60:02d}:00Z")
        (folder / f"t{number:03d}.yaml").write_text(text, encoding="utf-8")
    (folder / "broken.yaml").write_text("id: [", encoding="utf-8")
    (folder / "dup.yaml").write_text(
        VALID.replace("id: energy-rejoinder", "id: debate-000"), encoding="utf-8"
    )


def _check_in_subprocess(folder: Path, jobs: int) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "rejoinder.cli", "check", "--jobs", str(jobs), "."],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout


def test_jobs_give_the_same_output(tmp_path: Path) -> None:
    _many_transcripts(tmp_path, 70)
    code_1, out_1 = _check_in_subprocess(tmp_path, 1)
    code_2, out_2 = _check_in_subprocess(tmp_path, 2)
    assert (code_2, out_2) == (code_1, out_1)
    assert code_1 == 1
    assert out_1.endswith("checked 72 transcripts: 20 errors, 6 warnings\n")
    assert "warning: post 'carol-answer'" in out_1
    assert "t005.yaml:18:19: error: supports: post 'carol-answer' has no claim 'prices'" in out_1
    assert "t000.yaml:2:5: error: debate id 'debate-000' is already used by dup.yaml" in out_1


def test_jobs_in_process(tmp_path: Path, run_cli: RunCli) -> None:
    _many_transcripts(tmp_path, 65)
    one = run_cli(["check", "--no-source", "--jobs", "1", "."], cwd=tmp_path)
    two = run_cli(["check", "--no-source", "--jobs", "3", "."], cwd=tmp_path)
    assert (two.code, two.out) == (one.code, one.out)


# --- the schema --------------------------------------------------------------------------------


def test_schema_command_prints_json(run_cli: RunCli) -> None:
    result = run_cli(["schema"])
    assert result.code == 0
    schema = json.loads(result.out)
    assert schema == transcript_schema()
    assert result.out == schema_json()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["required"]) == {"id", "title", "summary", "sources", "posts"}


def test_published_schema_is_current(run_cli: RunCli) -> None:
    if not SCHEMA_FILE.exists():
        pytest.skip("docs/_static/transcript.schema.json is not there yet")
    assert run_cli(["schema"]).out == SCHEMA_FILE.read_text(encoding="utf-8")


def _loaded(path: Path) -> Any:
    doc, problems = load_file(path)
    assert problems == []
    assert doc is not None
    return doc.data


@pytest.mark.parametrize("path", sorted(GOOD.glob("*.yaml")), ids=lambda path: path.name)
def test_schema_accepts_the_good_transcripts(path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(
        transcript_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    validator.check_schema(transcript_schema())
    data = _loaded(path)
    # The loader keeps every value as text, so times, dates and counts are strings here.
    assert _scalars(data) <= {str}
    assert list(validator.iter_errors(data)) == []


def _scalars(data: Any) -> set[type]:
    if isinstance(data, dict):
        return set().union(*map(_scalars, data.values()))
    if isinstance(data, list):
        return set().union(*map(_scalars, data))
    return {type(data)}


@pytest.mark.parametrize(
    "name",
    [
        "bad-reference-key",
        "bad-participant-key",
        "unknown-key-typo",
        "unknown-key-top",
        "missing-required",
        "missing-required-top",
        # Not "empty-required": YAML 1.2 reads `title:` as null, as it reads `title: null`, which
        # the checker takes as the text "null", so the schema accepts null (test_schema_yaml12).
        "wrong-type-list",
        "wrong-type-text",
        "wrong-type-mapping",
        "no-posts",
        "bad-slug",
        "url-javascript",
        "url-relative",
        "url-no-host",
        "url-data",
        "attribution-typo",
        "reference-kind-bad",
        "edge-two-kinds",
        "edge-no-kind",
        "bad-ref-syntax",
        "newline-in-title",
        "bidi-override-in-title",
        "control-char-escaped",
        "tab-in-title",
        "blank-title",
        "post-not-mapping",
        # Nor "empty-list-entry" (`- ` reads as null, as `- null` does).
    ],
)
def test_schema_rejects_what_the_checker_rejects_as_shape(name: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(transcript_schema())
    doc, _ = load_file(BAD / f"{name}.yaml")
    assert doc is not None
    assert list(validator.iter_errors(doc.data)) != []


def test_render_prints_the_page_of_one_transcript(run_cli: RunCli) -> None:
    result = run_cli(["render", "tests/good/energy-debate.yaml"])
    assert result.code == 0
    assert result.err == ""
    title = "# Should the town build a solar farm\\?\n"
    assert result.out.startswith("---\norphan: true\n---\n\n" + title)
    # each card is data: its tree, under a directive naming the post; text is never markup
    lines = result.out.splitlines()
    head = lines.index("```{rj-card} energy-debate:ada-opening")
    card = json.loads(lines[head + 1])
    assert card["label"].startswith("Ada")
    assert card["tree"][1] == {
        "class": "rejoinder-card rj-post rj-status-answered",  # its claims are challenged, not it
        "id": "ada-opening",
    }
    # ... and the words an annotation is about are marked with the note's number
    text = tree.find_class(card["tree"], names.TEXT)
    assert text is not None
    assert text[2][0][2][:3] == [
        "The solar farm pays for itself in ",
        ["span", {"class": "rj-ann-0 rj-annotated"}, ["twelve years"]],
        ".",
    ]
    # a backlink from the other transcript of the folder resolves
    assert "energy-rejoinder.html#prices-fell" in lines[head + 1]


def test_render_refuses_a_corpus_with_errors(tmp_path: Path, run_cli: RunCli) -> None:
    _write(tmp_path, "a.yaml", ALONE.replace("author: carol", "author: carl"))
    result = run_cli(["render", "a.yaml"], cwd=tmp_path)
    assert result.code == 1
    assert result.out == ""
    assert result.err.startswith("a.yaml:")
    assert "author 'carl' is not a participant key" in result.err
    assert result.err.endswith("rejoinder render: 1 error; nothing rendered\n")


def test_render_of_a_missing_file_is_a_usage_error(run_cli: RunCli) -> None:
    result = run_cli(["render", "tests/good/nothing-here.yaml"])
    assert result.code == 2
    assert "no such file" in result.err
