"""The contract in code: the shipped schema is the models' schema, documents round-trip, bad ones are refused."""
from __future__ import annotations

import json

import pytest

from conftest import REPO
from extractor.model import Minutes, json_schema
from extractor.validate import schema_errors, shipped_schema

EXAMPLE = REPO / "examples" / "styrelsemote-exempel.pdf"


def test_shipped_schema_is_the_models_schema():
    # Regenerate with: python -c "import json; from extractor.model import json_schema; print(json.dumps(json_schema(), ensure_ascii=False, indent=2))"
    assert shipped_schema() == json.loads(json.dumps(json_schema()))


def test_shipped_schema_is_a_valid_json_schema():
    import jsonschema

    schema = shipped_schema()
    jsonschema.validators.validator_for(schema).check_schema(schema)  # raises SchemaError if not


def test_a_document_round_trips_through_json():
    from extractor import extract

    minutes = extract(EXAMPLE, include_text=True)
    again = Minutes.from_json(minutes.to_json())
    assert again == minutes
    assert schema_errors(again.to_dict()) == []


def _valid() -> dict:
    return {
        "schema_version": "1.0",
        "source": {"file": "a.pdf", "sha256": "0" * 64, "pages": 1, "text_source": "text-layer", "extractor_version": "0.1.0"},
        "document_type": "protokoll",
        "meeting": {"date": "2024-03-12", "start_time": "18:30"},
        "participants": [{"name": "Anna Berg", "status": "present", "role": "ordförande",
                          "evidence": {"page": 1, "start": 0, "end": 9}}],
    }


@pytest.mark.parametrize(
    "path, value",
    [
        (("meeting", "date"), "12 mars 2024"),
        (("meeting", "start_time"), "8.30"),
        (("participants", 0, "status"), "here"),
        (("participants", 0, "role"), "boss"),
        (("source", "text_source"), "scan"),
        (("schema_version",), "2.0"),
    ],
)
def test_schema_refuses_values_outside_the_contract(path, value):
    document = _valid()
    assert schema_errors(document) == []
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert schema_errors(document)
