"""Generating pages: rendered again only when what they are made from changed, and never left
different from what the transcripts say."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rejoinder import generate as generate_module
from rejoinder.generate import generate
from support import GOOD


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    for path in GOOD.glob("energy-*.yaml"):
        shutil.copy(path, folder / path.name)
    return folder


def no_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("rendered again")

    monkeypatch.setattr(generate_module, "render_site", refuse)


def test_nothing_changed_renders_nothing(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "debates"
    first = generate(sources, out)
    assert first.ok and first.written and not first.unchanged
    pages = {path: (out / path).read_bytes() for path in first.written}
    no_rendering(monkeypatch)
    second = generate(sources, out)
    assert second.ok and second.graph is not None  # the graph is still there for the extension
    assert second.written == []
    assert sorted(second.unchanged) == sorted(first.written)
    assert {path: (out / path).read_bytes() for path in first.written} == pages


def test_an_edited_transcript_renders_again(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "debates"
    generate(sources, out)
    debate = sources / "energy-debate.yaml"
    debate.write_text(
        debate.read_text(encoding="utf-8").replace("twelve years", "eleven years"),
        encoding="utf-8",
    )
    again = generate(sources, out)
    assert "energy-debate.md" in again.written
    assert "eleven years" in (out / "energy-debate.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("damage", ["edit", "delete"])
def test_a_page_changed_by_hand_is_made_again(sources: Path, tmp_path: Path, damage: str) -> None:
    out = tmp_path / "debates"
    generate(sources, out)
    page = out / "energy-debate.md"
    written = page.read_bytes()
    if damage == "edit":
        page.write_text("# Not what the transcript says\n", encoding="utf-8")
    else:
        page.unlink()
    again = generate(sources, out)
    assert again.written == ["energy-debate.md"]
    assert page.read_bytes() == written


def test_new_renderer_code_renders_everything_again(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "debates"
    first = generate(sources, out)
    real = generate_module.code_digest
    monkeypatch.setattr(generate_module, "code_digest", lambda: real() + "-new-code")
    rendered: list[object] = []
    real_render = generate_module.render_site
    monkeypatch.setattr(
        generate_module, "render_site", lambda graph: rendered.append(graph) or real_render(graph)
    )
    again = generate(sources, out)
    assert len(rendered) == 1
    # the same bytes: nothing rewritten
    assert again.written == []
    assert sorted(again.unchanged) == sorted(first.written)
