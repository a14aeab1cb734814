# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Selection: from application names (and optional versions and zones) to the operations of a deployment plan.

Everything is resolved before any change: applications, versions and zones by name or key, what the target already
runs (skipped), and the warnings a person should read (an application modified since its version was tagged).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

APPLICATION_KEYS = ("name", "version", "deployment_zone")


def normalize_applications(applications):
    """Each element of the ``applications`` option as a dict with name, version and deployment_zone; a bad one is a ValueError."""
    if applications is None:
        return None
    normalized = []
    for element in applications:
        if isinstance(element, dict):
            unknown = sorted(set(element) - set(APPLICATION_KEYS))
            if unknown:
                raise ValueError("applications: unknown key(s) %s in %r; valid keys: name, version, deployment_zone" % (", ".join(unknown), element))
            if not element.get("name"):
                raise ValueError("applications: element %r has no name (the application name or key)" % (element,))
            normalized.append(dict(name=str(element["name"]), version=None if element.get("version") is None else str(element["version"]),
                                   deployment_zone=element.get("deployment_zone")))
        elif isinstance(element, (str, int, float)) and str(element).strip():
            normalized.append(dict(name=str(element).strip(), version=None, deployment_zone=None))
        else:
            raise ValueError("applications: element %r is neither an application name nor a dictionary with name" % (element,))
    return normalized
