"""Evidence boxes and the review page: every value shown on the page it came from, and corrected there.

The page is driven in a real browser (Debian's Chromium through playwright, launched with the
system binary: browser builds cannot be downloaded where the tests run) on the bundled example
and on real corpus documents, born-digital and scanned.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
import regex
from rapidfuzz import fuzz

from conftest import REPO, require_shared
from extractor import dates
from extractor.fields.meeting import _clean
from extractor.layout import find_layout, word_spans
from extractor.matching import fold
from extractor.pipeline import extract_pages
from extractor.provenance import Locator
from extractor.read_pages import read_document
from extractor.review import locate_values, page_images, write_review
from extractor.validate import schema_errors
from pdf_factory import scanned_copy, write_pdf

EXAMPLE = REPO / "examples" / "styrelsemote-exempel.pdf"


# ---------------------------------------------------------------------------- what a box covers

def values_with_evidence(minutes: dict):
    """(kind, value, evidence) of every value that should carry evidence."""
    meeting, found = minutes["meeting"], (minutes["meeting"].get("evidence") or {})
    for key in ("organisation", "body"):
        if minutes.get(key):
            yield "meeting." + key, minutes[key], found.get(key)
    for key in ("date", "start_time", "end_time", "place"):
        if meeting.get(key):
            yield "meeting." + key, meeting[key], found.get(key)
    for person in minutes["participants"]:
        yield "participant", person["name"], person.get("evidence")
    for item in minutes["items"]:
        yield "item", item["title"], item.get("evidence")
        for decision in item["decisions"]:
            yield "decision", decision["text"], decision.get("evidence")
    for signature in minutes["signatures"]:
        yield "signature", signature["name"], signature.get("evidence")


def _words(texts: list[str]) -> list[str]:
    return [t for t in texts if regex.search(r"[\p{L}\d]", t)]


def words_under(page, evidence: dict) -> list[str]:
    """The words whose middle lies in the evidence's boxes (its box where it has one line)."""
    boxes = evidence.get("boxes") or [evidence["box"]]

    def inside(word, box):
        return (box[0] - 0.1 <= (word.x0 + word.x1) / 2 <= box[2] + 0.1
                and box[1] - 0.1 <= (word.top + word.bottom) / 2 <= box[3] + 0.1)

    return [w.text for _, _, w in word_spans(page) if any(inside(w, b) for b in boxes)]


def reads_as(kind: str, value: str, text: str, day=None) -> bool:
    """The words under a box say the value: a date or a time by what it means, a name or a text by
    its words (an OCR slip or a name repaired from the participants allowed)."""
    if kind == "meeting.date":
        return any(d.date.isoformat() == value for d in dates.find_dates(_clean(text), reference=day))
    if kind in ("meeting.start_time", "meeting.end_time"):
        return any(value in (t.start_time, t.end_time) for t in dates.find_times(_clean(text)))
    return fuzz.partial_ratio(fold(value), fold(text)) >= 85


def check_boxes(minutes: dict, document) -> tuple[int, list, list]:
    """(values, values without a box, values whose box does not read as the value). Every box must
    hold exactly the words of its evidence span; that is asserted here."""
    import datetime

    day = datetime.date.fromisoformat(minutes["meeting"]["date"]) if minutes["meeting"].get("date") else None
    pages = {page.number: page for page in document.pages}
    total, missing, unlike = 0, [], []
    for kind, value, evidence in values_with_evidence(minutes):
        if not value.strip():
            continue
        total += 1
        if not evidence or "box" not in evidence:
            missing.append((kind, value))
            continue
        page = pages[evidence["page"]]
        spanned = [w.text for a, b, w in word_spans(page) if a < evidence["end"] and b > evidence["start"]]
        # A speck of OCR ("." or "'") from the line above may touch a box's edge; words may not.
        assert _words(words_under(page, evidence)) == _words(spanned), (kind, value, evidence)
        if not reads_as(kind, value, " ".join(spanned), day):
            unlike.append((kind, value, " ".join(spanned)[:80]))
    return total, missing, unlike


def test_word_spans_index_the_page_text():
    document = find_layout(read_document(EXAMPLE))
    for page in document.pages:
        spans = word_spans(page)
        assert spans and all(page.text[a:b] == word.text for a, b, word in spans)


def test_every_value_of_the_example_has_a_box_over_its_words():
    document = find_layout(read_document(EXAMPLE))
    minutes = extract_pages(document, entities=False).to_dict()
    total, missing, unlike = check_boxes(minutes, document)
    assert total >= 25 and missing == [] and unlike == []
    assert schema_errors(minutes) == []


def test_a_span_over_lines_has_a_box_a_line_and_head_values_are_found_by_meaning(tmp_path):
    pdf = write_pdf(tmp_path / "mote.pdf", [[
        [(20, "**Hagmarkens fiskevårdsförening")],
        [(20, "Protokoll fört vid styrelsemöte")],
        [(20, "Datum"), (60, "onsdagen den 3 maj 2023, kl. 19.00–20.45")],
        [(20, "Plats"), (60, "Klubbstugan vid Norrsjön")],
        [(20, "Närvarande"), (60, "Tove Lindqvist, ordförande")],
        [(60, "Hampus Grehn, sekreterare")],
        [],
        [(20, "**§ 1 Fiskeutsättning")],
        [(20, "Beslut")],
        [(20, "Att köpa in tvåhundra öringsmolt till utsättningen i Norrsjön och att låta")],
        [(20, "kassören betala fakturan före midsommar.")],
        [],
        [(20, "Vid protokollet"), (110, "Justeras")],
        [(20, "Hampus Grehn"), (110, "Tove Lindqvist")],
    ]])
    document = find_layout(read_document(pdf))
    minutes = extract_pages(document, entities=False).to_dict()
    decision = minutes["items"][0]["decisions"][0]
    assert len(decision["evidence"]["boxes"]) == 2
    first, second = decision["evidence"]["boxes"]
    assert first[3] <= second[1] + 0.5  # one line under the other
    union = decision["evidence"]["box"]
    assert union == [min(first[0], second[0]), first[1], max(first[2], second[2]), second[3]]
    found = minutes["meeting"]["evidence"]
    assert {"date", "start_time", "end_time", "place", "organisation"} <= set(found)
    page = document.pages[0]
    assert page.text[found["date"]["start"]:found["date"]["end"]].startswith("onsdagen den 3 maj 2023")
    assert [s["evidence"]["page"] for s in minutes["signatures"]] == [1] * len(minutes["signatures"])
    total, missing, unlike = check_boxes(minutes, document)
    assert missing == [] and unlike == []


def test_a_gold_file_is_found_again_on_the_pages():
    """A gold file has no evidence: each value is looked for in the page text."""
    document = find_layout(read_document(EXAMPLE))
    gold = json.loads((REPO / "examples" / "styrelsemote-exempel.gold.json").read_text("utf-8")) \
        if (REPO / "examples" / "styrelsemote-exempel.gold.json").is_file() else None
    if gold is None:
        pytest.skip("the bundled example has no gold file")
    located = locate_values(gold, Locator(document))
    total, missing, unlike = check_boxes(located, document)
    assert total >= 20 and unlike == []
    assert len(missing) <= 1, missing  # the body may be named by no word of the page ("Styrelsen" of "styrelsemöte")


def test_every_value_of_the_corpus_has_a_box_over_its_words():
    """All of ../shared/corpus, born-digital and scanned: every participant, item, decision and
    signature with a box holding exactly its evidence's words, and the meeting fields found."""
    from extractor.page_cache import read_pages_cached

    corpus = require_shared()
    totals, missing, unlike = 0, {}, {}
    for pdf in sorted((corpus / "docs").glob("*.pdf")):
        document = read_pages_cached(pdf)
        minutes = extract_pages(document, entities=False).to_dict()
        assert all(page.text[a:b] == w.text for page in document.pages for a, b, w in word_spans(page)), pdf.name
        total, lacking, wrong = check_boxes(minutes, document)
        totals += total
        if lacking:
            missing[pdf.stem] = lacking
        if wrong:
            unlike[pdf.stem] = wrong
    lacking = [v for values in missing.values() for v in values]
    assert all(kind.startswith("meeting.") for kind, _ in lacking), missing
    assert len(lacking) <= 0.002 * totals, missing
    # The rest read as their value except where the extractor's own evidence points elsewhere (a
    # participant met by first name in a sentence, an OCR slip, a decision read beside another
    # line; 7 of 1,944 when written): the page shows those to the person checking.
    wrong = sum(len(v) for v in unlike.values())
    print(f"{totals} values, {len(lacking)} without a box, {wrong} whose evidence does not read as the value")
    assert wrong <= 0.01 * totals, unlike


# ---------------------------------------------------------------------------- the page in a browser

def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    binary = Path("/usr/lib/chromium/chromium")
    return str(binary) if binary.is_file() else found


@pytest.fixture(scope="module")
def browser():
    if os.environ.get("CI") is None:
        pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
        if not chromium():
            pytest.skip("Chromium is not installed (apt-get install chromium; scripts/setup.sh does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        yield launched
        launched.close()


def _review(pdf: Path, out: Path, cached: bool = True) -> tuple[Path, dict, float]:
    """The review page of ``pdf`` and the output it shows; pages read once (cached for the corpus)."""
    if cached:
        from extractor.page_cache import read_pages_cached

        document = find_layout(read_pages_cached(pdf))
    else:
        document = find_layout(read_document(pdf))
    minutes = extract_pages(document, entities=False).to_dict()
    started = time.perf_counter()
    write_review(pdf, out, minutes, document=document)
    return out, minutes, time.perf_counter() - started


def corpus_pdf(kind: str, pages: range) -> Path:
    """The corpus document of this kind (SOURCES.tsv) with the most pages in ``pages``."""
    corpus = require_shared()
    rows = [row.split("\t") for row in (corpus / "SOURCES.tsv").read_text("utf-8").splitlines()]
    header = rows[0]
    found = [(int(r[header.index("pages")]), r[header.index("file")]) for r in rows[1:]
             if r[header.index("kind")] == kind and int(r[header.index("pages")]) in pages]
    assert found, f"no {kind} corpus document of {pages} pages"
    return corpus / "docs" / max(found)[1]


# The bundled example, the born-digital municipal protocol of most pages (15), a short scan.
DOCUMENTS = {
    "example": lambda: EXAMPLE,
    "born-digital": lambda: corpus_pdf("born-digital", range(10, 16)),
    "scanned": lambda: corpus_pdf("scanned", range(3, 5)),
}


@pytest.fixture(scope="module", params=["example", "born-digital", "scanned"])
def page(request, browser, tmp_path_factory):
    pdf = DOCUMENTS[request.param]()
    out, minutes, seconds = _review(pdf, tmp_path_factory.mktemp("review") / f"{pdf.stem}.html",
                                    cached=request.param != "example")
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    # Nothing but the file itself may be loaded: the page opens from disk with no network.
    requests: list[str] = []
    tab.on("request", lambda r: requests.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
    started = time.perf_counter()
    tab.goto(out.as_uri())
    tab.wait_for_function("window.reviewReady !== undefined")
    opened = time.perf_counter() - started
    print(f"{pdf.name}: {len(minutes_pages(minutes))} pages, review page {out.stat().st_size / 1e6:.2f} MB "
          f"written in {seconds:.2f} s, open in Chromium {opened:.2f} s")
    yield {"tab": tab, "minutes": minutes, "pdf": pdf, "out": out, "errors": errors, "requests": requests}
    context.close()


def test_the_page_has_a_box_for_every_value_with_evidence_and_no_error(page):
    tab, minutes = page["tab"], page["minutes"]
    boxed = sum(1 for _, value, evidence in values_with_evidence(minutes) if evidence and "box" in evidence)
    assert boxed > 0
    assert tab.locator(".box").count() == boxed
    assert page["errors"] == [] and page["requests"] == []


def test_every_box_lies_inside_its_page_image(page):
    outside = page["tab"].evaluate("""() => [...document.querySelectorAll('.box')].filter((box) => {
        const b = box.getBoundingClientRect(), i = box.parentElement.querySelector('img').getBoundingClientRect();
        return b.left < i.left - 1 || b.top < i.top - 1 || b.right > i.right + 1 || b.bottom > i.bottom + 1 || b.width <= 0;
    }).map((box) => box.dataset.vid)""")
    assert outside == []


def test_clicking_a_decision_scrolls_its_box_into_view(page):
    tab = page["tab"]
    decisions = tab.locator('#form [data-kind="decision"]')
    if decisions.count() == 0:
        pytest.skip(f"{page['pdf'].name} has no decisions")
    field = decisions.last
    vid = field.get_attribute("data-vid")
    field.locator("textarea").click()
    box = tab.locator(f'.box[data-vid="{vid}"]')
    tab.wait_for_function("""(vid) => {
        const b = document.querySelector(`.box[data-vid="${vid}"]`).getBoundingClientRect();
        const v = document.getElementById('pages').getBoundingClientRect();
        return b.top >= v.top - 1 && b.bottom <= v.bottom + 1;
    }""", arg=vid, timeout=3000)
    assert "current" in box.get_attribute("class")
    # And a box clicked shows its value and marks its fields; where boxes lie one over another (a
    # name and the sentence that elects it), clicking again takes the next.
    other = tab.locator('.box[data-kind="participant"], .box[data-kind="item"]').first
    other.scroll_into_view_if_needed()
    wanted, where = other.get_attribute("data-vid"), other.bounding_box()
    marked = []
    for _ in range(4):
        tab.mouse.click(where["x"] + where["width"] / 2, where["y"] + where["height"] / 2)
        marked.append(tab.evaluate("document.querySelector('.box.current').dataset.vid"))
        if marked[-1] == wanted:
            break
    assert marked[-1] == wanted, marked
    assert "current" in tab.locator(f'#form [data-vid="{wanted}"]').get_attribute("class")
    assert tab.locator("#status").inner_text().strip()


def test_keys_move_from_value_to_value(page):
    tab = page["tab"]
    tab.locator("#pages").click(position={"x": 5, "y": 5})
    tab.keyboard.press("n")
    first = tab.evaluate("document.querySelector('.box.current').dataset.vid")
    tab.keyboard.press("n")
    second = tab.evaluate("document.querySelector('.box.current').dataset.vid")
    tab.keyboard.press("p")
    assert first != second and tab.evaluate("document.querySelector('.box.current').dataset.vid") == first


def test_an_edit_and_a_save_give_a_schema_valid_document_with_the_edit(page, tmp_path):
    tab = page["tab"]
    rows = tab.locator('#form tr[data-kind="participant"]')
    if rows.count() == 0:
        pytest.skip(f"{page['pdf'].name} lists no participants")
    rows.first.locator("input").first.fill("Ingegerd Rättvik-Holm")
    last = tab.locator('#form tr[data-kind="participant"]').count() - 1
    rows.nth(last).locator("button.del").click()
    with tab.expect_download() as download:
        tab.click("#save")
    saved = json.loads(Path(download.value.path()).read_text("utf-8"))
    assert download.value.suggested_filename == page["pdf"].stem + ".json"
    # The validator writes the schema's defaults into what it checks: give it a copy.
    assert schema_errors(json.loads(json.dumps(saved))) == []
    assert saved["participants"][0]["name"] == "Ingegerd Rättvik-Holm"
    assert len(saved["participants"]) == len(page["minutes"]["participants"]) - 1
    assert saved["participants"][0]["evidence"] == page["minutes"]["participants"][0]["evidence"]


def test_a_date_not_in_the_contracts_form_stops_the_save(page):
    tab = page["tab"]
    date = tab.locator('#form [data-vid="meeting.date"] input')
    before = date.input_value()
    date.fill("12 mars 2024")
    downloads: list = []
    tab.on("download", lambda download: downloads.append(download))
    tab.click("#save")
    tab.wait_for_timeout(200)
    assert downloads == [] and "Rätta" in tab.locator("#status").inner_text()
    assert "invalid" in date.get_attribute("class")
    date.fill(before)
    assert tab.evaluate("review.corrected()")["meeting"]["date"] == (before or None)


def test_a_value_added_by_drawing_a_box_keeps_its_evidence(page):
    tab = page["tab"]
    tab.select_option("#add-kind", "signature")
    tab.click("#draw")
    first = tab.locator("#page-1 img")
    first.scroll_into_view_if_needed()
    # Around the words of the first value of the first page, where the extractor put its box.
    target = tab.locator("#page-1 .box").first
    b = target.bounding_box()
    tab.mouse.move(b["x"] - 2, b["y"] - 2)
    tab.mouse.down()
    tab.mouse.move(b["x"] + b["width"] + 2, b["y"] + b["height"] + 2, steps=4)
    tab.mouse.up()
    saved = tab.evaluate("review.corrected()")
    added = saved["signatures"][-1]
    assert added["evidence"]["page"] == 1 and added["evidence"]["end"] > added["evidence"]["start"]
    assert added["name"].strip()
    assert schema_errors(saved) == []


def test_a_screenshot_of_the_first_page_is_not_blank(page, tmp_path_factory):
    from PIL import Image, ImageStat

    tab = page["tab"]
    tab.locator("#page-1").scroll_into_view_if_needed()
    shots = Path(os.environ.get("PROTOKOLL_SCREENSHOTS") or tmp_path_factory.mktemp("shots"))
    shots.mkdir(parents=True, exist_ok=True)
    path = shots / f"{page['pdf'].stem}.png"
    tab.screenshot(path=str(path))
    image = Image.open(path).convert("L")
    # A page of text on white, boxes and a form: many tones, not one flat colour.
    assert ImageStat.Stat(image).stddev[0] > 20
    assert len(image.getcolors(maxcolors=1 << 16) or range(1 << 16)) > 50


def minutes_pages(minutes: dict) -> range:
    return range(minutes["source"]["pages"])


def test_a_15_page_protocol_stays_under_3_mb():
    pdf = corpus_pdf("born-digital", range(14, 16))
    images = page_images(pdf)
    size = sum(len(i["image"]) for i in images)
    assert size < 3e6 * len(images) / 15, (pdf.name, size)


# ---------------------------------------------------------------------------- the commands

def _protokoll(*args: str):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True, timeout=600,
                          env=dict(os.environ, PYTHONPATH=str(REPO)))


def _embedded(page: Path) -> dict:
    text = page.read_text("utf-8")
    start = text.index('<script id="review-data" type="application/json">') + len('<script id="review-data" type="application/json">')
    return json.loads(text[start:text.index("</script>", start)])


def test_review_command_from_the_pdf_its_json_or_a_gold_file(tmp_path):
    done = _protokoll("review", str(EXAMPLE), "-o", str(tmp_path / "page.html"))
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "page.html").read_text("utf-8")
    # Self-contained: no address outside the file to fetch.
    assert "http://" not in page.replace('"http://', "") and 'src="http' not in page and "<link" not in page
    shown = _embedded(tmp_path / "page.html")
    assert shown["minutes"]["participants"] and all("box" in p["evidence"] for p in shown["minutes"]["participants"])
    assert [p["number"] for p in shown["pages"]] == [1, 2] and shown["pages"][0]["image"].startswith("data:image/jpeg")

    gold = REPO / "examples" / "styrelsemote-exempel.gold.json"
    done = _protokoll("review", str(EXAMPLE), "--gold", str(gold), "-o", str(tmp_path / "gold.html"))
    assert done.returncode == 0, done.stderr
    shown = _embedded(tmp_path / "gold.html")
    assert shown["gold"] is True
    assert [p["name"] for p in shown["minutes"]["participants"]] == [p["name"] for p in json.loads(gold.read_text("utf-8"))["participants"]]
    assert all("box" in p["evidence"] for p in shown["minutes"]["participants"])

    done = _protokoll("review", str(EXAMPLE), "--gold", str(gold), "--json", str(gold), "-o", str(tmp_path / "both.html"))
    assert done.returncode == 2 and "not both" in done.stderr


def test_batch_review_writes_a_page_beside_each_json(tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "in" / "mote.pdf")
    done = _protokoll("batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1", "--review")
    assert done.returncode == 0, done.stderr
    page = tmp_path / "out" / "mote.html"
    shown = _embedded(page)
    assert shown["minutes"] == json.loads((tmp_path / "out" / "mote.json").read_text("utf-8"))
    written = page.stat().st_mtime
    # A rerun leaves an up-to-date page alone.
    assert _protokoll("batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1", "--review").returncode == 0
    assert page.stat().st_mtime == written


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")
def test_batch_review_ocrs_a_scan_once(tmp_path):
    """The review page is drawn from the pages the batch's worker read: Tesseract runs once a page."""
    import subprocess
    import sys

    (tmp_path / "in").mkdir()
    scanned_copy(EXAMPLE, tmp_path / "in" / "skannat.pdf", dpi=200)
    # Real Tesseract behind a wrapper that notes each page it is asked to read.
    tools, log = tmp_path / "bin", tmp_path / "tesseract.log"
    tools.mkdir()
    wrapper = tools / "tesseract"
    wrapper.write_text(f'#!/bin/sh\ncase "$*" in *tsv*) echo page >> "{log}";; esac\nexec {shutil.which("tesseract")} "$@"\n')
    wrapper.chmod(0o755)
    env = dict(os.environ, PYTHONPATH=str(REPO), PATH=f"{tools}:{os.environ['PATH']}", TMPDIR=str(tmp_path))
    done = subprocess.run([sys.executable, "-m", "extractor", "batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
                           "-j", "1", "--review"], capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stderr
    shown = _embedded(tmp_path / "out" / "skannat.html")
    assert shown["minutes"]["participants"] and all("box" in p["evidence"] for p in shown["minutes"]["participants"])
    pages = json.loads((tmp_path / "out" / "skannat.json").read_text("utf-8"))["source"]["pages"]
    assert log.read_text().count("page") == pages
    # The pages kept for the review are gone once it is written.
    assert not list(tmp_path.glob("protokoll-review-pages-*"))
