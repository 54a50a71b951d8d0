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
        ("Protokoll extra föreningsstämma", "protokoll", "Extra stämma"),
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
