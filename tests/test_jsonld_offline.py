"""The bundled JSON-LD contexts and the offline document loader, with pyld as the processor.

The loader serves the copies in ext/rejoinder/export/contexts (checked against the digests
their provenance file records) under every address they are published at, refuses every other
address, and never opens a connection.
"""

from __future__ import annotations

import hashlib
import re
import socket
from typing import Any

import pytest
from pyld import jsonld
from rejoinder.export.jsonld import BUNDLED, ContextNotBundled, document_loader
from support import REPO

CONTEXTS = REPO / "ext" / "rejoinder" / "export" / "contexts"
SCHEMA = "http://schema.org/"


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def expand(document: dict[str, Any]) -> list[dict[str, Any]]:
    expanded: list[dict[str, Any]] = jsonld.expand(
        document, {"documentLoader": document_loader, "base": "https://debates.example.org/"}
    )
    return expanded


def test_bundled_files_are_the_copies_the_provenance_names() -> None:
    provenance = (CONTEXTS / "PROVENANCE.md").read_text("utf-8")
    rows = re.findall(r"^\| `([\w.]+)` \|.*\| `([0-9a-f]{64})` \|", provenance, re.MULTILINE)
    assert sorted(name for name, _ in rows) == sorted(set(BUNDLED.values()))
    for name, digest in rows:
        assert hashlib.sha256((CONTEXTS / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.parametrize("url", sorted(BUNDLED))
def test_every_published_address_is_served_from_the_bundle(url: str) -> None:
    loaded = document_loader(url)
    assert loaded["documentUrl"] == url
    assert "@context" in loaded["document"]


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/context.jsonld",
        "https://www.w3.org/ns/activitystreams",
        "file:///etc/passwd",
        "https://schema.org.evil.example/",
    ],
)
def test_any_other_context_is_refused_not_fetched(url: str) -> None:
    with pytest.raises(ContextNotBundled):
        document_loader(url)
    with pytest.raises(jsonld.JsonLdError):
        expand({"@context": url, "name": "x"})


def test_schema_org_data_expands_offline() -> None:
    for context in ("https://schema.org", "http://schema.org/", "https://schema.org/"):
        expanded = expand(
            {
                "@context": context,
                "@type": "DiscussionForumPosting",
                "headline": "Should the town build a solar farm?",
                "author": {"@type": "Person", "name": "Ada Lovelace"},
                "datePublished": "2026-05-20T21:54:00+00:00",
            }
        )
        (posting,) = expanded
        assert posting["@type"] == [f"{SCHEMA}DiscussionForumPosting"]
        assert posting[f"{SCHEMA}headline"] == [{"@value": "Should the town build a solar farm?"}]
        (author,) = posting[f"{SCHEMA}author"]
        assert author[f"{SCHEMA}name"] == [{"@value": "Ada Lovelace"}]
        assert posting[f"{SCHEMA}datePublished"][0]["@value"] == "2026-05-20T21:54:00+00:00"


def test_web_annotation_context_expands_offline() -> None:
    (annotation,) = expand(
        {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": "#a1",
            "type": "Annotation",
            "body": {"type": "TextualBody", "value": "A note."},
            "target": "https://forum.example.org/t/1",
        }
    )
    assert annotation["@id"] == "https://debates.example.org/#a1"
    assert annotation["@type"] == ["http://www.w3.org/ns/oa#Annotation"]
    assert annotation["http://www.w3.org/ns/oa#hasTarget"] == [
        {"@id": "https://forum.example.org/t/1"}
    ]
