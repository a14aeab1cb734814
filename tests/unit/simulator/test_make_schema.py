"""api_schema.json must be exactly what make_schema.py generates from the swagger now."""
from pathlib import Path

import pytest

from lifetime_simulator import make_schema

SWAGGER = Path(__file__).resolve().parents[3] / ".." / "shared" / "lifetime-api-v2.swagger.json"


@pytest.mark.skipif(not SWAGGER.exists(), reason="the swagger is not beside the repository (../shared)")
def test_api_schema_is_up_to_date():
    assert make_schema.DEFAULT_OUTPUT.read_text(encoding="utf-8") == make_schema.render(SWAGGER)


def test_api_schema_has_no_prose():
    text = make_schema.DEFAULT_OUTPUT.read_text(encoding="utf-8")
    assert '"summary"' not in text and '"description":' not in text
    assert text.count('"operationId"') == 86
