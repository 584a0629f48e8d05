"""WikiEvents and RAMS scoring on hand-made gold in each set's format (our own sentences)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conflictcoder.errors import InputError
from conflictcoder.evaluate import wikievents
from conflictcoder.evaluate.arguments import gold_family, head_word, role_field
from conflictcoder.evaluate.rams import detokenize
from conflictcoder.evaluate.runner import evaluate
from conflictcoder.records import Actor, Event, EventType, Location, Span
from tests.evaluate.conftest import FakeExtractor

ATTACK = EventType("attack", "ASSAULT", None, None, None, "190")
ARREST = EventType("arrest", "COERCE", "arrest", "Strategic developments", "Arrests", "173")
MEET = EventType("consult", "CONSULT", None, None, None, "040")


def _event(
    kind: EventType, trigger: Span, actors: tuple[Actor, ...] = (), where: tuple[Location, ...] = ()
) -> Event:
    return Event(f"e-{trigger.start}", kind, trigger, actors=actors, locations=where)


def _place(name: str, span: Span | None) -> Location:
    return Location(name, name, None, None, None, 1.0, 1.0, None, "town", 1, span)


def _wikievents_doc() -> dict[str, Any]:
    """Three sentences, the headline run into the next without a space, as in the source."""
    sentences = [
        ["Militants", "attacked", "a", "convoy", "near", "Mosul"],
        ["Two", "soldiers", "died", "."],
        ["Officials", "met", "in", "Baghdad", "."],
    ]
    text, rows, at = "", [], 0
    for words in sentences:
        row = []
        for i, word in enumerate(words):
            gap = "" if i == 0 or word == "." else " "
            text += gap + word
            at += len(gap)
            row.append([word, at, at + len(word)])
            at += len(word)
        rows.append([row, text[row[0][1] :]])
    tokens = [w for s in sentences for w in s]

    def entity(n: int, start: int, end: int, sent: int) -> dict[str, Any]:
        words = " ".join(tokens[start:end])
        return {"id": f"d-T{n}", "sent_idx": sent, "start": start, "end": end, "text": words}

    return {
        "doc_id": "d",
        "tokens": tokens,
        "text": text,
        "sentences": rows,
        "entity_mentions": [
            entity(1, 0, 1, 0),
            entity(2, 3, 4, 0),
            entity(3, 5, 6, 0),
            entity(4, 7, 8, 1),
            entity(5, 10, 11, 2),
        ],
        "relation_mentions": [],
        "event_mentions": [
            {
                "id": "d-E1",
                "event_type": "Conflict.Attack.Unspecified",
                "trigger": {"start": 1, "end": 2, "text": "attacked", "sent_idx": 0},
                "arguments": [
                    {"entity_id": "d-T1", "role": "Attacker", "text": "Militants"},
                    {"entity_id": "d-T2", "role": "Target", "text": "convoy"},
                    {"entity_id": "d-T3", "role": "Place", "text": "Mosul"},
                ],
            },
            {
                "id": "d-E2",
                "event_type": "Life.Die.Unspecified",
                "trigger": {"start": 8, "end": 9, "text": "died", "sent_idx": 1},
                "arguments": [{"entity_id": "d-T4", "role": "Victim", "text": "soldiers"}],
            },
            {
                "id": "d-E3",
                "event_type": "Contact.Contact.Meet",
                "trigger": {"start": 11, "end": 12, "text": "met", "sent_idx": 2},
                "arguments": [{"entity_id": "d-T5", "role": "Participant", "text": "Officials"}],
            },
        ],
    }


OUR_TEXT = "Militants attacked a convoy near Mosul\nTwo soldiers died.\nOfficials met in Baghdad."


def _write(tmp_path: Path, name: str, rows: list[dict[str, Any]]) -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_wikievents_triggers_roles_and_family(
    tmp_path: Path, fake_extractor: FakeExtractor
) -> None:
    fake_extractor(
        {
            OUR_TEXT: (
                _event(
                    ATTACK,
                    Span(10, 18, "attacked"),
                    actors=(
                        Actor("actor1", "Militants", None, None, None, Span(0, 9, "Militants")),
                        Actor("target", "a convoy", None, None, None, Span(19, 27, "a convoy")),
                        Actor("target", "the town", None, None, None, None),  # matches nothing
                    ),
                    where=(_place("Mosul", None),),  # no span: matched by its name
                ),
                _event(MEET, Span(68, 71, "met")),  # no family of ours: never counted
            )
        }
    )
    report = evaluate("wikievents", _write(tmp_path, "dev.jsonl", [_wikievents_doc()]))
    assert (report.split, report.n) == ("dev", 1)
    # The attack is found in its sentence, the deaths (a sentence without any event) are not.
    assert report.value("trigger violent", "recall") == pytest.approx(1 / 2)
    assert report.value("trigger violent", "precision") == pytest.approx(1.0)
    assert report.value("trigger conflict.attack.unspecified", "recall") == pytest.approx(1.0)
    assert report.value("trigger life.die.unspecified", "recall") == pytest.approx(0.0)
    assert report.value("event family", "accuracy") == pytest.approx(1 / 2)
    assert report.value("role actor1", "recall") == pytest.approx(1.0)
    assert report.value("role actor1", "precision") == pytest.approx(1.0)
    assert report.value("role target", "recall") == pytest.approx(1 / 2)  # soldiers missed
    assert report.value("role target", "precision") == pytest.approx(1 / 2)  # the town is wrong
    assert report.value("role target", "F1") == pytest.approx(1 / 2)
    assert report.value("role place", "recall") == pytest.approx(1.0)
    assert any("left out 1" in note for note in report.notes)  # the meeting


def test_wikievents_gold_spans_follow_the_tokens_not_drifting_offsets() -> None:
    # In the published file the character offsets of later sentences run ahead of ``text``
    # (one character more at some sentence breaks); the tokens of each sentence's own text
    # are what the gold indices point at.
    row = _wikievents_doc()
    for shift, (words, _) in enumerate(row["sentences"]):
        for word in words:
            word[1] += 2 * shift
            word[2] += 2 * shift
    passage = wikievents.passage(row)
    assert passage.text == OUR_TEXT
    attack, died, _ = passage.events
    assert (attack.trigger.text, died.trigger.text) == ("attacked", "died")
    assert [a.text for a in died.arguments] == ["soldiers"]
    assert passage.text[died.sentence[0] : died.sentence[1]] == "Two soldiers died."


def test_wikievents_sentence_whose_tokens_are_not_in_its_text_is_refused() -> None:
    row = _wikievents_doc()
    row["sentences"][1][0][1][0] = "sailors"
    with pytest.raises(InputError, match="sentence 1"):
        wikievents.passage(row)


def _rams_row() -> dict[str, Any]:
    return {
        "doc_key": "r1",
        "sentences": [
            ["Police", "arrested", "three", "men", "in", "Lyon", "."],
            ["They", "had", "set", "fire", "to", "a", "car", "."],
        ],
        "evt_triggers": [[1, 1, [["justice.arrestjaildetain.arrestjaildetain", 1.0]]]],
        "gold_evt_links": [
            [[1, 1], [0, 0], "evt081arg01jailer"],
            [[1, 1], [2, 3], "evt081arg02detainee"],
            [[1, 1], [5, 5], "evt081arg04place"],
        ],
        "ent_spans": [],
    }


RAMS_TEXT = "Police arrested three men in Lyon. They had set fire to a car."


def test_rams_passage_text_and_roles(tmp_path: Path, fake_extractor: FakeExtractor) -> None:
    text, spans, owner = detokenize(_rams_row()["sentences"])
    assert text == RAMS_TEXT
    assert spans[5] == (29, 33) and owner[7] == 1
    fake_extractor(
        {
            RAMS_TEXT: (
                _event(
                    ARREST,
                    Span(7, 15, "arrested"),
                    actors=(
                        Actor(
                            "actor1",
                            "Police",
                            "Police Forces of France",
                            "FRA",
                            "police",
                            Span(0, 6, "Police"),
                        ),
                        Actor("target", "men", None, None, None, None),  # head word "men"
                    ),
                    where=(_place("Lyon", Span(29, 33, "Lyon")),),
                ),
                # An event in the second, unannotated sentence costs no precision.
                _event(ATTACK, Span(44, 47, "set")),
            )
        }
    )
    report = evaluate("rams", _write(tmp_path, "dev.jsonlines", [_rams_row()]))
    assert report.value("trigger arrest", "recall") == pytest.approx(1.0)
    assert report.value("trigger arrest", "precision") == pytest.approx(1.0)
    assert report.value("trigger violent", "precision") is None
    for field in ("actor1", "target", "place"):
        assert report.value(f"role {field}", "F1") == pytest.approx(1.0), field


def test_rams_bad_offsets_are_a_one_line_error(tmp_path: Path) -> None:
    row = _rams_row()
    row["gold_evt_links"][0][1] = [40, 41]
    with pytest.raises(InputError, match="rams passage r1: bad token range"):
        evaluate("rams", _write(tmp_path, "dev.jsonlines", [row]))


def test_heads_roles_and_families_come_from_the_data_files() -> None:
    assert head_word("the commander of the brigade") == "commander"
    assert head_word("two farmers who were tending goats") == "farmer"
    assert head_word("the village, about ten miles away") == "village"
    assert role_field("evt090arg01killer") == "actor1"
    assert role_field("Victim") == "target"
    assert role_field("evt004arg03instrument") is None
    assert gold_family("Conflict.Attack.DetonateExplode") == "violent"
    assert gold_family("conflict.attack.stealrobhijack") is None
    assert gold_family("life.die.nonviolentdeath") is None
    assert gold_family("Conflict.Demonstrate.Unspecified") == "protest"
