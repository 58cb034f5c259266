"""Dutch public holidays: Easter-based days, Koningsdag, Bevrijdingsdag, Goede Vrijdag."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pestcli.protocol.holidays import (
    easter_sunday,
    kings_day,
    public_holiday_name,
    public_holidays,
)


@pytest.mark.parametrize("year, expected", [
    (2025, date(2025, 4, 20)),
    (2026, date(2026, 4, 5)),
    (2027, date(2027, 3, 28)),
    (2028, date(2028, 4, 16)),
])
def test_easter_check_values(year, expected):
    assert easter_sunday(year) == expected
    assert public_holidays(year)[expected] == "Eerste Paasdag"
    assert public_holidays(year)[expected + timedelta(days=1)] == "Tweede Paasdag"


@pytest.mark.parametrize("expected", [
    date(2025, 5, 29), date(2026, 5, 14), date(2027, 5, 6), date(2028, 5, 25),
])
def test_hemelvaart_check_values(expected):
    assert public_holidays(expected.year)[expected] == "Hemelvaartsdag"
    assert expected.weekday() == 3  # always a Thursday


def test_pinksteren_is_easter_plus_49_and_50():
    assert public_holidays(2026)[date(2026, 5, 24)] == "Eerste Pinksterdag"
    assert public_holidays(2026)[date(2026, 5, 25)] == "Tweede Pinksterdag"


@pytest.mark.parametrize("year, expected", [
    (2025, date(2025, 4, 26)),  # the 27th is a Sunday
    (2026, date(2026, 4, 27)),
    (2031, date(2031, 4, 26)),  # the 27th is a Sunday
    (2036, date(2036, 4, 26)),
    (2028, date(2028, 4, 27)),
])
def test_koningsdag_moves_to_saturday_when_27_april_is_a_sunday(year, expected):
    assert kings_day(year) == expected
    assert public_holidays(year)[expected] == "Koningsdag"
    if expected.day == 26:
        assert expected.weekday() == 5 and date(year, 4, 27) not in public_holidays(year)


def test_koningsdag_2025_is_saturday_26_april_and_27th_is_not_a_holiday():
    days = public_holidays(2025)
    assert days[date(2025, 4, 26)] == "Koningsdag"
    assert date(2025, 4, 27) not in days


@pytest.mark.parametrize("year, lustrum", [(2025, True), (2026, False), (2029, False),
                                           (2030, True), (2035, True)])
def test_bevrijdingsdag_only_in_lustrum_years(year, lustrum):
    assert (public_holidays(year).get(date(year, 5, 5)) == "Bevrijdingsdag") is lustrum


def test_bevrijdingsdag_on_hemelvaart_keeps_the_church_name():
    # 2005: Easter 27 March, Hemelvaart 5 May.
    assert public_holidays(2005)[date(2005, 5, 5)] == "Hemelvaartsdag"


def test_goede_vrijdag_included_by_default_and_can_be_left_out():
    assert public_holidays(2026)[date(2026, 4, 3)] == "Goede Vrijdag"
    assert date(2026, 4, 3) not in public_holidays(2026, include_good_friday=False)
    assert public_holiday_name(date(2026, 4, 3)) == "Goede Vrijdag"
    assert public_holiday_name(date(2026, 4, 3), include_good_friday=False) is None


def test_fixed_holidays():
    days = public_holidays(2027)
    assert days[date(2027, 1, 1)] == "Nieuwjaarsdag"
    assert days[date(2027, 12, 25)] == "Eerste Kerstdag"
    assert days[date(2027, 12, 26)] == "Tweede Kerstdag"


@pytest.mark.parametrize("year", range(2020, 2041))
def test_every_year_has_the_right_count_sorted_and_inside_the_year(year):
    days = public_holidays(year)
    assert len(days) == (11 if year % 5 == 0 else 10)
    assert list(days) == sorted(days)
    assert all(d.year == year for d in days)


def test_result_is_a_fresh_dict():
    public_holidays(2026).clear()
    assert public_holidays(2026)


def test_years_outside_the_easter_range():
    with pytest.raises(ValueError):
        easter_sunday(1500)
    assert public_holiday_name(date(1, 1, 1)) is None
    assert public_holiday_name(date(2026, 6, 2)) is None


@pytest.mark.parametrize("year", [2026, 2027, 2028, 2029, 2030])
def test_bevrijdingsdag_every_year_for_a_school_that_gives_it_off(year):
    days = public_holidays(year, liberation_day_every_year=True)
    assert days[date(year, 5, 5)] == "Bevrijdingsdag"
    assert len(days) == 11
    assert public_holiday_name(date(year, 5, 5), liberation_day_every_year=True) == "Bevrijdingsdag"
    assert (public_holiday_name(date(year, 5, 5)) == "Bevrijdingsdag") is (year % 5 == 0)
