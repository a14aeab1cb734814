"""Fault scenarios: 5xx, 429, slow, dropped connections, expired token, old LifeTime, unlicensed zones, expired links."""
import time

import pytest
import requests


def test_http_5xx_count_and_filters(api, sim):
    sim.set_scenario("http_5xx", status=503, count=2, methods="GET", path_contains="/applications")
    assert api.get("/environments/").status_code == 200
    assert api.post("/deployments/", json={}).status_code == 400
    first = api.get("/applications/")
    assert first.status_code == 503 and first.json()["StatusCode"] == 503
    assert api.get("/applications/").status_code == 503
    assert api.get("/applications/").status_code == 200
    assert [e["status"] for e in sim.requests()][-3:] == [503, 503, 200]


def test_rate_limit_has_retry_after(api, sim):
    requests.post(sim.root_url + "/_sim/scenarios", json={"name": "rate_limit", "params": {"count": 1, "retry_after": 7}}, timeout=5)
    response = api.get("/environments/")
    assert response.status_code == 429 and response.headers["Retry-After"] == "7"
    assert api.get("/environments/").status_code == 200


def test_slow(api, sim):
    sim.set_scenario("slow", seconds=0.4, count=1)
    began = time.monotonic()
    assert api.get("/environments/").status_code == 200
    assert time.monotonic() - began >= 0.4
    began = time.monotonic()
    api.get("/environments/")
    assert time.monotonic() - began < 0.3


def test_drop_connection(api, sim):
    sim.set_scenario("drop_connection", count=1)
    with pytest.raises(requests.ConnectionError):
        requests.get(sim.base_url + "/environments/", headers={"Authorization": "Bearer test-token"}, timeout=5)
    assert api.get("/environments/").status_code == 200
    assert sim.requests()[0]["status"] == 0


def test_expired_token(api, sim):
    sim.set_scenario("expired_token")
    response = api.get("/environments/")
    assert response.status_code == 401 and "expired" in response.json()["Errors"][0]
    requests.delete(sim.root_url + "/_sim/scenarios", timeout=5)
    assert api.get("/environments/").status_code == 200


def test_old_lifetime(api, sim):
    sim.set_scenario("old_lifetime", version="11.10.0")
    env = api.env_key("Development")
    assert api.get("/environments/{0}/dbconnections/".format(env)).status_code == 404
    assert api.post("/environments/", json={}).status_code == 405
    assert api.get("/environments/{0}/templates/".format(env)).status_code == 200
    assert api.post("/environments/{0}/deployment/".format(env), data=b"x", headers={"Content-Type": "application/octet-stream"}).status_code == 404
    sim.set_scenario("old_lifetime", version="11.22.0")
    assert api.get("/environments/{0}/dbconnections/".format(env)).status_code == 200


def test_zones_not_licensed(api, sim):
    sim.set_scenario("zones_not_licensed")
    response = api.get("/environments/{0}/deploymentzones/".format(api.env_key("Test")))
    assert response.status_code == 403 and response.json()["Errors"] == ["Feature not Licensed"]


def test_link_expired(api, sim):
    app, version = api.app_key("Orders"), api.version_key("Orders", "2.0.0")
    url = api.get("/applications/{0}/versions/{1}/content/".format(app, version)).json()["url"]
    assert api.session.get(url, timeout=5).status_code == 200
    sim.set_scenario("link_expired")
    assert api.session.get(url, timeout=5).status_code == 403
