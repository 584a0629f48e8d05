"""Mentions → events: one pass over the parsed sentences, then places resolved per document.

Per sentence: triggers (typed by the lexicon), actors with roles, places, the date,
casualties, weapons and attribution. A sentence without a trigger of its own that names
weapons or casualties ("As a result, there are casualties …") adds them to the event
just before it. Every filled field keeps the span it came from as evidence.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Span as SpacySpan

from conflictcoder.config import Config
from conflictcoder.countries import country_name, find_countries
from conflictcoder.events.actors import (
    ActorMention,
    Perspective,
    fill_template,
    find_actors,
    in_perspective,
)
from conflictcoder.events.attachment import event_places, owned_by
from conflictcoder.events.attribution import (
    Cue,
    Sources,
    attribute,
    claim_maker,
    denier,
    find_cues,
    find_sources,
    named_speaker,
)
from conflictcoder.events.casualties import CasualtyFinding, find_casualties
from conflictcoder.events.confidence import confidence as event_confidence
from conflictcoder.events.damage import find_damage
from conflictcoder.events.dates import nearest_date, paragraph_date, report_week, same_paragraph
from conflictcoder.events.denials import link_denials
from conflictcoder.events.domain import domain_counts, is_not_war_report, mentions_exercise
from conflictcoder.events.draft import Draft, family
from conflictcoder.events.lexicon import event_categories
from conflictcoder.events.matcher import lemma
from conflictcoder.events.merge import merge_mentions
from conflictcoder.events.metaphor import aimed_at_words
from conflictcoder.events.participants import OTHER, find_participants, may_do
from conflictcoder.events.places import find_places
from conflictcoder.events.refine import refine
from conflictcoder.events.roles import assign_roles, governing_verb
from conflictcoder.events.selection import primary, without_grievances, without_participants
from conflictcoder.events.sites import find_sites
from conflictcoder.events.status import event_status
from conflictcoder.events.triggers import TriggerHit, find_triggers
from conflictcoder.events.weapons import find_weapons
from conflictcoder.geo.gazetteer import Gazetteer, load_gazetteer
from conflictcoder.geo.nonpoints import NonPoint, find_nonpoints, nonpoint_location
from conflictcoder.geo.resolve import GeoContext, PlaceMention, resolve_places
from conflictcoder.nlp.pipeline import Chunk, parse_text
from conflictcoder.records import (
    Actor,
    Attribution,
    Count,
    Damage,
    Document,
    Event,
    EventType,
    Evidence,
    Location,
    Party,
    Span,
)
from conflictcoder.time import find_dates

# How many sentences after an event may still add its weapons and casualties.
_CONTINUATION = 2
# A sentence with no place of its own takes the last place named at most this many
# sentences back in its paragraph.
_CARRY_SENTENCES = 2
# Words that only report a toll: after an event, "Two soldiers were killed" tells its cost.
_TOLL_LEMMAS = frozenset(
    {"kill", "wound", "injure", "die", "hurt", "death", "casualty", "dead", "damage", "destroy"}
)
# Below this weight a trigger makes an event only when the sentence names who did it.
_WEAK = 0.5
# The category of violence words used of words ("critics attacked the proposal").
_CRITICISM = "condemn"
# A sentence with this many sports words and no conflict word is about a game.
_SPORTS_WORDS = 2


def _sports_sentence(text: str) -> bool:
    """ "The striker fired a shot past the goalkeeper": a game, whatever the document is."""
    counts = domain_counts(text)
    return counts["sports"] >= _SPORTS_WORDS and counts["conflict"] == 0


# Events that are things said: made by the claimant, aimed at the other side by default.
_SPEECH_ACTS = frozenset({"ACCUSE", "REJECT", "THREATEN"})


def _dedupe(roles: list[tuple[ActorMention, str]]) -> list[tuple[ActorMention, str]]:
    """One actor per role, name and country ("civilian facilities … and populations")."""
    seen: set[tuple[str, str | None, str | None]] = set()
    kept = []
    for mention, role in roles:
        key = (role, mention.name, mention.country)
        if key not in seen:
            seen.add(key)
            kept.append((mention, role))
    return kept


def _slot(role: str) -> str:
    return "actor1" if role == "actor1" else "target" if role in ("target", "victim") else role


def _frame_roles(
    sent: SpacySpan, hit: TriggerHit, support: list[TriggerHit], mentions: list[ActorMention]
) -> list[tuple[ActorMention, str]]:
    """Roles from the event's trigger, then from its other words for a slot (doer,
    sufferer) the trigger leaves empty: in "Gunmen fired on a bakery" the trigger is the
    doer noun itself, and "fired" gives the bakery."""
    roles = assign_roles(sent.doc[hit.head], mentions)
    for other in (s for s in support if _linked(sent, hit, s)):
        filled = {_slot(r) for _, r in roles}
        taken = {m.root for m, _ in roles}
        for mention, role in assign_roles(sent.doc[other.head], mentions):
            if _slot(role) not in filled and mention.root not in taken:
                roles.append((mention, role))
    return roles


def _linked(sent: SpacySpan, hit: TriggerHit, other: TriggerHit) -> bool:
    """True when one trigger word hangs from the other ("*Gunmen* *fired*") or both from
    one verb: words of one clause, not two events told in a row ("held a protest and were
    dispersed by police")."""
    a, b = sent.doc[hit.head], sent.doc[other.head]
    return a.head.i == b.i or b.head.i == a.i or governing_verb(a).i == governing_verb(b).i


def _range(tokens: tuple[int, int]) -> ActorMention:
    """A token range as a mention without a name, for its character span."""
    return ActorMention(tokens[0], tokens[1], tokens[0], None, None, None)


def _party_mention(party: Party) -> ActorMention:
    """A party known from attribution, as an actor without a span of its own."""
    return ActorMention(start=-1, end=-1, root=-1, name=party.name, country=party.country,
                        sector="government" if party.country else None)  # fmt: skip


def _span(doc_text: str, start: int, end: int) -> Span:
    return Span(start, end, doc_text[start:end])


def _trimmed(document: Document, sent: SpacySpan, offset: int) -> Span | None:
    """The sentence without the blanks around it (furniture is blank in the parsed text)."""
    text = sent.text
    start = offset + sent.start_char + (len(text) - len(text.lstrip()))
    end = offset + sent.start_char + len(text.rstrip())
    if start >= end or document.is_removed(start, end):
        return None
    return Span(start, end, document.text[start:end])


def _by_frequency(text: str) -> list[str]:
    """Countries named in the text, most often named first (ties by code)."""
    counts = Counter(iso for _, _, iso in find_countries(text))
    return sorted(counts, key=lambda iso: (-counts[iso], iso))


def _perspective(document: Document, named: list[str]) -> Perspective:
    own = document.issuer.country if document.issuer is not None else None
    other = next((iso for iso in named if iso != own), None)
    return Perspective(own=own, other=other)


def _dateline_country(document: Document, gazetteer: Gazetteer) -> str | None:
    """The country of the dateline's city (its most populous namesake)."""
    if document.dateline is None or not document.dateline.place:
        return None
    candidates = gazetteer.candidates(document.dateline.place)
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c.population or 0, -(c.geonameid or 0))).country


@dataclass(frozen=True)
class _Sentence:
    """What one sentence offers the events triggered in it."""

    sent: SpacySpan
    offset: int
    span: Span
    mentions: list[ActorMention]
    sources: Sources
    cues: list[Cue]
    perspective: Perspective
    places: list[PlaceMention]
    weapons: list[tuple[str, str | None, Span]]
    casualties: CasualtyFinding
    damage: list[Damage]
    areas: list[NonPoint]
    drill: bool = False  # the sentence speaks of a drill, an exercise or a game
    # Noun phrases no lexicon knows that may fill a role (events/participants.py).
    participants: tuple[ActorMention, ...] = ()
    other_places: tuple[PlaceMention, ...] = ()  # the sentence's places another event owns


class _DocumentPass:
    def __init__(self, document: Document, config: Config) -> None:
        self.document = document
        self.config = config
        # Furniture and the dateline say nothing about what the document reports.
        self.named_countries = _by_frequency(parse_text(document))
        self.perspective = _perspective(document, self.named_countries)
        excluded = [(r.start, r.end) for r in document.removed]
        if document.dateline is not None and document.dateline.span is not None:
            excluded.append((document.dateline.span.start, document.dateline.span.end))
        self.dates = [
            d
            for d in find_dates(document.text, document.anchor)
            if d.span is not None
            and not any(d.span.start < e and s < d.span.end for s, e in excluded)
        ]
        self.gazetteer = load_gazetteer(config)
        self.dateline_country = _dateline_country(document, self.gazetteer)
        self.drafts: list[Draft] = []
        self.last_speaker: Party | None = None
        self.since_event = _CONTINUATION + 1
        self.last_places: tuple[int, list[PlaceMention], list[NonPoint]] = (0, [], [])
        self.not_war = is_not_war_report(document.text)  # a match or drill report

    def sentence(self, sent: SpacySpan, offset: int) -> None:
        document = self.document
        sentence = _trimmed(document, sent, offset)
        if sentence is None:
            return
        user_dir = self.config.user_data_dir
        weapons = find_weapons(sent, offset, user_dir)
        # A word inside a longer weapon name names the weapon ("grenade launchers").
        hits = [
            h
            for h in find_triggers(sent, offset, user_dir)
            if not any(
                s.start <= h.start and h.end <= s.end and s.end - s.start > h.end - h.start
                for _, _, s in weapons
            )
        ]
        hits = without_participants(sent, without_grievances(sent, hits))
        casualties = find_casualties(
            document.text, sentence.start, sentence.end, sent=sent, offset=offset
        )
        mentions = find_actors(sent, self.perspective, user_dir)
        sources = find_sources(sent, mentions)
        speaker = named_speaker(sources, set())
        perspective = self.perspective
        if speaker is not None and speaker.country and speaker.country != perspective.own:
            # In reported speech "our forces" are the speaker's.
            perspective = Perspective(
                own=speaker.country,
                other=next((c for c in self.named_countries if c != speaker.country), None),
            )
            mentions = in_perspective(mentions, perspective, sent.doc)
            sources = find_sources(sent, mentions)
        casualties = self._sided(casualties, mentions, sent, offset)
        damage = find_damage(sent, offset, {i for m in mentions for i in range(m.start, m.end)})
        if not hits or self._reports_toll(sent, hits, mentions):
            self.since_event += 1
            self._continue(weapons, casualties, damage, self._toll(sent, offset, hits, mentions))
            self._remember(sources)
            return
        # Borders, sectors, "several directions": kept as text, never given a point.
        areas = find_nonpoints(document.text, sentence.start, sentence.end)
        here = _Sentence(
            sent=sent,
            offset=offset,
            span=sentence,
            mentions=mentions,
            sources=sources,
            cues=find_cues(sent, offset),
            perspective=perspective,
            places=[
                p
                for p in find_places(
                    sent,
                    offset,
                    self.gazetteer,
                    {i for m in mentions for i in range(m.start, m.end)},
                )
                if not any(a.span.start <= p.span.start and p.span.end <= a.span.end for a in areas)
            ],
            areas=areas,
            weapons=weapons,
            casualties=casualties,
            damage=damage,
            drill=mentions_exercise(sentence.text) or _sports_sentence(sentence.text),
        )
        here = replace(here, participants=self._participants(here, hits))
        if here.places or here.areas:
            self.last_places = (sentence.end, here.places, here.areas)
        elif self._carries(sentence):
            # "At the same time, another group staged a protest": no place of its own, so
            # the place of the event just told in the same paragraph.
            _, places, areas = self.last_places
            here = replace(here, places=list(places), areas=list(areas))
        groups = primary(hits)
        made = [
            d
            for hit, support in groups
            if (d := self._draft(self._attached(here, hit, support, groups), hit, support))
        ]
        self.drafts.extend(made)
        self.since_event = 0 if made else self.since_event + 1
        if not made:
            self._continue(weapons, casualties, damage)
        self._remember(sources)

    def _attached(
        self,
        here: _Sentence,
        hit: TriggerHit,
        support: list[TriggerHit],
        groups: list[tuple[TriggerHit, list[TriggerHit]]],
    ) -> _Sentence:
        """The sentence as one of its events sees it: never the speaker's seat as its place,
        and with several events, the counts and places that hang nearest to its trigger."""
        if len(groups) < 2:
            return replace(here, places=event_places(here.places, here.sent, here.offset, hit.head))
        everyone = {h.head for first, more in groups for h in (first, *more)}
        owns = owned_by(here.sent, here.offset, {hit.head, *(h.head for h in support)}, everyone)
        found = find_casualties(
            self.document.text, here.span.start, here.span.end,
            sent=here.sent, offset=here.offset, keep=owns,
        )  # fmt: skip
        return replace(
            here,
            casualties=self._sided(found, here.mentions, here.sent, here.offset),
            places=event_places(here.places, here.sent, here.offset, hit.head, owns),
            other_places=tuple(event_places(here.places, here.sent, here.offset, hit.head)),
        )

    def _participants(self, here: _Sentence, hits: list[TriggerHit]) -> tuple[ActorMention, ...]:
        """The sentence's other noun phrases, outside its actors, places, weapons and event
        words (the place spans are this sentence's own, before any carried over)."""
        sent, offset = here.sent, here.offset
        taken = {i for m in here.mentions for i in range(m.start, m.end)}
        spans = [p.span for p in here.places] + [s for _, _, s in here.weapons]
        spans += [_span(self.document.text, h.start, h.end) for h in hits]
        for span in spans:
            words = sent.doc.char_span(
                span.start - offset, span.end - offset, alignment_mode="expand"
            )
            if words is not None:
                taken.update(range(words.start, words.end))
        return tuple(find_participants(sent, taken))

    def _with_participants(
        self,
        here: _Sentence,
        hit: TriggerHit,
        support: list[TriggerHit],
        roles: list[tuple[ActorMention, str]],
        at_sites: frozenset[int] = frozenset(),
    ) -> list[tuple[ActorMention, str]]:
        """Known actors' roles, and a participant read from the parse in each slot (doer,
        sufferer) that no known actor fills; a doer only when it is a name."""
        filled = {"actor1" if r == "actor1" else "target" for _, r in roles if r != "mediator"}
        if not here.participants:
            return roles
        doc = here.sent.doc
        out = list(roles)
        for mention, role in _frame_roles(here.sent, hit, support, list(here.participants)):
            slot = "actor1" if role == "actor1" else "target"
            if role in ("actor2", "mediator") or slot in filled:
                continue
            if slot == "actor1" and not may_do(mention, doc):
                continue
            if mention.root in at_sites:
                continue  # "an explosion at the station": where, not whom
            if slot == "target" and hit.type.plover_type == "PROTEST":
                continue  # what a protest demands or opposes is its issue, not a target
            out.append((mention, "target" if slot == "target" else role))
        return out

    def _carries(self, sentence: Span) -> bool:
        """True when the last sentence with a place lies in this one's paragraph."""
        end, places, areas = self.last_places
        if not places and not areas:
            return False
        text = self.document.text
        return (
            same_paragraph(text, end, sentence.start)
            and text.count(". ", end, sentence.start) < _CARRY_SENTENCES
        )

    def _remember(self, sources: Sources) -> None:
        speaker = named_speaker(sources, set())
        if speaker is not None:
            self.last_speaker = speaker

    def _draft(self, here: _Sentence, hit: TriggerHit, support: list[TriggerHit]) -> Draft | None:
        document, sent = self.document, here.sent
        roles = _dedupe(_frame_roles(sent, hit, support, here.mentions))
        if hit.weight < _WEAK and all(r != "actor1" for _, r in roles):
            return None  # a weak word without a doer ("damaged", "engaged") is no event
        if hit.weight < _WEAK and self._aftermath(roles):
            return None  # "… attacked a market. The attackers fled": the same incident
        counted = here.casualties.fatalities or here.casualties.injuries
        if (self.not_war or here.drill) and family(hit.type) == "violence" and not counted:
            return None  # "his side beat Ukraine", "shells sank the target hulk in the drill"
        sites: list[tuple[int, int]] = []
        if family(hit.type) == "violence":
            words = [hit, *(o for o in support if _linked(sent, hit, o))]
            sites = sorted({r for h in words for r in find_sites(sent.doc[h.head])})
        if hit.type.plover_type not in _SPEECH_ACTS:
            at_sites = frozenset(i for a, b in sites for i in range(a, b))
            roles = _dedupe(self._with_participants(here, hit, support, roles, at_sites))
        actors: list[tuple[ActorMention, str, Span | None]] = [
            (m, role, self._mention_span(sent, here.offset, m)) for m, role in roles
        ]
        victims = any(role == "victim" for _, role, _ in actors)
        targets = frozenset(m.sector for m, role, _ in actors if role in ("target", "victim"))
        event_type = refine(hit.type, [(w, h) for w, h, _ in here.weapons], victims, targets)
        if family(event_type) == "violence" and aimed_at_words(sent.doc[hit.head]):
            event_type = event_categories()[_CRITICISM]  # "critics attacked the proposal"
        trigger = _span(document.text, hit.start, hit.end)
        date = nearest_date(self.dates, here.span, trigger)
        own_date = date is not None
        if date is None:
            date = paragraph_date(self.dates, document.text, here.span)
        if date is None and self.drafts:
            date = self.drafts[-1].date
        if date is None:
            date = report_week(document)
        participants = {m.root for m, _ in roles}
        previous = self.last_speaker
        if event_type.plover_type == "REJECT":
            # The denial is the denier's own act (asserted), aimed at the side whose claim
            # it rejects; the one who made the claim is never the denier.
            by = denier(here.sources, document.issuer, here.perspective, set(), previous)
            attribution, decided = attribute(
                here.sources, [], document.issuer, here.perspective, set(), previous
            )
            attribution = replace(attribution, claimant=by, stance="asserted" if by else "reported")
            maker = claim_maker(here.sources, document.issuer, here.perspective, set(), previous)
            if maker is not None:
                actors = [a for a in actors if a[1] != "target"]
                actors.append((_party_mention(maker), "target", None))
        else:
            attribution, decided = attribute(
                here.sources, here.cues, document.issuer, here.perspective, participants, previous
            )
        if event_type.plover_type in _SPEECH_ACTS:
            actors = self._speech_act_parties(actors, attribution, here.perspective)
        status = event_status(sent.doc[hit.head], date, document.published)
        return Draft(
            status=status,
            type=event_type,
            trigger=trigger,
            weight=hit.weight,
            sentence=here.span,
            actors=actors,
            places=here.places,
            other_places=[p for p in here.other_places if p not in here.places],
            sites=[self._mention_span(sent, here.offset, _range(r)) for r in sites],
            areas=list(here.areas),
            date=date,
            own_date=own_date,
            fatalities=here.casualties.fatalities,
            injuries=here.casualties.injuries,
            missing=here.casualties.missing,
            captured=here.casualties.captured,
            damage=list(here.damage) if family(event_type) == "violence" else [],
            weapons=[(w, s) for w, _, s in here.weapons],
            attribution_cues=decided,
            attribution=attribution,
            also=[_span(document.text, h.start, h.end) for h in support],
            lemmas=frozenset([hit.trigger.pattern]),
        )

    def _aftermath(self, roles: list[tuple[ActorMention, str]]) -> bool:
        """A weak trigger right after a violent event, done by that event's own doers ("The
        attackers fled on motorcycles"), tells how the incident ended, not a new event."""
        if not self.drafts or self.since_event >= _CONTINUATION:
            return False
        last = self.drafts[-1]
        if family(last.type) != "violence":
            return False
        doers = {m.name for m, role, _ in last.actors if role == "actor1" and m.name}
        ours = {m.name for m, role in roles if role == "actor1"}
        return bool(ours) and ours <= doers

    @staticmethod
    def _speech_act_parties(
        actors: list[tuple[ActorMention, str, Span | None]],
        attribution: Attribution,
        perspective: Perspective,
    ) -> list[tuple[ActorMention, str, Span | None]]:
        """An accusation, denial, warning or demand is made by its claimant, and aimed,
        unless the sentence says otherwise, at the other side."""
        roles = {r for _, r, _ in actors}
        out = list(actors)
        claimant = attribution.claimant
        if "actor1" not in roles and claimant is not None:
            out.insert(0, (_party_mention(claimant), "actor1", None))
        other = perspective.other
        if (
            "target" not in roles
            and other is not None
            and (claimant is None or claimant.country != other)
        ):
            party = Party(name=country_name(other), country=other)
            out.append((_party_mention(party), "target", None))
        return out

    def _reports_toll(
        self, sent: SpacySpan, hits: list[TriggerHit], mentions: list[ActorMention]
    ) -> bool:
        """A sentence right after a violent event that only counts its dead or wounded,
        naming no one who did it ("As a result, two soldiers were killed.")."""
        if not self.drafts or self.since_event >= _CONTINUATION:
            return False
        if family(self.drafts[-1].type) != "violence":
            return False
        for hit in hits:
            if lemma(sent.doc[hit.head]) not in _TOLL_LEMMAS:
                return False
            if any(r == "actor1" for _, r in assign_roles(sent.doc[hit.head], mentions)):
                return False
        return True

    def _mention_span(self, sent: SpacySpan, offset: int, mention: ActorMention) -> Span:
        first, last = sent.doc[mention.start], sent.doc[mention.end - 1]
        return _span(self.document.text, offset + first.idx, offset + last.idx + len(last.text))

    def _crowd(
        self, event_type: EventType, actors: list[Actor], locations: list[Location]
    ) -> list[Actor]:
        """Protesters and rioters are named, as ACLED names them, after the country they
        protest in: the event's place, else the dateline's, else the most-named country."""
        country = next((loc.country for loc in locations if loc.country), None)
        country = country or self.dateline_country or next(iter(self.named_countries), None)
        label = _CROWD_LABELS[event_type.acled_event_type or ""]
        name = f"{label} ({country_name(country) or country})" if country else label
        # The doers the parse names as written ("miners of the mine company", "the party
        # STREI!") are the crowd too: ACLED names the crowd, the group is only associated.
        crowd = [a for a in actors if a.role == "actor1" and a.sector in (None, "civilian", OTHER)]
        if not any(a.role == "actor1" for a in actors):
            return [Actor("actor1", None, name, country, "civilian", None), *actors]
        return [
            replace(a, name=name, country=a.country or country, sector="civilian")
            if a in crowd
            else a
            for a in actors
        ]

    @staticmethod
    def _sites(draft: Draft, locations: list[Location]) -> list[Location]:
        """The event's sites as locations inside its first town (no point of their own)."""
        town = next((loc for loc in locations if loc.feature != "country"), None)
        town = town or next(iter(locations), None)
        out = []
        for span in draft.sites:
            if any(loc.span is not None and loc.span == span for loc in locations):
                continue
            out.append(
                Location(
                    text=span.text,
                    name=span.text,
                    country=town.country if town else None,
                    admin1=town.admin1 if town else None,
                    admin2=town.admin2 if town else None,
                    lat=None,
                    lon=None,
                    geonameid=None,
                    feature="site",
                    precision=town.precision if town else None,
                    span=span,
                )
            )
        return out

    def _toll(
        self, sent: SpacySpan, offset: int, hits: list[TriggerHit], mentions: list[ActorMention]
    ) -> tuple[list[Span], list[tuple[ActorMention, str, Span | None]]]:
        """The words of a toll sentence that tell the earlier event's cost ("Twenty
        insurgents were killed"), and the people they name as its victims."""
        words = [_span(self.document.text, h.start, h.end) for h in hits]
        sufferers: list[tuple[ActorMention, str, Span | None]] = [
            (mention, role, self._mention_span(sent, offset, mention))
            for hit in hits
            for mention, role in assign_roles(sent.doc[hit.head], mentions)
            if role in ("target", "victim")
        ]
        return words, sufferers

    def _continue(
        self,
        weapons: list[tuple[str, str | None, Span]],
        casualties: CasualtyFinding,
        damage: list[Damage],
        toll: tuple[list[Span], list[tuple[ActorMention, str, Span | None]]] = ([], []),
    ) -> None:
        """Weapons, tolls and damage of a sentence with no event of its own go to the
        violent event just before it ("As a result, there are casualties …"); the toll's own
        words become evidence of that event, and the people it counts its victims."""
        if not self.drafts or self.since_event > _CONTINUATION:
            return
        draft = self.drafts[-1]
        if family(draft.type) != "violence":
            return
        words, sufferers = toll
        draft.also.extend(words)
        named = {(m.name, m.country) for m, role, _ in draft.actors if role in ("target", "victim")}
        doers = {m.country for m, role, _ in draft.actors if role == "actor1" and m.country}
        for mention, role, span in sufferers:
            if mention.country in doers:
                continue  # the doers' own losses: the event's other side, never its target
            if (mention.name, mention.country) not in named:
                named.add((mention.name, mention.country))
                draft.actors.append((mention, role, span))
        known = {w for w, _ in draft.weapons}
        draft.weapons.extend((w, s) for w, _, s in weapons if w not in known)
        draft.damage.extend(damage)
        for name in ("fatalities", "injuries", "missing", "captured"):
            if getattr(draft, name) is None:
                setattr(draft, name, getattr(casualties, name))

    def _sided(
        self,
        casualties: CasualtyFinding,
        mentions: list[ActorMention],
        sent: SpacySpan,
        offset: int,
    ) -> CasualtyFinding:
        """Each count with the actor whose dead or wounded it counts, when the text says:
        the actor inside the count ("two Armenian soldiers") or right after it ("casualties
        among our servicemen")."""
        spans = [(m, self._mention_span(sent, offset, m)) for m in mentions]
        text = self.document.text

        def side(count: Count | None) -> Count | None:
            if count is None or count.span is None:
                return count
            for mention, span in spans:
                inside = count.span.start <= span.start and span.end <= count.span.end
                between = text[count.span.end : span.start]
                after = 0 <= span.start - count.span.end <= 60 and between.strip().split()[:1] in (
                    ["among"],
                    ["of"],
                )
                if inside or after:
                    actor = Actor("victim", span.text, mention.name, mention.country,
                                  mention.sector, span)  # fmt: skip
                    return replace(count, side=actor)
            return count

        return replace(
            casualties,
            fatalities=side(casualties.fatalities),
            injuries=side(casualties.injuries),
            missing=side(casualties.missing),
            captured=side(casualties.captured),
        )

    def finish(self) -> tuple[Event, ...]:
        self.drafts = merge_mentions(self.drafts)
        # What the document is about: its issuer, the countries it names most, its dateline.
        ranked = [self.perspective.own, *self.named_countries[:3], self.dateline_country]
        ranked += [m.country for d in self.drafts for m, _, _ in d.actors]
        countries: list[str] = []
        for iso in ranked:
            if iso and iso not in countries:
                countries.append(iso)
        mentions = [p for d in self.drafts for p in (*d.places, *d.other_places)]
        unique = sorted(
            {(p.span.start, p.span.end): p for p in mentions}.values(), key=lambda p: p.span.start
        )
        resolved = resolve_places(
            unique,
            # In running text an unknown unqualified name is likelier a person or a body
            # than a misspelt place: the typo search only serves qualified names.
            GeoContext(countries=tuple(countries), fuzzy=False),
            self.gazetteer,
        )
        by_span = {(p.span.start, p.span.end): loc for p, loc in zip(unique, resolved, strict=True)}
        return link_denials([self._event(d, by_span) for d in self.drafts])

    def _event(self, draft: Draft, by_span: dict[tuple[int, int], Location | None]) -> Event:
        document = self.document
        evidence: list[Evidence] = [
            Evidence("event", draft.trigger.start, draft.trigger.end, draft.trigger.text)
        ]
        evidence.extend(Evidence("event", s.start, s.end, s.text) for s in draft.also)
        evidence.append(
            Evidence("sentence", draft.sentence.start, draft.sentence.end, draft.sentence.text)
        )
        actors: list[Actor] = []
        by_place: dict[int, str] = {}  # actor index → name template awaiting the event's country
        doer: str | None = None
        for mention, role, span in draft.actors:
            if mention.template is not None:
                by_place[len(actors)] = mention.template
            name, sector = mention.name, mention.sector
            if role == "actor1":
                # Two sides as doers ("provocations of X, and X's adversary shooting"): the
                # first named is actor1, a doer of another country the other side.
                if doer is not None and mention.country and mention.country != doer:
                    role = "actor2"
                doer = doer or mention.country
            if sector is None and mention.country is not None:
                # A bare country as a party to violence is its state's forces.
                violent = family(draft.type) == "violence"
                template = "Military Forces of {country}" if violent else "Government of {country}"
                name, sector = (
                    fill_template(template, mention.country),
                    ("military" if violent else "government"),
                )
            if span is None:
                actors.append(Actor(role, None, name, mention.country, sector, None))
                continue
            actors.append(Actor(role, span.text, name, mention.country, sector, span))
            evidence.append(Evidence("actors", span.start, span.end, span.text))
        locations: list[Location] = []
        own = [p for p in draft.places if by_span.get((p.span.start, p.span.end)) is not None]
        # None of the event's own places resolves ("at Kedur crossing"): the sentence's others.
        for place in own or draft.other_places:
            loc = by_span.get((place.span.start, place.span.end))
            if loc is None:
                continue
            evidence.append(
                Evidence("locations", place.span.start, place.span.end, place.span.text)
            )
            if any(same_place(loc, known) for known in locations):
                continue  # the same place named again: one location, every mention as evidence
            locations.append(replace(loc, span=place.span))
        if any(loc.feature not in ("country", None) for loc in locations):
            locations = [loc for loc in locations if loc.feature != "country"]
        actors = _named_by_place(actors, by_place, locations)
        locations += self._sites(draft, locations)
        evidence += [Evidence("locations", s.start, s.end, s.text) for s in draft.sites]
        for area in draft.areas:
            locations.append(nonpoint_location(area))
            evidence.append(Evidence("locations", area.span.start, area.span.end, area.span.text))
        if draft.type.acled_event_type in _CROWD_LABELS:
            actors = self._crowd(draft.type, actors, locations)
        if draft.date is not None and draft.date.span is not None:
            s = draft.date.span
            evidence.append(Evidence("date", s.start, s.end, s.text))
        counts = {
            "fatalities": draft.fatalities,
            "injuries": draft.injuries,
            "missing": draft.missing,
            "captured": draft.captured,
        }
        for name, count in counts.items():
            if count is not None and count.span is not None:
                evidence.append(Evidence(name, count.span.start, count.span.end, count.span.text))
            if count is not None and count.side is not None and count.side.span is not None:
                s = count.side.span
                evidence.append(Evidence(name, s.start, s.end, s.text))
        for damage in draft.damage:
            if damage.span is not None:
                evidence.append(
                    Evidence("damage", damage.span.start, damage.span.end, damage.span.text)
                )
        weapons: list[str] = []
        for weapon, span in draft.weapons:
            if weapon not in weapons:
                weapons.append(weapon)
            evidence.append(Evidence("weapons", span.start, span.end, span.text))
        for cue in draft.attribution_cues:
            evidence.append(Evidence("attribution", cue.start, cue.end, cue.text))
        evidence = [e for e in evidence if not document.is_removed(e.start, e.end)]
        evidence = sorted(set(evidence), key=lambda e: (e.start, e.end, e.field))
        confidence = event_confidence(draft, actors, locations)
        digest = hashlib.sha256(
            f"{document.id}:{draft.trigger.start}:{draft.trigger.end}:{draft.type.category}".encode()
        ).hexdigest()[:16]
        return Event(
            id=f"{document.id}-{digest[:8]}",
            type=draft.type,
            trigger=draft.trigger,
            actors=tuple(actors),
            locations=tuple(locations),
            date=draft.date,
            fatalities=draft.fatalities,
            injuries=draft.injuries,
            missing=draft.missing,
            captured=draft.captured,
            weapons=tuple(weapons),
            damage=tuple(dict.fromkeys(draft.damage)),
            attribution=draft.attribution,
            evidence=tuple(evidence),
            confidence=round(confidence, 3),
            status=draft.status,
        )


def _named_by_place(
    actors: list[Actor], templates: dict[int, str], locations: list[Location]
) -> list[Actor]:
    """ "Gunmen", "villagers": ACLED names them after the country where the event happened."""
    country = next((loc.country for loc in locations if loc.country), None)
    if country is None or not templates:
        return actors
    return [
        replace(a, name=fill_template(templates[i], country), country=country)
        if i in templates and a.country is None
        else a
        for i, a in enumerate(actors)
    ]


# ACLED's names for the crowd of a protest or a riot.
_CROWD_LABELS = {"Protests": "Protesters", "Riots": "Rioters"}


def same_place(a: Location, b: Location) -> bool:
    if a.geonameid is not None and b.geonameid is not None:
        return a.geonameid == b.geonameid
    return (a.name, a.country) == (b.name, b.country)


def extract_events(
    document: Document, chunks: Iterable[Chunk], config: Config
) -> tuple[Event, ...]:
    """Every event mention of the document, in text order."""
    state = _DocumentPass(document, config)
    for chunk in chunks:
        for sent in chunk.doc.sents:
            state.sentence(sent, chunk.offset)
    return state.finish()
