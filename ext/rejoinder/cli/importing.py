"""``rejoinder import``: a thread saved from (or fetched from) its platform, as a transcript.

    rejoinder import PLATFORM INPUT [-o FILE] [--id ID] [--captured DATE] [--include-opted-out]
    rejoinder import --update FILE [INPUT] [-o NEW] [--captured DATE] [--include-opted-out]

INPUT is a saved JSON response, ``-`` for standard input, or the post's web address (fetched
where the platform has a public read API). The result is checked as ``rejoinder check`` would,
with the other transcripts of its folder so that references across debates resolve, before it
is put in place. Exit codes as ``check``: 0 no errors, 1 errors (in the input, the fetch or the
result), 2 a wrong command line.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rejoinder.importers import (
    ARGUMENT_FORMATS,
    MAX_JSON_DEPTH,
    PLATFORMS,
    Platform,
    PlatformUnavailable,
    platform,
)
from rejoinder.importers import parse_json as parse_deep_json
from rejoinder.importers.base import Get, ImportOptions, UnreadableInput
from rejoinder.importers.emit import emit
from rejoinder.problems import Problem, display_path, visible

PROG = "rejoinder import"
USAGE = (
    "rejoinder import PLATFORM INPUT [-o FILE] [--id ID] [--captured DATE] "
    "[--include-opted-out]\n"
    "       rejoinder import --update FILE [INPUT] [-o NEW] [--captured DATE] "
    "[--include-opted-out]"
)
MAX_INPUT_BYTES = 200 * 1024 * 1024  # a saved response larger than this is not a thread


class Failure(Exception):
    """Stops the command with one line on standard error and an exit code."""

    def __init__(self, message: str, code: int = 1, hint: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.hint = hint


def add_parser(commands: Any) -> None:
    command = commands.add_parser(
        "import",
        help="turn a thread saved from Bluesky, Mastodon, Hacker News, Reddit or X into a "
        "transcript",
        usage=USAGE,
        description="Turn a platform's API response (a saved JSON file, '-' for standard "
        "input, or the post's web address) into a transcript; with --update, merge a fresh "
        "copy of the thread into an existing transcript, keeping everything contributors "
        "wrote. The result is checked before it is written.",
    )
    command.add_argument(
        "words",
        nargs="*",
        metavar="PLATFORM INPUT",
        help=f"the platform ({', '.join(PLATFORMS)}) or argument-graph format "
        f"({', '.join(ARGUMENT_FORMATS)}) and the input; with --update, only the "
        "input (default: the thread's address, fetched again)",
    )
    command.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="the transcript file to write (never over an existing file; default: standard "
        "output); with --update, write the merged transcript here instead of over FILE",
    )
    command.add_argument(
        "--id",
        dest="debate_id",
        metavar="ID",
        help="the debate's id (default: the output file's name, or one made from the thread)",
    )
    command.add_argument(
        "--captured",
        metavar="DATE",
        help="when the response was saved, YYYY-MM-DD (default: today, UTC)",
    )
    command.add_argument(
        "--include-opted-out",
        action="store_true",
        help="import the text and author of posts whose authors opted out of being shown "
        "to logged-out readers (a deliberate choice: see CONTRIBUTING.md)",
    )
    command.add_argument(
        "--update",
        type=Path,
        metavar="FILE",
        help="merge a fresh copy of the thread into this transcript",
    )


@dataclass(frozen=True, slots=True)
class Request:
    words: list[str]
    output: Path | None
    debate_id: str | None
    captured: str | None
    include_opted_out: bool
    update: Path | None


def run_import(args: argparse.Namespace, get: Get | None = None) -> int:
    """The ``import`` command; ``get`` replaces the network (tests)."""
    request = Request(
        list(args.words),
        args.output,
        args.debate_id,
        args.captured,
        args.include_opted_out,
        args.update,
    )
    try:
        if request.update is not None:
            from rejoinder.cli.import_update import run_update

            return run_update(request, get)
        return _run_new(request, get)
    except Failure as failure:
        print(f"{PROG}: error: {visible(str(failure))}", file=sys.stderr)
        if failure.hint:
            print(f"  hint: {visible(failure.hint)}", file=sys.stderr)
        return failure.code


def _run_new(request: Request, get: Get | None) -> int:
    if len(request.words) != 2:
        raise Failure(
            "give the platform and the input, e.g. rejoinder import bluesky thread.json",
            code=2,
        )
    name, source = request.words
    importer = load_platform(name)
    captured = captured_date(request.captured)
    debate_id = request.debate_id or default_id(request.output)
    if request.debate_id is not None:
        _check_id(request.debate_id)
    output = request.output
    if output is not None:
        check_output(output)
    data, address = read_input(importer, source, get)
    options = ImportOptions(
        captured=captured,
        debate_id=debate_id,
        source_url=address,
        include_opted_out=request.include_opted_out,
    )
    transcript, notes = convert(importer, data, options)
    return write_checked(transcript, notes, output, folder_of(output), replace=False)


def load_platform(name: str) -> Platform:
    try:
        return platform(name)
    except PlatformUnavailable as error:
        raise Failure(str(error), code=2) from None


def captured_date(text: str | None) -> dt.date:
    if text is None:
        return dt.datetime.now(dt.UTC).date()
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else _bad_date(text)
    except ValueError:
        return _bad_date(text)


def _bad_date(text: str) -> dt.date:
    raise Failure(f"--captured {text!r} is not a date written YYYY-MM-DD", code=2)


def default_id(output: Path | None) -> str | None:
    """The output file's name, when it is a valid debate id (as ``rejoinder new`` names files)."""
    from rejoinder.skeleton import slug_problem

    if output is None or slug_problem(output.stem) is not None:
        return None
    return output.stem


def _check_id(debate_id: str) -> None:
    from rejoinder.skeleton import slug_problem

    problem = slug_problem(debate_id)
    if problem is not None:
        raise Failure(f"--id: {problem[0]}", code=2, hint=problem[1])


def check_output(output: Path) -> None:
    shown = display_path(output)
    if output.suffix not in (".yaml", ".yml"):
        raise Failure(f"{shown}: a transcript file's name ends in .yaml", code=2)
    if not output.parent.is_dir():
        raise Failure(f"{display_path(output.parent)}: no such folder", code=2)
    if output.exists() or output.is_symlink():
        raise Failure(
            f"{shown} already exists; nothing was written",
            hint=f"to bring it up to date, run: rejoinder import --update {shown}",
        )


def read_input(importer: Platform, source: str, get: Get | None) -> tuple[Any, str | None]:
    """The parsed response, and the web address it was fetched from (if it was)."""
    if importer.name in ARGUMENT_FORMATS and source.lower().startswith(("http://", "https://")):
        raise Failure(f"{importer.label} is imported from a file; save it and give its name")
    if source.lower().startswith(("http://", "https://")):
        return fetch(importer, source, get), source
    if source == "-":
        raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        shown = "standard input"
    else:
        path = Path(source)
        shown = display_path(path)
        if not path.is_file():
            raise Failure(f"{shown}: no such file", code=2)
        try:
            with path.open("rb") as stream:
                raw = stream.read(MAX_INPUT_BYTES + 1)
        except OSError as error:
            raise Failure(f"{shown}: cannot read: {error.strerror}") from None
    if len(raw) > MAX_INPUT_BYTES:
        raise Failure(f"{shown}: more than {MAX_INPUT_BYTES:,} bytes; not a saved thread")
    if importer.name in ARGUMENT_FORMATS:
        return raw, None
    return parse_json(raw, shown), None


def parse_json(raw: bytes, shown: str) -> Any:
    try:
        return parse_deep_json(raw)
    except UnicodeDecodeError as error:
        raise Failure(f"{shown}: not UTF-8 text (byte {error.start})") from None
    except json.JSONDecodeError as error:
        raise Failure(
            f"{shown}:{error.lineno}:{error.colno}: not JSON: {error.msg}",
            hint="save the API's response itself (the JSON), not the web page",
        ) from None
    except RecursionError:
        raise Failure(
            f"{shown}: the JSON is nested more than {MAX_JSON_DEPTH:,} levels deep"
        ) from None


def fetch(importer: Platform, address: str, get: Get | None) -> Any:
    from rejoinder.importers.fetch import FetchError

    if not importer.can_fetch:
        raise Failure(
            f"{importer.label} has no public read API that rejoinder can use",
            hint="save the thread's API response as a JSON file and import that file",
        )
    if get is None:
        from rejoinder.importers.fetch import get as network_get

        get = network_get
    try:
        return importer.fetch(address, get)
    except FetchError as error:
        raise Failure(str(error)) from None
    except UnreadableInput as error:
        raise Failure(f"{address}: {error}") from None
    except PlatformUnavailable as error:
        raise Failure(str(error)) from None
    except Exception as error:  # a bug: one line, not a traceback, and say so
        raise Failure(
            f"the {importer.label} importer failed to fetch {address} "
            f"({type(error).__name__}: {error}); this is a bug in rejoinder",
            hint="please report it with the address",
        ) from None


def convert(
    importer: Platform, data: Any, options: ImportOptions
) -> tuple[dict[str, Any], list[str]]:
    try:
        imported = importer.convert(data, options)
    except UnreadableInput as error:
        raise Failure(str(error)) from None
    except RecursionError:
        raise Failure(f"the {importer.label} importer met a thread nested too deeply") from None
    except Exception as error:  # a bug: one line, not a traceback, and say so
        raise Failure(
            f"the {importer.label} importer failed on this input "
            f"({type(error).__name__}: {error}); this is a bug in rejoinder",
            hint="please report it with the input",
        ) from None
    transcript = imported.transcript
    sources = transcript.get("sources")
    if isinstance(sources, list) and sources and isinstance(sources[0], dict):
        first = sources[0]
        if "thread" not in first:
            address = importer.thread_address(data)
            if address:
                first["thread"] = address
    return transcript, list(imported.notes)


def folder_of(output: Path | None) -> Path | None:
    return output.parent if output is not None else None


def write_checked(
    transcript: dict[str, Any],
    notes: list[str],
    output: Path | None,
    folder: Path | None,
    *,
    replace: bool,
    summary: Callable[[str], str] | None = None,
    schema_line: str | None = None,
) -> int:
    """Emit, check (with the folder's other transcripts), put in place (or print), report."""
    from rejoinder.skeleton import schema_reference

    if schema_line is None:
        reference = schema_reference(folder or Path.cwd())
        schema_line = f"# yaml-language-server: $schema={reference}"
    try:
        text = emit(transcript, schema_line=schema_line)
    except TypeError as error:  # an importer gave something other than text: a bug
        raise Failure(f"{error}; this is a bug in rejoinder's importer") from None
    problems, errors, warnings = check_text(text, output, folder)
    if output is None:
        sys.stdout.write(text)
        shown = "standard output"
    else:
        shown = display_path(output)
        put_in_place(text, output, replace=replace)
    for note in notes:
        print(f"note: {visible(note)}", file=sys.stderr)
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    posts = len(transcript.get("posts") or [])
    done = summary(shown) if summary else f"imported {plural(posts, 'post')} into {shown}"
    print(
        f"{done}; checked: {plural(errors, 'error')}, {plural(warnings, 'warning')}",
        file=sys.stderr,
    )
    return 1 if errors else 0


def check_text(
    text: str, output: Path | None, folder: Path | None
) -> tuple[list[Problem], int, int]:
    """Check ``text`` as the transcript ``output`` would be, beside the folder's others.

    The text is written to a hidden file in the same folder (the checker skips hidden files
    when it lists a folder, so the file is checked once, as itself); its problems are reported
    under the output's name.
    """
    from dataclasses import replace as with_path

    from rejoinder.corpus import check_files, find_transcripts

    with tempfile.TemporaryDirectory() as scratch:
        where = folder if folder is not None else Path(scratch)
        name = output.name if output is not None else "imported.yaml"
        handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".yaml", dir=where)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
            others: list[Path] = []
            if folder is not None:
                found, _ = find_transcripts([folder])
                skip = output.resolve() if output is not None else None
                others = [path for path in found if path.resolve() != skip]
            corpus = check_files([*others, Path(temporary)], jobs=1)
        finally:
            with contextlib.suppress(FileNotFoundError):
                Path(temporary).unlink()
    own = display_path(Path(temporary))
    shown = display_path(output) if output is not None else "<imported>"
    problems = [with_path(p, path=shown) for p in corpus.problems if p.path == own]
    errors = sum(1 for problem in problems if problem.is_error)
    return problems, errors, len(problems) - errors


def put_in_place(text: str, output: Path, *, replace: bool) -> None:
    """Write ``text`` to ``output`` whole or not at all: a temporary file in the same folder,
    then renamed (``replace``) or linked (never over a file that appeared meanwhile)."""
    shown = display_path(output)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{output.name}.", suffix=".tmp", dir=output.parent
    )
    try:
        # mkstemp makes the file private (0600); the transcript gets the mode a file written
        # the ordinary way would have, or keeps the one it had.
        os.fchmod(handle, _mode_for(output, replace=replace))
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        if replace:
            Path(temporary).replace(output)
        else:
            _link_new(Path(temporary), output, text)
    except OSError as error:
        raise Failure(f"cannot write {shown}: {error.strerror}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            Path(temporary).unlink()


def _mode_for(output: Path, *, replace: bool) -> int:
    if replace:
        with contextlib.suppress(OSError):
            return stat.S_IMODE(output.stat().st_mode)
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _link_new(temporary: Path, output: Path, text: str) -> None:
    """``temporary`` as ``output``, never over a file that appeared meanwhile."""
    try:
        os.link(temporary, output)
    except FileExistsError:
        raise Failure(f"{display_path(output)} appeared meanwhile; nothing was written") from None
    except OSError:  # a file system without hard links: create it here or not at all
        try:
            with output.open("x", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
        except FileExistsError:
            raise Failure(
                f"{display_path(output)} appeared meanwhile; nothing was written"
            ) from None


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"
