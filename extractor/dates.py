"""Swedish dates and times in running text.

Pure functions, no state beyond the vocabulary in ``vocabulary/dates.toml``
(month and weekday names, the words for "klockan", and the words that mark a
number as something else: "§", "kr", ...).  Output follows the contract in
``shared/spec/output.md`` ("Dates and times"): dates are ``datetime.date``
(ISO ``YYYY-MM-DD`` once written out), times are ``"HH:MM"`` on a 24-hour
clock.

Long because it is the one place where Swedish dates and times are read:
every written form, with the checks that keep a paragraph number, an amount
or a property unit from reading as one, beside the forms it accepts.

Dates read (case-insensitive, optional weekday and "den" in front)::

    16 januari 2020      den 3:e mars 2020    16 jan. 2020     1:a sept 2021
    den 16/1 2020        16/1-2020            16/1/2020        16-1-2020
    2020-01-16           2020.01.16           16.1.2020        20200211
    torsdagen den 16 januari      (no year: see below)
    den 16/1                      (no year; only after "den" or a weekday)
    16.01.98                      (two-digit year; only when unambiguous, see below)
    12/3-24                       (two-digit year after a dash; not "12/3-14/3", a range)

Choices worth knowing:

* **Dates without a year** ("torsdagen den 16 januari", "den 16/1") take the
  year of the first such date on or after ``reference`` (the meeting date), as
  the spec says.  If the next year-less date is directly followed by a dated
  one, joined by a dash or "till"/"och" ("den 1 november – 31 december 2020"),
  the year comes from that date instead ("unless the text says otherwise").
  With neither, i.e. ``reference`` is None, **year-less dates are skipped**: a
  guessed year would be wrong as often as right.  A year-less 29 February takes
  the reference year or the next one; if neither is a leap year it is skipped,
  so an inferred date is never more than one year after the reference.
  ``has_year`` is False for every date whose year was not written out.
* The weekday is part of the match (``text``, ``start``) but does not change
  the date: when "torsdagen den 17 januari 2020" disagrees with the calendar,
  the numbers win.  Likewise a leading "den" is part of the match.
* **Two-digit years** are read only in the dotted form ``D.M.YY`` and only
  when no other reading fits: the numbers must not also be a valid
  ``YY.MM.DD`` date nor a valid ``HH.MM.SS`` time.  So ``16.01.98`` is
  1998-01-16 but ``16.01.20`` is skipped.  ``D/M-YY`` ("12/3-24") has no such
  twin and is read whenever the number after the dash does not go on as a day
  and month of its own ("12/3-14/3") or before a month name ("12/3-24 mars").
  The century is the one nearest the reference year, or without a reference
  20YY up to next year's YY and 19YY above it (minutes are not written ahead).
  ``has_year`` is True for them (the year was written, if shortly).
* Years in written-out forms must lie in 1800-2199; compact ``YYYYMMDD``
  needs 1900-2099.  A four-digit number after a month name outside that range
  (or followed by "kr") is not taken as the year.
* A number right after "-", "/", "." or a letter (``KS-2024-00744``,
  ``KS 2020/123``) is never the start of a date; a number followed by a unit
  ("24200 kr", "20200211 kr") is not a date or time.

Times read::

    kl 8.30 -> 08:30       kl. 13 -> 13:00          Klockan 08:30-08:50
    15.15-16.00            kl 9.00–ca 12.00         13.00 – 15.30
    19:00                  kl 18                    kl 1300-1500
    Tid: 19.00             Tid: 19                  kl 18 till 20

After a clock word ("kl", "kl.", "klockan") or a label with a colon ("Tid:")
an hour alone is a time.  Otherwise a number is a time only as ``HH.MM`` or
``HH:MM`` with a valid hour and minute, not part of a longer dotted number
(``16.01.2020``, ``1.200.000``), not after "§", "punkt", "Dnr" and the like,
and not followed by a unit ("12.50 kr").  A range needs a valid end, else
only the start is kept.  The match of a clock-word time includes the clock
word; after a label it starts at the time.
"""
from __future__ import annotations

import calendar
import datetime
import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from rapidfuzz.distance import Levenshtein

__all__ = [
    "DateMatch",
    "TimeMatch",
    "find_dates",
    "parse_date",
    "find_times",
    "parse_time_range",
    "normalise_time",
]

YEAR_MIN, YEAR_MAX = 1800, 2199
"""Years accepted where a date is written with separators or a month name."""
COMPACT_YEAR_MIN, COMPACT_YEAR_MAX = 1900, 2099
"""Years accepted in the compact ``YYYYMMDD`` form."""


@dataclass(frozen=True)
class DateMatch:
    date: datetime.date
    start: int          # character offsets of the match in the input text
    end: int
    text: str           # the matched text
    has_year: bool      # False when the year was inferred


@dataclass(frozen=True)
class TimeMatch:
    start_time: str            # "HH:MM", 24 h
    end_time: str | None       # for ranges "15.15-16.00", "kl 9.00–ca 12.00"
    start: int
    end: int
    text: str


# --------------------------------------------------------------- vocabulary


def _alt(words) -> str:
    """A regex alternation of literal words, longest first."""
    unique = sorted({w.lower() for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in unique)


@dataclass(frozen=True)
class _Vocabulary:
    months: dict[str, int]          # lower-case form (no trailing dot) -> 1..12
    month_re: str                   # alternation, abbreviations with optional "."
    weekday_re: str
    article_re: str
    ordinal_re: str
    date_join_re: str               # between a year-less date and a dated one
    clock_re: str
    label_re: str
    approx_re: str
    dash_re: str
    time_range_word_re: str
    unit_after: re.Pattern          # matched at the end of a number
    prefix_before: re.Pattern       # searched in the text before a number


@functools.lru_cache(maxsize=1)
def _raw_vocabulary() -> dict:
    path = resources.files("extractor").joinpath("vocabulary/dates.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    data = _raw_vocabulary()

    months: dict[str, int] = {}
    month_parts: list[tuple[int, str]] = []
    for entry in data["month"]:
        number = int(entry["number"])
        for name in entry.get("names", []):
            name = name.lower()
            months[name] = number
            month_parts.append((len(name), re.escape(name)))
        for abbr in entry.get("abbreviations", []):
            abbr = abbr.lower().rstrip(".")
            months[abbr] = number
            month_parts.append((len(abbr), re.escape(abbr) + r"\.?"))
    month_parts.sort(key=lambda p: (-p[0], p[1]))
    month_re = "|".join(p for _, p in month_parts)

    weekday_parts: list[tuple[int, str]] = []
    for entry in data["weekday"]:
        for form in entry.get("forms", []):
            weekday_parts.append((len(form), re.escape(form.lower())))
        for abbr in entry.get("abbreviations", []):
            abbr = abbr.lower().rstrip(".")
            weekday_parts.append((len(abbr), re.escape(abbr) + r"\.?"))
    weekday_parts.sort(key=lambda p: (-p[0], p[1]))
    weekday_re = "|".join(p for _, p in weekday_parts)

    d, t, n = data["date"], data["time"], data["not_time"]
    # OCR may read one dash as two ("13.00—-15.40").
    dash_re = "[" + "".join(re.escape(c) for c in t["dashes"]) + "]{1,2}"
    date_join_re = rf"(?:{dash_re}|(?<!\w)(?:{_alt(d['range_words'])})(?!\w))"
    units = _alt(n["units"])
    prefixes = _alt(n["prefixes"])
    return _Vocabulary(
        months=months,
        month_re=month_re,
        weekday_re=weekday_re,
        article_re=_alt(d["articles"]),
        ordinal_re=_alt(d["ordinal_suffixes"]),
        date_join_re=date_join_re,
        clock_re=_alt(t["clock_words"]),
        label_re=_alt(t["labels"]),
        approx_re=_alt(t["approximators"]),
        dash_re=dash_re,
        time_range_word_re=_alt(t["range_words"]),
        # A unit: the word, then no further letter ("m" is a unit, "mötet" not).
        unit_after=re.compile(rf"[ \t\u00a0]*(?:{units})(?![^\W\d_])", re.IGNORECASE),
        prefix_before=re.compile(rf"(?<!\w)(?:{prefixes})[ \t\u00a0]*$", re.IGNORECASE),
    )


# ------------------------------------------------------------------ dates

# A date's first number stands alone: not after a letter, digit, "." "/" "-"
# "+" "§", nor after a digit and ":" or "," ("10:30:45", "3,5").  A letter and
# a colon are fine: "Datum:2020-01-16".
_NOT_BEFORE_NUMBER = r"(?<![\w./§\-+])(?<!\d[:,])"
_NOT_AFTER_NUMBER = r"(?!\w)(?![.,/:]\d)"   # ... and so does its last


@dataclass(frozen=True)
class _DateRegexes:
    textual: re.Pattern
    misread_month: re.Pattern
    numeric: re.Pattern
    slash_no_year: re.Pattern
    iso: re.Pattern
    two_digit_year: re.Pattern
    dash_short_year: re.Pattern
    compact: re.Pattern
    join: re.Pattern


@functools.lru_cache(maxsize=1)
def _date_regexes() -> _DateRegexes:
    v = _vocabulary()
    weekday = rf"(?<!\w)(?:{v.weekday_re})(?![^\W\d_]),?\s+"
    article = rf"(?<!\w)(?:{v.article_re})\s+"
    prefix = rf"(?P<prefix>(?:{weekday})?(?:{article})?)"
    required_prefix = rf"(?P<prefix>{weekday}(?:{article})?|{article})"
    flags = re.IGNORECASE
    return _DateRegexes(
        textual=re.compile(
            prefix
            + r"(?<![\w./§])(?<!\d[:,])(?P<day>\d{1,2})"
            + rf"(?::?(?:{v.ordinal_re}))?\s*"
            + rf"(?P<month>{v.month_re})(?![^\W\d_])"
            + r"(?:,?\s*(?P<year>\d{4})(?![\w]))?",
            flags,
        ),
        # A month name with an OCR slip ("6 riovember"), only where a weekday or "den" stands
        # before the day or a year after the month: the frame makes it a date.
        misread_month=re.compile(
            prefix
            + r"(?<![\w./§])(?<!\d[:,])(?P<day>\d{1,2})\s+"
            + r"(?P<month>[^\W\d_]{6,11})(?![^\W\d_])"
            + r"(?:,?\s*(?P<year>\d{4})(?![\w]))?",
            flags,
        ),
        numeric=re.compile(
            prefix
            + _NOT_BEFORE_NUMBER
            + r"(?P<day>\d{1,2})"
            + r"(?:(?P<sep>[.\-/])(?P<month>\d{1,2})(?P=sep)"
            + rf"|/(?P<month2>\d{{1,2}})(?:[ \t\u00a0]*{v.dash_re}[ \t\u00a0]*|[ \t\u00a0]+))"
            + r"(?P<year>\d{4})"
            + _NOT_AFTER_NUMBER,
            flags,
        ),
        slash_no_year=re.compile(
            required_prefix
            + _NOT_BEFORE_NUMBER
            + r"(?P<day>\d{1,2})/(?P<month>\d{1,2})(?![\w/])(?![.,:]\d)",
            flags,
        ),
        iso=re.compile(
            prefix
            + _NOT_BEFORE_NUMBER
            + r"(?P<year>\d{4})(?P<sep>[.\-])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
            + _NOT_AFTER_NUMBER,
            flags,
        ),
        two_digit_year=re.compile(
            prefix
            + _NOT_BEFORE_NUMBER
            + r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{2})"
            + _NOT_AFTER_NUMBER,
            flags,
        ),
        dash_short_year=re.compile(
            prefix
            + _NOT_BEFORE_NUMBER
            + rf"(?P<day>\d{{1,2}})/(?P<month>\d{{1,2}})(?:{v.dash_re})(?P<year>\d{{2}})"
            + _NOT_AFTER_NUMBER
            + rf"(?!\s*(?:{v.month_re})(?![^\W\d_]))",
            flags,
        ),
        compact=re.compile(
            prefix + _NOT_BEFORE_NUMBER + r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})"
            + _NOT_AFTER_NUMBER + r"(?!-\d)",
            flags,
        ),
        join=re.compile(rf"\s*{v.date_join_re}\s*", flags),
    )


@dataclass(frozen=True)
class _DateCandidate:
    start: int
    end: int
    year: int | None        # None: not written
    month: int
    day: int
    short_year: bool = False  # two-digit year, century still to choose


def _valid(year: int, month: int, day: int) -> bool:
    if not (1 <= month <= 12) or day < 1:
        return False
    return day <= calendar.monthrange(year, month)[1]


def _max_days(month: int) -> int:
    return 29 if month == 2 else calendar.monthrange(2001, month)[1]


def _followed_by_unit(text: str, end: int) -> bool:
    return _vocabulary().unit_after.match(text, end) is not None


# Month names this long are far enough from every Swedish word that an OCR slip of a letter or
# two ("riovember", "septernber") still names only them.
_MISREAD_MONTH_MIN_LENGTH = 7
_MISREAD_MONTH_EDITS = 2


@functools.lru_cache(maxsize=4096)
def _misread_month(word: str) -> int | None:
    """The month a word names with an OCR slip in it, where exactly one long month name is that close."""
    word = word.lower()
    if word in _vocabulary().months:
        return None  # written right: the textual reading has it
    close = {number for name, number in _vocabulary().months.items()
             if len(name) >= _MISREAD_MONTH_MIN_LENGTH and Levenshtein.distance(word, name) <= _MISREAD_MONTH_EDITS}
    return close.pop() if len(close) == 1 else None


def _date_candidates(text: str) -> list[_DateCandidate]:
    """Every plausible date span, checked for a valid day and month, overlaps
    not yet resolved.  Year-less and two-digit-year dates are included."""
    rx = _date_regexes()
    v = _vocabulary()
    out: list[_DateCandidate] = []

    def add(m: re.Match, year: int | None, month: int, day: int, end: int | None = None,
            short_year: bool = False) -> None:
        end = m.end() if end is None else end
        if year is None or short_year:
            if not (1 <= month <= 12 and 1 <= day <= _max_days(month)):
                return
        elif not _valid(year, month, day):
            return
        out.append(_DateCandidate(m.start(), end, year, month, day, short_year))

    for m in rx.textual.finditer(text):
        month = v.months[m.group("month").lower().rstrip(".")]
        day = int(m.group("day"))
        year = m.group("year")
        if year is not None:
            y = int(year)
            if YEAR_MIN <= y <= YEAR_MAX and not _followed_by_unit(text, m.end()):
                add(m, y, month, day)
                continue
        add(m, None, month, day, end=m.end("month"))

    for m in rx.misread_month.finditer(text):
        month = _misread_month(m.group("month"))
        if month is None or not (m.group("prefix") or m.group("year")):
            continue
        year = int(m.group("year")) if m.group("year") else None
        if year is not None and YEAR_MIN <= year <= YEAR_MAX:
            add(m, year, month, int(m.group("day")))
        else:
            add(m, None, month, int(m.group("day")), end=m.end("month"))

    for m in rx.numeric.finditer(text):
        if _followed_by_unit(text, m.end()):
            continue
        year = int(m.group("year"))
        month = int(m.group("month") or m.group("month2"))
        if YEAR_MIN <= year <= YEAR_MAX:
            add(m, year, month, int(m.group("day")))

    for m in rx.slash_no_year.finditer(text):
        add(m, None, int(m.group("month")), int(m.group("day")))

    for m in rx.iso.finditer(text):
        if _followed_by_unit(text, m.end()):
            continue
        year = int(m.group("year"))
        if YEAR_MIN <= year <= YEAR_MAX:
            add(m, year, int(m.group("month")), int(m.group("day")))

    for m in rx.two_digit_year.finditer(text):
        if _followed_by_unit(text, m.end()):
            continue
        day, month, yy = int(m.group("day")), int(m.group("month")), int(m.group("year"))
        also_yymmdd = 1 <= month <= 12 and 1 <= yy <= _max_days(month)
        also_hhmmss = day <= 23 and month <= 59 and yy <= 59
        if not also_yymmdd and not also_hhmmss:
            add(m, yy, month, day, short_year=True)

    for m in rx.dash_short_year.finditer(text):
        if not _followed_by_unit(text, m.end()):
            add(m, int(m.group("year")), int(m.group("month")), int(m.group("day")), short_year=True)

    for m in rx.compact.finditer(text):
        if _followed_by_unit(text, m.end()):
            continue
        year = int(m.group("year"))
        if COMPACT_YEAR_MIN <= year <= COMPACT_YEAR_MAX:
            add(m, year, int(m.group("month")), int(m.group("day")))

    return out


def _without_overlaps(spans: list, key=lambda s: 0) -> list:
    """Keep the earliest, then longest, of overlapping spans (ties: ``key``)."""
    ordered = sorted(spans, key=lambda s: (s.start, -(s.end - s.start), key(s)))
    kept: list = []
    for s in ordered:
        if kept and s.start < kept[-1].end:
            continue
        kept.append(s)
    return kept


@functools.lru_cache(maxsize=64)
def _date_spans(text: str) -> tuple[_DateCandidate, ...]:
    # find_dates and find_times both need them, for the same page text
    return tuple(_without_overlaps(_date_candidates(text)))


def _expand_short_year(yy: int, month: int, day: int,
                       reference: datetime.date | None) -> int | None:
    if reference is None:
        year = 2000 + yy if yy <= datetime.date.today().year % 100 + 1 else 1900 + yy
        return year if _valid(year, month, day) else None
    options = [c * 100 + yy for c in range(reference.year // 100 - 1, reference.year // 100 + 2)]
    options = [y for y in options if YEAR_MIN <= y <= YEAR_MAX and _valid(y, month, day)]
    if not options:
        return None
    return min(options, key=lambda y: (abs(y - reference.year), y))


def _infer_year(month: int, day: int, reference: datetime.date) -> datetime.date | None:
    """The first (month, day) on or after ``reference``, at most a year on."""
    for year in (reference.year, reference.year + 1):
        if _valid(year, month, day):
            candidate = datetime.date(year, month, day)
            if candidate >= reference:
                return candidate
    return None


def find_dates(text: str, reference: datetime.date | None = None) -> list[DateMatch]:
    """All dates in ``text``, in order, not overlapping.

    ``reference`` (normally the meeting date) supplies the year of dates
    written without one; without it such dates are left out.  See the module
    docstring for the forms read and the choices made.
    """
    if isinstance(reference, datetime.datetime):
        reference = reference.date()
    candidates = _date_spans(text)
    join = _date_regexes().join

    # First the dates with a (possibly short) written year.
    resolved: dict[int, DateMatch] = {}
    for i, c in enumerate(candidates):
        if c.year is None:
            continue
        year = _expand_short_year(c.year, c.month, c.day, reference) if c.short_year else c.year
        if year is None:
            continue
        resolved[i] = DateMatch(datetime.date(year, c.month, c.day), c.start, c.end,
                                text[c.start:c.end], True)

    # Then year-less dates: from a following dated date they are joined to,
    # else from the reference.  Walk backwards so that chains
    # ("1 och 3 mars 2020") pass the year on.
    for i in range(len(candidates) - 1, -1, -1):
        c = candidates[i]
        if c.year is not None:
            continue
        found: datetime.date | None = None
        nxt = resolved.get(i + 1)
        if nxt is not None:
            gap = join.fullmatch(text, c.end, nxt.start)
            if gap is not None:
                for year in (nxt.date.year, nxt.date.year - 1):
                    if _valid(year, c.month, c.day) and datetime.date(year, c.month, c.day) <= nxt.date:
                        found = datetime.date(year, c.month, c.day)
                        break
        if found is None and reference is not None:
            found = _infer_year(c.month, c.day, reference)
        if found is not None:
            resolved[i] = DateMatch(found, c.start, c.end, text[c.start:c.end], False)

    return [resolved[i] for i in sorted(resolved)]


def parse_date(text: str, reference: datetime.date | None = None) -> datetime.date | None:
    """The first date in ``text`` (see :func:`find_dates`), or None."""
    found = find_dates(text, reference)
    return found[0].date if found else None


# ------------------------------------------------------------------ times


def normalise_time(hour: int, minute: int) -> str:
    """``"HH:MM"`` on a 24-hour clock; ValueError unless 0-23 and 0-59."""
    if isinstance(hour, bool) or isinstance(minute, bool):
        raise TypeError("hour and minute must be integers")
    hour, minute = int(hour), int(minute)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValueError(f"not a time of day: {hour}:{minute}")
    return f"{hour:02d}:{minute:02d}"


@dataclass(frozen=True)
class _TimeRegexes:
    clock: re.Pattern
    label: re.Pattern
    bare: re.Pattern


def _time_part(n: int, *, hour_alone: bool, comma: bool) -> str:
    sep = "[.:,]" if comma else "[.:]"
    if hour_alone:
        body = (rf"(?:(?P<hm{n}>\d{{4}})|(?P<h{n}>\d{{1,2}})(?:{sep}(?P<m{n}>\d{{2}}))?)")
    else:
        body = rf"(?P<h{n}>\d{{1,2}}){sep}(?P<m{n}>\d{{2}})"
    return rf"(?P<t{n}>{body})(?!\w)(?![.:,/]\d)"


@functools.lru_cache(maxsize=1)
def _time_regexes() -> _TimeRegexes:
    v = _vocabulary()
    clock = rf"(?<!\w)(?:{v.clock_re})(?![^\W\d_])"
    approx = rf"(?<!\w)(?:{v.approx_re})(?![^\W\d_])"
    joiner = rf"(?:{v.dash_re}|(?<!\w)(?:{v.time_range_word_re})(?!\w))"
    lead = rf"(?:(?:{approx}|{clock})\s*){{0,2}}"
    ws = r"[ \t\u00a0]*"

    def rng(hour_alone_end: bool, comma: bool) -> str:
        return (rf"(?P<range>{ws}{joiner}{ws}{lead}"
                + _time_part(2, hour_alone=hour_alone_end, comma=comma) + ")?")

    flags = re.IGNORECASE
    clock_time = (rf"(?P<clock>{clock})\s*(?:{approx}\s*)?"
                  + _time_part(1, hour_alone=True, comma=True) + rng(True, True))
    label_time = (rf"(?<!\w)(?:{v.label_re}){ws}:{ws}(?P<body>(?:{approx}\s*)?"
                  + _time_part(1, hour_alone=True, comma=False) + rng(True, False) + ")")
    bare_time = (r"(?<![\w./§\-+−–—])(?<!\d[:,])"
                 + _time_part(1, hour_alone=False, comma=False) + rng(True, False))
    return _TimeRegexes(
        clock=re.compile(clock_time, flags),
        label=re.compile(label_time, flags),
        bare=re.compile(bare_time, flags),
    )


def _hm(m: re.Match, n: int) -> tuple[int, int] | None:
    """Hour and minute of time part ``n``, or None if not a time of day."""
    compact = m.groupdict().get(f"hm{n}")
    if compact is not None:
        hour, minute = int(compact[:2]), int(compact[2:])
    else:
        hour = int(m.group(f"h{n}"))
        minute = int(m.group(f"m{n}") or 0)
    if 0 <= hour <= 23 and 0 <= minute <= 59:
        return hour, minute
    return None


@dataclass(frozen=True)
class _TimeCandidate:
    start: int
    end: int
    start_time: str
    end_time: str | None
    priority: int


def _time_candidates(text: str) -> list[_TimeCandidate]:
    rx = _time_regexes()
    v = _vocabulary()
    out: list[_TimeCandidate] = []
    for priority, pattern in enumerate((rx.clock, rx.label, rx.bare)):
        for m in pattern.finditer(text):
            first = _hm(m, 1)
            if first is None:
                continue
            if pattern is rx.label:
                start = m.start("body")
            else:
                start = m.start()
            if pattern is rx.bare and v.prefix_before.search(text, max(0, start - 30), start):
                continue
            end_time: str | None = None
            end = m.end("t1")
            if m.group("range") is not None:
                second = _hm(m, 2)
                if second is not None and not _followed_by_unit(text, m.end("t2")):
                    end_time = normalise_time(*second)
                    end = m.end("t2")
            if _followed_by_unit(text, end):
                continue
            out.append(_TimeCandidate(start, end, normalise_time(*first), end_time, priority))
    return out


def find_times(text: str) -> list[TimeMatch]:
    """All times and time ranges in ``text``, in order, not overlapping.

    Nothing inside a date is read as a time.
    """
    dates = _date_spans(text)
    kept: list[TimeMatch] = []
    for c in _without_overlaps(_time_candidates(text), key=lambda c: c.priority):
        if any(d.start < c.end and c.start < d.end for d in dates):
            continue
        kept.append(TimeMatch(c.start_time, c.end_time, c.start, c.end, text[c.start:c.end]))
    return kept


def parse_time_range(text: str) -> tuple[str | None, str | None]:
    """The first time or time range in ``text`` as ``(start, end)``.

    ``end`` is None for a single time; ``(None, None)`` when there is none.
    """
    found = find_times(text)
    if not found:
        return None, None
    return found[0].start_time, found[0].end_time


def find_relative_date(text: str, reference: datetime.date) -> datetime.date | None:
    """A date written relative to the meeting: "nästa torsdag", "samma tid nästa vecka", "om två veckor".

    "Nästa torsdag" is the first Thursday after the meeting; "torsdag nästa
    vecka" the Thursday of the following week; "nästa vecka" alone is seven days on.
    """
    data = _raw_vocabulary()
    lower = text.lower()
    relative = data["relative"]
    for phrase, weeks in relative["in_weeks"].items():
        if phrase in lower:
            return reference + datetime.timedelta(weeks=weeks)
    next_week = any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", lower) for p in relative["next_week"])
    for entry in data["weekday"]:
        forms = [f.lower() for f in entry.get("forms", [])]
        pattern = rf"(?<!\w)(?:{_alt(forms)})(?!\w)"
        match = re.search(pattern, lower)
        if not match:
            continue
        ahead = (entry["number"] - reference.weekday()) % 7 or 7
        if next_week:
            monday_next = reference + datetime.timedelta(days=7 - reference.weekday())
            return monday_next + datetime.timedelta(days=entry["number"])
        before = lower[: match.start()].split()
        if before and before[-1] in relative["next_words"]:
            return reference + datetime.timedelta(days=ahead)
    if next_week:
        return reference + datetime.timedelta(weeks=1)
    return None
