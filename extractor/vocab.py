"""The rule vocabulary: headings, role words, decision verbs, furniture patterns.

It lives as TOML files in ``extractor/vocabulary/`` so that a researcher can
read and extend it without touching code; every stage loads its words here.
"""
from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The vocabulary file ``vocabulary/NAME.toml`` as a dict."""
    path = resources.files("extractor").joinpath(f"vocabulary/{name}.toml")
    return tomllib.loads(path.read_text("utf-8"))
