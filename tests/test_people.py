"""A participant key names one person across debates: the check says where transcripts disagree.

The site gives each key one person page, so two debates that use the key ``ada`` for two
different people would be merged into one. Handles and stated names identify a person;
display names and profile addresses may differ.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import GOOD, RunCli

DEBATE = (GOOD / "energy-debate.yaml").read_text(encoding="utf-8")
REJOINDER = (GOOD / "energy-rejoinder.yaml").read_text(encoding="utf-8")
# energy-rejoinder's participants, with ada of energy-debate added (written differently).
ADA_HERE = """participants:
  carol:
    name: Carol
  ada:
{fields}"""


def _corpus(folder: Path, ada_fields: str) -> None:
    shutil.copy(GOOD / "energy-debate.yaml", folder / "energy-debate.yaml")
    text = REJOINDER.replace("participants:\n  carol:\n    name: Carol\n", ADA_HERE)
    (folder / "rejoinder.yaml").write_text(
        text.format(fields=ada_fields) if "{fields}" in text else text, encoding="utf-8"
    )


@pytest.mark.parametrize(
    "fields",
    [
        # the same handle, another display name and profile address
        '    handle: "@ada"\n    display_name: Ada 🌙\n    profile_url: https://x.example/ada\n',
        '    handle: "@ADA"\n',  # handles are not case-sensitive
        "    name: ada  lovelace\n",  # names: nor case nor runs of spaces
        "    display_name: Someone else entirely\n",  # display names change
    ],
)
def test_the_same_person_may_be_written_differently(
    fields: str, tmp_path: Path, run_cli: RunCli
) -> None:
    _corpus(tmp_path, fields)
    result = run_cli(["check", "."], cwd=tmp_path)
    assert (result.code, result.out) == (0, "checked 2 transcripts: 0 errors, 0 warnings\n")


def test_another_handle_for_the_same_key_is_an_error_at_that_handle(
    tmp_path: Path, run_cli: RunCli
) -> None:
    _corpus(tmp_path, '    handle: "@ada_l"\n    name: Ada Lovelace\n')
    result = run_cli(["check", "."], cwd=tmp_path)
    assert result.code == 1
    assert result.out == (
        "rejoinder.yaml:23:13: error: participant 'ada' is @ada_l here but @ada in "
        "energy-debate.yaml: a participant key names one person on the whole site "
        "[inconsistent]\n"
        "  hint: use a different key for a different person, or make the handles agree\n"
        '    23 |     handle: "@ada_l"\n'
        "       |             ^\n"
        "checked 2 transcripts: 1 error, 0 warnings\n"
    )


def test_another_name_for_the_same_key_is_an_error(tmp_path: Path, run_cli: RunCli) -> None:
    _corpus(tmp_path, "    name: Ada Byron\n")
    result = run_cli(["check", "--no-source", "."], cwd=tmp_path)
    assert result.out == (
        "rejoinder.yaml:23:11: error: participant 'ada' is named 'Ada Byron' here but named "
        "'Ada Lovelace' in energy-debate.yaml: a participant key names one person on the whole "
        "site [inconsistent]\n"
        "  hint: use a different key for a different person, or make the names agree\n"
        "checked 2 transcripts: 1 error, 0 warnings\n"
    )


def test_every_disagreeing_transcript_is_told_with_worker_processes(
    tmp_path: Path, run_cli: RunCli
) -> None:
    # Enough transcripts for worker processes: the identities travel back from them.
    alone = REJOINDER.replace(
        "        arguments:\n          - rebuts: energy-debate:ada-opening#payback\n"
        "    arguments:\n      - supports: energy-debate:bob-reply\n",
        "",
    )
    assert "energy-debate:" not in alone
    for number in range(70):
        text = alone.replace("id: energy-rejoinder", f"id: debate-{number:02d}")
        handle = f"@carol{number}" if number % 30 == 29 else "@carol"
        text = text.replace("    name: Carol\n", f"    name: Carol\n    handle: '{handle}'\n")
        (tmp_path / f"t{number:02d}.yaml").write_text(text, encoding="utf-8")
    serial = run_cli(["check", "--no-source", "--jobs", "1", "."], cwd=tmp_path)
    parallel = run_cli(["check", "--no-source", "--jobs", "2", "."], cwd=tmp_path)
    assert parallel.out == serial.out
    assert serial.out == (
        "t29.yaml:18:13: error: participant 'carol' is @carol29 here but @carol in t00.yaml: "
        "a participant key names one person on the whole site [inconsistent]\n"
        "  hint: use a different key for a different person, or make the handles agree\n"
        "t59.yaml:18:13: error: participant 'carol' is @carol59 here but @carol in t00.yaml: "
        "a participant key names one person on the whole site [inconsistent]\n"
        "  hint: use a different key for a different person, or make the handles agree\n"
        "checked 70 transcripts: 2 errors, 0 warnings\n"
    )
