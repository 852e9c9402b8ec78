"""The published project's contributor tooling: GitHub workflows, Read the Docs, pre-commit and
yamllint. Each file is validated by the tool's own schema or validator (offline), the
validators are shown to reject a broken copy, and what the files promise is checked."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from filling import fill
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rejoinder.corpus import check_paths
from rejoinder.loader import load_text
from rejoinder.validate import check_document
from scratch import BIN, copy_site, make_dry_run, sphinx_build
from support import GOOD, REPO, RunCli

PR = REPO / ".github" / "workflows" / "pr.yml"
PAGES = REPO / ".github" / "workflows" / "pages.yml"
RTD = REPO / ".readthedocs.yaml"
PRE_COMMIT = REPO / ".pre-commit-config.yaml"
YAMLLINT = REPO / ".yamllint.yaml"


def _run(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def _load(path: Path) -> Any:
    # BaseLoader: every value as text, as GitHub reads 'on:' (PyYAML would read it as True).
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def _steps(workflow: Any) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def _run_step(workflow: Any, pattern: str) -> str:
    found = [step["run"] for step in _steps(workflow) if re.search(pattern, step.get("run", ""))]
    assert len(found) == 1, (pattern, found)
    return str(found[0])


def _uses(workflow: Any, action: str) -> dict[str, Any]:
    found = [step for step in _steps(workflow) if step.get("uses", "").startswith(action + "@")]
    assert len(found) == 1, action
    return found[0]


# --- validated by their own schemas ------------------------------------------------------------


def _check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return _run(BIN / "check-jsonschema", "--builtin-schema", schema, *files)


@pytest.mark.parametrize("workflow", [PR, PAGES], ids=["pr", "pages"])
def test_workflows_are_valid(workflow: Path) -> None:
    done = _check_jsonschema("vendor.github-workflows", workflow)
    assert done.returncode == 0, done.stdout + done.stderr


def test_readthedocs_config_is_valid() -> None:
    done = _check_jsonschema("vendor.readthedocs", RTD)
    assert done.returncode == 0, done.stdout + done.stderr


def test_pre_commit_config_is_valid() -> None:
    done = _run(BIN / "pre-commit", "validate-config", PRE_COMMIT)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("original", "schema", "old", "new"),
    [
        (PR, "vendor.github-workflows", "    runs-on: ubuntu-latest\n", "    runs_on: ubuntu\n"),
        (PAGES, "vendor.github-workflows", "  push:\n", "  pushed:\n"),
        (RTD, "vendor.readthedocs", "  fail_on_warning: true", "  fail_on_warnings: true"),
    ],
    ids=["pr", "pages", "readthedocs"],
)
def test_the_validators_reject_a_broken_copy(
    original: Path, schema: str, old: str, new: str, tmp_path: Path
) -> None:
    text = original.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / original.name
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert _check_jsonschema(schema, broken).returncode != 0


def test_pre_commit_rejects_a_broken_copy(tmp_path: Path) -> None:
    broken = tmp_path / "config.yaml"
    broken.write_text(
        PRE_COMMIT.read_text(encoding="utf-8").replace("entry:", "entri:"), encoding="utf-8"
    )
    assert _run(BIN / "pre-commit", "validate-config", broken).returncode != 0


@pytest.mark.skipif(shutil.which("actionlint") is None, reason="actionlint is not installed")
def test_actionlint() -> None:  # pragma: no cover - only where actionlint is installed
    done = _run("actionlint", "-no-color", PR, PAGES)
    assert done.returncode == 0, done.stdout + done.stderr


# --- what the pull-request workflow does --------------------------------------------------------


def test_pr_workflow_runs_on_every_pull_request_with_read_only_rights() -> None:
    workflow = _load(PR)
    assert set(workflow["on"]) == {"pull_request"}
    assert workflow["permissions"] == {"contents": "read"}


def test_pr_workflow_checks_with_annotations() -> None:
    workflow = _load(PR)
    assert _run_step(workflow, r"^rejoinder check") == "rejoinder check --format github"


def test_pr_workflow_summarises_the_change_against_the_base() -> None:
    workflow = _load(PR)
    checkout = _uses(workflow, "actions/checkout")
    # The merge commit and its first parent, the base branch, are both needed.
    assert int(checkout["with"]["fetch-depth"]) >= 2
    command = _run_step(workflow, r"^rejoinder diff")
    assert command == 'rejoinder diff HEAD^1 >> "$GITHUB_STEP_SUMMARY"'


def test_pr_workflow_builds_strictly_and_uploads_what_it_built() -> None:
    workflow = _load(PR)
    build = shlex.split(_run_step(workflow, r"^sphinx-build"))
    assert {"-W", "-n"} <= set(build)
    assert build[-2] == "docs"
    upload = _uses(workflow, "actions/upload-artifact")
    assert upload["with"]["path"] == build[-1]
    assert upload["with"]["if-no-files-found"] == "error"


def test_workflow_build_is_as_strict_as_make_site() -> None:
    make_site = next(line for line in make_dry_run("site").splitlines() if "sphinx-build" in line)
    make_flags = {flag for flag in shlex.split(make_site) if flag.startswith("-")} - {"-d"}
    for workflow in (_load(PR), _load(PAGES)):
        build = shlex.split(_run_step(workflow, r"^sphinx-build"))
        assert make_flags <= set(build), (make_flags, build)


def test_pr_workflow_lints_the_transcripts_as_pre_commit_does() -> None:
    workflow = _load(PR)
    lint = shlex.split(_run_step(workflow, r"^yamllint"))
    assert "--strict" in lint
    assert lint[lint.index("-c") + 1] == YAMLLINT.relative_to(REPO).as_posix()
    assert lint[-1] == "sources"
    # The same settings as the pre-commit hook, on every file the hook lints.
    hook = _hooks()["yamllint"]
    assert hook["args"] == ["--strict", "-c", YAMLLINT.relative_to(REPO).as_posix()]
    assert set(hook["args"]) <= set(lint)
    assert hook["files"].startswith("^sources/")


def test_pr_workflow_runs_the_tests_with_their_tools() -> None:
    workflow = _load(PR)
    install = shlex.split(_run_step(workflow, r"pip install"))
    assert install[-1] == ".[test]"
    tests = shlex.split(_run_step(workflow, r"^python -m pytest"))
    # Everything but the browser tests, which need Debian's Chromium and Java (.ci/run).
    assert tests == ["python", "-m", "pytest", "-m", "not browser"]
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_the_workflow_commands_pass_on_the_project(tmp_path: Path) -> None:
    """The lint, check and build steps of the pull-request workflow, run on a scratch copy of
    the project: they pass, and every debate in sources/ (however many, whatever they say) has
    its page."""
    site = copy_site(tmp_path)
    shutil.copy(YAMLLINT, site / YAMLLINT.name)
    debates = [checked.debate_id for checked in check_paths([site / "sources"], jobs=1).checked]
    workflow = _load(PR)
    lint = shlex.split(_run_step(workflow, r"^yamllint"))
    done = _run(BIN / lint[0], *lint[1:], cwd=site)
    assert (done.returncode, done.stdout) == (0, ""), done.stdout + done.stderr
    check = shlex.split(_run_step(workflow, r"^rejoinder check"))
    done = _run(BIN / check[0], *check[1:], cwd=site)
    assert (done.returncode, done.stdout) == (0, ""), done.stdout + done.stderr
    summary = re.fullmatch(r"checked (\d+) transcripts?: 0 errors, 0 warnings\n", done.stderr)
    assert summary is not None, done.stderr
    assert int(summary[1]) == len(debates)
    build = shlex.split(_run_step(workflow, r"^sphinx-build"))
    built = sphinx_build(site, *build[1:])
    assert built.returncode == 0, built.stderr
    for debate in debates:
        assert (site / build[-1] / "debates" / f"{debate}.html").is_file(), debate


# --- what the Pages workflow does ---------------------------------------------------------------


def test_pages_workflow_deploys_main() -> None:
    workflow = _load(PAGES)
    assert workflow["on"]["push"]["branches"] == ["main"]
    build = shlex.split(_run_step(workflow, r"^sphinx-build"))
    upload = _uses(workflow, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == build[-1]
    deploy_job = workflow["jobs"]["deploy"]
    assert deploy_job["needs"] == "build"
    assert deploy_job["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy_job["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in deploy_job["steps"]] == ["actions/deploy-pages"]
    # Only the deploy job may write: the build runs with the workflow's read-only rights.
    assert workflow["permissions"] == {"contents": "read"}
    assert "permissions" not in workflow["jobs"]["build"]


def test_pages_workflow_passes_the_address_conf_py_reads() -> None:
    workflow = _load(PAGES)
    build_step = next(step for step in _steps(workflow) if "sphinx-build" in step.get("run", ""))
    variable = next(iter(build_step["env"]))
    assert variable in (REPO / "docs" / "conf.py").read_text(encoding="utf-8")


def test_no_workflow_expands_untrusted_input_in_a_shell() -> None:
    for path in (PR, PAGES):
        for step in _steps(_load(path)):
            assert "${{" not in step.get("run", ""), (path.name, step)


# --- Read the Docs ------------------------------------------------------------------------------


def test_readthedocs_builds_the_same_site() -> None:
    config = _load(RTD)
    assert config["version"] == "2"
    conf = REPO / config["sphinx"]["configuration"]
    assert conf == REPO / "docs" / "conf.py"
    assert conf.is_file()
    assert config["sphinx"]["fail_on_warning"] == "true"
    assert config["python"]["install"] == [{"method": "pip", "path": "."}]
    assert config["build"]["jobs"]["pre_build"] == ["rejoinder check sources"]
    # -n, which `make site` passes, is set in conf.py for builds without the switch.
    assert re.search(r"^nitpicky = True$", conf.read_text(encoding="utf-8"), re.MULTILINE)


# --- pre-commit and yamllint --------------------------------------------------------------------


def _hooks() -> dict[str, dict[str, Any]]:
    config = _load(PRE_COMMIT)
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def test_pre_commit_runs_the_checker_on_transcripts() -> None:
    hook = _hooks()["rejoinder-check"]
    assert hook["language"] == "system"
    # A change to one file can break references in another: the whole corpus is checked.
    assert hook["pass_filenames"] == "false"
    files = re.compile(hook["files"])
    assert files.search("sources/my-debate.yaml")
    assert files.search("sources/2026/x.yml")
    assert not files.search("docs/conf.py")
    assert not files.search(".github/workflows/pr.yml")
    # Its entry is the Makefile's check, which runs `rejoinder check sources`.
    entry = shlex.split(hook["entry"])
    assert entry[0] == "make"
    target = entry[-1]
    assert ".venv/bin/rejoinder check sources" in make_dry_run(target)


def test_pre_commit_runs_yamllint_on_transcripts() -> None:
    hook = _hooks()["yamllint"]
    assert "--strict" in hook["args"]
    files = re.compile(hook["files"])
    assert files.search("sources/x.yaml")
    assert not files.search("tests/bad/x.yaml")
    config = _load(PRE_COMMIT)
    repo = next(r for r in config["repos"] if r["repo"].endswith("/yamllint"))
    assert re.fullmatch(r"v\d+\.\d+\.\d+", repo["rev"])


def _yamllint(*paths: Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return _run(BIN / "yamllint", "--strict", "-f", "parsable", "-c", YAMLLINT, *paths, cwd=cwd)


def test_yamllint_accepts_the_transcript_style(tmp_path: Path) -> None:
    """The good test corpus, the format page's example, and a skeleton from `rejoinder new`
    both unfilled and filled: all pass yamllint in strict mode."""
    page = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", page.split("## A complete example", 1)[1], re.S)
    assert example is not None
    (tmp_path / "format-example.yaml").write_text(example.group(1), encoding="utf-8")
    (tmp_path / "sources").mkdir()
    done = _run(BIN / "rejoinder", "new", "my-debate", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    skeleton = (tmp_path / "sources" / "my-debate.yaml").read_text(encoding="utf-8")
    (tmp_path / "filled.yaml").write_text(fill(skeleton), encoding="utf-8")
    # What the format allows and the default style would flag: YAML 1.1 words, long lines.
    (tmp_path / "words.yaml").write_text(
        "title: no\nsummary: " + "a very long line " * 20 + "end\n", encoding="utf-8"
    )
    done = _yamllint(GOOD, tmp_path)
    assert (done.returncode, done.stdout) == (0, ""), done.stdout + done.stderr


# A valid transcript, then the same laid out in each way YAML and the checker allow and
# yamllint's default style rejects. A post's text is copied exactly: it may end lines with
# spaces, run long, hold blank lines.
VARIED = """\
# A transcript, laid out as its contributor likes.
id: varied
title: A varied transcript
summary: >-
  Two people disagree.
tags: [energy, local-politics]
sources:
  - title: A forum thread
participants:
  ada:
    handle: "@ada"
posts:
  - id: first
    author: ada
    text: |
      The first post.
"""
_TEXT = "      The first post.\n"
LAYOUTS = {
    "as-the-guide-writes-it": VARIED,
    "text-lines-ending-in-spaces": VARIED.replace(
        _TEXT, "      Ends with a space \n      with two  \n      with a tab\t\n\n      end.\n"
    ),
    "a-space-after-a-value": VARIED.replace("title: A varied transcript", "title: A title "),
    "long-lines": VARIED.replace(
        _TEXT, "      " + "a long line of copied text" * 20 + "\n"
    ).replace("  Two people disagree.", "  " + "Two people disagree at length." * 10),
    "yaml-1-1-words": VARIED.replace("title: A varied transcript", "title: no").replace(
        '    handle: "@ada"\n', '    handle: "@ada"\n    display_name: Yes\n'
    ),
    "document-start": "---\n" + VARIED,
    "blank-lines-in-text": VARIED.replace(
        _TEXT, "      First paragraph.\n\n\n\n      After three blank lines.\n"
    ),
    "blank-lines-kept-at-the-end": VARIED.replace(
        "    text: |\n" + _TEXT, "    text: |+\n      Ends with blank lines.\n\n\n"
    ),
    "blank-lines-between-keys": "\n\n" + VARIED.replace("sources:", "\n\n\nsources:"),
    "sequences-not-indented": VARIED.replace("  - title:", "- title:").replace(
        "  - id: first\n    author: ada\n    text: |\n" + _TEXT,
        "- id: first\n  author: ada\n  text: |\n    The first post.\n",
    ),
    "mixed-indentation": VARIED.replace("  ada:\n    handle", "    ada:\n        handle"),
    "comments": VARIED.replace("# A transcript", "#A transcript").replace(
        "id: varied\n", "id: varied # one space before\n    # an indented comment\n"
    ),
    "flow-collections": VARIED.replace(
        "tags: [energy, local-politics]", "tags: [ energy ,local-politics ]"
    ).replace('  ada:\n    handle: "@ada"\n', '  ada: { handle: "@ada" }\n'),
    "spaces-after-colons-and-hyphens": VARIED.replace("title: A", "title:    A").replace(
        "  - id: first\n    author: ada\n    text: |\n" + _TEXT,
        "  -   id: first\n      author: ada\n      text: |\n        The first post.\n",
    ),
    "quoted-values": VARIED.replace(
        "title: A varied transcript", "title: 'A varied transcript'"
    ).replace("- title: A forum thread", '- title: "A forum thread \\u00b7 Example"'),
    "crlf-line-endings": VARIED.replace("\n", "\r\n"),
    "no-newline-at-the-end": VARIED.rstrip("\n"),
    "byte-order-mark": "\ufeff" + VARIED,
}


def test_yamllint_accepts_every_layout_the_checker_accepts(tmp_path: Path, run_cli: RunCli) -> None:
    """The lint asks no more than the format: each layout passes `rejoinder check`, so it must
    pass yamllint --strict with the project's settings too (pre-commit and the pull-request
    workflow run both)."""
    assert len(set(LAYOUTS.values())) == len(LAYOUTS), "each layout differs from the others"
    for name, text in LAYOUTS.items():
        # newline="": CRLF and a missing final newline are written as they are.
        with (tmp_path / f"{name}.yaml").open("w", encoding="utf-8", newline="") as file:
            file.write(text.replace("id: varied", f"id: {name}", 1))
    checked = run_cli(["check", "--no-source", str(tmp_path)], cwd=tmp_path)
    assert (checked.code, checked.out) == (
        0,
        f"checked {len(LAYOUTS)} transcripts: 0 errors, 0 warnings\n",
    ), checked.out
    done = _yamllint(tmp_path)
    assert (done.returncode, done.stdout) == (0, ""), done.stdout + done.stderr


# Lines of copied text: any printable characters, often ending in spaces or tabs. The first
# starts with a letter, as a block's first line must not start with a space.
_COPIED_LINES = st.lists(
    st.tuples(
        st.text(
            st.characters(
                exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters="\ufeff\x85"
            ),
            max_size=120,
        ),
        st.sampled_from(["", " ", "  ", "\t", " \t "]),
    ).map("".join),
    min_size=1,
    max_size=6,
).map(lambda lines: ["A" + lines[0], *lines[1:]])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_COPIED_LINES)
def test_yamllint_accepts_any_copied_text_the_checker_accepts(lines: list[str]) -> None:
    """A post's text in a literal block and the summary in a folded one, as the skeleton
    writes them: whatever the checker accepts, yamllint --strict accepts."""
    from yamllint import linter
    from yamllint.config import YamlLintConfig

    def block(indent: str) -> str:
        return "".join(f"{indent}{line}\n" if line else "\n" for line in lines)

    source = VARIED.replace("  Two people disagree.\n", block("  ")).replace(
        "      The first post.\n", block("      ")
    )
    assert "Two people disagree." not in source and "The first post." not in source
    doc, problems = load_text(source, "copied.yaml")
    assume(doc is not None and not problems and not check_document(doc).problems)
    config = YamlLintConfig(file=str(YAMLLINT))
    assert [str(problem) for problem in linter.run(source, config)] == []


def test_yamllint_config_is_live(tmp_path: Path) -> None:
    """It still catches what the checker rejects too: duplicate keys, an alias to no anchor,
    YAML that does not parse."""
    (tmp_path / "duplicate.yaml").write_text("id: a\ntitle: x\nid: b\n", encoding="utf-8")
    (tmp_path / "alias.yaml").write_text("id: a\ntitle: *name\n", encoding="utf-8")
    (tmp_path / "indent.yaml").write_text("posts:\n  - id: x\n     text: y\n", encoding="utf-8")
    done = _yamllint(tmp_path)
    assert done.returncode != 0
    found = {
        (Path(line.split(":", 1)[0]).name, line.rsplit("(", 1)[1].rstrip(")"))
        for line in done.stdout.splitlines()
    }
    assert found == {
        ("duplicate.yaml", "key-duplicates"),
        ("alias.yaml", "anchors"),
        ("indent.yaml", "syntax"),
    }, done.stdout


def test_yamllint_ignores_the_deliberately_broken_corpus() -> None:
    done = _yamllint(Path("tests/bad"))
    assert (done.returncode, done.stdout) == (0, ""), done.stdout


def test_config_files_themselves_pass_yamllint() -> None:
    """In yamllint's default style (the transcripts' settings leave layout free): lines up to
    100 characters, no '---' needed, and GitHub's `on:` key is not a boolean."""
    style = (
        "{extends: default, rules: {line-length: {max: 100}, document-start: disable,"
        " truthy: {check-keys: false}}}"
    )
    paths = (PR, PAGES, RTD, PRE_COMMIT, YAMLLINT)
    done = _run(BIN / "yamllint", "--strict", "-f", "parsable", "-d", style, *paths)
    assert (done.returncode, done.stdout) == (0, ""), done.stdout
