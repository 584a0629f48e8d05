"""Record-level precision, recall and F1 for ACLED notes, on hand-made records."""

from __future__ import annotations

import datetime as dt

from conflictcoder.evaluate.acled import Note, record_level
from tests.store.factory import ASSAULT, SHELLING, event, place, record

GOLD = {
    "sub_event_type": "Shelling/artillery/missile attack",
    "latitude": 40.0,
    "longitude": 45.0,
    "event_date": "2019-05-01",
}


def test_known_precision_recall_and_f1() -> None:
    text = "Troops shelled the village and attacked a post."
    near = place("village", "ARM", 40.05, 45.05)  # about 7 km away
    far = place("town", "ARM", 41.0, 45.0)  # about 111 km away
    day = dt.date(2019, 5, 1)
    notes = [Note(str(i), text, GOLD) for i in range(3)]
    records = [
        # a match, plus a second prediction of another kind: 1 of 2 predictions right
        record(text, event(text, "shelled", SHELLING, places=(near,), day=day),
               event(text, "attacked", ASSAULT, places=(near,), day=day)),
        # the right kind in the wrong place: no match
        record(text, event(text, "shelled", SHELLING, places=(far,), day=day)),
        # nothing coded
        None,
    ]  # fmt: skip
    precision, recall, f1 = record_level(notes, records)
    assert (precision.hits, precision.n) == (1, 3)
    assert (recall.hits, recall.n) == (1, 3)
    assert (f1.hits, f1.n) == (2, 6)  # F1 = 2·1 / (3 + 3)
