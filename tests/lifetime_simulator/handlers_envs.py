"""Environments: registration, zones, templates, maintenance, CSP, DB connections, blocked IPs."""
from . import seed
from .api import ApiError, empty_response, json_response, list_response
from .lifecycle import profile_has
from .model import iso, make_key

ATTEMPT_FIELDS = ("userId", "username", "success", "instant", "ipAddress", "usernameFailureCount", "originAddressFailureCount",
                  "userAgent", "visitor", "requestKey", "result", "environmentId", "environmentName")


def list_environments(req):
    envs = sorted(req.state.envs.values(), key=lambda env: env.order)
    return list_response([env.to_record(profile_has(req.state, "details_url")) for env in envs])


def get_environment(req):
    return json_response(200, req.state.env_or_404(req.params["EnvironmentKey"]).to_record(profile_has(req.state, "details_url")))


def register_environment(req):
    """Register an environment; the roles get the PermissionLevel (0-6) the body gives them, 0 otherwise (regenv-register)."""
    state = req.state
    name = req.body_field("EnvironmentName")
    if state.find_env(name) is not None:
        raise ApiError(400, "An environment named '{0}' is already registered.".format(name))
    permissions = {}
    for entry in req.body_field("EnvironmentRolePermissions", []) or []:
        role = state.roles.get(entry.get("RoleKey", ""))
        if role is None:
            raise ApiError(400, "Role with key '{0}' not found.".format(entry.get("RoleKey", "")))
        level = entry.get("PermissionLevel", 0)
        if level not in dict(seed.ROLE_PERMISSION_LEVELS):
            raise ApiError(400, "Invalid permission level {0}.".format(level))
        permissions[role.key] = {"level": level, "create": bool(entry.get("CanCreateApplications")),
                                 "dependencies": bool(entry.get("CanAddDependenciesToSystem"))}
    host = req.body_field("EnvironmentAddress").replace("https://", "").replace("http://", "").strip("/")
    env = seed.build_environment(name, req.body_field("EnvironmentPosition"), host, "Development")
    state.envs[env.key] = env
    for role in state.roles.values():
        role.env_permissions[env.key] = permissions.get(role.key, {"level": 0, "create": False, "dependencies": False})
    return json_response(201, {"EnvironmentKey": env.key, "ImportedUsers": []})


def unregister_environment(req):
    env = req.state.env_or_404(req.params["EnvironmentKey"])
    if any(env.key in app.status for app in req.state.apps.values()):
        raise ApiError(405, "Environment '{0}' still runs applications and cannot be unregistered.".format(env.name))
    del req.state.envs[env.key]
    return empty_response(204)


def list_deployment_zones(req):
    env = req.state.env_or_404(req.params["EnvironmentKey"])
    if req.state.scenarios is not None and req.state.scenarios.active("zones_not_licensed") is not None:
        raise ApiError(403, "Feature not Licensed")
    return list_response([dict(zone) for zone in env.zones])


def set_maintenance_mode(req):
    env = req.state.env_or_404(req.params["EnvironmentKey"])
    env.maintenance = bool(req.body_field("IsMaintenanceModeEnabled", False))
    env.maintenance_reason = req.body_field("Reason", "") or ""
    return empty_response(200)


def list_templates(req):
    env = req.state.env_or_404(req.params["EnvironmentKey"])
    return list_response([dict(template) for template in env.templates])


def get_csp(req):
    env = req.state.env_or_404(req.params["EnvironmentKey"])
    return json_response(200, {name: dict(value) for name, value in env.csp.items()})


def set_csp(req):
    env = req.state.env_or_404(req.params["EnvironmentKey"])
    changed = []
    for name, directive in (req.body or {}).items():
        declared = next((key for key in env.csp if key.lower() == name.lower()), name)
        value = directive.get("Value", "") or ""
        env.csp[declared] = {"CSPDirectiveId": env.csp[declared]["CSPDirectiveId"], "Value": value,
                             "IsSetForEnv": bool(directive.get("IsSetForEnv", bool(value)))}
        changed.append(declared)
    return json_response(200, {"Success": True, "EnvironmentKey": env.key, "ErrorDirectives": [], "ErrorMessage": "",
                               "NeedsRecompilation": bool(changed), "AddedDataDirectives": [], "AddedSelfDirectives": [],
                               "AddedInternalDirectives": [], "AddedGapDirectives": []})


def connection_record(name, connection):
    return {"dbConnectionName": name, "description": connection.get("description", ""), "providerName": connection["provider"],
            "isAdvancedConfiguration": False, "databaseConfiguration": connection["config"]}


def connection_or_404(req):
    env = req.state.env_or_404(req.params["EnvironmentKey"])
    name = req.params["DbConnectionName"]
    if name not in env.db_connections:
        raise ApiError(404, "DB connection '{0}' not found in environment '{1}'.".format(name, env.name))
    return env, name, env.db_connections[name]


def provider_name(provider_key):
    for name in seed.DB_PROVIDERS:
        if provider_key in (name, make_key("dbprovider", name)):
            return name
    raise ApiError(400, "Unknown database provider '{0}'.".format(provider_key))


def list_db_connections(req):
    env = req.state.env_or_404(req.params["EnvironmentKey"])
    return list_response([connection_record(name, c) for name, c in sorted(env.db_connections.items())])


def create_db_connection(req):
    env = req.state.env_or_404(req.params["EnvironmentKey"])
    name = req.body_field("dbConnectionName", "")
    if not name or name in env.db_connections:
        raise ApiError(400, "DB connection name '{0}' is empty or already exists.".format(name))
    env.db_connections[name] = {"provider": provider_name(req.body_field("providerKey", "")), "username": req.body_field("dbUsername", ""),
                                "password": req.body_field("dbPassword", ""), "config": req.body_field("dbConfigParams", ""),
                                "description": req.body_field("description", ""), "roles": {}, "users": {}}
    return json_response(201, connection_record(name, env.db_connections[name]))


def get_db_connection(req):
    _env, name, connection = connection_or_404(req)
    return json_response(200, connection_record(name, connection))


def edit_db_connection(req):
    env, name, connection = connection_or_404(req)
    new_name = req.body_field("dbConnectionName") or name
    if req.body_field("providerKey"):
        connection["provider"] = provider_name(req.body_field("providerKey"))
    for field, key in (("dbUsername", "username"), ("dbPassword", "password"), ("dbConfigParams", "config"), ("description", "description")):
        if req.body_field(field) is not None:
            connection[key] = req.body_field(field)
    env.db_connections[new_name] = env.db_connections.pop(name)
    return empty_response(200)


def delete_db_connection(req):
    env, name, _connection = connection_or_404(req)
    del env.db_connections[name]
    return empty_response(204)


def db_level_record(level):
    for level_id, label, short_label, value in seed.DB_PERMISSION_LEVELS:
        if value == level:
            return {"Id": level_id, "Label": label, "ShortLabel": short_label, "Description": label, "Level": value}
    raise ApiError(400, "Invalid permission level {0}.".format(level))


def permission_subject(req, kind, name):
    """The permission map of a DB connection for ``kind`` ("roles" or "users") and the key of the named subject."""
    _env, _name, connection = connection_or_404(req)
    subject = req.state.find_role(name) if kind == "roles" else req.state.find_user(name)
    if subject is None:
        raise ApiError(404, "{0} '{1}' not found.".format("Role" if kind == "roles" else "User", name))
    return connection[kind], subject.key


def set_permission(req, kind, field):
    levels, key = permission_subject(req, kind, req.body_field(field, ""))
    level = req.body_field("permissionLevel", 0)
    db_level_record(level)
    levels[key] = level
    return empty_response(200)


def revoke_permission(req, kind, field):
    levels, key = permission_subject(req, kind, req.body_field(field, ""))
    levels.pop(key, None)
    return empty_response(200)


def get_permission(req, kind, param):
    levels, key = permission_subject(req, kind, req.params[param])
    return json_response(200, db_level_record(levels.get(key, 0)))


def set_role_permission(req):
    return set_permission(req, "roles", "role")


def revoke_role_permission(req):
    return revoke_permission(req, "roles", "role")


def get_role_permission(req):
    return get_permission(req, "roles", "Role")


def set_user_permission(req):
    return set_permission(req, "users", "username")


def revoke_user_permission(req):
    return revoke_permission(req, "users", "username")


def get_user_permission(req):
    return get_permission(req, "users", "Username")


def list_db_providers(req):
    req.state.env_or_404(req.params["EnvironmentKey"])
    return list_response([{"DisplayName": name, "ProviderKey": make_key("dbprovider", name)} for name in seed.DB_PROVIDERS])


def list_db_permission_levels(req):
    return list_response([{"DbConnectionPermissionLevel": db_level_record(level[3])} for level in seed.DB_PERMISSION_LEVELS])


def test_db_connection(req):
    req.state.env_or_404(req.params["EnvironmentKey"])
    provider_name(req.body_field("providerKey", ""))
    if "fail" in (req.body_field("dbConfigParams", "") or "").lower():
        raise ApiError(400, "Could not connect to the database: login failed.")
    return empty_response(200)


def attempt_record(attempt):
    record = {field: attempt[field] for field in ATTEMPT_FIELDS}
    record["instant"] = iso(record["instant"])
    return record


def list_blocked_ips(req):
    env_key = req.flag("EnvironmentKey")
    if env_key:
        req.state.env_or_404(env_key)
    attempts = [a for a in req.state.blocked_logins if not a["username"] and (not env_key or a["environmentKey"] == env_key)]
    return list_response([attempt_record(a) for a in attempts])


def unblock_ip(req):
    env_key = req.flag("EnvironmentKey")
    address = req.params["IPAddress"]
    matches = [a for a in req.state.blocked_logins if a["ipAddress"] == address and (not env_key or a["environmentKey"] == env_key)]
    if not matches:
        raise ApiError(404, "IP address '{0}' is not blocked.".format(address))
    for attempt in matches:
        req.state.blocked_logins.remove(attempt)
    return empty_response(200)
