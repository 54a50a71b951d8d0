"""Is a page's text layer readable Swedish, or the garbage of a poor OCR layer?

Scanned minutes often carry an OCR layer made by the scanner; some are good,
some read "Stcnäldcrns sa ml?i I lighctslii". We measure, per page, the share
of word tokens that are known Swedish word forms and the share of characters
that no Swedish text uses, and OCR the page ourselves when the layer fails.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

from extractor.vocab import load

_TOKEN = regex.compile(r"\p{L}+")
# Tokens an OCR engine garbles and a typesetter never makes: glued words
# ("KennethMårtensson"), letters among digits ("m79,gärd2", "l9:00", "NäIvarande").
_MALFORMED = regex.compile(r"\p{Ll}\p{Lu}|\p{L}\d|\d\p{L}|[lI]\d|\d[lI]")
_WELL_FORMED = regex.compile(r"\d+[a-z]?[.,:)]?|\d{1,2}:[ae]|[\p{Lu}]{1,6}-?\d.*|\d+(?:st|kr|tkr|h|m|km)\.?")
_ODD = regex.compile(r"[^\p{L}\p{N}\s.,:;!?()\-–—/%§&\"'’”«»*+=@#\[\]]")


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    text = resources.files("extractor").joinpath("data/swedish_words.txt").read_text("utf-8")
    extra = load("layout")["quality"]["extra_known_words"]
    return frozenset(text.split()) | frozenset(extra)


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(load("layout")["language"]["swedish_function_words"])


@dataclass(frozen=True)
class TextQuality:
    tokens: int
    known_share: float
    odd_share: float
    function_share: float = 0.0
    malformed_share: float = 0.0

    @property
    def swedish(self) -> bool:
        """Whether readable text is Swedish, by its share of Swedish function words."""
        rules = load("layout")["language"]
        return self.tokens < rules["min_tokens"] or self.function_share >= rules["min_function_share"]

    @property
    def usable(self) -> bool:
        rules = load("layout")["quality"]
        if self.tokens < rules["min_tokens"]:
            return True  # too little text to judge; short born-digital pages are common
        return (
            self.known_share >= rules["min_known_share"]
            and self.odd_share <= rules["max_odd_share"]
            and self.malformed_share <= rules["max_malformed_share"]
        )

    def describe(self) -> str:
        return (
            f"{self.known_share:.0%} known Swedish words, {self.odd_share:.1%} odd characters, "
            f"{self.malformed_share:.0%} garbled words"
        )


def assess(text: str) -> TextQuality:
    text = unicodedata.normalize("NFC", text)
    tokens = [t.lower() for t in _TOKEN.findall(text) if len(t) > 1]
    lexicon = known_words()
    known = sum(1 for t in tokens if t in lexicon)
    function_words = _function_words()
    function = sum(1 for t in tokens if t in function_words)
    visible = sum(1 for ch in text if not ch.isspace())
    longer = [t.strip(".,:;()!?") for t in text.split() if len(t.strip(".,:;()!?")) > 2]
    malformed = sum(1 for t in longer if _MALFORMED.search(t) and not _WELL_FORMED.fullmatch(t))
    odd = len(_ODD.findall(text))
    return TextQuality(
        tokens=len(tokens),
        known_share=known / len(tokens) if tokens else 0.0,
        odd_share=odd / visible if visible else 0.0,
        function_share=function / len(tokens) if tokens else 0.0,
        malformed_share=malformed / len(longer) if longer else 0.0,
    )
