"""Request/response plumbing shared by the handlers."""
import json


class ApiError(Exception):
    """Answer with an Exception body {"Errors": [...], "StatusCode": n}."""

    def __init__(self, status, *errors, headers=None):
        super().__init__(errors[0] if errors else str(status))
        self.status = status
        self.errors = list(errors)
        self.headers = headers or {}


class Response:
    def __init__(self, status, payload=b"", content_type=None, headers=None):
        self.status = status
        self.payload = payload
        self.content_type = content_type
        self.headers = headers or {}
        self.logged_body = None


def json_response(status, body):
    response = Response(status, json.dumps(body).encode("utf-8"), "application/json; charset=utf-8")
    response.logged_body = body
    return response


def text_response(status, text):
    response = Response(status, text.encode("utf-8"), "text/plain; charset=utf-8")
    response.logged_body = text
    return response


def empty_response(status):
    return Response(status)


def error_response(status, errors, headers=None):
    response = json_response(status, {"Errors": list(errors), "StatusCode": status})
    response.headers.update(headers or {})
    return response


def list_response(items):
    """LifeTime answers 204 with no body when a list is empty."""
    if not items:
        return empty_response(204)
    return json_response(200, items)


class Request:
    """One API call: path parameters, typed query, parsed body, the state and the server URL."""

    def __init__(self, state, method, params, query, raw_query, body, raw_body, root_url, operation_id):
        self.state = state
        self.method = method
        self.params = params
        self.query = query
        self.raw_query = raw_query
        self.body = body
        self.raw_body = raw_body
        self.root_url = root_url
        self.operation_id = operation_id

    def flag(self, name, default=None):
        return self.query.get(name, default)

    def raw_flag(self, name):
        """An undocumented boolean query parameter (e.g. ContinueWithErrors)."""
        for key, value in self.raw_query.items():
            if key.lower() == name.lower():
                return str(value).strip().lower() == "true"
        return False

    def body_field(self, name, default=None):
        """Body property by name, case-insensitively (LifeTime ignores JSON key case)."""
        if not isinstance(self.body, dict):
            return default
        for key, value in self.body.items():
            if key.lower() == name.lower():
                return value
        return default
