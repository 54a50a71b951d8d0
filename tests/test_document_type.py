"""The document type from the evidence a reader uses, and what the pipeline takes from each type:
PDFs written for the test (invented organisations and wording) run through the whole pipeline."""
from __future__ import annotations

import pytest

from extractor import extract
from pdf_factory import write_pdf

# A notice with its agenda, then the annual report it sends along: a board list, signatures
# under the förvaltningsberättelse, and proposals that are not yet decisions.
NOTICE_WITH_ANNUAL_REPORT = [[
    [(20, "**Granåsens Vägsamfällighet")],
    [(20, "**Kallelse till")],
    [(20, "**ordinarie föreningsstämma 2024")],
    [(20, "lördag den 8 juni kl. 10.00 – 11.30 i Bygdegården")],
    [],
    [(20, "Dagordning:")],
    [(20, "1."), (30, "Val av ordförande för stämman.")],
    [(20, "2."), (30, "Val av sekreterare och två justerare.")],
    [(20, "3."), (30, "Fråga om stämman blivit behörigen utlyst.")],
    [(20, "4."), (30, "Styrelsens förvaltningsberättelse.")],
    [(20, "5."), (30, "Ansvarsfrihet för styrelsen.")],
    [(20, "6."), (30, "Styrelsens förslag till budget, där föreslås att stämman beslutar om en avgift på 900 kr.")],
    [(20, "7."), (30, "Val av styrelse och revisorer.")],
    [(20, "8."), (30, "Stämmans avslutande.")],
    [],
    [(20, "Välkomna! STYRELSEN")],
], [
    [(20, "**Förvaltningsberättelse för Granåsens Vägsamfällighet")],
    [(20, "Styrelsen har under verksamhetsåret bestått av:")],
    [(20, "Ordförande"), (70, "Helga Brunnström")],
    [(20, "Kassör"), (70, "Tomas Aldén")],
    [(20, "Ledamot"), (70, "Rut Vikander")],
    [(20, "Revisor"), (70, "Oskar Fjällgren")],
    [(20, "Styrelsen har hållit fyra möten och beslutade om ny beläggning på Granvägen.")],
    [],
    [(20, "**Underskrifter")],
    [(20, "Helga Brunnström"), (110, "Tomas Aldén")],
    [(20, "Ordförande"), (110, "Kassör")],
    [(20, "Rut Vikander")],
    [(20, "Ledamot")],
]]

# A signed protocol that prints its agenda under a "Föredragningslista" heading at the top.
PROTOCOL_WITH_AGENDA_HEADING = [[
    [(20, "**Föredragningslista")],
    [(20, "Styrelsemöte i Brf Syrenbersån")],
    [(20, "Datum: 2024-02-01 kl. 18.30–20.00")],
    [(20, "Plats: Föreningslokalen")],
    [(20, "Närvarande: Lisa Granlund, Mårten Ekvall, Siv Holmér")],
    [],
    [(20, "**§ 1 Mötets öppnande")],
    [(20, "Ordföranden öppnade mötet.")],
    [(20, "**§ 2 Ekonomi")],
    [(20, "Styrelsen beslutade att godkänna kvartalsrapporten.")],
    [(20, "**§ 3 Mötets avslutande")],
    [(20, "Mötet avslutades.")],
    [],
    [(20, "Vid protokollet"), (110, "Justeras")],
    [],
    [(20, "Mårten Ekvall"), (110, "Lisa Granlund")],
]]

# Not minutes at all: an invoice, with a date and numbers but nothing of a meeting.
INVOICE = [[
    [(20, "**Faktura")],
    [(20, "Snickeri Björkvik AB"), (120, "Fakturanummer 10234")],
    [(20, "Fakturadatum 2024-03-01"), (120, "Förfallodatum 2024-03-31")],
    [],
    [(20, "Beskrivning"), (110, "Antal"), (150, "Belopp")],
    [(20, "Byte av fönsterbågar i trapphus"), (110, "6 st"), (150, "4 200 kr")],
    [(20, "Material och transport"), (110, "1"), (150, "850 kr")],
    [(20, "Moms 25 %"), (150, "1 262 kr")],
    [(20, "Att betala"), (150, "6 312 kr")],
    [],
    [(20, "Betalning ska ske inom 30 dagar till vårt bankgiro och märkas med fakturanumret.")],
    [(20, "Vid försenad betalning debiteras ränta enligt räntelagen och en påminnelseavgift på 60 kr.")],
]]


@pytest.fixture
def pdf(tmp_path):
    def write(pages, name="doc.pdf"):
        return write_pdf(tmp_path / name, pages)
    return write


def test_a_notice_with_an_appended_annual_report_gives_no_attendance_signatures_or_decisions(pdf):
    minutes = extract(pdf(NOTICE_WITH_ANNUAL_REPORT), entities=False).to_dict()
    assert minutes["document_type"] == "kallelse"
    assert minutes["organisation"] == "Granåsens Vägsamfällighet"
    assert minutes["body"] == "Ordinarie föreningsstämma"
    meeting = minutes["meeting"]
    assert (meeting["date"], meeting["start_time"], meeting["end_time"], meeting["place"]) == ("2024-06-08", "10:00", "11:30", "Bygdegården")
    assert minutes["participants"] == [] and minutes["signatures"] == []
    assert [item["number"] for item in minutes["items"]] == [str(n) for n in range(1, 9)]
    assert all(item["decisions"] == [] and item["assignments"] == [] for item in minutes["items"])
    assert any("kallelse" in warning for warning in minutes["warnings"])


def test_an_agenda_heading_in_a_signed_protocol_keeps_it_a_protocol(pdf):
    minutes = extract(pdf(PROTOCOL_WITH_AGENDA_HEADING), entities=False).to_dict()
    assert minutes["document_type"] == "protokoll"
    assert minutes["body"] == "Styrelsen"
    assert {s["name"] for s in minutes["signatures"]} == {"Mårten Ekvall", "Lisa Granlund"}
    assert {p["name"] for p in minutes["participants"]} >= {"Lisa Granlund", "Mårten Ekvall", "Siv Holmér"}
    assert any(d["text"].startswith("Styrelsen beslutade") for item in minutes["items"] for d in item["decisions"])


def test_an_invoice_is_no_minutes_and_gives_no_meeting(pdf):
    minutes = extract(pdf(INVOICE), entities=False).to_dict()
    assert minutes["document_type"] == "other"
    assert minutes["meeting"] == {"date": None, "start_time": None, "end_time": None, "place": None, "number": None}
    assert (minutes["organisation"], minutes["body"]) == (None, None)
    assert minutes["participants"] == [] and minutes["items"] == [] and minutes["signatures"] == []
    assert minutes["next_meeting"] is None
    assert any("not minutes" in warning for warning in minutes["warnings"])
