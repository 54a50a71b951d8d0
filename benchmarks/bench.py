#!/usr/bin/env python3
"""Throughput of ``protokoll batch`` next to baselines measured in the same run.

Sets of documents (kinds from ``../shared/corpus/SOURCES.tsv``):

- ``born-digital``: the corpus's born-digital PDFs (a file with a scanned page
  is left out: its OCR is no text-layer work);
- ``born-digital xN``: the same files, each ``--copies`` times, as an archive
  batch of many small files, where each worker's start-up is paid once;
- ``scanned``: its scanned PDFs (image-only pages, OCR);
- ``long``: two generated long born-digital PDFs (``--long-pages`` pages each),
  made by repeating the corpus's born-digital pages with pypdfium2's
  ``import_pages``.

For each set and each worker count (``--workers 1,2``) it runs
``extractor.batch.run_batch`` (``force=True``, real worker processes) and a
baseline with the same number of parallel processes on the same pages:

- born-digital (both) and long: pdfplumber's own ``page.extract_text()``;
- scanned: Tesseract alone, ``tesseract IMG stdout -l swe`` with
  ``OMP_THREAD_LIMIT=1``, on the pages rendered beforehand at the resolution the
  extractor uses (rendering not timed).

Figures: pages per second by the wall clock (process start-up included, as a
user sees it), pages per second of compute per worker (each document's own time
in its worker, start-up excluded), and peak resident memory per worker process
(``ru_maxrss`` of the worker and its children, Tesseract included). The ratio
column is protokoll's wall-clock pages/s divided by the baseline's.

    python benchmarks/bench.py --quick            # a few documents, short long-PDFs: ~1-2 min
    python benchmarks/bench.py --json results.json  # the whole corpus: several minutes of 2 cores

Not part of the tests (a smoke test only runs ``--quick --help``).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


# ---------------------------------------------------------------------------
# Baseline workers (run as subprocesses of this script)


def _peak_kb() -> int:
    import resource

    return max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def _baseline_plumber(files: list[str]) -> dict:
    import pdfplumber

    t0 = time.perf_counter()
    pages = chars = 0
    for name in files:
        with pdfplumber.open(name) as pdf:
            for page in pdf.pages:
                chars += len(page.extract_text() or "")
                pages += 1
    return {"pages": pages, "seconds": time.perf_counter() - t0, "chars": chars, "peak_kb": _peak_kb()}


def _baseline_tesseract(images: list[str], lang: str) -> dict:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    t0 = time.perf_counter()
    chars = 0
    for image in images:
        done = subprocess.run(["tesseract", image, "stdout", "-l", lang], capture_output=True, env=env, check=True)
        chars += len(done.stdout)
    return {"pages": len(images), "seconds": time.perf_counter() - t0, "chars": chars, "peak_kb": _peak_kb()}


def run_baseline(kind: str, items: list[str], workers: int, lang: str = "swe") -> dict:
    """``workers`` baseline processes, each on its share of ``items``; wall-clock and compute time."""
    shares = [items[i::workers] for i in range(workers)]
    shares = [share for share in shares if share]

    def one(share: list[str]) -> dict:
        command = [sys.executable, __file__, "--_baseline", kind, "--lang", lang, *share]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        return json.loads(done.stdout)

    t0 = time.perf_counter()
    with ThreadPoolExecutor(len(shares)) as pool:
        results = list(pool.map(one, shares))
    wall = time.perf_counter() - t0
    pages = sum(r["pages"] for r in results)
    compute = sum(r["seconds"] for r in results)
    return {
        "name": {"plumber": "pdfplumber extract_text", "tesseract": "tesseract -l swe"}[kind],
        "workers": workers, "pages": pages, "wall_seconds": round(wall, 3),
        "pages_per_second": round(pages / wall, 3) if wall else None,
        "compute_pages_per_second_per_worker": round(pages / compute, 3) if compute else None,
        "peak_mb_per_worker": round(max(r["peak_kb"] for r in results) / 1024, 1),
    }


# ---------------------------------------------------------------------------
# protokoll


def run_protokoll(files: list[Path], workers: int, scratch: Path, extract_fn: str = "extractor:extract") -> dict:
    from extractor.batch import run_batch

    inputs = scratch / f"in-{workers}"
    shutil.rmtree(inputs, ignore_errors=True)
    inputs.mkdir(parents=True)
    for path in files:
        os.symlink(path.resolve(), inputs / path.name)
    out = scratch / f"out-{workers}"
    shutil.rmtree(out, ignore_errors=True)
    events = []
    report = run_batch([inputs], out, workers=workers, force=True, timeout=3600, progress=events.append,
                       extract_fn=extract_fn)
    compute = sum(event.seconds for event in events if event.status == "converted")
    return {
        "workers": workers, "documents": len(files), "converted": report.converted, "failed": report.failed,
        "failures": [f.to_dict() for f in report.failures],
        "pages": report.pages, "wall_seconds": round(report.seconds, 3),
        "pages_per_second": round(report.pages / report.seconds, 3) if report.seconds else None,
        "compute_pages_per_second_per_worker": round(report.pages / compute, 3) if compute else None,
        "peak_mb_per_worker": report.peak_worker_rss_mb,
    }


# ---------------------------------------------------------------------------
# Inputs


def corpus_sets(corpus: Path, quick: bool) -> dict[str, list[Path]]:
    rows = list(csv.DictReader((corpus / "SOURCES.tsv").open(encoding="utf-8"), delimiter="\t"))
    sets: dict[str, list[tuple[int, Path]]] = {"born-digital": [], "scanned": []}
    for row in rows:
        path = corpus / "docs" / row["file"]
        if row.get("kind") in sets and path.suffix.lower() == ".pdf" and path.exists():
            if row["kind"] == "born-digital" and not _all_pages_born_digital(path):
                # A scanned page inside (a signed last page) is OCR'd, which the
                # text-layer baseline cannot do: such a file fits neither set.
                print(f"left out: {path.name} (born-digital with a scanned page)", file=sys.stderr)
                continue
            sets[row["kind"]].append((int(row.get("pages") or 0), path))
    chosen = {}
    for kind, entries in sets.items():
        entries.sort(key=lambda entry: (entry[0], entry[1].name))
        if quick:  # the smallest few: quick to convert, still two documents per worker
            entries = entries[:4] if kind == "born-digital" else entries[:2]
        chosen[kind] = [path for _, path in entries]
    return chosen


def _all_pages_born_digital(path: Path) -> bool:
    import pypdfium2 as pdfium

    from extractor.read_pages import is_born_digital

    pdf = pdfium.PdfDocument(str(path))
    try:
        return all(is_born_digital(pdf[index]) for index in range(len(pdf)))
    finally:
        pdf.close()


def make_copies(sources: list[Path], copies: int, folder: Path) -> list[Path]:
    """Each source ``copies`` times under its own name (the batch reads one path once)."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for number in range(copies):
        for source in sources:
            target = folder / f"{number:03d}-{source.name}"
            try:
                os.link(source, target)
            except OSError:  # another file system, or no hard links there
                shutil.copyfile(source, target)
            made.append(target)
    return made


def make_long_pdfs(sources: list[Path], pages: int, folder: Path, count: int = 2) -> list[Path]:
    """``count`` PDFs of ``pages`` pages each, cycling through the pages of ``sources``."""
    import pypdfium2 as pdfium

    made = []
    for n in range(count):
        target = pdfium.PdfDocument.new()
        index = n  # start each document at another source, so the two differ
        while len(target) < pages:
            source = pdfium.PdfDocument(str(sources[index % len(sources)]))
            take = min(len(source), pages - len(target))
            target.import_pages(source, list(range(take)))
            source.close()
            index += 1
        path = folder / f"long-{pages}p-{n + 1}.pdf"
        target.save(str(path))
        target.close()
        made.append(path)
    return made


def render_scanned_pages(files: list[Path], folder: Path) -> list[str]:
    """Each page as a grayscale PNG at the extractor's OCR resolution."""
    import pypdfium2 as pdfium

    from extractor import ocr

    try:
        from extractor.read_pages import _image_coverage
    except ImportError:  # pragma: no cover - the front end changed
        _image_coverage = None
    images = []
    for path in files:
        pdf = pdfium.PdfDocument(str(path))
        for index in range(len(pdf)):
            page = pdf[index]
            scan_dpi = _image_coverage(page)[1] if _image_coverage else None
            dpi = ocr.render_dpi(scan_dpi)
            image = page.render(scale=dpi / 72, grayscale=True).to_pil()
            target = folder / f"{path.stem}-p{index + 1}.png"
            image.save(target, dpi=(dpi, dpi))
            images.append(str(target))
        pdf.close()
    return images


def page_count(files: list[Path]) -> int:
    import pypdfium2 as pdfium

    total = 0
    for path in files:
        pdf = pdfium.PdfDocument(str(path))
        total += len(pdf)
        pdf.close()
    return total


# ---------------------------------------------------------------------------
# Report


def print_table(results: list[dict]) -> None:
    header = ("set", "w", "pages", "protokoll p/s", "cpu p/s/w", "MB/w", "baseline", "base p/s", "cpu p/s/w",
              "MB/w", "ratio")
    rows = []
    for entry in results:
        mine, base = entry["protokoll"], entry["baseline"]
        ratio = (mine["pages_per_second"] / base["pages_per_second"]
                 if mine["pages_per_second"] and base["pages_per_second"] else None)
        rows.append((
            entry["set"], str(mine["workers"]), str(mine["pages"]), _fmt(mine["pages_per_second"]),
            _fmt(mine["compute_pages_per_second_per_worker"]), _fmt(mine["peak_mb_per_worker"], 0),
            base["name"], _fmt(base["pages_per_second"]), _fmt(base["compute_pages_per_second_per_worker"]),
            _fmt(base["peak_mb_per_worker"], 0), _fmt(ratio, 3),
        ))
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(str(cell).rjust(width) if i not in (0, 6) else str(cell).ljust(width)
                        for i, (cell, width) in enumerate(zip(row, widths))))
    for entry in results:
        failed = entry["protokoll"]["failed"]
        if failed:
            print(f"note: {entry['set']} with {entry['protokoll']['workers']} workers: {failed} documents failed: "
                  + "; ".join(f"{f['path']} ({f['kind']})" for f in entry["protokoll"]["failures"][:5]))


def _fmt(value, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Pages per second of protokoll batch (born-digital, scanned, long PDFs; 1 vs N workers) "
                    "next to pdfplumber and Tesseract baselines on the same pages.")
    parser.add_argument("--quick", action="store_true",
                        help="a quick subset: the 4 smallest born-digital and 2 smallest scanned documents, "
                             "two 20-page long PDFs")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help=f"corpus folder with SOURCES.tsv and docs/ (default: {DEFAULT_CORPUS})")
    parser.add_argument("--workers", default="1,2", help="worker counts to compare (default: 1,2)")
    parser.add_argument("--sets", default="born-digital,batch,scanned,long",
                        help="which sets to run (default: born-digital,batch,scanned,long)")
    parser.add_argument("--copies", type=int, default=None,
                        help="the archive-batch set: each born-digital document this many times "
                             "(default: 10, or 2 with --quick)")
    parser.add_argument("--long-pages", type=int, default=None,
                        help="pages of each generated long PDF (default: 200, or 20 with --quick)")
    parser.add_argument("--json", type=Path, default=Path("bench-results.json"),
                        help="where to write the results (default: ./bench-results.json)")
    parser.add_argument("--extract-fn", default="extractor:extract", metavar="MODULE:FUNCTION",
                        help="the extract function to measure, importable in the workers (default: extractor:extract)")
    parser.add_argument("--_baseline", choices=["plumber", "tesseract"], help=argparse.SUPPRESS)
    parser.add_argument("--lang", default="swe", help=argparse.SUPPRESS)
    parser.add_argument("items", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args._baseline == "plumber":
        print(json.dumps(_baseline_plumber(args.items)))
        return 0
    if args._baseline == "tesseract":
        print(json.dumps(_baseline_tesseract(args.items, args.lang)))
        return 0

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from extractor import __version__

    if not (args.corpus / "SOURCES.tsv").exists():
        parser.error(f"no corpus at {args.corpus} (give --corpus)")
    worker_counts = [int(w) for w in args.workers.split(",") if w.strip()]
    wanted = {s.strip() for s in args.sets.split(",") if s.strip()}
    long_pages = args.long_pages or (20 if args.quick else 200)
    copies = args.copies or (2 if args.quick else 10)
    sets = corpus_sets(args.corpus, args.quick)

    results: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="protokoll-bench-") as scratch_name:
        scratch = Path(scratch_name)
        plan: list[tuple[str, list[Path]]] = []
        if "born-digital" in wanted and sets["born-digital"]:
            plan.append(("born-digital", sets["born-digital"]))
        if "batch" in wanted and sets["born-digital"]:
            plan.append((f"born-digital x{copies}", make_copies(sets["born-digital"], copies, scratch / "copies")))
        if "scanned" in wanted and sets["scanned"]:
            plan.append(("scanned", sets["scanned"]))
        if "long" in wanted and sets["born-digital"]:
            long_dir = scratch / "long"
            long_dir.mkdir()
            plan.append((f"long ({long_pages} p)", make_long_pdfs(sets["born-digital"], long_pages, long_dir)))
        for name, files in plan:
            pages = page_count(files)
            print(f"{name}: {len(files)} documents, {pages} pages", file=sys.stderr, flush=True)
            if name == "scanned":
                image_dir = scratch / "pages"
                image_dir.mkdir(exist_ok=True)
                baseline_kind, baseline_items = "tesseract", render_scanned_pages(files, image_dir)
            else:
                baseline_kind, baseline_items = "plumber", [str(f) for f in files]
            for workers in worker_counts:
                print(f"  {workers} worker(s): protokoll ...", file=sys.stderr, flush=True)
                mine = run_protokoll(files, workers, scratch / name.split(" (")[0].replace(" ", "-"), args.extract_fn)
                print(f"  {workers} worker(s): {baseline_kind} ...", file=sys.stderr, flush=True)
                base = run_baseline(baseline_kind, baseline_items, workers)
                results.append({"set": name, "documents": [f.name for f in files], "protokoll": mine,
                                "baseline": base})

    document = {
        "extractor_version": __version__, "quick": args.quick, "long_pages": long_pages, "copies": copies,
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count()},
        "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "results": results,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_table(results)
    print(f"\nratio = protokoll pages/s / baseline pages/s (wall clock, same workers); results in {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
