# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The application_version module's input check and its wait for a new tag to show in the application's versions."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.outsystems.lifetime.plugins.module_utils.applications import list_versions, version_label
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeError
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import is_version, parse_version, record_key
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
