"""Signing blocks: columns, head "Underskrifter", OCR noise, officers filling unreadable names."""
from extractor.fields.participants import PersonEntry
from extractor.fields.signatures import head_signatures, signatures
from tests.test_participants import make_lines


def pairs(found):
    return [(s.name, s.role) for s in found]


def test_two_columns_with_names_below():
    lines = make_lines([
        [(60, "Vid protokollet"), (320, "Justeras")],
        [(60, "Nils Mandahl"), (320, "Maria Terra")],
        [(60, "Mötesordförande")],
        [(60, "Torgny Roxå")],
    ])
    assert pairs(signatures(lines)) == [
        ("Nils Mandahl", "sekreterare"), ("Maria Terra", "justerare"), ("Torgny Roxå", "ordförande")]


def test_municipal_underskrifter_in_the_head():
    lines = make_lines([
        [(64, "Utses att justera"), (177, "Dick Anderberg (M)")],
        "Underskrifter",
        [(60, "Sekreterare"), (300, "Paragrafer § 93")],
        [(173, "Sofia Axell")],
        "Ordförande",
        [(173, "Arvid Sandell (M)")],
        "Justerande",
        [(173, "Dick Anderberg (M)")],
        "ANSLAG/BEVIS",
        "Underskrift",
    ])
    assert pairs(head_signatures(lines)) == [
        ("Sofia Axell", "sekreterare"), ("Arvid Sandell", "ordförande"), ("Dick Anderberg", "justerare")]


def test_signature_noise_is_dropped_and_attendance_ends_the_block():
    lines = make_lines([
        [(77, "Mötesordförande"), (300, "Mötessekreterare")],
        [(77, "Frans Skarman"), (300, "Robin Silwa")],
        [(77, "ard"), (300, "EZ SWaa")],
        "Aa NA RE",
        "Justeringsperson",
        "Hugo Hörnquist",
        "Närvarande",
        "Gustav Sörnäs",
    ])
    assert pairs(signatures(lines)) == [
        ("Frans Skarman", "ordförande"), ("Robin Silwa", "sekreterare"), ("Hugo Hörnquist", "justerare")]


def person(name, role, status="present"):
    return PersonEntry(name=name, status=status, group=None, role=role)


def test_officers_fill_what_ocr_could_not_read():
    people = [person("Lena Holmqvist", "sekreterare"), person("Gösta Lindberg", "ordförande"),
              person("Rune Åkerlund", "justerare"), person("Mira Sandell", "justerare"),
              person("Kjell Lind", "ledamot", "absent")]
    lines = make_lines([
        [(60, "Vid protokollet"), (300, "Mötesordförande")],
        [(60, "Lena de Holmqvist VA"), (240, "Ita Öron")],
        [(240, "Gösta Lindbe")],
        [(60, "Justeras"), (200, "(ce"), (300, "Justeras")],
        "Rune Åkerlund",
    ])
    assert sorted(pairs(signatures(lines, people))) == sorted([
        ("Lena Holmqvist", "sekreterare"), ("Gösta Lindberg", "ordförande"),
        ("Rune Åkerlund", "justerare"), ("Mira Sandell", "justerare")])


def test_one_attesting_label_over_a_name_and_unreadable_strokes_stands_for_both_justerare():
    # The second justerare signed by hand beside the first one's printed name; OCR reads strokes.
    people = [person("Lena Holmqvist", "sekreterare"), person("Rune Åkerlund", "justerare"),
              person("Mira Sandell", "justerare")]
    lines = make_lines([
        [(60, "Vid protokollet")],
        "Lena Holmqvist",
        [(60, "Justeras")],
        [(60, "Rune Åkerlund"), (240, "Al")],
    ], source="ocr")
    assert sorted(pairs(signatures(lines, people))) == sorted([
        ("Lena Holmqvist", "sekreterare"), ("Rune Åkerlund", "justerare"), ("Mira Sandell", "justerare")])


def test_blank_form_is_not_signed():
    people = [person("Anna Berg", "ordförande")]
    lines = make_lines([
        [(57, "Mötesordförande"), (300, "Mötessekreterare")],
        [(57, "Namn"), (300, "Namn")],
        [(57, "Signatur"), (300, "Signatur")],
        [(57, "Datum och Ort"), (300, "Datum och Ort")],
    ])
    assert signatures(lines, people) == []


def test_name_without_label_above_takes_the_office_held():
    people = [person("Kjell Bergström", "sekreterare"), person("Maria Terra", "ordförande")]
    lines = make_lines([
        [(67, "Sekreterare")],
        [(66, "Gel2 RÅ Berghamn q"), (340, "a FE VA ÅA CEN ;")],
        [(68, "Kjell Bergström"), (340, "Maria Terra")],
    ])
    assert pairs(signatures(lines, people)) == [("Kjell Bergström", "sekreterare"), ("Maria Terra", "ordförande")]


def test_underskrifter_sharing_a_line_with_the_first_label():
    lines = make_lines([
        [(20, "Underskrifter"), (50, "Sekreterare"), (140, "Paragrafer §§ 45–47")],
        [(50, "Peter Ek")],
        [(50, "Ordförande")],
        [(50, "Maria Holm")],
    ])
    assert pairs(head_signatures(lines)) == [("Peter Ek", "sekreterare"), ("Maria Holm", "ordförande")]


def test_municipal_head_label_column_without_underskrifter_heading():
    lines = make_lines([
        [(60, "Plats och tid för"), (173, "Digital justering")],
        "justering",
        [(60, "Sekreterare"), (383, "Paragrafer"), (445, "§§ 12-14")],
        [(173, "Sofia Axell")],
        "Ordförande",
        [(173, "Arvid Sandell (M)")],
        "Protokolljusterare",
        [(173, "Dick Anderberg (M)")],
    ])
    assert pairs(head_signatures(lines)) == [
        ("Sofia Axell", "sekreterare"), ("Arvid Sandell", "ordförande"), ("Dick Anderberg", "justerare")]


def test_officers_named_in_the_head_are_no_signatures():
    lines = make_lines(["Mötesordförande: Anna Berg", "Mötessekreterare: Olle Ek", "Justerare: Per Holm"])
    assert head_signatures(lines) == []


def test_two_column_signing_block_with_bold_labels():
    lines = make_lines([
        [(82, "Mötesordförande"), (300, "Mötessekreterare")],
        [(82, "Edvard Thörnros"), (300, "Gustav Sörnäs")],
        [(82, "Justeringsperson"), (300, "Justeringsperson")],
        [(82, "Annie Wall"), (300, "Erik Mattsson")],
    ])
    assert pairs(signatures(lines)) == [
        ("Edvard Thörnros", "ordförande"), ("Gustav Sörnäs", "sekreterare"),
        ("Annie Wall", "justerare"), ("Erik Mattsson", "justerare")]


def test_signing_label_only_before_a_name():
    from extractor.matching import signing_label

    labels = ["Ordförande", "Justeras", "Vid protokollet"]
    assert signing_label("Ordförande", labels) == ("Ordförande", 10)
    assert signing_label("Vid protokollet: Anna Maria Berg", labels) == ("Vid protokollet", 16)
    assert signing_label("Ordforande Nils Mandahl", labels) == ("Ordförande", 10)  # an OCR slip
    assert signing_label("Ordföranden avslutade mötet.", labels) is None
    assert signing_label("Ordförande Anna Berg förklarade mötet öppnat", labels) is None
    assert signing_label("Justeras protokollet av Anna Berg", labels) is None


def test_municipal_head_labels_with_the_names_beside_them():
    lines = make_lines([
        "Byggnadsnämnden",
        [(60, "Sekreterare Sofia Axell"), (231, "Paragrafer § 69")],
        [(60, "Ordförande Arvid Sandell (M)")],
        [(60, "Protokolljusterare Dick Anderberg (M)")],
        [(507, "2 (6)")],
    ])
    assert pairs(head_signatures(lines)) == [
        ("Sofia Axell", "sekreterare"), ("Arvid Sandell", "ordförande"), ("Dick Anderberg", "justerare")]


def test_an_officer_named_with_a_colon_in_the_head_is_no_signature():
    lines = make_lines(["Styrelsemöte 2024-03-12", "Ordförande: Anna Berg", "Sekreterare: Olle Ek", "Närvarande: Anna Berg, Olle Ek"])
    assert head_signatures(lines) == []


def test_a_label_garbled_by_ocr_still_heads_its_column():
    lines = make_lines([
        [(66, "Vid protokollet"), (328, "NEötesovdförsndp”")],
        [(65, "Nils Mandahl"), (319, "Torgny Roxå")],
    ])
    assert pairs(signatures(lines)) == [("Nils Mandahl", "sekreterare"), ("Torgny Roxå", "ordförande")]


def test_an_office_under_a_name_is_the_role_it_was_signed_in():
    lines = make_lines([
        [(60, "Vid protokollet"), (321, "Justeras")],
        [(60, "Sara Malmkvist"), (321, "Maria Terra")],
        [(60, "Sekreterare"), (321, "Ordförande")],
    ])
    assert pairs(signatures(lines)) == [("Sara Malmkvist", "sekreterare"), ("Maria Terra", "ordförande")]


def test_an_office_with_a_name_below_it_is_that_names_label():
    lines = make_lines([
        [(48, "Vid protokollet"), (273, "Justeras")],
        [(48, "Ingrid Kristensen"), (273, "Ylva Selander")],
        [(48, "Ordförande")],
        [(48, "______________________________")],
        [(48, "Björn Goffeng")],
    ])
    assert pairs(signatures(lines)) == [
        ("Ingrid Kristensen", "sekreterare"), ("Ylva Selander", "justerare"), ("Björn Goffeng", "ordförande")]


def test_an_attesting_label_under_names_does_not_change_their_offices():
    lines = make_lines([
        [(110, "Sekreterare"), (325, "Ordförande")],
        [(109, "Hans Sandberg"), (325, "Tore Gurenius")],
        [(109, "Justeras"), (324, "Justeras")],
        [(109, "Torgny Roxå")],
    ])
    assert pairs(signatures(lines)) == [
        ("Hans Sandberg", "sekreterare"), ("Tore Gurenius", "ordförande"), ("Torgny Roxå", "justerare")]


def test_name_then_label_on_one_line_in_a_two_by_two_block():
    lines = make_lines([
        [(85, "Ida Sjöholm, mötessekreterare"), (312, "Per Alm, mötesordförande")],
        [(85, "Lena Ekdahl, justeringsperson"), (312, "Kim Holmér – justeringsperson")],
    ])
    found = signatures(lines)
    assert pairs(found) == [
        ("Ida Sjöholm", "sekreterare"), ("Per Alm", "ordförande"),
        ("Lena Ekdahl", "justerare"), ("Kim Holmér", "justerare")]
    assert found[0].label == "mötessekreterare"  # as written


def test_label_then_comma_and_name_on_single_lines():
    lines = make_lines(["Sekreterare, Hanna Vik", "Justerat, Oskar Lundén", "Ordförande Jonas Bergkvist 2023-06-01"])
    assert pairs(signatures(lines)) == [
        ("Hanna Vik", "sekreterare"), ("Oskar Lundén", "justerare"), ("Jonas Bergkvist", "ordförande")]


def test_one_attesting_label_over_a_grid_of_names():
    people = [person("Greta Lindqvist", "ordförande"), person("Karin Blom", "sekreterare")]
    lines = make_lines([
        "Vid protokollet",
        "Karin Blom",
        "Justeras:",
        [(85, "Greta Lindqvist"), (216, "Olof Brandt"), (346, "Sara Eklöf")],
        [(85, "Nils Dahlgren"), (216, "Eva Strand"), (346, "Johan Rask")],
    ])
    assert pairs(signatures(lines, people)) == [
        ("Karin Blom", "sekreterare"), ("Greta Lindqvist", "ordförande"), ("Olof Brandt", "justerare"),
        ("Sara Eklöf", "justerare"), ("Nils Dahlgren", "justerare"), ("Eva Strand", "justerare"),
        ("Johan Rask", "justerare")]


def test_an_office_label_does_not_head_a_name_far_from_it():
    lines = make_lines([
        "Ordförande",
        [(60, "Greta Lindqvist"), (340, "Olof Brandt")],
    ])
    assert pairs(signatures(lines)) == [("Greta Lindqvist", "ordförande")]


def test_digital_signing_sentence_in_the_head_with_names_in_the_next_column():
    lines = make_lines([
        [(62, "Plats:"), (237, "Rådhuset, Stora salen")],
        [(62, "Utses att justera:"), (237, "Lars Öberg")],
        "Protokollet har justerats digitalt av:",
        [(62, "Sekreterare:"), (237, "Eva Lindholm")],
        [(62, "Ordförande:"), (237, "Mats Hägg")],
        [(62, "Justerande:"), (237, "Lars Öberg")],
        "ANSLAG/BEVIS",
        [(62, "Underskrift:"), (237, "Eva Lindholm")],
    ])
    assert pairs(head_signatures(lines)) == [
        ("Eva Lindholm", "sekreterare"), ("Mats Hägg", "ordförande"), ("Lars Öberg", "justerare")]


def test_a_heading_with_no_signatures_under_it_does_not_hide_the_label_column():
    lines = make_lines([
        [(60, "Underskrift"), (200, "Se sista sidan")],
        "ANSLAG",
        [(60, "Sekreterare"), (173, "Sofia Axell")],
        [(60, "Ordförande"), (173, "Arvid Sandell (M)")],
    ])
    assert pairs(head_signatures(lines)) == [("Sofia Axell", "sekreterare"), ("Arvid Sandell", "ordförande")]


def test_labels_under_the_names():
    lines = make_lines([
        [(126, "Harald Wikström"), (345, "Linnea Sandberg")],
        [(126, "Stämmoordförande"), (345, "Protokollförare")],
        [(126, "Maja Forsberg"), (345, "Gustav Nordin")],
        [(126, "Justerare"), (345, "Justerare")],
    ])
    assert pairs(signatures(lines)) == [
        ("Harald Wikström", "ordförande"), ("Linnea Sandberg", "sekreterare"),
        ("Maja Forsberg", "justerare"), ("Gustav Nordin", "justerare")]


def test_a_name_split_by_ocr_into_two_cells_is_one_name():
    lines = make_lines([
        [(126, "Maja"), (160, "Forsberg"), (345, "Gustav Nordin")],
        [(126, "Justerare"), (345, "Justerare")],
    ])
    for line in lines:
        line.source = "ocr"
    assert pairs(signatures(lines)) == [("Maja Forsberg", "justerare"), ("Gustav Nordin", "justerare")]


def test_a_nickname_in_quotes_is_part_of_the_name_and_a_summary_list_is_no_signature():
    lines = make_lines([
        "Sekreterare,",
        "Ola “Bus” Falk",
        "Mötesordförande,",
        "Tilda Ström",
        "Lista över beslut",
        "Ola “Bus” Falk väljs till mötessekreterare. . . . . . . . . . 2",
        "Ebbe Karlsson väljs till justerare tillika rösträknare. . . . . 2",
    ])
    assert pairs(signatures(lines)) == [("Ola “Bus” Falk", "sekreterare"), ("Tilda Ström", "ordförande")]


def test_a_typed_name_is_never_repaired_and_an_ocr_name_only_towards_the_document():
    typed = make_lines(["Sekreterare", "Anna Sjogren"])
    assert pairs(signatures(typed)) == [("Anna Sjogren", "sekreterare")]
    scanned = make_lines(["Sekreterare", "Anna Sjogren"])
    for line in scanned:
        line.source = "ocr"
    assert pairs(signatures(scanned)) == [("Anna Sjogren", "sekreterare")]  # no other spelling in the document
    people = [person("Anna Sjögren", "sekreterare")]
    assert pairs(signatures(scanned, people)) == [("Anna Sjögren", "sekreterare")]


def test_a_label_broken_apart_by_ocr_and_one_signer_for_each_justerare_label():
    people = [person("Hanna Vik", "sekreterare"), person("Oskar Lundén", "justerare"),
              person("Maja Ekström", "justerare"), person("Tor Ahlgren", "justerare")]
    lines = make_lines([
        [(70, "Sekreterare"), (331, "Justeringsman")],
        [(70, "Hanna Vik"), (320, "l,l-A,* J*40'")],
        [(331, "Justeringskv inn a")],
        [(331, "Maja Ekström")],
    ])
    for line in lines:
        line.source = "ocr"
    found = signatures(lines, people)
    assert sorted(pairs(found)) == sorted([
        ("Hanna Vik", "sekreterare"), ("Maja Ekström", "justerare"), ("Oskar Lundén", "justerare")])
    assert {s.label for s in found} == {"Sekreterare", "Justeringskvinna", "Justeringsman"}


def test_a_pages_initials_box_is_no_signing_block():
    people = [person("Lars Öberg", "justerare")]
    lines = make_lines([[(64, "Justerande"), (181, "ET")], "Kommunstyrelsen beslutar att anta förslaget."])
    for line in lines:
        line.source = "ocr"
    assert signatures(lines, people) == []


def test_label_cell_and_trailing_label_are_one_notion_for_segment_and_signatures():
    from extractor.matching import label_cell, trailing_label
    from extractor.vocab import load

    labels = [entry["label"] for entry in load("structure")["signatures"]["labels"]]
    assert label_cell("Protokollf örare", labels)[:2] == ("Protokollförare", "Protokollförare")
    assert label_cell("Ordförande Lisa Ström", labels)[1] == "Ordförande"
    assert label_cell("Lisa Ström", labels) is None
    assert trailing_label("Lisa Ström, protokollförare", labels) == ("Lisa Ström", "Protokollförare", "protokollförare")
    assert trailing_label("Lisa Ström – J usterare", labels)[:2] == ("Lisa Ström", "Justerare")
    # A label followed by more words is a sentence about the officer, not a label closing a cell.
    assert trailing_label("Lisa Ström, ordförande för valberedningen", labels) is None


def _minutes_signed(tmp_path, signing_rows):
    from extractor import extract
    from pdf_factory import write_pdf

    rows = [
        [(20, "**Protokoll fört vid styrelsemöte i Kanotklubben Virvel")],
        [(20, "Datum: 2024-03-07")],
        [(20, "Närvarande: Lisa Ström, Omar Farah, Britt Olsson, Emil Sandin")],
        [],
        [(20, "§ 1 Mötets öppnande")], [(25, "Lisa Ström öppnade mötet.")],
        [(20, "§ 2 Paddelkurs")], [(25, "Styrelsen beslutade att hålla en paddelkurs i maj.")],
        [(20, "§ 3 Mötets avslutande")], [(25, "Lisa Ström avslutade mötet.")],
        [],
        *signing_rows,
    ]
    return [(s.name, s.role) for s in extract(write_pdf(tmp_path / "m.pdf", [rows]), entities=False).signatures]


def test_a_block_of_name_and_label_cells_is_read_through_the_pipeline(tmp_path):
    found = _minutes_signed(tmp_path, [
        [(20, "Omar Farah, protokollförare"), (110, "Lisa Ström, mötesordförande")],
        [(20, "Britt Olsson, justerare"), (110, "Emil Sandin, justerare")],
    ])
    assert found == [("Omar Farah", "sekreterare"), ("Lisa Ström", "ordförande"),
                     ("Britt Olsson", "justerare"), ("Emil Sandin", "justerare")]


def test_names_over_their_labels_are_read_through_the_pipeline(tmp_path):
    found = _minutes_signed(tmp_path, [
        [(20, "Omar Farah"), (110, "Lisa Ström")],
        [(20, "Protokollförare"), (110, "Ordförande")],
        [],
        [(20, "Britt Olsson"), (110, "Emil Sandin")],
        [(20, "Justerare"), (110, "Justerare")],
    ])
    assert sorted(found) == sorted([("Omar Farah", "sekreterare"), ("Lisa Ström", "ordförande"),
                                    ("Britt Olsson", "justerare"), ("Emil Sandin", "justerare")])
