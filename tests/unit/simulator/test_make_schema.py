"""api_schema.json must be exactly what make_schema.py generates from the swagger now."""
import json
from pathlib import Path

from lifetime_simulator import make_schema

SWAGGER = Path(__file__).resolve().parents[3] / "tests" / "contract" / "lifetime-api-v2.swagger.json"


def test_api_schema_is_up_to_date():
    assert make_schema.DEFAULT_OUTPUT.read_text(encoding="utf-8") == make_schema.render(SWAGGER)


def prose_fields(node, where="$"):
    """Paths of prose fields; the keys of a ``properties`` map are property names, not prose."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                for name, schema in value.items():
                    found += prose_fields(schema, "%s.properties.%s" % (where, name))
            elif key in make_schema.PROSE_KEYS:
                found.append("%s.%s" % (where, key))
            else:
                found += prose_fields(value, "%s.%s" % (where, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += prose_fields(value, "%s[%d]" % (where, index))
    return found


def test_api_schema_has_no_prose():
    text = make_schema.DEFAULT_OUTPUT.read_text(encoding="utf-8")
    assert prose_fields(json.loads(text)) == []
    assert text.count('"operationId"') == 86


def test_property_names_that_look_like_prose_are_kept():
    schema = json.loads(make_schema.DEFAULT_OUTPUT.read_text(encoding="utf-8"))
    assert "description" in schema["definitions"]["Team"]["properties"]
    assert "description" in schema["definitions"]["DBConnection_Request_POST"]["properties"]
