"""The front end's pure parts: text normalisation, layer quality, lines and cells, furniture, OCR TSV."""
from __future__ import annotations

import pytest

from conftest import REPO

from extractor.document import Page, Word
from extractor.layout import build_page_text, group_lines, mark_furniture
from extractor.ocr import parse_tsv, render_dpi
from extractor.text_normalise import normalise_text
from extractor.text_quality import assess


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("f¨or", "för"),            # LaTeX PDFs: the accent drawn before the letter
        ("m¨otet", "mötet"),
        ("M˚ans", "Måns"),
        ("Silv´en", "Silvén"),
        ("la¨", "lä"),               # and after it
        ("a\u0308r", "är"),          # combining diaeresis to NFC
        ("2013\xad10\xad09", "2013-10-09"),
        ("Anna\xa0Berg", "Anna Berg"),
    ],
)
def test_normalise_text_joins_split_diacritics(raw, expected):
    assert normalise_text(raw) == expected


def test_quality_tells_swedish_from_ocr_garbage():
    good = assess("Mötet öppnades av ordföranden. Styrelsen beslutade att godkänna dagordningen och "
                  "protokollet från föregående möte lades till handlingarna. Nästa möte är i mars.")
    garbage = assess("Stcnäldcrns sa ml?i I lighctslii rcn in g lrl{o IoKot.l l(2) Stalllin [-orin I )tttrrnr "
                     "itt: I I törsoag:01:-or-ri kl l9:00 l'lats: II Srorald.,'sr äg;r Z9 sLlpplL'aut rrr I l. gard")
    assert good.usable and not garbage.usable
    assert good.known_share > garbage.known_share


def _word(text, x0, top, size=10.0, bold=False):
    return Word(text=text, x0=x0, x1=x0 + 6 * len(text), top=top, bottom=top + size, size=size, bold=bold)


def test_words_on_one_row_become_one_line_with_cells_apart():
    words = [_word("Camilla", 160, 100.4), _word("Broo", 210, 100), _word("Huddinge", 320, 100.2),
             _word("Deltagare", 70, 100.1), _word("Frida", 160, 114), _word("Nilsson", 198, 114.3)]
    page = Page(number=1, width=595, height=842, source="text-layer", words=words)
    build_page_text(page)
    assert [line.text for line in page.lines] == ["Deltagare\tCamilla Broo\tHuddinge", "Frida Nilsson"]
    first = page.lines[0]
    assert [c.text for c in first.cells] == ["Deltagare", "Camilla Broo", "Huddinge"]
    for cell in first.cells:
        assert page.text[cell.start:cell.end] == cell.text


def test_rows_are_ordered_top_to_bottom_even_when_words_come_shuffled():
    rows = group_lines([_word("andra", 70, 130), _word("första", 70, 100), _word("raden", 120, 100.5)])
    assert [[w.text for w in row] for row in rows] == [["första", "raden"], ["andra"]]


def test_a_word_as_tall_as_three_rows_does_not_glue_them_together():
    # OCR reads a narrow column of stacked numbers ("2", "3", "4") as one tall word.
    rows = [(200, ["Midsommarfirandet", "Beslutades"]), (217, ["Musik", "Frågan"]), (234, ["Lotteriet", "Inget"])]
    words = [_word(text, 100 + 150 * k, top) for top, texts in rows for k, text in enumerate(texts)]
    words.append(Word(text="BÖN", x0=60, x1=75, top=199, bottom=245, size=46))
    grouped = [[w.text for w in row] for row in group_lines(words)]
    assert grouped == [["Midsommarfirandet", "Beslutades"], ["BÖN", "Musik", "Frågan"], ["Lotteriet", "Inget"]]


def _page(number, lines):
    words = []
    for top, texts in lines:
        x = 70
        for text in texts:
            words.append(_word(text, x, top))
            x += 6 * len(text) + 40
    page = Page(number=number, width=595, height=842, source="text-layer", words=words)
    build_page_text(page)
    return page


def test_page_numbers_running_headers_and_signature_boxes_are_furniture():
    pages = [
        _page(1, [(30, ["KUNGSBACKA KOMMUN"]), (200, ["§ 12 Budget"]), (780, ["Justerandes sign"]), (800, ["1 (2)"])]),
        _page(2, [(30, ["KUNGSBACKA KOMMUN"]), (200, ["Beslut"]), (800, ["Sida 2 av 2"])]),
    ]
    mark_furniture(pages)
    furniture = [(p.number, l.text) for p in pages for l in p.lines if l.furniture]
    assert furniture == [(1, "KUNGSBACKA KOMMUN"), (1, "Justerandes sign"), (1, "1 (2)"),
                         (2, "KUNGSBACKA KOMMUN"), (2, "Sida 2 av 2")]
    assert [l.text for l in pages[0].content_lines()] == ["§ 12 Budget"]


def test_a_header_block_reaching_below_the_margin_is_furniture_on_every_page():
    # A label in the top margin with the meeting's date under it, just below the margin, on
    # every page; each page then opens with its own item at the same place.
    pages = [
        _page(n, [(40, ["NORRBY KOMMUN"]), (86, ["Sammanträdesdatum"]), (104, ["2031-02-17"]),
                  (140, [f"§ {n + 20}"]), (160, [f"Ärendet gäller bygglov för {n} fastigheter."])])
        for n in range(1, 5)
    ]
    mark_furniture(pages)
    assert [[l.text for l in p.content_lines()] for p in pages] == [
        [f"§ {n + 20}", f"Ärendet gäller bygglov för {n} fastigheter."] for n in range(1, 5)]


def test_a_line_repeated_at_the_same_rank_on_only_two_pages_is_content():
    pages = [_page(n, [(300, ["Beslut"]), (320, [f"Text {n}"])]) for n in range(1, 4)]
    pages[2] = _page(3, [(300, ["Yrkanden"]), (320, ["Text 3"])])
    mark_furniture(pages)
    assert not any(l.furniture for p in pages for l in p.lines)


def test_tesseract_tsv_gives_word_boxes_in_points_and_repairs_the_section_sign():
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        "5\t1\t1\t1\t1\t1\t200\t400\t60\t40\t91.5\t$12",
        "5\t1\t1\t1\t1\t2\t300\t400\t200\t40\t88.0\tBudget",
        "5\t1\t1\t1\t2\t1\t200\t460\t80\t40\t90.0\tkostar",
        "5\t1\t1\t1\t2\t2\t300\t460\t60\t40\t-1\t",
    ]
    words = parse_tsv("\n".join([header, *rows]), 72 / 200)
    assert [w.text for w in words] == ["§12", "Budget", "kostar"]
    assert words[0].x0 == pytest.approx(200 * 72 / 200)
    assert words[1].confidence == 88.0


@pytest.mark.parametrize("scan, expected", [(None, 200), (96, 200), (200, 200), (300, 300), (600, 300)])
def test_render_resolution_follows_the_scan_within_bounds(scan, expected):
    assert render_dpi(scan) == expected


def _char(text, x0, x1, top=100.0, size=14.0):
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + size, "size": size, "upright": True,
            "fontname": "CMR10", "doctop": top, "width": x1 - x0, "height": size}


def test_accents_drawn_over_a_letter_join_it_before_words_are_cut():
    from extractor.text_normalise import join_accents

    chars = [_char("F", 88.5, 98.6), _char("¨", 98.6, 106.7, top=100.7), _char("o", 98.6, 106.7),
             _char("r", 106.7, 113.3), _char("¨", 140.0, 148.0)]
    assert [c["text"] for c in join_accents(chars)] == ["F", "ö", "r", "¨"]


def test_a_scan_whose_text_layer_is_only_a_stamp_is_ocrd(tmp_path):
    """A scanned page with a page number stamped as text must still be read from its image."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    from extractor.read_pages import read_document

    image = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=44)
    for row, text in enumerate(["Protokoll fört vid styrelsemöte", "Närvarande: Anna Berg, Olle Ek",
                                "1. Mötets öppnande", "Ordföranden öppnade mötet."]):
        draw.text((150, 200 + row * 90), text, fill=0, font=font)
    picture = tmp_path / "page.png"
    image.save(picture)
    pdf = FPDF(format="A4", unit="mm")
    pdf.add_page()
    pdf.image(str(picture), x=0, y=0, w=210, h=297)
    pdf.set_font("Helvetica", size=9)
    pdf.set_xy(170, 285)
    pdf.cell(0, 4, "Sida 1 av 1")
    stamped = tmp_path / "stamped.pdf"
    pdf.output(str(stamped))

    page = read_document(stamped).pages[0]
    assert page.source == "ocr"
    read = " ".join(w.text for w in page.words)  # PIL's default font has no å, ä, ö
    assert "Protokoll" in read and "Anna Berg" in read


def test_garbled_words_of_a_scanners_ocr_layer_are_counted():
    scanner = assess("Närvarande: Maria Terra ordf nr 125, gård4 KennethMårtensson ledamot m79,gärd2 "
                     "SaraMalmkvist ledamot nr l5l, Tid: Onsdagen 2016-01-13, kl l9:00 Plats: Stenåldersvägen 79 "
                     "Föregående mötes protokoll Styrelsens arbete uppföljning av nedlagd tid Ekonomi")
    typeset = assess("Närvarande: Maria Terra ordförande, Kenneth Mårtensson ledamot nr 79, gård 2, § 12, "
                     "kl 19:00, 2:a kvartalet, KS-2024-00744, 3st, 24200 kr, 4a Ekonomi och budget för 2024")
    assert scanner.malformed_share > 0.1 and not scanner.usable
    assert typeset.malformed_share == 0.0


def test_layer_chars_cut_into_the_same_words_as_pdfplumbers_chars(corpus):
    """The lean reader (pdfminer's layout objects) must give pdfplumber's own words,
    positions and fonts on every born-digital page of the corpus, the example too."""
    import pdfplumber

    from extractor.read_pages import layer_chars
    from extractor.text_normalise import join_accents

    def words(chars):
        return pdfplumber.utils.extract_words(join_accents(chars), x_tolerance=1.5, y_tolerance=3,
                                              extra_attrs=["fontname", "size"])

    paths = sorted((corpus / "docs").glob("*.pdf")) + sorted((REPO / "examples").glob("*.pdf"))
    compared = 0
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                expected = words(page.chars)
                assert words(layer_chars(page)) == expected, f"{path.name} page {page.page_number}"
                compared += bool(expected)
    assert compared > 40
