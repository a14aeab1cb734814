"""The deterministic seed: three environments, six applications, users, roles and teams."""
from datetime import datetime, timedelta, timezone

from .model import Application, AppVersion, EnvStatus, Environment, Module, Role, Team, User, make_key, version_tuple

SEED_EPOCH = datetime(2026, 3, 2, 9, 0, 0, tzinfo=timezone.utc)

ENVIRONMENTS = (
    ("Development", 1, "dev.lifetime.example.com", "Development"),
    ("Test", 2, "test.lifetime.example.com", "Test"),
    ("Production", 3, "prod.lifetime.example.com", "Production"),
)

TEMPLATES = (("Reactive Web App", "WebResponsive"), ("Tablet App", "Mobile"), ("Phone App", "Mobile"), ("Service", "Service"))

CSP_DIRECTIVES = ("BaseUri", "ChildSrc", "ConnectSrc", "DefaultSrc", "FontSrc", "ImgSrc", "MediaSrc", "ObjectSrc",
                  "PluginTypes", "ScriptSrc", "StyleSrc", "FrameAncestors", "ReportTo", "Other")

DB_PROVIDERS = ("SqlServer", "Oracle")

# Role permission levels 0-6. Levels 2, 5 and 6 and their labels are documented (regenv-roles); 0 is "no access"
# (regenv-register) and 1 is named in OutSystems' roles documentation. No documented answer names 3 and 4: their
# labels here are placeholders that no real server sends (the modules take every label from the server).
ROLE_PERMISSION_LEVELS = ((0, "No Access"), (1, "Monitor and Add Dependencies"), (2, "Open and Debug Applications"),
                          (3, "Simulated Level 3"), (4, "Simulated Level 4"), (5, "Change and Deploy Applications"),
                          (6, "Full Control"))

DB_PERMISSION_LEVELS = ((1, "No Access", "None", 0), (2, "Use in Integration Builder", "Use", 1), (3, "Manage", "Manage", 2))

# name: (kind, modules, versions, running {env: (version, modified)}, producers)
APPLICATIONS = (
    ("Customer Portal", "WebResponsive", ("CustomerPortal", "CustomerPortal_CS"), ("1.0.0", "1.1.0", "1.2.0"),
     {"Development": ("1.2.0", True), "Test": ("1.1.0", False), "Production": ("1.0.0", False)}, ("Shared Components",)),
    ("Orders", "WebResponsive", ("Orders", "Orders_CS"), ("2.0.0", "2.1.0"),
     {"Development": ("2.1.0", False), "Test": ("2.1.0", False), "Production": ("2.0.0", False)}, ("Shared Components",)),
    ("Inventory", "WebResponsive", ("Inventory",), ("0.9.0", "1.0.0"),
     {"Development": ("1.0.0", True), "Test": ("1.0.0", False), "Production": ("1.0.0", False)}, ()),
    ("HR Onboarding", "WebResponsive", ("HROnboarding",), ("1.0.0",),
     {"Development": ("1.0.0", False)}, ()),
    ("Mobile Banking", "Mobile", ("MobileBanking",), ("3.0.0", "3.1.0"),
     {"Development": ("3.1.0", False), "Test": ("3.0.0", False), "Production": ("3.0.0", False)}, ()),
    ("Shared Components", "WebResponsive", ("SharedComponents",), ("1.0.0", "1.1.0"),
     {"Development": ("1.1.0", True), "Test": ("1.1.0", False), "Production": ("1.0.0", False)}, ()),
)


def build_environment(name, order, host, env_type):
    env = Environment(name, order, host, env_type)
    for zone_name, is_default in (("Global", True), ("DMZ", False)):
        env.zones.append({
            "Key": make_key("zone", name, zone_name), "Name": zone_name, "IsDefault": is_default,
            "DeploymentTechnology": {"Key": make_key("technology", "Classic"), "Name": "Classic"},
        })
    for template_name, kind in TEMPLATES:
        env.templates.append({"Key": make_key("template", name, template_name), "Name": template_name,
                              "Description": "", "ApplicationKind": kind})
    for index, directive in enumerate(CSP_DIRECTIVES, start=1):
        value = "'self'" if directive == "DefaultSrc" else ""
        env.csp[directive] = {"CSPDirectiveId": index, "Value": value, "IsSetForEnv": bool(value)}
    return env


def seed_environments(state):
    for name, order, host, env_type in ENVIRONMENTS:
        env = build_environment(name, order, host, env_type)
        state.envs[env.key] = env
    dev = state.find_env("Development")
    dev.is_offline = False  # documented: IsOffline is in some environment records only (srccode-env-list, rollback-env-list)
    state.find_env("Test").os_version = "11.26.0"  # documented OSVersion has 3 or 4 parts (infra-oap-env-list)
    dev.db_connections["ERPConnection"] = {
        "provider": "SqlServer", "username": "erp_reader", "password": "not-a-secret",
        "config": "Server=erp.example.com;Database=ERP", "roles": {}, "users": {},
    }


def seed_people(state):
    admin_role = Role("Administrator", manage_infrastructure=True, manage_teams=True)
    admin_role.description = "Built-in administrator role of the platform"
    developer = Role("Developer")
    tester = Role("Tester")
    for role, levels in ((admin_role, (6, 6, 6)), (developer, (5, 2, 1)), (tester, (1, 2, 1))):
        for env, level in zip(state.envs.values(), levels):
            role.env_permissions[env.key] = {"level": level, "create": level >= 5, "dependencies": level >= 5}
        state.roles[role.key] = role
    for username, name, role in (("admin", "Administrator", admin_role), ("alice", "Alice Almeida", developer),
                                 ("bob", "Bob Barros", developer)):
        user = User(username, name, role.key)
        state.users[user.key] = user
    state.service_user = state.find_user("admin")


def add_version(state, app, label, index, mobile=False):
    created_on = SEED_EPOCH + timedelta(days=7 * index + len(state.apps) % 7)
    module_version_keys = []
    for module_key in app.module_keys:
        module = state.modules[module_key]
        version_key = make_key("moduleversion", module.name, label)
        module.add_version(version_key, created_on, state.service_user)
        module_version_keys.append(version_key)
    mobile_versions = []
    if mobile:
        mobile_versions = [{"NativePlatform": platform, "VersionNumber": label, "VersionDescription": "Release " + label}
                           for platform in ("Android", "iOS")]
    version = AppVersion(app, label, "Release {0} of {1}".format(label, app.name), created_on, module_version_keys, mobile_versions)
    app.versions.append(version)
    return version


def build_application(state, name, kind, module_names, labels, running):
    app = Application(name, kind, description="{0} application".format(name))
    for module_name in module_names:
        module = Module(module_name, app.key, kind="eSpace")
        state.modules[module.key] = module
        app.module_keys.append(module.key)
    for index, label in enumerate(labels):
        add_version(state, app, label, index, mobile=app.is_mobile())
    for env_name, (label, modified) in running.items():
        env = state.find_env(env_name)
        app.status[env.key] = EnvStatus(app.version_by_label(label).key, modified, env.default_zone()["Key"])
        # Versions reach an environment in order: it ran every version up to the one it runs.
        for version in app.versions:
            if version_tuple(version.version) <= version_tuple(label):
                app.ran(env.key, version.key)
    state.add_app(app)
    return app


def seed_applications(state, seed_apps):
    for name, kind, modules, labels, running, _producers in APPLICATIONS:
        build_application(state, name, kind, modules, labels, running)
    for name, *_rest, producers in APPLICATIONS:
        state.find_app(name).producers = [state.find_app(producer).key for producer in producers]
    for number in range(1, (seed_apps or 0) + 1):
        name = "App {0:04d}".format(number)
        running = {"Development": ("1.0.0", number % 3 == 0), "Test": ("1.0.0", False)}
        build_application(state, name, "WebResponsive", ("App{0:04d}".format(number),), ("1.0.0",), running)


def seed_teams(state):
    platform = Team("Platform")
    platform.users[state.find_user("alice").key] = state.find_role("Developer").key
    platform.app_keys.append(state.find_app("Customer Portal").key)
    backoffice = Team("Backoffice")
    backoffice.users[state.find_user("bob").key] = state.find_role("Developer").key
    backoffice.app_keys.append(state.find_app("Orders").key)
    for team in (platform, backoffice):
        state.teams[team.key] = team
        for app_key in team.app_keys:
            state.apps[app_key].team_key = team.key


def seed_blocked_logins(state):
    dev = state.find_env("Development")
    prod = state.find_env("Production")
    bob = state.find_user("bob")
    state.blocked_logins.append(login_attempt(1, "", "203.0.113.7", dev, SEED_EPOCH + timedelta(days=200)))
    state.blocked_logins.append(login_attempt(2, bob.username, "198.51.100.23", prod, SEED_EPOCH + timedelta(days=201)))


def login_attempt(user_id, username, ip_address, env, when):
    return {
        "userId": user_id, "username": username, "success": False, "instant": when, "ipAddress": ip_address,
        "usernameFailureCount": 5 if username else 0, "originAddressFailureCount": 10, "userAgent": "Mozilla/5.0",
        "visitor": make_key("visitor", ip_address), "requestKey": make_key("request", ip_address, username),
        "result": "Blocked", "environmentId": env.order, "environmentName": env.name, "environmentKey": env.key,
    }


def seed(state, seed_apps=None):
    seed_environments(state)
    seed_people(state)
    seed_applications(state, seed_apps)
    seed_teams(state)
    seed_blocked_logins(state)
