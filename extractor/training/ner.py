"""Training of the Swedish NER pipeline shipped in ``extractor/data/sv_protokoll_ner``.

``protokoll train-ner -o FOLDER`` (:func:`train_model`) rebuilds the model from

* ``../shared/data/swedish-ner-corpus/train_corpus.txt`` (CC BY 4.0; IO tags
  PER ORG LOC MISC, ``0`` outside; a run of one tag is one entity),
* ``corpus/ner/minutes_annotations.jsonl`` (minutes-domain lines annotated
  for this project; records with ``"split": "heldout"`` are never trained on),
* the compact gazetteer lists in ``extractor/data`` (rule layers),
* the committed config ``models/config.cfg`` (fixed seed),

and prints entity P/R/F1 per label on ``test_corpus.txt``, scored here by
exact span and label over IO runs (see :func:`score_io`).

Pipeline: tokenizer with minutes abbreviations -> ``gazetteer`` (an
``attribute_ruler`` writing gazetteer classes to ``Token.tag_``, which the
tok2vec embeds) -> ``entity_rules`` (an ``attribute_ruler`` presetting
entities in context, which the NER respects) -> ``tok2vec`` -> ``ner``. Only
built-in spaCy components are used, so ``spacy.load`` needs no project code.
"""

from __future__ import annotations

import contextlib
import json
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import regex

from extractor.errors import UsageError
from extractor.training.folders import dir_size, save_pipeline

# Relative to the project folder, where training is run; the shipped model is written by naming
# extractor/data/sv_protokoll_ner as the output.
DEFAULT_CONFIG = Path("models/config.cfg")
DEFAULT_DATA_DIR = Path("../shared/data")
DEFAULT_ANNOTATIONS = Path("corpus/ner/minutes_annotations.jsonl")

MODEL_NAME = "protokoll_ner"
MODEL_VERSION = "0.1.0"
CORPUS_LABELS = ("PER", "ORG", "LOC", "MISC")
OUTPUT_LABELS = ("PER", "ORG", "LOC")

# Abbreviations of minutes kept as one token (with capitalised variants).
MINUTES_ABBREVIATIONS = (
    "ordf.", "v.ordf.", "v. ordf.", "sekr.", "bil.", "enl.", "ang.", "resp.",
    "t.o.m.", "fr.o.m.", "fr.om.", "§§", "Dnr", "dnr", "Dnr.", "dnr.",
    "adj.", "ers.", "ledam.", "suppl.", "just.", "prot.", "ca.", "jfr.",
    "tjänstg.", "tjg.", "p.g.a.", "bl.a.", "t.ex.", "m.m.", "o.s.v.", "s.k.",
    "kl.", "st.", "tf.", "f.d.", "inkl.", "exkl.", "ev.", "nr.",
)


# --------------------------------------------------------------------- corpus


def read_io_corpus(path: Path | str) -> list[tuple[list[str], list[str]]]:
    """Sentences of an IO-tagged file: ``[(tokens, tags)]``; tag ``"0"`` is outside.

    One token a line, ``TOKEN<whitespace>TAG``, blank line between sentences.
    A line without a tag (the corpus has one) is taken as outside.
    """
    sents: list[tuple[list[str], list[str]]] = []
    toks: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                if toks:
                    sents.append((toks, tags))
                    toks, tags = [], []
                continue
            tag = parts[-1] if len(parts) > 1 else "0"
            if tag not in CORPUS_LABELS:
                tag = "0"
            toks.append(parts[0])
            tags.append(tag)
    if toks:
        sents.append((toks, tags))
    return sents


def io_runs(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entities of an IO tag sequence: each maximal run of one tag (not ``0``)."""
    out: list[tuple[int, int, str]] = []
    start = None
    for i, tag in enumerate(list(tags) + ["0"]):
        if start is not None and tag != tags[start]:
            out.append((start, i, tags[start]))
            start = None
        if start is None and tag != "0" and i < len(tags):
            start = i
    return out


def io_doc(vocab, tokens: Sequence[str], tags: Sequence[str]):
    from spacy.tokens import Doc, Span

    doc = Doc(vocab, words=list(tokens))
    doc.set_ents([Span(doc, s, e, label=lab) for s, e, lab in io_runs(tags)], default="outside")
    return doc


def read_annotations(path: Path | str) -> list[dict]:
    """Records of ``minutes_annotations.jsonl``: ``{"id","source","kind","split","text","entities"}``
    with ``entities`` a list of ``[start, end, label]`` character spans."""
    path = Path(path)
    if not path.exists():
        return []
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            rec = json.loads(line)
            text = rec["text"]
            for s, e, lab in rec.get("entities", []):
                if not (0 <= s < e <= len(text)) or lab not in CORPUS_LABELS:
                    raise ValueError(f"{path}:{n}: bad span {[s, e, lab]}")
            out.append(rec)
    return out


def annotation_doc(nlp, rec: dict):
    """A Doc for one annotation record, tokenised by ``nlp``'s tokenizer."""
    doc = nlp.make_doc(rec["text"])
    spans = []
    for s, e, lab in rec.get("entities", []):
        span = doc.char_span(s, e, label=lab, alignment_mode="strict")
        if span is None:
            span = doc.char_span(s, e, label=lab, alignment_mode="expand")
        if span is None:
            raise ValueError(f"annotation {rec.get('id')}: span {s}-{e} does not align with tokens")
        spans.append(span)
    doc.set_ents(spans, default="outside")
    return doc


# ------------------------------------------------------ synthetic attendance

_ROLES = (
    "ordförande", "Ordförande", "vice ordförande", "1:e vice ordförande", "sekreterare", "ledamot", "ersättare",
    "tjänstgörande ersättare", "justerare", "kassör", "adjungerad", "kommunsekreterare", "kommundirektör",
    "förvaltningschef", "nämndsekreterare", "planarkitekt", "enhetschef", "verksamhetschef", "controller",
    "ekonom", "handläggare", "samhällsbyggnadschef", "förvaltningsjurist", "revisor",
)
_GROUPS = ("Närvarande", "Deltagare", "Frånvarande", "Beslutande", "Ledamöter", "Ersättare",
           "Övriga närvarande", "Anmält förhinder", "Tjänstepersoner", "Justerare")
_TASKS = ("återkoppla till gruppen", "boka ett möte", "ta fram ett underlag", "kontakta förvaltningen",
          "sammanställa synpunkterna", "skicka ut kallelsen")


def corpus_person_names(sents: Sequence[tuple[list[str], list[str]]]) -> list[tuple[str, ...]]:
    """Two- and three-token PER runs of the training corpus (for synthetic lines)."""
    out = set()
    for toks, tags in sents:
        for s, e, lab in io_runs(tags):
            if lab == "PER" and 2 <= e - s <= 3 and all(t[:1].isupper() and t.replace("-", "").isalpha()
                                                        for t in toks[s:e]):
                out.add(tuple(toks[s:e]))
    return sorted(out)


def synthetic_attendance(n: int, seed: int, corpus_names: Sequence[tuple[str, ...]] = ()) -> list[dict]:
    """Attendance-style lines built from the gazetteers (and person names of the
    training corpus), with entity spans, as annotation records: "Camilla Broo
    Huddinge", "Lisa Andersson (M), ordförande", "Närvarande: A B, C D", ...

    Seeded, so a retrain makes the same lines. Used as training data only.
    """
    from extractor import gazetteer as gz

    rng = random.Random(seed)
    firsts = sorted(gz.first_names())
    surs = sorted(gz.surnames())
    munis = sorted(gz.municipalities())
    parties = sorted(gz.parties())
    names = list(corpus_names)

    def person() -> str:
        if names and rng.random() < 0.5:
            return " ".join(rng.choice(names))
        first = rng.choice(firsts)
        if rng.random() < 0.08:
            first = f"{first}-{rng.choice(firsts)}"
        last = rng.choice(surs)
        if rng.random() < 0.1:
            last = f"{rng.choice(surs)} {last}"
        return f"{first} {last}"

    recs = []
    for i in range(n):
        parts: list[tuple[str, str | None]] = []
        shape = rng.randrange(10)
        if shape == 0:
            parts = [(person(), "PER"), (" ", None), (rng.choice(munis), "LOC")]
        elif shape == 1:
            parts = [(person(), "PER"), (" ", None), (rng.choice(munis), "LOC"), (", " + rng.choice(_ROLES), None)]
        elif shape == 2:
            parts = [(person(), "PER"), (" (", None), (rng.choice(parties), "ORG"), (")", None)]
            if rng.random() < 0.6:
                parts.append((", " + rng.choice(_ROLES), None))
        elif shape == 3:
            parts = [(person(), "PER"), (", " + rng.choice(_ROLES), None)]
        elif shape == 4:
            parts = [(rng.choice(_GROUPS) + rng.choice([": ", " "]), None)]
            for k in range(rng.randint(2, 5)):
                if k:
                    parts.append((", ", None))
                parts.append((person(), "PER"))
        elif shape == 5:
            parts = [(rng.choice(_GROUPS) + " ", None), (person(), "PER"), (" ", None), (rng.choice(munis), "LOC")]
        elif shape == 6:
            first, *rest = person().split(" ")
            parts = [(" ".join(rest) + ", " + first, "PER")]
            if rng.random() < 0.5:
                parts.append((" (" if rng.random() < 0.5 else ", ", None))
                parts[-1] = (parts[-1][0], None)
                if parts[-1][0] == " (":
                    parts += [(rng.choice(parties), "ORG"), (")", None)]
                else:
                    parts.append((rng.choice(_ROLES), None))
        elif shape == 7:
            parts = [(person(), "PER"), (" (", None), (rng.choice(parties), "ORG"), (") ", None),
                     (person(), "PER"), (", " + rng.choice(_ROLES), None)]
        elif shape == 8:
            parts = [(rng.choice(("Ordförande", "Sekreterare", "Justerare", "Vid protokollet", "Justeras")) + " ", None),
                     (person(), "PER")]
        else:
            name = person()
            if rng.random() < 0.5:
                name = name.split(" ")[0]
            parts = [("Att uppdra till ", None), (name, "PER"), (" att " + rng.choice(_TASKS) + ".", None)]
        text = ""
        ents = []
        for piece, lab in parts:
            if lab:
                ents.append([len(text), len(text) + len(piece), lab])
            text += piece
        recs.append({"id": f"synthetic-{i:04d}", "source": "synthetic", "kind": "attendance",
                     "split": "train", "text": text, "entities": ents})
    return recs


# ----------------------------------------------------------------- rule layer


def add_minutes_tokenizer_exceptions(nlp) -> None:
    """Keep the abbreviations of minutes (``ordf.``, ``t.o.m.``, ``§§``, ``Dnr``...) as one token."""
    from spacy.symbols import ORTH

    forms: set[str] = set()
    for abbr in MINUTES_ABBREVIATIONS:
        forms.add(abbr)
        forms.add(abbr[:1].upper() + abbr[1:])
    for form in sorted(forms):
        if " " in form:
            continue
        nlp.tokenizer.add_special_case(form, [{ORTH: form}])


def _token_texts(nlp, text: str) -> list[str]:
    return [t.text for t in nlp.make_doc(text)]


def _genitive(word: str) -> str:
    return word if word.endswith(("s", "x", "z")) else word + "s"


@dataclass
class GazetteerLexicon:
    """Token-level views of the gazetteer lists used by the two rule layers."""

    first: frozenset[str]
    sur: frozenset[str]
    muni_single: frozenset[str]
    muni_multi: list[list[str]]
    county_short_single: frozenset[str]
    county_short_multi: list[list[str]]
    county_full: list[list[str]]
    country_single: frozenset[str]
    country_multi: list[list[str]]
    party_tokens: list[list[str]]
    muni_gen_single: frozenset[str] = field(default_factory=frozenset)
    first_intl: frozenset[str] = field(default_factory=frozenset)
    sur_intl: frozenset[str] = field(default_factory=frozenset)


def build_lexicon(nlp, international: bool = True) -> GazetteerLexicon:
    from extractor import gazetteer as gz
    from extractor.gazetteer import _rows

    munis = sorted(gz.municipalities())
    muni_tok = [_token_texts(nlp, m) for m in munis]
    county_rows = _rows("lan.txt")
    county_short = [_token_texts(nlp, r[2]) for r in county_rows]
    county_full = [_token_texts(nlp, r[1]) for r in county_rows]
    countries = [_token_texts(nlp, c) for c in sorted(gz.countries())]
    party_forms = set(gz.parties()) | {"Fp", "Kd", "Mp"}
    return GazetteerLexicon(
        first=frozenset(w for w in gz.first_names() if " " not in w),
        sur=frozenset(w for w in gz.surnames() if " " not in w),
        muni_single=frozenset(t[0] for t in muni_tok if len(t) == 1),
        muni_multi=[t for t in muni_tok if len(t) > 1],
        muni_gen_single=frozenset(_genitive(t[0]) for t in muni_tok if len(t) == 1),
        county_short_single=frozenset(t[0] for t in county_short if len(t) == 1),
        county_short_multi=[t for t in county_short if len(t) > 1],
        county_full=county_full,
        country_single=frozenset(t[0] for t in countries if len(t) == 1),
        country_multi=[t for t in countries if len(t) > 1],
        party_tokens=sorted(_token_texts(nlp, p) for p in party_forms),
        first_intl=frozenset(w for w in gz.international_first_names() if " " not in w) if international else frozenset(),
        sur_intl=frozenset(w for w in gz.international_surnames() if " " not in w) if international else frozenset(),
    )


def gazetteer_feature_patterns(lex: GazetteerLexicon, org_words: bool = True) -> list[dict]:
    """Patterns for the ``gazetteer`` attribute_ruler: a class per token in ``Token.tag_``.

    Classes: G_FN (Swedish first name), G_SN (Swedish surname), G_FNX / G_SNX
    (first name / surname of another country), G_MUNI (kommun, also its
    genitive), G_LAN (län short name), G_CTRY (country) and their
    combinations (``G_FN_SN`` for "Hanna").
    """
    classes: dict[str, set[str]] = {}

    def add(word: str, cls: str) -> None:
        classes.setdefault(word, set()).add(cls)

    for w in lex.first:
        add(w, "FN")
    for w in lex.sur:
        add(w, "SN")
    for w in lex.first_intl:
        add(w, "FNX")
    for w in lex.sur_intl:
        add(w, "SNX")
    for w in lex.muni_single | lex.muni_gen_single:
        add(w, "MUNI")
    for w in lex.county_short_single:
        add(w, "LAN")
    for w in lex.country_single:
        add(w, "CTRY")
    by_tag: dict[str, list[str]] = {}
    for word, cls in classes.items():
        by_tag.setdefault("G_" + "_".join(sorted(cls)), []).append(word)
    patterns: list[dict] = []
    for tag, words in sorted(by_tag.items()):
        patterns.append({"patterns": [[{"ORTH": {"IN": sorted(words)}}]], "attrs": {"TAG": tag}})
    if org_words:
        # organisation-like words ("Kommunstyrelsen", "Finansdepartementet", "Moderaterna")
        patterns.append({"patterns": [[{"IS_TITLE": True, "LOWER": {"REGEX": ORG_FEATURE_SUFFIXES}}],
                                      [{"ORTH": {"IN": list(PARTY_NAMES)}}]], "attrs": {"TAG": "G_ORGW"}})
    for cls, seqs in (("G_MUNI", lex.muni_multi), ("G_LAN", lex.county_short_multi)):
        for seq in seqs:
            pat = [{"ORTH": t} for t in seq]
            for i, tok in enumerate(seq):
                if tok.isalpha() and tok[:1].isupper():
                    patterns.append({"patterns": [pat], "attrs": {"TAG": cls}, "index": i})
    return patterns


def _ent(label: str, begin: bool) -> dict:
    return {"ENT_IOB": 3 if begin else 1, "ENT_TYPE": label}


def _entity_pattern(tokens: list[dict], labels: list[str | None]) -> list[dict]:
    """Attribute-ruler patterns presetting entities: ``labels[i]`` for token i (None = untouched)."""
    out = []
    prev = None
    for i, lab in enumerate(labels):
        if lab is None:
            prev = None
            continue
        begin = prev != lab
        out.append({"patterns": [tokens], "attrs": _ent(lab, begin), "index": i})
        prev = lab
    return out


def _labels_for(spec: list[tuple[int, str | None]]) -> list[str | None]:
    labels: list[str | None] = []
    for n, lab in spec:
        labels.extend([lab] * n)
    return labels


# Endings of organisation names: the nouns of bodies and companies, in the definite form.
_ORG_ENDINGS = ("kommunerna", "förbundet", "nämnden", "styrelsen", "utskottet", "förvaltningen", "kontoret",
                "bolaget", "föreningen", "myndigheten", "verket", "institutet", "universitetet")
# Beside a name in an attendance line ("Anna Berg Kommunledningskontoret").
ORG_WORD_SUFFIXES = rf"({'|'.join(_ORG_ENDINGS + ('regionen', 'ab'))})$"
# The tok2vec feature G_ORGW: more endings, and the genitive.
ORG_FEATURE_SUFFIXES = rf"({'|'.join(_ORG_ENDINGS + ('departementet', 'partiet', 'sällskapet', 'akademien', 'koncernen', 'gruppen', 'banken', 'fonden'))})s?$"
_PARTIES = ("Socialdemokraterna", "Moderaterna", "Sverigedemokraterna", "Centerpartiet", "Vänsterpartiet",
            "Kristdemokraterna", "Liberalerna", "Miljöpartiet", "Folkpartiet", "Piratpartiet")
PARTY_NAMES = _PARTIES + tuple(party + "s" for party in _PARTIES)


def _gazetteer_classes(lex: GazetteerLexicon) -> set[str]:
    return {p["attrs"]["TAG"] for p in gazetteer_feature_patterns(lex)}


def entity_rule_patterns(lex: GazetteerLexicon) -> list[dict]:
    """Patterns for the ``entity_rules`` attribute_ruler (preset entities in context).

    They match on the gazetteer classes that the ``gazetteer`` ruler wrote to
    ``Token.tag_`` just before (so the patterns stay small):

    * name + municipality: ``Camilla Broo Huddinge`` -> PER ``Camilla Broo``, LOC ``Huddinge``
      (a listed first name and one or two capitalised tokens that are not
      municipalities, or a capitalised token and a listed surname; an optional
      comma before the municipality);
    * name + party: ``Lisa Andersson (M)`` -> PER ``Lisa Andersson``;
    * party in parentheses: ``(S)``, ``(MP/Fi)`` -> ORG on the letters;
    * ``Huddinge kommun``, ``Huddinges kommun``, ``Stockholms stad``, ``Region Stockholm``,
      ``Region Jönköpings län`` -> ORG; ``Stockholms län`` -> LOC.

    Where matches overlap, the pattern added later wins (the attribute ruler
    applies matches in pattern order), so longer shapes are added last.
    """
    classes = _gazetteer_classes(lex)
    parts = {c: set(c.split("_")[1:]) for c in classes}
    fn_cls = sorted(c for c in classes if "FN" in parts[c])  # Swedish first names only
    sn_cls = sorted(c for c in classes if "SN" in parts[c])
    muni_cls = sorted(c for c in classes if "MUNI" in parts[c])
    muni_only = sorted(c for c in muni_cls if not parts[c] & {"SN", "SNX", "FN"})  # "Lund" may be a name
    region_cls = sorted(c for c in classes if parts[c] & {"MUNI", "LAN"})

    first = {"TAG": {"IN": fn_cls}, "IS_TITLE": True}
    title_name = {"IS_TITLE": True, "IS_ALPHA": True, "TAG": {"NOT_IN": muni_only},
                  "ORTH": {"NOT_IN": ["Region", "Kommun"]}}
    surname = {"TAG": {"IN": sn_cls}, "IS_TITLE": True}
    muni = {"TAG": {"IN": muni_cls}, "IS_TITLE": True}

    patterns: list[dict] = []
    name_shapes: list[list[dict]] = [
        [title_name, surname],
        [first, title_name],
        [first, title_name, title_name],
    ]
    # Few patterns on purpose: the matcher's cost grows with their number.
    # name + municipality, with or without a comma between
    for name in name_shapes:
        for comma in ([], [{"ORTH": ","}]):
            toks = name + comma + [muni]
            patterns += _entity_pattern(toks, _labels_for([(len(name), "PER"), (len(comma), None), (1, "LOC")]))

    # two names side by side, as in signing blocks ("Ingrid Kristensen Ylva Selander")
    pair = [first, title_name, first, title_name]
    patterns += _entity_pattern(pair, ["PER", "PER", None, None])
    patterns += _entity_pattern(pair, [None, None, "PER", "PER"])

    # name + organisation word ("Helene Olofsson Södertörnskommunerna")
    org_word = {"IS_TITLE": True, "LOWER": {"REGEX": ORG_WORD_SUFFIXES}}
    for name in name_shapes:
        patterns += _entity_pattern(name + [org_word], _labels_for([(len(name), "PER"), (1, "ORG")]))

    # party in parentheses ("(S)", "(MP/Fi)"), and name + party ("Lisa Andersson (M)")
    single = sorted(p[0] for p in lex.party_tokens if len(p) == 1)
    multi = [p for p in lex.party_tokens if len(p) == 3 and p[1] == "/"]
    left = sorted({p[0] for p in multi})
    right = sorted({p[2] for p in multi})
    party_shapes = [
        [{"ORTH": "("}, {"ORTH": {"IN": single}}, {"ORTH": ")"}],
        [{"ORTH": "("}, {"ORTH": {"IN": left}}, {"ORTH": "/"}, {"ORTH": {"IN": right}}, {"ORTH": ")"}],
    ]
    for party in party_shapes:
        n = len(party) - 2
        patterns += _entity_pattern(party, _labels_for([(1, None), (n, "ORG"), (1, None)]))
    for name in name_shapes:
        for party in party_shapes:
            patterns += _entity_pattern(name + party, _labels_for([(len(name), "PER"), (len(party), None)]))

    # "X kommun", "Xs kommun", "X stad", "Upplands Väsby kommun"
    kommun = {"LOWER": {"IN": ["kommun", "kommuns", "stad", "stads"]}}
    patterns += _entity_pattern([muni, kommun], ["ORG", "ORG"])
    multi_first = sorted({seq[0] for seq in lex.muni_multi})
    patterns += _entity_pattern([{"ORTH": {"IN": multi_first}}, muni, kommun], ["ORG"] * 3)
    # "Stockholms län", "Västra Götalands län"
    county_1 = sorted(seq[0] for seq in lex.county_full if len(seq) == 2)
    county_2 = [seq for seq in lex.county_full if len(seq) == 3]
    patterns += _entity_pattern([{"ORTH": {"IN": county_1}}, {"ORTH": "län"}], ["LOC"] * 2)
    for seq in county_2:
        patterns += _entity_pattern([{"ORTH": t} for t in seq], ["LOC"] * 3)
    # "Region Stockholm", "Region Västra Götaland", "Region Jönköpings län"
    region_part = {"TAG": {"IN": region_cls}, "IS_TITLE": True}
    for toks in ([{"ORTH": "Region"}, region_part],
                 [{"ORTH": "Region"}, {"IS_TITLE": True}, region_part],
                 [{"ORTH": "Region"}, region_part, {"ORTH": "län"}]):
        patterns += _entity_pattern(toks, ["ORG"] * len(toks))
    return patterns


def install_rule_layer(nlp, *, features: bool = True, entity_rules: bool = True, international: bool = True) -> None:
    """Add the minutes tokenizer exceptions and fill the two attribute rulers."""
    add_minutes_tokenizer_exceptions(nlp)
    lex = build_lexicon(nlp, international=international)
    if features and "gazetteer" in nlp.pipe_names:
        ruler = nlp.get_pipe("gazetteer")
        ruler.clear()
        ruler.add_patterns(gazetteer_feature_patterns(lex))
    if entity_rules and "entity_rules" in nlp.pipe_names:
        ruler = nlp.get_pipe("entity_rules")
        ruler.clear()
        ruler.add_patterns(entity_rule_patterns(lex))


# -------------------------------------------------------------------- scoring


@dataclass
class Scores:
    per_label: dict[str, dict[str, float]]
    overall: dict[str, float]
    overall_per_org_loc: dict[str, float]
    counts: dict[str, dict[str, int]]

    def as_dict(self) -> dict:
        return {
            "per_label": self.per_label,
            "overall": self.overall,
            "overall_PER_ORG_LOC": self.overall_per_org_loc,
            "counts": self.counts,
        }


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4)}


def score_runs(
    gold: Iterable[Sequence[tuple[int, int, str]]],
    pred: Iterable[Sequence[tuple[int, int, str]]],
    labels: Sequence[str] = CORPUS_LABELS,
) -> Scores:
    """Exact span + label P/R/F1 per label and micro overall."""
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    for g, p in zip(gold, pred):
        gs, ps = set(g), set(p)
        for e in gs & ps:
            tp[e[2]] += 1
        for e in ps - gs:
            fp[e[2]] += 1
        for e in gs - ps:
            fn[e[2]] += 1
    per = {lab: _prf(tp[lab], fp[lab], fn[lab]) for lab in labels}
    counts = {lab: {"tp": tp[lab], "fp": fp[lab], "fn": fn[lab]} for lab in labels}

    def micro(labs):
        return _prf(sum(tp[x] for x in labs), sum(fp[x] for x in labs), sum(fn[x] for x in labs))

    return Scores(per, micro(labels), micro([x for x in OUTPUT_LABELS if x in labels]), counts)


def predict_io_tags(nlp, sents: Sequence[tuple[list[str], list[str]]], batch_size: int = 256) -> list[list[str]]:
    """Per-token tags predicted by ``nlp`` on pre-tokenised sentences (``"0"`` outside)."""
    from spacy.tokens import Doc

    docs = (Doc(nlp.vocab, words=toks) for toks, _ in sents)
    out = []
    for doc in nlp.pipe(docs, batch_size=batch_size):
        out.append([t.ent_type_ if t.ent_type_ else "0" for t in doc])
    return out


def score_io(nlp, sents: Sequence[tuple[list[str], list[str]]]) -> Scores:
    """Entity P/R/F1 of ``nlp`` on IO sentences: exact span and label, where a run
    of one tag is one entity on both sides (so adjacent predicted entities of one
    label count as one, as in the gold data)."""
    pred = predict_io_tags(nlp, sents)
    return score_runs((io_runs(tags) for _, tags in sents), (io_runs(p) for p in pred))


def format_scores(scores: Scores, title: str = "") -> str:
    lines = []
    if title:
        lines.append(title)
    lines.append(f"{'label':<14}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}")
    for lab, s in scores.per_label.items():
        c = scores.counts[lab]
        lines.append(f"{lab:<14}{s['p']:>8.3f}{s['r']:>8.3f}{s['f']:>8.3f}{c['tp'] + c['fn']:>7}")
    o = scores.overall
    lines.append(f"{'overall':<14}{o['p']:>8.3f}{o['r']:>8.3f}{o['f']:>8.3f}")
    o = scores.overall_per_org_loc
    lines.append(f"{'PER+ORG+LOC':<14}{o['p']:>8.3f}{o['r']:>8.3f}{o['f']:>8.3f}")
    return "\n".join(lines)


# ------------------------------------------------------ attendance boundaries


def attendance_boundary_accuracy(nlp, records: Sequence[dict]) -> dict:
    """Share of annotated PER spans in attendance records found with exact boundaries."""
    from extractor.entities import person_names_with

    total = found = 0
    misses = []
    for rec in records:
        if rec.get("kind") != "attendance":
            continue
        gold = {(s, e) for s, e, lab in rec["entities"] if lab == "PER"}
        pred = set(person_names_with(nlp, rec["text"]))
        total += len(gold)
        found += len(gold & pred)
        for s, e in sorted(gold - pred):
            misses.append(rec["text"][s:e])
    return {"names": total, "exact": found, "accuracy": round(found / total, 4) if total else None, "missed": misses[:20]}


def _document_lines(path: Path) -> list[str]:
    """The document's lines as the pipeline reads and tags them: cells joined by a tab."""
    from extractor.layout import find_layout
    from extractor.page_cache import read_pages_cached

    return [line.text for page in find_layout(read_pages_cached(path)).pages for line in page.lines]


def _plain_name(name: str) -> bool:
    """A first name and a surname as written, not a nickname in quotes or one word alone."""
    return len(name.split()) >= 2 and not regex.search(r"[\"“”'‘’«»]", name)


def gold_attendance_check(nlp, corpus_dir: Path) -> dict:
    """Participants of the gold files found as PER with exact boundaries in their line.

    For each born-digital PDF (and text-layer scan) of ``../shared/corpus`` and
    each gold participant written as a plain name (:func:`_plain_name`) in natural
    order on one of the lines the pipeline reads, the first such line is tagged and
    the name must come out as exactly one PER span. Other names (``"Söderström,
    Anna"``, a nickname, OCR slips, line breaks inside the name) are counted as not
    checkable.
    """
    import csv
    from extractor.entities import person_names_with

    corpus_dir = Path(corpus_dir)
    rows = list(csv.DictReader((corpus_dir / "SOURCES.tsv").open(encoding="utf-8"), delimiter="\t"))
    total = exact = unchecked = 0
    misses: list[str] = []
    per_doc = {}
    for row in rows:
        if row["kind"] not in ("born-digital", "scanned-ocr-layer") or not row["file"].endswith(".pdf"):
            continue
        gold_path = corpus_dir / "gold" / f"{row['id']}.json"
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        lines = _document_lines(corpus_dir / "docs" / row["file"])
        d_total = d_exact = 0
        for p in gold.get("participants") or []:
            name = p["name"]
            line = next((ln for ln in lines if name in ln), None) if _plain_name(name) else None
            if line is None:
                unchecked += 1
                continue
            start = line.index(name)
            spans = person_names_with(nlp, line)
            d_total += 1
            if (start, start + len(name)) in spans:
                d_exact += 1
            else:
                misses.append(f"{row['id']}: {name!r} in {line!r} -> {[line[s:e] for s, e in spans]}")
        per_doc[row["id"]] = (d_exact, d_total)
        total += d_total
        exact += d_exact
    return {"names": total, "exact": exact, "accuracy": round(exact / total, 4) if total else None,
            "not_checkable": unchecked, "per_doc": per_doc, "missed": misses}


# ------------------------------------------------------------------- training


@dataclass
class TrainResult:
    output: Path
    seconds: float
    epochs: int
    steps: int
    best_dev: float
    test: Scores | None
    test_without_rules: Scores | None
    heldout: dict | None


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def build_training_data(nlp, data_dir: Path, annotations: Path, seed: int, dev_share: float = 0.1,
                        minutes_weight: int = 3, synthetic: int = 0, train_on_dev: bool = False):
    """DocBins (train, dev) and the held-out annotation records."""
    from spacy.tokens import DocBin

    sents = read_io_corpus(data_dir / "swedish-ner-corpus" / "train_corpus.txt")
    rng = random.Random(seed)
    order = list(range(len(sents)))
    rng.shuffle(order)
    n_dev = int(len(sents) * dev_share)
    dev_idx = set(order[:n_dev])
    train_bin, dev_bin = DocBin(), DocBin()
    for i, (toks, tags) in enumerate(sents):
        doc = io_doc(nlp.vocab, toks, tags)
        if i in dev_idx:
            dev_bin.add(doc)
        if i not in dev_idx or train_on_dev:
            train_bin.add(doc)
    records = read_annotations(annotations)
    heldout = [r for r in records if r.get("split") == "heldout"]
    n_minutes = 0
    for rec in records:
        if rec.get("split") == "heldout":
            continue
        doc = annotation_doc(nlp, rec)
        if rec.get("split") == "dev":
            dev_bin.add(doc)
            continue
        for _ in range(minutes_weight):
            train_bin.add(doc)
        n_minutes += 1
    train_sents = [s for i, s in enumerate(sents) if i not in dev_idx or train_on_dev]
    for rec in synthetic_attendance(synthetic, seed, corpus_person_names(train_sents)) if synthetic else []:
        train_bin.add(annotation_doc(nlp, rec))
    info = {"news_train": len(train_sents), "news_dev": n_dev, "train_on_dev": train_on_dev, "minutes_train": n_minutes,
            "minutes_weight": minutes_weight, "synthetic_lines": synthetic, "minutes_heldout": len(heldout)}
    return train_bin, dev_bin, heldout, info


def train_model(
    output: Path,
    *,
    data_dir: Path = DEFAULT_DATA_DIR,
    annotations: Path = DEFAULT_ANNOTATIONS,
    config_path: Path = DEFAULT_CONFIG,
    max_minutes: float = 14.0,
    overrides: dict | None = None,
    features: bool = True,
    evaluate_test: bool = True,
    minutes_weight: int = 3,
    synthetic: int = 600,
    train_on_dev: bool = False,
    vectors: Path | None = None,
) -> TrainResult:
    """Rebuild the model: DocBins, rule layers, seeded training, test scores, model folder.

    ``vectors``: a folder written by ``protokoll train-vectors``; the tok2vec then
    embeds each token's static vector too (``include_static_vectors``) and the
    table is saved inside the model. Without it the recipe is the committed one.
    """
    import spacy
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import create_evaluation_callback, create_train_batches, train_while_improving
    from spacy.util import registry, resolve_dot_names
    from spacy.schemas import ConfigSchemaTraining
    from thinc.api import fix_random_seed

    from extractor.entities import load_model

    t0 = time.perf_counter()
    data_dir = Path(data_dir)
    corpus_dir = data_dir / "swedish-ner-corpus"
    if not (corpus_dir / "train_corpus.txt").exists():
        raise UsageError(f"training corpus not found: {corpus_dir / 'train_corpus.txt'}")
    from spacy.util import load_config

    config = load_config(config_path, interpolate=False)
    overrides = dict(overrides or {})
    if not features:
        overrides.setdefault("components.tok2vec.model.embed.attrs", ["NORM", "PREFIX", "SUFFIX", "SHAPE"])
        overrides.setdefault("components.tok2vec.model.embed.rows", [6000, 2500, 3000, 1000])
        overrides.setdefault("training.annotating_components", [])
    vectors_meta = None
    if vectors is not None:
        vectors = Path(vectors)
        if not (vectors / "vocab" / "vectors").is_file():
            raise UsageError(f"{vectors} is not a vectors folder (make one with `protokoll train-vectors`)")
        vectors_meta = json.loads((vectors / "meta.json").read_text(encoding="utf-8")) \
            if (vectors / "meta.json").is_file() else {}
        overrides["paths.vectors"] = str(vectors)
        overrides["components.tok2vec.model.embed.include_static_vectors"] = True
    seed = int(overrides.get("system.seed", config["system"]["seed"]))
    fix_random_seed(seed)

    tok_nlp = spacy.blank("sv")
    add_minutes_tokenizer_exceptions(tok_nlp)
    train_bin, dev_bin, heldout, info = build_training_data(
        tok_nlp, data_dir, Path(annotations), seed, minutes_weight=minutes_weight, synthetic=synthetic,
        train_on_dev=train_on_dev)
    _log(f"[train-ner] data: {info}")

    with tempfile.TemporaryDirectory(prefix="protokoll-ner-") as tmp:
        tmp = Path(tmp)
        train_bin.to_disk(tmp / "train.spacy")
        dev_bin.to_disk(tmp / "dev.spacy")
        overrides["paths.train"] = str(tmp / "train.spacy")
        overrides["paths.dev"] = str(tmp / "dev.spacy")
        config = load_config(config_path, overrides=overrides, interpolate=False)
        nlp = init_nlp(config)
        install_rule_layer(nlp, features=features)
        if not features:
            nlp.get_pipe("gazetteer").clear()

        cfg = nlp.config.interpolate()
        T = registry.resolve(cfg["training"], schema=ConfigSchemaTraining)
        dot_names = [T["train_corpus"], T["dev_corpus"]]
        train_corpus, dev_corpus = resolve_dot_names(cfg, dot_names)
        optimizer = T["optimizer"]
        score_weights = T["score_weights"]
        batcher = T["batcher"]
        frozen = T["frozen_components"]
        annotating = T["annotating_components"]
        train_batches = create_train_batches(nlp, train_corpus, batcher, T["max_epochs"])
        evaluate = create_evaluation_callback(nlp, dev_corpus, score_weights)
        training_step_iter = train_while_improving(
            nlp,
            optimizer,
            train_batches,
            evaluate,
            dropout=T["dropout"],
            accumulate_gradient=T["accumulate_gradient"],
            patience=T["patience"],
            max_steps=T["max_steps"],
            eval_frequency=T["eval_frequency"],
            exclude=frozen,
            annotating_components=annotating,
            before_update=T["before_update"],
        )
        budget = max_minutes * 60.0
        best_bytes = None
        best_score = -1.0
        last_info = {"epoch": 0, "step": 0}

        def averaged():
            """The parameter averages in place, where the optimizer keeps them: what is saved and scored."""
            return nlp.use_params(optimizer.averages) if optimizer.averages else contextlib.nullcontext()

        t_train = time.perf_counter()
        _log(f"[train-ner] setup {t_train - t0:.0f}s; training (budget {max_minutes:g} min, "
             f"max_epochs {T['max_epochs']}, seed {seed})")
        for batch, tinfo, is_best in training_step_iter:
            last_info = tinfo
            if tinfo["score"] is not None:
                _log(f"[train-ner] epoch {tinfo['epoch']:>3} step {tinfo['step']:>6} "
                     f"loss {tinfo['losses'].get('ner', 0):9.1f} dev ents_f {tinfo['score']:.4f} "
                     f"{time.perf_counter() - t_train:6.0f}s")
            if is_best and not train_on_dev:
                best_score = tinfo["score"]
                with averaged():
                    best_bytes = nlp.to_bytes()
            if time.perf_counter() - t0 > budget:
                _log("[train-ner] time budget reached")
                break
        # final evaluation of the last state, keep it if better (or always, when the
        # dev sentences are trained on and their score cannot pick a checkpoint)
        with averaged():
            final_score, _ = evaluate()
            if final_score > best_score or train_on_dev:
                best_score, best_bytes = final_score, nlp.to_bytes()
        if best_bytes is not None:
            # AttributeRuler.from_bytes adds to the patterns it has: clear first
            for name in ("gazetteer", "entity_rules"):
                if name in nlp.pipe_names:
                    nlp.get_pipe(name).clear()
            nlp.from_bytes(best_bytes)
        train_seconds = time.perf_counter() - t0

    # finalize: config without temp paths, meta
    nlp.config["paths"]["train"] = None
    nlp.config["paths"]["dev"] = None
    nlp.config["paths"]["vectors"] = None  # the table is in the model's vocab; no path to a training folder
    nlp.meta.update({
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "description": "Swedish NER for meeting minutes: gazetteer rule layers + tok2vec/ner "
                       "trained on swedish-ner-corpus (CC BY 4.0) and minutes-domain annotations.",
        "author": "protokoll project",
        "license": "CC BY 4.0",
        "spacy_version": ">=3.8.0,<3.9.0",
        "sources": [
            {"name": "swedish-ner-corpus (Webbnyheter 2012, Språkbanken)", "url": "klintan/swedish-ner-corpus",
             "license": "CC BY 4.0"},
            {"name": "swedish-geodata (SCB)", "url": "sjbrg/swedish-geodata", "license": "CC0 1.0"},
            {"name": "Faker sv_SE providers (Isof, Skatteverket name lists)", "url": "faker", "license": "MIT"},
        ],
    })
    if vectors_meta is not None:
        nlp.meta["sources"] += vectors_meta.get("sources", [])
        nlp.meta["protokoll_vectors"] = vectors_meta.get("protokoll_vectors", {})
    output = Path(output)
    save_pipeline(nlp, output)
    _log(f"[train-ner] saved {output} (best dev ents_f {best_score:.4f}) after {train_seconds:.0f}s")

    test_scores = test_plain = held = None
    if evaluate_test:
        nlp2 = load_model(output)  # scored as the pipeline will run it
        test_sents = read_io_corpus(corpus_dir / "test_corpus.txt")
        test_scores = score_io(nlp2, test_sents)
        with nlp2.select_pipes(disable=["entity_rules"]):
            test_plain = score_io(nlp2, test_sents)
        held = attendance_boundary_accuracy(nlp2, heldout) if heldout else None
        gold_check = None
        corpus_root = data_dir.parent / "corpus"
        if (corpus_root / "SOURCES.tsv").exists():
            try:
                gold_check = gold_attendance_check(nlp2, corpus_root)
                gold_check = {k: v for k, v in gold_check.items() if k != "per_doc"}
            except Exception as exc:  # pragma: no cover - a broken PDF must not lose the model
                _log(f"[train-ner] gold attendance check failed: {exc}")
        perf = {
            "test_corpus": test_scores.as_dict(),
            "test_corpus_without_entity_rules": test_plain.as_dict(),
            "minutes_heldout_attendance": held,
            "gold_documents_attendance": gold_check,
            "model_bytes": dir_size(output),
            "best_dev_ents_f": round(best_score, 4),
            "training_seconds": round(train_seconds, 1),
            "epochs": last_info.get("epoch"),
            "steps": last_info.get("step"),
            "data": info,
            "seed": seed,
        }
        meta = json.loads((output / "meta.json").read_text(encoding="utf-8"))
        meta["performance"] = {
            "ents_f": test_scores.overall["f"], "ents_p": test_scores.overall["p"],
            "ents_r": test_scores.overall["r"],
            "ents_per_type": test_scores.per_label,
        }
        meta["protokoll_scores"] = perf
        (output / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return TrainResult(output, train_seconds, last_info.get("epoch", 0), last_info.get("step", 0), best_score,
                       test_scores, test_plain, held)
