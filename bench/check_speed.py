"""How long `rejoinder check` takes on a generated corpus, as a fresh process each time.

    python bench/check_speed.py [--transcripts 1000] [--posts 25] [--repeat 3]

Prints the median wall time for the default (parallel) run and for a single process, the
ratio between them, and the time per post.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate_corpus import generate


def timed_check(folder: Path, extra: list[str], repeat: int) -> float:
    command = [sys.executable, "-m", "rejoinder.cli", "check", "--no-source", *extra, str(folder)]
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        runs.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(f"check failed on the generated corpus:\n{done.stdout[-2000:]}")
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--transcripts", type=int, default=1000)
    parser.add_argument("--posts", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "sources"
        generate(folder, args.transcripts, args.posts)
        size = sum(path.stat().st_size for path in folder.iterdir())
        parallel = timed_check(folder, [], args.repeat)
        serial = timed_check(folder, ["--jobs", "1"], args.repeat)
    posts = args.transcripts * args.posts
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(
        f"corpus: {args.transcripts} transcripts x {args.posts} posts, {size / 1e6:.1f} MB of YAML"
    )
    print(f"rejoinder check (one worker per core): {parallel:.2f} s (median of {args.repeat})")
    print(f"rejoinder check --jobs 1:               {serial:.2f} s")
    print(f"parallel / serial: {parallel / serial:.2f}")
    print(
        f"per post: {parallel / posts * 1e6:.0f} us parallel, {serial / posts * 1e6:.0f} us serial"
    )


if __name__ == "__main__":
    main()
