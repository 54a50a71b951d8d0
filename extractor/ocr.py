"""OCR of pages without a usable text layer: render, deskew, Tesseract ``swe`` words with boxes.

Measured on 2-core machines with mildly degraded scans: 200 dpi with one
Tesseract thread per process is fastest with no loss of accuracy (its own
threading was 3-4x slower), and deskewing first cut the character error rate
from about 0.9% to 0.25%. Words are taken from Tesseract's TSV with their boxes,
so the layout stage groups them into lines the same way as text-layer words.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import regex
from PIL import Image

from extractor import errors
from extractor.text_normalise import join_words, normalise_text

LANGUAGE = os.environ.get("PROTOKOLL_OCR_LANG", "swe")
TARGET_DPI = 200
MAX_DPI = 300
MAX_SKEW_DEGREES = 3.0
SKEW_STEP = 0.25
TESSERACT_TIMEOUT_S = 240
# Pixels a page may be rendered with for OCR: an A0 sheet still gets 160 dpi, an A4 page any
# resolution up to MAX_DPI; beyond it the page is rendered at a lower resolution, and below
# MIN_DPI (text no longer readable) refused, before any memory is taken for the image.
MAX_RENDER_PIXELS = 40_000_000
MIN_DPI = 72


@dataclass
class OcrWord:
    text: str
    x0: float  # PDF points, top-left origin
    x1: float
    top: float
    bottom: float
    size: float
    confidence: float
    block: int
    line: int
    bold: bool = False


@lru_cache(maxsize=1)
def tesseract_path() -> str | None:
    return shutil.which("tesseract")


@lru_cache(maxsize=1)
def tesseract_languages() -> tuple[str, ...]:
    exe = tesseract_path()
    if not exe:
        return ()
    out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, check=False)
    return tuple(line.strip() for line in out.stdout.splitlines()[1:] if line.strip())


def tesseract_version() -> str | None:
    exe = tesseract_path()
    if not exe:
        return None
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, check=False)
    first = (out.stdout or out.stderr).splitlines()
    return first[0].strip() if first else None


def render_dpi(scan_dpi: float | None) -> int:
    """The scan's own resolution, upsampled to 200 dpi when lower and capped at 300."""
    if not scan_dpi:
        return TARGET_DPI
    return int(round(min(MAX_DPI, max(TARGET_DPI, scan_dpi))))


def _row_sharpness(ink: Image.Image, angle: float) -> float:
    rows = np.asarray(ink.rotate(angle, resample=Image.NEAREST, fillcolor=0)).sum(axis=1, dtype=np.float64)
    return float(np.sum(np.diff(rows) ** 2))


def skew_angle(gray: np.ndarray) -> float:
    """The rotation (degrees) that makes text rows sharpest: a projection-profile search.

    Coarse steps first, then the fine steps around the best coarse angle: the
    sharpness has one peak near the true skew, and half the rotations are saved.
    """
    image = Image.fromarray(gray)
    scale = 1000 / max(image.size)
    if scale < 1:
        image = image.resize((int(image.width * scale), int(image.height * scale)), Image.BILINEAR)
    ink = Image.fromarray(((np.asarray(image) < 160) * 255).astype(np.uint8))
    coarse_step = 4 * SKEW_STEP
    coarse = [float(a) for a in np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 1e-9, coarse_step)]
    best = max(coarse, key=lambda angle: _row_sharpness(ink, angle))
    fine = [best + k * SKEW_STEP for k in range(-3, 4) if abs(best + k * SKEW_STEP) <= MAX_SKEW_DEGREES + 1e-9]
    return float(max(fine, key=lambda angle: _row_sharpness(ink, angle)))


def _die_with_parent() -> None:
    """In Tesseract, before it starts: die when the process that started it dies, so a worker
    killed by the batch (or a batch killed with -9) leaves no Tesseract running."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
    except Exception:
        pass


def _run_tesseract(image: Image.Image) -> str:
    exe = tesseract_path()
    if not exe:
        raise errors.OcrUnavailableError("this page needs OCR but Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-swe)")
    if LANGUAGE not in tesseract_languages():
        raise errors.OcrUnavailableError(f"this page needs OCR but Tesseract has no '{LANGUAGE}' language pack (apt-get install tesseract-ocr-swe)")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    # An uncompressed TIFF in a file: encoding a PNG costs a tenth of the OCR
    # time, and Tesseract reads the same image from stdin 6 % slower than from a file.
    with tempfile.NamedTemporaryFile(prefix="protokoll-ocr-", suffix=".tif") as picture:
        image.save(picture, format="TIFF")
        picture.flush()
        try:
            done = subprocess.run(
                [exe, picture.name, "stdout", "-l", LANGUAGE, "--psm", "3", "-c", "preserve_interword_spaces=1", "tsv"],
                capture_output=True, env=env, timeout=TESSERACT_TIMEOUT_S, check=False,
                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
            )
        except subprocess.TimeoutExpired:
            raise errors.ExtractionError(f"Tesseract took more than {TESSERACT_TIMEOUT_S} s on one page", "ocr-timeout") from None
    if done.returncode != 0:
        raise errors.ExtractionError(f"Tesseract failed: {done.stderr.decode('utf-8', 'replace').strip()[:200]}", "ocr-failed")
    return done.stdout.decode("utf-8", "replace")


# Tesseract reads a paragraph sign at a line start as $, & or S followed by digits.
_SECTION_SIGN = regex.compile(r"^[$&]\s?(?=\d)")


# How far a word's letters reach, in ems, above the baseline and below it: a box around "one" is
# half as tall as one around "Övrig" in the same face. Dividing the box by its reach gives the face
# size, comparable from word to word and with a text layer's font size.
_X_HEIGHT, _ASCENDER, _ACCENTED_CAPITAL, _DESCENDER = 0.53, 0.73, 0.9, 0.21
_RISES = regex.compile(r"[\p{Lu}\dbdfhklitåäöéüÅÄÖ§$&()/|!?%]")
_ACCENTED_CAPITALS = regex.compile(r"[ÅÄÖÉÜ]")
_DESCENDS = regex.compile(r"[gjpqy,;()|§$]")


def face_size(text: str, height: float) -> float:
    """The face size of a word from its box's height and the letters in it."""
    if not regex.search(r"[\p{L}\d]", text):
        return height
    top = _ACCENTED_CAPITAL if _ACCENTED_CAPITALS.search(text) else (_ASCENDER if _RISES.search(text) else _X_HEIGHT)
    reach = top + (_DESCENDER if _DESCENDS.search(text) else 0.0)
    return height / reach


def parse_tsv(tsv: str, points_per_pixel: float) -> list[OcrWord]:
    words: list[OcrWord] = []
    first_in_line: set[tuple[int, int, int]] = set()
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") != "5":
            continue
        text = normalise_text(row.get("text") or "").strip()
        conf = float(row.get("conf") or -1)
        if not text or conf < 0:
            continue
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        if key not in first_in_line:
            first_in_line.add(key)
            text = _SECTION_SIGN.sub("§", text)
        left, top, width, height = (int(row[k]) for k in ("left", "top", "width", "height"))
        words.append(
            OcrWord(
                text=text, x0=left * points_per_pixel, x1=(left + width) * points_per_pixel,
                top=top * points_per_pixel, bottom=(top + height) * points_per_pixel,
                size=face_size(text, height * points_per_pixel), confidence=conf,
                block=key[0], line=key[0] * 10000 + key[1] * 100 + key[2],
            )
        )
    return join_words(words)


def _ink_threshold(gray: np.ndarray) -> int:
    """Otsu's grey level between ink and paper."""
    counts = np.bincount(gray.ravel(), minlength=256).astype(float)
    levels = np.arange(256)
    weight = np.cumsum(counts)
    mean = np.cumsum(counts * levels)
    total, total_mean = weight[-1], mean[-1]
    between = (total_mean * weight - mean * total) ** 2 / np.maximum(weight * (total - weight), 1.0)
    return int(np.argmax(between[:-1]))


def stroke_width(ink: np.ndarray) -> float:
    """The mean length, in pixels, of the runs of ink along the rows of a word's box: the width of
    its upright strokes, which a bold face makes about half as wide again."""
    starts = int((ink[:, 1:] & ~ink[:, :-1]).sum() + ink[:, 0].sum())
    return float(ink.sum()) / starts if starts else 0.0


# Strokes this much wider than the page's usual ones are bold (regular text measures 0.95-1.05 of
# the median on 200 dpi scans, bold 1.35-1.5); words shorter than this are weighed by their line.
_BOLD_RATIO = 1.25
_BOLD_MIN_LETTERS = 3
_BOLD_MIN_WORDS = 20


def mark_bold(words: list[OcrWord], gray: np.ndarray, points_per_pixel: float) -> None:
    """Set ``bold`` on words whose strokes are clearly wider than the page's usual ones: OCR gives
    no font, but a reader sees the weight, and headings are set in it."""
    ink = gray < _ink_threshold(gray)
    widths: list[float] = []
    for word in words:
        x0, x1 = int(word.x0 / points_per_pixel), int(word.x1 / points_per_pixel) + 1
        top, bottom = int(word.top / points_per_pixel), int(word.bottom / points_per_pixel) + 1
        widths.append(stroke_width(ink[top:bottom, x0:x1]))
    letters = [w for w, word in zip(widths, words) if len(word.text) >= _BOLD_MIN_LETTERS and w > 0]
    if len(letters) < _BOLD_MIN_WORDS:
        return
    # Not scaled by the face size: a large regular title read as bold is a heading all the same.
    usual = float(np.median(letters))
    by_line: dict[int, list[bool]] = {}
    for word, width in zip(words, widths):
        word.bold = width >= _BOLD_RATIO * usual
        if len(word.text) >= _BOLD_MIN_LETTERS:
            by_line.setdefault(word.line, []).append(word.bold)
    for word in words:
        if len(word.text) < _BOLD_MIN_LETTERS and by_line.get(word.line):
            # Too few strokes to weigh ("i", "§"): the weight of the words around it.
            votes = by_line[word.line]
            word.bold = 2 * sum(votes) > len(votes)


def ocr_image(image: Image.Image, dpi: int) -> list[OcrWord]:
    picture = image.convert("L")
    angle = skew_angle(np.asarray(picture))
    if abs(angle) >= SKEW_STEP:
        picture = picture.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    words = parse_tsv(_run_tesseract(picture), 72.0 / dpi)
    mark_bold(words, np.asarray(picture), 72.0 / dpi)
    return words


def bounded_dpi(width_pt: float, height_pt: float, dpi: int) -> int:
    """``dpi``, or the highest resolution at which the page stays within ``MAX_RENDER_PIXELS``;
    raises an ``ExtractionError`` (``page-too-large``) when that is below ``MIN_DPI``."""
    area = max(width_pt, 1.0) * max(height_pt, 1.0) / (72.0 * 72.0)  # square inches
    if area * dpi * dpi <= MAX_RENDER_PIXELS:
        return dpi
    fitted = int((MAX_RENDER_PIXELS / area) ** 0.5)
    if fitted < MIN_DPI:
        raise errors.ExtractionError(
            f"a page of {width_pt:.0f} x {height_pt:.0f} points needs OCR and is too large to render "
            f"(over {MAX_RENDER_PIXELS // 1_000_000} million pixels at {MIN_DPI} dpi)", "page-too-large")
    return fitted


def ocr_page(page, scan_dpi: float | None = None) -> list[OcrWord]:
    """OCR one pypdfium2 page; word boxes come back in PDF points."""
    dpi = bounded_dpi(*page.get_size(), render_dpi(scan_dpi))
    bitmap = page.render(scale=dpi / 72.0, grayscale=True)
    image = bitmap.to_pil()
    return ocr_image(image, dpi)
