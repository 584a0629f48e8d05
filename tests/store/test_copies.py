"""Wire copies: a reprint with another headline or byline is linked to the story it copies and
fusion counts it as no new source; another outlet's own report of the same event is not a copy."""

from __future__ import annotations

import datetime as dt
import random
import time
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from conflictcoder.store import open_store
from conflictcoder.store.copies import candidates
from conflictcoder.store.fingerprint import NUM_PERM, THRESHOLD, fingerprint, similarity
from conflictcoder.store.fusion import fuse, fused_json
from conflictcoder.store.labels import first_line
from conflictcoder.store.models import DocumentRow, FingerprintBandRow
from conflictcoder.store.queries import document_detail, event_row
from conflictcoder.store.store import Store
from tests.store.factory import event, place, record

BODY = (
    "Gunmen attacked a livestock market in the town of Zaria on Thursday morning, killing "
    "five traders and wounding at least twelve others, police said. The attackers arrived on "
    "motorcycles shortly after the market opened and fired into the crowd before setting "
    "fire to several stalls, according to a police spokesman who spoke to reporters at the "
    "scene. Residents said the gunmen fled towards the forest north of the town with stolen "
    "cattle. No group has claimed responsibility for the attack, the second on a market in "
    "the state this month. The state governor ordered extra patrols on the roads leading to "
    "the town and promised to compensate the traders who lost their goods."
)
# The same wire story as two outlets print it: another headline, a byline, a closing line.
WIRE = f"Five killed in attack on Zaria market\n\nZARIA, Nigeria (AFP) - {BODY}\n"
REPRINT = (
    f"Gunmen kill five traders at Nigerian market\n\nBy Staff Reporter\n\n{BODY}\n"
    "Copyright 2023 The Daily Example.\n"
)
SECOND_REPRINT = f"Nigeria: market attack in Zaria leaves five dead\n\n{BODY}\n"
# Another outlet's own report of the same attack: same facts, its own words.
OWN_REPORT = (
    "Zaria market attack: five dead\n\nFive people were killed on Thursday when armed men on "
    "motorbikes stormed the cattle market in Zaria, a police spokesman told our correspondent. "
    "Twelve people were taken to hospital with gunshot wounds. Witnesses said the raiders shot "
    "at traders and set stalls alight before driving off a herd of cattle towards the forest. "
    "It is the second attack on a market in Kaduna State in a month; the governor has ordered "
    "more patrols and said traders who lost goods would be compensated. No one has claimed "
    "the attack."
)
ZARIA = place("Zaria", "NGA", 11.11, 7.72)
DAY = dt.date(2023, 3, 2)


def _record(text: str, path: str) -> Any:
    return record(text, event(text, "attack", places=(ZARIA,), day=DAY, dead=5), path=path)


def _copy_of(store: Store) -> dict[str, str | None]:
    with Session(store.engine) as session:
        rows = session.execute(sa.select(DocumentRow.path, DocumentRow.id, DocumentRow.copy_of))
        by_id = {}
        links = {}
        for path, key, copy_of in rows:
            by_id[key] = path
            links[path] = copy_of
    return {path: by_id.get(copy_of) if copy_of else None for path, copy_of in links.items()}


def test_headline_and_byline_changes_keep_a_copy_a_copy() -> None:
    wire, reprint, own = fingerprint(WIRE), fingerprint(REPRINT), fingerprint(OWN_REPORT)
    assert wire is not None and reprint is not None and own is not None
    assert similarity(wire.signature, reprint.signature) >= THRESHOLD
    assert set(wire.bands) & set(reprint.bands)  # the LSH lookup finds it
    assert similarity(wire.signature, own.signature) < THRESHOLD / 2


def test_fingerprint_is_bounded_and_ignores_furniture() -> None:
    short = fingerprint("Gunmen attacked a market in Zaria, police said.")
    assert short is None  # too few words to tell a copy from a coincidence
    rng = random.Random(3)
    long_text = " ".join(rng.choice(BODY.split()) for _ in range(300_000))
    started = time.perf_counter()
    big = fingerprint(long_text)
    assert big is not None and len(big.signature) == 4 * NUM_PERM  # 1 KB for 2 MB of text
    assert time.perf_counter() - started < 20
    # An outlet's "Also read" links marked as removed do not make a reprint another text.
    furniture = "Also read: Floods in the capital; Election results; Football scores.\n"
    with_links = WIRE + furniture * 30
    start = len(WIRE)
    plain, marked = fingerprint(WIRE), fingerprint(with_links, [(start, len(with_links))])
    assert plain is not None and marked is not None
    assert marked.signature == plain.signature
    unmarked = fingerprint(with_links)
    assert unmarked is not None and similarity(unmarked.signature, plain.signature) < 1.0


def test_store_links_copies_to_the_original_and_fusion_counts_sources(db_url: str) -> None:
    with open_store(db_url) as store:
        for text, path in (
            (WIRE, "wire.txt"),
            (REPRINT, "reprint.txt"),
            (OWN_REPORT, "own.txt"),
            (SECOND_REPRINT, "second.txt"),
        ):
            assert store.ingest(_record(text, path)) == "stored"
        store.commit()
        assert store.copies == 2
        # both reprints point at the wire story itself, never at each other
        assert _copy_of(store) == {
            "wire.txt": None,
            "reprint.txt": "wire.txt",
            "own.txt": None,
            "second.txt": "wire.txt",
        }
        rows = list(store.event_rows())
        docs = {r["document"]["path"]: r["document"] for r in rows}
        assert docs["reprint.txt"]["copy_of"] == docs["wire.txt"]["id"]
        assert docs["own.txt"]["copy_of"] is None
        fused = fuse(rows)
        assert len(fused) == 1
        (one,) = fused
        assert len(one.documents) == 4
        assert sorted(one.sources) == sorted([docs["wire.txt"]["id"], docs["own.txt"]["id"]])
        summary = fused_json(one)
        assert summary["independent_sources"] == 2
        store.save_fusion(fused)
        with Session(store.engine) as session:
            reprint_event = next(
                r["event"]["id"] for r in rows if r["document"]["path"] == "reprint.txt"
            )
            api_row = event_row(session, reprint_event)
            assert api_row is not None
            assert api_row["sources"]["documents"] == 4
            assert api_row["sources"]["independent"] == 2
            detail = document_detail(session, docs["wire.txt"]["id"])
            assert detail is not None
            assert detail["document"]["copies"] == [
                docs["reprint.txt"]["id"],
                docs["second.txt"]["id"],
            ]
            copy_detail = document_detail(session, docs["second.txt"]["id"])
            assert copy_detail is not None
            assert copy_detail["document"]["copy_of"] == docs["wire.txt"]["id"]


def test_lookup_compares_only_band_neighbours(db_url: str) -> None:
    # 300 unrelated texts: a new text is compared with its near-copies, not with the store.
    words = sorted(set(BODY.lower().replace(",", "").replace(".", "").split()))
    rng = random.Random(7)
    with open_store(db_url) as store:
        for n in range(300):
            text = " ".join(rng.choice(words) for _ in range(120)) + f" report {n}"
            store.ingest(record(text, path=f"noise-{n}.txt"))
        store.ingest(_record(WIRE, "wire.txt"))
        store.commit()
        with store.engine.connect() as conn:
            fp = fingerprint(REPRINT)
            assert fp is not None
            found = candidates(conn, fp)
            wire_id = conn.execute(
                sa.select(DocumentRow.id).where(DocumentRow.path == "wire.txt")
            ).scalar_one()
            bands = conn.execute(
                sa.select(sa.func.count()).select_from(FingerprintBandRow)
            ).scalar_one()
        assert found[0] == wire_id
        assert len(found) <= 5
        assert bands <= 301 * NUM_PERM // 4  # one row per band, at most 64 a document


def test_first_line_names_a_document_without_a_title() -> None:
    assert first_line(WIRE) == "Five killed in attack on Zaria market"
    furniture = "Also read: Floods in the capital\n"
    text = "\n" + furniture + "Gunmen kill five traders\n\nBody."
    start = text.index(furniture)
    removed = [{"start": start, "end": start + len(furniture), "reason": "related-link"}]
    assert first_line(text, removed) == "Gunmen kill five traders"
    assert first_line("  \n\t\n") is None
    long = first_line("word " * 100)
    assert long is not None and len(long) <= 160 and long.endswith("…")
