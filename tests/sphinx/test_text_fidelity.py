"""Contributor text is data: every post text reaches the page as exactly the characters written,
and nothing in it can become markup (HTML, scripts, event handlers, javascript: links, file
inclusion).

Three levels: a fast property of the tree a text becomes (:func:`rejoinder.tree.text_lines`)
written to HTML as the extension writes it; a fast property of :func:`rejoinder.markup.inline`
(titles, the only contributor text left in the pages' MyST) through MyST's docutils parser; and
full Sphinx builds of generated transcripts.

Regression cases at the end: Unicode whitespace (U+00A0, U+2003, U+3000, U+2028, …) at the very
start or end of a text, which markdown-it strips unless it is written as a character reference,
and upper-case URL schemes (``HTTP://…``), which MyST does not recognise unless lower-cased.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, NavigableString, Tag
from docutils import nodes
from docutils.core import publish_doctree
from docutils.writers._html_base import HTMLTranslator
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from myst_parser.parsers.docutils_ import Parser
from rejoinder import tree
from rejoinder.markup import inline
from rejoinder.sphinx import cards
from rj_helpers import ROOTS, Build, exact_soup, one, soup, warnings_of

# What the schema forbids in a text: C0/C1 controls except tab, line feed and carriage return,
# and the bidi controls of "Trojan Source" (CVE-2021-42574).
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)

NASTY = [
    "see http://example.org/a  ",  # only spaces after a link: a text node of its own
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "<a href='javascript:alert(1)'>x</a>",
    "[x]: javascript:alert(1)\n\n[x]",
    "{raw}",
    "{raw}`<b>x</b>`",
    "```{raw} html\n<b>x</b>\n```",
    "{{ 7*7 }}",
    "% comment",
    "[a]: http://x",
    ":::{include} /etc/passwd\n:::",
    "    four spaces",
    "trailing  ",
    "***",
    "---",
    "1. list",
    "> quote",
    "$x$",
    "\\",
    "&amp;",
    "&#60;",
    "a\n\n\nb",
    "\ttab",
    "a\r\nb\rc",
    "line one\r\n",
    "see https://example.org/a_(b)*c. and http://x.org/<y>",
    "{#id .cls onclick=alert(1)}\n# heading",
    "[span]{onclick=alert(1)}",
    "<!-- comment -->",
    "| a | b |\n|---|---|",
    "Term\n: definition",
    "(target)=\n# Heading",
]


def allowed(text: str) -> bool:
    """Accepted by the schema as a post text."""
    return FORBIDDEN.search(text) is None and any(not char.isspace() for char in text)


def expected(text: str) -> str:
    """What the page must show: line breaks normalised to LF, trailing line breaks dropped."""
    return text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")


# Generated text leaves out carriage returns too: they come only from the fragments above.
FORBIDDEN_CHARS = [
    char for char in map(chr, range(0x2070)) if FORBIDDEN.match(char) or char == "\r"
]
# st.text() without the forbidden characters, with at least one non-whitespace character (by
# construction rather than by filtering, so long lists of texts are cheap to generate).
any_char = st.characters(codec="utf-8", exclude_characters=FORBIDDEN_CHARS)  # no surrogates
visible_char = any_char.filter(lambda char: not char.isspace())
plain_text = st.builds("{}{}{}".format, st.text(any_char), visible_char, st.text(any_char))
fragment = st.sampled_from(NASTY)
texts = st.one_of(
    plain_text,
    fragment,
    st.lists(st.one_of(plain_text, fragment), min_size=2, max_size=4).map("".join),
    st.lists(st.one_of(plain_text, fragment), min_size=2, max_size=4).map("\n".join),
)


# -- fast: the tree a text becomes, written as the extension writes it ---------------------------


def encode(text: str) -> str:
    """What Sphinx's HTML translator does to text (docutils' escaping)."""
    return text.translate(HTMLTranslator.special_characters)


def tree_html_text(text: str) -> str:
    """The text a post text shows once written to HTML from its tree, checked for markup:
    only paragraphs, line breaks and http(s) links to the URLs written in the text."""
    out: list[str] = []
    paragraph = tree.para(*tree.text_lines(text, link_urls=True))
    cards._write(paragraph, out, encode, cards.PLAIN_LINKS)
    parsed = BeautifulSoup("".join(out), "html.parser", preserve_whitespace_tags={"p"})
    for element in parsed.find_all(True):
        assert element.name in ("p", "br", "a"), element
        if element.name == "a":
            assert re.match(r"(?i)https?://", element["href"]), element
            scheme, rest = element.get_text().split("://", 1)
            assert element["href"] == f"{scheme.lower()}://{rest}", element  # the URL as written
            assert element["rel"] == ["ugc", "nofollow"], element
    (shown,) = parsed.find_all("p")
    return shown_text(shown)


@settings(max_examples=300, deadline=None)
@given(text=texts)
@example(text="a\n\n\nb").via("empty lines inside a text")
@example(text="\n\nstarts with line breaks").via("leading line breaks")
def test_text_tree_shows_exactly_the_text(text: str) -> None:
    assert allowed(text)
    assert tree_html_text(text) == expected(text)


@pytest.mark.parametrize("text", NASTY)
def test_text_tree_fragments(text: str) -> None:
    assert tree_html_text(text) == expected(text)


def test_text_tree_and_json_keep_every_character() -> None:
    """The page carries the tree as one line of ASCII JSON: no character of a text can end
    the line (U+2028, U+0085, ...) or be lost on the way."""
    text = "a\u2028b\u0085c\u2029d\u00a0e\U0001f600\t\\\"'<>&{}"
    line = tree.dumps([tree.para(*tree.text_lines(text))])
    assert line.isascii() and len(line.splitlines()) == 1
    assert tree_html_text(text) == text


# -- fast: titles, the MyST left ------------------------------------------------------------------

DOCUTILS_SETTINGS = {
    "myst_enable_extensions": ["colon_fence", "attrs_block", "attrs_inline"],
    "myst_disable_syntax": ["html_block", "html_inline"],
    "raw_enabled": False,
    "file_insertion_enabled": False,
    "report_level": 5,
}


def doctree_text(source: str) -> str:
    """The text a MyST paragraph shows, parsed by docutils the way the site is configured.
    Anything but text (emphasis, literals, targets, raw HTML, links, problematic
    references…) means markup leaked."""
    doctree = publish_doctree(source, parser=Parser(), settings_overrides=DOCUTILS_SETTINGS)
    assert [type(child) for child in doctree.children] == [nodes.paragraph], doctree.pformat()
    for node in doctree[0].children:
        assert isinstance(node, nodes.Text), f"unexpected {node!r} in\n{doctree.pformat()}"
    return doctree[0].astext()


lines = texts.map(lambda text: " ".join(expected(text).splitlines())).filter(allowed)


@settings(max_examples=300, deadline=None)
@given(text=lines)
def test_titles_show_exactly_the_text(text: str) -> None:
    assert doctree_text(inline(text)) == text


@pytest.mark.parametrize("text", [" ".join(text.splitlines()) for text in NASTY])
def test_title_fragments(text: str) -> None:
    assert doctree_text(inline(text)) == text


# -- full builds -------------------------------------------------------------------------------

# Attempts to read a file next to the source folder; the token it holds must appear nowhere.
INCLUDES = [
    ":::{include} ../secret.txt\n:::",
    "```{include} ../secret.txt\n```",
    "```{literalinclude} ../secret.txt\n```",
    "```{eval-rst}\n.. include:: ../secret.txt\n```",
    "{include}`../secret.txt`",
]
THEME_INLINE_SCRIPT = "document.getElementById('searchbox').style.display = \"block\""
ACTIVE_TAGS = [
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "img",
    "b",
    "form",
    "input",
    "link",
    "meta",
    "base",
]


def transcript(post_texts: list[str]) -> dict[str, Any]:
    return {
        "id": "fidelity",
        "title": "Fidelity",
        "summary": "Generated texts, one per post.",
        "sources": [{"title": "Generated"}],
        "posts": [
            {"id": f"p{number}", "author": "unknown", "text": post_text}
            for number, post_text in enumerate(post_texts)
        ],
    }


def shown_text(paragraph: Tag) -> str:
    """The text of a rendered paragraph, each ``<br>`` counted as one line break.

    The extension writes a hard break as ``<br />`` alone (no newline after it: the stylesheet
    shows contributor text with ``white-space: pre-wrap``, which would show that newline as a
    second line break), so the text nodes are the text exactly.
    """
    parts: list[str] = []
    for node in paragraph.descendants:
        if isinstance(node, Tag):
            if node.name == "br":
                parts.append("\n")
            continue
        if isinstance(node, NavigableString):
            parts.append(str(node))
    return "".join(parts)


def build_texts(build: Build, base: Path, post_texts: list[str]) -> tuple[Any, Path, str]:
    """Build the fidelity root with these texts; returns the app, srcdir and secret token."""
    srcdir = base / "src"
    shutil.copytree(ROOTS / "test-fidelity", srcdir)
    token = secrets.token_hex(16)
    (base / "secret.txt").write_text(f"SECRET-{token}\n", encoding="utf-8")
    (srcdir / "sources").mkdir()
    (srcdir / "sources" / "fidelity.yaml").write_text(
        yaml.safe_dump(transcript(post_texts), allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return build(srcdir), srcdir, token


def check_output(app: Any, srcdir: Path, token: str, post_texts: list[str]) -> None:
    assert warnings_of(app) == []
    outdir = Path(app.outdir)
    html = exact_soup(outdir / "debates" / "fidelity.html")
    sections = html.select("section.rj-post-section")
    assert [section["id"] for section in sections] == [f"p{n}" for n in range(len(post_texts))]
    for section, post_text in zip(sections, post_texts, strict=True):
        card = one(section, "div.rejoinder-card")
        paragraph = one(one(card, "div.rj-text"), "p")
        assert shown_text(paragraph) == expected(post_text), section["id"]
        for element in card.find_all(True):
            assert not [name for name in element.attrs if name.lower().startswith("on")], element
        assert card.find_all(ACTIVE_TAGS) == []

    for path in sorted(outdir.rglob("*.html")):
        page = soup(path)
        for script in page.find_all("script"):
            if script.get("type") == "application/ld+json":
                # Structured data (schema.org) holds the texts as JSON, a data block that is
                # never run; "<" is escaped in it, so no text can end the block early.
                data = script.string or ""
                assert "<" not in data, path
                json.loads(data)
                continue
            assert "alert" not in str(script), path
            assert script.get("src") or script.get_text() == THEME_INLINE_SCRIPT, (path, script)
        for element in page.find_all(True):
            for name in ("href", "src", "action", "formaction", "xlink:href"):
                value = element.get(name)
                if isinstance(value, str):
                    assert not value.strip().lower().startswith(("javascript:", "vbscript:")), (
                        path,
                        element,
                    )
    build_dir = srcdir / "_build"
    leaked = [
        path
        for folder in (build_dir, srcdir / "debates")
        for path in folder.rglob("*")
        if path.is_file() and token.encode() in path.read_bytes()
    ]
    assert leaked == []


@pytest.mark.sphinx
@settings(
    max_examples=6,
    deadline=None,
    # Shrinking would rebuild the site hundreds of times; the fast property above shrinks.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
)
@given(post_texts=st.lists(texts, min_size=30, max_size=60))
@example(post_texts=NASTY)
def test_built_pages_show_texts_exactly_and_safely(
    tmp_path_factory: pytest.TempPathFactory, build: Build, post_texts: list[str]
) -> None:
    assert all(allowed(post_text) for post_text in post_texts)
    post_texts = [*post_texts, *INCLUDES]
    base = tmp_path_factory.mktemp("fidelity")
    app, srcdir, token = build_texts(build, base, post_texts)
    check_output(app, srcdir, token, post_texts)


# -- regressions ---------------------------------------------------------------------------------

EDGE_WHITESPACE = [
    "\u00a0leading no-break space",
    "trailing ideographic space\u3000",
    "\u2003em space",
    "line separator\u2028",
    "\u3000\nfirst line is blank",
]


@pytest.mark.parametrize("text", EDGE_WHITESPACE)
def test_unicode_whitespace_at_text_edges_is_kept(text: str) -> None:
    assert tree_html_text(text) == expected(text)
    if "\n" not in text:
        assert doctree_text(inline(text)) == text


@pytest.mark.parametrize("text", ["see Http://example.org/a now", "HTTPS://EXAMPLE.ORG"])
def test_upper_case_url_scheme_in_text(text: str) -> None:
    assert tree_html_text(text) == expected(text)


@pytest.mark.sphinx
def test_built_page_keeps_unicode_whitespace_at_text_edges(tmp_path: Path, build: Build) -> None:
    app, srcdir, token = build_texts(build, tmp_path, EDGE_WHITESPACE)
    check_output(app, srcdir, token, EDGE_WHITESPACE)


@pytest.mark.sphinx
def test_built_page_links_upper_case_url_schemes(tmp_path: Path, build: Build) -> None:
    data = transcript(["See Http://example.org/report now."])
    data["posts"][0]["url"] = "HTTPS://example.org/post"
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-fidelity", srcdir)
    (srcdir / "sources").mkdir()
    (srcdir / "sources" / "fidelity.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    app = build(srcdir)
    card = one(
        exact_soup(Path(app.outdir) / "debates" / "fidelity.html"),
        "section#p0 > div.rejoinder-card",
    )
    links = [
        (a.get_text(), a["href"].lower(), sorted(a["class"]))
        for a in card.select("a")
        if a.get_text() != "permalink"
    ]
    assert links == [
        ("Http://example.org/report", "http://example.org/report", ["external", "reference"]),
        ("original post", "https://example.org/post", ["external", "reference"]),
    ]
    assert warnings_of(app) == []
