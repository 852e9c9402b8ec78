"""The thin Sphinx layer: registration, the ``rj`` domain, page metadata.

Everything here hands over to the pure core (:mod:`rejoinder.generate` and what it uses); the
core never imports this package, Sphinx or docutils.
"""

from __future__ import annotations

from typing import Any


def setup(app: Any) -> dict[str, Any]:
    """Sphinx entry point (``extensions = ["rejoinder"]`` lands here through the package)."""
    from rejoinder.sphinx.extension import setup as _setup

    metadata: dict[str, Any] = _setup(app)
    return metadata
