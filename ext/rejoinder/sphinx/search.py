"""Search that lands on the card: a Pagefind index of the built site and a search page of our own.

Sphinx's own search finds pages, never the part of a page, and keeps every word of the site in
one ``searchindex.js`` that each search loads whole. Pagefind (https://pagefind.app) indexes
the built HTML into small chunks that a search fetches as it needs them, and splits each page
into sub-results at the headings that carry an ``id``. docutils puts a section's id on the
``<section>``, so the copy of the pages that is indexed has it on the section's heading: a
post's card is such a section, and a word from a post, or from one of its claims, finds it.

With ``rejoinder_search = "pagefind"`` (the default) on the ``html`` and ``dirhtml``
builders:

* Sphinx builds no ``searchindex.js`` (``builder.search`` is turned off when the builder
  starts) and this module writes ``search.html``, at the address the theme's search box sends
  its query to, with ``rejoinder-search.js`` (results through Pagefind's JavaScript API,
  written with ``textContent``: titles and excerpts never become markup) and its stylesheet;
* when the build has finished without an exception, the Pagefind binary (the ``pagefind[bin]``
  package) indexes that copy into ``_pagefind.next`` in the output folder and that folder replaces
  ``_pagefind`` only when indexing succeeded; any failure is one warning
  (``rejoinder.search``), so ``-W`` fails the build and the last good index stays; when no
  page changed since the last index, nothing is indexed.

The argument map, the view switch, the badge legend, badges, edge links that quote other cards
and the theme's chrome are left out of the index (:data:`NOT_INDEXED`): they are apparatus, not
words, and would land a search on the wrong card. ``rejoinder_search = "sphinx"`` keeps
Sphinx's search as it was.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any, Literal

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config
from sphinx.util import logging

from rejoinder import names

logger = logging.getLogger(__name__)

PAGEFIND = "pagefind"
SPHINX = "sphinx"
CHOICES = (PAGEFIND, SPHINX)
BUNDLE = "_pagefind"  # beside _static; the search script finds it from there
SEARCH_PAGE = "search"  # the address the theme's search box sends ``?q=`` to
BUILDERS = frozenset({"html", "dirhtml"})
SCRIPT = "rejoinder-search.js"
STYLESHEET = "rejoinder-search.css"

CONFIG_VALUES: list[tuple[str, Any, Literal["env", ""], str]] = [
    (
        "rejoinder_search",
        PAGEFIND,
        "",
        "The site's search: 'pagefind' indexes the built pages with Pagefind, and a result "
        "opens the page at the card the words are in; 'sphinx' keeps Sphinx's own search "
        "(whole pages only, one index file loaded by every search).",
    ),
]

# Left out of the index: apparatus rather than words. Selectors as Pagefind's
# exclude_selectors takes them.
NOT_INDEXED = (
    f".{names.MAP}",  # the argument map: its labels repeat every card
    f".{names.VIEWS}",
    f".{names.LEGEND}",
    f".{names.STATE}",  # the state of the debate quotes the cards in dispute: land on them
    f".{names.FOLD} > summary",  # a folded block's label ("Argument map", "What the badges say")
    ".rj-badge",  # status badges (card.py): labels, the same on many cards
    ".rj-claim-label",
    f".{names.CHALLENGE}",  # whether a rebuttal stands: the same words on many cards
    f".{names.EDGE} > a",  # a backlink quotes the other card's words: it would land there
    f".{names.SCREEN_READER_ONLY}",
    ".headerlink",
    # the theme's chrome: Sphinx's basic theme and those built on it (alabaster) ...
    ".related",
    ".sphinxsidebar",
    ".footer",
    # ... and furo
    ".skip-to-content",
    ".mobile-header",
    ".sidebar-drawer",
    ".toc-drawer",
    ".back-to-top",
    ".content-icon-container",
    ".related-pages",
    ".bottom-of-page",
    "footer",
)


def register(app: Sphinx) -> None:
    """The search's events (called by the extension's setup, which adds CONFIG_VALUES)."""
    app.connect("config-inited", check_choice)
    app.connect("builder-inited", turn_off_sphinx_search)
    app.connect("html-collect-pages", search_page)
    app.connect("html-page-context", add_search_assets)
    app.connect("build-finished", build_index)


def check_choice(app: Sphinx, config: Config) -> None:
    if config.rejoinder_search not in CHOICES:
        logger.warning(
            "rejoinder_search must be one of %s, not %r; using %r",
            ", ".join(repr(choice) for choice in CHOICES),
            config.rejoinder_search,
            PAGEFIND,
            type="rejoinder",
            subtype="search",
        )
        config.rejoinder_search = PAGEFIND


def pagefind_builder(app: Sphinx) -> StandaloneHTMLBuilder | None:
    """The HTML builder, when the site's search is Pagefind's; otherwise None."""
    builder = app.builder
    if (
        app.config.rejoinder_search == PAGEFIND
        and isinstance(builder, StandaloneHTMLBuilder)
        and builder.name in BUILDERS
    ):
        return builder
    return None


def uses_pagefind(app: Sphinx) -> bool:
    return pagefind_builder(app) is not None


def turn_off_sphinx_search(app: Sphinx) -> None:
    # StandaloneHTMLBuilder reads ``search`` when it prepares writing (no indexer, no
    # searchindex.js) and when it writes its own search page (none): both come after this.
    builder = pagefind_builder(app)
    if builder is not None:
        builder.search = False


def search_page(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """The search page, in the theme's page template with a body of our own."""
    if not uses_pagefind(app):
        return []
    context = {
        "title": "Search",
        "body": SEARCH_BODY,
        "metatags": '<meta name="robots" content="noindex">\n',
    }
    return [(SEARCH_PAGE, context, "page.html")]


# Fixed markup, no contributor text. The results list is filled by rejoinder-search.js; the
# page's own words stay out of the index.
SEARCH_BODY = """\
<section id="search" class="rj-search" data-pagefind-ignore="all">
<h1>Search</h1>
<form class="rj-search-form" method="get" role="search" aria-label="Search the site">
<label for="rj-search-query">Words to find</label>
<input type="search" id="rj-search-query" name="q" autocomplete="off" spellcheck="false">
<button type="submit">Search</button>
</form>
<noscript><p>Searching needs JavaScript: the index is read by a script in your browser.</p>
</noscript>
<p class="rj-search-status" role="status" aria-live="polite"></p>
<ol class="rj-search-results"></ol>
<p><button type="button" class="rj-search-more" hidden>More results</button></p>
</section>
"""


def add_search_assets(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if not uses_pagefind(app):
        return
    # The theme links the search page (<link rel="search">) only where Sphinx has one.
    has_document = context.get("hasdoc")
    if callable(has_document):
        context["hasdoc"] = lambda name: name == SEARCH_PAGE or bool(has_document(name))
    if pagename == SEARCH_PAGE and doctree is None:
        # Called here, each adds its file to this page only.
        app.add_css_file(STYLESHEET)
        app.add_js_file(SCRIPT, type="module")


def build_index(app: Sphinx, exception: BaseException | None) -> None:
    builder = pagefind_builder(app)
    if exception is not None or builder is None:
        return
    outdir = Path(app.outdir)
    # The last good site may hold Sphinx's index (the Makefile builds into a copy of it).
    (outdir / builder.searchindex_filename).unlink(missing_ok=True)
    keep_index_url = builder.name == "html"
    record = Path(app.doctreedir) / RECORD
    previous = _read_record(record)
    settings = index_settings(keep_index_url)
    pages = page_digests(outdir, previous.get("pages", {}))
    if (
        previous.get("settings") == settings
        and _digests(previous.get("pages", {})) == _digests(pages)
        and (outdir / BUNDLE / "pagefind.js").is_file()
    ):
        logger.info("rejoinder: search index unchanged (no page changed)")
        return
    started = time.perf_counter()
    problem = write_index(outdir, keep_index_url=keep_index_url)
    if problem is not None:
        record.unlink(missing_ok=True)
        logger.warning(
            "rejoinder: search index not built (the last one is kept): %s",
            problem,
            type="rejoinder",
            subtype="search",
        )
        return
    record.write_text(json.dumps({"settings": settings, "pages": pages}), encoding="utf-8")
    logger.info(
        "rejoinder: search index written to %s in %.1f s",
        BUNDLE,
        time.perf_counter() - started,
    )


# What the last index was made from, kept with the doctrees: a rebuild in which no page
# changed does not index the site again (at 2,000 debates that is most of a minute).
RECORD = "rejoinder-search.json"


def index_settings(keep_index_url: bool) -> dict[str, Any]:
    try:
        pagefind = importlib.metadata.version("pagefind_bin")
    except importlib.metadata.PackageNotFoundError:
        pagefind = "unknown"
    return {
        "pagefind": pagefind,
        "not_indexed": list(NOT_INDEXED),
        "headings": SECTION_HEADING.pattern,
        "keep_index_url": keep_index_url,
    }


def page_digests(outdir: Path, previous: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """Each page's [size, mtime_ns, sha256]; a page whose size and time are as recorded is
    not read again. (Sphinx writes some pages on every build, unchanged: hence the digest.)"""
    found = {}
    for path in page_files(outdir):
        relative = path.relative_to(outdir).as_posix()
        status = path.stat()
        known = previous.get(relative)
        if known and known[:2] == [status.st_size, status.st_mtime_ns]:
            digest = known[2]
        else:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        found[relative] = [status.st_size, status.st_mtime_ns, digest]
    return found


def _digests(pages: dict[str, list[Any]]) -> dict[str, str]:
    return {relative: str(entry[2]) for relative, entry in pages.items()}


def _read_record(record: Path) -> dict[str, Any]:
    try:
        found = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def write_index(outdir: Path, *, keep_index_url: bool) -> str | None:
    """Index the pages of ``outdir`` into ``outdir/_pagefind``; what went wrong, or None. The
    new index is written beside the old one and takes its place only once it is complete."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        return "the pagefind package is missing: pip install 'pagefind[bin]'"
    executable = get_executable()
    if executable is None:
        return "the Pagefind binary is missing: pip install 'pagefind[bin]'"
    staging = outdir / f"{BUNDLE}.next"
    _remove(staging)
    with tempfile.TemporaryDirectory(prefix="rejoinder-search-") as work:
        pages = Path(work)
        copy_for_indexing(outdir, pages)
        command = [str(executable), "--site", str(pages), "--output-path", str(staging)]
        command.append("--quiet")
        for selector in NOT_INDEXED:
            command += ["--exclude-selectors", selector]
        if keep_index_url:
            command.append("--keep-index-url")  # links as Sphinx writes them (…/index.html)
        try:
            done = subprocess.run(command, capture_output=True, text=True, check=False)
        except OSError as error:
            return f"could not run {executable}: {error}"
    if done.returncode != 0 or not (staging / "pagefind.js").is_file():
        _remove(staging)
        said = " ".join((done.stderr or done.stdout).split())[-2000:]
        return f"Pagefind exited with status {done.returncode}: {said or 'no message'}"
    current = outdir / BUNDLE
    retired = outdir / f"{BUNDLE}.old"
    _remove(retired)
    if current.exists():
        current.rename(retired)
    staging.rename(current)
    _remove(retired)
    return None


# docutils writes a section's anchor on the <section>, not on its heading; Pagefind splits a
# page into results only at headings that carry an id. The copy that is indexed moves the id
# onto the heading, so a result links to page#section, an anchor that exists.
SECTION_HEADING = re.compile(
    r'<section\b(?P<before>[^>]*?)\sid="(?P<id>[^"]+)"(?P<after>[^>]*)>(?P<gap>\s*)'
    r"<h(?P<level>[1-6])(?![^>]*\sid=)(?P<attributes>[^>]*)>"
)


def heading_anchors(html: str) -> str:
    return SECTION_HEADING.sub(
        r'<section\g<before>\g<after>>\g<gap><h\g<level> id="\g<id>"\g<attributes>>', html
    )


def page_files(outdir: Path) -> list[Path]:
    """The site's pages: the folders whose names start with an underscore (_static, _sources,
    _pagefind, ...) hold none."""
    return [
        path
        for path in sorted(outdir.rglob("*.html"))
        if not path.relative_to(outdir).parts[0].startswith("_")
    ]


def copy_for_indexing(outdir: Path, pages: Path) -> None:
    """The site's pages, their section ids on their headings, into ``pages``."""
    for path in page_files(outdir):
        target = pages / path.relative_to(outdir)
        target.parent.mkdir(parents=True, exist_ok=True)
        html = path.read_text(encoding="utf-8", errors="surrogateescape")
        target.write_text(heading_anchors(html), encoding="utf-8", errors="surrogateescape")


def _remove(folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)
