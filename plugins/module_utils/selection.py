# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Selection: from application names (and optional versions and zones) to the operations of a deployment plan.

Everything is resolved before any change: applications, versions and zones by name or key, what the target already
runs (skipped), and the warnings a person should read (an application modified since its version was tagged).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.applications import list_versions, status_in, version_label
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeApiError, LifetimeError
from ansible_collections.outsystems.lifetime.plugins.module_utils.lookups import closest_name, not_found, pick, valid_names
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import blank_text, number_as_version
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, is_version, parse_version, record_key, record_name

APPLICATION_KEYS = ("name", "version", "deployment_zone")


def normalize_applications(applications):
    """Each element of the ``applications`` option as a dict with name, version and deployment_zone; a bad one is a ValueError."""
    if applications is None:
        return None
    normalized = []
    for element in applications:
        if isinstance(element, dict):
            unknown = sorted(set(element) - set(APPLICATION_KEYS))
            if unknown:
                raise ValueError("applications: unknown key(s) %s in %r; valid keys: name, version, deployment_zone" % (", ".join(unknown), element))
            if not str(element.get("name") or "").strip():
                raise ValueError("applications: element %r has no name (the application name or key)" % (element,))
            label = "applications[%d]" % len(normalized)
            problem = number_as_version(label + ".version", element.get("version")) or blank_text(label + ".version", element.get("version")) \
                or blank_text(label + ".deployment_zone", element.get("deployment_zone"))
            if problem:
                raise ValueError(problem)
            normalized.append(dict(name=str(element["name"]), version=None if element.get("version") is None else str(element["version"]),
                                   deployment_zone=element.get("deployment_zone")))
        elif isinstance(element, (str, int, float)) and str(element).strip():
            normalized.append(dict(name=str(element).strip(), version=None, deployment_zone=None))
        else:
            raise ValueError("applications: element %r is neither an application name nor a dictionary with name" % (element,))
    return normalized


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


def to_deploy_record(item):
    """An applications_to_deploy entry of the deployment module, from a decided item."""
    return dict(application_name=item["name"], application_key=item["key"], from_version=item["from_version"],
                from_version_key=item.get("from_version_key") or "", to_version=item["version"], version_key=item["version_key"],
                deployment_zone=item["zone"], deployment_zone_key=item["zone_key"])


class PlanBuilder:
    """Resolve environments, applications, versions and zones by name, all before any change."""

    def __init__(self, lookups, source, target, name_versions=True):
        self.client = lookups.client
        self.name_versions = name_versions
        self.lookups = lookups
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
        item = self.decide(entry, app)
        if item["modified"] and not entry.get("version"):
            named = item["version"] or "(key %s)" % item["version_key"]
            self.warnings.append("application '%s' was modified in '%s' after version %s was tagged; version %s is deployed, "
                                 "without those changes (tag a new version to deploy them)." % (
                                     item["name"], record_name(self.source), named, named))
        if item["keeps"]:
            self.skipped.append(dict(application_name=item["name"], application_key=item["key"], version=item["version"],
                                     version_key=item["version_key"], reason=item["reason"]))
            return
        self.to_deploy.append(to_deploy_record(item))

    def decide(self, entry, app, tag=False):
        """What one application of the plan comes to: the version to deploy (``entry``'s, else the one the source runs),
        the one the target runs, the zone, and whether the target keeps it (it already runs that version, unmodified).

        With ``tag`` the version does not exist yet (it is tagged from the source first): the application always moves.
        Version labels are read (one versions list per application) only for what moves, and only with name_versions.
        """
        app_name = record_name(app)
        source_status = status_in(app, record_key(self.source))
        target_status = status_in(app, record_key(self.target))
        wanted_version = entry.get("version")
        if wanted_version:
            version_key, label = self.version(app, str(wanted_version).strip())
        else:
            if not source_status:
                raise ValueError("application '%s' is not running in the source environment '%s'; give its version." % (app_name, record_name(self.source)))
            version_key = field(source_status, "BaseApplicationVersionKey") or ""
            label = field(source_status, "BaseApplicationVersionLabel") or None
            if not version_key and not tag:
                raise ValueError("application '%s' has no tagged version in '%s': tag one first." % (app_name, record_name(self.source)))
        zone = self.zone(entry.get("deployment_zone"), target_status)
        target_key = field(target_status, "BaseApplicationVersionKey") or ""
        keeps = not tag and bool(target_status) and target_key.lower() == version_key.lower() and not field(target_status, "IsModified") \
            and (not entry.get("deployment_zone") or self.same_zone(field(target_status, "DeploymentZoneKey"), zone[0]))
        name = self.label if (self.name_versions and not keeps) else self.known_label
        return dict(name=app_name, key=record_key(app), version=(label or name(app, version_key)) if version_key else None,
                    version_key=version_key, from_version=name(app, target_key) if target_key else None, from_version_key=target_key,
                    modified=bool(field(source_status, "IsModified")), tag=tag, zone=zone[1], zone_key=zone[0], keeps=keeps,
                    reason="'%s' already runs version %s, unmodified" % (record_name(self.target), label or version_key) if keeps else None)

    def source_is_newer(self, app):
        """Whether the source runs another version than the target and, when both versions have labels, a higher one.

        Versions are compared by key; labels (one versions list per application, when LifeTime sends none) are read only
        for an application whose source and target run different versions.
        """
        source_key = (field(status_in(app, record_key(self.source)), "BaseApplicationVersionKey") or "").lower()
        target_key = (field(status_in(app, record_key(self.target)), "BaseApplicationVersionKey") or "").lower()
        if not source_key or source_key == target_key:
            return False
        if not target_key:
            return True
        source_label, target_label = self.label(app, source_key), self.label(app, target_key)
        if is_version(source_label) and is_version(target_label):
            return parse_version(source_label) > parse_version(target_label)
        return True

    def list_versions(self, app):
        """The application's versions, read once per application and run."""
        app_key = record_key(app)
        if app_key not in self.versions:
            self.versions[app_key] = list_versions(self.client, app_key)
        return self.versions[app_key]

    def known_label(self, app, version_key):
        """The label of one of the application's versions when known without a request (statuses, or versions read), else None."""
        known = known_versions(app).get(version_key.lower())
        if known and known[1]:
            return known[1]
        for version in self.versions.get(record_key(app)) or []:
            if (record_key(version) or "").lower() == version_key.lower():
                return version_label(version)
        return None

    def label(self, app, version_key):
        """The label of one of the application's versions: from its statuses when LifeTime sends labels, else from its versions."""
        known = known_versions(app).get(version_key.lower())
        if known and known[1]:
            return known[1]
        for version in self.list_versions(app):
            if (record_key(version) or "").lower() == version_key.lower():
                return version_label(version)
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
                label = version_label(version)
                if is_version(label) and parse_version(label) == parse_version(wanted):
                    return record_key(version), label
            labels = sorted((version_label(v) for v in versions if is_version(version_label(v))),
                            key=parse_version)
            raise ValueError("version '%s' of application '%s' not found. Valid versions: %s." % (
                wanted, record_name(app), ", ".join(labels) or "none"))
        try:
            # LifeTime answers 400 to this GET without IncludeModules.
            version = self.client.get(endpoints.path(endpoints.APPLICATION_VERSION, application_key=record_key(app), version_key=wanted),
                                      params={"IncludeModules": True})
        except LifetimeApiError as exc:
            if exc.status in (400, 404):
                raise ValueError("version '%s' of application '%s' not found: give a version such as 1.2.0 or a version key." % (
                    wanted, record_name(app)))
            raise
        return record_key(version), version_label(version)

    def zone(self, wanted, target_status):
        """(zone key, zone name) for the target: the one asked, the one the app uses there, or the default.

        The target's zones are listed only when a zone is asked or an application is new in the target; an
        application that keeps its zone gets the zone's name only when the zones were listed anyway.
        """
        if wanted:
            zone = self.lookups.deployment_zone(self.target, wanted)
            return record_key(zone), record_name(zone)
        if target_status:
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
