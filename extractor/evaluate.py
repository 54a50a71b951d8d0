"""Score extracted documents against gold files, as ``shared/spec/output.md`` says.

The rules (spec, "Names compared when scoring"):

* A field a gold file leaves out is not scored. A field it sets to null says the
  document has no such value: an extracted non-null value there is a false
  positive (FP).
* Two values match when, after :func:`fold` (Unicode NFC, case folding,
  whitespace runs to one space, punctuation stripped at both ends), they are
  equal. ``place``, ``title``, ``text``, decision texts and assignment tasks
  also match when rapidfuzz ``token_set_ratio >= 85`` and neither folded string
  is longer than twice the other plus 10 characters. Names (participants,
  signatures, assignment person/assignee) also match at ``ratio >= 92``.
* Scalar fields (``meta``, ``participant_role``, ``participant_affiliation``):
  right value = TP, missing = FN, wrong = FP + FN, a value where gold says null
  = FP, null where gold says null = nothing (but it counts as correct for the
  per-field accuracy).
* Lists (participants, items, decisions, assignments, signatures) are matched
  one-to-one, greedily: every (gold, predicted) pair that satisfies the
  category's criteria gets a similarity; pairs are taken best first (ties by
  gold index, then predicted index) while both sides are free. Matched = TP,
  unmatched predicted = FP, unmatched gold = FN.

Choices where the spec is silent (kept in one place so they can be argued with):

* A criterion whose key the gold entry leaves out is not checked (a gold item
  without ``number`` matches any number), in the spirit of "left out is not
  scored". A gold list set to null (``"participants": null``) is an empty list:
  every predicted entry is a FP.
* A gold object set to null (``"next_meeting": null``, ``"meeting": null``)
  means each of its fields is null: every non-null predicted sub-field is one
  FP (so a predicted next meeting with date and time is 2 FPs; a predicted
  object whose fields are all null costs nothing).
* A predicted value that folds to the empty string counts as null.
* Item numbers compare by :func:`fold` only (``"§ 4."`` equals ``"4"``, but
  ``"4 a"`` does not equal ``"4a"``); null equals null (unnumbered items).
* ``items``/``decisions``/``assignments`` are only scored where the gold file
  has an ``items`` key. Decisions (and assignments) are pooled per document as
  (item number, entry) and matched one-to-one, independent of whether the item
  titles matched. A gold item without a ``decisions`` (``assignments``) key
  contributes no gold entries, and the predicted item's entries are not scored
  either: a predicted item is "covered by" the gold item it was matched to in
  the item matching; an unmatched predicted item is left out when every gold
  item with its number omits the key, and scored otherwise.
* Assignments: item numbers equal, task matches, and either gold ``person`` and
  predicted ``person`` are both set and match as names, or the ``assignee``
  values match as names.
* Participant role/affiliation are scored on matched pairs only, only where the
  gold participant has the key; ``roles`` (the further roles) is not scored.
  Affiliation and role compare by fold equality.
* Item ``text`` is not part of any category (the spec scores items on number
  and title); :func:`text_match` is there for it if a category is added.
* Counts with nothing in them have precision = recall = F1 = 1.0; a category
  "occurs" (in a document or a set) when TP+FP+FN > 0, and overall F1 is the
  mean over occurring categories (1.0 when none occurs).

Long because the scorer, the leave-one-organisation-out run and the reports
share the score types and are read together by whoever argues with a figure.
"""
from __future__ import annotations

import contextlib
import csv
import json
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Sequence

from rapidfuzz import fuzz

from extractor.errors import UsageError

CATEGORIES: tuple[str, ...] = (
    "meta",
    "participants",
    "participant_role",
    "participant_affiliation",
    "items",
    "decisions",
    "assignments",
    "signatures",
)
MEETING_FIELDS = ("date", "start_time", "end_time", "place", "number")
NEXT_MEETING_FIELDS = ("date", "start_time", "end_time", "place")
TOP_FIELDS = ("organisation", "body", "document_type")
FUZZY_FIELDS = frozenset({"place"})
TEXT_THRESHOLD = 85.0
NAME_THRESHOLD = 92.0
SCANNED_KINDS = frozenset({"scanned", "scanned-ocr-layer"})

_MISSING: Any = object()


# --------------------------------------------------------------------------- counts


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def total(self) -> int:
        return self.tp + self.fp + self.fn

    @property
    def occurs(self) -> bool:
        return self.total > 0

    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 1.0 if self.fn == 0 else 0.0

    @property
    def recall(self) -> float:
        if self.tp + self.fn:
            return self.tp / (self.tp + self.fn)
        return 1.0 if self.fp == 0 else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: "Counts") -> "Counts":
        if not isinstance(other, Counts):
            return NotImplemented
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict:
        return {
            "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class FieldTally:
    """Per-field accuracy: scored comparisons and how many were right (null = null is right)."""

    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> Optional[float]:
        return self.correct / self.total if self.total else None

    def __add__(self, other: "FieldTally") -> "FieldTally":
        if not isinstance(other, FieldTally):
            return NotImplemented
        return FieldTally(self.correct + other.correct, self.total + other.total)

    def to_dict(self) -> dict:
        acc = self.accuracy
        return {"correct": self.correct, "total": self.total,
                "accuracy": None if acc is None else round(acc, 4)}


def _overall(categories: dict[str, Counts]) -> float:
    f1s = [c.f1 for c in categories.values() if c.occurs]
    return sum(f1s) / len(f1s) if f1s else 1.0


@dataclass
class DocumentScore:
    name: str
    categories: dict[str, Counts] = field(default_factory=lambda: {c: Counts() for c in CATEGORIES})
    field_accuracy: dict[str, FieldTally] = field(default_factory=dict)
    kind: Optional[str] = None
    error: Optional[str] = None
    org: Optional[str] = None
    # human-readable misses: {"category", "type": "fp"|"fn", "gold", "predicted"}
    mismatches: list[dict] = field(default_factory=list)

    @property
    def overall_f1(self) -> float:
        return _overall(self.categories)

    def f1(self, category: str) -> Optional[float]:
        c = self.categories.get(category)
        return c.f1 if c is not None and c.occurs else None


@dataclass
class EvalReport:
    categories: dict[str, Counts]
    overall_f1: float
    field_accuracy: dict[str, FieldTally]
    documents: list[DocumentScore]
    by_kind: dict[str, "EvalReport"] = field(default_factory=dict)

    @property
    def failures(self) -> list[DocumentScore]:
        return [d for d in self.documents if d.error]


# --------------------------------------------------------------------------- matching


def fold(value: Any) -> Optional[str]:
    """Normal form for comparison; None for null and for values that fold to nothing."""
    if value is None or value is _MISSING:
        return None
    s = unicodedata.normalize("NFC", str(value)).casefold()
    s = " ".join(s.split())
    start, end = 0, len(s)
    while start < end and (s[start].isspace() or unicodedata.category(s[start]).startswith("P")):
        start += 1
    while end > start and (s[end - 1].isspace() or unicodedata.category(s[end - 1]).startswith("P")):
        end -= 1
    s = s[start:end]
    return s or None


def _length_ok(a: str, b: str) -> bool:
    return len(a) <= 2 * len(b) + 10 and len(b) <= 2 * len(a) + 10


def text_similarity(a: Any, b: Any) -> Optional[tuple[float, float]]:
    """(token_set_ratio, ratio) when ``a`` and ``b`` match as texts, else None."""
    fa, fb = fold(a), fold(b)
    if fa is None or fb is None:
        return None
    if fa == fb:
        return (100.0, 100.0)
    if not _length_ok(fa, fb):
        return None
    ts = fuzz.token_set_ratio(fa, fb)
    if ts < TEXT_THRESHOLD:
        return None
    return (ts, fuzz.ratio(fa, fb))


def text_match(a: Any, b: Any) -> bool:
    return text_similarity(a, b) is not None


def name_similarity(a: Any, b: Any) -> Optional[float]:
    """ratio when ``a`` and ``b`` match as names (equal after folding, or ratio >= 92), else None."""
    fa, fb = fold(a), fold(b)
    if fa is None or fb is None:
        return None
    if fa == fb:
        return 100.0
    r = fuzz.ratio(fa, fb)
    return r if r >= NAME_THRESHOLD else None


def name_match(a: Any, b: Any) -> bool:
    return name_similarity(a, b) is not None


def values_equal(a: Any, b: Any) -> bool:
    """Fold equality; null equals null."""
    return fold(a) == fold(b)


def _greedy(golds: Sequence, preds: Sequence,
            similarity: Callable[[Any, Any], Optional[tuple]]) -> list[tuple[int, int]]:
    """One-to-one matching, best similarity first; returns (gold index, predicted index) pairs."""
    cands = []
    for i, g in enumerate(golds):
        for j, p in enumerate(preds):
            s = similarity(g, p)
            if s is not None:
                cands.append((tuple(-x for x in s), i, j))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


# --------------------------------------------------------------------------- helpers


def _as_dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _as_list(value: Any) -> list:
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


class _Doc:
    """Mutable scoring state for one document."""

    def __init__(self, score: DocumentScore) -> None:
        self.score = score

    def add(self, category: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        c = self.score.categories[category]
        c.tp += tp
        c.fp += fp
        c.fn += fn

    def miss(self, category: str, kind: str, gold: Any = None, predicted: Any = None) -> None:
        self.score.mismatches.append(
            {"category": category, "type": kind, "gold": gold, "predicted": predicted})

    def scalar(self, category: str, field_name: str, gold: Any, pred: Any,
               fuzzy: bool = False) -> None:
        """Score one scalar: gold ``_MISSING`` is not scored."""
        if gold is _MISSING:
            return
        tally = self.score.field_accuracy.setdefault(field_name, FieldTally())
        tally.total += 1
        g, p = fold(gold), fold(pred)
        label = {"field": field_name}
        if g is None:
            if p is None:
                tally.correct += 1
            else:
                self.add(category, fp=1)
                self.miss(category, "fp", {**label, "value": None}, pred)
            return
        if p is None:
            self.add(category, fn=1)
            self.miss(category, "fn", {**label, "value": gold}, None)
            return
        ok = text_match(gold, pred) if fuzzy else g == p
        if ok:
            tally.correct += 1
            self.add(category, tp=1)
        else:
            self.add(category, fp=1, fn=1)
            self.miss(category, "fp", {**label, "value": gold}, pred)
            self.miss(category, "fn", {**label, "value": gold}, pred)

    def pairs(self, category: str, golds: list, preds: list,
              similarity: Callable[[Any, Any], Optional[tuple]],
              show: Callable[[Any], Any] = lambda x: x) -> list[tuple[int, int]]:
        matched = _greedy(golds, preds, similarity)
        mg = {i for i, _ in matched}
        mp = {j for _, j in matched}
        self.add(category, tp=len(matched), fp=len(preds) - len(mp), fn=len(golds) - len(mg))
        for i, g in enumerate(golds):
            if i not in mg:
                self.miss(category, "fn", show(g), None)
        for j, p in enumerate(preds):
            if j not in mp:
                self.miss(category, "fp", None, show(p))
        return matched


def _crit_equal(g: dict, p: dict, key: str) -> bool:
    return key not in g or values_equal(g[key], p.get(key))


# --------------------------------------------------------------------------- scoring


def _score_meta(doc: _Doc, predicted: dict, gold: dict) -> None:
    for key in TOP_FIELDS:
        doc.scalar("meta", key, gold.get(key, _MISSING), predicted.get(key))
    for obj, fields in (("meeting", MEETING_FIELDS), ("next_meeting", NEXT_MEETING_FIELDS)):
        if obj not in gold:
            continue
        g_obj = gold[obj]
        p_obj = _as_dict(predicted.get(obj))
        for f in fields:
            if g_obj is None:
                g_val = None  # the whole object is null: every field is null
            elif isinstance(g_obj, dict):
                g_val = g_obj.get(f, _MISSING)
            else:
                continue
            doc.scalar("meta", f"{obj}.{f}", g_val, p_obj.get(f), fuzzy=f in FUZZY_FIELDS)


def _participant_similarity(g: dict, p: dict) -> Optional[tuple]:
    if not _crit_equal(g, p, "status"):
        return None
    if "name" not in g:
        return (0.0,)
    s = name_similarity(g["name"], p.get("name"))
    return None if s is None else (s,)


def _score_participants(doc: _Doc, predicted: dict, gold: dict) -> None:
    if "participants" not in gold:
        return
    golds = _as_list(gold["participants"])
    preds = _as_list(predicted.get("participants"))
    show = lambda x: {"name": x.get("name"), "status": x.get("status")}  # noqa: E731
    matched = doc.pairs("participants", golds, preds, _participant_similarity, show)
    for i, j in matched:
        g, p = golds[i], preds[j]
        for key, category in (("role", "participant_role"), ("affiliation", "participant_affiliation")):
            before = len(doc.score.mismatches)
            doc.scalar(category, f"participant.{key}", g.get(key, _MISSING), p.get(key))
            for m in doc.score.mismatches[before:]:
                m["gold"] = {**(m["gold"] or {}), "name": g.get("name")}


def _item_similarity(g: dict, p: dict) -> Optional[tuple]:
    if not _crit_equal(g, p, "number"):
        return None
    if "title" not in g:
        return (0.0, 0.0)
    if fold(g["title"]) is None:
        # An item with no heading (the sentence is the item): null matches null only.
        return (0.0, 0.0) if fold(p.get("title")) is None else None
    return text_similarity(g["title"], p.get("title"))


def _number_key(item: dict) -> Any:
    return fold(item.get("number")) if "number" in item else _MISSING


def _decision_similarity(g: tuple, p: tuple) -> Optional[tuple]:
    g_num, g_entry = g
    p_num, p_entry = p
    if g_num is not _MISSING and g_num != p_num:
        return None
    if "text" not in g_entry:
        return (0.0, 0.0)
    return text_similarity(g_entry["text"], p_entry.get("text"))


def _assignment_similarity(g: tuple, p: tuple) -> Optional[tuple]:
    g_num, ga = g
    p_num, pa = p
    if g_num is not _MISSING and g_num != p_num:
        return None
    task = (100.0, 100.0) if "task" not in ga else text_similarity(ga["task"], pa.get("task"))
    if task is None:
        return None
    who: Optional[float] = None
    if "person" not in ga and "assignee" not in ga:
        who = 0.0
    if who is None and fold(ga.get("person")) is not None:
        who = name_similarity(ga["person"], pa.get("person"))
    if who is None and "assignee" in ga:
        who = name_similarity(ga["assignee"], pa.get("assignee"))
    if who is None:
        return None
    return (task[0], who, task[1])


def _score_items(doc: _Doc, predicted: dict, gold: dict) -> None:
    if "items" not in gold:
        return
    g_items = _as_list(gold["items"])
    p_items = _as_list(predicted.get("items"))
    show_item = lambda x: {"number": x.get("number"), "title": x.get("title")}  # noqa: E731
    matched = doc.pairs("items", g_items, p_items, _item_similarity, show_item)
    gold_of = {j: i for i, j in matched}

    for key, category, similarity in (
        ("decisions", "decisions", _decision_similarity),
        ("assignments", "assignments", _assignment_similarity),
    ):
        golds: list[tuple] = []
        for g in g_items:
            if key in g:
                golds.extend((_number_key(g), e) for e in _as_list(g[key]))
        preds: list[tuple] = []
        for j, p in enumerate(p_items):
            if j in gold_of:
                scored = key in g_items[gold_of[j]]
            else:
                num = fold(p.get("number"))
                same = [g for g in g_items if "number" in g and fold(g.get("number")) == num]
                scored = not same or any(key in g for g in same)
            if scored:
                preds.extend((fold(p.get("number")), e) for e in _as_list(p.get(key)))
        show = lambda x: {"item": None if x[0] is _MISSING else x[0],  # noqa: E731
                          **{k: v for k, v in x[1].items() if k != "evidence"}}
        doc.pairs(category, golds, preds, similarity, show)


def _signature_similarity(g: dict, p: dict) -> Optional[tuple]:
    if not _crit_equal(g, p, "role"):
        return None
    if "name" not in g:
        return (0.0,)
    s = name_similarity(g["name"], p.get("name"))
    return None if s is None else (s,)


def _score_signatures(doc: _Doc, predicted: dict, gold: dict) -> None:
    if "signatures" not in gold:
        return
    show = lambda x: {"name": x.get("name"), "role": x.get("role")}  # noqa: E731
    doc.pairs("signatures", _as_list(gold["signatures"]), _as_list(predicted.get("signatures")),
              _signature_similarity, show)


def _default_name(predicted: dict, gold: dict) -> str:
    for d in (gold, predicted):
        f = _as_dict(_as_dict(d).get("source")).get("file")
        if f:
            return Path(str(f)).stem
    return ""


def score_document(predicted: Optional[dict], gold: dict, name: Optional[str] = None,
                   kind: Optional[str] = None, error: Optional[str] = None,
                   org: Optional[str] = None) -> DocumentScore:
    """Score one extracted document (``Minutes.to_dict()`` shape) against its gold file."""
    predicted = _as_dict(predicted)
    gold = _as_dict(gold)
    score = DocumentScore(name=name if name is not None else _default_name(predicted, gold),
                          kind=kind, error=error, org=org)
    doc = _Doc(score)
    _score_meta(doc, predicted, gold)
    _score_participants(doc, predicted, gold)
    _score_items(doc, predicted, gold)
    _score_signatures(doc, predicted, gold)
    return score


# --------------------------------------------------------------------------- aggregation


def kind_group(kind: Optional[str]) -> Optional[str]:
    """``born-digital`` and ``scanned`` (``scanned`` + ``scanned-ocr-layer``); others as given."""
    if not kind:
        return None
    kind = kind.strip()
    if kind in SCANNED_KINDS:
        return "scanned"
    return kind


def _aggregate_flat(scores: list[DocumentScore]) -> EvalReport:
    categories = {c: Counts() for c in CATEGORIES}
    fields: dict[str, FieldTally] = {}
    for s in scores:
        for c, counts in s.categories.items():
            categories[c] = categories.get(c, Counts()) + counts
        for f, tally in s.field_accuracy.items():
            fields[f] = fields.get(f, FieldTally()) + tally
    return EvalReport(categories=categories, overall_f1=_overall(categories),
                      field_accuracy=fields, documents=list(scores))


def aggregate(scores: list[DocumentScore]) -> EvalReport:
    """Micro-averaged report over documents, split by kind group where kinds are known."""
    report = _aggregate_flat(scores)
    if any(kind_group(s.kind) for s in scores):
        groups: dict[str, list[DocumentScore]] = {}
        for s in scores:
            groups.setdefault(kind_group(s.kind) or "unknown", []).append(s)
        order = ["born-digital", "scanned"]
        keys = [k for k in order if k in groups] + sorted(k for k in groups if k not in order)
        report.by_kind = {k: _aggregate_flat(groups[k]) for k in keys}
    return report


def _field_order(names: Iterable[str]) -> list[str]:
    order = ([f"meeting.{f}" for f in MEETING_FIELDS] + [f"next_meeting.{f}" for f in NEXT_MEETING_FIELDS]
             + list(TOP_FIELDS) + ["participant.role", "participant.affiliation"])
    names = list(names)
    return [n for n in order if n in names] + sorted(n for n in names if n not in order)


def _summary_dict(report: EvalReport) -> dict:
    return {
        "overall_f1": round(report.overall_f1, 4),
        "categories": {c: report.categories[c].to_dict() for c in CATEGORIES if c in report.categories},
        "occurring": [c for c in CATEGORIES if c in report.categories and report.categories[c].occurs],
        "field_accuracy": {f: report.field_accuracy[f].to_dict()
                           for f in _field_order(report.field_accuracy)},
    }


def report_to_dict(report: EvalReport) -> dict:
    out = _summary_dict(report)
    out["documents"] = [
        {
            "name": d.name,
            "kind": d.kind,
            "org": d.org,
            "error": d.error,
            "overall_f1": round(d.overall_f1, 4),
            "categories": {c: d.categories[c].to_dict() for c in CATEGORIES if c in d.categories},
            "field_accuracy": {f: d.field_accuracy[f].to_dict() for f in _field_order(d.field_accuracy)},
            "mismatches": d.mismatches,
        }
        for d in report.documents
    ]
    out["failures"] = [{"name": d.name, "error": d.error} for d in report.failures]
    out["by_kind"] = {k: _group_dict(r) for k, r in report.by_kind.items()}
    return out


def _group_dict(report: EvalReport) -> dict:
    return {**_summary_dict(report), "documents": [d.name for d in report.documents]}


# --------------------------------------------------------------------------- leave one organisation out

# (held-out organisation, ids of the documents it may learn from, a folder of its own) ->
# keyword arguments for ``extractor.pipeline.extract`` on the held-out organisation's documents
PrepareFold = Callable[[str, list[str], Path], dict]


def no_fold_training(held_out_org: str, training_ids: list[str], work_dir: Path) -> dict:
    """A fold that learns nothing: every fold runs the pipeline with the shipped models."""
    return {}


def group_by_org(names: Iterable[str], orgs: dict[str, str]) -> dict[str, list[str]]:
    """Document names per organisation, organisations sorted; a document without one is a usage error."""
    names = list(names)
    unknown = [n for n in names if not orgs.get(n)]
    if unknown:
        raise UsageError(f"no organisation (org column) for {len(unknown)} document(s): "
                               + ", ".join(unknown))
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(orgs[name], []).append(name)
    return dict(sorted(groups.items()))


@dataclass
class LeaveOneOrgOutReport:
    """Every document scored by a pipeline prepared without its organisation's documents."""

    pooled: EvalReport  # micro over all documents, as the plain report
    organisations: dict[str, EvalReport]  # micro over each organisation's documents, split by kind

    def summary(self) -> dict[str, dict]:
        """Per group (``overall``, then each kind): the mean of the organisations' F1 and the worst.

        An organisation counts in a kind's group when it has documents of that kind, with the
        micro score over those documents; ``overall`` takes each organisation's score over all of
        its documents. Organisations weigh the same however many documents they have, because
        the figure stands for the next organisation we have not seen."""
        groups: dict[str, dict[str, float]] = {
            "overall": {org: r.overall_f1 for org, r in self.organisations.items()}}
        for org, r in self.organisations.items():
            for kind, kind_report in r.by_kind.items():
                groups.setdefault(kind, {})[org] = kind_report.overall_f1
        order = ["overall", "born-digital", "scanned"]
        keys = [k for k in order if k in groups] + sorted(k for k in groups if k not in order)
        out: dict[str, dict] = {}
        for key in keys:
            scores = groups[key]
            if not scores:
                continue
            worst = min(sorted(scores), key=scores.__getitem__)
            out[key] = {"mean": sum(scores.values()) / len(scores), "worst": scores[worst],
                        "worst_org": worst, "organisations": len(scores)}
        return out


def score_by_org(scores: list[DocumentScore]) -> LeaveOneOrgOutReport:
    """Pool and group scores that carry their organisation (``DocumentScore.org``)."""
    groups = group_by_org([s.name for s in scores], {s.name: s.org for s in scores if s.org})
    by_name = {s.name: s for s in scores}
    return LeaveOneOrgOutReport(
        pooled=aggregate(scores),
        organisations={org: aggregate([by_name[n] for n in names]) for org, names in groups.items()})


def _extract_in_worker(pdf: str, options: dict) -> tuple[Optional[dict], Optional[str], float]:
    started = time.perf_counter()
    try:
        return extract_one(Path(pdf), **options), None, time.perf_counter() - started
    except Exception as exc:  # noqa: BLE001 - any failure is scored as an empty prediction
        return None, f"{type(exc).__name__}: {exc}", time.perf_counter() - started


def leave_one_org_out(pairs: Sequence[tuple[Path, Path]], orgs: dict[str, str], kinds: dict[str, str],
                      prepare_fold: PrepareFold = no_fold_training, workers: int = 2, *,
                      work_dir: Optional[Path] = None,
                      progress: Optional[Callable[[str], None]] = None) -> LeaveOneOrgOutReport:
    """Score every (PDF, gold) pair with a pipeline prepared without its organisation's documents.

    For each organisation in turn, ``prepare_fold(org, training_ids, fold_dir)`` gets the sorted
    names of the other organisations' documents (the only ones it may learn from) and a folder of
    its own under ``work_dir`` (a temporary folder by default), and returns the keyword arguments
    of ``extractor.pipeline.extract`` for that organisation's documents. This is where a model
    learned from the corpus plugs in: a hook that trains the line-role model on ``training_ids``
    and returns ``{"line_model": ...}``. The default, :func:`no_fold_training`, returns ``{}``.
    The returned arguments go to another process, so they must pickle (a path to a saved model
    does).

    Extraction runs in a pool of ``workers`` processes; a fold's documents are queued as soon as
    the fold is prepared, so the pool works on them while the next fold is prepared. A document
    whose extraction fails is scored as empty, with its error, as in the plain report.
    """
    import multiprocessing
    import re
    import tempfile
    from concurrent.futures import ProcessPoolExecutor, as_completed

    pdfs = {gold.stem: Path(pdf) for pdf, gold in pairs}
    # read before any extraction, so that a broken gold file stops the run at once, not at the end
    golds = {gold.stem: json.loads(Path(gold).read_text(encoding="utf-8")) for pdf, gold in pairs}
    groups = group_by_org(pdfs, orgs)
    results: dict[str, tuple[Optional[dict], Optional[str]]] = {}
    with contextlib.ExitStack() as stack:
        root = Path(work_dir) if work_dir is not None else Path(
            stack.enter_context(tempfile.TemporaryDirectory(prefix="protokoll-loo-")))
        # spawn: a worker must not inherit the parent's threads and open files mid-state
        pool = stack.enter_context(ProcessPoolExecutor(max_workers=max(1, workers),
                                                       mp_context=multiprocessing.get_context("spawn")))
        futures = {}
        try:
            for org, names in groups.items():
                training = sorted(n for n in pdfs if orgs[n] != org)
                fold_dir = root / re.sub(r"[^\w.-]+", "_", org)
                fold_dir.mkdir(parents=True, exist_ok=True)
                options = dict(prepare_fold(org, training, fold_dir) or {})
                for name in names:
                    futures[pool.submit(_extract_in_worker, str(pdfs[name]), options)] = name
            for future in as_completed(futures):
                name = futures[future]
                try:
                    predicted, error, seconds = future.result()
                except Exception as exc:  # noqa: BLE001 - a worker that died fails its documents
                    predicted, error, seconds = None, f"{type(exc).__name__}: {exc}", 0.0
                results[name] = (predicted, error)
                if progress is not None:
                    progress(f"extracted {name} ({orgs[name]}) in {seconds:.1f}s"
                             + (" (failed)" if error else ""))
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    scores = []
    for name in pdfs:
        predicted, error = results[name]
        scores.append(score_document(predicted, golds[name], name=name, kind=kinds.get(name), error=error,
                                     org=orgs[name]))
    return score_by_org(scores)


def loo_report_to_dict(report: LeaveOneOrgOutReport, source: str) -> dict:
    """The plain (pooled) report with a ``leave_one_org_out`` section: per organisation, mean, worst."""
    out = report_to_dict(report.pooled)
    summary = report.summary()
    out["leave_one_org_out"] = {
        "source": source,
        "organisations": {
            org: {**_group_dict(r), "by_kind": {k: _group_dict(kr) for k, kr in r.by_kind.items()}}
            for org, r in report.organisations.items()
        },
        "mean": {k: round(v["mean"], 4) for k, v in summary.items()},
        "worst": {k: {"org": v["worst_org"], "overall_f1": round(v["worst"], 4)} for k, v in summary.items()},
        "organisation_counts": {k: v["organisations"] for k, v in summary.items()},
    }
    return out


# --------------------------------------------------------------------------- rendering

_SHORT = {
    "meta": "meta", "participants": "part", "participant_role": "role",
    "participant_affiliation": "affil", "items": "items", "decisions": "dec",
    "assignments": "assign", "signatures": "sig",
}


def _fmt(x: Optional[float], digits: int = 3) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def render_report(report: EvalReport, console=None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = console or Console()

    t = Table(title="Per category (micro over documents)")
    t.add_column("category")
    for col in ("TP", "FP", "FN", "P", "R", "F1"):
        t.add_column(col, justify="right")
    for c in CATEGORIES:
        k = report.categories.get(c, Counts())
        if not k.occurs:
            t.add_row(c, "0", "0", "0", "–", "–", "–", style="dim")
            continue
        t.add_row(c, str(k.tp), str(k.fp), str(k.fn), _fmt(k.precision), _fmt(k.recall), _fmt(k.f1))
    console.print(t)
    console.print(f"[bold]Overall field F1[/bold] (mean over occurring categories): "
                  f"[bold]{report.overall_f1:.3f}[/bold]  ({len(report.documents)} documents)")

    if report.field_accuracy:
        t = Table(title="Per-field accuracy")
        t.add_column("field")
        t.add_column("correct", justify="right")
        t.add_column("scored", justify="right")
        t.add_column("accuracy", justify="right")
        for f in _field_order(report.field_accuracy):
            tally = report.field_accuracy[f]
            t.add_row(f, str(tally.correct), str(tally.total), _fmt(tally.accuracy))
        console.print(t)

    if report.by_kind:
        t = Table(title="F1 by kind")
        t.add_column("category")
        for k, r in report.by_kind.items():
            t.add_column(f"{k} ({len(r.documents)})", justify="right")
        for c in CATEGORIES:
            t.add_row(c, *[_fmt(r.categories[c].f1 if r.categories[c].occurs else None)
                           for r in report.by_kind.values()])
        t.add_row("overall", *[_fmt(r.overall_f1) for r in report.by_kind.values()], style="bold")
        console.print(t)

    if report.documents:
        t = Table(title="Per document (F1)")
        t.add_column("document", no_wrap=True)
        t.add_column("kind")
        for c in CATEGORIES:
            t.add_column(_SHORT[c], justify="right")
        t.add_column("overall", justify="right")
        for d in report.documents:
            t.add_row(d.name, kind_group(d.kind) or "", *[_fmt(d.f1(c), 2) for c in CATEGORIES],
                      _fmt(d.overall_f1, 2), style="red" if d.error else None)
        console.print(t)

    failures = report.failures
    if failures:
        console.print(f"[bold red]{len(failures)} document(s) failed and were scored as empty:[/bold red]")
        for d in failures:
            console.print(f"  {d.name}: {d.error}", markup=False, highlight=False)


def render_loo(report: LeaveOneOrgOutReport, console=None) -> None:
    """The pooled report, then one row per organisation (and per kind where it has both), then
    the mean over organisations and the worst one: the headline figure."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    render_report(report.pooled, console)

    t = Table(title="Leave one organisation out (F1; each organisation scored without its own documents)")
    t.add_column("organisation", no_wrap=True)
    t.add_column("kind")
    t.add_column("docs", justify="right")
    for c in CATEGORIES:
        t.add_column(_SHORT[c], justify="right")
    t.add_column("overall", justify="right")

    def cells(r: EvalReport) -> list[str]:
        return [_fmt(r.categories[c].f1 if r.categories[c].occurs else None, 2) for c in CATEGORIES]

    for org, r in report.organisations.items():
        kinds = list(r.by_kind)
        t.add_row(org, kinds[0] if len(kinds) == 1 else "all" if kinds else "", str(len(r.documents)), *cells(r),
                  _fmt(r.overall_f1), style="bold" if len(kinds) > 1 else None)
        if len(kinds) > 1:
            for kind, kr in r.by_kind.items():
                t.add_row("", kind, str(len(kr.documents)), *cells(kr), _fmt(kr.overall_f1))
    summary = report.summary()
    t.add_section()
    blank = [""] * len(CATEGORIES)
    for key, v in summary.items():
        t.add_row(f"mean of {v['organisations']}", key, "", *blank, _fmt(v["mean"]), style="bold")
    for key, v in summary.items():
        t.add_row(f"worst: {v['worst_org']}", key, "", *blank, _fmt(v["worst"]))
    console.print(t)
    if summary:
        means = ", ".join(f"{k} [bold]{v['mean']:.3f}[/bold] ({v['organisations']})" for k, v in summary.items())
        worst = summary["overall"]
        console.print(f"[bold]Leave-one-organisation-out field F1[/bold], mean over organisations: {means}; "
                      f"worst organisation {worst['worst_org']} [bold]{worst['worst']:.3f}[/bold]",
                      highlight=False)


# --------------------------------------------------------------------------- files and CLI


def load_gold_pairs(docs_dir, gold_dir) -> list[tuple[Path, Path]]:
    """(docs/NAME.pdf, gold/NAME.json) for every gold file whose PDF exists, sorted by name."""
    docs_dir, gold_dir = Path(docs_dir), Path(gold_dir)
    pairs = []
    for g in sorted(gold_dir.glob("*.json"), key=lambda p: p.stem):
        pdf = docs_dir / f"{g.stem}.pdf"
        if pdf.is_file():
            pairs.append((pdf, g))
    return pairs


def load_column(tsv_path, column: str) -> Optional[dict[str, str]]:
    """``id`` -> ``column`` from a SOURCES.tsv-like file (also keyed by the ``file`` column's stem);
    None when the file has no such column, so that callers decide whether it is optional."""
    values: dict[str, str] = {}
    with open(tsv_path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        if column not in (reader.fieldnames or ()):
            return None
        for row in reader:
            value = (row.get(column) or "").strip()
            if not value:
                continue
            if row.get("file"):
                values.setdefault(Path(row["file"].strip()).stem, value)
            if row.get("id"):
                values[row["id"].strip()] = value
    return values


def load_kinds(tsv_path) -> dict[str, str]:
    """``id`` -> ``kind``; kinds are optional (the report is then not split by kind)."""
    return load_column(tsv_path, "kind") or {}


def load_orgs(tsv_path) -> dict[str, str]:
    """``id`` -> ``org``; a file without the column is a usage error, as nothing can be grouped."""
    orgs = load_column(tsv_path, "org")
    if orgs is None:
        raise UsageError(f"{tsv_path} has no 'org' column: leaving one organisation out "
                               "needs each document's organisation")
    return orgs


def default_kind_file(docs_dir: Path) -> Optional[Path]:
    for candidate in (docs_dir.resolve().parent / "SOURCES.tsv", docs_dir / "SOURCES.tsv"):
        if candidate.is_file():
            return candidate
    return None


def extract_one(pdf: Path, **options) -> dict:
    """The pipeline's output for one PDF, from its pages as read once and cached: a rerun of an
    evaluation after a change to the stages does not OCR the scans again (the cache is keyed by
    the PDF's bytes and the reading code, so a change to reading reads them afresh)."""
    from extractor.pipeline import extract_pages  # lazy: the pipeline is heavy
    from extractor.page_cache import read_pages_cached

    return extract_pages(read_pages_cached(pdf), **options).to_dict()


def read_prediction(predictions_dir: Path, name: str) -> tuple[dict, Optional[str]]:
    pred_path = predictions_dir / f"{name}.json"
    try:
        loaded = json.loads(pred_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, f"no prediction file {pred_path.name}"
    except (OSError, ValueError) as exc:
        return {}, f"{pred_path.name}: {exc}"
    if not isinstance(loaded, dict):
        return {}, f"{pred_path.name}: not a JSON object"
    return loaded, None
