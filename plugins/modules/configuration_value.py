#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: configuration_value
short_description: Set site properties, REST or SOAP effective URLs and timer schedules of modules in an environment
version_added: 0.1.0
description:
  - Sets a configuration value of an OutSystems module in an environment through the Properties API that LifeTime
    serves on its host (C(/PropertiesAPI/rest/v1/)), with the same token as the LifeTime API. It sets a site property's value,
    the effective URL of a consumed REST or SOAP service, or a timer's schedule. This is what OutSystems' pipeline script
    C(apply_configuration_values_to_target_env) does, except that a value the server refuses fails the task.
  - The value is sent as the API expects it, as raw text (C(50), not C("50")).
  - B(No public API reads these values back.) The module therefore cannot compare the value it is given with the one
    the environment has, and it cannot be idempotent. It sends the value on every run and reports C(changed) each time
    it sends one (in check mode, it reports what it would send, and sends nothing). Sending the value an item already
    has leaves it with that value, so a repeated run is safe; whether the server does anything else then (the API's
    behaviour is not documented) the module cannot tell, so it reports the change. To apply values only when something
    was deployed, put the task after the deployment with a C(when) on the deployment's C(changed); to keep a re-run
    quiet on purpose, add C(changed_when) set to false to the task.
  - The module and environment are looked up by name or key before anything is sent, so a typo fails with the valid
    names (and the closest one) and nothing set. The item is addressed by its key (from Service Center, or
    C(ConfigurationItemKey) in OutSystems' Trigger Pipeline manifest); the API takes no item names.
  - With O(manifest), every configuration value a manifest gives for O(environment) is set, in one task. Every item
    is checked first (its module, type and key), and a problem with any of them fails the task listing all of them,
    with nothing sent. Then every value is sent; the values the server refuses fail the task at the end, each named
    with the server's message, after the others were set.
  - With O(secret=true) the value never appears in the task's output, its diff, its errors, or the module's log,
    also with C(-vvv).
options:
  module:
    description:
      - The name or key of the OutSystems module (eSpace or extension) that defines the item.
      - Needed, with O(key), O(type) and O(value), unless O(manifest) is given.
    type: str
  environment:
    description:
      - The name or key of the environment where the value is set.
      - With O(manifest), also a label the manifest defines (C(EnvironmentLabel) of a Trigger Pipeline manifest).
    type: str
    required: true
  key:
    description:
      - The key of the configuration item (site property, consumed REST or SOAP service, timer).
    type: str
    aliases: [item_key]
  name:
    description:
      - The item's name, used only to name it in the output and the diff (the API addresses items by key).
    type: str
    aliases: [item_name]
  type:
    description:
      - What the value sets. V(site_property) is a site property's value, V(rest_endpoint) and V(soap_endpoint) the
        effective URL of a consumed REST or SOAP service, V(timer_schedule) a timer's schedule.
      - The spellings of OutSystems' Trigger Pipeline manifest (its C(ConfigurationItemType)) are accepted too and mean
        the same, V(SiteProperty), V(REST_Endpoint), V(SOAP_Endpoint), V(TimerSchedule). The result names the type in
        snake_case.
    type: str
    choices: [site_property, rest_endpoint, soap_endpoint, timer_schedule, SiteProperty, REST_Endpoint, SOAP_Endpoint, TimerSchedule]
  value:
    description:
      - The value, as text. It is sent as it is, UTF-8 encoded; an empty string sets the empty value.
      - Quote it in YAML. A whole number is taken as its digits, but a decimal number or a boolean is refused, because
        YAML has already changed what was written (V(1.10) is read as 1.1, V(yes) as true).
      - The format of a timer schedule and of Boolean or numeric site properties is the one Service Center shows; the
        Properties API has no documentation that says more.
    type: str
  secret:
    description:
      - The value is a secret (a password, an API key in a URL). It is then hidden everywhere Ansible shows or logs the
        task (its result, diff, errors and C(invocation) with C(-vvv), and the module's system log), as C(no_log) would
        hide it, and returned as C(********).
      - This is decided per task, so one task in a loop can set secret and non-secret items with
        O(secret) set to C({{ item.secret }}). Ansible's mechanism for such a value is used (the value joins the module's
        C(no_log) values as soon as the arguments are read), rather than C(no_log) on O(value), which would hide every
        value, and every text in the output that contains one (for example every C(50)).
      - In a loop, Ansible itself prints each loop item (as its label, and whole with C(-v)), where the module cannot
        hide anything. Set C(loop_control.label) to what names the item, and C(no_log) on the task to
        C({{ item.secret | default(false) }}), so that the results of the secret items are hidden and the others shown
        (see the examples).
      - With O(manifest), V(true) makes every value of the manifest a secret; an item the manifest marks secret is one anyway.
    type: bool
    default: false
  manifest:
    description:
      - The path of a manifest, read where the module runs, whose configuration values for O(environment) are set.
        Either OutSystems' Trigger Pipeline manifest (JSON, C(ConfigurationItems) with C(Values) per environment) or
        the collection's own manifest (YAML or JSON), as the C(promote) role reads them.
      - Only the items with a value for that environment are set; none is not a failure (nothing is sent, no change).
      - Excludes O(module), O(key), O(name), O(type) and O(value).
    type: path
extends_documentation_fragment:
  - outsystems.lifetime.connection
attributes:
  check_mode:
    description: Looks up the module and the environment, sends nothing, and reports the change it would make.
    support: full
  diff_mode:
    description:
      - Shows the value that is (or would be) set. The value before is shown as unknown, because no API reads it.
        A secret value is shown as C(********).
    support: partial
  action_group:
    description: Use C(group/outsystems.lifetime.lifetime) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - outsystems.lifetime.lifetime
seealso:
  - name: OutSystems pipeline
    description: OutSystems' own pipeline scripts, whose C(apply_configuration_values_to_target_env) this module replaces.
    link: https://github.com/OutSystems/outsystems-pipeline
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: Orders shows 50 lines per page in Test
  outsystems.lifetime.configuration_value:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
    module: Orders
    environment: Test
    key: 5e1a6f2c-7b44-4b6e-9d0e-0c1f2a3b4c5d
    name: PageSize
    type: site_property
    value: "50"

- name: The payments service Orders calls in Test, with its API key in the URL (a secret)
  outsystems.lifetime.configuration_value:
    module: Orders
    environment: Test
    key: 9b2d4e6f-1a3c-4d5e-8f7a-6b5c4d3e2f1a
    name: PaymentsAPI
    type: REST_Endpoint
    value: "https://payments-qa.example.com/api?key={{ payments_api_key }}"
    secret: true

- name: Every configuration value of a release, some of them secret, in one loop
  outsystems.lifetime.configuration_value:
    module: "{{ item.module }}"
    environment: Production
    key: "{{ item.key }}"
    name: "{{ item.name }}"
    type: "{{ item.type }}"
    value: "{{ item.value }}"
    secret: "{{ item.secret | default(false) }}"
  loop:
    - {module: Orders, key: 3c5e7a9b-2d4f-4a6c-8e0b-1d3f5a7c9e2b, name: NightlyCleanup, type: timer_schedule, value: "0 2 * * *"}
    - {module: Inventory, key: 7f9a1b3c-5d7e-4f0a-9b2c-4d6e8f0a1b3c, name: ErpService, type: soap_endpoint,
       value: "https://erp.example.com/ws?token={{ erp_token }}", secret: true}
  loop_control:
    label: "{{ item.module }} {{ item.name }}"
  # With -v Ansible prints each loop item itself, value included: hide the results of the secret ones.
  no_log: "{{ item.secret | default(false) }}"
  register: applied

- name: The values a Trigger Pipeline manifest gives for the environment it labels Regression
  outsystems.lifetime.configuration_value:
    manifest: /tmp/trigger_manifest.json
    environment: Regression
"""

RETURN = r"""
configuration_values:
  description: The values set (or, in check mode, that would be set), one entry per item.
  returned: always
  type: list
  elements: dict
  contains:
    module:
      description: The module name.
      type: str
      sample: Orders
    module_key:
      description: The module key.
      type: str
    environment:
      description: The environment name.
      type: str
      sample: Test
    environment_key:
      description: The environment key.
      type: str
    key:
      description: The item key.
      type: str
    name:
      description: The item name given (or null).
      type: str
    type:
      description: What the value sets, in snake_case.
      type: str
      sample: site_property
    value:
      description: The value, or C(********) for a secret.
      type: str
      sample: "50"
    secret:
      description: Whether the value is a secret.
      type: bool
    sent:
      description: Whether the value was sent (false in check mode).
      type: bool
    message:
      description: What the Properties API answered (null when nothing was sent).
      type: str
sent:
  description: How many values were sent to the Properties API (0 in check mode).
  returned: always
  type: int
  sample: 1
"""

from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.outsystems.lifetime.plugins.module_utils.configuration_values import apply
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.properties import ITEM_TYPES


class ConfigurationValueModule(LifetimeModule):
    """A LifetimeModule whose value is a no_log value when the task says it is a secret (a secret only sometimes)."""

    def _load_params(self):
        super(ConfigurationValueModule, self)._load_params()
        # Before validation, so that the value is hidden from everything the module logs or returns, also when the
        # arguments are refused.
        value = self.params.get("value")
        try:
            secret = boolean(self.params.get("secret") or False, strict=True)
        except TypeError:
            secret = True  # not a boolean: validation refuses it, and until then the value is treated as a secret
        if secret and value is not None and str(value) != "":
            self.no_log_values.add(str(value))


def main():
    module = ConfigurationValueModule(
        argument_spec=dict(
            module=dict(type="str"),
            environment=dict(type="str", required=True),
            key=dict(type="str", aliases=["item_key"], no_log=False),
            name=dict(type="str", aliases=["item_name"]),
            type=dict(type="str", choices=list(ITEM_TYPES) + [spelling for _path, spelling, _what in ITEM_TYPES.values()]),
            value=dict(type="str", no_log=False),
            secret=dict(type="bool", default=False, no_log=False),
            manifest=dict(type="path"),
        ),
        mutually_exclusive=[("manifest", name) for name in ("module", "key", "name", "type", "value")],
        required_one_of=[("module", "manifest")],
        supports_check_mode=True,
    )
    module.run(apply)


if __name__ == "__main__":
    main()
