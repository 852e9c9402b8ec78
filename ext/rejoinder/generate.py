"""Check a corpus and write its MyST pages: the pipeline the Sphinx layer and the CLI share.

Pages are written only when their bytes change (Sphinx decides what to re-read by modification
time), atomically (a crash leaves the old page, never half a page), and only when the corpus
has no errors: a broken transcript keeps the last good pages in place. Files this module did
not write are never touched: it deletes only pages listed in its own manifest.

When nothing the pages are made from has changed (the transcripts' bytes, the renderer's code)
and every page is still as it was written, the pages are not rendered again: a rebuild with
nothing changed then costs the check alone.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from rejoinder.corpus import CorpusCheck, check_paths
from rejoinder.graph import Graph, build_graph
from rejoinder.model import Transcript
from rejoinder.problems import Problem
from rejoinder.render import Page, render_site

MANIFEST = ".rejoinder-pages"
# What the pages were last made from, and each page as written (size, modification time).
STAMP = ".rejoinder-inputs"


@dataclass(slots=True)
class Generated:
    problems: list[Problem]
    graph: Graph | None = None
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    seconds_checking: float = 0.0  # loading and validating
    seconds_generating: float = 0.0  # graph, rendering and writing

    @property
    def ok(self) -> bool:
        return self.graph is not None


def load_corpus(sources: Path) -> tuple[list[Transcript], CorpusCheck]:
    """Every valid transcript under ``sources`` and the full check of the corpus."""
    corpus = check_paths([sources], jobs=1)
    transcripts = [item.transcript for item in corpus.checked if item.transcript is not None]
    return transcripts, corpus


def generate(sources: Path, out_dir: Path) -> Generated:
    """Check ``sources``; if it has no errors, bring ``out_dir`` up to date with its pages."""
    started = time.perf_counter()
    transcripts, corpus = load_corpus(sources)
    checked = time.perf_counter()
    result = Generated(corpus.problems)
    result.seconds_checking = checked - started
    if any(problem.is_error for problem in corpus.problems):
        return result
    result.graph = build_graph(transcripts)
    inputs = fingerprint([Path(item.path) for item in corpus.checked])
    written = _pages_made_from(out_dir, inputs)
    if written is not None:
        result.unchanged = written
    else:
        write_pages(out_dir, render_site(result.graph), result)
        _write_stamp(out_dir, inputs)
    result.seconds_generating = time.perf_counter() - checked
    return result


def fingerprint(transcripts: list[Path]) -> str:
    """A digest of everything the pages are made from: the transcripts (path and bytes) and
    the code of the core that renders them."""
    digest = hashlib.sha256()
    core = Path(__file__).parent
    for path in [*sorted(core.glob("*.py")), *sorted(transcripts)]:
        data = path.read_bytes()
        digest.update(f"{path.name if path.parent == core else path}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def _pages_made_from(out_dir: Path, inputs: str) -> list[str] | None:
    """The pages, if they were made from ``inputs`` and each is still as it was written;
    None if they must be made again."""
    try:
        lines = (out_dir / STAMP).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    if not lines or lines[0] != inputs:
        return None
    listed = _read_manifest(out_dir)
    pages = []
    for line in lines[1:]:
        path, _, state = line.rpartition(" ")
        if path not in listed or _state(out_dir / path) != state:
            return None
        pages.append(path)
    return pages if set(pages) == listed else None


def _state(path: Path) -> str:
    try:
        stat = path.stat()
    except OSError:
        return "missing"
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def _write_stamp(out_dir: Path, inputs: str) -> None:
    pages = sorted(_read_manifest(out_dir))
    lines = [inputs, *(f"{page} {_state(out_dir / page)}" for page in pages)]
    _atomic_write(out_dir / STAMP, ("\n".join(lines) + "\n").encode("utf-8"))


def write_pages(out_dir: Path, pages: list[Page], result: Generated) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    previous = _read_manifest(out_dir)
    current = {page.path for page in pages}
    for page in pages:
        target = out_dir / page.path
        data = page.text.encode("utf-8")
        try:
            if target.read_bytes() == data:
                result.unchanged.append(page.path)
                continue
        except OSError:
            pass
        _atomic_write(target, data)
        result.written.append(page.path)
    for stale in sorted(previous - current):
        path = out_dir / stale
        if path.is_file():
            path.unlink()
            result.removed.append(stale)
            _remove_empty_folders(path.parent, out_dir)
    manifest = "".join(f"{path}\n" for path in sorted(current)).encode("utf-8")
    if (out_dir / MANIFEST).exists() and (out_dir / MANIFEST).read_bytes() == manifest:
        return
    _atomic_write(out_dir / MANIFEST, manifest)


def _remove_empty_folders(folder: Path, out_dir: Path) -> None:
    """Remove the folders a removed page leaves empty (a listing's continuation pages)."""
    while folder != out_dir and out_dir in folder.parents:
        try:
            folder.rmdir()
        except OSError:  # not empty, or already gone
            return
        folder = folder.parent


def _read_manifest(out_dir: Path) -> set[str]:
    try:
        lines = (out_dir / MANIFEST).read_text(encoding="utf-8").splitlines()
    except OSError:
        return set()
    # Only plain relative .md paths inside the folder: a tampered manifest deletes nothing else.
    return {
        line
        for line in lines
        if line.endswith((".md", ".svg"))
        and ".." not in Path(line).parts
        and not Path(line).is_absolute()
    }


def _atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".part")
    try:
        os.fchmod(handle, 0o644)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
