"""The one table mapping each LifeTime API v2 operation (method, path template) to its handler."""
import re

from . import handlers_apps as apps
from . import handlers_deploy as deploy
from . import handlers_envs as envs
from . import handlers_packages as packages
from . import handlers_people as people

E = "/environments/{EnvironmentKey}"
DB = E + "/dbconnections/{DbConnectionName}"
ROUTES = (
    ("get", "/applications/", apps.list_applications),
    ("get", "/applications/{ApplicationKey}/", apps.get_application),
    ("get", "/applications/{ApplicationKey}/configurations/", apps.get_app_configurations),
    ("put", "/applications/{ApplicationKey}/configurations/", apps.update_app_configurations),
    ("get", "/applications/{ApplicationKey}/versions/", apps.list_app_versions),
    ("delete", "/applications/{ApplicationKey}/versions/{VersionKey}/", apps.delete_app_version),
    ("get", "/applications/{ApplicationKey}/versions/{VersionKey}/", apps.get_app_version),
    ("get", "/applications/{ApplicationKey}/versions/{VersionKey}/content/", apps.download_app_version),
    ("post", "/auth/tokens/", people.renew_token),
    ("post", "/deployments/", deploy.create_deployment),
    ("get", "/deployments/", deploy.list_deployments),
    ("delete", "/deployments/{DeploymentKey}/", deploy.delete_deployment),
    ("put", "/deployments/{DeploymentKey}/", deploy.update_deployment),
    ("get", "/deployments/{DeploymentKey}/", deploy.get_deployment),
    ("post", "/deployments/{DeploymentKey}/{Command}/", deploy.execute_command),
    ("get", "/deployments/{DeploymentKey}/status/", deploy.get_deployment_status),
    ("get", "/deployments/{DeploymentKey}/getmissingdbmappings/", deploy.get_missing_db_mappings),
    ("post", "/deployments/{DeploymentKey}/configuration/", deploy.configure_deployment),
    ("post", "/environments/", envs.register_environment),
    ("get", "/environments/", envs.list_environments),
    ("delete", "/environments/{EnvironmentKey}", envs.unregister_environment),
    ("get", E + "/", envs.get_environment),
    ("get", E + "/applications/", apps.list_running_apps),
    ("post", E + "/applications/", apps.create_application),
    ("get", E + "/applications/{ApplicationKey}/", apps.get_running_app),
    ("get", E + "/applications/{ApplicationKey}/content/", apps.download_running_app),
    ("post", E + "/applications/{ApplicationKey}/sourcecodeaccess/", packages.app_source_code),
    ("get", E + "/applications/{ApplicationKey}/sourcecodeaccess/{PackageKey}/download/", packages.app_source_download),
    ("get", E + "/applications/{ApplicationKey}/sourcecodeaccess/{PackageKey}/status/", packages.app_source_status),
    ("post", E + "/applications/{ApplicationKey}/versions/", apps.create_version),
    ("post", E + "/modules/{ModuleKey}/sourcecodeaccess/", packages.module_source_code),
    ("get", E + "/modules/{ModuleKey}/sourcecodeaccess/{PackageKey}/download/", packages.module_source_download),
    ("get", E + "/modules/{ModuleKey}/sourcecodeaccess/{PackageKey}/status/", packages.module_source_status),
    ("get", E + "/deploymentzones/", envs.list_deployment_zones),
    ("put", E + "/maintenancemode", envs.set_maintenance_mode),
    ("get", E + "/templates/", envs.list_templates),
    ("get", E + "/content_security_policies/", envs.get_csp),
    ("put", E + "/content_security_policies/", envs.set_csp),
    ("get", E + "/dbconnections/", envs.list_db_connections),
    ("post", E + "/dbconnections/", envs.create_db_connection),
    ("get", DB + "/", envs.get_db_connection),
    ("put", DB + "/", envs.edit_db_connection),
    ("delete", DB + "/", envs.delete_db_connection),
    ("put", DB + "/rolepermissionlevel/", envs.set_role_permission),
    ("delete", DB + "/rolepermissionlevel/", envs.revoke_role_permission),
    ("get", DB + "/rolepermissionlevel/{Role}/", envs.get_role_permission),
    ("put", DB + "/userpermissionlevel/", envs.set_user_permission),
    ("delete", DB + "/userpermissionlevel/", envs.revoke_user_permission),
    ("get", DB + "/userpermissionlevel/{Username}/", envs.get_user_permission),
    ("get", E + "/dbconnection/dbproviders/", envs.list_db_providers),
    ("post", E + "/deployment/", deploy.create_binary_deployment),
    ("get", "/environments/dbconnection/permissionlevels/", envs.list_db_permission_levels),
    ("post", E + "/testdbconnection/", envs.test_db_connection),
    ("get", "/environments/blockedipaddresses/", envs.list_blocked_ips),
    ("delete", "/environments/blockedipaddresses/{IPAddress}/", envs.unblock_ip),
    ("post", E + "/solution", packages.create_solution),
    ("get", E + "/solution/{SolutionKey}", packages.solution_download),
    ("get", E + "/solutionstatus/{SolutionKey}", packages.solution_status),
    ("get", "/modules/", apps.list_modules),
    ("get", "/modules/{ModuleKey}/", apps.get_module),
    ("get", "/modules/{ModuleKey}/versions/", apps.list_module_versions),
    ("get", "/modules/{ModuleKey}/versions/{ModuleVersionKey}/", apps.get_module_version),
    ("get", "/roles/", people.list_roles),
    ("post", "/roles/", people.create_role),
    ("get", "/roles/{RoleKey}/", people.get_role),
    ("put", "/roles/{RoleKey}/", people.update_role),
    ("delete", "/roles/{RoleKey}/", people.delete_role),
    ("get", "/roles/permissionlevels/", people.list_permission_levels),
    ("get", "/teams/", people.list_teams),
    ("post", "/teams/", people.create_team),
    ("get", "/teams/{TeamKey}/", people.get_team),
    ("put", "/teams/{TeamKey}/", people.update_team),
    ("delete", "/teams/{TeamKey}/", people.delete_team),
    ("post", "/teams/{TeamKey}/applications/", people.add_team_application),
    ("delete", "/teams/{TeamKey}/applications/{ApplicationKey}", people.remove_team_application),
    ("post", "/teams/{TeamKey}/users/", people.add_team_user),
    ("delete", "/teams/{TeamKey}/users/{UserKey}/", people.remove_team_user),
    ("get", "/users/", people.list_users),
    ("post", "/users/", people.create_user),
    ("get", "/users/{UserKey}/", people.get_user),
    ("put", "/users/{UserKey}/", people.update_user),
    ("get", "/users/{UserKey}/blockedlogins/", people.user_blocked_logins),
    ("delete", "/users/{UserKey}/blockedlogins/", people.unblock_user),
    ("post", "/users/{UserKey}/setpassword/", people.set_password),
    ("post", "/users/{UserKey}/applications/", people.grant_app_role),
    ("delete", "/users/{UserKey}/applications/{ApplicationKey}/", people.revoke_app_role),
)

# LifeTime version that introduced an operation (for the `old_lifetime` scenario).
FEATURE_VERSIONS = (
    (("Users_", "Teams_", "Roles_", "Environments_GetTemplates"), "11.5.0"),
    (("Environment_GetCSP", "Environments_SetCSP"), "11.10.3"),
    (("Environment_Register", "Environment_Unregister"), "11.11.0"),
    (("Environments_DBConnections_",), "11.13.0"),
    (("Deployments_GetMissingDbMappings", "Deployments_Configuration", "Environments_Applications_SourceCode",
      "Environments_Applications_DownloadSourceCode", "Environments_Modules_"), "11.21.1"),
    (("Deployments_CreateWithBinary", "Environments_Solution"), "11.22.0"),
)
ERROR_DETAILS_VERSION = "11.21.0"


def feature_version(operation_id):
    for prefixes, version in FEATURE_VERSIONS:
        if operation_id.startswith(prefixes):
            return version
    return None


class Route:
    def __init__(self, method, template, handler):
        self.method = method
        self.template = template
        self.handler = handler
        self.param_names = re.findall(r"{(\w+)}", template)
        pattern = re.sub(r"{\w+}", "([^/]+)", template.rstrip("/"))
        self.regex = re.compile("^" + pattern + "/?$")

    def match(self, path):
        found = self.regex.match(path)
        if found is None:
            return None
        return dict(zip(self.param_names, found.groups()))


class Router:
    def __init__(self, schema):
        self.routes = [Route(method, template, handler) for method, template, handler in ROUTES]
        self.routes.sort(key=lambda route: len(route.param_names))
        self.schema = schema
        for route in self.routes:
            route.operation = schema["paths"][route.template][route.method]

    def resolve(self, method, path):
        """(route, path params) for the request; (None, allowed methods) when only the method is wrong; (None, None)."""
        allowed = set()
        for route in self.routes:
            params = route.match(path)
            if params is None:
                continue
            if route.method == method.lower():
                return route, params
            allowed.add(route.method.upper())
        return None, (sorted(allowed) or None)
