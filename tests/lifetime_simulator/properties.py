"""The Properties API (configuration values), served on the LifeTime host under /PropertiesAPI/rest/v1.

What the contract says (OutSystems' pipeline code; no swagger or documentation page exists): four PUTs with a
trailing slash, the LifeTime bearer token, a content type of application/json but the value as the raw text body,
and 201 with {"Success": bool, "Message": str}. Nothing reads a value back, so the values the PUTs set are kept
here and shown by the admin endpoint GET /_sim/properties (sim.reset() forgets them).

Assumptions of this simulator, where the contract is silent (the pipeline only logs a Success: false answer, which
suggests the API reports a value it could not set that way rather than by status):
- A module key or environment key LifeTime does not know, or a module that does not run in that environment
  (its application is not deployed there), answers 201 with Success: false and a message naming it.
- Any item key of a known module is accepted: the simulator does not know which site properties, references and
  timers a module defines.
- No token, or a token LifeTime does not accept: 401 with LifeTime's error body. A path that is none of the four,
  or a method other than PUT: 404 / 405 with LifeTime's error body.
- The body is stored as it came, decoded as UTF-8 (an empty body is the empty value), never parsed as JSON.
- The scenario ``properties_refused`` (optional path_contains, message) answers Success: false for the PUTs it matches.
"""
import re
import threading

from . import clock
from .api import error_response, json_response

PROPERTIES_BASE_PATH = "/PropertiesAPI/rest/v1"
# path segment -> (the manifest's ConfigurationItemType, the last segment)
KINDS = {
    "SiteProperties": ("SiteProperty", "Value"),
    "RESTReferences": ("REST_Endpoint", "EffectiveURL"),
    "SOAPReferences": ("SOAP_Endpoint", "EffectiveURL"),
    "Timers": ("TimerSchedule", "Schedule"),
}
ROUTE = re.compile(r"^/Modules/([^/]+)/Environments/([^/]+)/([^/]+)/([^/]+)/([^/]+)/$")


class PropertiesState:
    """The values set through the Properties API, one per (module, environment, type, item key), and every write."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with self.lock:
            self.values = {}
            self.writes = 0

    def set(self, module, env, kind, key, value):
        with self.lock:
            self.writes += 1
            self.values[(module.key, env.key, kind, key)] = {
                "module_key": module.key, "module_name": module.name, "environment_key": env.key, "environment_name": env.name,
                "type": kind, "key": key, "value": value, "set_at": clock.utc_now().isoformat(), "times_set": 1 + self.times_set(module, env, kind, key)}

    def times_set(self, module, env, kind, key):
        current = self.values.get((module.key, env.key, kind, key))
        return current["times_set"] if current else 0

    def describe(self):
        with self.lock:
            values = sorted(self.values.values(), key=lambda item: (item["module_name"], item["environment_name"], item["type"], item["key"]))
            return {"writes": self.writes, "values": [dict(item) for item in values]}


def refused(message):
    return json_response(201, {"Success": False, "Message": message})


def answer(sim, method, path, raw, authorized):
    """The response to a request under PROPERTIES_BASE_PATH (``path`` is what follows it)."""
    if not authorized:
        return error_response(401, ["Invalid or missing authentication token."])
    match = ROUTE.match(path)
    if match is None or match.group(3) not in KINDS or KINDS[match.group(3)][1] != match.group(5):
        return error_response(404, ["Resource '{0}' not found.".format(PROPERTIES_BASE_PATH + path)])
    if method != "PUT":
        return error_response(405, ["Method {0} is not allowed here; allowed: PUT.".format(method)], {"Allow": "PUT"})
    module_key, env_key, segment, item_key, _last = match.groups()
    kind = KINDS[segment][0]
    scenario = sim.scenarios.active("properties_refused")
    if scenario is not None and sim.scenarios.matches(scenario, method, PROPERTIES_BASE_PATH + path):
        return refused(scenario.get("message") or "The value could not be set.")
    state = sim.state
    with state.lock:
        module = state.modules.get(module_key)
        env = state.envs.get(env_key)
        if module is None:
            return refused("Module with key '{0}' not found.".format(module_key))
        if env is None:
            return refused("Environment with key '{0}' not found.".format(env_key))
        app = state.apps.get(module.app_key)
        if app is None or env.key not in app.status:
            return refused("Module '{0}' is not deployed in environment '{1}'.".format(module.name, env.name))
    sim.properties.set(module, env, kind, item_key, raw.decode("utf-8"))
    return json_response(201, {"Success": True, "Message": "{0} of module '{1}' in environment '{2}' set.".format(
        {"SiteProperty": "Site property", "REST_Endpoint": "REST effective URL", "SOAP_Endpoint": "SOAP effective URL",
         "TimerSchedule": "Timer schedule"}[kind], module.name, env.name)})
