"""Encoding detection on real-looking text in every encoding ingest promises."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings, strategies as st

from pipeline.ingest.encoding import NotText, decode

RUSSIAN = (
    "16 декабря 2011 года в Жанаозене полиция открыла огонь по бастующим нефтяникам. "
    "По официальным данным, погибли 16 человек, более ста получили ранения. "
    "Очевидцы говорят о десятках погибших; независимые источники называют цифру 70."
)
KAZAKH = "Жаңаөзен қаласында мұнайшылар ереуілі болды. Әділет пен теңдік үшін күрес."
FRENCH = ("Les travailleurs du pétrole de Zhanaozen ont fait grève pendant sept mois; "
          "le 16 décembre, la police a tiré sur la foule. Ça a été une tragédie à la fête.")
GERMAN = "Die Ölarbeiter in Schanaösen streikten; über zehn Menschen wurden getötet. Größe, Maß."


@pytest.mark.parametrize("text,encoding,expected", [
    (RUSSIAN, "cp1251", "cp1251"),
    (RUSSIAN, "koi8_r", "koi8-r"),
    (RUSSIAN, "utf-8", "utf-8"),
    (KAZAKH, "utf-8", "utf-8"),
    (FRENCH, "latin_1", None),
    (GERMAN, "latin_1", None),
    (FRENCH, "cp1252", None),
])
def test_8bit_and_utf8_read_correctly(text, encoding, expected):
    decoded, name = decode(text.encode(encoding))
    assert decoded == text
    if expected:
        assert name == expected
    else:
        assert name in ("cp1252", "iso8859-1")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-32"])
def test_unicode_forms_with_and_without_bom(encoding):
    text = RUSSIAN + "\nEnglish line too.\n"
    decoded, _ = decode(text.encode(encoding))
    assert decoded.lstrip("\ufeff") == text


def test_russian_is_not_mistaken_for_latin1():
    # cp1251 bytes decode without error as Latin-1 too; only the scoring tells them apart
    decoded, name = decode(RUSSIAN.encode("cp1251"))
    assert name == "cp1251" and "Жанаозене" in decoded


def test_html_declared_charset_is_honoured():
    page = '<html><head><meta charset="windows-1251"></head><body>Привет</body></html>'
    decoded, name = decode(page.encode("cp1251"))
    assert "Привет" in decoded and name == "cp1251"


@pytest.mark.parametrize("data,words", [
    (b"", "empty"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    (bytes(range(256)) * 4, "binary"),
    (b"text\x00with\x00nuls\x00\x01\x02\x03\x04binary" * 10, "binary"),
])
def test_non_text_is_refused_with_a_reason(data, words):
    with pytest.raises(NotText) as err:
        decode(data)
    assert words.lower() in str(err.value).lower()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=300),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_unicode_round_trip(text, encoding):
    decoded, _ = decode(text.encode(encoding))
    assert decoded.lstrip("\ufeff") == text.lstrip("\ufeff") or decoded == text


LOWER = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
WORDS = st.text(alphabet=LOWER, min_size=2, max_size=10)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(WORDS, st.booleans()), min_size=6, max_size=60),
       st.sampled_from(["cp1251", "koi8_r", "utf-8"]))
def test_russian_prose_in_any_cyrillic_encoding_reads_back(words, encoding):
    """Prose-like text (lower-case words, some capitalised) decodes exactly."""
    text = " ".join(w.capitalize() if cap else w for w, cap in words) + "."
    decoded, _ = decode(text.encode(encoding))
    assert decoded == text
