"""The live, thread-safe state of the simulated LifeTime infrastructure."""
import threading

from . import clock, seed as seeding
from .lifecycle import advance_plan


class NotFound(Exception):
    """Raised by lookups; handlers turn it into a 404."""


class State:
    """All infrastructure data. Callers hold `lock` while reading or changing it."""

    def __init__(self, seed_apps=None, deploy_seconds=3.0, tag_delay_seconds=0.3, link_minutes=60):
        self.lock = threading.RLock()
        self.seed_apps = seed_apps
        self.deploy_seconds = self.initial_deploy_seconds = deploy_seconds
        self.tag_delay_seconds = tag_delay_seconds
        self.link_minutes = link_minutes
        self.scenarios = None
        self.reset()

    def reset(self):
        with self.lock:
            self.deploy_seconds = self.initial_deploy_seconds
            self.envs = {}
            self.apps = {}
            self.apps_by_name = {}
            self.modules = {}
            self.plans = {}
            self.users = {}
            self.roles = {}
            self.teams = {}
            self.blocked_logins = []
            self.downloads = {}
            self.packages = {}
            self.solutions = {}
            self.service_user = None
            seeding.seed(self, self.seed_apps)

    # ---- lookups -------------------------------------------------------------------------
    def add_app(self, app):
        self.apps[app.key] = app
        self.apps_by_name[app.name.lower()] = app

    def find_env(self, name_or_key):
        for env in self.envs.values():
            if name_or_key in (env.key, env.name):
                return env
        return None

    def find_app(self, name_or_key):
        with self.lock:
            return self.apps.get(name_or_key) or self.apps_by_name.get(str(name_or_key).lower())

    def find_user(self, name_or_key):
        return next((u for u in self.users.values() if name_or_key in (u.key, u.username)), None)

    def find_role(self, name_or_key):
        return next((r for r in self.roles.values() if name_or_key in (r.key, r.name)), None)

    def find_team(self, name_or_key):
        return next((t for t in self.teams.values() if name_or_key in (t.key, t.name)), None)

    @staticmethod
    def one_or_404(table, what, key):
        """table[key], or LifeTime's 404 naming what was looked for."""
        found = table.get(key)
        if found is None:
            raise NotFound("{0} with key '{1}' not found.".format(what, key))
        return found

    def env_or_404(self, key):
        return self.one_or_404(self.envs, "Environment", key)

    def app_or_404(self, key):
        return self.one_or_404(self.apps, "Application", key)

    def module_or_404(self, key):
        return self.one_or_404(self.modules, "Module", key)

    def plan_or_404(self, key):
        return self.one_or_404(self.plans, "Deployment", key)

    def find_version(self, version_key):
        for app in self.apps.values():
            version = app.version_by_key(version_key)
            if version is not None:
                return app, version
        return None, None

    def version_in_use(self, app, version_key):
        if any(status.version_key == version_key for status in app.status.values()):
            return True
        return any(plan.uses_version(version_key) and not plan.is_finished() for plan in self.plans.values())

    # ---- time ----------------------------------------------------------------------------
    def tick(self):
        """Advance every deployment plan to the current time."""
        with self.lock:
            now = clock.now()
            for plan in self.plans.values():
                advance_plan(self, plan, now)

    # ---- helpers for tests ---------------------------------------------------------------
    @property
    def deployments(self):
        self.tick()
        with self.lock:
            return list(self.plans.values())

    def running_version(self, env_name, app_name):
        """Version label running (as base version) in an environment, or None."""
        self.tick()
        with self.lock:
            env = self.find_env(env_name)
            app = self.find_app(app_name)
            if env is None or app is None or env.key not in app.status:
                return None
            version = app.version_by_key(app.status[env.key].version_key)
            return version.version if version else None

    def is_modified(self, env_name, app_name):
        self.tick()
        with self.lock:
            env = self.find_env(env_name)
            status = self.find_app(app_name).status.get(env.key)
            return None if status is None else status.modified

    def summary(self):
        """JSON-friendly overview used by GET /_sim/state."""
        self.tick()
        with self.lock:
            envs = sorted(self.envs.values(), key=lambda env: env.order)
            apps = []
            for app in self.apps.values():
                running = {}
                for env in envs:
                    status = app.status.get(env.key)
                    if status is not None:
                        version = app.version_by_key(status.version_key)
                        running[env.name] = {"version": version.version if version else None, "modified": status.modified}
                apps.append({"key": app.key, "name": app.name, "versions": [v.version for v in app.versions], "running": running})
            plans = [{"key": plan.key, "status": plan.status, "info": plan.info, "target": self.envs[plan.target_key].name,
                      "operations": len(plan.operations)} for plan in self.plans.values()]
            return {
                "environments": [{"key": env.key, "name": env.name, "order": env.order} for env in envs],
                "applications": apps,
                "deployments": plans,
            }
