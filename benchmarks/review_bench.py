"""The review page of long protocols: how long it takes to write next to extraction, how large it
is, and how fast Chromium opens it and answers a click.

    python benchmarks/review_bench.py                   # the longest born-digital and scanned
                                                        # protocols of ../shared/corpus up to 15 pages
    python benchmarks/review_bench.py --pdf a.pdf b.pdf --json review-results.json

Each figure is one run's wall clock, process start-up included (what a user waits for):
``extract`` is ``protokoll extract FILE``; ``review`` is ``protokoll review FILE -o PAGE`` (pages
read and extracted once, then the page written); ``review --json`` shows an existing output (the
pages are read again, OCR included, for the words a drawn box picks up). ``open`` is Chromium's
time from loading the file to the page's script being ready; ``click`` from clicking the last
decision to its box marked and scrolled into view. Chromium is Debian's, driven by playwright.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def longest(corpus: Path, kind: str, most: int = 15) -> Path:
    rows = [r.split("\t") for r in (corpus / "SOURCES.tsv").read_text("utf-8").splitlines()]
    head = rows[0]
    found = [(int(r[head.index("pages")]), r[head.index("file")]) for r in rows[1:]
             if r[head.index("kind")] == kind and int(r[head.index("pages")]) <= most]
    return corpus / "docs" / max(found)[1]


def timed(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "extractor", *args], check=True, capture_output=True)
    return time.perf_counter() - started


def in_browser(page: Path) -> dict:
    from playwright.sync_api import sync_playwright

    binary = "/usr/lib/chromium/chromium" if Path("/usr/lib/chromium/chromium").is_file() else shutil.which("chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=binary, args=["--no-sandbox"])
        tab = browser.new_page(viewport={"width": 1400, "height": 900})
        started = time.perf_counter()
        tab.goto(page.as_uri())
        tab.wait_for_function("window.reviewReady !== undefined")
        opened = time.perf_counter() - started
        decisions = tab.locator('#form [data-kind="decision"]')
        clicked = None
        if decisions.count():
            field = decisions.last
            vid = field.get_attribute("data-vid")
            field.scroll_into_view_if_needed()
            started = time.perf_counter()
            field.locator("textarea").click()
            tab.wait_for_function("""(vid) => {
                const box = document.querySelector(`.box[data-vid="${vid}"]`);
                const b = box.getBoundingClientRect(), v = document.getElementById('pages').getBoundingClientRect();
                return box.classList.contains('current') && b.top >= v.top - 1 && b.bottom <= v.bottom + 1;
            }""", arg=vid)
            clicked = time.perf_counter() - started
        boxes = tab.locator(".box").count()
        browser.close()
    return {"open_s": round(opened, 2), "click_s": round(clicked, 2) if clicked is not None else None, "boxes": boxes}


def measure(pdf: Path, work: Path) -> dict:
    output, page = work / f"{pdf.stem}.json", work / f"{pdf.stem}.html"
    extract_s = timed("extract", str(pdf), "-o", str(output))
    review_s = timed("review", str(pdf), "-o", str(page))
    review_json_s = timed("review", str(pdf), "--json", str(output), "-o", str(page))
    pages = json.loads(output.read_text("utf-8"))["source"]["pages"]
    return {"file": pdf.name, "pages": pages, "extract_s": round(extract_s, 2), "review_s": round(review_s, 2),
            "review_json_s": round(review_json_s, 2), "ratio": round(review_s / extract_s, 2),
            "mb": round(page.stat().st_size / 1e6, 2), **in_browser(page)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pdf", nargs="*", type=Path, help="PDFs to measure (default: the corpus's longest up to 15 pages)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    pdfs = args.pdf or [longest(args.corpus, "born-digital"), longest(args.corpus, "scanned")]
    with tempfile.TemporaryDirectory() as work:
        results = [measure(pdf, Path(work)) for pdf in pdfs]
    print(f"{'file':40} {'pages':>5} {'extract s':>9} {'review s':>8} {'ratio':>5} {'--json s':>8} {'MB':>5} "
          f"{'open s':>6} {'click s':>7} {'boxes':>5}")
    for r in results:
        print(f"{r['file']:40} {r['pages']:5} {r['extract_s']:9.2f} {r['review_s']:8.2f} {r['ratio']:5.2f} "
              f"{r['review_json_s']:8.2f} {r['mb']:5.2f} {r['open_s']:6.2f} {r['click_s'] or 0:7.2f} {r['boxes']:5}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
