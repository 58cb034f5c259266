"""The school calendar: weekends, public holidays, school holidays of region zuid."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pestcli.protocol.calendar import SchoolCalendar, school_year_of
from pestcli.protocol.calendar_file import parse_calendar_text
from pestcli.protocol.errors import CalendarError, ProtocolError
from pestcli.protocol.paths import calendar_dir, data_dir

CALENDAR_DIR = Path(__file__).resolve().parents[1] / "data" / "calendar"


@pytest.fixture(scope="module")
def zuid() -> SchoolCalendar:
    """The shipped calendar of region zuid."""
    return SchoolCalendar.load("zuid")


@pytest.fixture
def calendar_copy(tmp_path: Path) -> Path:
    """A writable copy of the calendar folder."""
    target = tmp_path / "calendar"
    shutil.copytree(CALENDAR_DIR, target)
    return target


def _load_text(tmp_path: Path, text: str, region: str = "test") -> SchoolCalendar:
    """Write ``text`` as REGION.toml and load it."""
    (tmp_path / f"{region}.toml").write_text(text, encoding="utf-8")
    return SchoolCalendar.load(region, tmp_path)


# --- the data folder --------------------------------------------------------

def test_data_dir_holds_protocol_and_calendar():
    assert (data_dir() / "calendar" / "zuid.toml").is_file()
    assert (data_dir() / "protocol" / "protocol.toml").is_file()
    assert calendar_dir() == data_dir() / "calendar"


def test_default_dir_is_the_packaged_data(zuid):
    assert zuid.region == "zuid"
    assert set(zuid.years) == {"2025-2026", "2026-2027", "2027-2028"}


def _d(text: str) -> date:
    return date.fromisoformat(text)


#: The official table (rijksoverheid.nl, "schoolvakanties"): school year -> holiday ->
#: (noord, midden, zuid), each "first day/last day" inclusive.
OFFICIAL = {
    "2025-2026": {
        "herfstvakantie": ("2025-10-18/2025-10-26", "2025-10-18/2025-10-26", "2025-10-11/2025-10-19"),
        "kerstvakantie": ("2025-12-20/2026-01-04",) * 3,
        "voorjaarsvakantie": ("2026-02-21/2026-03-01", "2026-02-14/2026-02-22", "2026-02-14/2026-02-22"),
        "meivakantie": ("2026-04-25/2026-05-03",) * 3,
        "zomervakantie": ("2026-07-04/2026-08-16", "2026-07-18/2026-08-30", "2026-07-11/2026-08-23"),
    },
    "2026-2027": {
        "herfstvakantie": ("2026-10-10/2026-10-18", "2026-10-17/2026-10-25", "2026-10-17/2026-10-25"),
        "kerstvakantie": ("2026-12-19/2027-01-03",) * 3,
        "voorjaarsvakantie": ("2027-02-20/2027-02-28", "2027-02-20/2027-02-28", "2027-02-13/2027-02-21"),
        "meivakantie": ("2027-04-24/2027-05-02",) * 3,
        "zomervakantie": ("2027-07-10/2027-08-22", "2027-07-17/2027-08-29", "2027-07-24/2027-09-05"),
    },
    "2027-2028": {
        "herfstvakantie": ("2027-10-16/2027-10-24", "2027-10-16/2027-10-24", "2027-10-23/2027-10-31"),
        "kerstvakantie": ("2027-12-25/2028-01-09",) * 3,
        "voorjaarsvakantie": ("2028-02-19/2028-02-27", "2028-02-26/2028-03-05", "2028-02-26/2028-03-05"),
        "meivakantie": ("2028-04-29/2028-05-07",) * 3,
        "zomervakantie": ("2028-07-15/2028-08-27", "2028-07-08/2028-08-20", "2028-07-22/2028-09-03"),
    },
}
REGIONS = ("noord", "midden", "zuid")


@pytest.mark.parametrize("region", REGIONS)
def test_every_region_ships_the_official_holidays_of_three_school_years(region):
    cal = SchoolCalendar.load(region)
    column = REGIONS.index(region)
    expected = {(year, name, _d(spans[column].split("/")[0]), _d(spans[column].split("/")[1]))
                for year, holidays in OFFICIAL.items() for name, spans in holidays.items()}
    got = {(y.school_year, h.name, h.start, h.end) for y in cal.years.values() for h in y.holidays}
    assert got == expected
    for year in cal.years.values():
        assert year.missing == ()  # the meivakantie is a fixed week, not advice
        for holiday in year.holidays:
            assert holiday.confirmed and "rijksoverheid" in holiday.source
            # A holiday runs from a Saturday to a Sunday.
            assert (holiday.start.weekday(), holiday.end.weekday()) == (5, 6)
    assert cal.liberation_day_every_year is False  # 5 May only in lustrum years by default
    assert cal.dates_notice([date(2025, 8, 1), date(2028, 7, 31)]) is None


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("day, name", [
    (date(2026, 4, 3), "Goede Vrijdag"), (date(2026, 4, 6), "Tweede Paasdag"),
    (date(2026, 5, 14), "Hemelvaartsdag"), (date(2026, 5, 25), "Tweede Pinksterdag"),
    (date(2027, 3, 26), "Goede Vrijdag"), (date(2027, 3, 29), "Tweede Paasdag"),
    (date(2027, 5, 6), "Hemelvaartsdag"), (date(2027, 5, 17), "Tweede Pinksterdag"),
    (date(2028, 4, 14), "Goede Vrijdag"), (date(2028, 4, 17), "Tweede Paasdag"),
    (date(2028, 4, 27), "Koningsdag"), (date(2028, 5, 25), "Hemelvaartsdag"),
    (date(2028, 6, 5), "Tweede Pinksterdag"), (date(2026, 1, 1), "kerstvakantie"),
])
def test_every_region_is_closed_on_the_public_holidays_of_its_school_years(region, day, name):
    cal = SchoolCalendar.load(region)
    assert cal.closed_reason(day) == name
    assert not cal.is_school_day(day)


@pytest.mark.parametrize("region, last_day, first_school_day", [
    ("noord", date(2027, 8, 22), date(2027, 8, 23)),
    ("midden", date(2027, 8, 29), date(2027, 8, 30)),
    ("zuid", date(2027, 9, 5), date(2027, 9, 6)),
])
def test_the_zomervakantie_2027_of_each_region(region, last_day, first_school_day):
    cal = SchoolCalendar.load(region)
    assert cal.closed_reason(last_day) == "zomervakantie"
    assert cal.next_school_day(date(2027, 8, 19)) == first_school_day
    assert cal.moved_reason(date(2027, 8, 19)) == "valt in de zomervakantie"


def test_unknown_region_is_a_protocol_error():
    with pytest.raises(ProtocolError) as info:
        SchoolCalendar.load("west")
    assert "Onbekende regio 'west'" in str(info.value)
    assert "midden, noord, zuid" in str(info.value)


@pytest.mark.parametrize("region", ["../zuid", "Zuid", "", "zuid.toml"])
def test_region_names_that_are_not_plain_names_are_refused(region):
    with pytest.raises(CalendarError):
        SchoolCalendar.load(region)


# --- closed days and their reasons -------------------------------------------

@pytest.mark.parametrize("day, reason", [
    (date(2026, 11, 28), "zaterdag"),
    (date(2026, 11, 29), "zondag"),
    (date(2025, 4, 26), "Koningsdag"),          # Koningsdag on Saturday 26 April 2025
    (date(2026, 4, 27), "meivakantie"),         # Koningsdag inside the meivakantie
    (date(2027, 4, 27), "meivakantie"),
    (date(2028, 4, 27), "Koningsdag"),          # before the meivakantie 2028
    (date(2026, 5, 4), None),                   # the first day after the meivakantie
    (date(2026, 4, 3), "Goede Vrijdag"),
    (date(2026, 4, 5), "Eerste Paasdag"),       # a Sunday: the holiday name wins
    (date(2026, 5, 14), "Hemelvaartsdag"),
    (date(2025, 5, 5), "Bevrijdingsdag"),
    (date(2025, 10, 15), "herfstvakantie"),
    (date(2026, 12, 25), "kerstvakantie"),      # Eerste Kerstdag inside the kerstvakantie
    (date(2026, 12, 27), "kerstvakantie"),      # a Sunday inside the kerstvakantie
    (date(2026, 8, 20), "zomervakantie"),       # summer runs into the next school year
    (date(2026, 11, 23), None),
    (date(2026, 5, 5), None),                   # no lustrum year
])
def test_closed_reason(zuid, day, reason):
    assert zuid.closed_reason(day) == reason
    assert zuid.is_school_day(day) is (reason is None)


@pytest.mark.parametrize("day, phrase", [
    (date(2026, 12, 25), "valt in de kerstvakantie"),
    (date(2025, 4, 26), "valt op Koningsdag"),
    (date(2026, 11, 29), "valt op een zondag"),
    (date(2026, 11, 28), "valt op een zaterdag"),
    (date(2026, 11, 23), None),
])
def test_moved_reason(zuid, day, phrase):
    assert zuid.moved_reason(day) == phrase


@pytest.mark.parametrize("day, expected", [
    (date(2026, 11, 23), date(2026, 11, 23)),   # a school day is its own next school day
    (date(2026, 11, 28), date(2026, 11, 30)),
    (date(2026, 12, 25), date(2027, 1, 4)),     # kerstvakantie 2026
    (date(2025, 12, 19), date(2025, 12, 19)),   # the Friday before the kerstvakantie
    (date(2025, 12, 20), date(2026, 1, 5)),
    (date(2026, 7, 20), date(2026, 8, 24)),     # zomervakantie 2026
    (date(2026, 4, 3), date(2026, 4, 7)),       # Goede Vrijdag .. Tweede Paasdag
    (date(2026, 5, 14), date(2026, 5, 15)),     # Hemelvaart
    (date(2026, 5, 23), date(2026, 5, 26)),     # Pinksteren
])
def test_next_school_day(zuid, day, expected):
    assert zuid.next_school_day(day) == expected


def test_year_not_in_the_file_still_skips_weekends_and_public_holidays(zuid):
    assert not zuid.knows_holidays(date(2028, 9, 1))
    assert zuid.next_school_day(date(2029, 4, 27)) == date(2029, 4, 30)   # Koningsdag, a Friday
    assert zuid.next_school_day(date(2029, 5, 10)) == date(2029, 5, 11)   # Hemelvaart
    assert zuid.next_school_day(date(2028, 12, 25)) == date(2028, 12, 27)  # Kerst
    assert zuid.next_school_day(date(2028, 10, 18)) == date(2028, 10, 18)  # herfst unknown
    assert zuid.dates_notice([date(2028, 10, 18)]) == (
        "Voor schooljaar 2028-2029 zijn de schoolvakanties van regio zuid niet bekend; "
        "pestcli houdt alleen rekening met weekenden en feestdagen.")


MISSING_MAY = """
[[year]]
school_year = "2026-2027"
missing = ["meivakantie", "zomervakantie"]
[[year.holiday]]
name = "herfstvakantie"
start = 2026-10-17
end = 2026-10-25
"""


def test_missing_holidays_of_a_known_year_are_warned_about(tmp_path):
    cal = _load_text(tmp_path, MISSING_MAY)
    warning = cal.dates_notice([date(2027, 3, 1)])
    assert "2026-2027" in warning and "de meivakantie en de zomervakantie" in warning
    assert not cal.knows_holidays(date(2027, 3, 1))


def test_dates_notice_names_each_unknown_school_year_once(zuid):
    assert zuid.dates_notice([]) is None
    assert zuid.dates_notice([date(2026, 12, 1), date(2028, 7, 1)]) is None
    notice = zuid.dates_notice([date(2027, 9, 1), date(2028, 8, 31), date(2029, 9, 1),
                                date(2029, 3, 1)])
    assert notice == ("Voor de schooljaren 2028-2029 en 2029-2030 zijn de schoolvakanties van "
                      "regio zuid niet bekend; pestcli houdt alleen rekening met weekenden en "
                      "feestdagen.")
    assert zuid.unknown_school_years([date(2029, 9, 1), date(2024, 9, 1), date(2029, 10, 1)]) == [
        "2024-2025", "2029-2030"]


def test_dates_notice_of_an_unknown_and_a_partly_known_year(tmp_path):
    cal = _load_text(tmp_path, MISSING_MAY)
    notice = cal.dates_notice([date(2027, 5, 1), date(2027, 9, 1)])
    assert notice.startswith("Voor schooljaar 2027-2028 zijn de schoolvakanties van regio test "
                             "niet bekend;")
    assert notice.endswith("Voor schooljaar 2026-2027 ontbreken in de schoolkalender van regio "
                           "test de meivakantie en de zomervakantie; pestcli houdt daarvoor alleen "
                           "rekening met weekenden en feestdagen.")


def test_period_notice_covers_every_school_year_of_the_period(zuid):
    assert zuid.period_notice(date(2028, 7, 1), date(2028, 7, 31)) is None
    assert "2028-2029" in zuid.period_notice(date(2028, 7, 27), date(2028, 8, 2))
    assert "2029-2030" in zuid.period_notice(date(2028, 9, 1), date(2030, 9, 1))


def test_school_year_of():
    assert school_year_of(date(2026, 3, 1)) == "2025-2026"
    assert school_year_of(date(2026, 8, 1)) == "2026-2027"
    assert school_year_of(date(2026, 7, 31)) == "2025-2026"


def test_a_fully_confirmed_year_has_no_notice(tmp_path):
    cal = _load_text(tmp_path, """
[[year]]
school_year = "2030-2031"
[[year.holiday]]
name = "herfstvakantie"
start = 2030-10-12
end = 2030-10-20
confirmed = true
""")
    assert cal.dates_notice([date(2030, 11, 4)]) is None


def test_closed_days_between_for_an_agenda(zuid):
    days = zuid.closed_days_between(date(2026, 4, 1), date(2026, 4, 8))
    assert days == [
        (date(2026, 4, 3), "Goede Vrijdag"),
        (date(2026, 4, 4), "zaterdag"),
        (date(2026, 4, 5), "Eerste Paasdag"),
        (date(2026, 4, 6), "Tweede Paasdag"),
    ]
    assert zuid.closed_days_between(date(2026, 4, 8), date(2026, 4, 1)) == []
    assert len(zuid.closed_days_between(date(2026, 12, 19), date(2027, 1, 3))) == 16


# --- study days and settings ----------------------------------------------------

def test_study_day_is_a_one_day_holiday(tmp_path):
    cal = _load_text(tmp_path, """
goede_vrijdag = false
[[year]]
school_year = "2026-2027"
[[year.holiday]]
name = "studiedag"
date = 2026-11-12
confirmed = true
source = "jaarplanning"
[[year.holiday]]
name = "herfstvakantie"
start = "2026-10-17"
end = "2026-10-25"
""")
    assert cal.closed_reason(date(2026, 11, 12)) == "studiedag"
    assert cal.moved_reason(date(2026, 11, 12)) == "valt op een studiedag"
    assert cal.next_school_day(date(2026, 11, 12)) == date(2026, 11, 13)
    assert cal.is_school_day(date(2026, 11, 11)) and cal.is_school_day(date(2026, 11, 13))
    assert cal.is_school_day(date(2027, 3, 26))  # Goede Vrijdag: this school is open
    assert cal.closed_reason(date(2026, 10, 20)) == "herfstvakantie"  # ISO strings accepted


def test_holiday_wins_over_a_study_day_inside_it(tmp_path):
    cal = _load_text(tmp_path, """
[[year]]
school_year = "2026-2027"
[[year.holiday]]
name = "studiedag"
date = 2026-10-19
[[year.holiday]]
name = "herfstvakantie"
start = 2026-10-17
end = 2026-10-25
""")
    assert cal.moved_reason(date(2026, 10, 19)) == "valt in de herfstvakantie"


def test_a_school_closed_on_5_may_every_year(calendar_copy):
    path = calendar_copy / "zuid.toml"
    text = path.read_text(encoding="utf-8")
    assert "bevrijdingsdag_elk_jaar = false" in text
    path.write_text(text.replace("bevrijdingsdag_elk_jaar = false",
                                 "bevrijdingsdag_elk_jaar = true"), encoding="utf-8")
    closed = SchoolCalendar.load("zuid", calendar_copy)
    shipped = SchoolCalendar.load("zuid")
    assert closed.liberation_day_every_year
    for day in (date(2026, 5, 5), date(2027, 5, 5), date(2029, 5, 5)):  # Tue, Wed, Sat
        assert shipped.closed_reason(day) in (None, "zaterdag")
        assert closed.closed_reason(day) == "Bevrijdingsdag"
    assert closed.moved_reason(date(2027, 5, 5)) == "valt op Bevrijdingsdag"
    assert closed.next_school_day(date(2027, 5, 5)) == date(2027, 5, 7)  # 6 May: Hemelvaart
    assert shipped.next_school_day(date(2027, 5, 5)) == date(2027, 5, 5)
    # In a lustrum year 5 May is a day off for every school.
    assert shipped.closed_reason(date(2025, 5, 5)) == "Bevrijdingsdag"
    assert closed.closed_reason(date(2028, 5, 5)) == "meivakantie"  # inside the holiday


# --- malformed files ------------------------------------------------------------

def test_toml_typo_names_file_and_line(calendar_copy):
    path = calendar_copy / "zuid.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("start = 2025-12-20"))
    lines[number] = "start = 2025-12-2O"  # letter O instead of zero
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CalendarError) as info:
        SchoolCalendar.load("zuid", calendar_copy)
    error = info.value
    assert isinstance(error, ProtocolError)
    assert error.file == "zuid.toml"
    assert error.line == number + 1
    assert str(error).startswith(f"Fout in bestand zuid.toml, regel {number + 1}")


def test_misspelt_field_names_file_line_and_field(calendar_copy):
    path = calendar_copy / "zuid.toml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("start = 2026-02-14"))
    path.write_text(text.replace("start = 2026-02-14", "strat = 2026-02-14"), encoding="utf-8")
    with pytest.raises(CalendarError) as info:
        SchoolCalendar.load("zuid", calendar_copy)
    assert (info.value.file, info.value.line, info.value.field) == ("zuid.toml", number + 1,
                                                                    "strat")
    assert "onbekend veld 'strat'" in str(info.value)


BAD_FILES = [
    ('[[year]]\nschool_year = "2026-2028"\n', "school_year", 2),
    ('[[year]]\nschool_year = "2026"\n', "school_year", 2),
    ('[[year]]\nschool_year = "2026-2027"\n[[year]]\nschool_year = "2026-2027"\n',
     "school_year", 4),
    ('[[year]]\nschool_year = "2026-2027"\n[[year.holiday]]\nstart = 2026-10-17\n'
     'end = 2026-10-25\n', "name", 3),
    ('[[year]]\nschool_year = "2026-2027"\n[[year.holiday]]\nname = "x"\nstart = 2026-10-17\n',
     "end", 3),
    ('[[year]]\nschool_year = "2026-2027"\n[[year.holiday]]\nname = "x"\nstart = 2026-10-17\n'
     'end = 2026-10-10\n', "end", 6),
    ('[[year]]\nschool_year = "2026-2027"\n[[year.holiday]]\nname = "x"\nstart = 2027-10-17\n'
     'end = 2027-10-20\n', "start", 5),
    ('[[year]]\nschool_year = "2026-2027"\n[[year.holiday]]\nname = "x"\nstart = 2026-10-17\n'
     'end = 2027-06-20\n', "end", 6),
    ('[[year]]\nschool_year = "2026-2027"\n[[year.holiday]]\nname = "x"\n'
     'start = 2026-10-17T10:00:00\nend = 2026-10-20\n', "start", 5),
    ('[[year]]\nschool_year = "2026-2027"\n[[year.holiday]]\nname = "x"\ndate = 2026-10-17\n'
     'end = 2026-10-20\n', "date", 5),
    ('[[year]]\nschool_year = "2026-2027"\n[[year.holiday]]\nname = "x"\ndate = "morgen"\n',
     "date", 5),
    ('[[year]]\nschool_year = "2026-2027"\n[[year.holiday]]\nname = "x"\ndate = 2026-10-17\n'
     'confirmed = "ja"\n', "confirmed", 6),
    ('[[year]]\nschool_year = "2026-2027"\nmissing = "meivakantie"\n', "missing", 3),
    ('[[year]]\nschool_year = "2026-2027"\nvakanties = 1\n', "vakanties", 3),
    ('goede_vrijdag = "ja"\n', "goede_vrijdag", 1),
    ('\nbevrijdingsdag_elk_jaar = "ja"\n', "bevrijdingsdag_elk_jaar", 2),
    ('regio = "zuid"\n', "regio", 1),
    ('year = 3\n', "year", 1),
]


@pytest.mark.parametrize("text, field, line", BAD_FILES)
def test_bad_calendar_files(text, field, line):
    with pytest.raises(CalendarError) as info:
        parse_calendar_text(text, "test.toml")
    assert info.value.field == field
    assert info.value.line == line
    assert str(info.value).startswith(f"Fout in bestand test.toml, regel {line}, veld '{field}'")


def test_toml_error_at_end_of_document_still_has_a_line():
    with pytest.raises(CalendarError) as info:
        parse_calendar_text("a = 1\na = 2\n", "test.toml")
    assert info.value.line == 2


def test_unreadable_file(tmp_path):
    (tmp_path / "bin.toml").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(CalendarError) as info:
        SchoolCalendar.load("bin", tmp_path)
    assert info.value.file == "bin.toml"


def test_a_calendar_with_no_school_day_for_a_year_is_an_error():
    from pestcli.protocol.calendar_file import CalendarYear, SchoolHoliday
    holidays = [SchoolHoliday(f"v{i}", date(2026, 8, 1) + timedelta(days=100 * i),
                              date(2026, 8, 1) + timedelta(days=100 * i + 99), "2026-2027")
                for i in range(4)]
    cal = SchoolCalendar("test", [CalendarYear("2026-2027", tuple(holidays))])
    with pytest.raises(CalendarError):
        cal.next_school_day(date(2026, 8, 1))


# --- properties -----------------------------------------------------------------

@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)))
def test_next_school_day_is_an_open_day_on_or_after_the_date(day):
    cal = SchoolCalendar.load("zuid")
    result = cal.next_school_day(day)
    assert result >= day
    assert cal.is_school_day(result)
    assert all(not cal.is_school_day(day + timedelta(days=i)) for i in range((result - day).days))
    assert (cal.moved_reason(day) is None) is (result == day)


# --- the last school day (the demo) ---------------------------------------------

@pytest.mark.parametrize("day, expected", [
    (date(2026, 11, 23), date(2026, 11, 23)),   # a school day is its own previous school day
    (date(2026, 11, 29), date(2026, 11, 27)),   # Sunday -> Friday
    (date(2026, 12, 25), date(2026, 12, 18)),   # kerstvakantie -> the Friday before
    (date(2027, 8, 19), date(2027, 7, 23)),     # zomervakantie 2027 of zuid
])
def test_previous_school_day(zuid, day, expected):
    assert zuid.previous_school_day(day) == expected


def test_a_deeply_nested_calendar_file_is_a_dutch_error_not_a_recursion_error():
    """Issue 14: a 5,000-deep array gave a RecursionError; the calendar file says what is wrong."""
    text = "x = " + "[" * 5000 + "]" * 5000 + "\n"
    with pytest.raises(CalendarError, match="te diep in elkaar genest"):
        parse_calendar_text(text, "zuid.toml")
