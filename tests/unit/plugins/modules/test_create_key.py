"""user, team and role read a new record's key from LifeTime's answer whatever its form, else find the record by listing."""

import pytest

from ansible_collections.outsystems.lifetime.plugins.module_utils import client as client_module

CREATES = {
    "user": ("users/", dict(username="carol", name="Carol Costa", email="carol@example.com", role="Tester"), "find_user", "carol"),
    "team": ("teams/", dict(name="Payments"), "find_team", "Payments"),
    "role": ("roles/", dict(name="Release Manager", manage_teams=True), "find_role", "Release Manager"),
}
# How LifeTime may answer the POST: the key as plain text, as a JSON string, in an object, or not at all.
ANSWERS = {
    "text": lambda key: key,
    "json string": lambda key: '"%s"' % key,
    "object": lambda key: {"Key": key},
    "no key": lambda key: "",
}


def answer_creates_with(monkeypatch, list_path, form):
    original = client_module.LifetimeClient.post

    def post(self, path, body=None, params=None, data=None, content_type=None):
        answer = original(self, path, body=body, params=params, data=data, content_type=content_type)
        return ANSWERS[form](client_module.extract_key(answer)) if path == list_path else answer

    monkeypatch.setattr(client_module.LifetimeClient, "post", post)


@pytest.mark.parametrize("form", sorted(ANSWERS))
@pytest.mark.parametrize("module", sorted(CREATES))
def test_the_new_key_is_read_from_the_answer_or_found_by_listing(run, simulator, monkeypatch, module, form):
    list_path, args, find, name = CREATES[module]
    answer_creates_with(monkeypatch, list_path, form)
    simulator.clear_requests()
    result = run(module, **args)
    assert not result.get("failed"), result
    assert result[module]["key"] == getattr(simulator.state, find)(name).key
    requests = [(entry["method"], entry["path"].split("/rest/v2/", 1)[1]) for entry in simulator.requests()]
    after_post = requests[requests.index(("POST", list_path)) + 1:]
    assert (("GET", list_path) in after_post) is (form == "no key")
