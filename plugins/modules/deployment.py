#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: deployment
short_description: Create, reuse, start, continue, abort or delete a LifeTime deployment plan
version_added: 0.1.0
description:
  - Promotes applications from a source environment to a target environment with a LifeTime deployment plan, and waits
    for it to finish.
  - Everything is validated before anything is created; environments, applications, versions and deployment zones are
    given by name or key.
  - Applications the target already runs at the asked version (unmodified) are left out. When none is left, nothing is
    created and RV(skipped_applications) says why.
  - A saved plan from the same source to the same target with the same operations is reused instead of duplicated. A plan
    with the same operations that is already running (for example from a run that timed out) is waited for, not
    duplicated (the task then reports C(changed=false) unless it sends the plan a command, such as continue). A plan that
    already finished is never started again.
  - Conflicts are known only once a plan exists, so check mode cannot predict a failure caused by conflicts in a plan it
    would create.
  - A plan this task created and could not start (conflicts, a refused start) is deleted, so no plan is left behind.
options:
  state:
    description:
      - V(present) makes a saved plan (created, reused or updated) without starting it.
      - V(started) makes the plan and starts it, or goes on with a plan already started; with O(wait=true) it waits for the end.
      - V(aborted) aborts the plan O(key) when it is running or waiting for user intervention.
      - V(absent) deletes the saved plan O(key). Only saved plans can be deleted.
    type: str
    choices: [present, started, aborted, absent]
    default: started
  key:
    description:
      - The key of an existing plan, made by another task, job or the LifeTime UI.
      - With O(state=started), the plan is started, or continued past its two-step stop, or waited for.
      - With O(applications), a saved plan whose operations differ is updated.
      - Required with O(state=aborted) and O(state=absent).
    type: str
  source_environment:
    description:
      - The name or key of the environment to deploy from. Required unless O(key) is given.
    type: str
  target_environment:
    description:
      - The name or key of the environment to deploy to. Required unless O(key) is given. Must differ from the source.
    type: str
  applications:
    description:
      - The applications to deploy. Each is a name or key, or a dictionary with C(name) and optionally C(version) and C(deployment_zone).
      - Required unless O(key) is given.
      - C(name) is the application name or key (required in a dictionary).
      - C(version) is the version string (for example V(1.2.0)) or the version key. Default is the tagged version the
        application runs in the source. An application modified in the source since that version was tagged is deployed
        at that version (without the changes), with a warning.
      - C(deployment_zone) is the name or key of a deployment zone of the target. Default is the zone the application uses
        in the target, or the target's default zone.
    type: list
    elements: raw
  plan:
    description:
      - What to deploy as M(outsystems.lifetime.promotion_plan_info) decided it, by key, so nothing is looked up again,
        C(source_environment) and C(target_environment) (each a dictionary with C(key) and C(name)) and C(applications),
        a list of that module's RV(outsystems.lifetime.promotion_plan_info#module:selected) entries (C(name), C(key),
        C(version), C(version_key), C(from_version), C(from_version_key), C(zone), C(zone_key)).
      - Every application is deployed at C(version_key) (no check of what the target runs, the selection skipped that). The
        requests before the plan are then the target's plans only.
      - Instead of O(source_environment), O(target_environment) and O(applications).
    type: dict
  notes:
    description:
      - Notes of a new plan. Not compared when looking for a plan to reuse.
    type: str
  redeploy_outdated:
    description:
      - Let LifeTime redeploy the consumer applications made outdated by the deployment.
    type: bool
    default: true
  wait:
    description:
      - Wait until the started plan finishes, continuing past the two-step stop and applying O(db_mappings) as asked.
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds to wait (more than 0). A running plan's status is read 2 seconds after the start, then after pauses
        of a tenth of the time it has run so far (2 to 15 seconds).
      - Also bounds the wait for other plans on LifeTime before 11.24, which refuses to start a plan while another plan to
        the same target runs; after such a refusal the task waits until no other plan runs there, then starts; when
        O(wait_timeout) passes first it fails naming those plans and deletes the plan it created. A start LifeTime
        accepts costs no extra request.
    type: int
    default: 3600
  two_step:
    description:
      - What to do when a two-step deployment stops after its first step (C(deployment_prepared)).
      - V(continue) goes on to the second step. V(stop) returns there with RV(status=needs_user_intervention); run again
        with O(key) and V(continue) to finish.
    type: str
    choices: [continue, stop]
    default: continue
  db_mappings:
    description:
      - Database connections for extension logical databases, applied when the plan waits for them
        (C(needs_configuration_or_confirmation)). Sent as the C(ExtensionDBFullMapping) list of
        C(POST /deployments/{key}/configuration/).
      - LifeTime answers the mappings with C(Mapping succeeded and deployment triggered) and resumes the plan by itself, so
        no continue is sent after them (in check mode, only the configuration is predicted).
      - When the plan waits for mappings this option does not give, the task fails listing the missing ones and leaves
        the plan waiting.
    type: list
    elements: dict
    suboptions:
      extension:
        description: The extension name or key.
        type: str
        required: true
        aliases: [extension_key, extension_name]
      logical_database:
        description: The logical database name in the extension.
        type: str
        required: true
        aliases: [logical_database_name]
      database:
        description: The database connection name in the target environment.
        type: str
        required: true
        aliases: [database_name]
  allow_conflicts:
    description:
      - Start a plan even when LifeTime reports conflicts for it. By default the task fails before starting, and deletes
        the plan when this task created it.
      - LifeTime itself may still refuse to start a plan with conflicts; see O(continue_with_errors).
    type: bool
    default: false
  on_timeout:
    description:
      - What to do when O(wait_timeout) is reached. V(fail) leaves the plan as it is and fails with its key and status.
        V(abort) aborts the plan this task started, waits briefly for it to be aborted, then fails.
    type: str
    choices: [fail, abort]
    default: fail
  continue_with_errors:
    description:
      - Send C(ContinueWithErrors=true) with the start command (not in the published API, but accepted by LifeTime).
    type: bool
    default: false
  continue_intervention:
    description:
      - With O(key), continue the plan when it waits for user intervention for a reason the module does not handle by
        itself, such as C(deployment_suspended) (an error) or C(business_process_impact). Set it only after checking the
        plan's deployment log. One continue is sent; if the plan stops again, the task fails again.
      - Without it such a plan fails the task and is left as it is (the module never continues blindly). The two-step
        stop and missing database mappings are handled by O(two_step) and O(db_mappings) instead.
    type: bool
    default: false
notes:
  - Requests before the plan is created do not grow with the number of applications; one environment list, one application
    list with their status per environment, and the target's plans; the target's zones only when a zone is asked or an
    application is new in the target; versions only for an application whose asked version string runs in no environment.
  - A running plan's status is read 2 s after the start, then after pauses of a tenth of the time it has run so far
    (2 s to 15 s). A short deployment is seen finished within 2 s, a long one within about 10% of its duration.
  - Plans are looked up among the target's plans of the last week (the LifeTime default).
seealso:
  - module: outsystems.lifetime.deployment_info
  - module: outsystems.lifetime.binary_deployment
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: Promote two applications from Development to Test and wait
  outsystems.lifetime.deployment:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
    source_environment: Development
    target_environment: Test
    applications:
      - Customer Portal
      - name: Mobile Banking
        version: 3.1.0
    notes: Sprint 42
  register: promotion

- name: Prepare a two-step deployment and stop before the second step
  outsystems.lifetime.deployment:
    source_environment: Test
    target_environment: Production
    applications: [Orders]
    two_step: stop
  register: prepared

- name: Later, finish it
  outsystems.lifetime.deployment:
    key: "{{ prepared.key }}"
    two_step: continue

- name: Save a plan for someone to review in LifeTime
  outsystems.lifetime.deployment:
    state: present
    source_environment: Development
    target_environment: Test
    applications:
      - name: HR Onboarding
        deployment_zone: DMZ
  register: review

- name: Delete that plan (only saved plans can be deleted)
  outsystems.lifetime.deployment:
    state: absent
    key: "{{ review.key }}"

- name: Deploy with database mappings for an extension (applied only if the plan asks for them)
  outsystems.lifetime.deployment:
    source_environment: Development
    target_environment: Test
    applications: [HR Onboarding]
    db_mappings:
      - extension: ERPConnector
        logical_database: ERP
        database: ERPConnection

- name: Continue a plan that LifeTime suspended (deployment_suspended), after checking its log
  outsystems.lifetime.deployment:
    key: "{{ promotion.key }}"
    continue_intervention: true

- name: Start a deployment and return at once
  outsystems.lifetime.deployment:
    source_environment: Test
    target_environment: Production
    applications: [Shared Components]
    two_step: stop
    wait: false
  register: background

- name: Abort it (a plan can be aborted while it runs or waits for user intervention)
  outsystems.lifetime.deployment:
    state: aborted
    key: "{{ background.key }}"
"""

RETURN = r"""
key:
  description: The plan's key. Empty when nothing needed deploying, or in check mode before a plan exists.
  returned: always
  type: str
status:
  description: The plan's status (C(saved), C(running), C(needs_user_intervention), C(finished_successful), ...).
  returned: always
  type: str
  sample: finished_successful
info:
  description: Why a plan needs user intervention (C(deployment_prepared), C(needs_configuration_or_confirmation), ...).
  returned: always
  type: str
deployment_log:
  description: The plan's deployment log.
  returned: always
  type: list
  elements: dict
  contains:
    instant:
      description: When the message was logged.
      type: str
    message:
      description: The message.
      type: str
    type:
      description:
        - C(Info), C(Warning) or C(Error), only where LifeTime sends it (the swagger has it; LifeTime's documented logs
          have only C(instant) and C(message)).
      type: str
      returned: when LifeTime sends it
applications_to_deploy:
  description: The applications this plan deploys.
  returned: always
  type: list
  elements: dict
  contains:
    application_name:
      description: The application name.
      type: str
    application_key:
      description: The application key.
      type: str
    from_version:
      description: The version the target runs now (null when the application is new there, or when LifeTime named it by key only
        and O(plan) gave no label).
      type: str
    from_version_key:
      description: The key of the version the target runs now (empty when the application is new there).
      type: str
    to_version:
      description: The version deployed (from the plan's operations when LifeTime named it by key only).
      type: str
    version_key:
      description: The key of the version deployed.
      type: str
    deployment_zone:
      description:
        - The name of the target's deployment zone. Null when LifeTime picks it, and when the application stays in the zone it
          has in the target and the task did not list the target's zones for another reason (C(deployment_zone_key) has it).
      type: str
    deployment_zone_key:
      description: The key of that zone (empty when LifeTime picks it).
      type: str
applications_to_redeploy:
  description: Consumer applications LifeTime redeploys because the plan makes them outdated.
  returned: always
  type: list
  elements: dict
conflicts:
  description: The conflicts LifeTime reports for the plan (snake_case C(ApplicationConflict) records).
  returned: always
  type: list
  elements: dict
skipped_applications:
  description:
    - The applications left out, each with C(application_name), C(application_key), C(version) and C(reason).
    - Not named C(skipped), which Ansible reads as "the task was skipped".
  returned: always
  type: list
  elements: dict
warnings:
  description:
    - Ansible's warnings of the task; the deployment's own are among them (modified applications, warnings of a plan
      that finished with warnings, a deleted plan, other plans waited for).
    - The warnings of a plan that finished with warnings are its log entries of type C(Warning) where LifeTime gives
      types; LifeTime's documented logs have none, so then the messages that mention a warning, or else one warning
      with the log's last messages.
  returned: when there are any
  type: list
  elements: str
created:
  description: Whether this task created the plan (predicted in check mode).
  returned: always
  type: bool
started:
  description: Whether this task started the plan (predicted in check mode).
  returned: always
  type: bool
durations:
  description:
    - C(created_on), C(started_on), C(finished_on) and C(seconds) from start to finish.
    - C(started_on) is the plan's C(StartedOn), or else the first entry of its deployment log; C(finished_on) the last
      entry of the log of a finished plan. Dates are as LifeTime sent them (UTC); one LifeTime has not set
      (C(1900-01-01T00:00:00)) is null.
  returned: always
  type: dict
plan:
  description:
    - The plan record (snake_case C(Deployment_v2)) as read before this task started or continued it; its status and
      times after that are in C(status), C(deployment_log) and C(durations).
    - Dates LifeTime has not set (C(started_on) of a plan not yet started is C(1900-01-01T00:00:00) there) are null.
  returned: always
  type: dict
msg:
  description: What happened, when nothing was deployed.
  returned: sometimes
  type: str
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils.deployment_task import Options, deployment_argument_spec, report
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.plans import STATES, PlanTask
from ansible_collections.outsystems.lifetime.plugins.module_utils.selection import normalize_applications


def run(module):
    params = module.params
    applications = normalize_applications(params["applications"])
    task = PlanTask(module.client, module.lookups, Options.from_params(params), check_mode=module.check_mode)
    if params["plan"]:
        task.given_plan(params["plan"])
    report(module, lambda: task.run(params["state"], key=params["key"], source_environment=params["source_environment"],
                                    target_environment=params["target_environment"], applications=applications, notes=params["notes"]))


def main():
    spec = dict(
        state=dict(type="str", default="started", choices=list(STATES)),
        key=dict(type="str", no_log=False),
        source_environment=dict(type="str"),
        target_environment=dict(type="str"),
        applications=dict(type="list", elements="raw"),
        plan=dict(type="dict"),
        notes=dict(type="str"),
        redeploy_outdated=dict(type="bool", default=True),
        db_mappings=dict(type="list", elements="dict", options=dict(
            extension=dict(type="str", required=True, aliases=["extension_key", "extension_name"]),
            logical_database=dict(type="str", required=True, aliases=["logical_database_name"]),
            database=dict(type="str", required=True, aliases=["database_name"]),
        )),
        allow_conflicts=dict(type="bool", default=False),
        continue_with_errors=dict(type="bool", default=False),
        continue_intervention=dict(type="bool", default=False),
    )
    spec.update(deployment_argument_spec())
    module = LifetimeModule(argument_spec=spec, supports_check_mode=True, required_if=[
        ("state", "aborted", ["key"]),
        ("state", "absent", ["key"]),
        ("state", "present", ["key", "applications", "plan"], True),
        ("state", "started", ["key", "applications", "plan"], True),
        ("continue_intervention", True, ["key"]),
    ], mutually_exclusive=[("plan", "applications"), ("plan", "source_environment"), ("plan", "target_environment"), ("plan", "key")])
    module.run(run)


if __name__ == "__main__":
    main()
