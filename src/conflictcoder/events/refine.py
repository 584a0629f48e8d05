"""Refine a trigger's category with what the sentence adds: weapons, victims, targets.

A generic trigger ("attacked", "strike") takes the category its weapon implies
("with mortars" → shelling); an attack on civilians is ACLED Violence against civilians,
on armed men an armed clash; "captured soldiers" is an abduction, not a seizure of
territory. Ground taken is typed by who took it and checked against what was taken ("freed
three villages", "drove the rebels out of"); fighting that is only the backdrop of another
event ("after heavy fighting") is weak; violence by villagers, a mob or vigilantes is mob
violence; deaths in a crowd make a lethal intervention. The categories come from
``event_categories.tsv``; the words the rules look for are ``data/refine_cues.tsv``, and the
named armed groups that make a taker non-state are the rebel and militia rows of
``actors.tsv``. Category and sector names stay here: they are the rules, not vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_word_uses
from conflictcoder.events.lexicon import event_categories, named_actors
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

# Violent categories that, in a sentence about a protest, describe the protest's policing or
# the crowd's violence rather than a battle.
_CROWD_CATEGORIES = frozenset(
    {"armed_clash", "small_arms_fire", "attack", "attack_on_civilians", "beating", "arrest",
     "grenade_attack", "property_destruction", "looting", "interception", "peaceful_protest",
     "protest_with_intervention", "excessive_force_against_protesters", "violent_demonstration",
     "obstruction", "police_mobilization"}
)  # fmt: skip
# Categories that a mob's doers turn into mob violence.
_MOB_CATEGORIES = frozenset(
    {"armed_clash", "small_arms_fire", "attack", "attack_on_civilians", "beating"}
)  # fmt: skip
# Categories a weapons find turns into Disrupted weapons use (the device never went off).
_DEVICE_CATEGORIES = frozenset(
    {"remote_explosive", "car_bomb", "roadside_bomb", "grenade_attack", "suicide_bombing",
     "mine_laying", "weapons_seizure", "defusal", "missile_strike", "shelling", "armed_clash",
     "attack", "attack_on_civilians", "nonstate_overtakes_territory"}
)  # fmt: skip
_BATTLE_WORDS = frozenset({"armed_clash", "small_arms_fire"})
_GENERIC_ATTACKS = frozenset({"attack", "armed_clash", "small_arms_fire"})
# Weight of a fight that is only the backdrop: below the threshold at which a trigger makes
# an event without a doer, and below the event it is the backdrop of.
_BACKGROUND_WEIGHT = 0.5
# A place taken, or an enemy driven out, whose object the rules checked.
_GROUND_WEIGHT = 0.85
# actors.tsv sectors of the named groups that take ground as non-state actors.
_NON_STATE_SECTORS = frozenset({"rebel", "militia"})

CUES_FILE = DATA_DIR / "refine_cues.tsv"
CUE_USES = frozenset(
    {"protest", "crowd_violence", "lethal_force", "death", "crowd_people", "intervention",
     "mob_cue", "demonstration", "mob_doer", "projectile_verb", "discovery", "arms",
     "non_state", "state", "enemy", "name_article", "terrain", "terrain_verb", "ousting", "out",
     "background_prep", "background_noun", "background_mark", "toll_verb", "civilian_target",
     "armed_target", "place_target", "target_prep", "base", "base_verb", "road", "road_verb",
     "finding", "crowd", "gathering", "protest_prep", "meanwhile_mark", "aid_cut"}
)  # fmt: skip


@cache
def _cues() -> dict[str, frozenset[str]]:
    return read_word_uses(CUES_FILE, CUE_USES)


def _words(use: str) -> frozenset[str]:
    """The words of one use in refine_cues.tsv (its header says what each use does)."""
    return _cues()[use]


@cache
def _group_names() -> tuple[frozenset[str], ...]:
    """The rebel and militia names of actors.tsv, each as its set of lowercase words without
    an article ("al-Shabaab" → {"shabaab"}): a phrase holding every word names the group."""
    names = set()
    for actor in named_actors():
        if actor.sector in _NON_STATE_SECTORS:
            words = frozenset(re.split(r"[\s-]+", actor.pattern.lower())) - {""}
            words -= _words("name_article")
            if words:
                names.add(words)
    return tuple(sorted(names, key=sorted))


def _non_state(words: set[str]) -> bool:
    """The lemmas name an armed group: a common noun ("rebels") or a group of actors.tsv."""
    return bool(words & _words("non_state")) or any(name <= words for name in _group_names())


def _needs_object(verb: str) -> frozenset[str] | None:
    """What a verb's object must be for it to report an event ("set up a *post*",
    "blocked the *road*"), or None when any object will do."""
    if verb in _words("base_verb"):
        return _words("base")
    if verb in _words("road_verb"):
        return _words("road")
    return None


def _gatherings() -> frozenset[str]:
    """What "broke up" breaks up as an intervention: a crowd, a demonstration, a vigil."""
    return _words("crowd") | _words("demonstration") | _words("gathering")


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
        if lemma(token) in _words("projectile_verb") and token.pos_ == "VERB":
            continue  # "protests that rocked the city"
        words.add(lemma(token))
    protest = bool(words & _words("protest"))
    return Context(
        lemmas=frozenset(words),
        protest=protest,
        crowd_violence=protest and bool(words & _words("crowd_violence")),
        lethal_force=protest
        and bool(
            words & _words("lethal_force") or {"open", "fire"} <= words or _crowd_deaths(sent)
        ),
        intervention=protest and bool(words & _words("intervention")),
        weapons_found=bool(words & _words("discovery")) and bool(words & _words("arms")),
    )


def _crowd_deaths(sent: SpacySpan) -> bool:
    """Someone in the crowd was killed or died (the dead are the subject or object)."""
    for token in sent:
        if lemma(token) not in _words("death") or token.pos_ != "VERB":
            continue
        if any(
            c.dep_ in ("nsubj", "nsubjpass", "dobj") and lemma(c) in _words("crowd_people")
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
        elif child.dep_ == "prep" and child.lower_ in _words("target_prep"):
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
    needed = _needs_object(lemma(head))
    if needed is not None and not _objects(head) & needed:
        return None
    broken_up = category == "protest_with_intervention" and lemma(head) == "break"
    if broken_up and not (context.protest or _objects(head) & _gatherings()):
        return None  # "broke up a smuggling ring"
    if (
        category == "weapons_seizure"
        and not context.weapons_found
        and _taken(head) & _words("terrain")
    ):
        # "seized the town", "recovered the border areas": ground taken, no weapons found
        finding = lemma(head) in _words("finding")
        retaken = "government_regains_territory" if finding else None
        event_type = categories[retaken or "nonstate_overtakes_territory"]
    territorial = event_type.acled_sub_event_type in _TERRITORY
    if lemma(head) in _words("finding") and not context.weapons_found and not territorial:
        return None
    if (
        category == "arrest"
        and context.protest
        and (_objects(head) & _words("crowd") or _at_protest(head))
    ):
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
            # fire at a village is cross-border fire, not a raid on it
            objects -= _words("place_target")
        armed = objects & _words("armed_target")
        if objects & _words("civilian_target") and not armed:
            return categories["attack_on_civilians"], max(weight, 0.8)
        if category == "attack" and armed:
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
    if word in _words("terrain_verb") and not objects & (_words("terrain") | {"control"}):
        return None
    if word in _words("ousting") and not _ousts(head):
        return None
    ground = bool(objects & _words("terrain")) or word in _words("ousting")
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
    enemy = any(c.dep_ in ("dobj", "nsubjpass") and _armed(_group_words(c)) for c in head.children)
    away = any(
        c.lower_ in _words("out") and c.dep_ in ("prt", "prep", "advmod") for c in head.children
    )
    return enemy and away


def _group_words(token: Token) -> set[str]:
    """The lemma of a noun and of its compounds and adjectives ("Syrian army units")."""
    words = {lemma(token)}
    words |= {lemma(c) for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
    return words


def _armed(words: set[str]) -> bool:
    """The words name an armed side, state or not, or "the enemy"."""
    return _non_state(words) or bool(words & (_words("state") | _words("enemy")))


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
        if _non_state(words):
            return "nonstate"
        if words & _words("state"):
            return "state"
    doers = _doers(head)
    if _non_state(doers):
        return "nonstate"
    if doers & _words("state"):
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
        if lemma(token) in _words("background_noun"):
            return True
    if token.dep_ == "pobj" and token.head.lower_ in _words("background_prep"):
        return lemma(token.head.head) not in _words("toll_verb")
    clause = token.head if token.dep_ in ("nsubj", "nsubjpass", "dobj") else token
    if clause.dep_ == "relcl" and any(c.lower_ == "where" for c in clause.children):
        return True
    if clause.dep_ == "xcomp":
        clause = clause.head
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _words("background_mark") for c in clause.children
    )


def _at_protest(head: Token) -> bool:
    """ "detained during / at the protest", "detained while trying to hold a rally": the
    arrests broke up a protest (not arrests over one organised earlier)."""
    for child in head.children:
        at = child.dep_ == "prep" and child.lower_ in _words("protest_prep")
        if at and any(
            lemma(g) in _words("demonstration") for g in child.children if g.dep_ == "pobj"
        ):
            return True
        meanwhile = child.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _words("meanwhile_mark") for c in child.children
        )
        if meanwhile and _subtree_lemmas(child) & _words("demonstration"):
            return True
    return False


def _by_mob(head: Token, context: Context) -> bool:
    """Villagers, a crowd or vigilantes did it; or a mob is named and no armed group is."""
    doers = _doers(head)
    if doers & _words("mob_doer"):
        return True
    return _mob_only(context) and not (_non_state(doers) or doers & _words("state"))


def _mob_only(context: Context) -> bool:
    """A mob or a lynching named, and no demonstration: the violence is a mob's."""
    lemmas = context.lemmas
    return bool(lemmas & _words("mob_cue")) and not lemmas & _words("demonstration")


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
        if lemma(token) in _words("aid_cut"):
            return True
        if token.head.i == token.i:
            break
        token = token.head
    return any(lemma(c) in _words("aid_cut") for c in head.children)
