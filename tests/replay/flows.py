"""The documented flows, step by step, for the replay server, and what the matching module must return.

Each step is a documented exchange (``doc(id)``) or an ``added`` step that the page does not print,
with the reason: the smallest answer of the documented shape (taken from another documented exchange
where one exists) that the module needs to get through the flow.
"""

import copy
import io
import zipfile

from testlib.exchanges import by_id, documented_body

EXCHANGES = by_id()

DEV = "f3582e43-43c7-4bb4-8cbb-d9f6cbcbd35e"
PROD = "849515f2-b4ff-4aca-a9d6-9407bea655f4"
BACKOFFICE = "c9a7a82e-0eee-4a3d-8e22-2a19c69c766f"
DEPLOY_PLAN = "dce64ad4-2ddf-4e54-a639-3524bcd5b9a1"
BINARY_PLAN = "16e9ad8a-9afa-46f8-8e3d-34f3b3e6d2cd"
BINARY_TARGET = "7709a06f-e76f-4a88-b008-c72e77878a5c"
ROLLBACK_PLAN = "1381f766-81b5-4570-a37c-5729c7a305e2"
DIRECTORY_MOBILE = "0f47c804-bce5-46e8-9706-585a044d17e6"
RUNNING_VERSION = "e9eedcbd-fe87-4ccf-a9c3-f7225ddcb8ff"
NEW_VERSION = "b3d2ef6b-e5c5-4c7e-851e-0547f7bd634c"
ROLLBACK_TARGET = "f78966c5-4c1f-4c35-9b3d-502b66943964"
ROLLBACK_VERSION = "fa5936cd-2625-43c6-bec7-de8ee90a4c71"
NO_PLANS = "the page does not list plans; LifeTime answers 204 with no body when there are none"
NO_ZONES = ("the page does not list deployment zones (it sends DeploymentZoneKey \"\", the default zone); LifeTime answers 204 "
            "with no body when a list is empty")


def doc(exchange_id, path=None):
    """A documented exchange as a replay step (its own path unless ``path`` says where the module asks it)."""
    exchange = EXCHANGES[exchange_id]
    body, is_text = documented_body(exchange)
    step = {"exchange": exchange_id, "method": exchange["method"], "path": path or exchange["path"], "status": exchange.get("status")}
    if is_text:
        step["text"] = body
    else:
        step["body"] = copy.deepcopy(body)
    return step


def added(method, path, reason, body=None, text=None, status=None, data=None):
    """A step the page does not print: its minimal documented-shape answer, and why it is needed."""
    return {"added": reason, "method": method, "path": path, "status": status, "body": body, "text": text, "bytes": data}


def body_of(exchange_id):
    return copy.deepcopy(documented_body(EXCHANGES[exchange_id])[0])


def package_bytes(name):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("README.txt", "replayed package %s\n" % name)
    return buffer.getvalue()


def versions_of_backoffice(*labels_and_keys):
    """GET /applications/{EmployeeBackoffice}/versions/: version records shaped like rollback-app-versions."""
    template = body_of("rollback-app-versions")[0]
    records = []
    for label, key in labels_and_keys:
        record = dict(template, Key=key, ApplicationKey=BACKOFFICE, Version=label, MobileVersions=[], NativeHash="")
        records.append(record)
    return records


def running_in(environment_key):
    """newver-env-app-detail's record (EmployeeBackoffice with its status), for another environment."""
    record = body_of("newver-env-app-detail")
    for status in record["AppStatusInEnvs"]:
        status["EnvironmentKey"] = environment_key
        for module in status["ModuleStatusInEnvs"]:
            module["EnvironmentKey"] = environment_key
    return record


def rollback_plan():
    """deploy-get-plan with the rollback's keys (rollback-create's request)."""
    record = body_of("deploy-get-plan")
    request = EXCHANGES["rollback-create"]["request_body"]
    record["Deployment"].update(Key=ROLLBACK_PLAN, SourceEnvironmentKey=request["SourceEnvironmentKey"],
                                TargetEnvironmentKey=request["TargetEnvironmentKey"], Notes="")
    record["Deployment"]["ApplicationOperations"] = [{"ApplicationKey": DIRECTORY_MOBILE, "ApplicationVersionKey": ROLLBACK_VERSION,
                                                      "DeploymentOperation": "Deploy 0.3", "DeploymentZoneKey": ""}]
    return record


def configurations(production_blocked):
    """{configurations: [...]} in the camelCase of block-put-configurations' request, for block-env-list's environments."""
    reason = EXCHANGES["block-put-configurations"]["request_body"]["configurations"][0]["isBlockedChangeReason"]
    return {"configurations": [{"environmentKey": env["Key"], "isBlocked": production_blocked and env["Key"] == PROD,
                                "isBlockedChangeReason": reason if production_blocked and env["Key"] == PROD else ""}
                               for env in body_of("block-env-list")]}


def deploy_steps(status_steps):
    """deploy-*: environments, applications with their status, create, read the plan, start, then ``status_steps``."""
    return [
        doc("deploy-env-list"),
        doc("deploy-app-list-envstatus"),
        added("GET", "/applications/%s/versions/" % BACKOFFICE,
              "the page does not list versions; it deploys the version it runs (b3d2ef6b-..., \"Deploy 1.0\" in deploy-get-plan), "
              "modified since 0.1 (IsModifiedMessage): records shaped like rollback-app-versions'",
              body=versions_of_backoffice(("1.0", NEW_VERSION), ("0.1", RUNNING_VERSION))),
        added("GET", "/environments/%s/deploymentzones/" % PROD, NO_ZONES, status=204),
        added("GET", "/deployments/", NO_PLANS, status=204),
        doc("deploy-create"),
        doc("deploy-get-plan"),
        doc("deploy-start"),
    ] + status_steps


FLOWS = {
    "deploy": {
        "module": "deployment",
        "args": {"source_environment": "Development", "target_environment": "Production", "applications": ["EmployeeBackoffice"],
                 "notes": "Deployment Created via postman by Operator1"},
        "steps": deploy_steps([doc("deploy-status")]),
        "expect": {"changed": True, "key": DEPLOY_PLAN, "status": "finished_successful"},
    },
    "mapdb": {
        "module": "deployment",
        "args": {"source_environment": "Development", "target_environment": "Production", "applications": ["EmployeeBackoffice"],
                 "db_mappings": [{"extension": "ExtensionTest", "logical_database": "Ext", "database": "ExtQA"},
                                 {"extension": "ExtensionTest", "logical_database": "Ext2", "database": "Ext2QA"}]},
        # mapdb-* show only the mapping part; the plan is made and started as in deploy-*.
        "steps": deploy_steps([
            doc("mapdb-status-needs-config", path="/deployments/%s/status/" % DEPLOY_PLAN),
            doc("mapdb-missing-mappings"),
            doc("mapdb-configuration"),
            added("GET", "/deployments/%s/status/" % DEPLOY_PLAN,
                  "the page polls the status after the configuration without printing it: the finished status of deploy-status",
                  body=body_of("deploy-status")),
        ]),
        "expect": {"changed": True, "key": DEPLOY_PLAN, "status": "finished_successful"},
        "never": [("POST", "/deployments/%s/continue/" % DEPLOY_PLAN)],
    },
    "binary": {
        "module": "binary_deployment",
        "args": {"environment": BINARY_TARGET, "src": "{package}"},
        "steps": [
            added("GET", "/environments/",
                  "the binary page names its target (7709a06f-...) but lists no environments: infra-oap-env-list's records, "
                  "the first re-keyed to that target",
                  body=[dict(body_of("infra-oap-env-list")[0], Key=BINARY_TARGET)] + body_of("infra-oap-env-list")[1:]),
            doc("infra-binary-deploy"),
            doc("infra-binary-get-plan"),
            doc("infra-binary-start"),
            doc("infra-binary-status"),
        ],
        "expect": {"changed": True, "key": BINARY_PLAN, "status": "finished_successful"},
    },
    "newver": {
        "module": "application_version",
        "args": {"environment": "Development", "application": "EmployeeBackoffice", "version": "1.0", "change_log": "Go live 1.0"},
        "steps": [
            doc("newver-env-list"),
            doc("newver-app-list"),
            doc("newver-env-app-detail"),
            added("GET", "/applications/%s/versions/" % BACKOFFICE,
                  "the page does not list versions; EmployeeBackoffice runs version 0.1 (IsModifiedMessage): one record shaped like "
                  "rollback-app-versions'", body=versions_of_backoffice(("0.1", RUNNING_VERSION))),
            doc("newver-create-version"),
            added("GET", "/applications/%s/versions/" % BACKOFFICE,
                  "after tagging, the versions list holds the new version (key from newver-create-version)",
                  body=versions_of_backoffice(("1.0", NEW_VERSION), ("0.1", RUNNING_VERSION))),
        ],
        "expect": {"changed": True, "version": "1.0", "version_key": NEW_VERSION},
    },
    "srccode": {
        "module": "source_code",
        "args": {"environment": "Production", "application": "EmployeeBackoffice", "dest": "{dest}"},
        "steps": [
            added("GET", "/environments/",
                  "srccode-env-list shows an environment (87356b89-...) the page never uses; it asks 849515f2-... (Production): "
                  "deploy-env-list, which lists it", body=body_of("deploy-env-list")),
            doc("srccode-app-list"),
            added("GET", "/environments/%s/applications/%s/" % (PROD, BACKOFFICE),
                  "the page does not check that the app runs in Production: newver-env-app-detail's record for Production",
                  body=running_in(PROD)),
            doc("srccode-app-request"),
            doc("srccode-app-status"),
            doc("srccode-app-download-link"),
            added("GET", "/downloads/f4ee541b-5791-4997-a56d-360d80c24821", "the page does not show the package: a zip", data=package_bytes("app")),
        ],
        "expect": {"changed": True, "status": "Done"},
    },
    "srccode2": {
        "module": "source_code",
        "args": {"environment": "Production", "module": "EmployeeBackoffice", "dest": "{dest}"},
        "steps": [
            added("GET", "/environments/", "srccode-env-list shows an environment the page never uses: deploy-env-list",
                  body=body_of("deploy-env-list")),
            doc("srccode2-module-list"),
            doc("srccode2-module-request"),
            doc("srccode2-module-status"),
            doc("srccode2-module-download-link"),
            added("GET", "/downloads/f4ee541b-5791-4997-a56d-360d80c24821",
                  "srccode2-download-package: the page shows the call (token mandatory) but not the package: a zip", data=package_bytes("module")),
        ],
        "expect": {"changed": True, "status": "Done"},
    },
    "rollback": {
        "module": "deployment",
        "args": {"source_environment": "Quality Assurance", "target_environment": "Production",
                 "applications": [{"name": "Directory Mobile", "version": "0.3"}], "notes": ""},
        "steps": [
            doc("rollback-env-list"),
            doc("rollback-app-list"),
            doc("rollback-app-versions"),
            added("GET", "/environments/%s/deploymentzones/" % ROLLBACK_TARGET, NO_ZONES, status=204),
            added("GET", "/deployments/", NO_PLANS, status=204),
            doc("rollback-create"),
            added("GET", "/deployments/%s/" % ROLLBACK_PLAN, "the page does not read the plan: deploy-get-plan re-keyed to the rollback",
                  body=rollback_plan()),
            doc("rollback-start"),
            doc("rollback-status"),
        ],
        "expect": {"changed": True, "key": ROLLBACK_PLAN, "status": "finished_successful"},
    },
    "block": {
        "module": "application",
        "args": {"name": "EmployeeBackoffice",
                 "configurations": [{"environment": "Production", "blocked": True, "reason": "It's a sandbox app for demo purposes."}]},
        "steps": [
            doc("block-env-list"),
            doc("block-app-list"),
            added("GET", "/applications/%s/configurations/" % BACKOFFICE,
                  "the page does not read the configurations first: one record per environment, in block-put-configurations' shape, "
                  "none blocked", body=configurations(False)),
            doc("block-put-configurations"),
            added("GET", "/applications/%s/configurations/" % BACKOFFICE, "read back after the change: Production blocked",
                  body=configurations(True)),
        ],
        "expect": {"changed": True},
    },
}
