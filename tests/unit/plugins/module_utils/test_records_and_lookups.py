"""Versions compared as numbers, snake_case records, and name-or-key lookups with suggestions."""

import pytest

from ansible_collections.outsystems.lifetime.plugins.module_utils.client import LifetimeClient
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeLookupError
from ansible_collections.outsystems.lifetime.plugins.module_utils.lookups import Lookups, pick
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import (
    highest_version,
    next_version,
    parse_version,
    snake_name,
    to_snake,
)


@pytest.mark.parametrize("name, snake", [
    ("OSVersion", "os_version"), ("DetailsURL", "details_url"), ("UseHTTPS", "use_https"),
    ("expiresAt", "expires_at"), ("IsModified", "is_modified"), ("ApplicationKey", "application_key"),
    ("key", "key"), ("NumberOfFrontEnds", "number_of_front_ends"),
])
def test_snake_names(name, snake):
    assert snake_name(name) == snake


def test_to_snake_is_recursive():
    record = {"Key": "k", "AppStatusInEnvs": [{"EnvironmentKey": "e", "IsModified": True}]}
    assert to_snake(record) == {"key": "k", "app_status_in_envs": [{"environment_key": "e", "is_modified": True}]}


def test_versions_compare_as_numbers_not_strings():
    assert parse_version("1.10.0") > parse_version("1.9.9")
    assert highest_version(["1.9.0", "1.10.0", "1.2"]) == "1.10.0"
    assert parse_version("1.2") == (1, 2, 0)


@pytest.mark.parametrize("bump, expected", [("patch", "1.10.1"), ("minor", "1.11.0"), ("major", "2.0.0")])
def test_next_version(bump, expected):
    assert next_version(["1.9.3", "1.10.0", "0.1"], bump) == expected


def test_next_version_of_nothing_is_1_0_0():
    assert next_version([], "minor") == "1.0.0"


@pytest.mark.parametrize("bad", ["1", "v1.2", "1.2.3.4", "1.x", "", "1..2"])
def test_malformed_versions_are_named(bad):
    with pytest.raises(ValueError, match="version '%s' is not valid" % bad.replace(".", r"\.")):
        parse_version(bad)


def test_bad_bump_lists_the_valid_ones():
    with pytest.raises(ValueError, match="patch, minor, major"):
        next_version(["1.0.0"], "huge")


RECORDS = [{"Key": "AAA-1", "Name": "Production"}, {"Key": "BBB-2", "Name": "Test"}, {"key": "CCC-3", "name": "Development"}]


def test_pick_by_key_name_and_case():
    assert pick("environment", RECORDS, "bbb-2")["Name"] == "Test"
    assert pick("environment", RECORDS, "Production")["Key"] == "AAA-1"
    assert pick("environment", RECORDS, "development")["key"] == "CCC-3"


def test_unknown_name_lists_valid_names_and_suggests_the_closest():
    with pytest.raises(LifetimeLookupError) as error:
        pick("environment", RECORDS, "Prod")
    message = str(error.value)
    assert "environment 'Prod' not found" in message
    assert "Development, Production, Test" in message
    assert "Did you mean 'Production'?" in message


def test_lookups_are_cached_for_the_run(simulator):
    lookups = Lookups(LifetimeClient(simulator.root_url, "demo-token", timeout=30, retries=3))
    lookups.environment("Test")
    lookups.environment("Production")
    lookups.application("Orders")
    lookups.application("Inventory")
    paths = [entry["path"] for entry in simulator.requests() if "/lifetimeapi/" in entry["path"]]
    assert len(paths) == 2


def test_lookup_of_an_unknown_application_against_the_simulator(simulator):
    lookups = Lookups(LifetimeClient(simulator.root_url, "demo-token", timeout=30, retries=3))
    with pytest.raises(LifetimeLookupError, match="Did you mean 'Orders'"):
        lookups.application("Order")


def test_users_are_found_by_username_or_full_name(simulator):
    lookups = Lookups(LifetimeClient(simulator.root_url, "demo-token", timeout=30, retries=3))
    alice = lookups.user("alice")
    assert alice["Username"] == "alice"
    assert lookups.user(alice["Name"])["Key"] == alice["Key"]
    with pytest.raises(LifetimeLookupError, match="Valid user names: admin, alice, bob"):
        lookups.user("carol")
