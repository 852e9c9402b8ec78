"""Checking a whole corpus: find transcript files, check each, then resolve references across.

Per-file work (loading, schema, in-file checks) is independent, so large corpora are checked in
worker processes; the cross-file pass (unique debate ids, references, chronology, who each
participant key names) is cheap dictionary work done once at the end. Every cost is bounded by
the size of the input: a file lists at most ``MAX_PROBLEMS_PER_FILE`` problems and searches for
"did you mean" hints for its first ``MAX_HINTED_PER_FILE`` only.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from rejoinder.loader import LINK_HINT, LINK_MESSAGE, LoadedDocument, gc_paused, load_file
from rejoinder.model import RESERVED_DEBATE_IDS
from rejoinder.names import utc_text
from rejoinder.people import Identity, conflicts, identities
from rejoinder.problems import (
    MAX_HINTED_PER_FILE,
    MAX_PROBLEMS_PER_FILE,
    Code,
    Problem,
    Severity,
    close_match,
    display_path,
)
from rejoinder.validate import CheckedTranscript, RefUse, check_document

TRANSCRIPT_SUFFIXES = (".yaml", ".yml")
# Below this many files a process pool costs more than it saves.
_PARALLEL_THRESHOLD = 64


@dataclass(slots=True)
class CorpusCheck:
    """Every transcript checked, and every problem, files in path order."""

    checked: list[CheckedTranscript]
    problems: list[Problem] = field(default_factory=list)
    # Problems counted but not listed (past MAX_PROBLEMS_PER_FILE), beyond the one line per
    # file that stands for them in ``problems``.
    unlisted_errors: int = 0
    unlisted_warnings: int = 0

    @property
    def error_count(self) -> int:
        listed = sum(1 for problem in self.problems if problem.is_error)
        return listed + self.unlisted_errors

    @property
    def warning_count(self) -> int:
        listed = sum(1 for problem in self.problems if not problem.is_error)
        return listed + self.unlisted_warnings


def find_transcripts(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Transcript files named by ``paths`` (files, or folders searched recursively).

    Symbolic links are refused, never followed, whether named or met in a folder: a pull
    request could otherwise point ``x.yaml`` at any file on the machine that checks it, and
    the checker would quote it in its messages. Pipes and devices are refused too.
    """
    found: list[Path] = []
    problems: list[Problem] = []
    seen: set[Path] = set()

    def add(file: Path) -> None:
        # A file named twice (directly and through its folder) is checked once.
        if file.resolve() not in seen:
            seen.add(file.resolve())
            found.append(file)

    for path in paths:
        link = _linked_part(path)
        if link is not None:
            if link not in seen:  # a linked folder named with several files in it: once
                seen.add(link)
                problems.append(_link_problem(link))
        elif path.is_dir():
            files, refused = _walk(path)
            for file in files:
                add(file)
            problems += refused
        elif path.exists():
            add(path)  # the loader refuses what is not a regular file, by its type
        else:
            problems.append(
                Problem(
                    display_path(path), 0, 0, Severity.ERROR, Code.FILE, "no such file or folder"
                )
            )
    return found, problems


def _is_transcript_name(name: str) -> bool:
    return name.endswith(TRANSCRIPT_SUFFIXES) and not name.startswith(".")


def _walk(folder: Path) -> tuple[list[Path], list[Problem]]:
    """The transcript files under ``folder``, in path order, and the links and special files
    met on the way (refused, and not entered)."""
    files: list[Path] = []
    refused: list[Path] = []
    special: list[Path] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue  # unreadable, or replaced meanwhile; nothing in it can be checked
        for entry in entries:
            if entry.name.startswith("."):
                continue  # hidden, like .git or .venv (whose lib64 is a link)
            path = current / entry.name
            if entry.is_symlink():
                # A link to a folder is refused whatever its name; a link to anything else
                # only where a transcript's name would have made it read.
                if _is_transcript_name(entry.name) or path.is_dir():
                    refused.append(path)
            elif entry.is_dir(follow_symlinks=False):
                pending.append(path)
            elif _is_transcript_name(entry.name):
                if entry.is_file(follow_symlinks=False):
                    files.append(path)
                else:
                    special.append(path)
    problems = [_link_problem(path) for path in sorted(refused)]
    problems += [_special_problem(path) for path in sorted(special)]
    return sorted(files), problems


def _linked_part(path: Path) -> Path | None:
    """The first part of ``path`` that is a symbolic link, if any.

    Parts of a relative path are the sources' own folders; an absolute path is the caller's
    choice, and only its last part is the sources'."""
    if path.is_absolute():
        return path if path.is_symlink() else None
    current = Path()
    for part in path.parts:
        current = current / part
        if part != ".." and current.is_symlink():
            return current
    return None


def _link_problem(path: Path) -> Problem:
    return Problem(display_path(path), 0, 0, Severity.ERROR, Code.FILE, LINK_MESSAGE, LINK_HINT)


def _special_problem(path: Path) -> Problem:
    return Problem(
        display_path(path),
        0,
        0,
        Severity.ERROR,
        Code.FILE,
        "is not a regular file (a pipe, socket or device); transcripts must be regular files",
    )


def check_file(path: Path, *, keep_model: bool = True) -> CheckedTranscript:
    """Load and check one file. Without ``keep_model`` only what cross-checks need is kept,
    which is what worker processes send back (pickling models would cost more than checking).
    """
    return _check_file(path, keep_model)[0]


def _check_file(path: Path, keep_model: bool) -> tuple[CheckedTranscript, dict[str, Identity]]:
    """The file checked, and who its participant keys name (for the corpus pass)."""
    shown = display_path(path)
    doc, problems = load_file(path, shown)
    if doc is None:
        return CheckedTranscript(shown, None, problems), {}
    with gc_paused():
        result = check_document(doc)
        _resolve_local_references(result, doc)
        people = identities(result.transcript, doc) if result.transcript else {}
    result.problems[:0] = problems
    if not keep_model:
        result.transcript = None
    return result, people


def _resolve_local_references(result: CheckedTranscript, doc: LoadedDocument) -> None:
    """References within the transcript are resolved here, while the file's positions are at
    hand; only references into other transcripts are left for the corpus pass (with their
    positions filled in, since that pass has no document)."""
    if result.index is None:
        return
    own = result.index.debate_id
    resolver = _Resolver({own: result})
    remaining = []
    for use in result.ref_uses:
        if use.ref.debate == own:
            hints = len(result.problems) < MAX_HINTED_PER_FILE
            problem = resolver.check(result, use, hints=hints)
            if problem is not None:
                line, column = doc.position(use.where)
                result.problems.append(replace(problem, line=line, column=column))
        else:
            line, column = doc.position(use.where)
            remaining.append(use._replace(line=line, column=column))
    result.ref_uses = remaining


def _check_file_for_pool(path: Path) -> tuple[CheckedTranscript, dict[str, Identity]]:
    return _check_file(path, keep_model=False)


def check_paths(paths: Sequence[Path], *, jobs: int | None = None) -> CorpusCheck:
    files, problems = find_transcripts(paths)
    corpus = check_files(files, jobs=jobs)
    corpus.problems[:0] = problems
    return corpus


def check_files(files: Sequence[Path], *, jobs: int | None = None) -> CorpusCheck:
    """Check files, in worker processes when there are many; the models are then not kept."""
    with gc_paused():
        results = _check_each(files, jobs)
        return check_corpus(
            [checked for checked, _ in results],
            [(checked.path, people) for checked, people in results],
        )


def _check_each(
    files: Sequence[Path], jobs: int | None
) -> list[tuple[CheckedTranscript, dict[str, Identity]]]:
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers > 1 and len(files) >= _PARALLEL_THRESHOLD:
        # fork shares the already-imported modules; spawn would re-import pydantic per worker.
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        context = multiprocessing.get_context(method)
        chunk = max(1, len(files) // (workers * 4))
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            return list(pool.map(_check_file_for_pool, files, chunksize=chunk))
    return [_check_file(path, keep_model=True) for path in files]


def check_corpus(
    checked: list[CheckedTranscript], people: Sequence[tuple[str, dict[str, Identity]]] = ()
) -> CorpusCheck:
    """Cross-file checks over already-checked transcripts; collects every problem in order.

    ``people`` holds who each transcript's participant keys name (path, identities), in the
    order of ``checked``: a key must name the same person in every transcript.
    """
    result = CorpusCheck(checked)
    by_id: dict[str, CheckedTranscript] = {}
    cross: dict[str, list[Problem]] = {item.path: [] for item in checked}
    for conflict in conflicts(people):
        cross[conflict.path].append(conflict)
    for item in checked:
        debate = item.debate_id
        if debate is None:
            continue

        def id_problem(message: str, hint: str, item: CheckedTranscript = item) -> None:
            cross[item.path].append(
                Problem(
                    item.path, *item.id_position, Severity.ERROR, Code.DUPLICATE_ID, message, hint
                )
            )

        if debate in RESERVED_DEBATE_IDS:
            id_problem(
                f"debate id '{debate}' is reserved for an index page",
                f"choose another id, e.g. '{debate}-debate'",
            )
        if debate in by_id:
            id_problem(
                f"debate id '{debate}' is already used by {by_id[debate].path}",
                "each transcript needs its own id",
            )
        else:
            by_id[debate] = item
    resolver = _Resolver(by_id)
    for item in checked:
        found = cross[item.path]
        for use in item.ref_uses:
            hints = len(item.problems) + len(found) < MAX_HINTED_PER_FILE
            problem = resolver.check(item, use, hints=hints)
            if problem is not None:
                found.append(problem)
    for item in checked:
        listed = sorted(item.problems + cross[item.path], key=lambda p: (p.line, p.column))
        result.problems.extend(_capped(listed, result))
    return result


def _capped(problems: list[Problem], result: CorpusCheck) -> list[Problem]:
    """A file's first MAX_PROBLEMS_PER_FILE problems, then one line that counts the rest.

    That line is an error when any problem it stands for is one, so that whatever looks for
    errors among the listed problems still finds them; the counts of the corpus include every
    problem, listed or not.
    """
    if len(problems) <= MAX_PROBLEMS_PER_FILE:
        return problems
    shown, rest = problems[:MAX_PROBLEMS_PER_FILE], problems[MAX_PROBLEMS_PER_FILE:]
    errors = sum(1 for problem in rest if problem.is_error)
    warnings = len(rest) - errors
    first = rest[0]
    summary = Problem(
        first.path,
        first.line,
        first.column,
        Severity.ERROR if errors else Severity.WARNING,
        Code.YAML_LIMIT,
        f"{_count(len(rest), 'more problem')} from here on {'is' if len(rest) == 1 else 'are'} "
        f"not listed ({_count(errors, 'error')}, {_count(warnings, 'warning')}); "
        f"a file lists its first {MAX_PROBLEMS_PER_FILE}",
        "fix the problems listed and check again",
    )
    result.unlisted_errors += errors - summary.is_error
    result.unlisted_warnings += warnings - (not summary.is_error)
    return [*shown, summary]


def _count(number: int, word: str) -> str:
    return f"{number:,} {word}{'s' * (number != 1)}"


class _Resolver:
    def __init__(self, by_id: dict[str, CheckedTranscript]) -> None:
        self.indexes = {debate: item.index for debate, item in by_id.items() if item.index}

    def check(self, item: CheckedTranscript, use: RefUse, *, hints: bool = True) -> Problem | None:
        """The problem with ``use``, if any; ``hints`` allows the searches for close matches."""

        def error(
            message: str,
            hint: str | None = None,
            severity: Severity = Severity.ERROR,
            code: Code = Code.REFERENCE,
        ) -> Problem:
            return Problem(item.path, use.line, use.column, severity, code, message, hint)

        ref = use.ref
        target = self.indexes.get(ref.debate or "")
        if target is None:
            close = close_match(ref.debate or "", self.indexes) if hints else None
            return error(
                f"{use.role}: no transcript with id '{ref.debate}'",
                f"did you mean '{close}'?" if close else None,
            )
        claims = target.post_claims.get(ref.post)
        local = ref.debate == item.debate_id
        if claims is None:
            if ref.post in target.invalid_post_ids:
                return None  # already reported where that post is defined
            if use.role == "quotes" and ref.claim is None and ref.post in target.reference_keys:
                return None
            where = "this transcript" if local else f"transcript '{ref.debate}'"
            close = close_match(ref.post, target.post_claims) if hints else None
            return error(
                f"{use.role}: no post '{ref.post}' in {where}",
                f"did you mean '{close}'?" if close else None,
            )
        if ref.claim is None and use.role == "same_as":
            return error(
                f"same_as names a post, not a claim ('{ref.post}')",
                f"name the claim it restates: 'same_as: {ref.post}#claim-id'"
                + (f", e.g. '{ref.post}#{min(claims)}'" if claims else ""),
            )
        if ref.claim is not None:
            if use.role in ("replies_to", "quotes"):
                return error(
                    f"{use.role} names a post, not a claim ('#{ref.claim}')",
                    f"write '{use.role}: {ref.post}'; use an argument edge for claims",
                )
            if ref.claim not in claims:
                owners = (post for post, ids in target.post_claims.items() if ref.claim in ids)
                owner = next(owners, None) if hints else None
                return error(
                    f"{use.role}: post '{ref.post}' has no claim '{ref.claim}'",
                    f"claim '{ref.claim}' belongs to post '{owner}'" if owner else None,
                )
        if local and ref.post == use.source_post and ref.claim is None:
            return error(f"{use.role}: a post cannot refer to itself")
        if use.role == "replies_to" and item.index is not None:
            posted = item.index.post_times.get(use.source_post)
            parent_posted = target.post_times.get(ref.post)
            if posted is not None and parent_posted is not None and posted < parent_posted:
                return error(
                    f"post '{use.source_post}' ({_utc(posted)}) is dated before the post "
                    f"it replies to ({_utc(parent_posted)})",
                    "check the UTC offsets: the source may show times in different zones",
                    Severity.WARNING,
                    Code.CHRONOLOGY,
                )
        return None


def _utc(timestamp: float) -> str:
    return utc_text(datetime.fromtimestamp(timestamp, UTC))
