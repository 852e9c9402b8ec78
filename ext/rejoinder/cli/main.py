"""The ``rejoinder`` command: check, start and compare transcripts, print the schema, render
pages."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from rejoinder import __version__
from rejoinder.corpus import check_paths
from rejoinder.loader import read_source
from rejoinder.problems import Problem, visible


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rejoinder", description="Annotated commentary on public debates."
    )
    parser.add_argument("--version", action="version", version=f"rejoinder {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="check transcripts and report every problem",
        description="Check transcripts; exit 0 if no errors, 1 if any.",
    )
    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="transcript files or folders (default: sources/)",
    )
    check.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="'github' prints GitHub Actions annotations",
    )
    check.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        metavar="N",
        help="worker processes for large corpora (default: one per core)",
    )
    check.add_argument(
        "--no-source",
        action="store_true",
        help="do not quote the offending line under each problem",
    )

    commands.add_parser("schema", help="print the transcript format's JSON Schema")

    render = commands.add_parser(
        "render",
        help="print the MyST page of one transcript",
        description="Check the transcript (with the other transcripts of its folder, so "
        "cross-references resolve) and print the MyST page the Sphinx extension writes.",
    )
    render.add_argument("file", type=Path, metavar="FILE", help="a transcript file")
    render.add_argument(
        "--sources",
        type=Path,
        default=None,
        metavar="DIR",
        help="the corpus it belongs to (default: the file's folder)",
    )

    new = commands.add_parser(
        "new",
        help="write a commented skeleton transcript to fill in",
        description="Write SLUG.yaml, a commented skeleton transcript whose <TODO ...> "
        "placeholders say what goes where; `rejoinder check` lists those left. An existing "
        "file is never overwritten.",
    )
    new.add_argument(
        "slug",
        metavar="SLUG",
        help="the debate's id and file name: lower-case letters, digits and single hyphens",
    )
    new.add_argument(
        "--sources",
        type=Path,
        default=Path("sources"),
        metavar="DIR",
        help="the folder of transcripts (default: sources/)",
    )

    diff = commands.add_parser(
        "diff",
        help="describe what changed since a git revision, as Markdown",
        description="Compare the transcripts in the sources folder at a git revision with the "
        "working tree and print a Markdown summary for a pull-request comment: debates and "
        "cards added and removed, texts changed, edges added and removed, and the backlinks "
        "and statuses that change elsewhere as a result.",
    )
    diff.add_argument("base", metavar="BASE", help="a git revision, e.g. main or origin/main")
    diff.add_argument(
        "--sources",
        type=Path,
        default=Path("sources"),
        metavar="DIR",
        help="the folder of transcripts (default: sources/)",
    )
    from rejoinder.cli.importing import add_parser as add_import

    add_import(commands)
    from rejoinder.cli.export import add_parser as add_export

    add_export(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits 2 on bad usage, 0 for --help
        return int(exit_.code or 0)
    if args.command == "check":
        return run_check(
            args.paths or [Path("sources")], args.format, args.jobs, show_source=not args.no_source
        )
    if args.command == "schema":
        from rejoinder.schema import schema_json

        sys.stdout.write(schema_json())
        return 0
    if args.command == "render":
        return run_render(args.file, args.sources)
    if args.command == "new":
        return run_new(args.slug, args.sources)
    if args.command == "diff":
        from rejoinder.cli.diff import run_diff

        return run_diff(args.base, args.sources)
    if args.command == "import":
        from rejoinder.cli.importing import run_import

        return run_import(args)
    if args.command == "export":
        from rejoinder.cli.export import run_export

        return run_export(args)
    parser.error(f"unknown command {args.command}")  # pragma: no cover - argparse prevents it
    return 2  # pragma: no cover


def run_render(file: Path, sources: Path | None) -> int:
    from rejoinder.generate import load_corpus
    from rejoinder.graph import build_graph
    from rejoinder.render import render_debate

    if not file.is_file():
        print(f"rejoinder render: error: {file}: no such file", file=sys.stderr)
        return 2
    corpus_dir = sources or file.parent
    if corpus_dir.resolve() not in file.resolve().parents:
        print(f"rejoinder render: error: {file} is not inside {corpus_dir}", file=sys.stderr)
        return 2
    transcripts, corpus = load_corpus(corpus_dir)
    errors = [problem for problem in corpus.problems if problem.is_error]
    for problem in errors:
        print(problem.format(), file=sys.stderr)
    if errors:
        print(
            f"rejoinder render: {_plural(corpus.error_count, 'error')}; nothing rendered",
            file=sys.stderr,
        )
        return 1
    wanted = file.resolve()
    graph = build_graph(transcripts)
    for item in corpus.checked:
        if item.transcript is not None and Path(item.path).resolve() == wanted:
            sys.stdout.write(render_debate(graph, item.transcript.id))
            return 0
    print(f"rejoinder render: error: {file} is not a transcript file", file=sys.stderr)
    return 1


def run_new(slug: str, sources: Path) -> int:
    from rejoinder.corpus import find_transcripts
    from rejoinder.problems import display_path
    from rejoinder.skeleton import ids_in_use, schema_reference, skeleton, slug_problem

    problem = slug_problem(slug)
    if problem is not None:
        message, hint = problem
        print(f"rejoinder new: error: {message}\n  hint: {hint}", file=sys.stderr)
        return 2
    if not sources.is_dir():
        print(
            f"rejoinder new: error: {sources}: no such folder\n"
            "  hint: run from the repository root, or name the folder with --sources DIR",
            file=sys.stderr,
        )
        return 2
    target = sources / f"{slug}.yaml"
    for existing in (target, target.with_suffix(".yml")):
        if existing.exists():
            print(
                f"rejoinder new: error: {display_path(existing)} already exists; "
                "nothing was written\n"
                "  hint: edit that file, or choose another id",
                file=sys.stderr,
            )
            return 1
    files, _ = find_transcripts([sources])
    owner = ids_in_use(files).get(slug)
    if owner is not None:
        print(
            f"rejoinder new: error: debate id '{slug}' is already used by "
            f"{display_path(owner)}; nothing was written\n"
            "  hint: each transcript needs its own id: choose another",
            file=sys.stderr,
        )
        return 1
    shown = display_path(target)
    text = skeleton(slug, schema_reference(sources), shown)
    try:
        # "x": created here or not at all; a file that appeared meanwhile is left alone.
        with target.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except FileExistsError:
        print(
            f"rejoinder new: error: {shown} already exists; nothing was written",
            file=sys.stderr,
        )
        return 1
    except OSError as error:
        print(f"rejoinder new: error: cannot write {shown}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {shown}")
    print("next: replace each <TODO ...> placeholder with what the source shows, then run")
    print(f"  rejoinder check {shown}")
    return 0


def run_check(
    paths: list[Path],
    output_format: str,
    jobs: int | None,
    *,
    show_source: bool = True,
    out: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    if jobs is not None and jobs < 1:
        print("rejoinder check: error: --jobs must be at least 1", file=sys.stderr)
        return 2
    corpus = check_paths(paths, jobs=jobs)
    lines = _SourceLines()
    for problem in corpus.problems:
        if output_format == "github":
            print(problem.format_github(), file=out)
        else:
            print(problem.format(), file=out)
            if show_source:
                excerpt = lines.excerpt(problem)
                if excerpt:
                    print(excerpt, file=out)
    count = len(corpus.checked)
    summary = (
        f"checked {count} transcript{'s' * (count != 1)}: "
        f"{_plural(corpus.error_count, 'error')}, {_plural(corpus.warning_count, 'warning')}"
    )
    print(summary, file=out if output_format == "text" else sys.stderr)
    return 1 if corpus.error_count else 0


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


class _SourceLines:
    """The offending line with a caret under the column, as compilers show it."""

    def __init__(self) -> None:
        self._files: dict[str, list[str] | None] = {}

    def excerpt(self, problem: Problem) -> str | None:
        if problem.line <= 0:
            return None
        if problem.path not in self._files:
            # Read as the checker read it: never through a link, never past the size limit.
            raw = read_source(Path(problem.path), problem.path)
            self._files[problem.path] = (
                None
                if isinstance(raw, Problem)
                else raw.decode("utf-8-sig", errors="replace").splitlines()
            )
        source = self._files[problem.path]
        if not source or problem.line > len(source):
            return None
        line = source[problem.line - 1].expandtabs(1)
        # Control and invisible characters are shown as escapes: the line is contributor text.
        shown = visible(line)
        if len(shown) > 160:
            return None
        # The caret stands under the column's character as shown, escapes counted.
        indent = len(visible(line[: max(problem.column, 1) - 1]))
        return f"  {problem.line:>4} | {shown}\n       | {' ' * indent}^"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
