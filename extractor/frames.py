"""pandas DataFrames of a batch output folder, for researchers and notebooks.

    from extractor.frames import load_frames
    frames = load_frames("output")          # the --out folder of protokoll batch
    frames["participants"].query("status == 'present'").groupby("name").meeting_id.nunique()

The tables, columns and ``meeting_id`` are those of the spreadsheet export
(``extractor.export.COLUMNS``, documented in ``extractor/export.py``); the
date columns are ``datetime64`` (``NaT`` where a date is missing or invalid)
and the counts and positions nullable integers. pandas is an optional
dependency, imported only when these functions run.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Iterable, Union

from extractor.export import COLUMNS, DATE_COLUMNS, load_outputs, tables

if TYPE_CHECKING:  # pragma: no cover
    import pandas

_INT_COLUMNS = frozenset({
    "pages", "participants", "present", "absent", "items", "decisions", "assignments", "position",
    "item_position", "page", "start", "end",
})


def _pandas():
    try:
        import pandas
    except ImportError:  # pragma: no cover - depends on the install
        raise ImportError("extractor.frames needs pandas: pip install 'protokoll[notebooks]' (or pandas)") from None
    return pandas


def frames_from_outputs(outputs: Iterable[dict]) -> dict[str, "pandas.DataFrame"]:
    """One DataFrame per table of ``extractor.export.tables(outputs)``, columns in ``COLUMNS`` order."""
    pd = _pandas()
    frames = {}
    for name, rows in tables(outputs).items():
        columns = COLUMNS[name]
        frame = pd.DataFrame.from_records(rows, columns=columns)
        for column in columns:
            if column in DATE_COLUMNS:
                frame[column] = pd.to_datetime(frame[column].map(_iso), errors="coerce", format="%Y-%m-%d")
            elif column in _INT_COLUMNS:
                frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
        frames[name] = frame
    return frames


def _iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def load_frames(directory: Union[str, os.PathLike]) -> dict[str, "pandas.DataFrame"]:
    """The tables ``meetings``, ``participants``, ``items``, ``decisions``, ``assignments`` and
    ``entities`` of every minutes JSON under ``directory`` as pandas DataFrames."""
    return frames_from_outputs(load_outputs(directory))


__all__ = ["frames_from_outputs", "load_frames"]
