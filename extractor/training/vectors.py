"""Swedish floret word vectors for the NER model, trained from a raw text.

``protokoll train-vectors --text ../shared/data/riksdag-text/interpellations.txt.gz -o DIR``
(:func:`train_vectors`) does the whole step:

1. tokenise the text (one paragraph a line, plain or gzipped) with the NER
   pipeline's own tokenizer (spaCy's Swedish tokenizer plus the minutes
   abbreviations of :mod:`extractor.training.ner`), cased, as written, so that
   the vectors are keyed by exactly the token texts the model will see;
2. train floret vectors (``floret`` from PyPI, floret mode: every word is the
   sum of its subword n-gram buckets, so a name the text never had still gets
   a vector from its pieces);
3. build the spaCy vectors table in floret mode (what ``spacy init vectors
   --mode floret`` does) and write it as a blank Swedish pipeline folder,
   the form ``[initialize] vectors`` of a training config reads
   (``protokoll train-ner --vectors DIR``).

The table is ``bucket x dim`` float32 whatever the text's vocabulary: the
defaults (50,000 x 128 = 25.6 MB) keep the NER model with its vectors under
40 MB. A fixed seed; floret trains with hogwild threads, so only a run with
one thread is bit-identical from run to run, more threads give vectors as
good but not the same bytes.

Measured on the full ``interpellations.txt.gz`` (141,701 paragraphs, 5.75
million tokens; 40,971 words seen 5 times or more) with the defaults and 2
threads on the project's 2-core machine while other work shared it: 5 min 43 s
in all (tokenising 40 s, floret 301 s, table 2 s; 268 s of CPU, peak 0.4 GB),
a 25.7 MB folder.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from extractor.errors import DependencyError, UsageError
from extractor.training.folders import dir_size, refuse_foreign_folder, save_pipeline

# Relative to the project folder, where training is run.
DEFAULT_TEXT = Path("../shared/data/riksdag-text/interpellations.txt.gz")

SOURCE_NOTE = {
    "riksdag-text/interpellations.txt.gz": {
        "name": "Riksdagen interpellations 1994/95 onwards (swerik-project/riksdagen-interpellations @ b656ba9)",
        "license": "Swedish parliamentary documents, Riksdagen's open data for free reuse",
    },
}


@dataclass(frozen=True)
class VectorSettings:
    """floret's training settings (names as in floret's ``train_unsupervised``)."""

    model: str = "cbow"
    dim: int = 128
    bucket: int = 50_000
    minn: int = 4
    maxn: int = 5
    hash_count: int = 2
    epoch: int = 5
    min_count: int = 5
    # floret's ``t``: frequent words are skipped with a probability growing above
    # this share of the text. A text of a few thousand words, where every word is
    # "frequent", needs a larger one or nearly all of it is skipped.
    sample: float = 1e-4
    seed: int = 20240116


@dataclass
class VectorsResult:
    output: Path
    tokens: int
    lines: int
    seconds_tokenise: float
    seconds_train: float
    seconds_table: float
    bytes: int
    settings: VectorSettings
    threads: int


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _open_text(path: Path):
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    return path.open(encoding="utf-8")


def pipeline_tokenizer():
    """A blank Swedish pipeline with the NER model's tokenizer (minutes abbreviations kept whole)."""
    import spacy

    from extractor.training.ner import add_minutes_tokenizer_exceptions

    nlp = spacy.blank("sv")
    add_minutes_tokenizer_exceptions(nlp)
    return nlp


def tokenise_text(text: Path, out: Path, batch_size: int = 1000) -> tuple[int, int]:
    """Write ``text`` to ``out`` one paragraph a line, tokens separated by one space.

    Returns (lines, tokens). Whitespace tokens are dropped; case is kept.
    """
    nlp = pipeline_tokenizer()
    n_lines = n_tokens = 0
    with _open_text(Path(text)) as src, Path(out).open("w", encoding="utf-8") as dst:
        paragraphs = (line.strip() for line in src)
        for doc in nlp.tokenizer.pipe((p for p in paragraphs if p), batch_size=batch_size):
            words = [t.text for t in doc if not t.is_space]
            if words:
                dst.write(" ".join(words))
                dst.write("\n")
                n_lines += 1
                n_tokens += len(words)
    return n_lines, n_tokens


def _require_floret() -> None:
    try:
        import floret  # noqa: F401
    except ImportError as exc:
        raise DependencyError('floret is not installed: pip install -e ".[training]" (or pip install floret)') from exc


def _train_floret(tokens: Path, settings: VectorSettings, threads: int):
    """floret's ``train_unsupervised`` with the seed passed on.

    The wrapper's argument list leaves out ``seed``, which the trainer itself
    takes (floret 0.10), so every run would use seed 0 whatever was asked:
    the arguments are built as the wrapper builds them, seed included.
    """
    from floret import floret as ff

    args = {"input": str(tokens), "model": settings.model, "mode": "floret", "dim": settings.dim,
            "bucket": settings.bucket, "minn": settings.minn, "maxn": settings.maxn,
            "hashCount": settings.hash_count, "epoch": settings.epoch, "minCount": settings.min_count,
            "t": settings.sample, "seed": settings.seed, "thread": threads, "verbose": 0}
    built = ff._build_args({**ff.unsupervised_default, **args}, set(args))
    model = ff._floret(args=built)
    ff.floret.train(model.f, built)
    model.set_args(model.f.getArgs())
    return model


def _source_of(text: Path) -> dict:
    for suffix, note in SOURCE_NOTE.items():
        if text.as_posix().endswith(suffix):
            return dict(note, file=suffix)
    return {"name": text.name, "license": "see the text's source"}


def train_vectors(text: Path, output: Path, *, threads: int = 2,
                  settings: VectorSettings = VectorSettings()) -> VectorsResult:
    """Tokenise ``text``, train floret vectors and write the spaCy vectors table to ``output``."""
    import spacy
    from spacy.training.initialize import convert_vectors

    _require_floret()
    text, output = Path(text), Path(output)
    if not text.is_file():
        raise UsageError(f"text not found: {text}")
    if threads < 1:
        raise UsageError("--threads must be at least 1")
    refuse_foreign_folder(output)  # before the long work, not after it

    with tempfile.TemporaryDirectory(prefix="protokoll-vectors-") as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        n_lines, n_tokens = tokenise_text(text, tmp / "tokens.txt")
        t1 = time.perf_counter()
        _log(f"[train-vectors] tokenised {n_lines:,} lines, {n_tokens:,} tokens in {t1 - t0:.0f}s")
        if n_tokens == 0:
            raise UsageError(f"{text} has no text to train on")
        model = _train_floret(tmp / "tokens.txt", settings, threads)
        model.save_floret_vectors(str(tmp / "vectors.floret"))
        words = len(model.get_words())
        del model
        t2 = time.perf_counter()
        _log(f"[train-vectors] floret ({settings.model}, dim {settings.dim}, bucket {settings.bucket}, "
             f"{settings.epoch} epochs, {threads} threads): {words:,} words in {t2 - t1:.0f}s")

        nlp = spacy.blank("sv")
        convert_vectors(nlp, tmp / "vectors.floret", truncate=0, prune=-1, mode="floret",
                        name="protokoll_floret_vectors")
        nlp.meta.update({
            "name": "protokoll_vectors",
            "version": "0.1.0",
            "description": "Swedish floret vectors for the protokoll NER model, keyed by the pipeline's tokens (cased)",
            "sources": [_source_of(text)],
            "protokoll_vectors": {
                "settings": asdict(settings), "threads": threads, "text_lines": n_lines,
                "text_tokens": n_tokens, "floret_words": words,
            },
        })
        save_pipeline(nlp, output)
        t3 = time.perf_counter()
    size = dir_size(output)
    meta_path = output / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["protokoll_vectors"].update(seconds={"tokenise": round(t1 - t0, 1), "floret": round(t2 - t1, 1),
                                              "table": round(t3 - t2, 1)}, bytes=size)
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    _log(f"[train-vectors] saved {output} ({size / 1e6:.1f} MB) after {t3 - t0:.0f}s")
    return VectorsResult(output, n_tokens, n_lines, t1 - t0, t2 - t1, t3 - t2, size, settings, threads)
