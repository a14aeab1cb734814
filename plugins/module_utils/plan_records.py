# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a deployment plan's records say: its status, log, operations and times, read the same way by every
module and by the deployment engine (deployments.py). Pure functions of the records: no requests."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.outsystems.lifetime.plugins.module_utils.dates import date_or_none, seconds_between
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, record_key, record_name, to_snake

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
# Reasons the engine acts on by itself (two_step, db_mappings); any other (deployment_suspended,
# business_process_impact...) waits for a person, and is continued only with continue_intervention.
HANDLED_INFO = (TWO_STEP_INFO, DB_MAPPING_INFO)


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


def deployed_versions(plan):
    """{version key (lower case): version label} a plan record names in its operations ("Deploy 1.2.0", as documented)."""
    labels = {}
    for op in field(plan or {}, "ApplicationOperations", "applicationOperations") or []:
        words = (field(op, "DeploymentOperation") or "").split(" ", 1)
        if len(words) == 2 and words[0].lower() == "deploy" and field(op, "ApplicationVersionKey"):
            labels[field(op, "ApplicationVersionKey").lower()] = words[1].strip()
    return labels


def wanted_operations(to_deploy):
    """The (version key, zone key) pairs of the applications a task wants deployed (see selection.py)."""
    return sorted(((item["version_key"] or "").lower(), (item["deployment_zone_key"] or "").lower()) for item in to_deploy)


def operations_body(to_deploy):
    return [{"ApplicationVersionKey": item["version_key"], "DeploymentZoneKey": item["deployment_zone_key"] or ""} for item in to_deploy]


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


def diff_record(plan, to_deploy=None, status=None, notes=None, environments=None):
    """A comparable picture of a plan for the diff: environments, notes, operations and status (no key or dates)."""
    if plan is None and to_deploy is None:
        return {}
    names = dict((record_key(env).lower(), record_name(env)) for env in environments or [])
    plan = plan or {}
    pairs = operations_of(plan) if to_deploy is None else wanted_operations(to_deploy)
    source = field(plan, "SourceEnvironmentKey") or ""
    target = field(plan, "TargetEnvironmentKey") or ""
    return dict(source_environment=names.get(source.lower(), source), target_environment=names.get(target.lower(), target),
                notes=notes if notes is not None else field(plan, "Notes"),
                operations=[dict(version_key=v, deployment_zone_key=z) for v, z in pairs], status=status)


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
