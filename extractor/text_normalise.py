"""Text as the reader sees it, before any stage reads a word.

Some text layers store what the reader sees as one letter as two characters:
pdfTeX with OT1-style fonts draws å, ä, ö, é as a base letter and a separate
accent glyph placed over it ("M¨otet", "H˚a˚ard"), and a letter drawn in a
fallback font, or a box cut by OCR, can part a diacritic letter from the rest
of its word ("Ö vrigt"). Others carry characters nobody sees: zero-width
spaces and joiners, byte-order marks, direction marks. Every word passes
through here where it enters (the text layer in ``read_pages``, Tesseract's
words in ``ocr``), so word boxes, lines, page text and evidence offsets all
see one composed text.
"""
from __future__ import annotations

import unicodedata
from dataclasses import replace
from typing import TypeVar

import regex

# Accent glyphs drawn on their own, and the combining mark each stands for.
# The ASCII ones (` ^ ~) are also characters in their own right ("~30 000"),
# so they are taken for accents only where the glyph sits over a letter.
SPACING_ACCENTS = {
    "¨": "\u0308", "˚": "\u030a", "´": "\u0301", "ˆ": "\u0302", "˜": "\u0303", "¸": "\u0327",
    "ˇ": "\u030c", "˘": "\u0306", "˝": "\u030b", "˙": "\u0307", "˛": "\u0328", "¯": "\u0304",
}
_GLYPH_ACCENTS = {**SPACING_ACCENTS, "`": "\u0300", "^": "\u0302", "~": "\u0303"}

_ACCENT_CLASS = "[" + "".join(SPACING_ACCENTS) + "]"
# TeX draws the accent before its letter, so that reading is tried first.
_ACCENT_BEFORE = regex.compile(rf"({_ACCENT_CLASS})(\p{{L}})")
_ACCENT_AFTER = regex.compile(rf"(\p{{L}})({_ACCENT_CLASS})")
# Format characters draw nothing (zero-width space/joiners, BOM, direction
# marks), except the soft hyphen: a text layer holds it only where a hyphen is
# drawn, and some producers write every hyphen as one ("2013\xad10\xad09").
# Control characters (NUL, BEL, escapes) and lone surrogates from a broken font
# map draw nothing either, and would end up inside names and break UTF-8 output.
_INVISIBLE = regex.compile(r"[[\p{Cf}\p{Cc}\p{Cs}]--[\xad\t\n\r]]", regex.V1)
_ODD_SPACE = regex.compile(r"[\p{Zs}--\x20]", regex.V1)

# Two words closer than this share of the font size were not parted by a space.
_TIGHT_GAP_EM = 0.15


def plain_text(text: str) -> str:
    """NFC, invisible characters dropped, odd spaces plain, drawn soft hyphens as hyphens."""
    text = _INVISIBLE.sub("", text).replace("\xad", "-")
    return unicodedata.normalize("NFC", _ODD_SPACE.sub(" ", text))


def normalise_text(text: str) -> str:
    """``plain_text`` with each spacing accent next to a letter put on that letter ("f¨or" -> "för").

    For text without glyph positions (OCR, a page's plain text); the text layer
    decides from the glyphs' boxes instead (``join_accents``).
    """
    text = _ACCENT_BEFORE.sub(lambda m: m.group(2) + SPACING_ACCENTS[m.group(1)], text)
    text = _ACCENT_AFTER.sub(lambda m: m.group(1) + SPACING_ACCENTS[m.group(2)], text)
    return plain_text(text)


def _mark(text: str) -> str | None:
    """The combining mark an accent character stands for, or None when it is not one."""
    if text in _GLYPH_ACCENTS:
        return _GLYPH_ACCENTS[text]
    if text and all(unicodedata.combining(c) for c in text):
        return text
    return None


def _over(accent: dict, letter: dict) -> bool:
    """Whether the accent glyph is drawn over (or under) the letter's box."""
    if not (len(letter["text"]) == 1 and letter["text"].isalpha()):
        return False
    middle = (accent["x0"] + accent["x1"]) / 2
    slack = 0.25 * (letter["x1"] - letter["x0"])
    near = abs(accent["top"] - letter["top"]) < max(letter["size"], accent["size"], 1.0)
    return near and letter["x0"] - slack <= middle <= letter["x1"] + slack


def join_accents(chars: list[dict]) -> list[dict]:
    """Put each accent glyph drawn over a letter onto that letter ("¨" over "o" -> "ö").

    pdfplumber char dicts in drawing order. The accent shares the letter's box,
    so word cutting would otherwise start a new word at it ("F¨" + "oregående").
    The letter drawn next is tried first (TeX's order), then the one before.
    """
    marks: dict[int, str] = {}
    absorbed: set[int] = set()
    for i, char in enumerate(chars):
        mark = _mark(char["text"])
        if mark is None:
            continue
        for j in (i + 1, i - 1):
            if 0 <= j < len(chars) and j not in absorbed and _over(char, chars[j]):
                marks[j] = marks.get(j, "") + mark
                absorbed.add(i)
                break
    result = []
    for i, char in enumerate(chars):
        if i in absorbed:
            continue
        if i in marks:
            char = {**char, "text": unicodedata.normalize("NFC", char["text"] + marks[i])}
        result.append(char)
    return result


W = TypeVar("W")


def _has_diacritic(letter: str) -> bool:
    return letter.isalpha() and len(unicodedata.normalize("NFD", letter)) > 1


def _same_line(a, b) -> bool:
    return min(a.bottom, b.bottom) - max(a.top, b.top) > 0.3 * min(a.bottom - a.top, b.bottom - b.top)


def _tight(a, b) -> bool:
    size = max(a.size, b.size, a.bottom - a.top, b.bottom - b.top)
    return _same_line(a, b) and -0.5 * size < b.x0 - a.x1 < _TIGHT_GAP_EM * size


def _parted(a, b) -> bool:
    """Whether two neighbouring words are one word cut at a diacritic letter ("Ö" + "vrigt", "Mö" + "tet")."""
    if not (a.text and b.text and a.text[-1].isalpha() and b.text[0].isalpha()):
        return False
    if a.text[-1].islower() and b.text[0].isupper():
        return False  # a word does not turn to capitals halfway (a symbol font's "à" arrow, then a name)
    return (_has_diacritic(a.text[-1]) or _has_diacritic(b.text[0])) and _tight(a, b)


def _accent_only(word) -> bool:
    return bool(word.text) and all(c in SPACING_ACCENTS or unicodedata.combining(c) for c in word.text)


def _over_end(accent, word, at_start: bool) -> bool:
    """Whether the accent word lies over the first (or last) letter of ``word``, on its line."""
    letter = (word.x1 - word.x0) / max(1, len(word.text))
    slack = 0.25 * letter
    middle = (accent.x0 + accent.x1) / 2
    if at_start:
        inside = word.x0 - slack <= middle <= word.x0 + letter + slack
    else:
        inside = word.x1 - letter - slack <= middle <= word.x1 + slack
    edge = word.text[0] if at_start else word.text[-1]
    # An OCR box of an accent alone lies above the letters' box, not beside it.
    above = word.top - 0.6 * (word.bottom - word.top) <= accent.bottom and accent.top <= word.bottom
    return inside and edge.isalpha() and above


def _merge(a: W, b: W, text: str) -> W:
    return replace(a, text=text, x0=min(a.x0, b.x0), x1=max(a.x1, b.x1),
                   top=min(a.top, b.top), bottom=max(a.bottom, b.bottom))


def join_words(words: list[W]) -> list[W]:
    """Join words a diacritic parted: an accent cut off as a word of its own goes onto
    the letter it is drawn over, and a word cut at a diacritic letter is made whole.

    Words are anything with text, x0, x1, top, bottom and size (a dataclass), in
    reading order; their text is already normalised.
    """
    result: list = []
    pending = list(words)
    i = 0
    while i < len(pending):
        word = pending[i]
        if _accent_only(word):
            after = pending[i + 1] if i + 1 < len(pending) else None
            if after is not None and _over_end(word, after, at_start=True):
                pending[i + 1] = _merge(after, word, normalise_text(word.text + after.text))
                i += 1
                continue
            if result and _over_end(word, result[-1], at_start=False):
                result[-1] = _merge(result[-1], word, normalise_text(result[-1].text + word.text))
                i += 1
                continue
        if result and _parted(result[-1], word):
            prev = result.pop()
            word = _merge(prev, word, prev.text + word.text)
        result.append(word)
        i += 1
    return result
