"""axe-core (through axe-playwright-python) on every page of the built site (found in the
output), in both themes, with the reading aids active: zero violations, no rule switched off.

The only exceptions are listed one by one in UPSTREAM: violations in markup that this suite's
CSS and JavaScript cannot change (furo's templates). Each names its element and its fix, and
``test_upstream_violation_is_fixed`` (a strict xfail per entry) starts failing once that markup
is fixed, so that the entry is then removed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from browser_support import DEBATE, DESKTOP, PHONE, OpenPage

pytestmark = pytest.mark.browser


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, found in the output rather than listed by hand."""
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if not path.relative_to(site).parts[0].startswith("_")  # _static, _sources, _images
    )


# (rule, first CSS target) -> where it comes from and how to fix it there.
UPSTREAM: dict[tuple[str, str], str] = {}


def axe_violations(page: Any, options: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    from axe_playwright_python.sync_playwright import Axe

    settings = {"resultTypes": ["violations"], **(options or {})}
    found: list[dict[str, Any]] = Axe().run(page, options=settings).response["violations"]
    return found


def is_upstream(rule: str, node: dict[str, Any]) -> bool:
    return (rule, node["target"][0]) in UPSTREAM


def violations(page: Any) -> list[dict[str, Any]]:
    """Every violation except the listed upstream ones."""
    found = []
    for violation in axe_violations(page):
        nodes = [n for n in violation["nodes"] if not is_upstream(violation["id"], n)]
        if nodes:
            found.append({**violation, "nodes": nodes})
    return found


def report(found: list[dict[str, Any]]) -> str:
    lines = []
    for violation in found:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:8]:
            lines.append(f"    {json.dumps(node['target'])}: {node['failureSummary']!r}")
            lines.append(f"      {node['html'][:200]}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_any_page(site: Path, open_page: OpenPage, scheme: str) -> None:
    pages = site_pages(site)
    assert {"index.html", "contributing.html", DEBATE, "debates/claims.html"} <= set(pages)
    failures = []
    for path in pages:
        page = open_page(path, color_scheme=scheme, viewport=DESKTOP)
        found = violations(page)
        if found:
            failures.append(f"{path}, {scheme} theme:\n{report(found)}")
    assert not failures, "\n".join(failures)


def test_axe_debate_page_in_use(open_page: OpenPage) -> None:
    """The conversation view on a phone, a preview open and a note highlighted."""
    page = open_page(f"{DEBATE}?view=tree", viewport=PHONE, color_scheme="dark")
    page.locator("[id='nathan-frontier'] .rj-links .rj-edge-replies-to a").first.focus()
    page.locator(".rj-preview").wait_for(state="visible")
    found = violations(page)
    page.locator(".rj-text .rj-annotated[tabindex]").first.focus()
    found += violations(page)
    assert not found, report(found)


_SEEN: set[tuple[str, str]] = set()


def upstream_seen(open_page: OpenPage) -> set[tuple[str, str]]:
    """The UPSTREAM (rule, target) pairs axe still reports (scanned once per session)."""
    if not _SEEN:
        rules = sorted({rule for rule, _ in UPSTREAM})
        options = {"runOnly": {"type": "rule", "values": rules}}
        for path in (DEBATE, "format.html"):
            page = open_page(path)
            page.mouse.wheel(0, 3000)  # furo shows its back-to-top link when scrolling back up
            page.wait_for_timeout(300)
            page.mouse.wheel(0, -200)
            page.wait_for_timeout(300)
            for violation in axe_violations(page, options):
                _SEEN.update((violation["id"], n["target"][0]) for n in violation["nodes"])
        _SEEN.add(("", ""))  # scanned
    return _SEEN


@pytest.mark.parametrize(
    "key",
    [
        pytest.param(key, id=f"{key[0]}:{key[1]}", marks=pytest.mark.xfail(strict=True, reason=why))
        for key, why in UPSTREAM.items()
    ],
)
def test_upstream_violation_is_fixed(open_page: OpenPage, key: tuple[str, str]) -> None:
    """Each UPSTREAM entry is a strict xfail: once its markup is fixed this passes, which
    fails the run until the entry is removed from UPSTREAM (so the list never hides more)."""
    assert key not in upstream_seen(open_page), UPSTREAM[key]
