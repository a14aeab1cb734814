"""outsystems.lifetime.module_info against the simulator."""

from testlib.modules import run_module as run_in_process


def test_all_modules_sorted(run_module, simulator):
    result = run_module("module_info")
    names = [item["name"] for item in result["modules"]]
    assert names == sorted(names, key=str.lower)
    assert len(names) == len(simulator.state.modules)
    # As documented (srccode2-module-list), ModuleStatusInEnv is there, empty, without IncludeEnvStatus.
    assert not result["modules"][0].get("module_status_in_env") and "versions" not in result["modules"][0]
    assert result["changed"] is False


def test_one_module_by_name_and_key(run_module, simulator):
    module = next(m for m in simulator.state.modules.values() if m.name == "CustomerPortal")
    by_name = run_module("module_info", module="CustomerPortal")
    by_key = run_module("module_info", key=module.key)
    assert by_name["modules"] == by_key["modules"]
    assert [item["key"] for item in by_name["modules"]] == [module.key]


def test_env_status_and_versions(run_module, simulator):
    module = next(m for m in simulator.state.modules.values() if m.name == "CustomerPortal")
    result = run_module("module_info", module="CustomerPortal", env_status=True, versions=True, max_versions=2)
    record = result["modules"][0]
    envs = {status["environment_key"] for status in record["module_status_in_env"]}
    assert envs == {env.key for env in simulator.state.envs.values()}
    assert len(record["versions"]) == 2
    assert record["versions"][0]["key"] == module.versions[-1]["Key"]
    assert all(entry["method"] == "GET" for entry in simulator.requests())


def test_unknown_module_fails_with_valid_names(run_module, simulator):
    result = run_module("module_info", module="CustomerPortl")
    assert result.get("failed") and "CustomerPortl" in result["msg"] and "Did you mean 'CustomerPortal'" in result["msg"]


def test_option_name(connection, simulator):
    args = dict(connection, name="Orders")
    result = run_in_process("module_info", args)
    assert [item["name"] for item in result["modules"]] == ["Orders"]


def test_one_module_version_by_key(run_module, simulator):
    module = next(m for m in simulator.state.modules.values() if m.name == "Orders")
    wanted = module.versions[0]["Key"]
    result = run_module("module_info", module="Orders", version_key=wanted)
    assert [item["key"] for item in result["modules"][0]["versions"]] == [wanted]
    missing = run_module("module_info", module="Orders", version_key="00000000-0000-0000-0000-000000000000")
    assert missing.get("failed") and "404" in missing["msg"]
    alone = run_module("module_info", version_key=wanted)
    assert alone.get("failed") and "needs name" in alone["msg"]
