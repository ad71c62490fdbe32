from __future__ import annotations

import codecs
import gzip

import pytest

from newsweave import settings
from newsweave.ingest.decode import Decoded, DecodeFailure, decode

RUSSIAN = "Правительство утвердило проект федерального бюджета на следующий год, сообщил министр."
FRENCH = "Le conseil municipal a approuvé vendredi la ligne de tramway à Lyon, près de l'église."


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r", "utf-8"])
def test_russian_text_in_legacy_encodings_is_decoded(encoding: str) -> None:
    result = decode((RUSSIAN * 3).encode(encoding))
    assert isinstance(result, Decoded)
    assert result.text == RUSSIAN * 3


def test_latin1_french_is_decoded_not_assumed_utf8() -> None:
    result = decode((FRENCH * 3).encode("latin-1"))
    assert isinstance(result, Decoded)
    assert "approuvé" in result.text and "église" in result.text


def test_utf16_with_bom_is_text_not_binary() -> None:
    result = decode(codecs.BOM_UTF16_LE + RUSSIAN.encode("utf-16-le"))
    assert isinstance(result, Decoded)
    assert result.text == RUSSIAN


def test_gzip_input_is_unpacked() -> None:
    result = decode(gzip.compress(FRENCH.encode("utf-8")))
    assert isinstance(result, Decoded) and result.text == FRENCH


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "empty"),
        (b"   \n\n\t ", "whitespace"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (bytes(range(256)) * 4, "control bytes"),
        (gzip.compress(b"some text here")[:-6], "truncated or corrupt"),
    ],
)
def test_bad_inputs_fail_with_a_reason(data: bytes, expected: str) -> None:
    result = decode(data)
    assert isinstance(result, DecodeFailure)
    assert expected in result.reason


def test_huge_input_is_refused_before_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "MAX_INPUT_BYTES", 100)
    result = decode(b"a" * 101)
    assert isinstance(result, DecodeFailure)
    assert "over the 100-byte limit" in result.reason
