"""Tagging rules, version listing and deletion."""
import time


def tag(api, app, version, env="Development", **extra):
    body = dict({"Version": version, "ChangeLog": "tagged by test"}, **extra)
    return api.post("/environments/{0}/applications/{1}/versions/".format(api.env_key(env), api.app_key(app)), json=body)


def listed_versions(api, app):
    response = api.get("/applications/{0}/versions/".format(api.app_key(app)), params={"MaximumVersionsToReturn": 20})
    return [v["Version"] for v in response.json()]


def test_tag_creates_version_after_processing_delay(api, sim):
    assert sim.state.is_modified("Development", "Customer Portal") is True
    response = tag(api, "Customer Portal", "1.3.0")
    assert response.status_code == 201
    new_key = response.json()["ApplicationVersionKey"]
    assert sim.state.is_modified("Development", "Customer Portal") is False
    assert sim.state.running_version("Development", "Customer Portal") == "1.3.0"
    assert "1.3.0" not in listed_versions(api, "Customer Portal")
    time.sleep(0.3)
    assert listed_versions(api, "Customer Portal")[0] == "1.3.0"
    record = api.get("/applications/{0}/versions/{1}/".format(api.app_key("Customer Portal"), new_key), params={"IncludeModules": "true"}).json()
    assert record["Version"] == "1.3.0" and len(record["ModuleVersions"]) == 2


def test_tag_rules(api):
    existing = tag(api, "Orders", "2.1.0")
    assert existing.status_code == 400 and "already exists" in existing.json()["Errors"][0]
    for bad in ("2", "2.x", "v2.2", "2.2.2.2", ""):
        assert tag(api, "Orders", bad).status_code == 400, bad
    assert tag(api, "Orders", "2.2").status_code == 201
    assert tag(api, "HR Onboarding", "1.1.0", env="Test").status_code == 404


def test_mobile_versions_must_increase(api):
    lower = [{"NativePlatform": "Android", "VersionNumber": "3.0.5", "VersionDescription": ""}]
    response = tag(api, "Mobile Banking", "3.2.0", MobileVersions=lower)
    assert response.status_code == 400 and "greater" in response.json()["Errors"][0]
    higher = [{"NativePlatform": "Android", "VersionNumber": "3.2.0", "VersionDescription": ""}]
    assert tag(api, "Mobile Banking", "3.2.0", MobileVersions=higher).status_code == 201


def test_version_listing_defaults_and_filters(api):
    app = api.app_key("Customer Portal")
    assert [v["Version"] for v in api.get("/applications/{0}/versions/".format(app)).json()] == ["1.2.0", "1.1.0", "1.0.0"]
    assert len(api.get("/applications/{0}/versions/".format(app), params={"MaximumVersionsToReturn": 1}).json()) == 1
    assert api.get("/applications/{0}/versions/".format(app), params={"MaximumVersionsToReturn": -1}).status_code == 400
    assert api.get("/applications/{0}/versions/".format(app), params={"ChangeLogFilter": "1.1.0"}).json()[0]["Version"] == "1.1.0"


def test_delete_version_in_use_is_refused(api):
    app = api.app_key("Inventory")
    in_use = api.delete("/applications/{0}/versions/{1}/".format(app, api.version_key("Inventory", "1.0.0")))
    assert in_use.status_code == 400
    assert api.delete("/applications/{0}/versions/{1}/".format(app, api.version_key("Inventory", "0.9.0"))).status_code == 204
    assert api.get("/applications/{0}/versions/".format(app)).json()[0]["Version"] == "1.0.0"


# -- rollback rules (OutSystems' "Rollback to a Previous Version") --------------------------------------------------

def plan(api, app, version, source="Test", target="Production"):
    body = {"SourceEnvironmentKey": api.env_key(source), "TargetEnvironmentKey": api.env_key(target), "Notes": "",
            "ApplicationOperations": [{"ApplicationVersionKey": api.version_key(app, version), "DeploymentZoneKey": ""}]}
    return api.post("/deployments/", json=body)


def module_versions(sim, app, version):
    return list(sim.state.find_app(app).version_by_label(version).module_version_keys)


def test_a_web_version_lower_than_the_running_one_is_refused_a_mobile_one_is_not(api):
    refused = plan(api, "Customer Portal", "1.0.0", source="Development", target="Test")  # Test runs 1.1.0
    assert refused.status_code == 400
    assert refused.json()["Errors"] == ["Application 'Customer Portal' version 1.0.0 cannot be deployed to 'Test': it runs version 1.1.0, "
                                        "and a version lower than the running one cannot be deployed. Create a new version based on "
                                        "1.0.0 instead."]
    assert plan(api, "Customer Portal", "1.1.0", source="Development", target="Test").status_code == 201  # the same one: allowed
    assert plan(api, "Mobile Banking", "3.0.0", source="Test", target="Development").status_code == 201  # Development runs 3.1.0


def test_a_tag_from_earlier_module_versions_needs_an_environment_that_holds_them(api, sim):
    earlier = module_versions(sim, "Orders", "2.0.0")
    made = tag(api, "Orders", "2.1.1", env="Test", ModuleVersionKeys=earlier)
    assert made.status_code == 201
    assert module_versions(sim, "Orders", "2.1.1") == earlier
    assert sim.state.running_version("Test", "Orders") == "2.1.0"  # what Test runs is unchanged
    unknown = tag(api, "Orders", "2.1.2", env="Test", ModuleVersionKeys=[earlier[0], "0d9c6c52-0000-0000-0000-000000000000"])
    assert unknown.status_code == 400 and "not found" in unknown.json()["Errors"][0]
    partial = tag(api, "Orders", "2.1.2", env="Test", ModuleVersionKeys=earlier[:1])
    assert partial.status_code == 400 and "one version of each module" in partial.json()["Errors"][0]
    # a version tagged in Development is not held by Production
    assert tag(api, "Customer Portal", "1.3.0").status_code == 201  # Development: modified 1.2.0 -> 1.3.0
    newest = module_versions(sim, "Customer Portal", "1.3.0")
    not_held = tag(api, "Customer Portal", "1.3.1", env="Production", ModuleVersionKeys=newest)
    assert not_held.status_code == 400 and "does not have module version" in not_held.json()["Errors"][0]
    mobile = tag(api, "Mobile Banking", "3.2.0", env="Development", ModuleVersionKeys=module_versions(sim, "Mobile Banking", "3.0.0"),
                 MobileVersions=[{"NativePlatform": "Android", "VersionNumber": "3.2.0"}])
    assert mobile.status_code == 400 and "mobile application" in mobile.json()["Errors"][0]
    assert len(sim.state.find_app("Orders").versions) == 3 and sim.state.find_app("Customer Portal").version_by_label("1.3.1") is None
