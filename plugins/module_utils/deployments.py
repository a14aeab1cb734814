# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Deployment plans: building one from names, reusing a saved one, starting, continuing,
aborting, waiting for it with backoff, and turning its outcome into a module result.

Shared by the ``deployment`` and ``binary_deployment`` modules. The rules it keeps:
nothing is created before every input is validated; a plan with the same operations is
reused, never duplicated; a plan that already finished is never started again; a plan this
task created and could not start is deleted; a plan is never continued blindly.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.outsystems.lifetime.plugins.module_utils.applications import list_versions
from ansible_collections.outsystems.lifetime.plugins.module_utils.dates import date_or_none, is_not_set, seconds_between, without_unset_dates
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeApiError, LifetimeError
from ansible_collections.outsystems.lifetime.plugins.module_utils.lookups import closest_name, not_found, pick, valid_names
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import (
    field,
    is_version,
    parse_version,
    record_key,
    record_name,
    to_snake,
)
from ansible_collections.outsystems.lifetime.plugins.module_utils.waiting import WaitTimeout, wait_for

SAVED = "saved"
RUNNING = "running"
INTERVENTION = "needs_user_intervention"
ABORTING = "aborting"
ABORTED = "aborted"
SUCCESSFUL = ("finished_successful", "finished_with_warnings")
UNSUCCESSFUL = ("finished_with_errors", "aborted", "force_finished")
FINISHED = SUCCESSFUL + UNSUCCESSFUL
IN_PROGRESS = (RUNNING, INTERVENTION, ABORTING)
TWO_STEP_INFO = "deployment_prepared"
DB_MAPPING_INFO = "needs_configuration_or_confirmation"
# Reasons the module acts on by itself (two_step, db_mappings); any other (deployment_suspended,
# business_process_impact...) waits for a person, and is continued only with continue_intervention.
HANDLED_INFO = (TWO_STEP_INFO, DB_MAPPING_INFO)

# Polling a running plan: the first check FIRST_POLL seconds after it started (or after the status
# was last read), then each pause a tenth of the time waited so far (POLL_SHARE), between
# FIRST_POLL and LONGEST_POLL seconds. A plan is thus seen finished within about 10% of its
# duration, at most 2 s late for the first 20 s and at most 15 s late ever, and a short deployment
# costs one status read per 2 s. POLL_FACTOR is the plain backoff used while an abort settles.
FIRST_POLL = 2.0
POLL_FACTOR = 1.5
LONGEST_POLL = 15.0
POLL_SHARE = 0.1
ABORT_WAIT = 120
DEFAULT_NOTES = "Created by Ansible (outsystems.lifetime)"
sleep = time.sleep


class DeploymentError(LifetimeError):
    """A deployment that cannot go on; ``result`` holds what the task reports with the failure."""

    def __init__(self, message, result=None):
        super(DeploymentError, self).__init__(message)
        self.result = result or {}


def deployment_argument_spec():
    """The options ``deployment`` and ``binary_deployment`` share for starting and waiting."""
    return dict(
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=3600),
        two_step=dict(type="str", default="continue", choices=["continue", "stop"]),
        on_timeout=dict(type="str", default="fail", choices=["fail", "abort"]),
    )


def status_of(record):
    return (field(record or {}, "DeploymentStatus", "deploymentStatus") or "").lower()


def info_of(record):
    return field(record or {}, "Info", "info") or ""


def log_of(record):
    return to_snake(field(record or {}, "DeploymentLog", "deploymentLog") or [])


def log_text(log, last=15):
    """The last entries of a log in one line; an entry's type only where LifeTime sends one (documented logs have none)."""
    lines = []
    for entry in log[-last:]:
        kind = (" " + entry["type"]) if entry.get("type") else ""
        lines.append("%s%s: %s" % (entry.get("instant") or "", kind, entry.get("message") or ""))
    return " | ".join(lines)


def log_warnings(log):
    """The warnings of a plan that finished with warnings.

    Where log entries carry a Type (the swagger's), the Warning ones. LifeTime's documented log entries have
    only Instant and Message: then the messages that speak of a warning, or else the log's last messages.
    """
    if any(entry.get("type") for entry in log):
        return [entry.get("message") or "" for entry in log if (entry.get("type") or "").lower() == "warning"]
    said = [entry.get("message") or "" for entry in log if "warning" in (entry.get("message") or "").lower()]
    if said:
        return said
    return ["finished with warnings; LifeTime's log does not say which entries are warnings, its last messages: %s" % log_text(log)]


def operations_of(plan):
    """The (version key, zone key) pairs a plan record deploys, without 'Do Nothing' leftovers."""
    pairs = []
    for op in field(plan or {}, "ApplicationOperations", "applicationOperations") or []:
        label = (field(op, "DeploymentOperation") or "").lower()
        if "do nothing" in label:
            continue
        pairs.append(((field(op, "ApplicationVersionKey") or "").lower(), (field(op, "DeploymentZoneKey") or "").lower()))
    return sorted(pairs)


def same_operations(existing, wanted):
    """True when a plan's operations are the wanted ones (a wanted empty zone matches any zone)."""
    if len(existing) != len(wanted):
        return False
    have = dict(existing)
    if len(have) != len(existing):
        return False
    for version_key, zone_key in wanted:
        if version_key not in have:
            return False
        if zone_key and have[version_key] and have[version_key] != zone_key:
            return False
    return True


def durations(plan, status_record):
    """created_on, started_on, finished_on and the seconds between start and finish.

    The start is the plan's StartedOn, or else the first entry of its deployment log (the plan record
    may have been read before the start: its StartedOn is then LifeTime's "not set", 1900-01-01); the
    finish is the last log entry of a finished plan. Dates are as LifeTime sent them; "not set" is None.
    """
    plan = plan or {}
    log = field(status_record or {}, "DeploymentLog") or []
    started = date_or_none(field(plan, "StartedOn")) or (date_or_none(field(log[0], "Instant")) if log else None)
    finished = None
    if status_of(status_record) in FINISHED:
        if log:
            finished = date_or_none(field(log[-1], "Instant"))
        finished = finished or date_or_none(field(plan, "AbortedOn"))
    return dict(created_on=date_or_none(field(plan, "CreatedOn")), started_on=started, finished_on=finished,
                seconds=seconds_between(started, finished))


class PlanRunner:
    """Start, continue, abort and wait for one deployment plan, and build the result."""

    def __init__(self, module, key=None, created=False):
        self.module = module
        self.client = module.client
        self.params = module.params
        self.key = key
        self.created = created
        self.started = False
        self.commands = []
        self.warnings = []
        self.status_record = {}
        self.details = {}
        self.app_names = {}

    # -- reading ------------------------------------------------------------------------

    def read_status(self):
        self.status_record = self.client.get("deployments/%s/status/" % self.key) or {}
        return self.status_record

    def read_details(self):
        self.details = self.client.get("deployments/%s/" % self.key) or {}
        return self.details

    def assume(self, status):
        """Take ``status`` as the plan's, as LifeTime's last answer implies, until the next status read."""
        self.status_record = {"DeploymentStatus": status, "Info": "", "DeploymentLog": []}

    def created_plan(self, key):
        """Track the plan this task has just created: it is saved; its details (operations, conflicts) are read."""
        self.key = key
        self.created = True
        self.assume(SAVED)
        self.read_details()

    @property
    def plan(self):
        return field(self.details, "Deployment", "deployment") or {}

    @property
    def status(self):
        return status_of(self.status_record)

    @property
    def info(self):
        return info_of(self.status_record)

    def conflicts(self):
        return field(self.details, "ApplicationConflicts", "applicationConflicts") or []

    # -- commands -----------------------------------------------------------------------

    def command(self, name, **query):
        """POST a command (start, continue, abort); a refusal fails with LifeTime's reasons."""
        params = {"IncludeErrorDetails": True}
        params.update(query)
        if self.module.check_mode:
            self.commands.append(name)
            return
        try:
            self.client.post("deployments/%s/%s/" % (self.key, name), params=params)
        except LifetimeApiError as exc:
            if exc.status in (400, 409):
                reasons = "; ".join(exc.messages) or "no reason given"
                raise DeploymentError("LifeTime refused to %s deployment plan %s: %s" % (name, self.key, reasons), self.result())
            raise
        self.commands.append(name)

    def delete_if_created(self):
        """Delete the plan this task created (it is still saved); say so in a warning."""
        if not self.created or self.module.check_mode:
            return False
        try:
            self.client.delete("deployments/%s/" % self.key)
        except LifetimeError as exc:
            self.warnings.append("could not delete deployment plan %s that this task created: %s" % (self.key, exc))
            return False
        self.warnings.append("deleted deployment plan %s that this task created, so no plan is left behind" % self.key)
        return True

    # -- the flow -----------------------------------------------------------------------

    def check_conflicts(self, allow_conflicts):
        conflicts = self.conflicts()
        if conflicts and not allow_conflicts:
            messages = [field(conflict, "Message", "message") or "conflict" for conflict in conflicts]
            deleted = self.delete_if_created()
            result = self.result()
            result["plan_deleted"] = deleted
            raise DeploymentError(
                "deployment plan %s has %d conflict(s) and was not started%s: %s. Resolve them, or set allow_conflicts: true." % (
                    self.key, len(conflicts), " (the plan this task created was deleted)" if deleted else "", "; ".join(messages)),
                result)
        if conflicts:
            self.warnings.append("deployment plan %s has %d conflict(s); started anyway because allow_conflicts is true" % (
                self.key, len(conflicts)))

    def start(self, redeploy_outdated=True, continue_with_errors=False):
        query = {"RedeployOutdated": bool(redeploy_outdated)}
        if continue_with_errors:
            query["ContinueWithErrors"] = True
        try:
            self.start_when_target_is_free(query)
        except DeploymentError as exc:
            if not self.created and self.read_status() and self.status != SAVED:
                # Another run (or a person) started the saved plan this task picked up: wait for it instead.
                self.warnings.append("deployment plan %s was started by someone else meanwhile; waiting for it" % self.key)
                return
            deleted = self.delete_if_created()
            exc.result = self.result()
            exc.result["plan_deleted"] = deleted
            if deleted:
                exc.message += " (the plan this task created was deleted)"
                exc.args = (exc.message,)
            raise
        self.started = True
        # LifeTime accepted the start: the plan runs (the next poll reads its real status).
        self.assume(RUNNING)

    def start_when_target_is_free(self, query):
        """Start the plan. LifeTime before 11.24 refuses a start while another plan to the same target runs: then
        wait (within wait_timeout) until no other plan runs there, and start again. A start LifeTime accepts costs
        no extra request; the other plans are looked at only after a refusal."""
        timeout = self.params["wait_timeout"]
        deadline = time.monotonic() + timeout
        waited_for = []
        while True:
            try:
                self.command("start", **query)
                return
            except DeploymentError as exc:
                blocking = self.running_to_target()
                if not blocking:
                    raise
                refusal = exc
            for key in blocking:
                if key not in waited_for:
                    waited_for.append(key)
            self.warnings.append("LifeTime refused to start deployment plan %s while other plans to the same target run (%s): "
                                 "waiting for them, as LifeTime before 11.24 runs one plan per target at a time" % (
                                     self.key, ", ".join(blocking)))
            try:
                wait_for(lambda: not self.still_running(blocking), max(0.0, deadline - time.monotonic()), first=FIRST_POLL,
                         longest=LONGEST_POLL, share=POLL_SHARE, sleep=sleep, pause_first=True,
                         what="the other deployment plans to the target")
            except WaitTimeout:
                raise DeploymentError(
                    "%s. Other deployment plans to the same target were running, and LifeTime before 11.24 runs one plan per target "
                    "at a time; they did not finish within wait_timeout (%s seconds). Plans waited for: %s. Finish or abort them, "
                    "or run again later." % (refusal, timeout, ", ".join(waited_for)), self.result())

    def running_to_target(self):
        """Keys of the other plans running (or waiting for intervention, or aborting) to this plan's target."""
        target = (field(self.plan, "TargetEnvironmentKey") or "").lower()
        if not target or not self.key:
            return []
        blocking = []
        for plan in self.client.get_list("deployments/", params={"TargetEnvironmentKey": target}):
            key = record_key(plan) or ""
            started = field(plan, "StartedOn")
            if key.lower() == self.key.lower() or (field(plan, "TargetEnvironmentKey") or "").lower() != target:
                continue
            if started is not None and is_not_set(started):
                continue
            if status_of(self.client.get("deployments/%s/status/" % key)) in IN_PROGRESS:
                blocking.append(key)
        return blocking

    def still_running(self, keys):
        """Drop from ``keys`` the plans that no longer run; True while some still do."""
        keys[:] = [key for key in keys if status_of(self.client.get("deployments/%s/status/" % key)) in IN_PROGRESS]
        return bool(keys)

    def run(self, wait=True):
        """After a start (or for a plan already under way): wait and act on what LifeTime says."""
        if self.module.check_mode:
            return self.predict()
        if not wait:
            self.read_status()
            return
        timeout = self.params["wait_timeout"]
        try:
            # The status was just read (or the plan just started): a running plan is checked again after a
            # pause, one waiting for intervention at once.
            wait_for(self._poll, timeout, first=FIRST_POLL, longest=LONGEST_POLL, share=POLL_SHARE, sleep=sleep,
                     what="deployment plan %s" % self.key, pause_first=self.status == RUNNING)
        except WaitTimeout:
            self.timed_out(timeout)

    def predict(self):
        """Check mode: the commands a real run would send to a plan that already exists."""
        if self.status == INTERVENTION and self.info == TWO_STEP_INFO and self.params["two_step"] == "continue":
            self.commands.append("continue")
        elif self.status == INTERVENTION and self.info == DB_MAPPING_INFO and self.params.get("db_mappings"):
            # LifeTime resumes the plan by itself once the mappings are configured: no continue.
            self.commands.append("configuration")

    def _poll(self):
        record = self.read_status()
        status, info = status_of(record), info_of(record)
        if status in SUCCESSFUL:
            if status == "finished_with_warnings":
                for warning in log_warnings(log_of(record)):
                    self.warnings.append("deployment plan %s: %s" % (self.key, warning))
            return True
        if status in UNSUCCESSFUL:
            raise DeploymentError("deployment plan %s ended with status %s. Deployment log: %s" % (
                self.key, status, log_text(log_of(record))), self.result())
        if status == INTERVENTION:
            return self.intervene(info)
        return False

    def intervene(self, info):
        if info == TWO_STEP_INFO:
            if self.params["two_step"] == "stop":
                return True
            self.command("continue")
            return False
        if info == DB_MAPPING_INFO:
            if self.configure_databases():
                # "Mapping succeeded and deployment triggered": the plan resumes by itself (a continue would be refused).
                self.assume(RUNNING)
            else:
                # Nothing left to map: LifeTime waits for a confirmation.
                self.command("continue")
            return False
        raise DeploymentError(
            "deployment plan %s needs user intervention (%s) and was left as it is: check its log, then continue it "
            "(state: started, key: %s, continue_intervention: true) or abort it (state: aborted, key: %s). Deployment log: %s" % (
                self.key, info or "no reason given", self.key, self.key, log_text(log_of(self.status_record))), self.result())

    def resume(self):
        """Continue a plan that waits for a person for another reason than the two handled above, as asked."""
        self.warnings.append("deployment plan %s waited for user intervention (%s); continued because continue_intervention is "
                             "true" % (self.key, self.info or "no reason given"))
        self.command("continue")
        self.assume(RUNNING)

    def configure_databases(self):
        """POST the missing database mappings; True when some were sent (then LifeTime resumes the plan itself)."""
        missing = self.client.get_list("deployments/%s/getmissingdbmappings/" % self.key)
        if not missing:
            return False
        given = self.params.get("db_mappings") or []
        body, uncovered = database_mapping_body(missing, given)
        if uncovered:
            result = self.result()
            result["missing_db_mappings"] = to_snake(missing)
            raise DeploymentError(
                "deployment plan %s waits for database mappings of extension logical databases, and db_mappings does not map: %s. "
                "The plan was left waiting; run again with db_mappings (or key: %s) to go on." % (
                    self.key, ", ".join(uncovered), self.key), result)
        self.client.post("deployments/%s/configuration/" % self.key, body=body)
        self.commands.append("configuration")
        return True

    def timed_out(self, timeout):
        status = self.status or "unknown"
        if self.params["on_timeout"] == "abort" and self.started and status in (RUNNING, INTERVENTION):
            self.abort_and_wait()
            raise DeploymentError("deployment plan %s did not finish within wait_timeout (%s seconds; status was %s) and was "
                                  "aborted (status now %s)." % (self.key, timeout, status, self.status), self.result())
        raise DeploymentError("deployment plan %s did not finish within wait_timeout (%s seconds): its status is %s%s. The plan "
                              "was left as it is; run again with key: %s to go on waiting, or abort it." % (
                                  self.key, timeout, status, (" (%s)" % self.info) if self.info else "", self.key), self.result())

    def abort_and_wait(self):
        try:
            self.command("abort")
        except DeploymentError:
            self.read_status()
            return
        try:
            wait_for(lambda: self.read_status() and self.status not in (RUNNING, ABORTING, INTERVENTION), ABORT_WAIT,
                     first=0.5, longest=5, factor=POLL_FACTOR, sleep=sleep, what="the abort of deployment plan %s" % self.key)
        except WaitTimeout:
            pass

    # -- the result ---------------------------------------------------------------------

    def result(self):
        plan = self.plan
        redeploy = []
        for app_key in field(self.details, "ApplicationsToRedeploy", "applicationsToRedeploy") or []:
            redeploy.append(dict(application_key=app_key, application_name=self.app_names.get(str(app_key).lower())))
        return dict(
            key=self.key,
            status=self.status or None,
            info=self.info or None,
            deployment_log=log_of(self.status_record),
            conflicts=to_snake(self.conflicts()),
            applications_to_redeploy=redeploy,
            created=self.created,
            started=self.started,
            durations=durations(plan, self.status_record),
            plan=without_unset_dates(to_snake(plan)),
            warnings=list(self.warnings),
        )


def database_mapping_body(missing, given):
    """The ExtensionDBFullMapping list for the missing mappings, and the ones ``given`` leaves out."""
    by_extension = {}
    uncovered = []
    for entry in missing:
        ext_key = field(entry, "ExtensionKey") or ""
        ext_name = field(entry, "ExtensionName") or ""
        logical = field(entry, "LogicalDatabase") or ""
        match = None
        for mapping in given:
            extension = (mapping.get("extension") or "").lower()
            if extension in (ext_key.lower(), ext_name.lower()) and (mapping.get("logical_database") or "").lower() == logical.lower():
                match = mapping
                break
        if match is None:
            uncovered.append("%s/%s" % (ext_name or ext_key, logical))
            continue
        by_extension.setdefault(ext_key, []).append({"LogicalDatabaseName": logical, "DatabaseName": match["database"]})
    body = [{"ExtensionKey": key, "DBMapping": mappings} for key, mappings in by_extension.items()]
    return body, uncovered


# -- building a plan from names ---------------------------------------------------------


def status_in(application, environment_key):
    for status in field(application, "AppStatusInEnvs", "appStatusInEnvs") or []:
        if (field(status, "EnvironmentKey") or "").lower() == environment_key.lower():
            return status
    return None


def known_versions(application):
    """{version key: (key, label)} of the versions the application runs anywhere (from IncludeEnvStatus).

    The label is None when LifeTime sends only BaseApplicationVersionKey, as its documentation shows.
    """
    versions = {}
    for status in field(application, "AppStatusInEnvs", "appStatusInEnvs") or []:
        key = field(status, "BaseApplicationVersionKey")
        if key:
            versions[key.lower()] = (key, field(status, "BaseApplicationVersionLabel") or None)
    return versions


class PlanBuilder:
    """Resolve environments, applications, versions and zones by name, all before any change."""

    def __init__(self, module, source, target):
        self.module = module
        self.client = module.client
        self.lookups = module.lookups
        self.source = source
        self.target = target
        self.warnings = []
        self.skipped = []
        self.to_deploy = []
        self.zones = None
        self.versions = {}

    def build(self, wanted_apps):
        applications = self.lookups.applications(env_status=True)
        entries = [entry if isinstance(entry, dict) else {"name": entry} for entry in wanted_apps]
        resolved, unknown, seen = [], [], {}
        for entry in entries:
            name = entry.get("name")
            if not name:
                raise ValueError("every element of applications needs a name (the application name or key)")
            try:
                app = pick("application", applications, name)
            except LifetimeError:
                unknown.append(str(name))
                continue
            if record_key(app) in seen:
                raise ValueError("application '%s' is listed twice in applications" % record_name(app))
            seen[record_key(app)] = True
            resolved.append((entry, app))
        if unknown:
            names = [record_name(app) for app in applications]
            if len(unknown) == 1:
                raise not_found("application", unknown[0], names)
            hints = ["'%s': did you mean '%s'?" % (name, closest_name(name, names)) for name in unknown if closest_name(name, names)]
            raise ValueError(("applications not found: %s. %s %s" % (", ".join("'%s'" % name for name in unknown), valid_names("application", names),
                                                                     " ".join(hints))).strip())
        problems = []
        for entry, app in resolved:
            try:
                self.add(entry, app)
            except (LifetimeError, ValueError) as exc:
                problems.append(str(exc))
        if problems:
            raise ValueError(" ".join(problems))
        self.name_zones()
        return self.to_deploy

    def add(self, entry, app):
        app_name = record_name(app)
        source_status = status_in(app, record_key(self.source))
        target_status = status_in(app, record_key(self.target))
        wanted_version = entry.get("version")
        if wanted_version:
            version_key, label = self.version(app, str(wanted_version).strip())
        else:
            if source_status is None:
                raise ValueError("application '%s' does not run in the source environment '%s'; give its version." % (
                    app_name, record_name(self.source)))
            version_key = field(source_status, "BaseApplicationVersionKey")
            label = field(source_status, "BaseApplicationVersionLabel") or None
            if not version_key:
                raise ValueError("application '%s' has no tagged version in '%s': tag one first." % (app_name, record_name(self.source)))
        zone = self.zone(entry.get("deployment_zone"), target_status)
        target_key = (field(target_status, "BaseApplicationVersionKey") or "") if target_status else ""
        keeps = target_status is not None and target_key.lower() == version_key.lower() and not field(target_status, "IsModified") \
            and (not entry.get("deployment_zone") or self.same_zone(field(target_status, "DeploymentZoneKey"), zone[0]))
        if not keeps:
            # Labels are read (one list of versions per application) only for what moves.
            label = label or self.label(app, version_key)
        if not wanted_version and field(source_status, "IsModified"):
            named = label or "(key %s)" % version_key
            self.warnings.append("application '%s' was modified in '%s' after version %s was tagged; version %s is deployed, "
                                 "without those changes (tag a new version to deploy them)." % (
                                     app_name, record_name(self.source), named, named))
        if keeps:
            self.skipped.append(dict(application_name=app_name, application_key=record_key(app), version=label, version_key=version_key,
                                     reason="'%s' already runs version %s, unmodified" % (record_name(self.target), label or version_key)))
            return
        from_version = self.label(app, target_key) if target_key else None
        self.to_deploy.append(dict(application_name=app_name, application_key=record_key(app), from_version=from_version,
                                   to_version=label, version_key=version_key, deployment_zone=zone[1], deployment_zone_key=zone[0]))

    def list_versions(self, app):
        """The application's versions, read once per application and run."""
        app_key = record_key(app)
        if app_key not in self.versions:
            self.versions[app_key] = list_versions(self.client, app_key)
        return self.versions[app_key]

    def label(self, app, version_key):
        """The label of one of the application's versions: from its statuses when LifeTime sends labels, else from its versions."""
        known = known_versions(app).get(version_key.lower())
        if known and known[1]:
            return known[1]
        for version in self.list_versions(app):
            if (record_key(version) or "").lower() == version_key.lower():
                return field(version, "Version", "version")
        return None

    def version(self, app, wanted):
        """(version key, label or None) of ``wanted`` (a version string or key), listing versions only when needed."""
        known = known_versions(app)
        if wanted.lower() in known:
            return known[wanted.lower()]
        if is_version(wanted):
            for key, label in known.values():
                if is_version(label) and parse_version(label) == parse_version(wanted):
                    return key, label
            versions = self.list_versions(app)
            for version in versions:
                label = field(version, "Version", "version")
                if is_version(label) and parse_version(label) == parse_version(wanted):
                    return record_key(version), label
            labels = sorted((field(v, "Version", "version") for v in versions if is_version(field(v, "Version", "version"))),
                            key=parse_version)
            raise ValueError("version '%s' of application '%s' not found. Valid versions: %s." % (
                wanted, record_name(app), ", ".join(labels) or "none"))
        try:
            # LifeTime answers 400 to this GET without IncludeModules.
            version = self.client.get("applications/%s/versions/%s/" % (record_key(app), wanted), params={"IncludeModules": True})
        except LifetimeApiError as exc:
            if exc.status in (400, 404):
                raise ValueError("version '%s' of application '%s' not found: give a version such as 1.2.0 or a version key." % (
                    wanted, record_name(app)))
            raise
        return record_key(version), field(version, "Version", "version")

    def zone(self, wanted, target_status):
        """(zone key, zone name) for the target: the one asked, the one the app uses there, or the default.

        The target's zones are listed only when a zone is asked or an application is new in the target; an
        application that keeps its zone gets the zone's name only when the zones were listed anyway.
        """
        if wanted:
            zone = self.lookups.deployment_zone(self.target, wanted)
            return record_key(zone), record_name(zone)
        if target_status is not None:
            # The application keeps its zone; "" (as documented) names none in particular and is sent as it is.
            return field(target_status, "DeploymentZoneKey") or "", None
        default = next((zone for zone in self.target_zones() if field(zone, "IsDefault")), None)
        if default is None:
            return "", None
        return record_key(default), record_name(default)

    def same_zone(self, current_key, wanted_key):
        """Whether an application in zone ``current_key`` ("" = none named, so the default) is in ``wanted_key``."""
        current = (current_key or "").lower()
        if not current:
            default = next((zone for zone in self.target_zones() if field(zone, "IsDefault")), None)
            current = (record_key(default) or "").lower() if default else ""
        return current == (wanted_key or "").lower()

    def target_zones(self):
        if self.zones is None:
            try:
                self.zones = self.lookups.deployment_zones(self.target)
            except LifetimeApiError as exc:
                if exc.status != 403:
                    raise
                self.zones = []
        return self.zones

    def name_zones(self):
        """Fill in the names of the zones applications keep, when the target's zones were listed anyway."""
        if not self.zones:
            return
        names = dict(((record_key(zone) or "").lower(), record_name(zone)) for zone in self.zones)
        for item in self.to_deploy:
            if item["deployment_zone_key"] and not item["deployment_zone"]:
                item["deployment_zone"] = names.get(item["deployment_zone_key"].lower())


def operations_body(to_deploy):
    return [{"ApplicationVersionKey": item["version_key"], "DeploymentZoneKey": item["deployment_zone_key"] or ""} for item in to_deploy]


def wanted_operations(to_deploy):
    return sorted(((item["version_key"] or "").lower(), (item["deployment_zone_key"] or "").lower()) for item in to_deploy)
