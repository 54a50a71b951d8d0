"""The `protokoll extract` command as users run it: a subprocess on real and generated PDFs."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF

from extractor.evaluate import score_document
from extractor.validate import schema_errors

from conftest import REPO, require_shared
from pdf_factory import scanned_copy, write_pdf

SEED = "sodertorn-2020-01-16"
EXAMPLE = REPO / "examples" / "styrelsemote-exempel.pdf"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "extractor", *args], capture_output=True, text=True, cwd=cwd,
        env=dict(os.environ, PYTHONPATH=str(REPO)), timeout=600,
    )


def extract_json(pdf: Path, tmp_path: Path, *extra: str) -> dict:
    out = tmp_path / f"{pdf.stem}.json"
    done = run("extract", str(pdf), "-o", str(out), *extra)
    assert done.returncode == 0, done.stderr
    return json.loads(out.read_text("utf-8"))


def assert_matches_gold(predicted: dict, gold: dict) -> None:
    score = score_document(predicted, gold)
    failing = {name: (c.tp, c.fp, c.fn) for name, c in score.categories.items() if c.occurs and c.f1 < 1.0}
    assert not failing, f"categories below 1.0: {failing}; mismatches: {score.mismatches}"


def test_seed_document_matches_gold(tmp_path):
    corpus = require_shared()
    predicted = extract_json(corpus / "docs" / f"{SEED}.pdf", tmp_path)
    assert schema_errors(predicted) == []
    assert predicted["source"]["text_source"] == "text-layer"
    assert_matches_gold(predicted, json.loads((corpus / "gold" / f"{SEED}.json").read_text("utf-8")))


def test_image_only_seed_comes_through_ocr_with_the_same_result(tmp_path):
    corpus = require_shared()
    scan = scanned_copy(corpus / "docs" / f"{SEED}.pdf", tmp_path / "seed-scan.pdf")
    with pdfium.PdfDocument(str(scan)) as document:
        assert all(page.get_textpage().count_chars() == 0 for page in document)
    predicted = extract_json(scan, tmp_path)
    assert predicted["source"]["text_source"] == "ocr"
    assert schema_errors(predicted) == []
    assert_matches_gold(predicted, json.loads((corpus / "gold" / f"{SEED}.json").read_text("utf-8")))


def test_evidence_offsets_point_at_the_values(tmp_path):
    corpus = require_shared()
    predicted = extract_json(corpus / "docs" / f"{SEED}.pdf", tmp_path, "--include-text")
    pages = {page["number"]: page["text"] for page in predicted["pages"]}
    for person in predicted["participants"]:
        ev = person["evidence"]
        assert pages[ev["page"]][ev["start"]:ev["end"]] == person["name"]
    for item in predicted["items"]:
        ev = item["evidence"]
        assert item["title"].split()[0] in pages[ev["page"]][ev["start"]:ev["end"]]
        for decision in item["decisions"]:
            ev = decision["evidence"]
            assert decision["text"].split()[0] in pages[ev["page"]][ev["start"]:ev["end"]]
    for entity in predicted["entities"]:
        assert pages[entity["page"]][entity["start"]:entity["end"]] == entity["text"]


def test_bundled_example_extracts_to_its_gold_file(tmp_path):
    predicted = extract_json(EXAMPLE, tmp_path)
    gold = json.loads(EXAMPLE.with_suffix(".gold.json").read_text("utf-8"))
    assert_matches_gold(predicted, gold)


def test_json_goes_to_stdout_without_output_option():
    done = run("extract", str(EXAMPLE), "--compact")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["schema_version"] == "1.0"
    assert "pages" not in document


def test_schema_command_prints_the_shipped_schema():
    done = run("schema")
    assert done.returncode == 0
    schema = json.loads(done.stdout)
    assert schema["properties"]["schema_version"]["const"] == "1.0"


def test_version_and_doctor():
    assert run("--version").stdout.startswith("protokoll, version")
    doctor = run("doctor")
    assert "[ok] tesseract" in doctor.stdout
    assert "swe" in doctor.stdout


# Bad input: one clear line on stderr, a non-zero exit, no traceback, nothing written.

def _encrypted(path: Path) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "Protokoll fört vid styrelsemöte")
    pdf.set_encryption(owner_password="ägare", user_password="hemligt")
    pdf.output(str(path))
    return path


def _no_pages(path: Path) -> Path:
    document = pdfium.PdfDocument.new()
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def _truncated(path: Path) -> Path:
    data = EXAMPLE.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _blank_pages(path: Path) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_page()
    pdf.output(str(path))
    return path


def _english(path: Path) -> Path:
    text = "The board met on Monday to discuss the budget for the coming year and the plans for the garden. " * 3
    return write_pdf(path, [[[(20, text[i:i + 90])] for i in range(0, len(text), 90)]], footer=False)


BAD_INPUTS = {
    "not a PDF": (lambda p: (p.write_text("Protokoll\nDeltagare: Anna\n", "utf-8"), p)[1], "not a PDF"),
    "empty file": (lambda p: (p.write_bytes(b""), p)[1], "empty"),
    "truncated PDF": (_truncated, "damaged or truncated"),
    "encrypted PDF": (_encrypted, "encrypted"),
    "PDF with no pages": (_no_pages, "no pages"),
    "blank pages": (_blank_pages, "no text"),
    "no Swedish text": (_english, "not Swedish"),
    "missing file": (lambda p: p, "no such file"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_gives_one_clear_line_and_writes_nothing(case, tmp_path):
    make, reason = BAD_INPUTS[case]
    source = make(tmp_path / "input.pdf")
    out = tmp_path / "out" / "result.json"
    done = run("extract", str(source), "-o", str(out))
    assert done.returncode == 3, done.stderr  # the input cannot be read
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert reason.lower() in lines[0].lower()
    assert "Traceback" not in done.stderr
    assert not out.exists()
    assert not list(tmp_path.glob("out/.*.tmp"))


def test_failed_extraction_keeps_an_existing_output(tmp_path):
    out = tmp_path / "result.json"
    out.write_text('{"kept": true}', "utf-8")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n garbage")
    done = run("extract", str(broken), "-o", str(out))
    assert done.returncode == 3
    assert json.loads(out.read_text("utf-8")) == {"kept": True}
