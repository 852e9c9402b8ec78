"""Ids that start with a digit: refused where they are anchors, working where they name pages.

docutils makes an anchor that starts with a digit into another (``0755`` -> ``id1``), so post,
claim and reference ids start with a letter (tests/bad/hard-*-digit-first.yaml). Debate ids and
participant keys name pages, and a page name may start with a digit: this builds a site whose
debate is ``2026-vote`` and whose participant is ``0755`` and follows the links to both.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup
from scratch import sphinx_build
from support import TESTS

TRANSCRIPT = """\
id: 2026-vote
title: Should the vote move to Sunday?
summary: Two residents disagree about the day of the vote.
sources:
  - title: Town forum thread
participants:
  "0755":
    handle: "@early"
  ada:
    name: Ada
posts:
  - id: opening
    author: "0755"
    text: The vote should move to Sunday.
    claims:
      - id: sunday
        statement: The vote should be on Sunday.
        quote: The vote should move to Sunday
  - id: reply
    author: ada
    replies_to: opening
    text: Fewer people come on Sundays.
    arguments:
      - rebuts: 2026-vote:opening#sunday
"""


def test_digit_first_debate_ids_and_participant_keys_name_working_pages(tmp_path: Path) -> None:
    root = TESTS / "roots" / "test-basic"
    for name in ("conf.py", "docutils.conf"):
        shutil.copy(root / name, tmp_path / name)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "2026-vote.yaml").write_text(TRANSCRIPT, encoding="utf-8")
    (tmp_path / "index.md").write_text(
        "# Debates\n\n```{toctree}\ndebates/index\n```\n", encoding="utf-8"
    )
    built = sphinx_build(tmp_path, "-W", "-n", "-q", "-b", "html", ".", "_build")
    assert built.returncode == 0, built.stderr
    html = tmp_path / "_build"
    debate = html / "debates" / "2026-vote.html"
    person = html / "debates" / "people" / "0755.html"
    assert debate.is_file() and person.is_file()
    page = BeautifulSoup(debate.read_text("utf-8"), "html.parser")
    # The cards keep their own anchors, and every link on the page leads to a page and anchor
    # that exist.
    assert page.find(id="opening") is not None and page.find(id="sunday") is not None
    followed = 0
    for link in page.find_all("a", href=True):
        href = str(link["href"])
        if href.startswith(("http:", "https:", "mailto:")) or "_static" in href:
            continue
        target, _, anchor = href.partition("#")
        target = target.partition("?")[0]  # a view of the same page
        target_path = (debate.parent / target).resolve() if target else debate
        assert target_path.is_file(), href
        if anchor:
            target_page = BeautifulSoup(target_path.read_text("utf-8"), "html.parser")
            assert target_page.find(id=anchor) is not None, href
        followed += 1
    assert followed > 3
    hrefs = [str(link["href"]) for link in page.find_all("a", href=True)]
    assert "people/0755.html" in hrefs
    assert any(href.endswith("#sunday") for href in hrefs)
    people_index = (html / "debates" / "people" / "index.html").read_text("utf-8")
    assert 'href="0755.html"' in people_index
