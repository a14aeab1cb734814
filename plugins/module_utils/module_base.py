# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every module of this collection shares: connection options, the client and its
lookups, check mode, diff with secrets masked, and errors turned into fail_json."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.outsystems.lifetime.plugins.module_utils.connection import (
    client_from_options,
    connection_argument_spec,
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


class LifetimeModule(AnsibleModule):
    """An AnsibleModule with the connection options, a LifeTime client and name lookups."""

    def __init__(self, argument_spec, **kwargs):
        spec = connection_argument_spec()
        spec.update(argument_spec)
        super(LifetimeModule, self).__init__(argument_spec=spec, **kwargs)
        self._client = None
        self._lookups = None

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
