"""Text matching shared by the structure stages: folding, OCR-tolerant heading words."""
from __future__ import annotations

from functools import lru_cache

import regex
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from extractor.names import leading_name
from extractor.numbering import leading_specks, speck_marks
from extractor.vocab import load

# An organisation word, also ending a compound ("Vägsamfällighet", "Bostadsrättsföreningen"), and its genitive.
ORGANISATION_WORD = regex.compile(
    r"^(?:\p{L}*(?:" + "|".join(load("structure")["head"]["organisation_words"]) + r")(?:en|et|s|ens|ets)?"
    r"|(?:" + "|".join(load("structure")["head"]["organisation_abbreviations"]) + r"))$",
    regex.IGNORECASE,
)
_SPACE = regex.compile(r"\s+")
_EDGE_PUNCT = regex.compile(r"^[\s\p{P}]+|[\s\p{P}]+$")


def fold_space(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def fold(text: str) -> str:
    """Lower case, single spaces, no punctuation at the ends."""
    return _EDGE_PUNCT.sub("", fold_space(text).lower())


def allowed_edits(word: str) -> int:
    rules = load("structure")["fuzzy"]
    if len(word) >= rules["two_edit_length"]:
        return 2
    if len(word) >= rules["min_length"]:
        return 1
    return 0


@lru_cache(maxsize=65536)
def words_match(written: str, expected: str) -> bool:
    """``written`` is ``expected`` or an OCR slip of it ("Ordforande", "Närvarandc")."""
    written, expected = written.lower(), expected.lower()
    if written == expected:
        return True
    edits = allowed_edits(expected)
    return edits > 0 and Levenshtein.distance(written, expected, score_cutoff=edits) <= edits


_WORD = regex.compile(r"[\p{L}\d:./-]+")


def match_heading(text: str, headings: list[str]) -> tuple[str, int] | None:
    """The longest heading that ``text`` starts with, word by word, and the offset where the rest begins.

    The heading must end at a word boundary followed by the end, a colon, a tab,
    or more text; OCR slips are tolerated word by word.
    """
    # Every stage asks about the same lines with the same vocabularies.
    return _match_heading(text, tuple(headings))


@lru_cache(maxsize=65536)
def _match_heading(text: str, headings: tuple[str, ...]) -> tuple[str, int] | None:
    words = list(_WORD.finditer(text))
    best: tuple[str, int] | None = None
    for heading in headings:
        parts = heading.split()
        if len(parts) > len(words):
            continue
        if any(not words_match(words[i].group().rstrip(":."), parts[i]) for i in range(len(parts))):
            continue
        # Words of the text must follow one another with only spaces between them.
        if any(text[words[i].end():words[i + 1].start()].strip() for i in range(len(parts) - 1)):
            continue
        # A speck or two a scan left before the heading ('"Närvarande:') are no words of the text.
        if words[0].start() not in (len(text) - len(text.lstrip()), leading_specks(text)):
            continue
        end = words[len(parts) - 1].end()
        if best is None or len(heading) > len(best[0]):
            best = (heading, end)
    return best


@lru_cache(maxsize=1)
def _link() -> regex.Pattern:
    words = sorted(load("structure")["attendance"]["links"]["words"], key=len, reverse=True)
    return regex.compile(r"\s*(?:" + "|".join(regex.escape(w) for w in words) + r")\s+(?=\p{Lu})", regex.IGNORECASE)


def without_link(text: str) -> str:
    """The names after a heading written as a sentence: "(Närvarande) var Anna Berg och ..."."""
    link = _link().match(text)
    return text[link.end():] if link else text


def attendance_heading(text: str, headings: list[str]) -> tuple[str, int] | None:
    """The attendance heading that opens ``text`` (as :func:`match_heading`), where it heads a list:
    a colon, a tab, the line end or a name follows it ("Övriga: Anna Berg", not "Övriga frågor")."""
    hit = match_heading(text, headings)
    if hit is None:
        return None
    end = hit[1]
    tail = without_link(text[end:])
    if not tail.strip() or text[end - 1] == ":" or tail.lstrip(" ")[:1] in (":", "\t", ".", "|"):
        return hit
    # Specks a scan left after the heading, before its cell ends: "Beslutande -<tab>Anna Berg".
    if regex.match(rf"[{speck_marks()}–-]+\s*(?:\t|$)", tail.lstrip(" ")):
        return hit
    return hit if leading_name(tail.strip())[0] else None


def signing_label(text: str, labels: list[str], max_words_after: int = 3) -> tuple[str, int] | None:
    """The signing label that opens ``text`` (as :func:`match_heading`), when what follows can only be a name.

    A label stands alone or before a name of at most ``max_words_after`` words;
    one followed by a word in lower case heads a sentence about the officer
    ("Ordföranden avslutade mötet."), not a signature.
    """
    hit = match_heading(text, labels)
    if hit is None:
        return None
    rest = text[hit[1]:]
    if len(rest.split()) > max_words_after or regex.match(r"^\s*\p{Ll}", rest):
        return None
    return hit


def garbled_label(text: str, labels: list[str]) -> tuple[str, int] | None:
    """A one-word label OCR garbled past a slip or two ("NEötesovdförsndp" for "Mötesordförande"):
    a long word alone, close to one of the one-word ``labels``; a name has a space in it."""
    words = [label for label in labels if " " not in label]
    if len(text) < 8 or " " in text or not words:
        return None
    label = max(words, key=lambda word: fuzz.ratio(text.lower(), word.lower()))
    return (label, len(text)) if fuzz.ratio(text.lower(), label.lower()) >= 65 else None


# A piece of a label OCR broke apart: a single letter, or a word in lower case ("Protokollf örare",
# "J ustera re"); a name's parts are capitalised words.
_LABEL_PIECE = regex.compile(r"(?:^|\s)(?:\p{L}(?=\s)|\p{Ll})")


def _broken_label(text: str, labels: list[str]) -> tuple[str, str] | None:
    """A label OCR broke into pieces, alone in ``text``: the vocabulary's label and the label as written."""
    if not _LABEL_PIECE.search(text):
        return None
    joined = text.replace(" ", "")
    if " " in joined.rstrip(":"):
        return None
    hit = signing_label(joined, labels)
    return (hit[0], joined[: hit[1]]) if hit and not joined[hit[1]:].strip(" :") else None


def label_cell(text: str, labels: list[str], garbled: bool = True) -> tuple[str, str, int] | None:
    """The signing label a cell opens with, as written, or as OCR broke it into pieces or (with
    ``garbled``) garbled it: the vocabulary's label, the label as written, and the offset in the
    stripped text where a name beside it may begin."""
    text = text.strip()
    hit = signing_label(text, labels) or (garbled_label(text, labels) if garbled else None)
    if hit:
        return hit[0], text[: hit[1]], hit[1]
    broken = _broken_label(text, labels)
    return (*broken, len(text)) if broken else None


_NAME_LABEL_SEPARATOR = regex.compile(r"\s*(?:,|\s[–-])\s*")


def trailing_label(text: str, labels: list[str]) -> tuple[str, str, str] | None:
    """A cell that ends in a whole signing label after a comma or a dash ("Anna Berg, sekreterare",
    "Anna Berg – Justerare"): what stands before it, the vocabulary's label and the label as written."""
    parts = _NAME_LABEL_SEPARATOR.split(text.strip())
    if len(parts) < 2:
        return None
    hit = label_cell(parts[-1], labels)
    if hit is None or parts[-1].strip()[hit[2]:].strip(" :"):
        return None
    return ", ".join(parts[:-1]), hit[0], hit[1]


def rest_after(text: str, end: int) -> str:
    """The text after a heading, without the colon or tab that separates them."""
    return fold_space(regex.sub(r"^[\s:.\-–]+", "", text[end:]))


@lru_cache(maxsize=256)
def _any_word_pattern(words: tuple[str, ...]) -> regex.Pattern:
    alternatives = "|".join(regex.escape(w.lower()) for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"(?<!\p{{L}})(?:{alternatives})(?!\p{{L}})")


def find_words(text: str, words: list[str]) -> list[regex.Match]:
    """Where ``text`` holds one of ``words`` (or phrases) as whole words, ignoring case; longest first at a place."""
    return list(_any_word_pattern(tuple(words)).finditer(text.lower())) if words else []


def contains_any(text: str, words: list[str]) -> bool:
    """Whether ``text`` holds one of ``words`` (or phrases) as whole words, ignoring case."""
    return bool(words) and _any_word_pattern(tuple(words)).search(text.lower()) is not None


def has_decision_verb(text: str) -> bool:
    """Whether ``text`` holds a verb that records a decision ("beslutade", "valdes", "godkänns")."""
    return contains_any(text, load("structure")["decisions"]["verbs"])


# A bullet or list mark at a line start: "-", "•", "a)", "(b)", "ii.", "2.1", "§ 2.1", "3)".
# "»", "«", "+" and "°" are "•" as OCR reads it; a character of Unicode's private use area is a
# symbol font's bullet that the text layer could not map to a character of its own.
_BULLET = regex.compile(
    r"^\s*(?:[-–•*·»«+°▪◦‣●○■□➢►✓\p{Co}]|[a-zA-Z][.)]|\((?:[a-zA-Z]|\d{1,2}|[ivx]{1,4})\)"
    r"|(?:i{2,3}|iv|vi{1,3}|ix|xi{0,3})[.)]|(?:§\s*)?\d+(?:\.\d+)+\.?|\d{1,2}[.)])\s+"
)


def bullet(text: str) -> regex.Match | None:
    """The bullet or list mark that opens ``text`` (with the space after it), or None."""
    return _BULLET.match(text)
