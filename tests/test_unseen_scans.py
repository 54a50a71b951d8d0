"""The invented kinds of tests/test_unseen_kinds.py printed and scanned (pdf_factory.scanned_copy:
200 dpi, turned 0.4 degrees, specks, a slight blur) and read through real Tesseract: what a scan
costs on layouts the extractor was not written for.

First sight, the first 11 kinds, scanned and read by the code before the fixes below (commit
1272f41): mean overall field F1 0.724 against 0.874 for the same documents born digital; union
club 0.41 (no items: "§ 2." read as "82."), church council 0.61 ("8 14", "815" for § 14, § 15),
pensioners 0.75, sports club 0.51 (bold unnumbered headings: OCR gave no weight).

General causes fixed: the § sign read as a digit before the number (numbering.sign_read_as_digit,
taken where the sequence of § numbers wants it); the weight of a word measured from the image
(ocr.mark_bold) and the face size from the box and the letters in it (ocr.face_size), so that a
scan's bold headings count as a text layer's do.

The fourth round's kinds at this scan, first sight (the code of commit f284b9a): board with two
columns 0.0 (no items: a page number "1 (1)" read as "161)" counted as a list number and hid the
§ signs OCR read as "$", "&"), committee extract 0.752 ("Beslutande -": a speck after the heading
in its cell), orienteering annual meeting 0.785 ("Punkt .6."). Fixed -> 0.94, 0.922, 0.98: a list
number in the right half of the text is none (segment._pick_numbered), the specks below (the
board's chair, behind a quote mark, is found now; OCR misspelt the role beside her).

Scans a reader brings are worse: 150 dpi, turned 1.0 degree, half again as many specks
(HARSH_SCAN, six kinds: HARSH_KINDS). First sight, by the code of commit f284b9a, all six 1.0
born digital: church council 0.651, union club 0.787, tenants 0.735, pensioners 0.866, board with
two columns 0.669, parent association 0.883; mean 0.765. At 150 dpi Tesseract reads most words,
but the specks become marks at a line's edges ("'$1 Öppnande", ": 8 5 Budget", "Val av
justerare | : | z", '"Sekreterare', "... i maj. ' Mötet beslöt"), which hid item numbers, labels
and headings, moved a heading's left edge off the item margin and joined two sentences.

Fixed: the marks specks leave are one notion, numbering.without_specks and leading_specks (the
marks are data in vocabulary/numbering.toml; a dash only where it touches the next word, as "- "
is a bullet), read past before an item number, an item word's number ("Punkt .6."), a heading or
label (matching.match_heading, attendance_heading) or a name (fields/participants.py) and cut
after a title; the item margin
measured where the number stands (segment._number_x0); sentences split across a speck
(fields/items.py): mean 0.765 -> 0.834 (church council 0.686, union club 0.847, tenants 0.914,
pensioners 0.947, board 0.725, parent association 0.883). Still lost: words OCR misspells past
matching ("Venåela", "Ört och dattäz", "förhandiing"), a signing block of dotted lines read as
noise, speck cells that join two columns into one line, a semicolon read for a comma ("Sixten
Hed; kassör"), and a head whose face sizes the specks distort (ocr.face_size; deskewing and
speck removal before OCR belong to ocr.py, outside these fields).
"""
from __future__ import annotations

import json
from statistics import mean

import pytest

from extractor import extract
from extractor.evaluate import score_document
from extractor.ocr import tesseract_path
from pdf_factory import scanned_copy, write_pdf
from test_unseen_kinds import KINDS, NOT_YET_SCANNED

pytestmark = pytest.mark.skipif(tesseract_path() is None, reason="Tesseract is not installed")

# OCR slips in names and words ("Wäll" for "Wall") cost a scan something on any layout.
MOST_LOST_BY_ONE = 0.2
MOST_LOST_ON_AVERAGE = 0.05


def _digital_and_scanned(folder, kinds, **scan) -> dict[str, tuple[float, float]]:
    """Each kind's overall field F1 born digital and printed and scanned as ``scan`` says."""
    found = {}
    for kind in kinds:
        pages, gold = KINDS[kind]
        pdf = write_pdf(folder / f"{kind}.pdf", pages)
        scanned = scanned_copy(pdf, folder / f"{kind}-scan.pdf", seed=len(kind), **scan)
        found[kind] = tuple(score_document(json.loads(extract(path).to_json()), gold).overall_f1 for path in (pdf, scanned))
    return found


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict[str, tuple[float, float]]:
    return _digital_and_scanned(tmp_path_factory.mktemp("unseen-scans"), [k for k in KINDS if k not in NOT_YET_SCANNED],
                                dpi=200, skew=0.4, noise=0.002, blur=0.6)


def test_each_unseen_kind_survives_a_scan(scores):
    lost = {kind: round(digital - scanned, 3) for kind, (digital, scanned) in scores.items()
            if digital - scanned > MOST_LOST_BY_ONE}
    assert not lost, lost


def test_a_scan_costs_little_on_average(scores):
    assert mean(digital - scanned for digital, scanned in scores.values()) <= MOST_LOST_ON_AVERAGE, scores


def test_bold_headings_of_a_scan_are_bold_and_sized_like_the_text(tmp_path):
    from extractor.layout import find_layout
    from extractor.read_pages import read_document

    pdf = write_pdf(tmp_path / "m.pdf", [[
        [(20, "Protokoll fört vid styrelsemöte i Ekbackens båtklubb den 2 april 2024")],
        *[row for title, text in (
            ("Öppnande", "Ordföranden öppnade mötet och hälsade alla välkomna till säsongen."),
            ("Hamnavgifter", "Kassören gick igenom avgifterna för platserna vid bryggan i Ekviken."),
            ("Sjösättning", "Sjösättningen sker den fjärde maj om vädret tillåter det, annars en vecka senare."),
            ("Övriga frågor", "Inga övriga frågor togs upp av de närvarande ledamöterna denna gång."),
        ) for row in ([(20, f"**{title}")], [(20, text)], [(20, "Frågan diskuterades och lades därefter till handlingarna.")])],
    ]], footer=False)
    scan = scanned_copy(pdf, tmp_path / "scan.pdf", dpi=200, skew=0.3, blur=0.5)
    lines = [line for page in find_layout(read_document(scan)).pages for line in page.lines]
    assert [line.text for line in lines if line.bold] == ["Öppnande", "Hamnavgifter", "Sjösättning", "Övriga frågor"]
    # The face size does not follow the letters' reach: "Övriga frågor" is as large as "Hamnavgifter".
    body = [line.size for line in lines if not line.bold]
    assert max(body) / min(body) < 1.1


# A handful of kinds of each layout: a municipal head in columns, a club with "§ N." items, lists in
# sentences, written dates, two attendance columns with a dotted signing block, names run on.
HARSH_KINDS = ["church-council", "union-club", "tenants-sentence-lists", "pensioners-written-dates",
               "board-two-columns-dotted-signing", "parent-association-run-on-names"]
HARSH_SCAN = {"dpi": 150, "skew": 1.0, "noise": 0.003, "blur": 0.6}
# What such a scan costs now (the first sight lost 0.235 on average, 0.349 at most; now 0.166 and
# 0.314): a guard against losing more, to be tightened as the causes in the docstring are fixed.
HARSH_MOST_LOST_BY_ONE = 0.33
HARSH_MOST_LOST_ON_AVERAGE = 0.18


@pytest.fixture(scope="module")
def harsh_scores(tmp_path_factory) -> dict[str, tuple[float, float]]:
    return _digital_and_scanned(tmp_path_factory.mktemp("harsh-scans"), HARSH_KINDS, **HARSH_SCAN)


def test_a_reader_s_worse_scan_costs_no_more_than_it_did(harsh_scores):
    lost = {kind: round(digital - scanned, 3) for kind, (digital, scanned) in harsh_scores.items()}
    assert max(lost.values()) <= HARSH_MOST_LOST_BY_ONE, lost
    assert mean(lost.values()) <= HARSH_MOST_LOST_ON_AVERAGE, lost
