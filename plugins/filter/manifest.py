# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: manifest
short_description: Read a release manifest, the collection's own or OutSystems' Trigger Pipeline manifest
version_added: 0.1.0
description:
  - Reads the text of a manifest (YAML or JSON) in either format into one shape, and lists every problem of it at once,
    each naming the entry and the field. It does not fail; the caller decides what to do with RV(_value.problems).
  - "The collection's manifest: a list of applications, or a mapping with C(applications) (C(name), C(key), C(version),
    C(version_key), C(from_version), C(from_version_key), C(is_test_application), C(change_log), C(deployment_zone)) and
    optionally C(environments) (C(key), C(name), C(label)), C(configuration_items) and C(notes)."
  - "The Trigger Pipeline manifest (OutSystems' Trigger Pipeline LifeTime plugin): C(ApplicationVersions),
    C(ConfigurationItems) with C(Values) per environment, C(EnvironmentDefinitions) with labels and C(DeploymentNotes)."
  - A problem never quotes a configuration value.
positional: origin
options:
  _input:
    description: The text of the manifest.
    type: str
    required: true
  origin:
    description: The file name, used in the problems.
    type: str
    default: manifest
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: Read a manifest, whichever its format
  ansible.builtin.set_fact:
    release: "{{ lookup('ansible.builtin.file', 'trigger_manifest.json') | outsystems.lifetime.manifest('trigger_manifest.json') }}"

- name: Stop on its problems
  ansible.builtin.fail:
    msg: "{{ release.problems }}"
  when: release.problems | length > 0

- name: The applications that are no test applications
  ansible.builtin.debug:
    msg: "{{ release.applications | rejectattr('is_test_application') | map(attribute='name') | list }}"
"""

RETURN = r"""
_value:
  description: The manifest in one shape, whichever its format. Absent facts are null (or false).
  type: dict
  contains:
    format:
      description: V(collection) or V(trigger); null when the text is no manifest.
      type: str
    applications:
      description:
        - C(name), C(key), C(version), C(version_key), C(from_version), C(from_version_key), C(is_test_application),
          C(change_log), C(deployment_zone) of each application.
      type: list
      elements: dict
    configuration_items:
      description:
        - C(module_key), C(module_name), C(key), C(name), C(type) (V(site_property), V(rest_endpoint), V(soap_endpoint),
          V(timer_schedule)), C(secret), and C(values) (C(environment_key), C(environment_name), C(value)).
      type: list
      elements: dict
    environments:
      description: C(key), C(name) and C(label) of each environment definition.
      type: list
      elements: dict
    notes:
      description: The deployment notes.
      type: str
    problems:
      description: Every problem of the manifest, each naming the file, the entry and the field.
      type: list
      elements: str
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils.manifests import load_manifest


def manifest(text, origin="manifest"):
    return load_manifest(text, origin)


class FilterModule(object):
    def filters(self):
        return {"manifest": manifest}
