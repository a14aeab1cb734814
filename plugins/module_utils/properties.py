# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Configuration values through the Properties API on the LifeTime host (``.../PropertiesAPI/rest/v1/``).

Four PUTs set a module's site property value, REST or SOAP effective URL, or timer schedule in one environment.
What is known of the API comes from OutSystems' pipeline code (no swagger or documentation page exists): the same
bearer token as LifeTime, a content type of application/json but the value sent as raw text (``50``, not ``"50"``),
and 201 with ``{"Success": bool, "Message": str}`` as the answer. No operation reads a value back.

The client shares the LifeTime client's transport (client.Transport): the same retries with backoff and Retry-After
on connection errors, timeouts and 429/502/503/504, and the same error type. A 201 with ``Success: false`` is a
failure carrying the server's message; any other status is a failure naming the method and the path.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.client import API_BASE_PATH, Transport, decode_body, normalize_base_url
from ansible_collections.outsystems.lifetime.plugins.module_utils.connection import default_of
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeApiError, LifetimeConnectionError

PROPERTIES_BASE_PATH = "/PropertiesAPI/rest/v1"
# The item types, snake_case, each with its path, its spelling in OutSystems' Trigger Pipeline manifest
# (ConfigurationItemType) and what it sets.
ITEM_TYPES = {
    "site_property": (endpoints.PROPERTIES_SITE_PROPERTY, "SiteProperty", "site property value"),
    "rest_endpoint": (endpoints.PROPERTIES_REST_ENDPOINT, "REST_Endpoint", "REST endpoint effective URL"),
    "soap_endpoint": (endpoints.PROPERTIES_SOAP_ENDPOINT, "SOAP_Endpoint", "SOAP endpoint effective URL"),
    "timer_schedule": (endpoints.PROPERTIES_TIMER_SCHEDULE, "TimerSchedule", "timer schedule"),
}
MANIFEST_TYPES = dict((spelling, name) for name, (_path, spelling, _what) in ITEM_TYPES.items())
# Characters that cannot be in a key: it is a segment of the address.
NOT_IN_KEYS = ("/", "?", "#", "%", "\\")


def item_type(given):
    """The snake_case type for ``given`` (snake_case or the manifest's spelling); ValueError naming the choices."""
    text = str(given or "").strip()
    if text in ITEM_TYPES:
        return text
    if text in MANIFEST_TYPES:
        return MANIFEST_TYPES[text]
    raise ValueError("configuration item type '%s' is not one the Properties API sets; valid types: %s (or, as OutSystems' "
                     "Trigger Pipeline manifest spells them, %s)" % (given, ", ".join(ITEM_TYPES), ", ".join(MANIFEST_TYPES)))


def key_problem(label, key):
    """The message for a key that cannot be a segment of the address (empty, blank, a slash...), or None."""
    text = key if isinstance(key, str) else ""
    if not text.strip():
        return "%s is empty (%r): give the key" % (label, key)
    if text != text.strip() or any(character in text for character in NOT_IN_KEYS) or any(character.isspace() for character in text):
        return "%s '%s' is not a key: a key has no spaces and none of %s" % (label, key, " ".join(NOT_IN_KEYS))
    return None


def properties_base_url(lifetime_url):
    """The Properties API base on the LifeTime host of ``lifetime_url`` (any form lifetime_url accepts)."""
    base = normalize_base_url(lifetime_url)
    return base[:-len(API_BASE_PATH)] + PROPERTIES_BASE_PATH


def properties_client(params):
    """A PropertiesClient from a module's connection options (the LifeTime ones: same host, same token)."""
    return PropertiesClient(params["lifetime_url"], params.get("lifetime_token"), default_of("timeout", params), default_of("retries", params),
                            validate_certs=default_of("validate_certs", params), ca_path=params.get("ca_path"), proxy=params.get("proxy"))


def hint_for(status):
    if status == 401:
        return ("The LifeTime token is invalid or expired (the Properties API takes the same service account token): renew it "
                "and set lifetime_token or LIFETIME_TOKEN.")
    if status == 403:
        return "The service account lacks the permission to change this module's configuration in that environment."
    if status in (404, 405):
        return ("No Properties API operation answered there: it is served on the LifeTime host under %s (check lifetime_url), "
                "or the module, environment or item key is not known there." % PROPERTIES_BASE_PATH)
    if status >= 500:
        return "The Properties API had an error (statuses 502, 503 and 504 were retried)."
    return "The Properties API answers 201 Created when it sets a value."


class PropertiesClient(Transport):
    """A session to the Properties API on a LifeTime host. Only PUTs: the API has nothing to read."""

    service = "the LifeTime Properties API"

    def __init__(self, url, token, timeout, retries, validate_certs=True, ca_path=None, proxy=None,
                 backoff_factor=1.0, sleep=time.sleep):
        if not token:
            raise LifetimeConnectionError("lifetime_token is empty: set it or the LIFETIME_TOKEN environment variable")
        super(PropertiesClient, self).__init__(properties_base_url(url), validate_certs=validate_certs, ca_path=ca_path,
                                               timeout=timeout, retries=retries, proxy=proxy, backoff_factor=backoff_factor, sleep=sleep)
        self._token = token

    def set_value(self, kind, module_key, environment_key, item_key, value):
        """PUT ``value`` (text) as the item's value; the answer's Message. LifetimeApiError when it is not set."""
        template = ITEM_TYPES[item_type(kind)][0]
        return self.put(endpoints.path(template, module_key=module_key, environment_key=environment_key, item_key=item_key), value)

    def put(self, path, value):
        """PUT the raw text ``value`` (UTF-8, not JSON-encoded, though the content type says JSON, as the API expects)."""
        shown = PROPERTIES_BASE_PATH + "/" + path.lstrip("/")
        self.last_request = ("PUT", shown)
        headers = {"Authorization": "Bearer " + self._token, "Content-Type": "application/json"}
        response = self._send("PUT", self.url_for(path), shown, params=None, data=value.encode("utf-8"), headers=headers)
        body = decode_body(response)
        if response.status_code != 201:
            raise LifetimeApiError.from_service("PUT", shown, response.status_code, body, hint_for(response.status_code))
        if not isinstance(body, dict) or not isinstance(body.get("Success"), bool):
            raise LifetimeApiError("PUT %s: the Properties API answered 201 without the field Success (true or false): %.200r" % (shown, body),
                                   "PUT", shown, 201, [])
        if not body["Success"]:
            said = str(body.get("Message") or "no reason given").rstrip(". ")
            raise LifetimeApiError("PUT %s: the Properties API did not set the value (Success: false): %s." % (shown, said),
                                   "PUT", shown, 201, [said])
        return body.get("Message")
