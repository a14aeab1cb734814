# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one HTTP client for the LifeTime API v2.

It knows the base-URL forms, the session and its headers, timeouts, retries with
backoff and Retry-After, how the real server encodes its answers (204, plain-text keys,
JSON) and how to turn a failure into one error a person can act on. Its transport (session, timeouts, retries) is
Transport, which the AI Mentor Studio client (technical_debt.py) shares.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import email.utils
import hashlib
import json
import os
import random
import re
import tempfile
import time

try:
    from urllib.parse import urlsplit, urlunsplit
except ImportError:  # pragma: no cover - Python 2 is not supported
    from urlparse import urlsplit, urlunsplit

try:
    import requests
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - reported by the module base
    requests = None
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc

from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import (
    LifetimeApiError,
    LifetimeConnectionError,
)

# galaxy.yml's version (tests/quality/test_docs.py keeps them equal). A constant, because modules run from an AnsiballZ
# zip that holds module_utils but neither galaxy.yml nor MANIFEST.json.
COLLECTION_VERSION = "0.1.0"
API_BASE_PATH = "/lifetimeapi/rest/v2"
RETRY_STATUSES = frozenset((429, 502, 503, 504))
IDEMPOTENT_METHODS = frozenset(("GET", "PUT", "DELETE", "HEAD"))
MAX_BACKOFF_SECONDS = 30.0
MAX_RETRY_AFTER_SECONDS = 300.0
DOWNLOAD_CHUNK = 1024 * 1024


def normalize_base_url(url):
    """Return the API v2 base URL for any of the forms a user may give.

    ``lt.example.com``, ``https://lt.example.com``, ``https://lt.example.com/lifetime``
    and ``https://lt.example.com/lifetimeapi/rest/v2`` all give
    ``https://lt.example.com/lifetimeapi/rest/v2``.
    """
    text = (url or "").strip()
    if not text:
        raise ValueError("lifetime_url is empty: give the LifeTime host, for example lifetime.example.com")
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("lifetime_url '%s' is not a LifeTime address: use lifetime.example.com or https://lifetime.example.com" % url)
    path = parts.path.rstrip("/")
    marker = path.lower().find("/lifetimeapi")
    if marker >= 0:
        path = path[:marker]
    elif path.lower().endswith("/lifetime"):
        path = path[:-len("/lifetime")]
    return urlunsplit((parts.scheme, parts.netloc, path + API_BASE_PATH, "", ""))


def parse_retry_after(value, now=None):
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if re.match(r"^\d+(\.\d+)?$", value):
        return min(float(value), MAX_RETRY_AFTER_SECONDS)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None:
        return None
    current = time.time() if now is None else now
    return max(0.0, min(moment.timestamp() - current, MAX_RETRY_AFTER_SECONDS))


def decode_body(response):
    """The body as the real server sends it: None when empty, JSON when it parses, else text."""
    if response.status_code == 204 or not response.content:
        return None
    text = response.text
    try:
        return json.loads(text)
    except ValueError:
        return text.strip()


def extract_key(body, field="Key"):
    """A new record's key from a plain-text body, a JSON string or an object."""
    if isinstance(body, dict):
        for name in (field, field[:1].lower() + field[1:], "Key", "key"):
            if body.get(name):
                return body[name]
        return None
    if isinstance(body, str):
        return body.strip().strip('"') or None
    return None


def environment_read_once(merge_environment_settings):
    """requests reads the proxy and CA bundle environment variables (HTTPS_PROXY, NO_PROXY, REQUESTS_CA_BUNDLE, ...)
    again for every request: about 0.15 ms each, a fifth of a request to a fast server. They do not change during a run:
    read them once per scheme and host, with the same answer requests gives."""
    answers = {}

    def merged(url, proxies, stream, verify, cert):
        if proxies:
            return merge_environment_settings(url, proxies, stream, verify, cert)
        parts = urlsplit(url)
        key = (parts.scheme, parts.netloc, stream, verify, cert)
        if key not in answers:
            answers[key] = merge_environment_settings(url, proxies, stream, verify, cert)
        answer = dict(answers[key])
        answer["proxies"] = dict(answer["proxies"] or {})
        return answer
    return merged


class Transport:
    """The HTTP core the clients of this collection share: one session, timeouts, retries with backoff and Retry-After.

    A client gives the base URL and the headers of each request (its credentials); the transport never puts them in
    a message. ``service`` names the server in connection errors, ``url_option`` the option that sets its address.
    """

    service = "LifeTime"
    url_option = "lifetime_url"
    # A GET that timed out after it was sent is sent again; a client whose GETs do work (a test run) sets this False.
    retry_read_timeouts = True

    def __init__(self, base_url, timeout, retries, validate_certs=True, ca_path=None, proxy=None,
                 backoff_factor=1.0, sleep=time.sleep):
        if not HAS_REQUESTS:
            raise LifetimeConnectionError("the Python library 'requests' is required: %s" % REQUESTS_IMPORT_ERROR)
        if timeout is None or timeout <= 0:
            raise LifetimeConnectionError("timeout must be a positive number of seconds, got %r" % (timeout,))
        if retries is None or retries < 0:
            raise LifetimeConnectionError("retries must be 0 or more, got %r" % (retries,))
        self.base_url = base_url
        parts = urlsplit(self.base_url)
        self.origin = (parts.scheme, parts.netloc.lower())
        self.timeout = timeout
        self.retries = retries
        self.backoff_factor = backoff_factor
        self._sleep = sleep
        self.session = requests.Session()
        self.session.headers.update({
            "Accept": "application/json",
            "User-Agent": "outsystems.lifetime/%s (Ansible collection; python-requests/%s)" % (
                COLLECTION_VERSION, requests.__version__),
        })
        self.session.verify = (ca_path or True) if validate_certs else False
        if proxy:
            self.session.proxies = {"http": proxy, "https": proxy}
        self.session.merge_environment_settings = environment_read_once(self.session.merge_environment_settings)
        self.request_count = 0
        self.last_request = None  # (method, path) of the latest request: named by failures while reading its answer

    def url_for(self, path):
        if path.startswith("http://") or path.startswith("https://"):
            return path
        return self.base_url + "/" + path.lstrip("/")

    # -- retries --------------------------------------------------------------------------

    def _send(self, method, url, path, params, data, headers, stream=False):
        attempt = 0
        while True:
            self.request_count += 1
            try:
                response = self.session.request(method, url, params=params, data=data, headers=headers,
                                                timeout=self.timeout, stream=stream)
            except requests.exceptions.ConnectTimeout:
                error = LifetimeConnectionError.timeout(method, path, self.timeout, self.base_url, self.service)
                retry, wait = self._may_retry(method, attempt, not_sent=True)
            except requests.exceptions.ConnectionError as exc:
                error = LifetimeConnectionError.unreachable(method, path, self.base_url, exc, self.service, self.url_option)
                retry, wait = self._may_retry(method, attempt, not_sent=_connection_refused(exc))
            except requests.exceptions.Timeout:
                error = LifetimeConnectionError.timeout(method, path, self.timeout, self.base_url, self.service)
                retry, wait = self._may_retry(method, attempt, not_sent=False) if self.retry_read_timeouts else (False, 0)
            else:
                if response.status_code not in RETRY_STATUSES:
                    return response
                # 429 means the request was refused before it was processed, so any method may retry it.
                retry, wait = self._may_retry(method, attempt, not_sent=response.status_code == 429)
                if not retry:
                    return response
                after = parse_retry_after(response.headers.get("Retry-After"))
                if after is not None:
                    wait = after
                response.close()
                error = None
            if not retry:
                raise error
            attempt += 1
            self._sleep(wait)

    def _may_retry(self, method, attempt, not_sent):
        if attempt >= self.retries:
            return False, 0
        if method not in IDEMPOTENT_METHODS and not not_sent:
            return False, 0
        ceiling = min(MAX_BACKOFF_SECONDS, self.backoff_factor * (2 ** attempt))
        return True, random.uniform(ceiling / 2.0, ceiling)


class LifetimeClient(Transport):
    """A session to one LifeTime API v2 endpoint. One instance per module or plugin run."""

    def __init__(self, url, token, timeout, retries, validate_certs=True, ca_path=None,
                 proxy=None, backoff_factor=1.0, sleep=time.sleep):
        if not token:
            raise LifetimeConnectionError("lifetime_token is empty: set it or the LIFETIME_TOKEN environment variable")
        super(LifetimeClient, self).__init__(normalize_base_url(url), validate_certs=validate_certs, ca_path=ca_path,
                                             timeout=timeout, retries=retries, proxy=proxy,
                                             backoff_factor=backoff_factor, sleep=sleep)
        self._token = token

    # -- public verbs ---------------------------------------------------------------------

    def get(self, path, params=None):
        return self.request("GET", path, params=params)

    def post(self, path, body=None, params=None, data=None, content_type=None):
        return self.request("POST", path, params=params, body=body, data=data, content_type=content_type)

    def put(self, path, body=None, params=None):
        return self.request("PUT", path, params=params, body=body)

    def delete(self, path, params=None):
        return self.request("DELETE", path, params=params)

    def get_list(self, path, params=None):
        """A list endpoint's records; LifeTime answers 204 when there are none."""
        body = self.get(path, params=params)
        if body is None:
            return []
        if isinstance(body, list):
            return body
        return [body]

    def request(self, method, path, params=None, body=None, data=None, content_type=None):
        url = self.url_for(path)
        path = "/" + path.lstrip("/")
        self.last_request = (method, path)
        headers = {"Authorization": "Bearer " + self._token}
        payload = data
        if body is not None:
            payload = json.dumps(body)
            headers["Content-Type"] = "application/json"
        elif content_type:
            headers["Content-Type"] = content_type
        response = self._send(method, url, path, params=_query(params), data=payload, headers=headers)
        if response.status_code >= 400:
            raise LifetimeApiError.from_response(method, path, response.status_code, decode_body(response), url=url)
        return decode_body(response)

    def download(self, url, dest):
        """Stream a download link to ``dest`` atomically. Returns (size, sha256).

        LifeTime's links (``…/lifetimeapi/rest/v2/downloads/<key>`` on its host) are API calls that need
        the token. The token goes only to the LifeTime host the client was made for; a link that
        points elsewhere (a CDN, a storage account) is fetched without credentials.
        """
        headers = {}
        same_origin = self.is_lifetime_url(url)
        if same_origin:
            headers["Authorization"] = "Bearer " + self._token
        path = urlsplit(url).path
        self.last_request = ("GET", path)
        response = self._send("GET", url, path, params=None, data=None, headers=headers, stream=True)
        try:
            if response.status_code == 401:
                raise _link_unauthorized(path, urlsplit(url).netloc, same_origin, decode_body(response))
            if response.status_code >= 400:
                raise LifetimeApiError.from_response("GET", path, response.status_code, decode_body(response), download=True)
            return _stream_to_file(response, dest)
        finally:
            response.close()

    def is_lifetime_url(self, url):
        parts = urlsplit(url)
        return (parts.scheme, parts.netloc.lower()) == self.origin


def _query(params):
    """Query parameters as LifeTime expects them: booleans as true/false, None left out."""
    if not params:
        return None
    query = {}
    for name, value in params.items():
        if value is None:
            continue
        query[name] = ("true" if value else "false") if isinstance(value, bool) else value
    return query


def _link_unauthorized(path, host, same_origin, body):
    """A download link that answered 401: say whether the token was sent, and why (never the token itself)."""
    if same_origin:
        hint = ("The token was sent with it, as LifeTime's links need; it is invalid or expired, or the service account may "
                "not download this: renew the token or grant the permission in LifeTime.")
    else:
        hint = ("The link points to another host (%s) than LifeTime, so the token was not sent to it (credentials go only to "
                "the LifeTime host): the link needs credentials this client does not give to other hosts." % host)
    return LifetimeApiError.from_service("GET", path, 401, body, hint, "download link")


def _connection_refused(exc):
    """True when the connection was never made, so not even a POST reached the server."""
    text = repr(exc)
    return any(marker in text for marker in (
        "Connection refused", "Name or service not known", "nodename nor servname",
        "Temporary failure in name resolution", "NewConnectionError", "Failed to resolve"))


def _stream_to_file(response, dest):
    directory = os.path.dirname(os.path.abspath(dest))
    digest = hashlib.sha256()
    size = 0
    handle, partial = tempfile.mkstemp(prefix=".lifetime-download-", dir=directory)
    try:
        with os.fdopen(handle, "wb") as output:
            for chunk in response.iter_content(DOWNLOAD_CHUNK):
                if chunk:
                    output.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
        os.replace(partial, dest)
    except BaseException:
        if os.path.exists(partial):
            os.unlink(partial)
        raise
    return size, digest.hexdigest()


def file_sha256(path):
    """sha256 of a file on disk, or None when it does not exist."""
    if not os.path.isfile(path):
        return None
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(DOWNLOAD_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()
