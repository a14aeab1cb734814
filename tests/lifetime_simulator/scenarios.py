"""Fault and behaviour scenarios that make the simulator act like a troubled or older LifeTime."""
import threading

FAULT_DEFAULTS = {
    "http_5xx": {"status": 503, "count": 1},
    "rate_limit": {"status": 429, "count": 1, "retry_after": 1},
    "slow": {"seconds": 2.0, "count": None},
    "drop_connection": {"count": 1},
    "expired_token": {},
}
BEHAVIOUR_DEFAULTS = {
    "conflicts": {},
    "two_step": {},
    "db_mappings": {"extension": "ERPConnector", "logical_database": "ERP"},
    "suspended": {},
    "business_process_impact": {},
    "finished_with_errors": {},
    "finished_with_warnings": {},
    "old_lifetime": {"version": "11.20.0"},
    "zones_not_licensed": {},
    "link_expired": {},
    "binary_to_production_disabled": {},
    # The Properties API answers 201 with Success: false (and this message) to the PUTs it matches (path_contains).
    "properties_refused": {"message": "The configuration item was not found in the module."},
}
SCENARIO_NAMES = tuple(FAULT_DEFAULTS) + tuple(BEHAVIOUR_DEFAULTS)
FAULT_ORDER = ("expired_token", "drop_connection", "rate_limit", "http_5xx", "slow")


class UnknownScenario(ValueError):
    """The scenario name is not one the simulator knows."""


def coerce(value):
    """CLI and JSON params arrive as text; turn numbers into numbers."""
    if not isinstance(value, str):
        return value
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            continue
    return value


def parse_scenario_spec(spec):
    """Parse 'NAME' or 'NAME:k=v,k=v' (CLI form) into (name, params)."""
    name, _sep, rest = spec.partition(":")
    params = {}
    for pair in filter(None, rest.split(",")):
        key, _sep, value = pair.partition("=")
        params[key.strip()] = value.strip()
    return name.strip(), params


def split_methods(value):
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return {str(item).upper() for item in value}
    return {item.strip().upper() for item in str(value).replace("+", "|").replace(";", "|").split("|") if item.strip()}


class Fault:
    def __init__(self, name, params):
        self.name = name
        self.params = params


class Scenarios:
    def __init__(self):
        self.lock = threading.Lock()
        self._active = {}

    def set(self, name, **params):
        if name not in SCENARIO_NAMES:
            raise UnknownScenario("unknown scenario '{0}'; known: {1}".format(name, ", ".join(SCENARIO_NAMES)))
        merged = dict(FAULT_DEFAULTS.get(name, BEHAVIOUR_DEFAULTS.get(name, {})))
        merged.update({key: coerce(value) for key, value in params.items()})
        if "methods" in merged:
            merged["methods"] = split_methods(merged["methods"])
        with self.lock:
            self._active[name] = merged

    def clear(self, name=None):
        with self.lock:
            if name is None:
                self._active.clear()
            else:
                self._active.pop(name, None)

    def active(self, name):
        with self.lock:
            params = self._active.get(name)
            return dict(params) if params is not None else None

    def describe(self):
        with self.lock:
            return {name: {k: sorted(v) if isinstance(v, set) else v for k, v in params.items()}
                    for name, params in self._active.items()}

    @staticmethod
    def matches(params, method, path):
        methods = params.get("methods")
        if methods and method.upper() not in methods:
            return False
        contains = params.get("path_contains")
        return not contains or str(contains) in path

    def take_fault(self, method, path):
        """The fault to inject into this request, consuming one of its counts; or None."""
        with self.lock:
            for name in FAULT_ORDER:
                params = self._active.get(name)
                if params is None or not self.matches(params, method, path):
                    continue
                count = params.get("count")
                if count is not None and int(count) >= 0:
                    if int(count) == 0:
                        continue
                    params["count"] = int(count) - 1
                return Fault(name, dict(params))
        return None
