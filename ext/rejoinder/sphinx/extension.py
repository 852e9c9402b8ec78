"""The Sphinx layer: registration only. Everything it does is delegated to the pure core.

At ``builder-inited`` the stylesheets and script are added (HTML builders; on their own, so that
the last good pages keep them while a transcript has errors), the site's settings are checked
for ones that let contributor text become markup (:mod:`rejoinder.sphinx.safety`), and the
transcripts are checked and the pages generated (before Sphinx looks for documents, so new pages
are found and unchanged ones are not re-read). The graph they were generated from is kept for
the transforms that read them (:mod:`rejoinder.sphinx.generated`). Problems become
warnings located at ``path:line:column`` with type ``rejoinder`` and the problem's code as
subtype, so ``-W`` fails the build and ``suppress_warnings = ["rejoinder.chronology"]`` works.
"""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path
from typing import Any, Literal

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from rejoinder import __version__, names
from rejoinder.generate import generate
from rejoinder.problems import Problem, visible
from rejoinder.sphinx import cards, exports, search
from rejoinder.sphinx.cards import TimeNode
from rejoinder.sphinx.domain import RegisterCards, RegisterCitations, RejoinderDomain
from rejoinder.sphinx.generated import keep_graph
from rejoinder.sphinx.safety import warn_about_unsafe_settings
from rejoinder.sphinx.seo import add_page_metadata, write_sitemap

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent.parent / "static"

CONFIG_VALUES: list[tuple[str, Any, Literal["env", ""], str]] = [
    (
        "rejoinder_sources",
        "../sources",
        "env",
        "Folder of transcripts, relative to the folder of conf.py.",
    ),
    (
        "rejoinder_output_dir",
        "debates",
        "env",
        "Folder, inside the Sphinx source folder, that receives the generated pages. The "
        "extension owns it: add it to .gitignore and write nothing there by hand.",
    ),
    (
        "rejoinder_tune_gc",
        True,
        "",
        "Make Python's cyclic garbage collector run less often during the build (and no "
        "full collection until it ends). A large site keeps millions of doctree nodes alive "
        "and each full collection walks them all; at 500 debates this cut a plain Sphinx "
        "build from 204 s to 139 s. The settings are restored when the build finishes. Set "
        "to False to leave the interpreter's settings alone.",
    ),
    *search.CONFIG_VALUES,
]


def time_role(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Any,
    options: dict[str, Any] | None = None,
    content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """``{rejoinder-time}`2026-01-10T15:30Z``: a moment the renderer wrote as data (in
    ``names.TIME_MACHINE``), shown in UTC by :func:`rejoinder.names.utc_text`."""
    try:
        moment = dt.datetime.strptime(text, names.TIME_MACHINE).replace(tzinfo=dt.UTC)
    except ValueError:
        message = inliner.reporter.error(
            f"{names.TIME_ROLE}: not a time in UTC ({names.TIME_MACHINE}): {text!r}",
            line=lineno,
        )
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    node = TimeNode(rawtext, names.utc_text(moment), classes=[names.TIME])
    node["datetime"] = names.utc_machine(moment)
    return [node], []


def add_static_path(app: Sphinx, config: Config) -> None:
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))


def add_assets(app: Sphinx) -> None:
    """The stylesheets and script, on every page of an HTML build. On their own, so that they
    are there whatever generation does (a transcript with errors keeps the last good pages,
    which need them as much as new ones)."""
    if app.builder.format != "html":
        return
    app.add_css_file("rejoinder.css")
    app.add_css_file("rejoinder-map.css")
    app.add_js_file("rejoinder.js", loading_method="defer")
    app.add_js_file("rejoinder-map.js", loading_method="defer")


def generate_pages(app: Sphinx) -> None:
    confdir = Path(app.confdir)
    sources = (confdir / app.config.rejoinder_sources).resolve()
    out_dir = Path(app.srcdir) / app.config.rejoinder_output_dir
    result = generate(sources, out_dir)
    keep_graph(app.env, result.graph)
    for problem in result.problems:
        _log_problem(problem)
    if not result.ok:
        first_error = next(problem for problem in result.problems if problem.is_error)
        logger.warning(
            "rejoinder: transcripts have errors; generated pages left as they were",
            location=_sphinx_location(first_error),
            type="rejoinder",
            subtype="not-generated",
        )
        return
    logger.info(
        "rejoinder: %d pages written, %d unchanged, %d removed; "
        "checked in %.3f s, generated in %.3f s",
        len(result.written),
        len(result.unchanged),
        len(result.removed),
        result.seconds_checking,
        result.seconds_generating,
    )
    if app.config.rejoinder_tune_gc:
        tune_gc(app)
    folder = app.config.rejoinder_output_dir.strip("/")
    _REMOVED_PAGES[id(app)] = [
        f"{folder}/{path.removesuffix('.md')}" for path in result.removed if path.endswith(".md")
    ]


_REMOVED_PAGES: dict[int, list[str]] = {}


def remove_stale_output(app: Sphinx, exception: BaseException | None) -> None:
    """Delete the HTML of generated pages whose transcript or participant is gone: Sphinx
    leaves the output of removed documents in place, and a removed debate must not stay
    published. Only pages this extension generated (from its manifest) are touched."""
    removed = _REMOVED_PAGES.pop(id(app), [])
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for docname in removed:
        target = outdir / f"{docname}{app.builder.out_suffix}"  # type: ignore[attr-defined]
        if target.is_file():
            target.unlink()


_OBJECTS_BEFORE_READ: dict[int, dict[tuple[str, str], Any]] = {}


def remember_objects(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    domain: RejoinderDomain = env.domains["rj"]  # type: ignore[assignment]
    _OBJECTS_BEFORE_READ[id(env)] = dict(domain.objects)


def rewrite_citing_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages citing a card whose entry changed are rewritten (references resolve at writing),
    so an incremental build shows the same link text, and the same dangling-reference
    warnings, as a full one. Pages citing unchanged cards are left alone."""
    before = _OBJECTS_BEFORE_READ.pop(id(env), None)
    if before is None:
        return []
    domain: RejoinderDomain = env.domains["rj"]  # type: ignore[assignment]
    now = domain.objects
    changed = {key for key in before.keys() | now.keys() if before.get(key) != now.get(key)}
    return sorted(domain.citing_pages(changed)) if changed else []


_GC_THRESHOLDS: dict[int, tuple[int, int, int]] = {}


def tune_gc(app: Sphinx) -> None:
    """The GC settings of ``rejoinder_tune_gc`` (public: the benchmark gives every build it
    compares the same settings)."""
    # Everything alive now (Sphinx, the extensions, the environment) lives for the whole
    # build: freeze it out of future collections. Collect the young generation less often,
    # and skip full collections until the build ends: what survives two young collections is
    # almost all doctrees, which Sphinx keeps until it writes them, and each full collection
    # would walk all of them (at 2,000 debates, 9% of the build). Short-lived cycles still
    # die young, so peak memory stays within 1% of a build without this.
    gc.collect()
    gc.freeze()
    young, middle, old = gc.get_threshold()
    _GC_THRESHOLDS[id(app)] = (young, middle, old)
    gc.set_threshold(max(young, 50_000), middle, 1_000_000_000)


def restore_gc(app: Sphinx, exception: BaseException | None) -> None:
    """Give the interpreter its settings back (a process may run more than one build)."""
    thresholds = _GC_THRESHOLDS.pop(id(app), None)
    if thresholds is not None:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _log_problem(problem: Problem) -> None:
    # Contributor text is quoted in messages: control and bidi characters are shown as escapes.
    message = visible(problem.message) + (
        f" (hint: {visible(problem.hint)})" if problem.hint else ""
    )
    if problem.is_error:
        message = f"error: {message}"
    logger.warning(
        message, location=_sphinx_location(problem), type="rejoinder", subtype=problem.code.value
    )


def _sphinx_location(problem: Problem) -> str:
    # Sphinx takes a location without a colon for a document name (and appends .md); a
    # problem about a whole file (line 0) is reported at its first line instead.
    if problem.line <= 0:
        return f"{problem.path}:1"
    return problem.location()


def setup(app: Sphinx) -> dict[str, Any]:
    for name, default, rebuild, _help in CONFIG_VALUES:
        app.add_config_value(name, default, rebuild, types=frozenset({type(default)}))
    app.add_domain(RejoinderDomain)
    app.add_transform(RegisterCards)
    app.add_transform(RegisterCitations)
    app.add_role(names.TIME_ROLE, time_role)
    cards.register(app)
    search.register(app)
    exports.register(app)
    app.connect("config-inited", add_static_path)
    app.connect("builder-inited", add_assets)
    app.connect("builder-inited", warn_about_unsafe_settings)
    app.connect("builder-inited", generate_pages)
    app.connect("env-before-read-docs", remember_objects)
    app.connect("env-updated", rewrite_citing_pages)
    app.connect("build-finished", remove_stale_output)
    app.connect("html-page-context", add_page_metadata)
    app.connect("build-finished", write_sitemap)
    app.connect("build-finished", restore_gc)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
