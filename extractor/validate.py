"""Validate an output document against the shipped JSON Schema before it is written."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import jsonschema

SCHEMA_RESOURCE = "schema/minutes.schema.json"


@lru_cache(maxsize=1)
def shipped_schema() -> dict:
    return json.loads(resources.files("extractor").joinpath(SCHEMA_RESOURCE).read_text("utf-8"))


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    schema = shipped_schema()
    # The schema itself is checked by the tests (test_model), not in every worker at start-up.
    return jsonschema.validators.validator_for(schema)(schema)


def schema_errors(document: dict) -> list[str]:
    """Every way ``document`` breaks the contract, as readable lines (empty when valid)."""
    errors = sorted(_validator().iter_errors(document), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in errors]


def validate_document(document: dict) -> None:
    problems = schema_errors(document)
    if problems:
        raise ValueError("output breaks the schema: " + "; ".join(problems[:5]))
