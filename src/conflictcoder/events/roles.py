"""Who did what to whom: roles of actor mentions from the dependency parse.

Rules, for an event trigger T (verb or noun) and the verb V that governs a nominal
trigger ("carried out *provocations*", "came under *bombardment*"):
subject of V or T → actor1 (target when V is "come under"); "by"/"from" X → actor1;
object, passive subject, "against/on/at" X → target; a modifier of T ("Armenian
provocations") → actor1; the second of two conjoined actors → actor2.
"""

from __future__ import annotations

from spacy.tokens import Token

from conflictcoder.events.actors import ActorMention, anchor

_BY = frozenset({"by", "from"})
_AGAINST = frozenset({"against", "on", "upon", "at", "toward", "towards", "targeting"})
_UNDER_VERBS = frozenset({"come", "be", "remain", "fall"})
_MEDIATE = frozenset({"mediate", "broker", "facilitate", "host", "sponsor", "arrange"})


def governing_verb(trigger: Token) -> Token:
    """The verb a nominal trigger hangs from, or the trigger itself."""
    token = trigger
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.pos_ == "VERB":
        return token
    if token.dep_ in ("dobj", "attr", "nsubjpass", "oprd") and token.head.pos_ in ("VERB", "AUX"):
        return token.head
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        grand = token.head.head
        if grand.pos_ in ("VERB", "AUX"):
            return grand
    return trigger


def _under(verb: Token) -> list[Token]:
    """The objects of "under" after come/be/fall ("came under *fire*")."""
    if str(verb.lemma_) not in _UNDER_VERBS:
        return []
    return [
        pobj
        for child in verb.children
        if child.dep_ == "prep" and child.lower_ == "under"
        for pobj in child.children
        if pobj.dep_ == "pobj"
    ]


def _comes_under(verb: Token, trigger: Token) -> bool:
    """'X came under fire/bombardment': the subject suffers the event (the trigger is
    the noun after "under", or the verb itself for the pattern "come under fire")."""
    objects = _under(verb)
    if not objects:
        return False
    if verb.i == trigger.i:
        return True
    return any(any(t.i == trigger.i for t in pobj.subtree) for pobj in objects)


def _role_at(token: Token, trigger: Token, verb: Token) -> str | None:
    # "from X" may hang from the noun after "under" ("came under fire from X").
    heads = {trigger.i, verb.i} | {pobj.i for pobj in _under(verb)}
    if token.i == trigger.i:
        return None
    if token.dep_ == "nsubj" and token.head.i in heads:
        return "target" if _comes_under(verb, trigger) else "actor1"
    if token.dep_ == "nsubjpass" and token.head.i in heads:
        return "target"
    if token.dep_ == "dobj" and (
        token.head.i in heads
        or (token.head.dep_ in ("xcomp", "advcl") and token.head.head.i in heads)
    ):
        return "target"
    if token.dep_ == "pobj" and token.head.dep_ in ("prep", "agent"):
        prep = token.head
        word = prep.lower_
        if (
            word in _BY
            and str(prep.head.lemma_) in _MEDIATE
            and (prep.head.i in heads or prep.head.head.i in heads)
        ):
            return "mediator"  # "a ceasefire brokered by Russia", "talks mediated by the OSCE"
        if prep.head.i not in heads:
            # "fired with small arms on the positions …": the parser often hangs the target
            # from the instrument; one step up it meets the verb.
            instrument = prep.head.dep_ == "pobj" and prep.head.head.head.i in heads
            return "target" if word in _AGAINST and instrument else None
        if prep.dep_ == "agent" or word in _BY:
            return "actor1"
        if word in _AGAINST:
            return "target"
        if word == "between":
            return "actor1"
        if word == "of" and prep.head.i == trigger.i:
            return "of"
    return None


def assign_roles(trigger: Token, mentions: list[ActorMention]) -> list[tuple[ActorMention, str]]:
    """Mentions that take part in the event, with their role; the rest are left out."""
    doc = trigger.doc
    verb = governing_verb(trigger)
    roles: list[tuple[ActorMention, str]] = []
    by_root: dict[int, str] = {}
    for mention in mentions:
        root = doc[mention.root]
        if mention.start <= trigger.i < mention.end:
            continue
        token = anchor(root, stop=trigger.i)
        role: str | None
        modifies = root.head.i == trigger.i and root.dep_ in ("poss", "amod", "compound")
        if token.i == trigger.i or modifies:
            role = "actor1"
        else:
            first = token
            while first.dep_ == "conj" and first.head.i != first.i:
                first = first.head
            role = _role_at(first, trigger, verb)
            if role is not None and first.i != token.i:
                role = "actor2" if role == "actor1" else role
        if role == "of":
            role = (
                "actor1"
                if mention.sector in ("military", "rebel", "militia", "police")
                else "target"
            )
        if role is None:
            continue
        if role == "target" and mention.sector == "civilian":
            role = "victim"
        by_root[mention.root] = role
        roles.append((mention, role))
    return roles
