"""Due dates of stap 2, 3, 4 and 6, on school days, chained on done dates."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pestcli.protocol.calendar import SchoolCalendar
from pestcli.protocol.deadlines import Due, step_due_dates
from pestcli.protocol.errors import ProtocolError
from pestcli.protocol.model import Deadline, Step

STEPS_FILE = Path(__file__).resolve().parents[1] / "data" / "protocol" / "steps.toml"


def load_steps() -> tuple[Step, ...]:
    """The steps of steps.toml, with only what the deadline rules need."""
    raw = tomllib.loads(STEPS_FILE.read_text(encoding="utf-8"))["step"]
    return tuple(
        Step(number=s["number"], title=s["title"], actor=s["actor"], summary=s["summary"],
             text=tuple(s["text"]),
             deadline=Deadline(**s["deadline"]) if "deadline" in s else None)
        for s in raw)


STEPS = load_steps()
ZUID = SchoolCalendar.load("zuid")


def test_steps_data_has_the_expected_deadlines():
    rules = {s.number: s.deadline for s in STEPS}
    assert rules[2] == Deadline("melding", 7)
    assert rules[3] == Deadline("stap-2", 7)
    assert rules[4] == Deadline("stap-3", 7)
    assert rules[6] == Deadline("stap-3", 7, follows_informing_choice=True)
    assert rules[1] is None and rules[5] is None


def test_plain_report_on_a_monday():
    due = step_due_dates(STEPS, ZUID, date(2026, 11, 23))
    assert set(due) == {2, 3, 4, 6}
    assert due[2] == Due(date(2026, 11, 30), date(2026, 11, 30), None)
    assert due[3].date == date(2026, 12, 7)
    assert due[4].date == date(2026, 12, 14)
    assert due[6].date == date(2026, 12, 14)  # not severe: a week after stap 3
    assert all(d.date == d.nominal for d in due.values())


def test_report_on_the_friday_before_the_christmas_holiday():
    due = step_due_dates(STEPS, ZUID, date(2026, 12, 18))
    assert due[2].nominal == date(2026, 12, 25)
    assert due[2].date == date(2027, 1, 4)
    assert due[2].moved_because == "valt in de kerstvakantie"
    assert due[2].date != due[2].nominal
    # The chain counts from stap 2's due date, not from its nominal date.
    assert due[3] == Due(date(2027, 1, 11), date(2027, 1, 11), None)
    assert due[4].date == date(2027, 1, 18)


def test_a_deadline_on_a_sunday_moves_to_monday():
    due = step_due_dates(STEPS, ZUID, date(2026, 11, 22))  # a Sunday report
    assert due[2].nominal == date(2026, 11, 29)
    assert due[2].date == date(2026, 11, 30)
    assert due[2].moved_because == "valt op een zondag"


def test_a_deadline_on_koningsdag_moves_to_the_next_day():
    due = step_due_dates(STEPS, ZUID, date(2028, 4, 20))  # Koningsdag 2028, before the meivakantie
    assert due[2] == Due(date(2028, 4, 28), date(2028, 4, 27), "valt op Koningsdag")


def test_stap_6_na_stap_1_counts_from_the_report():
    reported = date(2026, 11, 23)
    after_3 = step_due_dates(STEPS, ZUID, reported, parents_after="stap-3")
    after_1 = step_due_dates(STEPS, ZUID, reported, parents_after="stap-1")
    assert after_1[6].date == date(2026, 11, 30)  # a week after the report (stap 1)
    assert after_3[6].date == date(2026, 12, 14)  # a week after stap 3 is due
    assert {n: after_1[n] for n in (2, 3, 4)} == {n: after_3[n] for n in (2, 3, 4)}
    assert step_due_dates(STEPS, ZUID, reported) == after_3  # no choice: the step's own anchor


def test_the_choice_only_moves_the_step_that_follows_it():
    plain = tuple(replace(s, deadline=replace(s.deadline, follows_informing_choice=False)) if s.deadline else s
                  for s in STEPS)
    assert step_due_dates(plain, ZUID, date(2026, 11, 23), parents_after="stap-1")[6].date == date(2026, 12, 14)


def test_stap_6_na_stap_3_follows_the_done_date_of_stap_3():
    due = step_due_dates(STEPS, ZUID, date(2026, 11, 23), parents_after="stap-3",
                         done={2: date(2026, 11, 25), 3: date(2026, 11, 27)})
    assert due[6].nominal == date(2026, 12, 4)
    assert due[4].nominal == date(2026, 12, 4)


def test_chain_uses_done_dates():
    reported = date(2026, 11, 23)
    due = step_due_dates(STEPS, ZUID, reported, done={2: date(2026, 11, 24)})
    assert due[2].date == date(2026, 11, 30)  # a done step still has its own due date
    assert due[3].nominal == date(2026, 12, 1)
    assert due[4].nominal == date(2026, 12, 8)
    later = step_due_dates(STEPS, ZUID, reported, done={2: date(2026, 12, 3),
                                                       3: date(2026, 12, 11)})
    assert later[3].nominal == date(2026, 12, 10)
    assert later[4].nominal == date(2026, 12, 18)


def test_done_stap_3_just_before_christmas_pushes_stap_4_past_the_holiday():
    due = step_due_dates(STEPS, ZUID, date(2026, 12, 1), done={2: date(2026, 12, 7),
                                                               3: date(2026, 12, 16)})
    assert due[4].nominal == date(2026, 12, 23)
    assert due[4].date == date(2027, 1, 4)
    assert due[4].moved_because == "valt in de kerstvakantie"


def test_not_done_steps_in_a_mapping_may_be_none():
    a = step_due_dates(STEPS, ZUID, date(2026, 11, 23), done={2: None, 3: None})
    assert a == step_due_dates(STEPS, ZUID, date(2026, 11, 23))


def test_a_year_not_in_the_calendar_still_skips_public_holidays():
    assert not ZUID.knows_holidays(date(2029, 5, 3))
    due = step_due_dates(STEPS, ZUID, date(2029, 5, 3))
    assert due[2] == Due(date(2029, 5, 11), date(2029, 5, 10), "valt op Hemelvaartsdag")
    assert due[3].nominal == date(2029, 5, 18)
    assert ZUID.dates_notice([d.date for d in due.values()]).startswith(
        "Voor schooljaar 2028-2029 zijn de schoolvakanties van regio zuid niet bekend")


def test_a_report_in_the_summer_holiday():
    due = step_due_dates(STEPS, ZUID, date(2026, 7, 15))
    assert due[2].date == date(2026, 8, 24)
    assert due[2].moved_because == "valt in de zomervakantie"
    assert due[3].date == date(2026, 8, 31)


def test_anchor_stap_1_is_the_report():
    steps = (replace(STEPS[1], deadline=Deadline("stap-1", 3)),)
    assert step_due_dates(steps, ZUID, date(2026, 11, 23))[2].nominal == date(2026, 11, 26)
    assert step_due_dates(steps, ZUID, date(2026, 11, 23),
                          done={1: date(2026, 11, 24)})[2].nominal == date(2026, 11, 27)


@pytest.mark.parametrize("deadlines", [
    {2: Deadline("gisteren", 7)},
    {2: Deadline("stap-x", 7)},
    {2: Deadline("stap-5", 7)},                          # stap 5 has no deadline
    {2: Deadline("stap-3", 7), 3: Deadline("stap-2", 7)},  # a cycle
])
def test_bad_anchors_are_protocol_errors(deadlines):
    steps = tuple(replace(s, deadline=deadlines.get(s.number, s.deadline)) for s in STEPS)
    with pytest.raises(ProtocolError):
        step_due_dates(steps, ZUID, date(2026, 11, 23))


@given(st.dates(min_value=date(2025, 8, 1), max_value=date(2029, 7, 1)), st.sampled_from(["stap-1", "stap-3"]))
def test_due_dates_are_school_days_on_or_after_nominal(reported, parents_after):
    due = step_due_dates(STEPS, ZUID, reported, parents_after=parents_after)
    for item in due.values():
        assert ZUID.is_school_day(item.date)
        assert item.nominal <= item.date < item.nominal + timedelta(days=60)
        assert (item.moved_because is None) is (item.date == item.nominal)
    assert due[2].date < due[3].date < due[4].date


def test_a_school_closed_on_5_may_every_year_moves_a_deadline_off_it():
    closed = SchoolCalendar(ZUID.region, ZUID.years.values(), liberation_day_every_year=True)
    usual = step_due_dates(STEPS, ZUID, date(2027, 4, 28))
    due = step_due_dates(STEPS, closed, date(2027, 4, 28))
    assert usual[2].date == date(2027, 5, 5)
    assert due[2] == Due(date(2027, 5, 7), date(2027, 5, 5), "valt op Bevrijdingsdag")
