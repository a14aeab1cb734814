"""Render state objects as the API's JSON records."""
from .lifecycle import applications_to_redeploy, plan_conflicts, profile_has
from .model import iso, make_key

# OutSystems has no null: a date never set is this value, without zone or fraction.
NOT_SET_DATE = "1900-01-01T00:00:00"


def module_status_records(state, app, env_key, version_key):
    version = app.version_by_key(version_key)
    keys = version.module_version_keys if version else []
    return [{"ApplicationKey": app.key, "EnvironmentKey": env_key, "ModuleVersionKey": key,
             "ConsistencyStatus": "", "ConsistencyStatusMessages": ""} for key in keys]


def mobile_status_records(app, env_key, version_key):
    version = app.version_by_key(version_key)
    if not app.is_mobile() or version is None:
        return []
    return [{"EnvironmentKey": env_key, "NativePlatform": mobile["NativePlatform"], "VersionNumber": mobile["VersionNumber"],
             "HasBinaryAvailable": True, "IsConfigured": True, "IsConfigurationChanged": False, "IsModified": False}
            for mobile in version.mobile_versions]


def zone_key_record(state, env_key, zone_key):
    """As documented, an application in the environment's default zone has DeploymentZoneKey "" (no particular zone)."""
    env = state.envs.get(env_key)
    if env is not None and env.zones and zone_key == env.default_zone()["Key"]:
        return ""
    return zone_key or ""


def app_status_record(state, app, env_key, include_modules):
    """One AppStatusInEnvs entry, shaped like newver-env-app-detail / deploy-app-list-envstatus."""
    status = app.status[env_key]
    version = app.version_by_key(status.version_key)
    record = {
        "EnvironmentKey": env_key,
        "BaseApplicationVersionKey": status.version_key,
        "IsModified": status.modified,
        "IsModifiedReason": "Module_Modified" if status.modified else "",
        "IsModifiedMessage": "At least one module was modified since the version {0}".format(version.version if version else "")
        if status.modified else "",
        "ConsistencyStatus": "",
        "ConsistencyStatusMessages": "",
        "MobileAppsStatus": mobile_status_records(app, env_key, status.version_key),
    }
    if profile_has(state, "version_label"):
        record["BaseApplicationVersionLabel"] = version.version if version else ""
    if include_modules:
        record["ModuleStatusInEnvs"] = module_status_records(state, app, env_key, status.version_key)
    record["DeploymentZoneKey"] = zone_key_record(state, env_key, status.zone_key)
    return record


def application_record(state, app, include_env_status=False, include_modules=False, env_keys=None):
    """An application as documented (rollback-app-list, infra-oap-env-apps): URLPath "/Name", a relative IconURL and
    AppStatusInEnvs always there (empty without IncludeEnvStatus)."""
    record = {
        "Key": app.key, "Name": app.name, "Kind": app.kind, "Team": app.team_key, "Description": app.description,
        "URLPath": "/" + app.name.replace(" ", ""), "IconHash": "IconHash" + make_key("icon", app.key),
        "IconURL": "/LifeTimeSDK/ApplicationIcon.aspx?ApplicationKey=" + app.key,
        "IsSystem": False,
    }
    if profile_has(state, "details_url"):
        record["DetailsURL"] = "https://lifetime.example.com/lifetime/ApplicationDetails.aspx?ApplicationKey=" + app.key
    record["AppStatusInEnvs"] = []
    if include_env_status:
        envs = sorted(state.envs.values(), key=lambda env: env.order)
        record["AppStatusInEnvs"] = [app_status_record(state, app, env.key, include_modules) for env in envs
                                     if env.key in app.status and (env_keys is None or env.key in env_keys)]
    return record


def version_record(state, app, version, include_modules=True):
    record = {
        "Key": version.key, "ApplicationKey": app.key, "Version": version.version, "ChangeLog": version.change_log,
        "CreatedOn": iso(version.created_on), "InUse": state.version_in_use(app, version.key),
        "MobileVersions": list(version.mobile_versions), "PrimaryColor": "#1068EB",
        "NativeHash": version.key.replace("-", "")[:20] if app.is_mobile() else "",
    }
    if profile_has(state, "version_environment"):
        record["EnvironmentKey"] = next((env for env, status in app.status.items() if status.version_key == version.key), "")
    if include_modules:
        record["ModuleVersions"] = [module_version_record(state.modules[module_key], key)
                                    for module_key, key in zip(app.module_keys, version.module_version_keys)]
    return record


def module_version_record(module, version_key):
    for record in module.versions:
        if record["Key"] == version_key:
            return dict(record, CreatedOn=iso(record["CreatedOn"]))
    return {"Key": version_key, "ModuleKey": module.key}


def module_record(state, module, include_env_status=False):
    record = {"Key": module.key, "Name": module.name, "Description": "", "Kind": module.kind, "ModuleStatusInEnv": []}
    if include_env_status:
        app = state.apps[module.app_key]
        statuses = []
        for env_key, status in app.status.items():
            version = app.version_by_key(status.version_key)
            index = app.module_keys.index(module.key)
            statuses.append({"ApplicationKey": app.key, "EnvironmentKey": env_key,
                             "ModuleVersionKey": version.module_version_keys[index] if version else "",
                             "ConsistencyStatus": "", "ConsistencyStatusMessages": ""})
        record["ModuleStatusInEnv"] = statuses
    return record


def plan_operations(plan):
    if plan.binary_apps:
        return []  # a binary plan lists its applications in ApplicationsToDeploy instead
    return [{"ApplicationKey": op["app_key"], "ApplicationVersionKey": op["version_key"],
             "DeploymentOperation": op["label"], "DeploymentZoneKey": op["zone_key"]} for op in plan.operations]


def plan_record(state, plan):
    user = state.users.get(plan.created_by)
    username = user.username if user else ""
    started = plan.started_on is not None
    aborted = plan.aborted_on is not None
    record = {
        "Key": plan.key, "SourceEnvironmentKey": plan.source_key, "TargetEnvironmentKey": plan.target_key,
        "Notes": plan.notes, "CreatedOn": iso(plan.created_on), "CreatedBy": plan.created_by, "CreatedByUsername": username,
        "SavedOn": iso(plan.saved_on), "SavedBy": plan.created_by, "SavedByUsername": username,
        "StartedOn": iso(plan.started_on) if started else NOT_SET_DATE, "StartedBy": plan.created_by if started else "",
        "StartedByUsername": username if started else "",
        "AbortedOn": iso(plan.aborted_on) if aborted else NOT_SET_DATE, "AbortedBy": plan.created_by if aborted else "",
        "AbortedByUsername": username if aborted else "",
        "ApplicationOperations": plan_operations(plan),
    }
    if profile_has(state, "details_url"):
        record["DetailsURL"] = "https://lifetime.example.com/lifetime/DeploymentPlan_Edit.aspx?DeploymentPlanKey=" + plan.key
    return record


def without_nulls(record):
    return {key: value for key, value in record.items() if value is not None}


def plan_details_record(state, plan):
    record = {
        "Deployment": without_nulls(plan_record(state, plan)),
        "ApplicationsToRedeploy": applications_to_redeploy(state, plan),
        "ApplicationConflicts": plan_conflicts(state, plan) if plan.status == "saved" else [],
    }
    if plan.binary_apps:
        # As documented (infra-binary-get-plan): only a binary plan has ApplicationsToDeploy and ModulesToDelete.
        with_modules = profile_has(state, "binary_modules")
        record["ApplicationsToDeploy"] = [app if with_modules else {key: app[key] for key in ("ApplicationKey", "ApplicationName", "IsNew")}
                                          for app in plan.binary_apps]
        record["ModulesToDelete"] = []
    return record


def plan_data_record(state, plan):
    record = without_nulls(plan_record(state, plan))
    record.pop("DetailsURL", None)
    record["ApplicationOperations"] = [{"ApplicationVersionKey": op["version_key"], "DeploymentZoneKey": op["zone_key"]}
                                       for op in plan.operations]
    return record


def status_record(plan, state=None):
    """As documented, log entries carry only Instant and Message; the swagger profile adds their Type."""
    with_type = state is not None and profile_has(state, "log_type")
    log = [dict(entry) if with_type else {"Instant": entry["Instant"], "Message": entry["Message"]} for entry in plan.log]
    return {"DeploymentStatus": plan.status, "Info": plan.info, "DeploymentLog": log}
