#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: team
short_description: Create, update and delete LifeTime teams, their members and applications
version_added: 0.1.0
description:
  - Creates a LifeTime team, or brings an existing one (found by name or key) to match the options given, or deletes it.
  - The members (users, each with a role in the team) and the applications of the team are made exactly what is
    asked, or only added to with O(append=true).
options:
  name:
    description:
      - The name of the team; a team key is accepted too.
    type: str
    required: true
  new_name:
    description:
      - Rename the team to this name. A team already called this (and none called O(name)) counts as renamed.
    type: str
  description:
    description:
      - The description of the team.
      - Compared only when LifeTime returns the team's description; a server that does not return it gets the
        description on creation and whenever something else about the team record changes.
    type: str
  members:
    description:
      - The users of the team, each with the role they have in the team's applications.
      - Omitted, the members are not changed; V([]) removes every member (unless O(append=true)).
    type: list
    elements: dict
    suboptions:
      user:
        description:
          - The username or key of the user.
        type: str
        required: true
      role:
        description:
          - The name or key of the user's role in the team.
        type: str
        required: true
  applications:
    description:
      - The names or keys of the team's applications.
      - Omitted, the applications are not changed; V([]) removes every application (unless O(append=true)).
    type: list
    elements: str
  append:
    description:
      - Only add the members and applications given (and change the role of members given with another role);
        never remove any.
    type: bool
    default: false
  state:
    description:
      - V(present) creates or updates the team, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: The payments team, exactly these members and applications
  outsystems.lifetime.team:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
    name: Payments
    description: Payment flows
    members:
      - user: alice
        role: Developer
      - user: bob
        role: Tester
    applications:
      - Orders
      - Inventory

- name: Add bob to Platform, keep everybody else
  outsystems.lifetime.team:
    name: Platform
    members:
      - user: bob
        role: Tester
    append: true

- name: Delete the team
  outsystems.lifetime.team:
    name: Payments
    state: absent
"""

RETURN = r"""
team:
  description: The team after the task (in check mode, as it would be), with snake_case keys; empty when deleted.
  returned: always
  type: dict
  contains:
    key:
      description: The team key; null when a team would be created in check mode.
      type: str
    name:
      description: The team name.
      type: str
      sample: Payments
    description:
      description: The team description.
      type: str
    users:
      description: The members, sorted by username.
      type: list
      elements: dict
      sample: [{"user_key": "1b2c...", "username": "alice", "name": "Alice Almeida", "role_key": "9a2b...", "role_name": "Developer"}]
    applications:
      description: The applications, sorted by name.
      type: list
      elements: dict
      sample: [{"key": "6f1c...", "name": "Orders"}]
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.access import create_record, find, pick_user, plan_membership, sorted_by
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, record_key, record_name, to_snake

TEAMS_PARAMS = {"IncludeUsers": True, "IncludeApplications": True}


def members_of(record):
    """user key -> member record (UserRole) of a Team record."""
    return dict((field(item, "UserKey", "userKey"), item) for item in field(record, "users", "Users") or [])


def apps_of(record):
    return dict((field(item, "Key", "key"), item) for item in field(record, "applications", "Applications") or [])


def team_record(key, name, description, members, apps):
    record = {"key": key, "name": name}
    if description is not None:
        record["description"] = description
    record["users"] = sorted_by(list(members.values()), "Username", "UserKey")
    record["applications"] = sorted_by(list(apps.values()), "Name", "Key")
    return record


def desired_members(module):
    wanted = {}
    for item in module.params["members"] or []:
        user = pick_user(module, item["user"])
        role = module.lookups.role(item["role"])
        wanted[record_key(user)] = {"UserKey": record_key(user), "Name": field(user, "Name"), "Username": field(user, "Username"),
                                    "RoleKey": record_key(role), "RoleName": record_name(role)}
    return wanted


def desired_apps(module):
    wanted = {}
    for item in module.params["applications"] or []:
        app = module.lookups.application(item)
        wanted[record_key(app)] = {"Key": record_key(app), "Name": record_name(app)}
    return wanted


def manage(module):
    params = module.params
    teams = module.lookups.records(endpoints.TEAMS, TEAMS_PARAMS)
    current = find(teams, params["name"], "name", "Name")
    if current is None and params["new_name"] and params["state"] == "present":
        # Already renamed by an earlier run.
        current = find(teams, params["new_name"], "name", "Name")

    if params["state"] == "absent":
        if current is not None and not module.check_mode:
            module.client.delete(endpoints.path(endpoints.TEAM, team_key=record_key(current)))
        before = None
        if current is not None:
            before = team_record(record_key(current), record_name(current), field(current, "description", "Description"),
                                 members_of(current), apps_of(current))
        module.exit_result(current is not None, before=before, after={}, team={})
        return

    wanted_members = desired_members(module) if params["members"] is not None else None
    wanted_apps = desired_apps(module) if params["applications"] is not None else None

    if current is None:
        key, name, description = None, params["new_name"] or params["name"], params["description"] or ""
        current_members, current_apps = {}, {}
        has_description = True
        before = None
    else:
        key, name = record_key(current), record_name(current)
        has_description = any(word in current for word in ("description", "Description"))
        description = field(current, "description", "Description") if has_description else None
        current_members, current_apps = members_of(current), apps_of(current)
        before = team_record(key, name, description, current_members, current_apps)

    after_name = params["new_name"] or name
    after_description = description
    if params["description"] is not None and (has_description or current is None):
        after_description = params["description"]
    record_changed = current is None or after_name != name or after_description != description

    member_sets, member_removals = {}, []
    after_members = dict(current_members)
    if wanted_members is not None:
        member_sets, member_removals = plan_membership(dict((k, field(v, "RoleKey")) for k, v in current_members.items()),
                                                       dict((k, v["RoleKey"]) for k, v in wanted_members.items()), params["append"])
        for user_key in member_sets:
            after_members[user_key] = wanted_members[user_key]
        for user_key in member_removals:
            del after_members[user_key]

    app_adds, app_removals = {}, []
    after_apps = dict(current_apps)
    if wanted_apps is not None:
        app_adds, app_removals = plan_membership(dict((k, None) for k in current_apps), dict((k, None) for k in wanted_apps), params["append"])
        for app_key in app_adds:
            after_apps[app_key] = wanted_apps[app_key]
        for app_key in app_removals:
            del after_apps[app_key]

    changed = record_changed or bool(member_sets or member_removals or app_adds or app_removals)
    if changed and not module.check_mode:
        body = {"name": after_name}
        if params["description"] is not None:
            body["description"] = params["description"]
        if current is None:
            key = create_record(module, endpoints.TEAMS, body, "team", after_name, TEAMS_PARAMS, "name", "Name")
        elif record_changed:
            module.client.put(endpoints.path(endpoints.TEAM, team_key=key), body=body)
        for user_key in member_removals:
            module.client.delete(endpoints.path(endpoints.TEAM_USER, team_key=key, user_key=user_key))
        for user_key in sorted(member_sets):
            module.client.post(endpoints.path(endpoints.TEAM_USERS, team_key=key), body={"userKey": user_key, "roleKey": member_sets[user_key]})
        for app_key in app_removals:
            module.client.delete(endpoints.path(endpoints.TEAM_APPLICATION, team_key=key, application_key=app_key))
        for app_key in sorted(app_adds):
            module.client.post(endpoints.path(endpoints.TEAM_APPLICATIONS, team_key=key), body={"Key": app_key, "Name": wanted_apps[app_key]["Name"]})

    after = team_record(key, after_name, after_description, after_members, after_apps)
    module.exit_result(changed, before=before, after=after, team=to_snake(after))


def main():
    module = LifetimeModule(
        argument_spec=dict(
            name=dict(type="str", required=True),
            new_name=dict(type="str"),
            description=dict(type="str"),
            members=dict(type="list", elements="dict", options=dict(
                user=dict(type="str", required=True),
                role=dict(type="str", required=True),
            )),
            applications=dict(type="list", elements="str"),
            append=dict(type="bool", default=False),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        supports_check_mode=True,
    )
    module.run(manage)


if __name__ == "__main__":
    main()
