# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the configuration_value module does: resolve the items (one from its options, or those a manifest gives for an
environment), check them all before anything is sent, send them through the Properties API (properties.py), and say
what was set, with secret values masked.

No API reads these values back, so nothing is compared: every item is sent (none in check mode) and reported as a change.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.outsystems.lifetime.plugins.module_utils import manifests
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeApiError, LifetimeLookupError
from ansible_collections.outsystems.lifetime.plugins.module_utils.lookups import closest_name
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import MASK, given_value
from ansible_collections.outsystems.lifetime.plugins.module_utils.properties import item_type, key_problem, properties_client
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import record_key, record_name

UNKNOWN = "(unknown: no API reads the value back)"


def value_problem(given):
    """The message for a value YAML has already turned into a decimal number or a boolean, or None."""
    if isinstance(given, bool):
        return ("value was given as the boolean %s: YAML reads an unquoted yes, no, true or false as a boolean; "
                "quote the text the item expects, for example value: \"%s\"" % (str(given).lower(), given))
    if isinstance(given, float):
        return ("value was given as the number %s: YAML reads an unquoted decimal as a number (1.10 becomes 1.1); "
                "quote it, for example value: \"%s\"" % (given, given))
    return None


def label_of(entry):
    item = entry["name"] + " (" + entry["key"] + ")" if entry["name"] else entry["key"]
    return "%s in %s: %s %s" % (entry["module"], entry["environment"], entry["type"], item)


def entry_of(found, env, key, name, kind, value, secret):
    """What the result says of one item (the value masked when it is a secret)."""
    return {"module": record_name(found), "module_key": record_key(found), "environment": record_name(env), "environment_key": record_key(env),
            "key": key, "name": name, "type": kind, "value": MASK if secret else value, "secret": secret, "sent": False, "message": None}


def one_item(module):
    """([entry], [value]) of the item the module's options name."""
    params = module.params
    missing = [name for name in ("module", "key", "type", "value") if params[name] is None]
    if missing:
        raise ValueError("missing %s: give module, key, type and value (and environment), or a manifest" % ", ".join(missing))
    problem = value_problem(given_value(module.given, "value", {})) or key_problem("key", params["key"])
    if problem:
        raise ValueError(problem)
    kind = item_type(params["type"])
    found = module.lookups.module(params["module"])
    env = module.lookups.environment(params["environment"])
    return [entry_of(found, env, params["key"], params["name"], kind, params["value"], params["secret"])], [params["value"]]


def manifest_environment(module, manifest, asked, origin):
    """The LifeTime environment ``asked`` names: a label, name or key the manifest defines, else a LifeTime name or key."""
    defined = manifests.environment_for(manifest, asked)
    wanted = (defined.get("key") or defined.get("name")) if defined else asked
    try:
        return module.lookups.environment(wanted)
    except LifetimeLookupError as exc:
        if defined:
            raise LifetimeLookupError("%s: environment '%s' (%s there) is not one LifeTime has: %s" % (origin, asked, wanted, exc),
                                      kind="environment", wanted=wanted)
        labels = [environment.get("label") for environment in manifest.get("environments") or [] if environment.get("label")]
        if not labels:
            raise
        close = closest_name(asked, labels)
        raise LifetimeLookupError("%s Labels %s defines: %s.%s" % (exc, origin, ", ".join(labels), (" Did you mean '%s'?" % close) if close else ""),
                                  kind="environment", wanted=asked)


def item_value(item):
    """The one value configuration_for left in an item."""
    if "value" in item:
        return item["value"]
    values = item.get("values") or [{}]
    return values[0].get("value")


def read_manifest(module, origin):
    """The manifest at ``origin``, read with manifests.load_manifest; its secret values join the module's no_log values."""
    try:
        with open(origin, "rb") as handle:
            text = handle.read().decode("utf-8")
    except (IOError, OSError, UnicodeDecodeError) as exc:
        raise ValueError("manifest %s cannot be read: %s" % (origin, exc))
    manifest = manifests.load_manifest(text, origin)
    for item in manifest.get("configuration_items") or []:
        if module.params["secret"] or item.get("secret"):
            for value in item.get("values") or [item]:
                if value.get("value") not in (None, ""):
                    module.no_log_values.add(str(value["value"]))
    problems = manifest.get("problems") or []
    if problems:
        plural = "" if len(problems) == 1 else "s"
        raise ValueError("manifest %s is not valid (%d problem%s):\n  - %s" % (origin, len(problems), plural, "\n  - ".join(problems)))
    return manifest


def manifest_items(module):
    """(entries, values) of the items the manifest gives for the module's environment; every problem at once, before any PUT."""
    params = module.params
    origin = params["manifest"]
    manifest = read_manifest(module, origin)
    env = manifest_environment(module, manifest, params["environment"], origin)
    entries, values, problems = [], [], []
    for item in manifests.configuration_for(manifest, record_key(env), record_name(env)):
        label = "configuration item %s of module %s" % (item.get("name") or item.get("key"), item.get("module_name") or item.get("module_key"))
        value = item_value(item)
        try:
            kind = item_type(item.get("type"))
            found = module.lookups.module(item.get("module_key") or item.get("module_name"))
        except (ValueError, LifetimeLookupError) as exc:
            problems.append("%s: %s" % (label, exc))
            continue
        problem = key_problem("key", item.get("key")) or (None if isinstance(value, str) else "its value for %s is not text: %r" % (
            record_name(env), value))
        if problem:
            problems.append("%s: %s" % (label, problem))
            continue
        entries.append(entry_of(found, env, item["key"], item.get("name"), kind, value, bool(params["secret"] or item.get("secret"))))
        values.append(value)
    if problems:
        raise ValueError("the configuration values of %s for %s cannot be applied (%d problem%s), nothing was set:\n  - %s" % (
            origin, record_name(env), len(problems), "" if len(problems) == 1 else "s", "\n  - ".join(problems)))
    return entries, values


def send(module, entries, values):
    """PUT each value (nothing in check mode). One item: its failure fails the task. Several: every item is tried and the
    failures are returned, unless the token or the connection fails (then no other item could be set either)."""
    if module.check_mode or not entries:
        return []
    client = properties_client(module.params)
    failures = []
    for entry, value in zip(entries, values):
        try:
            entry["message"] = client.set_value(entry["type"], entry["module_key"], entry["environment_key"], entry["key"], value)
            entry["sent"] = True
        except LifetimeApiError as exc:
            if len(entries) == 1 or exc.status in (401, 403):
                raise
            failures.append("%s: %s" % (label_of(entry), exc))
    return failures


def result_of(module, entries, values):
    """The module's result: changed when something was (or, in check mode, would be) sent; the diff with an unknown before."""
    sent = len([entry for entry in entries if entry["sent"]])
    result = {"changed": bool(sent) or (module.check_mode and bool(entries)), "configuration_values": entries, "sent": sent}
    if module._diff and entries:
        result["diff"] = {"before": dict((label_of(entry), UNKNOWN) for entry in entries),
                          "after": dict((label_of(entry), MASK if entry["secret"] else value) for entry, value in zip(entries, values))}
    return result


def apply(module):
    """Set the values the module's options ask for, and exit (fail when a value was not set, after trying the others)."""
    entries, values = manifest_items(module) if module.params["manifest"] else one_item(module)
    failures = send(module, entries, values)
    result = result_of(module, entries, values)
    if failures:
        module.fail_json(msg="%d of %d configuration values were not set:\n  - %s" % (len(failures), len(entries), "\n  - ".join(failures)),
                         **result)
    module.exit_json(**result)
