"""The meeting's head: document type, organisation, body, date, time, place, number, next meeting."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

import regex

from extractor import dates, gazetteer
from extractor.document import Document, Line
from extractor.matching import fold_space, match_heading, rest_after
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
        cells = [c.text.strip() for c in line.cells]
        if len(cells) > 1 and match_heading(cells[0], labels):
            # A label column: the label cell may run on ("Plats och tid för"), the value is the other cells.
            value = " ".join(cells[1:])
        else:
            value = rest_after(text.replace("\t", " "), end)
        following = lines[index + 1] if index + 1 < len(lines) else None
        if following is not None:
            first = following.cells[0].text.strip() if following.cells else following.text.strip()
            # A label broken over two lines: "Datum och" / "tid:", "Plats och tid för" / "sammanträde".
            if regex.fullmatch(r"(?:och\s+)?\p{Ll}+:?", first):
                label = f"{label} {first.rstrip(':')}"
                value = fold_space(f"{value} {' '.join(c.text for c in following.cells[1:])}")
        found.append((label, value, index))
    return found


def _document_type(title: str) -> str:
    """The kind of document by the earliest type word of its title ("Protokoll", "Minnesanteckningar")."""
    vocab = _vocab()
    lower = title.lower()
    best = ("protokoll", len(lower) + 1)
    for kind in ("minnesanteckningar", "kallelse", "protokoll"):
        for word in vocab[kind]:
            m = regex.search(rf"{regex.escape(word)}", lower)
            if m and m.start() < best[1]:
                best = (kind, m.start())
    return best[0]


# A date that revises or prints the document is not the meeting's: "(rev 2020-03-26)".
_NOT_MEETING_DATE = regex.compile(r"(?:\brev\.?|reviderad|uppdaterad|ändrad|utskriven|justerad)\s*:?\s*$", regex.IGNORECASE)
# OCR reads "19:00" as "l9:00" after "kl".
_OCR_CLOCK = regex.compile(r"(?<=\bkl(?:ockan|\.)?\s?)[lI](?=\d)")


def _clean(text: str) -> str:
    text = regex.sub(r"(?<=\d)[–—](?=\d)", "-", text)  # "2016–05–25"
    return _OCR_CLOCK.sub("1", text)


def _meeting_dates(text: str) -> list[dates.DateMatch]:
    return [d for d in dates.find_dates(_clean(text)) if d.has_year and not _NOT_MEETING_DATE.search(text[: d.start])]


def meeting_date(head: list[Line], title: list[Line]) -> tuple[datetime.date | None, str]:
    """The meeting date and the text it was read from (a labelled head line, else the title or head)."""
    for label, value, index in _labelled(head, _vocab()["date"]):
        for text in (value, _plain(head[index + 1]) if index + 1 < len(head) else ""):
            found = _meeting_dates(text)
            if found:
                return found[0].date, value + " " + text
    for line in [*title, *head[:12]]:
        text = _plain(line)
        found = _meeting_dates(text)
        if found:
            return found[0].date, text
    return None, ""


def _date_lines(head: list[Line], day: datetime.date | None, date_text: str) -> list[int]:
    """Indexes of the head lines that repeat the meeting date, under the one it was read from:
    "Datum 2016-01-13" in a box and "Onsdagen 2016-01-13, kl 19:00" below it."""
    if day is None:
        return []
    return [i for i, line in enumerate(head)
            if _plain(line) not in date_text and any(m.date == day for m in _meeting_dates(_plain(line)))]


def meeting_times(head: list[Line], date_text: str, date_lines: list[int] = ()) -> tuple[str | None, str | None]:
    candidates = [value for _, value, _ in _labelled(head, _vocab()["time"])]
    candidates.append(date_text)
    candidates.extend(_plain(head[i]) for i in date_lines)
    for text in candidates:
        start, end = dates.parse_time_range(_clean(text))
        if start:
            return start, end
    return None, None


def _times_from_items(texts: list[str]) -> tuple[str | None, str | None]:
    """Opening and closing times in the first and last items: "förklarar mötet öppnat kl 17:21"."""
    start = end = None
    for text in texts[:4]:
        if regex.search(r"öppna|öppnande", text, regex.IGNORECASE):
            text = regex.sub(r"\b(\d{1,2}:\d{2}):\d{2}\b", r"\1", text)  # 17:15:36
            found = dates.find_times(_clean(text))
            if found:
                start = found[0].start_time
                break
    for text in reversed(texts[-3:]):
        if regex.search(r"avslut|avslutande|avslutas|stänger", text, regex.IGNORECASE):
            found = dates.find_times(_clean(text))
            if found:
                end = found[-1].start_time
                break
    return start, end


def _place_after_time(text: str) -> str | None:
    """The place written after the date and time on one line: "..., kl 19:00, Matsalen, Gunnesboskolan."."""
    text = _clean(text)
    last = max([m.end for m in dates.find_times(text)] + [m.end for m in dates.find_dates(text)] + [0])
    rest = text[last:]
    m = regex.match(r"^\s*(?:,|\.|\bi\b|\bpå\b|\bhos\b)\s*(?P<place>\p{Lu}.*?)\s*\.?$", rest)
    if m and last:
        return fold_space(m["place"]).strip(" ,.")
    m = regex.match(r"^\s*,?\s*(?P<prep>i|på|hos)\s+(?P<place>.+?)\s*\.?$", rest)
    if m and last:
        place = fold_space(m["place"]).strip(" ,.")
        return f"Hos {place}" if m["prep"] == "hos" else place
    return None


# A street address alone on a line: "Stenåldersvägen 79", "Storgatan 12 B".
_ADDRESS = regex.compile(
    r"^\p{Lu}[\p{L}-]*(?:vägen|gatan|gränd|gränden|torget|platsen|backen|stigen|allén|leden|plan)\s+\d+(?:\s?[A-Za-z])?$")


def meeting_place(head: list[Line], date_text: str, date_lines: list[int] = ()) -> str | None:
    for label, value, index in _labelled(head, _vocab()["place"]):
        lowered = label.lower()
        if "plats" not in lowered and "lokal" not in lowered:
            continue
        if "justering" in lowered:
            continue  # "Plats och tid för justering": where the minutes are checked, not the meeting
        if "tid" in lowered:
            value = regex.split(r"\b(?:kl(?:ockan|\.)?|tid)\b", value, flags=regex.IGNORECASE)[0]
            value = value if not dates.find_dates(value) else None
        value = fold_space(value or "").strip(" ,")
        if value:
            return value
    for text in [date_text, *(_plain(head[i]) for i in date_lines)]:
        place = _place_after_time(text) if text else None
        if place:
            return place
    # The date and time line, then the address on the next line by itself.
    for i in date_lines:
        if dates.find_times(_clean(_plain(head[i]))) and i + 1 < len(head):
            following = _plain(head[i + 1]).strip(" ,.")
            if _ADDRESS.match(following):
                return following
    return None


def meeting_number(head: list[Line]) -> str | None:
    for line in head[:8]:
        m = regex.search(r"\b(?:möte|sammanträde|styrelsemöte|protokoll)\s+(?:nr|nummer)\.?\s*(?P<n>\d+(?:[:/]\d+)?)", _plain(line), regex.IGNORECASE)
        if m:
            return m["n"]
    return None


_MEETING_WORD = regex.compile(
    r"^(?:\p{L}*möte[t]?|\p{L}*stämma[n]?|\p{L}*sammanträde[t]?|ledningsgrupp(?:en)?|arbetsutskott(?:et)?|presidium|beredning(?:en)?)$",
    regex.IGNORECASE,
)
_MEETING_ADJECTIVE = {"ordinarie", "extra", "konstituerande", "gemensamt", "gemensamma"}
_ORG_WORD = regex.compile(r"(?:förening|samfällighet|kommun|region|brf|bostadsrättsförening|sällskap|förbund|ab)\p{Ll}*$", regex.IGNORECASE)
_BODY_WORD = regex.compile(r"(?:nämnd(?:en)?|styrelse(?:n)?|fullmäktige|utskott(?:et)?)$", regex.IGNORECASE)
_MUNICIPAL_BODY = regex.compile(
    r"\b((?:\p{Lu}\p{Ll}+\s+)?\p{L}+s\s+(?:arbetsutskott|ledningsgrupp|presidium|beredning|planeringsutskott|personalutskott))\b"
    r"|\b(\p{Lu}\p{Ll}*-\s+och\s+\p{Ll}+(?:nämnden|styrelsen|utskottet))\b"
    r"|\b(\p{Lu}[\p{Ll}-]*(?:nämnden|styrelsen|fullmäktige|utskottet|direktionen))\b"
    r"|\b(\p{Lu}\p{Ll}+(?:nämnd|styrelse|fullmäktige))s?\s+(?:protokoll|sammanträde)"
    # A committee named for its field: "Nämnden för Teknik", "Nämnden för Gymnasium & Arbetsmarknad".
    r"|\b((?:Nämnden|Utskottet|Beredningen)\s+för\s+\p{L}[\p{L}-]*(?:\s*(?:&|och)\s*\p{L}[\p{L}-]*)?)",
)


def _title_lines(document_lines: list[Line]) -> list[Line]:
    """The title block of page one: lines before the head's labels and lists, set larger or first."""
    stops = [*_vocab()["place"], *load("structure")["attendance"]["present"]["headings"],
             *load("structure")["attendance"]["absent"]["headings"], *load("structure")["attendance"]["not_attendance"]["headings"]]
    type_words = {w.lower() for kind in ("minnesanteckningar", "kallelse", "protokoll") for w in _vocab()[kind]}
    stops = [h for h in stops if h.lower() not in type_words]
    first_page = [l for l in document_lines if l.page == document_lines[0].page] if document_lines else []
    sizes = sorted(l.size for l in first_page) or [10.0]
    body_size = sizes[len(sizes) // 2]
    title = []
    for index, line in enumerate(first_page[:10]):
        text = _plain(line)
        if match_heading(text, stops) or regex.match(r"^(?:§\s*)?\d{1,2}[.)]?\s", text) or (index and text.endswith(".")):
            break
        if index < 2 or line.bold or line.size >= body_size * 1.05 or len(text.split()) <= 4:
            title.append(line)
    return title


def _tidy_case(phrase: str) -> str:
    """"KUNGSBACKA KOMMUN" -> "Kungsbacka kommun"; mixed case is kept as written."""
    if not phrase.isupper():
        return phrase
    words = phrase.lower().split()
    return " ".join([words[0].capitalize(), *(w.capitalize() if not _ORG_WORD.match(w) else w for w in words[1:])])


def _genitive_organisation(words: list[str]) -> str | None:
    """"Stenålderns samfällighets årsstämma" -> "Stenålderns samfällighet"; "LiTHe kods vårmöte" -> "LiTHe kod"."""
    for index, word in enumerate(words):
        following = [w for w in words[index + 1: index + 3] if w.lower() not in _MEETING_ADJECTIVE]
        if not following or not _MEETING_WORD.match(following[0].strip(",.")) or not word.endswith("s") or len(word) < 3:
            continue
        if _BODY_WORD.search(word[:-1]):
            continue  # "Kommunstyrelsens arbetsutskott" names a body, not who keeps the minutes
        start = index
        while start > 0 and words[start - 1][:1].isupper() and not _MEETING_WORD.match(words[start - 1]) and words[start - 1].lower() not in ("protokoll", "minnesanteckningar", "från", "för", "vid"):
            start -= 1
        phrase = words[start:index + 1]
        if not any(w[:1].isupper() for w in phrase):
            continue
        phrase[-1] = phrase[-1][:-1]
        return " ".join(phrase)
    return None


def _named_organisation(words: list[str]) -> str | None:
    """A proper-noun phrase ending in an organisation word: "Stenålderns samfällighetsförening", "Brf Ekbacken".

    A phrase set in ordinary case wins over one in capitals (a letterhead).
    """
    found = [p for p in _organisation_phrases(words)]
    found.sort(key=lambda phrase: phrase.isupper())
    return _tidy_case(found[0]) if found else None


def _organisation_phrases(words: list[str]):
    for index, word in enumerate(words):
        clean = word.strip(",.:;()")
        if not _ORG_WORD.match(clean) or _BODY_WORD.search(clean.rstrip("s")):
            continue
        start = index
        while start > 0 and words[start - 1][:1].isupper() and not _MEETING_WORD.match(words[start - 1]) and words[start - 1].lower() not in ("protokoll", "minnesanteckningar"):
            start -= 1
        if start == index and not clean[:1].isupper():
            continue
        end = index + 1
        if start == index:
            # The organisation word first, its name after: "Bostadsrättsföreningen Lönnen".
            while end < len(words) and words[end][:1].isupper() and not words[end].endswith(":") and not _MEETING_WORD.match(words[end]) and not words[end].isupper():
                end += 1
        yield " ".join(w.strip(",.:;()") for w in words[start:end])


def _standalone_name(title: list[Line]) -> str | None:
    """A short proper name on a line or cell of its own ("LiTHe kod" above the date)."""
    vocab = _vocab()
    type_words = [w for kind in ("minnesanteckningar", "kallelse", "protokoll") for w in vocab[kind]]
    for line in title[:4]:
        for cell in line.cells:
            text = fold_space(cell.text)
            # "Mötesprotokoll LiTHe kod": the name after a document-type word.
            for word in type_words:
                if text.lower().startswith(word + " "):
                    text = text[len(word) + 1:]
            words = text.split()
            if not 1 <= len(words) <= 4 or not text[:1].isupper() or dates.find_dates(text) or regex.search(r"\d", text):
                continue
            if any(w.lower() in text.lower() for w in type_words) or any(_MEETING_WORD.match(w) for w in words):
                continue
            if gazetteer.is_first_name(words[0]) and len(words) > 1:
                continue  # a person (a signatory in the letterhead), not an organisation
            if _BODY_WORD.search(words[-1]):
                continue  # "Styrelsen" is the body that met
            return _tidy_case(text)
    return None


def _before_meeting_word(words: list[str]) -> str | None:
    """"LiTHe kod höstmöte 2020" -> "LiTHe kod": the name written just before the meeting word."""
    for index, word in enumerate(words[1:5], start=1):
        if (
            _MEETING_WORD.match(word.strip(",."))
            and words[0][:1].isupper()
            and words[index - 1].lower() not in _MEETING_ADJECTIVE
            and not _BODY_WORD.search(words[index - 1].rstrip("s"))
        ):
            return " ".join(words[:index])
    return None


def _body(title_text: str) -> str | None:
    m = _MUNICIPAL_BODY.search(title_text)
    if m:
        return next(g for g in m.groups() if g)
    for entry in _vocab()["bodies"]:
        if regex.search(entry["pattern"], title_text, regex.IGNORECASE):
            return entry["body"]
    # Any other "...möte" in the title, with its adjective: "Gemensamt husrådsmöte".
    words = title_text.split()
    for index, word in enumerate(words):
        if regex.fullmatch(r"\p{L}{3,}möte", word) and not word.lower().startswith("mötes"):
            phrase = word
            if index and words[index - 1].lower() in _MEETING_ADJECTIVE:
                phrase = f"{words[index - 1]} {word}"
            return phrase[0].upper() + phrase[1:]
    return None


def _organisation_and_body(title: list[Line]) -> tuple[str | None, str | None]:
    """Who keeps the minutes and which body met, from the title lines."""
    title_text = " ".join(_plain(l) for l in title)
    words = title_text.split()
    organisation = _genitive_organisation(words) or _named_organisation(words) or _before_meeting_word(words) or _standalone_name(title)
    return organisation, _body(title_text)


def meeting_fields(segments: Segments, document: Document) -> MeetingFields:
    content = document.lines()
    # The title block is read with its running header: municipal protocols repeat
    # organisation, body and date at the top of every page.
    title = _title_lines([line for line in document.pages[0].lines] if document.pages else [])
    # The head proper, or the first lines where the items start at once (the date line may open item 1).
    head = segments.head if len(segments.head) >= 6 else content[:15]
    meeting_day, date_text = meeting_date(head, title)
    date_lines = _date_lines(head, meeting_day, date_text)
    start, end = meeting_times(head, date_text, date_lines)
    if start is None or end is None:
        item_texts = [" ".join(_plain(l) for l in head), *(" ".join(l.text for l in [*i.title_lines, *i.body]) for i in segments.items)]
        first, last = _times_from_items(item_texts)
        start, end = start or first, end or last
    organisation, body = _organisation_and_body(title)
    return MeetingFields(
        document_type=_document_type(" ".join(_plain(l) for l in title)),
        organisation=organisation,
        body=body,
        date=meeting_day.isoformat() if meeting_day else None,
        start_time=start,
        end_time=end,
        place=meeting_place(head, date_text, date_lines),
        number=meeting_number([*title, *head]),
    )


def _next_meeting_texts(segments: Segments) -> list[str]:
    """Text that follows a next-meeting heading: an item "Nästa möte", or the words in a sentence or line."""
    headings = load("structure")["next_meeting"]["headings"]
    pattern = regex.compile(r"\b(?:" + "|".join(regex.escape(h) for h in headings) + r")\b\s*:?", regex.IGNORECASE)
    at_start: list[str] = []
    inside: list[str] = []
    lines = [*segments.head, *(l for i in segments.items for l in [*i.title_lines, *i.body])]
    for index, line in enumerate(lines):
        text = _plain(line)
        m = pattern.search(text)
        if m:
            # A heading alone on its line gives its value on the next line.
            rest = text[m.end():] if dates.find_dates(text[m.end():]) else f"{text[m.end():]} {_plain(lines[index + 1]) if index + 1 < len(lines) else ''}"
            (at_start if m.start() == 0 or regex.match(r"^[\W\d]*$", text[: m.start()]) else inside).append(rest)
    in_items = [" ".join(_plain(l) for l in item.body[:3]) for item in segments.items if pattern.search(item.title)]
    return [*at_start, *in_items, *inside]


_BARE_DAY_MONTH = regex.compile(r"^\s*\d{1,2}/\d{1,2}(?![/\d])")


def next_meeting(segments: Segments, reference: datetime.date | None, meeting_start: str | None = None) -> NextMeetingFields | None:
    """The first date after the meeting written under a next-meeting heading, with its time and place.

    Dates written relative to the meeting ("samma tid nästa vecka", "nästa
    torsdag") are read against the meeting date; "samma tid" keeps its start time.
    """
    for text in _next_meeting_texts(segments):
        text = _clean(text)
        if _BARE_DAY_MONTH.match(text):
            # "17/2 19:00" under "Nästa möte": a date by its place, as "den 17/2" would be anywhere
            text = "den " + text
        found = [d for d in dates.find_dates(text, reference) if reference is None or d.date > reference]
        if found:
            after = text[found[0].end:]
            after = regex.split(r"(?<=\.)\s+(?=\p{Lu}\p{Ll}+\s+\p{Ll})", after)[0]  # stop at the next sentence
            start, end = dates.parse_time_range(after)
            return NextMeetingFields(found[0].date.isoformat(), start, end, _place_after_time(text[: found[0].end] + after))
        relative = dates.find_relative_date(text, reference) if reference else None
        if relative:
            start, end = dates.parse_time_range(text)
            if start is None and regex.search(r"\bsamma\s+tid\b", text, regex.IGNORECASE):
                start = meeting_start
            return NextMeetingFields(relative.isoformat(), start, end, None)
    return None
