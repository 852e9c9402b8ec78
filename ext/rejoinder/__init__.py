"""Rejoinder: annotated commentary on public debates, published with Sphinx."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def setup(app: Any) -> dict[str, Any]:
    """Sphinx entry point; the Sphinx layer is imported only when Sphinx asks for it."""
    from rejoinder.sphinx import setup as _setup

    metadata: dict[str, Any] = _setup(app)
    return metadata
