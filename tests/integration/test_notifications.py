"""docs/notifications.md's notify.yml, run as written with community.general's slack, office_365_connector_card and mail
modules against local stand-ins: a webhook receiver (Teams posts to it directly; Slack's module only posts to
https://hooks.slack.com, so the receiver answers for that host through https_proxy with a certificate trusted through
SSL_CERT_FILE) and an SMTP sink. community.general comes from tests/setup.sh (.cache/collections)."""

import os
import re

import pytest

from testlib.collection import REPO
from testlib.receivers import SmtpSink, WebhookReceiver

DOC = REPO / "docs" / "notifications.md"
COMMUNITY_GENERAL = REPO / ".cache" / "collections"
SLACK_TOKEN = "T0000/B0000/XXXXXXXX"


def documented_file(name):
    """The fenced block of docs/notifications.md that its `docs-test: file NAME` marker names."""
    match = re.search(r"<!-- docs-test: file %s -->\n```\w*\n(.*?)\n```" % re.escape(name), DOC.read_text(), re.S)
    assert match, "docs/notifications.md has no block marked file %s" % name
    return match.group(1) + "\n"


@pytest.fixture(scope="module")
def community_general():
    if not (COMMUNITY_GENERAL / "ansible_collections" / "community" / "general" / "plugins" / "modules" / "slack.py").is_file():
        pytest.fail("community.general is not in .cache/collections: run bash tests/setup.sh (it unpacks it from the ansible wheel "
                    "pinned in tests/requirements-collections.txt)")
    return COMMUNITY_GENERAL


@pytest.fixture
def receivers(tmp_path):
    with WebhookReceiver() as webhooks, SmtpSink() as mail:
        trusted = webhooks.intercept("hooks.slack.com", tmp_path)
        yield webhooks, mail, trusted


def notify(playbook, installed_collection, community_general, receivers, tmp_path, **extra):
    webhooks, mail, trusted = receivers
    path = tmp_path / "notify.yml"
    path.write_text(documented_file("notify.yml"))
    extra_vars = {"slack_webhook_token": SLACK_TOKEN, "teams_webhook_url": webhooks.url + "/webhookb2/team-channel",
                  "mail_to": "release-team@example.com", "mail_host": "127.0.0.1", "mail_port": mail.port}
    extra_vars.update(extra)
    env = {"ANSIBLE_COLLECTIONS_PATH": os.pathsep.join([str(installed_collection), str(community_general)]),
           "https_proxy": webhooks.url, "HTTPS_PROXY": webhooks.url, "SSL_CERT_FILE": str(trusted)}
    return playbook(path, env=env, extra_vars=extra_vars)


def test_a_promotion_is_told_on_slack_teams_and_by_mail(playbook, installed_collection, community_general, receivers, simulator, tmp_path):
    webhooks, mail, _trusted = receivers
    run = notify(playbook, installed_collection, community_general, receivers, tmp_path, applications=["Customer Portal"])
    assert run.returncode == 0, run
    assert simulator.state.running_version("Test", "Customer Portal") == "1.2.0"
    plan = [p.key for p in simulator.state.deployments][-1]

    slack = [post for post in webhooks.posts if post["host"] == "hooks.slack.com"]
    assert [post["path"] for post in slack] == ["/services/" + SLACK_TOKEN]
    message = slack[0]["json"]
    assert message["username"] == "LifeTime"
    assert message["attachments"][0]["color"] == "good"
    assert message["attachments"][0]["text"].splitlines() == [
        "*Development -> Test: finished_successful*", "Customer Portal: 1.1.0 -> 1.2.0", "plan %s, %s s" % (plan, _duration(message))]

    teams = [post for post in webhooks.posts if post["path"] == "/webhookb2/team-channel"]
    assert len(teams) == 1
    card = teams[0]["json"]
    assert card["@type"] == "MessageCard" and card["title"] == "Development -> Test: finished_successful"
    assert card["themeColor"] == "2EB886"
    assert card["sections"][0]["facts"] == [{"name": "Customer Portal", "value": "1.1.0 -> 1.2.0"}]

    assert len(mail.messages) == 1
    sent = mail.messages[0]
    assert sent["recipients"] == ["release-team@example.com"]
    assert sent["message"]["Subject"] == "LifeTime Development -> Test: finished_successful"
    assert sent["message"].get_body(("plain",)).get_content().splitlines()[:1] == ["Customer Portal: 1.1.0 -> 1.2.0"]


def test_a_promotion_stopped_by_the_technical_debt_gate_is_told_with_its_offenders(
        playbook, installed_collection, community_general, receivers, simulator, tmp_path, monkeypatch):
    webhooks, mail, _trusted = receivers
    simulator.aims.configure({"application": "Customer Portal", "level": "High"})
    monkeypatch.setenv("AIMS_URL", simulator.aims_url)
    monkeypatch.setenv("AIMS_API_KEY", "demo-aims-key")
    monkeypatch.setenv("AIMS_ACTIVATION_CODE", "demo-activation-code")
    run = notify(playbook, installed_collection, community_general, receivers, tmp_path, applications=["Customer Portal"],
                 techdebt_gate=True)

    assert run.returncode != 0, run
    assert simulator.mutating_requests() == []
    text = [post for post in webhooks.posts if post["host"] == "hooks.slack.com"][0]["json"]["attachments"][0]
    assert text["color"] == "danger"
    lines = text["text"].splitlines()
    assert lines[0] == "*Development -> Test: stopped by the technical debt gate*"
    assert lines[1].startswith("Customer Portal: unchanged")
    assert "technical_debt gate failed: Technical debt gate failed for 1 of 1 applications" in text["text"]
    assert "Customer Portal (level High" in text["text"]
    assert mail.messages[0]["message"]["Subject"] == "LifeTime Development -> Test: stopped by the technical debt gate"


def _duration(message):
    return message["attachments"][0]["text"].rsplit(", ", 1)[1].split(" ")[0]
