"""Tests for extractor.dates: table-driven cases from real Swedish minutes,
the pitfalls (dates, § numbers, amounts, diarienummer), and properties."""
from __future__ import annotations

import calendar
import datetime as dt
import re
import tomllib
from importlib import resources

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.dates import (
    find_relative_date,
    DateMatch,
    TimeMatch,
    find_dates,
    find_times,
    normalise_time,
    parse_date,
    parse_time_range,
)

settings.register_profile(
    "dates", max_examples=60, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
FAST = settings(settings.get_profile("dates"))

TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
REF = dt.date(2020, 1, 10)

VOCAB = tomllib.loads(
    resources.files("extractor").joinpath("vocabulary/dates.toml").read_text(encoding="utf-8")
)
MONTH_NAMES = {e["number"]: e["names"] for e in VOCAB["month"]}
MONTH_ABBRS = {e["number"]: e["abbreviations"] for e in VOCAB["month"]}
WEEKDAY_FORMS = {e["number"]: e["forms"] for e in VOCAB["weekday"]}
DASHES = VOCAB["time"]["dashes"]


# ------------------------------------------------------------- vocabulary


def test_vocabulary_has_every_month_and_weekday():
    assert sorted(MONTH_NAMES) == list(range(1, 13))
    assert sorted(WEEKDAY_FORMS) == list(range(7))
    assert "torsdagen" in WEEKDAY_FORMS[3] and "fredagen" in WEEKDAY_FORMS[4]
    assert {"jan", "febr", "sept", "okt"} <= {a for v in MONTH_ABBRS.values() for a in v}
    assert {"klockan", "kl", "kl."} <= set(VOCAB["time"]["clock_words"])


# ---------------------------------------------------------------- dates

D = dt.date
DATE_CASES = [
    # text, reference, expected date, expected matched text
    ("16 januari 2020", None, D(2020, 1, 16), "16 januari 2020"),
    ("Sammanträde 16 Januari 2020 i Huddinge", None, D(2020, 1, 16), "16 Januari 2020"),
    ("DATUM: 16 JANUARI 2020", None, D(2020, 1, 16), "16 JANUARI 2020"),
    ("den 16/1 2020", None, D(2020, 1, 16), "den 16/1 2020"),
    ("Protokoll fört den 16/1 2020.", None, D(2020, 1, 16), "den 16/1 2020"),
    ("16/1-2020", None, D(2020, 1, 16), "16/1-2020"),
    ("16/1 – 2020", None, D(2020, 1, 16), "16/1 – 2020"),
    ("16/1/2020", None, D(2020, 1, 16), "16/1/2020"),
    ("16-1-2020", None, D(2020, 1, 16), "16-1-2020"),
    ("2020-01-16", None, D(2020, 1, 16), "2020-01-16"),
    ("Datum: 2020-01-16, kl 13", None, D(2020, 1, 16), "2020-01-16"),
    ("2020.01.16", None, D(2020, 1, 16), "2020.01.16"),
    ("16.1.2020", None, D(2020, 1, 16), "16.1.2020"),
    ("16.01.2020", None, D(2020, 1, 16), "16.01.2020"),
    ("20200211", None, D(2020, 2, 11), "20200211"),
    ("Protokoll 20200211 Styrelsen", None, D(2020, 2, 11), "20200211"),
    ("torsdagen den 16 januari 2020", None, D(2020, 1, 16), "torsdagen den 16 januari 2020"),
    ("Torsdag 16 januari 2020", None, D(2020, 1, 16), "Torsdag 16 januari 2020"),
    ("fredagen, 17 jan. 2020", None, D(2020, 1, 17), "fredagen, 17 jan. 2020"),
    ("tors. 16/1 2020", None, D(2020, 1, 16), "tors. 16/1 2020"),
    ("16 jan. 2020", None, D(2020, 1, 16), "16 jan. 2020"),
    ("16 jan 2020", None, D(2020, 1, 16), "16 jan 2020"),
    ("3 febr. 2021", None, D(2021, 2, 3), "3 febr. 2021"),
    ("7 sept 2021", None, D(2021, 9, 7), "7 sept 2021"),
    ("7 Sept. 2021", None, D(2021, 9, 7), "7 Sept. 2021"),
    ("12 okt. 2022", None, D(2022, 10, 12), "12 okt. 2022"),
    ("den 3:e mars 2020", None, D(2020, 3, 3), "den 3:e mars 2020"),
    ("1:a sept 2021", None, D(2021, 9, 1), "1:a sept 2021"),
    ("den 2:a maj 2019", None, D(2019, 5, 2), "den 2:a maj 2019"),
    ("den 22:a december 2019", None, D(2019, 12, 22), "den 22:a december 2019"),
    ("16 januari, 2020", None, D(2020, 1, 16), "16 januari, 2020"),
    ("16 januari2020", None, D(2020, 1, 16), "16 januari2020"),   # OCR spacing
    ("16.01.98", None, D(1998, 1, 16), "16.01.98"),               # unambiguous 2-digit year
    ("25.12.45", D(1950, 1, 1), D(1945, 12, 25), "25.12.45"),     # century nearest reference
    # Day and month, a dash and a two-digit year.
    ("Datum: 7/11-23, kl 18-20", None, D(2023, 11, 7), "7/11-23"),
    ("Måndagen den 4/9–25", None, D(2025, 9, 4), "Måndagen den 4/9–25"),
    ("9/10-87", None, D(1987, 10, 9), "9/10-87"),                 # above next year's: last century
    ("2/2-31", D(1930, 1, 1), D(1931, 2, 2), "2/2-31"),           # century nearest reference
    # A range of day and month is no two-digit year: the first day is a year-less date.
    ("den 8/5-11/5", REF, D(2020, 5, 8), "den 8/5"),
    # Year-less dates take the first such date on or after the reference.
    ("torsdagen den 16 januari", REF, D(2020, 1, 16), "torsdagen den 16 januari"),
    ("Fredagen den 13 mars", REF, D(2020, 3, 13), "Fredagen den 13 mars"),
    ("den 3:e mars", REF, D(2020, 3, 3), "den 3:e mars"),
    ("2:a okt.", REF, D(2020, 10, 2), "2:a okt."),
    ("den 5 januari", REF, D(2021, 1, 5), "den 5 januari"),        # before the reference: next year
    ("den 10 januari", REF, D(2020, 1, 10), "den 10 januari"),     # on the reference day
    ("den 16/1", REF, D(2020, 1, 16), "den 16/1"),
    ("Nästa möte: tisdag 4/2 kl 18", REF, D(2020, 2, 4), "tisdag 4/2"),
    ("29 februari", D(2019, 3, 1), D(2020, 2, 29), "29 februari"),
    # ... unless the text gives the year in a joined dated date.
    ("den 1 november – 31 december 2020", D(2021, 6, 1), D(2020, 11, 1), "den 1 november"),
    ("den 20 december till 10 januari 2021", None, D(2020, 12, 20), "den 20 december"),
    # A full stop after a full month name ends the sentence.
    ("den 16 januari. 2020 års budget", REF, D(2020, 1, 16), "den 16 januari"),
    ("Datum:2020-01-16", None, D(2020, 1, 16), "2020-01-16"),
    ("Datum:16 januari 2020", None, D(2020, 1, 16), "16 januari 2020"),
    ("15-16 januari 2020", None, D(2020, 1, 16), "16 januari 2020"),
    ("MÅNDAGEN DEN 3 FEBRUARI 2020", None, D(2020, 2, 3), "MÅNDAGEN DEN 3 FEBRUARI 2020"),
    # Out of range or money: not a year.
    ("den 16 januari 2000 kr", REF, D(2020, 1, 16), "den 16 januari"),
]


@pytest.mark.parametrize("text, reference, expected, matched", DATE_CASES)
def test_date_forms(text, reference, expected, matched):
    assert parse_date(text, reference) == expected
    first = find_dates(text, reference)[0]
    assert first.text == matched
    assert text[first.start:first.end] == matched


def test_has_year():
    assert find_dates("16 januari 2020")[0].has_year is True
    assert find_dates("16.01.98")[0].has_year is True
    assert find_dates("den 16 januari", REF)[0].has_year is False
    assert find_dates("den 1 november – 31 december 2020")[0].has_year is False


def test_yearless_without_reference_is_skipped():
    assert find_dates("torsdagen den 16 januari") == []
    assert parse_date("den 16/1") is None
    assert parse_date("den 3:e mars. Nästa möte 2020-04-02") == D(2020, 4, 2)


def test_yearless_leap_day_too_far_away_is_skipped():
    assert parse_date("den 29 februari", D(2021, 3, 1)) is None


def test_weekday_does_not_override_the_numbers():
    # 17 January 2020 was a Friday.
    assert parse_date("torsdagen den 17 januari 2020") == D(2020, 1, 17)


def test_datetime_reference_is_accepted():
    assert parse_date("den 16 januari", dt.datetime(2020, 1, 10, 13, 0)) == D(2020, 1, 16)


def test_several_dates_in_order():
    text = "Möte 2020-01-16. Nästa möte torsdagen den 13 februari kl 18. Justering 20/1 2020."
    found = find_dates(text, D(2020, 1, 16))
    assert [m.date for m in found] == [D(2020, 1, 16), D(2020, 2, 13), D(2020, 1, 20)]
    assert [m.has_year for m in found] == [True, False, True]


NOT_DATES = [
    "KS 2020/123",
    "KS-2024-00744",
    "Dnr KS 2019/01/16",
    "24200 kr",
    "20200211 kr",            # an amount
    "19800101-1234",          # a personnummer
    "2020-13-01",             # no month 13
    "31.02.2020",             # no 31 February
    "30 februari 2020",
    "20201301",
    "18991231",               # compact outside 1900-2099
    "21000101",
    "16.01.20",               # could be 2016-01-20 or 16:01:20
    "13.45.30",               # a time with seconds
    "1.200.000",
    "§ 12",
    "16/1",                   # bare fraction-like: needs "den" or a weekday
    "8/5-11/5",               # a range of days and months, no year
    "1/2-13 kr",
    "version 1.2.3",
    "0000-00-00",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text):
    assert find_dates(text, REF) == []
    assert find_dates(text) == []


# ---------------------------------------------------------------- times

TIME_CASES = [
    # text, (start, end), matched text
    ("kl 8.30", ("08:30", None), "kl 8.30"),
    ("kl. 13", ("13:00", None), "kl. 13"),
    ("Klockan 08:30-08:50", ("08:30", "08:50"), "Klockan 08:30-08:50"),
    ("15.15-16.00", ("15:15", "16:00"), "15.15-16.00"),
    ("kl 9.00–ca 12.00", ("09:00", "12:00"), "kl 9.00–ca 12.00"),
    ("kl. 9.00 - ca. 12.00", ("09:00", "12:00"), "kl. 9.00 - ca. 12.00"),
    ("13.00 – 15.30", ("13:00", "15:30"), "13.00 – 15.30"),
    ("Klockan 13.00—-15.40", ("13:00", "15:40"), "Klockan 13.00—-15.40"),  # OCR read the dash twice
    ("13.00 — 15.30", ("13:00", "15:30"), "13.00 — 15.30"),
    ("19:00", ("19:00", None), "19:00"),
    ("kl 18", ("18:00", None), "kl 18"),
    ("18.00-20.30", ("18:00", "20:30"), "18.00-20.30"),
    ("Tid: 19.00", ("19:00", None), "19.00"),
    ("Tid: 19", ("19:00", None), "19"),
    ("Tid: ca 19-21", ("19:00", "21:00"), "ca 19-21"),
    ("KL 13.00", ("13:00", None), "KL 13.00"),
    ("kl13.00", ("13:00", None), "kl13.00"),
    ("Klockan 8", ("08:00", None), "Klockan 8"),
    ("kl 1300-1500", ("13:00", "15:00"), "kl 1300-1500"),
    ("kl 18 till 20", ("18:00", "20:00"), "kl 18 till 20"),
    ("kl 13 - kl 15", ("13:00", "15:00"), "kl 13 - kl 15"),
    ("kl ca 13", ("13:00", None), "kl ca 13"),
    ("Mötet pågick 13.00-15", ("13:00", "15:00"), "13.00-15"),
    ("kl 0.30", ("00:30", None), "kl 0.30"),
    ("Start:19.00", ("19:00", None), "19.00"),
    ("Tid: 16/1 kl 13", ("13:00", None), "kl 13"),
    ("Tid: 16 januari 2020 kl 18", ("18:00", None), "kl 18"),
    ("kl 13,30", ("13:30", None), "kl 13,30"),
    ("kl 23.59", ("23:59", None), "kl 23.59"),
    ("Mötet öppnades kl. 18.05.", ("18:05", None), "kl. 18.05"),
    ("Sammanträde torsdagen den 16 januari 2020 kl. 13.00–15.30",
     ("13:00", "15:30"), "kl. 13.00–15.30"),
    ("Plats och tid: KS-salen, 2020-01-16 kl 9-12", ("09:00", "12:00"), "kl 9-12"),
    # The end of a range must be a valid time; else only the start counts.
    ("kl 13.00-25.00", ("13:00", None), "kl 13.00"),
    ("kl 22-24", ("22:00", None), "kl 22"),
]


@pytest.mark.parametrize("text, expected, matched", TIME_CASES)
def test_time_forms(text, expected, matched):
    assert parse_time_range(text) == expected
    first = find_times(text)[0]
    assert first.text == matched
    assert text[first.start:first.end] == matched


NOT_TIMES = [
    "16.1.2020",
    "16.01.2020",
    "2020.01.16",
    "2020-01-16",
    "16.01.20",
    "§ 12.30",
    "§12.30",
    "§§ 12.30-13.45",
    "punkt 4.10",
    "Punkt 3.15 Ekonomi",
    "Dnr 2.13",
    "KS 2020/123",
    "KS-2024-00744",
    "KS 2020.123",
    "24200 kr",
    "12.50 kr",
    "12.50kr",
    "5.30 mkr",
    "19.00 %",
    "1.200.000",
    "12.300",
    "2020:3",
    "SFS 2017:725",
    "kl 24",
    "kl 25.00",
    "kl 13.75",
    "24.00",
    "13.60",
    "kl 16.1.2020",
    "Klar 13",
    "version 1.12.30",
    "12,30",
    "A12.30",
    "-12.30",
    "10:30:45",
    "3,12.30",
    "inkl. 13 st",
    "Tid: 1 timme",
]


@pytest.mark.parametrize("text", NOT_TIMES)
def test_not_times(text):
    assert find_times(text) == []
    assert parse_time_range(text) == (None, None)


def test_several_times_in_order():
    text = "Mötet öppnades kl 18.05. Paus 19.00-19.15. Mötet avslutades kl. 20."
    assert [(t.start_time, t.end_time) for t in find_times(text)] == [
        ("18:05", None), ("19:00", "19:15"), ("20:00", None)]


def test_times_and_dates_do_not_collide():
    text = "Datum 16.01.2020 kl 13.00-15.00, § 12.30, 24200 kr, KS-2024-00744"
    assert [m.date for m in find_dates(text)] == [D(2020, 1, 16)]
    assert [(t.start_time, t.end_time) for t in find_times(text)] == [("13:00", "15:00")]


@pytest.mark.parametrize("hour, minute, expected", [
    (0, 0, "00:00"), (8, 30, "08:30"), (13, 0, "13:00"), (23, 59, "23:59")])
def test_normalise_time(hour, minute, expected):
    assert normalise_time(hour, minute) == expected


@pytest.mark.parametrize("hour, minute", [(24, 0), (-1, 0), (12, 60), (12, -1)])
def test_normalise_time_rejects(hour, minute):
    with pytest.raises(ValueError):
        normalise_time(hour, minute)


def test_matches_are_frozen():
    m = find_dates("2020-01-16")[0]
    t = find_times("kl 13")[0]
    assert isinstance(m, DateMatch) and isinstance(t, TimeMatch)
    with pytest.raises(AttributeError):
        m.start = 3  # type: ignore[misc]
    with pytest.raises(AttributeError):
        t.start_time = "00:00"  # type: ignore[misc]


# ----------------------------------------------------------- properties

DATES = st.dates(min_value=D(1800, 1, 1), max_value=D(2199, 12, 31))
COMPACT_DATES = st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 31))
CASE = st.sampled_from([str.lower, str.capitalize, str.upper])
CONTEXT_BEFORE = st.sampled_from(["", "Datum: ", "Mötet hölls ", "Protokoll\n", "(", "Huddinge, "])
CONTEXT_AFTER = st.sampled_from(["", ".", ",", " kl 13.00", " i Huddinge", ")", "\n§ 1"])


@st.composite
def month_word(draw, month: int) -> str:
    word = draw(st.sampled_from(MONTH_NAMES[month] + MONTH_ABBRS[month]))
    if word in MONTH_ABBRS[month] and draw(st.booleans()):
        word += "."
    return draw(CASE)(word)


def _day(d: dt.date, pad: bool) -> str:
    return f"{d.day:02d}" if pad else str(d.day)


def _month(d: dt.date, pad: bool) -> str:
    return f"{d.month:02d}" if pad else str(d.month)


@st.composite
def written_date(draw, d: dt.date) -> str:
    form = draw(st.sampled_from(
        ["iso", "iso_dot", "textual", "ordinal", "slash", "slash_dash", "dotted", "weekday"]))
    pad = draw(st.booleans())
    if form == "iso":
        return f"{d.year}-{d.month:02d}-{d.day:02d}"
    if form == "iso_dot":
        return f"{d.year}.{d.month:02d}.{d.day:02d}"
    if form == "textual":
        return f"{d.day} {draw(month_word(d.month))} {d.year}"
    if form == "ordinal":
        suffix = "a" if d.day % 10 in (1, 2) and d.day not in (11, 12) else "e"
        return f"den {d.day}:{suffix} {draw(month_word(d.month))} {d.year}"
    if form == "slash":
        return f"den {_day(d, pad)}/{_month(d, pad)} {d.year}"
    if form == "slash_dash":
        return f"{_day(d, pad)}/{_month(d, pad)}-{d.year}"
    if form == "dotted":
        return f"{_day(d, pad)}.{_month(d, pad)}.{d.year}"
    weekday = draw(CASE)(draw(st.sampled_from(WEEKDAY_FORMS[d.weekday()])))
    den = draw(st.sampled_from(["den ", ""]))
    return f"{weekday} {den}{d.day} {draw(month_word(d.month))} {d.year}"


@FAST
@given(st.data(), DATES, CONTEXT_BEFORE, CONTEXT_AFTER)
def test_written_dates_round_trip(data, d, before, after):
    written = data.draw(written_date(d))
    text = before + written + after
    assert parse_date(text) == d
    first = find_dates(text)[0]
    assert first.text == written and first.has_year
    assert (first.start, first.end) == (len(before), len(before) + len(written))


@FAST
@given(COMPACT_DATES, CONTEXT_BEFORE, CONTEXT_AFTER)
def test_compact_dates_round_trip(d, before, after):
    assert parse_date(f"{before}{d:%Y%m%d}{after}") == d


@FAST
@given(DATES)
def test_written_dates_are_never_times(d):
    for text in (f"{d.day}.{d.month}.{d.year}", f"{d.day:02d}.{d.month:02d}.{d.year}",
                 f"{d.year}.{d.month:02d}.{d.day:02d}", f"{d:%Y-%m-%d}",
                 f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}"):
        assert find_times(text) == [], text


@FAST
@given(st.data(), st.dates(min_value=D(1900, 1, 1), max_value=D(2098, 12, 31)),
       st.dates(min_value=D(2000, 1, 1), max_value=D(2000, 12, 31)))
def test_year_inference_is_on_or_after_reference_within_a_year(data, reference, day):
    weekday = data.draw(st.sampled_from(["", "torsdagen ", "Fredag "]))
    text = f"{weekday}den {day.day} {data.draw(month_word(day.month))}"
    found = parse_date(text, reference)
    if found is None:   # only a 29 February with no leap year in reach
        assert (day.month, day.day) == (2, 29)
        assert not any(calendar.isleap(y) and D(y, 2, 29) >= reference
                       for y in (reference.year, reference.year + 1))
        return
    assert (found.month, found.day) == (day.month, day.day)
    assert reference <= found
    assert (found - reference).days <= 366
    # ... and it is the first such date: a year earlier would be before the reference.
    try:
        assert found.replace(year=found.year - 1) < reference
    except ValueError:
        pass
    assert find_dates(text, reference)[0].has_year is False


@FAST
@given(st.integers(0, 23), st.integers(0, 59))
def test_normalise_time_format(hour, minute):
    out = normalise_time(hour, minute)
    assert TIME_RE.match(out)
    assert (int(out[:2]), int(out[3:])) == (hour, minute)


@FAST
@given(st.integers(-1000, 1000), st.integers(-1000, 1000))
def test_normalise_time_valid_or_raises(hour, minute):
    try:
        out = normalise_time(hour, minute)
    except ValueError:
        assert not (0 <= hour <= 23 and 0 <= minute <= 59)
    else:
        assert TIME_RE.match(out)


@st.composite
def written_time(draw, hour: int, minute: int) -> str:
    sep = draw(st.sampled_from([".", ":"]))
    hh = draw(st.sampled_from([f"{hour:02d}", str(hour)]))
    clock = draw(st.sampled_from(["kl ", "kl. ", "Kl ", "klockan ", "Klockan ", "KL. ", "kl"]))
    form = draw(st.sampled_from(["clock", "clock_hour", "bare"]))
    if form == "clock_hour" and minute == 0:
        return f"{clock}{hh}"
    if form == "clock":
        return f"{clock}{hh}{sep}{minute:02d}"
    return f"{hh}{sep}{minute:02d}"


HOURS, MINUTES = st.integers(0, 23), st.integers(0, 59)


@FAST
@given(st.data(), HOURS, MINUTES, st.sampled_from(["", "Mötet öppnades ", "Tid: ", "\n"]),
       st.sampled_from(["", ".", " i KS-salen", ","]))
def test_written_times_round_trip(data, hour, minute, before, after):
    written = data.draw(written_time(hour, minute))
    text = before + written + after
    assert parse_time_range(text) == (normalise_time(hour, minute), None)


@FAST
@given(st.data(), HOURS, MINUTES, HOURS, MINUTES)
def test_time_ranges_round_trip(data, h1, m1, h2, m2):
    dash = data.draw(st.sampled_from(DASHES))
    space = data.draw(st.sampled_from(["", " "]))
    lead = data.draw(st.sampled_from(["", "kl ", "Klockan ", "kl. "]))
    approx = data.draw(st.sampled_from(["", "ca ", "ca. ", "cirka "]))
    text = f"{lead}{h1}.{m1:02d}{space}{dash}{space}{approx}{h2:02d}.{m2:02d}"
    assert parse_time_range(text) == (normalise_time(h1, m1), normalise_time(h2, m2))
    assert find_times(text)[0].text == text


@FAST
@given(st.integers(0, 10**9), st.sampled_from(["kr", " kr", " kronor", " tkr", " SEK", ":-"]))
def test_amounts_are_neither_dates_nor_times(n, unit):
    for text in (f"{n}{unit}", f"{n // 100}.{n % 100:02d}{unit}"):
        assert find_times(text) == [], text
        assert find_dates(text, REF) == [], text


@FAST
@given(st.integers(1900, 2099), st.integers(1, 99999),
       st.sampled_from(["KS", "BUN", "SBN", "Dnr", "KF"]))
def test_diarienummer_are_neither_dates_nor_times(year, n, body):
    for text in (f"{body} {year}/{n}", f"{body}-{year}-{n:05d}", f"{body} {year}.{n}",
                 f"{body} {year}:{n}"):
        assert find_times(text) == [], text
        assert find_dates(text, REF) == [], text


@FAST
@given(st.integers(1, 400), st.integers(0, 99))
def test_paragraph_numbers_are_not_times(n, sub):
    for text in (f"§ {n}", f"§{n}", f"§ {n}.{sub:02d}", f"§§ {n}-{n + 1}", f"punkt {n}.{sub:02d}"):
        assert find_times(text) == [], text


TOKENS = [
    " ", "  ", "\n", "kl", "kl.", "Klockan", "Tid:", "den ", "torsdagen ", "Fredag ", "ca ",
    "januari", "jan.", "sept", "okt", "maj", "16", "1", "2", "3:e", "2020", "20200211", "24200",
    "00", "9", "13", "59", ".", ":", "-", "–", "—", "/", ",", "§", "kr", "KS", "a", "e", "x",
    "Ö", "0",
]
TEXTS = st.lists(st.sampled_from(TOKENS), max_size=30).map("".join)


@FAST
@given(TEXTS, st.one_of(st.none(), DATES))
def test_match_offsets_and_invariants(text, reference):
    dates = find_dates(text, reference)
    for m in dates:
        assert text[m.start:m.end] == m.text
        assert m.text and m.text == m.text.strip()
        if reference is None:
            assert m.has_year
    for a, b in zip(dates, dates[1:]):
        assert a.end <= b.start
    times = find_times(text)
    for t in times:
        assert text[t.start:t.end] == t.text
        assert TIME_RE.match(t.start_time)
        assert t.end_time is None or TIME_RE.match(t.end_time)
        assert not any(d.start < t.end and t.start < d.end for d in find_dates(text, REF))
    for a, b in zip(times, times[1:]):
        assert a.end <= b.start
    first_date = parse_date(text, reference)
    assert first_date == (dates[0].date if dates else None)
    assert parse_time_range(text) == ((times[0].start_time, times[0].end_time) if times
                                      else (None, None))


@FAST
@given(st.text(max_size=80), st.one_of(st.none(), DATES))
def test_any_text_keeps_the_invariants(text, reference):
    for m in find_dates(text, reference):
        assert text[m.start:m.end] == m.text
        assert D(1800, 1, 1) <= m.date <= D(2200, 12, 31)
    for t in find_times(text):
        assert text[t.start:t.end] == t.text
        assert TIME_RE.match(t.start_time)
        assert t.end_time is None or TIME_RE.match(t.end_time)


# --------------------------------------------------------- relative dates ---

@pytest.mark.parametrize(
    "text, reference, expected",
    [
        ("Nästa torsdag.", dt.date(2020, 8, 20), dt.date(2020, 8, 27)),       # a Thursday: a week on
        ("nästa måndag kl 18", dt.date(2020, 8, 20), dt.date(2020, 8, 24)),
        ("Samma tid nästa vecka.", dt.date(2019, 9, 25), dt.date(2019, 10, 2)),
        ("tisdag nästa vecka", dt.date(2020, 8, 20), dt.date(2020, 8, 25)),
        ("Vi ses om två veckor", dt.date(2020, 8, 20), dt.date(2020, 9, 3)),
        ("Ingen tid bestämd", dt.date(2020, 8, 20), None),
    ],
)
def test_relative_dates_are_read_against_the_meeting(text, reference, expected):
    assert find_relative_date(text, reference) == expected


def test_english_month_names_are_read():
    assert parse_date("20 August 2020") == dt.date(2020, 8, 20)


@pytest.mark.parametrize("text, expected", [
    ("Nästa möte måndagen den 6 riovember kl. 18.00", dt.date(2023, 11, 6)),   # "n" read as "ri"
    ("Protokoll den 12 septernber 2022", dt.date(2022, 9, 12)),              # "m" read as "rn"
    ("den 3 oktobcr", dt.date(2023, 10, 3)),
    ("Justerat 14 februan 2024", dt.date(2024, 2, 14)),
])
def test_a_long_month_name_with_an_ocr_slip_is_read_in_a_dates_frame(text, expected):
    assert [m.date for m in find_dates(text, dt.date(2023, 9, 20))] == [expected]


@pytest.mark.parametrize("text", [
    "Mötet 6 riovember",            # no "den", weekday or year around it
    "den 12 Mannerheim",             # no month within two letters
    "den 4 mängder",
    "vid 3 personer 2024",
])
def test_a_word_that_is_no_month_or_stands_outside_a_dates_frame_is_no_date(text):
    assert find_dates(text, dt.date(2023, 9, 20)) == []
