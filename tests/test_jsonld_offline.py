"""The bundled JSON-LD contexts and the offline document loader, with pyld as the processor.

The loader serves the copies in ext/rejoinder/export/contexts (checked against the digests
their provenance file records) under every address they are published at, refuses every other
address, and never opens a connection. A small site, built as ``make site`` builds it, shows
that what it publishes expands with them: each debate page's schema.org JSON-LD (in its head)
and the Web Annotation file beside the page.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from pyld import jsonld
from rejoinder.export.jsonld import BUNDLED, ContextNotBundled, document_loader
from ruamel.yaml import YAML
from support import REPO

CONTEXTS = REPO / "ext" / "rejoinder" / "export" / "contexts"
SCHEMA = "http://schema.org/"
SITE = "https://debates.example.org/"


# Expansion must use the bundled contexts: any connection attempt fails (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("no_network")


def expand(document: dict[str, Any]) -> list[dict[str, Any]]:
    expanded: list[dict[str, Any]] = jsonld.expand(
        document, {"documentLoader": document_loader, "base": "https://debates.example.org/"}
    )
    return expanded


def read_yaml(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe", pure=True).load(path.read_text("utf-8"))
    return data


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


ANNOTATED = """\
    annotations:
      - by: '<b>Editors</b>'
        span: the report
        note: 'Which report? "</script><script>alert(1)</script>" & <b>bold</b>'
"""


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/roots/test-basic built as ``make site`` builds (strict), with its address known and
    an annotation on a post of alpha."""
    work = tmp_path_factory.mktemp("site")
    root = work / "root"
    shutil.copytree(REPO / "tests" / "roots" / "test-basic", root)
    alpha = root / "sources" / "alpha.yaml"
    text = alpha.read_text(encoding="utf-8")
    assert text.count("    text: See the report.\n") == 1
    alpha.write_text(
        text.replace("    text: See the report.\n", "    text: See the report.\n" + ANNOTATED),
        encoding="utf-8",
    )
    out = work / "html"
    command = [sys.executable, "-m", "sphinx", "-W", "-n", "-q", "-b", "html"]
    done = subprocess.run(
        [*command, "-D", f"html_baseurl={SITE}", str(root), str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, f"sphinx-build failed:\n{done.stdout}\n{done.stderr}"
    return out


@pytest.mark.parametrize("debate", ["alpha", "beta"])
def test_debate_page_head_json_ld_expands_offline(built_site: Path, debate: str) -> None:
    page_url = f"{SITE}debates/{debate}.html"
    head = BeautifulSoup((built_site / "debates" / f"{debate}.html").read_bytes(), "html.parser")
    scripts = head.find("head").find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    expanded = jsonld.expand(
        json.loads(scripts[0].string), {"documentLoader": document_loader, "base": page_url}
    )
    (posting,) = [
        node for node in expanded if node.get("@type") == [f"{SCHEMA}DiscussionForumPosting"]
    ]
    transcript = read_yaml(REPO / "tests" / "roots" / "test-basic" / "sources" / f"{debate}.yaml")
    assert posting[f"{SCHEMA}headline"] == [{"@value": transcript["title"]}]
    assert posting["@id"].startswith(f"{page_url}#")


def test_published_web_annotations_expand_offline(built_site: Path) -> None:
    page = BeautifulSoup((built_site / "debates" / "alpha.html").read_bytes(), "html.parser")
    link = page.find("head").find(
        "link",
        rel="alternate",
        type='application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
    )
    assert link is not None and link["href"] == "alpha.annotations.jsonld"
    published = built_site / "debates" / link["href"]
    (collection,) = jsonld.expand(
        json.loads(published.read_text(encoding="utf-8")),
        {"documentLoader": document_loader, "base": f"{SITE}debates/{link['href']}"},
    )
    first = collection["http://www.w3.org/ns/activitystreams#first"][0]
    (annotation,) = first["http://www.w3.org/ns/activitystreams#items"][0]["@list"]
    body = annotation["http://www.w3.org/ns/oa#hasBody"][0]
    assert body["http://www.w3.org/1999/02/22-rdf-syntax-ns#value"] == [
        {"@value": 'Which report? "</script><script>alert(1)</script>" & <b>bold</b>'}
    ]
    (target,) = annotation["http://www.w3.org/ns/oa#hasTarget"]
    # the card, on the page beside the file
    assert target["http://www.w3.org/ns/oa#hasSource"] == [
        {"@id": f"{SITE}debates/alpha.html#a-cites"}
    ]
    selector = target["http://www.w3.org/ns/oa#hasSelector"][0]
    assert selector["http://www.w3.org/ns/oa#exact"] == [{"@value": "the report"}]
    assert selector["http://www.w3.org/ns/oa#prefix"] == [{"@value": "See "}]
    assert selector["http://www.w3.org/ns/oa#suffix"] == [{"@value": "."}]
