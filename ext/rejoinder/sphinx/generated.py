"""What this build generated, for the Sphinx layer to read as data rather than as text.

The pages are generated from the corpus graph at ``builder-inited``; the transforms that run
while those pages are read (and the page metadata written later) look facts up in the same
graph: a card's label, a claim's statement, a debate's summary. Nothing is parsed back out of
the rendered pages.

The graph is kept per build environment (a weak mapping: it goes with the environment). Parallel
readers are forked after ``builder-inited`` and so see it too. When the transcripts have
errors no graph is kept: pages are then not regenerated, and what the environment recorded
when they were last read stays valid (see :mod:`rejoinder.sphinx.domain`).
"""

from __future__ import annotations

import weakref

from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from rejoinder.graph import Graph

_GRAPHS: weakref.WeakKeyDictionary[BuildEnvironment, Graph] = weakref.WeakKeyDictionary()


def keep_graph(env: BuildEnvironment, graph: Graph | None) -> None:
    if graph is None:
        _GRAPHS.pop(env, None)
    else:
        _GRAPHS[env] = graph


def graph_of(env: BuildEnvironment) -> Graph | None:
    """The graph the pages of this build were generated from (None if they were not)."""
    return _GRAPHS.get(env)


def debate_of(config: Config, docname: str) -> str | None:
    """The debate whose page ``docname`` is, or None for any other page."""
    folder = config.rejoinder_output_dir.strip("/")
    if not docname.startswith(folder + "/"):
        return None
    page = docname[len(folder) + 1 :]
    if "/" in page or page in ("index", "claims"):
        return None
    return page
