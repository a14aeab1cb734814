"""Admin endpoints under /_sim/ (no auth; the server only listens on loopback)."""
import json

from .api import error_response, json_response, empty_response
from .downloads import expire_all_links
from .profiles import UnknownProfile
from .scenarios import UnknownScenario


def parse_json(raw):
    if not raw.strip():
        return {}
    return json.loads(raw)


def handle(sim, method, path, raw):
    route = (method, path.rstrip("/"))
    try:
        if route == ("GET", "/_sim/health"):
            return json_response(200, {"status": "ok", "base_url": sim.base_url, "profile": sim.profile})
        if route == ("GET", "/_sim/profile"):
            return json_response(200, sim.state.profile.describe())
        if route == ("POST", "/_sim/profile"):
            sim.set_profile(parse_json(raw)["name"])
            return json_response(200, sim.state.profile.describe())
        if route == ("GET", "/_sim/requests"):
            return json_response(200, sim.requests())
        if route == ("DELETE", "/_sim/requests"):
            sim.clear_requests()
            return empty_response(204)
        if route == ("GET", "/_sim/scenarios"):
            return json_response(200, sim.scenarios.describe())
        if route == ("POST", "/_sim/scenarios"):
            body = parse_json(raw)
            sim.set_scenario(body["name"], **(body.get("params") or {}))
            return json_response(200, sim.scenarios.describe())
        if route == ("DELETE", "/_sim/scenarios"):
            sim.clear_scenarios()
            return empty_response(204)
        if route == ("POST", "/_sim/reset"):
            sim.reset()
            return json_response(200, {"status": "reset"})
        if route == ("POST", "/_sim/expire-links"):
            with sim.state.lock:
                expire_all_links(sim.state)
            return empty_response(204)
        if route == ("GET", "/_sim/aims"):
            return json_response(200, sim.aims.describe())
        if route == ("POST", "/_sim/aims"):
            sim.aims.configure(parse_json(raw))
            return json_response(200, sim.aims.describe())
        if route == ("GET", "/_sim/properties"):
            return json_response(200, sim.properties.describe())
        if route == ("GET", "/_sim/probe"):
            return json_response(200, sim.probe.describe())
        if route == ("POST", "/_sim/probe"):
            sim.probe.configure(parse_json(raw))
            return json_response(200, sim.probe.describe())
        if route == ("GET", "/_sim/state"):
            summary = sim.state.summary()
            summary["scenarios"] = sim.scenarios.describe()
            return json_response(200, summary)
    except (ValueError, KeyError, UnknownScenario, UnknownProfile) as error:
        return error_response(400, ["Bad admin request: {0}".format(error)])
    return error_response(404, ["Unknown admin endpoint {0} {1}".format(method, path)])
