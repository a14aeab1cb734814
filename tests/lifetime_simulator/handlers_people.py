"""Users, roles, teams, blocked logins and token renewal."""
import secrets
from datetime import timedelta

from . import clock, seed
from .api import ApiError, empty_response, json_response, list_response, text_response
from .handlers_envs import attempt_record
from .model import Role, Team, User, iso

LEVEL_LABELS = dict(seed.ROLE_PERMISSION_LEVELS)


def user_or_404(state, key):
    return state.one_or_404(state.users, "User", key)


def role_or_404(state, key):
    return state.one_or_404(state.roles, "Role", key)


def team_or_404(state, key):
    return state.one_or_404(state.teams, "Team", key)


# ---- users -----------------------------------------------------------------------------------
def user_record(state, user, include_teams=False, include_app_roles=False):
    role = state.roles.get(user.role_key)
    record = {"Key": user.key, "Username": user.username, "Name": user.name, "Email": user.email, "IsActive": user.active,
              "RoleKey": user.role_key, "RoleName": role.name if role else ""}
    if include_app_roles:
        record["ApplicationRoles"] = [{"applicationKey": app_key, "applicationName": state.apps[app_key].name,
                                       "roleKey": role_key, "roleName": state.roles[role_key].name}
                                      for app_key, role_key in user.app_roles.items() if app_key in state.apps]
    if include_teams:
        record["Teams"] = [{"TeamKey": team.key, "TeamName": team.name, "RoleKey": team.users[user.key],
                            "RoleName": state.roles[team.users[user.key]].name} for team in state.teams.values() if user.key in team.users]
    return record


def list_users(req):
    users = [u for u in req.state.users.values() if u.active or req.flag("IncludeInactive")]
    return list_response([user_record(req.state, u, req.flag("IncludeTeams"), req.flag("IncludeApplicationRoles")) for u in users])


def get_user(req):
    user = user_or_404(req.state, req.params["UserKey"])
    return json_response(200, user_record(req.state, user, req.flag("includeTeams"), req.flag("includeApplicationRoles")))


def apply_user_fields(req, user):
    role_key = req.body_field("RoleKey")
    if role_key:
        role_or_404(req.state, role_key)
        user.role_key = role_key
    for field, attribute in (("Name", "name"), ("Email", "email"), ("IsActive", "active")):
        if req.body_field(field) is not None:
            setattr(user, attribute, req.body_field(field))


def create_user(req):
    username = req.body_field("Username", "")
    if not username or req.state.find_user(username) is not None:
        raise ApiError(400, "Username '{0}' is empty or already exists.".format(username))
    if not req.body_field("RoleKey"):
        raise ApiError(400, "RoleKey is required.")
    user = User(username, req.body_field("Name", username), "")
    apply_user_fields(req, user)
    req.state.users[user.key] = user
    return text_response(201, user.key)


def update_user(req):
    user = user_or_404(req.state, req.params["UserKey"])
    apply_user_fields(req, user)
    return text_response(200, user.key)


def user_blocked_logins(req):
    user = user_or_404(req.state, req.params["UserKey"])
    env_key = req.flag("EnvironmentKey")
    attempts = [a for a in req.state.blocked_logins if a["username"] == user.username and (not env_key or a["environmentKey"] == env_key)]
    return json_response(200, [attempt_record(a) for a in attempts])


def unblock_user(req):
    user = user_or_404(req.state, req.params["UserKey"])
    env_key, address = req.flag("EnvironmentKey"), req.flag("IpAddress")
    for attempt in [a for a in req.state.blocked_logins if a["username"] == user.username]:
        if (not env_key or attempt["environmentKey"] == env_key) and (not address or attempt["ipAddress"] == address):
            req.state.blocked_logins.remove(attempt)
    return empty_response(200)


def set_password(req):
    user = user_or_404(req.state, req.params["UserKey"])
    password = req.body_field("password", "") or ""
    if len(password) < 6:
        raise ApiError(400, "The password must have at least 6 characters.")
    user.password = password
    return empty_response(200)


def grant_app_role(req):
    user = user_or_404(req.state, req.params["UserKey"])
    app = req.state.app_or_404(req.body_field("applicationKey", ""))
    role = role_or_404(req.state, req.body_field("roleKey", ""))
    user.app_roles[app.key] = role.key
    return empty_response(201)


def revoke_app_role(req):
    user = user_or_404(req.state, req.params["UserKey"])
    app = req.state.app_or_404(req.params["ApplicationKey"])
    user.app_roles.pop(app.key, None)
    return empty_response(204)


# ---- roles -----------------------------------------------------------------------------------
def role_record(state, role, include_permissions=False):
    """A role as documented (regenv-roles): ``Key`` capitalised, the other fields camelCase."""
    record = {"Key": role.key, "name": role.name, "description": role.description,
              "manageInfrastructure": role.manage_infrastructure, "manageTeams": role.manage_teams}
    if include_permissions:
        record["environmentPermissions"] = [
            {"environmentKey": env_key, "environmentName": state.envs[env_key].name, "level": perm["level"],
             "levelLabel": LEVEL_LABELS[perm["level"]], "createApplications": perm["create"], "addDependenciesToSystem": perm["dependencies"]}
            for env_key, perm in role.env_permissions.items() if env_key in state.envs]
    return record


def apply_role_fields(req, role):
    for field, attribute in (("name", "name"), ("description", "description"), ("manageInfrastructure", "manage_infrastructure"),
                             ("manageTeams", "manage_teams")):
        if req.body_field(field) is not None:
            setattr(role, attribute, req.body_field(field))
    for perm in req.body_field("environmentPermissions", []) or []:
        env = req.state.env_or_404(perm.get("environmentKey", ""))
        level = perm.get("level", 0)
        if level not in LEVEL_LABELS:
            raise ApiError(400, "Invalid permission level {0}.".format(level))
        role.env_permissions[env.key] = {"level": level, "create": bool(perm.get("createApplications")),
                                         "dependencies": bool(perm.get("addDependenciesToSystem"))}


def list_roles(req):
    return json_response(200, [role_record(req.state, r, req.flag("IncludeEnvPermissions")) for r in req.state.roles.values()])


def get_role(req):
    return json_response(200, role_record(req.state, role_or_404(req.state, req.params["RoleKey"]), req.flag("IncludeEnvPermissions")))


def create_role(req):
    name = req.body_field("name", "")
    if not name or req.state.find_role(name) is not None:
        raise ApiError(400, "Role name '{0}' is empty or already exists.".format(name))
    role = Role(name)
    apply_role_fields(req, role)
    req.state.roles[role.key] = role
    return text_response(201, role.key)


def update_role(req):
    role = role_or_404(req.state, req.params["RoleKey"])
    apply_role_fields(req, role)
    return text_response(200, role.key)


def delete_role(req):
    role = role_or_404(req.state, req.params["RoleKey"])
    new_key = req.flag("UsersNewRoleKey")
    holders = [u for u in req.state.users.values() if u.role_key == role.key]
    if holders and not new_key:
        raise ApiError(400, "Role '{0}' is assigned to users: give UsersNewRoleKey.".format(role.name))
    if holders:
        role_or_404(req.state, new_key)
        for user in holders:
            user.role_key = new_key
    del req.state.roles[role.key]
    return empty_response(204)


def list_permission_levels(req):
    # The swagger declares one PermissionLevels record; the endpoint lists every level.
    del req
    return json_response(200, [{"level": level, "levelLabel": label} for level, label in seed.ROLE_PERMISSION_LEVELS])


# ---- teams -----------------------------------------------------------------------------------
def team_record(state, team, include_users=False, include_apps=False):
    record = {"key": team.key, "name": team.name, "description": team.description}
    if include_users:
        record["users"] = [{"UserKey": user_key, "Name": state.users[user_key].name, "Username": state.users[user_key].username,
                            "RoleKey": role_key, "RoleName": state.roles[role_key].name}
                           for user_key, role_key in team.users.items() if user_key in state.users and role_key in state.roles]
    if include_apps:
        record["applications"] = [{"Key": key, "Name": state.apps[key].name} for key in team.app_keys if key in state.apps]
    return record


def list_teams(req):
    return list_response([team_record(req.state, t, req.flag("IncludeUsers"), req.flag("IncludeApplications")) for t in req.state.teams.values()])


def get_team(req):
    team = team_or_404(req.state, req.params["TeamKey"])
    return json_response(200, team_record(req.state, team, req.flag("IncludeUsers"), req.flag("IncludeApplications")))


def create_team(req):
    name = req.body_field("name", "")
    if not name or req.state.find_team(name) is not None:
        raise ApiError(400, "Team name '{0}' is empty or already exists.".format(name))
    team = Team(name)
    team.description = req.body_field("description", "") or ""
    req.state.teams[team.key] = team
    return json_response(201, team_record(req.state, team, True, True))


def update_team(req):
    team = team_or_404(req.state, req.params["TeamKey"])
    if req.body_field("name"):
        team.name = req.body_field("name")
    if req.body_field("description") is not None:
        team.description = req.body_field("description")
    return json_response(200, team_record(req.state, team, True, True))


def delete_team(req):
    team = team_or_404(req.state, req.params["TeamKey"])
    del req.state.teams[team.key]
    return empty_response(204)


def add_team_application(req):
    team = team_or_404(req.state, req.params["TeamKey"])
    app = req.state.app_or_404(req.body_field("Key", ""))
    if app.key not in team.app_keys:
        team.app_keys.append(app.key)
    app.team_key = team.key
    return empty_response(201)


def remove_team_application(req):
    team = team_or_404(req.state, req.params["TeamKey"])
    app = req.state.app_or_404(req.params["ApplicationKey"])
    if app.key not in team.app_keys:
        raise ApiError(400, "Application '{0}' is not in team '{1}'.".format(app.name, team.name))
    team.app_keys.remove(app.key)
    return empty_response(200)


def add_team_user(req):
    team = team_or_404(req.state, req.params["TeamKey"])
    user = user_or_404(req.state, req.body_field("userKey", ""))
    role = role_or_404(req.state, req.body_field("roleKey", ""))
    team.users[user.key] = role.key
    return empty_response(201)


def remove_team_user(req):
    team = team_or_404(req.state, req.params["TeamKey"])
    user = user_or_404(req.state, req.params["UserKey"])
    if team.users.pop(user.key, None) is None:
        raise ApiError(400, "User '{0}' is not in team '{1}'.".format(user.username, team.name))
    return empty_response(200)


# ---- auth ------------------------------------------------------------------------------------
def renew_token(req):
    period = req.body_field("timePeriod")
    unit = (req.body_field("unit", "M") or "M").upper()
    if not isinstance(period, int) or period <= 0:
        raise ApiError(400, "timePeriod must be a positive integer.")
    if unit != "M":
        raise ApiError(400, "Unsupported unit '{0}'. Available units: M (months).".format(unit))
    expires = clock.utc_now() + timedelta(days=30 * period)
    token = secrets.token_urlsafe(32)
    req.state.tokens[token] = expires
    return json_response(200, {"token": token, "expiresAt": iso(expires)})
