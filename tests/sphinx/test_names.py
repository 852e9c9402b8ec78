"""The contracts between the layers are declared once, in :mod:`rejoinder.names`: the class
names the renderer writes and the Sphinx layer, the stylesheet and rejoinder.js read, and the
display format of times."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from rejoinder import names
from rejoinder.names import utc_text

STATIC = Path(names.__file__).parent / "static"
# A class name or prefix of ours: "rj-..." or "rejoinder-...", not inside another name
# (data-rj-depth, --rj-depth are attributes and custom properties, not classes).
NAME = re.compile(r"(?<![\w-])(?:rj-[a-z0-9-]+|rejoinder-[a-z0-9-]+)")


def script_names() -> set[str]:
    script = (STATIC / "rejoinder.js").read_text(encoding="utf-8")
    return set(NAME.findall(script))


def test_every_name_the_script_uses_is_declared() -> None:
    used = script_names()
    assert {"rejoinder-card", "rj-time", "rj-views", "rj-ann-"} <= used  # the parse works
    assert sorted(used - names.declared()) == []


def test_a_name_missing_from_the_declarations_is_caught(tmp_path: Path) -> None:
    """The check itself: a name the declarations lack is reported."""
    assert NAME.findall('card.querySelector(".rj-not-declared")') == ["rj-not-declared"]
    assert "rj-not-declared" not in names.declared()
    assert NAME.findall("data-rj-depth --rj-depth") == []


@pytest.mark.parametrize(
    "moment",
    [
        dt.datetime(2026, 1, 10, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=-7))),
        dt.datetime(2026, 12, 31, 23, 59, 59, tzinfo=dt.UTC),
    ],
)
def test_time_formats_read_back(moment: dt.datetime) -> None:
    shown = utc_text(moment)
    again = dt.datetime.strptime(shown, names.TIME_SHOWN).replace(tzinfo=dt.UTC)
    assert again == moment.replace(second=0).astimezone(dt.UTC)
    assert names.utc_machine(moment) == again.strftime("%Y-%m-%dT%H:%MZ")
