# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The connection options, in one table that serves modules and plugins alike.

Modules get them through connection_argument_spec() (environment fallbacks included);
inventory and lookup plugins through client_from_options(), which applies the same
environment fallbacks from the same table. The doc fragment (doc_fragments/connection.py)
is written from this table by tests/quality/make_doc_fragments.py, and
tests/quality/test_doc_fragments.py checks it still is.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible.module_utils.basic import env_fallback
from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.outsystems.lifetime.plugins.module_utils.client import LifetimeClient

# option name -> (argument spec entry, environment variable). lifetime_url and lifetime_token are needed, but not
# "required" for Ansible: its message would not name the environment variables, so the module base and
# client_from_options check them and name both the option and the variable.
CONNECTION_OPTIONS = {
    "lifetime_url": (dict(type="str", aliases=["url"]), "LIFETIME_URL"),
    "lifetime_token": (dict(type="str", no_log=True, aliases=["token"]), "LIFETIME_TOKEN"),
    "validate_certs": (dict(type="bool", default=True), "LIFETIME_VALIDATE_CERTS"),
    "ca_path": (dict(type="path"), "LIFETIME_CA_PATH"),
    "timeout": (dict(type="float", default=30), "LIFETIME_TIMEOUT"),
    "retries": (dict(type="int", default=3), "LIFETIME_RETRIES"),
    "proxy": (dict(type="str"), "LIFETIME_PROXY"),
}


def argument_spec_of(table):
    """The argument spec of an option table (name -> (entry, environment variable)), with the environment fallbacks."""
    spec = {}
    for name, (entry, variable) in table.items():
        entry = dict(entry)
        entry["fallback"] = (env_fallback, [variable])
        spec[name] = entry
    return spec


def connection_argument_spec():
    """The connection options of every module, each with its environment-variable fallback."""
    return argument_spec_of(CONNECTION_OPTIONS)


def default_of(name, options):
    """options[name], or the table's default for it when it is unset (None)."""
    value = options.get(name)
    return CONNECTION_OPTIONS[name][0].get("default") if value is None else value


def resolve_options(given):
    """Connection options from ``given`` (None for unset), completed from the environment, then defaults."""
    resolved = {}
    for name, (entry, variable) in CONNECTION_OPTIONS.items():
        value = given.get(name)
        if value is None and variable in os.environ:
            value = os.environ[variable]
        if value is None:
            value = entry.get("default")
        resolved[name] = _convert(name, entry["type"], value)
    return resolved


def _convert(name, kind, value):
    if value is None:
        return None
    try:
        if kind == "bool":
            return boolean(value, strict=True)
        if kind == "float":
            return float(value)
        if kind == "int":
            return int(value)
    except (TypeError, ValueError):
        raise ValueError("%s: '%s' is not a valid %s" % (name, value, {"bool": "boolean", "float": "number", "int": "integer"}[kind]))
    if kind == "path":
        return os.path.expanduser(str(value))
    return str(value)


def missing_connection(options):
    """The message for a missing or empty lifetime_url or lifetime_token, naming the option and its environment variable."""
    missing = [name for name in ("lifetime_url", "lifetime_token") if not str(options.get(name) or "").strip()]
    if not missing:
        return None
    return "missing or empty connection option%s: set %s" % (
        "s" if len(missing) > 1 else "", " and ".join("%s (or the environment variable %s)" % (name, CONNECTION_OPTIONS[name][1])
                                                      for name in missing))


def client_from_options(options):
    """A LifetimeClient from resolved connection options (module params or plugin options)."""
    missing = missing_connection(options)
    if missing:
        raise ValueError(missing)
    return LifetimeClient(
        url=options["lifetime_url"],
        token=options["lifetime_token"],
        validate_certs=default_of("validate_certs", options),
        ca_path=options.get("ca_path"),
        timeout=default_of("timeout", options),
        retries=default_of("retries", options),
        proxy=options.get("proxy"),
    )
