"""The Simulator: state + scenarios + request log + HTTP server on loopback."""
import ipaddress
import threading

from .aims import AIMS_BASE_PATH, AimsState
from .downloads import expire_all_links
from .probe import PROBE_BASE_PATH, ProbeState
from .profiles import DEFAULT_PROFILE, Profile
from .properties import PROPERTIES_BASE_PATH, PropertiesState
from .requestlog import RequestLog
from .routes import Router
from .scenarios import Scenarios, parse_scenario_spec
from .schema import BodyValidator, load_schema
from .server import BASE_PATH, SimulatorHTTPServer
from .state import State


def check_loopback(host):
    if host == "localhost":
        return
    if not ipaddress.ip_address(host).is_loopback:
        raise ValueError("the simulator only listens on loopback addresses, not {0}".format(host))


def scenario_items(scenarios):
    """Accept {name: params}, or a list of names / 'NAME:k=v,k=v' specs."""
    if isinstance(scenarios, dict):
        return [(name, params or {}) for name, params in scenarios.items()]
    return [parse_scenario_spec(spec) for spec in scenarios or ()]


class Simulator:
    """A LifeTime API v2 server for tests and demos.

    sim = Simulator(token="demo-token"); base_url = sim.start(); ...; sim.stop()
    """

    base_path = BASE_PATH

    def __init__(self, token="demo-token", deploy_seconds=1.0, seed_apps=None, scenarios=None, host="127.0.0.1", port=0,
                 tag_delay_seconds=0.3, link_minutes=60, request_log=None, profile=DEFAULT_PROFILE):
        check_loopback(host)
        self.host = host
        self.port = port
        self.token = token
        self.schema = load_schema()
        self.router = Router(self.schema)
        self.validator = BodyValidator(self.schema["definitions"])
        self.scenarios = Scenarios()
        self.log = RequestLog(request_log, (BASE_PATH, PROPERTIES_BASE_PATH))
        self.state = State(seed_apps=seed_apps, deploy_seconds=deploy_seconds, tag_delay_seconds=tag_delay_seconds,
                           link_minutes=link_minutes)
        self.state.tokens = {token: None}
        self.state.scenarios = self.scenarios
        self.aims = AimsState()
        self.properties = PropertiesState()
        self.probe = ProbeState(self.state)
        self.default_profile = profile
        self.set_profile(profile)
        self.httpd = None
        self.thread = None
        for name, params in scenario_items(scenarios):
            self.set_scenario(name, **params)

    # ---- life cycle --------------------------------------------------------------------------
    def start(self):
        """Start serving in a background thread; return the API base URL."""
        self.httpd = SimulatorHTTPServer((self.host, self.port), self)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        self.thread.start()
        return self.base_url

    def serve_forever(self):
        self.httpd = SimulatorHTTPServer((self.host, self.port), self)
        self.port = self.httpd.server_address[1]
        self.httpd.serve_forever(poll_interval=0.2)

    def stop(self):
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None
        if self.thread is not None:
            self.thread.join(timeout=5)
            self.thread = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    @property
    def root_url(self):
        host = "[{0}]".format(self.host) if ":" in self.host else self.host
        return "http://{0}:{1}".format(host, self.port)

    @property
    def base_url(self):
        return self.root_url + BASE_PATH

    @property
    def aims_url(self):
        """The AI Mentor Studio API base this server also answers (aims.py)."""
        return self.root_url + AIMS_BASE_PATH

    @property
    def properties_url(self):
        """The Properties API base this server also answers (properties.py)."""
        return self.root_url + PROPERTIES_BASE_PATH

    def property_values(self):
        """The configuration values set through the Properties API: [{module_name, environment_name, type, key, value, ...}]."""
        return self.properties.describe()["values"]

    @property
    def probe_url(self):
        """The CI/CD Probe base (probe.py) this server also answers; its BDD Framework runners are under root_url."""
        return self.root_url + PROBE_BASE_PATH

    @property
    def valid_tokens(self):
        with self.state.lock:
            return list(self.state.tokens)

    # ---- request log -------------------------------------------------------------------------
    def requests(self):
        return self.log.all()

    def clear_requests(self):
        self.log.clear()

    def mutating_requests(self):
        return self.log.mutating()

    # ---- scenarios and state -----------------------------------------------------------------
    def set_scenario(self, name, **params):
        self.scenarios.set(name, **params)
        if name == "link_expired":
            with self.state.lock:
                expire_all_links(self.state)

    def clear_scenarios(self):
        self.scenarios.clear()

    @property
    def profile(self):
        return self.state.profile.name

    def set_profile(self, name):
        """Answer like the server variant ``name`` of profiles.PROFILES from now on."""
        profile = Profile(name)
        with self.state.lock:
            self.state.profile = profile

    def reset(self):
        """Reseed the infrastructure (keys are stable), forget plans and downloads, and go back to the profile and the
        deployment time given at start."""
        self.state.reset()
        self.aims.reset()
        self.properties.reset()
        self.probe.reset()
        self.set_profile(self.default_profile)
