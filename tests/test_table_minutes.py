"""Minutes kept as one table, a row for each point: working groups, project groups and associations
often write their notes this way ("Punkt | Ärende | Beslut | Ansvarig", "Nr | Fråga | Diskussion |
Beslut | Ansvarig | Klart"). The header row's cells say what each column holds (the words are in
extractor/vocabulary/structure.toml, [items.table] and [assignments.table]); each row is a point, its
title cell the title, its decision column the decisions, its responsible column with the action column
(or the decision's att-clause) an assignment. Names, places and wording are invented.
"""
from __future__ import annotations

import json

import pytest

from extractor import extract
from extractor.evaluate import score_document
from pdf_factory import write_pdf

# A project group: numbered rows, six columns, cells wrapped over two or three lines, a "När" column.
PROJECT_GROUP = [[
    [(15, "**Minnesanteckningar från möte i Hemsidesgruppen, Ekbyns hembygdsförening")],
    [(15, "Datum: 2024-09-03, kl. 18.00–19.30"), (110, "Plats: Hembygdsgården")],
    [(15, "Deltagare: Sara Lund, Mikael Öst, Britt Holm")],
    [],
    [(15, "**Nr"), (25, "**Fråga"), (62, "**Diskussion"), (112, "**Beslut"), (157, "**Ansvarig"), (180, "**När")],
    [(15, "1"), (25, "Förra mötets"), (62, "Inga synpunkter."), (112, "Anteckningarna"), (180, "")],
    [(25, "anteckningar"), (112, "godkändes.")],
    [(15, "2"), (25, "Ny hemsida"), (62, "Tre offerter har kommit"), (112, "Beslutades att anlita"), (157, "Sara"), (180, "30/9")],
    [(62, "in, den lägsta räcker"), (112, "Webbyrån Nova.")],
    [(62, "för våra behov.")],
    [(15, "3"), (25, "Bildarkivet"), (62, "Många bilder saknar"), (112, "Beslutades att"), (157, "Mikael"), (180, "v. 42")],
    [(62, "årtal och namn."), (112, "skanna in")],
    [(112, "fotoalbumen.")],
    [(15, "4"), (25, "Övrigt"), (62, "Inget att ta upp."), (112, "–")],
]]

PROJECT_GROUP_GOLD = {
    "document_type": "minnesanteckningar",
    "meeting": {"date": "2024-09-03", "start_time": "18:00", "end_time": "19:30", "place": "Hembygdsgården"},
    "participants": [
        {"name": "Sara Lund", "status": "present"}, {"name": "Mikael Öst", "status": "present"},
        {"name": "Britt Holm", "status": "present"},
    ],
    "items": [
        {"number": "1", "title": "Förra mötets anteckningar", "decisions": [{"text": "Anteckningarna godkändes."}], "assignments": []},
        {"number": "2", "title": "Ny hemsida", "decisions": [{"text": "Beslutades att anlita Webbyrån Nova."}],
         "assignments": [{"assignee": "Sara", "person": "Sara Lund", "task": "anlita Webbyrån Nova"}]},
        {"number": "3", "title": "Bildarkivet", "decisions": [{"text": "Beslutades att skanna in fotoalbumen."}],
         "assignments": [{"assignee": "Mikael", "person": "Mikael Öst", "task": "skanna in fotoalbumen"}]},
        {"number": "4", "title": "Övrigt", "decisions": [], "assignments": []},
    ],
    "signatures": [],
}

# An association's board: rows without numbers, the title column first (a title wrapped in lower
# case goes on), notes in which a decision is written as a sentence, and an action column beside who.
UNNUMBERED_ROWS = [[
    [(15, "**Protokoll styrelsemöte Föreningen Solrosen")],
    [(15, "Tid: 2024-10-14 kl. 19.00–21.00"), (110, "Plats: Föreningslokalen")],
    [(15, "Närvarande: Ingrid Falk (ordförande), Tomas Berg (kassör), Nora Sjö (sekreterare)")],
    [],
    [(15, "**Ärende"), (55, "**Noteringar"), (120, "**Åtgärd"), (170, "**Vem")],
    [(15, "Mötets öppnande"), (55, "Ordföranden öppnade mötet.")],
    [(15, "Ekonomi och"), (55, "Kassan är god. Budgeten"), (120, "Betala hyran för")],
    [(15, "budget"), (55, "för 2025 godkändes."), (120, "november"), (170, "Tomas")],
    [(15, "Julfesten"), (55, "Festen hålls den 14"), (120, "Boka musik"), (170, "Ingrid")],
    [(55, "december i lokalen.")],
    [(15, "Mötets avslutande"), (55, "Ordföranden avslutade mötet.")],
    [],
    [(15, "Vid protokollet"), (110, "Justeras")],
    [],
    [(15, "Nora Sjö"), (110, "Ingrid Falk")],
]]

UNNUMBERED_ROWS_GOLD = {
    "document_type": "protokoll", "organisation": "Föreningen Solrosen", "body": "Styrelsen",
    "meeting": {"date": "2024-10-14", "start_time": "19:00", "end_time": "21:00", "place": "Föreningslokalen"},
    "participants": [
        {"name": "Ingrid Falk", "role": "ordförande", "status": "present"},
        {"name": "Tomas Berg", "role": "kassör", "status": "present"},
        {"name": "Nora Sjö", "role": "sekreterare", "status": "present"},
    ],
    "items": [
        {"number": None, "title": "Mötets öppnande", "decisions": [], "assignments": []},
        {"number": None, "title": "Ekonomi och budget", "decisions": [{"text": "Budgeten för 2025 godkändes."}],
         "assignments": [{"assignee": "Tomas", "person": "Tomas Berg", "task": "Betala hyran för november"}]},
        {"number": None, "title": "Julfesten", "decisions": [],
         "assignments": [{"assignee": "Ingrid", "person": "Ingrid Falk", "task": "Boka musik"}]},
        {"number": None, "title": "Mötets avslutande", "decisions": [], "assignments": []},
    ],
    "next_meeting": None,
    # "Justeras" names no office: the chair attests as the chair.
    "signatures": [{"name": "Nora Sjö", "role": "sekreterare"}, {"name": "Ingrid Falk", "role": "ordförande"}],
}

# A road association's board over two pages: the header row written again at the top of the second
# page, a combined decision and action column, "Inget beslut" in it, the signing block after the table.
TWO_PAGES = [[
    [(15, "**Protokoll fört vid styrelsemöte i Lövåsens vägförening")],
    [(15, "Datum: 2024-04-22"), (80, "Tid: 18.30–20.15"), (130, "Plats: Kajsas kök")],
    [(15, "Närvarande: Kajsa Nord (ordförande), Leif Ask, Dennis Hed")],
    [],
    [(15, "**Punkt"), (32, "**Ärende"), (85, "**Beslut/åtgärd"), (165, "**Ansvarig")],
    [(15, "1"), (32, "Mötets öppnande"), (85, "Ordföranden öppnade mötet.")],
    [(15, "2"), (32, "Val av justerare"), (85, "Leif Ask valdes att justera")],
    [(85, "protokollet.")],
    [(15, "3"), (32, "Vårens grusning"), (85, "Beslutades att beställa grus")],
    [(85, "från Åsens grustag."), (165, "Dennis")],
    [(15, "4"), (32, "Gatubelysning"), (85, "Inget beslut.")],
], [
    [(15, "**Punkt"), (32, "**Ärende"), (85, "**Beslut/åtgärd"), (165, "**Ansvarig")],
    [(15, "5"), (32, "Vägskyltar"), (85, "Beslutades att byta två skyltar")],
    [(85, "vid infarten."), (165, "Leif")],
    [(15, "6"), (32, "Ekonomi"), (85, "Rapporten lades till handlingarna.")],
    [(15, "7"), (32, "Mötets avslutande"), (85, "Ordföranden avslutade mötet.")],
    [],
    [(15, "Ordförande"), (110, "Justerare")],
    [],
    [(15, "Kajsa Nord"), (110, "Leif Ask")],
]]

TWO_PAGES_GOLD = {
    "document_type": "protokoll", "organisation": "Lövåsens vägförening", "body": "Styrelsen",
    "meeting": {"date": "2024-04-22", "start_time": "18:30", "end_time": "20:15", "place": "Kajsas kök"},
    "participants": [
        {"name": "Kajsa Nord", "role": "ordförande", "status": "present"},
        {"name": "Leif Ask", "role": "justerare", "status": "present"},
        {"name": "Dennis Hed", "role": None, "status": "present"},
    ],
    "items": [
        {"number": "1", "title": "Mötets öppnande", "decisions": [], "assignments": []},
        {"number": "2", "title": "Val av justerare", "decisions": [{"text": "Leif Ask valdes att justera protokollet."}], "assignments": []},
        {"number": "3", "title": "Vårens grusning", "decisions": [{"text": "Beslutades att beställa grus från Åsens grustag."}],
         "assignments": [{"assignee": "Dennis", "person": "Dennis Hed", "task": "beställa grus från Åsens grustag"}]},
        {"number": "4", "title": "Gatubelysning", "decisions": [], "assignments": []},
        {"number": "5", "title": "Vägskyltar", "decisions": [{"text": "Beslutades att byta två skyltar vid infarten."}],
         "assignments": [{"assignee": "Leif", "person": "Leif Ask", "task": "byta två skyltar vid infarten"}]},
        {"number": "6", "title": "Ekonomi", "decisions": [{"text": "Rapporten lades till handlingarna."}], "assignments": []},
        {"number": "7", "title": "Mötets avslutande", "decisions": [], "assignments": []},
    ],
    "next_meeting": None,
    "signatures": [{"name": "Kajsa Nord", "role": "ordförande"}, {"name": "Leif Ask", "role": "justerare"}],
}

TABLES = {
    "project-group-six-columns": (PROJECT_GROUP, PROJECT_GROUP_GOLD),
    "association-unnumbered-rows": (UNNUMBERED_ROWS, UNNUMBERED_ROWS_GOLD),
    "road-association-two-pages": (TWO_PAGES, TWO_PAGES_GOLD),
}


@pytest.mark.parametrize("kind", TABLES)
def test_minutes_kept_as_a_table_are_read_row_by_row(kind, tmp_path):
    pages, gold = TABLES[kind]
    score = score_document(json.loads(extract(write_pdf(tmp_path / "minutes.pdf", pages)).to_json()), gold)
    failing = {name: round(c.f1, 3) for name, c in score.categories.items() if c.occurs and c.f1 < 1.0}
    assert not failing, score.mismatches


def test_a_table_inside_a_numbered_item_leaves_the_items_as_they_are(tmp_path):
    """A § that lists delegated decisions as "Ärende | Beslut" rows is one item with a table in it."""
    pdf = write_pdf(tmp_path / "minutes.pdf", [[
        [(15, "**Protokoll Miljönämnden i Ekby kommun")],
        [(15, "Datum: 2024-02-12")],
        [(15, "**§ 11 Sammanträdets öppnande")],
        [(15, "Ordföranden öppnade sammanträdet.")],
        [(15, "**§ 12 Anmälan av delegationsbeslut")],
        [(15, "Nämnden beslutar att lägga redovisningen till handlingarna.")],
        [(15, "**Ärende"), (90, "**Beslut")],
        [(15, "Tillsyn av förskola"), (90, "Föreläggande")],
        [(15, "Ansökan om avlopp"), (90, "Tillstånd")],
        [(15, "**§ 13 Sammanträdets avslutande")],
        [(15, "Ordföranden avslutade sammanträdet.")],
    ]])
    items = json.loads(extract(pdf).to_json())["items"]
    assert [(i["number"], i["title"]) for i in items] == [
        ("11", "Sammanträdets öppnande"), ("12", "Anmälan av delegationsbeslut"), ("13", "Sammanträdets avslutande")]
    assert [d["text"] for d in items[1]["decisions"]] == ["Nämnden beslutar att lägga redovisningen till handlingarna."]


def test_header_words_the_layout_joined_into_one_cell_still_name_their_columns():
    from extractor.document import Cell, Line
    from extractor.segment import table_header

    text = "Nr Ärende"
    line = Line(text=f"{text}\tBeslut\tKlart till", cells=[
        Cell(text, 50.0, 110.0, 0, 9), Cell("Beslut", 200.0, 232.0, 10, 16), Cell("Klart till", 400.0, 440.0, 17, 27)],
        x0=50.0, x1=440.0, top=0.0, bottom=10.0, size=10.0, bold=True)
    assert [kind for _, kind in table_header(line)] == ["number", "title", "decision", "when"]
    assert table_header(Line(text="Beslut", cells=[Cell("Beslut", 50.0, 80.0, 0, 6)], x0=50.0, x1=80.0,
                             top=0.0, bottom=10.0, size=10.0, bold=True)) is None
