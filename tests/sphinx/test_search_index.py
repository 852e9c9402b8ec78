"""Search (rejoinder.sphinx.search): a built site has a Pagefind index and its own search page,
and no Sphinx search index; the index holds the words of posts and claims under the headings
of their cards, and not the apparatus (map, view switch, legend, badges); ``rejoinder_search =
"sphinx"`` keeps Sphinx's search; a failed indexing is one warning and keeps the last index.

The index is read back from its fragment files (one per page: gzip, Pagefind's signature, then
JSON with the page's URL, title, text and the elements with an id): what a search in the browser
finds is tested in tests/browser/test_search_page.py.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from rj_helpers import ROOTS, Build, one, page, warnings_of
from sphinx.testing.util import SphinxTestApp

pytestmark = pytest.mark.sphinx

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# A debate of our own beside test-basic's: words found nowhere else, a title with quotes and an
# apostrophe, a text with what HTML would take as markup.
# A debate of our own, shared with the other search tests.
GAMMA = (Path(__file__).resolve().parents[1] / "search" / "gamma.yaml").read_text(encoding="utf-8")


def search_root(tmp: Path) -> Path:
    srcdir = tmp / "src"
    shutil.copytree(ROOTS / "test-basic", srcdir)
    (srcdir / "sources" / "gamma.yaml").write_text(GAMMA, encoding="utf-8")
    return srcdir


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    app = SphinxTestApp(
        "html", srcdir=search_root(tmp_path_factory.mktemp("search")), freshenv=True
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def fragments(outdir: Path) -> dict[str, dict[str, Any]]:
    """Each indexed page's record, by URL."""
    records = {}
    for path in (outdir / "_pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        signature = b"pagefind_dcd"
        assert raw.startswith(signature), path
        record = json.loads(raw[len(signature) :])
        records[record["url"]] = record
    return records


def scripts(html: Any) -> list[str]:
    """The scripts a page loads, without Sphinx's ``?v=`` checksums."""
    return [tag.get("src", "").split("?")[0] for tag in html.select("script")]


def files(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def test_the_site_has_a_pagefind_index_and_no_sphinx_index(site: SphinxTestApp) -> None:
    outdir = Path(site.outdir)
    assert (outdir / "_pagefind" / "pagefind.js").is_file()
    assert not (outdir / "searchindex.js").exists()
    assert not (outdir / "_pagefind.next").exists()
    assert warnings_of(site) == []
    search = page(site, "search.html")
    form = one(search, "form.rj-search-form")
    assert one(form, "input")["name"] == "q"
    loaded = scripts(search)
    assert "_static/rejoinder-search.js" in loaded
    assert one(search, 'meta[name="robots"]')["content"] == "noindex"
    assert not {"searchindex.js", "_static/searchtools.js"} & set(loaded)
    # Other pages have neither the search script nor Sphinx's index, and still name the page.
    debate = page(site, "debates/gamma.html")
    assert "_static/rejoinder-search.js" not in scripts(debate)
    assert one(debate, 'link[rel="search"]')["href"] == "../search.html"


def test_the_index_holds_the_words_of_posts_and_claims_not_the_apparatus(
    site: SphinxTestApp,
) -> None:
    records = fragments(Path(site.outdir))
    assert "/search.html" not in records  # its own words are left out: nothing to index
    assert "Navigation" not in records["/debates/alpha.html"]["content"]  # alabaster's
    gamma = records["/debates/gamma.html"]
    assert gamma["meta"]["title"] == 'Gamma\'s "quoted" debate'
    content = gamma["content"]
    assert "zanzibarine" in content
    assert "Quokkafold reasoning settles it." in content
    # The map's labels ("Argument map: posts in time order", "Claim: …"), the legend, the view
    # switch, badges, the heading links' pilcrows.
    for apparatus in ("Argument map:", "Claim:", "What the badges", "Order:", "unanswered", "¶"):
        assert apparatus not in content, apparatus
    for record in records.values():
        assert "&quot;" not in record["meta"]["title"], record["url"]
        assert "&#x27;" not in record["meta"]["title"], record["url"]


def test_each_post_is_under_a_heading_with_its_anchor(site: SphinxTestApp) -> None:
    """Pagefind splits a page into sub-results at headings with an id: in the index, each
    post's card comes under a heading with the post's anchor (on the page, the id of the
    card's section), its claims with it, and the heading's text is the card's header."""
    gamma = fragments(Path(site.outdir))["/debates/gamma.html"]
    words = gamma["content"].split()
    headings = [anchor for anchor in gamma["anchors"] if anchor["element"] in HEADINGS]
    ids = [anchor["id"] for anchor in headings]
    assert {"g-first", "g-second"} <= set(ids)

    def sections_of(word: str) -> set[str]:
        """The ids of the headings the word comes under, wherever it occurs."""
        found = set()
        for location, each in enumerate(words):
            if word in each:
                before = [anchor for anchor in headings if anchor["location"] <= location]
                found.add(before[-1]["id"])
        return found

    assert sections_of("zanzibarine") == {"g-first"}
    assert "g-first" in sections_of("Quokkafold")  # also in the page's overview of disputes
    assert sections_of("xylocarpous") == {"g-second"}
    titles = {anchor["id"]: anchor["text"] for anchor in headings}
    assert titles["g-first"].startswith("Dee Example")  # the heading's text: who, when
    assert "¶" not in titles["g-first"]


def test_every_anchor_exists_on_its_page(site: SphinxTestApp) -> None:
    """A sub-result links to page#id: every heading id the index holds is on that page."""
    outdir = Path(site.outdir)
    for url, record in fragments(outdir).items():
        html = page(site, url.lstrip("/"))
        for anchor in record["anchors"]:
            if anchor["element"] in HEADINGS:
                assert html.find(id=anchor["id"]) is not None, (url, anchor["id"])


def test_sphinx_search_when_chosen(build: Build, tmp_path: Path) -> None:
    app = build(search_root(tmp_path), confoverrides={"rejoinder_search": "sphinx"})
    outdir = Path(app.outdir)
    assert (outdir / "searchindex.js").is_file()
    assert not (outdir / "_pagefind").exists()
    loaded = scripts(page(app, "search.html"))
    assert "_static/searchtools.js" in loaded
    assert "_static/rejoinder-search.js" not in loaded


def test_an_unknown_choice_is_a_warning(build: Build, tmp_path: Path) -> None:
    app = build(search_root(tmp_path), confoverrides={"rejoinder_search": "lunr"})
    lines = [line for line in warnings_of(app) if "rejoinder_search" in line]
    assert len(lines) == 1
    assert "must be one of 'pagefind', 'sphinx', not 'lunr'" in lines[0]
    assert "[rejoinder.search]" in lines[0]
    assert (Path(app.outdir) / "_pagefind" / "pagefind.js").is_file()


@pytest.mark.parametrize("binary", ["/bin/false", "/nonexistent/pagefind"])
def test_a_failed_indexing_is_one_warning_and_keeps_the_last_index(
    build: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, binary: str
) -> None:
    srcdir = search_root(tmp_path)
    first = build(srcdir)
    bundle = Path(first.outdir) / "_pagefind"
    before = files(bundle)
    assert before
    (srcdir / "sources" / "gamma.yaml").write_text(
        GAMMA.replace("zanzibarine", "otherworldly"), encoding="utf-8"
    )
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", binary)
    second = build(srcdir, freshenv=False)
    lines = warnings_of(second)
    assert len(lines) == 1, lines
    assert "rejoinder: search index not built (the last one is kept)" in lines[0]
    assert "[rejoinder.search]" in lines[0]
    assert "Traceback" not in second.warning.getvalue() + second.status.getvalue()
    assert files(bundle) == before
    assert not (Path(second.outdir) / "_pagefind.next").exists()


def test_the_index_is_made_again_only_when_a_page_changed(build: Build, tmp_path: Path) -> None:
    srcdir = search_root(tmp_path)
    first = build(srcdir)
    outdir = Path(first.outdir)
    stamps = {path: path.stat().st_mtime_ns for path in (outdir / "_pagefind").rglob("*")}

    same = build(srcdir, freshenv=False)  # Sphinx writes some pages again, as they were
    assert "rejoinder: search index unchanged (no page changed)" in same.status.getvalue()
    assert {path: path.stat().st_mtime_ns for path in (outdir / "_pagefind").rglob("*")} == stamps

    (srcdir / "sources" / "gamma.yaml").write_text(
        GAMMA.replace("zanzibarine", "otherworldly"), encoding="utf-8"
    )
    changed = build(srcdir, freshenv=False)
    assert "rejoinder: search index written" in changed.status.getvalue()
    content = fragments(outdir)["/debates/gamma.html"]["content"]
    assert "otherworldly" in content
    assert "zanzibarine" not in content
