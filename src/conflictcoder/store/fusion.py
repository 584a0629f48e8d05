"""Cross-source fusion: events from different documents that tell the same happening.

Input is a list of EventRows (``{"document": …, "event": <contract event>, "fused_id": …}``);
output is one :class:`Fused` per happening, singletons included, so every event row gets a
fused id. Two events are *linked* when all of these hold:

- they come from different documents (the extractor already merged mentions within one);
- their dates are known to a week or better and overlap, allowing one day of slack;
- they have the same PLOVER type and compatible ACLED sub-types (equal, either missing, or
  listed in ``data/fusion_compatible.tsv``);
- their places agree: two points within ``NEAR_KM``, or the same admin1 where one of them is
  an admin unit or a district, or one side has no place with coordinates;
- their actor1 countries do not contradict, except for the two sides' versions (claimants of
  different countries, each side naming the other as actor1);
- something ties them positively: agreeing places, a shared country among actors and places,
  or a denied claim whose claimant is the other event's claimant.

Events are grouped greedily, best link first, with complete linkage (every cross-document pair
in a group is linked) and one *version* per document. A denied claim (stance ``denied``) then
joins the group that fits it best, preferring the group that already holds its own document's
counter-version; a denial (PLOVER ``REJECT``) joins the group of the claims it ``rejects``.
Everything is sorted by ids, so the result does not depend on the order of the input.

A document that is a near-copy of another (``document.copy_of``, found at ingest: a wire story
reprinted) still gives its own version, but it is no independent source: ``Fused.sources``
groups the documents by the original they copy, and that count is what corroborates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError, InputError
from conflictcoder.geo.distance import km
from conflictcoder.store.rows import EventRow

NEAR_KM = 25.0
SLACK_DAYS = 1
MAX_SPAN_DAYS = 7  # dates vaguer than a week (month, year) never fuse
ADMIN_FEATURES = frozenset({"admin1", "district", "region"})


@dataclass(frozen=True)
class Place:
    """One place of a fused event: name, country, admin1 and point (or none)."""

    name: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str | None
    precision: int | None


@dataclass(frozen=True)
class Member:
    """One source's version of the happening, as its document tells it."""

    event_id: str
    document_id: str
    source: str  # the independent source: the original the document copies, else itself
    role: str  # version | denied (a claim the document denies) | denial (a REJECT event)
    category: str | None
    claimant_name: str | None
    claimant_country: str | None
    stance: str | None
    fatalities_min: int | None
    fatalities_max: int | None
    injuries_min: int | None
    injuries_max: int | None
    date_start: str | None
    date_end: str | None
    locations: tuple[str, ...]


@dataclass(frozen=True)
class Fused:
    """One happening with every source's version; fused fields show (dis)agreement."""

    id: str
    members: tuple[Member, ...]  # versions and denied claims, sorted by (document, event)
    denials: tuple[Member, ...]  # REJECT events that deny a member's claim
    category: str | None
    plover_type: str | None
    plover_mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    date_start: str | None
    date_end: str | None
    places: tuple[Place, ...]
    point: tuple[float, float] | None  # (lat, lon) of the most precise place
    fatalities_min: int | None
    fatalities_max: int | None
    fatalities_conflict: bool  # the sources' counts cannot all be true
    stances: tuple[tuple[str, str | None, str | None, str | None, str], ...]
    # (document id, claimant name, claimant country, stance, role) per member and denial
    contested: bool

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(sorted({m.document_id for m in self.members + self.denials}))

    @property
    def sources(self) -> dict[str, tuple[str, ...]]:
        """Each independent source (an original) with the documents that tell it: wire
        copies of one story count once, however many outlets reprinted it."""
        told: dict[str, set[str]] = defaultdict(set)
        for m in self.members + self.denials:
            told[m.source].add(m.document_id)
        return {source: tuple(sorted(docs)) for source, docs in sorted(told.items())}


@dataclass(frozen=True)
class _Ev:
    """What the link test needs from one event, computed once."""

    key: tuple[str, str]  # (document id, event id)
    row: int
    plover: str | None
    sub: str | None
    start: int | None  # date ordinals
    end: int | None
    points: tuple[tuple[float, float], ...]
    admins: frozenset[tuple[str, str]]  # (country, admin1) of admin-level places
    places_admin1: frozenset[tuple[str, str]]
    actor1: frozenset[str]
    others: frozenset[str]  # target, actor2, victim and casualty-side countries
    countries: frozenset[str]
    claimant: str | None
    stance: str | None
    rejects: tuple[str, ...]


@cache
def compatible_sub_types() -> frozenset[frozenset[str]]:
    """The listed pairs of ACLED sub-types that may describe one happening."""
    from conflictcoder.events.lexicon import event_categories

    path = DATA_DIR / "fusion_compatible.tsv"
    known = {e.acled_sub_event_type for e in event_categories().values()}
    pairs: set[frozenset[str]] = set()
    for number, row in read_tsv(
        path, ("sub_event_type_a", "sub_event_type_b", "note"), required=("sub_event_type_a",)
    ):
        a, b = row["sub_event_type_a"], row["sub_event_type_b"]
        for value in (a, b):
            if value not in known:
                raise DataError(f"{path}:{number}: {value!r} is no ACLED sub-type we code")
        pairs.add(frozenset((a, b)))
    return frozenset(pairs)


def _ordinal(value: object, where: str) -> int | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value)).toordinal()
    except ValueError as exc:
        raise InputError(f"{where}: bad date {value!r}; expected YYYY-MM-DD") from exc


def _get(mapping: object, *path: str) -> Any:
    """mapping[path[0]][path[1]]…, or None where a level is missing or null."""
    value: Any = mapping
    for part in path:
        if not isinstance(value, dict):  # rows are parsed JSON; dict is much faster than Mapping
            return None
        value = value.get(part)
    return value


def _key(row: EventRow, index: int) -> tuple[str, str]:
    doc_id, event_id = _get(row, "document", "id"), _get(row, "event", "id")
    if not isinstance(doc_id, str) or not isinstance(event_id, str):
        raise InputError(f"event row {index}: needs document.id and event.id (strings)")
    return doc_id, event_id


def _features(row: EventRow, index: int) -> _Ev:
    key = _key(row, index)
    event = row["event"]
    where = f"event {key[1]}"
    start, end = _ordinal(_get(event, "date", "start"), where), None
    end = _ordinal(_get(event, "date", "end"), where) or start
    start = start or end
    points: list[tuple[float, float]] = []
    admins: set[tuple[str, str]] = set()
    admin1s: set[tuple[str, str]] = set()
    countries: set[str] = set()
    for loc in event.get("locations") or []:
        country, admin1 = loc.get("country"), loc.get("admin1")
        if country:
            countries.add(country)
        if loc.get("lat") is not None and loc.get("lon") is not None:
            points.append((float(loc["lat"]), float(loc["lon"])))
            if country and admin1:
                admin1s.add((country, admin1))
                if loc.get("feature") in ADMIN_FEATURES or (loc.get("precision") or 1) >= 2:
                    admins.add((country, admin1))
    actor1: set[str] = set()
    others: set[str] = set()
    for actor in event.get("actors") or []:
        country = actor.get("country")
        if country:
            countries.add(country)
            (actor1 if actor.get("role") == "actor1" else others).add(country)
    for count in ("fatalities", "injuries"):
        side = _get(event, count, "side", "country")
        if side:
            others.add(side)
            countries.add(side)
    acled = event.get("acled") or {}
    return _Ev(
        key=key,
        row=index,
        plover=_get(event, "plover", "type"),
        sub=acled.get("sub_event_type"),
        start=start,
        end=end,
        points=tuple(sorted(points)),
        admins=frozenset(admins),
        places_admin1=frozenset(admin1s),
        actor1=frozenset(actor1),
        others=frozenset(others),
        countries=frozenset(countries),
        claimant=_get(event, "attribution", "claimant", "country"),
        stance=_get(event, "attribution", "stance"),
        rejects=tuple(sorted(str(r) for r in event.get("rejects") or [])),
    )


def _place_score(a: _Ev, b: _Ev) -> float | None:
    """3 for points within NEAR_KM (less with distance), 2 same admin unit, 0 no place; None."""
    if not a.points or not b.points:
        return 0.0
    best = min(km(*p, *q) for p in a.points for q in b.points)
    if best <= NEAR_KM:
        return 3.0 - best / NEAR_KM
    if (a.admins & b.places_admin1) or (b.admins & a.places_admin1):
        return 2.0
    return None


def _actors_agree(a: _Ev, b: _Ev) -> bool:
    if not a.actor1 or not b.actor1 or a.actor1 & b.actor1:
        return True
    # the two sides' versions: each names the other as the one who fired
    two_sides = a.claimant is not None and b.claimant is not None and a.claimant != b.claimant
    return two_sides and bool(a.actor1 & b.others) and bool(b.actor1 & a.others)


def _sub_types_agree(a: _Ev, b: _Ev) -> bool:
    if a.sub is None or b.sub is None or a.sub == b.sub:
        return True
    return frozenset((a.sub, b.sub)) in compatible_sub_types()


def link_score(a: _Ev, b: _Ev) -> float | None:
    """How strongly a and b look like one happening, or None when they cannot be."""
    if a.key[0] == b.key[0] or a.plover != b.plover or a.start is None or b.start is None:
        return None
    assert a.end is not None and b.end is not None
    if a.start > b.end + SLACK_DAYS or b.start > a.end + SLACK_DAYS:
        return None
    if not _sub_types_agree(a, b) or not _actors_agree(a, b):
        return None
    place = _place_score(a, b)
    if place is None:
        return None
    claim_denied = (a.stance == "denied" or b.stance == "denied") and (
        a.claimant is not None and a.claimant == b.claimant
    )
    shared = bool(a.countries & b.countries)
    if place == 0.0 and not shared and not claim_denied:
        return None
    score = place + float(a.start == b.start) + float(a.sub == b.sub and a.sub is not None)
    return score + float(bool(a.actor1 & b.actor1)) + float(shared) + float(claim_denied)


def _fusable(ev: _Ev) -> bool:
    if ev.start is None or ev.end is None or ev.plover in (None, "REJECT"):
        return False
    return ev.end - ev.start <= MAX_SPAN_DAYS


def _links(evs: Sequence[_Ev]) -> dict[tuple[int, int], float]:
    """Every linked pair (rows, in key order) with its score.

    Linked events share a PLOVER type and a country (of an actor, place, casualty side or the
    claimant), so events are bucketed by both and swept by date within each bucket.
    """
    buckets: dict[tuple[str, str], list[_Ev]] = defaultdict(list)
    for ev in evs:
        if _fusable(ev):
            for country in ev.countries | ({ev.claimant} if ev.claimant else set()):
                buckets[(ev.plover or "", country)].append(ev)
    links: dict[tuple[int, int], float] = {}
    tried: set[tuple[int, int]] = set()
    for bucket in buckets.values():
        bucket.sort(key=lambda e: (e.start, e.key))
        for i, a in enumerate(bucket):
            assert a.end is not None
            last = a.end + SLACK_DAYS
            for j in range(i + 1, len(bucket)):
                b = bucket[j]
                assert b.start is not None
                if b.start > last:
                    break
                pair = (a.row, b.row) if a.row < b.row else (b.row, a.row)
                if pair in tried:
                    continue
                tried.add(pair)
                score = link_score(a, b)
                if score is not None:
                    links[(a.row, b.row) if a.key < b.key else (b.row, a.row)] = score
    return links


class _Groups:
    """Greedy complete-linkage grouping with one member per (document, role)."""

    def __init__(self, evs: Sequence[_Ev], links: Mapping[tuple[int, int], float]) -> None:
        self.evs = evs
        self.links = links
        self.group: dict[int, int] = {}
        self.members: dict[int, list[int]] = {}

    def add(self, i: int) -> None:
        self.group[i] = i
        self.members[i] = [i]

    def linked(self, i: int, j: int) -> float | None:
        return self.links.get((i, j), self.links.get((j, i)))

    def fits(self, new: Sequence[int], group: Sequence[int]) -> bool:
        for i in new:
            for j in group:
                if self.evs[i].key[0] == self.evs[j].key[0]:
                    if _role(self.evs[i]) == _role(self.evs[j]):
                        return False
                elif self.linked(i, j) is None:
                    return False
        return True

    def merge(self, i: int, j: int) -> None:
        gi, gj = self.group[i], self.group[j]
        if gi == gj or not self.fits(self.members[gi], self.members[gj]):
            return
        keep, drop = sorted((gi, gj), key=lambda g: self.evs[g].key)
        for k in self.members.pop(drop):
            self.group[k] = keep
            self.members[keep].append(k)


def _role(ev: _Ev) -> str:
    if ev.plover == "REJECT":
        return "denial"
    return "denied" if ev.stance == "denied" else "version"


def _groups(evs: Sequence[_Ev]) -> list[tuple[list[int], list[int]]]:
    """Each group's claim events and the REJECT events attached to it, as sorted indices."""
    links = _links(evs)
    by_key = sorted(range(len(evs)), key=lambda i: evs[i].key)
    groups = _Groups(evs, links)
    versions = [i for i in by_key if _role(evs[i]) == "version"]
    denied = [i for i in by_key if _role(evs[i]) == "denied"]
    for i in versions:
        groups.add(i)
    ordered = sorted(links.items(), key=lambda kv: (-kv[1], evs[kv[0][0]].key, evs[kv[0][1]].key))
    for (i, j), _ in ordered:
        if i in groups.group and j in groups.group:
            groups.merge(i, j)
    # a denied claim joins the best group, first the one with its own document's version
    for i in denied:
        best: tuple[float, tuple[str, str]] | None = None
        for g, rows in sorted(groups.members.items(), key=lambda kv: evs[kv[0]].key):
            scores = [s for j in rows if (s := groups.linked(i, j)) is not None]
            if not scores or not groups.fits([i], rows):
                continue
            own = any(evs[j].key[0] == evs[i].key[0] for j in rows)
            candidate = (max(scores) + 10.0 * own, evs[g].key)
            if best is None or candidate[0] > best[0]:
                best = candidate
        if best is None:
            groups.add(i)
        else:
            g = next(k for k in groups.members if evs[k].key == best[1])
            groups.group[i] = g
            groups.members[g].append(i)
    # denied claims left alone may still be one claim denied in two documents
    for (i, j), _ in ordered:
        if _role(evs[i]) == "denied" and _role(evs[j]) == "denied":
            alone = [groups.members[groups.group[k]] for k in (i, j)]
            if all(_role(evs[k]) == "denied" for rows in alone for k in rows):
                groups.merge(i, j)
    owner = {evs[i].key: groups.group[i] for i in groups.group}
    attached: dict[int, list[int]] = defaultdict(list)
    for i in by_key:
        if _role(evs[i]) != "denial":
            continue
        doc = evs[i].key[0]
        targets = Counter(owner[(doc, r)] for r in evs[i].rejects if (doc, r) in owner)
        if targets:
            g = min(targets, key=lambda k: (-targets[k], evs[k].key))
            attached[g].append(i)
        else:
            groups.add(i)
    result = [
        (
            sorted(rows, key=lambda k: evs[k].key),
            sorted(attached.get(g, []), key=lambda k: evs[k].key),
        )
        for g, rows in groups.members.items()
    ]
    return sorted(result, key=lambda pair: evs[pair[0][0]].key)


def _member(row: EventRow, ev: _Ev) -> Member:
    event = row["event"]
    copy_of = _get(row, "document", "copy_of")
    return Member(
        event_id=ev.key[1],
        document_id=ev.key[0],
        source=copy_of if isinstance(copy_of, str) and copy_of else ev.key[0],
        role=_role(ev),
        category=event.get("category"),
        claimant_name=_get(event, "attribution", "claimant", "name"),
        claimant_country=ev.claimant,
        stance=ev.stance,
        fatalities_min=_get(event, "fatalities", "min"),
        fatalities_max=_get(event, "fatalities", "max"),
        injuries_min=_get(event, "injuries", "min"),
        injuries_max=_get(event, "injuries", "max"),
        date_start=_get(event, "date", "start"),
        date_end=_get(event, "date", "end"),
        locations=tuple(
            str(loc.get("name") or loc.get("text")) for loc in event.get("locations") or []
        ),
    )


def fused_id(members: Iterable[tuple[str, str]]) -> str:
    """Stable id of a group: a hash of its sorted (document id, event id) pairs."""
    text = "\n".join(f"{doc}\t{event}" for doc, event in sorted(members))
    return "fz-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _type(events: Sequence[Mapping[str, Any]]) -> tuple[Any, ...]:
    """The majority type among the members; ties go to the most specific, then by name."""
    kinds = Counter(
        (
            e.get("category"),
            _get(e, "plover", "type"),
            _get(e, "plover", "mode"),
            _get(e, "acled", "event_type"),
            _get(e, "acled", "sub_event_type"),
        )
        for e in events
    )

    def rank(kind: tuple[Any, ...]) -> tuple[int, int, str]:
        specific = (kind[4] is not None) * 2 + (kind[2] is not None)
        return (-kinds[kind], -specific, str(kind[0]))

    return min(kinds, key=rank)


def _places(events: Sequence[Mapping[str, Any]]) -> tuple[tuple[Place, ...], Place | None]:
    seen: dict[tuple[Any, ...], Place] = {}
    mentions: Counter[tuple[Any, ...]] = Counter()
    for event in events:
        for loc in event.get("locations") or []:
            place = Place(
                name=loc.get("name") or loc.get("text"),
                country=loc.get("country"),
                admin1=loc.get("admin1"),
                lat=loc.get("lat"),
                lon=loc.get("lon"),
                geonameid=loc.get("geonameid"),
                feature=loc.get("feature"),
                precision=loc.get("precision"),
            )
            key = (place.geonameid, place.name, place.lat, place.lon)
            seen.setdefault(key, place)
            mentions[key] += 1
    ordered = sorted(seen, key=lambda k: tuple("" if v is None else str(v) for v in k))
    points = [k for k in ordered if seen[k].lat is not None and seen[k].lon is not None]
    best = min(points, key=lambda k: (seen[k].precision or 9, -mentions[k]), default=None)
    return tuple(seen[k] for k in ordered), (seen[best] if best is not None else None)


def _fatalities(members: Sequence[Member]) -> tuple[int | None, int | None, bool]:
    known = [m for m in members if m.fatalities_min is not None or m.fatalities_max is not None]
    if not known:
        return None, None, False
    lows = [m.fatalities_min if m.fatalities_min is not None else 0 for m in known]
    highs = [m.fatalities_max for m in known]
    top = None if any(h is None for h in highs) else max(h for h in highs if h is not None)
    lowest_high = min((h for h in highs if h is not None), default=None)
    conflict = lowest_high is not None and max(lows) > lowest_high
    return min(lows), top, conflict


def _fuse_group(
    rows: Sequence[EventRow], evs: Sequence[_Ev], group: list[int], denials: list[int]
) -> Fused:
    members = tuple(_member(rows[evs[i].row], evs[i]) for i in group)
    denial_members = tuple(_member(rows[evs[i].row], evs[i]) for i in denials)
    events = [rows[evs[i].row]["event"] for i in group]
    category, plover, mode, acled, sub = _type(events)
    starts = [m.date_start for m in members if m.date_start]
    ends = [m.date_end for m in members if m.date_end]
    places, best = _places(events)
    low, high, conflict = _fatalities(members)
    stances = tuple(
        (m.document_id, m.claimant_name, m.claimant_country, m.stance, m.role)
        for m in members + denial_members
    )
    disputed = any(rows[evs[i].row]["event"].get("disputed_by") for i in group)
    return Fused(
        id=fused_id((m.document_id, m.event_id) for m in members),
        members=members,
        denials=denial_members,
        category=category,
        plover_type=plover,
        plover_mode=mode,
        acled_event_type=acled,
        acled_sub_event_type=sub,
        date_start=min(starts) if starts else None,
        date_end=max(ends) if ends else None,
        places=places,
        point=(best.lat, best.lon)
        if best and best.lat is not None and best.lon is not None
        else None,
        fatalities_min=low,
        fatalities_max=high,
        fatalities_conflict=conflict,
        stances=stances,
        contested=bool(denial_members) or disputed or any(m.stance == "denied" for m in members),
    )


def fuse(rows: Sequence[EventRow]) -> list[Fused]:
    """One Fused per happening (singletons included), sorted by id; independent of row order.

    Raises InputError when a row lacks document.id/event.id or carries a malformed date.
    """
    evs = [_features(row, i) for i, row in enumerate(rows)]
    keys = Counter(ev.key for ev in evs)
    twice = sorted(k for k, n in keys.items() if n > 1)
    if twice:
        raise InputError(
            f"event {twice[0][1]} of document {twice[0][0]} is given twice; pass each once"
        )
    fused = [_fuse_group(rows, evs, group, denials) for group, denials in _groups(evs)]
    return sorted(fused, key=lambda f: f.id)


def assign_fused_ids(rows: Sequence[EventRow], fused: Iterable[Fused]) -> list[EventRow]:
    """Copies of ``rows`` with ``fused_id`` set; a denial gets the id of the claim it denies."""
    owner: dict[tuple[str, str], str] = {}
    for f in fused:
        for m in f.members + f.denials:
            owner[(m.document_id, m.event_id)] = f.id
    return [{**row, "fused_id": owner.get(_key(row, i))} for i, row in enumerate(rows)]


def fused_json(fused: Fused) -> dict[str, Any]:
    """The fused event as a JSON-ready dict (for the store and the exports)."""

    def member(m: Member) -> dict[str, Any]:
        return {
            "event_id": m.event_id,
            "document_id": m.document_id,
            "copy_of": m.source if m.source != m.document_id else None,
            "role": m.role,
            "category": m.category,
            "claimant": {"name": m.claimant_name, "country": m.claimant_country},
            "stance": m.stance,
            "fatalities": {"min": m.fatalities_min, "max": m.fatalities_max},
            "injuries": {"min": m.injuries_min, "max": m.injuries_max},
            "date": {"start": m.date_start, "end": m.date_end},
            "locations": list(m.locations),
        }

    return {
        "id": fused.id,
        "category": fused.category,
        "plover": {"type": fused.plover_type, "mode": fused.plover_mode},
        "acled": {
            "event_type": fused.acled_event_type,
            "sub_event_type": fused.acled_sub_event_type,
        },
        "date": {"start": fused.date_start, "end": fused.date_end},
        "places": [p.__dict__ for p in fused.places],
        "point": list(fused.point) if fused.point else None,
        "fatalities": {
            "min": fused.fatalities_min,
            "max": fused.fatalities_max,
            "conflict": fused.fatalities_conflict,
        },
        "contested": fused.contested,
        "documents": list(fused.documents),
        # "5 documents, 1 independent source": the originals and the documents telling each
        "independent_sources": len(fused.sources),
        "sources": [{"original": k, "documents": list(v)} for k, v in fused.sources.items()],
        "members": [member(m) for m in fused.members],
        "denials": [member(m) for m in fused.denials],
    }
