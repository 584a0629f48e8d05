"""Mentions of one happening within a document become one event."""

from __future__ import annotations

from conflictcoder.events.draft import Draft


def _actor1_countries(draft: Draft) -> set[str]:
    return {m.country for m, role, _ in draft.actors if role == "actor1" and m.country}


def _claim_key(draft: Draft) -> tuple[str | None, str | None]:
    a = draft.attribution
    if a is None:
        return (None, None)
    return (a.stance, a.claimant.country if a.claimant else None)


def _same_happening(head: Draft, later: Draft) -> bool:
    """Is ``later`` another mention of ``head``? Same kind of event and claim, nothing that
    tells them apart (two different doers, own dates or places), and something that ties
    them: a shared place, the same own date, or a bare re-mention by the same word."""
    if head.type.category != later.type.category or _claim_key(head) != _claim_key(later):
        return False
    doers, others = _actor1_countries(head), _actor1_countries(later)
    if doers and others and not doers & others:
        return False
    if head.own_date and later.own_date and head.date != later.date:
        return False
    places = {p.span.text.casefold() for p in head.places}
    more = {p.span.text.casefold() for p in later.places}
    if places and more and not places & more:
        return False
    if places & more or (head.own_date and later.own_date):
        return True
    bare = not later.own_date and not more and not others
    return bare and bool(later.lemmas & head.lemmas)


def _absorb(head: Draft, later: Draft) -> None:
    head.also.extend([later.trigger, *later.also])
    known = {(m.name, m.country, role) for m, role, _ in head.actors}
    head.actors.extend(a for a in later.actors if (a[0].name, a[0].country, a[1]) not in known)
    seen = {(p.span.start, p.span.end) for p in head.places}
    head.places = [
        *head.places,
        *(p for p in later.places if (p.span.start, p.span.end) not in seen),
    ]
    head.sites.extend(s for s in later.sites if s not in head.sites)
    if not head.own_date and later.own_date:
        head.date, head.own_date = later.date, True
    for name in ("fatalities", "injuries", "missing", "captured"):
        if getattr(head, name) is None:
            setattr(head, name, getattr(later, name))
    weapons = {w for w, _ in head.weapons}
    head.weapons.extend((w, s) for w, s in later.weapons if w not in weapons)
    head.damage.extend(later.damage)
    head.attribution_cues.extend(later.attribution_cues)
    head.weight = max(head.weight, later.weight)
    head.mentions += later.mentions
    head.lemmas = head.lemmas | later.lemmas


def merge_mentions(drafts: list[Draft]) -> list[Draft]:
    """Mentions of one happening within a document become one event whose evidence lists
    every mention; each later mention joins the nearest earlier event it can be."""
    kept: list[Draft] = []
    for draft in drafts:
        head = next((h for h in reversed(kept) if _same_happening(h, draft)), None)
        if head is None:
            kept.append(draft)
        else:
            _absorb(head, draft)
    return kept
