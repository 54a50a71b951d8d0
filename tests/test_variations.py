"""Layouts written for the tests, unlike any document in the corpus: other
organisations, other wording. They guard the general rules against rules that
fit only the documents at hand."""
from __future__ import annotations

import json

import pytest

from extractor import extract
from extractor.evaluate import score_document
from pdf_factory import write_pdf

MUNICIPAL = [[
    [(20, "**TIERPS KOMMUN"), (120, "**SAMMANTRÄDESPROTOKOLL")],
    [(120, "Sammanträdesdatum")],
    [(20, "**Socialnämnden"), (120, "2023-09-14")],
    [],
    [(20, "Plats och tid"), (70, "Kommunhuset, sal Ekoln, kl. 13.30–16.10")],
    [],
    [(20, "Beslutande"), (70, "Maria Holm (S), ordförande")],
    [(70, "Erik Sandberg (M), vice ordförande")],
    [(70, "Anders Lind (C)")],
    [(70, "Fatima Ali (S)")],
    [(70, "Jonas Öberg (SD)")],
    [(70, "Petra Nyström (S), tjänstgörande ersättare för Karl Berg (S)")],
    [],
    [(20, "Övriga närvarande"), (70, "Ulla Svensson, socialchef")],
    [(70, "Peter Ek, nämndsekreterare")],
    [],
    [(20, "Utses att justera"), (70, "Anders Lind (C)")],
    [(20, "Justeringens plats och tid"), (70, "Kommunhuset 2023-09-19")],
    [],
    [(20, "Underskrifter"), (50, "Sekreterare"), (140, "Paragrafer §§ 45–47")],
    [(50, "Peter Ek")],
    [(50, "Ordförande")],
    [(50, "Maria Holm")],
    [(50, "Justerande")],
    [(50, "Anders Lind")],
], [
    [(20, "**§ 45"), (120, "Dnr SN 2023/112")],
    [(20, "**Budgetuppföljning augusti 2023")],
    [(20, "**Socialnämndens beslut")],
    [(20, "Socialnämnden godkänner budgetuppföljningen för augusti 2023.")],
    [(20, "**Sammanfattning av ärendet")],
    [(20, "Förvaltningen redovisar ett prognostiserat underskott om 2,1 miljoner kronor.")],
    [(20, "**Beslutsunderlag")],
    [(20, "Tjänsteskrivelse 2023-09-01")],
    [],
    [(20, "**§ 46"), (120, "Dnr SN 2023/98")],
    [(20, "**Revidering av delegationsordning")],
    [(20, "**Förslag till beslut")],
    [(20, "Socialnämnden antar reviderad delegationsordning.")],
    [(20, "**Yrkanden")],
    [(20, "Jonas Öberg (SD) yrkar avslag på förslaget.")],
    [(20, "**Beslutsgång")],
    [(20, "Ordföranden ställer förslaget mot avslagsyrkandet och finner att nämnden bifaller förslaget.")],
    [(20, "**Socialnämndens beslut")],
    [(20, "Socialnämnden antar reviderad delegationsordning.")],
    [(20, "**Reservation")],
    [(20, "Jonas Öberg (SD) reserverar sig mot beslutet.")],
    [],
    [(20, "**§ 47"), (120, "Dnr SN 2023/120")],
    [(20, "**Uppdrag om hemtjänstens kvalitet")],
    [(20, "**Socialnämndens beslut")],
    [(20, "1. Socialnämnden ger socialchefen i uppdrag att utreda kvaliteten i hemtjänsten.")],
    [(20, "2. Uppdraget ska redovisas vid sammanträdet i december.")],
    [(20, "**Expedieras till")],
    [(20, "Socialchefen")],
]]

MUNICIPAL_GOLD = {
    "document_type": "protokoll", "organisation": "Tierps kommun", "body": "Socialnämnden",
    "meeting": {"date": "2023-09-14", "start_time": "13:30", "end_time": "16:10", "place": "Kommunhuset, sal Ekoln"},
    "participants": [
        {"name": "Maria Holm", "affiliation": "S", "role": "ordförande", "status": "present"},
        {"name": "Erik Sandberg", "affiliation": "M", "role": "vice ordförande", "status": "present"},
        {"name": "Anders Lind", "affiliation": "C", "role": "justerare", "status": "present"},
        {"name": "Fatima Ali", "affiliation": "S", "role": None, "status": "present"},
        {"name": "Jonas Öberg", "affiliation": "SD", "role": None, "status": "present"},
        {"name": "Petra Nyström", "affiliation": "S", "role": "tjänstgörande ersättare", "status": "present"},
        {"name": "Ulla Svensson", "affiliation": None, "status": "present"},
        {"name": "Peter Ek", "affiliation": None, "role": "sekreterare", "status": "present"},
    ],
    "items": [
        {"number": "45", "title": "Budgetuppföljning augusti 2023", "references": ["SN 2023/112"],
         "decisions": [{"text": "Socialnämnden godkänner budgetuppföljningen för augusti 2023."}]},
        {"number": "46", "title": "Revidering av delegationsordning",
         "decisions": [{"text": "Socialnämnden antar reviderad delegationsordning."}]},
        {"number": "47", "title": "Uppdrag om hemtjänstens kvalitet",
         "decisions": [{"text": "Socialnämnden ger socialchefen i uppdrag att utreda kvaliteten i hemtjänsten."},
                       {"text": "Uppdraget ska redovisas vid sammanträdet i december."}]},
    ],
    "next_meeting": None,
    "signatures": [
        {"name": "Peter Ek", "role": "sekreterare"},
        {"name": "Maria Holm", "role": "ordförande"},
        {"name": "Anders Lind", "role": "justerare"},
    ],
}

HOUSING_ANNUAL = [[
    [(20, "**Protokoll fört vid ordinarie föreningsstämma i Bostadsrättsföreningen Lönnen")],
    [(20, "Datum: Måndagen den 22 maj 2023, kl. 18.00")],
    [(20, "Plats: Gemensamhetslokalen, Lönnvägen 3")],
    [],
    [(20, "**1. Stämmans öppnande")],
    [(25, "Styrelsens ordförande Lars Persson hälsade välkommen och förklarade stämman öppnad.")],
    [(20, "**2. Val av stämmoordförande")],
    [(25, "Till ordförande för stämman valdes Ingrid Sjöberg.")],
    [(20, "**3. Anmälan av stämmoordförandens val av protokollförare")],
    [(25, "Ordföranden meddelade att hon utsett Tomas Wikström till protokollförare.")],
    [(20, "**4. Val av två justerare tillika rösträknare")],
    [(25, "Stämman valde Eva Lindqvist och Omar Haddad att justera protokollet.")],
    [(20, "**5. Fastställande av röstlängd")],
    [(25, "Röstlängden fastställdes till 24 röstberättigade medlemmar.")],
    [(20, "**6. Framläggande av årsredovisningen")],
    [(25, "Årsredovisningen lades fram och lades till handlingarna.")],
    [(20, "**7. Beslut om ansvarsfrihet för styrelsen")],
    [(25, "Stämman beviljade styrelsen ansvarsfrihet för verksamhetsåret 2022.")],
    [(20, "**8. Motioner")],
    [(25, "En motion om laddplatser hade kommit in. Styrelsen föreslog bifall.")],
    [(25, "Stämman biföll motionen.")],
    [(20, "**9. Stämmans avslutande")],
    [(25, "Ordföranden förklarade stämman avslutad kl. 19.40.")],
    [],
    [(20, "Vid protokollet"), (110, "Ordförande")],
    [(20, "Tomas Wikström"), (110, "Ingrid Sjöberg")],
    [],
    [(20, "Justeras"), (110, "Justeras")],
    [(20, "Eva Lindqvist"), (110, "Omar Haddad")],
]]

HOUSING_ANNUAL_GOLD = {
    "document_type": "protokoll", "organisation": "Bostadsrättsföreningen Lönnen", "body": "Ordinarie föreningsstämma",
    "meeting": {"date": "2023-05-22", "start_time": "18:00", "end_time": "19:40", "place": "Gemensamhetslokalen, Lönnvägen 3"},
    "participants": [
        {"name": "Ingrid Sjöberg", "role": "ordförande", "status": "present"},
        {"name": "Tomas Wikström", "role": "sekreterare", "status": "present"},
        {"name": "Eva Lindqvist", "role": "justerare", "status": "present"},
        {"name": "Omar Haddad", "role": "justerare", "status": "present"},
    ],
    "items": [
        {"number": "1", "title": "Stämmans öppnande", "decisions": []},
        {"number": "2", "title": "Val av stämmoordförande", "decisions": [{"text": "Till ordförande för stämman valdes Ingrid Sjöberg."}]},
        {"number": "3", "title": "Anmälan av stämmoordförandens val av protokollförare", "decisions": []},
        {"number": "4", "title": "Val av två justerare tillika rösträknare", "decisions": [{"text": "Stämman valde Eva Lindqvist och Omar Haddad att justera protokollet."}]},
        {"number": "5", "title": "Fastställande av röstlängd", "decisions": [{"text": "Röstlängden fastställdes till 24 röstberättigade medlemmar."}]},
        {"number": "6", "title": "Framläggande av årsredovisningen", "decisions": [{"text": "Årsredovisningen lades fram och lades till handlingarna."}]},
        {"number": "7", "title": "Beslut om ansvarsfrihet för styrelsen", "decisions": [{"text": "Stämman beviljade styrelsen ansvarsfrihet för verksamhetsåret 2022."}]},
        {"number": "8", "title": "Motioner", "decisions": [{"text": "Stämman biföll motionen."}]},
        {"number": "9", "title": "Stämmans avslutande", "decisions": []},
    ],
    "next_meeting": None,
    "signatures": [
        {"name": "Tomas Wikström", "role": "sekreterare"},
        {"name": "Ingrid Sjöberg", "role": "ordförande"},
        {"name": "Eva Lindqvist", "role": "justerare"},
        {"name": "Omar Haddad", "role": "justerare"},
    ],
}


BOARD_WITH_INLINE_LABELS = [[
    [(20, "**Styrelsemöte i Föreningen Lilla Teatern")],
    [(20, "Datum: 2024-04-09, kl. 18.00–19.30")],
    [(20, "Plats: Teaterns foajé")],
    [(20, "Närvarande: Anna Berg (ordf), Olle Ek (sekr), Eva Lund, Samir Haddad")],
    [(20, "Frånvarande: Per Ström")],
    [],
    [(20, "§ 1 Mötets öppnande")],
    [(20, "Anna Berg öppnade mötet.")],
    [(20, "§ 2 Val av justerare")],
    [(20, "Eva Lund valdes att justera protokollet.")],
    [(20, "§ 3 Budget 2024")],
    [(20, "Kassören presenterade förslaget till budget.")],
    [(20, "Beslut: Styrelsen beslutar att anta budgeten.")],
    [(20, "§ 4 Vårföreställningen")],
    [(20, "Diskussion om datum och lokal.")],
    [(20, "Beslut: Att uppdra åt Samir att boka lokalen för den 18 maj.")],
    [(20, "§ 5 Nästa möte")],
    [(20, "Nästa möte: tisdagen den 14 maj kl. 18.00 i foajén.")],
    [(20, "§ 6 Mötets avslutande")],
    [(20, "Ordföranden avslutade mötet.")],
    [],
    [(20, "Sekreterare"), (110, "Justerare")],
    [(20, "Olle Ek"), (110, "Eva Lund")],
]]

BOARD_WITH_INLINE_LABELS_GOLD = {
    "document_type": "protokoll", "organisation": "Föreningen Lilla Teatern", "body": "Styrelsen",
    "meeting": {"date": "2024-04-09", "start_time": "18:00", "end_time": "19:30", "place": "Teaterns foajé"},
    "participants": [
        {"name": "Anna Berg", "role": "ordförande", "status": "present"},
        {"name": "Olle Ek", "role": "sekreterare", "status": "present"},
        {"name": "Eva Lund", "role": "justerare", "status": "present"},
        {"name": "Samir Haddad", "role": None, "status": "present"},
        {"name": "Per Ström", "role": None, "status": "absent"},
    ],
    "items": [
        {"number": "1", "title": "Mötets öppnande", "decisions": [], "assignments": []},
        {"number": "2", "title": "Val av justerare", "decisions": [{"text": "Eva Lund valdes att justera protokollet."}], "assignments": []},
        {"number": "3", "title": "Budget 2024", "decisions": [{"text": "Styrelsen beslutar att anta budgeten."}], "assignments": []},
        {"number": "4", "title": "Vårföreställningen",
         "decisions": [{"text": "Att uppdra åt Samir att boka lokalen för den 18 maj."}],
         "assignments": [{"assignee": "Samir", "person": "Samir Haddad", "task": "boka lokalen för den 18 maj"}]},
        {"number": "5", "title": "Nästa möte", "decisions": [], "assignments": []},
        {"number": "6", "title": "Mötets avslutande", "decisions": [], "assignments": []},
    ],
    "next_meeting": {"date": "2024-05-14", "start_time": "18:00", "end_time": None},
    "signatures": [
        {"name": "Olle Ek", "role": "sekreterare"},
        {"name": "Eva Lund", "role": "justerare"},
    ],
}


@pytest.mark.parametrize(
    "pages, gold",
    [(MUNICIPAL, MUNICIPAL_GOLD), (HOUSING_ANNUAL, HOUSING_ANNUAL_GOLD), (BOARD_WITH_INLINE_LABELS, BOARD_WITH_INLINE_LABELS_GOLD)],
    ids=["municipal-committee", "housing-annual-meeting", "board-inline-labels"],
)
def test_unseen_layouts_are_read_right(pages, gold, tmp_path):
    pdf = write_pdf(tmp_path / "minutes.pdf", pages)
    predicted = json.loads(extract(pdf).to_json())
    score = score_document(predicted, gold)
    failing = {name: round(c.f1, 3) for name, c in score.categories.items() if c.occurs and c.f1 < 1.0}
    assert not failing, score.mismatches
