"""Run the test suite on a copy of the project whose ``sources/`` holds many more debates.

``sources/`` is the contributors' data: no test may depend on how many debates it holds or
what they say. This script proves it. It copies the working tree (the files git tracks or
would track: no ``.venv``, no build output) into a temporary folder, adds generated valid
debates to the copy's ``sources/`` (``bench/generate_corpus.py``, the benchmarks' corpus) and
runs pytest there with this Python, so with the same installed packages::

    .venv/bin/python tests/with_added_debates.py                 # 100 debates, every test
    .venv/bin/python tests/with_added_debates.py --debates 20 tests/test_ci_config.py -x
    .venv/bin/python tests/with_added_debates.py --replace        # only generated debates

Arguments it does not know are passed to pytest. The copy's ``ext/`` comes first on the
import path, so the code tested is the copy's, not the editable install's. Exit status:
pytest's.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def working_tree_files(repo: Path) -> list[Path]:
    """The files git tracks or would track (ignored ones left out), relative to ``repo``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=repo,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    # A tracked file deleted in the working tree is listed too; the copy leaves it out.
    return [Path(name) for name in dict.fromkeys(listed.split("\0")) if name]


def copy_working_tree(repo: Path, into: Path) -> Path:
    for relative in working_tree_files(repo):
        source = repo / relative
        if not source.is_file():
            continue
        target = into / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    return into


def add_debates(project: Path, debates: int, posts: int) -> list[Path]:
    """Write ``debates`` generated transcripts into ``project/sources``; never overwrites."""
    spec = importlib.util.spec_from_file_location(
        "generate_corpus", project / "bench" / "generate_corpus.py"
    )
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    sources = project / "sources"
    staging = project / "_generated"
    generated: list[Path] = generator.generate(staging, debates, posts)
    added = []
    for path in generated:
        target = sources / path.name
        if target.exists():
            raise SystemExit(f"{target.relative_to(project)} exists already; not overwritten")
        added.append(path.rename(target))
    staging.rmdir()
    return added


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Run pytest on a copy of the project with generated debates added to "
        "sources/. Unknown arguments are passed to pytest.",
    )
    parser.add_argument("--debates", type=int, default=100, help="debates to add (100)")
    parser.add_argument("--posts", type=int, default=5, help="posts per added debate (5)")
    parser.add_argument(
        "--replace",
        action="store_true",
        help="remove the transcripts already in sources/ first (no test may rely on them)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the copy and print where")
    args, pytest_args = parser.parse_known_args(argv)

    work = Path(tempfile.mkdtemp(prefix="rejoinder-added-debates-"))
    try:
        project = copy_working_tree(REPO, work / "rejoinder")
        if args.replace:
            shutil.rmtree(project / "sources")
            (project / "sources").mkdir()
        added = add_debates(project, args.debates, args.posts)
        print(
            f"{project}: {len(added)} debates of {args.posts} posts added to sources/",
            flush=True,
        )
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            [str(project / "ext"), *filter(None, [env.get("PYTHONPATH")])]
        )
        done = subprocess.run(
            [sys.executable, "-m", "pytest", *pytest_args], cwd=project, env=env, check=False
        )
        return done.returncode
    finally:
        if args.keep:
            print(f"kept {work}", flush=True)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
