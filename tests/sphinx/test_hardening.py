"""Hardening of the built pages (issue 10): assets on every page whatever generation does, page
metadata from the transcript rather than the rendered page, the source's publisher and the
participants' notes shown, contributor links marked ``ugc nofollow``, and a warning for each
setting that lets contributor text become markup."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from rj_helpers import Build, CopyRoot, inventory, one, page, text, warnings_of

pytestmark = pytest.mark.sphinx


def replace_in(path: Path, old: str, new: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert content.count(old) == 1, old
    path.write_text(content.replace(old, new), encoding="utf-8")


def words(node: Tag) -> str:
    """The text of ``node`` with each ``<br>`` as a line break, whitespace runs collapsed."""
    copy = BeautifulSoup(str(node), "html.parser")
    for br in copy.select("br"):
        br.replace_with("\n")
    return " ".join(copy.get_text().split())


def assets(html_page: BeautifulSoup) -> tuple[list[str], list[str]]:
    styles = [link["href"].split("?")[0] for link in html_page.select("link[rel=stylesheet]")]
    scripts = [script["src"].split("?")[0] for script in html_page.select("script[src]")]
    return styles, scripts


# -- item 10: assets do not depend on generation -------------------------------------------


def test_last_good_pages_keep_their_styles_and_script(copy_root: CopyRoot, build: Build) -> None:
    srcdir = copy_root("basic")
    first = build(srcdir)
    assert warnings_of(first) == []
    replace_in(srcdir / "sources" / "alpha.yaml", "replies_to: a-open\n", "replies_to: a-opne\n")
    # A fresh environment: every (last good) page is read and written again, as `make preview`
    # does after a restart, while the transcripts have an error.
    second = build(srcdir)
    assert any("[rejoinder.not-generated]" in line for line in warnings_of(second))
    for name in ("debates/alpha.html", "debates/index.html", "essay.html"):
        styles, scripts = assets(page(second, name))
        assert "_static/rejoinder.css" in [s.removeprefix("../") for s in styles], name
        assert "_static/rejoinder-map.css" in [s.removeprefix("../") for s in styles], name
        assert "_static/rejoinder.js" in [s.removeprefix("../") for s in scripts], name
    assert (Path(second.outdir) / "_static" / "rejoinder.js").is_file()
    # ... and the last good page is still the debate, with its summary as its description.
    alpha = page(second, "debates/alpha.html")
    assert one(alpha, "section#a-reply > div.rejoinder-card")
    description = alpha.find("meta", attrs={"name": "description"})
    assert description is not None
    assert description["content"] == "A first small debate about pets."
    # Without a graph the cards' labels are read from the pages: the same as the graph's.
    assert inventory(second) == inventory(first)


# -- item 12: the description is the summary's words -------------------------------------

SUMMARY = (
    'A summary over  three lines, with <b>tags</b> & "quotes",\n'
    "a back\\slash, *stars*, [a link](x) and `ticks`;\n"
    "   indented   words\tand a tab."
)


def meta(html_page: BeautifulSoup, attribute: str, name: str) -> str:
    found = html_page.find("meta", attrs={attribute: name})
    assert found is not None, name
    return str(found["content"])


def test_multi_line_summary_is_the_description_word_for_word(
    copy_root: CopyRoot, build: Build
) -> None:
    srcdir = copy_root("basic")
    block = "summary: |-\n" + "".join(f"  {line}\n" for line in SUMMARY.split("\n"))
    replace_in(
        srcdir / "sources" / "alpha.yaml", "summary: A first small debate about pets.\n", block
    )
    app = build(srcdir)
    assert warnings_of(app) == []
    alpha_html = (Path(app.outdir) / "debates" / "alpha.html").read_text(encoding="utf-8")
    alpha = BeautifulSoup(alpha_html, "html.parser")
    words = " ".join(SUMMARY.split())
    for attribute, name in (
        ("name", "description"),
        ("property", "og:description"),
        ("name", "twitter:description"),
    ):
        content = meta(alpha, attribute, name)
        assert content == words
        assert "<br" not in content
        assert content.count("\\") == SUMMARY.count("\\") == 1
    head = alpha_html.split("</head>")[0]
    assert "&lt;br" not in head and "<br" not in head
    # The page itself still shows the summary line by line.
    summary = one(alpha, "div.rj-summary p")
    assert len(summary.select("br")) == 2
    for br in summary.select("br"):
        br.replace_with("\n")
    assert summary.get_text() == SUMMARY


# -- item 14: publisher and participant notes ----------------------------------------------


def test_publisher_and_participant_notes_are_shown(copy_root: CopyRoot, build: Build) -> None:
    srcdir = copy_root("basic")
    alpha = srcdir / "sources" / "alpha.yaml"
    replace_in(
        alpha,
        "  - title: Alpha forum thread\n",
        "  - title: Alpha forum thread\n    publisher: Pet <Forum> & Co\n",
    )
    replace_in(
        alpha,
        '    handle: "@ann"\n',
        '    handle: "@ann"\n    note: |-\n      Runs a cat shelter;\n      says so  herself.\n',
    )
    app = build(srcdir)
    assert warnings_of(app) == []
    debate = page(app, "debates/alpha.html")
    facts = one(debate, "div.rj-facts")
    source = next(li for li in facts.select("li") if text(li).startswith("Source:"))
    assert text(one(source, "span.rj-publisher")) == "Pet <Forum> & Co"
    assert text(source) == "Source: Alpha forum thread (Pet <Forum> & Co) (no address shown)"
    participants = next(li for li in facts.select("li") if text(li).startswith("Participants:"))
    # With a note among them, one participant per line, each with their note.
    assert [words(li) for li in participants.select("li")] == [
        "Ann Example — Runs a cat shelter; says so herself.",
        "Ben B.",
    ]
    assert [a["href"] for a in participants.select("a")] == ["people/ann.html", "people/ben.html"]
    person = page(app, "debates/people/ann.html")
    note = one(person, "span.rj-note")
    for br in note.select("br"):
        br.replace_with("\n")
    assert note.get_text() == "Runs a cat shelter;\nsays so  herself."
    assert words(one(person, "div.rj-person-note")) == "Note: Runs a cat shelter; says so herself."
    # Ben has no note: nothing is shown for him.
    assert page(app, "debates/people/ben.html").select(".rj-note") == []


# -- item 16a: contributor links --------------------------------------------------------


def add_contributor_links(srcdir: Path) -> None:
    alpha = srcdir / "sources" / "alpha.yaml"
    replace_in(
        alpha,
        "  - title: Alpha forum thread\n",
        "  - title: Alpha forum thread\n    url: https://forum.example.org/alpha\n",
    )
    replace_in(
        alpha,
        '    handle: "@ann"\n',
        '    handle: "@ann"\n    profile_url: https://forum.example.org/u/ann\n',
    )
    replace_in(
        alpha,
        "    text: Fair point about fish.\n",
        "    url: https://forum.example.org/alpha/2\n"
        "    text: Fair point about fish, see https://fish.example.org/care.\n",
    )


@pytest.mark.parametrize("new_tab", [False, True])
def test_contributor_links_are_ugc_nofollow(
    copy_root: CopyRoot, build: Build, new_tab: bool
) -> None:
    srcdir = copy_root("basic")
    add_contributor_links(srcdir)
    app = build(srcdir, confoverrides={"myst_links_external_new_tab": new_tab})
    assert warnings_of(app) == []
    expected = {"ugc", "nofollow"} | ({"noreferrer", "noopener"} if new_tab else set())
    contributor = {
        "https://forum.example.org/alpha",
        "https://forum.example.org/alpha/2",
        "https://fish.example.org/care",
        "https://example.org/pet-report",
        "https://forum.example.org/u/ann",
    }
    seen = set()
    for name in ("debates/alpha.html", "debates/people/ann.html"):
        for link in page(app, name).select("article a[href], div.body a[href]"):
            href = link["href"]
            rel = set(link.get("rel") or [])
            if re.match(r"https?://", href):
                assert rel == expected, (name, href, rel)
                seen.add(href)
            else:
                assert not rel & {"ugc", "nofollow"}, (name, href, rel)
    assert seen == contributor


# -- item 16a: unsafe settings ---------------------------------------------------------------


def test_unsafe_settings_are_located_warnings(copy_root: CopyRoot, build: Build) -> None:
    srcdir = copy_root("basic")
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8")
        + '\nmyst_enable_extensions = ["colon_fence", "attrs_block", "attrs_inline", '
        '"substitution"]\nmyst_disable_syntax = ["html_inline"]\nsmartquotes = True\n',
        encoding="utf-8",
    )
    (srcdir / "docutils.conf").write_text(
        "[general]\nfile_insertion_enabled: false\nraw_enabled: true\n", encoding="utf-8"
    )
    app = build(srcdir)
    lines = conf.read_text(encoding="utf-8").splitlines()

    def line_of(path: Path, start: str) -> int:
        found = [
            n for n, line in enumerate(path.read_text().splitlines(), 1) if line.startswith(start)
        ]
        return found[-1]

    prefix = "WARNING: rejoinder: unsafe setting for contributor text:"
    assert len(lines) > 1
    assert warnings_of(app) == [
        f"{conf}:{line_of(conf, 'myst_disable_syntax')}: {prefix} raw HTML is on: add "
        "'html_block' to myst_disable_syntax [rejoinder.unsafe-config]",
        f"{conf}:{line_of(conf, 'myst_enable_extensions')}: {prefix} the MyST 'substitution' "
        "extension is on ({{ ... }} runs Jinja): remove it from myst_enable_extensions "
        "[rejoinder.unsafe-config]",
        f"{conf}:{line_of(conf, 'smartquotes')}: {prefix} smartquotes is on (it changes "
        "quotes): set it to False [rejoinder.unsafe-config]",
        f"{srcdir / 'docutils.conf'}:{line_of(srcdir / 'docutils.conf', 'raw_enabled')}: "
        f"{prefix} docutils raw_enabled is on: set it to false under [general] in a "
        "docutils.conf beside conf.py [rejoinder.unsafe-config]",
    ]


def test_docutils_defaults_are_unsafe_without_docutils_conf(
    copy_root: CopyRoot, build: Build
) -> None:
    """conf.py cannot turn docutils' raw and file insertion off (Sphinx has no value for
    them): without a docutils.conf both are on, and the warnings say so."""
    srcdir = copy_root("basic")
    (srcdir / "docutils.conf").unlink()
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8")
        + 'docutils_settings = {"raw_enabled": False, "file_insertion_enabled": False}\n',
        encoding="utf-8",
    )
    app = build(srcdir)
    messages = [html.unescape(line.split(" WARNING: ", 1)[1]) for line in warnings_of(app)]
    assert [line.split(": ", 1)[0] for line in warnings_of(app)] == [f"{conf}:1", f"{conf}:1"]
    assert messages == [
        f"rejoinder: unsafe setting for contributor text: docutils {name} is on: set it to "
        "false under [general] in a docutils.conf beside conf.py [rejoinder.unsafe-config]"
        for name in ("raw_enabled", "file_insertion_enabled")
    ]
