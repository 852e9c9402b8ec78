"""``rejoinder export``: debates in a format other tools read.

    rejoinder export FORMAT [PATH ...] [-o OUT]

The transcripts are checked first, as ``rejoinder check`` does; with any error, the errors are
printed (``path:line:column: error: message``) and nothing is written. Then each debate goes to
``OUT/<debate><suffix>``, and the whole corpus to ``OUT/index<suffix>`` when the format has a
corpus file, with the files the format publishes beside them (JSON: its schema). Without
``-o``, one debate is printed to standard output (only when the paths hold exactly one).
Exit codes as ``check``: 0 done, 1 errors, 2 a wrong command line.
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path
from typing import Any

from rejoinder.export import (
    FORMATS,
    ExportFormat,
    FormatUnavailable,
    export_format,
    write_atomically,
)
from rejoinder.problems import display_path, visible

PROG = "rejoinder export"


def add_parser(commands: Any) -> None:
    command = commands.add_parser(
        "export",
        help="write debates as JSON or another format other tools read",
        description="Check the transcripts, then write each debate in FORMAT into OUT "
        "(and the corpus file, index<suffix>, when the format has one). Without -o, print "
        "the one debate the paths hold. Nothing is written when a transcript has errors.",
    )
    command.add_argument("export_format", metavar="FORMAT", help=f"one of: {', '.join(FORMATS)}")
    command.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="transcript files or folders (default: sources/)",
    )
    command.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="OUT",
        help="the folder to write into (created if missing)",
    )


def run_export(args: argparse.Namespace) -> int:
    from rejoinder.corpus import check_paths
    from rejoinder.graph import build_graph

    try:
        chosen = export_format(args.export_format)
    except FormatUnavailable as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2 if args.export_format not in FORMATS else 1
    paths: list[Path] = args.paths or [Path("sources")]
    # In this process: worker processes check faster but do not hand the models back.
    corpus = check_paths(paths, jobs=1)
    errors = [problem for problem in corpus.problems if problem.is_error]
    for problem in errors:
        print(problem.format(), file=sys.stderr)
    if errors:
        count = len(errors)
        print(f"{PROG}: {count} error{'s' * (count != 1)}; nothing written", file=sys.stderr)
        return 1
    transcripts = [item.transcript for item in corpus.checked if item.transcript is not None]
    if not transcripts:
        print(f"{PROG}: error: no transcripts found", file=sys.stderr)
        return 1
    graph = build_graph(transcripts)
    # Exporting makes no reference cycles, and the corpus outlives it: out of the collector's
    # way, its collections stop walking every record of the corpus (at 2,000 debates, this
    # halves the time of the JSON export). Given back after, for callers in the same process.
    gc.collect()
    gc.freeze()
    try:
        if args.output is None:
            if len(transcripts) != 1:
                print(
                    f"{PROG}: error: the paths hold {len(transcripts)} debates; name a folder "
                    "to write them into with -o OUT, or give one transcript",
                    file=sys.stderr,
                )
                return 2
            sys.stdout.write(chosen.debate(graph, transcripts[0].id))
            return 0
        return _write_all(chosen, graph, args.output)
    finally:
        gc.unfreeze()


def _write_all(chosen: ExportFormat, graph: Any, out: Path) -> int:
    if out.exists() and not out.is_dir():
        print(f"{PROG}: error: {display_path(out)} is not a folder", file=sys.stderr)
        return 2
    files = [
        (chosen.debate_file(debate), chosen.debate(graph, debate)) for debate in graph.transcripts
    ]
    corpus_file = chosen.corpus_file
    if corpus_file is not None:
        text = chosen.corpus(graph)
        assert text is not None
        files.append((corpus_file, text))
    files += chosen.companions().items()
    try:
        for name, text in files:
            write_atomically(out / name, text)
    except OSError as error:
        print(
            f"{PROG}: error: cannot write into {visible(display_path(out))}: {error.strerror}",
            file=sys.stderr,
        )
        return 1
    print(
        f"wrote {len(files)} {chosen.label} file{'s' * (len(files) != 1)} into {display_path(out)}"
    )
    return 0
