"""The meeting's head: document type, organisation, body, date, time, place, number, next meeting."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

import regex

from extractor import dates
from extractor.document import Line
from extractor.matching import fold, fold_space, match_heading, rest_after
from extractor.segment import Segments
from extractor.vocab import load


@dataclass
class MeetingFields:
    document_type: str
    organisation: str | None
    body: str | None
    date: str | None
    start_time: str | None
    end_time: str | None
    place: str | None
    number: str | None


@dataclass
class NextMeetingFields:
    date: str | None
    start_time: str | None
    end_time: str | None
    place: str | None


def _vocab() -> dict:
    return load("structure")["head"]


def _plain(line: Line) -> str:
    return fold_space(line.text.replace("\t", " "))


def _labelled(lines: list[Line], labels: list[str]) -> list[tuple[str, str, int]]:
    """(label, value, line index) for head lines that start with one of ``labels``.

    A value split over the next line ("Datum och | 2025-03-13" / "tid:") or set
    on the next line under a label column is joined in.
    """
    found = []
    for index, line in enumerate(lines):
        text = line.text.strip()
        hit = match_heading(text, labels)
        if not hit:
            continue
        label, end = hit
        value = rest_after(text.replace("\t", " "), end)
        # A label broken over two lines: "Datum och" / "tid:".
        if index + 1 < len(lines) and regex.fullmatch(r"(?:och\s+)?\p{Ll}+:?", lines[index + 1].text.strip()):
            label = f"{label} {lines[index + 1].text.strip().rstrip(':')}"
        found.append((label, value, index))
    return found


def _document_type(lines: list[Line]) -> str:
    vocab = _vocab()
    top = " ".join(_plain(l) for l in lines[:8]).lower()
    for kind in ("minnesanteckningar", "kallelse", "protokoll"):
        if any(regex.search(rf"\b{regex.escape(w)}", top) for w in vocab[kind]):
            return kind
    return "protokoll"


def meeting_date(head: list[Line], all_lines: list[Line]) -> tuple[datetime.date | None, int | None]:
    labels = _vocab()["date"]
    for label, value, index in _labelled(head, labels):
        found = dates.find_dates(value)
        found = [d for d in found if d.has_year]
        if found:
            return found[0].date, index
        if index + 1 < len(head):
            following = [d for d in dates.find_dates(_plain(head[index + 1])) if d.has_year]
            if following:
                return following[0].date, index + 1
    for index, line in enumerate(all_lines[:15]):
        found = [d for d in dates.find_dates(_plain(line)) if d.has_year]
        if found:
            return found[0].date, index
    return None, None


def meeting_times(head: list[Line], date_index: int | None, items_text: str) -> tuple[str | None, str | None]:
    labels = _vocab()["time"]
    candidates = [value for _, value, _ in _labelled(head, labels)]
    if date_index is not None and date_index < len(head):
        candidates.append(_plain(head[date_index]))
        if date_index + 1 < len(head):
            candidates.append(_plain(head[date_index + 1]))
    for text in candidates:
        start, end = dates.parse_time_range(text)
        if start:
            return start, end
    return None, None


def _times_from_items(texts: list[str]) -> tuple[str | None, str | None]:
    """Opening and closing times in the first and last items: "förklarar mötet öppnat kl 17:21"."""
    start = end = None
    for text in texts[:3]:
        if regex.search(r"öppna|öppnande", text, regex.IGNORECASE):
            found = dates.find_times(text)
            if found:
                start = found[0].start_time
                break
    for text in reversed(texts[-3:]):
        if regex.search(r"avslut|avslutande|avslutas|stänger", text, regex.IGNORECASE):
            found = dates.find_times(text)
            if found:
                end = found[-1].start_time
                break
    return start, end


def meeting_place(head: list[Line]) -> str | None:
    labels = _vocab()["place"]
    for label, value, index in _labelled(head, labels):
        if label.lower().startswith("plats och tid") or label.lower().startswith("tid och plats"):
            value = dates.find_times(value) and regex.split(r"\bkl(?:ockan|\.)?\b", value)[0] or value
        if not label.lower().startswith("plats") and not label.lower().startswith("lokal") and "plats" not in label.lower():
            continue
        value = fold_space(value).strip(" ,")
        if value:
            return value
    return None


def meeting_number(head: list[Line]) -> str | None:
    for line in head[:8]:
        m = regex.search(r"\b(?:möte|sammanträde|styrelsemöte|protokoll)\s+(?:nr|nummer)\.?\s*(?P<n>\d+(?:[:/]\d+)?)", _plain(line), regex.IGNORECASE)
        if m:
            return m["n"]
    return None


def _organisation_and_body(lines: list[Line]) -> tuple[str | None, str | None]:
    """Who keeps the minutes and which body met, from the title lines."""
    vocab = _vocab()
    top = [_plain(l) for l in lines[:8] if _plain(l)]
    organisation = body = None
    joined = " ".join(top)
    for text in top:
        m = regex.search(r"\b(\p{Lu}[\p{L}-]+(?:\s+\p{Lu}?[\p{L}-]+)?\s+kommun)\b", text)
        if m and organisation is None:
            organisation = m.group(1)
            organisation = organisation[0] + organisation[1:].lower() if organisation.isupper() else organisation
            words = organisation.split()
            organisation = " ".join(w.capitalize() if w.isupper() else w for w in words)
    for text in top:
        m = regex.search(r"\b([\p{L}-]*(?:samfällighetsförening|samfällighet|förening|föreningen|bostadsrättsförening|brf)\b[\p{L} ]{0,0})", text, regex.IGNORECASE)
        if m and organisation is None:
            organisation = _phrase_around(text, m.start(), m.end())
    for entry in vocab["bodies"]:
        if regex.search(entry["pattern"], joined, regex.IGNORECASE):
            body = entry["body"]
            break
    for text in [joined, *top]:
        m = regex.search(r"\b(\p{Lu}\p{Ll}+(?:s|ns)\s+(?:ledningsgrupp|arbetsutskott|styrelse|presidium|beredning))\b|\b(\p{Lu}\p{Ll}*(?:nämnden|styrelsen|fullmäktige|utskottet))\b", text)
        if m:
            body = m.group(1) or m.group(2)
            if m.group(1) and regex.match(r"\p{Lu}\p{Ll}+(?:s|ns)\s+(?:ledningsgrupp)", m.group(1)) and organisation is None:
                organisation = regex.sub(r"s\s+ledningsgrupp$", "", m.group(1)) if m.group(1).split()[0].endswith("s") else None
            break
    return organisation, body


def _phrase_around(text: str, start: int, end: int) -> str:
    """The proper-noun phrase containing a matched organisation word."""
    words = list(regex.finditer(r"\S+", text))
    index = next(i for i, w in enumerate(words) if w.end() >= end)
    first = index
    while first > 0 and words[first - 1].group()[:1].isupper() and words[first - 1].group().lower() not in ("protokoll", "vid"):
        first -= 1
    if first == index and index + 1 < len(words) and words[index].group().lower() in ("brf", "bostadsrättsföreningen"):
        index += 1
    phrase = " ".join(w.group() for w in words[first:index + 1]).strip(" ,.:")
    return phrase[0].upper() + phrase[1:] if phrase else phrase


def meeting_fields(segments: Segments, all_lines: list[Line]) -> MeetingFields:
    head = segments.head if segments.head else all_lines[:15]
    first_lines = all_lines[:10]
    meeting_day, date_index = meeting_date(head or first_lines, all_lines)
    start, end = meeting_times(head, date_index, "")
    item_texts = [" ".join(l.text for l in [*i.title_lines, *i.body]) for i in segments.items]
    if start is None or end is None:
        first, last = _times_from_items(item_texts)
        start, end = start or first, end or last
    organisation, body = _organisation_and_body(first_lines)
    return MeetingFields(
        document_type=_document_type(first_lines),
        organisation=organisation,
        body=body,
        date=meeting_day.isoformat() if meeting_day else None,
        start_time=start,
        end_time=end,
        place=meeting_place(head),
        number=meeting_number(head),
    )


def next_meeting(segments: Segments, reference: datetime.date | None) -> NextMeetingFields | None:
    headings = load("structure")["next_meeting"]["headings"]
    candidates: list[str] = []
    for item in segments.items:
        if match_heading(item.title, headings):
            candidates.extend(_plain(l) for l in item.body)
            candidates.append(rest_after(item.title, match_heading(item.title, headings)[1]))
    for line in [*segments.head, *(l for i in segments.items for l in i.body), *segments.signing]:
        text = _plain(line)
        hit = match_heading(text, headings)
        if hit:
            candidates.insert(0, rest_after(text, hit[1]))
    for text in candidates:
        found = [d for d in dates.find_dates(text, reference) if reference is None or d.date > reference]
        if not found:
            continue
        start, end = dates.parse_time_range(text[found[0].end:]) if found else (None, None)
        place = None
        m = regex.search(r"\b(?:i|på|hos)\s+(?P<place>\p{Lu}[^.]*)", text[found[0].end:])
        if m:
            place = fold_space(m["place"]).strip(" ,.")
        return NextMeetingFields(found[0].date.isoformat(), start, end, place)
    return None
