"""``rejoinder_tune_gc``: fewer collections during the build, the interpreter's settings back
afterwards (a process, like this test session, may run many builds)."""

from __future__ import annotations

import gc
from typing import Any

import pytest
from rj_helpers import Build, CopyRoot, warnings_of

pytestmark = pytest.mark.sphinx


@pytest.mark.parametrize("tune", [True, False])
def test_gc_settings_during_and_after_the_build(
    copy_root: CopyRoot, build: Build, tune: bool
) -> None:
    srcdir = copy_root("basic")
    if not tune:
        conf = srcdir / "conf.py"
        conf.write_text(conf.read_text(encoding="utf-8") + "\nrejoinder_tune_gc = False\n")
    before = gc.get_threshold()
    during: list[tuple[int, int, int]] = []

    def note(*_args: Any) -> None:
        during.append(gc.get_threshold())

    app = build(srcdir, connect={"env-updated": note})
    assert warnings_of(app) == []
    assert during, "env-updated was not emitted"
    if tune:
        young, _, old = during[0]
        assert young >= 50_000 and old >= 1_000_000_000
    else:
        assert during[0] == before
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
