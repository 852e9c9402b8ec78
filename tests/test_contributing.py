"""CONTRIBUTING.md, followed step by step on a scratch copy of the project: its commands are
read from the guide itself and run (git, rejoinder new/check/render/diff, make site), with the
filling-in done as a contributor would."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from filling import FILLED, fill
from scratch import BIN, copy_site, make_dry_run
from support import REPO

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
GIT_ENV = {
    # No user or system git configuration (signing, hooks, templates).
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "New Contributor",
    "GIT_AUTHOR_EMAIL": "new@example.org",
    "GIT_COMMITTER_NAME": "New Contributor",
    "GIT_COMMITTER_EMAIL": "new@example.org",
}


def _blocks(language: str) -> list[str]:
    """The guide's fenced blocks in ``language``, in order, indented ones included."""
    found = re.findall(rf"^( *)```{language}\n(.*?)^\1```$", GUIDE, re.MULTILINE | re.DOTALL)
    return [textwrap.dedent(body) for _indent, body in found]


def _commands() -> list[str]:
    commands = []
    for block in _blocks("sh"):
        for line in block.splitlines():
            command = line.split("  #", 1)[0].strip()
            if command:
                commands.append(command)
    return commands


COMMANDS = _commands()


def _one(prefix: str) -> list[str]:
    found = [command for command in COMMANDS if command.startswith(prefix)]
    assert len(found) == 1, (prefix, found)
    return shlex.split(found[0])


def _run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    if argv[0] == ".venv/bin/rejoinder":
        argv = [str(BIN / "rejoinder"), *argv[1:]]
    elif argv[0] == "make":
        # The project's own Makefile, using this test run's environment (never reinstalled).
        venv = BIN.parent
        argv = [
            "make",
            "--no-print-directory",
            "-f",
            str(REPO / "Makefile"),
            f"VENV={venv}",
            "-o",
            str(venv / ".installed"),
            *argv[1:],
        ]
    return subprocess.run(
        argv,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env={**os.environ, **GIT_ENV},
    )


def _checked_cleanly(out: str) -> int:
    """How many transcripts the checker's summary line in ``out`` counts, all without problems."""
    summary = re.search(r"^checked (\d+) transcripts?: 0 errors, 0 warnings$", out, re.MULTILINE)
    assert summary is not None, out
    return int(summary[1])


def _debates_listing(html: Path) -> str:
    """The text of every page of the Debates listing, found through its pager's links."""
    first = html / "debates" / "index.html"
    soup = BeautifulSoup(first.read_text(encoding="utf-8"), "html.parser")
    pages = {first, *((first.parent / a["href"]).resolve() for a in soup.select(".rj-pager a"))}
    return "".join(page.read_text(encoding="utf-8") for page in sorted(pages))


def test_the_guide_shows_every_step() -> None:
    assert COMMANDS[:3] == [
        "git clone https://github.com/YOUR-NAME/rejoinder.git",
        "cd rejoinder",
        "make check",
    ]
    for prefix in (
        "git switch -c",
        ".venv/bin/rejoinder new",
        ".venv/bin/rejoinder check",
        ".venv/bin/rejoinder render",
        "make preview",
        "make site",
        "git add",
        "git commit",
        "git push",
        ".venv/bin/rejoinder diff",
    ):
        _one(prefix)
    # Each make target the guide names exists.
    for command in COMMANDS:
        if command.startswith("make "):
            assert make_dry_run(command.split()[1]).strip(), command


def test_following_the_guide(tmp_path: Path) -> None:
    project = copy_site(tmp_path / "rejoinder")
    # The state after "git clone": the project in git, on main.
    for argv in (
        ["git", "init", "--quiet", "--initial-branch=main"],
        ["git", "add", "."],
        ["git", "commit", "--quiet", "-m", "The project"],
    ):
        assert _run(argv, project).returncode == 0

    # 1. Set up: `make check` checks the transcripts already there (however many: sources/ is
    # the contributors').
    done = _run(_one("make check"), project)
    assert done.returncode == 0, done.stdout + done.stderr
    already = _checked_cleanly(done.stdout)

    # 2. Start a transcript, on a branch.
    assert _run(_one("git switch -c"), project).returncode == 0
    new = _one(".venv/bin/rejoinder new")
    slug = new[-1]
    done = _run(new, project)
    assert done.returncode == 0, done.stderr
    path = project / "sources" / f"{slug}.yaml"
    assert path.is_file()
    assert "<TODO the debate's title, on one line>" in GUIDE

    # 4 (before 3). The unfilled skeleton: the checker lists the placeholders, as shown.
    check = _one(".venv/bin/rejoinder check")
    assert check[-1] == f"sources/{slug}.yaml"
    done = _run(check, project)
    assert done.returncode == 1
    shown = next(block for block in _blocks("text") if "[placeholder]" in block)
    assert shown in done.stdout
    for placeholder in FILLED:
        assert placeholder in done.stdout

    # 3. Fill it in, then check again: nothing left.
    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    done = _run(check, project)
    assert (done.returncode, done.stdout) == (0, "checked 1 transcript: 0 errors, 0 warnings\n")
    done = _run([".venv/bin/rejoinder", "check"], project)
    assert done.stdout == f"checked {already + 1} transcripts: 0 errors, 0 warnings\n"

    # 5. See the page: render, then the strict site build of `make site`.
    done = _run(_one(".venv/bin/rejoinder render"), project)
    assert done.returncode == 0, done.stderr
    assert "# Should the library open on Sundays\\?" in done.stdout
    done = _run(_one("make site"), project)
    assert done.returncode == 0, done.stdout + done.stderr
    page = project / "docs" / "_build" / "html" / "debates" / f"{slug}.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert (
        soup.find("h1").get_text(strip=True).rstrip("¶#")
        == FILLED["<TODO the debate's title, on one line>"]
    )
    text = soup.get_text(" ", strip=True)
    assert "Nobody uses the library on Sundays." in text
    assert "On reflection, students would come on Sundays." in text
    # The Debates page lists it, on whichever of its pages the debate's date puts it.
    assert f"{slug}.html" in _debates_listing(project / "docs" / "_build" / "html")

    # 6. Open a pull request: commit on the branch (pushing needs a fork, so it is not run).
    add, commit = _one("git add"), _one("git commit")
    assert add[-1] == f"sources/{slug}.yaml"
    assert _run(add, project).returncode == 0
    done = _run(commit, project)
    assert done.returncode == 0, done.stderr
    status = _run(["git", "status", "--porcelain", "--untracked-files=no"], project)
    assert status.stdout == ""
    # The summary the pull request shows, as the guide runs it locally.
    done = _run(_one(".venv/bin/rejoinder diff"), project)
    assert done.returncode == 0, done.stderr
    assert "1 debate added, 3 cards added, 2 edges added." in done.stdout
    assert f"- added `{slug}`: `Should the library open on Sundays?`" in done.stdout


@pytest.mark.parametrize("block", _blocks("yaml"), ids=lambda block: block.split(":")[0])
def test_the_guides_yaml_is_valid_yaml(block: str) -> None:
    from rejoinder.loader import load_text

    doc, problems = load_text(block, "guide.yaml")
    assert doc is not None
    assert problems == []


def test_readme_points_at_the_guide_and_real_commands() -> None:
    from rejoinder.cli import build_parser

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```sh\n(.*?)^```$", readme, re.MULTILINE | re.DOTALL)
    first = [line.split("#")[0].strip() for line in blocks[0].splitlines()]
    assert first[:2] == ["make site", "make test"]
    assert "[CONTRIBUTING.md](CONTRIBUTING.md)" in readme
    subcommands = next(
        action.choices
        for action in build_parser()._actions
        if getattr(action, "choices", None) and "check" in action.choices
    )
    named = set()
    for block in blocks:
        for line in block.splitlines():
            argv = shlex.split(line.split(" #", 1)[0])
            if argv[:1] == [".venv/bin/rejoinder"]:
                assert argv[1] in subcommands, line
                named.add(argv[1])
            elif argv[:1] == ["make"]:
                assert make_dry_run(argv[1]).strip(), line
    assert {"new", "check", "render", "diff", "schema"} <= named
