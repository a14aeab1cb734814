"""Record of every request the simulator answered (never the Authorization header)."""
import json
import threading
import time

MUTATING_METHODS = ("POST", "PUT", "DELETE")


class RequestLog:
    def __init__(self, path=None, api_prefix=("/lifetimeapi/rest/v2", "/PropertiesAPI/rest/v1")):
        """``api_prefix``: the path prefix, or a tuple of them, of the APIs whose POST, PUT and DELETE change the server."""
        self.lock = threading.Lock()
        self.entries = []
        self.path = path
        self.api_prefix = api_prefix

    def add(self, method, path, query, body, status):
        entry = {"method": method, "path": path, "query": query, "body": body, "status": status, "time": time.time()}
        with self.lock:
            self.entries.append(entry)
            if self.path:
                with open(self.path, "a", encoding="utf-8") as handle:
                    handle.write(json.dumps(entry, default=str) + "\n")
        return entry

    def all(self):
        with self.lock:
            return [dict(entry) for entry in self.entries]

    def mutating(self):
        return [entry for entry in self.all()
                if entry["method"] in MUTATING_METHODS and entry["path"].startswith(self.api_prefix)]

    def clear(self):
        with self.lock:
            self.entries.clear()
