"""Signatures: the names in the signing block, each under or beside its label.

Scanned signing blocks are noisy: a handwritten signature comes out of OCR
as letters ("NANA SM", "Givasn Cindblac!") and can swallow the typed name
below it. So a name read there is kept when it has a person's shape, and,
where the participants are known, is read as the participant it resembles;
a label whose name could not be read is given the participant who holds that
office at the meeting (the signers are the meeting's officers).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex
from rapidfuzz import fuzz

from extractor.document import Line
from extractor.entities import resolve_person
from extractor.matching import fold, fold_space, garbled_label, match_heading, signing_label
from extractor.names import leading_name, looks_like_person, repair_name
from extractor.vocab import load

# A label cell further than this from a name cell does not head it (points).
_COLUMN_REACH = 120


@dataclass
class SignatureFields:
    name: str
    role: str
    label: str


def _labels() -> list[dict]:
    return load("structure")["signatures"]["labels"]


def _attesting_labels() -> set[str]:
    return {fold(entry["label"]) for entry in _labels() if entry.get("attests")}


def _label_of(text: str) -> tuple[str, str] | None:
    entries = _labels()
    labels = [e["label"] for e in entries]
    hit = signing_label(text.strip(), labels) or garbled_label(text.strip(), labels)
    if not hit:
        return None
    written = text.strip()[: hit[1]]
    role = next(e["role"] for e in entries if e["label"] == hit[0])
    return written, role


def _ends_block(text: str) -> bool:
    """An attendance heading after the signatures ("Närvarande") or an attachment ends the names."""
    vocab = load("structure")
    headings = vocab["attendance"]["present"]["headings"] + vocab["attendance"]["absent"]["headings"]
    headings = headings + vocab["signatures"]["block_ends"]
    hit = match_heading(text.strip(), headings)
    return bool(hit) and len(text.strip()[hit[1]:].strip(" :")) <= 3  # "Närvarande", "Bilaga E"


def _name_in(text: str) -> str | None:
    text = regex.sub(r"\([^)]*\)", "", text).strip()
    name, _ = leading_name(text)
    return repair_name(name) if name and 2 <= len(name.split()) <= 4 else None


def _name_after(text: str, label: tuple[str, str]) -> str | None:
    """The name beside a label in its cell ("Ordförande Thure Sandén (M)")."""
    rest = fold_space(text.strip()[len(label[0]):]).strip(" :")
    return _name_in(rest) if rest else None


@dataclass
class _Read:
    name: str
    role: str | None  # None: no label stands over the name
    label: str


@dataclass
class _Block:
    read: list[_Read]
    labels: dict[str, str]  # role -> label as written
    slots: dict[str, int]  # role -> most labels of it on one line ("Justeras | Justeras": 2)
    written: bool  # anything but labels and form words: the form was filled in or signed


def _is_form_text(text: str) -> bool:
    """Printed words of a blank signing form: "Namn", "Signatur", "Datum och ort"."""
    words = load("structure")["signatures"]["form_words"]
    return all(fold(part) in {fold(w) for w in words} for part in regex.split(r"\s+och\s+|\s*[,/]\s*", text.strip()) if part)


def _read_block(lines: list[Line]) -> _Block:
    """Names read under or beside labels, and the labels seen."""
    found: list[_Read] = []
    seen: dict[str, str] = {}
    slots: dict[str, int] = {}
    written = False
    open_labels: list[tuple[float, str, str]] = []  # (x0, label as written, role)
    last_names: list[tuple[float, _Read]] = []  # the names of the latest line that had any
    # An office written under a name, with no name below it before the next labels, is what that
    # person signed as when their label names no office: "Maria Terra" over "Ordförande", under
    # "Justeras".
    captions: list[tuple[float, tuple[str, str], _Read]] = []

    def settle_captions() -> None:
        attesting = _attesting_labels()
        for _, (caption, role), read in captions:
            if fold(read.label) in attesting and fold(caption) not in attesting:
                read.role = role
        captions.clear()

    for line in lines:
        cells = [c for c in line.cells if c.text.strip()]
        if not cells:
            continue
        if _ends_block(line.text):
            break
        # Cells of a few letters between labels are signature strokes read as text ("ER").
        labels_here = [(c, _label_of(c.text)) for c in cells if len(c.text.strip()) > 3 or _label_of(c.text)]
        for role in {label[1] for _, label in labels_here if label}:
            slots[role] = max(slots.get(role, 0), sum(1 for _, label in labels_here if label and label[1] == role))
        if labels_here and all(label and not _name_after(c.text, label) for c, label in labels_here):
            settle_captions()
            for cell, label in labels_here:
                above = [(abs(x - cell.x0), read) for x, read in last_names if abs(x - cell.x0) <= _COLUMN_REACH]
                if above:
                    captions.append((cell.x0, label, min(above, key=lambda pair: pair[0])[1]))
            last_names = []
            open_labels = [(c.x0, label[0], label[1]) for c, label in labels_here]
            for _, label in labels_here:
                seen.setdefault(label[1], label[0])
            continue
        written = written or any(not _label_of(c.text) and not _is_form_text(c.text) for c in cells)
        line_names: list[tuple[float, _Read]] = []
        for cell in cells:
            label = _label_of(cell.text)
            if label:
                seen.setdefault(label[1], label[0])
                name = _name_after(cell.text, label)
                if name:
                    found.append(_Read(name, label[1], label[0]))
                else:
                    open_labels = [(cell.x0, label[0], label[1])]
                continue
            if not open_labels:
                continue
            name = _name_in(cell.text)
            if not name:
                continue
            column = min(open_labels, key=lambda entry: abs(entry[0] - cell.x0))
            if abs(column[0] - cell.x0) > _COLUMN_REACH:
                found.append(_Read(name, None, ""))  # its label was not read
            else:
                found.append(_Read(name, column[2], column[1]))
            line_names.append((cell.x0, found[-1]))
        # A name under a role word makes it that name's label, not a caption of the name above.
        captions[:] = [c for c in captions if not any(abs(x - c[0]) <= _COLUMN_REACH for x, _ in line_names)]
        if line_names:
            last_names = line_names
    settle_captions()
    return _Block(found, seen, slots, written)


def _officer_roles(person) -> set[str]:
    return {r for r in [person.role, *person.roles] if r in ("ordförande", "sekreterare", "justerare")}


def _match(name: str, people: Sequence) -> object | None:
    """The participant a name read in the signing block is: the same name (one OCR slip),
    the same first name, or the same surname when only one participant has it."""
    names = [p.name for p in people]
    hit = resolve_person(name, names)
    if hit is None:
        scored = sorted(((fuzz.ratio(fold(name), fold(n)), n) for n in names), reverse=True)
        if scored and scored[0][0] >= 85:
            hit = scored[0][1]
    if hit is None:
        tokens = {t for t in fold(name).split() if len(t) >= 4}
        by_token = {n for n in names if tokens & set(fold(n).split())}
        hit = by_token.pop() if len(by_token) == 1 else None
    return next((p for p in people if p.name == hit), None) if hit else None


def signatures(lines: list[Line], people: Sequence | None = None) -> list[SignatureFields]:
    """Pair each label with the name below it in the same column (or beside it on the line).

    ``people`` (the participants, optional) lets a noisy name be read as the
    participant it resembles and an unreadable one be filled from the officers.
    """
    block = _read_block(lines)
    found: list[SignatureFields] = []
    present = [p for p in people or [] if p.status == "present"]
    for entry in block.read:
        person = _match(entry.name, present) if present else None
        role = entry.role
        if person is not None and role is None:
            offices = _officer_roles(person)
            role = next(iter(offices)) if len(offices) == 1 else None  # no label over the name: their office
        if person is not None and (not looks_like_person(entry.name) or fold(person.name).startswith(fold(entry.name))):
            name = person.name  # OCR noise around a participant's name, or the name cut short ("Tore Gureni")
        elif looks_like_person(entry.name):
            name = entry.name  # as written, also where the attendance list spells it otherwise
        else:
            continue  # OCR noise from a handwritten signature
        if role is None:
            continue
        if person is not None and name != person.name and any(sig.name == person.name for sig in found):
            continue  # a garbled second reading of a name already read right ("Kjell Bugbevn")
        found.append(SignatureFields(name, role, entry.label or block.labels.get(role, role.capitalize())))
    found = [sig for sig in found if not _garbled_copy(sig, found, present)]
    if block.written:
        # A signed block whose names OCR could not read: the meeting's officers signed it.
        for role, label in block.labels.items():
            slots = block.slots.get(role, 1)
            if role == "justerare":  # every justerare signs, also where OCR lost a label
                slots = max(slots, sum(1 for p in present if role in _officer_roles(p)))
            for person in present:
                if sum(1 for sig in found if sig.role == role) >= slots:
                    break
                if role in _officer_roles(person) and not any(_same(sig.name, person.name) for sig in found):
                    found.append(SignatureFields(person.name, role, label))
    return _dedupe(found)


def _garbled_copy(sig: SignatureFields, found: list[SignatureFields], people: Sequence) -> bool:
    """``sig`` resembles a participant whose name was also read as written, under the same role."""
    person = _match(sig.name, people) if people else None
    return bool(person) and sig.name != person.name and any(o.name == person.name and o.role == sig.role for o in found)


def _same(a: str, b: str) -> bool:
    return fuzz.ratio(fold(a), fold(b)) >= 85 or resolve_person(a, [b]) is not None


def _dedupe(found: list[SignatureFields]) -> list[SignatureFields]:
    seen, unique = set(), []
    for sig in found:
        key = (sig.name.lower(), sig.role)
        if key not in seen:
            seen.add(key)
            unique.append(sig)
    return unique


def head_signatures(lines: list[Line], people: Sequence | None = None) -> list[SignatureFields]:
    """Municipal protocols list signatories in the head under "Underskrifter"."""
    block = load("structure")["signatures"]["block_headings"]
    for index, line in enumerate(lines):
        if match_heading(line.text.strip(), block):
            end = index + 1
            while end < len(lines) and not regex.match(r"^(ANSLAG|BEVIS|Protokollet är justerat)", lines[end].text.strip(), regex.IGNORECASE):
                end += 1
            # From the heading's own line: "Underskrifter | Sekreterare | Paragrafer §§ 45–47".
            return signatures(lines[index:end], people)
    return _label_column(lines, people)


def _label_column(lines: list[Line], people: Sequence | None) -> list[SignatureFields]:
    """A municipal head without an "Underskrifter" heading: the signatories' labels in the
    label column ("Sekreterare", "Ordförande", "Justerande"), each name beside it or on the
    line below. The label stands alone in its cell or before a name without a colon (not
    "Ordförande: Anna", an officer named in the head), and the run names at least two
    offices, as a signing block does."""

    def opens_signature(cell: str) -> bool:
        label = _label_of(cell) if cell else None
        if not label:
            return False
        rest = cell.strip()[len(label[0]):]
        colon = label[0].endswith(":") or rest.lstrip().startswith(":")
        return not rest.strip() or (not colon and bool(_name_after(cell, label)))

    index = 0
    while index < len(lines):
        if not opens_signature(_first_cell(lines[index])):
            index += 1
            continue
        end = index + 1
        while end < len(lines) and lines[end].page == lines[index].page:
            cell = _first_cell(lines[end])
            if not opens_signature(cell) and not _name_in(cell):
                break
            end += 1
        found = signatures(lines[index:end], people)
        if len({sig.role for sig in found}) >= 2:
            return found
        index = end
    return []


def _first_cell(line: Line) -> str:
    cells = [c.text for c in line.cells if c.text.strip()]
    return cells[0].strip() if cells else line.text.strip()
