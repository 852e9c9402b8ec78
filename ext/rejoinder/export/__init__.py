"""``rejoinder export``: a debate, or the whole corpus, in a format other tools read.

Each format lives in its own module ``rejoinder.export.<format>`` with

- ``debate(graph, debate) -> str``: one debate's file, and optionally
- ``corpus(graph) -> str``: one file for the whole corpus, and optionally
- ``companion_files() -> dict[str, str]``: files published beside them (e.g. a JSON Schema),

all pure (no writing). A format is registered by one line in :data:`FORMATS`; its module is
imported only when the format is used (:meth:`ExportFormat.load`), so one missing or broken
format module makes only that format fail, with a message, never the others, the command line
or the site build.

File names: one debate's file is ``<debate id><suffix>`` and the corpus file is
``index<suffix>``. ``index`` is a reserved debate id, so the corpus file never collides with a
debate's; each format needs a suffix of its own (``.json``, ``.aif.json``, ...), since they are
written into the same folder, beside the debate pages.

No Sphinx or docutils here: this is the core.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from rejoinder.files import atomic_write
from rejoinder.graph import Graph

CORPUS_STEM = "index"  # a reserved debate id (model.RESERVED_DEBATE_IDS): never a debate's name


class FormatUnavailable(Exception):
    """The format is unknown, or its module is missing or cannot be loaded."""


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One registered export format. ``module`` is imported on first use."""

    name: str  # as typed after ``rejoinder export``
    label: str  # as readers know it
    suffix: str  # of each debate's file, e.g. ".json"
    media_type: str  # e.g. "application/json"
    module: str  # the module with ``debate(graph, debate)`` and, if any, ``corpus(graph)``
    has_corpus: bool = False  # whether the module has ``corpus(graph)``
    # whether ``debate()`` takes the debate page's address (``page_url=``): files that point
    # into the page (an annotation's target) need it, and only the site build knows it
    takes_page_url: bool = False

    def load(self) -> ModuleType:
        try:
            module = importlib.import_module(self.module)
        except ModuleNotFoundError as error:
            if error.name == self.module:
                raise FormatUnavailable(
                    f"the {self.label} export ({self.module}) is not installed in this copy "
                    "of rejoinder"
                ) from None
            raise FormatUnavailable(
                f"the {self.label} export cannot be loaded: it needs the module "
                f"'{error.name}', which is not installed"
            ) from None
        except Exception as error:  # a broken format must not break the others
            raise FormatUnavailable(
                f"the {self.label} export ({self.module}) cannot be loaded: "
                f"{type(error).__name__}: {error}"
            ) from None
        if not callable(getattr(module, "debate", None)):
            raise FormatUnavailable(f"the {self.label} export ({self.module}) has no debate()")
        if self.has_corpus and not callable(getattr(module, "corpus", None)):
            raise FormatUnavailable(f"the {self.label} export ({self.module}) has no corpus()")
        return module

    def debate(self, graph: Graph, debate: str, page_url: str | None = None) -> str:
        """One debate's file (``debate`` is its id); ``page_url``: the debate page's address,
        for formats that point into it (else ignored)."""
        module = self.load()
        if self.takes_page_url and page_url is not None:
            text: str = module.debate(graph, debate, page_url=page_url)
        else:
            text = module.debate(graph, debate)
        return text

    def corpus(self, graph: Graph) -> str | None:
        """The whole corpus's file, or None when the format has none."""
        if not self.has_corpus:
            return None
        text: str = self.load().corpus(graph)
        return text

    def companions(self) -> dict[str, str]:
        """Files published with the exports (file name -> text), e.g. the JSON Schema the
        exports name; the module's optional ``companion_files()``."""
        finder = getattr(self.load(), "companion_files", None)
        if not callable(finder):
            return {}
        files: dict[str, str] = finder()
        return files

    def debate_file(self, debate: str) -> str:
        return f"{debate}{self.suffix}"

    @property
    def corpus_file(self) -> str | None:
        return f"{CORPUS_STEM}{self.suffix}" if self.has_corpus else None


def _format(
    name: str,
    label: str,
    suffix: str,
    media_type: str,
    module: str,
    *,
    corpus: bool = False,
    page_url: bool = False,
) -> tuple[str, ExportFormat]:
    return name, ExportFormat(name, label, suffix, media_type, module, corpus, page_url)


# One line per format. Suffixes must differ: every format's files share one folder.
FORMATS: dict[str, ExportFormat] = dict(
    [
        _format(
            "json",
            "Rejoinder JSON",
            ".json",
            "application/json",
            "rejoinder.export.json_format",
            corpus=True,
        ),
        _format(
            "web-annotation",
            "W3C Web Annotation",
            ".annotations.jsonld",
            'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
            "rejoinder.export.web_annotation",
            page_url=True,
        ),
        _format("aif", "AIF", ".aif.json", "application/json", "rejoinder.export.aif"),
        _format(
            "sadface", "SADFace", ".sadface.json", "application/json", "rejoinder.export.sadface"
        ),
        _format(
            "argdown",
            "Argdown",
            ".argdown",
            "text/plain; charset=utf-8",
            "rejoinder.export.argdown",
        ),
    ]
)


def export_format(name: str) -> ExportFormat:
    """The registered format ``name``, loaded; :class:`FormatUnavailable` says why not."""
    found = FORMATS.get(name)
    if found is None:
        raise FormatUnavailable(f"unknown format '{name}'; known formats: {', '.join(FORMATS)}")
    found.load()
    return found


def available_formats() -> Iterator[tuple[ExportFormat, FormatUnavailable | None]]:
    """Every registered format, with the reason it cannot be loaded (None when it can)."""
    for found in FORMATS.values():
        try:
            found.load()
        except FormatUnavailable as error:
            yield found, error
        else:
            yield found, None


def write_atomically(target: Path, text: str) -> bool:
    """Write ``text`` (UTF-8) to ``target`` unless it already holds exactly that; a reader or a
    crash sees the old file or the new one, never half of one. Returns whether it wrote."""
    data = text.encode("utf-8")
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return False
    except OSError:
        pass
    atomic_write(target, data)
    return True
