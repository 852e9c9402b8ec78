"""The benchmark's synthetic corpus: valid, deterministic, and the same shape at every size."""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from pathlib import Path
from types import ModuleType

import yaml
from support import REPO, RunCli


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "generate_corpus", REPO / "bench" / "generate_corpus.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_corpus_checks_clean_and_is_deterministic(
    tmp_path: Path, run_cli: RunCli
) -> None:
    generate = _generator().generate
    first = generate(tmp_path / "one", 40, 6)
    second = generate(tmp_path / "two", 40, 6)
    assert len(first) == 40
    assert [path.read_bytes() for path in first] == [path.read_bytes() for path in second]

    result = run_cli(["check", "--no-source", str(tmp_path / "one")])
    assert result.code == 0, result.out + result.err
    assert "0 errors, 0 warnings" in result.out + result.err
    # It exercises what the renderer draws: cross-transcript rebuttals, quotes, annotations.
    text = "".join(path.read_text(encoding="utf-8") for path in first)
    assert re.search(r"rebuts: debate-\d{5}:p\d+#c\d+", text)
    assert "quotes: paper-" in text and "annotations:" in text


def test_each_person_takes_part_in_about_three_debates_at_every_size(tmp_path: Path) -> None:
    generate = _generator().generate
    for size in (100, 400):
        paths = generate(tmp_path / str(size), size, 2)
        debates_per_person = Counter(
            key
            for path in paths
            for key in yaml.safe_load(path.read_text(encoding="utf-8"))["participants"]
        )
        assert len(debates_per_person) == size * 97 // 100
        assert max(debates_per_person.values()) <= 6
