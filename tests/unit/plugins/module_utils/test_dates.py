"""The one date parser: LifeTime's null date, 0-3 fraction digits, always aware UTC; durations never mix naive and aware."""

from datetime import datetime, timezone

import pytest

from ansible_collections.outsystems.lifetime.plugins.module_utils import dates
from ansible_collections.outsystems.lifetime.plugins.module_utils.deployments import durations


@pytest.mark.parametrize("text, expected", [
    ("2018-10-10T15:36:38.26Z", datetime(2018, 10, 10, 15, 36, 38, 260000, timezone.utc)),
    ("2024-04-05T10:31:14.4Z", datetime(2024, 4, 5, 10, 31, 14, 400000, timezone.utc)),
    ("2024-04-05T10:31:19Z", datetime(2024, 4, 5, 10, 31, 19, tzinfo=timezone.utc)),
    ("2018-10-10T15:02:10.853Z", datetime(2018, 10, 10, 15, 2, 10, 853000, timezone.utc)),
    ("2018-10-10T15:02:10", datetime(2018, 10, 10, 15, 2, 10, tzinfo=timezone.utc)),  # zone-less: taken as UTC
    ("2018-10-10T17:02:10.5+02:00", datetime(2018, 10, 10, 15, 2, 10, 500000, timezone.utc)),
    ("2026-01-31", datetime(2026, 1, 31, tzinfo=timezone.utc)),
])
def test_real_dates_are_aware_utc(text, expected):
    parsed = dates.parse_date(text)
    assert parsed == expected and parsed.utcoffset().total_seconds() == 0


@pytest.mark.parametrize("text", ["1900-01-01T00:00:00", "1900-01-01T00:00:00Z", "1900-01-01T00:00:00.000Z", "1900-01-01", "", "  ", None])
def test_not_set_is_none(text):
    assert dates.is_not_set(text) and dates.parse_date(text) is None and dates.date_or_none(text) is None


@pytest.mark.parametrize("text", ["yesterday", "2024-13-01T00:00:00Z", "2024-04-05T10:31:19Q"])
def test_malformed_dates_are_named(text):
    with pytest.raises(ValueError, match=text[:8]):
        dates.parse_date(text)
    assert dates.seconds_between(text, "2024-04-05T10:31:19Z") is None


def test_returned_dates_keep_what_the_server_sent_but_never_report_not_set():
    record = {"created_on": "2018-10-10T15:02:09Z", "started_on": "1900-01-01T00:00:00", "notes": "",
              "application_operations": [{"deployment_operation": "Deploy 1.0"}], "log": [{"Instant": "1900-01-01T00:00:00", "Message": ""}]}
    assert dates.without_unset_dates(record) == {
        "created_on": "2018-10-10T15:02:09Z", "started_on": None, "notes": "",
        "application_operations": [{"deployment_operation": "Deploy 1.0"}], "log": [{"Instant": None, "Message": ""}]}


def test_durations_of_a_plan_read_before_its_start():
    """The crash: StartedOn is the null date (zone-less) and the log instants are zoned."""
    plan = {"CreatedOn": "2018-10-10T15:02:09Z", "StartedOn": "1900-01-01T00:00:00", "AbortedOn": "1900-01-01T00:00:00"}
    status = {"DeploymentStatus": "finished_successful", "DeploymentLog": [
        {"Instant": "2024-04-05T10:30:27.177Z", "Message": "Uploaded solution pack file from disk"},
        {"Instant": "2024-04-05T10:31:14.4Z", "Message": "Synchronizing data with 'Development' environment."},
        {"Instant": "2024-04-05T10:31:19Z", "Message": "Deploy completed"}]}
    assert durations(plan, status) == {"created_on": "2018-10-10T15:02:09Z", "started_on": "2024-04-05T10:30:27.177Z",
                                       "finished_on": "2024-04-05T10:31:19Z", "seconds": 51.8}
    saved = durations(plan, {"DeploymentStatus": "saved", "DeploymentLog": []})
    assert saved == {"created_on": "2018-10-10T15:02:09Z", "started_on": None, "finished_on": None, "seconds": None}
    zoneless = durations({"StartedOn": "2024-04-05T10:30:00"}, status)
    assert zoneless["seconds"] == 79.0, "a zone-less real date is UTC, never compared naive with aware"


def test_dates_sort_in_time_not_as_text():
    texts = ["2021-10-27T17:22:21Z", "2021-10-27T17:22:21.45Z", "1900-01-01T00:00:00", "2021-10-27T17:22:21.5Z", "garbage"]
    ordered = sorted(texts, key=dates.date_sort_key)
    assert ordered[2:] == ["2021-10-27T17:22:21Z", "2021-10-27T17:22:21.45Z", "2021-10-27T17:22:21.5Z"]
