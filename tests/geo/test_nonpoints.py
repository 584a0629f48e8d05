from __future__ import annotations

import pytest

from conflictcoder.geo.nonpoints import find_nonpoints, nonpoint_location


@pytest.mark.parametrize(
    ("sentence", "kind", "text"),
    [
        ("Units fired along the state border overnight.", "border", "along the state border"),
        ("Fire on the Armenian-Azerbaijani border.", "border", "on the Armenian-Azerbaijani border"),  # noqa: E501
        ("Posts in the Dashkasan–Kalbajar sector were hit.", "sector", "the Dashkasan–Kalbajar sector"),  # noqa: E501
        ("The enemy attacked in several directions.", "directions", "in several directions"),
        ("Violations along the line of contact were seen.", "front", "along the line of contact"),
    ],
)  # fmt: skip
def test_nonpoints_are_found_with_document_offsets(sentence: str, kind: str, text: str) -> None:
    prefix = "First sentence. "
    doc = prefix + sentence
    (np,) = find_nonpoints(doc, len(prefix), len(doc))
    assert (np.kind, np.text) == (kind, text)
    assert doc[np.span.start : np.span.end] == text


def test_outside_the_window_and_plain_words_are_not_nonpoints() -> None:
    doc = "Fire along the state border. He crossed the road."
    assert find_nonpoints(doc, 29, len(doc)) == []
    assert find_nonpoints("They border each other in a sector of the economy.") == []


def test_nonpoint_location_has_no_coordinates() -> None:
    (np,) = find_nonpoints("Shelling along the state border.")
    loc = nonpoint_location(np)
    assert (loc.lat, loc.lon, loc.precision, loc.feature) == (None, None, 3, "border")
    assert loc.text == "along the state border" and loc.span == np.span
