"""Hostile and unlucky inputs: every input accounted for, names that can always be written, a
report whatever happens, damaged PDFs reported as damaged, bounded work.

File-system cases are made in tmp_path; planning and crash behaviour run the real worker
machinery with the fast fake extractor; anything about real PDFs runs the real pipeline on
PDFs made here (the bundled example and mutations of it).
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO
from conftest_batch_helpers import EXTRACT_FN, subprocess_env
from extractor.batch import run_batch
from extractor.batch_core import REPORT_NAME
from extractor.cli import batch_command
from extractor.errors import printable

EXAMPLE = REPO / "examples" / "styrelsemote-exempel.pdf"


def touch(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def fake_batch(inputs, out, **options):
    options.setdefault("workers", 1)
    options.setdefault("timeout", 30)
    options.setdefault("extract_fn", EXTRACT_FN)
    return run_batch([str(i) for i in inputs], out, **options)


def report_of(out: Path) -> dict:
    return json.loads((out / REPORT_NAME).read_text("utf-8"))


def deep_folder(base: Path, depth_chars: int = 4400) -> bytes:
    """A folder whose path is longer than the system allows (PATH_MAX 4096), made one level at a
    time through folder descriptors; returns its path as bytes."""
    fd = os.open(base, os.O_RDONLY)
    path = os.fsencode(base)
    try:
        while len(path) < depth_chars:
            name = b"d" * 200
            os.mkdir(name, dir_fd=fd)
            next_fd = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = next_fd
            path += b"/" + name
        with open(os.open(b"deep.pdf", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "wb") as handle:
            handle.write(b"%PDF-1.4 deep")
    finally:
        os.close(fd)
    return path


# ---------------------------------------------------------------------------
# Every input accounted for


def test_a_folder_past_the_path_length_limit_is_a_failure_with_a_reason(tmp_path):
    docs = tmp_path / "docs"
    touch(docs / "a.pdf")
    deep_folder(docs)
    out = tmp_path / "out"
    result = CliRunner().invoke(batch_command, [str(docs), "--out", str(out), "-q", "--extract-fn", EXTRACT_FN])
    assert result.exit_code == 1
    report = report_of(out)
    assert report["converted"] == 1
    [failure] = report["failures"]
    assert failure["kind"] == "unreadable-folder"
    assert "cannot be listed" in failure["reason"] and "too long" in failure["reason"].lower()


def test_a_folder_without_permission_is_a_failure_with_a_reason():
    # Root reads every folder: run the planning as an ordinary user then.
    base = Path(tempfile.mkdtemp(prefix="protokoll-perm-", dir="/tmp"))
    try:
        base.chmod(0o755)
        touch(base / "docs" / "a.pdf").parent.chmod(0o755)
        touch(base / "docs" / "closed" / "b.pdf")
        (base / "docs" / "closed").chmod(0)
        code = ("import json, os, sys; from extractor.batch_core import collect_inputs; "
                "os.geteuid() == 0 and os.setuid(65534); "
                "jobs, failures = collect_inputs(sys.argv[1:]); "
                "print(json.dumps([[j.rel.as_posix() for j in jobs], [f.to_dict() for f in failures]]))")
        done = subprocess.run([sys.executable, "-c", code, str(base / "docs"), str(base / "docs" / "closed" / "b.pdf")],
                              capture_output=True, text=True, env=subprocess_env(), cwd="/", timeout=60)
        assert done.returncode == 0, done.stderr
        jobs, failures = json.loads(done.stdout)
        assert jobs == ["a.json"]
        # The folder found inside the one given, and a file given by name inside it.
        assert sorted(f["kind"] for f in failures) == ["unreadable", "unreadable-folder"]
        assert all("closed" in f["path"] and "Permission denied" in f["reason"] for f in failures)
        # A recursive pattern searches the closed folder too, and says so.
        done = subprocess.run([sys.executable, "-c", code, str(base / "docs") + "/**/*.pdf"],
                              capture_output=True, text=True, env=subprocess_env(), cwd="/", timeout=60)
        assert done.returncode == 0, done.stderr
        jobs, failures = json.loads(done.stdout)
        assert jobs == ["a.json"]
        assert [f["kind"] for f in failures] == ["unreadable-folder"] and "closed" in failures[0]["path"]
    finally:
        (base / "docs" / "closed").chmod(0o755)
        shutil.rmtree(base)


def test_a_file_without_permission_is_unreadable_not_an_internal_error():
    base = Path(tempfile.mkdtemp(prefix="protokoll-perm-", dir="/tmp"))
    try:
        base.chmod(0o755)
        closed = base / "closed.pdf"
        closed.write_bytes(EXAMPLE.read_bytes())
        closed.chmod(0)
        code = ("import os, sys; from extractor.errors import ExtractionError; "
                "from extractor.read_pages import read_document; "
                "os.geteuid() == 0 and os.setuid(65534)\n"
                "try:\n    read_document(sys.argv[1])\nexcept ExtractionError as exc:\n    print(exc.kind, exc)")
        done = subprocess.run([sys.executable, "-c", code, str(closed)], capture_output=True, text=True,
                              env=subprocess_env(), cwd="/", timeout=60)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("unreadable ") and "Permission denied" in done.stdout
    finally:
        shutil.rmtree(base)


def test_names_are_escaped_and_valid_utf8_in_outputs_reports_and_progress(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    raw_names = [b"b-\xe5.pdf", "ny\nrad.pdf".encode(), "esc\x1b[31mred.pdf".encode(), "\u202efdp.exe.pdf".encode()]
    for raw in raw_names:
        with open(os.fsencode(docs) + b"/" + raw, "wb") as handle:
            handle.write(b"content " + raw)
    lines: list[str] = []
    out = tmp_path / "out"
    report = fake_batch([docs], out, progress=lambda event: lines.append(event.path))
    assert report.converted == 4 and report.failed == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([REPORT_NAME, "b-\\xe5.json", "ny\\nrad.json", "esc\\x1b[31mred.json", "\\u202efdp.exe.json"])
    for line in lines:
        assert line.isprintable() and line.encode("utf-8")
    (out / REPORT_NAME).read_bytes().decode("utf-8")  # the report is valid UTF-8
    # A rerun finds every output again.
    again = fake_batch([docs], out)
    assert again.skipped == 4 and again.converted == 0
    # An output folder whose own name is not UTF-8.
    odd_out = os.fsencode(tmp_path) + b"/ut-\xe5"
    report = fake_batch([docs], os.fsdecode(odd_out))
    assert report.converted == 4 and report.out_dir.endswith("ut-\\xe5")
    json.loads((Path(os.fsdecode(odd_out)) / REPORT_NAME).read_bytes().decode("utf-8"))


def test_long_names_and_a_name_taken_by_a_folder_get_a_stable_other_name(tmp_path):
    docs = tmp_path / "docs"
    long_names = ["x" * n + ".pdf" for n in (241, 250, 251)] + ["å" * 125 + "x.pdf"]  # the last: 255 bytes
    for name in long_names:
        touch(docs / name)
    touch(docs / "clash.pdf")
    touch(docs / "clash.json" / "inner.pdf")
    out = tmp_path / "out"
    first = fake_batch([docs], out)
    assert first.failed == 0 and first.converted == 6, first.failures
    renamed = {entry["path"]: entry["output"] for entry in report_of(out)["renamed"]}
    assert str(docs / "clash.pdf") in renamed and renamed[str(docs / "clash.pdf")].startswith("clash~")
    assert len(renamed) == 3  # 251 x's and the å's do not fit with ".json"; clash.pdf
    assert any(output.startswith("å" * 100) for output in renamed.values())  # cut between characters
    for name in os.listdir(out):
        assert len(os.fsencode(name)) <= 255
    second = fake_batch([docs], out)
    assert second.skipped == 6 and second.converted == 0 and second.failed == 0
    assert report_of(out)["renamed"] == sorted(({"path": p, "output": o} for p, o in renamed.items()),
                                               key=lambda r: r["path"])
    # A folder already in the output folder under an output's name: the output goes beside it.
    touch(docs / "other.pdf")
    (out / "other.json").mkdir()
    third = fake_batch([docs], out)
    assert third.converted == 1 and third.failed == 0
    assert any(name.startswith("other~") for name in os.listdir(out))


def test_printable_escapes_what_a_terminal_would_obey():
    assert printable("Protokoll för styrelsen.pdf") == "Protokoll för styrelsen.pdf"
    assert printable(os.fsdecode(b"b-\xe5.pdf")) == "b-\\xe5.pdf"
    assert printable("a\nb\tc\x07\u200f\u202e") == "a\\nb\\tc\\x07\\u200f\\u202e"


# ---------------------------------------------------------------------------
# A report whatever happens


def test_a_full_disk_leaves_the_outputs_written_and_says_why_there_is_no_report(tmp_path):
    docs = tmp_path / "docs"
    for name in ("a.pdf", "b.pdf"):
        touch(docs / name)
    out = tmp_path / "out"
    # A file-size limit makes every write past 200 bytes fail as on a full disk (EFBIG), for this
    # batch process only; the workers never write.
    code = ("import resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
            "resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200)); "
            "from extractor.cli import main; main()")
    done = subprocess.run([sys.executable, "-c", code, "batch", str(docs), "--out", str(out), "-j", "1",
                           "--extract-fn", EXTRACT_FN], capture_output=True, text=True, env=subprocess_env(),
                          timeout=120)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "the report could not be written" in done.stderr
    assert done.stderr.count("write-failed") == 2 and not list(out.glob("*.json"))


@pytest.mark.parametrize("how, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_sigterm_and_ctrl_c_write_the_report_and_keep_what_was_converted(how, status, tmp_path):
    docs = tmp_path / "docs"
    for index in range(12):
        touch(docs / f"slow-{index:02}.pdf", f"document {index}")
    out = tmp_path / "out"
    env = dict(subprocess_env(), PROTOKOLL_TEST_SLOW="0.4")
    proc = subprocess.Popen([sys.executable, "-m", "extractor.cli", "batch", str(docs), "--out", str(out), "-j", "1",
                             "--extract-fn", EXTRACT_FN, "-q"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("slow-*.json"))) < 2:
        time.sleep(0.1)
    proc.send_signal(how)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == status, stderr
    assert "Traceback" not in stderr
    report = report_of(out)
    assert report["interrupted"] is True
    written = sorted(p.name for p in out.glob("slow-*.json"))
    assert report["converted"] == len(written) >= 2
    for name in written:
        json.loads((out / name).read_text("utf-8"))
    # The rerun converts the rest.
    rerun = fake_batch([docs], out, workers=2)
    assert rerun.skipped == len(written) and rerun.converted == 12 - len(written)


def test_outputs_follow_the_umask(tmp_path):
    from extractor.writer import write_atomic

    for mask, mode in ((0o022, 0o644), (0o077, 0o600), (0o002, 0o664)):
        old = os.umask(mask)
        try:
            write_atomic(tmp_path / f"{mask:o}.json", "{}")
        finally:
            os.umask(old)
        assert (tmp_path / f"{mask:o}.json").stat().st_mode & 0o777 == mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2.json", "22.json", "77.json"]  # no temporary left


# ---------------------------------------------------------------------------
# Damaged and hostile PDFs: reported with their kind, never a traceback


@pytest.mark.parametrize("case, kind", [
    ("page-tree-loop", "damaged-pdf"),
    ("non-numeric-page-size", "damaged-pdf"),
    ("page-count-claim", "damaged-pdf"),
    ("kids-not-pages", "damaged-pdf"),
    ("deep-nesting", "no-text"),
    ("huge-page", "page-too-large"),
    ("many-text-operators", "page-too-large"),
    ("compression-bomb", "page-too-large"),
    ("font-map-4g", "page-too-large"),
    ("font-map-16m", "page-too-large"),
])
def test_damaged_and_hostile_pdfs_fail_with_their_kind(case, kind, tmp_path):
    from hostile_pdfs import HOSTILE

    from extractor.errors import ExtractionError
    from extractor.read_pages import read_document

    path = tmp_path / f"{case}.pdf"
    sizes = {"many-text-operators": (250_000,), "compression-bomb": (100,)}  # just past the limits
    path.write_bytes(HOSTILE[case](*sizes.get(case, ())))
    with pytest.raises(ExtractionError) as caught:
        document = read_document(path)
        if not any(page.words for page in document.pages):
            from extractor.errors import NoTextError

            raise NoTextError("no text")
    assert caught.value.kind == kind, str(caught.value)
    assert "\n" not in str(caught.value)


def test_control_characters_and_lone_surrogates_of_a_font_map_never_reach_the_text(tmp_path):
    from hostile_pdfs import font_map_surrogates

    from extractor.read_pages import read_document

    path = tmp_path / "fontmap.pdf"
    path.write_bytes(font_map_surrogates())
    words = [word.text for page in read_document(path).pages for word in page.words]
    assert "Protokoll" in words
    for word in words:
        word.encode("utf-8")  # no lone surrogate
        assert word.isprintable(), repr(word)


def test_a_page_too_large_to_render_is_rendered_smaller_or_refused():
    from extractor.errors import ExtractionError
    from extractor.ocr import MAX_RENDER_PIXELS, bounded_dpi

    assert bounded_dpi(595, 842, 300) == 300  # A4 as asked
    a0 = bounded_dpi(2384, 3370, 300)
    assert 150 <= a0 < 300 and (2384 * a0 / 72) * (3370 * a0 / 72) <= MAX_RENDER_PIXELS
    with pytest.raises(ExtractionError) as caught:
        bounded_dpi(14_400, 14_400, 200)
    assert caught.value.kind == "page-too-large"


def test_text_for_the_ner_model_is_cut_below_its_length_limit():
    from extractor.entities import MAX_PIECE_CHARS, _bounded, find_entities

    line = "Anna Berg och Bo Ek talade om budgeten " * 400  # 15,600 characters on one line
    pieces = _bounded([(5, line)])
    assert all(len(piece) <= MAX_PIECE_CHARS for _, piece in pieces)
    assert "".join(piece for _, piece in pieces) == line
    assert [offset for offset, _ in pieces][0] == 5
    assert all(line[o - 5: o - 5 + len(p)] == p for o, p in pieces)
    text = "Protokoll\n" + line
    found = find_entities([(1, text)])
    assert all(text[e["start"]:e["end"]] == e["text"] for e in found)


def test_extract_says_one_line_and_shows_the_traceback_only_with_debug(tmp_path):
    from hostile_pdfs import non_numeric_page_size

    path = tmp_path / "damaged.pdf"
    path.write_bytes(non_numeric_page_size())
    plain = subprocess.run([sys.executable, "-m", "extractor.cli", "extract", str(path)], capture_output=True,
                           text=True, env=subprocess_env(), timeout=120)
    assert plain.returncode == 3
    assert plain.stderr.count("\n") == 1 and "damaged-pdf" in plain.stderr and "Traceback" not in plain.stderr
    debug = subprocess.run([sys.executable, "-m", "extractor.cli", "extract", "--debug", str(path)],
                           capture_output=True, text=True, env=subprocess_env(), timeout=120)
    assert debug.returncode == 3
    assert "Traceback" in debug.stderr and debug.stderr.rstrip().splitlines()[-1] == plain.stderr.rstrip()


def test_extract_of_a_file_name_that_is_not_utf8_writes_valid_utf8(tmp_path):
    raw = os.fsencode(tmp_path) + b"/m\xf6te-\xe5.pdf"
    with open(raw, "wb") as handle:
        handle.write(EXAMPLE.read_bytes())
    done = subprocess.run([os.fsencode(sys.executable), b"-m", b"extractor.cli", b"extract", b"--no-entities", raw],
                          capture_output=True, env=subprocess_env(), timeout=120)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout.decode("utf-8"))
    assert data["source"]["file"] == "m\\xf6te-\\xe5.pdf"


# ---------------------------------------------------------------------------
# Bounded work: memory, temporaries, time


def temp_then_hang(path, include_text: bool = False):
    """Leaves a temporary file as OCR does, then hangs: the batch must remove it with the worker."""
    fd, name = tempfile.mkstemp(prefix="protokoll-ocr-", suffix=".tif")
    os.write(fd, b"\0" * 4096)
    os.close(fd)
    Path(os.environ["PROTOKOLL_TEST_NOTE"]).write_text(name)
    time.sleep(600)


def allocate_too_much(path, include_text: bool = False):
    """Asks for more memory than a worker may have (without touching it)."""
    hoard = bytearray(6 << 30)
    return hoard


def two_seconds(path, include_text: bool = False):
    from conftest_batch_helpers import sample_minutes

    time.sleep(2.0)
    return sample_minutes(path)


def test_a_killed_workers_temporary_files_are_removed(tmp_path, monkeypatch):
    note = tmp_path / "note.txt"
    monkeypatch.setenv("PROTOKOLL_TEST_NOTE", str(note))
    touch(tmp_path / "docs" / "a.pdf")
    report = fake_batch([tmp_path / "docs"], tmp_path / "out", timeout=1.5,
                        extract_fn="test_hostile_inputs:temp_then_hang")
    assert [f.kind for f in report.failures] == ["timeout"]
    left = Path(note.read_text())
    assert left.parent.name.startswith(f"protokoll-worker-{os.getpid()}-")  # the worker's own folder
    assert not left.exists() and not left.parent.exists()


def test_a_worker_asking_for_too_much_memory_fails_that_document_only(tmp_path):
    for name in ("a.pdf", "b.pdf"):
        touch(tmp_path / "docs" / name)
    report = fake_batch([tmp_path / "docs"], tmp_path / "out", extract_fn="test_hostile_inputs:allocate_too_much")
    assert [f.kind for f in report.failures] == ["out-of-memory", "out-of-memory"]


def test_the_default_timeout_grows_with_the_page_count(tmp_path):
    from conftest_batch_helpers import write_blank_pdf

    from extractor.batch import WorkerPool

    pdf = write_blank_pdf(tmp_path / "four.pdf", pages=4)
    with WorkerPool(1, "test_hostile_inputs:two_seconds", page_seconds=1.0) as pool:
        assert pool.run_one(pdf, timeout=1.0).ok  # 4 pages: 4 s
    with WorkerPool(1, "test_hostile_inputs:two_seconds") as pool:
        outcome = pool.run_one(pdf, timeout=1.0)
    assert outcome.kind == "timeout"


def test_extract_to_a_folder_it_cannot_write_says_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")
    done = subprocess.run([sys.executable, "-m", "extractor.cli", "extract", "--no-entities", str(EXAMPLE),
                           "-o", str(blocker / "out.json")], capture_output=True, text=True, env=subprocess_env(),
                          timeout=120)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "write-failed" in done.stderr and "Traceback" not in done.stderr


def test_a_large_input_is_read_once_into_a_private_copy_that_is_removed(tmp_path, monkeypatch):
    import hashlib

    from extractor import read_pages

    in_memory = read_pages.read_document(EXAMPLE)
    monkeypatch.setattr(read_pages, "IN_MEMORY_BYTES", 1024)  # the example counts as a large file
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    copied = read_pages.read_document(EXAMPLE)
    assert copied.sha256 == in_memory.sha256 == hashlib.sha256(EXAMPLE.read_bytes()).hexdigest()
    assert [w.text for p in copied.pages for w in p.words] == [w.text for p in in_memory.pages for w in p.words]
    assert list(tmp_path.iterdir()) == []  # the private copy is gone


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_what_ocr_starts_dies_with_the_process_that_started_it(tmp_path):
    # The same start-up Tesseract gets (ocr._die_with_parent), given to a long sleep in a worker
    # that is then killed with -9, as the batch kills a worker that hangs.
    code = ("import subprocess, sys, time; from extractor.ocr import _die_with_parent; "
            "child = subprocess.Popen(['sleep', '60'], preexec_fn=_die_with_parent); "
            "print(child.pid, flush=True); time.sleep(60)")
    worker = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=subprocess_env())
    sleeper = int(worker.stdout.readline())
    worker.kill()
    worker.wait(timeout=10)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.kill(sleeper, 0)
        except ProcessLookupError:
            break
        # A zombie waiting for init to reap it is dead too.
        if Path(f"/proc/{sleeper}/stat").read_text().split(")")[-1].split()[0] == "Z":
            break
        time.sleep(0.05)
    else:
        os.kill(sleeper, signal.SIGKILL)
        pytest.fail("the child outlived its killed parent")


def test_text_past_the_page_limit_is_cut_with_a_warning(tmp_path, monkeypatch):
    from hostile_pdfs import many_text_operators

    from extractor import read_pages

    monkeypatch.setattr(read_pages, "MAX_PAGE_CHARS", 5_000)  # a limit this test can pass quickly
    path = tmp_path / "dense.pdf"
    path.write_bytes(many_text_operators(3_000))  # 27,000 characters on one page
    document = read_pages.read_document(path)
    assert sum(len(w.text) for w in document.pages[0].words) <= 5_000
    assert any("only the first 5000 read" in warning for warning in document.warnings)


def test_a_name_that_looks_like_markup_is_shown_as_it_is_on_the_progress_bar():
    import io

    from rich.console import Console

    from extractor.progress import DocEvent, ProgressDisplay

    console = Console(file=io.StringIO(), force_terminal=False, width=200)
    display = ProgressDisplay(bar=True, console=console)
    display.start(1, 0, 1)
    display.update(DocEvent("failed", "/arkiv/[/x][bold]b.pdf", kind="damaged-pdf", reason="bad [/red] xref"))
    display.finish(None)
    assert "failed /arkiv/[/x][bold]b.pdf: damaged-pdf: bad [/red] xref" in console.file.getvalue()


def test_the_summary_table_shows_a_markup_like_name_as_it_is():
    import io

    from rich.console import Console

    from extractor.batch_core import BatchReport, Failure
    from extractor.progress import print_report

    report = BatchReport(failed=1, failures=[Failure("/arkiv/[/x]b.pdf", "damaged-pdf", "bad [/red] xref")])
    console = Console(file=io.StringIO(), force_terminal=True, width=200, color_system=None)
    print_report(report, console)
    out = console.file.getvalue()
    assert "/arkiv/[/x]b.pdf" in out and "bad [/red] xref" in out


def test_an_output_path_over_the_length_limit_is_a_write_failure_not_a_crash(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    deep_folder(docs, depth_chars=3800)  # readable: its path is under the limit
    out = tmp_path / ("o" * 200) / ("u" * 200) / ("t" * 200)  # but the output path passes it
    report = fake_batch([docs], out)
    assert report.converted == 0 and [f.kind for f in report.failures] == ["write-failed"]
    assert "too long" in report.failures[0].reason.lower()
    again = fake_batch([docs], out)  # and the rerun says the same, not crashing in the planning
    assert [f.kind for f in again.failures] == ["write-failed"]
