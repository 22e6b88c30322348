"""Due times land in the member's working hours, in their zone, on their working days."""
from datetime import date, datetime, time, timedelta, timezone

import pytest

from services.nudges.domain.timing import WorkingTime, parse_instant, within_working_hours

UTC = timezone.utc
ZONES = ["UTC", "Europe/Berlin", "America/Los_Angeles", "Pacific/Auckland", "Asia/Kolkata", "Pacific/Chatham",
         "America/St_Johns", "Asia/Kathmandu", "Pacific/Kiritimati", "Pacific/Pago_Pago"]


def at(y, mo, d, h=0, mi=0):
    return datetime(y, mo, d, h, mi, tzinfo=UTC)


@pytest.mark.parametrize("tz", ZONES)
def test_never_outside_working_hours_in_any_zone_at_any_hour(tz):
    working = WorkingTime.of(tz)
    start = at(2026, 3, 1)  # spans the European and American DST changes of March
    for hour in range(0, 24 * 40, 5):
        moment = start + timedelta(hours=hour, minutes=17)
        due = working.due(moment)
        local = due.astimezone(working.zone)
        assert due >= moment
        assert local.isoweekday() <= 5 and time(9) <= local.time() < time(17), (tz, moment, local)
        assert due - moment < timedelta(days=4)  # at worst a long weekend away


def test_a_moment_inside_working_hours_is_due_right_then():
    moment = at(2026, 5, 6, 10, 30)  # Wednesday
    assert within_working_hours(moment, "UTC") == moment


def test_3am_local_becomes_9am_the_same_day():
    # 01:00 UTC on a Wednesday is 03:00 in Berlin (CEST): due at 09:00 Berlin = 07:00 UTC
    assert within_working_hours(at(2026, 5, 6, 1, 0), "Europe/Berlin") == at(2026, 5, 6, 7, 0)


def test_after_hours_on_friday_waits_for_monday_morning():
    friday_evening = at(2026, 5, 8, 18, 0)
    assert within_working_hours(friday_evening, "UTC") == at(2026, 5, 11, 9, 0)


def test_the_member_zone_decides_the_day_not_utc():
    # Monday 20:00 UTC is already Tuesday 08:00 in Auckland: due Tuesday 09:00 there (21:00 UTC)
    assert within_working_hours(at(2026, 5, 4, 20, 0), "Pacific/Auckland") == at(2026, 5, 4, 21, 0)
    # ...and Friday 22:00 UTC is Saturday in Auckland: due Monday 09:00 NZST
    assert within_working_hours(at(2026, 5, 8, 22, 0), "Pacific/Auckland") == at(2026, 5, 10, 21, 0)


def test_dst_spring_forward_keeps_nine_local():
    # Europe/Berlin springs forward on 2026-03-29 (Sunday): Monday 09:00 is UTC+2 = 07:00 UTC
    assert within_working_hours(at(2026, 3, 28, 12, 0), "Europe/Berlin") == at(2026, 3, 30, 7, 0)
    # the Friday before was still UTC+1: 09:00 local = 08:00 UTC
    assert within_working_hours(at(2026, 3, 27, 6, 0), "Europe/Berlin") == at(2026, 3, 27, 8, 0)


def test_half_hour_zones():
    assert within_working_hours(at(2026, 5, 6, 0, 0), "Asia/Kolkata") == at(2026, 5, 6, 3, 30)


def test_custom_hours_and_working_days_sunday_to_thursday():
    working = WorkingTime.of("Asia/Jerusalem", {"start": "08:30", "end": "16:00", "days": ["sun", "mon", "tue",
                                                                                          "wed", "thu"]})
    friday = at(2026, 5, 8, 10, 0)
    due = working.due(friday).astimezone(working.zone)
    assert due.date() == date(2026, 5, 10) and due.time() == time(8, 30)  # Sunday morning


def test_all_days_all_hours_plan_is_due_immediately():
    working = WorkingTime.of("UTC", {"start": "00:00", "end": "24:00", "days": [1, 2, 3, 4, 5, 6, 7]})
    saturday_night = at(2026, 5, 9, 23, 30)
    assert working.due(saturday_night) == saturday_night


@pytest.mark.parametrize("hours", [None, {}, {"start": "17:00", "end": "09:00"}, {"start": "nine", "end": "x"},
                                   {"start": "09:00", "end": "17:00", "days": []}, "09-17"])
def test_odd_hours_fall_back_to_nine_to_five_on_weekdays(hours):
    working = WorkingTime.of("UTC", hours)
    assert (working.start, working.end, working.days) == (time(9), time(17), (1, 2, 3, 4, 5))


@pytest.mark.parametrize("tz", [None, "", "Mars/Olympus", "../etc/passwd"])
def test_unknown_zones_read_as_utc(tz):
    assert WorkingTime.of(tz).tz == "UTC"


def test_days_and_midnights_are_local():
    working = WorkingTime.of("America/Los_Angeles")
    late = at(2026, 5, 7, 3, 0)  # Wednesday 20:00 in LA
    assert working.day(late) == date(2026, 5, 6)
    assert working.next_midnight(late) == at(2026, 5, 7, 7, 0)
    assert working.week_start(late) == date(2026, 5, 4)


def test_parse_instant_reads_strings_dates_and_naive_values_as_utc():
    assert parse_instant("2026-05-01T09:00:00.000Z") == at(2026, 5, 1, 9)
    assert parse_instant("2026-05-01T11:00:00+02:00") == at(2026, 5, 1, 9)
    assert parse_instant(datetime(2026, 5, 1, 9)) == at(2026, 5, 1, 9)
    assert parse_instant(date(2026, 5, 1)) == at(2026, 5, 1)
    assert parse_instant("not a date") is None and parse_instant(None) is None
