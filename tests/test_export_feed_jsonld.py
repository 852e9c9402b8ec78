"""The Atom feed and the schema.org JSON-LD from real transcripts, read back by parsers that are
not ours (feedparser, extruct): the feed's dates as documented, hostile text kept as text."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import extruct
import feedparser
from rejoinder.export import atom, schemaorg
from rejoinder.generate import load_corpus
from rejoinder.graph import Graph, build_graph

HOSTILE = "]]> </script><!-- <b>&amp; \" ' &"


def _transcript(
    debate: str, *, title: str = "A debate", posted: str | None, captured: str | None = None
) -> str:
    lines = [
        f"id: {debate}",
        f"title: {_quoted(title)}",
        f"summary: {_quoted('About ' + HOSTILE)}",
        "sources:",
        "  - title: A thread",
    ]
    if captured:
        lines.append(f"    captured: {captured}")
    lines += ["posts:", "  - id: first", "    author: unknown", "    text: Hello."]
    if posted:
        lines.append(f"    posted: {posted}")
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    """A YAML single-quoted scalar: the text exactly."""
    return "'" + text.replace("'", "''") + "'"


def _graph(folder: Path, transcripts: dict[str, str]) -> Graph:
    folder.mkdir(exist_ok=True)
    for name, text in transcripts.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    loaded, corpus = load_corpus(folder)
    assert corpus.error_count == 0, [problem.format() for problem in corpus.problems]
    return build_graph(loaded)


def _feed(graph: Graph, **options: Any) -> Any:
    text = atom.feed(graph, title=f"Site {HOSTILE}", page_address=lambda d: f"{d}.html", **options)
    parsed = feedparser.parse(text.encode("utf-8"))
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


def test_updated_is_the_latest_recorded_moment_and_undated_debates_stay_out(
    tmp_path: Path,
) -> None:
    graph = _graph(
        tmp_path / "sources",
        {
            "posted": _transcript("posted", title="Posted", posted="2026-03-01T10:00:00+01:00"),
            "captured-later": _transcript(
                "captured-later",
                title="Captured later",
                posted="2026-02-01T10:00:00Z",
                captured="2026-04-02",
            ),
            "undated": _transcript("undated", title="Undated", posted=None),
            "hostile": _transcript("hostile", title=HOSTILE, posted="2026-01-01T00:00:00Z"),
        },
    )
    parsed = _feed(graph)
    assert [entry.title for entry in parsed.entries] == ["Captured later", "Posted", HOSTILE]
    captured, posted, hostile = parsed.entries
    assert captured.updated == "2026-04-02T00:00:00Z"  # the capture, later than the post
    assert captured.published == "2026-02-01T10:00:00Z"
    assert posted.updated == "2026-03-01T09:00:00Z"  # in UTC
    assert hostile.summary == f"About {HOSTILE}"
    assert parsed.feed.title == f"Site {HOSTILE}"
    assert parsed.feed.updated == "2026-04-02T00:00:00Z"
    assert captured.link == "captured-later.html"
    # Stable ids without an address: the same graph gives the same ids.
    assert [entry.id for entry in _feed(graph).entries] == [entry.id for entry in parsed.entries]


def test_the_newest_debates_are_listed(tmp_path: Path) -> None:
    graph = _graph(
        tmp_path / "sources",
        {
            f"d{day:02d}": _transcript(f"d{day:02d}", posted=f"2026-01-{day:02d}T00:00:00Z")
            for day in range(1, 29)
        },
    )
    parsed = _feed(graph, limit=5, feed_address="https://example.org/debates/feed.atom")
    assert [entry.link for entry in parsed.entries] == [
        f"d{day}.html" for day in (28, 27, 26, 25, 24)
    ]
    assert parsed.feed.id == "https://example.org/debates/feed.atom"


def test_json_ld_with_hostile_text_reads_back_as_written(tmp_path: Path) -> None:
    graph = _graph(
        tmp_path / "sources",
        {"hostile": _transcript("hostile", title=HOSTILE, posted="2026-01-01T00:00:00Z")},
    )
    data = schemaorg.discussion(graph, "hostile", "https://example.org/debates/hostile.html")
    element = schemaorg.script_element(data)
    assert element.count("<") == 2  # the element's own tags, nothing else
    page = f"<!DOCTYPE html><html><head>{element}</head><body></body></html>"
    (found,) = extruct.extract(page, syntaxes=["json-ld"])["json-ld"]
    assert found == data
    assert found["headline"] == HOSTILE
    assert "author" not in found  # the one post's author is unknown


def test_the_documented_json_ld_is_what_the_page_gets(tmp_path: Path) -> None:
    page = (Path(__file__).parent.parent / "docs" / "export.md").read_text(encoding="utf-8")
    transcript = re.search(r"```yaml\n(.*?)```", page.split("## Rejoinder JSON", 1)[1], re.DOTALL)
    section = page.split("## Structured data", 1)[1]
    shown = re.search(r"```json\n(.*?)```", section, re.DOTALL)
    assert transcript is not None and shown is not None
    graph = _graph(tmp_path / "sources", {"example": transcript.group(1)})
    (debate,) = graph.transcripts
    url = f"https://debates.example.org/debates/{debate}.html"
    assert json.loads(shown.group(1)) == schemaorg.discussion(graph, debate, url)
