"""``protokoll export`` / ``extractor.export`` and ``extractor.frames``: tables, XLSX, CSV, DataFrames."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest_batch_helpers import real_outputs, sample_minutes
from extractor.batch_core import REPORT_NAME
from extractor.cli import export_command
from extractor.export import (
    COLUMNS, load_outputs, meeting_id, tables, write_csv, write_xlsx,
)

TABLE_NAMES = ["meetings", "participants", "items", "decisions", "assignments", "entities"]


@pytest.fixture()
def outputs_dir(tmp_path) -> Path:
    """A folder shaped like a batch output: nested outputs, the report, a temp file, other JSON."""
    out = tmp_path / "out"
    specs = [
        ("2020/ks-2020-01-16", "2020-01-16", ("Anna Berg", "Bo Ek"), ("Cia Lund",), 2),
        ("2020/ks-2020-02-20", "2020-02-20", ("Anna Berg", "Cia Lund"), ("Bo Ek",), 1),
        ("styrelse/a", "2021-05-03", ("Dan Öberg",), (), 0),
    ]
    for rel, date, people, absent, decisions in specs:
        minutes = sample_minutes(f"{Path(rel).name}.pdf", data=rel.encode(), date=date, people=people,
                                 absent=absent, decisions=decisions)
        path = out / f"{rel}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(minutes.to_json(), encoding="utf-8")
    (out / REPORT_NAME).write_text(json.dumps({"converted": 3, "failures": []}))
    (out / "2020" / ".ks.json.abc123.tmp").write_text('{"half')
    (out / "notes.json").write_text(json.dumps({"not": "minutes"}))
    return out


def test_load_outputs_keys_each_meeting_by_its_relative_path(outputs_dir):
    (outputs_dir / "broken.json").write_text("{not json")
    with pytest.warns(UserWarning, match="broken.json"):
        outputs = load_outputs(outputs_dir)
    assert [meeting_id(o) for o in outputs] == ["2020/ks-2020-01-16", "2020/ks-2020-02-20", "styrelse/a"]
    assert all(o["source"]["file"].endswith(".pdf") for o in outputs)
    # Outside a folder the id falls back to the input's sha256 prefix.
    plain = sample_minutes("x.pdf", data=b"x").to_dict()
    assert meeting_id(plain) == plain["source"]["sha256"][:12]


def test_tables_have_a_stable_layout(outputs_dir):
    rows = tables(load_outputs(outputs_dir))
    assert list(rows) == TABLE_NAMES == list(COLUMNS)
    for name, table in rows.items():
        assert table, name
        assert all(list(row) == COLUMNS[name] for row in table)
        assert all(row["meeting_id"] for row in table)
    meetings = {row["meeting_id"]: row for row in rows["meetings"]}
    first = meetings["2020/ks-2020-01-16"]
    assert first["date"] == dt.date(2020, 1, 16) and first["next_date"] == dt.date(2020, 2, 20)
    assert (first["participants"], first["present"], first["absent"]) == (3, 2, 1)
    assert (first["items"], first["decisions"], first["assignments"]) == (2, 2, 1)
    assert first["signatures"] == "Anna Berg (ordförande)"
    assert meetings["styrelse/a"]["decisions"] == 0
    assert len(rows["participants"]) == 3 + 3 + 1
    assert len(rows["decisions"]) == 2 + 1
    decision = rows["decisions"][0]
    assert (decision["item_position"], decision["item_number"], decision["item_title"], decision["position"]) == \
        (2, "2", "Budget 2020", 1)
    item = rows["items"][1]
    assert item["references"] == "KS 2020/123" and item["page"] == 1
    assert rows["assignments"][0]["person"] == "Anna Berg"
    assert rows["entities"][0]["label"] == "LOC"


def test_xlsx_sheets_header_dates_and_widths(outputs_dir, tmp_path):
    from openpyxl import load_workbook

    outputs = load_outputs(outputs_dir)
    outputs[0]["items"][0]["title"] = "=SUMMA(A1:A3)"
    outputs[0]["items"][0]["text"] = "Kontroll\x07tecken"
    path = write_xlsx(tables(outputs), tmp_path / "minutes.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == TABLE_NAMES
    for name in TABLE_NAMES:
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        assert [cell.value for cell in sheet[1]] == COLUMNS[name]
        assert all(cell.font.bold for cell in sheet[1])
        for index in range(1, len(COLUMNS[name]) + 1):
            width = sheet.column_dimensions[sheet.cell(1, index).column_letter].width
            assert 6 <= width <= 60
    meetings = book["meetings"]
    date_col = COLUMNS["meetings"].index("date") + 1
    cell = meetings.cell(2, date_col)
    assert cell.is_date and cell.number_format == "yyyy-mm-dd"
    assert cell.value.date() == dt.date(2020, 1, 16)
    place_col = COLUMNS["meetings"].index("place") + 1
    id_col = COLUMNS["meetings"].index("sha256") + 1
    assert meetings.column_dimensions[meetings.cell(1, id_col).column_letter].width > \
        meetings.column_dimensions[meetings.cell(1, place_col).column_letter].width
    items = book["items"]
    title_col = COLUMNS["items"].index("title") + 1
    assert items.cell(2, title_col).value == "=SUMMA(A1:A3)"
    assert items.cell(2, title_col).data_type == "s"  # text, not a formula
    assert items.cell(2, COLUMNS["items"].index("text") + 1).value == "Kontrolltecken"
    assert meetings.max_row == 4 and book["participants"].max_row == 8


def test_csv_one_file_per_table_with_bom_and_separator(outputs_dir, tmp_path):
    rows = tables(load_outputs(outputs_dir))
    files = write_csv(rows, tmp_path / "csv")
    assert [f.name for f in files] == [f"{name}.csv" for name in TABLE_NAMES]
    raw = (tmp_path / "csv" / "participants.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    records = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert records[0] == COLUMNS["participants"]
    assert len(records) == 1 + len(rows["participants"])
    assert ["styrelse/a", "2021-05-03", "1", "Dan Öberg"] == records[-1][:4]
    write_csv(rows, tmp_path / "comma", sep=",")
    header = (tmp_path / "comma" / "meetings.csv").read_text("utf-8-sig").splitlines()[0]
    assert header.split(",") == COLUMNS["meetings"]
    with pytest.raises(ValueError):
        write_csv(rows, tmp_path / "bad", sep=";;")


def test_export_command(outputs_dir, tmp_path):
    runner = CliRunner()
    result = runner.invoke(export_command, [str(outputs_dir), "--format", "xlsx", "-o", str(tmp_path / "a.xlsx")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a.xlsx").stat().st_size > 0
    assert "3 meetings" in result.output

    result = runner.invoke(export_command, [str(outputs_dir), "--format", "csv", "-o", str(tmp_path / "c")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == sorted(f"{n}.csv" for n in TABLE_NAMES)
    assert ";" in (tmp_path / "c" / "meetings.csv").read_text("utf-8-sig").splitlines()[0]

    result = runner.invoke(export_command, [str(outputs_dir), "--format", "csv", "--sep", "tab", "-o",
                                            str(tmp_path / "t")])
    assert result.exit_code == 0 and "\t" in (tmp_path / "t" / "items.csv").read_text("utf-8-sig")

    result = runner.invoke(export_command, [str(outputs_dir), "-o", str(tmp_path / "inferred.xlsx")])
    assert result.exit_code == 0 and (tmp_path / "inferred.xlsx").is_file()

    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(export_command, [str(empty), "--format", "csv", "-o", str(tmp_path / "e")])
    assert result.exit_code == 1 and "no minutes JSON" in result.output
    result = runner.invoke(export_command, [str(outputs_dir), "--format", "csv", "--sep", ";;", "-o",
                                            str(tmp_path / "x")])
    assert result.exit_code == 2
    assert "Exit status" in runner.invoke(export_command, ["--help"]).output


def test_frames_follow_the_export_layout(outputs_dir, tmp_path):
    pd = pytest.importorskip("pandas")
    from extractor.frames import load_frames

    frames = load_frames(outputs_dir)
    assert list(frames) == TABLE_NAMES
    for name, frame in frames.items():
        assert list(frame.columns) == COLUMNS[name]
    meetings = frames["meetings"]
    assert pd.api.types.is_datetime64_any_dtype(meetings["date"])
    assert meetings["date"].min() == pd.Timestamp("2020-01-16")
    assert str(meetings["decisions"].dtype) == "Int64"
    present = frames["participants"].query("status == 'present'").groupby("name")["meeting_id"].nunique()
    assert present["Anna Berg"] == 2
    empty = tmp_path / "none"
    empty.mkdir()
    assert all(frame.empty and list(frame.columns) == COLUMNS[name] for name, frame in load_frames(empty).items())


def test_export_of_real_batch_outputs(tmp_path_factory, tmp_path):
    out = real_outputs(tmp_path_factory)
    result = CliRunner().invoke(export_command, [str(out), "-o", str(tmp_path / "real.xlsx")])
    assert result.exit_code == 0, result.output
    rows = tables(load_outputs(out))
    assert len(rows["meetings"]) == 3
    assert {row["meeting_id"] for row in rows["meetings"]} == {
        "sodertorn-2020-01-16", "kungsbacka-ks-au-2025-01-07", "lkod_sty_141114"}
