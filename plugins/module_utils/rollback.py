# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rollback: what to tag and deploy so that a target environment runs earlier application versions again.

The documented ways, by application kind (OutSystems' "Rollback to a Previous Version"):

- a web (reactive) application: LifeTime does not deploy a version lower than the one running, so a new version is
  tagged based on the earlier version's module versions (C(ModuleVersionKeys)), with the next version number, in an
  environment that holds those module versions; that new version is deployed;
- a mobile application: the earlier version is deployed as it is (a plan naming its key: rollback-create).

Everything is read and decided before any change: the plan names, per application, what would be tagged and
deployed, and every problem (a version deleted, no environment holding its module versions, a plan to the target
running) names its application. The plan is also what check mode shows.

LifeTime's API does not list the module versions an environment holds (it ran them). The plan takes it that an
environment that runs the earlier version, or a later one, received the earlier version on its way (versions are
promoted in order); LifeTime itself refuses a tag whose module versions the environment does not hold.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.applications import find_version, list_versions, status_in, version_label
from ansible_collections.outsystems.lifetime.plugins.module_utils.lookups import pick
from ansible_collections.outsystems.lifetime.plugins.module_utils.dates import is_not_set
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeError
from ansible_collections.outsystems.lifetime.plugins.module_utils.plan_records import IN_PROGRESS, status_of
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, is_version, next_version, parse_version, record_key, record_name
from ansible_collections.outsystems.lifetime.plugins.module_utils.version_tags import module_versions_of

NOTHING, DEPLOY, TAG_AND_DEPLOY = "none", "deploy", "tag_and_deploy"


def is_mobile(application):
    return (field(application, "Kind", "kind") or "").lower() == "mobile"


def module_version_keys(client, application_key, version):
    return sorted(key.lower() for key in module_versions_of(client, application_key, version))


def numbers(label):
    return parse_version(label) if is_version(label) else (0, 0, 0)


def holds(application, environment, earlier, versions):
    """Whether ``environment`` holds the module versions of ``earlier``: it runs that version or a later one (see above)."""
    status = status_in(application, record_key(environment))
    running = find_version(versions, field(status, "BaseApplicationVersionKey") or "") if status else None
    return running is not None and numbers(version_label(running)) >= numbers(version_label(earlier))


def default_source(environments, target):
    """The environment just before the target in LifeTime's order (Test for Production): where its versions came from."""
    order = field(target, "Order", "order") or 0
    earlier = [env for env in environments if (field(env, "Order", "order") or 0) < order and record_key(env) != record_key(target)]
    return max(earlier, key=lambda env: field(env, "Order", "order") or 0) if earlier else None


def default_change_log(name, earlier, running, target):
    return "Rollback of %s in %s to version %s (from %s)" % (name, record_name(target), earlier, running)


class RollbackPlanner:
    """Decide, per application, how ``target`` goes back to an earlier version. Read-only."""

    def __init__(self, lookups, target, source=None, change_log=None):
        self.client = lookups.client
        self.lookups = lookups
        self.environments = lookups.environments()
        self.target = lookups.environment(target)
        self.source = lookups.environment(source) if source else default_source(self.environments, self.target)
        self.change_log = change_log
        self.problems = []

    def plan(self, wanted):
        """``wanted``: [{name, version (label or key), from_version, from_version_key}] -> the plan (a dict); fails with every problem."""
        if self.source is None:
            raise ValueError("environment '%s' is the first one: no environment comes before it to deploy from. Give source_environment."
                             % record_name(self.target))
        if record_key(self.source) == record_key(self.target):
            raise ValueError("source_environment and target_environment are both '%s': give two environments." % record_name(self.target))
        applications = self.lookups.applications(env_status=True)
        rollbacks = []
        for entry in wanted:
            try:
                application = pick("application", applications, entry["name"])
            except LifetimeError as exc:
                self.problems.append(str(exc))
                continue
            rollback = self.decide(application, entry)
            if rollback is not None:
                rollbacks.append(rollback)
        moving = [item for item in rollbacks if item["action"] != NOTHING]
        if moving and not self.problems:
            self.check_no_plan_running(moving)
        if self.problems:
            raise ValueError("the rollback cannot be done, nothing was changed: " + " ".join(self.problems))
        return dict(source_environment=record_name(self.source), source_environment_key=record_key(self.source),
                    target_environment=record_name(self.target), target_environment_key=record_key(self.target),
                    rollbacks=rollbacks, deploy=[dict(name=item["application_key"], version=item["deploy_version"]) for item in moving],
                    changes=bool(moving))

    def decide(self, application, entry):
        name, app_key = record_name(application), record_key(application)
        versions = list_versions(self.client, app_key)
        # A manifest names the version the target ran by key (exact) and label; explicit pairs give a label or a key.
        key, label = entry.get("from_version_key"), entry.get("version") or entry.get("from_version")
        earlier = find_version(versions, key) if key else find_version(versions, label)
        if earlier is None:
            self.problems.append("application '%s': version %s no longer exists (it was deleted), so it cannot be rolled back to." % (
                name, label or key))
            return None
        status = status_in(application, record_key(self.target))
        if not status or not field(status, "BaseApplicationVersionKey"):
            self.problems.append("application '%s' does not run a tagged version in '%s': there is nothing to roll back." % (name, record_name(self.target)))
            return None
        running = find_version(versions, field(status, "BaseApplicationVersionKey"))
        modified = bool(field(status, "IsModified"))
        result = dict(application_name=name, application_key=app_key, kind="mobile" if is_mobile(application) else "web",
                      from_version=version_label(running) if running else None, from_version_key=field(status, "BaseApplicationVersionKey"),
                      to_version=version_label(earlier), to_version_key=record_key(earlier), action=DEPLOY, tag=None,
                      deploy_version=version_label(earlier), deploy_version_key=record_key(earlier))
        if is_mobile(application):
            if not modified and running is not None and record_key(running).lower() == record_key(earlier).lower():
                return dict(result, action=NOTHING, deploy_version=None, deploy_version_key=None)
        else:
            wanted_modules = module_version_keys(self.client, app_key, earlier)
            if not modified and running is not None and module_version_keys(self.client, app_key, running) == wanted_modules:
                # The target already runs that content: the earlier version itself, or a version tagged from it.
                return dict(result, action=NOTHING, deploy_version=None, deploy_version_key=None)
            if running is not None and numbers(version_label(earlier)) <= numbers(version_label(running)):
                result = self.tag_or_reuse(result, versions, earlier, running, wanted_modules)
        if not holds(application, self.source, earlier, versions):
            self.problems.append(self.not_held(application, earlier, versions))
            return None
        return result

    def tag_or_reuse(self, result, versions, earlier, running, wanted_modules):
        """A version above the running one made of the earlier version's module versions: one tagged before (a rerun), or a new tag."""
        for version in versions:
            if record_key(version) != record_key(earlier) and numbers(version_label(version)) > numbers(version_label(running)) \
                    and module_version_keys(self.client, result["application_key"], version) == wanted_modules:
                return dict(result, deploy_version=version_label(version), deploy_version_key=record_key(version))
        label = next_version([version_label(version) for version in versions], "patch")
        change_log = self.change_log or default_change_log(result["application_name"], version_label(earlier), version_label(running), self.target)
        tag = dict(environment=record_name(self.source), environment_key=record_key(self.source), version=label,
                   based_on_version=version_label(earlier), based_on_version_key=record_key(earlier), change_log=change_log)
        return dict(result, action=TAG_AND_DEPLOY, tag=tag, deploy_version=label, deploy_version_key=None)

    def not_held(self, application, earlier, versions):
        name, label = record_name(application), version_label(earlier)
        others = [record_name(env) for env in self.environments
                  if record_key(env) not in (record_key(self.target), record_key(self.source)) and holds(application, env, earlier, versions)]
        if not others:
            return ("application '%s': no environment has the module versions of version %s (none besides '%s' runs it or a later "
                    "version), so there is nothing to deploy it from." % (name, label, record_name(self.target)))
        return ("application '%s': '%s' does not have the module versions of version %s; %s does: give it as source_environment."
                % (name, record_name(self.source), label, ", ".join("'%s'" % other for other in others)))

    def check_no_plan_running(self, moving):
        """A plan to the target that is under way (its list record has no status: each started plan's status is read)."""
        plans = self.client.get_list(endpoints.DEPLOYMENTS, params={"TargetEnvironmentKey": record_key(self.target)})
        for plan in plans:
            started = field(plan, "StartedOn")
            if started is None or is_not_set(started):
                continue
            status = status_of(self.client.get(endpoints.path(endpoints.DEPLOYMENT_STATUS, deployment_key=record_key(plan))))
            if status in IN_PROGRESS:
                names = ", ".join("'%s'" % item["application_name"] for item in moving)
                self.problems.append("a deployment plan to '%s' is %s (plan %s): %s cannot be rolled back until it ends." % (
                    record_name(self.target), status, record_key(plan), names))
                return


def wanted_from_manifest(manifest, origin):
    """The applications and the versions the target ran before, from a loaded manifest (manifests.load_manifest)."""
    problems = list(manifest["problems"])
    wanted = []
    for number, app in enumerate(manifest["applications"], start=1):
        name = app["key"] or app["name"]
        if not (app["from_version"] or app["from_version_key"]):
            problems.append("manifest '%s': applications entry %d (%s): no from_version: the manifest does not say which version the "
                            "target ran before" % (origin, number, app["name"] or app["key"]))
            continue
        wanted.append(dict(name=name, version=None, from_version=app["from_version"], from_version_key=app["from_version_key"]))
    if problems:
        raise ValueError(" ".join(problems))
    return wanted
