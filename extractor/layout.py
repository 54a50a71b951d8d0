"""Stage 2, find layout: words into lines and cells, the page text, page furniture.

A line is the words whose boxes share a row; a wide gap inside a row starts a
new cell, so a table laid out as columns (name | role | note) or a two-column
signature block stays one row with its columns apart. Cells are joined by a tab
in the page text, words by a space, lines by a newline; every evidence offset
indexes that text.
"""
from __future__ import annotations

import statistics
from collections import Counter

import regex

from extractor.document import Cell, Document, Line, Page, Word
from extractor.matching import fold
from extractor.vocab import load


def _rules() -> dict:
    return load("layout")


# A word this many times taller than the page's usual word is no line's measure: OCR's read of
# a column of stacked digits or of a signature's scrawl, which reaches over several rows.
TALL_WORD = 2.0


def group_lines(words: list[Word]) -> list[list[Word]]:
    """Words into rows by vertical overlap, top to bottom, each row left to right. A tall word
    joins the row its middle stands in without stretching it over the rows it reaches into."""
    heights = sorted(max(w.height, 0.1) for w in words)
    usual = heights[len(heights) // 2] if heights else 0.0
    tall = [w for w in words if w.height > TALL_WORD * usual]
    rows: list[list[Word]] = []
    extents: list[tuple[float, float]] = []
    for word in sorted((w for w in words if w.height <= TALL_WORD * usual), key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        height = max(word.height, 0.1)
        placed = False
        # Only the last rows can share a row with a word further down the page.
        for index in range(len(rows) - 1, max(-1, len(rows) - 4), -1):
            top, bottom = extents[index]
            overlap = min(bottom, word.bottom) - max(top, word.top)
            if overlap >= 0.5 * min(height, bottom - top):
                rows[index].append(word)
                extents[index] = (min(top, word.top), max(bottom, word.bottom))
                placed = True
                break
        if not placed:
            rows.append([word])
            extents.append((word.top, word.bottom))
    for word in sorted(tall, key=lambda w: (w.top + w.bottom) / 2):
        middle = (word.top + word.bottom) / 2
        home = min(range(len(rows)), key=lambda i: abs((extents[i][0] + extents[i][1]) / 2 - middle), default=None)
        # It reaches over that row's middle: a large title just touching the next line keeps its own.
        if home is not None and word.top <= (extents[home][0] + extents[home][1]) / 2 <= word.bottom:
            rows[home].append(word)
        else:
            rows.append([word])
            extents.append((word.top, word.bottom))
    order = sorted(range(len(rows)), key=lambda i: extents[i][0])
    return [sorted(rows[i], key=lambda w: w.x0) for i in order]


def _line_size(row: list[Word]) -> float:
    sizes = [w.size or w.height for w in row]
    return statistics.median(sizes) if sizes else 10.0


def split_cells(row: list[Word], size: float) -> list[list[Word]]:
    gap_limit = _rules()["lines"]["cell_gap_em"] * size
    cells: list[list[Word]] = [[row[0]]]
    for previous, word in zip(row, row[1:]):
        if word.x0 - previous.x1 > gap_limit:
            cells.append([word])
        else:
            cells[-1].append(word)
    return cells


def _rows(words: list[Word]):
    """Each row with its size and its cells' words, in the order the page text is written."""
    for row in group_lines(words):
        size = _line_size(row)
        yield row, size, split_cells(row, size)


def word_spans(page: Page) -> list[tuple[int, int, Word]]:
    """Every word of the page with its offsets into ``page.text``: where an evidence span's
    words stand on the page. Written the way ``build_page_text`` writes the text."""
    spans: list[tuple[int, int, Word]] = []
    offset = 0
    for _, _, cells in _rows(page.words):
        for index, cell_words in enumerate(cells):
            offset += 1 if index else 0
            for position, word in enumerate(cell_words):
                offset += 1 if position else 0
                spans.append((offset, offset + len(word.text), word))
                offset += len(word.text)
        offset += 1
    return spans


def build_page_text(page: Page) -> None:
    """Fill ``page.lines`` and ``page.text`` from ``page.words``."""
    lines: list[Line] = []
    parts: list[str] = []
    offset = 0
    for row, size, row_cells in _rows(page.words):
        cells: list[Cell] = []
        line_start = offset
        for index, cell_words in enumerate(row_cells):
            if index:
                parts.append("\t")
                offset += 1
            text = " ".join(w.text for w in cell_words)
            cells.append(Cell(text=text, x0=cell_words[0].x0, x1=cell_words[-1].x1, start=offset, end=offset + len(text)))
            parts.append(text)
            offset += len(text)
        bold_share = sum(len(w.text) for w in row if w.bold) / max(1, sum(len(w.text) for w in row))
        lines.append(
            Line(
                text="\t".join(c.text for c in cells), cells=cells,
                x0=row[0].x0, x1=max(w.x1 for w in row), top=min(w.top for w in row),
                bottom=max(w.bottom for w in row), size=size, bold=bold_share > 0.6,
                start=line_start, end=offset, page=page.number, source=page.source,
            )
        )
        parts.append("\n")
        offset += 1
    page.lines = lines
    page.text = "".join(parts)


def _compiled(patterns: list[str]) -> list[regex.Pattern]:
    return [regex.compile(p, regex.IGNORECASE) for p in patterns]


def repeat_key(text: str) -> str:
    """A line's text with its digits ignored, so a running header that numbers its page is the
    same line on every page."""
    return regex.sub(r"\d+", "#", fold(text))


def _running_candidates(pages: list[Page], rules: dict) -> set[tuple[int, int]]:
    """(page, rank) of the lines that stand at the same rank from the top or the foot of most pages
    with the same text. Digits count here, unlike in `repeat_key`: pages that each open with their
    own "§ 12" are items, not a header."""
    places: dict[tuple, set[tuple[int, int]]] = {}
    for page in pages:
        count = len(page.lines)
        for rank, line in enumerate(page.lines):
            for place in (("top", rank) if rank < rules["running_top_lines"] else None,
                          ("foot", count - 1 - rank) if count - 1 - rank < rules["running_foot_lines"] else None):
                if place:
                    places.setdefault((place, fold(line.text)), set()).add((page.number, rank))
    # On most pages, so that a phrase that merely ends a few items is not taken for one.
    least = max(rules["running_min_pages"], len(pages) / 2)
    return {spot for found in places.values() if len({page for page, _ in found}) >= least for spot in found}


def _extend_running_blocks(pages: list[Page], rules: dict) -> None:
    """A header or footer block that reaches past the margin (a meeting's date under its label):
    a running line set tight against the page's furniture is furniture too."""
    candidates = _running_candidates(pages, rules)
    for page in pages:
        ranked = list(enumerate(page.lines))
        for order in (ranked, ranked[::-1]):
            edge = None  # the furniture line nearest the content so far
            for rank, line in order:
                tight = edge is not None and max(line.top - edge.bottom, edge.top - line.bottom) <= line.size
                if not line.furniture and (page.number, rank) in candidates and tight:
                    line.furniture = True
                if not line.furniture:
                    break
                edge = line


def mark_furniture(pages: list[Page]) -> None:
    """Flag running headers and footers, page numbers and signature boxes."""
    rules = _rules()["furniture"]
    line_patterns = _compiled(rules["line_patterns"])
    cell_patterns = _compiled(rules["cell_patterns"])
    margin = rules["margin_share"]

    def in_margin(line: Line, page: Page) -> bool:
        return line.bottom < page.height * margin or line.top > page.height * (1 - margin)

    repeats: Counter[str] = Counter()
    for page in pages:
        repeats.update({repeat_key(line.text) for line in page.lines if in_margin(line, page)})

    for page in pages:
        for line in page.lines:
            plain = " ".join(line.text.split())
            if any(p.fullmatch(plain) for p in line_patterns):
                line.furniture = True
            elif len(pages) >= rules["repeat_min_pages"] and in_margin(line, page) and repeats[repeat_key(line.text)] >= rules["repeat_min_pages"]:
                line.furniture = True
            elif len(line.cells) > 1:
                kept = [c for c in line.cells if not any(p.fullmatch(c.text.strip()) for p in cell_patterns)]
                if not kept:
                    line.furniture = True
                elif len(kept) < len(line.cells):
                    # Keep the content cells; the dropped ones stay in the page text for offsets.
                    line.cells = kept
                    line.text = "\t".join(c.text for c in kept)
                    line.start, line.end = kept[0].start, kept[-1].end
    _extend_running_blocks(pages, rules)


def find_layout(document: Document) -> Document:
    for page in document.pages:
        build_page_text(page)
    mark_furniture(document.pages)
    return document
