"""An agenda item's number as minutes and OCR write it (extractor.numbering), and what the
segment stage makes of documents numbered in each way. Names, bodies and wording are invented."""
from __future__ import annotations

import pytest

from extractor.layout import find_layout
from extractor.numbering import (
    DOTTED, OCR_DOTTED, OCR_SECTION, PLAIN, SECTION, diary_reference, item_number, number_trace, sign_read_as_digit,
    sub_point,
)
from extractor.read_pages import read_document
from extractor.segment import segment
from pdf_factory import write_pdf


@pytest.mark.parametrize("text, number, rest, shape, kind", [
    ("§ 7 Val av kassör", "7", "Val av kassör", "§ N", SECTION),
    ("§7. Årsavgift", "7", "Årsavgift", "§ N", SECTION),
    ("§ 12 b Motion om cykelställ", "12b", "Motion om cykelställ", "§ N", SECTION),
    ("§ 204:", "204", "", "§ N", SECTION),
    ("TN § 58\tTN 2023/441", "58", "TN 2023/441", "BODY § N", SECTION),
    ("BUN-AU §3 Skolskjuts", "3", "Skolskjuts", "BODY § N", SECTION),
    ("5 § Fastställande av röstlängd", "5", "Fastställande av röstlängd", "N §", SECTION),
    ("Punkt 9: Motioner", "9", "Motioner", "WORD N", SECTION),
    ("Ärende 14 Ny grillplats", "14", "Ny grillplats", "WORD N", SECTION),
    ("paragraf 2.", "2", "", "WORD N", SECTION),
    ("$ 6. Val av revisorer", "6", "Val av revisorer", "OCR§ N", OCR_SECTION),
    ("& 11 Övrigt", "11", "Övrigt", "OCR§ N", OCR_SECTION),
    ("$&9. Stämmans avslutande", "9", "Stämmans avslutande", "OCR§ N", OCR_SECTION),
    ("8 4. Godkännande av dagordning", "4", "Godkännande av dagordning", "OCR§ N", OCR_SECTION),
    ("s 27\tÅrsbokslut", "27", "Årsbokslut", "OCR§ N", OCR_SECTION),
    ("57; Inkomster och utgifter", "7", "Inkomster och utgifter", "OCR§ N", OCR_SECTION),
    ("861\tDnr MN 2022/17", "61", "Dnr MN 2022/17", "OCR§ N", SECTION),
    ("61\tDnr MN 2022/17", "61", "Dnr MN 2022/17", "N | Dnr", SECTION),
    ("4. Ekonomi", "4", "Ekonomi", "N.", DOTTED),
    ("13.Rapporter", "13", "Rapporter", "N.", DOTTED),
    ("l. Mötets öppnande", "1", "Mötets öppnande", "N.", DOTTED),
    ("1S: Val av revisorer", "15", "Val av revisorer", "N:", DOTTED),
    ("6) Kommande möten", "6", "Kommande möten", "N)", DOTTED),
    ("3/ Mötet förklarades öppnat.", "3", "Mötet förklarades öppnat.", "N/", DOTTED),
    ("11/", "11", "", "N/", DOTTED),
    ("7: Övrigt", "7", "Övrigt", "N:", DOTTED),
    ("2\tVal av justerare", "2", "Val av justerare", "N", PLAIN),
    ("4l", "4", "", "OCR N/", OCR_DOTTED),
    ("Lt", "1", "", "OCR N/", OCR_DOTTED),
    ("L3l", "13", "", "OCR N/", OCR_DOTTED),
])
def test_item_number_shapes(text, number, rest, shape, kind):
    m = item_number(text)
    assert m is not None
    assert (m.number, m.rest, m.shape, m.kind) == (number, rest, shape, kind)


def test_the_body_abbreviation_is_kept_apart():
    assert item_number("MBN § 102\tDnr MBN 2021-88").prefix == "MBN"
    assert item_number("§ 102 Tillsyn").prefix is None


def test_the_sign_as_ocr_read_it_after_the_body_abbreviation():
    # A digit for "§" is certain where it makes the number too long for an item.
    found = item_number("TN 8207\tDnr TN 2023/41")
    assert (found.number, found.prefix, found.kind, found.rest) == ("207", "TN", "section", "Dnr TN 2023/41")
    assert item_number("BUN $14\tBUN 2022/7").number == "14"
    # "TN 27" may be "§ 7" or a number that lost its sign: not read as either here.
    assert item_number("TN 27\tDnr TN 2023/41") is None
    assert item_number("TN 8 27\tDnr TN 2023/41") is None


@pytest.mark.parametrize("text", [
    "2.1 Budgetuppföljning",     # a sub-point
    "§ 3.2 Ändring av stadgar",  # a sub-point under a § number
    "12.30 Lunch",               # a time
    "3 ledamöter var närvarande",  # a count in a sentence
    "Punkt 4 på dagordningen ströks.",  # an item named in a sentence
    "2024 års budget",           # a year
    "",
    "Övrigt",
])
def test_not_item_numbers(text):
    assert item_number(text) is None


def test_a_figure_alone_on_a_line_is_no_number_unless_ocr_garbled_a_slash():
    assert item_number("31") is None  # a page number
    assert item_number("31l").number == "31"


@pytest.mark.parametrize("text, number, shape", [
    ("2.1 Ekonomi", "2.1", "N.N"), ("14.3.2 Lokaler", "14.3.2", "N.N"), ("a) Beslut om avgift", "a", "a)"),
    ("(c) Dagordningen godtogs", "c", "a)"), ("B. Styrelsens förslag", "B", "a)"), ("iv. Kassören", "iv", "i."),
    ("(ii) Revisorn", "ii", "i."),
])
def test_sub_points_stay_inside_their_item(text, number, shape):
    m = sub_point(text)
    assert (m.number, m.shape, m.kind) == (number, shape, "sub")
    assert item_number(text) is None


@pytest.mark.parametrize("text, expected", [
    ("Dnr 2023/55", True), ("Diarienummer: KS 2022-1003", True), ("TN 2023/441", True), ("SBN/2024:17", True),
    ("BN-2021-000312", True), ("Val av justerare", False), ("Budget 2024", False),
])
def test_diary_reference(text, expected):
    assert diary_reference(text) is expected


def test_number_trace():
    assert number_trace(". Val av sekreterare") == (None, 2)
    assert number_trace("7 Rapporter")[0] == 7
    assert number_trace("T4\tRevisorernas berättelse") == (None, 3)  # a short cell of its own, a tab, a title
    assert number_trace('"n. Val av revisorer') == (None, 4)  # "11." as two strokes and a dot
    assert number_trace("Val av sekreterare") is None


def _segments(tmp_path, pages):
    return segment(find_layout(read_document(write_pdf(tmp_path / "m.pdf", pages), ocr=False)))


@pytest.mark.parametrize("text, number", [
    ("82. Val av justerare", "2"), ("815 Budget för nästa år", "15"), ("8 14 Mötets öppnande", "14"),
    ("S 3 Rapporter", "3"), ("53: Medlemsavgift", "3"),
    ("12. Budget", None), ("8131 Budget", None), ("5 000 Kronor", None), ("3 ledamöter deltog", None), ("80. Avgifter", None),
])
def test_a_sign_ocr_read_as_a_digit_gives_a_second_reading(text, number):
    read = sign_read_as_digit(text)
    assert (read.number if read else None) == number


def test_section_signs_read_as_digits_are_items_where_the_sequence_wants_them(tmp_path):
    # A scan's § signs as OCR reads them, one line each way; a body line that merely starts
    # with digits and a capital stays body text, the sequence does not want it.
    page = [
        [(20, "Protokoll fört vid styrelsemöte i Ekbackens båtklubb 2024-04-02")],
        [(20, "$ 1 Mötets öppnande")], [(20, "Ordföranden öppnade mötet.")],
        [(20, "82. Val av justerare")], [(20, "Till justerare valdes Olle Berg.")],
        [(20, "8 3 Hamnavgifter")], [(20, "5 12 Platser återstår att hyra ut.")],
        [(20, "§4 Sjösättning")], [(20, "Sjösättningen sker den 4 maj.")],
        [(20, "85. Avslutning")], [(20, "Ordföranden avslutade mötet.")],
    ]
    items = _segments(tmp_path, [page]).items
    assert [(i.number, i.title) for i in items] == [
        ("1", "Mötets öppnande"), ("2", "Val av justerare"), ("3", "Hamnavgifter"), ("4", "Sjösättning"), ("5", "Avslutning")]
    assert [line.text for line in items[2].body] == ["5 12 Platser återstår att hyra ut."]


def test_numbers_that_only_look_like_a_sign_and_a_digit_stay_as_written(tmp_path):
    page = [
        [(20, "Protokoll från årsmöte i Lövsta odlarförening 2024-03-09")],
        [(20, "81. Val av revisorer")], [(20, "Två revisorer valdes.")],
        [(20, "82. Övriga frågor")], [(20, "Inga frågor.")],
        [(20, "83. Avslutning")], [(20, "Mötet avslutades.")],
    ]
    assert [i.number for i in _segments(tmp_path, [page]).items] == ["81", "82", "83"]


def test_municipal_paragraphs_with_the_body_before_the_sign_and_an_agenda_list_first(tmp_path):
    agenda = [
        [(20, "**Tekniska nämnden"), (120, "Sammanträdesdatum 2024-02-06")],
        [(20, "Plats och tid"), (70, "Stadshuset, kl. 17.00-18.10")],
        [], [(20, "**Ärendelista")],
        [(20, "§ 8"), (45, "TN 2024/12")], [(45, "Snöröjning av gång- och cykelvägar")],
        [(20, "§ 9"), (45, "TN 2023/301")], [(45, "Taxa för parkering")],
        [(20, "§ 10"), (45, "TN 2024/3")], [(45, "Information från förvaltningen")],
    ]
    paragraphs = [[
        # Below the page's running header: a line in the top margin that recurs on every page is furniture.
        [(20, "Tekniska nämnden"), (140, "Sammanträdesprotokoll")], [], [], [], [],
        [(20, f"TN § {n}"), (140, ref)], [(20, f"**{title}")], [(20, "Ärendebeskrivning")],
        [(20, "Förvaltningen har berett ärendet och lämnat en redogörelse.")],
        [(20, "**Beslut")], [(20, "Tekniska nämnden beslutar att godkänna redogörelsen.")],
    ] for n, ref, title in (
        (8, "TN 2024/12", "Snöröjning av gång- och cykelvägar"), (9, "TN 2023/301", "Taxa för parkering"),
        (10, "TN 2024/3", "Information från förvaltningen"),
    )]
    items = _segments(tmp_path, [agenda, *paragraphs]).items
    assert [(i.number, i.title) for i in items] == [
        ("8", "Snöröjning av gång- och cykelvägar"), ("9", "Taxa för parkering"), ("10", "Information från förvaltningen"),
    ]
    # The items are the paragraphs, not the agenda list: each body holds its decision.
    assert all(any("beslutar" in line.text for line in i.body) for i in items)


def test_items_numbered_with_a_slash_and_no_headings_have_no_title(tmp_path):
    page = [
        [(20, "Protokoll från årsmöte i Granbackens vägförening 2023-06-10")],
        [(20, "Närvarande: Lisa Holm, Tor Berg, Aino Lund")],
        [(20, "1/")], [(20, "Ordföranden Lisa Holm hälsade alla välkomna och förklarade mötet öppnat.")],
        [(20, "2/")], [(20, "Till sekreterare för mötet valdes Tor Berg.")],
        [(20, "3/")], [(20, "Kassören redovisade föreningens ekonomi, som bedömdes vara god, och rapporten")],
        [(20, "lades till handlingarna.")],
        [(20, "4/")], [(20, "Mötet beslutade att höja avgiften till 400 kronor per andel.")],
    ]
    items = _segments(tmp_path, [page]).items
    assert [(i.number, i.title) for i in items] == [("1", ""), ("2", ""), ("3", ""), ("4", "")]
    assert "Tor Berg" in items[1].body[0].text


def test_numbered_sentences_are_titled_by_their_first_sentence_and_statutes_after_signing_are_no_items(tmp_path):
    minutes = [
        [(20, "Protokoll, styrelsemöte 12 mars 2019")],
        [(20, "1. Mötet öppnades.")],
        [(20, "2. Medlemsregistret. Kassören har gått igenom registret och rensat bort")],
        [(25, "gamla poster.")],
        [(20, "3. Föreningen beslutade att anta den nya integritetspolicyn, som skickats ut")],
        [(25, "till alla medlemmar.")],
        [(20, "4. Mötet avslutades.")],
        [],
        [(20, "Sekreterare"), (100, "Justeringsperson")],
        [(20, "Nils Ås"), (100, "Maja Rydén")],
    ]
    statutes = [
        [(20, "**Stadgar för föreningen Öppna nät")],
        [(20, "**1 Namn")], [(25, "1.1 Föreningens namn är Öppna nät.")],
        [(20, "**2 Ändamål")], [(25, "2.1 Föreningen verkar för öppna nätverk.")],
        [(20, "**3 Medlemskap")], [(25, "3.1 Medlem är den som betalt avgiften.")],
        [(20, "**4 Årsmöte")], [(25, "4.1 Årsmötet hålls före mars månads utgång.")],
        [(20, "**5 Upplösning")], [(25, "5.1 Beslut om upplösning kräver två årsmöten.")],
    ]
    items = _segments(tmp_path, [minutes, statutes]).items
    assert [(i.number, i.title) for i in items] == [
        ("1", "Mötet öppnades."), ("2", "Medlemsregistret."),
        ("3", "Föreningen beslutade att anta den nya integritetspolicyn, som skickats ut till alla medlemmar."),
        ("4", "Mötet avslutades."),
    ]


@pytest.mark.parametrize("mark", ["§ {n}.", "{n} §", "Punkt {n}:", "Ärende {n}", "$ {n}.", "{n})"])
def test_each_way_of_numbering_items_gives_the_same_items(tmp_path, mark):
    titles = ["Mötets öppnande", "Val av justerare", "Ekonomi", "Övrigt"]
    rows = [[(20, "Protokoll fört vid styrelsemöte i Brf Lönnen 2022-11-03")]]
    for n, title in enumerate(titles, start=3):
        rows += [[(20, f"{mark.format(n=n)} {title}")], [(25, "Styrelsen diskuterade frågan.")]]
    items = _segments(tmp_path, [rows]).items
    assert [(i.number, i.title) for i in items] == [(str(n), t) for n, t in enumerate(titles, start=3)]


def test_numbering_restarting_under_an_appendix_heading_is_not_items(tmp_path):
    rows = [
        [(20, "Kallelse till föreningsstämma i Strandvägens samfällighet")],
        [(20, "§ 1 Stämmans öppnande")], [(25, "Ordföranden öppnar stämman.")],
        [(20, "§ 2 Val av ordförande")], [(25, "Stämman väljer ordförande.")],
        [(20, "§ 3 Budget")], [(25, "Styrelsen föreslår oförändrad avgift.")],
        [],
        [(20, "**Bilaga 1")],
        [(20, "§ 1 Föreningens firma")], [(25, "Föreningens firma är Strandvägens samfällighet.")],
        [(20, "§ 2 Ändamål")], [(25, "Föreningen förvaltar vägarna.")],
        [(20, "§ 3 Styrelse")], [(25, "Styrelsen har tre ledamöter.")],
        [(20, "§ 4 Stämma")], [(25, "Ordinarie stämma hålls i juni.")],
    ]
    items = _segments(tmp_path, [rows]).items
    assert [(i.number, i.title) for i in items] == [("1", "Stämmans öppnande"), ("2", "Val av ordförande"), ("3", "Budget")]


@pytest.mark.parametrize("text, number, rest", [
    ("'$3 Medlemsavgifter", "3", "Medlemsavgifter"),           # a speck before a sign as OCR read it
    ('. § 7 Hamnen\t:', "7", "Hamnen"),                         # specks on both sides
    ('"5. Vårfesten', "5", "Vårfesten"),
    ("-4. Bryggorna", "4", "Bryggorna"),
    ("6: Övriga frågor\t|\t|\t;", "6", "Övriga frågor"),       # specks set apart as cells after the title
    ("§ 9 Avgifter för båtplatser - | k", "9", "Avgifter för båtplatser"),
    ("Punkt .8. Valberedning", "8", "Valberedning"),           # a speck between the word and the number
])
def test_an_item_number_behind_specks_a_scan_left(text, number, rest):
    from extractor.numbering import item_number

    found = item_number(text)
    assert (found.number, found.rest) == (number, rest)


@pytest.mark.parametrize("text", ["- 3 nya bryggor", "• 2 stolar", "': 12.30 Lunch", "| 2024 Budget"])
def test_specks_make_no_number_of_what_is_none(text):
    from extractor.numbering import item_number

    assert item_number(text) is None


def test_a_sign_read_as_a_digit_behind_specks():
    from extractor.numbering import sign_read_as_digit

    assert sign_read_as_digit(": 8 6 Båtplatser").number == "6"


def test_sentences_split_where_a_speck_stands_between_them():
    from extractor.fields.items import decisions
    from test_participants import make_lines

    found = decisions(make_lines(["Kassören redovisade årets utfall. ' Mötet beslöt att godkänna redovisningen."]), election=False)
    assert [d.text for d in found] == ["Mötet beslöt att godkänna redovisningen."]


def test_a_page_number_read_as_a_list_number_does_not_hide_the_signs_read_by_ocr(tmp_path):
    rows = [[(20, "Styrelsemöte i Tallåsens vägförening")]]
    for n, title in enumerate(["Mötets öppnande", "Snöröjning", "Mötets avslutande"], start=1):
        rows += [[(20, f"$ {n} {title}")], [(25, "Styrelsen diskuterade frågan.")]]
    rows += [[(170, "151)")]]  # "1 (1)" at the foot of the page as OCR may read it
    items = _segments(tmp_path, [rows]).items
    assert [(i.number, i.title) for i in items] == [("1", "Mötets öppnande"), ("2", "Snöröjning"), ("3", "Mötets avslutande")]



@pytest.mark.parametrize("row", [
    [(60, "Beslutande -"), (188, "Tyra Holm (S), ordförande")],      # a speck after the heading in its cell
    [(60, '"Beslutande'), (188, "Tyra Holm (S), ordförande")],       # and before it
])
def test_an_attendance_heading_between_specks(row):
    from extractor.fields.participants import attendance
    from test_participants import make_lines

    found = attendance(make_lines([row, [(188, "Kjell Rapp (M)")]]))
    assert [(p.name, p.affiliation) for p in found] == [("Tyra Holm", "S"), ("Kjell Rapp", "M")]


def test_a_name_behind_a_speck():
    from extractor.fields.participants import attendance
    from test_participants import make_lines

    found = attendance(make_lines(["Närvarande", '"Tyra Holm, ordförande', "'Kjell Rapp"]))
    assert [(p.name, p.role) for p in found] == [("Tyra Holm", "ordförande"), ("Kjell Rapp", None)]
