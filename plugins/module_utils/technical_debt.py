# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Technical debt from the AI Mentor Studio API (formerly the Architecture Dashboard API).

The client shares the LifeTime client's transport (client.Transport): the same retries with backoff, Retry-After
for 429 and 503, and the same error type. It sends the two credentials of that API, ``x-api-key`` and
``x-activation-code``, on every request and never puts them in a message.

Severity is the position of a level in the server's ``/TechnicalDebt_Level`` list (first = least severe), as
OutSystems' pipeline reads it. Security findings are the counts of the category named "Security".
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

try:
    from urllib.parse import urlsplit, urlunsplit
except ImportError:  # pragma: no cover - Python 2 is not supported
    from urlparse import urlsplit, urlunsplit

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.client import Transport, decode_body
from ansible_collections.outsystems.lifetime.plugins.module_utils.connection import argument_spec_of, default_of
from ansible_collections.outsystems.lifetime.plugins.module_utils.dates import parse_date
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeApiError

DEFAULT_AIMS_URL = "https://aimentorstudio.outsystems.com/AIMentorStudioAPI/rest/v1"
MAX_PAGE_SIZE = 200
SECURITY_CATEGORY = "security"

# option name -> (argument spec entry, environment variable); documented in doc_fragments/ai_mentor_studio.py.
# validate_certs, ca_path, timeout, retries and proxy are the connection options' (doc_fragments/connection.py): one setting each.
AIMS_OPTIONS = {
    "aims_url": (dict(type="str", default=DEFAULT_AIMS_URL), "AIMS_URL"),
    "aims_api_key": (dict(type="str", no_log=True), "AIMS_API_KEY"),
    "aims_activation_code": (dict(type="str", no_log=True), "AIMS_ACTIVATION_CODE"),
}


def aims_argument_spec():
    """The AI Mentor Studio options of a module, each with its environment-variable fallback."""
    return argument_spec_of(AIMS_OPTIONS)


def aims_client(params):
    """An AimsClient from a module's parameters (the AI Mentor Studio options and the shared connection settings)."""
    return AimsClient(params["aims_url"], params.get("aims_api_key"), params.get("aims_activation_code"),
                      validate_certs=default_of("validate_certs", params), ca_path=params.get("ca_path"), timeout=default_of("timeout", params),
                      retries=default_of("retries", params), proxy=params.get("proxy"))


def aims_base_url(url):
    """The API base from ``aims_url``: a host alone gets the pipeline's base path; any path given is kept as it is."""
    text = (url or "").strip()
    if not text:
        raise ValueError("aims_url is empty: give the AI Mentor Studio API base, for example %s" % DEFAULT_AIMS_URL)
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("aims_url '%s' is not an address: use for example %s" % (url, DEFAULT_AIMS_URL))
    path = parts.path.rstrip("/") or urlsplit(DEFAULT_AIMS_URL).path
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def hint_for(status):
    if status == 400:
        return "AI Mentor Studio refused the request: the x-api-key or x-activation-code header is missing, or a parameter is out of bounds."
    if status == 401:
        return ("The AI Mentor Studio API key or activation code is not valid: create a key in AI Mentor Studio > Maintenance > "
                "Configurations and set aims_api_key (AIMS_API_KEY) and aims_activation_code (AIMS_ACTIVATION_CODE).")
    if status == 403:
        return "The infrastructure is inactive in AI Mentor Studio, or its API is not licensed for it."
    if status == 404:
        return "No AI Mentor Studio API answered there, or it has no such data: check aims_url (host and base path)."
    if status == 429:
        return "The AI Mentor Studio request quota is exceeded; the request was retried and still refused. Try again later."
    if status == 503:
        return "AI Mentor Studio is still analysing the data; the request was retried after the time it asked for. Try again later."
    if status >= 500:
        return "AI Mentor Studio had an internal error (or the analysis for that date failed); the request was retried."
    return ""


class AimsClient(Transport):
    """A session to the AI Mentor Studio API. Only GETs: the API reads."""

    service = "AI Mentor Studio"
    url_option = "aims_url"

    def __init__(self, url, api_key, activation_code, timeout, retries, validate_certs=True, ca_path=None, proxy=None,
                 backoff_factor=1.0, sleep=time.sleep):
        missing = [name for name, value in (("aims_api_key", api_key), ("aims_activation_code", activation_code)) if not value]
        if missing:
            raise ValueError("missing AI Mentor Studio option%s %s: set %s" % (
                "s" if len(missing) > 1 else "", ", ".join(missing),
                " and ".join("%s or %s" % (name, AIMS_OPTIONS[name][1]) for name in missing)))
        super(AimsClient, self).__init__(aims_base_url(url), validate_certs=validate_certs, ca_path=ca_path, timeout=timeout, retries=retries,
                                         proxy=proxy, backoff_factor=backoff_factor, sleep=sleep)
        self._credentials = {"x-api-key": api_key, "x-activation-code": activation_code}

    def read(self, path, params=None, missing_ok=False):
        """The JSON body of a GET (named read, not get: these are not LifeTime API paths); None for a 404 when ``missing_ok`` (the API's "no data")."""
        path = "/" + path.lstrip("/")
        self.last_request = ("GET", path)
        query = dict((name, value) for name, value in (params or {}).items() if value is not None)
        response = self._send("GET", self.url_for(path), path, params=query or None, data=None, headers=dict(self._credentials))
        body = decode_body(response)
        if response.status_code == 404 and missing_ok:
            return None
        if response.status_code >= 400:
            raise LifetimeApiError.from_service("GET", path, response.status_code, body, hint_for(response.status_code))
        if not isinstance(body, dict):
            raise ValueError("GET %s: AI Mentor Studio answered %.200r where a JSON object was expected" % (path, body))
        return body

    def application_pages(self, params=None, page_size=MAX_PAGE_SIZE, missing_ok=False):
        """Every ``Applications`` entry of /TechnicalDebt_Application, following ``NextPageOffset`` to the last page.

        Returns (infrastructure info, applications), or None when ``missing_ok`` and the server answers 404.
        """
        query = dict(params or {})
        query["Limit"] = page_size
        offset, found, info = 0, [], {}
        while True:
            query["Offset"] = offset
            body = self.read(endpoints.AIMS_APPLICATIONS, query, missing_ok=missing_ok)
            if body is None:
                return None
            info = body.get("InfrastructureInfo") or info
            found.extend(body.get("Applications") or [])
            following = (body.get("Page") or {}).get("NextPageOffset")
            if not isinstance(following, int) or following <= offset or not body.get("Applications"):
                return info, found
            offset = following


def _level_of(guid, levels):
    for index, level in enumerate(levels):
        if level["guid"] == guid:
            return level["name"], index
    return None, None


class Catalog:
    """Levels (with severity) and categories/patterns, to name what the findings record by GUID."""

    def __init__(self, levels_body):
        self.levels = [{"guid": item.get("GUID"), "name": item.get("Name"), "severity": index}
                       for index, item in enumerate(levels_body.get("Levels") or [])]
        self.categories = []
        self.category_names = {}
        self.pattern_names = {}
        self.security = set()

    def add_categories(self, categories_body):
        """Add the categories and their patterns; the Security category is the one named "Security"."""
        for item in categories_body.get("Categories") or []:
            patterns = [{"guid": pattern.get("GUID"), "name": pattern.get("Name")} for pattern in item.get("Patterns") or []]
            self.categories.append({"guid": item.get("GUID"), "name": item.get("Name"),
                                    "is_security": str(item.get("Name") or "").strip().lower() == SECURITY_CATEGORY,
                                    "patterns": patterns})
            self.category_names[item.get("GUID")] = item.get("Name")
            for pattern in patterns:
                self.pattern_names[pattern["guid"]] = pattern["name"]
        self.security = set(category["guid"] for category in self.categories if category["is_security"])
        return self

    def level(self, name):
        """The level record for a level name (case-insensitive); ValueError lists the valid names."""
        for level in self.levels:
            if str(level["name"]).lower() == str(name).strip().lower():
                return level
        raise ValueError("technical debt level '%s' is not one AI Mentor Studio has; valid levels, least severe first: %s" % (
            name, ", ".join(level["name"] for level in self.levels)))

    def findings(self, records):
        found = []
        for record in records or []:
            found.append({"category_guid": record.get("CategoryGUID"), "category": self.category_names.get(record.get("CategoryGUID")),
                          "pattern_guid": record.get("PatternGUID"), "pattern": self.pattern_names.get(record.get("PatternGUID")),
                          "count": int(record.get("Count") or 0)})
        return found

    def counts(self, findings):
        """Finding counts per category name (a category the server did not list is named by its GUID)."""
        totals = {}
        for finding in findings:
            name = finding["category"] or finding["category_guid"]
            totals[name] = totals.get(name, 0) + finding["count"]
        return totals

    def security_count(self, findings):
        return sum(finding["count"] for finding in findings if finding["category_guid"] in self.security)

    def application(self, record, key=None):
        """An ApplicationDetails record in snake_case, with level names, severities and counts."""
        level, severity = _level_of(record.get("LevelGUID"), self.levels)
        findings = self.findings(record.get("Findings"))
        modules = []
        for module in record.get("Modules") or []:
            module_level, module_severity = _level_of(module.get("LevelGUID"), self.levels)
            module_findings = self.findings(module.get("Findings"))
            modules.append({"key": module.get("GUID"), "name": module.get("Name"), "level_guid": module.get("LevelGUID"),
                            "level": module_level, "severity": module_severity, "findings": module_findings,
                            "security_findings": self.security_count(module_findings)})
        module_findings = [finding for module in modules for finding in module["findings"]]
        # The pipeline counts the modules' findings; an answer may carry them on the application only. The larger total
        # of the two never counts a finding twice and never misses one.
        by_modules, by_application = self.counts(module_findings), self.counts(findings)
        totals = dict((name, max(by_modules.get(name, 0), by_application.get(name, 0))) for name in set(by_modules) | set(by_application))
        return {"key": key or record.get("GUID"), "name": record.get("Name"), "has_data": True,
                "level_guid": record.get("LevelGUID"), "level": level, "severity": severity,
                "findings": findings, "modules": modules, "findings_by_category": totals,
                "security_findings": max(self.security_count(findings), self.security_count(module_findings))}


def no_data(key, name):
    """An application AI Mentor Studio has no data for (it answered 404): never a pass."""
    return {"key": key, "name": name, "has_data": False, "level_guid": None, "level": None, "severity": None,
            "findings": [], "modules": [], "findings_by_category": {}, "security_findings": None}


def technical_debt(client, applications=None, page_size=MAX_PAGE_SIZE):
    """Levels, categories, the last analysis date and the applications' debt, and the Catalog that names them.

    ``applications``: (key, name) pairs, or None for every application. The listing is read once, every page; an
    asked application absent from it is asked for by its GUID, where a 404 means no data. One listing instead of one
    call per application keeps a large promotion within the API's request quota.
    """
    catalog = Catalog(client.read(endpoints.AIMS_LEVELS)).add_categories(client.read(endpoints.AIMS_CATEGORIES))
    analysed = client.read(endpoints.AIMS_LAST_ANALYSIS)
    try:
        moment = parse_date(analysed.get("LastAnalyzedOn", analysed.get("LastAnalysisDate")))
    except ValueError as exc:
        raise ValueError("GET /TechnicalDebt_LastAnalysisDate: LastAnalyzedOn %s" % exc)
    result = {"levels": catalog.levels, "categories": catalog.categories,
              "last_analysis_date": moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ") if moment else None}
    listed = client.application_pages(page_size=page_size, missing_ok=True)
    records = listed[1] if listed else []
    if applications is None:
        found = [catalog.application(record) for record in records]
    else:
        by_key = dict((str(record.get("GUID")).lower(), record) for record in records)
        found = []
        for key, name in applications:
            record = by_key.get(key.lower())
            if record is None:
                answer = client.application_pages({"ApplicationGUID": key}, page_size=page_size, missing_ok=True)
                matching = [item for item in (answer[1] if answer else []) if str(item.get("GUID")).lower() == key.lower()]
                record = matching[0] if matching else None
            found.append(catalog.application(record, key) if record else no_data(key, name))
    result["applications"] = found
    result["no_data"] = [app["name"] for app in found if not app["has_data"]]
    return result, catalog


def gate(applications, catalog, max_level=None, max_security_findings=None, allow_no_data=False):
    """Which applications exceed the thresholds, each with every reason; no data fails unless allowed.

    A level is above ``max_level`` when its position in the server's level list is after that level's.
    """
    if max_security_findings is not None and max_security_findings < 0:
        raise ValueError("max_security_findings must be 0 or more, got %s" % max_security_findings)
    ceiling = catalog.level(max_level) if max_level else None
    offenders = []
    for app in applications:
        reasons = []
        if not app["has_data"]:
            if not allow_no_data:
                reasons.append("AI Mentor Studio has no technical debt data for it (allow_no_data is false)")
        else:
            if ceiling is not None and app["severity"] is None:
                reasons.append("its level %s is not in AI Mentor Studio's level list" % app["level_guid"])
            elif ceiling is not None and app["severity"] > ceiling["severity"]:
                reasons.append("level %s is above %s" % (app["level"], ceiling["name"]))
            if max_security_findings is not None and app["security_findings"] > max_security_findings:
                reasons.append("%s security findings, more than %s" % (app["security_findings"], max_security_findings))
        if reasons:
            offenders.append({"key": app["key"], "name": app["name"], "level": app["level"], "has_data": app["has_data"],
                              "security_findings": app["security_findings"], "findings_by_category": app["findings_by_category"],
                              "reasons": reasons})
    lines = []
    for offender in offenders:
        if offender["has_data"]:
            counts = ", ".join("%s %s" % item for item in sorted(offender["findings_by_category"].items())) or "none"
            facts = "level %s, %s security findings, findings by category: %s" % (offender["level"], offender["security_findings"], counts)
        else:
            facts = "no data"
        lines.append("%s (%s): %s" % (offender["name"], facts, "; ".join(offender["reasons"])))
    message = ("Technical debt gate passed for %s application%s." % (len(applications), "" if len(applications) == 1 else "s")
               if not offenders else
               "Technical debt gate failed for %s of %s applications:\n  - %s" % (len(offenders), len(applications), "\n  - ".join(lines)))
    return {"passed": not offenders, "max_level": ceiling["name"] if ceiling else None,
            "max_severity": ceiling["severity"] if ceiling else None, "max_security_findings": max_security_findings,
            "allow_no_data": allow_no_data, "checked": len(applications), "offenders": offenders, "message": message}
