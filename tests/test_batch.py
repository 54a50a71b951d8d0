"""``protokoll batch`` / ``extractor.batch.run_batch``: inputs, resume, failures, kill -9, the CLI.

Most tests run the real worker machinery with a fake extractor
(``conftest_batch_helpers.fake_extract``), which converts in milliseconds and
can hang, segfault, exit or raise MemoryError on demand. The bad-input test
converts real minutes from ../shared/corpus with the real pipeline.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest_batch_helpers import (
    EXTRACT_FN, need_corpus, subprocess_env, write_blank_pdf, write_encrypted_pdf, write_truncated_pdf,
)
from extractor import __version__
from extractor.batch import run_batch
from extractor.batch_core import REPORT_NAME, BatchError, collect_inputs, locked_out_dir
from extractor.cli import batch_command
from extractor.progress import ProgressDisplay
from extractor.model import Minutes
from extractor.validate import schema_errors


def touch(path: Path, text: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text if text is not None else f"content of {path.name}")
    return path


def rels(jobs) -> list[str]:
    return sorted(job.rel.as_posix() for job in jobs)


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def fake_batch(inputs, out, **options):
    options.setdefault("workers", 2)
    options.setdefault("timeout", 30)
    options.setdefault("extract_fn", EXTRACT_FN)
    return run_batch([str(i) for i in inputs], out, **options)


# ---------------------------------------------------------------------------
# Which inputs, which outputs


def test_folder_is_searched_recursively_and_mirrored(tmp_path):
    docs = tmp_path / "docs"
    for name in ["a.pdf", "sub/b.PDF", "deep/x/c.Pdf", "sub/notes.txt", "sub/pdf", "report.pdf.bak"]:
        touch(docs / name)
    jobs, failures = collect_inputs([docs])
    assert failures == []
    assert rels(jobs) == ["a.json", "deep/x/c.json", "sub/b.json"]


def test_files_are_relative_to_their_common_parent(tmp_path):
    a1, a2 = touch(tmp_path / "x" / "a.pdf"), touch(tmp_path / "y" / "z" / "a.pdf")
    jobs, _ = collect_inputs([a1, a2])
    assert rels(jobs) == ["x/a.json", "y/z/a.json"]
    jobs, _ = collect_inputs([a2])
    assert rels(jobs) == ["a.json"]
    # A file the user names is converted whatever its suffix.
    odd = touch(tmp_path / "x" / "scan")
    assert rels(collect_inputs([odd])[0]) == ["scan.json"]


def test_globs_missing_inputs_and_duplicates(tmp_path):
    docs = tmp_path / "docs"
    for name in ["a.pdf", "b.pdf", "sub/c.pdf", "sub/d.txt"]:
        touch(docs / name)
    jobs, failures = collect_inputs([f"{docs}/**/*.pdf"])
    assert rels(jobs) == ["a.json", "b.json", "sub/c.json"] and failures == []
    # A folder that a pattern matches counts as a folder given (as when the shell expands it).
    jobs, failures = collect_inputs([f"{docs}/*"])
    assert rels(jobs) == ["a.json", "b.json", "c.json"] and failures == []
    jobs, failures = collect_inputs([docs, docs / "a.pdf", f"{docs}/*", tmp_path / "nope.pdf", f"{docs}/*.xyz"])
    assert rels(jobs) == ["a.json", "b.json", "sub/c.json"]  # each file once, the first way it was given
    assert sorted(f.kind for f in failures) == ["not-found", "not-found"]
    assert all("\n" not in f.reason for f in failures)


def test_two_folders_with_the_same_names_do_not_collide(tmp_path):
    touch(tmp_path / "2019" / "a.pdf")
    touch(tmp_path / "2020" / "a.pdf")
    jobs, failures = collect_inputs([tmp_path / "2019", tmp_path / "2020"])
    assert failures == []
    assert rels(jobs) == ["2019/a.json", "2020/a.json"]


def test_names_differing_in_suffix_case_and_the_report_name(tmp_path):
    touch(tmp_path / "d" / "a.pdf")
    touch(tmp_path / "d" / "a.PDF")
    touch(tmp_path / "d" / "batch-report.pdf")
    jobs, failures = collect_inputs([tmp_path / "d"])
    assert failures == []
    assert rels(jobs) == ["a.PDF.json", "a.pdf.json", "batch-report.pdf.json"]


def test_collision_two_a_pdf_in_different_folders_end_to_end(tmp_path):
    a1 = touch(tmp_path / "in" / "styrelse" / "a.pdf", "first")
    a2 = touch(tmp_path / "in" / "stamma" / "a.pdf", "second")
    out = tmp_path / "out"
    result = CliRunner().invoke(batch_command, [str(a1), str(a2), "--out", str(out), "--extract-fn", EXTRACT_FN])
    assert result.exit_code == 0, result.output
    assert files_under(out) == [REPORT_NAME, "stamma/a.json", "styrelse/a.json"]
    for src, rel in [(a1, "styrelse/a.json"), (a2, "stamma/a.json")]:
        data = json.loads((out / rel).read_text("utf-8"))
        assert data["source"]["sha256"] == hashlib.sha256(src.read_bytes()).hexdigest()


# ---------------------------------------------------------------------------
# Failures in the workers


def test_hang_crash_exit_and_memory_error_are_recorded_and_the_batch_goes_on(tmp_path):
    inputs = tmp_path / "in"
    for name in ["ok1.pdf", "hang.pdf", "ok2.pdf", "segv.pdf", "exit.pdf", "oom.pdf", "ok3.pdf", "bad.pdf",
                 "sub/ok4.pdf"]:
        touch(inputs / name)
    out = tmp_path / "out"
    events = []
    report = fake_batch([inputs], out, timeout=3, progress=events.append)
    kinds = {Path(f.path).name: f.kind for f in report.failures}
    assert kinds == {"hang.pdf": "timeout", "segv.pdf": "worker-crashed", "exit.pdf": "worker-crashed",
                     "oom.pdf": "out-of-memory", "bad.pdf": "not-a-pdf"}
    reasons = {Path(f.path).name: f.reason for f in report.failures}
    assert "SIGSEGV" in reasons["segv.pdf"]
    assert "status 3" in reasons["exit.pdf"]
    assert (report.converted, report.failed, report.skipped) == (4, 5, 0)
    assert report.pages == 8 and not report.ok
    assert files_under(out) == [REPORT_NAME, "ok1.json", "ok2.json", "ok3.json", "sub/ok4.json"]
    assert len(events) == 9 and sum(e.status == "failed" for e in events) == 5
    written = json.loads((out / REPORT_NAME).read_text("utf-8"))
    assert written["converted"] == 4 and written["failed"] == 5 and written["skipped"] == 0
    assert {f["kind"] for f in written["failures"]} == set(kinds.values())
    assert all(set(f) == {"path", "kind", "reason"} and "\n" not in f["reason"] for f in written["failures"])


def test_a_worker_over_its_memory_ceiling_is_replaced_and_the_batch_goes_on(tmp_path, monkeypatch):
    inputs = tmp_path / "in"
    for name in ["a.pdf", "b.pdf", "c.pdf"]:
        touch(inputs / name)
    pids = tmp_path / "pids"
    pids.mkdir()
    monkeypatch.setenv("PROTOKOLL_TEST_PID_DIR", str(pids))
    monkeypatch.setenv("PROTOKOLL_WORKER_MAX_RSS_MB", "1")  # every worker is over it after one document
    report = fake_batch([inputs], tmp_path / "out", workers=1)
    assert (report.converted, report.failed) == (3, 0)
    assert set(files_under(tmp_path / "out")) == {"a.json", "b.json", "c.json", REPORT_NAME}
    assert len(list(pids.iterdir())) == 3  # one worker process per document


def test_an_extract_function_that_cannot_load_fails_each_document(tmp_path):
    touch(tmp_path / "in" / "a.pdf")
    report = fake_batch([tmp_path / "in"], tmp_path / "out", extract_fn="no_such_module_xyz:extract")
    assert report.failed == 1 and report.failures[0].kind == "internal-error"
    assert "no_such_module_xyz" in report.failures[0].reason


def test_workers_that_cannot_start_stop_the_batch(tmp_path, monkeypatch):
    for i in range(5):
        touch(tmp_path / "in" / f"a{i}.pdf")
    monkeypatch.setattr(sys, "executable", shutil.which("false") or "/bin/false")
    with pytest.raises(BatchError, match="fail to start"):
        fake_batch([tmp_path / "in"], tmp_path / "out", workers=1)
    report = json.loads((tmp_path / "out" / REPORT_NAME).read_text())
    assert report["interrupted"] is True


def test_output_folder_is_locked_and_stale_temp_files_are_removed(tmp_path):
    touch(tmp_path / "in" / "a.pdf")
    out = tmp_path / "out"
    stale = touch(out / "sub" / ".a.json.k3j4h5.tmp", '{"half": ')
    keep = touch(out / "notes.txt")
    with locked_out_dir(out):
        with pytest.raises(BatchError, match="another batch"):
            fake_batch([tmp_path / "in"], out)
    report = fake_batch([tmp_path / "in"], out)
    assert report.converted == 1
    assert not stale.exists() and keep.exists()


# ---------------------------------------------------------------------------
# Resume


def test_rerun_skips_up_to_date_outputs_and_force_redoes_all(tmp_path):
    inputs = tmp_path / "in"
    for name in ["a.pdf", "b.pdf", "c/d.pdf"]:
        touch(inputs / name)
    out = tmp_path / "out"
    first = fake_batch([inputs], out)
    assert (first.converted, first.skipped, first.failed) == (3, 0, 0)
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*.json") if p.name != REPORT_NAME}

    second = fake_batch([inputs], out)
    assert (second.converted, second.skipped, second.failed) == (0, 3, 0)
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps
    assert json.loads((out / REPORT_NAME).read_text())["skipped"] == 3

    # New bytes for one input, another extractor version for another output: both are redone.
    touch(inputs / "a.pdf", "changed content")
    data = json.loads((out / "b.json").read_text())
    data["source"]["extractor_version"] = "0.0.0-old"
    (out / "b.json").write_text(json.dumps(data))
    third = fake_batch([inputs], out)
    assert (third.converted, third.skipped) == (2, 1)
    assert json.loads((out / "b.json").read_text())["source"]["extractor_version"] == __version__

    forced = fake_batch([inputs], out, force=True)
    assert (forced.converted, forced.skipped) == (3, 0)

    # Asking for page texts makes outputs without them out of date.
    with_text = fake_batch([inputs], out, include_text=True)
    assert (with_text.converted, with_text.skipped) == (3, 0)
    assert "pages" in json.loads((out / "b.json").read_text())


def test_kill_9_mid_batch_then_rerun_completes_every_output(tmp_path):
    inputs = tmp_path / "in"
    total = 40
    for i in range(total):
        touch(inputs / f"part{i % 3}" / f"slow{i:02}.pdf", f"document {i} " * 200)
    out, pids = tmp_path / "out", tmp_path / "pids"
    pids.mkdir()
    env = subprocess_env()
    env.update(PROTOKOLL_TEST_PID_DIR=str(pids), PROTOKOLL_TEST_SLOW="0.1")
    command = [sys.executable, "-c", "from extractor.cli import batch_command; batch_command()",
               str(inputs), "--out", str(out), "--workers", "2", "--quiet", "--extract-fn", EXTRACT_FN]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if len(list(out.rglob("*.json"))) >= 5:
            break
        time.sleep(0.02)
    assert proc.poll() is None, f"the batch ended before it was killed: {proc.stderr.read().decode()}"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    proc.stderr.close()

    # Its workers die with it.
    worker_pids = [int(p.name) for p in pids.iterdir()]
    assert worker_pids
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in worker_pids):
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in worker_pids)
    done_before = len([p for p in out.rglob("*.json") if p.name != REPORT_NAME])
    assert done_before < total

    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads((out / REPORT_NAME).read_text("utf-8"))
    assert report["converted"] + report["skipped"] == total and report["failed"] == 0
    assert report["skipped"] >= done_before - 2  # at most the outputs being written when killed differ
    outputs = [p for p in out.rglob("*") if p.is_file() and p.name != REPORT_NAME]
    assert len(outputs) == total and all(p.suffix == ".json" for p in outputs)  # no temporary files left
    for path in outputs:
        data = json.loads(path.read_text("utf-8"))
        Minutes.from_dict(data)
        assert schema_errors(data) == []


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:  # not Linux: ask the kernel
        try:
            os.kill(pid, 0)
            return True
        except ProcessLookupError:
            return False


# ---------------------------------------------------------------------------
# Command line and progress


def test_help_names_the_options_and_the_exit_status():
    result = CliRunner().invoke(batch_command, ["--help"])
    assert result.exit_code == 0
    for text in ["--out", "--workers", "--force", "--timeout", "--quiet", "--engine", "--scheduler",
                 "Exit status", "some inputs failed", "batch-report.json"]:
        assert text in result.output
    assert "--extract-fn" not in result.output


def test_cli_exit_status_plain_progress_and_quiet(tmp_path):
    inputs = tmp_path / "in"
    touch(inputs / "good.pdf")
    touch(inputs / "bad.pdf")
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(batch_command, [str(inputs), "--out", str(out), "--extract-fn", EXTRACT_FN])
    assert result.exit_code == 1
    assert "FAILED" in result.stderr and "ok" in result.stderr  # plain lines when not a terminal
    assert "Converted 1, skipped 0 (up to date), failed 1" in result.stdout
    assert "bad.pdf" in result.stdout and "not-a-pdf" in result.stdout

    (inputs / "bad.pdf").unlink()
    result = runner.invoke(batch_command, [str(inputs), "--out", str(out), "--quiet", "--extract-fn", EXTRACT_FN])
    assert result.exit_code == 0
    assert result.output == ""
    assert json.loads((out / REPORT_NAME).read_text())["skipped"] == 1

    result = runner.invoke(batch_command, [str(inputs), "--out", str(out), "--workers", "0"])
    assert result.exit_code == 2


def test_progress_reporters_render(tmp_path):
    from rich.console import Console

    inputs = tmp_path / "in"
    for name in ["a.pdf", "b.pdf", "bad.pdf"]:
        touch(inputs / name)
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=120)
    report = fake_batch([inputs], tmp_path / "out", progress=ProgressDisplay(bar=True, console=console))
    assert report.failed == 1
    text = buffer.getvalue()
    assert "pages/s" in text and "failed" in text and "3/3" in text

    lines = io.StringIO()
    fake_batch([inputs], tmp_path / "out2", progress=ProgressDisplay(bar=False, stream=lines))
    printed = lines.getvalue().splitlines()
    assert printed[0].startswith("protokoll batch: 3 to convert")
    assert len(printed) == 4 and sum("FAILED" in line for line in printed) == 1


# ---------------------------------------------------------------------------
# Real minutes and bad input, with the real pipeline


def test_bad_input_in_a_folder_of_real_minutes(tmp_path):
    docs = need_corpus()
    folder = tmp_path / "in"
    folder.mkdir()
    good = ["sodertorn-2020-01-16.pdf", "lkod_sty_141114.pdf"]
    for name in good:
        shutil.copy(docs / name, folder / name)
    (folder / "not-a-pdf.pdf").write_text("Protokoll fört vid styrelsemöte (men ingen PDF)\n", encoding="utf-8")
    (folder / "empty.pdf").write_bytes(b"")
    write_truncated_pdf(folder / "truncated.pdf", docs / "kungsbacka-ks-au-2025-01-07.pdf", keep=0.4)
    write_encrypted_pdf(folder / "encrypted.pdf")
    (folder / "sub").mkdir()
    write_blank_pdf(folder / "sub" / "blank.pdf")
    out = tmp_path / "out"

    result = CliRunner().invoke(batch_command, [str(folder), "--out", str(out), "--workers", "2",
                                                "--timeout", "600"])
    assert result.exit_code == 1, result.output
    report = json.loads((out / REPORT_NAME).read_text("utf-8"))
    kinds = {Path(f["path"]).name: f["kind"] for f in report["failures"]}
    assert kinds == {"not-a-pdf.pdf": "not-a-pdf", "empty.pdf": "empty-file", "truncated.pdf": "damaged-pdf",
                     "encrypted.pdf": "encrypted-pdf", "blank.pdf": "no-text"}, report["failures"]
    assert all(f["reason"] and "\n" not in f["reason"] for f in report["failures"])
    assert (report["converted"], report["skipped"], report["failed"]) == (2, 0, 5)
    assert report["pages"] == 3

    # Nothing is written for a bad input: only the good outputs and the report.
    assert files_under(out) == [REPORT_NAME, "lkod_sty_141114.json", "sodertorn-2020-01-16.json"]
    for name in good:
        data = json.loads((out / name.replace(".pdf", ".json")).read_text("utf-8"))
        assert schema_errors(data) == []
        minutes = Minutes.from_dict(data)
        assert minutes.source.file == name
        assert minutes.source.sha256 == hashlib.sha256((docs / name).read_bytes()).hexdigest()
        assert minutes.source.extractor_version == __version__
    for name in kinds:
        assert name in result.stdout  # the summary names every failed input


def test_benchmark_script_runs_quick_help():
    script = Path(__file__).resolve().parents[1] / "benchmarks" / "bench.py"
    result = subprocess.run([sys.executable, str(script), "--quick", "--help"], capture_output=True, text=True,
                            timeout=120, env=subprocess_env())
    assert result.returncode == 0, result.stderr
    assert "--quick" in result.stdout and "--workers" in result.stdout
