"""A tiny LifeTime that answers with OutSystems' documented bodies, verbatim, in order.

A flow (tests/replay/flows.py) is a list of steps, each an exchange of tests/contract/exchanges.jsonl
(its response_body / response_text / status; 200 when the page gives none; bare text as text/plain;
an elided body from its derived parse) or an added step the page does not print (marked with why).
Requests are matched by method and path (trailing slash and case ignored, query ignored). The steps
of one call are answered in the flow's order; the last one repeats (a status polled again answers
the same). A call no step matches answers 404 naming it, so a module that asks something the
documented flow never shows fails the test. Every request needs the bearer token, download links too.
"""

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

BASE_PATH = "/lifetimeapi/rest/v2"
DOCUMENTED_HOST = re.compile(r"https://[A-Za-z0-9.-]+(?=/lifetimeapi/rest/v2/)")


def route(method, path):
    return method.upper(), path.rstrip("/").lower()


class ReplayServer:
    """serve(steps) on loopback; .url is the LifeTime address to give the modules; .requests what they sent."""

    def __init__(self, steps, token="replay-token"):
        self.token = token
        self.script = Script(steps)
        self.requests = self.script.requests
        self.unanswered = self.script.unanswered
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), ReplayHandler)
        self.httpd.replay = self
        self.thread = None

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.httpd.server_address[1]

    def start(self):
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    def served(self, method, path):
        return self.script.served(method, path)

    def answer(self, method, path, query, raw):
        return self.script.answer(method, path, query, raw, self.url)


class Script:
    """The steps of a flow, answered per call in order (the last one repeats); what was asked, and what was not in the flow."""

    def __init__(self, steps):
        self.requests = []
        self.unanswered = []
        self._queues = {}
        self._lock = threading.Lock()
        for step in steps:
            self._queues.setdefault(route(step["method"], step["path"]), []).append(step)

    def next_step(self, method, path):
        with self._lock:
            queue = self._queues.get(route(method, path))
            if not queue:
                return None
            return queue.pop(0) if len(queue) > 1 else queue[0]

    def served(self, method, path):
        """How many requests of this call were received."""
        return sum(1 for entry in self.requests if route(entry["method"], entry["path"]) == route(method, path))

    def answer(self, method, path, query, raw, root_url):
        """(status, bytes, content type) for one request (``path`` under the API base, or /downloads/...)."""
        entry = {"method": method, "path": path, "query": query, "body": raw}
        self.requests.append(entry)
        step = self.next_step(method, path)
        if step is None:
            self.unanswered.append("%s %s" % (method, path))
            message = "%s %s is not in this documented flow" % (method, path)
            return 404, json.dumps({"Errors": [message], "StatusCode": 404}).encode(), "application/json"
        entry["step"] = step.get("exchange") or step.get("added")
        return answer_body(step, root_url)


def answer_body(step, root_url):
    """(status, bytes, content type) of a step, with documented link hosts pointed at ``root_url``."""
    status = step.get("status") or 200
    if step.get("bytes") is not None:
        return status, step["bytes"], "application/octet-stream"
    if step.get("text") is not None:
        return status, step["text"].encode("utf-8"), "text/plain; charset=utf-8"
    if step.get("body") is None:
        return status, b"", None
    text = DOCUMENTED_HOST.sub(root_url, json.dumps(step["body"]))
    return status, text.encode("utf-8"), "application/json; charset=utf-8"


class ReplayHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        """Quiet: the server keeps its own request list."""

    def do_GET(self):
        self.answer("GET")

    def do_POST(self):
        self.answer("POST")

    def do_PUT(self):
        self.answer("PUT")

    def do_DELETE(self):
        self.answer("DELETE")

    def answer(self, method):
        replay = self.server.replay
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        path = url.path[len(BASE_PATH):] if url.path.startswith(BASE_PATH) else "(outside the API) " + url.path
        if self.headers.get("Authorization") != "Bearer " + replay.token:
            replay.requests.append({"method": method, "path": path, "query": dict(parse_qsl(url.query)), "body": raw})
            self.send(401, json.dumps({"Errors": ["Invalid or missing authentication token."], "StatusCode": 401}).encode(), "application/json")
            return
        self.send(*replay.answer(method, path, dict(parse_qsl(url.query)), raw))

    def send(self, status, payload, content_type):
        self.send_response(status)
        if content_type and payload:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if payload:
            self.wfile.write(payload)
