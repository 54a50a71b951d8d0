"""Participants: the attendance part (Deltagare, Närvarande, Beslutande, Frånvarande ...)
and the meeting's officers named in the head or elected in formal items."""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from extractor import gazetteer
from extractor.document import Cell, Line
from extractor.entities import resolve_person
from extractor.matching import fold, fold_space, match_heading, rest_after, words_match
from extractor.names import leading_name, looks_like_surname_first, names_in, natural_order
from extractor.segment import ItemSegment, Segments
from extractor.vocab import load

_PARTY = regex.compile(r"\(\s*(?P<party>[A-ZÅÄÖ]{1,3}(?:/[A-Za-zÅÄÖ]{1,3})?)\s*\)")
_HOUSE = regex.compile(r"^(?:nr|hus|gård|gard|lgh|lägenhet)\b|^\d", regex.IGNORECASE)
_PARAGRAPHS = regex.compile(r"\s*§§?\s*[\d\s,–-]+$")


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


def find_roles(text: str) -> list[tuple[int, str, str]]:
    """Role words in ``text`` as (offset, written, normal role), earliest first, longest at one place."""
    table: dict[str, str] = {k: v for k, v in _vocab()["roles"].items() if isinstance(v, str)}
    found = []
    words = list(regex.finditer(r"[\p{L}\d:.]+", text))
    for i, word in enumerate(words):
        best = None
        for phrase, role in table.items():
            parts = phrase.split()
            if i + len(parts) > len(words):
                continue
            if all(words_match(words[i + k].group().rstrip(".") if not parts[k].endswith(".") else words[i + k].group(), parts[k]) for k in range(len(parts))):
                if best is None or len(phrase) > len(best[1]):
                    best = (word.start(), phrase, role)
        if best:
            found.append(best)
    return found


def _heading_tables() -> tuple[list[str], list[str], list[str]]:
    att = _vocab()["attendance"]
    return att["present"]["headings"], att["absent"]["headings"], att["not_attendance"]["headings"]


def _head_labels() -> list[str]:
    head = _vocab()["head"]
    labels = {*head["date"], *head["time"], *head["place"], *head["number"]}
    labels |= {"Utses att justera", "Justeringens plats och tid", "Justeringens plats", "Underskrifter", "Paragrafer",
               "Dagordning", "Föredragningslista", "Sekreterare", "Ordförande", "Justerande", "Mötesordförande",
               "Mötessekreterare", "Justeringsperson", "Justerare", "Plats och tid", "Ärenden", "Punkt"}
    return sorted(labels)


@dataclass
class _Column:
    x0: float
    group: str
    role: str | None


def _split_people(text: str) -> list[str]:
    """A comma list of names ("Anna Berg, Olle Ek och Per Å") into one text per person."""
    parts = [p.strip() for p in regex.split(r",|\boch\b|;", text) if p.strip()]
    return parts


def _is_name_list(text: str) -> bool:
    parts = _split_people(text)
    if len(parts) < 2:
        return False
    looks = sum(1 for p in parts if leading_name(p)[0] and len(p.split()) <= 4)
    return looks >= max(2, int(0.7 * len(parts)))


def _entry_from(text: str, status: str, group: str | None, group_role: str | None, line: Line, start: int) -> PersonEntry | None:
    text = fold_space(text.replace("\t", " | "))
    affiliation = None
    party = _PARTY.search(text)
    if party:
        affiliation = party["party"]
        text = (text[: party.start()] + text[party.end():]).strip()
    segments = [s.strip() for s in regex.split(r"\s*\|\s*|,", text) if s.strip()]
    if not segments:
        return None
    first = segments[0]
    # "Söderström | Anna" or "Söderström, Anna": surname first.
    if len(segments) > 1 and len(first.split()) == 1 and looks_like_surname_first(first, segments[1]):
        first, segments = f"{segments[1]} {first}", [f"{segments[1]} {first}", *segments[2:]]
    name, name_end = leading_name(first)
    if not name or len(name.split()) > 5:
        return None
    remainder = [first[name_end:].strip(), *segments[1:]]
    role = None
    job_title = None
    for part in remainder:
        if not part:
            continue
        roles = find_roles(part)
        if roles:
            role = role or roles[0][2]
            continue
        if _HOUSE.match(part):
            continue
        if gazetteer.is_municipality(part):
            affiliation = affiliation or part
            continue
        cleaned = _PARAGRAPHS.sub("", part).strip()
        if not cleaned:
            continue
        if group_role == "tjänsteperson" and job_title is None and cleaned[:1].islower():
            job_title = cleaned
            continue
        if group_role == "tjänsteperson" and job_title is None and not affiliation and len(segments) <= 2:
            job_title = cleaned
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
        role = group_role
    elif group_role and group_role not in roles_extra and role != group_role and group_role == "tjänsteperson":
        roles_extra.append(group_role)
    return PersonEntry(
        name=natural_order(name), status=status, group=group, role=role, roles=roles_extra,
        affiliation=affiliation, page=line.page, start=start, end=start + len(name),
    )


def attendance(lines: list[Line]) -> list[PersonEntry]:
    """People listed under attendance headings in ``lines`` (the head, or an item "Närvarande: ...")."""
    present, absent, not_att = _heading_tables()
    group_roles = _vocab()["attendance"]["group_roles"]
    all_headings = present + absent + not_att
    labels = _head_labels()
    people: list[PersonEntry] = []
    status: str | None = None
    group: str | None = None
    columns: list[_Column] = []
    list_mode = False
    last_by_column: dict[int, PersonEntry] = {}

    def column_for(cell: Cell) -> int:
        if not columns:
            return -1
        best = 0
        for i, col in enumerate(columns):
            if cell.x0 >= col.x0 - 12:
                best = i
        return best

    for line in lines:
        text = line.text.strip()
        hit = match_heading(text, all_headings)
        if hit and hit[0] in not_att:
            status, group, columns, list_mode = None, None, [], False
            continue
        if hit:
            heading, end = hit
            status = "absent" if heading in absent else "present"
            group = heading
            columns, last_by_column = [], {}
            rest_cells = [c for c in line.cells if c.start >= line.start + end and c.text.strip()]
            rest = rest_after(text, end)
            sub = [c for c in rest_cells if any(fold(c.text) == fold(h) for h in all_headings)]
            if sub and len(sub) == len(rest_cells):
                for cell in sub:
                    sub_heading = match_heading(cell.text.strip(), all_headings)[0]
                    columns.append(_Column(cell.x0, heading, group_roles.get(sub_heading)))
                continue
            list_mode = _is_name_list(rest)
            if rest:
                offset = line.start + len(line.text) - len(line.text.lstrip()) + text.find(rest[:10]) if rest else line.start
                _add_text(people, rest, status, group, group_roles.get(heading), line, max(offset, line.start), list_mode, last_by_column, 0)
            continue
        if status is None:
            continue
        if match_heading(text, labels) or regex.match(r"^\p{L}[\p{L} ]{1,30}:", text) and not list_mode:
            status, group, columns = None, None, []
            continue
        if list_mode:
            _add_text(people, text, status, group, None, line, line.start, True, last_by_column, 0)
            continue
        cells = line.cells or [Cell(text, line.x0, line.x1, line.start, line.end)]
        if columns:
            for cell in cells:
                index = column_for(cell)
                col = columns[index]
                _add_text(people, cell.text, status, group, col.role, line, cell.start, False, last_by_column, index)
        else:
            _add_text(people, "\t".join(c.text for c in cells), status, group, group_roles.get(group or ""), line, line.start, False, last_by_column, 0)
    return people


def _add_text(people, text, status, group, group_role, line, start, list_mode, last_by_column, column) -> None:
    text = text.strip()
    if not text:
        return
    previous = last_by_column.get(column)
    # A continuation line ("ordförande", "förvaltningschef") belongs to the entry above it.
    if previous is not None and (text[:1].islower() or text[:1].isdigit() or regex.match(r"^§§?\s*\d", text)):
        role = find_roles(text)
        if role and previous.role in (None, "ledamot", "tjänsteperson"):
            previous.role = role[0][2]
        elif not role and previous.affiliation is None and group_role == "tjänsteperson" and "," in text:
            tail = _PARAGRAPHS.sub("", text.split(",", 1)[1]).strip()
            previous.affiliation = tail or None
        return
    if previous is not None and list_mode and previous.name.count(" ") == 0 and leading_name(text)[0]:
        pass
    chunks = _split_people(text) if list_mode else [text]
    cursor = 0
    for chunk in chunks:
        where = text.find(chunk, cursor)
        cursor = where + len(chunk) if where >= 0 else cursor
        if list_mode and previous is not None and people and people[-1] is previous and previous.name.count(" ") == 0 and where == 0 and chunk.split()[0][:1].isupper() and len(chunk.split()) == 1:
            # A name broken over two lines: "Lasse" / "Johnsson, Jens Nilsson".
            previous.name = f"{previous.name} {chunk}"
            previous.end = start + where + len(chunk)
            continue
        entry = _entry_from(chunk, status, group, group_role, line, start + max(where, 0))
        if entry is None:
            continue
        people.append(entry)
        last_by_column[column] = entry
        previous = entry


# Officers -----------------------------------------------------------------

@dataclass
class Officer:
    name: str
    role: str
    also: list[str]
    line: Line


def _officer_patterns() -> dict[str, list[regex.Pattern]]:
    return {role: [regex.compile(p, regex.IGNORECASE) for p in pats] for role, pats in _vocab()["officers"].items()}


def _clean_names(text: str) -> list[str]:
    text = regex.sub(r"\([^)]*\)", "", text)
    text = regex.split(r"\.\s|\.$|\t| till | som | att ", text)[0]
    return [n for n in names_in(text) if n]


def officers_in_lines(lines: list[Line]) -> list[Officer]:
    """Officers named in lines such as "Mötesordförande: Markus" or "Utses att justera | Fredrik Hansson"."""
    found = []
    patterns = _officer_patterns()
    for line in lines:
        text = fold_space(regex.sub(r"^[-–•*]\s*", "", line.text.replace("\t", " \t ")))
        for role, pats in patterns.items():
            for pattern in pats:
                m = pattern.search(text)
                if m and (pattern.pattern.startswith("(?:") is False or m.start() == 0 or "valdes" in pattern.pattern or "väljs" in pattern.pattern):
                    for name in _clean_names(m["who"]):
                        found.append(Officer(name, role, [], line))
                    break
    return found


def officers_from_elections(items: list[ItemSegment]) -> list[Officer]:
    """Officers elected in formal items: "Val av sekreterare för stämman" / "Valdes Nils Mandahl."."""
    vocab = _vocab()["elections"]
    titles = {role: regex.compile(p, regex.IGNORECASE) for role, p in vocab.items() if isinstance(p, str)}
    found: list[Officer] = []
    for item in items:
        title = fold(item.title)
        body_lines = item.body
        for role, pattern in titles.items():
            if pattern.search(title):
                also = [r for word, r in vocab["also_roles"].items() if word in title]
                text = " ".join(l.text for l in body_lines)
                m = regex.search(r"\b(?:valdes|väljs|väljer|valde|välja|utsågs|utses)\b(?:\s+till\s+\w+)?\s+(?P<who>[^.]+)", text, regex.IGNORECASE)
                if m:
                    for name in _clean_names(m["who"]):
                        found.append(Officer(name, role, also, body_lines[0] if body_lines else item.heading))
                break
        else:
            found.extend(_officers_in_subheadings(item))
    return found


def _officers_in_subheadings(item: ItemSegment) -> list[Officer]:
    """ "a. Mötesordförande" followed by "Mötet nominerar och väljer Frans Skarman"."""
    found = []
    current: tuple[str, list[str]] | None = None
    for line in item.body:
        text = fold_space(regex.sub(r"^(?:[a-zA-Z]|\d+(?:\.\d+)*)[.)]\s*|^[-–•]\s*", "", line.text.replace("\t", " ")))
        words = text.split()
        roles = find_roles(text)
        if roles and len(words) <= 5 and roles[0][0] == 0 and roles[0][2] in ("ordförande", "sekreterare", "justerare"):
            also = [r[2] for r in roles[1:] if r[2] != roles[0][2]]
            current = (roles[0][2], also)
            continue
        if current:
            m = regex.search(r"\b(?:väljer|valdes|väljs|välja|valde)\s+(?P<who>[^.]+)", text, regex.IGNORECASE)
            if m:
                for name in _clean_names(m["who"]):
                    found.append(Officer(name, current[0], current[1], line))
            current = None
    return found


def resolve(name: str, people: list[PersonEntry]) -> PersonEntry | None:
    match = resolve_person(name, [p.name for p in people])
    if match is None:
        return None
    return next(p for p in people if p.name == match)


def participants(segments: Segments) -> list[PersonEntry]:
    people = attendance(segments.head)
    for item in segments.items:
        if match_heading(item.title, _heading_tables()[0] + _heading_tables()[1]):
            people.extend(attendance([*item.title_lines[:1], *item.body]))
    officers = officers_in_lines(segments.head)
    for item in segments.items:
        if regex.search(r"\bval\b|funktionär|öppna", item.title, regex.IGNORECASE):
            officers.extend(officers_in_lines(item.body))
    officers.extend(officers_from_elections(segments.items))
    for officer in officers:
        person = resolve(officer.name, people)
        if person is None:
            people.append(
                PersonEntry(
                    name=officer.name, status="present", group=None, role=officer.role,
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
    return people
