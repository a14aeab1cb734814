"""Deployment plans: create, list, get, update, delete, commands, status, DB mappings, binary deployment."""
import uuid
from datetime import datetime, timedelta

from . import clock, lifecycle, records
from .api import ApiError, empty_response, json_response, list_response, text_response
from .downloads import parse_package
from .lifecycle import CommandRefused, Plan
from .model import Application, AppVersion, Module, version_tuple


def resolve_zone(env, zone_key):
    if not zone_key:
        return ""  # documented (deploy-create, deploy-get-plan): "" names no zone in particular and the plan keeps it so

    if not any(zone["Key"] == zone_key for zone in env.zones):
        raise ApiError(400, "Deployment zone '{0}' does not exist in environment '{1}'.".format(zone_key, env.name))
    return zone_key


def check_not_lower(state, app, version, target):
    """LifeTime does not deploy a web (reactive) application version lower than the one the target runs; a mobile one it
    does (OutSystems' "Rollback to a Previous Version" and the documented mobile rollback, rollback-create).

    Assumed answer: the docs say only that it is not possible; like LifeTime's other refusals of a plan's content, the
    plan is refused when created or updated, with 400 and an Errors list naming the application and both versions.
    """
    status = app.status.get(target.key)
    running = app.version_by_key(status.version_key) if status is not None else None
    if app.is_mobile() or running is None or version_tuple(version.version) >= version_tuple(running.version):
        return
    raise ApiError(400, "Application '{0}' version {1} cannot be deployed to '{2}': it runs version {3}, and a version lower "
                        "than the running one cannot be deployed. Create a new version based on {1} instead.".format(
                            app.name, version.version, target.name, running.version))


def build_operations(req, target):
    operations = []
    for entry in req.body_field("ApplicationOperations", []) or []:
        version_key = entry.get("ApplicationVersionKey") or next((v for k, v in entry.items() if k.lower() == "applicationversionkey"), "")
        zone_key = next((v for k, v in entry.items() if k.lower() == "deploymentzonekey"), "")
        app, version = req.state.find_version(version_key)
        if version is None:
            raise ApiError(400, "Application version with key '{0}' not found.".format(version_key))
        if any(op["app_key"] == app.key for op in operations):
            raise ApiError(400, "Application '{0}' appears more than once in the deployment plan.".format(app.name))
        check_not_lower(req.state, app, version, target)
        operations.append({"app_key": app.key, "version_key": version.key, "label": "Deploy " + version.version,
                           "zone_key": resolve_zone(target, zone_key)})
    return operations


def plan_environments(req):
    state = req.state
    source = state.envs.get(req.body_field("SourceEnvironmentKey", ""))
    target = state.envs.get(req.body_field("TargetEnvironmentKey", ""))
    if source is None or target is None:
        raise ApiError(404, "Source or target environment not found.")
    if source.key == target.key:
        raise ApiError(400, "The source and target environments must be different.")
    return source, target


def create_deployment(req):
    source, target = plan_environments(req)
    operations = build_operations(req, target)
    plan = Plan(str(uuid.uuid4()), source.key, target.key, req.body_field("Notes", "") or "", operations, req.state.service_user.key)
    req.state.plans[plan.key] = plan
    # Real LifeTime answers 201 with the bare key as text/plain (swagger says 200).
    return text_response(201, plan.key)


def list_deployments(req):
    now = clock.utc_now()
    min_date = req.flag("MinDate") or now - timedelta(days=7)
    max_date = req.flag("MaxDate")
    if max_date is not None and max_date.time() == datetime.min.time():
        max_date += timedelta(days=1)  # a bare date includes the whole day
    target = req.flag("TargetEnvironmentKey")
    plans = [plan for plan in req.state.plans.values()
             if plan.created_on >= min_date and (max_date is None or plan.created_on <= max_date)
             and (not target or plan.target_key == target)]
    plans.sort(key=lambda plan: plan.created_on, reverse=True)
    return list_response([records.without_nulls(records.plan_record(req.state, plan)) for plan in plans])


def get_deployment(req):
    plan = req.state.plan_or_404(req.params["DeploymentKey"])
    return json_response(200, records.plan_details_record(req.state, plan))


def update_deployment(req):
    plan = req.state.plan_or_404(req.params["DeploymentKey"])
    if plan.status != "saved":
        raise ApiError(400, "Only deployment plans with status 'saved' can be changed; this one is '{0}'.".format(plan.status))
    source, target = plan_environments(req)
    plan.operations = build_operations(req, target)
    plan.source_key, plan.target_key = source.key, target.key
    plan.notes = req.body_field("Notes", "") or ""
    plan.saved_on = clock.utc_now()
    return json_response(200, records.plan_data_record(req.state, plan))


def delete_deployment(req):
    plan = req.state.plan_or_404(req.params["DeploymentKey"])
    if plan.status != "saved":
        raise ApiError(400, "Only deployment plans with status 'saved' can be deleted; this one is '{0}'.".format(plan.status))
    del req.state.plans[plan.key]
    return empty_response(204)


def execute_command(req):
    plan = req.state.plan_or_404(req.params["DeploymentKey"])
    command = req.params["Command"].lower()
    try:
        if command == "start":
            lifecycle.start_plan(req.state, plan, req.flag("RedeployOutdated", True), req.raw_flag("ContinueWithErrors"))
        elif command == "continue":
            lifecycle.continue_plan(req.state, plan)
        elif command == "abort":
            lifecycle.abort_plan(req.state, plan)
        else:
            raise ApiError(400, "Invalid command '{0}': use start, continue or abort.".format(req.params["Command"]))
    except CommandRefused as refused:
        errors = [refused.reason] + (refused.details if req.flag("IncludeErrorDetails") else [])
        raise ApiError(400, *errors) from None
    return empty_response(202)


def get_deployment_status(req):
    plan = req.state.plan_or_404(req.params["DeploymentKey"])
    return json_response(200, records.status_record(plan, req.state))


def get_missing_db_mappings(req):
    plan = req.state.plan_or_404(req.params["DeploymentKey"])
    if plan.status != lifecycle.INTERVENTION or plan.info != lifecycle.DB_MAPPING_INFO:
        return list_response([])
    return list_response(list(plan.missing_db_mappings))


def configure_deployment(req):
    plan = req.state.plan_or_404(req.params["DeploymentKey"])
    if plan.status != lifecycle.INTERVENTION or plan.info != lifecycle.DB_MAPPING_INFO:
        raise ApiError(400, "Deployment plan '{0}' is not waiting for database configuration.".format(plan.key))
    known = {m["ExtensionKey"] for m in plan.missing_db_mappings}
    for entry in req.body or []:
        if entry.get("ExtensionKey") not in known:
            raise ApiError(400, "Extension '{0}' has no missing database mapping in this plan.".format(entry.get("ExtensionKey")))
        if not entry.get("DBMapping"):
            raise ApiError(400, "Extension '{0}' needs at least one DBMapping.".format(entry.get("ExtensionKey")))
    lifecycle.apply_db_mappings(req.state, plan, req.body or [])
    if plan.missing_db_mappings:
        names = ", ".join("{0}/{1}".format(m["ExtensionName"], m["LogicalDatabase"]) for m in plan.missing_db_mappings)
        raise ApiError(400, "Mapping incomplete: logical databases still not mapped: {0}.".format(names))
    # As documented (mapdb-configuration): the plan resumes by itself, no continue is needed.
    return text_response(200, "Mapping succeeded and deployment triggered")


def binary_version(state, manifest):
    """The application version a package describes (created if this LifeTime never saw it)."""
    app = state.apps.get(manifest.get("ApplicationKey", "")) or application_from_package(state, manifest)
    version = app.version_by_key(manifest.get("VersionKey", "")) or app.version_by_label(manifest.get("Version", ""))
    if version is None:
        version = AppVersion(app, manifest["Version"], "Deployed from binary", clock.utc_now(), [])
        app.versions.append(version)
    return app, version


def application_from_package(state, manifest):
    """A new application with the modules the package names, as LifeTime creates it from a binary.

    It is listed from the upload on, running nowhere until a deployment of it finishes. A package whose
    application name is taken by another application (another key) is refused.
    """
    name = manifest.get("ApplicationName") or ""
    if not name or not manifest.get("Version"):
        raise ApiError(400, "The package does not name its application and version.")
    if state.find_app(name) is not None:
        raise ApiError(400, "The package contains application '{0}', but an application with that name and another key "
                            "exists in this infrastructure.".format(name))
    app = Application(name, manifest.get("ApplicationKind") or "WebResponsive", description="Deployed from a package")
    for module_name in manifest.get("Modules") or []:
        module = Module(module_name, app.key)
        state.modules[module.key] = module
        app.module_keys.append(module.key)
    state.add_app(app)
    return app


def create_binary_deployment(req):
    target = req.state.env_or_404(req.params["EnvironmentKey"])
    if target.env_type == "Production" and lifecycle.scenario(req.state, "binary_to_production_disabled") is not None:
        # LifeTime's default: binaries cannot be deployed to a Production environment until a LifeTime setting allows it.
        raise ApiError(400, "Binary deployments to Production environments are disabled. Enable them in LifeTime's settings.")
    manifest = parse_package(req.raw_body or b"")
    if manifest is None:
        raise ApiError(400, "The request body is not a valid OutSystems application package (.oap).")
    app, version = binary_version(req.state, manifest)
    operation = {"app_key": app.key, "version_key": version.key, "label": "Deploy " + version.version,
                 "zone_key": target.default_zone()["Key"]}
    plan = Plan(str(uuid.uuid4()), "", target.key, "", [operation], req.state.service_user.key)
    plan.binary_apps = [{"ApplicationKey": app.key, "ApplicationName": app.name, "IsNew": target.key not in app.status,
                         "ModulesInBinary": [{"ModuleKey": key, "ModuleName": req.state.modules[key].name, "IsNew": target.key not in app.status}
                                             for key in app.module_keys]}]
    req.state.plans[plan.key] = plan
    # The swagger promises {"DeploymentKey": ...}; OutSystems' client uses the (text) body as the key.
    return text_response(201, plan.key)
