"""What the site publishes besides its pages: each debate's exports beside its page (the JSON
valid against the published schema), schema.org JSON-LD in each debate page's head (read back
by ``extruct``), and an Atom feed linked from every page (read back by ``feedparser``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import extruct
import feedparser
import jsonschema
import pytest
from bs4 import BeautifulSoup
from rejoinder.export import FORMATS, ExportFormat
from rj_helpers import Build, CopyRoot, page, warnings_of

pytestmark = pytest.mark.sphinx

BASE = "https://debates.example.org/"
HOSTILE = "</script><script>alert(1)</script> & <!-- ]]>"


def _alternates(html: Any) -> dict[str, tuple[str, str]]:
    """title -> (media type, address) of each alternate the page's head links."""
    return {
        link["title"]: (link["type"], link["href"])
        for link in html.find("head").find_all("link", rel="alternate")
    }


def _json_ld(path: Path, url: str) -> list[dict[str, Any]]:
    data = extruct.extract(
        path.read_text(encoding="utf-8"), base_url=url, syntaxes=["json-ld"], uniform=True
    )
    found: list[dict[str, Any]] = data["json-ld"]
    return found


def test_exports_json_ld_and_feed(copy_root: CopyRoot, build: Build) -> None:
    srcdir = copy_root("basic")
    alpha = srcdir / "sources" / "alpha.yaml"
    alpha.write_text(
        alpha.read_text(encoding="utf-8")
        .replace("    text: Fair point about fish.\n", f"    text: 'Fair point. {HOSTILE}'\n")
        .replace(
            "    replies_to: a-open\n",
            "    replies_to: a-open\n"
            "    url: https://forum.example.org/p/2\n"
            "    metrics:\n"
            "      likes: '1,204'\n"
            "      reposts: 25.8K\n"
            "      replies: '3'\n",
        ),
        encoding="utf-8",
    )
    app = build(srcdir, confoverrides={"html_baseurl": BASE})
    assert warnings_of(app) == []
    outdir = Path(app.outdir)
    debates = outdir / "debates"

    # Every registered format's file beside each debate page, and the corpus files.
    for found in FORMATS.values():
        for debate in ("alpha", "beta"):
            assert (debates / found.debate_file(debate)).is_file(), found.name
        if found.corpus_file:
            assert (debates / found.corpus_file).is_file()
    schema = json.loads((debates / "debate.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for name in ("alpha.json", "beta.json", "index.json"):
        validator.validate(json.loads((debates / name).read_text(encoding="utf-8")))
    exported = json.loads((debates / "alpha.json").read_text(encoding="utf-8"))
    assert exported["debate"]["posts"][1]["text"] == f"Fair point. {HOSTILE}"

    # The head of a debate page links them; every page links the feed.
    html = page(app, "debates/alpha.html")
    links = _alternates(html)
    for found in FORMATS.values():
        assert links[found.label] == (found.media_type, found.debate_file("alpha"))
    feed_link = ("application/atom+xml", "feed.atom")
    assert links["Rejoinder tests · debates"] == feed_link
    assert _alternates(page(app, "essay.html")) == {
        "Rejoinder tests · debates": ("application/atom+xml", "debates/feed.atom")
    }
    _check_json_ld(debates / "alpha.html")
    _check_feed(debates / "feed.atom")


def _check_json_ld(path: Path) -> None:

    # The JSON-LD, as an independent extractor reads it.
    url = BASE + "debates/alpha.html"
    (posting,) = _json_ld(path, url)
    assert posting["@type"] == "DiscussionForumPosting"
    assert posting["headline"] == "Alpha debate"
    assert posting["url"] == url
    assert posting["author"] == {"@type": "Person", "name": "Ann Example", "alternateName": "@ann"}
    assert posting["datePublished"] == "2026-01-10T15:30:00Z"
    assert [claim["text"] for claim in posting["hasPart"]] == [
        "Cats are better than dogs.",
        "Fish are fine pets.",
    ]
    assert all(claim["@type"] == "Claim" for claim in posting["hasPart"])
    reply, anonymous, citing = posting["comment"]
    assert reply["@type"] == "Comment"
    assert reply["text"] == f"Fair point. {HOSTILE}"  # hostile text stayed text
    assert reply["url"] == "https://forum.example.org/p/2"
    assert reply["author"]["name"] == "Ben B."
    assert reply["interactionStatistic"] == [
        {
            "@type": "InteractionCounter",
            "interactionType": {"@type": "LikeAction"},
            "userInteractionCount": 1204,
        },
        {
            "@type": "InteractionCounter",
            "interactionType": {"@type": "CommentAction"},
            "userInteractionCount": 3,
        },
    ]  # 25.8K is not an exact count: no ShareAction invented from it
    assert "author" not in anonymous  # unknown: left out, not named "unknown"
    assert anonymous["datePublished"] == "2026-01-10T17:00:00Z"
    assert "url" not in anonymous  # the transcript gives no address
    assert citing["text"] == "See the report."
    # The hostile text neither closed the script nor opened another.
    raw = path.read_text(encoding="utf-8")
    assert "</script><script>alert" not in raw
    for script in BeautifulSoup(raw, "html.parser").find_all("script"):
        assert "alert(1)" not in script.get_text() or script["type"] == "application/ld+json"


def _check_feed(path: Path) -> None:
    """The feed, as an independent feed parser reads it."""
    feed = feedparser.parse(path.read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert [entry.title for entry in feed.entries] == ["Beta debate", "Alpha debate"]
    beta, alpha_entry = feed.entries
    assert beta.link == BASE + "debates/beta.html"
    assert beta.id == BASE + "debates/beta.html"
    assert beta.updated == "2026-01-11T10:00:00Z"  # the last post's time
    assert beta.published == "2026-01-11T07:00:00Z"  # the first post's, in UTC
    assert alpha_entry.summary == "A first small debate about pets."
    assert feed.feed.updated == "2026-01-11T10:00:00Z"


def test_a_removed_debate_takes_its_exports_along(copy_root: CopyRoot, build: Build) -> None:
    srcdir = copy_root("basic")
    app = build(srcdir)
    debates = Path(app.outdir) / "debates"
    assert (debates / "beta.json").is_file()
    # alpha without beta: alpha rebuts nothing in beta, but beta rebuts alpha; remove beta.
    (srcdir / "sources" / "beta.yaml").unlink()
    essay = srcdir / "essay.md"
    essay.write_text("# Essay\n\nNo citations.\n", encoding="utf-8")
    app = build(srcdir, freshenv=False)
    assert not (debates / "beta.json").exists()
    assert (debates / "alpha.json").is_file()
    feed = feedparser.parse((debates / "feed.atom").read_bytes())
    assert [entry.title for entry in feed.entries] == ["Alpha debate"]
    assert feed.entries[0].link == "alpha.html"  # no address known: relative to the feed


def test_transcripts_with_errors_keep_the_last_exports(copy_root: CopyRoot, build: Build) -> None:
    srcdir = copy_root("basic")
    app = build(srcdir)
    debates = Path(app.outdir) / "debates"
    before = (debates / "alpha.json").read_bytes()
    alpha = srcdir / "sources" / "alpha.yaml"
    alpha.write_text(
        alpha.read_text(encoding="utf-8").replace("replies_to: a-open", "replies_to: a-nowhere"),
        encoding="utf-8",
    )
    app = build(srcdir, freshenv=False)
    assert any("error" in line for line in warnings_of(app))
    assert (debates / "alpha.json").read_bytes() == before


def test_a_broken_format_leaves_the_others_published(
    copy_root: CopyRoot, build: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = ExportFormat("broken", "Broken", ".broken", "text/plain", "rejoinder.export.nowhere")
    monkeypatch.setitem(FORMATS, "broken", broken)
    app = build(copy_root("basic"))
    warnings = warnings_of(app)
    assert len(warnings) == 1
    assert "the broken export failed" in warnings[0]
    debates = Path(app.outdir) / "debates"
    assert not (debates / "alpha.broken").exists()
    assert (debates / "alpha.json").is_file()
    assert "Broken" not in _alternates(page(app, "debates/alpha.html"))


def test_dirhtml_addresses_resolve_from_each_page(copy_root: CopyRoot, make_app: Any) -> None:
    srcdir = copy_root("basic")
    alpha = srcdir / "sources" / "alpha.yaml"
    alpha.write_text(
        alpha.read_text(encoding="utf-8").replace(
            "    text: Fair point about fish.\n",
            "    text: Fair point about fish.\n"
            "    annotations:\n      - by: Editors\n        span: fish\n        note: A note.\n",
        ),
        encoding="utf-8",
    )
    app = make_app("dirhtml", srcdir=srcdir, freshenv=True)
    app.build()
    outdir = Path(app.outdir)
    html = page(app, "debates/alpha/index.html")
    assert _alternates(html)["Rejoinder JSON"] == ("application/json", "../alpha.json")
    assert (outdir / "debates" / "alpha.json").is_file()
    page_url = "https://example.org/debates/alpha/"
    (posting,) = _json_ld(outdir / "debates" / "alpha" / "index.html", page_url)
    assert urljoin(page_url, posting["url"]) == page_url  # relative to the page itself
    assert urljoin(page_url, posting["@id"]) == page_url + "#a-open"
    feed = feedparser.parse((outdir / "debates" / "feed.atom").read_bytes())
    assert {entry.link for entry in feed.entries} == {"alpha/", "beta/"}
    # An annotation's target is the card on the page at its dirhtml address.
    annotations = json.loads((outdir / "debates" / "alpha.annotations.jsonld").read_text())
    (note,) = annotations["first"]["items"]
    sources = {target["source"] for target in note["target"]}
    assert sources == {"alpha/#a-reply"}
    app.cleanup()
