"""Plain records of the simulated LifeTime infrastructure."""
import uuid
from datetime import timezone

from . import clock

KEY_NAMESPACE = uuid.UUID("0d9c6c52-5d0f-4b8e-9a55-1f3c2a6b7e10")
DEFAULT_OS_VERSION = "11.25.3.45111"


def make_key(kind, *parts):
    """Deterministic GUID for a named object, so reseeding gives the same keys."""
    return str(uuid.uuid5(KEY_NAMESPACE, "{0}:{1}".format(kind, "/".join(parts))))


def utc_now():
    return clock.utc_now()


def iso(moment):
    """LifeTime-style UTC timestamp: Z, 0 to 3 fraction digits, trailing zeros dropped (…38.26Z, …19Z)."""
    if moment is None:
        return None
    millis = "{0:03d}".format(moment.microsecond // 1000).rstrip("0")
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S") + ("." + millis if millis else "") + "Z"


def version_tuple(text):
    return tuple(int(part) for part in text.split("."))


class Environment:
    def __init__(self, name, order, host, env_type):
        self.key = make_key("environment", name)
        self.name = name
        self.order = order
        self.host = host
        self.env_type = env_type
        self.os_version = DEFAULT_OS_VERSION
        self.is_offline = None  # as documented, IsOffline is in some environment records only
        self.maintenance = False
        self.maintenance_reason = ""
        self.zones = []
        self.templates = []
        self.csp = {}
        self.db_connections = {}

    def default_zone(self):
        return next(zone for zone in self.zones if zone["IsDefault"])

    def to_record(self, details_url=False):
        """The environment as documented (*-env-list): no DetailsURL (swagger profile only), IsOffline only when set."""
        record = {
            "Key": self.key, "Name": self.name, "OSVersion": self.os_version, "Order": self.order,
            "HostName": self.host, "UseHTTPS": True, "EnvironmentType": self.env_type, "NumberOfFrontEnds": 2,
            "ApplicationServerType": ".NET", "ApplicationServer": "IIS", "DatabaseProvider": "SQLServer",
            "IsCloudEnvironment": True,
        }
        if details_url:
            record["DetailsURL"] = "https://lifetime.example.com/lifetime/Environment_Details.aspx?EnvironmentKey=" + self.key
        if self.is_offline is not None:
            record["IsOffline"] = self.is_offline
        return record


class Module:
    def __init__(self, name, app_key, kind="eSpace"):
        self.key = make_key("module", name)
        self.name = name
        self.app_key = app_key
        self.kind = kind
        self.versions = []

    def add_version(self, version_key, created_on, created_by):
        record = {
            "Key": version_key, "ModuleKey": self.key, "CreatedOn": created_on,
            "CreatedBy": created_by.key, "CreatedByUsername": created_by.username,
            "GeneralHash": make_key("hash", version_key).replace("-", "")[:24],
            "DirectUpgradeFromHash": self.versions[-1]["GeneralHash"] if self.versions else "",
        }
        self.versions.append(record)
        return record


class AppVersion:
    def __init__(self, app, version, change_log, created_on, module_version_keys, mobile_versions=None):
        self.key = make_key("appversion", app.name, version)
        self.app_key = app.key
        self.version = version
        self.change_log = change_log
        self.created_on = created_on
        self.module_version_keys = module_version_keys
        self.mobile_versions = mobile_versions or []
        self.visible_at = 0.0


class EnvStatus:
    def __init__(self, version_key, modified, zone_key):
        self.version_key = version_key
        self.modified = modified
        self.zone_key = zone_key


class Application:
    def __init__(self, name, kind, description=""):
        self.key = make_key("application", name)
        self.name = name
        self.kind = kind
        self.description = description
        self.team_key = ""
        self.module_keys = []
        self.versions = []
        self.status = {}
        self.producers = []
        self.blocked = {}
        # {environment key: keys of the versions that ran there}: an environment keeps the module versions it ran
        # (LifeTime tags a version based on an earlier one from them: "Rollback to a Previous Version").
        self.history = {}

    def version_by_key(self, version_key):
        return next((v for v in self.versions if v.key == version_key), None)

    def version_by_label(self, label):
        return next((v for v in self.versions if v.version == label), None)

    def is_mobile(self):
        return self.kind == "Mobile"

    def ran(self, env_key, version_key):
        """Record that ``env_key`` ran ``version_key`` (deployed or tagged there)."""
        self.history.setdefault(env_key, set()).add(version_key)

    def module_versions_in(self, env_key):
        """Keys of the module versions ``env_key`` holds: those of every version that ran there."""
        keys = set()
        for version in self.versions:
            if version.key in self.history.get(env_key, ()):
                keys.update(version.module_version_keys)
        return keys


class User:
    def __init__(self, username, name, role_key, active=True):
        self.key = make_key("user", username)
        self.username = username
        self.name = name
        self.email = "{0}@example.com".format(username)
        self.role_key = role_key
        self.active = active
        self.app_roles = {}
        self.password = ""


class Role:
    def __init__(self, name, manage_infrastructure=False, manage_teams=False):
        self.key = make_key("role", name)
        self.name = name
        self.description = ""
        self.manage_infrastructure = manage_infrastructure
        self.manage_teams = manage_teams
        self.env_permissions = {}


class Team:
    def __init__(self, name):
        self.key = make_key("team", name)
        self.name = name
        self.description = ""
        self.users = {}
        self.app_keys = []
