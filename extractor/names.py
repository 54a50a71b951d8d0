"""Person names in Swedish minutes: where a name ends, name order, names in a sentence."""
from __future__ import annotations

import regex

from extractor import gazetteer

# A name token: capitalised, letters with inner hyphens or apostrophes ("Anna-Karin", "Bui-Ljungqvist").
_NAME_TOKEN = regex.compile(r"\p{Lu}[\p{Ll}\p{Lu}]*(?:[-'’]\p{Lu}?[\p{Ll}\p{Lu}]+)*\.?")
_PARTICLES = {"af", "av", "von", "van", "de", "der", "la", "le", "du", "di", "da"}
# Capitalised words that open sentences or label things in minutes, never names.
NOT_NAMES = {
    "mötet", "möte", "valdes", "väljs", "väljer", "beslöts", "beslutades", "beslut", "till", "som", "och",
    "att", "styrelsen", "stämman", "ordförande", "sekreterare", "justerare", "justeras", "nominerar",
    "mötesordförande", "mötessekreterare", "justeringsperson", "rösträknare", "för", "den", "det", "de",
    "vid", "med", "samt", "ledamot", "suppleant", "ersättare", "val", "nr", "hus", "gård", "tillika",
    "ny", "nya", "omval", "nyval", "fyllnadsval", "på", "år", "ett", "två", "tre", "en", "i", "om",
    "kommun", "region", "styrelseledamot", "revisor", "revisorssuppleant", "valberedning", "kassör",
    "inga", "ingen", "alla", "samtliga", "förslag", "enligt", "protokoll", "protokollet", "dagordning",
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
        elif taken and token.lower() in _PARTICLES:
            taken.append(match)
        else:
            break
    while taken and taken[-1].group().rstrip(",;:").lower() in _PARTICLES:
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


def names_in(text: str) -> list[str]:
    """Person names in a clause such as "Valdes Maria Terra och Håkan Lorentz, hus 7."."""
    names = []
    for part in regex.split(r",|;|\boch\b|\bsamt\b|&|/", text):
        for match in regex.finditer(r"(?:\p{Lu}[\p{L}'’-]*\.?\s*)+", part):
            tokens = [t for t in match.group().split() if _is_name_token(t) and not t.endswith(".")]
            if tokens:
                names.append(" ".join(tokens))
                break
    return names
