"""Stage 1, read pages: a PDF file in, positioned words per page out.

Each page is read from its text layer (pdfplumber) when it has a usable one
and OCR'd with Tesseract otherwise; the decision is made page by page because
files mix born-digital and scanned pages.
"""
from __future__ import annotations

import hashlib
import io
import logging
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

# pdfminer logs every oddity of a damaged file as a warning; what matters reaches the
# document's warnings or its error, and stderr stays one line per failure.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

_BOLD_FONT = regex.compile(r"bold|black|heavy|semibold|demi|\bbx", regex.IGNORECASE)

MAX_FILE_BYTES = 1 << 30
# Text kept per page and per document: a dense page holds about 6,000 characters, so these only
# stop a file made to exhaust memory (a million text operators), before any later stage sees it.
MAX_PAGE_CHARS = 200_000
MAX_DOCUMENT_CHARS = 3_000_000
# A page's content streams, decoded, and the text-showing operators in them: a page of minutes
# has a few kB and a few thousand; checked before either parser lays the page out, since both
# hold every text object in memory (a million operators took 2 GB; PDFium aborts past its limit).
MAX_CONTENT_BYTES = 64 << 20
MAX_TEXT_OPERATORS = 200_000
_TEXT_OPERATOR = regex.compile(rb"(?:T[jJ]|['\"])(?=[\s\[(<])")
# Codes a font's ToUnicode map may cover with its ranges: pdfminer expands every range into a
# table, so a map of a few hundred bytes claiming 16 million or 4 billion codes took all memory.
# A full two-byte font covers 65,536.
MAX_FONT_MAP_CODES = 1 << 20
MAX_FONT_MAP_BYTES = 4 << 20
_BFRANGE_BLOCK = regex.compile(rb"beginbfrange(.*?)endbfrange", regex.DOTALL)
_BFRANGE = regex.compile(rb"<\s*([0-9A-Fa-f\s]+)>\s*<\s*([0-9A-Fa-f\s]+)>")
MIN_LAYER_CHARS = 20
# A page this much covered by images is a scan (its text layer, if any, came from a scanner's OCR).
SCAN_COVERAGE = 0.5


# Inputs up to this size are parsed from memory; larger ones from a private copy (a long scan),
# so that a worker does not hold a file of hundreds of MB beside its pages.
IN_MEMORY_BYTES = 64 << 20


def read_input(path: Path) -> tuple[str, "bytes | Path"]:
    """The input's sha256 and its bytes (or a private copy of a large file), read once: the
    sha256 recorded and the pages parsed come from the same bytes even when the file is replaced
    while it is read. The caller removes a copy."""
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise errors.ExtractionError(f"{path}: the file is {size >> 20} MB, over the 1024 MB limit", "too-large")
            data = handle.read(IN_MEMORY_BYTES + 1)
            if len(data) > IN_MEMORY_BYTES:
                return _private_copy(path, handle, data)
    except FileNotFoundError:
        raise errors.NotFoundError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise errors.NotPdfError(f"{path}: is a folder, not a PDF file") from None
    except OSError as exc:  # no permission, a path over the length limit, an I/O error
        raise errors.ExtractionError(f"{path}: the file cannot be read ({exc.strerror or exc})", "unreadable") from None
    if not data:
        raise errors.EmptyFileError(f"{path}: the file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise errors.ExtractionError(f"{path}: the file is over the 1024 MB limit", "too-large")
    if b"%PDF-" not in data[:1024]:
        raise errors.NotPdfError(f"{path}: not a PDF file (no %PDF header)")
    return hashlib.sha256(data).hexdigest(), data


def _private_copy(path: Path, handle, head: bytes) -> tuple[str, Path]:
    import tempfile

    if b"%PDF-" not in head[:1024]:
        raise errors.NotPdfError(f"{path}: not a PDF file (no %PDF header)")
    digest = hashlib.sha256(head)
    fd, name = tempfile.mkstemp(prefix="protokoll-input-", suffix=".pdf")
    try:
        with os.fdopen(fd, "wb") as copy:
            copy.write(head)
            total = len(head)
            for block in iter(lambda: handle.read(1 << 20), b""):
                total += len(block)
                if total > MAX_FILE_BYTES:
                    raise errors.ExtractionError(f"{path}: the file is over the 1024 MB limit", "too-large")
                digest.update(block)
                copy.write(block)
    except BaseException:
        os.unlink(name)
        raise
    return digest.hexdigest(), Path(name)


def _decoded_prefix(stream, limit: int) -> bytes:
    """A content stream's decoded bytes, at most ``limit`` + 1 of them: a compression bomb is
    measured without being inflated whole."""
    filters = stream.get_filters()
    if len(filters) == 1 and str(filters[0][0]).strip("/'") in ("FlateDecode", "Fl") and stream.rawdata is not None:
        import zlib

        try:
            return zlib.decompressobj().decompress(stream.rawdata, limit + 1)
        except zlib.error:
            pass  # pdfminer's own decoder is more forgiving: let it try
    return stream.get_data()[: limit + 1]


def _font_map_codes(stream) -> int:
    """How many codes the ranges of a ToUnicode map claim (more than the limit when it is too large)."""
    data = _decoded_prefix(stream, MAX_FONT_MAP_BYTES)
    if len(data) > MAX_FONT_MAP_BYTES:
        return MAX_FONT_MAP_CODES + 1
    codes = 0
    for block in _BFRANGE_BLOCK.findall(data):
        # Each entry is <first> <last> <target> or <first> <last> [...]: the pairs that start an entry.
        for first, last in _BFRANGE.findall(regex.sub(rb"\[[^\]]*\]", b" ", block)):
            try:
                codes += max(0, int(last.replace(b" ", b"") or b"0", 16) - int(first.replace(b" ", b"") or b"0", 16) + 1)
            except ValueError:
                continue
    return codes


def _page_fonts(plumber_page):
    from pdfminer.pdftypes import resolve1

    resources = resolve1(plumber_page.page_obj.resources) or {}
    fonts = resolve1(resources.get("Font")) if isinstance(resources, dict) else None
    return [resolve1(font) for font in (fonts or {}).values()] if isinstance(fonts, dict) else []


def check_page_content(plumber_page, number: int, shown: str) -> None:
    """Refuse a page whose content is far beyond any page of minutes, before it is laid out."""
    from pdfminer.pdftypes import resolve1

    for font in _page_fonts(plumber_page):
        to_unicode = resolve1(font.get("ToUnicode")) if isinstance(font, dict) else None
        if hasattr(to_unicode, "get_filters") and _font_map_codes(to_unicode) > MAX_FONT_MAP_CODES:
            raise errors.ExtractionError(
                f"{shown}: page {number} has a font whose character map claims more than {MAX_FONT_MAP_CODES} "
                "codes, far beyond any real font; not read", "page-too-large")
    size = operators = 0
    for ref in plumber_page.page_obj.contents or []:
        stream = resolve1(ref)
        if not hasattr(stream, "get_filters"):
            continue
        data = _decoded_prefix(stream, MAX_CONTENT_BYTES - size)
        size += len(data)
        operators += len(_TEXT_OPERATOR.findall(data))
        if size > MAX_CONTENT_BYTES or operators > MAX_TEXT_OPERATORS:
            raise errors.ExtractionError(
                f"{shown}: page {number} draws more than {MAX_CONTENT_BYTES >> 20} MB or {MAX_TEXT_OPERATORS} "
                "pieces of text, far beyond any page of minutes; not read", "page-too-large")


def _open_plumber(data: "bytes | Path") -> pdfplumber.PDF:
    return pdfplumber.open(io.BytesIO(data) if isinstance(data, bytes) else str(data))


def _open_pdfium(path: Path, data: "bytes | Path") -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data if isinstance(data, bytes) else str(data))
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise errors.EncryptedPdfError(f"{path}: the PDF is encrypted with a password") from None
        # PDFium refuses a well-formed file with an empty page tree; pdfminer tells that case apart.
        try:
            with _open_plumber(data) as plumber:
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


def _layer_words(plumber_page: pdfplumber.page.Page, warnings: list[str] | None = None,
                 number: int = 0) -> list[Word]:
    chars = layer_chars(plumber_page)
    if len(chars) > MAX_PAGE_CHARS:
        if warnings is not None:
            warnings.append(f"page {number}: {len(chars)} characters, more than any page of minutes; "
                            f"only the first {MAX_PAGE_CHARS} read")
        chars = chars[:MAX_PAGE_CHARS]
    words = pdfplumber.utils.extract_words(
        join_accents(chars),
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
    shown = errors.printable(os.fsdecode(path))  # messages and the output name: valid UTF-8, nothing hidden
    sha, data = read_input(path)
    try:
        return _read_pages(shown, sha, data, ocr)
    finally:
        if isinstance(data, Path):
            data.unlink(missing_ok=True)


def _read_pages(shown: str, sha: str, data: "bytes | Path", ocr: bool) -> Document:
    pdf = _open_pdfium(Path(shown), data)
    warnings: list[str] = []
    try:
        page_count = len(pdf)
        if page_count == 0:
            raise errors.NoPagesError(f"{shown}: the PDF has no pages")
        try:
            plumber = _open_plumber(data)
            plumber_count = len(plumber.pages)
        except errors.ExtractionError:
            raise
        except Exception as exc:  # pdfminer raises many types for damaged files
            raise errors.DamagedPdfError(f"{shown}: the PDF cannot be parsed ({type(exc).__name__})") from exc
        with plumber:
            if plumber_count < page_count:
                # Each page is read with both parsers; a page tree they read differently is damaged.
                raise errors.DamagedPdfError(f"{shown}: the PDF's page tree is damaged ({page_count} pages for "
                                             f"one parser, {plumber_count} for the other)")
            pages = []
            chars = 0
            for index in range(page_count):
                if chars > MAX_DOCUMENT_CHARS:
                    warnings.append(f"pages {index + 1}-{page_count} not read: the document already has "
                                    f"more than {MAX_DOCUMENT_CHARS} characters")
                    break
                try:
                    plumber_page = plumber.pages[index]
                    check_page_content(plumber_page, index + 1, shown)
                    pdfium_page = pdf[index]
                    page = _read_page(pdfium_page, plumber_page, index + 1, ocr, warnings)
                except (errors.ExtractionError, MemoryError):
                    raise
                except Exception as exc:
                    if _out_of_memory(exc):  # pdfplumber wraps pdfminer's MemoryError in its own
                        raise MemoryError() from exc
                    # The parsers' own failures on a damaged page (a non-numeric page size, a loop
                    # in the page tree, nesting past the recursion limit): the input's fault.
                    raise errors.DamagedPdfError(f"{shown}: page {index + 1} is damaged and cannot be read "
                                                 f"({type(exc).__name__}: {exc})") from exc
                pages.append(page)
                chars += sum(len(w.text) + 1 for w in page.words)
                # Release each page's parsed objects at once: a 200-page file would
                # otherwise hold every page's characters until the end.
                plumber_page.close()
                pdfium_page.close()
    finally:
        pdf.close()
    return Document(path=shown, sha256=sha, pages=pages, warnings=warnings)


def _out_of_memory(exc: BaseException) -> bool:
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, MemoryError):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _read_page(pdfium_page, plumber_page, number: int, ocr: bool, warnings: list[str]) -> Page:
    width, height = pdfium_page.get_size()
    char_count = pdfium_page.get_textpage().count_chars()
    coverage, scan_dpi = _image_coverage(pdfium_page)
    page = Page(number=number, width=width, height=height, source="text-layer")
    if char_count >= MIN_LAYER_CHARS:
        try:
            page.words = _layer_words(plumber_page, warnings, number)
        except Exception as exc:
            if _out_of_memory(exc):
                raise MemoryError() from exc
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
             size=w.size, bold=w.bold, confidence=w.confidence)
        for w in ocr_page(pdfium_page, scan_dpi=scan_dpi)
    ]
    low = [w for w in page.words if w.confidence is not None and w.confidence < 50]
    if page.words and len(low) / len(page.words) > 0.2:
        warnings.append(f"page {number}: OCR is unsure of {len(low)} of {len(page.words)} words")
    return page
