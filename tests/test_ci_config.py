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
from scratch import BIN, copy_site, make_dry_run, sphinx_build
from support import GOOD, REPO

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


def test_the_workflow_commands_pass_on_the_project(tmp_path: Path) -> None:
    """The check and build steps of the pull-request workflow, run on a scratch copy."""
    site = copy_site(tmp_path)
    workflow = _load(PR)
    check = shlex.split(_run_step(workflow, r"^rejoinder check"))
    done = _run(BIN / check[0], *check[1:], cwd=site)
    assert (done.returncode, done.stdout) == (0, ""), done.stdout + done.stderr
    assert done.stderr == "checked 1 transcript: 0 errors, 0 warnings\n"
    build = shlex.split(_run_step(workflow, r"^sphinx-build"))
    built = sphinx_build(site, *build[1:])
    assert built.returncode == 0, built.stderr
    assert (site / build[-1] / "debates" / "soares-anthropic-race.html").is_file()


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
    assert files.search("sources/soares-anthropic-race.yaml")
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
    """The seed, the good test corpus, the format page's example, and a skeleton from
    `rejoinder new` both unfilled and filled: all pass yamllint in strict mode."""
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
    done = _yamllint(REPO / "sources", GOOD, tmp_path)
    assert (done.returncode, done.stdout) == (0, ""), done.stdout + done.stderr


def test_yamllint_config_is_live(tmp_path: Path) -> None:
    """It still catches what it is there for (here: a duplicate key, bad indentation)."""
    (tmp_path / "bad.yaml").write_text(
        "id: a\nid: b\nposts:\n  - id: x\n     text: y\n", encoding="utf-8"
    )
    done = _yamllint(tmp_path / "bad.yaml")
    assert done.returncode != 0
    assert "key-duplicates" in done.stdout or "syntax" in done.stdout


def test_yamllint_ignores_the_deliberately_broken_corpus() -> None:
    done = _yamllint(Path("tests/bad"))
    assert (done.returncode, done.stdout) == (0, ""), done.stdout


def test_config_files_themselves_pass_yamllint() -> None:
    done = _yamllint(PR, PAGES, RTD, PRE_COMMIT, YAMLLINT)
    assert (done.returncode, done.stdout) == (0, ""), done.stdout
