"""An agenda item's number as minutes and OCR write it: one notion for every stage.

:func:`item_number` reads the number that opens a line (``§ 12``, ``KS § 131``, ``3 §``,
``Punkt 3:``, ``12.``, ``12)``, ``1/``, ``3:``, ``4 Övrigt``, and "§" as OCR reads it:
``$ 4.``, ``85``); :func:`sub_point` reads the numbering of a point inside an item (``2.1``,
``a)``, ``A.``, ``ii.``), which never starts an item of its own; :func:`diary_reference`
tells a diary number (``Dnr KS 2024/12``, ``SBN/2026:99``) that may stand beside the number
and is a reference, not a title; :func:`number_trace` finds what OCR left of a number it lost.

All are pure functions of one line's text (cells joined by tabs, as
:class:`extractor.document.Line` has them), so they can serve as features of a line too.
The words and OCR signs are data in ``vocabulary/numbering.toml``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from extractor.vocab import load

# The kinds a shape belongs to, from the surest mark of an item to the weakest: a sign or word
# that only items carry; that sign as OCR may have read it; a list number (dot, parenthesis,
# slash, colon); a number and a title with nothing between.
SECTION, OCR_SECTION, DOTTED, OCR_DOTTED, PLAIN = "section", "ocr-section", "dotted", "ocr-dotted", "plain"


@dataclass(frozen=True)
class NumberMatch:
    """An item number read at a line's start.

    ``number`` is the number as the output writes it (digits and a letter, no spaces: ``"4a"``);
    ``rest`` the line after the number and its mark, leading white space removed; ``shape`` how
    it was written (``"§ N"``, ``"BODY § N"``, ``"N §"``, ``"WORD N"``, ``"OCR§ N"``, ``"N."``,
    ``"N)"``, ``"N/"``, ``"N:"``, ``"N"`` before a title, ``"N | Dnr"``, ``"BODY OCR§ N"``, ``"OCR N/"``);
    ``kind`` one of SECTION, OCR_SECTION, DOTTED, OCR_DOTTED, PLAIN; ``prefix`` the body's
    abbreviation before "§" ("KS"), or None.
    """

    number: str
    rest: str
    shape: str
    kind: str
    prefix: str | None = None


# A § number: "12", "12a", "4 a"; not "2.1", "12,5", "3/4" (a sub-point, an amount, a share)
# and not "6 Fråga" read as "6F".
_NUM = r"(?P<num>\d{1,3}(?:\s?(?-i:[a-z]))?)(?![\d.,:/]\d)(?!\p{L})"
# A list number: "12", "12a", or with OCR's letters for digits ("l." for "1.", "1S:" for "15:").
_LIST_NUM = r"(?P<num>\d[\dlIOS]{0,2}[a-z]?|[lI]\d?)"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, regex.Pattern]:
    vocab = load("numbering")
    signs = "|".join(regex.escape(s) for s in sorted(vocab["section"]["ocr_signs"], key=len, reverse=True))
    letters = "".join(regex.escape(s) for s in vocab["section"]["ocr_letter_signs"])
    words = "|".join(regex.escape(w) for w in sorted(vocab["words"]["item"], key=len, reverse=True))
    body = vocab["section"]["body_prefix_length"]
    lookalikes = "".join(regex.escape(k) for k in vocab["ocr"]["digits"])
    slash = "".join(regex.escape(s) for s in vocab["ocr"]["slash"])
    end = r"(?:\.|:)?(?=\s|$)"
    return {
        # "§ 12", "§12a", "§ 4 a", "§3.", "§ 5:"
        "§ N": regex.compile(rf"^§\s*{_NUM}{end}(?P<rest>.*)$", regex.I),
        # "KS § 131", "SBN §22", "BUN-AU § 4": the body's abbreviation before the sign.
        "BODY § N": regex.compile(
            rf"^(?P<prefix>\p{{Lu}}{{1,{body}}}(?:[-/]\p{{Lu}}{{1,{body}}})?)\s*§\s*{_NUM}{end}(?P<rest>.*)$"),
        # "3 § Val av justerare", "12 §"
        "N §": regex.compile(r"^(?P<num>\d{1,3}[a-z]?)\s?§(?!\s*\d)(?:\.|:)?(?=\s|$)(?P<rest>.*)$"),
        # "Punkt 3:", "Ärende 12 Budget", "Paragraf 4." — a title, a mark or nothing after the number;
        # a speck may stand before the number ("Punkt .6.").
        "WORD N": regex.compile(
            rf"^(?:{words})\.?\s+(?:[{speck_marks()}](?=\d))?(?P<num>\d{{1,3}}[a-z]?)(?:\s*[.:)\-–]|(?=\t|$)|(?=\s+(?-i:\p{{Lu}})))(?P<rest>.*)$", regex.I),
        # "$ 4. Val av", "& 10 Övrigt", "$&11." — signs that are no letter or digit.
        "OCR§ N": regex.compile(rf"^(?:{signs})\s?(?P<num>[\dlIO]{{1,3}}[a-z]?)(?!\d)(?:\.|:)?(?=\s|$)(?P<rest>.*)$"),
        # "85" or "s 93" as a cell of its own, "8 7. Val av", "53; Budget": a letter or digit for the sign.
        "OCR§ N cell": regex.compile(
            rf"^[{letters}]\s?(?P<num>[\dlIO]{{1,3}}[a-z]?)(?:(?=\t)|[.;:]\s+(?=\p{{Lu}}))(?P<rest>.*)$"),
        # "82. Val av", "815 Val av", "8 14 Val av": a digit or letter for the sign, then the
        # number and a title; read only where the sequence of the items asks for it.
        "SIGN N": regex.compile(
            rf"^[{letters}](?P<space>\s?)(?P<num>[\dlIO]{{1,3}}[a-z]?)[.:]?(?:\s+(?=\p{{Lu}})|(?=\t))(?P<rest>.*)$"),
        # "KS 8131 | Dnr ...", "SBN $22": the body's abbreviation, then "§" as OCR read it, as a cell.
        "BODY OCR§ N": regex.compile(
            rf"^(?P<prefix>\p{{Lu}}{{1,{body}}}(?:[-/]\p{{Lu}}{{1,{body}}})?)\s+(?P<sign>{signs}|[{letters}])(?P<space>\s?)"
            rf"(?P<num>[\dlIO]{{1,3}}[a-z]?)(?=\t|$)(?P<rest>.*)$"),
        # "12. Title", "12) Title", "12/ Title", "12: Title", "12." alone, "10.Title" (space lost);
        # not "2.1", "12.30", "1/2".
        "N.": regex.compile(rf"^{_LIST_NUM}\s?(?P<mark>[.):/])(?!\d)(?P<rest>(?:\s|\t).*|(?=\p{{Lu}}).*|)$"),
        # "1  Öppnande av möte", "3\tFormalia": no mark between number and title.
        "N": regex.compile(r"^(?P<num>[1-9]\d{0,2})[ \t]+(?P<rest>\p{Lu}.*)$"),
        # "142" + a diary cell ("142 | Dnr BN-2023-001564"): a municipal heading row that lost its sign.
        "N | Dnr": regex.compile(r"^(?P<num>[\dlIO]{1,3}[a-z]?)\t(?P<rest>.*)$"),
        # "3l", "L0l", "tLl": a list number alone on its line as OCR garbled digits and slash.
        "OCR N/": regex.compile(rf"^(?P<num>[\d{lookalikes}]{{1,3}})[/{slash}]$"),
    }


_MARK_SHAPES = {".": "N.", ")": "N)", "/": "N/", ":": "N:"}


@lru_cache(maxsize=1)
def speck_marks() -> str:
    """The marks specks become, as the inside of a regex character class."""
    return "".join(regex.escape(s) for s in load("numbering")["ocr"]["specks"])


@lru_cache(maxsize=1)
def _speck_patterns() -> tuple[regex.Pattern, regex.Pattern]:
    marks = speck_marks()
    return (
        # Specks at a line's start: "'$1", ". $4", ": 8 5", '"7.', "-2.", '"Närvarande'.
        regex.compile(rf"^\s*(?:[{marks}]\s*|-(?=\S)){{1,3}}"),
        # Specks after a title, a lone letter among them: "Budget | : | z", "Ekonomi - |".
        regex.compile(rf"(?:\s+[{marks}-]{{1,3}})+(?:\s+\p{{Ll}})?\s*$"),
    )


@lru_cache(maxsize=1)
def _number_start() -> regex.Pattern:
    signs = "".join(regex.escape(s) for s in {c for s in load("numbering")["section"]["ocr_signs"] for c in s})
    return regex.compile(rf"[§{signs}\d]")


def leading_specks(text: str) -> int:
    """How many characters of ``text`` the specks a scan left before its first word take up."""
    m = _speck_patterns()[0].match(text)
    return m.end() if m and m.end() < len(text) and not text[m.end()].isspace() else 0


def without_specks(text: str) -> str:
    """``text`` (one line) without the marks that specks on a scan left before its number or after
    its title; a line with none is returned as it is."""
    text = text.strip()
    skip = leading_specks(text)
    if skip and _number_start().match(text, skip):
        text = text[skip:]
    return _speck_patterns()[1].sub("", text)


def _digits(number: str) -> str:
    """OCR's letters for digits read as the digits ("l0" for "10")."""
    table = load("numbering")["ocr"]["digits"]
    return "".join(table.get(ch, ch) for ch in number)


def _ocr_section(m: regex.Match) -> NumberMatch:
    # A diary number beside it makes it a municipal paragraph's heading row however OCR read the sign.
    kind = SECTION if diary_reference(m["rest"]) else OCR_SECTION
    return NumberMatch(_digits(m["num"]), m["rest"].strip(), "OCR§ N", kind)


def item_number(text: str) -> NumberMatch | None:
    """The agenda-item number that opens ``text`` (one line; cells joined by tabs), or None.

    A sub-point (``2.1``, ``a)``), a time (``12.30``), an amount or a share is not an item
    number, nor is a number followed by a word in lower case ("3 ledamöter"). Which of several
    numbered lines are the items (the numbers follow one another, at the item margin, with
    text under them) is for the segment stage to decide; this only reads one line.
    """
    text = without_specks(text)
    if not text:
        return None
    p = _patterns()
    for shape in ("§ N", "BODY § N", "N §", "WORD N"):
        m = p[shape].match(text)
        if m:
            prefix = m.groupdict().get("prefix")
            return NumberMatch(m["num"].replace(" ", ""), m["rest"].strip(), shape, SECTION, prefix)
    m = p["OCR§ N"].match(text)
    if m and not m["num"].startswith("0"):
        return _ocr_section(m)
    m = p["BODY OCR§ N"].match(text)
    # A digit read for the sign is only certain where it makes the number too long for an item
    # ("8131": § 131); "KS 31" may be § 1 or an item that lost its sign altogether.
    if m and not m["num"].startswith("0") and (not m["sign"].isdigit() or (not m["space"] and len(m["num"]) == 3)):
        found = _ocr_section(m)
        return NumberMatch(found.number, found.rest, "BODY OCR§ N", found.kind, m["prefix"])
    m = p["N."].match(text)
    if m:
        return NumberMatch(_digits(m["num"]), m["rest"].strip(), _MARK_SHAPES[m["mark"]], DOTTED)
    m = p["OCR§ N cell"].match(text)
    if m and not _digits(m["num"]).startswith("0"):
        return _ocr_section(m)
    m = p["N | Dnr"].match(text)
    if m and diary_reference(m["rest"]) and not m["num"].startswith("0"):
        return NumberMatch(_digits(m["num"]), m["rest"].strip(), "N | Dnr", SECTION)
    m = p["N"].match(text)
    if m:
        return NumberMatch(m["num"], m["rest"].strip(), "N", PLAIN)
    m = p["OCR N/"].match(text)
    if m and not _digits(m["num"]).startswith("0") and _digits(m["num"]).isdigit():
        return NumberMatch(_digits(m["num"]), "", "OCR N/", OCR_DOTTED)
    return None


_SUB_POINT = regex.compile(
    r"^(?:"
    r"(?P<decimal>\d{1,3}(?:\.\d{1,3})+)\.?(?=\s|$)"        # "2.1", "14.3.2", "24.1."
    r"|\(?(?P<roman>(?:i{1,3}|iv|vi{0,3}|ix|x))[.)](?=\s|$)"  # "i.", "ii)", "(iv)"
    r"|\(?(?P<letter>\p{L})[.)](?=\s|$)"                    # "a)", "(b)", "A.", "c."
    r")(?P<rest>.*)$"
)


def sign_read_as_digit(text: str) -> NumberMatch | None:
    """The § reading of a line whose sign OCR read as a digit or letter before the number, joined
    to it or not, with no stop or a stop before the title ("82. Val av", "815 Val av", "8 14 Val
    av" for "§ 2.", "§ 15", "§ 14"). Only the other items' numbers can tell "82." from item 82:
    the segment stage decides."""
    m = _patterns()["SIGN N"].match(without_specks(text))
    if not m or (not m["space"] and len(m["num"]) > 2):
        return None
    number = _digits(m["num"])
    if not regex.fullmatch(r"[1-9]\d{0,2}[a-z]?", number):
        return None
    return NumberMatch(number, m["rest"].strip(), "OCR§ N", OCR_SECTION)


def sub_point(text: str) -> NumberMatch | None:
    """The numbering of a point inside an item that opens ``text``: ``2.1`` (shape ``"N.N"``),
    ``a)``/``(b)``/``A.`` (``"a)"``), ``i.``/``(iv)`` (``"i."``); None otherwise.

    Such points stay inside their parent item; ``kind`` is ``"sub"`` and ``number`` the
    label as written without its marks ("2.1", "a", "iv").
    """
    m = _SUB_POINT.match(text.strip())
    if not m:
        return None
    if m["decimal"]:
        return NumberMatch(m["decimal"], m["rest"].strip(), "N.N", "sub")
    if m["roman"]:
        return NumberMatch(m["roman"], m["rest"].strip(), "i.", "sub")
    return NumberMatch(m["letter"], m["rest"].strip(), "a)", "sub")


# A diary number's code: the body's letters, then year and serial ("KS KF/2025:6", "SBN/2026:99",
# "BN-2023-001564", "KS 2024.117").
_DIARY_CODE = regex.compile(r"^\p{Lu}{1,6}(?:[ /-]\p{Lu}{1,6})*[ /-]?\d{2,4}[-/:.]\d{1,6}(?:[-:.]\d{1,5})?$")


@lru_cache(maxsize=1)
def _diary_label() -> regex.Pattern:
    labels = "|".join(regex.escape(w) for w in sorted(load("numbering")["diary"]["labels"], key=len, reverse=True))
    return regex.compile(rf"^(?:{labels})\b", regex.I)


def diary_reference(text: str) -> bool:
    """Whether ``text`` (a line's rest or a cell) is a diary number: it opens with a diary
    label ("Dnr", "Diarienummer") or is one code ("KS KF/2025:6")."""
    text = text.strip()
    first = text.split("\t")[0].strip()
    return bool(_diary_label().match(text) or _DIARY_CODE.match(first))


# What OCR leaves of a lost item number before a title: ". Val av", "IL; Motioner", "TÅ: Motioner",
# "13 Fastställande", "T8<tab>Budget" (a short cell of its own), '"n. Budget' (two strokes and a
# dot); letters before the mark are OCR noise from the margin ("ja . Val av").
_TRACE = regex.compile(
    r"^(?:(?P<digits>\d{1,4})\s?[.:;,]?|[^\s\p{Ll}\d]{0,3}[.:;,]|[^\s\d]{1,2}[.:;,](?=\s)|\p{L}{1,3}\s+[.:;,]"
    r"|[^\s\p{Ll}]{1,3}\t)\s*(?=\p{Lu})")


def number_trace(text: str) -> tuple[int | None, int] | None:
    """What OCR left of an item number it lost at the start of ``text`` (one line, cells joined by
    tabs): the digits it kept (or None) and where the title begins; None when nothing of a number
    is there."""
    m = _TRACE.match(text)
    if not m:
        return None
    return (int(m["digits"]) if m["digits"] is not None else None, m.end())
