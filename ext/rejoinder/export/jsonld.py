"""The JSON-LD contexts Rejoinder's exports name, bundled, and a document loader that serves them.

A JSON-LD processor (``pyld``) fetches each ``@context`` it meets from the web by default. The
exports name two: the W3C Web Annotation context and schema.org's. Copies of both are kept in
``contexts/`` (where each came from: ``contexts/PROVENANCE.md``), and :func:`document_loader`
serves those copies and nothing else: any other address is refused, and nothing ever goes to
the network. So a processor expands Rejoinder's JSON-LD offline, the same way every time::

    pyld.jsonld.expand(document, {"documentLoader": document_loader})

No pyld import here: the loader is a plain function, and pyld is needed only by whoever expands.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

ANNO_CONTEXT_FILE = "anno.jsonld"
SCHEMA_ORG_CONTEXT_FILE = "schemaorg.jsonld"
# Every address under which the bundled contexts are published. schema.org serves its context
# at the site's root (announced in an HTTP Link header) and at docs/jsonldcontext.jsonld.
BUNDLED: dict[str, str] = {
    "http://www.w3.org/ns/anno.jsonld": ANNO_CONTEXT_FILE,
    "https://www.w3.org/ns/anno.jsonld": ANNO_CONTEXT_FILE,
    **{
        f"{scheme}://schema.org{path}": SCHEMA_ORG_CONTEXT_FILE
        for scheme in ("http", "https")
        for path in ("", "/", "/docs/jsonldcontext.jsonld", "/docs/jsonldcontext.json")
    },
}


class ContextNotBundled(Exception):
    """A JSON-LD document names a context that is not bundled: it is not fetched."""


@cache
def bundled_context(file_name: str) -> dict[str, Any]:
    """A bundled context file, parsed (read once per process)."""
    text = resources.files(__package__).joinpath("contexts", file_name).read_text("utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def document_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """A pyld document loader that serves the bundled contexts and refuses everything else."""
    file_name = BUNDLED.get(url)
    if file_name is None:
        raise ContextNotBundled(
            f"{url} is not a bundled JSON-LD context; it is not fetched (known: "
            f"{', '.join(sorted(BUNDLED))})"
        )
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": bundled_context(file_name),
    }
