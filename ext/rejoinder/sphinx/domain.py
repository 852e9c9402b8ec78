"""The ``rj`` Sphinx domain: debates, posts, claims and people as citable objects.

Hand-written pages cite cards with roles (``{rj:post}`debate:post-id```,
``{rj:claim}`debate:post-id#claim-id```, ``{rj:debate}`id```, ``{rj:person}`key```); every
object is listed in ``objects.inv`` so other sites can link to cards through intersphinx.

Objects are registered while the generated pages are read (by :class:`RegisterCards`), so the
domain data follows Sphinx's per-document life cycle: ``clear_doc`` drops a re-read page's
objects and ``merge_domaindata`` takes each parallel reader's own documents only. Their labels,
and each debate page's summary (for :mod:`rejoinder.sphinx.seo`), come from the corpus graph the
page was generated from, not from the page's text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Set
from typing import Any, ClassVar, NamedTuple

from docutils import nodes
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.nodes import make_refnode
from sphinx.util.typing import RoleFunction

from rejoinder import names, tree
from rejoinder.sphinx.cards import TreeNode
from rejoinder.sphinx.generated import debate_of, graph_of

logger = logging.getLogger(__name__)


class ObjectEntry(NamedTuple):
    docname: str
    anchor: str
    display: str


class RejoinderDomain(Domain):
    name = "rj"
    label = "Rejoinder"
    object_types: ClassVar[dict[str, ObjType]] = {
        "debate": ObjType("debate", "debate"),
        "post": ObjType("post", "post"),
        "claim": ObjType("claim", "claim"),
        "person": ObjType("person", "person"),
    }
    roles: ClassVar[dict[str, RoleFunction | XRefRole]] = {
        kind: XRefRole(warn_dangling=True) for kind in ("debate", "post", "claim", "person")
    }
    # objects: (kind, name) -> ObjectEntry; by_page: docname -> the keys it registered, so
    # that clearing a re-read page costs its own objects, not a scan of the whole corpus;
    # citations: citing docname -> the (kind, name) keys its roles name, so that a page is
    # rewritten when an object it cites changes.
    # summaries: debate page docname -> the debate's summary, one line (page metadata).
    initial_data: ClassVar[dict[str, Any]] = {
        "objects": {},
        "by_page": {},
        "citations": {},
        "summaries": {},
    }
    data_version = 2  # 1: by_page added; 2: summaries. An older environment is re-read.
    dangling_warnings: ClassVar[dict[str, str]] = {
        "debate": "rj:debate reference target not found: %(target)s",
        "post": "rj:post reference target not found: %(target)s (write debate-id:post-id)",
        "claim": "rj:claim reference target not found: %(target)s "
        "(write debate-id:post-id#claim-id)",
        "person": "rj:person reference target not found: %(target)s",
    }

    @property
    def objects(self) -> dict[tuple[str, str], ObjectEntry]:
        objects: dict[tuple[str, str], ObjectEntry] = self.data.setdefault("objects", {})
        return objects

    @property
    def by_page(self) -> dict[str, set[tuple[str, str]]]:
        by_page: dict[str, set[tuple[str, str]]] = self.data.setdefault("by_page", {})
        return by_page

    @property
    def summaries(self) -> dict[str, str]:
        summaries: dict[str, str] = self.data.setdefault("summaries", {})
        return summaries

    @property
    def citations(self) -> dict[str, set[tuple[str, str]]]:
        citations: dict[str, set[tuple[str, str]]] = self.data.setdefault("citations", {})
        return citations

    def note_object(self, kind: str, name: str, anchor: str, display: str) -> None:
        docname = self.env.current_document.docname
        self.objects[kind, name] = ObjectEntry(docname, anchor, display)
        self.by_page.setdefault(docname, set()).add((kind, name))

    def clear_doc(self, docname: str) -> None:
        for key in self.by_page.pop(docname, ()):
            entry = self.objects.get(key)
            if entry is not None and entry.docname == docname:
                del self.objects[key]
        self.citations.pop(docname, None)
        self.summaries.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            keys = otherdata["by_page"].get(docname)
            if keys:
                self.by_page[docname] = keys
                for key in keys:
                    self.objects[key] = otherdata["objects"][key]
            cited = otherdata["citations"].get(docname)
            if cited:
                self.citations[docname] = cited
            summary = otherdata.get("summaries", {}).get(docname)
            if summary is not None:
                self.summaries[docname] = summary

    def citing_pages(self, changed: Set[tuple[str, str]]) -> set[str]:
        """Pages whose ``rj`` roles name any of the ``changed`` objects."""
        return {doc for doc, cited in self.citations.items() if not cited.isdisjoint(changed)}

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        entry = self.objects.get((typ, target.strip()))
        if entry is None:
            return None
        return self._refnode(builder, fromdocname, entry, node, contnode)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        results = []
        for kind in self.object_types:
            entry = self.objects.get((kind, target.strip()))
            if entry is not None:
                refnode = self._refnode(builder, fromdocname, entry, node, contnode)
                results.append((f"rj:{kind}", refnode))
        return results

    def _refnode(
        self,
        builder: Builder,
        fromdocname: str,
        entry: ObjectEntry,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference:
        if not node.get("refexplicit"):
            contnode = nodes.inline(entry.display, entry.display, classes=[names.REF])
        refnode = make_refnode(
            builder, fromdocname, entry.docname, entry.anchor, contnode, entry.display
        )
        refnode["classes"].append(names.XREF)
        return refnode

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for (kind, name), entry in sorted(self.objects.items()):
            yield name, entry.display, kind, entry.docname, entry.anchor, 1


class RegisterCitations(SphinxTransform):
    """Remember which ``rj`` objects a page's roles name."""

    default_priority = 799

    def apply(self, **kwargs: Any) -> None:
        cited = {
            (str(node.get("reftype")), str(node.get("reftarget", "")).strip())
            for node in self.document.findall(addnodes.pending_xref)
            if node.get("refdomain") == "rj"
        }
        if cited:
            domain: RejoinderDomain = self.env.domains["rj"]  # type: ignore[assignment]
            domain.citations[self.env.current_document.docname] = cited


class RegisterCards(SphinxTransform):
    """Register a generated debate page or person page as an ``rj`` object, and note a
    debate's summary (for :mod:`rejoinder.sphinx.seo`).

    The cards of a debate page register themselves (:class:`rejoinder.sphinx.cards.CardDirective`,
    from the labels the page carries as data). The summary comes from the graph the page was
    generated from; without one (the transcripts have errors, and a page of the last good
    generation is read again) from the page's summary block.
    """

    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        folder = self.config.rejoinder_output_dir.strip("/")
        docname = self.env.current_document.docname
        if not docname.startswith(folder + "/"):
            return
        page = docname[len(folder) + 1 :]
        domain: RejoinderDomain = self.env.domains["rj"]  # type: ignore[assignment]
        if page.startswith("people/"):
            person = page[len("people/") :]
            # people/index (and its continuation pages) and a person's continuation pages
            # (people/<key>/2) are listings, not the person.
            if person != "index" and "/" not in person:
                domain.note_object("person", person, "", _title(self.document) or person)
            return
        debate = debate_of(self.config, docname)
        if debate is None:
            return
        graph = graph_of(self.env)
        domain.note_object("debate", debate, "", _title(self.document) or debate)
        domain.summaries[docname] = (
            one_line(graph.transcripts[debate].summary)
            if graph is not None and debate in graph.transcripts
            else _summary_of_page(self.document)
        )


def _title(document: nodes.document) -> str:
    for section in document.findall(nodes.section):
        return str(section[0].astext())
    return ""


def one_line(text: str) -> str:
    """Text with every run of whitespace (line breaks included) as one space."""
    return " ".join(text.split())


def _summary_of_page(document: nodes.document) -> str:
    """The summary block of a generated debate page, read from the data it carries."""
    for held in document.findall(TreeNode):
        for child in json.loads(held["tree"]):
            found = tree.find_class(child, names.SUMMARY)
            if found is not None:
                return one_line(tree.plain_text(found))
    return ""
