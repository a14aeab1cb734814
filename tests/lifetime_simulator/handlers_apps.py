"""Applications, application versions (tagging), running applications and modules."""
import re

from . import clock, records
from .api import ApiError, empty_response, json_response, list_response
from .downloads import build_package, create_link
from .model import Application, AppVersion, EnvStatus, Module, make_key, version_tuple

VERSION_PATTERN = re.compile(r"^\d+\.\d+(\.\d+)?$")
MOBILE_TYPES = ("apk", "aab", "ipa")


def check_include_modules(req):
    """A real LifeTime refuses IncludeModules without IncludeEnvStatus on the applications (400)."""
    if req.flag("IncludeModules") and not req.flag("IncludeEnvStatus"):
        raise ApiError(400, "IncludeModules requires IncludeEnvStatus to be true.")


def list_applications(req):
    state = req.state
    check_include_modules(req)
    items = [records.application_record(state, app, req.flag("IncludeEnvStatus"), req.flag("IncludeModules"))
             for app in state.apps.values()]
    return list_response(items)


def get_application(req):
    check_include_modules(req)
    app = req.state.app_or_404(req.params["ApplicationKey"])
    return json_response(200, records.application_record(req.state, app, req.flag("IncludeEnvStatus"), req.flag("IncludeModules")))


def get_app_configurations(req):
    app = req.state.app_or_404(req.params["ApplicationKey"])
    configurations = []
    for env in sorted(req.state.envs.values(), key=lambda e: e.order):
        blocked, reason = app.blocked.get(env.key, (False, ""))
        configurations.append({"environmentKey": env.key, "isBlocked": blocked, "isBlockedChangeReason": reason})
    return json_response(200, {"configurations": configurations})


def update_app_configurations(req):
    app = req.state.app_or_404(req.params["ApplicationKey"])
    for entry in req.body_field("configurations", []) or []:
        env = req.state.env_or_404(entry.get("environmentKey", ""))
        app.blocked[env.key] = (bool(entry.get("isBlocked")), entry.get("isBlockedChangeReason", ""))
    return empty_response(204)


def visible_versions(app):
    now = clock.now()
    return [version for version in app.versions if version.visible_at <= now]


def list_app_versions(req):
    app = req.state.app_or_404(req.params["ApplicationKey"])
    maximum = req.flag("MaximumVersionsToReturn", 5)
    if maximum < 0:
        raise ApiError(400, "MaximumVersionsToReturn must be zero or greater.")
    versions = sorted(visible_versions(app), key=lambda v: v.created_on, reverse=True)
    text = req.flag("ChangeLogFilter", "")
    if text:
        versions = [v for v in versions if text.lower() in v.change_log.lower()]
    return list_response([records.version_record(req.state, app, v) for v in versions[:maximum]])


def version_or_404(req):
    app = req.state.app_or_404(req.params["ApplicationKey"])
    version = app.version_by_key(req.params["VersionKey"])
    if version is None:
        raise ApiError(404, "Application version with key '{0}' not found.".format(req.params["VersionKey"]))
    return app, version


def get_app_version(req):
    # IncludeModules is a required query parameter of GET /applications/{key}/versions/{key} (the swagger): a real
    # LifeTime answers 400 without it. OutSystems' own client sends it as false, and gets the version without modules.
    if req.flag("IncludeModules") is None:
        raise ApiError(400, "The IncludeModules parameter is required to get an application version.")
    app, version = version_or_404(req)
    return json_response(200, records.version_record(req.state, app, version, include_modules=bool(req.flag("IncludeModules"))))


def delete_app_version(req):
    app, version = version_or_404(req)
    if req.state.version_in_use(app, version.key):
        raise ApiError(400, "Application version {0} of '{1}' is in use and cannot be deleted.".format(version.version, app.name))
    app.versions.remove(version)
    return empty_response(204)


def download_app_version(req):
    app, version = version_or_404(req)
    filename = "{0}_{1}.oap".format(app.name, version.version)
    return json_response(200, create_link(req.state, req.root_url, build_package(req.state, app, version), filename))


def check_version_label(app, label):
    if not isinstance(label, str) or not VERSION_PATTERN.match(label):
        raise ApiError(400, "Invalid version '{0}': use Major.Minor or Major.Minor.Revision.".format(label))
    if app.version_by_label(label) is not None:
        raise ApiError(400, "Version '{0}' already exists for application '{1}'.".format(label, app.name))


def check_mobile_versions(app, mobile_versions):
    latest = {}
    for version in app.versions:
        for mobile in version.mobile_versions:
            latest[mobile["NativePlatform"]] = max(latest.get(mobile["NativePlatform"], (0,)), version_tuple(mobile["VersionNumber"]))
    for mobile in mobile_versions:
        number = mobile.get("VersionNumber", "")
        if not VERSION_PATTERN.match(number or ""):
            raise ApiError(400, "Invalid mobile version '{0}' for {1}.".format(number, mobile.get("NativePlatform", "")))
        platform = mobile.get("NativePlatform", "")
        if version_tuple(number) <= latest.get(platform, (0,)):
            raise ApiError(400, "Mobile version {0} for {1} must be greater than {2}.".format(
                number, platform, ".".join(str(p) for p in latest[platform])))


def based_on_module_versions(state, app, env, status, keys):
    """The module versions the new version is made of, from the body's ModuleVersionKeys; None: new ones, from what runs.

    The swagger calls ModuleVersionKeys a check that the application still runs those module versions (the documented
    tagging passes the running ones: newver-create-version); OutSystems' "Rollback to a Previous Version" page tags a
    version based on an earlier one, from module versions the environment holds. Both hold here. Every key must be a
    known module version of the application. Keys among those running pass the check (unmodified and complete, the new
    version is made of them: nothing was published since). Others must name one version of each module, all held by
    the environment (it ran them: Application.module_versions_in), and not for a mobile application (the page: LifeTime
    does not create a tag based on a previous mobile version).
    """
    if not keys:
        return None
    owner = dict((version["Key"], module_key) for module_key in app.module_keys for version in state.modules[module_key].versions)
    unknown = [key for key in keys if key not in owner]
    if unknown:
        raise ApiError(400, "Module version(s) {0} not found in application '{1}'.".format(", ".join(unknown), app.name))
    running = app.version_by_key(status.version_key)
    running_keys = running.module_version_keys if running is not None else []
    if set(keys) <= set(running_keys):
        return list(running_keys) if set(keys) == set(running_keys) and not status.modified else None
    if sorted(owner[key] for key in keys) != sorted(app.module_keys):
        raise ApiError(400, "ModuleVersionKeys must name one version of each module of application '{0}'.".format(app.name))
    if app.is_mobile():
        raise ApiError(400, "A version of mobile application '{0}' can only be tagged from what runs in '{1}'.".format(app.name, env.name))
    missing = [key for key in keys if key not in app.module_versions_in(env.key)]
    if missing:
        raise ApiError(400, "Environment '{0}' does not have module version(s) {1} of application '{2}'.".format(
            env.name, ", ".join(missing), app.name))
    return [key for module_key in app.module_keys for key in keys if owner[key] == module_key]


def create_version(req):
    """Tag what runs in an environment (or, with ModuleVersionKeys, module versions it holds) as a new application version."""
    state = req.state
    env = state.env_or_404(req.params["EnvironmentKey"])
    app = state.app_or_404(req.params["ApplicationKey"])
    status = app.status.get(env.key)
    if status is None:
        raise ApiError(404, "Application '{0}' is not running in environment '{1}'.".format(app.name, env.name))
    label = req.body_field("Version")
    check_version_label(app, label)
    mobile_versions = req.body_field("MobileVersions") or []
    if app.is_mobile():
        check_mobile_versions(app, mobile_versions)
    based_on = based_on_module_versions(state, app, env, status, req.body_field("ModuleVersionKeys") or [])
    now = clock.utc_now()
    module_version_keys = based_on or []
    if based_on is None:
        for module_key in app.module_keys:
            module = state.modules[module_key]
            module_version_keys.append(module.add_version(make_key("moduleversion", module.name, label), now, state.service_user)["Key"])
    version = AppVersion(app, label, req.body_field("ChangeLog", "") or "", now, module_version_keys, mobile_versions)
    version.visible_at = clock.now() + state.tag_delay_seconds
    app.versions.append(version)
    app.ran(env.key, version.key)
    running = app.version_by_key(status.version_key)
    if based_on is None or (not status.modified and running is not None and running.module_version_keys == based_on):
        app.status[env.key] = EnvStatus(version.key, False, status.zone_key)  # what runs there is now this version
    return json_response(201, {"ApplicationVersionKey": version.key})


def list_running_apps(req):
    env = req.state.env_or_404(req.params["EnvironmentKey"])
    items = [records.application_record(req.state, app, req.flag("IncludeEnvStatus"), req.flag("IncludeModules"), {env.key})
             for app in req.state.apps.values() if env.key in app.status]
    return list_response(items)


def running_app_or_404(req):
    env = req.state.env_or_404(req.params["EnvironmentKey"])
    app = req.state.app_or_404(req.params["ApplicationKey"])
    if env.key not in app.status:
        raise ApiError(404, "Application '{0}' does not exist in environment '{1}'.".format(app.name, env.name))
    return env, app


def get_running_app(req):
    env, app = running_app_or_404(req)
    return json_response(200, records.application_record(req.state, app, req.flag("IncludeEnvStatus"), req.flag("IncludeModules"), {env.key}))


def download_running_app(req):
    env, app = running_app_or_404(req)
    kind = (req.flag("Type", "oap") or "oap").lower()
    if kind not in ("oap",) + MOBILE_TYPES:
        raise ApiError(400, "Invalid Type '{0}': use oap, apk, aab or ipa.".format(kind))
    if kind in MOBILE_TYPES and not app.is_mobile():
        return empty_response(204)
    version = app.version_by_key(app.status[env.key].version_key)
    filename = "{0}_{1}.{2}".format(app.name, version.version, kind)
    return json_response(200, create_link(req.state, req.root_url, build_package(req.state, app, version, kind), filename))


def create_application(req):
    state = req.state
    env = state.env_or_404(req.params["EnvironmentKey"])
    name = req.body_field("Name", "")
    template = next((t for t in env.templates if t["Key"] == req.body_field("TemplateKey")), None)
    if template is None:
        raise ApiError(400, "Template with key '{0}' not found in environment '{1}'.".format(req.body_field("TemplateKey"), env.name))
    if not name.strip() or state.find_app(name) is not None:
        raise ApiError(400, "An application named '{0}' already exists or the name is empty.".format(name))
    team_key = req.body_field("TeamKey", "")
    if team_key and team_key not in state.teams:
        raise ApiError(400, "Team with key '{0}' not found.".format(team_key))
    app = Application(name, "Mobile" if template["ApplicationKind"] == "Mobile" else "WebResponsive", req.body_field("Description", ""))
    module = Module(name.replace(" ", ""), app.key)
    state.modules[module.key] = module
    app.module_keys.append(module.key)
    app.team_key = team_key
    app.status[env.key] = EnvStatus("", True, env.default_zone()["Key"])
    state.add_app(app)
    if team_key:
        state.teams[team_key].app_keys.append(app.key)
    return json_response(201, {"ApplicationKey": app.key})


def list_modules(req):
    return list_response([records.module_record(req.state, m, req.flag("IncludeEnvStatus")) for m in req.state.modules.values()])


def get_module(req):
    module = req.state.module_or_404(req.params["ModuleKey"])
    return json_response(200, records.module_record(req.state, module, req.flag("IncludeEnvStatus")))


def list_module_versions(req):
    module = req.state.module_or_404(req.params["ModuleKey"])
    maximum = req.flag("MaximumVersionsToReturn", 5)
    if maximum < 0:
        raise ApiError(400, "MaximumVersionsToReturn must be zero or greater.")
    versions = list(reversed(module.versions))[:maximum]
    return list_response([records.module_version_record(module, v["Key"]) for v in versions])


def get_module_version(req):
    module = req.state.module_or_404(req.params["ModuleKey"])
    key = req.params["ModuleVersionKey"]
    if not any(v["Key"] == key for v in module.versions):
        raise ApiError(404, "Module version with key '{0}' not found.".format(key))
    return json_response(200, records.module_version_record(module, key))
