"""The same corpus as a sphinx-needs project, so the benchmark can time both side by side.

sphinx-needs (https://sphinx-needs.readthedocs.io) is the established Sphinx extension for typed,
linked items with backlinks. Building the corpus with it shows what Rejoinder's build costs
against that alternative, not only against plain Sphinx. Equivalent content:

* one reStructuredText page per debate (its title, its summary), and an index whose toctree
  globs them all;
* one need per post (``post``: who and when as the card shows them; the text, the editors'
  notes and the notes of its edges) and one per claim (``claim``: the statement and the
  quote), the claim linked to its post (``claim_of``);
* every edge of the corpus graph as a link of its role (``needs_links``), within and across
  debates, each shown on its source and, as a backlink ("rebutted by"), on its target.

The corpus is read with Rejoinder's own core (load, check, graph), so both builds see the
same posts, claims and edges.

    python bench/needs_project.py SOURCES PROJECT [--no-equal-gc]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import get_args

from docutils.utils import column_width
from rejoinder.generate import load_corpus
from rejoinder.graph import CardKey, EdgeRole, Graph, build_graph
from rejoinder.model import Transcript
from rejoinder.names import utc_text

PAGES_FOLDER = "debates"
POST_TYPE = "post"
CLAIM_TYPE = "claim"
CLAIM_LINK = "claim_of"  # a claim need -> the need of its post

# How each link type reads on its source need (outgoing) and on its target (incoming, the
# backlink), worded after Rejoinder's cards.
LINK_WORDS: dict[str, tuple[str, str]] = {
    "replies_to": ("replies to", "replied to by"),
    "quotes": ("quotes", "quoted by"),
    "rebuts": ("rebuts", "rebutted by"),
    "supports": ("supports", "supported by"),
    "concedes": ("concedes", "conceded by"),
    "qualifies": ("qualifies", "qualified by"),
    "questions": ("questions", "questioned by"),
    CLAIM_LINK: ("claim of", "claims"),
}
# A role the graph gains must be given its words here, or its edges would be lost.
assert set(get_args(EdgeRole)) <= LINK_WORDS.keys(), "an edge role has no link type"

# A need id is ``<debate>__<post>`` or ``<debate>__<post>__<claim>``: debate ids (slugs) and
# post and claim ids (anchors) never hold an underscore, so the ids are unique site-wide.
ID_SEPARATOR = "__"
_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_ANCHOR = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"
NEED_ID_REGEX = f"^{_SLUG}{ID_SEPARATOR}{_ANCHOR}(?:{ID_SEPARATOR}{_ANCHOR})?$"

CONF = """\
project = "bench (sphinx-needs)"
extensions = ["sphinx_needs"]
smartquotes = False
exclude_patterns = ["_build"]
html_theme = "furo"

needs_types = {types!r}
needs_links = {links!r}
needs_id_required = True
needs_id_regex = {id_regex!r}
# A title is contributor text (who posted; a claim's statement): never run "[[...]]" in it
# as a dynamic function.
needs_fields = {{"title": {{"parse_dynamic_functions": False}}}}
"""
# Sphinx reads docutils' settings from docutils.conf: the same as the Rejoinder project's.
DOCUTILS_CONF = "[general]\nraw_enabled: false\nfile_insertion_enabled: false\n"

EQUAL_GC_CONF = """
# The GC settings of the Rejoinder build, so that the comparison measures the builds, not
# the collector: frozen heap and no full collections from builder-inited, restored at the end.
from rejoinder.sphinx import extension as _rejoinder_extension


def setup(app):
    # After every other builder-inited handler, as Rejoinder tunes after generating its pages.
    app.connect("builder-inited", _rejoinder_extension.tune_gc, priority=900)
    app.connect("build-finished", _rejoinder_extension.restore_gc)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
"""

INDEX = """\
Bench (sphinx-needs)
====================

.. toctree::
   :maxdepth: 1
   :glob:

   {folder}/*
"""


def conf_py(*, equal_gc: bool = True) -> str:
    """The project's conf.py: need types, link types, id rule, and optionally the GC hook."""
    types = [
        {"directive": POST_TYPE, "title": "Post", "prefix": "", "color": "#BFD8D2"},
        {"directive": CLAIM_TYPE, "title": "Claim", "prefix": "", "color": "#FEDCD2"},
    ]
    links = {
        name: {"outgoing": outgoing, "incoming": incoming}
        for name, (outgoing, incoming) in LINK_WORDS.items()
    }
    text = CONF.format(types=types, links=links, id_regex=NEED_ID_REGEX)
    return text + EQUAL_GC_CONF if equal_gc else text


def need_id(key: CardKey) -> str:
    """A need id unique site-wide, matching ``NEED_ID_REGEX``."""
    parts = [key.debate, key.post] + ([key.claim] if key.claim else [])
    return ID_SEPARATOR.join(parts)


# -- escaping contributor text for reStructuredText ------------------------------------------

# Inline markup (emphasis, literals, roles, references, substitutions, targets) starts with
# one of these. A lone colon is left alone (so web addresses stay links): a role also needs
# a backquote, and a field list a colon first on the line (see ``_BLOCK_START``).
_INLINE_SPECIAL = re.compile(r"([\\*`_|])")
# "::" ending a paragraph announces a literal block: escape every colon of a run.
_COLONS = re.compile(r"::+")
# At the start of a line, these open a block: a bullet, an enumerated item ("1.", "a)",
# "iv."), a field, an option, a line block, a doctest, explicit markup, a table, or a
# section adornment or transition. Escaping the first character breaks each of them.
_BLOCK_START = re.compile(r"^(?:([^\w\s\\])|([0-9A-Za-z]+)([.)]))")


def rst_line(text: str) -> str:
    """One line of contributor text as literal rst text: no markup of its own survives."""
    escaped = _INLINE_SPECIAL.sub(r"\\\1", text.strip())
    escaped = _COLONS.sub(lambda colons: "\\:" * len(colons.group()), escaped)
    escaped = _BLOCK_START.sub(_escape_block_start, escaped)
    if set(escaped) == {"\\"}:
        # Backslashes alone would read as a section adornment or a transition: start with
        # an escaped space, which rst removes.
        escaped = "\\ " + escaped
    return escaped


def _escape_block_start(found: re.Match[str]) -> str:
    if found.group(1):
        return "\\" + found.group(1)
    return f"{found.group(2)}\\{found.group(3)}"


def rst_paragraphs(text: str) -> list[str]:
    """Contributor text as rst paragraphs, split where it has blank lines.

    Every line is escaped and unindented (indentation would make a block quote or a
    definition list), so each paragraph stays one paragraph of plain text.
    """
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [rst_line(line) for line in block.splitlines() if line.strip()]
        if lines:
            paragraphs.append("\n".join(lines))
    return paragraphs


def plain_line(text: str) -> str:
    """Contributor text as a need title: one line. A directive argument is not parsed as
    markup (sphinx-needs keeps it as text), and conf.py turns off dynamic functions in it."""
    return " ".join(text.split())


# -- pages -----------------------------------------------------------------------------------


def post_title(graph: Graph, key: CardKey) -> str:
    """Who and when, as the card shows them: ``Person 3, 2026-01-01 00:05 UTC``."""
    post = graph.post(key)
    when = f", {utc_text(post.posted)}" if post.posted else ""
    state = f" ({post.status.replace('-', ' ')})" if post.status != "shown" else ""
    return f"{graph.author_label(key)}{when}{state}"


def need_directive(
    kind: str, title: str, key: CardKey, links: dict[str, list[str]], paragraphs: list[str]
) -> str:
    """One need: directive, id, link options (role -> target ids), then its content."""
    lines = [f".. {kind}:: {plain_line(title)}", f"   :id: {need_id(key)}"]
    lines += [f"   :{role}: {', '.join(targets)}" for role, targets in links.items()]
    lines.append("")
    for paragraph in paragraphs:
        lines += [f"   {line}" for line in paragraph.splitlines()]
        lines.append("")
    return "\n".join(lines)


def outgoing_links(graph: Graph, key: CardKey) -> dict[str, list[str]]:
    """The need ids a card's edges point to, by role, in the order the transcript gives."""
    links: dict[str, list[str]] = {}
    for edge in graph.outgoing.get(key, ()):
        targets = links.setdefault(edge.role, [])
        target = need_id(edge.target)
        if target not in targets:
            targets.append(target)
    return links


def edge_notes(graph: Graph, key: CardKey) -> list[str]:
    """An edge's note, which a link cannot carry, as a paragraph of its source need."""
    notes = []
    for edge in graph.outgoing.get(key, ()):
        if edge.note:
            words = LINK_WORDS[edge.role][0]
            notes.append(rst_line(f"{words} {need_id(edge.target)}: {' '.join(edge.note.split())}"))
    return notes


def debate_page(graph: Graph, transcript: Transcript) -> str:
    """A debate's page: title, summary, then each post's need followed by its claims'."""
    title = rst_line(transcript.title)
    parts = [title, "=" * column_width(title), "", *_joined(rst_paragraphs(transcript.summary))]
    for post in transcript.posts:
        key = CardKey(transcript.id, post.id)
        paragraphs = rst_paragraphs(post.text) if post.text else []
        for annotation in post.annotations:
            paragraphs += rst_paragraphs(f"Editor’s note by {annotation.by}: {annotation.note}")
        paragraphs += edge_notes(graph, key)
        parts.append(
            need_directive(
                POST_TYPE, post_title(graph, key), key, outgoing_links(graph, key), paragraphs
            )
        )
        for claim in post.claims:
            claim_key = CardKey(transcript.id, post.id, claim.id)
            links = {CLAIM_LINK: [need_id(key)], **outgoing_links(graph, claim_key)}
            paragraphs = rst_paragraphs(claim.statement)
            if claim.quote:
                paragraphs += rst_paragraphs(f"“{claim.quote}”")
            paragraphs += edge_notes(graph, claim_key)
            parts.append(need_directive(CLAIM_TYPE, claim.statement, claim_key, links, paragraphs))
    return "\n".join(parts)


def _joined(paragraphs: list[str]) -> list[str]:
    return [line for paragraph in paragraphs for line in (paragraph, "")]


def read_graph(sources: Path) -> Graph:
    """The corpus graph of ``sources``, as the Rejoinder build sees it; errors stop here."""
    transcripts, corpus = load_corpus(sources)
    errors = [problem for problem in corpus.problems if problem.is_error]
    if errors:
        shown = "\n".join(problem.message for problem in errors[:10])
        raise ValueError(f"{len(errors)} errors in the corpus at {sources}:\n{shown}")
    return build_graph(transcripts)


def write_needs_project(sources: Path, project: Path, *, equal_gc: bool = True) -> int:
    """Write the sphinx-needs project of the corpus at ``sources`` into ``project``.

    Returns the number of pages written (one per debate, and the index). With ``equal_gc``,
    conf.py gives the build Rejoinder's GC settings (``tune_gc`` / ``restore_gc``).
    """
    graph = read_graph(sources)
    pages = project / PAGES_FOLDER
    pages.mkdir(parents=True, exist_ok=True)
    (project / "conf.py").write_text(conf_py(equal_gc=equal_gc), encoding="utf-8")
    (project / "docutils.conf").write_text(DOCUTILS_CONF, encoding="utf-8")
    (project / "index.rst").write_text(INDEX.format(folder=PAGES_FOLDER), encoding="utf-8")
    written = set()
    for debate, transcript in graph.transcripts.items():
        page = pages / f"{debate}.rst"
        page.write_text(debate_page(graph, transcript), encoding="utf-8")
        written.add(page)
    # The index globs the folder: a page left from an earlier corpus would be built too.
    for stale in set(pages.glob("*.rst")) - written:
        stale.unlink()
    return len(written) + 1


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sources", type=Path, help="folder of transcripts")
    parser.add_argument("project", type=Path, help="folder to write the sphinx-needs project in")
    parser.add_argument(
        "--no-equal-gc",
        dest="equal_gc",
        action="store_false",
        help="leave the GC at Python's defaults instead of Rejoinder's build settings",
    )
    args = parser.parse_args()
    try:
        pages = write_needs_project(args.sources, args.project, equal_gc=args.equal_gc)
    except ValueError as error:
        sys.exit(str(error))
    print(f"{pages} pages written to {args.project}")


if __name__ == "__main__":
    main()
