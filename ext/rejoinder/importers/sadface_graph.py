"""``rejoinder import sadface FILE``:
SADFace JSON as a transcript; see :mod:`.argument_formats`.
"""

from __future__ import annotations

from typing import Any

from rejoinder.importers.argument_formats import read_sadface, transcript_of
from rejoinder.importers.base import Imported, ImportOptions


def convert(data: Any, options: ImportOptions) -> Imported:
    return transcript_of(read_sadface(data), options)
