"""Cards and blocks built from data: the ``rj-card``, ``rj-block`` and ``rj-map`` directives.

A generated page carries each card as the tree the renderer built (:mod:`rejoinder.tree`, as
JSON); the directive turns it into docutils nodes directly. Text becomes ``Text`` nodes, which
every writer escapes: nothing a contributor wrote is parsed as markup, and no transform has to
re-read what the renderer already knew. A hand-written page embeds a card with the argument
alone (``{rj-card} debate:post``); the card is then built from the corpus graph, with links to
the debate's page.

The nodes mirror what sphinx-design would make of the same card (a ``container`` flagged
``is_div`` is written as a plain ``<div>``; a folded block as sphinx-design's dropdown), so the
stylesheet, the script and the theme see the same HTML.
"""

from __future__ import annotations

import functools
import json
import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator

from rejoinder import names, tree
from rejoinder.card import card_data
from rejoinder.graph import CardKey
from rejoinder.model import Ref
from rejoinder.restatements import restatements
from rejoinder.sphinx.generated import debate_of, graph_of

logger = logging.getLogger(__name__)
CONTRIBUTOR_REL = "ugc nofollow"
NEW_TAB_REL = "noreferrer noopener ugc nofollow"
DROPDOWN_CLASSES = ["sd-sphinx-override", "sd-dropdown", "sd-card", "sd-mb-3"]


class TimeNode(nodes.inline):
    """A moment in UTC, written as ``<time datetime=…>`` by HTML builders."""


class LineBreak(nodes.Inline, nodes.Element):
    """A line break inside contributor text (``<br />``; a newline for other builders)."""


class DetailsNode(nodes.General, nodes.Element):
    """A folded block: ``<details>`` with its ``summary`` title, as sphinx-design writes a
    dropdown (other builders: the title and the content)."""


class MapNode(nodes.General, nodes.Element):
    """A debate's argument map, written inline as SVG so its links and theme colours work.
    The SVG is read from the source folder when the page is written, not kept in the
    doctree (which Sphinx holds in memory for every page until it writes them)."""


class HeadingNode(nodes.Inline, nodes.TextElement):
    """A card's heading (author, time, status) as data: ``tree`` is the JSON of its inline
    trees, its one child the plain words. Written in full in the section's title; where Sphinx
    copies the title (the page's outline, whose entries are links), as its words only: one
    node instead of a dozen for every transform and outline to walk."""


class TreeNode(nodes.General, nodes.Element):
    """Blocks built from data, kept as data: ``tree`` is the JSON text of a list of trees
    (checked when read), ``prefix`` what relative links need in front (a card embedded in
    another folder). Its one child is the plain text, for the search index.

    Sphinx keeps every doctree in memory until it writes it, and its transforms walk every
    node of every page many times; a card of a hundred nodes cost most of the build. As one
    node it costs one visit. HTML builders write the trees directly
    (:func:`visit_tree_html`, the same HTML the nodes of :func:`to_nodes` give); other
    builders get those nodes (:func:`expand_for_other_builders`)."""


def tree_node(trees: list[Any], prefix: str = "", as_json: str | None = None) -> TreeNode:
    """The node of ``trees``, checked (:func:`checked_text`); ``as_json``: their JSON text when
    the caller read them from it (not written again)."""
    text = " ".join(filter(None, (checked_text(child) for child in trees)))
    node = TreeNode(tree=as_json if as_json is not None else tree.dumps(trees), prefix=prefix)
    node += nodes.Text(text)
    return node


def checked_text(child: Any, depth: int = 0) -> str:
    """The words of a tree, for the search index; raises :class:`tree.TreeError` for a tree
    that breaks its rules, as :func:`to_nodes` would, or that is too deep to walk."""
    if isinstance(child, str):
        return child
    if depth > tree.MAX_DEPTH:
        raise tree.TreeError(f"nested deeper than {tree.MAX_DEPTH} elements")
    tag, attributes, children = _parts(child)
    words = [checked_text(grandchild, depth + 1) for grandchild in children]
    if tag == "details":
        words.insert(0, attributes.get("summary", ""))
    return " ".join(filter(None, words))


def _parts(child: Any) -> tuple[str, dict[str, str], list[Any]]:
    """Tag, attributes and children of an element (JSON lists or :class:`tree.Element`),
    checked against the tree's rules."""
    if not isinstance(child, (list, tuple)) or len(child) != 3:
        raise tree.TreeError(f"not an element: {str(child)[:80]!r}")
    tag, attributes, children = child
    if not isinstance(tag, str) or not isinstance(attributes, dict):
        raise tree.TreeError(f"not an element: {str(child)[:80]!r}")
    if not isinstance(children, (list, tuple)):
        raise tree.TreeError(f"children of {tag!r} must be a list")
    tree.check_element(tag, attributes)
    return tag, attributes, list(children)


# -- trees to nodes ------------------------------------------------------------------------------


class Links(NamedTuple):
    """How links are written: ``relink`` rewrites the renderer's relative links (a card
    embedded in another folder); ``new_tab`` opens contributors' links in a new tab, as
    MyST's ``myst_links_external_new_tab`` does for links written in MyST."""

    relink: Callable[[str], str] | None = None
    new_tab: bool = False


PLAIN_LINKS = Links()


def to_nodes(child: Any, links: Links = PLAIN_LINKS) -> nodes.Node:
    """The docutils node of a tree read from JSON (lists) or built (:class:`tree.Element`).
    Raises :class:`tree.TreeError` for a tree that breaks its rules."""
    if isinstance(child, str):
        return nodes.Text(child)
    tag, attributes, children = _parts(child)
    node = _MAKERS[tag](attributes, links)
    classes = attributes.get("class")
    if classes:
        node["classes"] = classes.split()
    anchor = attributes.get("id")
    if anchor:
        node["ids"] = [anchor]
    inner = node
    if tag == "details":  # the content goes in the body of sphinx-design's dropdown
        inner = nodes.container(is_div=True, classes=["sd-summary-content", "sd-card-body"])
        node += inner
    for grandchild in children:
        inner += to_nodes(grandchild, links)
    return node


def _link(attributes: dict[str, str], links: Links) -> nodes.Element:
    href, extra = link_target(attributes["href"], links)
    return nodes.reference(refuri=href, **extra)


def link_target(href: str, links: Links) -> tuple[str, dict[str, str]]:
    """Where a link goes, and its ``rel``/``target`` attributes: every absolute link comes
    from a contributor (not the site's recommendation); the renderer's own are relative."""
    if tree.is_external(href):
        if links.new_tab:
            return href, {"rel": NEW_TAB_REL, "target": "_blank"}
        return href, {"rel": CONTRIBUTOR_REL}
    return (links.relink(href) if links.relink else href), {}


def _time(attributes: dict[str, str], links: Links) -> nodes.Element:
    node = TimeNode()
    node["datetime"] = attributes.get("datetime", "")
    return node


def _details(attributes: dict[str, str], links: Links) -> nodes.Element:
    return DetailsNode(summary=attributes.get("summary", ""))


_MAKERS: dict[str, Callable[[dict[str, str], Links], nodes.Element]] = {
    "div": lambda attributes, links: nodes.container(is_div=True),
    "p": lambda attributes, links: nodes.paragraph(),
    "span": lambda attributes, links: nodes.inline(),
    "strong": lambda attributes, links: nodes.strong(),
    "a": _link,
    "time": _time,
    "br": lambda attributes, links: LineBreak(),
    "ul": lambda attributes, links: nodes.bullet_list(),
    "li": lambda attributes, links: nodes.list_item(),
    "details": _details,
}


# -- directives ----------------------------------------------------------------------------------


class BlockDirective(SphinxDirective):
    """Blocks of a generated page, as data (the body: a JSON list of trees)."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        try:
            body = "\n".join(self.content)
            data = json.loads(body)
            if not isinstance(data, list):
                raise tree.TreeError("the body must be a list of trees")
            return [tree_node(data, as_json=body)]
        except (ValueError, RecursionError, tree.TreeError) as error:
            return [self._problem(f"rj-block: not a tree ({error})")]

    def _problem(self, message: str) -> nodes.Node:
        logger.warning(message, location=self.get_location(), type="rejoinder", subtype="card")
        return nodes.paragraph()


class CardDirective(BlockDirective):
    """A post's card. In a generated page the body holds its data (tree and labels) and the
    post and its claims are registered as ``rj`` objects; in any other page the body is empty
    and the card is built from the corpus, linking to the debate's page."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        ref = self.arguments[0].strip()
        try:
            parsed = Ref.parse(ref)
        except ValueError:
            parsed = None
        if parsed is None or parsed.debate is None or parsed.claim is not None:
            return [self._problem(f"rj-card: write debate-id:post-id, not {ref!r}")]
        key = CardKey(parsed.debate, parsed.post)
        if self.content:
            return self._generated(key)
        return self._embedded(key)

    def _generated(self, key: CardKey) -> list[nodes.Node]:
        try:
            data = json.loads("\n".join(self.content))
            if debate_of(self.config, self.env.current_document.docname) == key.debate:
                data["tree"][1].pop("id", None)  # the id is its section's
            card = tree_node([data["tree"]])
            label, claims = str(data["label"]), dict(data["claims"])
        except (ValueError, KeyError, TypeError, RecursionError, tree.TreeError) as error:
            return [self._problem(f"rj-card: not a card's data ({error})")]
        if debate_of(self.config, self.env.current_document.docname) != key.debate:
            return [card]
        domain = self.env.domains["rj"]
        domain.note_object("post", f"{key.debate}:{key.post}", key.post, label)  # type: ignore[attr-defined]
        for claim, statement in claims.items():
            name = f"{key.debate}:{key.post}#{claim}"
            domain.note_object("claim", name, claim, str(statement))  # type: ignore[attr-defined]
        return [self._section(key, data, card)]

    def _section(self, key: CardKey, data: dict[str, Any], card: TreeNode) -> nodes.Node:
        """The card in a section of its own, headed by what its header says (author, time,
        status), with the post's id: the page's outline lists it, and a link to the post
        shows its heading."""
        try:
            children = list(data.get("heading", []))
            words = "".join(checked_text(child) for child in children)
        except (TypeError, RecursionError, tree.TreeError) as error:
            return self._problem(f"rj-card: not a card's heading ({error})")
        heading = HeadingNode(tree=tree.dumps(children))
        heading += nodes.Text(words)
        section = nodes.section(ids=[key.post], classes=[names.POST_SECTION])
        section += nodes.title("", "", heading)
        section += card
        return section

    def _embedded(self, key: CardKey) -> list[nodes.Node]:
        graph = graph_of(self.env)
        if graph is None or key not in graph.posts:
            why = "no such post" if graph is not None else "the transcripts have errors"
            return [self._problem(f"rj-card: card {key.debate}:{key.post} not shown ({why})")]
        folder = self.config.rejoinder_output_dir.strip("/")
        # The card changes when its debate's page does: re-read this page then.
        self.env.note_dependency(f"{folder}/{key.debate}.md")
        data = card_data(graph, key, restatements(graph), embedded=True)
        here = posixpath.dirname(self.env.current_document.docname)
        prefix = posixpath.relpath(folder, here or ".") + "/"
        card = data["tree"]
        card.attributes["class"] = " ".join(
            [card.attributes["class"], *self.options.get("class", [])]
        )
        return [tree_node([card], prefix)]


class SectionDirective(SphinxDirective):
    """A section of a generated page: its title (the argument), its id (``:id:``, chosen by
    the renderer so that no post or reference can take it) and the directives of its body."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {"id": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        section = nodes.section(ids=[self.options.get("id", "")] if "id" in self.options else [])
        section += nodes.title(text=self.arguments[0])
        self.state.nested_parse(self.content, self.content_offset, section)
        return [section]


class MapDirective(SphinxDirective):
    """A debate's argument map: the SVG file (relative to the page), inlined when written;
    ``:folded:`` the title of a folded block to hold it."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "folded": directives.unchanged_required
    }

    def run(self) -> list[nodes.Node]:
        relative, absolute = self.env.relfn2path(self.arguments[0])
        if not Path(absolute).is_file():
            logger.warning(
                "rj-map: no map at %s",
                relative,
                location=self.get_location(),
                type="rejoinder",
                subtype="card",
            )
            return []
        self.env.note_dependency(relative)
        holder = nodes.container(is_div=True, classes=[names.MAP])
        holder += MapNode(classes=[names.MAP_SVG_HOLDER, names.MAP_IMAGE], svg=relative)
        if "folded" not in self.options:
            return [holder]
        fold = DetailsNode(summary=self.options["folded"], classes=[names.FOLD, names.MAP_FOLD])
        body = nodes.container(is_div=True, classes=["sd-summary-content", "sd-card-body"])
        body += holder
        fold += body
        return [fold]


# -- writers -------------------------------------------------------------------------------------


def links_of(config: Any, prefix: str) -> Links:
    relink = functools.partial(_prefixed, prefix) if prefix else None
    return Links(relink, bool(getattr(config, "myst_links_external_new_tab", False)))


def _prefixed(prefix: str, href: str) -> str:
    return href if href.startswith(("#", "?")) else prefix + href


def visit_tree_html(translator: HTML5Translator, node: TreeNode) -> None:
    links = links_of(translator.config, node["prefix"])
    out = translator.body
    for child in json.loads(node["tree"]):
        _write(child, out, translator.encode, links)
    raise nodes.SkipNode


# What docutils' HTML5 writer (with sphinx-design's ``is_div`` containers) writes around each
# element: the tag, classes it adds, what follows the start tag, and the end tag.
_HTML: dict[str, tuple[str, str, str, str]] = {
    "div": ("div", "docutils", "\n", "</div>\n"),
    "p": ("p", "", "", "</p>\n"),
    "span": ("span", "", "", "</span>"),
    "strong": ("strong", "", "", "</strong>"),
    "a": ("a", "reference external", "", "</a>"),
    "time": ("time", "", "", "</time>"),
    "ul": ("ul", "", "\n", "</ul>\n"),
    "li": ("li", "", "", "</li>\n"),
}


def _write(
    child: Any, out: list[str], encode: Callable[[str], str], links: Links, simple: bool = False
) -> None:
    """Append the HTML of a checked tree to ``out``, text through ``encode``. ``simple``:
    inside a list already marked simple (docutils marks only the outermost)."""
    if isinstance(child, str):
        out.append(encode(child))
        return
    tag, attributes, children = child
    if tag == "br":
        out.append("<br />")
        return
    if tag == "details":
        classes = attributes.get("class", "").split()
        out.append(_details_start(classes, attributes.get("summary", ""), encode))
        out.append('<div class="sd-summary-content sd-card-body docutils">\n')
        for grandchild in children:
            _write(grandchild, out, encode, links, simple)
        out.append("</div>\n</details>\n")
        return
    html_tag, added, after, end = _HTML[tag]
    classes = attributes.get("class", "").split()
    extra: dict[str, str] = {}
    if tag == "a":
        extra["href"], more = link_target(attributes["href"], links)
        extra.update(more)
    elif tag == "time":
        extra["datetime"] = attributes.get("datetime", "")
    inner_simple = simple
    if tag == "ul":
        inner_simple = simple or _is_simple(children)
        if inner_simple and not simple:
            added = "simple"
    # docutils writes a language- class as the lang attribute
    languages = [cls[9:] for cls in classes if cls.startswith("language-")]
    if languages:
        extra["lang"] = languages[0]
        classes = [cls for cls in classes if not cls.startswith("language-")]
    classes += [cls for cls in added.split() if cls not in classes]
    if classes:
        extra["class"] = " ".join(classes)
    if "id" in attributes:
        extra["id"] = attributes["id"]
    parts = "".join(f' {key}="{encode(value)}"' for key, value in sorted(extra.items()))
    out.append(f"<{html_tag}{parts}>{after}")
    for grandchild in children:
        _write(grandchild, out, encode, links, inner_simple)
    if tag == "li" and len(children) == 1 and out[-1] == "</p>\n":
        out[-1] = "</p>"  # docutils ends a list item's only paragraph on the same line
    out.append(end)


def _is_simple(items: list[Any]) -> bool:
    """docutils' test for a "simple" list: each item a paragraph, a simple list, or a
    paragraph followed by a simple list."""
    for item in items:
        if isinstance(item, str) or item[0] != "li":
            return False
        children = [child for child in item[2] if not isinstance(child, str)]
        if len(children) != len(item[2]):
            return False
        if len(children) > 1 and children[0][0] == "p" and children[-1][0] == "ul":
            children.pop()
        if len(children) > 1:
            return False
        if children and children[0][0] == "ul" and not _is_simple(children[0][2]):
            return False
        if children and children[0][0] not in ("p", "ul"):
            return False
    return True


def _details_start(classes: list[str], title: str, encode: Callable[[str], str]) -> str:
    """A folded block's start and title, as sphinx-design writes a dropdown: its classes
    first (the others are checked names), the title as text."""
    return (
        f'<details class="{" ".join(DROPDOWN_CLASSES + classes)}">'
        '<summary class="sd-summary-title sd-card-header">\n'
        f'<span class="sd-summary-text">{encode(title)}</span>'
        '<span class="sd-summary-state-marker sd-summary-chevron-right">'
        f"{_chevron()}</span></summary>"
    )


def expand_for_other_builders(app: Any, doctree: nodes.document, docname: str) -> None:
    """For builders other than HTML: each tree node becomes the docutils nodes of its
    trees; a line break a newline, a folded block its title and content, a time plain
    text."""
    if app.builder.format == "html":
        return
    for held in list(doctree.findall(TreeNode)):
        links = links_of(app.config, held["prefix"])
        held.replace_self([to_nodes(child, links) for child in json.loads(held["tree"])])
    for heading in list(doctree.findall(HeadingNode)):
        heading.replace_self([to_nodes(child) for child in json.loads(heading["tree"])])
    for line_break in list(doctree.findall(LineBreak)):
        line_break.replace_self(nodes.Text("\n"))
    for details in list(doctree.findall(DetailsNode)):
        block = nodes.container(classes=details["classes"])
        block += nodes.paragraph("", details["summary"])
        block += details.children
        details.replace_self(block)
    for moment in list(doctree.findall(TimeNode)):
        moment.replace_self(nodes.inline("", moment.astext(), classes=moment["classes"]))


def visit_time_html(translator: HTML5Translator, node: TimeNode) -> None:
    translator.body.append(translator.starttag(node, "time", "", datetime=node["datetime"]))


def depart_time_html(translator: HTML5Translator, node: TimeNode) -> None:
    translator.body.append("</time>")


def visit_line_break_html(translator: HTML5Translator, node: LineBreak) -> None:
    translator.body.append("<br />")
    raise nodes.SkipNode


def visit_details_html(translator: HTML5Translator, node: DetailsNode) -> None:
    translator.body.append(_details_start(node["classes"], node["summary"], translator.encode))


def depart_details_html(translator: HTML5Translator, node: DetailsNode) -> None:
    translator.body.append("</details>\n")


def visit_heading_html(translator: HTML5Translator, node: HeadingNode) -> None:
    if isinstance(node.parent, nodes.title):
        links = links_of(translator.config, "")
        for child in json.loads(node["tree"]):
            _write(child, translator.body, translator.encode, links)
    else:  # a copy in the outline, inside its link: the words only
        translator.body.append(translator.encode(node.astext()))
    raise nodes.SkipNode


@functools.cache
def _chevron() -> str:
    from sphinx_design.icons import get_octicon

    return get_octicon("chevron-right", height="1.5em")


def visit_map_html(translator: HTML5Translator, node: MapNode) -> None:
    translator.body.append(translator.starttag(node, "div", ""))
    try:
        svg = (Path(translator.builder.srcdir) / node["svg"]).read_text(encoding="utf-8")
    except OSError:
        svg = ""  # removed since it was read: the page is re-read and warns then
    translator.body.append(svg)  # generated and escaped by rejoinder.argument_map
    translator.body.append("</div>\n")
    raise nodes.SkipNode


def skip_node(translator: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode  # the map is an HTML feature; the cards say the same in words


def register(app: Sphinx) -> None:
    """The directives, the nodes and their writers (called by the extension's setup)."""
    app.add_directive(names.CARD_DIRECTIVE, CardDirective)
    app.add_directive(names.BLOCK_DIRECTIVE, BlockDirective)
    app.add_directive(names.MAP_DIRECTIVE, MapDirective)
    app.add_directive(names.SECTION_DIRECTIVE, SectionDirective)
    app.connect("doctree-resolved", expand_for_other_builders)
    app.add_node(TreeNode, html=(visit_tree_html, None))
    app.add_node(HeadingNode, html=(visit_heading_html, None))
    app.add_node(TimeNode, html=(visit_time_html, depart_time_html))
    app.add_node(LineBreak, html=(visit_line_break_html, None))
    app.add_node(DetailsNode, html=(visit_details_html, depart_details_html))
    skip = (skip_node, None)
    app.add_node(
        MapNode, html=(visit_map_html, None), latex=skip, text=skip, man=skip, texinfo=skip
    )
