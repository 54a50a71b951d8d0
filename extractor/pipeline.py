"""The whole path, one stage after another: read pages, find layout, segment,
extract fields, link entities, assemble, validate."""
from __future__ import annotations

import datetime
import os
from dataclasses import replace
from pathlib import Path

from extractor import errors
from extractor.assemble import assemble
from extractor.fields.items import item_fields
from extractor.fields.meeting import meeting_fields, next_meeting
from extractor.fields.participants import participants
from extractor.fields.signatures import head_signatures, signatures
from extractor.document import Document
from extractor.layout import find_layout
from extractor.line_roles import predict
from extractor.lines import records
from extractor.link_entities import link_entities
from extractor.model import Minutes
from extractor.page_cache import read_pages_cached
from extractor.read_pages import read_document
from extractor.segment import Segments, regions_from_roles, segment
from extractor.text_quality import assess
from extractor.validate import compiled_schema, validate_document


# The meeting's own values, none of which a document that is not minutes has.
_MEETING_VALUES = ("organisation", "body", "date", "start_time", "end_time", "place", "number")


# How the head, items and signing block are found: by the rule segmentation, or by the line-role
# layer, which weighs the rules' proposal among the other cues of each line. The rules stay the
# default while they score higher leaving organisations out (docs/line-roles.md has the figures);
# ``protokoll eval --leave-one-org-out --regions roles`` measures the other.
REGIONS_BY = ("rules", "roles")


def find_regions(document: Document, by: str = "rules", line_model: str | os.PathLike | None = None) -> Segments:
    proposed = segment(document)
    if by == "rules":
        return proposed
    if by != "roles":
        raise ValueError(f"regions by {by!r}: expected one of {REGIONS_BY}")
    found = records(document, proposed)
    roles = predict(found, line_model)
    content_roles = [role for record, role in zip(found, roles) if not record.furniture]
    return regions_from_roles(document.lines(), content_roles, proposed)


def warm_up() -> None:
    """Load what every document needs (the NER model, the compiled schema) ahead of the first one:
    a batch worker's start-up."""
    from extractor.entities import load_nlp

    load_nlp()
    compiled_schema()


def extract(path: str | os.PathLike, *, include_text: bool = False, ocr: bool = True, entities: bool = True,
            regions: str = "rules", line_model: str | os.PathLike | None = None,
            pages_cache: str | os.PathLike | None = None) -> Minutes:
    """Read the minutes PDF at ``path`` into the output contract.

    ``regions``: what finds the head, items and signing block (``REGIONS_BY``); ``line_model``:
    a line-role model other than the shipped one (a fold's model when leaving organisations out);
    ``pages_cache``: a folder where the pages as read are kept, for a later stage to use
    (``extractor.page_cache``; OCR is then always on).

    Raises ``ExtractionError`` (with a one-line message and a ``kind``) for input
    that is not a readable PDF of minutes.
    """
    document = read_pages_cached(path, Path(pages_cache)) if pages_cache else read_document(path, ocr=ocr)
    return extract_pages(document, include_text=include_text, entities=entities, regions=regions, line_model=line_model)


def extract_pages(pages: Document, *, include_text: bool = False, entities: bool = True, regions: str = "rules",
                  line_model: str | os.PathLike | None = None) -> Minutes:
    """Every stage after reading: from the pages the front end read (``read_pages.read_document``)
    to the output contract. Training and evaluation feed it pages read once and cached."""
    path = pages.path
    document = find_layout(pages)
    if not any(page.text.strip() for page in document.pages):
        raise errors.NoTextError(f"{path}: no text found on any of its {len(document.pages)} pages")
    language = assess("\n".join(page.text for page in document.pages))
    if not language.swedish:
        raise errors.NotSwedishError(f"{path}: the text is not Swedish ({language.function_share:.1%} Swedish function words)")
    segments = find_regions(document, regions, line_model)
    meeting = meeting_fields(segments, document)
    reference = datetime.date.fromisoformat(meeting.date) if meeting.date else None
    people = participants(segments)
    items = [item_fields(item) for item in segments.items]
    upcoming = next_meeting(segments, reference, meeting.start_time)
    signed = signatures(segments.signing, people) or head_signatures(segments.head, people)
    warnings: list[str] = []
    if meeting.document_type == "other":
        meeting = replace(meeting, **{f: None for f in _MEETING_VALUES})
        reference, people, items, upcoming, signed = None, [], [], None, []
        why = f" ({meeting.not_minutes})" if meeting.not_minutes else ""
        warnings.append(f"not minutes, a notice or notes{why}: no meeting fields, participants or items taken from it")
    else:
        if meeting.document_type == "kallelse":
            # A notice calls a meeting that has not yet been held: board lists and signatures of an
            # appended annual report are no attendance, and what it proposes is not yet decided.
            people, signed, upcoming = [], [], None
            items = [replace(item, decisions=[], assignments=[]) for item in items]
            warnings.append("a notice of a meeting (kallelse): no participants, signatures or decisions taken from it")
        if meeting.date is None:
            warnings.append("no meeting date found in the head")
        warnings.extend(meeting.missing())
        if not segments.items:
            warnings.append("no agenda items found")
        if not people and meeting.document_type != "kallelse":
            warnings.append("no attendance found: no participants listed")
    found_entities = link_entities(document, items, people, reference, named_entities=entities)
    minutes = assemble(document, meeting, people, items, upcoming, signed, found_entities, warnings, include_text)
    validate_document(minutes.to_dict())
    return minutes
