"""Write small PDFs of minutes for tests and the bundled example, with fpdf2's core fonts.

A page is a list of rows; a row is a list of (x in mm, text) cells, so that
tables and two-column signature blocks come out as real columns. A row whose
text starts with "**" is set in bold.
"""
from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

Row = list[tuple[float, str]]


def write_pdf(path: str | Path, pages: list[list[Row]], *, font_size: float = 10.5, footer: bool = True) -> Path:
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.core_fonts_encoding = "windows-1252"  # en dashes and Swedish letters with the core fonts
    for number, rows in enumerate(pages, start=1):
        pdf.add_page()
        y = 20.0
        for row in rows:
            if not row:
                y += 3
                continue
            for x, text in row:
                bold = text.startswith("**")
                pdf.set_font("Helvetica", "B" if bold else "", font_size + (2 if bold and x <= 20 and y < 40 else 0))
                pdf.set_xy(x, y)
                pdf.cell(0, 5, text.removeprefix("**"))
            y += 6
        if footer:
            pdf.set_font("Helvetica", "", 8)
            pdf.set_xy(180, 285)
            pdf.cell(0, 4, f"{number} ({len(pages)})")
    path = Path(path)
    pdf.output(str(path))
    return path


def scanned_copy(pdf: str | Path, target: str | Path, *, dpi: int = 200, skew: float = 0.0,
                 noise: float = 0.0, blur: float = 0.0, seed: int = 0) -> Path:
    """``pdf`` as if printed and scanned: each page an image (grey, ``dpi``), turned by ``skew``
    degrees, with ``noise`` (the share of pixels flipped to specks) and a ``blur`` radius in pixels,
    wrapped as a PDF with no text layer."""
    import random

    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    document = pdfium.PdfDocument(str(pdf))
    images = []
    for page in document:
        image = page.render(scale=dpi / 72).to_pil().convert("L")
        if skew:
            image = image.rotate(skew, resample=Image.BICUBIC, expand=False, fillcolor=255)
        if blur:
            image = image.filter(ImageFilter.GaussianBlur(blur))
        if noise:
            pixels = image.load()
            width, height = image.size
            for _ in range(int(width * height * noise)):
                pixels[rng.randrange(width), rng.randrange(height)] = rng.choice((0, 90, 200))
        images.append(image)
    document.close()
    target = Path(target)
    images[0].save(target, "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return target
