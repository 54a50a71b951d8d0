"""Where each value stands on its page: boxes for evidence spans, and evidence for the values the
field stages hand on without offsets (the meeting's fields, the signatures).

A box is ``[x0, top, x1, bottom]`` in PDF points from the page's top-left corner, the union of
the words of a span on one line; a span over several lines has a box per line. The values read
from the head are found again in the page text the way a reader finds them: a date or a time by
what it means (``extractor.dates``), a name or a place by its words, in order, whatever the
spacing, line breaks or case between them, and, for OCR's misreadings, by the closest stretch.
"""
from __future__ import annotations

import datetime
from functools import cached_property

import regex
from rapidfuzz import fuzz

from extractor import dates
from extractor.document import Document, Page
# The head's reading of dashes and OCR'd clock digits; it keeps every offset.
from extractor.fields.meeting import _clean as clean
from extractor.layout import word_spans

# An OCR'd name is kept when the closest stretch of a line is at least this close to it.
_FUZZY_FLOOR = 85


def _rounded(box: tuple[float, float, float, float]) -> list[float]:
    return [round(v, 1) for v in box]


class PageBoxes:
    """The boxes of spans of one page's text."""

    def __init__(self, page: Page):
        self.page = page

    @cached_property
    def _spans(self):
        return word_spans(self.page)

    def boxes(self, start: int, end: int) -> list[list[float]]:
        """One box per line the span ``[start, end)`` runs over, top to bottom."""
        lines: list[list] = []
        previous = None
        for word_start, word_end, word in self._spans:
            if word_end <= start or word_start >= end:
                continue
            # Words of one line are joined by spaces and tabs; a newline between two starts a line.
            if previous is None or "\n" in self.page.text[previous:word_start]:
                lines.append([])
            lines[-1].append(word)
            previous = word_end
        return [_rounded((min(w.x0 for w in ws), min(w.top for w in ws), max(w.x1 for w in ws), max(w.bottom for w in ws)))
                for ws in lines]


class Locator:
    """Boxes and found evidence for one document, each page's words indexed once."""

    def __init__(self, document: Document):
        self.document = document
        self._pages = {page.number: PageBoxes(page) for page in document.pages}

    def evidence(self, page: int, start: int, end: int) -> dict:
        """``{page, start, end}`` with ``box`` (the union) and, over several lines, ``boxes``."""
        found = {"page": page, "start": start, "end": end}
        boxes = self._pages[page].boxes(start, end) if page in self._pages else []
        if boxes:
            found["box"] = [min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)]
            if len(boxes) > 1:
                found["boxes"] = boxes
        return found

    def _ordered(self, last_first: bool) -> list[Page]:
        return list(reversed(self.document.pages)) if last_first else list(self.document.pages)

    def date(self, value: str | None) -> dict | None:
        """The first place the date ``value`` (ISO) is written, in any form."""
        if not value:
            return None
        day = datetime.date.fromisoformat(value)
        # Written with its year first; else without ("söndag den 13 juli"), its year read elsewhere.
        for with_year in (True, False):
            for page in self.document.pages:
                for match in dates.find_dates(clean(page.text), reference=day):
                    if match.has_year == with_year and match.date == day:
                        return self.evidence(page.number, match.start, match.end)
        return None

    def time(self, value: str | None, closing: bool = False) -> dict | None:
        """Where the time ``value`` is written: an opening time from the first page on, a closing
        time (the end of a range, or a time alone) from the last page back."""
        if not value:
            return None
        for page in self._ordered(closing):
            found = dates.find_times(clean(page.text))
            for match in (reversed(found) if closing else found):
                if value in (match.start_time, match.end_time):
                    return self.evidence(page.number, match.start, match.end)
        return None

    def text(self, value: str | None, last_first: bool = False) -> dict | None:
        """Where the words of ``value`` are written in order (any spacing, line breaks or case
        between them; a word may go on, as a genitive does), else the closest stretch of a line."""
        if not value or not value.strip():
            return None
        words = regex.findall(r"[\p{L}\p{N}]+", value)
        if not words:
            return None
        pattern = regex.compile(r"(?<![\p{L}\p{N}])" + r"[^\p{L}\p{N}]{1,6}".join(regex.escape(w) for w in words),
                                regex.IGNORECASE)
        pages = self._ordered(last_first)
        for page in pages:
            matches = list(pattern.finditer(page.text))
            if matches:
                match = matches[-1] if last_first else matches[0]
                return self.evidence(page.number, match.start(), match.end())
        best = None
        target = value.casefold()
        for page in pages:
            for line in (reversed(page.lines) if last_first else page.lines):
                text = page.text[line.start:line.end]
                if len(text) < len(target) * 0.5:
                    continue
                alignment = fuzz.partial_ratio_alignment(target, text.casefold())
                if alignment.score >= _FUZZY_FLOOR and (best is None or alignment.score > best[0]):
                    best = (alignment.score, page.number, line.start + alignment.dest_start, line.start + alignment.dest_end)
        return self.evidence(*best[1:]) if best else None

    def meeting(self, values: dict[str, str | None]) -> dict[str, dict]:
        """Evidence for each meeting value found: organisation, body, date, times, place (a meeting
        number, often a lone digit, is not looked for: any digit on the page would do)."""
        found = {
            "organisation": self.text(values.get("organisation")),
            "body": self.text(values.get("body")),
            "date": self.date(values.get("date")),
            "start_time": self.time(values.get("start_time")),
            "end_time": self.time(values.get("end_time"), closing=True),
            "place": self.text(values.get("place")),
        }
        return {key: evidence for key, evidence in found.items() if evidence}

    def signature(self, name: str) -> dict | None:
        """A signer's name where it stands last: the signing block closes the minutes."""
        return self.text(name, last_first=True)
