"""Build ``extractor/data/swedish_words.txt``: common Swedish word forms for the text-layer quality check.

Derived from the Webbnyheter 2012 NER corpus (CC BY 4.0, klintan/swedish-ner-corpus):
lower-cased alphabetic tokens seen at least twice. Rerun: python scripts/build_wordlist.py [../shared/data]
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "data")
counts: Counter[str] = Counter()
for line in (root / "swedish-ner-corpus" / "train_corpus.txt").read_text("utf-8").splitlines():
    token = line.split()[0] if line.split() else ""
    if token.isalpha() and len(token) > 1:
        counts[token.lower()] += 1
words = sorted(word for word, n in counts.items() if n >= 2)
out = Path(__file__).resolve().parents[1] / "extractor" / "data" / "swedish_words.txt"
out.write_text("\n".join(words) + "\n", "utf-8")
print(f"{len(words)} words -> {out}")
