"""Generating again after a change renders only the debates the change touches (and the
listings), and must give exactly the pages a generation from scratch gives: a property over
random sequences of edits to a linked corpus (texts, names, titles, rebuttals across debates,
restatements, transcripts added and removed)."""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rejoinder import generate as generate_module
from rejoinder.corpus import check_paths
from rejoinder.generate import generate
from support import GOOD, REPO

Data = dict[str, Any]


def _bench_corpus(folder: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "generate_corpus", REPO / "bench" / "generate_corpus.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(folder, 6, 5)


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.suffix in (".md", ".svg")
    }


class _Loader(yaml.SafeLoader):
    """YAML as the transcripts write it: times stay the strings they are (a datetime would be
    written back in a form the checker refuses)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load(path: Path) -> Data:
    data: Data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    return data


def _save(path: Path, data: Data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


# Each edit takes the sources folder and a random number; it changes one transcript.


def edit_text(folder: Path, pick: int) -> None:
    path = sorted(folder.glob("*.yaml"))[pick % len(list(folder.glob("*.yaml")))]
    data = _load(path)
    post = data["posts"][pick % len(data["posts"])]
    if post.get("text"):
        post["text"] += f" Edited {pick}."
    _save(path, data)


def edit_title_and_names(folder: Path, pick: int) -> None:
    path = sorted(folder.glob("*.yaml"))[pick % len(list(folder.glob("*.yaml")))]
    data = _load(path)
    data["title"] = f"{data['title']} (retitled {pick})"
    for person in data.get("participants", {}).values():
        if person.get("display_name"):
            person["display_name"] += " Jr"
    _save(path, data)


def drop_arguments(folder: Path, pick: int) -> None:
    path = sorted(folder.glob("*.yaml"))[pick % len(list(folder.glob("*.yaml")))]
    data = _load(path)
    for post in data["posts"]:
        post.pop("arguments", None)
        for claim in post.get("claims", ()):
            claim.pop("arguments", None)
            claim.pop("same_as", None)
    _save(path, data)


def add_cross_rebuttal(folder: Path, pick: int) -> None:
    paths = sorted(folder.glob("debate-*.yaml"))
    if len(paths) < 2:
        return
    source, target = paths[pick % len(paths)], paths[(pick + 1) % len(paths)]
    target_data = _load(target)
    post = target_data["posts"][pick % len(target_data["posts"])]
    data = _load(source)
    data["posts"][-1].setdefault("arguments", []).append(
        {"rebuts": f"{target_data['id']}:{post['id']}"}
    )
    _save(source, data)


def add_restatement(folder: Path, pick: int) -> None:
    paths = sorted(folder.glob("debate-*.yaml"))
    source, target = paths[pick % len(paths)], paths[(pick + 2) % len(paths)]
    target_data = _load(target)
    claims = [(p["id"], c["id"]) for p in target_data["posts"] for c in p.get("claims", ())]
    data = _load(source)
    mine = [c for p in data["posts"] for c in p.get("claims", ())]
    if source == target or not claims or not mine:
        return
    post, claim = claims[pick % len(claims)]
    mine[pick % len(mine)]["same_as"] = f"{target_data['id']}:{post}#{claim}"
    _save(source, data)


def remove_transcript(folder: Path, pick: int) -> None:
    """Take out a transcript no other one refers to (its neighbours' pages lose backlinks)."""
    paths = sorted(folder.glob("debate-*.yaml"))
    texts = {path: path.read_text(encoding="utf-8") for path in folder.glob("*.yaml")}
    for path in [*paths[pick % len(paths) :], *paths[: pick % len(paths)]]:
        debate = _load(path)["id"]
        if len(paths) > 2 and not any(
            f"{debate}:" in text for other, text in texts.items() if other != path
        ):
            path.unlink()
            return


def add_transcript(folder: Path, pick: int) -> None:
    paths = sorted(folder.glob("debate-*.yaml"))
    data = _load(paths[pick % len(paths)])
    data["id"] = f"debate-new-{pick}"
    _save(folder / f"debate-new-{pick}.yaml", data)


EDITS: list[Callable[[Path, int], None]] = [
    edit_text,
    edit_title_and_names,
    drop_arguments,
    add_cross_rebuttal,
    add_restatement,
    remove_transcript,
    add_transcript,
]


def _valid(folder: Path) -> bool:
    return not any(problem.is_error for problem in check_paths([folder], jobs=1).problems)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    steps=st.lists(
        st.tuples(st.integers(0, len(EDITS) - 1), st.integers(0, 1000)), min_size=1, max_size=4
    )
)
def test_generating_again_gives_the_pages_of_a_fresh_generation(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[int, int]]
) -> None:
    base = tmp_path_factory.mktemp("incremental")
    sources = base / "sources"
    _bench_corpus(sources)
    for path in GOOD.glob("*.yaml"):
        shutil.copy(path, sources / path.name)
    out = base / "debates"
    assert generate(sources, out).ok
    for number, (edit, pick) in enumerate(steps):
        kept = {path: path.read_bytes() for path in sources.glob("*.yaml")}
        EDITS[edit](sources, pick)
        if not _valid(sources):  # an edit this corpus cannot take: undo it
            for path in sources.glob("*.yaml"):
                if path not in kept:
                    path.unlink()
            for path, data in kept.items():
                path.write_bytes(data)
            continue
        again = generate(sources, out)
        fresh = base / f"fresh-{number}"
        assert generate(sources, fresh).ok
        assert again.ok
        assert _files(out) == _files(fresh), EDITS[edit].__name__


@pytest.mark.parametrize("edit", EDITS, ids=[edit.__name__ for edit in EDITS])
def test_each_edit_keeps_the_corpus_valid(
    tmp_path: Path, edit: Callable[[Path, int], None]
) -> None:
    """So that the property above tests edits, not undone attempts."""
    sources = tmp_path / "sources"
    _bench_corpus(sources)
    for path in GOOD.glob("*.yaml"):
        shutil.copy(path, sources / path.name)
    before = {path.name: path.read_bytes() for path in sources.glob("*.yaml")}
    edit(sources, 1)
    assert {path.name: path.read_bytes() for path in sources.glob("*.yaml")} != before
    assert _valid(sources)


def test_an_edit_renders_only_the_debates_it_touches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = tmp_path / "sources"
    _bench_corpus(sources)
    out = tmp_path / "debates"
    generate(sources, out)
    rendered: list[str] = []
    real = generate_module.render_debate_pages

    def spy(graph: Any, debate: str, restated: Any) -> Any:
        rendered.append(debate)
        return real(graph, debate, restated)

    monkeypatch.setattr(generate_module, "render_debate_pages", spy)
    edit_text(sources, 3)  # one post of debate-00003
    again = generate(sources, out)
    assert "debate-00003" in rendered
    assert len(rendered) < 6  # its neighbours, not every debate
    assert "debate-00003.md" in again.written
