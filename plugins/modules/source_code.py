#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: source_code
short_description: Download the source code of a LifeTime application or module as it runs in an environment
version_added: 0.1.0
description:
  - Asks LifeTime to package the source code of an application or module in an environment
    (C(POST .../sourcecodeaccess/)), waits until the package is ready, and downloads the zip file.
  - When O(dest) exists and O(force=false), nothing is requested and nothing changes. With O(force=true),
    a new package is prepared and downloaded, and O(dest) is replaced only when its content differs.
  - Needs LifeTime 11.21.1 and Platform Server 11.27.0 or later.
options:
  application:
    description:
      - The name or key of the application. Give this or O(module).
    type: str
  module:
    description:
      - The name or key of the module. Give this or O(application).
    type: str
  environment:
    description:
      - The name or key of the environment whose running code is packaged.
    type: str
    required: true
  dest:
    description:
      - The zip file to write, or an existing directory to write C(<name>_source.zip) in. The directory must exist.
    type: path
    required: true
  wait_timeout:
    description:
      - Seconds LifeTime may take to prepare the package.
    type: int
    default: 600
  force:
    description:
      - Prepare and download the package even when O(dest) exists.
    type: bool
    default: false
notes:
  - Preparing a package is a request that changes LifeTime, so check mode sends none; it predicts a change when
    O(dest) is missing or O(force=true) (the content cannot be compared without a package).
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: Download the source code of Customer Portal as it runs in Development
  outsystems.lifetime.source_code:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
    application: Customer Portal
    environment: Development
    dest: /tmp/customer-portal-source.zip

- name: Fetch it again, whether or not the file exists
  outsystems.lifetime.source_code:
    module: CustomerPortal
    environment: Development
    dest: /tmp
    force: true
"""

RETURN = r"""
package_key:
  description: The key of the source code package LifeTime prepared. Null when nothing was requested.
  returned: success
  type: str
status:
  description: The package's last status (C(Done) when it was downloaded). Null when nothing was requested.
  returned: success
  type: str
  sample: Done
messages:
  description: LifeTime's messages about the package, with snake_case keys.
  returned: success
  type: list
  elements: dict
path:
  description: The zip file.
  returned: success
  type: str
size:
  description: Its size in bytes. Null in check mode when it does not exist yet.
  returned: success
  type: int
sha256:
  description: The sha256 of its content. Null in check mode when it does not exist yet.
  returned: success
  type: str
"""

import os

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.applications import running_status
from ansible_collections.outsystems.lifetime.plugins.module_utils.artifacts import existing_file, fetch, resolve_dest
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeError
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, record_key, record_name, to_snake
from ansible_collections.outsystems.lifetime.plugins.module_utils.waiting import WaitTimeout, wait_for

DONE = ("done",)
FAILED = ("error", "failed", "aborted", "cancelled", "canceled")


def package_status(body):
    if isinstance(body, list):
        body = body[0] if body else {}
    return body if isinstance(body, dict) else {}


# what the package is of -> the paths that start it, read its status and give its download link
SOURCE_CODE_PATHS = {
    "application": (endpoints.APPLICATION_SOURCE_CODE, endpoints.APPLICATION_SOURCE_CODE_STATUS, endpoints.APPLICATION_SOURCE_CODE_LINK),
    "module": (endpoints.MODULE_SOURCE_CODE, endpoints.MODULE_SOURCE_CODE_STATUS, endpoints.MODULE_SOURCE_CODE_LINK),
}


def source_code_calls(client, kind, keys):
    start, status, link = SOURCE_CODE_PATHS[kind]
    return {
        "start": lambda: client.post(endpoints.path(start, **keys)),
        "status": lambda key: client.get(endpoints.path(status, package_key=key, **keys)),
        "link": lambda key: client.get(endpoints.path(link, package_key=key, **keys)),
    }


def fetch_source(module):
    params = module.params
    environment = module.lookups.environment(params["environment"])
    env_key = record_key(environment)
    if params["application"]:
        target = module.lookups.application(params["application"])
        running_status(module.lookups, target, environment)
        calls = source_code_calls(module.client, "application", {"environment_key": env_key, "application_key": record_key(target)})
        what = "application '%s' in %s" % (record_name(target), record_name(environment))
    else:
        target = module.lookups.module(params["module"])
        calls = source_code_calls(module.client, "module", {"environment_key": env_key, "module_key": record_key(target)})
        what = "module '%s' in %s" % (record_name(target), record_name(environment))
    dest = resolve_dest(params["dest"], "%s_source.zip" % record_name(target))
    exists = os.path.isfile(dest)
    nothing = dict(package_key=None, status=None, messages=[])
    if exists and not params["force"]:
        found = existing_file(dest)
        module.exit_result(False, found, found, msg="%s exists; set force=true to download the source code again." % dest, **dict(nothing, **found))
    if module.check_mode:
        before = existing_file(dest) if exists else {}
        module.exit_result(True, before, {"path": dest}, path=dest, size=None, sha256=None, **nothing)

    started = package_status(calls["start"]())
    package_key = field(started, "PackageKey", "packageKey")
    if not package_key:
        raise LifetimeError("LifeTime started no source code package for %s (it answered %r)." % (what, started))
    state = {"last": started}

    def ready():
        current = package_status(calls["status"](package_key))
        state["last"] = current
        status = (field(current, "Status", "status") or "").strip().lower()
        if status in FAILED:
            raise LifetimeError("LifeTime could not prepare the source code package %s of %s: status %s. %s" % (
                package_key, what, field(current, "Status", "status"), messages_text(current)), package_key=package_key)
        return current if status in DONE else None

    try:
        final = wait_for(ready, params["wait_timeout"], what="the source code package of %s" % what)
    except WaitTimeout:
        raise LifetimeError("the source code package %s of %s was not ready within wait_timeout (%s seconds); its last status was %s. "
                            "Raise wait_timeout." % (package_key, what, params["wait_timeout"], field(state["last"], "Status", "status")))

    def get_link():
        return calls["link"](package_key)

    before = existing_file(dest) if exists else {}
    outcome = fetch(module.client, get_link, dest, "the source code package of %s" % what)
    after = {"path": dest, "size": outcome["size"], "sha256": outcome["sha256"]}
    module.exit_result(outcome["changed"], before, after, package_key=package_key, status=field(final, "Status", "status"),
                       messages=to_snake(field(final, "Messages", "messages") or []), **after)


def messages_text(status):
    texts = [field(message, "Message", "message") for message in field(status, "Messages", "messages") or [] if isinstance(message, dict)]
    return " ".join(text for text in texts if text)


def main():
    module = LifetimeModule(
        argument_spec=dict(
            application=dict(type="str"),
            module=dict(type="str"),
            environment=dict(type="str", required=True),
            dest=dict(type="path", required=True),
            wait_timeout=dict(type="int", default=600),
            force=dict(type="bool", default=False),
        ),
        mutually_exclusive=[("application", "module")],
        required_one_of=[("application", "module")],
        supports_check_mode=True,
    )
    module.run(fetch_source)


if __name__ == "__main__":
    main()
