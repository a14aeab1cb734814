"""The simulator's catalog answers (applications, statuses, environments, modules, roles) as OutSystems documents them
(tests/contract/exchanges.jsonl), and the swagger-only fields under the swagger profile."""

import pytest


def test_include_modules_needs_env_status_and_version_reads_need_modules(api):
    """A real LifeTime answers 400 to IncludeModules without IncludeEnvStatus, and to GET versions/{key} without IncludeModules."""
    assert api.get("/applications/", params={"IncludeModules": "true"}).status_code == 400
    app = api.app_key("Orders")
    assert api.get("/applications/%s/" % app, params={"IncludeModules": "true"}).status_code == 400
    both = api.get("/applications/", params={"IncludeModules": "true", "IncludeEnvStatus": "true"})
    assert both.status_code == 200 and all(status["ModuleStatusInEnvs"] for status in both.json()[0]["AppStatusInEnvs"])
    version = "/applications/%s/versions/%s/" % (app, api.version_key("Orders", "2.0.0"))
    assert api.get(version).status_code == 400
    answer = api.get(version, params={"IncludeModules": "true"})
    assert answer.status_code == 200 and answer.json()["ModuleVersions"] and "EnvironmentKey" not in answer.json()


def test_application_and_status_as_documented(api):
    """newver-env-app-detail, deploy-app-list-envstatus, infra-oap-env-apps, rollback-app-list."""
    plain = {app["Name"]: app for app in api.get("/applications/").json()}
    portal = plain["Customer Portal"]
    assert portal["AppStatusInEnvs"] == [] and "DetailsURL" not in portal
    assert portal["URLPath"] == "/CustomerPortal" and portal["IconURL"].startswith("/LifeTimeSDK/")
    dev = api.env_key("Development")
    detail = api.get("/environments/%s/applications/%s/" % (dev, portal["Key"]),
                     params={"IncludeEnvStatus": "true", "IncludeModules": "true"}).json()
    [status] = detail["AppStatusInEnvs"]
    assert "BaseApplicationVersionLabel" not in status
    assert status["BaseApplicationVersionKey"] == api.version_key("Customer Portal", "1.2.0")
    assert (status["IsModified"], status["IsModifiedReason"]) == (True, "Module_Modified")
    assert status["IsModifiedMessage"] == "At least one module was modified since the version 1.2.0"
    assert status["ConsistencyStatus"] == "" and status["ConsistencyStatusMessages"] == "" and status["DeploymentZoneKey"] == ""
    assert {module["ConsistencyStatus"] for module in status["ModuleStatusInEnvs"]} == {""}
    assert list(status) == ["EnvironmentKey", "BaseApplicationVersionKey", "IsModified", "IsModifiedReason", "IsModifiedMessage",
                            "ConsistencyStatus", "ConsistencyStatusMessages", "MobileAppsStatus", "ModuleStatusInEnvs",
                            "DeploymentZoneKey"]


def test_swagger_profile_adds_the_swagger_only_fields(sim, api):
    sim.set_profile("swagger")
    app = api.get("/applications/", params={"IncludeEnvStatus": "true"}).json()[0]
    assert app["DetailsURL"] and all(status["BaseApplicationVersionLabel"] for status in app["AppStatusInEnvs"])
    assert all(env["DetailsURL"] for env in api.get("/environments/").json())
    version = api.get("/applications/%s/versions/" % api.app_key("Orders")).json()
    assert {item["EnvironmentKey"] for item in version} == {api.env_key("Development"), api.env_key("Production")}
    with pytest.raises(ValueError, match="unknown profile 'nonsense'"):
        sim.set_profile("nonsense")


def test_environments_and_modules_as_documented(api):
    """*-env-list: no DetailsURL, IsOffline in some records only, OSVersion with 3 or 4 parts; srccode2-module-list."""
    envs = {env["Name"]: env for env in api.get("/environments/").json()}
    assert not [env for env in envs.values() if "DetailsURL" in env]
    assert envs["Development"]["IsOffline"] is False and "IsOffline" not in envs["Production"]
    assert sorted(len(env["OSVersion"].split(".")) for env in envs.values()) == [3, 4, 4]
    assert {env["DatabaseProvider"] for env in envs.values()} == {"SQLServer"}
    module = api.get("/modules/").json()[0]
    assert module["ModuleStatusInEnv"] == []


def test_roles_and_registration_as_documented(sim, api):
    """regenv-roles: Key capitalised, camelCase fields, level 0-6 with levelLabel; regenv-register: PascalCase permissions."""
    roles = {role["name"]: role for role in api.get("/roles/", params={"IncludeEnvPermissions": "true"}).json()}
    admin = roles["Administrator"]
    assert set(admin) == {"Key", "name", "description", "manageInfrastructure", "manageTeams", "environmentPermissions"}
    assert set(admin["environmentPermissions"][0]) == {"environmentKey", "environmentName", "level", "levelLabel",
                                                       "createApplications", "addDependenciesToSystem"}
    assert {(p["level"], p["levelLabel"]) for p in admin["environmentPermissions"]} == {(6, "Full Control")}
    levels = api.get("/roles/permissionlevels/").json()
    assert [level["level"] for level in levels] == list(range(7))
    assert {level["level"]: level["levelLabel"] for level in levels if level["level"] in (2, 5, 6)} == {
        2: "Open and Debug Applications", 5: "Change and Deploy Applications", 6: "Full Control"}
    body = {"EnvironmentName": "QA", "EnvironmentAddress": "qa.example.com", "ServiceCenterUsername": "admin",
            "ServiceCenterPassword": "x", "LifeTimeAddress": "lt.example.com", "EnvironmentPosition": 2,
            "OverridePreviousLifetime": False,
            "EnvironmentRolePermissions": [{"RoleKey": admin["Key"], "PermissionLevel": 6, "CanCreateApplications": True,
                                            "CanAddDependenciesToSystem": True}]}
    answer = api.post("/environments/", json=body)
    assert answer.status_code == 201 and answer.json()["ImportedUsers"] == []
    qa = answer.json()["EnvironmentKey"]
    assert sim.state.roles[admin["Key"]].env_permissions[qa] == {"level": 6, "create": True, "dependencies": True}
    assert sim.state.find_role("Tester").env_permissions[qa]["level"] == 0
    bad = dict(body, EnvironmentName="QA2", EnvironmentRolePermissions=[dict(body["EnvironmentRolePermissions"][0], PermissionLevel=7)])
    assert api.post("/environments/", json=bad).status_code == 400
