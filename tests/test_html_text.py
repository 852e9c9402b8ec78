"""The shared HTML-to-text rules of the importers, on real post bodies and on made-up markup."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rejoinder.importers.html_text import (
    clean_line,
    clean_text,
    describe_removed,
    html_to_text,
    is_shortened_address,
)

PLATFORMS = Path(__file__).parent / "platforms"
_SPACE = re.compile(r"[ \t\n\r\f]+")


def _mastodon_statuses() -> dict[str, str]:
    folder = PLATFORMS / "mastodon"
    statuses: dict[str, str] = {}
    for path in folder.glob("context-*.json"):
        context = json.loads(path.read_text(encoding="utf-8"))
        for status in context["ancestors"] + context["descendants"]:
            statuses[status["id"]] = status["content"]
    status = json.loads(
        (folder / "status-mastodon.social-109294719267373593.json").read_text(encoding="utf-8")
    )
    statuses[status["id"]] = status["content"]
    return statuses


def test_real_mastodon_bodies_read_as_shown() -> None:
    contents = _mastodon_statuses()
    # &#39; decoded; nothing else in the paragraph.
    assert html_to_text(contents["109303266941599451"]).text == (
        "You probably don't know how much work it took to get this far."
    )
    # The h-card mention keeps its text; the Mastodon-shortened link (invisible spans) is full.
    shortened = html_to_text(contents["109303330123967399"])
    assert shortened.text == "@0xba https://github.com/schochastics/rtoot"
    assert shortened.links == []
    # <br /> is a line break, and the space before it is not shown.
    assert html_to_text(contents["109308115318736992"]).text.startswith(
        "@chainsawriot R is language is alien to me :mastoshrug:\nWith a friend I just"
    )
    # &quot; decoded.
    assert '"Title: Collecting and Analyzing Mastodon Data"' in (
        html_to_text(contents["109308119383536793"]).text
    )
    # Two paragraphs, one empty line between; the ellipsis link is written in full.
    assert html_to_text(contents["109303516507953704"]).text == (
        "@chainsawriot there\u2019s a streaming API?\n\n"
        "https://docs.joinmastodon.org/methods/timelines/streaming/"
    )


def test_real_status_with_lines_links_mentions_and_a_hashtag() -> None:
    text = html_to_text(_mastodon_statuses()["109294719267373593"]).text
    assert text == (
        "Mastodon will update to 4.0 soon! Here are the most exciting new features "
        "(in addition to fixes & changes):\n\n"
        "- ability to follow hashtags\n"
        "- ability to filter by language\n"
        "- ability to translate posts\n"
        "- ability to post HEIC files (i.e. your iPhone\u2019s native photo format)\n"
        "- define user roles (big deal for admins)\n"
        "- define sign-up process on your Instance (admins again)\n\n"
        "See all changes here: https://github.com/mastodon/mastodon/releases/tag/v4.0.0rc1\n\n"
        "Thanks, @Gargron and @Mastodon Team. #Mastodon4"
    )


def test_other_anchors_keep_their_text_and_return_the_address() -> None:
    result = html_to_text(
        '<p>See <a href="https://example.org/a?b=1">the report</a>, '
        '<a href="mailto:x@example.org">mail</a>, <a href="javascript:alert(1)">js</a> and '
        '<a href="/r/science">r/science</a>.</p>',
        base="https://www.reddit.com/r/x/comments/1/",
    )
    assert result.text == "See the report, mail, js and r/science."
    assert result.links == [
        ("the report", "https://example.org/a?b=1"),
        ("r/science", "https://www.reddit.com/r/science"),
    ]
    assert html_to_text('<a href="/r/science">r/science</a>').links == []
    # Not addresses at all (urllib refuses an unbalanced "[" in the host): text kept, no link.
    assert html_to_text('<a href="http://[x/a">a</a>').links == []
    assert html_to_text('<a href="/a">b</a>', base="http://[x/").text == "b"


def test_shortened_forms_of_an_address() -> None:
    address = "https://news.example.com/2024/05/story.html"
    assert is_shortened_address(address, address)
    assert is_shortened_address("news.example.com/2024/05/story.html", address)
    assert is_shortened_address("news.example.com/2024/05/st…", address)
    assert is_shortened_address("https://news.example.com/2024/...", address)
    assert is_shortened_address("www.example.com", "http://example.com/")
    assert not is_shortened_address("news.example.com/2024/06/…", address)
    assert not is_shortened_address("news.example.com", address)  # not shortened: another page
    assert not is_shortened_address("news…", "https://news.example.com/")
    assert not is_shortened_address("the story", address)
    hn = html_to_text(
        '<a href="https://example.com/a/very/long/path" rel="nofollow">'
        "https://example.com/a/very/lo...</a>"
    )
    assert hn.text == "https://example.com/a/very/long/path"
    assert hn.links == []


def test_mentions_and_hashtags_keep_their_text() -> None:
    result = html_to_text(
        '<a href="https://x.social/@ada" class="u-url mention">@<span>ada</span></a> '
        '<a href="https://x.social/tags/Tag" rel="tag">#<span>Tag</span></a> '
        '<a href="https://x.social/@bob">@bob</a>'
    )
    assert result.text == "@ada #Tag @bob"
    assert result.links == []


def test_white_space_breaks_and_paragraphs() -> None:
    assert html_to_text("  a \n\t b  ").text == "a b"
    assert html_to_text("a\u00a0\u00a0b").text == "a\u00a0\u00a0b"  # no-break spaces stay
    assert html_to_text("<p> one </p>\n\n<p>two</p>").text == "one\n\ntwo"
    assert html_to_text("a <br> b<br/><br />c").text == "a\nb\n\nc"
    assert html_to_text("<p>a<br></p><p>b</p>").text == "a\n\nb"
    assert html_to_text("<div>a</div><div>b</div>c").text == "a\nb\nc"
    assert html_to_text("<blockquote><p>q</p></blockquote><p>r</p>").text == "> q\n\nr"
    assert html_to_text("<ul><li>one<li>two</ul><ol><li>a</li><li>b</li></ol>").text == (
        "- one\n- two\n\n1. a\n2. b"
    )
    assert html_to_text("<i>it</i><b>bo</b><custom-tag>ld</custom-tag>").text == "itbold"


def test_lists_nest_and_loose_items_keep_their_marker_line() -> None:
    nested = "<ul>\n<li>one</li>\n<li>two<ul><li>sub<ol><li>n</li></ol></li></ul></li>\n</ul>after"
    assert html_to_text(nested).text == "- one\n- two\n  - sub\n    1. n\n\nafter"
    # Reddit and Hacker News write loose lists as <li><p>: the paragraph stays on the marker's line.
    loose = "<ol><li><p>first</p></li><li><p>second</p><p>more</p></li></ol>"
    assert html_to_text(loose).text == "1. first\n\n2. second\n\nmore"
    assert html_to_text("<ul><li></li><li>x</li></ul>").text == "-\n- x"


def test_pre_keeps_its_white_space() -> None:
    body = "<p>Try:</p><pre><code>\n  for x in y:\n      print(x)\n\n  done\n</code></pre><p>ok</p>"
    assert html_to_text(body).text == "Try:\n\n  for x in y:\n      print(x)\n\n  done\n\nok"
    assert html_to_text("<code>a   b</code>").text == "a b"  # inline code flows


def test_scripts_and_styles_are_dropped_with_their_content() -> None:
    assert html_to_text("a<script>alert('<p>x</p>')</script>b<style>p{}</style>c").text == "abc"


def test_entities_are_decoded_once() -> None:
    assert html_to_text("&lt;script&gt; &amp;amp; &#x1F600; &nbsp;x").text == (
        "<script> &amp; \U0001f600 \u00a0x"
    )


def test_deep_nesting_does_not_recurse() -> None:
    depth = 50_000
    body = "<div><span>" * depth + "deep" + "</span></div>" * depth
    assert html_to_text(body).text == "deep"
    lists = "<ul><li>" * 5_000 + "x" + "</li></ul>" * 5_000
    assert html_to_text(lists).text.endswith("- x")


def test_clean_text_and_line_remove_what_the_format_refuses() -> None:
    text, removed = clean_text("a\x1b[31mb\u202ec\td\ne")
    assert text == "a[31mbc\td\ne"
    assert describe_removed(removed) == "U+001B, U+202E"
    assert clean_text("plain") == ("plain", [])
    assert clean_text("a\ud800b") == ("ab", ["\ud800"])  # a lone surrogate, as JSON allows
    assert clean_line(" Ada\nLovelace\u2028\x07 ") == "Ada Lovelace"


@settings(deadline=None)  # timing is the benchmarks' business, not a test's
@given(st.text())
def test_any_markup_never_raises(markup: str) -> None:
    html_to_text(markup, base="https://example.org/")


@settings(deadline=None)  # timing is the benchmarks' business, not a test's
@given(st.text())
def test_plain_text_keeps_every_visible_character(text: str) -> None:
    # Plain text, escaped as a platform would: every character but collapsed ASCII white space
    # comes back, in order.
    shown = html_to_text(html.escape(text)).text
    assert _SPACE.sub("", shown) == _SPACE.sub("", text)
    assert shown == " ".join(word for word in _SPACE.split(text) if word)


_SOUP = ["<p>", "</p>", "<br>", "<pre>", "</pre>", "<a href='http://a.b/c'>", "</a>", "x y", " "]


@settings(deadline=None)  # timing is the benchmarks' business, not a test's
@given(st.lists(st.sampled_from([*_SOUP, "<li>", "<ul>", "</ul>", "<script>", "</script>"])))
def test_tag_soup_keeps_its_words(pieces: list[str]) -> None:
    shown = html_to_text("".join(pieces)).text
    inside_script, expected = False, 0
    for piece in pieces:
        # A script's text runs to the first </script>, whatever it holds (as in a browser).
        if piece in ("<script>", "</script>"):
            inside_script = piece == "<script>"
        if piece == "x y" and not inside_script:
            expected += 1
    assert shown.count("x") == expected
    if "<pre>" not in pieces:  # <pre> keeps its spaces; nested list items are indented
        assert shown == shown.rstrip(" ") and not shown.startswith("\n")
        assert shown == shown.lstrip(" ") or shown.lstrip(" ").startswith("-")


@settings(deadline=None)  # timing is the benchmarks' business, not a test's
@given(st.text(), st.one_of(st.none(), st.text()), st.sampled_from(["", "http://", "https://["]))
def test_any_address_and_base_never_raise(href: str, base: str | None, scheme: str) -> None:
    result = html_to_text(f'<a href="{html.escape(scheme + href)}">words</a>', base=base)
    assert result.text in ("words", (scheme + href).strip()) or result.text.startswith("http")


def test_quoted_words_stay_marked_as_quoted() -> None:
    # A reply that quotes someone (Reddit's "> Team Mystic") must still show which words are
    # the quote: each line of a blockquote starts with "> ", one per level.
    quoted = "<blockquote><p>Team Mystic</p><p>two<br>lines</p></blockquote><p>Nope.</p>"
    assert html_to_text(quoted).text == "> Team Mystic\n\n> two\n> lines\n\nNope."
    nested = "<blockquote><p>x</p><blockquote><p>y</p></blockquote></blockquote>"
    assert html_to_text(nested).text == "> x\n\n> > y"
    assert html_to_text("<blockquote><pre>a\n b\n</pre></blockquote>").text == "> a\n>  b"
