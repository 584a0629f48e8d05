"""Refine a trigger's category with what the sentence adds: weapons, victims, targets.

A generic trigger ("attacked", "strike") takes the category its weapon implies
("with mortars" → shelling); an attack on civilians is ACLED Violence against civilians,
on armed men an armed clash; "captured soldiers" is an abduction, not a seizure of
territory. Ground taken is typed by who took it and checked against what was taken ("freed
three villages", "drove the rebels out of"); fighting that is only the backdrop of another
event ("after heavy fighting") is weak; violence by villagers, a mob or vigilantes is mob
violence; deaths in a crowd make a lethal intervention. The categories come from
``event_categories.tsv``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from conflictcoder.events.lexicon import event_categories
from conflictcoder.events.matcher import lemma
from conflictcoder.records import EventType

_REMOTE = "Explosions/Remote violence"
_TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
# Taking whose object may be people ("captured two soldiers"); ousting and retaking a named
# place ("drove the rebels out of", "recaptured the town") never is.
_CAPTURES = frozenset({"government_regains_territory", "nonstate_overtakes_territory"})
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
    if event_type.category in _CAPTURES and targets & _PEOPLE:
        return by_sub_type(categories, "Abduction/forced disappearance")
    if event_type.plover_type != "ASSAULT":
        return event_type
    generic = event_type.acled_sub_event_type in ("Armed clash", "Attack", None)
    if (generic or event_type.acled_event_type == _REMOTE) and any(
        hint == "chemical_attack" for _, hint in weapons
    ):
        return categories["chemical_attack"]  # a gas shell is a chemical attack (ACLED)
    if generic:
        for _, hint in weapons:
            if hint and hint in categories and not _armed_men_on_civilians(event_type, hint):
                return categories[hint]
    if victims and event_type.acled_sub_event_type in ("Armed clash", None):
        return by_sub_type(categories, "Attack")  # armed men against civilians
    if event_type.acled_sub_event_type is None and targets & _PEOPLE:
        return by_sub_type(categories, "Armed clash")  # an attack on armed men
    return event_type


def _armed_men_on_civilians(event_type: EventType, hint: str) -> bool:
    """Guns in an attack on civilians keep it an Attack: small arms make no battle of it."""
    weapon = event_categories()[hint].acled_sub_event_type
    return event_type.acled_sub_event_type == "Attack" and weapon == "Armed clash"


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
     "clash", "arson", "rampage", "aggressive"}
)  # fmt: skip
# Lethal or grave force on a crowd (ACLED Excessive force against protesters).
_LETHAL_FORCE = frozenset(
    {"live", "shoot", "bayonet", "violently", "brutally", "massacre", "gunfire", "gunshot",
     "sniper"}
)  # fmt: skip
# "protesters were killed", "people died": deaths in the crowd (a lethal intervention);
# "students killed in a road accident" a protest is held over is none.
_DEATHS = frozenset({"kill", "die"})
_CROWD_PEOPLE = frozenset(
    {"protester", "protestor", "demonstrator", "marcher", "people", "person", "participant"}
)  # fmt: skip
# Force short of that: dispersal, arrests, crowd-control weapons (Protest with intervention).
_INTERVENTION = frozenset(
    {"disperse", "tear", "teargas", "cannon", "rubber", "pepper", "baton", "stun", "drag",
     "suppress", "beat", "remove"}
)  # fmt: skip
# A crowd that lynches or a mob: violence with no protest aim (ACLED Mob violence), unless the
# sentence names a demonstration; and the doers that make a fight or attack one by a mob.
_MOB_CUES = frozenset({"mob", "lynch", "lynching", "vigilante", "vigilantism"})
_DEMONSTRATION = frozenset(
    {"protest", "protester", "protestor", "demonstration", "demonstrator", "rally", "picket",
     "march", "marcher"}
)  # fmt: skip
_MOB_DOERS = frozenset(
    {"mob", "crowd", "vigilante", "villager", "resident", "local", "youth", "lyncher", "mobster"}
)  # fmt: skip
_MOB_CATEGORIES = frozenset(
    {"armed_clash", "small_arms_fire", "attack", "attack_on_civilians", "beating"}
)  # fmt: skip
# Projectiles thrown by a crowd are nouns: a city "rocked" by protests saw no stones.
_PROJECTILE_VERBS = frozenset({"rock"})
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
     "marine", "commando", "trooper", "loyalist", "unit"}
)  # fmt: skip
# Places an armed group takes or loses: with one of these as object a capture is territorial.
_TERRAIN = frozenset(
    {"town", "city", "village", "district", "area", "region", "territory", "province", "county",
     "neighborhood", "neighbourhood", "hill", "base", "camp", "port", "airport", "airbase",
     "highway", "road", "border", "crossing", "outpost", "stronghold", "bastion", "enclave",
     "zone", "locality", "settlement", "suburb", "municipality", "countryside", "island",
     "valley", "mountain", "ridge", "height", "headquarters", "garrison", "checkpoint", "bridge",
     "dam", "oilfield", "capital", "quarter", "hamlet", "front", "frontline",
     "governorate", "sector", "facility", "stretch"}
)  # fmt: skip
# Verbs that report a territorial change only with a place as object ("freed three villages";
# "freed the hostages" is a release, "recovered weapons" a seizure).
_TERRAIN_VERBS = frozenset({"free", "recover", "clear", "reclaim", "win", "take", "seize"})
# Ousting verbs: the object is the enemy driven out, never captives ("drove the rebels out").
_OUSTING = frozenset({"drive", "push", "oust", "flush", "expel", "dislodge", "evict"})
_OUT = frozenset({"out", "back", "away", "from"})
# Prepositions and nouns that make fighting the background of what the sentence reports
# ("recaptured the town after heavy fighting", "the scene of fierce clashes").
_BACKGROUND_PREPS = frozenset(
    {"after", "amid", "amidst", "following", "during", "despite", "since", "before"}
)  # fmt: skip
_BACKGROUND_NOUNS = frozenset({"scene", "wake", "aftermath", "site", "theatre", "theater"})
_BACKGROUND_MARKS = frozenset({"as", "while", "after", "since", "when"})
_BATTLE_WORDS = frozenset({"armed_clash", "small_arms_fire"})
# Weight of a fight that is only the backdrop: below the threshold at which a trigger makes
# an event without a doer, and below the event it is the backdrop of.
_BACKGROUND_WEIGHT = 0.5
# A place taken, or an enemy driven out, whose object the rules checked.
_GROUND_WEIGHT = 0.85
# Verbs of a toll: "during the shoot-out, two were killed" tells the fight's cost, so the
# fight is no backdrop there.
_TOLL_VERBS = frozenset({"kill", "wound", "injure", "die", "hurt"})
# Targets that make a generic attack one on civilians, or on armed men.
_CIVILIAN_TARGETS = frozenset(
    {"village", "villager", "community", "vehicle", "car", "bus", "house", "home", "church",
     "mosque", "temple", "market", "school", "hospital", "worshipper", "passenger", "farmer",
     "civilian", "resident", "family", "tourist", "shop", "wedding", "funeral", "student",
     "doctor", "journalist", "woman", "child", "people", "pilgrim", "camp", "worker", "teacher",
     "plane", "aircraft", "airliner", "bar", "restaurant", "hotel", "nightclub", "concert",
     "congregation", "worshiper", "shopper", "customer", "motorist", "commuter", "synagogue"}
)  # fmt: skip
_ARMED_TARGETS = frozenset(
    {"checkpoint", "post", "base", "position", "convoy", "patrol", "soldier", "troop", "police",
     "policeman", "officer", "army", "military", "barracks", "outpost", "personnel", "force",
     "serviceman", "garrison", "station", "unit", "militant", "rebel", "insurgent", "fighter",
     "terrorist", "jihadist", "guerrilla", "militia", "militiaman"}
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
_CROWD = frozenset({"protester", "protestor", "demonstrator", "participant"})
# "broke up" a gathering is an intervention; a smuggling ring broken up is none.
_GATHERINGS = _CROWD | _DEMONSTRATION | {"crowd", "gathering", "sit", "vigil", "meeting"}
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
        if lemma(token) in _PROJECTILE_VERBS and token.pos_ == "VERB":
            continue  # "protests that rocked the city"
        words.add(lemma(token))
    protest = bool(words & _PROTEST)
    return Context(
        lemmas=frozenset(words),
        protest=protest,
        crowd_violence=protest and bool(words & _CROWD_VIOLENCE),
        lethal_force=protest
        and bool(words & _LETHAL_FORCE or {"open", "fire"} <= words or _crowd_deaths(sent)),
        intervention=protest and bool(words & _INTERVENTION),
        weapons_found=bool(words & _DISCOVERY) and bool(words & _ARMS),
    )


def _crowd_deaths(sent: SpacySpan) -> bool:
    """Someone in the crowd was killed or died (the dead are the subject or object)."""
    for token in sent:
        if lemma(token) not in _DEATHS or token.pos_ != "VERB":
            continue
        if any(
            c.dep_ in ("nsubj", "nsubjpass", "dobj") and lemma(c) in _CROWD_PEOPLE
            for c in token.children
        ):
            return True
    return False


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
            found |= {lemma(c) for c in child.children if c.dep_ in ("compound", "conj", "amod")}
            found |= {  # "dozens of protesters"
                lemma(g)
                for c in child.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                if g.dep_ == "pobj"
            }
        elif child.dep_ == "prep" and child.lower_ in (
            "on",
            "against",
            "at",
            "in",
            "inside",
            "into",
        ):
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
    broken_up = category == "protest_with_intervention" and lemma(head) == "break"
    if broken_up and not (context.protest or _objects(head) & _GATHERINGS):
        return None  # "broke up a smuggling ring"
    if category == "weapons_seizure" and not context.weapons_found and _taken(head) & _TERRAIN:
        # "seized the town", "recovered the border areas": ground taken, no weapons found
        retaken = "government_regains_territory" if lemma(head) in _FINDING else None
        event_type = categories[retaken or "nonstate_overtakes_territory"]
    territorial = event_type.acled_sub_event_type in _TERRITORY
    if lemma(head) in _FINDING and not context.weapons_found and not territorial:
        return None
    if category == "arrest" and context.protest and (_objects(head) & _CROWD or _at_protest(head)):
        return categories["protest_with_intervention"], max(weight, 0.9)
    if context.protest and category in _CROWD_CATEGORIES:
        crowd = _crowd_category(context)
        if crowd is not None:
            return categories[crowd], max(weight, 0.9)
        if event_type.plover_type == "PROTEST":
            return event_type, weight
    if context.weapons_found and category in _DEVICE_CATEGORIES:
        return categories["weapons_seizure"], max(weight, 0.9)
    if territorial:
        return _territorial(event_type, weight, head)
    if category in _MOB_CATEGORIES and _by_mob(head, context):
        return categories["mob_violence"], max(weight, 0.8)
    if category in _BATTLE_WORDS and _background(head):
        return event_type, min(weight, _BACKGROUND_WEIGHT)
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


def _territorial(
    event_type: EventType, weight: float, head: Token
) -> tuple[EventType, float] | None:
    """Who took the place decides the sub-type (state forces regain, non-state groups
    overtake); a place as object, or an enemy driven out, makes it ground taken, never an
    abduction. None: a taking verb whose object is no place ("took dozens of people")."""
    categories = event_categories()
    objects = _taken(head)
    word = lemma(head)
    if word in _TERRAIN_VERBS and not objects & (_TERRAIN | {"control"}):
        return None
    if word in _OUSTING and not _ousts(head):
        return None
    ground = bool(objects & _TERRAIN) or word in _OUSTING
    side = _taker(head)
    if side is None:
        state = event_type.acled_sub_event_type == "Government regains territory"
    else:
        state = side == "state"
    if ground:  # checked against its object: as reliable as the fighting it ends
        taken = "government_takes_ground" if state else "nonstate_takes_ground"
        return categories[taken], max(weight, _GROUND_WEIGHT)
    return categories[
        "government_regains_territory" if state else "nonstate_overtakes_territory"
    ], weight


def _taken(head: Token) -> set[str]:
    """What a taking verb takes: its object or passive subject, and X in "control of X"."""
    found: set[str] = set()
    for child in head.children:
        if child.dep_ not in ("dobj", "nsubjpass"):
            continue
        for noun in (child, *(c for c in child.children if c.dep_ == "conj")):
            found.add(lemma(noun))
            found |= {
                lemma(g)
                for c in noun.children
                if c.dep_ == "prep" and c.lower_ == "of" and lemma(noun) == "control"
                for g in c.children
                if g.dep_ == "pobj"
            }
    return found


def _ousts(head: Token) -> bool:
    """ "drove the militants out of / back from / away": an armed enemy pushed off ground."""
    enemy = any(
        c.dep_ in ("dobj", "nsubjpass") and _group_words(c) & (_NON_STATE | _STATE | {"enemy"})
        for c in head.children
    )
    away = any(c.lower_ in _OUT and c.dep_ in ("prt", "prep", "advmod") for c in head.children)
    return enemy and away


def _group_words(token: Token) -> set[str]:
    """The lemma of a noun and of its compounds and adjectives ("Syrian army units")."""
    words = {lemma(token)}
    words |= {lemma(c) for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
    return words


def _taker(head: Token) -> str | None:
    """ "state" or "nonstate": the subject (or passive agent) of a taking verb, by its head
    noun and modifiers first ("Afghan security forces … recaptured"), then its whole phrase."""
    token = head
    while token.dep_ in ("conj", "xcomp", "advcl", "pcomp") and not _subjects(token):
        if token.head.i == token.i:
            break
        token = token.head
    for subject in _subjects(token):
        words = _group_words(subject)
        if words & _NON_STATE:
            return "nonstate"
        if words & _STATE:
            return "state"
    doers = _doers(head)
    if doers & _NON_STATE:
        return "nonstate"
    if doers & _STATE:
        return "state"
    return None


def _subjects(verb: Token) -> list[Token]:
    found = [c for c in verb.children if c.dep_ == "nsubj"]
    found += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return found


def _background(head: Token) -> bool:
    """ "after days of heavy fighting", "amid clashes", "the scene of fierce fighting",
    "where fighting has killed …", "as fighting raged": the fight is a backdrop."""
    token = head
    while token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.i != token.i:
        token = token.head.head
        if lemma(token) in _BACKGROUND_NOUNS:
            return True
    if token.dep_ == "pobj" and token.head.lower_ in _BACKGROUND_PREPS:
        return lemma(token.head.head) not in _TOLL_VERBS
    clause = token.head if token.dep_ in ("nsubj", "nsubjpass", "dobj") else token
    if clause.dep_ == "relcl" and any(c.lower_ == "where" for c in clause.children):
        return True
    if clause.dep_ == "xcomp":
        clause = clause.head
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _BACKGROUND_MARKS for c in clause.children
    )


def _at_protest(head: Token) -> bool:
    """ "detained during / at the protest", "detained while trying to hold a rally": the
    arrests broke up a protest (not arrests over one organised earlier)."""
    for child in head.children:
        at = child.dep_ == "prep" and child.lower_ in ("during", "at")
        if at and any(lemma(g) in _DEMONSTRATION for g in child.children if g.dep_ == "pobj"):
            return True
        meanwhile = child.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in ("while", "as", "when") for c in child.children
        )
        if meanwhile and _subtree_lemmas(child) & _DEMONSTRATION:
            return True
    return False


def _by_mob(head: Token, context: Context) -> bool:
    """Villagers, a crowd or vigilantes did it; or a mob is named and no armed group is."""
    doers = _doers(head)
    if doers & _MOB_DOERS:
        return True
    return _mob_only(context) and not doers & (_NON_STATE | _STATE)


def _mob_only(context: Context) -> bool:
    """A mob or a lynching named, and no demonstration: the violence is a mob's."""
    return bool(context.lemmas & _MOB_CUES) and not context.lemmas & _DEMONSTRATION


def _crowd_category(context: Context) -> str | None:
    """A mob first, then a violent crowd, then lethal force on it, then lesser force;
    None: peaceful."""
    if _mob_only(context):
        return "mob_violence"
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
