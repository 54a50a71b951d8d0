"""Segmentation rules on small invented layouts: numbering, lost numbers, headings."""
from __future__ import annotations

import dataclasses

import pytest

from extractor.document import Cell, Document, Line, Page
from extractor.segment import _pick_numbered, segment


def make_lines(rows: list, *, line_gap: float = 3.0, para_gap: float = 15.0, height: float = 10.0) -> list[Line]:
    """Rows as (text, x0) or (text, x0, gap_before); ``"¶"`` as gap means a paragraph break."""
    lines, top = [], 50.0
    for row in rows:
        text, x0, *rest = row
        gap = rest[0] if rest else line_gap
        top += para_gap if gap == "¶" else gap
        cells, offset = [], 0
        for part in text.split("\t"):
            cells.append(Cell(text=part, x0=x0, x1=x0 + 5 * len(part), start=offset, end=offset + len(part)))
            offset += len(part) + 1
        lines.append(Line(text=text, cells=cells, x0=x0, x1=x0 + 5 * len(text), top=top, bottom=top + height, size=10.0, bold=False, page=1))
        top += height
    return lines


def document(lines: list[Line]) -> Document:
    return Document(path="x.pdf", sha256="", pages=[Page(number=1, width=595, height=842, source="ocr", lines=lines)])


def numbers(lines: list[Line]) -> list[tuple[str, str]]:
    return [(c.number, c.rest.strip()) for c in _pick_numbered(lines)]


def test_dotted_items_with_bodies():
    lines = make_lines([
        ("Protokoll styrelsemöte", 60),
        ("1. Mötets öppnande", 60, "¶"), ("Ordföranden öppnade mötet.", 80),
        ("2. Val av justerare", 60, "¶"), ("Anna valdes.", 80),
        ("3. Övrigt", 60, "¶"), ("Inget.", 80),
    ])
    assert numbers(lines) == [("1", "Mötets öppnande"), ("2", "Val av justerare"), ("3", "Övrigt")]


def test_number_without_space_before_title():
    lines = make_lines([("9. Budget", 60), ("Godkändes.", 80), ("10.Förslag till avgift", 60), ("Godkändes.", 80), ("11. Övrigt", 60), ("Inget.", 80)])
    assert [n for n, _ in numbers(lines)] == ["9", "10", "11"]


def test_section_letter_must_be_lower_case():
    lines = make_lines([("§ 6 F oregående verksamhetsår", 60), ("Text.", 80), ("§ 7 Motioner", 60), ("Text.", 80)])
    assert numbers(lines)[0][0] == "6"


def test_single_item_before_others_does_not_win_by_swallowing_the_rest():
    # "2. 2. 4. 6." as a word processor numbered it: the run with bodies wins.
    lines = make_lines([
        ("2. Mötet öppnades", 76),
        ("2. Val av justerare", 66), ("Ylva väljs till justerare.", 88),
        ("4. Nedlagd tid", 66), ("Jens: 0 h", 88),
        ("6. Ekonomi", 66), ("Inget nytt.", 88),
    ])
    assert [n for n, _ in numbers(lines)] == ["2", "4", "6"]


def test_two_numbered_points_alone_are_a_list_not_items():
    lines = make_lines([
        ("Revisorn yrkar på ett av två alternativ.", 125),
        ("1. Bordlägg frågan om ansvarsfrihet till nästa möte i väntan på", 137),
        ("vidare revidering.", 150),
        ("2. Acceptera ansvarsfrihet.", 137),
        ("Olav yrkar på ett bordläggande.", 125),
    ])
    assert numbers(lines) == []


def test_indented_numbered_list_inside_text_is_not_items():
    lines = make_lines([
        ("Revisorn rekommenderar att bokföringen bör:", 125),
        ("1. Undvika vaga kommentarer", 137),
        ("2. Vara tydligare med priser.", 137),
        ("Revisorn yrkar på bordläggning.", 125),
    ])
    assert numbers(lines) == []


def test_lost_numbers_found_by_ocr_traces():
    # OCR kept "1." and "5." but left only a dot or a garbled mark of 2-4.
    lines = make_lines([
        ("Protokoll årsstämma", 60),
        ("1. Val av ordförande", 85), ("Tore valdes.", 100),
        (". Val av sekreterare", 92), ("Ingrid valdes.", 100),
        ("IL; Justering av röstlängd", 85), ("35 hushåll.", 100),
        (". Godkännande av dagordning", 92), ("Dagordningen godkännes.", 100),
        ("5. Övriga frågor", 85), ("Inga.", 100),
    ])
    assert numbers(lines) == [
        ("1", "Val av ordförande"), ("2", "Val av sekreterare"), ("3", "Justering av röstlängd"),
        ("4", "Godkännande av dagordning"), ("5", "Övriga frågor"),
    ]


def test_lost_numbers_found_by_white_space_when_count_fits():
    lines = make_lines([
        ("Protokoll årsstämma", 60),
        ("Onsdag 29 april", 60, "¶"),
        ("Val av ordförande", 100, "¶"), ("Torgny är vald som ordförande", 110),
        ("Val av sekreterare", 110, "¶"), ("Ingrid valdes till sekreterare", 110),
        ("Justering av röstlängd", 110, "¶"), ("32 närvarande hushåll", 110),
        ("4. Övriga frågor", 98, "¶"), ("Inga övriga frågor", 110),
        ("5. Stämman avslutas", 98, "¶"), ("Stämman avslutas 19.52", 110),
    ])
    assert [n for n, _ in numbers(lines)] == ["1", "2", "3", "4", "5"]
    assert numbers(lines)[0][1] == "Val av ordförande"


def test_decision_lines_with_white_space_are_not_taken_for_lost_headings():
    lines = make_lines([
        ("8. Ekonomisk berättelse", 80, "¶"), ("Den gicks igenom", 100),
        ("Det beslöts att godkänna berättelsen", 100, "¶"),
        ("Fråga om ansvarsfrihet", 100, "¶"), ("Det beslöts att ge ansvarsfrihet", 100),
        ("10. Underhållsplan", 80, "¶"), ("Godkändes", 100),
    ])
    assert [n for n, _ in numbers(lines)] == ["8", "9", "10"]


def test_no_guess_when_count_does_not_fit():
    lines = make_lines([
        ("1. Val av ordförande", 80, "¶"), ("Tore valdes", 100),
        ("Något annat", 100, "¶"), ("Mer text", 100, "¶"), ("Ännu en rad", 100, "¶"),
        ("3. Övrigt", 80, "¶"), ("Inget", 100),
        ("4. Avslutning", 80, "¶"), ("Mötet avslutades", 100),
    ])
    assert [n for n, _ in numbers(lines)] == ["1", "3", "4"]


def test_ocr_section_sign_read_as_s():
    lines = make_lines([("Justerare Dick", 70), ("s 93\tDnr 2024-00134", 70), ("Svar på remiss", 70), ("Beslut", 70), ("Nämnden antar yttrandet.", 70)])
    assert numbers(lines) == [("93", "Dnr 2024-00134")]


def test_paragraph_number_does_not_pull_head_lines_in_as_items():
    lines = make_lines([("Organ Kommunstyrelsen", 70, "¶"), ("Datum 2025-01-07", 70, "¶"), ("§ 2\tDnr KS-2024-1", 70, "¶"), ("Titel", 70)])
    assert [n for n, _ in numbers(lines)] == ["2"]


def test_ocr_letter_l_read_for_one():
    lines = make_lines([("l. Föregående protokoll", 60), ("Godkändes.", 80), ("2. Ekonomi", 60), ("Inget nytt.", 80), ("3. Övrigt", 60), ("Inget.", 80)])
    assert [n for n, _ in numbers(lines)] == ["1", "2", "3"]


def test_lost_heading_left_of_the_list_margin_is_the_document_title():
    # The head's title stands left of the numbered list: not a heading whose number was lost.
    lines = make_lines([
        ("Protokoll fört vid årsmöte", 40, "¶"),
        ("2. Val av sekreterare", 85, "¶"), ("Hans valdes.", 100),
        ("3. Övrigt", 85, "¶"), ("Inget.", 100),
        ("4. Avslutning", 85, "¶"), ("Mötet avslutades.", 100),
    ])
    assert [n for n, _ in numbers(lines)] == ["2", "3", "4"]


def test_numbers_on_a_shifted_scanned_page_stay_items():
    lines = make_lines([("1. Öppnande", 80), ("Mötet öppnades.", 100), ("2. Budget", 80), ("Godkändes.", 100)])
    later = make_lines([("3. Avgift", 96), ("Fastställdes.", 115), ("4. Avslutning", 96), ("Mötet avslutades.", 115)])
    for line in later:
        line.page = 2
    assert [n for n, _ in numbers(lines + later)] == ["1", "2", "3", "4"]


def test_scanned_unnumbered_headings_found_by_white_space():
    lines = make_lines([
        ("LiTHe kod höstmöte", 125),
        ("Mötet öppnas 17:17.", 128, "¶"),
        ("Val av mötesordförande", 128, 18),
        ("Edvard nominerar sig själv. Mötet beslutar att Edvard utses till", 128, 12),
        ("mötesordförande.", 128),
        ("Olav Övrebro (förra årets ordförande) bemöter den", 128, 8),
        ("kommenterade utbetalningen.", 128),
        ("Motioner och propositioner", 128, 18),
        ("Inga motioner har skickats in.", 128, 12),
    ], line_gap=2.5)
    segments = segment(document(lines))
    assert [(i.number, i.title) for i in segments.items] == [(None, "Val av mötesordförande"), (None, "Motioner och propositioner")]


def heading_doc(rows: list[tuple[str, float, bool]]) -> Document:
    """Rows as (text, size, bold) on a text-layer page, two lines of plain text after each plain row."""
    return styled_doc([row for text, size, bold in rows
                       for row in [(text, size, bold)] + ([("mer text i stycket", 11, False)] * 2 if not bold else [])])


def test_unnumbered_group_and_sub_headings_are_not_items():
    doc = heading_doc([
        ("Husrådsmöte våren 2020", 14, True),
        ("Frågor från husråden", 14, True), ("Några frågor är besvarade nedan.", 11, False),
        ("Hus 1", 13, True), ("Tömningen fungerar dåligt.", 11, False),
        ("Information från styrelsen", 14, True),
        ("Telenor, bredband, TV m.m.", 13, True), ("Nytt avtal från mars.", 11, False),
        ("Sophämtning", 13, True), ("Text om sopor.", 11, False),
        ("Veolia recycling", 11, True), ("Hämtar varannan vecka.", 11, False),
        ("Fönster", 13, True), ("Fönster tvättas i maj.", 11, False),
    ])
    assert [i.title for i in segment(doc).items] == ["Hus 1", "Telenor, bredband, TV m.m.", "Sophämtning", "Fönster"]


def styled_doc(rows: list[tuple]) -> Document:
    """Rows as (text, size, bold) or (text, size, bold, x0) on a text-layer page, no filler lines."""
    lines = make_lines([(row[0], row[3] if len(row) > 3 else 70) for row in rows])
    for line, row in zip(lines, rows):
        line.size, line.bold = row[1], row[2]
    doc = document(lines)
    doc.pages[0].source = "text-layer"
    return doc


def test_numbers_without_a_dot_head_items_when_set_as_headings():
    # "1  Öppnande av möte" in a larger bold face; "2.1" sub-headings stay inside their item.
    doc = styled_doc([
        ("Styrelsemöte för Brf Lönnen", 16, True),
        ("Datum: 2024-03-02", 11, False),
        ("1 Öppnande av möte", 15, True), ("Mötet öppnades 18:02.", 11, False),
        ("2 Formalia", 15, True),
        ("2.1 Val av justerare", 12.5, True), ("Förslag", 11, True), ("1. Att\tEva justerar protokollet", 11, False, 75),
        ("Beslut", 11, True), ("1. Att\tbifalles", 11, False, 75),
        ("2.2 Mötets avslutande", 12.5, True), ("Mötet avslutades.", 11, False),
        ("3 Ekonomi", 15, True), ("Kassan är god.", 11, False),
        ("4 Avslutning", 15, True), ("Mötet avslutas 19:30.", 11, False),
    ])
    assert [(i.number, i.title) for i in segment(doc).items] == [
        ("1", "Öppnande av möte"), ("2", "Formalia"), ("3", "Ekonomi"), ("4", "Avslutning"),
    ]


def test_numbers_without_a_dot_at_the_margin_in_sequence_with_text_under_each():
    lines = make_lines([
        ("Protokoll fört vid styrelsemöte", 60),
        ("1 Mötets öppnande", 60, "¶"), ("Ordföranden öppnade mötet.", 60),
        ("2 Val av justerare", 60, "¶"), ("Anna valdes.", 60),
        ("3 Ekonomi", 60, "¶"), ("Kassören redovisade.", 60),
    ])
    assert [(c.number, c.rest) for c in _pick_numbered(lines)] == [("1", "Mötets öppnande"), ("2", "Val av justerare"), ("3", "Ekonomi")]


def test_numbered_rows_of_names_are_not_items():
    lines = make_lines([("Närvarande", 60), ("1 Anna Berg", 60), ("2 Bo Ek", 60), ("3 Carl Holm", 60), ("Mötet öppnades.", 60)])
    assert _pick_numbered(lines) == []


def test_unnumbered_headings_skip_table_headers_sub_headings_and_signing_labels():
    doc = styled_doc([
        ("Styrelsemöte i Föreningen Kodklubben", 16, True),
        ("Namn\tNärvarande", 11, True), ("Anna Berg\tJa", 11, False), ("Bo Ek\tNej", 11, False),
        ("Budget för våren", 14, True), ("Förslag", 11, True), ("Att godkänna budgeten.", 11, False),
        ("Beslut", 11, True), ("Att bifalles.", 11, False),
        ("Nya lokaler", 14, True), ("Anteckningar", 11, True), ("Vi har tittat på två lokaler.", 11, False),
        ("Förslag", 11, True), ("Att hyra den större lokalen.", 11, False),
        ("Mötesordförande\tMötessekreterare", 11, True), ("Anna Berg\tBo Ek", 11, False),
        ("Justeringsperson", 11, True), ("Carl Holm", 11, False),
    ])
    segments = segment(doc)
    assert [i.title for i in segments.items] == ["Budget för våren", "Nya lokaler"]
    assert [line.text for line in segments.signing][:2] == ["Mötesordförande\tMötessekreterare", "Anna Berg\tBo Ek"]


def test_title_that_is_a_label_before_a_list_ends_at_the_colon():
    lines = make_lines([
        ("1. Kallade: Anna Berg, Bo Ek, Carl", 60), ("Holm, David Lind", 80),
        ("2. Närvarande: Anna Berg och Bo Ek", 60),
        ("3. Motion: Nya cykelställ, cykelpump", 60), ("Motionen bifalls.", 80),
        ("4. Övrigt", 60), ("Inget.", 80),
    ])
    assert [i.title for i in segment(document(lines)).items] == ["Kallade", "Närvarande", "Motion: Nya cykelställ, cykelpump", "Övrigt"]


def test_table_of_contents_is_not_items_and_paragraph_numbers_may_jump():
    # A municipal extract: a contents list with leader dots, then §§ 21, 48, 49 with their texts.
    lines = make_lines([
        ("Protokollsutdrag Miljönämnden", 60),
        ("Innehåll", 60, "¶"),
        ("§ 21 Dnr MN 2024/12", 60), ("Yttrande över detaljplan ......................\t3", 60),
        ("§ 48 Dnr MN 2024/80", 60), ("Tillsyn av avlopp ..............................\t4", 60),
        ("§ 49 Dnr MN 2024/81", 60), ("Föreläggande om städning ........................\t5", 60),
        ("§ 21\tDnr MN 2024/12", 60, "¶"), ("Yttrande över detaljplan", 60), ("Beslut", 60), ("Nämnden antar yttrandet.", 60),
        ("§ 48\tDnr MN 2024/80", 60, "¶"), ("Tillsyn av avlopp", 60), ("Beslut", 60), ("Nämnden förelägger ägaren.", 60),
        ("§ 49\tDnr MN 2024/81", 60, "¶"), ("Föreläggande om städning", 60), ("Beslut", 60), ("Nämnden förelägger ägaren.", 60),
    ])
    items = segment(document(lines)).items
    assert [(i.number, i.title) for i in items] == [
        ("21", "Yttrande över detaljplan"), ("48", "Tillsyn av avlopp"), ("49", "Föreläggande om städning"),
    ]
    assert [line.text for line in items[0].body] == ["Beslut", "Nämnden antar yttrandet."]


def test_a_one_entry_table_of_contents_with_a_broken_page_field_is_not_the_item():
    lines = make_lines([
        ("Protokollsutdrag Nämnden för Gymnasium & Arbetsmarknad", 60),
        ("Innehåll", 60, "¶"),
        ("§ 111 Dnr GA-2024-00012", 60), ("Budget 2024 ........................................ Fel! Bokmärket är inte definierat.", 60),
        ("§ 111\tDnr GA-2024-00012", 60, "¶"), ("Delår 2", 60), ("Beslut", 60), ("Nämnden godkänner delårsrapporten.", 60),
    ])
    assert [(i.number, i.title) for i in segment(document(lines)).items] == [("111", "Delår 2")]


def test_one_paragraph_with_a_numbered_list_in_its_text_is_one_item():
    lines = make_lines([
        ("Protokollsutdrag Nämnden för Gymnasium & Arbetsmarknad", 60),
        ("§ 166\tDnr GA-2024-00173", 60, "¶"), ("Lokalbehov 2026-2030", 60), ("Beslut", 60),
        ("Nämnden godkänner lokalbehovet.", 60), ("Nämnden har prioriterat behoven enligt följande ordning:", 60),
        ("1.Marios Gata", 60), ("2. Kompetenscentrum", 60), ("3. Teknikprogrammet.", 60),
    ])
    items = segment(document(lines)).items
    assert [(i.number, i.title) for i in items] == [("166", "Lokalbehov 2026-2030")]
    assert items[0].body[-1].text == "3. Teknikprogrammet."


def test_a_paragraph_left_out_of_an_extract_is_not_looked_for_in_the_text():
    # § 121 was checked at once in minutes of its own; the text under § 120 is § 120's.
    lines = make_lines([
        ("Byggnadsnämndens arbetsutskott", 60),
        ("§ 120\tDnr BN-2026-00003", 60, "¶"), ("Information från förvaltningschefen", 60),
        ("Det lämnas ingen information vid sammanträdet.", 60),
        ("Ärendet i korthet", 60, "¶"), ("Inget att rapportera.", 60),
        ("§ 122\tDnr BN-2026-000626", 60, "¶"), ("Antagande av nytt vägnamn", 60), ("Beslut", 60),
        ("Arbetsutskottet antar vägnamnet.", 60),
    ])
    items = segment(document(lines)).items
    assert [(i.number, i.title) for i in items] == [("120", "Information från förvaltningschefen"), ("122", "Antagande av nytt vägnamn")]


@pytest.mark.parametrize("heading", ["8142\tDnr BN-2023-001564", "$£142\tDnr BN-2023-001564", "142\tDnr BN-2023-001564"])
def test_a_scanned_paragraph_heading_is_known_by_its_diary_number(heading):
    # OCR reads "§ 142" as "8142" or "$£142", or loses the sign; the page footer "1 (4)" as "114)".
    lines = make_lines([
        ("Beslutande\tLedamöter", 60), ("Anna Berg (M), ordförande", 200),
        ("Sekreterare", 60), ("Olle Ek", 60), ("114)", 500),
        (heading, 60, "¶"), ("Rättelseföreläggande med vite", 60), ("Beslut", 60),
        ("Nämnden förelägger ägaren att riva staketet.", 60),
    ])
    assert [(i.number, i.title) for i in segment(document(lines)).items] == [("142", "Rättelseföreläggande med vite")]


def test_a_heading_on_a_page_that_sits_further_in_on_the_glass_is_no_indented_list():
    import dataclasses

    lines = make_lines([
        ("Protokollsutdrag Miljönämnden", 50), ("Transaktionsidentitet: 32448DB0D8", 50),
        ("833\tDnr MH-2025-4244", 62, "¶"), ("Tillsyn enligt alkohollagen", 62), ("Beslut", 62),
        ("Nämnden avslutar ärendet.", 62),
    ])
    lines = [dataclasses.replace(line, page=1 if index < 2 else 2) for index, line in enumerate(lines)]
    pages = [Page(number=n, width=595, height=842, source="ocr", lines=[l for l in lines if l.page == n]) for n in (1, 2)]
    items = segment(Document(path="x.pdf", sha256="", pages=pages)).items
    assert [(i.number, i.title) for i in items] == [("33", "Tillsyn enligt alkohollagen")]


def test_a_title_of_three_lines_above_the_decision_heading_is_whole():
    lines = make_lines([
        ("Byggnadsnämnden", 60),
        ("815\tDnr BN-2023-00412", 60, "¶"),
        ("Anmälan av ordförandebeslut - Yttrande till Mark- och miljödomstolen i mål nr P", 60),
        ("2840-23, angående rättelseföreläggande att avröja komplementbyggnad i form av", 60),
        ("garage på fastigheten", 60),
        ("Beslut", 60), ("Byggnadsnämnden godkänner redovisningen.", 60),
        ("816\tDnr BN-2023-00413", 60, "¶"), ("Information", 60),
        ("Förvaltningen informerade om läget.", 60), ("Beslut", 60), ("Nämnden noterar informationen.", 60),
    ])
    items = segment(document(lines)).items
    assert [(i.number, i.title) for i in items] == [
        ("15", "Anmälan av ordförandebeslut - Yttrande till Mark- och miljödomstolen i mål nr P 2840-23, "
               "angående rättelseföreläggande att avröja komplementbyggnad i form av garage på fastigheten"),
        ("16", "Information"),
    ]


def test_paragraph_reference_in_the_text_does_not_join_the_items():
    lines = make_lines([
        ("§ 1 Mötets öppnande", 60), ("Mötet öppnades.", 80),
        ("§ 2 Stadgeändring", 60), ("Styrelsen föreslår en ändring i", 80),
        ("§ 14 i stadgarna enligt bilaga.", 80),
        ("§ 3 Avslutning", 60), ("Mötet avslutades.", 80),
    ])
    assert [n for n, _ in numbers(lines)] == ["1", "2", "3"]


def test_unnumbered_report_headings_named_like_officers_stay_items():
    # "Ordförande" heading the chair's report is an item; only the labels of the signing block at the end are not.
    doc = styled_doc([
        ("Styrelsemöte i Brf Aspen", 16, True),
        ("Ordförande", 14, True), ("Ordföranden har haft möte med kommunen om parkeringen.", 11, False),
        ("Kassör", 14, True), ("Kassören redovisade att ekonomin är god.", 11, False),
        ("Nästa möte", 14, True), ("Nästa möte hålls i maj i föreningslokalen.", 11, False),
        ("Ordförande", 11, True), ("Anna Berg", 11, False),
        ("Sekreterare", 11, True), ("Bo Ek", 11, False),
    ])
    segments = segment(doc)
    assert [i.title for i in segments.items] == ["Ordförande", "Kassör", "Nästa möte"]
    assert [line.text for line in segments.signing] == ["Ordförande", "Anna Berg", "Sekreterare", "Bo Ek"]


def test_a_bold_sub_heading_set_smaller_than_the_title_opens_the_body():
    # "MN § 4 | MN 2024/7" over a larger bold title, then the paragraph's smaller bold sub-headings.
    doc = styled_doc([
        ("Miljönämnden", 16, True),
        ("MN § 4\tMN 2024/7", 10.5, False), ("Tillsyn av förorenad mark vid", 12, True), ("gamla sågverket", 12, True),
        ("Bakgrund", 10, True), ("Förvaltningen har inventerat området.", 10, False),
        ("MN § 5\tMN 2024/9", 10.5, False), ("Årsplan för tillsyn", 12, True),
        ("Bakgrund", 10, True), ("Planen följer förra årets.", 10, False),
    ])
    assert [(i.number, i.title) for i in segment(doc).items] == [
        ("4", "Tillsyn av förorenad mark vid gamla sågverket"), ("5", "Årsplan för tillsyn"),
    ]


def test_agenda_titles_behind_numbers_ocr_garbled_into_other_digits_are_found_by_their_count():
    # An agenda read by OCR: "5." and "6." came out as "518" and "1627"; only their count is sure.
    lines = make_lines([
        ("Kallelse till årsmöte i Björkängens vägförening", 60),
        ("1.\tVal av ordförande.", 60), ("2.\tVal av sekreterare.", 60), ("3.\tFastställande av röstlängd.", 60),
        ("4.\tStyrelsens berättelse.", 60), ("518\tRevisorernas berättelse.", 60),
        ("1627\tAnsvarsfrihet för styrelsen.", 60), ("7.\tBudget för nästa år.", 60),
        ("8.\tVal av styrelse.", 60), ("9.\tAvslutning", 60),
    ])
    assert [(n, t.rstrip(".")) for n, t in numbers(lines)] == [
        ("1", "Val av ordförande"), ("2", "Val av sekreterare"), ("3", "Fastställande av röstlängd"),
        ("4", "Styrelsens berättelse"), ("5", "Revisorernas berättelse"), ("6", "Ansvarsfrihet för styrelsen"),
        ("7", "Budget för nästa år"), ("8", "Val av styrelse"), ("9", "Avslutning"),
    ]


def test_a_heading_set_bold_and_large_may_hold_a_decision_word():
    doc = styled_doc([
        ("Årsmöte i Skärgårdens kanotklubb", 16, True),
        ("1 Mötets öppnande", 13, True), ("Ordföranden öppnade mötet.", 10.5, False),
        ("2 Regler beslutade av styrelsen under året", 13, True), ("Styrelsen redogjorde för de nya reglerna.", 10.5, False),
        ("3 Avslutning", 13, True), ("Mötet avslutades.", 10.5, False),
    ])
    assert [(i.number, i.title) for i in segment(doc).items] == [
        ("1", "Mötets öppnande"), ("2", "Regler beslutade av styrelsen under året"), ("3", "Avslutning"),
    ]


def test_ocr_debris_after_a_number_is_no_title():
    # "4. |" : a speck beside the number; the title is the line below.
    lines = make_lines([
        ("3. Val av kassör", 60, "¶"), ("Kim Ros valdes.", 80),
        ("4.\t|", 60, "¶"), ("Fastställande av avgift", 80), ("Avgiften lämnas oförändrad.", 80),
        ("5. Avslutning", 60, "¶"), ("Mötet avslutades.", 80),
    ])
    assert [(i.number, i.title) for i in segment(document(lines)).items] == [
        ("3", "Val av kassör"), ("4", "Fastställande av avgift"), ("5", "Avslutning"),
    ]


def _pdf_segments(tmp_path, pages):
    from extractor.layout import find_layout
    from extractor.read_pages import read_document
    from pdf_factory import write_pdf

    return segment(find_layout(read_document(write_pdf(tmp_path / "m.pdf", pages), ocr=False)))


_THREE_ITEMS = [
    [(20, "**Protokoll styrelsemöte i Seglarföreningen Måsen 2024-02-11")],
    [],
    [(20, "§ 1 Mötets öppnande")], [(25, "Ordföranden öppnade mötet.")],
    [(20, "§ 2 Båtplatser")], [(25, "Styrelsen beslutade att höja avgiften för båtplatser.")],
    [(20, "§ 3 Mötets avslutande")], [(25, "Ordföranden avslutade mötet klockan 20.15.")],
    [],
]


def test_cells_of_names_each_with_their_label_open_the_signing_block(tmp_path):
    # No line of labels alone: every cell is "Name, label".
    pages = [_THREE_ITEMS + [
        [(20, "Karin Holm, sekreterare"), (110, "Pelle Strand, ordförande")],
        [(20, "Mira Åberg – justerare"), (110, "Tor Nyqvist – justerare")],
    ]]
    segments = _pdf_segments(tmp_path, pages)
    assert [line.text.split("\t")[0] for line in segments.signing] == ["Karin Holm, sekreterare", "Mira Åberg – justerare"]
    assert all("Holm" not in line.text for line in segments.items[-1].body)


def test_names_printed_above_their_labels_open_the_block(tmp_path):
    pages = [_THREE_ITEMS + [
        [(20, "Lina Berg"), (110, "Olle Dahl")],
        [(20, "Sekreterare"), (110, "Mötesordförande")],
        [],
        [(20, "Eva Lund"), (110, "Jan Ek")],
        [(20, "Justerare"), (110, "Justerare")],
    ]]
    segments = _pdf_segments(tmp_path, pages)
    assert segments.signing[0].text.split("\t")[0] == "Lina Berg"
    assert [line.text for line in segments.items[-1].body] == ["Ordföranden avslutade mötet klockan 20.15."]


def test_a_block_before_statutes_with_their_own_paragraphs_ends_the_items(tmp_path):
    # Adopted statutes after the signatures, numbered § 1 ... of their own, with no "Bilaga" line.
    minutes = _THREE_ITEMS + [
        [(20, "Lina Berg"), (110, "Olle Dahl")],
        [(20, "Sekreterare"), (110, "Ordförande")],
    ]
    statutes = [
        [(20, "**REGLEMENTE")],
        [(20, "Fastställt vid föreningens årsmöte.")],
        [(20, "Detta reglemente gäller för hamnen och de bryggor som föreningen förvaltar åt sina medlemmar.")],
    ]
    for n, title in enumerate(["Hamnen", "Bryggor", "Avgifter", "Vinterförvaring", "Ändringar"], start=1):
        statutes += [[(20, f"§ {n} {title}")], [(25, "Styrelsen ansvarar för att detta följs av var och en som har en plats.")]]
    segments = _pdf_segments(tmp_path, [minutes, statutes])
    assert [item.number for item in segments.items] == ["1", "2", "3"]
    assert [line.text.split("\t")[0] for line in segments.signing] == ["Lina Berg", "Sekreterare"]
    assert segments.tail[0].text == "REGLEMENTE"


def test_a_list_of_decisions_after_the_block_is_no_part_of_it(tmp_path):
    listing = [
        [(20, "Beslutsförteckning")],
        [(20, "Styrelsen beslutade att höja avgiften för båtplatser. . . . . . . . . . . . . 1")],
        [(20, "Karin Holm väljs till sekreterare för mötet. . . . . . . . . . . . . . . . . 1")],
    ]
    pages = [_THREE_ITEMS + [[(20, "Sekreterare Karin Holm")], [(20, "Justerare Tor Nyqvist")]], listing]
    segments = _pdf_segments(tmp_path, pages)
    assert [line.text for line in segments.signing] == ["Sekreterare Karin Holm", "Justerare Tor Nyqvist"]
    assert segments.tail[0].text == "Beslutsförteckning"


def _paged(pages: list[list]) -> Document:
    """Pages of rows as :func:`make_lines` reads them, each page its own lines from the top."""
    made = []
    for number, rows in enumerate(pages, start=1):
        lines = [dataclasses.replace(line, page=number) for line in make_lines(rows)]
        made.append(Page(number=number, width=595, height=842, source="ocr", lines=lines))
    return Document(path="x.pdf", sha256="", pages=made)


def test_an_initials_box_at_the_foot_of_every_page_is_not_the_signing_block():
    foot = ("Justerande\tTN", 60, 600)
    pages = [
        [("Protokoll fört vid styrelsemöte 2024-02-11", 60), ("§ 1 Mötets öppnande", 60, "¶"),
         ("Ordföranden öppnade mötet och hälsade alla välkomna.", 80), foot],
        [("§ 2 Budget", 60), ("Styrelsen beslutade att anta budgeten för nästa år.", 80), foot],
        [("§ 3 Hamnen", 60), ("Styrelsen beslutade att bygga en ny brygga till våren.", 80), foot],
    ]
    segments = segment(_paged(pages))
    assert [item.number for item in segments.items] == ["1", "2", "3"]
    assert "Styrelsen beslutade att bygga en ny brygga till våren." in [line.text for line in segments.items[-1].body]
    assert segments.signing == []


def test_labels_ocr_broke_apart_open_the_block_with_the_names_above_them():
    lines = make_lines([
        ("§ 1 Mötets öppnande", 60), ("Ordföranden öppnade mötet.", 80),
        ("§ 2 Budget", 60, "¶"), ("Styrelsen beslutade att anta budgeten.", 80),
        ("§ 3 Mötets avslutande", 60, "¶"), ("Mötet avslutades.", 80),
        ("Lina Berg\tOlle Dahl", 60, "¶"), ("Sekreter are\tOrdf örande", 60),
        ("Eva Lund\tJan Ek", 60, "¶"), ("J usterare\tJusterare", 60),
    ])
    segments = segment(document(lines))
    assert [line.text for line in segments.signing][:2] == ["Lina Berg\tOlle Dahl", "Sekreter are\tOrdf örande"]
    assert [line.text for line in segments.items[-1].body] == ["Mötet avslutades."]
