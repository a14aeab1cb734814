# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shape of a LifeTime answer: its keys, value kinds and date forms, never its values.

``shape(value)`` turns any decoded JSON into a structure of the same form whose leaves are
kinds: ``string``, ``integer``, ``number``, ``boolean``, ``null``, and for dates ``date``
(``Z`` with 0 to 3 fraction digits, trailing zeros dropped, as LifeTime writes them),
``null-date`` (``1900-01-01T00:00:00``, OutSystems' "not set") or ``date(<what differs>)``.
A list becomes a one-item list holding the merged shape of its items (a key missing from
some items ends in ``?``), or ``[]`` when empty. ``answer_shape(status, body)`` adds the
status and tells JSON from bare text and empty bodies. ``differences(documented, actual)``
lists where two shapes differ, as ``path: what``. A shape holds no names, keys or values,
so it can be shared in a bug report.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

NULL_DATE = "1900-01-01T00:00:00"
DATE_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(?P<fraction>\.\d*)?(?P<zone>Z|z|[+-]\d{2}:?\d{2})?$")
OPTIONAL = "?"
EMPTY_BODY = "empty"
TEXT_BODY = "text"
EMPTY_LIST = "an empty list where the documentation shows items"


def date_form(text):
    """``date``, ``null-date`` or ``date(<what differs>)`` for a date-like string, else None."""
    if text == NULL_DATE:
        return "null-date"
    match = DATE_LIKE.match(text)
    if not match:
        return None
    problems = []
    zone = match.group("zone")
    if not zone:
        problems.append("no zone")
    elif zone != "Z":
        problems.append("zone %s" % ("z" if zone == "z" else "offset"))
    fraction = (match.group("fraction") or ".")[1:]
    if len(fraction) > 3:
        problems.append("%d fraction digits" % len(fraction))
    elif fraction.endswith("0") or match.group("fraction") == ".":
        problems.append("trailing zero" if fraction else "empty fraction")
    if text.startswith("1900-01-01") and not problems:
        problems.append("null date with a zone")
    elif text.startswith("1900-01-01"):
        problems.append("null date written differently")
    if not problems:
        return "date"
    return "date(%s)" % ", ".join(problems)


def shape(value):
    """The shape of a decoded JSON value (see the module documentation)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return date_form(value) or "string"
    if isinstance(value, dict):
        return dict((str(key), shape(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        merged = None
        for index, item in enumerate(value):
            merged = shape(item) if index == 0 else merge(merged, shape(item))
        return [] if merged is None else [merged]
    return type(value).__name__


def answer_shape(status, body, is_text=False):
    """The shape of one answer: {"status", "body"}; body ``empty``, ``text`` (bare text) or a JSON shape."""
    if body is None or (is_text and body == ""):
        form = EMPTY_BODY
    elif is_text:
        form = TEXT_BODY
    else:
        form = shape(body)
    return {"status": status, "body": form}


def plain_key(key):
    return key[:-len(OPTIONAL)] if key.endswith(OPTIONAL) else key


def merge(one, other):
    """One shape that covers both (keys present in only one become optional; kinds are joined with |)."""
    if one == other:
        return one
    if isinstance(one, dict) and isinstance(other, dict):
        first = dict((plain_key(key), (key, value)) for key, value in one.items())
        second = dict((plain_key(key), (key, value)) for key, value in other.items())
        merged = {}
        for name in list(first) + [name for name in second if name not in first]:
            if name in first and name in second:
                optional = first[name][0].endswith(OPTIONAL) or second[name][0].endswith(OPTIONAL)
                merged[name + (OPTIONAL if optional else "")] = merge(first[name][1], second[name][1])
            else:
                merged[name + OPTIONAL] = (first.get(name) or second.get(name))[1]
        return merged
    if isinstance(one, list) and isinstance(other, list):
        if not one or not other:
            return one or other
        return [merge(one[0], other[0])]
    kinds = set(kind_names(one)) | set(kind_names(other))
    return "|".join(sorted(kinds))


def kind_names(value):
    if isinstance(value, dict):
        return ["object"]
    if isinstance(value, list):
        return ["list"]
    return str(value).split("|")


def describe(value):
    """A short word for a shape, for messages."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return value


def differences(documented, actual, path="$", reference=None, strict_lists=True):
    """Where ``actual`` differs from ``documented``, as a sorted list of ``path: what`` lines.

    An empty documented list shows no items: the actual items are then compared with
    ``reference`` (the same place in another documented answer), when given. A key that is
    optional (``?``) in the documented shape may be absent; a required one must be in every
    actual item; a key the documentation does not show is a difference. An empty actual list where
    the documentation shows items is a difference only with ``strict_lists`` (the same state as the
    page's example is expected).
    """
    found = []
    _compare(documented, actual, path, reference, found)
    if not strict_lists:
        found = [line for line in found if not line.endswith(EMPTY_LIST)]
    return sorted(found)


def _compare(documented, actual, path, reference, found):
    if isinstance(documented, dict) and isinstance(actual, dict):
        _compare_objects(documented, actual, path, reference if isinstance(reference, dict) else None, found)
    elif isinstance(documented, list) and isinstance(actual, list):
        item_reference = reference[0] if isinstance(reference, list) and reference else None
        if not documented:
            if actual and item_reference is not None:
                _compare(item_reference, actual[0], path + "[]", None, found)
        elif not actual:
            found.append("%s: %s" % (path, EMPTY_LIST))
        else:
            _compare(documented[0], actual[0], path + "[]", item_reference, found)
    elif documented != actual and not _kinds_covered(documented, actual):
        found.append("%s: documented %s, got %s" % (path, describe(documented), describe(actual)))


def _kinds_covered(documented, actual):
    """True when every kind ``actual`` takes is one the documentation shows for that place."""
    if isinstance(documented, (dict, list)) or isinstance(actual, (dict, list)):
        return False
    return set(kind_names(actual)) <= set(kind_names(documented))


def _compare_objects(documented, actual, path, reference, found):
    wanted = dict((plain_key(key), key) for key in documented)
    got = dict((plain_key(key), key) for key in actual)
    references = dict((plain_key(key), value) for key, value in (reference or {}).items())
    for name in sorted(wanted):
        where = "%s.%s" % (path, name)
        if name not in got:
            if not wanted[name].endswith(OPTIONAL):
                found.append("%s: missing (documented as %s)" % (where, describe(documented[wanted[name]])))
            continue
        if got[name].endswith(OPTIONAL) and not wanted[name].endswith(OPTIONAL):
            found.append("%s: missing from some items (documented in every one)" % where)
        _compare(documented[wanted[name]], actual[got[name]], where, references.get(name), found)
    for name in sorted(set(got) - set(wanted)):
        found.append("%s: not documented (got %s)" % ("%s.%s" % (path, name), describe(actual[got[name]])))
