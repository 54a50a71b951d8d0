"""The Swedish NER model, its rule layer, the gazetteers and the entity API."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

from extractor import gazetteer  # noqa: E402
from extractor.training import ner as nt  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
MODEL_DIR = REPO / "extractor" / "data" / "sv_protokoll_ner"
SHARED_DATA = REPO.parent / "shared" / "data"
TEST_CORPUS = SHARED_DATA / "swedish-ner-corpus" / "test_corpus.txt"
ANNOTATIONS = REPO / "corpus" / "ner" / "minutes_annotations.jsonl"


def _need_shared(path: Path) -> None:
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing in CI (../shared/data must be beside the clone)")
        pytest.skip(f"{path} not present (../shared/data is not beside this checkout)")


@pytest.fixture(scope="module")
def nlp():
    from extractor.entities import load_nlp

    return load_nlp()


@pytest.fixture(scope="module")
def rules_only():
    """A blank Swedish pipeline with just the tokenizer exceptions and the two rule layers."""
    blank = spacy.blank("sv")
    blank.add_pipe("attribute_ruler", name="gazetteer", config={"scorer": None})
    blank.add_pipe("attribute_ruler", name="entity_rules", config={"scorer": None})
    nt.install_rule_layer(blank)
    return blank


# ------------------------------------------------------------------ gazetteer


def test_gazetteer_lists():
    assert len(gazetteer.municipalities()) == 290
    for text in ("Huddinge", "Huddinge kommun", "Södertälje", "Stockholms stad", "Upplands Väsby",
                 "Kalmar kommun", "huddinge"):
        assert gazetteer.is_municipality(text), text
    for text in ("Balingsholm", "Södertörnskommunerna", "", "kommun"):
        assert not gazetteer.is_municipality(text), text
    assert gazetteer.normalize_municipality("Göteborgs stad") == "Göteborg"
    assert gazetteer.is_first_name("Camilla") and gazetteer.is_first_name("Anna-Karin")
    assert not gazetteer.is_first_name("Kommunstyrelsen")
    assert "Andersson" in gazetteer.surnames()
    assert {"S", "M", "SD", "C", "V", "KD", "L", "MP"} <= gazetteer.parties()
    assert gazetteer.is_party("(MP/Fi)") and gazetteer.is_party("S") and not gazetteer.is_party("X")
    assert gazetteer.is_county("Stockholms län") and gazetteer.is_county("Region Skåne")
    intl = gazetteer.international_first_names()
    assert len(intl) > 10000 and "Camilla" not in intl  # the Swedish list's names are not repeated
    assert "Inga" not in intl  # common lower-case words are filtered out


def test_synthetic_lines_are_seeded_and_consistent():
    a = nt.synthetic_attendance(50, 7, [("Gunhild", "Westman")])
    assert a == nt.synthetic_attendance(50, 7, [("Gunhild", "Westman")])
    for rec in a:
        for s, e, lab in rec["entities"]:
            assert rec["text"][s:e].strip() == rec["text"][s:e] and lab in {"PER", "ORG", "LOC"}


def test_annotations_file_is_valid():
    records = nt.read_annotations(ANNOTATIONS)
    assert len(records) >= 100
    assert {r["split"] for r in records} == {"train", "heldout"}
    blank = spacy.blank("sv")
    nt.add_minutes_tokenizer_exceptions(blank)
    for rec in records:
        doc = nt.annotation_doc(blank, rec)
        assert len(doc.ents) == len(rec["entities"])


# ------------------------------------------------------------ tokenizer/rules


@pytest.mark.parametrize("abbr", ["ordf.", "sekr.", "bil.", "enl.", "ang.", "resp.", "t.o.m.", "fr.o.m.", "§§",
                                  "Dnr", "Ordf."])
def test_tokenizer_keeps_minutes_abbreviations(nlp, abbr):
    doc = nlp.make_doc(f"Se {abbr} 12")
    assert [t.text for t in doc] == ["Se", abbr, "12"]


def test_tokenizer_exceptions_in_context(nlp):
    words = [t.text for t in nlp.make_doc("Lisa Berg, ordf., gäller fr.o.m. 1 jan t.o.m. §§ 3-5 (bil. 2)")]
    for abbr in ("ordf.", "fr.o.m.", "t.o.m.", "§§", "bil."):
        assert abbr in words


def _ents(doc):
    return [(e.text, e.label_) for e in doc.ents]


def test_rule_layer_splits_name_and_municipality(rules_only, nlp):
    assert _ents(rules_only("Camilla Broo Huddinge")) == [("Camilla Broo", "PER"), ("Huddinge", "LOC")]
    assert _ents(nlp("Camilla Broo Huddinge")) == [("Camilla Broo", "PER"), ("Huddinge", "LOC")]
    assert ("Erik Ehn Blomgren", "PER") in _ents(rules_only("Erik Ehn Blomgren Lund"))


def test_rule_layer_tags_parties(rules_only, nlp):
    for pipe in (rules_only, nlp):
        ents = _ents(pipe("Lisa Andersson (M), Ordförande och Magdalena Sundqvist (S)"))
        assert ("M", "ORG") in ents and ("S", "ORG") in ents
        assert ("Lisa Andersson", "PER") in ents
    assert ("MP/Fi", "ORG") in _ents(rules_only("Maya Jönsson (MP/Fi)"))


def test_rule_layer_kommun_region_lan(rules_only):
    ents = _ents(rules_only("Huddinge kommun, Region Stockholm och Stockholms län"))
    assert ents == [("Huddinge kommun", "ORG"), ("Region Stockholm", "ORG"), ("Stockholms län", "LOC")]


# --------------------------------------------------------------- entity API


def test_find_entities_offsets_index_page_text():
    from extractor.entities import find_entities

    page1 = ("Tid Torsdagen den 16 januari 2020 kl 15.15-16.00\nPlats Balingsholm, Huddinge\n"
             "Deltagare Magnus Gyllestad Haninge\nCamilla Broo Huddinge\n")
    page2 = "Beslut\nAtt uppdra till Camilla Broo att kontakta Huddinge kommun.\n"
    ents = find_entities([(1, page1), (2, page2)])
    assert ents
    pages = {1: page1, 2: page2}
    for e in ents:
        assert set(e) == {"text", "label", "page", "start", "end"}
        assert pages[e["page"]][e["start"]:e["end"]] == e["text"]
        assert e["label"] in {"PER", "ORG", "LOC", "DATE", "TIME"}
    found = {(e["page"], e["text"], e["label"]) for e in ents}
    assert (1, "Camilla Broo", "PER") in found
    assert (1, "Magnus Gyllestad", "PER") in found
    assert (1, "Huddinge", "LOC") in found
    assert (2, "Camilla Broo", "PER") in found
    assert any(lab == "DATE" for _, _, lab in found)
    assert any(lab == "TIME" for _, _, lab in found)


def test_person_names():
    from extractor.entities import person_names

    assert person_names("Camilla Broo Huddinge") == [(0, 12)]
    assert person_names("Lisa Andersson (M), Ordförande") == [(0, 14)]
    line = "Anna Söderström Södertörnskommunerna, sekreterare"
    assert [line[s:e] for s, e in person_names(line)] == ["Anna Söderström"]


@pytest.mark.parametrize("line, names", [
    ("Erika Lindvall\tLedamot", ["Erika Lindvall"]),
    ("Jonas Berg\tKassör tillika justerare", ["Jonas Berg"]),
    ("Sekreterare\tMaja Holm\tmajho", ["Maja Holm"]),
])
def test_a_name_never_runs_on_into_the_next_cell(line, names):
    from extractor.entities import person_names

    assert [line[s:e] for s, e in person_names(line)] == names


def test_resolve_person():
    from extractor.entities import resolve_person

    people = ["Magnus Gyllestad", "Camilla Broo", "Frida Nilsson", "Anna Söderström", "Anna Berg"]
    assert resolve_person("Camilla", people) == "Camilla Broo"
    assert resolve_person("Camilla Broo", people) == "Camilla Broo"
    assert resolve_person("camilla broo", people) == "Camilla Broo"
    assert resolve_person("Anna", people) is None  # two Annas
    assert resolve_person("Anna S.", people) == "Anna Söderström"
    assert resolve_person("Gyllestad", people) == "Magnus Gyllestad"
    assert resolve_person("Camila", people) == "Camilla Broo"  # OCR slip
    assert resolve_person("Magnus Gyllestacl", people) == "Magnus Gyllestad"  # OCR slip in a full name
    assert resolve_person("Kalle", people) is None
    assert resolve_person("Anna Berg", ["Anna Bergström"]) is None  # a surname prefix is not an initial
    assert resolve_person("Anna B.", ["Anna Bergström", "Anna Svensson"]) == "Anna Bergström"
    assert resolve_person("", people) is None
    assert resolve_person("Camilla", []) is None


# --------------------------------------------------------------------- model


def test_committed_model_loads():
    assert (MODEL_DIR / "meta.json").is_file() and (MODEL_DIR / "config.cfg").is_file()
    loaded = spacy.load(MODEL_DIR)
    assert {"PER", "ORG", "LOC"} <= set(loaded.get_pipe("ner").labels)
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    assert meta["lang"] == "sv" and meta["name"] == "protokoll_ner"
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size < 40 * 1024 * 1024  # the floret table is 25.6 MB of it
    assert loaded.vocab.vectors.mode == "floret"


def test_model_info():
    from extractor.entities import model_info

    info = model_info()
    assert info["name"] == "sv_protokoll_ner" and info["version"] and info["path"]


def test_missing_model_gives_clear_error(monkeypatch, tmp_path):
    from extractor import entities

    monkeypatch.setenv(entities.MODEL_ENV, str(tmp_path / "nowhere"))
    with pytest.raises(entities.NerModelMissingError, match="NER model not found"):
        entities.load_nlp()


def test_io_runs_and_scorer():
    assert nt.io_runs(["PER", "PER", "0", "LOC", "ORG", "ORG"]) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 6, "ORG")]
    scores = nt.score_runs([[(0, 2, "PER"), (3, 4, "LOC")]], [[(0, 2, "PER"), (3, 5, "LOC")]])
    assert scores.per_label["PER"]["f"] == 1.0 and scores.per_label["LOC"]["f"] == 0.0
    assert scores.overall["p"] == 0.5 and scores.overall["r"] == 0.5


def test_f1_on_test_corpus_sample(nlp):
    _need_shared(TEST_CORPUS)
    sents = nt.read_io_corpus(TEST_CORPUS)
    assert len(sents) == 2453
    sample = sents[::4]  # every fourth sentence: ~600 sentences, ~10k tokens
    scores = nt.score_io(nlp, sample)
    assert scores.per_label["PER"]["f"] >= 0.85, nt.format_scores(scores)
    assert scores.overall["f"] >= 0.72, nt.format_scores(scores)


def test_numpy_backed_model_tags_as_spacy_load_does(nlp):
    """The pipeline multiplies with numpy's BLAS, not thinc's BLIS: the same entities, only faster."""
    _need_shared(TEST_CORPUS)
    texts = [" ".join(words) for words, _ in nt.read_io_corpus(TEST_CORPUS)[::4]]

    def entities(model):
        return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in model.pipe(texts)]

    expected = entities(spacy.load(MODEL_DIR))
    assert sum(map(len, expected)) > 250
    assert entities(nlp) == expected


def test_heldout_attendance_names_exact(nlp):
    records = [r for r in nt.read_annotations(ANNOTATIONS) if r["split"] == "heldout"]
    assert records
    res = nt.attendance_boundary_accuracy(nlp, records)
    assert res["names"] >= 30
    assert res["accuracy"] >= 0.9, res
