# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Small pure helpers: LifeTime records to snake_case, and version strings compared as numbers."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

_ACRONYM_WORD = re.compile(r"([A-Z]+)([A-Z][a-z])")
_WORD = re.compile(r"([a-z0-9])([A-Z])")
VERSION_PATTERN = re.compile(r"^\d+\.\d+(\.\d+)?$")
BUMPS = ("patch", "minor", "major")


def snake_name(name):
    """``OSVersion`` -> ``os_version``, ``DetailsURL`` -> ``details_url``, ``expiresAt`` -> ``expires_at``."""
    name = _ACRONYM_WORD.sub(r"\1_\2", name)
    name = _WORD.sub(r"\1_\2", name)
    return name.replace("-", "_").lower()


def to_snake(value):
    """A LifeTime record (or list of them) with every key in snake_case, recursively."""
    if isinstance(value, dict):
        return dict((snake_name(key), to_snake(item)) for key, item in value.items())
    if isinstance(value, list):
        return [to_snake(item) for item in value]
    return value


def field(record, *names):
    """The first present value among several spellings of a field (LifeTime mixes Key and key)."""
    for name in names:
        if name in record and record[name] is not None:
            return record[name]
    return None


def record_key(record):
    return field(record, "Key", "key")


def record_name(record):
    return field(record, "Name", "name", "Username", "username")


def is_version(text):
    return isinstance(text, str) and bool(VERSION_PATTERN.match(text.strip()))


def parse_version(text):
    """``'1.10.2'`` -> ``(1, 10, 2)``; ``'1.2'`` -> ``(1, 2, 0)``. ValueError names a malformed one."""
    if not is_version(text):
        raise ValueError("version '%s' is not valid: use Major.Minor or Major.Minor.Revision, for example 1.4 or 1.4.2" % (text,))
    parts = [int(part) for part in text.strip().split(".")]
    while len(parts) < 3:
        parts.append(0)
    return tuple(parts)


def highest_version(versions):
    """The highest of several version strings, compared numerically; malformed ones are ignored."""
    valid = [version for version in versions if is_version(version)]
    if not valid:
        return None
    return max(valid, key=parse_version)


def next_version(versions, bump="patch"):
    """The next version after the highest of ``versions`` (``1.0.0`` when there is none)."""
    if bump not in BUMPS:
        raise ValueError("bump '%s' is not valid: use one of %s" % (bump, ", ".join(BUMPS)))
    highest = highest_version(versions)
    if highest is None:
        return "1.0.0"
    major, minor, patch = parse_version(highest)
    if bump == "major":
        return "%d.0.0" % (major + 1)
    if bump == "minor":
        return "%d.%d.0" % (major, minor + 1)
    return "%d.%d.%d" % (major, minor, patch + 1)
