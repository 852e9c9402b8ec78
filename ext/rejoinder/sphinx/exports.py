"""The exports published with the site, and what each page's head says of them.

At ``build-finished`` (HTML builders, no exception, transcripts without errors) every registered
format (:data:`rejoinder.export.FORMATS`) writes each debate's file beside its page
(``debates/alpha.json``), its corpus file (``debates/index.json``) and its companion files (the
JSON Schema), and the Atom feed is written as ``debates/feed.atom``. Files are written
atomically and only when their bytes change; files an earlier build exported and this one did
not (a removed debate) are deleted, from a manifest of this module's own, never anything else.
A format that cannot be loaded is reported as a warning and skipped: the others still publish.

At ``html-page-context`` a debate page's head gets a ``<link rel="alternate">`` per format and
its schema.org JSON-LD (:mod:`rejoinder.export.schemaorg`); every page's head gets the feed's
``<link rel="alternate" type="application/atom+xml">``. Every value is escaped.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from rejoinder.export import (
    FORMATS,
    ExportFormat,
    FormatUnavailable,
    atom,
    schemaorg,
    write_atomically,
)
from rejoinder.sphinx.generated import debate_of, graph_of

logger = logging.getLogger(__name__)
MANIFEST = ".rejoinder-exports"


def _folder(app: Sphinx) -> str:
    return str(app.config.rejoinder_output_dir).strip("/")


def _page_address(app: Sphinx, debate: str, *, absolute: bool) -> str:
    target = app.builder.get_target_uri(f"{_folder(app)}/{debate}")
    base: str = app.config.html_baseurl
    if absolute and base:
        return base.rstrip("/") + "/" + target
    # Relative to the debates folder, where the page, the exports and the feed live.
    return target.removeprefix(_folder(app) + "/")


def add_head_links(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    graph = graph_of(app.env)
    pathto = context.get("pathto")
    if graph is None or pathto is None:
        return  # the transcripts have errors: nothing is exported this build
    feed = pathto(f"{_folder(app)}/{atom.FEED_FILE}", 1)
    markup = [
        f'<link rel="alternate" type="{atom.MEDIA_TYPE}" '
        f'title="{html.escape(app.config.project + " · debates")}" href="{html.escape(feed)}">'
    ]
    debate = debate_of(app.config, pagename)
    if doctree is not None and debate is not None and debate in graph.transcripts:
        for found in _loadable():
            href = pathto(f"{_folder(app)}/{found.debate_file(debate)}", 1)
            markup.append(
                f'<link rel="alternate" type="{html.escape(found.media_type)}" '
                f'title="{html.escape(found.label)}" href="{html.escape(href)}">'
            )
        page = (
            _page_address(app, debate, absolute=True)
            if app.config.html_baseurl
            # Relative to the page itself (with dirhtml, the page is its folder's index).
            else app.builder.get_target_uri(pagename).rsplit("/", 1)[-1] or "./"
        )
        markup.append(schemaorg.script_element(schemaorg.discussion(graph, debate, page)))
    context["metatags"] = context.get("metatags", "") + "\n".join(markup) + "\n"


def _loadable() -> list[ExportFormat]:
    found = []
    for candidate in FORMATS.values():
        try:
            candidate.load()
        except FormatUnavailable:
            continue  # reported once, when the files are published
        found.append(candidate)
    return found


def publish_exports(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    graph = graph_of(app.env)
    if graph is None:
        return  # transcripts with errors: the last good exports stay, as the pages do
    folder = Path(app.outdir) / _folder(app)
    files: dict[str, str] = {}
    for found in FORMATS.values():
        try:
            made = {
                found.debate_file(debate): found.debate(
                    graph, debate, page_url=_page_address(app, debate, absolute=True)
                )
                for debate in graph.transcripts
            }
            corpus_file = found.corpus_file
            if corpus_file is not None:
                made[corpus_file] = found.corpus(graph) or ""
            made.update(found.companions())
        except Exception as error:  # one broken format must not keep the others from the site
            reason = error if isinstance(error, FormatUnavailable) else repr(error)
            logger.warning(
                "rejoinder: the %s export failed: %s; its files are not published",
                found.name,
                reason,
                type="rejoinder",
                subtype="export",
            )
            continue
        files.update(made)
    base = app.config.html_baseurl
    feed_address = f"{base.rstrip('/')}/{_folder(app)}/{atom.FEED_FILE}" if base else None
    files[atom.FEED_FILE] = atom.feed(
        graph,
        title=f"{app.config.project}: debates",
        page_address=lambda debate: _page_address(app, debate, absolute=True),
        feed_address=feed_address,
        author=app.config.project,
    )
    written = sum(write_atomically(folder / name, text) for name, text in files.items())
    _remove_stale(folder, set(files))
    logger.info("rejoinder: %d export files published, %d changed", len(files), written)


def _remove_stale(folder: Path, now: set[str]) -> None:
    manifest = folder / MANIFEST
    try:
        before = set(manifest.read_text(encoding="utf-8").split("\n")) - {""}
    except OSError:
        before = set()
    for name in before - now:
        # Only plain names this module wrote into this folder, never a path elsewhere.
        if name and "/" not in name and name not in (".", ".."):
            (folder / name).unlink(missing_ok=True)
    write_atomically(manifest, "\n".join(sorted(now)) + "\n")


def register(app: Sphinx) -> None:
    app.connect("html-page-context", add_head_links)
    app.connect("build-finished", publish_exports)
