"""A value is written only where the document states it for that field: minutes written for the test
(invented clubs, people and wording) whose items were not found, whose opening sentence speaks of the
close, or whose signing block was printed and never signed."""
from __future__ import annotations

import pytest

from extractor import extract
from extractor.fields.meeting import _times_from_items
from pdf_factory import write_pdf

HEAD = [
    [(20, "**Protokoll fört vid styrelsemöte i Ekby Tennisklubb")],
    [(20, "Datum: 2024-03-05")],
    [(20, "Plats: Klubbstugan")],
    [(20, "Närvarande: Anna Berg, Olle Ek, Eva Lind, Per Sund")],
    [],
]

# No numbered items: the whole text is the head, the first and the last text at once.
WITHOUT_ITEMS = [[
    *HEAD,
    [(20, "Mötet öppnas kl 19.00")],
    [(20, "Nya nät köps till banorna")],
    [(20, "Städdagen blir den 20 april")],
    [(20, "Mötet avslutas")],
]]

# The opening item says when the meeting will close, not when it closed.
CLOSE_FORETOLD = [[
    *HEAD,
    [(20, "**§ 1 Mötets öppnande")],
    [(20, "Anna Berg öppnade mötet kl. 19.00 och meddelade att mötet avslutas när punkterna är klara.")],
    [(20, "**§ 2 Banorna")],
    [(20, "Styrelsen beslutade att köpa nya nät till banorna.")],
]]

ELECTIONS = [
    [(20, "**§ 1 Mötets öppnande")],
    [(20, "Anna Berg öppnade mötet.")],
    [(20, "**§ 2 Val av justerare")],
    [(20, "Till justerare valdes Eva Lind.")],
    [(20, "**§ 3 Banorna")],
    [(20, "Styrelsen beslutade att köpa nya nät till banorna.")],
    [(20, "**§ 4 Mötets avslutande")],
    [(20, "Ordföranden avslutade mötet.")],
    [],
]

# A born-digital copy printed before anyone signed: labels and the place and date of signing only.
UNSIGNED = [[
    *HEAD, *ELECTIONS,
    [(20, "Sekreterare"), (110, "Ordförande")],
    [(20, "Ekby 2024-03-05"), (110, "Ekby 2024-03-05")],
    [],
    [(20, "Justerare")],
    [(20, "Ekby 2024-03-05")],
]]

# Signed by hand where OCR reads strokes, not a name: the justerare elected signed under "Justerare".
SIGNED_BY_HAND = [[
    *HEAD, *ELECTIONS,
    [(20, "Justerare")],
    [(20, "NANA SM")],
]]


@pytest.fixture
def minutes(tmp_path):
    def run(pages):
        return extract(write_pdf(tmp_path / "minutes.pdf", pages), entities=False).to_dict()
    return run


def test_minutes_without_items_take_no_closing_time_from_the_opening_sentence(minutes):
    found = minutes(WITHOUT_ITEMS)
    assert found["document_type"] == "protokoll" and found["items"] == []
    assert (found["meeting"]["start_time"], found["meeting"]["end_time"]) == ("19:00", None)
    assert "no end time found in the head or the closing item" in found["warnings"]
    assert "no agenda items found" in found["warnings"]


def test_a_close_foretold_in_the_opening_item_is_no_closing_time(minutes):
    found = minutes(CLOSE_FORETOLD)
    assert (found["meeting"]["start_time"], found["meeting"]["end_time"]) == ("19:00", None)
    assert "no end time found in the head or the closing item" in found["warnings"]


@pytest.mark.parametrize("text, times", [
    ("Mötet öppnades kl 18.00 och avslutades kl 20.30.", ("18:00", "20:30")),
    ("Kl. 19.05 öppnade ordföranden mötet.", ("19:05", None)),
    ("Ordföranden förklarade mötet avslutat kl 21.10.", (None, "21:10")),
    ("Mötet öppnas kl 19.00 Nya nät köps Mötet avslutas", ("19:00", None)),
])
def test_one_time_is_the_opening_or_the_closing_time_by_the_word_beside_it(text, times):
    assert _times_from_items([text]) == times


def test_a_printed_signing_block_nobody_signed_gets_no_signatures_from_the_elections(minutes):
    found = minutes(UNSIGNED)
    assert any(p["name"] == "Eva Lind" and p["role"] == "justerare" for p in found["participants"])
    assert found["signatures"] == []


def test_a_signature_by_hand_under_a_label_is_the_officer_elected_to_it(minutes):
    found = minutes(SIGNED_BY_HAND)
    assert [(s["name"], s["role"]) for s in found["signatures"]] == [("Eva Lind", "justerare")]
