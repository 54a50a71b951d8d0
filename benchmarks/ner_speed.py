"""Inference speed of the NER model in words per second, on one core.

    python benchmarks/ner_speed.py [--model extractor/data/sv_protokoll_ner] [--sentences 2453] [--repeat 3]

Runs on the sentences of ../shared/data/swedish-ner-corpus/test_corpus.txt
(raw text, tokenised by the pipeline), or on minutes-like text made up here if
the corpus is absent. The baseline is spaCy's blank Swedish tokenizer on the
same text in the same run, so a slow machine shows as a slow baseline.
"""

from __future__ import annotations

import os

# one core: set before numpy is imported
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _texts(n: int) -> list[str]:
    corpus = REPO.parent / "shared" / "data" / "swedish-ner-corpus" / "test_corpus.txt"
    if corpus.exists():
        from extractor.training.ner import read_io_corpus

        return [" ".join(toks) for toks, _ in read_io_corpus(corpus)[:n]]
    line = ("Att uppdra till Camilla Broo att återkoppla till Huddinge kommun och Region Stockholm "
            "senast den 13 mars, enl. beslut i Kommunstyrelsen (bil. 3). Lisa Andersson (M), ordförande.")
    return [line] * n


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=str(REPO / "extractor" / "data" / "sv_protokoll_ner"))
    ap.add_argument("--sentences", type=int, default=2453)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true", help="print one JSON line")
    args = ap.parse_args(argv)

    try:  # pin this process to one core where the OS allows it
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    except (AttributeError, OSError):
        pass

    import spacy

    from extractor.entities import load_model

    texts = _texts(args.sentences)
    nlp = load_model(args.model)  # as the pipeline loads it
    blank = spacy.blank("sv")
    words = sum(len(d) for d in blank.pipe(texts))
    list(nlp.pipe(texts[:50]))  # warm up
    t_model = _best(lambda: list(nlp.pipe(texts, batch_size=256)), args.repeat)
    t_blank = _best(lambda: list(blank.pipe(texts, batch_size=256)), args.repeat)
    res = {
        "words": words,
        "model_words_per_second": round(words / t_model),
        "blank_tokenizer_words_per_second": round(words / t_blank),
        "model_seconds": round(t_model, 3),
        "slowdown_vs_tokenizer": round(t_model / t_blank, 1),
    }
    if args.json:
        print(json.dumps(res))
    else:
        print(f"{words} words; model {res['model_words_per_second']:,} words/s; "
              f"blank tokenizer {res['blank_tokenizer_words_per_second']:,} words/s "
              f"(model {res['slowdown_vs_tokenizer']}x slower), one core")
    return 0


if __name__ == "__main__":
    sys.exit(main())
