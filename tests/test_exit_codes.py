"""Exit statuses a script can trust, each shown by running the command as a user does.

0 done; 1 some inputs failed (batch) or a gate was not met; 2 usage error; 3 the input cannot be
read; 4 a dependency is missing. (Unreadable inputs of every kind: test_cli_extract.py.)
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO
from pdf_factory import scanned_copy, write_pdf

EXAMPLE = REPO / "examples" / "styrelsemote-exempel.pdf"


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(REPO), **(env or {})), timeout=600)


def _invoice(path: Path) -> Path:
    return write_pdf(path, [[
        [(20, "**FAKTURA")], [(20, "Fakturanummer 4471")], [(20, "Fakturadatum: 2024-05-02")],
        [(20, "Konsultarvode för arbete med webbplatsen under april månad.")],
        [(20, "Att betala 8 300 kr senast 2024-06-01 till bankgiro 555-0101.")],
    ]])


def test_help_lists_every_exit_status():
    done = run("--help")
    assert done.returncode == 0
    for code, words in (("0", "done"), ("1", "some inputs failed"), ("2", "usage"), ("3", "cannot be read"),
                        ("4", "dependency is missing")):
        assert any(line.strip().startswith(code) and words in line for line in done.stdout.splitlines()), (code, done.stdout)


def test_usage_error_is_2():
    done = run("extract", str(EXAMPLE), "--no-such-option")
    assert done.returncode == 2 and "no such option" in done.stderr.lower()


def test_a_missing_ner_model_is_4_for_extract_and_doctor(tmp_path):
    missing = {"PROTOKOLL_NER_MODEL": str(tmp_path / "no-model")}
    done = run("extract", str(EXAMPLE), env=missing)
    assert done.returncode == 4, done.stderr
    assert done.stderr.count("\n") == 1 and "NER model not found" in done.stderr
    doctor = run("doctor", env=missing)
    assert doctor.returncode == 4 and "[missing] NER model" in doctor.stdout
    # Structure alone needs no NER model.
    plain = run("extract", str(EXAMPLE), "--no-entities", env=missing)
    assert plain.returncode == 0, plain.stderr
    assert json.loads(plain.stdout)["entities"] == []


def test_missing_tesseract_is_4_on_a_scan(tmp_path):
    scan = scanned_copy(EXAMPLE, tmp_path / "scan.pdf", dpi=150)
    # A PATH with the Python interpreter but no Tesseract on it.
    bare = tmp_path / "bin"
    bare.mkdir()
    (bare / "python").symlink_to(sys.executable)
    done = run("extract", str(scan), env={"PATH": str(bare)})
    assert done.returncode == 4, done.stderr
    assert "Tesseract is not installed" in done.stderr
    doctor = run("doctor", env={"PATH": str(bare)})
    assert doctor.returncode == 4 and "[missing] tesseract" in doctor.stdout


def test_doctor_is_0_when_everything_is_there():
    done = run("doctor")
    assert done.returncode == 0, done.stdout
    assert "[ok] line-role model" in done.stdout and "None" not in done.stdout


def test_batch_is_1_when_an_input_fails_and_strict_also_when_an_output_is_not_ok(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(EXAMPLE, inputs / "minutes.pdf")
    out = tmp_path / "out"
    assert run("batch", str(inputs), "-o", str(out), "-j", "1", "-q").returncode == 0
    assert run("batch", str(inputs), "-o", str(out), "-j", "1", "-q", "--strict").returncode == 0
    _invoice(inputs / "invoice.pdf")
    lenient = run("batch", str(inputs), "-o", str(out), "-j", "1")
    assert lenient.returncode == 0, lenient.stderr
    assert "not-minutes 1" in lenient.stdout and "invoice.pdf" in lenient.stdout
    # The outputs are up to date now; --strict judges them all the same.
    strict = run("batch", str(inputs), "-o", str(out), "-j", "1", "-q", "--strict")
    assert strict.returncode == 1
    report = json.loads((out / "batch-report.json").read_text("utf-8"))
    assert report["skipped"] == 2 and report["quality"]["ok"] == 1 and report["quality"]["not-minutes"] == 1
    assert [entry["path"].endswith("invoice.pdf") for entry in report["not_ok"]] == [True]
    assert report["not_ok"][0]["warnings"]
    (inputs / "broken.pdf").write_bytes(b"%PDF-1.7\n nothing more")
    failed = run("batch", str(inputs), "-o", str(out), "-j", "1", "-q")
    assert failed.returncode == 1


def test_eval_gate_is_1_below_the_floor_and_refuses_nothing_to_compare(tmp_path):
    docs, gold, predictions = tmp_path / "docs", tmp_path / "gold", tmp_path / "predictions"
    docs.mkdir(), gold.mkdir(), predictions.mkdir()
    shutil.copy(EXAMPLE, docs / "example.pdf")
    shutil.copy(REPO / "examples" / "styrelsemote-exempel.gold.json", gold / "example.json")
    (predictions / "other-name.json").write_text("{}", "utf-8")
    refused = run("eval", "--docs", str(docs), "--gold", str(gold), "--predictions", str(predictions))
    assert refused.returncode == 2 and "no gold file" in refused.stderr and "has a prediction" in refused.stderr
    done = run("extract", str(EXAMPLE), "-o", str(predictions / "example.json"))
    assert done.returncode == 0
    above = run("eval", "--docs", str(docs), "--gold", str(gold), "--predictions", str(predictions), "--min-f1", "0.9")
    assert above.returncode == 0, above.stderr
    assert "other-name" in above.stderr  # a prediction without a gold file is named
    below = run("eval", "--docs", str(docs), "--gold", str(gold), "--predictions", str(predictions), "--min-f1", "1.0")
    assert below.returncode in (0, 1)
    (predictions / "example.json").write_text(json.dumps({"document_type": "other"}), "utf-8")
    failing = run("eval", "--docs", str(docs), "--gold", str(gold), "--predictions", str(predictions), "--min-f1", "0.5")
    assert failing.returncode == 1 and "below the floor" in failing.stderr
