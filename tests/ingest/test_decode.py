from __future__ import annotations

import codecs
import io
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictcoder.config import Config
from conflictcoder.errors import InputError
from conflictcoder.ingest.decode import decode_bytes, normalize_newlines, read_path, read_stream

CURLY = "The ministry said “the café was shelled” — twice.\r\nOfficials confirmed it."


def test_utf8_passes_through_with_newlines_normalized() -> None:
    assert decode_bytes(b"Troops moved.\r\nShelling\rstopped.", "a.txt") == (
        "Troops moved.\nShelling\nstopped."
    )


def test_cp1252_curly_quotes_and_accents() -> None:
    text = decode_bytes(CURLY.encode("cp1252"), "old.txt")
    assert text == normalize_newlines(CURLY)


def test_latin1_accents() -> None:
    source = "Le porte-parole a déclaré à Genève que l'armée était là."
    assert decode_bytes(source.encode("latin-1"), "fr.txt") == source


def test_cp1251_cyrillic_is_not_read_as_western() -> None:
    source = "Министерство обороны сообщило об обстреле позиций."
    assert decode_bytes(source.encode("cp1251"), "ru.txt") == source


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-32"])
def test_bom_decides_the_encoding(codec: str) -> None:
    assert decode_bytes("Two soldiers were wounded.".encode(codec), "b.txt") == (
        "Two soldiers were wounded."
    )


def test_utf8_bom_is_dropped() -> None:
    assert not decode_bytes(codecs.BOM_UTF8 + b"Text", "b.txt").startswith("\ufeff")


@pytest.mark.parametrize("data", [b"", b"   \n\t \r\n"])
def test_empty_input_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match=r"empty\.txt is empty"):
        decode_bytes(data, "empty.txt")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "PDF document"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
        (b"\x1f\x8b\x08\x00\x00\x00", "gzip archive"),
    ],
)
def test_known_binary_formats_are_refused_by_name(data: bytes, what: str) -> None:
    with pytest.raises(InputError, match=what) as info:
        decode_bytes(data, "report.bin")
    assert str(info.value).startswith("report.bin is not text")
    assert "convert it to text or HTML first" in str(info.value)


def test_nul_bytes_are_binary() -> None:
    with pytest.raises(InputError, match=r"binary content at byte 5"):
        decode_bytes(b"Hello\x00world", "x.dat")


def test_control_character_soup_is_refused() -> None:
    with pytest.raises(InputError, match="not text"):
        decode_bytes(bytes(range(1, 9)) * 20, "x.dat")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_arbitrary_bytes_give_text_or_input_error(data: bytes) -> None:
    try:
        text = decode_bytes(data, "fuzz.bin")
    except InputError:
        return
    assert isinstance(text, str)
    assert "\r" not in text


def test_read_path_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"does not exist; check the path"):
        read_path(tmp_path / "nope.txt", Config())


def test_read_path_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_path(tmp_path, Config())


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files whatever their mode")
def test_read_path_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("text")
    path.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        read_path(path, Config())


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.txt"
    line = b"Artillery fire was reported near the border village overnight.\n"
    with path.open("wb") as handle:
        handle.write(line * (20_000_000 // len(line) + 1))
    return path


def test_big_file_refused_over_small_limit_before_reading(big_file: Path) -> None:
    with pytest.raises(InputError, match=r"too large .*CONFLICTCODER_MAX_BYTES"):
        read_path(big_file, Config(max_bytes=1_000_000))


def test_big_file_accepted_under_large_limit(big_file: Path) -> None:
    size = big_file.stat().st_size
    assert size > 20_000_000
    assert len(read_path(big_file, Config(max_bytes=30_000_000))) == size


def test_limit_comes_from_the_environment(big_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICTCODER_MAX_BYTES", "1000")
    with pytest.raises(InputError, match="the limit is 1,000"):
        read_path(big_file, Config.from_env())


def test_stream_is_bounded() -> None:
    with pytest.raises(InputError, match="<stdin> is too large"):
        read_stream(io.BytesIO(b"x" * 101), "<stdin>", Config(max_bytes=100))
    assert read_stream(io.BytesIO(b"x" * 100), "<stdin>", Config(max_bytes=100)) == b"x" * 100
