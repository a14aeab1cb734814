#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: application_matrix_info
short_description: What runs where - every application by environment, with the drift between adjacent environments
version_added: 0.1.0
description:
  - Returns the environments in promotion order, one row per application (sorted by name) with the version it runs in
    each environment, and for each pair of adjacent environments the applications whose running version differs
    between them (drift). The C(report) playbook formats it as HTML and Markdown.
  - Versions are compared by key. An application not deployed in an environment differs from one deployed in the
    environment to its left, and the other way round; the first environment never drifts.
  - Reads the environments and the applications with their status in every environment (two requests). LifeTime names
    the running version by key only (C(BaseApplicationVersionKey)); some servers add the label, most do not. With
    O(version_labels) (the default) the module reads the versions of each application whose statuses lack labels (one
    request per application).
options:
  version_labels:
    description:
      - Name each running version (RV(rows[].cells[].version)) by reading the versions of the applications whose statuses
        lack labels, one request each.
      - With V(false), the module sends two requests whatever the number of applications, and a version is named only
        when LifeTime sends its label (RV(rows[].cells[].version_key) always names it).
    type: bool
    default: true
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes.INFO_MODULE
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: Every application by environment, with the version labels
  outsystems.lifetime.application_matrix_info:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
  register: matrix

- name: Name the applications that differ between each pair of adjacent environments
  ansible.builtin.debug:
    msg: "{{ item.from }} -> {{ item.to }}: {{ item.applications | join(', ') or 'no difference' }}"
  loop: "{{ matrix.drift }}"
  loop_control:
    label: "{{ item.from }} -> {{ item.to }}"

- name: The drift only, in two requests whatever the number of applications
  outsystems.lifetime.application_matrix_info:
    version_labels: false
  register: drift_only
"""

RETURN = r"""
environments:
  description: The environments, in promotion order (the columns).
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The environment name.
      type: str
      sample: Production
    key:
      description: The environment key.
      type: str
    type:
      description: The environment type (for example C(Production)), or an empty string when it has none.
      type: str
    order:
      description: The position of the environment in the promotion path.
      type: int
rows:
  description: One per application, sorted by name (case-insensitive).
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The application name.
      type: str
      sample: Customer Portal
    key:
      description: The application key.
      type: str
    kind:
      description: The kind of application (for example C(WebResponsive)), or an empty string.
      type: str
    drift_into:
      description: The environments whose version differs from the environment to their left.
      type: list
      elements: str
      sample: [Test, Production]
    cells:
      description: One per environment, in the order of RV(environments).
      type: list
      elements: dict
      contains:
        environment:
          description: The environment name.
          type: str
        version:
          description: The label of the version running there, or null (not deployed, or not named - see O(version_labels)).
          type: str
          sample: 1.2.0
        version_key:
          description: The key of the version running there, or null when the application is not deployed there.
          type: str
        deployed:
          description: Whether the application runs in that environment.
          type: bool
        modified:
          description: Whether it changed there since that version was tagged.
          type: bool
        drift:
          description: Whether its version differs from the environment to the left (never in the first environment).
          type: bool
drift:
  description: One per pair of adjacent environments.
  returned: always
  type: list
  elements: dict
  contains:
    from:
      description: The environment on the left.
      type: str
      sample: Test
    to:
      description: The environment on the right.
      type: str
      sample: Production
    applications:
      description: The names of the applications whose version differs between them, sorted like RV(rows).
      type: list
      elements: str
      sample: [Customer Portal, Orders]
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils.application_matrix import read_matrix
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule


def gather(module):
    module.exit_json(changed=False, **read_matrix(module.lookups, module.client, module.params["version_labels"]))


def main():
    module = LifetimeModule(
        argument_spec=dict(
            version_labels=dict(type="bool", default=True),
        ),
        supports_check_mode=True,
    )
    module.run(gather)


if __name__ == "__main__":
    main()
