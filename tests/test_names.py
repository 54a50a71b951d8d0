"""Name shapes, name order and OCR repairs."""
from extractor.names import leading_name, looks_like_person, names_in, natural_order, repair_name, split_glued


def test_natural_order():
    assert natural_order("Söderström, Anna") == "Anna Söderström"
    assert natural_order("Anna Söderström") == "Anna Söderström"


def test_leading_name_stops_at_role_and_party():
    assert leading_name("Arvid Sandell (M), Ordförande")[0] == "Arvid Sandell"
    assert leading_name("Sven Mårtensson ledamot nr 79")[0] == "Sven Mårtensson"


def test_names_in_clause():
    assert names_in("Maria Terra och Håkan Lorentz, hus 7") == ["Maria Terra", "Håkan Lorentz"]


def test_ocr_repairs_only_towards_a_spelling_the_document_writes():
    known = {"Björn", "Sjögren", "Torgny", "Staffan", "Mårtensson", "Hallgren"}
    assert repair_name("Bjorn Hallgren", "ocr", known) == "Björn Hallgren"
    assert repair_name("Per Sjogren", "ocr", known) == "Per Sjögren"
    assert repair_name("Toreny Vall", "ocr", known) == "Torgny Vall"
    assert repair_name("Stattan Munk", "ocr", known) == "Staffan Munk"  # f and t look alike to OCR
    assert repair_name("Sven Mäartensson", "ocr", known) == "Sven Mårtensson"  # "å" read as two letters
    # Known and unknown-but-plausible names are kept.
    assert repair_name("Britt Tönnby", "ocr", known) == "Britt Tönnby"
    assert repair_name("Daniel Hedquist", "ocr", known) == "Daniel Hedquist"


def test_no_repair_towards_a_name_the_document_does_not_write():
    # The gazetteer alone knows "Björn" and "David": an unusual name OCR read right stays.
    assert repair_name("Bjorn Hallgren", "ocr", {"Hallgren"}) == "Bjorn Hallgren"
    assert repair_name("Navid Ekdahl", "ocr", {"Navid", "Ekdahl"}) == "Navid Ekdahl"
    assert repair_name("SvenMårtensson", "ocr") == "Sven Mårtensson"  # glued names are still split


def test_a_name_from_the_text_layer_is_never_repaired():
    known = {"Björn", "David", "Märtha"}
    for typed in ("Bjorn Hallgren", "Navid Ekdahl", "Martha Lindqvist Holm"):
        assert repair_name(typed, "text-layer", known) == typed


def test_names_with_a_nickname_or_a_middle_initial():
    assert leading_name("Kerstin “Kiki” Wallgren\tkwall")[0] == "Kerstin “Kiki” Wallgren"
    assert leading_name('Mats "m" Ohlin, kassör')[0] == 'Mats "m" Ohlin'
    assert leading_name("Ragnar P. Holm\tx")[0] == "Ragnar P. Holm"
    assert leading_name("Ragnar P Holm")[0] == "Ragnar P Holm"
    assert leading_name("Ragnar P.")[0] == "Ragnar"
    assert names_in("Kerstin “Kiki” Wallgren väljs till ordförande") == ["Kerstin “Kiki” Wallgren"]


def test_split_glued():
    assert split_glued("SaraMalmkvist") == "Sara Malmkvist"
    assert split_glued("McDonald") == "McDonald"


def test_looks_like_person():
    assert looks_like_person("Anna-Karin Ljungman")
    assert looks_like_person("Sara Malmkvist")
    for noise in ("NANA SM", "EZ SWaa", "Je Terra", "Ita Öron", "Stenåldersvägen Stenåldersvägen"):
        assert not looks_like_person(noise), noise


def test_split_run_on_two_people_without_a_comma():
    from extractor.names import split_run_on
    assert split_run_on("Dennis Lundberg Amanda Brodell") == ["Dennis Lundberg", "Amanda Brodell"]
    assert split_run_on("Per Anders Karlsson Nils Erik Persson") == ["Per Anders Karlsson", "Nils Erik Persson"]
    for whole in ("Erik Ehn Blomgren", "Marianne Nikitidis Claesson", "Anna-Karin Ljungman",
                  "Anna Maria Berg", "Carl von Linné Anna", "Lars Göran Martin Svensson"):
        assert split_run_on(whole) == [whole]
