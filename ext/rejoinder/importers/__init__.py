"""``rejoinder import``: real threads from their platforms' API responses into transcripts.

One module per platform (``bluesky``, ``mastodon``, ``hackernews``, ``reddit``, ``x``), each with
``convert(data, options) -> Imported`` (pure), ``thread_address(data)`` (what ``--update`` reads
again) and, where the platform has a public unauthenticated read API, ``fetch(address, get)``
(the requests to make for a web address, through the ``get`` it is handed). See :mod:`.base`.

The platform modules are imported only when asked for (:func:`platform`), so one missing or
broken module makes only that platform fail, with a message, never the whole command line.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
import threading
from types import ModuleType
from typing import Any

from rejoinder.importers.base import Get, Imported, ImportOptions

# name -> (module, the name readers know)
PLATFORMS: dict[str, tuple[str, str]] = {
    "bluesky": ("rejoinder.importers.bluesky", "Bluesky"),
    "mastodon": ("rejoinder.importers.mastodon", "Mastodon"),
    "hackernews": ("rejoinder.importers.hackernews", "Hacker News"),
    "reddit": ("rejoinder.importers.reddit", "Reddit"),
    "x": ("rejoinder.importers.x", "X"),
}
# Argument graphs saved from argument tools: files, not platform responses (no fetch, no
# --update); their importers read the file's bytes. Same shape as PLATFORMS.
ARGUMENT_FORMATS: dict[str, tuple[str, str]] = {
    "aif": ("rejoinder.importers.aif_graph", "AIF"),
    "sadface": ("rejoinder.importers.sadface_graph", "SADFace"),
    "argdown": ("rejoinder.importers.argdown_graph", "Argdown"),
    "kialo": ("rejoinder.importers.kialo_graph", "Kialo"),
}


class PlatformUnavailable(Exception):
    """The platform is unknown, or its importer module is missing or cannot be loaded."""


class Platform:
    """One platform's importer, as the command line uses it."""

    __slots__ = ("_module", "label", "name")

    def __init__(self, name: str, label: str, module: ModuleType) -> None:
        self.name = name
        self.label = label
        self._module = module

    def convert(self, data: Any, options: ImportOptions) -> Imported:
        result: Imported = self._module.convert(data, options)
        return result

    @property
    def can_fetch(self) -> bool:
        return callable(getattr(self._module, "fetch", None))

    def fetch(self, address: str, get: Get) -> Any:
        if not self.can_fetch:
            raise PlatformUnavailable(
                f"{self.label} has no public read API that rejoinder can use; save the "
                "response as a JSON file and import that file"
            )
        return self._module.fetch(address, get)

    def thread_address(self, data: Any) -> str | None:
        finder = getattr(self._module, "thread_address", None)
        if not callable(finder):
            return None
        address: str | None = finder(data)
        return address


def platform(name: str) -> Platform:
    """The importer of ``name``; :class:`PlatformUnavailable` says why there is none."""
    entry = PLATFORMS.get(name) or ARGUMENT_FORMATS.get(name)
    if entry is None:
        known = ", ".join([*PLATFORMS, *ARGUMENT_FORMATS])
        raise PlatformUnavailable(f"unknown platform '{name}'; known platforms: {known}")
    module_name, label = entry
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name == module_name:
            raise PlatformUnavailable(
                f"the {label} importer ({module_name}) is not installed in this copy of rejoinder"
            ) from None
        raise PlatformUnavailable(
            f"the {label} importer cannot be loaded: it needs the module '{error.name}', "
            "which is not installed"
        ) from None
    except Exception as error:  # a broken importer must not break the other platforms
        raise PlatformUnavailable(
            f"the {label} importer ({module_name}) cannot be loaded: "
            f"{type(error).__name__}: {error}"
        ) from None
    if not callable(getattr(module, "convert", None)):
        raise PlatformUnavailable(f"the {label} importer ({module_name}) has no convert()")
    return Platform(name, label, module)


# Real threads nest deeply (Bluesky's v1 thread nests two JSON levels per reply, and its API
# gives up to 1,000 replies deep), beyond what the JSON parser's recursion allows by default.
MAX_JSON_DEPTH = 100_000
_PARSER_STACK = 512 * 1024 * 1024  # reserved, not used, until the parse goes that deep


def parse_json(raw: bytes | str) -> Any:
    """JSON text as data, however deeply nested (up to MAX_JSON_DEPTH levels).

    The standard parser recurses once per level; it runs here in a thread of its own with a
    large stack and a raised recursion limit, so that a deep thread neither hits the limit nor
    overflows the process's stack. Raises ``json.JSONDecodeError``, ``UnicodeDecodeError``, or
    ``RecursionError`` past MAX_JSON_DEPTH.
    """
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8-sig")
    result: list[Any] = []
    failure: list[BaseException] = []

    def parse() -> None:
        try:
            result.append(json.loads(raw))
        except BaseException as error:  # handed to the caller's thread
            failure.append(error)

    with _PARSING:
        limit = sys.getrecursionlimit()
        size = threading.stack_size()
        sys.setrecursionlimit(max(limit, MAX_JSON_DEPTH + 100))
        try:
            threading.stack_size(_PARSER_STACK)
            worker = threading.Thread(target=parse, name="rejoinder-json")
            worker.start()
        finally:
            threading.stack_size(size)
        worker.join()
        sys.setrecursionlimit(limit)
    if failure:
        raise failure[0]
    return result[0]


_PARSING = threading.Lock()
