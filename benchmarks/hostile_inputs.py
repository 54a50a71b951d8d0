"""A hostile and unlucky archive, converted by ``protokoll batch``: the figures of issue 15.

Generates, in a scratch folder:

- ``--count`` fuzzed PDFs: truncations, flipped bytes, cut-out, repeated and zeroed stretches of
  the bundled example and of minutes generated with tests/pdf_factory.py; the example as a scan
  (image only, so OCR runs) and 11 mutations of it;
- the hand-made hostile PDFs of tests/hostile_pdfs.py (page-tree loops, a non-numeric page size,
  deep nesting, a page tree claiming 100,000 pages, a font map of lone surrogates, a 14,400-point
  page needing OCR, a million text operators, a 200 MB compression bomb);
- file-system cases: a name that is not UTF-8, names with a newline, an escape code and a
  right-to-left override, names of 241-255 bytes, ``clash.pdf`` beside a folder ``clash.json/``,
  a folder past the path-length limit, an empty file, a folder named like a PDF;

then runs the batch over them twice (the second run must convert nothing and change no output)
and prints the counts by outcome, internal errors (tracebacks: must be 0), peak worker memory
(Tesseract included), time, and temporary files left behind. A script with figures, not a test:

    python3 benchmarks/hostile_inputs.py --count 400 --workers 2 --json /tmp/hostile.json
"""
from __future__ import annotations

import argparse
import collections
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import hostile_pdfs  # noqa: E402
from pdf_factory import write_pdf  # noqa: E402

from extractor.batch import run_batch  # noqa: E402
from extractor.batch_core import REPORT_NAME  # noqa: E402

EXAMPLE = ROOT / "examples" / "styrelsemote-exempel.pdf"


def generated_minutes(path: Path, seed: int) -> bytes:
    """Small invented minutes of one to three pages (names and wording made up here)."""
    people = ["Karin Holm", "Per Sand", "Lena Ås", "Omar Berg", "Sara Lind", "Nils Ek"]
    rows = [[(20, "**Protokoll fört vid styrelsemöte i Föreningen Ängen")], [(20, f"Datum: 2021-0{seed % 9 + 1}-12")],
            [(20, "Närvarande: " + ", ".join(people[seed % 3: seed % 3 + 3]))], []]
    for number in range(1, 4 + seed % 8):
        rows += [[(20, f"**§ {number} Ärende {number}")], [(20, "Styrelsen diskuterade frågan och beslutade")],
                 [(20, f"att uppdra till {people[number % 6].split()[0]} att återkomma.")], []]
    pages = [rows[i:i + 40] for i in range(0, len(rows), 40)]
    write_pdf(path, pages)
    return path.read_bytes()


def scanned_example(path: Path) -> bytes:
    """The bundled example as a scan: its pages rendered at 200 dpi and saved as an image-only PDF,
    so that the set needs OCR (and Tesseract's memory counts)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(EXAMPLE))
    images = [pdf[i].render(scale=200 / 72, grayscale=True).to_pil() for i in range(len(pdf))]
    pdf.close()
    images[0].save(path, format="PDF", resolution=200, save_all=True, append_images=images[1:])
    return path.read_bytes()


def make_archive(root: Path, count: int) -> dict:
    """Write the inputs under ``root/in``; return what was made, by family."""
    docs = root / "in"
    (docs / "fuzz").mkdir(parents=True)
    (docs / "hostile").mkdir()
    (docs / "names").mkdir()
    made = collections.Counter()
    seeds = [EXAMPLE.read_bytes()] + [generated_minutes(root / f"seed-{n}.pdf", n) for n in range(3)]
    for index, seed in enumerate(seeds):
        for name, data in hostile_pdfs.mutations(seed, count // len(seeds), seed=index):
            (docs / "fuzz" / f"s{index}-{name}.pdf").write_bytes(data)
            made["fuzzed"] += 1
    scan = scanned_example(root / "scan.pdf")
    (docs / "fuzz" / "scan.pdf").write_bytes(scan)
    for name, data in hostile_pdfs.mutations(scan, 11, seed=99):
        (docs / "fuzz" / f"scan-{name}.pdf").write_bytes(data)
    made["scanned"] += 12
    for name, maker in hostile_pdfs.HOSTILE.items():
        if name == "many-text-operators":
            data = maker(1_000_000)
        else:
            data = maker()
        (docs / "hostile" / f"{name}.pdf").write_bytes(data)
        made["hostile"] += 1
    names = docs / "names"
    good = EXAMPLE.read_bytes()
    raw_names = [b"b-\xe5.pdf", b"ny\nrad.pdf", b"esc\x1b[31mred.pdf", "\u202efdp.exe.pdf".encode(),
                 b"x" * 241 + b".pdf", b"y" * 251 + b".pdf", "å".encode() * 125 + b"x.pdf", b"clash.pdf"]
    for raw in raw_names:
        with open(os.fsencode(names) + b"/" + raw, "wb") as handle:
            handle.write(good)
        made["names"] += 1
    (names / "clash.json").mkdir()
    (names / "clash.json" / "inner.pdf").write_bytes(good)
    (names / "empty.pdf").write_bytes(b"")
    (names / "folder.pdf").mkdir()
    made["names"] += 2
    # A folder past the path-length limit, made one level at a time.
    fd = os.open(names, os.O_RDONLY)
    depth = len(os.fsencode(names))
    while depth < 4400:
        os.mkdir(b"d" * 200, dir_fd=fd)
        inner = os.open(b"d" * 200, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd, depth = inner, depth + 201
    with open(os.open(b"deep.pdf", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "wb") as handle:
        handle.write(good)
    os.close(fd)
    made["names"] += 1
    return dict(made)


def output_digests(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*.json")) if p.name != REPORT_NAME and p.is_file()}


def leftovers() -> list[str]:
    """This batch's worker folders still there (each holds its worker's and Tesseract's temporaries;
    other processes' OCR files in the shared temporary folder are not this batch's)."""
    tmp = Path(tempfile.gettempdir())
    mine = f"protokoll-worker-{os.getpid()}-"
    return sorted(str(p) for p in tmp.iterdir() if p.name.startswith(mine))


def interrupted_runs(root: Path, times: int, workers: int, seed: int = 15) -> dict:
    """``times`` batches of 48 minutes stopped at a random moment by kill -9, SIGTERM or Ctrl-C, each
    resumed by the next, then one to the end: its outputs must be byte-identical to a clean run's, and its
    report account for every input."""
    import random
    import signal
    import subprocess

    rng = random.Random(seed)
    docs = root / "interrupt-in"
    docs.mkdir()
    (docs / "example.pdf").write_bytes(EXAMPLE.read_bytes())
    for n in range(47):
        generated_minutes(docs / f"minutes-{n:02}.pdf", n)
    clean = root / "interrupt-clean"
    run_batch([docs], clean, workers=workers, progress=None)
    out = root / "interrupt-out"
    command = [sys.executable, "-m", "extractor.cli", "batch", str(docs), "--out", str(out), "-j", str(workers), "-q"]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT)] + [os.environ.get("PYTHONPATH", "")]))
    signals = collections.Counter()
    exits = collections.Counter()
    for _ in range(times):
        # Once everything is converted, a round redoes all (--force), so that it too is stopped
        # in the middle of converting and writing.
        done = len(list(out.glob("*.json"))) > 48 if out.exists() else False
        # A batch started from a background job inherits SIGINT ignored: give it Ctrl-C back.
        proc = subprocess.Popen(command + (["--force"] if done else []), env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL,
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        time.sleep(rng.uniform(0.5, 4.0))
        how = rng.choice([signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
        proc.send_signal(how)
        exits[proc.wait(timeout=120)] += 1
        signals[how.name] += 1
    final = subprocess.run(command, env=env, capture_output=True, timeout=1800)
    report = json.loads((out / REPORT_NAME).read_text("utf-8"))
    return {"interrupts": dict(signals), "exit_statuses": {str(k): v for k, v in sorted(exits.items())},
            "stopped_mid_batch": sum(v for k, v in exits.items() if k != 0),
            "final_exit": final.returncode, "identical_to_clean_run": output_digests(out) == output_digests(clean),
            "outputs": len(output_digests(out)),
            "report_accounts_for_all": report["converted"] + report["skipped"] + report["failed"] == report["inputs"]
            == 48}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=400, help="fuzzed PDFs (default 400)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scratch", type=Path, default=None, help="folder for inputs and outputs (default: a new one)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--interrupts", type=int, default=0,
                        help="also stop a batch of 48 minutes this many times (kill -9, SIGTERM, Ctrl-C at random "
                             "moments) and compare the resumed outputs with a clean run's")
    args = parser.parse_args()

    root = args.scratch or Path(tempfile.mkdtemp(prefix="hostile-"))
    if root.exists() and any(root.iterdir()):
        shutil.rmtree(root)
    root.mkdir(parents=True, exist_ok=True)
    made = make_archive(root, args.count)
    out = root / "out"

    started = time.monotonic()
    first = run_batch([root / "in"], out, workers=args.workers, progress=None)
    first_seconds = time.monotonic() - started
    digests = output_digests(out)
    started = time.monotonic()
    second = run_batch([root / "in"], out, workers=args.workers, progress=None)
    second_seconds = time.monotonic() - started
    after = output_digests(out)

    kinds = collections.Counter(f.kind for f in first.failures)
    internal = [f.to_dict() for f in first.failures if f.kind in ("internal-error", "worker-crashed")]
    left = leftovers()
    figures = {
        "inputs_made": made,
        "inputs_accounted": first.converted + first.skipped + first.failed,
        "batch_inputs": first.inputs,
        "converted": first.converted,
        "failed": first.failed,
        "failures_by_kind": dict(sorted(kinds.items())),
        "quality": first.quality,
        "renamed": len(first.renamed),
        "internal_errors": internal,
        "peak_worker_rss_mb": first.peak_worker_rss_mb,
        "seconds": round(first_seconds, 1),
        "rerun": {"converted": second.converted, "skipped": second.skipped, "failed": second.failed,
                  "seconds": round(second_seconds, 1), "outputs_unchanged": digests == after,
                  "outputs": len(after)},
        "temporary_files_left": left,
    }
    print(f"inputs made: {made}  (the batch counted {first.inputs} inputs)")
    print(f"converted {first.converted}, failed {first.failed} in {first_seconds:.1f} s "
          f"with {args.workers} workers; peak worker memory {first.peak_worker_rss_mb} MB (Tesseract included)")
    for kind, n in sorted(kinds.items(), key=lambda kv: -kv[1]):
        print(f"  {kind:<20} {n}")
    print(f"quality of the converted: {first.quality}; renamed outputs: {len(first.renamed)}")
    print(f"internal errors and crashed workers (tracebacks): {len(internal)}")
    for entry in internal:
        print(f"  {entry['path']}: {entry['kind']}: {entry['reason']}")
    print(f"rerun: converted {second.converted}, skipped {second.skipped}, failed {second.failed} in "
          f"{second_seconds:.1f} s; outputs unchanged: {digests == after} ({len(after)} outputs)")
    print(f"temporary files left: {len(left)}")
    if args.interrupts:
        figures["interrupted"] = interrupted_runs(root, args.interrupts, args.workers)
        print(f"interrupted runs: {figures['interrupted']}")
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if not args.scratch:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
