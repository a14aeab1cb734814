# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the user module reads and decides: the user record as LifeTime gives it, its roles in single applications,
the record after the task, and the application roles to grant or revoke."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.access import plan_membership, sorted_by
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, record_key, record_name

FIELDS = (("name", "Name"), ("email", "Email"), ("active", "IsActive"))
SENT_FIELDS = ("Username", "Name", "Email", "IsActive", "RoleKey")
USERS_PARAMS = {"IncludeInactive": True, "IncludeApplicationRoles": True}


def all_users(module):
    return module.lookups.records(endpoints.USERS, USERS_PARAMS)


def read_user(module, key):
    return module.client.get(endpoints.path(endpoints.USER, user_key=key), params={"includeApplicationRoles": True}) or {}


def app_roles_of(record):
    """application key -> (application name, role key, role name) of a User record."""
    roles = {}
    for item in field(record, "ApplicationRoles", "applicationRoles") or []:
        app_key = field(item, "applicationKey", "ApplicationKey")
        if app_key:
            roles[app_key] = (field(item, "applicationName", "ApplicationName"), field(item, "roleKey", "RoleKey"),
                              field(item, "roleName", "RoleName"))
    return roles


def user_record(key, base, app_roles):
    record = dict((name, base.get(name)) for name in ("Username", "Name", "Email", "IsActive", "RoleKey", "RoleName"))
    record["Key"] = key
    record["ApplicationRoles"] = sorted_by([{"applicationKey": app_key, "applicationName": name, "roleKey": role_key, "roleName": role_name}
                                            for app_key, (name, role_key, role_name) in app_roles.items()], "applicationName")
    return record


def desired_app_roles(module):
    wanted = {}
    for item in module.params["application_roles"] or []:
        app = module.lookups.application(item["application"])
        role = module.lookups.role(item["role"])
        wanted[record_key(app)] = (record_name(app), record_key(role), record_name(role))
    return wanted


def user_after(before, params, role, creating):
    """The user's fields (LifeTime's names) after the task: what is asked over what is there."""
    after = dict(before)
    if creating:
        after.update({"Username": params["username"], "Name": params["name"] or params["username"],
                      "Email": params["email"] or "", "IsActive": True if params["active"] is None else params["active"]})
    for option, name in FIELDS:
        if params[option] is not None:
            after[name] = params[option]
    if role is not None:
        after["RoleKey"] = record_key(role)
        after["RoleName"] = record_name(role)
    return after


def plan_app_roles(current_roles, wanted_roles, append):
    """(grants: application key -> role key, revokes: [application key], the application roles after)."""
    if wanted_roles is None:
        return {}, [], dict(current_roles)
    grants, revokes = plan_membership(dict((k, v[1]) for k, v in current_roles.items()),
                                      dict((k, v[1]) for k, v in wanted_roles.items()), append)
    after_roles = dict(current_roles)
    after_roles.update((app_key, wanted_roles[app_key]) for app_key in grants)
    for app_key in revokes:
        del after_roles[app_key]
    return grants, revokes, after_roles
