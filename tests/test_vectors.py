"""The floret vector step (`protokoll train-vectors`) run for real on a small invented text."""
from __future__ import annotations

import json
import random

import numpy as np
import pytest
from click.testing import CliRunner

from conftest import REPO
from extractor.cli import main
from extractor.training.vectors import VectorSettings, tokenise_text, train_vectors

# Invented bodies, people and places; compounds that share their stems, in several forms.
_BODIES = ("fritidsnämnden", "fritidsnämndens", "byggnadsnämnden", "byggnadsnämndens", "vattenverket",
           "vattenverkets", "skolstyrelsen", "skolstyrelsens", "hamnbolaget", "hamnbolagets")
_PEOPLE = ("Ingrid Vallström", "Tobias Fjällgren", "Maja Lindqvarn", "Orvar Sjöbeck", "Elsa Brunnholm")
_PLACES = ("Norrbyhamn", "Tallviken", "Ekåsen", "Björkvallen", "Sjöskogen")
_DAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag")
_THINGS = ("budgeten", "detaljplanen", "lokalerna", "avgifterna", "underhållet", "upphandlingen")
_VERBS = ("beslutade om", "diskuterade", "godkände", "återremitterade", "yttrade sig över")


def _sentence(rng: random.Random) -> str:
    shape = rng.randrange(5)
    body, person, place = rng.choice(_BODIES), rng.choice(_PEOPLE), rng.choice(_PLACES)
    day, thing, verb = rng.choice(_DAYS), rng.choice(_THINGS), rng.choice(_VERBS)
    if shape == 0:
        return f"I {place} {verb} {body} på {day} {thing}, t.ex. för nästa år."
    if shape == 1:
        return f"{person} från {place} sa att {body} {verb} {thing}."
    if shape == 2:
        return f"Ordförande {person} meddelade att mötet på {day} gäller {thing} i {place}."
    if shape == 3:
        return f"Enligt {body} ska {thing} ses över av {person} senast {day}."
    return f"Protokollet justerades på {day} av {person}; {body} {verb} {thing} i {place}."


@pytest.fixture(scope="module")
def small_text(tmp_path_factory):
    rng = random.Random(7)
    paragraphs = [" ".join(_sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(400)]
    path = tmp_path_factory.mktemp("text") / "text.txt"
    path.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
    assert 10_000 < sum(len(p.split()) for p in paragraphs) < 20_000
    return path


SMALL = VectorSettings(dim=32, bucket=4000, epoch=10, min_count=2, sample=1e-2)


def _cos(a, b) -> float:
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_text_is_tokenised_as_the_pipeline_does_cased(small_text, tmp_path):
    lines, tokens = tokenise_text(small_text, tmp_path / "tokens.txt")
    words = (tmp_path / "tokens.txt").read_text(encoding="utf-8").split()
    assert lines == 400 and tokens == len(words)
    assert "t.ex." in words  # the minutes abbreviations stay one token, as in the NER pipeline
    assert "Ordförande" in words and "Vallström" in words  # case as written
    assert "," in words and "fritidsnämnden" in words  # punctuation split off


def test_cli_trains_a_floret_table_that_spacy_loads(small_text, tmp_path):
    import spacy

    out = tmp_path / "vectors"
    result = CliRunner().invoke(main, [
        "train-vectors", "--text", str(small_text), "-o", str(out), "--threads", "1", "--dim", str(SMALL.dim),
        "--bucket", str(SMALL.bucket), "--epochs", str(SMALL.epoch), "--min-count", str(SMALL.min_count),
        "--sample", str(SMALL.sample)])
    assert result.exit_code == 0, result.output
    assert "vectors:" in result.output

    nlp = spacy.load(out)
    vectors = nlp.vocab.vectors
    assert vectors.mode == "floret"
    assert vectors.shape == (SMALL.bucket, SMALL.dim)
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["protokoll_vectors"]["settings"]["dim"] == SMALL.dim
    assert meta["protokoll_vectors"]["text_tokens"] > 10_000

    def vec(word):
        return nlp.vocab[word].vector

    # Forms sharing their subwords are close; an unrelated word is not.
    assert _cos(vec("fritidsnämnden"), vec("fritidsnämndens")) > _cos(vec("fritidsnämnden"), vec("onsdag")) + 0.2
    assert _cos(vec("vattenverket"), vec("vattenverkets")) > _cos(vec("vattenverket"), vec("Tallviken")) + 0.2
    # A word the text never had still gets a vector, from its pieces, near its relatives.
    unseen = vec("fritidsnämnderna")
    assert np.linalg.norm(unseen) > 0
    assert _cos(unseen, vec("fritidsnämnden")) > _cos(unseen, vec("detaljplanen"))


def test_one_thread_with_a_seed_gives_the_same_table(small_text, tmp_path):
    import spacy

    a = train_vectors(small_text, tmp_path / "a", threads=1, settings=SMALL)
    b = train_vectors(small_text, tmp_path / "b", threads=1, settings=SMALL)
    assert a.tokens == b.tokens
    table_a, table_b = (spacy.load(r.output).vocab.vectors.data for r in (a, b))
    assert np.array_equal(table_a, table_b)


def _io_sentences(rng: random.Random, n: int) -> str:
    """IO-tagged sentences in the NER corpus's format, from the invented names above."""
    out = []
    for _ in range(n):
        first, last = rng.choice(_PEOPLE).split()
        rows = [(first, "PER"), (last, "PER"), ("från", "0"), (rng.choice(_PLACES), "LOC"), ("talade", "0"),
                ("om", "0"), (rng.choice(_THINGS), "0"), ("på", "0"), (rng.choice(_DAYS), "0"), (".", "0")]
        out.append("\n".join(f"{tok}\t{tag}" for tok, tag in rows))
    return "\n\n".join(out) + "\n"


def test_train_ner_with_vectors_embeds_them_and_ships_the_table(small_text, tmp_path):
    from extractor.entities import load_model
    from extractor.training.ner import DEFAULT_CONFIG, train_model

    vectors = train_vectors(small_text, tmp_path / "vectors", threads=1, settings=SMALL).output
    rng = random.Random(3)
    corpus = tmp_path / "data" / "swedish-ner-corpus"
    corpus.mkdir(parents=True)
    (corpus / "train_corpus.txt").write_text(_io_sentences(rng, 60), encoding="utf-8")
    (corpus / "test_corpus.txt").write_text(_io_sentences(rng, 10), encoding="utf-8")
    config = REPO / DEFAULT_CONFIG

    res = train_model(tmp_path / "model", data_dir=tmp_path / "data", annotations=tmp_path / "none.jsonl",
                      config_path=config, max_minutes=3, overrides={"training.max_epochs": 2}, synthetic=0,
                      vectors=vectors)

    nlp = load_model(res.output)
    assert nlp.config["components"]["tok2vec"]["model"]["embed"]["include_static_vectors"] is True
    assert nlp.config["paths"]["vectors"] is None  # the table travels inside the model, not as a path
    assert nlp.vocab.vectors.mode == "floret" and nlp.vocab.vectors.shape == (SMALL.bucket, SMALL.dim)
    meta = json.loads((res.output / "meta.json").read_text(encoding="utf-8"))
    assert meta["protokoll_vectors"]["settings"]["dim"] == SMALL.dim
    assert "static_vectors" in {layer.name for layer in nlp.get_pipe("tok2vec").model.walk()}
    doc = nlp("Maja Lindqvarn från Ekåsen talade om budgeten på fredag .")
    assert doc[0].has_vector and doc[1].vector.any()  # the names are looked up in the shipped table
    assert res.test is not None and set(res.test.per_label) >= {"PER", "LOC"}
    # the recipe without --vectors is unchanged
    from spacy.util import load_config

    assert load_config(config)["components"]["tok2vec"]["model"]["embed"]["include_static_vectors"] is False
