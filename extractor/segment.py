"""Stage 3, segment: the document's lines into head, agenda items and signing block.

Items are found by their numbering (``§ 12``, ``12.``, ``12)`` and the other shapes that
:func:`extractor.numbering.item_number` reads), keeping only
numbers at the item margin that follow one another, so that sub-points
(``2.1``, ``a.``) stay inside their parent and an agenda list printed before
the items does not become items itself. Documents with no numbering fall back
to headings set apart by a bold or larger font.

Long because finding the items' spine is one decision made from many shapes
of numbering and heading (numbered, listed, unnumbered, OCR-garbled, with a
table of contents or an appended document in the way); split apart, each
part would need the others' reasons.
"""
from __future__ import annotations

import dataclasses
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable
from functools import lru_cache

import regex

from extractor.document import Cell, Document, Line
from extractor.matching import attendance_heading, fold, fold_space, has_decision_verb, label_cell, match_heading, trailing_label
from extractor.names import leading_name
from extractor.numbering import (DOTTED, OCR_DOTTED, OCR_SECTION, PLAIN, SECTION, diary_reference, item_number, number_trace,
                                sign_read_as_digit, sub_point, without_specks)
from extractor.vocab import load

# The kinds of a list number ("12.", "3/"), as written or as OCR read it.
_LIST = (DOTTED, OCR_DOTTED)
# A line of a table of contents: leader dots before a page number ("Budget ........ 3"), or a
# long run of them before whatever a word processor left there ("Delår .......... Fel! Bokmärket
# är inte definierat.", a footer set on the same line).
_LEADER = regex.compile(r"(?:\.\s?){4,}\s*\d{1,3}\s*$|(?:…\s?){2,}\s*\d{1,3}\s*$|(?:\.\s?){12,}\s*\S")
_TOC_HEADINGS = ("innehåll", "innehållsförteckning", "ärendeförteckning", "ärendelista", "ärenden", "paragrafer")


@dataclass
class ItemSegment:
    number: str | None
    heading: Line
    title: str
    title_lines: list[Line]
    body: list[Line] = field(default_factory=list)
    # The document's layout, for telling paragraphs apart in the body: where
    # full lines end, and the usual space between the lines of a paragraph.
    text_right: float | None = None
    line_gap: float = 0.0
    # A point kept as a table's row: each column's lines by what it holds (TableRow.columns).
    columns: dict[str, list[Line]] = field(default_factory=dict)


# Points: a cell this far left of a header cell still stands in its column (a header set a little
# right of its cells), and one reaching this far into the next column is no cell of the table.
_COLUMN_SLACK = 12


@dataclass
class TableRow:
    """A row of a table under its header row: the lines it spans, and each column's part of them (a
    line per cell, cut to the cell), by what the column holds ("number", "title", "decision", "who")."""

    lines: list[Line] = field(default_factory=list)
    columns: dict[str, list[Line]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _column_words() -> tuple[tuple[str, tuple[str, ...]], ...]:
    vocab = load("structure")
    return tuple((kind, tuple(words)) for section in (vocab["items"]["table"], vocab["assignments"]["table"])
                 for kind, words in section.items())


@lru_cache(maxsize=1)
def _longest_column_name() -> int:
    return max(len(word.split()) for _, words in _column_words() for word in words)


@lru_cache(maxsize=4096)
def _column_kind(text: str) -> str | None:
    """What a column holds, by its header cell's words (as written or with an OCR slip)."""
    text = fold_space(text).rstrip(":")
    for kind, words in _column_words():
        if text.lower() in (w.lower() for w in words):
            return kind
    for kind, words in _column_words():
        hit = match_heading(text, list(words))
        if hit is not None and hit[1] == len(text):
            return kind
    return None


def _cell_columns(cell: Cell) -> list[tuple[float, str]] | None:
    """The columns a header cell names: one, or several whose words the layout joined into one cell
    where the space between them was narrow ("Punkt Ärende"), each placed by its share of the
    cell's characters."""
    words = list(regex.finditer(r"\S+", cell.text))
    if len(words) > 3 * _longest_column_name():
        return None  # running text, not a row of column names
    found = []
    i = 0
    while i < len(words):
        # The longest phrase from here that names a column ("Klart till" before "Klart").
        j = next((j for j in range(min(len(words), i + _longest_column_name()), i, -1)
                  if _column_kind(cell.text[words[i].start():words[j - 1].end()])), None)
        if j is None:
            return None
        kind = _column_kind(cell.text[words[i].start():words[j - 1].end()])
        found.append((cell.x0 + (cell.x1 - cell.x0) * words[i].start() / max(1, len(cell.text)), kind))
        i = j
    return found


def table_header(line: Line) -> list[tuple[float, str]] | None:
    """The columns of a table's header row (each cell column words): where each starts and what it
    holds; None for a line that is no header row."""
    columns = []
    for cell in (c for c in line.cells if c.text.strip()):
        named = _cell_columns(cell)
        if named is None:
            return None
        columns.extend(named)
    return columns if len(columns) >= 2 else None


def _row_number(text: str) -> tuple[str, str] | None:
    """The number a table's number cell holds ("3", "3.", "§ 3", "4 a") and the text after it."""
    found = item_number(text)
    if found is not None:
        return found.number, found.rest
    m = regex.fullmatch(r"\s*(\d{1,3}(?:\s?[a-z])?)\s*", text)
    return (m.group(1), "") if m else None


def _cell_line(line: Line, cell: Cell) -> Line:
    return dataclasses.replace(line, text=cell.text, cells=[cell], x0=cell.x0, x1=cell.x1, start=cell.start, end=cell.end)


def _placed(line: Line, header: list[tuple[float, str]]) -> list[tuple[str, Cell]] | None:
    """The line's cells with the column each stands in; None where one stands left of the table or
    runs on into the next column (running text after the table)."""
    cells = [c for c in line.cells if c.text.strip()] or [Cell(line.text, line.x0, line.x1, line.start, line.end)]
    placed = []
    for cell in cells:
        inside = [k for k, (x0, _) in enumerate(header) if cell.x0 >= x0 - _COLUMN_SLACK]
        if not inside:
            return None
        column = inside[-1]
        if column + 1 < len(header) and cell.x1 > header[column + 1][0] + _COLUMN_SLACK:
            return None
        placed.append((header[column][1], cell))
    return placed


def table_rows(lines: list[Line], start: int) -> tuple[list[TableRow], int]:
    """The rows of the table whose header row is ``lines[start]``, and where the table ends.

    A row starts on the line with a cell in its first key column (the number, else the title, else who
    or what); a line without one carries on the row above, each cell in its own column (wrapped cells).
    The header row written again on a new page is passed over; the table ends at a line that does
    not fit its columns, a number cell without a number, or a signing block."""
    header = table_header(lines[start])
    kinds = [kind for _, kind in header]
    key = next((k for k in ("number", "title", "who", "task") if k in kinds), kinds[0])
    rows: list[TableRow] = []
    index = start + 1
    while index < len(lines):
        line = lines[index]
        again = table_header(line)
        if again is not None:
            if [kind for _, kind in again] != kinds:
                break
            index += 1
            continue
        placed = _placed(line, header)
        if placed is None or _signing_line(line):
            break
        keyed = next((cell.text.strip() for kind, cell in placed if kind == key), None)
        if key == "number" and keyed is not None and _row_number(keyed) is None:
            break
        before = rows[-1].columns.get(key, []) if rows else []
        # A key cell in lower case, or after one broken off at a hyphen or comma, wraps the one above.
        if keyed is not None and (key == "number" or not before or (
                keyed[:1].isupper() or keyed[:1].isdigit()) and not before[-1].text.rstrip().endswith(("-", ","))):
            rows.append(TableRow())
        elif not rows:
            break
        rows[-1].lines.append(line)
        for kind, cell in placed:
            rows[-1].columns.setdefault(kind, []).append(_cell_line(line, cell))
        index += 1
    return rows, index


def _minutes_table(lines: list[Line]) -> tuple[int, list[TableRow], int] | None:
    """Minutes kept as one table, a row for each point: the header row's index, the rows and where the
    table ends. Its header names the point (a number or title column) and what became of it."""
    for index, line in enumerate(lines):
        header = table_header(line)
        kinds = {kind for _, kind in header or []}
        if kinds & {"number", "title"} and kinds & {"decision", "discussion", "task", "who"}:
            rows, end = table_rows(lines, index)
            if len(rows) >= 2:
                return index, rows, end
    return None


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


def _toc_lines(lines: list[Line]) -> set[int]:
    """Lines of a table of contents: leader dots and a page number, or a trailing page number
    in a list under an "Innehåll" heading."""
    found = set()
    under_heading = False
    for index, line in enumerate(lines):
        text = line.text.strip()
        plain = fold(text)
        if plain in _TOC_HEADINGS:
            under_heading = True
            continue
        if index and line.page != lines[index - 1].page:
            under_heading = False
        if _LEADER.search(text):
            found.add(index)
        elif under_heading and len(line.cells) > 1 and regex.fullmatch(r"\d{1,3}", line.cells[-1].text.strip()):
            found.add(index)
    return found


def _in_toc(lines: list[Line], index: int, toc: set[int], limit: int) -> bool:
    """The numbered line at ``index`` or the title line right after it belongs to a table of contents."""
    return any(i in toc for i in range(index, min(limit, index + 2)))


def _candidates(lines: list[Line]) -> list[_Candidate]:
    found = []
    for index, line in enumerate(lines):
        m = item_number(line.text)
        if m is not None:
            found.append(_Candidate(index, m.number, m.rest, m.kind))
        elif sign_read_as_digit(line.text) is not None:
            found.append(_Candidate(index, None, "", "unread"))
    found = _signs_read_as_digits(lines, found)
    toc = _toc_lines(lines)
    if toc:
        starts = [c.index for c in found] + [len(lines)]
        found = [c for c, following in zip(found, starts[1:]) if not _in_toc(lines, c.index, toc, following)]
    return found


def _signs_read_as_digits(lines: list[Line], found: list[_Candidate]) -> list[_Candidate]:
    """Among § headings, "82. Title", "815 Title" or "8 14 Title" is "§ 2", "§ 15", "§ 14" whose
    sign OCR read as a digit, where that number and not the other carries on the §-numbers
    around it; a line that reads as neither stays out."""
    sections = (SECTION, OCR_SECTION)
    if not any(c.scheme in sections for c in found):
        return [c for c in found if c.scheme != "unread"]
    # Each line's § number: as read, or as read with a digit for the sign.
    readings: list[_Candidate | None] = []
    for cand in found:
        read = sign_read_as_digit(lines[cand.index].text) if cand.scheme in (DOTTED, PLAIN, "unread") else None
        readings.append(cand if cand.scheme in sections else (read and _Candidate(cand.index, read.number, read.rest, read.kind)))
    out = list(found)
    for k, read in enumerate(readings):
        if read is None or found[k].scheme in sections:
            continue
        before = next((c.number for c in reversed(out[:k]) if c.scheme in sections), None)
        later = [j for j in range(k + 1, len(found)) if found[j].scheme in sections]
        after = found[later[0]].number if later else None
        # Other lines read this way may stand between it and the next § heading ("8 4", "8 5").
        between = sum(1 for r in readings[k + 1:later[0] if later else None] if r is not None)
        if (before or after) and (before is None or _follows(before, read.number, 2)) and (
                after is None or _follows(read.number, after, 2 + between)):
            out[k] = read
    return [c for c in out if c.scheme != "unread"]


def _runs(candidates: list[_Candidate], max_gap: int) -> list[list[_Candidate]]:
    runs: list[list[_Candidate]] = []
    for cand in candidates:
        if runs and _follows(runs[-1][-1].number, cand.number, max_gap):
            runs[-1].append(cand)
        elif runs and cand.scheme in (OCR_SECTION, OCR_DOTTED):
            continue  # an OCR guess that breaks the sequence is body text
        else:
            runs.append([cand])
    return runs


def _line_gaps(lines: list[Line]) -> list[float | None]:
    """The white space above each line; None for the first line of a page (nothing to measure)."""
    gaps: list[float | None] = []
    for index, line in enumerate(lines):
        previous = lines[index - 1] if index else None
        gaps.append(line.top - previous.bottom if previous is not None and previous.page == line.page else None)
    return gaps


def _typical_gap(gaps: list[float | None]) -> float:
    """The space between the lines of a paragraph: the lower quartile, as paragraphs may be many and short."""
    measured = sorted(g for g in gaps if g is not None and g > 0)
    return measured[len(measured) // 4] if measured else 0.0


def _title_like(text: str, set_as_heading: bool = False) -> bool:
    """A heading's text: short, capitalised, not a finished sentence, not a decision. A line set as
    a heading (bold or larger) may hold a decision word ("Regler beslutade av styrelsen")."""
    return (
        bool(text) and text[:1].isupper() and len(text) <= 100
        and not text.endswith((".", ":", ",")) and (set_as_heading or not has_decision_verb(text))
    )


def _lost_headings(
    lines: list[Line], start: int, end: int, first: int, count: int, margin: float, take_last: bool = False,
) -> list[_Candidate] | None:
    """The ``count`` item headings whose numbers OCR lost between lines ``start`` and ``end``.

    A scan can drop the numbers of a numbered list ("1." read, "2."-"9." gone).
    A line is such a heading when its text looks like a title and either OCR
    left a trace of the number before it or white space sets it apart from the
    text above. Only an exact count is trusted: the numbers on either side say
    how many headings are missing.
    """
    gaps = _line_gaps(lines)
    typical = _typical_gap(gaps)
    strong, found = [], []
    for index in range(start, end):
        line = lines[index]
        if line.x0 < margin - 3:
            continue  # the numbers stand at the list's margin, their titles right of it
        text = line.text.strip()
        trace = number_trace(text)
        if trace and trace[0] is not None and first - 1 <= trace[0] <= first + count:
            if not first <= trace[0] < first + count:
                continue  # the number before or after the missing ones, read right: not one of them
        # Other digits are a number OCR garbled ("138" for "11."): still the trace of one, as
        # only an exact count of such headings is trusted.
        rest = fold_space((text[trace[1]:] if trace else text).replace("\t", " "))
        # A title after a trace may end in a full stop, as an agenda's titles often do.
        if not _title_like(rest.removesuffix(".") if trace else rest):
            continue
        gap = gaps[index]
        spaced = gap is not None and typical > 0 and gap >= 1.8 * typical
        if trace:
            strong.append((index, rest))
            found.append((index, rest))
        elif spaced:
            found.append((index, rest))
    if len(found) == count:
        chosen = found
    elif len(strong) == count:
        chosen = strong
    elif take_last and len(found) > count:
        chosen = found[-count:]
    else:
        return None
    return [_Candidate(index, str(first + k), rest, "lost") for k, (index, rest) in enumerate(chosen)]


def _whole(number: str) -> int | None:
    return int(number) if number.isdigit() else None


def _may_lose_numbers(heading: _Candidate) -> bool:
    """Whether numbers missing after this heading may be headings whose numbers OCR lost: in a
    numbered list, yes; "§ 120" then "§ 122" is an extract that leaves § 121 out (minutes of
    its own, "omedelbart justerat"), and the text between is § 120's."""
    return heading.scheme != SECTION


def _fill(lines: list[Line], run: list[_Candidate], margin: float) -> list[_Candidate]:
    """``run`` with the headings of numbers missing inside it added where they can be found."""
    filled = [run[0]]
    for previous, cand in zip(run, run[1:]):
        a, b = _whole(previous.number), _whole(cand.number)
        if a is not None and b is not None and b - a > 1 and _may_lose_numbers(previous):
            filled.extend(_lost_headings(lines, previous.index + 1, cand.index, a + 1, b - a - 1, margin) or [])
        filled.append(cand)
    return filled


def _same_heading_style(lines: list[Line], a: _Candidate, b: _Candidate) -> bool:
    """Two "§ N" headings set alike: same scheme, margin, weight and size."""
    la, lb = lines[a.index], lines[b.index]
    return (
        a.scheme == b.scheme == SECTION and abs(la.x0 - lb.x0) <= 3
        and la.bold == lb.bold and abs(la.size - lb.size) <= 0.5
    )


def _jump(lines: list[Line], earlier: list[_Candidate], later: list[_Candidate], with_body) -> bool:
    """§ numbers of an extract may jump (§§ 137, 163, 164): runs of real § headings set alike, each
    with text under every heading, follow one another whatever the gap."""
    return (
        _same_heading_style(lines, earlier[-1], later[0])
        and with_body is not None and with_body(earlier) == len(earlier) and with_body(later) == len(later)
    )


def _join_runs(lines: list[Line], runs: list[list[_Candidate]], best: int, with_body=None) -> list[_Candidate]:
    """The best run, joined with the runs before and after it where the headings between can be found."""
    spine = runs[best]
    margin = min(lines[c.index].x0 for run in runs for c in run)

    def bridge(left: list[_Candidate], right: list[_Candidate]) -> list[_Candidate] | None:
        """The headings lost between two runs, or None where they cannot be joined."""
        a, b = _whole(left[-1].number), _whole(right[0].number)
        if a is None or b is None or b <= a:
            return None
        if b - a == 1:
            between = []
        elif _may_lose_numbers(left[-1]):
            between = _lost_headings(lines, left[-1].index + 1, right[0].index, a + 1, b - a - 1, margin)
        else:
            between = None
        if between is None and _jump(lines, left, right, with_body):
            between = []
        return between

    for run in reversed(runs[:best]):
        between = bridge(run, spine)
        if between is None:
            break
        spine = run + between + spine
    for run in runs[best + 1:]:
        between = bridge(spine, run)
        if between is None:
            break
        spine = spine + between + run
    spine = _fill(lines, spine, margin)
    first = _whole(spine[0].number)
    if first is not None and first > 1 and spine[0].scheme in _LIST:
        # Numbers lost before the first one read: the headings are the last ones above it.
        # Not for § numbers, which run on from meeting to meeting.
        spine = (_lost_headings(lines, 0, spine[0].index, 1, first - 1, margin, take_last=True) or []) + spine
    return spine


def _text_right(lines: list[Line]) -> float | None:
    """Where full lines of running text end: most single-column lines end at or before it."""
    ends = sorted(line.x1 for line in lines if len(line.cells) == 1)
    return ends[int(len(ends) * 0.9)] if len(ends) >= 5 else None


def _indented(lines: list[Line], run: list[_Candidate]) -> bool:
    """A numbered list set in from the text before it (a list inside an item), not item headings."""
    numbered = {c.index for c in run}
    inside = 0
    for cand in run:
        before = next((lines[i] for i in range(cand.index - 1, -1, -1) if i not in numbered), None)
        # Only on its own page: a scan's next page may sit shifted on the glass.
        if before is not None and before.page == lines[cand.index].page and lines[cand.index].x0 > before.x0 + 5:
            inside += 1
    return inside * 2 > len(run)


def _styled(line: Line, body_size: float) -> bool:
    return line.bold or line.size >= body_size * 1.12


def _left_margins(lines: Iterable[Line]) -> dict[int, float]:
    """The leftmost x0 of ``lines`` on each page (scanned pages sit shifted on the glass)."""
    left: dict[int, float] = {}
    for line in lines:
        left[line.page] = min(left.get(line.page, line.x0), line.x0)
    return left


def _plain_headings(lines: list[Line], plain: list[_Candidate]) -> list[_Candidate]:
    """Numbers without a dot ("1  Öppnande av möte") that head items: the title reads as one, and the
    line is set bold or larger than the text, or stands at the margin in a run 1, 2, 3 ... with text
    under every number."""
    if not plain:
        return []
    body_size = statistics.median(line.size for line in lines)

    def titled(cand: _Candidate, set_as_heading: bool = False) -> bool:
        return _title_like(fold_space(cand.rest.split("\t")[0]), set_as_heading) and len(lines[cand.index].cells) <= 2

    styled = [c for c in plain if _styled(lines[c.index], body_size) and titled(c, set_as_heading=True)]
    if len(styled) >= 2:
        return styled
    left = _left_margins(lines)
    at_margin = [c for c in plain if titled(c) and lines[c.index].x0 <= left[lines[c.index].page] + 3]
    # Unstyled: only an unbroken sequence from 1 with text under each number.
    run: list[_Candidate] = []
    for cand in at_margin:
        if not run and cand.number != "1":
            continue
        if run and int(cand.number) != int(run[-1].number) + 1:
            continue
        if run and cand.index - run[-1].index < 2:
            return []  # a numbered list without text between its numbers
        run.append(cand)
    return run if len(run) >= 3 and run[-1].index < len(lines) - 1 else []


def _number_x0(line: Line) -> float:
    """Where the line's number stands: its x0, past the specks a scan left before it."""
    text = line.text.lstrip()
    skipped = text.find(without_specks(text)[:8])
    if skipped <= 0:
        return line.x0
    return line.x0 + (line.x1 - line.x0) * skipped / len(text)


def _at_margin(lines: list[Line], chosen: list[_Candidate]) -> list[_Candidate]:
    """Numbers at the item margin only ("§ 14 i stadgarna" set in with the text is a reference);
    per page, as scanned pages sit shifted on the glass."""
    x0 = {c.index: _number_x0(lines[c.index]) for c in chosen}
    margins: dict[int, float] = {}
    for c in chosen:
        page = lines[c.index].page
        margins[page] = min(margins.get(page, x0[c.index]), x0[c.index])
    return [c for c in chosen if x0[c.index] <= margins[lines[c.index].page] + 15]


def _spine_of(lines: list[Line], chosen: list[_Candidate], max_gap: int, positions: list[int]) -> list[_Candidate]:
    if not chosen:
        return []

    def with_body(run: list[_Candidate]) -> int:
        # An agenda list has no text between its numbers; the items proper do.
        count = 0
        for cand in run:
            following = next((p for p in positions if p > cand.index), len(lines))
            count += following - cand.index > 1
        return count

    def extent(run: list[_Candidate]) -> int:
        # An agenda list that gives each item's title under its number ("§ 131" over its title)
        # has text under every number too; the items proper have more.
        return sum(next((p for p in positions if p > cand.index), len(lines)) - cand.index for cand in run)

    runs = [run for run in _runs(chosen, max_gap) if not _indented(lines, run)]
    if not runs:
        return []
    best = max(range(len(runs)), key=lambda i: (with_body(runs[i]), len(runs[i]), extent(runs[i])))
    spine = _join_runs(lines, runs, best, with_body)
    if len(spine) < 3 and all(c.scheme in (*_LIST, PLAIN) for c in spine):
        return []  # "1. ... 2. ..." alone is a list inside the text; minutes have more points than two
    return spine


def _before_appendix(lines: list[Line], candidates: list[_Candidate]) -> list[_Candidate]:
    """The candidates before an appendix: numbering that starts again at 1 after the signing block
    or under an appendix heading ("Bilaga", "Stadgar") numbers the appendix's own sections."""
    headings = load("numbering")["appendix"]["headings"]
    for k in range(1, len(candidates)):
        previous, cand = candidates[k - 1], candidates[k]
        if cand.number != "1" or not any(_whole(c.number) and _whole(c.number) > 1 for c in candidates[:k]):
            continue
        between = range(previous.index + 1, cand.index)
        signing = _signing_start(lines[: cand.index], previous.index + 1)
        if signing is not None or any(
            match_heading(lines[i].text, headings) and len(lines[i].text.split()) <= 8 for i in between
        ):
            return candidates[:k]
    return candidates


def _page_middles(lines: list[Line]) -> dict[int, float]:
    """The middle of the text on each page, between its leftmost and its rightmost line."""
    extents: dict[int, tuple[float, float]] = {}
    for line in lines:
        left, right = extents.get(line.page, (line.x0, line.x1))
        extents[line.page] = (min(left, line.x0), max(right, line.x1))
    return {page: (left + right) / 2 for page, (left, right) in extents.items()}


def _pick_numbered(lines: list[Line]) -> list[_Candidate]:
    candidates = _before_appendix(lines, _candidates(lines))
    plain = [c for c in candidates if c.scheme == PLAIN]
    candidates = [c for c in candidates if c.scheme != PLAIN]
    sections = [c for c in candidates if c.scheme not in _LIST]
    # A list number in the right half of the text is none: a page number "1 (1)" that OCR read as "161)".
    middles = _page_middles(lines)
    dotted = [c for c in candidates if c.scheme in _LIST and lines[c.index].x0 <= middles[lines[c.index].page]]
    real_sections = [c for c in sections if c.scheme == SECTION]
    positions = sorted(c.index for c in candidates)
    # One § of a municipal extract is still one item with a numbered list in its text ("1. Marios
    # Gata") or a stray numbered line (a page footer "1 (4)" read by OCR as "114)"); a numbered list
    # of two or more before it is the agenda instead.
    one_paragraph = len(real_sections) == 1 and not any(
        len(run) >= 2 and run[0].index < real_sections[0].index for run in _runs(dotted, 1))
    if len(real_sections) >= 2 or one_paragraph or (sections and not dotted):
        return _spine_of(lines, _at_margin(lines, sections), 5, positions)
    spine = _spine_of(lines, _at_margin(lines, dotted), 3, positions)
    headings = _plain_headings(lines, plain)
    if len(headings) > len(spine):
        plain_spine = _spine_of(lines, headings, 2, sorted(c.index for c in headings))
        if len(plain_spine) > len(spine):
            return plain_spine
    return spine


@lru_cache(maxsize=1)
def _decision_heading_words() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """The decision vocabulary folded once: headings, section ends, heading prefixes."""
    vocab = load("structure")["decisions"]
    return (frozenset(fold(h) for h in vocab["headings"]), frozenset(fold(h) for h in vocab["section_ends"]),
            # Not fold(): it would strip the dash of "Beslut –" and leave every "Beslut ..." a heading.
            tuple(_one_dash(fold_space(p).lower()) + " " for p in vocab.get("heading_prefixes", [])))


def _one_dash(text: str) -> str:
    """Every dash as one en dash between spaces: "Beslut — för", "Beslut —- för" (OCR), "Beslut - för"."""
    return regex.sub(r"\s*[-–—]{1,2}(?=\s|$)\s*", " – ", text).strip()


def _is_section_end(text: str) -> bool:
    """A heading that ends a decision section ("Förslag till beslut", "Beslutsunderlag")."""
    return fold(text) in _decision_heading_words()[1]


def _is_decision_heading(text: str) -> bool:
    headings, section_ends, prefixes = _decision_heading_words()
    if not text.strip()[:1].isupper():
        return False  # "beslutet." ending a sentence broken over two lines
    plain = fold(text)
    if plain in section_ends:
        return False  # "Förslag till beslut" is a proposal, not the decision
    return plain in headings or (
        len(plain.split()) <= 3 and plain.split()[-1] == load("structure")["decisions"]["heading_suffix"]
    ) or (
        len(plain.split()) <= 6 and not text.strip().endswith(".") and _one_dash(plain).startswith(prefixes)
    )


def _is_section_heading(text: str) -> bool:
    return _is_decision_heading(text) or _is_section_end(text)


def _list_label(text: str) -> str | None:
    """The label of a heading that goes on with a list ("Kallade: Anna Berg, Bo Ek, ..."): "Kallade"."""
    m = regex.match(r"^(?P<label>\p{Lu}[^:]{1,40}?)\s*:\s*(?P<list>\S.*)$", text)
    if m is None or len(m["label"].split()) > 4:
        return None
    parts = [p.strip() for p in regex.split(r",|\s(?:och|samt)\s", m["list"]) if p.strip()]
    if len(parts) >= 2 and all(p[:1].isupper() and len(p.split()) <= 4 for p in parts):
        return m["label"].strip()
    return None


# The end of a sentence inside a line: "Festen. Vera ansvarar ...", not "kl. 18" or "t.ex. Anna".
_SENTENCE_END = regex.compile(r"(?<=\p{L}\p{Ll}|[”\")])[.!?](?=\s+\p{Lu})")


# A line that carries on the sentence above: a word in lower case (not an address, "anna@...").
_CONTINUATION = regex.compile(r"^\p{Ll}[\p{Ll}-]*(?=[\s,.;:!?”\")]|$)")


def _first_sentence(text: str) -> str:
    """An item written as numbered sentences ("8. Festen. Vera ansvarar för ...") is titled by its first."""
    m = _SENTENCE_END.search(text)
    return text[:m.end()] if m else text


def _running_text(line: Line, following: Line | None) -> bool:
    """A line of running text, not a heading: a sentence of some length that ends in a stop or
    goes on on the next line."""
    text = fold_space(line.text.replace("\t", " "))
    goes_on = following is not None and following.text[:1].islower()
    words = len(text.split())
    return goes_on or has_decision_verb(text) or words > 12 or (words > 3 and text.endswith((".", ",", ";", ":")))


def _title_from(lines: list[Line], start: int, rest: str, limit: int, listed: bool = False) -> tuple[str, list[Line], int]:
    """The item title: the rest of the numbered line, or the heading lines after it. ``listed``: the
    number is a list number ("7/", "7."), which may stand over running text instead of a heading."""
    rest = fold_space(rest.replace("\t", " "))
    if not regex.search(r"\p{L}{2}", rest):
        rest = ""  # what OCR left of the number itself ("D/" for "5/"), no title
    # A diary number beside the item number ("§ 93  Dnr ...", "KS § 131  KS KF/2025:6") is a
    # reference; the title is the heading below.
    if rest and not diary_reference(rest):
        title_lines = [lines[start]]
        index = start + 1
        label = _list_label(rest)
        if label is not None:
            return label, title_lines, index
        # A title broken inside its parenthesis, "(Bilaga 2a &" / "2b)", or inside its sentence, goes on
        # on the next line.
        while index < limit and index <= start + 2 and not _SENTENCE_END.search(rest) and (
            rest.count("(") > rest.count(")")
            or (_CONTINUATION.match(lines[index].text) and sub_point(lines[index].text) is None)
        ):
            rest = fold_space(rest + " " + lines[index].text.replace("\t", " "))
            title_lines.append(lines[index])
            index += 1
        return _first_sentence(rest), title_lines, index
    title_lines: list[Line] = []
    index = start + 1
    heading = lines[start]
    # Municipal paragraphs: "§ 93  Dnr ..." and a title of up to four lines above the "Beslut" heading,
    # none of them a finished sentence.
    section_at = next((i for i in range(start + 1, min(limit, start + 6)) if _is_section_heading(lines[i].text.strip())), None)
    if section_at is not None and section_at > start + 1 and not any(
        l.bold or l.text.rstrip().endswith((".", ":")) for l in lines[start + 1:section_at]
    ):
        title_lines = lines[start + 1:section_at]
        title = fold_space(" ".join(l.text.replace("\t", " ") for l in title_lines))
        return title, [lines[start], *title_lines], section_at
    if listed and not rest and index < limit and not lines[index].bold and _running_text(
        lines[index], lines[index + 1] if index + 1 < limit else None
    ):
        # "7/" over the sentence that is the whole item: the item has no heading.
        return "", [heading], index
    while index < limit:
        line = lines[index]
        if _is_section_heading(line.text.strip()):
            break
        if title_lines and not (line.bold and title_lines[-1].bold and abs(line.size - title_lines[-1].size) <= 0.5):
            break  # a bold sub-heading set smaller than the title ("Ärendebeskrivning") opens the body
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
    sub_headings = {fold(h) for h in load("structure")["decisions"].get("sub_headings", [])}
    signing_tail = _signing_tail(lines)
    found = []
    for index in range(start, len(lines)):
        line = lines[index]
        text = line.text.strip()
        ends_abbreviated = bool(regex.search(r"\b(?:m\.m|o\.s\.v|etc|t\.ex)\.$", text))
        if len(text) > 80 or (text.endswith((".", ",", ":")) and not ends_abbreviated) or not text[:1].isupper():
            continue
        if _is_section_heading(text) or fold(text) in sub_headings:
            continue  # the parts of an item ("Beslut", "Förslag", "Anteckningar"), not an item
        if _label_row(line, index >= signing_tail):
            continue  # a table's header row ("Namn  Närvarande") or the signing block's labels
        if _styled(line, body_size):
            found.append(index)
    # A heading that comes back word for word heads a part of every item, not an item.
    counts = Counter(fold(lines[i].text) for i in found)
    found = [i for i in found if counts[fold(lines[i].text)] == 1]
    larger = [i for i in found if lines[i].size >= body_size * 1.12]
    if larger:
        # Bold lines at the text's size under larger headings are sub-headings inside an item.
        found = [i for i in found if lines[i].size >= body_size * 1.12]
    # A heading followed by a smaller one groups the items below it ("Information från styrelsen").
    return [i for i, j in zip(found, found[1:] + [None]) if j is None or lines[j].size >= lines[i].size - 0.5]


def _signing_tail(lines: list[Line]) -> int:
    """Where the document's last lines hold no running text any more (labels, names, dates, form
    words): a signing block, if the end of the document is one."""
    index = len(lines)
    while index > 0:
        text = fold_space(lines[index - 1].text.replace("\t", " "))
        if len(text.split()) > 6 or regex.search(r"\p{L}{2}[.!?]$", text):
            break
        index -= 1
    return index


def _label_row(line: Line, in_tail: bool = True) -> bool:
    """Column labels, not a heading: short cells side by side ("Namn  Närvarande",
    "Mötesordförande  Mötessekreterare"), or a signing label alone in the signing block at the end
    (elsewhere "Ordförande" may head the chair's report)."""
    cells = [c.text.strip() for c in line.cells if c.text.strip()]
    if len(cells) >= 2 and all(len(c.split()) <= 3 for c in cells):
        return True
    labels = {fold(entry["label"]) for entry in load("structure")["signatures"]["labels"]}
    return in_tail and len(cells) == 1 and fold(cells[0]) in labels


def _spaced_headings(lines: list[Line], start: int) -> list[int]:
    """Heading lines of a scanned page without numbers, bold or sizes to go by: white space above
    sets them apart, they start at the text's left margin, read as a title and the line after
    them does not carry on their sentence."""
    gaps = _line_gaps(lines)
    typical = _typical_gap(gaps)
    if typical <= 0:
        return []
    left = _left_margins(lines[start:])
    found = []
    for index in range(start, len(lines)):
        line = lines[index]
        text = fold_space(line.text.replace("\t", " "))
        following = lines[index + 1] if index + 1 < len(lines) else None
        if not _title_like(text) or text.endswith("-") or regex.search(r"[.!?]\s", text) or len(line.cells) > 1:
            continue
        if line.x0 > left[line.page] + 8 or _is_decision_heading(text):
            continue
        if following is None or following.text[:1].islower():
            continue
        above, below = gaps[index], gaps[index + 1]
        if above is None:
            # First on its page: white space must set it apart from the text below instead.
            if below is None or below < 1.8 * typical or len(text) > 60:
                continue
        elif above < 1.8 * typical:
            continue
        found.append(index)
    return found


@lru_cache(maxsize=1)
def _signing_labels() -> list[str]:
    return [entry["label"] for entry in load("structure")["signatures"]["labels"]]


# Points: a name this far from a label's x still stands in its column.
_COLUMN_REACH = 120


def _signing_cells(line: Line) -> list[Cell]:
    """The cells of ``line`` with more than a few characters: shorter ones between labels are
    specks from handwritten signatures."""
    cells = line.cells or [Cell(line.text, line.x0, line.x1, 0, len(line.text))]
    return [cell for cell in cells if len(cell.text.strip()) > 3]


def _only_name(text: str, min_words: int = 1) -> bool:
    """``text`` is a person's name and nothing more (a comma or stop after it aside)."""
    name, end = leading_name(text.strip())
    return len(name.split()) >= min_words and not text.strip()[end:].strip(" ,.;:")


def _specks(line: Line) -> bool:
    """Strokes of a handwritten signature read as characters: no word of three letters, no name,
    no date."""
    return (not regex.search(r"\p{L}{3}", line.text) and len(regex.findall(r"\d", line.text)) < 4
            and not any(_only_name(c.text, 2) for c in _signing_cells(line)))


def _signing_line(line: Line) -> bool:
    """A line that opens a signing block: labels, each alone or before a name (the first as
    written or broken apart by OCR, not merely close to one), or names each followed by their
    label ("Anna Berg, sekreterare | Bo Ek, ordförande")."""
    labels = _signing_labels()
    cells = [cell.text.strip() for cell in _signing_cells(line)]
    if not cells:
        return False
    if all((hit := trailing_label(cell, labels)) and _only_name(hit[0], 2) for cell in cells):
        return True
    return label_cell(cells[0], labels, garbled=False) is not None and all(label_cell(cell, labels) for cell in cells)


def _labels_alone(line: Line) -> bool:
    labels = _signing_labels()
    return all((hit := label_cell(cell.text, labels)) and not cell.text.strip()[hit[2]:].strip(" :")
               for cell in _signing_cells(line))


def _page_boxes(lines: list[Line]) -> set[int]:
    """Lines of one label at the same place on two or more pages: a page's initials box
    ("Justerande | AB" at the foot of every page) that layout did not take for furniture."""
    boxes = [(index, fold(cells[0].text), line.page, line.top) for index, line in enumerate(lines)
             if len(cells := _signing_cells(line)) == 1 and _signing_line(line) and _labels_alone(line)]
    return {index for index, label, page, top in boxes
            if any(l == label and p != page and abs(t - top) <= 8 for _, l, p, t in boxes)}


def _names_above(lines: list[Line], index: int, start: int) -> int:
    """Where the block starts when its labels stand under the names: the lines right above the
    first label line that hold only names, in the labels' columns."""
    if not _labels_alone(lines[index]):
        return index  # "Ordförande Anna Berg": the name is beside its label
    columns = [cell.x0 for cell in _signing_cells(lines[index])]
    top = index
    while top > start and lines[top - 1].page == lines[index].page:
        cells = _signing_cells(lines[top - 1])
        if not cells or sum(len(cell.text.split()) for cell in cells) < 2 or not all(
            _only_name(cell.text) and any(abs(cell.x0 - x) <= _COLUMN_REACH for x in columns) for cell in cells
        ):
            break
        top -= 1
    return top


def _signing_start(lines: list[Line], start: int) -> int | None:
    boxes = _page_boxes(lines)
    for index in range(start, len(lines)):
        if index not in boxes and _signing_line(lines[index]):
            return _names_above(lines, index, start)
    return None


def _prose(text: str) -> bool:
    """Running text: a sentence of many words, most in lower case, or a line of leader dots."""
    words = regex.findall(r"\p{L}{2,}", text)
    return bool(_LEADER.search(text)) or (len(words) > 6 and 2 * sum(w[0].islower() for w in words) > len(words))


def _block_end(lines: list[Line], start: int) -> int | None:
    """Where the signing block gives way to running text (an appendix, a list of the decisions)
    with no label after it on its page; from the top of that page when nothing between holds a
    name or a label (the appendix's title)."""
    for index in range(start + 1, len(lines)):
        page = lines[index].page
        if not _prose(lines[index].text) or any(_signing_line(l) for l in lines[index:] if l.page == page):
            continue
        first = index
        while first - 1 > start and lines[first - 1].page == page and not _signing_line(lines[first - 1]) and not any(
            _only_name(cell.text, 2) for cell in _signing_cells(lines[first - 1])
        ):
            first -= 1
        return first if lines[first - 1].page != page else index
    return None


def _attachment_start(lines: list[Line], start: int) -> int | None:
    for index in range(start, len(lines)):
        if regex.match(r"^(bilaga|bilagor)\s*\d*\s*$", lines[index].cells[0].text.strip() if lines[index].cells else "", regex.IGNORECASE):
            return index
    return None


def segment(document: Document) -> Segments:
    lines = document.lines()
    chosen = _pick_numbered(lines)
    table = _minutes_table(lines)
    if table is not None and all(table[0] < c.index < table[2] for c in chosen):
        # Minutes kept as one table: its rows are the points, unless numbered headings outside it are.
        return _table_segments(lines, table)
    if chosen:
        starts = [(c.index, c.number, c.rest, c.scheme not in (SECTION, OCR_SECTION)) for c in chosen]
    else:
        head_end = _first_content_heading(lines)
        headings = _unnumbered_headings(lines, head_end)
        if len(headings) < 2 and all(page.source == "ocr" for page in document.pages):
            # A scan whose headings OCR shows in no heavier or larger face: white space sets them apart.
            headings = _spaced_headings(lines, head_end)
        starts = [(i, None, lines[i].text, False) for i in headings]
    if not starts:
        return Segments(head=lines, items=[], signing=[], tail=[])

    end, signing, tail = _signing_and_tail(lines, starts[-1][0] + 1)
    text_right = _text_right(lines)
    line_gap = _typical_gap(_line_gaps(lines))
    items = []
    for position, (index, number, rest, listed) in enumerate(starts):
        limit = starts[position + 1][0] if position + 1 < len(starts) else end
        title, title_lines, body_start = _title_from(lines, index, rest, limit, listed)
        items.append(ItemSegment(
            number=number, heading=lines[index], title=title, title_lines=title_lines,
            body=lines[body_start:limit], text_right=text_right, line_gap=line_gap,
        ))
    return Segments(head=lines[: starts[0][0]], items=items, signing=signing, tail=tail)


def _signing_and_tail(lines: list[Line], after: int) -> tuple[int, list[Line], list[Line]]:
    """Where the last item ends, the signing block after line ``after`` and what follows it."""
    signing_at = _signing_start(lines, after)
    if signing_at is None:
        return len(lines), [], []
    tail_at = min((at for at in (_attachment_start(lines, signing_at), _block_end(lines, signing_at)) if at is not None),
                  default=len(lines))
    # Specks of handwriting after the last label or name ("..!", "r +f") are not the block's
    # last line, which tells signatures whether the labels stand under the names.
    while tail_at > signing_at + 1 and _specks(lines[tail_at - 1]):
        tail_at -= 1
    return signing_at, lines[signing_at:tail_at], lines[tail_at:]


def _table_segments(lines: list[Line], table: tuple[int, list[TableRow], int]) -> Segments:
    """Minutes kept as a table: a point for each row, titled by its title cell (or what follows the
    number in its number cell), the other columns its body."""
    header_at, rows, table_end = table
    end, signing, tail = _signing_and_tail(lines, table_end)
    text_right, line_gap = _text_right(lines), _typical_gap(_line_gaps(lines))
    items = []
    for row in rows:
        number_lines, title_lines = row.columns.get("number", []), row.columns.get("title", [])
        number, rest = _row_number(fold_space(" ".join(l.text for l in number_lines))) or (None, "")
        items.append(ItemSegment(
            number=number, heading=row.lines[0], title=fold_space(" ".join(l.text for l in title_lines)) or fold_space(rest),
            title_lines=[*number_lines, *title_lines] or row.lines[:1],
            body=[l for kind, column in row.columns.items() if kind not in ("number", "title") for l in column],
            text_right=text_right, line_gap=line_gap, columns=row.columns,
        ))
    # Text between the table and the signing block goes on the last point, as after any last item.
    items[-1].body.extend(lines[table_end:end])
    return Segments(head=lines[:header_at], items=items, signing=signing, tail=tail)


def _first_content_heading(lines: list[Line]) -> int:
    """Where an unnumbered document's head ends: after its title and attendance lines."""
    vocab = load("structure")
    attendance = vocab["attendance"]["present"]["headings"] + vocab["attendance"]["absent"]["headings"]
    start = 1
    for index, line in enumerate(lines[:40]):
        if attendance_heading(line.text, attendance):
            start = index + 1
    return start


_SIGNING_ROLES = ("signing_label", "signing_name")


def _item_starts(lines: list[Line], roles: list[str]) -> list[int]:
    """Where items start: the first line of a run of item-heading lines, or one with its own number
    (two items with no body between them)."""
    return [i for i, role in enumerate(roles) if role == "item_heading" and (
        i == 0 or roles[i - 1] != "item_heading" or item_number(lines[i].text) is not None)]


def regions_from_roles(lines: list[Line], roles: list[str], proposed: Segments) -> Segments:
    """The head, items, signing block and what follows it, as the line-role layer decided them.

    ``lines`` are the document's content lines and ``roles`` their roles. ``proposed`` is what
    :func:`segment` made of the same lines, one of the cues the role model weighed: an item that
    starts on a line the rules also took for an item's first line keeps the rules' reading of its
    number and title; another gets its number and title read here the same way.
    """
    starts = _item_starts(lines, roles)
    if not starts:
        return Segments(head=lines, items=[], signing=[], tail=[])
    after = range(starts[-1] + 1, len(lines))
    signing_at = next((i for i in after if roles[i] in _SIGNING_ROLES), None)
    appendix_at = next((i for i in range(signing_at or starts[-1] + 1, len(lines)) if roles[i] == "appendix"), None)
    end = min((at for at in (signing_at, appendix_at) if at is not None), default=len(lines))
    tail_at = appendix_at if appendix_at is not None else len(lines)

    by_heading = {id(item.heading): item for item in proposed.items}
    text_right = _text_right(lines)
    line_gap = _typical_gap(_line_gaps(lines))
    items = []
    for position, index in enumerate(starts):
        limit = starts[position + 1] if position + 1 < len(starts) else end
        known = by_heading.get(id(lines[index]))
        if known is not None and known.columns:
            items.append(known)  # a table's row: its columns, not the lines below it, make the point
            continue
        if known is not None:
            number, title, title_lines = known.number, known.title, known.title_lines
            body_start = min(limit, lines.index(title_lines[-1], index) + 1)
        else:
            found = item_number(lines[index].text)
            number, rest = (found.number, found.rest) if found else (None, lines[index].text)
            listed = found is not None and found.kind not in (SECTION, OCR_SECTION)
            title, title_lines, body_start = _title_from(lines, index, rest, limit, listed)
        items.append(ItemSegment(
            number=number, heading=lines[index], title=title, title_lines=title_lines,
            body=lines[body_start:limit], text_right=text_right, line_gap=line_gap,
        ))
    return Segments(head=lines[: starts[0]], items=items, signing=lines[end:tail_at], tail=lines[tail_at:])
