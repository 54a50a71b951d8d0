"""Named entities in minutes: PER, ORG, LOC from the project's spaCy model, DATE and TIME
from :mod:`extractor.dates`.

The model ships in ``extractor/data/sv_protokoll_ner`` (model card: ``models/README.md``);
``PROTOKOLL_NER_MODEL`` points elsewhere. Its MISC label (trained on the news
corpus) is not part of the output.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

from extractor.errors import DependencyError

MODEL_ENV = "PROTOKOLL_NER_MODEL"
# Shipped inside the package, so that an installed wheel (a cluster's worker) finds it as a source
# checkout does.
DEFAULT_MODEL_PATH = Path(str(resources.files("extractor").joinpath("data/sv_protokoll_ner")))
OUTPUT_LABELS = frozenset({"PER", "ORG", "LOC"})

__all__ = [
    "NerModelMissingError",
    "model_path",
    "load_nlp",
    "load_model",
    "model_info",
    "find_entities",
    "person_names",
    "resolve_person",
]


class NerModelMissingError(DependencyError):
    kind = "ner-model-missing"


def model_path() -> Path:
    env = os.environ.get(MODEL_ENV)
    return Path(env).expanduser() if env else DEFAULT_MODEL_PATH


def load_model(path: str | os.PathLike):
    """``spacy.load`` of a pipeline whose matrix products go through numpy's BLAS.

    thinc's default CPU backend multiplies with its bundled BLIS, which on the
    AMD EPYC machines we measured runs a third as fast as numpy's OpenBLAS on
    the encoder's matrices (31 against 100 GFLOP/s on one core). The products
    are the same; the tagged entities of the corpus were identical.
    """
    import spacy
    from thinc.api import use_ops

    # Layers take the current backend when they are built, so it is set around the load.
    with use_ops("numpy", use_blis=False):
        return spacy.load(path)


@lru_cache(maxsize=4)
def _load(path: str):
    return load_model(path)


def load_nlp():
    """The NER pipeline (cached). Raises :class:`NerModelMissingError` if the folder is missing."""
    path = model_path()
    if not (path / "config.cfg").is_file() or not (path / "meta.json").is_file():
        hint = f" (set by {MODEL_ENV})" if os.environ.get(MODEL_ENV) else ""
        raise NerModelMissingError(
            f"NER model not found at {path}{hint}: it should be a spaCy pipeline folder with config.cfg "
            f"and meta.json; rebuild it with `protokoll train-ner` or set {MODEL_ENV}"
        )
    return _load(str(path.resolve()))


def model_info() -> dict:
    """Name, version and path of the NER model, read from its meta.json (for ``protokoll doctor``)."""
    path = model_path()
    info: dict = {"path": str(path), "exists": (path / "meta.json").is_file()}
    if info["exists"]:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        info.update(
            name=f"{meta.get('lang', 'sv')}_{meta.get('name', '')}",
            version=meta.get("version"),
            spacy_version=meta.get("spacy_version"),
            labels=sorted(meta.get("labels", {}).get("ner", [])),
            pipeline=meta.get("pipeline"),
        )
        perf = meta.get("performance") or {}
        if "ents_f" in perf:
            info["test_f1"] = perf["ents_f"]
    else:
        info.update(name=None, version=None)
    return info


# ---------------------------------------------------------------- segmenting

_SOFT_BREAK = re.compile(r"(?<=[^\s.:;!?])[ \t]*\n(?=[ \t]*[a-zåäöé])")


def _segments(text: str) -> list[tuple[int, str]]:
    """Pieces of a page text to tag, with their offsets.

    A line break inside a sentence (next line starts in lower case) becomes a
    space (same length, so offsets stay); the text is then cut at the other
    line breaks, so an attendance line is tagged on its own, and at the tabs
    between a line's cells, so that no name runs on into the next column
    ("Anna Berg | Ledamot").
    """
    flat = _SOFT_BREAK.sub(lambda m: " " * len(m.group(0)), text)
    out = []
    pos = 0
    for piece in re.split(r"([\n\t])", flat):
        if piece in ("\n", "\t"):
            pos += 1
            continue
        if piece.strip():
            out.append((pos, piece))
        pos += len(piece)
    return out


_TRIM = " \t\r\n.,;:!?\"'»«”“()[]–-"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        # keep a closing parenthesis that belongs to the span, e.g. "Region (X)" is rare; drop it
        end -= 1
    return start, end


def _doc_entities(doc, offset: int, text: str) -> list[tuple[int, int, str]]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in OUTPUT_LABELS:
            continue
        s, e = _trimmed(text, offset + ent.start_char, offset + ent.end_char)
        if e > s:
            out.append((s, e, ent.label_))
    return out


# The longest piece given to the model: a line of minutes is a few hundred characters, and a
# stretch of a million (a damaged or hostile file) would trip spaCy's length limit (E088) and
# take its memory.
MAX_PIECE_CHARS = 10_000


def _bounded(segments: list[tuple[int, str]], limit: int = MAX_PIECE_CHARS) -> list[tuple[int, str]]:
    """The segments with any longer than ``limit`` cut into pieces, at a space where there is one."""
    out = []
    for offset, segment in segments:
        while len(segment) > limit:
            cut = segment.rfind(" ", limit // 2, limit) + 1 or limit
            out.append((offset, segment[:cut]))
            offset, segment = offset + cut, segment[cut:]
        out.append((offset, segment))
    return out


def _entities_in_texts(nlp, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
    """Model entities of each text; all their segments go through one ``nlp.pipe``, so batches are full."""
    pieces = [(index, offset, segment) for index, text in enumerate(texts)
              for offset, segment in _bounded(_segments(text))]
    found: list[list[tuple[int, int, str]]] = [[] for _ in texts]
    # Batches of a few dozen lines: as fast as the model's default 1,000, and a
    # 200-page document peaks at 240 MB instead of 460 MB.
    for (index, offset, _), doc in zip(pieces, nlp.pipe((segment for _, _, segment in pieces), batch_size=64)):
        found[index].extend(_doc_entities(doc, offset, texts[index]))
    return found


def _entities_in_text(nlp, text: str) -> list[tuple[int, int, str]]:
    return _entities_in_texts(nlp, [text])[0]


# ------------------------------------------------------------------- public


def find_entities(pages: Sequence[tuple[int, str]], reference_date=None) -> list[dict]:
    """Entities of each page: ``{"text", "label", "page", "start", "end"}``, offsets into that page's text.

    PER, ORG, LOC come from the NER model (MISC is dropped); DATE and TIME
    from ``extractor.dates.find_dates(text, reference_date)`` and
    ``find_times(text)``. A model entity overlapping a date or time is dropped.
    """
    from extractor import dates

    pages = [(page, text) for page, text in pages if text]
    model_spans = _entities_in_texts(load_nlp(), [text for _, text in pages])
    result: list[dict] = []
    for (page, text), found in zip(pages, model_spans):
        spans: list[tuple[int, int, str]] = []
        for m in dates.find_dates(text, reference_date):
            spans.append((m.start, m.end, "DATE"))
        for m in dates.find_times(text):
            spans.append((m.start, m.end, "TIME"))
        taken = sorted((s, e) for s, e, _ in spans)
        for s, e, lab in found:
            if any(s < te and ts < e for ts, te in taken):
                continue
            spans.append((s, e, lab))
        for s, e, lab in sorted(spans):
            result.append({"text": text[s:e], "label": lab, "page": page, "start": s, "end": e})
    return result


def person_names_with(nlp, text: str) -> list[tuple[int, int]]:
    """PER spans of ``text`` tagged with ``nlp`` (see :func:`person_names`)."""
    return [(s, e) for s, e, lab in _entities_in_text(nlp, text) if lab == "PER"]


def person_names(text: str) -> list[tuple[int, int]]:
    """Character spans of person names in a short line.

    ``"Camilla Broo Huddinge"`` -> ``[(0, 12)]``; ``"Lisa Andersson (M), Ordförande"`` -> ``[(0, 14)]``.
    """
    return person_names_with(load_nlp(), text)


# ---------------------------------------------------------------- resolving


def _fold(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip(" \t.,;:()").casefold()


def _unique(cands: Iterable[str]) -> str | None:
    cands = list(dict.fromkeys(cands))
    return cands[0] if len(cands) == 1 else None


def resolve_person(assignee: str, participant_names: Sequence[str]) -> str | None:
    """The participant that ``assignee`` (as written in a task) refers to, or None.

    A full name matches itself (also with one OCR slip: rapidfuzz ratio >= 92);
    a first name ("Camilla") resolves when exactly one participant has it, a
    surname likewise; "Camilla B." resolves by first name and initial. A first
    name with an OCR slip ("Camila") resolves by similarity when one participant
    is clearly closest. Ambiguous or absent -> None.
    """
    from rapidfuzz import fuzz

    if not assignee or not participant_names:
        return None
    a = _fold(assignee)
    if not a:
        return None
    names = [n for n in dict.fromkeys(participant_names) if n and _fold(n)]
    folded = {n: _fold(n) for n in names}

    exact = _unique(n for n in names if folded[n] == a)
    if exact:
        return exact
    a_toks = a.split()
    toks = {n: folded[n].split() for n in names}

    if len(a_toks) == 1:
        w = a_toks[0]
        by_first = [n for n in names if toks[n][0] == w]
        if by_first:
            return _unique(by_first)
        # first name written with a hyphenated part: "Anna" for "Anna-Karin Berg" is too loose; skip
        by_last = [n for n in names if len(toks[n]) > 1 and toks[n][-1] == w]
        if by_last:
            return _unique(by_last)
        if len(w) >= 4:
            scored = sorted(((fuzz.ratio(w, toks[n][0]), n) for n in names), reverse=True)
            if scored and scored[0][0] >= 80:
                best = scored[0][0]
                if len([s for s, _ in scored if s == best]) == 1 and (len(scored) == 1 or scored[1][0] < best - 5):
                    # the same first name twice among participants stays ambiguous
                    if sum(1 for n in names if toks[n][0] == toks[scored[0][1]][0]) == 1:
                        return scored[0][1]
        return None

    # several tokens: first name + initials of the rest ("Camilla B.", "Anna S")
    first, rest = a_toks[0], [r.rstrip(".") for r in a_toks[1:]]
    if all(1 <= len(r) <= 2 for r in rest):
        pref = [
            n for n in names
            if len(toks[n]) >= 2 and toks[n][0] == first
            and all(any(t.startswith(r) for t in toks[n][1:]) for r in rest)
        ]
        if pref:
            return _unique(pref)
    # same first name, surname with an OCR slip ("Magnus Gyllestacl")
    same_first = [n for n in names if len(toks[n]) >= 2 and toks[n][0] == first]
    if same_first:
        rest_text = " ".join(rest)
        scored = sorted(((fuzz.ratio(rest_text, " ".join(toks[n][1:])), n) for n in same_first), reverse=True)
        if scored[0][0] >= 75 and (len(scored) == 1 or scored[1][0] < scored[0][0] - 5):
            return scored[0][1]
    scored = sorted(((fuzz.ratio(a, folded[n]), n) for n in names), reverse=True)
    if scored and scored[0][0] >= 92 and (len(scored) == 1 or scored[1][0] < scored[0][0]):
        return scored[0][1]
    return None
