"""Over-long sentences are cut before the parser; ordinary ones are left to it."""

from __future__ import annotations

from spacy.language import Language

from conflictcoder.nlp.sentences import MAX_SENTENCE_TOKENS


def test_a_run_without_full_stops_is_cut_into_short_sentences(nlp: Language) -> None:
    # A flattened list of clauses with no sentence end: one run far over the cap.
    text = " ".join(["the convoy crossed the bridge while farmers watched from the fields"] * 120)
    doc = nlp(text)
    assert len(doc) > 3 * MAX_SENTENCE_TOKENS
    assert max(len(s) for s in doc.sents) <= MAX_SENTENCE_TOKENS


def test_a_cut_prefers_a_clause_mark(nlp: Language) -> None:
    text = ", ".join(["militia fighters held the ridge above the valley road"] * 60)
    doc = nlp(text)
    starts = [s.start for s in doc.sents if s.start > 0]
    assert starts
    assert all(doc[i - 1].text == "," for i in starts[:3])


def test_ordinary_sentences_are_the_parsers(nlp: Language) -> None:
    doc = nlp("Shelling hit the market on Monday. Two people were hurt, officials said.")
    assert [s.text for s in doc.sents] == [
        "Shelling hit the market on Monday.",
        "Two people were hurt, officials said.",
    ]
