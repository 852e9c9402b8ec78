"""Fixtures for the Sphinx integration tests.

Test roots live in ``tests/roots/test-<name>``; each test copies the root it needs into its own
temporary folder (the extension writes generated pages into the source folder, so roots must
never be built in place) and builds it with ``make_app`` from ``sphinx.testing.fixtures``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rj_helpers import ROOTS, Build, CopyRoot
from sphinx.testing.util import SphinxTestApp


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``sphinx.testing`` finds ``test-<name>`` roots."""
    return ROOTS


@pytest.fixture
def copy_root(rootdir: Path, tmp_path: Path) -> CopyRoot:
    """Copy ``test-<name>`` to ``tmp_path/<dest>`` and return the copy (a Sphinx srcdir)."""

    def copy(name: str, dest: str = "src") -> Path:
        target = tmp_path / dest
        shutil.copytree(rootdir / f"test-{name}", target)
        return target

    return copy


@pytest.fixture
def build(make_app: Callable[..., SphinxTestApp]) -> Build:
    """Build ``srcdir`` as HTML with a new application and return it.

    ``read`` (a list) collects the docnames Sphinx decides to read, through the
    ``env-before-read-docs`` event, connected before the build starts; ``written`` collects
    the documents the HTML builder writes (``html-page-context`` for pages with a doctree,
    which leaves out genindex and search).

    A root's ``docutils.conf`` is put back after each build, as it was (times included, since
    every page depends on it): ``SphinxTestApp`` deletes it when it cleans up, so a second
    build would otherwise run without it.
    """

    def run(
        srcdir: Path,
        *,
        read: list[str] | None = None,
        written: list[str] | None = None,
        connect: dict[str, Callable[..., Any]] | None = None,
        **kwargs: Any,
    ) -> SphinxTestApp:
        kwargs.setdefault("freshenv", True)
        app = make_app("html", srcdir=srcdir, warningiserror=False, **kwargs)
        for event, handler in (connect or {}).items():
            app.connect(event, handler)
        if read is not None:
            app.connect("env-before-read-docs", lambda _app, _env, docnames: read.extend(docnames))
        if written is not None:

            def note_page(
                _app: Any, pagename: str, _template: str, _context: Any, doctree: Any
            ) -> None:
                if doctree is not None:
                    written.append(pagename)

            app.connect("html-page-context", note_page)
        conf = srcdir / "docutils.conf"
        kept = (conf.read_bytes(), conf.stat()) if conf.is_file() else None
        app.build()
        # Drop docutils' global registrations now, so the next app of the same test starts
        # clean; the app's output, environment and logs stay readable.
        app.cleanup()
        if kept is not None and not conf.exists():
            conf.write_bytes(kept[0])
            os.utime(conf, ns=(kept[1].st_atime_ns, kept[1].st_mtime_ns))
        return app

    return run
