# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the db_connection module decides: the provider, the body LifeTime takes on a create or an edit, the record
after the change, and the role and user permission levels to set or revoke (and sending them)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.access import (
    current_permissions,
    db_levels,
    level_value,
    permission_list,
    pick_level,
    pick_user,
)
from ansible_collections.outsystems.lifetime.plugins.module_utils.lookups import pick
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, record_key, record_name


def pick_provider(providers, wanted, current, env, name):
    """The database provider asked for, else the current connection's; fails when a new connection names none."""
    if wanted:
        return pick("database provider", [dict(item, Name=item.get("DisplayName"), Key=item.get("ProviderKey")) for item in providers],
                    wanted, " in environment '%s'" % record_name(env))
    if current is not None:
        return next((dict(item, Key=item.get("ProviderKey")) for item in providers
                     if item.get("DisplayName") == field(current, "providerName")), None)
    raise ValueError("database connection '%s' does not exist in '%s': give 'provider' (valid providers: %s) to create it" % (
        name, record_name(env), ", ".join(item.get("DisplayName") or "" for item in providers)))


def request_of(params, name, provider):
    """The fields the task sets (None left out)."""
    request = {"dbConnectionName": params["new_name"] or name, "providerKey": provider and provider.get("Key"), "description": params["description"],
               "dbUsername": params["user"], "dbPassword": params["password"], "dbConfigParams": params["connection_string"]}
    return dict((key, value) for key, value in request.items() if value is not None)


def edit_body(request, current):
    """The whole connection LifeTime takes on an edit or a test: what is not asked keeps its current value."""
    body = dict(request)
    body.setdefault("dbConfigParams", field(current or {}, "databaseConfiguration") or "")
    body.setdefault("description", field(current or {}, "description") or "")
    return body


def create_body(request):
    body = dict(request)
    for key in ("dbUsername", "dbPassword", "dbConfigParams", "description"):
        body.setdefault(key, "")
    return body


def test_connection(client, env_key, params, request, current):
    """Test the connection as asked before anything changes; LifeTime never returns a user or password to test with."""
    missing = [option for option in ("user", "password") if not params[option]]
    if current is None and not params["connection_string"]:
        missing.append("connection_string")
    if missing:
        raise ValueError("test needs %s (LifeTime never returns a connection's user or password)" % ", ".join(missing))
    client.post(endpoints.path(endpoints.DB_CONNECTION_TEST, environment_key=env_key), body=edit_body(request, current))
    return {"success": True}


def record_after(current, name, params, provider):
    """The connection record as it will read after the task (LifeTime's field names)."""
    after = dict(current) if current else {"dbConnectionName": name, "isAdvancedConfiguration": False}
    after["dbConnectionName"] = params["new_name"] or name
    if provider is not None:
        after["providerName"] = provider.get("DisplayName")
    if params["connection_string"] is not None:
        after["databaseConfiguration"] = params["connection_string"]
    if params["description"] is not None and (current is None or "description" in current):
        after["description"] = params["description"]
    return after


class Permissions:
    """The permission levels of the roles (or the users) on one connection: now, asked, and the requests between."""

    KINDS = {
        "role": (endpoints.DB_CONNECTION_ROLE_LEVEL, "role", "rolePermissions", record_name),
        "user": (endpoints.DB_CONNECTION_USER_LEVEL, "username", "userPermissions", lambda user: field(user, "Username")),
    }

    def __init__(self, kind, records, levels, now, wanted):
        self.kind, self.records, self.levels, self.now = kind, records, levels, now
        self.endpoint, self.body_field, self.record_field, self.name_of = self.KINDS[kind]
        self.lowest = level_value(levels[0]) if levels else 0
        self.sets = dict((key, value) for key, value in wanted.items() if now.get(key, self.lowest) != value)
        self.revokes = [key for key, value in now.items() if key not in wanted and value != self.lowest]

    def changes(self):
        return bool(self.sets or self.revokes)

    def after(self):
        after = dict(self.now)
        after.update(self.sets)
        after.update((key, self.lowest) for key in self.revokes)
        return after

    def listed(self, values):
        return permission_list(self.levels, values, self.records, self.kind, self.lowest)

    def apply(self, client, ref):
        names = dict((record_key(record), self.name_of(record)) for record in self.records)
        for key in self.revokes:
            client.request("DELETE", endpoints.path(self.endpoint, **ref), body={self.body_field: names[key]})
        for key in sorted(self.sets):
            client.put(endpoints.path(self.endpoint, **ref), body={self.body_field: names[key], "permissionLevel": self.sets[key]})


def asked_permissions(module, ref, exists):
    """A Permissions for each of role_permissions and user_permissions the task gives (the current levels read only
    when the connection exists)."""
    asked = [kind for kind in ("role", "user") if module.params[kind + "_permissions"] is not None]
    levels = db_levels(module) if asked else []
    result = []
    for kind in asked:
        records = module.lookups.roles() if kind == "role" else module.lookups.users()
        subject = module.lookups.role if kind == "role" else (lambda wanted: pick_user(module, wanted))
        wanted = dict((record_key(subject(item[kind])),
                       level_value(pick_level("permission level", levels, item["permission_level"], ("Label", "ShortLabel"))))
                      for item in module.params[kind + "_permissions"])
        now = current_permissions(module, ref, kind, records, Permissions.KINDS[kind][3]) if exists else {}
        result.append(Permissions(kind, records, levels, now, wanted))
    return result
