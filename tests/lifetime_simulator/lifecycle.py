"""Deployment plans and their time-driven state machine.

A started plan is `running` for `deploy_seconds`, may stop at `needs_user_intervention`
(two-step deployments, missing DB mappings, a suspension after an error, business process
impact), and ends in a finished status. Only a successful (or with-warnings) finish makes the
target run the new versions.
"""
from datetime import datetime, timezone

from . import clock
from .model import EnvStatus, iso

IN_PROGRESS = ("running", "needs_user_intervention", "aborting")
FINISHED = ("finished_successful", "finished_with_warnings", "finished_with_errors", "aborted", "force_finished")
INTERVENTION = "needs_user_intervention"
DB_MAPPING_INFO = "needs_configuration_or_confirmation"
TWO_STEP_INFO = "deployment_prepared"
SUSPENDED_INFO = "deployment_suspended"
PROCESS_IMPACT_INFO = "business_process_impact"
STOP_LOG = {
    SUSPENDED_INFO: ("Deployment suspended: an error occurred while publishing a module; check it, then continue or abort.", "Error"),
    PROCESS_IMPACT_INFO: ("The deployment affects running business processes; confirm to continue, or abort.", "Warning"),
}


class CommandRefused(Exception):
    """A deployment command cannot run now. `reason` is terse, `details` explain."""

    def __init__(self, reason, details=()):
        super().__init__(reason)
        self.reason = reason
        self.details = list(details)


class Plan:
    def __init__(self, key, source_key, target_key, notes, operations, created_by):
        now = clock.utc_now()
        self.key = key
        self.source_key = source_key
        self.target_key = target_key
        self.notes = notes
        self.operations = operations
        self.created_by = created_by
        self.created_on = now
        self.saved_on = now
        self.started_on = None
        self.aborted_on = None
        self.status = "saved"
        self.info = ""
        self.log = []
        self.phase_end = None
        self.stops = []
        self.outcome = "finished_successful"
        self.missing_db_mappings = []
        self.binary_apps = []

    def uses_version(self, version_key):
        return any(op["version_key"] == version_key for op in self.operations)

    def is_finished(self):
        return self.status in FINISHED

    def add_log(self, message, kind="Info", when=None):
        self.log.append({"Instant": iso(when or clock.utc_now()), "Message": message, "Type": kind})


def epoch_to_datetime(epoch):
    return datetime.fromtimestamp(epoch, timezone.utc)


def scenario(state, name):
    return state.scenarios.active(name) if state.scenarios is not None else None


def profile_has(state, flag):
    """Whether the simulator's profile (profiles.py) turns ``flag`` on."""
    profile = getattr(state, "profile", None)
    return profile is not None and profile.has(flag)


def plan_conflicts(state, plan):
    """ApplicationConflict records for a plan (missing versions, or the `conflicts` scenario)."""
    conflicts = []
    for op in plan.operations:
        app, version = state.find_version(op["version_key"])
        if version is None:
            conflicts.append({"Message": "Application version '{0}' no longer exists.".format(op["version_key"])})
    params = scenario(state, "conflicts")
    if params is not None and plan.operations:
        producer_app, producer_version = state.find_version(plan.operations[0]["version_key"])
        consumer = next((app for app in state.apps.values() if app.key != producer_app.key), producer_app)
        consumer_status = consumer.status.get(plan.target_key)
        message = params.get("message") or "Application '{0}' in the target environment consumes elements of '{1}' {2} that were removed.".format(
            consumer.name, producer_app.name, producer_version.version)
        conflicts.append({
            "Message": message,
            "ProducerApplicationOperation": {"ApplicationKey": producer_app.key, "ApplicationVersionKey": producer_version.key,
                                             "DeploymentOperation": "Deploy " + producer_version.version},
            "ConsumerApplicationOperation": {"ApplicationKey": consumer.key,
                                             "ApplicationVersionKey": consumer_status.version_key if consumer_status else "",
                                             "DeploymentOperation": "Keep"},
            "ModuleConflict": {"ProducerModuleKey": producer_app.module_keys[0], "ConsumerModuleKey": consumer.module_keys[0],
                               "TotalRequiredElements": 3, "ConflictType": "BrokenReference"},
        })
    return conflicts


def applications_to_redeploy(state, plan):
    """Keys of consumer applications in the target that depend on a producer in the plan."""
    in_plan = {op["app_key"] for op in plan.operations}
    result = []
    for app in state.apps.values():
        if app.key not in in_plan and plan.target_key in app.status and in_plan.intersection(app.producers):
            result.append(app.key)
    return result


def start_plan(state, plan, redeploy_outdated=True, continue_with_errors=False):
    if plan.status != "saved":
        raise CommandRefused("Deployment plan '{0}' cannot be started: its status is '{1}'.".format(plan.key, plan.status),
                             ["Only deployment plans with status 'saved' can be started."])
    if not plan.operations:
        raise CommandRefused("Deployment plan '{0}' cannot be started: it has no applications.".format(plan.key))
    target = state.envs[plan.target_key]
    if target.maintenance:
        raise CommandRefused("Deployment plan '{0}' cannot be started: the target environment is in maintenance mode.".format(plan.key),
                             ["Environment '{0}': {1}".format(target.name, target.maintenance_reason or "maintenance mode")])
    if profile_has(state, "one_plan_per_target"):
        running = [other.key for other in state.plans.values()
                   if other.key != plan.key and other.target_key == plan.target_key and other.status in IN_PROGRESS]
        if running:
            # LifeTime before 11.24 deploys one plan per target environment at a time.
            raise CommandRefused("Deployment plan '{0}' cannot be started: another deployment to environment '{1}' is running.".format(
                plan.key, target.name), ["Running deployment plan(s): {0}.".format(", ".join(running))])
    conflicts = plan_conflicts(state, plan)
    if conflicts and not continue_with_errors:
        raise CommandRefused("Deployment plan '{0}' cannot be started: the staging validation found {1} conflict(s).".format(plan.key, len(conflicts)),
                             [conflict["Message"] for conflict in conflicts])
    configure_run(state, plan)
    plan.status = "running"
    plan.started_on = clock.utc_now()
    plan.phase_end = clock.now() + state.deploy_seconds
    # Like LifeTime's, several entries share one Instant.
    plan.add_log("Deployment plan started by {0}.".format(state.service_user.username), when=plan.started_on)
    if redeploy_outdated:
        for app_key in applications_to_redeploy(state, plan):
            plan.add_log("Application '{0}' will be redeployed because it is outdated.".format(state.apps[app_key].name), when=plan.started_on)
    for op in plan.operations:
        app, version = state.find_version(op["version_key"])
        plan.add_log("Deploying application '{0}' version {1}.".format(app.name, version.version), when=plan.started_on)


def configure_run(state, plan):
    """Take the deployment-behaviour scenarios active at start time."""
    plan.stops = []
    db_params = scenario(state, "db_mappings")
    if db_params is not None:
        plan.stops.append(DB_MAPPING_INFO)
        extension = db_params.get("extension", "ERPConnector")
        plan.missing_db_mappings = [{"ExtensionKey": "ext-" + plan.key[:8], "ExtensionName": extension,
                                     "LogicalDatabase": db_params.get("logical_database", "ERP")}]
    if scenario(state, "two_step") is not None:
        plan.stops.append(TWO_STEP_INFO)
    for name, info in (("business_process_impact", PROCESS_IMPACT_INFO), ("suspended", SUSPENDED_INFO)):
        if scenario(state, name) is not None:
            plan.stops.append(info)
    if scenario(state, "finished_with_errors") is not None:
        plan.outcome = "finished_with_errors"
    elif scenario(state, "finished_with_warnings") is not None:
        plan.outcome = "finished_with_warnings"


def continue_plan(state, plan):
    if plan.status != INTERVENTION:
        raise CommandRefused("Deployment plan '{0}' cannot be continued: its status is '{1}'.".format(plan.key, plan.status),
                             ["Only deployment plans with status 'needs_user_intervention' can be continued."])
    if plan.info == DB_MAPPING_INFO and plan.missing_db_mappings:
        names = ", ".join(m["LogicalDatabase"] for m in plan.missing_db_mappings)
        raise CommandRefused("Deployment plan '{0}' cannot be continued: extension databases are not mapped.".format(plan.key),
                             ["Map the logical databases ({0}) with POST /deployments/{1}/configuration/ first.".format(names, plan.key)])
    resume_plan(state, plan)
    plan.add_log("Deployment plan resumed by {0}.".format(state.service_user.username))


def resume_plan(state, plan):
    plan.stops.pop(0)
    plan.status = "running"
    plan.info = ""
    plan.phase_end = clock.now() + state.deploy_seconds


def abort_plan(state, plan):
    if plan.status not in ("running", INTERVENTION):
        raise CommandRefused("Deployment plan '{0}' cannot be aborted: its status is '{1}'.".format(plan.key, plan.status),
                             ["Only running deployment plans or plans waiting for user intervention can be aborted."])
    plan.status = "aborting"
    plan.info = ""
    plan.phase_end = clock.now() + min(0.5, state.deploy_seconds / 2)
    plan.add_log("Deployment plan abort requested by {0}.".format(state.service_user.username), "Warning")


def apply_db_mappings(state, plan, mappings):
    """Map the extensions' logical databases; once none is missing, the plan resumes by itself (no continue)."""
    mapped = {(entry.get("ExtensionKey"), mapping.get("LogicalDatabaseName"))
              for entry in mappings for mapping in entry.get("DBMapping") or []}
    plan.missing_db_mappings = [m for m in plan.missing_db_mappings if (m["ExtensionKey"], m["LogicalDatabase"]) not in mapped]
    plan.add_log("Database mappings configured for {0} logical database(s).".format(len(mapped)))
    if not plan.missing_db_mappings:
        resume_plan(state, plan)


def finish_plan(state, plan, when):
    plan.status = plan.outcome
    plan.info = ""
    if plan.outcome == "finished_with_errors":
        plan.add_log("Deployment failed: error publishing module.", "Error", when)
        return
    if plan.outcome == "finished_with_warnings":
        plan.add_log("Deployment finished with warnings: a module has deprecated elements.", "Warning", when)
    for op in plan.operations:
        app, _version = state.find_version(op["version_key"])
        app.status[plan.target_key] = EnvStatus(op["version_key"], False, op["zone_key"])
        app.ran(plan.target_key, op["version_key"])
    plan.add_log("Deployment plan finished.", "Info", when)


def advance_plan(state, plan, now):
    """Move a plan through every phase that ended before `now`."""
    while plan.phase_end is not None and now >= plan.phase_end:
        when = epoch_to_datetime(plan.phase_end)
        plan.phase_end = None
        if plan.status == "aborting":
            plan.status = "aborted"
            plan.aborted_on = when
            plan.add_log("Deployment plan aborted.", "Warning", when)
        elif plan.status == "running" and plan.stops:
            plan.status = INTERVENTION
            plan.info = plan.stops[0]
            if plan.info in STOP_LOG:
                plan.add_log(STOP_LOG[plan.info][0], STOP_LOG[plan.info][1], when)
            plan.add_log("Deployment needs user intervention: {0}.".format(plan.info), "Warning", when)
        elif plan.status == "running":
            finish_plan(state, plan, when)
