"""Rejoinder against plain Sphinx on the same pages, measured side by side in one run.

For each corpus size, a deterministic corpus of N transcripts x M posts is built two ways:

* rejoinder: the YAML through the extension (check, generate, then Sphinx reads the pages);
* baseline: the MyST pages the extension generated, copied into a plain Sphinx project with the
  same theme, myst-parser and sphinx-design but without the extension: what Sphinx alone costs
  for the same pages, the floor the extension is measured against.

Each build runs as a fresh process; wall time and peak memory (max RSS of the build process,
serial builds) are taken for each. Then, on the rejoinder project: a rebuild with nothing
changed, a rebuild after editing one post's text, and a parallel (-j 2) full build.

    python bench/build_speed.py --sizes 100 500 2000 [--posts 25] [--json results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate_corpus import generate

HERE = Path(__file__).resolve().parent
WORK = HERE / "_work"

CONF = """
project = "bench"
extensions = ["myst_parser", "sphinx_design"{extra}]
myst_enable_extensions = ["colon_fence", "attrs_block", "attrs_inline"]
myst_disable_syntax = ["html_block", "html_inline"]
smartquotes = False
docutils_settings = {{"raw_enabled": False, "file_insertion_enabled": False}}
source_suffix = {{".md": "markdown"}}
exclude_patterns = ["_build"]
html_theme = "furo"
{more}
"""
# Sphinx reads docutils' settings from docutils.conf (conf.py has no value for them).
DOCUTILS_CONF = "[general]\nraw_enabled: false\nfile_insertion_enabled: false\n"
# The baseline builds the generated pages without the extension: its one role (times, written
# as data) becomes plain text there, at about the cost of the span it replaced.
BASELINE_MORE = """
from docutils import nodes


def _time(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [nodes.inline(rawtext, text)], []


def setup(app):
    app.add_role("rejoinder-time", _time)
"""
INDEX = "# Bench\n\n```{toctree}\n:maxdepth: 1\n\ndebates/index\n```\n"
TIMING = re.compile(r"checked in ([\d.]+) s, generated in ([\d.]+) s")


@dataclass
class Run:
    seconds: float
    max_rss_mb: float
    output: str


@dataclass
class Result:
    transcripts: int
    posts: int
    pages: int
    check_seconds: float
    rejoinder_seconds: float
    baseline_seconds: float
    rejoinder_rss_mb: float
    baseline_rss_mb: float
    extension_seconds: float  # load + validate + generate, inside the rejoinder build
    nothing_changed_seconds: float
    nothing_changed_read: int
    one_post_edited_seconds: float
    one_post_edited_read: int
    parallel_seconds: float

    @property
    def time_ratio(self) -> float:
        return self.rejoinder_seconds / self.baseline_seconds

    @property
    def memory_ratio(self) -> float:
        return self.rejoinder_rss_mb / self.baseline_rss_mb


def run(command: list[str]) -> Run:
    """Run a command, returning its wall time, peak memory and output."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output, _ = process.communicate()
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{output[-3000:]}")
    # ru_maxrss of all waited-for children: the largest one so far. Builds run in order of
    # growing size, so take it per build by comparing with the build's own report below.
    return Run(seconds, usage.ru_maxrss / 1024, output)


def sphinx(project: Path, jobs: int = 1) -> list[str]:
    return [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-j",
        str(jobs),
        "-W",
        "-n",
        "-d",
        str(project / "_build" / "doctrees"),
        str(project),
        str(project / "_build" / "html"),
    ]


def measured_build(project: Path, jobs: int = 1) -> Run:
    """A build in a child process that reports its own peak memory (RUSAGE_SELF)."""
    code = (
        "import resource, sys, time\n"
        "from sphinx.cmd.build import main\n"
        "status = main(sys.argv[1:])\n"
        "rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(f'@@maxrss {rss}')\n"
        "sys.exit(status)\n"
    )
    outcome = run([sys.executable, "-c", code, *sphinx(project, jobs)[3:]])
    found = re.search(r"@@maxrss (\d+)", outcome.output)
    assert found, outcome.output
    outcome.max_rss_mb = int(found.group(1)) / 1024
    return outcome


def read_count(output: str) -> int:
    found = re.search(r"(\d+) added, (\d+) changed, (\d+) removed", output)
    assert found, output
    return int(found.group(1)) + int(found.group(2))


def full_build(project: Path, generated: Path | None = None) -> Run:
    """A build from scratch: no output, no doctrees (and no generated pages for Rejoinder)."""
    shutil.rmtree(project / "_build", ignore_errors=True)
    if generated is not None:
        shutil.rmtree(generated, ignore_errors=True)
    return measured_build(project)


def median_run(runs: list[Run]) -> Run:
    return sorted(runs, key=lambda run: run.seconds)[len(runs) // 2]


def bench_size(transcripts: int, posts: int, extras: bool = True, repeat: int = 1) -> Result:
    root = WORK / f"{transcripts}x{posts}"
    shutil.rmtree(root, ignore_errors=True)
    sources = root / "sources"
    generate(sources, transcripts, posts)

    rejoinder = root / "rejoinder"
    rejoinder.mkdir()
    (rejoinder / "conf.py").write_text(
        CONF.format(extra=', "rejoinder"', more='rejoinder_sources = "../sources"\n')
    )
    (rejoinder / "index.md").write_text(INDEX)
    (rejoinder / "docutils.conf").write_text(DOCUTILS_CONF)

    check = run([sys.executable, "-m", "rejoinder.cli", "check", "--no-source", str(sources)])

    # The baseline needs the generated pages: generate them once without building.
    from rejoinder.generate import generate as generate_pages

    generate_pages(sources, rejoinder / "debates")
    baseline = root / "baseline"
    baseline.mkdir()
    (baseline / "conf.py").write_text(CONF.format(extra="", more=BASELINE_MORE))
    (baseline / "index.md").write_text(INDEX)
    (baseline / "docutils.conf").write_text(DOCUTILS_CONF)
    shutil.copytree(rejoinder / "debates", baseline / "debates")
    shutil.rmtree(rejoinder / "debates")  # the rejoinder build generates its own, as usual
    pages = sum(1 for _ in (baseline / "debates").rglob("*.md")) + 1

    # Short builds vary by several percent from run to run: take the median of `repeat`
    # alternating pairs. The last Rejoinder build is left in place for the rebuilds below.
    base_runs, full_runs = [], []
    for _ in range(repeat):
        base_runs.append(full_build(baseline))
        full_runs.append(full_build(rejoinder, rejoinder / "debates"))
    base, full = median_run(base_runs), median_run(full_runs)
    timing = TIMING.search(full.output)
    assert timing, full.output
    extension = float(timing.group(1)) + float(timing.group(2))

    skipped = Run(float("nan"), float("nan"), "0 added, 0 changed, 0 removed")
    nothing = edited = parallel = skipped
    if extras:
        nothing = run(sphinx(rejoinder))
        edited_file = sources / f"debate-{transcripts // 2:05d}.yaml"
        text = edited_file.read_text()
        edited_file.write_text(text.replace("stay text.", "stay text, edited.", 1))
        edited = run(sphinx(rejoinder))
        shutil.rmtree(rejoinder / "_build")
        parallel = run(sphinx(rejoinder, jobs=2))

    return Result(
        transcripts,
        posts,
        pages,
        check.seconds,
        full.seconds,
        base.seconds,
        full.max_rss_mb,
        base.max_rss_mb,
        extension,
        nothing.seconds,
        read_count(nothing.output),
        edited.seconds,
        read_count(edited.output),
        parallel.seconds,
    )


def report(results: list[Result]) -> str:
    lines = [
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, Sphinx {_version('sphinx')}, myst-parser "
        f"{_version('myst_parser')}, sphinx-design {_version('sphinx_design')}, furo "
        f"{_version('furo')}",
        "",
        "| transcripts x posts | pages | baseline | rejoinder | time ratio | per page (rejoinder)"
        " | peak memory baseline / rejoinder | memory ratio | extension share | check |"
        " no change | one post edited | -j 2 |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.transcripts} x {r.posts} | {r.pages} | {r.baseline_seconds:.1f} s |"
            f" {r.rejoinder_seconds:.1f} s | {r.time_ratio:.3f} |"
            f" {r.rejoinder_seconds / r.pages * 1000:.1f} ms |"
            f" {r.baseline_rss_mb:.0f} / {r.rejoinder_rss_mb:.0f} MB | {r.memory_ratio:.3f} |"
            f" {r.extension_seconds / r.rejoinder_seconds:.1%} ({r.extension_seconds:.2f} s) |"
            f" {r.check_seconds:.2f} s |"
            f" {r.nothing_changed_seconds:.1f} s ({r.nothing_changed_read} read) |"
            f" {r.one_post_edited_seconds:.1f} s ({r.one_post_edited_read} read,"
            f" {r.one_post_edited_seconds / r.rejoinder_seconds:.1%} of full) |"
            f" {r.parallel_seconds:.1f} s"
            f" ({r.parallel_seconds / r.rejoinder_seconds:.2f} x serial) |"
        )
    if len(results) > 1:
        first, last = results[0], results[-1]
        lines.append("")
        units = (("page", lambda r: r.pages), ("post", lambda r: r.transcripts * r.posts))
        for unit, count in units:
            mine = (last.rejoinder_seconds / count(last)) / (first.rejoinder_seconds / count(first))
            base = (last.baseline_seconds / count(last)) / (first.baseline_seconds / count(first))
            lines.append(
                f"time per {unit} at {last.transcripts} vs {first.transcripts} transcripts: "
                f"rejoinder {mine:.3f}, baseline {base:.3f}"
            )
    return "\n".join(lines)


def _version(module: str) -> str:
    from importlib.metadata import version

    return version(module.replace("_", "-"))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--posts", type=int, default=25)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument(
        "--extras-up-to",
        type=int,
        default=500,
        metavar="N",
        help="measure rebuilds and -j 2 only for sizes up to N (they take long)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="full builds of each kind, median taken, for small sizes",
    )
    parser.add_argument(
        "--repeat-up-to",
        type=int,
        default=100,
        metavar="N",
        help="repeat full builds only for sizes up to N",
    )
    args = parser.parse_args()
    results = []
    for size in args.sizes:
        repeat = args.repeat if size <= args.repeat_up_to else 1
        extras = size <= args.extras_up_to
        results.append(bench_size(size, args.posts, extras=extras, repeat=repeat))
        print(report(results[-1:]).splitlines()[-1], flush=True)
    print()
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2))


if __name__ == "__main__":
    main()
