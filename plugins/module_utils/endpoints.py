# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every API path the collection calls, named once.

LifeTime API v2 paths are relative to the API base (``.../lifetimeapi/rest/v2/``); each is written exactly as
the collection sends it, trailing slash or not. ``METHODS`` says which methods the collection sends to each;
tests/quality/test_api_coverage.py checks both against the swagger. The paths of two other APIs follow, each
relative to its own base: the Properties API on the LifeTime host (PROPERTIES_*, in METHODS too) and the AI Mentor
Studio API (AIMS_*). Fill a template with ``path``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# -- environments ---------------------------------------------------------------------------------------------
ENVIRONMENTS = "environments/"
ENVIRONMENT = "environments/{environment_key}/"
ENVIRONMENT_DELETE = "environments/{environment_key}"
ENVIRONMENT_APPLICATIONS = "environments/{environment_key}/applications/"
ENVIRONMENT_APPLICATION = "environments/{environment_key}/applications/{application_key}/"
ENVIRONMENT_APPLICATION_VERSIONS = "environments/{environment_key}/applications/{application_key}/versions/"
ENVIRONMENT_APPLICATION_CONTENT = "environments/{environment_key}/applications/{application_key}/content/"
APPLICATION_SOURCE_CODE = "environments/{environment_key}/applications/{application_key}/sourcecodeaccess/"
APPLICATION_SOURCE_CODE_STATUS = "environments/{environment_key}/applications/{application_key}/sourcecodeaccess/{package_key}/status/"
APPLICATION_SOURCE_CODE_LINK = "environments/{environment_key}/applications/{application_key}/sourcecodeaccess/{package_key}/download/"
MODULE_SOURCE_CODE = "environments/{environment_key}/modules/{module_key}/sourcecodeaccess/"
MODULE_SOURCE_CODE_STATUS = "environments/{environment_key}/modules/{module_key}/sourcecodeaccess/{package_key}/status/"
MODULE_SOURCE_CODE_LINK = "environments/{environment_key}/modules/{module_key}/sourcecodeaccess/{package_key}/download/"
SOLUTION = "environments/{environment_key}/solution"
SOLUTION_STATUS = "environments/{environment_key}/solutionstatus/{solution_key}"
SOLUTION_LINK = "environments/{environment_key}/solution/{solution_key}"
BINARY_DEPLOYMENT = "environments/{environment_key}/deployment/"
DEPLOYMENT_ZONES = "environments/{environment_key}/deploymentzones/"
ENVIRONMENT_TEMPLATES = "environments/{environment_key}/templates/"
CONTENT_SECURITY_POLICIES = "environments/{environment_key}/content_security_policies/"
MAINTENANCE_MODE = "environments/{environment_key}/maintenancemode"
BLOCKED_IPS = "environments/blockedipaddresses/"
BLOCKED_IP = "environments/blockedipaddresses/{address}/"
DB_CONNECTIONS = "environments/{environment_key}/dbconnections/"
DB_CONNECTION = "environments/{environment_key}/dbconnections/{connection_key}/"
DB_CONNECTION_TEST = "environments/{environment_key}/testdbconnection/"
DB_PROVIDERS = "environments/{environment_key}/dbconnection/dbproviders/"
DB_PERMISSION_LEVELS = "environments/dbconnection/permissionlevels/"
DB_CONNECTION_ROLE_LEVEL = "environments/{environment_key}/dbconnections/{connection_key}/rolepermissionlevel/"
DB_CONNECTION_ROLE_LEVEL_OF = "environments/{environment_key}/dbconnections/{connection_key}/rolepermissionlevel/{role_name}/"
DB_CONNECTION_USER_LEVEL = "environments/{environment_key}/dbconnections/{connection_key}/userpermissionlevel/"
DB_CONNECTION_USER_LEVEL_OF = "environments/{environment_key}/dbconnections/{connection_key}/userpermissionlevel/{username}/"

# -- applications and modules ---------------------------------------------------------------------------------
APPLICATIONS = "applications/"
APPLICATION = "applications/{application_key}/"
APPLICATION_CONFIGURATIONS = "applications/{application_key}/configurations/"
APPLICATION_VERSIONS = "applications/{application_key}/versions/"
APPLICATION_VERSION = "applications/{application_key}/versions/{version_key}/"
APPLICATION_VERSION_CONTENT = "applications/{application_key}/versions/{version_key}/content/"
MODULES = "modules/"
MODULE = "modules/{module_key}/"
MODULE_VERSIONS = "modules/{module_key}/versions/"
MODULE_VERSION = "modules/{module_key}/versions/{version_key}/"

# -- deployments ----------------------------------------------------------------------------------------------
DEPLOYMENTS = "deployments/"
DEPLOYMENT = "deployments/{deployment_key}/"
DEPLOYMENT_STATUS = "deployments/{deployment_key}/status/"
DEPLOYMENT_COMMAND = "deployments/{deployment_key}/{command}/"  # command: start, continue or abort
DEPLOYMENT_MISSING_DB_MAPPINGS = "deployments/{deployment_key}/getmissingdbmappings/"
DEPLOYMENT_CONFIGURATION = "deployments/{deployment_key}/configuration/"

# -- users, teams, roles, tokens ------------------------------------------------------------------------------
USERS = "users/"
USER = "users/{user_key}/"
USER_PASSWORD = "users/{user_key}/setpassword/"
USER_BLOCKED_LOGINS = "users/{user_key}/blockedlogins/"
USER_APPLICATIONS = "users/{user_key}/applications/"
USER_APPLICATION = "users/{user_key}/applications/{application_key}/"
TEAMS = "teams/"
TEAM = "teams/{team_key}/"
TEAM_USERS = "teams/{team_key}/users/"
TEAM_USER = "teams/{team_key}/users/{user_key}/"
TEAM_APPLICATIONS = "teams/{team_key}/applications/"
TEAM_APPLICATION = "teams/{team_key}/applications/{application_key}"
ROLES = "roles/"
ROLE = "roles/{role_key}/"
PERMISSION_LEVELS = "roles/permissionlevels/"
TOKENS = "auth/tokens/"

# The methods the collection sends to each LifeTime path above.
METHODS = {
    ENVIRONMENTS: ("GET", "POST"), ENVIRONMENT: ("GET",), ENVIRONMENT_DELETE: ("DELETE",),
    ENVIRONMENT_APPLICATIONS: ("GET", "POST"), ENVIRONMENT_APPLICATION: ("GET",), ENVIRONMENT_APPLICATION_VERSIONS: ("POST",),
    ENVIRONMENT_APPLICATION_CONTENT: ("GET",),
    APPLICATION_SOURCE_CODE: ("POST",), APPLICATION_SOURCE_CODE_STATUS: ("GET",), APPLICATION_SOURCE_CODE_LINK: ("GET",),
    MODULE_SOURCE_CODE: ("POST",), MODULE_SOURCE_CODE_STATUS: ("GET",), MODULE_SOURCE_CODE_LINK: ("GET",),
    SOLUTION: ("POST",), SOLUTION_STATUS: ("GET",), SOLUTION_LINK: ("GET",),
    BINARY_DEPLOYMENT: ("POST",), DEPLOYMENT_ZONES: ("GET",), ENVIRONMENT_TEMPLATES: ("GET",),
    CONTENT_SECURITY_POLICIES: ("GET", "PUT"), MAINTENANCE_MODE: ("PUT",), BLOCKED_IPS: ("GET",), BLOCKED_IP: ("DELETE",),
    DB_CONNECTIONS: ("GET", "POST"), DB_CONNECTION: ("PUT", "DELETE"), DB_CONNECTION_TEST: ("POST",), DB_PROVIDERS: ("GET",),
    DB_PERMISSION_LEVELS: ("GET",), DB_CONNECTION_ROLE_LEVEL: ("PUT", "DELETE"), DB_CONNECTION_ROLE_LEVEL_OF: ("GET",),
    DB_CONNECTION_USER_LEVEL: ("PUT", "DELETE"), DB_CONNECTION_USER_LEVEL_OF: ("GET",),
    APPLICATIONS: ("GET",), APPLICATION: ("GET",), APPLICATION_CONFIGURATIONS: ("GET", "PUT"), APPLICATION_VERSIONS: ("GET",),
    APPLICATION_VERSION: ("GET", "DELETE"), APPLICATION_VERSION_CONTENT: ("GET",),
    MODULES: ("GET",), MODULE: ("GET",), MODULE_VERSIONS: ("GET",), MODULE_VERSION: ("GET",),
    DEPLOYMENTS: ("GET", "POST"), DEPLOYMENT: ("GET", "PUT", "DELETE"), DEPLOYMENT_STATUS: ("GET",),
    DEPLOYMENT_COMMAND: ("POST",), DEPLOYMENT_MISSING_DB_MAPPINGS: ("GET",), DEPLOYMENT_CONFIGURATION: ("POST",),
    USERS: ("GET", "POST"), USER: ("GET", "PUT"), USER_PASSWORD: ("POST",), USER_BLOCKED_LOGINS: ("GET", "DELETE"),
    USER_APPLICATIONS: ("POST",), USER_APPLICATION: ("DELETE",),
    TEAMS: ("GET", "POST"), TEAM: ("PUT", "DELETE"), TEAM_USERS: ("POST",), TEAM_USER: ("DELETE",),
    TEAM_APPLICATIONS: ("POST",), TEAM_APPLICATION: ("DELETE",),
    ROLES: ("GET", "POST"), ROLE: ("PUT", "DELETE"), PERMISSION_LEVELS: ("GET",), TOKENS: ("POST",),
}

# -- Properties API (relative to its own base on the LifeTime host, .../PropertiesAPI/rest/v1/; see properties.py) ---
# One PUT per kind of configuration item; the body is the value as raw text. No public operation reads a value back.
PROPERTIES_SITE_PROPERTY = "Modules/{module_key}/Environments/{environment_key}/SiteProperties/{item_key}/Value/"
PROPERTIES_REST_ENDPOINT = "Modules/{module_key}/Environments/{environment_key}/RESTReferences/{item_key}/EffectiveURL/"
PROPERTIES_SOAP_ENDPOINT = "Modules/{module_key}/Environments/{environment_key}/SOAPReferences/{item_key}/EffectiveURL/"
PROPERTIES_TIMER_SCHEDULE = "Modules/{module_key}/Environments/{environment_key}/Timers/{item_key}/Schedule/"

# The methods the collection sends to each Properties API path above.
METHODS.update({
    PROPERTIES_SITE_PROPERTY: ("PUT",), PROPERTIES_REST_ENDPOINT: ("PUT",), PROPERTIES_SOAP_ENDPOINT: ("PUT",),
    PROPERTIES_TIMER_SCHEDULE: ("PUT",),
})

# -- AI Mentor Studio API (relative to its own base, .../AIMentorStudioAPI/rest/v1; read with GET) -------------
AIMS_APPLICATIONS = "/TechnicalDebt_Application"
AIMS_LEVELS = "/TechnicalDebt_Level"
AIMS_CATEGORIES = "/TechnicalDebt_Category"
AIMS_LAST_ANALYSIS = "/TechnicalDebt_LastAnalysisDate"

# -- CI/CD Probe (relative to .../CI_CDProbe/rest/v1 or v2 of an environment; read with GET) ---------------------
PROBE_SCAN = "/ScanBDDTestEndpoints"
PROBE_DEPENDENCIES = "/GetApplicationDependencies"

# -- BDD Framework (relative to .../BDDFramework/rest/v1 or .../TestRunner_API/rest/v1; one GET runs one test) -----
BDD_TEST_RUNNER = "/BDDTestRunner/{test_suite}/{test_name}"


def path(template, **keys):
    """The template with its ``{name}`` fields filled in as given (nothing is quoted: LifeTime expects keys as they are)."""
    return template.format(**keys)
