"""``rejoinder diff BASE``: what a change to the transcripts does to the debates, in Markdown.

Both sides are checked and turned into graphs the way the site is built: the transcripts of
the sources folder at the git revision ``BASE`` (read from git into a temporary folder, so the
working tree is never touched) and as they are in the working tree. The comparison lists
debates and cards added and removed, texts changed, argument and conversation edges added and
removed, and the cards whose backlinks or status change as a result, in this debate or in
others the change does not edit.

A transcript with errors on either side is left out of the comparison (on both sides, so its
edges do not show as removed) and named at the top: the checker, not this summary, is where
its problems are reported. Contributor text reaches the Markdown only inside code spans and
fenced blocks, so it can neither format the comment nor mention anyone.
"""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from rejoinder.card import EDGE_WORDS
from rejoinder.corpus import TRANSCRIPT_SUFFIXES
from rejoinder.generate import load_corpus
from rejoinder.graph import CardKey, Edge, Graph, build_graph
from rejoinder.model import Claim, Post, Transcript
from rejoinder.problems import visible

# A pull-request comment holds at most 65,536 characters: long lists and diffs are cut short.
MAX_ITEMS = 100
MAX_DIFF_LINES = 40


class DiffError(Exception):
    """A problem with the request (not a git repository, an unknown revision): exit 2."""


@dataclass(slots=True)
class Side:
    """One side of the comparison: its valid transcripts and the files that have errors."""

    transcripts: dict[str, Transcript]
    broken_files: list[str] = field(default_factory=list)
    broken_ids: set[str] = field(default_factory=set)
    # Debate id of every file whose id is known, valid or not: a file too broken to have an id
    # on one side is matched to its debate by its path on the other.
    ids_by_path: dict[str, str] = field(default_factory=dict)
    graph: Graph | None = None


@dataclass(frozen=True, slots=True)
class TextChange:
    card: CardKey
    what: str  # "post text", "claim statement", "claim quote"
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Affected:
    """A card on both sides whose backlinks or status differ."""

    card: CardKey
    status_before: str
    status_after: str
    backlinks_added: tuple[Edge, ...]
    backlinks_removed: tuple[Edge, ...]
    elsewhere: bool  # in a debate the change does not edit


@dataclass(slots=True)
class Comparison:
    debates_added: list[Transcript] = field(default_factory=list)
    debates_removed: list[Transcript] = field(default_factory=list)
    debates_edited: list[tuple[str, list[str]]] = field(default_factory=list)
    # Each card with what it is: "post by ada", "claim".
    cards_added: list[tuple[CardKey, str]] = field(default_factory=list)
    cards_removed: list[tuple[CardKey, str]] = field(default_factory=list)
    texts_changed: list[TextChange] = field(default_factory=list)
    details_changed: list[tuple[CardKey, list[str]]] = field(default_factory=list)
    edges_added: list[Edge] = field(default_factory=list)
    edges_removed: list[Edge] = field(default_factory=list)
    notes_changed: list[tuple[Edge, Edge]] = field(default_factory=list)
    affected: list[Affected] = field(default_factory=list)
    not_compared: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.debates_added
            or self.debates_removed
            or self.debates_edited
            or self.cards_added
            or self.cards_removed
            or self.texts_changed
            or self.details_changed
            or self.edges_added
            or self.edges_removed
            or self.notes_changed
            or self.affected
        )


# --- reading both sides -------------------------------------------------------------------------


def _git(args: Sequence[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError as error:
        raise DiffError("git is not installed or not on PATH") from error
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DiffError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


def export_revision(base: str, sources: Path, into: Path) -> str:
    """Write the transcripts of ``sources`` at revision ``base`` into ``into``; returns the
    commit's full hash. Only regular files with a transcript suffix are written."""
    folder = sources.resolve()
    if not folder.is_dir():
        raise DiffError(f"{sources}: no such folder")
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], folder).decode().strip())
    except DiffError as error:
        raise DiffError(f"{sources} is not inside a git repository") from error
    try:
        relative = folder.relative_to(top.resolve())
    except ValueError as error:  # pragma: no cover - git found the folder inside its tree
        raise DiffError(f"{sources} is not inside the repository at {top}") from error
    try:
        commit = _git(["rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"], top)
    except DiffError as error:
        raise DiffError(f"'{base}' is not a commit of this repository") from error
    commit_id = commit.decode().strip()
    spec = relative.as_posix() if relative.parts else "."
    listing = _git(["ls-tree", "-r", "-z", "--full-tree", commit_id, "--", spec], top)
    wanted: list[tuple[str, PurePosixPath]] = []
    prefix = PurePosixPath(spec) if relative.parts else PurePosixPath()
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        mode, kind, object_id = meta.decode().split()
        path = PurePosixPath(name.decode("utf-8", "surrogateescape"))
        inner = path.relative_to(prefix) if relative.parts else path
        if (
            kind == "blob"
            and mode in ("100644", "100755")
            and path.suffix in TRANSCRIPT_SUFFIXES
            and not path.name.startswith(".")
            and ".." not in inner.parts
        ):
            wanted.append((object_id, inner))
    if not wanted:
        return commit_id
    # One git process for every file, however many there are.
    batch = _git(["cat-file", "--batch"], top, "".join(f"{oid}\n" for oid, _ in wanted).encode())
    offset = 0
    for _oid, inner in wanted:
        header_end = batch.index(b"\n", offset)
        size = int(batch[offset:header_end].split()[2])
        content = batch[header_end + 1 : header_end + 1 + size]
        offset = header_end + 1 + size + 1
        target = into.joinpath(*inner.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return commit_id


def load_side(folder: Path, shown: str, root: Path) -> Side:
    """Check the transcripts under ``folder``; paths are reported as ``shown``/relative."""
    _transcripts, corpus = load_corpus(folder)
    broken_paths = {problem.path for problem in corpus.problems if problem.is_error}
    side = Side({})
    for item in corpus.checked:
        path = _shown_path(item.path, shown, root)
        if item.debate_id is not None:
            side.ids_by_path[path] = item.debate_id
        if item.path in broken_paths:
            side.broken_files.append(path)
            if item.debate_id is not None:
                side.broken_ids.add(item.debate_id)
        elif item.transcript is not None:
            side.transcripts.setdefault(item.transcript.id, item.transcript)
    return side


def _shown_path(path: str, shown: str, root: Path) -> str:
    try:
        inner = Path(path).resolve().relative_to(root.resolve())
    except ValueError:
        return path
    return (PurePosixPath(shown) / inner.as_posix()).as_posix()


# --- comparing -----------------------------------------------------------------------------------


# Which fields are compared how is derived from the model, so that a field added to the format
# is compared as a detail unless it is listed here with the way it is compared instead.
# A debate is matched by its id; its posts are compared card by card.
DEBATE_NOT_FIELDS = frozenset({"id", "posts"})
DEBATE_FIELDS = tuple(name for name in Transcript.model_fields if name not in DEBATE_NOT_FIELDS)
# Texts are shown as diffs.
POST_TEXTS: tuple[str, ...] = ("text",)
CLAIM_TEXTS: tuple[str, ...] = ("statement", "quote")
# Conversation and argument edges are compared as edges added and removed (a post quoting a
# reference, which is no card, as a detail: see _compare_texts).
EDGE_FIELDS = frozenset({"replies_to", "quotes", "arguments"})
# The id is the card's key; claims are cards of their own.
POST_NOT_DETAILS = frozenset({"id", "claims", *POST_TEXTS, *EDGE_FIELDS})
CLAIM_NOT_DETAILS = frozenset({"id", *CLAIM_TEXTS, "arguments"})
POST_DETAILS = tuple(name for name in Post.model_fields if name not in POST_NOT_DETAILS)
CLAIM_DETAILS = tuple(name for name in Claim.model_fields if name not in CLAIM_NOT_DETAILS)


def compare(before: Side, after: Side) -> Comparison:
    result = Comparison()
    excluded = before.broken_ids | after.broken_ids
    excluded |= {before.ids_by_path[p] for p in after.broken_files if p in before.ids_by_path}
    excluded |= {after.ids_by_path[p] for p in before.broken_files if p in after.ids_by_path}
    old = {key: value for key, value in before.transcripts.items() if key not in excluded}
    new = {key: value for key, value in after.transcripts.items() if key not in excluded}
    result.not_compared = sorted(
        {f"{path} (at the base revision)" for path in before.broken_files} | set(after.broken_files)
    )
    before.graph, after.graph = build_graph(old.values()), build_graph(new.values())
    old_graph, new_graph = before.graph, after.graph

    result.debates_added = [new[key] for key in new if key not in old]
    result.debates_removed = [old[key] for key in old if key not in new]
    for key, transcript in new.items():
        was = old.get(key)
        if was is not None and transcript != was:
            fields = [
                name for name in DEBATE_FIELDS if getattr(was, name) != getattr(transcript, name)
            ]
            if was.posts != transcript.posts:
                fields.append("posts")
            result.debates_edited.append((key, fields))
    edited = {key for key, _ in result.debates_edited} | {t.id for t in result.debates_added}

    old_cards = [card for debate in old for card in old_graph.cards(debate)]
    new_cards = [card for debate in new for card in new_graph.cards(debate)]
    old_set, new_set = set(old_cards), set(new_cards)
    result.cards_added = [(c, _kind(new_graph, c)) for c in new_cards if c not in old_set]
    result.cards_removed = [(c, _kind(old_graph, c)) for c in old_cards if c not in new_set]

    _compare_texts(result, old_graph, new_graph, [card for card in new_cards if card in old_set])

    old_edges = {_edge_key(edge): edge for edge in old_graph.edges}
    new_edges = {_edge_key(edge): edge for edge in new_graph.edges}
    result.edges_added = [edge for key, edge in new_edges.items() if key not in old_edges]
    result.edges_removed = [edge for key, edge in old_edges.items() if key not in new_edges]
    result.notes_changed = [
        (old_edges[key], edge)
        for key, edge in new_edges.items()
        if key in old_edges and old_edges[key].note != edge.note
    ]

    for card in new_cards:
        if card not in old_set:
            continue
        was_in = {_edge_key(edge) for edge in old_graph.incoming.get(card, ())}
        now_in = {_edge_key(edge) for edge in new_graph.incoming.get(card, ())}
        status_before = old_graph.status(card).summary
        status_after = new_graph.status(card).summary
        if was_in == now_in and status_before == status_after:
            continue
        result.affected.append(
            Affected(
                card,
                status_before,
                status_after,
                tuple(e for e in new_graph.incoming.get(card, ()) if _edge_key(e) not in was_in),
                tuple(e for e in old_graph.incoming.get(card, ()) if _edge_key(e) not in now_in),
                card.debate not in edited,
            )
        )
    return result


def _compare_texts(
    result: Comparison, old_graph: Graph, new_graph: Graph, cards: list[CardKey]
) -> None:
    """Texts and other details changed, of the cards on both sides."""
    for card in cards:
        old: Post | Claim
        new: Post | Claim
        if card.claim is None:
            old, new = old_graph.post(card), new_graph.post(card)
            kind, texts, fields = "post", POST_TEXTS, POST_DETAILS
        else:
            old, new = old_graph.claims[card], new_graph.claims[card]
            kind, texts, fields = "claim", CLAIM_TEXTS, CLAIM_DETAILS
        for name in texts:
            before, after = getattr(old, name), getattr(new, name)
            if before != after:
                result.texts_changed.append(
                    TextChange(card, f"{kind} {name}", before or "", after or "")
                )
        details = [name for name in fields if getattr(old, name) != getattr(new, name)]
        quoted_before = old_graph.quoted_references.get(card)
        if quoted_before != new_graph.quoted_references.get(card):
            details.append("quotes")  # of a reference, no card: not an edge
        if details:
            result.details_changed.append((card, details))


def _kind(graph: Graph, card: CardKey) -> str:
    if card.claim is not None:
        return "claim"
    return f"post by {code(graph.post(card).author)}"


def _edge_key(edge: Edge) -> tuple[str, CardKey, CardKey]:
    return (edge.role, edge.source, edge.target)


# --- Markdown ------------------------------------------------------------------------------------


_BACKLINK_WORDS = {
    "replies_to": "replied to by",
    "quotes": "quoted by",
    "rebuts": "rebutted by",
    "supports": "supported by",
    "concedes": "conceded by",
    "qualifies": "qualified by",
    "questions": "questioned by",
}


def code(text: str) -> str:
    """``text`` as an inline code span, whatever backticks or line breaks it holds; control
    and invisible formatting characters (a file name may hold them) are shown as escapes."""
    flat = visible(" ".join(text.split()))
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") or not flat else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def _card(card: CardKey) -> str:
    return code(str(card))


def _edge(edge: Edge) -> str:
    return f"{_card(edge.source)} {EDGE_WORDS[edge.role].lower()} {_card(edge.target)}"


def _capped(lines: list[str], total: int) -> list[str]:
    if total > len(lines):
        lines.append(f"- … and {total - len(lines)} more")
    return lines


def _section(title: str, items: Sequence[str]) -> list[str]:
    if not items:
        return []
    shown = [f"- {item}" for item in items[:MAX_ITEMS]]
    return [f"### {title} ({len(items)})", "", *_capped(shown, len(items)), ""]


def _text_diff(change: TextChange) -> list[str]:
    lines = list(
        difflib.unified_diff(
            change.before.splitlines(), change.after.splitlines(), lineterm="", n=1
        )
    )[2:]  # drop the ---/+++ file header
    if len(lines) > MAX_DIFF_LINES:
        lines = [*lines[:MAX_DIFF_LINES], f"… {len(lines) - MAX_DIFF_LINES} more lines"]
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [
        "<details>",
        f"<summary>{_html_code(str(change.card))}: {change.what}</summary>",
        "",
        f"{fence}diff",
        *lines,
        fence,
        "",
        "</details>",
        "",
    ]


def _html_code(text: str) -> str:
    escaped = visible(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<code>{escaped}</code>"


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' * (number != 1)}"


def render_markdown(comparison: Comparison, base: str, commit: str) -> str:
    out = ["## Rejoinder: what this change does to the debates", ""]
    against = f"Compared with {code(base)} ({code(commit[:12])})"
    if comparison.not_compared:
        out += [
            "> [!WARNING]",
            "> These transcripts have errors and are left out of the comparison; "
            "`rejoinder check` lists the errors:",
        ]
        out += [f"> - {code(path)}" for path in comparison.not_compared]
        out.append("")
    if comparison.empty:
        out += [f"{against}: no change to the debates.", ""]
        return "\n".join(out)
    c = comparison
    summary = [
        _count(len(c.debates_added), "debate") + " added" if c.debates_added else "",
        _count(len(c.debates_removed), "debate") + " removed" if c.debates_removed else "",
        _count(len(c.debates_edited), "debate") + " edited" if c.debates_edited else "",
        _count(len(c.cards_added), "card") + " added" if c.cards_added else "",
        _count(len(c.cards_removed), "card") + " removed" if c.cards_removed else "",
        _count(len(c.texts_changed), "text") + " changed" if c.texts_changed else "",
        _count(len(c.edges_added), "edge") + " added" if c.edges_added else "",
        _count(len(c.edges_removed), "edge") + " removed" if c.edges_removed else "",
        _count(len(c.affected), "card") + " answered differently" if c.affected else "",
    ]
    out += [f"{against}: " + ", ".join(part for part in summary if part) + ".", ""]

    debates = [f"added {code(t.id)}: {code(t.title)}" for t in c.debates_added]
    debates += [f"removed {code(t.id)}: {code(t.title)}" for t in c.debates_removed]
    debates += [
        f"edited {code(key)}" + (f" ({', '.join(fields)} changed)" if fields else "")
        for key, fields in c.debates_edited
    ]
    out += _section("Debates", debates)
    out += _section("Cards added", [f"{_card(card)}: {kind}" for card, kind in c.cards_added])
    out += _section("Cards removed", [f"{_card(card)}: {kind}" for card, kind in c.cards_removed])
    if c.texts_changed:
        out += [f"### Texts changed ({len(c.texts_changed)})", ""]
        for change in c.texts_changed[:MAX_ITEMS]:
            out += _text_diff(change)
        if len(c.texts_changed) > MAX_ITEMS:
            out += [f"… and {len(c.texts_changed) - MAX_ITEMS} more", ""]
    out += _section(
        "Other details changed",
        [f"{_card(card)}: {', '.join(fields)}" for card, fields in c.details_changed],
    )
    out += _section("Edges added", [_edge(edge) for edge in c.edges_added])
    out += _section("Edges removed", [_edge(edge) for edge in c.edges_removed])
    out += _section("Edge notes changed", [_edge(new) for _old, new in c.notes_changed])
    if c.affected:
        out += [
            f"### Backlinks and statuses affected ({len(c.affected)})",
            "",
            "| card | status | backlinks |",
            "| --- | --- | --- |",
        ]
        for item in c.affected[:MAX_ITEMS]:
            where = " (elsewhere)" if item.elsewhere else ""
            status = (
                item.status_after
                if item.status_before == item.status_after
                else f"{item.status_before} → {item.status_after}"
            )
            links = [
                f"+ {_BACKLINK_WORDS[e.role]} {_card(e.source)}" for e in item.backlinks_added
            ] + [f"− {_BACKLINK_WORDS[e.role]} {_card(e.source)}" for e in item.backlinks_removed]
            if not links:  # a rebuttal of one of its rebuttals changed (grounded labelling)
                links = ["a rebuttal of it now stands or falls"]
            out.append(f"| {_card(item.card)}{where} | {status} | {'<br>'.join(links)} |")
        if len(c.affected) > MAX_ITEMS:
            out += ["", f"… and {len(c.affected) - MAX_ITEMS} more"]
        out += [
            "",
            "*Elsewhere*: in a debate this change does not edit.",
            "",
        ]
    return "\n".join(out)


# --- the command ---------------------------------------------------------------------------------


def diff_markdown(base: str, sources: Path) -> str:
    """The Markdown comparison of ``sources`` at ``base`` with the working tree."""
    with tempfile.TemporaryDirectory(prefix="rejoinder-diff-") as temporary:
        root = Path(temporary)
        commit = export_revision(base, sources, root)
        shown = sources.as_posix().rstrip("/") or "."
        before = load_side(root, shown, root)
        after = load_side(sources, shown, sources)
    return render_markdown(compare(before, after), base, commit)


def run_diff(base: str, sources: Path) -> int:
    try:
        markdown = diff_markdown(base, sources)
    except DiffError as error:
        print(f"rejoinder diff: error: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(markdown if markdown.endswith("\n") else markdown + "\n")
    return 0
