"""Download links as LifeTime documents them: {url, expires} under /lifetimeapi/rest/v2/downloads/<key>, token needed."""

import pytest

from ansible_collections.outsystems.lifetime.plugins.module_utils.client import LifetimeClient
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeApiError

TOKEN = "demo-token"


def content_link(sim):
    app = sim.state.find_app("Orders")
    client = LifetimeClient(sim.root_url, TOKEN, retries=0, timeout=5)
    return client.get("applications/%s/versions/%s/content/" % (app.key, app.version_by_label("2.1.0").key))


def test_the_token_goes_to_a_same_origin_link(simulator, tmp_path):
    link = content_link(simulator)
    assert set(link) == {"url", "expires"} and "/lifetimeapi/rest/v2/downloads/" in link["url"]
    client = LifetimeClient(simulator.root_url, TOKEN, retries=0, timeout=5)
    size, digest = client.download(link["url"], str(tmp_path / "Orders.oap"))
    assert size > 0 and len(digest) == 64
    assert simulator.requests()[-1]["status"] == 200, "the link needs the token, and got it"


def test_the_token_never_goes_to_another_host(simulator, tmp_path):
    from lifetime_simulator import Simulator

    with Simulator(token=TOKEN) as elsewhere:
        link = content_link(elsewhere)
        client = LifetimeClient(simulator.root_url, TOKEN, retries=0, timeout=5)
        with pytest.raises(LifetimeApiError) as error:
            client.download(link["url"], str(tmp_path / "Orders.oap"))
        # The other host accepts the same token: its 401 shows the token was not sent.
        assert elsewhere.requests()[-1]["status"] == 401
    message = str(error.value)
    assert error.value.status == 401 and "another host" in message and "not sent" in message
    assert TOKEN not in message
    assert not (tmp_path / "Orders.oap").exists()


def test_a_401_on_a_lifetime_link_says_the_token_was_refused(simulator, tmp_path):
    link = content_link(simulator)
    simulator.set_scenario("expired_token", path_contains="/downloads/")
    client = LifetimeClient(simulator.root_url, TOKEN, retries=0, timeout=5)
    with pytest.raises(LifetimeApiError) as error:
        client.download(link["url"], str(tmp_path / "Orders.oap"))
    message = str(error.value)
    assert error.value.status == 401 and "download link" in message and "token was sent" in message and "renew the token" in message
    assert TOKEN not in message
