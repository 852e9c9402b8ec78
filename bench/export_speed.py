"""How long every registered export takes on a generated corpus (goal: all of 2,000 x 25 in
under 10 s).

    python bench/export_speed.py [--transcripts 2000] [--posts 25] [--repeat 1]

The corpus is generated, checked and its graph built once (timed apart: `rejoinder export`
and the site build do that anyway); then, per format, every debate's file, the corpus file
and the companion files are made (as text), and separately all of them are written to disk.
The site's schema.org JSON-LD (one per debate page) and the Atom feed are timed too.
Prints the median seconds of each part, and the total of the exports.
"""

from __future__ import annotations

import argparse
import gc
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate_corpus import generate
from rejoinder.export import FORMATS, ExportFormat, atom, schemaorg, write_atomically
from rejoinder.generate import load_corpus
from rejoinder.graph import Graph, build_graph


def _median(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _files(found: ExportFormat, graph: Graph) -> dict[str, str]:
    files = {found.debate_file(debate): found.debate(graph, debate) for debate in graph.transcripts}
    if found.corpus_file:
        files[found.corpus_file] = found.corpus(graph) or ""
    files.update(found.companions())
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--transcripts", type=int, default=2000)
    parser.add_argument("--posts", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        sources = Path(scratch) / "sources"
        generate(sources, args.transcripts, args.posts)
        start = time.perf_counter()
        transcripts, corpus = load_corpus(sources)
        if corpus.error_count:
            sys.exit("the generated corpus has errors")
        graph = build_graph(transcripts)
        graph.labels()  # computed once per corpus, whoever asks first
        # As `rejoinder export` and the site build run: the corpus out of the collector's way.
        gc.collect()
        gc.freeze()
        prepared = time.perf_counter() - start
        print(
            f"{args.transcripts} debates x {args.posts} posts on {platform.python_version()} "
            f"({platform.machine()}); check and graph: {prepared:.2f} s (not counted below)"
        )
        total = 0.0
        made: dict[str, str] = {}
        for found in FORMATS.values():
            seconds = _median(lambda found=found: made.update(_files(found, graph)), args.repeat)
            total += seconds
            print(f"  {found.name:<16} {seconds:6.2f} s")
        seconds = _median(
            lambda: [
                schemaorg.script_element(schemaorg.discussion(graph, debate, f"{debate}.html"))
                for debate in graph.transcripts
            ],
            args.repeat,
        )
        total += seconds
        print(f"  {'schema.org':<16} {seconds:6.2f} s")
        seconds = _median(
            lambda: atom.feed(graph, title="Bench", page_address=lambda d: f"{d}.html"),
            args.repeat,
        )
        total += seconds
        print(f"  {'atom feed':<16} {seconds:6.2f} s")
        out = Path(scratch) / "out"
        written = _median(
            lambda: [write_atomically(out / name, text) for name, text in made.items()], 1
        )
        size = sum(len(text.encode("utf-8")) for text in made.values())
        total += written
        print(f"  {'writing':<16} {written:6.2f} s  ({len(made)} files, {size / 1e6:.0f} MB)")
        print(f"all exports: {total:.2f} s (goal: under 10 s at 2,000 x 25)")


if __name__ == "__main__":
    main()
