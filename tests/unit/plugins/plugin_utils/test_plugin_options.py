"""A plugin's connection options come from the shared table, and its failures become its own Ansible error."""

import pytest
from ansible.errors import AnsibleError, AnsibleLookupError

from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeError
from ansible_collections.outsystems.lifetime.plugins.plugin_utils.plugin_options import plugin_connection_options, with_plugin_client

TOKEN = "demo-token"


class Plugin:
    """What the plugin base class offers: get_option (KeyError for an option the plugin does not declare)."""

    def __init__(self, **options):
        self.options = options

    def get_option(self, name):
        return self.options[name]


def test_unset_options_take_the_environment_then_the_table_defaults(monkeypatch):
    monkeypatch.setenv("LIFETIME_RETRIES", "7")
    options = plugin_connection_options(Plugin(lifetime_url="lt.example.com", lifetime_token=TOKEN, timeout=None))
    assert options["retries"] == 7 and options["timeout"] == 30.0 and options["validate_certs"] is True


def test_a_lifetime_error_is_the_plugins_error_with_its_prefix(simulator):
    def work(client):
        raise LifetimeError("no such environment")

    with pytest.raises(AnsibleLookupError) as raised:
        with_plugin_client(Plugin(lifetime_url=simulator.root_url, lifetime_token=TOKEN), work, AnsibleLookupError, "prefix", "who")
    assert str(raised.value) == "prefix: no such environment"


def test_an_unexpected_error_names_the_last_request(simulator):
    def work(client):
        client.get_list("environments/")
        return {}["Key"]

    with pytest.raises(AnsibleLookupError) as raised:
        with_plugin_client(Plugin(lifetime_url=simulator.root_url, lifetime_token=TOKEN), work, AnsibleLookupError, "prefix", "who")
    assert str(raised.value).startswith("who: unexpected answer from LifeTime to GET ") and "environments/" in str(raised.value)


def test_an_ansible_error_passes_as_it_is(simulator):
    def work(client):
        raise AnsibleError("already an Ansible error")

    with pytest.raises(AnsibleError) as raised:
        with_plugin_client(Plugin(lifetime_url=simulator.root_url, lifetime_token=TOKEN), work, AnsibleLookupError, "prefix", "who")
    assert not isinstance(raised.value, AnsibleLookupError) and str(raised.value) == "already an Ansible error"
