# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How far a LifeTime server answers like OutSystems documents it and like this collection assumes.

``check_server(client)`` reads each list once and one record of each kind, and returns a report
of SHAPES ONLY (shapes.py): per call the operation (a path template, never a key), the query
parameter names, the status code, the answer's shape, where it differs from the documented
answer (conformance_expectations.DOCUMENTED), the fields the swagger does not declare, and the
problems for this collection: a field it relies on missing or of another kind, a date in a form it
does not know, a null. No names, keys, host names or values: a user can attach it to a bug report.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.conformance_expectations import DECLARED, DOCUMENTED
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeApiError
from ansible_collections.outsystems.lifetime.plugins.module_utils.shapes import OPTIONAL, differences, shape

DATE = ("date", "null-date")
# What this collection reads from each answer: place -> the kinds it accepts there.
RELIED_ON = {
    "GET /environments/": {"$[].Key": ("string",), "$[].Name": ("string",), "$[].Order": ("integer",)},
    "GET /environments/{EnvironmentKey}/": {"$.Key": ("string",), "$.Name": ("string",)},
    "GET /applications/": {"$[].Key": ("string",), "$[].Name": ("string",), "$[].Kind": ("string",)},
    "GET /applications/{ApplicationKey}/": {
        "$.Key": ("string",), "$.Name": ("string",), "$.AppStatusInEnvs[].EnvironmentKey": ("string",),
        "$.AppStatusInEnvs[].BaseApplicationVersionKey": ("string",), "$.AppStatusInEnvs[].IsModified": ("boolean",)},
    "GET /environments/{EnvironmentKey}/applications/{ApplicationKey}/": {
        "$.Key": ("string",), "$.AppStatusInEnvs[].EnvironmentKey": ("string",),
        "$.AppStatusInEnvs[].BaseApplicationVersionKey": ("string",), "$.AppStatusInEnvs[].IsModified": ("boolean",)},
    "GET /applications/{ApplicationKey}/versions/": {"$[].Key": ("string",), "$[].Version": ("string",), "$[].CreatedOn": DATE},
    "GET /applications/{ApplicationKey}/versions/{VersionKey}/": {"$.Key": ("string",), "$.Version": ("string",)},
    "GET /environments/{EnvironmentKey}/deploymentzones/": {"$[].Key": ("string",), "$[].Name": ("string",), "$[].IsDefault": ("boolean",)},
    "GET /modules/": {"$[].Key": ("string",), "$[].Name": ("string",)},
    "GET /roles/": {"$[].Key": ("string",), "$[].name": ("string",)},
    "GET /deployments/{DeploymentKey}/": {
        "$.Deployment.Key": ("string",), "$.Deployment.SourceEnvironmentKey": ("string",), "$.Deployment.TargetEnvironmentKey": ("string",),
        "$.Deployment.StartedOn": DATE, "$.Deployment.ApplicationOperations": ("list",)},
    "GET /deployments/{DeploymentKey}/status/": {
        "$.DeploymentStatus": ("string",), "$.Info": ("string",), "$.DeploymentLog[].Instant": DATE, "$.DeploymentLog[].Message": ("string",)},
}


def any_date(value):
    """The shape with ``null-date`` read as ``date``: both are dates LifeTime writes for a DateTime field."""
    if isinstance(value, dict):
        return dict((key, any_date(item)) for key, item in value.items())
    if isinstance(value, list):
        return [any_date(item) for item in value]
    if isinstance(value, str) and "null-date" in value.split("|"):
        return "|".join(sorted(set("date" if kind == "null-date" else kind for kind in value.split("|"))))
    return value


def leaves(value, place="$"):
    """(place, kind) for every field of a shape (objects and lists included, as ``object`` and ``list``)."""
    if isinstance(value, dict):
        for key, item in value.items():
            where = "%s.%s" % (place, key[:-len(OPTIONAL)] if key.endswith(OPTIONAL) else key)
            yield where, ("object" if isinstance(item, dict) else "list" if isinstance(item, list) else item)
            yield from leaves(item, where)
    elif isinstance(value, list) and value:
        yield from leaves(value[0], place + "[]")


def assumption_problems(operation, body_shape):
    """What this collection would stumble on in an answer of this shape."""
    problems = []
    found = list(leaves(body_shape))
    # The collection reads a field in either casing (records.field): compare places without case.
    places = dict((place.lower(), kind) for place, kind in found)
    present = set(["$"] + [place.rsplit(".", 1)[0] for place in places] + list(places))
    if isinstance(body_shape, list) and not body_shape:
        present.discard("$")  # an empty list: no item to check
    for wanted, kinds in sorted(RELIED_ON.get(operation, {}).items()):
        place = wanted.lower()
        parent = place.rsplit(".", 1)[0]
        if place not in places:
            if parent in present and not (parent == "$" and isinstance(body_shape, list)):
                problems.append("%s: missing (this collection reads it)" % wanted)
            elif parent == "$[]" and isinstance(body_shape, list) and body_shape:
                problems.append("%s: missing (this collection reads it)" % wanted)
            continue
        got = set(str(places[place]).split("|"))
        if not got <= set(kinds):
            problems.append("%s: %s where this collection expects %s" % (wanted, places[place], " or ".join(kinds)))
    for place, kind in sorted(found):
        for part in str(kind).split("|"):
            if part.startswith("date("):
                problems.append("%s: %s (expected Z with 0 to 3 fraction digits, or 1900-01-01T00:00:00 for not set)" % (place, part))
            elif part == "null":
                problems.append("%s: null (OutSystems sends 1900-01-01T00:00:00, \"\", 0 or false for not set)" % place)
    return problems


def undeclared(operation, body_shape):
    """Fields the swagger does not declare for this answer (and fields whose casing differs from the declared one)."""
    declared = DECLARED.get(operation)
    if declared is None:
        return []
    exact = set(declared)
    folded = dict((place.lower(), place) for place in declared)
    found = []
    for place, _kind in leaves(body_shape):
        if place in exact:
            continue
        if place.lower() in folded:
            found.append("%s: declared as %s" % (place, folded[place.lower()]))
        elif place.rsplit(".", 1)[0] in exact or place.count(".") == 1:
            found.append("%s: not in the swagger" % place)
    return found


class Report:
    """The calls made and what their answers look like."""

    def __init__(self, client):
        self.client = client
        self.calls = []

    def read(self, operation, path, params=None):
        """GET ``path``; record the answer's shape under ``operation``; return the body (None when refused)."""
        entry = {"call": operation, "query": sorted((params or {}).keys()), "documented": operation in DOCUMENTED,
                 "differences": [], "undeclared": [], "problems": []}
        try:
            body = self.client.get(path, params=params)
            entry["status"] = 204 if body is None else 200
        except LifetimeApiError as exc:
            entry["status"] = exc.status
            entry["shape"] = "refused"
            entry["problems"] = ["HTTP %s" % exc.status]
            self.calls.append(entry)
            return None
        entry["shape"] = shape(body) if body is not None else "empty"
        if isinstance(body, str):
            entry["shape"] = "text"
        documented = DOCUMENTED.get(operation)
        if documented is not None and body is not None:
            # Another state than the page's example (a started plan, an empty list) is no difference.
            entry["differences"] = differences(any_date(documented), any_date(entry["shape"]), strict_lists=False)
        entry["undeclared"] = undeclared(operation, entry["shape"])
        entry["problems"] = assumption_problems(operation, entry["shape"]) if body is not None else []
        self.calls.append(entry)
        return body

    def summary(self):
        return {
            "calls": len(self.calls),
            "as_documented": sum(1 for call in self.calls if call.get("documented") and not call.get("differences") and call["status"] < 300),
            "not_documented": sum(1 for call in self.calls if not call.get("documented")),
            "with_differences": sum(1 for call in self.calls if call.get("differences")),
            "with_problems": sum(1 for call in self.calls if call.get("problems")),
        }


def first(records, test=None):
    for record in records if isinstance(records, list) else []:
        if isinstance(record, dict) and (test is None or test(record)):
            return record
    return None


def key_of(record):
    if not isinstance(record, dict):
        return None
    value = record.get("Key", record.get("key"))
    return value if isinstance(value, str) and value else None


def check_server(client):
    """Read each list once and one record of each kind; return the Report."""
    report = Report(client)
    environments = report.read("GET /environments/", endpoints.ENVIRONMENTS)
    environment = key_of(first(environments))
    applications = report.read("GET /applications/", endpoints.APPLICATIONS)
    report.read("GET /modules/", endpoints.MODULES)
    report.read("GET /roles/", endpoints.ROLES, {"IncludeEnvPermissions": True})
    report.read("GET /users/", endpoints.USERS)
    report.read("GET /teams/", endpoints.TEAMS)
    plans = report.read("GET /deployments/", endpoints.DEPLOYMENTS)
    if environment:
        report.read("GET /environments/{EnvironmentKey}/", endpoints.path(endpoints.ENVIRONMENT, environment_key=environment))
        report.read("GET /environments/{EnvironmentKey}/deploymentzones/", endpoints.path(endpoints.DEPLOYMENT_ZONES, environment_key=environment))
        running = report.read("GET /environments/{EnvironmentKey}/applications/",
                              endpoints.path(endpoints.ENVIRONMENT_APPLICATIONS, environment_key=environment))
        app_here = key_of(first(running))
        if app_here:
            report.read("GET /environments/{EnvironmentKey}/applications/{ApplicationKey}/",
                        endpoints.path(endpoints.ENVIRONMENT_APPLICATION, environment_key=environment, application_key=app_here),
                        {"IncludeEnvStatus": True, "IncludeModules": True})
    application = key_of(first(applications))
    if application:
        report.read("GET /applications/{ApplicationKey}/", endpoints.path(endpoints.APPLICATION, application_key=application),
                    {"IncludeEnvStatus": True, "IncludeModules": True})
        versions = report.read("GET /applications/{ApplicationKey}/versions/", endpoints.path(endpoints.APPLICATION_VERSIONS, application_key=application))
        version = key_of(first(versions))
        if version:
            report.read("GET /applications/{ApplicationKey}/versions/{VersionKey}/",
                        endpoints.path(endpoints.APPLICATION_VERSION, application_key=application, version_key=version), {"IncludeModules": True})
    plan = key_of(first(plans))
    if plan:
        report.read("GET /deployments/{DeploymentKey}/", endpoints.path(endpoints.DEPLOYMENT, deployment_key=plan))
        report.read("GET /deployments/{DeploymentKey}/status/", endpoints.path(endpoints.DEPLOYMENT_STATUS, deployment_key=plan))
    return report
