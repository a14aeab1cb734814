"""AI Mentor Studio API (technical debt), served by the same server under its own base path.

Same server, so one address serves both APIs, the fault scenarios (rate_limit, http_5xx with
path_contains=TechnicalDebt) and the request log cover it, and seeded application keys are the
LifeTime keys (AI Mentor Studio's application GUID is the LifeTime application key).

The five GETs of the documented API, both headers checked on every call (400 when one is missing,
401 when one is wrong), Limit (1..200, default 20) / Offset paging with Page.NextPageOffset
(0 on the last page), 404 for an application without data. The level and category records follow
the documented shapes; their names and the level order are the simulator's own (the real list is
not published): Low, Medium, High, least severe first.
"""
import threading

from .api import error_response, json_response
from .model import make_key

AIMS_BASE_PATH = "/AIMentorStudioAPI/rest/v1"
API_KEY = "demo-aims-key"
ACTIVATION_CODE = "demo-activation-code"
LAST_ANALYZED_ON = "2026-03-02T08:30:00.5Z"
LEVELS = ("Low", "Medium", "High")
# The category GUIDs OutSystems' pipeline hard-codes, and one of the simulator's own.
CATEGORIES = (
    ("f7fdbb75-f2f3-4199-9761-ae0fd08f0998", "Architecture", ("Cyclic references", "Upward references")),
    ("da5489cc-0102-4de7-8788-a5de6c4b297c", "Performance", ("Query inside a loop", "Large image in a screen")),
    ("6c87e98f-2ece-4df2-b791-d0c7eae15914", "Security", ("SQL injection", "Unprotected screen")),
    (make_key("aims-category", "Maintainability"), "Maintainability", ("Unused action", "Duplicated code")),
)
# Seeded LifeTime application -> (level, {module: {category: {pattern: count}}}); absent = no data (404).
SEED = {
    "Customer Portal": ("Low", {"CustomerPortal": {"Performance": {"Query inside a loop": 2}},
                                "CustomerPortal_CS": {"Maintainability": {"Unused action": 3}}}),
    "Inventory": ("Medium", {"Inventory": {"Security": {"Unprotected screen": 1}, "Architecture": {"Upward references": 1}}}),
    "Mobile Banking": ("Low", {"MobileBanking": {}}),
    "Orders": ("High", {"Orders": {"Architecture": {"Cyclic references": 4}},
                        "Orders_CS": {"Security": {"SQL injection": 2, "Unprotected screen": 1}}}),
    "Shared Components": ("Medium", {"SharedComponents": {"Performance": {"Large image in a screen": 1}}}),
}


def level_guid(name):
    return make_key("aims-level", name)


def pattern_guid(category, pattern):
    return make_key("aims-pattern", category, pattern)


def category_by_name(name):
    for guid, category, patterns in CATEGORIES:
        if category.lower() == str(name).lower():
            return guid, category, patterns
    raise ValueError("unknown category {0!r}; known: {1}".format(name, ", ".join(c[1] for c in CATEGORIES)))


class AimsState:
    """The analysed applications (by LifeTime key), the credentials and the largest page the server gives."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with self.lock:
            self.api_key = API_KEY
            self.activation_code = ACTIVATION_CODE
            self.max_page_size = 200
            self.apps = {}
            self.answers = {}
        for name, (level, modules) in SEED.items():
            self.set_application(name, level, modules)

    def set_application(self, name, level=None, modules=None, no_data=False, key=None):
        """Set what the analysis says of an application: its level and {module: {category: {pattern: count}}}, or no data."""
        key = key or make_key("application", name)
        with self.lock:
            if no_data:
                self.apps.pop(key, None)
                return
            if level not in LEVELS:
                raise ValueError("unknown level {0!r}; known: {1}".format(level, ", ".join(LEVELS)))
            self.apps[key] = {"name": name, "level": level, "modules": modules or {}}

    def configure(self, body):
        """The admin endpoint's body: {"application": name, "level", "modules"} or {"application", "no_data": true};
        also "max_page_size", "api_key", "activation_code", and "answers": {operation: body} to answer an operation
        with that body as it is (a malformed answer for tests)."""
        self.answers.update(body.get("answers") or {})
        if "max_page_size" in body:
            self.max_page_size = int(body["max_page_size"])
        for name in ("api_key", "activation_code"):
            if name in body:
                setattr(self, name, body[name])
        if "application" in body:
            self.set_application(body["application"], body.get("level"), body.get("modules"), bool(body.get("no_data")), body.get("key"))

    def describe(self):
        with self.lock:
            return {"max_page_size": self.max_page_size,
                    "applications": {key: dict(app) for key, app in sorted(self.apps.items(), key=lambda item: item[1]["name"])}}


def infrastructure(state):
    return {"ActivationCode": state.activation_code, "LastAnalyzedOn": LAST_ANALYZED_ON}


def findings(per_category):
    found = []
    for category, patterns in sorted(per_category.items()):
        guid, _name, _patterns = category_by_name(category)
        for pattern, count in sorted(patterns.items()):
            found.append({"CategoryGUID": guid, "PatternGUID": pattern_guid(category_by_name(category)[1], pattern), "Count": count})
    return found


def application_record(key, app, module_guid=None):
    modules, totals = [], {}
    for module_name, per_category in sorted(app["modules"].items()):
        guid = make_key("module", module_name)
        if module_guid and guid.lower() != module_guid.lower():
            continue
        module_findings = findings(per_category)
        for finding in module_findings:
            slot = (finding["CategoryGUID"], finding["PatternGUID"])
            totals[slot] = totals.get(slot, 0) + finding["Count"]
        modules.append({"GUID": guid, "Name": module_name, "LevelGUID": level_guid(app["level"]), "Findings": module_findings})
    app_findings = [{"CategoryGUID": category, "PatternGUID": pattern, "Count": count} for (category, pattern), count in sorted(totals.items())]
    return {"GUID": key, "Name": app["name"], "LevelGUID": level_guid(app["level"]), "Findings": app_findings, "Modules": modules}


def integer(query, name, default, low, high):
    text = query.get(name)
    if text is None or text == "":
        return default
    try:
        value = int(text)
    except ValueError:
        raise BadRequest("The {0} parameter must be an integer.".format(name))
    if value < low or (high is not None and value > high):
        raise BadRequest("The {0} parameter is out of bounds ({1} to {2}).".format(name, low, high if high is not None else "any"))
    return value


class BadRequest(Exception):
    pass


def list_applications(sim, query):
    state = sim.aims
    limit = integer(query, "Limit", 20, 1, 200)
    offset = integer(query, "Offset", 0, 0, None)
    wanted_app = query.get("ApplicationGUID")
    wanted_module = query.get("ModuleGUID")
    date = query.get("Date")
    with state.lock:
        apps = sorted(state.apps.items(), key=lambda item: item[1]["name"].lower())
        max_page = state.max_page_size
    if date and date > LAST_ANALYZED_ON[:10]:
        return error_response(404, ["There is no data for the date {0}.".format(date)])
    if wanted_app:
        apps = [(key, app) for key, app in apps if key.lower() == wanted_app.lower()]
    records = [application_record(key, app, wanted_module) for key, app in apps]
    if wanted_module:
        records = [record for record in records if record["Modules"]]
    if not records:
        return error_response(404, ["No application or module matches the filter."])
    size = min(limit, max_page)
    page = records[offset:offset + size]
    following = offset + size if offset + size < len(records) else 0
    return json_response(200, {"InfrastructureInfo": infrastructure(state), "Applications": page,
                               "Page": {"Limit": size, "Offset": offset, "NextPageOffset": following,
                                        "TotalResults": len(records), "TotalPages": -(-len(records) // size)}})


def list_teams(sim, query):
    wanted = query.get("Team")
    teams = []
    with sim.state.lock:
        for team in sim.state.teams.values():
            if wanted and wanted not in (team.key, team.name):
                continue
            teams.append({"ExternalId": team.key, "Name": team.name, "Applications": [{"GUID": key} for key in team.app_keys]})
    return json_response(200, {"InfrastructureInfo": infrastructure(sim.aims), "Teams": teams})


def answer(sim, method, path, query, headers):
    """The response to a request under AIMS_BASE_PATH (``path`` is what follows it)."""
    state = sim.aims
    key, code = headers.get("x-api-key"), headers.get("x-activation-code")
    if not key or not code:
        return error_response(400, ["The x-api-key and x-activation-code headers are required."])
    if key != state.api_key or code != state.activation_code:
        return error_response(401, ["Invalid API key or activation code."])
    operation = path.strip("/")
    if method != "GET":
        return error_response(405, ["Method {0} is not allowed here; allowed: GET.".format(method)])
    if operation in state.answers:
        return json_response(200, state.answers[operation])
    try:
        if operation == "TechnicalDebt_Application":
            return list_applications(sim, query)
        if operation == "TechnicalDebt_Level":
            return json_response(200, {"InfrastructureInfo": infrastructure(state),
                                       "Levels": [{"GUID": level_guid(name), "Name": name} for name in LEVELS]})
        if operation == "TechnicalDebt_Category":
            categories = [{"GUID": guid, "Name": name, "Patterns": [{"GUID": pattern_guid(name, pattern), "Name": pattern} for pattern in patterns]}
                          for guid, name, patterns in CATEGORIES]
            return json_response(200, {"InfrastructureInfo": infrastructure(state), "Categories": categories})
        if operation == "TechnicalDebt_LastAnalysisDate":
            return json_response(200, infrastructure(state))
        if operation == "TechnicalDebt_Team":
            return list_teams(sim, query)
    except BadRequest as error:
        return error_response(400, [str(error)])
    return error_response(404, ["Resource '{0}' not found.".format(AIMS_BASE_PATH + path)])
