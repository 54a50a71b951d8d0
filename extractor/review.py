"""A review page: every extracted value shown in a box on the page it came from, and corrected there.

``protokoll review FILE.pdf -o FILE.html`` (``review_file``) writes one self-contained HTML file (page images,
values, and the page's script and style inlined; nothing fetched) that opens from disk. Beside
the pages stands the document as a form; each value can be edited, deleted or added by drawing
a box, and "Save corrected JSON" downloads the corrected document. ``--gold`` opens a gold file
(the contract's values without source or evidence) instead, its values found again on the pages,
so that gold for a new corpus is made in the page and scored with ``protokoll eval``.
"""
from __future__ import annotations

import base64
import io
import json
import typing
from importlib import resources
from pathlib import Path

from extractor.document import Document
from extractor.layout import find_layout, word_spans
from extractor.provenance import Locator

# Page images: grey JPEG at this many pixels a point (1.4 is about 100 dpi, small print still
# readable) and quality. Measured on the corpus: the 15-page municipal protocol's page is 1.26 MB,
# scans come to 1.0-1.6 MB of images a 15 pages, under the 3 MB a page opened from a mail or a
# share should stay.
SCALE = 1.4
JPEG_QUALITY = 55

_ASSETS = "review_assets"


def page_images(pdf: str | Path, scale: float = SCALE, quality: int = JPEG_QUALITY) -> list[dict]:
    """Each page as ``{number, width, height, image}``: its size in points and a JPEG data URI."""
    import pypdfium2

    pages = []
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            image = page.render(scale=scale, grayscale=True).to_pil()
            buffer = io.BytesIO()
            image.save(buffer, format="JPEG", quality=quality, optimize=True)
            uri = "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
            pages.append({"number": index + 1, "width": round(width, 2), "height": round(height, 2), "image": uri})
            page.close()
    finally:
        document.close()
    return pages


def page_words(document: Document) -> list[dict]:
    """Each page's text and its words' offsets and boxes: a box drawn in the page finds its words."""
    return [{"number": page.number, "text": page.text,
             "words": [[start, end, round(w.x0, 1), round(w.top, 1), round(w.x1, 1), round(w.bottom, 1)]
                       for start, end, w in word_spans(page)]}
            for page in document.pages]


def _with_boxes(evidence: dict | None, locate: Locator) -> dict | None:
    if not evidence or "box" in evidence:
        return evidence
    return {**evidence, **locate.evidence(evidence["page"], evidence["start"], evidence["end"])}


def locate_values(data: dict, locate: Locator) -> dict:
    """Boxes for evidence given as offsets only, and evidence found again for values that have none
    (a gold file's): meeting fields, participants, items, decisions, signatures."""
    data = json.loads(json.dumps(data))
    meeting = data.setdefault("meeting", {})
    values = {**meeting, "organisation": data.get("organisation"), "body": data.get("body")}
    found = {k: _with_boxes(v, locate) for k, v in (meeting.get("evidence") or {}).items()}
    found = {**locate.meeting(values), **found}
    if found:
        meeting["evidence"] = found
    for person in data.get("participants", []):
        person["evidence"] = _with_boxes(person.get("evidence"), locate) or locate.text(person.get("name"))
    for item in data.get("items", []):
        title = " ".join(v for v in (item.get("number"), item.get("title")) if v)
        item["evidence"] = _with_boxes(item.get("evidence"), locate) or locate.text(item.get("title")) or locate.text(title)
        for decision in item.get("decisions", []):
            decision["evidence"] = _with_boxes(decision.get("evidence"), locate) or locate.text(decision.get("text"))
    for signature in data.get("signatures", []):
        signature["evidence"] = _with_boxes(signature.get("evidence"), locate) or locate.signature(signature.get("name"))
    # What was not found again has no evidence rather than a null one.
    for entry in [*data.get("participants", []), *data.get("signatures", []), *data.get("items", []),
                  *(d for i in data.get("items", []) for d in i.get("decisions", []))]:
        if entry.get("evidence") is None:
            entry.pop("evidence", None)
    return data


def _choices() -> dict:
    """The closed vocabularies of the contract, for the form's pickers."""
    from extractor import model

    return {"roles": list(typing.get_args(model.Role)), "signature_roles": list(typing.get_args(model.SignatureRole)),
            "document_types": list(typing.get_args(model.DocumentType)), "statuses": ["present", "absent"]}


def _asset(name: str) -> str:
    return resources.files("extractor").joinpath(f"{_ASSETS}/{name}").read_text("utf-8")


def _script_json(value) -> str:
    # Inside <script>, "</" would end the element and U+2028/9 end a JavaScript line.
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def review_html(pdf: str | Path, data: dict, document: Document, gold: bool = False) -> str:
    """The review page of ``pdf`` for the output (or gold) document ``data``."""
    payload = {
        "file": Path(pdf).name,
        "gold": gold,
        "minutes": locate_values(data, Locator(document)),
        "pages": [{**image, **words} for image, words in zip(page_images(pdf), page_words(document))],
        "choices": _choices(),
    }
    title = f"Granskning: {Path(pdf).name}"
    return (_asset("review.html")
            .replace("{{title}}", title.replace("&", "&amp;").replace("<", "&lt;"))
            .replace("{{style}}", _asset("review.css"))
            .replace("{{script}}", _asset("review.js"))
            .replace("{{data}}", _script_json(payload)))


def write_review(pdf: str | Path, output: str | Path, data: dict | None = None, gold: bool = False,
                 document: Document | None = None, ocr: bool = True) -> Path:
    """Write the review page of ``pdf`` to ``output``: ``data`` (an output or gold document) shown,
    else the PDF extracted first; ``document``, the pages as read, when the caller has them."""
    from extractor.read_pages import read_document
    from extractor.writer import write_atomic

    if document is None:
        document = find_layout(read_document(str(pdf), ocr=ocr))
    if data is None:
        from extractor.pipeline import extract_pages

        data = extract_pages(document).to_dict()
    write_atomic(str(output), review_html(pdf, data, document, gold))
    return Path(output)


def review_file(pdf: str | Path, output: str | Path, json_file: str | Path | None = None,
                gold_file: str | Path | None = None, ocr: bool = True) -> Path:
    """``protokoll review``: the page of ``pdf`` for its output ``json_file``, the gold file
    ``gold_file``, or, with neither, the PDF extracted now."""
    from extractor.errors import UsageError

    if json_file and gold_file:
        raise UsageError("give --json or --gold, not both")
    given = json_file or gold_file
    data = json.loads(Path(given).read_text(encoding="utf-8")) if given else None
    return write_review(pdf, output, data, gold=bool(gold_file), ocr=ocr)


def review_outputs(inputs, out_dir: str | Path, pages_cache: str | Path | None = None) -> tuple[list[Path], list[str]]:
    """``protokoll batch --review``: ``NAME.html`` beside each ``NAME.json`` of a batch whose page is
    missing or older than its JSON. The pages come from ``pages_cache`` where the batch's workers
    kept them (``extractor.page_cache``), else they are read again (a scan OCR'd again). Returns the
    pages written and a line for each that could not be."""
    from extractor.batch_core import collect_inputs
    from extractor.errors import ExtractionError
    from extractor.page_cache import read_pages_cached

    written, failed = [], []
    jobs, _ = collect_inputs(inputs)
    for job in jobs:
        output = job.output(Path(out_dir))
        page = output.with_suffix(".html")
        if not output.is_file() or (page.is_file() and page.stat().st_mtime >= output.stat().st_mtime):
            continue
        try:
            document = find_layout(read_pages_cached(job.source, Path(pages_cache))) if pages_cache else None
            written.append(write_review(job.source, page, json.loads(output.read_text(encoding="utf-8")), document=document))
        except (ExtractionError, ValueError, OSError) as exc:
            failed.append(f"{job.display}: {exc}")
    return written, failed
