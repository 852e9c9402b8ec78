"""Small helpers shared by the Sphinx integration tests (not fixtures: plain functions)."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors
from sphinx.util.inventory import InventoryFile

# Fixture types (see conftest.py): copy a test root, build a source folder.
CopyRoot = Callable[..., Path]
Build = Callable[..., SphinxTestApp]

ROOTS = Path(__file__).resolve().parent.parent / "roots"

# Pages the extension generates for the ``test-basic`` root, relative to ``debates/``.
BASIC_GENERATED = [
    "alpha.md",
    "beta.md",
    "claims.md",
    "index.md",
    "people/ann.md",
    "people/ben.md",
    "people/cy.md",
    "people/index.md",
]


def warnings_of(app: SphinxTestApp) -> list[str]:
    """The warning lines of a build, without colour codes."""
    return strip_colors(app.warning.getvalue()).splitlines()


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def exact_soup(path: Path) -> BeautifulSoup:
    """Like :func:`soup`, but keeping whitespace-only text inside paragraphs as written:
    BeautifulSoup otherwise turns a text node of only spaces (say, after a link) into one."""
    return BeautifulSoup(
        path.read_text(encoding="utf-8"),
        "html.parser",
        preserve_whitespace_tags={"pre", "textarea", "p"},
    )


def page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    """A built HTML page, by its path relative to the output folder."""
    return soup(Path(app.outdir) / name)


def one(node: Tag | BeautifulSoup, selector: str) -> Tag:
    """The single element matching ``selector`` (fails when there are none or several)."""
    found = node.select(selector)
    assert len(found) == 1, f"{selector!r}: {len(found)} matches"
    return found[0]


def text(node: Tag) -> str:
    """Text content with whitespace runs collapsed (for labels, not contributor text)."""
    return " ".join(node.get_text().split())


def inventory(app: SphinxTestApp) -> dict[str, dict[str, tuple[str, str]]]:
    """The ``rj`` entries of objects.inv: type -> name -> (uri, display name)."""
    with (Path(app.outdir) / "objects.inv").open("rb") as stream:
        data = InventoryFile.load(stream, "", lambda base, uri: uri)
    return {
        kind: {name: (item.uri, item.display_name) for name, item in entries.items()}
        for kind, entries in data.items()
        if kind.startswith("rj:")
    }


def inventory_body(path: Path) -> bytes:
    """objects.inv with its zlib-compressed body decompressed (header lines kept)."""
    raw = path.read_bytes()
    lines = raw.split(b"\n", 4)
    return b"\n".join(lines[:4]) + b"\n" + zlib.decompress(lines[4])


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder``: relative path -> (bytes, mtime in ns)."""
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
