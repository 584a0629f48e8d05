"""Refine a trigger's category with what the sentence adds: weapons, victims, targets.

A generic trigger ("attacked", "strike") takes the category its weapon implies
("with mortars" → shelling); an attack on civilians is ACLED Violence against civilians,
on armed men an armed clash; "captured soldiers" is an abduction, not a seizure of
territory. The categories come from ``event_categories.tsv``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from conflictcoder.events.lexicon import event_categories
from conflictcoder.events.matcher import lemma
from conflictcoder.records import EventType

_TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
_PEOPLE = frozenset({"military", "civilian", "police", "rebel", "militia"})


def refine(
    event_type: EventType,
    weapons: list[tuple[str, str | None]],
    victims: bool,
    targets: frozenset[str | None] = frozenset(),
) -> EventType:
    """A generic trigger takes the category its weapon or its victims imply; "captured"
    with people as its object is an abduction, not a seizure of territory."""
    categories = event_categories()
    if event_type.acled_sub_event_type in _TERRITORY and targets & _PEOPLE:
        return by_sub_type(categories, "Abduction/forced disappearance")
    if event_type.plover_type != "ASSAULT":
        return event_type
    generic = event_type.acled_sub_event_type in ("Armed clash", "Attack", None)
    if generic:
        for _, hint in weapons:
            if hint and hint in categories:
                return categories[hint]
    if victims and event_type.acled_sub_event_type in ("Armed clash", None):
        return by_sub_type(categories, "Attack")  # armed men against civilians
    if event_type.acled_sub_event_type is None and targets & _PEOPLE:
        return by_sub_type(categories, "Armed clash")  # an attack on armed men
    return event_type


def by_sub_type(categories: dict[str, EventType], sub_type: str) -> EventType:
    """The first ASSAULT category of an ACLED sub-type (table order decides)."""
    return next(
        c
        for c in categories.values()
        if c.acled_sub_event_type == sub_type and c.plover_type == "ASSAULT"
    )


# --- Sentence context: what the words around a trigger say about its kind. ---

# Words that make a sentence about a protest crowd.
_PROTEST = frozenset(
    {"protest", "protester", "protestor", "demonstration", "demonstrator", "rally", "rioter",
     "riot", "picket"}
)  # fmt: skip
# A crowd turning violent: it throws, burns, smashes or clashes (ACLED Violent demonstration).
_CROWD_VIOLENCE = frozenset(
    {"throw", "hurl", "pelt", "stone", "rock", "brick", "projectile", "molotov", "firebomb",
     "torch", "ablaze", "vandalize", "vandalise", "smash", "loot", "riot", "rioter", "violent",
     "clash", "arson", "rampage"}
)  # fmt: skip
# Lethal or grave force on a crowd (ACLED Excessive force against protesters).
_LETHAL_FORCE = frozenset({"live", "shoot", "bayonet", "violently", "massacre"})
# Force short of that: dispersal, arrests, crowd-control weapons (Protest with intervention).
_INTERVENTION = frozenset(
    {"disperse", "tear", "teargas", "cannon", "rubber", "pepper", "baton", "stun", "drag",
     "suppress", "beat", "remove"}
)  # fmt: skip
# Violent categories that, in a sentence about a protest, describe the protest's policing or
# the crowd's violence rather than a battle.
_CROWD_CATEGORIES = frozenset(
    {"armed_clash", "small_arms_fire", "attack", "attack_on_civilians", "beating", "arrest",
     "grenade_attack", "property_destruction", "looting", "interception", "peaceful_protest",
     "protest_with_intervention", "excessive_force_against_protesters", "violent_demonstration",
     "obstruction", "police_mobilization"}
)  # fmt: skip
# Verbs (and nouns) of finding or taking weapons before they are used.
_DISCOVERY = frozenset(
    {"find", "discover", "uncover", "unearth", "recover", "seize", "seizure", "confiscate",
     "defuse", "deactivate", "dismantle", "cache", "stash", "haul", "intercept", "identify"}
)  # fmt: skip
# What is found: weapons, ammunition, explosives.
_ARMS = frozenset(
    {"weapon", "arm", "ammunition", "ammo", "explosive", "bomb", "grenade", "ied", "device",
     "rocket", "missile", "mortar", "firearm", "gun", "rifle", "pistol", "rpg", "shell",
     "round", "cartridge", "mine", "landmine", "detonator", "munition", "launcher", "tnt"}
)  # fmt: skip
# Categories a weapons find turns into Disrupted weapons use (the device never went off).
_DEVICE_CATEGORIES = frozenset(
    {"remote_explosive", "car_bomb", "roadside_bomb", "grenade_attack", "suicide_bombing",
     "mine_laying", "weapons_seizure", "defusal", "missile_strike", "shelling", "armed_clash",
     "attack", "attack_on_civilians", "nonstate_overtakes_territory"}
)  # fmt: skip
# Who took a place: armed groups (ACLED Non-state actor overtakes territory) or the state.
_NON_STATE = frozenset(
    {"rebel", "militant", "insurgent", "jihadist", "fighter", "terrorist", "militia", "guerrilla",
     "guerilla", "isis", "isil", "daesh", "taliban", "houthi", "houthis", "shabaab", "opposition",
     "separatist", "extremist", "islamist", "gunman", "faction", "insurgency"}
)  # fmt: skip
_STATE = frozenset(
    {"army", "troop", "soldier", "military", "government", "police", "regime", "force",
     "marine", "commando", "trooper"}
)  # fmt: skip
# Targets that make a generic attack one on civilians, or on armed men.
_CIVILIAN_TARGETS = frozenset(
    {"village", "villager", "community", "vehicle", "car", "bus", "house", "home", "church",
     "mosque", "temple", "market", "school", "hospital", "worshipper", "passenger", "farmer",
     "civilian", "resident", "family", "tourist", "shop", "wedding", "funeral", "student",
     "doctor", "journalist", "woman", "child", "people", "pilgrim", "camp", "worker", "teacher"}
)  # fmt: skip
_ARMED_TARGETS = frozenset(
    {"checkpoint", "post", "base", "position", "convoy", "patrol", "soldier", "troop", "police",
     "policeman", "officer", "army", "military", "barracks", "outpost", "personnel", "force",
     "serviceman", "garrison", "station", "unit"}
)  # fmt: skip
_PLACES = frozenset({"village", "community", "house", "home", "camp", "settlement"})
_GENERIC_ATTACKS = frozenset({"attack", "armed_clash", "small_arms_fire"})
# Triggers that are events only with a fitting object ("set up a post", "found weapons").
_BASES = frozenset({"base", "post", "outpost", "headquarters", "camp", "checkpoint", "position"})
_ROADS = frozenset(
    {"road", "street", "highway", "entrance", "bridge", "building", "railway", "route",
     "traffic", "transport", "intersection", "square", "avenue", "motorway", "junction"}
)  # fmt: skip
_NEEDS_OBJECT = {"set": _BASES, "establish": _BASES, "block": _ROADS, "close": _ROADS}
# Verbs of finding that report an event only when what is found is weapons.
_FINDING = frozenset({"find", "discover", "uncover", "unearth", "recover"})
# People an arrest at a protest is made among: the protest was broken up.
_CROWD = frozenset({"protester", "protestor", "demonstrator", "activist", "participant"})
_AID_CUTS = frozenset(
    {"suspend", "halt", "prohibit", "cut", "stop", "freeze", "end", "reduce", "withhold",
     "block", "deny", "ban", "curtail", "terminate", "suspension"}
)  # fmt: skip


@dataclass(frozen=True)
class Context:
    """What a sentence says around its triggers (computed once per sentence)."""

    lemmas: frozenset[str]
    protest: bool
    crowd_violence: bool
    lethal_force: bool
    intervention: bool
    weapons_found: bool


def sentence_context(sent: SpacySpan) -> Context:
    """The cues of one sentence; "non-violent" is no violence."""
    words: set[str] = set()
    for token in sent:
        if token.i >= 2 and sent.doc[token.i - 2].lower_ == "non":
            continue  # "non-violent", "non-lethal"
        words.add(lemma(token))
    protest = bool(words & _PROTEST)
    return Context(
        lemmas=frozenset(words),
        protest=protest,
        crowd_violence=protest and bool(words & _CROWD_VIOLENCE),
        lethal_force=protest and bool(words & _LETHAL_FORCE or {"open", "fire"} <= words),
        intervention=protest and bool(words & _INTERVENTION),
        weapons_found=bool(words & _DISCOVERY) and bool(words & _ARMS),
    )


def _subtree_lemmas(token: Token) -> set[str]:
    return {lemma(t) for t in token.subtree}


def _doers(head: Token) -> set[str]:
    """Lemmas of the trigger's grammatical subject, or of the agent of a passive."""
    found: set[str] = set()
    for child in head.children:
        if child.dep_ in ("nsubj", "compound", "agent"):
            found |= _subtree_lemmas(child)
    if not found and head.dep_ in ("acl", "relcl", "conj", "xcomp"):
        return _doers(head.head)
    return found


def _objects(head: Token) -> set[str]:
    """Head lemmas of what the trigger acts on: its object, "on/against X", a passive subject."""
    found: set[str] = set()
    for child in head.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr"):
            found.add(lemma(child))
            found |= {lemma(c) for c in child.children if c.dep_ in ("compound", "conj")}
            found |= {  # "dozens of protesters"
                lemma(g)
                for c in child.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                if g.dep_ == "pobj"
            }
        elif child.dep_ == "prep" and child.lower_ in ("on", "against", "at", "in"):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                found.add(lemma(pobj))
                found |= {lemma(c) for c in pobj.children if c.dep_ == "conj"}
    if head.dep_ == "compound":
        found.add(lemma(head.head))
    return found


def in_context(
    event_type: EventType, weight: float, head: Token, context: Context
) -> tuple[EventType, float] | None:
    """The category and weight a trigger takes in its sentence, or None when the sentence
    shows it reports no event of its kind ("set up a committee" is no base)."""
    categories = event_categories()
    category = event_type.category
    needed = _NEEDS_OBJECT.get(lemma(head))
    if needed is not None and not _objects(head) & needed:
        return None
    if lemma(head) in _FINDING and not context.weapons_found:
        return None
    if category == "arrest" and context.protest and _objects(head) & _CROWD:
        return categories["protest_with_intervention"], max(weight, 0.9)
    if context.protest and category in _CROWD_CATEGORIES:
        crowd = _crowd_category(context)
        if crowd is not None:
            return categories[crowd], max(weight, 0.9)
        if event_type.plover_type == "PROTEST":
            return event_type, weight
    if context.weapons_found and category in _DEVICE_CATEGORIES:
        return categories["weapons_seizure"], max(weight, 0.9)
    if event_type.acled_sub_event_type in _TERRITORY:
        doers = _doers(head)
        if doers & _NON_STATE:
            return categories["nonstate_overtakes_territory"], weight
        if doers & _STATE:
            return categories["government_regains_territory"], weight
    if event_type.plover_type == "AID" and _cut(head):
        return categories["sanction"], max(weight, 0.85)
    if category in _GENERIC_ATTACKS:
        if "drive" in context.lemmas and "by" in context.lemmas:
            return categories["attack_on_civilians"], max(weight, 0.85)
        objects = _objects(head)
        if category != "attack":
            objects -= _PLACES  # fire at a village is cross-border fire, not a raid on it
        if objects & _CIVILIAN_TARGETS and not objects & _ARMED_TARGETS:
            return categories["attack_on_civilians"], max(weight, 0.8)
        if category == "attack" and objects & _ARMED_TARGETS:
            return categories["armed_clash"], max(weight, 0.75)
    return event_type, weight


def _crowd_category(context: Context) -> str | None:
    """Violent crowd first, then lethal force on it, then lesser force; None: peaceful."""
    if context.crowd_violence:
        return "violent_demonstration"
    if context.lethal_force:
        return "excessive_force_against_protesters"
    if context.intervention:
        return "protest_with_intervention"
    return None


def _cut(head: Token) -> bool:
    """ "suspended aid", "a halt to aid", "prohibit all aid": aid withheld, not given."""
    token = head
    for _ in range(3):
        if lemma(token) in _AID_CUTS:
            return True
        if token.head.i == token.i:
            break
        token = token.head
    return any(lemma(c) in _AID_CUTS for c in head.children)
