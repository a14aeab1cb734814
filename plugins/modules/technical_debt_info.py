#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: technical_debt_info
short_description: Read the technical debt of OutSystems applications from AI Mentor Studio, and check it against thresholds
version_added: 0.1.0
description:
  - Reads the AI Mentor Studio API (formerly the Architecture Dashboard API) of the infrastructure - the technical debt
    levels, the finding categories and their patterns, the date of the last analysis - and each application's level and
    findings (counts per pattern and category), for the whole application and per module.
  - Reads every page of the applications (C(Offset) and C(NextPageOffset)), not only the first.
  - For the applications asked, an application AI Mentor Studio has no data for (it answers HTTP 404) is returned with
    RV(applications[].has_data=false) and listed in RV(no_data); it is never counted as a pass.
  - With O(max_level) or O(max_security_findings), also returns RV(gate), which lists every application above the
    thresholds with its level and counts. The module itself does not fail on them; the C(outsystems.lifetime.promote)
    role does (C(promote_techdebt_gate)).
options:
  applications:
    description:
      - Names or keys of LifeTime applications. Names are resolved through LifeTime; the LifeTime application key is
        the application GUID in AI Mentor Studio.
      - When omitted, every application AI Mentor Studio has data for is returned (and LifeTime is not called).
      - The listing of all applications is read once, every page; an application asked for that is not in it is asked for
        on its own, and an HTTP 404 then means no data.
    type: list
    elements: str
    aliases: [application]
  max_level:
    description:
      - The highest technical debt level allowed, by name (for example V(Medium)).
      - A level's severity is its position in the list AI Mentor Studio returns (first = least severe), as OutSystems'
        pipeline reads it; an application whose level comes later in that list is above the threshold.
      - A name the server does not list fails, naming the valid levels.
    type: str
  max_security_findings:
    description:
      - The most security findings an application may have, counted over the category named C(Security) (as returned by
        the category list, case-insensitive).
      - The count is the larger of the application's own findings in that category and the sum over its modules, so a
        finding is neither counted twice nor missed.
    type: int
  allow_no_data:
    description:
      - Whether an application AI Mentor Studio has no data for passes the gate. By default it is an offender.
    type: bool
    default: false
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.ai_mentor_studio
  - outsystems.lifetime.attributes.INFO_MODULE
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: The technical debt of every analysed application
  outsystems.lifetime.technical_debt_info:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
    aims_url: http://127.0.0.1:8080/AIMentorStudioAPI/rest/v1
    aims_api_key: "{{ aims_api_key }}"
    aims_activation_code: "{{ aims_activation_code }}"
  register: debt

- name: Show each application's level
  ansible.builtin.debug:
    msg: "{{ debt.applications | map(attribute='name') | zip(debt.applications | map(attribute='level')) | list }}"

- name: Check two applications against thresholds (HR Onboarding has no data, Orders is above them)
  outsystems.lifetime.technical_debt_info:
    applications: [Customer Portal, Orders, HR Onboarding]
    max_level: Medium
    max_security_findings: 0
    aims_url: http://127.0.0.1:8080/AIMentorStudioAPI/rest/v1
    aims_api_key: "{{ aims_api_key }}"
    aims_activation_code: "{{ aims_activation_code }}"
  register: checked

- name: Name the offenders
  ansible.builtin.debug:
    msg: "{{ checked.gate.message }}"
"""

RETURN = r"""
last_analysis_date:
  description: When AI Mentor Studio last analysed the code (UTC), or null when it never did.
  returned: always
  type: str
  sample: "2026-03-02T08:30:00.500000Z"
levels:
  description: The technical debt levels in the server's order, least severe first.
  returned: always
  type: list
  elements: dict
  contains:
    guid:
      description: The level's GUID.
      type: str
    name:
      description: The level's name.
      type: str
      sample: Medium
    severity:
      description: The level's position in the server's list, from 0 (least severe).
      type: int
categories:
  description: The finding categories, each with its patterns.
  returned: always
  type: list
  elements: dict
  contains:
    guid:
      description: The category's GUID.
      type: str
    name:
      description: The category's name.
      type: str
      sample: Security
    is_security:
      description: Whether this is the Security category (the one O(max_security_findings) counts).
      type: bool
    patterns:
      description: The category's patterns (guid, name).
      type: list
      elements: dict
applications:
  description:
    - The applications asked for, in the order asked, or every analysed application.
  returned: always
  type: list
  elements: dict
  contains:
    key:
      description: The LifeTime application key (the application GUID in AI Mentor Studio).
      type: str
    name:
      description: The application's name.
      type: str
    has_data:
      description: False when AI Mentor Studio has no data for the application (its answer was HTTP 404).
      type: bool
    level:
      description: The application's technical debt level name; null without data.
      type: str
    level_guid:
      description: The level's GUID as the server sent it.
      type: str
    severity:
      description: The level's position in RV(levels); null without data or for a level the server does not list.
      type: int
    findings:
      description: The application's findings, one per pattern (category_guid, category, pattern_guid, pattern, count).
      type: list
      elements: dict
    modules:
      description: The modules, each with key, name, level, level_guid, severity, findings and security_findings.
      type: list
      elements: dict
    findings_by_category:
      description: Category name to number of findings.
      type: dict
      sample: {"Security": 3, "Architecture": 4}
    security_findings:
      description: Findings in the Security category; null without data.
      type: int
no_data:
  description: The names of the applications asked for that AI Mentor Studio has no data for.
  returned: always
  type: list
  elements: str
gate:
  description: The check against the thresholds.
  returned: when O(max_level) or O(max_security_findings) is set
  type: dict
  contains:
    passed:
      description: True when no application is an offender.
      type: bool
    max_level:
      description: The threshold level's name as the server spells it.
      type: str
    max_severity:
      description: The threshold level's position in RV(levels).
      type: int
    max_security_findings:
      description: The threshold for security findings.
      type: int
    allow_no_data:
      description: Whether an application without data passes.
      type: bool
    checked:
      description: How many applications were checked.
      type: int
    offenders:
      description: Every application above a threshold, or without data when that is not allowed, with key, name, level,
        has_data, security_findings, findings_by_category and reasons (every reason, not only the first).
      type: list
      elements: dict
    message:
      description: One line per offender with its level and counts, or the statement that the gate passed.
      type: str
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeError
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.technical_debt import (
    aims_argument_spec,
    aims_client,
    gate,
    technical_debt,
)
from ansible_collections.outsystems.lifetime.plugins.module_utils.unexpected import (
    current_traceback,
    describe_exception,
    is_deliberate,
)


def gather(module):
    client = aims_client(module.params)
    asked = None
    if module.params["applications"] is not None:
        asked = []
        for wanted in module.params["applications"]:
            record = module.lookups.application(wanted)
            asked.append((record["Key"], record["Name"]))
    try:
        result, catalog = technical_debt(client, asked)
    except LifetimeError:
        raise
    except Exception as exc:  # pylint: disable=broad-except
        if is_deliberate(exc):
            raise
        # The module base would name the last LifeTime request; this answer came from AI Mentor Studio.
        method, path = client.last_request
        module.fail_json(msg="unexpected answer from AI Mentor Studio to %s %s: %s. Run with -vvv for the traceback." % (
            method, path, describe_exception(exc)), exception=current_traceback(), method=method, path=path)
    if module.params["max_level"] is not None or module.params["max_security_findings"] is not None:
        result["gate"] = gate(result["applications"], catalog, module.params["max_level"],
                              module.params["max_security_findings"], module.params["allow_no_data"])
    module.exit_json(changed=False, **result)


def main():
    spec = dict(
        applications=dict(type="list", elements="str", aliases=["application"]),
        max_level=dict(type="str"),
        max_security_findings=dict(type="int"),
        allow_no_data=dict(type="bool", default=False),
    )
    spec.update(aims_argument_spec())
    module = LifetimeModule(argument_spec=spec, supports_check_mode=True)
    module.run(gather)


if __name__ == "__main__":
    main()
