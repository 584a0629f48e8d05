"""A user's own data files extend the packaged lexicons (--data-dir)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conflictcoder.cli import main

REPORT = (
    "KIDAL, 4 April 2024 (EXAMPLE): Fighters of the Azawad Wolves ambushed an army patrol "
    "near Kidal on Thursday, local officials said.\n"
)


def test_a_user_actor_file_names_a_new_group(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    assert main(["extract", str(report)]) == 0
    before = json.loads(capsys.readouterr().out)
    names = {a["name"] for e in before["events"] for a in e["actors"]}
    assert "Azawad Wolves" not in names

    data = tmp_path / "data"
    data.mkdir()
    (data / "actors.tsv").write_text(
        "pattern\tname\tcountry\tsector\nAzawad Wolves\tAzawad Wolves\tMLI\trebel\n",
        encoding="utf-8",
    )
    assert main(["extract", str(report), "--data-dir", str(data)]) == 0
    after = json.loads(capsys.readouterr().out)
    (event,) = after["events"]
    actor1 = [a for a in event["actors"] if a["role"] == "actor1"]
    assert actor1 and actor1[0]["name"] == "Azawad Wolves"
    assert (actor1[0]["country"], actor1[0]["sector"]) == ("MLI", "rebel")


def test_a_bad_user_file_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    (data / "actors.tsv").write_text(
        "pattern\tname\tcountry\tsector\nAzawad Wolves\tAzawad Wolves\tXXQ\trebel\n",
        encoding="utf-8",
    )
    assert main(["extract", str(report), "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert "actors.tsv:2" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
