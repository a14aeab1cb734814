"""Every operation of the LifeTime API v2 swagger, called once, answer validated with jsonschema.

The swagger is the repository's copy in tests/contract/ (taken from the project's shared contract folder). Where LIFETIME-NOTES.md documents that the
real server differs from the swagger, the simulator behaves like the real server and this test
validates that form (see DEVIATIONS). Two swagger inconsistencies are normalised before validation:
`required` names that differ in case from the declared property are matched case-insensitively,
and `required` names that are not properties at all are ignored.
"""
import copy
import json
import time
from pathlib import Path

import jsonschema
import pytest

SWAGGER = Path(__file__).resolve().parents[3] / "tests" / "contract" / "lifetime-api-v2.swagger.json"

# (method, template): (status the real server answers, how the body differs from the swagger)
DEVIATIONS = {
    ("post", "/deployments/"): (201, "text"),  # NOTES: 201 with the plain-text key
    ("post", "/environments/{EnvironmentKey}/deployment/"): (201, "text"),  # NOTES: OutSystems' client uses the text body as the key
    ("post", "/deployments/{DeploymentKey}/configuration/"): (200, "text"),  # documented: "Mapping succeeded and deployment triggered"
    ("post", "/environments/{EnvironmentKey}/applications/{ApplicationKey}/sourcecodeaccess/"): (201, None),  # NOTES: 201
    ("get", "/environments/{EnvironmentKey}/applications/{ApplicationKey}/sourcecodeaccess/{PackageKey}/status/"): (201, None),
    ("post", "/environments/{EnvironmentKey}/modules/{ModuleKey}/sourcecodeaccess/"): (201, None),
    ("get", "/environments/{EnvironmentKey}/modules/{ModuleKey}/sourcecodeaccess/{PackageKey}/status/"): (201, None),
    ("get", "/environments/{EnvironmentKey}/solution/{SolutionKey}"): (200, "one-object"),  # NOTES: one object
    ("get", "/environments/{EnvironmentKey}/solutionstatus/{SolutionKey}"): (200, "one-object"),
    ("get", "/roles/permissionlevels/"): (200, "list-of-records"),  # the endpoint lists every level
    ("post", "/environments/{EnvironmentKey}/solution"): (200, "text"),
    ("post", "/roles/"): (201, "text"),
    ("put", "/roles/{RoleKey}/"): (200, "text"),
    ("post", "/users/"): (201, "text"),
    ("put", "/users/{UserKey}/"): (200, "text"),
}


def normalised_definitions(swagger):
    definitions = copy.deepcopy(swagger["definitions"])
    for definition in definitions.values():
        properties = {name.lower(): name for name in definition.get("properties", {})}
        if "required" in definition:
            required = [properties[name.lower()] for name in definition["required"] if name.lower() in properties]
            if required:
                definition["required"] = required
            else:
                del definition["required"]
    return definitions


@pytest.fixture(scope="module")
def swagger():
    with open(SWAGGER, encoding="utf-8") as handle:
        return json.load(handle)


class Contract:
    def __init__(self, api, swagger):
        self.api = api
        self.swagger = swagger
        self.definitions = normalised_definitions(swagger)
        self.seen = set()

    def call(self, method, template, params=None, query=None, body=None, data=None):
        path = template.format(**(params or {}))
        kwargs = {"params": query}
        if body is not None:
            kwargs["json"] = body
        if data is not None:
            kwargs["data"] = data
            kwargs["headers"] = {"Content-Type": "application/octet-stream"}
        response = getattr(self.api, method)(path, **kwargs)
        self.check(method, template, response)
        self.seen.add((method, template))
        return response

    def check(self, method, template, response):
        operation = self.swagger["paths"][template][method]
        expected_status, form = DEVIATIONS.get((method, template), (None, None))
        success = [int(code) for code in operation["responses"] if code.startswith("2")]
        assert response.status_code == expected_status or (expected_status is None and response.status_code in success), (
            method, template, response.status_code, response.text)
        code = str(response.status_code) if str(response.status_code) in operation["responses"] else str(min(success))
        schema = operation["responses"][code].get("schema")
        if response.status_code == 204 or schema is None:
            return
        if form == "text":
            assert response.headers["Content-Type"].startswith("text/plain")
            assert response.text.strip()
            return
        value = response.json()
        if form == "one-object":
            schema = schema["items"]
        if form == "list-of-records":
            assert isinstance(value, list) and value
            for item in value:
                self.validate(schema, item)
            return
        self.validate(schema, value)

    def validate(self, schema, value):
        jsonschema.validate(value, dict(schema, definitions=self.definitions), cls=jsonschema.Draft4Validator)


def wait_for_status(api, key, wanted):
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if api.get("/deployments/{0}/status/".format(key)).json()["DeploymentStatus"] == wanted:
            return
        time.sleep(0.05)
    raise AssertionError("plan never reached " + wanted)


def test_every_operation(api, sim, swagger):  # pylint: disable=too-many-locals,too-many-statements
    c = Contract(api, swagger)
    dev, test, prod = api.env_key("Development"), api.env_key("Test"), api.env_key("Production")
    portal, orders, inventory = api.app_key("Customer Portal"), api.app_key("Orders"), api.app_key("Inventory")
    portal_v = api.version_key("Customer Portal", "1.2.0")
    module = sim.state.find_app("Orders").module_keys[0]
    env_param = {"EnvironmentKey": dev}

    # applications and versions
    c.call("get", "/applications/", query={"IncludeModules": "true", "IncludeEnvStatus": "true"})
    c.call("get", "/applications/{ApplicationKey}/", {"ApplicationKey": portal}, {"IncludeModules": "true", "IncludeEnvStatus": "true"})
    c.call("get", "/applications/{ApplicationKey}/configurations/", {"ApplicationKey": portal})
    c.call("put", "/applications/{ApplicationKey}/configurations/", {"ApplicationKey": portal},
           body={"configurations": [{"environmentKey": prod, "isBlocked": True, "isBlockedChangeReason": "freeze"}]})
    c.call("get", "/applications/{ApplicationKey}/versions/", {"ApplicationKey": portal})
    c.call("get", "/applications/{ApplicationKey}/versions/{VersionKey}/", {"ApplicationKey": portal, "VersionKey": portal_v}, {"IncludeModules": "true"})
    c.call("get", "/applications/{ApplicationKey}/versions/{VersionKey}/content/", {"ApplicationKey": portal, "VersionKey": portal_v})
    c.call("delete", "/applications/{ApplicationKey}/versions/{VersionKey}/",
           {"ApplicationKey": inventory, "VersionKey": api.version_key("Inventory", "0.9.0")})
    c.call("post", "/auth/tokens/", body={"timePeriod": 1, "unit": "M"})

    # deployments
    plan_body = {"Notes": "contract", "SourceEnvironmentKey": dev, "TargetEnvironmentKey": test,
                 "ApplicationOperations": [{"ApplicationVersionKey": portal_v, "DeploymentZoneKey": ""}]}
    plan = c.call("post", "/deployments/", body=plan_body).text
    c.call("get", "/deployments/")
    c.call("get", "/deployments/{DeploymentKey}/", {"DeploymentKey": plan})
    c.call("put", "/deployments/{DeploymentKey}/", {"DeploymentKey": plan}, body=dict(plan_body, Notes="changed"))
    throwaway = api.post("/deployments/", json=plan_body).text
    c.call("delete", "/deployments/{DeploymentKey}/", {"DeploymentKey": throwaway})
    sim.set_scenario("db_mappings")
    c.call("post", "/deployments/{DeploymentKey}/{Command}/", {"DeploymentKey": plan, "Command": "start"}, {"RedeployOutdated": "true"})
    wait_for_status(api, plan, "needs_user_intervention")
    c.call("get", "/deployments/{DeploymentKey}/status/", {"DeploymentKey": plan})
    missing = c.call("get", "/deployments/{DeploymentKey}/getmissingdbmappings/", {"DeploymentKey": plan}).json()
    c.call("post", "/deployments/{DeploymentKey}/configuration/", {"DeploymentKey": plan},
           body=[{"ExtensionKey": missing[0]["ExtensionKey"], "DBMapping": [{"DatabaseName": "erp", "LogicalDatabaseName": "ERP"}]}])
    sim.clear_scenarios()

    # environments
    registration = {"EnvironmentName": "Sandbox", "EnvironmentAddress": "sandbox.lifetime.example.com", "ServiceCenterUsername": "admin",
                    "ServiceCenterPassword": "pw", "LifeTimeAddress": "lifetime.example.com", "EnvironmentPosition": 4}
    sandbox = c.call("post", "/environments/", body=registration).json()["EnvironmentKey"]
    c.call("get", "/environments/")
    c.call("delete", "/environments/{EnvironmentKey}", {"EnvironmentKey": sandbox})
    c.call("get", "/environments/{EnvironmentKey}/", env_param)
    c.call("get", "/environments/{EnvironmentKey}/applications/", env_param, {"IncludeModules": "true", "IncludeEnvStatus": "true"})
    template_key = sim.state.find_env("Development").templates[0]["Key"]
    team_key = sim.state.find_team("Platform").key
    c.call("post", "/environments/{EnvironmentKey}/applications/", env_param,
           body={"TemplateKey": template_key, "TeamKey": team_key, "Name": "Contract App", "Description": "", "Color": "#ff0000"})
    app_param = {"EnvironmentKey": dev, "ApplicationKey": orders}
    c.call("get", "/environments/{EnvironmentKey}/applications/{ApplicationKey}/", app_param, {"IncludeEnvStatus": "true", "IncludeModules": "true"})
    c.call("get", "/environments/{EnvironmentKey}/applications/{ApplicationKey}/content/", app_param, {"Type": "oap"})
    package = c.call("post", "/environments/{EnvironmentKey}/applications/{ApplicationKey}/sourcecodeaccess/", app_param).json()["PackageKey"]
    status_template = "/environments/{EnvironmentKey}/applications/{ApplicationKey}/sourcecodeaccess/{PackageKey}/status/"
    c.call("get", status_template, dict(app_param, PackageKey=package))
    api.get(status_template.format(PackageKey=package, **app_param))
    c.call("get", "/environments/{EnvironmentKey}/applications/{ApplicationKey}/sourcecodeaccess/{PackageKey}/download/", dict(app_param, PackageKey=package))
    c.call("post", "/environments/{EnvironmentKey}/applications/{ApplicationKey}/versions/", app_param, body={"Version": "2.2.0", "ChangeLog": "c"})
    module_param = {"EnvironmentKey": dev, "ModuleKey": module}
    package = c.call("post", "/environments/{EnvironmentKey}/modules/{ModuleKey}/sourcecodeaccess/", module_param).json()["PackageKey"]
    status_template = "/environments/{EnvironmentKey}/modules/{ModuleKey}/sourcecodeaccess/{PackageKey}/status/"
    c.call("get", status_template, dict(module_param, PackageKey=package))
    api.get(status_template.format(PackageKey=package, **module_param))
    c.call("get", "/environments/{EnvironmentKey}/modules/{ModuleKey}/sourcecodeaccess/{PackageKey}/download/", dict(module_param, PackageKey=package))
    c.call("get", "/environments/{EnvironmentKey}/deploymentzones/", env_param)
    c.call("put", "/environments/{EnvironmentKey}/maintenancemode", env_param, body={"IsMaintenanceModeEnabled": False, "Reason": ""})
    c.call("get", "/environments/{EnvironmentKey}/templates/", env_param)
    c.call("get", "/environments/{EnvironmentKey}/content_security_policies/", env_param)
    c.call("put", "/environments/{EnvironmentKey}/content_security_policies/", env_param,
           body={"ScriptSrc": {"Value": "'self' cdn.example.com", "IsSetForEnv": True}})

    # DB connections
    connection = {"dbConnectionName": "Reporting", "description": "Reports", "providerKey": "SqlServer", "dbUsername": "rep", "dbPassword": "pw",
                  "dbConfigParams": "Server=rep.example.com"}
    c.call("get", "/environments/{EnvironmentKey}/dbconnections/", env_param)
    c.call("post", "/environments/{EnvironmentKey}/dbconnections/", env_param, body=connection)
    db_param = dict(env_param, DbConnectionName="Reporting")
    c.call("get", "/environments/{EnvironmentKey}/dbconnections/{DbConnectionName}/", db_param)
    c.call("put", "/environments/{EnvironmentKey}/dbconnections/{DbConnectionName}/", db_param, body=dict(connection, dbUsername="rep2"))
    db = "/environments/{EnvironmentKey}/dbconnections/{DbConnectionName}"
    c.call("put", db + "/rolepermissionlevel/", db_param, body={"role": "Developer", "permissionLevel": 1})
    c.call("get", db + "/rolepermissionlevel/{Role}/", dict(db_param, Role="Developer"))
    c.call("delete", db + "/rolepermissionlevel/", db_param, body={"role": "Developer"})
    c.call("put", db + "/userpermissionlevel/", db_param, body={"username": "alice", "permissionLevel": 2})
    c.call("get", db + "/userpermissionlevel/{Username}/", dict(db_param, Username="alice"))
    c.call("delete", db + "/userpermissionlevel/", db_param, body={"username": "alice"})
    c.call("delete", db + "/", db_param)
    c.call("get", "/environments/{EnvironmentKey}/dbconnection/dbproviders/", env_param)
    c.call("get", "/environments/dbconnection/permissionlevels/")
    c.call("post", "/environments/{EnvironmentKey}/testdbconnection/", env_param, body=connection)

    # binary deployment, blocked IPs, solutions
    link = api.get("/applications/{0}/versions/{1}/content/".format(portal, portal_v)).json()["url"]
    c.call("post", "/environments/{EnvironmentKey}/deployment/", {"EnvironmentKey": prod}, data=api.get(link.split("/lifetimeapi/rest/v2", 1)[1]).content)
    c.call("get", "/environments/blockedipaddresses/", query={"EnvironmentKey": dev})
    c.call("delete", "/environments/blockedipaddresses/{IPAddress}/", {"IPAddress": "203.0.113.7"})
    solution = c.call("post", "/environments/{EnvironmentKey}/solution", env_param,
                      body={"SolutionName": "Contract", "ApplicationKeys": [orders], "IncludeReferences": True}).text
    time.sleep(1.3)
    c.call("get", "/environments/{EnvironmentKey}/solutionstatus/{SolutionKey}", dict(env_param, SolutionKey=solution))
    c.call("get", "/environments/{EnvironmentKey}/solution/{SolutionKey}", dict(env_param, SolutionKey=solution))

    # modules
    c.call("get", "/modules/", query={"IncludeEnvStatus": "true"})
    c.call("get", "/modules/{ModuleKey}/", {"ModuleKey": module}, {"IncludeEnvStatus": "true"})
    versions = c.call("get", "/modules/{ModuleKey}/versions/", {"ModuleKey": module}).json()
    c.call("get", "/modules/{ModuleKey}/versions/{ModuleVersionKey}/", {"ModuleKey": module, "ModuleVersionKey": versions[0]["Key"]})

    # roles
    c.call("get", "/roles/", query={"IncludeEnvPermissions": "true"})
    role = c.call("post", "/roles/", body={"name": "Auditor", "environmentPermissions": [{"environmentKey": dev, "level": 1}]}).text
    c.call("get", "/roles/{RoleKey}/", {"RoleKey": role}, {"IncludeEnvPermissions": "true"})
    c.call("put", "/roles/{RoleKey}/", {"RoleKey": role}, body={"name": "Auditors", "manageTeams": True})
    c.call("get", "/roles/permissionlevels/")

    # teams
    developer = sim.state.find_role("Developer").key
    alice = sim.state.find_user("alice").key
    c.call("get", "/teams/", query={"IncludeUsers": "true", "IncludeApplications": "true"})
    team = c.call("post", "/teams/", body={"name": "QA"}).json()["key"]
    c.call("get", "/teams/{TeamKey}/", {"TeamKey": team}, {"IncludeUsers": "true", "IncludeApplications": "true"})
    c.call("put", "/teams/{TeamKey}/", {"TeamKey": team}, body={"name": "Quality"})
    c.call("post", "/teams/{TeamKey}/applications/", {"TeamKey": team}, body={"Key": inventory, "Name": "Inventory"})
    c.call("delete", "/teams/{TeamKey}/applications/{ApplicationKey}", {"TeamKey": team, "ApplicationKey": inventory})
    c.call("post", "/teams/{TeamKey}/users/", {"TeamKey": team}, body={"userKey": alice, "roleKey": developer})
    c.call("delete", "/teams/{TeamKey}/users/{UserKey}/", {"TeamKey": team, "UserKey": alice})
    c.call("delete", "/teams/{TeamKey}/", {"TeamKey": team})

    # users
    bob = sim.state.find_user("bob").key
    c.call("get", "/users/", query={"IncludeInactive": "true", "IncludeTeams": "true", "IncludeApplicationRoles": "true"})
    carol = c.call("post", "/users/", body={"Username": "carol", "Name": "Carol", "Email": "carol@example.com", "RoleKey": role}).text
    c.call("get", "/users/{UserKey}/", {"UserKey": carol}, {"includeTeams": "true", "includeApplicationRoles": "true"})
    c.call("put", "/users/{UserKey}/", {"UserKey": carol}, body={"Name": "Carol C."})
    c.call("get", "/users/{UserKey}/blockedlogins/", {"UserKey": bob})
    c.call("delete", "/users/{UserKey}/blockedlogins/", {"UserKey": bob})
    c.call("post", "/users/{UserKey}/setpassword/", {"UserKey": carol}, body={"password": "s3cret-pass"})
    c.call("post", "/users/{UserKey}/applications/", {"UserKey": carol}, body={"applicationKey": orders, "roleKey": developer})
    c.call("delete", "/users/{UserKey}/applications/{ApplicationKey}/", {"UserKey": carol, "ApplicationKey": orders})
    c.call("delete", "/roles/{RoleKey}/", {"RoleKey": role}, {"UsersNewRoleKey": developer})

    operations = {(method, template) for template, ops in swagger["paths"].items() for method in ops if method != "parameters"}
    assert len(operations) == 86
    assert operations - c.seen == set()
