"""Lines as data: every line the layout stage found, with a stable id and what a reader sees in it.

A reader tells a heading from running text, an attendance list from a signing
block, by a handful of cues: how big and heavy the line is beside the body
text, how far it is indented, the white space around it, how wide it runs,
whether it starts with a number that continues a run, how it is cased and
ends, which words of the minutes' vocabulary it holds, whether it reads as a
person's name, a date or a time, and whether it repeats on every page. This
module measures those cues, relative to the document itself so that they mean
the same in every template, and turns them into the string features the
line-role model (``extractor.line_roles``) reads.

``LineRecord`` is plain data (it round-trips through JSON): the training
command stores records of the development documents and trains from them
without reading the PDFs again.
"""
from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import lru_cache

import regex

from extractor import dates, gazetteer, numbering
from extractor.document import Document, Line, Page
from extractor.layout import repeat_key
from extractor.segment import Segments, segment
from extractor.matching import bullet, fold, fold_space, has_decision_verb, match_heading
from extractor.names import looks_like_person
from extractor.vocab import load


@dataclass
class LineRecord:
    """One line of a document as the layout stage found it: position, style and text."""

    id: str  # "p{page}-l{index on the page}", stable for the same layout
    page: int
    index: int  # on its page, furniture included
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    cells: int
    furniture: bool
    source: str  # "text-layer" or "ocr"
    page_width: float
    page_height: float
    pages: int  # in the document
    confidence: float | None = None  # mean OCR confidence of its words (0-100)
    # What the rule segmentation made of the line (``REGIONS``): one cue among the others, which the
    # model learns when to trust.
    region: str = "none"

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "LineRecord":
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})


def line_id(page: int, index: int) -> str:
    return f"p{page}-l{index}"


def _line_confidence(page: Page, line: Line) -> float | None:
    if page.source != "ocr":
        return None
    values = [
        w.confidence for w in page.words
        if w.confidence is not None and line.top - 1 <= (w.top + w.bottom) / 2 <= line.bottom + 1 and line.x0 - 1 <= w.x0 <= line.x1 + 1
    ]
    return round(statistics.fmean(values), 1) if values else None


# The regions of ``extractor.segment``: the head, an item's first line and the rest of its
# heading, its body, the signing block, what follows it; "none" for furniture.
REGIONS = ("head", "item_start", "item_title", "item_body", "signing", "tail", "none")


def regions(segments: Segments) -> dict[int, str]:
    """The region of each line the segmentation placed, keyed by the line object's identity."""
    found = {id(line): "head" for line in segments.head}
    for item in segments.items:
        found.update({id(line): "item_title" for line in item.title_lines})
        found[id(item.heading)] = "item_start"
        found.update({id(line): "item_body" for line in item.body})
    found.update({id(line): "signing" for line in segments.signing})
    found.update({id(line): "tail" for line in segments.tail})
    return found


def records(document: Document, segments: Segments | None = None) -> list[LineRecord]:
    """Every line of the document, furniture included, in reading order, with the region the rule
    segmentation gave it (the segmentation is run here when not given)."""
    placed = regions(segments if segments is not None else segment(document))
    found = []
    for page in document.pages:
        for index, line in enumerate(page.lines):
            found.append(LineRecord(
                id=line_id(page.number, index), page=page.number, index=index, text=line.text,
                x0=round(line.x0, 2), x1=round(line.x1, 2), top=round(line.top, 2), bottom=round(line.bottom, 2),
                size=round(line.size, 2), bold=line.bold, cells=len(line.cells), furniture=line.furniture,
                source=page.source, page_width=page.width, page_height=page.height, pages=len(document.pages),
                confidence=_line_confidence(page, line), region=placed.get(id(line), "none"),
            ))
    return found


# --------------------------------------------------------------------------- the document's norms


@dataclass
class _Norms:
    """What is usual in this document: body text size, left margin per page, line gap, text width."""

    body_size: float
    margins: dict[int, float]
    rights: dict[int, float]
    gap: float
    repeats: Counter = field(default_factory=Counter)


def _norms(lines: list[LineRecord]) -> _Norms:
    content = [l for l in lines if not l.furniture] or lines
    sizes = Counter()
    for l in content:
        sizes[round(l.size * 2) / 2] += len(l.text)
    body_size = sizes.most_common(1)[0][0] if sizes else 10.0
    margins: dict[int, float] = {}
    rights: dict[int, float] = {}
    for page in {l.page for l in content}:
        on_page = [l for l in content if l.page == page]
        lefts = sorted(l.x0 for l in on_page)
        # The text margin: the left edge most lines share, not the leftmost speck.
        margins[page] = lefts[len(lefts) // 5] if lefts else 0.0
        ends = sorted(l.x1 for l in on_page)
        rights[page] = ends[(len(ends) * 9) // 10] if ends else on_page[0].page_width
    gaps = []
    for a, b in zip(content, content[1:]):
        if a.page == b.page and b.top > a.bottom:
            gaps.append(b.top - a.bottom)
    gaps.sort()
    gap = gaps[len(gaps) // 4] if gaps else 2.0
    repeats = Counter()
    for page in {l.page for l in lines}:
        repeats.update({repeat_key(l.text) for l in lines if l.page == page})
    return _Norms(body_size=body_size, margins=margins, rights=rights, gap=max(gap, 0.5), repeats=repeats)


# --------------------------------------------------------------------------- vocabulary cues


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, list[str]]:
    """Word lists of the minutes' vocabulary, by the cue they give a reader."""
    structure = load("structure")
    attendance = structure["attendance"]
    heads = structure["head"]
    return {
        "present": attendance["present"]["headings"],
        "absent": attendance["absent"]["headings"],
        "not_attendance": attendance["not_attendance"]["headings"],
        "decision": structure["decisions"]["headings"],
        "section_end": structure["decisions"]["section_ends"],
        "signing": [entry["label"] for entry in structure["signatures"]["labels"]] + structure["signatures"]["block_headings"],
        "form": structure["signatures"]["form_words"],
        "appendix": structure["signatures"]["block_ends"],
        "head_label": heads["date"] + heads["time"] + heads["place"] + heads["number"],
        "doc_type": heads["minnesanteckningar"] + heads["kallelse"] + heads["protokoll"],
        "next_meeting": structure["next_meeting"]["headings"],
        "closing": structure["closing"]["titles"],
    }


_NAME_SHAPE = regex.compile(r"\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?\s+(?:(?:af|von|van|de)\s+)?\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?")
_PARTY = regex.compile(r"\(\s?\p{Lu}{1,3}\s?\)")
# A handle or address where a name would stand: "anna.berg@example.se", a cell "annbe12".
_HANDLE = regex.compile(r"\S+@\S+\.\p{L}+|[a-z][a-z0-9._-]{2,14}")


def number_shape(text: str) -> tuple[str, int | None]:
    """How a line's numbering is written ("§ N", "N.", "sub", "none") and its whole number."""
    found = numbering.item_number(text)
    if found is not None:
        digits = regex.match(r"\d+", found.number)
        return found.shape, int(digits.group()) if digits else None
    if numbering.sub_point(text) is not None:
        return "sub", None
    return "none", None


def _bucket(value: float, edges: tuple[float, ...], names: tuple[str, ...]) -> str:
    for edge, name in zip(edges, names):
        if value < edge:
            return name
    return names[-1]


def _cues(text: str) -> list[str]:
    plain = fold_space(text.replace("\t", " "))
    cues = []
    for cue, words in _vocabulary().items():
        hit = match_heading(plain, words)
        if hit:
            rest = plain[hit[1]:].strip(" :")
            cues.append(f"starts_{cue}")
            if not rest:
                cues.append(f"is_{cue}")
        elif any(fold(w) in fold(plain) for w in words if len(w) > 5):
            cues.append(f"has_{cue}")
    return cues


def _handles(text: str) -> bool:
    cells = [c.strip() for c in text.split("\t")]
    return len(cells) > 1 and any(_HANDLE.fullmatch(c) for c in cells)


def _names_in(text: str) -> int:
    """Pairs of capitalised words that read as a person's name (overlapping: "Närvarande Anna Berg")."""
    return sum(1 for m in _NAME_SHAPE.finditer(text, overlapped=True) if looks_like_person(m.group()))


def _own_features(record: LineRecord, norms: _Norms) -> dict[str, str | bool]:
    text = record.text
    plain = fold_space(text.replace("\t", " "))
    words = plain.split()
    margin = norms.margins.get(record.page, 0.0)
    right = norms.rights.get(record.page, record.page_width)
    width = max(right - margin, 1.0)
    shape, _ = number_shape(plain)
    f: dict[str, str | bool] = {
        "size": _bucket(record.size / max(norms.body_size, 1.0), (0.9, 1.08, 1.3), ("small", "body", "large", "huge")),
        "bold": record.bold,
        "indent": _bucket((record.x0 - margin) / width, (-0.02, 0.03, 0.15, 0.4), ("out", "margin", "small", "large", "far")),
        "width": _bucket((record.x1 - record.x0) / width, (0.25, 0.6, 0.9), ("short", "half", "most", "full")),
        "ends_at_right": record.x1 >= right - 0.03 * width,
        "vpos": _bucket(record.top / max(record.page_height, 1.0), (0.1, 0.33, 0.66, 0.9), ("top", "upper", "middle", "lower", "bottom")),
        "first_page": record.page == 1,
        "last_page": record.page == record.pages,
        "cells": str(min(record.cells, 3)),
        "number": shape,
        "furniture": record.furniture,
        "repeats": norms.repeats[repeat_key(text)] >= 3,
        "source": record.source,
        "words": _bucket(len(words), (2, 4, 8, 16), ("1", "2-3", "4-7", "8-15", "16+")),
        "case": "upper" if plain.isupper() else ("cap" if plain[:1].isupper() else ("lower" if plain[:1].islower() else "other")),
        "end": plain[-1:] if plain[-1:] in ".:,;?!" else ("digit" if plain[-1:].isdigit() else "other"),
        "bullet": bullet(plain) is not None,
        "att": bool(regex.match(r"^(?:[-–•]\s*)?att\s", plain, regex.IGNORECASE)),
        "decision_verb": has_decision_verb(plain),
        "date": bool(dates.find_dates(plain)),
        "time": bool(dates.find_times(plain)),
        "names": str(min(_names_in(plain), 3)),
        "party": bool(_PARTY.search(plain)),
        "handle": _handles(text),
        "colon": ":" in plain,
        "region": record.region,
    }
    if record.confidence is not None:
        f["ocr_conf"] = _bucket(record.confidence, (50, 75, 90), ("poor", "fair", "good", "high"))
    for cue in _cues(plain):
        f[f"cue:{cue}"] = True
    # The first word, where it is a word of the language and not a name: "beslut", "att", "ordförande".
    first = words[0].strip(".,:;") if words else ""
    plain_word = len(first) > 2 and first.isalpha() and not (gazetteer.is_first_name(first) or gazetteer.is_surname(first))
    f["w0"] = fold(first) if plain_word else "-"
    return f


def _gap_features(lines: list[LineRecord], norms: _Norms) -> list[dict[str, str]]:
    out = []
    for i, record in enumerate(lines):
        above = lines[i - 1] if i else None
        below = lines[i + 1] if i + 1 < len(lines) else None
        gaps = {}
        for name, other, gap in (
            ("gap_above", above, record.top - above.bottom if above and above.page == record.page else None),
            ("gap_below", below, below.top - record.bottom if below and below.page == record.page else None),
        ):
            gaps[name] = "page" if gap is None else _bucket(gap / norms.gap, (0.5, 1.6, 3.0), ("tight", "line", "para", "wide"))
        out.append(gaps)
    return out


def _run_features(lines: list[LineRecord], own: list[dict]) -> list[dict[str, str | bool]]:
    """Numbering in a consecutive run: the number one more than the last line of the same shape."""
    last: dict[str, int] = {}
    out = []
    for record in lines:
        shape, number = number_shape(fold_space(record.text))
        f: dict[str, str | bool] = {}
        if number is not None and shape not in ("sub", "none"):
            previous = last.get(shape)
            f["run"] = "start" if number == 1 else ("next" if previous is not None and number == previous + 1 else "jump")
            last[shape] = number
        out.append(f)
    return out


def _numbered_heading(f: dict) -> bool:
    """A line continuing a run of item numbers at the text's margin: what a reader takes for an item."""
    return f.get("run") in ("start", "next") and f.get("indent") in ("out", "margin", "small") and not f.get("furniture")


def _context_features(own: list[dict]) -> list[dict[str, str | bool]]:
    """What a reader remembers from above and has glimpsed below: whether the items have begun,
    whether more follow, whether a signing label or an attendance heading came since the last item."""
    last_heading = max((i for i, f in enumerate(own) if _numbered_heading(f)), default=None)
    seen_heading = False
    signing_since = attendance_since = False
    since_heading = None
    out = []
    for i, f in enumerate(own):
        if _numbered_heading(f):
            seen_heading, signing_since, attendance_since, since_heading = True, False, False, 0
        elif since_heading is not None:
            since_heading += 1
        out.append({
            "items_begun": seen_heading,
            "items_follow": last_heading is not None and i < last_heading,
            "signing_above": signing_since,
            "attendance_above": attendance_since,
            "since_heading": "none" if since_heading is None else _bucket(since_heading, (1, 2, 4, 10), ("0", "1", "2-3", "4-9", "10+")),
        })
        if f.get("cue:starts_signing") and not f.get("furniture"):
            signing_since = True
        if f.get("cue:starts_present") or f.get("cue:starts_absent"):
            attendance_since = True
    return out


_CONTEXT_KEYS = ("size", "bold", "number", "indent", "case", "end", "names", "gap_above", "cells", "region")


def features(lines: list[LineRecord]) -> list[dict[str, str | bool]]:
    """The model's features of each line: its own cues and a few of its neighbours'."""
    if not lines:
        return []
    norms = _norms(lines)
    own = [_own_features(r, norms) for r in lines]
    for f, extra in zip(own, _gap_features(lines, norms)):
        f.update(extra)
    for f, extra in zip(own, _run_features(lines, own)):
        f.update(extra)
    # Where the line stands in the document: a reader knows the end is near.
    total = len(lines)
    for i, f in enumerate(own):
        f["position"] = _bucket(i / total, (0.1, 0.5, 0.85), ("start", "first_half", "second_half", "end"))
    for f, extra in zip(own, _context_features(own)):
        f.update(extra)
    result = []
    for i, f in enumerate(own):
        row = dict(f)
        for offset, label in ((-1, "prev"), (1, "next"), (-2, "prev2")):
            j = i + offset
            if 0 <= j < total:
                for key in _CONTEXT_KEYS:
                    if key in own[j]:
                        row[f"{label}:{key}"] = own[j][key]
                for key in own[j]:
                    if key.startswith("cue:is_") or key.startswith("cue:starts_"):
                        row[f"{label}:{key}"] = True
            else:
                row[f"{label}:none"] = True
        result.append(row)
    return result


def crf_items(row: dict[str, str | bool]) -> dict[str, float]:
    """A feature row as python-crfsuite takes it: ``name=value`` keys with weight 1."""
    items: dict[str, float] = {}
    for key, value in row.items():
        if value is True:
            items[key] = 1.0
        elif value is False or value is None:
            continue
        else:
            items[f"{key}={value}"] = 1.0
    return items
