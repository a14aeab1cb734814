#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: application_package
short_description: Download a LifeTime application package (.oap)
version_added: 0.1.0
description:
  - Downloads the package of one application version, or of the application as it runs in an environment,
    to a file on the host that runs the module.
  - The package is downloaded to a temporary file and compared with O(dest); O(dest) is replaced only when
    its content differs, so a second run reports no change.
  - A download link that is refused (LifeTime links expire after 60 minutes) is asked for again once.
  - The token is sent only to the LifeTime host, never to a download link on another host.
options:
  application:
    description:
      - The name or key of the application.
    type: str
    required: true
  version:
    description:
      - The version (for example C(1.2.0)) or version key to download. Give this or O(environment).
    type: str
  environment:
    description:
      - The name or key of an environment; the application as it runs there is downloaded. Give this or O(version).
    type: str
  dest:
    description:
      - The file to write, or an existing directory to write C(<application name>_<version>.oap) in.
      - The directory must exist.
    type: path
    required: true
  force:
    description:
      - Rewrite O(dest) (and report a change) even when it already holds the same content.
    type: bool
    default: false
notes:
  - In check mode the package is still downloaded (a read) to a temporary file to tell whether O(dest) would change;
    nothing is written to O(dest).
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: Download version 1.1.0 of Customer Portal
  outsystems.lifetime.application_package:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
    application: Customer Portal
    version: "1.1.0"
    dest: /tmp
  register: package

- name: Download what runs in Production
  outsystems.lifetime.application_package:
    application: Orders
    environment: Production
    dest: /tmp/orders-production.oap
"""

RETURN = r"""
path:
  description: The file written (or that would be, in check mode).
  returned: success
  type: str
  sample: /tmp/Customer Portal_1.1.0.oap
size:
  description: Its size in bytes.
  returned: success
  type: int
sha256:
  description: The sha256 of its content.
  returned: success
  type: str
application_key:
  description: The application's key.
  returned: success
  type: str
version:
  description: The version downloaded (with O(environment), the version the running application is based on).
  returned: success
  type: str
  sample: 1.1.0
version_key:
  description: That version's key.
  returned: success
  type: str
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.applications import (
    list_versions,
    running_status,
    version_label,
    version_labels,
    version_or_fail,
)
from ansible_collections.outsystems.lifetime.plugins.module_utils.artifacts import fetch, resolve_dest
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import record_key, record_name


def download(module):
    params = module.params
    application = module.lookups.application(params["application"])
    app_key = record_key(application)
    if params["version"]:
        record = version_or_fail(list_versions(module.client, app_key), params["version"], application)
        label, version_key = version_label(record), record_key(record)

        def get_link():
            return module.client.get(endpoints.path(endpoints.APPLICATION_VERSION_CONTENT, application_key=app_key, version_key=version_key))

        what = "version %s of application '%s'" % (label, record_name(application))
    else:
        environment = module.lookups.environment(params["environment"])
        label, version_key, _modified = running_status(module.lookups, application, environment)
        if version_key and not label:
            label = version_labels(module.client, app_key).get(version_key.lower())
        env_key = record_key(environment)

        def get_link():
            return module.client.get(endpoints.path(endpoints.ENVIRONMENT_APPLICATION_CONTENT, environment_key=env_key, application_key=app_key),
                                     params={"Type": "oap"})

        what = "application '%s' as it runs in %s" % (record_name(application), record_name(environment))
    dest = resolve_dest(params["dest"], "%s_%s.oap" % (record_name(application), label or "unversioned"))

    outcome = fetch(module.client, get_link, dest, what, check_mode=module.check_mode, force=params["force"])
    before = {"path": dest, "sha256": outcome["previous_sha256"]}
    after = {"path": dest, "sha256": outcome["sha256"]}
    module.exit_result(outcome["changed"], before, after, path=dest, size=outcome["size"], sha256=outcome["sha256"],
                       application_key=app_key, version=label, version_key=version_key)


def main():
    module = LifetimeModule(
        argument_spec=dict(
            application=dict(type="str", required=True),
            version=dict(type="str"),
            environment=dict(type="str"),
            dest=dict(type="path", required=True),
            force=dict(type="bool", default=False),
        ),
        mutually_exclusive=[("version", "environment")],
        required_one_of=[("version", "environment")],
        supports_check_mode=True,
    )
    module.run(download)


if __name__ == "__main__":
    main()
