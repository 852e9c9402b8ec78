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


# --- platform account ids (issue 11): compared exactly -------------------------------------------


def _with_account(folder: Path, debate_id: str, ada_fields: str) -> None:
    """energy-debate's ada with ``ada_fields`` added to her entry, under another debate id."""
    text = DEBATE.replace(
        "    profile_url: https://forum.example.org/u/ada\n",
        "    profile_url: https://forum.example.org/u/ada\n" + ada_fields,
    )
    assert text != DEBATE or not ada_fields
    (folder / f"{debate_id}.yaml").write_text(
        text.replace("id: energy-debate", f"id: {debate_id}"), encoding="utf-8"
    )


def test_another_account_id_for_the_same_key_is_an_error_at_that_id(
    tmp_path: Path, run_cli: RunCli
) -> None:
    _with_account(tmp_path, "first", "    account_id: did:plc:ada1\n")
    _with_account(tmp_path, "second", "    account_id: did:plc:ada2\n")
    result = run_cli(["check", "."], cwd=tmp_path)
    assert result.code == 1
    assert result.out == (
        "second.yaml:22:17: error: participant 'ada' is the account 'did:plc:ada2' here but the "
        "account 'did:plc:ada1' in first.yaml: a participant key names one person on the whole "
        "site [inconsistent]\n"
        "  hint: use a different key for a different person, or make the account ids agree\n"
        "    22 |     account_id: did:plc:ada2\n"
        "       |                 ^\n"
        "checked 2 transcripts: 1 error, 0 warnings\n"
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("    account_id: did:plc:ada1\n", "    account_id: did:plc:ada1\n"),  # agree
        ("    account_id: did:plc:ada1\n", ""),  # one leaves it out
        ("", "    account_id: did:plc:ada1\n"),
    ],
)
def test_account_ids_that_agree_or_are_left_out_pass(
    first: str, second: str, tmp_path: Path, run_cli: RunCli
) -> None:
    _with_account(tmp_path, "first", first)
    _with_account(tmp_path, "second", second)
    result = run_cli(["check", "."], cwd=tmp_path)
    assert (result.code, result.out) == (0, "checked 2 transcripts: 0 errors, 0 warnings\n")


def test_account_ids_differing_only_in_case_are_two_accounts(
    tmp_path: Path, run_cli: RunCli
) -> None:
    """Hacker News user names are case-sensitive: 'Ada' and 'ada' are two people there."""
    _with_account(tmp_path, "first", "    account_id: ada\n")
    _with_account(tmp_path, "second", "    account_id: Ada\n")
    result = run_cli(["check", "--no-source", "."], cwd=tmp_path)
    assert result.code == 1
    assert "participant 'ada' is the account 'Ada' here but the account 'ada'" in result.out


def test_an_account_id_alone_identifies_a_participant(tmp_path: Path, run_cli: RunCli) -> None:
    """A participant known only by display name and account id is still compared."""
    for number, account in enumerate(("did:plc:one", "did:plc:two")):
        text = DEBATE.replace(
            '  bob_2:\n    handle: "@bob"\n',
            f"  bob_2:\n    display_name: Bob\n    account_id: {account}\n",
        )
        assert text != DEBATE
        (tmp_path / f"d{number}.yaml").write_text(
            text.replace("id: energy-debate", f"id: d{number}"), encoding="utf-8"
        )
    result = run_cli(["check", "--no-source", "."], cwd=tmp_path)
    assert result.out.startswith(
        "d1.yaml:25:17: error: participant 'bob_2' is the account 'did:plc:two' here but the "
        "account 'did:plc:one' in d0.yaml"
    ), result.out
