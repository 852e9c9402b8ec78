"""Every real saved response of tests/platforms, imported by its platform's importer and built
into one site strictly: no warning, and each card shows what its post holds (the text exactly,
the placeholder of a post not shown, the title, one list item per media). The renderer meets
here what real threads contain, not only what its own fixtures hold.

A platform whose importer is not there yet is left out, and so is a response its importer
does not take alone (a Mastodon context without its status); the test prints both.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from rejoinder.importers import PLATFORMS, PlatformUnavailable, platform
from rejoinder.importers.base import ImportOptions, UnreadableInput
from rj_helpers import ROOTS, exact_soup, one, warnings_of
from sphinx.testing.util import SphinxTestApp
from test_text_fidelity import expected, shown_text

pytestmark = pytest.mark.sphinx

FIXTURES = Path(__file__).resolve().parents[1] / "platforms"
CAPTURED = dt.date(2026, 12, 2)


def debate_id(path: Path) -> str:
    return re.sub(r"[^a-z0-9]+", "-", f"{path.parent.name}-{path.stem}".lower()).strip("-")[:60]


def imported() -> tuple[list[dict[str, Any]], list[str]]:
    """The transcripts of every response an importer is there for and takes, and what was
    left out (platforms without an importer, responses not taken alone)."""
    transcripts = []
    missing = []
    for name in PLATFORMS:
        try:
            importer = platform(name)
        except PlatformUnavailable:
            missing.append(name)
            continue
        for path in sorted((FIXTURES / name).glob("*.json")):
            options = ImportOptions(captured=CAPTURED, debate_id=debate_id(path))
            data = json.loads(path.read_text(encoding="utf-8"))
            try:
                transcripts.append(importer.convert(data, options).transcript)
            except UnreadableInput:
                missing.append(path.relative_to(FIXTURES).as_posix())
    return transcripts, missing


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[SphinxTestApp, list[dict[str, Any]]]:
    transcripts, missing = imported()
    print("left out:", ", ".join(missing) or "nothing")
    srcdir = tmp_path_factory.mktemp("imports") / "src"
    shutil.copytree(ROOTS / "test-fidelity", srcdir)
    (srcdir / "sources").mkdir()
    for transcript in transcripts:
        (srcdir / "sources" / f"{transcript['id']}.yaml").write_text(
            yaml.safe_dump(transcript, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True, confoverrides={"nitpicky": True})
    try:
        app.build()
    finally:
        app.cleanup()
    return app, transcripts


def test_every_imported_thread_builds_strictly(
    site: tuple[SphinxTestApp, list[dict[str, Any]]],
) -> None:
    app, transcripts = site
    assert len(transcripts) >= 5  # Bluesky, Reddit, Hacker News and X were there when written
    assert warnings_of(app) == []


def test_every_card_shows_what_its_post_holds(
    site: tuple[SphinxTestApp, list[dict[str, Any]]],
) -> None:
    app, transcripts = site
    seen = {"text": 0, "not shown": 0, "media": 0, "title": 0}
    for transcript in transcripts:
        page = exact_soup(Path(app.outdir) / "debates" / f"{transcript['id']}.html")
        for post in transcript["posts"]:
            check_card(page, post, seen)
    # The real responses hold every kind (a test that saw none would prove nothing).
    assert all(seen.values()), seen


def check_card(page: BeautifulSoup, post: dict[str, Any], seen: dict[str, int]) -> None:
    card = one(page, f"section#{post['id']} > div.rejoinder-card")
    where = post["id"]
    if "text" in post:
        assert shown_text(one(one(card, "div.rj-text"), "p")) == expected(post["text"]), where
        seen["text"] += 1
    else:
        assert card.select("div.rj-text") == [], where
    status = post.get("status", "shown")
    if status != "shown":
        assert f"rj-state-{status}" in card["class"], where
        assert one(card, "div.rj-placeholder"), where
        seen["not shown"] += 1
    else:
        assert card.select("div.rj-placeholder") == [], where
    media = post.get("media", [])
    assert len(card.select("div.rj-media li")) == len(media), where
    seen["media"] += len(media)
    for item, shown in zip(media, card.select("div.rj-media li"), strict=True):
        if "alt" in item:
            assert shown_text(one(shown, "span.rj-alt")) == expected(item["alt"]), where
        else:
            assert "no alt text given" in shown.get_text(), where
    if "title" in post:
        assert one(card, "span.rj-post-title").get_text() == post["title"], where
        seen["title"] += 1
    assert card.select("img, video, audio, iframe, object, embed, script") == [], where
