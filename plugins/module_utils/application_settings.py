# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the application module reads and decides: the application by name, its color, and whether deployments to
each environment are blocked (the application's configurations)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, record_key, record_name

DEFAULT_COLOR = "#1068EB"
COLOR = re.compile(r"^#?([0-9A-Fa-f]{6})$")


def find_application(module, name):
    wanted = name.strip()
    for app in module.lookups.applications():
        if (record_key(app) or "").lower() == wanted.lower() or record_name(app) == wanted:
            return app
    for app in module.lookups.applications():
        if (record_name(app) or "").lower() == wanted.lower():
            return app
    return None


def color_of(text):
    if text is None:
        return DEFAULT_COLOR
    match = COLOR.match(text.strip())
    if not match:
        raise ValueError("color '%s' is not valid: use a hexadecimal color such as #1068EB" % text)
    return "#" + match.group(1).upper()


def desired_configurations(module):
    """[(environment record, blocked, reason)] for each entry of the configurations option."""
    wanted = []
    seen = {}
    for entry in module.params["configurations"] or []:
        environment = module.lookups.environment(entry["environment"])
        key = record_key(environment)
        if key in seen and seen[key] != entry["blocked"]:
            raise ValueError("configurations: environment '%s' is listed twice with different values of blocked" % record_name(environment))
        seen[key] = entry["blocked"]
        wanted.append((environment, entry["blocked"], entry["reason"] or ""))
    return wanted


def current_configurations(module, app_key):
    body = module.client.get(endpoints.path(endpoints.APPLICATION_CONFIGURATIONS, application_key=app_key)) if app_key else None
    items = field(body, "configurations", "Configurations") if isinstance(body, dict) else body
    current = {}
    for item in items or []:
        env_key = field(item, "environmentKey", "EnvironmentKey")
        if env_key:
            current[env_key.lower()] = {"environmentKey": env_key, "isBlocked": bool(field(item, "isBlocked", "IsBlocked")),
                                        "isBlockedChangeReason": field(item, "isBlockedChangeReason", "IsBlockedChangeReason") or ""}
    return current


def named(configurations, environments):
    names = dict(((record_key(env) or "").lower(), record_name(env)) for env in environments)
    result = []
    for item in configurations:
        entry = dict(item)
        entry["environment"] = names.get(item["environmentKey"].lower(), item["environmentKey"])
        result.append(entry)
    return sorted(result, key=lambda entry: entry["environment"])
