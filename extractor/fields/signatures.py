"""Signatures: the names in the signing block, each under, over or beside its label.

A label heads the names below it in its column, or the name in the next cell of its line;
"Anna Berg, sekreterare" carries its own label; where the block ends in a line of labels, the
labels stand under the names. One "Justeras" can head a grid of names; an office has one holder.

Scanned signing blocks are noisy: a handwritten signature comes out of OCR
as letters ("NANA SM", "Givasn Cindblac!") and can swallow the typed name
below it. So a name read there is kept when it has a person's shape, and,
where the participants are known, is read as the participant it resembles;
a label whose name could not be read, in a block signed by hand, is given the
participant who holds that office at the meeting (the signers are the meeting's
officers). A block of printed text only (labels, the place and date) was not
signed, and no name is put to its labels.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex
from rapidfuzz import fuzz

from extractor import dates
from extractor.document import Line
from extractor.entities import resolve_person
from extractor.matching import fold, fold_space, label_cell, match_heading, trailing_label
from extractor.names import document_words, leading_name, looks_like_person, repair_name
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


def _role_of(label: str) -> str:
    return next(e["role"] for e in _labels() if e["label"] == label)


def _label_of(text: str) -> tuple[str, str] | None:
    """The label a cell opens with, as written, and its role."""
    hit = label_cell(text, [e["label"] for e in _labels()])
    return (hit[1], _role_of(hit[0])) if hit else None


def _ends_block(text: str) -> bool:
    """An attendance heading after the signatures ("Närvarande") or an attachment ends the names."""
    vocab = load("structure")
    headings = vocab["attendance"]["present"]["headings"] + vocab["attendance"]["absent"]["headings"]
    headings = headings + vocab["signatures"]["block_ends"]
    hit = match_heading(text.strip(), headings)
    return bool(hit) and len(text.strip()[hit[1]:].strip(" :")) <= 3  # "Närvarande", "Bilaga E"


# A nickname in quotes inside a name ("Anna “Kex” Berg") is part of how the name is written.
_NICKNAME = regex.compile(r"\s+[“”\"'‘’«»][^“”\"'‘’«»\s][^“”\"'‘’«»]{0,28}[“”\"'‘’«»](?=\s+\p{Lu})")


def _without_nickname(name: str) -> str:
    return _NICKNAME.sub("", name)


def _name_in(text: str, source: str = "text-layer", known: frozenset[str] = frozenset()) -> str | None:
    """The name a signing cell holds, as written (on a text layer) or with OCR slips repaired
    towards a spelling of the same document. A name that opens a sentence ("Anna Berg väljs till
    sekreterare") is running text after the block, not a signature."""
    text = fold_space(regex.sub(r"\([^)]*\)", "", text))
    plain = _without_nickname(text)
    name, end = leading_name(plain)
    if not name or not 2 <= len(name.split()) <= 4:
        return None
    rest = plain[end:].split()
    if len(rest) > 3 and any(word[:1].islower() for word in rest):
        return None
    # The name's end in ``text``, past the nicknames ``plain`` left out.
    for nickname in _NICKNAME.finditer(text):
        if nickname.start() < end:
            end += len(nickname.group())
    return repair_name(text[:end], source, known)


def _name_label(text: str, source: str = "text-layer", known: frozenset[str] = frozenset()) -> tuple[str, tuple[str, str]] | None:
    """A name with its label after it on one line: "Anna Berg, sekreterare", "Anna Berg – Justerare"."""
    hit = trailing_label(text, [e["label"] for e in _labels()])
    if not hit:
        return None
    name = _name_in(hit[0], source, known)
    return (name, (hit[2], _role_of(hit[1]))) if name else None


def _name_after(text: str, label: tuple[str, str], source: str = "text-layer",
                known: frozenset[str] = frozenset()) -> str | None:
    """The name beside a label in its cell ("Ordförande Arvid Sandell (M)", "Justerat, Bo Ek")."""
    rest = fold_space(text.strip()[len(label[0]):]).strip(" :,–-")
    return _name_in(rest, source, known) if rest else None


@dataclass
class _Read:
    name: str
    role: str | None  # None: no label stands over the name
    label: str
    at: tuple[int, float] = (0, 0.0)  # the line's place in the block and the cell's x0


@dataclass
class _Block:
    read: list[_Read]
    labels: dict[str, str]  # role -> label as written
    slots: dict[str, int]  # role -> most labels of it on one line ("Justeras | Justeras": 2)
    counts: dict[str, int]  # role -> labels of it in the whole block
    written: bool  # handwriting (``_handwriting``): the block was signed by hand


def _is_form_text(text: str) -> bool:
    """Printed words of a blank signing form: "Namn", "Signatur", "Datum och ort"."""
    words = load("structure")["signatures"]["form_words"]
    return all(fold(part) in {fold(w) for w in words} for part in regex.split(r"\s+och\s+|\s*[,/]\s*", text.strip()) if part)


def _handwriting(text: str, source: str, known: frozenset[str]) -> bool:
    """A signature as OCR reads it ("NANA SM", "arcu$ Holmdr"): no label, no printed word of the
    form, no name that can be read and no place and date of signing ("Ekby 2024-03-05"). A block
    with printed text only was not signed by hand: no one's name is put to its empty labels."""
    name = _name_in(text, source, known)
    printed_name = bool(name) and looks_like_person(_without_nickname(name))
    return not (_label_of(text) or _is_form_text(text) or printed_name or dates.find_dates(text))


@dataclass
class _Cell:
    text: str
    x0: float
    x1: float


def _cells(line: Line) -> list[_Cell]:
    """The line's cells, a name that OCR split at a wide gap between its words made whole again
    ("Mahin" | "Moradi"): single capitalised words closer than a column's gap."""
    cells: list[_Cell] = []
    for cell in line.cells:
        text = cell.text.strip()
        if not text:
            continue
        last = cells[-1] if cells else None
        single = regex.fullmatch(r"\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?", text)
        if (last and single and regex.fullmatch(r"(?:\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?\s?)+", last.text)
                and len(last.text.split()) < 3 and cell.x0 - last.x1 < _COLUMN_REACH / 3
                and not _label_of(text) and not _label_of(last.text)):
            cells[-1] = _Cell(f"{last.text} {text}", last.x0, cell.x1)
        else:
            cells.append(_Cell(text, cell.x0, cell.x1))
    return cells


def _labels_only(cells: list[_Cell], source: str, known: frozenset[str]) -> bool:
    """A line of labels with no name beside them (cells of a few letters are signature strokes)."""
    labelled = [(c, _label_of(c.text)) for c in cells if len(c.text) > 3 or _label_of(c.text)]
    return bool(labelled) and all(label and not _name_after(c.text, label, source, known) for c, label in labelled)


def _labels_under(rows: list[tuple[int, Line, list[_Cell]]], known: frozenset[str]) -> bool:
    """Labels printed under the names ("Anna Berg" over "Sekreterare"): the block ends in a line
    of labels right under a line with a name (not a page's footer label after a table)."""
    content = [(i, line, cells) for i, line, cells in rows
               if any(len(c.text) > 3 and not _is_form_text(c.text) for c in cells)]
    if len(content) < 2 or not _labels_only(content[-1][2], content[-1][1].source, known):
        return False
    _, line, cells = content[-2]
    return any(_name_in(c.text, line.source, known) for c in cells)


def _read_pass(rows: list[tuple[int, Line, list[_Cell]]], known: frozenset[str], captioned: bool = True) -> _Block:
    """Names read under (in reading order) or beside labels, and the labels seen."""
    found: list[_Read] = []
    seen: dict[str, str] = {}
    slots: dict[str, int] = {}
    counts: dict[str, int] = {}
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

    for index, line, cells in rows:
        source = line.source
        # Cells of a few letters between labels are signature strokes read as text ("ER").
        labels_here = [(c, _label_of(c.text)) for c in cells if len(c.text) > 3 or _label_of(c.text)]
        for role in {label[1] for _, label in labels_here if label}:
            on_line = sum(1 for _, label in labels_here if label and label[1] == role)
            slots[role] = max(slots.get(role, 0), on_line)
            counts[role] = counts.get(role, 0) + on_line
        if _labels_only(cells, source, known):
            settle_captions()
            if captioned:
                for cell, label in labels_here:
                    above = [(abs(x - cell.x0), read) for x, read in last_names if abs(x - cell.x0) <= _COLUMN_REACH]
                    if above:
                        captions.append((cell.x0, label, min(above, key=lambda pair: pair[0])[1]))
            last_names = []
            open_labels = [(c.x0, label[0], label[1]) for c, label in labels_here]
            for _, label in labels_here:
                seen.setdefault(label[1], label[0])
            continue
        written = written or any(_handwriting(c.text, source, known) for c in cells)
        line_names: list[tuple[float, _Read]] = []
        beside: tuple[str, str] | None = None  # a label cell whose name is in the next cell
        for cell in cells:
            label = _label_of(cell.text)
            if label:
                seen.setdefault(label[1], label[0])
                name = _name_after(cell.text, label, source, known)
                if name:
                    found.append(_Read(name, label[1], label[0], (index, cell.x0)))
                else:
                    open_labels = [(cell.x0, label[0], label[1])]
                    beside = label
                continue
            pair = _name_label(cell.text, source, known)
            if pair:
                name, label = pair
                seen.setdefault(label[1], label[0])
                found.append(_Read(name, label[1], label[0], (index, cell.x0)))
                continue
            name = _name_in(cell.text, source, known)
            if not name:
                continue
            if beside:
                found.append(_Read(name, beside[1], beside[0], (index, cell.x0)))
                beside = None
                continue
            if not open_labels:
                continue
            column = min(open_labels, key=lambda entry: abs(entry[0] - cell.x0))
            # One label over a grid of names heads them all where it can stand for several
            # signers ("Justeras:" over two rows of three names); an office has one holder.
            grid = len(open_labels) == 1 and column[2] == "justerare"
            if abs(column[0] - cell.x0) > _COLUMN_REACH and not grid:
                found.append(_Read(name, None, "", (index, cell.x0)))  # its label was not read
            else:
                found.append(_Read(name, column[2], column[1], (index, cell.x0)))
            line_names.append((cell.x0, found[-1]))
        if len(open_labels) == 1 and open_labels[0][2] == "justerare" and line_names:
            # One "Justeras" over a row of signatures stands for each of them, the ones OCR could
            # not read as a name too ("Anna Berg | <strokes>").
            signed = sum(1 for c in cells if _name_in(c.text, source, known) or _handwriting(c.text, source, known))
            slots["justerare"] = max(slots.get("justerare", 0), signed)
        # A name under a role word makes it that name's label, not a caption of the name above.
        captions[:] = [c for c in captions if not any(abs(x - c[0]) <= _COLUMN_REACH for x, _ in line_names)]
        if line_names:
            last_names = line_names
    settle_captions()
    return _Block(found, seen, slots, counts, written)


def _read_block(lines: list[Line], known: frozenset[str]) -> _Block:
    """Names read under, over or beside labels, and the labels seen; an OCR'd name is repaired
    only towards a spelling in ``known`` (the document's words)."""
    rows = []
    for index, line in enumerate(lines):
        cells = _cells(line)
        if not cells:
            continue
        if _ends_block(line.text):
            break
        rows.append((index, line, cells))
    block = _read_pass(rows, known)
    if not _labels_under(rows, known):
        return block
    # Each name takes the label under it; one with none under it keeps the label it stands under.
    below = {read.at: read for read in _read_pass(rows[::-1], known, captioned=False).read if read.role}
    merged = {read.at: read for read in block.read}
    for at, read in below.items():
        if at not in merged or merged[at].role is None or merged[at].label != read.label:
            merged[at] = read
    block.read = [merged[at] for at in sorted(merged)]
    return block


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
    # The spellings of this document an OCR'd name may be repaired towards: its block and its
    # participants (read from the head and the items).
    known = document_words(lines) | frozenset(word for p in people or [] for word in p.name.split())
    block = _read_block(lines, known)
    found: list[SignatureFields] = []
    present = [p for p in people or [] if p.status == "present"]
    attesting = _attesting_labels()
    for entry in block.read:
        person = _match(entry.name, present) if present else None
        role = entry.role
        if person is not None and role is None:
            offices = _officer_roles(person)
            role = next(iter(offices)) if len(offices) == 1 else None  # no label over the name: their office
        elif person is not None and role == "justerare" and fold(entry.label) in attesting:
            # "Justeras" names no office: the meeting's chair signs under it as the chair.
            offices = _officer_roles(person) - {"justerare"}
            role = offices.pop() if len(offices) == 1 else role
        shaped = looks_like_person(_without_nickname(entry.name))
        if person is not None and (not shaped or fold(person.name).startswith(fold(entry.name))):
            name = person.name  # OCR noise around a participant's name, or the name cut short ("Tore Gureni")
        elif shaped:
            name = entry.name  # as written, also where the attendance list spells it otherwise
        else:
            continue  # OCR noise from a handwritten signature
        if role is None:
            continue
        if person is not None and name != person.name and any(sig.name == person.name for sig in found):
            continue  # a garbled second reading of a name already read right ("Kjell Bugbevn")
        found.append(SignatureFields(name, role, entry.label or block.labels.get(role, role.capitalize())))
    found = [sig for sig in found if not _garbled_copy(sig, found, present)]
    # A lone label with strokes beside it and no name is a page's initials box ("Justerande | ET"),
    # not the signing block.
    box = not block.read and sum(block.counts.values()) < 2
    if block.written and not box:
        # A signed block whose names OCR could not read: the meeting's officers signed it.
        for role, label in block.labels.items():
            slots = block.slots.get(role, 1)
            if role == "justerare":
                # Each justerare label stands for one signer ("Justeringsman", "Justeringskvinna"
                # on lines of their own), as far as the meeting had justerare.
                elected = sum(1 for p in present if role in _officer_roles(p))
                slots = max(slots, min(block.counts.get(role, 1), elected))
            for person in present:
                if _signed(found, role) >= slots:
                    break
                if role in _officer_roles(person) and not any(_same(sig.name, person.name) for sig in found):
                    found.append(SignatureFields(person.name, role, label))
    return _dedupe(found)


def _signed(found: list[SignatureFields], role: str) -> int:
    """The signers in ``role``'s places: a chair who signed under "Justeras" took a justerare's."""
    return sum(1 for sig in found if role in (sig.role, (_label_of(sig.label) or ("", ""))[1]))


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
    """Municipal protocols list signatories in the head, under "Underskrifter" or a sentence
    such as "Protokollet har justerats digitalt av:"; the anslag block ends them."""
    vocab = load("structure")["signatures"]
    for index, line in enumerate(lines):
        if match_heading(line.text.strip(), vocab["block_headings"]):
            end = index + 1
            while end < len(lines) and not match_heading(lines[end].text.strip(), vocab["head_block_ends"]):
                end += 1
            # From the heading's own line: "Underskrifter | Sekreterare | Paragrafer §§ 45–47".
            found = signatures(lines[index:end], people)
            if found:
                return found
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
