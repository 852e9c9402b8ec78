"""Sharing and search metadata: a debate page's description is its summary, OpenGraph and
Twitter tags name the debate, and the sitemap lists every page once the address is known."""

from __future__ import annotations

import pytest
from rj_helpers import Build, CopyRoot, page, warnings_of

pytestmark = pytest.mark.sphinx


def meta(html, attribute: str, name: str) -> str:
    found = html.find("meta", attrs={attribute: name})
    assert found is not None, name
    return found["content"]


def test_debate_page_metadata_and_sitemap(copy_root: CopyRoot, build: Build) -> None:
    srcdir = copy_root("basic")
    alpha = srcdir / "sources" / "alpha.yaml"
    alpha.write_text(
        alpha.read_text(encoding="utf-8").replace(
            "summary: A first small debate about pets.",
            'summary: A first small debate about pets, "quoted" & <tagged>.',
        ),
        encoding="utf-8",
    )
    app = build(srcdir, confoverrides={"html_baseurl": "https://debates.example.org/"})
    assert warnings_of(app) == []
    html = page(app, "debates/alpha.html")
    assert html.title.get_text().startswith("Alpha debate")
    summary = 'A first small debate about pets, "quoted" & <tagged>.'
    assert meta(html, "name", "description") == summary
    assert meta(html, "property", "og:title") == "Alpha debate"
    assert meta(html, "property", "og:description") == summary
    assert meta(html, "property", "og:url") == "https://debates.example.org/debates/alpha.html"
    assert meta(html, "name", "twitter:card") == "summary"
    # the summary's markup characters stayed text: no element was injected into <head>
    assert html.find("tagged") is None
    # pages that are not debates get no debate metadata
    assert page(app, "essay.html").find("meta", attrs={"property": "og:type"}) is None
    sitemap = (app.outdir / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://debates.example.org/debates/alpha.html</loc>" in sitemap
    assert "<loc>https://debates.example.org/essay.html</loc>" in sitemap
    assert sitemap.count("<loc>") == len(app.env.found_docs)


def test_no_sitemap_without_an_address(copy_root: CopyRoot, build: Build) -> None:
    app = build(copy_root("basic"))
    assert warnings_of(app) == []
    assert not (app.outdir / "sitemap.xml").exists()
    assert page(app, "debates/alpha.html").find("meta", attrs={"property": "og:url"}) is None
