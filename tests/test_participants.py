"""Attendance and officers on invented variations of Swedish minutes."""
from __future__ import annotations

import pytest

from extractor.document import Cell, Line
from extractor.fields.participants import attendance, elected_names, participants
from extractor.names import document_words
from extractor.segment import ItemSegment, Segments


def make_lines(rows: list, page: int = 1, source: str = "text-layer") -> list[Line]:
    """Lines from rows; a row is a string or a list of (x0, text) cells."""
    lines, offset = [], 0
    for y, row in enumerate(rows):
        cells_in = [(60.0, row)] if isinstance(row, str) else row
        cells, parts = [], []
        for x0, text in cells_in:
            start = offset + len("\t".join(parts)) + (1 if parts else 0)
            cells.append(Cell(text, x0, x0 + 6 * len(text), start, start + len(text)))
            parts.append(text)
        text = "\t".join(parts)
        lines.append(Line(text, cells, cells[0].x0, cells[-1].x1, 10.0 * y, 10.0 * y + 9, 10.0, False,
                          offset, offset + len(text), page, source=source))
        offset += len(text) + 1
    return lines


def item(number: str, title: str, body: list) -> ItemSegment:
    lines = make_lines([f"{number}. {title}", *body])
    return ItemSegment(number=number, heading=lines[0], title=title, title_lines=lines[:1], body=lines[1:])


def people_of(head: list, items: list[ItemSegment] = (), signing: list = ()) -> dict:
    segments = Segments(head=make_lines(head), items=list(items), signing=make_lines(list(signing)), tail=[])
    return {p.name: p for p in participants(segments)}


def test_surname_first_and_party():
    found = attendance(make_lines(["Närvarande", "Söderström, Anna (S)", "Berg, Olle (M), ordförande"]))
    assert [(p.name, p.affiliation, p.role) for p in found] == [
        ("Anna Söderström", "S", None), ("Olle Berg", "M", "ordförande")]


def test_comma_list_over_two_lines_and_kallade_is_not_attendance():
    found = attendance(make_lines([
        "Kallade: Anna Berg, Olle Ek, Per Holm",
        "Närvarande:",
        "Anna Berg, Olle Ek, Karin",
        "Lindqvist, Per Holm",
    ]))
    assert [p.name for p in found] == ["Anna Berg", "Olle Ek", "Karin Lindqvist", "Per Holm"]


def test_list_with_word_broken_at_line_end():
    found = attendance(make_lines(["Närvarande: Simon Lind, Oskar Adolfs-", "son, Daniel Pro"]))
    assert [p.name for p in found] == ["Simon Lind", "Oskar Adolfsson", "Daniel Pro"]


def test_absent_heading_with_ocr_slip_and_house_numbers():
    found = attendance(make_lines([
        [(50, "Närvarande:"), (140, "Maria Berg"), (250, "ordf"), (320, "nr 125, gård 4")],
        [(140, "Olle Ek"), (250, "ledamot"), (320, "nr 67, gård 2")],
        [(140, "Åke Holm ledamot nr 83, Eara I")],
        [(50, "Franvarande:"), (140, "Kjell Lind"), (250, "sekr"), (320, "nr 149, gård 4")],
    ]))
    assert [(p.name, p.role, p.affiliation, p.status) for p in found] == [
        ("Maria Berg", "ordförande", None, "present"),
        ("Olle Ek", "ledamot", None, "present"),
        ("Åke Holm", "ledamot", None, "present"),
        ("Kjell Lind", "sekreterare", None, "absent"),
    ]


def test_municipal_columns_continuations_and_label_end():
    found = attendance(make_lines([
        [(64, "Beslutande"), (177, "Ledamöter"), (361, "Tjänstgörande ersättare")],
        [(177, "Arvid Sandell (M), Ordförande"), (361, "Lisa Ek (S) ersätter Per Nylund (S)")],
        [(177, "Heinrich Kaufmann (C), 1:e vice")],
        [(177, "ordförande")],
        [(177, "Dick Anderberg (M)")],
        [(64, "Övriga närvarande"), (177, "Ersättare"), (361, "Tjänstepersoner")],
        [(177, "Gunnar Riksén (KD)"), (361, "Stina Wikström, planarkitekt,")],
        [(361, "kommunstyrelsens förvaltning §§ 94-96")],
        [(361, "Sofia Axell, nämndsekreterare")],
        [(64, "Utses att justera"), (177, "Dick Anderberg (M)")],
    ]))
    got = {p.name: (p.role, p.affiliation) for p in found}
    assert got == {
        "Arvid Sandell": ("ordförande", "M"),
        "Lisa Ek": ("tjänstgörande ersättare", "S"),
        "Per Nylund": (None, "S"),  # the member Lisa Ek serves for, away
        "Heinrich Kaufmann": ("vice ordförande", "C"),
        "Dick Anderberg": ("ledamot", "M"),
        "Gunnar Riksén": ("ersättare", "KD"),
        "Stina Wikström": ("tjänsteperson", "kommunstyrelsens förvaltning"),
        "Sofia Axell": ("sekreterare", None),
    }


@pytest.mark.parametrize("wrapped", ["Ordförande §§ 51-59", "Ordförande $$ 51-59"])  # "§§" as written, as OCR read it
def test_a_wrapped_role_with_paragraphs_does_not_end_the_list(wrapped):
    found = attendance(make_lines([
        [(64, "Beslutande"), (177, "Ledamöter")],
        [(177, "Peter Wesley (KD), Vice ordförande §§ 46-50")],
        [(177, "Niclas Nilsson (M),")],
        [(177, wrapped)],
        [(177, "Susanne Persson (M)")],
        [(64, "Utses att justera"), (177, "Susanne Persson (M)")],
    ]))
    assert [(p.name, p.role) for p in found] == [
        ("Peter Wesley", "vice ordförande"), ("Niclas Nilsson", "ordförande"), ("Susanne Persson", "ledamot")]


def test_a_paragraph_sign_left_at_the_end_of_a_line_is_no_affiliation():
    found = attendance(make_lines([
        [(64, "Övriga närvarande"), (361, "Tjänstepersoner")],
        [(361, "Fortesa Bytyqi, exploateringsingenjör, §")],
    ]))
    assert [(p.name, p.role, p.affiliation) for p in found] == [("Fortesa Bytyqi", "tjänsteperson", None)]


def test_an_official_set_among_the_substitutes_is_an_official():
    found = attendance(make_lines([
        [(64, "Övriga närvarande"), (177, "Ersättare")],
        [(177, "Gunnar Riksén (KD)")],
        [(177, "Katarina Öryd, förvaltningschef")],
        [(177, "Per Nordström (MP)")],
    ]))
    assert [(p.name, p.role) for p in found] == [
        ("Gunnar Riksén", "ersättare"), ("Katarina Öryd", "tjänsteperson"), ("Per Nordström", "ersättare")]


def test_ocr_glued_names_split_and_slips_repaired_towards_the_document_s_spelling():
    lines = make_lines(["Närvarande: Bjorn Hallgren, Per Sjogren", "SvenMårtensson ledamot"], source="ocr")
    elsewhere = make_lines(["Björn Hallgren öppnade mötet."], source="ocr")
    found = attendance(lines, known=document_words(lines + elsewhere))
    # "Sjögren" is written nowhere in the document: the OCR reading stands.
    assert [p.name for p in found] == ["Björn Hallgren", "Per Sjogren", "Sven Mårtensson"]
    found = attendance(make_lines(["Närvarande:", "SvenMårtensson ledamot nr 79, gård 2"], source="ocr"))
    assert [(p.name, p.role) for p in found] == [("Sven Mårtensson", "ledamot")]


def test_a_typed_name_is_never_repaired():
    lines = make_lines(["Närvarande: Navid Ekdahl, Martha Lindqvist Holm"])
    known = document_words(make_lines(["David Ekdahl och Märtha Holm"]))
    assert [p.name for p in attendance(lines, known=known)] == ["Navid Ekdahl", "Martha Lindqvist Holm"]


def test_other_business_is_no_attendance_heading():
    assert attendance(make_lines(["Övriga frågor", "Kommande möten diskuterades."])) == []


def test_officer_label_resolved_to_attendance_name():
    people = people_of(
        ["Kallade: Markus Wetterberg, Johan Nåtoft", "Närvarande:", "Markus Wetterberg, Johan Nåtoft, Filip Haglund"],
        [item("2", "Val av mötesfunktionärer", ["- mötesordförande: Markus", "- mötessekreterare: Johan", "- justeringsperson: Filip"])],
    )
    assert {n: p.role for n, p in people.items()} == {
        "Markus Wetterberg": "ordförande", "Johan Nåtoft": "sekreterare", "Filip Haglund": "justerare"}


def test_officers_elected_in_items_are_present():
    people = people_of(["Protokoll fört vid årsmöte"], [
        item("1", "Val av ordförande för stämman", ["Tore Gurenius (71) valdes till ordförande för stämman."]),
        item("2", "Val av sekreterare för stämman", ["Valdes Nils Mandahl."]),
        item("3", "Val av två justeringsmän, tillika rösträknare",
             ["Stämman valde Anna Berg och Per Sjögren som justeringsmän och rösträknare."]),
        item("14", "Val av ordförande på ett år", ["Björn Hallgren väljs som ordförande"]),
    ])
    assert {n: (p.role, p.roles, p.status) for n, p in people.items()} == {
        "Tore Gurenius": ("ordförande", [], "present"),
        "Nils Mandahl": ("sekreterare", [], "present"),
        "Anna Berg": ("justerare", ["rösträknare"], "present"),
        "Per Sjögren": ("justerare", ["rösträknare"], "present"),
    }


def test_officers_under_role_subheadings_and_in_head_sentences():
    people = people_of(
        ["Val av mötesordförande",
         "Edvard Thörnros nominerar sig själv. Inga motsättningar. Mötet beslutar att Edvard utses till",
         "mötesordförande."],
        [item("2", "Val av mötesfunktionärer", [
            "a. Mötessekreterare", "Mötet nominerar och väljer Robin Sliwa.",
            "Justeringsperson tillika rösträknare", [(144, "iii."), (160, "Annie Wall")]])],
    )
    assert {n: (p.role, p.roles) for n, p in people.items()} == {
        "Edvard Thörnros": ("ordförande", []),
        "Robin Sliwa": ("sekreterare", []),
        "Annie Wall": ("justerare", ["rösträknare"]),
    }


def test_officer_with_attendance_role_keeps_it():
    people = people_of([
        [(64, "Beslutande"), (177, "Ledamöter")],
        [(177, "Dick Anderberg (M)")],
        [(64, "Utses att justera"), (177, "Dick Anderberg (M)")],
    ])
    assert (people["Dick Anderberg"].role, people["Dick Anderberg"].roles) == ("ledamot", ["justerare"])


def test_attendance_list_after_the_signing_block():
    people = people_of(["Protokoll"], signing=["Justeringsperson", "Annie Wall", "Närvarande", "Gustav Sörnäs", "Erik Mattsson"])
    assert set(people) == {"Gustav Sörnäs", "Erik Mattsson"}


def test_elected_names_forms():
    assert elected_names("Valdes Maria Terra och Håkan Lorentz.") == ["Maria Terra", "Håkan Lorentz"]
    assert elected_names("Sven Mårtensson och Adam Feld valdes till justeringsmän") == ["Sven Mårtensson", "Adam Feld"]
    assert elected_names("Torgny Vall (71) är vald som ordförande för stämman") == ["Torgny Vall"]
    assert elected_names("Mötet beslutar att välja Anna Berg till mötesordförande") == ["Anna Berg"]
    assert elected_names("Till sekreterare for motet valdes Bjorn Hallgren") == ["Bjorn Hallgren"]


def test_protokollforare_appointed_by_the_chair():
    people = people_of(["Protokoll"], [item("3", "Anmälan av stämmoordförandens val av protokollförare",
                                            ["Ordföranden meddelade att hon utsett Tomas Wikström till protokollförare."])])
    assert {n: p.role for n, p in people.items()} == {"Tomas Wikström": "sekreterare"}


def test_bulleted_attendance_list():
    found = attendance(make_lines([
        "Kallade", "• Olle Ek", "• Per Holm",
        "Närvarande", "• Victor Lells", "- Anna Berg", "– Karin Lindqvist, kassör", "3. Per Holm",
    ]))
    assert [(p.name, p.role, p.status) for p in found] == [
        ("Victor Lells", None, "present"), ("Anna Berg", None, "present"),
        ("Karin Lindqvist", "kassör", "present"), ("Per Holm", None, "present")]
    page_text = "\n".join(["Kallade", "• Olle Ek", "• Per Holm", "Närvarande", "• Victor Lells"])
    assert found[0].start == page_text.index("Victor Lells")  # evidence without the bullet


def test_two_names_without_a_comma_in_a_list():
    found = attendance(make_lines(["Närvarande", "Olle Ek, Per Holm, Dennis Lundberg Amanda Brodell"]))
    assert [p.name for p in found] == ["Olle Ek", "Per Holm", "Dennis Lundberg", "Amanda Brodell"]
    # Double names stay whole.
    found = attendance(make_lines(["Närvarande: Erik Ehn Blomgren, Marianne Nikitidis Claesson, Anna-Karin Ljungman"]))
    assert [p.name for p in found] == ["Erik Ehn Blomgren", "Marianne Nikitidis Claesson", "Anna-Karin Ljungman"]


def test_attendance_table_with_header_row():
    people = people_of([
        "Protokoll styrelsemöte",
        "Styrelseledamöter:",
        [(74, "Befattning"), (225, "Namn"), (376, "Närvarande")],
        [(74, "Ordförande"), (225, "Samuel Hammersberg"), (376, "Ja")],
        [(74, "Vice ordförande"), (225, "Tim Persson"), (376, "Ja")],
        [(74, "Kassör"), (225, "Josefin Kokkinakis"), (376, "Nej")],
        [(74, "Webbansvarig"), (225, "Olle Ek"), (376, "Ja")],
        "Övriga:",
        [(74, "Namn"), (225, "Parti"), (300, "Närvaro")],
        [(74, "Isabell Johansson"), (225, "S"), (300, "Ja, lämnade vid")],
        [(300, "punkt 5.1")],
        [(74, "Robin Persson"), (225, "(M)"), (300, "Nej")],
        "Mötets öppnande",
    ], [item("3", "Val av justerare", ["Tim Persson väljs till justerare."])])
    got = {n: (p.role, p.roles, p.status, p.affiliation, p.group) for n, p in people.items()}
    assert got == {
        "Samuel Hammersberg": ("ordförande", [], "present", None, "Styrelseledamöter"),
        "Tim Persson": ("vice ordförande", ["justerare"], "present", None, "Styrelseledamöter"),
        "Josefin Kokkinakis": ("kassör", [], "absent", None, "Styrelseledamöter"),
        "Olle Ek": (None, [], "present", None, "Styrelseledamöter"),
        "Isabell Johansson": (None, [], "present", "S", "Övriga"),
        "Robin Persson": (None, [], "absent", "M", "Övriga"),
    }


def test_attendance_table_under_a_heading_with_marks_and_substitutes():
    found = attendance(make_lines([
        "Närvarande",
        [(60, "Ledamot"), (200, "Roll"), (300, "Frånvarande"), (380, "Ersätter")],
        [(60, "Berg, Anna"), (200, "ordf."), (300, "")],
        [(60, "Olle Ek"), (300, "X")],
        [(60, "Karin Lind"), (200, "ersättare"), (380, "Olle Ek")],
        "Anna Berg öppnade mötet och hälsade alla välkomna till dagens sammanträde.",
    ]))
    assert [(p.name, p.role, p.status, p.group) for p in found] == [
        ("Anna Berg", "ordförande", "present", "Närvarande"),
        ("Olle Ek", None, "absent", "Närvarande"),
        ("Karin Lind", "ersättare", "present", "Närvarande"),
    ]


def test_table_header_words_alone_are_no_table():
    # Sub-headings of the attendance part are columns of names, not a table's header.
    found = attendance(make_lines([
        [(60, "Deltagare"), (200, "Frånvarande")],
        [(60, "Anna Berg"), (200, "Olle Ek")],
    ]))
    assert [(p.name, p.status) for p in found] == [("Anna Berg", "present"), ("Olle Ek", "absent")]


def test_role_beside_the_name_in_other_forms():
    found = attendance(make_lines([
        "Närvarande:",
        "• Anna Berg – ordförande",
        "Olle Ek (sekr)",
        "Vice ordförande Per Holm",
        [(60, "Kassör"), (200, "Karin Lind")],
        "Ledamot Lisa Ek",
        "Plats: Föreningslokalen",
    ]))
    assert [(p.name, p.role) for p in found] == [
        ("Anna Berg", "ordförande"), ("Olle Ek", "sekreterare"), ("Per Holm", "vice ordförande"),
        ("Karin Lind", "kassör"), ("Lisa Ek", "ledamot")]
    text = "\n".join(["Närvarande:", "• Anna Berg – ordförande", "Olle Ek (sekr)", "Vice ordförande Per Holm", "Kassör\tKarin Lind"])
    assert [text[p.start:p.end] for p in found[:4]] == ["Anna Berg", "Olle Ek", "Per Holm", "Karin Lind"]


def test_comma_list_with_roles_in_parentheses():
    found = attendance(make_lines(["Deltagare: Anna Berg (ordf), Olle Ek (S) (sekr), Per Holm"]))
    assert [(p.name, p.role, p.affiliation) for p in found] == [
        ("Anna Berg", "ordförande", None), ("Olle Ek", "sekreterare", "S"), ("Per Holm", None, None)]


def test_table_name_broken_over_two_lines():
    found = attendance(make_lines([
        [(74, "Namn"), (300, "Närvarande")],
        [(74, "Nikhil Olsson"), (300, "Ja")],
        [(74, "Mukhopadhyay")],
        [(74, "Robin Persson"), (300, "Nej")],
    ]))
    assert [(p.name, p.status) for p in found] == [("Nikhil Olsson Mukhopadhyay", "present"), ("Robin Persson", "absent")]


def test_function_name_handle_table_with_nicknames_and_a_person_in_two_rows():
    found = people_of([
        "Kl: 18:05",
        [(110, "Funktion"), (280, "Namn"), (470, "E-post/Användarnamn")],
        [(110, "Mötesordförande"), (280, "Kerstin “Kiki” Wallgren"), (470, "kwall")],
        [(110, "Vice mötesordförande"), (280, "Tor Bäckman"), (470, "torb@example.org")],
        [(110, "Klubbkassör"), (280, "Maja Holm"), (470, "majho")],
        [(110, "Inspektor"), (280, "Rune Falk"), (470, "rune.falk@example.org")],
        # The role ran into the name: the gap between the columns too narrow for two cells.
        [(110, "Justerare och rösträknare Sture Nyman"), (470, "stnym")],
        [(110, "Justerare"), (280, "Maja Holm"), (470, "majho")],
        [(110, "Maskot"), (280, "Bamse"), (470, "bamse99")],
        "Övriga närvarande, se bilaga 2",
    ])
    assert {n: (p.role, p.roles) for n, p in found.items()} == {
        "Kerstin “Kiki” Wallgren": ("ordförande", []),
        "Tor Bäckman": ("vice ordförande", []),
        "Maja Holm": ("kassör", ["justerare"]),
        "Rune Falk": (None, []),
        "Sture Nyman": ("justerare", ["rösträknare"]),
        "Bamse": (None, []),
    }


def test_municipal_template_with_substitutes_serving_for_members():
    found = attendance(make_lines([
        "Beslutande ledamöter:",
        "Ingrid Holm (M), Ordförande",
        "Sven Ek (S), 1:e vice ordförande",
        "Lena Berg (C)",
        "Tjänstgörande ersättare:",
        "Kalle Nord (S) ersätter Stina Söder (S)",
        "Ej tjänstgörande ersättare:",
        "Per Lund (-)",
        "Övriga deltagare:",
        "Mona Dahl, Nämndsekreterare",
        "Elsa Ström, Ekonomichef § 4–6",
        "Jonas Vik (L), regionfullmäktiges ordförande, adjungerad",
    ]))
    assert [(p.name, p.status, p.role, p.affiliation) for p in found] == [
        ("Ingrid Holm", "present", "ordförande", "M"),
        ("Sven Ek", "present", "vice ordförande", "S"),
        ("Lena Berg", "present", "ledamot", "C"),
        ("Kalle Nord", "present", "tjänstgörande ersättare", "S"),
        ("Stina Söder", "absent", None, "S"),
        ("Per Lund", "present", "ersättare", "-"),
        ("Mona Dahl", "present", "sekreterare", None),
        ("Elsa Ström", "present", "tjänsteperson", None),
        ("Jonas Vik", "present", "adjungerad", "L"),
    ]


def test_bullets_as_ocr_reads_them_and_a_rule_between_groups():
    found = attendance(make_lines([
        "Deltagare", "Närvarande:", "» Hugo Lindell", "« Selma Ahl", ".« Otto Brandt", "---",
        "= Alva Kjellberg, ordförande", "Frånvarande:", "« Nils Sandell", "Agenda",
    ], source="ocr"))
    assert [(p.name, p.status, p.role) for p in found] == [
        ("Hugo Lindell", "present", None), ("Selma Ahl", "present", None), ("Otto Brandt", "present", None),
        ("Alva Kjellberg", "present", "ordförande"), ("Nils Sandell", "absent", None)]


def test_functions_and_organisations_beside_a_name():
    found = attendance(make_lines([
        "Närvarande:",
        "Ville Strand – Medlem",
        "Tilda Ek – Medlem tillika justeringsperson",
        "Arvid Ros – Webbansvarig",
        "Greta Lind (Skatteverket)",
        "Moa Falk, Lantmäteriet",
    ]))
    assert [(p.name, p.affiliation) for p in found] == [
        ("Ville Strand", None), ("Tilda Ek", None), ("Arvid Ros", None),
        ("Greta Lind", "Skatteverket"), ("Moa Falk", "Lantmäteriet")]


def test_attendance_as_a_sentence_and_inside_an_item():
    found = attendance(make_lines(["Närvarande var Hedda Borg, Axel Nyström och Vera Lund."]))
    assert [p.name for p in found] == ["Hedda Borg", "Axel Nyström", "Vera Lund"]
    people = people_of(["Protokoll fört vid årsstämma"], [
        item("7", "Fastställande av röstlängd", [
            "Närvarande medlemmar med rösträtt: Hedda Borg, Axel Nyström, Vera Lund"]),
        item("8", "Val av styrelse", ["Ledamöter i styrelsen är bland andra Åke Ro."]),
    ])
    assert {n: p.status for n, p in people.items()} == {
        "Hedda Borg": "present", "Axel Nyström": "present", "Vera Lund": "present"}


def test_property_units_before_the_names_and_a_person_who_assists():
    found = attendance(make_lines([
        "Närvarande: — Lövås 2:3 — Erik Sten och Sara Sten",
        [(60, "Lövås 2:7 (andelstal 120)"), (250, "Ida Ström (biträdd av Lars Ström)")],
        [(60, "Lövås 3:1 (andelstal 40)"), (250, "Bo Ek — enl. fullmakt för Eva Ek")],
    ]))
    assert [(p.name, p.status) for p in found] == [
        ("Erik Sten", "present"), ("Sara Sten", "present"), ("Ida Ström", "present"),
        ("Lars Ström", "present"), ("Bo Ek", "present")]


def test_officers_in_an_election_list_by_their_acts_and_by_label():
    people = people_of(
        ["Närvarande: Hanna Berglöf, Isak Wern, Tova Linde", "Vid protokollet: Tova Linde"],
        [item("1", "Hanna Berglöf ledde mötet och Isak Wern justerar protokollet.", []),
         item("2", "Som mötesfunktionärer valdes", ["(a) Hanna till ordförande,", "(b) Isak till justeringsperson."])],
    )
    assert {n: p.role for n, p in people.items()} == {
        "Hanna Berglöf": "ordförande", "Isak Wern": "justerare", "Tova Linde": "sekreterare"}


def test_the_chair_already_there_is_not_the_one_elected():
    people = people_of(["Protokoll fört vid föreningsstämma"], [
        item("3", "Anmälan av stämmoordförandens val av protokollförare",
             ["Stämmoordförande anmälde Ebba Sjöholm som protokollförare."]),
        item("7", "Val av två personer att jämte stämmoordföranden justera", [
            "protokollet", "Stämman föreslog Alf Rydén och Mira Kask som justerare jämte", "stämmoordföranden.",
            "Beslutades att jämte stämmoordföranden välja Alf Rydén och Mira Kask"]),
        item("20", "Val av valberedning, en ledamot utses till valberedningens ordförande",
             ["Beslutades att välja Kim Tran och Pia Holst till valberedning."]),
    ])
    assert {n: p.role for n, p in people.items()} == {
        "Ebba Sjöholm": "sekreterare", "Alf Rydén": "justerare", "Mira Kask": "justerare"}


def test_compound_role_words():
    from extractor.fields.participants import find_roles
    assert [r[2] for r in find_roles("Sektionsordförande")] == ["ordförande"]
    assert find_roles("Vice klubbordförande")[0][1:] == ("Vice klubbordförande", "vice ordförande")
    assert find_roles("Huvudsystemansvarig") == ()


def test_paragraph_numbers_wrapped_onto_a_line_of_their_own_carry_on_the_row_above():
    # "§§ 12, 14-15," wraps so that its last numbers stand alone; the next name is a new person.
    found = attendance(make_lines([
        "Närvarande",
        "Karin Dahl (S), ordförande §§ 10,",
        "12-15",
        "Olof Viklund (M) §§ 10-15",
        "-----",
        "Ebba Strand (C)",
    ]))
    assert [p.name for p in found] == ["Karin Dahl", "Olof Viklund", "Ebba Strand"]
