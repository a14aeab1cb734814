"""OutSystems' documented exchanges (tests/contract/exchanges.jsonl) as the tests read them."""

import json
import re

import yaml

from testlib.collection import CONTRACT, EXCHANGES, make_importable

make_importable()

from ansible_collections.outsystems.lifetime.plugins.module_utils.shapes import answer_shape, merge  # noqa: E402

SHAPE_EXCEPTIONS = CONTRACT / "shape_exceptions.yml"
KEY = re.compile(r"\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?|\{[A-Za-z]+\}")


def load_exchanges(path=EXCHANGES):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def by_id():
    return dict((exchange["id"], exchange) for exchange in load_exchanges())


def documented_body(exchange):
    """(body, is_text): the documented answer; an elided body (`{...}`) is read from its derived parse."""
    if exchange.get("response_body_invalid_json"):
        return exchange["response_body_elided_parsed"], False
    if exchange.get("response_body") is not None:
        return exchange["response_body"], False
    if exchange.get("response_text") is not None:
        return exchange["response_text"], True
    return None, False


def documented_request_body(exchange):
    if exchange.get("request_body_invalid_json"):
        return exchange["request_body_elided_parsed"]
    return exchange.get("request_body")


def shows_answer(exchange):
    """False when the page prints no answer at all (no body, no text, no status)."""
    return not (exchange.get("response_body") is None and exchange.get("response_text") is None
                and not exchange.get("response_body_invalid_json") and exchange.get("status") is None)


def documented_shape(exchange):
    body, is_text = documented_body(exchange)
    return answer_shape(exchange.get("status"), body, is_text)


def endpoint(exchange):
    """METHOD /path/{}/... with keys replaced and no trailing slash: one name for the call however the page writes it."""
    path = KEY.sub("{}", exchange["path"]).rstrip("/")
    return "%s %s" % (exchange["method"], path)


def reference_shapes(exchanges=None):
    """Per endpoint, the merged documented body shape of every exchange of it (what an empty list elsewhere stands for)."""
    merged = {}
    for exchange in exchanges or load_exchanges():
        if not exchange.get("method"):
            continue
        body = documented_shape(exchange)["body"]
        name = endpoint(exchange)
        merged[name] = merge(merged[name], body) if name in merged else body
    return merged


def shape_exceptions():
    with open(SHAPE_EXCEPTIONS, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def json_path_matches(pattern, line):
    """True when a difference line (``$.A[].B: ...``) is about the place ``pattern`` names."""
    return line.split(":", 1)[0] == pattern


def substitute(value, keys):
    """``value`` (path text or JSON) with every documented key replaced by the mapped one; braces around a key dropped."""
    if value is None:
        return None
    text = value if isinstance(value, str) else json.dumps(value)
    unknown = []

    def replace(match):
        found = match.group(0)
        bare = found.strip("{}")
        if found in keys:
            return keys[found]
        if bare in keys:
            return keys[bare]
        unknown.append(found)
        return found

    result = KEY.sub(replace, text)
    if unknown:
        raise KeyError("no simulator key mapped for %s" % ", ".join(sorted(set(unknown))))
    return result if isinstance(value, str) else json.loads(result)
