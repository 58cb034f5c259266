"""The guides' letters (x, X, A, y, z) replaced by the case's names: a pure function."""

from __future__ import annotations

import pytest

from pestcli.protocol.calendar import SchoolCalendar
from pestcli.protocol.placeholders import LETTERS, fill_placeholders, placeholder_names


@pytest.fixture(scope="module")
def calendar_zuid() -> SchoolCalendar:
    """The shipped school calendar of regio zuid."""
    return SchoolCalendar.load("zuid")


def test_names_for_the_letters():
    assert placeholder_names(["Sanne"], ["Tom", "Ali"], ["Mo"]) == {
        "x": "Tom", "X": "Tom", "y": "Ali", "z": "Mo", "A": "Sanne"}
    assert placeholder_names([], ["Tom"]) == {"x": "Tom", "X": "Tom"}
    assert placeholder_names(["", "Sanne"], ["", "Tom"]) == {"x": "Tom", "X": "Tom", "A": "Sanne"}
    assert set(placeholder_names(["a"], ["b", "c", "d"])) == set(LETTERS)


def test_only_letters_on_their_own_are_replaced():
    names = {"x": "Tom", "X": "Tom", "y": "Mo", "A": "Sanne"}
    assert fill_placeholders("waarbij x (en y en z) betrokken is", names) == "waarbij Tom (en Mo en z) betrokken is"
    assert fill_placeholders("Vragen naar X’s kant.", names) == "Vragen naar Tom’s kant."
    assert fill_placeholders("dat A zich rot voelt", names) == "dat Sanne zich rot voelt"
    # words, "x maal", "<gedrag>", "A4", "zijn/haar" and capitals inside words are left alone
    for text in ("Xander en Anna", "extra", "mijn <x> gedrag", "een A4-tje", "x/y", "X-as", "zijn/haar"):
        assert fill_placeholders(text, names) == text


def test_no_names_leaves_the_text():
    assert fill_placeholders("waarbij x betrokken is", {}) == "waarbij x betrokken is"


def test_a_name_is_inserted_literally():
    assert fill_placeholders("wat x vindt", {"x": "[b]Tom\\1"}) == "wat [b]Tom\\1 vindt"


def test_only_bijlage_4_and_5_use_the_letters(protocol):
    """The letters stand for people only in bijlage 4 and 5; no other guide text changes."""
    names = placeholder_names(["Sanne"], ["Tom", "Ali"], ["Mo"])
    changed = {guide.id for guide in protocol.guides for part in guide.parts for item in part.items
               for text in (item.text, *item.guidance) if fill_placeholders(text, names) != text}
    assert changed == {"bijlage-4", "bijlage-5"}


# --- bijlage 4, punt 15: three school days later ------------------------------------
def test_three_school_days_skip_the_weekend_and_holidays(calendar_zuid):
    from datetime import date

    from pestcli.protocol.appointments import school_days_after

    assert school_days_after(calendar_zuid, date(2026, 11, 23), 3) == date(2026, 11, 26)  # Mon -> Thu
    assert school_days_after(calendar_zuid, date(2026, 11, 26), 3) == date(2026, 12, 1)  # Thu -> Tue
    # the Friday before the Christmas holiday: the appointment falls after it
    friday = date(2026, 12, 18)
    later = school_days_after(calendar_zuid, friday, 3)
    assert later.year == 2027 and calendar_zuid.is_school_day(later)
    assert [d for d in (date(2026, 12, 21), date(2026, 12, 28)) if calendar_zuid.is_school_day(d)] == []


def test_the_appointment_label_names_the_guide_and_item(protocol):
    from pestcli.protocol.appointments import appointment_label

    guide = protocol.guide("bijlage-4")
    item = next(i for i in guide.checklist if i.appointment_school_days)
    assert (item.id, item.appointment_school_days) == ("b4.stappen.15", 3)
    assert appointment_label(guide, item) == "Vervolgafspraak (bijlage 4, punt 15)"
