"""``rejoinder import --update FILE [INPUT]``: a fresh copy of the thread merged into FILE.

The merge itself is :func:`rejoinder.importers.update.merge`; this module reads the file (which
must check clean on its own), refuses to rewrite one that the emitter would not write back
byte for byte (comments and hand layout would be lost), reads or fetches the thread again,
and writes the result through the same checked path as a new import.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from rejoinder.cli.importing import (
    Failure,
    Request,
    captured_date,
    check_output,
    check_text,
    convert,
    fetch,
    load_platform,
    plural,
    read_input,
    write_checked,
)
from rejoinder.importers import PLATFORMS
from rejoinder.importers.base import Get, ImportOptions
from rejoinder.importers.emit import emit
from rejoinder.problems import Problem, display_path, visible


def run_update(request: Request, get: Get | None) -> int:
    from rejoinder.importers.update import merge

    target = request.update
    assert target is not None
    if len(request.words) > 1:
        raise Failure(
            "with --update give at most the input, e.g. "
            "rejoinder import --update sources/x.yaml thread.json",
            code=2,
        )
    if request.debate_id is not None:
        raise Failure("--update keeps the transcript's id; --id is for a new import", code=2)
    old, text = load_existing(target)
    schema_line = text.split("\n", 1)[0] if text.startswith("# yaml-language-server:") else None
    output = request.output
    if output is not None:
        check_output(output)
    elif emit(old, schema_line=schema_line) != text:
        raise Failure(
            f"{display_path(target)} cannot be rewritten without changing its layout "
            f"(comments or hand formatting; the first difference is on line "
            f"{_first_difference(emit(old, schema_line=schema_line), text)}); nothing was written",
            hint="write the merged transcript to another file with -o NEW and compare the two",
        )
    source = _first_source(old, target)
    importer = load_platform(_platform_of(source, target))
    captured = captured_date(request.captured)
    if request.words:
        data, address = read_input(importer, request.words[0], get)
    else:
        thread = source.get("thread")
        if not isinstance(thread, str) or not thread:
            raise Failure(
                f"{display_path(target)}: sources[0] has no thread address to read again",
                hint="give the saved response: rejoinder import --update FILE INPUT",
            )
        data, address = fetch(importer, thread, get), thread
    options = ImportOptions(
        captured=captured,
        debate_id=str(old.get("id")) if old.get("id") else None,
        source_url=address or (source.get("url") if isinstance(source.get("url"), str) else None),
        include_opted_out=request.include_opted_out,
    )
    fresh, notes = convert(importer, data, options)
    merged = merge(old, fresh, captured.isoformat())
    destination = output or target
    shown_target = display_path(target)
    for change in merged.changes:
        print(visible(change), file=sys.stderr)
    if not merged.changes and output is None:
        problems, errors, warnings = check_text(text, target, target.parent)
        for note in notes:
            print(f"note: {visible(note)}", file=sys.stderr)
        for problem in problems:
            print(problem.format(), file=sys.stderr)
        print(
            f"{shown_target}: no changes, not rewritten; checked: {plural(errors, 'error')}, "
            f"{plural(warnings, 'warning')}",
            file=sys.stderr,
        )
        return 1 if errors else 0
    count = len(merged.changes)
    return write_checked(
        merged.transcript,
        notes,
        destination,
        destination.parent,
        replace=output is None,
        summary=lambda shown: f"updated {shown} ({plural(count, 'change')})",
        schema_line=schema_line,
    )


def load_existing(path: Path) -> tuple[dict[str, Any], str]:
    """The transcript at ``path`` as the loader reads it, and its text."""
    from rejoinder.corpus import check_file
    from rejoinder.loader import load_text, read_source

    shown = display_path(path)
    if not path.is_file():
        raise Failure(f"{shown}: no such file", code=2)
    raw = read_source(path, shown)
    if isinstance(raw, Problem):
        raise Failure(f"{shown}: {raw.message}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Failure(f"{shown}: not UTF-8 text") from None
    document, problems = load_text(text, shown)
    if document is not None and not problems:
        problems = check_file(path, keep_model=False).problems
    errors = [problem for problem in problems if problem.is_error]
    if document is None or errors or not isinstance(document.data, dict):
        first = errors[0].format().split("\n")[0] if errors else f"{shown}: not a transcript"
        raise Failure(
            f"{shown} has {plural(len(errors), 'error')} to fix before it can be updated; "
            f"the first: {first}",
            hint=f"rejoinder check {shown} lists them",
        )
    return document.data, text


def _first_source(old: dict[str, Any], target: Path) -> dict[str, Any]:
    sources = old.get("sources")
    if isinstance(sources, list) and sources and isinstance(sources[0], dict):
        return sources[0]
    raise Failure(f"{display_path(target)}: has no sources to read the thread from")


def _platform_of(source: dict[str, Any], target: Path) -> str:
    name = source.get("platform")
    if isinstance(name, str) and name in PLATFORMS:
        return name
    raise Failure(
        f"{display_path(target)}: sources[0].platform does not name a platform rejoinder "
        f"imports ({', '.join(PLATFORMS)})",
    )


def _first_difference(one: str, other: str) -> int:
    for number, (left, right) in enumerate(
        zip(one.split("\n"), other.split("\n"), strict=False), start=1
    ):
        if left != right:
            return number
    return min(one.count("\n"), other.count("\n")) + 1
