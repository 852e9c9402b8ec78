"""How long `rejoinder check` takes on a hostile transcript, against a valid one of the same size.

    python bench/hostile_check.py [--bytes 2000000] [--repeat 3]

The hostile file is as large as the size limit allows and every post in it is wrong in the
ways that ask the checker for a "did you mean" search: an author that is not a participant, a
reply to a post that does not exist, a quote of a missing post, an edge to a claim another
post holds. The valid file has the same participants, posts and size, every reference
resolving. Both are checked as fresh processes, in the same run; the script prints both times
and their ratio (the goal: about 1). A third file, the valid one with a YAML syntax error in
every post (an unquoted colon), times the loader reading on after each syntax error.
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

HEAD = """\
id: {debate}
title: A long debate
summary: Generated for the hostile-input benchmark.
sources:
  - title: Generated
participants:
{participants}posts:
"""
PARTICIPANT = "  person-{number:04d}:\n    handle: '@person{number:04d}'\n"
POST = """\
  - id: post-{number:05d}
    author: {author}
    posted: 2026-05-20T21:54:00+00:00
    replies_to: {reply}
    quotes: {quote}
    text: Post number {number} of the debate, with a few words in it.
    claims:
      - id: claim-{number:05d}
        statement: Claim {number}.
    arguments:
      - {edge}
"""


def transcript(size: int, *, hostile: bool, participants: int = 1000) -> str:
    """A transcript of about ``size`` bytes; ``hostile`` makes every post's references wrong.

    Both kinds have the same participants and the same number of posts, with ids of the same
    lengths, so the files differ only in whether the references resolve.
    """
    people = "".join(PARTICIPANT.format(number=n) for n in range(participants))
    parts = [HEAD.format(debate="hostile" if hostile else "valid", participants=people)]
    total = len(parts[0])
    number = 0
    while total < size:
        before = max(number - 1, 0)
        if hostile:
            # Each wrong reference is one character away from a real id: the close-match
            # search has real candidates to weigh, and finds them.
            fields = {
                "author": f"persom-{number % participants:04d}",
                "reply": f"post-{number + 1:05d}x",
                "quote": f"pots-{before:05d}",
                "edge": f"rebuts: post-{before:05d}#claim-{number:05d}",
            }
        else:
            fields = {
                "author": f"person-{number % participants:04d}",
                "reply": f"post-{before:05d}",
                "quote": f"post-{before:05d}",
                "edge": f"rebuts: post-{before:05d}#claim-{before:05d}",
            }
        if number == 0 and not hostile:
            fields["reply"] = fields["quote"] = "post-00001"
            fields["edge"] = "rebuts: post-00001#claim-00001"
        post = POST.format(number=number, **fields)
        parts.append(post)
        total += len(post)
        number += 1
    return "".join(parts)


def timed_check(path: Path, repeat: int) -> tuple[float, str]:
    command = [sys.executable, "-m", "rejoinder.cli", "check", "--no-source", str(path)]
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bytes", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        valid, hostile = Path(scratch) / "valid.yaml", Path(scratch) / "hostile.yaml"
        valid.write_text(transcript(args.bytes, hostile=False), encoding="utf-8")
        hostile.write_text(transcript(args.bytes, hostile=True), encoding="utf-8")
        syntax = Path(scratch) / "syntax.yaml"
        syntax.write_text(
            valid.read_text(encoding="utf-8").replace(", with a few", ": with a few"),
            encoding="utf-8",
        )
        posts = valid.read_text(encoding="utf-8").count("\n  - id: post-")
        valid_time, valid_out = timed_check(valid, args.repeat)
        hostile_time, hostile_out = timed_check(hostile, args.repeat)
        syntax_time, syntax_out = timed_check(syntax, args.repeat)
        sizes = valid.stat().st_size, hostile.stat().st_size
    if not valid_out.endswith(": 0 errors, 0 warnings\n"):
        sys.exit(f"the valid file does not check clean:\n{valid_out[-2000:]}")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"files: {sizes[0]:,} and {sizes[1]:,} bytes, {posts:,} posts each")
    print(f"valid:   {valid_time:.2f} s (median of {args.repeat})")
    print(f"hostile: {hostile_time:.2f} s; {hostile_out.splitlines()[-1]}")
    print(f"lines printed for the hostile file: {len(hostile_out.splitlines()):,}")
    print(f"hostile / valid: {hostile_time / valid_time:.2f}")
    print(f"syntax errors in every post: {syntax_time:.2f} s; {syntax_out.splitlines()[-1]}")
    print(f"syntax / valid: {syntax_time / valid_time:.2f}")


if __name__ == "__main__":
    main()
