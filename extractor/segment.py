"""Stage 3, segment: the document's lines into head, agenda items and signing block.

Items are found by their numbering (``§ 12``, ``12.``, ``12)``), keeping only
numbers at the item margin that follow one another, so that sub-points
(``2.1``, ``a.``) stay inside their parent and an agenda list printed before
the items does not become items itself. Documents with no numbering fall back
to headings set apart by a bold or larger font.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field

import regex

from extractor.document import Document, Line
from extractor.matching import fold, fold_space, match_heading
from extractor.vocab import load

# "§ 12", "§12a", "§ 4 a" at a line start, not "§2.1" (a sub-point).
_SECTION = regex.compile(r"^§\s*(?P<num>\d{1,3}(?:\s?[a-z])?)(?![\d.,:/]\d)(?:\.|:)?(?=\s|\t|$)(?P<rest>.*)$", regex.IGNORECASE)
# "12. Title", "12) Title", "12." alone (title on the next line), not "2.1" or "12.30".
_DOTTED = regex.compile(r"^(?P<num>\d{1,3}[a-z]?)\s?[.)](?!\d)(?P<rest>(?:\s|\t).*|)$")
# OCR reads "§" at a line start as 8, 3, S, $, & or g ("85" for "§5", "g1la" for "§11a").
_OCR_SECTION = regex.compile(r"^[83Sg$&]\s?(?P<num>[\dlIO]{1,2}[a-z]?)$")
_OCR_DIGITS = str.maketrans({"l": "1", "I": "1", "O": "0"})


@dataclass
class ItemSegment:
    number: str | None
    heading: Line
    title: str
    title_lines: list[Line]
    body: list[Line] = field(default_factory=list)


@dataclass
class Segments:
    head: list[Line]
    items: list[ItemSegment]
    signing: list[Line]
    tail: list[Line]  # attachments after the signing block


@dataclass
class _Candidate:
    index: int
    number: str | None
    rest: str
    scheme: str


def _split_number(number: str) -> tuple[int, str]:
    number = number.replace(" ", "")
    digits = regex.match(r"\d+", number)
    return int(digits.group()), number[digits.end():]


def _follows(previous: str | None, number: str, max_gap: int) -> bool:
    """``number`` may come after ``previous``: the next number, a lettered sub-item, or a small gap."""
    if previous is None:
        return True
    prev_n, prev_s = _split_number(previous)
    n, s = _split_number(number)
    if n == prev_n:
        return bool(s) and (not prev_s or s > prev_s)
    return prev_n < n <= prev_n + max_gap


def _candidates(lines: list[Line]) -> list[_Candidate]:
    found = []
    for index, line in enumerate(lines):
        text = line.text.strip()
        m = _SECTION.match(text)
        if m:
            found.append(_Candidate(index, m["num"].replace(" ", ""), m["rest"], "section"))
            continue
        m = _DOTTED.match(text)
        if m:
            found.append(_Candidate(index, m["num"], m["rest"], "dotted"))
            continue
        first = line.cells[0].text.strip() if line.cells else ""
        m = _OCR_SECTION.match(first)
        if m and len(line.cells) > 1:
            number = m["num"].translate(_OCR_DIGITS)
            if number[0] != "0":
                rest = line.text[len(line.cells[0].text):]
                found.append(_Candidate(index, number, rest, "ocr-section"))
    return found


def _runs(candidates: list[_Candidate], max_gap: int) -> list[list[_Candidate]]:
    runs: list[list[_Candidate]] = []
    for cand in candidates:
        if runs and _follows(runs[-1][-1].number, cand.number, max_gap):
            runs[-1].append(cand)
        elif runs and cand.scheme == "ocr-section":
            continue  # an OCR guess that breaks the sequence is body text
        else:
            runs.append([cand])
    return runs


def _pick_numbered(lines: list[Line]) -> list[_Candidate]:
    candidates = _candidates(lines)
    sections = [c for c in candidates if c.scheme != "dotted"]
    dotted = [c for c in candidates if c.scheme == "dotted"]
    real_sections = [c for c in sections if c.scheme == "section"]
    if len(real_sections) >= 2 or (real_sections and not dotted):
        chosen, max_gap = sections, 5
    else:
        chosen, max_gap = dotted, 3
        if chosen:
            margin = min(lines[c.index].x0 for c in chosen)
            chosen = [c for c in chosen if lines[c.index].x0 <= margin + 15]
    if not chosen:
        return []

    def body_size(run: list[_Candidate]) -> int:
        # An agenda list has no text between its numbers; the items proper do.
        ends = [c.index for c in run[1:]] + [len(lines)]
        return sum(end - c.index - 1 for c, end in zip(run, ends) if end - c.index > 1) + len(run)

    runs = _runs(chosen, max_gap)
    best = max(runs, key=body_size)
    return best if len(best) >= 1 else []


def _is_decision_heading(text: str) -> bool:
    vocab = load("structure")["decisions"]
    plain = fold(text)
    return any(fold(h) == plain for h in vocab["headings"]) or (
        len(plain.split()) <= 3 and plain.endswith(vocab["heading_suffix"])
    )


def _title_from(lines: list[Line], start: int, rest: str, limit: int) -> tuple[str, list[Line], int]:
    """The item title: the rest of the numbered line, or the heading lines after it."""
    rest = fold_space(rest.replace("\t", " "))
    is_reference = bool(regex.match(r"^(dnr|diarienummer)\b", rest, regex.IGNORECASE))
    if rest and not is_reference:
        return rest, [lines[start]], start + 1
    title_lines: list[Line] = []
    index = start + 1
    heading = lines[start]
    while index < limit:
        line = lines[index]
        if _is_decision_heading(line.text):
            break
        if title_lines and not (line.bold and title_lines[-1].bold):
            break
        if not title_lines and not line.bold and heading.bold is False and any(l.bold for l in lines[start + 1:limit]):
            # Municipal paragraphs set their title in bold below the § line.
            index += 1
            continue
        title_lines.append(line)
        index += 1
        if not line.bold:
            break
    title = fold_space(" ".join(l.text.replace("\t", " ") for l in title_lines))
    return title, [lines[start], *title_lines], index


def _unnumbered_headings(lines: list[Line], start: int) -> list[int]:
    """Heading lines set apart by a bold or larger font, for documents without numbering."""
    if len(lines) <= start:
        return []
    body_size = statistics.median(line.size for line in lines)
    found = []
    for index in range(start, len(lines)):
        line = lines[index]
        text = line.text.strip()
        if len(text) > 80 or text.endswith((".", ",", ":")) or not text[:1].isupper():
            continue
        if (line.bold or line.size >= body_size * 1.12) and not _is_decision_heading(text):
            found.append(index)
    return found


def _signing_start(lines: list[Line], start: int) -> int | None:
    labels = [entry["label"] for entry in load("structure")["signatures"]["labels"]]
    for index in range(start, len(lines)):
        cells = [c.text.strip() for c in lines[index].cells] or [lines[index].text]
        if all(match_heading(cell, labels) and len(cell.split()) <= 3 for cell in cells if cell):
            return index
    return None


def _attachment_start(lines: list[Line], start: int) -> int | None:
    for index in range(start, len(lines)):
        if regex.match(r"^(bilaga|bilagor)\s*\d*\s*$", lines[index].cells[0].text.strip() if lines[index].cells else "", regex.IGNORECASE):
            return index
    return None


def segment(document: Document) -> Segments:
    lines = document.lines()
    chosen = _pick_numbered(lines)
    if chosen:
        starts = [(c.index, c.number, c.rest) for c in chosen]
    else:
        head_end = _first_content_heading(lines)
        starts = [(i, None, lines[i].text) for i in _unnumbered_headings(lines, head_end)]
    if not starts:
        return Segments(head=lines, items=[], signing=[], tail=[])

    last_heading = starts[-1][0]
    signing_at = _signing_start(lines, last_heading + 1)
    end = signing_at if signing_at is not None else len(lines)
    tail_at = _attachment_start(lines, end) if signing_at is not None else None

    items = []
    for position, (index, number, rest) in enumerate(starts):
        limit = starts[position + 1][0] if position + 1 < len(starts) else end
        title, title_lines, body_start = _title_from(lines, index, rest, limit)
        items.append(ItemSegment(number=number, heading=lines[index], title=title, title_lines=title_lines, body=lines[body_start:limit]))
    signing = lines[end:tail_at] if signing_at is not None else []
    tail = lines[tail_at:] if tail_at is not None else []
    return Segments(head=lines[: starts[0][0]], items=items, signing=signing, tail=tail)


def _first_content_heading(lines: list[Line]) -> int:
    """Where an unnumbered document's head ends: after its title and attendance lines."""
    vocab = load("structure")
    attendance = vocab["attendance"]["present"]["headings"] + vocab["attendance"]["absent"]["headings"]
    start = 1
    for index, line in enumerate(lines[:40]):
        if match_heading(line.text, attendance):
            start = index + 1
    return start
