# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Name-or-key resolution of LifeTime records, one list call per kind and run."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import difflib

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeLookupError
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import record_key, record_name

NAMES_SHOWN = 25


def pick(kind, records, wanted, where=""):
    """The record whose key or name is ``wanted``; a LifetimeLookupError naming the valid names otherwise."""
    if isinstance(wanted, dict):
        return wanted
    text = str(wanted).strip()
    lowered = text.lower()
    for record in records:
        key = record_key(record)
        if key and key.lower() == lowered:
            return record
    for record in records:
        if text in names_of(record):
            return record
    matches = [record for record in records if lowered in [name.lower() for name in names_of(record)]]
    if len(matches) == 1:
        return matches[0]
    raise not_found(kind, text, [names_of(record)[0] for record in records if names_of(record)], where)


def names_of(record):
    """The names a record answers to: a user's username first, then its name."""
    names = []
    for name in ("Username", "username", "Name", "name"):
        if record.get(name):
            names.append(record[name])
    return names


def valid_names(kind, names):
    """The sentence listing the valid names of a kind (the first NAMES_SHOWN), or saying there are none."""
    names = sorted(set(name for name in names if name), key=lambda name: name.lower())
    if not names:
        return "There are none."
    shown = ", ".join(names[:NAMES_SHOWN])
    if len(names) > NAMES_SHOWN:
        shown += " and %d more" % (len(names) - NAMES_SHOWN)
    return "Valid %s names: %s." % (kind, shown)


def closest_name(wanted, names):
    """The name closest to ``wanted`` (by spelling, else the first that contains it), or None."""
    names = sorted(set(name for name in names if name), key=lambda name: name.lower())
    close = difflib.get_close_matches(wanted, names, n=1, cutoff=0.5)
    if not close:
        close = [name for name in names if wanted.lower() in name.lower()][:1]
    return close[0] if close else None


def not_found(kind, wanted, names, where=""):
    message = "%s '%s' not found%s. %s" % (kind, wanted, where, valid_names(kind, names))
    close = closest_name(wanted, names)
    if close:
        message += " Did you mean '%s'?" % close
    return LifetimeLookupError(message, kind=kind, wanted=wanted)


class Lookups:
    """Cached lists of LifeTime records and name-or-key resolution over them."""

    def __init__(self, client):
        self.client = client
        self._cache = {}

    def records(self, path, params=None):
        """A list endpoint's records, fetched once per run for the same path and parameters."""
        cache_key = (path, tuple(sorted((params or {}).items())))
        if cache_key not in self._cache:
            self._cache[cache_key] = self.client.get_list(path, params=params)
        return self._cache[cache_key]

    def forget(self, path=None):
        """Drop cached lists (all, or those of one path) after a change."""
        if path is None:
            self._cache.clear()
            return
        for cache_key in [cache_key for cache_key in self._cache if cache_key[0] == path]:
            del self._cache[cache_key]

    def environments(self):
        return self.records(endpoints.ENVIRONMENTS)

    def environment(self, wanted):
        return pick("environment", self.environments(), wanted)

    def applications(self, env_status=False, modules=False):
        params = {}
        if env_status or modules:
            # LifeTime answers 400 to IncludeModules without IncludeEnvStatus (the modules come in the statuses).
            params["IncludeEnvStatus"] = True
        if modules:
            params["IncludeModules"] = True
        return self.records(endpoints.APPLICATIONS, params or None)

    def application(self, wanted, env_status=False, modules=False):
        return pick("application", self.applications(env_status=env_status, modules=modules), wanted)

    def running_applications(self, environment, modules=False):
        env = self.environment(environment)
        params = {"IncludeEnvStatus": True}
        if modules:
            params["IncludeModules"] = True
        return self.records(endpoints.path(endpoints.ENVIRONMENT_APPLICATIONS, environment_key=record_key(env)), params)

    def modules(self):
        return self.records(endpoints.MODULES)

    def module(self, wanted):
        return pick("module", self.modules(), wanted)

    def deployment_zones(self, environment):
        env = self.environment(environment)
        return self.records(endpoints.path(endpoints.DEPLOYMENT_ZONES, environment_key=record_key(env)))

    def deployment_zone(self, environment, wanted):
        env = self.environment(environment)
        return pick("deployment zone", self.deployment_zones(env), wanted, " in environment '%s'" % record_name(env))

    def templates(self, environment):
        env = self.environment(environment)
        return self.records(endpoints.path(endpoints.ENVIRONMENT_TEMPLATES, environment_key=record_key(env)))

    def template(self, environment, wanted):
        env = self.environment(environment)
        return pick("template", self.templates(env), wanted, " in environment '%s'" % record_name(env))

    def users(self):
        return self.records(endpoints.USERS)

    def user(self, wanted):
        return pick("user", self.users(), wanted)

    def teams(self):
        return self.records(endpoints.TEAMS)

    def team(self, wanted):
        return pick("team", self.teams(), wanted)

    def roles(self):
        return self.records(endpoints.ROLES)

    def role(self, wanted):
        return pick("role", self.roles(), wanted)
