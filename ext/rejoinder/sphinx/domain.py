"""The ``rj`` Sphinx domain: debates, posts, claims and people as citable objects.

Hand-written pages cite cards with roles (``{rj:post}`debate:post-id```,
``{rj:claim}`debate:post-id#claim-id```, ``{rj:debate}`id```, ``{rj:person}`key```); every
object is listed in ``objects.inv`` so other sites can link to cards through intersphinx.

Objects are registered while the generated pages are read (by :class:`RegisterCards`), so the
domain data follows Sphinx's per-document life cycle: ``clear_doc`` drops a re-read page's
objects and ``merge_domaindata`` takes each parallel reader's own documents only.
"""

from __future__ import annotations

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
    initial_data: ClassVar[dict[str, Any]] = {"objects": {}, "by_page": {}, "citations": {}}
    data_version = 1  # 1: by_page added; an environment pickled before it is re-read
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
            contnode = nodes.inline(entry.display, entry.display, classes=["rj-ref"])
        refnode = make_refnode(
            builder, fromdocname, entry.docname, entry.anchor, contnode, entry.display
        )
        refnode["classes"].append("rj-xref")
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
    """Register the cards of a generated page as ``rj`` objects, from the page itself.

    The page is the single source: a card is a container with class ``rejoinder-card`` whose
    id is the post id, a claim a container with class ``rj-claim`` inside it.
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
        if "/" in page or page in ("index", "claims"):
            return
        domain.note_object("debate", page, "", _title(self.document) or page)
        for card in self.document.findall(nodes.container):
            if "rejoinder-card" not in card["classes"] or not card["ids"]:
                continue
            post = card["ids"][0]
            display = _card_display(card, page, post)
            domain.note_object("post", f"{page}:{post}", post, display)
            for claim in card.findall(nodes.container):
                if "rj-claim" in claim["classes"] and claim["ids"]:
                    claim_id = claim["ids"][0]
                    statement = _text_of_class(claim, "rj-statement") or claim_id
                    domain.note_object("claim", f"{page}:{post}#{claim_id}", claim_id, statement)


class KeepAnchorsOutOfLabels(SphinxTransform):
    """Card, claim and reference ids are anchors on their own page, not Sphinx labels.

    MyST makes every ``{#id}`` an explicit target, which the standard domain would register as
    a site-wide ``std:label``. Ids repeat across debates (every debate may have a ``p1``), so
    such a label would point at whichever page was read last, which differs between serial
    and parallel builds, and objects.inv would list thousands of them. Registering them would
    also make each page's ``clear_doc`` in the standard domain scan every label of the site.
    Pages cite cards through the ``rj`` domain instead.
    """

    default_priority = 801  # after RegisterCards has read the ids; before SphinxDomains (850)

    def apply(self, **kwargs: Any) -> None:
        folder = self.config.rejoinder_output_dir.strip("/")
        if not self.env.current_document.docname.startswith(folder + "/"):
            return
        document = self.document
        for name, explicit in list(document.nametypes.items()):
            node_id = document.nameids.get(name)
            node = document.ids.get(node_id) if node_id else None
            if not explicit or node is None or isinstance(node, nodes.section):
                continue
            if name in node["names"]:
                node["names"].remove(name)
            del document.nametypes[name]
            del document.nameids[name]


def _title(document: nodes.document) -> str:
    for section in document.findall(nodes.section):
        return str(section[0].astext())
    return ""


def _text_of_class(node: nodes.Element, cls: str) -> str:
    for found in node.findall(nodes.inline):
        if cls in found["classes"]:
            return str(found.astext())
    return ""


def _card_display(card: nodes.Element, debate: str, post: str) -> str:
    author = _text_of_class(card, "rj-author") or _text_of_class(card, "rj-handle")
    when = _text_of_class(card, "rj-time")
    parts = [part for part in (author, when) if part]
    return ", ".join(parts) if parts else f"{debate}:{post}"
