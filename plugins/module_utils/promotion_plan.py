# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a promotion deploys, decided once (module promotion_plan_info, used by the promote role).

The applications come from an explicit list, a manifest, or (neither given) every application that is newer in the
source than in the target, or modified there when it will be tagged. Each is then decided by selection.PlanBuilder, the
code the deployment module runs: the version, what the target already runs (skipped), the zone. Every problem is
collected, so a request is refused listing all of them at once, before anything changes.

Requests: one environment list, one application list with statuses; a versions list only for an application whose
versions must be named to decide (auto-pick, where source and target run different versions on a LifeTime that sends
no labels) or whose manifest version runs in no environment; the target's zones only when a zone is asked or an
application is new there.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.outsystems.lifetime.plugins.module_utils.applications import status_in
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeError
from ansible_collections.outsystems.lifetime.plugins.module_utils.lookups import pick
from ansible_collections.outsystems.lifetime.plugins.module_utils.manifests import environment_for
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, record_key, record_name
from ansible_collections.outsystems.lifetime.plugins.module_utils.selection import PlanBuilder, known_versions

ENTRY_FIELDS = ("name", "key", "version", "version_key", "from_version", "from_version_key", "modified", "tag", "zone", "zone_key")


def wanted_names(applications):
    """The names of the ``applications`` option: a list, or a comma-separated string."""
    if applications is None:
        return []
    if isinstance(applications, str):
        applications = applications.split(",")
    return [str(name).strip() for name in applications if str(name).strip()]


class PromotionPlan:
    """Select and decide; ``problems`` holds every problem found, ``option`` names an option as the caller knows it."""

    def __init__(self, lookups, prefix="", version_labels=False):
        self.lookups = lookups
        self.version_labels = version_labels
        self.prefix = prefix
        self.problems = []
        self.notes = []
        self.unverified = []
        self.selected = []
        self.skipped = []
        self.decided = []
        self.source = None
        self.target = None

    def option(self, name):
        return self.prefix + name

    def environment(self, option, asked, manifest):
        defined = environment_for(manifest, asked) if manifest else None
        if defined:
            asked = defined.get("key") or defined.get("name")
        try:
            return self.lookups.environment(asked)
        except LifetimeError as exc:
            self.problems.append("%s: %s" % (self.option(option), exc))
            return None

    def run(self, source, target, applications=None, manifest=None, manifest_path=None, tag_modified=False, deployment_zones=None,
            include_test_applications=True):
        """Fill selected, skipped, problems, notes and unverified. ``manifest`` is manifests.load_manifest's answer; its
        test applications (is_test_application) are left out, with a note, unless ``include_test_applications``."""
        zones = dict(deployment_zones or {})
        wanted = wanted_names(applications)
        if manifest:
            self.problems.extend(manifest["problems"])
        self.source = self.environment("source_environment", source, manifest)
        self.target = self.environment("target_environment", target, manifest)
        for app_name, zone in zones.items():
            if not str(zone or "").strip():
                self.problems.append("%s['%s'] is empty ('%s'): give the zone's name or key" % (self.option("deployment_zones"), app_name, zone))
        catalog = self.lookups.applications(env_status=True)
        resolved = self.resolve_names(catalog, wanted, "applications")
        zone_apps = self.resolve_names(catalog, list(zones), "deployment_zones", exact=True)
        zone_of = dict((record_key(app), zones[name]) for name, app in zone_apps.items() if str(zones[name] or "").strip())
        builder = None
        if self.source and self.target:
            if record_key(self.source).lower() == record_key(self.target).lower():
                self.problems.append("the target environment '%s' is the source environment" % record_name(self.target))
            builder = PlanBuilder(self.lookups, self.source, self.target, name_versions=self.version_labels,
                                  name_kept=self.version_labels)
        if manifest is not None:
            candidates = self.from_manifest(catalog, manifest, manifest_path, wanted, resolved, include_test_applications)
        elif wanted:
            unique = dict((record_key(app), app) for app in resolved.values())
            candidates = [(app, {}) for app in unique.values()]
        elif builder:
            candidates = self.newer_or_modified(builder, catalog, tag_modified)
        else:
            candidates = []
        if builder is None:
            # No decision without both environments, but the versions asked are checked all the same.
            checker = PlanBuilder(self.lookups, None, None)
            for app, entry in candidates:
                if entry.get("version"):
                    try:
                        checker.version(app, entry["version"])
                    except (LifetimeError, ValueError) as exc:
                        self.problems.append(str(exc))
            return
        for app, entry in candidates:
            zone = zone_of.get(record_key(app)) or entry.get("deployment_zone")
            self.decide(builder, app, dict(entry, deployment_zone=zone), tag_modified, bool(wanted))

    def resolve_names(self, catalog, names, option, exact=False):
        """{name: application} of the names that name one; a problem (with "did you mean") for the others."""
        found = {}
        for name in names:
            try:
                app = pick("application", catalog, name)
            except LifetimeError as exc:
                self.problems.append("%s: %s" % (self.option(option), exc))
                continue
            if exact and name not in (record_name(app), record_key(app)):
                self.problems.append("%s: application '%s' is called '%s': use its exact name or key" % (self.option(option), name, record_name(app)))
                continue
            found[name] = app
        return found

    def from_manifest(self, catalog, manifest, path, wanted, resolved, include_test_applications=True):
        """(application, {version}) of the manifest's entries (only those named in ``wanted`` when given)."""
        entries = manifest["applications"]
        listed = set()
        candidates = []
        for entry in entries:
            if not (entry["name"] or entry["key"]) or not (entry["version"] or entry["version_key"]):
                continue  # load_manifest reported it
            try:
                app = pick("application", catalog, entry["key"] or entry["name"])
            except LifetimeError:
                self.problems.append("application '%s' of the manifest does not exist" % (entry["name"] or entry["key"]))
                continue
            listed.add(record_key(app))
            if wanted and record_key(app) not in [record_key(one) for one in resolved.values()]:
                continue
            if entry.get("is_test_application") and not include_test_applications:
                self.notes.append("%s is a test application of the manifest: left out (%s is false)" % (
                    record_name(app), self.option("include_test_applications")))
                continue
            candidates.append((app, {"version": entry["version_key"] or entry["version"], "label": entry["version"],
                                     "deployment_zone": entry.get("deployment_zone"), "is_test_application": bool(entry.get("is_test_application"))}))
        for name, app in resolved.items():
            if manifest.get("format") and record_key(app) not in listed:
                self.problems.append("application '%s' is not in the manifest '%s'" % (name, path))
        return candidates

    def newer_or_modified(self, builder, catalog, tag_modified):
        """The applications that run a newer version in the source than in the target, or are modified there and will be tagged."""
        candidates = []
        for app in catalog:
            status = status_in(app, record_key(self.source))
            if not field(status, "BaseApplicationVersionKey"):
                continue
            modified = bool(field(status, "IsModified"))
            if modified and tag_modified:
                candidates.append((app, {}))
            elif builder.source_is_newer(app):
                candidates.append((app, {}))
            elif modified:
                self.notes.append("%s is modified in %s but not tagged (%s is false): left out" % (
                    record_name(app), record_name(self.source), self.option("tag_modified")))
        return candidates

    def decide(self, builder, app, entry, tag_modified, named):
        tag = bool(tag_modified and not entry.get("version") and field(status_in(app, record_key(self.source)), "IsModified"))
        try:
            item = builder.decide(entry, app, tag=tag)
        except (LifetimeError, ValueError) as exc:
            self.problems.append(str(exc))
            return
        if entry.get("version") and item["version_key"].lower() not in known_versions(app):
            self.unverified.append(dict(name=item["name"], key=item["key"], version=entry["version"]))
        if item["modified"] and not tag and named and not entry.get("version"):
            self.notes.append("%s is modified in %s; its last %s is promoted without those changes" % (
                item["name"], record_name(self.source), ("version %s" % item["version"]) if item["version"] else "tagged version"))
        record = dict((name, item[name]) for name in ENTRY_FIELDS)
        record["is_test_application"] = bool(entry.get("is_test_application"))
        self.decided.append(record)
        if item["keeps"]:
            self.skipped.append(dict(record, reason=item["reason"]))
        else:
            self.selected.append(record)

    def result(self):
        environments = dict((name, dict(key=record_key(env), name=record_name(env)) if env else None)
                            for name, env in (("source_environment", self.source), ("target_environment", self.target)))
        return dict(environments, selected=self.selected, skipped=self.skipped, decided=self.decided, problems=self.problems,
                    notes=self.notes, unverified=self.unverified)
