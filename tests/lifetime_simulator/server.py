"""HTTP front end: faults, authentication, routing, validation, the admin endpoints and downloads."""
import json
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit

from . import admin, aims, clock, probe, properties
from .api import ApiError, Request, Response, error_response
from .downloads import DOWNLOADS_PATH, find_download
from .model import version_tuple
from .routes import ERROR_DETAILS_VERSION, feature_version
from .schema import ValidationError, parse_json_body, validate_query
from .state import NotFound

BASE_PATH = "/lifetimeapi/rest/v2"
ADMIN_PREFIX = "/_sim/"


class SimulatorHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, simulator):
        super().__init__(address, SimulatorRequestHandler)
        self.simulator = simulator


def logged_body(raw, content_type, path=""):
    if not raw:
        return None
    if path.startswith(properties.PROPERTIES_BASE_PATH + "/"):
        return raw.decode("utf-8", "replace")  # the Properties API takes the value as raw text, whatever the content type says
    if "octet-stream" in (content_type or ""):
        return "<{0} bytes>".format(len(raw))
    try:
        return json.loads(raw)
    except ValueError:
        return raw.decode("utf-8", "replace")


class SimulatorRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "LifeTimeSimulator/1.0"
    # Headers and body go out in two writes: with Nagle's algorithm, the body of every answer on a kept-alive
    # connection would wait for the client's delayed ACK (~40 ms a request).
    disable_nagle_algorithm = True

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        """Silence the default stderr access log; the request log records requests."""

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_PUT(self):
        self.handle_any("PUT")

    def do_DELETE(self):
        self.handle_any("DELETE")

    def do_PATCH(self):
        self.handle_any("PATCH")

    @property
    def sim(self):
        return self.server.simulator

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def handle_any(self, method):
        url = urlsplit(self.path)
        path = unquote(url.path)
        query = dict(parse_qsl(url.query, keep_blank_values=True))
        raw = self.read_body()
        if path.startswith(ADMIN_PREFIX):
            self.send(admin.handle(self.sim, method, path, raw))
            return
        fault = self.sim.scenarios.take_fault(method, path)
        if fault is not None and fault.name == "slow":
            time.sleep(float(fault.params.get("seconds", 2)))
            fault = None
        if fault is not None and fault.name == "drop_connection":
            self.sim.log.add(method, path, query, logged_body(raw, self.headers.get("Content-Type"), path), 0)
            self.close_connection = True
            return
        response = self.fault_response(fault) if fault is not None else self.answer(method, path, query, raw)
        self.sim.log.add(method, path, query, logged_body(raw, self.headers.get("Content-Type"), path), response.status)
        self.send(response)

    @staticmethod
    def fault_response(fault):
        status = int(fault.params.get("status", 401 if fault.name == "expired_token" else 503))
        if fault.name == "expired_token":
            return error_response(401, ["The authentication token has expired."])
        if fault.name == "rate_limit":
            return error_response(status, ["Too many requests."], {"Retry-After": str(fault.params.get("retry_after", 1))})
        headers = {"Retry-After": str(fault.params["retry_after"])} if "retry_after" in fault.params else None
        return error_response(status, ["The server is temporarily unavailable ({0}).".format(status)], headers)

    def answer(self, method, path, query, raw):
        if path == aims.AIMS_BASE_PATH or path.startswith(aims.AIMS_BASE_PATH + "/"):
            return aims.answer(self.sim, method, path[len(aims.AIMS_BASE_PATH):], query, self.headers)
        if path.startswith(properties.PROPERTIES_BASE_PATH + "/"):
            return properties.answer(self.sim, method, path[len(properties.PROPERTIES_BASE_PATH):], raw, self.authorized())
        neighbour = probe.answer(self.sim, method, path, query, self.headers)
        if neighbour is not None:
            return neighbour
        if not (path == BASE_PATH or path.startswith(BASE_PATH + "/")):
            return error_response(404, ["Resource '{0}' not found.".format(path)])
        # OutSystems' own client sends the token to download links without the Bearer prefix.
        if not self.authorized(bare_token=path.startswith(DOWNLOADS_PATH)):
            return error_response(401, ["Invalid or missing authentication token."])
        if path.startswith(DOWNLOADS_PATH):
            return self.serve_download(path)
        try:
            return self.call_api(method, path[len(BASE_PATH):] or "/", query, raw)
        except ApiError as error:
            return error_response(error.status, error.errors or ["Error"], error.headers)
        except NotFound as error:
            return error_response(404, [str(error)])
        except Exception:  # pylint: disable=broad-except
            traceback.print_exc()
            return error_response(500, ["Internal error in the LifeTime simulator."])

    def authorized(self, bare_token=False):
        header = self.headers.get("Authorization", "")
        scheme, _sep, token = header.partition(" ")
        if bare_token and not token.strip():
            scheme, token = "bearer", scheme
        if scheme.lower() != "bearer" or not token.strip():
            return False
        with self.sim.state.lock:
            if token.strip() not in self.sim.state.tokens:
                return False
            expires = self.sim.state.tokens[token.strip()]
        return expires is None or expires > clock.utc_now()

    def call_api(self, method, api_path, query, raw):
        route, found = self.sim.router.resolve(method, api_path)
        if route is None and found:
            raise ApiError(405, "Method {0} is not allowed here; allowed: {1}.".format(method, ", ".join(found)), headers={"Allow": ", ".join(found)})
        if route is None:
            raise ApiError(404, "Resource '{0}' not found.".format(BASE_PATH + api_path))
        self.check_old_lifetime(route, method, api_path)
        operation = route.operation
        try:
            typed = validate_query(route.method, route.template, operation, query)
            body = None
            if "application/octet-stream" not in operation.get("consumes", []):
                body = parse_json_body(operation, raw.decode("utf-8", "replace"), self.sim.validator)
        except ValidationError as error:
            raise ApiError(400, str(error)) from None
        if self.older_than(ERROR_DETAILS_VERSION):
            typed.pop("IncludeErrorDetails", None)
        request = Request(self.sim.state, method, found, typed, query, body, raw, self.sim.root_url, operation["operationId"])
        with self.sim.state.lock:
            self.sim.state.tick()
            return route.handler(request)

    def older_than(self, version):
        params = self.sim.scenarios.active("old_lifetime")
        return params is not None and version_tuple(str(params["version"])) < version_tuple(version)

    def check_old_lifetime(self, route, method, api_path):
        needed = feature_version(route.operation["operationId"])
        if needed is None or not self.older_than(needed):
            return
        for other in self.sim.router.routes:
            available = not self.older_than(feature_version(other.operation["operationId"]) or "0.0")
            if other.method != route.method and available and other.match(api_path) is not None:
                raise ApiError(405, "Method {0} is not allowed here.".format(method))
        raise ApiError(404, "Resource '{0}' not found.".format(BASE_PATH + api_path))

    def serve_download(self, path):
        link_id = path[len(DOWNLOADS_PATH):].split("/", 1)[0]
        with self.sim.state.lock:
            try:
                payload, filename = find_download(self.sim.state, link_id)
            except KeyError:
                return error_response(404, ["Download not found."])
            except TimeoutError:
                return error_response(403, ["The download link has expired."])
        headers = {"Content-Disposition": 'attachment; filename="{0}"'.format(filename.replace(" ", "_"))}
        return Response(200, payload, "application/octet-stream", headers)

    def send(self, response):
        self.send_response(response.status)
        if response.content_type and response.payload:
            self.send_header("Content-Type", response.content_type)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.payload)))
        self.end_headers()
        if response.payload and self.command != "HEAD":
            try:
                self.wfile.write(response.payload)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client gave up waiting (a test of its timeout)
