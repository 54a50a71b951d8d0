"""The in-memory document every stage reads: pages of positioned words and lines.

Coordinates are PDF points from the page's top-left corner, for text-layer and
OCR pages alike, so that layout rules serve both kinds of page.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    font: str = ""
    size: float = 0.0
    bold: bool = False
    confidence: float | None = None  # Tesseract's 0-100; None for the text layer

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class Cell:
    """A run of words on one line separated from its neighbours by a wide gap (a table column)."""

    text: str
    x0: float
    x1: float
    start: int  # offsets into the page text
    end: int


@dataclass
class Line:
    text: str
    cells: list[Cell]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    start: int = 0  # offsets into the page text
    end: int = 0
    page: int = 0
    furniture: bool = False  # running header/footer, page number, signature box
    source: str = "text-layer"  # its page's: "text-layer" or "ocr" (an OCR'd name may be repaired, a typed one not)


@dataclass
class Page:
    number: int  # from 1
    width: float
    height: float
    source: str  # "text-layer" or "ocr"
    words: list[Word] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    text: str = ""

    def content_lines(self) -> list[Line]:
        return [line for line in self.lines if not line.furniture]


@dataclass
class Document:
    path: str
    sha256: str
    pages: list[Page]
    warnings: list[str] = field(default_factory=list)

    @property
    def text_source(self) -> str:
        kinds = {page.source for page in self.pages}
        if len(kinds) == 1:
            return kinds.pop()
        return "mixed" if kinds else "text-layer"

    def lines(self) -> list[Line]:
        return [line for page in self.pages for line in page.content_lines()]

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Document":
        pages = []
        for page in data["pages"]:
            lines = [Line(**{**line, "cells": [Cell(**cell) for cell in line["cells"]]}) for line in page["lines"]]
            pages.append(Page(**{**page, "words": [Word(**word) for word in page["words"]], "lines": lines}))
        return cls(path=data["path"], sha256=data["sha256"], pages=pages, warnings=list(data.get("warnings", [])))
