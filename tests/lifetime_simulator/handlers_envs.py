"""Environments: registration, zones, templates, maintenance, CSP, DB connections, blocked IPs."""
from . import seed
from .api import ApiError, empty_response, json_response, list_response
from .model import iso, make_key

ATTEMPT_FIELDS = ("userId", "username", "success", "instant", "ipAddress", "usernameFailureCount", "originAddressFailureCount",
                  "userAgent", "visitor", "requestKey", "result", "environmentId", "environmentName")


def list_environments(req):
    envs = sorted(req.state.envs.values(), key=lambda env: env.order)
    return list_response([env.to_record() for env in envs])


def get_environment(req):
    return json_response(200, req.state.env_or_404(req.params["EnvironmentKey"]).to_record())


def register_environment(req):
    state = req.state
    name = req.body_field("EnvironmentName")
    if state.find_env(name) is not None:
        raise ApiError(400, "An environment named '{0}' is already registered.".format(name))
    host = req.body_field("EnvironmentAddress").replace("https://", "").replace("http://", "").strip("/")
    env = seed.build_environment(name, req.body_field("EnvironmentPosition"), host, "Development")
    state.envs[env.key] = env
    imported = [{"Username": user.username, "Name": user.name, "Email": user.email} for user in state.users.values()]
    return json_response(201, {"EnvironmentKey": env.key, "ImportedUsers": imported})


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


def set_role_permission(req):
    _env, _name, connection = connection_or_404(req)
    role = req.state.find_role(req.body_field("role", ""))
    if role is None:
        raise ApiError(404, "Role '{0}' not found.".format(req.body_field("role")))
    level = req.body_field("permissionLevel", 0)
    db_level_record(level)
    connection["roles"][role.key] = level
    return empty_response(200)


def revoke_role_permission(req):
    _env, _name, connection = connection_or_404(req)
    role = req.state.find_role(req.body_field("role", ""))
    if role is None:
        raise ApiError(404, "Role '{0}' not found.".format(req.body_field("role")))
    connection["roles"].pop(role.key, None)
    return empty_response(200)


def get_role_permission(req):
    _env, _name, connection = connection_or_404(req)
    role = req.state.find_role(req.params["Role"])
    if role is None:
        raise ApiError(404, "Role '{0}' not found.".format(req.params["Role"]))
    return json_response(200, db_level_record(connection["roles"].get(role.key, 0)))


def set_user_permission(req):
    _env, _name, connection = connection_or_404(req)
    user = req.state.find_user(req.body_field("username", ""))
    if user is None:
        raise ApiError(404, "User '{0}' not found.".format(req.body_field("username")))
    level = req.body_field("permissionLevel", 0)
    db_level_record(level)
    connection["users"][user.key] = level
    return empty_response(200)


def revoke_user_permission(req):
    _env, _name, connection = connection_or_404(req)
    user = req.state.find_user(req.body_field("username", ""))
    if user is None:
        raise ApiError(404, "User '{0}' not found.".format(req.body_field("username")))
    connection["users"].pop(user.key, None)
    return empty_response(200)


def get_user_permission(req):
    _env, _name, connection = connection_or_404(req)
    user = req.state.find_user(req.params["Username"])
    if user is None:
        raise ApiError(404, "User '{0}' not found.".format(req.params["Username"]))
    return json_response(200, db_level_record(connection["users"].get(user.key, 0)))


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
