# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Application versions and what runs where: the reads the application life-cycle modules share."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from concurrent.futures import ThreadPoolExecutor

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeApiError, LifetimeError
from ansible_collections.outsystems.lifetime.plugins.module_utils.lookups import not_found
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import (
    field,
    highest_version,
    is_version,
    parse_version,
    record_key,
    record_name,
)

# LifeTime returns 5 versions unless told otherwise; this asks for every one.
ALL_VERSIONS = 100000
# How many versions lists fill_version_labels reads at once.
LABEL_READERS = 4


def version_label(record):
    return field(record, "Version", "version")


def sort_versions(records):
    """Versions newest first, compared numerically (1.10.0 after 1.9.0); malformed labels last."""
    def order(record):
        label = version_label(record)
        return (1, parse_version(label)) if is_version(label) else (0, (0, 0, 0))
    return sorted(records, key=order, reverse=True)


def list_versions(client, application_key, maximum=ALL_VERSIONS, change_log_filter=None):
    """The application's versions (GET /applications/{key}/versions/), newest first."""
    params = {"MaximumVersionsToReturn": maximum}
    if change_log_filter:
        params["ChangeLogFilter"] = change_log_filter
    return sort_versions(client.get_list(endpoints.path(endpoints.APPLICATION_VERSIONS, application_key=application_key), params=params))


def same_version(left, right):
    """Two labels name the same version: equal text, or equal numbers (1.2 and 1.2.0)."""
    if left == right:
        return True
    if is_version(left) and is_version(right):
        return parse_version(left) == parse_version(right)
    return False


def find_version(versions, wanted):
    """The version record whose key or label is ``wanted``, or None."""
    text = str(wanted).strip()
    for record in versions:
        if (record_key(record) or "").lower() == text.lower():
            return record
    for record in versions:
        if same_version(version_label(record), text):
            return record
    return None


def version_or_fail(versions, wanted, application):
    record = find_version(versions, wanted)
    if record is None:
        labels = [version_label(item) for item in sort_versions(versions)]
        message = "version '%s' of application '%s' not found." % (wanted, record_name(application))
        if labels:
            message += " Its versions, newest first: %s." % ", ".join(label for label in labels[:25] if label)
        else:
            message += " It has no versions yet."
        raise LifetimeError(message)
    return record


def highest_label(versions):
    return highest_version([version_label(record) for record in versions])


def status_label(status):
    """The version label a status names, when the server sends one: the documented API gives only
    BaseApplicationVersionKey (BaseApplicationVersionLabel is in the swagger alone), so this is often None."""
    return field(status or {}, "BaseApplicationVersionLabel") or None


def version_labels(client, application_key):
    """{version key (lower case): label} of every version of the application, from one GET /applications/{key}/versions/."""
    versions = list_versions(client, application_key)
    return dict(((record_key(record) or "").lower(), version_label(record)) for record in versions if record_key(record))


def fill_version_labels(client, applications):
    """Give every status of ``applications`` that names a version key but no label its label (BaseApplicationVersionLabel).

    Reads the versions of each application concerned once; an application whose statuses already carry labels, or
    that runs no tagged version, costs no request.
    """
    unnamed = []
    for application in applications:
        statuses = [status for status in field(application, "AppStatusInEnvs", "appStatusInEnvs") or []
                    if field(status, "BaseApplicationVersionKey") and not status_label(status)]
        if statuses:
            unnamed.append((record_key(application), statuses))
    # The lists are independent reads: a few at a time, so the wait for LifeTime's answers overlaps (results in order).
    with ThreadPoolExecutor(max_workers=LABEL_READERS) as pool:
        all_labels = list(pool.map(lambda pair: version_labels(client, pair[0]), unnamed))
    for (_key, statuses), labels in zip(unnamed, all_labels):
        for status in statuses:
            status["BaseApplicationVersionLabel"] = labels.get(field(status, "BaseApplicationVersionKey").lower())
    return applications


def status_in(application, environment_key):
    """The application's AppStatusInEnvs entry for one environment, or {}."""
    for status in field(application, "AppStatusInEnvs", "appStatusInEnvs") or []:
        if (field(status, "EnvironmentKey", "environmentKey") or "").lower() == environment_key.lower():
            return status
    return {}


def running_status(lookups, application, environment):
    """(base version label, base version key, is_modified) of ``application`` in ``environment``.

    The label is None when LifeTime does not send it (see status_label). Fails, naming the applications that do run
    there, when it does not run there.
    """
    try:
        running = lookups.client.get(endpoints.path(endpoints.ENVIRONMENT_APPLICATION, environment_key=record_key(environment),
                                                    application_key=record_key(application)), params={"IncludeEnvStatus": True})
    except LifetimeApiError as exc:
        if exc.status != 404:
            raise
        names = [record_name(app) for app in lookups.running_applications(environment)]
        raise not_found("application", record_name(application), names, " running in environment '%s'" % record_name(environment))
    status = status_in(running or {}, record_key(environment))
    return (status_label(status),
            field(status, "BaseApplicationVersionKey") or None,
            bool(field(status, "IsModified")))


def environments_running(application, version_key, environments):
    """Names of the environments whose running application is based on ``version_key``."""
    names = []
    for environment in environments:
        status = status_in(application, record_key(environment))
        if status and (field(status, "BaseApplicationVersionKey") or "").lower() == (version_key or "").lower():
            names.append(record_name(environment))
    return names
