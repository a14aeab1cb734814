"""The LifeTime client: URL forms, decoding, retries, errors — against the simulator and with injected faults."""

import email.utils
import time

import pytest

from ansible_collections.outsystems.lifetime.plugins.module_utils.client import (
    LifetimeClient,
    extract_key,
    normalize_base_url,
    parse_retry_after,
)
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import (
    LifetimeApiError,
    LifetimeConnectionError,
)

TOKEN = "demo-token"


@pytest.fixture
def client(simulator, sleeps):
    return LifetimeClient(simulator.root_url, TOKEN, retries=3, timeout=5, sleep=sleeps)


def settle(simulator, count, seconds=5.0):
    """Wait until the simulator logged ``count`` API requests (a slow one finishes after the client gave up)."""
    deadline = time.time() + seconds
    while len(api_requests(simulator)) < count and time.time() < deadline:
        time.sleep(0.05)


def api_requests(simulator, method=None):
    return [entry for entry in simulator.requests()
            if "/lifetimeapi/rest/v2" in entry["path"] and (method is None or entry["method"] == method)]


@pytest.mark.parametrize("given", [
    "lt.example.com",
    "https://lt.example.com",
    "https://lt.example.com/",
    "https://lt.example.com/lifetime",
    "https://lt.example.com/lifetime/",
    "https://lt.example.com/lifetimeapi/rest/v2",
    "https://lt.example.com/lifetimeapi/rest/v2/",
    " https://LT.example.com/lifetimeapi/rest/v2 ",
])
def test_every_url_form_gives_the_api_base(given):
    assert normalize_base_url(given).lower() == "https://lt.example.com/lifetimeapi/rest/v2"


def test_url_keeps_scheme_port_and_prefix():
    assert normalize_base_url("http://127.0.0.1:8080") == "http://127.0.0.1:8080/lifetimeapi/rest/v2"
    assert normalize_base_url("https://corp.example.com/os/lifetime") == "https://corp.example.com/os/lifetimeapi/rest/v2"


@pytest.mark.parametrize("bad", ["", "   ", "ftp://lt.example.com", "https://"])
def test_bad_url_is_refused_with_its_value(bad):
    with pytest.raises(ValueError, match="lifetime_url"):
        normalize_base_url(bad)


def test_retry_after_seconds_and_http_date():
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after("0.5") == 0.5
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    now = time.time()
    later = email.utils.formatdate(now + 20, usegmt=True)
    assert 18 <= parse_retry_after(later, now=now) <= 21
    assert parse_retry_after("99999") == 300.0


@pytest.mark.parametrize("body, key", [
    ("0f8c7b1e-3b6a-4d2e-9c11-2a3b4c5d6e7f", "0f8c7b1e-3b6a-4d2e-9c11-2a3b4c5d6e7f"),
    ('"0f8c7b1e-3b6a-4d2e-9c11-2a3b4c5d6e7f"', "0f8c7b1e-3b6a-4d2e-9c11-2a3b4c5d6e7f"),
    ({"Key": "abc"}, "abc"),
    ({"DeploymentKey": "def"}, None),
    (None, None),
])
def test_extract_key_accepts_text_json_string_and_object(body, key):
    assert extract_key(body) == key


def test_extract_key_by_field():
    assert extract_key({"DeploymentKey": "def"}, "DeploymentKey") == "def"


def test_session_headers_and_keep_alive(client, simulator):
    client.get("environments/")
    client.get("applications/")
    assert client.session.headers["User-Agent"].startswith("outsystems.lifetime/0.1.0")
    assert len(api_requests(simulator)) == 2


def test_get_returns_json_records(client):
    environments = client.get("environments/")
    assert {env["Name"] for env in environments} >= {"Development", "Test", "Production"}


def test_empty_list_answers_204_and_reads_as_empty(client, simulator):
    production = [env for env in client.get("environments/") if env["Name"] == "Production"][0]
    assert client.get_list("deployments/", params={"TargetEnvironmentKey": production["Key"]}) == []
    statuses = [entry["status"] for entry in api_requests(simulator) if "/deployments" in entry["path"]]
    assert statuses == [204]


def plan_body(client, notes="client test"):
    environments = dict((env["Name"], env["Key"]) for env in client.get("environments/"))
    app = [a for a in client.get("applications/") if a["Name"] == "Orders"][0]
    versions = client.get("applications/%s/versions/" % app["Key"])
    zone = [z for z in client.get("environments/%s/deploymentzones/" % environments["Production"]) if z["IsDefault"]][0]
    return {
        "ApplicationOperations": [{"ApplicationVersionKey": versions[0]["Key"], "DeploymentZoneKey": zone["Key"]}],
        "Notes": notes,
        "SourceEnvironmentKey": environments["Test"],
        "TargetEnvironmentKey": environments["Production"],
    }


def test_plain_text_key_of_a_new_plan(client, simulator):
    body = client.post("deployments/", body=plan_body(client))
    assert [entry["status"] for entry in api_requests(simulator, "POST")] == [201]
    assert isinstance(body, str)
    key = extract_key(body)
    assert key and client.get("deployments/%s/" % key)


def test_get_is_retried_after_5xx_and_succeeds(client, simulator, sleeps):
    simulator.set_scenario("http_5xx", status=503, count=2, methods="GET")
    assert client.get("environments/")
    assert [entry["status"] for entry in api_requests(simulator)] == [503, 503, 200]
    assert len(sleeps) == 2 and sleeps[1] > sleeps[0] * 0.5


@pytest.mark.parametrize("status", [502, 503, 504])
def test_each_retryable_status_is_retried(client, simulator, status):
    simulator.set_scenario("http_5xx", status=status, count=1, methods="GET")
    client.get("environments/")
    assert [entry["status"] for entry in api_requests(simulator)] == [status, 200]


def test_500_is_not_retried(client, simulator, sleeps):
    simulator.set_scenario("http_5xx", status=500, count=1, methods="GET")
    with pytest.raises(LifetimeApiError) as error:
        client.get("environments/")
    assert error.value.status == 500
    assert len(api_requests(simulator)) == 1 and sleeps == []


def test_retries_give_up_after_the_configured_number(simulator, sleeps):
    client = LifetimeClient(simulator.root_url, TOKEN, timeout=30, retries=2, sleep=sleeps)
    simulator.set_scenario("http_5xx", status=503, count=10, methods="GET")
    with pytest.raises(LifetimeApiError) as error:
        client.get("environments/")
    assert error.value.status == 503
    assert len(api_requests(simulator)) == 3 and len(sleeps) == 2


def test_post_is_never_resent_after_a_5xx(client, simulator, sleeps):
    body = plan_body(client)
    simulator.set_scenario("http_5xx", status=503, count=1, methods="POST")
    with pytest.raises(LifetimeApiError):
        client.post("deployments/", body=body)
    assert len(api_requests(simulator, "POST")) == 1 and sleeps == []


def test_429_honours_retry_after(client, simulator, sleeps):
    simulator.set_scenario("rate_limit", count=1, retry_after=7)
    client.get("environments/")
    assert [entry["status"] for entry in api_requests(simulator)] == [429, 200]
    assert sleeps == [7.0]


def test_429_on_a_post_is_retried_because_it_was_not_applied(client, simulator, sleeps):
    body = plan_body(client)
    simulator.set_scenario("rate_limit", count=1, retry_after=1, methods="POST")
    client.post("deployments/", body=body)
    assert [entry["status"] for entry in api_requests(simulator, "POST")] == [429, 201]


def test_slow_server_hits_the_timeout_with_a_clear_error(simulator, sleeps):
    client = LifetimeClient(simulator.root_url, TOKEN, retries=0, timeout=0.3, sleep=sleeps)
    simulator.set_scenario("slow", seconds=1.5)
    with pytest.raises(LifetimeConnectionError) as error:
        client.get("environments/")
    assert "timeout of 0.3 seconds" in str(error.value)
    settle(simulator, 1)


def test_read_timeout_on_get_is_retried(simulator, sleeps):
    client = LifetimeClient(simulator.root_url, TOKEN, retries=2, timeout=0.3, sleep=sleeps)
    simulator.set_scenario("slow", seconds=1.0, count=1)
    assert client.get("environments/")
    assert len(sleeps) == 1
    settle(simulator, 2)


def test_dropped_connection_on_get_is_retried(client, simulator, sleeps):
    simulator.set_scenario("drop_connection", count=1, methods="GET")
    assert client.get("environments/")
    assert len(sleeps) == 1


def test_dropped_connection_on_post_is_not_resent(client, simulator, sleeps):
    body = plan_body(client)
    simulator.set_scenario("drop_connection", count=1, methods="POST")
    with pytest.raises(LifetimeConnectionError):
        client.post("deployments/", body=body)
    assert len(api_requests(simulator, "POST")) <= 1 and sleeps == []


def test_connection_refused_is_retried_then_explained(sleeps):
    client = LifetimeClient("http://127.0.0.1:9", TOKEN, retries=2, timeout=2, sleep=sleeps)
    with pytest.raises(LifetimeConnectionError) as error:
        client.get("environments/")
    assert "could not reach LifeTime at http://127.0.0.1:9" in str(error.value)
    assert "Connection refused" in str(error.value)
    assert len(sleeps) == 2


def test_expired_token_says_to_renew_it_and_is_not_retried(client, simulator, sleeps):
    simulator.set_scenario("expired_token")
    with pytest.raises(LifetimeApiError) as error:
        client.get("environments/")
    assert error.value.status == 401
    assert "renew" in str(error.value) and "LIFETIME_TOKEN" in str(error.value)
    assert len(api_requests(simulator)) == 1 and sleeps == []


def test_wrong_token_is_401_and_never_in_the_message(simulator):
    secret = "not-the-right-token-0123456789"
    client = LifetimeClient(simulator.root_url, secret, timeout=30, retries=0)
    with pytest.raises(LifetimeApiError) as error:
        client.get("environments/")
    assert error.value.status == 401
    assert secret not in str(error.value) and secret not in repr(error.value.details)


def test_404_names_the_key_not_found(client):
    missing = "00000000-0000-0000-0000-000000000000"
    with pytest.raises(LifetimeApiError) as error:
        client.get("deployments/%s/" % missing)
    assert error.value.status == 404
    assert missing in str(error.value) and error.value.method == "GET"


def test_400_carries_the_servers_reasons(client):
    with pytest.raises(LifetimeApiError) as error:
        client.post("deployments/", body={"Unknown": 1})
    assert error.value.status == 400
    assert error.value.messages and "Unknown" in str(error.value)


def test_zones_not_licensed_says_so(client, simulator):
    simulator.set_scenario("zones_not_licensed")
    environment = client.get("environments/")[0]
    with pytest.raises(LifetimeApiError) as error:
        client.get("environments/%s/deploymentzones/" % environment["Key"])
    assert error.value.status == 403 and "not licensed" in str(error.value)


def test_old_lifetime_says_which_version_the_endpoint_needs(client, simulator):
    simulator.set_scenario("old_lifetime", version="11.20.0")
    environment = client.get("environments/")[0]
    with pytest.raises(LifetimeApiError) as error:
        client.post("environments/%s/solution" % environment["Key"], body={"ApplicationKeys": []})
    assert error.value.status in (404, 405)
    assert "11.22" in str(error.value)


def test_constructor_refuses_bad_settings():
    with pytest.raises(LifetimeConnectionError, match="lifetime_token"):
        LifetimeClient("lt.example.com", "", timeout=30, retries=3)
    with pytest.raises(LifetimeConnectionError, match="timeout"):
        LifetimeClient("lt.example.com", TOKEN, timeout=-1, retries=3)
    with pytest.raises(LifetimeConnectionError, match="retries"):
        LifetimeClient("lt.example.com", TOKEN, timeout=30, retries=-2)


def test_download_sends_the_token_only_to_the_lifetime_host(client):
    assert client.is_lifetime_url(client.base_url + "/anything")
    assert not client.is_lifetime_url("https://cdn.example.net/file.oap")
    assert not client.is_lifetime_url(client.base_url.replace("127.0.0.1", "localhost") + "/x")


def test_proxy_environment_is_honoured_and_read_once_per_host(simulator, sleeps, monkeypatch):
    """HTTP_PROXY and NO_PROXY still apply (requests reads them), but once per host and run, not at every request."""
    import requests

    for name in ("HTTP_PROXY", "http_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    for name in ("NO_PROXY", "no_proxy", "REQUEST_METHOD"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(LifetimeConnectionError):
        LifetimeClient(simulator.root_url, TOKEN, retries=0, timeout=5, sleep=sleeps).get("environments/")
    assert api_requests(simulator) == [], "the request went through the (refusing) proxy of the environment"

    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    reads = []
    read_environment = requests.sessions.get_environ_proxies
    monkeypatch.setattr(requests.sessions, "get_environ_proxies", lambda url, no_proxy=None: reads.append(url) or read_environment(url, no_proxy=no_proxy))
    client = LifetimeClient(simulator.root_url, TOKEN, retries=0, timeout=5, sleep=sleeps)
    answers = [client.get("environments/") for _attempt in range(3)]
    assert all(answers)
    assert len(api_requests(simulator)) == 3
    assert len(reads) == 1, reads
