"""Who says what: attribution, stance, perspective, roles and counts on short reports.

Every report here is written for these tests in the style of ministry statements and
wire copy; each test reads one whole record through the pipeline.
"""

from __future__ import annotations

from typing import Any

import pytest

from conflictcoder.config import Config
from conflictcoder.extract import extract_document
from conflictcoder.ingest.document import build_document
from conflictcoder.records import RawInput
from conflictcoder.serialize import record_json


def code(text: str) -> dict[str, Any]:
    document = build_document(RawInput(path=None, text=text), Config())
    return record_json(extract_document(document, Config()))


def only(record: dict[str, Any], category: str) -> dict[str, Any]:
    (event,) = [e for e in record["events"] if e["category"] == category]
    return event


def roles(event: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(a["role"], a["country"]) for a in event["actors"]]


@pytest.fixture(scope="module")
def wire() -> dict[str, Any]:
    return code(
        "YEREVAN, 14 May 2023 (EXAMPLE): The Armenian Defence Ministry said Azerbaijani "
        "forces shelled the village of Chinari in the Tavush province overnight. It added "
        "that two servicemen were wounded and a civilian house was destroyed.\n\n"
        "Azerbaijan's Defence Ministry denied the report, calling it disinformation.\n"
    )


def test_reported_speech_keeps_its_speaker_across_sentences(wire: dict[str, Any]) -> None:
    shelling = only(wire, "shelling")
    assert wire["document"]["issuer"] is None  # a wire story, not a statement
    assert shelling["attribution"]["claimant"] == {
        "name": "Ministry of Defense of Armenia",
        "country": "ARM",
    }
    assert shelling["attribution"]["stance"] == "asserted"
    assert roles(shelling)[0] == ("actor1", "AZE")
    # "It added that …": the toll and the damage belong to the same claim.
    assert (shelling["injuries"]["min"], shelling["injuries"]["max"]) == (2, 2)
    assert shelling["damage"] == [{"text": "civilian house", "kind": "destroyed"}]
    assert shelling["date"]["start"] == "2023-05-13"


def test_a_denial_in_the_next_paragraph_is_linked_to_the_claim(wire: dict[str, Any]) -> None:
    shelling, denial = only(wire, "shelling"), only(wire, "deny")
    assert denial["plover"]["type"] == "REJECT"
    assert denial["attribution"]["claimant"]["country"] == "AZE"
    assert denial["attribution"]["stance"] == "asserted"
    assert ("actor1", "AZE") in roles(denial) and ("target", "ARM") in roles(denial)
    assert denial["rejects"] == [shelling["id"]]
    assert shelling["disputed_by"] == [
        {"event": denial["id"], "name": "Ministry of Defense of Azerbaijan", "country": "AZE"}
    ]


@pytest.fixture(scope="module")
def statement() -> dict[str, Any]:
    return code(
        "Baku, 3 May 2023 (EXAMPLE): The Ministry of Defense of Azerbaijan issued a statement "
        "on the situation on the border.\n\n"
        "Units of the Armenian armed forces fired on our positions in the Kalbajar district "
        "with mortars. As a result, there are casualties among our servicemen.\n\n"
        "Claims by the Armenian side that our units shelled civilian houses in Sotk are "
        "false and do not reflect reality.\n\n"
        "Any provocation against our territory will be decisively stopped.\n"
    )


def test_our_forces_are_the_issuers_and_casualties_have_a_side(statement: dict[str, Any]) -> None:
    assert statement["document"]["issuer"]["country"] == "AZE"
    firing = statement["events"][0]
    assert firing["acled"]["sub_event_type"] == "Shelling/artillery/missile attack"
    assert ("actor1", "ARM") in roles(firing)
    assert ("target", "AZE") in roles(firing)
    assert firing["weapons"] == ["mortar"]
    assert firing["fatalities"]["unspecified"] is True
    assert firing["fatalities"]["side"]["country"] == "AZE"
    assert firing["fatalities"]["side"]["sector"] == "military"
    assert [loc["name"] for loc in firing["locations"]] == ["Kalbajar"]


def test_a_denied_claim_keeps_its_maker_and_the_denial(statement: dict[str, Any]) -> None:
    denied = [e for e in statement["events"] if e["attribution"]["stance"] == "denied"]
    assert len(denied) == 1
    claim = denied[0]
    assert claim["attribution"]["claimant"]["country"] == "ARM"
    assert ("actor1", "AZE") in roles(claim)
    assert any(e["field"] == "attribution" and "false" in e["text"] for e in claim["evidence"])
    assert claim["confidence"] < 0.8  # a denied claim is not trusted as asserted


def test_a_warning_is_a_threat_by_the_issuer_to_the_other_side(statement: dict[str, Any]) -> None:
    (threat,) = [e for e in statement["events"] if e["plover"]["type"] == "THREATEN"]
    assert threat["trigger"]["text"] == "stopped"
    assert roles(threat) == [("actor1", "AZE"), ("target", "ARM")]
    assert threat["attribution"]["claimant"]["name"] == "Ministry of Defense of Azerbaijan"


def test_hedged_claims_are_alleged_and_cite_their_source() -> None:
    record = code(
        "GAO, 2 April 2012 (EXAMPLE): Rebels allegedly killed four villagers near Gao, "
        "according to local officials.\n"
    )
    (event,) = record["events"]
    assert event["attribution"]["stance"] == "alleged"
    assert event["acled"]["sub_event_type"] == "Attack"
    assert (event["fatalities"]["min"], event["fatalities"]["max"]) == (4, 4)
    assert [a["role"] for a in event["actors"]] == ["actor1", "victim"]
    assert event["actors"][1]["sector"] == "civilian"


@pytest.mark.parametrize(
    "sentence",
    [
        "Government troops did not fire on the protesters.",
        "No attacks were reported in the district overnight.",
        "The militants threatened to attack the convoy.",
        "The army is preparing an offensive on the town.",
        "Security forces may have shelled the village.",
    ],
)
def test_negation_and_modality_never_make_an_asserted_attack(sentence: str) -> None:
    record = code(f"KABUL, 10 June 2022 (EXAMPLE): {sentence}\n")
    assert not [
        e
        for e in record["events"]
        if e["plover"]["type"] == "ASSAULT"
        and e["attribution"]["stance"] in ("asserted", "reported")
    ]


def test_a_threat_to_attack_is_a_threat() -> None:
    record = code("KABUL, 10 June 2022 (EXAMPLE): The militants threatened to attack the convoy.\n")
    assert [e["plover"]["type"] for e in record["events"]] == ["THREATEN"]


def test_passive_voice_puts_the_agent_first() -> None:
    record = code(
        "KUNDUZ, 10 June 2022 (EXAMPLE): The convoy was ambushed by Taliban fighters in "
        "Kunduz province on Friday.\n"
    )
    (event,) = record["events"]
    assert event["actors"][0]["role"] == "actor1"
    assert event["actors"][0]["name"] == "Taliban"
    assert event["actors"][0]["country"] == "AFG"
    assert event["locations"][0]["country"] == "AFG"
    assert event["date"]["start"] == "2022-06-10"


def test_numbers_in_words_and_ranges() -> None:
    record = code(
        "BAGHDAD, 26 March 2009 (EXAMPLE): At least twelve civilians were killed and between "
        "20 and 30 were wounded when a car bomb exploded in a market in Baghdad.\n"
    )
    (event,) = record["events"]
    assert event["acled"]["sub_event_type"] == "Remote explosive/landmine/IED"
    assert (event["fatalities"]["min"], event["fatalities"]["max"]) == (12, None)
    assert (event["injuries"]["min"], event["injuries"]["max"]) == (20, 30)
    assert event["locations"][0]["country"] == "IRQ"


def test_mentions_of_one_happening_merge_and_different_ones_do_not() -> None:
    same = code(
        "BAKU, 8 June 2022 (EXAMPLE): Armenian forces shelled Tartar on Monday. The shelling "
        "of Tartar damaged several houses. There were no casualties.\n"
    )
    (event,) = same["events"]
    mentions = [e["text"] for e in event["evidence"] if e["field"] == "event"]
    assert {"shelled", "shelling"} <= set(mentions)
    assert [loc["name"] for loc in event["locations"]] == ["Tartar"]
    assert (event["fatalities"]["min"], event["fatalities"]["max"]) == (0, 0)
    assert event["damage"] == [{"text": "several houses", "kind": "damaged"}]
    different = code(
        "BAKU, 8 June 2022 (EXAMPLE): Armenian forces shelled Tartar on Monday. Armenian "
        "forces shelled Barda on Tuesday.\n"
    )
    assert [e["date"]["start"] for e in different["events"]] == ["2022-06-06", "2022-06-07"]
    assert [e["locations"][0]["name"] for e in different["events"]] == ["Tartar", "Barda"]


def test_captured_soldiers_are_an_abduction_with_a_count() -> None:
    record = code(
        "JERMUK, 14 May 2023 (EXAMPLE): Three Armenian soldiers were captured near Jermuk, "
        "the ministry said.\n"
    )
    (event,) = record["events"]
    assert event["acled"]["sub_event_type"] == "Abduction/forced disappearance"
    assert event["captured"]["min"] == 3
    assert ("target", "ARM") in roles(event)


def test_the_source_of_a_claim_is_no_event() -> None:
    record = code(
        "BAKU, 3 May 2023 (EXAMPLE): According to data provided by the Ministry of Defense, "
        "Armenian units shelled our positions in the Kalbajar district.\n"
    )
    assert [e["plover"]["type"] for e in record["events"]] == ["ASSAULT"]
    assert record["events"][0]["attribution"]["stance"] in ("asserted", "reported")
