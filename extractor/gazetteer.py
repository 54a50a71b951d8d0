"""Compact Swedish gazetteers: kommuner, län, first names, surnames, parties.

The lists live in ``extractor/data/`` (derived from ``../shared/data/gazetteers``,
see ``extractor/data/ATTRIBUTION.md``). Everything is loaded lazily and cached.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

__all__ = [
    "municipalities",
    "municipality_names",
    "is_municipality",
    "normalize_municipality",
    "counties",
    "is_county",
    "first_names",
    "surnames",
    "is_first_name",
    "is_surname",
    "international_first_names",
    "international_surnames",
    "countries",
    "parties",
    "is_party",
]


def _rows(name: str) -> list[list[str]]:
    path = DATA_DIR / name
    out: list[list[str]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            out.append([c.strip() for c in line.split("\t")])
    return out


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


# --------------------------------------------------------------------- kommuner


@lru_cache(maxsize=1)
def _municipality_rows() -> tuple[tuple[str, str, str, str], ...]:
    return tuple((r[0], r[1], r[2], r[3]) for r in _rows("kommuner.txt"))


@lru_cache(maxsize=1)
def municipalities() -> frozenset[str]:
    """The 290 kommuner by short name ("Huddinge", "Upplands Väsby", "Malung-Sälen")."""
    return frozenset(r[1] for r in _municipality_rows())


@lru_cache(maxsize=1)
def municipality_names() -> dict[str, str]:
    """Folded written forms -> short name.

    Covers the short name, its genitive ("Huddinges"), the official name
    ("Huddinge kommun", "Stockholms kommun"), "X kommun" with and without the
    genitive s, "X stad" ("Stockholms stad") and "Region X" for Gotland.
    """
    forms: dict[str, str] = {}
    for _code, short, official, _county in _municipality_rows():
        gen = short if short.endswith(("s", "x", "z")) else short + "s"
        variants = {
            short,
            gen,
            official,
            f"{short} kommun",
            f"{gen} kommun",
            f"{short} stad",
            f"{gen} stad",
        }
        for v in variants:
            forms.setdefault(_fold(v), short)
    forms[_fold("Region Gotland")] = "Gotland"
    return forms


def normalize_municipality(text: str) -> str | None:
    """Short name of the kommun that ``text`` names, or None."""
    if not text:
        return None
    folded = _fold(text.strip(" \t\r\n.,;:()"))
    return municipality_names().get(folded)


def is_municipality(text: str) -> bool:
    """True for "Huddinge", "Huddinge kommun", "Södertälje", "Stockholms stad"."""
    return normalize_municipality(text) is not None


# ------------------------------------------------------------------------- län


@lru_cache(maxsize=1)
def counties() -> frozenset[str]:
    """The 21 län by full name ("Stockholms län")."""
    return frozenset(r[1] for r in _rows("lan.txt"))


@lru_cache(maxsize=1)
def _county_forms() -> frozenset[str]:
    forms = set()
    for _code, name, short in _rows("lan.txt"):
        forms.update({_fold(name), _fold(short), _fold(f"Region {short}")})
    return frozenset(forms)


def is_county(text: str) -> bool:
    """True for "Stockholms län", "Skåne", "Region Skåne"."""
    return _fold(text.strip(" .,;:()")) in _county_forms()


# ----------------------------------------------------------------------- names


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """991 Swedish first names (Isof top-500 female and male, 2023)."""
    return frozenset(r[0] for r in _rows("first_names.txt"))


@lru_cache(maxsize=1)
def _first_names_folded() -> frozenset[str]:
    return frozenset(n.casefold() for n in first_names())


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """500 common Swedish surnames (Skatteverket top-500, 2025)."""
    return frozenset(r[0] for r in _rows("surnames.txt"))


@lru_cache(maxsize=1)
def _surnames_folded() -> frozenset[str]:
    return frozenset(n.casefold() for n in surnames())


def is_first_name(word: str) -> bool:
    """True if ``word`` (any case; a hyphenated "Anna-Karin" by its parts) is a known first name."""
    w = word.strip(" .,;:()")
    if not w:
        return False
    if w.casefold() in _first_names_folded():
        return True
    parts = [p for p in w.split("-") if p]
    return len(parts) > 1 and all(p.casefold() in _first_names_folded() for p in parts)


def is_surname(word: str) -> bool:
    w = word.strip(" .,;:()")
    return bool(w) and w.casefold() in _surnames_folded()


@lru_cache(maxsize=1)
def international_first_names() -> frozenset[str]:
    """~19,700 first names of other countries (Faker's Latin-script locales), not in :func:`first_names`."""
    return frozenset(r[0] for r in _rows("first_names_intl.txt"))


@lru_cache(maxsize=1)
def international_surnames() -> frozenset[str]:
    """~17,600 surnames of other countries (Faker's Latin-script locales), not in :func:`surnames`."""
    return frozenset(r[0] for r in _rows("surnames_intl.txt"))


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Country names in Swedish."""
    return frozenset(r[0] for r in _rows("countries.txt"))


# --------------------------------------------------------------------- parties


@lru_cache(maxsize=1)
def _party_rows() -> dict[str, str]:
    return {r[0]: r[1] for r in _rows("parties.txt")}


def parties() -> frozenset[str]:
    """Party abbreviations: S, M, SD, C, V, KD, L, MP and FP, Fi, MP/Fi, V/Fi, S/MP, PP."""
    return frozenset(_party_rows())


def party_name(abbrev: str) -> str | None:
    return _party_rows().get(abbrev.strip(" ()"))


def is_party(text: str) -> bool:
    """True for "S", "(S)", "MP/Fi", "(Fp)" (case-insensitive for two or more letters)."""
    t = text.strip().strip("()").strip()
    if t in _party_rows():
        return True
    if len(t) >= 2:
        upper = {p.upper() for p in _party_rows()}
        return t.upper() in upper
    return False
