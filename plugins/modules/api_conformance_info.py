#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: api_conformance_info
short_description: Check how a LifeTime server's answers compare with OutSystems' documentation, as shapes only
version_added: 0.1.0
description:
  - Reads each list of the LifeTime API v2 once (environments, applications, modules, roles, users, teams, deployment
    plans) and one record of each kind (an environment, its deployment zones and running applications, an application
    with its status, its versions and one version, a deployment plan and its status). Changes nothing.
  - Compares every answer with the answer OutSystems' documentation shows for that call (keys and their casing, value
    kinds, C("") against absent, dates), lists the fields the swagger does not declare, and the problems this collection
    would have with it (a field it relies on missing or of another kind, a date that is neither C(Z) with 0 to 3 fraction
    digits nor the "not set" date C(1900-01-01T00:00:00), a null).
  - The result holds SHAPES ONLY (keys, kinds, date forms, status codes, path templates) and no names, keys, host names or
    values, so it can be attached to a bug report. The playbook C(playbooks/conformance.yml) writes it to a file.
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes.INFO_MODULE
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: How does this LifeTime answer?
  outsystems.lifetime.api_conformance_info:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
  register: conformance

- name: Say what differs from the documentation
  ansible.builtin.debug:
    msg: "{{ conformance.summary }}: {{ conformance.calls | selectattr('differences') | map(attribute='call') | list }}"

- name: Write the report to attach to a bug report
  ansible.builtin.copy:
    content: "{{ {'summary': conformance.summary, 'calls': conformance.calls} | to_nice_yaml }}"
    dest: /tmp/lifetime-conformance.yml
    mode: "0644"
"""

RETURN = r"""
summary:
  description: How many calls were made, answered as documented, answered by calls the documentation does not show,
    differ from the documentation, and have problems for this collection.
  returned: always
  type: dict
  sample: {"calls": 16, "as_documented": 9, "not_documented": 6, "with_differences": 1, "with_problems": 0}
calls:
  description: One entry per call made, in order.
  returned: always
  type: list
  elements: dict
  contains:
    call:
      description: The method and the path template of the call (never a key).
      type: str
      sample: GET /deployments/{DeploymentKey}/status/
    query:
      description: The names of the query parameters sent.
      type: list
      elements: str
    status:
      description: The HTTP status of the answer (204 for an empty list).
      type: int
    shape:
      description: The answer's shape - keys with their value kinds (C(string), C(integer), C(boolean), C(date),
        C(null-date), C(date(...)) for a date form this collection does not know, ...); a list holds the merged shape of its
        items, a key missing from some items ends in C(?). C(empty), C(text) or C(refused) for an empty, bare-text or
        refused answer.
      type: raw
    documented:
      description: Whether OutSystems' documentation shows an answer of this call.
      type: bool
    differences:
      description: Where the answer's shape differs from the documented one, one line per place (C($.Field) and what differs).
      type: list
      elements: str
    undeclared:
      description: Fields the swagger does not declare for this answer, or declares with another casing.
      type: list
      elements: str
    problems:
      description: What this collection would stumble on (a field it reads missing or of another kind, an unknown date
        form, a null, an error status).
      type: list
      elements: str
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils.conformance import check_server
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule


def gather(module):
    report = check_server(module.client)
    module.exit_json(changed=False, summary=report.summary(), calls=report.calls)


def main():
    module = LifetimeModule(argument_spec={}, supports_check_mode=True)
    module.run(gather)


if __name__ == "__main__":
    main()
