"""Stage 6, assemble: the fields of every stage into one ``Minutes`` document."""
from __future__ import annotations

from extractor import __version__
from extractor.document import Document
from extractor.fields.items import ItemFields
from extractor.fields.meeting import MeetingFields, NextMeetingFields
from extractor.fields.participants import PersonEntry
from extractor.fields.signatures import SignatureFields
from extractor.provenance import Locator
from extractor.model import (
    Assignment, Decision, Entity, Evidence, Item, Meeting, Minutes, NextMeeting, PageText,
    Participant, Signature, Source,
)
from pathlib import Path


def _participant(entry: PersonEntry, locate: Locator) -> Participant:
    roles = [r for r in dict.fromkeys(entry.roles) if r != entry.role]
    return Participant(
        name=entry.name, affiliation=entry.affiliation, role=entry.role, roles=roles, status=entry.status,
        group=entry.group, evidence=Evidence(**locate.evidence(entry.page, entry.start, entry.end)),
    )


def _item(fields: ItemFields, locate: Locator) -> Item:
    return Item(
        number=fields.number,
        title=fields.title,
        text=fields.text,
        decisions=[Decision(text=d.text, evidence=Evidence(**locate.evidence(d.page, d.start, d.end))) for d in fields.decisions],
        assignments=[Assignment(assignee=a.assignee, person=a.person, task=a.task) for a in fields.assignments],
        references=fields.references,
        evidence=Evidence(**locate.evidence(fields.page, fields.start, fields.end)),
    )


def quality(meeting: MeetingFields, people: list[PersonEntry], items: list[ItemFields]) -> str:
    """The document's quality flag (``model.Quality``) from what the stages found."""
    if meeting.document_type == "other":
        return "not-minutes"
    if meeting.date is None and not people and not items:
        return "empty"
    # A notice lists no attendance; minutes and notes do.
    attendance_expected = meeting.document_type in ("protokoll", "minnesanteckningar")
    if meeting.date is None or not items or (attendance_expected and not people):
        return "partial"
    return "ok"


def assemble(
    document: Document,
    meeting: MeetingFields,
    people: list[PersonEntry],
    items: list[ItemFields],
    next_meeting: NextMeetingFields | None,
    signatures: list[SignatureFields],
    entities: list[dict],
    warnings: list[str],
    include_text: bool = False,
) -> Minutes:
    locate = Locator(document)
    return Minutes(
        source=Source(
            file=Path(document.path).name, sha256=document.sha256, pages=len(document.pages),
            text_source=document.text_source, extractor_version=__version__,
        ),
        document_type=meeting.document_type,
        quality=quality(meeting, people, items),
        organisation=meeting.organisation,
        body=meeting.body,
        meeting=Meeting(
            date=meeting.date, start_time=meeting.start_time, end_time=meeting.end_time,
            place=meeting.place, number=meeting.number, evidence=locate.meeting(vars(meeting)) or None,
        ),
        participants=[_participant(p, locate) for p in people],
        items=[_item(i, locate) for i in items],
        next_meeting=NextMeeting(**vars(next_meeting)) if next_meeting else None,
        signatures=[Signature(name=s.name, role=s.role, label=s.label, evidence=locate.signature(s.name)) for s in signatures],
        entities=[Entity(**e) for e in entities],
        warnings=[*document.warnings, *warnings],
        pages=[PageText(number=p.number, text=p.text, source=p.source) for p in document.pages] if include_text else None,
    )
