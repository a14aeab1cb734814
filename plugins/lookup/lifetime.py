# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: lifetime
short_description: Look up OutSystems LifeTime records and keys by name
version_added: 0.1.0
description:
  - Returns a LifeTime record (with snake_case keys), or one field of it, for each name or key given.
  - The first term is the kind of record, the other terms are names or keys. Names are matched exactly, then without
    regard to case; an unknown name fails with the valid names and the closest match.
  - C(running_version) returns the version label the application runs in O(environment) (for example C(2.0.0));
    C(application_status) returns the application's whole status there (C(base_application_version_key),
    C(base_application_version_label), C(is_modified) and more). LifeTime names the running version by key only, so
    both read that application's versions once to give its label.
  - The connection options are the same as the modules' and fall back to the same E(LIFETIME_URL), E(LIFETIME_TOKEN)
    and other environment variables.
options:
  _terms:
    description:
      - The kind of record, then one or more names or keys.
      - "Kinds: C(environment), C(application), C(module), C(user), C(team), C(role), C(deployment_zone) and C(template)
        (both need O(environment)), C(running_version) and C(application_status) (both need O(environment))."
    type: list
    elements: str
    required: true
  field:
    description:
      - Return only this field of each record (snake_case, for example C(key), C(host_name), C(os_version)) instead of the whole record.
      - Not used with C(running_version).
    type: str
  environment:
    description:
      - The name or key of the environment, for C(running_version), C(application_status), C(deployment_zone) and C(template).
    type: str
extends_documentation_fragment:
  - outsystems.lifetime.connection.PLUGINS
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: The key of Production (LIFETIME_URL and LIFETIME_TOKEN set in the environment)
  ansible.builtin.debug:
    msg: "{{ lookup('outsystems.lifetime.lifetime', 'environment', 'Production', field='key') }}"

- name: The Orders application record, with explicit connection options
  ansible.builtin.debug:
    msg: "{{ lookup('outsystems.lifetime.lifetime', 'application', 'Orders', lifetime_url='http://127.0.0.1:8080', lifetime_token='demo-token') }}"

- name: The version of Orders running in Production
  ansible.builtin.debug:
    msg: "{{ lookup('outsystems.lifetime.lifetime', 'running_version', 'Orders', environment='Production') }}"

- name: The keys of several environments at once
  ansible.builtin.debug:
    msg: "{{ query('outsystems.lifetime.lifetime', 'environment', 'Development', 'Test', field='key') }}"

- name: Whether Customer Portal was modified in Development since its last tag
  ansible.builtin.debug:
    msg: "{{ lookup('outsystems.lifetime.lifetime', 'application_status', 'Customer Portal', environment='Development', field='is_modified') }}"
"""

RETURN = r"""
_raw:
  description:
    - One item per name or key given. A record (dict with snake_case keys), or the value of O(field), or for
      C(running_version) the version label.
  type: list
  elements: raw
"""

from ansible.errors import AnsibleError, AnsibleLookupError
from ansible.plugins.lookup import LookupBase

from ansible_collections.outsystems.lifetime.plugins.module_utils.applications import status_in, version_labels
from ansible_collections.outsystems.lifetime.plugins.module_utils.lookups import Lookups
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import record_key, record_name, to_snake
from ansible_collections.outsystems.lifetime.plugins.plugin_utils.plugin_options import with_plugin_client

SIMPLE_KINDS = ("environment", "application", "module", "user", "team", "role")
ZONE_KINDS = ("deployment_zone", "template")
STATUS_KINDS = ("running_version", "application_status")
MISSING_HINT = "Give lifetime_url= and lifetime_token=, or set LIFETIME_URL and LIFETIME_TOKEN."
KINDS = SIMPLE_KINDS + ZONE_KINDS + STATUS_KINDS


def application_status(lookups, application, environment):
    """The status of an application in an environment, with its version label; a ValueError when it does not run there."""
    env = lookups.environment(environment)
    app = lookups.application(application, env_status=True)
    status = status_in(app, record_key(env) or "")
    if status:
        if status.get("BaseApplicationVersionKey") and not status.get("BaseApplicationVersionLabel"):
            labels = version_labels(lookups.client, record_key(app))
            status = dict(status, BaseApplicationVersionLabel=labels.get(status["BaseApplicationVersionKey"].lower()))
        return status
    raise ValueError("application '%s' is not running in environment '%s'." % (record_name(app), record_name(env)))


def pick_field(record, name, kind):
    if name is None:
        return record
    if name not in record:
        raise ValueError("field '%s' is not in the %s record. Valid fields: %s." % (name, kind, ", ".join(sorted(record))))
    return record[name]


class LookupModule(LookupBase):

    def run(self, terms, variables=None, **kwargs):
        try:
            self.set_options(var_options=variables, direct=kwargs)
        except AnsibleError as exc:
            raise AnsibleLookupError("outsystems.lifetime.lifetime: %s %s" % (exc, MISSING_HINT))
        terms = [str(term) for term in terms or []]
        if len(terms) < 2:
            raise AnsibleLookupError("outsystems.lifetime.lifetime needs a kind and at least one name, for example "
                                     "lookup('outsystems.lifetime.lifetime', 'environment', 'Production'). Kinds: %s." % ", ".join(KINDS))
        kind, names = terms[0].strip().lower(), terms[1:]
        if kind not in KINDS:
            raise AnsibleLookupError("kind '%s' is not valid: use one of %s." % (terms[0], ", ".join(KINDS)))
        environment = self.get_option("environment")
        if kind in ZONE_KINDS + STATUS_KINDS and not environment:
            raise AnsibleLookupError("kind '%s' needs environment=<name or key>." % kind)
        wanted_field = self.get_option("field")

        def answers(client):
            lookups = Lookups(client)
            return [self._one(lookups, kind, name, environment, wanted_field) for name in names]

        return with_plugin_client(self, answers, AnsibleLookupError, "outsystems.lifetime.lifetime", "outsystems.lifetime.lifetime lookup")

    @staticmethod
    def _one(lookups, kind, name, environment, wanted_field):
        if kind == "running_version":
            return application_status(lookups, name, environment).get("BaseApplicationVersionLabel") or None
        if kind == "application_status":
            record = application_status(lookups, name, environment)
        elif kind == "deployment_zone":
            record = lookups.deployment_zone(environment, name)
        elif kind == "template":
            record = lookups.template(environment, name)
        else:
            record = getattr(lookups, kind)(name)
        return pick_field(to_snake(record), wanted_field, kind)
