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


CURLY = (
    "Clinton’s aides said on Friday that the senator’s plan would be published next week, "
    "and that the campaign’s budget had grown. "
) * 6


def test_one_bad_byte_in_utf8_text_is_replaced_counted_not_mojibake() -> None:
    data = CURLY.encode("utf-8")
    result = decode(data[:100] + b"\xff" + data[100:])
    assert isinstance(result, Decoded)
    assert (result.encoding, result.replaced) == ("utf-8", 1)
    assert result.text.count("\ufffd") == 1 and "Clinton’s" in result.text
    assert "‚Äô" not in result.text


def test_a_stray_byte_in_ascii_text_is_utf8_with_a_replacement() -> None:
    ascii_text = (CURLY * 2).replace("’", "'").encode("ascii")  # 1,500 characters
    result = decode(ascii_text[:50] + b"\x9d" + ascii_text[50:])
    assert isinstance(result, Decoded)
    assert (result.encoding, result.replaced) == ("utf-8", 1)


def test_cp1252_quotes_throughout_are_cp1252_not_replaced() -> None:
    result = decode(CURLY.encode("cp1252"))
    assert isinstance(result, Decoded)
    assert result.replaced == 0 and result.text == CURLY


def test_a_pdf_is_named_with_what_to_do() -> None:
    result = decode(b"%PDF-1.4\n1 0 obj\n")
    assert isinstance(result, DecodeFailure)
    assert "a PDF document" in result.reason and "pdftotext" in result.reason


def test_gzip_bomb_is_stopped_at_the_unpacking_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "MAX_DECOMPRESSED_BYTES", 1000)
    result = decode(gzip.compress(b"a" * 5000))
    assert isinstance(result, DecodeFailure)
    assert "unpacks to more than 1,000 bytes" in result.reason
