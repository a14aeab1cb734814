# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: trigger_manifest
short_description: Write applications, environments and configuration items as OutSystems' Trigger Pipeline manifest
version_added: 0.1.0
description:
  - Gives the Trigger Pipeline manifest (C(ApplicationVersions), C(EnvironmentDefinitions), C(ConfigurationItems),
    C(DeploymentNotes)) of records in the shape the P(outsystems.lifetime.manifest#filter) filter reads, so OutSystems'
    pipeline and this collection can read the same file.
  - The applications' standard fields are always written (OutSystems' pipeline reads them without defaults). The
    format has no field for the version the target ran before, nor a secret flag, so C(FromVersionNumber),
    C(FromVersionKey) and C(IsSecret) are written when known. OutSystems' pipeline ignores them; this collection reads them back.
  - An environment's label is its name when it has none (as OutSystems' manifest generator writes it).
positional: environments, configuration_items, notes
options:
  _input:
    description: The applications (C(name), C(key), C(version), C(version_key), and optionally C(from_version), C(from_version_key),
      C(is_test_application), C(change_log), C(deployment_zone)).
    type: list
    elements: dict
    required: true
  environments:
    description: The environment definitions (C(key), C(name), C(label)).
    type: list
    elements: dict
    default: []
  configuration_items:
    description: The configuration items, as the P(outsystems.lifetime.manifest#filter) filter gives them.
    type: list
    elements: dict
    default: []
  notes:
    description: The deployment notes.
    type: str
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: Write the versions of two applications as a Trigger Pipeline manifest
  ansible.builtin.copy:
    dest: trigger_manifest.json
    content: >-
      {{ [{'name': 'Orders', 'key': orders_key, 'version': '2.1.0', 'version_key': orders_version_key}]
         | outsystems.lifetime.trigger_manifest([{'key': test_key, 'name': 'Test', 'label': 'Regression'}], [], 'Release 2.1.0')
         | to_nice_json(indent=2) }}
    mode: "0644"
  vars:
    orders_key: 388dcde9-ddd1-5826-85ee-bf5d2cf09eab
    orders_version_key: 20194ab2-7068-52fc-98bd-a828de72aa8c
    test_key: 6aa9e8ad-2a33-4ac2-b3d3-b1ebc4a0c6ab
"""

RETURN = r"""
_value:
  description: The Trigger Pipeline manifest, ready for C(to_nice_json).
  type: dict
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils.manifests import trigger_manifest as write_trigger_manifest


def trigger_manifest(applications, environments=None, configuration_items=None, notes=None):
    return write_trigger_manifest(applications, environments or [], configuration_items or [], notes)


class FilterModule(object):
    def filters(self):
        return {"trigger_manifest": trigger_manifest}
