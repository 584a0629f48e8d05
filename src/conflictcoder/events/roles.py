"""Who did what to whom: roles of actor mentions from the dependency parse of the one Doc.

For an event trigger T (verb or noun), its frame is T, the verb V that governs a nominal
trigger ("carried out *provocations*", "came under *bombardment*") and the verbs that lend V
their subject (the first of two conjoined verbs, the main verb of a participial clause
", *killing* 13"). Rules:
- subject of the frame → actor1 (target when V is "come under"); "by"/"from" X → actor1;
- object, passive subject, "against/on/at" X → target (victim when civilian);
- a modifier of T or of a word leaning on T ("Armenian provocations", "a Taliban ambush",
  "a navy missile strike", "Iranian drones struck", "Saudi-led strikes") → actor1;
- a relative or participial clause takes the noun it modifies as its subject ("gunmen who
  stormed …"; "soldiers killed in …" are its sufferers);
- "with X" after T ("clashed with X") and the second of two conjoined actors → actor2;
- the speaker of a reporting verb is outside the frame of the reported clause: never its doer.
Function words and verbs that decide roles are listed in ``data/role_words.tsv``.
"""

from __future__ import annotations

import functools

from spacy.tokens import Token

from conflictcoder.config import DATA_DIR
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError
from conflictcoder.events.actors import ActorMention, anchor

ROLE_WORDS_FILE = DATA_DIR / "role_words.tsv"
_USES = frozenset(
    {
        "agent",
        "against",
        "with",
        "under",
        "mediate",
        "led",
        "relative",
        "passive_infinitive",
        "site",
        "site_within",
        "unaccusative",
    }
)
_MODIFIER_DEPS = frozenset({"poss", "amod", "compound", "nmod"})
_ARMED_SECTORS = frozenset({"military", "rebel", "militia", "police"})


def role_words(use: str) -> frozenset[str]:
    """The words of one use in role_words.tsv (events/sites.py reads the locative ones)."""
    return _words(use)


@functools.cache
def _words(use: str) -> frozenset[str]:
    """The words of one use in role_words.tsv."""
    by_use: dict[str, set[str]] = {u: set() for u in _USES}
    for lineno, row in read_tsv(ROLE_WORDS_FILE, ("word", "use"), required=True):
        if row["use"] not in _USES:
            raise DataError(
                f"{ROLE_WORDS_FILE}:{lineno}: use {row['use']!r} is not one of {sorted(_USES)}"
            )
        by_use[row["use"]].add(row["word"].lower())
    return frozenset(by_use[use])


def governing_verb(trigger: Token) -> Token:
    """The verb a nominal trigger hangs from, or the trigger itself."""
    token = trigger
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.pos_ == "VERB":
        return token
    if token.dep_ in ("dobj", "attr", "nsubjpass", "oprd") and token.head.pos_ in ("VERB", "AUX"):
        return token.head
    if token.dep_ == "nsubj" and token.head.pos_ == "VERB":
        return token.head  # "a roadside *bomb* killed two officers": the verb's frame
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        grand = token.head.head
        if grand.pos_ in ("VERB", "AUX"):
            return grand
    return trigger


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children)


def _lenders(verb: Token) -> list[Token]:
    """Verbs whose subject is also the subject of ``verb``: the head of a conjoined verb
    ("stormed the compound and *shot* at guards") and the main verb of a participial clause
    ("attacked a depot, *killing* 13"), when ``verb`` has no subject of its own."""
    out: list[Token] = []
    token = verb
    while (
        token.dep_ in ("conj", "advcl", "xcomp")
        and token.head.i != token.i
        and token.head.pos_ in ("VERB", "AUX")
        and not _has_subject(token)
        and (token.dep_ != "advcl" or token.tag_ == "VBG")
    ):
        token = token.head
        out.append(token)
    return out


def _passive_infinitive(verb: Token, lender: Token) -> bool:
    """ "X is to blame for …": after "be", a few infinitives read passively, so the subject
    of "be" is the one the verb acts on, not its doer."""
    return (
        verb.dep_ == "xcomp"
        and verb.head.i == lender.i
        and str(lender.lemma_) == "be"
        and str(verb.lemma_) in _words("passive_infinitive")
    )


def _clause_noun(verb: Token) -> tuple[Token, str] | None:
    """The noun a relative or participial clause modifies, with its role in the clause:
    "gunmen *who stormed* …" → actor1, "soldiers *killed* in …" → target."""
    if verb.dep_ == "relcl":
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.lower_ in _words("relative"):
            passive = subject is not None and subject.dep_ == "nsubjpass"
            return verb.head, "target" if passive else "actor1"
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        if verb.tag_ == "VBN":
            return verb.head, "target"
        if verb.tag_ == "VBG":
            return verb.head, "actor1"
    return None


def _under(verb: Token) -> list[Token]:
    """The objects of "under" after come/be/fall ("came under *fire*")."""
    if str(verb.lemma_) not in _words("under"):
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
    subject_heads = heads | {v.i for v in _lenders(verb)}
    if token.i == trigger.i:
        return None
    if token.dep_ == "nsubj" and token.head.i in subject_heads:
        if _passive_infinitive(verb, token.head):
            return "target"  # "X is to blame": X is the one blamed
        if str(token.head.lemma_) in _words("unaccusative"):
            return "target"  # "14 people died in the raids": the dead suffer the raids
        return "target" if _comes_under(verb, trigger) else "actor1"
    if token.dep_ == "nsubjpass" and token.head.i in subject_heads:
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
            word in _words("agent")
            and str(prep.head.lemma_) in _words("mediate")
            and (prep.head.i in heads or prep.head.head.i in heads)
        ):
            return "mediator"  # "a ceasefire brokered by Russia", "talks mediated by the OSCE"
        if prep.head.i not in heads:
            # "fired with small arms on the positions …": the parser often hangs the target
            # from the instrument; one step up it meets the verb.
            instrument = prep.head.dep_ == "pobj" and prep.head.head.head.i in heads
            return "target" if word in _words("against") and instrument else None
        if prep.dep_ == "agent" or word in _words("agent"):
            return "actor1"
        if word in _words("against"):
            return "target"
        if word in _words("with"):
            return "actor2"
        if word == "between":
            return "actor1"
        if word == "of" and prep.head.i == trigger.i:
            return "of"
    return None


def _led_by(token: Token) -> Token:
    """From "Saudi" in "Saudi-led strikes" to "led", the word that modifies the noun."""
    head = token.head
    if (
        token.dep_ in ("npadvmod", "compound", "nmod", "amod")
        and str(head.lemma_) in _words("led")
        and head.dep_ in ("amod", "compound", "acl")
    ):
        return head
    return token


def _modifies(token: Token, trigger: Token) -> bool:
    """True when ``token`` modifies the trigger, directly or through the words between
    ("a *navy* missile strike")."""
    while token.dep_ in _MODIFIER_DEPS and token.head.i != token.i:
        if token.head.i == trigger.i:
            return True
        token = token.head
    return False


def _clause_role(token: Token, trigger: Token, verb: Token) -> str | None:
    """The role of the noun a relative or participial clause of the trigger modifies."""
    for clause in (trigger, verb):
        found = _clause_noun(clause)
        if found is not None and found[0].i == token.i:
            return found[1]
    return None


def assign_roles(trigger: Token, mentions: list[ActorMention]) -> list[tuple[ActorMention, str]]:
    """Mentions that take part in the event, with their role; the rest are left out."""
    doc = trigger.doc
    verb = governing_verb(trigger)
    roles: list[tuple[ActorMention, str]] = []
    for mention in mentions:
        root = doc[mention.root]
        if mention.start <= trigger.i < mention.end:
            continue
        token = anchor(_led_by(root), stop=trigger.i)
        role: str | None
        if token.i == trigger.i or _modifies(_led_by(root), trigger) or _modifies(token, trigger):
            role = "actor1"
        else:
            first = token
            while first.dep_ == "conj" and first.head.i != first.i:
                first = first.head
            role = _role_at(first, trigger, verb) or _clause_role(first, trigger, verb)
            if role is not None and first.i != token.i:
                role = "actor2" if role == "actor1" else role
        if role == "of":
            role = "actor1" if mention.sector in _ARMED_SECTORS else "target"
        if role is None:
            continue
        if role == "target" and mention.sector == "civilian":
            role = "victim"
        roles.append((mention, role))
    return roles
