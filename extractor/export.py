"""Spreadsheet export of a batch output folder: ``protokoll export DIR --format xlsx|csv -o PATH``.

Six tables, each row keyed by ``meeting_id``:

- ``meetings``: one row per output (source, document type, organisation,
  body, meeting and next-meeting fields, counts, signatures);
- ``participants``: one row per participant;
- ``items``: one row per agenda item;
- ``decisions``: one row per decision, with its item's position, number and title;
- ``assignments``: one row per assignment, likewise;
- ``entities``: one row per named entity.

``meeting_id`` is the output's path relative to the output folder, without
``.json``, with ``/`` between folders (``2020/ks-2020-01-16``): it is
unique within a batch output folder (it mirrors the input paths), readable,
and leads back to the JSON file and the input PDF. ``meetings.sha256``
identifies the input bytes independently of where the file lay.

``COLUMNS`` fixes the columns and their order; ``tables()`` is the one place
that fills them, and the XLSX, CSV and pandas (``extractor.frames``) exports
all take their layout from it. Dates (``date``, ``next_date``) are
``datetime.date`` values: real dates in XLSX, ISO ``YYYY-MM-DD`` in CSV.
Lists inside a cell (roles, references) are joined with ``"; "``.
"""
from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import os
import warnings
from pathlib import Path
from typing import Iterable, Optional, Union


from extractor.batch_core import REPORT_NAME
from extractor.writer import write_atomic

COLUMNS: dict[str, list[str]] = {
    "meetings": [
        "meeting_id", "file", "sha256", "pages", "text_source", "extractor_version", "document_type",
        "quality", "organisation", "body", "date", "start_time", "end_time", "place", "number",
        "next_date", "next_start_time", "next_end_time", "next_place",
        "participants", "present", "absent", "items", "decisions", "assignments", "signatures", "warnings",
    ],
    "participants": [
        "meeting_id", "date", "position", "name", "affiliation", "role", "roles", "status", "group", "page",
    ],
    "items": [
        "meeting_id", "date", "position", "number", "title", "text", "decisions", "assignments", "references",
        "page",
    ],
    "decisions": [
        "meeting_id", "date", "item_position", "item_number", "item_title", "position", "text", "page",
    ],
    "assignments": [
        "meeting_id", "date", "item_position", "item_number", "item_title", "position", "assignee", "person",
        "task",
    ],
    "entities": ["meeting_id", "position", "text", "label", "page", "start", "end"],
}
TABLES = tuple(COLUMNS)
DATE_COLUMNS = frozenset({"date", "next_date"})
JOIN = "; "


def load_outputs(directory: Union[str, os.PathLike]) -> list[dict]:
    """Every minutes JSON under ``directory`` (recursively), sorted by path.

    Each dict is the output as written plus ``_meeting_id`` (see the module
    docstring) and ``_path``. The batch report, hidden files and JSON that
    is not a minutes document are left out; unreadable JSON is left out with
    a warning.
    """
    root = Path(directory)
    found = []
    for path in sorted(root.rglob("*.json")):
        rel = path.relative_to(root)
        if rel.as_posix() == REPORT_NAME or any(part.startswith(".") for part in rel.parts):
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            warnings.warn(f"{path}: not readable as JSON ({exc}); left out", stacklevel=2)
            continue
        if not (isinstance(data, dict) and "schema_version" in data and isinstance(data.get("source"), dict)):
            continue
        data["_meeting_id"] = rel.with_suffix("").as_posix()
        data["_path"] = str(path)
        found.append(data)
    return found


def meeting_id(output: dict) -> str:
    """The id ``load_outputs`` gave, or else the first 12 hex digits of the input's sha256."""
    return output.get("_meeting_id") or str((output.get("source") or {}).get("sha256", ""))[:12]


def as_date(value) -> Union[_dt.date, str, None]:
    """An ISO date string as ``datetime.date``; anything unparseable is kept as it is."""
    if not value or isinstance(value, _dt.date):
        return value or None
    try:
        return _dt.date.fromisoformat(str(value))
    except ValueError:
        return value


def _join(values) -> Optional[str]:
    values = [str(v) for v in (values or []) if v not in (None, "")]
    return JOIN.join(values) if values else None


def _page(obj: dict) -> Optional[int]:
    evidence = obj.get("evidence") or {}
    return evidence.get("page")


def tables(outputs: Iterable[dict]) -> dict[str, list[dict]]:
    """The six tables as lists of rows; each row has exactly ``COLUMNS[table]`` in that order."""
    rows: dict[str, list[dict]] = {name: [] for name in COLUMNS}

    def add(table: str, **values) -> None:
        rows[table].append({column: values.get(column) for column in COLUMNS[table]})

    for output in outputs:
        mid = meeting_id(output)
        source = output.get("source") or {}
        meeting = output.get("meeting") or {}
        nxt = output.get("next_meeting") or {}
        participants = output.get("participants") or []
        items = output.get("items") or []
        date = as_date(meeting.get("date"))
        signatures = [
            f"{s.get('name')} ({s.get('role') or s.get('label')})" if (s.get("role") or s.get("label")) else s.get("name")
            for s in output.get("signatures") or []
        ]
        add(
            "meetings", meeting_id=mid, file=source.get("file"), sha256=source.get("sha256"),
            pages=source.get("pages"), text_source=source.get("text_source"),
            extractor_version=source.get("extractor_version"), document_type=output.get("document_type"),
            quality=output.get("quality"), organisation=output.get("organisation"), body=output.get("body"), date=date,
            start_time=meeting.get("start_time"), end_time=meeting.get("end_time"), place=meeting.get("place"),
            number=meeting.get("number"), next_date=as_date(nxt.get("date")),
            next_start_time=nxt.get("start_time"), next_end_time=nxt.get("end_time"), next_place=nxt.get("place"),
            participants=len(participants),
            present=sum(1 for p in participants if p.get("status") == "present"),
            absent=sum(1 for p in participants if p.get("status") == "absent"),
            items=len(items),
            decisions=sum(len(item.get("decisions") or []) for item in items),
            assignments=sum(len(item.get("assignments") or []) for item in items),
            signatures=_join(signatures), warnings=_join(output.get("warnings")),
        )
        for position, person in enumerate(participants, start=1):
            add(
                "participants", meeting_id=mid, date=date, position=position, name=person.get("name"),
                affiliation=person.get("affiliation"), role=person.get("role"), roles=_join(person.get("roles")),
                status=person.get("status"), group=person.get("group"), page=_page(person),
            )
        for item_position, item in enumerate(items, start=1):
            decisions = item.get("decisions") or []
            assignments = item.get("assignments") or []
            add(
                "items", meeting_id=mid, date=date, position=item_position, number=item.get("number"),
                title=item.get("title"), text=item.get("text"), decisions=len(decisions),
                assignments=len(assignments), references=_join(item.get("references")), page=_page(item),
            )
            common = dict(meeting_id=mid, date=date, item_position=item_position, item_number=item.get("number"),
                          item_title=item.get("title"))
            for position, decision in enumerate(decisions, start=1):
                add("decisions", position=position, text=decision.get("text"), page=_page(decision), **common)
            for position, task in enumerate(assignments, start=1):
                add("assignments", position=position, assignee=task.get("assignee"), person=task.get("person"),
                    task=task.get("task"), **common)
        for position, entity in enumerate(output.get("entities") or [], start=1):
            add(
                "entities", meeting_id=mid, position=position, text=entity.get("text"), label=entity.get("label"),
                page=entity.get("page"), start=entity.get("start"), end=entity.get("end"),
            )
    return rows


# ---------------------------------------------------------------------------
# XLSX

_XLSX_MAX_CELL = 32767
_MIN_WIDTH, _MAX_WIDTH = 6, 60


def _xlsx_text(value: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(value) > _XLSX_MAX_CELL:
        value = value[: _XLSX_MAX_CELL - 1] + "…"
    return value


def _width(column: str, values: list) -> float:
    longest = len(column)
    for value in values[:2000]:
        if isinstance(value, _dt.date):
            length = 10
        elif value is None:
            length = 0
        else:
            length = max((len(line) for line in str(value).splitlines()), default=0)
        longest = max(longest, length)
    return float(min(_MAX_WIDTH, max(_MIN_WIDTH, longest + 2)))


def write_xlsx(table_rows: dict[str, list[dict]], path: Union[str, os.PathLike]) -> Path:
    """One sheet per table: header row frozen and bold, column widths from the content,
    dates as date cells (``yyyy-mm-dd``), text never taken for a formula. Written atomically."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE4EE")
    for name in COLUMNS:
        rows = table_rows.get(name, [])
        columns = COLUMNS[name]
        sheet = workbook.create_sheet(title=name)
        sheet.freeze_panes = "A2"
        for index, column in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = _width(column, [r.get(column) for r in rows])
        if rows:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
        header = []
        for column in columns:
            cell = WriteOnlyCell(sheet, value=column)
            cell.font = bold
            cell.fill = fill
            header.append(cell)
        sheet.append(header)
        for row in rows:
            cells = []
            for column in columns:
                value = row.get(column)
                if isinstance(value, str):
                    cell = WriteOnlyCell(sheet, value=_xlsx_text(value))
                    cell.data_type = "s"  # "=SUMMA(...)" in a minute stays text
                elif isinstance(value, _dt.date):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.number_format = "yyyy-mm-dd"
                else:
                    cell = WriteOnlyCell(sheet, value=value)
                cells.append(cell)
            sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    target = Path(path)
    write_atomic(target, buffer.getvalue())
    return target


# ---------------------------------------------------------------------------
# CSV


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def write_csv(table_rows: dict[str, list[dict]], folder: Union[str, os.PathLike], sep: str = ";") -> list[Path]:
    """``folder/TABLE.csv`` for each table: UTF-8 with BOM (Excel reads å, ä, ö), ``sep`` between
    fields (``;`` by default, as Excel expects with Swedish settings), a header row, CRLF lines."""
    if len(sep) != 1:
        raise ValueError(f"the separator must be one character, not {sep!r}")
    folder = Path(folder)
    written = []
    for name in COLUMNS:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=sep, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(COLUMNS[name])
        for row in table_rows.get(name, []):
            writer.writerow([_csv_value(row.get(column)) for column in COLUMNS[name]])
        target = folder / f"{name}.csv"
        write_atomic(target, "\ufeff" + buffer.getvalue())
        written.append(target)
    return written


def export(directory: Union[str, os.PathLike], path: Union[str, os.PathLike], fmt: str = "xlsx",
           sep: str = ";") -> tuple[int, list[Path]]:
    """Load ``directory``'s outputs and write them as ``fmt``; returns (meetings, files written)."""
    outputs = load_outputs(directory)
    rows = tables(outputs)
    if fmt == "xlsx":
        return len(outputs), [write_xlsx(rows, path)]
    if fmt == "csv":
        return len(outputs), write_csv(rows, path, sep=sep)
    raise ValueError(f"unknown export format: {fmt!r}")


__all__ = [
    "COLUMNS", "DATE_COLUMNS", "TABLES", "as_date", "export", "load_outputs", "meeting_id",
    "tables", "write_csv", "write_xlsx",
]
