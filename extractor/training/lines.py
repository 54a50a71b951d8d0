"""Annotated lines and the line-role model's training.

Annotations start from the gold files: ``project`` lays a gold file over a
document's lines (an item's title onto its heading line, a decision's text
onto the lines it was written on, a participant's name onto the attendance
line that holds it, ...) and gives every line a role. ``corpus/lines/ID.jsonl``
keeps the result, one line per line of the document: its id, page, role, a
hash of its text (so that a changed layout is noticed) and, where a person
corrected the projection by looking at the page, ``"checked": true``. The
documents' text stays in ``../shared``; training reads the PDFs again and
caches their line records outside the tree.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterable

import regex
from rapidfuzz import fuzz

from extractor import dates, numbering

from extractor.document import Document
from extractor.page_cache import read_pages_cached
from extractor.line_roles import ROLES
from extractor.lines import LineRecord, crf_items, features
from extractor.matching import fold, fold_space, has_decision_verb, match_heading
from extractor.vocab import load

SEED = 13
TRAINING = {"c1": 0.1, "c2": 1.0, "max_iterations": 150, "feature.possible_transitions": True}


def text_hash(text: str) -> str:
    return hashlib.sha1(fold_space(text).encode("utf-8")).hexdigest()[:10]


# --------------------------------------------------------------------------- reading documents


def read_records(pdf: str | os.PathLike, cache: Path | None = None) -> list[LineRecord]:
    """The line records of a PDF, read as ``protokoll extract`` reads it."""
    from extractor.layout import find_layout
    from extractor.lines import records

    return records(find_layout(read_pages_cached(pdf, cache)))


def read_all(pdfs: list[Path], workers: int = 2) -> dict[str, list[LineRecord]]:
    if workers <= 1 or len(pdfs) <= 1:
        return {p.stem: read_records(p) for p in pdfs}
    with ProcessPoolExecutor(workers) as pool:
        return dict(zip((p.stem for p in pdfs), pool.map(read_records, pdfs)))


# --------------------------------------------------------------------------- projecting gold files


def _plain(record: LineRecord) -> str:
    return fold_space(record.text.replace("\t", " "))


def _title_score(line: str, title: str) -> float:
    line_f, title_f = fold(line), fold(title)
    if not line_f or not title_f:
        return 0.0
    if len(line_f) <= len(title_f) + 12:
        return fuzz.ratio(line_f, title_f) if len(line_f) < 0.6 * len(title_f) else fuzz.partial_ratio(line_f, title_f)
    # A title found inside a long line of prose is weaker than a line that is the title.
    return fuzz.partial_ratio(title_f, line_f) - min(15.0, (len(line_f) - len(title_f)) / 4)


def _strip_number(text: str) -> tuple[str, int | None]:
    found = numbering.item_number(text)
    if found is None:
        return text, None
    digits = regex.match(r"\d+", found.number)
    return found.rest, int(digits.group()) if digits else None


def _match_items(lines: list[LineRecord], items: list[dict], cursor: int) -> dict[int, int]:
    found: dict[int, int] = {}
    for k, item in enumerate(items):
        title = item.get("title") or ""
        wanted = "".join(ch for ch in str(item.get("number") or "") if ch.isdigit())
        best, best_score = None, 0.0
        for i in range(cursor, len(lines)):
            if lines[i].furniture:
                continue
            rest, number = _strip_number(_plain(lines[i]))
            if title:
                score = _title_score(rest, title)
            else:
                # An item the minutes give no title: its number standing alone on a line.
                score = 80.0 if wanted and str(number) == wanted and not rest.strip() else 0.0
            above = _numbered_line_above(lines, i)
            if wanted and wanted in (str(number), str(above)):
                score += 25
            if score > best_score + 0.5:
                best, best_score = i, score
            if best is not None and score >= 110:
                break
            if best is not None and best_score >= 85 and i - best > 60:
                break
        if best is not None and best_score >= 80:
            found[k] = best
            cursor = best + 1
    return found


def _numbered_line_above(lines: list[LineRecord], i: int) -> int | None:
    j = i - 1
    while j >= 0 and lines[j].furniture:
        j -= 1
    if j < 0:
        return None
    rest, number = _strip_number(_plain(lines[j]))
    return number if number is not None and len(rest.split()) <= 3 else None


def _fill_untitled(lines: list[LineRecord], items: list[dict], found: dict[int, int]) -> None:
    """An untitled item whose number OCR garbled past reading: the one short token standing alone
    on a line between its neighbours' headings (the layout may have taken it for a page number)."""
    for k, item in enumerate(items):
        if k in found or item.get("title"):
            continue
        before = max((v for j, v in found.items() if j < k), default=-1)
        after = min((v for j, v in found.items() if j > k), default=None)
        if after is None or before < 0:
            continue
        lone = [i for i in range(before + 1, after)
                if len(_plain(lines[i])) <= 4 and len(_plain(lines[i]).split()) == 1]
        if len(lone) == 1:
            found[k] = lone[0]


def _packed(found: dict[int, int]) -> bool:
    """Headings a line or two apart: a table of contents or an agenda, not the items' bodies."""
    positions = sorted(found.values())
    close = sum(1 for a, b in zip(positions, positions[1:]) if b - a <= 3)
    return len(positions) >= 3 and close >= 0.8 * (len(positions) - 1)


def _spread(found: dict[int, int]) -> float:
    positions = sorted(found.values())
    return (positions[-1] - positions[0]) / max(1, len(positions) - 1)


def _item_headings(lines: list[LineRecord], items: list[dict]) -> dict[int, int]:
    """Line index of each gold item's heading, in order; past a table of contents that lists them."""
    found = _match_items(lines, items, 0)
    if _packed(found):
        later = _match_items(lines, items, max(found.values()) + 1)
        if len(later) >= 0.8 * len(found) and (not _packed(later) or _spread(later) > _spread(found)):
            found = later  # the items' bodies stand further apart than the list announcing them
    _fill_untitled(lines, items, found)
    return found


def _within(text: str, targets: list[str], threshold: float = 88.0) -> bool:
    text_f = fold(text)
    if len(text_f) < 6:
        return False
    return any(fuzz.partial_ratio(text_f, fold(t)) >= threshold for t in targets if t and len(fold(t)) >= len(text_f) * 0.5)


def _names_on(text: str, names: list[str]) -> bool:
    text_f = fold(text)
    for name in names:
        name_f = fold(name)
        # A line much shorter than the name would match any piece of it (a letter, an OCR'd number);
        # a surname wrapped onto a line of its own still counts.
        if name_f and (name_f in text_f or (len(name_f) > 6 and len(text_f) >= max(5, len(name_f) // 2)
                                             and fuzz.partial_ratio(name_f, text_f) >= 92)):
            return True
    return False


def _decision_lines(lines: list[LineRecord], span: range, decisions: list[str]) -> set[int]:
    """The lines a decision was written on. An item often words its decision more than once (a
    proposal or a motion, then the decision itself), and a short line (a sub-heading naming the
    matter) matches inside any long decision: of the runs of lines matching a decision, a run
    that a later run repeats and a lone short line beside a longer run are not the decision."""
    kept: set[int] = set()
    for decision in decisions:
        runs: list[list[int]] = []
        for j in span:
            if lines[j].furniture or not _within(_plain(lines[j]), [decision]):
                continue
            # A run goes on over furniture and over a line too short to match (a wrapped word).
            between = range(runs[-1][-1] + 1, j) if runs else range(0)
            if runs and all(lines[m].furniture or len(fold(_plain(lines[m]))) < 6 for m in between):
                runs[-1].append(j)
            else:
                runs.append([j])
        # Decisions worded alike (one per motion, per alternative) each keep their own run.
        once = sum(1 for d in decisions if fuzz.ratio(fold(d), fold(decision)) >= 80) == 1
        longest = max((len(run) for run in runs), default=0)
        for n, run in enumerate(runs):
            if len(run) == 1 and longest > 1 and len(fold(_plain(lines[run[0]])).split()) < 4:
                continue
            if once and any(_repeats(lines, run, later) for later in runs[n + 1:]):
                continue
            kept.update(run)
    return kept


def _repeats(lines: list[LineRecord], run: list[int], later: list[int]) -> bool:
    """Whether the text of ``run`` comes again within ``later``."""
    first = fold(" ".join(_plain(lines[j]) for j in run))
    second = fold(" ".join(_plain(lines[j]) for j in later))
    return len(first) <= 1.2 * len(second) and fuzz.partial_ratio(first, second) >= 90


def _previous_text_line(lines: list[LineRecord], i: int) -> int:
    i -= 1
    while i >= 0 and lines[i].furniture:
        i -= 1
    return i


def _vocab_lists() -> dict[str, list[str]]:
    structure = load("structure")
    attendance = structure["attendance"]
    return {
        "attendance": attendance["present"]["headings"] + attendance["absent"]["headings"],
        "decision": structure["decisions"]["headings"],
        "signing": [e["label"] for e in structure["signatures"]["labels"]] + structure["signatures"]["block_headings"],
        "head": sum((structure["head"][k] for k in ("date", "time", "place", "number")), []),
        "closing": structure["closing"]["titles"],
        "doc_type": sum((structure["head"][k] for k in ("minnesanteckningar", "kallelse", "protokoll")), []),
    }


def _is_heading(text: str, words: list[str]) -> bool:
    hit = match_heading(text, words)
    return bool(hit) and len(text[hit[1]:].strip(" :\t").split()) <= 6


def _signing_shaped(line: LineRecord) -> bool:
    """Short cells that are no sentence: labels, names, a place and date."""
    cells = [c.strip() for c in line.text.split("\t") if c.strip()]
    return bool(cells) and all(len(c.split()) <= 6 and not regex.search(r"\p{Ll}{2}\.$", c) for c in cells)


def _figures(line: LineRecord, share: float = 0.5) -> bool:
    """Cells of figures, half of them or more: a table, not a signature's scribble."""
    cells = [c.strip() for c in line.text.split("\t") if c.strip()]
    numbers = [c for c in cells if regex.fullmatch(r"[\d\s.,:%()-]*\d[\d\s.,:%()-]*", c)]
    return bool(cells) and len(numbers) >= len(cells) * share


def _over_labels(lines: list[LineRecord], j: int, labels: list[str]) -> bool:
    """Whether the next line on the same page is nothing but signing labels, one a cell."""
    if j + 1 >= len(lines) or lines[j + 1].page != lines[j].page:
        return False
    cells = [c.strip() for c in lines[j + 1].text.split("\t") if c.strip()]
    return bool(cells) and all(_is_heading(fold_space(c), labels) and len(c.split()) <= 3 for c in cells)


def project(lines: list[LineRecord], gold: dict) -> list[str]:
    """A role for each line, from what the gold file says the document holds."""
    vocab = _vocab_lists()
    items = gold.get("items") or []
    people = [p["name"] for p in gold.get("participants") or [] if p.get("name")]
    signers = [s["name"] for s in gold.get("signatures") or [] if s.get("name")]
    headings = _item_headings(lines, items)
    roles = ["head"] * len(lines)
    first_item = min(headings.values()) if headings else len(lines)
    last_item = max(headings.values()) if headings else len(lines)

    # The head: title lines at the top of page 1, fields, attendance.
    seen_field = signing = False
    for i in range(first_item):
        if lines[i].furniture:
            continue
        text = _plain(lines[i])
        # Under a signing label in the head ("Justeras av:"), the signers' lines are its names,
        # though the signers took part in the meeting too.
        signing = signing and _names_on(text, signers)
        previous = _previous_text_line(lines, i)
        if signing:
            roles[i] = "signing_name"
        elif text[:1].islower() and previous >= 0 and (roles[previous] == "attendance_entry" or (
                roles[previous] == "title" and not regex.search(r"\d", regex.sub(r"\b(19|20)\d\d\b", "", text)))):
            # A participant's title, or the document's (a year in it, no date), wrapped onto the next line.
            roles[i] = roles[previous]
        elif _is_heading(text, vocab["attendance"]) and not _names_on(text, people):
            roles[i] = "attendance_heading"
            seen_field = True
        elif _names_on(text, people):
            roles[i] = "attendance_entry"
            seen_field = True
        elif _names_on(text, signers) or _is_heading(text, vocab["signing"]):
            roles[i] = "signing_name" if _names_on(text, signers) else "signing_label"
            signing = roles[i] == "signing_label"
        elif not seen_field and lines[i].page == 1 and _is_heading(text, vocab["doc_type"]) \
                and not regex.search(r"\d", regex.sub(r"\b(19|20)\d\d\b", "", text)):
            roles[i] = "title"  # "Protokoll årsstämma 2023": the kind of document, with a year at most
        elif _is_heading(text, vocab["head"]) or any(ch.isdigit() for ch in text):
            roles[i] = "head"
            seen_field = True
        elif not seen_field and lines[i].page == 1:
            roles[i] = "title"

    # The items: headings, decisions, text.
    order = sorted(headings.items(), key=lambda kv: kv[1])
    for position, (k, start) in enumerate(order):
        end = order[position + 1][1] if position + 1 < len(order) else len(lines)
        item = items[k]
        decisions = [d.get("text") or "" for d in item.get("decisions") or []]
        attendance_item = _is_heading(item.get("title") or "", vocab["attendance"])
        roles[start] = "item_heading"
        above = start - 1
        while above >= 0 and lines[above].furniture:
            above -= 1
        if above >= 0 and _numbered_line_above(lines, start) is not None:
            roles[above] = "item_heading"  # the number (and diary number) on a line of its own
        title_left = fold(item.get("title") or "")
        i = start + 1
        # A title running over more lines than one.
        while i < end and not lines[i].furniture and len(fold(_plain(lines[start]))) < len(title_left) - 3 \
                and fold(_plain(lines[i])) and fold(_plain(lines[i])) in title_left:
            roles[i] = "item_heading"
            i += 1
        decided = _decision_lines(lines, range(i, end), decisions)
        for j in range(i, end):
            text = _plain(lines[j])
            if j in decided:
                roles[j] = "decision_text"
            elif attendance_item and _names_on(text, people):
                roles[j] = "attendance_entry"
            else:
                roles[j] = "item_text"
        # A lead-in just above a decision ("Beslut", "Styrelsen beslutar:").
        for j in range(end - 1, i - 1, -1):
            if roles[j] == "item_text" and j + 1 < end and roles[j + 1] in ("decision_text", "decision_heading"):
                text = _plain(lines[j])
                lead_in = text.endswith(":") or (has_decision_verb(text) and not text.endswith("."))
                if _is_heading(text, vocab["decision"]) or (lead_in and len(text.split()) <= 8):
                    roles[j] = "decision_heading"

    # The end: signing block after the last item, then anything appended.
    if headings:
        tail_start = last_item + 1
        signing_at = None
        for j in range(tail_start, len(lines)):
            text = _plain(lines[j])
            if lines[j].furniture or _figures(lines[j], share=0.3):
                continue  # a signature box in every page's footer, a table of names and numbers
            if (_names_on(text, signers) and _signing_shaped(lines[j])) or (
                signers and _is_heading(text, vocab["signing"]) and len(text.split()) <= 6 and _signing_shaped(lines[j])
            ):
                signing_at = j
                break
        # Appendices placed between the last item and the signatures ("Bilaga A" on a line of its own).
        appended = load("numbering")["appendix"]["headings"]
        for j in range(tail_start, signing_at if signing_at is not None else len(lines)):
            text = _plain(lines[j])
            if not lines[j].furniture and _is_heading(text, appended) and len(text.split()) <= 4:
                for m in range(j, signing_at if signing_at is not None else len(lines)):
                    roles[m] = "appendix"
                break
        if signing_at is not None:
            # The block runs while lines stay short (labels, names, dates, places); a list of those
            # present may follow it, and what comes after both is appended to the minutes.
            j = signing_at
            while j < len(lines) and (lines[j].furniture or _signing_shaped(lines[j])
                                      or _over_labels(lines, j, vocab["signing"])):
                text = _plain(lines[j])
                if lines[j].furniture:
                    pass
                elif not _signing_shaped(lines[j]):
                    roles[j] = "signing_name"  # signatures scrawled over the names, read as one long line
                elif _is_heading(text, appended):
                    break  # an appendix's own heading ("Stadgar", "Bilaga 1")
                elif lines[j].page != lines[_previous_text_line(lines, j)].page and not (
                        _names_on(text, signers) or _is_heading(text, vocab["signing"])):
                    break  # a new page that opens with no signer or label starts what is appended
                elif _names_on(text, signers):
                    roles[j] = "signing_name"
                elif _names_on(text, people):
                    roles[j] = "attendance_entry"
                elif _is_heading(text, vocab["attendance"]):
                    roles[j] = "attendance_heading"
                elif _is_heading(text, vocab["signing"]) or dates.find_dates(text) or not _figures(lines[j]):
                    roles[j] = "signing_label"  # a stray digit is a signature's scribble or a garbled date
                else:
                    break  # figures in columns: a table appended to the minutes
                j += 1
            for m in range(j, len(lines)):
                text = _plain(lines[m])
                if _names_on(text, people):
                    roles[m] = "attendance_entry"
                elif _is_heading(text, vocab["attendance"]):
                    roles[m] = "attendance_heading"
                else:
                    roles[m] = "appendix"
        elif gold.get("document_type") == "kallelse" and last_item + 1 < len(lines):
            # A notice's agenda is followed by what it sends along (an annual report, motions).
            last_page = lines[last_item].page
            for m in range(last_item + 1, len(lines)):
                if lines[m].page > last_page:
                    roles[m] = "appendix"
    heading_lines = set(headings.values())
    for i, line in enumerate(lines):
        if line.furniture and i not in heading_lines:  # an item's number the layout took for a page number
            roles[i] = "furniture"
    return roles


# --------------------------------------------------------------------------- annotation files


def write_annotations(path: Path, lines: list[LineRecord], roles: list[str], checked: list[bool] | None = None) -> None:
    rows = []
    for index, (record, role) in enumerate(zip(lines, roles)):
        row = {"id": record.id, "page": record.page, "role": role, "hash": text_hash(record.text)}
        if checked and checked[index]:
            row["checked"] = True
        rows.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), "utf-8")
    os.replace(tmp, path)


def _annotated_rows(path: Path) -> dict[str, dict]:
    return {row["id"]: row for row in (json.loads(l) for l in path.read_text("utf-8").splitlines() if l.strip())}


def read_annotations(path: Path, lines: list[LineRecord]) -> list[str] | None:
    """The annotated roles of ``lines``; None where the annotation no longer fits the layout."""
    by_id = _annotated_rows(path)
    roles = []
    for record in lines:
        row = by_id.get(record.id)
        if row is None or row["hash"] != text_hash(record.text):
            return None
        roles.append(row["role"])
    return roles


def _checked_roles(path: Path, lines: list[LineRecord]) -> list[str | None]:
    """The role a person checked for each line whose id and text are still the same, else None."""
    by_id = _annotated_rows(path) if path.is_file() else {}
    return [row["role"] if (row := by_id.get(record.id)) and row.get("checked") and row["hash"] == text_hash(record.text)
            else None for record in lines]


# --------------------------------------------------------------------------- training


def train(sequences: Iterable[tuple[list[LineRecord], list[str]]], out: Path, seed: int = SEED) -> Path:
    """Train the CRF on (lines, roles) sequences and write it to ``out``."""
    return _train_items(((_items(lines), roles) for lines, roles in sequences), out, seed)


def _items(lines: list[LineRecord]) -> list[dict[str, float]]:
    return [crf_items(row) for row in features(lines)]


def _train_items(sequences: Iterable[tuple[list[dict[str, float]], list[str]]], out: Path, seed: int = SEED) -> Path:
    import pycrfsuite

    random.seed(seed)
    trainer = pycrfsuite.Trainer(verbose=False)
    for items, roles in sequences:
        unknown = set(roles) - set(ROLES)
        if unknown:
            raise ValueError(f"unknown roles {sorted(unknown)}")
        trainer.append(items, roles)
    trainer.select("lbfgs")
    trainer.set_params(TRAINING)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    trainer.train(str(tmp))
    os.replace(tmp, out)
    return out


def training_sequences(docs_dir: Path, annotations_dir: Path, ids: Iterable[str], workers: int = 2):
    """{id: (records, roles)} of each document with a fitting annotation file, and the ids whose
    annotation no longer fits their lines."""
    ids = [i for i in ids if (annotations_dir / f"{i}.jsonl").is_file() and (docs_dir / f"{i}.pdf").is_file()]
    found = read_all([docs_dir / f"{i}.pdf" for i in ids], workers)
    sequences, stale = {}, []
    for doc_id in ids:
        roles = read_annotations(annotations_dir / f"{doc_id}.jsonl", found[doc_id])
        if roles is None:
            stale.append(doc_id)
        else:
            sequences[doc_id] = (found[doc_id], roles)
    return sequences, stale


def annotate(docs_dir: Path, gold_dir: Path, out_dir: Path, ids: Iterable[str], workers: int = 2) -> dict[str, int]:
    """Project each gold file onto its document's lines and write ``out_dir/ID.jsonl``, keeping each
    line's role a person has checked (``"checked": true``) while its text stays the same. Returns
    the number of lines projected anew in each file written."""
    ids = [i for i in ids if (gold_dir / f"{i}.json").is_file() and (docs_dir / f"{i}.pdf").is_file()]
    found = read_all([docs_dir / f"{i}.pdf" for i in ids], workers)
    written = {}
    for doc_id in ids:
        target = out_dir / f"{doc_id}.jsonl"
        checked = _checked_roles(target, found[doc_id])
        if all(role is not None for role in checked):
            continue
        gold = json.loads((gold_dir / f"{doc_id}.json").read_text("utf-8"))
        # A line whose text changed (the reading code changed) is projected again; the roles a
        # person checked on the others are kept.
        roles = [mine or projected for mine, projected in zip(checked, project(found[doc_id], gold))]
        write_annotations(target, found[doc_id], roles, [role is not None for role in checked])
        written[doc_id] = sum(1 for role in checked if role is None)
    return written


def leave_one_org_out(sequences: dict[str, tuple[list[LineRecord], list[str]]], orgs: dict[str, str],
                      work_dir: Path) -> dict:
    """Line-role accuracy on each organisation's documents by a model trained without them."""
    from collections import Counter

    from extractor.line_roles import decode, load_model

    # Features once per document; each fold only trains and decodes.
    items = {doc_id: _items(lines) for doc_id, (lines, _) in sequences.items()}
    confusion: Counter = Counter()
    per_org = {}
    for org in sorted({orgs[i] for i in sequences}):
        model = _train_items([(items[i], roles) for i, (_, roles) in sequences.items() if orgs[i] != org],
                             work_dir / f"fold-{org}.crfsuite")
        weights = load_model(str(model))
        right = total = 0
        for doc_id, (lines, roles) in sequences.items():
            if orgs[doc_id] != org:
                continue
            for gold, found in zip(roles, decode(items[doc_id], weights)):
                confusion[(gold, found)] += 1
                right += gold == found
                total += 1
        load_model.cache_clear()
        per_org[org] = {"accuracy": right / total if total else None, "lines": total}
    by_role = {}
    for role in ROLES:
        tp = confusion[(role, role)]
        fp = sum(n for (g, f), n in confusion.items() if f == role and g != role)
        fn = sum(n for (g, f), n in confusion.items() if g == role and f != role)
        if tp + fp + fn:
            by_role[role] = {"precision": tp / (tp + fp) if tp + fp else 0.0,
                             "recall": tp / (tp + fn) if tp + fn else 0.0, "lines": tp + fn}
    scores = [v["accuracy"] for v in per_org.values() if v["accuracy"] is not None]
    right = sum(n for (g, f), n in confusion.items() if g == f)
    return {"organisations": per_org, "roles": by_role,
            "mean": sum(scores) / len(scores) if scores else None, "worst": min(scores) if scores else None,
            "pooled": right / max(1, sum(confusion.values()))}


class FoldLineModels:
    """The leave-one-organisation-out evaluation's fold hook (``evaluate.PrepareFold``) for regions
    found by roles: for each held-out organisation, a line-role model trained on the annotated
    lines of the documents it may learn from only, so that no fold has seen its own organisation."""

    def __init__(self, docs_dir: Path, annotations_dir: Path, workers: int = 2):
        self.docs_dir, self.annotations_dir, self.workers = Path(docs_dir), Path(annotations_dir), workers
        self._items: dict[str, tuple[list[dict[str, float]], list[str]]] | None = None

    def _sequences(self) -> dict[str, tuple[list[dict[str, float]], list[str]]]:
        if self._items is None:
            ids = sorted(p.stem for p in self.annotations_dir.glob("*.jsonl"))
            sequences, _ = training_sequences(self.docs_dir, self.annotations_dir, ids, self.workers)
            self._items = {doc_id: (_items(lines), roles) for doc_id, (lines, roles) in sequences.items()}
        return self._items

    def __call__(self, held_out_org: str, training_ids: list[str], work_dir: Path) -> dict:
        sequences = self._sequences()
        usable = [sequences[i] for i in training_ids if i in sequences]
        if not usable:
            raise ValueError(f"no annotated lines in {self.annotations_dir} to train the fold without {held_out_org}")
        return {"regions": "roles", "line_model": str(_train_items(usable, Path(work_dir) / "line_roles.crfsuite"))}
