# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one date parser of the collection, for the dates LifeTime sends.

OutSystems has no null: a date never set is ``1900-01-01T00:00:00`` (no zone). Real dates end in
``Z`` with 0 to 3 fraction digits (``2018-10-10T15:36:38.26Z``, ``2024-04-05T10:31:19Z``). Every
date is parsed here into a timezone-aware UTC datetime (a zone-less real date is taken as UTC), so
naive and aware datetimes are never mixed. Parsed by hand: ``datetime.fromisoformat`` before
Python 3.11 takes neither ``Z`` nor 1 or 2 fraction digits.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
from datetime import datetime, timedelta, timezone

NOT_SET_DAY = "1900-01-01"
EARLIEST = datetime.min.replace(tzinfo=timezone.utc)
_DATE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$")


def is_not_set(value):
    """True for LifeTime's "never": an empty value or any form of 1900-01-01."""
    if value is None:
        return True
    text = str(value).strip()
    return not text or text.startswith(NOT_SET_DAY)


def parse_date(value):
    """A LifeTime date as an aware UTC datetime; None when it is not set. ValueError names a malformed one."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if is_not_set(value):
        return None
    text = str(value).strip()
    match = _DATE.match(text)
    if not match:
        raise ValueError("'%s' is not a date LifeTime sends (such as 2024-04-05T10:31:19.4Z)" % text)
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    try:
        moment = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0), micro)
    except ValueError:
        raise ValueError("'%s' is not a valid date" % text)
    return moment.replace(tzinfo=_zone(zone)).astimezone(timezone.utc)


def _zone(text):
    if not text or text in ("Z", "z"):
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
    return timezone(sign * offset)


def date_or_none(value):
    """A date for a result: what the server sent, or None when it is LifeTime's "not set"."""
    return None if is_not_set(value) else value


def date_sort_key(value):
    """A key that orders LifeTime dates in time (as text, ``…21Z`` would sort after ``…21.45Z``); unset or malformed first."""
    try:
        return parse_date(value) or EARLIEST
    except ValueError:
        return EARLIEST


def seconds_between(start, end):
    """Seconds from ``start`` to ``end`` (LifeTime dates), rounded to 0.1; None when either is unset or malformed."""
    try:
        first, last = parse_date(start), parse_date(end)
    except ValueError:
        return None
    if first is None or last is None:
        return None
    return round((last - first).total_seconds(), 1)


def without_unset_dates(record):
    """A record (or list) with every "not set" date field (``…On``/``…_on``, ``Instant``) as None, recursively."""
    if isinstance(record, list):
        return [without_unset_dates(item) for item in record]
    if not isinstance(record, dict):
        return record
    cleaned = {}
    for name, value in record.items():
        if isinstance(value, (dict, list)):
            value = without_unset_dates(value)
        elif isinstance(value, str) and _is_date_field(name) and is_not_set(value):
            value = None
        cleaned[name] = value
    return cleaned


def _is_date_field(name):
    return name.endswith("On") or name.lower().endswith("_on") or name.lower() == "instant"
