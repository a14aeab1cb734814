# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Applications by environment: the version each runs in each environment, and the drift between adjacent environments."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.outsystems.lifetime.plugins.module_utils.applications import fill_version_labels
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, record_key, record_name


def text_of(value):
    return "" if value is None else "%s" % (value,)


def in_promotion_order(environments):
    """The environments by Order (LifeTime's promotion path); one without an Order keeps its place after those with one."""
    positions = list(enumerate(environments))
    return [env for _index, env in sorted(positions, key=lambda item: (field(item[1], "Order") is None, field(item[1], "Order") or 0, item[0]))]


def cells(application, environments):
    """One cell per environment: the version the application runs there (compared by key) and whether it differs from
    the environment to the left."""
    statuses = dict((text_of(field(status, "EnvironmentKey", "environmentKey")).lower(), status)
                    for status in field(application, "AppStatusInEnvs", "appStatusInEnvs") or [])
    row, previous = [], ""
    for index, environment in enumerate(environments):
        status = statuses.get(text_of(record_key(environment)).lower()) or {}
        version_key = text_of(field(status, "BaseApplicationVersionKey")).lower()
        row.append({"environment": record_name(environment), "version": field(status, "BaseApplicationVersionLabel") or None,
                    "version_key": version_key or None, "deployed": version_key != "",
                    "modified": bool(field(status, "IsModified")), "drift": index > 0 and version_key != previous})
        previous = version_key
    return row


def application_matrix(environments, applications):
    """{environments, rows, drift} of raw LifeTime records (environments, and applications with AppStatusInEnvs)."""
    environments = in_promotion_order(environments)
    names = [record_name(environment) for environment in environments]
    rows = []
    for application in sorted(applications, key=lambda app: text_of(record_name(app)).lower()):
        row = cells(application, environments)
        rows.append({"name": record_name(application), "key": record_key(application), "kind": field(application, "Kind") or "",
                     "drift_into": [cell["environment"] for cell in row if cell["drift"]], "cells": row})
    columns = [{"name": names[index], "key": record_key(environment), "type": field(environment, "EnvironmentType") or "",
                "order": field(environment, "Order") if field(environment, "Order") is not None else index}
               for index, environment in enumerate(environments)]
    drift = [{"from": names[index - 1], "to": names[index], "applications": [row["name"] for row in rows if row["cells"][index]["drift"]]}
             for index in range(1, len(environments))]
    return {"environments": columns, "rows": rows, "drift": drift}


def read_matrix(lookups, client, version_labels=True):
    """application_matrix of what LifeTime runs: two list requests, and with ``version_labels`` one versions read per
    application whose statuses lack labels."""
    environments = lookups.environments()
    applications = lookups.applications(env_status=True)
    if version_labels:
        fill_version_labels(client, applications)
    return application_matrix(environments, applications)
