"""The meeting's head: document type, organisation, body, date, time, place, number, next meeting.

Long because the head's values are read together: the title block, the head's
labels and the opening and closing items are the same few lines read for
every value, and the document type is decided from them too.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

import regex

from extractor import dates, gazetteer
from extractor.document import Document, Line
from extractor.matching import ORGANISATION_WORD, fold_space, label_cell, match_heading, rest_after, trailing_label
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
    # Why a document typed "other" is not minutes, a notice or notes, in plain words.
    not_minutes: str | None = None

    def missing(self) -> list[str]:
        """A warning for each value of the head not written in the document (left null, never guessed)."""
        where = {"organisation": "in the title or letterhead", "body": "in the title or the head's labels",
                 "start_time": "in the head or the opening item", "end_time": "in the head or the closing item",
                 "place": "in the head"}
        return [f"no {field.replace('_', ' ')} found {place}" for field, place in where.items() if getattr(self, field) is None]


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
        header = _header_row(line, lines[index + 1] if index + 1 < len(lines) else None)
        if header:
            # A row of labels over a row of values: "DATUM | MÖTESTID" / "2021-11-03 | 09:30".
            found.extend((hit[0], value, index + 1) for cell, value in header if (hit := match_heading(cell, labels)))
            continue
        pairs = _label_cells(line)
        if pairs:
            found.extend((label, value, index) for label, value in pairs if label in labels)
            continue
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


def _label_cells(line: Line) -> list[tuple[str, str]]:
    """(label, value) for a row of cells that each hold a label, a colon and its value
    ("Tid: 19.00–21.15 | Plats: Klubbstugan"): each value ends where the next label's cell begins."""
    cells = [c.text.strip() for c in line.cells if c.text.strip()]
    if len(cells) < 2:
        return []
    pairs = []
    for cell in cells:
        hit = match_heading(cell, _labels())
        if hit is None or ":" not in cell[: hit[1] + 2] or not rest_after(cell, hit[1]):
            return []
        pairs.append((hit[0], rest_after(cell, hit[1])))
    return pairs


def _header_row(line: Line, following: Line | None) -> list[tuple[str, str]]:
    """(label, value) pairs of a table head whose every cell is a head label, over a row of as many values."""
    cells = [c.text.strip() for c in line.cells]
    if following is None or len(cells) < 2 or len(following.cells) != len(cells):
        return []
    if not all(match_heading(c, _labels()) and len(c.split()) <= 3 for c in cells):
        return []
    return list(zip(cells, (c.text.strip() for c in following.cells)))


def _document_type(title: str, segments: Segments) -> tuple[str, str | None]:
    """The kind of document as a reader tells it, and for a document that is not minutes why not.

    The earliest type word of its title ("Protokoll", "Minnesanteckningar", "Kallelse") names
    the kind. Without one, the record of a meeting shows at least two independent kinds of
    evidence (``_minutes_evidence``): a date, a signature, numbered sections or a time and a
    place alone are in every invoice, letter, contract or annual report too.

    An agenda heading ("Dagordning") names a notice only where nothing is signed: a signed
    protocol may print its föredragningslista at the top.
    """
    vocab = _vocab()
    lower = title.lower()
    found = sorted(
        (m.start(), kind, word)
        for kind in ("minnesanteckningar", "kallelse", "protokoll")
        for word in vocab[kind]
        # The word, a compound ending in it ("Mötesprotokoll") or an inflection of it, but not a
        # longer word it begins ("Protokollförare").
        for m in [regex.search(regex.escape(word) + r"(?:et|en|n|s|na)?(?!\p{L})", lower)] if m
    )
    evidence = _minutes_evidence(title, segments)
    for _, kind, word in found:
        if word in vocab["agenda"] and segments.signing:
            continue
        if word in load("structure")["document_type"]["need_a_meeting"] and not _names_a_meeting(title):
            continue  # "Inbjudan till sommarfest" invites to no meeting
        return kind, None
    if len(evidence) >= 2:
        return "protokoll", None
    seen = f"only {evidence[0]}" if evidence else "none"
    return "other", (f"no title naming minutes, a notice or notes, and {seen} of the parts of a meeting's record "
                     "(a title naming a meeting, a head with its time or place, attendance, numbered items, "
                     "a signing block of minutes)")


def _minutes_evidence(title: str, segments: Segments) -> list[str]:
    """The kinds of evidence of a meeting's record found, in plain words: a title naming a meeting,
    a head with the meeting's time or place, an attendance list, numbered items, a signing block
    that attests minutes."""
    vocab = _vocab()
    attendance = load("structure")["attendance"]
    evidence_vocab = load("structure")["document_type"]
    # A board's members listed under "Ledamöter" are in an annual report too; presence is a meeting's.
    members = {h.lower() for h in evidence_vocab["member_lists"]}
    present = [h for h in (*attendance["present"]["headings"], *attendance["absent"]["headings"]) if h.lower() not in members]
    found = []
    if _names_a_meeting(title):
        found.append("a title naming a meeting")
    if any(_clock_label(line) or _label_line(line, vocab["place"]) for line in segments.head):
        found.append("a head with the meeting's time or place")
    if any(_label_line(line, present) for line in segments.head):
        found.append("an attendance list")
    if len(segments.items) >= 2:
        found.append("numbered items")
    if _attests_minutes(segments.signing, evidence_vocab["signing_roles"]):
        found.append("a signing block of minutes")
    return found


def _names_a_meeting(title: str) -> bool:
    return any(_MEETING_WORD.match(w.strip(",.:")) for w in title.split())


def _label_line(line: Line, labels: list[str]) -> bool:
    """A line that opens with one of ``labels`` as a label is written: alone, before a colon, or
    in a cell of its own; not a sentence that begins with the word ("Var vänlig ...")."""
    text = _plain(line)
    hit = match_heading(text, labels)
    if not hit:
        return False
    # The label's last word may carry its colon: "Närvarande: Anna Berg".
    rest = text[hit[1]:].strip()
    first = fold_space(line.cells[0].text).rstrip(": ") if len(line.cells) > 1 else ""
    return (not rest or rest.startswith(":") or text[:hit[1]].endswith(":")
            or (bool(first) and (m := match_heading(first, labels)) is not None and m[1] >= len(first)))


def _clock_label(line: Line) -> bool:
    """A time label with a clock time in its value: "Tid: 18.30", "Klockan 13.00-15.40"."""
    return _label_line(line, _vocab()["time"]) and bool(dates.find_times(_clean(_plain(line))))


def _attests_minutes(signing: list[Line], roles: list[str]) -> bool:
    """A signing label that attests a record or gives a role only minutes are signed in ("Vid
    protokollet", "Justeras", "Justerare"), not an office a board's members sign any document in."""
    labels = load("structure")["signatures"]["labels"]
    attesting = {entry["label"] for entry in labels if entry.get("attests") or entry["role"] in roles}
    names = [entry["label"] for entry in labels]
    for line in signing:
        for text in [cell.text for cell in line.cells] or [line.text]:
            opening, trailing = label_cell(text, names), trailing_label(text, names)
            if (opening and opening[0] in attesting) or (trailing and trailing[1] in attesting):
                return True
    return False


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
    lines = [*title, *head[:12]]
    for index, line in enumerate(lines):
        text = _plain(line)
        found = _meeting_dates(text)
        if found:
            return found[0].date, _run_on(text, lines[index + 1:])
    # A notice writes the year once in its title ("årsmöte 2024") and the day
    # without it ("lördag den 6 april kl. 10.00").
    year = regex.search(r"(?<![\d-])(?:19|20)\d{2}(?![\d-])", " ".join(_plain(l) for l in title))
    if year:
        january = datetime.date(int(year.group()), 1, 1)
        for index, line in enumerate(lines):
            text = _plain(line)
            found = [d for d in dates.find_dates(_clean(text), january)
                     if not d.has_year and d.date.year == january.year and not _NOT_MEETING_DATE.search(text[: d.start])]
            if found:
                return found[0].date, _run_on(text, lines[index + 1:])
    return None, ""


def _run_on(text: str, following: list[Line]) -> str:
    """A title sentence broken after a preposition goes on in the next line: "... 2021 i" / "Ekby Bygdegård"."""
    for line in following[:2]:
        if not regex.search(r"\b(?:i|på|hos|vid|med|den|kl\.?)$", text, regex.IGNORECASE):
            break
        text = f"{text} {_plain(line)}"
    return text


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


def _sentence_time(text: str, words: list[str], others: list[str], last: bool) -> str | None:
    """The time written beside one of ``words`` in its sentence: "förklarar mötet öppnat kl 17:21",
    "Kl. 19.05 öppnade ordföranden mötet".

    Only near the word, and nearer to it than to any of ``others`` (the words of the meeting's
    other end): "öppnade mötet kl. 19.00 och sade att mötet avslutas när ..." gives an opening
    time and no closing time. A property unit "3:7" in an attendance list run into the first
    item is no time.
    """
    def pattern(vocabulary: list[str]) -> regex.Pattern:
        return regex.compile("|".join(regex.escape(w) for w in vocabulary), regex.IGNORECASE)

    wanted, other = pattern(words), pattern(others)
    sentences = regex.split(r"(?<=[.!?])\s+(?=\p{Lu})", text)
    for sentence in (reversed(sentences) if last else sentences):
        sentence = _clean(regex.sub(r"\b(\d{1,2}:\d{2}):\d{2}\b", r"\1", sentence))  # 17:15:36
        wanted_at = [m.span() for m in wanted.finditer(sentence)]
        other_at = [m.span() for m in other.finditer(sentence)]

        def distance(time, spans: list[tuple[int, int]]) -> float:
            # The characters between the time and the word, on whichever side of it the word stands.
            return min((max(start - time.end, time.start - end, 0) for start, end in spans), default=float("inf"))

        found = [t for t in dates.find_times(sentence)
                 if distance(t, wanted_at) <= _NEAR and distance(t, wanted_at) < distance(t, other_at)]
        if found:
            return found[-1 if last else 0].start_time
    return None


# How far (in characters) a time may stand from the word that opens or closes the meeting.
_NEAR = 60


def _times_from_items(texts: list[str]) -> tuple[str | None, str | None]:
    """Opening and closing times in the first and last items: "förklarar mötet öppnat kl 17:21",
    "Årsmötet avslutades kl. 21.10".

    Where few items or none were found the first and last texts are the same: one time is
    the opening or the closing time by the word it stands nearer to, never both."""
    opening, closing = _vocab()["opening_words"], load("structure")["closing"]["time_words"]
    start = next((t for t in (_sentence_time(text, opening, closing, False) for text in texts[:4]) if t), None)
    end = next((t for t in (_sentence_time(text, closing, opening, True) for text in reversed(texts[-3:])) if t), None)
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


def meeting_place(head: list[Line], date_text: str, date_lines: list[int] = (), title: list[Line] = ()) -> str | None:
    for label, value, index in _labelled(head, _vocab()["place"]):
        lowered = label.lower()
        if "plats" not in lowered and "lokal" not in lowered:
            continue
        if "justering" in lowered:
            continue  # "Plats och tid för justering": where the minutes are checked, not the meeting
        if "tid" in lowered:
            written = value
            value = regex.split(r"\b(?:kl(?:ockan|\.)?|tid)\b", value, flags=regex.IGNORECASE)[0]
            value = value if not dates.find_dates(value) else None
            # The time first, the place after it: "Kl. 13.30–15.30, Stadshuset".
            value = value if (value or "").strip(" ,") else _place_after_time(written)
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
    return _online_place([date_text, *(_plain(l) for l in title)])


def _online_place(texts: list[str]) -> str | None:
    """A meeting held online, named after the date or a preposition: "2021-02-05 Jitsi",
    "arbetsmöte ... genomfört via Teams"."""
    tools = "|".join(regex.escape(w) for w in sorted(_vocab()["online_places"], key=len, reverse=True))
    pattern = regex.compile(rf"(?:\b(?:över|via|på|i|per)\s+|^\S*\d\S*\s+)(?P<place>{tools})\b")
    for text in texts:
        m = pattern.search(text or "")
        if m:
            return m["place"]
    return None


# A meeting's number as written: "3", "2020:3", "3 - 2021/2022" (the number within a season).
_NUMBER = r"(?P<n>\d{1,4}(?:\s*[-–]\s*\d{4}/\d{2,4}|[:/]\d{1,4})?)(?![\d.,/-]*\d)"


def meeting_number(head: list[Line]) -> str | None:
    """"Styrelsemöte nr 3", or a number label opening a line or cell ("Mötesnummer: 3 - 2021/2022",
    "Direktionen, Nr 4"); a label is written capitalised, so "hos Ek, nr 161" (a house) is none."""
    labels = sorted(_vocab()["number"], key=len, reverse=True)
    written = "|".join(regex.escape(form) for label in labels for form in (label, label.upper()))
    label_pattern = regex.compile(rf"(?:^|[,\t]\s*)(?:{written})\.?\s*:?\s*{_NUMBER}")
    for line in head[:12]:
        # The meeting or type word may end a compound: "Styrelseprotokoll nr 4/2024".
        m = regex.search(r"\b\p{L}*(?:möte|sammanträde|protokoll)\s+(?:nr|nummer)\.?\s*" + _NUMBER, _plain(line), regex.IGNORECASE)
        m = m or label_pattern.search(line.text.strip())
        if m:
            return fold_space(m["n"])
    return None


_MEETING_WORD = regex.compile(
    r"^(?:\p{L}*möte[t]?|\p{L}*stämma[n]?|\p{L}*sammanträde[t]?|ledningsgrupp(?:en)?|arbetsutskott(?:et)?|presidium|beredning(?:en)?)$",
    regex.IGNORECASE,
)
_MEETING_ADJECTIVE = {"ordinarie", "extra", "konstituerande", "gemensamt", "gemensamma"}
_BODY_WORD = regex.compile(r"(?:nämnd(?:en)?|styrelse(?:n)?|fullmäktige|utskott(?:et)?)$", regex.IGNORECASE)
_BODY_ENDINGS = "|".join(load("structure")["head"]["body_endings"])
_MUNICIPAL_BODY = regex.compile(
    r"\b((?:\p{Lu}\p{Ll}+\s+)?\p{L}+s\s+(?:arbetsutskott|ledningsgrupp|presidium|beredning|planeringsutskott|personalutskott))\b"
    r"|\b(\p{Lu}\p{Ll}*-\s+och\s+\p{Ll}+(?:nämnden|styrelsen|utskottet))\b"
    # "Socialnämnden", and with an adjective before it: "Regionala utvecklingsnämnden".
    rf"|\b((?:\p{{Lu}}\p{{Ll}}+a\s+(?:\p{{Ll}}[\p{{Ll}}-]*)?|\p{{Lu}}[\p{{Ll}}-]*)(?:{_BODY_ENDINGS}))\b"
    r"|\b(\p{Lu}\p{Ll}+(?:nämnd|styrelse|fullmäktige))s?\s+(?:protokoll|sammanträde)"
    # In running text, the genitive before the meeting word or the body after the type word:
    # "fört vid klubbstyrelsens sammanträde", "Minnesanteckningar från skolrådet".
    rf"|\b(\p{{L}}[\p{{Ll}}-]*(?:{_BODY_ENDINGS}))s\s+(?:sammanträde|möte|protokoll)"
    rf"|\b\p{{L}}*(?:protokoll|anteckningar)\s+(?:från|för|vid)\s+(\p{{L}}[\p{{Ll}}-]*(?:{_BODY_ENDINGS}))\b"
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
        sentence = index and text.endswith(".") and not any(text.lower().startswith(w) for w in type_words)
        if match_heading(text, stops) or regex.match(r"^(?:§\s*)?\d{1,2}[.)]?\s", text) or sentence:
            break
        # A line in lower case under a title line carries it on: "PROTOKOLL" / "fört vid styrelsens sammanträde".
        carries_on = bool(title) and title[-1] is first_page[index - 1] and text[:1].islower()
        if index < 2 or line.bold or line.size >= body_size * 1.05 or len(text.split()) <= 4 or carries_on:
            title.append(line)
    return title


def _tidy_case(phrase: str) -> str:
    """"KUNGSBACKA KOMMUN" -> "Kungsbacka kommun"; mixed case is kept as written."""
    if not phrase.isupper():
        return phrase
    lower = set(_vocab()["lower_case_words"])
    words = phrase.lower().split()
    return " ".join([words[0].capitalize(), *(w if ORGANISATION_WORD.match(w) or w in lower else w.capitalize() for w in words[1:])])


def _type_words() -> list[str]:
    return [w for kind in ("minnesanteckningar", "kallelse", "protokoll") for w in _vocab()[kind]]


def _letterhead_name(title: list[Line]) -> str | None:
    """A letterhead set in capitals, a cell of its own that is an organisation's name whole:
    "BRF TALLEN I VÄSTERÅS"."""
    type_words = _type_words()
    for line in title[:4]:
        for cell in line.cells:
            text = fold_space(cell.text)
            words = text.split()
            if (text.isupper() and 2 <= len(words) <= 6 and not regex.search(r"\d", text)
                    and any(ORGANISATION_WORD.match(w.strip(",.")) for w in words)
                    and not any(w in text.lower() for w in type_words)):
                return _tidy_case(text)
    return None


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


def _named_organisation(words: list[str], ordinary_case: bool = False) -> str | None:
    """A proper-noun phrase ending in an organisation word: "Stenålderns samfällighetsförening", "Brf Ekbacken".

    A phrase set in ordinary case wins over one in capitals (a letterhead).
    """
    found = [p for p in _organisation_phrases(words) if not (ordinary_case and p.isupper())]
    found.sort(key=lambda phrase: (phrase.isupper(), len(phrase.split()) == 1))
    return _tidy_case(found[0]) if found else None


def _organisation_phrases(words: list[str]):
    for index, word in enumerate(words):
        clean = word.strip(",.:;()")
        if not ORGANISATION_WORD.match(clean) or _BODY_WORD.search(clean.rstrip("s")):
            continue
        start = index
        while start > 0 and words[start - 1][:1].isupper() and not _MEETING_WORD.match(words[start - 1]) and words[start - 1].lower() not in ("protokoll", "minnesanteckningar"):
            start -= 1
        end = index + 1
        if clean[:1].isupper() and not clean.endswith(","):
            # The organisation word first, its name after: "Bostadsrättsföreningen Lönnen", "Riksbyggens Bostadsrättsförening Tallkotten".
            end = _name_end(words, end)
        # Or, with no name of its own, named by where it is: "Fackklubben vid Ekby Bruk", and so a common
        # noun names it too: "föräldraföreningen vid Björkskolan". A name of its own, before or after,
        # needs no place ("Bostadsrättsföreningen Lönnen i Ekby" is "Bostadsrättsföreningen Lönnen").
        located = (start == index and end == index + 1 and end + 1 < len(words) and not clean.endswith(",") and words[end] in _vocab()["located_at"]
                   and _name_goes_on(words, end + 1))
        if located:
            end = _name_end(words, end + 2)
        elif start == index and not clean[:1].isupper():
            continue
        phrase = [w.strip(",.:;()") for w in words[start:end]]
        yield " ".join([phrase[0][0].upper() + phrase[0][1:], *phrase[1:]])


def _name_end(words: list[str], end: int) -> int:
    """Where a name that runs on from ``end`` ends: at the next title line's words or after a comma."""
    while end < len(words) and _name_goes_on(words, end):
        end += 1
        if words[end - 1].endswith(","):
            break
    return end


def _name_goes_on(words: list[str], end: int) -> bool:
    """Whether the word at ``end`` carries on an organisation's name: it ends before a word of the
    next title line, a type word also as a compound's end ("Styrelseprotokoll"), or the weekday
    that opens a date ("Söndagen den 10 mars 2024")."""
    word = words[end]
    return (word[:1].isupper() and not word.endswith(":") and not word.isupper()
            and not _MEETING_WORD.match(word) and not _BODY_WORD.search(word.rstrip("s"))
            and not word.lower().strip(",.").endswith(tuple(_type_words())) and not match_heading(word, _labels())
            and not _opens_date(words[end:end + 5]))


def _opens_date(words: list[str]) -> bool:
    found = dates.find_dates(" ".join(words))
    return bool(found) and found[0].start == 0


def _name_cells(lines: list[Line]) -> list[str]:
    """The cells of the title lines; a name set in capitals one word a line (a logo's
    "SVENSKA" over "BANKEN") is one cell, and a stray letter or two beside a logo none."""
    cells: list[str] = []
    stacked: list[str] = []
    for line in lines:
        texts = [fold_space(c.text) for c in line.cells] or [fold_space(line.text)]
        if len(texts) == 1 and regex.fullmatch(r"\p{Lu}{3,}", texts[0]):
            stacked.append(texts[0])
            continue
        if stacked:
            cells.append(" ".join(stacked))
            stacked = []
        cells.extend(texts)
    if stacked:
        cells.append(" ".join(stacked))
    return [c for c in cells if not regex.fullmatch(r"\p{Lu}{1,2}", c)]


def _standalone_name(title: list[Line]) -> str | None:
    """A short proper name on a line or cell of its own ("LiTHe kod" above the date)."""
    type_words = _type_words()
    for text in _name_cells(title[:4]):
        # "Mötesprotokoll LiTHe kod": the name after a document-type word.
        for word in type_words:
            if text.lower().startswith(word + " "):
                text = text[len(word) + 1:]
        words = text.split()
        if not 1 <= len(words) <= 4 or not text[:1].isupper() or dates.find_dates(text) or regex.search(r"\d", text):
            continue
        if match_heading(text, _labels()):
            continue  # "Sammanträdesdatum" over the date in a running header
        if any(w.lower() in text.lower() for w in type_words) or any(_MEETING_WORD.match(w) for w in words):
            continue
        if gazetteer.is_first_name(words[0]) and len(words) > 1:
            continue  # a person (a signatory in the letterhead), not an organisation
        if _BODY_WORD.search(words[-1]):
            continue  # "Styrelsen" is the body that met
        return _tidy_case(text)
    return None


def _labels() -> list[str]:
    """Every label of the head and of a running header: never a name."""
    vocab = _vocab()
    return [*vocab["running_labels"], *vocab["date"], *vocab["time"], *vocab["place"], *vocab["number"]]


def _before_meeting_word(words: list[str]) -> str | None:
    """"LiTHe kod höstmöte 2020" -> "LiTHe kod": the name written just before the meeting word
    (not "Protokoll från" before it)."""
    type_words = _type_words()
    for index, word in enumerate(words[1:5], start=1):
        if (
            _MEETING_WORD.match(word.strip(",."))
            and words[0][:1].isupper()
            and words[index - 1].lower() not in _MEETING_ADJECTIVE
            and not _BODY_WORD.search(words[index - 1].rstrip("s"))
            and not any(w.lower().strip(",.") in type_words or w.lower() in _vocab()["lower_case_words"] for w in words[:index])
        ):
            return " ".join(words[:index])
    return None


def _keeper(lines: list[Line]) -> str | None:
    """Who keeps the minutes, as the anslag block names it: "Protokollets förvaringsplats: Ekviks kommun"."""
    for _, value, _ in _labelled(lines, _vocab()["keeper"]):
        value = fold_space(value).strip(" ,.")
        words = value.split()
        if words and ORGANISATION_WORD.match(words[-1]) and len(words) <= 5:
            return _tidy_case(value)
    return None


def _capitalised(text: str) -> str:
    """Words set in capitals as names are written: "KOMMUNSTYRELSEN" -> "Kommunstyrelsen"."""
    return regex.sub(r"\b\p{Lu}{4,}\b", lambda m: m.group().capitalize(), text)


def _body(title_text: str, title: list[Line]) -> str | None:
    vocab = _vocab()
    # A meeting word joined to the type word names the meeting all the same: "Årsmötesprotokoll".
    title_text = regex.sub(r"(\p{L}*möte)s(protokoll|anteckningar)", r"\1 \2", title_text, flags=regex.IGNORECASE)
    m = _MUNICIPAL_BODY.search(title_text) or _MUNICIPAL_BODY.search(_capitalised(title_text))
    if m:
        body = next(g for g in m.groups() if g)
        return body[0].upper() + body[1:]
    for entry in vocab["bodies"]:
        found = regex.search(entry["pattern"], title_text, regex.IGNORECASE)
        if found and entry.get("as_written"):
            written = fold_space(found.group()).lower()
            return written[0].upper() + written[1:]
        if found:
            return entry["body"]
    # A group that met, named without a body word: "arbetsmöte i Webb-gruppen", or after the type
    # word and a dash: "Minnesanteckningar – styrgruppen".
    endings = "|".join(vocab["group_endings"])
    types = "|".join(regex.escape(w) for w in vocab["minnesanteckningar"] + vocab["protokoll"] if " " not in w)
    m = (regex.search(rf"\p{{L}}*(?:möte|sammanträde)t?\s+(?:i|med|för)\s+(?P<body>[\p{{Lu}}\d][\p{{L}}\d-]*(?:{endings}))\b", title_text)
         or regex.search(rf"(?i:\b(?:{types}))\s*[–—-]\s*(?P<body>[\p{{L}}\d][\p{{L}}\d-]*(?:{endings}))\b", title_text))
    if m:
        return m["body"][0].upper() + m["body"][1:]
    # The body named alone: "Direktionen, Nr 4".
    for line in title:
        for cell in line.cells:
            hit = match_heading(fold_space(cell.text), vocab["body_words"])
            if hit and hit[1] == len(fold_space(cell.text).split(",")[0]):
                return hit[0]
    # Any other "...möte" in the title, with the kind of meeting: "Gemensamt husrådsmöte".
    kinds = set(vocab["meeting_kinds"])
    words = title_text.split()
    for index, word in enumerate(words):
        if regex.fullmatch(r"\p{L}{3,}möte", word, regex.IGNORECASE) and not word.lower().startswith("mötes"):
            phrase = word.lower()
            if index and words[index - 1].lower() in kinds:
                phrase = f"{words[index - 1].lower()} {phrase}"
            return phrase[0].upper() + phrase[1:]
    return None


def _organisation_and_body(title: list[Line], first_page: list[Line]) -> tuple[str | None, str | None]:
    """Who keeps the minutes and which body met, from the title lines, else from the labels of the
    first page ("Beslutande organ", "Protokollets förvaringsplats")."""
    title_text = " ".join(_plain(l) for l in title)
    words = title_text.split()
    # A name written in ordinary case in the title outweighs a letterhead in capitals, which may
    # be a running header's short form; the letterhead cell, whole, outweighs a phrase cut from it.
    organisation = (_genitive_organisation(words) or _named_organisation(words, ordinary_case=True) or _letterhead_name(title)
                    or _named_organisation(words) or _before_meeting_word(words) or _standalone_name(title) or _keeper(first_page))
    body = _body(title_text, title)
    if body is None:
        body = next((fold_space(value).strip(" ,.") for _, value, _ in _labelled(first_page, _vocab()["body"]) if value.strip()), None)
    return organisation, body


def _is_cover(lines: list[Line]) -> bool:
    """A cover page: a logo, a title and a date, and none of the head's labels."""
    return len(lines) <= 8 and not any(match_heading(_plain(l), _labels()) for l in lines)


def meeting_fields(segments: Segments, document: Document) -> MeetingFields:
    content = document.lines()
    # The title block is read with its running header: municipal protocols repeat
    # organisation, body and date at the top of every page.
    title = _title_lines([line for line in document.pages[0].lines] if document.pages else [])
    if len(document.pages) > 1 and _is_cover(document.pages[0].lines):
        title += _title_lines(document.pages[1].lines)
    # The head proper, or the first lines where the items start at once (the date line may open item 1).
    head = segments.head if len(segments.head) >= 6 else content[:15]
    meeting_day, date_text = meeting_date(head, title)
    date_lines = _date_lines(head, meeting_day, date_text)
    start, end = meeting_times(head, date_text, date_lines)
    if start is None or end is None:
        item_texts = [" ".join(_plain(l) for l in head), *(" ".join(l.text for l in [*i.title_lines, *i.body]) for i in segments.items)]
        first, last = _times_from_items(item_texts)
        start, end = start or first, end or last
    first_page = document.pages[0].lines if document.pages else []
    organisation, body = _organisation_and_body(title, first_page)
    document_type, not_minutes = _document_type(" ".join(_plain(l) for l in title), segments)
    return MeetingFields(
        document_type=document_type,
        organisation=organisation,
        body=body,
        date=meeting_day.isoformat() if meeting_day else None,
        start_time=start,
        end_time=end,
        place=meeting_place(head, date_text, date_lines, title),
        number=meeting_number([*title, *head]),
        not_minutes=not_minutes,
    )


def _joined(lines: list[Line]) -> str:
    """Lines as running text, a word hyphenated at a line end whole again ("Kungs-" / "gatan")."""
    return regex.sub(r"(?<=\p{Ll})-\s+(?=\p{Ll})(?!och\b|eller\b)", "", " ".join(_plain(l) for l in lines))


def _next_meeting_texts(segments: Segments, reference: datetime.date | None = None) -> list[str]:
    """Text that follows a next-meeting heading: an item "Nästa möte", or the words in a sentence or line."""
    headings = load("structure")["next_meeting"]["headings"]
    # A meeting word may end a compound: "Nästa medlemsmöte", "Kommande månadsmöte".
    alternatives = "|".join(regex.escape(h).replace("möte", r"\p{L}*möte") for h in headings)
    pattern = regex.compile(r"\b(?:" + alternatives + r")\b\s*:?", regex.IGNORECASE)
    at_start: list[str] = []
    inside: list[str] = []
    # Each part of the minutes apart: a value never runs on into the next item's heading.
    parts = [list(segments.head), *([*i.title_lines, *i.body] for i in segments.items)]
    lines = [(line, part[index + 1:index + 3]) for part in parts for index, line in enumerate(part)]
    for line, following in lines:
        text = _plain(line)
        m = pattern.search(text)
        if m:
            # A heading alone on its line gives its value on the next line.
            # So does a sentence that runs on to the next line in lower case.
            runs_on = bool(following) and following[0].text.strip()[:1].islower() and not text.endswith((".", ":"))
            rest = (text[m.end():] if dates.find_dates(text[m.end():], reference) and not runs_on
                    else _joined([line, *following])[m.end():])
            (at_start if m.start() == 0 or regex.match(r"^[\W\d]*$", text[: m.start()]) else inside).append(rest)
    in_items = [_joined(item.body[:3]) for item in segments.items if pattern.search(item.title)]
    return [*at_start, *in_items, *inside]


def _held_at(text: str) -> str | None:
    """The place in a sentence of its own: "Mötet hålls på Stadsbiblioteket, Övre Kungsgatan 4"."""
    verbs = "|".join(regex.escape(v).replace("\\ ", r"\s+") for v in load("structure")["next_meeting"]["held_at"])
    m = regex.search(rf"\b(?:{verbs})\s+(?:på|i|hos)\s+(?P<place>\p{{Lu}}.*?)\s*(?:\.(?:\s|$)|$)", text)
    return fold_space(m["place"]).strip(" ,") if m else None


_BARE_DAY_MONTH = regex.compile(r"^\s*\d{1,2}/\d{1,2}(?![/\d])")


def next_meeting(segments: Segments, reference: datetime.date | None, meeting_start: str | None = None) -> NextMeetingFields | None:
    """The first date after the meeting written under a next-meeting heading, with its time and place.

    Dates written relative to the meeting ("samma tid nästa vecka", "nästa
    torsdag") are read against the meeting date; "samma tid" keeps its start time.
    """
    for text in _next_meeting_texts(segments, reference):
        text = _clean(text)
        if _BARE_DAY_MONTH.match(text):
            # "17/2 19:00" under "Nästa möte": a date by its place, as "den 17/2" would be anywhere
            text = "den " + text
        found = [d for d in dates.find_dates(text, reference) if reference is None or d.date > reference]
        if found:
            # The rest of this point (up to the next bullet or numbered item), and of its sentence.
            point = regex.split(r"\s[•·▪◦]\s|(?<=\.)\s+(?=\d{1,2}[.)/]\s)", text[found[0].end:])[0]
            after = regex.split(r"(?<=\.)\s+(?=\p{Lu}\p{Ll}+\s+\p{Ll})", point)[0]
            start, end = dates.parse_time_range(after)
            place = _place_after_time(text[: found[0].end] + after) or _held_at(point)
            return NextMeetingFields(found[0].date.isoformat(), start, end, place)
        relative = dates.find_relative_date(text, reference) if reference else None
        if relative:
            start, end = dates.parse_time_range(text)
            if start is None and regex.search(r"\bsamma\s+tid\b", text, regex.IGNORECASE):
                start = meeting_start
            return NextMeetingFields(relative.isoformat(), start, end, None)
    return None
