"""Rejoinder against plain Sphinx and against sphinx-needs on the same corpus, side by side.

For each corpus size, a deterministic corpus of N transcripts x M posts is built three ways:

* rejoinder: the YAML through the extension (check, generate, then Sphinx reads the pages,
  whose cards are data: one node per card);
* baseline: the same pages written out in full as MyST (``full_myst.py``: what the extension
  generated before its cards became data), in a plain Sphinx project with the same theme,
  myst-parser and sphinx-design but without the extension: the floor;
* sphinx-needs: the same posts, claims and links as needs (``needs_project.py``), built with
  the Python given by ``--needs-python`` (a venv with sphinx-needs); skipped without it.

All three get Rejoinder's GC settings (the extension tunes the GC itself; the other two call
its ``tune_gc`` / ``restore_gc`` from conf.py), so the comparison measures the builds, not the
collector. Each full build runs from scratch as a fresh process, the three interleaved round
by round; wall time and peak memory (max RSS of the build process, serial builds) are taken
for each. Then, on the rejoinder project: a rebuild with nothing changed, a rebuild after
editing one post's text, and a parallel (-j 2) full build. Last, the docutils nodes per card of
one debate page, from the rejoinder and baseline doctrees.

    python bench/build_speed.py --sizes 100 500 2000 [--posts 25] [--json results.json]
        [--needs-python /path/to/venv/bin/python]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import pickle
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
from full_myst import convert_folder
from generate_corpus import generate
from needs_project import EQUAL_GC_CONF, write_needs_project

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
# The baseline builds the full-MyST pages without the extension: its one role (a time, written
# as data, 2026-01-10T15:30Z) shows the time as the cards do (2026-01-10 15:30 UTC), at about
# the cost of the span it replaced. The GC hook is needs_project's, so all three builds share
# the same GC settings; its setup() is kept and called from this one.
BASELINE_MORE = (
    EQUAL_GC_CONF
    + """
from docutils import nodes

_equal_gc_setup = setup


def _time(name, rawtext, text, lineno, inliner, options=None, content=None):
    shown = text.replace("T", " ").replace("Z", " UTC")
    return [nodes.inline(rawtext, shown, classes=["rj-time"])], []


def setup(app):
    app.add_role("rejoinder-time", _time)
    return _equal_gc_setup(app)
"""
)
INDEX = "# Bench\n\n```{toctree}\n:maxdepth: 1\n\ndebates/index\n```\n"
TIMING = re.compile(r"checked in ([\d.]+) s, generated in ([\d.]+) s")
NAN = float("nan")
SIDES = ("baseline", "rejoinder", "needs")


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
    needs_seconds: float = NAN  # NaN: not measured (no --needs-python)
    needs_rss_mb: float = NAN
    needs_pages: int = 0
    rounds: int = 1
    rejoinder_nodes_per_card: float = NAN
    baseline_nodes_per_card: float = NAN

    @property
    def time_ratio(self) -> float:
        return self.rejoinder_seconds / self.baseline_seconds

    @property
    def memory_ratio(self) -> float:
        return self.rejoinder_rss_mb / self.baseline_rss_mb

    @property
    def needs_speedup(self) -> float:
        """How many times faster the rejoinder build is than the sphinx-needs one."""
        return self.needs_seconds / self.rejoinder_seconds


def run(command: list[str]) -> Run:
    """Run a command, returning its wall time, peak memory and output."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output, _ = process.communicate()
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{output[-3000:]}")
    # ru_maxrss of all waited-for children: the largest one so far. Full builds report their
    # own peak instead (measured_build).
    return Run(seconds, usage.ru_maxrss / 1024, output)


def sphinx(project: Path, jobs: int = 1, python: str = sys.executable) -> list[str]:
    return [
        python,
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


def measured_build(project: Path, jobs: int = 1, python: str = sys.executable) -> Run:
    """A build in a child process that reports its own peak memory (RUSAGE_SELF)."""
    code = (
        "import resource, sys, time\n"
        "from sphinx.cmd.build import main\n"
        "status = main(sys.argv[1:])\n"
        "rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(f'@@maxrss {rss}')\n"
        "sys.exit(status)\n"
    )
    outcome = run([python, "-c", code, *sphinx(project, jobs)[3:]])
    found = re.search(r"@@maxrss (\d+)", outcome.output)
    assert found, outcome.output
    outcome.max_rss_mb = int(found.group(1)) / 1024
    return outcome


def read_count(output: str) -> int:
    found = re.search(r"(\d+) added, (\d+) changed, (\d+) removed", output)
    assert found, output
    return int(found.group(1)) + int(found.group(2))


def full_build(project: Path, generated: Path | None = None, python: str = sys.executable) -> Run:
    """A build from scratch: no output, no doctrees (and no generated pages for Rejoinder)."""
    shutil.rmtree(project / "_build", ignore_errors=True)
    if generated is not None:
        shutil.rmtree(generated, ignore_errors=True)
    return measured_build(project, python=python)


def median_run(runs: list[Run]) -> Run:
    return sorted(runs, key=lambda run: run.seconds)[len(runs) // 2]


def nodes_per_card(project: Path, debate: str, posts: int) -> float:
    """Docutils nodes of one debate page's doctree (as pickled by the build), per post."""
    with (project / "_build" / "doctrees" / "debates" / f"{debate}.doctree").open("rb") as file:
        doctree = pickle.load(file)
    return len(list(doctree.findall())) / posts


def sphinx_project(project: Path, extra: str, more: str) -> None:
    project.mkdir()
    (project / "conf.py").write_text(CONF.format(extra=extra, more=more))
    (project / "index.md").write_text(INDEX)
    (project / "docutils.conf").write_text(DOCUTILS_CONF)


def bench_size(
    transcripts: int,
    posts: int,
    extras: bool = True,
    repeat: int = 1,
    needs_python: str | None = None,
) -> Result:
    root = WORK / f"{transcripts}x{posts}"
    shutil.rmtree(root, ignore_errors=True)
    sources = root / "sources"
    generate(sources, transcripts, posts)

    rejoinder = root / "rejoinder"
    sphinx_project(rejoinder, ', "rejoinder"', 'rejoinder_sources = "../sources"\n')
    check = run([sys.executable, "-m", "rejoinder.cli", "check", "--no-source", str(sources)])

    # The baseline needs the generated pages, spelled out in full: generate them once aside.
    from rejoinder.generate import generate as generate_pages

    generated = root / "generated"
    generate_pages(sources, generated)
    baseline = root / "baseline"
    sphinx_project(baseline, "", BASELINE_MORE)
    convert_folder(generated, baseline / "debates")
    shutil.rmtree(generated)
    pages = sum(1 for _ in (baseline / "debates").rglob("*.md")) + 1

    needs = root / "needs"
    needs_pages = write_needs_project(sources, needs, equal_gc=True) if needs_python else 0

    # Builds vary by several percent from run to run: take the median of `repeat` rounds,
    # the three sides interleaved in each. The last Rejoinder build is left in place for the
    # rebuilds below.
    runs: dict[str, list[Run]] = {side: [] for side in SIDES}
    for _ in range(repeat):
        runs["baseline"].append(full_build(baseline))
        runs["rejoinder"].append(full_build(rejoinder, rejoinder / "debates"))
        if needs_python:
            runs["needs"].append(full_build(needs, python=needs_python))
    base, full = median_run(runs["baseline"]), median_run(runs["rejoinder"])
    need = median_run(runs["needs"]) if needs_python else Run(NAN, NAN, "")
    timing = TIMING.search(full.output)
    assert timing, full.output
    extension = float(timing.group(1)) + float(timing.group(2))
    debate = f"debate-{transcripts // 2:05d}"
    rejoinder_nodes = nodes_per_card(rejoinder, debate, posts)
    baseline_nodes = nodes_per_card(baseline, debate, posts)

    skipped = Run(NAN, NAN, "0 added, 0 changed, 0 removed")
    nothing = edited = parallel = skipped
    if extras:
        nothing = run(sphinx(rejoinder))
        edited_file = sources / f"{debate}.yaml"
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
        need.seconds,
        need.max_rss_mb,
        needs_pages,
        repeat,
        rejoinder_nodes,
        baseline_nodes,
    )


def _seconds(value: float) -> str:
    return "not measured" if math.isnan(value) else f"{value:.1f} s"


def report(results: list[Result], needs_python: str | None = None) -> str:
    needs_version = _version("sphinx-needs", needs_python) if needs_python else "not measured"
    lines = [
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, Sphinx {_version('sphinx')}, myst-parser "
        f"{_version('myst_parser')}, sphinx-design {_version('sphinx_design')}, furo "
        f"{_version('furo')}, sphinx-needs {needs_version}",
        "all three builds with Rejoinder's GC settings; full builds: median of the rounds shown",
        "",
        "| transcripts x posts | pages | rounds | baseline | rejoinder | sphinx-needs"
        " | time ratio rejoinder / baseline | speed-up over sphinx-needs"
        " | per page baseline / rejoinder / needs"
        " | peak memory baseline / rejoinder / needs | memory ratio rejoinder / baseline"
        " | peak memory per page baseline / rejoinder / needs"
        " | nodes per card baseline / rejoinder |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        needs_pages = r.needs_pages or NAN
        lines.append(
            f"| {r.transcripts} x {r.posts} | {r.pages} | {r.rounds} |"
            f" {_seconds(r.baseline_seconds)} | {_seconds(r.rejoinder_seconds)} |"
            f" {_seconds(r.needs_seconds)} | {r.time_ratio:.3f} |"
            f" {_ratio(r.needs_speedup)} |"
            f" {r.baseline_seconds / r.pages * 1000:.1f} /"
            f" {r.rejoinder_seconds / r.pages * 1000:.1f} /"
            f" {_number(r.needs_seconds / needs_pages * 1000, '.1f')} ms |"
            f" {r.baseline_rss_mb:.0f} / {r.rejoinder_rss_mb:.0f} /"
            f" {_number(r.needs_rss_mb, '.0f')} MB | {r.memory_ratio:.3f} |"
            f" {r.baseline_rss_mb / r.pages:.2f} / {r.rejoinder_rss_mb / r.pages:.2f} /"
            f" {_number(r.needs_rss_mb / needs_pages, '.2f')} MB |"
            f" {r.baseline_nodes_per_card:.1f} / {r.rejoinder_nodes_per_card:.1f} |"
        )
    lines += [
        "",
        "| transcripts x posts | extension share | check | no change | one post edited | -j 2 |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.transcripts} x {r.posts} |"
            f" {r.extension_seconds / r.rejoinder_seconds:.1%} ({r.extension_seconds:.2f} s) |"
            f" {r.check_seconds:.2f} s |"
            f" {_seconds(r.nothing_changed_seconds)} ({r.nothing_changed_read} read) |"
            f" {_seconds(r.one_post_edited_seconds)} ({r.one_post_edited_read} read,"
            f" {r.one_post_edited_seconds / r.rejoinder_seconds:.1%} of full) |"
            f" {_seconds(r.parallel_seconds)}"
            f" ({r.parallel_seconds / r.rejoinder_seconds:.2f} x serial) |"
        )
    if len(results) > 1:
        first, last = results[0], results[-1]
        lines.append("")
        per_page = (
            ("rejoinder", lambda r: r.rejoinder_seconds / r.pages),
            ("baseline", lambda r: r.baseline_seconds / r.pages),
            ("sphinx-needs", lambda r: r.needs_seconds / (r.needs_pages or NAN)),
        )
        shown = ", ".join(f"{side} {_ratio(cost(last) / cost(first))}" for side, cost in per_page)
        lines.append(
            f"time per page at {last.transcripts} vs {first.transcripts} transcripts: {shown}"
        )
        per_post = (
            ("rejoinder", lambda r: r.rejoinder_seconds / (r.transcripts * r.posts)),
            ("baseline", lambda r: r.baseline_seconds / (r.transcripts * r.posts)),
            ("sphinx-needs", lambda r: r.needs_seconds / (r.transcripts * r.posts)),
        )
        shown = ", ".join(f"{side} {_ratio(cost(last) / cost(first))}" for side, cost in per_post)
        lines.append(
            f"time per post at {last.transcripts} vs {first.transcripts} transcripts: {shown}"
        )
    if not needs_python:
        lines += ["", "sphinx-needs: not measured (no --needs-python given)"]
    return "\n".join(lines)


def _number(value: float, spec: str) -> str:
    return "-" if math.isnan(value) else format(value, spec)


def _ratio(value: float) -> str:
    return _number(value, ".3f")


def _version(module: str, python: str | None = None) -> str:
    """A distribution's version, in this Python or in the one at ``python``."""
    name = module.replace("_", "-")
    if python:
        code = f"from importlib.metadata import version; print(version({name!r}))"
        return subprocess.run(
            [python, "-c", code], capture_output=True, text=True, check=True
        ).stdout.strip()
    from importlib.metadata import version

    return version(name)


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
        help="rounds of full builds (each side once per round, interleaved), median taken",
    )
    parser.add_argument(
        "--repeat-up-to",
        type=int,
        default=500,
        metavar="N",
        help="repeat full builds only for sizes up to N (one round above)",
    )
    parser.add_argument(
        "--needs-python",
        default=None,
        metavar="PATH",
        help="a Python with sphinx-needs (and this project) installed: build the sphinx-needs"
        " side with it; without it, that side is skipped",
    )
    args = parser.parse_args()
    if not args.needs_python:
        print("sphinx-needs side skipped: no --needs-python given", flush=True)
    results = []
    for size in args.sizes:
        repeat = args.repeat if size <= args.repeat_up_to else 1
        extras = size <= args.extras_up_to
        results.append(bench_size(size, args.posts, extras, repeat, needs_python=args.needs_python))
        print(report(results[-1:], args.needs_python), flush=True)
        print(flush=True)
    print()
    print(report(results, args.needs_python))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2))


if __name__ == "__main__":
    main()
