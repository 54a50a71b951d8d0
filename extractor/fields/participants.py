"""Participants: the attendance part (Deltagare, Närvarande, Beslutande, Frånvarande ...)
and the meeting's officers named in the head or elected in formal items.

Attendance is read in two steps: the lines under each attendance heading are
gathered into a block (one row per person, or a comma list spread over
lines), then each row is read as name, party, role, municipality or job title.
Officers come from labels ("Mötesordförande: Markus") and from election
sentences ("Tore Gurenius valdes till ordförande för stämman") and are merged
into the attendance list.

Long because attendance is written in more layouts than any other part
(tables, comma lists, columns, handles, lists inside an item, officers in
sentences), and each reader shares the row parser and the merging rules.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

import regex

from extractor import gazetteer
from extractor.document import Cell, Line
from extractor.entities import resolve_person
from extractor.matching import ORGANISATION_WORD, attendance_heading, bullet, find_words, fold, fold_space, has_decision_verb, match_heading, rest_after, without_link, words_match
from extractor.names import (
    NOT_NAMES, document_words, leading_name, looks_like_person, looks_like_surname_first, names_in, natural_order,
    repair_name, split_run_on,
)
from extractor.numbering import leading_specks
from extractor.segment import Segments
from extractor.vocab import load

# "(S)", "(KD/L)", and "(-)" for a member of no party.
_PARTY = regex.compile(r"\(\s*(?P<party>[A-ZÅÄÖ]{1,3}(?:/[A-Za-zÅÄÖ]{1,3})?|-)\s*\)")
_HOUSE = regex.compile(r"^(?:nr|hus|gård|gard|lgh|lägenhet)\b|\d", regex.IGNORECASE)
_PARAGRAPHS = regex.compile(r"\s*(?:§§?|SS|\$\$?)\s*[\d\s,–-]*$")
# Paragraphs alone, as written or as OCR reads "§§" ("$$ 51-59", "88 51-59").
_ONLY_PARAGRAPHS = regex.compile(r"^(?:§§?|SS|\$\$?|£|88?)\s*\d{1,3}(?:\s*[-–,]\s*\d{1,3})*\.?$")
# Numbering and bullets before a heading or a label: "2. Närvarande:", "a. Mötesordförande",
# "ii. Olav Övrebö", "- mötesordförande: Markus", and OCR crumbs of a lost number (". Val av", "ja . Val av").
_ENUMERATOR = regex.compile(
    r"^(?:[-–•*]\s*|§\s*\d{1,3}\s*[.:]?\s+|\d{1,3}[.):]\s*|[a-zA-Z][.)]\s+|\([a-zA-Z\d]{1,4}\)\s*|[ivx]{1,4}[.)]\s*"
    r"|\p{Ll}{0,2}\s*\.\s+)"
)
# A property unit (fastighetsbeteckning) that opens a row of a road or housing association's
# attendance, with its share in parentheses and a dash or a column after it.
_PROPERTY = regex.compile(r"^[-–—]?\s*\p{Lu}[\p{L}-]+(?:\s+\p{L}[\p{L}-]+){0,2}\s+\d+:\d+\s*(?:\([^()]*\))?\s*[-–—\t]?\s*")
# Signs glued before a person's name, which ``matching.bullet`` (a mark and a space) leaves:
# "•Anna Berg", a scan's specks and marks ("= Anna Berg", ".« Anna Berg").
_SPECKS = regex.compile(r"^[^\p{L}\p{N}\s(\"“”]{1,3}\s*(?=\p{Lu})")


@dataclass
class PersonEntry:
    name: str
    status: str
    group: str | None
    role: str | None = None
    roles: list[str] = field(default_factory=list)
    affiliation: str | None = None
    page: int = 1
    start: int = 0
    end: int = 0


def _vocab() -> dict:
    return load("structure")


def _without_bullet(text: str, start: int) -> tuple[str, int]:
    """``text`` without a leading bullet or list number, and where it now starts in the page text."""
    # "K. Berg": a capital and a full stop before a name are an initial, not a list mark.
    mark = (None if regex.match(r"\p{Lu}\.\s", text) else bullet(text)) or _SPECKS.match(text)
    return (text[mark.end():], start + mark.end()) if mark else (text, start)


def _without_lead(text: str, start: int) -> tuple[str, int]:
    """``text`` without what stands before a person's name in a row: a bullet or list number,
    a property unit ("Berga 1:4 (andelstal 120) | Anna Berg")."""
    text, start = _without_bullet(text, start)
    unit = _PROPERTY.match(text)
    return (text[unit.end():], start + unit.end()) if unit else (text, start)


def strip_enumerator(text: str) -> str:
    return _ENUMERATOR.sub("", text.strip(), count=1).strip()


@lru_cache(maxsize=1)
def _role_phrases() -> tuple[tuple[str, tuple[str, ...], str], ...]:
    """(phrase, its words, normal role) for every role word of the vocabulary."""
    return tuple((phrase, tuple(phrase.split()), role)
                 for phrase, role in _vocab()["roles"].items() if isinstance(role, str))


_ROLE_WORD = regex.compile(r"[\p{L}\d:.]+")


def _word_is_role(written: str, expected: str, last: bool) -> bool:
    """``written`` is the role word ``expected``, or, as a phrase's last word, a compound
    ending in it ("sektionsordförande", "klubbkassör": the role of that body)."""
    if words_match(written, expected):
        return True
    return (last and len(expected) >= 6 and len(written) - len(expected) >= 3
            and written.lower().endswith(expected) and written[:-len(expected)].isalpha())


@lru_cache(maxsize=16384)
def find_roles(text: str) -> tuple[tuple[int, str, str], ...]:
    """Role words in ``text`` as (offset, written, normal role), earliest first, longest at one place."""
    found = []
    matches = list(_ROLE_WORD.finditer(text))
    words = [m.group() for m in matches]
    for i in range(len(words)):
        best = None
        for phrase, parts, role in _role_phrases():
            if i + len(parts) > len(words):
                continue
            if all(_word_is_role(words[i + k] if parts[k].endswith(".") else words[i + k].rstrip("."), parts[k],
                                 k == len(parts) - 1) for k in range(len(parts))):
                if best is None or len(phrase) > len(best[3]):
                    best = (matches[i].start(), text[matches[i].start():matches[i + len(parts) - 1].end()], role, phrase)
        if best:
            found.append(best[:3])
    return tuple(found)


def _heading_tables() -> tuple[list[str], list[str], list[str]]:
    att = _vocab()["attendance"]
    return att["present"]["headings"], att["absent"]["headings"], att["not_attendance"]["headings"]


def _head_labels() -> list[str]:
    head = _vocab()["head"]
    labels = {*head["date"], *head["time"], *head["place"], *head["number"], *_vocab()["attendance"]["block_ends"]["labels"]}
    return sorted(labels)


# Attendance ----------------------------------------------------------------

@dataclass
class _Column:
    x0: float
    role: str | None
    status: str | None = None  # a sub-heading of its own status ("Deltagare | Frånvarande")


@dataclass
class _Row:
    text: str
    line: Line
    start: int


@dataclass
class _TableRow:
    cells: dict[str, tuple[str, int]]  # column kind -> (text, offset in the page text)
    line: Line

    def text(self, kind: str) -> str:
        return self.cells.get(kind, ("", 0))[0]


@dataclass
class _Block:
    status: str
    group: str | None
    role: str | None  # the role the heading gives everyone under it
    columns: list[_Column] = field(default_factory=list)
    rows: dict[int, list[_Row]] = field(default_factory=dict)  # column index -> rows
    # An attendance table with a header row ("Befattning | Namn | Närvarande"): (x0, kind) per column.
    table: list[tuple[float, str]] = field(default_factory=list)
    table_rows: list[_TableRow] = field(default_factory=list)
    affiliation: str | None = None  # the organisation a group of rows represents ("Föreningen X: Anna, Olle")

    def add(self, column: int, row: _Row) -> None:
        self.rows.setdefault(column, []).append(row)


def _split_people(text: str) -> list[str]:
    """A comma list of names ("Anna Berg, Olle Ek och Per Å") into one text per person."""
    return [p.strip() for p in regex.split(r",|\boch\b|;", text) if p.strip()]


def _is_name_list(text: str) -> bool:
    parts = _split_people(regex.sub(r"\([^()]*\)", "", text))  # "(S)", "(ordf)" are beside a name
    if len(parts) < 2:
        return False
    if len(parts) == 2 and all(len(p.split()) == 1 for p in parts) and looks_like_surname_first(parts[0], parts[1]):
        return False  # "Söderström, Anna" is one person
    looks = sum(1 for p in parts if leading_name(p)[0] and len(p.split()) <= 4 and not find_roles(p))
    return looks >= max(2, int(0.7 * len(parts)))


def _is_continuation(text: str, previous: str | None) -> bool:
    """A line that carries on the row above: "ordförande", "förvaltning §§ 94-96", or after "Adolfs-"."""
    if previous is None:
        return False
    return bool(text[:1].islower() or text[:1].isdigit() or regex.match(r"^(?:§|SS\s*\d)", text)
                or previous.rstrip().endswith((",", "-", "och")))


def _join(previous: str, text: str) -> str:
    if previous.endswith("-") and text[:1].islower():
        return previous[:-1] + text  # a word broken at the line end: "Adolfs-" + "son"
    return f"{previous} {text}"


def _table_header(line: Line) -> list[tuple[float, str]] | None:
    """The columns of an attendance table's header row ("Befattning | Namn | Närvarande"), or None."""
    kinds: dict[str, str] = {}
    for kind, words in _vocab()["attendance"]["table"].items():
        if isinstance(words, list):
            for word in words:
                kinds.setdefault(fold(word), kind)
    cells = [c for c in line.cells if c.text.strip()]
    if len(cells) < 2:
        return None
    # "E-mail/CID": a header of two words for one column is known by its first.
    columns = [(c.x0, kinds.get(fold(c.text.strip(" :|"))) or kinds.get(fold(c.text.split("/")[0]))) for c in cells]
    if any(kind is None for _, kind in columns) or sum(kind == "name" for _, kind in columns) != 1:
        return None
    return columns


def _table_group(lines: list[Line], index: int) -> str | None:
    """The heading over a table: the line above it when it is short and reads as one ("Styrelsemedlemmar:")."""
    if index == 0:
        return None
    text = fold_space(lines[index - 1].text.replace("\t", " "))
    if len(lines[index - 1].cells) == 1 and 0 < len(text.split()) <= 4 and (text.endswith(":") or lines[index - 1].bold):
        return text.rstrip(" :") or None
    return None


def _table_row(block: _Block, line: Line) -> bool:
    """Add ``line`` to the table of ``block``; False when the line is no row of it (the table has ended)."""
    cells = [c for c in line.cells if c.text.strip()] or [Cell(line.text, line.x0, line.x1, line.start, line.end)]
    left = block.table[0][0]
    if cells[0].x0 < left - 15:
        return False
    found: dict[str, tuple[str, int]] = {}
    for cell in cells:
        column = max((i for i, (x0, _) in enumerate(block.table) if cell.x0 >= x0 - 12), default=0)
        kind = block.table[column][1]
        text = cell.text.strip()
        if kind in found:
            found[kind] = (f"{found[kind][0]} {text}", found[kind][1])
        else:
            found[kind] = (text, cell.start + len(cell.text) - len(cell.text.lstrip()))
    if "name" not in found and "role" in found:
        _name_out_of_role(found)
    name = found.get("name")
    if name is None or name[0][:1].islower():
        if block.table_rows and not line.bold and len(found) < len(block.table):
            # A cell broken over two lines ("Ja, lämnade" / "vid 5.1"): it carries on the row above.
            previous = block.table_rows[-1].cells
            for kind, (text, start) in found.items():
                previous[kind] = (_join(previous[kind][0], text), previous[kind][1]) if kind in previous else (text, start)
            return True
        return False
    written = _without_bullet(*name)[0]
    if len(found) == 1 and block.table_rows and len(written.split()) == 1 and not gazetteer.is_first_name(written):
        # A name broken in a narrow column ("Nikhil Olsson" / "Mukhopadhyay"): the rest of the name above.
        text, start = block.table_rows[-1].cells["name"]
        block.table_rows[-1].cells["name"] = (_join(text, written), start)
        return True
    person, end = leading_name(written)
    if not person:
        return False
    if len(found) == 1 and regex.sub(r"\([^)]*\)", "", written[end:]).strip(" ,.;"):
        return False  # a line of text, not a row of the table: the table has ended
    block.table_rows.append(_TableRow(found, line))
    return True


def _name_out_of_role(found: dict[str, tuple[str, int]]) -> None:
    """A role cell that ran into the name beside it, the gap between them too narrow for two cells
    ("Justerare och rösträknare Anna Berg"): the name moved to its own column."""
    text, start = found["role"]
    for word in list(regex.finditer(r"\S+", text))[1:]:
        name, end = leading_name(text[word.start():])
        if 2 <= len(name.split()) <= 4 and end == len(text[word.start():].rstrip()):
            found["role"] = (text[: word.start()].rstrip(), start)
            found["name"] = (text[word.start():], start + word.start())
            return


def _blocks(lines: list[Line], stop_after: int | None = None) -> list[_Block]:
    """The lines under each attendance heading, by column where the heading has sub-headings."""
    present, absent, not_att = _heading_tables()
    headings = present + absent + not_att
    group_roles = _vocab()["attendance"]["group_roles"]
    labels = _head_labels()
    blocks: list[_Block] = []
    block: _Block | None = None
    last_seen = -10  # the last line read as part of the attendance
    for index, line in enumerate(lines):
        text = line.text.strip()
        if not text:
            continue
        plain = strip_enumerator(text)
        header = _table_header(line)
        if header and (stop_after is None or index <= stop_after or block is not None or index - last_seen <= 3):
            # A table with a header row, under an attendance heading or a heading of its own.
            outer = block
            group = _table_group(lines, index) if outer is None or outer.table else outer.group
            block = _Block(outer.status if outer else "present", group, outer.role if outer else None, table=header)
            blocks.append(block)
            last_seen = index
            continue
        if block is not None and block.table:
            if _table_row(block, line):
                last_seen = index
                continue
            block = None
        hit = attendance_heading(plain, headings)
        if hit:
            heading, end = hit
            if heading in not_att:
                block = None
                continue
            block = _Block("absent" if heading in absent else "present", heading, group_roles.get(heading))
            blocks.append(block)
            last_seen = index
            offset = line.start + len(line.text) - len(line.text.lstrip()) + len(text) - len(plain)
            rest_cells = [c for c in line.cells if c.start >= offset + end and c.text.strip()]
            sub = [c for c in rest_cells if match_heading(c.text.strip(), headings)]
            if sub and len(sub) == len(rest_cells):
                # "Beslutande | Ledamöter | Tjänstgörande ersättare": one column per sub-heading,
                # and the heading's own column for names under it ("Deltagare | Frånvarande").
                block.columns.append(_Column(line.cells[0].x0 if line.cells else line.x0, block.role))
                for cell in sub:
                    name = match_heading(cell.text.strip(), headings)[0]
                    block.columns.append(_Column(cell.x0, group_roles.get(name, block.role), "absent" if name in absent else None))
                continue
            rest = without_link(rest_after(plain, end).lstrip("| "))
            if rest:
                text, start = _without_lead(rest, offset + max(plain.find(rest[:8]), end))
                block.add(0, _Row(text, line, start))
            continue
        if block is None:
            if stop_after is not None and index >= stop_after and blocks:
                break
            continue
        group = _organisation_group(plain)
        if group:
            # "Pensionärsföreningen Ekbacken: Anna Berg, Olle Ek": the people of one organisation.
            block = _Block(block.status, block.group, block.role, affiliation=group[0])
            blocks.append(block)
            last_seen = index
            block.add(0, _Row(group[1], line, line.start + max(line.text.find(group[1][:8]), 0)))
            continue
        if not (text[:1].islower() or text[:1].isdigit()) and not _role_row(plain) and (
            _ends_attendance(plain, labels) or regex.match(r"^\p{L}[\p{L} ]{1,30}:", plain)
        ):
            block = None  # "Utses att justera", "Plats:": the attendance part has ended
            continue
        if regex.fullmatch(r"[\s\-–—_=*.·~]+", text):
            continue  # a rule between groups of the list ("---"); paragraph numbers ("12-15") carry on a row
        last_seen = index
        cells = line.cells or [Cell(text, line.x0, line.x1, line.start, line.end)]
        if block.columns:
            for cell in cells:
                if cell.text.strip():
                    column = max((i for i, c in enumerate(block.columns) if cell.x0 >= c.x0 - 12), default=0)
                    _add_row(block, column, _Row(cell.text.strip(), line, cell.start))
            continue
        kept = [c for c in cells if c.text.strip()]
        row_text = "\t".join(c.text.strip() for c in kept) or text
        row_start = kept[0].start + len(kept[0].text) - len(kept[0].text.lstrip()) if kept else line.start
        # "• Victor Lells": the bullet is no part of the name.
        row_text, row_start = _without_lead(row_text, row_start)
        _add_row(block, 0, _Row(row_text, line, row_start))
    return blocks


def _organisation_group(text: str) -> tuple[str, str] | None:
    """The organisation named before a colon and the people after it, who represent it
    ("Seniorföreningen Ekbacken: Gun Ek"); None where the label names no organisation ("Plats:")."""
    m = regex.match(r"^(?P<organisation>\p{Lu}[\p{L}\d -]{1,50}?)\s*:\s*(?P<people>\S.*)$", text)
    if m is None or not any(ORGANISATION_WORD.match(w) for w in m["organisation"].split()):
        return None
    return (m["organisation"], m["people"]) if leading_name(m["people"])[0] else None


def _ends_attendance(text: str, labels: list[str]) -> bool:
    """A head label after the names ("Utses att justera", "Ordförande"), not the wrapped
    end of a name's role ("Ordförande §§ 51-59" under "Niclas Nilsson (M)")."""
    hit = match_heading(text, labels)
    if not hit:
        return False
    rest = rest_after(text, hit[1])
    return not (rest.startswith("§") or _ONLY_PARAGRAPHS.match(rest))


def _add_row(block: _Block, column: int, row: _Row) -> None:
    rows = block.rows.setdefault(column, [])
    # A row carries on only on its own page: a line at the top of the next is a running header.
    if rows and rows[-1].line.page == row.line.page and _is_continuation(row.text, rows[-1].text):
        rows[-1].text = _join(rows[-1].text, row.text)
    else:
        rows.append(row)


def _list_rows(rows: list[_Row]) -> tuple[_Row | None, list[_Row]]:
    """A comma list of names over the first rows as one row (None when the rows are a table),
    and the rows after it, one person each.

    Rows after the first carry on the list while they are name lists themselves
    or finish a name broken at the line end ("Ylva" / "Selander").
    """
    if not rows or not _is_name_list(rows[0].text):
        return None, rows
    joined = _Row(rows[0].text, rows[0].line, rows[0].start)
    for index, row in enumerate(rows[1:], 1):
        chunks = _split_people(row.text)
        finishes_name = bool(chunks) and len(chunks[0].split()) == 1 and bool(leading_name(chunks[0])[0])
        if finishes_name:
            joined.text = f"{joined.text} {row.text}"
        elif _is_name_list(row.text):
            joined.text = f"{joined.text.rstrip(', ')}, {row.text}"
        else:
            return joined, rows[index:]
    return joined, []


def attendance(lines: list[Line], stop_after: int | None = None, known: frozenset[str] | None = None) -> list[PersonEntry]:
    """People listed under attendance headings in ``lines`` (the head, or an item "Närvarande: ...").

    ``known``: the words of the whole document, which an OCR'd name may be repaired towards
    (``names.repair_name``); by default the words of ``lines``.
    """
    known = document_words(lines) if known is None else known
    people: list[PersonEntry] = []
    for block in _blocks(lines, stop_after):
        people.extend(_block_entries(block, known))
    return people


def _block_entries(block: _Block, known: frozenset[str], names_only: bool = False) -> list[PersonEntry]:
    """The people of one attendance block; with ``names_only``, a row counts only where it holds a person's name."""
    if block.table:
        return _table_entries(block, known)
    people: list[PersonEntry] = []
    for column, rows in sorted(block.rows.items()):
        role = block.columns[column].role if block.columns else block.role
        status = (block.columns[column].status if block.columns else None) or block.status
        listed, rest = (None, rows) if block.columns else _list_rows(rows)
        for row in ([listed] if listed else []) + rest:
            # After a list the rows are people only where they plainly open with a person's
            # name ("Eva Ek (biträdd av ...)"), not with a table's header ("Punkt Vad | Ansvarig").
            plain_names = names_only or (listed is not None and row is not listed)
            chunks = _split_people(row.text) if row is listed else [row.text]
            cursor = 0
            for chunk in chunks:
                where = max(row.text.find(chunk, cursor), 0)
                cursor = where + len(chunk)
                first, second, second_at, kind = _second_person(chunk)
                if second is not None:
                    entry = _entry_from(first, status, block.group, role, row.line, row.start + where, known)
                    if entry:
                        if kind == "replaces" and entry.role in (None, "ersättare"):
                            entry.role = "tjänstgörande ersättare"
                        people.append(entry)
                    entry = _entry_from(second, "absent" if kind == "replaces" else status, block.group, None,
                                        row.line, row.start + where + second_at, known)
                    if entry:
                        people.append(entry)
                    continue
                for part, at in _run_on(chunk):
                    entry = _entry_from(part, status, block.group, role, row.line, row.start + where + at, known)
                    if entry and (looks_like_person(entry.name) or not plain_names):
                        people.append(entry)
    for person in people:
        person.affiliation = person.affiliation or block.affiliation
    return people


def _roll(lines: list[Line], known: frozenset[str]) -> list[PersonEntry]:
    """The people of a roll drawn up inside an item ("Upprättande av röstlängd"), present at the
    meeting: a table with its header row, or the rows of names (a property or a share count
    beside each) between the item's sentences."""
    # Without a heading over it, a row is a person only by its name (a "Summa" row is none).
    people = [p for p in attendance(lines, known=known) if looks_like_person(p.name)]
    if people:
        return people
    block = _Block("present", None, None)
    for line in lines:
        text = fold_space(line.text.replace("\t", " "))
        if not text or text.endswith((".", ":")) or has_decision_verb(text):
            continue  # the sentences that introduce the roll and settle it
        cells = [c for c in line.cells if c.text.strip()] or [Cell(line.text, line.x0, line.x1, line.start, line.end)]
        row_text, row_start = _without_lead("\t".join(c.text.strip() for c in cells), cells[0].start)
        block.add(0, _Row(row_text, line, row_start))
    return _block_entries(block, known, names_only=True)


def _second_person(chunk: str) -> tuple[str, str | None, int, str]:
    """A row that names a second person: "Anna Berg (S) ersätter Olle Ek (S)" (Olle is away,
    Anna serves for him: kind "replaces"), "Eva Ek (biträdd av Per Ek)" (Per is there to
    assist: kind "companion"). The first person's text, the second's, where it starts, the
    kind; ``(chunk, None, 0, "")`` for a row of one person."""
    for kind, words in (("replaces", _vocab()["attendance"]["table"]["replaces"]),
                        ("companion", _vocab()["attendance"]["companions"]["words"])):
        hit = find_words(chunk, [w.lower() for w in words])
        if not hit or not leading_name(chunk.strip())[0]:
            continue
        tail = chunk[hit[0].end():]
        after = hit[0].end() + len(tail) - len(tail.lstrip(" :"))
        if leading_name(chunk[after:])[0]:
            # "(biträdd av Per Ek)": the parenthesis closes around the second person.
            second = regex.sub(r"^([^()]*)\)", r"\1", chunk[after:])
            return chunk[: hit[0].start()].rstrip(" ("), second, after, kind
    return chunk, None, 0, ""


def _run_on(chunk: str) -> list[tuple[str, int]]:
    """A chunk that is nothing but two names without a comma ("Dennis Lundberg Amanda Brodell")
    as one chunk per person with its offset; any other chunk as it is."""
    name, end = leading_name(chunk.strip())
    if not name or chunk.strip()[end:].strip(" .,;"):
        return [(chunk, 0)]
    parts = split_run_on(name)
    if len(parts) < 2:
        return [(chunk, 0)]
    found, cursor = [], 0
    for part in parts:
        at = chunk.find(part.split()[0], cursor)
        found.append((part, max(at, 0)))
        cursor = max(at, 0) + len(part)
    return found


def _mark(text: str) -> bool | None:
    """A presence cell's first word as yes (True) or no (False); None when it is neither."""
    marks = _vocab()["attendance"]["table"]["marks"]
    word = fold(regex.split(r"[\s,;.:()]+", text.strip(), maxsplit=1)[0]) if text.strip() else ""
    if not word:
        return None
    if word in marks["yes"] or text.strip() in marks["yes"]:
        return True
    if word in marks["no"] or text.strip() in marks["no"]:
        return False
    return None


def _table_entries(block: _Block, known: frozenset[str]) -> list[PersonEntry]:
    """People in an attendance table: the name from the Namn column, the role from Roll/Befattning,
    the party or organisation from theirs, the status from Närvarande/Frånvarande."""
    # A column counts when one of its cells reads as yes or no (a column with no cells at all does not).
    marked = {kind: any(_mark(r.text(kind)) is not None for r in block.table_rows) for kind in ("present", "absent")}
    people = []
    for row in block.table_rows:
        text, start = _without_bullet(*row.cells["name"])
        entry = _entry_from(text, block.status, block.group, block.role, row.line, start, known, name_cell=True)
        if entry is None:
            continue
        role_text = row.text("role")
        roles = find_roles(role_text) if role_text else []
        if roles:
            entry.role = roles[0][2]
            reach = roles[0][0] + len(roles[0][1])
            for at, written, role in roles[1:]:
                # "Vice ordförande" is one role, not a vice ordförande who is also ordförande.
                if at >= reach and role != entry.role and role not in entry.roles:
                    entry.roles.append(role)
                reach = max(reach, at + len(written))
        elif row.text("replaces").strip(" -–") and entry.role in (None, "ersättare"):
            entry.role = "tjänstgörande ersättare"
        for kind in ("party", "affiliation"):
            value = row.text(kind).strip(" ()")
            if value and entry.affiliation is None:
                entry.affiliation = value
        if marked["present"]:
            mark = _mark(row.text("present"))
            entry.status = "present" if mark or (mark is None and row.text("present").strip()) else "absent"
        elif marked["absent"]:
            entry.status = "absent" if _mark(row.text("absent")) else "present"
        people.append(entry)
    return people


def _role_row(text: str) -> bool:
    """A person's row that starts with their role, "Ordförande Anna Berg" (no colon: not a label)."""
    lead = _role_prefix(text)
    if not lead:
        return False
    rest = text[lead[1]:]
    if rest.lstrip(" \t")[:1] in (":", "") or rest.lstrip(" \t").startswith("|"):
        return False
    name = leading_name(rest.strip(" \t"))[0]
    return len(name.split()) >= 2


def _role_prefix(text: str) -> tuple[str, int] | None:
    """The role a text starts with and where its words end ("Vice ordförande Anna Berg" -> 15)."""
    roles = find_roles(text)
    if not roles or roles[0][0] != 0:
        return None
    words = list(_ROLE_WORD.finditer(text))
    count = len(roles[0][1].split())
    return roles[0][2], words[count - 1].end() if count <= len(words) else len(text)


def _entry_from(
    text: str, status: str, group: str | None, group_role: str | None, line: Line, start: int,
    known: frozenset[str] = frozenset(), name_cell: bool = False,
) -> PersonEntry | None:
    """One person from their row. ``name_cell``: ``text`` is a table's name cell, where one
    word alone (a handle, or a mascot's one name) is all the name there is."""
    raw = text
    # The full stop that ends a list is no part of the last name: "..., Eva Ek och Tim Ohl."
    text = regex.sub(r"(?<=\p{L}{3})\.$", "", fold_space(text.replace("\t", " | ")))
    # A speck a scan left before the name ('"Eva Ek, kassör') is no part of it.
    text = text[leading_specks(text):]
    affiliation = None
    written_role = None
    for paren in list(regex.finditer(r"\(([^()]*)\)", text)):
        # "Anna Berg (ordförande)", "Olle Ek (sekr)": a role in parentheses.
        inside = paren.group(1).strip()
        roles = find_roles(inside)
        if _PARTY.fullmatch(paren.group(0)):
            continue
        if roles and roles[0][0] == 0:
            written_role = written_role or roles[0][2]
            text = text.replace(paren.group(0), " ", 1)
        elif inside[:1].isupper() and not regex.search(r"\d", inside) and not _is_function(inside) and affiliation is None:
            affiliation = inside  # "Anna Berg (Skatteverket)": the organisation she comes from
            text = text.replace(paren.group(0), " ", 1)
    text = fold_space(text)
    party = _PARTY.search(text)
    if party:
        affiliation = party["party"]
        text = (text[: party.start()] + text[party.end():]).strip()
    # Name, party, role and the rest apart: "Anna Berg, ordförande", "Anna Berg – kassör", "Ordf. | Anna Berg".
    segments = [s.strip() for s in regex.split(r"\s*\|\s*|,|\s+[–—-]\s+", text) if s.strip()]
    if not segments:
        return None
    lead = _role_prefix(segments[0])
    if lead and leading_name(segments[0])[1] <= lead[1]:
        # The role first: "Vice ordförande Anna Berg", "Kassör | Olle Ek".
        rest = segments[0][lead[1]:].strip(" :")
        segments = [rest, *segments[1:]] if rest else segments[1:]
        written_role = written_role or lead[0]
        if not segments:
            return None
        start += max(raw.find(segments[0]), 0)
    first = segments[0]
    # "Söderström | Anna" or "Söderström, Anna": surname first.
    if len(segments) > 1 and len(first.split()) == 1 and looks_like_surname_first(first, segments[1]):
        first, segments = f"{segments[1]} {first}", [f"{segments[1]} {first}", *segments[2:]]
    name, name_end = leading_name(first)
    if not name or len(name.split()) > 5:
        return None
    name = repair_name(natural_order(name), line.source, known)
    if len(name.split()) == 1 and not gazetteer.is_first_name(name) and not name_cell:
        return None  # a lone word is a name only when it is a known first name ("Markus")
    remainder = [first[name_end:].strip(), *segments[1:]]
    role = written_role
    job_title = None
    address_seen = False
    for part in remainder:
        if not part:
            continue
        roles = find_roles(part)
        if roles and roles[0][0] == 0:
            role = role or roles[0][2]
            rest = part[roles[0][0] + len(roles[0][1]):].strip(" .")
            if not rest or not _HOUSE.search(rest):
                continue
            part = rest  # "suppleant m 97, gård 3": the house follows the role
        elif roles or _is_function(part):
            # "Medlem tillika justeringsperson", "kommunfullmäktiges ordförande", "Webbansvarig":
            # what the person is or does, not whom they represent.
            continue
        part = _PARAGRAPHS.sub("", part).strip()  # "förvaltning §§ 94-96": present for those paragraphs
        if not part:
            continue
        if _HOUSE.search(part):
            # House and flat numbers ("nr 125", "gård 4") and what follows them are addresses.
            address_seen = True
            continue
        if address_seen:
            continue
        if gazetteer.is_municipality(part):
            affiliation = affiliation or part
            continue
        cleaned = _PARAGRAPHS.sub("", part).strip()
        if not cleaned:
            continue
        if group_role == "tjänsteperson" and job_title is None and (cleaned[:1].islower() or not affiliation and len(segments) <= 2):
            job_title = cleaned
            continue
        if job_title is None and affiliation is None and _is_job_title(cleaned):
            job_title = cleaned  # "Katarina Öryd, förvaltningschef", "Olle Ek, Ekonomichef"
            continue
        if affiliation is None and (cleaned[:1].isupper() or group_role == "tjänsteperson"):
            affiliation = cleaned
    titles = _vocab()["roles"]["officer_titles"]
    roles_extra: list[str] = []
    if job_title:
        for title, officer in titles.items():
            if words_match(job_title.split()[0].rstrip(","), title):
                role = role or officer
                if group_role:
                    roles_extra.append(group_role)
    if role is None:
        kept = group_role in _vocab()["roles"]["job_titles"]["kept_by"]
        role = "tjänsteperson" if job_title and not kept else group_role
    elif group_role and group_role not in roles_extra and role != group_role and group_role == "tjänsteperson":
        roles_extra.append(group_role)
    return PersonEntry(
        name=name, status=status, group=group, role=role, roles=roles_extra,
        affiliation=affiliation, page=line.page, start=start, end=start + len(name),
    )


def _is_function(text: str) -> bool:
    """A function in the organisation that is no role of the contract: "Medlem", "Webbansvarig"."""
    endings = tuple(_vocab()["roles"]["functions"]["endings"])
    return any(word.lower().rstrip(".,").endswith(endings) for word in text.split()[:3])


def _is_job_title(text: str) -> bool:
    """An official's job title: "förvaltningschef", "senior bygglovshandläggare", "verksamhetschef och tf."."""
    endings = tuple(_vocab()["roles"]["job_titles"]["endings"])
    return any(word.lower().rstrip(".,").endswith(endings) for word in text.split()[:3])


# Officers -----------------------------------------------------------------

@dataclass
class Officer:
    name: str
    role: str
    also: list[str]
    line: Line


def _label_patterns() -> dict[str, list[regex.Pattern]]:
    return {role: [regex.compile(p, regex.IGNORECASE) for p in pats] for role, pats in _vocab()["officers"]["labels"].items()}


def _qualified_roles() -> dict[str, regex.Pattern]:
    return {role: regex.compile(p, regex.IGNORECASE) for role, p in _vocab()["officers"]["sentence_roles"].items()}


def _verbs() -> regex.Pattern:
    words = sorted(_vocab()["elections"]["verbs"], key=len, reverse=True)
    return regex.compile(r"\b(?:" + "|".join(w.replace(" ", r"\s+") for w in words) + r")\b", regex.IGNORECASE)


def _clean_names(text: str) -> list[str]:
    text = regex.sub(r"\([^)]*\)", "", text)
    text = regex.split(r"\.\s|\.$|\t| till | som | att | för ", text)[0]
    return [n for n in names_in(text) if n]


def elected_names(sentence: str) -> list[str]:
    """The people an election sentence elects: after the verb ("Valdes Maria Terra och Håkan
    Lorentz", "Stämman valde X som ...") or before it ("Tore Gurenius valdes till ...",
    "Mötet beslutar att Edvard utses till ...")."""
    sentence = regex.sub(r"\([^)]*\)", "", sentence)
    m = _verbs().search(sentence)
    if not m:
        return []
    after = sentence[m.end():].strip()
    if after and not regex.match(r"(?:till|som|för|att|av)\b", after, regex.IGNORECASE):
        names = _clean_names(after)
        if names:
            return names
    before = sentence[: m.start()]
    before = regex.split(r"\batt\b|\.\s", before)[-1]
    return [n for n in names_in(before) if n.split()[0].lower() not in NOT_NAMES]


def _sentences(text: str) -> list[str]:
    return [s for s in regex.split(r"(?<=[.!?])\s+(?=\p{Lu})", text) if s.strip()]


def _election_title(text: str) -> tuple[str, list[str]] | None:
    """ "Val av sekreterare för stämman" -> ("sekreterare", []); the titles are patterns in [elections]."""
    vocab = _vocab()["elections"]
    plain = fold(text)
    for role, pattern in vocab["titles"].items():
        if regex.search(pattern, plain, regex.IGNORECASE):
            return role, [r for word, r in vocab["also_roles"].items() if word in plain]
    return None


def _role_subheading(text: str) -> tuple[str, list[str]] | None:
    """ "a. Mötesordförande", "Justeringsperson tillika rösträknare": a short line that is an officer's role."""
    if text.rstrip().endswith("."):
        return None  # the end of a sentence ("... jämte stämmoordföranden."), no heading
    roles = find_roles(text)
    # A role word in the genitive names who acts, not the office: "Stämmoordförandens val av protokollförare".
    genitive = bool(roles) and roles[0][1].lower().endswith("s") and roles[0][1].lower() not in _vocab()["roles"]
    if roles and not genitive and len(text.split()) <= 5 and roles[0][0] == 0 and roles[0][2] in _MEETING_OFFICERS:
        return roles[0][2], [r[2] for r in roles[1:] if r[2] != roles[0][2]]
    return None


def _officers_in(lines: list[Line], election_item: bool) -> list[Officer]:
    """Officers in a region (the head, or an item): labels, election sentences, and the
    person elected under an election title or a role sub-heading."""
    found: list[Officer] = []
    labels, qualified = _label_patterns(), _qualified_roles()
    context: tuple[str, list[str]] | None = None
    buffer, budget = "", 0
    for position, line in enumerate(lines):
        text = fold_space(strip_enumerator(line.text.replace("\t", " \t ")))
        if not text:
            continue
        hit = next(((role, m) for role, pats in labels.items() for p in pats if (m := p.search(text))), None)
        if hit:
            for name in _clean_names(hit[1]["who"]):
                found.append(Officer(name, hit[0], [], line))
            context = None
            continue
        title = _election_title(text) or (_role_subheading(text) if election_item else None)
        if title:
            context, buffer, budget = title, "", 4
            continue
        if context:
            buffer = _join(buffer, text) if buffer else text
            names, others = [], []
            for sentence in _sentences(buffer):
                # A sentence that names an office of its own ("Karin Ek utsågs att föra protokollet"
                # under "Val av ordförande") elects to that office, not the title's.
                own = _clause_role(sentence, qualified)
                if own and own != context[0]:
                    others.extend(Officer(n, own, [], line) for n in elected_names(sentence))
                else:
                    names.extend(elected_names(sentence))
            name, end = leading_name(text)
            if not names and name and end >= len(text.rstrip(". ")) and 2 <= len(name.split()) <= 4:
                names = [name]  # the name alone under the sub-heading: "i. Olav Övrebö"
            if names:
                found.extend(Officer(n, context[0], context[1], line) for n in names)
                found.extend(others)
                context = None
                continue
            budget -= 1
            if budget == 0:
                context = None
            continue
        if election_item:
            # A line of an election list: "(a) Anna till ordförande,", "Olle Ek som sekreterare och".
            listed = regex.match(r"(?P<who>[^,]+?)\s+(?:till|som)\s+(?P<what>\S.*)$", text)
            roles = find_roles(listed["what"]) if listed else ()
            if roles and roles[0][0] == 0 and roles[0][2] in _MEETING_OFFICERS and leading_name(listed["who"])[1] == len(listed["who"]):
                found.append(Officer(listed["who"], roles[0][2], [r[2] for r in roles[1:] if r[2] == "rösträknare"], line))
                continue
        found.extend(_acts_in(text, line))
        # An election sentence that says whose officer it elects: "valdes X till mötesordförande".
        sentences = _sentences(text)
        for sentence in sentences:
            # A sentence that runs on to the next lines is read whole for the clauses after its verb.
            runs_on = sentence is sentences[-1] and _verbs().search(sentence)
            whole = _sentence_whole(sentence, lines[position + 1:]) if runs_on else sentence
            gapped = _gapped_clauses(whole, qualified)
            if gapped:
                found.extend(Officer(n, role, [], line) for role, names in gapped for n in names)
                continue
            role = _elected_role(sentence, qualified)
            if role:
                also = [r for word, r in _vocab()["elections"]["also_roles"].items() if word in sentence.lower()]
                found.extend(Officer(n, role, also, line) for n in elected_names(sentence))
    return found


# Where an election sentence goes on to a clause that leaves its verb out: ", till sekreterare ...",
# " och Bo Al till sekreterare", " och Bo Al att justera ...".
_GAP = regex.compile(r"(?:,\s*|\s+och\s+)(?=till\s|\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,3}\s+(?:till|som|att)\s)")


def _sentence_whole(sentence: str, following: list[Line], limit: int = 3) -> str:
    """``sentence`` with the lines that carry it on to its full stop."""
    for line in following[:limit]:
        if regex.search(r"[.!?]$", sentence.rstrip()):
            break
        sentence = _join(sentence, fold_space(line.text.replace("\t", " ")))
    return sentence


def _clause_role(clause: str, qualified: dict[str, regex.Pattern], plain: bool = False) -> str | None:
    """The meeting office a clause names: by a word that makes it the meeting's ("mötesordförande",
    "att justera"), by what the officer does ("att föra protokollet"), or, with ``plain``, by the bare
    role word (a clause that carries on one that named the meeting's office)."""
    hits = [(m.start(), role) for role, pattern in qualified.items() for m in pattern.finditer(clause)]
    hits += [(m.start(), role) for role, pattern in _vocab()["officers"]["acts"].items()
             for m in regex.finditer(pattern, clause, regex.IGNORECASE)]
    if plain:
        hits += [(start, role) for start, _, role in find_roles(clause) if role in _MEETING_OFFICERS]
    return min(hits)[1] if hits else None


def _gapped_clauses(sentence: str, qualified: dict[str, regex.Pattern]) -> list[tuple[str, list[str]]]:
    """(role, names) for each clause of an election sentence that elects several officers and
    writes its verb once: "Till mötesordförande valdes Eva Ek, till sekreterare Bo Al och till
    justerare Kim Ny", "Eva Ek valdes till mötesordförande och Bo Al till sekreterare"; [] for any
    other sentence."""
    clauses = _GAP.split(sentence)
    if len(clauses) < 2 or not _verbs().search(clauses[0]):
        return []
    first = _clause_role(clauses[0], qualified)
    found = [(first, elected_names(clauses[0]))]
    for clause in clauses[1:]:
        role = _clause_role(clause, qualified, plain=True)
        found.append((role, names_in(regex.sub(r"^\s*till\s+\S+\s*", "", clause).rstrip(". "))[:1]))
    if any(role is None or not names for role, names in found):
        return []
    return found


def _elected_role(sentence: str, qualified: dict[str, regex.Pattern]) -> str | None:
    """The officer an election sentence elects: the first role named after the verb, else the
    first before it ("Ordföranden anmälde Eva Ek som protokollförare" elects a secretary, the
    chair is who speaks; "Till ordförande valdes Olle Ek" a chair)."""
    verb = _verbs().search(sentence)
    if not verb:
        return None
    named = sorted((m.start() < verb.end(), m.start(), role) for role, pattern in qualified.items()
                   for m in pattern.finditer(sentence))
    return named[0][2] if named else None


_MEETING_OFFICERS = ("ordförande", "sekreterare", "justerare")


def _acts_in(text: str, line: Line) -> list[Officer]:
    """Officers named by what they did: "Anna Berg ledde mötet och Olle Ek justerar protokollet"
    (the acts are patterns in [officers.acts]); the name must stand right before the act."""
    found = []
    for role, pattern in _vocab()["officers"]["acts"].items():
        for act in regex.finditer(pattern, text, regex.IGNORECASE):
            before = regex.search(r"(?:\p{Lu}[\p{L}'’-]+\s+){0,3}\p{Lu}[\p{L}'’-]+\s*$", text[: act.start()])
            name = leading_name(before.group().strip())[0] if before else ""
            if name and name == before.group().strip():
                found.append(Officer(name, role, [], line))
    return found


def _full_name(name: str, lines: list[Line]) -> str:
    """A first name ("Edvard") as the full name written near it ("Edvard Thörnros nominerar ..."), if one."""
    if len(name.split()) > 1:
        return name
    text = " ".join(l.text for l in lines)
    full = {m.group(0) for m in regex.finditer(rf"\b{regex.escape(name)}\s+\p{{Lu}}[\p{{Ll}}-]+(?:\s+\p{{Lu}}[\p{{Ll}}-]+)?", text)}
    full = {f for f in full if all(t.lower() not in NOT_NAMES for t in f.split()[1:])}
    return full.pop() if len(full) == 1 else name


def officers(segments: Segments) -> list[Officer]:
    found = [Officer(o.name, o.role, o.also, o.line) for o in _officers_in(segments.head, False)]
    for o in found:
        o.name = _full_name(o.name, segments.head)
    for item in segments.items:
        # The title as one line: a title wrapped before its last word ("... till valberedningens" /
        # "ordförande") has no role sub-heading in it.
        title = [replace(item.title_lines[0], text=item.title)] if item.title_lines else []
        lines = [*title, *item.body]
        election_item = bool(regex.search(r"\bval\b|funktionär", item.title, regex.IGNORECASE))
        for o in _officers_in(lines, election_item):
            o.name = _full_name(o.name, lines)
            found.append(o)
    return found


def resolve(name: str, people: list[PersonEntry]) -> PersonEntry | None:
    match = resolve_person(name, [p.name for p in people])
    if match is None:
        return None
    return next(p for p in people if p.name == match)


def _attendance_region(segments: Segments) -> tuple[list[Line], int]:
    """The head, and where items were found by font alone, the lines of those items too:
    a scanned head whose attendance lines came out bold is no item."""
    lines = list(segments.head)
    if segments.items and segments.items[0].number is None:
        for item in segments.items:
            lines.extend([*item.title_lines, *item.body])
    return lines, len(segments.head)


def _listed_in(line: Line) -> Line | None:
    """An attendance list inside an item's line, after a colon or at its start ("Röstlängd:
    Närvarande medlemmar: Anna Berg, Olle Ek och Eva Lind"), as a line of its own; None when
    the line holds none (a heading word in running text, a board's list without names)."""
    present, absent, _ = _heading_tables()
    for cut in [0, *(m.end() for m in regex.finditer(r":\s*", line.text))]:
        text = line.text[cut:]
        plain = strip_enumerator(text)
        hit = attendance_heading(plain, present + absent)
        if hit and _is_name_list(without_link(rest_after(plain, hit[1]))):
            start = line.start + cut + len(text) - len(plain)
            return replace(line, text=plain, start=start, cells=[Cell(plain, line.x0, line.x1, start, line.end)])
    return None


def participants(segments: Segments) -> list[PersonEntry]:
    known = document_words([*segments.head, *(line for item in segments.items for line in [*item.title_lines, *item.body]),
                            *segments.signing, *segments.tail])
    region, head_end = _attendance_region(segments)
    people = attendance(region, stop_after=head_end, known=known)
    present, absent, _ = _heading_tables()
    for item in segments.items:
        # An item "Närvarande: ..." (written out: "Övrigt" is no slip of "Övriga").
        hit = match_heading(item.title, present + absent)
        if hit and fold(item.title[: hit[1]]) == fold(hit[0]):
            people.extend(attendance([*item.title_lines[:1], *item.body], known=known))
            continue
        # A list of those present given inside an item ("Fastställande av röstlängd: Närvarande: ...").
        for line in [*item.title_lines, *item.body]:
            listed = _listed_in(line)
            if listed:
                people.extend(attendance([listed], known=known))
        if find_words(item.title, _vocab()["attendance"]["roll"]["titles"]):
            people.extend(_roll(item.body, known))
    # An attendance list after the signatures ("Närvarande" below the signing block).
    people.extend(attendance(segments.signing, known=known))
    for officer in officers(segments):
        name = repair_name(officer.name, officer.line.source, known)
        person = resolve(name, people)
        if person is None:
            if len(name.split()) < 2 and any(p.name.split()[0] == name for p in people):
                continue  # a first name shared by two people: which one is not said
            people.append(
                PersonEntry(
                    name=name, status="present", group=None, role=officer.role,
                    roles=list(officer.also), page=officer.line.page, start=officer.line.start, end=officer.line.end,
                )
            )
            continue
        if person.role is None:
            person.role = officer.role
        elif person.role != officer.role and officer.role not in person.roles:
            person.roles.append(officer.role)
        for extra in officer.also:
            if extra != person.role and extra not in person.roles:
                person.roles.append(extra)
    return _dedupe(people)


def _dedupe(people: list[PersonEntry]) -> list[PersonEntry]:
    """One entry per person: a name listed twice (head and signing-block list, or two rows of
    one table) keeps the first, with the roles of the others added."""
    seen: dict[str, PersonEntry] = {}
    for person in people:
        first = seen.setdefault(fold(person.name), person)
        if first is person:
            continue
        for role in (person.role, *person.roles):
            if role and first.role is None:
                first.role = role
            elif role and role != first.role and role not in first.roles:
                first.roles.append(role)
    return list(seen.values())
