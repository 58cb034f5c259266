"""Dutch date input and output: every accepted form, clear errors, no crashes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pestcli.protocol.dates import (
    DateParseError,
    format_date,
    format_input,
    format_long,
    format_relative,
    parse_date,
)

MONDAY = date(2026, 11, 23)
FRIDAY = date(2026, 11, 27)


# --- words -------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("vandaag", MONDAY), ("VANDAAG", MONDAY), ("  morgen  ", date(2026, 11, 24)),
    ("overmorgen", date(2026, 11, 25)), ("gisteren", date(2026, 11, 22)),
    ("eergisteren", date(2026, 11, 21)),
])
def test_day_words(text, expected):
    assert parse_date(text, MONDAY) == expected
    assert parse_date(text, MONDAY, prefer="past") == expected


@pytest.mark.parametrize("text, weekday", [
    ("maandag", 0), ("ma", 0), ("dinsdag", 1), ("di", 1), ("woensdag", 2), ("wo", 2),
    ("donderdag", 3), ("do", 3), ("vrijdag", 4), ("vr", 4), ("zaterdag", 5), ("za", 5),
    ("zondag", 6), ("zo", 6), ("Ma", 0), (" VRIJDAG ", 4),
])
def test_weekdays_future_is_strictly_after_today(text, weekday):
    for today in (MONDAY + timedelta(days=i) for i in range(7)):
        got = parse_date(text, today)
        assert got.weekday() == weekday
        assert today < got <= today + timedelta(days=7)


@pytest.mark.parametrize("text, weekday", [("ma", 0), ("woensdag", 2), ("zo", 6)])
def test_weekdays_past_is_on_or_before_today(text, weekday):
    for today in (MONDAY + timedelta(days=i) for i in range(7)):
        got = parse_date(text, today, prefer="past")
        assert got.weekday() == weekday
        assert today - timedelta(days=6) <= got <= today


def test_weekday_examples():
    assert parse_date("ma", MONDAY) == date(2026, 11, 30)     # today excluded
    assert parse_date("ma", MONDAY, "past") == MONDAY          # today included
    assert parse_date("vr", MONDAY) == FRIDAY
    assert parse_date("vr", MONDAY, "past") == date(2026, 11, 20)


# --- numeric and written dates -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "23-11-2026", "23/11/2026", "23.11.2026", "23-11-26", "2026-11-23", "23 nov 2026",
    "23 november 2026", "23 NOV. 2026", "23 nov, 2026", "ma 23 nov 2026",
    "maandag 23 november 2026", "Ma, 23 Nov 2026", "23-11", "23/11", "23 nov", "23 november",
])
def test_forms_of_the_same_date(text):
    assert parse_date(text, MONDAY) == MONDAY


@pytest.mark.parametrize("name, month", [
    ("jan", 1), ("januari", 1), ("feb", 2), ("februari", 2), ("mrt", 3), ("maart", 3),
    ("apr", 4), ("april", 4), ("mei", 5), ("jun", 6), ("juni", 6), ("jul", 7), ("juli", 7),
    ("aug", 8), ("augustus", 8), ("sep", 9), ("sept", 9), ("september", 9), ("okt", 10),
    ("oktober", 10), ("nov", 11), ("november", 11), ("dec", 12), ("december", 12),
])
def test_month_names(name, month):
    assert parse_date(f"1 {name} 2027", MONDAY) == date(2027, month, 1)


def test_day_month_without_year_future_is_on_or_after_today():
    assert parse_date("23-11", MONDAY) == MONDAY                   # today counts
    assert parse_date("24-11", MONDAY) == date(2026, 11, 24)
    assert parse_date("22-11", MONDAY) == date(2027, 11, 22)       # passed: next year
    assert parse_date("1 jan", MONDAY) == date(2027, 1, 1)


def test_day_month_without_year_past_is_on_or_before_today():
    assert parse_date("23-11", MONDAY, "past") == MONDAY
    assert parse_date("24-11", MONDAY, "past") == date(2025, 11, 24)
    assert parse_date("1 sep", MONDAY, "past") == date(2026, 9, 1)


def test_29_february_without_year_goes_to_the_nearest_leap_year():
    assert parse_date("29-02", MONDAY) == date(2028, 2, 29)
    assert parse_date("29-02", MONDAY, "past") == date(2024, 2, 29)
    assert parse_date("29-02", date(2028, 2, 29)) == date(2028, 2, 29)


def test_two_digit_years_are_this_century():
    assert parse_date("1-3-99", MONDAY) == date(2099, 3, 1)
    assert parse_date("1-3-00", MONDAY) == date(2000, 3, 1)


# --- relative ------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("+3", date(2026, 11, 26)), ("-2", date(2026, 11, 21)), ("+0", MONDAY),
    ("+ 1", date(2026, 11, 24)),
    ("over 3 dagen", date(2026, 11, 26)), ("over 1 dag", date(2026, 11, 24)),
    ("over een dag", date(2026, 11, 24)), ("over 2 weken", date(2026, 12, 7)),
    ("over een week", date(2026, 11, 30)), ("over één week", date(2026, 11, 30)),
    ("over 1 maand", date(2026, 12, 23)), ("over twee maanden", date(2027, 1, 23)),
    ("over twaalf maanden", date(2027, 11, 23)), ("over een jaar", date(2027, 11, 23)),
    ("Over  Drie  Weken", date(2026, 12, 14)), ("3 dagen geleden", date(2026, 11, 20)),
    ("een week geleden", date(2026, 11, 16)), ("twee maanden geleden", date(2026, 9, 23)),
])
def test_relative(text, expected):
    assert parse_date(text, MONDAY) == expected
    assert parse_date(text, MONDAY, prefer="past") == expected


def test_a_month_after_31_january_is_the_end_of_february():
    assert parse_date("over een maand", date(2028, 1, 31)) == date(2028, 2, 29)
    assert parse_date("over een maand", date(2027, 1, 31)) == date(2027, 2, 28)


# --- errors ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, message", [
    ("31-02", "31-02 bestaat niet: februari heeft geen 31 dagen."),
    ("31-04-2027", "31-04 bestaat niet: april heeft geen 31 dagen."),
    ("29-02-2027", "29-02-2027 bestaat niet: 2027 is geen schrikkeljaar."),
    ("2027-02-29", "29-02-2027 bestaat niet: 2027 is geen schrikkeljaar."),
    ("23-13", "Maand 13 bestaat niet: kies 1 t/m 12."),
    ("0-5", "Dag 0 bestaat niet in mei."),
    ("32 jan", "32-01 bestaat niet: januari heeft geen 32 dagen."),
    ("blabla", "Onbekende datum 'blabla'. Voorbeelden: vandaag, morgen, ma, 23-11, "
               "23-11-2026, 23 nov, +3, over 2 weken."),
    ("", "Geen datum ingevuld. Voorbeelden: vandaag, morgen, ma, 23-11, 23-11-2026, 23 nov, "
         "+3, over 2 weken."),
    ("   ", "Geen datum ingevuld. Voorbeelden: vandaag, morgen, ma, 23-11, 23-11-2026, "
            "23 nov, +3, over 2 weken."),
    ("1-1-2150", "Jaar 2150 valt buiten de jaren 1900-2100."),
    ("1-1-1850", "Jaar 1850 valt buiten de jaren 1900-2100."),
    ("1-1-202", "Jaar '202': schrijf het jaar met 2 of 4 cijfers."),
    ("di 23 nov 2026", "23-11-2026 is een maandag, geen dinsdag."),
    ("+99999999", "99999999 is te groot voor een datum."),
    ("over 500 jaar", "23-11-2526 valt buiten de jaren 1900-2100."),
    ("-50000", "31-12-1889 valt buiten de jaren 1900-2100."),
    ("over 999999 jaar", "Die datum valt buiten de jaren 1900-2100."),
])
def test_errors_are_clear_dutch(text, message):
    with pytest.raises(DateParseError) as info:
        parse_date(text, MONDAY)
    assert str(info.value) == message


@pytest.mark.parametrize("text", [
    "23-11-2026-1", "23--11", "23-11/2026", "over drie", "over 3 uur", "3 dagen", "ma ma",
    "ma +3", "23 novembre", "volgende week", "٢٣-١١-٢٠٢٦", "２３-１１", "23 nov 2026 extra",
    "x" * 1000, "1" * 5000, "-1-1-2026", "nov 23",
])
def test_nonsense_is_a_date_parse_error(text):
    with pytest.raises(DateParseError):
        parse_date(text, MONDAY)


def test_date_parse_error_is_a_value_error():
    assert issubclass(DateParseError, ValueError)


def test_out_of_range_from_today():
    with pytest.raises(DateParseError):
        parse_date("morgen", date(2100, 12, 31))
    with pytest.raises(DateParseError):
        parse_date("morgen", date.max)
    with pytest.raises(DateParseError):
        parse_date("gisteren", date.min)
    with pytest.raises(DateParseError):
        parse_date("1-1", date(2100, 12, 31))


def test_bad_prefer_is_a_programming_error():
    with pytest.raises(ValueError):
        parse_date("ma", MONDAY, prefer="soon")


# --- output -----------------------------------------------------------------------------

def test_formats():
    assert format_date(MONDAY) == "ma 23 nov 2026"
    assert format_long(MONDAY) == "maandag 23 november 2026"
    assert format_input(MONDAY) == "23-11-2026"
    assert format_date(date(2027, 3, 5)) == "vr 5 mrt 2027"
    assert format_long(date(2027, 3, 5)) == "vrijdag 5 maart 2027"


@pytest.mark.parametrize("day, plain, deadline", [
    (MONDAY, "vandaag", "vandaag"),
    (date(2026, 11, 24), "morgen", "morgen"),
    (date(2026, 11, 26), "over 3 dagen", "over 3 dagen"),
    (date(2026, 11, 22), "gisteren", "1 dag te laat"),
    (date(2026, 11, 21), "2 dagen geleden", "2 dagen te laat"),
    (date(2026, 11, 20), "3 dagen geleden", "3 dagen te laat"),
])
def test_format_relative(day, plain, deadline):
    assert format_relative(day, MONDAY) == plain
    assert format_relative(day, MONDAY, deadline=True) == deadline


# --- properties ---------------------------------------------------------------------------

TODAYS = st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31))
DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
WORDS = st.sampled_from(["vandaag", "ma", "zo", "over", "geleden", "dagen", "weken", "maand",
                         "een", "twaalf", "nov", "mrt", "mei", "+", "-", "/", ".", " ", "é"])


def _only_date_parse_errors(text: str, today: date, prefer: str) -> None:
    """parse_date returns a date in range or raises DateParseError, nothing else."""
    try:
        result = parse_date(text, today, prefer)
    except DateParseError as exc:
        assert str(exc)
    else:
        assert isinstance(result, date) and 1900 <= result.year <= 2100


@settings(max_examples=500)
@given(st.text(), st.dates(), st.sampled_from(["future", "past"]))
def test_any_text_raises_only_date_parse_error(text, today, prefer):
    _only_date_parse_errors(text, today, prefer)


@settings(max_examples=500)
@given(st.integers(), st.integers(), st.integers(), st.sampled_from("-/. "), TODAYS)
def test_near_valid_numeric_dates(d, m, y, sep, today):
    for text in (f"{d}{sep}{m}{sep}{y}", f"{d}{sep}{m}", f"{y}-{m}-{d}", f"+{d}", f"{d}",
                 f"over {d} dagen", f"{d} weken geleden", f"over {m} maanden"):
        _only_date_parse_errors(text, today, "future")


@settings(max_examples=300)
@given(st.integers(min_value=-40, max_value=40), st.integers(min_value=-3, max_value=15),
       st.one_of(st.none(), st.integers(min_value=-5, max_value=2200)),
       st.sampled_from(["jan", "feb", "mrt", "mei", "nov", "december", "xyz"]), TODAYS)
def test_near_valid_written_dates(d, m, y, month, today):
    year = "" if y is None else f" {y}"
    for text in (f"{d} {month}{year}", f"{d:02d}-{m:02d}{'' if y is None else f'-{y}'}",
                 f"ma {d} {month}{year}", f"zo {d}-{m}"):
        _only_date_parse_errors(text, today, "past")


@given(st.lists(WORDS, max_size=6).map("".join), TODAYS)
def test_word_soup(text, today):
    _only_date_parse_errors(text, today, "future")


@given(DATES, TODAYS)
def test_round_trip_dd_mm_yyyy(day, today):
    assert parse_date(format_input(day), today) == day
    assert parse_date(day.strftime("%d/%m/%Y"), today, "past") == day
    assert parse_date(day.isoformat(), today) == day


@given(DATES, TODAYS)
def test_round_trip_dutch_formats(day, today):
    assert parse_date(format_date(day), today) == day
    assert parse_date(format_long(day), today) == day


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2050, 12, 31)),
       st.integers(min_value=-3000, max_value=3000))
def test_relative_days_round_trip(today, n):
    assert parse_date(f"{n:+d}", today) == today + timedelta(days=n)
    day = today + timedelta(days=n)
    if n > 1:
        assert parse_date(format_relative(day, today), today) == day
    if n < -1:
        assert parse_date(format_relative(day, today), today) == day


@given(st.integers(min_value=1, max_value=31), st.integers(min_value=1, max_value=12), TODAYS,
       st.sampled_from(["future", "past"]))
def test_day_month_is_the_nearest_in_the_preferred_direction(d, m, today, prefer):
    try:
        got = parse_date(f"{d}-{m}", today, prefer)
    except DateParseError:
        return  # e.g. 31-04
    assert (got.day, got.month) == (d, m)
    if prefer == "future":
        assert got >= today
        assert not any(date(y, m, d) >= today for y in range(today.year, got.year)
                       if _exists(y, m, d))
    else:
        assert got <= today
        assert not any(date(y, m, d) <= today for y in range(got.year + 1, today.year + 1)
                       if _exists(y, m, d))


def _exists(year: int, month: int, day: int) -> bool:
    """True when the date exists."""
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True
