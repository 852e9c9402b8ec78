"""The card tree (rejoinder.tree): what it accepts, what it refuses, how text is cut."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rejoinder import tree


@pytest.mark.parametrize(
    "href",
    [
        "#p1",
        "?view=tree",
        "alpha.html#a-open",
        "../people/ann.html",
        "https://example.org/a?b=c#d",
    ],
)
def test_links_the_renderer_writes_are_accepted(href: str) -> None:
    assert tree.link("x", href=href).attributes["href"] == href


def test_a_link_scheme_is_written_in_lower_case() -> None:
    assert tree.link("x", href="HTTP://EXAMPLE.ORG/A").attributes["href"] == "http://EXAMPLE.ORG/A"


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:x",
        "//evil.example.org/",
        "file:///etc/passwd",
        "mailto:a@example.org",
        "https://",
        "",
    ],
)
def test_other_links_are_refused(href: str) -> None:
    with pytest.raises(tree.TreeError):
        tree.link("x", href=href)
    with pytest.raises(tree.TreeError):
        tree.check_element("a", {"href": href})


@pytest.mark.parametrize(
    ("tag", "attributes"),
    [
        ("script", {}),
        ("img", {"href": "https://example.org/x.png"}),
        ("div", {"class": 'x" onclick="alert(1)'}),
        ("div", {"class": "Upper"}),
        ("div", {"id": "two words"}),
        ("div", {"onclick": "alert(1)"}),
        ("span", {"style": "display:none"}),
    ],
)
def test_unknown_tags_attributes_and_unsafe_names_are_refused(
    tag: str, attributes: dict[str, str]
) -> None:
    with pytest.raises(tree.TreeError):
        tree.check_element(tag, attributes)


def test_text_lines_marks_highlights_and_links_urls() -> None:
    children = tree.text_lines(
        "Cats, see https://example.org/cats.\nDogs too.",
        link_urls=True,
        highlights=[("Dogs", ("rj-annotated", "rj-ann-0"))],
    )
    assert children == [
        "Cats, see ",
        tree.link("https://example.org/cats", href="https://example.org/cats"),
        ".",
        tree.element("br"),
        tree.span("Dogs", classes=["rj-ann-0", "rj-annotated"]),  # sorted
        " too.",
    ]


def test_a_tree_survives_json_and_gives_back_its_text() -> None:
    made = tree.div(
        tree.para(*tree.text_lines("one\ntwo")),
        tree.folded("More", tree.para("three")),
        classes=["rj-summary"],
        anchor="s1",
    )
    line = tree.dumps([made])
    read = json.loads(line)
    assert read == json.loads(json.dumps([made]))
    assert tree.plain_text(read[0]) == tree.plain_text(made) == "one\ntwothree"
    assert tree.find_class(read[0], "rj-summary") == read[0]
    assert tree.find_class(read[0], "nothing") is None


@given(st.text())
def test_any_text_is_one_line_of_ascii_json(text: str) -> None:
    line = tree.dumps([tree.para(text)])
    assert line.isascii()
    assert len(line.splitlines()) == 1
    assert json.loads(line)[0][2] == ([text] if text else [])


def test_bullets_take_items_or_whole_list_items() -> None:
    whole = tree.element("li", [tree.para("a"), tree.bullets(["b"])])
    made = tree.bullets(["plain", ["two ", "parts"], whole])
    assert [item.tag for item in made.children if isinstance(item, tree.Element)] == ["li"] * 3
    assert made.children[2] is whole
