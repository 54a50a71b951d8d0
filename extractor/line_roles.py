"""The line-role layer: one role for every line, decided in one place by a learned model.

The roles (a fixed set; ``docs/line-roles.md`` says what each one covers):

=====================  ==================================================================
``furniture``          running header or footer, page number, signature box
``title``              the document's title block: organisation, body, "Protokoll"
``head``               head fields before the items: date, time, place, number, labels
``attendance_heading`` "Närvarande", "Frånvarande", "Deltagare", a table's header row
``attendance_entry``   a line naming people present or absent
``item_heading``       an agenda item's number and title
``item_text``          the discussion of an item
``decision_heading``   "Beslut", "Styrelsen beslutar:": a lead-in to the decision
``decision_text``      what the meeting decided
``signing_label``      "Justeras", "Ordförande", a date and place of signing
``signing_name``       a name in the signing block
``appendix``           statutes, an annual report, attachments after the minutes
=====================  ==================================================================

The model is a linear-chain CRF (python-crfsuite) over ``extractor.lines``
features. Decoding is our own Viterbi over the model's weights so that what
the genre makes certain is a constraint, not a hope: items do not go back to
the head, an appendix does not go back to items, and once signing names end
in an appendix the minutes are over.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from extractor.lines import LineRecord, crf_items, features

ROLES: tuple[str, ...] = (
    "furniture", "title", "head", "attendance_heading", "attendance_entry", "item_heading", "item_text",
    "decision_heading", "decision_text", "signing_label", "signing_name", "appendix",
)
MODEL_ENV = "PROTOKOLL_LINE_MODEL"

# The phase of the minutes each role belongs to; the phase only moves forward.
_PHASE = {
    "title": 0, "head": 0, "attendance_heading": 0, "attendance_entry": 0,
    "item_heading": 1, "item_text": 1, "decision_heading": 1, "decision_text": 1,
    "signing_label": 2, "signing_name": 2,
    "appendix": 3,
}


def allowed(previous: str, current: str) -> bool:
    """Whether ``current`` may follow ``previous`` (furniture may stand anywhere).

    Attendance may come back inside items (an item "Närvarande"), and signing
    may sit in the head (a municipal head names its signatories), so those go
    by the content phase only where going back is impossible in minutes: an
    appendix is the end, and a title never follows items.
    """
    if "furniture" in (previous, current):
        return True
    if previous == "appendix":
        return current in ("appendix", "signing_label", "signing_name")
    if current == "title":
        return _PHASE[previous] == 0
    if current == "head":
        return _PHASE[previous] in (0, 2)
    return True


def default_model_path() -> Path:
    """The shipped model, or the one ``PROTOKOLL_LINE_MODEL`` names."""
    override = os.environ.get(MODEL_ENV)
    if override:
        return Path(override)
    return Path(str(resources.files("extractor").joinpath("data/line_roles.crfsuite")))


@dataclass(frozen=True)
class _Weights:
    labels: tuple[str, ...]
    transitions: dict[tuple[str, str], float]
    state: dict[str, dict[str, float]]  # attribute -> label -> weight


@lru_cache(maxsize=8)
def load_model(path: str | None = None) -> _Weights:
    """The model's weights, read once per process (a batch worker loads it once)."""
    import pycrfsuite

    model_path = Path(path) if path else default_model_path()
    if not model_path.is_file():
        from extractor.errors import DependencyError

        raise DependencyError(f"line-role model not found at {model_path} (train it with `protokoll train-lines`)")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    info = tagger.info()
    state: dict[str, dict[str, float]] = {}
    for (attribute, label), weight in info.state_features.items():
        state.setdefault(attribute, {})[label] = weight
    weights = _Weights(labels=tuple(tagger.labels()), transitions=dict(info.transitions), state=state)
    tagger.close()
    return weights


def decode(rows: list[dict[str, float]], weights: _Weights) -> list[str]:
    """The best role sequence under the model that the genre's constraints allow (Viterbi)."""
    labels = weights.labels
    if not rows:
        return []
    emissions = []
    for row in rows:
        scores = dict.fromkeys(labels, 0.0)
        for attribute, value in row.items():
            for label, weight in weights.state.get(attribute, {}).items():
                scores[label] += weight * value
        emissions.append(scores)
    best = [{label: (emissions[0][label], None) for label in labels}]
    for t in range(1, len(rows)):
        column = {}
        for label in labels:
            candidates = [
                (score + weights.transitions.get((previous, label), 0.0), previous)
                for previous, (score, _) in best[-1].items() if allowed(previous, label)
            ]
            score, previous = max(candidates) if candidates else (float("-inf"), None)
            column[label] = (score + emissions[t][label], previous)
        best.append(column)
    label = max(best[-1], key=lambda l: best[-1][l][0])
    path = [label]
    for t in range(len(rows) - 1, 0, -1):
        label = best[t][label][1]
        path.append(label)
    return path[::-1]


def predict(records: list[LineRecord], model: str | os.PathLike | None = None) -> list[str]:
    """One role for each line record."""
    weights = load_model(str(model) if model else None)
    return decode([crf_items(row) for row in features(records)], weights)

