"""Person names in Swedish minutes: where a name ends, name order, names in a sentence."""
from __future__ import annotations

from collections.abc import Iterable

import regex

from extractor import gazetteer

# A name token: capitalised, letters with inner hyphens or apostrophes ("Anna-Karin", "Bui-Ljungqvist").
_NAME_TOKEN = regex.compile(r"\p{Lu}[\p{Ll}\p{Lu}]*(?:[-'’]\p{Lu}?[\p{Ll}\p{Lu}]+)*\.?")
_PARTICLES = {"af", "av", "von", "van", "de", "der", "la", "le", "du", "di", "da"}
_INITIAL = regex.compile(r"\p{Lu}\.?")
# A nickname in quotes inside a name, part of how the person is written: Anna “Nappe” Berg.
_NICKNAME = regex.compile(r"[“”\"«][^\s“”\"«»]{1,24}[”“\"»]")
# Capitalised words that open sentences or label things in minutes, never names.
NOT_NAMES = {
    "mötet", "möte", "valdes", "väljs", "väljer", "beslöts", "beslutades", "beslut", "till", "som", "och",
    "att", "styrelsen", "stämman", "ordförande", "sekreterare", "justerare", "justeras", "nominerar",
    "mötesordförande", "mötessekreterare", "justeringsperson", "rösträknare", "för", "den", "det", "de",
    "vid", "med", "samt", "ledamot", "suppleant", "ersättare", "val", "nr", "hus", "gård", "tillika",
    "ny", "nya", "omval", "nyval", "fyllnadsval", "på", "år", "ett", "två", "tre", "en", "i", "om",
    "kommun", "region", "styrelseledamot", "revisor", "revisorssuppleant", "valberedning", "kassör",
    "inga", "ingen", "alla", "samtliga", "förslag", "enligt", "protokoll", "protokollet", "dagordning",
    "vice",
}


def _is_name_token(token: str) -> bool:
    return bool(_NAME_TOKEN.fullmatch(token)) and token.lower().rstrip(".") not in NOT_NAMES and len(token.rstrip(".")) > 1


def leading_name(text: str) -> tuple[str, int]:
    """The person name at the start of ``text`` and the offset where it ends ("" when none)."""
    tokens = list(regex.finditer(r"\S+", text))
    taken: list[regex.Match] = []
    for match in tokens:
        token = match.group().rstrip(",;:")
        if _is_name_token(token) and not token.endswith("."):
            taken.append(match)
            if match.group() != token:
                break  # a comma or colon closes the name
        elif taken and (token.lower() in _PARTICLES or _NICKNAME.fullmatch(token) or _INITIAL.fullmatch(token)):
            taken.append(match)  # inside a name only: "Anna af Klint", "Anna “Nappe” Berg", "Anna K. Berg"
        else:
            break
    while taken and (taken[-1].group().rstrip(",;:").lower() in _PARTICLES
                     or _NICKNAME.fullmatch(taken[-1].group().rstrip(",;:")) or _INITIAL.fullmatch(taken[-1].group())):
        taken.pop()
    # A municipality after the name is an affiliation: "Camilla Broo Huddinge".
    if len(taken) >= 3 and gazetteer.is_municipality(taken[-1].group().rstrip(",;:")):
        taken.pop()
    if not taken:
        return "", 0
    end = taken[-1].start() + len(taken[-1].group().rstrip(",;:"))
    return text[taken[0].start():end], end


def natural_order(name: str) -> str:
    """"Söderström, Anna" -> "Anna Söderström"; names already in natural order are kept."""
    if "," not in name:
        return " ".join(name.split())
    surname, _, given = (part.strip() for part in name.partition(","))
    if surname and given and len(given.split()) <= 2 and all(_is_name_token(t) for t in given.split()):
        return f"{given} {surname}"
    return " ".join(name.split())


def looks_like_surname_first(first: str, second: str) -> bool:
    """Cells "Söderström" | "Anna": a surname then a known first name."""
    return (
        len(second.split()) == 1
        and gazetteer.is_first_name(second)
        and not gazetteer.is_first_name(first.split()[0])
    )


def split_run_on(name: str) -> list[str]:
    """Two people written without a comma between them, "Dennis Lundberg Amanda Brodell",
    as ["Dennis Lundberg", "Amanda Brodell"].

    A name is cut before a known first name that follows a word that is not one
    (a surname), where both sides keep two words or more; so a double first
    name ("Anna Maria Berg"), a double surname ("Erik Ehn Blomgren") and a
    three-word name stay whole.
    """
    tokens = name.split()
    if len(tokens) < 4:
        return [name]
    for index in range(2, len(tokens) - 1):
        before, word = tokens[index - 1], tokens[index]
        if (
            gazetteer.is_first_name(word) and not gazetteer.is_first_name(before)
            and before.lower() not in _PARTICLES and not gazetteer.is_first_name(tokens[-1])
        ):
            return [" ".join(tokens[:index]), *split_run_on(" ".join(tokens[index:]))]
    return [name]


def names_in(text: str) -> list[str]:
    """Person names in a clause such as "Valdes Maria Terra och Håkan Lorentz, hus 7."."""
    names = []
    for part in regex.split(r",|;|\boch\b|\bsamt\b|&|/", text):
        for match in regex.finditer(r"(?:(?:\p{Lu}[\p{L}'’-]*\.?|[“”\"«][^\s“”\"«»]{1,24}[”“\"»])\s*)+", part):
            tokens = [t for t in match.group().split()
                      if _is_name_token(t) and not t.endswith(".") or _NICKNAME.fullmatch(t)]
            while tokens and _NICKNAME.fullmatch(tokens[-1]):
                tokens.pop()
            while tokens and _NICKNAME.fullmatch(tokens[0]):
                tokens.pop(0)
            if tokens:
                names.append(" ".join(tokens))
                break
    return names


# OCR repairs -----------------------------------------------------------------

_FOLD_MARKS = str.maketrans("åäöÅÄÖéÉüÜ", "aaoAAOeEuU")
# Lower-case letters a scan's OCR confuses with one another, each pair folded to one letter.
_OCR_LOOK_ALIKE = str.maketrans("fclj", "teii")


def _known_forms(known: frozenset[str]) -> dict[str, list[str]]:
    forms: dict[str, list[str]] = {}
    for name in known:
        forms.setdefault(name.translate(_FOLD_MARKS).casefold(), []).append(name)
    return forms


_FORMS_CACHE: dict[str, dict[str, list[str]]] = {}


def _forms(kind: str) -> dict[str, list[str]]:
    if kind not in _FORMS_CACHE:
        known = gazetteer.first_names() if kind == "first" else gazetteer.surnames()
        _FORMS_CACHE[kind] = _known_forms(known)
    return _FORMS_CACHE[kind]


def repair_token(token: str, kind: str) -> str:
    """One name token as a gazetteer spells it, where OCR lost its marks or slipped one letter.

    "Bjorn" -> "Björn", "Sjogren" -> "Sjögren" (marks restored, first and
    surnames); "Mäartensson" -> "Mårtensson" ("å" read as two letters);
    "Toreny" -> "Torgny" (one letter off) and "Stattan" -> "Staffan" (letters
    OCR confuses), for first names of five letters or more, only when exactly
    one known name is that close. A token the gazetteer knows is kept.
    """
    from rapidfuzz.distance import Levenshtein

    is_known = gazetteer.is_first_name if kind == "first" else gazetteer.is_surname
    if not token or is_known(token) or not token[:1].isupper():
        return token
    # OCR reads "å" as two letters: "Mäartensson" for "Mårtensson".
    joined = regex.sub(r"[äa]a", "å", token)
    if joined != token and is_known(joined):
        return joined
    forms = _forms(kind)
    plain = token.translate(_FOLD_MARKS).casefold()
    same = forms.get(plain, [])
    if len(same) == 1 and token == token.translate(_FOLD_MARKS):
        return same[0]
    if kind == "first" and len(token) >= 5:
        close = {n for form, names in forms.items() if abs(len(form) - len(plain)) <= 1
                 and Levenshtein.distance(form, plain, score_cutoff=1) <= 1 for n in names}
        if not close:
            # Letters OCR takes for one another count as one: "Stattan" is "Staffan".
            look_alike = plain.translate(_OCR_LOOK_ALIKE)
            close = {n for form, names in forms.items() if len(form) == len(plain)
                     and form.translate(_OCR_LOOK_ALIKE) == look_alike for n in names}
        if len(close) == 1:
            return close.pop()
    return token


def split_glued(token: str) -> str:
    """"SvenMårtensson" -> "Sven Mårtensson": OCR dropped the space after a known first name."""
    for m in regex.finditer(r"(?<=\p{Ll})(?=\p{Lu})", token):
        left, right = token[: m.start()], token[m.start():]
        if gazetteer.is_first_name(left) and len(right) > 2:
            return f"{left} {right}"
    return token


def document_words(lines) -> frozenset[str]:
    """Every capitalised word written in ``lines``: the spellings an OCR'd name may be repaired towards."""
    return frozenset(w for line in lines for w in regex.findall(r"\p{Lu}[\p{L}'’-]+", line.text))


def _repair_towards(token: str, kind: str, known: frozenset[str] | None) -> str:
    """``token`` as the document writes it elsewhere, where that spelling is a known name and
    ``token`` one OCR slip of it (see ``repair_token``); otherwise ``token`` as written."""
    repaired = repair_token(token, kind)
    return repaired if known is None or repaired in known else token


def repair_name(name: str, source: str = "ocr", known: Iterable[str] | None = None) -> str:
    """A person name with OCR slips repaired token by token.

    A name read from a text layer is never repaired (its letters are the
    document's). On OCR'd text glued names are split, and a token is repaired
    only towards a spelling written elsewhere in the same document (``known``,
    see ``document_words``) that the gazetteer knows (see ``repair_token``):
    the document, not the gazetteer, says how its people are spelled.
    ``known=None`` (no document given) repairs towards the gazetteer alone, for
    callers that do not pass the document's words yet.
    """
    if source != "ocr":
        return " ".join(name.split())
    if known is not None and not isinstance(known, frozenset):
        known = frozenset(known)
    tokens = " ".join(split_glued(t) for t in name.split()).split()
    if len(tokens) < 2:
        return " ".join(tokens)
    first = _repair_towards(tokens[0], "first", known)
    rest = [_repair_towards(t, "surname", known) if i == len(tokens) - 2 else t for i, t in enumerate(tokens[1:])]
    return " ".join([first, *rest])


def looks_like_person(name: str) -> bool:
    """A name as a person's typed name looks: two to four capitalised words ("Anna Berg",
    "Anna-Karin af Klint"), not OCR noise from a signature ("NANA SM", "EZ SWaa", "Je Terra")."""
    tokens = name.split()
    if not 2 <= len(tokens) <= 4:
        return False
    shaped = [t for t in tokens if t.lower() not in _PARTICLES]
    if any(not regex.fullmatch(r"\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)*", t) for t in shaped):
        return False
    return gazetteer.is_first_name(shaped[0]) or gazetteer.is_surname(shaped[-1])
