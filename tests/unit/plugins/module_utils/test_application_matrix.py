"""module_utils/application_matrix.py: the matrix the report shows, from LifeTime records as the API sends them."""

from ansible_collections.outsystems.lifetime.plugins.module_utils.application_matrix import application_matrix

ENVIRONMENTS = [  # LifeTime's order is Order, not the order of the list
    {"Key": "PRD", "Name": "Production", "Order": 2, "EnvironmentType": "Production"},
    {"Key": "dev", "Name": "Development", "Order": 0, "EnvironmentType": "Development"},
    {"Key": "TST", "Name": "Test", "Order": 1, "EnvironmentType": ""},
]


def status(environment_key, version_key, label=None, modified=False):
    record = {"EnvironmentKey": environment_key, "BaseApplicationVersionKey": version_key, "IsModified": modified}
    if label is not None:
        record["BaseApplicationVersionLabel"] = label
    return record


def application(name, *statuses, **fields):
    return dict({"Key": "key-" + name, "Name": name, "Kind": "WebResponsive", "AppStatusInEnvs": list(statuses)}, **fields)


def cells(matrix, name):
    return next(row["cells"] for row in matrix["rows"] if row["name"] == name)


def test_environments_in_promotion_order():
    matrix = application_matrix(ENVIRONMENTS, [])
    assert matrix["environments"] == [{"name": "Development", "key": "dev", "type": "Development", "order": 0},
                                      {"name": "Test", "key": "TST", "type": "", "order": 1},
                                      {"name": "Production", "key": "PRD", "type": "Production", "order": 2}]
    assert matrix["rows"] == []
    assert matrix["drift"] == [{"from": "Development", "to": "Test", "applications": []},
                               {"from": "Test", "to": "Production", "applications": []}]


def test_versions_compared_by_key_and_named_by_label():
    """Keys in another case are the same version; a label is only shown, never compared."""
    orders = application("Orders", status("DEV", "V2", "2.1.0", modified=True), status("tst", "v2", "2.1.0"), status("prd", "v1", "2.0.0"))
    [row] = application_matrix(ENVIRONMENTS, [orders])["rows"]
    assert row["name"] == "Orders" and row["key"] == "key-Orders" and row["kind"] == "WebResponsive"
    assert row["cells"] == [
        {"environment": "Development", "version": "2.1.0", "version_key": "v2", "deployed": True, "modified": True, "drift": False},
        {"environment": "Test", "version": "2.1.0", "version_key": "v2", "deployed": True, "modified": False, "drift": False},
        {"environment": "Production", "version": "2.0.0", "version_key": "v1", "deployed": True, "modified": False, "drift": True}]
    assert row["drift_into"] == ["Production"]


def test_not_deployed_differs_from_deployed_both_ways():
    hr = application("HR", status("dev", "h1", "1.0.0"))
    late = application("Late", status("prd", "l1", "1.0.0"))
    nowhere = application("Nowhere")
    matrix = application_matrix(ENVIRONMENTS, [nowhere, late, hr])
    assert [row["name"] for row in matrix["rows"]] == ["HR", "Late", "Nowhere"]
    assert [(cell["deployed"], cell["drift"], cell["version"], cell["version_key"]) for cell in cells(matrix, "HR")] == [
        (True, False, "1.0.0", "h1"), (False, True, None, None), (False, False, None, None)]
    assert [cell["drift"] for cell in cells(matrix, "Late")] == [False, False, True]
    assert [cell["drift"] for cell in cells(matrix, "Nowhere")] == [False, False, False]
    assert matrix["drift"] == [{"from": "Development", "to": "Test", "applications": ["HR"]},
                               {"from": "Test", "to": "Production", "applications": ["Late"]}]


def test_a_version_named_by_key_only_has_no_label():
    """The documented LifeTime sends no BaseApplicationVersionLabel: the cell still names the version by key."""
    [cell] = application_matrix(ENVIRONMENTS[1:2], [application("Orders", status("dev", "V2"))])["rows"][0]["cells"]
    assert (cell["version"], cell["version_key"], cell["deployed"]) == (None, "v2", True)


def test_rows_sorted_by_name_without_case():
    names = ["orders", "Billing", "customer Portal", "Zeta"]
    matrix = application_matrix(ENVIRONMENTS, [application(name) for name in names])
    assert [row["name"] for row in matrix["rows"]] == ["Billing", "customer Portal", "orders", "Zeta"]


def test_environment_without_order_keeps_its_place_after_the_others():
    environments = [{"Key": "x", "Name": "Sandbox"}, {"Key": "b", "Name": "B", "Order": 1}, {"Key": "a", "Name": "A", "Order": 0}]
    matrix = application_matrix(environments, [])
    assert [(env["name"], env["order"]) for env in matrix["environments"]] == [("A", 0), ("B", 1), ("Sandbox", 2)]
