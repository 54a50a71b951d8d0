"""Decision and assignment rules on small invented item bodies."""
from __future__ import annotations

import pytest

from extractor.document import Cell, Line
from extractor.fields.items import assignments, decisions, is_decision_sentence

CHAR = 5.0  # points per character in the invented layout


def make_lines(rows: list, *, line_gap: float = 3.0, para_gap: float = 15.0) -> list[Line]:
    """Rows as text, or (text, x0[, gap_before]); tab-separated parts become cells laid out left to right."""
    lines, top = [], 50.0
    for row in rows:
        text, x0, *rest = (row, 60.0) if isinstance(row, str) else row
        gap = rest[0] if rest else line_gap
        top += para_gap if gap == "¶" else gap
        cells, x = [], x0
        for part in text.split("\t"):
            if cells:
                x = max(x + 40, 450.0)  # a right-hand column
            cells.append(Cell(text=part, x0=x, x1=x + CHAR * len(part), start=0, end=len(part)))
            x += CHAR * len(part)
        lines.append(Line(text=text, cells=cells, x0=x0, x1=cells[-1].x1, top=top, bottom=top + 10, size=10.0, bold=False, page=1))
        top += 10
    return lines


def texts(lines: list[Line], election: bool = False, text_right: float | None = None, line_gap: float = 0.0) -> list[str]:
    return [d.text for d in decisions(lines, election, text_right, line_gap)]


def test_beslut_heading_section():
    lines = make_lines(["Bakgrund text här.", "Beslut", "Nämnden godkänner avtalet.", "Sammanfattning av ärendet", "Kommunfullmäktige beslutade 2021 om något."])
    assert texts(lines) == ["Nämnden godkänner avtalet."]


def test_beslut_heading_with_body_name():
    lines = make_lines(["Beslut i kommunstyrelsens arbetsutskott", "Utskottet godkänner dokumentet.", "Sammanfattning av ärendet", "Fullmäktige beslutade den 13 april."])
    assert texts(lines) == ["Utskottet godkänner dokumentet."]


def test_decision_for_the_council_ends_at_the_notes_and_the_appeal():
    lines = make_lines([
        "Beslut – för fastställande i kommunfullmäktige", "Nämnden föreslår att taxan fastställs.",
        "Upplysningar", "Avgift ska betalas enligt den taxa som kommunfullmäktige antar.",
        "Beslutet kan överklagas", "I överklagan ska du ange", "· vilket beslut som överklagas",
    ])
    assert texts(lines) == ["Nämnden föreslår att taxan fastställs."]


def test_bullets_as_ocr_reads_them_are_decisions_of_their_own():
    lines = make_lines([
        "Beslut", "Nämnden antar taxan. Förslaget innebär;",
        "» En höjning av brukningstaxan med 11,2 % år 2027", "+ Anläggningstaxan förblir oförändrad",
        "Sammanfattning av ärendet", "Taxan ses över varje år.",
    ])
    assert texts(lines) == ["Nämnden antar taxan. Förslaget innebär;",
                            "En höjning av brukningstaxan med 11,2 % år 2027", "Anläggningstaxan förblir oförändrad"]


@pytest.mark.parametrize("heading, is_heading", [
    ("Byggnadsnämndens beslut", True),
    ("Beslut – för fastställande i kommunfullmäktige", True),
    ("Beslut —- för fastställande i kommunfullmäktige", True),  # the dash as OCR read it
    ("Beslut - för fastställande i kommunfullmäktige", True),
    ("Beslut om mötets stadgeenliga utlysande", False),  # an item's title
    ("Anmälan av delegeringsbeslut", False),  # an item's title
])
def test_decision_headings(heading, is_heading):
    from extractor.segment import _is_decision_heading

    assert _is_decision_heading(heading) is is_heading


def test_lines_without_full_stops_split_where_a_line_ends_early():
    # Scanned minutes often leave out the full stop; a line broken off by hand ends the sentence.
    lines = make_lines([
        "Styrelsens ordförande går igenom årsberättelsen",
        "Årsberättelsen läggs till handlingarna",
    ])
    assert texts(lines, text_right=400.0) == ["Årsberättelsen läggs till handlingarna"]


def test_wrapped_line_reaching_the_margin_stays_one_sentence():
    lines = make_lines([
        "Stämman beslutade efter en lång diskussion om underhållet av alla",
        "Garagen att godkänna planen",
    ])
    right = lines[0].x1 + 2
    assert texts(lines, text_right=right) == ["Stämman beslutade efter en lång diskussion om underhållet av alla Garagen att godkänna planen"]


def test_white_space_separates_paragraphs():
    lines = make_lines([("Den ekonomiska berättelsen gicks igenom", 60), ("Det beslöts att godkänna berättelsen", 60, "¶")])
    assert texts(lines, line_gap=3.0) == ["Det beslöts att godkänna berättelsen"]


def test_sub_point_heading_is_not_part_of_the_decision():
    lines = make_lines(["§ 2.1 Val av mötesordförande", "Mötet beslutar att välja Markus till mötesordförande.", "§ 2.2 Val av mötessekreterare", "Mötet beslutar att välja David till mötessekreterare."])
    assert texts(lines, text_right=400.0) == [
        "Mötet beslutar att välja Markus till mötesordförande.",
        "Mötet beslutar att välja David till mötessekreterare.",
    ]


def test_right_hand_responsibility_column_is_left_out():
    lines = make_lines(["Tre kandidater har hittats.\tBjörn", "Styrelsen beslutar att välja dessa."])
    assert texts(lines, text_right=400.0) == ["Styrelsen beslutar att välja dessa."]


def test_decision_words_and_patterns():
    assert is_decision_sentence("Dagordningen för stämman godkännes")
    assert is_decision_sentence("Stämman anses vara behörigen sammankallad.")
    assert is_decision_sentence("Mötesdeltagarna ansåg att stämman sammankallats på behörigt sätt.")
    assert is_decision_sentence("Mötet nekar ansvarsfrihet med 2/3/1 röster för/emot/blankt.")
    assert is_decision_sentence("Victor blir kassör med 12 för, 1 abstained (13 röstlängd)")
    assert is_decision_sentence("Torgny Roxå är vald som ordförande för stämman")
    assert is_decision_sentence("Bifalles av stämman.")
    assert not is_decision_sentence("Styrelsen föreslår att motionen avslås.")
    assert not is_decision_sentence("Styrelsens ordförande går igenom årsberättelsen")


@pytest.mark.parametrize(
    "decision, expected",
    [
        ("Att uppdra till Camilla att återkoppla till gruppen.", [("Camilla", "återkoppla till gruppen")]),
        ("Beslöts att uppdra åt Per Ek att ta fram en plan och att den ska redovisas i maj.", [("Per Ek", "ta fram en plan")]),
        ("Markus väljs att ta reda på mer om hur detta görs.", [("Markus", "ta reda på mer om hur detta görs")]),
        ("David och Fabian väljs ansvariga för kodstugorna.", [("David", "ansvariga för kodstugorna"), ("Fabian", "ansvariga för kodstugorna")]),
        ("Ylva väljs till justerare.", []),
        ("Stämman godkände budgeten.", []),
    ],
)
def test_assignments_from_decisions(decision, expected):
    assert [(a.assignee, a.task) for a in assignments([decision])] == expected


def test_line_opening_with_a_vote_count_goes_on_the_sentence():
    lines = make_lines(["Upphöjande av medlemmar till fullt medlemskap", "13 emot (13 röstlängd)"])
    assert texts(lines, text_right=400.0) == ["Upphöjande av medlemmar till fullt medlemskap 13 emot (13 röstlängd)"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Styrelsen vars ansvarsfrihet beslutas om lägger ner sina röster.",
        "Lägg till punkt på dagordningen om att besluta om hyran.",
        "Här diskuteras frågor som kanske inte behövs beslutas om.",
        "Nämnden ska besluta i frågan i juni.",
        "Frågan som beslutades förra året gäller bygglovet.",
    ],
)
def test_a_form_of_besluta_outside_the_main_clause_is_no_decision(sentence):
    assert not is_decision_sentence(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Efter genomgång av offerterna beslutas att välja Puls.",
        "Beslutades att höja avgiften med 2 %.",
        "Beslöts att bordlägga frågan.",
        "Föreningen beslutade att anta budgeten.",
        "Det beslutades också att skjuta upp renoveringen.",
        "Budgeten som presenterades godkändes.",
        "Anna Berg valdes till ordförande.",
        "När alla hade yttrat sig beslutades att avgiften höjs.",
        "Eftersom ingen invände beslöt mötet att godkänna planen.",
    ],
)
def test_main_clause_decisions_stay(sentence):
    assert is_decision_sentence(sentence)


def test_proposal_taken_without_objection_is_a_decision():
    lines = make_lines([
        "Kim föreslår att röstlängden justeras vid varje punkt. Inga invändningar.",
        ("Eva föreslår att mötet flyttas.", 60, "¶"),
    ])
    assert texts(lines, line_gap=3.0) == ["Kim föreslår att röstlängden justeras vid varje punkt. Inga invändningar."]


@pytest.mark.parametrize(
    "decision, expected",
    [
        ("Miljönämnden ger förvaltningen i uppdrag att ta fram en tillsynsplan.", [("förvaltningen", "ta fram en tillsynsplan")]),
        ("Att Kim köper nya lampor för 400 kr.", [("Kim", "köper nya lampor för 400 kr")]),
        ("Att Styrelsen godkänner äskan.", []),
        ("Att Kim är kassör även nästa år.", []),
        ("Kim efterfrågar ett PM, vilket avslås.", []),
        ("Gustav väljs in som mötessekreterare.", []),
    ],
)
def test_more_assignment_forms(decision, expected):
    assert [(a.assignee, a.task) for a in assignments([decision])] == expected


def test_proposal_clauses_approved_by_a_short_decision_give_the_tasks():
    from extractor.fields.items import approved_proposals

    lines = make_lines([
        "Förslag till beslut:",
        "1. Att\tKim beställer en ny dörrklocka för 300 kr",
        "2. Att\tStyrelsen godkänner kostnaden",
        "3. Att\tEva monterar klockan",
        "Beslut:",
        "1. Att\tattsats 1 bifalles",
        "2. Att\tattsats 2 bifalles",
        "Förslag",
        "1. Att\tBo köper färg",
        "Beslut",
        "1. Att\tavslås",
    ])
    for line in lines:
        line.bold = line.text.rstrip(":") in ("Förslag till beslut", "Beslut", "Förslag")
    approved = approved_proposals(lines)
    assert approved == ["Att Kim beställer en ny dörrklocka för 300 kr", "Att Styrelsen godkänner kostnaden"]
    assert [(a.assignee, a.task) for a in assignments(texts(lines), approved)] == [("Kim", "beställer en ny dörrklocka för 300 kr")]


def test_sentence_ending_in_beslutet_on_its_own_line_is_not_a_decision_heading():
    lines = make_lines(["Per Ek valdes till ordförande för stämman. Eva Lund motsatte sig", "beslutet."])
    assert texts(lines, election=True) == ["Per Ek valdes till ordförande för stämman."]


def test_offices_with_the_elected_below_them_in_an_election_item():
    lines = make_lines(["Mötesordförande", "i. Kim Berg", "Mötessekreterare", "ii. Eva Lund", "Justeringsperson tillika rösträknare", "iii. Bo Ek"])
    assert texts(lines, election=True, text_right=400.0) == ["Mötesordförande Kim Berg", "Mötessekreterare Eva Lund", "Justeringsperson tillika rösträknare Bo Ek"]


def test_compound_office_before_a_colon_in_an_election_item():
    lines = make_lines(["- mötesordförande: Kim", "- mötessekreterare: Eva"])
    assert texts(lines, election=True) == ["mötesordförande: Kim", "mötessekreterare: Eva"]


def test_lead_in_line_opens_the_list_and_is_no_decision_itself():
    lines = make_lines([
        "Beslut", "Fritidsnämnden beslutar:", ("- att anta handlingsplanen för badplatserna,", 76),
        ("- att ge förvaltningen i uppdrag att följa upp planen.", 76), "Beslutet expedieras till:", "Förvaltningschefen",
    ])
    assert texts(lines, text_right=400.0) == ["att anta handlingsplanen för badplatserna,", "att ge förvaltningen i uppdrag att följa upp planen."]


def test_lead_in_without_colon_and_symbol_font_bullets():
    lines = make_lines([
        "Styrelsen beslutade", "\uf0a7 om ändrade öppettider enligt bilaga B.", "\uf0a7 att meddela medlemmarna via nyhetsbrevet.",
        "Denna paragraf förklarades omedelbart justerad.",
    ])
    assert texts(lines, text_right=400.0) == [
        "om ändrade öppettider enligt bilaga B.", "att meddela medlemmarna via nyhetsbrevet.", "Denna paragraf förklarades omedelbart justerad.",
    ]


def test_a_body_deciding_what_it_puts_to_the_council_is_a_lead_in():
    lines = make_lines(["Tekniska nämnden föreslår kommunfullmäktige besluta:", "- att anta renhållningstaxan för 2031."])
    assert texts(lines) == ["att anta renhållningstaxan för 2031."]
    assert not is_decision_sentence("Det föreslås att stämman beslutar om en ny avgift.")


def test_point_ending_in_a_colon_takes_the_text_below_it():
    lines = make_lines([
        "Beslut", "Nämnden beslutar:", ("- att fördela bidraget enligt följande:", 76),
        ("Scoutkåren 12 000 kr,", 120), ("Hembygdsföreningen 8 000 kr.", 120), ("- att bidraget betalas ut i mars.", 76),
    ])
    assert texts(lines) == [
        "att fördela bidraget enligt följande: Scoutkåren 12 000 kr, Hembygdsföreningen 8 000 kr.", "att bidraget betalas ut i mars.",
    ]


def test_decision_flagged_by_a_margin_word_and_a_sub_point_after_the_list():
    lines = make_lines([
        "Årsmötet beslutar:", ("1. att välja Saga Lind till kassör.\tBeslut", 70), "4.2 Val av revisor",
        "Saga Holm presenterar sig.", "Nils Berg till revisor för nästa år.\tBeslut",
    ])
    assert texts(lines, text_right=400.0) == ["att välja Saga Lind till kassör.", "Nils Berg till revisor för nästa år."]


def test_enumerators_in_parentheses_split_points():
    lines = make_lines(["(a) Till kassör valdes Lena Ström", "(b) Verksamhetsplanen antogs", "(c) Ingen motion hade kommit in"])
    assert texts(lines) == ["Till kassör valdes Lena Ström", "Verksamhetsplanen antogs"]


@pytest.mark.parametrize(
    "sentence, decided",
    [
        ("Lisa godtar nomineringen.", False),
        ("Lisa Holm och Per Ek godtar nomineringarna.", False),
        ("Lisa Holm valdes till kassör.", True),
        ("Beslöts att bifalla förslaget att höja avgiften.", True),
        ("Styrelsen föreslår att avgiften höjs.", False),
        ("Även om vi beslutar att vänta blir frågan kvar.", False),
        ("Styrelsen utser ansvariga för vårstädningen.", True),
        ("Efter en kort diskussion enades gruppen om att byta leverantör.", True),
    ],
)
def test_who_acts_and_whether_it_is_decided(sentence, decided):
    assert is_decision_sentence(sentence) is decided


def test_heading_that_records_the_decision():
    from extractor.fields.items import item_fields
    from extractor.segment import ItemSegment

    heading, *body = make_lines(["4. Som funktionärer valdes", ("(a) Vera till ordförande,", 80), ("(b) Olle till sekreterare.", 80)])
    item = ItemSegment(number="4", heading=heading, title="Som funktionärer valdes", title_lines=[heading], body=body, text_right=400.0)
    assert [d.text for d in item_fields(item).decisions] == ["Som funktionärer valdes Vera till ordförande, Olle till sekreterare."]
    topic, *body = make_lines(["5. Beslut om taxa för 2031", "Ärendet presenteras."])
    item = ItemSegment(number="5", heading=topic, title="Beslut om taxa för 2031", title_lines=[topic], body=body)
    assert item_fields(item).decisions == []


def test_sub_point_titled_beslut_om_and_a_vote_count_after_the_decision():
    lines = make_lines([
        "b) Beslut om att byta fönster i trapphusen", "Ordförande öppnar för frågor.", "Föreningsstämman beslutar,",
        "att fönstren byts under våren. Med 48 röster för och 7 mot.",
    ])
    assert texts(lines) == ["Föreningsstämman beslutar, att fönstren byts under våren. Med 48 röster för och 7 mot."]


def test_a_term_of_office_is_no_election():
    assert not is_decision_sentence("Tova Lindqvist Vald till 2031")
    assert is_decision_sentence("Tova Lindqvist vald till kassör")


@pytest.mark.parametrize(
    "sentence, decided",
    [
        # A proposal word after the decision verb names what was decided, or what the meeting went on to do.
        ("Årsmötet beslöt i enlighet med valberedningens förslag att omvälja kassören.", True),
        ("Gruppen enades om att dela upp arbetet i tre delar och föreslog en ansvarig för varje del.", True),
        ("Stämman godkände budgeten, vilket revisorerna föreslog.", True),
        # Before it, the sentence is the proposal.
        ("Sekreteraren föreslog att stämman beslutar att sänka avgiften.", False),
        ("Valberedningen föreslår att Greta Ulfsdotter väljs till ordförande.", False),
    ],
)
def test_proposal_word_after_the_decision_verb(sentence, decided):
    assert is_decision_sentence(sentence) is decided


@pytest.mark.parametrize(
    "sentence, decided",
    [
        ("Frågan gäller oavsett vilket system föreningen väljer för bokningen.", False),
        ("Ingen vet ännu hur budgeten godkändes förra året.", False),
        ("Kassören redovisade bokslutet, vilket godkändes.", True),
    ],
)
def test_a_verb_in_an_indirect_question_is_no_decision(sentence, decided):
    assert is_decision_sentence(sentence) is decided


@pytest.mark.parametrize(
    "sentence, decided",
    [
        ("Alla röstberättigade förklarade att stämman utlysts i behörig ordning.", True),
        ("Mötet befanns vara kallat i stadgeenlig ordning.", True),
        ("Ordföranden konstaterade att stämman sammankallats ilaga ordning.", True),
        ("Frågan om stämman kallats i behörig ordning.", False),
        ("Kassörens rapport lästes upp och lades sedan till föreningens handlingar.", True),
        ("Bestämdes att nästa städdag hålls i maj.", True),
        ("Styrelsen bestämde att inköpet skjuts upp.", True),
    ],
)
def test_meeting_declared_lawful_report_filed_and_bestämdes(sentence, decided):
    assert is_decision_sentence(sentence) is decided


@pytest.mark.parametrize(
    "sentence, decided",
    [
        # A nominee whose name no list knows still acts for themselves.
        ("Zelbrin godtar nomineringen.", False),
        ("Qwyllo avböjer sin nominering till valberedningen.", False),
        ("Tre nomineringar kommer in under mötet, men ingen av dem godtas av de nominerade.", False),
        ("Årsmötet nominerar och väljer Zelbrin Oxe till kassör.", True),
    ],
)
def test_the_nominee_taking_a_nomination_is_no_decision(sentence, decided):
    assert is_decision_sentence(sentence) is decided


def test_decisions_one_to_a_line_without_full_stops():
    lines = make_lines([
        "Saga Lind (12) väljs till ledamot på ett år",
        "Tor Berg (40) väljs till ledamot på 2 år",
        "Kassörens rapport gicks igenom, som läggs till handlingarna",
        "Revisorn läste sin berättelse, som läggs till handlingarna",
    ])
    assert texts(lines) == [
        "Saga Lind (12) väljs till ledamot på ett år",
        "Tor Berg (40) väljs till ledamot på 2 år",
        "Kassörens rapport gicks igenom, som läggs till handlingarna",
        "Revisorn läste sin berättelse, som läggs till handlingarna",
    ]
    # A decision broken after "att" or "till" goes on over the line.
    lines = make_lines(["Mötet beslutade att", "Styrelsen godkänner budgeten"])
    assert len(texts(lines)) == 1
    lines = make_lines(["Beslutades att välja Ida Ek och Per Al till revisorer där", "Ida Ek valdes till sammankallande."])
    assert len(texts(lines)) == 1
