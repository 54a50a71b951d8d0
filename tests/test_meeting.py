"""The meeting head on layouts written for the test: type, organisation, body, date, time, place."""
from __future__ import annotations

import pytest

from extractor.document import Document, Page, Word
from extractor.fields.meeting import meeting_fields, next_meeting
from extractor.layout import find_layout
from extractor.segment import segment


def document_of(rows: list[tuple[float, list[str]]], sizes: dict[int, float] | None = None) -> Document:
    """Rows of cells (x positions 70, 200, 330 ...) on one page; row i gets font size sizes[i]."""
    words = []
    top = 60.0
    for index, (_, cells) in enumerate(rows):
        size = (sizes or {}).get(index, 10.0)
        x = 70.0
        for cell in cells:
            for token in cell.split():
                words.append(Word(token, x, x + 5.5 * len(token), top, top + size, size=size))
                x += 5.5 * len(token) + 3
            x = max(x + 40, 200.0 if x < 200 else x + 40)
        top += size * 1.6
    page = Page(number=1, width=595, height=842, source="text-layer", words=words)
    return find_layout(Document(path="test.pdf", sha256="0" * 64, pages=[page]))


def fields_of(rows, sizes=None):
    document = document_of(rows, sizes)
    segments = segment(document)
    return meeting_fields(segments, document), segments


def test_association_annual_meeting_head():
    fields, _ = fields_of([
        (0, ["Protokoll fört vid ordinarie årsmöte med Brf Solgläntan"]),
        (0, ["Datum: Onsdagen den 3 april 2024 kl. 19.00–20.45"]),
        (0, ["Plats: Föreningslokalen, Solvägen 4"]),
        (0, ["§ 1 Mötets öppnande"]), (0, ["Ordföranden öppnade mötet."]),
        (0, ["§ 2 Val av justerare"]), (0, ["Valdes Eva Ek."]),
    ], sizes={0: 14})
    assert (fields.document_type, fields.organisation, fields.body) == ("protokoll", "Brf Solgläntan", "Årsmöte")
    assert (fields.date, fields.start_time, fields.end_time) == ("2024-04-03", "19:00", "20:45")
    assert fields.place == "Föreningslokalen, Solvägen 4"


def test_municipal_head_with_genitive_body_and_capitals():
    fields, _ = fields_of([
        (0, ["VÄXJÖ KOMMUN", "SAMMANTRÄDESPROTOKOLL"]),
        (0, ["Barn- och utbildningsnämnden"]),
        (0, ["Plats och tid", "Stadshuset, sal A, kl. 13.00-16.30"]),
        (0, ["Sammanträdesdatum", "2023-05-04"]),
        (0, ["§ 41 Budget 2024"]), (0, ["Beslut"]), (0, ["Nämnden godkänner budgeten."]),
    ], sizes={0: 14, 1: 13})
    assert fields.organisation == "Växjö kommun"
    assert fields.body == "Barn- och utbildningsnämnden"
    assert fields.date == "2023-05-04"
    assert (fields.start_time, fields.end_time) == ("13:00", "16:30")
    assert fields.place == "Stadshuset, sal A"


def test_notes_of_a_management_group_and_the_next_meeting_without_a_year():
    fields, segments = fields_of([
        (0, ["Minnesanteckningar från Växjö kommuns ledningsgrupp"]),
        (0, ["Tid", "Måndagen den 2 december 2024 kl 9-11"]),
        (0, ["Plats", "Kommunhuset"]),
        (0, ["1. Budget"]), (0, ["Diskussion om budgeten."]),
        (0, ["2. Nästa möte"]), (0, ["Nästa möte är fredagen den 17 januari kl 9.00 i Kommunhuset."]),
    ], sizes={0: 14})
    assert fields.document_type == "minnesanteckningar"
    assert fields.organisation == "Växjö kommun"
    assert fields.body == "Växjö kommuns ledningsgrupp"
    assert (fields.start_time, fields.end_time) == ("09:00", "11:00")
    upcoming = next_meeting(segments, __import__("datetime").date(2024, 12, 2))
    assert upcoming is not None
    assert (upcoming.date, upcoming.start_time, upcoming.place) == ("2025-01-17", "09:00", "Kommunhuset")


def test_date_box_then_a_date_and_time_line_then_an_address_and_a_bare_next_date():
    # sten037: the date in a "Datum" box, the time on a line of its own that repeats the
    # date, the address alone below it, and "17/2 19:00" under the next-meeting heading.
    fields, segments = fields_of([
        (0, ["Stenålderns samfällighetsförening", "PROTOKOLL"]),
        (0, ["Sara Malmkvist", "Datum"]),
        (0, ["2016-01-13"]),
        (0, ["Styrelsemöte"]),
        (0, ["Onsdagen 2016-01-13, kl 19:00"]),
        (0, ["Stenåldersvägen 79"]),
        (0, ["Närvarande:", "Maria Terra", "ordf"]),
        (0, ["1. Föregående mötes protokoll"]), (0, ["Godkändes"]),
        (0, ["2. Nästa möte"]), (0, ["17/2 19:00"]),
    ])
    assert (fields.date, fields.start_time, fields.place) == ("2016-01-13", "19:00", "Stenåldersvägen 79")
    upcoming = next_meeting(segments, __import__("datetime").date(2016, 1, 13))
    assert upcoming is not None and (upcoming.date, upcoming.start_time) == ("2016-02-17", "19:00")


def test_a_line_after_the_date_that_is_no_address_is_no_place():
    fields, _ = fields_of([
        (0, ["Protokoll styrelsemöte"]),
        (0, ["Onsdagen 2016-01-13, kl 19:00"]),
        (0, ["Styrelsen för Brf Eken"]),
        (0, ["§ 1 Öppnande"]), (0, ["Mötet öppnades."]),
    ])
    assert (fields.date, fields.start_time, fields.place) == ("2016-01-13", "19:00", None)


@pytest.mark.parametrize(
    "title, kind, body",
    [
        ("KALLELSE till styrelsemöte", "kallelse", "Styrelsen"),
        ("Protokoll extra föreningsstämma", "protokoll", "Extra föreningsstämma"),
        ("Protokoll extra stämma", "protokoll", "Extra stämma"),
        ("Protokoll konstituerande styrelsemöte", "protokoll", "Styrelsen"),
        ("Mötesanteckningar husrådsmöte", "minnesanteckningar", "Husrådsmöte"),
        ("SAMMANTRÄDESPROTOKOLL Nämnden för Gymnasium & Arbetsmarknad", "protokoll", "Nämnden för Gymnasium & Arbetsmarknad"),
        ("Sammanträdesprotokoll Nämnden för Teknik", "protokoll", "Nämnden för Teknik"),
    ],
)
def test_document_type_and_body_from_the_title(title, kind, body):
    fields, _ = fields_of([(0, [title]), (0, ["Datum: 2024-01-10"]), (0, ["1. Öppnande"]), (0, ["Mötet öppnades."])], sizes={0: 14})
    assert (fields.document_type, fields.body) == (kind, body)


def test_revision_dates_are_not_the_meeting_date():
    fields, _ = fields_of([(0, ["Gemensamt husrådsmöte våren 2020 (rev 2020-03-26)"]), (0, ["Hus 1"]), (0, ["Inget att rapportera."])], sizes={0: 14})
    assert fields.date is None
    assert fields.body == "Gemensamt husrådsmöte"


def test_the_place_of_the_checking_is_not_the_meeting_place():
    fields, _ = fields_of([
        (0, ["SAMMANTRÄDESPROTOKOLL"]),
        (0, ["Datum", "2025-09-25"]),
        (0, ["Plats och tid för", "Klockan 17:00"]),
        (0, ["sammanträde"]),
        (0, ["Beslutande", "Anna Berg (M), ordförande"]),
        (0, ["Plats och tid för", "Digital,"]),
        (0, ["justering"]),
        (0, ["§ 102 Budget"]), (0, ["Beslut"]), (0, ["Nämnden godkänner budgeten."]),
    ])
    assert (fields.date, fields.start_time, fields.place) == ("2025-09-25", "17:00", None)


def test_running_header_labels_are_no_organisation_and_a_body_in_capitals_is_read():
    # A municipal running header: body in capitals, "Sammanträdesdatum" and "Sida 1 av 9" beside it;
    # the municipality only in the anslag block's "Protokollets förvaringsplats".
    fields, _ = fields_of([
        (0, ["SOCIALNÄMNDEN", "SAMMANTRÄDESPROTOKOLL"]),
        (0, ["Sida 1 av 9"]),
        (0, ["Sammanträdesdatum"]),
        (0, ["2024-10-02"]),
        (0, ["Plats:", "Rådhuset, sal Norrsken"]),
        (0, ["Tid:", "2024-10-02, klockan 13:00-15:15"]),
        (0, ["Utses att justera:", "Eva Ek"]),
        (0, ["Protokollets förvaringsplats:", "Ekviks kommun"]),
        (0, ["§ 12 Budget"]), (0, ["Beslut"]), (0, ["Nämnden godkänner budgeten."]),
    ])
    assert (fields.organisation, fields.body) == ("Ekviks kommun", "Socialnämnden")
    assert (fields.date, fields.start_time, fields.end_time, fields.place) == ("2024-10-02", "13:00", "15:15", "Rådhuset, sal Norrsken")


def test_a_body_named_by_the_anslag_label_where_the_title_names_none():
    fields, _ = fields_of([
        (0, ["SAMMANTRÄDESPROTOKOLL"]),
        (0, ["Datum:", "2024-10-02"]),
        (0, ["Beslutande organ:", "Kultur- och fritidsnämnden"]),
        (0, ["§ 12 Budget"]), (0, ["Beslut"]), (0, ["Nämnden godkänner budgeten."]),
    ])
    assert fields.body == "Kultur- och fritidsnämnden"


def test_organisation_date_and_place_inside_a_running_title_sentence():
    fields, _ = fields_of([
        (0, ["PROTOKOLL"]),
        (0, ["fört vid extra föreningsstämma för"]),
        (0, ["Bostadsrättsföreningen Tallkotten i"]),
        (0, ["Ekby den 12 mars 2021 i"]),
        (0, ["Ekby Bygdegård"]),
        (0, ["§ 1. Stämmans öppnande"]), (0, ["Ordföranden öppnade stämman."]),
        (0, ["§ 2. Val av stämmoordförande"]), (0, ["Till ordförande valdes Åsa Lind."]),
    ], sizes={0: 14, 1: 12, 2: 12, 3: 12, 4: 12})
    assert (fields.organisation, fields.body) == ("Bostadsrättsföreningen Tallkotten", "Extra föreningsstämma")
    assert (fields.date, fields.place) == ("2021-03-12", "Ekby Bygdegård")


def test_a_letterhead_in_capitals_in_a_right_hand_cell_is_the_organisation_whole():
    fields, _ = fields_of([
        (0, ["PROTOKOLL", "BRF KASTANJEN I MALMÖ"]),
        (0, ["ORDINARIE FÖRENINGSSTÄMMA 2022"]),
        (0, ["Datum/tid: 2022-05-18, kl.18:30"]),
        (0, ["Plats: Gemensamhetslokalen, Kastanjegatan 3"]),
        (0, ["1. Stämmans öppnande"]), (0, ["Ordföranden öppnade stämman."]),
        (0, ["2. Stämmans avslutande"]), (0, ["Stämman förklarades avslutad kl. 20.05."]),
    ], sizes={0: 14, 1: 14})
    assert fields.organisation.lower() == "brf kastanjen i malmö"
    assert fields.body == "Ordinarie föreningsstämma"
    assert (fields.date, fields.start_time, fields.end_time) == ("2022-05-18", "18:30", "20:05")
    assert fields.place == "Gemensamhetslokalen, Kastanjegatan 3"


def test_a_body_named_alone_capital_labels_and_a_meeting_number():
    fields, _ = fields_of([
        (0, ["FINANSPOLITISKT PROTOKOLL"]),
        (0, ["Direktionen, Nr 4", "NORDLIGA FONDBOLAGET"]),
        (0, ["DATUM:", "2021-11-03"]),
        (0, ["MÖTESTID:", "09:30", "Tel 08-123 45 67"]),
        (0, ["Närvarande: Karin Ljung, ordförande"]),
        (0, ["§1. Sammanträdet öppnas"]), (0, ["Sammanträdet förklarades öppnat."]),
    ], sizes={0: 16, 1: 16})
    assert (fields.body, fields.number) == ("Direktionen", "4")
    assert (fields.date, fields.start_time, fields.end_time) == ("2021-11-03", "09:30", None)


@pytest.mark.parametrize("line, number", [
    ("Mötesnummer: 3 - 2021/2022", "3 - 2021/2022"),
    ("Sammanträde nr 7", "7"),
    ("Protokoll nr 2023:5", "2023:5"),
])
def test_meeting_numbers_as_written(line, number):
    fields, _ = fields_of([(0, ["Protokoll sektionsmöte"]), (0, ["Datum: 2022-01-20"]), (0, [line]), (0, ["1. Öppnande"]), (0, ["Mötet öppnades."])], sizes={0: 14})
    assert fields.number == number


def test_a_house_number_in_the_place_is_no_meeting_number():
    fields, _ = fields_of([(0, ["Protokoll styrelsemöte"]), (0, ["Datum: 2022-01-20"]), (0, ["Plats: Hos Olle Berg, nr 12"]), (0, ["1. Öppnande"]), (0, ["Mötet öppnades."])], sizes={0: 14})
    assert fields.number is None


def test_a_notice_writes_the_year_in_its_title_and_the_day_without_it():
    fields, _ = fields_of([
        (0, ["Byalaget Norrtorp"]),
        (0, ["Kallelse till årsmöte 2024"]),
        (0, ["lördag den 6 april kl. 10.00 – 12.00 i Bystugan"]),
        (0, ["Dagordning:"]), (0, ["1. Mötets öppnande"]), (0, ["2. Val av ordförande"]),
    ], sizes={0: 16, 1: 16, 2: 16})
    assert (fields.document_type, fields.body) == ("kallelse", "Årsmöte")
    assert (fields.date, fields.start_time, fields.end_time, fields.place) == ("2024-04-06", "10:00", "12:00", "Bystugan")


def test_property_units_in_the_attendance_are_no_start_time_and_no_end_time_is_invented():
    fields, _ = fields_of([
        (0, ["Protokoll från Ekbackens Vägsamfällighets årsmöte 2023-08-19."]),
        (0, ["Närvarande: Ekbacken 1:4 Anna Rolf"]),
        (0, ["Ekbacken 1:12 Per Rolf"]),
        (0, ["1/"]), (0, ["Ordföranden hälsade alla välkomna och förklarade mötet öppnat."]),
        (0, ["2/"]), (0, ["Dagordningen godkändes."]),
    ], sizes={0: 14})
    assert (fields.organisation, fields.body) == ("Ekbackens Vägsamfällighet", "Årsmöte")
    assert (fields.date, fields.start_time, fields.end_time) == ("2023-08-19", None, None)
    assert "no start time found in the head or the opening item" in fields.missing()


def test_a_group_without_a_body_word_and_an_online_place():
    fields, _ = fields_of([
        (0, ["Anteckningar från arbetsmöte"]),
        (0, ["Anteckningar från arbetsmöte i Webb-gruppen genomfört via Teams"]),
        (0, ["Datum: 2021-02-05 09:00-10:00"]),
        (0, ["Deltagare"]), (0, ["Närvarande:"]), (0, ["• Ida Holm"]),
    ], sizes={0: 14})
    assert (fields.document_type, fields.organisation, fields.body, fields.place) == ("minnesanteckningar", None, "Webb-gruppen", "Teams")


def test_a_date_and_an_online_place_on_one_line():
    fields, _ = fields_of([(0, ["Anteckningar från arbetsmöte"]), (0, ["2021-02-05 Jitsi"]), (0, ["Vid protokollet: Ida Holm"]), (0, ["Ida hälsade välkommen."])], sizes={0: 14})
    assert (fields.date, fields.place) == ("2021-02-05", "Jitsi")


def test_protocol_of_a_board_meeting_titled_with_its_meeting_word():
    fields, _ = fields_of([
        (0, ["Protokoll fört vid ordinarie Styrelsemöte"]),
        (0, ["Föreningen Norrsken"]),
        (0, ["Tidpunkt", "2019-10-08 18:15"]),
        (0, ["Plats", "Sal B12"]),
        (0, ["1. Mötets öppnande"]), (0, ["Ordföranden öppnade mötet kl 18:17."]),
    ], sizes={0: 14})
    assert (fields.organisation, fields.body, fields.date) == ("Föreningen Norrsken", "Styrelsen", "2019-10-08")


def test_the_next_meeting_in_a_list_of_coming_meetings_with_its_place_in_a_sentence_of_its_own():
    fields, segments = fields_of([
        (0, ["Protokoll, styrelsemöte 3 februari 2022"]),
        (0, ["Närvarande: Ida Holm, Per Ek"]),
        (0, ["1. Ekonomi"]), (0, ["Kassören redogjorde för läget."]),
        (0, ["2. Kommande möten."]),
        (0, ["• Måndag 7 mars kl 17.30, styrelsemöte. Mötet hålls på Stadsbiblioteket, Övre Kungs-"]),
        (0, ["gatan 4."]),
        (0, ["• Tisdag 5 april kl 17.30, medlemsmöte."]),
        (0, ["3. Mötet avslutades"]),
    ], sizes={0: 14})
    upcoming = next_meeting(segments, __import__("datetime").date(2022, 2, 3))
    assert upcoming is not None
    assert (upcoming.date, upcoming.start_time, upcoming.place) == ("2022-03-07", "17:30", "Stadsbiblioteket, Övre Kungsgatan 4")


def test_a_next_meeting_line_ends_at_the_next_numbered_item():
    fields, segments = fields_of([
        (0, ["Protokoll, styrelsemöte 3 februari 2022"]),
        (0, ["1. Ekonomi"]), (0, ["Kassören redogjorde för läget."]),
        (0, ["2. Nästa möte fredag 4 mars kl 18.00 på Kafé Lyktan."]),
        (0, ["3. Mötet avslutades"]),
    ], sizes={0: 14})
    upcoming = next_meeting(segments, __import__("datetime").date(2022, 2, 3))
    assert (upcoming.date, upcoming.start_time, upcoming.place) == ("2022-03-04", "18:00", "Kafé Lyktan")


def test_a_next_meeting_item_with_its_value_below_the_heading_ends_with_the_item():
    # The heading's value is read from the lines below it, but never from the next item's heading.
    fields, segments = fields_of([
        (0, ["Protokoll, styrelsemöte 3 februari 2022"]),
        (0, ["1. Ekonomi"]), (0, ["Kassören redogjorde för läget."]),
        (0, ["2. Nästa möte"]), (0, ["Nästa möte är fredagen den 4 mars kl. 18.00 i samlingssalen."]),
        (0, ["3. Mötets avslutande"]),
    ], sizes={0: 14})
    upcoming = next_meeting(segments, __import__("datetime").date(2022, 2, 3))
    assert (upcoming.date, upcoming.start_time, upcoming.place) == ("2022-03-04", "18:00", "samlingssalen")


def test_a_cover_page_with_a_stacked_logo_then_the_head_on_page_two():
    # Page one: a logo's letters, the name in capitals one word a line, a title and a date; the
    # head with its labels on page two.
    cover = document_of([(0, ["XY"]), (0, ["NORRLANDS"]), (0, ["FONDBOLAG"]), (0, ["Finanspolitiskt protokoll"]), (0, ["7 februari 2019"])])
    head = document_of([
        (0, ["FINANSPOLITISKT PROTOKOLL"]),
        (0, ["Direktionen, Nr 3"]),
        (0, ["DATUM:", "2019-02-07"]),
        (0, ["MÖTESTID:", "10:00"]),
        (0, ["Närvarande: Karin Ljung, ordförande"]),
        (0, ["§1. Sammanträdet öppnas"]), (0, ["Sammanträdet förklarades öppnat."]),
        (0, ["§2. Dagordningen"]), (0, ["Dagordningen godkändes."]),
    ])
    second = head.pages[0]
    second.number = 2
    for line in second.lines:
        line.page = 2
    document = Document(path="test.pdf", sha256="0" * 64, pages=[cover.pages[0], second])
    fields = meeting_fields(segment(document), document)
    assert fields.organisation.lower() == "norrlands fondbolag"
    assert (fields.body, fields.number, fields.date, fields.start_time) == ("Direktionen", "3", "2019-02-07", "10:00")


def test_a_row_of_labels_in_capitals_over_a_row_of_values():
    fields, _ = fields_of([
        (0, ["Protokoll styrelsemöte"]),
        (0, ["DATUM", "MÖTESTID", "PLATS"]),
        (0, ["2021-11-03", "09:30-11:00", "Sal Eken"]),
        (0, ["1. Öppnande"]), (0, ["Mötet öppnades."]),
    ], sizes={0: 14})
    assert (fields.date, fields.start_time, fields.end_time, fields.place) == ("2021-11-03", "09:30", "11:00", "Sal Eken")


def test_a_name_in_the_title_sentence_outweighs_a_short_form_in_a_running_header_in_capitals():
    fields, _ = fields_of([
        (0, ["EKBACKENS VÄGFÖRENING", "Sidan 1/3"]),
        (0, ["Protokoll fört vid årsmöte med Ekbackens vägsamfällighetsförening"]),
        (0, ["Datum: Lördagen den 4 maj 2019 klockan 10.00"]),
        (0, ["Plats: Bygdegården"]),
        (0, ["1. Val av ordförande för stämman"]), (0, ["Eva Ek valdes."]),
    ], sizes={0: 9, 1: 10})
    assert fields.organisation == "Ekbackens vägsamfällighetsförening"
    assert (fields.body, fields.date, fields.start_time, fields.place) == ("Årsmöte", "2019-05-04", "10:00", "Bygdegården")
