#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: deployment_info
short_description: List LifeTime deployment plans, or read one with its conflicts, status and log
version_added: 0.1.0
description:
  - With O(key), returns that plan with its operations, conflicts, the applications LifeTime redeploys, its status and its log.
  - Otherwise returns the plans created between O(min_date) and O(max_date) (by default, the last week), newest first,
    each with its status.
options:
  key:
    description:
      - The key of one deployment plan. The filters are ignored when it is given.
    type: str
  min_date:
    description:
      - Only plans created on or after this date (C(YYYY-MM-DD) or an ISO 8601 date and time). LifeTime's default is a week ago.
    type: str
  max_date:
    description:
      - Only plans created on or before this date (C(YYYY-MM-DD) or an ISO 8601 date and time).
    type: str
  target_environment:
    description:
      - The name or key of the target environment of the plans.
    type: str
  status:
    description:
      - Only plans with one of these statuses (filtered here, after reading each plan's status).
    type: list
    elements: str
    choices: [saved, running, needs_user_intervention, aborting, aborted, finished_successful, finished_with_warnings,
              finished_with_errors, force_finished]
notes:
  - Reading the plans' statuses takes one request per plan.
seealso:
  - module: outsystems.lifetime.deployment
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes.INFO_MODULE
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: Plans to Production that are running or waiting
  outsystems.lifetime.deployment_info:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
    target_environment: Production
    status: [running, needs_user_intervention]
  register: busy

- name: One plan with its conflicts and log
  outsystems.lifetime.deployment_info:
    key: "{{ busy.deployments[0].key }}"
  when: busy.deployments | length > 0
"""

RETURN = r"""
deployments:
  description: The plans, newest first, as snake_case C(Deployment_v2) records with their status.
  returned: always
  type: list
  elements: dict
  contains:
    key:
      description: The plan key.
      type: str
    source_environment_key:
      description: The source environment key (empty for a binary deployment).
      type: str
    target_environment_key:
      description: The target environment key.
      type: str
    source_environment:
      description: The source environment name.
      type: str
    target_environment:
      description: The target environment name.
      type: str
    notes:
      description: The plan's notes.
      type: str
    created_on:
      description:
        - When the plan was created, as LifeTime sent it. Every date field of the plan (C(started_on), C(aborted_on)...)
          that LifeTime has not set (C(1900-01-01T00:00:00)) is null.
      type: str
    application_operations:
      description: The plan's operations.
      type: list
      elements: dict
    status:
      description: The plan's status.
      type: str
    info:
      description: Why the plan needs user intervention, when it does.
      type: str
    deployment_log:
      description: The plan's log (each with C(instant) and C(message), and C(type) where LifeTime sends one).
      type: list
      elements: dict
      returned: when O(key) is given
    conflicts:
      description: The conflicts LifeTime reports for the plan.
      type: list
      elements: dict
      returned: when O(key) is given
    applications_to_deploy:
      description: The applications in a binary deployment (C(application_key), C(application_name), C(is_new)); empty for another plan.
      type: list
      elements: dict
      returned: when O(key) is given
    applications_to_redeploy:
      description: Keys of consumer applications LifeTime redeploys.
      type: list
      elements: str
      returned: when O(key) is given
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils import plan_records as dep
from ansible_collections.outsystems.lifetime.plugins.module_utils.dates import without_unset_dates
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeApiError
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, record_key, record_name, to_snake

STATUSES = ["saved", "running", "needs_user_intervention", "aborting", "aborted", "finished_successful",
            "finished_with_warnings", "finished_with_errors", "force_finished"]


def with_names(record, names):
    record = dict(record)
    for side in ("source", "target"):
        key = record.get("%s_environment_key" % side) or ""
        record["%s_environment" % side] = names.get(key.lower())
    return record


def gather(module):
    params = module.params
    client = module.client
    names = dict(((record_key(env) or "").lower(), record_name(env)) for env in module.lookups.environments())
    if params["key"]:
        try:
            details = client.get(endpoints.path(endpoints.DEPLOYMENT, deployment_key=params["key"]))
        except LifetimeApiError as exc:
            if exc.status == 404:
                module.fail_json(msg="deployment plan '%s' not found" % params["key"])
            raise
        status = client.get(endpoints.path(endpoints.DEPLOYMENT_STATUS, deployment_key=params["key"])) or {}
        record = without_unset_dates(to_snake(field(details, "Deployment") or {}))
        record.update(status=dep.status_of(status), info=dep.info_of(status) or None, deployment_log=dep.log_of(status),
                      conflicts=to_snake(field(details, "ApplicationConflicts") or []),
                      applications_to_deploy=to_snake(field(details, "ApplicationsToDeploy") or []),
                      applications_to_redeploy=list(field(details, "ApplicationsToRedeploy") or []))
        module.exit_json(changed=False, deployments=[with_names(record, names)])
    query = {"MinDate": params["min_date"], "MaxDate": params["max_date"]}
    if params["target_environment"]:
        query["TargetEnvironmentKey"] = record_key(module.lookups.environment(params["target_environment"]))
    plans = client.get_list(endpoints.DEPLOYMENTS, params=query)
    wanted = set(params["status"] or [])
    result = []
    for plan in plans:
        status = client.get(endpoints.path(endpoints.DEPLOYMENT_STATUS, deployment_key=record_key(plan))) or {}
        if wanted and dep.status_of(status) not in wanted:
            continue
        record = without_unset_dates(to_snake(plan))
        record.update(status=dep.status_of(status), info=dep.info_of(status) or None)
        result.append(with_names(record, names))
    module.exit_json(changed=False, deployments=result)


def main():
    module = LifetimeModule(
        argument_spec=dict(
            key=dict(type="str", no_log=False),
            min_date=dict(type="str"),
            max_date=dict(type="str"),
            target_environment=dict(type="str"),
            status=dict(type="list", elements="str", choices=STATUSES),
        ),
        supports_check_mode=True,
    )
    module.run(gather)


if __name__ == "__main__":
    main()
