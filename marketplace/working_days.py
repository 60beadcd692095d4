"""French working days: when an answer is due, and how much working time an answer took.

The platform asks both sides to answer within a number of working days (invitations to quote,
questions in a conversation). Working days are those of Europe/Paris: Saturdays, Sundays and the
eleven national public holidays do not count. Alsace-Moselle's two extra holidays (Good Friday and
26 December) are deliberately not applied: a deadline binds two organisations that may be in
different regions, so it follows the calendar they share.

Two ways of counting, used together:

- `add_working_days(start, n)` gives a deadline: the same local time, n working days later
  (Friday 18:00 + 2 -> Tuesday 18:00; the Friday before Easter -> Wednesday). What people read is a
  wall-clock time, so a change to or from summer time keeps the hour ("avant mardi à 18:00"),
  not the number of hours. When the clock starts on a day off (a question sent on Saturday), it
  starts with the next working day, which counts as the first, and the deadline is the end of the
  n-th working day (23:59:59.999999 local time): Saturday + 2 -> Tuesday 23:59.
- `working_time_between(start, end)` and `add_working_time(start, duration)` measure working
  time: the time elapsed on working days only, in real hours (a day off counts for nothing, a
  working day for its 24 hours). Response times are given in these "working hours", so a question
  asked on Friday evening and answered on Monday morning did not take a whole weekend.

Every datetime taken or returned is aware; results are in UTC, as the database stores them.
"""

import datetime
import functools
import zoneinfo

from django.utils.translation import gettext_lazy as _

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
UTC = datetime.UTC
_DAY = datetime.timedelta(days=1)


def easter_sunday(year: int) -> datetime.date:
    """Easter Sunday of the Gregorian calendar, by the computus (the Meeus/Jones/Butcher algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


@functools.cache
def french_public_holidays(year: int) -> dict[datetime.date, str]:
    """The eleven national public holidays of a year, by date, with their French names."""
    easter = easter_sunday(year)
    return {
        datetime.date(year, 1, 1): _("Jour de l'an"),
        easter + datetime.timedelta(days=1): _("Lundi de Pâques"),
        datetime.date(year, 5, 1): _("Fête du Travail"),
        datetime.date(year, 5, 8): _("Victoire 1945"),
        easter + datetime.timedelta(days=39): _("Ascension"),
        easter + datetime.timedelta(days=50): _("Lundi de Pentecôte"),
        datetime.date(year, 7, 14): _("Fête nationale"),
        datetime.date(year, 8, 15): _("Assomption"),
        datetime.date(year, 11, 1): _("Toussaint"),
        datetime.date(year, 11, 11): _("Armistice 1918"),
        datetime.date(year, 12, 25): _("Noël"),
    }


def is_public_holiday(day: datetime.date) -> bool:
    return day in french_public_holidays(day.year)


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday, unless a national public holiday."""
    return day.weekday() < 5 and not is_public_holiday(day)


def next_working_day(day: datetime.date) -> datetime.date:
    """The first working day strictly after `day`."""
    day += _DAY
    while not is_working_day(day):
        day += _DAY
    return day


def _local(moment: datetime.datetime) -> datetime.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("Working-day arithmetic needs an aware datetime.")
    return moment.astimezone(PARIS)


def _midnight(day: datetime.date) -> datetime.datetime:
    """The start of a day in Paris, in UTC (midnight always exists there: clocks change at 2 or 3 am)."""
    return datetime.datetime.combine(day, datetime.time(0), tzinfo=PARIS).astimezone(UTC)


def add_working_days(start: datetime.datetime, days: int) -> datetime.datetime:
    """The deadline `days` working days after `start`: the same local time that many working days later.

    From a day off, the next working day is the first one and the deadline is the end of the
    `days`-th (see the module's docstring). Zero days is `start` itself.
    """
    if days < 0:
        raise ValueError("A deadline is counted forwards: days must be zero or more.")
    local = _local(start)
    if days == 0:
        return local.astimezone(UTC)
    day = local.date()
    if is_working_day(day):
        for _step in range(days):
            day = next_working_day(day)
        # Clocks change on Sundays at night, never on a working day: this local time exists, once.
        return datetime.datetime.combine(day, local.time(), tzinfo=PARIS).astimezone(UTC)
    day = next_working_day(day)
    for _step in range(days - 1):
        day = next_working_day(day)
    return datetime.datetime.combine(day, datetime.time.max, tzinfo=PARIS).astimezone(UTC)


def working_time_between(start: datetime.datetime, end: datetime.datetime) -> datetime.timedelta:
    """The time elapsed between two moments on working days only (zero if `end` is not after `start`)."""
    start, end = _local(start).astimezone(UTC), _local(end).astimezone(UTC)
    if end <= start:
        return datetime.timedelta(0)
    total = datetime.timedelta(0)
    day = start.astimezone(PARIS).date()
    last = end.astimezone(PARIS).date()
    while day <= last:
        if is_working_day(day):
            total += min(end, _midnight(day + _DAY)) - max(start, _midnight(day))
        day += _DAY
    return total


def add_working_time(start: datetime.datetime, duration: datetime.timedelta) -> datetime.datetime:
    """The first moment at which `duration` of working time has elapsed since `start`."""
    if duration < datetime.timedelta(0):
        raise ValueError("Working time is added forwards: the duration must be zero or more.")
    moment = _local(start).astimezone(UTC)
    if not duration:
        return moment
    remaining = duration
    day = moment.astimezone(PARIS).date()
    while True:
        if is_working_day(day):
            available = _midnight(day + _DAY) - moment
            if remaining <= available:
                return moment + remaining
            remaining -= available
        day += _DAY
        moment = _midnight(day)
