"""The follow-up schedule of stap 5: calendar months, leap years, holidays."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pestcli.protocol.calendar import SchoolCalendar
from pestcli.protocol.followups import PlannedFollowUp, followup_schedule, reschedule
from pestcli.protocol.model import FollowUpSlot, Rules

PROTOCOL_FILE = Path(__file__).resolve().parents[1] / "data" / "protocol" / "protocol.toml"


def load_rules() -> Rules:
    """The follow-up part of the rules in protocol.toml."""
    raw = tomllib.loads(PROTOCOL_FILE.read_text(encoding="utf-8"))
    return Rules(followups=tuple(FollowUpSlot(**s) for s in raw["followups"]["slot"]),
                 followup_anchor=raw["followups"]["after"],
                 chances_after_broken=raw["escalation"]["chances_after_broken"],
                 escalation=(), sanctions=())


RULES = load_rules()
ZUID = SchoolCalendar.load("zuid")


def only(slot: FollowUpSlot) -> Rules:
    """Rules with just one follow-up slot."""
    return Rules(followups=(slot,), followup_anchor="stap-4", chances_after_broken=1,
                 escalation=(), sanctions=())


def test_the_protocol_has_the_decided_slots():
    assert [s.label for s in RULES.followups] == [
        "na twee dagen", "na een week", "na een maand", "na drie maanden", "na zes maanden",
        "na negen maanden", "na een jaar", "na anderhalf jaar", "na twee jaar"]
    assert RULES.followup_anchor == "stap-4"


def test_schedule_for_agreements_on_a_monday():
    plan = followup_schedule(RULES, ZUID, date(2026, 11, 2))
    assert [p.index for p in plan] == list(range(9))
    assert plan[0] == PlannedFollowUp(0, "na twee dagen", date(2026, 11, 4), date(2026, 11, 4),
                                      None)
    assert plan[1].due == date(2026, 11, 9)
    assert plan[2].due == date(2026, 12, 2)
    assert plan[3].nominal == date(2027, 2, 2)
    assert plan[6].nominal == date(2027, 11, 2)
    assert plan[8].nominal == date(2028, 11, 2)


def test_every_slot_counts_from_the_agreements_not_from_the_previous_one():
    plan = followup_schedule(RULES, ZUID, date(2026, 11, 2))
    assert plan[4].nominal == date(2027, 5, 2)   # six months, not 3 + 3 after moving
    assert plan[5].nominal == date(2027, 8, 2)


def test_one_month_after_31_january_in_a_leap_year_is_29_february():
    [item] = followup_schedule(only(FollowUpSlot("na een maand", months=1)), ZUID,
                               date(2028, 1, 31))
    assert item.nominal == date(2028, 2, 29)
    assert item.due == date(2028, 3, 6)  # the voorjaarsvakantie 2028 of region zuid
    assert item.moved_because == "valt in de voorjaarsvakantie"
    [noord] = followup_schedule(only(FollowUpSlot("na een maand", months=1)),
                                SchoolCalendar.load("noord"), date(2028, 1, 31))
    assert noord.due == noord.nominal == date(2028, 2, 29)  # a Tuesday: stays


def test_one_month_after_31_january_otherwise_is_28_february_moved_off_the_weekend():
    [item] = followup_schedule(only(FollowUpSlot("na een maand", months=1)), ZUID,
                               date(2027, 1, 31))
    assert item.nominal == date(2027, 2, 28)     # a Sunday
    assert item.due == date(2027, 3, 1)
    assert item.moved_because == "valt op een zondag"


def test_a_year_after_29_february_is_28_february():
    [item] = followup_schedule(only(FollowUpSlot("na een jaar", months=12)), ZUID,
                               date(2028, 2, 29))
    assert item.nominal == date(2029, 2, 28)


def test_a_follow_up_in_the_summer_holiday_moves_to_the_first_day_after_it():
    [item] = followup_schedule(only(FollowUpSlot("na een maand", months=1)), ZUID,
                               date(2026, 6, 15))
    assert item.nominal == date(2026, 7, 15)
    assert item.due == date(2026, 8, 24)
    assert item.moved_because == "valt in de zomervakantie"


def test_a_month_into_the_christmas_holiday():
    plan = followup_schedule(RULES, ZUID, date(2026, 11, 23))
    assert plan[2].nominal == date(2026, 12, 23)
    assert plan[2].due == date(2027, 1, 4)
    assert plan[2].moved_because == "valt in de kerstvakantie"


def test_two_follow_ups_never_share_a_day():
    # Agreements on the Friday before the kerstvakantie: "na twee dagen" and
    # "na een week" both fall in the holiday.
    plan = followup_schedule(RULES, ZUID, date(2026, 12, 18))
    assert plan[0].due == date(2027, 1, 4)
    assert plan[0].moved_because == "valt in de kerstvakantie"
    assert plan[1].nominal == date(2026, 12, 25)
    assert plan[1].due == date(2027, 1, 5)
    assert plan[1].moved_because == ("valt in de kerstvakantie; de dag na het vorige "
                                     "vervolggesprek")


def test_a_year_not_in_the_calendar_still_skips_weekends_and_holidays():
    [item] = followup_schedule(only(FollowUpSlot("na twee dagen", days=2)), ZUID,
                               date(2029, 5, 8))
    assert item.nominal == date(2029, 5, 10)
    assert item.due == date(2029, 5, 11)
    assert item.moved_because == "valt op Hemelvaartsdag"
    assert ZUID.dates_notice([item.due]) is not None


@pytest.mark.parametrize("day, expected, reason", [
    (date(2026, 11, 25), date(2026, 11, 25), None),
    (date(2026, 11, 28), date(2026, 11, 30), "valt op een zaterdag"),
    (date(2026, 10, 20), date(2026, 10, 26), "valt in de herfstvakantie"),
    (date(2028, 4, 27), date(2028, 4, 28), "valt op Koningsdag"),
    (date(2026, 4, 27), date(2026, 5, 4), "valt in de meivakantie"),
    (date(2027, 8, 19), date(2027, 9, 6), "valt in de zomervakantie"),
])
def test_reschedule_by_hand(day, expected, reason):
    assert reschedule(day, ZUID) == (expected, reason)


def test_empty_schedule():
    empty = Rules(followups=(), followup_anchor="stap-4", chances_after_broken=1,
                  escalation=(), sanctions=())
    assert followup_schedule(empty, ZUID, date(2026, 11, 2)) == []


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)))
def test_schedule_is_on_school_days_strictly_increasing(agreed_on):
    plan = followup_schedule(RULES, ZUID, agreed_on)
    assert len(plan) == len(RULES.followups)
    for item in plan:
        assert ZUID.is_school_day(item.due)
        assert item.due >= item.nominal > agreed_on
        assert (item.moved_because is None) is (item.due == item.nominal)
    dues = [p.due for p in plan]
    assert all(a < b for a, b in zip(dues, dues[1:]))
    assert plan[-1].nominal - agreed_on <= timedelta(days=731)


@pytest.mark.parametrize("region, summer, after", [
    ("noord", (date(2027, 7, 10), date(2027, 8, 22)), date(2027, 8, 23)),
    ("midden", (date(2027, 7, 17), date(2027, 8, 29)), date(2027, 8, 30)),
    ("zuid", (date(2027, 7, 24), date(2027, 9, 5)), date(2027, 9, 6)),
])
def test_follow_ups_from_a_date_in_2027_skip_the_zomervakantie_2027_of_each_region(
        region, summer, after):
    calendar = SchoolCalendar.load(region)
    # The case: agreements on 19 July 2027, "na een maand" is 19 August.
    [item] = followup_schedule(only(FollowUpSlot("na een maand", months=1)), calendar,
                               date(2027, 7, 19))
    assert item.nominal == date(2027, 8, 19)
    assert (item.due, item.moved_because) == (after, "valt in de zomervakantie")
    # The whole schedule from the last Friday before noord's holiday: no date in any summer.
    plan = followup_schedule(RULES, calendar, date(2027, 7, 9))
    assert all(not summer[0] <= p.due <= summer[1] for p in plan)
    assert all(calendar.is_school_day(p.due) for p in plan)
    assert after in [p.due for p in plan]
    # "na anderhalf jaar" and "na twee jaar" fall in 2028-2029, whose holidays are not known yet.
    assert [p.due.year for p in plan][-2:] == [2029, 2029]
    assert calendar.dates_notice(p.due for p in plan) == (
        f"Voor schooljaar 2028-2029 zijn de schoolvakanties van regio {region} niet bekend; "
        "pestcli houdt alleen rekening met weekenden en feestdagen.")
    # (In midden "na een jaar" moves out of the zomervakantie 2028 into 2028-2029 too.)
    assert calendar.dates_notice(p.due for p in plan if p.due < date(2028, 8, 1)) is None


def test_a_school_closed_on_5_may_every_year_plans_no_follow_up_on_it():
    zuid = SchoolCalendar.load("zuid")
    closed = SchoolCalendar(zuid.region, zuid.years.values(), liberation_day_every_year=True)
    slot = only(FollowUpSlot("na een week", weeks=1))
    [usual] = followup_schedule(slot, zuid, date(2027, 4, 28))
    [item] = followup_schedule(slot, closed, date(2027, 4, 28))
    assert usual.due == usual.nominal == date(2027, 5, 5)  # a Wednesday, no lustrum year
    assert item.nominal == date(2027, 5, 5)
    assert item.due == date(2027, 5, 7)  # 6 May 2027 is Hemelvaartsdag
    assert item.moved_because == "valt op Bevrijdingsdag"
    assert reschedule(date(2027, 5, 5), closed) == (date(2027, 5, 7), "valt op Bevrijdingsdag")
