"""Asynchronous packages: source code access (applications and modules) and solutions."""
import uuid

from . import clock
from .api import ApiError, json_response, text_response
from .downloads import build_package, build_source_package, create_link

SOURCE_READY_POLLS = 2
SOURCE_READY_SECONDS = 1.0
SOLUTION_STEPS = ("Created", "Gathering Dependencies", "Getting Binaries", "Generating Meta Model", "Generating Solution", "Completed")
SOLUTION_STEP_SECONDS = 0.25


def start_package(state, kind, env_key, owner_key, name):
    key = str(uuid.uuid4())
    state.packages[key] = {"kind": kind, "env": env_key, "owner": owner_key, "name": name, "created": clock.now(), "polls": 0}
    return key


def package_or_404(req, kind, owner_param):
    package = req.state.packages.get(req.params["PackageKey"])
    if package is None or package["kind"] != kind or package["owner"] != req.params[owner_param] or package["env"] != req.params["EnvironmentKey"]:
        raise ApiError(404, "Source code package '{0}' not found.".format(req.params["PackageKey"]))
    return package


def package_done(package):
    return package["polls"] >= SOURCE_READY_POLLS or clock.now() - package["created"] >= SOURCE_READY_SECONDS


def source_status_record(key, status, name=""):
    """As documented: a finished package carries Info messages {Id, Message, Detail, HelpRef, ExtraInfo, Type, Submitable}."""
    messages = []
    if status == "Done":
        messages = [{"Id": "", "Message": "Source Code Access", "Detail": "Source code access for '{0}'.".format(name), "HelpRef": 0,
                     "ExtraInfo": "", "Type": "Info", "Submitable": False}]
    return {"PackageKey": key, "Status": status, "Messages": messages}


def app_source_code(req):
    env = req.state.env_or_404(req.params["EnvironmentKey"])
    app = req.state.app_or_404(req.params["ApplicationKey"])
    if env.key not in app.status:
        raise ApiError(404, "Application '{0}' does not exist in environment '{1}'.".format(app.name, env.name))
    key = start_package(req.state, "app", env.key, app.key, app.name)
    # Real LifeTime answers 201 here (swagger: 200).
    return json_response(201, source_status_record(key, "InProgress"))


def module_source_code(req):
    env = req.state.env_or_404(req.params["EnvironmentKey"])
    module = req.state.module_or_404(req.params["ModuleKey"])
    key = start_package(req.state, "module", env.key, module.key, module.name)
    return json_response(201, source_status_record(key, "InProgress"))


def source_status(req, kind, owner_param):
    package = package_or_404(req, kind, owner_param)
    package["polls"] += 1
    status = "Done" if package_done(package) else "InProgress"
    return json_response(201, source_status_record(req.params["PackageKey"], status, package["name"]))


def source_download(req, kind, owner_param):
    package = package_or_404(req, kind, owner_param)
    if not package_done(package):
        raise ApiError(400, "Source code package '{0}' is not ready yet.".format(req.params["PackageKey"]))
    filename = "{0}_source.zip".format(package["name"])
    return json_response(200, create_link(req.state, req.root_url, build_source_package(package["name"]), filename))


def app_source_status(req):
    return source_status(req, "app", "ApplicationKey")


def app_source_download(req):
    return source_download(req, "app", "ApplicationKey")


def module_source_status(req):
    return source_status(req, "module", "ModuleKey")


def module_source_download(req):
    return source_download(req, "module", "ModuleKey")


def create_solution(req):
    env = req.state.env_or_404(req.params["EnvironmentKey"])
    app_keys = req.body_field("ApplicationKeys", []) or []
    if not app_keys:
        raise ApiError(400, "ApplicationKeys must list at least one application.")
    apps = [req.state.app_or_404(key) for key in app_keys]
    for app in apps:
        if env.key not in app.status:
            raise ApiError(400, "Application '{0}' does not exist in environment '{1}'.".format(app.name, env.name))
    key = str(uuid.uuid4())
    name = req.body_field("SolutionName") or "Solution"
    req.state.solutions[key] = {"env": env.key, "apps": [a.key for a in apps], "name": name, "created": clock.now(), "polls": 0}
    return text_response(200, key)


def solution_or_404(req):
    solution = req.state.solutions.get(req.params["SolutionKey"])
    if solution is None or solution["env"] != req.params["EnvironmentKey"]:
        raise ApiError(404, "Solution '{0}' not found.".format(req.params["SolutionKey"]))
    return solution


def solution_step(solution):
    by_time = int((clock.now() - solution["created"]) / SOLUTION_STEP_SECONDS)
    return SOLUTION_STEPS[min(len(SOLUTION_STEPS) - 1, max(by_time, solution["polls"]))]


def solution_status(req):
    solution = solution_or_404(req)
    solution["polls"] += 1
    # One object, although the swagger types the answer as an array.
    return json_response(200, {"Status": solution_step(solution), "StatusReason": ""})


def solution_download(req):
    solution = solution_or_404(req)
    if solution_step(solution) != "Completed":
        raise ApiError(400, "Solution '{0}' is not completed yet.".format(req.params["SolutionKey"]))
    first = req.state.apps[solution["apps"][0]]
    version = first.version_by_key(first.status[solution["env"]].version_key)
    payload = build_package(req.state, first, version, "osp") if version else build_source_package(solution["name"])
    # One object whose link is `url` (what OutSystems' client reads), although the swagger says an array.
    return json_response(200, create_link(req.state, req.root_url, payload, "{0}.osp".format(solution["name"])))
