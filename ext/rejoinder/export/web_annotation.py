"""W3C Web Annotation export: a debate's editorial annotations, for annotation tools.

One ``AnnotationCollection`` (W3C Web Annotation Data Model, JSON-LD with the context
``http://www.w3.org/ns/anno.jsonld``) per debate, holding one ``Annotation`` per editorial
annotation of a post, in transcript order:

- ``creator``: the annotation's ``by``, as given, as an agent with only a name (the transcript
  does not say whether it is a person or a group, so no type is given);
- ``body``: a ``TextualBody`` whose value is the note exactly as written (plain text, purpose
  ``commenting``);
- ``target``: the post's original address when the transcript gives one, and its card on the
  published debate page, each a ``SpecificResource``; with a ``TextQuoteSelector`` (the span,
  and up to 32 characters either side of its first occurrence in the post's text) when the
  annotation names a span.

Addresses. The card's address is ``<debate>.html#<post>``: relative to the folder of the debate
pages, where the site publishes this file. An absolute address needs the site's address
(``html_baseurl``), which the core does not know: pass ``page_url`` (the page's absolute
address, or its relative one under another builder). While it is relative, the collection says
so in an ``rdfs:comment`` rather than invent a host. Ids are fragments of this document
(``#<post>-annotation-<n>``), so they name the same thing wherever the file is served and do
not change between runs.

Pure: no I/O, no Sphinx.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from rejoinder.graph import Graph
from rejoinder.model import Annotation, Post, Transcript

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
QUOTE_CONTEXT_CHARS = 32
RELATIVE_ADDRESSES_NOTE = (
    "The addresses of the debate page and its cards are relative: to the folder of the "
    "published debate pages, where the site publishes this file beside them. The site's own "
    "address was not given to the export, so no absolute address is stated."
)


def debate(graph: Graph, debate: str, *, page_url: str | None = None) -> str:
    """The editorial annotations of ``debate`` as a Web Annotation collection (JSON-LD text).

    ``page_url`` is the address of the published debate page: absolute (http or https) when
    the site's address is known, else relative to this file's folder; ``<debate>.html`` (the
    HTML builder's page, beside this file) when not given."""
    scheme = urlsplit(page_url).scheme.lower() if page_url else ""
    if scheme not in ("", "http", "https"):
        raise ValueError(f"page_url must be an http or https or relative address: {page_url!r}")
    transcript = graph.transcripts[debate]
    # Compact: the C encoder, about three times faster than an indented dump (0.5 s against
    # 1.4 s for 2,000 debates x 25 annotations), and a third smaller.
    document = collection(transcript, page_url)
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def collection(transcript: Transcript, page_url: str | None = None) -> dict[str, Any]:
    """The ``AnnotationCollection`` of one transcript, as a JSON-LD object."""
    page = (page_url or f"{transcript.id}.html").split("#", 1)[0]
    items = [
        annotation(post, index, note, page)
        for post in transcript.posts
        for index, note in enumerate(post.annotations, start=1)
    ]
    result: dict[str, Any] = {
        "@context": CONTEXT,
        "id": "",  # this document
        "type": "AnnotationCollection",
        "label": f"Editorial annotations: {transcript.title}",
        "total": len(items),
    }
    if not urlsplit(page).scheme:
        result["rdfs:comment"] = RELATIVE_ADDRESSES_NOTE
    if items:  # the model wants no first page in an empty collection
        result["first"] = {
            "id": "#page-1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        }
    return result


def annotation(post: Post, index: int, note: Annotation, page: str) -> dict[str, Any]:
    """One ``Annotation``: ``note``, the ``index``-th (from 1) annotation of ``post``."""
    selector = quote_selector(post.text, note.span) if note.span is not None else None
    sources = [post.url] if post.url else []
    sources.append(f"{page}#{post.id}")
    targets = []
    for source in sources:
        target: dict[str, Any] = {"type": "SpecificResource", "source": source}
        if selector is not None:
            target["selector"] = selector
        targets.append(target)
    return {
        "id": f"#{post.id}-annotation-{index}",
        "type": "Annotation",
        "motivation": "commenting",
        "creator": {"name": note.by},
        "body": {
            "type": "TextualBody",
            "value": note.note,
            "format": "text/plain",
            "purpose": "commenting",
        },
        "target": targets,
    }


def quote_selector(text: str | None, span: str) -> dict[str, str]:
    """A ``TextQuoteSelector`` of ``span`` at its first occurrence in ``text``.

    The checker makes sure a span occurs in its post's text; should it not, the selector holds
    the span alone rather than a guessed context."""
    selector = {"type": "TextQuoteSelector", "exact": span}
    start = text.find(span) if text is not None else -1
    if text is None or start < 0:
        return selector
    end = start + len(span)
    prefix = text[max(0, start - QUOTE_CONTEXT_CHARS) : start]
    suffix = text[end : end + QUOTE_CONTEXT_CHARS]
    if prefix:
        selector["prefix"] = prefix
    if suffix:
        selector["suffix"] = suffix
    return selector
