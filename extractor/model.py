"""The output contract (``../shared/spec/output.md``) as typed models.

Every stage hands these objects on; ``Minutes.to_json`` and
``Minutes.from_json`` round-trip them, and ``json_schema()`` is the schema
shipped in ``extractor/schema/minutes.schema.json``.
"""
from __future__ import annotations

import json
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, model_serializer

SCHEMA_VERSION = "1.0"

Role = Literal[
    "ordförande", "vice ordförande", "sekreterare", "kassör", "justerare",
    "rösträknare", "ledamot", "ersättare", "suppleant", "tjänstgörande ersättare",
    "adjungerad", "föredragande", "tjänsteperson", "revisor", "gäst",
]
SignatureRole = Literal["sekreterare", "ordförande", "justerare"]
TextSource = Literal["text-layer", "ocr"]
DocumentType = Literal["protokoll", "minnesanteckningar", "kallelse", "other"]
# How much of the minutes' structure was found, for a person or a script sorting thousands of
# outputs: "ok"; "partial", a core value missing (the meeting date, the items, the attendance of
# minutes); "empty", no structure at all; "not-minutes", a document of another kind. An addition
# to the contract (docs/output-additions.md): gold files leave it out.
Quality = Literal["ok", "partial", "empty", "not-minutes"]

_DATE = r"^\d{4}-\d{2}-\d{2}$"
_TIME = r"^([01]\d|2[0-3]):[0-5]\d$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


def _without_absent(data: dict, keys: tuple[str, ...]) -> dict:
    """Optional additions to the contract are left out when absent rather than written as null."""
    return {k: v for k, v in data.items() if v is not None or k not in keys}


# [x0, top, x1, bottom] in PDF points from the page's top-left corner.
Box = Annotated[list[float], Field(min_length=4, max_length=4)]


class Evidence(_Model):
    """Where a value was read: page (from 1) and character offsets into that page's text; optionally
    its box on the page (the union of the span's words) and, where it runs over lines, a box a line."""

    page: int = Field(ge=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    box: Optional[Box] = None
    boxes: Optional[list[Box]] = None

    @model_serializer(mode="wrap")
    def _serialize(self, handler):
        return _without_absent(handler(self), ("box", "boxes"))


class Source(_Model):
    file: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    pages: int = Field(ge=0)
    text_source: Literal["text-layer", "ocr", "mixed"]
    extractor_version: str


MeetingValue = Literal["organisation", "body", "date", "start_time", "end_time", "place", "number"]


class Meeting(_Model):
    date: Optional[str] = Field(default=None, pattern=_DATE)
    start_time: Optional[str] = Field(default=None, pattern=_TIME)
    end_time: Optional[str] = Field(default=None, pattern=_TIME)
    place: Optional[str] = None
    number: Optional[str] = None
    # Where the meeting's values (and the document's organisation and body) were read; optional.
    evidence: Optional[dict[MeetingValue, Evidence]] = None

    @model_serializer(mode="wrap")
    def _serialize(self, handler):
        return _without_absent(handler(self), ("evidence",))


class NextMeeting(_Model):
    date: Optional[str] = Field(default=None, pattern=_DATE)
    start_time: Optional[str] = Field(default=None, pattern=_TIME)
    end_time: Optional[str] = Field(default=None, pattern=_TIME)
    place: Optional[str] = None


class Participant(_Model):
    name: str
    affiliation: Optional[str] = None
    role: Optional[Role] = None
    roles: list[Role] = Field(default_factory=list)
    status: Literal["present", "absent"]
    group: Optional[str] = None
    evidence: Evidence


class Decision(_Model):
    text: str
    evidence: Evidence


class Assignment(_Model):
    assignee: str
    person: Optional[str] = None
    task: str


class Item(_Model):
    number: Optional[str] = None
    title: str
    text: str = ""
    decisions: list[Decision] = Field(default_factory=list)
    assignments: list[Assignment] = Field(default_factory=list)
    references: list[str] = Field(default_factory=list)
    evidence: Evidence


class Signature(_Model):
    name: str
    role: Optional[SignatureRole] = None
    label: str
    evidence: Optional[Evidence] = None

    @model_serializer(mode="wrap")
    def _serialize(self, handler):
        return _without_absent(handler(self), ("evidence",))


class Entity(_Model):
    text: str
    label: str
    page: int = Field(ge=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class PageText(_Model):
    number: int = Field(ge=1)
    text: str
    source: TextSource


class Minutes(_Model):
    schema_version: Literal["1.0"] = SCHEMA_VERSION
    source: Source
    document_type: DocumentType
    quality: Optional[Quality] = None
    organisation: Optional[str] = None
    body: Optional[str] = None
    meeting: Meeting = Field(default_factory=Meeting)
    participants: list[Participant] = Field(default_factory=list)
    items: list[Item] = Field(default_factory=list)
    next_meeting: Optional[NextMeeting] = None
    signatures: list[Signature] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    pages: Optional[list[PageText]] = None

    def to_dict(self) -> dict:
        return _without_absent(self.model_dump(mode="json"), ("pages", "quality"))

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict) -> "Minutes":
        return cls.model_validate(data)

    @classmethod
    def from_json(cls, text: str) -> "Minutes":
        return cls.from_dict(json.loads(text))


def json_schema() -> dict:
    """The contract as JSON Schema (draft 2020-12), generated from the models."""
    schema = Minutes.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://protokoll.example/schema/minutes-1.0.json"
    schema["title"] = "Swedish meeting minutes, schema_version 1.0"
    return schema
