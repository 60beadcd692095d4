"""Deadlines in French working days: weekends and public holidays do not count, the local hour is kept."""

import datetime

import pytest
from dateutil.easter import easter

from marketplace.working_days import (
    PARIS,
    add_working_days,
    add_working_time,
    easter_sunday,
    french_public_holidays,
    is_working_day,
    next_working_day,
    working_time_between,
)

HOUR = datetime.timedelta(hours=1)


def paris(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=PARIS)


def local(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(PARIS)


# The calendar


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2000, datetime.date(2000, 4, 23)),
        (2008, datetime.date(2008, 3, 23)),
        (2011, datetime.date(2011, 4, 24)),
        (2024, datetime.date(2024, 3, 31)),
        (2025, datetime.date(2025, 4, 20)),
        (2026, datetime.date(2026, 4, 5)),
        (2038, datetime.date(2038, 4, 25)),
        (2285, datetime.date(2285, 3, 22)),
    ],
)
def test_easter_sunday_by_the_computus(year, expected):
    assert easter_sunday(year) == expected


def test_the_computus_agrees_with_dateutil_for_five_centuries():
    assert [year for year in range(1800, 2300) if easter_sunday(year) != easter(year)] == []


def test_the_eleven_holidays_of_2026():
    holidays = french_public_holidays(2026)

    assert sorted(holidays) == [
        datetime.date(2026, 1, 1),
        datetime.date(2026, 4, 6),  # Easter Monday
        datetime.date(2026, 5, 1),
        datetime.date(2026, 5, 8),
        datetime.date(2026, 5, 14),  # Ascension
        datetime.date(2026, 5, 25),  # Whit Monday
        datetime.date(2026, 7, 14),
        datetime.date(2026, 8, 15),
        datetime.date(2026, 11, 1),
        datetime.date(2026, 11, 11),
        datetime.date(2026, 12, 25),
    ]
    assert str(holidays[datetime.date(2026, 5, 14)]) == "Ascension"
    assert str(holidays[datetime.date(2026, 4, 6)]) == "Lundi de Pâques"


def test_movable_holidays_follow_easter():
    holidays = french_public_holidays(2025)

    assert datetime.date(2025, 4, 21) in holidays  # Easter Monday
    assert datetime.date(2025, 5, 29) in holidays  # Ascension, a Thursday
    assert datetime.date(2025, 6, 9) in holidays  # Whit Monday


def test_working_days_are_weekdays_that_are_not_holidays():
    assert is_working_day(datetime.date(2026, 12, 4))  # a Friday
    assert not is_working_day(datetime.date(2026, 12, 5))  # Saturday
    assert not is_working_day(datetime.date(2026, 12, 6))  # Sunday
    assert not is_working_day(datetime.date(2026, 7, 14))  # a Tuesday, Bastille Day
    assert not is_working_day(datetime.date(2026, 5, 14))  # Ascension Thursday
    # Alsace-Moselle's Good Friday and 26 December are not applied platform-wide.
    assert is_working_day(datetime.date(2026, 4, 3))
    assert is_working_day(datetime.date(2025, 12, 26))


def test_next_working_day_skips_a_long_weekend():
    assert next_working_day(datetime.date(2026, 4, 3)) == datetime.date(2026, 4, 7)  # Friday -> Tuesday after Easter


# Deadlines: the same local time, N working days later


def test_two_working_days_from_a_friday_evening_is_tuesday_same_time():
    deadline = add_working_days(paris(2026, 12, 4, 18, 0), 2)

    assert local(deadline) == paris(2026, 12, 8, 18, 0)
    assert deadline.tzinfo == datetime.UTC


def test_a_weekday_deadline_keeps_the_hour():
    assert local(add_working_days(paris(2026, 12, 1, 9, 30), 2)) == paris(2026, 12, 3, 9, 30)


def test_the_friday_before_easter_monday_is_due_on_wednesday():
    assert local(add_working_days(paris(2026, 4, 3, 10, 0), 2)) == paris(2026, 4, 8, 10, 0)


def test_bastille_day_on_a_tuesday_is_skipped():
    assert local(add_working_days(paris(2026, 7, 13, 15, 0), 2)) == paris(2026, 7, 16, 15, 0)


def test_first_and_eighth_of_may_on_fridays_are_skipped():
    assert local(add_working_days(paris(2026, 4, 30, 14, 0), 2)) == paris(2026, 5, 5, 14, 0)
    assert local(add_working_days(paris(2026, 5, 7, 14, 0), 2)) == paris(2026, 5, 12, 14, 0)


def test_ascension_thursday_is_skipped():
    assert local(add_working_days(paris(2026, 5, 13, 11, 0), 2)) == paris(2026, 5, 18, 11, 0)


def test_christmas_is_skipped():
    assert local(add_working_days(paris(2026, 12, 24, 9, 0), 2)) == paris(2026, 12, 29, 9, 0)


def test_new_years_day_across_the_year_boundary():
    assert local(add_working_days(paris(2026, 12, 30, 18, 0), 2)) == paris(2027, 1, 4, 18, 0)


def test_summer_time_keeps_the_wall_clock_hour_not_the_number_of_hours():
    start = paris(2026, 3, 27, 10, 0)  # Friday, UTC+1; clocks go forward on Sunday 29 March

    deadline = add_working_days(start, 2)

    assert local(deadline) == paris(2026, 3, 31, 10, 0)
    assert (deadline.hour, start.astimezone(datetime.UTC).hour) == (8, 9)  # now UTC+2


def test_winter_time_keeps_the_wall_clock_hour_too():
    deadline = add_working_days(paris(2026, 10, 23, 16, 45), 2)  # clocks go back on Sunday 25 October

    assert local(deadline) == paris(2026, 10, 27, 16, 45)
    assert deadline.hour == 15  # 16:45 in UTC+1


def test_from_a_day_off_the_next_working_day_counts_as_the_first_and_the_deadline_ends_the_last():
    saturday = add_working_days(paris(2026, 12, 5, 10, 0), 2)
    easter_monday = add_working_days(paris(2026, 4, 6, 8, 0), 1)

    assert local(saturday).date() == datetime.date(2026, 12, 8)
    assert local(saturday).strftime("%H:%M") == "23:59"
    assert local(easter_monday).date() == datetime.date(2026, 4, 7)
    assert local(easter_monday).strftime("%H:%M") == "23:59"


def test_zero_days_is_the_start_and_negative_or_naive_input_is_refused():
    start = paris(2026, 12, 5, 10, 0)

    assert add_working_days(start, 0) == start
    with pytest.raises(ValueError, match="forwards"):
        add_working_days(start, -1)
    with pytest.raises(ValueError, match="aware"):
        add_working_days(datetime.datetime(2026, 12, 4, 18, 0), 2)  # naive on purpose


# Working time: only the hours of working days count


def test_a_weekend_does_not_count_as_response_time():
    assert working_time_between(paris(2026, 12, 4, 17, 0), paris(2026, 12, 7, 9, 0)) == 16 * HOUR


def test_a_public_holiday_does_not_count_either():
    # Friday 17:00 -> Tuesday 9:00 over Easter: Friday's 7 hours and Tuesday's 9.
    assert working_time_between(paris(2026, 4, 3, 17, 0), paris(2026, 4, 7, 9, 0)) == 16 * HOUR


def test_working_time_counts_real_hours_across_a_clock_change():
    assert working_time_between(paris(2026, 3, 27, 10, 0), paris(2026, 3, 31, 10, 0)) == 48 * HOUR


def test_working_time_is_zero_backwards_and_within_a_day_off():
    assert working_time_between(paris(2026, 12, 7, 9, 0), paris(2026, 12, 4, 17, 0)) == datetime.timedelta(0)
    assert working_time_between(paris(2026, 12, 5, 9, 0), paris(2026, 12, 6, 20, 0)) == datetime.timedelta(0)


def test_a_deadline_from_a_working_day_is_exactly_n_working_days_of_working_time():
    start = paris(2026, 12, 24, 9, 0)

    assert working_time_between(start, add_working_days(start, 2)) == 48 * HOUR


def test_adding_working_time_skips_days_off():
    assert local(add_working_time(paris(2026, 12, 4, 17, 0), 16 * HOUR)) == paris(2026, 12, 7, 9, 0)
    assert local(add_working_time(paris(2026, 12, 24, 18, 0), 24 * HOUR)) == paris(2026, 12, 28, 18, 0)
    assert add_working_time(paris(2026, 12, 5, 10, 0), datetime.timedelta(0)) == paris(2026, 12, 5, 10, 0)
