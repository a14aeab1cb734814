# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The errors of this collection, each with a message a person can act on.

No message ever carries the token: the client never puts it in a URL, and the messages
are built only from the method, the path, the status and the server's own words.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

# Endpoints that older LifeTime servers do not have (they answer 404 or 405), with the
# LifeTime version that brought them.
FEATURE_VERSIONS = (
    (None, re.compile(r"/deployments/[^/]+/(getmissingdbmappings|configuration)/?$"), "11.21.1", "database mappings for deployments"),
    (None, re.compile(r"/sourcecodeaccess/"), "11.21.1", "source code access"),
    (None, re.compile(r"/environments/[^/]+/deployment/?$"), "11.22", "binary deployments"),
    (None, re.compile(r"/environments/[^/]+/solution"), "11.22", "solutions"),
    (None, re.compile(r"/(dbconnections|dbconnection|testdbconnection)(/|$)"), "11.13", "database connections"),
    (None, re.compile(r"/content_security_policies/?$"), "11.10.3", "content security policies"),
    ("POST", re.compile(r"^/environments/?$"), "11.11", "environment registration"),
    ("DELETE", re.compile(r"^/environments/[^/]+/?$"), "11.11", "environment registration"),
    (None, re.compile(r"^/(users|teams|roles)(/|$)"), "11.5", "users, teams and roles"),
    (None, re.compile(r"/templates/?$"), "11.5", "application templates"),
)

KEY_PATTERN = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


class LifetimeError(Exception):
    """Base of every error this collection raises on purpose."""

    def __init__(self, message, **details):
        super(LifetimeError, self).__init__(message)
        self.message = message
        self.details = details

    def __str__(self):
        return self.message


class LifetimeConnectionError(LifetimeError):
    """LifeTime could not be reached, or did not answer in time."""

    @classmethod
    def unreachable(cls, method, path, base_url, exc, service="LifeTime", url_option="lifetime_url"):
        reason = exc.__class__.__name__
        text = str(exc)
        for marker in ("Connection refused", "Name or service not known", "Temporary failure in name resolution",
                       "certificate verify failed", "Connection reset", "Connection aborted", "RemoteDisconnected"):
            if marker in text:
                reason = marker
                break
        hint = ""
        if reason == "certificate verify failed":
            hint = " Give the CA bundle in ca_path, or set validate_certs: false for a test server."
        elif reason == "SSLError" or "SSL" in text:
            detail = re.search(r"\[SSL[^\]]*\][^'\"()]*", text)
            reason = "the TLS handshake failed%s" % ((": " + detail.group(0).strip()) if detail else "")
            hint = (" If the server speaks plain HTTP, use an http:// address in %s; if it uses its own certificate "
                    "authority, give the CA bundle in ca_path (or set validate_certs: false for a test server)." % url_option)
        return cls("%s %s: could not reach %s at %s (%s).%s" % (method, path, service, base_url, reason, hint),
                   method=method, path=path)

    @classmethod
    def timeout(cls, method, path, seconds, base_url, service="LifeTime"):
        return cls("%s %s: %s at %s did not answer within the timeout of %s seconds; raise 'timeout' if the "
                   "server is slow." % (method, path, service, base_url, seconds), method=method, path=path, timed_out=True)


class LifetimeApiError(LifetimeError):
    """LifeTime answered with an error status."""

    def __init__(self, message, method, path, status, messages):
        super(LifetimeApiError, self).__init__(message, method=method, path=path, status=status, messages=messages)
        self.method = method
        self.path = path
        self.status = status
        self.messages = messages

    @classmethod
    def from_response(cls, method, path, status, body, download=False, url=None):
        hint = hint_for(status, method, path, server_messages(body), download, url)
        return cls.from_service(method, path, status, body, hint)

    @classmethod
    def from_service(cls, method, path, status, body, hint, service=None):
        """The failure of a request to LifeTime or to a service beside it (``service`` names it in the message)."""
        shown = "%s (%s)" % (path, service) if service else path
        message = "%s %s failed with HTTP %s: %s. %s" % (method, shown, status, server_said(body), hint)
        return cls(message.strip(), method, path, status, server_messages(body))


def server_said(body):
    """The server's own words as one phrase, "no details given" when it gave none."""
    messages = server_messages(body)
    return "; ".join(messages).rstrip(". ") if messages else "no details given"


def server_messages(body):
    """The server's own words from an Exception body, a text body or nothing."""
    if isinstance(body, dict):
        errors = body.get("Errors") or body.get("errors")
        if isinstance(errors, list):
            return [str(item) for item in errors if item]
        if isinstance(errors, str):
            return [errors]
        for name in ("Message", "message", "error"):
            if body.get(name):
                return [str(body[name])]
        return []
    if isinstance(body, list):
        return [str(item) for item in body if item]
    if isinstance(body, str) and body:
        if body.lstrip().startswith("<"):
            return ["the server answered with an HTML page"]
        return [body[:500]]
    return []


# The answer of a server (or a proxy) that has no such address at all, as opposed to LifeTime's "no such record".
NO_SUCH_ADDRESS = re.compile(r"^(resource '[^']*' not found|the server answered with an html page|not found)\.?$", re.IGNORECASE)


def wrong_address_hint(url):
    """The hint for a 404 that says the address is not a LifeTime API at all."""
    return ("No LifeTime API answered at %s: check lifetime_url (give the LifeTime host, for example "
            "https://lifetime.example.com; the API path /lifetimeapi/rest/v2 is added to it)." % (url or "that address"))


def hint_for(status, method, path, messages, download=False, url=None):
    joined = " ".join(messages).lower()
    feature = _feature_for(method, path)
    if download and status in (403, 404, 410):
        return "The download link may have expired (LifeTime links are valid for 60 minutes): request the download again."
    if status == 401:
        return ("The LifeTime token is invalid or expired: renew the service account token in LifeTime "
                "(or with the outsystems.lifetime.token module) and set lifetime_token or LIFETIME_TOKEN.")
    if status == 403:
        if "licen" in joined or "deploymentzones" in path.lower():
            return ("The service account lacks the permission for this operation, or the feature is not licensed "
                    "for this infrastructure (deployment zones are not offered on OutSystems Cloud).")
        return "The service account lacks the permission for this operation: grant its role the needed permission in LifeTime."
    if status in (404, 405):
        if feature and (status == 405 or not messages):
            return "This endpoint needs LifeTime %s or later (%s); the server may run an older LifeTime." % feature[:2]
        keys = KEY_PATTERN.findall(path)
        if status == 404 and not feature and (not keys or not messages or all(NO_SUCH_ADDRESS.match(text) for text in messages)):
            return wrong_address_hint(url)
        if keys:
            hint = "Not found: check the key%s %s." % ("s" if len(keys) > 1 else "", ", ".join(keys))
        else:
            hint = "Not found."
        if feature:
            hint += " If the key is right, the endpoint needs LifeTime %s or later (%s)." % feature[:2]
        return hint
    if status == 429:
        return "LifeTime is rate limiting this service account; the request was retried and still refused. Try again later."
    if status >= 500:
        return "LifeTime had an internal error; the request was retried where that is safe. Check the LifeTime server logs."
    return ""


def _feature_for(method, path):
    for only_method, pattern, version, feature in FEATURE_VERSIONS:
        if only_method in (None, method) and pattern.search(path):
            return version, feature
    return None


class LifetimeLookupError(LifetimeError):
    """A name or key that does not exist, with the valid names and the closest match."""
