"""The spaCy pipeline: the name ruler, the parse text, chunked parsing with offsets."""

from __future__ import annotations

import pytest
from spacy.language import Language

from conflictcoder.config import Config
from conflictcoder.ingest.document import build_document
from conflictcoder.nlp import pipeline
from conflictcoder.nlp.pipeline import parse, parse_text
from conflictcoder.records import Dateline, Document, RawInput, Removed, Span


def _ents(nlp: Language, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in nlp(text).ents]


def test_ruler_tags_every_district_of_a_list_as_gpe(nlp: Language) -> None:
    ents = _ents(nlp, "Positions in the Dashkasan, Kalbajar and Lachin districts came under fire.")
    assert ents == [("Dashkasan", "GPE"), ("Kalbajar", "GPE"), ("Lachin", "GPE")]


def test_a_place_name_inside_a_persons_name_is_not_a_place(nlp: Language) -> None:
    ents = _ents(nlp, "Vladimir Putin met the envoy in Moscow.")
    assert ("Vladimir", "GPE") not in ents
    assert ("Moscow", "GPE") in ents


def test_the_same_name_alone_is_a_place(nlp: Language) -> None:
    assert ("Vladimir", "GPE") in _ents(nlp, "Officials met in Vladimir on Monday.")


def test_ruler_sits_before_ner(nlp: Language) -> None:
    names = nlp.pipe_names
    assert names.index("conflictcoder_names") < names.index("ner")


def test_parse_text_blanks_furniture_and_dateline_keeping_offsets() -> None:
    text = "Baku, 1 May 2023 (TDI): Shots were fired.\nAlso Read: Old story\nEnd."
    dateline_end = text.index(":") + 1
    link_start = text.index("Also")
    link_end = text.index("\nEnd")
    document = Document(
        id="x",
        path=None,
        text=text,
        dateline=Dateline("Baku", None, "TDI", Span(0, dateline_end, text[:dateline_end])),
        removed=(Removed(link_start, link_end, text[link_start:link_end], "related-link"),),
    )
    blanked = parse_text(document)
    assert len(blanked) == len(text)
    assert blanked[:dateline_end].strip() == ""
    assert blanked[link_start:link_end].strip() == ""
    assert blanked[dateline_end:link_start] == text[dateline_end:link_start]
    assert blanked[link_end:] == text[link_end:]
    assert blanked.count("\n") == text.count("\n")


def test_parse_of_a_built_document_skips_the_dateline() -> None:
    config = Config()
    text = "Baku, 12 March 2023 (AzerNews): Armenian forces shelled the village of Sofulu."
    document = build_document(RawInput(path=None, text=text), config)
    assert document.dateline is not None
    (chunk,) = parse(document, config)
    # Parsing starts at the first word after the dateline, offsets unchanged.
    assert chunk.offset == text.index("Armenian")
    assert chunk.doc.text == parse_text(document)[chunk.offset :]
    assert chunk.doc.text.startswith("Armenian forces")
    assert "Baku" not in [e.text for e in chunk.doc.ents]


def test_long_documents_are_parsed_in_chunks_with_true_offsets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 200)
    monkeypatch.setattr(pipeline._chunk_bounds, "__defaults__", (200, 0))
    paragraph = "Armenian forces shelled the village of Sofulu on Monday.\n\n"
    text = "".join(f"Report {i}. " + paragraph for i in range(12))
    document = Document(id="long", path=None, text=text)
    chunks = list(parse(document, Config()))
    assert len(chunks) > 1
    assert chunks[0].offset == 0
    covered = 0
    for chunk in chunks:
        assert chunk.offset == covered
        assert text[chunk.offset : chunk.offset + len(chunk.doc.text)] == chunk.doc.text
        assert len(chunk.doc.text) <= 200
        covered += len(chunk.doc.text)
        for token in chunk.doc:
            start = chunk.offset + token.idx
            assert text[start : start + len(token.text)] == token.text
    assert covered == len(text)
    assert all(c.doc.text.endswith("\n\n") for c in chunks[:-1])
