"""``rejoinder import kialo FILE``:
a Kialo discussion export (text) as a transcript; see :mod:`.argument_formats`.
"""

from __future__ import annotations

from typing import Any

from rejoinder.importers.argument_formats import read_kialo, transcript_of
from rejoinder.importers.base import Imported, ImportOptions


def convert(data: Any, options: ImportOptions) -> Imported:
    return transcript_of(read_kialo(data), options)
