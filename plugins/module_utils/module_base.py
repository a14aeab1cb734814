# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every module of this collection shares: connection options, the client and its
lookups, check mode, diff with secrets masked, and errors turned into fail_json."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import re

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.outsystems.lifetime.plugins.module_utils.connection import (
    client_from_options,
    connection_argument_spec,
    missing_connection,
)
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeError
from ansible_collections.outsystems.lifetime.plugins.module_utils.lookups import Lookups
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import to_snake
from ansible_collections.outsystems.lifetime.plugins.module_utils.unexpected import (
    current_traceback,
    is_deliberate,
    unexpected_message,
)

MASK = "********"
SECRET_WORDS = ("password", "token", "secret")

# One rule for every module, by option name: counts of seconds, versions or months must be more than 0.
POSITIVE_OPTIONS = ("timeout", "wait_timeout", "max_versions", "duration", "test_timeout", "parallel")
# ... and these may be 0 (no retry; the first position in the promotion path, as LifeTime counts them).
NOT_NEGATIVE_OPTIONS = ("retries", "position")
# Text options where an empty string is a value; every other text option names something (a name, a key, a
# version, an address), so an empty or blank string there is refused instead of being taken as "not given".
FREE_TEXT_OPTIONS = ("description", "notes", "change_log", "change_log_filter", "reason", "proxy", "password",
                     "service_center_password", "connection_string", "min_date", "max_date", "value")


def mask_secrets(value):
    """A copy of ``value`` with every field whose name speaks of a secret replaced by a mask."""
    if isinstance(value, dict):
        masked = {}
        for key, item in value.items():
            if item is not None and any(word in str(key).lower() for word in SECRET_WORDS) and not isinstance(item, (dict, list, bool)):
                masked[key] = MASK
            else:
                masked[key] = mask_secrets(item)
        return masked
    if isinstance(value, list):
        return [mask_secrets(item) for item in value]
    return value


def given_value(given, name, entry):
    """The value of option ``name`` as the task gave it (under its name or an alias), or None."""
    if not isinstance(given, dict):
        return None
    for candidate in [name] + list(entry.get("aliases") or []):
        if given.get(candidate) is not None:
            return given[candidate]
    return None


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def number_as_version(label, value):
    """The message for a version given as a number, which YAML has already changed (1.10 is read as 1.1), or None."""
    if not is_number(value):
        return None
    return ("%s: the version was given as the number %s, and YAML reads an unquoted version as a number (1.10 becomes 1.1): "
            "quote it, for example %s: \"%s\"" % (label, value, label.rsplit(".", 1)[-1], value))


def blank_text(label, value):
    """The message for an empty or blank text where a name, key or version goes, or None."""
    if isinstance(value, str) and not value.strip():
        return "%s is empty (%r): give its value, or leave the option out" % (label, value)
    return None


def bad_number(name, label, value):
    """The message for a count that must be positive (or not negative), or None."""
    if not is_number(value):
        return None
    if name in POSITIVE_OPTIONS and value <= 0:
        return "%s must be more than 0, got %s" % (label, value)
    if name in NOT_NEGATIVE_OPTIONS and value < 0:
        return "%s must be 0 or more, got %s" % (label, value)
    return None


EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
HOST_PATTERN = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?$", re.IGNORECASE)


def email_problem(option, value):
    """The message for an e-mail address that is not one (no @, no domain), or None when it is not given."""
    if value is None or EMAIL_PATTERN.match(value.strip()):
        return None
    return "%s '%s' is not an e-mail address: give one such as carol@example.com" % (option, value)


def host_problem(option, value):
    """The message for an address that names no host (``https://``, ``qa example``), or None when it is not given.

    A host name or IP address, with an optional http:// or https:// and port, is accepted.
    """
    if value is None:
        return None
    text = value.strip()
    scheme = re.match(r"^([a-z][a-z0-9+.-]*)://", text, re.IGNORECASE)
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        host = ""
    else:
        host = text[len(scheme.group(0)):] if scheme else text
        host = host.split("/", 1)[0]
    if HOST_PATTERN.match(host):
        return None
    return "%s '%s' names no host: give a host name such as qa.example.com (optionally with https://)" % (option, value)


def is_version_option(name):
    return name == "version" or name.endswith("_version") or name == "version_number"


def bad_values(spec, params, given, prefix=""):
    """The first problem of the values given for ``spec``'s options (and their suboptions), or None.

    One rule for every module: a version may not be a number, a name, key or version may not be empty,
    and counts must be positive. Each message names the option and the value.
    """
    for name, entry in spec.items():
        value = params.get(name) if isinstance(params, dict) else None
        if value is None:
            continue
        label = prefix + name
        kind = entry.get("type", "str")
        raw = given_value(given, name, entry)
        if kind == "str" and name not in FREE_TEXT_OPTIONS:
            problem = (number_as_version(label, raw) if is_version_option(name) else None) or blank_text(label, value)
            if problem:
                return problem
        if kind == "list" and entry.get("elements") == "str" and name not in FREE_TEXT_OPTIONS:
            for index, item in enumerate(value):
                problem = blank_text("%s[%d]" % (label, index), item)
                if problem:
                    return problem
        problem = bad_number(name, label, value)
        if problem:
            return problem
        if entry.get("options") and kind in ("list", "dict"):
            items = value if kind == "list" else [value]
            raw_items = raw if isinstance(raw, list) else [raw]
            for index, item in enumerate(items):
                raw_item = raw_items[index] if index < len(raw_items) else None
                problem = bad_values(entry["options"], item, raw_item, "%s[%d]." % (label, index) if kind == "list" else label + ".")
                if problem:
                    return problem
    return None


class LifetimeModule(AnsibleModule):
    """An AnsibleModule with the connection options, a LifeTime client and name lookups."""

    def __init__(self, argument_spec, **kwargs):
        spec = connection_argument_spec()
        spec.update(argument_spec)
        self._given = {}
        super(LifetimeModule, self).__init__(argument_spec=spec, **kwargs)
        self._client = None
        self._lookups = None
        problem = missing_connection(self.params) or bad_values(spec, self.params, self._given)
        if problem:
            self.fail_json(msg=problem)

    def _load_params(self):
        """Keep the parameters as given, before type conversion turns a number such as 1.10 into the text '1.1'."""
        super(LifetimeModule, self)._load_params()
        self._given = copy.deepcopy(self.params)

    @property
    def given(self):
        """The parameters as the task gave them, before type conversion (a number is still a number)."""
        return self._given

    @property
    def client(self):
        if self._client is None:
            try:
                self._client = client_from_options(self.params)
            except (LifetimeError, ValueError) as exc:
                self.fail_json(msg=str(exc))
        return self._client

    @property
    def lookups(self):
        if self._lookups is None:
            self._lookups = Lookups(self.client)
        return self._lookups

    def run(self, work):
        """Call ``work(self)``; a LifetimeError or a bad value becomes a clear task failure.

        Anything else that escapes (an answer in a form the module did not expect) becomes a failure
        naming the request whose answer was being read, with the traceback only in ``exception``
        (shown with -vvv): never a bare Python error.
        """
        try:
            work(self)
        except LifetimeError as exc:
            details = dict((key, value) for key, value in exc.details.items() if key in ("status", "method", "path", "messages"))
            self.fail_json(msg=str(exc), **details)
        except Exception as exc:  # pylint: disable=broad-except
            if is_deliberate(exc):
                self.fail_json(msg=str(exc))
            last = self._client.last_request if self._client is not None else None
            details = {"method": last[0], "path": last[1]} if last else {}
            self.fail_json(msg=unexpected_message(exc, last), exception=current_traceback(), **details)

    def exit_result(self, changed, before=None, after=None, **result):
        """Exit with ``changed``, the result fields, and a diff of whole objects with secrets masked."""
        result["changed"] = bool(changed)
        if self._diff and (before is not None or after is not None):
            result["diff"] = {"before": mask_secrets(to_snake(copy.deepcopy(before or {}))),
                              "after": mask_secrets(to_snake(copy.deepcopy(after or {})))}
        self.exit_json(**result)
