"""Stage 1, read pages: a PDF file in, positioned words per page out.

Each page is read from its text layer (pdfplumber) when it has a usable one
and OCR'd with Tesseract otherwise; the decision is made page by page because
files mix born-digital and scanned pages.
"""
from __future__ import annotations

import os
from pathlib import Path

import pdfplumber
import pdfplumber.utils
import pypdfium2 as pdfium
import regex
from pdfminer.layout import LTChar, LTContainer

from extractor import errors
from extractor.document import Document, Page, Word
from extractor.ocr import ocr_page
from extractor.text_normalise import join_accents, join_words, plain_text
from extractor.text_quality import assess
from extractor.vocab import load
from extractor.writer import file_sha256

_BOLD_FONT = regex.compile(r"bold|black|heavy|semibold|demi|\bbx", regex.IGNORECASE)

MAX_FILE_BYTES = 1 << 30
MIN_LAYER_CHARS = 20
# A page this much covered by images is a scan (its text layer, if any, came from a scanner's OCR).
SCAN_COVERAGE = 0.5


def _check_file(path: Path) -> None:
    if not path.exists():
        raise errors.NotFoundError(f"{path}: no such file")
    if path.is_dir():
        raise errors.NotPdfError(f"{path}: is a folder, not a PDF file")
    size = path.stat().st_size
    if size == 0:
        raise errors.EmptyFileError(f"{path}: the file is empty")
    if size > MAX_FILE_BYTES:
        raise errors.ExtractionError(f"{path}: the file is {size >> 20} MB, over the 1024 MB limit", "too-large")
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        raise errors.NotPdfError(f"{path}: not a PDF file (no %PDF header)")


def _open_pdfium(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise errors.EncryptedPdfError(f"{path}: the PDF is encrypted with a password") from None
        # PDFium refuses a well-formed file with an empty page tree; pdfminer tells that case apart.
        try:
            with pdfplumber.open(str(path)) as plumber:
                empty = len(plumber.pages) == 0
        except Exception:
            empty = False
        if empty:
            raise errors.NoPagesError(f"{path}: the PDF has no pages") from None
        raise errors.DamagedPdfError(f"{path}: the PDF is damaged or truncated ({exc})") from None


def layer_chars(plumber_page: pdfplumber.page.Page) -> list[dict]:
    """The page's characters as pdfplumber's char dicts, with only the keys word-cutting needs.

    ``Page.chars`` resolves every attribute of every character (colours, colour
    spaces, matrices) and costs three times pdfminer's own parse; this reads
    pdfminer's layout objects directly and converts coordinates the way
    pdfplumber does (top-left origin, MediaBox offset), so the words are the same.
    """
    height, initial_doctop = plumber_page.height, plumber_page.initial_doctop
    mb_x0, mb_top = plumber_page.mediabox[:2]
    chars: list[dict] = []

    def collect(objects) -> None:
        for obj in objects:
            if isinstance(obj, LTChar):
                top = height - obj.y1 + mb_top
                fontname = obj.fontname
                if isinstance(fontname, bytes):
                    fontname = fontname.decode("latin-1")
                chars.append({
                    "text": obj.get_text(), "x0": obj.x0 + mb_x0, "x1": obj.x1 + mb_x0,
                    "top": top, "bottom": height - obj.y0 + mb_top, "doctop": initial_doctop + top,
                    "upright": obj.upright, "fontname": fontname, "size": obj.size,
                })
            elif isinstance(obj, LTContainer):  # a Form XObject (LTFigure) holds characters too
                collect(obj)

    collect(plumber_page.layout)
    return chars


def _layer_words(plumber_page: pdfplumber.page.Page) -> list[Word]:
    words = pdfplumber.utils.extract_words(
        join_accents(layer_chars(plumber_page)),
        x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False, extra_attrs=["fontname", "size"],
    )
    result = []
    for w in words:
        # The glyphs' boxes have already put accents on their letters (join_accents).
        text = plain_text(w["text"]).strip()
        if not text or not w.get("upright", True):
            continue
        result.append(
            Word(
                text=text, x0=w["x0"], x1=w["x1"], top=w["top"], bottom=w["bottom"],
                font=w.get("fontname", ""), size=float(w.get("size") or 0.0),
                bold=bool(_BOLD_FONT.search(w.get("fontname", ""))),
            )
        )
    return join_words(result)


def _image_coverage(page: pdfium.PdfPage) -> tuple[float, float | None]:
    """Share of the page area covered by images, and the largest image's resolution in dpi."""
    width, height = page.get_size()
    covered, best_dpi, best_area = 0.0, None, 0.0
    for obj in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        area = max(0.0, right - left) * max(0.0, top - bottom)
        covered += area
        if area > best_area and right > left:
            best_area = area
            px_width, _ = obj.get_px_size()
            best_dpi = px_width / ((right - left) / 72.0)
    return min(1.0, covered / (width * height or 1.0)), best_dpi


def _own_layer(char_count: int, coverage: float) -> bool:
    """A text layer of the page's own: enough characters, and no scan image under them."""
    return char_count >= MIN_LAYER_CHARS and coverage < SCAN_COVERAGE


def is_born_digital(pdfium_page: pdfium.PdfPage) -> bool:
    """Whether the page has a text layer of its own, not a scan (with or without a scanner's OCR layer)."""
    return _own_layer(pdfium_page.get_textpage().count_chars(), _image_coverage(pdfium_page)[0])


def read_document(path: str | os.PathLike, *, ocr: bool = True) -> Document:
    """Read every page of the PDF at ``path``; raise an ``ExtractionError`` for unreadable input."""
    path = Path(path)
    _check_file(path)
    sha = file_sha256(path)
    pdf = _open_pdfium(path)
    warnings: list[str] = []
    try:
        page_count = len(pdf)
        if page_count == 0:
            raise errors.NoPagesError(f"{path}: the PDF has no pages")
        try:
            plumber = pdfplumber.open(str(path))
        except Exception as exc:  # pdfminer raises many types for damaged files
            raise errors.DamagedPdfError(f"{path}: the PDF cannot be parsed ({type(exc).__name__})") from None
        with plumber:
            pages = []
            for index in range(page_count):
                plumber_page, pdfium_page = plumber.pages[index], pdf[index]
                pages.append(_read_page(pdfium_page, plumber_page, index + 1, ocr, warnings))
                # Release each page's parsed objects at once: a 200-page file would
                # otherwise hold every page's characters until the end.
                plumber_page.close()
                pdfium_page.close()
    finally:
        pdf.close()
    return Document(path=str(path), sha256=sha, pages=pages, warnings=warnings)


def _read_page(pdfium_page, plumber_page, number: int, ocr: bool, warnings: list[str]) -> Page:
    width, height = pdfium_page.get_size()
    char_count = pdfium_page.get_textpage().count_chars()
    coverage, scan_dpi = _image_coverage(pdfium_page)
    page = Page(number=number, width=width, height=height, source="text-layer")
    if char_count >= MIN_LAYER_CHARS:
        try:
            page.words = _layer_words(plumber_page)
        except Exception as exc:
            warnings.append(f"page {number}: the text layer could not be read ({type(exc).__name__}); OCR used")
            page.words = []
        if page.words and _own_layer(char_count, coverage):
            return page  # born-digital: its own layer is the best text there is
        quality = assess(" ".join(w.text for w in page.words))
        # A scan with a text layer: keep the layer when it is real readable text,
        # not garbage and not just a stamped page number over the image.
        if page.words and quality.usable and quality.tokens >= load("layout")["quality"]["min_tokens"]:
            return page
        if page.words:
            warnings.append(f"page {number}: the scan's text layer is unusable ({quality.describe()}, {quality.tokens} words); page OCR'd")
    if coverage < 0.05 and char_count == 0:
        return page  # a blank page: nothing drawn to read
    if not ocr:
        warnings.append(f"page {number}: no usable text layer and OCR is off; page left empty")
        return page
    page.source = "ocr"
    page.words = [
        Word(text=w.text, x0=w.x0, x1=w.x1, top=w.top, bottom=w.bottom,
             size=w.size, confidence=w.confidence)
        for w in ocr_page(pdfium_page, scan_dpi=scan_dpi)
    ]
    low = [w for w in page.words if w.confidence is not None and w.confidence < 50]
    if page.words and len(low) / len(page.words) > 0.2:
        warnings.append(f"page {number}: OCR is unsure of {len(low)} of {len(page.words)} words")
    return page
