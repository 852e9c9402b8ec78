"""Check a corpus and write its MyST pages: the pipeline the Sphinx layer and the CLI share.

Pages are written only when their bytes change (Sphinx decides what to re-read by modification
time), atomically (a crash leaves the old page, never half a page), and only when the corpus
has no errors: a broken transcript keeps the last good pages in place. Files this module did
not write are never touched: it deletes only pages listed in its own manifest.

Only what a change needs is rendered again (:class:`Stamp` records what the pages were made
from): nothing when no transcript changed, else the listings and the debates the change
touches. New code, or a page not as it was written, renders everything.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from rejoinder.corpus import CorpusCheck, check_paths
from rejoinder.files import atomic_write
from rejoinder.graph import Graph, build_graph
from rejoinder.model import Transcript
from rejoinder.problems import Problem
from rejoinder.render import (
    MAP_FOLDER,
    Page,
    dependencies,
    label_views,
    render_debate_pages,
    render_listings,
    render_site,
)
from rejoinder.restatements import restatements

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
    graph = result.graph = build_graph(transcripts)
    restated = restatements(graph)
    now = Stamp(
        code_digest(),
        {
            item.debate_id: _file_digest(Path(item.path))
            for item in corpus.checked
            if item.debate_id
        },
        dependencies(graph, restated),
        label_views(graph),
    )
    before = _read_stamp(out_dir)
    redo = debates_to_render(before, now, out_dir)
    if redo is None:
        write_pages(out_dir, render_site(graph), result)
    elif before is not None and before.debates != now.debates:
        # Something changed: the listings, and the pages of the debates it touches.
        pages = render_listings(graph, restated)
        for debate in sorted(redo):
            pages += render_debate_pages(graph, debate, restated)
        kept = {
            path
            for debate in graph.transcripts.keys() - redo
            for path in (f"{debate}.md", f"{MAP_FOLDER}/{debate}.svg")
        }
        write_pages(out_dir, pages, result, kept)
    else:
        result.unchanged = sorted(_read_manifest(out_dir))
        result.seconds_generating = time.perf_counter() - checked
        return result
    _write_stamp(out_dir, now)
    result.seconds_generating = time.perf_counter() - checked
    return result


@dataclass(slots=True)
class Stamp:
    """What the pages were made from: the core's code, each debate's transcript, and which
    debates' pages show something of which others (:func:`rejoinder.render.dependencies`);
    what each page shows of the grounded labelling (:func:`rejoinder.render.label_views`);
    and each page as written (size and modification time), to notice a page changed by hand."""

    code: str
    debates: dict[str, str]  # debate id -> digest of its transcript (path and bytes)
    linked: dict[str, set[str]]
    labels: dict[str, str] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)


def debates_to_render(before: Stamp | None, now: Stamp, out_dir: Path) -> set[str] | None:
    """The debates whose pages must be made again (the listings with them, if any), or None
    for every page: the code changed, or a page is not as it was written.

    A debate is made again when its transcript changed, or the transcript of a debate it
    shows something of (before the change or after: a rebuttal taken out changes the page it
    pointed at) changed, appeared or went away, or what it shows of the labelling changed."""
    if before is None or before.code != now.code:
        return None
    if set(before.pages) != _read_manifest(out_dir) or any(
        _state(out_dir / path) != state for path, state in before.pages.items()
    ):
        return None
    changed = {
        debate
        for debate in before.debates.keys() | now.debates.keys()
        if before.debates.get(debate) != now.debates.get(debate)
    }
    affected = set(changed) | {
        debate for debate in now.labels if before.labels.get(debate) != now.labels[debate]
    }
    for debate in changed:
        affected |= before.linked.get(debate, set()) | now.linked.get(debate, set())
    return affected & now.debates.keys()


def code_digest() -> str:
    """A digest of the core's code: pages made by other code are made again."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(f"{path.name}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    return hashlib.sha256(f"{path}\0".encode() + path.read_bytes()).hexdigest()


def _state(path: Path) -> str:
    try:
        stat = path.stat()
    except OSError:
        return "missing"
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def _read_stamp(out_dir: Path) -> Stamp | None:
    try:
        lines = (out_dir / STAMP).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    if not lines or not lines[0].startswith("code "):
        return None
    stamp = Stamp(lines[0].removeprefix("code "), {}, {})
    for line in lines[1:]:
        kind, _, rest = line.partition(" ")
        fields = rest.split(" ")
        if kind == "debate" and len(fields) == 4:
            debate, digest, linked, labels = fields
            stamp.debates[debate] = digest
            stamp.linked[debate] = set(filter(None, linked.split(",")))
            stamp.labels[debate] = labels
        elif kind == "page" and len(fields) == 2:
            stamp.pages[fields[0]] = fields[1]
        else:
            return None  # not a stamp this code wrote: make every page again
    return stamp


def _write_stamp(out_dir: Path, stamp: Stamp) -> None:
    lines = [f"code {stamp.code}"]
    for debate, digest in sorted(stamp.debates.items()):
        linked = ",".join(sorted(stamp.linked.get(debate, ()))) or "-"
        labels = stamp.labels.get(debate, "-")
        lines.append(f"debate {debate} {digest} {linked} {labels}")
    for page in sorted(_read_manifest(out_dir)):
        lines.append(f"page {page} {_state(out_dir / page)}")
    atomic_write(out_dir / STAMP, ("\n".join(lines) + "\n").encode("utf-8"))


def write_pages(
    out_dir: Path, pages: list[Page], result: Generated, kept: set[str] | None = None
) -> None:
    """Write the pages whose bytes changed; remove the pages of the last manifest that are
    neither among ``pages`` nor ``kept`` (pages left as they are, not made again)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    previous = _read_manifest(out_dir)
    current = {page.path for page in pages} | (kept or set())
    result.unchanged += sorted(kept or ())
    for page in pages:
        target = out_dir / page.path
        data = page.text.encode("utf-8")
        try:
            if target.read_bytes() == data:
                result.unchanged.append(page.path)
                continue
        except OSError:
            pass
        atomic_write(target, data)
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
    atomic_write(out_dir / MANIFEST, manifest)


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
