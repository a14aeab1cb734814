# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Release manifests: the collection's own and OutSystems' Trigger Pipeline manifest, read into one shape.

The two formats hold the same facts under different field names (the tables below), so one reader serves both:

- the collection's manifest (YAML or JSON): a list of applications, or a mapping with ``applications``
  (``name``, ``key``, ``version``, ``version_key``, ``from_version``, ``from_version_key``, ``is_test_application``,
  ``change_log``, ``deployment_zone``), and optionally ``environments`` (``key``, ``name``, ``label``),
  ``configuration_items`` (``module_key``, ``module_name``, ``key``, ``name``, ``type``, ``secret``, ``values`` of
  ``environment_key``, ``environment_name``, ``value``) and ``notes``. ``secret: true`` marks an item whose values must
  never be shown; ``type`` is site_property, rest_endpoint, soap_endpoint or timer_schedule (the Trigger spelling works too);
- the Trigger Pipeline manifest (JSON): ``ApplicationVersions``, ``ConfigurationItems`` with ``Values`` per
  environment, ``EnvironmentDefinitions`` with labels and ``DeploymentNotes`` (tests/contract/trigger-manifest.md).

Normalized, the item ``type`` is the collection's name (site_property, ...), and absent facts are None or False.

The Trigger format has no secret flag and no previous version: the collection writes ``IsSecret``,
``FromVersionNumber`` and ``FromVersionKey`` there too (OutSystems' pipeline reads named fields and ignores them)
and reads them back. Problems never quote a configuration value: it may be a secret.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible.module_utils.common.yaml import HAS_YAML, yaml_load

# configuration item types: the collection's name (as module configuration_value takes it) -> the Trigger manifest's
CONFIGURATION_TYPES = {"site_property": "SiteProperty", "rest_endpoint": "REST_Endpoint", "soap_endpoint": "SOAP_Endpoint",
                       "timer_schedule": "TimerSchedule"}

# normalized name -> field name in each format
SECTIONS = {
    "collection": {"applications": "applications", "configuration_items": "configuration_items",
                   "environments": "environments", "notes": "notes"},
    "trigger": {"applications": "ApplicationVersions", "configuration_items": "ConfigurationItems",
                "environments": "EnvironmentDefinitions", "notes": "DeploymentNotes"},
}
APPLICATION_FIELDS = {
    "collection": {"name": "name", "key": "key", "version": "version", "version_key": "version_key",
                   "from_version": "from_version", "from_version_key": "from_version_key",
                   "is_test_application": "is_test_application", "change_log": "change_log",
                   "deployment_zone": "deployment_zone"},
    "trigger": {"name": "ApplicationName", "key": "ApplicationKey", "version": "VersionNumber", "version_key": "VersionKey",
                "from_version": "FromVersionNumber", "from_version_key": "FromVersionKey",
                "is_test_application": "IsTestApplication", "change_log": "ChangeLog",
                "deployment_zone": "DeploymentZoneName"},
}
ENVIRONMENT_FIELDS = {
    "collection": {"key": "key", "name": "name", "label": "label"},
    "trigger": {"key": "EnvironmentKey", "name": "EnvironmentName", "label": "EnvironmentLabel"},
}
ITEM_FIELDS = {
    "collection": {"module_key": "module_key", "module_name": "module_name", "key": "key", "name": "name",
                   "type": "type", "secret": "secret", "values": "values"},
    "trigger": {"module_key": "ModuleKey", "module_name": "ModuleName", "key": "ConfigurationItemKey",
                "name": "ConfigurationItemName", "type": "ConfigurationItemType", "secret": "IsSecret", "values": "Values"},
}
VALUE_FIELDS = {
    "collection": {"environment_key": "environment_key", "environment_name": "environment_name", "value": "value"},
    "trigger": {"environment_key": "EnvironmentKey", "environment_name": "EnvironmentName", "value": "TargetValue"},
}
FLAGS = ("is_test_application", "secret")
VERSIONS = ("version", "from_version")


def load_manifest(text, origin):
    """The manifest in ``text`` (YAML or JSON, either format) in the normalized shape, with every problem found.

    Never raises for the content: each problem names ``origin`` (the file name), the entry and the field.
    """
    manifest = {"format": None, "applications": [], "configuration_items": [], "environments": [], "notes": None, "problems": []}
    problems = manifest["problems"]
    where = "manifest '%s'" % origin
    data = _parse(text, where, problems)
    if problems:
        return manifest
    if isinstance(data, list):
        data = {"applications": data}
    trigger = isinstance(data, dict) and any(field in data for field in SECTIONS["trigger"].values())
    if not isinstance(data, dict) or not (trigger or "applications" in data):
        problems.append("%s holds no list of applications: the collection's manifest has 'applications' (or is a list),"
                        " a Trigger Pipeline manifest has 'ApplicationVersions'" % where)
        return manifest
    fmt = manifest["format"] = "trigger" if trigger else "collection"
    sections = SECTIONS[fmt]
    if fmt == "trigger" and sections["applications"] not in data:
        problems.append("%s: ApplicationVersions is missing (give [] for none)" % where)
    # environments first: the configuration values are checked against them
    for section, fields, check in (("environments", ENVIRONMENT_FIELDS, _check_environment),
                                   ("applications", APPLICATION_FIELDS, _check_application),
                                   ("configuration_items", ITEM_FIELDS, _check_item)):
        for place, entry in _entries(data, sections[section], fields[fmt], where, problems):
            record = _record(entry, fields[fmt], place, problems)
            check(place, entry, record, fmt, manifest, problems)
            manifest[section].append(record)
    manifest["notes"] = _text(data, sections["notes"], where, problems, value=True)
    return manifest


def environment_for(manifest, asked):
    """The environment definition whose label, name or key (in that order) is ``asked``; None when none is."""
    asked = str(asked or "").strip()
    for field in ("label", "name", "key"):
        for environment in manifest.get("environments") or []:
            known = environment.get(field)
            if known and (known == asked or (field == "key" and known.lower() == asked.lower())):
                return environment
    return None


def configuration_for(manifest, environment_key, environment_name=None):
    """The configuration items with a value for that environment, one value each.

    A value matches by environment key, or by name when the manifest gave no key for it. Each item is the item's
    fields without ``values`` and with ``environment_key``, ``environment_name`` and ``value``.
    """
    wanted_key = str(environment_key or "").lower()
    chosen = []
    for item in manifest.get("configuration_items") or []:
        for value in item["values"]:
            key = (value["environment_key"] or "").lower()
            if (key and key == wanted_key) or (not key and environment_name and value["environment_name"] == environment_name):
                one = dict((field, item[field]) for field in item if field != "values")
                one.update(value)
                chosen.append(one)
                break
    return chosen


def trigger_manifest(applications, environments, configuration_items, notes):
    """A Trigger Pipeline manifest (a dict ready for JSON) of records in the normalized shape.

    The applications' standard fields are always written (OutSystems' pipeline reads them without defaults); the
    collection's own fields (previous version, secret flag) only when set.
    """
    fields = APPLICATION_FIELDS["trigger"]
    written = []
    for app in applications:
        entry = {}
        for name in ("key", "name", "version_key", "version", "is_test_application", "change_log", "deployment_zone"):
            entry[fields[name]] = bool(app.get(name)) if name == "is_test_application" else app.get(name)
        for name in ("from_version", "from_version_key"):
            if app.get(name):
                entry[fields[name]] = app[name]
        written.append(entry)
    result = {"ApplicationVersions": written,
              "EnvironmentDefinitions": [{"EnvironmentKey": env.get("key"), "EnvironmentName": env.get("name"),
                                          "EnvironmentLabel": env.get("label") or env.get("name")} for env in environments]}
    if configuration_items:
        result["ConfigurationItems"] = [_trigger_item(item) for item in configuration_items]
    result["DeploymentNotes"] = notes
    return result


def _trigger_item(item):
    fields = ITEM_FIELDS["trigger"]
    entry = dict((fields[name], item.get(name)) for name in ("module_key", "module_name", "key", "name"))
    entry[fields["type"]] = CONFIGURATION_TYPES.get(item.get("type"), item.get("type"))
    if item.get("secret"):
        entry["IsSecret"] = True
    entry["Values"] = [dict((VALUE_FIELDS["trigger"][name], value.get(name)) for name in VALUE_FIELDS["trigger"])
                       for value in item.get("values") or []]
    return entry


def _parse(text, where, problems):
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            problems.append("%s is not UTF-8 text" % where)
            return None
    if not (text or "").strip():
        problems.append("%s is empty" % where)
        return None
    try:
        return json.loads(text)
    except ValueError as error:
        json_error = error
    if not HAS_YAML:
        problems.append("%s is not JSON (line %d, column %d: %s), and PyYAML is not installed to read YAML"
                        % (where, json_error.lineno, json_error.colno, json_error.msg))
        return None
    try:
        return yaml_load(text)
    except Exception as error:  # pylint: disable=broad-except
        # PyYAML's YAMLError: its text quotes the line, which may hold a secret, so only say where
        mark = getattr(error, "problem_mark", None)
        at = " (line %d, column %d)" % (mark.line + 1, mark.column + 1) if mark else ""
        problems.append("%s is neither JSON nor YAML%s: %s" % (where, at, getattr(error, "problem", None) or "it cannot be parsed"))
        return None


def _entries(data, field, fields, where, problems):
    """Yields (place, entry) for each mapping of the list ``data[field]`` (absent: none); place names the entry."""
    value = data.get(field)
    if value is not None and not isinstance(value, list):
        problems.append("%s: %s must be a list, got %s" % (where, field, _kind(value)))
    for number, entry in enumerate(value if isinstance(value, list) else [], 1):
        place = "%s: %s entry %d" % (where, field, number)
        if not isinstance(entry, dict):
            problems.append("%s must be a mapping of fields, got %s" % (place, _kind(entry)))
            continue
        named = [entry.get(fields[name]) for name in ("module_name", "name", "label", "environment_name", "key", "environment_key")
                 if name in fields]
        named = [name for name in named if isinstance(name, str) and name.strip()][:2 if "module_name" in fields else 1]
        yield ("%s (%s)" % (place, " ".join(named)) if named else place), entry


def _record(entry, fields, place, problems):
    """The entry's fields under their normalized names: text or None, flags True/False, values as given."""
    record = {}
    for name, field in fields.items():
        if name in FLAGS:
            flag = entry.get(field, False)
            if not isinstance(flag, bool):
                problems.append("%s: %s must be true or false, got %s" % (place, field, _kind(flag)))
            record[name] = flag is True
        elif name == "values":
            record[name] = entry.get(field)
        else:
            record[name] = _text(entry, field, place, problems, version=name in VERSIONS, value=name == "value")
    return record


def _text(entry, field, place, problems, version=False, value=False):
    """entry[field] as text (None when absent, or blank unless it is a ``value``); a problem for anything else.

    The problem for a configuration ``value`` does not quote it.
    """
    given = entry.get(field)
    if given is None or isinstance(given, str):
        return given if value or given is None or given.strip() else None
    if version and _scalar(given) and not isinstance(given, bool):
        problems.append("%s: %s: the version was given as the number %s, and YAML reads an unquoted version as a number"
                        " (1.10 becomes 1.1): quote it, for example %s: \"%s\"" % (place, field, given, field, given))
    elif value:
        problems.append("%s: %s must be text, got %s: quote it (the value is sent as it is written)" % (place, field, _kind(given)))
    else:
        problems.append("%s: %s must be text, got %s%s" % (place, field, _kind(given), ": quote it" if _scalar(given) else ""))
    return None


def _check_environment(place, entry, env, fmt, manifest, problems):
    fields = ENVIRONMENT_FIELDS[fmt]
    if not (env["key"] or env["name"]):
        problems.append("%s has neither %s nor %s" % (place, fields["key"], fields["name"]))
    for name in ("key", "name", "label"):
        if env[name] and any(_same(other[name], env[name], name == "key") for other in manifest["environments"]):
            problems.append("%s: %s '%s' is given to another environment too" % (place, fields[name], env[name]))


def _check_application(place, entry, app, fmt, manifest, problems):
    fields = APPLICATION_FIELDS[fmt]
    for first, second, what in (("name", "key", "application name or key"), ("version", "version_key", "version")):
        if not (_given(entry, fields[first]) or _given(entry, fields[second])):
            problems.append("%s has no %s: give %s or %s" % (place, what, fields[first], fields[second]))
    if any((app["key"] and _same(other["key"], app["key"], True)) or (app["name"] and other["name"] == app["name"])
           for other in manifest["applications"]):
        problems.append("%s: the application is listed twice" % place)


def _check_item(place, entry, item, fmt, manifest, problems):
    fields = ITEM_FIELDS[fmt]
    for first, second in (("module_key", "module_name"), ("key", "name")):
        if not (_given(entry, fields[first]) or _given(entry, fields[second])):
            problems.append("%s has no %s: give %s or %s" % (place, "module" if first == "module_key" else "item", fields[first], fields[second]))
    valid = list(CONFIGURATION_TYPES.values()) if fmt == "trigger" else list(CONFIGURATION_TYPES) + list(CONFIGURATION_TYPES.values())
    if item["type"] is not None and item["type"] not in valid:
        problems.append("%s: %s '%s' is not a configuration item type. Valid types: %s" % (place, fields["type"], item["type"], ", ".join(valid)))
    elif not _given(entry, fields["type"]):
        problems.append("%s has no %s. Valid types: %s" % (place, fields["type"], ", ".join(valid)))
    names = dict((trigger, name) for name, trigger in CONFIGURATION_TYPES.items())
    item["type"] = names.get(item["type"], item["type"] if item["type"] in CONFIGURATION_TYPES else None)
    if item["values"] is None:
        problems.append("%s has no %s: give one entry per environment" % (place, fields["values"]))
    values = []
    for value_place, value_entry in _entries(entry, fields["values"], VALUE_FIELDS[fmt], place, problems):
        value = _record(value_entry, VALUE_FIELDS[fmt], value_place, problems)
        _check_value(value_place, value_entry, value, values, fmt, manifest["environments"], problems)
        values.append(value)
    item["values"] = values


def _check_value(place, entry, value, earlier, fmt, environments, problems):
    """Problems of one value of an item (never quoting it), given the item's ``earlier`` values."""
    fields = VALUE_FIELDS[fmt]
    key, name = value["environment_key"], value["environment_name"]
    if entry.get(fields["value"]) is None:
        problems.append("%s has no %s" % (place, fields["value"]))
    if not (key or name):
        problems.append("%s names no environment: give %s or %s" % (place, fields["environment_key"], fields["environment_name"]))
        return
    if any(_same(other["environment_key"], key, True) if key else other["environment_name"] == name for other in earlier):
        problems.append("%s: a second value for environment '%s'" % (place, key or name))
    field = "key" if key else "name"
    if environments and not any(_same(env[field], key or name, field == "key") for env in environments):
        defined = ", ".join(sorted(set(env[field] for env in environments if env[field])))
        problems.append("%s: %s '%s' is named by no environment definition (%s: %s)" % (
            place, fields["environment_" + field], key or name, SECTIONS[fmt]["environments"], defined or "none"))


def _given(entry, field):
    value = entry.get(field)
    return value is not None and not (isinstance(value, str) and not value.strip())


def _same(known, asked, keys):
    return bool(known) and (known.lower() == asked.lower() if keys else known == asked)


def _scalar(value):
    return isinstance(value, (bool, int, float))


def _kind(value):
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    return {dict: "a mapping", list: "a list", str: "text"}.get(type(value), type(value).__name__)
