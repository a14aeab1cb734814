# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The application_version module's input check, its wait for a new tag to show in the application's versions, and the
module versions of a tag based on an earlier version (based_on_version)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.applications import list_versions, version_label, version_or_fail
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeError
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, is_version, parse_version, record_key
from ansible_collections.outsystems.lifetime.plugins.module_utils.waiting import WaitTimeout, wait_for


def asked_version(params):
    """The version asked for ('auto' when none); input errors fail here, before any request."""
    version = (params["version"] or "auto").strip()
    if params["state"] == "present":
        if version != "auto":
            parse_version(version)
        for mobile in params["mobile_versions"] or []:
            if not is_version(mobile["version_number"]):
                raise ValueError("mobile_versions: version_number '%s' for %s is not valid: use Major.Minor or Major.Minor.Revision" % (
                    mobile["version_number"], mobile["native_platform"]))
    else:
        if version == "auto" and not params["version_key"]:
            raise ValueError("state=absent needs the version to delete: give version (for example 1.0.0) or version_key")
        if version != "auto" and not is_version(version):
            parse_version(version)
    return version


def wait_until_listed(client, app_key, app_name, new_key, new_label, wait_timeout):
    """The version record of a new tag once LifeTime lists it (by key, else by label); fails after ``wait_timeout``."""
    def visible():
        for record in list_versions(client, app_key, maximum=25):
            if (new_key and (record_key(record) or "").lower() == new_key.lower()) or version_label(record) == new_label:
                return record
        return None

    try:
        return wait_for(visible, wait_timeout, what="the new version %s of '%s'" % (new_label, app_name))
    except WaitTimeout as exc:
        raise LifetimeError("version %s of application '%s' was tagged (key %s) but LifeTime did not show it within wait_timeout "
                            "(%s seconds): raise wait_timeout. %s" % (new_label, app_name, new_key, wait_timeout, exc))


def module_versions_of(client, app_key, version):
    """The keys of a version's module versions: the version list carries them (rollback-app-versions), else one GET of it."""
    modules = field(version, "ModuleVersions", "moduleVersions")
    if modules is None:
        detailed = client.get(endpoints.path(endpoints.APPLICATION_VERSION, application_key=app_key, version_key=record_key(version)),
                              params={"IncludeModules": True}) or {}
        modules = field(detailed, "ModuleVersions", "moduleVersions") or []
    return [record_key(module) for module in modules if record_key(module)]


def same_modules(left, right):
    return sorted(key.lower() for key in left) == sorted(key.lower() for key in right)


def based_on(client, application, versions, wanted):
    """For a tag based on version ``wanted``: its module version keys, and a version other than it made of the same ones
    (tagged from it before), or None."""
    app_key = record_key(application)
    record = version_or_fail(versions, wanted, application)
    keys = module_versions_of(client, app_key, record)
    existing = next((version for version in versions if record_key(version) != record_key(record)
                     and same_modules(module_versions_of(client, app_key, version), keys)), None)
    return dict(version=version_label(record), version_key=record_key(record), keys=keys, existing=existing)
