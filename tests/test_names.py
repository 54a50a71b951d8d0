"""Name shapes, name order and OCR repairs."""
from extractor.names import leading_name, looks_like_person, names_in, natural_order, repair_name, split_glued


def test_natural_order():
    assert natural_order("Söderström, Anna") == "Anna Söderström"
    assert natural_order("Anna Söderström") == "Anna Söderström"


def test_leading_name_stops_at_role_and_party():
    assert leading_name("Thure Sandén (M), Ordförande")[0] == "Thure Sandén"
    assert leading_name("Kenneth Mårtensson ledamot nr 79")[0] == "Kenneth Mårtensson"


def test_names_in_clause():
    assert names_in("Maria Terra och Håkan Lorentz, hus 7") == ["Maria Terra", "Håkan Lorentz"]


def test_repair_marks_and_one_letter_slips():
    assert repair_name("Bjorn Goffeng") == "Björn Goffeng"
    assert repair_name("Jan Sjogren") == "Jan Sjögren"
    assert repair_name("Toreny Roxå") == "Torgny Roxå"
    assert repair_name("Stattan Lorin") == "Staffan Lorin"  # f and t look alike to OCR
    assert repair_name("Kenneth Mäartensson") == "Kenneth Mårtensson"  # "å" read as two letters
    # Known and unknown-but-plausible names are kept.
    assert repair_name("Britt Tönnberg") == "Britt Tönnberg"
    assert repair_name("Daniel Hognert") == "Daniel Hognert"


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
