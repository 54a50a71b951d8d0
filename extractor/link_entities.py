"""Stage 5, link entities: assignees to the participants they name, and the named entities of every page."""
from __future__ import annotations

import datetime

from extractor.document import Document
from extractor.entities import find_entities, resolve_person
from extractor.fields.items import ItemFields
from extractor.fields.participants import PersonEntry


def link_entities(
    document: Document, items: list[ItemFields], people: list[PersonEntry],
    reference_date: datetime.date | None, named_entities: bool = True,
) -> list[dict]:
    """Fill each assignment's ``person`` ("Camilla" -> "Camilla Broo") and return the page entities."""
    names = [person.name for person in people]
    for item in items:
        for assignment in item.assignments:
            assignment.person = resolve_person(assignment.assignee, names)
    if not named_entities:
        return []
    return find_entities([(page.number, page.text) for page in document.pages], reference_date=reference_date)
