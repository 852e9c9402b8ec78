"""Page metadata for sharing and search: description, OpenGraph and Twitter tags, a sitemap.

The description of a debate page is its editorial summary, taken from the transcript (noted
by :class:`rejoinder.sphinx.domain.RegisterCards` when the page was read, with every run of
whitespace as one space), never from the rendered page, whose hard breaks are markup. Every
value goes through :func:`html.escape` with quotes: contributor text never becomes markup here
either.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from rejoinder.sphinx.domain import RejoinderDomain

logger = logging.getLogger(__name__)
DESCRIPTION_CHARS = 300


def add_page_metadata(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if doctree is None:
        return
    domain: RejoinderDomain = app.env.domains["rj"]  # type: ignore[assignment]
    summary = domain.summaries.get(pagename)
    if summary is None:
        return  # not a debate page
    title = _plain(context.get("title", ""))
    description = (
        summary
        if len(summary) <= DESCRIPTION_CHARS
        else (summary[: DESCRIPTION_CHARS - 1].rsplit(" ", 1)[0] + "…")
    )
    tags = [
        ("name", "description", description),
        ("property", "og:type", "article"),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:site_name", app.config.project),
        ("name", "twitter:card", "summary"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", description),
    ]
    base = app.config.html_baseurl
    if base:
        url = base.rstrip("/") + "/" + app.builder.get_target_uri(pagename)
        tags.append(("property", "og:url", url))
    markup = "".join(
        f'<meta {kind}="{html.escape(name)}" content="{html.escape(value)}">\n'
        for kind, name, value in tags
    )  # html.escape quotes " and ' by default
    context["metatags"] = context.get("metatags", "") + markup


def _plain(title: str) -> str:
    # Sphinx passes the title as HTML (entities escaped); meta content wants the text.
    return html.unescape(title)


def write_sitemap(app: Sphinx, exception: BaseException | None) -> None:
    """sitemap.xml of every page, when the site's address (``html_baseurl``) is known."""
    if exception is not None or app.builder.format != "html":
        return
    base = app.config.html_baseurl
    if not base:
        logger.info("rejoinder: no sitemap written (set html_baseurl to the site's address)")
        return
    urls = sorted(
        base.rstrip("/") + "/" + app.builder.get_target_uri(docname)
        for docname in app.env.found_docs
    )
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    lines += [f"  <url><loc>{escape(url)}</loc></url>" for url in urls]
    lines.append("</urlset>")
    (Path(app.outdir) / "sitemap.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")
