"""Each event says whether it is the report's news (sentences of our own)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictcoder.config import Config
from conflictcoder.errors import DataError
from conflictcoder.events import status as status_module
from conflictcoder.events.assemble import extract_events
from conflictcoder.ingest.document import build_document
from conflictcoder.nlp.pipeline import parse
from conflictcoder.records import RawInput

DATELINE = "Kabul, 3 May 2023: "


def _statuses(text: str) -> dict[str, str]:
    config = Config()
    document = build_document(RawInput(path=None, text=DATELINE + text), config)
    return {
        e.trigger.text: e.status for e in extract_events(document, parse(document, config), config)
    }


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize(
    "text, trigger, expected",
    [
        ("Gunmen attacked a checkpoint near Herat on Tuesday.", "attacked", "current"),
        # a summary of a stretch of time, a frequency word, "are commonplace": generic
        (
            "Insurgents have stepped up their raids on outposts in recent months.",
            "raids",
            "generic",
        ),
        ("Border villages are regularly shelled by the army.", "shelled", "generic"),
        ("Abductions are commonplace on the highway.", "Abductions", "generic"),
        # an own date long before the report, a court's or a commemoration's frame: background
        ("In 1998, rebels massacred villagers near the river.", "massacred", "background"),
        ("Residents marked the anniversary of the bombing of the market.", "bombing", "background"),
    ],
)
def test_status_of_an_event(text: str, trigger: str, expected: str) -> None:
    found = _statuses(text)
    assert found.get(trigger) == expected, found


def test_a_status_cue_file_with_an_unknown_use_names_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "status_cues.tsv"
    bad.write_text("word\tuse\noften\tfrequency\nsoon\tfuture\n", encoding="utf-8")
    monkeypatch.setattr(status_module, "CUES_FILE", bad)
    status_module._cues.cache_clear()
    try:
        with pytest.raises(DataError, match=r"status_cues.tsv:3"):
            status_module._cues()
    finally:
        status_module._cues.cache_clear()
