"""A match report or a drill is no war: sports and exercise words keep metaphors out."""

from __future__ import annotations

from spacy.language import Language

from conflictcoder.config import Config
from conflictcoder.events.assemble import extract_events
from conflictcoder.events.domain import is_exercise_report, is_sports_report, mentions_exercise
from conflictcoder.ingest.document import build_document
from conflictcoder.nlp.pipeline import parse
from conflictcoder.records import Event, RawInput

MATCH = (
    "The hosts beat the visitors 3-0 in the tournament opener. Their young striker scored "
    "twice, the second a superb strike from outside the box, and the goalkeeper saved a "
    "late attack. The championship resumes at the stadium on Sunday.\n"
)
DRILL = (
    "Navy frigates ended the two-week exercise on Friday. During the live-fire drill, "
    "their guns shelled a decommissioned barge until it sank, the last act of the drills.\n"
)
CLASH = (
    "Kabul, 3 May 2023 (Reuters): Militants attacked an army checkpoint in Baghlan "
    "province, killing two soldiers, officials said. Troops shelled the attackers' "
    "positions near a training camp.\n"
)


def _violent(text: str) -> list[Event]:
    config = Config()
    document = build_document(RawInput(path=None, text=text), config)
    events = extract_events(document, parse(document, config), config)
    return [e for e in events if e.type.plover_type == "ASSAULT"]


def test_word_counts_tell_the_domain() -> None:
    assert is_sports_report(MATCH) and not is_sports_report(CLASH)
    assert is_exercise_report(DRILL) and not is_exercise_report(CLASH)
    assert mentions_exercise("During war games, tanks fired at targets.")
    assert not mentions_exercise("Tanks fired at a village near the camp.")


def test_a_match_report_has_no_attack(nlp: Language) -> None:
    assert _violent(MATCH) == []


def test_a_drill_has_no_shelling(nlp: Language) -> None:
    assert _violent(DRILL) == []


def test_a_real_clash_keeps_its_events(nlp: Language) -> None:
    assert len(_violent(CLASH)) >= 1
