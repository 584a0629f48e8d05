"""`gazetteer import`: a GeoNames-format file the test writes, zipped, into a temp index."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from conflictcoder.config import DATA_DIR
from conflictcoder.errors import InputError
from conflictcoder.geo.gazetteer import Gazetteer, index_path
from conflictcoder.geo.geonames_import import import_geonames
from conflictcoder.geo.resolve import GeoContext, PlaceMention, resolve_places
from conflictcoder.records import Span

# geonameid name asciiname alternatenames lat lon class code cc cc2 a1 a2 a3 a4 pop elev dem tz mod
_VILLAGE = [
    "99000001", "Zorqışlaq", "Zorqislaq", "Zorkishlak,Зоркышлак", "40.301", "46.402", "P",
    "PPL", "AZ", "", "", "", "", "", "320", "", "1200", "Asia/Baku", "2024-01-01",
]  # fmt: skip
_KNOWN = ["587084", "Baku", "Baku", "Old Baku Testname", "40.377", "49.892", "P", "PPLC", "AZ"]
_KNOWN += ["", "09", "", "", "", "2300500", "", "", "Asia/Baku", "2024-01-01"]


def _noop(stage: str, done: int, total: int) -> None:
    pass


@pytest.fixture
def index(tmp_path: Path, gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CONFLICTCODER_CACHE_DIR", str(tmp_path / "cache"))
    target = index_path()
    target.parent.mkdir(parents=True)
    shutil.copyfile(gazetteer.path, target)
    return target


def _zip(tmp_path: Path, name: str, rows: list[list[str]]) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("readme.txt", "not the table\n")
        archive.writestr(name.replace(".zip", ".txt"), "".join("\t".join(r) + "\n" for r in rows))
    return path


def test_import_adds_a_village_and_merges_known_places(index: Path, tmp_path: Path) -> None:
    places = _zip(tmp_path, "AZ.zip", [_VILLAGE, _KNOWN])
    alternates = _zip(
        tmp_path, "alternateNamesV2.zip", [["1", "99000001", "en", "Zorkishlag Village"]]
    )
    stats = import_geonames(index, places, alternates, _noop)
    assert (stats.places_added, stats.places_merged) == (1, 1)
    gaz = Gazetteer(index, 500, (DATA_DIR / "place_aliases.tsv",))
    mention = PlaceMention(Span(0, 9, "Zorkishlak"), qualifier="village")
    (loc,) = resolve_places([mention], GeoContext(countries=("AZE",)), gaz)
    assert loc is not None and loc.geonameid == 99000001 and loc.country == "AZE"
    assert loc.lat == pytest.approx(40.301)
    assert gaz.candidates("Zorkishlag Village")[0].geonameid == 99000001
    assert gaz.candidates("Old Baku Testname")[0].name == "Baku"  # names merged, not duplicated
    assert len([c for c in gaz.candidates("Baku") if c.geonameid == 587084]) == 1


def test_plain_text_file_imports_too(index: Path, tmp_path: Path) -> None:
    path = tmp_path / "AZ.txt"
    path.write_text("\t".join(_VILLAGE) + "\n", encoding="utf-8")
    assert import_geonames(index, path, None, _noop).places_added == 1


@pytest.mark.parametrize("damage", ["truncated", "columns"])
def test_bad_file_fails_clearly_and_keeps_the_index(
    index: Path, tmp_path: Path, damage: str
) -> None:
    before = index.read_bytes()
    if damage == "truncated":
        good = _zip(tmp_path, "AZ.zip", [_VILLAGE] * 2000)
        bad = tmp_path / "cut.zip"
        bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
        message = "cannot read it as a GeoNames table"
    else:
        bad = _zip(tmp_path, "AZ.zip", [_VILLAGE, _VILLAGE[:7]])
        message = "line 2: 7 tab-separated columns"
    with pytest.raises(InputError, match=message):
        import_geonames(index, bad, None, _noop)
    assert index.read_bytes() == before
    assert sorted(p.name for p in index.parent.iterdir()) == [index.name]
