# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the access modules (users, teams, roles, DB connections) share: permission levels by
label, membership lists brought to match, and the write-only secret options."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

try:
    from urllib.parse import quote
except ImportError:  # pragma: no cover - Python 2 is not supported
    from urllib import quote

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.client import extract_key
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeApiError, LifetimeLookupError
from ansible_collections.outsystems.lifetime.plugins.module_utils.lookups import not_found
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, record_key, record_name

UPDATE_PASSWORD_CHOICES = ["on_create", "always"]


def label_of(level):
    return field(level, "levelLabel", "LevelLabel", "Label", "label")


def unwrap(records, wrapper):
    """Records that LifeTime wraps one level deep (``[{"DbConnectionPermissionLevel": {...}}]``) unwrapped."""
    if isinstance(records, dict):
        records = [records]
    result = []
    for record in records or []:
        if isinstance(record, dict) and isinstance(record.get(wrapper), dict):
            record = record[wrapper]
        result.append(record)
    return result


def pick_level(kind, levels, wanted, labels=("levelLabel", "Label", "ShortLabel")):
    """The permission level whose label (or short label) is ``wanted``, case-insensitively.

    An unknown label fails naming every valid label.
    """
    text = str(wanted).strip().lower()
    for level in levels:
        for name in labels:
            value = level.get(name)
            if isinstance(value, str) and value.strip().lower() == text:
                return level
    valid = []
    for level in levels:
        for name in labels:
            value = level.get(name)
            if isinstance(value, str) and value and value not in valid:
                valid.append(value)
    raise LifetimeLookupError("%s '%s' not found. Valid %ss: %s." % (kind, wanted, kind, ", ".join(valid) or "none"),
                              kind=kind, wanted=wanted)


def plan_membership(current, desired, append):
    """What to add or change and what to remove so that ``current`` matches ``desired``.

    Both are dicts key -> value (value may be None when only presence matters). Returns
    (changes: dict key -> value to set, removals: list of keys). With ``append`` nothing is removed.
    """
    changes = dict((key, value) for key, value in desired.items() if key not in current or current[key] != value)
    removals = [] if append else [key for key in current if key not in desired]
    return changes, removals


def get_or_none(client, path, params=None):
    """GET a record, or None when LifeTime answers 404 or nothing (the record is not there)."""
    try:
        body = client.get(path, params=params)
    except LifetimeApiError as exc:
        if exc.status == 404:
            return None
        raise
    return body or None


def create_record(module, path, body, kind, name, list_params, *names):
    """POST a new record to the list ``path`` and return its key.

    The key is read from the answer (plain text, a JSON string or an object); when LifeTime answers none, the list is
    read again (with ``list_params``) and the record found by ``name`` in the fields ``names``.
    """
    key = extract_key(module.client.post(path, body=body))
    if not key:
        module.lookups.forget(path)
        created = find(module.lookups.records(path, list_params), name, *names)
        key = record_key(created) if created else None
    if not key:
        raise ValueError("LifeTime created %s '%s' but did not return its key" % (kind, name))
    return key


def sorted_by(records, *names):
    """Records sorted by the first present of several fields, case-insensitively (stable diffs)."""
    return sorted(records, key=lambda record: str(field(record, *names) or "").lower())


def find(records, wanted, *names):
    """The record whose key, or one of ``names`` (case-insensitively), is ``wanted``; None when there is none."""
    text = str(wanted).strip().lower()
    for record in records:
        if str(field(record, "Key", "key") or "").lower() == text:
            return record
    for record in records:
        for name in names:
            value = record.get(name)
            if isinstance(value, str) and value.strip().lower() == text:
                return record
    return None


def pick_user(module, wanted):
    """The user whose key or username is ``wanted`` (Lookups.user matches full names); fails naming the usernames."""
    users = module.lookups.users()
    found = find(users, wanted, "Username", "username")
    if found is None:
        raise not_found("user", str(wanted), [field(user, "Username", "username") for user in users])
    return found


# ---- database connections ------------------------------------------------------------------

LEVEL_WRAPPER = "DbConnectionPermissionLevel"


def db_levels(module):
    levels = unwrap(module.lookups.records(endpoints.DB_PERMISSION_LEVELS), LEVEL_WRAPPER)
    return sorted(levels, key=lambda level: field(level, "Level", "level") or 0)


def level_value(level):
    return field(level, "Level", "level")


def level_label(levels, value):
    for level in levels:
        if level_value(level) == value:
            return field(level, "Label", "label")
    return str(value)


def connection_ref(env_key, name):
    """The two keys of every DB connection path: the environment key and the quoted connection name."""
    return {"environment_key": env_key, "connection_key": quote(name, safe="")}


def current_permissions(module, ref, kind, records, name_of):
    """subject key -> permission level value, for every role or user (LifeTime lists them one at a time)."""
    levels = {}
    for record in records:
        subject = quote(name_of(record), safe="")
        if kind == "role":
            answer = module.client.get(endpoints.path(endpoints.DB_CONNECTION_ROLE_LEVEL_OF, role_name=subject, **ref))
        else:
            answer = module.client.get(endpoints.path(endpoints.DB_CONNECTION_USER_LEVEL_OF, username=subject, **ref))
        if isinstance(answer, dict):
            levels[record_key(record)] = level_value(answer)
    return levels


def permission_list(levels, current, records, label, lowest):
    names = dict((record_key(record), record_name(record)) for record in records)
    return sorted(({label: names.get(key, key), "permission_level": level_label(levels, value)}
                   for key, value in current.items() if value != lowest), key=lambda item: str(item[label]).lower())
