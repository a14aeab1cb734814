"""Request validation against api_schema.json (generated from the LifeTime swagger).

Stdlib only: the simulator must run without jsonschema.
"""
import json
import re
from datetime import datetime, timezone
from pathlib import Path

SCHEMA_FILE = Path(__file__).resolve().parent / "api_schema.json"

# The swagger types DELETE /roles/{RoleKey}/?UsersNewRoleKey as boolean, but it carries a role key.
QUERY_TYPE_OVERRIDES = {("delete", "/roles/{RoleKey}/", "UsersNewRoleKey"): "string"}


class ValidationError(Exception):
    """A request does not match the contract; the message names the problem."""


def load_schema(path=SCHEMA_FILE):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def parse_boolean(name, raw):
    lowered = raw.strip().lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    raise ValidationError("query parameter '{0}' must be a boolean (true/false), got '{1}'".format(name, raw))


def parse_integer(name, raw):
    if re.fullmatch(r"[+-]?\d+", raw.strip()):
        return int(raw)
    raise ValidationError("query parameter '{0}' must be an integer, got '{1}'".format(name, raw))


def parse_datetime(raw):
    """Parse an ISO 8601 date or date-time; return an aware datetime or None."""
    text = raw.strip()
    if text.endswith("Z") or text.endswith("z"):
        text = text[:-1] + "+00:00"
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value


def convert_query_value(name, param_type, param_format, raw):
    if param_type == "boolean":
        return parse_boolean(name, raw)
    if param_type == "integer":
        return parse_integer(name, raw)
    if param_format in ("date", "date-time"):
        value = parse_datetime(raw)
        if value is None:
            raise ValidationError("query parameter '{0}' must be a date or date-time, got '{1}'".format(name, raw))
        return value
    return raw


def validate_query(method, template, operation, query):
    """Convert declared query parameters to Python values; unknown ones are ignored."""
    lowered = {key.lower(): value for key, value in query.items()}
    result = {}
    for param in operation["parameters"]:
        if param["in"] != "query":
            continue
        name = param["name"]
        raw = lowered.get(name.lower())
        if raw is None or raw == "":
            if param.get("required"):
                raise ValidationError("query parameter '{0}' is required".format(name))
            continue
        param_type = QUERY_TYPE_OVERRIDES.get((method, template, name), param.get("type"))
        result[name] = convert_query_value(name, param_type, param.get("format"), raw)
    return result


def body_parameter(operation):
    for param in operation["parameters"]:
        if param["in"] == "body":
            return param
    return None


class BodyValidator:
    """A small JSON-schema subset validator for swagger 2.0 definitions."""

    def __init__(self, definitions):
        self.definitions = definitions

    def resolve(self, schema):
        while "$ref" in schema:
            schema = self.definitions[schema["$ref"].rsplit("/", 1)[-1]]
        return schema

    @staticmethod
    def ref_name(schema, fallback):
        if "$ref" in schema:
            return schema["$ref"].rsplit("/", 1)[-1]
        return fallback

    def validate(self, schema, value, where):
        name = self.ref_name(schema, where)
        schema = self.resolve(schema)
        expected = schema.get("type", "object" if "properties" in schema else None)
        if expected == "object":
            self.validate_object(schema, value, name)
        elif expected == "array":
            self.validate_array(schema, value, where)
        elif expected is not None:
            self.validate_scalar(schema, expected, value, where)

    def validate_object(self, schema, value, name):
        if not isinstance(value, dict):
            raise ValidationError("{0} must be a JSON object".format(name))
        properties = schema.get("properties", {})
        by_lower = {key.lower(): key for key in properties}
        for key, item in value.items():
            declared = by_lower.get(key.lower())
            if declared is None:
                raise ValidationError("property '{0}' is not allowed in {1}".format(key, name))
            if item is not None:
                self.validate(properties[declared], item, "{0}.{1}".format(name, declared))
        present = {key.lower() for key, item in value.items() if item is not None}
        for required in schema.get("required", []):
            # The swagger lists some required names that are not properties (or differ in case):
            # only names that are declared properties are enforced.
            if required.lower() in by_lower and required.lower() not in present:
                raise ValidationError("property '{0}' is required in {1}".format(by_lower[required.lower()], name))

    def validate_array(self, schema, value, where):
        if not isinstance(value, list):
            raise ValidationError("{0} must be a JSON array".format(where))
        for index, item in enumerate(value):
            self.validate(schema.get("items", {}), item, "{0}[{1}]".format(where, index))

    @staticmethod
    def validate_scalar(schema, expected, value, where):
        if expected == "string" and not isinstance(value, str):
            raise ValidationError("{0} must be a string".format(where))
        # LifeTime reads "True"/"false" as booleans too (the documented solution request sends IncludeReferences "True").
        if expected == "boolean" and not isinstance(value, bool) and str(value).lower() not in ("true", "false"):
            raise ValidationError("{0} must be a boolean".format(where))
        if expected == "integer" and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValidationError("{0} must be an integer".format(where))
        if expected == "number" and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise ValidationError("{0} must be a number".format(where))
        if schema.get("format") == "date-time" and isinstance(value, str) and parse_datetime(value) is None:
            raise ValidationError("{0} must be a date-time".format(where))


def parse_json_body(operation, raw, validator):
    """Parse and validate a JSON request body; return the Python value (or None)."""
    param = body_parameter(operation)
    if param is None:
        return None
    if not raw.strip():
        if param.get("required"):
            raise ValidationError("request body '{0}' is required".format(param["name"]))
        return None
    try:
        value = json.loads(raw)
    except ValueError as error:
        raise ValidationError("request body is not valid JSON: {0}".format(error)) from None
    validator.validate(param.get("schema", {}), value, param["name"])
    return value
