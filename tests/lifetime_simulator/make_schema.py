"""Generate api_schema.json from the LifeTime API v2 swagger.

Keeps only the machine-readable contract (paths, methods, operation ids, parameters,
response codes and schemas, definitions) and drops every prose field.

Usage: python tests/lifetime_simulator/make_schema.py [SWAGGER] [OUTPUT]
"""
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DEFAULT_SWAGGER = REPO / "tests" / "contract" / "lifetime-api-v2.swagger.json"
DEFAULT_OUTPUT = HERE / "api_schema.json"

PROSE_KEYS = {"description", "summary", "title", "example", "x-example", "externalDocs", "tags", "info"}
PARAM_KEYS = ("name", "in", "type", "required", "format", "schema", "items")
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def strip_prose(node):
    """Return a copy of a schema node without prose fields.

    The keys of a ``properties`` map are property names, not prose: a property called
    ``description`` (Team, DBConnection_Request_POST) is kept.
    """
    if isinstance(node, dict):
        kept = {}
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                kept[key] = {name: strip_prose(schema) for name, schema in value.items()}
            elif key not in PROSE_KEYS:
                kept[key] = strip_prose(value)
        return kept
    if isinstance(node, list):
        return [strip_prose(value) for value in node]
    return node


def convert_parameter(param):
    return {key: strip_prose(param[key]) for key in PARAM_KEYS if key in param}


def convert_operation(operation):
    result = {"operationId": operation.get("operationId", "")}
    if "consumes" in operation:
        result["consumes"] = operation["consumes"]
    if "produces" in operation:
        result["produces"] = operation["produces"]
    result["parameters"] = [convert_parameter(p) for p in operation.get("parameters", [])]
    result["responses"] = {}
    for code, response in operation.get("responses", {}).items():
        result["responses"][code] = {"schema": strip_prose(response["schema"])} if "schema" in response else {}
    return result


def convert(swagger):
    paths = {}
    for template, operations in swagger["paths"].items():
        paths[template] = {method: convert_operation(op) for method, op in operations.items() if method in HTTP_METHODS}
    return {
        "basePath": swagger["basePath"],
        "paths": paths,
        "definitions": strip_prose(swagger["definitions"]),
    }


def render(swagger_path=DEFAULT_SWAGGER):
    """Return the api_schema.json text generated from the swagger file."""
    with open(swagger_path, encoding="utf-8") as handle:
        swagger = json.load(handle)
    return json.dumps(convert(swagger), indent=1, sort_keys=True) + "\n"


def main(argv):
    swagger_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_SWAGGER
    output_path = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUTPUT
    output_path.write_text(render(swagger_path), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
