"""The model folders the trainers write: never over a folder that is not a spaCy pipeline, and
swapped in whole, so that a run stopped half-way leaves the old model as it was."""
from __future__ import annotations

import shutil
from pathlib import Path

from extractor.errors import UsageError


def refuse_foreign_folder(output: Path) -> None:
    """A usage error when ``output`` holds files but no spaCy pipeline (someone else's folder)."""
    if output.exists() and any(output.iterdir()) and not (output / "meta.json").exists():
        raise UsageError(f"{output} exists and is not a spaCy pipeline folder: not overwriting it")


def save_pipeline(nlp, output: Path) -> None:
    """Write ``nlp`` beside ``output`` and put it in the old folder's place."""
    refuse_foreign_folder(output)
    staging = output.with_name(output.name + ".new")
    if staging.exists():
        shutil.rmtree(staging)
    nlp.to_disk(staging)
    if output.exists():
        shutil.rmtree(output)
    staging.rename(output)


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
