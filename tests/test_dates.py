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
    ("23-13", "Maand 13 bestaat niet: eerst de dag, dan de maand (3-12 is 3 dec)."),
    ("0-5", "Dag 0 bestaat niet in mei."),
    ("32 jan", "32-01 bestaat niet: januari heeft geen 32 dagen."),
    ("blabla", "Onbekende datum 'blabla'. Voorbeelden: vandaag, vr, 3-12, 3 dec, "
               "volgende week di, over 14 dagen, na de kerstvakantie."),
    ("", "Geen datum ingevuld. Voorbeelden: vandaag, vr, 3-12, 3 dec, volgende week di, "
         "over 14 dagen, na de kerstvakantie."),
    ("   ", "Geen datum ingevuld. Voorbeelden: vandaag, vr, 3-12, 3 dec, volgende week di, "
            "over 14 dagen, na de kerstvakantie."),
    ("1-1-2150", "Jaar 2150 valt buiten de jaren 1900-2100."),
    ("1-1-1850", "Jaar 1850 valt buiten de jaren 1900-2100."),
    ("1-1-202", "Onduidelijk jaar: typ dag-maand-jaar, bijv. 01-01-2026."),
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
    "x" * 1000, "1" * 5000, "-1-1-2026", "nov 123",
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


# --- phrases a mentor types (issue 12) ------------------------------------------------------

TUESDAY = date(2026, 12, 1)   # the day of the issue: "3-12" typed on 1 December
SATURDAY = date(2026, 12, 5)


def _calendar():
    """A small school calendar: the Christmas holidays of two school years and a study day."""
    from pestcli.protocol.calendar import SchoolCalendar
    from pestcli.protocol.calendar_file import CalendarYear, SchoolHoliday

    def year(name, *holidays):
        return CalendarYear(name, tuple(SchoolHoliday(h, s, e, name) for h, s, e in holidays))

    return SchoolCalendar("test", [
        year("2025-2026", ("kerstvakantie", date(2025, 12, 20), date(2026, 1, 4))),
        year("2026-2027", ("kerstvakantie", date(2026, 12, 19), date(2027, 1, 3)),
             ("studiedag", date(2026, 12, 7), date(2026, 12, 7)),
             ("herfstvakantie", date(2026, 10, 17), date(2026, 10, 25))),
    ])


def test_a_date_without_a_year_looks_the_way_the_field_looks():
    # The issue: "3-12" on 1 Dec in a follow-up (forward) field is 3 Dec 2026, not 2025.
    assert parse_date("3-12", TUESDAY, "future") == date(2026, 12, 3)
    assert parse_date("3-12", TUESDAY, "past") == date(2025, 12, 3)
    assert parse_date("vrijdag", TUESDAY, "future") == date(2026, 12, 4)
    assert parse_date("vrijdag", TUESDAY, "past") == date(2026, 11, 27)


@pytest.mark.parametrize("text, expected", [
    ("volgende week dinsdag", date(2026, 12, 8)), ("dinsdag volgende week", date(2026, 12, 8)),
    ("volgende week op dinsdag", date(2026, 12, 8)), ("Volgende week di", date(2026, 12, 8)),
    ("aanstaande vrijdag", date(2026, 12, 4)), ("a.s. vrijdag", date(2026, 12, 4)),
    ("as vr", date(2026, 12, 4)), ("komende vrijdag", date(2026, 12, 4)),
    ("aanstaande dinsdag", date(2026, 12, 8)),              # today is Tuesday: the next one
    ("vorige vrijdag", date(2026, 11, 27)), ("afgelopen vrijdag", date(2026, 11, 27)),
    ("jl. vrijdag", date(2026, 11, 27)), ("afgelopen dinsdag", date(2026, 11, 24)),
    ("vorige week maandag", date(2026, 11, 23)), ("maandag vorige week", date(2026, 11, 23)),
    ("deze week donderdag", date(2026, 12, 3)), ("zondag deze week", date(2026, 12, 6)),
    ("volgende maandag", date(2026, 12, 7)),                 # one meaning: next week's Monday
    ("over veertien dagen", date(2026, 12, 15)), ("over dertien dagen", date(2026, 12, 14)),
    ("eind van de week", date(2026, 12, 4)), ("einde van deze week", date(2026, 12, 4)),
    ("eind volgende week", date(2026, 12, 11)), ("begin volgende week", date(2026, 12, 7)),
    ("begin van de week", date(2026, 11, 30)), ("eind deze maand", date(2026, 12, 31)),
    ("begin volgende maand", date(2027, 1, 1)),
    ("1e kerstdag", date(2026, 12, 25)), ("eerste kerstdag", date(2026, 12, 25)),
    ("2e kerstdag", date(2026, 12, 26)), ("tweede kerstdag", date(2026, 12, 26)),
    ("1e kerstdag 2027", date(2027, 12, 25)), ("koningsdag", date(2027, 4, 27)),
    ("nieuwjaarsdag", date(2027, 1, 1)), ("pasen", date(2027, 3, 28)),
    ("2e paasdag", date(2027, 3, 29)), ("hemelvaartsdag", date(2027, 5, 6)),
    ("2e pinksterdag", date(2027, 5, 17)), ("goede vrijdag", date(2027, 3, 26)),
    ("3 dec '26", date(2026, 12, 3)), ("3 dec ’27", date(2027, 12, 3)),
    ("december 3", date(2026, 12, 3)), ("dec 3 2027", date(2027, 12, 3)),
    ("3e december", date(2026, 12, 3)), ("1ste januari", date(2027, 1, 1)),
    ("2de jan 2027", date(2027, 1, 2)), ("do 3e dec", date(2026, 12, 3)),
])
def test_phrases(text, expected):
    assert parse_date(text, TUESDAY, "future") == expected


def test_explicit_words_win_over_the_direction():
    for text in ("aanstaande vrijdag", "volgende week dinsdag", "eind van de week"):
        assert parse_date(text, TUESDAY, "past") == parse_date(text, TUESDAY, "future")
    for text in ("afgelopen vrijdag", "vorige week maandag"):
        assert parse_date(text, TUESDAY, "future") == parse_date(text, TUESDAY, "past")


def test_named_days_look_the_way_the_field_looks():
    assert parse_date("1e kerstdag", TUESDAY, "past") == date(2025, 12, 25)
    assert parse_date("1e kerstdag", date(2026, 12, 25), "future") == date(2026, 12, 25)
    assert parse_date("koningsdag", TUESDAY, "past") == date(2026, 4, 27)


def test_volgende_and_vorige_weekday_are_taken_when_they_mean_one_day():
    # On a Saturday "volgende vrijdag" can only be the Friday of next week.
    assert parse_date("volgende vrijdag", SATURDAY) == date(2026, 12, 11)
    assert parse_date("vrijdag volgende week", SATURDAY) == date(2026, 12, 11)
    # On Tuesday "vorige vrijdag" is last week's Friday either way.
    assert parse_date("vorige vrijdag", TUESDAY) == date(2026, 11, 27)


@pytest.mark.parametrize("text, today, message", [
    ("volgende vrijdag", TUESDAY, "Vr 4 dec of vr 11 dec? Typ 'aanstaande vr' of 'vr volgende week'."),
    ("volgende do", date(2026, 12, 30), "Do 31 dec of do 7 jan 2027? Typ 'aanstaande do' of "
                                        "'do volgende week'."),
    ("vorige vrijdag", SATURDAY, "Vr 4 dec of vr 27 nov? Typ 'afgelopen vr' of 'vr vorige week'."),
    ("volgende", TUESDAY, "Volgende wat? Typ bijv. 'aanstaande vr' of 'volgende week di'."),
    ("aanstaande", TUESDAY, "Aanstaande wat? Typ bijv. 'aanstaande vr' of 'volgende week di'."),
    ("volgende week", TUESDAY, "Welke dag? Typ bijv. 'volgende week ma' of 'begin volgende week'."),
    ("deze maand", TUESDAY, "Welke dag? Typ bijv. 'begin deze maand' of 'eind deze maand'."),
    ("3-4-5", TUESDAY, "Onduidelijk jaar: typ dag-maand-jaar, bijv. 03-04-2026."),
    ("13-13", TUESDAY, "Maand 13 bestaat niet: eerst de dag, dan de maand (3-12 is 3 dec)."),
    ("12-13", TUESDAY, "Maand 13 bestaat niet: kies 1 t/m 12. Bedoel je 13-12 (dag-maand)?"),
    ("december", TUESDAY, "Welke dag in december? Typ bijv. '1 dec'."),
    ("nov 2026", TUESDAY, "Welke dag in november 2026? Typ bijv. '1 nov 2026'."),
    ("kerstdag", TUESDAY, "Welke? Typ 1e kerstdag of 2e kerstdag."),
    ("begin januari", TUESDAY, "Begin of eind waarvan? Bijv. 'begin volgende week', 'eind deze maand'."),
    ("na de kerstvakantie", TUESDAY, "Daarvoor is de schoolkalender nodig; typ een datum, bijv. 4-1."),
])
def test_ambiguous_input_is_refused_with_a_suggestion(text, today, message):
    for prefer in ("future", "past"):
        with pytest.raises(DateParseError) as info:
            parse_date(text, today, prefer)
        assert str(info.value) == message
    # It fits the one preview line of a date field in a dialog at 80 columns ("✗ " + message).
    assert len(message) <= 70


def test_school_holidays_come_from_the_calendar():
    calendar = _calendar()
    assert parse_date("na de kerstvakantie", TUESDAY, "future", calendar) == date(2027, 1, 4)
    assert parse_date("na de kerstvakantie", TUESDAY, "past", calendar) == date(2026, 1, 5)
    assert parse_date("na kerst", TUESDAY, "future", calendar) == date(2027, 1, 4)
    assert parse_date("Na de Kerstvakantie", date(2026, 12, 28), "future", calendar) == date(2027, 1, 4)
    assert parse_date("voor de kerstvakantie", TUESDAY, "future", calendar) == date(2026, 12, 18)
    assert parse_date("na de herfstvakantie", TUESDAY, "past", calendar) == date(2026, 10, 26)
    # A study day is not a school day: "begin volgende week" is then the Tuesday.
    assert parse_date("begin volgende week", TUESDAY, "future", calendar) == date(2026, 12, 8)
    assert parse_date("begin volgende week", TUESDAY, "future") == date(2026, 12, 7)


@pytest.mark.parametrize("text, message", [
    ("na de vakantie", "Welke vakantie? Typ bijv. 'na de kerstvakantie'."),
    ("na de meivakantie", "De meivakantie staat niet in de schoolkalender. Bekend: herfstvakantie, "
                          "kerstvakantie."),
])
def test_unknown_school_holidays_are_told(text, message):
    with pytest.raises(DateParseError) as info:
        parse_date(text, TUESDAY, "future", _calendar())
    assert str(info.value) == message


def test_no_holiday_left_in_the_calendar_is_told():
    with pytest.raises(DateParseError) as info:
        parse_date("na de herfstvakantie", TUESDAY, "future", _calendar())
    assert str(info.value) == "Er staat geen herfstvakantie na vandaag in de schoolkalender; typ een datum."


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["volgende", "vorige", "week", "maand", "aanstaande", "a.s.", "na",
                                 "de", "kerstvakantie", "begin", "eind", "van", "1e", "kerstdag",
                                 "3e", "dec", "'26", "vr", "di", "over", "veertien", "dagen"]),
                max_size=5).map(" ".join), TODAYS, st.sampled_from(["future", "past"]))
def test_phrase_soup_raises_only_date_parse_error(text, today, prefer):
    try:
        result = parse_date(text, today, prefer, _calendar())
    except DateParseError as exc:
        assert str(exc)
    else:
        assert isinstance(result, date) and 1900 <= result.year <= 2100


@pytest.mark.parametrize("today", [date.min, date.max, date(9999, 12, 27), date(1900, 1, 1),
                                   date(2100, 12, 31)])
@pytest.mark.parametrize("text", [
    "eind van de week", "begin volgende week", "eind deze maand", "begin vorige maand",
    "volgende week di", "di vorige week", "aanstaande vr", "afgelopen vr", "volgende vr", "vorige vr",
    "1e kerstdag", "pasen", "koningsdag", "na de kerstvakantie", "voor de kerstvakantie", "december 3",
    "3e dec", "3 dec '26", "over veertien dagen",
])
def test_phrases_at_the_edges_of_time_raise_only_date_parse_error(text, today):
    for prefer in ("future", "past"):
        for calendar in (None, _calendar()):
            try:
                result = parse_date(text, today, prefer, calendar)
            except DateParseError as exc:
                assert str(exc)
            else:
                assert 1900 <= result.year <= 2100
