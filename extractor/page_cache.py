"""Pages as the front end read them (OCR included), kept on disk and keyed by the PDF's bytes and
the reading code, so that a second stage over the same documents does not read them again:
training and evaluation rerun the later stages, and ``protokoll batch --review`` draws each review
page from the pages its worker read.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from extractor.document import Document


def cache_dir() -> Path:
    """Where pages read once are kept for training and evaluation (``XDG_CACHE_HOME`` honoured)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "protokoll" / "pages"


@lru_cache(maxsize=1)
def _front_end_fingerprint() -> bytes:
    """The reading code itself: a change to it invalidates cached pages."""
    import extractor

    package = Path(extractor.__file__).parent
    digest = hashlib.sha256()
    for name in ("document.py", "read_pages.py", "ocr.py", "text_normalise.py", "text_quality.py"):
        path = package / name
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.digest()


def read_pages_cached(pdf: str | os.PathLike, cache: Path | None = None) -> Document:
    """The PDF's pages as the front end read them (OCR included), from the cache when the same
    bytes were read by the same reading code, else read now and kept there; layout and the later
    stages, which are cheap, always run afresh."""
    from extractor import __version__
    from extractor.read_pages import read_document

    # The file is hashed as it streams past: a scan of hundreds of MB is not held in memory for it.
    digest = hashlib.sha256()
    try:
        with open(pdf, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return read_document(pdf)  # which says in one line why the input cannot be read
    digest.update(__version__.encode() + _front_end_fingerprint())
    key = digest.hexdigest()[:24]
    cached = (cache or cache_dir()) / f"{key}.pages.json"
    if cached.is_file():
        return Document.from_dict(json.loads(cached.read_text("utf-8")))
    document = read_document(pdf)
    cached.parent.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(document.to_dict(), ensure_ascii=False), "utf-8")
    os.replace(tmp, cached)
    return document
