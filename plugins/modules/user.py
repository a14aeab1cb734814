#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: user
short_description: Create and update LifeTime IT users, their roles and application roles
version_added: 0.1.0
description:
  - Creates a LifeTime IT user, or brings an existing one (found by username) to match the options given.
  - Sets the user's infrastructure role, name, e-mail, whether the user is active, the password, the roles the user
    has in single applications, and unblocks the user's blocked logins.
  - The LifeTime API cannot delete users. To take access away from a user, set O(active=false); the user stays
    listed in LifeTime as inactive.
  - Options left out are not changed.
options:
  username:
    description:
      - The username (login) of the user. It identifies the user; a user key is accepted too.
    type: str
    required: true
  name:
    description:
      - The full name of the user. When a user is created without it, the username is used.
    type: str
  email:
    description:
      - The e-mail address of the user.
    type: str
  role:
    description:
      - The name or key of the user's infrastructure role, for example C(Developer).
      - Required when the user does not exist yet.
    type: str
  active:
    description:
      - Whether the user is active. V(false) deactivates the user (LifeTime has no way to delete one).
    type: bool
  password:
    description:
      - The user's password. Write-only; LifeTime never returns it, so it cannot be compared.
      - Set on creation, or on every run with O(update_password=always).
      - Never shown in results, diffs or logs.
    type: str
  update_password:
    description:
      - V(on_create) sets O(password) only when the user is created.
      - V(always) sets it on every run, which then always reports a change.
    type: str
    choices: [on_create, always]
    default: on_create
  application_roles:
    description:
      - The roles the user has in single applications, besides the infrastructure role.
      - The user's application roles are made exactly this list (roles in applications not listed are revoked),
        unless O(append_application_roles=true).
    type: list
    elements: dict
    suboptions:
      application:
        description:
          - The name or key of the application.
        type: str
        required: true
      role:
        description:
          - The name or key of the role the user has in that application.
        type: str
        required: true
  append_application_roles:
    description:
      - Only grant the roles in O(application_roles); never revoke others.
    type: bool
    default: false
  unblock:
    description:
      - Unblock the user's blocked logins (in every environment). Only done, and only reported as a change, when the
        user has blocked logins.
    type: bool
    default: false
  state:
    description:
      - Only V(present) is possible; the LifeTime API cannot delete users (use O(active=false)).
    type: str
    choices: [present]
    default: present
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: A developer with a role in one application
  outsystems.lifetime.user:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
    username: carol
    name: Carol Costa
    email: carol@example.com
    role: Developer
    password: "{{ carol_password }}"
    application_roles:
      - application: Orders
        role: Tester

- name: Unblock bob's blocked logins
  outsystems.lifetime.user:
    username: bob
    unblock: true

- name: Take access away from alice (users cannot be deleted)
  outsystems.lifetime.user:
    username: alice
    active: false
"""

RETURN = r"""
user:
  description: The user after the task (in check mode, as it would be), with snake_case keys. Never holds a password.
  returned: always
  type: dict
  contains:
    key:
      description: The user key; null when a user would be created in check mode.
      type: str
    username:
      description: The username.
      type: str
      sample: carol
    name:
      description: The full name.
      type: str
    email:
      description: The e-mail address.
      type: str
    is_active:
      description: Whether the user is active.
      type: bool
    role_key:
      description: The key of the infrastructure role.
      type: str
    role_name:
      description: The name of the infrastructure role.
      type: str
    application_roles:
      description: The user's roles in single applications, sorted by application name.
      type: list
      elements: dict
      sample: [{"application_key": "6f1c...", "application_name": "Orders", "role_key": "9a2b...", "role_name": "Tester"}]
    blocked_logins:
      description: How many blocked logins the user has.
      type: int
      returned: when O(unblock=true)
password_set:
  description: Whether the password was (or in check mode would be) set.
  returned: always
  type: bool
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.access import UPDATE_PASSWORD_CHOICES, create_record, find
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import MASK, LifetimeModule, email_problem
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import record_key, record_name, to_snake
from ansible_collections.outsystems.lifetime.plugins.module_utils.users import (
    SENT_FIELDS,
    USERS_PARAMS,
    all_users,
    app_roles_of,
    desired_app_roles,
    plan_app_roles,
    read_user,
    user_after,
    user_record,
)


def manage(module):
    params = module.params
    problem = email_problem("email", params["email"])
    if problem:
        raise ValueError(problem)
    users = all_users(module)
    current = find(users, params["username"], "Username", "username")
    role = module.lookups.role(params["role"]) if params["role"] else None
    wanted_roles = desired_app_roles(module) if params["application_roles"] is not None else None

    if current is None:
        if role is None:
            raise ValueError("user '%s' does not exist: give 'role' (valid roles: %s) to create it" % (
                params["username"], ", ".join(sorted(record_name(item) for item in module.lookups.roles()))))
        key = None
        before_base = {}
        current_roles = {}
        blocked = []
    else:
        key = record_key(current)
        before_base = dict(read_user(module, key) or current)
        current_roles = app_roles_of(before_base)
        blocked = module.client.get_list(endpoints.path(endpoints.USER_BLOCKED_LOGINS, user_key=key)) if params["unblock"] else []

    after_base = user_after(before_base, params, role, current is None)
    record_changed = current is None or any(before_base.get(name) != after_base.get(name) for name in ("Name", "Email", "IsActive", "RoleKey"))
    grants, revokes, after_roles = plan_app_roles(current_roles, wanted_roles, params["append_application_roles"])
    set_password = bool(params["password"]) and (current is None or params["update_password"] == "always")
    changed = record_changed or bool(grants) or bool(revokes) or set_password or bool(blocked)

    if changed and not module.check_mode:
        body = dict((name, after_base.get(name)) for name in SENT_FIELDS)
        if current is None:
            key = create_record(module, endpoints.USERS, body, "user", params["username"], USERS_PARAMS, "Username", "username")
        elif record_changed:
            body["Key"] = key
            module.client.put(endpoints.path(endpoints.USER, user_key=key), body=body)
        if set_password:
            module.client.post(endpoints.path(endpoints.USER_PASSWORD, user_key=key), body={"password": params["password"]})
        for app_key in revokes:
            module.client.delete(endpoints.path(endpoints.USER_APPLICATION, user_key=key, application_key=app_key))
        for app_key in sorted(grants):
            module.client.post(endpoints.path(endpoints.USER_APPLICATIONS, user_key=key), body={"applicationKey": app_key, "roleKey": grants[app_key]})
        if blocked:
            module.client.delete(endpoints.path(endpoints.USER_BLOCKED_LOGINS, user_key=key))

    before = user_record(key, before_base, current_roles) if current is not None else None
    after = user_record(key, after_base, after_roles)
    if params["unblock"]:
        if before is not None:
            before["BlockedLogins"] = len(blocked)
        after["BlockedLogins"] = 0
    if set_password:
        after["Password"] = MASK
    result_user = dict(after)
    result_user.pop("Password", None)
    module.exit_result(changed, before=before, after=after, user=to_snake(result_user), password_set=set_password)


def main():
    module = LifetimeModule(
        argument_spec=dict(
            username=dict(type="str", required=True),
            name=dict(type="str"),
            email=dict(type="str"),
            role=dict(type="str"),
            active=dict(type="bool"),
            password=dict(type="str", no_log=True),
            update_password=dict(type="str", choices=UPDATE_PASSWORD_CHOICES, default="on_create", no_log=False),
            application_roles=dict(type="list", elements="dict", options=dict(
                application=dict(type="str", required=True),
                role=dict(type="str", required=True),
            )),
            append_application_roles=dict(type="bool", default=False),
            unblock=dict(type="bool", default=False),
            state=dict(type="str", choices=["present"], default="present"),
        ),
        supports_check_mode=True,
    )
    module.run(manage)


if __name__ == "__main__":
    main()
