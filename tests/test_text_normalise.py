"""Text as the reader sees it: accents stored as characters of their own are put on
their letter, invisible characters dropped, before any stage reads a word."""
from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass

import pytest

from extractor.text_normalise import join_accents, join_words, normalise_text, plain_text


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Sk¨ardal", "Skärdal"),              # accent before its letter (TeX's order)
        ("˚Asbacken", "Åsbacken"),
        ("Lind´er", "Lindér"),
        ("Bj¨ork˚angen", "Björkången"),       # each accent goes on the letter after it
        ("sj¨o", "sjö"),
        ("sno¨", "snö"),                        # at a word's end, on the letter before
        ("To\u0308rnblom", "Törnblom"),        # a combining mark after its letter: NFC
        ("Fj\u200ballbo", "Fjallbo"),           # zero-width space
        ("\ufeffKallelse", "Kallelse"),         # byte-order mark
        ("Vall\u200dgren\u200c", "Vallgren"),   # joiners
        ("\u200eMörby\u200f", "Mörby"),         # direction marks
        ("\u202aBjörk\u202c", "Björk"),         # embedding controls
        ("Ek\u2060holm", "Ekholm"),             # word joiner
        ("2031\xad04\xad17", "2031-04-17"),     # a soft hyphen a text layer draws is a hyphen
        ("Elin\u202fVik", "Elin Vik"),          # odd spaces are plain spaces
        ("~40 000 kr", "~40 000 kr"),           # ASCII marks are text here, not accents
        ("^Ekvik", "^Ekvik"),
    ],
)
def test_normalise_text(raw, expected):
    assert normalise_text(raw) == unicodedata.normalize("NFC", expected)


def test_plain_text_leaves_a_spacing_accent_where_the_glyphs_put_it():
    # In a text layer the glyph boxes decide; a lone acute used as an apostrophe stays.
    assert plain_text("Ylva´s\u200b") == "Ylva´s"
    assert plain_text("a\u030angen") == "ången"


def _char(text, x0, x1, top=200.0, size=12.0):
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + size, "size": size,
            "upright": True, "fontname": "CMR12", "doctop": top}


def _texts(chars):
    return "".join(c["text"] for c in join_accents(chars))


def test_an_accent_glyph_goes_onto_the_letter_it_is_drawn_over():
    # "K", then "¨" drawn over the "a" that follows (TeX's order), then "rr".
    chars = [_char("K", 50, 58), _char("¨", 58, 64, top=200.4), _char("a", 58, 64), _char("r", 64, 68),
             _char("r", 68, 72)]
    assert _texts(chars) == "Kärr"
    # The accent drawn after its letter, and a capital with a ring above it.
    chars = [_char("l", 50, 53), _char("o", 53, 59), _char("¨", 53.5, 58.5), _char("v", 59, 65)]
    assert _texts(chars) == "löv"
    chars = [_char("˚", 52, 58, top=196.0), _char("A", 50, 60), _char("s", 60, 65)]
    assert _texts(chars) == "Ås"


def test_an_accent_glyph_over_no_letter_is_left_alone():
    chars = [_char("t", 50, 54), _char("´", 55, 59), _char("s", 60, 65), _char("~", 80, 86), _char("4", 86, 92)]
    assert _texts(chars) == "t´s~4"
    # A circumflex over a digit is not an accent of a letter.
    assert _texts([_char("^", 50, 56), _char("2", 50, 56)]) == "^2"


def test_ascii_marks_are_accents_only_where_drawn_over_a_letter():
    assert _texts([_char("^", 50.5, 55.5), _char("e", 50, 56), _char("t", 56, 60)]) == "êt"


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float = 300.0
    bottom: float = 311.0
    size: float = 11.0


def _join(*words):
    return [w.text for w in join_words(list(words))]


def test_a_word_cut_at_a_diacritic_letter_is_made_whole():
    # A capital drawn in another font touches the rest of its word.
    assert _join(_Word("Ö", 100, 108), _Word("vriga", 108.2, 135), _Word("ärenden", 139, 178)) == ["Övriga", "ärenden"]
    assert _join(_Word("Sammanträ", 60, 110), _Word("det", 110.5, 125)) == ["Sammanträdet"]
    assert _join(_Word("Å", 60, 68), _Word("RSMÖTE", 68, 110)) == ["ÅRSMÖTE"]


def test_words_a_space_parts_stay_apart():
    # An ordinary space, even a narrow justified one, is a word boundary.
    assert _join(_Word("på", 60, 72), _Word("lördag", 74.6, 105)) == ["på", "lördag"]
    assert _join(_Word("Ö", 60, 68), _Word("vrigt", 71, 95)) == ["Ö", "vrigt"]
    # No word turns to capitals halfway: a symbol font's arrow before a name.
    assert _join(_Word("à", 60, 70), _Word("Signe", 70, 95)) == ["à", "Signe"]
    # Words on different lines never join.
    assert _join(_Word("Ö", 60, 68), _Word("vrigt", 68, 90, top=330, bottom=341)) == ["Ö", "vrigt"]


def test_an_accent_cut_off_as_a_word_goes_onto_its_letter():
    # Over the first letter of the next word, and over the last letter of the word before.
    assert _join(_Word("¨", 100.5, 105.5), _Word("ovre", 100, 122)) == ["övre"]
    assert _join(_Word("Sjo", 60, 75), _Word("¨", 70.5, 74.5), _Word("gatan", 79, 104)) == ["Sjö", "gatan"]
    # Cut at the accent and again at the letter under it (a font change): one word again.
    assert _join(_Word("Hamr", 60, 84), _Word("¨", 84.5, 89.5), _Word("ovagen", 84.3, 114)) == ["Hamrövagen"]


def test_an_accent_over_no_word_stays():
    assert _join(_Word("kl", 60, 70), _Word("´", 120, 124), _Word("tolv", 140, 160)) == ["kl", "´", "tolv"]


# A text layer like pdfTeX's with OT1 fonts: each ä, ö, é drawn as the accent glyph, then
# the base letter under it; and one capital drawn in another font, touching its word.
_SPACING = {"\u0308": "¨", "\u0301": "´"}
_ROWS = [
    "Protokoll fört vid styrelsemöte i Bostadsföreningen Lövkullen",
    "Datum: 2031-04-17",
    "Närvarande: Göran Ström, Märta Sjöberg, René Dahl, Lisa Holm",
    "",
    "1. Mötets öppnande",
    "Ordföranden Göran Ström öppnade mötet.",
    "2. Val av justerare",
    "Märta Sjöberg valdes att justera protokollet.",
    "3. *Ö*vriga frågor",
    "Inga övriga frågor togs upp.",
    "",
    "Vid protokollet",
    "René Dahl",
]


def _draw(pdf, x: float, y: float, row: str) -> None:
    parts = row.split("*")
    for index, part in enumerate(parts):
        pdf.set_font("Times" if index % 2 else "Helvetica", "", 11)
        for char in part:
            decomposed = unicodedata.normalize("NFD", char)
            base, marks = decomposed[0], decomposed[1:]
            width = pdf.get_string_width(base)
            if marks and all(m in _SPACING for m in marks) and base.islower():
                accent = _SPACING[marks[0]]
                pdf.text(x + (width - pdf.get_string_width(accent)) / 2, y, accent)
                pdf.text(x, y, base)
            else:
                pdf.text(x, y, char)
            x += width


def test_a_pdf_with_accents_drawn_apart_reads_as_composed_text(tmp_path):
    from fpdf import FPDF

    from extractor import extract

    pdf = FPDF(format="A4", unit="mm")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.add_page()
    for row, text in enumerate(_ROWS):
        _draw(pdf, 20, 25 + row * 7, text)
    path = tmp_path / "accents.pdf"
    pdf.output(str(path))

    minutes = json.loads(extract(path, include_text=True, entities=False).to_json())
    page_text = minutes["pages"][0]["text"]
    assert "¨" not in page_text and "´" not in page_text
    assert "Närvarande: Göran Ström, Märta Sjöberg, René Dahl" in page_text
    names = {p["name"] for p in minutes["participants"]}
    assert {"Göran Ström", "Märta Sjöberg", "René Dahl"} <= names
    for person in minutes["participants"]:
        evidence = person["evidence"]
        assert page_text[evidence["start"]:evidence["end"]] == person["name"]
    assert [item["title"] for item in minutes["items"]] == ["Mötets öppnande", "Val av justerare", "Övriga frågor"]


def test_an_ocr_box_of_an_accent_alone_above_the_letters_joins_them():
    # Tesseract's boxes are tight to the ink: the dots lie above the box of "ovre".
    assert _join(_Word("¨", 101, 105, top=296, bottom=298.5), _Word("ovre", 100, 122, top=300, bottom=306)) == ["övre"]
    # Dots a line above belong to that line, not to this word.
    assert _join(_Word("¨", 101, 105, top=280, bottom=282.5), _Word("ovre", 100, 122, top=300, bottom=306)) == ["¨", "ovre"]
